/* weft-model-worker.h — a thread that builds a live run's model while the main thread
 * waits for its next frame, so that a frame's time goes to drawing.
 *
 * The model and its frame reader are not thread-safe, and the views read the model
 * everywhere (drawing, hit tests, tooltips, descriptions): rather than a lock at every
 * access, the main thread holds one lock, the models' lock, all the time except while it
 * sleeps in the main loop's poll (weft_model_worker_install() wraps the default main
 * context's poll function; not in a loop run from inside a callback). Whatever runs on
 * the main thread — a frame, an input handler, the session's tick — sees models that do
 * not move under it. The workers take the lock only while the main thread sleeps, and
 * build in slices of at most WEFT_MODEL_WORKER_SLICE_US that end as soon as the main
 * thread wakes (checked every 128 events): the main thread, woken, waits for the rest of
 * a slice, and longer only if the worker lost its core in the middle of one (bench-window
 * says the longest wait: 1–8 ms with 1000 busy philosophers).
 *
 * What a worker reads goes to the model at once; the events themselves wait, in trace
 * order, for the main thread to take them (weft_model_worker_take()): the alert scan and
 * the log's list are main-thread consumers. At most WEFT_MODEL_WORKER_PENDING_MAX events
 * (and one read more) wait: past
 * that the worker waits for the main thread, whose own reading then jumps if it is
 * hopelessly behind (weft-frame-reader.h).
 *
 * Threading: every function here on the main thread, the one that called
 * weft_model_worker_install(), which then holds the lock outside poll.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "weft-frame-reader.h"

G_BEGIN_DECLS

typedef struct _WeftModelWorker WeftModelWorker;

/* A worker's slice of building, µs, and the events read but not taken yet at most. */
#define WEFT_MODEL_WORKER_SLICE_US    1000
#define WEFT_MODEL_WORKER_PENDING_MAX 200000

/* Makes the calling thread the main thread of the models' lock: it takes the lock and
 * lets it go only in the default main context's poll. Idempotent; must be called from
 * the thread that runs the default main context. */
void                    weft_model_worker_install (void);
/* Whether the calling thread holds the models' lock (the main thread, out of poll). */
gboolean                weft_model_worker_is_main (void);

/* The longest the main thread waited for the lock on waking from poll since the last
 * call, µs (for the benchmarks). */
gint64                  weft_model_worker_take_longest_wait (void);

/* Starts a worker reading @reader's run into its model, @max_events at most a read (the
 * reader's jump threshold is a multiple of it). The reader stays the caller's, and must
 * outlive the worker; the main thread may read with it too (it holds the lock). */
WeftModelWorker        *weft_model_worker_new     (WeftFrameReader *reader,
                                                   guint64          max_events);
/* Stops and joins the worker (letting the lock go meanwhile: it may be inside a slice). */
void                    weft_model_worker_free    (WeftModelWorker *self);
/* The events the worker read since the last take, in trace order, valid until the next
 * take or free; *@n_events says how many. */
const WeftIndexedEvent *weft_model_worker_take    (WeftModelWorker *self,
                                                   guint           *n_events);
/* How many slices the worker has built, and how many events it has read (for tests and
 * benchmarks). */
guint64                 weft_model_worker_get_n_slices (WeftModelWorker *self);
guint64                 weft_model_worker_get_n_read   (WeftModelWorker *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftModelWorker, weft_model_worker_free)

G_END_DECLS
