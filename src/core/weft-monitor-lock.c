/* weft-monitor-lock.c — the monitor's lock past its fast path (weft-run-private.h spins
 * first): sleeping when it stays taken, the wake-ups, and a stop's.
 *
 * The monitor is a GMutex, taken by trying (so ThreadSanitizer's shim still sees every
 * acquisition). Who finds it taken does not sleep inside the GMutex but, on Linux, on a
 * futex word of its own, monitor_sleep: a GMutex wakes its sleepers one at a time, each
 * only once the one before has had the CPU and let go, and a stop under load waited for
 * that convoy of a thousand nice threads (up to seconds, bench-core figure 16). The word
 * works as a GMutex's own does — a sleeper marks it, an unlock that finds it marked
 * clears it and wakes one sleeper, who marks it again before trying — so in a run sleepers
 * are woken as seldom as in a GMutex. A stop sets it to MONITOR_STOPPED, for good, and
 * wakes every sleeper: they leave side by side, trying and yielding.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#ifdef __linux__
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "weft-run-private.h"

void (*weft_monitor_test_point) (const char *point) = NULL;

static inline void
test_point (const char *point)
{
  if (G_UNLIKELY (weft_monitor_test_point != NULL))
    weft_monitor_test_point (point);
}

#ifdef __linux__
static void
futex (gint *word,
       int   op,
       gint  value)
{
  syscall (SYS_futex, word, op, value, NULL, NULL, 0);
}
#endif

/* After a stop, a thousand threads on their way out each take the monitor once or twice.
 * Asleep, they would pass one at a time, each waiting for the scheduler to wake it
 * (seconds under load); runnable and trying, whoever runs takes it. */
static void
lock_stopping (WeftRun *run)
{
  while (!g_mutex_trylock (&run->monitor))
    g_thread_yield ();
}

/* Takes the monitor once spinning has failed. */
void
weft_monitor_lock_slow (WeftRun *run)
{
#ifdef __linux__
  while (!g_atomic_int_get (&run->stopping))
    {
      gint seen;

      test_point ("before-mark");
      /* Marked before the last try: an unlock after that try finds the mark and wakes a
       * sleeper, or the futex wait finds the word changed and returns at once. Marked
       * only from "no sleeper": MONITOR_STOPPED is for good (overwritten, it let two
       * threads sleep on one mark after the stop's wake-up, and one of them for ever). */
      if (!g_atomic_int_compare_and_exchange_full (&run->monitor_sleep, MONITOR_NO_SLEEPER,
                                                   MONITOR_SLEEPERS, &seen) &&
          seen == MONITOR_STOPPED)
        break;
#if !defined(__x86_64__) && !defined(__i386__)
      /* The mark before the try, whatever GMutex's trylock orders (its pthread fallback
       * only acquires); on x86 the locked exchange is a full barrier already. */
      __atomic_thread_fence (__ATOMIC_SEQ_CST);
#endif
      if (g_mutex_trylock (&run->monitor))
        return;
      /* A stop after this look changes the word before it wakes. */
      if (g_atomic_int_get (&run->stopping))
        break;
      test_point ("before-sleep");
      futex (&run->monitor_sleep, FUTEX_WAIT_PRIVATE, MONITOR_SLEEPERS);
    }
  lock_stopping (run);
#else
  if (g_atomic_int_get (&run->stopping))
    lock_stopping (run);
  else
    g_mutex_lock (&run->monitor);
#endif
}

/* An unlock found the word marked: one sleeper is woken, and marks it again. */
void
weft_monitor_wake_one (WeftRun *run)
{
#ifdef __linux__
  if (g_atomic_int_compare_and_exchange (&run->monitor_sleep, MONITOR_SLEEPERS, MONITOR_NO_SLEEPER))
    futex (&run->monitor_sleep, FUTEX_WAKE_PRIVATE, 1);
#endif
}

/* A stop (stopping already set): every sleeper wakes, sees it and tries side by side. */
void
weft_monitor_wake_all (WeftRun *run)
{
#ifdef __linux__
  g_atomic_int_set (&run->monitor_sleep, MONITOR_STOPPED);
  futex (&run->monitor_sleep, FUTEX_WAKE_PRIVATE, G_MAXINT);
#endif
}

/* A stop wants the monitor (stop_requested): the actors wait until it has it. Asleep, not
 * polling: a thousand threads waking every 100 µs to look kept the monitor's holder, one
 * nice thread among them, from the CPU it needed to let go. */
void
weft_monitor_stand_back (WeftRun *run)
{
  for (;;)
    {
      gint asked = g_atomic_int_get (&run->stop_requested);

      if (asked == 0 || g_atomic_int_get (&run->stopping))
        return;
#ifdef __linux__
      futex (&run->stop_requested, FUTEX_WAIT_PRIVATE, asked);
#else
      g_usleep (100);
#endif
    }
}

/* The stop has the monitor (or gave up): those standing back may come. */
void
weft_monitor_stand_down (WeftRun *run)
{
  g_atomic_int_add (&run->stop_requested, -1);
#ifdef __linux__
  futex (&run->stop_requested, FUTEX_WAKE_PRIVATE, G_MAXINT);
#endif
}
