/* bench-core.c — the runtime targets of DESIGN.md, measured against baselines of the same
 * run (weft-bench.h: A/B interleaved, median of at least seven repetitions, ratio B / A):
 *
 *  1. bytes per event: a 10 M-event trace against a flat array of the same events;
 *  2. recording one event against reading the clock (same loop, same run);
 *  3. a hot uncontended acquire/release loop on a Weft lock against a bare GMutex;
 *  4. two threads hammering one lock: Weft lock against a bare GMutex (throughput);
 *  8. start and stop latency of 1000 deadlocked philosophers (absolute; bare threads
 *     created and joined for context);
 *  16. stop under load (PERFORMANCE row 16): 1000 philosophers of the scenario that never pause, with two busy
 *     loops on the machine's two cores, stopped while running, paused, stepped or
 *     deadlocked; and how late the controller wakes at a deadline meanwhile.
 *
 * Prints one Markdown row per figure and a SUMMARY line; never fails on time. Run with
 * meson test -C _build --benchmark core, or the binary directly.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <malloc.h>

#include "weft-core.h"
#include "weft-niceness.h"
#include "weft-scenarios.h"
#include "weft-run-private.h"
#include "weft-trace-pool.h"
#include "bench/weft-bench.h"

#define EVENTS_FOR_SIZE      ((guint64) 10 * 1000 * 1000)
#define EVENTS_FOR_RECORD    ((guint) 2 * 1000 * 1000)
#define RECORD_TRACE_CAP     ((gsize) 32 * 1024 * 1024)
#define UNCONTENDED_PAIRS    ((guint) 1000 * 1000)
#define CONTENDED_PAIRS      ((guint) 100 * 1000)     /* per thread */
#define N_PHILOSOPHERS       1000u
#define STOP_REPS            7u
#define LOADED_REPS          5u
#define LOADED_NICENESS      10    /* as weft-cli and the window make a run's threads */

#define EVENT_SIZE_TARGET    16.0
#define RECORD_TARGET        1.3
#define UNCONTENDED_TARGET   3.5
#define STOP_TARGET_MS       200.0

static const char *
verdict (gboolean met)
{
  return met ? "met" : "MISSED";
}

/* Bytes handed out by malloc, mapped chunks included: mallinfo2 sums every arena. The
 * trace chunks the pool holds ready (weft-trace-pool.h) are no one's yet: a chunk taken
 * from the pool counts as the trace's when it is taken, not when the pool made it. */
static double
malloc_in_use (void)
{
  struct mallinfo2 mi = mallinfo2 ();

  return (double) mi.uordblks + (double) mi.hblkhd - (double) weft_trace_pool_get_bytes ();
}

/* ---- 1. Bytes per event -------------------------------------------------------------- */

static void
fill_event (WeftEvent *ev,
            guint64    i)
{
  weft_event_set_time (ev, i * 3);
  ev->kind = (guint8) (i % WEFT_N_EVENT_KINDS);
  ev->aux = (guint8) i;
  ev->actor = (guint16) (i & 0xFF);
  ev->object = (guint16) (i & 0x3F);
  ev->value = (gint32) i;
}

/* A: the same events in one flat array, the least memory they can take. */
static double
size_flat (gpointer data)
{
  double before = malloc_in_use ();
  WeftEvent *events = g_new (WeftEvent, EVENTS_FOR_SIZE);
  double bytes;

  for (guint64 i = 0; i < EVENTS_FOR_SIZE; i++)
    fill_event (&events[i], i);
  bytes = malloc_in_use () - before;
  g_free (events);

  return bytes / (double) EVENTS_FOR_SIZE;
}

/* B: a trace (default cap, nothing dropped) holding them. */
static double
size_trace (gpointer data)
{
  double before = malloc_in_use ();
  WeftTrace *trace = weft_trace_new (WEFT_TRACE_DEFAULT_CAP);
  double bytes;

  for (guint64 i = 0; i < EVENTS_FOR_SIZE; i++)
    {
      WeftEvent ev;

      fill_event (&ev, i);
      weft_trace_append (trace, &ev);
    }
  g_assert_cmpuint (weft_trace_get_first (trace), ==, 0);
  bytes = malloc_in_use () - before;
  weft_trace_free (trace);

  return bytes / (double) EVENTS_FOR_SIZE;
}

