/* weft-scene-area.h — the live scene: the resource-allocation graph of a WeftModel at one
 * moment, drawn with weft_scene_draw() (src/render). Clicking a thread's circle emits
 * "actor-activated"; hovering one shows its state, what it holds and what it wants, and
 * hovering a resource what it is, who holds and who wants it, and its value.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "weft-render.h"
#include "weft-viewport.h"

G_BEGIN_DECLS

#define WEFT_TYPE_SCENE_AREA (weft_scene_area_get_type ())
G_DECLARE_FINAL_TYPE (WeftSceneArea, weft_scene_area, WEFT, SCENE_AREA, GtkWidget)

GtkWidget *weft_scene_area_new        (void);
/* @model is borrowed, as for the timeline area. */
void       weft_scene_area_set_model  (WeftSceneArea *self,
                                       WeftModel     *model);
void       weft_scene_area_set_theme  (WeftSceneArea *self,
                                       WeftThemeId    theme);
/* The moment shown; G_MAXUINT64: the model's end (live). */
void       weft_scene_area_set_time   (WeftSceneArea *self,
                                       guint64        time_ns);
/* The moment shown and the text scale follow @viewport (weft_viewport_get_shown_time(),
 * "text-scale"); NULL: only the setters move them. */
void       weft_scene_area_set_viewport (WeftSceneArea *self,
                                         WeftViewport  *viewport);
/* Every text of the scene times @scale (1.0: the scene's own size; the window's text size
 * setting gives 1.0–2.5, presentation mode more): lays out and redraws, and the hit
 * regions follow. Where names do not fit at that size they shrink back (see
 * weft_scene_draw()). */
void       weft_scene_area_set_text_scale (WeftSceneArea *self,
                                           double         scale);
double     weft_scene_area_get_text_scale (WeftSceneArea *self);
/* The model has new events: redraws. */
void       weft_scene_area_update     (WeftSceneArea *self);

/* Signals:
 *   "actor-activated" (guint actor)   a thread's circle was clicked */

G_END_DECLS
