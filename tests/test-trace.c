/* test-trace.c — the append-only event trace: event size, round trips, the memory cap,
 * and lock-free reading while writers append.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* For RUSAGE_THREAD. */
#define _GNU_SOURCE

#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "weft-test-util.h"
#include "weft-trace-pool.h"

#define CHUNK_BYTES ((gsize) WEFT_TRACE_CHUNK_EVENTS * sizeof (WeftEvent))

G_STATIC_ASSERT (sizeof (WeftEvent) == 16);

/* Every field of an event derives from one number, so a torn event cannot pass. */
static void
encode_event (WeftEvent *ev,
              guint64    seq,
              guint16    writer)
{
  ev->kind = (guint8) (seq % WEFT_N_EVENT_KINDS);
  ev->aux = (guint8) (seq & 0xFF);
  ev->actor = writer;
  ev->object = (guint16) (seq & 0xFFFF);
  ev->value = (gint32) (guint32) seq;
  weft_event_set_time (ev, seq * 7);
}

static gboolean
event_is_consistent (const WeftEvent *ev,
                     guint64          seq,
                     guint            n_writers)
{
  return ev->kind == (guint8) (seq % WEFT_N_EVENT_KINDS)
      && ev->aux == (guint8) (seq & 0xFF)
      && ev->actor < n_writers
      && ev->object == (guint16) (seq & 0xFFFF)
      && ev->value == (gint32) (guint32) seq
      && weft_event_get_time (ev) == seq * 7;
}

/* Appends @ev the way the runtime does, by its fields (weft_trace_record). */
static void
record_event (WeftTrace       *trace,
              const WeftEvent *ev)
{
  weft_trace_record (trace, weft_event_get_time (ev), ev->kind, ev->aux, ev->actor,
                     ev->object, ev->value);
}

static gsize
resident_bytes (void)
{
  FILE *f = fopen ("/proc/self/statm", "r");
  unsigned long size = 0, resident = 0;

  if (f == NULL)
    return 0;
  if (fscanf (f, "%lu %lu", &size, &resident) != 2)
    resident = 0;
  fclose (f);
  return (gsize) resident * (gsize) sysconf (_SC_PAGESIZE);
}

START_TEST (test_event_size)
{
  WeftEvent ev = { 0 };

  ck_assert_uint_eq (sizeof (WeftEvent), 16);
  ck_assert_uint_eq (sizeof ev.value, 4);

  /* The time helpers keep 48 bits. */
  weft_event_set_time (&ev, G_GUINT64_CONSTANT (0xFFFFFFFFFFFF));
  ck_assert_uint_eq (weft_event_get_time (&ev), G_GUINT64_CONSTANT (0xFFFFFFFFFFFF));
  ck_assert_uint_eq (ev.time_hi, 0xFFFF);
  ck_assert_uint_eq (ev.time_lo, 0xFFFFFFFFu);
  weft_event_set_time (&ev, G_GUINT64_CONSTANT (0x123456789ABC));
  ck_assert_uint_eq (ev.time_hi, 0x1234);
  ck_assert_uint_eq (ev.time_lo, 0x56789ABCu);
}
END_TEST

