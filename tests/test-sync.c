/* test-sync.c — the sync objects, used by real threads: locks, reentrant locks,
 * semaphores, conditions, events (flags), barriers, queues and shared variables.
 *
 * Actor bodies only record what they see; the assertions run on the test's thread.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "weft-test-util.h"

/* ---------------------------------------------------------------------------------------
 * Lock: mutual exclusion under stress.
 */

#define STRESS_ACTORS 8
#define STRESS_ITERATIONS 100000

typedef struct
{
  WeftLock *lock;
  guint64   counter;    /* plain, protected only by the WeftLock */
  gint      inside;     /* atomic: actors inside the critical section */
  gint      overlap;    /* atomic: times someone found another actor inside */
  gint      failed;     /* atomic: blocking calls that returned FALSE */
} StressData;

static void
stress_body (WeftActor *self,
             gpointer   user_data)
{
  StressData *d = user_data;

  for (guint i = 0; i < STRESS_ITERATIONS; i++)
    {
      if (!weft_lock_acquire (self, d->lock))
        {
          g_atomic_int_inc (&d->failed);
          return;
        }
      if (g_atomic_int_add (&d->inside, 1) != 0)
        g_atomic_int_inc (&d->overlap);
      d->counter++;
      g_atomic_int_add (&d->inside, -1);
      if (!weft_lock_release (self, d->lock))
        {
          g_atomic_int_inc (&d->failed);
          return;
        }
    }
}

START_TEST (test_lock_mutual_exclusion)
{
  WeftRun *run = weft_run_new (1);
  StressData d = { 0 };

  /* A stress run makes millions of events: keep the trace small. */
  weft_run_set_trace_cap (run, (gsize) 4 * 1024 * 1024);
  d.lock = weft_lock_new (run, "counter lock");
  for (guint i = 0; i < STRESS_ACTORS; i++)
    {
      g_autofree char *name = g_strdup_printf ("worker %u", i);
      weft_run_add_actor (run, name, stress_body, &d, NULL);
    }

  test_start (run, WEFT_MODE_RUN);
  test_finish_completed (run, 50 * TEST_SECOND);

  test_assert_atomic (&d.failed, ==, 0);
  test_assert_atomic (&d.overlap, ==, 0);
  ck_assert_uint_eq (d.counter, (guint64) STRESS_ACTORS * STRESS_ITERATIONS);
  ck_assert_ptr_null (weft_object_get_owner (WEFT_OBJECT (d.lock)));
  ck_assert_uint_eq (weft_run_get_n_misuses (run), 0);
  for (guint i = 0; i < STRESS_ACTORS; i++)
    ck_assert_int_eq (weft_actor_get_state (weft_run_get_actor (run, i)), WEFT_STATE_DONE);

  weft_run_unref (run);
}
END_TEST

/* try_acquire on a taken lock fails without blocking; on a free one it succeeds. */
typedef struct
{
  WeftLock *lock;
  WeftFlag *held;
  WeftFlag *tried;
  gboolean  ok_holder;
  gboolean  ok_trier;
  gboolean  acquired_while_held;
  gboolean  acquired_when_free;
} TryData;

static void
try_holder_body (WeftActor *self,
                 gpointer   user_data)
{
  TryData *d = user_data;

  d->ok_holder = weft_lock_acquire (self, d->lock)
              && weft_flag_set (self, d->held)
              && weft_flag_wait (self, d->tried)
              && weft_lock_release (self, d->lock);
}

static void
try_trier_body (WeftActor *self,
                gpointer   user_data)
{
  TryData *d = user_data;
  gboolean ok;

  ok = weft_flag_wait (self, d->held)
    && weft_lock_try_acquire (self, d->lock, &d->acquired_while_held)
    && weft_flag_set (self, d->tried);
  /* The holder releases after "tried": wait until the lock is free. */
  while (ok)
    {
      ok = weft_lock_try_acquire (self, d->lock, &d->acquired_when_free);
      if (!ok || d->acquired_when_free)
        break;
      ok = weft_sleep (self, 1, NULL);
    }
  if (ok)
    ok = weft_lock_release (self, d->lock);
  d->ok_trier = ok;
}

START_TEST (test_lock_try_acquire)
{
  WeftRun *run = weft_run_new (2);
  TryData d = { 0 };

  d.lock = weft_lock_new (run, "lock");
  d.held = weft_flag_new (run, "held");
  d.tried = weft_flag_new (run, "tried");
  weft_run_add_actor (run, "holder", try_holder_body, &d, NULL);
  weft_run_add_actor (run, "trier", try_trier_body, &d, NULL);

  test_start (run, WEFT_MODE_RUN);
  test_finish_completed (run, 10 * TEST_SECOND);

  ck_assert (d.ok_holder);
  ck_assert (d.ok_trier);
  ck_assert (!d.acquired_while_held);
  ck_assert (d.acquired_when_free);
  ck_assert_uint_ge (test_count_events (run, WEFT_EVENT_TRY_FAILED,
                                        weft_object_get_index (WEFT_OBJECT (d.lock))), 1);

  weft_run_unref (run);
}
END_TEST

/* ---------------------------------------------------------------------------------------
 * Reentrant lock: depth, and a release by a non-owner is a misuse.
 */

typedef struct
{
  WeftRLock *rlock;
  WeftFlag  *held;       /* the owner holds the rlock */
  gint       attempted;  /* atomic: the other actor's release has returned */
  guint      depth_after_acquire[3];
  guint      depth_after_release[3];
  guint      depth_after_misuse;
  gboolean   owner_ok;
  gboolean   release_by_other;   /* what the non-owner's release returned */
  WeftActor *owner_while_held;
  WeftActor *owner_after_misuse;
} RLockData;

