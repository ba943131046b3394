/* weft-timeline-layout.c — where things are in a timeline of a given size: the label
 * column, the lanes (all of them, every n-th, or thinned under density bands), the gap
 * between the threads and the resources, the axis; the type size that names every lane;
 * and the lane at a height, the time at an x, for the window's hit tests.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "weft-timeline-private.h"

/* A lane name needs its line and a little more (see weft_timeline_draw_lane_names()); the
 * words inside a bar need a lane BAR_WORDS_ROOM times the type size. */
#define NAME_ROOM 1.05
/* Below this many pixels a lane (were all drawn), the big blocks get a density band. */
#define BAND_MIN_LANE 4.0
/* …and the lanes drawn under the bands are at least this high. */
#define BAND_LANE 12.0

/* Lane names shrink to fit their lanes down to this size, rather than drop out. */
#define MIN_LANE_FONT_SIZE 10.0

static void
layout_with_font (WeftModel          *model,
                  WeftTextCache      *cache,
                  double              font_size,
                  double              width,
                  double              height,
                  WeftTimelineLayout *layout);

/* Every lane drawn but too thin for a line of text at the asked size (a short pane,
 * large text, a 2× screen): the type shrinks to fit them, to a floor, so that no thread
 * loses its name nor its bars their words. When lanes are thinned (hundreds of threads),
 * names already go. */
void
weft_timeline_get_layout (WeftModel              *model,
                          const WeftTimelineView *view,
                          double                  width,
                          double                  height,
                          WeftTimelineLayout     *layout)
{
  double font_size = view != NULL && view->font_size > 0 ? view->font_size
                                                         : weft_render_font_size (width, height);
  WeftTextCache *cache = view != NULL ? view->text_cache : NULL;

  layout_with_font (model, cache, font_size, width, height, layout);
  for (int attempt = 0; attempt < 3; attempt++)
    {
      double fitted;

      double room = MAX (layout->line_height * NAME_ROOM, layout->font_size * BAR_WORDS_ROOM);

      if (layout->stride != 1 || layout->stride_resources != 1 || layout->lane_height >= room)
        break;
      fitted = MAX (MIN_LANE_FONT_SIZE, floor (layout->font_size * layout->lane_height / room));
      if (fitted >= layout->font_size)
        break;
      layout_with_font (model, cache, fitted, width, height, layout);
    }
}

/* @label's width in @text, measured once per cache. */
static int
measure (WeftTextCache *cache,
         PangoLayout   *text,
         const char    *label)
{
  int w;

  weft_text_cache_layout (cache, text, label, &w, NULL, NULL);
  return w;
}

