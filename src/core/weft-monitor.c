/* weft-monitor.c — the monitor's primitives, all called with the monitor held:
 * recording events, changing an actor's state (with its time accounting), the gate every
 * operation passes (parking when paused), blocking on an object and waking waiters.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "weft-run-private.h"

/* weft_actor_set_state(), at the time of the event just recorded when @same_time (a
 * waiter woken by it: weft_run_record_same_time), else at the clock's. */
static void
set_state (WeftActor  *self,
           WeftState   state,
           WeftObject *object,
           gint32      value,
           gboolean    same_time)
{
  WeftRun *run = self->run;
  guint64 now;
  guint64 spent;

  /* After a stop the states are frozen as they were, for the summary and the timeline. */
  if (run->stopping)
    return;

  /* Nothing changes: no event (e.g. a zero sleep between two operations). */
  if (state == self->state && state == WEFT_STATE_RUNNING && (guint16) value == self->activity)
    return;

  now = same_time ? (guint64) run->last_now_ns : weft_run_now (run);
  spent = weft_run_books_time (run, now) - weft_run_books_time (run, self->state_since_ns);
  self->time_in_state_ns[self->state] += spent;
  if ((self->state == WEFT_STATE_BLOCKED || self->state == WEFT_STATE_WAITING) &&
      self->waiting_on != NULL)
    self->waiting_on->contention_ns += spent;

  run->n_in_state[self->state]--;
  run->n_in_state[state]++;
  self->state = state;
  self->state_since_ns = now;
  self->waiting_on = (state == WEFT_STATE_BLOCKED || state == WEFT_STATE_WAITING) ? object : NULL;
  if (state == WEFT_STATE_RUNNING)
    self->activity = (guint16) value;

  weft_trace_record (run->trace, now, WEFT_EVENT_STATE, (guint8) state, self->index,
                     WEFT_OBJECT_ID (object), value);
  weft_run_notify_controller (run);
}

void
weft_actor_set_state (WeftActor  *self,
                      WeftState   state,
                      WeftObject *object,
                      gint32      value)
{
  set_state (self, state, object, value, FALSE);
}

/* Parks the actor until the scheduler grants it (step, resume) or the run stops. The
 * granter sets the actor running itself, so the controller never sees a granted actor as
 * still parked. */
static gboolean
park (WeftActor  *self,
      WeftOp      op,
      WeftObject *object,
      gint32      value)
{
  WeftRun *run = self->run;

  self->pending_op = op;
  self->pending_object = object;
  self->pending_value = value;
  self->granted = FALSE;
  self->stepped = FALSE;
  self->in_step = FALSE;
  self->step_credit = FALSE;
  weft_actor_set_state (self, WEFT_STATE_PARKED, object, op);

  while (!self->granted && !run->stopping)
    weft_actor_wait (self, -1);

  /* After a stop the pending operation stays, frozen with the state. */
  if (run->stopping)
    return FALSE;

  /* A step moves the thread by one operation of the lesson: granted at a pause (a frozen
   * sleep, a paused run's start), it runs on through its pauses and performs its next
   * operation of the lesson within the same step. */
  self->in_step = self->stepped;
  self->step_credit = self->stepped && !weft_op_is_lesson (op);
  self->pending_op = WEFT_OP_NONE;
  self->pending_object = NULL;
  self->granted = FALSE;

  return TRUE;
}

/* Releases the monitor, sleeps until poked (or until @deadline_us, monotonic, if it is
 * not negative), and takes the monitor back. FALSE if the deadline passed. Callers check
 * their own condition again, under the monitor, in a loop. */
gboolean
weft_actor_wait (WeftActor *self,
                 gint64     deadline_us)
{
  WeftRun *run = self->run;
  gboolean poked = TRUE;

  weft_monitor_unlock (run);

  g_mutex_lock (&self->poke_mutex);
  while (!self->poked)
    {
      if (deadline_us < 0)
        g_cond_wait (&self->poke_cond, &self->poke_mutex);
      else if (!g_cond_wait_until (&self->poke_cond, &self->poke_mutex, deadline_us))
        {
          poked = self->poked;
          break;
        }
    }
  self->poked = FALSE;
  g_mutex_unlock (&self->poke_mutex);

  if (g_atomic_int_compare_and_exchange (&self->rewoken, 1, 0))
    {
      /* Woken from a wait: back in ahead of newcomers (see weft_monitor_lock). */
      weft_monitor_spin_lock (run);
      g_atomic_int_dec_and_test (&run->n_rewoken);
    }
  else
    {
      weft_monitor_lock (run);
    }

  return poked;
}

