/* weft-trace-json.c — the trace of a run in the Chrome trace-event format.
 *
 * The run's events are replayed once, in order, into a flat list of records: a slice for
 * each state an actor was in, counter samples, the two ends of each flow, instants. The
 * records are then sorted by time (Perfetto wants every thread's timestamps in order) and
 * emitted as trace events, to a JSON tree or straight to a file as text.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "weft-trace-json.h"
#include "weft-output.h"

#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif

/* Chrome's trace viewer wants one process; the actors are its threads, tid = index + 1. */
#define TRACE_PID 1

/* An actor's state before the first STATE event we have of it, when older events were
 * dropped by the trace's memory cap. */
#define STATE_UNKNOWN 0xFF

/* In the order records of the same timestamp are emitted: a flow end must come after the
 * slice that starts at its timestamp, so that it binds to that slice. */
typedef enum
{
  RECORD_SLICE,
  RECORD_COUNTER,
  RECORD_FLOW_START,
  RECORD_FLOW_END,
  RECORD_INSTANT,
} RecordType;

typedef enum
{
  COUNTER_HELD,     /* lock: 0 or 1; reentrant lock: depth */
  COUNTER_VALUE,    /* semaphore's count, shared variable's value */
  COUNTER_LENGTH,   /* queue */
  COUNTER_ARRIVED,  /* barrier */
  COUNTER_SET,      /* event (flag): 0 or 1 */
  COUNTER_WAITERS,  /* actors blocked or waiting on the object */
} CounterKind;

typedef enum
{
  FLOW_HANDOFF,  /* release → acquire by an actor that was blocked */
  FLOW_WAKE,     /* notify, set, barrier opening, room in a queue → the woken waiter */
  FLOW_ITEM,     /* put → get of the same queue item */
} FlowKind;

static const struct
{
  const char *cat;
  const char *name;
} flow_names[] = {
  [FLOW_HANDOFF] = { "handoff", "hand-off" },
  [FLOW_WAKE] = { "wake", "wake" },
  [FLOW_ITEM] = { "item", "item" },
};

/* Instants, for the events that are neither states nor counted nor flows. */
static const char * const instant_names[WEFT_N_EVENT_KINDS] = {
  [WEFT_EVENT_DEADLOCK] = "deadlock",
  [WEFT_EVENT_RUN_PAUSE] = "pause",
  [WEFT_EVENT_RUN_RESUME] = "resume",
  [WEFT_EVENT_RUN_STOP] = "stop",
  [WEFT_EVENT_RUN_END] = "end",
  [WEFT_EVENT_STEP] = "step",
  [WEFT_EVENT_MISUSE] = "misuse",
  [WEFT_EVENT_TRY_FAILED] = "try-failed",
  [WEFT_EVENT_MARK] = "mark",
};

static const char * const counter_keys[] = {
  [COUNTER_HELD] = "held",
  [COUNTER_VALUE] = "value",
  [COUNTER_LENGTH] = "length",
  [COUNTER_ARRIVED] = "arrived",
  [COUNTER_SET] = "set",
  [COUNTER_WAITERS] = "count",
};

typedef struct
{
  guint64 ts_ns;
  guint64 extra;    /* slice: duration (ns); flow: id; instant: index in events */
  guint32 seq;      /* order of creation, to keep the sort stable */
  guint8  type;     /* RecordType */
  guint8  what;     /* slice: WeftState; counter: CounterKind; flow: FlowKind */
  guint16 actor;    /* WEFT_NONE: the whole process */
  guint16 object;
  gint32  value;    /* slice: the STATE event's value; counter: the sample */
} Record;

typedef struct
{
  guint8  state;        /* WeftState or STATE_UNKNOWN */
  guint16 object;
  gint32  value;
  guint64 since_ns;
  guint16 blocked_on;   /* the object its acquisition under way blocked on, or WEFT_NONE */
} ActorTrack;

typedef struct
{
  gint32      last_value;      /* of its own counter */
  gboolean    has_value;
  guint       n_waiters;
  gboolean    has_waiters;
  gboolean    has_release;     /* the last release that left it free to take */
  guint16     release_actor;
  guint64     release_ns;
  GHashTable *puts;            /* queues: item → GQueue of PendingPut, oldest first */
} ObjectTrack;

typedef struct
{
  guint16 actor;
  guint64 ts_ns;
} PendingPut;

/* A waiter woken before the event that woke it was recorded (notify, set). */
typedef struct
{
  guint16 actor;
  guint16 object;
  guint64 ts_ns;
} PendingWake;

typedef struct
{
  WeftRun     *run;
  guint        n_actors;
  guint        n_objects;
  GArray      *events;         /* WeftEvent, a copy of what the trace kept */
  guint64      first;          /* index of events[0] in the trace */
  GArray      *records;        /* Record */
  GPtrArray   *waiters_names;  /* "<object> waiters" */
  GPtrArray   *activities;     /* cache of weft_run_get_activity() */
  guint64      end_ns;
  guint64      n_flows;

  /* While replaying only. */
  ActorTrack  *actors;
  ObjectTrack *objects;
  GArray      *pending_wakes;  /* PendingWake */
  gboolean     has_source;     /* the last event whose waiters are recorded after it */
  guint16      source_actor;
  guint16      source_object;
  guint64      source_ns;
  guint64      source_index;   /* of the last event of its run of events */
  gboolean     source_is_put;
} TraceModel;

