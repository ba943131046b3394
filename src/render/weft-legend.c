/* weft-legend.c — the legend: which states and marks a run's views show, and their
 * swatches and names in rows that wrap. Shared by the window's legend strip and by the
 * exported page, so a slide explains exactly what is on it: no "lost update" under a
 * philosophers' table, no "deadlock cycle" when the run completed.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"


#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "weft-legend.h"
#include "weft-text.h"

/* Which items -------------------------------------------------------------------------- */

/* Whether a stale write or a held lock happened in [t0, t1]: the model's running sums
 * answer per lane in a few searches. */
static void
scan_resources (WeftModel       *model,
                guint64          t0,
                guint64          t1,
                WeftLegendItems *items)
{
  for (guint o = 0; o < weft_model_get_n_objects (model); o++)
    {
      WeftObjectKind kind = weft_model_get_object_kind (model, o);
      WeftResourceSummary summary;
      gboolean lockish = kind == WEFT_OBJECT_LOCK || kind == WEFT_OBJECT_RLOCK ||
                         kind == WEFT_OBJECT_SEMAPHORE || kind == WEFT_OBJECT_BOUNDED_SEMAPHORE;

      /* Once an item is found, the lanes that could only add it again are skipped: a
       * thousand forks cost one search when the first was held. */
      if ((kind != WEFT_OBJECT_SHARED ||
           (*items & (WEFT_LEGEND_LOST | WEFT_LEGEND_STALE_SALE)) == (WEFT_LEGEND_LOST | WEFT_LEGEND_STALE_SALE)) &&
          (!lockish || (*items & WEFT_LEGEND_HOLDS)))
        continue;
      if (weft_model_get_object_lane (model, o) < 0)
        continue;
      weft_model_get_resource_summary (model, o, t0, t1, &summary);
      /* On a stock (the tickets left) a stale write is a sale counted from a stock
       * another sale had changed: the oversell's beginning, not a lost update. */
      if (kind == WEFT_OBJECT_SHARED && summary.n_stale > 0)
        *items |= weft_model_get_object_role (model, o) == WEFT_SHARED_STOCK ? WEFT_LEGEND_STALE_SALE
                                                                              : WEFT_LEGEND_LOST;
      if (lockish && summary.mean_use > 0)
        *items |= WEFT_LEGEND_HOLDS;
    }
}

static gboolean
flow_ends_in (WeftModel *model,
              guint64    t0,
              guint64    t1)
{
  guint n;
  const WeftFlow *flows = weft_model_get_flows (model, &n);
  guint first = weft_model_find_flow_ending (model, t0);

  return first < n && flows[first].to_ns <= t1;
}

/* The timeline draws nothing for "new" (a thread not started yet); the scene draws it as
 * a circle in the "new" colour, at the moment it shows. */
static gboolean
new_in_scene (WeftModel *model,
              guint64    time_ns)
{
  for (guint a = 0; a < weft_model_get_n_actors (model); a++)
    {
      gssize k = weft_model_find_thread_span (model, a, time_ns);
      guint n;

      if (k < 0 || weft_model_get_thread_spans (model, a, &n)[k].state == WEFT_STATE_NEW)
        return TRUE;
    }
  return FALSE;
}

