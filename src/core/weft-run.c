/* weft-run.c — a run: its actors (real GThreads), its monitor, the gates every operation
 * passes, and run control (run, pause, step, resume, speed, stop).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "weft-error.h"
#include "weft-event-text.h"
#include "weft-run-private.h"

/* ---- Runs and actors ----------------------------------------------------------------- */

static void
weft_actor_free (gpointer data)
{
  WeftActor *self = data;

  if (self->destroy != NULL && self->user_data != NULL)
    self->destroy (self->user_data);
  g_cond_clear (&self->poke_cond);
  g_mutex_clear (&self->poke_mutex);
  g_clear_pointer (&self->rand, g_rand_free);
  g_free (self->name);
  g_free (self);
}

static void
weft_object_free (gpointer data)
{
  WeftObject *self = data;

  if (self->finalize != NULL)
    self->finalize (self);
  g_ptr_array_unref (self->waiters);
  g_free (self->name);
  g_free (self);
}

WeftRun *
weft_run_new (guint64 seed)
{
  WeftRun *self = g_new0 (WeftRun, 1);
  guint32 seeds[2] = { (guint32) seed, (guint32) (seed >> 32) };

  /* Here rather than at the first event: calibrating takes a few ms. */
  weft_clock_init ();
  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->monitor);
  g_mutex_init (&self->join_mutex);
  g_cond_init (&self->control_cond);
  self->seed = seed;
  self->rand = g_rand_new_with_seed_array (seeds, G_N_ELEMENTS (seeds));
  self->actors = g_ptr_array_new_with_free_func (weft_actor_free);
  self->objects = g_ptr_array_new_with_free_func (weft_object_free);
  self->trace = weft_trace_new (WEFT_TRACE_DEFAULT_CAP);
  self->speed = 1.0;
  self->policy = WEFT_POLICY_ROUND_ROBIN;
  self->outcome = WEFT_OUTCOME_NONE;
  self->last_stepped = G_MAXUINT;
  self->cycle = g_array_new (FALSE, FALSE, sizeof (WeftCycleEdge));
  /* Activity 0 is "no activity". */
  self->to_signal = g_ptr_array_new ();
  self->activities = g_ptr_array_new ();
  g_ptr_array_add (self->activities, NULL);
  self->n_activities = 1;

  return self;
}

WeftRun *
weft_run_ref (WeftRun *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
weft_run_unref (WeftRun *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  /* Threads hold no reference of their own: the last unref stops and joins them. */
  weft_run_stop (self);

  if (self->scenario_data_destroy != NULL && self->scenario_data != NULL)
    self->scenario_data_destroy (self->scenario_data);
  g_ptr_array_unref (self->actors);
  g_ptr_array_unref (self->objects);
  g_clear_pointer (&self->trace, weft_trace_free);
  g_array_unref (self->cycle);
  g_ptr_array_unref (self->activities);
  g_ptr_array_unref (self->to_signal);
  g_rand_free (self->rand);
  g_cond_clear (&self->control_cond);
  g_mutex_clear (&self->monitor);
  g_mutex_clear (&self->join_mutex);
  g_free (self);
}

WeftActor *
weft_run_add_actor (WeftRun        *self,
                    const char     *name,
                    WeftActorFunc   func,
                    gpointer        user_data,
                    GDestroyNotify  destroy)
{
  WeftActor *actor;
  guint32 seeds[3];

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (func != NULL, NULL);
  g_return_val_if_fail (!self->started, NULL);
  g_return_val_if_fail (self->actors->len < WEFT_MAX_ACTORS, NULL);

  actor = g_new0 (WeftActor, 1);
  actor->run = self;
  actor->index = (guint16) self->actors->len;
  actor->name = g_strdup (name);
  actor->func = func;
  actor->user_data = user_data;
  actor->destroy = destroy;
  actor->state = WEFT_STATE_NEW;
  g_mutex_init (&actor->poke_mutex);
  g_cond_init (&actor->poke_cond);

  /* Each actor has its own generator, seeded from the run seed and its index, so its
   * random delays do not depend on how the others were scheduled. */
  seeds[0] = (guint32) self->seed;
  seeds[1] = (guint32) (self->seed >> 32);
  seeds[2] = actor->index;
  actor->rand = g_rand_new_with_seed_array (seeds, G_N_ELEMENTS (seeds));

  g_ptr_array_add (self->actors, actor);
  return actor;
}

void
weft_run_set_trace_cap (WeftRun *self,
                        gsize    max_bytes)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (!self->started);

  /* Nothing has been recorded yet: the trace is made anew with the new cap. */
  g_clear_pointer (&self->trace, weft_trace_free);
  self->trace = weft_trace_new (max_bytes);
}

