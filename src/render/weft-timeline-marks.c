/* weft-timeline-marks.c — what the timeline draws over and around its lanes: hand-off
 * arrows, the deadlock cycle, the values read and written, the lanes' backgrounds and
 * names. The axis is weft-timeline-axis.c.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "weft-timeline-private.h"

/* Flows and the cycle -------------------------------------------------------------------- */

static double
lane_centre (Ctx   *ctx,
             guint  lane)
{
  double y = weft_timeline_lane_y (&ctx->layout, lane);

  return y < 0 ? -1 : y + ctx->layout.lane_height / 2;
}

static void
arrow_head (cairo_t *cr,
            double   x0,
            double   y0,
            double   x1,
            double   y1,
            double   size)
{
  double angle = atan2 (y1 - y0, x1 - x0);

  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x1 - size * cos (angle - 0.45), y1 - size * sin (angle - 0.45));
  cairo_line_to (cr, x1 - size * cos (angle + 0.45), y1 - size * sin (angle + 0.45));
  cairo_close_path (cr);
}

/* How many flows the timeline draws in @view laid out as @layout, from the first ending in
 * view (*first): 0 when it draws none, because there are none in view, too many to be
 * read, or lanes too thin for arrows. */
static guint
flows_in_view (WeftModel                *model,
               const WeftTimelineView   *view,
               const WeftTimelineLayout *layout,
               guint                    *first)
{
  guint n;
  const WeftFlow *flows = weft_model_get_flows (model, &n);
  guint64 t0 = weft_model_axis_to_time (model, view->start);
  guint64 t1 = weft_model_axis_to_time (model, view->end);
  guint lo;
  guint count = 0;
  guint limit = (guint) (layout->plot_width / (layout->font_size * 1.2));

  *first = 0;
  if (!view->show_flows || n == 0 || layout->stride > 1 || layout->stride_resources > 1 ||
      layout->lane_height < layout->font_size)
    return 0;

  /* Flows are ordered by their ends: the first ending in view, then count. */
  lo = weft_model_find_flow_ending (model, t0);
  *first = lo;
  for (guint i = lo; i < n && flows[i].to_ns <= t1; i++)
    if (++count > limit)
      break;
  /* Too many to be read: the lanes tell the story; zoom in to see them. */
  return count > limit ? 0 : count;
}

gboolean
weft_timeline_shows_flows (WeftModel              *model,
                           const WeftTimelineView *view,
                           double                  width,
                           double                  height)
{
  WeftTimelineLayout layout;
  guint first;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (view != NULL, FALSE);

  weft_timeline_get_layout (model, view, width, height, &layout);
  return flows_in_view (model, view, &layout, &first) > 0;
}

void
weft_timeline_draw_flows (Ctx *ctx)
{
  guint n;
  const WeftFlow *flows = weft_model_get_flows (ctx->model, &n);
  guint64 t1 = x_to_time (ctx, ctx->layout.plot_width);
  guint first;
  cairo_t *cr = ctx->cr;
  double head = MAX (5.0, ctx->layout.font_size * 0.45);
  GArray *heads;

  if (flows_in_view (ctx->model, ctx->view, &ctx->layout, &first) == 0)
    return;
  heads = g_array_new (FALSE, FALSE, sizeof (double));

  cairo_save (cr);
  cairo_rectangle (cr, ctx->layout.plot_x, ctx->layout.lanes_y, ctx->layout.plot_width,
                   ctx->layout.axis_y - ctx->layout.lanes_y);
  cairo_clip (cr);
  cairo_set_line_width (cr, MAX (1.5, ctx->layout.font_size / 10));
  weft_theme_set_source (cr, &ctx->theme->flow);
  for (guint i = first; i < n && flows[i].to_ns <= t1; i++)
    {
      const WeftFlow *f = &flows[i];
      double xa = ctx->layout.plot_x + time_to_x (ctx, f->from_ns);
      double xb = ctx->layout.plot_x + time_to_x (ctx, f->to_ns);
      double ya = lane_centre (ctx, f->from_actor);
      double yb = lane_centre (ctx, f->to_actor);
      double bend;

      if (ya < 0 || yb < 0)
        continue;
      /* From the bottom or top edge of the bars, towards the other lane. */
      ya += (yb > ya ? 1 : -1) * ctx->layout.lane_height * 0.36;
      yb -= (yb > ya ? 1 : -1) * ctx->layout.lane_height * 0.36;
      bend = MIN (fabs (xb - xa) / 2, ctx->layout.font_size);
      cairo_move_to (cr, xa, ya);
      cairo_curve_to (cr, xa + bend, ya, xb - bend, yb, xb, yb);
      {
        double pair[4] = { xb - bend, yb, xb, yb };

        g_array_append_vals (heads, pair, 4);
      }
    }
  cairo_stroke (cr);
  for (guint i = 0; i < heads->len; i += 4)
    {
      double *p = &g_array_index (heads, double, i);

      arrow_head (cr, p[0], p[1], p[2], p[3], head);
    }
  cairo_fill (cr);
  cairo_restore (cr);
  weft_render_stats_add (ctx->stats, 0, 0, heads->len / 4, 0);
  g_array_unref (heads);
}

