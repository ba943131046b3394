/* test-run.c — run control: step mode, pause and resume, stop from any state, deadlock
 * detection and its cycle, completion, and time-in-state accounting.
 *
 * Actor bodies only record what they see; the assertions run on the test's thread.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE  /* pthread_getattr_np */

#include <errno.h>
#include <pthread.h>
#include <stdio.h>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "weft-test-util.h"
/* The clock's tests read weft_clock_ns() itself. */
#include "weft-run-private.h"

#define STOP_LIMIT_US 200000

/* ---------------------------------------------------------------------------------------
 * Step mode.
 */

#define STEP_ACTORS 3

typedef struct
{
  WeftLock   *lock[STEP_ACTORS];
  WeftShared *var[STEP_ACTORS];
  gint        finished;   /* atomic */
} StepData;

typedef struct
{
  StepData *d;
  guint     index;
} StepActor;

/* ACQUIRE → WRITE → RELEASE → done, on objects of its own (nobody blocks). */
static void
step_body (WeftActor *self,
           gpointer   user_data)
{
  StepActor *a = user_data;
  StepData *d = a->d;

  if (!weft_lock_acquire (self, d->lock[a->index]))
    return;
  if (!weft_shared_write (self, d->var[a->index], (gint32) a->index + 100))
    return;
  if (!weft_lock_release (self, d->lock[a->index]))
    return;
  g_atomic_int_inc (&d->finished);
}

static WeftRun *
make_step_run (StepData  *d,
               StepActor  actors[STEP_ACTORS])
{
  static const char * const names[STEP_ACTORS] = { "Kant", "Hume", "Locke" };
  WeftRun *run = weft_run_new (42);

  memset (d, 0, sizeof *d);
  for (guint i = 0; i < STEP_ACTORS; i++)
    {
      g_autofree char *lock_name = g_strdup_printf ("fork %u", i);
      g_autofree char *var_name = g_strdup_printf ("plate %u", i);

      d->lock[i] = weft_lock_new (run, lock_name);
      d->var[i] = weft_shared_new (run, var_name, 0);
      actors[i].d = d;
      actors[i].index = i;
      weft_run_add_actor (run, names[i], step_body, &actors[i], NULL);
    }
  return run;
}

static WeftOp
next_expected_op (WeftOp op)
{
  if (op == WEFT_OP_ACQUIRE)
    return WEFT_OP_WRITE;
  if (op == WEFT_OP_WRITE)
    return WEFT_OP_RELEASE;
  return WEFT_OP_NONE;  /* after RELEASE the body returns */
}

START_TEST (test_step_all_parked_at_start)
{
  StepData d;
  StepActor actors[STEP_ACTORS];
  WeftRun *run = make_step_run (&d, actors);

  test_start (run, WEFT_MODE_STEP);
  ck_assert_int_eq (weft_run_get_mode (run), WEFT_MODE_STEP);
  ck_assert (weft_run_wait_settled (run, 5 * TEST_SECOND));

  for (guint i = 0; i < STEP_ACTORS; i++)
    {
      WeftActor *actor = weft_run_get_actor (run, i);
      g_autofree char *pending = weft_run_describe_pending (run, actor);

      /* A thread's start is not a step: each is parked at its first operation. */
      ck_assert_int_eq (weft_actor_get_state (actor), WEFT_STATE_PARKED);
      ck_assert_int_eq (weft_actor_get_pending_op (actor), WEFT_OP_ACQUIRE);
      ck_assert_ptr_nonnull (pending);
      ck_assert_msg (strstr (pending, weft_actor_get_name (actor)) != NULL,
                     "\"%s\" does not name %s", pending, weft_actor_get_name (actor));
    }

  /* Nothing moves while nobody steps. */
  g_usleep (50000);
  for (guint i = 0; i < STEP_ACTORS; i++)
    {
      WeftActor *actor = weft_run_get_actor (run, i);

      ck_assert_int_eq (weft_actor_get_state (actor), WEFT_STATE_PARKED);
      ck_assert_int_eq (weft_actor_get_pending_op (actor), WEFT_OP_ACQUIRE);
    }
  ck_assert_uint_eq (weft_run_get_n_steps (run), 0);
  ck_assert_uint_eq (test_count_events (run, WEFT_EVENT_ACQUIRED, WEFT_NONE), 0);
  ck_assert_uint_eq (test_count_events (run, WEFT_EVENT_STEP, WEFT_NONE), 0);
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_NONE);

  weft_run_stop (run);
  weft_run_unref (run);
}
END_TEST

/* Each step (by policy) moves exactly one actor by exactly one operation. */
START_TEST (test_step_one_operation_at_a_time)
{
  StepData d;
  StepActor actors[STEP_ACTORS];
  WeftRun *run = make_step_run (&d, actors);
  WeftTrace *trace;
  guint times_stepped[STEP_ACTORS] = { 0 };
  guint first_round[STEP_ACTORS];
  const guint total_steps = STEP_ACTORS * 3;
  GError *error = NULL;

  weft_run_set_policy (run, WEFT_POLICY_ROUND_ROBIN);
  test_start (run, WEFT_MODE_STEP);
  ck_assert (weft_run_wait_settled (run, 5 * TEST_SECOND));
  trace = weft_run_get_trace (run);   /* made by start */
  ck_assert_ptr_nonnull (trace);

  for (guint k = 0; k < total_steps; k++)
    {
      WeftState state_before[STEP_ACTORS];
      WeftOp op_before[STEP_ACTORS];
      guint64 ops_before[STEP_ACTORS];
      guint64 trace_before = weft_trace_get_n_events (trace);
      guint64 trace_after;
      WeftEvent ev;
      guint a;

      for (guint i = 0; i < STEP_ACTORS; i++)
        {
          WeftActor *actor = weft_run_get_actor (run, i);

          state_before[i] = weft_actor_get_state (actor);
          op_before[i] = weft_actor_get_pending_op (actor);
          ops_before[i] = weft_actor_get_n_ops (actor);
        }

      ck_assert_msg (weft_run_step (run, NULL, &error), "step %u failed: %s", k,
                     error ? error->message : "(no error)");
      ck_assert (weft_run_wait_settled (run, 5 * TEST_SECOND));

      /* One STEP event per step, naming the actor that moved. */
      ck_assert_uint_eq (weft_run_get_n_steps (run), k + 1);
      ck_assert_uint_eq (test_count_events (run, WEFT_EVENT_STEP, WEFT_NONE), k + 1);
      ck_assert (test_find_event (run, WEFT_EVENT_STEP, k, &ev, NULL));
      a = ev.actor;
      ck_assert_uint_lt (a, STEP_ACTORS);
      ck_assert_int_eq (state_before[a], WEFT_STATE_PARKED);
      if (k < STEP_ACTORS)
        first_round[k] = a;
      times_stepped[a]++;

      for (guint i = 0; i < STEP_ACTORS; i++)
        {
          WeftActor *actor = weft_run_get_actor (run, i);
          guint64 ops_after = weft_actor_get_n_ops (actor);

          if (i != a)
            {
              ck_assert_int_eq (weft_actor_get_state (actor), state_before[i]);
              ck_assert_int_eq (weft_actor_get_pending_op (actor), op_before[i]);
              ck_assert_uint_eq (ops_after, ops_before[i]);
              continue;
            }

          /* The stepped actor performed its pending operation and nothing more. */
          ck_assert_uint_eq (ops_after, ops_before[i] + 1);

          if (next_expected_op (op_before[i]) == WEFT_OP_NONE)
            ck_assert_int_eq (weft_actor_get_state (actor), WEFT_STATE_DONE);
          else
            {
              ck_assert_int_eq (weft_actor_get_state (actor), WEFT_STATE_PARKED);
              ck_assert_int_eq (weft_actor_get_pending_op (actor),
                                next_expected_op (op_before[i]));
            }
        }

      /* Everything recorded during the step concerns the stepped actor (or the run). */
      trace_after = weft_trace_get_n_events (trace);
      ck_assert_uint_gt (trace_after, trace_before);
      for (guint64 j = trace_before; j < trace_after; j++)
        {
          ck_assert (weft_trace_read (trace, j, &ev));
          ck_assert_msg (ev.actor == a || ev.actor == WEFT_NONE,
                         "step %u of actor %u recorded event kind %u for actor %u",
                         k, a, ev.kind, ev.actor);
        }
    }

  /* Round robin: the first round stepped every actor once; in all, three steps each. */
  for (guint i = 0; i < STEP_ACTORS; i++)
    for (guint j = i + 1; j < STEP_ACTORS; j++)
      ck_assert_uint_ne (first_round[i], first_round[j]);
  for (guint i = 0; i < STEP_ACTORS; i++)
    ck_assert_uint_eq (times_stepped[i], 3);

  test_assert_atomic (&d.finished, ==, STEP_ACTORS);
  for (guint i = 0; i < STEP_ACTORS; i++)
    ck_assert_int_eq (weft_shared_peek (d.var[i]), (gint32) i + 100);

  /* Nobody is left to step. */
  ck_assert (!weft_run_step (run, NULL, &error));
  ck_assert (g_error_matches (error, WEFT_ERROR, WEFT_ERROR_NOTHING_TO_STEP));
  g_clear_error (&error);

  test_finish_completed (run, 5 * TEST_SECOND);
  weft_run_unref (run);
}
END_TEST

