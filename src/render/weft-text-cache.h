/* weft-text-cache.h — laid-out text kept from one frame to the next: a live view draws
 * the same lane names, axis labels and words in its bars frame after frame, and shaping
 * them again each time cost more than the rest of the frame. The caller (the window's
 * timeline, the window's scene: one cache each) owns a cache and hands it to the
 * renderer (the timeline's view, weft_scene_draw_with_hits()); a drawing made once (an
 * export) passes none and lays its text out as before.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "weft-stats.h"

G_BEGIN_DECLS

typedef struct _WeftTextCache WeftTextCache;

WeftTextCache *weft_text_cache_new         (void);
void           weft_text_cache_free        (WeftTextCache   *cache);

/* Starts a frame drawn on @cr: the cache's layouts follow @cr's font options and scale
 * (they are shaped again only if those changed), and the text no frame used lately is
 * forgotten when the cache grows. Returns the context new layouts of the frame are made
 * in (owned by the cache). */
PangoContext  *weft_text_cache_begin_frame (WeftTextCache   *cache,
                                            cairo_t         *cr);

/* The context measurements outside a frame use (weft_timeline_get_layout()): fixed, so
 * the same names measure the same in every frame. Owned by the cache. */
PangoContext  *weft_text_cache_get_measure_context (WeftTextCache *cache);

/* @text laid out like @style (its context, font, width, height, wrap, ellipsis and
 * alignment), its size in pixels in @width and @height (either may be NULL). With a
 * @cache, the layout is the cache's, shaped only the first time this text is asked for in
 * this style, and stays valid until the next weft_text_cache_begin_frame(); without one,
 * it is @style itself, with @text set. Every shaping is counted in @stats (NULL: not
 * counted). */
PangoLayout   *weft_text_cache_layout      (WeftTextCache   *cache,
                                            PangoLayout     *style,
                                            const char      *text,
                                            int             *width,
                                            int             *height,
                                            WeftRenderStats *stats);

/* How many layouts the cache holds (for the tests). */
guint          weft_text_cache_get_size    (WeftTextCache   *cache);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftTextCache, weft_text_cache_free)

G_END_DECLS
