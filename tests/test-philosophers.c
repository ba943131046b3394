/* test-philosophers.c — the dining philosophers on real threads: the naive table
 * deadlocks in step mode with round-robin, with the cycle in order; the fixed strategies
 * never deadlock and everyone eats; a thousand philosophers run.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>

#include "weft-test-scenario.h"
#include "weft-event-text.h"


static void
assert_cycle_is_the_table (WeftRun *run,
                           guint    count)
{
  g_autoptr(GArray) cycle = weft_run_dup_deadlock_cycle (run);

  ck_assert_uint_eq (cycle->len, count);
  for (guint i = 0; i < count; i++)
    {
      WeftCycleEdge *edge = &g_array_index (cycle, WeftCycleEdge, i);
      g_autofree char *fork = g_strdup_printf ("fork %u", (i + 1) % count + 1);

      /* Philosopher i holds his left fork i+1 and waits for his right fork, the next one. */
      ck_assert_uint_eq (weft_actor_get_index (edge->actor), i);
      ck_assert_str_eq (weft_object_get_name (edge->waits_on), fork);
      ck_assert_int_eq (weft_actor_get_state (edge->actor), WEFT_STATE_BLOCKED);
    }
}

START_TEST (test_naive_step_round_robin_deadlocks)
{
  static const char * const sets[] = { "strategy=naive", NULL };

  /* Every time, whatever the seed: the schedule alone decides. */
  for (guint seed = 1; seed <= 5; seed++)
    {
      g_autoptr(WeftRun) run = test_make_run ("philosophers", seed, sets);
      g_autoptr(GError) error = NULL;
      guint steps;

      ck_assert (weft_run_start (run, WEFT_MODE_STEP, &error));
      steps = test_step_to_end (run, 1000);
      ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_DEADLOCK);
      /* left fork, right fork: two steps each (thinking and the pause between the forks
       * are no steps). */
      ck_assert_uint_eq (steps, 10);
      weft_run_stop (run);
      assert_cycle_is_the_table (run, 5);
      ck_assert_str_eq (weft_actor_get_name (weft_run_get_actor (run, 0)), "Kant");
      ck_assert_str_eq (weft_actor_get_name (weft_run_get_actor (run, 4)), "Russell");
    }
}
END_TEST

/* At the deadlock the log says the cycle's links in words of their own: never a second
 * "Kant waits for the right fork (fork 2)" under the one the block already wrote. */
START_TEST (test_deadlock_log_has_no_duplicate)
{
  static const char * const sets[] = { "strategy=naive", NULL };
  g_autoptr(WeftRun) run = test_make_run ("philosophers", 1, sets);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  WeftTrace *trace;
  guint n_edges = 0;

  ck_assert (weft_run_start (run, WEFT_MODE_STEP, NULL));
  test_step_to_end (run, 1000);
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_DEADLOCK);
  trace = weft_run_get_trace (run);
  for (guint64 i = weft_trace_get_first (trace); i < weft_trace_get_n_events (trace); i++)
    {
      WeftEvent event;
      char *text;

      ck_assert (weft_trace_read (trace, i, &event));
      if (!weft_event_is_logged (run, &event))
        continue;
      text = weft_event_describe (run, &event);
      if (event.kind == WEFT_EVENT_CYCLE_EDGE)
        {
          n_edges++;
          for (guint k = 0; k < lines->len; k++)
            ck_assert_msg (g_strcmp0 (g_ptr_array_index (lines, k), text) != 0,
                           "the cycle's link repeats line %u: %s", k, text);
        }
      if (lines->len > 0)
        ck_assert_msg (g_strcmp0 (g_ptr_array_index (lines, lines->len - 1), text) != 0,
                       "the line is written twice: %s", text);
      g_ptr_array_add (lines, text);
    }
  ck_assert_uint_eq (n_edges, 5);
  weft_run_stop (run);
}
END_TEST