/* Naming an actor steps that one. */
START_TEST (test_step_named_actor)
{
  StepData d;
  StepActor actors[STEP_ACTORS];
  WeftRun *run = make_step_run (&d, actors);
  WeftActor *kant, *hume, *locke;
  GError *error = NULL;
  WeftEvent ev;

  test_start (run, WEFT_MODE_STEP);
  ck_assert (weft_run_wait_settled (run, 5 * TEST_SECOND));
  kant = weft_run_get_actor (run, 0);
  hume = weft_run_get_actor (run, 1);
  locke = weft_run_get_actor (run, 2);

  ck_assert_msg (weft_run_step (run, locke, &error), "step failed: %s",
                 error ? error->message : "(no error)");
  g_clear_error (&error);
  ck_assert (weft_run_wait_settled (run, 5 * TEST_SECOND));
  ck_assert_int_eq (weft_actor_get_pending_op (locke), WEFT_OP_WRITE);
  ck_assert_ptr_eq (weft_object_get_owner (WEFT_OBJECT (d.lock[2])), locke);
  ck_assert_int_eq (weft_actor_get_pending_op (kant), WEFT_OP_ACQUIRE);
  ck_assert_int_eq (weft_actor_get_pending_op (hume), WEFT_OP_ACQUIRE);
  ck_assert_ptr_null (weft_object_get_owner (WEFT_OBJECT (d.lock[0])));
  ck_assert (test_find_event (run, WEFT_EVENT_STEP, 0, &ev, NULL));
  ck_assert_uint_eq (ev.actor, 2);

  /* The pending operation is described with the actor and the object. */
  {
    g_autofree char *pending = weft_run_describe_pending (run, locke);

    ck_assert_ptr_nonnull (pending);
    ck_assert_msg (strstr (pending, "Locke") != NULL && strstr (pending, "plate 2") != NULL,
                   "unexpected description \"%s\"", pending);
  }

  ck_assert (weft_run_step (run, locke, NULL));
  ck_assert (weft_run_wait_settled (run, 5 * TEST_SECOND));
  ck_assert_int_eq (weft_actor_get_pending_op (locke), WEFT_OP_RELEASE);
  ck_assert_int_eq (weft_shared_peek (d.var[2]), 102);

  ck_assert (weft_run_step (run, hume, NULL));
  ck_assert (weft_run_wait_settled (run, 5 * TEST_SECOND));
  ck_assert_int_eq (weft_actor_get_pending_op (hume), WEFT_OP_WRITE);
  ck_assert_int_eq (weft_actor_get_pending_op (locke), WEFT_OP_RELEASE);
  ck_assert_int_eq (weft_actor_get_pending_op (kant), WEFT_OP_ACQUIRE);
  ck_assert (test_find_event (run, WEFT_EVENT_STEP, 2, &ev, NULL));
  ck_assert_uint_eq (ev.actor, 1);
  ck_assert_uint_eq (weft_run_get_n_steps (run), 3);

  weft_run_stop (run);
  weft_run_unref (run);
}
END_TEST

/* In step mode a sleep is no step: it completes at once, time does not pass, and the
 * thread parks at its next operation of the lesson. */
static void
long_sleep_then_lock_body (WeftActor *self,
                           gpointer   user_data)
{
  WeftLock *lock = user_data;

  if (!weft_sleep (self, 10000, NULL))
    return;
  if (!weft_lock_acquire (self, lock))
    return;
  weft_lock_release (self, lock);
}

START_TEST (test_step_sleep_is_instant)
{
  WeftRun *run = weft_run_new (3);
  WeftLock *lock = weft_lock_new (run, "lock");
  WeftActor *actor = weft_run_add_actor (run, "sleeper", long_sleep_then_lock_body, lock, NULL);
  gint64 before;

  before = g_get_monotonic_time ();
  test_start (run, WEFT_MODE_STEP);
  ck_assert (weft_run_wait_settled (run, 5 * TEST_SECOND));
  ck_assert_int_lt (g_get_monotonic_time () - before, 2 * TEST_SECOND);
  ck_assert_int_eq (weft_actor_get_state (actor), WEFT_STATE_PARKED);
  ck_assert_int_eq (weft_actor_get_pending_op (actor), WEFT_OP_ACQUIRE);
  ck_assert_uint_eq (weft_run_get_n_steps (run), 0);
  /* The sleep still shows, for an instant. */
  ck_assert_uint_ge (test_count_state_events (run, WEFT_STATE_SLEEPING), 1);

  weft_run_stop (run);
  weft_run_unref (run);
}
END_TEST

/* ---------------------------------------------------------------------------------------
 * Pause, resume, stop.
 */

#define LOOP_ACTORS 4

typedef struct
{
  WeftLock   *lock;
  WeftShared *var;
  gint        started;      /* atomic: bodies that began */
  gint        exited;       /* atomic: bodies that returned */
  gint        iterations;   /* atomic */
} LoopData;

static void
loop_body (WeftActor *self,
           gpointer   user_data)
{
  LoopData *d = user_data;

  g_atomic_int_inc (&d->started);
  for (;;)
    {
      gint32 value;

      if (!weft_sleep (self, 5, NULL))
        break;
      if (!weft_lock_acquire (self, d->lock))
        break;
      if (!weft_shared_read (self, d->var, &value)
          || !weft_shared_write (self, d->var, value + 1))
        break;
      if (!weft_lock_release (self, d->lock))
        break;
      g_atomic_int_inc (&d->iterations);
    }
  g_atomic_int_inc (&d->exited);
}

static WeftRun *
make_loop_run (LoopData *d)
{
  WeftRun *run = weft_run_new (7);

  memset (d, 0, sizeof *d);
  d->lock = weft_lock_new (run, "lock");
  d->var = weft_shared_new (run, "counter", 0);
  for (guint i = 0; i < LOOP_ACTORS; i++)
    {
      g_autofree char *name = g_strdup_printf ("looper %u", i);
      weft_run_add_actor (run, name, loop_body, d, NULL);
    }
  return run;
}

static void
assert_all_parked_or_blocked (WeftRun *run)
{
  guint n_parked = 0;

  for (guint i = 0; i < weft_run_get_n_actors (run); i++)
    {
      WeftActor *actor = weft_run_get_actor (run, i);
      WeftState state = weft_actor_get_state (actor);

      ck_assert_msg (state == WEFT_STATE_PARKED || state == WEFT_STATE_BLOCKED,
                     "%s is %s while paused", weft_actor_get_name (actor),
                     weft_state_to_string (state));
      if (state == WEFT_STATE_PARKED)
        {
          g_autofree char *pending = weft_run_describe_pending (run, actor);

          n_parked++;
          ck_assert_int_ne (weft_actor_get_pending_op (actor), WEFT_OP_NONE);
          ck_assert_ptr_nonnull (pending);
        }
    }
  ck_assert_uint_ge (n_parked, 1);
}

