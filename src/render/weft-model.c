/* weft-model.c — lanes of spans built from a run's events.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "weft-model.h"

/* In step mode, the part of a step's interval given to what happened in it; the rest is
 * the pause until the next step (the teacher thinking). */
#define STEP_BUSY_FRACTION 0.85

/* Puts kept to draw item flows (see QUEUE_GET). */
#define MAX_PENDING_PUTS 512

typedef struct
{
  guint64 ns[WEFT_N_STATES];
} ThreadSums;

typedef struct
{
  double  use;   /* ∫ use dt, ns */
  double  wait;  /* ∫ waiters dt, ns */
  guint   n_stale;
} ResourceSums;

typedef struct
{
  gint32  item;
  guint16 actor;
  guint64 time_ns;
} Put;

/* A waiter that left its wait with no wake recorded yet: the runtime wakes condition and
 * event waiters (recording their new states) before it records the notify or the set. */
typedef struct
{
  guint64 time_ns;
  guint16 actor;
  guint16 object;
} Leaver;

typedef struct
{
  char       *name;
  GArray     *spans;        /* WeftThreadSpan */
  GArray     *sums;         /* ThreadSums before span k × WEFT_MODEL_CHECKPOINT */
  ThreadSums  acc;          /* sums of the closed spans */
  guint       index;
  guint16     blocked_on;   /* the object it last blocked on, until it gets it */
  /* The last sums asked for: a timeline asks for each column's end, then for the same
   * time as the next column's start. Reset when spans are added. */
  guint64     cached_t;
  guint64     cached_gen;
  ThreadSums  cached;
  guint64     found_t;      /* the last find: time, answer, generation */
  gssize      found;
  guint64     found_gen;
} Actor;

typedef struct
{
  char           *name;
  WeftObjectKind  kind;
  guint           index;
  gint32          initial;
  WeftQueueKind   queue_kind;
  int             lane;
  gint32          min_value;
  gint32          max_value;
  GArray         *spans;     /* WeftResourceSpan; only for objects with a lane */
  GArray         *sums;      /* ResourceSums */
  ResourceSums    acc;
  guint64         cached_t;        /* as for actors */
  guint64         cached_gen;
  guint64         found_t;
  gssize          found;
  guint64         found_gen;
  ResourceSums    cached;
  /* Now. */
  gint32          value;
  guint16         owner;
  guint16         n_waiting;
  GArray         *list;      /* gint32: semaphore holders, queue items (next first) */
  /* Hand-offs and wakes waiting for their other end. */
  guint16         releaser;
  guint64         released_ns;
  guint16         waker;
  guint64         woke_ns;
  guint           n_to_wake;
  GArray         *puts;      /* Put, oldest first */
} Object;

struct _WeftModel
{
  GPtrArray  *actors;       /* Actor */
  GPtrArray  *objects;      /* Object */
  GArray     *lanes;        /* guint32: kind << 24 | subject */
  GPtrArray  *activities;   /* const char *, index = id */
  GArray     *pool;         /* gint32: span lists */
  GArray     *flows;        /* WeftFlow */
  GArray     *steps;        /* guint64: STEP times */
  GArray     *settles;      /* guint64: per step, the time of its last event */
  GArray     *edges;        /* WeftModelEdge */
  GArray     *leavers;      /* Leaver: since the last event other than a state change */
  GArray     *warp;         /* double pairs (axis, time): step mode, built lazily */
  gboolean    warp_valid;
  gboolean    deadlock;
  guint64     deadlock_ns;
  WeftMode    mode;
  WeftLayout  layout;
  WeftOutcome outcome;
  char       *title;
  char       *subtitle;
  guint64     end_ns;
  guint64     generation;   /* changes with every event and end: invalidates the caches */
  guint64     last_ns;
  guint64     n_events;
  guint64     n_dropped;
  guint64     next_index;   /* sync: the next trace index to read */
  guint       n_activities_synced;
};

static void
actor_free (gpointer data)
{
  Actor *actor = data;

  g_free (actor->name);
  g_array_unref (actor->spans);
  g_array_unref (actor->sums);
  g_free (actor);
}

static void
object_free (gpointer data)
{
  Object *object = data;

  g_free (object->name);
  g_clear_pointer (&object->spans, g_array_unref);
  g_clear_pointer (&object->sums, g_array_unref);
  g_array_unref (object->list);
  g_array_unref (object->puts);
  g_free (object);
}

WeftModel *
weft_model_new (void)
{
  WeftModel *self = g_new0 (WeftModel, 1);

  self->actors = g_ptr_array_new_with_free_func (actor_free);
  self->objects = g_ptr_array_new_with_free_func (object_free);
  self->lanes = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->activities = g_ptr_array_new ();
  g_ptr_array_add (self->activities, NULL);
  self->pool = g_array_new (FALSE, FALSE, sizeof (gint32));
  self->flows = g_array_new (FALSE, FALSE, sizeof (WeftFlow));
  self->steps = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->settles = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->edges = g_array_new (FALSE, FALSE, sizeof (WeftModelEdge));
  self->leavers = g_array_new (FALSE, FALSE, sizeof (Leaver));
  self->warp = g_array_new (FALSE, FALSE, sizeof (double));
  self->mode = WEFT_MODE_RUN;
  self->layout = WEFT_LAYOUT_STAR;
  self->outcome = WEFT_OUTCOME_NONE;
  self->title = g_strdup ("");
  self->generation = 1;

  return self;
}

void
weft_model_free (WeftModel *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->actors);
  g_ptr_array_unref (self->objects);
  g_array_unref (self->lanes);
  g_ptr_array_unref (self->activities);
  g_array_unref (self->pool);
  g_array_unref (self->flows);
  g_array_unref (self->steps);
  g_array_unref (self->settles);
  g_array_unref (self->edges);
  g_array_unref (self->leavers);
  g_array_unref (self->warp);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self);
}

/* Spans ---------------------------------------------------------------------------------- */

static void
thread_sums_add (ThreadSums           *sums,
                 const WeftThreadSpan *span,
                 guint64               duration)
{
  sums->ns[span->state] += duration;
}

/* Appends a span starting at @span->start_ns; a span that would last no time is replaced.
 * The span it closes is added to the running sums, and every WEFT_MODEL_CHECKPOINT spans
 * the sums are kept. */
