/* weft-object.c — the part every sync object shares: creation on a run, name,
 * index, kind, owner, contention accounting.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "weft-run-private.h"

gpointer
weft_object_new (gsize           size,
                 WeftRun        *run,
                 WeftObjectKind  kind,
                 const char     *name)
{
  WeftObject *self;

  g_return_val_if_fail (run != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (!run->started, NULL);
  g_return_val_if_fail (run->objects->len < WEFT_MAX_OBJECTS, NULL);
  g_assert (size >= sizeof (WeftObject));

  self = g_malloc0 (size);
  self->run = run;
  self->kind = kind;
  self->index = (guint16) run->objects->len;
  self->name = g_strdup (name);
  self->waiters = g_ptr_array_new ();
  self->freed_at = WEFT_NO_CAUSE;
  g_ptr_array_add (run->objects, self);

  return self;
}

const char *
weft_object_get_name (WeftObject *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

guint
weft_object_get_index (WeftObject *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->index;
}

WeftObjectKind
weft_object_get_kind (WeftObject *self)
{
  g_return_val_if_fail (self != NULL, WEFT_OBJECT_LOCK);
  return self->kind;
}

guint64
weft_object_get_contention_ns (WeftObject *self)
{
  g_return_val_if_fail (self != NULL, 0);
  WEFT_RETURN_LOCKED (self->run, guint64, self->contention_ns);
}

guint
weft_object_get_n_contended (WeftObject *self)
{
  g_return_val_if_fail (self != NULL, 0);
  WEFT_RETURN_LOCKED (self->run, guint, self->n_contended);
}

WeftActor *
weft_object_get_owner (WeftObject *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  WEFT_RETURN_LOCKED (self->run, WeftActor *, self->owner);
}

gint32
weft_object_get_initial_value (WeftObject *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->initial;
}

gboolean
weft_object_get_expected_value (WeftObject *self,
                                gint32     *expected)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->has_expected && expected != NULL)
    *expected = self->expected;
  return self->has_expected;
}

WeftSharedRole
weft_object_get_shared_role (WeftObject *self)
{
  g_return_val_if_fail (self != NULL, WEFT_SHARED_VALUE);
  return (WeftSharedRole) self->shared_role;
}
