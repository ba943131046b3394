/* test-pubsub.c — publishers and subscribers on real threads: with the condition and with
 * every kind and size of queue, each message is consumed exactly once and the subscribers
 * leave; a bounded queue makes its publisher wait; each queue kind hands out its items in
 * its own order.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>

#include "weft-test-scenario.h"


/* What a subscriber of the queue mechanism gets when everything is consumed. */
#define SENTINEL (-1)

/* The values of the kept events of @kind, in trace order, sentinels left out. */
static GArray *
trace_values (WeftRun       *run,
              WeftEventKind  kind)
{
  WeftTrace *trace = weft_run_get_trace (run);
  GArray *values = g_array_new (FALSE, FALSE, sizeof (gint32));

  ck_assert_uint_eq (weft_trace_get_first (trace), 0);
  for (guint64 i = 0; i < weft_trace_get_n_events (trace); i++)
    {
      WeftEvent ev;

      ck_assert (weft_trace_read (trace, i, &ev));
      if (ev.kind == kind && ev.value != SENTINEL)
        g_array_append_val (values, ev.value);
    }

  return values;
}

/* After a completed run: every message published was consumed exactly once. */
static void
assert_each_consumed_once (WeftRun    *run,
                           guint       publishers,
                           guint       subscribers,
                           guint       messages,
                           const char *what)
{
  g_autoptr(GVariant) metrics = test_metrics (run);
  g_autoptr(GVariant) per_subscriber = NULL;
  g_autoptr(GArray) puts = trace_values (run, WEFT_EVENT_QUEUE_PUT);
  g_autoptr(GArray) gets = trace_values (run, WEFT_EVENT_QUEUE_GET);
  gint64 expected = (gint64) publishers * messages;
  gint64 sum = 0;

  ck_assert_msg (test_metric_int64 (metrics, "published") == expected, "%s: published %" G_GINT64_FORMAT,
                 what, test_metric_int64 (metrics, "published"));
  ck_assert_msg (test_metric_int64 (metrics, "consumed") == expected, "%s: consumed %" G_GINT64_FORMAT,
                 what, test_metric_int64 (metrics, "consumed"));
  ck_assert_msg (test_metric_int64 (metrics, "duplicates") == 0, "%s: %" G_GINT64_FORMAT " duplicates",
                 what, test_metric_int64 (metrics, "duplicates"));
  ck_assert_msg (test_metric_int64 (metrics, "lost") == 0, "%s: %" G_GINT64_FORMAT " lost",
                 what, test_metric_int64 (metrics, "lost"));
  ck_assert_msg (test_metric_int64 (metrics, "in_queue") == 0, "%s: %" G_GINT64_FORMAT " left in the queue",
                 what, test_metric_int64 (metrics, "in_queue"));

  per_subscriber = g_variant_lookup_value (metrics, "consumed_per_subscriber", G_VARIANT_TYPE ("ai"));
  ck_assert_ptr_nonnull (per_subscriber);
  ck_assert_uint_eq (g_variant_n_children (per_subscriber), subscribers);
  for (guint i = 0; i < subscribers; i++)
    {
      gint32 n;

      g_variant_get_child (per_subscriber, i, "i", &n);
      sum += n;
    }
  ck_assert_int_eq (sum, expected);

  /* The trace agrees: as many puts and gets of real messages as were published, and the
   * same multiset of values. */
  ck_assert_int_eq ((gint64) puts->len, expected);
  ck_assert_int_eq ((gint64) gets->len, expected);
  {
    guint counts[1001] = { 0 };

    for (guint i = 0; i < puts->len; i++)
      {
        gint32 v = g_array_index (puts, gint32, i);

        ck_assert (v >= 0 && v <= 1000);
        counts[v]++;
      }
    for (guint i = 0; i < gets->len; i++)
      {
        gint32 v = g_array_index (gets, gint32, i);

        ck_assert (v >= 0 && v <= 1000);
        ck_assert_msg (counts[v] > 0, "%s: %d got more often than put", what, v);
        counts[v]--;
      }
  }

  ck_assert_uint_eq (weft_run_get_n_misuses (run), 0);
}