WeftLegendItems
weft_legend_get_items (WeftModel *model,
                       double     start,
                       double     end,
                       gboolean   flows,
                       gboolean   scene)
{
  WeftLegendItems items = 0;
  guint64 t0, t1, when;
  const WeftModelEdge *edges;
  guint n_edges;

  g_return_val_if_fail (model != NULL, 0);

  if (start < end)
    {
      t0 = weft_model_axis_to_time (model, start);
      t1 = weft_model_axis_to_time (model, end);
    }
  else
    {
      t0 = 0;
      t1 = weft_model_get_end_ns (model);
    }

  /* The states a thread spends time in: what the bars show (except "new", drawn as
   * nothing). Sums over the range, not a walk over its spans. */
  if (t1 > t0)
    for (guint a = 0; a < weft_model_get_n_actors (model); a++)
      {
        guint64 in_state[WEFT_N_STATES] = { 0 };

        weft_model_get_thread_time (model, a, t0, t1, in_state);
        for (guint s = 0; s < WEFT_N_STATES; s++)
          if (in_state[s] > 0 && s != WEFT_STATE_NEW)
            items |= WEFT_LEGEND_STATE (s);
      }
  if (scene && new_in_scene (model, t1))
    items |= WEFT_LEGEND_STATE (WEFT_STATE_NEW);

  if (flows && flow_ends_in (model, t0, t1))
    items |= WEFT_LEGEND_FLOW;
  /* The timeline marks the cycle where it closed; the scene shows it from then on. */
  if (weft_model_get_deadlock (model, &when, &edges, &n_edges) && n_edges > 0 && when <= t1 &&
      (scene || when >= t0))
    items |= WEFT_LEGEND_CYCLE;
  scan_resources (model, t0, t1, &items);
  /* The resources' density band is drawn in the held colour, which no state has. */
  if (flows)
    {
      double held = 0, waited = 0;

      if (weft_model_get_resource_census (model, t0, t1, &held, &waited) && held > 0)
        items |= WEFT_LEGEND_HELD;
    }

  if (scene)
    {
      if (items & (WEFT_LEGEND_STATE (WEFT_STATE_BLOCKED) | WEFT_LEGEND_STATE (WEFT_STATE_WAITING)))
        items |= WEFT_LEGEND_WANTS;
    }
  else
    items &= ~WEFT_LEGEND_HOLDS;

  return items;
}

/* Names -------------------------------------------------------------------------------- */

/* In drawing order. */
static const WeftState legend_states[] = {
  WEFT_STATE_NEW, WEFT_STATE_RUNNING, WEFT_STATE_SLEEPING, WEFT_STATE_BLOCKED,
  WEFT_STATE_WAITING, WEFT_STATE_PARKED, WEFT_STATE_DONE,
};

static const WeftLegendItems legend_marks[] = {
  WEFT_LEGEND_FLOW, WEFT_LEGEND_CYCLE, WEFT_LEGEND_LOST, WEFT_LEGEND_STALE_SALE, WEFT_LEGEND_HELD,
  WEFT_LEGEND_HOLDS, WEFT_LEGEND_WANTS,
};

typedef struct
{
  WeftLegendItems item;   /* one bit */
  WeftState       state;  /* for a state's bit */
  const char     *label;
} LegendItem;

static const char *
mark_label (WeftLegendItems mark)
{
  switch (mark)
    {
    case WEFT_LEGEND_FLOW:
      /* Translators: in the legend, the timeline's arrow from a thread that released a
       * lock (or notified, or put an item) to the thread that got it. */
      return _("hand-off");
    case WEFT_LEGEND_CYCLE:
      return _("deadlock cycle");
    case WEFT_LEGEND_LOST:
      return _("lost update");
    case WEFT_LEGEND_STALE_SALE:
      /* Translators: in the legend, the triangle on the tickets-left lane where a seller
       * sold from a count another seller had already changed. */
      return _("sold from a stale count");
    case WEFT_LEGEND_HELD:
      /* Translators: in the legend, the colour of the timeline's band that counts how
       * many locks (forks) are held at each moment, with a thousand of them. */
      return C_("legend", "held");
    case WEFT_LEGEND_HOLDS:
      /* Translators: in the legend, the scene's edge from a lock to the thread holding it. */
      return C_("legend", "holds");
    case WEFT_LEGEND_WANTS:
      /* Translators: in the legend, the scene's edge from a thread to what it waits for. */
      return C_("legend", "wants");
    default:
      g_assert_not_reached ();
    }
}

