/* weft-timeline-band.c — the density band: when a thousand lanes would each be thinner
 * than a few pixels, the top of the threads' block shows how many threads are in each
 * state over time (stacked, in the states' colours, bottom to top: running, blocked,
 * waiting, sleeping, parked, done; those not started yet leave the top empty), and the top of the resources' block how many
 * locks and semaphores are held and how many have waiters; the thinned lanes below show a
 * few of them. The areas are the states' colours without their hatching or dots: a third
 * of the frame hatched cost more than all the rest of it. Read from the model's census: a column costs two searches, whatever the
 * number of threads or events.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "weft-timeline-private.h"

/* Bottom to top: the states that carry the lesson first. Threads not started yet are left
 * empty on top, as the lanes draw nothing for them (and the legend has no "new"). */
static const WeftState band_order[] = {
  WEFT_STATE_RUNNING, WEFT_STATE_BLOCKED, WEFT_STATE_WAITING, WEFT_STATE_SLEEPING,
  WEFT_STATE_PARKED, WEFT_STATE_DONE,
};

#define BAND_MAX_LAYERS 8
/* A column of the band, in pixels: two halve its rectangles and searches, and a count
 * over a thousand threads changes little from one pixel to the next. */
#define BAND_COLUMN 2

/* The columns of the band that have happened: from the run's start to its end. */
static void
band_columns (Ctx *ctx,
              int *c0,
              int *c1)
{
  double x0 = time_to_x (ctx, 0);
  double x1 = time_to_x (ctx, ctx->end_ns);

  *c0 = (int) MAX (0, floor (x0));
  *c1 = (int) MIN (ceil (ctx->layout.plot_width), ceil (x1));
}

static void
draw_thread_band (Ctx    *ctx,
                  double  y,
                  double  h)
{
  guint n = weft_model_get_n_actors (ctx->model);
  double scale = n > 0 ? h / n : 0;
  Open open[BAND_MAX_LAYERS] = { { 0 } };
  int c0, c1;
  guint64 t0;

  band_columns (ctx, &c0, &c1);
  t0 = x_to_time (ctx, c0);
  for (int c = c0; c < c1; c += BAND_COLUMN)
    {
      int c_end = MIN (c + BAND_COLUMN, c1);
      guint64 t1 = x_to_time (ctx, c_end);
      double mean[WEFT_N_STATES];
      double bottom = y + h, acc = 0;

      if (!weft_model_get_thread_census (ctx->model, t0, t1, mean))
        break;
      for (guint k = 0; k < G_N_ELEMENTS (band_order); k++)
        {
          double top;

          acc += mean[band_order[k]];
          top = round (y + h - acc * scale);
          weft_timeline_open_add (ctx, LOOK_SOLID (band_order[k]), &open[k],
                                  ctx->layout.plot_x + c, ctx->layout.plot_x + c_end, top, bottom);
          bottom = top;
        }
      t0 = t1;
    }
  for (guint k = 0; k < G_N_ELEMENTS (band_order); k++)
    weft_timeline_open_close (ctx, LOOK_SOLID (band_order[k]), &open[k]);
}

static void
draw_resource_band (Ctx    *ctx,
                    double  y,
                    double  h)
{
  guint n = weft_model_get_n_census_resources (ctx->model);
  double scale = n > 0 ? h / n : 0;
  Open waited_open = { 0 }, held_open = { 0 };
  int c0, c1;
  guint64 t0;

  band_columns (ctx, &c0, &c1);
  t0 = x_to_time (ctx, c0);
  for (int c = c0; c < c1; c += BAND_COLUMN)
    {
      int c_end = MIN (c + BAND_COLUMN, c1);
      guint64 t1 = x_to_time (ctx, c_end);
      double held, waited;
      double x = ctx->layout.plot_x + c, x1 = ctx->layout.plot_x + c_end;
      double w_top, h_top;

      if (!weft_model_get_resource_census (ctx->model, t0, t1, &held, &waited))
        break;
      /* Those with waiters at the bottom (they are held too, nearly always), in the
       * blocked look; the others held above them. */
      w_top = round (y + h - waited * scale);
      h_top = round (y + h - MAX (held, waited) * scale);
      weft_timeline_open_add (ctx, LOOK_SOLID (WEFT_STATE_BLOCKED), &waited_open, x, x1, w_top,
                              round (y + h));
      weft_timeline_open_add (ctx, LOOK_HELD, &held_open, x, x1, h_top, w_top);
      t0 = t1;
    }
  weft_timeline_open_close (ctx, LOOK_SOLID (WEFT_STATE_BLOCKED), &waited_open);
  weft_timeline_open_close (ctx, LOOK_HELD, &held_open);
}

