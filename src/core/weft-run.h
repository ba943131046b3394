/* weft-run.h — a run: real threads (actors) sharing sync objects, all instrumented
 * through one monitor, with run / pause / step / stop control and a trace.
 *
 * Threading: the control functions (start, pause, resume, step, set_speed, stop) and the
 * getters may be called from any one controlling thread (the UI thread, weft-cli's main)
 * while the actors run. Actor-side functions (weft_sleep, the sync operations) are called
 * only by the actor they are given, from its own thread.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "weft-types.h"
#include "weft-niceness.h"
#include "weft-trace.h"

G_BEGIN_DECLS

/* One edge of a deadlock cycle: the actor waits on the object, which the next edge's actor
 * holds. */
typedef struct
{
  WeftActor  *actor;
  WeftObject *waits_on;
} WeftCycleEdge;

/* The speed factors weft_run_set_speed() accepts. */
#define WEFT_SPEED_MIN 0.01
#define WEFT_SPEED_MAX 100.0

/* An actor's body. It runs in the actor's own GThread. Every blocking call returns FALSE
 * when the run stops (or the call was a misuse): the body must then return. */
typedef void (*WeftActorFunc) (WeftActor *self,
                               gpointer   user_data);

WeftRun     *weft_run_new              (guint64        seed);
WeftRun     *weft_run_ref              (WeftRun       *self);
void         weft_run_unref            (WeftRun       *self);

/* Set-up, before weft_run_start(). */
WeftActor   *weft_run_add_actor        (WeftRun       *self,
                                        const char    *name,
                                        WeftActorFunc  func,
                                        gpointer       user_data,
                                        GDestroyNotify destroy);
void         weft_run_set_trace_cap    (WeftRun       *self,
                                        gsize          max_bytes);
/* The run's threads lower their scheduling priority by @niceness (0–19, Linux's nice, from
 * their creator's, at most 19; elsewhere nothing), so that an observer in the same process — the window's main
 * thread drawing the run — keeps the CPU it needs while busy threads run: a thousand
 * philosophers that never sleep otherwise leave it a thousandth of the machine. All the
 * actors get the same, so their shares of the CPU among themselves do not change, and on
 * a machine with CPU to spare it changes nothing. Default 0. */
void         weft_run_set_niceness     (WeftRun       *self,
                                        int            niceness);
void         weft_run_set_scenario_data (WeftRun      *self,
                                         gpointer      data,
                                         GDestroyNotify destroy);
gpointer     weft_run_get_scenario_data (WeftRun      *self);

/* Control. */
gboolean     weft_run_start            (WeftRun       *self,
                                        WeftMode       mode,
                                        GError       **error);
void         weft_run_pause            (WeftRun       *self);
void         weft_run_resume           (WeftRun       *self);
gboolean     weft_run_step             (WeftRun       *self,
                                        WeftActor     *actor,
                                        GError       **error);
gboolean     weft_run_wait_settled     (WeftRun       *self,
                                        gint64         timeout_us);
gboolean     weft_run_wait_end         (WeftRun       *self,
                                        gint64         timeout_us);
/* Stops the run and joins every thread (weft_run_stop_nowait() then weft_run_join()). */
void         weft_run_stop             (WeftRun       *self);
/* Stops the run at once without waiting for its threads: the states freeze, the outcome
 * is known and RUN_STOP recorded before it returns; the threads unwind meanwhile. */
void         weft_run_stop_nowait      (WeftRun       *self);
/* Waits for every thread of a stopped (or completed) run to end and joins it. Unlike the
 * other control functions it may be called from another thread than the controlling one
 * (a worker that owns a reference, so that joining 1000 threads keeps no window waiting);
 * a concurrent weft_run_stop() or last unref waits for it. */
void         weft_run_join             (WeftRun       *self);
void         weft_run_set_policy       (WeftRun       *self,
                                        WeftPolicy     policy);
void         weft_run_set_speed        (WeftRun       *self,
                                        double         speed);