static void
trace_model_free (TraceModel *model)
{
  g_clear_pointer (&model->events, g_array_unref);
  g_clear_pointer (&model->records, g_array_unref);
  g_clear_pointer (&model->waiters_names, g_ptr_array_unref);
  g_clear_pointer (&model->activities, g_ptr_array_unref);
  g_clear_pointer (&model->pending_wakes, g_array_unref);
  if (model->objects != NULL)
    {
      for (guint i = 0; i < model->n_objects; i++)
        g_clear_pointer (&model->objects[i].puts, g_hash_table_unref);
    }
  g_clear_pointer (&model->objects, g_free);
  g_clear_pointer (&model->actors, g_free);
  g_free (model);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TraceModel, trace_model_free)

static void
pending_puts_free (gpointer data)
{
  g_queue_free_full (data, g_free);
}

static Record *
add_record (TraceModel *model,
            RecordType  type,
            guint64     ts_ns,
            guint16     actor,
            guint16     object)
{
  Record record = { 0 };

  record.ts_ns = ts_ns;
  record.seq = model->records->len;
  record.type = (guint8) type;
  record.actor = actor;
  record.object = object;
  g_array_append_val (model->records, record);

  return &g_array_index (model->records, Record, model->records->len - 1);
}

static void
add_counter (TraceModel  *model,
             guint64      ts_ns,
             guint16      object,
             CounterKind  kind,
             gint32       value)
{
  Record *record = add_record (model, RECORD_COUNTER, ts_ns, WEFT_NONE, object);

  record->what = (guint8) kind;
  record->value = value;
}

/* Samples an object's own counter, only when it changes. */
static void
set_counter (TraceModel  *model,
             guint64      ts_ns,
             guint16      object,
             CounterKind  kind,
             gint32       value)
{
  ObjectTrack *track = &model->objects[object];

  if (track->has_value && track->last_value == value)
    return;

  track->has_value = TRUE;
  track->last_value = value;
  add_counter (model, ts_ns, object, kind, value);
}

static void
add_waiters (TraceModel *model,
             guint64     ts_ns,
             guint16     object,
             gint        delta)
{
  ObjectTrack *track = &model->objects[object];

  /* The track starts at 0 when the run starts, if we saw it start. */
  if (!track->has_waiters && model->first == 0)
    add_counter (model, 0, object, COUNTER_WAITERS, 0);
  track->has_waiters = TRUE;

  /* After dropped events an actor may leave a wait we did not see it enter. */
  if (delta < 0 && track->n_waiters == 0)
    return;
  track->n_waiters = (guint) ((gint) track->n_waiters + delta);
  add_counter (model, ts_ns, object, COUNTER_WAITERS, (gint32) track->n_waiters);
}

static void
add_flow (TraceModel *model,
          FlowKind    kind,
          guint16     from_actor,
          guint64     from_ns,
          guint16     to_actor,
          guint64     to_ns)
{
  guint64 id;
  Record *record;

  if (from_actor == to_actor)
    return;

  id = ++model->n_flows;
  record = add_record (model, RECORD_FLOW_START, from_ns, from_actor, WEFT_NONE);
  record->what = (guint8) kind;
  record->extra = id;
  /* The end may not come before the start (a waiter woken just before its notify event
   * was recorded): at the start's time it is already in the slice it was woken into. */
  record = add_record (model, RECORD_FLOW_END, MAX (from_ns, to_ns), to_actor, WEFT_NONE);
  record->what = (guint8) kind;
  record->extra = id;
}

static void
add_instant (TraceModel *model,
             guint64     index,
             guint64     ts_ns,
             guint16     actor)
{
  Record *record = add_record (model, RECORD_INSTANT, ts_ns, actor, WEFT_NONE);

  record->extra = index;
}

static gboolean
is_waiting (guint8 state)
{
  return state == WEFT_STATE_BLOCKED || state == WEFT_STATE_WAITING;
}

static gboolean
wakes_waiters (WeftObjectKind kind)
{
  return kind == WEFT_OBJECT_CONDITION || kind == WEFT_OBJECT_FLAG ||
         kind == WEFT_OBJECT_BARRIER || kind == WEFT_OBJECT_QUEUE;
}

static void
close_slice (TraceModel *model,
             guint16     actor,
             guint64     end_ns)
{
  ActorTrack *track = &model->actors[actor];
  Record *record;

  /* A finished thread shows nothing, like a real one that has exited; an instant
   * between two events at the same nanosecond has nothing to show either. */
  if (track->state == STATE_UNKNOWN || track->state == WEFT_STATE_DONE || end_ns <= track->since_ns)
    return;

  record = add_record (model, RECORD_SLICE, track->since_ns, actor, track->object);
  record->what = track->state;
  record->value = track->value;
  record->extra = end_ns - track->since_ns;
}

/* A waiter leaving WAITING was woken by the event on the same object recorded just before
 * (a barrier opening, a queue's put or get) or just after (notify, set) in the same
 * monitor section: the monitor makes a section's events contiguous in the trace. */
