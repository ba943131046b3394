/* test-app-session.c — the session without a window: its enums are GTypes where they
 * cross properties and signals, and a frame reads each new event from the trace once,
 * for every consumer (the model, the alerts, the log's list).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "weft-frame-reader.h"
#include "weft-scenarios.h"
#include "weft-session.h"
#include "weft-test-scenario.h"
#include "weft-test-util.h"

START_TEST (test_enums_are_gtypes)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (WEFT_TYPE_SESSION);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), "state");
  g_autoptr(GEnumClass) states = g_type_class_ref (WEFT_TYPE_SESSION_STATE);
  g_autoptr(GEnumClass) policies = g_type_class_ref (WEFT_TYPE_POLICY);
  GSignalQuery query;

  ck_assert (G_IS_PARAM_SPEC_ENUM (pspec));
  ck_assert (G_PARAM_SPEC_VALUE_TYPE (pspec) == WEFT_TYPE_SESSION_STATE);
  ck_assert_str_eq (g_enum_get_value (states, WEFT_SESSION_PAUSED)->value_nick, "paused");
  ck_assert_str_eq (g_enum_get_value (policies, WEFT_POLICY_ROUND_ROBIN)->value_nick, "round-robin");
  ck_assert (G_TYPE_IS_ENUM (WEFT_TYPE_MODE));

  g_signal_query (g_signal_lookup ("alert", WEFT_TYPE_SESSION), &query);
  ck_assert_uint_eq (query.n_params, 3);
  ck_assert (query.param_types[0] == WEFT_TYPE_ALERT);
}
END_TEST

/* The events of the trace the log shows, counted straight from it. */
static guint
count_logged (WeftRun *run,
              guint64  to)
{
  WeftTraceCursor cursor;
  WeftEvent event;
  guint n = 0;

  weft_trace_cursor_init (&cursor, weft_run_get_trace (run), 0);
  while (cursor.next < to && weft_trace_cursor_next (&cursor, &event))
    if (weft_event_is_logged (run, &event))
      n++;
  return n;
}

/* Frame after frame of a real run, every consumer is exactly where the session's one
 * read left it, and the read count is the trace's: each event was read once, not once
 * per consumer. */
START_TEST (test_one_read_a_frame_feeds_everyone)
{
  const WeftScenario *scenario = weft_scenarios_lookup ("philosophers");
  g_autoptr(WeftParams) params = weft_params_new (scenario->params, scenario->n_params);
  g_autoptr(WeftSession) session = weft_session_new ();
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 20 * TEST_SECOND;
  WeftTrace *trace;
  WeftModel *model;
  WeftEventList *events;
  guint frames = 0;

  ck_assert (weft_params_parse (params, "count=3", NULL));
  ck_assert (weft_params_parse (params, "strategy=ordered", NULL));
  ck_assert (weft_params_parse (params, "meals=3", NULL));
  ck_assert (weft_params_parse (params, "think_ms=5", NULL));
  ck_assert (weft_params_parse (params, "eat_ms=5", NULL));
  ck_assert (weft_params_parse (params, "fork_gap_ms=5", NULL));
  ck_assert (weft_session_load (session, scenario, params, &error));
  model = weft_session_get_model (session);
  events = weft_session_get_events (session);
  trace = weft_run_get_trace (weft_session_get_run (session));
  ck_assert_uint_eq (weft_session_get_n_events_read (session), 0);

  weft_session_play (session);
  while (weft_session_get_state (session) != WEFT_SESSION_ENDED)
    {
      guint64 n_read;

      weft_session_tick (session);
      frames++;
      n_read = weft_session_get_n_events_read (session);
      /* Nothing recycled at this size: the model has every event read, the log every
       * logged one among them. */
      ck_assert_uint_eq (weft_model_get_n_events (model), n_read);
      ck_assert_uint_eq (g_list_model_get_n_items (G_LIST_MODEL (events)),
                         count_logged (weft_session_get_run (session), n_read));
      ck_assert_msg (g_get_monotonic_time () < deadline, "the run did not end");
      g_usleep (2000);
    }

  /* The frames after the end read what was left, a frame's budget each. */
  while (weft_session_is_catching_up (session))
    weft_session_tick (session);

  ck_assert_uint_gt (frames, 1);
  ck_assert_uint_gt (weft_trace_get_n_events (trace), 0);
  ck_assert_uint_eq (weft_session_get_n_events_read (session), weft_trace_get_n_events (trace));
  ck_assert_uint_eq (weft_model_get_n_events (model), weft_trace_get_n_events (trace));
  ck_assert_uint_eq (g_list_model_get_n_items (G_LIST_MODEL (events)),
                     count_logged (weft_session_get_run (session), G_MAXUINT64));

  /* An ended run's tick reads nothing more. */
  weft_session_tick (session);
  ck_assert_uint_eq (weft_session_get_n_events_read (session), weft_trace_get_n_events (trace));
}
END_TEST

/* The trace forgets under the reader (the smallest cap: two chunks): the model gets every
 * event read, the skipped ones are counted, and the log's list, fed only from the batches,
 * keeps what the trace keeps, in order. */
START_TEST (test_reader_and_list_under_recycling)
{
  static const char * const sets[] = { "strategy=ordered", "think_ms=0", "eat_ms=0",
                                       "fork_gap_ms=0", "meals=100000", NULL };
  g_autoptr(WeftRun) run = test_make_run ("philosophers", 9, sets);
  g_autoptr(WeftModel) model = NULL;
  g_autoptr(WeftFrameReader) reader = NULL;
  g_autoptr(WeftEventList) list = NULL;
  WeftTrace *trace;
  guint n_frames = 0;

  weft_run_set_trace_cap (run, 1);
  trace = weft_run_get_trace (run);
  model = weft_model_new_for_run (run);
  reader = weft_frame_reader_new (run, model);
  list = weft_event_list_new (run);
  test_start (run, WEFT_MODE_RUN);

  for (gboolean ended = FALSE; !ended; )
    {
      const WeftIndexedEvent *events;
      guint n, n_items;

      /* A frame's budget, as the session's: the writers can outrun an unbounded read. */
      ended = weft_run_wait_end (run, 5);
      events = weft_frame_reader_read (reader, 5000, &n);
      weft_event_list_append (list, events, n, weft_frame_reader_get_next (reader));
      n_frames++;

      for (guint i = 1; i < n; i++)
        ck_assert_uint_gt (events[i].index, events[i - 1].index);
      n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
      ck_assert_uint_le (n_items, 3 * WEFT_TRACE_CHUNK_EVENTS);
      if (n_items > 1)
        {
          g_autoptr(WeftEventItem) first = g_list_model_get_item (G_LIST_MODEL (list), 0);
          g_autoptr(WeftEventItem) last = g_list_model_get_item (G_LIST_MODEL (list), n_items - 1);

          ck_assert_uint_lt (weft_event_item_get_index (first), weft_event_item_get_index (last));
          ck_assert_uint_lt (weft_event_item_get_index (last), weft_frame_reader_get_next (reader));
        }
    }
  weft_run_stop (run);
  {
    const WeftIndexedEvent *events;
    guint n;

    do
      {
        events = weft_frame_reader_read (reader, G_MAXUINT64, &n);
        weft_event_list_append (list, events, n, weft_frame_reader_get_next (reader));
      }
    while (n > 0);
  }

  ck_assert_uint_gt (n_frames, 2);
  ck_assert_uint_gt (weft_trace_get_first (trace), 4 * WEFT_TRACE_CHUNK_EVENTS);
  ck_assert_uint_eq (weft_frame_reader_get_next (reader), weft_trace_get_n_events (trace));
  ck_assert_uint_eq (weft_frame_reader_get_n_read (reader) + weft_frame_reader_get_n_skipped (reader),
                     weft_trace_get_n_events (trace));
  ck_assert_uint_eq (weft_model_get_n_events (model), weft_frame_reader_get_n_read (reader));
  /* After a last append, nothing the trace forgot is listed. */
  weft_event_list_append (list, NULL, 0, weft_frame_reader_get_next (reader));
  {
    guint n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
    g_autoptr(WeftEventItem) first = g_list_model_get_item (G_LIST_MODEL (list), 0);

    ck_assert_uint_gt (n_items, 0);
    ck_assert_uint_ge (weft_event_item_get_index (first), weft_trace_get_first (trace));
  }
}
END_TEST

