/* weft-render.h — the renderer: one cairo drawing of a model, used by the window (through
 * gtk_snapshot_append_cairo) and by export, so a slide looks exactly like the screen.
 *
 * Everything is drawn in user units (pixels on screen and in PNG, points in SVG and PDF)
 * into a rectangle whose top-left corner is the current origin.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "weft-model.h"
#include "weft-model-words.h"
#include "weft-theme.h"

G_BEGIN_DECLS

/* What was drawn, for tests and benchmarks: the level of detail keeps n_primitives
 * bounded by lanes × width, whatever the number of events. */
typedef struct
{
  guint n_rects;      /* state bars and resource bars, after merging */
  guint n_labels;     /* text runs */
  guint n_arrows;     /* flows and cycle edges */
  guint n_shapes;     /* other marks: chips, value steps, circles, boxes */
  guint n_primitives; /* the sum */
} WeftRenderStats;

void weft_render_stats_add (WeftRenderStats *stats,
                            guint            rects,
                            guint            labels,
                            guint            arrows,
                            guint            shapes);

/* The type sizes the renderer uses, scaled to the drawing: readable from the back of a
 * room at 1920×1080, never below a floor on small drawings. */
double weft_render_font_size (double width,
                              double height);

/* Shows @layout at the current point, like pango_cairo_show_layout(); when the cairo
 * context carries a text recorder, also records the text, its place in device space and
 * its size, so that an SVG export can carry the words as text (cairo draws them as
 * outlines). Every piece of text the renderer draws goes through here. */
void   weft_render_show_layout (cairo_t     *cr,
                                PangoLayout *layout);

/* A layout in the theme's family, at @font_size user units. */
PangoLayout *weft_render_create_layout (cairo_t         *cr,
                                        const WeftTheme *theme,
                                        double           font_size,
                                        gboolean         bold);

typedef struct
{
  char  *text;
  double x, y;      /* top-left, device units */
  double size;      /* font size, device units */
} WeftRecordedText;

/* Attaches a recorder (a GPtrArray of WeftRecordedText, owned by the caller, freed with
 * weft_recorded_text_free) to @cr. */
void   weft_render_record_text (cairo_t     *cr,
                                GPtrArray   *texts);
void   weft_recorded_text_free (gpointer     data);

/* Timeline ----------------------------------------------------------------------------- */

