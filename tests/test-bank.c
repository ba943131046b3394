/* test-bank.c — the bank-account race on real threads: with a lock the balance always ends
 * where it should; without one, stepping round-robin tells the course's story (both read
 * 2000, the withdrawer's write of 1000 overwrites the deposit), a long gap loses an update
 * in run mode, and the trace and the shared variable flag the stale write.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>

#include "weft-test-scenario.h"


/* The balance is the first object the scenario creates. */
static WeftShared *
get_balance (WeftRun *run)
{
  WeftObject *object = weft_run_get_object (run, 0);

  ck_assert_ptr_nonnull (object);
  ck_assert_int_eq (weft_object_get_kind (object), WEFT_OBJECT_SHARED);
  ck_assert_str_eq (weft_object_get_name (object), "balance");
  return (WeftShared *) object;
}

/* Stale writes (WEFT_EVENT_WRITE with aux 1) in the trace. */
static guint
count_stale_writes (WeftRun *run)
{
  WeftTrace *trace = weft_run_get_trace (run);
  guint count = 0;

  for (guint64 i = weft_trace_get_first (trace); i < weft_trace_get_n_events (trace); i++)
    {
      WeftEvent ev;

      if (weft_trace_read (trace, i, &ev) && ev.kind == WEFT_EVENT_WRITE && ev.aux == 1)
        count++;
    }

  return count;
}

/* Events of @kind by @actor in the trace. */
static guint
count_by (WeftRun       *run,
          WeftEventKind  kind,
          guint          actor)
{
  WeftTrace *trace = weft_run_get_trace (run);
  guint count = 0;

  for (guint64 i = weft_trace_get_first (trace); i < weft_trace_get_n_events (trace); i++)
    {
      WeftEvent ev;

      if (weft_trace_read (trace, i, &ev) && ev.kind == kind && ev.actor == actor)
        count++;
    }

  return count;
}

/* Everything that must hold of a finished run, whatever its sync: the stale writes the
 * trace flags, the variable's count and the scenario's lost updates are the same number,
 * and nothing was misused. */
static void
assert_accounting_agrees (WeftRun  *run,
                          GVariant *metrics)
{
  gint64 lost_updates = test_metric_int64 (metrics, "lost_updates");
  g_autoptr(GVariant) lost = g_variant_lookup_value (metrics, "lost", G_VARIANT_TYPE ("aa{sv}"));

  ck_assert_ptr_nonnull (lost);
  ck_assert_int_eq ((gint64) g_variant_n_children (lost), lost_updates);
  ck_assert_int_eq ((gint64) weft_shared_get_n_stale_writes (get_balance (run)), lost_updates);
  ck_assert_int_eq ((gint64) count_stale_writes (run), lost_updates);
  ck_assert_uint_eq (weft_run_get_n_misuses (run), 0);
  ck_assert_int_eq (test_metric_int64 (metrics, "final"), weft_shared_peek (get_balance (run)));
}

START_TEST (test_lock_run_mode_never_loses)
{
  static const char * const sets[] = {
    "sync=lock", "depositors=2", "withdrawers=2", "rounds=5", "gap_ms=1", NULL
  };

  for (guint seed = 1; seed <= 50; seed++)
    {
      g_autoptr(WeftRun) run = test_make_run ("bank", seed, sets);
      g_autoptr(GVariant) metrics = NULL;

      ck_assert (weft_run_start (run, WEFT_MODE_RUN, NULL));
      ck_assert_msg (weft_run_wait_end (run, 20 * SECOND), "seed %u: did not finish", seed);
      ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_COMPLETED);
      weft_run_stop (run);

      metrics = test_metrics (run);
      /* 2000 + 5 rounds × (2 × 5000 − 2 × 1000). */
      ck_assert_int_eq (test_metric_int64 (metrics, "expected_final"), 42000);
      ck_assert_msg (test_metric_int64 (metrics, "final") == 42000, "seed %u: final %" G_GINT64_FORMAT,
                     seed, test_metric_int64 (metrics, "final"));
      ck_assert_int_eq (test_metric_int64 (metrics, "lost_updates"), 0);
      assert_accounting_agrees (run, metrics);
      ck_assert_uint_eq (count_stale_writes (run), 0);
      /* Every clerk read and wrote back once a round. */
      ck_assert_uint_eq (test_count_events (run, WEFT_EVENT_WRITE, WEFT_NONE), 20);
    }
}
END_TEST

