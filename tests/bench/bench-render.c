/* bench-render.c — the rendering targets of DESIGN.md, each measured A/B against a
 * baseline of the same run (weft-bench.h: interleaved, median of ≥ 7, ratio B / A):
 *
 * 6. A timeline frame of the whole run in a 1920 × 540 image surface, with 100 k, 1 M and
 *    10 M events in view, against a memset of the same surface (the cheapest thing a frame
 *    could be: every byte written once). Target: 1 M events ≤ 8 ms. The scaling figure
 *    interleaves 10 M frames (B) with 100 k frames (A). Target: ≤ 1.5 ×.
 * 7. Export of a page of the 1 M-event model to PNG, SVG and PDF: time and size. PNG
 *    against cairo_surface_write_to_png() of the same page already drawn (what cairo's
 *    encoder alone costs); SVG and PDF against the export of an empty run (the same page,
 *    lanes and legend, no event: what the format costs whatever the trace). Targets: PNG
 *    ≤ 100 ms, SVG and PDF ≤ 200 ms and ≤ 2 MB.
 *
 * Prints one Markdown row per figure and a SUMMARY line; never fails on time (machines
 * differ), only when something could not be drawn or written. Run it with
 *   meson test -C _build --benchmark --print-errorlogs
 * or directly, with an optional number of repetitions: _build/tests/bench/bench-render 15
 * Options after it: --frames runs figure 6 only (the same rows; for profiling the frame),
 * --save-frame=PATH writes the last 1 M-event frame as a PNG (to look at it).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "weft-bench.h"
#include "weft-export.h"
#include "weft-test-synthetic.h"

#define FRAME_WIDTH         1920
#define FRAME_HEIGHT        540
#define FRAME_TARGET_MS     8.0
#define SCALE_TARGET        1.5
#define PNG_TARGET_MS       100.0
#define VECTOR_TARGET_MS    200.0
#define VECTOR_TARGET_BYTES (2 * 1000 * 1000)

/* Figure 6 ------------------------------------------------------------------------------- */

typedef struct
{
  WeftModel        *model;
  WeftTimelineView  view;
  cairo_surface_t  *surface;   /* shared by both sides of a comparison */
  WeftRenderStats   stats;     /* of the last frame */
} Frame;

/* A: every byte of the frame's surface written once. */
static double
memset_surface (gpointer data)
{
  Frame *frame = data;
  unsigned char *pixels;
  gsize size;
  double start;

  cairo_surface_flush (frame->surface);
  pixels = cairo_image_surface_get_data (frame->surface);
  size = (gsize) cairo_image_surface_get_stride (frame->surface) *
         (gsize) cairo_image_surface_get_height (frame->surface);
  start = weft_bench_now_ns ();
  memset (pixels, 0xff, size);
  cairo_surface_mark_dirty (frame->surface);
  return (weft_bench_now_ns () - start) / 1e6;
}

/* B: one whole-run timeline frame, as the window draws it: cleared to the background,
 * then drawn; the clear is not timed (the window's snapshot does it). */
static double
draw_frame (gpointer data)
{
  Frame *frame = data;
  const WeftTheme *theme = weft_theme_get (WEFT_THEME_LIGHT);
  cairo_t *cr = cairo_create (frame->surface);
  WeftRenderStats stats = { 0 };
  double start;

  weft_theme_set_source (cr, &theme->background);
  cairo_paint (cr);
  cairo_surface_flush (frame->surface);
  start = weft_bench_now_ns ();
  weft_timeline_draw (cr, frame->model, theme, &frame->view, FRAME_WIDTH, FRAME_HEIGHT, &stats);
  cairo_surface_flush (frame->surface);
  start = weft_bench_now_ns () - start;
  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    g_error ("drawing failed: %s", cairo_status_to_string (cairo_status (cr)));
  cairo_destroy (cr);
  frame->stats = stats;
  return start / 1e6;
}

static void
frame_init (Frame           *frame,
            WeftModel       *model,
            cairo_surface_t *surface)
{
  memset (frame, 0, sizeof *frame);
  frame->model = model;
  frame->surface = surface;
  weft_timeline_view_whole (model, &frame->view);
  frame->view.show_flows = TRUE;
}