/* State, readable at any time from the controlling thread. */
WeftMode     weft_run_get_mode         (WeftRun       *self);
gboolean     weft_run_is_paused        (WeftRun       *self);
gboolean     weft_run_is_stopping      (WeftRun       *self);
WeftPolicy   weft_run_get_policy       (WeftRun       *self);
double       weft_run_get_speed        (WeftRun       *self);
guint64      weft_run_get_seed         (WeftRun       *self);
WeftOutcome  weft_run_get_outcome      (WeftRun       *self);
guint64      weft_run_get_elapsed_ns   (WeftRun       *self);
guint64      weft_run_get_n_steps      (WeftRun       *self);
guint        weft_run_get_n_misuses    (WeftRun       *self);
WeftTrace   *weft_run_get_trace        (WeftRun       *self);

guint        weft_run_get_n_actors     (WeftRun       *self);
WeftActor   *weft_run_get_actor        (WeftRun       *self,
                                        guint          index);
guint        weft_run_get_n_objects    (WeftRun       *self);
WeftObject  *weft_run_get_object       (WeftRun       *self,
                                        guint          index);
GArray      *weft_run_dup_deadlock_cycle (WeftRun     *self);
char        *weft_run_describe_pending (WeftRun       *self,
                                        WeftActor     *actor);

/* Activity labels are untranslated msgids marked with N_(): they are translated when
 * shown. An id stands for the label in events. */
guint16      weft_run_intern_activity  (WeftRun       *self,
                                        const char    *activity);
const char  *weft_run_get_activity     (WeftRun       *self,
                                        guint16        id);

/* Actor accessors. Name and index are fixed; the others are a snapshot. After a stop the
 * state is frozen as it was when the stop came (a deadlocked actor stays blocked). */
const char  *weft_actor_get_name       (WeftActor     *self);
guint        weft_actor_get_index      (WeftActor     *self);
WeftRun     *weft_actor_get_run        (WeftActor     *self);
GRand       *weft_actor_get_rand       (WeftActor     *self);
WeftState    weft_actor_get_state      (WeftActor     *self);
WeftOp       weft_actor_get_pending_op (WeftActor     *self);
WeftObject  *weft_actor_get_waiting_on (WeftActor     *self);
guint64      weft_actor_get_n_ops      (WeftActor     *self);
guint64      weft_actor_get_time_in_state (WeftActor  *self,
                                           WeftState   state);
/* The actor's role in the story, declared by the scenario right after weft_run_add_actor()
 * and before weft_run_start(); WEFT_ACTOR_ROLE_NONE until then. */
void          weft_actor_set_role      (WeftActor     *self,
                                        WeftActorRole  role);
WeftActorRole weft_actor_get_role      (WeftActor     *self);

/* Actor-side operations. */
gboolean     weft_sleep                (WeftActor     *self,
                                        guint          ms,
                                        const char    *activity);
void         weft_actor_set_activity   (WeftActor     *self,
                                        const char    *activity);
void         weft_actor_mark           (WeftActor     *self,
                                        guint8         mark,
                                        gint32         value);

/* Objects: the common part. */
const char    *weft_object_get_name    (WeftObject    *self);
guint          weft_object_get_index   (WeftObject    *self);
WeftObjectKind weft_object_get_kind    (WeftObject    *self);
guint64        weft_object_get_contention_ns (WeftObject *self);
guint          weft_object_get_n_contended   (WeftObject *self);
WeftActor     *weft_object_get_owner   (WeftObject    *self);
/* A semaphore's initial count, a shared variable's initial value, a queue's capacity
 * (0: unbounded), a barrier's parties; 0 for the other kinds. */
gint32         weft_object_get_initial_value (WeftObject *self);
/* A shared variable's expected final value (weft_shared_set_expected()), if it has one. */
gboolean       weft_object_get_expected_value (WeftObject *self,
                                               gint32     *expected);
/* A shared variable's role (weft_shared_set_role()); WEFT_SHARED_VALUE for the others. */
WeftSharedRole weft_object_get_shared_role   (WeftObject *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftRun, weft_run_unref)

G_END_DECLS
