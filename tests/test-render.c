/* test-render.c — the renderer as a user sees it: a million events drawn at slide width
 * cost primitives in proportion to the pixels, not the events; the lanes and the axis can
 * be hit-tested; the print theme is grey; a deadlocked table shows its cycle in red.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <math.h>
#include <string.h>

#include "weft-test-model.h"
#include "weft-test-synthetic.h"

#define MILLION 1000000

/* Built once per process: each test runs in its own fork, after main() made it. */
static WeftModel *big_model;

static WeftModel *
get_big_model (void)
{
  if (big_model == NULL)
    big_model = test_synthetic_model (MILLION, 1);
  return big_model;
}

static cairo_surface_t *
draw_timeline (WeftModel              *model,
               const WeftTimelineView *view,
               WeftThemeId             theme,
               int                     width,
               int                     height,
               WeftRenderStats        *stats)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  weft_theme_set_source (cr, &weft_theme_get (theme)->background);
  cairo_paint (cr);
  weft_timeline_draw (cr, model, weft_theme_get (theme), view, width, height, stats);
  ck_assert_int_eq (cairo_status (cr), CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* A page, with its title and legend or (@bare) without. */
static cairo_surface_t *
draw_page_full (WeftModel       *model,
                WeftView         view,
                WeftThemeId      theme,
                int              width,
                int              height,
                gboolean         bare,
                WeftRenderStats *stats)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  WeftPageOptions options;

  weft_page_options_init (&options);
  options.view = view;
  options.theme = theme;
  options.width = width;
  options.height = height;
  options.show_title = !bare;
  options.show_legend = !bare;
  weft_page_draw (cr, model, &options, stats);
  ck_assert_int_eq (cairo_status (cr), CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static cairo_surface_t *
draw_page (WeftModel       *model,
           WeftView         view,
           WeftThemeId      theme,
           int              width,
           int              height,
           WeftRenderStats *stats)
{
  return draw_page_full (model, view, theme, width, height, FALSE, stats);
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(const guint32 *) (data + y * stride + x * 4);
}

static guint8
channel (guint32 pixel,
         int     shift)
{
  return (pixel >> shift) & 0xFF;
}

static gboolean
pixel_is (guint32         pixel,
          const WeftRgba *rgba,
          int             tolerance)
{
  return ABS ((int) channel (pixel, 16) - (int) lround (rgba->r * 255)) <= tolerance &&
         ABS ((int) channel (pixel, 8) - (int) lround (rgba->g * 255)) <= tolerance &&
         ABS ((int) channel (pixel, 0) - (int) lround (rgba->b * 255)) <= tolerance;
}

static guint
count_pixels (cairo_surface_t *surface,
              const WeftRgba  *rgba,
              int              tolerance)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  guint n = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (pixel_is (pixel_at (surface, x, y), rgba, tolerance))
        n++;
  return n;
}

/* Level of detail ------------------------------------------------------------------------ */

static void
assert_bounded (const WeftRenderStats *stats,
                guint                  n_lanes,
                guint                  width,
                const char            *what)
{
  ck_assert_msg (stats->n_rects > 0, "%s: nothing drawn", what);
  ck_assert_msg (stats->n_rects < n_lanes * width, "%s: %u rectangles for %u lanes × %u px",
                 what, stats->n_rects, n_lanes, width);
  ck_assert_msg (stats->n_primitives < n_lanes * width, "%s: %u primitives for %u lanes × %u px",
                 what, stats->n_primitives, n_lanes, width);
  ck_assert_uint_eq (stats->n_primitives,
                     stats->n_rects + stats->n_labels + stats->n_arrows + stats->n_shapes);
}

START_TEST (test_million_events_whole_run)
{
  WeftModel *model = get_big_model ();
  WeftTimelineView view = { 0 };
  WeftRenderStats stats = { 0 };
  cairo_surface_t *surface;
  guint n_lanes = weft_model_get_n_lanes (model);

  ck_assert_uint_ge (weft_model_get_n_events (model), MILLION);
  ck_assert_uint_eq (n_lanes, SYNTHETIC_N_LANES);

  weft_timeline_view_whole (model, &view);
  ck_assert (view.end > view.start);
  surface = draw_timeline (model, &view, WEFT_THEME_LIGHT, 1920, 1080, &stats);
  assert_bounded (&stats, n_lanes, 1920, "whole run, 1920 px");
  /* Most columns of a thread lane merge many events: far fewer rectangles than events. */
  ck_assert_uint_lt (stats.n_rects, MILLION / 20);
  cairo_surface_destroy (surface);
}
END_TEST

START_TEST (test_million_events_zoomed)
{
  WeftModel *model = get_big_model ();
  guint n_lanes = weft_model_get_n_lanes (model);
  double end = weft_model_get_axis_end (model);
  /* A window of a thousandth of the run (about a thousand events), one of a hundredth,
   * and one of 20 µs, where a span is wider than a pixel. */
  const double windows[] = { end / 1000, end / 100, 20000 };

  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    {
      WeftTimelineView view = { end * 0.5, end * 0.5 + windows[i], TRUE, 0 };
      WeftRenderStats stats = { 0 };
      g_autofree char *what = g_strdup_printf ("window of %.0f ns", windows[i]);
      cairo_surface_t *surface = draw_timeline (model, &view, WEFT_THEME_LIGHT, 1920, 1080, &stats);

      assert_bounded (&stats, n_lanes, 1920, what);
      cairo_surface_destroy (surface);
    }
}
END_TEST

/* Ten times the events, the same pixels: about the same primitives. */
START_TEST (test_primitives_follow_pixels_not_events)
{
  g_autoptr(WeftModel) small = test_synthetic_model (MILLION / 10, 1);
  WeftModel *model = get_big_model ();
  WeftRenderStats small_stats = { 0 }, big_stats = { 0 }, narrow_stats = { 0 };
  cairo_surface_t *surface;

  surface = draw_timeline (small, NULL, WEFT_THEME_LIGHT, 1920, 1080, &small_stats);
  cairo_surface_destroy (surface);
  surface = draw_timeline (model, NULL, WEFT_THEME_LIGHT, 1920, 1080, &big_stats);
  cairo_surface_destroy (surface);
  surface = draw_timeline (model, NULL, WEFT_THEME_LIGHT, 480, 1080, &narrow_stats);
  cairo_surface_destroy (surface);

  ck_assert_msg (big_stats.n_rects < small_stats.n_rects * 1.5,
                 "100 k events: %u rectangles; 1 M events: %u", small_stats.n_rects, big_stats.n_rects);
  /* A quarter of the width, at most about a quarter of the rectangles. */
  ck_assert_msg (narrow_stats.n_rects < big_stats.n_rects / 3,
                 "1920 px: %u rectangles; 480 px: %u", big_stats.n_rects, narrow_stats.n_rects);
}
END_TEST

/* The timeline stays inside the rectangle it is given. */
START_TEST (test_timeline_stays_in_its_box)
{
  WeftModel *model = get_big_model ();
  g_autoptr(WeftModel) deadlocked = test_make_deadlocked_model ();
  WeftModel *models[] = { model, deadlocked };

  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    {
      cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cairo_t *cr = cairo_create (recording);
      double x, y, w, h;

      weft_timeline_draw (cr, models[i], weft_theme_get (WEFT_THEME_LIGHT), NULL, 1280, 720, NULL);
      ck_assert_int_eq (cairo_status (cr), CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_recording_surface_ink_extents (recording, &x, &y, &w, &h);
      ck_assert_msg (x >= -1 && y >= -1 && x + w <= 1281 && y + h <= 721,
                     "model %u: ink from (%g, %g) to (%g, %g), outside 1280 × 720",
                     i, x, y, x + w, y + h);
      ck_assert (w > 640 && h > 200);
      cairo_surface_destroy (recording);
    }
}
END_TEST

/* Hit tests ------------------------------------------------------------------------------ */

static void
assert_lanes_hit (WeftModel  *model,
                  double      width,
                  double      height)
{
  WeftTimelineView view = { 0 };
  WeftTimelineLayout layout;
  guint n_drawn = 0;

  weft_timeline_view_whole (model, &view);
  weft_timeline_get_layout (model, &view, width, height, &layout);
  ck_assert_uint_eq (layout.n_lanes, weft_model_get_n_lanes (model));
  ck_assert_uint_ge (layout.stride, 1);
  ck_assert (layout.lane_height > 0);
  ck_assert (layout.plot_x >= 0 && layout.plot_x + layout.plot_width <= width + 0.5);

  for (guint lane = 0; lane < layout.n_lanes; lane++)
    {
      double y = weft_timeline_lane_y (&layout, lane);

      if (lane < layout.n_thread_lanes && lane % layout.stride != 0)
        {
          ck_assert_msg (y < 0, "lane %u is not drawn (stride %u) but has y %g", lane, layout.stride, y);
          continue;
        }
      /* Resource lanes: the kinds with few lanes always, the last every stride_resources. */
      if (lane >= layout.n_thread_lanes && y < 0)
        {
          ck_assert_msg (lane - layout.n_thread_lanes >= layout.n_whole,
                         "resource lane %u is one of the %u always drawn", lane, layout.n_whole);
          continue;
        }
      n_drawn++;
      ck_assert_msg (y >= layout.lanes_y && y + layout.lane_height <= layout.axis_y + 0.01,
                     "%g × %g: lane %u at %g, lanes between %g and %g", width, height, lane, y,
                     layout.lanes_y, layout.axis_y);
      ck_assert_msg (weft_timeline_lane_at (&layout, y + 1) == (int) lane,
                     "%g × %g: lane_at (lane_y (%u) + 1) is %d", width, height, lane,
                     weft_timeline_lane_at (&layout, y + 1));
      ck_assert_msg (weft_timeline_lane_at (&layout, y + layout.lane_height / 2) == (int) lane,
                     "%g × %g: the middle of lane %u is lane %d", width, height, lane,
                     weft_timeline_lane_at (&layout, y + layout.lane_height / 2));
      if (layout.lane_height > 2)
        ck_assert_msg (weft_timeline_lane_at (&layout, y + layout.lane_height - 0.5) == (int) lane,
                       "%g × %g: the bottom of lane %u is lane %d", width, height, lane,
                       weft_timeline_lane_at (&layout, y + layout.lane_height - 0.5));
    }
  ck_assert_uint_gt (n_drawn, 0);

  /* Above the lanes, in the gap and on the axis: no lane. */
  if (layout.lanes_y >= 1)
    ck_assert_int_eq (weft_timeline_lane_at (&layout, layout.lanes_y - 1), -1);
  ck_assert_int_eq (weft_timeline_lane_at (&layout, layout.axis_y + 1), -1);
  ck_assert_int_eq (weft_timeline_lane_at (&layout, height - 1), -1);
  if (layout.gap >= 2 && layout.stride == 1 && layout.n_lanes > layout.n_thread_lanes)
    {
      double threads_end = weft_timeline_lane_y (&layout, layout.n_thread_lanes - 1) + layout.lane_height;

      ck_assert_int_eq (weft_timeline_lane_at (&layout, threads_end + layout.gap / 2), -1);
    }
}

START_TEST (test_lane_hit_test)
{
  WeftModel *model = get_big_model ();
  g_autoptr(WeftModel) deadlocked = test_make_deadlocked_model ();
  g_autoptr(WeftModel) crowd = weft_model_new ();

  /* Six hundred threads in 400 px: only every few lanes is drawn. */
  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *name = g_strdup_printf ("T%u", i);

      weft_model_add_actor (crowd, name);
    }
  weft_model_add_object (crowd, "lock", WEFT_OBJECT_LOCK, 0, WEFT_QUEUE_FIFO);
  weft_model_set_end (crowd, 1000000);

  assert_lanes_hit (model, 1920, 1080);
  assert_lanes_hit (model, 1280, 720);
  assert_lanes_hit (model, 400, 200);
  assert_lanes_hit (deadlocked, 1920, 1080);
  assert_lanes_hit (deadlocked, 640, 300);
  assert_lanes_hit (crowd, 1280, 720);
  assert_lanes_hit (crowd, 800, 400);

  {
    WeftTimelineLayout layout;

    weft_timeline_get_layout (crowd, NULL, 800, 400, &layout);
    ck_assert_uint_gt (layout.stride, 1);
  }
}
END_TEST

static void
assert_axis_round_trip (WeftModel              *model,
                        const WeftTimelineView *view,
                        double                  width,
                        double                  height)
{
  WeftTimelineLayout layout;
  double span = view->end - view->start;

  weft_timeline_get_layout (model, view, width, height, &layout);
  ck_assert (fabs (weft_timeline_axis_at (&layout, view, layout.plot_x) - view->start) <= span * 1e-9);
  ck_assert (fabs (weft_timeline_axis_at (&layout, view, layout.plot_x + layout.plot_width) - view->end)
             <= span * 1e-9);
  for (guint k = 0; k <= 10; k++)
    {
      double u = view->start + span * k / 10;
      double x = layout.plot_x + (u - view->start) / span * layout.plot_width;
      double back = weft_timeline_axis_at (&layout, view, x);

      ck_assert_msg (fabs (back - u) <= span * 1e-9, "axis %g → x %g → axis %g", u, x, back);
    }
  /* Increasing, one pixel is span / plot_width. */
  {
    double a = weft_timeline_axis_at (&layout, view, layout.plot_x + 100);
    double b = weft_timeline_axis_at (&layout, view, layout.plot_x + 101);

    ck_assert (fabs ((b - a) - span / layout.plot_width) <= span * 1e-9);
  }
}

START_TEST (test_axis_round_trip)
{
  WeftModel *model = get_big_model ();
  g_autoptr(WeftModel) deadlocked = test_make_deadlocked_model ();
  WeftTimelineView view = { 0 };
  WeftTimelineView zoom = { 1000, 51000, TRUE, 0 };

  weft_timeline_view_whole (model, &view);
  assert_axis_round_trip (model, &view, 1920, 1080);
  assert_axis_round_trip (model, &zoom, 1280, 720);

  /* Step mode: the axis is the step number, from -1. */
  weft_timeline_view_whole (deadlocked, &view);
  ck_assert (view.start <= -1 + 1e-9);
  ck_assert (view.end >= weft_model_get_axis_end (deadlocked));
  ck_assert (weft_model_get_axis_end (deadlocked) >= 10);
  assert_axis_round_trip (deadlocked, &view, 1920, 1080);
}
END_TEST

/* Themes --------------------------------------------------------------------------------- */

/* Every pixel of a print page is grey. On failure, names the first colour found, where,
 * and how many pixels have colour. */
static void
assert_greyscale (cairo_surface_t *surface,
                  const char      *what)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  guint n_coloured = 0;
  int first_x = -1, first_y = -1;
  guint32 first = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 p = pixel_at (surface, x, y);
        int r = channel (p, 16), g = channel (p, 8), b = channel (p, 0);

        if (ABS (r - g) > 2 || ABS (g - b) > 2 || ABS (r - b) > 2)
          {
            if (n_coloured++ == 0)
              {
                first = p;
                first_x = x;
                first_y = y;
              }
          }
      }
  ck_assert_msg (n_coloured == 0, "%s: %u pixels are not grey; the first at (%d, %d) is #%02X%02X%02X (alpha %u)",
                 what, n_coloured, first_x, first_y, channel (first, 16), channel (first, 8),
                 channel (first, 0), channel (first, 24));
}