/* A reader hopelessly behind a run that goes on (more than WEFT_FRAME_READER_JUMP_FRAMES
 * frames' budget unread, and JUMP_MIN events) gives up catching up: it reads the newest events, counts the ones it jumped
 * over as skipped, and the model says history before them is dropped, so the timeline
 * shows the present, tinted and labelled before it, instead of a past the writers are
 * about to recycle (and the log "This event is no longer kept"). A paused or ended run's
 * backlog does not move: it is read whole. A reader a little behind reads on. */
START_TEST (test_reader_far_behind_jumps_to_the_present)
{
  static const char * const sets[] = { "strategy=ordered", "think_ms=0", "eat_ms=0",
                                       "fork_gap_ms=0", NULL };
  g_autoptr(WeftRun) run = test_make_run ("philosophers", 11, sets);
  g_autoptr(WeftModel) model = weft_model_new_for_run (run);
  g_autoptr(WeftFrameReader) reader = weft_frame_reader_new (run, model);
  const guint64 budget = 1000;
  const WeftIndexedEvent *events;
  WeftTrace *trace = weft_run_get_trace (run);
  guint64 n_before, n_forgotten;
  WeftEvent first;
  guint n;

  test_start (run, WEFT_MODE_RUN);
  while (weft_trace_get_n_events (trace) < 200 * budget)
    g_usleep (1000);

  /* Read while the run goes on: the newest events. */
  n_before = weft_trace_get_n_events (trace);
  ck_assert_uint_gt (n_before, MAX (WEFT_FRAME_READER_JUMP_FRAMES * budget, WEFT_FRAME_READER_JUMP_MIN));
  events = weft_frame_reader_read (reader, budget, &n);
  ck_assert_uint_eq (n, budget);
  ck_assert_uint_ge (events[0].index, n_before - budget);
  ck_assert_uint_eq (weft_frame_reader_get_n_skipped (reader), events[0].index);
  ck_assert (weft_trace_read (trace, events[0].index, &first));
  ck_assert_uint_eq (weft_model_get_forgotten (model, &n_forgotten), weft_event_get_time (&first));
  ck_assert_uint_eq (n_forgotten, events[0].index);
  ck_assert_uint_eq (weft_model_get_n_events (model), budget);
  weft_run_stop (run);

  /* Ended, the backlog stays put: it is read whole, however far behind. */
  {
    guint64 next = weft_frame_reader_get_next (reader);
    guint64 skipped = weft_frame_reader_get_n_skipped (reader);

    events = weft_frame_reader_read (reader, budget, &n);
    ck_assert_uint_eq (n, MIN (budget, weft_trace_get_n_events (trace) - next));
    ck_assert_uint_eq (events[0].index, next);
    while (weft_frame_reader_is_behind (reader))
      weft_frame_reader_read (reader, budget, &n);
    ck_assert_uint_eq (weft_frame_reader_get_n_skipped (reader), skipped);
    ck_assert_uint_eq (weft_frame_reader_get_next (reader), weft_trace_get_n_events (trace));
  }

  /* A little behind a run that goes on: no jump. */
  {
    g_autoptr(WeftRun) slow = test_make_run ("philosophers", 12, sets);
    g_autoptr(WeftModel) slow_model = weft_model_new_for_run (slow);
    g_autoptr(WeftFrameReader) slow_reader = weft_frame_reader_new (slow, slow_model);
    WeftTrace *slow_trace = weft_run_get_trace (slow);

    test_start (slow, WEFT_MODE_RUN);
    while (weft_trace_get_n_events (slow_trace) < 5 * budget)
      g_usleep (100);
    events = weft_frame_reader_read (slow_reader, 50000, &n);
    ck_assert_uint_gt (n, 0);
    ck_assert_uint_eq (events[0].index, 0);
    ck_assert_uint_eq (weft_frame_reader_get_n_skipped (slow_reader), 0);
    ck_assert_uint_eq (weft_model_get_forgotten (slow_model, NULL), 0);
    weft_run_stop (slow);
  }
}
END_TEST

/* A read stops once its deadline has passed, the clock looked at every 1024 events: a
 * frame's model building stays within its share of the frame. The rest is read later. */
START_TEST (test_reader_stops_at_its_deadline)
{
  static const char * const sets[] = { "strategy=ordered", "think_ms=0", "eat_ms=0",
                                       "fork_gap_ms=0", NULL };
  g_autoptr(WeftRun) run = test_make_run ("philosophers", 13, sets);
  g_autoptr(WeftModel) model = weft_model_new_for_run (run);
  g_autoptr(WeftFrameReader) reader = weft_frame_reader_new (run, model);
  WeftTrace *trace = weft_run_get_trace (run);
  guint n;

  test_start (run, WEFT_MODE_RUN);
  while (weft_trace_get_n_events (trace) < 10000)
    g_usleep (100);
  weft_run_stop (run);

  /* A deadline already passed: one look's worth. */
  weft_frame_reader_read_until (reader, 50000, g_get_monotonic_time () - 1, &n);
  ck_assert_uint_eq (n, 1024);
  ck_assert (weft_frame_reader_is_behind (reader));
  /* Time enough: the rest. */
  weft_frame_reader_read_until (reader, G_MAXUINT64, G_MAXINT64, &n);
  ck_assert_uint_eq (weft_frame_reader_get_next (reader), weft_trace_get_n_events (trace));
  ck_assert (!weft_frame_reader_is_behind (reader));
  ck_assert_uint_eq (weft_model_get_n_events (model), weft_trace_get_n_events (trace));
}
END_TEST

