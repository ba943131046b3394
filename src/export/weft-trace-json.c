/* weft-trace-json.c — the trace of a run in the Chrome trace-event format.
 *
 * It reads the run's model (weft-model.h), the one reading of its events that the views
 * read too, so the file and the timeline tell the same story: a slice for each thread
 * span, counter samples from the objects' spans, a flow for each of the model's flows
 * (causes the runtime recorded), an instant for each of its instants. The records are
 * sorted by time (Perfetto wants every thread's timestamps in order) and emitted as trace
 * events, to a JSON tree or straight to a file as text.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "weft-trace-json.h"
#include "weft-json-emit.h"
#include "weft-model-words.h"
#include "weft-output.h"

/* Chrome's trace viewer wants one process; the actors are its threads, tid = index + 1. */
#define TRACE_PID 1

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
  COUNTER_NONE,     /* a condition has no value of its own */
} CounterKind;

static const struct
{
  const char *cat;
  const char *name;
} flow_names[] = {
  [WEFT_FLOW_HANDOFF] = { "handoff", "hand-off" },
  [WEFT_FLOW_WAKE] = { "wake", "wake" },
  [WEFT_FLOW_ITEM] = { "item", "item" },
  [WEFT_FLOW_ROOM] = { "room", "room" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (flow_names) == WEFT_N_FLOW_KINDS);

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
  guint64 extra;    /* slice: duration (ns); flow: id; instant: index in the instants */
  guint32 seq;      /* order of creation, to keep the sort stable */
  guint8  type;     /* RecordType */
  guint8  what;     /* slice: WeftState; counter: CounterKind; flow: WeftFlowKind */
  guint16 actor;    /* WEFT_NONE: the whole process */
  guint16 object;
  gint32  value;    /* slice: the span's detail; counter: the sample */
} Record;

typedef struct
{
  WeftRun     *run;
  WeftModel   *model;
  GArray      *records;        /* Record */
  GPtrArray   *waiters_names;  /* "<object> waiters" */
  guint64      end_ns;
} Export;

static void
export_free (Export *x)
{
  g_clear_pointer (&x->records, g_array_unref);
  g_clear_pointer (&x->waiters_names, g_ptr_array_unref);
  g_clear_pointer (&x->model, weft_model_unref);
  g_free (x);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Export, export_free)

static Record *
add_record (Export     *x,
            RecordType  type,
            guint64     ts_ns,
            guint16     actor,
            guint16     object,
            guint8      what)
{
  Record record = { 0 };

  record.ts_ns = ts_ns;
  record.seq = x->records->len;
  record.type = (guint8) type;
  record.actor = actor;
  record.object = object;
  record.what = what;
  g_array_append_val (x->records, record);

  return &g_array_index (x->records, Record, x->records->len - 1);
}

/* A slice per span; a finished thread shows nothing, like a real one that has exited,
 * and after dropped events a thread whose start we did not see is not known to be new. */
static void
add_slices (Export  *x,
            guint16  actor)
{
  gboolean dropped = weft_model_get_n_dropped (x->model) > 0;
  guint n;
  const WeftThreadSpan *spans = weft_model_get_thread_spans (x->model, actor, &n);

  for (guint k = 0; k < n; k++)
    {
      guint64 end = k + 1 < n ? spans[k + 1].start_ns : MAX (x->end_ns, spans[k].start_ns);
      Record *record;

      if (spans[k].state == WEFT_STATE_DONE || end <= spans[k].start_ns ||
          (dropped && spans[k].state == WEFT_STATE_NEW))
        continue;
      record = add_record (x, RECORD_SLICE, spans[k].start_ns, actor, spans[k].object, spans[k].state);
      record->value = spans[k].detail;
      record->extra = end - spans[k].start_ns;
    }
}