static void
rlock_owner_body (WeftActor *self,
                  gpointer   user_data)
{
  RLockData *d = user_data;
  guint polls;

  for (guint i = 0; i < 3; i++)
    {
      if (!weft_rlock_acquire (self, d->rlock))
        return;
      d->depth_after_acquire[i] = weft_rlock_get_depth (d->rlock);
    }
  d->owner_while_held = weft_object_get_owner (WEFT_OBJECT (d->rlock));
  if (!weft_flag_set (self, d->held))
    return;
  /* The other actor's misuse is its last operation (a misuse unwinds it, like Python
   * raising), so poll for it rather than wait on an object. */
  for (polls = 0; polls < 5000 && !g_atomic_int_get (&d->attempted); polls++)
    if (!weft_sleep (self, 1, NULL))
      return;
  d->depth_after_misuse = weft_rlock_get_depth (d->rlock);
  d->owner_after_misuse = weft_object_get_owner (WEFT_OBJECT (d->rlock));
  for (guint i = 0; i < 3; i++)
    {
      if (!weft_rlock_release (self, d->rlock))
        return;
      d->depth_after_release[i] = weft_rlock_get_depth (d->rlock);
    }
  d->owner_ok = TRUE;
}

static void
rlock_other_body (WeftActor *self,
                  gpointer   user_data)
{
  RLockData *d = user_data;

  if (!weft_flag_wait (self, d->held))
    return;
  d->release_by_other = weft_rlock_release (self, d->rlock);
  g_atomic_int_set (&d->attempted, 1);
}

START_TEST (test_rlock_depth_and_misuse)
{
  WeftRun *run = weft_run_new (3);
  RLockData d = { 0 };
  WeftActor *owner, *other;
  WeftEvent ev;

  d.rlock = weft_rlock_new (run, "rlock");
  d.held = weft_flag_new (run, "held");
  owner = weft_run_add_actor (run, "owner", rlock_owner_body, &d, NULL);
  other = weft_run_add_actor (run, "other", rlock_other_body, &d, NULL);

  test_start (run, WEFT_MODE_RUN);
  test_finish_completed (run, 10 * TEST_SECOND);

  ck_assert (d.owner_ok);
  ck_assert_uint_eq (d.depth_after_acquire[0], 1);
  ck_assert_uint_eq (d.depth_after_acquire[1], 2);
  ck_assert_uint_eq (d.depth_after_acquire[2], 3);
  ck_assert_uint_eq (d.depth_after_release[0], 2);
  ck_assert_uint_eq (d.depth_after_release[1], 1);
  ck_assert_uint_eq (d.depth_after_release[2], 0);
  ck_assert_ptr_eq (d.owner_while_held, owner);
  ck_assert_ptr_null (weft_object_get_owner (WEFT_OBJECT (d.rlock)));
  ck_assert_uint_eq (weft_rlock_get_depth (d.rlock), 0);

  test_assert_atomic (&d.attempted, ==, 1);
  ck_assert (!d.release_by_other);
  /* The refused release changed nothing. */
  ck_assert_uint_eq (d.depth_after_misuse, 3);
  ck_assert_ptr_eq (d.owner_after_misuse, owner);
  ck_assert_uint_eq (weft_run_get_n_misuses (run), 1);
  ck_assert_uint_eq (test_count_events (run, WEFT_EVENT_MISUSE, WEFT_NONE), 1);
  ck_assert (test_find_event (run, WEFT_EVENT_MISUSE, 0, &ev, NULL));
  ck_assert_uint_eq (ev.actor, weft_actor_get_index (other));
  ck_assert_uint_eq (ev.object, weft_object_get_index (WEFT_OBJECT (d.rlock)));
  ck_assert_int_eq (ev.value, WEFT_OP_RELEASE);

  weft_run_unref (run);
}
END_TEST

/* Releasing a plain lock you do not hold is a misuse too. */
static void
lock_misuse_body (WeftActor *self,
                  gpointer   user_data)
{
  gboolean *result = user_data;

  *result = weft_lock_release (self, weft_run_get_scenario_data (weft_actor_get_run (self)));
}

START_TEST (test_lock_release_unowned)
{
  WeftRun *run = weft_run_new (4);
  WeftLock *lock = weft_lock_new (run, "lock");
  gboolean result = TRUE;

  weft_run_set_scenario_data (run, lock, NULL);
  weft_run_add_actor (run, "careless", lock_misuse_body, &result, NULL);
  test_start (run, WEFT_MODE_RUN);
  test_finish_completed (run, 10 * TEST_SECOND);

  ck_assert (!result);
  ck_assert_uint_eq (weft_run_get_n_misuses (run), 1);
  ck_assert_uint_eq (test_count_events (run, WEFT_EVENT_MISUSE,
                                        weft_object_get_index (WEFT_OBJECT (lock))), 1);
  ck_assert_ptr_null (weft_object_get_owner (WEFT_OBJECT (lock)));

  weft_run_unref (run);
}
END_TEST

/* ---------------------------------------------------------------------------------------
 * Semaphore: never more holders than permits, never negative.
 */

#define SEM_ACTORS 6
#define SEM_ITERATIONS 20000
#define SEM_PERMITS 2

typedef struct
{
  WeftSemaphore *sem;
  gint           holders;      /* atomic */
  gint           max_holders;  /* atomic */
  gint           bad_value;    /* atomic: value read above the initial (a wrapped negative) */
  gint           failed;       /* atomic */
} SemData;