/* The gate's slow path (see weft_actor_regate): stopping, or paused and so parking —
 * except within a step: a step is one operation of the lesson, so a stepped thread passes
 * its pauses (and, in step mode, its start) at once and parks at its next operation of
 * the lesson, or performs it if the step was granted at a pause. */
gboolean
weft_actor_gate_slow (WeftActor  *self,
                      WeftOp      op,
                      WeftObject *object,
                      gint32      value)
{
  WeftRun *run = self->run;

  if (run->stopping)
    return FALSE;
  if (!run->paused)
    {
      self->stepped = FALSE;
      return TRUE;
    }

  if (!weft_op_is_lesson (op) && self->in_step)
    {
      self->stepped = TRUE;
      return TRUE;
    }
  if (weft_op_is_lesson (op) && self->step_credit)
    {
      self->step_credit = FALSE;
      self->stepped = TRUE;
      return TRUE;
    }

  return park (self, op, object, value);
}

gboolean
weft_actor_block (WeftActor  *self,
                  WeftObject *object,
                  GPtrArray  *list,
                  WeftState   state)
{
  WeftRun *run = self->run;

  self->woken = FALSE;
  g_ptr_array_add (list, self);
  /* Count the operation once, however often barging makes it block again. */
  if (self->contended_op != self->n_ops)
    {
      self->contended_op = self->n_ops;
      object->n_contended++;
    }
  weft_actor_set_state (self, state, object, 0);
  weft_analysis_check_deadlock (run, self);

  while (!self->woken && !run->stopping)
    weft_actor_wait (self, -1);

  if (!self->woken)
    {
      g_ptr_array_remove (list, self);
      return FALSE;
    }

  return TRUE;
}

void
weft_run_record_cause (WeftRun       *run,
                       WeftCauseKind  kind,
                       WeftActor     *actor,
                       WeftObject    *object,
                       guint64        cause)
{
  guint64 here = weft_trace_get_n_events (run->trace);

  /* After a stop the effect was not recorded (the states are frozen): nor is its cause. */
  if (run->stopping || cause == WEFT_NO_CAUSE || cause >= here || here - cause > G_MAXINT32)
    return;
  weft_run_record_same_time (run, WEFT_EVENT_CAUSE, actor->index, WEFT_OBJECT_ID (object),
                             kind, (gint32) (here - cause));
}

static void
wake (WeftActor  *actor,
      WeftObject *object,
      guint64     cause)
{
  actor->woken = TRUE;
  /* The actor is in weft_actor_wait() (it holds no monitor and waits for this), which
   * takes the mark back off when it returns. */
  if (g_atomic_int_compare_and_exchange (&actor->rewoken, 0, 1))
    g_atomic_int_inc (&actor->run->n_rewoken);
  /* Woken by the event just recorded (a release, a notify…): at its instant. */
  set_state (actor, WEFT_STATE_RUNNING, NULL, actor->activity, TRUE);
  weft_run_record_cause (actor->run, WEFT_CAUSE_WAKE, actor, object, cause);
  g_ptr_array_add (actor->run->to_signal, actor);
}

gboolean
weft_wake_one (GPtrArray  *list,
               WeftObject *object,
               guint64     cause)
{
  if (list->len == 0)
    return FALSE;

  wake (g_ptr_array_steal_index (list, 0), object, cause);
  return TRUE;
}

guint
weft_wake_all (GPtrArray  *list,
               WeftObject *object,
               guint64     cause)
{
  guint n = list->len;

  for (guint i = 0; i < n; i++)
    wake (g_ptr_array_index (list, i), object, cause);
  g_ptr_array_set_size (list, 0);

  return n;
}

void
weft_actor_misuse (WeftActor  *self,
                   WeftObject *object,
                   WeftOp      op)
{
  self->run->n_misuses++;
  weft_run_record (self->run, WEFT_EVENT_MISUSE, self->index, WEFT_OBJECT_ID (object), 0, op);
}
