/* test-trace-json.c — the Chrome trace-event JSON of real runs, written to a file and read
 * back: a named thread per actor, state slices that never overlap, timestamps in order per
 * thread, counters that follow the trace, flows whose ends sit inside slices and match the
 * events they stand for, the deadlock naming its cycle; writing is atomic and a failure
 * names the file.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "weft-test-scenario.h"
#include "weft-trace-json.h"

/* Timestamps are doubles in µs: sums of them are exact to well under a nanosecond. */
#define EPSILON_US 1e-6

typedef struct
{
  double start;
  double end;
} Span;

typedef struct
{
  gint64  id;
  char   *cat;
  gint64  start_tid;
  double  start_ts;
  gint64  end_tid;
  double  end_ts;
  guint   n_starts;
  guint   n_ends;
} Flow;

/* What the checks common to every trace found, for the tests' own checks. */
typedef struct
{
  JsonNode   *root;
  JsonArray  *events;
  JsonObject *other_data;
  GHashTable *flows;       /* id → Flow */
  guint       n_slices;
  guint       n_counters;
} Trace;

static void
flow_free (gpointer data)
{
  Flow *flow = data;

  g_free (flow->cat);
  g_free (flow);
}

static void
trace_clear (Trace *trace)
{
  g_clear_pointer (&trace->flows, g_hash_table_unref);
  g_clear_pointer (&trace->root, json_node_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Trace, trace_clear)

/* The names in @dir, sorted, joined with spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  ck_assert_ptr_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  ck_assert_msg (json_object_has_member (object, member), "no member %s", member);
  return json_object_get_string_member (object, member);
}

static JsonObject *
get_args (JsonObject *event)
{
  ck_assert_msg (json_object_has_member (event, "args"), "an event without args");
  return json_object_get_object_member (event, "args");
}

/* A slice of thread @tid around @ts. */
static gboolean
in_a_slice (GArray *spans,
            double  ts)
{
  for (guint i = 0; i < spans->len; i++)
    {
      Span *span = &g_array_index (spans, Span, i);

      if (ts >= span->start - EPSILON_US && ts <= span->end + EPSILON_US)
        return TRUE;
    }

  return FALSE;
}

/* Checks what must hold of any trace of @run, fills @trace. */
static void
check_trace (WeftRun  *run,
             JsonNode *root,
             Trace    *trace)
{
  guint n_actors = weft_run_get_n_actors (run);
  g_autofree double *last_ts = g_new0 (double, n_actors + 1);
  g_autofree double *last_end = g_new0 (double, n_actors + 1);
  g_autoptr(GPtrArray) thread_names = g_ptr_array_new_full (n_actors, g_free);
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  JsonObject *top;
  gboolean has_process_name = FALSE;
  GHashTableIter iter;
  Flow *flow;

  ck_assert_ptr_nonnull (root);
  ck_assert_int_eq (JSON_NODE_TYPE (root), JSON_NODE_OBJECT);
  trace->root = json_node_ref (root);
  trace->flows = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, flow_free);
  top = json_node_get_object (root);
  ck_assert_str_eq (get_string (top, "displayTimeUnit"), "ms");
  ck_assert (json_object_has_member (top, "traceEvents"));
  trace->events = json_object_get_array_member (top, "traceEvents");
  ck_assert_ptr_nonnull (trace->events);
  ck_assert (json_object_has_member (top, "otherData"));
  trace->other_data = json_object_get_object_member (top, "otherData");
  ck_assert_int_eq (json_object_get_int_member (trace->other_data, "seed"), (gint64) weft_run_get_seed (run));

  for (guint i = 0; i <= n_actors; i++)
    {
      g_ptr_array_add (thread_names, NULL);
      g_ptr_array_add (spans, g_array_new (FALSE, FALSE, sizeof (Span)));
    }

  for (guint i = 0; i < json_array_get_length (trace->events); i++)
    {
      JsonObject *event = json_array_get_object_element (trace->events, i);
      const char *ph;
      gint64 tid = 0;
      double ts;

      ck_assert_ptr_nonnull (event);
      ph = get_string (event, "ph");
      ck_assert_ptr_nonnull (get_string (event, "name"));
      ck_assert_int_eq (json_object_get_int_member (event, "pid"), 1);
      ck_assert_msg (json_object_has_member (event, "ts"), "event %u (%s) has no ts", i, ph);
      ts = json_object_get_double_member (event, "ts");
      ck_assert (ts >= 0);

      /* Timestamps never go back on a thread, in the order of the array. */
      if (json_object_has_member (event, "tid"))
        {
          tid = json_object_get_int_member (event, "tid");
          ck_assert_msg (tid >= 1 && tid <= n_actors, "tid %" G_GINT64_FORMAT " is no actor's", tid);
        }
      ck_assert_msg (ts >= last_ts[tid], "tid %" G_GINT64_FORMAT ": ts %f after %f (event %u)",
                     tid, ts, last_ts[tid], i);
      last_ts[tid] = ts;

      if (g_str_equal (ph, "M"))
        {
          if (g_str_equal (get_string (event, "name"), "process_name"))
            has_process_name = TRUE;
          if (g_str_equal (get_string (event, "name"), "thread_name"))
            {
              ck_assert_int_ge (tid, 1);
              ck_assert_ptr_null (g_ptr_array_index (thread_names, tid - 1));
              g_ptr_array_index (thread_names, tid - 1) = g_strdup (get_string (get_args (event), "name"));
            }
        }
      else if (g_str_equal (ph, "X"))
        {
          Span span;
          double dur;

          ck_assert_int_ge (tid, 1);
          ck_assert_msg (json_object_has_member (event, "dur"), "a slice without dur");
          dur = json_object_get_double_member (event, "dur");
          ck_assert_msg (dur >= 0, "a slice of negative duration");
          /* A thread is in one state at a time. */
          ck_assert_msg (ts >= last_end[tid] - EPSILON_US, "tid %" G_GINT64_FORMAT ": slices overlap at %f", tid, ts);
          last_end[tid] = ts + dur;
          ck_assert_str_eq (get_string (event, "cat"), "state");
          ck_assert_ptr_nonnull (get_string (get_args (event), "state"));
          span.start = ts;
          span.end = ts + dur;
          g_array_append_val (g_ptr_array_index (spans, tid), span);
          trace->n_slices++;
        }
      else if (g_str_equal (ph, "C"))
        {
          JsonObject *args = get_args (event);

          ck_assert_uint_eq (json_object_get_size (args), 1);
          trace->n_counters++;
        }
      else if (g_str_equal (ph, "s") || g_str_equal (ph, "f"))
        {
          gint64 id = json_object_get_int_member (event, "id");
          gboolean is_start = g_str_equal (ph, "s");

          ck_assert_int_ge (tid, 1);
          flow = g_hash_table_lookup (trace->flows, &id);
          if (flow == NULL)
            {
              flow = g_new0 (Flow, 1);
              flow->id = id;
              flow->cat = g_strdup (get_string (event, "cat"));
              g_hash_table_insert (trace->flows, &flow->id, flow);
            }
          ck_assert_str_eq (flow->cat, get_string (event, "cat"));
          if (is_start)
            {
              flow->n_starts++;
              flow->start_tid = tid;
              flow->start_ts = ts;
            }
          else
            {
              ck_assert_str_eq (get_string (event, "bp"), "e");
              flow->n_ends++;
              flow->end_tid = tid;
              flow->end_ts = ts;
            }
        }
      else
        {
          ck_assert_msg (g_str_equal (ph, "i"), "unexpected ph %s", ph);
          ck_assert (g_str_equal (get_string (event, "s"), "g") || g_str_equal (get_string (event, "s"), "t"));
        }
    }

  ck_assert (has_process_name);
  for (guint i = 0; i < n_actors; i++)
    {
      const char *name = g_ptr_array_index (thread_names, i);

      ck_assert_msg (name != NULL, "no thread_name for actor %u", i);
      ck_assert_str_eq (name, weft_actor_get_name (weft_run_get_actor (run, i)));
    }

  /* Each flow has one start and one end, from one thread to another, forwards in time,
   * and both ends bound to a slice of their thread. */
  g_hash_table_iter_init (&iter, trace->flows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &flow))
    {
      ck_assert_msg (flow->n_starts == 1 && flow->n_ends == 1, "flow %" G_GINT64_FORMAT ": %u starts, %u ends",
                     flow->id, flow->n_starts, flow->n_ends);
      ck_assert_int_ne (flow->start_tid, flow->end_tid);
      ck_assert (flow->start_ts <= flow->end_ts);
      ck_assert_msg (in_a_slice (g_ptr_array_index (spans, flow->start_tid), flow->start_ts),
                     "flow %" G_GINT64_FORMAT " starts outside any slice", flow->id);
      ck_assert_msg (in_a_slice (g_ptr_array_index (spans, flow->end_tid), flow->end_ts),
                     "flow %" G_GINT64_FORMAT " ends outside any slice", flow->id);
    }
}

