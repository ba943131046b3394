/* weft-test-util.h — small helpers shared by the core test suites.
 *
 * Assertions are made only on the test's main thread: actor bodies record what they saw
 * in plain structs and the test checks them once the threads are joined.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <check.h>
#include <glib/gstdio.h>
#include <sys/resource.h>
#include "weft-core.h"

#define TEST_SECOND ((gint64) G_USEC_PER_SEC)

/* Built with AddressSanitizer or ThreadSanitizer (build-aux/test-asan, docs/testing.md):
 * shadow memory is touched beside every access and Weft runs several times slower, more
 * so on a loaded machine. A test that counts page faults would measure the sanitizer and
 * is left to the plain build; one that times Weft allows TEST_SLOWDOWN times as long
 * there (the plain build keeps the real bound). */
#if defined (__SANITIZE_ADDRESS__) || defined (__SANITIZE_THREAD__)
#define TEST_SANITIZED 1
#define TEST_SLOWDOWN 10
#else
#define TEST_SANITIZED 0
#define TEST_SLOWDOWN 1
#endif

/* Page faults taken so far by the process (RUSAGE_SELF) or, where _GNU_SOURCE gives it,
 * the calling thread only (RUSAGE_THREAD). */
static inline glong
test_minor_faults (int who)
{
  struct rusage usage;

  ck_assert_int_eq (getrusage (who, &usage), 0);
  return usage.ru_minflt;
}

/* Number of kept events of @kind in the run's trace (optionally only those on @object,
 * WEFT_NONE for any). */
static inline guint
test_count_events (WeftRun       *run,
                   WeftEventKind  kind,
                   guint          object)
{
  WeftTrace *trace = weft_run_get_trace (run);
  guint64 n = weft_trace_get_n_events (trace);
  guint count = 0;

  for (guint64 i = weft_trace_get_first (trace); i < n; i++)
    {
      WeftEvent ev;

      if (!weft_trace_read (trace, i, &ev))
        continue;
      if (ev.kind != kind)
        continue;
      if (object != WEFT_NONE && ev.object != object)
        continue;
      count++;
    }

  return count;
}

/* Finds the @nth (0-based) kept event of @kind; FALSE if there are fewer. */
/* Number of kept STATE events into @state in the run's trace. */
static inline guint
test_count_state_events (WeftRun   *run,
                         WeftState  state)
{
  WeftTrace *trace = weft_run_get_trace (run);
  guint count = 0;

  for (guint64 i = weft_trace_get_first (trace); i < weft_trace_get_n_events (trace); i++)
    {
      WeftEvent ev;

      if (weft_trace_read (trace, i, &ev) && ev.kind == WEFT_EVENT_STATE && ev.aux == state)
        count++;
    }

  return count;
}

static inline gboolean
test_find_event (WeftRun       *run,
                 WeftEventKind  kind,
                 guint          nth,
                 WeftEvent     *out,
                 guint64       *out_index)
{
  WeftTrace *trace = weft_run_get_trace (run);
  guint64 n = weft_trace_get_n_events (trace);

  for (guint64 i = weft_trace_get_first (trace); i < n; i++)
    {
      WeftEvent ev;

      if (!weft_trace_read (trace, i, &ev) || ev.kind != kind)
        continue;
      if (nth-- == 0)
        {
          *out = ev;
          if (out_index != NULL)
            *out_index = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* Stops the run and returns how long weft_run_stop() took, in µs. */
static inline gint64
test_timed_stop (WeftRun *run)
{
  gint64 before = g_get_monotonic_time ();

  weft_run_stop (run);
  return g_get_monotonic_time () - before;
}

/* Polls until @actor is in @state; FALSE on timeout. */
static inline gboolean
test_wait_for_state (WeftActor *actor,
                     WeftState  state,
                     gint64     timeout_us)
{
  gint64 deadline = g_get_monotonic_time () + timeout_us;

  while (weft_actor_get_state (actor) != state)
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_usleep (1000);
    }

  return TRUE;
}

/* Polls until the atomic int reaches @value; FALSE on timeout. */
static inline gboolean
test_wait_for_int (gint   *atomic,
                   gint    value,
                   gint64  timeout_us)
{
  gint64 deadline = g_get_monotonic_time () + timeout_us;

  while (g_atomic_int_get (atomic) < value)
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_usleep (1000);
    }

  return TRUE;
}

/* Asserts on an atomic int with a readable message. */
#define test_assert_atomic(ptr, op, expected)                                    \
  G_STMT_START {                                                                 \
    gint _atomic_value = g_atomic_int_get (ptr);                                 \
    ck_assert_msg (_atomic_value op (expected), "%s is %d, expected %s %d",      \
                   #ptr, _atomic_value, #op, (gint) (expected));                 \
  } G_STMT_END

/* Starts @run in @mode and asserts it started. */
#define test_start(run, mode)                                                    \
  G_STMT_START {                                                                 \
    GError *_start_error = NULL;                                                 \
    gboolean _started = weft_run_start ((run), (mode), &_start_error);           \
    ck_assert_msg (_started, "weft_run_start failed: %s",                        \
                   _start_error ? _start_error->message : "(no error)");         \
    g_clear_error (&_start_error);                                               \
  } G_STMT_END

/* Waits for the end of a run that must complete, checks it completed, stops it. */
#define test_finish_completed(run, timeout_us)                                   \
  G_STMT_START {                                                                 \
    ck_assert_msg (weft_run_wait_end ((run), (timeout_us)),                      \
                   "the run did not end in time");                               \
    ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_COMPLETED);        \
    weft_run_stop (run);                                                         \
  } G_STMT_END

static inline Suite *
test_add_case (Suite      *suite,
               const char *name,
               const TTest *test)
{
  TCase *tc = tcase_create (name);

  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test);
  suite_add_tcase (suite, tc);
  return suite;
}

/* A case whose test runs between @setup and @teardown (either may be NULL) in the test's
 * own forked process: the window's suites open their display there. */
static inline Suite *
test_add_fixture_case (Suite       *suite,
                       const char  *name,
                       const TTest *test,
                       SFun         setup,
                       SFun         teardown,
                       int          timeout_s)
{
  TCase *tc = tcase_create (name);

  tcase_set_timeout (tc, timeout_s);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test);
  suite_add_tcase (suite, tc);
  return suite;
}

static inline int
test_run_suite (Suite *suite)
{
  SRunner *sr = srunner_create (suite);
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}

/* Removes @dir and everything in it (a test's temporary folder). */
static inline void
test_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        test_remove_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}