void
weft_run_set_scenario_data (WeftRun        *self,
                            gpointer        data,
                            GDestroyNotify  destroy)
{
  g_return_if_fail (self != NULL);

  if (self->scenario_data_destroy != NULL && self->scenario_data != NULL)
    self->scenario_data_destroy (self->scenario_data);
  self->scenario_data = data;
  self->scenario_data_destroy = destroy;
}

gpointer
weft_run_get_scenario_data (WeftRun *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->scenario_data;
}

guint16
weft_run_intern_activity (WeftRun    *self,
                          const char *activity)
{
  guint16 id;

  g_return_val_if_fail (self != NULL, 0);

  if (activity == NULL)
    return 0;

  weft_monitor_lock (self);
  for (guint i = 1; i < self->activities->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (self->activities, i), activity))
        {
          weft_monitor_unlock (self);
          return (guint16) i;
        }
    }
  if (self->activities->len > G_MAXUINT16)
    {
      weft_monitor_unlock (self);
      g_return_val_if_reached (0);
    }

  /* Activities are static msgids (N_()), so the pointer is kept as is. */
  id = (guint16) self->activities->len;
  g_ptr_array_add (self->activities, (gpointer) activity);
  g_atomic_int_set (&self->n_activities, (gint) self->activities->len);
  weft_monitor_unlock (self);

  return id;
}

const char *
weft_run_get_activity (WeftRun *self,
                       guint16  id)
{
  const char *ret = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  /* The window asks at every frame whether a new activity came: answered without the
   * monitor, which a thousand threads may be fighting over. */
  if (id >= (guint) g_atomic_int_get (&self->n_activities))
    return NULL;

  weft_monitor_lock (self);
  if (id < self->activities->len)
    ret = g_ptr_array_index (self->activities, id);
  weft_monitor_unlock (self);

  return ret;
}

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

  weft_monitor_lock (run);
  weft_actor_set_state (self, WEFT_STATE_RUNNING, NULL, 0);
  go = weft_actor_gate (self, WEFT_OP_START, NULL, 0);
  weft_monitor_unlock (run);

  if (go)
    self->func (self, self->user_data);

  weft_monitor_lock (run);
  weft_actor_set_state (self, WEFT_STATE_DONE, NULL, 0);
  check_completed (run);
  weft_run_notify_controller (run);
  weft_monitor_unlock (run);

  return NULL;
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
      actor->thread = g_thread_try_new (actor->name, actor_thread, actor, &thread_error);
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
is_ended (WeftRun *self)
{
  return self->stopping || self->outcome != WEFT_OUTCOME_NONE;
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
      if (!g_cond_wait_until (&self->control_cond, &self->monitor, deadline))
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

/* Waits until every actor is done or a deadlock was found. */
gboolean
weft_run_wait_end (WeftRun *self,
                   gint64   timeout_us)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return wait_for (self, is_ended, timeout_us);
}