START_TEST (test_pause_and_resume)
{
  LoopData d;
  WeftRun *run = make_loop_run (&d);
  WeftTrace *trace;
  guint64 n_paused, ops_paused[LOOP_ACTORS];
  gint iterations_paused;

  test_start (run, WEFT_MODE_RUN);
  trace = weft_run_get_trace (run);   /* made by start */
  ck_assert_ptr_nonnull (trace);
  g_usleep (100000);
  test_assert_atomic (&d.iterations, >, 0);

  weft_run_pause (run);
  ck_assert (weft_run_is_paused (run));
  ck_assert (weft_run_wait_settled (run, 2 * TEST_SECOND));
  assert_all_parked_or_blocked (run);
  ck_assert_uint_eq (test_count_events (run, WEFT_EVENT_RUN_PAUSE, WEFT_NONE), 1);

  /* The trace stops growing and nobody performs an operation. */
  n_paused = weft_trace_get_n_events (trace);
  iterations_paused = g_atomic_int_get (&d.iterations);
  for (guint i = 0; i < LOOP_ACTORS; i++)
    ops_paused[i] = weft_actor_get_n_ops (weft_run_get_actor (run, i));
  g_usleep (150000);
  ck_assert_uint_eq (weft_trace_get_n_events (trace), n_paused);
  test_assert_atomic (&d.iterations, ==, iterations_paused);
  for (guint i = 0; i < LOOP_ACTORS; i++)
    ck_assert_uint_eq (weft_actor_get_n_ops (weft_run_get_actor (run, i)), ops_paused[i]);
  assert_all_parked_or_blocked (run);
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_NONE);

  /* Resume: they go on. */
  weft_run_resume (run);
  ck_assert (!weft_run_is_paused (run));
  g_usleep (150000);
  ck_assert_uint_gt (weft_trace_get_n_events (trace), n_paused);
  test_assert_atomic (&d.iterations, >, iterations_paused);
  ck_assert_uint_eq (test_count_events (run, WEFT_EVENT_RUN_RESUME, WEFT_NONE), 1);

  ck_assert_int_lt (test_timed_stop (run), STOP_LIMIT_US);
  test_assert_atomic (&d.exited, ==, LOOP_ACTORS);
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_STOPPED);
  /* Mutual exclusion held throughout: every iteration incremented once. */
  test_assert_atomic (&d.iterations, ==, weft_shared_peek (d.var));
  weft_run_unref (run);
}
END_TEST

START_TEST (test_stop_while_running)
{
  LoopData d;
  WeftRun *run = make_loop_run (&d);

  test_start (run, WEFT_MODE_RUN);
  g_usleep (100000);
  ck_assert_int_lt (test_timed_stop (run), STOP_LIMIT_US);
  test_assert_atomic (&d.exited, ==, LOOP_ACTORS);
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_STOPPED);
  ck_assert (weft_run_is_stopping (run));
  ck_assert_uint_ge (test_count_events (run, WEFT_EVENT_RUN_STOP, WEFT_NONE), 1);
  weft_run_unref (run);
}
END_TEST

START_TEST (test_stop_from_pause)
{
  LoopData d;
  WeftRun *run = make_loop_run (&d);

  test_start (run, WEFT_MODE_RUN);
  g_usleep (50000);
  weft_run_pause (run);
  ck_assert (weft_run_wait_settled (run, 2 * TEST_SECOND));
  assert_all_parked_or_blocked (run);

  ck_assert_int_lt (test_timed_stop (run), STOP_LIMIT_US);
  test_assert_atomic (&d.exited, ==, LOOP_ACTORS);
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_STOPPED);
  weft_run_unref (run);
}
END_TEST

START_TEST (test_stop_from_step_mode)
{
  LoopData d;
  WeftRun *run = make_loop_run (&d);

  test_start (run, WEFT_MODE_STEP);
  ck_assert (weft_run_wait_settled (run, 2 * TEST_SECOND));
  /* Take two actors into their loop, so some are past their start. */
  ck_assert (weft_run_step (run, NULL, NULL));
  ck_assert (weft_run_wait_settled (run, 2 * TEST_SECOND));
  ck_assert (weft_run_step (run, NULL, NULL));
  ck_assert (weft_run_wait_settled (run, 2 * TEST_SECOND));

  ck_assert_int_lt (test_timed_stop (run), STOP_LIMIT_US);
  /* The two stepped actors began their body; every body that began has returned. */
  test_assert_atomic (&d.started, >=, 2);
  test_assert_atomic (&d.exited, ==, g_atomic_int_get (&d.started));
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_STOPPED);
  weft_run_unref (run);
}
END_TEST

typedef struct
{
  gint     exited;       /* atomic */
  gboolean sleep_result[2];
} SleepData;

static void
long_sleeper_body (WeftActor *self,
                   gpointer   user_data)
{
  SleepData *d = user_data;

  d->sleep_result[0] = weft_sleep (self, 10000, NULL);
  g_atomic_int_inc (&d->exited);
}

static void
long_worker_body (WeftActor *self,
                  gpointer   user_data)
{
  SleepData *d = user_data;

  d->sleep_result[1] = weft_sleep (self, 10000, "working");
  g_atomic_int_inc (&d->exited);
}

START_TEST (test_stop_mid_sleep)
{
  WeftRun *run = weft_run_new (9);
  SleepData d = { 0, { TRUE, TRUE } };
  WeftActor *sleeper, *worker;
  gint64 started = g_get_monotonic_time ();

  weft_run_set_speed (run, 1.0);
  sleeper = weft_run_add_actor (run, "sleeper", long_sleeper_body, &d, NULL);
  worker = weft_run_add_actor (run, "worker", long_worker_body, &d, NULL);
  test_start (run, WEFT_MODE_RUN);

  /* With or without an activity, a sleep is sleeping: the activity is what it stands for. */
  ck_assert (test_wait_for_state (sleeper, WEFT_STATE_SLEEPING, 2 * TEST_SECOND));
  ck_assert (test_wait_for_state (worker, WEFT_STATE_SLEEPING, 2 * TEST_SECOND));
  g_usleep (50000);
  ck_assert_int_eq (weft_actor_get_state (sleeper), WEFT_STATE_SLEEPING);
  ck_assert_int_eq (weft_actor_get_state (worker), WEFT_STATE_SLEEPING);
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_NONE);

  ck_assert_int_lt (test_timed_stop (run), STOP_LIMIT_US);
  ck_assert_int_lt (g_get_monotonic_time () - started, 5 * TEST_SECOND);
  test_assert_atomic (&d.exited, ==, 2);
  ck_assert (!d.sleep_result[0]);
  ck_assert (!d.sleep_result[1]);
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_STOPPED);
  weft_run_unref (run);
}
END_TEST

/* ---------------------------------------------------------------------------------------
 * Deadlock.
 */

#define MAX_RING 4

typedef struct
{
  WeftLock    *locks[MAX_RING];
  WeftBarrier *all_hold_one;      /* every ring actor holds its first lock */
  guint        n;
  guint        offset;            /* actor i takes lock i, then lock (i + offset) % n */
  gint         exited;            /* atomic */
  gint         second_failed;     /* atomic: second acquires that returned FALSE */
} RingData;

typedef struct
{
  RingData *d;
  guint     index;
} RingActor;

static void
ring_body (WeftActor *self,
           gpointer   user_data)
{
  RingActor *a = user_data;
  RingData *d = a->d;
  WeftLock *first = d->locks[a->index];
  WeftLock *second = d->locks[(a->index + d->offset) % d->n];

  /* The barrier makes the deadlock certain whatever the thread start-up delays; the
   * sleep is the classic "take one fork, think, take the other". */
  if (weft_lock_acquire (self, first)
      && weft_barrier_wait (self, d->all_hold_one)
      && weft_sleep (self, 20, NULL))
    {
      if (weft_lock_acquire (self, second))
        {
          weft_lock_release (self, second);
          weft_lock_release (self, first);
        }
      else
        g_atomic_int_inc (&d->second_failed);
    }
  g_atomic_int_inc (&d->exited);
}

static void
bystander_body (WeftActor *self,
                gpointer   user_data)
{
  gint *exited = user_data;

  g_atomic_int_inc (exited);
}

/* Runs a ring of @n actors (after @n_bystanders that finish at once) into a deadlock and
 * checks the cycle: it starts at the lowest-index actor of the ring and follows wait-for
 * order, which @expected_order gives as ring positions. */