/* The frame reader builds the model weft_model_sync() builds from the same trace: the same
 * spans, flows, end and words for the parked threads' next operations. */
START_TEST (test_reader_builds_the_synced_model)
{
  static const char * const sets[] = { "count=4", "strategy=ordered", "meals=2",
                                       "think_ms=0", "eat_ms=0", "fork_gap_ms=0", NULL };
  g_autoptr(WeftRun) run = test_make_run ("philosophers", 1, sets);
  g_autoptr(WeftModel) synced = NULL;
  g_autoptr(WeftModel) read = NULL;
  g_autoptr(WeftFrameReader) reader = NULL;
  guint n, n_a, n_b;

  test_start (run, WEFT_MODE_STEP);
  ck_assert_uint_gt (test_step_to_end (run, 500), 10);
  weft_run_stop (run);

  synced = weft_model_new_for_run (run);
  weft_model_sync (synced, run);
  read = weft_model_new_for_run (run);
  reader = weft_frame_reader_new (run, read);
  /* Several frames' worth, as the window reads it. */
  do
    weft_frame_reader_read (reader, 7, &n);
  while (n > 0);

  ck_assert_uint_eq (weft_model_get_n_events (read), weft_model_get_n_events (synced));
  ck_assert_uint_eq (weft_model_get_end_ns (read), weft_model_get_end_ns (synced));
  ck_assert_uint_eq (weft_model_get_n_actors (read), weft_model_get_n_actors (synced));
  for (guint a = 0; a < weft_model_get_n_actors (synced); a++)
    {
      const WeftThreadSpan *sa = weft_model_get_thread_spans (synced, a, &n_a);
      const WeftThreadSpan *sb = weft_model_get_thread_spans (read, a, &n_b);

      ck_assert_uint_eq (n_a, n_b);
      ck_assert_uint_gt (n_a, 0);
      ck_assert (memcmp (sa, sb, n_a * sizeof *sa) == 0);
      for (guint k = 0; k < n_a; k++)
        if (sa[k].state == WEFT_STATE_PARKED)
          {
            g_autofree char *wa = weft_model_describe_next (synced, a, sa[k].detail, sa[k].object);
            g_autofree char *wb = weft_model_describe_next (read, a, sb[k].detail, sb[k].object);

            ck_assert_str_eq (wa, wb);
          }
    }
  for (guint o = 0; o < weft_model_get_n_objects (synced); o++)
    {
      const WeftResourceSpan *ra = weft_model_get_resource_spans (synced, o, &n_a);
      const WeftResourceSpan *rb = weft_model_get_resource_spans (read, o, &n_b);

      ck_assert_uint_eq (n_a, n_b);
      ck_assert (n_a == 0 || memcmp (ra, rb, n_a * sizeof *ra) == 0);
    }
  weft_model_get_flows (synced, &n_a);
  weft_model_get_flows (read, &n_b);
  ck_assert_uint_eq (n_a, n_b);
  ck_assert_uint_gt (n_a, 0);
}
END_TEST

/* Under ThreadSanitizer (build-aux/test-tsan) every thread runs 5 to 15 times slower:
 * the tests below then build a backlog a tenth as long (waiting for it: the run's rate
 * varies a lot there, 13,000 to 100,000 events in the first 800 ms) and allow ten times
 * the time. They still stop, reset and pause the densest run, for TSan to check; their
 * times are checked by the normal build. */
#ifdef __SANITIZE_THREAD__
#define SLOWDOWN 10
#else
#define SLOWDOWN 1
#endif

/* The densest run the window is asked for: 1000 philosophers who never think, eat or
 * pause between forks, at 10×, left running until the frame reader is well behind. */
static WeftSession *
start_dense_backlog (void)
{
  const WeftScenario *scenario = weft_scenarios_lookup ("philosophers");
  g_autoptr(WeftParams) params = weft_params_new (scenario->params, scenario->n_params);
  WeftSession *session = weft_session_new ();

  ck_assert (weft_params_parse (params, "count=1000", NULL));
  ck_assert (weft_params_parse (params, "strategy=ordered", NULL));
  ck_assert (weft_params_parse (params, "think_ms=0", NULL));
  ck_assert (weft_params_parse (params, "eat_ms=0", NULL));
  ck_assert (weft_params_parse (params, "fork_gap_ms=0", NULL));
  ck_assert (weft_session_load (session, scenario, params, NULL));
  weft_session_set_speed (session, 10.0);
  weft_session_play (session);

  /* A few frames with small budgets: the reader falls behind the writers. */
  for (guint i = 0; i < 5; i++)
    {
      g_usleep (100 * 1000);
      weft_session_tick (session);
    }
  g_usleep (300 * 1000);
#ifdef __SANITIZE_THREAD__
  for (guint i = 0; i < 300; i++)
    {
      if (weft_trace_get_n_events (weft_run_get_trace (weft_session_get_run (session))) >
          weft_session_get_n_events_read (session) + 100000 / SLOWDOWN)
        break;
      g_usleep (100 * 1000);
    }
#endif
  ck_assert_uint_gt (weft_trace_get_n_events (weft_run_get_trace (weft_session_get_run (session))),
                     weft_session_get_n_events_read (session) + 100000 / SLOWDOWN);
  return session;
}

/* How long a call kept the calling (main) thread, in ms. */
static double
ms_since (gint64 t0_us)
{
  return (double) (g_get_monotonic_time () - t0_us) / 1000.0;
}

/* 200 ms is the target on an idle machine; a loaded 2-core CI machine gets a margin (and a
 * sanitizer's build, which checks memory, not time, ten times that). */
#define INSTANT_MS (400.0 * TEST_SLOWDOWN)

/* The window's main thread gets Stop back at once, whatever is pending: neither the
 * backlog of unread events nor the joining of 1000 threads is done in the call; the state
 * says ended at once, and later frames read the rest in frame-sized slices. */
START_TEST (test_stop_with_a_backlog_is_instant)
{
  g_autoptr(WeftSession) session = start_dense_backlog ();
  WeftRun *run = weft_session_get_run (session);
  gint64 t0 = g_get_monotonic_time ();
  guint64 n_read_at_stop;
  double ms, tick_ms;

  weft_session_stop (session);
  ms = ms_since (t0);
  g_printerr ("stop: %.1f ms, %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " events read\n",
              ms, weft_session_get_n_events_read (session),
              weft_trace_get_n_events (weft_run_get_trace (run)));
  ck_assert_int_eq (weft_session_get_state (session), WEFT_SESSION_ENDED);
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_STOPPED);
  ck_assert_msg (ms < INSTANT_MS, "stop kept the main thread %.1f ms", ms);
  n_read_at_stop = weft_session_get_n_events_read (session);

  t0 = g_get_monotonic_time ();
  weft_session_tick (session);
  tick_ms = ms_since (t0);
  g_printerr ("first tick after stop: %.1f ms\n", tick_ms);
  ck_assert_msg (tick_ms < INSTANT_MS, "a tick after stop took %.1f ms", tick_ms);

  /* The rest is read in frame-sized slices, and the reaper joins every thread. */
  while (weft_session_is_catching_up (session))
    {
      t0 = g_get_monotonic_time ();
      weft_session_tick (session);
      tick_ms = ms_since (t0);
      ck_assert_msg (tick_ms < INSTANT_MS, "a tick after stop took %.1f ms", tick_ms);
    }
  ck_assert_uint_gt (weft_session_get_n_events_read (session), n_read_at_stop);
  weft_run_join (run);
}
END_TEST