START_TEST (test_print_theme_is_grey)
{
  static const char * const view_names[] = { "timeline", "scene", "both" };
  g_autoptr(WeftModel) deadlocked = test_make_deadlocked_model ();
  WeftModel *model = get_big_model ();
  const WeftTheme *print = weft_theme_get (WEFT_THEME_PRINT);

  /* The theme's own colours first. */
  {
    const WeftRgba *named[] = { &print->background, &print->lane_alt, &print->text, &print->text_dim,
                                &print->grid, &print->deadlock, &print->flow, &print->held,
                                &print->waiting, &print->queue, &print->value, &print->pattern_ink };

    for (guint i = 0; i < G_N_ELEMENTS (named); i++)
      ck_assert_msg (named[i]->r == named[i]->g && named[i]->g == named[i]->b, "print colour %u is not grey", i);
    for (guint i = 0; i < WEFT_N_STATES; i++)
      ck_assert_msg (print->state[i].r == print->state[i].g && print->state[i].g == print->state[i].b,
                     "print state %u is not grey", i);
    for (guint i = 0; i < WEFT_THEME_N_IDENTITY; i++)
      ck_assert_msg (print->identity[i].r == print->identity[i].g && print->identity[i].g == print->identity[i].b,
                     "print identity %u is not grey", i);
  }

  for (WeftView view = WEFT_VIEW_TIMELINE; view <= WEFT_VIEW_BOTH; view++)
    {
      g_autofree char *what = g_strdup_printf ("print page, deadlocked philosophers, view %s",
                                               view_names[view]);
      g_autofree char *what_big = g_strdup_printf ("print page, 1 M synthetic events, view %s",
                                                   view_names[view]);
      cairo_surface_t *surface;

      surface = draw_page (deadlocked, view, WEFT_THEME_PRINT, 1920, 1080, NULL);
      assert_greyscale (surface, what);
      cairo_surface_destroy (surface);

      surface = draw_page (model, view, WEFT_THEME_PRINT, 1280, 720, NULL);
      assert_greyscale (surface, what_big);
      cairo_surface_destroy (surface);
    }
}
END_TEST

