/* weft-session-replay.c — the session going back and replaying: a step back (a fresh run
 * of the same seed replaying every step but the last), a saved run opened to be stepped
 * through again, and the way forward that both keep (weft-schedule.h; the session itself
 * is weft-session.c).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "weft-session-private.h"

/* How long a step back (or a replay to its end) may wait for the threads to reach each
 * operation: each step is a thread's plain code to its next operation. */
#define STEP_BACK_SETTLE_US (10 * G_USEC_PER_SEC)

/* A step back (or an opening at the end) replays at once, on the main thread: about 50 µs
 * an operation here (bench-replay), so this many keep the window waiting a few seconds at
 * most. A longer run (a free run of seconds: millions of operations) is refused, said. */
#define REPLAY_AT_ONCE_MAX 50000

/* Whether the run, @run_len operations long, is following the kept way forward (it has
 * not branched from it): the steps still to come are then the run's too. */
static gboolean
following_redo (WeftSession *self,
                guint        run_len)
{
  return self->redo != NULL && self->redo_next == run_len && self->redo_next <= self->redo->len;
}

static void
too_long_to_step_back (GError **error,
                       guint    n_operations)
{
  g_set_error (error, WEFT_ERROR, WEFT_ERROR_NOT_SUPPORTED,
               _("This run is too long to step back: it has done %u operations, and a step back replays them all (at most %u). Step back works on runs stepped or let go briefly"),
               n_operations, REPLAY_AT_ONCE_MAX);
}

int
weft_session_follow_redo (WeftSession *self,
                          int          actor)
{
  int again;

  if (self->redo == NULL)
    return actor;
  again = self->redo_next < self->redo->len ? g_array_index (self->redo, guint16, self->redo_next) : -1;
  /* Past its end the way forward is the policy's; another thread named is a branch. */
  if (again < 0 || (actor >= 0 && actor != again))
    {
      g_clear_pointer (&self->redo, g_array_unref);
      return actor;
    }
  self->redo_next++;
  return again;
}

gboolean
weft_session_load_replay (WeftSession        *self,
                          const WeftScenario *scenario,
                          const WeftParams   *params,
                          guint64             seed,
                          const guint16      *schedule,
                          guint               n_steps,
                          GError            **error)
{
  g_return_val_if_fail (WEFT_IS_SESSION (self), FALSE);
  g_return_val_if_fail (scenario != NULL, FALSE);
  g_return_val_if_fail (schedule != NULL || n_steps == 0, FALSE);

  if (!weft_session_load_run (self, scenario, params, seed, error))
    return FALSE;
  if (!weft_session_start_run (self, WEFT_MODE_STEP))
    return FALSE;
  weft_session_set_state (self, WEFT_SESSION_PAUSED);
  self->redo = g_array_sized_new (FALSE, FALSE, sizeof (guint16), n_steps);
  g_array_append_vals (self->redo, schedule, n_steps);
  self->redo_next = 0;
  weft_session_emit_updated (self);
  return TRUE;
}

gboolean
weft_session_replay_to_end (WeftSession  *self,
                            GError      **error)
{
  guint n_done = 0;
  gboolean ok;

  g_return_val_if_fail (WEFT_IS_SESSION (self), FALSE);

  if (self->redo == NULL || self->redo_next >= self->redo->len || self->state != WEFT_SESSION_PAUSED)
    return TRUE;
  if (self->redo->len - self->redo_next > REPLAY_AT_ONCE_MAX)
    {
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_NOT_SUPPORTED,
                   _("This run is too long to replay at once: %u operations (at most %u). It is open before its first step instead"),
                   self->redo->len - self->redo_next, REPLAY_AT_ONCE_MAX);
      return FALSE;
    }
  ok = weft_run_follow_schedule (self->run, (const guint16 *) (gpointer) self->redo->data + self->redo_next,
                                 self->redo->len - self->redo_next, STEP_BACK_SETTLE_US, &n_done, error);
  self->redo_next += n_done;
  weft_session_emit_updated (self);
  return ok;
}