static void
layout_with_font (WeftModel          *model,
                  WeftTextCache      *cache,
                  double              font_size,
                  double              width,
                  double              height,
                  WeftTimelineLayout *layout)
{
  guint n_lanes = weft_model_get_n_lanes (model);
  guint n_threads = weft_model_get_n_actors (model);
  const WeftTheme *theme = weft_theme_get (WEFT_THEME_LIGHT);
  /* With a cache, measured in its context, and each name measured once. */
  PangoLayout *text = cache != NULL
                        ? weft_render_create_layout_in (weft_text_cache_get_measure_context (cache),
                                                        theme, font_size, FALSE)
                        : NULL;
  cairo_surface_t *scratch = NULL;
  cairo_t *cr = NULL;
  double widest = 0;
  double available;
  guint shown;

  if (text == NULL)
    {
      scratch = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
      cr = cairo_create (scratch);
      text = weft_render_create_layout (cr, theme, font_size, FALSE);
    }
  memset (layout, 0, sizeof *layout);
  layout->font_size = font_size;
  layout->n_lanes = n_lanes;
  layout->n_thread_lanes = MIN (n_threads, n_lanes);

  /* The label column fits the longest name, within a quarter of the width. Measuring
   * every name of a thousand lanes each frame would cost more than drawing them: only the
   * names longest in characters are measured. */
  {
    gsize longest = 0;

    for (guint i = 0; i < n_lanes; i++)
      longest = MAX (longest, strlen (lane_label (model, i)));
    /* Up to 16 names of each of the three longest lengths. */
    for (gsize length = longest; length + 3 > longest && length > 0; length--)
      for (guint i = 0, n_measured = 0; i < n_lanes && n_measured < 16; i++)
        {
          const char *label = lane_label (model, i);

          if (strlen (label) != length)
            continue;
          widest = MAX (widest, measure (cache, text, label));
          n_measured++;
        }
  }
  widest = MAX (widest, measure (cache, text, _("step")));
  {
    int line_h;

    weft_text_cache_layout (cache, text, "Ag", NULL, &line_h, NULL);
    layout->line_height = line_h;
  }
  layout->label_width = ceil (MIN (widest + font_size * 1.0, width * 0.25));
  layout->plot_x = layout->label_width;
  layout->plot_width = MAX (1.0, width - layout->plot_x);

  layout->axis_height = ceil (font_size * 2.2);
  layout->axis_y = height - layout->axis_height;
  /* A strip on top for the deadlock's label, so it never covers a lane's words. */
  layout->lanes_y = weft_model_get_deadlock (model, NULL, NULL, NULL) ? ceil (font_size * 1.5) : 0;
  layout->gap = n_lanes > layout->n_thread_lanes ? ceil (font_size * 0.6) : 0;
  available = MAX (1.0, layout->axis_y - layout->lanes_y - layout->gap);

  /* Lanes thinner than a few pixels are noise: a density band on top of each big block
   * says how many are in each state, and the thinned lanes below show a few of them. */
  if ((double) n_lanes * BAND_MIN_LANE > available)
    {
      double mean[WEFT_N_STATES];
      gboolean threads = weft_model_get_thread_census (model, 0, 0, mean);
      gboolean resources = weft_model_get_resource_census (model, 0, 0, NULL, NULL);
      double share = threads && resources ? 0.3 : 0.4;

      if (threads)
        layout->threads_band_height = floor (available * share);
      if (resources)
        layout->resources_band_height = floor (available * share);
      available = MAX (1.0, available - layout->threads_band_height - layout->resources_band_height);
    }

  /* Below two pixels a lane, only every stride-th of each block is drawn. The resource
   * lanes of the kinds with few lanes come first (see the model) and are always drawn,
   * when they are few: only the last, biggest kind is thinned. */
  {
    guint nt = layout->n_thread_lanes, nr = n_lanes - nt;
    /* With a band, the thinned lanes are a sample to read: a few pixels each. */
    double min_lane = layout->threads_band_height + layout->resources_band_height > 0
                        ? MAX (BAND_LANE, floor (font_size * 0.9)) : 2.0;
    guint rows = MAX (2u, (guint) (available / min_lane));
    guint n_last = 0;

    for (guint lane = n_lanes; lane > nt &&
         weft_model_get_lane_kind (model, lane - 1) == weft_model_get_lane_kind (model, n_lanes - 1);
         lane--)
      n_last++;

    layout->stride = layout->stride_resources = 1;
    layout->n_whole = nr;
    if (nt + nr > rows)
      {
        guint whole = nr - n_last <= 16 ? nr - n_last : 0;
        guint thinned = nr - whole;
        guint s = 1;

        if (thinned <= 8 && nr < rows)
          {
            whole = nr;
            thinned = 0;
          }
        layout->n_whole = whole;
        if (rows <= whole + 1)
          rows = whole + 2;
        while ((nt + s - 1) / s + whole + (thinned + s - 1) / s > rows)
          s++;
        layout->stride = layout->stride_resources = s;
        /* Few threads among many resources (or the reverse): thin only the big block. */
        if (thinned == 0)
          {
            layout->stride_resources = 1;
            for (s = 1; (nt + s - 1) / s + whole > rows; s++)
              ;
            layout->stride = s;
          }
      }
    shown = MAX (1u, (nt + layout->stride - 1) / layout->stride + layout->n_whole +
                     (nr - layout->n_whole + layout->stride_resources - 1) / layout->stride_resources);
  }

  /* Lanes are at most four lines high. A block of few lanes is centred vertically, with
   * the axis right under it, rather than left at the top of an empty area. */
  layout->lane_height = MIN (available / shown, font_size * 4.0);
  {
    double used = shown * layout->lane_height + layout->threads_band_height +
                  layout->resources_band_height;
    double spare = available - used;

    if (spare > 1.0)
      {
        layout->lanes_y += floor (spare / 2);
        layout->axis_y = layout->lanes_y + layout->gap + used;
      }
  }
  g_object_unref (text);
  g_clear_pointer (&cr, cairo_destroy);
  g_clear_pointer (&scratch, cairo_surface_destroy);
}