/* Writes the trace of @run to a new file, reads it back and checks it. */
static void
write_and_check (WeftRun *run,
                 Trace   *trace)
{
  g_autofree char *dir = g_dir_make_tmp ("weft-trace-json-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  ck_assert_ptr_nonnull (dir);
  path = g_build_filename (dir, "trace.json", NULL);
  ck_assert_msg (weft_trace_json_write (run, NULL, path, &error), "%s", error != NULL ? error->message : "");
  /* Nothing is left beside it. */
  listing = list_dir (dir);
  ck_assert_str_eq (listing, "trace.json");
  ck_assert_msg (json_parser_load_from_file (parser, path, &error), "the trace does not parse: %s",
                 error->message);
  test_remove_dir (dir);

  check_trace (run, json_parser_get_root (parser), trace);
}

/* The trace of a stopped run, written and read back, is the tree the builder makes. */
static void
assert_written_is_built (WeftRun *run,
                         Trace   *trace)
{
  g_autoptr(JsonNode) built = weft_trace_json_build (run, NULL);

  ck_assert (json_node_equal (built, trace->root));
}

static Flow **
flows_of (Trace      *trace,
          const char *cat,
          guint      *n)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  GHashTableIter iter;
  Flow *flow;

  g_hash_table_iter_init (&iter, trace->flows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &flow))
    if (g_str_equal (flow->cat, cat))
      g_ptr_array_add (found, flow);

  *n = found->len;
  g_ptr_array_add (found, NULL);
  return (Flow **) g_ptr_array_free (g_steal_pointer (&found), FALSE);
}