void
weft_run_stop_nowait (WeftRun *self)
{
  g_return_if_fail (self != NULL);

  weft_monitor_lock (self);

  if (!self->started || self->stopping)
    {
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
        guint64 spent = now - actor->state_since_ns;

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
  signal_all_actors (self);
  g_cond_broadcast (&self->control_cond);
  weft_monitor_unlock (self);
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

/* ---- Getters ------------------------------------------------------------------------- */

WeftMode
weft_run_get_mode (WeftRun *self)
{
  g_return_val_if_fail (self != NULL, WEFT_MODE_RUN);
  WEFT_RETURN_LOCKED (self, WeftMode, self->mode);
}

gboolean
weft_run_is_paused (WeftRun *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  /* Without the monitor, like the outcome: written atomically under it. */
  return g_atomic_int_get (&self->paused);
}

gboolean
weft_run_is_stopping (WeftRun *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return g_atomic_int_get (&self->stopping);
}

WeftPolicy
weft_run_get_policy (WeftRun *self)
{
  g_return_val_if_fail (self != NULL, WEFT_POLICY_ROUND_ROBIN);
  WEFT_RETURN_LOCKED (self, WeftPolicy, self->policy);
}

double
weft_run_get_speed (WeftRun *self)
{
  g_return_val_if_fail (self != NULL, 1.0);
  WEFT_RETURN_LOCKED (self, double, self->speed);
}

guint64
weft_run_get_seed (WeftRun *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->seed;
}

WeftOutcome
weft_run_get_outcome (WeftRun *self)
{
  g_return_val_if_fail (self != NULL, WEFT_OUTCOME_NONE);
  /* Without the monitor (the window asks at every frame): written atomically under it. */
  return (WeftOutcome) g_atomic_int_get (&self->outcome);
}

guint64
weft_run_get_elapsed_ns (WeftRun *self)
{
  g_return_val_if_fail (self != NULL, 0);

  /* Without the monitor (the window asks at every frame, while a thousand threads may be
   * fighting over it): t0 and end_ns are written before the flags that publish them. A
   * clock read a hair behind an event already recorded is harmless here. */
  if (!g_atomic_int_get (&self->started))
    return 0;
  if (g_atomic_int_get (&self->ended))
    return self->end_ns;
  return (guint64) MAX ((gint64) (weft_clock_ns () - (guint64) self->t0_ns), 0);
}

guint64
weft_run_get_n_steps (WeftRun *self)
{
  g_return_val_if_fail (self != NULL, 0);
  WEFT_RETURN_LOCKED (self, guint64, self->n_steps);
}

guint
weft_run_get_n_misuses (WeftRun *self)
{
  g_return_val_if_fail (self != NULL, 0);
  WEFT_RETURN_LOCKED (self, guint, self->n_misuses);
}

/* The trace exists from creation on and never moves: no lock needed. */
WeftTrace *
weft_run_get_trace (WeftRun *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->trace;
}

guint
weft_run_get_n_actors (WeftRun *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->actors->len;
}

WeftActor *
weft_run_get_actor (WeftRun *self,
                    guint    index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->actors->len, NULL);
  return g_ptr_array_index (self->actors, index);
}

guint
weft_run_get_n_objects (WeftRun *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->objects->len;
}

WeftObject *
weft_run_get_object (WeftRun *self,
                     guint    index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->objects->len, NULL);
  return g_ptr_array_index (self->objects, index);
}

GArray *
weft_run_dup_deadlock_cycle (WeftRun *self)
{
  GArray *ret;

  g_return_val_if_fail (self != NULL, NULL);

  ret = g_array_new (FALSE, FALSE, sizeof (WeftCycleEdge));
  weft_monitor_lock (self);
  g_array_append_vals (ret, self->cycle->data, self->cycle->len);
  weft_monitor_unlock (self);

  return ret;
}

char *
weft_run_describe_pending (WeftRun   *self,
                           WeftActor *actor)
{
  g_autofree char *op = NULL;
  WeftOp pending;
  WeftObject *object;
  gint32 value;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (actor != NULL && actor->run == self, NULL);

  weft_monitor_lock (self);
  pending = actor->pending_op;
  object = actor->pending_object;
  value = actor->pending_value;
  weft_monitor_unlock (self);

  if (pending == WEFT_OP_NONE)
    return NULL;

  /* A frozen sleep says how much of it is left. */
  if (pending == WEFT_OP_SLEEP)
    op = weft_op_describe_named (pending, "", value);
  else
    op = weft_run_describe_next (self, actor->index, pending, WEFT_OBJECT_ID (object));
  /* Translators: a parked thread and what it will do next, in the story's words,
   * e.g. "Kant → take the left fork". */
  return g_strdup_printf (_("%s → %s"), actor->name, op);
}