static guint
list_items (WeftLegendItems items,
            LegendItem     *out)
{
  guint n = 0;

  G_STATIC_ASSERT (WEFT_N_STATES == G_N_ELEMENTS (legend_states));
  G_STATIC_ASSERT (WEFT_N_STATES <= 16);

  for (guint i = 0; i < G_N_ELEMENTS (legend_states); i++)
    if (items & WEFT_LEGEND_STATE (legend_states[i]))
      out[n++] = (LegendItem) { WEFT_LEGEND_STATE (legend_states[i]), legend_states[i],
                                weft_state_get_label (legend_states[i]) };
  for (guint i = 0; i < G_N_ELEMENTS (legend_marks); i++)
    if (items & legend_marks[i])
      out[n++] = (LegendItem) { legend_marks[i], 0, mark_label (legend_marks[i]) };
  return n;
}

#define MAX_ITEMS (G_N_ELEMENTS (legend_states) + G_N_ELEMENTS (legend_marks))

char *
weft_legend_describe (WeftLegendItems items)
{
  LegendItem list[MAX_ITEMS];
  guint n = list_items (items, list);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (out, _(", "));
      g_string_append (out, list[i].label);
    }
  return g_string_free (out, FALSE);
}

/* Drawing ------------------------------------------------------------------------------ */