static void
note_woken (TraceModel *model,
            guint64     index,
            guint16     actor,
            guint16     object,
            guint64     ts_ns)
{
  PendingWake wake = { actor, object, ts_ns };

  if (model->has_source && model->source_object == object && model->source_index + 1 == index)
    {
      /* A getter woken by a put gets the item: the item's flow shows that. */
      if (!model->source_is_put)
        add_flow (model, FLOW_WAKE, model->source_actor, model->source_ns, actor, ts_ns);
      model->source_index = index;
      return;
    }

  g_array_append_val (model->pending_wakes, wake);
}

static void
replay_state (TraceModel      *model,
              guint64          index,
              const WeftEvent *event,
              guint64          ts_ns)
{
  ActorTrack *track = &model->actors[event->actor];
  guint8 state = event->aux;
  guint16 object = event->object < model->n_objects ? event->object : WEFT_NONE;
  gboolean woken = FALSE;

  if (state >= WEFT_N_STATES)
    return;

  close_slice (model, event->actor, ts_ns);

  if (track->state != STATE_UNKNOWN && is_waiting (track->state) && track->object != WEFT_NONE)
    {
      add_waiters (model, ts_ns, track->object, -1);
      woken = track->state == WEFT_STATE_WAITING && state != WEFT_STATE_WAITING &&
              wakes_waiters (weft_object_get_kind (weft_run_get_object (model->run, track->object)));
    }
  if (is_waiting (state) && object != WEFT_NONE)
    add_waiters (model, ts_ns, object, +1);
  if (state == WEFT_STATE_BLOCKED)
    track->blocked_on = object;

  if (woken)
    note_woken (model, index, event->actor, track->object, ts_ns);
  else
    g_array_set_size (model->pending_wakes, 0);

  track->state = state;
  track->object = object;
  track->value = event->value;
  track->since_ns = ts_ns;
}

static void
set_source (TraceModel      *model,
            guint64          index,
            const WeftEvent *event,
            guint64          ts_ns,
            gboolean         is_put)
{
  model->has_source = TRUE;
  model->source_actor = event->actor;
  model->source_object = event->object;
  model->source_ns = ts_ns;
  model->source_index = index;
  model->source_is_put = is_put;
}

static void
replay_acquired (TraceModel      *model,
                 const WeftEvent *event,
                 guint64          ts_ns,
                 WeftObjectKind   kind)
{
  ActorTrack *track = &model->actors[event->actor];
  ObjectTrack *object = &model->objects[event->object];

  set_counter (model, ts_ns, event->object,
               kind == WEFT_OBJECT_LOCK || kind == WEFT_OBJECT_RLOCK ? COUNTER_HELD : COUNTER_VALUE,
               event->value);

  /* Whoever released it last let this blocked actor have it, barging aside. */
  if (track->blocked_on == event->object && object->has_release)
    add_flow (model, FLOW_HANDOFF, object->release_actor, object->release_ns, event->actor, ts_ns);
  track->blocked_on = WEFT_NONE;
}

static void
replay_released (TraceModel      *model,
                 const WeftEvent *event,
                 guint64          ts_ns,
                 WeftObjectKind   kind)
{
  ObjectTrack *object = &model->objects[event->object];
  gboolean is_lock = kind == WEFT_OBJECT_LOCK || kind == WEFT_OBJECT_RLOCK;

  set_counter (model, ts_ns, event->object, is_lock ? COUNTER_HELD : COUNTER_VALUE, event->value);

  /* A reentrant lock is free only once its depth is back to 0. */
  if (kind != WEFT_OBJECT_RLOCK || event->value == 0)
    {
      object->has_release = TRUE;
      object->release_actor = event->actor;
      object->release_ns = ts_ns;
    }
}

static void
replay_put (TraceModel      *model,
            const WeftEvent *event,
            guint64          ts_ns)
{
  ObjectTrack *object = &model->objects[event->object];
  PendingPut *put = g_new (PendingPut, 1);
  GQueue *queue;

  if (object->puts == NULL)
    object->puts = g_hash_table_new_full (NULL, NULL, NULL, pending_puts_free);

  queue = g_hash_table_lookup (object->puts, GINT_TO_POINTER (event->value));
  if (queue == NULL)
    {
      queue = g_queue_new ();
      g_hash_table_insert (object->puts, GINT_TO_POINTER (event->value), queue);
    }

  put->actor = event->actor;
  put->ts_ns = ts_ns;
  g_queue_push_tail (queue, put);
}

/* Equal items are told apart first in, first out. */
static void
replay_get (TraceModel      *model,
            const WeftEvent *event,
            guint64          ts_ns)
{
  ObjectTrack *object = &model->objects[event->object];
  g_autofree PendingPut *put = NULL;
  GQueue *queue;

  if (object->puts == NULL)
    return;
  queue = g_hash_table_lookup (object->puts, GINT_TO_POINTER (event->value));
  if (queue == NULL)
    return;

  put = g_queue_pop_head (queue);
  if (g_queue_is_empty (queue))
    g_hash_table_remove (object->puts, GINT_TO_POINTER (event->value));
  if (put != NULL)
    add_flow (model, FLOW_ITEM, put->actor, put->ts_ns, event->actor, ts_ns);
}

