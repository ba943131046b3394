/* test-app-session.c — the session without a window: its enums are GTypes where they
 * cross properties and signals, and a frame reads each new event from the trace once,
 * for every consumer (the model, the alerts, the log's list).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <check.h>

#include "weft-scenarios.h"
#include "weft-session.h"
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

int
main (void)
{
  Suite *suite = suite_create ("app-session");

  test_add_case (suite, "enums-are-gtypes", test_enums_are_gtypes);
  test_add_case (suite, "one-read-a-frame-feeds-everyone", test_one_read_a_frame_feeds_everyone);
  return test_run_suite (suite);
}
