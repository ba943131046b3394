/* test-flows.c — one reading of the events: the flows the timeline draws (the model's) and
 * the flows the Perfetto file holds are the same set, for every scenario, in run mode and
 * stepped, over several seeds; and every flow stands for a cause the runtime recorded (a
 * CAUSE event naming its cause event), none is guessed.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "weft-model.h"
#include "weft-test-scenario.h"
#include "weft-trace-json.h"

/* A scenario with some parameters, run free for a moment or stepped by a policy. */
typedef struct
{
  const char  *id;
  const char  *sets[8];
} Config;

static const Config configs[] = {
  { "philosophers", { "think_ms=1", "eat_ms=1", "fork_gap_ms=1", "meals=4", NULL } },
  { "philosophers", { "strategy=ordered", "think_ms=1", "eat_ms=1", "fork_gap_ms=0", "meals=4", NULL } },
  { "philosophers", { "strategy=waiter", "think_ms=1", "eat_ms=1", "fork_gap_ms=0", "meals=4", NULL } },
  { "philosophers", { "strategy=trylock", "think_ms=1", "eat_ms=1", "fork_gap_ms=0", "meals=4", NULL } },
  { "bank", { "gap_ms=1", NULL } },
  { "bank", { "sync=lock", "gap_ms=1", "depositors=2", "withdrawers=2", NULL } },
  { "tickets", { "delay_ms=1", NULL } },
  { "tickets", { "sync=none", "delay_ms=1", NULL } },
  { "tickets", { "sync=bounded", "delay_ms=0", NULL } },
  { "pubsub", { "interval_ms=1", "messages=20", NULL } },
  { "pubsub", { "mechanism=queue", "capacity=1", "publishers=3", "subscribers=1", "messages=20",
                "interval_ms=0", NULL } },
  { "pubsub", { "mechanism=queue", "queue_kind=priority", "capacity=2", "publishers=2",
                "subscribers=2", "messages=20", "interval_ms=0", NULL } },
};

static const char * const cats[] = {
  [WEFT_FLOW_HANDOFF] = "handoff",
  [WEFT_FLOW_WAKE] = "wake",
  [WEFT_FLOW_ITEM] = "item",
  [WEFT_FLOW_ROOM] = "room",
};

/* The events a cause of each kind may be. */
static gboolean
is_cause_of (WeftFlowKind  kind,
             WeftEventKind event)
{
  switch (kind)
    {
    case WEFT_FLOW_HANDOFF:
      return event == WEFT_EVENT_RELEASED;
    case WEFT_FLOW_WAKE:
      return event == WEFT_EVENT_NOTIFY || event == WEFT_EVENT_NOTIFY_ALL ||
             event == WEFT_EVENT_FLAG_SET || event == WEFT_EVENT_BARRIER_OPEN;
    case WEFT_FLOW_ITEM:
      return event == WEFT_EVENT_QUEUE_PUT;
    case WEFT_FLOW_ROOM:
      return event == WEFT_EVENT_QUEUE_GET;
    case WEFT_N_FLOW_KINDS:
    default:
      return FALSE;
    }
}

/* Every flow of @model stands for a CAUSE event of the trace: its effect is the event
 * just before the CAUSE, on the flow's target, at the flow's end; the event the CAUSE
 * names is the flow's start. And every CAUSE between two threads made its flow: none
 * is left out, none is added. */
