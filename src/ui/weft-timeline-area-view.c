/* weft-timeline-area-view.c — the timeline's window on the model's axis: its limits (the
 * narrowest view, the whole run), following the live edge and the change of axis when a
 * free run is paused and stepped, and zooming and panning, whatever asked for them (the
 * buttons, the wheel, a drag).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "weft-timeline-area-private.h"

/* The narrowest view: a microsecond of a run, one step of a stepped run. Narrower shows
 * nothing the model can tell apart. */
#define MIN_SPAN_NS    1000.0
#define MIN_SPAN_STEPS 1.0

static double
min_span (WeftTimelineArea *self)
{
  guint n_parts;
  const WeftModelFreePart *parts;
  double span = MIN_SPAN_STEPS;

  if (weft_model_get_mode (self->model) != WEFT_MODE_STEP)
    return MIN_SPAN_NS;
  /* A stepped run let go: the free part is drawn in time, and zooms in as far as a run's. */
  parts = weft_model_get_free_parts (self->model, &n_parts);
  for (guint i = 0; i < n_parts; i++)
    if (parts[i].end_ns > parts[i].start_ns)
      span = MIN (span, MIN_SPAN_NS * (parts[i].axis_end - parts[i].axis_start) /
                          (parts[i].end_ns - parts[i].start_ns));
  return span;
}

/* The whole run, as weft_timeline_view_whole() frames it, and never narrower than the
 * narrowest view (a run that has just started spans nothing yet). */
void
weft_timeline_area_get_whole (WeftTimelineArea *self,
                              WeftTimelineView *whole)
{
  *whole = self->view;
  weft_timeline_view_whole (self->model, whole);
  if (whole->end - whole->start < min_span (self))
    whole->end = whole->start + min_span (self);
}

/* @span, between the narrowest view and the whole run. */
static double
clamp_span (WeftTimelineArea *self,
            double            span)
{
  WeftTimelineView whole;

  weft_timeline_area_get_whole (self, &whole);
  return CLAMP (span, min_span (self), whole.end - whole.start);
}

/* Sets the view to start at @start and last @span, within the run: the span clamped, the
 * start moved so the view stays on the run. */
void
weft_timeline_area_set_view (WeftTimelineArea *self,
                             double            start,
                             double            span)
{
  WeftTimelineView whole;

  weft_timeline_area_get_whole (self, &whole);
  span = clamp_span (self, span);
  start = CLAMP (start, whole.start, whole.end - span);
  self->view.start = start;
  self->view.end = start + span;
}

double
weft_timeline_area_view_span (WeftTimelineArea *self)
{
  return self->view.end - self->view.start;
}

/* Whether @span is as wide as the whole run may be. */
gboolean
weft_timeline_area_spans_whole (WeftTimelineArea *self,
                                double            span)
{
  WeftTimelineView whole;

  weft_timeline_area_get_whole (self, &whole);
  return span >= (whole.end - whole.start) * (1 - 1e-9);
}

void
weft_timeline_area_move_to_live_edge (WeftTimelineArea *self)
{
  if (self->fit)
    weft_timeline_area_get_whole (self, &self->view);
  else
    {
      double span = weft_timeline_area_view_span (self);

      weft_timeline_area_set_view (self, weft_model_get_axis_end (self->model) - span, span);
    }
}

/* A free run paused and stepped: the model's axis changes from time to steps. The view
 * keeps showing the same moments (a following view is placed again below). */
void
weft_timeline_area_follow_axis_change (WeftTimelineArea *self)
{
  WeftMode mode = weft_model_get_mode (self->model);

  if (mode == self->axis_mode)
    return;
  if (self->axis_mode == WEFT_MODE_RUN)
    {
      self->view.start = weft_model_time_to_axis (self->model, (guint64) MAX (self->view.start, 0));
      self->view.end = weft_model_time_to_axis (self->model, (guint64) MAX (self->view.end, 0));
    }
  else
    {
      self->view.start = (double) weft_model_axis_to_time (self->model, self->view.start);
      self->view.end = (double) weft_model_axis_to_time (self->model, self->view.end);
    }
  self->axis_mode = mode;
  if (self->view.end <= self->view.start)
    weft_timeline_area_get_whole (self, &self->view);
}

double
weft_timeline_area_screen_font_size (WeftTimelineArea *self,
                                     int               width,
                                     int               height)
{
  return MAX (weft_render_font_size (width, height), SCREEN_MIN_FONT_SIZE) * self->text_scale;
}

/* The buttons' zoom: around the view's centre, or on the live edge while following (the
 * live end stays in view, and following goes on). */
void
weft_timeline_area_zoom_by (WeftTimelineArea *self,
                            double            factor)
{
  double span;

  if (self->model == NULL)
    return;

  /* Clamped first, so that the anchor (the live edge, the centre) stays put at the
   * zoom's limits. */
  span = clamp_span (self, weft_timeline_area_view_span (self) * factor);
  if (self->follow_live)
    {
      self->fit = weft_timeline_area_spans_whole (self, span);
      if (self->fit)
        weft_timeline_area_get_whole (self, &self->view);
      else
        weft_timeline_area_set_view (self, weft_model_get_axis_end (self->model) - span, span);
    }
  else
    {
      double centre = (self->view.start + self->view.end) / 2;

      weft_timeline_area_set_view (self, centre - span / 2, span);
    }
  weft_timeline_area_view_changed (self);
}

void
weft_timeline_area_zoom_at (WeftTimelineArea *self,
                            double            x,
                            double            factor)
{
  WeftTimelineLayout layout;
  double anchor, fraction, span;

  g_return_if_fail (WEFT_IS_TIMELINE_AREA (self));
  g_return_if_fail (factor > 0);

  if (!weft_timeline_area_get_layout (self, &layout))
    return;

  weft_timeline_area_stop_following (self);
  x = CLAMP (x, layout.plot_x, layout.plot_x + layout.plot_width);
  anchor = weft_timeline_axis_at (&layout, &self->view, x);
  fraction = (anchor - self->view.start) / weft_timeline_area_view_span (self);
  /* Clamped first, so the moment under the pointer stays under it at the zoom's limits. */
  span = clamp_span (self, weft_timeline_area_view_span (self) * factor);
  weft_timeline_area_set_view (self, anchor - fraction * span, span);
  weft_timeline_area_view_changed (self);
}

void
weft_timeline_area_pan_by (WeftTimelineArea *self,
                           double            dx)
{
  WeftTimelineLayout layout;
  double span;

  g_return_if_fail (WEFT_IS_TIMELINE_AREA (self));

  if (!weft_timeline_area_get_layout (self, &layout))
    return;
  weft_timeline_area_stop_following (self);
  span = weft_timeline_area_view_span (self);
  weft_timeline_area_set_view (self, self->view.start + dx * span / layout.plot_width, span);
  weft_timeline_area_view_changed (self);
}

gboolean
weft_timeline_area_get_layout (WeftTimelineArea   *self,
                               WeftTimelineLayout *layout)
{
  int width, height;

  g_return_val_if_fail (WEFT_IS_TIMELINE_AREA (self), FALSE);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->model == NULL || width <= 0 || height <= 0)
    return FALSE;
  self->view.font_size = weft_timeline_area_screen_font_size (self, width, height);
  weft_timeline_get_layout (self->model, &self->view, width, height, layout);
  return TRUE;
}