static void
check_ring_deadlock (guint        n,
                     guint        offset,
                     guint        n_bystanders,
                     const guint *expected_order)
{
  WeftRun *run = weft_run_new (1234);
  RingData d = { 0 };
  RingActor actors[MAX_RING];
  WeftActor *ring[MAX_RING];
  gint bystanders_exited = 0;
  g_autoptr(GArray) cycle = NULL;
  WeftEvent ev;
  guint64 deadlock_index;

  d.n = n;
  d.offset = offset;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("fork %u", i);
      d.locks[i] = weft_lock_new (run, name);
    }
  d.all_hold_one = weft_barrier_new (run, "table", n);
  for (guint i = 0; i < n_bystanders; i++)
    weft_run_add_actor (run, "bystander", bystander_body, &bystanders_exited, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("philosopher %u", i);

      actors[i].d = &d;
      actors[i].index = i;
      ring[i] = weft_run_add_actor (run, name, ring_body, &actors[i], NULL);
    }

  test_start (run, WEFT_MODE_RUN);
  ck_assert (weft_run_wait_end (run, 10 * TEST_SECOND));
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_DEADLOCK);

  for (guint i = 0; i < n; i++)
    {
      ck_assert_int_eq (weft_actor_get_state (ring[i]), WEFT_STATE_BLOCKED);
      ck_assert_ptr_eq (weft_actor_get_waiting_on (ring[i]),
                        WEFT_OBJECT (d.locks[(i + offset) % n]));
      ck_assert_ptr_eq (weft_object_get_owner (WEFT_OBJECT (d.locks[i])), ring[i]);
    }

  cycle = weft_run_dup_deadlock_cycle (run);
  ck_assert_ptr_nonnull (cycle);
  ck_assert_uint_eq (cycle->len, n);
  for (guint k = 0; k < n; k++)
    {
      WeftCycleEdge *edge = &g_array_index (cycle, WeftCycleEdge, k);
      WeftCycleEdge *next = &g_array_index (cycle, WeftCycleEdge, (k + 1) % n);
      guint pos = expected_order[k];

      ck_assert_ptr_eq (edge->actor, ring[pos]);
      ck_assert_ptr_eq (edge->waits_on, WEFT_OBJECT (d.locks[(pos + offset) % n]));
      /* What it waits on is held by the next actor of the cycle. */
      ck_assert_ptr_eq (weft_object_get_owner (edge->waits_on), next->actor);
    }

  /* The trace has the deadlock and its edges, in the same order. */
  ck_assert (test_find_event (run, WEFT_EVENT_DEADLOCK, 0, &ev, &deadlock_index));
  ck_assert_int_eq (ev.value, (gint32) n);
  for (guint k = 0; k < n; k++)
    {
      WeftCycleEdge *edge = &g_array_index (cycle, WeftCycleEdge, k);

      ck_assert (test_find_event (run, WEFT_EVENT_CYCLE_EDGE, k, &ev, NULL));
      ck_assert_uint_eq (ev.actor, weft_actor_get_index (edge->actor));
      ck_assert_uint_eq (ev.object, weft_object_get_index (edge->waits_on));
    }

  /* Stop unwinds the deadlocked threads fast. */
  ck_assert_int_lt (test_timed_stop (run), STOP_LIMIT_US);
  test_assert_atomic (&d.exited, ==, (gint) n);
  test_assert_atomic (&d.second_failed, ==, (gint) n);
  test_assert_atomic (&bystanders_exited, ==, (gint) n_bystanders);

  weft_run_unref (run);
}

/* Two actors, two locks, opposite order. */
START_TEST (test_deadlock_two_locks)
{
  static const guint order[] = { 0, 1 };

  check_ring_deadlock (2, 1, 0, order);
}
END_TEST

/* 0 waits on fork 1 (held by 1), 1 on fork 2, 2 on fork 0. */
START_TEST (test_deadlock_ring_of_three)
{
  static const guint order[] = { 0, 1, 2 };

  check_ring_deadlock (3, 1, 0, order);
}
END_TEST

/* 0 waits on fork 2 (held by 2), 2 on fork 1 (held by 1), 1 on fork 0: the cycle follows
 * wait-for order, not index order; a finished bystander is not part of it. */
START_TEST (test_deadlock_ring_wait_for_order)
{
  static const guint order[] = { 0, 2, 1 };

  check_ring_deadlock (3, 2, 1, order);
}
END_TEST

/* ---------------------------------------------------------------------------------------
 * Completion and accounting.
 */

typedef struct
{
  WeftLock   *lock;
  WeftShared *var;
  gint        ok;   /* atomic */
} CompleteData;

static void
complete_body (WeftActor *self,
               gpointer   user_data)
{
  CompleteData *d = user_data;
  gint32 value;

  if (!weft_sleep (self, 10, NULL)
      || !weft_lock_acquire (self, d->lock)
      || !weft_shared_read (self, d->var, &value)
      || !weft_shared_write (self, d->var, value + 1)
      || !weft_lock_release (self, d->lock))
    return;
  g_atomic_int_inc (&d->ok);
}

START_TEST (test_run_completes)
{
  WeftRun *run = weft_run_new (5);
  CompleteData d = { 0 };

  d.lock = weft_lock_new (run, "lock");
  d.var = weft_shared_new (run, "counter", 0);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("worker %u", i);
      weft_run_add_actor (run, name, complete_body, &d, NULL);
    }
  ck_assert_uint_eq (weft_run_get_n_actors (run), 3);
  ck_assert_uint_eq (weft_run_get_n_objects (run), 2);
  for (guint i = 0; i < 3; i++)
    ck_assert_int_eq (weft_actor_get_state (weft_run_get_actor (run, i)), WEFT_STATE_NEW);
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_NONE);

  test_start (run, WEFT_MODE_RUN);
  ck_assert (weft_run_wait_end (run, 10 * TEST_SECOND));
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_COMPLETED);
  ck_assert (weft_run_wait_settled (run, TEST_SECOND));
  for (guint i = 0; i < 3; i++)
    {
      WeftActor *actor = weft_run_get_actor (run, i);

      ck_assert_int_eq (weft_actor_get_state (actor), WEFT_STATE_DONE);
      ck_assert_int_eq (weft_actor_get_state (actor), WEFT_STATE_DONE);
      ck_assert_uint_eq (weft_actor_get_index (actor), i);
      ck_assert_ptr_eq (weft_actor_get_run (actor), run);
    }
  test_assert_atomic (&d.ok, ==, 3);
  ck_assert_int_eq (weft_shared_peek (d.var), 3);
  ck_assert_uint_eq (test_count_events (run, WEFT_EVENT_RUN_START, WEFT_NONE), 1);
  ck_assert_uint_eq (test_count_events (run, WEFT_EVENT_RUN_END, WEFT_NONE), 1);
  ck_assert_uint_eq (test_count_events (run, WEFT_EVENT_DEADLOCK, WEFT_NONE), 0);

  /* Stopping a completed run keeps its outcome. */
  ck_assert_int_lt (test_timed_stop (run), STOP_LIMIT_US);
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_COMPLETED);
  weft_run_unref (run);
}
END_TEST

/* ---------------------------------------------------------------------------------------
 * What the log shows.
 */

typedef struct
{
  WeftLock  *lock;
  WeftQueue *queue;
} LoggedData;

/* Plain running, running an activity, a lock, and a queue (with its length events). */
static void
logged_body (WeftActor *self,
             gpointer   user_data)
{
  LoggedData *d = user_data;
  gint32 item;

  if (weft_lock_acquire (self, d->lock)
      && weft_sleep (self, 1, "working")
      && weft_lock_release (self, d->lock)
      && weft_queue_put (self, d->queue, 7))
    weft_queue_get (self, d->queue, &item);
}