/* The (actor, time) keys of the events of @kind. */
static GHashTable *
event_keys (WeftRun       *run,
            WeftEventKind  kind)
{
  WeftTrace *trace = weft_run_get_trace (run);
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint64 i = weft_trace_get_first (trace); i < weft_trace_get_n_events (trace); i++)
    {
      WeftEvent ev;

      if (weft_trace_read (trace, i, &ev) && ev.kind == kind)
        g_hash_table_add (keys, g_strdup_printf ("%u@%" G_GUINT64_FORMAT, (guint) ev.actor + 1,
                                                 weft_event_get_time (&ev)));
    }

  return keys;
}

/* A flow end's key, as event_keys() makes them: the trace's nanoseconds come back
 * exactly from the microseconds. */
static char *
flow_key (gint64 tid,
          double ts)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "@%" G_GUINT64_FORMAT, tid, (guint64) llround (ts * 1000.0));
}

static gboolean
has_key (GHashTable *keys,
         gint64      tid,
         double      ts)
{
  g_autofree char *key = flow_key (tid, ts);

  return g_hash_table_contains (keys, key);
}

/* Every flow of @cat starts at an event of @from_kind on its thread and ends at an event
 * of @to_kind (or, when @to_kind is STATE, anywhere: a woken waiter). */
static guint
assert_flows_match (WeftRun       *run,
                    Trace         *trace,
                    const char    *cat,
                    WeftEventKind  from_kind,
                    WeftEventKind  from_kind_too,
                    WeftEventKind  to_kind)
{
  g_autoptr(GHashTable) from = event_keys (run, from_kind);
  g_autoptr(GHashTable) from_too = event_keys (run, from_kind_too);
  g_autoptr(GHashTable) to = event_keys (run, to_kind);
  g_autofree Flow **flows = NULL;
  guint n;

  flows = flows_of (trace, cat, &n);
  for (guint i = 0; i < n; i++)
    {
      ck_assert_msg (has_key (from, flows[i]->start_tid, flows[i]->start_ts) ||
                     has_key (from_too, flows[i]->start_tid, flows[i]->start_ts),
                     "%s flow %" G_GINT64_FORMAT " does not start at its event", cat, flows[i]->id);
      if (to_kind != WEFT_EVENT_STATE)
        ck_assert_msg (has_key (to, flows[i]->end_tid, flows[i]->end_ts),
                       "%s flow %" G_GINT64_FORMAT " does not end at its event", cat, flows[i]->id);
    }

  return n;
}

/* The events with this ph and name, in order. */
static GPtrArray *
find_events (Trace      *trace,
             const char *ph,
             const char *name)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (trace->events); i++)
    {
      JsonObject *event = json_array_get_object_element (trace->events, i);

      if (g_str_equal (get_string (event, "ph"), ph) && g_str_equal (get_string (event, "name"), name))
        g_ptr_array_add (found, event);
    }

  return found;
}

/* The samples of counter @name (its one arg @key), in order. */
static GArray *
counter_values (Trace      *trace,
                const char *name,
                const char *key)
{
  g_autoptr(GPtrArray) samples = find_events (trace, "C", name);
  GArray *values = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < samples->len; i++)
    {
      gint64 value = json_object_get_int_member (get_args (g_ptr_array_index (samples, i)), key);

      g_array_append_val (values, value);
    }

  return values;
}