typedef struct
{
  double   start;       /* the visible window on the model's axis */
  double   end;
  gboolean show_flows;  /* hand-off arrows (when few enough are in view to be read) */
  double   font_size;   /* 0: from the size */
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

/* Scene -------------------------------------------------------------------------------- */

/* The resource-allocation graph as it was at @time_ns: actors as circles coloured by
 * state, resources as boxes (a semaphore with its count, a queue with its items, a shared
 * variable with its value), "holds" edges (resource → actor) and "wants" edges (actor →
 * resource, dashed), placed by the model's layout; the deadlock cycle in red.
 *
 * Type and marks grow with the drawing; @text_scale (1.0: as sized for the drawing, up to
 * 2.5 or more for a projector) multiplies every text. When names do not fit at that size,
 * resources are named by their short form ("f2"), then type shrinks to a floor of 10
 * units, then names are dropped (a thousand forks): nothing overlaps or leaves the
 * drawing. */
void    weft_scene_draw          (cairo_t                *cr,
                                  WeftModel              *model,
                                  const WeftTheme        *theme,
                                  guint64                 time_ns,
                                  double                  width,
                                  double                  height,
                                  double                  text_scale,
                                  WeftRenderStats        *stats);
/* Hit tests: where the actors and resources of a scene are. weft_scene_draw_with_hits() is
 * weft_scene_draw() returning those of what it drew (a window keeps its last frame's, so
 * the pointer costs nothing); weft_scene_hits_new() lays the scene out as the drawing
 * would, measuring text as on a GTK snapshot, without drawing it. Both return NULL when
 * the size leaves nothing to lay out. */
typedef struct _WeftSceneHits WeftSceneHits;

WeftSceneHits *weft_scene_draw_with_hits  (cairo_t                *cr,
                                           WeftModel              *model,
                                           const WeftTheme        *theme,
                                           guint64                 time_ns,
                                           double                  width,
                                           double                  height,
                                           double                  text_scale,
                                           WeftRenderStats        *stats);
WeftSceneHits *weft_scene_hits_new        (WeftModel              *model,
                                           guint64                 time_ns,
                                           double                  width,
                                           double                  height,
                                           double                  text_scale);
void           weft_scene_hits_free       (WeftSceneHits          *hits);
/* The actor whose circle (on a ring too crowded for circles, whose sector of the band)
 * is under (@x, @y), or -1. */
int            weft_scene_hits_actor_at   (const WeftSceneHits    *hits,
                                           double                  x,
                                           double                  y);
/* The resource whose box (or square) is under (@x, @y), or -1; resources not drawn (a
 * thousand forks) are never hit. */
int            weft_scene_hits_object_at  (const WeftSceneHits    *hits,
                                           double                  x,
                                           double                  y);
/* Where @actor's circle is: its centre and radius (a sector of the band: its middle and
 * half the band's thickness). FALSE when there is no such actor (or @hits is NULL). */
gboolean       weft_scene_hits_get_circle (const WeftSceneHits    *hits,
                                           guint                   actor,
                                           double                 *x,
                                           double                 *y,
                                           double                 *radius);
/* Where @object's box is: its centre and half sizes. FALSE when there is no such object
 * or it is not drawn. */
gboolean       weft_scene_hits_get_box    (const WeftSceneHits    *hits,
                                           guint                   object,
                                           double                 *x,
                                           double                 *y,
                                           double                 *half_width,
                                           double                 *half_height);
/* The actor under (@x, @y) in the scene weft_scene_draw() draws at @time_ns in @width ×
 * @height, or -1: weft_scene_hits_new() and weft_scene_hits_actor_at(). */
int            weft_scene_actor_at        (WeftModel              *model,
                                           guint64                 time_ns,
                                           double                  width,
                                           double                  height,
                                           double                  text_scale,
                                           double                  x,
                                           double                  y);

/* The short form of a resource's name, drawn when the whole name does not fit: its first
 * letter and its trailing number ("fork 2" → "f2", "fourchette 2" → "f2", in the order a
 * translation gives); a name without a number is its own short form. Free with g_free. */
char          *weft_scene_short_name      (const char             *name);

/* The colour the scene fills an actor in @state with: running actors' activities (1, 2, …:
 * the model's activity ids; 0: none) get distinct tints of the running colour, so the
 * count of a crowded ring and its band tell "eating" from "thinking". */
void           weft_scene_state_colour    (const WeftTheme        *theme,
                                           WeftState               state,
                                           guint                   activity,
                                           WeftRgba               *colour);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftSceneHits, weft_scene_hits_free)

/* Legend ------------------------------------------------------------------------------- */

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

/* Page --------------------------------------------------------------------------------- */

typedef enum
{
  WEFT_VIEW_TIMELINE,
  WEFT_VIEW_SCENE,
  WEFT_VIEW_BOTH,
} WeftView;

gboolean weft_view_from_string   (const char             *str,
                                  WeftView               *view);

typedef struct
{
  WeftView    view;
  WeftThemeId theme;
  double      width;
  double      height;
  double      start;        /* the time window on the axis; start >= end: whole run */
  double      end;
  gboolean    show_title;   /* the model's title and subtitle, top */
  gboolean    show_legend;  /* bottom */
} WeftPageOptions;

void     weft_page_options_init  (WeftPageOptions        *options);
/* Background, title, the scene (at the window's end) and/or the timeline, legend. */
void     weft_page_draw          (cairo_t                *cr,
                                  WeftModel              *model,
                                  const WeftPageOptions  *options,
                                  WeftRenderStats        *stats);

G_END_DECLS
