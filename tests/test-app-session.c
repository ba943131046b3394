/* test-app-session.c — the session without a window: its enums are GTypes where they
 * cross properties and signals, and a frame reads each new event from the trace once,
 * for every consumer (the model, the alerts, the log's list).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <check.h>
#include <string.h>

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

int
main (void)
{
  Suite *suite = suite_create ("app-session");

  test_add_case (suite, "enums-are-gtypes", test_enums_are_gtypes);
  test_add_case (suite, "one-read-a-frame-feeds-everyone", test_one_read_a_frame_feeds_everyone);
  test_add_case (suite, "reader-and-list-under-recycling", test_reader_and_list_under_recycling);
  test_add_case (suite, "reader-builds-the-synced-model", test_reader_builds_the_synced_model);
  return test_run_suite (suite);
}