static guint64
sum_event_values (WeftRun       *run,
                  WeftEventKind  kind)
{
  WeftTrace *trace = weft_run_get_trace (run);
  guint64 sum = 0;

  for (guint64 i = weft_trace_get_first (trace); i < weft_trace_get_n_events (trace); i++)
    {
      WeftEvent ev;

      if (weft_trace_read (trace, i, &ev) && ev.kind == kind)
        sum += (guint64) ev.value;
    }

  return sum;
}

/* The naive table deadlocked in step mode. */
static WeftRun *
make_deadlocked_run (guint64 seed)
{
  static const char * const sets[] = { "strategy=naive", NULL };
  WeftRun *run = test_make_run ("philosophers", seed, sets);

  ck_assert (weft_run_start (run, WEFT_MODE_STEP, NULL));
  test_step_to_end (run, 1000);
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_DEADLOCK);
  weft_run_stop (run);

  return run;
}

START_TEST (test_deadlock)
{
  g_autoptr(WeftRun) run = make_deadlocked_run (1);
  g_auto(Trace) trace = { 0 };
  g_autoptr(GArray) cycle = weft_run_dup_deadlock_cycle (run);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GPtrArray) deadlocks = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GPtrArray) processes = NULL;
  WeftTrace *events = weft_run_get_trace (run);
  JsonObject *deadlock;
  WeftEvent ev;
  double end_us;

  write_and_check (run, &trace);
  assert_written_is_built (run, &trace);

  /* The run ends at the stop, whose event is recorded a moment after. */
  ck_assert (weft_trace_read (events, weft_trace_get_n_events (events) - 1, &ev));
  ck_assert_int_eq (ev.kind, WEFT_EVENT_RUN_STOP);
  end_us = (double) MAX (weft_run_get_elapsed_ns (run), weft_event_get_time (&ev)) / 1000.0;

  processes = find_events (&trace, "M", "process_name");
  ck_assert_str_eq (get_string (get_args (g_ptr_array_index (processes, 0)), "name"),
                    "Weft — Dining philosophers");
  ck_assert_str_eq (get_string (trace.other_data, "scenario"), "philosophers");
  ck_assert_str_eq (get_string (trace.other_data, "mode"), "step");
  ck_assert_str_eq (get_string (trace.other_data, "outcome"), "deadlock");

  /* One instant, across the threads, when the cycle closed, naming it. */
  deadlocks = find_events (&trace, "i", "deadlock");
  ck_assert_uint_eq (deadlocks->len, 1);
  deadlock = g_ptr_array_index (deadlocks, 0);
  ck_assert_str_eq (get_string (deadlock, "s"), "g");
  ck_assert (test_find_event (run, WEFT_EVENT_DEADLOCK, 0, &ev, NULL));
  ck_assert_double_eq_tol (json_object_get_double_member (deadlock, "ts"),
                           (double) weft_event_get_time (&ev) / 1000.0, EPSILON_US);
  ck_assert_uint_eq (cycle->len, 5);
  for (guint i = 0; i < cycle->len; i++)
    {
      WeftCycleEdge *edge = &g_array_index (cycle, WeftCycleEdge, i);

      g_string_append_printf (expected, "%s → %s → ", weft_actor_get_name (edge->actor),
                              weft_object_get_name (edge->waits_on));
    }
  g_string_append (expected, "Kant");
  ck_assert_str_eq (get_string (get_args (deadlock), "cycle"), expected->str);
  ck_assert_str_eq (get_string (get_args (deadlock), "cycle"),
                    "Kant → fork 2 → Aristotle → fork 3 → Spinoza → fork 4 → Marx → fork 5 → "
                    "Russell → fork 1 → Kant");

  /* Every philosopher ends blocked on his right fork until the stop. */
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *fork = g_strdup_printf ("fork %u", (i + 1) % 5 + 1);
      JsonObject *last = NULL;

      for (guint k = 0; k < json_array_get_length (trace.events); k++)
        {
          JsonObject *event = json_array_get_object_element (trace.events, k);

          if (g_str_equal (get_string (event, "ph"), "X") && json_object_get_int_member (event, "tid") == i + 1)
            last = event;
        }
      ck_assert_ptr_nonnull (last);
      ck_assert_str_eq (get_string (last, "name"), "blocked");
      ck_assert_str_eq (get_string (get_args (last), "object"), fork);
      ck_assert_double_eq_tol ((json_object_get_double_member (last, "ts") +
                                json_object_get_double_member (last, "dur")), end_us, EPSILON_US);
    }

  /* Each fork: free at the start, then held; one philosopher waits on it at the end. */
  for (guint f = 1; f <= 5; f++)
    {
      g_autofree char *name = g_strdup_printf ("fork %u", f);
      g_autofree char *waiters_name = g_strdup_printf ("fork %u waiters", f);
      g_autoptr(GArray) held = counter_values (&trace, name, "held");
      g_autoptr(GArray) waiters = counter_values (&trace, waiters_name, "count");
      g_autoptr(GPtrArray) samples = find_events (&trace, "C", name);

      ck_assert_uint_eq (held->len, 2);
      ck_assert_int_eq (g_array_index (held, gint64, 0), 0);
      ck_assert_double_eq (json_object_get_double_member (g_ptr_array_index (samples, 0), "ts"), 0);
      ck_assert_int_eq (g_array_index (held, gint64, 1), 1);
      ck_assert_uint_ge (waiters->len, 2);
      ck_assert_int_eq (g_array_index (waiters, gint64, waiters->len - 1), 1);
    }

  /* A step per step; nobody let go of a fork, so nothing was handed off. */
  steps = find_events (&trace, "i", "step");
  ck_assert_uint_eq (steps->len, weft_run_get_n_steps (run));
  ck_assert_uint_eq (steps->len, 10);
  ck_assert_uint_eq (g_hash_table_size (trace.flows), 0);
}
END_TEST

