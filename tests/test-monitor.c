/* test-monitor.c — the monitor's lock (weft-monitor-lock.c): who finds the monitor taken
 * sleeps on a futex word that a stop wakes at once. Threads are stopped at the protocol's
 * named points (weft_monitor_test_point) to force the interleavings that a preemption
 * would make, once in thousands of runs.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib.h>

#include "weft-test-util.h"

#include "weft-run-private.h"

/* The seam: a thread whose role names a point waits there once until the test lets it
 * go. */
typedef struct
{
  const char *role;        /* the thread's name in the test */
  const char *point;       /* where it stops */
  const char *at;          /* where it is stopped now, or NULL */
  gboolean    go;
  gboolean    passed;      /* stopped once already */
} Stop;

static GMutex stops_mutex;
static GCond  stops_cond;
static Stop   stops[4];
static guint  n_stops;
static GPrivate current_stop;

static void
test_point (const char *point)
{
  Stop *stop = g_private_get (&current_stop);

  if (stop == NULL || stop->passed || strcmp (point, stop->point) != 0)
    return;
  g_mutex_lock (&stops_mutex);
  stop->passed = TRUE;
  stop->at = point;
  g_cond_broadcast (&stops_cond);
  while (!stop->go)
    g_cond_wait (&stops_cond, &stops_mutex);
  stop->at = NULL;
  g_mutex_unlock (&stops_mutex);
}

static WeftRun *run;

typedef struct
{
  Stop     *stop;
  gint      done;        /* atomic */
  Stop     *hold;        /* where it waits holding the monitor, or NULL */
} Contender;

static gpointer
contender_thread (gpointer data)
{
  Contender *c = data;

  g_private_set (&current_stop, c->stop);
  weft_monitor_spin_lock (run);   /* what weft_monitor_lock() ends in */
  if (c->hold != NULL)
    {
      g_private_set (&current_stop, c->hold);
      test_point ("holding");
    }
  weft_monitor_unlock (run);
  g_atomic_int_set (&c->done, 1);
  return NULL;
}

static Stop *
add_stop (const char *role,
          const char *point)
{
  Stop *stop = &stops[n_stops++];

  stop->role = role;
  stop->point = point;
  return stop;
}

static void
wait_stopped (Stop *stop)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_mutex_lock (&stops_mutex);
  while (stop->at == NULL)
    ck_assert_msg (g_cond_wait_until (&stops_cond, &stops_mutex, deadline),
                   "%s never reached %s", stop->role, stop->point);
  g_mutex_unlock (&stops_mutex);
}

static void
let_go (Stop *stop)
{
  g_mutex_lock (&stops_mutex);
  stop->go = TRUE;
  g_cond_broadcast (&stops_cond);
  g_mutex_unlock (&stops_mutex);
}

static gboolean
wait_done (Contender *c,
           gint64     timeout_us)
{
  gint64 deadline = g_get_monotonic_time () + timeout_us;

  while (!g_atomic_int_get (&c->done) && g_get_monotonic_time () < deadline)
    g_usleep (1000);
  return g_atomic_int_get (&c->done);
}

/* Found by review: A looked at "stopping" (not yet) and was preempted before its mark; B
 * and C marked, failed their try and were preempted before sleeping. The stop then ran
 * whole (the word "stopped", every sleeper woken: none yet). A's mark overwrote "stopped"
 * and A took the free monitor; B and C slept on that one mark; A's unlock woke one of
 * them, who left without marking again, and the other slept for ever, the monitor free: a
 * stop that never joins. "Stopped" is now for good, and nobody sleeps after a stop. */
START_TEST (test_nobody_sleeps_after_a_stop)
{
  Contender a = { 0 }, b = { 0 }, c = { 0 };
  GThread *threads[3];

  n_stops = 0;
  memset (stops, 0, sizeof stops);
  a.stop = add_stop ("A", "before-mark");
  a.hold = add_stop ("A", "holding");
  b.stop = add_stop ("B", "before-sleep");
  c.stop = add_stop ("C", "before-sleep");

  weft_monitor_test_point = test_point;
  run = weft_run_new (1);
  ck_assert (weft_run_start (run, WEFT_MODE_RUN, NULL));   /* no actors: it completes */

  /* The test holds the monitor while the three arrive. */
  ck_assert (g_mutex_trylock (&run->monitor));
  threads[0] = g_thread_new ("A", contender_thread, &a);
  threads[1] = g_thread_new ("B", contender_thread, &b);
  threads[2] = g_thread_new ("C", contender_thread, &c);
  wait_stopped (a.stop);
  wait_stopped (b.stop);
  wait_stopped (c.stop);

  /* The holder lets go, then the stop runs whole. */
  weft_monitor_release (run);
  weft_run_stop_nowait (run);

  let_go (a.stop);
  wait_stopped (a.hold);        /* A has the monitor */
  let_go (b.stop);
  let_go (c.stop);
  g_usleep (100 * 1000);        /* B and C on their way to sleep, if they may */
  let_go (a.hold);

  ck_assert (wait_done (&a, 5 * G_USEC_PER_SEC));
  ck_assert_msg (wait_done (&b, 5 * G_USEC_PER_SEC) && wait_done (&c, 5 * G_USEC_PER_SEC),
                 "a thread sleeps on the monitor's word after the stop, the monitor free "
                 "(B done %d, C done %d)", g_atomic_int_get (&b.done), g_atomic_int_get (&c.done));
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  weft_run_stop (run);
  g_clear_pointer (&run, weft_run_unref);
}
END_TEST

/* A sleeper is woken by the next unlock: the holder's release finds the mark. */
START_TEST (test_unlock_wakes_a_sleeper)
{
  Contender b = { 0 };
  GThread *thread;

  n_stops = 0;
  memset (stops, 0, sizeof stops);
  b.stop = add_stop ("B", "before-sleep");

  weft_monitor_test_point = test_point;
  run = weft_run_new (1);
  ck_assert (g_mutex_trylock (&run->monitor));
  thread = g_thread_new ("B", contender_thread, &b);
  wait_stopped (b.stop);        /* marked, tried, about to sleep */
  let_go (b.stop);
  g_usleep (100 * 1000);        /* asleep */
  ck_assert (!g_atomic_int_get (&b.done));
  weft_monitor_release (run);
  ck_assert_msg (wait_done (&b, 5 * G_USEC_PER_SEC), "the unlock did not wake the sleeper");
  g_thread_join (thread);
  g_clear_pointer (&run, weft_run_unref);
}
END_TEST

static Suite *
monitor_suite (void)
{
  Suite *s = suite_create ("monitor");

  test_add_case (s, "nobody-sleeps-after-a-stop", test_nobody_sleeps_after_a_stop);
  test_add_case (s, "unlock-wakes-a-sleeper", test_unlock_wakes_a_sleeper);
  return s;
}

int
main (void)
{
  return test_run_suite (monitor_suite ());
}