START_TEST (test_light_theme_has_colour)
{
  g_autoptr(WeftModel) deadlocked = test_make_deadlocked_model ();
  cairo_surface_t *surface = draw_page (deadlocked, WEFT_VIEW_BOTH, WEFT_THEME_LIGHT, 1920, 1080, NULL);
  const WeftTheme *light = weft_theme_get (WEFT_THEME_LIGHT);

  /* The same check fails on a page in colour: it can tell. */
  ck_assert_uint_gt (count_pixels (surface, &light->state[WEFT_STATE_BLOCKED], 1), 100);
  cairo_surface_destroy (surface);
}
END_TEST

/* A deadlocked table, every view ----------------------------------------------------------- */

START_TEST (test_deadlock_page_views)
{
  static const char * const view_names[] = { "timeline", "scene", "both" };
  static const WeftThemeId themes[] = { WEFT_THEME_LIGHT, WEFT_THEME_DARK };
  g_autoptr(WeftModel) model = test_make_deadlocked_model ();

  for (guint t = 0; t < G_N_ELEMENTS (themes); t++)
    for (WeftView view = WEFT_VIEW_TIMELINE; view <= WEFT_VIEW_BOTH; view++)
      {
        const WeftTheme *theme = weft_theme_get (themes[t]);
        WeftRenderStats stats = { 0 };
        cairo_surface_t *surface = draw_page (model, view, themes[t], 1920, 1080, &stats);
        /* Without the legend, whose swatch for the cycle is red too. */
        cairo_surface_t *bare = draw_page_full (model, view, themes[t], 1920, 1080, TRUE, NULL);
        guint n_background = count_pixels (surface, &theme->background, 1);
        guint n_deadlock = count_pixels (bare, &theme->deadlock, 3);
        guint total = 1920 * 1080;

        ck_assert_msg (n_background < total * 0.95, "%s theme, view %s: %u of %u pixels are background",
                       theme->name, view_names[view], n_background, total);
        ck_assert_msg (n_deadlock >= 2000, "%s theme, view %s: %u pixels of the deadlock colour",
                       theme->name, view_names[view], n_deadlock);
        cairo_surface_destroy (bare);
        ck_assert_uint_gt (stats.n_primitives, 10);
        ck_assert_uint_gt (stats.n_labels, 5);
        cairo_surface_destroy (surface);
      }
}
END_TEST

/* Legend --------------------------------------------------------------------------------- */

static WeftModel *
make_bank_lost_update_model (void)
{
  static const char * const sets[] = { "sync=none", NULL };

  return test_make_stepped_model ("bank", sets, 1000);
}

static WeftModel *
make_ordered_model (void)
{
  static const char * const sets[] = { "strategy=ordered", "meals=1", NULL };
  WeftModel *model = test_make_stepped_model ("philosophers", sets, 2000);

  ck_assert_int_eq (weft_model_get_outcome (model), WEFT_OUTCOME_COMPLETED);
  return model;
}

/* The words of a page, one per line. */
static char *
page_words (WeftModel   *model,
            WeftView     view,
            WeftThemeId  theme)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (weft_recorded_text_free);
  GString *words = g_string_new ("\n");
  WeftPageOptions options;

  weft_render_record_text (cr, texts);
  weft_page_options_init (&options);
  options.view = view;
  options.theme = theme;
  weft_page_draw (cr, model, &options, NULL);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  for (guint i = 0; i < texts->len; i++)
    g_string_append_printf (words, "%s\n", ((WeftRecordedText *) texts->pdata[i])->text);
  return g_string_free (words, FALSE);
}

static gboolean
has_word (const char *words,
          const char *word)
{
  g_autofree char *line = g_strdup_printf ("\n%s\n", word);

  return strstr (words, line) != NULL;
}

/* Only what the run shows: a deadlocked table lists its cycle and no lost update; a
 * completed one neither; the bank race its lost update and no lock edges. */
START_TEST (test_legend_lists_what_the_run_shows)
{
  g_autoptr(WeftModel) naive = test_make_deadlocked_model ();
  g_autoptr(WeftModel) ordered = make_ordered_model ();
  g_autoptr(WeftModel) bank = make_bank_lost_update_model ();
  WeftLegendItems items;
  guint64 when;
  const WeftModelEdge *edges;
  guint n_edges;

  items = weft_legend_get_items (naive, 0, 0, TRUE, TRUE);
  ck_assert (items & WEFT_LEGEND_CYCLE);
  ck_assert (items & WEFT_LEGEND_STATE (WEFT_STATE_BLOCKED));
  ck_assert (items & WEFT_LEGEND_STATE (WEFT_STATE_RUNNING));
  ck_assert (items & WEFT_LEGEND_STATE (WEFT_STATE_PARKED));
  ck_assert (!(items & WEFT_LEGEND_STATE (WEFT_STATE_DONE)));
  ck_assert (!(items & WEFT_LEGEND_STATE (WEFT_STATE_WAITING)));
  ck_assert (!(items & WEFT_LEGEND_LOST));
  ck_assert (items & WEFT_LEGEND_HOLDS);
  ck_assert (items & WEFT_LEGEND_WANTS);
  /* The scene's edges only with the scene. */
  items = weft_legend_get_items (naive, 0, 0, TRUE, FALSE);
  ck_assert (!(items & (WEFT_LEGEND_HOLDS | WEFT_LEGEND_WANTS)));
  ck_assert (items & WEFT_LEGEND_CYCLE);
  /* Before the deadlock, on the timeline alone, no cycle. */
  ck_assert (weft_model_get_deadlock (naive, &when, &edges, &n_edges));
  items = weft_legend_get_items (naive, weft_model_get_axis_start (naive),
                                 weft_model_time_to_axis (naive, when) / 2, TRUE, FALSE);
  ck_assert (!(items & WEFT_LEGEND_CYCLE));
  ck_assert (items & WEFT_LEGEND_STATE (WEFT_STATE_RUNNING));

  items = weft_legend_get_items (ordered, 0, 0, TRUE, TRUE);
  ck_assert (!(items & WEFT_LEGEND_CYCLE));
  ck_assert (!(items & WEFT_LEGEND_LOST));
  ck_assert (items & WEFT_LEGEND_STATE (WEFT_STATE_DONE));
  ck_assert (items & WEFT_LEGEND_HOLDS);
  /* Hand-offs only when the caller draws them. */
  {
    guint n_flows;

    weft_model_get_flows (ordered, &n_flows);
    ck_assert_uint_gt (n_flows, 0);
    ck_assert (items & WEFT_LEGEND_FLOW);
    ck_assert (!(weft_legend_get_items (ordered, 0, 0, FALSE, TRUE) & WEFT_LEGEND_FLOW));
  }

  items = weft_legend_get_items (bank, 0, 0, TRUE, TRUE);
  ck_assert (items & WEFT_LEGEND_LOST);
  ck_assert (!(items & WEFT_LEGEND_CYCLE));
  ck_assert (!(items & (WEFT_LEGEND_HOLDS | WEFT_LEGEND_WANTS)));
  ck_assert (!(items & WEFT_LEGEND_STATE (WEFT_STATE_BLOCKED)));
}
END_TEST