/* ---- 2. Recording an event vs reading the clock ------------------------------------- */

static volatile guint64 sink;

/* A: read the run's clock, as weft_run_record does, N times. */
static double
loop_clock (gpointer data)
{
  WeftRun *run = data;
  guint64 acc = 0;
  double t0 = weft_bench_now_ns ();

  for (guint i = 0; i < EVENTS_FOR_RECORD; i++)
    acc += weft_run_now (run);
  sink = acc;

  return (weft_bench_now_ns () - t0) / EVENTS_FOR_RECORD;
}

/* B: record N events the way every operation does (clock included). The trace sits at
 * its cap, recycling its oldest chunk: the steady state of a long run. */
static double
loop_record (gpointer data)
{
  WeftRun *run = data;
  double t0 = weft_bench_now_ns ();

  for (guint i = 0; i < EVENTS_FOR_RECORD; i++)
    weft_run_record (run, WEFT_EVENT_MARK, 0, WEFT_NONE, (guint8) i, (gint32) i);

  return (weft_bench_now_ns () - t0) / EVENTS_FOR_RECORD;
}

/* Plain CLOCK_MONOTONIC, for context. */
static double
loop_clock_gettime (void)
{
  guint64 acc = 0;
  double t0 = weft_bench_now_ns ();

  for (guint i = 0; i < EVENTS_FOR_RECORD; i++)
    {
      struct timespec ts;

      clock_gettime (CLOCK_MONOTONIC, &ts);
      acc += (guint64) ts.tv_nsec;
    }
  sink = acc;

  return (weft_bench_now_ns () - t0) / EVENTS_FOR_RECORD;
}

/* ---- 3. Hot uncontended loop ------------------------------------------------------- */

typedef struct
{
  GMutex   mutex;
  WeftLock *lock;
  guint    pairs;
  double   ns;        /* measured by the looping thread */
} LoopData;

static gpointer
bare_uncontended_thread (gpointer data)
{
  LoopData *d = data;
  double t0 = weft_bench_now_ns ();

  for (guint i = 0; i < d->pairs; i++)
    {
      g_mutex_lock (&d->mutex);
      g_mutex_unlock (&d->mutex);
    }
  d->ns = weft_bench_now_ns () - t0;

  return NULL;
}

/* A: a GThread loops while the main thread waits to join it (two threads alive). */
static double
uncontended_bare (gpointer data)
{
  LoopData d = { .pairs = UNCONTENDED_PAIRS };

  g_mutex_init (&d.mutex);
  g_thread_join (g_thread_new ("bare", bare_uncontended_thread, &d));
  g_mutex_clear (&d.mutex);

  return d.ns / d.pairs;
}

static void
weft_uncontended_actor (WeftActor *self,
                        gpointer   user_data)
{
  LoopData *d = user_data;
  double t0 = weft_bench_now_ns ();

  for (guint i = 0; i < d->pairs; i++)
    {
      if (!weft_lock_acquire (self, d->lock) || !weft_lock_release (self, d->lock))
        return;
    }
  d->ns = weft_bench_now_ns () - t0;
}

static void
start_or_die (WeftRun *run)
{
  g_autoptr(GError) error = NULL;

  if (!weft_run_start (run, WEFT_MODE_RUN, &error))
    g_error ("weft_run_start: %s", error->message);
}

/* B: one actor loops on a Weft lock inside a real run while the main thread waits for
 * the end (two threads alive). */
static double
uncontended_weft (gpointer data)
{
  LoopData d = { .pairs = UNCONTENDED_PAIRS };
  g_autoptr(WeftRun) run = weft_run_new (1);

  d.lock = weft_lock_new (run, "lock");
  weft_run_add_actor (run, "looper", weft_uncontended_actor, &d, NULL);
  start_or_die (run);
  if (!weft_run_wait_end (run, 60 * G_USEC_PER_SEC))
    g_error ("the uncontended loop did not end");
  weft_run_stop (run);

  return d.ns / d.pairs;
}