static void
sem_body (WeftActor *self,
          gpointer   user_data)
{
  SemData *d = user_data;

  for (guint i = 0; i < SEM_ITERATIONS; i++)
    {
      gint now, max;

      if (!weft_semaphore_acquire (self, d->sem))
        {
          g_atomic_int_inc (&d->failed);
          return;
        }
      now = g_atomic_int_add (&d->holders, 1) + 1;
      do
        max = g_atomic_int_get (&d->max_holders);
      while (now > max && !g_atomic_int_compare_and_exchange (&d->max_holders, max, now));
      if (weft_semaphore_get_value (d->sem) > SEM_PERMITS)
        g_atomic_int_inc (&d->bad_value);
      if (i % 64 == 0)
        g_thread_yield ();
      g_atomic_int_add (&d->holders, -1);
      if (!weft_semaphore_release (self, d->sem))
        {
          g_atomic_int_inc (&d->failed);
          return;
        }
      if (weft_semaphore_get_value (d->sem) > SEM_PERMITS)
        g_atomic_int_inc (&d->bad_value);
    }
}

START_TEST (test_semaphore_bounds_holders)
{
  WeftRun *run = weft_run_new (5);
  SemData d = { 0 };
  WeftTrace *trace;
  guint64 n;
  guint sem_index, n_checked = 0;

  weft_run_set_trace_cap (run, (gsize) 4 * 1024 * 1024);
  d.sem = weft_semaphore_new (run, "permits", SEM_PERMITS, FALSE);
  ck_assert_uint_eq (weft_semaphore_get_value (d.sem), SEM_PERMITS);
  for (guint i = 0; i < SEM_ACTORS; i++)
    {
      g_autofree char *name = g_strdup_printf ("user %u", i);
      weft_run_add_actor (run, name, sem_body, &d, NULL);
    }

  test_start (run, WEFT_MODE_RUN);
  test_finish_completed (run, 50 * TEST_SECOND);

  test_assert_atomic (&d.failed, ==, 0);
  test_assert_atomic (&d.max_holders, <=, SEM_PERMITS);
  test_assert_atomic (&d.max_holders, >=, 1);
  test_assert_atomic (&d.bad_value, ==, 0);
  ck_assert_uint_eq (weft_semaphore_get_value (d.sem), SEM_PERMITS);
  ck_assert_uint_eq (weft_run_get_n_misuses (run), 0);

  /* The count left recorded with every acquire/release is within [0, permits]. */
  trace = weft_run_get_trace (run);
  n = weft_trace_get_n_events (trace);
  sem_index = weft_object_get_index (WEFT_OBJECT (d.sem));
  for (guint64 i = weft_trace_get_first (trace); i < n; i++)
    {
      WeftEvent ev;

      if (!weft_trace_read (trace, i, &ev) || ev.object != sem_index)
        continue;
      if (ev.kind != WEFT_EVENT_ACQUIRED && ev.kind != WEFT_EVENT_RELEASED)
        continue;
      ck_assert_int_ge (ev.value, 0);
      ck_assert_int_le (ev.value, SEM_PERMITS);
      n_checked++;
    }
  ck_assert_uint_gt (n_checked, 0);

  weft_run_unref (run);
}
END_TEST

/* A bounded semaphore refuses to rise above its initial value; a plain one does not. */
typedef struct
{
  WeftSemaphore *bounded;
  WeftSemaphore *plain;
  gboolean       acquire_ok;
  gboolean       release_ok;
  gboolean       over_release;        /* bounded: must be FALSE */
  guint          bounded_value_after;
  gboolean       plain_over_release;  /* plain: must be TRUE */
  guint          plain_value_after;
} BoundedData;

static void
bounded_body (WeftActor *self,
              gpointer   user_data)
{
  BoundedData *d = user_data;

  d->plain_over_release = weft_semaphore_release (self, d->plain);
  d->plain_value_after = weft_semaphore_get_value (d->plain);
  d->acquire_ok = weft_semaphore_acquire (self, d->bounded);
  if (!d->acquire_ok)
    return;
  d->release_ok = weft_semaphore_release (self, d->bounded);
  if (!d->release_ok)
    return;
  d->over_release = weft_semaphore_release (self, d->bounded);
  d->bounded_value_after = weft_semaphore_get_value (d->bounded);
}

START_TEST (test_bounded_semaphore_over_release)
{
  WeftRun *run = weft_run_new (6);
  BoundedData d = { 0 };
  WeftEvent ev;

  d.bounded = weft_semaphore_new (run, "bounded", 1, TRUE);
  d.plain = weft_semaphore_new (run, "plain", 1, FALSE);
  weft_run_add_actor (run, "releaser", bounded_body, &d, NULL);

  test_start (run, WEFT_MODE_RUN);
  test_finish_completed (run, 10 * TEST_SECOND);

  ck_assert (d.plain_over_release);
  ck_assert_uint_eq (d.plain_value_after, 2);
  ck_assert (d.acquire_ok);
  ck_assert (d.release_ok);
  ck_assert (!d.over_release);
  ck_assert_uint_eq (d.bounded_value_after, 1);
  ck_assert_uint_eq (weft_semaphore_get_value (d.bounded), 1);
  ck_assert_uint_eq (weft_run_get_n_misuses (run), 1);
  ck_assert (test_find_event (run, WEFT_EVENT_MISUSE, 0, &ev, NULL));
  ck_assert_uint_eq (ev.object, weft_object_get_index (WEFT_OBJECT (d.bounded)));
  ck_assert_int_eq (ev.value, WEFT_OP_RELEASE);
  ck_assert_uint_eq (test_count_events (run, WEFT_EVENT_MISUSE, WEFT_NONE), 1);

  weft_run_unref (run);
}
END_TEST

/* ---------------------------------------------------------------------------------------
 * Condition: notify wakes exactly one waiter, notify_all wakes the rest.
 */

#define COND_WAITERS 4

