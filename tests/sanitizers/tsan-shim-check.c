/* tsan-shim-check.c — what the GLib shim must make visible to ThreadSanitizer, one pattern
 * per mode; check-tsan-shim runs each without the shim (TSan must report a race) and all of
 * them with it (TSan must report nothing).
 *
 *   counter  two threads add to a counter under a GMutex (g_mutex_lock, and trylock)
 *   cond     a value handed over under a GMutex while the reader waits on a GCond
 *            (g_cond_wait, then g_cond_wait_until)
 *   once     a value set up once with g_once_init_enter/leave, read by another thread
 *   all      the three
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>
#include <string.h>

#include <glib.h>

#define N_ADDS 10000

static GMutex counter_mutex;
static guint64 counter;           /* under counter_mutex */

static gpointer
count_thread (gpointer data)
{
  for (guint i = 0; i < N_ADDS; i++)
    {
      /* Half of them by trylock, the way a spinning taker does. */
      if (i % 2 == 0 || !g_mutex_trylock (&counter_mutex))
        g_mutex_lock (&counter_mutex);
      counter++;
      g_mutex_unlock (&counter_mutex);
    }
  return NULL;
}

static gboolean
check_counter (void)
{
  GThread *a = g_thread_new ("count-a", count_thread, NULL);
  GThread *b = g_thread_new ("count-b", count_thread, NULL);

  g_thread_join (a);
  g_thread_join (b);
  return counter == 2 * N_ADDS;
}

typedef struct
{
  GMutex   mutex;
  GCond    cond;
  gboolean ready;   /* under mutex */
  guint64  value;   /* under mutex */
} Handover;

static gpointer
hand_over_thread (gpointer data)
{
  Handover *h = data;

  g_mutex_lock (&h->mutex);
  h->value = 42;
  h->ready = TRUE;
  g_cond_signal (&h->cond);
  g_mutex_unlock (&h->mutex);
  return NULL;
}

/* The main thread holds the mutex before the other thread exists, so the other one can
 * only take it while the main thread waits: the handover goes through the wait. */
static gboolean
check_cond_once (gboolean until)
{
  Handover h = { 0 };
  GThread *thread;
  guint64 value;

  g_mutex_init (&h.mutex);
  g_cond_init (&h.cond);

  g_mutex_lock (&h.mutex);
  thread = g_thread_new ("hand-over", hand_over_thread, &h);
  while (!h.ready)
    {
      if (until)
        g_cond_wait_until (&h.cond, &h.mutex, g_get_monotonic_time () + 10 * G_USEC_PER_SEC);
      else
        g_cond_wait (&h.cond, &h.mutex);
    }
  value = h.value;
  g_mutex_unlock (&h.mutex);

  g_thread_join (thread);
  g_cond_clear (&h.cond);
  g_mutex_clear (&h.mutex);
  return value == 42;
}

static gboolean
check_cond (void)
{
  return check_cond_once (FALSE) && check_cond_once (TRUE);
}

static guint64 once_value;       /* written once, before g_once_init_leave */

static guint64
get_once_value (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      once_value = 7;
      g_once_init_leave (&done, 1);
    }
  return once_value;
}

static gpointer
once_thread (gpointer data)
{
  return GSIZE_TO_POINTER (get_once_value ());
}

static gboolean
check_once (void)
{
  GThread *a = g_thread_new ("once-a", once_thread, NULL);
  GThread *b = g_thread_new ("once-b", once_thread, NULL);
  gsize got_a = GPOINTER_TO_SIZE (g_thread_join (a));
  gsize got_b = GPOINTER_TO_SIZE (g_thread_join (b));

  return got_a == 7 && got_b == 7;
}

int
main (int   argc,
      char *argv[])
{
  const char *mode = argc > 1 ? argv[1] : "all";
  gboolean all = strcmp (mode, "all") == 0;
  gboolean ok = TRUE;

  if (all || strcmp (mode, "counter") == 0)
    ok = check_counter () && ok;
  if (all || strcmp (mode, "cond") == 0)
    ok = check_cond () && ok;
  if (all || strcmp (mode, "once") == 0)
    ok = check_once () && ok;

  if (!ok)
    fprintf (stderr, "tsan-shim-check %s: a value was wrong\n", mode);
  return ok ? 0 : 1;
}
