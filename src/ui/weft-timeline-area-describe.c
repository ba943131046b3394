/* weft-timeline-area-describe.c — the timeline's tooltips: a thread's name (click to step
 * it), what a thread did or what a resource held over the span under the pointer, and
 * when, in seconds or in steps. The sentences of a span themselves come from the model's
 * describing functions (weft_describe_thread_span()); what is built here is the tooltip
 * around them.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "weft-timeline-area-private.h"

/* Decimals enough to tell @t0 from @t1 in @unit, at least three. */
static int
decimals_for (guint64 t0,
              guint64 t1,
              double  unit)
{
  double length = (t1 - t0) / unit;
  int decimals = 3;

  while (decimals < 6 && length > 0 && length < pow (10, 1 - decimals))
    decimals++;
  return decimals;
}

/* The step (from 1) at @t, 0 before the first: the last one started at or before it. */
static int
step_at (WeftTimelineArea *self,
         guint64           t)
{
  guint n;
  const guint64 *steps = weft_model_get_step_times (self->model, &n);
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (steps[mid] <= t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return (int) lo;
}

/* Whether @t is in a free part of a stepped run let go: drawn in time, described so. */
static gboolean
in_free_part (WeftTimelineArea *self,
              guint64           t)
{
  guint n;
  const WeftModelFreePart *parts = weft_model_get_free_parts (self->model, &n);

  for (guint i = 0; i < n; i++)
    if (t >= parts[i].start_ns && t <= parts[i].end_ns)
      return TRUE;
  return FALSE;
}

/* "1.234 s → 2.000 s"; in step mode the steps: "step 3 → step 5". */
static char *
describe_interval (WeftTimelineArea *self,
                   guint64           t0,
                   guint64           t1)
{
  if (weft_model_get_mode (self->model) == WEFT_MODE_STEP && !in_free_part (self, t0))
    {
      int s0 = step_at (self, t0);
      int s1 = in_free_part (self, t1) ? s0 : step_at (self, t1);

      if (s0 == s1)
        /* Translators: when something happened in step mode, "step 3". */
        return g_strdup_printf (_("step %d"), s0);
      /* Translators: from one step to another, "step 3 → step 5". */
      return g_strdup_printf (_("step %d → step %d"), s0, s1);
    }

  if (t1 >= 1000000000)
    {
      int d = decimals_for (t0, t1, 1e9);

      /* Translators: a span of time in seconds, "1.234 s → 2.000 s". */
      return g_strdup_printf (_("%.*f s → %.*f s"), d, t0 / 1e9, d, t1 / 1e9);
    }
  if (t1 >= 1000000)
    {
      int d = decimals_for (t0, t1, 1e6);

      /* Translators: a span of time in milliseconds. */
      return g_strdup_printf (_("%.*f ms → %.*f ms"), d, t0 / 1e6, d, t1 / 1e6);
    }
  /* Translators: a span of time in microseconds. */
  return g_strdup_printf (_("%.1f µs → %.1f µs"), t0 / 1e3, t1 / 1e3);
}

char *
weft_timeline_area_describe_thread (WeftTimelineArea *self,
                                    guint             actor,
                                    guint64           time_ns)
{
  const char *name = weft_model_get_actor_name (self->model, actor);
  gssize k = weft_model_find_thread_span (self->model, actor, time_ns);
  const WeftThreadSpan *spans;
  guint n;
  g_autofree char *what = NULL;
  g_autofree char *when = NULL;

  /* Before it started: the words every view uses ("Kant — not started"). */
  if (k < 0)
    return weft_describe_thread_at (self->model, actor, time_ns);

  spans = weft_model_get_thread_spans (self->model, actor, &n);
  what = weft_describe_thread_span (self->model, actor, &spans[k]);
  when = describe_interval (self, spans[k].start_ns,
                            (guint) k + 1 < n ? spans[k + 1].start_ns : weft_model_get_end_ns (self->model));
  /* Translators: a timeline tooltip: the thread, what it does, when;
   * "Kant — blocked on fork 2 · 1.234 s → 2.000 s". */
  return g_strdup_printf (_("%s — %s · %s"), name, what, when);
}

/* A resource's lane at @time_ns: what weft_describe_resource_span() says of it, the words
 * every view uses, and when. */
static char *
describe_resource (WeftTimelineArea *self,
                   guint             object,
                   guint64           time_ns)
{
  WeftModel *model = self->model;
  gssize k = weft_model_find_resource_span (model, object, time_ns);
  const WeftResourceSpan *spans;
  guint n;
  g_autofree char *what = NULL;
  g_autofree char *when = NULL;

  if (k < 0)
    return weft_describe_resource_at (model, object, time_ns);

  spans = weft_model_get_resource_spans (model, object, &n);
  what = weft_describe_resource_span (model, object, &spans[k]);
  when = describe_interval (self, spans[k].start_ns,
                            (guint) k + 1 < n ? spans[k + 1].start_ns : weft_model_get_end_ns (model));
  /* Translators: a timeline tooltip on a resource's lane: its name, its state, when;
   * "fork 2 — held by Kant, 1 waiting · 1.234 s → 2.000 s". */
  return g_strdup_printf (_("%s — %s · %s"), weft_model_get_object_name (model, object), what, when);
}

char *
weft_timeline_area_describe_at (WeftTimelineArea *self,
                                double            x,
                                double            y)
{
  WeftTimelineLayout layout;
  WeftLaneKind kind;
  guint subject;
  double axis;
  guint64 time_ns;
  int lane;

  g_return_val_if_fail (WEFT_IS_TIMELINE_AREA (self), NULL);

  if (!weft_timeline_area_get_layout (self, &layout))
    return NULL;
  lane = weft_timeline_lane_at (&layout, y);
  if (lane < 0 || x < 0)
    return NULL;
  kind = weft_model_get_lane_kind (self->model, lane);
  subject = weft_model_get_lane_subject (self->model, lane);

  if (x < layout.plot_x)
    {
      if (kind == WEFT_LANE_THREAD)
        /* Translators: the tooltip of a thread's name in the timeline. */
        return g_strdup_printf (_("%s — click to step this thread"),
                                weft_model_get_actor_name (self->model, subject));
      return g_strdup (weft_model_get_object_name (self->model, subject));
    }

  axis = weft_timeline_axis_at (&layout, &self->view, x);
  if (axis < weft_model_get_axis_start (self->model))
    return NULL;
  /* After a deadlock the lanes are drawn frozen past the end: they say how it ended. */
  if (axis > weft_model_get_axis_end (self->model))
    {
      if (!weft_model_get_deadlock (self->model, NULL, NULL, NULL))
        return NULL;
      axis = weft_model_get_axis_end (self->model);
    }
  time_ns = MIN (weft_model_axis_to_time (self->model, axis), weft_model_get_end_ns (self->model));

  if (kind == WEFT_LANE_THREAD)
    return weft_timeline_area_describe_thread (self, subject, time_ns);
  return describe_resource (self, subject, time_ns);
}

gboolean
weft_timeline_area_query_tooltip (GtkWidget  *widget,
                                  int         x,
                                  int         y,
                                  gboolean    keyboard_mode,
                                  GtkTooltip *tooltip)
{
  g_autofree char *text = weft_timeline_area_describe_at (WEFT_TIMELINE_AREA (widget), x, y);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}