/* The thread holding @object at @when: a lock's owner, or else the actor of the next
 * edge of the cycle (the cycle is reported in its order: Kant → fork 2 → Aristotle …). */
static guint
cycle_holder (Ctx                 *ctx,
              const WeftModelEdge *edges,
              guint                n_edges,
              guint                i,
              guint64              when)
{
  guint object = edges[i].object;
  guint next = edges[(i + 1) % n_edges].actor;

  if (object < weft_model_get_n_objects (ctx->model))
    {
      WeftObjectKind kind = weft_model_get_object_kind (ctx->model, object);
      gssize k = weft_model_find_resource_span (ctx->model, object, when);

      if (k >= 0 && (kind == WEFT_OBJECT_LOCK || kind == WEFT_OBJECT_RLOCK))
        {
          guint n;
          const WeftResourceSpan *spans = weft_model_get_resource_spans (ctx->model, object, &n);

          if (spans[k].value > 0 && spans[k].owner < weft_model_get_n_actors (ctx->model))
            return spans[k].owner;
        }
    }
  return next;
}

/* The deadlock as a cycle that reads: an arrow from each blocked thread's lane to the lane
 * of the thread holding what it waits for, all just after the moment it closed (before it
 * when there is no room after). Arrows are vertical; those whose lanes overlap go in
 * columns side by side, so a table of philosophers reads as a chain down the lanes,
 * Kant → Aristotle → … → Russell, and one arrow back up, Russell → Kant. They stay in the
 * thread lanes, clear of the resources' words ("1 waiting"). */
static void
draw_cycle_arrows (Ctx                 *ctx,
                   const WeftModelEdge *edges,
                   guint                n_edges,
                   guint64              when,
                   double               xd,
                   double               right,
                   double               line)
{
  cairo_t *cr = ctx->cr;
  double head = MAX (6.0, ctx->layout.font_size * 0.45);
  double gap = MAX (head * 1.6, ctx->layout.font_size * 0.7);
  double *ya = g_newa (double, n_edges);
  double *yb = g_newa (double, n_edges);
  guint *column = g_newa (guint, n_edges);
  guint n_columns = 0, n_drawn = 0;
  double x0, dir;

  /* Columns: an arrow goes in the first column where it overlaps no other's inside. */
  for (guint i = 0; i < n_edges; i++)
    {
      guint holder = cycle_holder (ctx, edges, n_edges, i, when);

      ya[i] = edges[i].actor < ctx->layout.n_thread_lanes ? lane_centre (ctx, edges[i].actor) : -1;
      yb[i] = holder < ctx->layout.n_thread_lanes ? lane_centre (ctx, holder) : -1;
      column[i] = G_MAXUINT;
      if (ya[i] < 0 || yb[i] < 0 || ya[i] == yb[i])
        continue;
      for (guint c = 0; column[i] == G_MAXUINT; c++)
        {
          gboolean free = TRUE;

          for (guint j = 0; j < i && free; j++)
            if (column[j] == c &&
                MIN (ya[i], yb[i]) < MAX (ya[j], yb[j]) && MIN (ya[j], yb[j]) < MAX (ya[i], yb[i]))
              free = FALSE;
          if (free)
            column[i] = c;
        }
      n_columns = MAX (n_columns, column[i] + 1);
    }
  if (n_columns == 0)
    return;

  dir = xd + gap * n_columns + head <= right ? 1 : -1;
  x0 = xd + dir * gap * 0.8;

  cairo_save (cr);
  /* Twice: a halo of the background first, so the arrows stand out of the hatching. */
  for (int pass = 0; pass < 2; pass++)
    {
      double halo = pass == 0 ? MAX (3.0, line * 0.8) : 0;

      weft_theme_set_source (cr, pass == 0 ? &ctx->theme->background : &ctx->theme->deadlock);
      cairo_set_line_width (cr, line * 0.8 + 2 * halo);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      for (guint i = 0; i < n_edges; i++)
        {
          double x, y0, y1, sign;

          if (column[i] == G_MAXUINT)
            continue;
          x = round (x0 + dir * gap * column[i]);
          sign = yb[i] > ya[i] ? 1 : -1;
          /* From the waiter's centre to just short of the holder's. */
          y0 = ya[i];
          y1 = yb[i] - sign * ctx->layout.lane_height * 0.1;
          cairo_move_to (cr, x, y0);
          cairo_line_to (cr, x, y1 - sign * head * 0.8);
          cairo_stroke (cr);
          arrow_head (cr, x, y0, x, y1, head);
          if (halo > 0)
            cairo_stroke_preserve (cr);
          cairo_fill (cr);
          /* A dot where it leaves the waiter: the tail of the chain. */
          cairo_arc (cr, x, y0, line * 0.9 + halo, 0, 2 * G_PI);
          cairo_fill (cr);
          if (pass == 1)
            n_drawn++;
        }
    }
  cairo_restore (cr);
  weft_render_stats_add (ctx->stats, 0, 0, n_drawn, 0);
}

