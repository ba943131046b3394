/* weft-trace.h — the append-only event trace of a run.
 *
 * One writer at a time (the run's monitor serialises them) appends fixed-size events to
 * chunks that never move. Readers on other threads take no lock: they read the published
 * count, then copy events below it. A memory cap bounds long runs: when it is reached the
 * oldest chunk is recycled, the events it held are counted as dropped, and a reader that
 * raced with the recycling is told so instead of getting a torn event.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "weft-types.h"

G_BEGIN_DECLS

typedef struct _WeftTrace WeftTrace;

/* Events per chunk; a chunk is 64 KiB. */
#define WEFT_TRACE_CHUNK_EVENTS 4096
#define WEFT_TRACE_DEFAULT_CAP  ((gsize) 256 * 1024 * 1024)

WeftTrace *weft_trace_new             (gsize            max_bytes);
void       weft_trace_free            (WeftTrace       *self);
void       weft_trace_append          (WeftTrace       *self,
                                       const WeftEvent *event);
/* Returns the index of the event it recorded. */
guint64    weft_trace_record          (WeftTrace       *self,
                                       guint64          time_ns,
                                       WeftEventKind    kind,
                                       guint8           aux,
                                       guint16          actor,
                                       guint16          object,
                                       gint32           value);
guint64    weft_trace_get_n_events    (WeftTrace       *self);
guint64    weft_trace_get_first       (WeftTrace       *self);
gboolean   weft_trace_read            (WeftTrace       *self,
                                       guint64          index,
                                       WeftEvent       *out);
gsize      weft_trace_get_max_bytes   (WeftTrace       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftTrace, weft_trace_free)

/* A reader's place in a trace: every reader (the model, the alerts, the log, an export)
 * walks the trace with one, never by hand. It hands out events in order from where it
 * stands; events the memory cap recycled before it got to them are skipped and counted,
 * never returned torn. A plain struct on the reader's side: no allocation, no lock. */
typedef struct
{
  WeftTrace *trace;
  guint64    next;      /* the index of the next event to read */
  guint64    skipped;   /* events recycled before this cursor read them */
} WeftTraceCursor;

void       weft_trace_cursor_init     (WeftTraceCursor *cursor,
                                       WeftTrace       *trace,
                                       guint64          from);
/* The next published event into @out, TRUE; FALSE when there is none yet. */
gboolean   weft_trace_cursor_next     (WeftTraceCursor *cursor,
                                       WeftEvent       *out);
/* Events published and not read yet (recycled ones included until they are skipped). */
guint64    weft_trace_cursor_pending  (const WeftTraceCursor *cursor);

G_END_DECLS