/* Waiters woken just before the notify or set that woke them. */
static void
match_pending_wakes (TraceModel      *model,
                     const WeftEvent *event,
                     guint64          ts_ns)
{
  for (guint i = 0; i < model->pending_wakes->len; i++)
    {
      PendingWake *wake = &g_array_index (model->pending_wakes, PendingWake, i);

      if (wake->object == event->object)
        add_flow (model, FLOW_WAKE, event->actor, ts_ns, wake->actor, wake->ts_ns);
    }
  g_array_set_size (model->pending_wakes, 0);
}

static void
replay_event (TraceModel      *model,
              guint64          index,
              const WeftEvent *event)
{
  guint64 ts_ns = weft_event_get_time (event);
  gboolean has_actor = event->actor < model->n_actors;
  gboolean has_object = event->object < model->n_objects;
  WeftObjectKind kind = WEFT_N_OBJECT_KINDS;

  if (has_object)
    kind = weft_object_get_kind (weft_run_get_object (model->run, event->object));

  if (event->kind == WEFT_EVENT_STATE)
    {
      if (has_actor)
        replay_state (model, index, event, ts_ns);
      return;
    }

  /* After dropped events, an actor we have seen no state of is running when it does
   * something. */
  if (has_actor && model->actors[event->actor].state == STATE_UNKNOWN &&
      event->kind != WEFT_EVENT_STEP && event->kind != WEFT_EVENT_CYCLE_EDGE)
    {
      model->actors[event->actor].state = WEFT_STATE_RUNNING;
      model->actors[event->actor].since_ns = ts_ns;
    }

  /* Waiters woken just before are matched by the very next event, or never. */
  if (event->kind != WEFT_EVENT_NOTIFY && event->kind != WEFT_EVENT_NOTIFY_ALL &&
      event->kind != WEFT_EVENT_FLAG_SET)
    g_array_set_size (model->pending_wakes, 0);

  switch (event->kind)
    {
    case WEFT_EVENT_ACQUIRED:
      if (has_actor && has_object)
        replay_acquired (model, event, ts_ns, kind);
      break;

    case WEFT_EVENT_RELEASED:
      if (has_actor && has_object)
        replay_released (model, event, ts_ns, kind);
      break;

    case WEFT_EVENT_NOTIFY:
    case WEFT_EVENT_NOTIFY_ALL:
    case WEFT_EVENT_FLAG_SET:
      if (has_actor && has_object)
        {
          /* Its waiters were recorded before it, not after. */
          match_pending_wakes (model, event, ts_ns);
          model->has_source = FALSE;
          if (event->kind == WEFT_EVENT_FLAG_SET)
            set_counter (model, ts_ns, event->object, COUNTER_SET, 1);
        }
      break;

    case WEFT_EVENT_FLAG_CLEAR:
      if (has_object)
        set_counter (model, ts_ns, event->object, COUNTER_SET, 0);
      break;

    case WEFT_EVENT_BARRIER_ARRIVE:
      if (has_object)
        set_counter (model, ts_ns, event->object, COUNTER_ARRIVED, event->value);
      break;

    case WEFT_EVENT_BARRIER_OPEN:
      if (has_actor && has_object)
        {
          set_counter (model, ts_ns, event->object, COUNTER_ARRIVED, 0);
          set_source (model, index, event, ts_ns, FALSE);
        }
      break;

    case WEFT_EVENT_QUEUE_PUT:
    case WEFT_EVENT_QUEUE_GET:
      if (has_actor && has_object)
        {
          if (event->kind == WEFT_EVENT_QUEUE_PUT)
            replay_put (model, event, ts_ns);
          else
            replay_get (model, event, ts_ns);
          set_source (model, index, event, ts_ns, event->kind == WEFT_EVENT_QUEUE_PUT);
        }
      break;

    case WEFT_EVENT_QUEUE_LENGTH:
      if (has_object)
        {
          set_counter (model, ts_ns, event->object, COUNTER_LENGTH, event->value);
          /* The waiters a put or get wakes come after its length. */
          if (model->has_source && model->source_object == event->object &&
              model->source_index + 1 == index)
            model->source_index = index;
        }
      break;

    case WEFT_EVENT_READ:
    case WEFT_EVENT_WRITE:
      /* A read shows the value too, in case the write that made it was dropped. */
      if (has_object)
        set_counter (model, ts_ns, event->object, COUNTER_VALUE, event->value);
      break;

    case WEFT_EVENT_DEADLOCK:
    case WEFT_EVENT_RUN_PAUSE:
    case WEFT_EVENT_RUN_RESUME:
    case WEFT_EVENT_RUN_STOP:
    case WEFT_EVENT_RUN_END:
      add_instant (model, index, ts_ns, WEFT_NONE);
      break;

    case WEFT_EVENT_STEP:
    case WEFT_EVENT_MISUSE:
    case WEFT_EVENT_TRY_FAILED:
    case WEFT_EVENT_MARK:
      add_instant (model, index, ts_ns, has_actor ? event->actor : WEFT_NONE);
      break;

    case WEFT_EVENT_RUN_START:
    case WEFT_EVENT_COND_WAIT:
    case WEFT_EVENT_FLAG_PASSED:
    case WEFT_EVENT_CYCLE_EDGE:
    case WEFT_EVENT_STATE:
    case WEFT_N_EVENT_KINDS:
    default:
      break;
    }
}