START_TEST (test_lock_step_mode_never_loses)
{
  static const char * const sets[] = {
    "sync=lock", "depositors=2", "withdrawers=2", "rounds=3", NULL
  };

  for (guint seed = 1; seed <= 10; seed++)
    {
      g_autoptr(WeftRun) run = test_make_run ("bank", seed, sets);
      g_autoptr(GVariant) metrics = NULL;

      weft_run_set_policy (run, WEFT_POLICY_RANDOM);
      ck_assert (weft_run_start (run, WEFT_MODE_STEP, NULL));
      test_step_to_end (run, 10000);
      ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_COMPLETED);
      weft_run_stop (run);

      metrics = test_metrics (run);
      ck_assert_int_eq (test_metric_int64 (metrics, "expected_final"), 2000 + 3 * (10000 - 2000));
      ck_assert_int_eq (test_metric_int64 (metrics, "final"), test_metric_int64 (metrics, "expected_final"));
      ck_assert_int_eq (test_metric_int64 (metrics, "lost_updates"), 0);
      ck_assert_uint_eq (count_stale_writes (run), 0);
      assert_accounting_agrees (run, metrics);
    }
}
END_TEST

/* The course's story, step by step: both read 2000, the depositor writes 7000, the
 * withdrawer writes 1000 over it. */
START_TEST (test_none_step_round_robin_is_the_course_story)
{
  static const char * const sets[] = { "sync=none", NULL };

  for (guint seed = 1; seed <= 3; seed++)
    {
      g_autoptr(WeftRun) run = test_make_run ("bank", seed, sets);
      g_autoptr(GVariant) metrics = NULL;
      g_autoptr(GVariant) lost = NULL;
      g_autoptr(GVariant) entry = NULL;
      const char *thread = NULL;
      gint32 round = 0, read = 0, wrote = 0;
      WeftEvent ev;

      ck_assert_str_eq (weft_actor_get_name (weft_run_get_actor (run, 0)), "Depositor");
      ck_assert_str_eq (weft_actor_get_name (weft_run_get_actor (run, 1)), "Withdrawer");

      ck_assert (weft_run_start (run, WEFT_MODE_STEP, NULL));
      /* read, write: two steps each (the start and the pause are no steps). */
      ck_assert_uint_eq (test_step_to_end (run, 1000), 4);
      ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_COMPLETED);
      weft_run_stop (run);

      metrics = test_metrics (run);
      ck_assert_int_eq (test_metric_int64 (metrics, "expected_final"), 6000);
      ck_assert_int_eq (test_metric_int64 (metrics, "final"), 1000);
      ck_assert_int_ne (test_metric_int64 (metrics, "final"), test_metric_int64 (metrics, "expected_final"));
      ck_assert_int_ge (test_metric_int64 (metrics, "lost_updates"), 1);
      ck_assert_int_eq (test_metric_int64 (metrics, "lost_updates"), 1);

      lost = g_variant_lookup_value (metrics, "lost", G_VARIANT_TYPE ("aa{sv}"));
      ck_assert_ptr_nonnull (lost);
      ck_assert_uint_eq (g_variant_n_children (lost), 1);
      entry = g_variant_get_child_value (lost, 0);
      ck_assert (g_variant_lookup (entry, "thread", "&s", &thread));
      ck_assert_str_eq (thread, "Withdrawer");
      ck_assert (g_variant_lookup (entry, "round", "i", &round));
      ck_assert_int_eq (round, 1);
      ck_assert (g_variant_lookup (entry, "read", "i", &read));
      ck_assert_int_eq (read, 2000);
      ck_assert (g_variant_lookup (entry, "wrote", "i", &wrote));
      ck_assert_int_eq (wrote, 1000);

      /* Both reads come before either write, and read 2000. */
      ck_assert_uint_eq (test_count_events (run, WEFT_EVENT_READ, WEFT_NONE), 2);
      for (guint i = 0; i < 2; i++)
        {
          guint64 read_at, write_at;
          WeftEvent w;

          ck_assert (test_find_event (run, WEFT_EVENT_READ, i, &ev, &read_at));
          ck_assert_int_eq (ev.value, 2000);
          ck_assert_uint_eq (ev.actor, i);
          ck_assert (test_find_event (run, WEFT_EVENT_WRITE, 0, &w, &write_at));
          ck_assert_uint_lt (read_at, write_at);
        }

      /* The trace flags the withdrawer's write as stale, and only it. */
      ck_assert (test_find_event (run, WEFT_EVENT_WRITE, 0, &ev, NULL));
      ck_assert_uint_eq (ev.actor, 0);
      ck_assert_int_eq (ev.value, 7000);
      ck_assert_uint_eq (ev.aux, 0);
      ck_assert (test_find_event (run, WEFT_EVENT_WRITE, 1, &ev, NULL));
      ck_assert_uint_eq (ev.actor, 1);
      ck_assert_int_eq (ev.value, 1000);
      ck_assert_uint_eq (ev.aux, 1);
      ck_assert_uint_eq (count_stale_writes (run), 1);

      ck_assert_uint_eq (weft_shared_get_n_stale_writes (get_balance (run)), 1);
      assert_accounting_agrees (run, metrics);
    }
}
END_TEST