static void
assert_flows_are_causes (const char *what,
                         WeftRun    *run,
                         WeftModel  *model)
{
  WeftTrace *trace = weft_run_get_trace (run);
  g_autoptr(GHashTable) by_cause = g_hash_table_new (g_int64_hash, g_int64_equal);
  WeftTraceCursor cursor;
  WeftEvent event;
  WeftEvent effect = { 0 };
  const WeftFlow *flows;
  guint n;
  guint n_causes = 0;

  ck_assert_uint_eq (weft_trace_get_first (trace), 0);
  flows = weft_model_get_flows (model, &n);
  for (guint i = 0; i < n; i++)
    {
      WeftEvent cause;

      ck_assert (weft_trace_read (trace, flows[i].cause, &cause));
      ck_assert_msg (is_cause_of (flows[i].kind, cause.kind), "%s: a %s flow from event kind %d",
                     what, cats[flows[i].kind], cause.kind);
      ck_assert_uint_eq (cause.actor, flows[i].from_actor);
      ck_assert_uint_eq (weft_event_get_time (&cause), flows[i].from_ns);
      g_hash_table_insert (by_cause, (gpointer) &flows[i].cause, (gpointer) &flows[i]);
    }

  weft_trace_cursor_init (&cursor, trace, 0);
  while (weft_trace_cursor_next (&cursor, &event))
    {
      guint64 index = cursor.next - 1;
      guint64 cause_index;
      WeftEvent cause;
      gboolean found = FALSE;

      if (event.kind != WEFT_EVENT_CAUSE)
        {
          effect = event;
          continue;
        }
      ck_assert_int_gt (event.value, 0);
      cause_index = index - (guint64) event.value;
      ck_assert (weft_trace_read (trace, cause_index, &cause));
      ck_assert_msg (is_cause_of (event.aux, cause.kind), "%s: a cause %d names event kind %d",
                     what, event.aux, cause.kind);
      ck_assert_uint_eq (effect.actor, event.actor);
      if (cause.actor == event.actor)
        continue;
      n_causes++;
      /* The flow of this CAUSE: from its cause, to its effect. */
      for (guint i = 0; i < n && !found; i++)
        found = flows[i].cause == cause_index && flows[i].to_actor == event.actor &&
                flows[i].kind == event.aux && flows[i].to_ns == weft_event_get_time (&effect);
      ck_assert_msg (found, "%s: cause %" G_GUINT64_FORMAT " made no flow", what, index);
    }
  ck_assert_msg (n_causes == n, "%s: %u causes between threads, %u flows", what, n_causes, n);
}

/* "kind from@ns → to@ns", the same words for a model flow and a Perfetto one. */
static char *
flow_key (const char *cat,
          gint64      from,
          guint64     from_ns,
          gint64      to,
          guint64     to_ns)
{
  return g_strdup_printf ("%s %" G_GINT64_FORMAT "@%" G_GUINT64_FORMAT " → %" G_GINT64_FORMAT "@%" G_GUINT64_FORMAT,
                          cat, from, from_ns, to, to_ns);
}

static gint
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Perfetto's µs back to the run's ns: the file holds ns / 1000 as a double. */
static guint64
us_to_ns (double us)
{
  return (guint64) llround (us * 1000.0);
}

/* The model's flows of @run, as keys, sorted. */
static GPtrArray *
model_flows (WeftModel *model)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  const WeftFlow *flows;
  guint n;

  flows = weft_model_get_flows (model, &n);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (keys, flow_key (cats[flows[i].kind], flows[i].from_actor, flows[i].from_ns,
                                     flows[i].to_actor, flows[i].to_ns));
  g_ptr_array_sort (keys, compare_keys);
  return keys;
}

typedef struct
{
  char    *cat;
  gint64   from;
  double   from_ts;
  gint64   to;
  double   to_ts;
  guint    n_ends;
} JsonFlow;

static void
json_flow_free (gpointer data)
{
  JsonFlow *flow = data;

  g_free (flow->cat);
  g_free (flow);
}

/* The Perfetto file's flows (ph "s" and "f" paired by id), as keys, sorted. */
static GPtrArray *
json_flows (WeftRun *run)
{
  g_autoptr(JsonNode) root = weft_trace_json_build (run, NULL);
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       json_flow_free);
  JsonArray *events = json_object_get_array_member (json_node_get_object (root), "traceEvents");
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  JsonFlow *flow;

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      const char *ph = json_object_get_string_member (event, "ph");
      gint64 id;

      if (strcmp (ph, "s") != 0 && strcmp (ph, "f") != 0)
        continue;
      id = json_object_get_int_member (event, "id");
      flow = g_hash_table_lookup (by_id, &id);
      if (flow == NULL)
        {
          flow = g_new0 (JsonFlow, 1);
          flow->cat = g_strdup (json_object_get_string_member (event, "cat"));
          g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id), flow);
        }
      if (ph[0] == 's')
        {
          flow->from = json_object_get_int_member (event, "tid") - 1;
          flow->from_ts = json_object_get_double_member (event, "ts");
        }
      else
        {
          flow->to = json_object_get_int_member (event, "tid") - 1;
          flow->to_ts = json_object_get_double_member (event, "ts");
          flow->n_ends++;
        }
    }

  g_hash_table_iter_init (&iter, by_id);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &flow))
    {
      ck_assert_uint_eq (flow->n_ends, 1);
      g_ptr_array_add (keys, flow_key (flow->cat, flow->from, us_to_ns (flow->from_ts),
                                       flow->to, us_to_ns (flow->to_ts)));
    }
  g_ptr_array_sort (keys, compare_keys);
  return keys;
}

