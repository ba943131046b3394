/* bench-window.c — the live window during the densest runs (issue 14): frames per second,
 * the main thread's milliseconds per frame, how far the timeline is behind the run, the
 * share of recorded events that reached the model, and how long the run's start (the log
 * binds its first rows) and Stop keep the window.
 *
 * A real WeftWindow (the ui library, the cairo renderer) on an X display: under Xvfb when
 * there is none (the program starts itself again under `xvfb-run -a`). The baseline of
 * each ratio is the same window in the same process with a quiet run (five philosophers
 * with the default pauses): what the frame clock gives when the window has little to do.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <unistd.h>

#include "weft-application.h"
#include "weft-model-worker.h"
#include "weft-scenarios.h"
#include "weft-window-private.h"
#include "bench/weft-bench.h"

/* BENCH_WINDOW_SECONDS sets another length (to profile a run). */
static double seconds_measured = 4.0;
#define SECONDS_MEASURED seconds_measured
#define WARM_UP_MS 500

typedef struct
{
  const char  *label;
  const char  *scenario;
  const char  *sets[6];
} DenseRun;

static const DenseRun quiet_run = {
  "5 philosophers, default pauses (the baseline)", "philosophers", { NULL },
};

static const DenseRun dense_runs[] = {
  { "5 philosophers, ordered, think/eat/gap 0", "philosophers",
    { "count=5", "strategy=ordered", "think_ms=0", "eat_ms=0", "fork_gap_ms=0", NULL } },
  { "1000 philosophers, ordered, think/eat/gap 0", "philosophers",
    { "count=1000", "strategy=ordered", "think_ms=0", "eat_ms=0", "fork_gap_ms=0", NULL } },
  { "pub/sub, 1 publisher, interval 0", "pubsub",
    { "publishers=1", "interval_ms=0", "messages=100000", NULL } },
  { "pub/sub, 10 publishers, interval 0", "pubsub",
    { "publishers=10", "interval_ms=0", "messages=100000", NULL } },
};

typedef struct
{
  WeftWindow *window;
  gboolean    measuring;
  gint64      frame_start_us;
  GArray     *frame_ms;        /* the main thread's time per frame, before-paint → after-paint */
  GArray     *lag_ms;          /* the run's present minus the model's end, at each paint */
  guint       n_paints;
} Probe;

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (500);
}

/* The longest main-loop iteration over @ms: how long input could wait. */
static double
longest_iteration_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;
  double longest = 0;

  while (g_get_monotonic_time () < end)
    {
      gint64 t0 = g_get_monotonic_time ();

      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (500);
      else
        longest = MAX (longest, (double) (g_get_monotonic_time () - t0) / 1000.0);
    }
  return longest;
}

static void
before_paint_cb (GdkFrameClock *clock,
                 Probe         *probe)
{
  probe->frame_start_us = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Probe         *probe)
{
  WeftSession *session = probe->window->session;
  WeftRun *run = weft_session_get_run (session);
  WeftModel *model = weft_session_get_model (session);
  double ms, lag;

  if (!probe->measuring || probe->frame_start_us == 0)
    return;
  ms = (double) (g_get_monotonic_time () - probe->frame_start_us) / 1000.0;
  lag = ((double) weft_run_get_elapsed_ns (run) - (double) weft_model_get_end_ns (model)) / 1e6;
  g_array_append_val (probe->frame_ms, ms);
  g_array_append_val (probe->lag_ms, lag);
  probe->n_paints++;
}

static double
percentile (GArray *values,
            double  p)
{
  g_autofree double *copy = NULL;

  if (values->len == 0)
    return 0;
  copy = g_memdup2 (values->data, values->len * sizeof (double));
  qsort (copy, values->len, sizeof (double), weft_bench_compare_doubles);
  return copy[MIN ((guint) (p * values->len), values->len - 1)];
}

typedef struct
{
  double fps;
  double frame_ms_median;
  double frame_ms_p90;
  double lag_ms_median;
  double lag_ms_max;
  double reached;          /* share of the recorded events the model got */
  double in_background;    /* share of those the worker read between frames */
  double longest_wait_ms;  /* the main thread's longest wait for the model's lock */
  double dropped;          /* share counted as dropped (drawn on the timeline as such) */
  guint64 n_recorded;
  double start_ms;         /* the longest main-loop iteration in the run's first WARM_UP_MS */
  double stop_ms;          /* the Stop call */
  double after_stop_ms;    /* the longest main-loop iteration in the 500 ms after */
  double load;
} Measure;

