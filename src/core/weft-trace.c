/* weft-trace.c — the append-only event trace.
 *
 * Chunks sit in a fixed ring of slots sized by the memory cap, so neither the chunks nor
 * the slot table ever move, and a reader may follow the trace without the writers' lock:
 * it loads the published count (acquire), then copies events below it. When the cap is
 * reached the oldest chunk is recycled: `first` advances (release) before the chunk is
 * overwritten, and a reader checks `first` again after its copy, so it either gets the
 * event it asked for or is told the event was dropped, never a torn mix (a seqlock, with
 * `first` as its sequence). Since a reader may copy an event while the writer overwrites
 * it, both sides move an event as two relaxed atomic 64-bit words: plain stores on x86,
 * as before, but no data race in C11 terms, nor for ThreadSanitizer. New chunks come
 * from a process-wide pool, pre-faulted (weft-trace-pool.c), and go back to it when the
 * trace is freed.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdatomic.h>
#include <string.h>

#include "weft-trace.h"
#include "weft-trace-pool.h"

G_STATIC_ASSERT (sizeof (WeftEvent) == 16);

#define CHUNK_SHIFT 12
G_STATIC_ASSERT ((1u << CHUNK_SHIFT) == WEFT_TRACE_CHUNK_EVENTS);
#define CHUNK_MASK (WEFT_TRACE_CHUNK_EVENTS - 1)

/* An event in a chunk is two 64-bit words, each stored and loaded whole (relaxed
 * atomics): chunks come from g_malloc and events are 16 bytes, so the words are aligned. */
G_STATIC_ASSERT (sizeof (WeftEvent) == 2 * sizeof (guint64));

static inline void
store_event_words (WeftEvent *event,
                   guint64    head,
                   guint64    tail)
{
  guint64 *words = (guint64 *) (gpointer) event;

  __atomic_store_n (&words[0], head, __ATOMIC_RELAXED);
  __atomic_store_n (&words[1], tail, __ATOMIC_RELAXED);
}

/* weft_trace_append()'s copy of the caller's event (which no other thread sees). */
static inline void
store_event (WeftEvent       *event,
             const WeftEvent *from)
{
  guint64 head, tail;

  memcpy (&head, from, sizeof head);
  memcpy (&tail, (const char *) from + sizeof head, sizeof tail);
  store_event_words (event, head, tail);
}

/* The reader's copy, which may race with the writer recycling the chunk: the caller
 * checks `first` afterwards to know whether the copy holds. */
static inline void
load_event (const WeftEvent *event,
            WeftEvent       *out)
{
  const guint64 *words = (const guint64 *) (gconstpointer) event;
  guint64 head = __atomic_load_n (&words[0], __ATOMIC_RELAXED);
  guint64 tail = __atomic_load_n (&words[1], __ATOMIC_RELAXED);

  memcpy (out, &head, sizeof head);
  memcpy ((char *) out + sizeof head, &tail, sizeof tail);
}

struct _WeftTrace
{
  gsize                max_bytes;
  guint                n_slots;
  WeftEvent * _Atomic *slots;     /* n_slots chunk pointers, allocated on first use */
  _Atomic guint64      n_events;  /* published: every event below it is complete */
  _Atomic guint64      first;     /* oldest event still kept */

  /* The writer's own (serialised by the caller, never read by readers): where the next
   * event goes, so that appending into the current chunk is a copy and a store, with no
   * division to find the slot and no load of the shared count. */
  WeftEvent           *write_at;  /* in the current chunk; NULL before the first event */
  WeftEvent           *write_end; /* end of the current chunk */
  guint64              n_written; /* == n_events, as the writer last published it */
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

  /* Back to the pool: the next run records into pages already mapped. */
  for (guint i = 0; i < self->n_slots; i++)
    weft_trace_pool_give (atomic_load_explicit (&self->slots[i], memory_order_relaxed));
  g_free (self->slots);
  g_free (self);
}

/* The current chunk is full (or there is none yet): take the next slot's chunk, from the
 * pool on first use (pages already touched, so the writer takes no page fault under the
 * monitor: weft-trace-pool.h) or by recycling the oldest one. */
static G_GNUC_NO_INLINE void
next_chunk (WeftTrace *self)
{
  guint64 n = self->n_written;
  guint64 chunk = n >> CHUNK_SHIFT;
  guint slot = (guint) (chunk % self->n_slots);
  WeftEvent *events;

  g_assert ((n & CHUNK_MASK) == 0);

  events = atomic_load_explicit (&self->slots[slot], memory_order_relaxed);
  if (events == NULL)
    {
      events = weft_trace_pool_take ();
      atomic_store_explicit (&self->slots[slot], events, memory_order_release);
    }
  else
    {
      /* Recycle the oldest chunk: tell readers first, then overwrite. The fence orders
       * the store of `first` before the event stores that follow: a reader whose relaxed
       * load sees one of them sees the new `first` after its acquire fence
       * (weft_trace_read). */
      atomic_store_explicit (&self->first, (chunk - self->n_slots + 1) << CHUNK_SHIFT,
                             memory_order_release);
      atomic_thread_fence (memory_order_seq_cst);
    }

  self->write_at = events;
  self->write_end = events + WEFT_TRACE_CHUNK_EVENTS;
}