/* Acquisitions that had to block first, counted from the trace: each is a hand-off. */
static guint
count_blocked_acquisitions (WeftRun *run)
{
  WeftTrace *trace = weft_run_get_trace (run);
  g_autofree gboolean *blocked = g_new0 (gboolean, weft_run_get_n_actors (run));
  guint count = 0;

  for (guint64 i = weft_trace_get_first (trace); i < weft_trace_get_n_events (trace); i++)
    {
      WeftEvent ev;

      ck_assert (weft_trace_read (trace, i, &ev));
      if (ev.kind == WEFT_EVENT_STATE && ev.aux == WEFT_STATE_BLOCKED)
        blocked[ev.actor] = TRUE;
      else if (ev.kind == WEFT_EVENT_ACQUIRED && blocked[ev.actor])
        {
          blocked[ev.actor] = FALSE;
          count++;
        }
    }

  return count;
}

/* Forks taken in order, stepped at random: philosophers block on forks their neighbours
 * hold and get them when released. */
START_TEST (test_handoffs)
{
  static const char * const sets[] = {
    "strategy=ordered", "think_ms=1", "eat_ms=1", "fork_gap_ms=1", "meals=3", NULL
  };
  guint n_handoffs = 0;
  guint n;

  for (guint seed = 1; seed <= 3; seed++)
    {
      g_autoptr(WeftRun) run = test_make_run ("philosophers", seed, sets);
      g_auto(Trace) trace = { 0 };
      g_autoptr(GPtrArray) done = NULL;

      weft_run_set_policy (run, WEFT_POLICY_RANDOM);
      ck_assert (weft_run_start (run, WEFT_MODE_STEP, NULL));
      test_step_to_end (run, 100000);
      ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_COMPLETED);
      weft_run_stop (run);

      write_and_check (run, &trace);
      assert_written_is_built (run, &trace);
      n = assert_flows_match (run, &trace, "handoff", WEFT_EVENT_RELEASED, WEFT_EVENT_RELEASED,
                              WEFT_EVENT_ACQUIRED);
      ck_assert_uint_eq (n, count_blocked_acquisitions (run));
      n_handoffs += n;
      /* A finished thread shows nothing. */
      done = find_events (&trace, "X", "done");
      ck_assert_uint_eq (done->len, 0);
    }

  ck_assert_uint_gt (n_handoffs, 0);
}
END_TEST

/* The course's publisher and subscribers: each notify wakes a waiter, each wake is a flow
 * from the notifier. */
START_TEST (test_condition_wakes)
{
  static const char * const sets[] = {
    "mechanism=condition", "publishers=1", "subscribers=3", "messages=30", "interval_ms=1", NULL
  };
  g_autoptr(WeftRun) run = test_make_run ("pubsub", 3, sets);
  g_auto(Trace) trace = { 0 };
  g_autoptr(GArray) waiters = NULL;
  guint n_wakes;

  ck_assert (weft_run_start (run, WEFT_MODE_RUN, NULL));
  ck_assert (weft_run_wait_end (run, 20 * SECOND));
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_COMPLETED);
  weft_run_stop (run);

  write_and_check (run, &trace);
  assert_written_is_built (run, &trace);
  n_wakes = assert_flows_match (run, &trace, "wake", WEFT_EVENT_NOTIFY, WEFT_EVENT_NOTIFY_ALL,
                                WEFT_EVENT_STATE);
  ck_assert_uint_gt (n_wakes, 0);
  ck_assert_uint_eq (n_wakes, sum_event_values (run, WEFT_EVENT_NOTIFY) +
                              sum_event_values (run, WEFT_EVENT_NOTIFY_ALL));

  waiters = counter_values (&trace, "condition waiters", "count");
  ck_assert_uint_gt (waiters->len, 0);
  ck_assert_int_eq (g_array_index (waiters, gint64, waiters->len - 1), 0);
}
END_TEST

