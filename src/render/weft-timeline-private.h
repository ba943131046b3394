/* weft-timeline-private.h — what the timeline's files share: the drawing context, the
 * pieces a lane is cut into, and the geometry helpers.
 *
 * The files, in the order a frame uses them: weft-timeline.c draws a frame;
 * weft-timeline-layout.c says where things are; weft-timeline-walk.c cuts a lane into
 * pieces at the view's level of detail; a file per kind of lane turns them into bars and
 * words (weft-timeline-threads.c; weft-timeline-resources.c for what every resource lane
 * shares, then weft-timeline-locks.c, -semaphores.c, -queues.c, -shared.c);
 * weft-timeline-pixels.c fills the bars, look by look; weft-timeline-labels.c writes the
 * words in them; weft-timeline-band.c draws the density bands and weft-timeline-marks.c
 * what goes over and around the lanes (hand-offs, the deadlock, the axis, the lanes'
 * backgrounds and names).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pangocairo.h>

#include "weft-model-words.h"
#include "weft-text.h"
#include "weft-timeline.h"

G_BEGIN_DECLS

/* The words inside a bar ("thinking · next: take the left fork") need a lane this many
 * times the type size. */
#define BAR_WORDS_ROOM 1.3

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
  PangoContext           *context;    /* the text cache's frame context; NULL: no cache */
  PangoLayout            *text;       /* lane labels, bar labels */
  PangoLayout            *small;      /* axis, chips */
  GArray                 *pieces;     /* Piece, one lane at a time */
  GArray                 *pieces2;    /* the lane's second row: a resource's waiters */
  GHashTable             *fills;      /* Look → GArray of Rect */
  GArray                 *labels;     /* Label */
  gboolean                keep_span;  /* resource lanes: see emit() (weft-timeline-walk.c) */
  ResourceInfo            resource;   /* the resource lane being drawn */
  GArray                 *chips;      /* queue items (weft-timeline-queues.c); NULL: none yet */
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

/* @text laid out like @style, through the view's text cache when it has one (shaped
 * once, not every frame): the layout to show, valid until the frame ends, and its size. */
static inline PangoLayout *
timeline_text (Ctx         *ctx,
               PangoLayout *style,
               const char  *text,
               int         *width,
               int         *height)
{
  return weft_text_cache_layout (ctx->view->text_cache, style, text, width, height, ctx->stats);
}

static inline int
text_width (Ctx         *ctx,
            PangoLayout *style,
            const char  *text)
{
  int w;

  timeline_text (ctx, style, text, &w, NULL);
  return w;
}

