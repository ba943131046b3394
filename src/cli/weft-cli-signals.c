/* weft-cli-signals.c — Ctrl+C, SIGTERM and SIGHUP: the first stops the run cleanly, so
 * that its summary, log, trace, image and saved run are still written (the summary says
 * "stopped") before weft-cli exits with 128 + the signal's number; a second one quits at
 * once, removing the temporary files of the outputs being written. SIGPIPE is ignored:
 * a closed pipe on stdout is a failed write, said and counted as such.
 *
 * The first is taken by a thread of its own with sigwait() (they are blocked everywhere
 * else), which stops the run before it says anything: a message that blocks on a full
 * stderr must not keep the run going. That thread then takes the next one in a handler
 * that only unlinks and exits. A signal the caller ignores (nohup) stays ignored.
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
static sigset_t handled;         /* the signals weft-cli takes: those not ignored */

/* The second signal, wherever it lands: nothing here may block or take a lock. */
static void
quit_now (int signo)
{
  weft_output_remove_temporaries ();
  _exit (128 + signo);
}

static gpointer
signal_thread (gpointer data)
{
  struct sigaction quit = { .sa_handler = quit_now };
  int signo;

  while (sigwait (&handled, &signo) != 0)
    ;
  g_atomic_int_set (&received, signo);

  /* The run first: the message below may block (stderr on a full pipe). */
  g_mutex_lock (&watch_lock);
  if (watched != NULL)
    weft_run_stop_nowait (watched);
  g_mutex_unlock (&watch_lock);

  /* From now on a signal quits at once: it is taken by this thread's handler. */
  sigfillset (&quit.sa_mask);
  for (int s = 1; s < NSIG; s++)
    if (sigismember (&handled, s) == 1)
      sigaction (s, &quit, NULL);
  pthread_sigmask (SIG_UNBLOCK, &handled, NULL);

  g_printerr (_("weft-cli: %s: stopping the run and writing what was asked for; "
                "do it again to quit at once\n"), g_strsignal (signo));
  for (;;)
    pause ();

  return NULL;
}

void
weft_cli_signals_init (void)
{
  static const int wanted[] = { SIGINT, SIGTERM, SIGHUP };
  struct sigaction ignore = { .sa_handler = SIG_IGN };

  sigaction (SIGPIPE, &ignore, NULL);
  /* A signal the caller ignores stays ignored (nohup, a script's background job). */
  sigemptyset (&handled);
  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    {
      struct sigaction current;

      if (sigaction (wanted[i], NULL, &current) == 0 && current.sa_handler != SIG_IGN)
        sigaddset (&handled, wanted[i]);
    }
  /* Before any other thread: they inherit the mask, so only the signal thread takes them. */
  pthread_sigmask (SIG_BLOCK, &handled, NULL);
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
