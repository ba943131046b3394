/* weft-run-reaper.h — stopping a run without waiting for its threads: the run stops at
 * once (its states frozen, its outcome known), and its threads — a thousand philosophers
 * take a second or more to wake and unwind on two cores — are joined on a thread of the
 * reaper's own, which holds a reference to the run until they are. The window's main
 * thread never joins a run's threads.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "weft-core.h"

G_BEGIN_DECLS

/* Stops @run (weft_run_stop_nowait()) and hands the joining of its threads to a worker.
 * The caller keeps its own reference and may go on reading the run's frozen state; the
 * last reference, wherever it is dropped, frees the run only after the join. */
void weft_run_reap (WeftRun *run);

G_END_DECLS
