/* weft-run-control.c — a run's control: its actors' threads started, paused, stepped one
 * operation at a time, resumed, waited for and stopped (weft-run.c holds the run itself,
 * its set-up and its getters).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "weft-error.h"
#include "weft-niceness.h"
#include "weft-run-private.h"

/* ---- Actor threads ------------------------------------------------------------------- */

static void
check_completed (WeftRun *run)
{
  if (run->outcome != WEFT_OUTCOME_NONE || run->stopping)
    return;

  if (run->n_in_state[WEFT_STATE_DONE] == run->actors->len)
    {
      /* The end before the outcome: a reader without the monitor that sees the outcome
       * sees the end too. */
      run->end_ns = weft_run_now (run);
      g_atomic_int_set (&run->ended, TRUE);
      g_atomic_int_set (&run->outcome, WEFT_OUTCOME_COMPLETED);
      weft_run_record (run, WEFT_EVENT_RUN_END, WEFT_NONE, WEFT_NONE, 0, 0);
    }
  else
    {
      /* An actor that leaves while others wait for it may leave them stuck for good. */
      weft_analysis_check_deadlock (run, NULL);
    }
}

static gpointer
actor_thread (gpointer data)
{
  WeftActor *self = data;
  WeftRun *run = self->run;
  gboolean go;

#ifdef __linux__
  {
    /* What debuggers, perf and the kernel's messages call it ("Philosopher 3"): GLib names
     * only the threads of g_thread_new(). The kernel keeps 15 bytes: cut between two
     * characters. */
    char name[16];
    const char *end;

    g_strlcpy (name, self->name, sizeof name);
    if (!g_utf8_validate (name, -1, &end))
      name[end - name] = '\0';
    prctl (PR_SET_NAME, (unsigned long) name, 0, 0, 0);
  }
#endif
  /* Set before the start that created this thread. */
  weft_niceness_lower_own (run->niceness);
  weft_monitor_lock (run);
  weft_actor_set_state (self, WEFT_STATE_RUNNING, NULL, 0);
  go = weft_actor_gate (self, WEFT_OP_START, NULL, 0);
  weft_monitor_unlock (run);

  if (go)
    self->func (self, self->user_data);

  /* After a stop the states are frozen and the controller was told: a thread leaving
   * then has nothing to say, and does not queue for the monitor with a thousand others
   * (the stop waits for every thread to leave). */
  if (g_atomic_int_get (&run->stopping))
    return NULL;

  weft_monitor_lock (run);
  weft_actor_set_state (self, WEFT_STATE_DONE, NULL, 0);
  check_completed (run);
  weft_run_notify_controller (run);
  weft_monitor_unlock (run);

  return NULL;
}

/* An actor's thread, with a stack of WEFT_ACTOR_STACK_SIZE (weft-run-private.h) rather than
 * the process's default of 8 MiB: a thousand philosophers then reserved 8 GiB of address
 * space, and giving their stacks back at the end (an munmap each, with a TLB shootdown on
 * every core running the process) was most of what a stop costs under load (bench-core,
 * figure 16). GLib's only call that takes a stack size is the deprecated one; it names
 * nothing, so actor_thread() names itself. */
static GThread *
actor_thread_new (WeftActor  *actor,
                  GError    **error)
{
  GThread *thread;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  /* glibc carves the guard page and the static TLS of every loaded library out of the
   * stack asked for: with large TLS segments (a GL driver in the window) a small stack can
   * be refused. The default one is then taken rather than failing the run. */
  thread = g_thread_create_full (actor_thread, actor, WEFT_ACTOR_STACK_SIZE, TRUE, FALSE,
                                 G_THREAD_PRIORITY_NORMAL, NULL);
  if (thread == NULL)
    thread = g_thread_create_full (actor_thread, actor, 0, TRUE, FALSE,
                                   G_THREAD_PRIORITY_NORMAL, error);
  G_GNUC_END_IGNORE_DEPRECATIONS
  return thread;
}

/* ---- Control ------------------------------------------------------------------------- */

