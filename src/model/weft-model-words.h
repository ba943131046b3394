/* weft-model-words.h — the sentences that describe a moment of a run, made once, here,
 * from the model (or, for the deadlock cycle, from the run's own report), so that the
 * scene, the timeline's tooltips, the window's banner, weft-cli and the exports say the
 * same thing in the same words: what a thread does ("Kant — blocked on fork 2"), what
 * holds it up ("waiting for fork 2"), what a resource is and who holds and wants it, how
 * many threads are in each state, and the deadlock cycle ("Kant → fork 2 → … → Kant").
 * Every sentence is translated, and newly allocated (free with g_free).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "weft-model.h"

G_BEGIN_DECLS

/* Threads a deadlock cycle names whole, in a caption, a banner or weft-cli's line: a
 * longer cycle is shortened (see weft_describe_cycle()). */
#define WEFT_CYCLE_THREADS_SHOWN 8

/* Threads ------------------------------------------------------------------------------ */

/* What thread @actor is doing in @span, one of its spans: "sleeping (eating)", "blocked
 * on fork 2", "parked, thinking · next: take the left fork". */
char *weft_describe_thread_span       (WeftModel              *model,
                                       guint                   actor,
                                       const WeftThreadSpan   *span);
/* What thread @actor, parked in @span, is doing and will do, in the story's words:
 * "thinking · next: take the left fork" (@two_lines: a line break instead of " · "),
 * "next: read the balance", "thinking" (a paused run froze it in its thought). Never a
 * gate's name ("sleep", "start"). */
char *weft_describe_parked            (WeftModel              *model,
                                       guint                   actor,
                                       const WeftThreadSpan   *span,
                                       gboolean                two_lines);
/* The thread and what it does at @time_ns, one line: "Kant — blocked on fork 2". */
char *weft_describe_thread_at         (WeftModel              *model,
                                       guint                   actor,
                                       guint64                 time_ns);
/* weft_describe_thread_at(), then what it wants and what it holds, a line each (a
 * tooltip): "Kant — blocked on fork 2\nWants: fork 2\nHolds: fork 1". */
char *weft_describe_thread_details_at (WeftModel              *model,
                                       guint                   actor,
                                       guint64                 time_ns);
/* What holds a blocked or waiting thread up, short, under its name: "waiting for
 * fork 2". */
char *weft_describe_waiting_for       (WeftModel              *model,
                                       guint                   object);
/* How many threads are in each state at @time_ns: "5 threads: 2 running, 3 blocked". */
char *weft_describe_threads_at        (WeftModel              *model,
                                       guint64                 time_ns);

/* Resources ---------------------------------------------------------------------------- */

/* The state of @object in @span, one of its spans, without its name: "held by Kant, 1
 * waiting", "2/3 free, held by A, B", "3 items: 5, 7, 9", "7000, written by Depositor
 * (lost update)". */
char *weft_describe_resource_span     (WeftModel              *model,
                                       guint                   object,
                                       const WeftResourceSpan *span);
/* The resource and its state at @time_ns, one line: "fork 2 — held by Kant, 1 waiting",
 * "fork 2 — unused" before anyone touched it. */
char *weft_describe_resource_at       (WeftModel              *model,
                                       guint                   object,
                                       guint64                 time_ns);
/* What @object is and its state at @time_ns, over a few lines (a tooltip): its full name
 * and kind, then who holds it, its value (a semaphore's free units, a queue's length, a
 * shared variable's value) and who waits for it: "fork 2 — lock\nHeld by:
 * Kant\nWaiting: Aristotle". */
char *weft_describe_object_at         (WeftModel              *model,
                                       guint                   object,
                                       guint64                 time_ns);

/* The deadlock cycle ------------------------------------------------------------------- */

/* The deadlock's cycle, from its first thread back to it: "Kant → fork 2 → Aristotle →
 * fork 3 → … → Kant". A cycle of at most @max_threads_shown threads (0: no limit) is
 * named whole; a longer one by its first threads, "…" and its last (half as many threads
 * as @max_threads_shown, at least two), so a thousand philosophers take one line. NULL
 * when the model has no deadlock or its deadlock has no cycle. */
char *weft_describe_cycle             (WeftModel              *model,
                                       guint                   max_threads_shown);
/* The sentence that reports the deadlock: "Deadlock: Kant → fork 2 → … → Kant", with the
 * number of threads when the cycle is shortened ("… (1000 threads)"), "Deadlock: every
 * thread is waiting" without a cycle. NULL when the model has no deadlock. */
char *weft_describe_deadlock          (WeftModel              *model,
                                       guint                   max_threads_shown);
/* The same two from the cycle the run reported (weft_run_dup_deadlock_cycle()), for
 * weft-cli and the window's banner, which have the run before a model has read it:
 * the same words as the model's, for the same deadlock. */
char *weft_describe_run_cycle         (WeftRun                *run,
                                       guint                   max_threads_shown);
char *weft_describe_run_deadlock      (WeftRun                *run,
                                       guint                   max_threads_shown);

G_END_DECLS