/* The exported page says it in words: what the text recorder saw drawn. */
START_TEST (test_legend_words_on_the_page)
{
  g_autoptr(WeftModel) naive = test_make_deadlocked_model ();
  g_autoptr(WeftModel) ordered = make_ordered_model ();
  g_autoptr(WeftModel) bank = make_bank_lost_update_model ();

  for (WeftThemeId theme = 0; theme < WEFT_N_THEMES; theme++)
    for (WeftView view = WEFT_VIEW_TIMELINE; view <= WEFT_VIEW_BOTH; view++)
      {
        g_autofree char *a = page_words (naive, view, theme);
        g_autofree char *b = page_words (ordered, view, theme);
        g_autofree char *c = page_words (bank, view, theme);

        ck_assert_msg (has_word (a, "deadlock cycle"), "no cycle in the naive table's legend:%s", a);
        ck_assert_msg (has_word (a, "blocked"), "no blocked in the naive table's legend:%s", a);
        ck_assert_msg (!has_word (a, "lost update"), "a lost update in the philosophers' legend:%s", a);
        ck_assert_msg (!has_word (b, "lost update"), "a lost update in the philosophers' legend:%s", b);
        ck_assert_msg (!has_word (b, "deadlock cycle"), "a cycle in a completed run's legend:%s", b);
        ck_assert_msg (has_word (c, "lost update"), "no lost update in the bank race's legend:%s", c);
        ck_assert_msg (!has_word (c, "deadlock cycle"), "a cycle in the bank race's legend:%s", c);
        ck_assert_msg (!has_word (c, "holds"), "a lock edge in the bank race's legend:%s", c);
        ck_assert (has_word (a, "holds") == (view != WEFT_VIEW_TIMELINE));
        ck_assert (has_word (a, "wants") == (view != WEFT_VIEW_TIMELINE));
      }
}
END_TEST

/* A legend wraps to more rows when narrow, and takes no room with nothing to say. */
START_TEST (test_legend_wraps)
{
  g_autoptr(WeftModel) naive = test_make_deadlocked_model ();
  const WeftTheme *theme = weft_theme_get (WEFT_THEME_LIGHT);
  WeftLegendItems items = weft_legend_get_items (naive, 0, 0, TRUE, TRUE);
  double widest, one_row, h_wide, h_narrow;
  g_autofree char *described = weft_legend_describe (items);

  weft_legend_measure_width (theme, items, 20, &widest, &one_row);
  ck_assert_double_gt (widest, 20);
  ck_assert_double_gt (one_row, widest * 2);
  h_wide = weft_legend_draw_items (NULL, theme, items, one_row + 1, 20);
  h_narrow = weft_legend_draw_items (NULL, theme, items, widest, 20);
  ck_assert_double_eq_tol (h_wide, 40, 0.01);
  ck_assert_double_gt (h_narrow, h_wide * 3);
  ck_assert_double_eq (weft_legend_draw_items (NULL, theme, 0, 1000, 20), 0);
  ck_assert_double_eq (weft_legend_draw (NULL, naive, theme, 0, 0, one_row + 1, 20, TRUE), h_wide);
  ck_assert_str_eq (described, "running, sleeping, blocked, parked, deadlock cycle, holds, wants");
}
END_TEST

/* Colours -------------------------------------------------------------------------------- */

static WeftRgba
rgb_hex (guint32 hex)
{
  return (WeftRgba) { (hex >> 16 & 0xFF) / 255.0, (hex >> 8 & 0xFF) / 255.0, (hex & 0xFF) / 255.0, 1 };
}

/* The distance is CIEDE2000: a pair from Sharma, Wu & Dalal's test data, through sRGB (the
 * figures from an independent implementation), and the two collisions of the issue. */
START_TEST (test_colour_distance)
{
  WeftRgba white = rgb_hex (0xFFFFFF), black = rgb_hex (0x000000);
  WeftRgba running = rgb_hex (0x009E73), old_marx = rgb_hex (0x3FAF5F);
  WeftRgba parked = rgb_hex (0xCC79A7), old_russell = rgb_hex (0xD0609A);

  ck_assert_double_eq_tol (weft_theme_colour_distance (&white, &white), 0, 1e-9);
  ck_assert_double_eq_tol (weft_theme_colour_distance (&white, &black), 100, 0.01);
  ck_assert_double_eq_tol (weft_theme_colour_distance (&running, &old_marx),
                           weft_theme_colour_distance (&old_marx, &running), 1e-9);
  ck_assert_double_eq_tol (weft_theme_colour_distance (&running, &old_marx), 9.9, 0.1);
  ck_assert_double_eq_tol (weft_theme_colour_distance (&parked, &old_russell), 6.0, 0.1);
}
END_TEST

/* A lock's holder colour is never read as a state: every identity colour of every theme is
 * far from every state colour of that theme (and so are the running activities' swatches,
 * from the states and from each other, in the colour themes). */
START_TEST (test_identity_colours_are_not_states)
{
  for (WeftThemeId id = 0; id < WEFT_N_THEMES; id++)
    {
      const WeftTheme *theme = weft_theme_get (id);
      double min_distinct = id == WEFT_THEME_PRINT ? WEFT_THEME_MIN_DISTINCT_PRINT : WEFT_THEME_MIN_DISTINCT;

      for (guint i = 0; i < WEFT_THEME_N_IDENTITY; i++)
        for (WeftState state = 0; state < WEFT_N_STATES; state++)
          {
            double d = weft_theme_colour_distance (weft_theme_identity (theme, i), &theme->state[state]);

            ck_assert_msg (d >= min_distinct, "%s theme: identity %u is %.1f from the %s colour (at least %.0f)",
                           theme->name, i, d, weft_state_to_string (state), min_distinct);
          }
      /* Owners stay told apart from each other too, where colours can. */
      if (id != WEFT_THEME_PRINT)
        for (guint i = 0; i < WEFT_THEME_N_IDENTITY; i++)
          for (guint j = i + 1; j < WEFT_THEME_N_IDENTITY; j++)
            ck_assert_msg (weft_theme_colour_distance (&theme->identity[i], &theme->identity[j]) >= 15,
                           "%s theme: identities %u and %u look alike", theme->name, i, j);

      ck_assert (weft_theme_activity (theme, 0) == &theme->state[WEFT_STATE_RUNNING]);
      ck_assert (weft_theme_activity (theme, 1) == weft_theme_activity (theme, 1 + WEFT_THEME_N_ACTIVITY));
      if (id == WEFT_THEME_PRINT)
        continue;
      for (guint a = 1; a <= WEFT_THEME_N_ACTIVITY; a++)
        {
          for (WeftState state = 0; state < WEFT_N_STATES; state++)
            ck_assert_msg (weft_theme_colour_distance (weft_theme_activity (theme, a), &theme->state[state]) >=
                           WEFT_THEME_MIN_DISTINCT,
                           "%s theme: activity %u looks like the %s colour", theme->name, a,
                           weft_state_to_string (state));
          for (guint b = a + 1; b <= WEFT_THEME_N_ACTIVITY; b++)
            ck_assert_msg (weft_theme_colour_distance (weft_theme_activity (theme, a),
                                                       weft_theme_activity (theme, b)) >= WEFT_THEME_MIN_DISTINCT,
                           "%s theme: activities %u and %u look alike", theme->name, a, b);
        }
    }
}
END_TEST

