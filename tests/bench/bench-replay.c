/* bench-replay.c — what a teacher waits for when stepping back (issue 15): a step back is
 * a fresh run replaying every step but the last on real threads (weft-schedule.h).
 *
 * For the 5 philosophers at step 200 (target ≤ 100 ms) and 1000 philosophers at step 2000
 * (target ≤ 1 s), strategy ordered, pauses 0:
 *
 *  A (the baseline): a plain step-mode run of the same steps, made from scratch: the run
 *    created and started, its threads stepped N − 1 times by the policy, each step waited
 *    for; B: weft_session_step_back() on a session at step N, the call the window makes
 *    (the old run handed to the reaper, a fresh run, its model, the replay of N − 1 steps).
 *    Between two repetitions B steps forward once again, which is not measured.
 *
 * Both in wall time on the calling thread (the threads' own work is the point). Prints one
 * Markdown row per figure and a SUMMARY line; never fails on time. Run with
 *   meson test -C _build --benchmark replay --print-errorlogs
 * or _build/tests/bench/bench-replay [REPS].
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "weft-bench.h"
#include "weft-scenarios.h"
#include "weft-session.h"

typedef struct
{
  const char  *label;
  const char  *count;
  guint        n_steps;
  double       target_ms;
  WeftParams  *params;
  WeftSession *session;   /* B: at step n_steps between repetitions */
} Case;

static void
wait_for_steps (WeftSession *session)
{
  while (weft_session_get_n_pending_steps (session) > 0 ||
         !weft_run_wait_settled (weft_session_get_run (session), 0))
    {
      g_usleep (100);
      weft_session_tick (session);
    }
}

/* A: a plain step-mode run of n_steps − 1 steps, from scratch. */
static double
plain_steps (gpointer data)
{
  Case *c = data;
  const WeftScenario *scenario = weft_scenarios_lookup ("philosophers");
  g_autoptr(WeftRun) run = NULL;
  double start = weft_bench_now_ns ();

  run = weft_scenario_create_run (scenario, c->params, 1, NULL);
  if (!weft_run_start (run, WEFT_MODE_STEP, NULL))
    g_error ("could not start");
  weft_run_wait_settled (run, 60 * G_USEC_PER_SEC);
  for (guint i = 0; i + 1 < c->n_steps; i++)
    {
      if (!weft_run_step (run, NULL, NULL))
        g_error ("step %u failed", i + 1);
      weft_run_wait_settled (run, 60 * G_USEC_PER_SEC);
    }
  start = (weft_bench_now_ns () - start) / 1e6;
  weft_run_stop (run);
  return start;
}

/* B: the session's step back from step n_steps. */
static double
step_back (gpointer data)
{
  Case *c = data;
  g_autoptr(GError) error = NULL;
  double start = weft_bench_now_ns ();

  if (!weft_session_step_back (c->session, &error))
    g_error ("step back: %s", error->message);
  start = (weft_bench_now_ns () - start) / 1e6;
  if (weft_run_get_n_steps (weft_session_get_run (c->session)) != c->n_steps - 1)
    g_error ("stepped back to %" G_GUINT64_FORMAT, weft_run_get_n_steps (weft_session_get_run (c->session)));
  /* Forward again, the same way, for the next repetition. */
  weft_session_step (c->session, -1, NULL);
  wait_for_steps (c->session);
  return start;
}

static void
prepare (Case *c)
{
  static const char * const sets[] = { "strategy=ordered", "think_ms=0", "eat_ms=0", "fork_gap_ms=0", NULL };
  const WeftScenario *scenario = weft_scenarios_lookup ("philosophers");

  c->params = weft_params_new (scenario->params, scenario->n_params);
  for (guint i = 0; sets[i] != NULL; i++)
    if (!weft_params_parse (c->params, sets[i], NULL))
      g_error ("bad parameter %s", sets[i]);
  if (!weft_params_parse (c->params, c->count, NULL))
    g_error ("bad parameter %s", c->count);
  c->session = weft_session_new ();
  if (!weft_session_load (c->session, scenario, c->params, NULL))
    g_error ("could not load the run");
  for (guint i = 0; i < c->n_steps; i++)
    {
      weft_session_step (c->session, -1, NULL);
      wait_for_steps (c->session);
    }
}

int
main (int    argc,
      char **argv)
{
  Case cases[] = {
    { "5 philosophers, step back at step 200", "count=5", 200, 100.0 },
    { "1000 philosophers, step back at step 2000", "count=1000", 2000, 1000.0 },
  };
  guint reps = argc > 1 ? (guint) MAX (1, atoi (argv[1])) : WEFT_BENCH_REPS;
  guint n_met = 0;

  /* As weft and weft-cli set it (weft-malloc.c). */
  weft_malloc_init ();
  printf ("bench-replay: a step back (a fresh run replaying every step but the last) vs a plain "
          "step-mode run of the same steps, wall time\n\n");
  weft_bench_header ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Case *c = &cases[i];
      WeftBenchAB ab;
      g_autofree char *figure = NULL;
      g_autofree char *absolute = NULL;
      g_autofree char *target = NULL;
      gboolean met;

      prepare (c);
      weft_bench_ab (plain_steps, c, step_back, c, reps, &ab);
      met = ab.b <= c->target_ms;
      n_met += met;
      figure = g_strdup_printf ("15. %s (ordered, pauses 0), vs a plain step-mode run of the same steps", c->label);
      target = g_strdup_printf ("≤ %.0f ms", c->target_ms);
      absolute = g_strdup_printf ("step back %.1f ms, plain steps %.1f ms", ab.b, ab.a);
      weft_bench_row (figure, target, &ab, absolute, met);
      g_object_unref (c->session);
      weft_params_free (c->params);
    }
  printf ("\nSUMMARY replay: %u of %u targets met\n", n_met, (guint) G_N_ELEMENTS (cases));
  return 0;
}
