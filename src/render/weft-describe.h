/* weft-describe.h — a moment of a run in words, for tooltips, screen readers and the
 * words inside the timeline's bars (weft-scene-words.c writes them). Part of the
 * renderer's public API (weft-render.h includes it).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "weft-model.h"

G_BEGIN_DECLS

/* What thread @actor is doing in @span, one of its
 * spans: "sleeping (eating)", "blocked on fork 2", "parked, thinking · next: take the left
 * fork". */
char    *weft_describe_thread_span   (WeftModel              *model,
                                      guint                   actor,
                                      const WeftThreadSpan   *span);
/* What thread @actor, parked in @span, is doing and will do, in the story's words:
 * "thinking · next: take the left fork" (@two_lines: a line break instead of " · "),
 * "next: read the balance", "thinking" (a paused run froze it in its thought). Never a
 * gate's name ("sleep", "start"). */
char    *weft_describe_parked        (WeftModel              *model,
                                      guint                   actor,
                                      const WeftThreadSpan   *span,
                                      gboolean                two_lines);
/* What @object is and its state at @time_ns, over a few lines: its full name and kind,
 * then who holds it, who waits for it, and its value (a semaphore's free units, a queue's
 * length, a shared variable's value): "fork 2 — lock\nHeld by: Kant\nWaiting: Aristotle". */
char    *weft_describe_object_at     (WeftModel              *model,
                                      guint                   object,
                                      guint64                 time_ns);
/* How many threads are in each state at @time_ns: "5 threads: 2 running, 3 blocked". */
char    *weft_describe_threads_at    (WeftModel              *model,
                                      guint64                 time_ns);

G_END_DECLS