/* Without a deadlock, red marks only the stale writes, in the shared variable's lane. */
/* The deadlock reads as a cycle: from each blocked thread's lane, a red vertical arrow to
 * the lane of the thread holding what it waits for, just after the moment it closed; and
 * no red crosses the forks' lanes there, where their words ("1 waiting") are. */
START_TEST (test_deadlock_arrows_cycle)
{
  g_autoptr(WeftModel) model = test_make_deadlocked_model ();
  const WeftTheme *theme = weft_theme_get (WEFT_THEME_LIGHT);
  WeftTimelineView view = { 0 };
  WeftTimelineLayout layout;
  cairo_surface_t *surface;
  const WeftModelEdge *edges;
  guint n_edges;
  guint64 when;
  double xd, right;

  weft_timeline_view_whole (model, &view);
  surface = draw_timeline (model, &view, WEFT_THEME_LIGHT, 1920, 540, NULL);
  weft_timeline_get_layout (model, &view, 1920, 540, &layout);
  ck_assert (weft_model_get_deadlock (model, &when, &edges, &n_edges));
  ck_assert_uint_eq (n_edges, 5);
  xd = layout.plot_x + (weft_model_time_to_axis (model, when) - view.start) /
                       (view.end - view.start) * layout.plot_width;
  right = layout.plot_x + layout.plot_width;

  for (guint i = 0; i < n_edges; i++)
    {
      guint holder = edges[(i + 1) % n_edges].actor;
      double ya = weft_timeline_lane_y (&layout, edges[i].actor) + layout.lane_height / 2;
      double yb = weft_timeline_lane_y (&layout, holder) + layout.lane_height / 2;
      double y0 = MIN (ya, yb) + layout.lane_height * 0.3, y1 = MAX (ya, yb) - layout.lane_height * 0.3;
      gboolean found = FALSE;

      for (int x = (int) ceil (xd) + 2; x < (int) right - 1 && !found; x++)
        {
          gboolean all = TRUE;

          for (int y = (int) ceil (y0); y <= (int) floor (y1) && all; y++)
            all = pixel_is (pixel_at (surface, x, y), &theme->deadlock, 40);
          found = all;
        }
      ck_assert_msg (found, "no arrow from %s to %s after the deadlock",
                     weft_model_get_actor_name (model, edges[i].actor),
                     weft_model_get_actor_name (model, holder));
    }

  /* The forks' lanes, inside their outlines, have no red after the deadlock. */
  for (guint lane = layout.n_thread_lanes; lane < layout.n_lanes; lane++)
    {
      double y = weft_timeline_lane_y (&layout, lane);
      guint n_red = 0;

      for (int py = (int) (y + layout.lane_height * 0.3); py < (int) (y + layout.lane_height * 0.7); py++)
        for (int x = (int) ceil (xd) + 8; x < (int) right - 8; x++)
          if (pixel_is (pixel_at (surface, x, py), &theme->deadlock, 40))
            n_red++;
      ck_assert_msg (n_red == 0, "%u red pixels cross %s's lane", n_red,
                     weft_model_get_object_name (model, weft_model_get_lane_subject (model, lane)));
    }
  if (g_getenv ("WEFT_TEST_SAVE") != NULL)
    cairo_surface_write_to_png (surface, "deadlock-arrows.png");
  cairo_surface_destroy (surface);
}
END_TEST

START_TEST (test_no_deadlock_no_red)
{
  WeftModel *model = get_big_model ();
  const WeftTheme *light = weft_theme_get (WEFT_THEME_LIGHT);
  cairo_surface_t *surface = draw_timeline (model, NULL, WEFT_THEME_LIGHT, 1920, 1080, NULL);
  WeftTimelineView view = { 0 };
  WeftTimelineLayout layout;
  guint shared_lane = weft_model_get_object_lane (model, SYNTHETIC_SHARED);
  double top, bottom;
  guint n_red = 0, n_outside = 0;

  weft_timeline_view_whole (model, &view);
  weft_timeline_get_layout (model, &view, 1920, 1080, &layout);
  top = weft_timeline_lane_y (&layout, shared_lane);
  bottom = top + layout.lane_height;
  for (int y = 0; y < 1080; y++)
    for (int x = 0; x < 1920; x++)
      if (pixel_is (pixel_at (surface, x, y), &light->deadlock, 3))
        {
          n_red++;
          if (y < top - 1 || y > bottom + 1)
            n_outside++;
        }
  ck_assert_msg (n_red > 0, "no stale write is marked");
  ck_assert_msg (n_outside == 0, "%u of %u red pixels are outside the shared lane (%g to %g)",
                 n_outside, n_red, top, bottom);
  cairo_surface_destroy (surface);
}
END_TEST

/* The words a timeline of @width × @height draws at @font_size. */
/* The words drawn on a timeline of @view, recorded. */
static GPtrArray *
timeline_words_in_view (WeftModel              *model,
                        const WeftTimelineView *view,
                        double                  font_size,
                        int                     width,
                        int                     height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  GPtrArray *texts = g_ptr_array_new_with_free_func (weft_recorded_text_free);
  WeftTimelineView v = *view;

  v.font_size = font_size;
  weft_render_record_text (cr, texts);
  weft_timeline_draw (cr, model, weft_theme_get (WEFT_THEME_LIGHT), &v, width, height, NULL);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return texts;
}

/* The words of the whole run's timeline, its type @font_size (0: sized from the frame). */
static GPtrArray *
timeline_words (WeftModel *model,
                double     font_size,
                int        width,
                int        height)
{
  WeftTimelineView view = { 0 };

  weft_timeline_view_whole (model, &view);
  return timeline_words_in_view (model, &view, font_size, width, height);
}

static gboolean
words_contain (GPtrArray  *texts,
               const char *word)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (((WeftRecordedText *) g_ptr_array_index (texts, i))->text, word))
      return TRUE;
  return FALSE;
}

static void
assert_near (double      value,
             double      want,
             double      tolerance)
{
  ck_assert_msg (fabs (value - want) <= tolerance, "%g, not %g", value, want);
}

/* A thousand threads and a thousand locks: all running in the first half; in the second,
 * 300 running and 700 sleeping, and locks 0-599 held, 0-199 with a waiter. */
static WeftModel *
make_crowd_model (void)
{
  WeftModel *model = weft_model_new ();
  const guint64 half = 1000000000, end = 2 * half;

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *name = g_strdup_printf ("Philosopher %u", i + 1);

      weft_model_add_actor (model, name);
    }
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *name = g_strdup_printf ("fork %u", i + 1);

      weft_model_add_object (model, name, WEFT_OBJECT_LOCK, 0, WEFT_QUEUE_FIFO);
    }
  for (guint i = 0; i < 1000; i++)
    test_model_event (model, 1, WEFT_EVENT_STATE, WEFT_STATE_RUNNING, i, WEFT_NONE, 0);
  for (guint i = 0; i < 600; i++)
    test_model_event (model, half, WEFT_EVENT_ACQUIRED, 0, i, i, 1);
  for (guint i = 0; i < 200; i++)
    test_model_event (model, half, WEFT_EVENT_STATE, WEFT_STATE_BLOCKED, 600 + i, i, 0);
  for (guint i = 800; i < 1000; i++)
    test_model_event (model, half, WEFT_EVENT_STATE, WEFT_STATE_SLEEPING, i, WEFT_NONE, 0);
  for (guint i = 300; i < 600; i++)
    test_model_event (model, half, WEFT_EVENT_STATE, WEFT_STATE_SLEEPING, i, WEFT_NONE, 0);
  weft_model_set_end (model, end);
  return model;
}

/* The density band: lanes would be a third of a pixel, so each block starts with a band
 * of how many are in each state (held, waited for), stacked in the states' colours. */
