/* weft-sync-shared.c — a shared integer variable whose reads and writes are recorded.
 *
 * The value is accessed with atomics so that a scenario's deliberate race (read, a gap,
 * write back) loses updates without being undefined behaviour in C.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "weft-run-private.h"

struct _WeftShared
{
  WeftObject parent;
  gint       value;   /* atomic */
};

WeftShared *
weft_shared_new (WeftRun    *run,
                 const char *name,
                 gint32      initial)
{
  WeftShared *self = weft_object_new (sizeof (WeftShared), run, WEFT_OBJECT_SHARED, name);

  if (self != NULL)
    g_atomic_int_set (&self->value, initial);

  return self;
}

gboolean
weft_shared_read (WeftActor  *self,
                  WeftShared *var,
                  gint32     *value)
{
  WeftObject *object = WEFT_OBJECT (var);
  WeftRun *run;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (var != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  run = self->run;
  g_mutex_lock (&run->monitor);
  ok = weft_actor_gate (self, WEFT_OP_READ, object, 0);
  if (ok)
    {
      *value = g_atomic_int_get (&var->value);
      weft_run_record (run, WEFT_EVENT_READ, self->index, object->index, 0, *value);
    }
  g_mutex_unlock (&run->monitor);

  return ok;
}

gboolean
weft_shared_write (WeftActor  *self,
                   WeftShared *var,
                   gint32      value)
{
  WeftObject *object = WEFT_OBJECT (var);
  WeftRun *run;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (var != NULL, FALSE);

  run = self->run;
  g_mutex_lock (&run->monitor);
  ok = weft_actor_gate (self, WEFT_OP_WRITE, object, value);
  if (ok)
    {
      g_atomic_int_set (&var->value, value);
      weft_run_record (run, WEFT_EVENT_WRITE, self->index, object->index, 0, value);
    }
  g_mutex_unlock (&run->monitor);

  return ok;
}

gint32
weft_shared_peek (WeftShared *var)
{
  g_return_val_if_fail (var != NULL, 0);

  return g_atomic_int_get (&var->value);
}
