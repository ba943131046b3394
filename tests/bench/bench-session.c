/* bench-session.c — what the window's main thread pays to stop the densest run: 1000
 * philosophers who never think, eat or pause between forks, at 10×, stopped with millions
 * of events not read yet (issue 14: "stop latency with a backlog").
 *
 * A (the baseline, the stop before issue 14): weft_run_stop() joins the 1000 threads on
 * the calling thread, then every unread event is read before the call returns. B: what
 * weft_session_stop() keeps the calling thread now (the run stops without waiting, a
 * reaper thread joins, later frames read the rest). Both measured in ms on the calling
 * thread only; the reaper's join is waited for outside the measure.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "weft-bench.h"
#include "weft-scenarios.h"
#include "weft-session.h"

#define RUN_UP_US (800 * 1000)
#define STOP_TARGET_MS 200.0

/* The dense run, left to run ahead of a reader that read one frame. */
static WeftSession *
start_dense_backlog (void)
{
  static const char * const sets[] = { "count=1000", "strategy=ordered", "think_ms=0",
                                       "eat_ms=0", "fork_gap_ms=0", NULL };
  const WeftScenario *scenario = weft_scenarios_lookup ("philosophers");
  g_autoptr(WeftParams) params = weft_params_new (scenario->params, scenario->n_params);
  WeftSession *session = weft_session_new ();

  for (guint i = 0; sets[i] != NULL; i++)
    if (!weft_params_parse (params, sets[i], NULL))
      g_error ("bad parameter %s", sets[i]);
  if (!weft_session_load (session, scenario, params, NULL))
    g_error ("could not load the run");
  weft_session_set_speed (session, 10.0);
  weft_session_play (session);
  g_usleep (RUN_UP_US / 4);
  weft_session_tick (session);
  g_usleep (3 * RUN_UP_US / 4);
  return session;
}

static guint64 backlog_sum;
static guint backlog_n;

static void
count_backlog (WeftSession *session)
{
  WeftRun *run = weft_session_get_run (session);

  backlog_sum += weft_trace_get_n_events (weft_run_get_trace (run)) -
                 weft_session_get_n_events_read (session);
  backlog_n++;
}

/* A: join here and read everything before returning, as the stop did. */
static double
stop_joining_and_reading (gpointer data)
{
  g_autoptr(WeftSession) session = start_dense_backlog ();
  double t0;

  count_backlog (session);
  t0 = weft_bench_now_ns ();
  weft_run_stop (weft_session_get_run (session));
  do
    weft_session_tick (session);
  while (weft_session_is_catching_up (session));
  return (weft_bench_now_ns () - t0) / 1e6;
}

/* B: the session's stop as it is. */
static double
stop_now (gpointer data)
{
  g_autoptr(WeftSession) session = start_dense_backlog ();
  g_autoptr(WeftRun) run = weft_run_ref (weft_session_get_run (session));
  double t0, ms;

  count_backlog (session);
  t0 = weft_bench_now_ns ();
  weft_session_stop (session);
  ms = (weft_bench_now_ns () - t0) / 1e6;
  /* Not measured: the reaper's join, before the next repetition starts 1000 threads. */
  weft_run_join (run);
  return ms;
}

int
main (void)
{
  WeftBenchAB ab;
  char absolute[512];
  gboolean met;

  /* As weft and weft-cli set it (weft-malloc.c). */
  weft_malloc_init ();
  weft_bench_header ();
  weft_bench_ab (stop_joining_and_reading, NULL, stop_now, NULL, WEFT_BENCH_REPS, &ab);
  met = ab.b <= STOP_TARGET_MS;
  g_snprintf (absolute, sizeof absolute,
              "stop %.1f ms on the calling thread vs %.1f ms joining and reading the backlog "
              "(≈ %.1f M events unread at the stop)",
              ab.b, ab.a, (double) backlog_sum / MAX (backlog_n, 1) / 1e6);
  weft_bench_row ("9. stop latency with a backlog, 1000 philosophers at 10×: session stop / "
                  "join + catch-up", "≤ 200 ms", &ab, absolute, met);

  printf ("\nSUMMARY: stop with a backlog %.1f ms (≤ 200: %s), %.3f× the joining stop — %s\n",
          ab.b, met ? "met" : "missed", ab.ratio, met ? "ALL TARGETS MET" : "SOME TARGETS MISSED");
  return 0;
}
