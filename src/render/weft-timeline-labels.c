/* weft-timeline-labels.c — the words inside the bars ("thinking", "waiting for fork 2",
 * "Kant · 1 waiting"): queued while the lanes are walked, written once every bar is
 * filled, centred in their bar when they fit, in the ink that reads best on it.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <pango/pangocairo.h>

#include "weft-timeline-private.h"

static double
channel_luminance (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/* Whether white text reads better than black on @c (WCAG contrast ratios). */
gboolean
weft_timeline_is_dark (const WeftRgba *c)
{
  double l = 0.2126 * channel_luminance (c->r) + 0.7152 * channel_luminance (c->g) +
             0.0722 * channel_luminance (c->b);

  return 1.05 / (l + 0.05) > (l + 0.05) / 0.05;
}

/* Draws @text centred in the box if it fits; returns whether it did. */
static gboolean
draw_fitted_text (Ctx            *ctx,
                  PangoLayout    *layout,
                  const char     *text,
                  double          x,
                  double          y,
                  double          w,
                  double          h,
                  const WeftRgba *ink)
{
  PangoLayout *shown;
  int tw, th;

  if (text == NULL || w < ctx->layout.font_size * 1.2)
    return FALSE;
  shown = timeline_text (ctx, layout, text, &tw, &th);
  if (tw + ctx->layout.font_size * 0.6 > w || th > h + 2)
    return FALSE;
  weft_theme_set_source (ctx->cr, ink);
  cairo_move_to (ctx->cr, round (x + (w - tw) / 2), round (y + (h - th) / 2));
  weft_render_show_layout (ctx->cr, shown);
  weft_render_stats_add (ctx->stats, 0, 1, 0, 0);
  return TRUE;
}

WeftRgba
weft_timeline_ink_on (const WeftRgba *background)
{
  return weft_timeline_is_dark (background) ? (WeftRgba) { 1, 1, 1, 1 }
                                            : (WeftRgba) { 0.05, 0.05, 0.05, 1 };
}

void
weft_timeline_add_label (Ctx            *ctx,
                         double          x,
                         double          y,
                         double          w,
                         double          h,
                         const WeftRgba *ink,
                         char           *text)
{
  Label label = { x, y, w, h, *ink, text };

  g_array_append_val (ctx->labels, label);
}

void
weft_timeline_draw_labels (Ctx *ctx)
{
  for (guint i = 0; i < ctx->labels->len; i++)
    {
      Label *label = &g_array_index (ctx->labels, Label, i);

      draw_fitted_text (ctx, ctx->text, label->text, label->x, label->y, label->w, label->h,
                        &label->ink);
      g_free (label->text);
    }
  g_array_set_size (ctx->labels, 0);
}
