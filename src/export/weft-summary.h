/* weft-summary.h — the summary JSON of a run, the contract weft-cli and the tests rely
 * on: scenario, params, seed, mode, outcome, elapsed_ms, events, threads, deadlock,
 * metrics.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "weft-core.h"

G_BEGIN_DECLS

JsonNode *weft_summary_build   (WeftRun          *run,
                                const WeftParams *params);
char     *weft_summary_to_data (JsonNode         *summary,
                                gsize            *length);

G_END_DECLS