/* The row of one frame against the memset; returns the frame's median in ms. */
static double
bench_frame (Frame      *frame,
             const char *label,
             gboolean    has_target,
             guint       reps)
{
  WeftBenchAB ab;
  g_autofree char *figure = NULL;
  g_autofree char *absolute = NULL;

  weft_bench_ab (memset_surface, frame, draw_frame, frame, reps, &ab);
  figure = g_strdup_printf ("6. timeline frame %d × %d, whole run, %s events (%" G_GUINT64_FORMAT
                            "), vs a memset of the surface", FRAME_WIDTH, FRAME_HEIGHT, label,
                            weft_model_get_n_events (frame->model));
  absolute = g_strdup_printf ("frame %.2f ms, memset %.3f ms; %u primitives (%u rects)", ab.b, ab.a,
                              frame->stats.n_primitives, frame->stats.n_rects);
  weft_bench_row (figure, has_target ? "≤ 8 ms" : "— (context)", &ab, absolute,
                  !has_target || ab.b <= FRAME_TARGET_MS);
  return ab.b;
}

/* A thousand philosophers and their forks, @n_rounds state changes each (thinking, taking
 * the left fork, waiting for the right one, eating, putting the fork back, at random): the density band's case. */
static WeftModel *
crowd_model (guint n_rounds)
{
  WeftModel *model = weft_model_new ();
  guint n = 1000;
  GRand *rand = g_rand_new_with_seed (1);
  guint64 t = 1;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Philosopher %u", i + 1);

      weft_model_add_actor (model, name);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("fork %u", i + 1);

      weft_model_add_object (model, name, WEFT_OBJECT_LOCK, 0, WEFT_QUEUE_FIFO);
    }
  for (guint r = 0; r < n_rounds; r++)
    for (guint i = 0; i < n; i++)
      {
        guint16 a = (guint16) g_rand_int_range (rand, 0, n);
        guint16 left = a, right = (guint16) ((a + 1) % n);
        WeftEvent ev = { 0 };

        t += (guint64) g_rand_int_range (rand, 1, 2000);
        weft_event_set_time (&ev, t);
        ev.actor = a;
        switch (g_rand_int_range (rand, 0, 5))
          {
          case 0:
            ev.kind = WEFT_EVENT_STATE;
            ev.aux = WEFT_STATE_SLEEPING;
            ev.object = WEFT_NONE;
            break;
          case 1:
            ev.kind = WEFT_EVENT_ACQUIRED;
            ev.object = left;
            ev.value = 1;
            break;
          case 2:
            ev.kind = WEFT_EVENT_STATE;
            ev.aux = WEFT_STATE_BLOCKED;
            ev.object = right;
            break;
          case 3:
            ev.kind = WEFT_EVENT_STATE;
            ev.aux = WEFT_STATE_RUNNING;
            ev.object = WEFT_NONE;
            break;
          default:
            ev.kind = WEFT_EVENT_RELEASED;
            ev.object = left;
            ev.value = 0;
            break;
          }
        weft_model_add_event (model, &ev);
      }
  weft_model_set_end (model, t + 1);
  g_rand_free (rand);
  return model;
}

/* Figure 7 ------------------------------------------------------------------------------- */

typedef struct
{
  WeftModel       *model;
  WeftImageFormat  format;
  const char      *path;
  cairo_surface_t *drawn;     /* PNG baseline: the page, already drawn */
} Export;

static gsize
file_size (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    g_error ("no %s", path);
  return (gsize) st.st_size;
}

static double
export_page (gpointer data)
{
  Export *export = data;
  g_autoptr(GError) error = NULL;
  WeftPageOptions options;
  double start;

  weft_page_options_init (&options);
  options.view = WEFT_VIEW_BOTH;
  start = weft_bench_now_ns ();
  if (!weft_export_image (export->model, &options, export->format, export->path, &error))
    g_error ("export failed: %s", error->message);
  return (weft_bench_now_ns () - start) / 1e6;
}

static double
write_png (gpointer data)
{
  Export *export = data;
  cairo_status_t status;
  double start;

  start = weft_bench_now_ns ();
  status = cairo_surface_write_to_png (export->drawn, export->path);
  if (status != CAIRO_STATUS_SUCCESS)
    g_error ("writing %s failed: %s", export->path, cairo_status_to_string (status));
  return (weft_bench_now_ns () - start) / 1e6;
}

static cairo_surface_t *
draw_page (WeftModel *model)
{
  WeftPageOptions options;
  cairo_surface_t *surface;
  cairo_t *cr;

  weft_page_options_init (&options);
  options.view = WEFT_VIEW_BOTH;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) options.width, (int) options.height);
  cr = cairo_create (surface);
  weft_page_draw (cr, model, &options, NULL);
  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    g_error ("drawing failed: %s", cairo_status_to_string (cairo_status (cr)));
  cairo_destroy (cr);
  return surface;
}

