/* test-schedule.c — a run's schedule (weft-schedule.h): every scenario and variant, run
 * freely with 30 seeds, then replayed in step mode from its schedule on fresh threads,
 * performs the same operations (actor, operation, object, value) in the same order; a
 * free run that deadlocked replays to the same deadlock; a schedule that does not belong
 * to the run is refused with the step and the thread named.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "weft-test-scenario.h"

#define SEEDS 30

/* One operation as the trace has it. */
typedef struct
{
  guint16 actor;
  guint16 object;
  guint8  kind;
  guint8  aux;
  gint32  value;
} Operation;

/* What threads did, as opposed to how they were seen doing it (states, steps, the run's
 * own events). */
static gboolean
is_operation (WeftEventKind kind)
{
  switch (kind)
    {
    case WEFT_EVENT_ACQUIRED:
    case WEFT_EVENT_RELEASED:
    case WEFT_EVENT_TRY_FAILED:
    case WEFT_EVENT_COND_WAIT:
    case WEFT_EVENT_NOTIFY:
    case WEFT_EVENT_NOTIFY_ALL:
    case WEFT_EVENT_FLAG_SET:
    case WEFT_EVENT_FLAG_CLEAR:
    case WEFT_EVENT_FLAG_PASSED:
    case WEFT_EVENT_BARRIER_ARRIVE:
    case WEFT_EVENT_BARRIER_OPEN:
    case WEFT_EVENT_QUEUE_PUT:
    case WEFT_EVENT_QUEUE_GET:
    case WEFT_EVENT_QUEUE_LENGTH:
    case WEFT_EVENT_READ:
    case WEFT_EVENT_WRITE:
    case WEFT_EVENT_MISUSE:
      return TRUE;
    /* A scenario's mark is recorded by its own code between two operations, not at a
     * gate: its place among the other threads' operations is the scheduler's, in a free
     * run as in a replay. Each thread's marks are compared in order (marks_of()). */
    case WEFT_EVENT_MARK:
    case WEFT_EVENT_RUN_START:
    case WEFT_EVENT_RUN_PAUSE:
    case WEFT_EVENT_RUN_RESUME:
    case WEFT_EVENT_RUN_STOP:
    case WEFT_EVENT_RUN_END:
    case WEFT_EVENT_STEP:
    case WEFT_EVENT_STATE:
    case WEFT_EVENT_DEADLOCK:
    case WEFT_EVENT_CYCLE_EDGE:
    case WEFT_EVENT_CAUSE:
    case WEFT_N_EVENT_KINDS:
    default:
      return FALSE;
    }
}

static Operation
operation_of (const WeftEvent *event)
{
  Operation operation;

  operation.actor = event->actor;
  operation.object = event->object;
  operation.kind = event->kind;
  operation.aux = event->aux;
  operation.value = event->value;
  return operation;
}

static GArray *
operations_of (WeftRun *run)
{
  GArray *operations = g_array_new (FALSE, FALSE, sizeof (Operation));
  WeftTraceCursor cursor;
  WeftEvent event;

  weft_trace_cursor_init (&cursor, weft_run_get_trace (run), 0);
  while (weft_trace_cursor_next (&cursor, &event))
    if (is_operation (event.kind))
      {
        Operation operation = operation_of (&event);

        g_array_append_val (operations, operation);
      }
  ck_assert_uint_eq (cursor.skipped, 0);
  return operations;
}

/* Each thread's marks in its own order, the thread's index in the actor field. */
static GArray *
marks_of (WeftRun *run)
{
  GArray *marks = g_array_new (FALSE, FALSE, sizeof (Operation));
  WeftTraceCursor cursor;
  WeftEvent event;

  for (guint actor = 0; actor < weft_run_get_n_actors (run); actor++)
    {
      weft_trace_cursor_init (&cursor, weft_run_get_trace (run), 0);
      while (weft_trace_cursor_next (&cursor, &event))
        if (event.kind == WEFT_EVENT_MARK && event.actor == actor)
          {
            Operation mark = operation_of (&event);

            g_array_append_val (marks, mark);
          }
    }
  return marks;
}

static void
assert_same_operations (GArray     *free_ops,
                        GArray     *replayed,
                        const char *what)
{
  guint n = MIN (free_ops->len, replayed->len);

  for (guint i = 0; i < n; i++)
    {
      const Operation *a = &g_array_index (free_ops, Operation, i);
      const Operation *b = &g_array_index (replayed, Operation, i);

      ck_assert_msg (a->actor == b->actor && a->object == b->object && a->kind == b->kind &&
                     a->aux == b->aux && a->value == b->value,
                     "%s: operation %u of %u differs: free run actor %u kind %u object %u "
                     "aux %u value %d, replay actor %u kind %u object %u aux %u value %d", what, i, n,
                     a->actor, a->kind, a->object, a->aux, a->value, b->actor, b->kind, b->object,
                     b->aux, b->value);
    }
  ck_assert_msg (free_ops->len == replayed->len, "%s: %u operations free, %u replayed", what,
                 free_ops->len, replayed->len);
}

