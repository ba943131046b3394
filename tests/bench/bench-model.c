/* bench-model.c — how fast the model is built from events (issue 14, point 6: "model build
 * ns/event"), measured A/B against a baseline of the same run (weft-bench.h: interleaved,
 * median of ≥ 7, ratio B / A):
 *
 *  9. the synthetic trace's events (weft-test-synthetic.h), generated once beforehand, fed
 *     to a fresh model one weft_model_add_event() at a time, against copying the same
 *     events one at a time into a flat array sized beforehand (the cheapest consumer: each
 *     event read once, written once). Target: ≤ 30 ns per event at 10 M events. The
 *     model's memory after the build is given for context: the growth of the process's
 *     resident memory during the build (the model's stores are mappings of their own, not
 *     heap).
 *
 * Both sides are timed in the thread's CPU time (page faults included), not wall time:
 * this machine is shared, and a build of seconds is otherwise mostly other processes' time
 * slices.
 *
 * Prints one Markdown row per figure and a SUMMARY line; never fails on time. Run with
 *   meson test -C _build --benchmark model --print-errorlogs
 * or directly, with an optional number of repetitions: _build/tests/bench/bench-model 9
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "weft-bench.h"
#include "weft-test-synthetic.h"

#define BUILD_TARGET_NS 30.0

static double
cpu_now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double) ts.tv_sec * 1e9 + (double) ts.tv_nsec;
}

/* The resident memory of the process, bytes. */
static gsize
resident (void)
{
  g_autofree char *statm = NULL;
  unsigned long size = 0, rss = 0;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL) ||
      sscanf (statm, "%lu %lu", &size, &rss) != 2)
    return 0;
  return (gsize) rss * (gsize) sysconf (_SC_PAGESIZE);
}

typedef struct
{
  GArray    *events;   /* WeftEvent */
  guint64    end_ns;
  WeftEvent *copy;     /* A: where the events are copied */
  gsize      memory;   /* B: the resident memory the last build added, bytes */
} Build;

/* A: each event copied into a flat array, one at a time. */
static double
copy_events (gpointer data)
{
  Build *build = data;
  const WeftEvent *events = (const WeftEvent *) build->events->data;
  guint n = build->events->len;
  double start;

  start = cpu_now_ns ();
  for (guint i = 0; i < n; i++)
    {
      build->copy[i] = events[i];
      /* Keep the compiler from turning the loop into one memcpy. */
      __asm__ volatile ("" : : "r" (&build->copy[i]) : "memory");
    }
  return (cpu_now_ns () - start) / n;
}

/* B: a fresh model (its actors and objects are not timed) given each event. */
static double
build_model (gpointer data)
{
  Build *build = data;
  const WeftEvent *events = (const WeftEvent *) build->events->data;
  guint n = build->events->len;
  WeftModel *model = test_synthetic_model_empty ();
  gsize before = resident ();
  double start;

  start = cpu_now_ns ();
  for (guint i = 0; i < n; i++)
    weft_model_add_event (model, &events[i]);
  weft_model_set_end (model, build->end_ns);
  start = cpu_now_ns () - start;
  build->memory = resident () - MIN (before, resident ());
  if (weft_model_get_n_events (model) != n)
    g_error ("the model counted %" G_GUINT64_FORMAT " events of %u",
             weft_model_get_n_events (model), n);
  weft_model_unref (model);
  return start / n;
}

/* One row; returns the model's median ns per event. */
static double
bench_build (guint64     n_events,
             const char *label,
             gboolean    has_target,
             guint       reps,
             gsize      *memory)
{
  Build build = { 0 };
  WeftBenchAB ab;
  g_autofree char *figure = NULL;
  g_autofree char *absolute = NULL;

  build.events = test_synthetic_events (n_events, 1, &build.end_ns);
  build.copy = g_new (WeftEvent, build.events->len);
  weft_bench_ab (copy_events, &build, build_model, &build, reps, &ab);
  figure = g_strdup_printf ("9. model build, ns per event, %s synthetic events (%u), "
                            "vs copying each event into a flat array", label, build.events->len);
  absolute = g_strdup_printf ("model %.1f ns/event (%.2f s), copy %.2f ns/event; model "
                              "memory %.0f MB (%.1f bytes/event); CPU time", ab.b,
                              ab.b * build.events->len / 1e9, ab.a, build.memory / 1e6,
                              (double) build.memory / build.events->len);
  weft_bench_row (figure, has_target ? "≤ 30 ns" : "— (context)", &ab, absolute,
                  !has_target || ab.b <= BUILD_TARGET_NS);
  *memory = build.memory;
  g_free (build.copy);
  g_array_unref (build.events);
  return ab.b;
}

int
main (int    argc,
      char **argv)
{
  guint reps = WEFT_BENCH_REPS;
  double ns_1m, ns_10m;
  gsize memory_1m, memory_10m;
  struct rusage usage;

  /* As weft and weft-cli set it (weft-malloc.c). */
  weft_malloc_init ();
  setlocale (LC_ALL, "C");
  if (argc > 1)
    reps = (guint) MAX (1, atoi (argv[1]));

  printf ("bench-model: %u repetitions per figure\n\n", MAX (reps, WEFT_BENCH_REPS));
  weft_bench_header ();
  ns_1m = bench_build (1000000, "1 M", FALSE, reps, &memory_1m);
  ns_10m = bench_build (10000000, "10 M", TRUE, reps, &memory_10m);
  getrusage (RUSAGE_SELF, &usage);

  printf ("\nSUMMARY model: build %.1f ns/event at 10 M (≤ 30), %.1f at 1 M; model memory %.0f MB "
          "at 10 M, %.0f MB at 1 M; peak RSS of the process %.0f MB (the 10 M events and their copy "
          "included) — %u of 1 targets met\n", ns_10m, ns_1m, memory_10m / 1e6, memory_1m / 1e6,
          usage.ru_maxrss / 1e3, ns_10m <= BUILD_TARGET_NS ? 1u : 0u);
  return 0;
}