START_TEST (test_round_trip)
{
  g_autoptr(WeftTrace) trace = weft_trace_new (WEFT_TRACE_DEFAULT_CAP);
  static const guint64 times[] = {
    0,
    1,
    G_GUINT64_CONSTANT (0xFFFFFFFF),        /* all low bits */
    G_GUINT64_CONSTANT (0x100000000),       /* first high bit */
    G_GUINT64_CONSTANT (0x123456789ABC),
    G_GUINT64_CONSTANT (0xFFFFFFFFFFFF),    /* the largest 48-bit time */
  };

  ck_assert_ptr_nonnull (trace);
  ck_assert_uint_eq (weft_trace_get_n_events (trace), 0);
  ck_assert_uint_eq (weft_trace_get_first (trace), 0);
  ck_assert_uint_eq (weft_trace_get_max_bytes (trace), WEFT_TRACE_DEFAULT_CAP);

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      WeftEvent ev = { 0 };

      ev.kind = WEFT_EVENT_ACQUIRED + i;
      ev.aux = 200 + i;
      ev.actor = (i == 0) ? WEFT_NONE : (guint16) (i * 1000);
      ev.object = (i == 1) ? WEFT_NONE : (guint16) (0xFFF0 - i);
      ev.value = (i % 2) ? -(gint32) (i * 123456) : G_MAXINT32 - (gint32) i;
      weft_event_set_time (&ev, times[i]);
      weft_trace_append (trace, &ev);
      ck_assert_uint_eq (weft_trace_get_n_events (trace), i + 1);
    }

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      WeftEvent ev;

      memset (&ev, 0xAB, sizeof ev);
      ck_assert (weft_trace_read (trace, i, &ev));
      ck_assert_uint_eq (ev.kind, WEFT_EVENT_ACQUIRED + i);
      ck_assert_uint_eq (ev.aux, 200 + i);
      ck_assert_uint_eq (ev.actor, (i == 0) ? WEFT_NONE : i * 1000);
      ck_assert_uint_eq (ev.object, (i == 1) ? WEFT_NONE : 0xFFF0 - i);
      ck_assert_int_eq (ev.value, (i % 2) ? -(gint32) (i * 123456) : G_MAXINT32 - (gint32) i);
      ck_assert_uint_eq (weft_event_get_time (&ev), times[i]);
    }
  ck_assert_uint_eq (weft_trace_get_first (trace), 0);
}
END_TEST

/* n_events grows by one per append, across chunk boundaries, and every event stays. */
START_TEST (test_grows_across_chunks)
{
  g_autoptr(WeftTrace) trace = weft_trace_new (WEFT_TRACE_DEFAULT_CAP);
  const guint64 total = 3 * WEFT_TRACE_CHUNK_EVENTS + 17;

  for (guint64 i = 0; i < total; i++)
    {
      WeftEvent ev;

      encode_event (&ev, i, 0);
      weft_trace_append (trace, &ev);
      ck_assert_uint_eq (weft_trace_get_n_events (trace), i + 1);
    }

  ck_assert_uint_eq (weft_trace_get_first (trace), 0);
  for (guint64 i = 0; i < total; i++)
    {
      WeftEvent ev;

      ck_assert (weft_trace_read (trace, i, &ev));
      ck_assert_msg (event_is_consistent (&ev, i, 1), "event %" G_GUINT64_FORMAT " is wrong", i);
    }
}
END_TEST

/* With a cap of 4 chunks, appending 10 chunks' worth drops whole oldest chunks. */
START_TEST (test_cap_drops_oldest_chunks)
{
  const gsize cap = 4 * CHUNK_BYTES;
  g_autoptr(WeftTrace) trace = weft_trace_new (cap);
  const guint64 total = 10 * WEFT_TRACE_CHUNK_EVENTS;
  guint64 n, first;
  WeftEvent ev;

  ck_assert_uint_eq (weft_trace_get_max_bytes (trace), cap);

  for (guint64 i = 0; i < total; i++)
    {
      encode_event (&ev, i, 0);
      weft_trace_append (trace, &ev);
      /* The kept window never exceeds the cap. */
      ck_assert_uint_le ((weft_trace_get_n_events (trace) - weft_trace_get_first (trace))
                         * sizeof (WeftEvent), cap);
    }

  n = weft_trace_get_n_events (trace);
  first = weft_trace_get_first (trace);
  ck_assert_uint_eq (n, total);
  ck_assert_uint_gt (first, 0);
  ck_assert_uint_eq (first % WEFT_TRACE_CHUNK_EVENTS, 0);   /* whole chunks */
  ck_assert_uint_le ((n - first) * sizeof (WeftEvent), cap);
  ck_assert_uint_ge (n - first, WEFT_TRACE_CHUNK_EVENTS);    /* keeps something useful */

  /* Dropped events read FALSE. */
  ck_assert (!weft_trace_read (trace, 0, &ev));
  ck_assert (!weft_trace_read (trace, WEFT_TRACE_CHUNK_EVENTS, &ev));
  ck_assert (!weft_trace_read (trace, first - 1, &ev));

  /* Kept ones read TRUE with the right content. */
  ck_assert (weft_trace_read (trace, first, &ev));
  ck_assert (event_is_consistent (&ev, first, 1));
  ck_assert (weft_trace_read (trace, n - 1, &ev));
  ck_assert (event_is_consistent (&ev, n - 1, 1));
  for (guint64 i = first; i < n; i++)
    {
      ck_assert (weft_trace_read (trace, i, &ev));
      ck_assert_msg (event_is_consistent (&ev, i, 1), "event %" G_GUINT64_FORMAT " is wrong", i);
    }
}
END_TEST