static void
actor_push (Actor                *actor,
            const WeftThreadSpan *span)
{
  WeftThreadSpan *last = &g_array_index (actor->spans, WeftThreadSpan, actor->spans->len - 1);

  if (span->start_ns <= last->start_ns)
    {
      guint64 start = last->start_ns;

      *last = *span;
      last->start_ns = start;
      return;
    }

  thread_sums_add (&actor->acc, last, span->start_ns - last->start_ns);
  g_array_append_val (actor->spans, *span);
  if (actor->spans->len % WEFT_MODEL_CHECKPOINT == 1)
    g_array_append_val (actor->sums, actor->acc);
}

static void
resource_sums_add (ResourceSums           *sums,
                   const Object           *object,
                   const WeftResourceSpan *span,
                   guint64                 duration)
{
  double use;

  switch (object->kind)
    {
    case WEFT_OBJECT_LOCK:
    case WEFT_OBJECT_RLOCK:
      use = span->value > 0 ? 1.0 : 0.0;
      break;
    case WEFT_OBJECT_SEMAPHORE:
    case WEFT_OBJECT_BOUNDED_SEMAPHORE:
      use = MAX (0, object->initial - span->value);
      break;
    case WEFT_OBJECT_QUEUE:
    case WEFT_OBJECT_SHARED:
    case WEFT_OBJECT_CONDITION:
    case WEFT_OBJECT_FLAG:
    case WEFT_OBJECT_BARRIER:
    case WEFT_N_OBJECT_KINDS:
    default:
      use = span->value;
      break;
    }

  sums->use += use * (double) duration;
  sums->wait += span->n_waiting * (double) duration;
}

/* The current value, owner, waiters and list of @object become a new span at @time_ns. */
static void
object_push (WeftModel *self,
             Object    *object,
             guint64    time_ns,
             guint8     flags)
{
  WeftResourceSpan span = { 0 };
  WeftResourceSpan *last;
  guint n_list;

  if (object->spans == NULL)
    return;

  span.start_ns = time_ns;
  span.value = object->value;
  if (object->spans->len == 0)
    object->min_value = object->max_value = span.value;
  object->min_value = MIN (object->min_value, span.value);
  object->max_value = MAX (object->max_value, span.value);
  span.owner = object->owner;
  span.n_waiting = object->n_waiting;
  span.flags = flags;
  n_list = MIN (object->list->len, WEFT_MODEL_MAX_LISTED);
  if (object->list->len > WEFT_MODEL_MAX_LISTED)
    span.flags |= WEFT_SPAN_LIST_CUT;
  span.n_list = (guint8) n_list;

  last = object->spans->len > 0
    ? &g_array_index (object->spans, WeftResourceSpan, object->spans->len - 1) : NULL;

  /* The same list as the span before: share it. */
  if (last != NULL && last->n_list == n_list &&
      (n_list == 0 || memcmp (&g_array_index (self->pool, gint32, last->list), object->list->data,
              n_list * sizeof (gint32)) == 0))
    span.list = last->list;
  else
    {
      span.list = self->pool->len;
      g_array_append_vals (self->pool, object->list->data, n_list);
    }

  if (last != NULL && time_ns <= last->start_ns)
    {
      span.start_ns = last->start_ns;
      span.flags |= last->flags & WEFT_SPAN_STALE_WRITE;
      if (span.flags & WEFT_SPAN_STALE_WRITE && !(last->flags & WEFT_SPAN_STALE_WRITE))
        object->acc.n_stale++;
      *last = span;
      return;
    }

  if (last != NULL)
    resource_sums_add (&object->acc, object, last, time_ns - last->start_ns);
  if (span.flags & WEFT_SPAN_STALE_WRITE)
    object->acc.n_stale++;
  g_array_append_val (object->spans, span);
  if (object->spans->len % WEFT_MODEL_CHECKPOINT == 1)
    {
      ResourceSums checkpoint = object->acc;

      /* The checkpoint counts stale writes before its first span. */
      if (span.flags & WEFT_SPAN_STALE_WRITE)
        checkpoint.n_stale--;
      g_array_append_val (object->sums, checkpoint);
    }
}

/* Construction --------------------------------------------------------------------------- */

static void
add_lane (WeftModel    *self,
          WeftLaneKind  kind,
          guint         subject)
{
  guint32 lane = (guint32) kind << 24 | subject;

  g_array_append_val (self->lanes, lane);
}

static WeftLaneKind lane_kind_for (WeftObjectKind kind,
                                   gboolean      *has_lane);

/* Resource lanes come by kind, the kind with the fewest lanes first (the first created
 * first among equals), each kind in creation order: the waiter's semaphore before a
 * thousand forks, so that a drawing that has to thin the lanes thins the forks. */
static void
order_resource_lanes (WeftModel *self)
{
  guint n_threads = self->actors->len;
  guint count[WEFT_LANE_SHARED + 1] = { 0 };
  guint first[WEFT_LANE_SHARED + 1];
  guint order[WEFT_LANE_SHARED + 1];
  guint n_kinds = 0;
  guint lane = n_threads;

  for (guint k = 0; k <= WEFT_LANE_SHARED; k++)
    first[k] = G_MAXUINT;
  for (guint i = n_threads; i < self->lanes->len; i++)
    {
      guint32 entry = g_array_index (self->lanes, guint32, i);
      WeftLaneKind kind = (WeftLaneKind) (entry >> 24);

      count[kind]++;
      first[kind] = MIN (first[kind], entry & 0xFFFFFF);
    }
  for (guint k = WEFT_LANE_LOCK; k <= WEFT_LANE_SHARED; k++)
    if (count[k] > 0)
      order[n_kinds++] = k;
  for (guint a = 1; a < n_kinds; a++)
    for (guint b = a; b > 0; b--)
      {
        guint x = order[b - 1], y = order[b];

        if (count[x] < count[y] || (count[x] == count[y] && first[x] < first[y]))
          break;
        order[b - 1] = y;
        order[b] = x;
      }

  for (guint k = 0; k < n_kinds; k++)
    for (guint i = 0; i < self->objects->len; i++)
      {
        Object *object = g_ptr_array_index (self->objects, i);
        gboolean has_lane;

        if (object->lane < 0 || lane_kind_for (object->kind, &has_lane) != order[k])
          continue;
        object->lane = (int) lane;
        g_array_index (self->lanes, guint32, lane) = (guint32) order[k] << 24 | i;
        lane++;
      }
}

