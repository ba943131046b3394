/* test-ui-session.c — the window's controller without the window: load, run, pause,
 * step (by policy and a chosen thread, queued while threads are on their way to a gate),
 * a deadlock driven by hand raising an alert that names the cycle, lost updates and
 * oversells raising theirs, stop and reset; the words that describe a run (the slide's
 * subtitle, the side panel's description).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <check.h>

#include "weft-model-words.h"
#include "weft-params-panel.h"
#include "weft-scenarios.h"
#include "weft-session.h"
#include "weft-test-ui.h"
#include "weft-test-util.h"

typedef struct
{
  int     kind;
  char   *text;
  guint64 time_ns;
  guint   n_alerts;
  guint   n_run_changed;
  guint   n_messages;
  char   *message;
} Seen;

static void
alert_cb (WeftSession *session,
          int          kind,
          const char  *text,
          guint64      time_ns,
          Seen        *seen)
{
  seen->kind = kind;
  g_free (seen->text);
  seen->text = g_strdup (text);
  seen->time_ns = time_ns;
  seen->n_alerts++;
}

static void
run_changed_cb (WeftSession *session,
                Seen        *seen)
{
  seen->n_run_changed++;
}

static void
message_cb (WeftSession *session,
            const char  *text,
            Seen        *seen)
{
  seen->n_messages++;
  g_free (seen->message);
  seen->message = g_strdup (text);
}

static void
seen_clear (Seen *seen)
{
  g_free (seen->text);
  g_free (seen->message);
}

static WeftSession *
make_session (const char         *id,
              const char * const *sets,
              Seen               *seen)
{
  const WeftScenario *scenario = weft_scenarios_lookup (id);
  g_autoptr(WeftParams) params = weft_params_new (scenario->params, scenario->n_params);
  g_autoptr(GError) error = NULL;
  WeftSession *session = weft_session_new ();

  for (guint i = 0; sets != NULL && sets[i] != NULL; i++)
    ck_assert (weft_params_parse (params, sets[i], NULL));
  g_signal_connect (session, "alert", G_CALLBACK (alert_cb), seen);
  g_signal_connect (session, "run-changed", G_CALLBACK (run_changed_cb), seen);
  g_signal_connect (session, "message", G_CALLBACK (message_cb), seen);
  ck_assert_msg (weft_session_load (session, scenario, params, &error), "%s",
                 error != NULL ? error->message : "");
  ck_assert_int_eq (weft_session_get_state (session), WEFT_SESSION_READY);
  return session;
}

/* Ticks (as the window's frame clock would) until no step is queued and every thread is
 * at a gate, blocked, waiting or done. */
static void
tick_until_settled (WeftSession *session)
{
  gint64 deadline = g_get_monotonic_time () + 10 * TEST_SECOND;

  for (;;)
    {
      weft_session_tick (session);
      if (weft_session_get_n_pending_steps (session) == 0 &&
          weft_run_wait_settled (weft_session_get_run (session), 0))
        break;
      ck_assert_msg (g_get_monotonic_time () < deadline, "the run did not settle");
      g_usleep (1000);
    }
  weft_session_tick (session);
}

static guint
count_acquired (WeftRun *run,
                guint    actor)
{
  WeftTrace *trace = weft_run_get_trace (run);
  guint64 n = weft_trace_get_n_events (trace);
  guint count = 0;

  for (guint64 i = weft_trace_get_first (trace); i < n; i++)
    {
      WeftEvent event;

      if (weft_trace_read (trace, i, &event) && event.kind == WEFT_EVENT_ACQUIRED &&
          event.actor == actor)
        count++;
    }
  return count;
}