/* A cursor reads every event in order; after the cap recycled chunks it skips what was
 * lost, counts it, and reads on with the right content; at the end it says none. */
START_TEST (test_cursor)
{
  g_autoptr(WeftTrace) trace = weft_trace_new (4 * CHUNK_BYTES);
  WeftTraceCursor cursor, late;
  WeftEvent ev;
  guint64 read = 0, first;

  weft_trace_cursor_init (&cursor, trace, 0);
  weft_trace_cursor_init (&late, trace, 0);
  ck_assert (!weft_trace_cursor_next (&cursor, &ev));
  ck_assert_uint_eq (weft_trace_cursor_pending (&cursor), 0);

  for (guint64 i = 0; i < 3 * WEFT_TRACE_CHUNK_EVENTS; i++)
    {
      encode_event (&ev, i, 0);
      weft_trace_append (trace, &ev);
    }
  ck_assert_uint_eq (weft_trace_cursor_pending (&cursor), 3 * WEFT_TRACE_CHUNK_EVENTS);
  while (weft_trace_cursor_next (&cursor, &ev))
    {
      ck_assert_msg (event_is_consistent (&ev, read, 1), "event %" G_GUINT64_FORMAT, read);
      read++;
    }
  ck_assert_uint_eq (read, 3 * WEFT_TRACE_CHUNK_EVENTS);
  ck_assert_uint_eq (cursor.skipped, 0);

  /* Ten more chunks: the late reader lost the oldest ones. */
  for (guint64 i = 3 * WEFT_TRACE_CHUNK_EVENTS; i < 13 * WEFT_TRACE_CHUNK_EVENTS; i++)
    {
      encode_event (&ev, i, 0);
      weft_trace_append (trace, &ev);
    }
  first = weft_trace_get_first (trace);
  ck_assert_uint_gt (first, 0);
  ck_assert (weft_trace_cursor_next (&late, &ev));
  ck_assert (event_is_consistent (&ev, first, 1));
  ck_assert_uint_eq (late.skipped, first);
  ck_assert_uint_eq (late.next, first + 1);
  read = 1;
  while (weft_trace_cursor_next (&late, &ev))
    read++;
  ck_assert_uint_eq (read + late.skipped, 13 * WEFT_TRACE_CHUNK_EVENTS);
  ck_assert_uint_eq (weft_trace_cursor_pending (&late), 0);
}
END_TEST

/* weft_trace_record (the runtime's way, by fields) stores exactly what weft_trace_append
 * of the same event does, extreme values included, across chunk boundaries and through
 * the recycling of a capped trace. */