/* A queue: its length as a counter that follows the trace, each item a flow from its put
 * to its get. */
START_TEST (test_queue_items)
{
  static const char * const sets[] = {
    "mechanism=queue", "publishers=2", "subscribers=2", "messages=50", "interval_ms=1", NULL
  };
  g_autoptr(WeftRun) run = test_make_run ("pubsub", 5, sets);
  g_auto(Trace) trace = { 0 };
  g_autoptr(GArray) lengths = NULL;
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
  WeftTrace *events = weft_run_get_trace (run);
  gint64 length = 0;
  guint n_items;

  ck_assert (weft_run_start (run, WEFT_MODE_RUN, NULL));
  ck_assert (weft_run_wait_end (run, 20 * SECOND));
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_COMPLETED);
  weft_run_stop (run);

  write_and_check (run, &trace);
  assert_written_is_built (run, &trace);

  /* The counter starts empty and changes as the trace's lengths do. */
  g_array_append_val (expected, length);
  for (guint64 i = weft_trace_get_first (events); i < weft_trace_get_n_events (events); i++)
    {
      WeftEvent ev;

      ck_assert (weft_trace_read (events, i, &ev));
      if (ev.kind == WEFT_EVENT_QUEUE_LENGTH && ev.value != length)
        {
          length = ev.value;
          g_array_append_val (expected, length);
        }
    }
  lengths = counter_values (&trace, "queue", "length");
  ck_assert_uint_gt (lengths->len, 2);
  ck_assert_uint_eq (lengths->len, expected->len);
  ck_assert_mem_eq (lengths->data, expected->data, expected->len * sizeof (gint64));

  /* Every item got was put by another thread: one flow each. */
  n_items = assert_flows_match (run, &trace, "item", WEFT_EVENT_QUEUE_PUT, WEFT_EVENT_QUEUE_PUT,
                                WEFT_EVENT_QUEUE_GET);
  ck_assert_uint_eq (n_items, test_count_events (run, WEFT_EVENT_QUEUE_GET, WEFT_NONE));
  ck_assert_uint_ge (n_items, 100);
}
END_TEST

/* The (actor, time) keys of the events of @kind, in trace order, with their values. */
static GPtrArray *
event_key_list (WeftRun       *run,
                WeftEventKind  kind,
                GArray        *values)
{
  WeftTrace *trace = weft_run_get_trace (run);
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  for (guint64 i = weft_trace_get_first (trace); i < weft_trace_get_n_events (trace); i++)
    {
      WeftEvent ev;

      if (!weft_trace_read (trace, i, &ev) || ev.kind != kind)
        continue;
      g_ptr_array_add (keys, g_strdup_printf ("%u@%" G_GUINT64_FORMAT, (guint) ev.actor + 1,
                                              weft_event_get_time (&ev)));
      g_array_append_val (values, ev.value);
    }

  return keys;
}

/* Three publishers stepped as often as their one subscriber fill a first-in first-out
 * queue, where the same value often waits twice: the n-th get is the n-th put, and its
 * flow says so. */