/* ---- 4. Contended loop ------------------------------------------------------------- */

typedef struct
{
  GMutex       mutex;
  WeftLock    *lock;
  WeftBarrier *start;
  gint         arrived;      /* atomic: bare start line */
  double       t_start[2];
  double       t_end[2];
  guint        next;         /* atomic: thread slot */
} ContendedData;

static double
contended_elapsed (ContendedData *d)
{
  return MAX (d->t_end[0], d->t_end[1]) - MIN (d->t_start[0], d->t_start[1]);
}

static gpointer
bare_contended_thread (gpointer data)
{
  ContendedData *d = data;
  guint slot = (guint) g_atomic_int_add (&d->next, 1);

  /* Both threads leave the line together, as the Weft side's barrier makes them. */
  g_atomic_int_inc (&d->arrived);
  while (g_atomic_int_get (&d->arrived) < 2)
    ;
  d->t_start[slot] = weft_bench_now_ns ();
  for (guint i = 0; i < CONTENDED_PAIRS; i++)
    {
      g_mutex_lock (&d->mutex);
      g_mutex_unlock (&d->mutex);
    }
  d->t_end[slot] = weft_bench_now_ns ();

  return NULL;
}

/* A: two GThreads, one GMutex; ns per pair over all pairs, first start to last end. */
static double
contended_bare (gpointer data)
{
  ContendedData d = { 0 };
  GThread *threads[2];

  g_mutex_init (&d.mutex);
  for (guint i = 0; i < 2; i++)
    threads[i] = g_thread_new ("bare", bare_contended_thread, &d);
  for (guint i = 0; i < 2; i++)
    g_thread_join (threads[i]);
  g_mutex_clear (&d.mutex);

  return contended_elapsed (&d) / (2.0 * CONTENDED_PAIRS);
}

static void
weft_contended_actor (WeftActor *self,
                      gpointer   user_data)
{
  ContendedData *d = user_data;
  guint slot = weft_actor_get_index (self);

  if (!weft_barrier_wait (self, d->start))
    return;
  d->t_start[slot] = weft_bench_now_ns ();
  for (guint i = 0; i < CONTENDED_PAIRS; i++)
    {
      if (!weft_lock_acquire (self, d->lock) || !weft_lock_release (self, d->lock))
        return;
    }
  d->t_end[slot] = weft_bench_now_ns ();
}

/* B: two actors, one Weft lock. */
static double
contended_weft (gpointer data)
{
  ContendedData d = { 0 };
  g_autoptr(WeftRun) run = weft_run_new (2);

  d.lock = weft_lock_new (run, "lock");
  d.start = weft_barrier_new (run, "start", 2);
  weft_run_add_actor (run, "hammer 0", weft_contended_actor, &d, NULL);
  weft_run_add_actor (run, "hammer 1", weft_contended_actor, &d, NULL);
  start_or_die (run);
  if (!weft_run_wait_end (run, 120 * G_USEC_PER_SEC))
    g_error ("the contended loop did not end");
  weft_run_stop (run);

  return contended_elapsed (&d) / (2.0 * CONTENDED_PAIRS);
}

/* ---- 8. Start and stop of 1000 deadlocked philosophers ------------------------------- */

typedef struct
{
  WeftLock    *forks[N_PHILOSOPHERS];
  WeftBarrier *table;
  double       first_op[N_PHILOSOPHERS];  /* when each took its first fork */
} TableData;

typedef struct
{
  TableData *d;
  guint      index;
} Philosopher;

/* Left fork, then (once everybody holds one) the right fork: a certain deadlock. */
static void
philosopher (WeftActor *self,
             gpointer   user_data)
{
  Philosopher *p = user_data;
  TableData *d = p->d;

  if (!weft_lock_acquire (self, d->forks[p->index]))
    return;
  d->first_op[p->index] = weft_bench_now_ns ();
  if (!weft_barrier_wait (self, d->table))
    return;
  if (weft_lock_acquire (self, d->forks[(p->index + 1) % N_PHILOSOPHERS]))
    weft_lock_release (self, d->forks[(p->index + 1) % N_PHILOSOPHERS]);
}