static double
load_average (void)
{
  double load[1] = { 0 };

  return getloadavg (load, 1) == 1 ? load[0] : -1;
}

static void
select_scenario (WeftWindow *window,
                 const char *id)
{
  guint n;
  const WeftScenario * const *all = weft_scenarios_get_all (&n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (all[i]->id, id))
      gtk_drop_down_set_selected (window->scenario_dropdown, i);
}

static void
measure_run (WeftWindow     *window,
             const DenseRun *run_spec,
             Measure        *out)
{
  Probe probe = { .window = window };
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  WeftSession *session = window->session;
  gulong before_id, after_id;
  gint64 t0;
  WeftRun *run;

  select_scenario (window, run_spec->scenario);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reset", NULL);
  for (guint i = 0; run_spec->sets[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (run_spec->sets[i], "=", 2);
      g_autoptr(GError) error = NULL;

      if (!weft_params_panel_set_value (window->params_panel, kv[0], kv[1], &error))
        g_error ("%s: %s", run_spec->sets[i], error->message);
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reset", NULL);
  spin (200);

  probe.frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  probe.lag_ms = g_array_new (FALSE, FALSE, sizeof (double));
  before_id = g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &probe);
  after_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &probe);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.play-pause", NULL);
  /* The first lines of a dense run come all at once: the log binds its rows then. */
  out->start_ms = longest_iteration_ms (WARM_UP_MS);
  weft_model_worker_take_longest_wait ();
  probe.measuring = TRUE;
  t0 = g_get_monotonic_time ();
  spin ((guint) (SECONDS_MEASURED * 1000));
  probe.measuring = FALSE;
  out->longest_wait_ms = weft_model_worker_take_longest_wait () / 1000.0;
  out->fps = probe.n_paints / ((double) (g_get_monotonic_time () - t0) / 1e6);
  out->frame_ms_median = percentile (probe.frame_ms, 0.5);
  out->frame_ms_p90 = percentile (probe.frame_ms, 0.9);
  out->lag_ms_median = percentile (probe.lag_ms, 0.5);
  out->lag_ms_max = percentile (probe.lag_ms, 1.0);
  out->load = load_average ();

  run = weft_run_ref (weft_session_get_run (session));
  t0 = g_get_monotonic_time ();
  if (weft_session_get_state (session) == WEFT_SESSION_RUNNING)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.stop-reset", NULL);
  out->stop_ms = (double) (g_get_monotonic_time () - t0) / 1000.0;
  out->after_stop_ms = longest_iteration_ms (500);

  /* Every recorded event, read or dropped once the frames have caught up. */
  while (weft_session_is_catching_up (session))
    spin (20);
  out->n_recorded = weft_trace_get_n_events (weft_run_get_trace (run));
  out->reached = out->n_recorded > 0 ?
                 (double) weft_session_get_n_events_read (session) / out->n_recorded : 1.0;
  out->in_background = weft_session_get_n_events_read (session) > 0 ?
                       (double) weft_session_get_n_events_read_in_background (session) /
                       weft_session_get_n_events_read (session) : 0.0;
  out->dropped = out->n_recorded > 0 ?
                 (double) weft_model_get_n_dropped (weft_session_get_model (session)) / out->n_recorded : 0.0;
  weft_run_unref (run);

  g_signal_handler_disconnect (clock, before_id);
  g_signal_handler_disconnect (clock, after_id);
  g_array_unref (probe.frame_ms);
  g_array_unref (probe.lag_ms);
}

