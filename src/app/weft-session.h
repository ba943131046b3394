/* weft-session.h — what the window drives: the chosen scenario, its parameters, the current
 * run, the model the views draw from it and the log's list of its events (both fed by one
 * read of the trace a frame), and the viewport the views share. No widgets here: the
 * window turns the user's clicks into these calls and the session's signals into what the
 * user sees.
 *
 * Threading: everything runs on the main thread. The run's actors are real threads; the
 * session never waits for them: a stop (or reset, or the session's end) stops the run at
 * once and hands the joining of its threads to a worker (weft-run-reaper.h); steps asked
 * for while threads are still on their way to a gate are queued and tried again on the
 * next tick instead of blocking.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "weft-app-enums.h"
#include "weft-core.h"
#include "weft-event-list.h"
#include "weft-model.h"
#include "weft-viewport.h"

G_BEGIN_DECLS

typedef enum
{
  WEFT_SESSION_READY,    /* a run is set up, not started */
  WEFT_SESSION_RUNNING,  /* started, threads running freely */
  WEFT_SESSION_PAUSED,   /* started, paused (stepping) */
  WEFT_SESSION_ENDED,    /* every thread done, or stopped */
} WeftSessionState;

#define WEFT_TYPE_SESSION (weft_session_get_type ())
G_DECLARE_FINAL_TYPE (WeftSession, weft_session, WEFT, SESSION, GObject)

WeftSession        *weft_session_new          (void);

/* Sets up a new run of @scenario with @params (copied; NULL: the defaults) and a fresh
 * seed, stopping the current one. Emits "run-changed". */
gboolean            weft_session_load         (WeftSession        *self,
                                               const WeftScenario *scenario,
                                               const WeftParams   *params,
                                               GError            **error);
/* The same scenario again with @params (NULL: the current ones). */
gboolean            weft_session_reset        (WeftSession        *self,
                                               const WeftParams   *params,
                                               GError            **error);

/* Ready: starts in run mode; paused: resumes. */
void                weft_session_play         (WeftSession        *self);
void                weft_session_pause        (WeftSession        *self);
/* Moves one thread by one operation: @actor, or the policy's choice when @actor is -1.
 * Ready: starts the run in step mode first; running: pauses first. The step is queued
 * while threads are still on their way to a gate; a step that cannot be made is reported
 * through "message" (and returns FALSE with @error when that is known at once). A step,
 * like a new run, takes the viewport's time cursor away: the views show its result. */
gboolean            weft_session_step         (WeftSession        *self,
                                               int                 actor,
                                               GError            **error);
/* Stops the run at once: the state is ended when it returns, the threads are joined on
 * another thread, and the events not read yet are read by the next ticks, a frame's
 * budget each; the model keeps what happened. */
void                weft_session_stop         (WeftSession        *self);
/* Goes back one step: a fresh run of the same scenario, parameters and seed, in step
 * mode, replays on real threads every operation of this run but the last (its schedule,
 * weft-schedule.h), and the run is paused there, as if the teacher had stopped there. A
 * running run is paused first; an ended or deadlocked one can be stepped back from too.
 * Then weft_session_step() without a named thread goes forward the same way, until a step
 * names another thread (the run branches) or the run is let go. Emits "run-changed". */
gboolean            weft_session_step_back    (WeftSession        *self,
                                               GError            **error);
/* A run to replay (a saved one, weft-run-file.h): a fresh run of @scenario with @params
 * and @seed, started in step mode and paused before its first step; then each
 * weft_session_step() without a named thread follows @schedule, as after a step back,
 * until a step names another thread or the run is let go (Space: it runs freely from
 * there); past its end, the session's policy chooses. Emits "run-changed". */
gboolean            weft_session_load_replay  (WeftSession        *self,
                                               const WeftScenario *scenario,
                                               const WeftParams   *params,
                                               guint64             seed,
                                               const guint16      *schedule,
                                               guint               n_steps,
                                               GError            **error);