START_TEST (test_record_matches_append)
{
  const gsize cap = 2 * CHUNK_BYTES;
  g_autoptr(WeftTrace) by_append = weft_trace_new (cap);
  g_autoptr(WeftTrace) by_record = weft_trace_new (cap);
  const guint64 total = 5 * WEFT_TRACE_CHUNK_EVENTS + 3;

  for (guint64 i = 0; i < total; i++)
    {
      WeftEvent ev;

      encode_event (&ev, i, (guint16) (i & 3));
      if (i % 7 == 0)
        {
          /* All bits set in every field. */
          weft_event_set_time (&ev, G_GUINT64_CONSTANT (0xFFFFFFFFFFFF));
          ev.kind = 0xFF;
          ev.aux = 0xFF;
          ev.actor = 0xFFFF;
          ev.object = 0xFFFF;
          ev.value = -1;
        }
      weft_trace_append (by_append, &ev);
      record_event (by_record, &ev);
      ck_assert_uint_eq (weft_trace_get_n_events (by_record), i + 1);
      ck_assert_uint_eq (weft_trace_get_first (by_record), weft_trace_get_first (by_append));
    }

  ck_assert_uint_gt (weft_trace_get_first (by_record), 0);
  for (guint64 i = weft_trace_get_first (by_record); i < total; i++)
    {
      WeftEvent a, b;

      ck_assert (weft_trace_read (by_append, i, &a));
      ck_assert (weft_trace_read (by_record, i, &b));
      ck_assert_msg (memcmp (&a, &b, sizeof a) == 0, "event %" G_GUINT64_FORMAT " differs", i);
    }
}
END_TEST

/* 1024 chunks (64 MiB uncapped) into a 256 KiB cap: resident memory stays small. */
START_TEST (test_cap_bounds_memory)
{
  const gsize cap = 4 * CHUNK_BYTES;
  const guint64 total = (guint64) 1024 * WEFT_TRACE_CHUNK_EVENTS;
  WeftTrace *trace;
  gsize rss_before, rss_after;
  WeftEvent ev;

  rss_before = resident_bytes ();
  trace = weft_trace_new (cap);
  for (guint64 i = 0; i < total; i++)
    {
      encode_event (&ev, i, 0);
      weft_trace_append (trace, &ev);
    }
  rss_after = resident_bytes ();

  ck_assert_uint_eq (weft_trace_get_n_events (trace), total);
  ck_assert_uint_le ((total - weft_trace_get_first (trace)) * sizeof (WeftEvent), cap);
  ck_assert (weft_trace_read (trace, total - 1, &ev));
  ck_assert (event_is_consistent (&ev, total - 1, 1));
  if (rss_before > 0 && rss_after > 0)
    ck_assert_msg (rss_after < rss_before + 16 * 1024 * 1024,
                   "resident memory grew by %" G_GSIZE_FORMAT " bytes for a %" G_GSIZE_FORMAT
                   "-byte cap", rss_after - rss_before, cap);

  weft_trace_free (trace);
}
END_TEST

/* Concurrent writers (serialised by a mutex, as the monitor does) and one lock-free
 * reader. */

#define N_WRITERS 4
#define TOTAL_EVENTS ((guint64) 1000000)

typedef struct
{
  WeftTrace *trace;
  GMutex     mutex;     /* serialises the writers */
  guint64    next_seq;  /* under mutex */
  gint       writers_done;

  /* the reader's findings */
  guint64    verified;
  guint64    dropped;
  guint64    torn;
  guint64    bad_drop;  /* read FALSE for an index that was not dropped */
  guint64    first_bad_index;
} ConcurrentTest;

typedef struct
{
  ConcurrentTest *test;
  guint16         id;
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *w = data;
  ConcurrentTest *t = w->test;

  for (;;)
    {
      WeftEvent ev;
      gboolean done = FALSE;

      g_mutex_lock (&t->mutex);
      if (t->next_seq >= TOTAL_EVENTS)
        done = TRUE;
      else
        {
          /* seq equals the index this event gets. */
          encode_event (&ev, t->next_seq, w->id);
          /* Both ways of appending, so readers check the runtime's too. */
          if (t->next_seq % 2 == 0)
            weft_trace_append (t->trace, &ev);
          else
            record_event (t->trace, &ev);
          t->next_seq++;
        }
      g_mutex_unlock (&t->mutex);
      if (done)
        break;
    }

  g_atomic_int_inc (&t->writers_done);
  return NULL;
}

