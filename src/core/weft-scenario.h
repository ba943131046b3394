/* weft-scenario.h — what a scenario declares: its id, texts, parameters, scene layout,
 * how it sets up a run (actors and objects) and the metrics it computes afterwards.
 * The table of scenarios lives in src/scenarios/weft-scenarios.c.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "weft-params.h"
#include "weft-run.h"

G_BEGIN_DECLS

typedef enum
{
  WEFT_LAYOUT_RING,      /* philosophers around a table */
  WEFT_LAYOUT_STAR,      /* actors around one shared resource */
  WEFT_LAYOUT_PIPELINE,  /* producers → queue → consumers */
} WeftLayout;

/* What the window raises a banner for. */
typedef enum
{
  WEFT_ALERT_NONE,
  WEFT_ALERT_DEADLOCK,     /* a deadlock event */
  WEFT_ALERT_LOST_UPDATE,  /* a write computed from a value another write had replaced */
  WEFT_ALERT_OVERSOLD,     /* a scenario's mark: more sold than there was */
} WeftAlert;

typedef struct
{
  const char          *id;
  const char          *title;        /* N_() */
  const char          *description;  /* N_() */
  const char          *lesson;       /* N_() */
  WeftLayout           layout;
  const WeftParamSpec *params;
  guint                n_params;

  /* Creates the actors and objects on @run. Whatever it needs later (counters the actors
   * update, the objects) goes into scenario data with weft_run_set_scenario_data(). */
  gboolean   (*setup)   (WeftRun          *run,
                         const WeftParams *params,
                         GError          **error);
  /* After the run has stopped: an a{sv} of the scenario's metrics. */
  GVariant  *(*metrics) (WeftRun          *run);
  /* The scenario's own sentence for an event, translated, in the words of the course's
   * program ("Kant has acquired the left fork"); NULL for the generic sentence. Marks
   * (WEFT_EVENT_MARK) the scenario records are described here too. */
  char      *(*describe_event) (WeftRun         *run,
                                const WeftEvent *event);
  /* What @actor, parked before @op on the object of index @object (WEFT_NONE: none),
   * will do next, in the story's words, translated ("take the left fork", "read the
   * balance", "sell a ticket"); NULL for the generic words (weft_op_describe_next()).
   * Called from the controlling thread, after the actor has parked. */
  char      *(*describe_next) (WeftRun         *run,
                               guint            actor,
                               WeftOp           op,
                               guint            object);
  /* The alert a mark of the scenario raises, or WEFT_ALERT_NONE; NULL: none ever. */
  WeftAlert  (*classify_mark) (const WeftEvent *event);
  /* The description for @params, translated, numbers as digits ("1000 philosophers sit
   * around a table…"); NULL: the fixed description. */
  char      *(*describe_scene)  (const WeftParams *params);
  /* The parameters in a few translated words for a slide's subtitle ("5 philosophers ·
   * naive strategy"); NULL: "Label: value" for each parameter off its default. */
  char      *(*describe_params) (const WeftParams *params);
  /* The banner's sentence for the alert @event raised, translated, in the lesson's words
   * ("The deposit of 5000 was overwritten: expected 6000, got 1000"); NULL: the generic
   * one. May read the run's trace. */
  char      *(*describe_alert)  (WeftRun          *run,
                                 WeftAlert         alert,
                                 const WeftEvent  *event);
  /* What happened, in a short translated sentence made from the run's trace, for the
   * caption of an exported page ("Both read 2000; the deposit wrote 7000; the withdrawal
   * wrote 1000 over it"); NULL: nothing to say. Called once the run has stopped. */
  char      *(*describe_outcome) (WeftRun         *run);
} WeftScenario;

WeftRun *weft_scenario_create_run (const WeftScenario *scenario,
                                   const WeftParams   *params,
                                   guint64             seed,
                                   GError            **error);
const WeftScenario *weft_run_get_scenario (WeftRun *run);

/* The alert @event raises, if any: deadlocks and lost updates for every scenario (but a
 * stale write to a stock, WEFT_SHARED_STOCK, which the scenario's oversell tells), the
 * scenario's own marks through its classify_mark. */
WeftAlert weft_run_classify_event (WeftRun         *run,
                                   const WeftEvent *event);

/* The scenario's describe_alert, or NULL. */
char *weft_run_describe_alert   (WeftRun         *run,
                                 WeftAlert        alert,
                                 const WeftEvent *event);
/* The scenario's describe_outcome (what happened, for a page's caption), or NULL. */
char *weft_run_describe_outcome (WeftRun         *run);

/* The scenario's description for @params (NULL: the defaults), translated. */
char *weft_scenario_describe         (const WeftScenario *scenario,
                                      const WeftParams   *params);
/* @params in words, translated: the scenario's describe_params, or the generic
 * "Label: value, …" of the parameters off their defaults ("" when there are none). */
char *weft_scenario_describe_params  (const WeftScenario *scenario,
                                      const WeftParams   *params);

/* "5 philosophers · naive strategy · seed 1 · stepped": what an exported page says under
 * its title, translated (weft-cli and the window). */
char *weft_run_describe_setup        (WeftRun            *run,
                                      const WeftParams   *params);
/* The exact setup, untranslated, in weft-cli's terms, for a file's metadata:
 * "scenario=philosophers count=5 strategy=naive … seed=1 mode=step policy=round-robin". */
char *weft_run_describe_parameters   (WeftRun            *run,
                                      const WeftParams   *params);

/* Registry (src/scenarios/weft-scenarios.c). */
const WeftScenario * const *weft_scenarios_get_all (guint      *n_scenarios);
const WeftScenario         *weft_scenarios_lookup  (const char *id);

G_END_DECLS
