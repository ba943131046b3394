/* weft-scene-area-private.h — what the scene area's click and tooltip do, callable with
 * widget coordinates so the tests can drive them without synthesizing input events.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "weft-scene-area.h"

G_BEGIN_DECLS

/* A primary click at (@x, @y): on an actor's circle, emits "actor-activated" and returns
 * TRUE. */
gboolean weft_scene_area_activate_at (WeftSceneArea *self,
                                      double         x,
                                      double         y);
/* The tooltip at (@x, @y): the actor under it, its state, what it holds and what it
 * wants; else the resource under it (weft_describe_object_at()); NULL elsewhere. */
char    *weft_scene_area_describe_at (WeftSceneArea *self,
                                      double         x,
                                      double         y);
/* The moment shown: the model's end while live. */
guint64  weft_scene_area_get_shown_time (WeftSceneArea *self);
/* The moment shown when it is not the live end ("step 12 · 0.812 s", as written on the
 * scene), or NULL. */
char    *weft_scene_area_describe_moment (WeftSceneArea *self);

G_END_DECLS