GArray *
weft_session_dup_schedule (WeftSession *self,
                           gboolean    *cut)
{
  GArray *schedule;

  g_return_val_if_fail (WEFT_IS_SESSION (self), NULL);

  if (cut != NULL)
    *cut = FALSE;
  if (self->run == NULL)
    return g_array_new (FALSE, FALSE, sizeof (guint16));
  schedule = weft_run_dup_schedule (self->run, cut);
  /* Following a replay (opened, or stepped back): the steps still to follow are the run's
   * too; a file saved now is the whole run, not its first steps. */
  if (following_redo (self, schedule->len))
    {
      g_array_set_size (schedule, 0);
      g_array_append_vals (schedule, self->redo->data, self->redo->len);
    }
  return schedule;
}

guint
weft_session_get_n_steps_to_replay (WeftSession *self)
{
  g_return_val_if_fail (WEFT_IS_SESSION (self), 0);

  return self->redo != NULL ? self->redo->len - self->redo_next : 0;
}

gboolean
weft_session_can_step_back (WeftSession *self)
{
  g_return_val_if_fail (WEFT_IS_SESSION (self), FALSE);

  if (self->run == NULL || self->state == WEFT_SESSION_READY)
    return FALSE;
  /* A running run has done something, or is about to: its length is not asked for at
   * every frame (the monitor is the threads'). */
  return self->state == WEFT_SESSION_RUNNING || weft_run_get_schedule_length (self->run) > 0;
}

gboolean
weft_session_step_back (WeftSession  *self,
                        GError      **error)
{
  g_autoptr(GArray) schedule = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean cut = FALSE;
  guint64 seed;
  guint n_done = 0;
  guint redo_next;

  g_return_val_if_fail (WEFT_IS_SESSION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->run == NULL || self->state == WEFT_SESSION_READY)
    {
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_BAD_STATE,
                   _("Nothing to step back over: the run has not started"));
      return FALSE;
    }
  /* Already too long: said before the run is paused for nothing. */
  if (self->state == WEFT_SESSION_RUNNING && weft_run_get_schedule_length (self->run) > REPLAY_AT_ONCE_MAX)
    {
      too_long_to_step_back (error, weft_run_get_schedule_length (self->run));
      return FALSE;
    }
  if (self->state == WEFT_SESSION_RUNNING)
    weft_session_pause (self);
  /* The steps asked for are made first, so that the schedule is the run as shown. */
  while (!g_queue_is_empty (&self->pending_steps) && weft_run_wait_settled (self->run, STEP_BACK_SETTLE_US))
    {
      guint before = g_queue_get_length (&self->pending_steps);

      weft_session_try_pending_steps (self);
      if (g_queue_get_length (&self->pending_steps) == before)
        break;
    }
  if (!weft_run_is_stopping (self->run))
    weft_run_wait_settled (self->run, STEP_BACK_SETTLE_US);

  schedule = weft_run_dup_schedule (self->run, &cut);
  if (schedule->len == 0)
    {
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_BAD_STATE,
                   _("Nothing to step back over: no thread has done an operation yet"));
      return FALSE;
    }
  if (cut || schedule->len > REPLAY_AT_ONCE_MAX)
    {
      too_long_to_step_back (error, schedule->len);
      return FALSE;
    }

  /* The way forward again: what this run did, minus the step undone, or what an
   * earlier step back kept if this run has not branched from it. */
  if (following_redo (self, schedule->len))
    {
      g_array_unref (schedule);
      schedule = g_steal_pointer (&self->redo);
      redo_next = self->redo_next - 1;
    }
  else
    redo_next = schedule->len - 1;

  seed = weft_run_get_seed (self->run);
  if (!weft_session_load_run (self, self->scenario, self->params, seed, error))
    return FALSE;
  if (!weft_session_start_run (self, WEFT_MODE_STEP))
    return FALSE;
  weft_session_set_state (self, WEFT_SESSION_PAUSED);

  /* A fresh run of the same scenario, parameters and seed replays every step but the
   * last on real threads (weft-schedule.h): here, at once, before the next frame. */
  if (!weft_run_follow_schedule (self->run, (const guint16 *) (gpointer) schedule->data, redo_next,
                                 STEP_BACK_SETTLE_US, &n_done, &local_error))
    {
      /* The caller says it (once); the run is left where the replay stopped. */
      g_propagate_error (error, g_steal_pointer (&local_error));
      weft_session_emit_updated (self);
      return FALSE;
    }
  self->redo = g_steal_pointer (&schedule);
  self->redo_next = redo_next;
  weft_session_emit_updated (self);
  return TRUE;
}