/* The band's frame: a faint line under it, so it does not run into the lanes. */
static void
band_frame (Ctx    *ctx,
            double  y,
            double  h)
{
  cairo_t *cr = ctx->cr;

  cairo_save (cr);
  weft_theme_set_source (cr, &ctx->theme->grid);
  cairo_set_line_width (cr, 1.0);
  cairo_rectangle (cr, round (ctx->layout.plot_x) + 0.5, round (y) + 0.5,
                   round (ctx->layout.plot_width) - 1, round (h) - 1);
  cairo_stroke (cr);
  cairo_restore (cr);
  weft_render_stats_add (ctx->stats, 0, 0, 0, 1);
}

/* The band's inner box: a few pixels in from its row. */
static void
band_box (Ctx    *ctx,
          double  row_y,
          double  row_h,
          double *y,
          double *h)
{
  double pad = MAX (2.0, floor (row_h * 0.06));

  *y = round (row_y + pad);
  *h = MAX (1.0, round (row_h - 2 * pad));
}

void
weft_timeline_draw_bands (Ctx *ctx)
{
  const WeftTimelineLayout *l = &ctx->layout;
  double y, h;

  if (l->threads_band_height > 0)
    {
      band_box (ctx, l->lanes_y, l->threads_band_height, &y, &h);
      band_frame (ctx, y, h);
      draw_thread_band (ctx, y, h);
    }
  if (l->resources_band_height > 0)
    {
      band_box (ctx, threads_bottom (l) + l->gap, l->resources_band_height, &y, &h);
      band_frame (ctx, y, h);
      draw_resource_band (ctx, y, h);
    }
}

/* The bands' names, in the label column: "1000 threads", "1000 locks held". */
void
weft_timeline_draw_band_names (Ctx *ctx)
{
  const WeftTimelineLayout *l = &ctx->layout;
  cairo_t *cr = ctx->cr;
  guint n_names = 0;

  pango_layout_set_width (ctx->text, (int) ((l->label_width - l->font_size * 0.5) * PANGO_SCALE));
  pango_layout_set_ellipsize (ctx->text, PANGO_ELLIPSIZE_END);
  for (int band = 0; band < 2; band++)
    {
      double row_y = band == 0 ? l->lanes_y : threads_bottom (l) + l->gap;
      double row_h = band == 0 ? l->threads_band_height : l->resources_band_height;
      g_autofree char *text = NULL;
      PangoLayout *shown;
      double y, h;
      int tw, th;

      if (row_h <= 0)
        continue;
      band_box (ctx, row_y, row_h, &y, &h);
      if (band == 0)
        {
          guint n = weft_model_get_n_actors (ctx->model);

          /* Translators: the name of the timeline's density band of a thousand threads:
           * how many are in each state over time. */
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u thread", "all %u threads", n), n);
        }
      else
        {
          guint n = weft_model_get_n_census_resources (ctx->model);
          WeftLaneKind kind = weft_model_get_lane_kind (ctx->model, l->n_lanes - 1);

          /* Translators: the name of the timeline's density band of the locks (or
           * semaphores): how many are held, and how many have threads waiting. */
          if (kind == WEFT_LANE_LOCK)
            text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u lock", "all %u locks", n), n);
          else
            text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u resource", "all %u resources", n), n);
        }
      /* The band is tall: a long name ("tous les 1000 threads") wraps rather than
       * losing its noun. */
      pango_layout_set_height (ctx->text, (int) (h * PANGO_SCALE));
      shown = timeline_text (ctx, ctx->text, text, &tw, &th);
      if (th > h + 2)
        continue;
      weft_theme_set_source (cr, band == 0 ? &ctx->theme->text : &ctx->theme->text_dim);
      cairo_move_to (cr, 0, round (y + (h - th) / 2));
      weft_render_show_layout (cr, shown);
      n_names++;
    }
  pango_layout_set_width (ctx->text, -1);
  pango_layout_set_height (ctx->text, -1);
  weft_render_stats_add (ctx->stats, 0, n_names, 0, 0);
}
