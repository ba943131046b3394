/* weft-sync-condition.c — a condition variable over a lock, like Python's Condition.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "weft-run-private.h"

struct _WeftCondition
{
  WeftObject  parent;
  WeftLock   *lock;
};

WeftCondition *
weft_condition_new (WeftRun    *run,
                    const char *name,
                    WeftLock   *lock)
{
  WeftCondition *self;

  g_return_val_if_fail (lock != NULL, NULL);

  self = weft_object_new (sizeof (WeftCondition), run, WEFT_OBJECT_CONDITION, name);
  if (self != NULL)
    self->lock = lock;

  return self;
}

WeftLock *
weft_condition_get_lock (WeftCondition *cond)
{
  g_return_val_if_fail (cond != NULL, NULL);

  return cond->lock;
}

gboolean
weft_condition_wait (WeftActor     *self,
                     WeftCondition *cond)
{
  WeftObject *object = WEFT_OBJECT (cond);
  WeftObject *lock;
  WeftRun *run;
  gboolean ok;
  gboolean blocked = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (cond != NULL, FALSE);

  run = self->run;
  lock = WEFT_OBJECT (cond->lock);
  weft_monitor_lock (run);

  ok = weft_actor_gate (self, WEFT_OP_WAIT, object, 0);
  if (ok && lock->owner != self)
    {
      /* Python raises RuntimeError: cannot wait on un-acquired lock. */
      weft_actor_misuse (self, object, WEFT_OP_WAIT);
      ok = FALSE;
    }

  if (ok)
    {
      lock->owner = NULL;
      weft_run_record (run, WEFT_EVENT_COND_WAIT, self->index, object->index, 0, 0);
      lock->freed_at = weft_run_record_same_time (run, WEFT_EVENT_RELEASED, self->index,
                                                  lock->index, 0, 0);
      weft_wake_one (lock->waiters, lock, WEFT_NO_CAUSE);

      ok = weft_actor_block (self, object, object->waiters, WEFT_STATE_WAITING) &&
           weft_actor_regate (self, WEFT_OP_REACQUIRE, lock, 0);
      while (ok && lock->owner != NULL)
        {
          blocked = TRUE;
          ok = weft_actor_block (self, lock, lock->waiters, WEFT_STATE_BLOCKED) &&
               weft_actor_regate (self, WEFT_OP_REACQUIRE, lock, 0);
        }
      if (ok)
        {
          lock->owner = self;
          weft_run_record (run, WEFT_EVENT_ACQUIRED, self->index, lock->index, 0, 1);
          if (blocked)
            weft_run_record_cause (run, WEFT_CAUSE_HANDOFF, self, lock, lock->freed_at);
        }
    }

  weft_monitor_unlock (run);
  return ok;
}

static gboolean
notify (WeftActor     *self,
        WeftCondition *cond,
        gboolean       all)
{
  WeftObject *object = WEFT_OBJECT (cond);
  WeftOp op = all ? WEFT_OP_NOTIFY_ALL : WEFT_OP_NOTIFY;
  WeftRun *run;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (cond != NULL, FALSE);

  run = self->run;
  weft_monitor_lock (run);

  ok = weft_actor_gate (self, op, object, 0);
  if (ok && WEFT_OBJECT (cond->lock)->owner != self)
    {
      /* Python raises RuntimeError: cannot notify on un-acquired lock. */
      weft_actor_misuse (self, object, op);
      ok = FALSE;
    }

  if (ok)
    {
      guint n = object->waiters->len;
      guint64 index;

      /* The notify first, then the waiters it wakes, each naming it as its cause. */
      index = weft_run_record (run, all ? WEFT_EVENT_NOTIFY_ALL : WEFT_EVENT_NOTIFY,
                               self->index, object->index, 0, (gint32) (all ? n : MIN (n, 1u)));
      if (all)
        weft_wake_all (object->waiters, object, index);
      else
        weft_wake_one (object->waiters, object, index);
    }

  weft_monitor_unlock (run);
  return ok;
}

gboolean
weft_condition_notify (WeftActor     *self,
                       WeftCondition *cond)
{
  return notify (self, cond, FALSE);
}

gboolean
weft_condition_notify_all (WeftActor     *self,
                           WeftCondition *cond)
{
  return notify (self, cond, TRUE);
}