typedef struct
{
  WeftLock      *lock;
  WeftCondition *cond;
  guint          ready;          /* under lock: waiters about to wait */
  gint           passed;         /* atomic */
  gint           passed_after_notify;
  gint           passed_before_notify;
  gint           failed;         /* atomic */
  gboolean       notifier_ok;
} CondData;

static void
cond_waiter_body (WeftActor *self,
                  gpointer   user_data)
{
  CondData *d = user_data;

  if (!weft_lock_acquire (self, d->lock))
    goto fail;
  d->ready++;
  if (!weft_condition_wait (self, d->cond))
    goto fail;
  /* The wait took the lock back. */
  if (weft_object_get_owner (WEFT_OBJECT (d->lock)) != self)
    g_atomic_int_inc (&d->failed);
  g_atomic_int_inc (&d->passed);
  if (!weft_lock_release (self, d->lock))
    goto fail;
  return;

fail:
  g_atomic_int_inc (&d->failed);
}

static void
cond_notifier_body (WeftActor *self,
                    gpointer   user_data)
{
  CondData *d = user_data;
  guint polls;

  /* Wait until every waiter is waiting: they count themselves under the lock, and the
   * wait releases it. */
  for (;;)
    {
      guint ready;

      if (!weft_lock_acquire (self, d->lock))
        return;
      ready = d->ready;
      if (ready == COND_WAITERS)
        break;
      if (!weft_lock_release (self, d->lock) || !weft_sleep (self, 2, NULL))
        return;
    }
  d->passed_before_notify = g_atomic_int_get (&d->passed);
  if (!weft_condition_notify (self, d->cond) || !weft_lock_release (self, d->lock))
    return;

  /* Let the woken one pass, then give the others time to (wrongly) pass too. */
  for (polls = 0; polls < 2000 && g_atomic_int_get (&d->passed) < 1; polls++)
    if (!weft_sleep (self, 1, NULL))
      return;
  if (!weft_sleep (self, 150, NULL))
    return;
  d->passed_after_notify = g_atomic_int_get (&d->passed);

  if (!weft_lock_acquire (self, d->lock)
      || !weft_condition_notify_all (self, d->cond)
      || !weft_lock_release (self, d->lock))
    return;
  d->notifier_ok = TRUE;
}

START_TEST (test_condition_notify_one_and_all)
{
  WeftRun *run = weft_run_new (7);
  CondData d = { 0 };
  WeftEvent ev;
  guint cond_index;

  d.lock = weft_lock_new (run, "lock");
  d.cond = weft_condition_new (run, "cond", d.lock);
  ck_assert_ptr_eq (weft_condition_get_lock (d.cond), d.lock);
  for (guint i = 0; i < COND_WAITERS; i++)
    {
      g_autofree char *name = g_strdup_printf ("waiter %u", i);
      weft_run_add_actor (run, name, cond_waiter_body, &d, NULL);
    }
  weft_run_add_actor (run, "notifier", cond_notifier_body, &d, NULL);

  test_start (run, WEFT_MODE_RUN);
  test_finish_completed (run, 20 * TEST_SECOND);

  ck_assert (d.notifier_ok);
  test_assert_atomic (&d.failed, ==, 0);
  ck_assert_int_eq (d.passed_before_notify, 0);
  ck_assert_int_eq (d.passed_after_notify, 1);
  test_assert_atomic (&d.passed, ==, COND_WAITERS);

  cond_index = weft_object_get_index (WEFT_OBJECT (d.cond));
  ck_assert_uint_eq (test_count_events (run, WEFT_EVENT_COND_WAIT, cond_index), COND_WAITERS);
  ck_assert (test_find_event (run, WEFT_EVENT_NOTIFY, 0, &ev, NULL));
  ck_assert_uint_eq (ev.object, cond_index);
  ck_assert_int_eq (ev.value, 1);
  ck_assert (test_find_event (run, WEFT_EVENT_NOTIFY_ALL, 0, &ev, NULL));
  ck_assert_uint_eq (ev.object, cond_index);
  ck_assert_int_eq (ev.value, COND_WAITERS - 1);

  weft_run_unref (run);
}
END_TEST

/* A condition waiter with nobody to wake it is a deadlock (every live actor waits). */
static void
lonely_waiter_body (WeftActor *self,
                    gpointer   user_data)
{
  WeftCondition *cond = user_data;
  WeftLock *lock = weft_condition_get_lock (cond);

  if (!weft_lock_acquire (self, lock) || !weft_condition_wait (self, cond))
    return;
  weft_lock_release (self, lock);
}

START_TEST (test_condition_wait_forever_is_deadlock)
{
  WeftRun *run = weft_run_new (8);
  WeftLock *lock = weft_lock_new (run, "lock");
  WeftCondition *cond = weft_condition_new (run, "cond", lock);
  WeftActor *actor;
  gint64 stop_us;

  actor = weft_run_add_actor (run, "lonely", lonely_waiter_body, cond, NULL);
  test_start (run, WEFT_MODE_RUN);
  ck_assert (weft_run_wait_end (run, 10 * TEST_SECOND));
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_DEADLOCK);
  ck_assert_int_eq (weft_actor_get_state (actor), WEFT_STATE_WAITING);
  /* The wait released the lock. */
  ck_assert_ptr_null (weft_object_get_owner (WEFT_OBJECT (lock)));
  ck_assert_uint_ge (test_count_events (run, WEFT_EVENT_DEADLOCK, WEFT_NONE), 1);

  stop_us = test_timed_stop (run);
  ck_assert_int_lt (stop_us, 200000);
  weft_run_unref (run);
}
END_TEST

/* ---------------------------------------------------------------------------------------
 * Event (flag): set releases the waiters, clear makes wait block again.
 */