static guint
count_cat (GPtrArray  *keys,
           const char *cat)
{
  g_autofree char *prefix = g_strconcat (cat, " ", NULL);
  guint n = 0;

  for (guint i = 0; i < keys->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (keys, i), prefix))
      n++;
  return n;
}

/* The model's and the file's flows are the same set; says where they differ first. */
static void
assert_same_flows (const char *what,
                   GPtrArray  *model,
                   GPtrArray  *json)
{
  guint i = 0;

  for (i = 0; i < model->len && i < json->len; i++)
    ck_assert_msg (strcmp (g_ptr_array_index (model, i), g_ptr_array_index (json, i)) == 0,
                   "%s: flow %u differs: model %s, Perfetto %s", what, i,
                   (char *) g_ptr_array_index (model, i), (char *) g_ptr_array_index (json, i));
  ck_assert_msg (model->len == json->len, "%s: %u flows in the model, %u in Perfetto",
                 what, model->len, json->len);
}

static WeftModel *
model_of (WeftRun *run)
{
  WeftModel *model = weft_model_new_for_run (run);

  weft_model_sync (model, run);
  return model;
}

/* Runs configuration @i in both modes over seeds, compares the two readings. */
static void
check_config (const Config *config,
              guint64       seed,
              WeftMode      mode)
{
  g_autoptr(WeftRun) run = test_make_run (config->id, seed, config->sets);
  g_autoptr(WeftModel) model = NULL;
  g_autoptr(GPtrArray) from_model = NULL;
  g_autoptr(GPtrArray) from_json = NULL;
  g_autofree char *sets = g_strjoinv (" ", (char **) config->sets);
  g_autofree char *what = g_strdup_printf ("%s %s seed %" G_GUINT64_FORMAT " %s", config->id,
                                           sets, seed, weft_mode_to_string (mode));

  if (mode == WEFT_MODE_STEP)
    {
      weft_run_set_policy (run, seed % 2 == 0 ? WEFT_POLICY_ROUND_ROBIN : WEFT_POLICY_RANDOM);
      ck_assert (weft_run_start (run, WEFT_MODE_STEP, NULL));
      test_step_to_end (run, 150);
    }
  else
    {
      ck_assert (weft_run_start (run, WEFT_MODE_RUN, NULL));
      weft_run_wait_end (run, SECOND / 5);
    }
  weft_run_stop (run);

  model = model_of (run);
  from_model = model_flows (model);
  from_json = json_flows (run);
  assert_same_flows (what, from_model, from_json);
  assert_flows_are_causes (what, run, model);
}

START_TEST (test_every_scenario)
{
  const Config *config = &configs[_i];

  for (guint64 seed = 1; seed <= 3; seed++)
    {
      check_config (config, seed, WEFT_MODE_RUN);
      check_config (config, seed, WEFT_MODE_STEP);
    }
}
END_TEST

/* The run: three publishers on a queue of one, one subscriber. Its putters wait
 * for room and are woken by the gets: the timeline draws those arrows (room) as Perfetto
 * does. Returns how many. */
static guint
check_bounded_queue (WeftMode mode)
{
  static const char * const sets[] = {
    "mechanism=queue", "capacity=1", "publishers=3", "subscribers=1", "messages=50",
    "interval_ms=0", NULL
  };
  g_autoptr(WeftRun) run = test_make_run ("pubsub", 7, sets);
  g_autoptr(WeftModel) model = NULL;
  g_autoptr(GPtrArray) from_model = NULL;
  g_autoptr(GPtrArray) from_json = NULL;
  guint model_wakes, json_wakes;

  if (mode == WEFT_MODE_STEP)
    {
      ck_assert (weft_run_start (run, WEFT_MODE_STEP, NULL));
      test_step_to_end (run, 100000);
    }
  else
    {
      ck_assert (weft_run_start (run, WEFT_MODE_RUN, NULL));
      ck_assert (weft_run_wait_end (run, 20 * SECOND));
    }
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_COMPLETED);
  weft_run_stop (run);

  model = model_of (run);
  from_model = model_flows (model);
  from_json = json_flows (run);
  /* A putter woken by a get is woken because there is room: a wake arrow of kind room. */
  model_wakes = count_cat (from_model, "wake") + count_cat (from_model, "room");
  json_wakes = count_cat (from_json, "wake") + count_cat (from_json, "room");
  ck_assert_msg (model_wakes == json_wakes, "%u wake arrows on the timeline, %u in Perfetto",
                 model_wakes, json_wakes);
  /* Every message, got by the subscriber, is an item arrow from its publisher. */
  ck_assert_uint_eq (count_cat (from_model, "item"), 150);
  ck_assert_uint_eq (count_cat (from_json, "item"), 150);
  assert_same_flows ("bounded queue", from_model, from_json);
  assert_flows_are_causes ("bounded queue", run, model);

  return model_wakes;
}