/* What each object holds when the run starts. */
static void
add_initial_counters (TraceModel *model)
{
  for (guint i = 0; i < model->n_objects; i++)
    {
      WeftObject *object = weft_run_get_object (model->run, i);
      gint32 initial = weft_object_get_initial_value (object);

      switch (weft_object_get_kind (object))
        {
        case WEFT_OBJECT_LOCK:
        case WEFT_OBJECT_RLOCK:
          set_counter (model, 0, (guint16) i, COUNTER_HELD, 0);
          break;
        case WEFT_OBJECT_SEMAPHORE:
        case WEFT_OBJECT_BOUNDED_SEMAPHORE:
        case WEFT_OBJECT_SHARED:
          set_counter (model, 0, (guint16) i, COUNTER_VALUE, initial);
          break;
        case WEFT_OBJECT_QUEUE:
          set_counter (model, 0, (guint16) i, COUNTER_LENGTH, 0);
          break;
        case WEFT_OBJECT_BARRIER:
          set_counter (model, 0, (guint16) i, COUNTER_ARRIVED, 0);
          break;
        case WEFT_OBJECT_FLAG:
          set_counter (model, 0, (guint16) i, COUNTER_SET, 0);
          break;
        case WEFT_OBJECT_CONDITION:
        case WEFT_N_OBJECT_KINDS:
        default:
          break;
        }
    }
}

static gint
compare_records (gconstpointer a,
                 gconstpointer b)
{
  const Record *ra = a;
  const Record *rb = b;

  if (ra->ts_ns != rb->ts_ns)
    return ra->ts_ns < rb->ts_ns ? -1 : 1;
  if (ra->type != rb->type)
    return ra->type < rb->type ? -1 : 1;
  return ra->seq < rb->seq ? -1 : ra->seq > rb->seq;
}

static TraceModel *
trace_model_new (WeftRun *run)
{
  g_autoptr(TraceModel) model = g_new0 (TraceModel, 1);
  WeftTrace *trace = weft_run_get_trace (run);
  guint64 n_events = weft_trace_get_n_events (trace);
  guint64 last_ns = 0;

  model->run = run;
  model->n_actors = weft_run_get_n_actors (run);
  model->n_objects = weft_run_get_n_objects (run);
  model->first = weft_trace_get_first (trace);
  model->events = g_array_sized_new (FALSE, FALSE, sizeof (WeftEvent),
                                     (guint) MIN (n_events - model->first, G_MAXUINT));
  model->records = g_array_new (FALSE, FALSE, sizeof (Record));
  model->pending_wakes = g_array_new (FALSE, FALSE, sizeof (PendingWake));
  model->actors = g_new0 (ActorTrack, model->n_actors);
  model->objects = g_new0 (ObjectTrack, model->n_objects);
  model->activities = g_ptr_array_new ();
  model->waiters_names = g_ptr_array_new_full (model->n_objects, g_free);

  for (guint i = 0; i < model->n_objects; i++)
    {
      const char *name = weft_object_get_name (weft_run_get_object (run, i));

      /* Translators: a counter in a trace opened in Perfetto: how many threads wait on an
       * object, e.g. "fork 2 waiters". */
      g_ptr_array_add (model->waiters_names, g_strdup_printf (_("%s waiters"), name));
    }

  /* A run that may still be going is read up to what was published when we started;
   * events the memory cap drops while we read are left out. */
  for (guint64 i = model->first; i < n_events; i++)
    {
      WeftEvent event;

      /* The window starts again after a gap, so that the replay never skips one. */
      if (!weft_trace_read (trace, i, &event))
        {
          g_array_set_size (model->events, 0);
          model->first = i + 1;
          continue;
        }
      g_array_append_val (model->events, event);
    }

  /* Actors are new until their thread starts, unless that was dropped. */
  for (guint i = 0; i < model->n_actors; i++)
    {
      model->actors[i].state = model->first == 0 ? WEFT_STATE_NEW : STATE_UNKNOWN;
      model->actors[i].object = WEFT_NONE;
      model->actors[i].blocked_on = WEFT_NONE;
    }
  if (model->first == 0)
    add_initial_counters (model);

  for (guint i = 0; i < model->events->len; i++)
    {
      const WeftEvent *event = &g_array_index (model->events, WeftEvent, i);

      replay_event (model, i, event);
      last_ns = MAX (last_ns, weft_event_get_time (event));
    }

  /* The states last until the run ended, or until now if it goes on. */
  model->end_ns = MAX (weft_run_get_elapsed_ns (run), last_ns);
  for (guint i = 0; i < model->n_actors; i++)
    close_slice (model, (guint16) i, model->end_ns);

  g_array_sort (model->records, compare_records);

  return g_steal_pointer (&model);
}

static const char *
get_activity (TraceModel *model,
              guint16     id)
{
  if (id == 0)
    return NULL;

  while (model->activities->len <= id)
    g_ptr_array_add (model->activities, (gpointer) weft_run_get_activity (model->run,
                                                                          (guint16) model->activities->len));
  return g_ptr_array_index (model->activities, id);
}

static const char *
get_object_name (TraceModel *model,
                 guint16     object)
{
  if (object >= model->n_objects)
    return NULL;
  return weft_object_get_name (weft_run_get_object (model->run, object));
}