#define FLAG_WAITERS 3

typedef struct
{
  WeftActor *waiters[FLAG_WAITERS];
  WeftFlag *flag;
  WeftFlag *cleared;     /* set once the first round is over and flag is clear */
  gint      passed1;     /* atomic */
  gint      passed2;     /* atomic */
  gint      failed;      /* atomic */
  gint      passed1_before_set;
  gint      passed1_after_set;
  gint      passed2_after_clear;
  gboolean  set_before;
  gboolean  set_after_set;
  gboolean  set_after_clear;
  gboolean  setter_ok;
} FlagData;

static void
flag_waiter_body (WeftActor *self,
                  gpointer   user_data)
{
  FlagData *d = user_data;

  if (!weft_flag_wait (self, d->flag))
    goto fail;
  g_atomic_int_inc (&d->passed1);
  if (!weft_flag_wait (self, d->cleared))
    goto fail;
  if (!weft_flag_wait (self, d->flag))
    goto fail;
  g_atomic_int_inc (&d->passed2);
  return;

fail:
  g_atomic_int_inc (&d->failed);
}

static void
flag_setter_body (WeftActor *self,
                  gpointer   user_data)
{
  FlagData *d = user_data;
  guint polls;

  /* Wait until the three are waiting on the flag. */
  for (polls = 0; polls < 2000; polls++)
    {
      guint n_waiting = 0;

      for (guint i = 0; i < FLAG_WAITERS; i++)
        if (weft_actor_get_state (d->waiters[i]) == WEFT_STATE_WAITING)
          n_waiting++;
      if (n_waiting == FLAG_WAITERS)
        break;
      if (!weft_sleep (self, 2, NULL))
        return;
    }
  if (!weft_sleep (self, 20, NULL))
    return;
  d->passed1_before_set = g_atomic_int_get (&d->passed1);
  d->set_before = weft_flag_is_set (d->flag);
  if (!weft_flag_set (self, d->flag))
    return;
  d->set_after_set = weft_flag_is_set (d->flag);
  for (polls = 0; polls < 2000 && g_atomic_int_get (&d->passed1) < FLAG_WAITERS; polls++)
    if (!weft_sleep (self, 1, NULL))
      return;
  d->passed1_after_set = g_atomic_int_get (&d->passed1);

  if (!weft_flag_clear (self, d->flag))
    return;
  d->set_after_clear = weft_flag_is_set (d->flag);
  if (!weft_flag_set (self, d->cleared))
    return;
  /* The waiters go back to waiting on the cleared flag: none may pass. */
  if (!weft_sleep (self, 150, NULL))
    return;
  d->passed2_after_clear = g_atomic_int_get (&d->passed2);
  if (!weft_flag_set (self, d->flag))
    return;
  d->setter_ok = TRUE;
}

START_TEST (test_flag_set_and_clear)
{
  WeftRun *run = weft_run_new (9);
  FlagData d = { 0 };
  WeftEvent ev;

  d.flag = weft_flag_new (run, "go");
  d.cleared = weft_flag_new (run, "cleared");
  ck_assert (!weft_flag_is_set (d.flag));
  for (guint i = 0; i < FLAG_WAITERS; i++)
    {
      g_autofree char *name = g_strdup_printf ("waiter %u", i);
      d.waiters[i] = weft_run_add_actor (run, name, flag_waiter_body, &d, NULL);
    }
  weft_run_add_actor (run, "setter", flag_setter_body, &d, NULL);

  test_start (run, WEFT_MODE_RUN);
  test_finish_completed (run, 20 * TEST_SECOND);

  ck_assert (d.setter_ok);
  test_assert_atomic (&d.failed, ==, 0);
  ck_assert (!d.set_before);
  ck_assert (d.set_after_set);
  ck_assert (!d.set_after_clear);
  ck_assert_int_eq (d.passed1_before_set, 0);
  ck_assert_int_eq (d.passed1_after_set, FLAG_WAITERS);
  ck_assert_int_eq (d.passed2_after_clear, 0);
  test_assert_atomic (&d.passed2, ==, FLAG_WAITERS);
  ck_assert (weft_flag_is_set (d.flag));

  /* The first set woke the three waiters. */
  ck_assert (test_find_event (run, WEFT_EVENT_FLAG_SET, 0, &ev, NULL));
  ck_assert_uint_eq (ev.object, weft_object_get_index (WEFT_OBJECT (d.flag)));
  ck_assert_int_eq (ev.value, FLAG_WAITERS);
  ck_assert_uint_eq (test_count_events (run, WEFT_EVENT_FLAG_CLEAR,
                                        weft_object_get_index (WEFT_OBJECT (d.flag))), 1);

  weft_run_unref (run);
}
END_TEST

/* ---------------------------------------------------------------------------------------
 * Barrier: the 4th arrival releases all 4 together.
 */

#define BARRIER_PARTIES 4

typedef struct
{
  WeftBarrier *barrier;
  gint         arrived;                  /* atomic */
  gint         seen[BARRIER_PARTIES];    /* arrivals each one saw after passing */
  gint         failed;                   /* atomic */
} BarrierData;

typedef struct
{
  BarrierData *d;
  guint        index;
} BarrierActor;

static void
barrier_body (WeftActor *self,
              gpointer   user_data)
{
  BarrierActor *a = user_data;
  BarrierData *d = a->d;

  /* Arrive at different times. */
  if (!weft_sleep (self, 20 + 40 * a->index, NULL))
    goto fail;
  g_atomic_int_inc (&d->arrived);
  if (!weft_barrier_wait (self, d->barrier))
    goto fail;
  d->seen[a->index] = g_atomic_int_get (&d->arrived);
  return;

fail:
  g_atomic_int_inc (&d->failed);
}