START_TEST (test_density_band)
{
  g_autoptr(WeftModel) model = make_crowd_model ();
  const WeftTheme *theme = weft_theme_get (WEFT_THEME_LIGHT);
  WeftTimelineView view = { 0 };
  WeftTimelineLayout layout;
  cairo_surface_t *surface;
  double mean[WEFT_N_STATES], held, waited;
  double y0, h, x_first, x_second, ry, rh;

  ck_assert (weft_model_get_thread_census (model, 0, 2000000000, mean));
  assert_near (mean[WEFT_STATE_RUNNING], 1000 * 0.5 + 300 * 0.5, 1.0);
  ck_assert (weft_model_get_resource_census (model, 1500000000, 1600000000, &held, &waited));
  assert_near (held, 600, 1e-6);
  assert_near (waited, 200, 1e-6);

  weft_timeline_view_whole (model, &view);
  surface = draw_timeline (model, &view, WEFT_THEME_LIGHT, 1920, 540, NULL);
  if (g_getenv ("WEFT_TEST_SAVE") != NULL)
    cairo_surface_write_to_png (surface, "density-band.png");
  weft_timeline_get_layout (model, &view, 1920, 540, &layout);
  ck_assert (layout.threads_band_height >= 60);
  ck_assert (layout.resources_band_height >= 60);
  ck_assert (layout.lane_height >= 6);

  y0 = layout.lanes_y;
  h = layout.threads_band_height;
  x_first = layout.plot_x + (0.25e9 - view.start) / (view.end - view.start) * layout.plot_width;
  x_second = layout.plot_x + (1.75e9 - view.start) / (view.end - view.start) * layout.plot_width;
  /* First half: running all the way up. */
  for (double f = 0.15; f < 0.9; f += 0.1)
    ck_assert_msg (pixel_is (pixel_at (surface, (int) x_first, (int) (y0 + h * f)),
                             &theme->state[WEFT_STATE_RUNNING], 2), "running at %g of the band", f);
  /* Second half: 500 running at the bottom (30 % + 20 % blocked above them), 500 sleeping
   * on top. */
  ck_assert (pixel_is (pixel_at (surface, (int) x_second, (int) (y0 + h * 0.85)),
                       &theme->state[WEFT_STATE_RUNNING], 2));
  ck_assert (pixel_is (pixel_at (surface, (int) x_second, (int) (y0 + h * 0.15)),
                       &theme->state[WEFT_STATE_SLEEPING], 2));
  ck_assert (!pixel_is (pixel_at (surface, (int) x_second, (int) (y0 + h * 0.6)),
                        &theme->state[WEFT_STATE_RUNNING], 30));
  ck_assert (!pixel_is (pixel_at (surface, (int) x_second, (int) (y0 + h * 0.6)),
                        &theme->state[WEFT_STATE_SLEEPING], 30));

  /* The locks: 600 held of 1000, the bottom 200 with waiters. */
  rh = layout.resources_band_height;
  ry = weft_timeline_lane_y (&layout, layout.n_thread_lanes) - rh;
  ck_assert (pixel_is (pixel_at (surface, (int) x_second, (int) (ry + rh * 0.5)), &theme->held, 2));
  ck_assert (pixel_is (pixel_at (surface, (int) x_second, (int) (ry + rh * 0.2)), &theme->background, 2));
  ck_assert (!pixel_is (pixel_at (surface, (int) x_second, (int) (ry + rh * 0.9)), &theme->held, 30));
  /* …and none held before. */
  ck_assert (pixel_is (pixel_at (surface, (int) x_first, (int) (ry + rh * 0.5)), &theme->background, 2));

  /* Every thread lane drawn is at least a few pixels, and the band is named. */
  {
    g_autoptr(GPtrArray) words = timeline_words (model, 0, 1920, 540);

    ck_assert (words_contain (words, "all 1000 threads"));
    ck_assert (words_contain (words, "all 1000 locks"));
  }
  /* The legend names the band's "held" colour, which no state has, when the timeline is
   * shown and a lock was held; not before, nor with few locks. */
  ck_assert (weft_legend_get_items (model, 0, 0, TRUE, FALSE) & WEFT_LEGEND_HELD);
  ck_assert (weft_legend_get_items (model, 0, 0, TRUE, TRUE) & WEFT_LEGEND_HELD);
  ck_assert (!(weft_legend_get_items (model, 0, 0, FALSE, TRUE) & WEFT_LEGEND_HELD));
  ck_assert (!(weft_legend_get_items (model, view.start, weft_model_time_to_axis (model, 900000000),
                                      TRUE, FALSE) & WEFT_LEGEND_HELD));
  {
    g_autoptr(WeftModel) few = test_make_deadlocked_model ();

    ck_assert (!(weft_legend_get_items (few, 0, 0, TRUE, TRUE) & WEFT_LEGEND_HELD));
  }
  {
    g_autofree char *words = weft_legend_describe (WEFT_LEGEND_HELD);

    ck_assert_str_eq (words, "held");
  }
  cairo_surface_destroy (surface);
}
END_TEST

/* Two writes too close for both numbers (the bank's race: 1000, then 7000 over it a few
 * microseconds later): the lane says the value that stays, the last, never only the one
 * it replaced. */
START_TEST (test_close_writes_show_the_last_value)
{
  g_autoptr(WeftModel) model = weft_model_new ();
  guint a = weft_model_add_actor (model, "Depositor");
  guint b = weft_model_add_actor (model, "Withdrawer");
  guint x = weft_model_add_object (model, "balance", WEFT_OBJECT_SHARED, 2000, WEFT_QUEUE_FIFO);
  g_autoptr(GPtrArray) words = NULL;

  test_model_event (model, 0, WEFT_EVENT_RUN_START, 0, WEFT_NONE, WEFT_NONE, WEFT_MODE_RUN);
  test_model_event (model, 1000, WEFT_EVENT_READ, 0, a, x, 2000);
  test_model_event (model, 2000, WEFT_EVENT_READ, 0, b, x, 2000);
  test_model_event (model, 300000000, WEFT_EVENT_WRITE, 0, b, x, 1000);
  test_model_event (model, 300500000, WEFT_EVENT_WRITE, 1, a, x, 7000);
  weft_model_set_end (model, 320000000);

  words = timeline_words (model, 0, 960, 300);
  ck_assert (words_contain (words, "7000"));
  ck_assert (words_contain (words, "2000"));
}
END_TEST

/* The words of a timeline over [@start, @end) of its axis. */
static GPtrArray *
timeline_words_in (WeftModel *model,
                   double     start,
                   double     end,
                   int        width,
                   int        height)
{
  WeftTimelineView view = { 0 };

  view.start = start;
  view.end = end;
  return timeline_words_in_view (model, &view, 0, width, height);
}

static guint
count_value_marks (GPtrArray *texts)
{
  guint n = 0;

  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = ((WeftRecordedText *) g_ptr_array_index (texts, i))->text;

      n += g_str_has_prefix (text, "R ") || g_str_has_prefix (text, "W ");
    }
  return n;
}

/* A thread that reads and writes a value 400 times: zoomed out, its marks would be packed
 * edge to edge (and cost a dense run's frame a third of its time), so the lane shows none;
 * zoomed in on a few, they are back; the bank's four are always there. */