guint
weft_model_add_actor (WeftModel  *self,
                      const char *name)
{
  Actor *actor;
  WeftThreadSpan first = { 0 };
  guint index;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (self->actors->len < WEFT_MAX_ACTORS, 0);

  actor = g_new0 (Actor, 1);
  actor->name = g_strdup (name);
  actor->spans = g_array_new (FALSE, FALSE, sizeof (WeftThreadSpan));
  actor->sums = g_array_new (FALSE, FALSE, sizeof (ThreadSums));
  actor->blocked_on = WEFT_NONE;
  first.state = WEFT_STATE_NEW;
  first.object = WEFT_NONE;
  g_array_append_val (actor->spans, first);
  g_array_append_val (actor->sums, actor->acc);
  index = self->actors->len;
  actor->index = index;
  g_ptr_array_add (self->actors, actor);

  /* Thread lanes come first, in actor order: insert before the first resource lane. */
  {
    guint32 lane = (guint32) WEFT_LANE_THREAD << 24 | index;

    g_array_insert_val (self->lanes, index, lane);
    for (guint i = 0; i < self->objects->len; i++)
      {
        Object *object = g_ptr_array_index (self->objects, i);

        if (object->lane >= 0)
          object->lane++;
      }
  }

  return index;
}

static WeftLaneKind
lane_kind_for (WeftObjectKind kind,
               gboolean      *has_lane)
{
  *has_lane = TRUE;
  switch (kind)
    {
    case WEFT_OBJECT_LOCK:
    case WEFT_OBJECT_RLOCK:
      return WEFT_LANE_LOCK;
    case WEFT_OBJECT_SEMAPHORE:
    case WEFT_OBJECT_BOUNDED_SEMAPHORE:
      return WEFT_LANE_SEMAPHORE;
    case WEFT_OBJECT_QUEUE:
      return WEFT_LANE_QUEUE;
    case WEFT_OBJECT_SHARED:
      return WEFT_LANE_SHARED;
    case WEFT_OBJECT_CONDITION:
    case WEFT_OBJECT_FLAG:
    case WEFT_OBJECT_BARRIER:
    case WEFT_N_OBJECT_KINDS:
    default:
      *has_lane = FALSE;
      return WEFT_LANE_LOCK;
    }
}

guint
weft_model_add_object (WeftModel      *self,
                       const char     *name,
                       WeftObjectKind  kind,
                       gint32          initial,
                       WeftQueueKind   queue_kind)
{
  Object *object;
  gboolean has_lane;
  WeftLaneKind lane_kind;
  guint index;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (kind < WEFT_N_OBJECT_KINDS, 0);
  g_return_val_if_fail (self->objects->len < WEFT_MAX_OBJECTS, 0);

  object = g_new0 (Object, 1);
  object->name = g_strdup (name);
  object->kind = kind;
  object->initial = initial;
  object->queue_kind = queue_kind;
  object->owner = WEFT_NONE;
  object->releaser = WEFT_NONE;
  object->waker = WEFT_NONE;
  object->list = g_array_new (FALSE, FALSE, sizeof (gint32));
  object->puts = g_array_new (FALSE, FALSE, sizeof (Put));
  switch (kind)
    {
    case WEFT_OBJECT_SEMAPHORE:
    case WEFT_OBJECT_BOUNDED_SEMAPHORE:
    case WEFT_OBJECT_SHARED:
      object->value = initial;
      break;
    case WEFT_OBJECT_LOCK:
    case WEFT_OBJECT_RLOCK:
    case WEFT_OBJECT_CONDITION:
    case WEFT_OBJECT_FLAG:
    case WEFT_OBJECT_BARRIER:
    case WEFT_OBJECT_QUEUE:
    case WEFT_N_OBJECT_KINDS:
    default:
      object->value = 0;
      break;
    }

  index = self->objects->len;
  object->index = index;
  g_ptr_array_add (self->objects, object);

  lane_kind = lane_kind_for (kind, &has_lane);
  object->lane = -1;
  if (has_lane)
    {
      object->lane = (int) self->lanes->len;
      add_lane (self, lane_kind, index);
      order_resource_lanes (self);
      object->spans = g_array_new (FALSE, FALSE, sizeof (WeftResourceSpan));
      object->sums = g_array_new (FALSE, FALSE, sizeof (ResourceSums));
      object_push (self, object, 0, 0);
    }

  return index;
}

void
weft_model_set_activity (WeftModel  *self,
                         guint16     id,
                         const char *activity)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (id > 0);

  if (self->activities->len <= id)
    g_ptr_array_set_size (self->activities, id + 1);
  self->activities->pdata[id] = (gpointer) activity;
}

void
weft_model_set_mode (WeftModel *self,
                     WeftMode   mode)
{
  g_return_if_fail (self != NULL);
  self->mode = mode;
  self->warp_valid = FALSE;
}

void
weft_model_set_layout (WeftModel  *self,
                       WeftLayout  layout)
{
  g_return_if_fail (self != NULL);
  self->layout = layout;
}

void
weft_model_set_title (WeftModel  *self,
                      const char *title,
                      const char *subtitle)
{
  char *new_title, *new_subtitle;

  g_return_if_fail (self != NULL);

  /* Either may be the model's own string. */
  new_title = g_strdup (title != NULL ? title : "");
  new_subtitle = g_strdup (subtitle);
  g_free (self->title);
  g_free (self->subtitle);
  self->title = new_title;
  self->subtitle = new_subtitle;
}

void
weft_model_set_end (WeftModel *self,
                    guint64    end_ns)
{
  g_return_if_fail (self != NULL);
  if (end_ns > self->end_ns)
    {
      self->end_ns = end_ns;
      self->warp_valid = FALSE;
      self->generation++;
    }
}

/* Events --------------------------------------------------------------------------------- */

static Object *
get_object (WeftModel *self,
            guint      index)
{
  if (index >= self->objects->len)
    return NULL;
  return g_ptr_array_index (self->objects, index);
}

static void
add_flow (WeftModel    *self,
          WeftFlowKind  kind,
          guint16       from_actor,
          guint64       from_ns,
          guint16       to_actor,
          guint64       to_ns,
          guint16       object)
{
  WeftFlow flow = { 0 };

  if (from_actor == WEFT_NONE || from_actor == to_actor)
    return;
  flow.kind = kind;
  flow.from_actor = from_actor;
  flow.from_ns = from_ns;
  flow.to_actor = to_actor;
  flow.to_ns = to_ns;
  flow.object = object;
  g_array_append_val (self->flows, flow);
}

static gboolean
is_waiting_state (WeftState state)
{
  return state == WEFT_STATE_BLOCKED || state == WEFT_STATE_WAITING;
}