START_TEST (test_step_policy_and_chosen)
{
  static const char * const sets[] = { "count=3", NULL };
  Seen seen = { 0 };
  g_autoptr(WeftSession) session = make_session ("philosophers", sets, &seen);
  WeftRun *run = weft_session_get_run (session);
  g_autoptr(GError) error = NULL;

  /* Three steps asked for at once, before any thread has reached its first gate. */
  for (int i = 0; i < 3; i++)
    ck_assert (weft_session_step (session, -1, &error));
  ck_assert_int_eq (weft_session_get_state (session), WEFT_SESSION_PAUSED);
  tick_until_settled (session);
  ck_assert_uint_eq (weft_run_get_n_steps (run), 3);
  ck_assert_int_eq (weft_run_get_mode (run), WEFT_MODE_STEP);

  /* Philosopher 3 (index 2) goes next, by choice. */
  ck_assert (weft_session_step (session, 2, &error));
  tick_until_settled (session);
  ck_assert_uint_eq (weft_run_get_n_steps (run), 4);
  ck_assert_uint_ge (weft_actor_get_n_ops (weft_run_get_actor (run, 2)), 1);

  /* No fourth philosopher: a clear error, nothing queued. */
  ck_assert (!weft_session_step (session, 3, &error));
  ck_assert_ptr_nonnull (strstr (error->message, "3 threads"));
  ck_assert_uint_eq (weft_session_get_n_pending_steps (session), 0);

  weft_session_stop (session);
  ck_assert_int_eq (weft_session_get_state (session), WEFT_SESSION_ENDED);
  g_clear_error (&error);
  ck_assert (!weft_session_step (session, -1, &error));
  ck_assert_uint_eq (seen.n_alerts, 0);
  seen_clear (&seen);
}
END_TEST

/* The classroom demonstration: every philosopher picks up the left fork, by hand, then
 * reaches for the right one. */
START_TEST (test_deadlock_by_hand_names_the_cycle)
{
  static const char * const sets[] = { "strategy=naive", NULL };
  Seen seen = { 0 };
  g_autoptr(WeftSession) session = make_session ("philosophers", sets, &seen);
  WeftRun *run;
  guint n;
  gint64 t0;

  ck_assert (weft_session_step (session, 0, NULL));
  tick_until_settled (session);
  run = weft_session_get_run (session);
  n = weft_run_get_n_actors (run);
  ck_assert_uint_eq (n, 5);

  for (guint i = 0; i < n; i++)
    {
      guint guard = 0;

      while (count_acquired (run, i) == 0 ||
             weft_actor_get_pending_op (weft_run_get_actor (run, i)) != WEFT_OP_ACQUIRE)
        {
          ck_assert (weft_session_step (session, (int) i, NULL));
          tick_until_settled (session);
          ck_assert_uint_lt (++guard, 20);
        }
    }
  ck_assert_uint_eq (seen.n_alerts, 0);

  for (guint i = 0; i < n; i++)
    {
      ck_assert (weft_session_step (session, (int) i, NULL));
      tick_until_settled (session);
    }

  ck_assert_uint_eq (seen.n_alerts, 1);
  ck_assert_int_eq (seen.kind, WEFT_ALERT_DEADLOCK);
  for (guint i = 0; i < n; i++)
    ck_assert_msg (strstr (seen.text, weft_actor_get_name (weft_run_get_actor (run, i))) != NULL,
                   "%s does not name %s", seen.text, weft_actor_get_name (weft_run_get_actor (run, i)));
  ck_assert_ptr_nonnull (strstr (seen.text, "fork"));
  ck_assert_ptr_nonnull (strstr (seen.text, "→"));
  ck_assert_uint_gt (seen.time_ns, 0);
  ck_assert_int_eq (weft_model_get_outcome (weft_session_get_model (session)), WEFT_OUTCOME_DEADLOCK);
  /* The banner names the cycle in the words of the scene's caption (from the model) and
   * of weft-cli (from the run). */
  {
    g_autofree char *caption = weft_describe_deadlock (weft_session_get_model (session),
                                                       WEFT_CYCLE_THREADS_SHOWN);
    g_autofree char *cli = weft_describe_run_deadlock (run, WEFT_CYCLE_THREADS_SHOWN);

    ck_assert_str_eq (seen.text, caption);
    ck_assert_str_eq (seen.text, cli);
  }

  /* A step now says why nothing can move. */
  ck_assert (weft_session_step (session, -1, NULL));
  tick_until_settled (session);
  ck_assert_uint_eq (seen.n_messages, 1);

  /* Stop from the deadlock: every thread joined, quickly. */
  t0 = g_get_monotonic_time ();
  weft_session_stop (session);
  ck_assert_int_lt (g_get_monotonic_time () - t0, 2 * TEST_SECOND);
  ck_assert_int_eq (weft_session_get_state (session), WEFT_SESSION_ENDED);

  /* Reset: a new run, the same parameters, no alert carried over. */
  ck_assert (weft_session_reset (session, NULL, NULL));
  ck_assert_uint_eq (seen.n_run_changed, 2);
  ck_assert_int_eq (weft_session_get_state (session), WEFT_SESSION_READY);
  ck_assert_str_eq (weft_params_get_choice (weft_session_get_params (session), "strategy"), "naive");
  ck_assert_ptr_ne (weft_session_get_run (session), run);
  seen_clear (&seen);
}
END_TEST