gboolean
weft_run_start (WeftRun   *self,
                WeftMode   mode,
                GError   **error)
{
  g_autoptr(GError) thread_error = NULL;
  WeftActor *failed = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  weft_monitor_lock (self);

  if (self->started)
    {
      weft_monitor_unlock (self);
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_BAD_STATE, _("This run has already started"));
      return FALSE;
    }

  self->mode = mode;
  g_atomic_int_set (&self->paused, mode == WEFT_MODE_STEP);
  self->t0_ns = (gint64) weft_clock_ns ();
  /* Published after t0: weft_run_get_elapsed_ns() reads them without the monitor. */
  g_atomic_int_set (&self->started, TRUE);
  self->n_in_state[WEFT_STATE_NEW] = self->actors->len;
  weft_run_record (self, WEFT_EVENT_RUN_START, WEFT_NONE, WEFT_NONE, 0, mode);

  if (self->actors->len == 0)
    check_completed (self);

  /* In step mode a thread's start is not a step: each runs on to its first operation of
   * the lesson and parks there, as if it had been stepped up to it. */
  for (guint i = 0; i < self->actors->len && mode == WEFT_MODE_STEP; i++)
    ((WeftActor *) g_ptr_array_index (self->actors, i))->in_step = TRUE;

  for (guint i = 0; i < self->actors->len; i++)
    {
      WeftActor *actor = g_ptr_array_index (self->actors, i);

      /* Threads start under the monitor and wait for it at their first gate. */
      actor->thread = actor_thread_new (actor, &thread_error);
      if (actor->thread == NULL)
        {
          failed = actor;
          break;
        }
    }

  weft_monitor_unlock (self);

  if (failed != NULL)
    {
      weft_run_stop (self);
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_THREAD,
                   _("Could not start thread “%s”: %s"), failed->name, thread_error->message);
      return FALSE;
    }

  return TRUE;
}

static void
signal_all_actors (WeftRun *self)
{
  for (guint i = 0; i < self->actors->len; i++)
    {
      WeftActor *actor = g_ptr_array_index (self->actors, i);
      weft_actor_poke (actor);
    }
}

void
weft_run_pause (WeftRun *self)
{
  g_return_if_fail (self != NULL);

  weft_monitor_lock (self);
  if (self->started && !self->paused && !self->stopping)
    {
      g_atomic_int_set (&self->paused, TRUE);
      weft_run_record (self, WEFT_EVENT_RUN_PAUSE, WEFT_NONE, WEFT_NONE, 0, 0);
      /* Sleepers wake up to freeze what is left of their sleep. */
      signal_all_actors (self);
    }
  weft_monitor_unlock (self);
}

static void
grant (WeftRun   *self,
       WeftActor *actor,
       gboolean   stepped)
{
  actor->granted = TRUE;
  actor->stepped = stepped;
  weft_actor_set_state (actor, WEFT_STATE_RUNNING, NULL, actor->activity);
  weft_actor_poke (actor);
}

void
weft_run_resume (WeftRun *self)
{
  g_return_if_fail (self != NULL);

  weft_monitor_lock (self);
  if (self->started && self->paused && !self->stopping)
    {
      g_atomic_int_set (&self->paused, FALSE);
      self->mode = WEFT_MODE_RUN;
      weft_run_record (self, WEFT_EVENT_RUN_RESUME, WEFT_NONE, WEFT_NONE, 0, 0);
      for (guint i = 0; i < self->actors->len; i++)
        {
          WeftActor *actor = g_ptr_array_index (self->actors, i);

          /* Free running again: the next pause parks everyone, even a thread in the
           * middle of a step. */
          actor->in_step = FALSE;
          actor->step_credit = FALSE;
          if (actor->state == WEFT_STATE_PARKED && !actor->granted)
            grant (self, actor, FALSE);
        }
    }
  weft_monitor_unlock (self);
}

static WeftActor *
choose_actor (WeftRun *self)
{
  guint n = self->actors->len;
  guint n_parked = self->n_in_state[WEFT_STATE_PARKED];

  if (n_parked == 0)
    return NULL;

  if (self->policy == WEFT_POLICY_RANDOM)
    {
      guint pick = (guint) g_rand_int_range (self->rand, 0, (gint32) n_parked);

      for (guint i = 0; i < n; i++)
        {
          WeftActor *actor = g_ptr_array_index (self->actors, i);

          if (actor->state == WEFT_STATE_PARKED && pick-- == 0)
            return actor;
        }
      g_assert_not_reached ();
    }

  /* Round-robin: the next parked actor after the one stepped last. */
  for (guint k = 1; k <= n; k++)
    {
      guint i = (self->last_stepped == G_MAXUINT) ? k - 1 : (self->last_stepped + k) % n;
      WeftActor *actor = g_ptr_array_index (self->actors, i);

      if (actor->state == WEFT_STATE_PARKED)
        return actor;
    }

  return NULL;
}