static void
on_state (WeftModel       *self,
          Actor           *actor,
          const WeftEvent *event,
          guint64          now)
{
  const WeftThreadSpan *last = &g_array_index (actor->spans, WeftThreadSpan, actor->spans->len - 1);
  WeftThreadSpan span = { 0 };
  Object *before = NULL;
  Object *after = NULL;

  if (event->aux >= WEFT_N_STATES)
    return;

  if (is_waiting_state (last->state))
    before = get_object (self, last->object);
  if (is_waiting_state (event->aux))
    after = get_object (self, event->object);

  /* A waiter leaving its wait after a notify, an event set or a barrier opening. */
  if (last->state == WEFT_STATE_WAITING && before != NULL && before->n_to_wake > 0)
    {
      before->n_to_wake--;
      add_flow (self, WEFT_FLOW_WAKE, before->waker, before->woke_ns, event->actor, now,
                last->object);
    }
  else if (last->state == WEFT_STATE_WAITING && before != NULL)
    {
      Leaver leaver = { now, event->actor, last->object };

      g_array_append_val (self->leavers, leaver);
    }
  if (event->aux == WEFT_STATE_BLOCKED && after != NULL)
    actor->blocked_on = event->object;

  span.start_ns = now;
  span.state = event->aux;
  span.object = event->object;
  switch ((WeftState) event->aux)
    {
    case WEFT_STATE_RUNNING:
    case WEFT_STATE_PARKED:
      span.detail = (guint16) event->value;
      break;
    case WEFT_STATE_NEW:
    case WEFT_STATE_SLEEPING:
    case WEFT_STATE_BLOCKED:
    case WEFT_STATE_WAITING:
    case WEFT_STATE_DONE:
    case WEFT_N_STATES:
    default:
      span.detail = 0;
      break;
    }

  if (before == after && before != NULL)
    {
      actor_push (actor, &span);
      return;
    }
  actor_push (actor, &span);
  if (before != NULL && before->n_waiting > 0)
    {
      before->n_waiting--;
      object_push (self, before, now, 0);
    }
  if (after != NULL)
    {
      after->n_waiting++;
      object_push (self, after, now, 0);
    }
}

static void
list_remove_value (GArray *list,
                   gint32  value)
{
  for (guint i = 0; i < list->len; i++)
    {
      if (g_array_index (list, gint32, i) == value)
        {
          g_array_remove_index (list, i);
          return;
        }
    }
  if (list->len > 0)
    g_array_remove_index (list, 0);
}

static void
queue_insert (Object *object,
              gint32  item)
{
  switch (object->queue_kind)
    {
    case WEFT_QUEUE_LIFO:
      g_array_prepend_val (object->list, item);
      break;
    case WEFT_QUEUE_PRIORITY:
      {
        guint i = 0;

        while (i < object->list->len && g_array_index (object->list, gint32, i) <= item)
          i++;
        g_array_insert_val (object->list, i, item);
      }
      break;
    case WEFT_QUEUE_FIFO:
    default:
      g_array_append_val (object->list, item);
      break;
    }
}

void
weft_model_add_event (WeftModel       *self,
                      const WeftEvent *event)
{
  guint64 now;
  Actor *actor = NULL;
  Object *object;

  g_return_if_fail (self != NULL);
  g_return_if_fail (event != NULL);

  self->generation++;
  now = MAX (weft_event_get_time (event), self->last_ns);
  self->last_ns = now;
  self->n_events++;
  if (now > self->end_ns)
    self->end_ns = now;
  self->warp_valid = FALSE;
  /* The next step's own event does not belong to the step before. */
  if (self->steps->len > 0 && event->kind != WEFT_EVENT_STEP)
    g_array_index (self->settles, guint64, self->steps->len - 1) = now;

  if (event->actor < self->actors->len)
    actor = g_ptr_array_index (self->actors, event->actor);
  object = get_object (self, event->object);

  switch ((WeftEventKind) event->kind)
    {
    case WEFT_EVENT_RUN_START:
      self->mode = event->value == WEFT_MODE_STEP ? WEFT_MODE_STEP : WEFT_MODE_RUN;
      break;
    case WEFT_EVENT_RUN_END:
      if (self->outcome == WEFT_OUTCOME_NONE)
        self->outcome = WEFT_OUTCOME_COMPLETED;
      break;
    case WEFT_EVENT_RUN_STOP:
      if (self->outcome == WEFT_OUTCOME_NONE)
        self->outcome = WEFT_OUTCOME_STOPPED;
      break;
    case WEFT_EVENT_STEP:
      g_array_append_val (self->steps, now);
      g_array_append_val (self->settles, now);
      break;
    case WEFT_EVENT_STATE:
      if (actor != NULL)
        on_state (self, actor, event, now);
      break;
    case WEFT_EVENT_ACQUIRED:
      if (object == NULL || actor == NULL)
        break;
      object->value = event->value;
      object->owner = event->actor;
      if (object->kind == WEFT_OBJECT_SEMAPHORE || object->kind == WEFT_OBJECT_BOUNDED_SEMAPHORE)
        {
          gint32 holder = event->actor;

          g_array_append_val (object->list, holder);
        }
      if (actor->blocked_on == event->object)
        {
          if (object->released_ns > 0 || object->releaser != WEFT_NONE)
            add_flow (self, WEFT_FLOW_HANDOFF, object->releaser, object->released_ns,
                      event->actor, now, event->object);
          actor->blocked_on = WEFT_NONE;
        }
      object_push (self, object, now, 0);
      break;
    case WEFT_EVENT_RELEASED:
      if (object == NULL)
        break;
      object->value = event->value;
      if (object->kind == WEFT_OBJECT_SEMAPHORE || object->kind == WEFT_OBJECT_BOUNDED_SEMAPHORE)
        {
          list_remove_value (object->list, event->actor);
          object->owner = event->actor;  /* a semaphore's owner is its last actor */
        }
      else if (event->value == 0)
        object->owner = WEFT_NONE;
      object->releaser = event->actor;
      object->released_ns = now;
      object_push (self, object, now, 0);
      break;
    case WEFT_EVENT_TRY_FAILED:
      if (actor != NULL && actor->blocked_on == event->object)
        actor->blocked_on = WEFT_NONE;
      break;
    case WEFT_EVENT_NOTIFY:
    case WEFT_EVENT_NOTIFY_ALL:
    case WEFT_EVENT_FLAG_SET:
    case WEFT_EVENT_BARRIER_OPEN:
      if (object == NULL)
        break;
      object->waker = event->actor;
      object->woke_ns = now;
      object->n_to_wake = (guint) MAX (0, event->value);
      {
        /* The waiters it woke, if recorded just before it: the last leavers of this object,
         * each woken at the instant it left. */
        guint first = self->leavers->len;
        guint matched = 0;

        while (first > 0 && matched < object->n_to_wake)
          if (g_array_index (self->leavers, Leaver, --first).object == event->object)
            matched++;
        for (guint i = first; i < self->leavers->len; i++)
          {
            const Leaver *leaver = &g_array_index (self->leavers, Leaver, i);

            if (leaver->object == event->object)
              add_flow (self, WEFT_FLOW_WAKE, event->actor, leaver->time_ns, leaver->actor,
                        leaver->time_ns, event->object);
          }
        object->n_to_wake -= matched;
      }
      break;
    case WEFT_EVENT_QUEUE_PUT:
      if (object == NULL)
        break;
      {
        Put put = { event->value, event->actor, now };

        g_array_append_val (object->puts, put);
        /* Items waiting to be matched with their get: a long queue (or gets that never
         * match) keeps only the newest, so a put costs the same whatever came before. */
        if (object->puts->len > 2 * MAX_PENDING_PUTS)
          g_array_remove_range (object->puts, 0, object->puts->len - MAX_PENDING_PUTS);
        queue_insert (object, event->value);
        object->owner = event->actor;
      }
      break;
    case WEFT_EVENT_QUEUE_GET:
      if (object == NULL)
        break;
      for (guint i = 0; i < object->puts->len; i++)
        {
          Put *put = &g_array_index (object->puts, Put, i);

          if (put->item == event->value)
            {
              add_flow (self, WEFT_FLOW_ITEM, put->actor, put->time_ns, event->actor, now,
                        event->object);
              g_array_remove_index (object->puts, i);
              break;
            }
        }
      if (object->list->len > 0 && g_array_index (object->list, gint32, 0) == event->value)
        g_array_remove_index (object->list, 0);
      else
        list_remove_value (object->list, event->value);
      object->owner = event->actor;
      break;
    case WEFT_EVENT_QUEUE_LENGTH:
      if (object == NULL)
        break;
      object->value = event->value;
      object_push (self, object, now, 0);
      break;
    case WEFT_EVENT_WRITE:
      if (object == NULL)
        break;
      object->value = event->value;
      object->owner = event->actor;
      object_push (self, object, now, event->aux ? WEFT_SPAN_STALE_WRITE : 0);
      break;
    case WEFT_EVENT_DEADLOCK:
      if (!self->deadlock)
        {
          self->deadlock = TRUE;
          self->deadlock_ns = now;
          self->outcome = WEFT_OUTCOME_DEADLOCK;
        }
      break;
    case WEFT_EVENT_CYCLE_EDGE:
      {
        WeftModelEdge edge = { event->actor, event->object };

        g_array_append_val (self->edges, edge);
      }
      break;
    case WEFT_EVENT_RUN_PAUSE:
    case WEFT_EVENT_RUN_RESUME:
    case WEFT_EVENT_COND_WAIT:
    case WEFT_EVENT_FLAG_CLEAR:
    case WEFT_EVENT_FLAG_PASSED:
    case WEFT_EVENT_BARRIER_ARRIVE:
    case WEFT_EVENT_READ:
    case WEFT_EVENT_MISUSE:
    case WEFT_EVENT_MARK:
    case WEFT_N_EVENT_KINDS:
    default:
      break;
    }

  if (event->kind != WEFT_EVENT_STATE)
    g_array_set_size (self->leavers, 0);
}

