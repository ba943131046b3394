/* weft-trace.c — the append-only event trace.
 *
 * Chunks sit in a fixed ring of slots sized by the memory cap, so neither the chunks nor
 * the slot table ever move, and a reader may follow the trace without the writers' lock:
 * it loads the published count (acquire), then copies events below it. When the cap is
 * reached the oldest chunk is recycled: `first` advances (release) before the chunk is
 * overwritten, and a reader checks `first` again after its copy, so it either gets the
 * event it asked for or is told the event was dropped, never a torn mix.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdatomic.h>
#include <string.h>

#include "weft-trace.h"

G_STATIC_ASSERT (sizeof (WeftEvent) == 16);

#define CHUNK_SHIFT 12
G_STATIC_ASSERT ((1u << CHUNK_SHIFT) == WEFT_TRACE_CHUNK_EVENTS);
#define CHUNK_MASK (WEFT_TRACE_CHUNK_EVENTS - 1)

struct _WeftTrace
{
  gsize                max_bytes;
  guint                n_slots;
  WeftEvent * _Atomic *slots;     /* n_slots chunk pointers, allocated on first use */
  _Atomic guint64      n_events;  /* published: every event below it is complete */
  _Atomic guint64      first;     /* oldest event still kept */
};

WeftTrace *
weft_trace_new (gsize max_bytes)
{
  WeftTrace *self = g_new0 (WeftTrace, 1);
  gsize chunk_bytes = WEFT_TRACE_CHUNK_EVENTS * sizeof (WeftEvent);

  /* At least two chunks, so the one being written is never the one being dropped. */
  self->max_bytes = max_bytes;
  self->n_slots = (guint) MAX (2, MIN (max_bytes / chunk_bytes, G_MAXUINT / 2));
  self->slots = g_new0 (WeftEvent * _Atomic, self->n_slots);
  atomic_init (&self->n_events, 0);
  atomic_init (&self->first, 0);

  return self;
}

void
weft_trace_free (WeftTrace *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->n_slots; i++)
    g_free (atomic_load_explicit (&self->slots[i], memory_order_relaxed));
  g_free (self->slots);
  g_free (self);
}

/* Writers are serialised by the caller (the run's monitor). */
void
weft_trace_append (WeftTrace       *self,
                   const WeftEvent *event)
{
  guint64 n = atomic_load_explicit (&self->n_events, memory_order_relaxed);
  guint64 chunk = n >> CHUNK_SHIFT;
  guint slot = (guint) (chunk % self->n_slots);
  WeftEvent *events;

  if (G_UNLIKELY ((n & CHUNK_MASK) == 0))
    {
      events = atomic_load_explicit (&self->slots[slot], memory_order_relaxed);
      if (events == NULL)
        {
          events = g_new (WeftEvent, WEFT_TRACE_CHUNK_EVENTS);
          atomic_store_explicit (&self->slots[slot], events, memory_order_release);
        }
      else
        {
          /* Recycle the oldest chunk: tell readers first, then overwrite. */
          atomic_store_explicit (&self->first, (chunk - self->n_slots + 1) << CHUNK_SHIFT,
                                 memory_order_release);
          atomic_thread_fence (memory_order_seq_cst);
        }
    }
  else
    {
      events = atomic_load_explicit (&self->slots[slot], memory_order_relaxed);
    }

  events[n & CHUNK_MASK] = *event;
  atomic_store_explicit (&self->n_events, n + 1, memory_order_release);
}

guint64
weft_trace_get_n_events (WeftTrace *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return atomic_load_explicit (&self->n_events, memory_order_acquire);
}

guint64
weft_trace_get_first (WeftTrace *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return atomic_load_explicit (&self->first, memory_order_acquire);
}

gsize
weft_trace_get_max_bytes (WeftTrace *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->max_bytes;
}

/* Copies event @index into @out. FALSE if it was dropped by the memory cap or has not
 * been published yet. */
gboolean
weft_trace_read (WeftTrace *self,
                 guint64    index,
                 WeftEvent *out)
{
  WeftEvent *events;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (index >= atomic_load_explicit (&self->n_events, memory_order_acquire) ||
      index < atomic_load_explicit (&self->first, memory_order_acquire))
    return FALSE;

  events = atomic_load_explicit (&self->slots[(index >> CHUNK_SHIFT) % self->n_slots],
                                 memory_order_acquire);
  memcpy (out, &events[index & CHUNK_MASK], sizeof *out);

  /* A writer may have recycled the chunk while we copied: check again. */
  atomic_thread_fence (memory_order_acquire);
  return index >= atomic_load_explicit (&self->first, memory_order_relaxed);
}
