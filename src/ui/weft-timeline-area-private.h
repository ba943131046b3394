/* weft-timeline-area-private.h — what the timeline area's gestures and tooltip do, callable
 * with widget coordinates so the tests can drive them without synthesizing input events.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "weft-timeline-area.h"

G_BEGIN_DECLS

/* A primary click at (@x, @y): on a thread lane's label, emits "actor-activated" and
 * returns TRUE. */
gboolean weft_timeline_area_activate_at (WeftTimelineArea *self,
                                         double            x,
                                         double            y);
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

G_END_DECLS
