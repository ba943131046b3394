/* weft-sync-flag.c — Python's threading.Event: a flag that threads wait on. The C name
 * avoids a clash with the trace's events; users see it called an event.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "weft-run-private.h"

struct _WeftFlag
{
  WeftObject parent;
  gboolean   set;    /* monitor */
};

WeftFlag *
weft_flag_new (WeftRun    *run,
               const char *name)
{
  return weft_object_new (sizeof (WeftFlag), run, WEFT_OBJECT_FLAG, name);
}

gboolean
weft_flag_set (WeftActor *self,
               WeftFlag  *flag)
{
  WeftObject *object = WEFT_OBJECT (flag);
  WeftRun *run;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (flag != NULL, FALSE);

  run = self->run;
  weft_monitor_lock (run);
  ok = weft_actor_gate (self, WEFT_OP_SET, object, 0);
  if (ok)
    {
      guint64 index;

      flag->set = TRUE;
      /* The set first, then the waiters it wakes, each naming it as its cause. */
      index = weft_run_record (run, WEFT_EVENT_FLAG_SET, self->index, object->index, 0,
                               (gint32) object->waiters->len);
      weft_wake_all (object->waiters, object, index);
    }
  weft_monitor_unlock (run);

  return ok;
}

gboolean
weft_flag_clear (WeftActor *self,
                 WeftFlag  *flag)
{
  WeftObject *object = WEFT_OBJECT (flag);
  WeftRun *run;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (flag != NULL, FALSE);

  run = self->run;
  weft_monitor_lock (run);
  ok = weft_actor_gate (self, WEFT_OP_CLEAR, object, 0);
  if (ok)
    {
      flag->set = FALSE;
      weft_run_record (run, WEFT_EVENT_FLAG_CLEAR, self->index, object->index, 0, 0);
    }
  weft_monitor_unlock (run);

  return ok;
}

gboolean
weft_flag_wait (WeftActor *self,
                WeftFlag  *flag)
{
  WeftObject *object = WEFT_OBJECT (flag);
  WeftRun *run;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (flag != NULL, FALSE);

  run = self->run;
  weft_monitor_lock (run);
  ok = weft_actor_gate (self, WEFT_OP_WAIT, object, 0);
  /* Like Python, a waiter woken by set() returns even if the flag was cleared since. */
  if (ok && !flag->set)
    {
      ok = weft_actor_block (self, object, object->waiters, WEFT_STATE_WAITING) &&
           weft_actor_regate (self, WEFT_OP_WAIT, object, 0);
    }
  if (ok)
    weft_run_record (run, WEFT_EVENT_FLAG_PASSED, self->index, object->index, 0, 0);
  weft_monitor_unlock (run);

  return ok;
}

gboolean
weft_flag_is_set (WeftFlag *flag)
{
  g_return_val_if_fail (flag != NULL, FALSE);

  WEFT_RETURN_LOCKED (WEFT_OBJECT (flag)->run, gboolean, flag->set);
}