/* Returns whether the targets are met; @ms and @bytes get Weft's side. */
static gboolean
bench_export (WeftModel       *model,
              WeftModel       *empty,
              WeftImageFormat  format,
              const char      *dir,
              guint            reps,
              double          *ms,
              gsize           *bytes)
{
  const char *ext = format == WEFT_IMAGE_PNG ? "png" : format == WEFT_IMAGE_SVG ? "svg" : "pdf";
  g_autofree char *name_a = g_strdup_printf ("baseline.%s", ext);
  g_autofree char *name_b = g_strdup_printf ("page.%s", ext);
  g_autofree char *path_a = g_build_filename (dir, name_a, NULL);
  g_autofree char *path_b = g_build_filename (dir, name_b, NULL);
  g_autofree char *figure = NULL;
  g_autofree char *absolute = NULL;
  Export a = { empty, format, path_a, NULL };
  Export b = { model, format, path_b, NULL };
  WeftBenchAB ab;
  gsize bytes_a;
  gboolean met;

  if (format == WEFT_IMAGE_PNG)
    {
      a.model = model;
      a.drawn = draw_page (model);
      weft_bench_ab (write_png, &a, export_page, &b, reps, &ab);
      cairo_surface_destroy (a.drawn);
    }
  else
    weft_bench_ab (export_page, &a, export_page, &b, reps, &ab);

  bytes_a = file_size (path_a);
  *bytes = file_size (path_b);
  *ms = ab.b;
  g_unlink (path_a);
  g_unlink (path_b);

  if (format == WEFT_IMAGE_PNG)
    {
      met = ab.b <= PNG_TARGET_MS;
      figure = g_strdup_printf ("7. export of 1 M events, PNG 1920 × 1080 page, vs "
                                "cairo_surface_write_to_png of the page already drawn");
      absolute = g_strdup_printf ("export %.1f ms, %.2f MB; encoder alone %.1f ms", ab.b,
                                  *bytes / 1e6, ab.a);
    }
  else
    {
      met = ab.b <= VECTOR_TARGET_MS && *bytes <= VECTOR_TARGET_BYTES;
      figure = g_strdup_printf ("7. export of 1 M events, %s 1920 × 1080 pt page, vs the same "
                                "page of an empty run", format == WEFT_IMAGE_SVG ? "SVG" : "PDF");
      absolute = g_strdup_printf ("export %.1f ms, %.2f MB; empty run %.1f ms, %.2f MB", ab.b,
                                  *bytes / 1e6, ab.a, bytes_a / 1e6);
    }
  weft_bench_row (figure, format == WEFT_IMAGE_PNG ? "≤ 100 ms" : "≤ 200 ms and ≤ 2 MB", &ab,
                  absolute, met);
  return met;
}

