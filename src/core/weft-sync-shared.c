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
  gint       value;     /* atomic */
  /* monitor */
  guint64    version;   /* how many writes so far */
  guint64   *seen;      /* per actor: 1 + the version it last read, 0 when it has not */
  guint      n_stale;
};

static void
weft_shared_finalize (WeftObject *object)
{
  g_free (((WeftShared *) object)->seen);
}

/* Monitor held: actors are all added by now. */
static guint64 *
seen_slot (WeftShared *var,
           WeftActor  *actor)
{
  if (var->seen == NULL)
    var->seen = g_new0 (guint64, weft_run_get_n_actors (WEFT_OBJECT (var)->run));
  return &var->seen[actor->index];
}

WeftShared *
weft_shared_new (WeftRun    *run,
                 const char *name,
                 gint32      initial)
{
  WeftShared *self = weft_object_new (sizeof (WeftShared), run, WEFT_OBJECT_SHARED, name);

  if (self != NULL)
    {
      WEFT_OBJECT (self)->finalize = weft_shared_finalize;
      g_atomic_int_set (&self->value, initial);
      WEFT_OBJECT (self)->initial = initial;
    }

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
  weft_monitor_lock (run);
  ok = weft_actor_gate (self, WEFT_OP_READ, object, 0);
  if (ok)
    {
      *value = g_atomic_int_get (&var->value);
      *seen_slot (var, self) = var->version + 1;
      weft_run_record (run, WEFT_EVENT_READ, self->index, object->index, 0, *value);
    }
  weft_monitor_unlock (run);

  return ok;
}

static gboolean shared_write (WeftActor  *self,
                              WeftShared *var,
                              gint32      value,
                              gboolean   *stale,
                              guint64    *n_writes);

gboolean
weft_shared_write (WeftActor  *self,
                   WeftShared *var,
                   gint32      value)
{
  return shared_write (self, var, value, NULL, NULL);
}

gboolean
weft_shared_write_checked (WeftActor  *self,
                           WeftShared *var,
                           gint32      value,
                           gboolean   *stale)
{
  return shared_write (self, var, value, stale, NULL);
}

gboolean
weft_shared_write_counted (WeftActor  *self,
                           WeftShared *var,
                           gint32      value,
                           guint64    *n_writes)
{
  return shared_write (self, var, value, NULL, n_writes);
}

static gboolean
shared_write (WeftActor  *self,
              WeftShared *var,
              gint32      value,
              gboolean   *stale,
              guint64    *n_writes)
{
  WeftObject *object = WEFT_OBJECT (var);
  WeftRun *run;
  gboolean ok;
  gboolean is_stale = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (var != NULL, FALSE);

  run = self->run;
  weft_monitor_lock (run);
  ok = weft_actor_gate (self, WEFT_OP_WRITE, object, value);
  if (ok)
    {
      guint64 *seen = seen_slot (var, self);

      /* A write with no read before it is blind, not stale. */
      is_stale = *seen != 0 && *seen != var->version + 1;
      *seen = 0;
      var->version++;
      if (n_writes != NULL)
        *n_writes = var->version;
      if (is_stale)
        var->n_stale++;
      g_atomic_int_set (&var->value, value);
      weft_run_record (run, WEFT_EVENT_WRITE, self->index, object->index, is_stale ? 1 : 0, value);
    }
  weft_monitor_unlock (run);

  if (stale != NULL)
    *stale = is_stale;
  return ok;
}

void
weft_shared_plan_write (WeftActor  *self,
                        WeftShared *var,
                        gint32      value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (var != NULL);

  weft_monitor_lock (self->run);
  if (!self->run->stopping)
    weft_run_record (self->run, WEFT_EVENT_MARK, self->index, WEFT_OBJECT (var)->index,
                     WEFT_MARK_PLANNED_WRITE, value);
  weft_monitor_unlock (self->run);
}

void
weft_shared_set_expected (WeftShared *var,
                          gint32      expected)
{
  g_return_if_fail (var != NULL);

  WEFT_OBJECT (var)->has_expected = TRUE;
  WEFT_OBJECT (var)->expected = expected;
}

void
weft_shared_set_role (WeftShared     *var,
                      WeftSharedRole  role)
{
  g_return_if_fail (var != NULL);

  WEFT_OBJECT (var)->shared_role = (guint8) role;
}

guint
weft_shared_get_n_stale_writes (WeftShared *var)
{
  g_return_val_if_fail (var != NULL, 0);

  WEFT_RETURN_LOCKED (WEFT_OBJECT (var)->run, guint, var->n_stale);
}

gint32
weft_shared_peek (WeftShared *var)
{
  g_return_val_if_fail (var != NULL, 0);

  return g_atomic_int_get (&var->value);
}
