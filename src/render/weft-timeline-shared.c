/* weft-timeline-shared.c — a shared variable's lane (a balance, the tickets left): a step
 * line of its value, scaled to the lane; each new value written where it starts, when
 * there is room; and the lost updates, a red triangle pointing down at each stale write (a
 * write from a value another thread had changed meanwhile).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <pango/pangocairo.h>

#include "weft-timeline-private.h"

/* Appends the step line of pieces [first, last) to the path: each piece a level at
 * bottom - (level - lo) * scale. */
static void
step_line_path (Ctx    *ctx,
                guint   first,
                guint   last,
                double  bottom,
                double  scale,
                double  lo)
{
  for (guint i = first; i < last; i++)
    {
      const Piece *p = &g_array_index (ctx->pieces, Piece, i);
      double py = bottom - (p->level - lo) * scale;

      if (i == first)
        cairo_move_to (ctx->cr, ctx->layout.plot_x + p->x0, py);
      else
        cairo_line_to (ctx->cr, ctx->layout.plot_x + p->x0, py);
      cairo_line_to (ctx->cr, ctx->layout.plot_x + p->x1, py);
    }
}

/* Pixel columns per strip of a stroked step line (see stroke_step_line()). */
#define STEP_STRIP 32

/* Strokes the step line of the lane's pieces with the current source and line width.
 *
 * A dense lane has a level per pixel column, and cairo 1.16 turns the stroke into one
 * box per segment whose scan conversion costs about the number of boxes times the number
 * of distinct edges in a pixel row: quadratic in the columns (3.5 ms of a 1920-pixel,
 * 1 M-event frame, a fifth of it). On an image surface the line is therefore stroked in
 * strips of whole pixel columns, each clipped to its strip (a pixel-aligned clip is a
 * region, not a mask) and stroking only the pieces that reach it plus a margin wider
 * than any join or cap: within the strip that is the same geometry as the whole line's,
 * and every pixel is composited once, by its own strip, so the pixels are the same.
 * Vector surfaces get the one path (their files stay the same, and they pay nothing for
 * the scan conversion). */
static void
stroke_step_line (Ctx    *ctx,
                  double  bottom,
                  double  scale,
                  double  lo)
{
  cairo_t *cr = ctx->cr;
  cairo_surface_t *target = cairo_get_group_target (cr);
  guint n = ctx->pieces->len;
  double margin = cairo_get_line_width (cr) * 2 + 2;
  double sx, sy, ox, oy, cx0, cy0, cx1, cy1;
  double x_end;
  cairo_matrix_t m;
  guint first = 0;
  gboolean region = FALSE;

  cairo_get_matrix (cr, &m);
  cairo_surface_get_device_scale (target, &sx, &sy);
  cairo_surface_get_device_offset (target, &ox, &oy);
  cairo_clip_extents (cr, &cx0, &cy0, &cx1, &cy1);
  /* Only where the clip is a region (cairo lists its rectangles only then): a pixel of a
   * strip then gets the coverage the whole stroke gave it. Through a clip that is a mask
   * (a drawing at a fractional offset or scale) the coverage is rounded otherwise. */
  if (n >= 2 * STEP_STRIP && cairo_surface_get_type (target) == CAIRO_SURFACE_TYPE_IMAGE &&
      m.xy == 0 && m.yx == 0 && m.xx > 0)
    {
      cairo_rectangle_list_t *clip = cairo_copy_clip_rectangle_list (cr);

      region = clip->status == CAIRO_STATUS_SUCCESS;
      cairo_rectangle_list_destroy (clip);
    }
  if (!region)
    {
      cairo_new_path (cr);
      step_line_path (ctx, 0, n, bottom, scale, lo);
      cairo_stroke (cr);
      return;
    }

  /* Strip edges on whole pixels of the surface: user x to pixel is
   * (xx · x + x0) · device scale + device offset. */
  x_end = ctx->layout.plot_x + g_array_index (ctx->pieces, Piece, n - 1).x1 + margin;
  {
    double px = floor ((m.xx * (ctx->layout.plot_x + g_array_index (ctx->pieces, Piece, 0).x0) + m.x0) * sx + ox);

    for (;;)
      {
        double u0 = ((px - ox) / sx - m.x0) / m.xx;
        double u1 = ((px + STEP_STRIP - ox) / sx - m.x0) / m.xx;
        guint last;

        if (u0 >= x_end)
          break;
        /* The pieces from the last one starting a margin before the strip to the first
         * one ending a margin after it. */
        while (first + 1 < n &&
               ctx->layout.plot_x + g_array_index (ctx->pieces, Piece, first + 1).x0 <= u0 - margin)
          first++;
        last = first;
        while (last < n && ctx->layout.plot_x + g_array_index (ctx->pieces, Piece, last).x1 < u1 + margin)
          last++;
        last = MIN (last + 1, n);

        cairo_save (cr);
        cairo_new_path (cr);
        cairo_rectangle (cr, u0, cy0, u1 - u0, cy1 - cy0);
        cairo_clip (cr);
        step_line_path (ctx, first, last, bottom, scale, lo);
        cairo_stroke (cr);
        cairo_restore (cr);
        px += STEP_STRIP;
      }
  }
}

/* Appends the lost-update marks at @xs (@n of them, in increasing order) to the path:
 * triangles @size high pointing down from @top, as the outline of their union.
 *
 * A dense lane has a stale write in most pixel columns, and cairo 1.16 scan-converts
 * overlapping triangles in one fill at a cost growing with the edges crossing each pixel
 * row: 1,700 triangles 1.2 × size wide stack a dozen deep, the fifth of a 1 M-event frame.
 * Their union is a sawtooth: along the top edge, down to each apex and back up to where
 * the next triangle's edge crosses this one's, halfway between the apexes. It covers the
 * same pixels; only the coverage of a few edge pixels may differ by a rounding step
 * (≤ 2/255), where the crossing points are computed rather than sampled. */