gboolean
weft_run_step (WeftRun    *self,
               WeftActor  *actor,
               GError    **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (actor == NULL || actor->run == self, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  weft_monitor_lock (self);

  if (!self->started || self->stopping)
    {
      weft_monitor_unlock (self);
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_BAD_STATE,
                   _("The run is not going: start it before stepping"));
      return FALSE;
    }

  if (!self->paused)
    {
      weft_monitor_unlock (self);
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_BAD_STATE,
                   _("The run is running: pause it before stepping"));
      return FALSE;
    }

  if (actor == NULL)
    {
      actor = choose_actor (self);
      if (actor == NULL)
        {
          weft_monitor_unlock (self);
          g_set_error (error, WEFT_ERROR, WEFT_ERROR_NOTHING_TO_STEP,
                       _("No thread can move: every thread is blocked, waiting or done"));
          return FALSE;
        }
    }
  else if (actor->state != WEFT_STATE_PARKED)
    {
      WeftState state = actor->state;

      weft_monitor_unlock (self);
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_NOTHING_TO_STEP,
                   _("%s cannot move now: it is %s"),
                   actor->name, _(weft_state_to_string (state)));
      return FALSE;
    }

  self->n_steps++;
  self->last_stepped = actor->index;
  weft_run_record (self, WEFT_EVENT_STEP, actor->index, WEFT_OBJECT_ID (actor->pending_object),
                   (guint8) actor->pending_op, (gint32) MIN (self->n_steps, G_MAXINT32));
  grant (self, actor, TRUE);

  weft_monitor_unlock (self);
  return TRUE;
}

static gboolean
is_settled (WeftRun *self)
{
  /* A deadlock of a few does not settle the others: they may still be running. */
  return self->stopping ||
         (self->n_in_state[WEFT_STATE_NEW] == 0 &&
          self->n_in_state[WEFT_STATE_RUNNING] == 0 &&
          self->n_in_state[WEFT_STATE_SLEEPING] == 0);
}

static gboolean
wait_for (WeftRun   *self,
          gboolean (*done) (WeftRun *),
          gint64     timeout_us)
{
  gint64 now = g_get_monotonic_time ();
  /* A negative timeout waits for ever; a huge one must not overflow. */
  gint64 deadline = (timeout_us < 0 || timeout_us > G_MAXINT64 - now) ? G_MAXINT64 : now + timeout_us;
  gboolean ret;

  weft_monitor_lock (self);
  self->n_control_waiters++;
  while (self->started && !done (self))
    {
      guint seq;
      gboolean woken = TRUE;

      /* Every change the wait is for comes with a notice (weft_run_notify_controller,
       * under the monitor): one after the sequence was read, here under the monitor too,
       * bumps it. */
      seq = self->control_seq;
      weft_monitor_unlock (self);

      g_mutex_lock (&self->control_mutex);
      while (self->control_seq == seq && woken)
        woken = g_cond_wait_until (&self->control_cond, &self->control_mutex, deadline);
      g_mutex_unlock (&self->control_mutex);

      weft_monitor_lock (self);
      if (!woken)
        break;
    }
  self->n_control_waiters--;
  ret = self->started && done (self);
  weft_monitor_unlock (self);

  return ret;
}

/* Waits until no actor is running or sleeping: each is parked, blocked, waiting or done
 * (or the run ended). TRUE if that happened within the timeout. */
gboolean
weft_run_wait_settled (WeftRun *self,
                       gint64   timeout_us)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return wait_for (self, is_settled, timeout_us);
}

static gboolean
is_ended_published (WeftRun *self)
{
  return g_atomic_int_get (&self->stopping) || g_atomic_int_get (&self->outcome) != WEFT_OUTCOME_NONE;
}

/* Waits until every actor is done or a deadlock was found. Without the monitor: the
 * outcome and the stop are published atomically, and weft_run_notify_controller() wakes
 * this wait; so a deadline is kept whatever the actors do with the monitor. */