START_TEST (test_event_is_logged)
{
  g_autoptr(WeftRun) run = weft_run_new (8);
  WeftTrace *trace;
  LoggedData d = { 0 };
  guint n_plain = 0, n_activity = 0, n_length = 0, n_acquired = 0;
  WeftEvent forged = { 0 };

  d.lock = weft_lock_new (run, "lock");
  d.queue = weft_queue_new (run, "queue", WEFT_QUEUE_FIFO, 0);
  weft_run_add_actor (run, "worker", logged_body, &d, NULL);
  test_start (run, WEFT_MODE_RUN);
  test_finish_completed (run, 5 * TEST_SECOND);

  trace = weft_run_get_trace (run);
  for (guint64 i = weft_trace_get_first (trace); i < weft_trace_get_n_events (trace); i++)
    {
      WeftEvent ev;
      gboolean logged;

      ck_assert (weft_trace_read (trace, i, &ev));
      logged = weft_event_is_logged (run, &ev);
      if (ev.kind == WEFT_EVENT_STATE && ev.aux == WEFT_STATE_RUNNING && ev.value == 0)
        {
          /* "worker is running" says nothing the next operation does not. */
          ck_assert (!logged);
          n_plain++;
        }
      else if (ev.kind == WEFT_EVENT_STATE && ev.aux == WEFT_STATE_SLEEPING)
        {
          /* A sleep with an activity is told by its activity, not as a sleep. */
          g_autofree char *text = weft_event_describe (run, &ev);

          ck_assert (logged);
          ck_assert_str_eq (text, "worker is working");
          n_activity++;
        }
      else if (ev.kind == WEFT_EVENT_QUEUE_LENGTH)
        {
          ck_assert (!logged);
          n_length++;
        }
      else if (ev.kind == WEFT_EVENT_CAUSE)
        {
          /* The cause of the event before it: drawn as an arrow, not a line of the log. */
          ck_assert (!logged);
        }
      else
        {
          ck_assert_msg (logged, "event %" G_GUINT64_FORMAT " (kind %u) is not logged", i, ev.kind);
          n_acquired += ev.kind == WEFT_EVENT_ACQUIRED;
        }
    }
  ck_assert_uint_ge (n_plain, 1);
  ck_assert_uint_eq (n_activity, 1);
  ck_assert_uint_eq (n_length, 2);
  ck_assert_uint_eq (n_acquired, 1);

  /* An activity id the run never interned is not an activity. */
  forged.kind = WEFT_EVENT_STATE;
  forged.aux = WEFT_STATE_RUNNING;
  forged.actor = 0;
  forged.object = WEFT_NONE;
  forged.value = 999;
  ck_assert (!weft_event_is_logged (run, &forged));
}
END_TEST

typedef struct
{
  WeftLock *lock;
  WeftFlag *held;
  gint      ok;   /* atomic */
} AccountingData;

static void
acct_sleeper_body (WeftActor *self,
                   gpointer   user_data)
{
  AccountingData *d = user_data;

  if (weft_sleep (self, 150, NULL) && weft_sleep (self, 150, "working"))
    g_atomic_int_inc (&d->ok);
}

static void
acct_holder_body (WeftActor *self,
                  gpointer   user_data)
{
  AccountingData *d = user_data;

  if (weft_lock_acquire (self, d->lock)
      && weft_flag_set (self, d->held)
      && weft_sleep (self, 300, "holding")
      && weft_lock_release (self, d->lock))
    g_atomic_int_inc (&d->ok);
}

static void
acct_waiter_body (WeftActor *self,
                  gpointer   user_data)
{
  AccountingData *d = user_data;

  /* Once the holder has the lock: sleep a little, then block until it lets go. */
  if (weft_flag_wait (self, d->held)
      && weft_sleep (self, 50, NULL)
      && weft_lock_acquire (self, d->lock)
      && weft_lock_release (self, d->lock))
    g_atomic_int_inc (&d->ok);
}

#define MS ((guint64) 1000000)

START_TEST (test_time_in_state)
{
  WeftRun *run = weft_run_new (6);
  AccountingData d = { 0 };
  WeftActor *sleeper, *holder, *waiter;
  gint64 t0, t1;
  guint64 elapsed;

  weft_run_set_speed (run, 1.0);
  d.lock = weft_lock_new (run, "lock");
  d.held = weft_flag_new (run, "held");
  sleeper = weft_run_add_actor (run, "sleeper", acct_sleeper_body, &d, NULL);
  holder = weft_run_add_actor (run, "holder", acct_holder_body, &d, NULL);
  waiter = weft_run_add_actor (run, "waiter", acct_waiter_body, &d, NULL);

  t0 = g_get_monotonic_time ();
  test_start (run, WEFT_MODE_RUN);
  ck_assert (weft_run_wait_end (run, 10 * TEST_SECOND));
  t1 = g_get_monotonic_time ();
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_COMPLETED);
  test_assert_atomic (&d.ok, ==, 3);

  elapsed = weft_run_get_elapsed_ns (run);
  ck_assert_uint_ge (elapsed, 290 * MS);
  ck_assert_uint_le (elapsed, (guint64) (t1 - t0) * 1000 + 20 * MS);

  for (guint i = 0; i < 3; i++)
    {
      WeftActor *actor = weft_run_get_actor (run, i);
      guint64 sum = 0, tolerance = elapsed / 10 + 20 * MS;

      for (guint s = 0; s < WEFT_N_STATES; s++)
        sum += weft_actor_get_time_in_state (actor, (WeftState) s);
      ck_assert_msg (sum + tolerance >= elapsed && sum <= elapsed + tolerance,
                     "%s: time in states sums to %" G_GUINT64_FORMAT " ns, elapsed %"
                     G_GUINT64_FORMAT " ns", weft_actor_get_name (actor), sum, elapsed);
    }

  /* A sleep with an activity ("working") is sleeping time too: it is what the thread does. */
  ck_assert_uint_ge (weft_actor_get_time_in_state (sleeper, WEFT_STATE_SLEEPING), 280 * MS);
  ck_assert_uint_le (weft_actor_get_time_in_state (sleeper, WEFT_STATE_SLEEPING), 500 * MS);
  ck_assert_uint_lt (weft_actor_get_time_in_state (sleeper, WEFT_STATE_RUNNING), 50 * MS);
  ck_assert_uint_ge (weft_actor_get_time_in_state (holder, WEFT_STATE_SLEEPING), 280 * MS);
  ck_assert_uint_lt (weft_actor_get_time_in_state (holder, WEFT_STATE_BLOCKED), 50 * MS);
  ck_assert_uint_ge (weft_actor_get_time_in_state (waiter, WEFT_STATE_BLOCKED), 150 * MS);
  ck_assert_uint_le (weft_actor_get_time_in_state (waiter, WEFT_STATE_BLOCKED), 400 * MS);
  ck_assert_uint_ge (weft_actor_get_time_in_state (waiter, WEFT_STATE_SLEEPING), 40 * MS);

  /* The waiter's wait is the lock's contention. */
  ck_assert_uint_ge (weft_object_get_n_contended (WEFT_OBJECT (d.lock)), 1);
  ck_assert_uint_ge (weft_object_get_contention_ns (WEFT_OBJECT (d.lock)), 150 * MS);

  weft_run_stop (run);
  weft_run_unref (run);
}
END_TEST

/* ---- Sleeps: pause freezes the rest, speed scales them -------------------------------- */

static void
long_sleeper (WeftActor *self,
              gpointer   data)
{
  gint *finished = data;

  if (weft_sleep (self, 2000, NULL))
    g_atomic_int_set (finished, 1);
}

START_TEST (test_pause_freezes_sleep)
{
  g_autoptr(WeftRun) run = weft_run_new (1);
  g_autofree char *pending = NULL;
  gint finished = 0;
  WeftActor *actor;
  int left_ms = 0;

  actor = weft_run_add_actor (run, "Kant", long_sleeper, &finished, NULL);
  test_start (run, WEFT_MODE_RUN);
  ck_assert (test_wait_for_state (actor, WEFT_STATE_SLEEPING, 5 * TEST_SECOND));
  g_usleep (200 * 1000);

  weft_run_pause (run);
  ck_assert (weft_run_wait_settled (run, 5 * TEST_SECOND));
  ck_assert_int_eq (weft_actor_get_state (actor), WEFT_STATE_PARKED);
  ck_assert_int_eq (weft_actor_get_pending_op (actor), WEFT_OP_SLEEP);

  /* What is pending is the rest of the sleep: less than 2000 ms, more than nothing. */
  pending = weft_run_describe_pending (run, actor);
  ck_assert_msg (sscanf (pending, "Kant → finish its pause (%d ms left)", &left_ms) == 1, "pending: %s", pending);
  ck_assert_int_lt (left_ms, 2000);
  ck_assert_int_gt (left_ms, 0);

  /* Frozen: paused time does not count. */
  g_usleep (300 * 1000);
  ck_assert_int_eq (weft_actor_get_state (actor), WEFT_STATE_PARKED);
  test_assert_atomic (&finished, ==, 0);

  /* A step finishes the rest at once. */
  ck_assert (weft_run_step (run, actor, NULL));
  test_finish_completed (run, 5 * TEST_SECOND);
  test_assert_atomic (&finished, ==, 1);
}
END_TEST