static void
activate_cb (GApplication *app,
             gpointer      user_data)
{
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;
  GtkWindow *window;
  Measure quiet;

  /* As weft and weft-cli set it (weft-malloc.c). */
  weft_malloc_init ();
  /* No display: start again under a virtual one. */
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_autofree char *xvfb = g_find_program_in_path ("xvfb-run");
      char *args[] = { xvfb, (char *) "-a", (char *) "-s", (char *) "-screen 0 1920x1080x24",
                       argv[0], argv[1], NULL };

      if (xvfb == NULL)
        {
          printf ("SUMMARY: bench-window skipped: no display and no xvfb-run\n");
          return 0;
        }
      execv (xvfb, args);
      g_error ("cannot run %s: %s", xvfb, g_strerror (errno));
    }

  if (g_getenv ("BENCH_WINDOW_SECONDS") != NULL)
    seconds_measured = MAX (g_ascii_strtod (g_getenv ("BENCH_WINDOW_SECONDS"), NULL), 0.5);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", WEFT_BENCH_SCHEMA_DIR, FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);
  gtk_init ();

  app = ADW_APPLICATION (weft_application_new ());
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  if (!g_application_register (G_APPLICATION (app), NULL, NULL))
    g_error ("cannot register the application");
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  gtk_window_set_default_size (window, 1920, 1080);
  gtk_window_present (window);
  spin (500);
  /* Profiling knobs: the same run without one of the window's parts. */
  if (g_getenv ("BENCH_NO_LOG"))
    gtk_toggle_button_set_active (WEFT_WINDOW (window)->log_button, FALSE);
  if (g_getenv ("BENCH_NO_SCENE"))
    gtk_widget_set_visible (GTK_WIDGET (WEFT_WINDOW (window)->scene_area), FALSE);
  if (g_getenv ("BENCH_NO_TIMELINE"))
    gtk_widget_set_visible (GTK_WIDGET (WEFT_WINDOW (window)->timeline_area), FALSE);
  if (g_getenv ("BENCH_NO_PANEL"))
    gtk_toggle_button_set_active (WEFT_WINDOW (window)->panel_button, FALSE);

  printf ("The window (1920 × 1080, cairo renderer) during %.0f s of each run, after %d ms.\n"
          "Ratios: against the same window's quiet run, measured first.\n\n",
          SECONDS_MEASURED, WARM_UP_MS);
  weft_bench_header ();

  measure_run (WEFT_WINDOW (window), &quiet_run, &quiet);
  {
    g_autofree char *absolute = g_strdup_printf ("%.1f frames/s, %.1f ms per frame (p90 %.1f), load %.1f",
                                                 quiet.fps, quiet.frame_ms_median, quiet.frame_ms_p90,
                                                 quiet.load);

    weft_bench_row ("window, quiet run (baseline)", "—", NULL, absolute, TRUE);
  }

  for (guint i = 0; i < G_N_ELEMENTS (dense_runs); i++)
    {
      Measure m;
      WeftBenchAB fps = { 0 };
      g_autofree char *figure = NULL;
      g_autofree char *absolute = NULL;

      /* One run only (its number, from 1), to profile it. */
      if (argc > 1 && (guint) atoi (argv[1]) != i + 1)
        continue;
      measure_run (WEFT_WINDOW (window), &dense_runs[i], &m);
      fps.reps = 1;
      fps.a = quiet.fps;
      fps.b = m.fps;
      fps.ratio = fps.ratio_min = fps.ratio_max = m.fps / MAX (quiet.fps, 1e-9);
      figure = g_strdup_printf ("window during %s: frames per second vs the quiet run", dense_runs[i].label);
      absolute = g_strdup_printf ("%.1f frames/s; main thread %.1f ms per frame (p90 %.1f); "
                                  "timeline behind by %.0f ms (max %.0f); of %" G_GUINT64_FORMAT " events %.1f %% "
                                  "reached the model (%.0f %% of them built between frames, the main thread waiting for the model at most %.1f ms), %.1f %% counted as dropped; iterations ≤ %.1f ms in the first %d ms; stop %.1f ms, then iterations ≤ %.1f ms; load %.1f",
                                  m.fps, m.frame_ms_median, m.frame_ms_p90, m.lag_ms_median, m.lag_ms_max,
                                  m.n_recorded, 100.0 * m.reached, 100.0 * m.in_background, m.longest_wait_ms, 100.0 * m.dropped, m.start_ms, WARM_UP_MS, m.stop_ms, m.after_stop_ms, m.load);
      /* Every event reached the model or was counted (and drawn) as dropped. */
      weft_bench_row (figure, "≥ 30 frames/s, ≤ 500 ms behind, 100 % reached or counted as dropped, "
                      "start and stop: no iteration over 200 ms",
                      &fps, absolute,
                      m.fps >= 30 && m.lag_ms_max <= 500 && m.reached + m.dropped >= 0.9999 &&
                      m.start_ms <= 200 && m.stop_ms <= 200 && m.after_stop_ms <= 200);
    }

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  spin (100);
  printf ("SUMMARY: bench-window done\n");
  return 0;
}