START_TEST (test_naive_step_larger_table)
{
  static const char * const sets[] = { "strategy=naive", "count=12", NULL };
  g_autoptr(WeftRun) run = test_make_run ("philosophers", 7, sets);

  ck_assert (weft_run_start (run, WEFT_MODE_STEP, NULL));
  test_step_to_end (run, 1000);
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_DEADLOCK);
  weft_run_stop (run);
  assert_cycle_is_the_table (run, 12);
  /* Beyond the course's five, names are generated and distinct. */
  ck_assert_str_ne (weft_actor_get_name (weft_run_get_actor (run, 5)),
                    weft_actor_get_name (weft_run_get_actor (run, 0)));
}
END_TEST

START_TEST (test_pending_operation_is_shown)
{
  static const char * const sets[] = { "strategy=naive", NULL };
  g_autoptr(WeftRun) run = test_make_run ("philosophers", 1, sets);
  WeftActor *kant;
  g_autofree char *pending = NULL;

  ck_assert (weft_run_start (run, WEFT_MODE_STEP, NULL));
  kant = weft_run_get_actor (run, 0);
  ck_assert (weft_run_wait_settled (run, 5 * SECOND));

  /* Before any step, every philosopher has thought (instantly in step mode) and stops
   * before his left fork: the first step takes a fork. */
  for (guint i = 0; i < 5; i++)
    {
      WeftActor *actor = weft_run_get_actor (run, i);

      ck_assert_int_eq (weft_actor_get_state (actor), WEFT_STATE_PARKED);
      ck_assert_int_eq (weft_actor_get_pending_op (actor), WEFT_OP_ACQUIRE);
    }
  pending = weft_run_describe_pending (run, kant);
  ck_assert_str_eq (pending, "Kant → take the left fork");

  /* One step: Kant takes his left fork, pauses (instantly) and stops before his right. */
  ck_assert (weft_run_step (run, kant, NULL));
  ck_assert (weft_run_wait_settled (run, 5 * SECOND));
  ck_assert_int_eq (weft_actor_get_pending_op (kant), WEFT_OP_ACQUIRE);
  g_clear_pointer (&pending, g_free);
  pending = weft_run_describe_pending (run, kant);
  ck_assert_str_eq (pending, "Kant → take the right fork");
  ck_assert_uint_eq (test_count_events (run, WEFT_EVENT_ACQUIRED, 0), 1);
  /* The others have not moved. */
  ck_assert_int_eq (weft_actor_get_pending_op (weft_run_get_actor (run, 1)), WEFT_OP_ACQUIRE);
  ck_assert_uint_eq (test_count_events (run, WEFT_EVENT_ACQUIRED, 1), 0);
}
END_TEST

static void
assert_never_deadlocks (const char *strategy,
                        WeftMode    mode)
{
  g_autofree char *set = g_strdup_printf ("strategy=%s", strategy);
  const char * const sets[] = { set, "think_ms=2", "eat_ms=2", "fork_gap_ms=2", "meals=3", NULL };

  for (guint seed = 1; seed <= 20; seed++)
    {
      g_autoptr(WeftRun) run = test_make_run ("philosophers", seed, sets);

      weft_run_set_policy (run, WEFT_POLICY_RANDOM);
      ck_assert (weft_run_start (run, mode, NULL));
      if (mode == WEFT_MODE_STEP)
        test_step_to_end (run, 100000);
      else
        ck_assert_msg (weft_run_wait_end (run, 20 * SECOND), "%s, seed %u: did not finish", strategy, seed);

      ck_assert_msg (weft_run_get_outcome (run) == WEFT_OUTCOME_COMPLETED,
                     "%s, seed %u, %s mode: outcome %s", strategy, seed, weft_mode_to_string (mode),
                     weft_outcome_to_string (weft_run_get_outcome (run)));
      weft_run_stop (run);

      {
        const WeftScenario *scenario = weft_scenarios_lookup ("philosophers");
        g_autoptr(GVariant) metrics = g_variant_ref_sink (scenario->metrics (run));
        g_autoptr(GVariant) meals = g_variant_lookup_value (metrics, "meals", G_VARIANT_TYPE ("ai"));
        double fairness = 0;

        ck_assert_uint_eq (g_variant_n_children (meals), 5);
        for (guint i = 0; i < 5; i++)
          {
            gint32 n;

            g_variant_get_child (meals, i, "i", &n);
            ck_assert_int_eq (n, 3);
          }
        ck_assert (g_variant_lookup (metrics, "fairness", "d", &fairness));
        ck_assert_double_eq_tol (fairness, 1.0, 1e-9);
      }
    }
}