gboolean
weft_run_wait_end (WeftRun *self,
                   gint64   timeout_us)
{
  gint64 now = g_get_monotonic_time ();
  gint64 deadline = (timeout_us < 0 || timeout_us > G_MAXINT64 - now) ? G_MAXINT64 : now + timeout_us;
  gboolean ret;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!g_atomic_int_get (&self->started))
    return FALSE;

  g_mutex_lock (&self->end_mutex);
  g_atomic_int_inc (&self->n_end_waiters);
  while (!is_ended_published (self))
    {
      if (!g_cond_wait_until (&self->end_cond, &self->end_mutex, deadline))
        break;
    }
  g_atomic_int_add (&self->n_end_waiters, -1);
  ret = is_ended_published (self);
  g_mutex_unlock (&self->end_mutex);

  return ret;
}

/* Takes the monitor by trying, never by queueing in the kernel: a thousand threads may be
 * asleep on the GMutex, which wakes them one at a time, and a stopper asleep among them
 * waited for most of them to pass (seconds under load). Newcomers stand back meanwhile
 * (stop_requested), so the lock is soon free between two of the queued. */
static void
barge_monitor (WeftRun *self)
{
  for (;;)
    {
      for (guint i = 0; i < 200; i++)
        {
          if (g_mutex_trylock (&self->monitor))
            return;
#if defined(__x86_64__) || defined(__i386__)
          __builtin_ia32_pause ();
#endif
        }
      g_thread_yield ();
    }
}

void
weft_run_stop_nowait (WeftRun *self)
{
  g_return_if_fail (self != NULL);

  /* The actors stand back from the monitor until the stop has it (weft_monitor_lock):
   * under a thousand busy threads the stopper otherwise queued for it for seconds. */
  g_atomic_int_inc (&self->stop_requested);
  barge_monitor (self);

  if (!self->started || self->stopping)
    {
      weft_monitor_stand_down (self);
      weft_monitor_unlock (self);
      return;
    }

  /* Close the books, then freeze the states (weft_actor_set_state does nothing once
   * stopping): the summary shows each thread as it was when the stop came (blocked, in a
   * deadlock), not as it unwound. */
  {
    guint64 now = weft_run_now (self);

    for (guint i = 0; i < self->actors->len; i++)
      {
        WeftActor *actor = g_ptr_array_index (self->actors, i);
        guint64 spent = weft_run_books_time (self, now) -
                        weft_run_books_time (self, actor->state_since_ns);

        actor->time_in_state_ns[actor->state] += spent;
        if (actor->waiting_on != NULL)
          actor->waiting_on->contention_ns += spent;
        actor->state_since_ns = now;
      }

    if (!self->ended)
      {
        self->end_ns = now;
        g_atomic_int_set (&self->ended, TRUE);
      }
    if (self->outcome == WEFT_OUTCOME_NONE)
      g_atomic_int_set (&self->outcome, WEFT_OUTCOME_STOPPED);
    weft_run_record (self, WEFT_EVENT_RUN_STOP, WEFT_NONE, WEFT_NONE, 0, 0);
  }

  g_atomic_int_set (&self->stopping, TRUE);
  weft_monitor_stand_down (self);
  signal_all_actors (self);
  weft_run_notify_controller (self);
  weft_monitor_unlock (self);
  weft_monitor_wake_all (self);
}

/* The joiner needs no monitor: the threads take it while they unwind, and the controller
 * keeps reading the frozen states meanwhile. The mutex makes a second joiner (the last
 * unref, a weft_run_stop()) wait for the first instead of joining a thread twice. */
void
weft_run_join (WeftRun *self)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->join_mutex);
  for (guint i = 0; i < self->actors->len; i++)
    {
      WeftActor *actor = g_ptr_array_index (self->actors, i);

      if (actor->thread != NULL)
        g_clear_pointer (&actor->thread, g_thread_join);
    }
  g_mutex_unlock (&self->join_mutex);
}

void
weft_run_stop (WeftRun *self)
{
  g_return_if_fail (self != NULL);

  weft_run_stop_nowait (self);
  weft_run_join (self);
}

void
weft_run_set_policy (WeftRun    *self,
                     WeftPolicy  policy)
{
  g_return_if_fail (self != NULL);

  weft_monitor_lock (self);
  self->policy = policy;
  weft_monitor_unlock (self);
}

void
weft_run_set_speed (WeftRun *self,
                    double   speed)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (speed >= WEFT_SPEED_MIN && speed <= WEFT_SPEED_MAX);

  weft_monitor_lock (self);
  self->speed = speed;
  /* Sleepers recompute their deadline with the new factor. */
  if (self->started)
    signal_all_actors (self);
  weft_monitor_unlock (self);
}
