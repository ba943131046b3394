/* weft-stats.h — what a drawing drew, counted by every view for the tests and the
 * benchmarks: the level of detail keeps it bounded by lanes × width, whatever the number
 * of events.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint n_rects;      /* state bars and resource bars, after merging */
  guint n_labels;     /* text runs */
  guint n_arrows;     /* flows and cycle edges */
  guint n_shapes;     /* other marks: chips, value steps, circles, boxes */
  guint n_primitives; /* the sum */
  guint n_shaped;     /* text laid out anew (not in the sum): none in a frame that draws
                       * the text of the last one with a text cache */
} WeftRenderStats;

/* Adds to @stats (NULL: counts nothing). */
void weft_render_stats_add (WeftRenderStats *stats,
                            guint            rects,
                            guint            labels,
                            guint            arrows,
                            guint            shapes);

G_END_DECLS