START_TEST (test_ordered_never_deadlocks)
{
  assert_never_deadlocks ("ordered", WEFT_MODE_RUN);
  assert_never_deadlocks ("ordered", WEFT_MODE_STEP);
}
END_TEST

START_TEST (test_waiter_never_deadlocks)
{
  assert_never_deadlocks ("waiter", WEFT_MODE_RUN);
  assert_never_deadlocks ("waiter", WEFT_MODE_STEP);
}
END_TEST

START_TEST (test_trylock_never_deadlocks)
{
  assert_never_deadlocks ("trylock", WEFT_MODE_RUN);
  assert_never_deadlocks ("trylock", WEFT_MODE_STEP);
}
END_TEST

START_TEST (test_thousand_philosophers)
{
  static const char * const sets[] = {
    "count=1000", "strategy=ordered", "think_ms=1", "eat_ms=1", "fork_gap_ms=0", "meals=1", NULL
  };
  g_autoptr(WeftRun) run = test_make_run ("philosophers", 42, sets);
  g_autoptr(GError) error = NULL;

  ck_assert_uint_eq (weft_run_get_n_actors (run), 1000);
  ck_assert_uint_eq (weft_run_get_n_objects (run), 1000);
  ck_assert_msg (weft_run_start (run, WEFT_MODE_RUN, &error), "%s", error != NULL ? error->message : "");
  ck_assert (weft_run_wait_end (run, 30 * SECOND));
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_COMPLETED);
  weft_run_stop (run);
  for (guint i = 0; i < 1000; i++)
    ck_assert_int_eq (weft_actor_get_state (weft_run_get_actor (run, i)), WEFT_STATE_DONE);
}
END_TEST

/* A thousand naive philosophers each take their left fork and wait for their right: the
 * search of the wait-for graph follows a chain a thousand deep, on an actor's small stack
 * (WEFT_ACTOR_STACK_SIZE), and names the whole table. */
START_TEST (test_thousand_philosophers_deadlock)
{
  static const char * const sets[] = {
    "count=1000", "strategy=naive", "think_ms=0", "eat_ms=0", "fork_gap_ms=50", NULL
  };
  g_autoptr(WeftRun) run = test_make_run ("philosophers", 7, sets);
  g_autoptr(GArray) cycle = NULL;
  g_autoptr(GError) error = NULL;

  ck_assert_msg (weft_run_start (run, WEFT_MODE_RUN, &error), "%s", error != NULL ? error->message : "");
  ck_assert (weft_run_wait_end (run, 60 * SECOND));
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_DEADLOCK);
  cycle = weft_run_dup_deadlock_cycle (run);
  ck_assert_uint_eq (cycle->len, 1000);
  /* Read from its lowest-numbered philosopher, each waiting on the fork the next holds. */
  ck_assert_uint_eq (weft_actor_get_index (g_array_index (cycle, WeftCycleEdge, 0).actor), 0);
  for (guint k = 0; k < cycle->len; k++)
    {
      WeftCycleEdge *edge = &g_array_index (cycle, WeftCycleEdge, k);
      WeftCycleEdge *next = &g_array_index (cycle, WeftCycleEdge, (k + 1) % cycle->len);

      ck_assert_int_eq (weft_actor_get_state (edge->actor), WEFT_STATE_BLOCKED);
      ck_assert_ptr_eq (weft_object_get_owner (edge->waits_on), next->actor);
    }
  weft_run_stop (run);
}
END_TEST

/* The controller hammers the run with pauses, steps, resumes and speed changes while the
 * threads go; afterwards the trace must show every fork taken and put back by the same
 * philosopher, strictly alternating, and stop must still be prompt. */