START_TEST (test_value_marks_by_density)
{
  g_autoptr(WeftModel) model = weft_model_new ();
  g_autoptr(WeftModel) bank = make_bank_lost_update_model ();
  guint a = weft_model_add_actor (model, "Counter");
  guint x = weft_model_add_object (model, "count", WEFT_OBJECT_SHARED, 0, WEFT_QUEUE_FIFO);
  g_autoptr(GPtrArray) whole = NULL;
  g_autoptr(GPtrArray) zoomed = NULL;
  g_autoptr(GPtrArray) bank_words = NULL;

  test_model_event (model, 0, WEFT_EVENT_RUN_START, 0, WEFT_NONE, WEFT_NONE, WEFT_MODE_RUN);
  test_model_event (model, 1, WEFT_EVENT_STATE, WEFT_STATE_RUNNING, a, WEFT_NONE, 0);
  for (guint i = 0; i < 200; i++)
    {
      test_model_event (model, 1000000 * (guint64) i + 10, WEFT_EVENT_READ, 0, a, x, (gint32) i);
      test_model_event (model, 1000000 * (guint64) i + 500000, WEFT_EVENT_WRITE, 0, a, x, (gint32) i + 1);
    }
  weft_model_set_end (model, 200000000);

  whole = timeline_words_in (model, 0, 200000000, 1280, 300);
  ck_assert_uint_eq (count_value_marks (whole), 0);
  zoomed = timeline_words_in (model, 0, 4000000, 1280, 300);
  ck_assert_uint_ge (count_value_marks (zoomed), 4);
  bank_words = timeline_words (bank, 0, 1280, 400);
  ck_assert_uint_eq (count_value_marks (bank_words), 4);

  /* And their words are seen: ink of the text's colour inside each mark (they were once
   * drawn in the background's colour, white on white). */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 400);
    cairo_t *cr = cairo_create (surface);
    g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (weft_recorded_text_free);
    const WeftTheme *theme = weft_theme_get (WEFT_THEME_LIGHT);
    WeftTimelineView view = { 0 };
    guint n_marks = 0;

    weft_timeline_view_whole (bank, &view);
    weft_render_record_text (cr, texts);
    weft_timeline_draw (cr, bank, theme, &view, 1280, 400, NULL);
    cairo_destroy (cr);
    cairo_surface_flush (surface);
    for (guint i = 0; i < texts->len; i++)
      {
        const WeftRecordedText *t = g_ptr_array_index (texts, i);
        guint ink = 0;

        if (!g_str_has_prefix (t->text, "R ") && !g_str_has_prefix (t->text, "W "))
          continue;
        n_marks++;
        for (int py = (int) t->y; py < (int) (t->y + t->size * 1.2) && py < 400; py++)
          for (int px = (int) t->x; px < (int) (t->x + t->size * 3) && px < 1280; px++)
            ink += pixel_is (pixel_at (surface, px, py), &theme->text, 90) ||
                   pixel_is (pixel_at (surface, px, py), &theme->waiting, 90);
        ck_assert_msg (ink > 10, "the mark \"%s\" has no ink (%u pixels)", t->text, ink);
      }
    ck_assert_uint_eq (n_marks, 4);
    cairo_surface_destroy (surface);
  }
}
END_TEST

/* History dropped under the trace's memory cap is drawn and said, never silently a
 * different run: "history before 1.5 s dropped: 98000000 events" over a tinted region. */
START_TEST (test_dropped_history_is_said)
{
  g_autoptr(WeftModel) model = test_synthetic_model (20000, 3);
  g_autoptr(GPtrArray) words = NULL;
  gboolean said = FALSE;

  words = timeline_words (model, 0, 1280, 400);
  for (guint i = 0; i < words->len; i++)
    said |= strstr (((WeftRecordedText *) g_ptr_array_index (words, i))->text, "dropped") != NULL;
  ck_assert (!said);

  weft_model_set_forgotten (model, weft_model_get_end_ns (model) / 4, 98000000);
  g_clear_pointer (&words, g_ptr_array_unref);
  words = timeline_words (model, 0, 1280, 400);
  for (guint i = 0; i < words->len; i++)
    {
      const char *text = ((WeftRecordedText *) g_ptr_array_index (words, i))->text;

      if (strstr (text, "dropped") != NULL)
        {
          ck_assert_msg (strstr (text, "98000000") != NULL, "%s", text);
          said = TRUE;
        }
    }
  ck_assert_msg (said, "the dropped history is not said");

  /* Nothing is drawn in the dropped time: no bar claims a state nobody saw there (the
   * model may keep a few spans from it, forgetting in blocks). The same region of the
   * same model with nothing dropped has bars. */
  {
    g_autoptr(WeftModel) whole = test_synthetic_model (20000, 3);
    const WeftTheme *theme = weft_theme_get (WEFT_THEME_LIGHT);
    WeftTimelineView view = { 0 };
    guint n_bars[2] = { 0, 0 };

    /* The same view of both: "whole" of the cut model starts at the cut. */
    weft_timeline_view_whole (model, &view);
    ck_assert_double_eq_tol (view.start, weft_model_time_to_axis (model, weft_model_get_end_ns (model) / 4), 1e-6);
    weft_timeline_view_whole (whole, &view);
    for (guint k = 0; k < 2; k++)
      {
        WeftModel *m = k == 0 ? whole : model;
        cairo_surface_t *surface;

        surface = draw_timeline (m, &view, WEFT_THEME_LIGHT, 1280, 400, NULL);
        for (int px = 1280 * 10 / 100; px < 1280 * 25 / 100; px += 2)
          for (int py = 400 * 10 / 100; py < 400 * 80 / 100; py += 2)
            n_bars[k] += pixel_is (pixel_at (surface, px, py), &theme->state[WEFT_STATE_RUNNING], 30);
        if (k == 1 && g_getenv ("WEFT_TEST_SAVE") != NULL)
          cairo_surface_write_to_png (surface, "dropped-history.png");
        cairo_surface_destroy (surface);
      }
    ck_assert_msg (n_bars[0] > 50, "the check region has no bars to begin with (%u)", n_bars[0]);
    ck_assert_msg (n_bars[1] == 0, "%u bar pixels in the dropped time", n_bars[1]);
  }
  if (g_getenv ("WEFT_TEST_SAVE") != NULL)
    {
      WeftTimelineView view = { 0 };
      cairo_surface_t *surface;

      weft_timeline_view_whole (model, &view);
      surface = draw_timeline (model, &view, WEFT_THEME_LIGHT, 1280, 400, NULL);
      cairo_surface_write_to_png (surface, "dropped-history.png");
      cairo_surface_destroy (surface);
    }
}
END_TEST

/* A short timeline with large text (a 2× screen, the text size at 250 %): every lane
 * keeps its name, the type shrinking to fit, never below a floor (names used to drop out
 * every other lane). */
START_TEST (test_every_lane_named_in_a_short_timeline)
{
  g_autoptr(WeftModel) model = test_make_deadlocked_model ();
  static const struct { double font_size; int height; } cases[] = {
    { 14, 200 }, { 35, 300 }, { 28, 200 }, { 14, 1080 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GPtrArray) texts = timeline_words (model, cases[c].font_size, 960, cases[c].height);
      double smallest = G_MAXDOUBLE;

      for (guint lane = 0; lane < weft_model_get_n_lanes (model); lane++)
        {
          const char *name = lane < weft_model_get_n_actors (model)
            ? weft_model_get_actor_name (model, lane)
            : weft_model_get_object_name (model, weft_model_get_lane_subject (model, lane));

          ck_assert_msg (words_contain (texts, name), "%g px in %d px high: lane “%s” has no name",
                         cases[c].font_size, cases[c].height, name);
        }
      for (guint i = 0; i < texts->len; i++)
        smallest = MIN (smallest, ((WeftRecordedText *) g_ptr_array_index (texts, i))->size);
      ck_assert_double_ge (smallest, 10.0 * 0.85 - 0.01);
    }
}
END_TEST

/* Text costs nothing per frame: with a text cache, a frame that draws what the last one
 * drew shapes no text at all, and draws exactly the pixels a frame without a cache draws
 * (the window and an export agree). Without one, every word is shaped every frame. */