static CounterKind
counter_for (WeftObjectKind kind)
{
  switch (kind)
    {
    case WEFT_OBJECT_LOCK:
    case WEFT_OBJECT_RLOCK:
      return COUNTER_HELD;
    case WEFT_OBJECT_SEMAPHORE:
    case WEFT_OBJECT_BOUNDED_SEMAPHORE:
    case WEFT_OBJECT_SHARED:
      return COUNTER_VALUE;
    case WEFT_OBJECT_QUEUE:
      return COUNTER_LENGTH;
    case WEFT_OBJECT_BARRIER:
      return COUNTER_ARRIVED;
    case WEFT_OBJECT_FLAG:
      return COUNTER_SET;
    case WEFT_OBJECT_CONDITION:
    case WEFT_N_OBJECT_KINDS:
    default:
      return COUNTER_NONE;
    }
}

/* An object's own counter and its waiters, sampled when they change. Its first span is
 * what it held when the run started, unless older events were dropped. */
static void
add_counters (Export  *x,
              guint16  object)
{
  CounterKind kind = counter_for (weft_model_get_object_kind (x->model, object));
  guint first = weft_model_get_n_dropped (x->model) > 0 ? 1 : 0;
  gboolean has_waiters = FALSE;
  guint n;
  const WeftResourceSpan *spans = weft_model_get_object_spans (x->model, object, &n);

  for (guint k = 0; k < n && !has_waiters; k++)
    has_waiters = spans[k].n_waiting > 0;

  for (guint k = first; k < n; k++)
    {
      Record *record;

      if (kind != COUNTER_NONE && (k == first || spans[k].value != spans[k - 1].value))
        {
          record = add_record (x, RECORD_COUNTER, spans[k].start_ns, WEFT_NONE, object, kind);
          record->value = spans[k].value;
        }
      if (has_waiters && (k == first || spans[k].n_waiting != spans[k - 1].n_waiting))
        {
          record = add_record (x, RECORD_COUNTER, spans[k].start_ns, WEFT_NONE, object, COUNTER_WAITERS);
          record->value = spans[k].n_waiting;
        }
    }
}

static void
add_flows (Export *x)
{
  guint n;
  const WeftFlow *flows = weft_model_get_flows (x->model, &n);

  for (guint i = 0; i < n; i++)
    {
      Record *record;

      record = add_record (x, RECORD_FLOW_START, flows[i].from_ns, flows[i].from_actor, WEFT_NONE,
                           flows[i].kind);
      record->extra = i + 1;
      record = add_record (x, RECORD_FLOW_END, flows[i].to_ns, flows[i].to_actor, WEFT_NONE,
                           flows[i].kind);
      record->extra = i + 1;
    }
}