int
main (int    argc,
      char **argv)
{
  guint reps = 15;
  gboolean frames_only = FALSE;
  const char *save_frame = NULL;
  guint export_reps;
  static const guint64 sizes[] = { 100000, 1000000, 10000000 };
  static const char * const labels[] = { "100 k", "1 M", "10 M" };
  WeftModel *models[G_N_ELEMENTS (sizes)];
  double build_ms[G_N_ELEMENTS (sizes)];
  double frame_ms[G_N_ELEMENTS (sizes)];
  cairo_surface_t *surface;
  g_autofree char *dir = NULL;
  g_autofree char *scale_absolute = NULL;
  WeftModel *empty;
  Frame frames[G_N_ELEMENTS (sizes)];
  WeftBenchAB scale;
  double export_ms[3];
  gsize export_bytes[3];
  guint n_met = 0, n_targets = 0;
  gboolean met;
  double crowd_ms;

  /* As weft and weft-cli set it (weft-malloc.c). */
  weft_malloc_init ();
  setlocale (LC_ALL, "C");
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--frames") == 0)
        frames_only = TRUE;
      else if (g_str_has_prefix (argv[i], "--save-frame="))
        save_frame = argv[i] + strlen ("--save-frame=");
      else
        reps = (guint) MAX (1, atoi (argv[i]));
    }
  export_reps = MAX (reps / 2, WEFT_BENCH_REPS);
  dir = g_dir_make_tmp ("weft-bench-XXXXXX", NULL);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, FRAME_WIDTH, FRAME_HEIGHT);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      double start = weft_bench_now_ns ();

      models[i] = test_synthetic_model (sizes[i], 1);
      build_ms[i] = (weft_bench_now_ns () - start) / 1e6;
      frame_init (&frames[i], models[i], surface);
    }
  printf ("bench-render: synthetic models of 100 k, 1 M, 10 M events built in %.0f, %.0f, %.0f ms; "
          "%u repetitions per frame figure, %u per export\n\n", build_ms[0], build_ms[1], build_ms[2],
          MAX (reps, WEFT_BENCH_REPS), export_reps);

  weft_bench_header ();
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    frame_ms[i] = bench_frame (&frames[i], labels[i], i == 1, reps);
  n_targets++;
  n_met += frame_ms[1] <= FRAME_TARGET_MS;

  /* 10 M against 100 k, interleaved: the ratio the target is about. */
  weft_bench_ab (draw_frame, &frames[0], draw_frame, &frames[2], reps, &scale);
  scale_absolute = g_strdup_printf ("10 M %.2f ms, 100 k %.2f ms", scale.b, scale.a);
  met = scale.ratio <= SCALE_TARGET;
  weft_bench_row ("6. timeline frame 1920 × 540, whole run, 10 M events vs 100 k", "≤ 1.5 ×", &scale,
                  scale_absolute, met);
  n_targets++;
  n_met += met;
  /* The window's frames: the same 1 M-event frame drawn again with the text cache the
   * window keeps (B) against without (A): what shaping the words cost each frame. */
  {
    Frame cached = frames[1];
    g_autoptr(WeftTextCache) cache = weft_text_cache_new ();
    WeftBenchAB ab;
    g_autofree char *absolute = NULL;
    guint shaped_plain;

    cached.view.text_cache = cache;
    draw_frame (&frames[1]);
    shaped_plain = frames[1].stats.n_shaped;
    weft_bench_ab (draw_frame, &frames[1], draw_frame, &cached, reps, &ab);
    absolute = g_strdup_printf ("cached %.2f ms (%u layouts shaped), plain %.2f ms (%u shaped)",
                                ab.b, cached.stats.n_shaped, ab.a, shaped_plain);
    weft_bench_row ("6. timeline frame 1920 × 540, 1 M events, with the window's text cache vs without",
                    "— (context)", &ab, absolute, TRUE);
  }
  /* A thousand threads and a thousand forks: the density band. */
  {
    g_autoptr(WeftModel) crowd = crowd_model (1000);
    Frame frame;

    frame_init (&frame, crowd, surface);
    crowd_ms = bench_frame (&frame, "1000 threads, 1000 locks, band:", TRUE, reps);
    n_targets++;
    n_met += crowd_ms <= FRAME_TARGET_MS;
    if (save_frame != NULL)
      {
        g_autofree char *path = g_strdup_printf ("%s.crowd.png", save_frame);

        draw_frame (&frame);
        cairo_surface_write_to_png (surface, path);
      }
  }
  if (save_frame != NULL)
    {
      cairo_status_t status;

      draw_frame (&frames[1]);
      status = cairo_surface_write_to_png (surface, save_frame);
      if (status != CAIRO_STATUS_SUCCESS)
        g_error ("writing %s failed: %s", save_frame, cairo_status_to_string (status));
    }
  if (frames_only)
    {
      printf ("\nSUMMARY render (frames only): frame 1 M %.2f ms (≤ 8); 10 M / 100 k %.2f× (≤ 1.5); "
              "1000 threads %.2f ms (≤ 8)\n", frame_ms[1], scale.ratio, crowd_ms);
      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        weft_model_unref (models[i]);
      cairo_surface_destroy (surface);
      g_rmdir (dir);
      return 0;
    }
  g_clear_pointer (&models[2], weft_model_unref);
  g_clear_pointer (&models[0], weft_model_unref);
  cairo_surface_destroy (surface);

  empty = test_synthetic_model (1, 1);
  for (guint f = WEFT_IMAGE_PNG; f <= WEFT_IMAGE_PDF; f++)
    {
      n_targets++;
      n_met += bench_export (models[1], empty, (WeftImageFormat) f, dir, export_reps, &export_ms[f],
                             &export_bytes[f]);
    }
  weft_model_unref (empty);
  g_clear_pointer (&models[1], weft_model_unref);
  g_rmdir (dir);

  printf ("\nSUMMARY render: frame 1 M %.2f ms (≤ 8); 10 M / 100 k %.2f× (≤ 1.5); PNG %.0f ms (≤ 100); "
          "SVG %.0f ms %.2f MB, PDF %.0f ms %.2f MB (≤ 200 ms, 2 MB) — %u of %u targets met\n",
          frame_ms[1], scale.ratio, export_ms[0], export_ms[1], export_bytes[1] / 1e6, export_ms[2],
          export_bytes[2] / 1e6, n_met, n_targets);
  return 0;
}