/* From a run ----------------------------------------------------------------------------- */

WeftModel *
weft_model_new_for_run (WeftRun *run)
{
  WeftModel *self;
  const WeftScenario *scenario;

  g_return_val_if_fail (run != NULL, NULL);

  self = weft_model_new ();
  for (guint i = 0; i < weft_run_get_n_actors (run); i++)
    weft_model_add_actor (self, weft_actor_get_name (weft_run_get_actor (run, i)));
  for (guint i = 0; i < weft_run_get_n_objects (run); i++)
    {
      WeftObject *object = weft_run_get_object (run, i);
      WeftObjectKind kind = weft_object_get_kind (object);

      weft_model_add_object (self, weft_object_get_name (object), kind,
                             weft_object_get_initial_value (object),
                             kind == WEFT_OBJECT_QUEUE
                               ? weft_queue_get_kind ((WeftQueue *) object) : WEFT_QUEUE_FIFO);
    }
  self->mode = weft_run_get_mode (run);

  scenario = weft_run_get_scenario (run);
  if (scenario != NULL)
    {
      self->layout = scenario->layout;
      g_free (self->title);
      self->title = g_strdup (g_dgettext (GETTEXT_PACKAGE, scenario->title));
    }

  return self;
}

guint64
weft_model_sync (WeftModel *self,
                 WeftRun   *run)
{
  WeftTrace *trace;
  guint64 n;
  guint64 added = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (run != NULL, 0);

  for (guint16 id = (guint16) MAX (1u, self->n_activities_synced); ; id++)
    {
      const char *activity = weft_run_get_activity (run, id);

      if (activity == NULL)
        break;
      weft_model_set_activity (self, id, activity);
      self->n_activities_synced = id + 1;
    }

  trace = weft_run_get_trace (run);
  n = weft_trace_get_n_events (trace);
  while (self->next_index < n)
    {
      WeftEvent event;
      guint64 first = weft_trace_get_first (trace);

      if (self->next_index < first)
        {
          self->n_dropped += first - self->next_index;
          self->next_index = first;
          continue;
        }
      if (!weft_trace_read (trace, self->next_index, &event))
        continue;  /* recycled meanwhile: the next turn counts it as dropped */
      weft_model_add_event (self, &event);
      self->next_index++;
      added++;
    }

  weft_model_set_end (self, weft_run_get_elapsed_ns (run));

  /* The trace forgets its oldest events under its memory cap: the model forgets what
   * happened before them too, so its memory stays in proportion. */
  {
    guint64 first = weft_trace_get_first (trace);
    WeftEvent event;

    if (first > 0 && first < weft_trace_get_n_events (trace) &&
        weft_trace_read (trace, first, &event))
      weft_model_forget_before (self, weft_event_get_time (&event));
  }

  return added;
}

/* Removes the first @n elements of @spans and their checkpoints from @sums, @n a multiple
 * of WEFT_MODEL_CHECKPOINT so that the remaining checkpoints stay aligned. The sums are
 * running totals from the run's start: they stay valid, queries take their differences. */
static void
forget_spans (GArray *spans,
              GArray *sums,
              guint   n)
{
  g_assert (n % WEFT_MODEL_CHECKPOINT == 0);
  g_array_remove_range (spans, 0, n);
  g_array_remove_range (sums, 0, n / WEFT_MODEL_CHECKPOINT);
}

/* How many spans before the one in effect at @index can go: whole checkpoints, and only
 * when they are at least half of the list, so the moves cost O(1) per span overall. */
