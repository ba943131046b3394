/* weft-session.c — the window's controller: one scenario, its parameters, the current run
 * and the model the views draw, driven by the user's run / pause / step / stop and by the
 * window's tick callback, which reads the run's new events once (weft-frame-reader.h) for
 * the model, the alerts and the log.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "weft-frame-reader.h"
#include "weft-model-worker.h"
#include "weft-model-words.h"
#include "weft-run-reaper.h"
#include "weft-session-private.h"

/* The window keeps less history than weft-cli: 64 MiB of events (4 M events) is minutes of
 * a busy run, and the model that mirrors them stays well under a gigabyte. */
#define SESSION_TRACE_CAP ((gsize) 64 * 1024 * 1024)
/* The run's threads yield the CPU to the window drawing them (weft_run_set_niceness()):
 * with busy threads on every core, a thousand philosophers left the main thread so
 * little that the window drew 23–25 frames a second; at 10 it draws 42–45, and the run
 * records as many events (docs/runtime.md; docs/PERFORMANCE.md, row 11). */
#define SESSION_ACTOR_NICENESS 10

/* Events read into the model per frame at most: a window whose frame clock stopped while
 * the threads ran catches up over a few frames instead of freezing. */
#define EVENTS_PER_TICK 50000
/* ... and at most this much of a frame's time (µs) on reading them. */
#define READ_US_PER_TICK 6000



