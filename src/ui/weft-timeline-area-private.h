/* weft-timeline-area-private.h — what the timeline area's gestures and tooltip do, callable
 * with widget coordinates so the tests can drive them without synthesizing input events;
 * and, below, what the widget's files share: weft-timeline-area.c (the widget, following
 * and the focus), -view.c (the window on the axis, zoom and pan), -input.c (pointer and
 * keys), -describe.c (tooltips).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "weft-live-description.h"
#include "weft-timeline-area.h"

G_BEGIN_DECLS

/* A primary click at (@x, @y): on a thread lane's label, emits "actor-activated" and
 * returns TRUE. */
gboolean weft_timeline_area_activate_at (WeftTimelineArea *self,
                                         double            x,
                                         double            y);
/* A primary click on the lanes at @x: the time cursor goes to that moment (the scene
 * shows it) and the view stops following; FALSE outside the plot, or before anything
 * happened. */
gboolean weft_timeline_area_place_cursor_at (WeftTimelineArea *self,
                                             double            x);
/* A drag from @from_x to @to_x: when it starts on the time cursor (within 8 px), the
 * cursor follows it and TRUE is returned; else nothing happens here (a pan). */
gboolean weft_timeline_area_drag_cursor     (WeftTimelineArea *self,
                                             double            from_x,
                                             double            to_x);
/* The tooltip at (@x, @y): the lane's thread or resource and what it does at that
 * moment, or NULL where there is nothing to say. */
char    *weft_timeline_area_describe_at (WeftTimelineArea *self,
                                         double            x,
                                         double            y);
/* Ctrl+scroll: zooms by @factor (> 1: out) keeping the moment at @x where it is. */
void     weft_timeline_area_zoom_at     (WeftTimelineArea *self,
                                         double            x,
                                         double            factor);
/* Drag and scroll: moves the view @dx pixels to the right (later). */
void     weft_timeline_area_pan_by      (WeftTimelineArea *self,
                                         double            dx);

/* Where things are in the timeline as drawn now (its on-screen type size included);
 * FALSE without a model or a size. */
gboolean weft_timeline_area_get_layout  (WeftTimelineArea   *self,
                                         WeftTimelineLayout *layout);

/* The thread lane chosen with Up / Down (-1: none), and a key as if pressed on the
 * focused timeline (Up, Down, Return); TRUE if it was used. */
int      weft_timeline_area_get_key_lane (WeftTimelineArea *self);
gboolean weft_timeline_area_press_key     (WeftTimelineArea *self,
                                          guint             keyval);

/* Between the widget's files -------------------------------------------------------------- */

struct _WeftTimelineArea
{
  GtkWidget         parent_instance;

  WeftModel        *model;          /* borrowed: the caller sets NULL before freeing it */
  WeftThemeId       theme;
  WeftTimelineView  view;           /* view.text_cache is text_cache */
  WeftTextCache    *text_cache;     /* the words of the last frames, shaped once */
  gboolean          follow_live;
  gboolean          fit;            /* following with the whole run in view */
  gboolean          jumped;         /* the focus is jump_time, not the view's end */
  guint64           jump_time;
  guint64           focus_time;
  WeftMode          axis_mode;      /* the model's axis the view is on: time or steps */

  double            drag_start;     /* the view's start the drag moves from */
  double            drag_cursor_from; /* a drag of the time cursor: where it began; < 0: a pan */
  gboolean          drag_moved;     /* past the threshold: a pan, not a click */
  double            pointer_x;      /* for Ctrl+scroll; < 0 when the pointer is away */
  gboolean          pointer_cursor; /* over a thread's name */
  int               key_lane;       /* the thread lane chosen with Up / Down; -1: none */
  double            text_scale;     /* the window's text-size setting, 1 = normal */

  /* What the views share: the window, following and the focus are written to it, a
   * jump of it moves this view. NULL: none. */
  WeftViewport     *viewport;
  GBinding         *follow_binding;

  WeftLiveDescription description;
};

/* On screen the words stay at least as large as the desktop's text, read from the back
 * of a classroom; an exported slide sizes them from its own size (get_view() gives 0). */
#define SCREEN_MIN_FONT_SIZE 14.0

/* weft-timeline-area.c */
void     weft_timeline_area_view_changed          (WeftTimelineArea *self);
/* The user looks somewhere else: the view stops following and forgets a jump. */
void     weft_timeline_area_stop_following        (WeftTimelineArea *self);
void     weft_timeline_area_emit_actor_activated  (WeftTimelineArea *self,
                                                   guint             actor);

/* weft-timeline-area-view.c */
void     weft_timeline_area_get_whole             (WeftTimelineArea *self,
                                                   WeftTimelineView *whole);
void     weft_timeline_area_set_view              (WeftTimelineArea *self,
                                                   double            start,
                                                   double            span);
double   weft_timeline_area_view_span             (WeftTimelineArea *self);
gboolean weft_timeline_area_spans_whole           (WeftTimelineArea *self,
                                                   double            span);
void     weft_timeline_area_move_to_live_edge     (WeftTimelineArea *self);
void     weft_timeline_area_follow_axis_change    (WeftTimelineArea *self);
double   weft_timeline_area_screen_font_size      (WeftTimelineArea *self,
                                                   int               width,
                                                   int               height);
void     weft_timeline_area_zoom_by               (WeftTimelineArea *self,
                                                   double            factor);

/* weft-timeline-area-input.c */
void     weft_timeline_area_init_input            (WeftTimelineArea *self);

/* weft-timeline-area-describe.c */
char    *weft_timeline_area_describe_thread       (WeftTimelineArea *self,
                                                   guint             actor,
                                                   guint64           time_ns);
gboolean weft_timeline_area_query_tooltip         (GtkWidget        *widget,
                                                   int               x,
                                                   int               y,
                                                   gboolean          keyboard_mode,
                                                   GtkTooltip       *tooltip);

G_END_DECLS