/* One run to its end, in run mode or stepped at random. */
static void
run_and_check (const char * const *config,
               guint               publishers,
               guint               subscribers,
               guint               messages,
               WeftMode            mode,
               guint64             seed)
{
  g_autofree char *p = g_strdup_printf ("publishers=%u", publishers);
  g_autofree char *s = g_strdup_printf ("subscribers=%u", subscribers);
  g_autofree char *m = g_strdup_printf ("messages=%u", messages);
  g_autofree char *what = NULL;
  const char *sets[16] = { p, s, m, "interval_ms=0" };
  guint n = 4;
  g_autoptr(WeftRun) run = NULL;

  for (guint i = 0; config[i] != NULL; i++)
    sets[n++] = config[i];
  sets[n] = NULL;
  what = g_strdup_printf ("%s %s %s, %u/%u, %s mode, seed %" G_GUINT64_FORMAT,
                          config[0], config[1] ? config[1] : "", config[1] && config[2] ? config[2] : "",
                          publishers, subscribers, weft_mode_to_string (mode), seed);

  run = test_make_run ("pubsub", seed, sets);
  weft_run_set_policy (run, WEFT_POLICY_RANDOM);
  ck_assert (weft_run_start (run, mode, NULL));
  if (mode == WEFT_MODE_STEP)
    test_step_to_end (run, 100000);
  else
    ck_assert_msg (weft_run_wait_end (run, 20 * SECOND), "%s: did not finish", what);
  ck_assert_msg (weft_run_get_outcome (run) == WEFT_OUTCOME_COMPLETED, "%s: outcome %s", what,
                 weft_outcome_to_string (weft_run_get_outcome (run)));
  weft_run_stop (run);

  for (guint i = 0; i < weft_run_get_n_actors (run); i++)
    ck_assert_int_eq (weft_actor_get_state (weft_run_get_actor (run, i)), WEFT_STATE_DONE);
  assert_each_consumed_once (run, publishers, subscribers, messages, what);

  /* A bounded queue never held more than it has room for. */
  if (g_strv_contains (config, "mechanism=queue"))
    {
      g_autoptr(GVariant) metrics = test_metrics (run);

      for (guint i = 0; config[i] != NULL; i++)
        if (g_str_has_prefix (config[i], "capacity=") && !g_str_equal (config[i], "capacity=0"))
          ck_assert_int_le (test_metric_int64 (metrics, "longest_queue"),
                            g_ascii_strtoll (config[i] + strlen ("capacity="), NULL, 10));
    }
}

static void
check_all_shapes (const char * const *config)
{
  static const guint shapes[][2] = { { 1, 2 }, { 3, 4 } };

  for (guint k = 0; k < G_N_ELEMENTS (shapes); k++)
    {
      for (guint64 seed = 1; seed <= 4; seed++)
        run_and_check (config, shapes[k][0], shapes[k][1], 20, WEFT_MODE_RUN, seed);
      for (guint64 seed = 1; seed <= 3; seed++)
        run_and_check (config, shapes[k][0], shapes[k][1], 8, WEFT_MODE_STEP, seed);
    }
}

START_TEST (test_condition_each_consumed_once)
{
  static const char * const config[] = { "mechanism=condition", NULL };

  check_all_shapes (config);
}
END_TEST

static void
check_queue_kind (const char *kind)
{
  static const char * const capacities[] = { "capacity=0", "capacity=1", "capacity=3" };
  g_autofree char *set = g_strdup_printf ("queue_kind=%s", kind);

  for (guint c = 0; c < G_N_ELEMENTS (capacities); c++)
    {
      const char * const config[] = { "mechanism=queue", set, capacities[c], NULL };

      check_all_shapes (config);
    }
}

START_TEST (test_fifo_queue_each_consumed_once)
{
  check_queue_kind ("fifo");
}
END_TEST

START_TEST (test_lifo_queue_each_consumed_once)
{
  check_queue_kind ("lifo");
}
END_TEST

START_TEST (test_priority_queue_each_consumed_once)
{
  check_queue_kind ("priority");
}
END_TEST

/* Stepping only the publisher of a queue of one: its second put finds the queue full and
 * waits there until a subscriber makes room. */