static guint
forgettable (gssize index,
             guint  n_spans)
{
  guint n;

  if (index <= 0)
    return 0;
  n = (guint) index / WEFT_MODEL_CHECKPOINT * WEFT_MODEL_CHECKPOINT;
  return n >= 2 * WEFT_MODEL_CHECKPOINT && n >= n_spans / 2 ? n : 0;
}

void
weft_model_forget_before (WeftModel *self,
                          guint64    time_ns)
{
  guint n;

  g_return_if_fail (self != NULL);

  for (guint i = 0; i < self->actors->len; i++)
    {
      Actor *actor = g_ptr_array_index (self->actors, i);

      n = forgettable (weft_model_find_thread_span (self, i, time_ns), actor->spans->len);
      if (n > 0)
        forget_spans (actor->spans, actor->sums, n);
    }
  for (guint i = 0; i < self->objects->len; i++)
    {
      Object *object = g_ptr_array_index (self->objects, i);

      if (object->spans == NULL)
        continue;
      n = forgettable (weft_model_find_resource_span (self, i, time_ns), object->spans->len);
      if (n > 0)
        forget_spans (object->spans, object->sums, n);
    }

  /* Flows end in order: those ended before go, in the same amortised way. */
  {
    guint k = 0;

    while (k < self->flows->len && g_array_index (self->flows, WeftFlow, k).to_ns < time_ns)
      k++;
    if (k > 0 && k >= self->flows->len / 2)
      g_array_remove_range (self->flows, 0, k);
  }

  /* Indices changed: no cached answer holds. */
  self->generation++;
}

/* Reading -------------------------------------------------------------------------------- */

static Actor *
get_actor (WeftModel *self,
           guint      index)
{
  g_return_val_if_fail (index < self->actors->len, NULL);
  return g_ptr_array_index (self->actors, index);
}

guint
weft_model_get_n_actors (WeftModel *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->actors->len;
}

const char *
weft_model_get_actor_name (WeftModel *self,
                           guint      actor)
{
  Actor *a = get_actor (self, actor);

  return a != NULL ? a->name : "";
}

guint
weft_model_get_n_objects (WeftModel *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->objects->len;
}

const char *
weft_model_get_object_name (WeftModel *self,
                            guint      object)
{
  Object *o = get_object (self, object);

  g_return_val_if_fail (o != NULL, "");
  return o->name;
}

WeftObjectKind
weft_model_get_object_kind (WeftModel *self,
                            guint      object)
{
  Object *o = get_object (self, object);

  g_return_val_if_fail (o != NULL, WEFT_OBJECT_LOCK);
  return o->kind;
}

gint32
weft_model_get_object_initial (WeftModel *self,
                               guint      object)
{
  Object *o = get_object (self, object);

  g_return_val_if_fail (o != NULL, 0);
  return o->initial;
}

void
weft_model_get_object_range (WeftModel *self,
                             guint      object,
                             gint32    *min_value,
                             gint32    *max_value)
{
  Object *o = get_object (self, object);

  g_return_if_fail (o != NULL);
  *min_value = o->min_value;
  *max_value = o->max_value;
}

const char *
weft_model_get_activity (WeftModel *self,
                         guint16    id)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (id == 0 || id >= self->activities->len)
    return NULL;
  return g_ptr_array_index (self->activities, id);
}

WeftMode
weft_model_get_mode (WeftModel *self)
{
  g_return_val_if_fail (self != NULL, WEFT_MODE_RUN);
  return self->mode;
}

WeftLayout
weft_model_get_layout (WeftModel *self)
{
  g_return_val_if_fail (self != NULL, WEFT_LAYOUT_STAR);
  return self->layout;
}

const char *
weft_model_get_title (WeftModel *self)
{
  g_return_val_if_fail (self != NULL, "");
  return self->title;
}

const char *
weft_model_get_subtitle (WeftModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->subtitle;
}

guint64
weft_model_get_end_ns (WeftModel *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->end_ns;
}

guint64
weft_model_get_n_events (WeftModel *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_events;
}

guint64
weft_model_get_n_dropped (WeftModel *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_dropped;
}

WeftOutcome
weft_model_get_outcome (WeftModel *self)
{
  g_return_val_if_fail (self != NULL, WEFT_OUTCOME_NONE);
  return self->outcome;
}

guint
weft_model_get_n_lanes (WeftModel *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->lanes->len;
}

WeftLaneKind
weft_model_get_lane_kind (WeftModel *self,
                          guint      lane)
{
  g_return_val_if_fail (self != NULL && lane < self->lanes->len, WEFT_LANE_THREAD);
  return (WeftLaneKind) (g_array_index (self->lanes, guint32, lane) >> 24);
}

guint
weft_model_get_lane_subject (WeftModel *self,
                             guint      lane)
{
  g_return_val_if_fail (self != NULL && lane < self->lanes->len, 0);
  return g_array_index (self->lanes, guint32, lane) & 0xFFFFFF;
}

int
weft_model_get_object_lane (WeftModel *self,
                            guint      object)
{
  Object *o = get_object (self, object);

  g_return_val_if_fail (o != NULL, -1);
  return o->lane;
}

const WeftThreadSpan *
weft_model_get_thread_spans (WeftModel *self,
                             guint      actor,
                             guint     *n_spans)
{
  Actor *a = get_actor (self, actor);

  g_return_val_if_fail (a != NULL, NULL);
  *n_spans = a->spans->len;
  return (const WeftThreadSpan *) a->spans->data;
}

const WeftResourceSpan *
weft_model_get_resource_spans (WeftModel *self,
                               guint      object,
                               guint     *n_spans)
{
  Object *o = get_object (self, object);

  g_return_val_if_fail (o != NULL, NULL);
  if (o->spans == NULL)
    {
      *n_spans = 0;
      return NULL;
    }
  *n_spans = o->spans->len;
  return (const WeftResourceSpan *) o->spans->data;
}

const gint32 *
weft_model_get_span_list (WeftModel              *self,
                          const WeftResourceSpan *span)
{
  g_return_val_if_fail (self != NULL && span != NULL, NULL);
  g_return_val_if_fail (span->list + span->n_list <= self->pool->len, NULL);
  return &g_array_index (self->pool, gint32, span->list);
}

/* The last of @n elements of @stride bytes whose first field (a guint64 start) is at or
 * before @time_ns; -1 if none is. */