static void
lost_update_path (cairo_t      *cr,
                  const double *xs,
                  guint         n,
                  double        top,
                  double        size)
{
  double half = size * 0.6;
  guint i = 0;

  while (i < n)
    {
      guint j = i;

      cairo_move_to (cr, xs[i] - half, top);
      cairo_line_to (cr, xs[i], top + size);
      /* The triangles overlapping the last one belong to the same outline. */
      while (j + 1 < n && xs[j + 1] - xs[j] < 2 * half)
        {
          double d = xs[j + 1] - xs[j];

          if (d > 0)
            {
              cairo_line_to (cr, xs[j] + d / 2, top + size * (1 - d / (2 * half)));
              cairo_line_to (cr, xs[j + 1], top + size);
            }
          j++;
        }
      cairo_line_to (cr, xs[j] + half, top);
      cairo_close_path (cr);
      i = j + 1;
    }
}

/* A value to write on the lane, where it starts. */
typedef struct
{
  double x, y, w, h;
  gint32 value;
  char   text[16];
} ValueLabel;

void
weft_timeline_draw_shared_lane (Ctx                    *ctx,
                                const WeftResourceSpan *spans,
                                double                  y,
                                double                  h,
                                double                  use_y,
                                double                  use_h,
                                gboolean                labels)
{
  double lo = ctx->resource.min_value, hi = ctx->resource.max_value;
  double range = hi > lo ? hi - lo : 1;
  cairo_t *cr = ctx->cr;
  GArray *marks = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *candidates = g_array_new (FALSE, FALSE, sizeof (ValueLabel));
  double mark_h = MIN (h * 0.3, ctx->layout.font_size * 0.7) + 1;

  weft_theme_set_source (cr, &ctx->theme->value);
  cairo_set_line_width (cr, MAX (1.5, ctx->layout.font_size / 8));
  stroke_step_line (ctx, use_y + use_h, use_h / range, lo);
  weft_render_stats_add (ctx->stats, 0, 0, 0, ctx->pieces->len);

  for (guint i = 0; i < ctx->pieces->len; i++)
    {
      const Piece *p = &g_array_index (ctx->pieces, Piece, i);
      gboolean stale;

      if (p->span >= 0)
        stale = (spans[p->span].flags & WEFT_SPAN_STALE_WRITE) != 0 &&
                time_to_x (ctx, spans[p->span].start_ns) >= p->x0 - 0.5;
      else
        stale = p->stale;
      if (stale)
        {
          double mx = ctx->layout.plot_x + p->x0;

          g_array_append_val (marks, mx);
        }
      if (labels && p->span >= 0)
        {
          ValueLabel label;
          int tw, th;
          double py = use_y + use_h - (p->level - lo) / range * use_h;

          /* A value the label before already says (two sellers writing 9) is not
           * written again. */
          if (candidates->len > 0 &&
              g_array_index (candidates, ValueLabel, candidates->len - 1).value == spans[p->span].value)
            continue;
          label.value = spans[p->span].value;
          g_snprintf (label.text, sizeof label.text, "%d", label.value);
          timeline_text (ctx, ctx->small, label.text, &tw, &th);
          label.x = ctx->layout.plot_x + p->x0 + ctx->layout.font_size * 0.3;
          /* Above the line unless the lost-update marks are there. */
          label.y = py - th - 1 >= y + mark_h ? py - th - 1 : py + 2;
          label.w = tw;
          label.h = th;
          if (label.x + tw > ctx->layout.plot_x + ctx->layout.plot_width)
            label.x = ctx->layout.plot_x + ctx->layout.plot_width - tw;
          if (label.x >= ctx->layout.plot_x + p->x0 - ctx->layout.font_size * 2)
            g_array_append_val (candidates, label);
        }
    }

  /* Each value is written where it starts and may run on over the next short steps. When
   * two collide the later one is kept: it is the value that stays (the bank's 7000 written
   * over 1000 half a millisecond later), so the last value in view is always written. */
  {
    double next_x = G_MAXDOUBLE, next_top = 0, next_bottom = 0;

    for (guint i = candidates->len; i-- > 0;)
      {
        const ValueLabel *label = &g_array_index (candidates, ValueLabel, i);
        PangoLayout *shown;

        if (label->x + label->w + ctx->layout.font_size * 0.5 > next_x &&
            label->y < next_bottom && label->y + label->h > next_top)
          continue;
        shown = timeline_text (ctx, ctx->small, label->text, NULL, NULL);
        cairo_save (cr);
        cairo_new_path (cr);
        weft_theme_set_source (cr, &ctx->theme->text);
        cairo_move_to (cr, round (label->x), round (label->y));
        weft_render_show_layout (cr, shown);
        cairo_restore (cr);
        weft_render_stats_add (ctx->stats, 0, 1, 0, 0);
        next_x = label->x;
        next_top = label->y;
        next_bottom = label->y + label->h;
      }
  }
  g_array_unref (candidates);

  /* Lost updates: a red triangle pointing down at the line. */
  cairo_new_path (cr);
  lost_update_path (cr, (const double *) (gpointer) marks->data, marks->len, y + 1,
                    MIN (h * 0.3, ctx->layout.font_size * 0.7));
  weft_theme_set_source (cr, &ctx->theme->deadlock);
  cairo_fill (cr);
  weft_render_stats_add (ctx->stats, 0, 0, 0, marks->len);
  g_array_unref (marks);
}
