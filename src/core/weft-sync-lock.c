/* weft-sync-lock.c — the lock and the reentrant lock.
 *
 * A release wakes one waiter but does not hand it the lock: the woken thread retries, and
 * the releaser (or anyone) may take the lock first. That barging is what a pthread mutex
 * does, and the ticket sellers' lesson depends on it.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "weft-run-private.h"

struct _WeftLock
{
  WeftObject parent;
};

struct _WeftRLock
{
  WeftObject parent;
  guint      depth;   /* monitor */
};

WeftLock *
weft_lock_new (WeftRun    *run,
               const char *name)
{
  return weft_object_new (sizeof (WeftLock), run, WEFT_OBJECT_LOCK, name);
}

/* Monitor held, gate passed. Blocks until @object has no owner, passing the gate again
 * after each wake-up (in step mode the retry is a step of its own). *blocked tells
 * whether it had to: then the acquire is a hand-off, and records its cause. */
static gboolean
wait_until_free (WeftActor  *self,
                 WeftObject *object,
                 WeftOp      op,
                 gboolean   *blocked)
{
  while (object->owner != NULL)
    {
      *blocked = TRUE;
      if (!weft_actor_block (self, object, object->waiters, WEFT_STATE_BLOCKED))
        return FALSE;
      if (!weft_actor_regate (self, op, object, 0))
        return FALSE;
    }

  return TRUE;
}

gboolean
weft_lock_acquire (WeftActor *self,
                   WeftLock  *lock)
{
  WeftObject *object = WEFT_OBJECT (lock);
  WeftRun *run;
  gboolean ok;
  gboolean blocked = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (lock != NULL, FALSE);

  run = self->run;
  weft_monitor_lock (run);

  /* A thread taking a plain lock it already holds waits for itself, as in Python: the
   * deadlock search reports the one-thread cycle. */
  ok = weft_actor_gate (self, WEFT_OP_ACQUIRE, object, 0) &&
       wait_until_free (self, object, WEFT_OP_ACQUIRE, &blocked);
  if (ok)
    {
      object->owner = self;
      weft_run_record (run, WEFT_EVENT_ACQUIRED, self->index, object->index, 0, 1);
      if (G_UNLIKELY (blocked))
        weft_run_record_cause (run, WEFT_CAUSE_HANDOFF, self, object, object->freed_at);
    }

  weft_monitor_unlock (run);
  return ok;
}

gboolean
weft_lock_try_acquire (WeftActor *self,
                       WeftLock  *lock,
                       gboolean  *acquired)
{
  WeftObject *object = WEFT_OBJECT (lock);
  WeftRun *run;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (lock != NULL, FALSE);
  g_return_val_if_fail (acquired != NULL, FALSE);

  run = self->run;
  *acquired = FALSE;
  weft_monitor_lock (run);

  ok = weft_actor_gate (self, WEFT_OP_TRY_ACQUIRE, object, 0);
  if (ok && object->owner == NULL)
    {
      object->owner = self;
      *acquired = TRUE;
      weft_run_record (run, WEFT_EVENT_ACQUIRED, self->index, object->index, 0, 1);
    }
  else if (ok)
    {
      weft_run_record (run, WEFT_EVENT_TRY_FAILED, self->index, object->index, 0,
                       object->owner->index);
    }

  weft_monitor_unlock (run);
  return ok;
}

/* Monitor held, gate passed: the owner check shared by both kinds of lock. */
static gboolean
check_owner (WeftActor  *self,
             WeftObject *object)
{
  if (object->owner == self)
    return TRUE;

  weft_actor_misuse (self, object, WEFT_OP_RELEASE);
  return FALSE;
}

gboolean
weft_lock_release (WeftActor *self,
                   WeftLock  *lock)
{
  WeftObject *object = WEFT_OBJECT (lock);
  WeftRun *run;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (lock != NULL, FALSE);

  run = self->run;
  weft_monitor_lock (run);

  ok = weft_actor_gate (self, WEFT_OP_RELEASE, object, 0) && check_owner (self, object);
  if (ok)
    {
      object->owner = NULL;
      /* One store: what a blocked acquirer's hand-off will name as its cause. */
      object->freed_at = weft_run_record (run, WEFT_EVENT_RELEASED, self->index, object->index, 0, 0);
      weft_wake_one (object->waiters, object, WEFT_NO_CAUSE);
    }

  weft_monitor_unlock (run);
  return ok;
}

WeftRLock *
weft_rlock_new (WeftRun    *run,
                const char *name)
{
  return weft_object_new (sizeof (WeftRLock), run, WEFT_OBJECT_RLOCK, name);
}

gboolean
weft_rlock_acquire (WeftActor *self,
                    WeftRLock *lock)
{
  WeftObject *object = WEFT_OBJECT (lock);
  WeftRun *run;
  gboolean ok;
  gboolean blocked = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (lock != NULL, FALSE);

  run = self->run;
  weft_monitor_lock (run);

  ok = weft_actor_gate (self, WEFT_OP_ACQUIRE, object, 0) &&
       (object->owner == self || wait_until_free (self, object, WEFT_OP_ACQUIRE, &blocked));
  if (ok)
    {
      object->owner = self;
      lock->depth++;
      weft_run_record (run, WEFT_EVENT_ACQUIRED, self->index, object->index, 0, (gint32) lock->depth);
      if (G_UNLIKELY (blocked))
        weft_run_record_cause (run, WEFT_CAUSE_HANDOFF, self, object, object->freed_at);
    }

  weft_monitor_unlock (run);
  return ok;
}

gboolean
weft_rlock_release (WeftActor *self,
                    WeftRLock *lock)
{
  WeftObject *object = WEFT_OBJECT (lock);
  WeftRun *run;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (lock != NULL, FALSE);

  run = self->run;
  weft_monitor_lock (run);

  ok = weft_actor_gate (self, WEFT_OP_RELEASE, object, 0) && check_owner (self, object);
  if (ok)
    {
      guint64 index;

      lock->depth--;
      index = weft_run_record (run, WEFT_EVENT_RELEASED, self->index, object->index, 0, (gint32) lock->depth);
      if (lock->depth == 0)
        {
          object->owner = NULL;
          object->freed_at = index;
          weft_wake_one (object->waiters, object, WEFT_NO_CAUSE);
        }
    }

  weft_monitor_unlock (run);
  return ok;
}

guint
weft_rlock_get_depth (WeftRLock *lock)
{
  g_return_val_if_fail (lock != NULL, 0);

  WEFT_RETURN_LOCKED (WEFT_OBJECT (lock)->run, guint, lock->depth);
}