START_TEST (test_bounded_queue_blocks_publisher)
{
  static const char * const sets[] = {
    "mechanism=queue", "capacity=1", "publishers=1", "subscribers=1", "messages=5", NULL
  };

  for (guint seed = 1; seed <= 3; seed++)
    {
      g_autoptr(WeftRun) run = test_make_run ("pubsub", seed, sets);
      g_autoptr(GVariant) metrics = NULL;
      WeftActor *publisher = weft_run_get_actor (run, 0);
      WeftActor *subscriber = weft_run_get_actor (run, 1);
      WeftObject *queue = weft_run_get_object (run, 0);
      g_autoptr(GError) error = NULL;
      guint steps = 0;

      ck_assert_str_eq (weft_actor_get_name (publisher), "Publisher");
      ck_assert_int_eq (weft_object_get_kind (queue), WEFT_OBJECT_QUEUE);

      ck_assert (weft_run_start (run, WEFT_MODE_STEP, NULL));
      ck_assert (weft_run_wait_settled (run, 5 * SECOND));
      while (weft_actor_get_state (publisher) != WEFT_STATE_WAITING && steps < 20)
        {
          ck_assert (weft_run_step (run, publisher, NULL));
          ck_assert (weft_run_wait_settled (run, 5 * SECOND));
          steps++;
        }

      /* put, put (the queue is full): it waits on the queue. Its start and its pause
       * are no steps. */
      ck_assert_int_eq (weft_actor_get_state (publisher), WEFT_STATE_WAITING);
      ck_assert_uint_eq (steps, 2);
      ck_assert_ptr_eq (weft_actor_get_waiting_on (publisher), queue);
      ck_assert_uint_eq (weft_queue_get_length ((WeftQueue *) queue), 1);
      ck_assert_uint_eq (test_count_events (run, WEFT_EVENT_QUEUE_PUT, WEFT_NONE), 1);
      /* It cannot be stepped while it waits; the subscriber has not moved. */
      ck_assert (!weft_run_step (run, publisher, &error));
      ck_assert (g_error_matches (error, WEFT_ERROR, WEFT_ERROR_NOTHING_TO_STEP));
      ck_assert_int_eq (weft_actor_get_pending_op (subscriber), WEFT_OP_GET);

      weft_run_set_policy (run, WEFT_POLICY_ROUND_ROBIN);
      test_step_to_end (run, 10000);
      ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_COMPLETED);
      weft_run_stop (run);

      metrics = test_metrics (run);
      ck_assert_int_le (test_metric_int64 (metrics, "longest_queue"), 1);
      ck_assert_int_eq (test_metric_int64 (metrics, "longest_queue"), 1);
      assert_each_consumed_once (run, 1, 1, 5, "bounded queue blocks publisher");
    }
}
END_TEST

static gint
compare_int32 (gconstpointer a,
               gconstpointer b)
{
  gint32 x = *(const gint32 *) a, y = *(const gint32 *) b;

  return (x > y) - (x < y);
}

/* The publisher alone puts three items in an unbounded queue, then the subscribers take
 * them: the gets come out in the kind's order. Returns whether the puts were in an order
 * that tells the three kinds apart (neither ascending nor descending). */
static gboolean
check_queue_order (const char *kind,
                   guint64     seed)
{
  g_autofree char *set = g_strdup_printf ("queue_kind=%s", kind);
  const char * const sets[] = { "mechanism=queue", set, "capacity=0", "messages=3", "subscribers=2", NULL };
  g_autoptr(WeftRun) run = test_make_run ("pubsub", seed, sets);
  WeftActor *publisher = weft_run_get_actor (run, 0);
  g_autoptr(GArray) puts = NULL;
  g_autoptr(GArray) gets = NULL;
  g_autoptr(GArray) expected = NULL;
  guint steps = 0;
  gint32 p0, p1, p2;

  ck_assert (weft_run_start (run, WEFT_MODE_STEP, NULL));
  ck_assert (weft_run_wait_settled (run, 5 * SECOND));
  while (test_count_events (run, WEFT_EVENT_QUEUE_PUT, WEFT_NONE) < 3 && steps < 20)
    {
      ck_assert (weft_run_step (run, publisher, NULL));
      ck_assert (weft_run_wait_settled (run, 5 * SECOND));
      steps++;
    }
  ck_assert_uint_eq (test_count_events (run, WEFT_EVENT_QUEUE_PUT, WEFT_NONE), 3);
  ck_assert_uint_eq (test_count_events (run, WEFT_EVENT_QUEUE_GET, WEFT_NONE), 0);
  ck_assert_uint_eq (weft_queue_get_length ((WeftQueue *) weft_run_get_object (run, 0)), 3);

  weft_run_set_policy (run, WEFT_POLICY_ROUND_ROBIN);
  test_step_to_end (run, 10000);
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_COMPLETED);
  weft_run_stop (run);

  puts = trace_values (run, WEFT_EVENT_QUEUE_PUT);
  gets = trace_values (run, WEFT_EVENT_QUEUE_GET);
  ck_assert_uint_eq (puts->len, 3);
  ck_assert_uint_eq (gets->len, 3);
  p0 = g_array_index (puts, gint32, 0);
  p1 = g_array_index (puts, gint32, 1);
  p2 = g_array_index (puts, gint32, 2);

  expected = g_array_new (FALSE, FALSE, sizeof (gint32));
  if (g_str_equal (kind, "fifo"))
    {
      g_array_append_vals (expected, puts->data, 3);
    }
  else if (g_str_equal (kind, "lifo"))
    {
      for (guint i = 3; i-- > 0;)
        g_array_append_val (expected, g_array_index (puts, gint32, i));
    }
  else
    {
      g_array_append_vals (expected, puts->data, 3);
      g_array_sort (expected, compare_int32);
    }

  for (guint i = 0; i < 3; i++)
    ck_assert_msg (g_array_index (gets, gint32, i) == g_array_index (expected, gint32, i),
                   "%s, seed %" G_GUINT64_FORMAT ": put %d %d %d, got %d %d %d", kind, seed, p0, p1, p2,
                   g_array_index (gets, gint32, 0), g_array_index (gets, gint32, 1),
                   g_array_index (gets, gint32, 2));

  assert_each_consumed_once (run, 1, 2, 3, kind);
  return !((p0 <= p1 && p1 <= p2) || (p0 >= p1 && p1 >= p2));
}