START_TEST (test_control_storm)
{
  static const char * const strategies[] = { "naive", "trylock", "waiter" };

  for (guint k = 0; k < G_N_ELEMENTS (strategies); k++)
    {
      g_autofree char *set = g_strdup_printf ("strategy=%s", strategies[k]);
      const char * const sets[] = { set, "count=6", "think_ms=3", "eat_ms=2", "fork_gap_ms=2", NULL };
      g_autoptr(WeftRun) run = test_make_run ("philosophers", k + 11, sets);
      g_autoptr(GRand) rand = g_rand_new_with_seed (k + 100);
      gint64 end = g_get_monotonic_time () + SECOND;
      gint64 before_stop;
      WeftTrace *trace;
      guint owners[6];

      ck_assert (weft_run_start (run, WEFT_MODE_RUN, NULL));
      while (g_get_monotonic_time () < end && weft_run_get_outcome (run) == WEFT_OUTCOME_NONE)
        {
          switch (g_rand_int_range (rand, 0, 5))
            {
            case 0:
              weft_run_pause (run);
              ck_assert_msg (weft_run_wait_settled (run, 2 * SECOND), "pause did not settle");
              break;
            case 1:
              if (weft_run_is_paused (run) && weft_run_step (run, NULL, NULL))
                ck_assert_msg (weft_run_wait_settled (run, 2 * SECOND), "step did not settle");
              break;
            case 2:
              weft_run_resume (run);
              break;
            case 3:
              weft_run_set_speed (run, g_rand_double_range (rand, 0.5, 8.0));
              break;
            default:
              g_usleep ((gulong) g_rand_int_range (rand, 0, 3000));
              break;
            }
        }

      before_stop = g_get_monotonic_time ();
      weft_run_stop (run);
      ck_assert_int_lt (g_get_monotonic_time () - before_stop, 200 * 1000);

      /* Every fork alternates: acquired by X, released by X, acquired by Y, … */
      for (guint i = 0; i < 6; i++)
        owners[i] = WEFT_NONE;
      trace = weft_run_get_trace (run);
      ck_assert_uint_eq (weft_trace_get_first (trace), 0);
      for (guint64 i = 0; i < weft_trace_get_n_events (trace); i++)
        {
          WeftEvent ev;

          ck_assert (weft_trace_read (trace, i, &ev));
          if (ev.object >= 6 || (ev.kind != WEFT_EVENT_ACQUIRED && ev.kind != WEFT_EVENT_RELEASED))
            continue;
          if (ev.kind == WEFT_EVENT_ACQUIRED)
            {
              ck_assert_msg (owners[ev.object] == WEFT_NONE, "fork %u taken twice", ev.object + 1);
              owners[ev.object] = ev.actor;
            }
          else
            {
              ck_assert_msg (owners[ev.object] == ev.actor, "fork %u released by a non-owner", ev.object + 1);
              owners[ev.object] = WEFT_NONE;
            }
        }
      ck_assert_uint_eq (weft_run_get_n_misuses (run), 0);
    }
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("philosophers");

  setlocale (LC_ALL, "C");
  test_add_case (suite, "naive-step-round-robin-deadlocks", test_naive_step_round_robin_deadlocks);
  test_add_case (suite, "naive-step-larger-table", test_naive_step_larger_table);
  test_add_case (suite, "deadlock-log-has-no-duplicate", test_deadlock_log_has_no_duplicate);
  test_add_case (suite, "pending-operation-is-shown", test_pending_operation_is_shown);
  test_add_case (suite, "ordered-never-deadlocks", test_ordered_never_deadlocks);
  test_add_case (suite, "waiter-never-deadlocks", test_waiter_never_deadlocks);
  test_add_case (suite, "trylock-never-deadlocks", test_trylock_never_deadlocks);
  test_add_case (suite, "thousand-philosophers", test_thousand_philosophers);
  test_add_case (suite, "thousand-philosophers-deadlock", test_thousand_philosophers_deadlock);
  test_add_case (suite, "control-storm", test_control_storm);

  return test_run_suite (suite);
}