/* One run: returns the start latency (weft_run_start until every philosopher has done
 * its first operation) and the stop latency (weft_run_stop from the deadlock until it
 * returned, every thread joined), in ms. */
static void
philosophers_once (double *start_ms,
                   double *stop_ms)
{
  TableData *d = g_new0 (TableData, 1);
  Philosopher *ps = g_new0 (Philosopher, N_PHILOSOPHERS);
  WeftRun *run = weft_run_new (8);
  double t_start;
  double t_stop;
  double last = 0;

  for (guint i = 0; i < N_PHILOSOPHERS; i++)
    {
      char name[32];

      g_snprintf (name, sizeof name, "fork %u", i);
      d->forks[i] = weft_lock_new (run, name);
    }
  d->table = weft_barrier_new (run, "table", N_PHILOSOPHERS);
  for (guint i = 0; i < N_PHILOSOPHERS; i++)
    {
      char name[32];

      g_snprintf (name, sizeof name, "philosopher %u", i);
      ps[i].d = d;
      ps[i].index = i;
      weft_run_add_actor (run, name, philosopher, &ps[i], NULL);
    }

  t_start = weft_bench_now_ns ();
  start_or_die (run);
  if (!weft_run_wait_end (run, 60 * G_USEC_PER_SEC) ||
      weft_run_get_outcome (run) != WEFT_OUTCOME_DEADLOCK)
    g_error ("1000 philosophers did not deadlock");
  for (guint i = 0; i < N_PHILOSOPHERS; i++)
    last = MAX (last, d->first_op[i]);

  t_stop = weft_bench_now_ns ();
  weft_run_stop (run);
  *stop_ms = (weft_bench_now_ns () - t_stop) / 1e6;
  *start_ms = (last - t_start) / 1e6;

  weft_run_unref (run);
  g_free (ps);
  g_free (d);
}

typedef struct
{
  GMutex mutex;
  double first_op;
} BareThread;

static gpointer
bare_thread (gpointer data)
{
  BareThread *t = data;

  g_mutex_lock (&t->mutex);
  t->first_op = weft_bench_now_ns ();
  g_mutex_unlock (&t->mutex);

  return NULL;
}

/* Context: create 1000 bare GThreads that each take a mutex once; the time until the
 * last did, and until all are joined, in ms. */
static void
bare_threads_once (double *first_ms,
                   double *joined_ms)
{
  BareThread *ts = g_new0 (BareThread, N_PHILOSOPHERS);
  GThread **threads = g_new (GThread *, N_PHILOSOPHERS);
  double t0 = weft_bench_now_ns ();
  double last = 0;

  for (guint i = 0; i < N_PHILOSOPHERS; i++)
    {
      g_mutex_init (&ts[i].mutex);
      threads[i] = g_thread_new ("bare", bare_thread, &ts[i]);
    }
  for (guint i = 0; i < N_PHILOSOPHERS; i++)
    g_thread_join (threads[i]);
  *joined_ms = (weft_bench_now_ns () - t0) / 1e6;
  for (guint i = 0; i < N_PHILOSOPHERS; i++)
    {
      last = MAX (last, ts[i].first_op);
      g_mutex_clear (&ts[i].mutex);
    }
  *first_ms = (last - t0) / 1e6;

  g_free (threads);
  g_free (ts);
}

/* ---- 9. Stop under load ---------------------------------------------------------------- */

typedef enum
{
  LOADED_RUNNING,
  LOADED_PAUSED,
  LOADED_STEPPED,
  LOADED_DEADLOCKED,
  N_LOADED_STATES
} LoadedState;

static const char * const loaded_state_names[] = { "running", "paused", "stepped", "deadlocked" };

static gint busy_stop;

/* The load: a loop that never yields, at the controller's niceness. */
static gpointer
busy_loop (gpointer data)
{
  volatile guint64 n = 0;

  while (!g_atomic_int_get (&busy_stop))
    n++;
  return NULL;
}