/* A layout for the frame's words: in the text cache's context when there is one. */
static inline PangoLayout *
timeline_create_layout (Ctx      *ctx,
                        double    font_size,
                        gboolean  bold)
{
  return weft_render_create_frame_layout (ctx->cr, ctx->context, ctx->theme, font_size, bold);
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

/* The walk (weft-timeline-walk.c) ------------------------------------------------------ */

/* What a lane's spans look like, from its kind: @span_at returns the span in effect at a
 * time, when it ends and its looks; @merge gives a merged column's looks. A lane may have
 * a second row of pieces (a resource's waiters), found in the same walk: same spans, same
 * columns, another look. */
typedef struct
{
  Look   look;
  double level;
  Look   look2;   /* LOOK_NONE when there is no second row */
  double level2;
  guint64 key;    /* see Piece */
  gboolean stale; /* see Piece */
} Looks;

typedef gint64 (*SpanAtFunc)   (Ctx *ctx, guint subject, guint64 t, guint64 *span_end,
                                Looks *looks);
typedef void   (*MergeFunc)    (Ctx *ctx, guint subject, guint64 t0, guint64 t1,
                                Looks *looks);
typedef void   (*PrefetchFunc) (WeftModel *model, guint subject, guint64 t);

/* Cuts @subject's lane into ctx->pieces (and ctx->pieces2) at the view's level of
 * detail. */
void     weft_timeline_walk_lane     (Ctx          *ctx,
                                      guint         subject,
                                      SpanAtFunc    span_at,
                                      MergeFunc     merge,
                                      PrefetchFunc  prefetch);
/* Whether the actor (@actor TRUE) or object @index is in the deadlock cycle. */
gboolean weft_timeline_in_cycle      (WeftModel    *model,
                                      gboolean      actor,
                                      guint         index);
/* Draws the last of @pieces to the right edge when it is frozen in the deadlock. */
void     weft_timeline_extend_frozen (Ctx          *ctx,
                                      gboolean      actor,
                                      guint         index,
                                      GArray       *pieces);

/* The lanes, one file per kind --------------------------------------------------------- */

void  weft_timeline_draw_thread_lane   (Ctx   *ctx,
                                        guint  actor,
                                        double y,
                                        double h);
void  weft_timeline_draw_resource_lane (Ctx   *ctx,
                                        guint  lane,
                                        double y,
                                        double h);

/* A lock's words in @p, a piece of its lane showing @span: its holder, and how many wait
 * for it. @named_owner and @named_end carry, from piece to piece, the holder the lane last
 * named and where: a holder already named is not named again. NULL: no words. */
char *weft_timeline_lock_words         (Ctx                    *ctx,
                                        const Piece            *p,
                                        const WeftResourceSpan *span,
                                        guint16                *named_owner,
                                        double                 *named_end);
/* The units that fill a semaphore's lane: its initial count, or more when it went below
 * zero (more releases than acquisitions). */
double weft_timeline_semaphore_scale   (gint32                  initial,
                                        gint32                  min_value);
/* A semaphore's words in @p: its free count, and the @background they are written on. */
char *weft_timeline_semaphore_words    (Ctx                    *ctx,
                                        const Piece            *p,
                                        const WeftResourceSpan *span,
                                        const WeftRgba        **background);
/* The items that fill a queue's lane: its capacity, or its longest length. */
double weft_timeline_queue_scale       (gint32                  initial,
                                        gint32                  max_value);
/* A queue's items in @p, in its bar (@use_y, @use_h): as chips when they all fit (queued
 * for weft_timeline_draw_chips(), and NULL returned), else their number, with the
 * @background it is written on. */
char *weft_timeline_queue_words        (Ctx                    *ctx,
                                        const Piece            *p,
                                        const WeftResourceSpan *span,
                                        double                  use_y,
                                        double                  use_h,
                                        const WeftRgba        **background);
/* Draws the chips queued by weft_timeline_queue_words(), after the bars. */
void  weft_timeline_draw_chips         (Ctx                    *ctx);
/* A shared variable's lane, walked into ctx->pieces: a step line of its value, the values
 * written (@labels: when the lane is high enough for words) and the lost updates. */
void  weft_timeline_draw_shared_lane   (Ctx                    *ctx,
                                        const WeftResourceSpan *spans,
                                        double                  y,
                                        double                  h,
                                        double                  use_y,
                                        double                  use_h,
                                        gboolean                labels);

/* The pixels (weft-timeline-pixels.c) --------------------------------------------------- */

/* Queues a rectangle of @look, snapped to the pixel grid, to be filled with every other
 * of its look by weft_timeline_flush_fills(). */
void weft_timeline_fill_rect   (Ctx    *ctx,
                                Look    look,
                                double  x,
                                double  y,
                                double  w,
                                double  h);
/* Fills the queued rectangles, look by look, in a fixed order. */
void weft_timeline_flush_fills (Ctx    *ctx);

/* A rectangle being widened while the columns keep its top and bottom (a band's layer):
 * one rectangle for a run of columns. */
typedef struct
{
  double x0, x1;
  double top, bottom;
} Open;

void weft_timeline_open_add    (Ctx    *ctx,
                                Look    look,
                                Open   *open,
                                double  x0,
                                double  x1,
                                double  top,
                                double  bottom);
/* Queues the rectangle @open holds, if any, and empties it. */
void weft_timeline_open_close  (Ctx    *ctx,
                                Look    look,
                                Open   *open);

/* The words in the bars (weft-timeline-labels.c) ----------------------------------------- */

/* Whether white text reads better than black on @c. */
gboolean weft_timeline_is_dark     (const WeftRgba *c);
/* The ink that reads best on @background: white or near black. */
WeftRgba weft_timeline_ink_on      (const WeftRgba *background);
/* Queues @text (taken) to be written in @ink inside the box, if it fits, once the bars
 * are filled. */
void     weft_timeline_add_label   (Ctx            *ctx,
                                    double          x,
                                    double          y,
                                    double          w,
                                    double          h,
                                    const WeftRgba *ink,
                                    char           *text);
void     weft_timeline_draw_labels (Ctx            *ctx);

/* Over and around the lanes (weft-timeline-marks.c, weft-timeline-band.c) -------------- */

void weft_timeline_draw_flows            (Ctx *ctx);
void weft_timeline_draw_deadlock         (Ctx *ctx);
void weft_timeline_draw_forgotten        (Ctx *ctx);
void weft_timeline_draw_axis             (Ctx *ctx);
void weft_timeline_draw_value_marks      (Ctx *ctx);
void weft_timeline_draw_lane_backgrounds (Ctx *ctx);
void weft_timeline_draw_lane_names       (Ctx *ctx);
void weft_timeline_draw_bands            (Ctx *ctx);
void weft_timeline_draw_band_names       (Ctx *ctx);

G_END_DECLS