/* ---- Emitting ------------------------------------------------------------------------ */

/* The document is described once, to an emitter that either builds a JSON tree
 * (weft_trace_json_build) or writes the JSON text straight to a file a buffer at a time
 * (weft_trace_json_write): json-glib's tree takes about 2 KiB and 8 µs per trace event,
 * too much for the million events of a long run. Both give the same document. */

#define EMIT_MAX_DEPTH 8
/* Text buffered before it goes to the file. */
#define EMIT_FLUSH_BYTES (256 * 1024)

typedef struct
{
  JsonBuilder *builder;        /* a tree, or else text: */
  GString     *text;
  int          fd;             /* where the text goes, -1 to keep it */
  int          saved_errno;    /* of the first failed write */
  guint        depth;
  gboolean     first[EMIT_MAX_DEPTH];  /* nothing written yet in this object or array */
  gboolean     after_name;     /* a member's name was written, its value comes next */
} Emitter;

static void
emit_flush (Emitter *e)
{
  const char *data = e->text->str;
  gsize length = e->text->len;

  while (length > 0 && e->saved_errno == 0)
    {
      gssize written = write (e->fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written < 0)
        {
          e->saved_errno = errno;
          break;
        }
      data += written;
      length -= (gsize) written;
    }

  g_string_truncate (e->text, 0);
}

/* Between two trace events: the text goes to the file once there is enough of it. */
static void
emit_maybe_flush (Emitter *e)
{
  if (e->text != NULL && e->fd >= 0 && e->text->len >= EMIT_FLUSH_BYTES)
    emit_flush (e);
}

/* The comma before a value, unless it is a member's value or the first one. */
static void
emit_separator (Emitter *e)
{
  if (e->after_name)
    {
      e->after_name = FALSE;
      return;
    }
  if (e->depth > 0)
    {
      if (!e->first[e->depth - 1])
        g_string_append_c (e->text, ',');
      e->first[e->depth - 1] = FALSE;
    }
}

static void
emit_quoted (GString    *text,
             const char *str)
{
  const char *span = str;
  const char *p;

  g_string_append_c (text, '"');
  for (p = str; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c != '"' && c != '\\' && c >= 0x20)
        continue;

      /* What needs no escaping goes in whole. */
      g_string_append_len (text, span, p - span);
      span = p + 1;
      if (c < 0x20)
        g_string_append_printf (text, "\\u%04x", c);
      else
        {
          g_string_append_c (text, '\\');
          g_string_append_c (text, (char) c);
        }
    }
  g_string_append_len (text, span, p - span);
  g_string_append_c (text, '"');
}

static void
emit_push (Emitter *e,
           char     open)
{
  emit_separator (e);
  g_string_append_c (e->text, open);
  g_assert (e->depth < EMIT_MAX_DEPTH);
  e->first[e->depth++] = TRUE;
}

static void
emit_pop (Emitter *e,
          char     close)
{
  g_assert (e->depth > 0);
  e->depth--;
  g_string_append_c (e->text, close);
}

static void
emit_begin_object (Emitter *e)
{
  if (e->builder != NULL)
    json_builder_begin_object (e->builder);
  else
    emit_push (e, '{');
}

static void
emit_end_object (Emitter *e)
{
  if (e->builder != NULL)
    json_builder_end_object (e->builder);
  else
    emit_pop (e, '}');
}

static void
emit_begin_array (Emitter *e)
{
  if (e->builder != NULL)
    json_builder_begin_array (e->builder);
  else
    emit_push (e, '[');
}

static void
emit_end_array (Emitter *e)
{
  if (e->builder != NULL)
    json_builder_end_array (e->builder);
  else
    emit_pop (e, ']');
}

static void
emit_name (Emitter    *e,
           const char *name)
{
  if (e->builder != NULL)
    {
      json_builder_set_member_name (e->builder, name);
      return;
    }

  emit_separator (e);
  emit_quoted (e->text, name);
  g_string_append_c (e->text, ':');
  e->after_name = TRUE;
}

static void
emit_string (Emitter    *e,
             const char *value)
{
  if (e->builder != NULL)
    {
      json_builder_add_string_value (e->builder, value);
      return;
    }

  emit_separator (e);
  if (value != NULL)
    emit_quoted (e->text, value);
  else
    g_string_append (e->text, "null");
}

static void
emit_int (Emitter *e,
          gint64   value)
{
  if (e->builder != NULL)
    {
      json_builder_add_int_value (e->builder, value);
      return;
    }

  emit_separator (e);
  g_string_append_printf (e->text, "%" G_GINT64_FORMAT, value);
}

/* A time in microseconds, from nanoseconds. As text, the exact decimal ("1234.567"), which
 * reads back as the same double as the tree's ns / 1000.0. */
static void
emit_us (Emitter *e,
         guint64  ns)
{
  guint frac = (guint) (ns % 1000);

  if (e->builder != NULL)
    {
      json_builder_add_double_value (e->builder, (double) ns / 1000.0);
      return;
    }

  emit_separator (e);
  g_string_append_printf (e->text, "%" G_GUINT64_FORMAT, ns / 1000);
  if (frac == 0)
    g_string_append (e->text, ".0");
  else if (frac % 100 == 0)
    g_string_append_printf (e->text, ".%u", frac / 100);
  else if (frac % 10 == 0)
    g_string_append_printf (e->text, ".%02u", frac / 10);
  else
    g_string_append_printf (e->text, ".%03u", frac);
}