static gpointer
reader_thread (gpointer data)
{
  ConcurrentTest *t = data;
  guint64 next = 0;

  for (;;)
    {
      gboolean writers_done = g_atomic_int_get (&t->writers_done) == N_WRITERS;
      guint64 n = weft_trace_get_n_events (t->trace);
      guint64 first = weft_trace_get_first (t->trace);

      if (next < first)
        {
          t->dropped += first - next;
          next = first;
        }

      for (; next < n; next++)
        {
          WeftEvent ev;

          if (weft_trace_read (t->trace, next, &ev))
            {
              if (event_is_consistent (&ev, next, N_WRITERS))
                t->verified++;
              else
                {
                  if (t->torn == 0 && t->bad_drop == 0)
                    t->first_bad_index = next;
                  t->torn++;
                }
            }
          else if (next < weft_trace_get_first (t->trace))
            t->dropped++;
          else
            {
              if (t->torn == 0 && t->bad_drop == 0)
                t->first_bad_index = next;
              t->bad_drop++;
            }
        }

      if (writers_done && next >= weft_trace_get_n_events (t->trace))
        break;
    }

  return NULL;
}

static void
run_concurrent (ConcurrentTest *t,
                gsize           cap)
{
  GThread *writers[N_WRITERS];
  Writer w[N_WRITERS];
  GThread *reader;

  memset (t, 0, sizeof *t);
  t->trace = weft_trace_new (cap);
  g_mutex_init (&t->mutex);

  reader = g_thread_new ("reader", reader_thread, t);
  for (guint i = 0; i < N_WRITERS; i++)
    {
      w[i].test = t;
      w[i].id = (guint16) i;
      writers[i] = g_thread_new ("writer", writer_thread, &w[i]);
    }
  for (guint i = 0; i < N_WRITERS; i++)
    g_thread_join (writers[i]);
  g_thread_join (reader);

  g_mutex_clear (&t->mutex);
}

START_TEST (test_concurrent_reader_no_cap)
{
  ConcurrentTest t;

  run_concurrent (&t, WEFT_TRACE_DEFAULT_CAP);

  ck_assert_uint_eq (weft_trace_get_n_events (t.trace), TOTAL_EVENTS);
  ck_assert_msg (t.torn == 0, "%" G_GUINT64_FORMAT " torn events, first at %" G_GUINT64_FORMAT,
                 t.torn, t.first_bad_index);
  ck_assert_msg (t.bad_drop == 0, "%" G_GUINT64_FORMAT " kept events read FALSE, first at %"
                 G_GUINT64_FORMAT, t.bad_drop, t.first_bad_index);
  ck_assert_uint_eq (t.dropped, 0);
  ck_assert_uint_eq (t.verified, TOTAL_EVENTS);

  weft_trace_free (t.trace);
}
END_TEST

START_TEST (test_concurrent_reader_small_cap)
{
  ConcurrentTest t;
  const gsize cap = 2 * CHUNK_BYTES;

  run_concurrent (&t, cap);

  ck_assert_uint_eq (weft_trace_get_n_events (t.trace), TOTAL_EVENTS);
  ck_assert_msg (t.torn == 0, "%" G_GUINT64_FORMAT " torn events, first at %" G_GUINT64_FORMAT,
                 t.torn, t.first_bad_index);
  ck_assert_msg (t.bad_drop == 0, "%" G_GUINT64_FORMAT " kept events read FALSE, first at %"
                 G_GUINT64_FORMAT, t.bad_drop, t.first_bad_index);
  ck_assert_uint_eq (t.verified + t.dropped, TOTAL_EVENTS);
  ck_assert_uint_gt (t.verified, 0);
  /* Recycling happened: most of the million events are gone. */
  ck_assert_uint_gt (weft_trace_get_first (t.trace), 0);
  ck_assert_uint_le ((TOTAL_EVENTS - weft_trace_get_first (t.trace)) * sizeof (WeftEvent), cap);

  weft_trace_free (t.trace);
}
END_TEST

