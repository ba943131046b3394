/* weft-session-private.h — what weft-session.c and weft-session-replay.c share: the
 * session's fields and the steps of making a run.
 *
 * Threading: the main thread, as the session.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "weft-frame-reader.h"
#include "weft-model-worker.h"
#include "weft-session.h"

G_BEGIN_DECLS

struct _WeftSession
{
  GObject             parent_instance;

  const WeftScenario *scenario;
  WeftParams         *params;
  WeftRun            *run;
  WeftModel          *model;
  WeftSessionState    state;
  gboolean            reaped;   /* the run's threads handed to the reaper */

  double              speed;
  WeftPolicy          policy;

  /* Steps asked for and not made yet: actor index, or -1 for the policy's choice. */
  GQueue              pending_steps;

  /* The one reader of the run's trace, and the consumers of what it reads besides the
   * model: the alert scan (the kinds already raised this run) and the log's list. */
  WeftFrameReader    *reader;
  /* Builds the model between frames, once the window asked for it (NULL otherwise). */
  gboolean            background;
  WeftModelWorker    *worker;
  WeftEventList      *events;
  /* After a step back: the schedule stepped back from, and the index in it of the next
   * step to follow again (a step without a named thread follows it; naming another
   * thread branches and drops it). */
  GArray             *redo;
  guint               redo_next;
  guint               alerts_raised;
  guint64             last_n_events;

  WeftViewport       *viewport;
};

/* A fresh run of @scenario with @params and @seed, set up (not started), its model, reader
 * and list made, the old run stopped; emits "run-changed". */
gboolean weft_session_load_run          (WeftSession        *self,
                                         const WeftScenario *scenario,
                                         const WeftParams   *params,
                                         guint64             seed,
                                         GError            **error);
/* Starts the run in @mode; a failure is said through "message". */
gboolean weft_session_start_run         (WeftSession        *self,
                                         WeftMode            mode);
void     weft_session_set_state         (WeftSession        *self,
                                         WeftSessionState    state);
void     weft_session_try_pending_steps (WeftSession        *self);
void     weft_session_emit_updated      (WeftSession        *self);
/* The thread a step moves after a step back or an open: the kept way forward's next one
 * when @actor is -1 or names it (the kept way moves on), else @actor (the way is dropped:
 * a branch, or its end). */
int      weft_session_follow_redo       (WeftSession        *self,
                                         int                 actor);

G_END_DECLS
