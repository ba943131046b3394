/* weft-scenarios.c — the table of scenarios. Adding one is its file plus one line here
 * (and its declaration in weft-scenarios.h).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "weft-scenarios.h"

static const WeftScenario * const scenarios[] = {
  &weft_scenario_philosophers,
  &weft_scenario_bank,
  &weft_scenario_tickets,
  &weft_scenario_pubsub,
};

double
weft_fairness_index (const gint *shares,
                     guint       n)
{
  double sum = 0, sum_sq = 0;

  for (guint i = 0; i < n; i++)
    {
      double x = shares[i];

      sum += x;
      sum_sq += x * x;
    }

  return sum_sq > 0 ? (sum * sum) / (n * sum_sq) : 0.0;
}

const WeftScenario * const *
weft_scenarios_get_all (guint *n_scenarios)
{
  if (n_scenarios != NULL)
    *n_scenarios = G_N_ELEMENTS (scenarios);
  return scenarios;
}

const WeftScenario *
weft_scenarios_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (scenarios); i++)
    if (g_str_equal (scenarios[i]->id, id))
      return scenarios[i];
  return NULL;
}
