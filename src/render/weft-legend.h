/* weft-legend.h — the legend: a swatch and a name for each thing the views show, and the
 * same as words for a screen reader. Part of the renderer's public API (weft-render.h
 * includes it).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "weft-model.h"
#include "weft-stats.h"
#include "weft-theme.h"

G_BEGIN_DECLS

/* A legend lists only what the views show: a set of items, the states' bits
 * (WEFT_LEGEND_STATE (state)) and the marks'. Items are drawn in a fixed order: the
 * states (new, running, sleeping, blocked, waiting, parked, done), hand-off, deadlock
 * cycle, lost update, sold from a stale count, held, holds, wants. */
typedef guint32 WeftLegendItems;

#define WEFT_LEGEND_STATE(state) (1u << (state))
#define WEFT_LEGEND_STATES       ((1u << WEFT_N_STATES) - 1)
#define WEFT_LEGEND_FLOW         (1u << 16)  /* the timeline's hand-off arrows */
#define WEFT_LEGEND_CYCLE        (1u << 17)  /* the deadlock cycle */
#define WEFT_LEGEND_LOST         (1u << 18)  /* a stale write's triangle */
#define WEFT_LEGEND_HOLDS        (1u << 19)  /* the scene's resource → holder edge */
#define WEFT_LEGEND_WANTS        (1u << 20)  /* the scene's thread → resource edge */
#define WEFT_LEGEND_STALE_SALE   (1u << 21)  /* a stale write's triangle on a stock: a sale
                                              * from a count another sale had changed */
#define WEFT_LEGEND_HELD         (1u << 22)  /* the resources' density band: how many held */

/* What the views of @model show between @start and @end on its axis (start >= end: the
 * whole run): every state a thread spends time in there ("new" only with @scene, when a
 * thread has not started at @end: the timeline draws nothing for it); the hand-off arrow when a flow
 * ends there and @flows (the caller's timeline draws them: weft_timeline_shows_flows());
 * the deadlock cycle when it closed there (with @scene: by @end, as the scene shows the
 * moment @end); the lost update when a stale write happened there; "held" when the
 * timeline (@flows) draws the resources' density band (a model with a resource census)
 * and one was held there; and with @scene,
 * "holds" when a lock or semaphore was held and "wants" when a thread was blocked or
 * waiting. Costs a few searches per lane, whatever the number of events. */
WeftLegendItems weft_legend_get_items  (WeftModel              *model,
                                        double                  start,
                                        double                  end,
                                        gboolean                flows,
                                        gboolean                scene);
/* The items' names in order, "running, blocked, deadlock cycle": for a screen reader.
 * Empty when there are none. */
char    *weft_legend_describe          (WeftLegendItems         items);
/* Draws @items (a swatch and a name each), wrapping to more rows when @width asks, and
 * returns the height it took (0 for no item). With cr NULL only measures. */
double   weft_legend_draw_items        (cairo_t                *cr,
                                        const WeftTheme        *theme,
                                        WeftLegendItems         items,
                                        double                  width,
                                        double                  font_size);
/* The width of the widest item (narrower, each item is a row of its own) and of all the
 * items in one row. */
void     weft_legend_measure_width     (const WeftTheme        *theme,
                                        WeftLegendItems         items,
                                        double                  font_size,
                                        double                 *widest,
                                        double                 *one_row);
/* weft_legend_get_items() with the flows that end in the range, then
 * weft_legend_draw_items(). */
double   weft_legend_draw              (cairo_t                *cr,
                                        WeftModel              *model,
                                        const WeftTheme        *theme,
                                        double                  start,
                                        double                  end,
                                        double                  width,
                                        double                  font_size,
                                        gboolean                scene);

G_END_DECLS
