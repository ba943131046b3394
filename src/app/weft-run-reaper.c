/* weft-run-reaper.c — a stopped run's threads joined on a worker thread, so that Stop,
 * Reset and closing the window answer at once (see weft-run-reaper.h).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "weft-run-reaper.h"

static gpointer
reap_thread (gpointer data)
{
  WeftRun *run = data;

  weft_run_join (run);
  /* Often the last reference (after a reset): the run and its trace are freed here too,
   * off the main thread. */
  weft_run_unref (run);
  return NULL;
}

void
weft_run_reap (WeftRun *run)
{
  g_autoptr(GError) error = NULL;
  GThread *thread;

  g_return_if_fail (run != NULL);

  weft_run_stop_nowait (run);

  /* A plain thread rather than GTask's pool: a join may take seconds and must not hold
   * up the pool's other users. */
  thread = g_thread_try_new ("weft-reaper", reap_thread, weft_run_ref (run), &error);
  if (thread == NULL)
    {
      /* No thread left to spare: join here, as before the reaper. */
      g_warning ("Could not start a thread to join the run's threads: %s", error->message);
      reap_thread (run);
      return;
    }
  g_thread_unref (thread);
}
