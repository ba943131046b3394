/* weft-timeline-area.h — the live timeline: a widget drawing a WeftModel with
 * weft_timeline_draw() (src/render), so the screen is what an export shows.
 *
 * Zoom with Ctrl+scroll or the zoom functions, pan by dragging or scrolling, follow the
 * live edge (the view's right end stays on the run's latest moment) until the user pans
 * or zooms. Hovering shows the event under the pointer in a tooltip; clicking a thread's
 * lane label emits "actor-activated".
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "weft-render.h"
#include "weft-viewport.h"

G_BEGIN_DECLS

#define WEFT_TYPE_TIMELINE_AREA (weft_timeline_area_get_type ())
G_DECLARE_FINAL_TYPE (WeftTimelineArea, weft_timeline_area, WEFT, TIMELINE_AREA, GtkWidget)

GtkWidget *weft_timeline_area_new          (void);
/* @model is borrowed: the caller keeps it alive until it sets another one (or NULL).
 * Setting a model fits the view to it and turns follow-live on. */
void       weft_timeline_area_set_model    (WeftTimelineArea *self,
                                            WeftModel        *model);
WeftModel *weft_timeline_area_get_model    (WeftTimelineArea *self);
void       weft_timeline_area_set_theme    (WeftTimelineArea *self,
                                            WeftThemeId       theme);
/* The model has new events: follows the live edge if asked, and redraws. */
void       weft_timeline_area_update       (WeftTimelineArea *self);
void       weft_timeline_area_set_text_scale (WeftTimelineArea *self,
                                              double            scale);
double     weft_timeline_area_get_text_scale (WeftTimelineArea *self);
/* The height at which every lane (up to 40) has room for its name at the text scale. */
int        weft_timeline_area_get_wanted_height (WeftTimelineArea *self);

void       weft_timeline_area_zoom_in      (WeftTimelineArea *self);
void       weft_timeline_area_zoom_out     (WeftTimelineArea *self);
/* The whole run in view (and follow-live on while the run goes on). */
void       weft_timeline_area_zoom_fit     (WeftTimelineArea *self);
/* Shares the view with the other views through @viewport (NULL: none): its "follow-live"
 * is the timeline's (both ways), the timeline writes its window and focus time there,
 * a jump of the viewport centres the timeline on that moment, and its "text-scale" is the
 * timeline's. */
void       weft_timeline_area_set_viewport (WeftTimelineArea *self,
                                            WeftViewport     *viewport);
/* Centres the view on @time_ns and stops following; with a viewport, through it
 * (weft_viewport_jump_to()), so every view bound to it goes there too. */
void       weft_timeline_area_jump_to      (WeftTimelineArea *self,
                                            guint64           time_ns);
/* The visible window, as the export's "window" range takes it. */
void       weft_timeline_area_get_view     (WeftTimelineArea *self,
                                            WeftTimelineView *view);

/* Properties:
 *   "follow-live" (gboolean, read-write)  the view's end follows the run's latest moment
 *   "focus-time"  (guint64, read-only)    the moment the scene should show: the jumped-to
 *                                          time after weft_timeline_area_jump_to(), else the
 *                                          view's end (clamped to the model's end)
 * Signals:
 *   "actor-activated" (guint actor)       a thread's lane label was clicked */

G_END_DECLS