START_TEST (test_barrier_releases_together)
{
  WeftRun *run = weft_run_new (10);
  BarrierData d = { 0 };
  BarrierActor actors[BARRIER_PARTIES];
  WeftEvent ev;
  guint barrier_index;

  d.barrier = weft_barrier_new (run, "barrier", BARRIER_PARTIES);
  for (guint i = 0; i < BARRIER_PARTIES; i++)
    {
      g_autofree char *name = g_strdup_printf ("party %u", i);

      actors[i].d = &d;
      actors[i].index = i;
      weft_run_add_actor (run, name, barrier_body, &actors[i], NULL);
    }

  test_start (run, WEFT_MODE_RUN);
  test_finish_completed (run, 20 * TEST_SECOND);

  test_assert_atomic (&d.failed, ==, 0);
  for (guint i = 0; i < BARRIER_PARTIES; i++)
    ck_assert_int_eq (d.seen[i], BARRIER_PARTIES);

  barrier_index = weft_object_get_index (WEFT_OBJECT (d.barrier));
  ck_assert_uint_eq (test_count_events (run, WEFT_EVENT_BARRIER_ARRIVE, barrier_index),
                     BARRIER_PARTIES);
  for (guint i = 0; i < BARRIER_PARTIES; i++)
    {
      ck_assert (test_find_event (run, WEFT_EVENT_BARRIER_ARRIVE, i, &ev, NULL));
      ck_assert_int_eq (ev.value, i + 1);
    }
  ck_assert_uint_eq (test_count_events (run, WEFT_EVENT_BARRIER_OPEN, barrier_index), 1);
  ck_assert (test_find_event (run, WEFT_EVENT_BARRIER_OPEN, 0, &ev, NULL));
  ck_assert_int_eq (ev.value, BARRIER_PARTIES);

  weft_run_unref (run);
}
END_TEST

/* ---------------------------------------------------------------------------------------
 * Queues: the order of each kind.
 */

typedef struct
{
  WeftQueue *queue;
  gint32     in[3];
  gint32     out[3];
  guint      length_after_puts;
  guint      length_after_gets;
  gboolean   ok;
} QueueOrderData;

static void
queue_order_body (WeftActor *self,
                  gpointer   user_data)
{
  QueueOrderData *d = user_data;

  for (guint i = 0; i < 3; i++)
    if (!weft_queue_put (self, d->queue, d->in[i]))
      return;
  d->length_after_puts = weft_queue_get_length (d->queue);
  for (guint i = 0; i < 3; i++)
    if (!weft_queue_get (self, d->queue, &d->out[i]))
      return;
  d->length_after_gets = weft_queue_get_length (d->queue);
  d->ok = TRUE;
}

static void
check_queue_order (WeftQueueKind kind,
                   const gint32  in[3],
                   const gint32  expected[3])
{
  WeftRun *run = weft_run_new (11);
  QueueOrderData d = { 0 };
  guint queue_index;
  WeftEvent ev;

  d.queue = weft_queue_new (run, "queue", kind, 0);
  memcpy (d.in, in, sizeof d.in);
  weft_run_add_actor (run, "user", queue_order_body, &d, NULL);

  test_start (run, WEFT_MODE_RUN);
  test_finish_completed (run, 10 * TEST_SECOND);

  ck_assert (d.ok);
  ck_assert_uint_eq (d.length_after_puts, 3);
  ck_assert_uint_eq (d.length_after_gets, 0);
  ck_assert_uint_eq (weft_queue_get_max_length (d.queue), 3);
  for (guint i = 0; i < 3; i++)
    ck_assert_int_eq (d.out[i], expected[i]);

  /* The trace records the items in the same order. */
  queue_index = weft_object_get_index (WEFT_OBJECT (d.queue));
  for (guint i = 0; i < 3; i++)
    {
      ck_assert (test_find_event (run, WEFT_EVENT_QUEUE_PUT, i, &ev, NULL));
      ck_assert_uint_eq (ev.object, queue_index);
      ck_assert_int_eq (ev.value, in[i]);
      ck_assert (test_find_event (run, WEFT_EVENT_QUEUE_GET, i, &ev, NULL));
      ck_assert_uint_eq (ev.object, queue_index);
      ck_assert_int_eq (ev.value, expected[i]);
    }

  weft_run_unref (run);
}

START_TEST (test_queue_fifo)
{
  static const gint32 in[3] = { 1, 2, 3 };
  static const gint32 out[3] = { 1, 2, 3 };

  check_queue_order (WEFT_QUEUE_FIFO, in, out);
}
END_TEST

START_TEST (test_queue_lifo)
{
  static const gint32 in[3] = { 1, 2, 3 };
  static const gint32 out[3] = { 3, 2, 1 };

  check_queue_order (WEFT_QUEUE_LIFO, in, out);
}
END_TEST

START_TEST (test_queue_priority)
{
  static const gint32 in[3] = { 5, 1, 3 };
  static const gint32 out[3] = { 1, 3, 5 };

  check_queue_order (WEFT_QUEUE_PRIORITY, in, out);
}
END_TEST

/* A full bounded queue blocks its producer until a consumer makes room. Step mode, so
 * the producer waiting alone is not taken for a deadlock: the consumer is parked. */

typedef struct
{
  WeftQueue *queue;
  guint      n_put;
  gint32     got;
  gboolean   producer_ok;
  gboolean   consumer_ok;
} BoundedQueueData;

static void
producer_body (WeftActor *self,
               gpointer   user_data)
{
  BoundedQueueData *d = user_data;

  for (gint32 item = 1; item <= 3; item++)
    {
      if (!weft_queue_put (self, d->queue, item))
        return;
      d->n_put++;
    }
  d->producer_ok = TRUE;
}