static WeftRun *
loaded_run (LoadedState state)
{
  const WeftScenario *scenario = weft_scenarios_lookup ("philosophers");
  g_autoptr(WeftParams) params = weft_params_new (scenario->params, scenario->n_params);
  const char *sets[] = { state == LOADED_DEADLOCKED ? "strategy=naive" : "strategy=ordered",
                         "count=1000", "think_ms=0", "eat_ms=0",
                         state == LOADED_DEADLOCKED ? "fork_gap_ms=50" : "fork_gap_ms=0", NULL };
  WeftRun *run;

  for (guint i = 0; sets[i] != NULL; i++)
    if (!weft_params_parse (params, sets[i], NULL))
      g_error ("bench-core: %s", sets[i]);
  run = weft_scenario_create_run (scenario, params, 9, NULL);
  weft_run_set_niceness (run, LOADED_NICENESS);
  return run;
}

typedef struct
{
  GMutex mutex;
  GCond  cond;
  int    go;
} BareWaiter;

static gpointer
bare_waiter (gpointer data);

static gpointer
bare_waiter_niced (gpointer data)
{
  weft_niceness_lower_own (LOADED_NICENESS);
  return bare_waiter (data);
}

static gpointer
bare_waiter (gpointer data)
{
  BareWaiter *w = data;

  g_mutex_lock (&w->mutex);
  while (!w->go)
    g_cond_wait (&w->cond, &w->mutex);
  g_mutex_unlock (&w->mutex);
  return NULL;
}

/* The floor, under the same load: 1000 bare GThreads at the same niceness, each asleep on
 * a condition, woken and joined; in ms. With @actor_stacks, their stacks are the actors'
 * (WEFT_ACTOR_STACK_SIZE), else GLib's default (the process's: 8 MiB). */
static double
bare_wake_and_join_once (gboolean actor_stacks)
{
  BareWaiter *ws = g_new0 (BareWaiter, N_PHILOSOPHERS);
  GThread **threads = g_new (GThread *, N_PHILOSOPHERS);
  double t0;

  for (guint i = 0; i < N_PHILOSOPHERS; i++)
    {
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      threads[i] = actor_stacks
        ? g_thread_create_full (bare_waiter_niced, &ws[i], WEFT_ACTOR_STACK_SIZE, TRUE, FALSE,
                                G_THREAD_PRIORITY_NORMAL, NULL)
        : g_thread_new ("bare", bare_waiter_niced, &ws[i]);
      G_GNUC_END_IGNORE_DEPRECATIONS
    }
  g_usleep (200 * 1000);
  t0 = weft_bench_now_ns ();
  for (guint i = 0; i < N_PHILOSOPHERS; i++)
    {
      g_mutex_lock (&ws[i].mutex);
      ws[i].go = 1;
      g_cond_signal (&ws[i].cond);
      g_mutex_unlock (&ws[i].mutex);
    }
  for (guint i = 0; i < N_PHILOSOPHERS; i++)
    g_thread_join (threads[i]);
  t0 = (weft_bench_now_ns () - t0) / 1e6;
  g_free (threads);
  g_free (ws);
  return t0;
}

/* One stop of 1000 busy philosophers in @state under the load: the time weft_run_stop()
 * took, every thread joined (and of it, weft_run_stop_nowait()), and how late weft_run_wait_end() returned after its
 * deadline of 300 ms, in ms. */
