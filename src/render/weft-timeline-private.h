/* weft-timeline-private.h — what the timeline's files share: the drawing context, the
 * pieces a lane is cut into, and the geometry helpers. weft-timeline.c draws the lanes;
 * weft-timeline-marks.c what goes over and around them (hand-offs, the deadlock, the axis,
 * the lanes' backgrounds and names).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pangocairo.h>

#include "weft-describe.h"
#include "weft-text.h"
#include "weft-timeline.h"

G_BEGIN_DECLS

/* A look a piece can have: a thread state, a resource colour, "free". */
typedef guint Look;

#define LOOK_NONE        G_MAXUINT
/* Resource looks: an actor's identity colour, or "held, by several". */
#define LOOK_IDENTITY(i) (100 + (i) % WEFT_THEME_N_IDENTITY)
#define LOOK_HELD        99
#define LOOK_QUEUE       98
#define LOOK_STALE       97
/* A state's colour without its tile (the density band: hatching a third of the frame
 * costs more than the rest of it). */
#define LOOK_SOLID(s)    (200 + (s))
#define LOOK_IS_SOLID(l) ((l) >= 200 && (l) < 200 + WEFT_N_STATES)

typedef struct
{
  double x0, x1;   /* relative to the plot's left */
  Look   look;
  gint64 span;     /* the single span it shows, or -1 when merged */
  double level;    /* resources: 0..1 height, or the mean value for shared variables */
  guint64 key;     /* resources: what the words say (owner, waiters, value); 0 merged */
  gboolean stale;  /* merged: a stale write starts in it (read in the walk's summary) */
} Piece;

typedef struct
{
  double x, y, w, h;
} Rect;

typedef struct
{
  WeftLaneKind kind;
  gint32       min_value;
  gint32       max_value;
  double       scale;   /* the use that fills the lane */
} ResourceInfo;

/* A label inside a bar, drawn once the bars are. */
typedef struct
{
  double   x, y, w, h;
  WeftRgba ink;
  char    *text;
} Label;

typedef struct
{
  cairo_t                *cr;
  WeftModel              *model;
  const WeftTheme        *theme;
  const WeftTimelineView *view;
  WeftTimelineLayout      layout;
  WeftRenderStats        *stats;
  double                  px_per_unit;
  guint64                 end_ns;
  PangoLayout            *text;       /* lane labels, bar labels */
  PangoLayout            *small;      /* axis, chips */
  GArray                 *pieces;     /* Piece, one lane at a time */
  GArray                 *pieces2;    /* the lane's second row: a resource's waiters */
  GHashTable             *fills;      /* Look → GArray of Rect */
  GArray                 *labels;     /* Label */
  gboolean                keep_span;  /* resource lanes: see emit() */
  ResourceInfo            resource;   /* the resource lane being drawn */
  GArray                 *chips;      /* Chip: queue items */
} Ctx;

static inline double
axis_to_x (const Ctx *ctx,
           double     u)
{
  return (u - ctx->view->start) * ctx->px_per_unit;
}

static inline double
time_to_x (Ctx     *ctx,
           guint64  t)
{
  return axis_to_x (ctx, weft_model_time_to_axis (ctx->model, t));
}

static inline guint64
x_to_time (Ctx    *ctx,
           double  x)
{
  return weft_model_axis_to_time (ctx->model, ctx->view->start + x / ctx->px_per_unit);
}

static inline guint
thread_rows (const WeftTimelineLayout *layout)
{
  return (layout->n_thread_lanes + layout->stride - 1) / layout->stride;
}

/* The top of the first thread lane, under the threads' density band. */
static inline double
threads_top (const WeftTimelineLayout *layout)
{
  return layout->lanes_y + layout->threads_band_height;
}

/* The bottom of the thread lanes, where the gap to the resources starts. */
static inline double
threads_bottom (const WeftTimelineLayout *layout)
{
  return threads_top (layout) + thread_rows (layout) * layout->lane_height;
}

/* The top of the first resource lane, under the resources' density band. */
static inline double
resources_top (const WeftTimelineLayout *layout)
{
  return threads_bottom (layout) + layout->gap + layout->resources_band_height;
}

/* Where a thread's bar sits in its lane: centred, at most two lines high. */
static inline void
thread_bar (const Ctx *ctx,
            double     y,
            double     h,
            double    *bar_y,
            double    *bar_h)
{
  /* Nearly three quarters of the lane; in a lane barely a line high, as high as a line of
   * its words needs (a bar's words must fit inside it). */
  *bar_h = MIN (MAX (h * 0.72, MIN (h - 2, ctx->layout.line_height - 2)), ctx->layout.font_size * 2.0);
  *bar_y = y + (h - *bar_h) / 2;
}

/* A resource's bar and, under it, its waiters' strip. */
static inline void
resource_bars (const Ctx *ctx,
               double     y,
               double     h,
               double    *use_y,
               double    *use_h,
               double    *wait_y,
               double    *wait_h)
{
  double total = MIN (h * 0.84, ctx->layout.font_size * 2.2);

  *use_h = total * 0.72;
  *wait_h = total * 0.22;
  /* In a lane barely a line high, the bar keeps room for its holder's name and the
   * waiters' strip gives it the difference. */
  if (*use_h < ctx->layout.line_height - 2 && h - 2 >= ctx->layout.line_height - 2 + 3)
    {
      total = MIN (h - 1, ctx->layout.line_height - 2 + MAX (3.0, *wait_h));
      *use_h = ctx->layout.line_height - 2;
      *wait_h = total - *use_h;
    }
  *use_y = y + (h - total) / 2;
  *wait_y = *use_y + total - *wait_h;
}

static inline const char *
lane_label (WeftModel *model,
            guint      lane)
{
  guint subject = weft_model_get_lane_subject (model, lane);

  if (weft_model_get_lane_kind (model, lane) == WEFT_LANE_THREAD)
    return weft_model_get_actor_name (model, subject);
  return weft_model_get_object_name (model, subject);
}

void weft_timeline_draw_flows            (Ctx *ctx);
void weft_timeline_draw_deadlock         (Ctx *ctx);
void weft_timeline_draw_axis             (Ctx *ctx);
void weft_timeline_draw_value_marks      (Ctx *ctx);
void weft_timeline_draw_lane_backgrounds (Ctx *ctx);
void weft_timeline_draw_lane_names       (Ctx *ctx);
void weft_timeline_draw_bands            (Ctx *ctx);
void weft_timeline_draw_band_names       (Ctx *ctx);
/* A rectangle of @look, filled with the lanes' bars (weft-timeline.c). */
void weft_timeline_fill_rect             (Ctx    *ctx,
                                          Look    look,
                                          double  x,
                                          double  y,
                                          double  w,
                                          double  h);

G_END_DECLS
