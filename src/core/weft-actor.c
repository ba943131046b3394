/* weft-actor.c — what an actor does besides sync operations (sleep, activity,
 * scenario marks), and what others may read of it.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "weft-run-private.h"

/* Sleeps @ms of scenario time. The actor shows as sleeping, with the activity the sleep
 * stands for in the story ("thinking", "eating") if there is one: the course's programs
 * think and eat by sleeping, so that is the thread's real state. The sleep is real, scaled
 * by the speed factor; a pause freezes what is left of it (the actor parks with what is
 * left pending); a sleep within a step takes no time and does not park, since a step is
 * one operation of the lesson and in step mode time is counted in steps. */
gboolean
weft_sleep (WeftActor  *self,
            guint       ms,
            const char *activity)
{
  WeftRun *run;
  guint16 previous;
  guint16 activity_id;
  gint64 remaining_ns;
  gboolean stepped;

  g_return_val_if_fail (self != NULL, FALSE);

  run = self->run;
  /* Activities are static strings: the same pointer as last time is the same id, with no
   * trip through the monitor. */
  if (activity != NULL && activity == self->last_activity)
    activity_id = self->last_activity_id;
  else
    {
      activity_id = weft_run_intern_activity (run, activity);
      self->last_activity = activity;
      self->last_activity_id = activity_id;
    }
  remaining_ns = (gint64) ms * G_GINT64_CONSTANT (1000000);

  weft_monitor_lock (run);

  if (!weft_actor_gate (self, WEFT_OP_SLEEP, NULL, (gint32) MIN (ms, G_MAXINT32)))
    {
      weft_monitor_unlock (run);
      return FALSE;
    }

  previous = self->activity;
  stepped = self->stepped;

  while (remaining_ns > 0 && !stepped)
    {
      gint64 start_us;
      gint64 deadline_us;
      double speed;

      if (run->paused)
        {
          gint32 left_ms = (gint32) MIN ((remaining_ns + 999999) / 1000000, G_MAXINT32);

          /* Frozen: what is left is the pending operation. A step finishes it at once,
           * a resume lets it run out. Which of the two granted it is asked of the grant
           * itself: the run may have been paused again since. */
          if (!weft_actor_regate (self, WEFT_OP_SLEEP, NULL, left_ms))
            {
              weft_monitor_unlock (run);
              return FALSE;
            }
          stepped = self->stepped;
          continue;
        }

      start_us = g_get_monotonic_time ();
      speed = run->speed;
      deadline_us = start_us + (gint64) ((double) remaining_ns / 1000.0 / speed);

      weft_actor_set_state (self, WEFT_STATE_SLEEPING, NULL, activity_id);

      while (!run->stopping && !run->paused && speed == run->speed &&
             weft_actor_wait (self, deadline_us))
        ;

      if (run->stopping)
        {
          weft_monitor_unlock (run);
          return FALSE;
        }

      remaining_ns -= (gint64) ((double) (g_get_monotonic_time () - start_us) * 1000.0 * speed);
    }

  if (stepped && remaining_ns > 0)
    {
      /* Stepped: the sleep takes no time, but still shows for an instant in the trace
       * and the log. */
      weft_actor_set_state (self, WEFT_STATE_SLEEPING, NULL, activity_id);
    }

  weft_actor_set_state (self, WEFT_STATE_RUNNING, NULL, previous);
  weft_monitor_unlock (run);

  return TRUE;
}

void
weft_actor_set_activity (WeftActor  *self,
                         const char *activity)
{
  guint16 id;

  g_return_if_fail (self != NULL);

  id = weft_run_intern_activity (self->run, activity);
  weft_monitor_lock (self->run);
  if (id != self->activity)
    weft_actor_set_state (self, WEFT_STATE_RUNNING, NULL, id);
  weft_monitor_unlock (self->run);
}

void
weft_actor_mark (WeftActor *self,
                 guint8     mark,
                 gint32     value)
{
  g_return_if_fail (self != NULL);

  weft_monitor_lock (self->run);
  if (!self->run->stopping)
    weft_run_record (self->run, WEFT_EVENT_MARK, self->index, WEFT_NONE, mark, value);
  weft_monitor_unlock (self->run);
}

const char *
weft_actor_get_name (WeftActor *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

void
weft_actor_set_role (WeftActor     *self,
                     WeftActorRole  role)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (!self->run->started);
  self->role = role;
}

WeftActorRole
weft_actor_get_role (WeftActor *self)
{
  g_return_val_if_fail (self != NULL, WEFT_ACTOR_ROLE_NONE);
  return self->role;
}

guint
weft_actor_get_index (WeftActor *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->index;
}

WeftRun *
weft_actor_get_run (WeftActor *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->run;
}

GRand *
weft_actor_get_rand (WeftActor *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->rand;
}

WeftState
weft_actor_get_state (WeftActor *self)
{
  g_return_val_if_fail (self != NULL, WEFT_STATE_NEW);
  WEFT_RETURN_LOCKED (self->run, WeftState, self->state);
}

WeftOp
weft_actor_get_pending_op (WeftActor *self)
{
  g_return_val_if_fail (self != NULL, WEFT_OP_NONE);
  WEFT_RETURN_LOCKED (self->run, WeftOp, self->pending_op);
}

WeftObject *
weft_actor_get_waiting_on (WeftActor *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  WEFT_RETURN_LOCKED (self->run, WeftObject *, self->waiting_on);
}

guint64
weft_actor_get_n_ops (WeftActor *self)
{
  g_return_val_if_fail (self != NULL, 0);
  WEFT_RETURN_LOCKED (self->run, guint64, self->n_ops);
}

guint64
weft_actor_get_time_in_state (WeftActor *self,
                              WeftState  state)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (state < WEFT_N_STATES, 0);

  /* The current state's time runs until now, or until the run's end or stop. */
  WEFT_RETURN_LOCKED (self->run, guint64, self->time_in_state_ns[state] +
                       ((self->state == state && !self->run->stopping && self->run->started) ?
                        weft_run_books_time (self->run, weft_run_now (self->run)) -
                        weft_run_books_time (self->run, self->state_since_ns) : 0));
}