/* Takes every step of a replay left to follow at once (a saved run opened at its end). */
gboolean            weft_session_replay_to_end (WeftSession       *self,
                                                GError           **error);
/* The current run's schedule (weft_run_dup_schedule()), with the steps of a replay it is
 * following still to come (an opened run, a step back): what a saved file must hold. */
GArray             *weft_session_dup_schedule (WeftSession        *self,
                                               gboolean           *cut);
/* How many steps of a replay (or of what a step back undid) are left to follow. */
guint               weft_session_get_n_steps_to_replay (WeftSession *self);
/* Whether there is an operation to step back over. */
gboolean            weft_session_can_step_back (WeftSession       *self);

void                weft_session_set_speed    (WeftSession        *self,
                                               double              speed);
double              weft_session_get_speed    (WeftSession        *self);
void                weft_session_set_policy   (WeftSession        *self,
                                               WeftPolicy          policy);
WeftPolicy          weft_session_get_policy   (WeftSession        *self);

/* Called once a frame (the window's tick callback): reads the events recorded since the
 * last frame once (weft-frame-reader.h) and hands them to the model, the alert scan and
 * the event list; tries queued steps, notices the end of the run. Never blocks. Emits
 * "updated" when something changed. */
void                weft_session_tick         (WeftSession        *self);

/* From now on a worker thread builds the model while the main thread sleeps between
 * frames (weft-model-worker.h); each tick then hands on what it read, and reads itself
 * only what the worker could not: a paused, stepped or ended run's rest, a running run's
 * when the worker is more than a frame's budget behind or brought nothing. The calling thread, which must run the default
 * main context, becomes the holder of the models' lock outside poll. The window asks for
 * it; a session driven without a main loop (the tests) reads only in its ticks. */
void                weft_session_build_in_background (WeftSession *self);

/* Whether the run has ended with events still unread: the window keeps ticking until
 * they are read. */
gboolean            weft_session_is_catching_up (WeftSession      *self);

WeftSessionState    weft_session_get_state    (WeftSession        *self);
const WeftScenario *weft_session_get_scenario (WeftSession        *self);
const WeftParams   *weft_session_get_params   (WeftSession        *self);
WeftRun            *weft_session_get_run      (WeftSession        *self);
/* Valid until the next "run-changed" (or the session's end). */
WeftModel          *weft_session_get_model    (WeftSession        *self);
guint               weft_session_get_n_pending_steps (WeftSession *self);
/* The log's events of the current run, kept up to date by weft_session_tick() from the
 * events it reads; valid until the next "run-changed". */
WeftEventList      *weft_session_get_events   (WeftSession        *self);
/* What the views share (the visible window, following, the moment shown): one for the
 * session's life, across runs. */
WeftViewport       *weft_session_get_viewport (WeftSession        *self);
/* How many events of the current run were read from its trace: each once, whatever the
 * number of consumers. */
guint64             weft_session_get_n_events_read (WeftSession   *self);
/* How many of those the worker read between frames (weft_session_build_in_background()). */
guint64             weft_session_get_n_events_read_in_background (WeftSession *self);
/* The subtitle of an exported page in words: parameters, seed, mode ("5 philosophers ·
 * naive strategy · seed 7 · stepped"). */
char               *weft_session_describe_setup (WeftSession      *self);
/* The run's exact setup for an exported file's metadata ("scenario=philosophers count=5 …
 * seed=7 mode=step policy=round-robin"); NULL before the first run. */
char               *weft_session_describe_parameters (WeftSession *self);

/* Signals:
 *   "run-changed" ()                      a new run and model replaced the old ones
 *   "updated" ()                          the model or the state changed
 *   "alert" (WeftAlert, const char *text, guint64 time_ns)
 *                                         a deadlock, lost update or oversell happened
 *                                         (once per kind and run; the text is translated)
 *   "message" (const char *text)          something the user asked for could not be done
 * Property "state" (WeftSessionState, an enum GType: WEFT_TYPE_SESSION_STATE), notified
 * on change. */

G_END_DECLS