void
weft_timeline_draw_deadlock (Ctx *ctx)
{
  guint64 when;
  const WeftModelEdge *edges;
  guint n_edges;
  cairo_t *cr = ctx->cr;
  double xd, right, top, bottom;
  double line = MAX (3.0, ctx->layout.font_size / 6);
  PangoLayout *bold;
  PangoLayout *shown;
  int tw, th;

  if (!weft_model_get_deadlock (ctx->model, &when, &edges, &n_edges))
    return;
  xd = time_to_x (ctx, when);
  right = ctx->layout.plot_width;
  if (xd < 0 || xd > right)
    return;
  xd += ctx->layout.plot_x;
  right += ctx->layout.plot_x;
  top = ctx->layout.lanes_y;
  bottom = ctx->layout.axis_y;

  cairo_save (cr);
  weft_theme_set_source (cr, &ctx->theme->deadlock);

  /* The moment it closed. */
  {
    static const double dash[] = { 8.0, 5.0 };

    cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
    cairo_set_line_width (cr, line * 0.6);
    cairo_move_to (cr, xd, MAX (0, top - ctx->layout.font_size * 1.2));
    cairo_line_to (cr, xd, bottom);
    cairo_stroke (cr);
    cairo_set_dash (cr, NULL, 0, 0);
  }

  /* The lanes caught in it, outlined from then on. */
  cairo_set_line_width (cr, line);
  for (guint i = 0; i < n_edges; i++)
    {
      double ya = weft_timeline_lane_y (&ctx->layout, edges[i].actor);
      int object_lane = edges[i].object < weft_model_get_n_objects (ctx->model)
                          ? weft_model_get_object_lane (ctx->model, edges[i].object) : -1;
      double yo = object_lane >= 0 ? weft_timeline_lane_y (&ctx->layout, object_lane) : -1;

      if (ya >= 0)
        {
          double by, bh;

          thread_bar (ctx, ya, ctx->layout.lane_height, &by, &bh);
          cairo_rectangle (cr, xd, by, MAX (line, right - xd - line / 2), bh);
        }
      if (yo >= 0)
        {
          double uy, uh, wy, wh;

          resource_bars (ctx, yo, ctx->layout.lane_height, &uy, &uh, &wy, &wh);
          cairo_rectangle (cr, xd, uy, MAX (line, right - xd - line / 2), wy + wh - uy);
        }
    }
  cairo_stroke (cr);

  /* The cycle itself: who waits for whom, thread lane to thread lane. */
  if (n_edges > 0)
    draw_cycle_arrows (ctx, edges, n_edges, when, xd, right, line);

  /* The word, on the line, at the top. */
  bold = timeline_create_layout (ctx, ctx->layout.font_size, TRUE);
  shown = timeline_text (ctx, bold, _("Deadlock"), &tw, &th);
  {
    double lx = xd + tw + line * 4 < right ? xd + line * 2 : xd - tw - line * 2;
    double ly = MAX (0, top - th - 1);

    weft_theme_set_source (cr, &ctx->theme->background);
    cairo_rectangle (cr, lx - 4, ly, tw + 8, th);
    cairo_fill (cr);
    weft_theme_set_source (cr, &ctx->theme->deadlock);
    cairo_move_to (cr, lx, ly);
    weft_render_show_layout (cr, shown);
  }
  g_object_unref (bold);
  cairo_restore (cr);
  weft_render_stats_add (ctx->stats, 2 * n_edges, 1, 1, 0);
}