START_TEST (test_bounded_queue)
{
  guint wakes = 0;

  /* Free, whether the publishers wait for room depends on the machine's timing: a few
   * tries. Stepped in turn, they always do. */
  for (guint i = 0; i < 5 && wakes == 0; i++)
    wakes = check_bounded_queue (WEFT_MODE_RUN);
  ck_assert_uint_gt (wakes, 0);
  ck_assert_uint_gt (check_bounded_queue (WEFT_MODE_STEP), 0);
}
END_TEST

/* What no scenario uses yet: an event (flag) set while two threads wait on it, a barrier
 * of three, a reentrant lock fought over. Each woken waiter is a wake arrow from the set or
 * from the last arrival, in the model and in Perfetto alike. */
typedef struct
{
  WeftFlag    *flag;
  WeftBarrier *barrier;
  WeftRLock   *rlock;
} Gates;

static void
waiter_body (WeftActor *self,
             gpointer   data)
{
  Gates *gates = data;

  if (!weft_flag_wait (self, gates->flag) || !weft_barrier_wait (self, gates->barrier))
    return;
  for (guint i = 0; i < 20; i++)
    {
      if (!weft_rlock_acquire (self, gates->rlock) || !weft_rlock_acquire (self, gates->rlock))
        return;
      weft_sleep (self, 0, NULL);
      if (!weft_rlock_release (self, gates->rlock) || !weft_rlock_release (self, gates->rlock))
        return;
    }
}

static void
setter_body (WeftActor *self,
             gpointer   data)
{
  Gates *gates = data;

  /* Long enough for both waiters to wait on the event. */
  if (!weft_sleep (self, 50, NULL) || !weft_flag_set (self, gates->flag))
    return;
  weft_sleep (self, 50, NULL);
  weft_barrier_wait (self, gates->barrier);
}

START_TEST (test_flags_and_barriers)
{
  g_autoptr(WeftRun) run = weft_run_new (3);
  g_autoptr(WeftModel) model = NULL;
  g_autoptr(GPtrArray) from_model = NULL;
  g_autoptr(GPtrArray) from_json = NULL;
  Gates gates;
  const WeftFlow *flows;
  guint n, n_wakes = 0;

  gates.flag = weft_flag_new (run, "go");
  gates.barrier = weft_barrier_new (run, "meeting", 3);
  gates.rlock = weft_rlock_new (run, "rlock");
  weft_run_add_actor (run, "w1", waiter_body, &gates, NULL);
  weft_run_add_actor (run, "w2", waiter_body, &gates, NULL);
  weft_run_add_actor (run, "setter", setter_body, &gates, NULL);
  ck_assert (weft_run_start (run, WEFT_MODE_RUN, NULL));
  ck_assert (weft_run_wait_end (run, 10 * SECOND));
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_COMPLETED);
  weft_run_stop (run);

  model = model_of (run);
  from_model = model_flows (model);
  from_json = json_flows (run);
  assert_same_flows ("flags and barriers", from_model, from_json);
  assert_flows_are_causes ("flags and barriers", run, model);

  /* The set wakes both waiters; the setter, arriving last at the barrier, wakes both. */
  flows = weft_model_get_flows (model, &n);
  for (guint i = 0; i < n; i++)
    if (flows[i].kind == WEFT_FLOW_WAKE)
      {
        ck_assert_uint_eq (flows[i].from_actor, 2);
        ck_assert_uint_lt (flows[i].to_actor, 2);
        n_wakes++;
      }
  ck_assert_uint_eq (n_wakes, 4);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("flows");
  TCase *tc = tcase_create ("flows");

  tcase_add_test (tc, test_bounded_queue);
  tcase_add_test (tc, test_flags_and_barriers);
  tcase_add_loop_test (tc, test_every_scenario, 0, G_N_ELEMENTS (configs));
  tcase_set_timeout (tc, 60);
  suite_add_tcase (suite, tc);

  return test_run_suite (suite);
}
