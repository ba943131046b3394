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
/* What the page draws with and draws: each view's own header. */
#include "weft-stats.h"
#include "weft-text.h"
#include "weft-text-cache.h"
#include "weft-timeline.h"
#include "weft-legend.h"

G_BEGIN_DECLS

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
 * the pointer costs nothing), its text taken from @text_cache where an earlier frame
 * shaped it (the window's; NULL: shaped anew, as an export does); weft_scene_hits_new()
 * lays the scene out as the drawing would, measuring text as on a GTK snapshot, without
 * drawing it. Both return NULL when the size leaves nothing to lay out. */
typedef struct _WeftSceneHits WeftSceneHits;

WeftSceneHits *weft_scene_draw_with_hits  (cairo_t                *cr,
                                           WeftModel              *model,
                                           const WeftTheme        *theme,
                                           guint64                 time_ns,
                                           double                  width,
                                           double                  height,
                                           double                  text_scale,
                                           WeftTextCache          *text_cache,
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