START_TEST (test_fifo_items)
{
  static const char * const sets[] = {
    "mechanism=queue", "queue_kind=fifo", "publishers=3", "subscribers=1", "messages=400",
    "interval_ms=0", NULL
  };
  g_autoptr(WeftRun) run = test_make_run ("pubsub", 11, sets);
  g_auto(Trace) trace = { 0 };
  g_autoptr(GArray) put_values = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr(GArray) get_values = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr(GPtrArray) puts = NULL;
  g_autoptr(GPtrArray) gets = NULL;
  g_autoptr(GHashTable) flow_by_end = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) waiting = g_hash_table_new (NULL, NULL);
  g_autofree Flow **flows = NULL;
  gboolean twice = FALSE;
  guint n;

  weft_run_set_policy (run, WEFT_POLICY_RANDOM);
  ck_assert (weft_run_start (run, WEFT_MODE_STEP, NULL));
  test_step_to_end (run, 100000);
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_COMPLETED);
  weft_run_stop (run);
  write_and_check (run, &trace);

  puts = event_key_list (run, WEFT_EVENT_QUEUE_PUT, put_values);
  gets = event_key_list (run, WEFT_EVENT_QUEUE_GET, get_values);
  ck_assert_uint_eq (puts->len, 1200);
  ck_assert_uint_eq (gets->len, 1200);

  flows = flows_of (&trace, "item", &n);
  ck_assert_uint_eq (n, 1200);
  for (guint i = 0; i < n; i++)
    g_hash_table_insert (flow_by_end, flow_key (flows[i]->end_tid, flows[i]->end_ts), flows[i]);

  for (guint k = 0; k < gets->len; k++)
    {
      Flow *flow = g_hash_table_lookup (flow_by_end, g_ptr_array_index (gets, k));
      g_autofree char *start = NULL;

      ck_assert_msg (flow != NULL, "get %u has no flow", k);
      start = flow_key (flow->start_tid, flow->start_ts);
      ck_assert_int_eq (g_array_index (get_values, gint32, k), g_array_index (put_values, gint32, k));
      ck_assert_msg (g_str_equal (start, g_ptr_array_index (puts, k)),
                     "get %u (of %d) comes from %s, not from put %u at %s", k,
                     g_array_index (get_values, gint32, k), start, k, (char *) g_ptr_array_index (puts, k));
    }

  /* The check above could only be fooled if no value ever waited twice. */
  for (guint k = 0, next_get = 0; k < puts->len && !twice; k++)
    {
      gpointer value = GINT_TO_POINTER (g_array_index (put_values, gint32, k));
      guint64 put_ns = (guint64) g_ascii_strtoull (strchr (g_ptr_array_index (puts, k), '@') + 1, NULL, 10);

      /* Take off what was got before this put. */
      while (next_get < gets->len &&
             g_ascii_strtoull (strchr (g_ptr_array_index (gets, next_get), '@') + 1, NULL, 10) < put_ns)
        {
          gpointer got = GINT_TO_POINTER (g_array_index (get_values, gint32, next_get));

          g_hash_table_insert (waiting, got, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (waiting, got)) - 1));
          next_get++;
        }
      twice = GPOINTER_TO_UINT (g_hash_table_lookup (waiting, value)) > 0;
      g_hash_table_insert (waiting, value, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (waiting, value)) + 1));
    }
  ck_assert_msg (twice, "no value was in the queue twice at once");
}
END_TEST

/* A run that goes on while its trace is written. */
START_TEST (test_while_running)
{
  static const char * const sets[] = {
    "mechanism=queue", "publishers=2", "subscribers=3", "messages=100000", "interval_ms=1", NULL
  };
  g_autoptr(WeftRun) run = test_make_run ("pubsub", 7, sets);

  ck_assert (weft_run_start (run, WEFT_MODE_RUN, NULL));
  g_usleep (200 * 1000);
  for (guint k = 0; k < 3; k++)
    {
      g_auto(Trace) trace = { 0 };
      g_autoptr(GPtrArray) lengths = NULL;

      write_and_check (run, &trace);
      ck_assert_str_eq (get_string (trace.other_data, "outcome"), "running");
      lengths = find_events (&trace, "C", "queue");
      ck_assert_uint_gt (lengths->len, 1);
    }
  weft_run_stop (run);
}
END_TEST

/* With the oldest events dropped by the memory cap, what is left still makes a sound
 * trace, which says how much is missing. */
START_TEST (test_dropped_events)
{
  static const char * const sets[] = {
    "strategy=ordered", "count=8", "think_ms=0", "eat_ms=0", "fork_gap_ms=0", "meals=0", NULL
  };
  g_autoptr(WeftRun) run = test_make_run ("philosophers", 9, sets);
  g_auto(Trace) trace = { 0 };
  WeftTrace *events;

  /* Two chunks of events at most. */
  weft_run_set_trace_cap (run, 1);
  events = weft_run_get_trace (run);
  ck_assert (weft_run_start (run, WEFT_MODE_RUN, NULL));
  for (guint i = 0; i < 100 && weft_trace_get_first (events) == 0; i++)
    g_usleep (20 * 1000);
  weft_run_stop (run);
  ck_assert_uint_gt (weft_trace_get_first (events), 0);

  write_and_check (run, &trace);
  assert_written_is_built (run, &trace);
  ck_assert_int_eq (json_object_get_int_member (trace.other_data, "events_dropped"),
                    (gint64) weft_trace_get_first (events));
  ck_assert_uint_gt (trace.n_slices, 0);
  ck_assert_uint_gt (trace.n_counters, 0);
}
END_TEST

