/* weft-schedule.c — a run's interleaving kept, and played again in step mode (see
 * weft-schedule.h).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "weft-error.h"
#include "weft-run-private.h"
#include "weft-schedule.h"

/* Monitor held: the inline path found the array full. */
void
weft_run_note_pass_slow (WeftRun   *run,
                         WeftActor *actor)
{
  guint capacity;

  if (run->schedule_cut || run->schedule_len >= WEFT_SCHEDULE_MAX)
    {
      run->schedule_cut = TRUE;
      return;
    }

  capacity = MIN (MAX (run->schedule_capacity * 2, 4096), WEFT_SCHEDULE_MAX);
  run->schedule = g_renew (guint16, run->schedule, capacity);
  run->schedule_capacity = capacity;
  run->schedule[run->schedule_len++] = (guint16) actor->index;
}

GArray *
weft_run_dup_schedule (WeftRun  *self,
                       gboolean *cut)
{
  GArray *schedule;

  g_return_val_if_fail (self != NULL, NULL);

  weft_monitor_lock (self);
  schedule = g_array_sized_new (FALSE, FALSE, sizeof (guint16), self->schedule_len);
  g_array_append_vals (schedule, self->schedule, self->schedule_len);
  if (cut != NULL)
    *cut = self->schedule_cut;
  weft_monitor_unlock (self);

  return schedule;
}

guint
weft_run_get_schedule_length (WeftRun *self)
{
  guint n;

  g_return_val_if_fail (self != NULL, 0);

  weft_monitor_lock (self);
  n = self->schedule_len;
  weft_monitor_unlock (self);
  return n;
}

gboolean
weft_run_follow_schedule (WeftRun        *self,
                          const guint16  *schedule,
                          guint           n_steps,
                          gint64          timeout_us,
                          guint          *n_done,
                          GError        **error)
{
  guint done = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (schedule != NULL || n_steps == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (; done < n_steps && ok; done++)
    {
      g_autoptr(GError) step_error = NULL;
      guint index = schedule[done];
      WeftActor *actor;

      if (!weft_run_wait_settled (self, timeout_us))
        {
          g_set_error (error, WEFT_ERROR, WEFT_ERROR_BAD_STATE,
                       _("Step %u of the schedule: the threads did not settle in time"), done + 1);
          ok = FALSE;
          break;
        }
      if (index >= weft_run_get_n_actors (self))
        {
          g_set_error (error, WEFT_ERROR, WEFT_ERROR_DIVERGED,
                       _("Step %u of the schedule names thread %u, but this run has %u threads"),
                       done + 1, index + 1, weft_run_get_n_actors (self));
          ok = FALSE;
          break;
        }
      /* A deadlock of some threads lets the others go on (weft-analysis.c): only a run
       * that is over cannot take the schedule's next step. */
      if (weft_run_get_outcome (self) == WEFT_OUTCOME_COMPLETED ||
          weft_run_get_outcome (self) == WEFT_OUTCOME_STOPPED)
        {
          g_set_error (error, WEFT_ERROR, WEFT_ERROR_DIVERGED,
                       _("The run ended at step %u of a schedule of %u steps"), done, n_steps);
          ok = FALSE;
          break;
        }
      actor = weft_run_get_actor (self, index);
      if (!weft_run_step (self, actor, &step_error))
        {
          g_set_error (error, WEFT_ERROR, WEFT_ERROR_DIVERGED,
                       _("Step %u of the schedule does not fit this run: %s"), done + 1,
                       step_error->message);
          ok = FALSE;
          break;
        }
    }

  if (ok && !weft_run_wait_settled (self, timeout_us))
    {
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_BAD_STATE,
                   _("Step %u of the schedule: the threads did not settle in time"), done);
      ok = FALSE;
    }
  if (n_done != NULL)
    *n_done = done;
  return ok;
}
