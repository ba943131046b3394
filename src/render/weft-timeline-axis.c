/* weft-timeline-axis.c — the timeline's axis: time ticks on a run's axis; on a stepped
 * one, step numbers in the middle of their columns and, for each free part (a stepped run
 * let go, a free run paused), its own time ticks between dashed boundaries.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "weft-timeline-private.h"

/* Decimals needed to tell ticks @step apart. */
static int
decimals_for (double step)
{
  return step >= 1 ? 0 : MIN (6, (int) ceil (-log10 (step) - 1e-9));
}

/* A tick's time, as precise as the ticks' spacing needs: "250 ms", "1.5 s", "1234.567 ms". */
static char *
format_time (guint64 ns,
             double  step_ns)
{
  if (step_ns >= 1e9)
    /* Translators: a time on the axis, in seconds; %.*f is the number. */
    return g_strdup_printf (_("%.*f s"), decimals_for (step_ns / 1e9), ns / 1e9);
  /* Translators: a time on the axis, in milliseconds; %.*f is the number. */
  return g_strdup_printf (_("%.*f ms"), decimals_for (step_ns / 1e6), ns / 1e6);
}

/* Where the axis changes scale: a dashed line through the lanes at @bx, if in view. */
/* A round step for ticks about @target apart: 1, 2 or 5 times a power of ten. */
static double
nice_step (double target)
{
  double step = pow (10, floor (log10 (MAX (target, 1))));

  if (step * 2 >= target)
    return step * 2;
  if (step * 5 >= target)
    return step * 5;
  return step * 10;
}

/* A tick's time label centred on @x, unless it would pass @right_limit or come within half
 * a letter of the previous label (whose right edge *@last_right tracks); a drawn one adds
 * its tick to @ticks. TRUE if drawn. */
static gboolean
show_tick_label (Ctx        *ctx,
                 double      x,
                 const char *label,
                 double      right_limit,
                 double     *last_right,
                 GArray     *ticks)
{
  const WeftTimelineLayout *l = &ctx->layout;
  double y = l->axis_y;
  double gx = l->plot_x + x;
  PangoLayout *shown;
  int tw, th;

  shown = timeline_text (ctx, ctx->small, label, &tw, &th);
  if (x + tw / 2.0 > right_limit || x - tw / 2.0 < *last_right + l->font_size * 0.5)
    return FALSE;
  *last_right = x + tw / 2.0;
  cairo_move_to (ctx->cr, l->plot_x + x - tw / 2.0, y + l->axis_height * 0.2);
  weft_render_show_layout (ctx->cr, shown);
  g_array_append_val (ticks, gx);
  return TRUE;
}

static void
draw_boundary (Ctx    *ctx,
               double  bx)
{
  static const double dash[] = { 6.0, 4.0 };
  cairo_t *cr = ctx->cr;
  const WeftTimelineLayout *l = &ctx->layout;
  double gx = round (l->plot_x + bx) + 0.5;

  if (bx < 0 || bx > l->plot_width)
    return;
  cairo_save (cr);
  weft_theme_set_source (cr, &ctx->theme->text_dim);
  cairo_set_line_width (cr, MAX (1.5, l->font_size / 10));
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_move_to (cr, gx, l->lanes_y);
  cairo_line_to (cr, gx, l->axis_y + l->axis_height * 0.9);
  cairo_stroke (cr);
  cairo_restore (cr);
  weft_render_stats_add (ctx->stats, 0, 0, 0, 1);
}

/* A stepped run let go, or a free run paused and stepped: each free part's time ticks
 * (from the run's start), between boundaries — dashed lines through the lanes, and the
 * words "free run" on the axis where steps end — so each change of scale is seen. A run
 * that started free has no boundary at the axis' start. Returns the number of labels
 * drawn. */
static guint
draw_free_parts_axis (Ctx    *ctx,
                      GArray *ticks)
{
  cairo_t *cr = ctx->cr;
  const WeftTimelineLayout *l = &ctx->layout;
  const WeftModelFreePart *parts;
  guint n_parts, n_labels = 0;
  double y = l->axis_y;
  double axis_start = weft_model_get_axis_start (ctx->model);
  double axis_end = weft_model_get_axis_end (ctx->model);
  PangoLayout *shown;
  int tw, th;

  parts = weft_model_get_free_parts (ctx->model, &n_parts);
  for (guint p = 0; p < n_parts; p++)
    {
      const WeftModelFreePart *part = &parts[p];
      double bx = axis_to_x (ctx, part->axis_start);
      double px = (part->axis_end - part->axis_start) * ctx->px_per_unit;
      /* At the axis' start, "0" is written as on a free run's axis. */
      double last_right = -G_MAXDOUBLE;
      double right_limit = part->axis_end < axis_end - 1e-9
                             ? axis_to_x (ctx, part->axis_end) - l->font_size * 0.5
                             : l->plot_width + l->font_size;

      if (part->axis_end < ctx->view->start || part->axis_start > ctx->view->end)
        continue;

      /* The boundaries: where the steps end, and where the teacher paused. */
      if (part->axis_end < axis_end - 1e-9)
        draw_boundary (ctx, axis_to_x (ctx, part->axis_end));
      if (part->axis_start > axis_start + 1e-9)
        {
          draw_boundary (ctx, bx);
          /* Translators: on the timeline's axis, where a stepped run was let go: from
           * there on it is drawn in time, not in steps. */
          shown = timeline_text (ctx, ctx->small, _("free run"), &tw, &th);
          last_right = bx + l->font_size * 0.3 + tw;
          if (bx + l->font_size * 0.3 >= 0 && last_right <= l->plot_width)
            {
              cairo_move_to (cr, l->plot_x + bx + l->font_size * 0.3, y + l->axis_height * 0.2);
              weft_render_show_layout (cr, shown);
              n_labels++;
            }
          else
            last_right = bx;
        }

      /* Ticks in time, as on a run's axis, at this part's scale. */
      if (px > 1 && part->end_ns > part->start_ns)
        {
          double ns_per_px = (part->end_ns - part->start_ns) / px;
          double step = nice_step (ns_per_px * l->font_size * 6);

          for (double t = ceil (part->start_ns / step) * step; t <= part->end_ns; t += step)
            {
              double x = time_to_x (ctx, (guint64) llround (t));
              g_autofree char *label = NULL;

              if (x < 0)
                continue;
              if (x > l->plot_width)
                break;
              label = format_time ((guint64) llround (t), step);
              /* Within the part: a pause's steps follow it with their own numbers. */
              if (show_tick_label (ctx, x, label, right_limit, &last_right, ticks))
                n_labels++;
            }
        }
    }
  return n_labels;
}