static void
emit_double (Emitter *e,
             double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (e->builder != NULL)
    {
      json_builder_add_double_value (e->builder, value);
      return;
    }

  emit_separator (e);
  g_ascii_dtostr (buf, sizeof buf, value);
  g_string_append (e->text, buf);
  /* Still a double when read back. */
  if (strpbrk (buf, ".eEn") == NULL)
    g_string_append (e->text, ".0");
}

static void
emit_string_member (Emitter    *e,
                    const char *name,
                    const char *value)
{
  emit_name (e, name);
  emit_string (e, value);
}

static void
emit_int_member (Emitter    *e,
                 const char *name,
                 gint64      value)
{
  emit_name (e, name);
  emit_int (e, value);
}

/* Opens a trace event with the members every one has. */
static void
emit_event_start (Emitter    *e,
                  const char *ph,
                  const char *name,
                  guint16     actor,
                  guint64     ts_ns)
{
  emit_begin_object (e);
  emit_string_member (e, "ph", ph);
  emit_string_member (e, "name", name);
  emit_int_member (e, "pid", TRACE_PID);
  if (actor != WEFT_NONE)
    emit_int_member (e, "tid", actor + 1);
  emit_name (e, "ts");
  emit_us (e, ts_ns);
}

static void
emit_metadata_event (Emitter    *e,
                     const char *name,
                     guint16     actor,
                     const char *key,
                     const char *string_value,
                     gint64      int_value)
{
  emit_event_start (e, "M", name, actor, 0);
  emit_name (e, "args");
  emit_begin_object (e);
  if (string_value != NULL)
    emit_string_member (e, key, string_value);
  else
    emit_int_member (e, key, int_value);
  emit_end_object (e);
  emit_end_object (e);
}

static void
emit_metadata (Emitter    *e,
               TraceModel *model)
{
  const WeftScenario *scenario = weft_run_get_scenario (model->run);
  g_autofree char *process_name = NULL;

  if (scenario != NULL)
    /* Translators: the name of the process in a trace opened in Perfetto, e.g.
     * "Weft — Dining philosophers". */
    process_name = g_strdup_printf (_("Weft — %s"), _(scenario->title));
  else
    process_name = g_strdup (_("Weft run"));

  emit_metadata_event (e, "process_name", WEFT_NONE, "name", process_name, 0);
  for (guint i = 0; i < model->n_actors; i++)
    {
      WeftActor *actor = weft_run_get_actor (model->run, i);

      emit_metadata_event (e, "thread_name", (guint16) i, "name", weft_actor_get_name (actor), 0);
      emit_metadata_event (e, "thread_sort_index", (guint16) i, "sort_index", NULL, i);
    }
}

static void
emit_slice (Emitter      *e,
            TraceModel   *model,
            const Record *record)
{
  const char *state = weft_state_to_string (record->what);
  const char *activity = NULL;
  const char *object = NULL;

  if (record->what == WEFT_STATE_RUNNING || record->what == WEFT_STATE_SLEEPING)
    activity = get_activity (model, (guint16) record->value);
  if (record->what == WEFT_STATE_BLOCKED || record->what == WEFT_STATE_WAITING ||
      record->what == WEFT_STATE_PARKED)
    object = get_object_name (model, record->object);

  emit_event_start (e, "X", activity != NULL ? activity : state, record->actor, record->ts_ns);
  emit_name (e, "dur");
  emit_us (e, record->extra);
  emit_string_member (e, "cat", "state");

  emit_name (e, "args");
  emit_begin_object (e);
  emit_string_member (e, "state", state);
  if (activity != NULL)
    emit_string_member (e, "activity", activity);
  if (object != NULL)
    emit_string_member (e, "object", object);
  if (record->what == WEFT_STATE_PARKED && record->value > WEFT_OP_NONE && record->value < WEFT_N_OPS)
    emit_string_member (e, "next", weft_op_to_string ((WeftOp) record->value));
  emit_end_object (e);

  emit_end_object (e);
}

static void
emit_counter (Emitter      *e,
              TraceModel   *model,
              const Record *record)
{
  const char *name;

  if (record->what == COUNTER_WAITERS)
    name = g_ptr_array_index (model->waiters_names, record->object);
  else
    name = get_object_name (model, record->object);

  emit_event_start (e, "C", name, WEFT_NONE, record->ts_ns);
  emit_name (e, "args");
  emit_begin_object (e);
  emit_int_member (e, counter_keys[record->what], record->value);
  emit_end_object (e);
  emit_end_object (e);
}

static void
emit_flow (Emitter      *e,
           const Record *record)
{
  gboolean is_start = record->type == RECORD_FLOW_START;

  emit_event_start (e, is_start ? "s" : "f", flow_names[record->what].name,
                    record->actor, record->ts_ns);
  emit_string_member (e, "cat", flow_names[record->what].cat);
  emit_int_member (e, "id", (gint64) record->extra);
  /* Bound to the slice enclosing it, not to the next one. */
  if (!is_start)
    emit_string_member (e, "bp", "e");
  emit_end_object (e);
}