/* Reset during the same run: the old run's threads are joined elsewhere, its backlog is
 * never read, and the new run is ready at once. */
START_TEST (test_reset_with_a_backlog_is_instant)
{
  g_autoptr(WeftSession) session = start_dense_backlog ();
  WeftRun *old_run = weft_session_get_run (session);
  gint64 t0 = g_get_monotonic_time ();
  double ms;

  ck_assert (weft_session_reset (session, NULL, NULL));
  ms = ms_since (t0);
  g_printerr ("reset: %.1f ms\n", ms);
  ck_assert_int_eq (weft_session_get_state (session), WEFT_SESSION_READY);
  ck_assert_ptr_ne (weft_session_get_run (session), old_run);
  ck_assert_uint_eq (weft_session_get_n_events_read (session), 0);
  ck_assert_msg (ms < INSTANT_MS, "reset kept the main thread %.1f ms", ms);
}
END_TEST

/* Pause answers at once and takes effect at once: the call is short, the state says
 * paused, and within 200 ms (with the margin) the threads have stopped writing events;
 * the frames after it stay frame-sized. */
START_TEST (test_pause_with_a_backlog_is_instant)
{
  g_autoptr(WeftSession) session = start_dense_backlog ();
  WeftTrace *trace = weft_run_get_trace (weft_session_get_run (session));
  gint64 t0 = g_get_monotonic_time ();
  guint64 n_at_200, n_later;
  double ms, settled_ms, tick_ms;

  weft_session_pause (session);
  ms = ms_since (t0);
  ck_assert_int_eq (weft_session_get_state (session), WEFT_SESSION_PAUSED);

  /* Every thread parks at its next gate: the trace stops growing. */
  while (!weft_run_wait_settled (weft_session_get_run (session), 0) && ms_since (t0) < 10000)
    g_usleep (1000);
  settled_ms = ms_since (t0);
  g_usleep (MAX (0, (gint64) ((INSTANT_MS - ms_since (t0)) * 1000)));
  n_at_200 = weft_trace_get_n_events (trace);
  g_usleep (200 * 1000);
  n_later = weft_trace_get_n_events (trace);

  t0 = g_get_monotonic_time ();
  weft_session_tick (session);
  tick_ms = ms_since (t0);
  g_printerr ("pause: %.1f ms, settled after %.1f ms, tick %.1f ms\n", ms, settled_ms, tick_ms);
  ck_assert_msg (ms < INSTANT_MS, "pause kept the main thread %.1f ms", ms);
  ck_assert_msg (settled_ms < INSTANT_MS, "the threads parked after %.1f ms", settled_ms);
  ck_assert_uint_eq (n_later, n_at_200);
  ck_assert_msg (tick_ms < INSTANT_MS, "a tick after pause took %.1f ms", tick_ms);
  ck_assert_int_eq (weft_session_get_state (session), WEFT_SESSION_PAUSED);

  /* Stopping a paused run with a backlog is as quick. */
  t0 = g_get_monotonic_time ();
  weft_session_stop (session);
  ms = ms_since (t0);
  g_printerr ("stop after pause: %.1f ms\n", ms);
  ck_assert_msg (ms < INSTANT_MS, "stop kept the main thread %.1f ms", ms);
}
END_TEST

/* A thread that computes for a long while between two operations, without any gate. */
#define COMPUTE_US (2600 * 1000)

static void
long_computation_run (WeftActor *self,
                      gpointer   user_data)
{
  WeftLock *lock = user_data;
  gint64 until;

  if (!weft_lock_acquire (self, lock) || !weft_lock_release (self, lock))
    return;
  until = g_get_monotonic_time () + COMPUTE_US;
  while (g_get_monotonic_time () < until && !weft_run_is_stopping (weft_actor_get_run (self)))
    ;
  if (weft_lock_acquire (self, lock))
    weft_lock_release (self, lock);
}

static gboolean
long_computation_setup (WeftRun          *run,
                        const WeftParams *params,
                        GError          **error)
{
  weft_run_add_actor (run, "Calculator", long_computation_run, weft_lock_new (run, "lock"), NULL);
  return TRUE;
}

static GVariant *
no_metrics (WeftRun *run)
{
  return g_variant_new ("a{sv}", NULL);
}

static void
count_message (WeftSession *session,
               const char  *text,
               guint       *n)
{
  (*n)++;
}

/* A step asked for while a thread is on its way to its next operation is taken when it
 * gets there, however long the way (here a 2.6 s computation; on a loaded machine, any
 * thread the scheduler leaves waiting): the step is not dropped with "No thread can move"
 * after a fixed patience while a thread is still running. */
START_TEST (test_step_waits_for_a_running_thread)
{
  static const WeftScenario scenario = {
    .id = "long-computation", .title = "Long computation", .description = "", .lesson = "",
    .setup = long_computation_setup, .metrics = no_metrics,
  };
  g_autoptr(WeftParams) params = weft_params_new (NULL, 0);
  g_autoptr(WeftSession) session = weft_session_new ();
  g_autoptr(GError) error = NULL;
  guint n_messages = 0;
  gint64 deadline;
  WeftRun *run;

  ck_assert_msg (weft_session_load (session, &scenario, params, &error), "%s",
                 error != NULL ? error->message : "");
  g_signal_connect (session, "message", G_CALLBACK (count_message), &n_messages);
  run = weft_session_get_run (session);

  for (guint i = 0; i < 3; i++)
    ck_assert (weft_session_step (session, -1, NULL));
  deadline = g_get_monotonic_time () + 2 * COMPUTE_US;
  while (weft_session_get_n_pending_steps (session) > 0 && g_get_monotonic_time () < deadline)
    {
      g_usleep (5000);
      weft_session_tick (session);
    }
  ck_assert_msg (n_messages == 0, "a step was dropped with a message");
  ck_assert_uint_eq (weft_run_get_n_steps (run), 3);
  weft_session_stop (session);
}
END_TEST

/* A step shows its result: a moment placed before (a click on the lanes, which stops
 * their following) gives way to the live end, the lanes' window too; a pan without a
 * cursor is left as it is. */