static gssize
find_span (const guint8 *base,
           guint         n,
           gsize         stride,
           guint64       time_ns)
{
  gssize lo = 0;
  gssize hi = (gssize) n - 1;
  gssize found = -1;

  while (lo <= hi)
    {
      gssize mid = lo + (hi - lo) / 2;
      guint64 start;

      memcpy (&start, base + (gsize) mid * stride, sizeof start);
      if (start <= time_ns)
        {
          found = mid;
          lo = mid + 1;
        }
      else
        hi = mid - 1;
    }

  return found;
}

/* find_span(), starting from @from (the span in effect at an earlier time, or -1): a walk
 * from left to right finds each next span in a few steps, near in memory, where a binary
 * search over millions of spans would miss the cache at every level. */
static gssize
find_span_from (const guint8 *base,
                guint         n,
                gsize         stride,
                guint64       time_ns,
                gssize        from)
{
  gsize lo, step = 1;
  guint64 start;

  if (from < 0)
    return find_span (base, n, stride, time_ns);

  lo = (gsize) from;
  /* Gallop: lo stays a span starting at or before time_ns. */
  for (;;)
    {
      gsize probe = lo + step;

      if (probe >= n)
        break;
      memcpy (&start, base + probe * stride, sizeof start);
      if (start > time_ns)
        break;
      lo = probe;
      step *= 2;
    }
  {
    gsize hi = MIN (lo + step, (gsize) n);
    gssize found = find_span (base + lo * stride, (guint) (hi - lo), stride, time_ns);

    return (gssize) lo + MAX (found, 0);
  }
}

gssize
weft_model_find_thread_span (WeftModel *self,
                             guint      actor,
                             guint64    time_ns)
{
  Actor *a = get_actor (self, actor);

  g_return_val_if_fail (a != NULL, -1);
  if (a->found_gen != self->generation || a->found_t != time_ns)
    {
      gssize from = a->found_gen == self->generation && time_ns > a->found_t ? a->found : -1;

      a->found = find_span_from ((const guint8 *) a->spans->data, a->spans->len,
                                 sizeof (WeftThreadSpan), time_ns, from);
      a->found_t = time_ns;
      a->found_gen = self->generation;
    }
  return a->found;
}

gssize
weft_model_find_resource_span (WeftModel *self,
                               guint      object,
                               guint64    time_ns)
{
  Object *o = get_object (self, object);

  g_return_val_if_fail (o != NULL, -1);
  if (o->spans == NULL)
    return -1;
  if (o->found_gen != self->generation || o->found_t != time_ns)
    {
      gssize from = o->found_gen == self->generation && time_ns > o->found_t ? o->found : -1;

      o->found = find_span_from ((const guint8 *) o->spans->data, o->spans->len,
                                 sizeof (WeftResourceSpan), time_ns, from);
      o->found_t = time_ns;
      o->found_gen = self->generation;
    }
  return o->found;
}

/* The sums of @actor's states over [0, t). */
static void
thread_sums_at (WeftModel  *self,
                Actor      *a,
                guint64     t,
                ThreadSums *out)
{
  const WeftThreadSpan *spans = (const WeftThreadSpan *) a->spans->data;
  gssize i;
  guint first;

  t = MIN (t, self->end_ns);
  if (a->cached_gen == self->generation && a->cached_t == t)
    {
      *out = a->cached;
      return;
    }
  i = weft_model_find_thread_span (self, a->index, t);
  if (i < 0)
    {
      /* Before the first span kept: the totals at its start (0 unless forgotten). */
      *out = g_array_index (a->sums, ThreadSums, 0);
      return;
    }

  first = (guint) i / WEFT_MODEL_CHECKPOINT * WEFT_MODEL_CHECKPOINT;
  *out = g_array_index (a->sums, ThreadSums, (guint) i / WEFT_MODEL_CHECKPOINT);
  for (guint j = first; j < (guint) i; j++)
    thread_sums_add (out, &spans[j], spans[j + 1].start_ns - spans[j].start_ns);
  thread_sums_add (out, &spans[i], t - spans[i].start_ns);
  a->cached = *out;
  a->cached_t = t;
  a->cached_gen = self->generation;
}

void
weft_model_get_thread_time (WeftModel *self,
                            guint      actor,
                            guint64    t0,
                            guint64    t1,
                            guint64   *out)
{
  Actor *a = get_actor (self, actor);
  ThreadSums s0, s1;

  g_return_if_fail (a != NULL);

  if (t1 <= t0)
    {
      memset (out, 0, sizeof (guint64) * WEFT_N_STATES);
      return;
    }
  thread_sums_at (self, a, t0, &s0);
  thread_sums_at (self, a, t1, &s1);
  for (guint s = 0; s < WEFT_N_STATES; s++)
    out[s] = s1.ns[s] - s0.ns[s];
}

/* The use and waiters of @o integrated over [0, t). */
static void
resource_sums_at (WeftModel    *self,
                  Object       *o,
                  guint64       t,
                  ResourceSums *out)
{
  const WeftResourceSpan *spans = (const WeftResourceSpan *) o->spans->data;
  gssize i;
  guint first;

  t = MIN (t, self->end_ns);
  if (o->cached_gen == self->generation && o->cached_t == t)
    {
      *out = o->cached;
      return;
    }
  i = weft_model_find_resource_span (self, o->index, t);
  memset (out, 0, sizeof *out);
  if (i < 0)
    {
      out->use = g_array_index (o->sums, ResourceSums, 0).use;
      out->wait = g_array_index (o->sums, ResourceSums, 0).wait;
      return;
    }

  first = (guint) i / WEFT_MODEL_CHECKPOINT * WEFT_MODEL_CHECKPOINT;
  out->use = g_array_index (o->sums, ResourceSums, (guint) i / WEFT_MODEL_CHECKPOINT).use;
  out->wait = g_array_index (o->sums, ResourceSums, (guint) i / WEFT_MODEL_CHECKPOINT).wait;
  for (guint j = first; j < (guint) i; j++)
    resource_sums_add (out, o, &spans[j], spans[j + 1].start_ns - spans[j].start_ns);
  resource_sums_add (out, o, &spans[i], t - spans[i].start_ns);
  o->cached = *out;
  o->cached_t = t;
  o->cached_gen = self->generation;
}

/* How many of the spans [0, i] are stale writes. */
static guint
stale_through (Object *o,
               gssize  i)
{
  const WeftResourceSpan *spans = (const WeftResourceSpan *) o->spans->data;
  guint first;
  guint n;

  if (i < 0)
    return g_array_index (o->sums, ResourceSums, 0).n_stale;
  first = (guint) i / WEFT_MODEL_CHECKPOINT * WEFT_MODEL_CHECKPOINT;
  n = g_array_index (o->sums, ResourceSums, (guint) i / WEFT_MODEL_CHECKPOINT).n_stale;
  for (guint j = first; j <= (guint) i; j++)
    if (spans[j].flags & WEFT_SPAN_STALE_WRITE)
      n++;
  return n;
}