START_TEST (test_unchanged_frame_shapes_no_text)
{
  g_autoptr(WeftModel) deadlocked = test_make_deadlocked_model ();
  g_autoptr(WeftModel) bank = make_bank_lost_update_model ();
  WeftModel *models[] = { deadlocked, bank, get_big_model () };

  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    {
      g_autoptr(WeftTextCache) cache = weft_text_cache_new ();
      WeftTimelineView view = { 0, 0, TRUE, 0, NULL };
      WeftRenderStats first = { 0 }, second = { 0 }, plain = { 0 }, panned = { 0 };
      cairo_surface_t *cached_surface, *plain_surface;
      int stride;

      weft_timeline_view_whole (models[m], &view);
      plain_surface = draw_timeline (models[m], &view, WEFT_THEME_LIGHT, 1280, 720, &plain);
      ck_assert_uint_gt (plain.n_shaped, 5);

      view.text_cache = cache;
      cairo_surface_destroy (draw_timeline (models[m], &view, WEFT_THEME_LIGHT, 1280, 720, &first));
      ck_assert_uint_gt (first.n_shaped, 5);
      ck_assert_uint_gt (weft_text_cache_get_size (cache), 5);
      cached_surface = draw_timeline (models[m], &view, WEFT_THEME_LIGHT, 1280, 720, &second);
      ck_assert_msg (second.n_shaped == 0, "model %u: an unchanged frame shaped %u layouts (%u the first time)",
                     m, second.n_shaped, first.n_shaped);
      ck_assert_uint_eq (second.n_labels, plain.n_labels);

      /* Same pixels as without the cache. */
      stride = cairo_image_surface_get_stride (plain_surface);
      ck_assert_int_eq (stride, cairo_image_surface_get_stride (cached_surface));
      ck_assert_msg (memcmp (cairo_image_surface_get_data (plain_surface),
                             cairo_image_surface_get_data (cached_surface),
                             (size_t) stride * 720) == 0,
                     "model %u: the cached frame differs from the plain one", m);

      /* A small pan brings at most a few new words (the axis' new ticks). */
      {
        double shift = (view.end - view.start) * 0.02;

        view.start += shift;
        view.end += shift;
      }
      cairo_surface_destroy (draw_timeline (models[m], &view, WEFT_THEME_LIGHT, 1280, 720, &panned));
      ck_assert_uint_le (panned.n_shaped, 6);
      ck_assert_uint_lt (panned.n_shaped, first.n_shaped);

      cairo_surface_destroy (plain_surface);
      cairo_surface_destroy (cached_surface);
    }
}
END_TEST

/* The cache tells layouts apart by everything a caller sets on its style: the same words
 * in the same font, centred or not, wrapped or cut, in two lines or one, are different
 * layouts (the scene centres a box's second line and lets it take two lines). */
START_TEST (test_text_cache_keys)
{
  g_autoptr(WeftTextCache) cache = weft_text_cache_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 100);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = weft_text_cache_begin_frame (cache, cr);
  const WeftTheme *theme = weft_theme_get (WEFT_THEME_LIGHT);
  g_autoptr(PangoLayout) style = weft_render_create_layout_in (context, theme, 14, FALSE);
  const char *text = "expected: 6000 · lost update";
  PangoLayout *left, *centred, *again;

  pango_layout_set_width (style, 120 * PANGO_SCALE);
  left = weft_text_cache_layout (cache, style, text, NULL, NULL, NULL);
  ck_assert_int_eq (pango_layout_get_alignment (left), PANGO_ALIGN_LEFT);
  pango_layout_set_alignment (style, PANGO_ALIGN_CENTER);
  centred = weft_text_cache_layout (cache, style, text, NULL, NULL, NULL);
  ck_assert_ptr_ne (centred, left);
  ck_assert_int_eq (pango_layout_get_alignment (centred), PANGO_ALIGN_CENTER);
  ck_assert_ptr_eq (weft_text_cache_layout (cache, style, text, NULL, NULL, NULL), centred);

  pango_layout_set_height (style, -2);
  again = weft_text_cache_layout (cache, style, text, NULL, NULL, NULL);
  ck_assert_ptr_ne (again, centred);
  ck_assert_int_eq (pango_layout_get_height (again), -2);
  pango_layout_set_ellipsize (style, PANGO_ELLIPSIZE_END);
  ck_assert_ptr_ne (weft_text_cache_layout (cache, style, text, NULL, NULL, NULL), again);
  pango_layout_set_wrap (style, PANGO_WRAP_CHAR);
  ck_assert_int_eq (pango_layout_get_wrap (weft_text_cache_layout (cache, style, text, NULL, NULL, NULL)),
                    PANGO_WRAP_CHAR);
  ck_assert_uint_eq (weft_text_cache_get_size (cache), 5);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}
END_TEST

/* A frame drawn again and again takes no page fault: the frame's own arrays are kept
 * from frame to frame, and cairo's temporary blocks (a shared variable's lane is a cairo
 * fill) come from the heap as weft and weft-cli set it (weft_malloc_init(), called by
 * main() below as by theirs). A fresh page costs a fault of 13 µs on a VM. */
START_TEST (test_repeated_frame_faults_nothing)
{
  WeftModel *model = get_big_model ();
  const WeftTheme *theme = weft_theme_get (WEFT_THEME_LIGHT);
  WeftTimelineView view = { 0 };
  WeftRenderStats stats = { 0 };
  cairo_surface_t *surface;
  cairo_t *cr;
  glong faults[4];

  weft_timeline_view_whole (model, &view);
  view.show_flows = TRUE;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 540);
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      glong before;

      cr = cairo_create (surface);
      weft_theme_set_source (cr, &theme->background);
      cairo_paint (cr);
      before = test_minor_faults (RUSAGE_SELF);
      weft_timeline_draw (cr, model, theme, &view, 1920, 540, &stats);
      faults[i] = test_minor_faults (RUSAGE_SELF) - before;
      ck_assert_int_eq (cairo_status (cr), CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
    }
  cairo_surface_destroy (surface);
  /* The first two frames fill pango's, cairo's and pixman's caches. */
  ck_assert_msg (faults[2] + faults[3] <= 4, "frames 1 to 4 took %ld, %ld, %ld, %ld page faults",
                 faults[0], faults[1], faults[2], faults[3]);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("render");
  int status;

  /* As weft and weft-cli set it (weft-malloc.c), before anything is allocated. */
  weft_malloc_init ();
  setlocale (LC_ALL, "C");
  /* Built before the tests fork, so that each does not build it again. */
  get_big_model ();

  test_add_case (suite, "million-events-whole-run", test_million_events_whole_run);
  test_add_case (suite, "million-events-zoomed", test_million_events_zoomed);
  test_add_case (suite, "primitives-follow-pixels-not-events", test_primitives_follow_pixels_not_events);
  test_add_case (suite, "timeline-stays-in-its-box", test_timeline_stays_in_its_box);
  test_add_case (suite, "lane-hit-test", test_lane_hit_test);
  test_add_case (suite, "axis-round-trip", test_axis_round_trip);
  test_add_case (suite, "print-theme-is-grey", test_print_theme_is_grey);
  test_add_case (suite, "light-theme-has-colour", test_light_theme_has_colour);
  test_add_case (suite, "deadlock-page-views", test_deadlock_page_views);
  test_add_case (suite, "no-deadlock-no-red", test_no_deadlock_no_red);
  test_add_case (suite, "deadlock-arrows-cycle", test_deadlock_arrows_cycle);
  test_add_case (suite, "density-band", test_density_band);
  test_add_case (suite, "close-writes-show-the-last-value", test_close_writes_show_the_last_value);
  test_add_case (suite, "value-marks-by-density", test_value_marks_by_density);
  test_add_case (suite, "dropped-history-is-said", test_dropped_history_is_said);
  test_add_case (suite, "every-lane-named-in-a-short-timeline", test_every_lane_named_in_a_short_timeline);
  test_add_case (suite, "unchanged-frame-shapes-no-text", test_unchanged_frame_shapes_no_text);
  test_add_case (suite, "text-cache-keys", test_text_cache_keys);
  test_add_case (suite, "legend-lists-what-the-run-shows", test_legend_lists_what_the_run_shows);
  test_add_case (suite, "legend-words-on-the-page", test_legend_words_on_the_page);
  test_add_case (suite, "legend-wraps", test_legend_wraps);
  test_add_case (suite, "colour-distance", test_colour_distance);
  test_add_case (suite, "identity-colours-are-not-states", test_identity_colours_are_not_states);
  /* A sanitizer's allocator ignores the settings and its shadow memory faults. */
  if (!TEST_SANITIZED)
    test_add_case (suite, "repeated-frame-faults-nothing", test_repeated_frame_faults_nothing);

  status = test_run_suite (suite);
  g_clear_pointer (&big_model, weft_model_unref);
  return status;
}
