/* weft-trace-pool.h — where traces get their chunks: recycled and pre-faulted.
 *
 * Internal to src/core (weft-trace.c). A trace's writer records under the run's monitor;
 * the first write to a page the process never touched costs a page fault, 12–17 µs on a
 * VM, and a fresh 64 KiB chunk has sixteen of them: half the cost of a hot lock pair.
 * So chunks come from a process-wide pool, of chunks freed by earlier traces and of new
 * ones a helper thread has already touched, and the writer only pops a list.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A chunk of WEFT_TRACE_CHUNK_EVENTS events, its pages already touched when the pool had
 * one ready (else a fresh allocation). Wakes the helper when the stock runs low. Free it
 * with weft_trace_pool_give(). Thread-safe. */
gpointer weft_trace_pool_take       (void);
/* Gives a chunk back, kept for the next trace up to a bound (then freed). Thread-safe. */
void     weft_trace_pool_give       (gpointer chunk);
/* Bytes the pool holds (chunks ready to be taken): for the benchmark of bytes per event,
 * which must not count the stock as the trace's. */
gsize    weft_trace_pool_get_bytes  (void);
/* Chunks ready to be taken. For tests. */
guint    weft_trace_pool_get_n_ready (void);

G_END_DECLS
