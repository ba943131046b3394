/* weft-event-text.h — the sentence for a trace event ("Kant has acquired fork 1"),
 * translated, made when shown and never stored.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "weft-run.h"

G_BEGIN_DECLS

char *weft_event_describe (WeftRun         *run,
                           const WeftEvent *event);

G_END_DECLS