/* Run-level instants are drawn across every thread, the others on their thread's. */
static void
add_instants (Export *x)
{
  guint n;
  const WeftEvent *instants = weft_model_get_instants (x->model, &n);
  guint n_actors = weft_model_get_n_actors (x->model);

  for (guint i = 0; i < n; i++)
    {
      const WeftEvent *event = &instants[i];
      gboolean global = event->kind == WEFT_EVENT_DEADLOCK || event->kind == WEFT_EVENT_RUN_PAUSE ||
                        event->kind == WEFT_EVENT_RUN_RESUME || event->kind == WEFT_EVENT_RUN_STOP ||
                        event->kind == WEFT_EVENT_RUN_END;
      Record *record;

      record = add_record (x, RECORD_INSTANT, weft_event_get_time (event),
                           global || event->actor >= n_actors ? WEFT_NONE : event->actor, WEFT_NONE, 0);
      record->extra = i;
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

/* The records of @run's model (@model, or one made from the run now). */
static Export *
export_new (WeftRun   *run,
            WeftModel *model)
{
  g_autoptr(Export) x = g_new0 (Export, 1);

  x->run = run;
  if (model != NULL)
    x->model = weft_model_ref (model);
  else
    {
      x->model = weft_model_new_for_run (run);
      weft_model_sync (x->model, run);
    }
  x->records = g_array_new (FALSE, FALSE, sizeof (Record));
  x->waiters_names = g_ptr_array_new_full (weft_model_get_n_objects (x->model), g_free);
  /* The states last until the run ended, or until now if it goes on. */
  x->end_ns = MAX (weft_model_get_end_ns (x->model), weft_run_get_elapsed_ns (run));

  for (guint i = 0; i < weft_model_get_n_objects (x->model); i++)
    {
      /* Translators: a counter in a trace opened in Perfetto: how many threads wait on an
       * object, e.g. "fork 2 waiters". */
      g_ptr_array_add (x->waiters_names, g_strdup_printf (_("%s waiters"),
                                                          weft_model_get_object_name (x->model, i)));
      add_counters (x, (guint16) i);
    }
  for (guint i = 0; i < weft_model_get_n_actors (x->model); i++)
    add_slices (x, (guint16) i);
  add_flows (x);
  add_instants (x);
  g_array_sort (x->records, compare_records);

  return g_steal_pointer (&x);
}

static const char *
get_object_name (Export  *x,
                 guint16  object)
{
  if (object >= weft_model_get_n_objects (x->model))
    return NULL;
  return weft_model_get_object_name (x->model, object);
}

/* Opens a trace event with the members every one has. */
static void
emit_event_start (WeftJsonEmitter *e,
                  const char      *ph,
                  const char      *name,
                  guint16          actor,
                  guint64          ts_ns)
{
  weft_json_begin_object (e);
  weft_json_string_member (e, "ph", ph);
  weft_json_string_member (e, "name", name);
  weft_json_int_member (e, "pid", TRACE_PID);
  if (actor != WEFT_NONE)
    weft_json_int_member (e, "tid", actor + 1);
  weft_json_name (e, "ts");
  weft_json_us (e, ts_ns);
}

static void
emit_metadata_event (WeftJsonEmitter *e,
                     const char      *name,
                     guint16          actor,
                     const char      *key,
                     const char      *string_value,
                     gint64           int_value)
{
  emit_event_start (e, "M", name, actor, 0);
  weft_json_name (e, "args");
  weft_json_begin_object (e);
  if (string_value != NULL)
    weft_json_string_member (e, key, string_value);
  else
    weft_json_int_member (e, key, int_value);
  weft_json_end_object (e);
  weft_json_end_object (e);
}

static void
emit_metadata (WeftJsonEmitter *e,
               Export          *x)
{
  const WeftScenario *scenario = weft_run_get_scenario (x->run);
  g_autofree char *process_name = NULL;

  if (scenario != NULL)
    /* Translators: the name of the process in a trace opened in Perfetto, e.g.
     * "Weft — Dining philosophers". */
    process_name = g_strdup_printf (_("Weft — %s"), _(scenario->title));
  else
    process_name = g_strdup (_("Weft run"));

  emit_metadata_event (e, "process_name", WEFT_NONE, "name", process_name, 0);
  for (guint i = 0; i < weft_model_get_n_actors (x->model); i++)
    {
      emit_metadata_event (e, "thread_name", (guint16) i, "name",
                           weft_model_get_actor_name (x->model, i), 0);
      emit_metadata_event (e, "thread_sort_index", (guint16) i, "sort_index", NULL, i);
    }
}

static void
emit_slice (WeftJsonEmitter *e,
            Export          *x,
            const Record    *record)
{
  const char *state = weft_state_to_string (record->what);
  const char *activity = NULL;
  const char *object = NULL;

  if ((record->what == WEFT_STATE_RUNNING || record->what == WEFT_STATE_SLEEPING) && record->value != 0)
    activity = weft_model_get_activity (x->model, (guint16) record->value);
  if (record->what == WEFT_STATE_BLOCKED || record->what == WEFT_STATE_WAITING ||
      record->what == WEFT_STATE_PARKED)
    object = get_object_name (x, record->object);

  emit_event_start (e, "X", activity != NULL ? activity : state, record->actor, record->ts_ns);
  weft_json_name (e, "dur");
  weft_json_us (e, record->extra);
  weft_json_string_member (e, "cat", "state");

  weft_json_name (e, "args");
  weft_json_begin_object (e);
  weft_json_string_member (e, "state", state);
  if (activity != NULL)
    weft_json_string_member (e, "activity", activity);
  if (object != NULL)
    weft_json_string_member (e, "object", object);
  if (record->what == WEFT_STATE_PARKED && record->value > WEFT_OP_NONE && record->value < WEFT_N_OPS)
    weft_json_string_member (e, "next", weft_op_to_string ((WeftOp) record->value));
  weft_json_end_object (e);

  weft_json_end_object (e);
}

static void
emit_counter (WeftJsonEmitter *e,
              Export          *x,
              const Record    *record)
{
  const char *name;

  if (record->what == COUNTER_WAITERS)
    name = g_ptr_array_index (x->waiters_names, record->object);
  else
    name = get_object_name (x, record->object);

  emit_event_start (e, "C", name, WEFT_NONE, record->ts_ns);
  weft_json_name (e, "args");
  weft_json_begin_object (e);
  weft_json_int_member (e, counter_keys[record->what], record->value);
  weft_json_end_object (e);
  weft_json_end_object (e);
}

static void
emit_flow (WeftJsonEmitter *e,
           const Record    *record)
{
  gboolean is_start = record->type == RECORD_FLOW_START;

  emit_event_start (e, is_start ? "s" : "f", flow_names[record->what].name,
                    record->actor, record->ts_ns);
  weft_json_string_member (e, "cat", flow_names[record->what].cat);
  weft_json_int_member (e, "id", (gint64) record->extra);
  /* Bound to the slice enclosing it, not to the next one. */
  if (!is_start)
    weft_json_string_member (e, "bp", "e");
  weft_json_end_object (e);
}

/* "Kant → fork 2 → Aristotle → fork 3 → … → Kant", whole, in the words every view uses
 * (weft_describe_cycle()); without a cycle, who waits on what. */
static char *
describe_cycle (Export          *x,
                const WeftEvent *deadlock)
{
  g_autoptr(GString) text = NULL;
  const WeftModelEdge *edges;
  guint n_edges = 0;

  if (deadlock->value > 0)
    {
      char *cycle = weft_describe_cycle (x->model, 0);

      if (cycle != NULL)
        return cycle;
    }
  text = g_string_new (NULL);
  weft_model_get_deadlock (x->model, NULL, &edges, &n_edges);
  for (guint i = 0; i < n_edges; i++)
    {
      const char *object = get_object_name (x, edges[i].object);

      if (edges[i].actor >= weft_model_get_n_actors (x->model))
        break;
      if (i > 0)
        g_string_append (text, deadlock->value > 0 ? " → " : ", ");
      g_string_append (text, weft_model_get_actor_name (x->model, edges[i].actor));
      if (object != NULL)
        g_string_append_printf (text, " → %s", object);
    }

  /* A cycle ends where it began. */
  if (deadlock->value > 0 && n_edges > 0 && edges[0].actor < weft_model_get_n_actors (x->model))
    g_string_append_printf (text, " → %s", weft_model_get_actor_name (x->model, edges[0].actor));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
emit_instant (WeftJsonEmitter *e,
              Export          *x,
              const Record    *record)
{
  guint n;
  const WeftEvent *event = &weft_model_get_instants (x->model, &n)[record->extra];
  g_autofree char *text = weft_event_describe (x->run, event);

  emit_event_start (e, "i", instant_names[event->kind], record->actor, record->ts_ns);
  weft_json_string_member (e, "s", record->actor == WEFT_NONE ? "g" : "t");
  weft_json_name (e, "args");
  weft_json_begin_object (e);
  weft_json_string_member (e, "text", text);
  if (event->kind == WEFT_EVENT_DEADLOCK)
    {
      g_autofree char *cycle = describe_cycle (x, event);

      weft_json_string_member (e, event->value > 0 ? "cycle" : "waiting", cycle);
      weft_json_int_member (e, "threads", event->value);
    }
  weft_json_end_object (e);
  weft_json_end_object (e);
}

static void
emit_record (WeftJsonEmitter *e,
             Export          *x,
             const Record    *record)
{
  switch ((RecordType) record->type)
    {
    case RECORD_SLICE:
      emit_slice (e, x, record);
      break;
    case RECORD_COUNTER:
      emit_counter (e, x, record);
      break;
    case RECORD_FLOW_START:
    case RECORD_FLOW_END:
      emit_flow (e, record);
      break;
    case RECORD_INSTANT:
      emit_instant (e, x, record);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
emit_other_data (WeftJsonEmitter *e,
                 Export          *x)
{
  const WeftScenario *scenario = weft_run_get_scenario (x->run);

  weft_json_begin_object (e);
  if (scenario != NULL)
    weft_json_string_member (e, "scenario", scenario->id);
  weft_json_int_member (e, "seed", (gint64) weft_run_get_seed (x->run));
  weft_json_string_member (e, "mode", weft_mode_to_string (weft_run_get_mode (x->run)));
  weft_json_string_member (e, "policy", weft_policy_to_string (weft_run_get_policy (x->run)));
  weft_json_string_member (e, "outcome", weft_outcome_to_string (weft_run_get_outcome (x->run)));
  weft_json_name (e, "elapsed_ms");
  weft_json_double (e, (double) x->end_ns / 1e6);
  weft_json_int_member (e, "events", (gint64) weft_model_get_n_events (x->model));
  weft_json_int_member (e, "events_dropped", (gint64) weft_model_get_n_dropped (x->model));
  weft_json_end_object (e);
}

/* The document's opening, written before the records are prepared: a file that cannot
 * take a byte (a full disk) fails before seconds of work for nobody. */
static void
emit_document_start (WeftJsonEmitter *e)
{
  weft_json_begin_object (e);
  weft_json_name (e, "traceEvents");
  weft_json_begin_array (e);
}

static void
emit_document (WeftJsonEmitter *e,
               Export          *x)
{
  emit_metadata (e, x);
  /* A failed write (a full disk) ends the document at once: the rest would be formatted
   * for nobody (6-11 s of a dense run's trace after the disk was full). */
  for (guint i = 0; i < x->records->len && e->saved_errno == 0; i++)
    {
      emit_record (e, x, &g_array_index (x->records, Record, i));
      weft_json_maybe_flush (e);
    }
  weft_json_end_array (e);
  weft_json_string_member (e, "displayTimeUnit", "ms");
  weft_json_name (e, "otherData");
  emit_other_data (e, x);
  weft_json_end_object (e);
}

JsonNode *
weft_trace_json_build (WeftRun   *run,
                       WeftModel *model)
{
  g_autoptr(Export) x = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  WeftJsonEmitter e = { 0 };

  g_return_val_if_fail (run != NULL, NULL);

  x = export_new (run, model);
  builder = json_builder_new ();
  e.builder = builder;
  e.fd = -1;
  emit_document_start (&e);
  emit_document (&e, x);

  return json_builder_get_root (builder);
}

gboolean
weft_trace_json_write (WeftRun     *run,
                       WeftModel   *model,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(Export) x = NULL;
  g_autoptr(GString) text = NULL;
  WeftOutput output;
  WeftJsonEmitter e = { 0 };

  g_return_val_if_fail (run != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = g_string_sized_new (WEFT_JSON_FLUSH_BYTES + 4096);

  /* Written beside the file, then renamed over it (weft-output.h): whoever reads the path
   * sees the old file or the whole new one, never a part. */
  if (!weft_output_open (&output, path, error))
    return FALSE;
  e.text = text;
  e.fd = output.fd;
  emit_document_start (&e);
  weft_json_flush (&e);
  if (e.saved_errno == 0)
    {
      x = export_new (run, model);
      emit_document (&e, x);
      weft_json_flush (&e);
    }
  return weft_output_close (&output, e.saved_errno, error);
}
