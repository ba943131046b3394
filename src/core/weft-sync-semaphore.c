/* weft-sync-semaphore.c — counting semaphores, plain and bounded.
 *
 * A semaphore has no owner, but the wait-for graph needs to know whom a blocked thread
 * waits on: the threads holding units (those that acquired and have not released yet).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "weft-run-private.h"

struct _WeftSemaphore
{
  WeftObject parent;
  guint      initial;
  gboolean   bounded;
  guint      value;    /* monitor */
  GPtrArray *holders;  /* monitor: WeftActor*, one entry per unit held */
};

static void
weft_semaphore_finalize (WeftObject *object)
{
  WeftSemaphore *self = (WeftSemaphore *) object;

  g_ptr_array_unref (self->holders);
}

WeftSemaphore *
weft_semaphore_new (WeftRun    *run,
                    const char *name,
                    guint       initial,
                    gboolean    bounded)
{
  WeftSemaphore *self;

  self = weft_object_new (sizeof (WeftSemaphore), run,
                          bounded ? WEFT_OBJECT_BOUNDED_SEMAPHORE : WEFT_OBJECT_SEMAPHORE, name);
  if (self == NULL)
    return NULL;

  WEFT_OBJECT (self)->finalize = weft_semaphore_finalize;
  self->initial = initial;
  WEFT_OBJECT (self)->initial = (gint32) initial;
  self->bounded = bounded;
  self->value = initial;
  self->holders = g_ptr_array_new ();

  return self;
}

gboolean
weft_semaphore_acquire (WeftActor     *self,
                        WeftSemaphore *sem)
{
  WeftObject *object = WEFT_OBJECT (sem);
  WeftRun *run;
  gboolean ok;
  gboolean blocked = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (sem != NULL, FALSE);

  run = self->run;
  weft_monitor_lock (run);

  ok = weft_actor_gate (self, WEFT_OP_ACQUIRE, object, 0);
  while (ok && sem->value == 0)
    {
      blocked = TRUE;
      ok = weft_actor_block (self, object, object->waiters, WEFT_STATE_BLOCKED) &&
           weft_actor_regate (self, WEFT_OP_ACQUIRE, object, 0);
    }

  if (ok)
    {
      sem->value--;
      g_ptr_array_add (sem->holders, self);
      weft_run_record (run, WEFT_EVENT_ACQUIRED, self->index, object->index, 0, (gint32) sem->value);
      /* Units are alike: the one it got is the one the last release gave back. */
      if (G_UNLIKELY (blocked))
        weft_run_record_cause (run, WEFT_CAUSE_HANDOFF, self, object, object->freed_at);
    }

  weft_monitor_unlock (run);
  return ok;
}

gboolean
weft_semaphore_release (WeftActor     *self,
                        WeftSemaphore *sem)
{
  WeftObject *object = WEFT_OBJECT (sem);
  WeftRun *run;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (sem != NULL, FALSE);

  run = self->run;
  weft_monitor_lock (run);

  ok = weft_actor_gate (self, WEFT_OP_RELEASE, object, 0);
  if (ok && sem->bounded && sem->value >= sem->initial)
    {
      /* Python's BoundedSemaphore raises ValueError here. */
      weft_actor_misuse (self, object, WEFT_OP_RELEASE);
      ok = FALSE;
    }

  if (ok)
    {
      sem->value++;
      /* Anyone may release a semaphore; the unit returned is the releaser's if it holds
       * one, else the oldest holder's. */
      if (!g_ptr_array_remove (sem->holders, self) && sem->holders->len > 0)
        g_ptr_array_remove_index (sem->holders, 0);
      object->freed_at = weft_run_record (run, WEFT_EVENT_RELEASED, self->index, object->index, 0,
                                          (gint32) sem->value);
      weft_wake_one (object->waiters, object, WEFT_NO_CAUSE);
    }

  weft_monitor_unlock (run);
  return ok;
}

guint
weft_semaphore_get_value (WeftSemaphore *sem)
{
  g_return_val_if_fail (sem != NULL, 0);

  WEFT_RETURN_LOCKED (WEFT_OBJECT (sem)->run, guint, sem->value);
}

GPtrArray *
weft_semaphore_get_holders (WeftSemaphore *sem)
{
  return sem->holders;
}
