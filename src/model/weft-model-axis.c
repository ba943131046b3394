/* weft-model-axis.c — the axis the views draw on: time in nanoseconds in a free run; in
 * step mode the step number, each step a column (what happened in it, then the wait for
 * the next), with the free parts of a stepped run let go drawn in time after the steps.
 * Built lazily (the warp: (axis, time) pairs) and mapped both ways by interpolation.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "weft-model-private.h"

static void
warp_add (GArray  *warp,
          double   axis,
          guint64  time_ns)
{
  double pair[2] = { axis, (double) time_ns };

  /* Keep times strictly increasing, so both directions interpolate. */
  if (warp->len >= 2 && pair[1] <= g_array_index (warp, double, warp->len - 1))
    {
      if (pair[0] > g_array_index (warp, double, warp->len - 2))
        g_array_index (warp, double, warp->len - 2) = pair[0];
      return;
    }
  g_array_append_vals (warp, pair, 2);
}

/* Step mode: (axis, time) pairs. Step k (1-based) starts at its STEP time on the axis
 * where the step before ended, reaches STEP_BUSY_FRACTION of its width when its last event
 * happened, and ends at the next STEP or at the start of a free part. A free part is
 * linear in time, at one scale for all of them; a pause after one (until the next step or
 * free part, or the end) takes the width of a step's wait. */
static void
ensure_warp (WeftModel *self)
{
  guint n = self->steps->len;
  guint n_frees = self->frees->len / 2;
  const guint64 *steps = (const guint64 *) self->steps->data;
  const guint64 *frees = (const guint64 *) self->frees->data;
  /* A run started in step mode has a start column, [-1, 0), before its first step. */
  double stepped = (self->started_free ? 0.0 : 1.0) + n, scale = 0, a = 0;
  guint64 free_ns = 0;
  guint k = 0, j = 0;
  gboolean last_step = n_frees == 0;

  if (self->warp_valid)
    return;

  g_array_set_size (self->warp, 0);
  g_array_set_size (self->free_parts, 0);
  g_array_set_size (self->step_axes, 0);
  for (guint i = 0; i < n_frees; i++)
    {
      guint64 r = frees[2 * i], p = MIN (frees[2 * i + 1], MAX (self->end_ns, r));

      free_ns += p - r;
      if (frees[2 * i + 1] != G_MAXUINT64)
        stepped += 1.0 - STEP_BUSY_FRACTION;
    }
  if (free_ns > 0)
    scale = MAX (stepped * FREE_SHARE_RATIO, FREE_MIN_UNITS) / (double) free_ns;

  warp_add (self->warp, self->started_free ? 0.0 : -1.0, 0);
  while (k < n || j < n_frees)
    {
      gboolean step_first = k < n && (j >= n_frees || steps[k] < frees[2 * j]);

      if (step_first)
        {
          guint64 start = steps[k];
          guint64 settle = g_array_index (self->settles, guint64, k);
          guint64 next = self->end_ns;

          if (k + 1 < n)
            next = MIN (next, steps[k + 1]);
          if (j < n_frees)
            next = MIN (next, frees[2 * j]);
          warp_add (self->warp, a, start);
          g_array_append_val (self->step_axes, a);
          if (settle > start && settle < next)
            warp_add (self->warp, a + STEP_BUSY_FRACTION, settle);
          a += 1.0;
          k++;
          last_step = TRUE;
        }
      else
        {
          WeftModelFreePart part;
          guint64 r = frees[2 * j], p = MIN (frees[2 * j + 1], MAX (self->end_ns, r));

          part.start_ns = r;
          part.end_ns = p;
          part.axis_start = a;
          warp_add (self->warp, a, r);
          a += (p - r) * scale;
          part.axis_end = a;
          warp_add (self->warp, a, p);
          g_array_append_val (self->free_parts, part);
          /* Paused after it: the pause is as wide as a step's wait. */
          last_step = frees[2 * j + 1] != G_MAXUINT64;
          if (last_step)
            a += 1.0 - STEP_BUSY_FRACTION;
          j++;
        }
    }
  /* The last step (or pause) lasts at least a nanosecond, so it has a width. */
  if (last_step)
    warp_add (self->warp, a, MAX (self->end_ns, n > 0 ? steps[n - 1] + 1 : 1));
  self->warp_valid = TRUE;
}

const WeftModelFreePart *
weft_model_get_free_parts (WeftModel *self,
                           guint     *n_parts)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (self->mode != WEFT_MODE_STEP)
    {
      *n_parts = 0;
      return NULL;
    }
  ensure_warp (self);
  *n_parts = self->free_parts->len;
  return (const WeftModelFreePart *) self->free_parts->data;
}

double
weft_model_get_step_axis (WeftModel *self,
                          guint      k)
{
  g_return_val_if_fail (self != NULL, 0);
  if (k >= self->steps->len)
    return weft_model_get_axis_end (self);
  if (self->mode != WEFT_MODE_STEP)
    return (double) g_array_index (self->steps, guint64, k);
  ensure_warp (self);
  return g_array_index (self->step_axes, double, k);
}

double
weft_model_get_axis_start (WeftModel *self)
{
  g_return_val_if_fail (self != NULL, 0);
  if (self->mode != WEFT_MODE_STEP)
    return 0;
  ensure_warp (self);
  return g_array_index (self->warp, double, 0);
}

double
weft_model_get_axis_end (WeftModel *self)
{
  g_return_val_if_fail (self != NULL, 0);
  if (self->mode != WEFT_MODE_STEP)
    return (double) MAX (self->end_ns, 1);
  ensure_warp (self);
  return g_array_index (self->warp, double, self->warp->len - 2);
}

/* Interpolates coordinate 1 - @from from coordinate @from in the warp's pairs. */
static double
warp_map (GArray *warp,
          guint   from,
          double  x)
{
  const double *p = (const double *) warp->data;
  guint n = warp->len / 2;
  guint lo = 0, hi = n - 1;

  if (n == 1 || x <= p[from])
    return p[1 - from];
  if (x >= p[2 * (n - 1) + from])
    return p[2 * (n - 1) + 1 - from];

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (p[2 * mid + from] <= x)
        lo = mid;
      else
        hi = mid;
    }

  {
    double x0 = p[2 * lo + from], x1 = p[2 * hi + from];
    double y0 = p[2 * lo + 1 - from], y1 = p[2 * hi + 1 - from];

    return x1 > x0 ? y0 + (x - x0) * (y1 - y0) / (x1 - x0) : y0;
  }
}

double
weft_model_time_to_axis (WeftModel *self,
                         guint64    time_ns)
{
  g_return_val_if_fail (self != NULL, 0);
  if (self->mode != WEFT_MODE_STEP)
    return (double) time_ns;
  ensure_warp (self);
  return warp_map (self->warp, 1, (double) time_ns);
}

guint64
weft_model_axis_to_time (WeftModel *self,
                         double     axis)
{
  double t;

  g_return_val_if_fail (self != NULL, 0);
  if (self->mode != WEFT_MODE_STEP)
    t = axis;
  else
    {
      ensure_warp (self);
      t = warp_map (self->warp, 0, axis);
    }
  if (t <= 0)
    return 0;
  return (guint64) llround (t);
}
