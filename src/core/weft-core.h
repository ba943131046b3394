/* weft-core.h — everything src/core offers, for the layers above it.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "weft-error.h"
#include "weft-malloc.h"
#include "weft-types.h"
#include "weft-trace.h"
#include "weft-run.h"
#include "weft-schedule.h"
#include "weft-sync.h"
#include "weft-params.h"
#include "weft-scenario.h"
#include "weft-event-text.h"