/* An arrow across a legend swatch, dashed for "wants". */
static void
legend_arrow (cairo_t        *cr,
              const WeftRgba *colour,
              double          x,
              double          y,
              double          swatch,
              double          font_size,
              gboolean        dashed)
{
  double mid = y + font_size / 2;

  weft_theme_set_source (cr, colour);
  cairo_set_line_width (cr, MAX (2.0, font_size / 8));
  if (dashed)
    {
      double dash[] = { font_size / 3.5, font_size / 5 };

      cairo_set_dash (cr, dash, 2, 0);
    }
  cairo_move_to (cr, x, mid);
  cairo_line_to (cr, x + swatch - font_size * 0.3, mid);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_move_to (cr, x + swatch, mid);
  cairo_line_to (cr, x + swatch - font_size * 0.5, y + font_size * 0.2);
  cairo_line_to (cr, x + swatch - font_size * 0.5, y + font_size * 0.8);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
draw_swatch (cairo_t          *cr,
             const WeftTheme  *theme,
             const LegendItem *item,
             double            x,
             double            y,
             double            swatch,
             double            font_size)
{
  switch (item->item)
    {
    case WEFT_LEGEND_HOLDS:
      legend_arrow (cr, &theme->held, x, y, swatch, font_size, FALSE);
      break;
    case WEFT_LEGEND_WANTS:
      legend_arrow (cr, &theme->waiting, x, y, swatch, font_size, TRUE);
      break;
    case WEFT_LEGEND_FLOW:
      legend_arrow (cr, &theme->flow, x, y, swatch, font_size, FALSE);
      break;
    case WEFT_LEGEND_LOST:
    case WEFT_LEGEND_STALE_SALE:
      weft_theme_set_source (cr, &theme->deadlock);
      cairo_move_to (cr, x + swatch / 2, y + font_size);
      cairo_line_to (cr, x + swatch / 2 - font_size * 0.45, y);
      cairo_line_to (cr, x + swatch / 2 + font_size * 0.45, y);
      cairo_close_path (cr);
      cairo_fill (cr);
      break;
    case WEFT_LEGEND_HELD:
      weft_theme_set_source (cr, &theme->held);
      cairo_rectangle (cr, x, y, swatch, font_size);
      cairo_fill (cr);
      break;
    case WEFT_LEGEND_CYCLE:
      weft_theme_set_source (cr, &theme->deadlock);
      cairo_set_line_width (cr, MAX (3.0, font_size / 5));
      cairo_rectangle (cr, x + 1.5, y + 1.5, swatch - 3, font_size - 3);
      cairo_stroke (cr);
      break;
    default:
      cairo_rectangle (cr, x, y, swatch, font_size);
      weft_theme_fill_state (cr, theme, item->state);
      break;
    }
}

/* Lays the items out in rows of @width (G_MAXDOUBLE: one row), drawing them when @cr is
 * not NULL; returns the height, and the widest item's width in *widest and the widest
 * row's in *row_width. @measure is a context for the text when @cr is NULL. */
static double
layout_items (cairo_t         *cr,
              cairo_t         *measure,
              const WeftTheme *theme,
              WeftLegendItems  items,
              double           width,
              double           font_size,
              double          *widest,
              double          *row_width)
{
  LegendItem list[MAX_ITEMS];
  guint n = list_items (items, list);
  double swatch = font_size * 1.6;
  double gap = font_size * 1.4;
  double row_height = font_size * 2.0;
  double x = 0, y = 0;
  PangoLayout *layout;

  *widest = 0;
  *row_width = 0;
  if (n == 0)
    return 0;

  layout = weft_render_create_layout (cr != NULL ? cr : measure, theme, font_size, FALSE);
  for (guint i = 0; i < n; i++)
    {
      int tw, th;
      double item_width;

      pango_layout_set_text (layout, list[i].label, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      item_width = swatch + font_size * 0.5 + tw;
      *widest = MAX (*widest, item_width);
      if (x > 0 && x + item_width > width)
        {
          x = 0;
          y += row_height;
        }

      if (cr != NULL)
        {
          draw_swatch (cr, theme, &list[i], x, y + (row_height - font_size) / 2, swatch, font_size);
          weft_theme_set_source (cr, &theme->text);
          cairo_move_to (cr, x + swatch + font_size * 0.5, y + (row_height - th) / 2);
          weft_render_show_layout (cr, layout);
        }
      *row_width = MAX (*row_width, x + item_width);
      x += item_width + gap;
    }
  g_object_unref (layout);
  return y + row_height;
}

/* Text is measured on a scratch context when nothing is drawn: a recording surface, like
 * the one gtk_snapshot_append_cairo() gives the window, so a widget's measure and its
 * drawing agree on where the rows wrap. */
static double
measure_items (const WeftTheme *theme,
               WeftLegendItems  items,
               double           width,
               double           font_size,
               double          *widest,
               double          *row_width)
{
  cairo_surface_t *scratch = cairo_recording_surface_create (CAIRO_CONTENT_ALPHA, NULL);
  cairo_t *measure = cairo_create (scratch);
  double height = layout_items (NULL, measure, theme, items, width, font_size, widest, row_width);

  cairo_destroy (measure);
  cairo_surface_destroy (scratch);
  return height;
}

double
weft_legend_draw_items (cairo_t         *cr,
                        const WeftTheme *theme,
                        WeftLegendItems  items,
                        double           width,
                        double           font_size)
{
  double widest, row_width;

  g_return_val_if_fail (theme != NULL, 0);

  if (cr == NULL)
    return measure_items (theme, items, width, font_size, &widest, &row_width);
  return layout_items (cr, NULL, theme, items, width, font_size, &widest, &row_width);
}

void
weft_legend_measure_width (const WeftTheme *theme,
                           WeftLegendItems  items,
                           double           font_size,
                           double          *widest,
                           double          *one_row)
{
  double w, r;

  g_return_if_fail (theme != NULL);

  measure_items (theme, items, G_MAXDOUBLE, font_size, &w, &r);
  if (widest != NULL)
    *widest = w;
  if (one_row != NULL)
    *one_row = r;
}

double
weft_legend_draw (cairo_t         *cr,
                  WeftModel       *model,
                  const WeftTheme *theme,
                  double           start,
                  double           end,
                  double           width,
                  double           font_size,
                  gboolean         scene)
{
  g_return_val_if_fail (model != NULL, 0);

  return weft_legend_draw_items (cr, theme, weft_legend_get_items (model, start, end, TRUE, scene),
                                 width, font_size);
}
