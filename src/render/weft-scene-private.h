/* weft-scene-private.h — the scene's marks once laid out, shared by the files that lay
 * out and draw the scene (weft-scene*.c: one per part, listed in weft-scene.c) and by the
 * hit tests (weft-scene-hits.c), which start from the same layout so that a click lands
 * on what was drawn.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "weft-render.h"
#include "weft-text-cache.h"

G_BEGIN_DECLS

typedef enum
{
  EDGE_HOLDS,   /* resource → owner */
  EDGE_WANTS,   /* blocked or waiting actor → resource */
  EDGE_CYCLE,   /* the deadlock cycle */
  EDGE_PIPE,    /* pipeline structure: producer → queue → consumer */
  N_EDGE_KINDS
} WeftSceneEdgeKind;

/* Where a mark is, for clipping edges to its outline. */
typedef struct
{
  double   x, y;    /* centre */
  double   r;       /* circle: radius */
  double   hw, hh;  /* box: half sizes */
  gboolean box;
} WeftSceneAnchor;

typedef struct
{
  WeftSceneAnchor  anchor;
  WeftState        state;
  guint16          object;       /* blocked or waiting on, or parked at */
  guint16          detail;
  guint16          activity;     /* parked: the story's activity (WeftThreadSpan) */
  guint16          cycle_object; /* wanted in the deadlock cycle, or WEFT_NONE */
  gboolean         producer;     /* pipeline: left column */
  const char      *status;       /* NULL until needed */
  char            *status_owned;
  gboolean         labelled;     /* name drawn */
  gboolean         with_status;  /* and the status under it */
  double           label[4];     /* where: x, y, w, h */
  double           align;        /* lines in the block: 0 left, 0.5 centred, 1 right */
  int              name_w, name_h, status_w, status_h;
} WeftSceneActor;

typedef struct
{
  WeftSceneAnchor  anchor;
  WeftObjectKind   kind;
  gboolean         has_span;
  WeftResourceSpan span;
  gboolean         ring;         /* ring layout: sits between two actors */
  gboolean         labelled;     /* content drawn inside; else a small square */
  gboolean         brief;        /* named by its short form ("f2") */
  gboolean         cut;          /* its lines ellipsized to fit */
  guint16          cycle_holder; /* holds it in the deadlock cycle, or WEFT_NONE */
  char            *line1;
  char            *line2;
  gboolean         line2_alert;
  double           content_w, content_h;  /* labelled box, padding included */
  double           chips_y;      /* queue: top of the chips, from the box's top */
  guint            chips_per_row;
} WeftSceneObject;

typedef struct
{
  double            x1, y1, x2, y2;
  WeftSceneEdgeKind kind;
} WeftSceneEdge;

typedef struct
{
  cairo_t         *cr;
  WeftModel       *model;
  const WeftTheme *theme;
  WeftRenderStats *stats;
  WeftTextCache   *text_cache;     /* the window's, borrowed: text shaped in an earlier frame
                                    * is drawn again as it was; NULL: none (an export) */
  PangoContext    *context;        /* the cache's frame context, the layouts' own; or NULL */
  guint64          time_ns;
  double           width, height;  /* whole scene */
  double           area_h;         /* above the deadlock caption */
  double           fs;             /* body type size */
  double           text_scale;     /* asked of the caller; fs includes what was kept of it */
  double           line_width;
  double           label_gap;      /* between a circle and its label, room for a red ring */

  PangoLayout     *name_layout;    /* bold */
  PangoLayout     *status_layout;
  PangoLayout     *box_layout;     /* bold */
  PangoLayout     *small_layout;

  guint            n_actors, n_objects;
  WeftSceneActor  *actors;
  WeftSceneObject *objects;

  gboolean         deadlock;       /* shown: the run deadlocked at or before time_ns */
  const WeftModelEdge *cycle;
  guint            n_cycle;

  gboolean         show_status;
  gboolean         statuses_measured;
  gboolean         wrap_status;   /* a status line too wide is broken in two, not cut (the
                                   * ring and the pipeline, while they have the room) */
  gboolean         statuses_wrapped;  /* wrap_status and label_max_w when the statuses */
  double           statuses_max_w;    /* were measured */
  gboolean         show_edges;
  gboolean         show_outline;
  gboolean         show_summary;
  double           label_max_w;    /* names and statuses are ellipsized beyond it */

  double           table_x, table_y, table_r;  /* ring: the table, 0 if none */
  double           summary_top;    /* ring: where the count starts, under the table's
                                    * objects; < 0: centred on the table */
  double           ring_r;         /* ring: its radius */
  double           pipe_x0, pipe_x1;  /* pipeline: the columns' inner sides */
  double           band;           /* ring too crowded for circles: a band of sectors this
                                    * thick, one per actor; 0 otherwise */
  GArray          *edges;          /* WeftSceneEdge */
  PangoLayout     *caption;        /* the deadlock's, or NULL */
  double           caption_h;
} WeftScene;

/* Lays the scene out for @cr (the layouts measure text with its font options), its text
 * taken from @text_cache where an earlier frame shaped it (NULL: shaped anew); FALSE when
 * the size leaves nothing to lay out. weft_scene_clear() frees what it made either way. */
