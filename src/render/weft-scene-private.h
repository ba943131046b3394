/* weft-scene-private.h — the scene's marks once laid out, shared by the drawing
 * (weft-scene.c) and the hit tests (weft-scene-hits.c), which both start from the same
 * layout so that a click lands on what was drawn.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "weft-render.h"

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

/* Lays the scene out for @cr (the layouts measure text with its font options); FALSE when
 * the size leaves nothing to lay out. weft_scene_clear() frees what it made either way. */
gboolean weft_scene_layout          (WeftScene        *scene,
                                     cairo_t          *cr,
                                     WeftModel        *model,
                                     const WeftTheme  *theme,
                                     guint64           time_ns,
                                     double            width,
                                     double            height,
                                     double            text_scale,
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
                                     WeftRenderStats  *stats);
void     weft_scene_clear           (WeftScene        *scene);
/* Whether @mark is drawn at all (a thousand forks are not). */
gboolean weft_scene_object_drawn    (const WeftSceneObject *mark);

G_END_DECLS