static void
consumer_body (WeftActor *self,
               gpointer   user_data)
{
  BoundedQueueData *d = user_data;

  d->consumer_ok = weft_queue_get (self, d->queue, &d->got);
}

static void
step_actor (WeftRun   *run,
            WeftActor *actor)
{
  GError *error = NULL;
  gboolean stepped = weft_run_step (run, actor, &error);

  ck_assert_msg (stepped, "stepping %s failed: %s", weft_actor_get_name (actor),
                 error ? error->message : "(no error)");
  g_clear_error (&error);
  ck_assert (weft_run_wait_settled (run, 5 * TEST_SECOND));
}

START_TEST (test_queue_full_blocks_producer)
{
  WeftRun *run = weft_run_new (12);
  BoundedQueueData d = { 0 };
  WeftActor *producer, *consumer;
  guint steps = 0;

  d.queue = weft_queue_new (run, "queue", WEFT_QUEUE_FIFO, 2);
  producer = weft_run_add_actor (run, "producer", producer_body, &d, NULL);
  consumer = weft_run_add_actor (run, "consumer", consumer_body, &d, NULL);

  test_start (run, WEFT_MODE_STEP);
  ck_assert (weft_run_wait_settled (run, 5 * TEST_SECOND));

  /* Step the producer until it stops being parked: it fills the queue and waits. */
  while (weft_actor_get_state (producer) == WEFT_STATE_PARKED && steps < 10)
    {
      step_actor (run, producer);
      steps++;
    }
  ck_assert_int_eq (weft_actor_get_state (producer), WEFT_STATE_WAITING);
  ck_assert_ptr_eq (weft_actor_get_waiting_on (producer), WEFT_OBJECT (d.queue));
  ck_assert_uint_eq (weft_queue_get_length (d.queue), 2);
  ck_assert_uint_eq (d.n_put, 2);
  ck_assert_int_eq (weft_actor_get_state (consumer), WEFT_STATE_PARKED);
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_NONE);

  /* The consumer takes one item. */
  steps = 0;
  while (weft_actor_get_state (consumer) == WEFT_STATE_PARKED && steps < 10)
    {
      step_actor (run, consumer);
      steps++;
    }
  ck_assert_int_eq (weft_actor_get_state (consumer), WEFT_STATE_DONE);
  ck_assert (d.consumer_ok);
  ck_assert_int_eq (d.got, 1);

  /* The producer can now finish (it may need steps to pass its gates again). */
  steps = 0;
  while (weft_actor_get_state (producer) != WEFT_STATE_DONE && steps < 10)
    {
      ck_assert_int_eq (weft_actor_get_state (producer), WEFT_STATE_PARKED);
      step_actor (run, producer);
      steps++;
    }
  ck_assert_int_eq (weft_actor_get_state (producer), WEFT_STATE_DONE);
  ck_assert (d.producer_ok);
  ck_assert_uint_eq (d.n_put, 3);
  ck_assert_uint_eq (weft_queue_get_length (d.queue), 2);
  ck_assert_uint_eq (weft_queue_get_max_length (d.queue), 2);

  test_finish_completed (run, 5 * TEST_SECOND);
  weft_run_unref (run);
}
END_TEST

/* ---------------------------------------------------------------------------------------
 * Shared variable: reads and writes are recorded with their values.
 */

typedef struct
{
  WeftShared *var;
  gint32      first_read;
  gint32      second_read;
  gboolean    ok;
} SharedData;

static void
shared_body (WeftActor *self,
             gpointer   user_data)
{
  SharedData *d = user_data;

  d->ok = weft_shared_read (self, d->var, &d->first_read)
       && weft_shared_write (self, d->var, 42)
       && weft_shared_read (self, d->var, &d->second_read)
       && weft_shared_write (self, d->var, -7);
}

START_TEST (test_shared_read_write_traced)
{
  WeftRun *run = weft_run_new (13);
  SharedData d = { 0 };
  WeftActor *actor;
  guint var_index, actor_index;
  WeftEvent ev;
  guint64 i_read0, i_write0, i_read1, i_write1;

  d.var = weft_shared_new (run, "balance", 10);
  ck_assert_int_eq (weft_shared_peek (d.var), 10);
  actor = weft_run_add_actor (run, "teller", shared_body, &d, NULL);

  test_start (run, WEFT_MODE_RUN);
  test_finish_completed (run, 10 * TEST_SECOND);

  ck_assert (d.ok);
  ck_assert_int_eq (d.first_read, 10);
  ck_assert_int_eq (d.second_read, 42);
  ck_assert_int_eq (weft_shared_peek (d.var), -7);

  var_index = weft_object_get_index (WEFT_OBJECT (d.var));
  actor_index = weft_actor_get_index (actor);
  ck_assert_uint_eq (test_count_events (run, WEFT_EVENT_READ, var_index), 2);
  ck_assert_uint_eq (test_count_events (run, WEFT_EVENT_WRITE, var_index), 2);

  ck_assert (test_find_event (run, WEFT_EVENT_READ, 0, &ev, &i_read0));
  ck_assert_int_eq (ev.value, 10);
  ck_assert_uint_eq (ev.actor, actor_index);
  ck_assert_uint_eq (ev.object, var_index);
  ck_assert (test_find_event (run, WEFT_EVENT_WRITE, 0, &ev, &i_write0));
  ck_assert_int_eq (ev.value, 42);
  ck_assert_uint_eq (ev.actor, actor_index);
  ck_assert (test_find_event (run, WEFT_EVENT_READ, 1, &ev, &i_read1));
  ck_assert_int_eq (ev.value, 42);
  ck_assert (test_find_event (run, WEFT_EVENT_WRITE, 1, &ev, &i_write1));
  ck_assert_int_eq (ev.value, -7);

  /* In the order they happened. */
  ck_assert_uint_lt (i_read0, i_write0);
  ck_assert_uint_lt (i_write0, i_read1);
  ck_assert_uint_lt (i_read1, i_write1);

  weft_run_unref (run);
}
END_TEST