/* A reader copies the oldest kept events, the next to be recycled, while the writer wraps
 * the ring over them: every read gives the right event or says it was dropped, never a
 * torn one, and the copy is no data race in C11 terms (ThreadSanitizer checks that:
 * build-aux/test-tsan). The writer waits for the reader's first reads before wrapping, so
 * that every run overwrites events the reader has copied. The handshake is relaxed on
 * purpose: it must not order the reader's copies before the writer's overwrites for TSan. */

#define WRAP_CHUNKS 48

typedef struct
{
  WeftTrace *trace;
  gint       reading;      /* relaxed: the reader has copied events of the first chunk */
  gint       writer_done;
  /* the reader's findings, read after the join */
  guint64    copied;
  guint64    dropped;
  guint64    torn;
  guint64    bad_drop;
} WrapTest;

static void
wrap_read (WrapTest *t,
           guint64   index)
{
  WeftEvent ev;

  if (weft_trace_read (t->trace, index, &ev))
    {
      if (event_is_consistent (&ev, index, 1))
        t->copied++;
      else
        t->torn++;
    }
  else if (index < weft_trace_get_first (t->trace))
    t->dropped++;
  else
    t->bad_drop++;
}

static gpointer
wrap_reader_thread (gpointer data)
{
  WrapTest *t = data;

  while (!g_atomic_int_get (&t->writer_done))
    {
      guint64 first = weft_trace_get_first (t->trace);
      guint64 n = weft_trace_get_n_events (t->trace);

      for (guint64 i = first; i < n && i < first + 64; i++)
        wrap_read (t, i);
      if (n > 0)
        {
          wrap_read (t, n - 1);
          __atomic_store_n (&t->reading, 1, __ATOMIC_RELAXED);
        }
    }

  return NULL;
}

START_TEST (test_reader_while_ring_wraps)
{
  WrapTest t = { 0 };
  GThread *reader;
  guint64 seq = 0;

  t.trace = weft_trace_new (2 * CHUNK_BYTES);
  reader = g_thread_new ("wrap-reader", wrap_reader_thread, &t);

  for (guint chunk = 0; chunk < WRAP_CHUNKS; chunk++)
    {
      for (guint i = 0; i < WEFT_TRACE_CHUNK_EVENTS; i++, seq++)
        {
          WeftEvent ev;

          encode_event (&ev, seq, 0);
          /* Both ways of appending: both stores race with the reader's copy. */
          if (seq % 2 == 0)
            record_event (t.trace, &ev);
          else
            weft_trace_append (t.trace, &ev);
        }
      if (chunk == 0)
        while (!__atomic_load_n (&t.reading, __ATOMIC_RELAXED))
          g_thread_yield ();
    }
  g_atomic_int_set (&t.writer_done, 1);
  g_thread_join (reader);

  ck_assert_msg (t.torn == 0, "%" G_GUINT64_FORMAT " torn events", t.torn);
  ck_assert_msg (t.bad_drop == 0, "%" G_GUINT64_FORMAT " kept events read FALSE", t.bad_drop);
  ck_assert_uint_gt (t.copied, 0);
  /* The ring wrapped: only the last two chunks are kept. */
  ck_assert_uint_eq (weft_trace_get_first (t.trace),
                     (guint64) (WRAP_CHUNKS - 2) * WEFT_TRACE_CHUNK_EVENTS);

  weft_trace_free (t.trace);
}
END_TEST

/* Not under ThreadSanitizer: there the recording thread also faults in TSan's own memory
 * (a chunk's shadow, two to four times its size, and the thread's history of accesses):
 * 343 and 561 faults measured, so the counts would measure TSan and not the pool. */
#ifndef __SANITIZE_THREAD__

/* The recording path takes no page fault: the writer records into chunks whose pages are
 * already mapped (given back by an earlier trace, or touched by the pool's helper). On a
 * VM a first touch costs 12–17 µs, half the cost of a hot lock pair. */

#define FAULT_TEST_CHUNKS 64
/* The faults counted are the calling thread's (RUSAGE_THREAD), not the pool's helper's. */

