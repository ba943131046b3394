/* weft-viewport.h — what the views of a run share: the window on the model's axis the
 * timeline shows, whether it follows the live edge, and the moment the views show (the
 * scene draws its graph at it, the log scrolls to it on a jump). The views bind to it
 * instead of the window relaying values between them; no widgets here.
 *
 * Threading: the main thread only.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define WEFT_TYPE_VIEWPORT (weft_viewport_get_type ())
G_DECLARE_FINAL_TYPE (WeftViewport, weft_viewport, WEFT, VIEWPORT, GObject)

WeftViewport *weft_viewport_new             (void);

/* The visible window on the axis (nanoseconds, or steps in step mode): the timeline
 * writes it as it zooms, pans and follows. */
void          weft_viewport_set_range       (WeftViewport *self,
                                             double        start,
                                             double        end);
double        weft_viewport_get_start       (WeftViewport *self);
double        weft_viewport_get_end         (WeftViewport *self);

/* The views follow the run's latest moment. */
void          weft_viewport_set_follow_live (WeftViewport *self,
                                             gboolean      follow_live);
gboolean      weft_viewport_get_follow_live (WeftViewport *self);

/* The moment the views are about, in ns since the run's start: the jumped-to time, else
 * the visible window's end. */
void          weft_viewport_set_focus_time  (WeftViewport *self,
                                             guint64       time_ns);
guint64       weft_viewport_get_focus_time  (WeftViewport *self);
/* The time cursor: a moment the teacher placed on the timeline (a click, Show When), which
 * the scene shows and says ("step 12 · 0.812 s"); G_MAXUINT64: none. Following the live
 * edge again clears it. */
void          weft_viewport_set_cursor      (WeftViewport *self,
                                             guint64       time_ns);
void          weft_viewport_clear_cursor    (WeftViewport *self);
guint64       weft_viewport_get_cursor      (WeftViewport *self);
/* The moment the scene shows: the cursor's, or G_MAXUINT64 (the model's end, the live
 * edge) without one: zooming or panning the timeline does not move the scene to a past
 * moment without saying so. */
guint64       weft_viewport_get_shown_time  (WeftViewport *self);

/* Every word of the views @scale times its size (1.0: their own size; the window's text
 * size setting, times more in presentation mode). */
void          weft_viewport_set_text_scale  (WeftViewport *self,
                                             double        scale);
double        weft_viewport_get_text_scale  (WeftViewport *self);

/* Every view goes to @time_ns: following stops, the focus time and the cursor become
 * @time_ns, and
 * "jumped" is emitted so that the timeline centres on it and the log scrolls to it. */
void          weft_viewport_jump_to         (WeftViewport *self,
                                             guint64       time_ns);

/* Properties (all notified on change only):
 *   "start", "end"  (double)     the visible window on the axis
 *   "follow-live"   (gboolean)   default TRUE
 *   "focus-time"    (guint64)    the moment the views are about (see above)
 *   "cursor-time"   (guint64)    the time cursor, G_MAXUINT64: none
 *   "text-scale"    (double)     > 0, default 1.0
 * Signals:
 *   "jumped" (guint64 time_ns)   weft_viewport_jump_to() was called */

G_END_DECLS
