/* weft-model-values.c — the values a run's threads read and wrote: each thread's reads,
 * the writes it computed (weft_shared_plan_write()), its writes and the items it took from
 * queues ("got 776" under a subscriber), kept per thread so
 * that the timeline writes "R 2000" and "W 7000" on its lane and the scene says "read
 * 2000 → will write 7000"; the shared variables' expected final values and roles; and the
 * caption an exported page shows under its title.
 *
 * Few events carry values (a shared variable's reads and writes), so the marks are kept
 * whole, apart from the spans and their checkpoints.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "weft-model-private.h"

typedef struct
{
  gboolean has_expected;
  gint32   expected;
  guint8   role;
  guint    n_writes;
} ObjectValues;

struct _WeftModelValues
{
  GPtrArray *marks;     /* per actor: Store of WeftValueMark, or NULL */
  GArray    *objects;   /* ObjectValues, per object */
  char      *caption;
};

void
weft_model_values_free (WeftModelValues *values)
{
  if (values == NULL)
    return;
  g_ptr_array_unref (values->marks);
  g_array_unref (values->objects);
  g_free (values->caption);
  g_free (values);
}

/* Threads that touched no shared variable have no array. */
static void
marks_free (gpointer data)
{
  store_free (data);
}

static WeftModelValues *
ensure_values (WeftModel *self)
{
  if (self->values == NULL)
    {
      self->values = g_new0 (WeftModelValues, 1);
      self->values->marks = g_ptr_array_new_with_free_func (marks_free);
      self->values->objects = g_array_new (FALSE, TRUE, sizeof (ObjectValues));
    }
  return self->values;
}

static ObjectValues *
object_values (WeftModel *self,
               guint      object,
               gboolean   create)
{
  WeftModelValues *values;

  if (self->values == NULL && !create)
    return NULL;
  values = ensure_values (self);
  if (object >= values->objects->len)
    {
      if (!create)
        return NULL;
      g_array_set_size (values->objects, object + 1);
    }
  return &g_array_index (values->objects, ObjectValues, object);
}

static void
add_mark (WeftModel     *self,
          guint          actor,
          WeftValueMark *mark)
{
  WeftModelValues *values = ensure_values (self);
  Store *marks;

  if (actor >= values->marks->len)
    g_ptr_array_set_size (values->marks, actor + 1);
  marks = g_ptr_array_index (values->marks, actor);
  if (marks == NULL)
    {
      marks = store_new (self->arena, sizeof (WeftValueMark));
      g_ptr_array_index (values->marks, actor) = marks;
    }
  store_append_val (marks, *mark);
}

void
weft_model_values_add_event (WeftModel       *self,
                             const WeftEvent *event)
{
  WeftValueMark mark = { 0 };

  if (event->actor >= self->actors->len || event->object >= self->objects->len)
    return;

  /* A kind added here must be added to VALUE_KINDS (weft-model-private.h). */
  switch (event->kind)
    {
    case WEFT_EVENT_READ:
      mark.kind = WEFT_VALUE_READ;
      break;
    case WEFT_EVENT_WRITE:
      mark.kind = WEFT_VALUE_WRITE;
      mark.stale = event->aux != 0;
      object_values (self, event->object, TRUE)->n_writes++;
      break;
    case WEFT_EVENT_MARK:
      if (event->aux != WEFT_MARK_PLANNED_WRITE)
        return;
      mark.kind = WEFT_VALUE_PLAN;
      break;
    case WEFT_EVENT_QUEUE_GET:
      mark.kind = WEFT_VALUE_GOT;
      break;
    default:
      return;
    }
  mark.time_ns = weft_event_get_time (event);
  mark.value = event->value;
  mark.object = event->object;
  add_mark (self, event->actor, &mark);
}