START_TEST (test_step_returns_the_views_to_the_live_end)
{
  const WeftScenario *scenario = weft_scenarios_lookup ("bank");
  g_autoptr(WeftParams) params = weft_params_new (scenario->params, scenario->n_params);
  g_autoptr(WeftSession) session = weft_session_new ();
  WeftViewport *viewport = weft_session_get_viewport (session);

  ck_assert (weft_session_load (session, scenario, params, NULL));
  ck_assert (weft_session_step (session, -1, NULL));
  /* What a click on the lanes does. */
  weft_viewport_set_follow_live (viewport, FALSE);
  weft_viewport_set_cursor (viewport, 1000);
  ck_assert (!weft_viewport_get_follow_live (viewport));

  ck_assert (weft_session_step (session, -1, NULL));
  ck_assert_uint_eq (weft_viewport_get_cursor (viewport), G_MAXUINT64);
  ck_assert_uint_eq (weft_viewport_get_shown_time (viewport), G_MAXUINT64);
  ck_assert (weft_viewport_get_follow_live (viewport));

  /* Panned to the past without a cursor: the lanes stay there (the scene shows the live
   * end anyway). */
  weft_viewport_set_follow_live (viewport, FALSE);
  ck_assert (weft_session_step (session, -1, NULL));
  ck_assert (!weft_viewport_get_follow_live (viewport));
  weft_session_stop (session);
}
END_TEST

/* Three steps asked for at once on a run not started yet (the bank: two threads, four
 * operations) are all taken, in a row, whatever the threads' timing. */
START_TEST (test_steps_from_ready_are_all_taken)
{
  const WeftScenario *scenario = weft_scenarios_lookup ("bank");
  g_autoptr(WeftParams) params = weft_params_new (scenario->params, scenario->n_params);

  for (guint round = 0; round < 100; round++)
    {
      g_autoptr(WeftSession) session = weft_session_new ();
      guint n_messages = 0;
      gint64 deadline;
      WeftRun *run;

      ck_assert (weft_session_load (session, scenario, params, NULL));
      g_signal_connect (session, "message", G_CALLBACK (count_message), &n_messages);
      /* As the window's tour does: a free run to its end first, then a reset. */
      if (round % 2 == 1)
        {
          weft_session_play (session);
          deadline = g_get_monotonic_time () + 10 * TEST_SECOND;
          while (weft_session_get_state (session) != WEFT_SESSION_ENDED && g_get_monotonic_time () < deadline)
            {
              g_usleep (1000);
              weft_session_tick (session);
            }
          ck_assert (weft_session_reset (session, NULL, NULL));
        }
      run = weft_session_get_run (session);
      for (guint i = 0; i < 3; i++)
        ck_assert (weft_session_step (session, -1, NULL));
      deadline = g_get_monotonic_time () + 10 * TEST_SECOND;
      while ((weft_session_get_n_pending_steps (session) > 0 || !weft_run_wait_settled (run, 0)) &&
             g_get_monotonic_time () < deadline)
        {
          g_usleep (200);
          weft_session_tick (session);
        }
      if (n_messages != 0 || weft_run_get_n_steps (run) != 3)
        for (guint a = 0; a < weft_run_get_n_actors (run); a++)
          g_printerr ("actor %u %s: %s, outcome %d\n", a, weft_actor_get_name (weft_run_get_actor (run, a)),
                      weft_state_to_string (weft_actor_get_state (weft_run_get_actor (run, a))),
                      weft_run_get_outcome (run));
      ck_assert_msg (n_messages == 0 && weft_run_get_n_steps (run) == 3,
                     "round %u: %" G_GUINT64_FORMAT " steps of 3, %u messages", round,
                     weft_run_get_n_steps (run), n_messages);
      weft_session_stop (session);
    }
}
END_TEST

static void
busy_locker_run (WeftActor *self,
                 gpointer   user_data)
{
  WeftLock *lock = user_data;

  while (!weft_run_is_stopping (weft_actor_get_run (self)))
    if (!weft_lock_acquire (self, lock) || !weft_lock_release (self, lock))
      return;
}

static void
long_sleeper_run (WeftActor *self,
                  gpointer   user_data)
{
  weft_sleep (self, 60 * 1000, "dozing");
}

static gboolean
busy_and_sleeper_setup (WeftRun          *run,
                        const WeftParams *params,
                        GError          **error)
{
  weft_run_add_actor (run, "Busy", busy_locker_run, weft_lock_new (run, "lock"), NULL);
  weft_run_add_actor (run, "Sleeper", long_sleeper_run, NULL, NULL);
  return TRUE;
}

/* After a jump, a thread none of whose events were read (a sleeper that fell asleep at
 * the start, its events long jumped over) shows what the run says it is doing, not
 * "new". */
START_TEST (test_reader_jump_shows_unseen_threads_as_they_are)
{
  static const WeftScenario scenario = {
    .id = "busy-and-sleeper", .title = "Busy and sleeper", .description = "", .lesson = "",
    .setup = busy_and_sleeper_setup, .metrics = no_metrics,
  };
  g_autoptr(WeftParams) params = weft_params_new (NULL, 0);
  g_autoptr(WeftRun) run = weft_scenario_create_run (&scenario, params, 3, NULL);
  g_autoptr(WeftModel) model = NULL;
  g_autoptr(WeftFrameReader) reader = NULL;
  WeftTrace *trace;
  const WeftThreadSpan *spans;
  guint n, n_spans;

  ck_assert_ptr_nonnull (run);
  model = weft_model_new_for_run (run);
  reader = weft_frame_reader_new (run, model);
  trace = weft_run_get_trace (run);
  test_start (run, WEFT_MODE_RUN);
  /* Asleep before the busy thread's events bury its own: on a loaded machine the busy
   * thread can record all of them before the sleeper has even started. */
  ck_assert (test_wait_for_state (weft_run_get_actor (run, 1), WEFT_STATE_SLEEPING, 10 * TEST_SECOND));
  while (weft_trace_get_n_events (trace) < 2 * WEFT_FRAME_READER_JUMP_MIN)
    g_usleep (1000);

  weft_frame_reader_read (reader, 1000, &n);
  ck_assert_uint_gt (weft_model_get_forgotten (model, NULL), 0);
  spans = weft_model_get_thread_spans (model, 1, &n_spans);
  ck_assert_uint_gt (n_spans, 0);
  ck_assert_int_eq (spans[n_spans - 1].state, WEFT_STATE_SLEEPING);
  weft_run_stop (run);
}
END_TEST

/* ---- The model built between frames (weft-model-worker.h) ---------------------------- */

typedef struct
{
  WeftSession *session;
  GMainLoop   *loop;
  guint        n_frames;
} Frames;

/* The window's frame clock, roughly: a tick every 16 ms, the main thread asleep in poll
 * between them. Quits once the run has ended (or deadlocked: its threads stay blocked
 * until a reset) and nothing is left to read. */