START_TEST (test_write_errors)
{
  g_autoptr(WeftRun) run = make_deadlocked_run (2);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("weft-trace-json-XXXXXX", NULL);
  g_autofree char *sub = NULL;
  g_autofree char *listing = NULL;
  const char *missing = "/nonexistent-dir/x.json";

  /* A folder that does not exist. */
  ck_assert (!weft_trace_json_write (run, NULL, missing, &error));
  ck_assert_ptr_nonnull (error);
  ck_assert (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT));
  ck_assert_msg (strstr (error->message, missing) != NULL, "“%s” does not name the file", error->message);
  ck_assert_str_eq (error->message, "Cannot write “/nonexistent-dir/x.json”: No such file or directory");
  ck_assert (!g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* A folder where the file should be: nothing is replaced, nothing is left behind. */
  ck_assert_ptr_nonnull (dir);
  sub = g_build_filename (dir, "sub", NULL);
  ck_assert_int_eq (g_mkdir (sub, 0755), 0);
  ck_assert (!weft_trace_json_write (run, NULL, sub, &error));
  ck_assert_ptr_nonnull (error);
  ck_assert_msg (strstr (error->message, sub) != NULL, "“%s” does not name the file", error->message);
  ck_assert (g_file_test (sub, G_FILE_TEST_IS_DIR));
  listing = list_dir (dir);
  ck_assert_str_eq (listing, "sub");
  test_remove_dir (dir);
}
END_TEST

/* A write that fails (a full disk) ends the trace at once: before, every record of a dense
 * run was still prepared and formatted after the first failed write, for nobody. Measured
 * against the same trace written whole to /dev/null, in the same test, as a ratio. (A
 * disk that fills in the middle stops the formatting at the next flush.) */
START_TEST (test_failed_write_stops_at_once)
{
  const char *sets[] = { "strategy=ordered", "think_ms=0", "eat_ms=0", "fork_gap_ms=0", NULL };
  g_autoptr(WeftRun) run = test_make_run ("philosophers", 17, sets);
  g_autoptr(WeftModel) model = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, whole_us, failed_us;

  /* Under ThreadSanitizer (build-aux/test-tsan) the run records several times slower: a
   * tenth of the events makes the trace there (the ratio below holds as well). */
#ifdef __SANITIZE_THREAD__
  const guint64 min_events = 20000;
#else
  const guint64 min_events = 200000;
#endif

  ck_assert (weft_run_start (run, WEFT_MODE_RUN, NULL));
  g_usleep (300 * 1000);
  weft_run_stop (run);
  ck_assert_uint_gt (weft_trace_get_n_events (weft_run_get_trace (run)), min_events);

  /* The model built once for both: what is timed is the records and the writing. */
  model = weft_model_new_for_run (run);
  weft_model_sync (model, run);

  start = g_get_monotonic_time ();
  ck_assert (weft_trace_json_write (run, model, "/dev/null", NULL));
  whole_us = g_get_monotonic_time () - start;

  start = g_get_monotonic_time ();
  ck_assert (!weft_trace_json_write (run, model, "/dev/full", &error));
  failed_us = g_get_monotonic_time () - start;
  ck_assert (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC));
  ck_assert_msg (failed_us * 10 < whole_us, "the failed write took %" G_GINT64_FORMAT " µs, the whole one %"
                 G_GINT64_FORMAT " µs", failed_us, whole_us);
}
END_TEST

/* An existing file is replaced whole. */
START_TEST (test_replaces_file)
{
  g_autoptr(WeftRun) run = make_deadlocked_run (3);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) built = NULL;
  g_autofree char *dir = g_dir_make_tmp ("weft-trace-json-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autofree char *listing = NULL;

  ck_assert_ptr_nonnull (dir);
  path = g_build_filename (dir, "trace.json", NULL);
  ck_assert (g_file_set_contents (path, "{\"old\": true, \"long enough to leave a tail\": 1}", -1, NULL));
  ck_assert_msg (weft_trace_json_write (run, NULL, path, &error), "%s", error != NULL ? error->message : "");
  ck_assert (json_parser_load_from_file (parser, path, &error));
  built = weft_trace_json_build (run, NULL);
  ck_assert (json_node_equal (built, json_parser_get_root (parser)));
  listing = list_dir (dir);
  ck_assert_str_eq (listing, "trace.json");
  test_remove_dir (dir);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("trace-json");

  setlocale (LC_ALL, "C");
  test_add_case (suite, "deadlock", test_deadlock);
  test_add_case (suite, "handoffs", test_handoffs);
  test_add_case (suite, "condition-wakes", test_condition_wakes);
  test_add_case (suite, "queue-items", test_queue_items);
  test_add_case (suite, "fifo-items", test_fifo_items);
  test_add_case (suite, "while-running", test_while_running);
  test_add_case (suite, "dropped-events", test_dropped_events);
  test_add_case (suite, "write-errors", test_write_errors);
  test_add_case (suite, "failed-write-stops-at-once", test_failed_write_stops_at_once);
  test_add_case (suite, "replaces-file", test_replaces_file);

  return test_run_suite (suite);
}
