/* bench-render.c — the rendering targets of DESIGN.md, measured: a timeline frame of the
 * whole run at 1920 × 1080 with 100 k, 1 M and 10 M events (median of several frames),
 * and PNG, SVG and PDF exports of a page of the 1 M-event model (time and size).
 *
 * Targets: a frame with 1 M events ≤ 8 ms; 10 M events ≤ 1.5 × the time of 100 k;
 * export of 1 M events: PNG ≤ 100 ms, SVG and PDF ≤ 200 ms and ≤ 2 MB.
 *
 * Prints a table and a summary line; never fails on time (machines differ), only when
 * something could not be drawn or written. Run with: meson test -C _build --benchmark
 * (or the binary directly, with an optional number of frames).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <stdio.h>

#include <glib/gstdio.h>

#include "weft-export.h"
#include "weft-test-synthetic.h"

#define FRAME_TARGET_MS     8.0
#define SCALE_TARGET        1.5
#define PNG_TARGET_MS       100.0
#define VECTOR_TARGET_MS    200.0
#define VECTOR_TARGET_BYTES (2 * 1024 * 1024)

typedef struct
{
  guint64         n_events;
  WeftModel      *model;
  double          build_ms;
  double          frame_ms;      /* median */
  double          frame_min_ms;
  double          frame_max_ms;
  double          zoom_ms;       /* a window of a hundredth of the run, median */
  WeftRenderStats stats;
} ModelBench;

typedef struct
{
  const char *name;
  double      ms;                /* median */
  double      min_ms;
  gsize       bytes;
  double      target_ms;
  gsize       target_bytes;      /* 0: none */
} ExportBench;

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), (int (*) (const void *, const void *)) compare_doubles);
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* Times @n_frames frames of @view (after one to warm up); returns the median. */
static double
time_frames (WeftModel              *model,
             const WeftTimelineView *view,
             guint                   n_frames,
             double                 *min_ms,
             double                 *max_ms,
             WeftRenderStats        *stats)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  const WeftTheme *theme = weft_theme_get (WEFT_THEME_LIGHT);
  g_autofree double *times = g_new (double, n_frames);
  double result;

  for (guint i = 0; i <= n_frames; i++)
    {
      cairo_t *cr = cairo_create (surface);
      WeftRenderStats frame_stats = { 0 };
      double start;

      weft_theme_set_source (cr, &theme->background);
      cairo_paint (cr);
      start = now_ms ();
      weft_timeline_draw (cr, model, theme, view, 1920, 1080, &frame_stats);
      cairo_surface_flush (surface);
      if (i > 0)
        times[i - 1] = now_ms () - start;
      if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
        g_error ("drawing failed: %s", cairo_status_to_string (cairo_status (cr)));
      cairo_destroy (cr);
      if (stats != NULL)
        *stats = frame_stats;
    }
  cairo_surface_destroy (surface);

  result = median (times, n_frames);
  if (min_ms != NULL)
    *min_ms = times[0];
  if (max_ms != NULL)
    *max_ms = times[n_frames - 1];
  return result;
}

static void
bench_model (ModelBench *b,
             guint       n_frames)
{
  WeftTimelineView view = { 0 };
  double start = now_ms ();
  double end;

  b->model = test_synthetic_model (b->n_events, 1);
  b->build_ms = now_ms () - start;

  weft_timeline_view_whole (b->model, &view);
  view.show_flows = TRUE;
  b->frame_ms = time_frames (b->model, &view, n_frames, &b->frame_min_ms, &b->frame_max_ms, &b->stats);

  end = weft_model_get_axis_end (b->model);
  view.start = end * 0.5;
  view.end = end * 0.51;
  b->zoom_ms = time_frames (b->model, &view, n_frames, NULL, NULL, NULL);
}

static void
bench_export (ExportBench     *b,
              WeftModel       *model,
              WeftImageFormat  format,
              const char      *dir,
              guint            n_runs)
{
  g_autofree char *name = g_strdup_printf ("page.%s", format == WEFT_IMAGE_PNG ? "png"
                                           : format == WEFT_IMAGE_SVG ? "svg" : "pdf");
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree double *times = g_new (double, n_runs);
  WeftPageOptions options;
  GStatBuf st;

  weft_page_options_init (&options);
  options.view = WEFT_VIEW_BOTH;
  for (guint i = 0; i < n_runs; i++)
    {
      g_autoptr(GError) error = NULL;
      double start = now_ms ();

      if (!weft_export_image (model, &options, format, path, &error))
        g_error ("export failed: %s", error->message);
      times[i] = now_ms () - start;
    }
  b->ms = median (times, n_runs);
  b->min_ms = times[0];
  if (g_stat (path, &st) != 0)
    g_error ("no %s", path);
  b->bytes = (gsize) st.st_size;
  g_unlink (path);
}