/* "Kant → fork 2 → Aristotle → fork 3 → … → Kant", from the edges after the deadlock
 * event; without a cycle, who waits on what. */
static char *
describe_cycle (TraceModel      *model,
                guint64          index,
                const WeftEvent *deadlock)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *first_actor = NULL;

  for (guint64 i = index + 1; i < model->events->len; i++)
    {
      const WeftEvent *edge = &g_array_index (model->events, WeftEvent, i);
      const char *actor;
      const char *object;

      if (edge->kind != WEFT_EVENT_CYCLE_EDGE || edge->actor >= model->n_actors)
        break;

      actor = weft_actor_get_name (weft_run_get_actor (model->run, edge->actor));
      object = get_object_name (model, edge->object);
      if (first_actor == NULL)
        first_actor = actor;
      else
        g_string_append (text, deadlock->value > 0 ? " → " : ", ");
      g_string_append (text, actor);
      if (object != NULL)
        g_string_append_printf (text, " → %s", object);
    }

  /* A cycle ends where it began. */
  if (deadlock->value > 0 && first_actor != NULL)
    g_string_append_printf (text, " → %s", first_actor);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
emit_instant (Emitter      *e,
              TraceModel   *model,
              const Record *record)
{
  const WeftEvent *event = &g_array_index (model->events, WeftEvent, record->extra);
  g_autofree char *text = weft_event_describe (model->run, event);

  emit_event_start (e, "i", instant_names[event->kind], record->actor, record->ts_ns);
  /* Run-level events are drawn across every thread. */
  emit_string_member (e, "s", record->actor == WEFT_NONE ? "g" : "t");
  emit_name (e, "args");
  emit_begin_object (e);
  emit_string_member (e, "text", text);
  if (event->kind == WEFT_EVENT_DEADLOCK)
    {
      g_autofree char *cycle = describe_cycle (model, record->extra, event);

      emit_string_member (e, event->value > 0 ? "cycle" : "waiting", cycle);
      emit_int_member (e, "threads", event->value);
    }
  emit_end_object (e);
  emit_end_object (e);
}

static void
emit_record (Emitter      *e,
             TraceModel   *model,
             const Record *record)
{
  switch ((RecordType) record->type)
    {
    case RECORD_SLICE:
      emit_slice (e, model, record);
      break;
    case RECORD_COUNTER:
      emit_counter (e, model, record);
      break;
    case RECORD_FLOW_START:
    case RECORD_FLOW_END:
      emit_flow (e, record);
      break;
    case RECORD_INSTANT:
      emit_instant (e, model, record);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
emit_other_data (Emitter    *e,
                 TraceModel *model)
{
  const WeftScenario *scenario = weft_run_get_scenario (model->run);

  emit_begin_object (e);
  if (scenario != NULL)
    emit_string_member (e, "scenario", scenario->id);
  emit_int_member (e, "seed", (gint64) weft_run_get_seed (model->run));
  emit_string_member (e, "mode", weft_mode_to_string (weft_run_get_mode (model->run)));
  emit_string_member (e, "policy", weft_policy_to_string (weft_run_get_policy (model->run)));
  emit_string_member (e, "outcome", weft_outcome_to_string (weft_run_get_outcome (model->run)));
  emit_name (e, "elapsed_ms");
  emit_double (e, (double) model->end_ns / 1e6);
  emit_int_member (e, "events", (gint64) model->events->len);
  emit_int_member (e, "events_dropped", (gint64) model->first);
  emit_end_object (e);
}

static void
emit_document (Emitter    *e,
               TraceModel *model)
{
  emit_begin_object (e);
  emit_name (e, "traceEvents");
  emit_begin_array (e);
  emit_metadata (e, model);
  for (guint i = 0; i < model->records->len; i++)
    {
      emit_record (e, model, &g_array_index (model->records, Record, i));
      emit_maybe_flush (e);
    }
  emit_end_array (e);
  emit_string_member (e, "displayTimeUnit", "ms");
  emit_name (e, "otherData");
  emit_other_data (e, model);
  emit_end_object (e);
}

JsonNode *
weft_trace_json_build (WeftRun *run)
{
  g_autoptr(TraceModel) model = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  Emitter e = { 0 };

  g_return_val_if_fail (run != NULL, NULL);

  model = trace_model_new (run);
  builder = json_builder_new ();
  e.builder = builder;
  e.fd = -1;
  emit_document (&e, model);

  return json_builder_get_root (builder);
}

gboolean
weft_trace_json_write (WeftRun     *run,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(TraceModel) model = NULL;
  g_autoptr(GString) text = NULL;
  WeftOutput output;
  Emitter e = { 0 };

  g_return_val_if_fail (run != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  model = trace_model_new (run);
  text = g_string_sized_new (EMIT_FLUSH_BYTES + 4096);

  /* Written beside the file, then renamed over it (weft-output.h): whoever reads the path
   * sees the old file or the whole new one, never a part. */
  if (!weft_output_open (&output, path, error))
    return FALSE;
  e.text = text;
  e.fd = output.fd;
  emit_document (&e, model);
  emit_flush (&e);
  return weft_output_close (&output, e.saved_errno, error);
}
