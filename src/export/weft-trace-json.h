/* weft-trace-json.h — the trace of a run in the Chrome trace-event format, which Perfetto
 * (ui.perfetto.dev) and chrome://tracing open.
 *
 * One process (the run), one thread per actor:
 * - `thread_name` metadata (ph "M") for every actor, and `process_name` for the run;
 * - thread states as complete slices (ph "X", with `dur`), named by the state, with the
 *   activity ("eating") or the object waited on in `args`;
 * - counters (ph "C"): a lock's holder count / a semaphore's value, a queue's length,
 *   a shared variable's value, the number of actors waiting on each object;
 * - the model's flows as flow events (ph "s" / "f"), categories "handoff", "wake",
 *   "item" and "room": the causes the runtime recorded (weft-model.h), the same arrows
 *   the timeline draws;
 * - the deadlock as an instant event (ph "i", scope global) naming the cycle.
 * Timestamps are microseconds since the run started (doubles), never decreasing per thread.
 * Everything comes from the run's model (weft-model.h), never from the events directly.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "weft-core.h"
#include "weft-model.h"

G_BEGIN_DECLS

/* Builds the trace of @run (stopped or not: what has been recorded so far) from @model,
 * the run's model synced (weft_model_sync()), or, when NULL, from a model made and synced
 * here. */
JsonNode *weft_trace_json_build (WeftRun    *run,
                                 WeftModel  *model);

/* Writes it to @path atomically (an existing file is replaced only once the new one is
 * whole). On failure @error names the file and the reason. */
gboolean  weft_trace_json_write (WeftRun    *run,
                                 WeftModel  *model,
                                 const char *path,
                                 GError    **error);

G_END_DECLS
