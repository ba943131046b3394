/* weft-stats.c — counting what a drawing drew (see weft-stats.h).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "weft-stats.h"

void
weft_render_stats_add (WeftRenderStats *stats,
                       guint            rects,
                       guint            labels,
                       guint            arrows,
                       guint            shapes)
{
  if (stats == NULL)
    return;
  stats->n_rects += rects;
  stats->n_labels += labels;
  stats->n_arrows += arrows;
  stats->n_shapes += shapes;
  stats->n_primitives += rects + labels + arrows + shapes;
}