/* Values ---------------------------------------------------------------------------------- */

/* What each thread read and wrote, on its lane where it happened: "R 2000", "W 7000" (a
 * write that erased another's in the alert colour). A small label straddling the top of
 * the bar, so the bar's own words stay readable; a mark that would cover the one before
 * on its lane is left out, and none are drawn on lanes too thin for a line of text. */
/* A lane shows its value marks when they are at least this many type sizes apart on
 * average ("R 2000" is about four). */
#define MARK_SPACING 8.0

/* The first of @n time-ordered marks at or after @time_ns (@n when none is). */
static guint
first_mark_at (const WeftValueMark *marks,
               guint                n,
               guint64              time_ns)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (marks[mid].time_ns < time_ns)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

void
weft_timeline_draw_value_marks (Ctx *ctx)
{
  const WeftTimelineLayout *l = &ctx->layout;
  cairo_t *cr = ctx->cr;
  guint n_drawn = 0;

  if (l->stride > 1 || l->lane_height < l->font_size * 1.2)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, l->plot_x, l->lanes_y, l->plot_width, l->axis_y - l->lanes_y);
  cairo_clip (cr);
  for (guint lane = 0; lane < l->n_thread_lanes; lane++)
    {
      guint actor = weft_model_get_lane_subject (ctx->model, lane);
      double y = weft_timeline_lane_y (l, lane);
      double by, bh;
      double free_x = -G_MAXDOUBLE;
      guint n, first;
      const WeftValueMark *marks = weft_model_get_value_marks (ctx->model, actor, &n);

      if (y < 0 || n == 0)
        continue;
      thread_bar (ctx, y, l->lane_height, &by, &bh);
      /* Marks are in time order: start at the first in view, and after each mark drawn
       * jump past those it covers, so a frame costs the marks drawn, not the run's. A lane
       * with more marks in view than fit side by side shows none: packed edge to edge
       * they say nothing a student can follow (they come back as the view zooms in, and
       * the tooltips have every value). */
      first = first_mark_at (marks, n, x_to_time (ctx, -l->font_size));
      if (first_mark_at (marks, n, x_to_time (ctx, l->plot_width)) - first >
          l->plot_width / (l->font_size * MARK_SPACING))
        continue;
      for (guint i = first; i < n; i++)
        {
          char *text;
          double x = time_to_x (ctx, marks[i].time_ns);
          double pad = l->font_size * 0.25;
          double px, py, pw, ph;
          PangoLayout *shown;
          int tw, th;
          gboolean alert = marks[i].kind == WEFT_VALUE_WRITE && marks[i].stale;

          if (x > l->plot_width)
            break;
          if (l->plot_x + MAX (0, x) < free_x)
            {
              /* The loop's step then lands on the first mark past the one drawn. */
              i = MAX (i + 1, first_mark_at (marks, n, x_to_time (ctx, free_x - l->plot_x))) - 1;
              continue;
            }

          /* A stock's writes are sales, counted in the scene: no values to follow. The
           * items taken from a queue are its chips' and the scene's. */
          if (marks[i].kind == WEFT_VALUE_PLAN || marks[i].kind == WEFT_VALUE_GOT ||
              x < -l->font_size || x > l->plot_width ||
              weft_model_get_object_role (ctx->model, marks[i].object) == WEFT_SHARED_STOCK)
            continue;
          /* A mark starting under the one before is not drawn: known before its words
           * are set and measured, which a million-event run would pay for every mark in
           * view (two thirds of its frame in text shaping). */
          px = l->plot_x + MAX (0, x);
          if (px < free_x)
            continue;
          if (marks[i].kind == WEFT_VALUE_READ)
            /* Translators: a mark on a thread's lane: it read this value ("R 2000").
             * Keep it short: one letter for "read". */
            text = g_strdup_printf (C_("value mark", "R %d"), marks[i].value);
          else
            /* Translators: a mark on a thread's lane: it wrote this value ("W 7000").
             * Keep it short: one letter for "wrote". */
            text = g_strdup_printf (C_("value mark", "W %d"), marks[i].value);
          shown = timeline_text (ctx, ctx->small, text, &tw, &th);
          g_free (text);
          pw = tw + 2 * pad;
          ph = th + pad * 0.6;
          if (px + pw > l->plot_x + l->plot_width + pad)
            continue;
          py = MAX (y + 1, by - ph * 0.55);

          /* The frame as two pixel-aligned fills, the border's colour then the
           * background inside: pixman's rectangle path, not the stroker's (a stroke per
           * mark was a fifth of a dense run's frame). */
          {
            double bw = MAX (1.0, round (l->font_size / 12));
            double x0 = round (px), y0 = round (py);
            double x1 = round (px + pw), y1 = round (py + ph);

            cairo_new_path (cr);
            cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
            weft_theme_set_source (cr, alert ? &ctx->theme->waiting : &ctx->theme->text);
            cairo_fill (cr);
            cairo_rectangle (cr, x0 + bw, y0 + bw, x1 - x0 - 2 * bw, y1 - y0 - 2 * bw);
            weft_theme_set_source (cr, &ctx->theme->background);
            cairo_fill (cr);
          }
          /* The words in the border's colour (orange on a lost update). */
          weft_theme_set_source (cr, alert ? &ctx->theme->waiting : &ctx->theme->text);
          cairo_move_to (cr, px + pad, py + pad * 0.3);
          weft_render_show_layout (cr, shown);
          free_x = px + pw + pad;
          n_drawn++;
        }
    }
  cairo_restore (cr);
  weft_render_stats_add (ctx->stats, 0, n_drawn, 0, n_drawn);
}