static void
run_until_ended (WeftSession *session)
{
  gint64 deadline = g_get_monotonic_time () + 20 * TEST_SECOND;

  weft_session_play (session);
  ck_assert_int_eq (weft_session_get_state (session), WEFT_SESSION_RUNNING);
  while (weft_session_get_state (session) != WEFT_SESSION_ENDED)
    {
      ck_assert_msg (g_get_monotonic_time () < deadline, "the run did not end");
      g_usleep (2000);
      weft_session_tick (session);
    }
}

START_TEST (test_lost_update_alert)
{
  static const char * const sets[] = { "sync=none", "gap_ms=50", NULL };
  Seen seen = { 0 };
  g_autoptr(WeftSession) session = make_session ("bank", sets, &seen);

  run_until_ended (session);
  ck_assert_uint_eq (seen.n_alerts, 1);
  ck_assert_int_eq (seen.kind, WEFT_ALERT_LOST_UPDATE);
  /* The banner says what was lost: "The deposit of 5000 was overwritten: …". */
  ck_assert_ptr_nonnull (strstr (seen.text, "was overwritten: expected 6000, got "));
  ck_assert_uint_le (seen.time_ns, weft_model_get_end_ns (weft_session_get_model (session)));
  seen_clear (&seen);
}
END_TEST

/* Stepped round-robin without the semaphore, every seller reads the count before any
 * writes it: tickets are sold that do not exist. */
START_TEST (test_oversold_alert)
{
  static const char * const sets[] = { "sync=none", NULL };
  Seen seen = { 0 };
  g_autoptr(WeftSession) session = make_session ("tickets", sets, &seen);

  /* The stale writes before it raise nothing: the one alert is the first sale past the
   * stock, the oversell. */
  for (guint steps = 0; steps < 1000 && seen.kind != WEFT_ALERT_OVERSOLD; steps++)
    {
      ck_assert (weft_session_step (session, -1, NULL));
      tick_until_settled (session);
    }
  ck_assert_uint_eq (seen.n_alerts, 1);
  ck_assert_int_eq (seen.kind, WEFT_ALERT_OVERSOLD);
  ck_assert_ptr_nonnull (strstr (seen.text, "Oversold"));
  weft_session_stop (session);
  seen_clear (&seen);
}
END_TEST

START_TEST (test_pause_resume_stop_and_dispose_mid_run)
{
  Seen seen = { 0 };
  WeftSession *session = make_session ("pubsub", NULL, &seen);
  WeftRun *run;

  weft_session_play (session);
  ck_assert_int_eq (weft_session_get_state (session), WEFT_SESSION_RUNNING);
  g_usleep (20000);
  weft_session_tick (session);
  weft_session_pause (session);
  ck_assert_int_eq (weft_session_get_state (session), WEFT_SESSION_PAUSED);
  ck_assert (weft_run_is_paused (weft_session_get_run (session)));
  weft_session_play (session);
  ck_assert_int_eq (weft_session_get_state (session), WEFT_SESSION_RUNNING);
  ck_assert (!weft_run_is_paused (weft_session_get_run (session)));

  /* Dropping the session while threads run stops and joins them. */
  run = weft_run_ref (weft_session_get_run (session));
  g_object_unref (session);
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_STOPPED);
  weft_run_unref (run);
  seen_clear (&seen);
}
END_TEST