void
weft_timeline_draw_axis (Ctx *ctx)
{
  cairo_t *cr = ctx->cr;
  const WeftTimelineLayout *l = &ctx->layout;
  double min_gap = l->font_size * 6;
  double y = l->axis_y;
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_labels = 0;
  const char *axis_name;
  PangoLayout *shown;
  int tw, th;

  cairo_save (cr);
  weft_theme_set_source (cr, &ctx->theme->text_dim);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, l->plot_x, y + 0.5);
  cairo_line_to (cr, l->plot_x + l->plot_width, y + 0.5);
  cairo_stroke (cr);

  if (weft_model_get_mode (ctx->model) == WEFT_MODE_STEP)
    {
      /* Step k is the interval [a, a + 1) where it starts: its number sits in the middle. */
      double per = ctx->px_per_unit;
      guint every = 1;
      guint n_steps;
      static const guint nice[] = { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000 };

      weft_model_get_step_times (ctx->model, &n_steps);
      for (guint i = 0; i < G_N_ELEMENTS (nice) && nice[i] * per < min_gap * 0.5; i++)
        every = nice[MIN (i + 1, G_N_ELEMENTS (nice) - 1)];
      for (guint i = 0; i < n_steps; i++)
        {
          guint k = i + 1;
          double a = weft_model_get_step_axis (ctx->model, i);
          double x = axis_to_x (ctx, a + 0.5);
          char label[32];

          if (k % every != 0 && every > 1)
            continue;
          if (a + 1 < ctx->view->start)
            continue;
          if (a > ctx->view->end)
            break;
          if (x < 0 || x > l->plot_width)
            continue;
          g_snprintf (label, sizeof label, "%u", k);
          shown = timeline_text (ctx, ctx->small, label, &tw, &th);
          cairo_move_to (cr, l->plot_x + x - tw / 2.0, y + l->axis_height * 0.2);
          weft_render_show_layout (cr, shown);
          n_labels++;
          {
            double boundary = l->plot_x + axis_to_x (ctx, a);

            g_array_append_val (ticks, boundary);
          }
        }
      n_labels += draw_free_parts_axis (ctx, ticks);
      /* A free run paused but never stepped is still all time. */
      axis_name = n_steps > 0 ? _("step") : _("time");
    }
  else
    {
      double span_ns = (ctx->view->end - ctx->view->start);
      double step = nice_step (span_ns * min_gap / l->plot_width);
      /* As if a label ended there: none starts more than a letter left of the plot. */
      double last_right = -l->font_size * 1.5;

      for (double t = ceil (ctx->view->start / step) * step;
           t <= MIN (ctx->view->end, weft_model_get_axis_end (ctx->model)); t += step)
        {
          double x = axis_to_x (ctx, t);
          g_autofree char *label = format_time ((guint64) llround (t), step);

          /* Never on top of the previous label (very close ticks, long labels), nor more than
           * a letter past either end of the plot. */
          if (show_tick_label (ctx, x, label, l->plot_width + l->font_size, &last_right, ticks))
            n_labels++;
        }
      axis_name = _("time");
    }

  /* The axis' name in the label column. */
  shown = timeline_text (ctx, ctx->small, axis_name, &tw, &th);
  cairo_move_to (cr, 0, y + l->axis_height * 0.2);
  weft_render_show_layout (cr, shown);

  /* Ticks and faint grid lines through the lanes. */
  for (guint i = 0; i < ticks->len; i++)
    {
      double gx = round (g_array_index (ticks, double, i)) + 0.5;

      cairo_move_to (cr, gx, y);
      cairo_line_to (cr, gx, y + l->axis_height * 0.15);
    }
  cairo_stroke (cr);
  weft_theme_set_source (cr, &ctx->theme->grid);
  for (guint i = 0; i < ticks->len; i++)
    {
      double gx = round (g_array_index (ticks, double, i)) + 0.5;

      cairo_move_to (cr, gx, l->lanes_y);
      cairo_line_to (cr, gx, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
  weft_render_stats_add (ctx->stats, 0, n_labels + 1, 0, 2 * ticks->len + 1);
  g_array_unref (ticks);
}