gboolean weft_scene_layout          (WeftScene        *scene,
                                     cairo_t          *cr,
                                     WeftModel        *model,
                                     const WeftTheme  *theme,
                                     guint64           time_ns,
                                     double            width,
                                     double            height,
                                     double            text_scale,
                                     WeftTextCache    *text_cache,
                                     WeftRenderStats  *stats);
/* weft_scene_layout(), then draws; @scene is left laid out, for weft_scene_clear(). */
gboolean weft_scene_layout_and_draw (WeftScene        *scene,
                                     cairo_t          *cr,
                                     WeftModel        *model,
                                     const WeftTheme  *theme,
                                     guint64           time_ns,
                                     double            width,
                                     double            height,
                                     double            text_scale,
                                     WeftTextCache    *text_cache,
                                     WeftRenderStats  *stats);
void     weft_scene_clear           (WeftScene        *scene);
/* Whether @mark is drawn at all (a thousand forks are not). */
gboolean weft_scene_object_drawn    (const WeftSceneObject *mark);

/* Label blocks are measured for at most this many actors; beyond it the widest of these
 * stands for all (generated names all look alike). */
#define WEFT_SCENE_MAX_MEASURED 64
/* Lines of the per-state count shown when the actors are too many to be named. */
#define WEFT_SCENE_MAX_SUMMARY 8

static inline gboolean
weft_scene_is_lock (WeftObjectKind kind)
{
  return kind == WEFT_OBJECT_LOCK || kind == WEFT_OBJECT_RLOCK;
}

static inline gboolean
weft_scene_is_semaphore (WeftObjectKind kind)
{
  return kind == WEFT_OBJECT_SEMAPHORE || kind == WEFT_OBJECT_BOUNDED_SEMAPHORE;
}

/* weft-scene-labels.c */
void         weft_scene_set_layout_size      (PangoLayout      *layout,
                                              double            size);
PangoLayout *weft_scene_measure              (WeftScene        *scene,
                                              PangoLayout      *style,
                                              const char       *text,
                                              double            max_w,
                                              int              *w,
                                              int              *h);
char        *weft_scene_wrap_lines           (WeftScene        *scene,
                                              PangoLayout      *style,
                                              const char       *text,
                                              double            max_w);
void         weft_scene_show_text            (WeftScene        *scene,
                                              PangoLayout      *layout,
                                              const char       *text,
                                              double            max_w,
                                              double            x,
                                              double            y,
                                              const WeftRgba   *colour);
const char  *weft_scene_actor_status         (WeftScene        *scene,
                                              WeftSceneActor   *mark);
void         weft_scene_measure_actor_labels (WeftScene        *scene,
                                              gboolean          names,
                                              double           *block_w,
                                              double           *block_h);
void         weft_scene_choose_ring_labels   (WeftScene        *scene,
                                              const guint      *order,
                                              guint             n,
                                              const double     *angles,
                                              guint             stride,
                                              double            gap);
void         weft_scene_draw_actor_labels    (WeftScene        *scene);

/* weft-scene-captions.c */
void         weft_scene_draw_summary         (WeftScene        *scene);
PangoLayout *weft_scene_caption_layout       (WeftScene        *scene,
                                              double           *height);
void         weft_scene_draw_caption         (WeftScene        *scene,
                                              PangoLayout      *layout,
                                              double            height);

/* weft-scene-marks.c */
void         weft_scene_prepare_object       (WeftScene        *scene,
                                              guint             index,
                                              double            max_w,
                                              gboolean          brief);
void         weft_scene_place_box            (WeftSceneObject  *mark,
                                              double            x,
                                              double            y);
void         weft_scene_place_square         (WeftSceneObject  *mark,
                                              double            x,
                                              double            y,
                                              double            side);
void         weft_scene_rounded_rect         (cairo_t          *cr,
                                              double            x,
                                              double            y,
                                              double            w,
                                              double            h,
                                              double            radius);
void         weft_scene_draw_object          (WeftScene        *scene,
                                              guint             index);
double       weft_scene_stack_objects        (WeftScene        *scene,
                                              const guint      *objects,
                                              guint             n,
                                              double            cx,
                                              double            cy,
                                              double            max_w,
                                              double            max_h,
                                              double            spread);
guint        weft_scene_centre_objects       (WeftScene        *scene,
                                              guint            *out);

/* weft-scene-edges.c */
void         weft_scene_collect_edges        (WeftScene        *scene);
void         weft_scene_draw_edges           (WeftScene        *scene,
                                              WeftSceneEdgeKind kind);

/* weft-scene-actors.c */
void         weft_scene_fill_state           (WeftScene        *scene,
                                              WeftState         state,
                                              guint16           activity);
void         weft_scene_draw_actors          (WeftScene        *scene);
void         weft_scene_draw_table           (WeftScene        *scene);

/* weft-scene-star.c */
double      *weft_scene_place_around         (WeftScene        *scene,
                                              const guint      *order,
                                              guint             n,
                                              double            cx,
                                              double            cy,
                                              double            rx,
                                              double            ry,
                                              double            start,
                                              double            r);
double       weft_scene_crowding             (WeftScene        *scene,
                                              double            spacing);
void         weft_scene_layout_star          (WeftScene        *scene);

/* weft-scene-ring.c */
void         weft_scene_layout_ring          (WeftScene        *scene);

/* weft-scene-pipeline.c */
void         weft_scene_layout_pipeline      (WeftScene        *scene);

G_END_DECLS