/* Thinks for 2 s, then takes and puts back a fork. */
static void
thinker_body (WeftActor *self,
              gpointer   data)
{
  WeftLock *fork = data;

  if (weft_sleep (self, 2000, "thinking") && weft_lock_acquire (self, fork))
    weft_lock_release (self, fork);
}

/* A paused run freezes a thinker in its thought; a step then moves it by one operation
 * of the lesson: the thought ends at once and the fork is taken, in the same step. */
START_TEST (test_step_from_frozen_sleep_takes_one_operation)
{
  g_autoptr(WeftRun) run = weft_run_new (1);
  WeftLock *fork = weft_lock_new (run, "fork 1");
  WeftActor *actor;

  actor = weft_run_add_actor (run, "Kant", thinker_body, fork, NULL);
  test_start (run, WEFT_MODE_RUN);
  ck_assert (test_wait_for_state (actor, WEFT_STATE_SLEEPING, 5 * TEST_SECOND));
  weft_run_pause (run);
  ck_assert (weft_run_wait_settled (run, 5 * TEST_SECOND));
  ck_assert_int_eq (weft_actor_get_state (actor), WEFT_STATE_PARKED);
  ck_assert_int_eq (weft_actor_get_pending_op (actor), WEFT_OP_SLEEP);

  ck_assert (weft_run_step (run, actor, NULL));
  ck_assert (weft_run_wait_settled (run, 5 * TEST_SECOND));
  ck_assert_int_eq (weft_actor_get_state (actor), WEFT_STATE_PARKED);
  ck_assert_int_eq (weft_actor_get_pending_op (actor), WEFT_OP_RELEASE);
  ck_assert_ptr_eq (weft_object_get_owner (WEFT_OBJECT (fork)), actor);
  ck_assert_uint_eq (weft_run_get_n_steps (run), 1);

  ck_assert (weft_run_step (run, actor, NULL));
  test_finish_completed (run, 5 * TEST_SECOND);
  ck_assert_uint_eq (weft_run_get_n_steps (run), 2);
}
END_TEST

START_TEST (test_speed_scales_sleeps)
{
  g_autoptr(WeftRun) run = weft_run_new (1);
  gint finished = 0;
  gint64 start;

  weft_run_add_actor (run, "Kant", long_sleeper, &finished, NULL);
  weft_run_set_speed (run, 20.0);
  ck_assert_double_eq (weft_run_get_speed (run), 20.0);

  start = g_get_monotonic_time ();
  test_start (run, WEFT_MODE_RUN);
  /* 2000 ms of scenario time at 20× is 100 ms of real time: far less than 2 s. */
  test_finish_completed (run, 5 * TEST_SECOND);
  ck_assert_int_lt (g_get_monotonic_time () - start, 1500 * 1000);
  test_assert_atomic (&finished, ==, 1);
}
END_TEST

/* ---- Regressions found in review ---------------------------------------------------- */

static const char * const labels[] = { "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7" };

typedef struct
{
  WeftBarrier *barrier;
  guint16      ids[G_N_ELEMENTS (labels)];
} InternRace;

static void
interner (WeftActor *self,
          gpointer   data)
{
  InternRace *race = data;
  guint i = weft_actor_get_index (self);

  if (weft_barrier_wait (self, race->barrier))
    race->ids[i] = weft_run_intern_activity (weft_actor_get_run (self), labels[i]);
}

START_TEST (test_intern_activity_concurrently)
{
  for (guint round = 0; round < 50; round++)
    {
      g_autoptr(WeftRun) run = weft_run_new (round);
      InternRace race = { 0 };

      race.barrier = weft_barrier_new (run, "start", G_N_ELEMENTS (labels));
      for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
        weft_run_add_actor (run, labels[i], interner, &race, NULL);
      test_start (run, WEFT_MODE_RUN);
      test_finish_completed (run, 5 * TEST_SECOND);

      /* Each actor's id names its own label. */
      for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
        ck_assert_str_eq (weft_run_get_activity (run, race.ids[i]), labels[i]);
    }
}
END_TEST

START_TEST (test_resume_then_pause_keeps_frozen_sleep)
{
  g_autoptr(WeftRun) run = weft_run_new (1);
  gint finished = 0;
  WeftActor *actor;

  actor = weft_run_add_actor (run, "Kant", long_sleeper, &finished, NULL);
  test_start (run, WEFT_MODE_RUN);
  ck_assert (test_wait_for_state (actor, WEFT_STATE_SLEEPING, 5 * TEST_SECOND));
  weft_run_pause (run);
  ck_assert (weft_run_wait_settled (run, 5 * TEST_SECOND));

  /* A resume at once undone by a pause is not a step: the rest of the sleep stays. */
  for (guint i = 0; i < 30; i++)
    {
      weft_run_resume (run);
      weft_run_pause (run);
      ck_assert (weft_run_wait_settled (run, 5 * TEST_SECOND));
      ck_assert_int_eq (weft_actor_get_state (actor), WEFT_STATE_PARKED);
      ck_assert_int_eq (weft_actor_get_pending_op (actor), WEFT_OP_SLEEP);
    }
  test_assert_atomic (&finished, ==, 0);
  ck_assert_uint_eq (weft_run_get_n_steps (run), 0);
  weft_run_stop (run);
}
END_TEST

typedef struct
{
  WeftLock    *a;
  WeftLock    *b;
  WeftBarrier *both_hold;
} Crossed;

static void
crossed_first (WeftActor *self,
               gpointer   data)
{
  Crossed *c = data;

  if (weft_lock_acquire (self, c->a) && weft_barrier_wait (self, c->both_hold))
    weft_lock_acquire (self, c->b);
}

static void
crossed_second (WeftActor *self,
                gpointer   data)
{
  Crossed *c = data;

  if (weft_lock_acquire (self, c->b) && weft_barrier_wait (self, c->both_hold))
    weft_lock_acquire (self, c->a);
}

typedef struct
{
  WeftShared *plate;
  gint        done_work;   /* atomic */
} Bystander;

static void
slow_bystander (WeftActor *self,
                gpointer   data)
{
  Bystander *b = data;

  /* Plain code between two operations: a step must wait for it. */
  if (weft_shared_write (self, b->plate, 1))
    {
      g_usleep (300 * 1000);
      g_atomic_int_set (&b->done_work, 1);
      weft_shared_write (self, b->plate, 2);
    }
}

START_TEST (test_settle_waits_for_others_after_partial_deadlock)
{
  g_autoptr(WeftRun) run = weft_run_new (1);
  Crossed c;
  Bystander b = { 0 };
  WeftActor *bystander;

  c.a = weft_lock_new (run, "a");
  c.b = weft_lock_new (run, "b");
  c.both_hold = weft_barrier_new (run, "both hold", 2);
  b.plate = weft_shared_new (run, "plate", 0);
  weft_run_add_actor (run, "first", crossed_first, &c, NULL);
  weft_run_add_actor (run, "second", crossed_second, &c, NULL);
  bystander = weft_run_add_actor (run, "bystander", slow_bystander, &b, NULL);

  test_start (run, WEFT_MODE_STEP);
  ck_assert (weft_run_wait_settled (run, 5 * TEST_SECOND));
  /* Let the two cross their locks, leaving the bystander parked. */
  for (guint i = 0; i < 20 && weft_run_get_outcome (run) == WEFT_OUTCOME_NONE; i++)
    {
      WeftActor *next = weft_run_get_actor (run, i % 2);

      if (weft_actor_get_state (next) == WEFT_STATE_PARKED)
        ck_assert (weft_run_step (run, next, NULL));
      ck_assert (weft_run_wait_settled (run, 5 * TEST_SECOND));
    }
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_DEADLOCK);

  /* Step the bystander's first write: it runs 300 ms of plain code, and settling must
   * wait for it to reach its next operation. */
  ck_assert (weft_run_step (run, bystander, NULL));
  ck_assert (weft_run_wait_settled (run, 5 * TEST_SECOND));
  test_assert_atomic (&b.done_work, ==, 1);
  ck_assert_int_eq (weft_actor_get_state (bystander), WEFT_STATE_PARKED);
  ck_assert_int_eq (weft_actor_get_pending_op (bystander), WEFT_OP_WRITE);
  weft_run_stop (run);
}
END_TEST

