/* weft-sync-barrier.c — a barrier of n parties: the n-th arrival opens it for all.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "weft-run-private.h"

struct _WeftBarrier
{
  WeftObject parent;
  guint      parties;
  guint      arrived;     /* monitor */
  guint      generation;  /* monitor: how many times it opened */
};

WeftBarrier *
weft_barrier_new (WeftRun    *run,
                  const char *name,
                  guint       parties)
{
  WeftBarrier *self;

  g_return_val_if_fail (parties > 0, NULL);

  self = weft_object_new (sizeof (WeftBarrier), run, WEFT_OBJECT_BARRIER, name);
  if (self != NULL)
    {
      self->parties = parties;
      WEFT_OBJECT (self)->initial = (gint32) parties;
    }

  return self;
}

gboolean
weft_barrier_wait (WeftActor   *self,
                   WeftBarrier *barrier)
{
  WeftObject *object = WEFT_OBJECT (barrier);
  WeftRun *run;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (barrier != NULL, FALSE);

  run = self->run;
  weft_monitor_lock (run);
  ok = weft_actor_gate (self, WEFT_OP_WAIT, object, 0);
  if (ok)
    {
      guint generation = barrier->generation;

      barrier->arrived++;
      weft_run_record (run, WEFT_EVENT_BARRIER_ARRIVE, self->index, object->index, 0,
                       (gint32) barrier->arrived);

      if (barrier->arrived == barrier->parties)
        {
          guint64 index;

          barrier->arrived = 0;
          barrier->generation++;
          index = weft_run_record_same_time (run, WEFT_EVENT_BARRIER_OPEN, self->index,
                                             object->index, 0, (gint32) barrier->parties);
          weft_wake_all (object->waiters, object, index);
        }

      while (ok && generation == barrier->generation)
        {
          ok = weft_actor_block (self, object, object->waiters, WEFT_STATE_WAITING) &&
               weft_actor_regate (self, WEFT_OP_WAIT, object, 0);
        }
    }
  weft_monitor_unlock (run);

  return ok;
}