START_TEST (test_queue_kinds_order)
{
  static const char * const kinds[] = { "fifo", "lifo", "priority" };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      guint telling = 0;

      for (guint64 seed = 1; seed <= 6; seed++)
        if (check_queue_order (kinds[k], seed))
          telling++;

      /* The check means something only if some puts were in no sorted order. */
      ck_assert_msg (telling >= 1, "%s: every seed put its items in a sorted order", kinds[k]);
    }
}
END_TEST

/* Stopped in the middle, nothing is counted lost that was only on its way: publishers
 * blocked on a full queue have published nothing yet, a popped message is consumed. */
START_TEST (test_stop_midway_loses_nothing)
{
  static const char * const queue_sets[] = {
    "mechanism=queue", "capacity=1", "publishers=20", "subscribers=2", "messages=100000", "interval_ms=0", NULL
  };
  static const char * const condition_sets[] = {
    "publishers=3", "subscribers=2", "messages=100000", "interval_ms=0", NULL
  };
  const char * const *all[] = { queue_sets, condition_sets };

  for (guint k = 0; k < G_N_ELEMENTS (all); k++)
    for (guint seed = 1; seed <= 3; seed++)
      {
        g_autoptr(WeftRun) run = test_make_run ("pubsub", seed, all[k]);
        g_autoptr(GVariant) m = NULL;

        ck_assert (weft_run_start (run, WEFT_MODE_RUN, NULL));
        g_usleep (200 * 1000);
        weft_run_stop (run);
        m = test_metrics (run);
        ck_assert_int_gt (test_metric_int64 (m, "consumed"), 0);
        ck_assert_int_eq (test_metric_int64 (m, "lost"), 0);
        ck_assert_int_eq (test_metric_int64 (m, "duplicates"), 0);
        ck_assert_int_eq (test_metric_int64 (m, "published"),
                          test_metric_int64 (m, "consumed") + test_metric_int64 (m, "in_queue"));
      }

  /* Stopped at every step of a short step-mode run, too. */
  for (guint steps = 1; steps <= 40; steps++)
    {
      static const char * const sets[] = { "subscribers=1", "messages=3", "interval_ms=0", NULL };
      g_autoptr(WeftRun) run = test_make_run ("pubsub", 1, sets);
      g_autoptr(GVariant) m = NULL;

      ck_assert (weft_run_start (run, WEFT_MODE_STEP, NULL));
      ck_assert (weft_run_wait_settled (run, 5 * G_USEC_PER_SEC));
      for (guint i = 0; i < steps && weft_run_step (run, NULL, NULL); i++)
        ck_assert (weft_run_wait_settled (run, 5 * G_USEC_PER_SEC));
      weft_run_stop (run);
      m = test_metrics (run);
      ck_assert_int_eq (test_metric_int64 (m, "lost"), 0);
      ck_assert_int_eq (test_metric_int64 (m, "published"),
                        test_metric_int64 (m, "consumed") + test_metric_int64 (m, "in_queue"));
    }
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("pubsub");

  setlocale (LC_ALL, "C");
  test_add_case (suite, "condition-each-consumed-once", test_condition_each_consumed_once);
  test_add_case (suite, "fifo-queue-each-consumed-once", test_fifo_queue_each_consumed_once);
  test_add_case (suite, "lifo-queue-each-consumed-once", test_lifo_queue_each_consumed_once);
  test_add_case (suite, "priority-queue-each-consumed-once", test_priority_queue_each_consumed_once);
  test_add_case (suite, "bounded-queue-blocks-publisher", test_bounded_queue_blocks_publisher);
  test_add_case (suite, "queue-kinds-order", test_queue_kinds_order);
  test_add_case (suite, "stop-midway-loses-nothing", test_stop_midway_loses_nothing);

  return test_run_suite (suite);
}
