/* weft-page.c — a whole page: background, title, scene and/or timeline, legend. What the
 * export writes. The page draws the views; they never call it (their shared text helpers
 * are weft-text.c's).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "weft-render.h"

gboolean
weft_view_from_string (const char *str,
                       WeftView   *view)
{
  static const char * const names[] = { "timeline", "scene", "both" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_strcmp0 (str, names[i]) == 0)
        {
          *view = (WeftView) i;
          return TRUE;
        }
    }
  return FALSE;
}

void
weft_page_options_init (WeftPageOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->view = WEFT_VIEW_BOTH;
  options->theme = WEFT_THEME_LIGHT;
  options->width = 1920;
  options->height = 1080;
  options->start = 0;
  options->end = 0;
  options->show_title = TRUE;
  options->show_legend = TRUE;
}

/* Page ----------------------------------------------------------------------------------- */

static const char *
outcome_label (WeftOutcome outcome)
{
  switch (outcome)
    {
    case WEFT_OUTCOME_COMPLETED:
      return _("completed");
    case WEFT_OUTCOME_DEADLOCK:
      return _("deadlock");
    case WEFT_OUTCOME_STOPPED:
      return _("stopped");
    case WEFT_OUTCOME_NONE:
    default:
      return NULL;
    }
}

/* What happened (the model's caption, made from the run by its scenario), under the
 * subtitle, in the text's colour: the sentence a slide's reader needs to tell the story
 * ("Both read 2000; the deposit wrote 7000; the withdrawal wrote 1000 over it"). Returns
 * the height taken. */
static double
draw_caption (cairo_t         *cr,
              WeftModel       *model,
              const WeftTheme *theme,
              double           width,
              double           font_size,
              double           y,
              WeftRenderStats *stats)
{
  const char *caption = weft_model_get_caption (model);
  PangoLayout *layout;
  int tw, th;

  if (caption == NULL || *caption == '\0')
    return 0;
  layout = weft_render_create_layout (cr, theme, font_size * 1.1, FALSE);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (layout, -2);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, caption, -1);
  pango_layout_get_pixel_size (layout, &tw, &th);
  weft_theme_set_source (cr, &theme->text);
  cairo_move_to (cr, 0, y + font_size * 0.25);
  weft_render_show_layout (cr, layout);
  g_object_unref (layout);
  weft_render_stats_add (stats, 0, 1, 0, 0);
  return th + font_size * 0.25;
}

/* Title (bold) and, smaller, the subtitle and the outcome; returns the height taken. */
static double
draw_title (cairo_t         *cr,
            WeftModel       *model,
            const WeftTheme *theme,
            double           width,
            double           font_size,
            WeftRenderStats *stats)
{
  PangoLayout *layout;
  const char *subtitle = weft_model_get_subtitle (model);
  const char *outcome = outcome_label (weft_model_get_outcome (model));
  g_autoptr(GString) line = g_string_new (NULL);
  int tw, th;
  double y = 0;

  layout = weft_render_create_layout (cr, theme, font_size * 1.5, TRUE);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, weft_model_get_title (model), -1);
  pango_layout_get_pixel_size (layout, &tw, &th);
  weft_theme_set_source (cr, &theme->text);
  cairo_move_to (cr, 0, y);
  weft_render_show_layout (cr, layout);
  y += th;
  g_object_unref (layout);

  if (subtitle != NULL && *subtitle != '\0')
    g_string_append (line, subtitle);
  if (outcome != NULL)
    {
      if (line->len > 0)
        g_string_append (line, " · ");
      g_string_append (line, outcome);
    }
  if (line->len > 0)
    {
      layout = weft_render_create_layout (cr, theme, font_size, FALSE);
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (layout, -2);  /* at most two lines, then an ellipsis */
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_text (layout, line->str, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      weft_theme_set_source (cr, &theme->text_dim);
      cairo_move_to (cr, 0, y);
      weft_render_show_layout (cr, layout);
      y += th;
      g_object_unref (layout);
    }

  weft_render_stats_add (stats, 0, line->len > 0 ? 2 : 1, 0, 0);
  y += draw_caption (cr, model, theme, width, font_size, y, stats);
  return y;
}

/* The scene left (a square-ish graph), the timeline right: on a 16:9 slide both get the
 * full height. On a tall page they stack. */
static gboolean
side_by_side (double w,
              double h)
{
  return w > h * 1.2;
}

static double
scene_width (double w,
             double h)
{
  return MIN (h * 1.0, w * 0.42);
}

/* The timeline's size on a page whose views share @w × @h. */
static void
timeline_box (WeftView view,
              double   w,
              double   h,
              double   font_size,
              double  *tw,
              double  *th)
{
  double gap = font_size * 1.5;

  *tw = w;
  *th = h;
  if (view != WEFT_VIEW_BOTH)
    return;
  if (side_by_side (w, h))
    *tw = w - scene_width (w, h) - gap;
  else
    *th = h - h * 0.45 - gap;
}

/* On a wide page, the height a timeline of few lanes needs at the page's full width
 * when that is at most 40 % of @h; 0 otherwise (the views then sit side by side). */