/* Runs @id freely with @seed (sleeps ÷ 100) until it ends or for at most @duration_us,
 * then replays it from its schedule; returns the free run's outcome. */
static WeftOutcome
check_replay_for (const char         *id,
                  const char * const *sets,
                  guint64             seed,
                  gint64              duration_us)
{
  g_autoptr(WeftRun) free_run = test_make_run (id, seed, sets);
  g_autoptr(WeftRun) replay = test_make_run (id, seed, sets);
  g_autoptr(GArray) schedule = NULL;
  g_autoptr(GArray) free_ops = NULL;
  g_autoptr(GArray) replayed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *what = g_strdup_printf ("%s %s… seed %" G_GUINT64_FORMAT, id, sets[0], seed);
  WeftOutcome outcome;
  gboolean cut = TRUE;
  guint n_done = 0;

  weft_run_set_speed (free_run, WEFT_SPEED_MAX);
  test_start (free_run, WEFT_MODE_RUN);
  weft_run_wait_end (free_run, duration_us);
  weft_run_stop (free_run);
  outcome = weft_run_get_outcome (free_run);
  schedule = weft_run_dup_schedule (free_run, &cut);
  ck_assert (!cut);
  ck_assert_uint_gt (schedule->len, 0);
  free_ops = operations_of (free_run);

  test_start (replay, WEFT_MODE_STEP);
  ck_assert_msg (weft_run_follow_schedule (replay, (const guint16 *) (gpointer) schedule->data,
                                           schedule->len, 5 * G_USEC_PER_SEC, &n_done, &error),
                 "%s: %s", what, error->message);
  ck_assert_uint_eq (n_done, schedule->len);
  /* The replay's own schedule is the one it followed: one step, one operation. */
  ck_assert_uint_eq (weft_run_get_schedule_length (replay), schedule->len);
  if (outcome == WEFT_OUTCOME_COMPLETED || outcome == WEFT_OUTCOME_DEADLOCK)
    ck_assert_msg (weft_run_get_outcome (replay) == outcome, "%s: free run %d, replay %d", what,
                   outcome, weft_run_get_outcome (replay));
  if (outcome == WEFT_OUTCOME_DEADLOCK)
    {
      g_autoptr(GArray) cycle = weft_run_dup_deadlock_cycle (free_run);
      g_autoptr(GArray) replayed_cycle = weft_run_dup_deadlock_cycle (replay);

      ck_assert_uint_gt (cycle->len, 0);
      ck_assert_uint_eq (cycle->len, replayed_cycle->len);
      for (guint i = 0; i < cycle->len; i++)
        {
          const WeftCycleEdge *a = &g_array_index (cycle, WeftCycleEdge, i);
          const WeftCycleEdge *b = &g_array_index (replayed_cycle, WeftCycleEdge, i);

          ck_assert_uint_eq (weft_actor_get_index (a->actor), weft_actor_get_index (b->actor));
          ck_assert_str_eq (weft_object_get_name (a->waits_on), weft_object_get_name (b->waits_on));
        }
    }
  weft_run_stop (replay);
  replayed = operations_of (replay);
  assert_same_operations (free_ops, replayed, what);
  {
    g_autoptr(GArray) free_marks = marks_of (free_run);
    g_autoptr(GArray) replayed_marks = marks_of (replay);
    g_autofree char *marks_what = g_strconcat (what, " (marks)", NULL);

    assert_same_operations (free_marks, replayed_marks, marks_what);
  }
  return outcome;
}

static WeftOutcome
check_replay (const char         *id,
              const char * const *sets,
              guint64             seed)
{
  return check_replay_for (id, sets, seed, G_USEC_PER_SEC);
}

static void
check_variant (const char         *id,
               const char * const *sets)
{
  guint outcomes[WEFT_OUTCOME_STOPPED + 1] = { 0 };

  for (guint64 seed = 1; seed <= SEEDS; seed++)
    outcomes[check_replay (id, sets, seed)]++;
  g_printerr ("%s %s: %u completed, %u deadlocked, %u stopped of %u\n", id, sets[0],
              outcomes[WEFT_OUTCOME_COMPLETED], outcomes[WEFT_OUTCOME_DEADLOCK],
              outcomes[WEFT_OUTCOME_STOPPED], SEEDS);
}

START_TEST (test_philosophers_replay)
{
  static const char * const strategies[] = { "naive", "ordered", "waiter", "trylock" };

  for (guint i = 0; i < G_N_ELEMENTS (strategies); i++)
    {
      g_autofree char *strategy = g_strdup_printf ("strategy=%s", strategies[i]);
      const char *sets[] = { strategy, "meals=3", "think_ms=200", "eat_ms=200", "fork_gap_ms=100", NULL };

      check_variant ("philosophers", sets);
    }
}
END_TEST

START_TEST (test_bank_replay)
{
  static const char * const none[] = { "sync=none", "depositors=2", "withdrawers=2", "rounds=5", NULL };
  static const char * const lock[] = { "sync=lock", "depositors=2", "withdrawers=2", "rounds=5", NULL };

  check_variant ("bank", none);
  check_variant ("bank", lock);
}
END_TEST

