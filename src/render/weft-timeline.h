/* weft-timeline.h — the timeline: a lane per thread and per resource over time,
 * hand-offs, the deadlock cycle, a time (or step) axis; where things are in it, for hit
 * tests. Part of the renderer's public API (weft-render.h includes it).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "weft-model.h"
#include "weft-stats.h"
#include "weft-text-cache.h"
#include "weft-theme.h"

G_BEGIN_DECLS

typedef struct
{
  double   start;       /* the visible window on the model's axis */
  double   end;
  gboolean show_flows;  /* hand-off arrows (when few enough are in view to be read) */
  double   font_size;   /* 0: from the size */
  WeftTextCache *text_cache; /* the text of past frames, borrowed; NULL: none (exports) */
} WeftTimelineView;

/* The whole run: from the axis' start to its end; after a deadlock, with room on the
 * right for the frozen lanes and the cycle's arrows. Keeps @view's other fields. */
void    weft_timeline_view_whole (WeftModel              *model,
                                  WeftTimelineView       *view);

/* Where things are in a timeline of a given size (for hit tests in the window). Thread
 * lanes come first, then a small gap, then the resource lanes. When there are more lanes
 * than the height can show at two pixels each, only every stride-th lane of each block is
 * drawn; resources of the kinds with few lanes (the model puts them first: the waiter's
 * semaphore, not the forks) are always drawn. */
typedef struct
{
  double font_size;     /* shrunk from the view's to name every lane when they are few */
  double line_height;   /* of a line of text at font_size */
  double label_width;   /* lane labels column, left */
  double plot_x, plot_width;
  double lanes_y;       /* top of the first lane */
  double lane_height;   /* of a drawn lane */
  double gap;           /* between the thread lanes and the resource lanes */
  guint  n_lanes;
  guint  n_thread_lanes;
  guint  stride;        /* threads: every stride-th lane is drawn (1: all) */
  guint  stride_resources; /* resources: the same, for those after the first n_whole */
  guint  n_whole;       /* resource lanes always drawn (the kinds with few lanes) */
  double axis_y;        /* top of the time axis, below the lanes */
  double axis_height;
  /* Lanes thinner than a few pixels (a thousand threads): a density band on top of each
   * block, how many threads are in each state (how many resources held, with waiters)
   * over time, before the thinned lanes. 0: none. */
  double threads_band_height;
  double resources_band_height;
} WeftTimelineLayout;

/* The top of @lane's row, or -1 when it is not drawn (stride). */
double  weft_timeline_lane_y     (const WeftTimelineLayout *layout,
                                  guint                   lane);
/* The next lane drawn after @lane (n_lanes at the end). */
guint   weft_timeline_next_lane  (const WeftTimelineLayout *layout,
                                  guint                   lane);
void    weft_timeline_get_layout (WeftModel              *model,
                                  const WeftTimelineView *view,
                                  double                  width,
                                  double                  height,
                                  WeftTimelineLayout     *layout);
void    weft_timeline_draw       (cairo_t                *cr,
                                  WeftModel              *model,
                                  const WeftTheme        *theme,
                                  const WeftTimelineView *view,
                                  double                  width,
                                  double                  height,
                                  WeftRenderStats        *stats);
/* Whether weft_timeline_draw() draws hand-off arrows in @view at this size (some end in
 * view, few enough to be read, lanes thick enough): what its legend should explain. */
gboolean weft_timeline_shows_flows (WeftModel              *model,
                                    const WeftTimelineView *view,
                                    double                  width,
                                    double                  height);
/* The lane at @y, or -1. */
int     weft_timeline_lane_at    (const WeftTimelineLayout *layout,
                                  double                  y);
/* The axis position at @x (in the timeline's coordinates), and back. */
double  weft_timeline_axis_at    (const WeftTimelineLayout *layout,
                                  const WeftTimelineView *view,
                                  double                  x);

G_END_DECLS