static void
record_chunks (WeftTrace *trace,
               guint      n_chunks)
{
  guint64 n = (guint64) n_chunks * WEFT_TRACE_CHUNK_EVENTS;

  for (guint64 i = 0; i < n; i++)
    weft_trace_record (trace, i, WEFT_EVENT_MARK, 0, 0, 0, (gint32) i);
}

START_TEST (test_recycled_chunks_fault_nothing)
{
  g_autoptr(WeftTrace) first = weft_trace_new (WEFT_TRACE_DEFAULT_CAP);
  g_autoptr(WeftTrace) second = NULL;
  WeftEvent ev;
  glong before, faults;

  record_chunks (first, FAULT_TEST_CHUNKS);
  g_clear_pointer (&first, weft_trace_free);

  second = weft_trace_new (WEFT_TRACE_DEFAULT_CAP);
  before = test_minor_faults (RUSAGE_THREAD);
  record_chunks (second, FAULT_TEST_CHUNKS);
  faults = test_minor_faults (RUSAGE_THREAD) - before;

  /* Sixteen pages a chunk: faulting them in would be ≥ 1024. */
  ck_assert_msg (faults < FAULT_TEST_CHUNKS, "%ld page faults recording %d chunks",
                 faults, FAULT_TEST_CHUNKS);
  ck_assert_uint_eq (weft_trace_get_n_events (second),
                     (guint64) FAULT_TEST_CHUNKS * WEFT_TRACE_CHUNK_EVENTS);
  ck_assert (weft_trace_read (second, 12345, &ev));
  ck_assert_int_eq (ev.value, 12345);
}
END_TEST

START_TEST (test_fresh_chunks_are_prefaulted)
{
  g_autoptr(WeftTrace) trace = weft_trace_new (WEFT_TRACE_DEFAULT_CAP);
  glong before, faults;
  const guint n = 8;

  /* The first chunk wakes the helper; give it time to stock up (it may be slow to get a
   * core on a loaded machine). */
  record_chunks (trace, 1);
  for (guint i = 0; i < 1000 && weft_trace_pool_get_n_ready () < n; i++)
    g_usleep (10000);
  ck_assert_uint_ge (weft_trace_pool_get_n_ready (), n);

  before = test_minor_faults (RUSAGE_THREAD);
  for (guint64 i = 0; i < (guint64) n * WEFT_TRACE_CHUNK_EVENTS; i++)
    weft_trace_record (trace, i, WEFT_EVENT_MARK, 0, 0, 0, 0);
  faults = test_minor_faults (RUSAGE_THREAD) - before;

  ck_assert_msg (faults < (glong) n, "%ld page faults recording %u fresh chunks", faults, n);
}
END_TEST

#endif

static Suite *
trace_suite (void)
{
  Suite *s = suite_create ("trace");

  test_add_case (s, "event-size", test_event_size);
  test_add_case (s, "round-trip", test_round_trip);
  test_add_case (s, "grows-across-chunks", test_grows_across_chunks);
  test_add_case (s, "cap-drops-oldest-chunks", test_cap_drops_oldest_chunks);
  test_add_case (s, "cursor", test_cursor);
  test_add_case (s, "record-matches-append", test_record_matches_append);
  test_add_case (s, "cap-bounds-memory", test_cap_bounds_memory);
  test_add_case (s, "concurrent-reader", test_concurrent_reader_no_cap);
  test_add_case (s, "concurrent-reader-small-cap", test_concurrent_reader_small_cap);
  test_add_case (s, "reader-while-ring-wraps", test_reader_while_ring_wraps);
#ifndef __SANITIZE_THREAD__
  test_add_case (s, "recycled-chunks-fault-nothing", test_recycled_chunks_fault_nothing);
  /* Under a sanitizer the recording thread faults in the shadow of each fresh chunk,
   * which no prefaulting of the chunk itself can spare it. */
  if (!TEST_SANITIZED)
    test_add_case (s, "fresh-chunks-are-prefaulted", test_fresh_chunks_are_prefaulted);
#endif
  return s;
}

int
main (void)
{
  return test_run_suite (trace_suite ());
}
