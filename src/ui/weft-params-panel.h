/* weft-params-panel.h — the side panel: the scenario's description and lesson, and one
 * row per parameter made from its declaration (a spin button with the declared range for
 * a number, a drop-down for a choice). Values that are out of range cannot be entered.
 * Changes are held here until the user resets the run with them ("apply").
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "weft-core.h"

G_BEGIN_DECLS

#define WEFT_TYPE_PARAMS_PANEL (weft_params_panel_get_type ())
G_DECLARE_FINAL_TYPE (WeftParamsPanel, weft_params_panel, WEFT, PARAMS_PANEL, GtkWidget)

GtkWidget        *weft_params_panel_new          (void);
/* Rebuilds the rows for @scenario, showing @values (copied). */
void              weft_params_panel_set_scenario (WeftParamsPanel    *self,
                                                  const WeftScenario *scenario,
                                                  const WeftParams   *values);
const WeftScenario *weft_params_panel_get_scenario (WeftParamsPanel *self);
/* The values shown (owned by the panel). */
const WeftParams *weft_params_panel_get_params   (WeftParamsPanel    *self);
/* The values of the current run: the panel says when what it shows differs, and its
 * description follows them ("1000 philosophers sit…"). */
void              weft_params_panel_set_applied  (WeftParamsPanel    *self,
                                                  const WeftParams   *applied);
gboolean          weft_params_panel_get_modified (WeftParamsPanel    *self);
/* Takes in what is typed in a spin button but not entered yet (before a reset). */
void              weft_params_panel_commit       (WeftParamsPanel    *self);
/* Sets one value as if the user had entered it (tests, GSettings). */
gboolean          weft_params_panel_set_value    (WeftParamsPanel    *self,
                                                  const char         *name,
                                                  const char         *value,
                                                  GError            **error);

/* The teacher's notes about the run, saved with it (weft-run-file.h). */
char             *weft_params_panel_dup_notes    (WeftParamsPanel    *self);
void              weft_params_panel_set_notes    (WeftParamsPanel    *self,
                                                  const char         *notes);

/* Signals:
 *   "apply" ()   the user asked to reset the run with the values shown
 * Properties:
 *   "modified" (gboolean, read-only)  the values shown differ from the run's
 *   "policy"   (WeftPolicy, enum)     how a step picks the thread when the user does
 *                                      not: it applies at once, not on reset */

G_END_DECLS
