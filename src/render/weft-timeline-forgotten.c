/* weft-timeline-forgotten.c — history dropped on purpose: when the trace's memory cap
 * recycled the oldest events, the timeline tints the time nothing is known of and says so
 * ("history before 12.3 s dropped: 98000000 events"), so the picture is never silently a
 * different run than the one recorded.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "weft-timeline-private.h"

void
weft_timeline_draw_forgotten (Ctx *ctx)
{
  const WeftTimelineLayout *l = &ctx->layout;
  cairo_t *cr = ctx->cr;
  guint64 n_events = 0;
  guint64 when = weft_model_get_forgotten (ctx->model, &n_events);
  g_autofree char *count = NULL;
  g_autofree char *seconds = NULL;
  g_autofree char *text = NULL;
  PangoLayout *shown;
  double x0, x1, lx;
  int tw, th;

  if (when == 0)
    return;
  x0 = MAX (0, axis_to_x (ctx, weft_model_get_axis_start (ctx->model)));
  x1 = MIN (l->plot_width, time_to_x (ctx, when));
  /* Said while the view starts at or before the cut (a live view of a dense run starts
   * right at it, with nothing to tint); not once zoomed into later times. */
  if (x1 < -0.5)
    return;

  /* The time nothing is known of, tinted over the lanes. */
  cairo_save (cr);
  if (x1 > x0)
    {
      weft_theme_set_source (cr, &ctx->theme->text_dim);
      cairo_rectangle (cr, l->plot_x + x0, l->lanes_y, x1 - x0, l->axis_y - l->lanes_y);
      cairo_clip_preserve (cr);
      cairo_paint_with_alpha (cr, 0.12);
      cairo_new_path (cr);
    }
  x1 = MAX (x1, x0);

  count = g_strdup_printf ("%" G_GUINT64_FORMAT, n_events);
  if (when >= 1000000000)
    /* Translators: when the history kept starts, in seconds, "12.3 s". */
    seconds = g_strdup_printf (_("%.1f s"), when / 1e9);
  else if (when >= 1000000)
    /* Translators: when the history kept starts, in milliseconds, "5.2 ms". */
    seconds = g_strdup_printf (_("%.1f ms"), when / 1e6);
  else
    /* Translators: when the history kept starts, in microseconds, "52.0 µs". */
    seconds = g_strdup_printf (_("%.1f µs"), when / 1e3);
  /* Translators: on the timeline, where the oldest events were dropped to keep memory
   * bounded; the first %s is a time ("12.3 s"), the second a number of events. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "history before %s dropped: %s event",
                                       "history before %s dropped: %s events",
                                       (gulong) MIN (n_events, G_MAXULONG)),
                          seconds, count);
  shown = timeline_text (ctx, ctx->small, text, &tw, &th);
  /* In the tinted time if it fits, else from the plot's left edge over the first lane. */
  lx = x1 - x0 >= tw + l->font_size ? x0 + (x1 - x0 - tw) / 2 : x0 + l->font_size * 0.3;
  /* Back to the caller's clip (the plot), without the tint's. */
  cairo_restore (cr);
  cairo_save (cr);
  weft_theme_set_source (cr, &ctx->theme->background);
  cairo_rectangle (cr, l->plot_x + lx - 3, l->lanes_y + 1, tw + 6, th);
  cairo_fill (cr);
  weft_theme_set_source (cr, &ctx->theme->text);
  cairo_move_to (cr, l->plot_x + lx, l->lanes_y + 1);
  weft_render_show_layout (cr, shown);
  cairo_restore (cr);
  weft_render_stats_add (ctx->stats, 1, 1, 0, 0);
}