static gboolean
frame_cb (gpointer data)
{
  Frames *frames = data;
  WeftRun *run = weft_session_get_run (frames->session);

  weft_session_tick (frames->session);
  frames->n_frames++;
  if ((weft_session_get_state (frames->session) == WEFT_SESSION_ENDED &&
       !weft_session_is_catching_up (frames->session)) ||
      (weft_run_get_outcome (run) == WEFT_OUTCOME_DEADLOCK &&
       weft_session_get_n_events_read (frames->session) == weft_trace_get_n_events (weft_run_get_trace (run))))
    {
      g_main_loop_quit (frames->loop);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* Sleeps in the main loop's poll for @ms, as a window between frames. */
static void
sleep_in_poll (guint ms)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add (ms, quit_cb, loop);
  g_main_loop_run (loop);
}

static void
assert_same_model (WeftModel *a,
                   WeftModel *b)
{
  guint n_a, n_b;

  ck_assert_uint_eq (weft_model_get_n_events (a), weft_model_get_n_events (b));
  ck_assert_uint_eq (weft_model_get_end_ns (a), weft_model_get_end_ns (b));
  for (guint i = 0; i < weft_model_get_n_actors (a); i++)
    {
      const WeftThreadSpan *sa = weft_model_get_thread_spans (a, i, &n_a);
      const WeftThreadSpan *sb = weft_model_get_thread_spans (b, i, &n_b);

      ck_assert_uint_eq (n_a, n_b);
      ck_assert (memcmp (sa, sb, n_a * sizeof *sa) == 0);
    }
  for (guint o = 0; o < weft_model_get_n_objects (a); o++)
    {
      const WeftResourceSpan *ra = weft_model_get_resource_spans (a, o, &n_a);
      const WeftResourceSpan *rb = weft_model_get_resource_spans (b, o, &n_b);

      ck_assert_uint_eq (n_a, n_b);
      ck_assert (n_a == 0 || memcmp (ra, rb, n_a * sizeof *ra) == 0);
    }
}

/* With a worker, the model is built while the main thread sleeps between frames, and it
 * is the model a plain sync builds; the log's list gets every event the worker read, as
 * a list reading the trace itself would. */
START_TEST (test_model_is_built_between_frames)
{
  const WeftScenario *scenario = weft_scenarios_lookup ("philosophers");
  g_autoptr(WeftParams) params = weft_params_new (scenario->params, scenario->n_params);
  g_autoptr(WeftSession) session = weft_session_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(WeftModel) synced = NULL;
  g_autoptr(WeftEventList) list = NULL;
  Frames frames = { .session = session, .loop = loop };
  WeftRun *run;

  /* Enough events for several frames, then the end. */
  ck_assert (weft_params_parse (params, "strategy=ordered", NULL));
  ck_assert (weft_params_parse (params, "meals=10000", NULL));
  ck_assert (weft_params_parse (params, "think_ms=0", NULL));
  ck_assert (weft_params_parse (params, "eat_ms=0", NULL));
  ck_assert (weft_params_parse (params, "fork_gap_ms=0", NULL));
  weft_session_build_in_background (session);
  ck_assert (weft_session_load (session, scenario, params, NULL));
  weft_session_play (session);
  g_timeout_add (16, frame_cb, &frames);
  g_main_loop_run (loop);

  run = weft_session_get_run (session);
  g_printerr ("philosophers: %" G_GUINT64_FORMAT " events, %" G_GUINT64_FORMAT " read between frames, "
              "%u frames\n", weft_trace_get_n_events (weft_run_get_trace (run)),
              weft_session_get_n_events_read_in_background (session), frames.n_frames);
  ck_assert_uint_gt (weft_session_get_n_events_read_in_background (session), 0);
  ck_assert_uint_eq (weft_session_get_n_events_read (session),
                     weft_trace_get_n_events (weft_run_get_trace (run)));

  synced = weft_model_new_for_run (run);
  weft_model_sync (synced, run);
  assert_same_model (weft_session_get_model (session), synced);

  /* The same lines, event for event, as a list reading the trace itself. */
  list = weft_event_list_new (run);
  weft_event_list_update (list);
  ck_assert_uint_gt (g_list_model_get_n_items (G_LIST_MODEL (list)), 0);
  ck_assert_uint_eq (g_list_model_get_n_items (G_LIST_MODEL (weft_session_get_events (session))),
                     g_list_model_get_n_items (G_LIST_MODEL (list)));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(WeftEventItem) a = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(WeftEventItem) b = g_list_model_get_item (G_LIST_MODEL (weft_session_get_events (session)), i);

      ck_assert_uint_eq (weft_event_item_get_index (a), weft_event_item_get_index (b));
    }
}
END_TEST

#ifdef __linux__
/* The nice value of this process's thread named @name (-100: none such). */
static int
thread_niceness (const char *name)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  const char *tid;

  while (dir != NULL && (tid = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *comm_path = g_build_filename ("/proc/self/task", tid, "comm", NULL);
      g_autofree char *stat_path = g_build_filename ("/proc/self/task", tid, "stat", NULL);
      g_autofree char *comm = NULL;
      g_autofree char *stat = NULL;
      g_auto(GStrv) fields = NULL;

      if (!g_file_get_contents (comm_path, &comm, NULL, NULL) ||
          !g_str_equal (g_strstrip (comm), name) ||
          !g_file_get_contents (stat_path, &stat, NULL, NULL) || strrchr (stat, ')') == NULL)
        continue;
      /* After "pid (comm)", field 3 on: the nice value is field 19. */
      fields = g_strsplit (strrchr (stat, ')') + 2, " ", -1);
      if (g_strv_length (fields) > 16)
        return atoi (fields[16]);
    }
  return -100;
}
#endif

static void
count_deadlock_cb (WeftSession *session,
                   WeftAlert    alert,
                   const char  *text,
                   guint64      time_ns,
                   gpointer     data)
{
  if (alert == WEFT_ALERT_DEADLOCK)
    (*(guint *) data)++;
}

/* A deadlock whose events the worker read is raised once, as when the tick reads them. */
START_TEST (test_alert_from_the_worker_is_raised_once)
{
  const WeftScenario *scenario = weft_scenarios_lookup ("philosophers");
  g_autoptr(WeftParams) params = weft_params_new (scenario->params, scenario->n_params);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  guint n_deadlocks = 0;

  ck_assert (weft_params_parse (params, "strategy=naive", NULL));
  ck_assert (weft_params_parse (params, "think_ms=0", NULL));
  ck_assert (weft_params_parse (params, "eat_ms=0", NULL));
  ck_assert (weft_params_parse (params, "fork_gap_ms=50", NULL));
  for (guint round = 0; round < 5 && n_deadlocks == 0; round++)
    {
      g_autoptr(WeftSession) session = weft_session_new ();
      Frames frames = { .session = session, .loop = loop };

      weft_session_build_in_background (session);
      g_signal_connect (session, "alert", G_CALLBACK (count_deadlock_cb), &n_deadlocks);
      ck_assert (weft_session_load (session, scenario, params, NULL));
      weft_session_play (session);
      g_timeout_add (16, frame_cb, &frames);
      g_main_loop_run (loop);
      if (weft_run_get_outcome (weft_session_get_run (session)) == WEFT_OUTCOME_DEADLOCK)
        {
          g_printerr ("deadlock: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " events read between frames\n",
                      weft_session_get_n_events_read_in_background (session),
                      weft_session_get_n_events_read (session));
          ck_assert_uint_eq (n_deadlocks, 1);
        }
    }
  ck_assert_uint_eq (n_deadlocks, 1);
}
END_TEST