/* ---------------------------------------------------------------------------------------
 * One clock read per operation: the events an operation records together (a get, its
 * cause and the queue's new length; a condition wait and the lock's release; a hand-off
 * and its cause) carry one time, the instant the operation took effect.
 */

#define SAME_TIME_ITEMS 300

typedef struct
{
  WeftQueue *queue;
  WeftLock  *lock;
  guint      n_ok;      /* atomic */
} SameTimeData;

static void
same_time_producer (WeftActor *self,
                    gpointer   user_data)
{
  SameTimeData *d = user_data;

  for (gint32 i = 0; i < SAME_TIME_ITEMS; i++)
    if (!weft_queue_put (self, d->queue, i))
      return;
  g_atomic_int_inc (&d->n_ok);
}

static void
same_time_consumer (WeftActor *self,
                    gpointer   user_data)
{
  SameTimeData *d = user_data;
  gint32 item;

  for (guint i = 0; i < SAME_TIME_ITEMS; i++)
    if (!weft_queue_get (self, d->queue, &item))
      return;
  g_atomic_int_inc (&d->n_ok);
}

static void
same_time_locker (WeftActor *self,
                  gpointer   user_data)
{
  SameTimeData *d = user_data;

  for (guint i = 0; i < SAME_TIME_ITEMS; i++)
    {
      if (!weft_lock_acquire (self, d->lock))
        return;
      g_thread_yield ();
      if (!weft_lock_release (self, d->lock))
        return;
    }
  g_atomic_int_inc (&d->n_ok);
}

START_TEST (test_operation_events_share_a_time)
{
  g_autoptr(WeftRun) run = weft_run_new (14);
  SameTimeData d = { 0 };
  WeftTraceCursor cursor;
  WeftEvent ev, prev = { 0 };
  gboolean have_prev = FALSE;
  guint n_length = 0, n_cause = 0;

  d.queue = weft_queue_new (run, "queue", WEFT_QUEUE_FIFO, 1);
  d.lock = weft_lock_new (run, "lock");
  weft_run_add_actor (run, "producer", same_time_producer, &d, NULL);
  weft_run_add_actor (run, "consumer", same_time_consumer, &d, NULL);
  weft_run_add_actor (run, "locker 1", same_time_locker, &d, NULL);
  weft_run_add_actor (run, "locker 2", same_time_locker, &d, NULL);
  test_start (run, WEFT_MODE_RUN);
  test_finish_completed (run, 30 * TEST_SECOND);
  test_assert_atomic (&d.n_ok, ==, 4);

  weft_trace_cursor_init (&cursor, weft_run_get_trace (run), 0);
  while (weft_trace_cursor_next (&cursor, &ev))
    {
      if (have_prev && (ev.kind == WEFT_EVENT_QUEUE_LENGTH || ev.kind == WEFT_EVENT_CAUSE))
        {
          ck_assert_msg (weft_event_get_time (&ev) == weft_event_get_time (&prev),
                         "event %" G_GUINT64_FORMAT " (kind %u) at %" G_GUINT64_FORMAT
                         " ns, the event it goes with at %" G_GUINT64_FORMAT " ns",
                         cursor.next - 1, ev.kind, weft_event_get_time (&ev),
                         weft_event_get_time (&prev));
          if (ev.kind == WEFT_EVENT_QUEUE_LENGTH)
            n_length++;
          else
            n_cause++;
        }
      prev = ev;
      have_prev = TRUE;
    }
  ck_assert_uint_ge (n_length, 2 * SAME_TIME_ITEMS);
  /* Capacity 1: producer and consumer wait on each other, and name what freed them. */
  ck_assert_uint_gt (n_cause, 0);

  weft_run_stop (run);
}
END_TEST

static Suite *
sync_suite (void)
{
  Suite *s = suite_create ("sync");

  test_add_case (s, "lock-mutual-exclusion", test_lock_mutual_exclusion);
  test_add_case (s, "lock-try-acquire", test_lock_try_acquire);
  test_add_case (s, "lock-release-unowned", test_lock_release_unowned);
  test_add_case (s, "rlock-depth-and-misuse", test_rlock_depth_and_misuse);
  test_add_case (s, "semaphore-bounds-holders", test_semaphore_bounds_holders);
  test_add_case (s, "bounded-semaphore-over-release", test_bounded_semaphore_over_release);
  test_add_case (s, "condition-notify-one-and-all", test_condition_notify_one_and_all);
  test_add_case (s, "condition-wait-forever-is-deadlock", test_condition_wait_forever_is_deadlock);
  test_add_case (s, "flag-set-and-clear", test_flag_set_and_clear);
  test_add_case (s, "barrier-releases-together", test_barrier_releases_together);
  test_add_case (s, "queue-fifo", test_queue_fifo);
  test_add_case (s, "queue-lifo", test_queue_lifo);
  test_add_case (s, "queue-priority", test_queue_priority);
  test_add_case (s, "queue-full-blocks-producer", test_queue_full_blocks_producer);
  test_add_case (s, "shared-read-write-traced", test_shared_read_write_traced);
  test_add_case (s, "operation-events-share-a-time", test_operation_events_share_a_time);
  return s;
}

int
main (void)
{
  return test_run_suite (sync_suite ());
}