/* The race by hand, as a teacher does it: exactly four presses, 1 2 1 2. Each thread is
 * parked at its first operation of the lesson (reading the balance) from the start, and
 * each press moves one thread by one operation: read, read, write, write. */
START_TEST (test_race_by_hand_is_four_steps)
{
  static const char * const sets[] = { "sync=none", NULL };
  g_autoptr(WeftRun) run = test_make_run ("bank", 1, sets);
  g_autoptr(GVariant) metrics = NULL;
  static const guint presses[] = { 0, 1, 0, 1 };
  static const WeftEventKind did[] = { WEFT_EVENT_READ, WEFT_EVENT_READ, WEFT_EVENT_WRITE, WEFT_EVENT_WRITE };

  ck_assert (weft_run_start (run, WEFT_MODE_STEP, NULL));
  ck_assert (weft_run_wait_settled (run, 5 * SECOND));
  for (guint i = 0; i < 2; i++)
    {
      WeftActor *actor = weft_run_get_actor (run, i);

      ck_assert_int_eq (weft_actor_get_state (actor), WEFT_STATE_PARKED);
      ck_assert_int_eq (weft_actor_get_pending_op (actor), WEFT_OP_READ);
    }

  for (guint i = 0; i < G_N_ELEMENTS (presses); i++)
    {
      WeftActor *actor = weft_run_get_actor (run, presses[i]);
      guint before = count_by (run, did[i], presses[i]);

      ck_assert_msg (weft_run_step (run, actor, NULL), "press %u", i + 1);
      ck_assert (weft_run_wait_settled (run, 5 * SECOND));
      ck_assert_uint_eq (count_by (run, did[i], presses[i]), before + 1);
    }

  ck_assert (weft_run_wait_end (run, 5 * SECOND));
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_COMPLETED);
  ck_assert_uint_eq (weft_run_get_n_steps (run), 4);
  weft_run_stop (run);

  metrics = test_metrics (run);
  ck_assert_int_eq (test_metric_int64 (metrics, "final"), 1000);
  ck_assert_int_eq (test_metric_int64 (metrics, "expected_final"), 6000);
}
END_TEST

/* In run mode with a long gap, both read before either writes. */
START_TEST (test_none_run_mode_long_gap_loses)
{
  static const char * const sets[] = { "sync=none", "gap_ms=50", NULL };

  for (guint seed = 1; seed <= 5; seed++)
    {
      g_autoptr(WeftRun) run = test_make_run ("bank", seed, sets);
      g_autoptr(GVariant) metrics = NULL;
      gint64 final;

      ck_assert (weft_run_start (run, WEFT_MODE_RUN, NULL));
      ck_assert_msg (weft_run_wait_end (run, 10 * SECOND), "seed %u: did not finish", seed);
      ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_COMPLETED);
      weft_run_stop (run);

      metrics = test_metrics (run);
      final = test_metric_int64 (metrics, "final");
      ck_assert_int_eq (test_metric_int64 (metrics, "expected_final"), 6000);
      ck_assert_msg (final != 6000, "seed %u: nothing was lost", seed);
      /* The last write wins: 2000 − 1000 or 2000 + 5000. */
      ck_assert_msg (final == 1000 || final == 7000, "seed %u: final %" G_GINT64_FORMAT, seed, final);
      ck_assert_int_ge (test_metric_int64 (metrics, "lost_updates"), 1);
      ck_assert_uint_ge (count_stale_writes (run), 1);
      assert_accounting_agrees (run, metrics);
    }
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("bank");

  setlocale (LC_ALL, "C");
  test_add_case (suite, "lock-run-mode-never-loses", test_lock_run_mode_never_loses);
  test_add_case (suite, "lock-step-mode-never-loses", test_lock_step_mode_never_loses);
  test_add_case (suite, "none-step-round-robin-is-the-course-story", test_none_step_round_robin_is_the_course_story);
  test_add_case (suite, "race-by-hand-is-four-steps", test_race_by_hand_is_four_steps);
  test_add_case (suite, "none-run-mode-long-gap-loses", test_none_run_mode_long_gap_loses);

  return test_run_suite (suite);
}
