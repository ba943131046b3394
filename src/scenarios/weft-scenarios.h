/* weft-scenarios.h — the scenarios, for the registry in weft-scenarios.c.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "weft-core.h"

G_BEGIN_DECLS

/* Jain's fairness index of @n shares: 1 when all got as much, 1/n when one got everything,
 * 0 when nobody got anything. */
double weft_fairness_index (const gint *shares,
                            guint       n);

extern const WeftScenario weft_scenario_philosophers;
extern const WeftScenario weft_scenario_bank;
extern const WeftScenario weft_scenario_tickets;
extern const WeftScenario weft_scenario_pubsub;

G_END_DECLS
