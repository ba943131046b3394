/* weft-schedule.h — a run's interleaving, kept so that the run can be played again.
 *
 * Every operation of the lesson (weft_op_is_lesson(): take or release, read or write,
 * wait, notify, put, get…) passes its actor's gate under the run's monitor, so the order
 * in which actors passed their gates is the run's interleaving: its schedule, one actor
 * index per operation. A run in step mode records its steps this way (one step, one
 * operation passed); a free run records the order the scheduler happened to give. A
 * thread woken from a wait passes its gate again to retry (a lock taken back after a
 * wait, a get after a put); that is an entry too, as it is a step in step mode.
 *
 * A replay is a run of the same scenario, parameters and seed, started in step mode, in
 * which each step is given to the thread the schedule names: real threads, each doing
 * the same operations in the same order, so it performs exactly the same sequence of
 * operations (actor, operation, object, value) as the run it came from (tests/
 * test-schedule.c checks it for every scenario and variant). A free run that deadlocked
 * replays step by step to its deadlock.
 *
 * Threading: as weft-run.h (the controlling thread).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "weft-run.h"

G_BEGIN_DECLS

/* A schedule keeps at most this many operations (2 bytes each); a dense run that goes
 * on longer keeps its first ones and says it was cut. */
#define WEFT_SCHEDULE_MAX (4u << 20)

/* The run's schedule so far, a copy: guint16 actor indices, one per operation of the
 * lesson, in the order they happened. *@cut (may be NULL) says whether operations past
 * WEFT_SCHEDULE_MAX were left out. */
GArray      *weft_run_dup_schedule     (WeftRun        *self,
                                        gboolean       *cut);
guint        weft_run_get_schedule_length (WeftRun     *self);

/* Plays @schedule on @self, a run of the same scenario, parameters and seed started in
 * step mode: waits for the threads to settle, steps the thread the schedule names, and
 * so on, @n_steps times (each wait at most @timeout_us). *@n_done (may be NULL) says
 * how many steps were taken. Fails with WEFT_ERROR_DIVERGED, naming the step and the
 * thread, when the named thread does not exist or is not at an operation then (the
 * schedule does not belong to this run), or when the run ended before the schedule did;
 * with WEFT_ERROR_BAD_STATE when the threads did not settle in time. */
gboolean     weft_run_follow_schedule  (WeftRun        *self,
                                        const guint16  *schedule,
                                        guint           n_steps,
                                        gint64          timeout_us,
                                        guint          *n_done,
                                        GError        **error);

G_END_DECLS