/* ---------------------------------------------------------------------------------------
 * The clock (the TSC where it keeps time, clock_gettime elsewhere).
 */

#define CLOCK_THREADS 4
#define CLOCK_READS   (2 * 1000 * 1000)

typedef struct
{
  guint64 backwards;   /* readings lower than the one before */
  guint64 worst_ns;    /* by how much, at worst */
} ClockThread;

static gpointer
clock_reader (gpointer data)
{
  ClockThread *t = data;
  guint64 last = weft_clock_ns ();

  for (guint i = 0; i < CLOCK_READS; i++)
    {
      guint64 now = weft_clock_ns ();

      if (now < last)
        {
          t->backwards++;
          t->worst_ns = MAX (t->worst_ns, last - now);
        }
      last = now;
      /* Give the scheduler chances to move the thread to another CPU. */
      if (i % 4096 == 0)
        g_thread_yield ();
    }

  return NULL;
}

/* More threads than CPUs, each reading the clock in a loop: no thread ever sees it go
 * back, not even across a move to another CPU. */
START_TEST (test_clock_monotonic_per_thread)
{
  ClockThread results[CLOCK_THREADS] = { { 0 } };
  GThread *threads[CLOCK_THREADS];

  weft_clock_init ();
  for (guint i = 0; i < CLOCK_THREADS; i++)
    threads[i] = g_thread_new ("clock", clock_reader, &results[i]);
  for (guint i = 0; i < CLOCK_THREADS; i++)
    g_thread_join (threads[i]);

  for (guint i = 0; i < CLOCK_THREADS; i++)
    ck_assert_msg (results[i].backwards == 0,
                   "clock (%s) went back %" G_GUINT64_FORMAT " times in thread %u, by up to %"
                   G_GUINT64_FORMAT " ns", weft_clock_get_source (), results[i].backwards, i,
                   results[i].worst_ns);
}
END_TEST

/* Over a 50 ms sleep the clock advances as CLOCK_MONOTONIC does, within 1 %, and it
 * shares CLOCK_MONOTONIC's origin (so readings from either can be mixed). */
static void
check_clock_against_monotonic (void)
{
  guint64 mono0, weft0, mono1, weft1;
  double ratio;
  gint64 offset;

  weft_clock_init ();
  mono0 = weft_clock_monotonic_ns ();
  weft0 = weft_clock_ns ();
  g_usleep (50 * 1000);
  mono1 = weft_clock_monotonic_ns ();
  weft1 = weft_clock_ns ();

  ratio = (double) (weft1 - weft0) / (double) (mono1 - mono0);
  ck_assert_msg (ratio > 0.99 && ratio < 1.01,
                 "clock (%s): %" G_GUINT64_FORMAT " ns against CLOCK_MONOTONIC's %"
                 G_GUINT64_FORMAT " over a 50 ms sleep", weft_clock_get_source (),
                 weft1 - weft0, mono1 - mono0);
  offset = (gint64) (weft1 - mono1);
  ck_assert_msg (ABS (offset) < 1000 * 1000, "clock (%s) is %" G_GINT64_FORMAT
                 " ns away from CLOCK_MONOTONIC", weft_clock_get_source (), offset);
}

START_TEST (test_clock_follows_monotonic)
{
  check_clock_against_monotonic ();
}
END_TEST

/* Which kernel clocksources the TSC may stand in for, given the CPU's invariant-TSC flag
 * (docs/runtime.md, "The clock"): "tsc" itself, and "kvm-clock", which the vDSO computes
 * from the TSC when the host declares it stable across vCPUs. Never without the flag, and
 * not under clocksources that do not follow the TSC. */
START_TEST (test_clock_tsc_trusted)
{
  ck_assert (weft_clock_tsc_trusted (TRUE, "tsc"));
  ck_assert (weft_clock_tsc_trusted (TRUE, "kvm-clock"));
  ck_assert (weft_clock_tsc_trusted (TRUE, "kvm-clock\n"));
  ck_assert (!weft_clock_tsc_trusted (FALSE, "tsc"));
  ck_assert (!weft_clock_tsc_trusted (FALSE, "kvm-clock"));
  ck_assert (!weft_clock_tsc_trusted (TRUE, "hpet"));
  ck_assert (!weft_clock_tsc_trusted (TRUE, "acpi_pm"));
  ck_assert (!weft_clock_tsc_trusted (TRUE, ""));
  ck_assert (!weft_clock_tsc_trusted (TRUE, NULL));
}
END_TEST

/* WEFT_CLOCK=monotonic falls back to clock_gettime. Each test runs in a process of its
 * own (check forks), where the clock has not been chosen yet; without fork, it has. */
START_TEST (test_clock_fallback)
{
  if (g_strcmp0 (g_getenv ("CK_FORK"), "no") == 0)
    return;

  g_setenv ("WEFT_CLOCK", "monotonic", TRUE);
  ck_assert_str_eq (weft_clock_get_source (), "clock_gettime");
  check_clock_against_monotonic ();
}
END_TEST

#define TIMED_ACTORS 4
#define TIMED_PAIRS  20000

typedef struct
{
  WeftLock *locks[2];
} TimedData;

static void
timed_body (WeftActor *self,
            gpointer   user_data)
{
  TimedData *d = user_data;
  WeftLock *lock = d->locks[weft_actor_get_index (self) % 2];

  for (guint i = 0; i < TIMED_PAIRS; i++)
    {
      if (!weft_lock_acquire (self, lock) || !weft_lock_release (self, lock))
        return;
    }
}

/* Event times never decrease in trace order, whichever thread recorded them (the
 * timeline searches them), start near 0 (nanoseconds since the start, well within 48
 * bits), and the run's end is recorded at its elapsed time. */
START_TEST (test_event_times_in_trace_order)
{
  g_autoptr(WeftRun) run = weft_run_new (3);
  TimedData d;
  WeftTrace *trace;
  guint64 n, last = 0, elapsed;
  guint64 decreases = 0;
  WeftEvent ev;

  d.locks[0] = weft_lock_new (run, "a");
  d.locks[1] = weft_lock_new (run, "b");
  for (guint i = 0; i < TIMED_ACTORS; i++)
    weft_run_add_actor (run, "timed", timed_body, &d, NULL);
  test_start (run, WEFT_MODE_RUN);
  ck_assert (weft_run_wait_end (run, 60 * TEST_SECOND));
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_COMPLETED);
  elapsed = weft_run_get_elapsed_ns (run);

  trace = weft_run_get_trace (run);
  n = weft_trace_get_n_events (trace);
  ck_assert_uint_ge (n, (guint64) TIMED_ACTORS * TIMED_PAIRS * 2);
  for (guint64 i = weft_trace_get_first (trace); i < n; i++)
    {
      ck_assert (weft_trace_read (trace, i, &ev));
      if (weft_event_get_time (&ev) < last)
        decreases++;
      last = weft_event_get_time (&ev);
    }
  ck_assert_uint_eq (decreases, 0);

  ck_assert (weft_trace_read (trace, 0, &ev));
  ck_assert_int_eq (ev.kind, WEFT_EVENT_RUN_START);
  ck_assert_uint_lt (weft_event_get_time (&ev), 1000 * 1000);
  ck_assert (test_find_event (run, WEFT_EVENT_RUN_END, 0, &ev, NULL));
  ck_assert_uint_ge (weft_event_get_time (&ev), elapsed);
  ck_assert_uint_lt (weft_event_get_time (&ev) - elapsed, 1000 * 1000);
  ck_assert_uint_eq (weft_event_get_time (&ev), last);
  weft_run_stop (run);
}
END_TEST