static void
loaded_once (LoadedState state,
             double     *stop_ms,
             double     *nowait_ms,
             double     *late_ms)
{
  g_autoptr(WeftRun) run = loaded_run (state);
  double t0, t1, deadline;

  if (!weft_run_start (run, state == LOADED_STEPPED ? WEFT_MODE_STEP : WEFT_MODE_RUN, NULL))
    g_error ("bench-core: the loaded run did not start");

  switch (state)
    {
    case LOADED_RUNNING:
    case LOADED_PAUSED:
      g_usleep (200 * 1000);
      break;
    case LOADED_STEPPED:
      weft_run_wait_settled (run, 30 * G_USEC_PER_SEC);
      for (guint i = 0; i < 100; i++)
        {
          weft_run_step (run, NULL, NULL);
          weft_run_wait_settled (run, G_USEC_PER_SEC);
        }
      break;
    case LOADED_DEADLOCKED:
      if (!weft_run_wait_end (run, 60 * G_USEC_PER_SEC))
        g_error ("bench-core: 1000 naive philosophers did not deadlock");
      break;
    case N_LOADED_STATES:
    default:
      g_assert_not_reached ();
    }

  /* The controller's deadline, as weft-cli waits for --duration. */
  deadline = weft_bench_now_ns () + 300e6;
  weft_run_wait_end (run, 300 * 1000);
  *late_ms = MAX (weft_bench_now_ns () - deadline, 0) / 1e6;
  if (state == LOADED_PAUSED)
    {
      weft_run_pause (run);
      weft_run_wait_settled (run, 10 * G_USEC_PER_SEC);
    }

  /* weft_run_stop(), in its two halves. */
  t0 = weft_bench_now_ns ();
  weft_run_stop_nowait (run);
  t1 = weft_bench_now_ns ();
  weft_run_join (run);
  *stop_ms = (weft_bench_now_ns () - t0) / 1e6;
  *nowait_ms = (t1 - t0) / 1e6;
}

/* ---- Main -------------------------------------------------------------------------- */

static char **only;

/* With arguments (size, record, uncontended, contended, philosophers), only those
 * figures run: e.g. to profile one of them under perf. */
static gboolean
want (const char *figure)
{
  return only == NULL || g_strv_contains ((const char * const *) only, figure);
}