/* The worker builds only while the main thread sleeps in poll: while it draws or handles
 * input, the model does not move under it. */
START_TEST (test_model_stands_still_while_the_main_thread_works)
{
  const WeftScenario *scenario = weft_scenarios_lookup ("philosophers");
  g_autoptr(WeftParams) params = weft_params_new (scenario->params, scenario->n_params);
  g_autoptr(WeftSession) session = weft_session_new ();
  WeftModel *model;
  WeftTrace *trace;
  guint64 n_before, n_read_before;

  ck_assert (weft_params_parse (params, "strategy=ordered", NULL));
  ck_assert (weft_params_parse (params, "think_ms=0", NULL));
  ck_assert (weft_params_parse (params, "eat_ms=0", NULL));
  ck_assert (weft_params_parse (params, "fork_gap_ms=0", NULL));
  weft_session_build_in_background (session);
  ck_assert (weft_session_load (session, scenario, params, NULL));
  model = weft_session_get_model (session);
  trace = weft_run_get_trace (weft_session_get_run (session));
  weft_session_play (session);

  /* Working: events are recorded, none is built. */
  n_before = weft_model_get_n_events (model);
  g_usleep (100 * 1000);
  ck_assert_uint_gt (weft_trace_get_n_events (trace), n_before + 1000);
  ck_assert_uint_eq (weft_model_get_n_events (model), n_before);
  ck_assert_uint_eq (weft_session_get_n_events_read_in_background (session), 0);

  /* Asleep between frames: the worker builds. */
  sleep_in_poll (100);
  n_read_before = weft_session_get_n_events_read_in_background (session);
  ck_assert_uint_gt (n_read_before, 0);
  ck_assert_uint_eq (weft_model_get_n_events (model), n_before + n_read_before);

#ifdef __linux__
  /* The worker is as nice as the main thread (a nicer one, waiting for a core in the
   * middle of a slice, kept the main thread waiting); the run's threads are nicer. */
  ck_assert_int_eq (thread_niceness ("weft-model"), getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid)));
#endif

  /* Working again: still. */
  n_before = weft_model_get_n_events (model);
  g_usleep (50 * 1000);
  ck_assert_uint_eq (weft_model_get_n_events (model), n_before);
  ck_assert_uint_eq (weft_session_get_n_events_read_in_background (session), n_read_before);

  /* Stop and the session's end join the worker at once, whatever it was doing. */
  sleep_in_poll (20);
  weft_session_stop (session);
}
END_TEST

/* ---- Step back (issue 15) ------------------------------------------------------------ */

/* The operations of @run's trace up to its @n_steps-th step (all: G_MAXUINT), as text. */
static char *
operations_until_step (WeftRun *run,
                       guint    n_steps)
{
  g_autoptr(GString) text = g_string_new (NULL);
  WeftTraceCursor cursor;
  WeftEvent event;
  guint steps = 0;

  weft_trace_cursor_init (&cursor, weft_run_get_trace (run), 0);
  while (weft_trace_cursor_next (&cursor, &event))
    {
      if (event.kind == WEFT_EVENT_STEP && ++steps > n_steps)
        break;
      if (event.kind == WEFT_EVENT_ACQUIRED || event.kind == WEFT_EVENT_RELEASED ||
          event.kind == WEFT_EVENT_READ || event.kind == WEFT_EVENT_WRITE ||
          event.kind == WEFT_EVENT_QUEUE_PUT || event.kind == WEFT_EVENT_QUEUE_GET)
        g_string_append_printf (text, "%u:%u:%u:%d ", event.actor, event.kind, event.object, event.value);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
step_and_settle (WeftSession *session,
                 int          actor)
{
  ck_assert (weft_session_step (session, actor, NULL));
  while (weft_session_get_n_pending_steps (session) > 0 ||
         !weft_run_wait_settled (weft_session_get_run (session), 0))
    {
      g_usleep (200);
      weft_session_tick (session);
    }
  weft_session_tick (session);
}

/* Step 10, step back 3: the run is the one after 7 steps, on fresh threads; stepping on
 * follows the same way back to the 10th; naming another thread branches. */
START_TEST (test_step_back_replays_all_but_the_last)
{
  const WeftScenario *scenario = weft_scenarios_lookup ("philosophers");
  g_autoptr(WeftParams) params = weft_params_new (scenario->params, scenario->n_params);
  g_autoptr(WeftSession) session = weft_session_new ();
  g_autofree char *after_7 = NULL;
  g_autofree char *after_10 = NULL;
  g_autofree char *now = NULL;
  WeftRun *first;
  guint64 seed;

  ck_assert (weft_params_parse (params, "strategy=ordered", NULL));
  ck_assert (weft_session_load (session, scenario, params, NULL));
  ck_assert (!weft_session_can_step_back (session));
  for (guint i = 0; i < 10; i++)
    step_and_settle (session, -1);
  first = weft_run_ref (weft_session_get_run (session));
  seed = weft_run_get_seed (first);
  ck_assert_uint_eq (weft_run_get_n_steps (first), 10);
  after_7 = operations_until_step (first, 7);
  after_10 = operations_until_step (first, G_MAXUINT);
  ck_assert (weft_session_can_step_back (session));

  for (guint i = 0; i < 3; i++)
    ck_assert (weft_session_step_back (session, NULL));
  ck_assert_ptr_ne (weft_session_get_run (session), first);
  ck_assert_uint_eq (weft_run_get_seed (weft_session_get_run (session)), seed);
  ck_assert_uint_eq (weft_run_get_n_steps (weft_session_get_run (session)), 7);
  ck_assert_int_eq (weft_session_get_state (session), WEFT_SESSION_PAUSED);
  now = operations_until_step (weft_session_get_run (session), G_MAXUINT);
  ck_assert_str_eq (now, after_7);
  /* The model the views draw has the seven steps. */
  weft_session_tick (session);
  {
    guint n_model_steps;

    weft_model_get_step_times (weft_session_get_model (session), &n_model_steps);
    ck_assert_uint_eq (n_model_steps, 7);
  }

  /* Forward again: the same three steps. */
  for (guint i = 0; i < 3; i++)
    step_and_settle (session, -1);
  g_free (now);
  now = operations_until_step (weft_session_get_run (session), G_MAXUINT);
  ck_assert_str_eq (now, after_10);

  /* Past the steps kept, the policy goes on (twice); a step back from there is one step
   * back (it once read past the schedule it had kept). */
  ck_assert_uint_eq (weft_session_get_n_steps_to_replay (session), 0);
  step_and_settle (session, -1);
  {
    g_autofree char *after_11 = operations_until_step (weft_session_get_run (session), G_MAXUINT);

    step_and_settle (session, -1);
    ck_assert_uint_eq (weft_run_get_n_steps (weft_session_get_run (session)), 12);
    ck_assert_uint_eq (weft_session_get_n_steps_to_replay (session), 0);
    ck_assert (weft_session_step_back (session, NULL));
    ck_assert_uint_eq (weft_run_get_n_steps (weft_session_get_run (session)), 11);
    g_free (now);
    now = operations_until_step (weft_session_get_run (session), G_MAXUINT);
    ck_assert_str_eq (now, after_11);
  }

  /* Back one, then another thread than the one that went: a branch. */
  ck_assert (weft_session_step_back (session, NULL));
  {
    g_autoptr(GArray) schedule = weft_run_dup_schedule (first, NULL);
    int last = g_array_index (schedule, guint16, schedule->len - 1);
    int other = (last + 1) % (int) weft_run_get_n_actors (first);

    if (weft_actor_get_state (weft_run_get_actor (weft_session_get_run (session), (guint) other)) == WEFT_STATE_PARKED)
      {
        step_and_settle (session, other);
        g_free (now);
        now = operations_until_step (weft_session_get_run (session), G_MAXUINT);
        ck_assert_str_ne (now, after_10);
      }
  }
  weft_run_unref (first);
}
END_TEST

/* A free run of many operations cannot be stepped back (it would replay them all on the
 * main thread): refused, said, and the run stays as it was. */
START_TEST (test_step_back_refuses_a_long_run)
{
  const WeftScenario *scenario = weft_scenarios_lookup ("philosophers");
  g_autoptr(WeftParams) params = weft_params_new (scenario->params, scenario->n_params);
  g_autoptr(WeftSession) session = weft_session_new ();
  g_autoptr(GError) error = NULL;
  WeftRun *run;

  ck_assert (weft_params_parse (params, "strategy=ordered", NULL));
  ck_assert (weft_params_parse (params, "think_ms=0", NULL));
  ck_assert (weft_params_parse (params, "eat_ms=0", NULL));
  ck_assert (weft_params_parse (params, "fork_gap_ms=0", NULL));
  ck_assert (weft_session_load (session, scenario, params, NULL));
  run = weft_session_get_run (session);
  weft_session_play (session);
  while (weft_run_get_schedule_length (run) < 60000)
    g_usleep (10000);
  ck_assert (!weft_session_step_back (session, &error));
  ck_assert (g_error_matches (error, WEFT_ERROR, WEFT_ERROR_NOT_SUPPORTED));
  ck_assert_msg (strstr (error->message, "too long") != NULL, "%s", error->message);
  ck_assert_ptr_eq (weft_session_get_run (session), run);
  ck_assert_int_eq (weft_session_get_state (session), WEFT_SESSION_RUNNING);
  weft_session_stop (session);
}
END_TEST

#ifdef __linux__
static gint reported_niceness = -100;

static void
report_niceness_run (WeftActor *self,
                     gpointer   user_data)
{
  errno = 0;
  g_atomic_int_set (&reported_niceness, getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid)));
  g_assert (errno == 0);
}