void
weft_model_values_add_object (WeftModel  *self,
                              guint       index,
                              WeftObject *object)
{
  gint32 expected;

  if (weft_object_get_expected_value (object, &expected))
    weft_model_set_object_expected (self, index, expected);
  if (weft_object_get_shared_role (object) != WEFT_SHARED_VALUE)
    weft_model_set_object_role (self, index, weft_object_get_shared_role (object));
}

const WeftValueMark *
weft_model_get_value_marks (WeftModel *self,
                            guint      actor,
                            guint     *n_marks)
{
  Store *marks = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_marks != NULL, NULL);

  if (self->values != NULL && actor < self->values->marks->len)
    marks = g_ptr_array_index (self->values->marks, actor);
  *n_marks = marks != NULL ? marks->len : 0;
  return marks != NULL ? (const WeftValueMark *) (gpointer) marks->data : NULL;
}

void
weft_model_get_actor_values (WeftModel       *self,
                             guint            actor,
                             guint64          time_ns,
                             WeftActorValues *out)
{
  guint n;
  const WeftValueMark *marks;

  g_return_if_fail (self != NULL);
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  marks = weft_model_get_value_marks (self, actor, &n);
  for (guint i = 0; i < n && marks[i].time_ns <= time_ns; i++)
    {
      switch (marks[i].kind)
        {
        case WEFT_VALUE_READ:
          out->read = &marks[i];
          out->plan = NULL;
          out->pending = TRUE;
          break;
        case WEFT_VALUE_PLAN:
          out->plan = &marks[i];
          break;
        case WEFT_VALUE_GOT:
          /* A negative item is a scenario's "no more messages" sentinel, not a message. */
          if (marks[i].value >= 0)
            out->got = &marks[i];
          break;
        case WEFT_VALUE_WRITE:
        default:
          out->write = &marks[i];
          out->n_writes++;
          out->pending = FALSE;
          break;
        }
    }
}

guint
weft_model_count_writes (WeftModel *self,
                         guint      object,
                         guint64    time_ns)
{
  guint count = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint a = 0; a < self->actors->len; a++)
    {
      guint n;
      const WeftValueMark *marks = weft_model_get_value_marks (self, a, &n);

      for (guint i = 0; i < n && marks[i].time_ns <= time_ns; i++)
        if (marks[i].kind == WEFT_VALUE_WRITE && marks[i].object == object)
          count++;
    }
  return count;
}

void
weft_model_set_object_expected (WeftModel *self,
                                guint      object,
                                gint32     expected)
{
  ObjectValues *values;

  g_return_if_fail (self != NULL);

  values = object_values (self, object, TRUE);
  values->has_expected = TRUE;
  values->expected = expected;
}

gboolean
weft_model_get_object_expected (WeftModel *self,
                                guint      object,
                                gint32    *expected)
{
  ObjectValues *values;

  g_return_val_if_fail (self != NULL, FALSE);

  values = object_values (self, object, FALSE);
  if (values == NULL || !values->has_expected)
    return FALSE;
  if (expected != NULL)
    *expected = values->expected;
  return TRUE;
}

void
weft_model_set_object_role (WeftModel      *self,
                            guint           object,
                            WeftSharedRole  role)
{
  g_return_if_fail (self != NULL);

  object_values (self, object, TRUE)->role = (guint8) role;
}

WeftSharedRole
weft_model_get_object_role (WeftModel *self,
                            guint      object)
{
  ObjectValues *values;

  g_return_val_if_fail (self != NULL, WEFT_SHARED_VALUE);

  values = object_values (self, object, FALSE);
  return values != NULL ? (WeftSharedRole) values->role : WEFT_SHARED_VALUE;
}

void
weft_model_set_caption (WeftModel  *self,
                        const char *caption)
{
  WeftModelValues *values;
  char *copy;

  g_return_if_fail (self != NULL);

  values = ensure_values (self);
  copy = g_strdup (caption);
  g_free (values->caption);
  values->caption = copy;
}

const char *
weft_model_get_caption (WeftModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->values != NULL ? self->values->caption : NULL;
}