static const char *
verdict (gboolean ok)
{
  return ok ? "ok" : "MISSED";
}

int
main (int    argc,
      char **argv)
{
  ModelBench models[] = { { 100000 }, { 1000000 }, { 10000000 } };
  ExportBench exports[] = {
    { "PNG", 0, 0, 0, PNG_TARGET_MS, 0 },
    { "SVG", 0, 0, 0, VECTOR_TARGET_MS, VECTOR_TARGET_BYTES },
    { "PDF", 0, 0, 0, VECTOR_TARGET_MS, VECTOR_TARGET_BYTES },
  };
  guint n_frames = argc > 1 ? (guint) MAX (1, atoi (argv[1])) : 15;
  g_autofree char *dir = NULL;
  double scale;
  gboolean frame_ok, scale_ok, exports_ok = TRUE;
  ModelBench *million = &models[1];

  setlocale (LC_ALL, "C");
  dir = g_dir_make_tmp ("weft-bench-XXXXXX", NULL);

  printf ("Timeline frame, whole run, 1920 × 1080, image surface; median of %u frames\n\n", n_frames);
  printf ("%10s  %9s  %9s  %9s  %9s  %11s  %10s  %8s  %7s\n", "events", "build ms", "frame ms", "min ms",
          "max ms", "zoom 1% ms", "primitives", "rects", "vs 8 ms");
  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    {
      ModelBench *b = &models[i];

      bench_model (b, b->n_events >= 10000000 ? MAX (n_frames / 2, 1) | 1 : n_frames);
      printf ("%10" G_GUINT64_FORMAT "  %9.0f  %9.2f  %9.2f  %9.2f  %11.2f  %10u  %8u  %6.2f×\n",
              weft_model_get_n_events (b->model), b->build_ms, b->frame_ms, b->frame_min_ms, b->frame_max_ms,
              b->zoom_ms, b->stats.n_primitives, b->stats.n_rects, b->frame_ms / FRAME_TARGET_MS);
      fflush (stdout);
      if (i != 1)
        g_clear_pointer (&b->model, weft_model_free);
    }
  scale = models[2].frame_ms / models[0].frame_ms;
  printf ("\n10 M / 100 k frame time: %.2f× (target ≤ %.1f×)\n", scale, SCALE_TARGET);
  printf ("1 M frame vs the %.0f ms target: %.2f ms, %.0f %% of the budget\n\n", FRAME_TARGET_MS,
          million->frame_ms, 100 * million->frame_ms / FRAME_TARGET_MS);

  printf ("Export of the 1 M-event model, page with scene and timeline, 1920 × 1080; median of 5\n\n");
  printf ("%6s  %9s  %9s  %12s  %14s  %7s\n", "format", "ms", "min ms", "bytes", "target", "verdict");
  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    {
      ExportBench *b = &exports[i];
      gboolean ok;
      g_autofree char *target = NULL;

      bench_export (b, million->model, (WeftImageFormat) i, dir, 5);
      ok = b->ms <= b->target_ms && (b->target_bytes == 0 || b->bytes <= b->target_bytes);
      exports_ok = exports_ok && ok;
      target = b->target_bytes > 0 ? g_strdup_printf ("≤ %.0f ms, 2 MB", b->target_ms)
                                   : g_strdup_printf ("≤ %.0f ms", b->target_ms);
      printf ("%6s  %9.1f  %9.1f  %12zu  %14s  %7s\n", b->name, b->ms, b->min_ms, b->bytes, target, verdict (ok));
      fflush (stdout);
    }
  g_clear_pointer (&million->model, weft_model_free);
  g_rmdir (dir);

  frame_ok = million->frame_ms <= FRAME_TARGET_MS;
  scale_ok = scale <= SCALE_TARGET;
  printf ("\nSUMMARY: frame 1M %.2f ms (≤ %.0f: %s); 10M/100k %.2f× (≤ %.1f: %s); "
          "PNG %.0f ms; SVG %.0f ms %.2f MB; PDF %.0f ms %.2f MB (exports: %s) — %s\n",
          million->frame_ms, FRAME_TARGET_MS, verdict (frame_ok), scale, SCALE_TARGET, verdict (scale_ok),
          exports[0].ms, exports[1].ms, exports[1].bytes / 1048576.0, exports[2].ms,
          exports[2].bytes / 1048576.0, verdict (exports_ok),
          frame_ok && scale_ok && exports_ok ? "ALL TARGETS MET" : "SOME TARGETS MISSED");

  return 0;
}
