/* weft-test-scenario.h — helpers shared by the scenario suites: make a run of a scenario
 * with some parameters set, step it to its end, read its metrics.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "weft-scenarios.h"
#include "weft-test-util.h"

#define SECOND ((gint64) G_USEC_PER_SEC)

/* A run of scenario @id with the "KEY=VALUE" assignments of @sets (NULL-terminated). */
static inline WeftRun *
test_make_run (const char         *id,
               guint64             seed,
               const char * const *sets)
{
  const WeftScenario *scenario = weft_scenarios_lookup (id);
  g_autoptr(WeftParams) params = NULL;
  g_autoptr(GError) error = NULL;
  WeftRun *run;

  ck_assert_ptr_nonnull (scenario);
  params = weft_params_new (scenario->params, scenario->n_params);
  for (guint i = 0; sets[i] != NULL; i++)
    ck_assert_msg (weft_params_parse (params, sets[i], &error), "%s: %s", sets[i],
                   error != NULL ? error->message : "");

  run = weft_scenario_create_run (scenario, params, seed, &error);
  ck_assert_msg (run != NULL, "create_run: %s", error != NULL ? error->message : "");
  return run;
}

/* Steps by policy until the run ends or nothing can move; returns the steps taken. */
static inline guint
test_step_to_end (WeftRun *run,
                  guint    budget)
{
  guint steps = 0;

  ck_assert (weft_run_wait_settled (run, 5 * SECOND));
  while (steps < budget && weft_run_get_outcome (run) == WEFT_OUTCOME_NONE)
    {
      if (!weft_run_step (run, NULL, NULL))
        break;
      steps++;
      ck_assert (weft_run_wait_settled (run, 5 * SECOND));
    }

  return steps;
}

/* The run's metrics (a{sv}), once it has stopped. */
static inline GVariant *
test_metrics (WeftRun *run)
{
  return g_variant_ref_sink (weft_run_get_scenario (run)->metrics (run));
}

static inline gint64
test_metric_int64 (GVariant   *metrics,
                   const char *key)
{
  gint64 value = 0;

  ck_assert_msg (g_variant_lookup (metrics, key, "x", &value), "no int64 metric %s", key);
  return value;
}
