/* weft-test-model.h — models for the render and export suites: one event at a time by
 * hand, or the naive philosophers' deadlock from a real run.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "weft-model.h"
#include "weft-test-scenario.h"

/* Adds one event to @model. */
static inline void
test_model_event (WeftModel     *model,
                  guint64        time_ns,
                  WeftEventKind  kind,
                  guint8         aux,
                  guint16        actor,
                  guint16        object,
                  gint32         value)
{
  WeftEvent ev = { 0 };

  weft_event_set_time (&ev, time_ns);
  ev.kind = kind;
  ev.aux = aux;
  ev.actor = actor;
  ev.object = object;
  ev.value = value;
  weft_model_add_event (model, &ev);
}

/* A deadlocked naive table of five, stepped round-robin, as a model. */
static inline WeftModel *
test_make_deadlocked_model (void)
{
  static const char * const sets[] = { "strategy=naive", NULL };
  g_autoptr(WeftRun) run = test_make_run ("philosophers", 1, sets);
  WeftModel *model;

  test_start (run, WEFT_MODE_STEP);
  test_step_to_end (run, 1000);
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_DEADLOCK);
  weft_run_stop (run);

  model = weft_model_new_for_run (run);
  weft_model_sync (model, run);
  ck_assert_int_eq (weft_model_get_outcome (model), WEFT_OUTCOME_DEADLOCK);
  return model;
}

/* Scenario @id with @sets, stepped round-robin to its end (or @budget steps), as a model. */
static inline WeftModel *
test_make_stepped_model (const char         *id,
                         const char * const *sets,
                         guint               budget)
{
  g_autoptr(WeftRun) run = test_make_run (id, 1, sets);
  WeftModel *model;

  test_start (run, WEFT_MODE_STEP);
  test_step_to_end (run, budget);
  weft_run_stop (run);

  model = weft_model_new_for_run (run);
  weft_model_sync (model, run);
  return model;
}