double
weft_timeline_lane_y (const WeftTimelineLayout *layout,
                      guint                     lane)
{
  guint nt = layout->n_thread_lanes;
  guint j, row;

  if (lane >= layout->n_lanes)
    return -1;
  if (lane < nt)
    {
      if (lane % layout->stride != 0)
        return -1;
      return threads_top (layout) + (lane / layout->stride) * layout->lane_height;
    }
  j = lane - nt;
  if (j < layout->n_whole)
    row = j;
  else if ((j - layout->n_whole) % layout->stride_resources == 0)
    row = layout->n_whole + (j - layout->n_whole) / layout->stride_resources;
  else
    return -1;
  return resources_top (layout) + row * layout->lane_height;
}

guint
weft_timeline_next_lane (const WeftTimelineLayout *layout,
                         guint                     lane)
{
  guint nt = layout->n_thread_lanes;

  if (lane < nt)
    {
      lane += layout->stride;
      return lane < nt ? lane : nt;
    }
  if (lane - nt + 1 <= layout->n_whole)
    return lane + 1;
  return lane + layout->stride_resources;
}

int
weft_timeline_lane_at (const WeftTimelineLayout *layout,
                       double                    y)
{
  double threads_end = threads_bottom (layout);
  guint lane;

  if (y < threads_top (layout) || y >= layout->axis_y)
    return -1;
  if (y < threads_end)
    lane = (guint) floor ((y - threads_top (layout)) / layout->lane_height) * layout->stride;
  else
    {
      guint row;

      if (y < resources_top (layout))
        return -1;
      row = (guint) floor ((y - resources_top (layout)) / layout->lane_height);
      lane = layout->n_thread_lanes +
             (row < layout->n_whole ? row
                                    : layout->n_whole + (row - layout->n_whole) * layout->stride_resources);
    }
  if (lane >= layout->n_lanes)
    return -1;
  return (int) lane;
}

double
weft_timeline_axis_at (const WeftTimelineLayout *layout,
                       const WeftTimelineView   *view,
                       double                    x)
{
  return view->start + (x - layout->plot_x) * (view->end - view->start) / layout->plot_width;
}

void
weft_timeline_view_whole (WeftModel        *model,
                          WeftTimelineView *view)
{
  double start = weft_model_get_axis_start (model);
  double end = weft_model_get_axis_end (model);
  guint64 forgotten = weft_model_get_forgotten (model, NULL);

  /* Where history was dropped, "whole" is what is known: a dense run's window shows its
   * last moments, not seconds of tint (the timeline says what was dropped before). */
  if (forgotten > 0)
    start = CLAMP (weft_model_time_to_axis (model, forgotten), start, end);

  /* Room after the end: for the last value's words, and after a deadlock for the frozen
   * lanes and the cycle's arrows. */
  if (weft_model_get_deadlock (model, NULL, NULL, NULL))
    end += (end - start) * 0.04;
  else
    end += (end - start) * 0.06;
  view->start = start;
  view->end = end;
}