static gboolean
reporter_setup (WeftRun          *run,
                const WeftParams *params,
                GError          **error)
{
  weft_run_add_actor (run, "Reporter", report_niceness_run, NULL, NULL);
  return TRUE;
}

/* The window's runs yield the CPU to it: their threads run 10 nicer than the window's
 * main thread (a thousand busy philosophers otherwise left it 23 frames a second). */
START_TEST (test_run_threads_yield_to_the_window)
{
  static const WeftScenario scenario = {
    .id = "reporter", .title = "Reporter", .description = "", .lesson = "",
    .setup = reporter_setup, .metrics = no_metrics,
  };
  g_autoptr(WeftParams) params = weft_params_new (NULL, 0);
  g_autoptr(WeftSession) session = weft_session_new ();
  const int base = getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid));
  int seen;

  ck_assert (weft_session_load (session, &scenario, params, NULL));
  weft_session_play (session);
  ck_assert (weft_run_wait_end (weft_session_get_run (session), 5 * TEST_SECOND));
  seen = g_atomic_int_get (&reported_niceness);
  ck_assert_int_eq (seen, MIN (base + 10, WEFT_NICENESS_MAX));
  weft_session_stop (session);
}
END_TEST
#endif

int
main (void)
{
  Suite *suite = suite_create ("app-session");

  test_add_case (suite, "enums-are-gtypes", test_enums_are_gtypes);
  test_add_case (suite, "one-read-a-frame-feeds-everyone", test_one_read_a_frame_feeds_everyone);
  test_add_case (suite, "reader-and-list-under-recycling", test_reader_and_list_under_recycling);
  test_add_case (suite, "reader-far-behind-jumps-to-the-present", test_reader_far_behind_jumps_to_the_present);
  test_add_case (suite, "reader-stops-at-its-deadline", test_reader_stops_at_its_deadline);
  test_add_case (suite, "reader-jump-shows-unseen-threads-as-they-are", test_reader_jump_shows_unseen_threads_as_they_are);
  test_add_case (suite, "reader-builds-the-synced-model", test_reader_builds_the_synced_model);
  test_add_case (suite, "stop-with-a-backlog-is-instant", test_stop_with_a_backlog_is_instant);
  test_add_case (suite, "reset-with-a-backlog-is-instant", test_reset_with_a_backlog_is_instant);
  test_add_case (suite, "pause-with-a-backlog-is-instant", test_pause_with_a_backlog_is_instant);
  test_add_case (suite, "step-waits-for-a-running-thread", test_step_waits_for_a_running_thread);
  test_add_case (suite, "steps-from-ready-are-all-taken", test_steps_from_ready_are_all_taken);
  test_add_case (suite, "step-returns-the-views-to-the-live-end", test_step_returns_the_views_to_the_live_end);
  test_add_case (suite, "model-is-built-between-frames", test_model_is_built_between_frames);
  test_add_case (suite, "step-back-replays-all-but-the-last", test_step_back_replays_all_but_the_last);
  test_add_case (suite, "step-back-refuses-a-long-run", test_step_back_refuses_a_long_run);
  test_add_case (suite, "alert-from-the-worker-is-raised-once", test_alert_from_the_worker_is_raised_once);
  test_add_case (suite, "model-stands-still-while-the-main-thread-works", test_model_stands_still_while_the_main_thread_works);
#ifdef __linux__
  test_add_case (suite, "run-threads-yield-to-the-window", test_run_threads_yield_to_the_window);
#endif
  return test_run_suite (suite);
}
