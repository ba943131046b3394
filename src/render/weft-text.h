/* weft-text.h — the text every view of the renderer draws with: the type size for a
 * drawing, a layout in the theme's family, and showing a layout so that an SVG export can
 * carry the words as text. The page, the timeline, the scene and the legend use it; it
 * knows none of them.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "weft-theme.h"

G_BEGIN_DECLS

/* The type sizes the renderer uses, scaled to the drawing: readable from the back of a
 * room at 1920×1080, never below a floor on small drawings. */
double weft_render_font_size (double width,
                              double height);

/* Shows @layout at the current point, like pango_cairo_show_layout(); when the cairo
 * context carries a text recorder, also records the text, its place in device space and
 * its size, so that an SVG export can carry the words as text (cairo draws them as
 * outlines). Every piece of text the renderer draws goes through here. */
void   weft_render_show_layout (cairo_t     *cr,
                                PangoLayout *layout);

/* A layout in the theme's family, at @font_size user units. */
PangoLayout *weft_render_create_layout (cairo_t         *cr,
                                        const WeftTheme *theme,
                                        double           font_size,
                                        gboolean         bold);
/* The same in @context (a text cache's: see weft-text-cache.h). */
PangoLayout *weft_render_create_layout_in (PangoContext    *context,
                                           const WeftTheme *theme,
                                           double           font_size,
                                           gboolean         bold);
/* A layout for a frame drawn on @cr: in @context when the frame has one (a text cache's,
 * weft_text_cache_begin_frame(): what the cache looks layouts up by), else for @cr. */
PangoLayout *weft_render_create_frame_layout (cairo_t         *cr,
                                              PangoContext    *context,
                                              const WeftTheme *theme,
                                              double           font_size,
                                              gboolean         bold);

typedef struct
{
  char  *text;
  double x, y;      /* top-left, device units */
  double size;      /* font size, device units */
  gboolean cut;     /* ellipsized: not all of text is shown */
} WeftRecordedText;

/* Attaches a recorder (a GPtrArray of WeftRecordedText, owned by the caller, freed with
 * weft_recorded_text_free) to @cr. */
void   weft_render_record_text (cairo_t     *cr,
                                GPtrArray   *texts);
void   weft_recorded_text_free (gpointer     data);

G_END_DECLS
