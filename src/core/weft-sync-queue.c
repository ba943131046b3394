/* weft-sync-queue.c — a queue of integers: FIFO, LIFO or priority (smallest first), with
 * an optional capacity. Getters wait on the object's own waiters list, putters blocked by
 * a full queue on a second list, so each side wakes only the other. Each item keeps the
 * trace index of the put that brought it, so that its get names that put as its cause.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "weft-run-private.h"

struct _WeftQueue
{
  WeftObject     parent;
  WeftQueueKind  kind;
  guint          capacity;     /* 0: unbounded */
  GArray        *items;        /* monitor: Item; the next to get is at index 0 */
  GPtrArray     *putters;      /* monitor: actors waiting for room */
  guint          max_length;   /* monitor */
  guint64        n_got;        /* monitor: items got so far */
};

typedef struct
{
  gint32  value;
  guint64 put_at;   /* the trace index of its QUEUE_PUT */
} Item;

static void
weft_queue_finalize (WeftObject *object)
{
  WeftQueue *self = (WeftQueue *) object;

  g_array_unref (self->items);
  g_ptr_array_unref (self->putters);
}

WeftQueue *
weft_queue_new (WeftRun       *run,
                const char    *name,
                WeftQueueKind  kind,
                guint          capacity)
{
  WeftQueue *self = weft_object_new (sizeof (WeftQueue), run, WEFT_OBJECT_QUEUE, name);

  if (self == NULL)
    return NULL;

  WEFT_OBJECT (self)->finalize = weft_queue_finalize;
  self->kind = kind;
  self->capacity = capacity;
  WEFT_OBJECT (self)->initial = (gint32) capacity;
  self->items = g_array_new (FALSE, FALSE, sizeof (Item));
  self->putters = g_ptr_array_new ();

  return self;
}

static void
insert_item (WeftQueue *self,
             Item       item)
{
  guint pos = 0;

  switch (self->kind)
    {
    case WEFT_QUEUE_FIFO:
      pos = self->items->len;
      break;

    case WEFT_QUEUE_LIFO:
      pos = 0;
      break;

    case WEFT_QUEUE_PRIORITY:
      /* Sorted, smallest first; equal items keep their arrival order. */
      while (pos < self->items->len && g_array_index (self->items, Item, pos).value <= item.value)
        pos++;
      break;

    default:
      g_assert_not_reached ();
    }

  g_array_insert_val (self->items, pos, item);
}

gboolean
weft_queue_put (WeftActor *self,
                WeftQueue *queue,
                gint32     item)
{
  WeftObject *object = WEFT_OBJECT (queue);
  WeftRun *run;
  gboolean ok;
  gboolean blocked = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (queue != NULL, FALSE);

  run = self->run;
  weft_monitor_lock (run);

  ok = weft_actor_gate (self, WEFT_OP_PUT, object, item);
  while (ok && queue->capacity > 0 && queue->items->len >= queue->capacity)
    {
      blocked = TRUE;
      ok = weft_actor_block (self, object, queue->putters, WEFT_STATE_WAITING) &&
           weft_actor_regate (self, WEFT_OP_PUT, object, item);
    }

  if (ok)
    {
      Item entry = { item, 0 };

      entry.put_at = weft_run_record (run, WEFT_EVENT_QUEUE_PUT, self->index, object->index, 0, item);
      if (blocked)
        weft_run_record_cause (run, WEFT_CAUSE_ROOM, self, object, object->freed_at);
      insert_item (queue, entry);
      queue->max_length = MAX (queue->max_length, queue->items->len);
      weft_run_record_same_time (run, WEFT_EVENT_QUEUE_LENGTH, self->index, object->index, 0,
                                 (gint32) queue->items->len);
      /* A getter woken by a put takes an item: its get names the put, not this wake. */
      weft_wake_one (object->waiters, object, WEFT_NO_CAUSE);
    }

  weft_monitor_unlock (run);
  return ok;
}

gboolean
weft_queue_get (WeftActor *self,
                WeftQueue *queue,
                gint32    *item)
{
  return weft_queue_get_counted (self, queue, item, NULL);
}

gboolean
weft_queue_get_counted (WeftActor *self,
                        WeftQueue *queue,
                        gint32    *item,
                        guint64   *n_got)
{
  WeftObject *object = WEFT_OBJECT (queue);
  WeftRun *run;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (queue != NULL, FALSE);
  g_return_val_if_fail (item != NULL, FALSE);

  run = self->run;
  weft_monitor_lock (run);

  ok = weft_actor_gate (self, WEFT_OP_GET, object, 0);
  while (ok && queue->items->len == 0)
    {
      ok = weft_actor_block (self, object, object->waiters, WEFT_STATE_WAITING) &&
           weft_actor_regate (self, WEFT_OP_GET, object, 0);
    }

  if (ok)
    {
      Item entry = g_array_index (queue->items, Item, 0);

      *item = entry.value;
      g_array_remove_index (queue->items, 0);
      if (n_got != NULL)
        *n_got = ++queue->n_got;
      else
        queue->n_got++;
      object->freed_at = weft_run_record (run, WEFT_EVENT_QUEUE_GET, self->index, object->index, 0,
                                          *item);
      weft_run_record_cause (run, WEFT_CAUSE_ITEM, self, object, entry.put_at);
      weft_run_record_same_time (run, WEFT_EVENT_QUEUE_LENGTH, self->index, object->index, 0,
                                 (gint32) queue->items->len);
      /* A putter woken for room names this get when it puts. */
      weft_wake_one (queue->putters, object, WEFT_NO_CAUSE);
    }

  weft_monitor_unlock (run);
  return ok;
}

WeftQueueKind
weft_queue_get_kind (WeftQueue *queue)
{
  g_return_val_if_fail (queue != NULL, WEFT_QUEUE_FIFO);
  return queue->kind;
}

guint
weft_queue_get_length (WeftQueue *queue)
{
  g_return_val_if_fail (queue != NULL, 0);

  WEFT_RETURN_LOCKED (WEFT_OBJECT (queue)->run, guint, queue->items->len);
}

/* A copy of the items (gint32), the next to get first. */
GArray *
weft_queue_dup_items (WeftQueue *queue)
{
  GArray *items;

  g_return_val_if_fail (queue != NULL, NULL);

  items = g_array_new (FALSE, FALSE, sizeof (gint32));
  weft_monitor_lock (WEFT_OBJECT (queue)->run);
  for (guint i = 0; i < queue->items->len; i++)
    g_array_append_val (items, g_array_index (queue->items, Item, i).value);
  weft_monitor_unlock (WEFT_OBJECT (queue)->run);

  return items;
}

guint
weft_queue_get_max_length (WeftQueue *queue)
{
  g_return_val_if_fail (queue != NULL, 0);

  WEFT_RETURN_LOCKED (WEFT_OBJECT (queue)->run, guint, queue->max_length);
}