/* Lanes' backgrounds and names ----------------------------------------------------------- */

void
weft_timeline_draw_lane_backgrounds (Ctx *ctx)
{
  const WeftTimelineLayout *l = &ctx->layout;
  cairo_t *cr = ctx->cr;
  guint n = 0;

  guint row = 0;

  for (guint lane = 0; lane < l->n_lanes; lane = weft_timeline_next_lane (l, lane), row++)
    {
      double y = weft_timeline_lane_y (l, lane);

      if (row % 2 == 1)
        {
          cairo_rectangle (cr, 0, y, l->plot_x + l->plot_width, l->lane_height);
          n++;
        }
    }
  weft_theme_set_source (cr, &ctx->theme->lane_alt);
  cairo_fill (cr);

  /* A line between the threads and the resources. */
  if (l->gap > 0)
    {
      double y = threads_bottom (l) + l->gap / 2;

      cairo_move_to (cr, 0, round (y) + 0.5);
      cairo_line_to (cr, l->plot_x + l->plot_width, round (y) + 0.5);
      weft_theme_set_source (cr, &ctx->theme->grid);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
    }
  weft_render_stats_add (ctx->stats, n, 0, 0, 1);
}

void
weft_timeline_draw_lane_names (Ctx *ctx)
{
  const WeftTimelineLayout *l = &ctx->layout;
  cairo_t *cr = ctx->cr;
  guint n = 0;

  /* Names need a line each: with thin lanes, a lane is named when the one named before
   * leaves room (so the first lane of each block always is). */
  double free_y = -G_MAXDOUBLE;

  pango_layout_set_width (ctx->text, (int) ((l->label_width - l->font_size * 0.5) * PANGO_SCALE));
  pango_layout_set_ellipsize (ctx->text, PANGO_ELLIPSIZE_END);
  for (guint lane = 0; lane < l->n_lanes; lane = weft_timeline_next_lane (l, lane))
    {
      double y = weft_timeline_lane_y (l, lane);
      PangoLayout *shown;
      int tw, th;

      if (y < free_y)
        continue;
      shown = timeline_text (ctx, ctx->text, lane_label (ctx->model, lane), &tw, &th);
      weft_theme_set_source (cr, lane < l->n_thread_lanes ? &ctx->theme->text : &ctx->theme->text_dim);
      /* Centred on a lane tall enough, else from its top; never into the axis. */
      if (l->lane_height >= th)
        y = round (y + (l->lane_height - th) / 2);
      if (y + th > l->axis_y + 1)
        continue;
      cairo_move_to (cr, 0, y);
      weft_render_show_layout (cr, shown);
      free_y = y + th;
      n++;
    }
  pango_layout_set_width (ctx->text, -1);
  weft_render_stats_add (ctx->stats, 0, n, 0, 0);
}