/* Writers are serialised by the caller (the run's monitor). The common case is a copy
 * into the current chunk and a store-release of the count (a plain store on x86): a
 * reader that sees the new count sees the event. */
void
weft_trace_append (WeftTrace       *self,
                   const WeftEvent *event)
{
  if (G_UNLIKELY (self->write_at == self->write_end))
    next_chunk (self);

  store_event (self->write_at++, event);
  atomic_store_explicit (&self->n_events, ++self->n_written, memory_order_release);
}

static inline void
fill_event (WeftEvent     *event,
            guint64        time_ns,
            WeftEventKind  kind,
            guint8         aux,
            guint16        actor,
            guint16        object,
            gint32         value)
{
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  /* Two 8-byte stores rather than seven narrow ones: time_lo, time_hi, kind, aux, then
   * actor, object, value, in this order in memory (static assertions below). */
  guint64 head = (time_ns & G_GUINT64_CONSTANT (0xFFFFFFFFFFFF)) | ((guint64) kind << 48) |
                 ((guint64) aux << 56);
  guint64 tail = (guint64) actor | ((guint64) object << 16) | ((guint64) (guint32) value << 32);

  store_event_words (event, head, tail);
#else
  WeftEvent local;

  weft_event_set_time (&local, time_ns);
  local.kind = (guint8) kind;
  local.aux = aux;
  local.actor = actor;
  local.object = object;
  local.value = value;
  store_event (event, &local);
#endif
}

G_STATIC_ASSERT (G_STRUCT_OFFSET (WeftEvent, time_hi) == 4);
G_STATIC_ASSERT (G_STRUCT_OFFSET (WeftEvent, kind) == 6);
G_STATIC_ASSERT (G_STRUCT_OFFSET (WeftEvent, aux) == 7);
G_STATIC_ASSERT (G_STRUCT_OFFSET (WeftEvent, actor) == 8);
G_STATIC_ASSERT (G_STRUCT_OFFSET (WeftEvent, object) == 10);
G_STATIC_ASSERT (G_STRUCT_OFFSET (WeftEvent, value) == 12);

/* weft_trace_record() when the current chunk is full: apart, so that the common path
 * saves no registers for a call it does not make (this one is a tail call). */
static G_GNUC_NO_INLINE guint64
record_in_next_chunk (WeftTrace     *self,
                      guint64        time_ns,
                      WeftEventKind  kind,
                      guint8         aux,
                      guint16        actor,
                      guint16        object,
                      gint32         value)
{
  next_chunk (self);
  fill_event (self->write_at++, time_ns, kind, aux, actor, object, value);
  atomic_store_explicit (&self->n_events, ++self->n_written, memory_order_release);
  return self->n_written - 1;
}

/* weft_trace_append() of an event given by its fields: what the runtime records with.
 * The fields go straight into the chunk. (An event assembled on the caller's stack by
 * narrow stores, then copied in one 16-byte load, made the load wait for the stores to
 * reach the cache, with no store forwarding: a third of the cost of appending.) */
guint64
weft_trace_record (WeftTrace     *self,
                   guint64        time_ns,
                   WeftEventKind  kind,
                   guint8         aux,
                   guint16        actor,
                   guint16        object,
                   gint32         value)
{
  WeftEvent *event = self->write_at;

  if (G_UNLIKELY (event == self->write_end))
    return record_in_next_chunk (self, time_ns, kind, aux, actor, object, value);

  self->write_at = event + 1;
  fill_event (event, time_ns, kind, aux, actor, object, value);
  atomic_store_explicit (&self->n_events, ++self->n_written, memory_order_release);
  return self->n_written - 1;
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
  load_event (&events[index & CHUNK_MASK], out);

  /* A writer may have recycled the chunk while we copied: check again. The fence keeps
   * this load of `first` after the copy's loads (next_chunk() has the writer's side). */
  atomic_thread_fence (memory_order_acquire);
  return index >= atomic_load_explicit (&self->first, memory_order_relaxed);
}

/* Cursors -------------------------------------------------------------------------------- */

void
weft_trace_cursor_init (WeftTraceCursor *cursor,
                        WeftTrace       *trace,
                        guint64          from)
{
  g_return_if_fail (cursor != NULL);
  g_return_if_fail (trace != NULL);

  cursor->trace = trace;
  cursor->next = from;
  cursor->skipped = 0;
}

gboolean
weft_trace_cursor_next (WeftTraceCursor *cursor,
                        WeftEvent       *out)
{
  g_return_val_if_fail (cursor != NULL && cursor->trace != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  for (;;)
    {
      guint64 first;

      if (cursor->next >= weft_trace_get_n_events (cursor->trace))
        return FALSE;
      first = weft_trace_get_first (cursor->trace);
      if (cursor->next < first)
        {
          cursor->skipped += first - cursor->next;
          cursor->next = first;
          continue;
        }
      /* Recycled while copied: the next turn skips it, counted. */
      if (!weft_trace_read (cursor->trace, cursor->next, out))
        continue;
      cursor->next++;
      return TRUE;
    }
}

guint64
weft_trace_cursor_pending (const WeftTraceCursor *cursor)
{
  guint64 n;

  g_return_val_if_fail (cursor != NULL && cursor->trace != NULL, 0);

  n = weft_trace_get_n_events (cursor->trace);
  return n > cursor->next ? n - cursor->next : 0;
}
