/* weft-cli-signals.c — Ctrl+C, SIGTERM and SIGHUP: the first stops the run cleanly, so
 * that its summary, log, trace, image and saved run are still written (the summary says
 * "stopped") before weft-cli exits with 128 + the signal's number; a second one quits at
 * once, removing the temporary files of the outputs being written. SIGPIPE is ignored:
 * a closed pipe on stdout is a failed write, said and counted as such.
 *
 * The signals are taken by a thread of their own with sigwait(), blocked everywhere else:
 * what it does (stop a run, print, remove files) need not be async-signal-safe.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "weft-cli-private.h"
#include "weft-output.h"

static GMutex   watch_lock;
static WeftRun *watched;         /* the run a first signal stops */
static gint     received;        /* atomic: the first signal's number, 0 before */

static sigset_t
handled_signals (void)
{
  sigset_t set;

  sigemptyset (&set);
  sigaddset (&set, SIGINT);
  sigaddset (&set, SIGTERM);
  sigaddset (&set, SIGHUP);
  return set;
}

static gpointer
signal_thread (gpointer data)
{
  sigset_t set = handled_signals ();

  for (;;)
    {
      int signo;

      if (sigwait (&set, &signo) != 0)
        continue;

      if (!g_atomic_int_compare_and_exchange (&received, 0, signo))
        {
          /* The second: quit now, leaving no part of a file behind. */
          weft_output_remove_temporaries ();
          _exit (128 + g_atomic_int_get (&received));
        }

      g_printerr (_("weft-cli: %s: stopping the run and writing what was asked for; "
                    "do it again to quit at once\n"), g_strsignal (signo));
      g_mutex_lock (&watch_lock);
      if (watched != NULL)
        weft_run_stop_nowait (watched);
      g_mutex_unlock (&watch_lock);
    }

  return NULL;
}

void
weft_cli_signals_init (void)
{
  sigset_t set = handled_signals ();
  struct sigaction ignore = { .sa_handler = SIG_IGN };

  sigaction (SIGPIPE, &ignore, NULL);
  /* Before any other thread: they inherit the mask, so only the signal thread takes them. */
  pthread_sigmask (SIG_BLOCK, &set, NULL);
  g_thread_unref (g_thread_new ("weft-cli-signals", signal_thread, NULL));
}

void
weft_cli_signals_watch_run (WeftRun *run)
{
  g_mutex_lock (&watch_lock);
  if (run != NULL)
    weft_run_ref (run);
  g_clear_pointer (&watched, weft_run_unref);
  watched = run;
  /* A signal that came before the run existed stops it as soon as it does. */
  if (run != NULL && g_atomic_int_get (&received) != 0)
    weft_run_stop_nowait (run);
  g_mutex_unlock (&watch_lock);
}

int
weft_cli_signals_received (void)
{
  return g_atomic_int_get (&received);
}
