/* weft-legend-area.h — the window's legend: the states and marks the run shows, drawn
 * with weft_legend_draw_items() (src/render) in rows that wrap to the widget's width.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "weft-render.h"

G_BEGIN_DECLS

#define WEFT_TYPE_LEGEND_AREA (weft_legend_area_get_type ())
G_DECLARE_FINAL_TYPE (WeftLegendArea, weft_legend_area, WEFT, LEGEND_AREA, GtkWidget)

GtkWidget      *weft_legend_area_new            (void);
/* @model is borrowed, as for the timeline area: set NULL before freeing it. */
void            weft_legend_area_set_model      (WeftLegendArea *self,
                                                 WeftModel      *model);
/* The model grew: adds its items to those the run has shown (none is taken away until
 * weft_legend_area_set_model(), even when the model forgets its oldest history), and asks
 * for a new size if that changed them. */
void            weft_legend_area_update         (WeftLegendArea *self);
void            weft_legend_area_set_theme      (WeftLegendArea *self,
                                                 WeftThemeId     theme);
/* The window's text size (1.0 and up): the legend's type is 14 px times it. */
void            weft_legend_area_set_text_scale (WeftLegendArea *self,
                                                 double          scale);
/* What it lists now (for tests and the window). */
WeftLegendItems weft_legend_area_get_items      (WeftLegendArea *self);

G_END_DECLS