int
main (int    argc,
      char **argv)
{
  WeftBenchAB size_ab = { 0 }, record_ab = { 0 }, uncontended_ab = { 0 }, contended_ab = { 0 };
  g_autoptr(WeftRun) record_run = NULL;
  double start_ms[STOP_REPS], stop_ms[STOP_REPS];
  double bare_first_ms[STOP_REPS], bare_joined_ms[STOP_REPS];
  double start_med = 0, stop_med = 0, bare_first_med, bare_joined_med, stop_max = 0;
  double gettime_ns;
  char absolute[320];
  gboolean size_ok = FALSE, record_ok = FALSE, uncontended_ok = FALSE, stop_ok = FALSE;
  gboolean loaded_ok = TRUE, loaded_ran = FALSE;
  double loaded_worst = 0;
  guint n_met;

  /* As weft and weft-cli set it (weft-malloc.c). */
  weft_malloc_init ();
  setlocale (LC_ALL, "C.UTF-8");
  if (argc > 1)
    only = argv + 1;

#ifdef WEFT_BENCH_OLD_CLOCK
  printf ("# bench-core: %d CPUs, %u repetitions, A/B interleaved, ratio B/A; Weft's clock: "
          "clock_gettime\n\n", g_get_num_processors (), WEFT_BENCH_REPS);
#else
  printf ("# bench-core: %d CPUs, %u repetitions, A/B interleaved, ratio B/A; Weft's clock: "
          "%s\n\n", g_get_num_processors (), WEFT_BENCH_REPS, weft_clock_get_source ());
#endif
  weft_bench_header ();

  if (want ("size"))
    {
      weft_bench_ab (size_flat, NULL, size_trace, NULL, WEFT_BENCH_REPS, &size_ab);
      /* The chunks' malloc headers and the slot table add a hundredth of a byte. */
      size_ok = sizeof (WeftEvent) <= EVENT_SIZE_TARGET && size_ab.b <= EVENT_SIZE_TARGET * 1.01;
      g_snprintf (absolute, sizeof absolute,
                  "sizeof (WeftEvent) %zu B; 10 M-event trace %.3f B/event vs flat array %.3f "
                  "(malloc in use, mallinfo2 delta)", sizeof (WeftEvent), size_ab.b, size_ab.a);
      weft_bench_row ("1. bytes per event: 10 M-event trace / flat array", "≤ 16 B",
                      &size_ab, absolute, size_ok);
    }

  if (want ("record"))
    {
      record_run = weft_run_new (0);
      weft_run_set_trace_cap (record_run, RECORD_TRACE_CAP);
      start_or_die (record_run);   /* no actors: it starts and completes, t0 is set */
      weft_bench_ab (loop_clock, record_run, loop_record, record_run, WEFT_BENCH_REPS,
                     &record_ab);
      gettime_ns = loop_clock_gettime ();
      record_ok = record_ab.ratio <= RECORD_TARGET;
      g_snprintf (absolute, sizeof absolute,
                  "record %.1f ns/event vs clock %.1f ns/read (CLOCK_MONOTONIC: %.1f ns)",
                  record_ab.b, record_ab.a, gettime_ns);
      weft_bench_row ("2. record one event / read the clock", "≤ 1.3×", &record_ab, absolute,
                      record_ok);
    }

  if (want ("uncontended"))
    {
      weft_bench_ab (uncontended_bare, NULL, uncontended_weft, NULL, WEFT_BENCH_REPS,
                     &uncontended_ab);
      uncontended_ok = uncontended_ab.ratio <= UNCONTENDED_TARGET;
      g_snprintf (absolute, sizeof absolute,
                  "Weft %.1f ns/pair vs GMutex %.1f ns/pair (%u pairs, 1 looping thread + main "
                  "alive)", uncontended_ab.b, uncontended_ab.a, UNCONTENDED_PAIRS);
      weft_bench_row ("3. hot uncontended acquire/release: Weft lock / GMutex",
                      "≤ 3.5× (Tracy ~9×)", &uncontended_ab, absolute, uncontended_ok);
    }

  if (want ("contended"))
    {
      weft_bench_ab (contended_bare, NULL, contended_weft, NULL, 11,
                     &contended_ab);
      g_snprintf (absolute, sizeof absolute,
                  "Weft %.0f ns/pair vs GMutex %.0f ns/pair (2 threads × %u pairs, one lock)",
                  contended_ab.b, contended_ab.a, CONTENDED_PAIRS);
      weft_bench_row ("4. contended, 2 threads on one lock: Weft lock / GMutex",
                      "— (no target)", &contended_ab, absolute, TRUE);
    }

  if (want ("philosophers"))
    {
      double s, t;

      /* Interleaved with bare threads, for context; one warm-up of each. */
      philosophers_once (&s, &t);
      bare_threads_once (&s, &t);
      for (guint i = 0; i < STOP_REPS; i++)
        {
          if (i % 2 == 0)
            {
              philosophers_once (&start_ms[i], &stop_ms[i]);
              bare_threads_once (&bare_first_ms[i], &bare_joined_ms[i]);
            }
          else
            {
              bare_threads_once (&bare_first_ms[i], &bare_joined_ms[i]);
              philosophers_once (&start_ms[i], &stop_ms[i]);
            }
          stop_max = MAX (stop_max, stop_ms[i]);
        }
      stop_med = weft_bench_median (stop_ms, STOP_REPS);
      start_med = weft_bench_median (start_ms, STOP_REPS);
      bare_first_med = weft_bench_median (bare_first_ms, STOP_REPS);
      bare_joined_med = weft_bench_median (bare_joined_ms, STOP_REPS);
      stop_ok = stop_med <= STOP_TARGET_MS;
      g_snprintf (absolute, sizeof absolute,
                  "%.1f ms median (%.1f–%.1f, %u runs); context: 1000 bare GThreads created "
                  "and joined %.1f ms", stop_med, stop_ms[0], stop_max, STOP_REPS,
                  bare_joined_med);
      weft_bench_row ("8. stop from a deadlock of 1000 philosophers, every thread joined",
                      "≤ 200 ms", NULL, absolute, stop_ok);
      g_snprintf (absolute, sizeof absolute,
                  "%.1f ms median (%.1f–%.1f, %u runs); context: 1000 bare GThreads created, "
                  "each taking a mutex once: %.1f ms", start_med, start_ms[0],
                  start_ms[STOP_REPS - 1], STOP_REPS, bare_first_med);
      weft_bench_row ("8. start of 1000 philosophers, until each did its first operation",
                      "— (no target)", NULL, absolute, TRUE);
    }

  if (want ("loaded"))
    {
      GThread *loops[2];
      double warm_stop, warm_nowait, warm_late;

      loaded_ran = TRUE;
      g_atomic_int_set (&busy_stop, FALSE);
      for (guint i = 0; i < G_N_ELEMENTS (loops); i++)
        loops[i] = g_thread_new ("busy", busy_loop, NULL);
      loaded_once (LOADED_RUNNING, &warm_stop, &warm_nowait, &warm_late);
      {
        double bare_ms[LOADED_REPS], small_ms[LOADED_REPS];

        for (guint i = 0; i < LOADED_REPS; i++)
          {
            bare_ms[i] = bare_wake_and_join_once (FALSE);
            small_ms[i] = bare_wake_and_join_once (TRUE);
          }
        g_snprintf (absolute, sizeof absolute, "%.1f ms median with the actors' stacks (%d KiB), "
                    "%.1f ms with GLib's default (%u runs each, interleaved): the floor of the "
                    "stops below", weft_bench_median (small_ms, LOADED_REPS),
                    WEFT_ACTOR_STACK_SIZE / 1024, weft_bench_median (bare_ms, LOADED_REPS),
                    LOADED_REPS);
        weft_bench_row ("16. context: 1000 bare GThreads asleep, woken and joined, same load and niceness",
                        "—", NULL, absolute, TRUE);
      }
      for (guint state = 0; state < N_LOADED_STATES; state++)
        {
          double lstop_ms[LOADED_REPS], nowait_ms[LOADED_REPS], late_ms[LOADED_REPS];
          double lstop_max = 0, nowait_max = 0, late_max = 0;
          char figure[128];

          for (guint i = 0; i < LOADED_REPS; i++)
            {
              loaded_once (state, &lstop_ms[i], &nowait_ms[i], &late_ms[i]);
              lstop_max = MAX (lstop_max, lstop_ms[i]);
              nowait_max = MAX (nowait_max, nowait_ms[i]);
              late_max = MAX (late_max, late_ms[i]);
            }
          g_snprintf (absolute, sizeof absolute,
                      "stop %.1f ms median, %.1f max (of it weft_run_stop_nowait() %.1f, max "
                      "%.1f); the controller woke %.1f ms late at its deadline (median), %.1f max "
                      "(%u runs, 1000 threads at nice %d, 2 busy loops)",
                      weft_bench_median (lstop_ms, LOADED_REPS), lstop_max,
                      weft_bench_median (nowait_ms, LOADED_REPS), nowait_max,
                      weft_bench_median (late_ms, LOADED_REPS), late_max, LOADED_REPS, LOADED_NICENESS);
          g_snprintf (figure, sizeof figure, "16. stop under load, 1000 busy philosophers %s, every thread joined",
                      loaded_state_names[state]);
          weft_bench_row (figure, "≤ 200 ms", NULL, absolute, lstop_max <= STOP_TARGET_MS);
          loaded_ok = loaded_ok && lstop_max <= STOP_TARGET_MS;
          loaded_worst = MAX (loaded_worst, lstop_max);
        }
      g_atomic_int_set (&busy_stop, TRUE);
      for (guint i = 0; i < G_N_ELEMENTS (loops); i++)
        g_thread_join (loops[i]);
    }

  if (only != NULL)
    {
      printf ("\nSUMMARY: partial run (%s)\n", g_strjoinv (" ", only));
      return 0;
    }

  n_met = (guint) size_ok + (guint) record_ok + (guint) uncontended_ok + (guint) stop_ok +
          (guint) (loaded_ran && loaded_ok);
  printf ("\nSUMMARY: event %.2f B (≤ 16: %s); record/clock %.2f× (≤ 1.3: %s); "
          "uncontended lock %.2f× (≤ 3.5: %s); contended %.2f×; stop %.1f ms (≤ 200: %s); "
          "stop under load %.1f ms worst (≤ 200: %s); start %.1f ms — %s\n",
          size_ab.b, verdict (size_ok), record_ab.ratio, verdict (record_ok),
          uncontended_ab.ratio, verdict (uncontended_ok), contended_ab.ratio, stop_med,
          verdict (stop_ok), loaded_worst, verdict (loaded_ok), start_med,
          n_met == 5 ? "ALL TARGETS MET" : "SOME TARGETS MISSED");

  return 0;
}