static double
short_timeline_height (WeftModel              *model,
                       const WeftTimelineView *view,
                       double                  w,
                       double                  h,
                       double                  font_size)
{
  WeftTimelineLayout layout;
  double need;

  if (!side_by_side (w, h))
    return 0;
  weft_timeline_get_layout (model, view, w, h * 0.4, &layout);
  /* Lanes at a comfortable height each: two lines of text, as the window gives them. */
  need = layout.n_lanes * font_size * 3.2 + layout.axis_height + font_size * 2.5;
  return need <= h * 0.4 ? need : 0;
}

void
weft_page_draw (cairo_t               *cr,
                WeftModel             *model,
                const WeftPageOptions *options,
                WeftRenderStats       *stats)
{
  const WeftTheme *theme;
  WeftTimelineView view = { 0 };
  double font_size;
  double margin;
  double x, y, w, h;
  double legend_height = 0;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (model != NULL);
  g_return_if_fail (options != NULL);

  theme = weft_theme_get (options->theme);
  font_size = weft_render_font_size (options->width, options->height);
  margin = round (font_size * 1.5);

  cairo_save (cr);
  weft_theme_set_source (cr, &theme->background);
  cairo_rectangle (cr, 0, 0, options->width, options->height);
  cairo_fill (cr);

  x = margin;
  y = margin * 0.75;
  w = options->width - 2 * margin;
  h = options->height - y - margin * 0.75;

  if (options->show_title)
    {
      cairo_save (cr);
      cairo_translate (cr, x, y);
      y += draw_title (cr, model, theme, w, font_size, stats) + font_size * 0.6;
      cairo_restore (cr);
      h = options->height - y - margin * 0.75;
    }

  view.start = options->start;
  view.end = options->end;
  if (view.end <= view.start)
    weft_timeline_view_whole (model, &view);
  view.show_flows = TRUE;
  view.font_size = font_size;

  if (options->show_legend)
    {
      gboolean scene = options->view != WEFT_VIEW_TIMELINE;
      gboolean timeline = options->view != WEFT_VIEW_SCENE;
      WeftLegendItems items = weft_legend_get_items (model, view.start, view.end, timeline, scene);
      guint n_items = 0;

      /* The room is measured with the hand-off arrow, then the timeline says whether it
       * draws any in the room left: a legend that loses the item keeps its room, so the
       * timeline's size does not change with it. */
      legend_height = weft_legend_draw_items (NULL, theme, items, w, font_size);
      if (legend_height > 0)
        h -= legend_height + font_size * 0.6;
      if (items & WEFT_LEGEND_FLOW)
        {
          double tw, th;

          timeline_box (options->view, w, h, font_size, &tw, &th);
          if (!weft_timeline_shows_flows (model, &view, tw, th))
            items &= ~WEFT_LEGEND_FLOW;
        }
      cairo_save (cr);
      cairo_translate (cr, x, options->height - margin * 0.75 -
                       weft_legend_draw_items (NULL, theme, items, w, font_size));
      weft_legend_draw_items (cr, theme, items, w, font_size);
      cairo_restore (cr);
      for (WeftLegendItems rest = items; rest != 0; rest &= rest - 1)
        n_items++;
      weft_render_stats_add (stats, 0, n_items, 0, n_items);
    }

  switch (options->view)
    {
    case WEFT_VIEW_SCENE:
      cairo_save (cr);
      cairo_translate (cr, x, y);
      weft_scene_draw (cr, model, theme, weft_model_axis_to_time (model, view.end), w, h, 1.0, stats);
      cairo_restore (cr);
      break;
    case WEFT_VIEW_TIMELINE:
      cairo_save (cr);
      cairo_translate (cr, x, y);
      weft_timeline_draw (cr, model, theme, &view, w, h, stats);
      cairo_restore (cr);
      break;
    case WEFT_VIEW_BOTH:
    default:
      {
        double gap = font_size * 1.5;

        double short_h = short_timeline_height (model, &view, w, h, font_size);

        cairo_save (cr);
        cairo_translate (cr, x, y);
        if (short_h > 0)
          {
            /* A few lanes (the bank's two threads and one balance): the timeline takes
             * the page's width and the height its lanes need, under the scene, which
             * fills the rest: no half-empty page. */
            double scene_h = h - short_h - gap;

            /* Its few circles and boxes in larger type, to be read from the back. */
            weft_scene_draw (cr, model, theme, weft_model_axis_to_time (model, view.end),
                             w, scene_h, 1.5, stats);
            cairo_translate (cr, 0, scene_h + gap);
            weft_timeline_draw (cr, model, theme, &view, w, short_h, stats);
          }
        else if (side_by_side (w, h))
          {
            double scene_w = scene_width (w, h);

            weft_scene_draw (cr, model, theme, weft_model_axis_to_time (model, view.end),
                             scene_w, h, 1.0, stats);
            cairo_translate (cr, scene_w + gap, 0);
            weft_timeline_draw (cr, model, theme, &view, w - scene_w - gap, h, stats);
          }
        else
          {
            double scene_h = h * 0.45;

            weft_scene_draw (cr, model, theme, weft_model_axis_to_time (model, view.end),
                             w, scene_h, 1.0, stats);
            cairo_translate (cr, 0, scene_h + gap);
            weft_timeline_draw (cr, model, theme, &view, w, h - scene_h - gap, stats);
          }
        cairo_restore (cr);
      }
      break;
    }

  cairo_restore (cr);
}
