/* weft-scenario.c — making a run from a scenario and its parameters.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "weft-run-private.h"
#include "weft-scenario.h"

WeftRun *
weft_scenario_create_run (const WeftScenario *scenario,
                          const WeftParams   *params,
                          guint64             seed,
                          GError            **error)
{
  g_autoptr(WeftRun) run = NULL;

  g_return_val_if_fail (scenario != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  run = weft_run_new (seed);
  run->scenario = scenario;
  if (!scenario->setup (run, params, error))
    return NULL;

  return g_steal_pointer (&run);
}

const WeftScenario *
weft_run_get_scenario (WeftRun *run)
{
  g_return_val_if_fail (run != NULL, NULL);

  return run->scenario;
}