typedef struct
{
  WeftRun  *run;
  gint      answered;
  WeftOutcome outcome;
  gboolean  paused;
  gboolean  stopping;
  guint64   elapsed_ns;
  const char *activity;
} Query;

static gpointer
query_thread (gpointer data)
{
  Query *q = data;

  q->outcome = weft_run_get_outcome (q->run);
  q->paused = weft_run_is_paused (q->run);
  q->stopping = weft_run_is_stopping (q->run);
  q->elapsed_ns = weft_run_get_elapsed_ns (q->run);
  q->activity = weft_run_get_activity (q->run, 100);
  g_atomic_int_set (&q->answered, TRUE);
  return NULL;
}

static void
idle_body (WeftActor *self,
           gpointer   user_data)
{
  weft_sleep (self, 10, NULL);
}

/* What the window asks at every frame (has the run ended, is it paused or stopping? how
 * long has it run? any new activity?) is answered while the monitor is held: a thousand threads fighting over it
 * made each frame wait its turn (bench-window, 1000 philosophers). */
START_TEST (test_frame_queries_do_not_take_the_monitor)
{
  g_autoptr(WeftRun) run = weft_run_new (5);
  Query q = { .run = run };
  GThread *thread;
  gint64 deadline;
  gboolean in_time;

  weft_run_add_actor (run, "Idle", idle_body, NULL, NULL);
  ck_assert (weft_run_start (run, WEFT_MODE_RUN, NULL));
  ck_assert (weft_run_wait_end (run, 5 * G_USEC_PER_SEC));
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_COMPLETED);

  weft_monitor_lock (run);
  thread = g_thread_new ("query", query_thread, &q);
  deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (!g_atomic_int_get (&q.answered) && g_get_monotonic_time () < deadline)
    g_usleep (1000);
  in_time = g_atomic_int_get (&q.answered);
  weft_monitor_unlock (run);
  g_thread_join (thread);

  ck_assert_msg (in_time, "the queries waited for the monitor");
  ck_assert_int_eq (q.outcome, WEFT_OUTCOME_COMPLETED);
  ck_assert (!q.paused);
  ck_assert (!q.stopping);
  ck_assert_uint_gt (q.elapsed_ns, 0);
  ck_assert_uint_eq (q.elapsed_ns, weft_run_get_elapsed_ns (run));
  ck_assert_ptr_null (q.activity);
  weft_run_stop (run);
}
END_TEST

#ifdef __linux__
/* What the thread's own nice value is (Linux gives each thread one). */
static void
record_niceness_body (WeftActor *self,
                      gpointer   user_data)
{
  gint *niceness = user_data;

  errno = 0;
  g_atomic_int_set (niceness, getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid)));
  g_assert (errno == 0);
}

/* The size of the calling thread's stack, bytes. */
static void
record_stack_size_body (WeftActor *self,
                        gpointer   user_data)
{
  gsize *size = user_data;
  pthread_attr_t attr;
  size_t stack_size = 0;

  g_assert (pthread_getattr_np (pthread_self (), &attr) == 0);
  g_assert (pthread_attr_getstacksize (&attr, &stack_size) == 0);
  pthread_attr_destroy (&attr);
  g_atomic_pointer_set (size, (gsize) stack_size);
}

/* An actor's stack is WEFT_ACTOR_STACK_SIZE, not the process's default (8 MiB on Linux):
 * a thousand philosophers reserved 8 GiB, and unmapping their stacks was most of a stop
 * under load. The sanitizers' builds keep the default (their frames are larger). */
START_TEST (test_actors_have_small_stacks)
{
  g_autoptr(WeftRun) run = weft_run_new (3);
  gsize sizes[3] = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    weft_run_add_actor (run, "Stack", record_stack_size_body, &sizes[i], NULL);
  ck_assert (weft_run_start (run, WEFT_MODE_RUN, NULL));
  ck_assert (weft_run_wait_end (run, 5 * G_USEC_PER_SEC));
  weft_run_stop (run);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      gsize size = (gsize) g_atomic_pointer_get (&sizes[i]);

      if (WEFT_ACTOR_STACK_SIZE == 0)
        ck_assert_uint_gt (size, 1024 * 1024);
      else
        ck_assert_msg (size >= WEFT_ACTOR_STACK_SIZE && size <= WEFT_ACTOR_STACK_SIZE + 64 * 1024,
                       "an actor's stack is %" G_GSIZE_FORMAT " bytes, not %d", size,
                       WEFT_ACTOR_STACK_SIZE);
    }
}
END_TEST

/* Every actor runs at the niceness the run was given (the window gives its runs 10, so
 * that busy threads leave it the CPU to draw them); by default the actors keep the
 * creating thread's. */
START_TEST (test_niceness_applies_to_every_actor)
{
  const int base = getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid));

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(WeftRun) run = weft_run_new (9);
      gint seen[3] = { -100, -100, -100 };
      int expected = round == 0 ? base : MIN (base + 10, WEFT_NICENESS_MAX);

      for (guint i = 0; i < G_N_ELEMENTS (seen); i++)
        weft_run_add_actor (run, "Nice", record_niceness_body, &seen[i], NULL);
      if (round == 1)
        weft_run_set_niceness (run, 10);
      ck_assert (weft_run_start (run, WEFT_MODE_RUN, NULL));
      ck_assert (weft_run_wait_end (run, 5 * G_USEC_PER_SEC));
      for (guint i = 0; i < G_N_ELEMENTS (seen); i++)
        ck_assert_int_eq (g_atomic_int_get (&seen[i]), expected);
      weft_run_stop (run);
    }
}
END_TEST
#endif

static Suite *
run_suite (void)
{
  Suite *s = suite_create ("run");

  test_add_case (s, "step-all-parked-at-start", test_step_all_parked_at_start);
  test_add_case (s, "frame-queries-do-not-take-the-monitor", test_frame_queries_do_not_take_the_monitor);
  test_add_case (s, "step-one-operation-at-a-time", test_step_one_operation_at_a_time);
  test_add_case (s, "step-named-actor", test_step_named_actor);
  test_add_case (s, "step-sleep-is-instant", test_step_sleep_is_instant);
  test_add_case (s, "pause-and-resume", test_pause_and_resume);
  test_add_case (s, "stop-while-running", test_stop_while_running);
  test_add_case (s, "stop-from-pause", test_stop_from_pause);
  test_add_case (s, "stop-from-step-mode", test_stop_from_step_mode);
  test_add_case (s, "stop-mid-sleep", test_stop_mid_sleep);
  test_add_case (s, "deadlock-two-locks", test_deadlock_two_locks);
  test_add_case (s, "deadlock-ring-of-three", test_deadlock_ring_of_three);
  test_add_case (s, "deadlock-ring-wait-for-order", test_deadlock_ring_wait_for_order);
  test_add_case (s, "run-completes", test_run_completes);
  test_add_case (s, "event-is-logged", test_event_is_logged);
  test_add_case (s, "time-in-state", test_time_in_state);
  test_add_case (s, "pause-freezes-sleep", test_pause_freezes_sleep);
  test_add_case (s, "step-from-frozen-sleep-takes-one-operation", test_step_from_frozen_sleep_takes_one_operation);
  test_add_case (s, "speed-scales-sleeps", test_speed_scales_sleeps);
  test_add_case (s, "intern-activity-concurrently", test_intern_activity_concurrently);
  test_add_case (s, "resume-then-pause-keeps-frozen-sleep", test_resume_then_pause_keeps_frozen_sleep);
  test_add_case (s, "settle-waits-for-others-after-partial-deadlock", test_settle_waits_for_others_after_partial_deadlock);
  test_add_case (s, "clock-monotonic-per-thread", test_clock_monotonic_per_thread);
  test_add_case (s, "clock-follows-monotonic", test_clock_follows_monotonic);
  test_add_case (s, "clock-fallback", test_clock_fallback);
  test_add_case (s, "clock-tsc-trusted", test_clock_tsc_trusted);
  test_add_case (s, "event-times-in-trace-order", test_event_times_in_trace_order);
#ifdef __linux__
  test_add_case (s, "niceness-applies-to-every-actor", test_niceness_applies_to_every_actor);
  test_add_case (s, "actors-have-small-stacks", test_actors_have_small_stacks);
#endif
  return s;
}

int
main (void)
{
  return test_run_suite (run_suite ());
}