G_DEFINE_FINAL_TYPE (WeftSession, weft_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

enum {
  RUN_CHANGED,
  UPDATED,
  ALERT,
  MESSAGE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
weft_session_emit_updated (WeftSession *self)
{
  g_signal_emit (self, signals[UPDATED], 0);
}

/* Stops the run at once; its threads are joined on the reaper's thread, never here: a
 * thousand of them take seconds to wake and unwind on two cores. */
static void
stop_run (WeftSession *self)
{
  if (self->run == NULL || self->reaped || self->state == WEFT_SESSION_READY)
    return;

  self->reaped = TRUE;
  weft_run_reap (self->run);
}

static void
weft_session_dispose (GObject *object)
{
  WeftSession *self = WEFT_SESSION (object);

  /* Closing the window in any state ends here: the threads are stopped; the reaper's
   * reference keeps the run they write to until they are joined. */
  stop_run (self);
  g_queue_clear (&self->pending_steps);
  g_clear_pointer (&self->worker, weft_model_worker_free);

  G_OBJECT_CLASS (weft_session_parent_class)->dispose (object);
}

static void
weft_session_finalize (GObject *object)
{
  WeftSession *self = WEFT_SESSION (object);

  g_clear_pointer (&self->reader, weft_frame_reader_free);
  g_clear_pointer (&self->redo, g_array_unref);
  g_clear_object (&self->events);
  g_clear_object (&self->viewport);
  g_clear_pointer (&self->model, weft_model_unref);
  g_clear_pointer (&self->run, weft_run_unref);
  g_clear_pointer (&self->params, weft_params_free);

  G_OBJECT_CLASS (weft_session_parent_class)->finalize (object);
}

static void
weft_session_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  WeftSession *self = WEFT_SESSION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
weft_session_class_init (WeftSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = weft_session_dispose;
  object_class->finalize = weft_session_finalize;
  object_class->get_property = weft_session_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       WEFT_TYPE_SESSION_STATE, WEFT_SESSION_READY,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[RUN_CHANGED] =
    g_signal_new ("run-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[ALERT] =
    g_signal_new ("alert", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  WEFT_TYPE_ALERT, G_TYPE_STRING, G_TYPE_UINT64);
  signals[MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
weft_session_init (WeftSession *self)
{
  self->speed = 1.0;
  self->policy = WEFT_POLICY_ROUND_ROBIN;
  g_queue_init (&self->pending_steps);
  self->viewport = weft_viewport_new ();
}

WeftSession *
weft_session_new (void)
{
  return g_object_new (WEFT_TYPE_SESSION, NULL);
}

/* What happened, under an exported page's title: said once the run has ended. */
static void
update_caption (WeftSession *self)
{
  g_autofree char *caption = NULL;

  if (self->run != NULL && self->state == WEFT_SESSION_ENDED)
    caption = weft_run_describe_outcome (self->run);
  weft_model_set_caption (self->model, caption);
}

/* Enters @state: the exported page's subtitle says the mode, and the window hears of it
 * (even of the same state: a new run is a new "ready"). */
static void
enter_state (WeftSession      *self,
             WeftSessionState  state)
{
  g_autofree char *subtitle = weft_session_describe_setup (self);

  self->state = state;
  weft_model_set_title (self->model, weft_model_get_title (self->model), subtitle);
  update_caption (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
weft_session_set_state (WeftSession      *self,
                        WeftSessionState  state)
{
  if (self->state != state)
    enter_state (self, state);
}

/* Values of the same declaration, so copied as they are; NULL: the defaults. */
static WeftParams *
copy_params (const WeftScenario *scenario,
             const WeftParams   *params)
{
  return params != NULL ? weft_params_copy (params) : weft_params_new (scenario->params, scenario->n_params);
}

gboolean
weft_session_load (WeftSession        *self,
                   const WeftScenario *scenario,
                   const WeftParams   *params,
                   GError            **error)
{
  /* A fresh seed each time: Reset shows another interleaving; the seed is in the
   * subtitle of exports, so a run can be replayed with weft-cli --seed. */
  return weft_session_load_run (self, scenario, params, g_random_int_range (1, G_MAXINT32), error);
}

gboolean
weft_session_load_run (WeftSession        *self,
                       const WeftScenario *scenario,
                       const WeftParams   *params,
                       guint64             seed,
                       GError            **error)
{
  g_autoptr(WeftParams) copy = NULL;
  g_autoptr(WeftRun) run = NULL;
  g_autoptr(WeftFrameReader) old_reader = NULL;
  g_autoptr(WeftEventList) old_events = NULL;
  WeftModel *old_model;
  WeftRun *old_run;

  g_return_val_if_fail (WEFT_IS_SESSION (self), FALSE);
  g_return_val_if_fail (scenario != NULL, FALSE);
  g_return_val_if_fail (params == NULL || weft_params_get_n_specs (params) == scenario->n_params, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  copy = copy_params (scenario, params);
  run = weft_scenario_create_run (scenario, copy, seed, error);
  if (run == NULL)
    return FALSE;

  stop_run (self);
  g_queue_clear (&self->pending_steps);
  g_clear_pointer (&self->redo, g_array_unref);
  /* A moment of the old run means nothing in the new one. */
  weft_viewport_clear_cursor (self->viewport);
  /* Before its reader goes. */
  g_clear_pointer (&self->worker, weft_model_worker_free);

  weft_run_set_trace_cap (run, SESSION_TRACE_CAP);
  weft_run_set_niceness (run, SESSION_ACTOR_NICENESS);
  weft_run_set_speed (run, self->speed);
  weft_run_set_policy (run, self->policy);

  old_model = g_steal_pointer (&self->model);
  old_run = g_steal_pointer (&self->run);
  old_reader = g_steal_pointer (&self->reader);
  old_events = g_steal_pointer (&self->events);

  self->scenario = scenario;
  g_clear_pointer (&self->params, weft_params_free);
  self->params = g_steal_pointer (&copy);
  self->run = g_steal_pointer (&run);
  self->model = weft_model_new_for_run (self->run);
  self->reader = weft_frame_reader_new (self->run, self->model);
  if (self->background)
    self->worker = weft_model_worker_new (self->reader, EVENTS_PER_TICK);
  self->events = weft_event_list_new (self->run);
  self->alerts_raised = 0;
  self->last_n_events = 0;
  self->reaped = FALSE;
  enter_state (self, WEFT_SESSION_READY);

  /* The views let go of the old model in their handlers; only then is it freed. */
  g_signal_emit (self, signals[RUN_CHANGED], 0);
  g_clear_pointer (&old_model, weft_model_unref);
  g_clear_pointer (&old_run, weft_run_unref);

  g_signal_emit (self, signals[UPDATED], 0);
  return TRUE;
}

gboolean
weft_session_reset (WeftSession      *self,
                    const WeftParams *params,
                    GError          **error)
{
  g_return_val_if_fail (WEFT_IS_SESSION (self), FALSE);
  g_return_val_if_fail (self->scenario != NULL, FALSE);

  return weft_session_load (self, self->scenario, params != NULL ? params : self->params, error);
}

static void
report (WeftSession *self,
        const char  *text)
{
  g_signal_emit (self, signals[MESSAGE], 0, text);
}

gboolean
weft_session_start_run (WeftSession *self,
                        WeftMode     mode)
{
  g_autoptr(GError) error = NULL;

  if (!weft_run_start (self->run, mode, &error))
    {
      report (self, error->message);
      return FALSE;
    }
  return TRUE;
}

static WeftSessionState
observe_state (WeftSession *self)
{
  WeftOutcome outcome;

  if (self->run == NULL || self->state == WEFT_SESSION_READY)
    return self->state;

  outcome = weft_run_get_outcome (self->run);
  if (outcome == WEFT_OUTCOME_COMPLETED || outcome == WEFT_OUTCOME_STOPPED ||
      weft_run_is_stopping (self->run))
    return WEFT_SESSION_ENDED;
  return weft_run_is_paused (self->run) ? WEFT_SESSION_PAUSED : WEFT_SESSION_RUNNING;
}

void
weft_session_play (WeftSession *self)
{
  g_return_if_fail (WEFT_IS_SESSION (self));

  if (self->run == NULL)
    return;

  g_queue_clear (&self->pending_steps);
  /* Let go from here: what was stepped back over is not followed any more. */
  g_clear_pointer (&self->redo, g_array_unref);
  switch (self->state)
    {
    case WEFT_SESSION_READY:
      if (weft_session_start_run (self, WEFT_MODE_RUN))
        weft_session_set_state (self, WEFT_SESSION_RUNNING);
      break;

    case WEFT_SESSION_PAUSED:
      weft_run_resume (self->run);
      weft_session_set_state (self, WEFT_SESSION_RUNNING);
      break;

    case WEFT_SESSION_RUNNING:
    case WEFT_SESSION_ENDED:
    default:
      break;
    }
  g_signal_emit (self, signals[UPDATED], 0);
}

void
weft_session_pause (WeftSession *self)
{
  g_return_if_fail (WEFT_IS_SESSION (self));

  if (self->state != WEFT_SESSION_RUNNING)
    return;

  weft_run_pause (self->run);
  weft_session_set_state (self, WEFT_SESSION_PAUSED);
  g_signal_emit (self, signals[UPDATED], 0);
}

/* Tries the queued steps in order. A step that finds no thread at a gate is kept while
 * threads are still running towards one (right after a start, a pause or the previous
 * step), however long they take: every thread between two operations reaches its next
 * one or ends, and on a loaded machine the scheduler can leave it waiting for seconds.
 * Once every thread has settled with none at a gate, the user is told why. Stop and
 * reset drop the queue. */
void
weft_session_try_pending_steps (WeftSession *self)
{
  gboolean retried = FALSE;

  while (!g_queue_is_empty (&self->pending_steps))
    {
      g_autoptr(GError) error = NULL;
      int index = GPOINTER_TO_INT (g_queue_peek_head (&self->pending_steps)) - 1;
      WeftActor *actor = index >= 0 ? weft_run_get_actor (self->run, (guint) index) : NULL;

      if (weft_run_step (self->run, actor, &error))
        {
          g_queue_pop_head (&self->pending_steps);
          retried = FALSE;
          continue;
        }

      if (g_error_matches (error, WEFT_ERROR, WEFT_ERROR_NOTHING_TO_STEP) &&
          weft_run_get_outcome (self->run) == WEFT_OUTCOME_NONE)
        {
          if (!weft_run_wait_settled (self->run, 0))
            return;
          /* Settled now, but a thread may have reached its gate between the step's try
           * and this check: once settled, nothing moves until a step, so one more try
           * tells for sure. */
          if (!retried)
            {
              retried = TRUE;
              continue;
            }
        }

      g_queue_clear (&self->pending_steps);
      report (self, error->message);
      return;
    }
}

gboolean
weft_session_step (WeftSession  *self,
                   int           actor,
                   GError      **error)
{
  g_return_val_if_fail (WEFT_IS_SESSION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->run == NULL)
    return FALSE;

  if (actor >= 0 && (guint) actor >= weft_run_get_n_actors (self->run))
    {
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_NOTHING_TO_STEP,
                   ngettext ("There is no thread %d: this run has %u thread",
                             "There is no thread %d: this run has %u threads",
                             weft_run_get_n_actors (self->run)),
                   actor + 1, weft_run_get_n_actors (self->run));
      return FALSE;
    }

  switch (self->state)
    {
    case WEFT_SESSION_ENDED:
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_BAD_STATE,
                   _("The run has ended: reset it to step through a new one"));
      return FALSE;

    case WEFT_SESSION_READY:
      if (!weft_session_start_run (self, WEFT_MODE_STEP))
        return FALSE;
      weft_session_set_state (self, WEFT_SESSION_PAUSED);
      break;

    case WEFT_SESSION_RUNNING:
      weft_session_pause (self);
      break;

    case WEFT_SESSION_PAUSED:
    default:
      break;
    }

  /* A step shows its result: the views leave a moment placed on the lanes for the live
   * end, the lanes too (the click had stopped their following), not only the scene. A
   * timeline panned to the past without a cursor stays where the teacher took it. */
  if (weft_viewport_get_cursor (self->viewport) != G_MAXUINT64)
    {
      weft_viewport_clear_cursor (self->viewport);
      weft_viewport_set_follow_live (self->viewport, TRUE);
    }

  /* After a step back or an open, the way the run went (weft-session-replay.c). */
  actor = weft_session_follow_redo (self, actor);

  g_queue_push_tail (&self->pending_steps, GINT_TO_POINTER (actor + 1));
  weft_session_try_pending_steps (self);
  g_signal_emit (self, signals[UPDATED], 0);
  return TRUE;
}

void
weft_session_stop (WeftSession *self)
{
  g_return_if_fail (WEFT_IS_SESSION (self));

  if (self->run == NULL || self->state == WEFT_SESSION_READY || self->state == WEFT_SESSION_ENDED)
    return;

  /* Ended at once: the backlog of unread events is read by the next frames, a frame's
   * budget each (weft_session_is_catching_up()), not here. */
  g_queue_clear (&self->pending_steps);
  stop_run (self);
  weft_session_set_state (self, WEFT_SESSION_ENDED);
  g_signal_emit (self, signals[UPDATED], 0);
}

void
weft_session_set_speed (WeftSession *self,
                        double       speed)
{
  g_return_if_fail (WEFT_IS_SESSION (self));

  self->speed = CLAMP (speed, WEFT_SPEED_MIN, WEFT_SPEED_MAX);
  if (self->run != NULL)
    weft_run_set_speed (self->run, self->speed);
}

double
weft_session_get_speed (WeftSession *self)
{
  g_return_val_if_fail (WEFT_IS_SESSION (self), 1.0);

  return self->speed;
}

void
weft_session_set_policy (WeftSession *self,
                         WeftPolicy   policy)
{
  g_return_if_fail (WEFT_IS_SESSION (self));

  self->policy = policy;
  if (self->run != NULL)
    weft_run_set_policy (self->run, policy);
}

WeftPolicy
weft_session_get_policy (WeftSession *self)
{
  g_return_val_if_fail (WEFT_IS_SESSION (self), WEFT_POLICY_ROUND_ROBIN);

  return self->policy;
}

static char *
describe_alert (WeftSession     *self,
                WeftAlert        alert,
                const WeftEvent *event)
{
  g_autofree char *sentence = NULL;

  /* The cycle in the words of the scene's caption and of weft-cli. */
  if (alert == WEFT_ALERT_DEADLOCK)
    return weft_describe_run_deadlock (self->run, WEFT_CYCLE_THREADS_SHOWN);

  /* The scenario's own words first: what was lost, expected and got. */
  sentence = weft_run_describe_alert (self->run, alert, event);
  if (sentence != NULL)
    return g_steal_pointer (&sentence);
  sentence = weft_event_describe (self->run, event);
  if (alert == WEFT_ALERT_LOST_UPDATE)
    /* Translators: %s is the log's sentence for the write that lost another's update. */
    return g_strdup_printf (_("Lost update: %s"), sentence);
  /* The scenario's sentence for an oversell already says "Oversold". */
  return g_steal_pointer (&sentence);
}

/* Looks at the events read this frame for the first deadlock, lost update and oversell
 * of the run. */
static void
scan_alerts (WeftSession            *self,
             const WeftIndexedEvent *events,
             guint                   n_events)
{
  for (guint i = 0; i < n_events; i++)
    {
      const WeftEvent *event = &events[i].event;
      WeftAlert alert = weft_run_classify_event (self->run, event);
      g_autofree char *text = NULL;

      if (alert == WEFT_ALERT_NONE || (self->alerts_raised & (1u << alert)) != 0)
        continue;

      self->alerts_raised |= 1u << alert;
      text = describe_alert (self, alert, event);
      g_signal_emit (self, signals[ALERT], 0, alert, text, weft_event_get_time (event));
    }
}

/* The frame's one read of the trace: at most @max_events new events, and no more than
 * READ_US_PER_TICK of the frame, into the model, the alert scan and the log's list, in
 * that order (an alert's handler finds the model up to
 * date with the event it names). */
static void
read_new_events (WeftSession *self,
                 guint64      max_events)
{
  const WeftIndexedEvent *events;
  guint n_events;

  /* What the worker read between frames is in the model already; the alerts and the
   * log get it first, in trace order. */
  if (self->worker != NULL)
    {
      events = weft_model_worker_take (self->worker, &n_events);
      if (n_events > 0)
        {
          scan_alerts (self, events, n_events);
          weft_event_list_append (self->events, events, n_events, events[n_events - 1].index + 1);
          /* While the run goes freely and the worker keeps up (less than a frame's
           * budget left unread), the frame is left to drawing: the rest waits for the
           * worker. A worker falling behind is helped, within the frame's budget, so
           * that the picture stays within half a second of the run (1000 busy
           * philosophers on two cores); a paused, stepped or ended run is read here to
           * its end, so that a step shows whole at the next frame; and a worker that
           * brought nothing (a main thread too busy to sleep between frames) is made up
           * for, below. */
          if (!weft_run_is_paused (self->run) && !weft_run_is_stopping (self->run) &&
              weft_run_get_outcome (self->run) == WEFT_OUTCOME_NONE &&
              weft_frame_reader_get_n_pending (self->reader) <= max_events)
            return;
        }
    }

  events = weft_frame_reader_read_until (self->reader, max_events,
                                         g_get_monotonic_time () + READ_US_PER_TICK, &n_events);
  scan_alerts (self, events, n_events);
  weft_event_list_append (self->events, events, n_events,
                          weft_frame_reader_get_next (self->reader));
}

void
weft_session_tick (WeftSession *self)
{
  WeftSessionState state;
  guint64 n_events;

  g_return_if_fail (WEFT_IS_SESSION (self));

  if (self->run == NULL || self->state == WEFT_SESSION_READY)
    return;

  weft_session_try_pending_steps (self);
  read_new_events (self, EVENTS_PER_TICK);

  state = observe_state (self);
  if (state == WEFT_SESSION_ENDED && self->state != WEFT_SESSION_ENDED)
    {
      /* Every thread is done (or the run was stopped): the reaper joins them; the
       * events still unread are read by the next frames. */
      g_queue_clear (&self->pending_steps);
      stop_run (self);
    }

  n_events = weft_model_get_n_events (self->model);
  if (state != self->state || n_events != self->last_n_events)
    {
      self->last_n_events = n_events;
      weft_session_set_state (self, state);
      g_signal_emit (self, signals[UPDATED], 0);
    }
}

void
weft_session_build_in_background (WeftSession *self)
{
  g_return_if_fail (WEFT_IS_SESSION (self));

  if (self->background)
    return;
  weft_model_worker_install ();
  self->background = TRUE;
  if (self->reader != NULL)
    self->worker = weft_model_worker_new (self->reader, EVENTS_PER_TICK);
}

gboolean
weft_session_is_catching_up (WeftSession *self)
{
  g_return_val_if_fail (WEFT_IS_SESSION (self), FALSE);

  return self->state == WEFT_SESSION_ENDED && self->reader != NULL &&
         weft_frame_reader_is_behind (self->reader);
}

WeftSessionState
weft_session_get_state (WeftSession *self)
{
  g_return_val_if_fail (WEFT_IS_SESSION (self), WEFT_SESSION_READY);

  return self->state;
}

const WeftScenario *
weft_session_get_scenario (WeftSession *self)
{
  g_return_val_if_fail (WEFT_IS_SESSION (self), NULL);

  return self->scenario;
}

const WeftParams *
weft_session_get_params (WeftSession *self)
{
  g_return_val_if_fail (WEFT_IS_SESSION (self), NULL);

  return self->params;
}

WeftRun *
weft_session_get_run (WeftSession *self)
{
  g_return_val_if_fail (WEFT_IS_SESSION (self), NULL);

  return self->run;
}

WeftModel *
weft_session_get_model (WeftSession *self)
{
  g_return_val_if_fail (WEFT_IS_SESSION (self), NULL);

  return self->model;
}

guint
weft_session_get_n_pending_steps (WeftSession *self)
{
  g_return_val_if_fail (WEFT_IS_SESSION (self), 0);

  return g_queue_get_length (&self->pending_steps);
}

WeftEventList *
weft_session_get_events (WeftSession *self)
{
  g_return_val_if_fail (WEFT_IS_SESSION (self), NULL);

  return self->events;
}

WeftViewport *
weft_session_get_viewport (WeftSession *self)
{
  g_return_val_if_fail (WEFT_IS_SESSION (self), NULL);

  return self->viewport;
}

guint64
weft_session_get_n_events_read (WeftSession *self)
{
  g_return_val_if_fail (WEFT_IS_SESSION (self), 0);

  return self->reader != NULL ? weft_frame_reader_get_n_read (self->reader) : 0;
}

guint64
weft_session_get_n_events_read_in_background (WeftSession *self)
{
  g_return_val_if_fail (WEFT_IS_SESSION (self), 0);

  return self->worker != NULL ? weft_model_worker_get_n_read (self->worker) : 0;
}

char *
weft_session_describe_setup (WeftSession *self)
{
  g_return_val_if_fail (WEFT_IS_SESSION (self), NULL);

  if (self->run == NULL)
    return g_strdup ("");
  return weft_run_describe_setup (self->run, self->params);
}

char *
weft_session_describe_parameters (WeftSession *self)
{
  g_return_val_if_fail (WEFT_IS_SESSION (self), NULL);

  if (self->run == NULL)
    return NULL;
  return weft_run_describe_parameters (self->run, self->params);
}
