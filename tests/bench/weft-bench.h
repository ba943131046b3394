/* weft-bench.h — what every benchmark program shares: a clock, medians, and A/B runs
 * interleaved so that a shared, noisy machine slows both sides alike.
 *
 * Each figure of DESIGN.md's "Targets" is measured as a ratio against a baseline measured
 * in the same run (B / A: the instrumented side over the bare one), as the median of at
 * least WEFT_BENCH_REPS repetitions, A and B alternating (A B, B A, A B, …). Each program
 * prints one Markdown table row per figure (weft_bench_row()), the rows docs/PERFORMANCE.md
 * is made of, then a closing "SUMMARY" line. Programs never fail on time: machines differ.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <glib.h>

#define WEFT_BENCH_REPS 7

static inline double
weft_bench_now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec * 1e9 + (double) ts.tv_nsec;
}

static inline int
weft_bench_compare_doubles (gconstpointer a,
                            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median of @n values (sorts them). */
static inline double
weft_bench_median (double *values,
                   guint   n)
{
  g_assert (n > 0);
  qsort (values, n, sizeof (double), weft_bench_compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* One side of a comparison: does the work once and returns what it measured (ns per
 * operation, ms for the whole, bytes…); smaller is better. */
typedef double (*WeftBenchFunc) (gpointer data);

typedef struct
{
  guint  reps;
  double a;          /* median of A (the baseline) */
  double b;          /* median of B (Weft) */
  double ratio;      /* median of the per-repetition ratios B / A */
  double ratio_min;
  double ratio_max;
} WeftBenchAB;

/* Runs @a and @b @reps times each (at least WEFT_BENCH_REPS), interleaved: even
 * repetitions run A then B, odd ones B then A, after one warm-up of each. The ratio is
 * the median of each repetition's B / A, which cancels a slow stretch of the machine
 * better than a ratio of medians. */
static inline void
weft_bench_ab (WeftBenchFunc  a,
               gpointer       data_a,
               WeftBenchFunc  b,
               gpointer       data_b,
               guint          reps,
               WeftBenchAB   *out)
{
  g_autofree double *va = NULL;
  g_autofree double *vb = NULL;
  g_autofree double *vr = NULL;

  reps = MAX (reps, WEFT_BENCH_REPS);
  va = g_new (double, reps);
  vb = g_new (double, reps);
  vr = g_new (double, reps);

  a (data_a);
  b (data_b);
  for (guint i = 0; i < reps; i++)
    {
      if (i % 2 == 0)
        {
          va[i] = a (data_a);
          vb[i] = b (data_b);
        }
      else
        {
          vb[i] = b (data_b);
          va[i] = a (data_a);
        }
      vr[i] = vb[i] / MAX (va[i], 1e-12);
    }

  out->reps = reps;
  out->a = weft_bench_median (va, reps);
  out->b = weft_bench_median (vb, reps);
  out->ratio = weft_bench_median (vr, reps);
  out->ratio_min = vr[0];
  out->ratio_max = vr[reps - 1];
}

/* The header of the table the rows below make. */
static inline void
weft_bench_header (void)
{
  printf ("| figure | target | median ratio (min–max) | absolute | met |\n");
  printf ("|---|---|---|---|---|\n");
}

/* One figure: what was compared, DESIGN.md's target, the ratio (or the value when the
 * figure has no baseline: @ratio < 0), the absolute values for context, and whether the
 * target is met. */
static inline void
weft_bench_row (const char        *figure,
                const char        *target,
                const WeftBenchAB *ab,
                const char        *absolute,
                gboolean           met)
{
  if (ab != NULL)
    printf ("| %s | %s | %.2f× (%.2f–%.2f, %u reps) | %s | %s |\n", figure, target, ab->ratio,
            ab->ratio_min, ab->ratio_max, ab->reps, absolute, met ? "yes" : "**no**");
  else
    printf ("| %s | %s | — | %s | %s |\n", figure, target, absolute, met ? "yes" : "**no**");
  fflush (stdout);
}