/* The exported page's subtitle reads as words; the file's metadata has the exact setup. */
START_TEST (test_subtitle_in_words)
{
  static const char * const sets[] = { "count=1000", "strategy=ordered", NULL };
  Seen seen = { 0 };
  g_autoptr(WeftSession) session = make_session ("philosophers", sets, &seen);
  g_autofree char *subtitle = weft_session_describe_setup (session);
  g_autofree char *setup = weft_session_describe_parameters (session);
  g_autofree char *prefix = g_strdup_printf ("1000 philosophers · ordered forks · seed %" G_GUINT64_FORMAT " · ",
                                             weft_run_get_seed (weft_session_get_run (session)));

  ck_assert_msg (g_str_has_prefix (subtitle, prefix), "%s", subtitle);
  ck_assert_str_eq (weft_model_get_subtitle (weft_session_get_model (session)), subtitle);
  ck_assert_msg (strstr (subtitle, "=") == NULL, "%s", subtitle);
  ck_assert_msg (g_str_has_prefix (setup, "scenario=philosophers count=1000 strategy=ordered "), "%s", setup);
  seen_clear (&seen);
}
END_TEST

/* Every label's text under @widget, one a line. */
static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text);
}

static char *
panel_text (GtkWidget *panel)
{
  GString *text = g_string_new (NULL);

  collect_labels (panel, text);
  return g_string_free (text, FALSE);
}

/* The side panel's description says the applied count, not the course's five; its
 * lesson names the panel's own labels. */
START_TEST (test_panel_description_follows_the_count)
{
  const WeftScenario *scenario = weft_scenarios_lookup ("philosophers");
  g_autoptr(WeftParams) applied = weft_params_new (scenario->params, scenario->n_params);
  g_autoptr(GtkWidget) panel = NULL;
  g_autofree char *before = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *after = NULL;

  test_ui_init ();
  adw_init ();
  panel = g_object_ref_sink (weft_params_panel_new ());
  weft_params_panel_set_scenario (WEFT_PARAMS_PANEL (panel), scenario, applied);
  weft_params_panel_set_applied (WEFT_PARAMS_PANEL (panel), applied);
  before = panel_text (panel);
  ck_assert_msg (strstr (before, "5 philosophers sit around a table") != NULL, "%s", before);
  ck_assert_msg (strstr (before, "(Strategy: Ordered forks)") != NULL, "%s", before);
  ck_assert_msg (strstr (before, "strategy=") == NULL, "%s", before);

  /* Edited but not applied: the run still has five. */
  ck_assert (weft_params_panel_set_value (WEFT_PARAMS_PANEL (panel), "count", "1000", NULL));
  edited = panel_text (panel);
  ck_assert_msg (strstr (edited, "5 philosophers sit around a table") != NULL, "%s", edited);

  /* Reset with these values. */
  ck_assert (weft_params_parse (applied, "count=1000", NULL));
  weft_params_panel_set_applied (WEFT_PARAMS_PANEL (panel), applied);
  after = panel_text (panel);
  ck_assert_msg (strstr (after, "1000 philosophers sit around a table") != NULL, "%s", after);
  ck_assert_msg (strstr (after, "Five philosophers") == NULL, "%s", after);

  /* As the side panel shows it. */
  {
    GtkWidget *window = gtk_window_new ();

    gtk_window_set_default_size (GTK_WINDOW (window), 360, 900);
    gtk_window_set_child (GTK_WINDOW (window), panel);
    gtk_window_present (GTK_WINDOW (window));
    test_ui_save_screenshot (panel, "panel-1000-philosophers.png");
    gtk_window_destroy (GTK_WINDOW (window));
  }
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("ui-session");

  test_add_case (suite, "step", test_step_policy_and_chosen);
  test_add_case (suite, "deadlock-by-hand", test_deadlock_by_hand_names_the_cycle);
  test_add_case (suite, "lost-update", test_lost_update_alert);
  test_add_case (suite, "oversold", test_oversold_alert);
  test_add_case (suite, "pause-resume-dispose", test_pause_resume_stop_and_dispose_mid_run);
  test_add_case (suite, "subtitle-in-words", test_subtitle_in_words);
  test_add_case (suite, "panel-description-follows-the-count", test_panel_description_follows_the_count);
  return test_run_suite (suite);
}