START_TEST (test_tickets_replay)
{
  static const char * const syncs[] = { "semaphore", "bounded", "none" };

  for (guint i = 0; i < G_N_ELEMENTS (syncs); i++)
    {
      g_autofree char *sync = g_strdup_printf ("sync=%s", syncs[i]);
      const char *sets[] = { sync, NULL };

      check_variant ("tickets", sets);
    }
}
END_TEST

START_TEST (test_pubsub_replay)
{
  static const char * const condition[] = { "mechanism=condition", "messages=4", "interval_ms=100", NULL };
  static const char * const fifo[] = { "mechanism=queue", "queue_kind=fifo", "messages=4", "interval_ms=100", NULL };
  static const char * const lifo[] = { "mechanism=queue", "queue_kind=lifo", "messages=4", "interval_ms=100",
                                       "publishers=2", NULL };
  static const char * const priority[] = { "mechanism=queue", "queue_kind=priority", "messages=4",
                                           "interval_ms=0", "publishers=2", "capacity=2", NULL };

  check_variant ("pubsub", condition);
  check_variant ("pubsub", fifo);
  check_variant ("pubsub", lifo);
  check_variant ("pubsub", priority);
}
END_TEST

/* The naive table left to itself deadlocks; its schedule replayed step by step reaches
 * the same deadlock, with the same cycle. */
START_TEST (test_free_deadlock_replays_to_it)
{
  static const char * const sets[] = { "strategy=naive", "meals=20", "think_ms=0", "eat_ms=0", "fork_gap_ms=50", NULL };
  guint n_deadlocks = 0;

  for (guint64 seed = 1; seed <= 20 && n_deadlocks < 3; seed++)
    if (check_replay ("philosophers", sets, seed) == WEFT_OUTCOME_DEADLOCK)
      n_deadlocks++;
  ck_assert_uint_gt (n_deadlocks, 0);
}
END_TEST

/* A free run stopped in the middle (Stop, or weft-cli's --duration) replays to the same
 * point: the threads it stopped in the middle of a wait are in it in the replay too. */
START_TEST (test_stopped_run_replays_to_its_stop)
{
  static const char * const sets[] = { "strategy=waiter", "meals=0", "think_ms=100", "eat_ms=100",
                                       "fork_gap_ms=100", NULL };

  for (guint64 seed = 1; seed <= 10; seed++)
    ck_assert_int_eq (check_replay_for ("philosophers", sets, seed, 100 * 1000), WEFT_OUTCOME_STOPPED);
}
END_TEST

/* A schedule from another run: refused, naming the step and the thread. */
START_TEST (test_foreign_schedule_is_refused)
{
  static const char * const sets[] = { "strategy=ordered", "meals=1", NULL };
  g_autoptr(WeftRun) run = test_make_run ("philosophers", 4, sets);
  g_autoptr(WeftRun) other = test_make_run ("philosophers", 4, sets);
  g_autoptr(GError) error = NULL;
  const guint16 too_many[] = { 0, 9 };
  /* Kant (0) takes his first fork, then his second, eats, puts both back and leaves:
   * a fifth step for him finds him done. */
  const guint16 done_thread[] = { 0, 0, 0, 0, 0 };
  guint n_done = 0;

  test_start (run, WEFT_MODE_STEP);
  ck_assert (!weft_run_follow_schedule (run, too_many, G_N_ELEMENTS (too_many), 5 * G_USEC_PER_SEC,
                                        &n_done, &error));
  ck_assert (g_error_matches (error, WEFT_ERROR, WEFT_ERROR_DIVERGED));
  ck_assert_uint_eq (n_done, 1);
  ck_assert_msg (strstr (error->message, "Step 2") != NULL && strstr (error->message, "thread 10") != NULL,
                 "%s", error->message);
  weft_run_stop (run);

  g_clear_error (&error);
  test_start (other, WEFT_MODE_STEP);
  ck_assert (!weft_run_follow_schedule (other, done_thread, G_N_ELEMENTS (done_thread),
                                        5 * G_USEC_PER_SEC, &n_done, &error));
  ck_assert (g_error_matches (error, WEFT_ERROR, WEFT_ERROR_DIVERGED));
  ck_assert_msg (strstr (error->message, "Kant") != NULL, "%s", error->message);
  weft_run_stop (other);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("schedule");

  test_add_case (suite, "philosophers-replay", test_philosophers_replay);
  test_add_case (suite, "bank-replay", test_bank_replay);
  test_add_case (suite, "tickets-replay", test_tickets_replay);
  test_add_case (suite, "pubsub-replay", test_pubsub_replay);
  test_add_case (suite, "free-deadlock-replays-to-it", test_free_deadlock_replays_to_it);
  test_add_case (suite, "stopped-run-replays-to-its-stop", test_stopped_run_replays_to_its_stop);
  test_add_case (suite, "foreign-schedule-is-refused", test_foreign_schedule_is_refused);
  return test_run_suite (suite);
}