void
weft_model_get_resource_summary (WeftModel           *self,
                                 guint                object,
                                 guint64              t0,
                                 guint64              t1,
                                 WeftResourceSummary *out)
{
  Object *o = get_object (self, object);
  ResourceSums s0, s1;
  gssize i0, i1;

  g_return_if_fail (o != NULL);
  memset (out, 0, sizeof *out);
  if (o->spans == NULL)
    return;

  t1 = MIN (t1, self->end_ns);
  if (t1 <= t0)
    {
      /* An instant: the span in effect then. */
      gssize i = weft_model_find_resource_span (self, object, t0);

      if (i >= 0)
        {
          ResourceSums sums = { 0 };

          resource_sums_add (&sums, o, &g_array_index (o->spans, WeftResourceSpan, i), 1);
          out->mean_use = sums.use;
          out->mean_waiting = sums.wait;
        }
      return;
    }

  resource_sums_at (self, o, t0, &s0);
  resource_sums_at (self, o, t1, &s1);
  out->mean_use = (s1.use - s0.use) / (double) (t1 - t0);
  out->mean_waiting = (s1.wait - s0.wait) / (double) (t1 - t0);

  /* Spans that start in [t0, t1). */
  i0 = t0 > 0 ? weft_model_find_resource_span (self, object, t0 - 1) : -1;
  i1 = weft_model_find_resource_span (self, object, t1 - 1);
  out->n_changes = (guint) (i1 - i0);
  if (o->kind == WEFT_OBJECT_SHARED)
    out->n_stale = stale_through (o, i1) - stale_through (o, i0);
}

const WeftFlow *
weft_model_get_flows (WeftModel *self,
                      guint     *n_flows)
{
  g_return_val_if_fail (self != NULL, NULL);
  *n_flows = self->flows->len;
  return (const WeftFlow *) self->flows->data;
}

gboolean
weft_model_get_deadlock (WeftModel            *self,
                         guint64              *time_ns,
                         const WeftModelEdge **edges,
                         guint                *n_edges)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (time_ns != NULL)
    *time_ns = self->deadlock_ns;
  if (edges != NULL)
    *edges = (const WeftModelEdge *) self->edges->data;
  if (n_edges != NULL)
    *n_edges = self->edges->len;
  return self->deadlock;
}

const guint64 *
weft_model_get_step_times (WeftModel *self,
                           guint     *n_steps)
{
  g_return_val_if_fail (self != NULL, NULL);
  *n_steps = self->steps->len;
  return (const guint64 *) self->steps->data;
}

/* The axis ------------------------------------------------------------------------------- */

static void
warp_add (GArray  *warp,
          double   axis,
          guint64  time_ns)
{
  double pair[2] = { axis, (double) time_ns };

  /* Keep times strictly increasing, so both directions interpolate. */
  if (warp->len >= 2 && pair[1] <= g_array_index (warp, double, warp->len - 1))
    {
      if (pair[0] > g_array_index (warp, double, warp->len - 2))
        g_array_index (warp, double, warp->len - 2) = pair[0];
      return;
    }
  g_array_append_vals (warp, pair, 2);
}

/* Step mode: (axis, time) pairs. Step k (1-based) starts at axis k - 1 at its STEP time,
 * reaches k - 1 + STEP_BUSY_FRACTION when its last event happened, and k at the next STEP. */
static void
ensure_warp (WeftModel *self)
{
  guint n = self->steps->len;

  if (self->warp_valid)
    return;

  g_array_set_size (self->warp, 0);
  warp_add (self->warp, -1.0, 0);
  for (guint k = 0; k < n; k++)
    {
      guint64 start = g_array_index (self->steps, guint64, k);
      guint64 settle = g_array_index (self->settles, guint64, k);
      guint64 next = k + 1 < n ? g_array_index (self->steps, guint64, k + 1) : self->end_ns;

      warp_add (self->warp, k, start);
      if (settle > start && settle < next)
        warp_add (self->warp, k + STEP_BUSY_FRACTION, settle);
    }
  /* The last step lasts at least a nanosecond, so it has a width. */
  warp_add (self->warp, n, MAX (self->end_ns, n > 0 ? g_array_index (self->steps, guint64, n - 1) + 1 : 1));
  self->warp_valid = TRUE;
}

double
weft_model_get_axis_start (WeftModel *self)
{
  g_return_val_if_fail (self != NULL, 0);
  if (self->mode != WEFT_MODE_STEP)
    return 0;
  ensure_warp (self);
  return g_array_index (self->warp, double, 0);
}

double
weft_model_get_axis_end (WeftModel *self)
{
  g_return_val_if_fail (self != NULL, 0);
  if (self->mode != WEFT_MODE_STEP)
    return (double) MAX (self->end_ns, 1);
  ensure_warp (self);
  return g_array_index (self->warp, double, self->warp->len - 2);
}

/* Interpolates coordinate 1 - @from from coordinate @from in the warp's pairs. */
static double
warp_map (GArray *warp,
          guint   from,
          double  x)
{
  const double *p = (const double *) warp->data;
  guint n = warp->len / 2;
  guint lo = 0, hi = n - 1;

  if (n == 1 || x <= p[from])
    return p[1 - from];
  if (x >= p[2 * (n - 1) + from])
    return p[2 * (n - 1) + 1 - from];

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (p[2 * mid + from] <= x)
        lo = mid;
      else
        hi = mid;
    }

  {
    double x0 = p[2 * lo + from], x1 = p[2 * hi + from];
    double y0 = p[2 * lo + 1 - from], y1 = p[2 * hi + 1 - from];

    return x1 > x0 ? y0 + (x - x0) * (y1 - y0) / (x1 - x0) : y0;
  }
}

double
weft_model_time_to_axis (WeftModel *self,
                         guint64    time_ns)
{
  g_return_val_if_fail (self != NULL, 0);
  if (self->mode != WEFT_MODE_STEP)
    return (double) time_ns;
  ensure_warp (self);
  return warp_map (self->warp, 1, (double) time_ns);
}

guint64
weft_model_axis_to_time (WeftModel *self,
                         double     axis)
{
  double t;

  g_return_val_if_fail (self != NULL, 0);
  if (self->mode != WEFT_MODE_STEP)
    t = axis;
  else
    {
      ensure_warp (self);
      t = warp_map (self->warp, 0, axis);
    }
  if (t <= 0)
    return 0;
  return (guint64) llround (t);
}
