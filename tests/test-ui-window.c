/* test-ui-window.c — the whole application under a display, driven through its actions as
 * a user's clicks and keys would: every scenario chosen, run, paused, stepped three times,
 * a chosen thread stepped, a screenshot saved; the naive philosophers driven into a
 * deadlock by hand with step-this-thread, the banner naming the cycle, a stop from the
 * deadlock; an export through the export action; parameters applied on reset and
 * remembered; quit with threads running. Any warning or critical is fatal.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <check.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#if WEFT_TEST_XTEST
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#endif

#include "weft-application.h"
#include "weft-scenarios.h"
#include "weft-window-private.h"
#include "weft-test-util.h"
#include "weft-test-ui.h"

static WeftApplication *app;

/* Lets the main loop run (frames, ticks) for about @ms milliseconds. */
static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
}

/* Runs the main loop until @done (a predicate on the window) or a timeout. */
#define spin_until(cond, what)                                                 \
  G_STMT_START {                                                                \
    gint64 deadline_ = g_get_monotonic_time () + 15 * TEST_SECOND;              \
    while (!(cond))                                                             \
      {                                                                         \
        ck_assert_msg (g_get_monotonic_time () < deadline_, "timed out: %s", what); \
        spin (2);                                                               \
      }                                                                         \
  } G_STMT_END

static WeftWindow *
start_app (void)
{
  GtkWindow *window;

  /* In the test's own (forked) process: the parent never touches the display. */
  test_ui_init ();
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  app = weft_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  ck_assert (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_application_activate (G_APPLICATION (app));

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  ck_assert_ptr_nonnull (window);
  ck_assert (WEFT_IS_WINDOW (window));
  gtk_window_set_default_size (window, 1280, 800);
  spin_until (gtk_widget_get_mapped (GTK_WIDGET (window)), "window mapped");
  spin (200);
  return WEFT_WINDOW (window);
}

static void
quit_app (void)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  spin (100);
  ck_assert_ptr_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_clear_object (&app);
}

static void
act (WeftWindow *window,
     const char *action,
     GVariant   *parameter)
{
  ck_assert_msg (gtk_widget_activate_action_variant (GTK_WIDGET (window), action, parameter),
                 "no action %s", action);
}

static guint64
n_steps (WeftWindow *window)
{
  return weft_run_get_n_steps (weft_session_get_run (window->session));
}

static gboolean
settled (WeftWindow *window)
{
  return weft_session_get_n_pending_steps (window->session) == 0 &&
         weft_run_wait_settled (weft_session_get_run (window->session), 0);
}

/* The window as the user sees it, as PNG, under the build directory. */
static void
save_screenshot (WeftWindow *window,
                 const char *name)
{
  g_autofree char *file_name = g_strconcat (name, ".png", NULL);

  test_ui_save_screenshot (GTK_WIDGET (window), file_name);
}

static void
select_scenario (WeftWindow *window,
                 const char *id)
{
  guint n;
  const WeftScenario * const *all = weft_scenarios_get_all (&n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (all[i]->id, id))
      gtk_drop_down_set_selected (window->scenario_dropdown, i);
  ck_assert_str_eq (weft_session_get_scenario (window->session)->id, id);
  ck_assert_int_eq (weft_session_get_state (window->session), WEFT_SESSION_READY);
}

/* The thread the last step moved (its STEP event), or -1. */
static int
last_stepped (WeftRun *run)
{
  WeftTrace *trace = weft_run_get_trace (run);

  for (guint64 i = weft_trace_get_n_events (trace); i > weft_trace_get_first (trace); i--)
    {
      WeftEvent event;

      if (weft_trace_read (trace, i - 1, &event) && event.kind == WEFT_EVENT_STEP)
        return event.actor;
    }
  return -1;
}

/* Every scenario: run, pause, three steps, a chosen thread's step, a screenshot, stop. */
START_TEST (test_tour_of_the_scenarios)
{
  WeftWindow *window = start_app ();
  guint n;
  const WeftScenario * const *all = weft_scenarios_get_all (&n);

  for (guint i = 0; i < n; i++)
    {
      WeftSession *session = window->session;
      g_autofree char *name = g_strdup_printf ("window-%s", all[i]->id);
      guint64 before;

      select_scenario (window, all[i]->id);
      ck_assert_str_eq (adw_window_title_get_title (window->window_title), _(all[i]->title));

      act (window, "win.play-pause", NULL);
      ck_assert_int_eq (weft_session_get_state (session), WEFT_SESSION_RUNNING);
      spin (300);
      ck_assert_uint_gt (weft_model_get_n_events (weft_session_get_model (session)), 0);
      if (weft_session_get_state (session) == WEFT_SESSION_RUNNING)
        {
          act (window, "win.play-pause", NULL);
          ck_assert_int_eq (weft_session_get_state (session), WEFT_SESSION_PAUSED);
        }
      else
        {
          /* Short runs (the bank's single deposit) are over already: reset, then step
           * from the start. */
          ck_assert_int_eq (weft_session_get_state (session), WEFT_SESSION_ENDED);
          act (window, "win.stop-reset", NULL);
          ck_assert_int_eq (weft_session_get_state (session), WEFT_SESSION_READY);
        }

      before = n_steps (window);
      for (int k = 0; k < 3; k++)
        act (window, "win.step", NULL);
      spin_until (settled (window), "three steps");
      ck_assert_uint_eq (n_steps (window), before + 3);

      /* Thread 1 (what the key 1 or a click on its name does), once it is at a gate. */
      spin_until (weft_actor_get_state (weft_run_get_actor (weft_session_get_run (session), 0)) == WEFT_STATE_PARKED ||
                  weft_actor_get_state (weft_run_get_actor (weft_session_get_run (session), 0)) == WEFT_STATE_DONE,
                  "thread 1 at a gate");
      if (weft_actor_get_state (weft_run_get_actor (weft_session_get_run (session), 0)) == WEFT_STATE_PARKED)
        {
          act (window, "win.step-thread", g_variant_new_int32 (0));
          spin_until (settled (window), "thread 1's step");
          ck_assert_uint_eq (n_steps (window), before + 4);
          ck_assert_int_eq (last_stepped (weft_session_get_run (session)), 0);
        }

      spin (100);
      ck_assert_uint_gt (weft_model_get_n_events (weft_session_get_model (session)), 0);
      save_screenshot (window, name);

      act (window, "win.stop-reset", NULL);
      ck_assert_int_eq (weft_session_get_state (session), WEFT_SESSION_ENDED);
      ck_assert_int_eq (weft_run_get_outcome (weft_session_get_run (session)), WEFT_OUTCOME_STOPPED);
    }

  quit_app ();
}
END_TEST

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

      if (weft_trace_read (trace, i, &event) && event.kind == WEFT_EVENT_ACQUIRED && event.actor == actor)
        count++;
    }
  return count;
}

/* The classroom demonstration, with step-this-thread only (the keys 1–5, or clicks on the
 * names): each philosopher takes the left fork, then each reaches for the right one. The banner names the cycle; Stop ends it. */
START_TEST (test_deadlock_by_hand)
{
  WeftWindow *window = start_app ();
  WeftSession *session = window->session;
  WeftRun *run;
  const char *banner;
  guint n;

  select_scenario (window, "philosophers");
  ck_assert (weft_params_panel_set_value (window->params_panel, "strategy", "naive", NULL));
  act (window, "win.reset", NULL);
  ck_assert_str_eq (weft_params_get_choice (weft_session_get_params (session), "strategy"), "naive");
  run = weft_session_get_run (session);
  n = weft_run_get_n_actors (run);

  for (guint i = 0; i < n; i++)
    {
      guint guard = 0;

      act (window, "win.step-thread", g_variant_new_int32 ((gint32) i));
      spin_until (settled (window), "a philosopher's step");
      while (count_acquired (run, i) == 0 ||
             weft_actor_get_pending_op (weft_run_get_actor (run, i)) != WEFT_OP_ACQUIRE)
        {
          act (window, "win.step-thread", g_variant_new_int32 ((gint32) i));
          spin_until (settled (window), "a philosopher's step");
          ck_assert_uint_lt (++guard, 20);
        }
    }
  ck_assert (!gtk_revealer_get_reveal_child (window->banner_revealer));

  for (guint i = 0; i < n; i++)
    {
      act (window, "win.step-thread", g_variant_new_int32 ((gint32) i));
      spin_until (settled (window), "reaching for the right fork");
    }
  spin_until (gtk_revealer_get_reveal_child (window->banner_revealer), "the deadlock banner");

  banner = gtk_label_get_label (window->banner_label);
  ck_assert_ptr_nonnull (strstr (banner, "→"));
  for (guint i = 0; i < n; i++)
    ck_assert_msg (strstr (banner, weft_actor_get_name (weft_run_get_actor (run, i))) != NULL,
                   "“%s” does not name %s", banner, weft_actor_get_name (weft_run_get_actor (run, i)));
  ck_assert (gtk_widget_has_css_class (window->banner, "deadlock"));
  spin (300);
  save_screenshot (window, "window-deadlock");

  /* "Show When" moves the timeline to the deadlock and stops following. */
  g_signal_emit_by_name (window->banner_button, "clicked");
  {
    gboolean follow;

    g_object_get (window->timeline_area, "follow-live", &follow, NULL);
    ck_assert (!follow);
  }

  act (window, "win.stop-reset", NULL);
  ck_assert_int_eq (weft_session_get_state (session), WEFT_SESSION_ENDED);
  ck_assert (weft_run_is_stopping (run));

  quit_app ();
}
END_TEST

/* The bank without a lock: both threads read the balance before either writes it back,
 * and the banner says which write lost the other's update. */
START_TEST (test_lost_update_banner)
{
  WeftWindow *window = start_app ();

  select_scenario (window, "bank");
  ck_assert (weft_params_panel_set_value (window->params_panel, "sync", "none", NULL));
  ck_assert (weft_params_panel_set_value (window->params_panel, "gap_ms", "300", NULL));
  act (window, "win.reset", NULL);
  act (window, "win.play-pause", NULL);
  spin_until (weft_session_get_state (window->session) == WEFT_SESSION_ENDED, "the bank's run");
  spin_until (gtk_revealer_get_reveal_child (window->banner_revealer), "the lost-update banner");
  ck_assert (!gtk_widget_has_css_class (window->banner, "deadlock"));
  {
    g_auto(GStrv) parts = g_strsplit (_("Lost update: %s"), "%s", 2);

    ck_assert (g_str_has_prefix (gtk_label_get_label (window->banner_label), parts[0]));
  }
  act (window, "win.zoom-fit", NULL);
  spin (400);
  save_screenshot (window, "window-lost-update");
  quit_app ();
}
END_TEST

#if WEFT_TEST_XTEST
/* A real key, through the X server, as a keyboard would send it: the window must have
 * the input focus (there is no window manager under Xvfb to give it). */
static void
press_key (WeftWindow *window,
           guint       modifier,
           guint       keyval)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  Display *x = gdk_x11_display_get_xdisplay (display);
  Window xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window)));

  XSetInputFocus (x, xid, RevertToParent, CurrentTime);
  if (modifier != 0)
    XTestFakeKeyEvent (x, XKeysymToKeycode (x, modifier), True, CurrentTime);
  XTestFakeKeyEvent (x, XKeysymToKeycode (x, keyval), True, CurrentTime);
  XTestFakeKeyEvent (x, XKeysymToKeycode (x, keyval), False, CurrentTime);
  if (modifier != 0)
    XTestFakeKeyEvent (x, XKeysymToKeycode (x, modifier), False, CurrentTime);
  XFlush (x);
  spin (150);
}

/* The keys of the issue, pressed for real: Space, N, Right, 1, Ctrl+R, Ctrl+E. */
START_TEST (test_keyboard)
{
  WeftWindow *window = start_app ();
  WeftSession *session = window->session;
  guint64 before;

  select_scenario (window, "philosophers");
  spin (200);
  press_key (window, 0, GDK_KEY_space);
  ck_assert_int_eq (weft_session_get_state (session), WEFT_SESSION_RUNNING);
  press_key (window, 0, GDK_KEY_space);
  ck_assert_int_eq (weft_session_get_state (session), WEFT_SESSION_PAUSED);

  before = n_steps (window);
  press_key (window, 0, GDK_KEY_n);
  spin_until (settled (window), "N's step");
  ck_assert_uint_eq (n_steps (window), before + 1);

  /* Right steps too: the timeline has the focus from the start. */
  ck_assert (gtk_widget_has_focus (GTK_WIDGET (window->timeline_area)));
  press_key (window, 0, GDK_KEY_Right);
  spin_until (settled (window), "Right's step");
  ck_assert_uint_eq (n_steps (window), before + 2);

  /* 1: the first philosopher, once at a gate. */
  spin_until (weft_actor_get_state (weft_run_get_actor (weft_session_get_run (session), 0)) == WEFT_STATE_PARKED,
              "philosopher 1 at a gate");
  press_key (window, 0, GDK_KEY_1);
  spin_until (settled (window), "1's step");
  ck_assert_uint_eq (n_steps (window), before + 3);

  /* A click on a header button does not take the focus away from Space. */
  g_signal_emit_by_name (window->step_button, "clicked");
  spin_until (settled (window), "the Step button's step");
  press_key (window, 0, GDK_KEY_space);
  ck_assert_int_eq (weft_session_get_state (session), WEFT_SESSION_RUNNING);

  press_key (window, GDK_KEY_Control_L, GDK_KEY_r);
  ck_assert_int_eq (weft_session_get_state (session), WEFT_SESSION_READY);

  press_key (window, GDK_KEY_Control_L, GDK_KEY_e);
  ck_assert_ptr_nonnull (weft_window_get_export_dialog (window));
  gtk_window_destroy (GTK_WINDOW (weft_window_get_export_dialog (window)));

  quit_app ();
}
END_TEST
#endif

START_TEST (test_export_action)
{
  WeftWindow *window = start_app ();
  g_autofree char *dir = g_dir_make_tmp ("weft-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "slide.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  WeftExportDialog *dialog;

  select_scenario (window, "tickets");
  act (window, "win.play-pause", NULL);
  spin (400);

  act (window, "win.export", NULL);
  dialog = weft_window_get_export_dialog (window);
  ck_assert_ptr_nonnull (dialog);
  ck_assert (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  spin (100);
  ck_assert_msg (weft_export_dialog_export_to (dialog, file, &error), "%s", error ? error->message : "");
  ck_assert (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  spin (100);
  ck_assert_ptr_null (weft_window_get_export_dialog (window));

  /* The run went on meanwhile. */
  ck_assert_int_eq (weft_session_get_state (window->session), WEFT_SESSION_RUNNING);

  /* Closing the window while the dialog is open and the run is going. */
  act (window, "win.export", NULL);
  ck_assert_ptr_nonnull (weft_window_get_export_dialog (window));
  quit_app ();

  test_remove_dir (dir);
}
END_TEST

/* The panel's spin button for parameter @name. */
static GtkSpinButton *
find_spin (GtkWidget  *widget,
           const char *name)
{
  const WeftParamSpec *spec = g_object_get_data (G_OBJECT (widget), "weft-spec");

  if (GTK_IS_SPIN_BUTTON (widget) && spec != NULL && g_str_equal (spec->name, name))
    return GTK_SPIN_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkSpinButton *found = find_spin (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Parameters edited in the side panel apply on reset only, and are remembered (with the
 * scenario) by the next window. */
START_TEST (test_parameters_apply_on_reset_and_persist)
{
  WeftWindow *window = start_app ();
  g_autoptr(GError) error = NULL;

  select_scenario (window, "bank");
  ck_assert (weft_params_panel_set_value (window->params_panel, "rounds", "7", NULL));
  ck_assert (weft_params_panel_get_modified (window->params_panel));
  ck_assert_int_eq (weft_params_get_int (weft_session_get_params (window->session), "rounds"), 1);

  /* Out of range: refused with the allowed range, nothing changed. */
  ck_assert (!weft_params_panel_set_value (window->params_panel, "rounds", "100000", &error));
  ck_assert_ptr_nonnull (strstr (error->message, "1000"));
  ck_assert_int_eq (weft_params_get_int (weft_params_panel_get_params (window->params_panel), "rounds"), 7);

  act (window, "win.reset", NULL);
  ck_assert_int_eq (weft_params_get_int (weft_session_get_params (window->session), "rounds"), 7);
  ck_assert (!weft_params_panel_get_modified (window->params_panel));

  /* Typed into the spin button, not entered yet: Ctrl+R takes it. */
  {
    GtkSpinButton *spin = find_spin (GTK_WIDGET (window->params_panel), "rounds");

    ck_assert_ptr_nonnull (spin);
    gtk_widget_grab_focus (GTK_WIDGET (spin));
    gtk_editable_set_text (GTK_EDITABLE (spin), "9");
    act (window, "win.reset", NULL);
    ck_assert_int_eq (weft_params_get_int (weft_session_get_params (window->session), "rounds"), 9);

    /* Out of range typed: it snaps to the range, and the run gets a valid value. */
    gtk_editable_set_text (GTK_EDITABLE (spin), "5000");
    act (window, "win.reset", NULL);
    ck_assert_int_le (weft_params_get_int (weft_session_get_params (window->session), "rounds"), 1000);
    gtk_spin_button_set_value (spin, 7);
    act (window, "win.reset", NULL);
  }

  /* Closing with the window open: a new window starts on the bank with rounds=7. */
  gtk_window_close (GTK_WINDOW (window));
  spin (100);
  g_application_activate (G_APPLICATION (app));
  window = WEFT_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  spin (100);
  ck_assert_str_eq (weft_session_get_scenario (window->session)->id, "bank");
  ck_assert_int_eq (weft_params_get_int (weft_session_get_params (window->session), "rounds"), 7);

  quit_app ();
}
END_TEST

/* Quit while the threads run: the run stops, every thread joined. (Closing while
 * deadlocked and with the export dialog open: test_deadlock_by_hand, test_export_action.) */
START_TEST (test_quit_while_running)
{
  WeftWindow *window = start_app ();
  g_autoptr(WeftRun) run = NULL;

  select_scenario (window, "pubsub");
  act (window, "win.play-pause", NULL);
  spin (300);
  run = weft_run_ref (weft_session_get_run (window->session));
  quit_app ();
  ck_assert (weft_run_is_stopping (run));
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_STOPPED);
}
END_TEST

/* Quit while paused with a step still on its way: the run stops, every thread joined. */
START_TEST (test_quit_while_paused_mid_step)
{
  WeftWindow *window = start_app ();
  g_autoptr(WeftRun) run = NULL;

  select_scenario (window, "tickets");
  act (window, "win.play-pause", NULL);
  spin (100);
  act (window, "win.play-pause", NULL);
  ck_assert_int_eq (weft_session_get_state (window->session), WEFT_SESSION_PAUSED);
  act (window, "win.step", NULL);
  run = weft_run_ref (weft_session_get_run (window->session));
  quit_app ();
  /* weft_run_stop() returns once every thread is joined. */
  ck_assert (weft_run_is_stopping (run));
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_STOPPED);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("ui-window");
  const char *localedir = g_getenv ("WEFT_LOCALEDIR");

  /* LANGUAGE=fr WEFT_LOCALEDIR=_build/po: the same tour in French (screenshots). */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  test_add_case (suite, "tour", test_tour_of_the_scenarios);
  test_add_case (suite, "deadlock-by-hand", test_deadlock_by_hand);
  test_add_case (suite, "lost-update", test_lost_update_banner);
#if WEFT_TEST_XTEST
  test_add_case (suite, "keyboard", test_keyboard);
#endif
  test_add_case (suite, "export", test_export_action);
  test_add_case (suite, "parameters", test_parameters_apply_on_reset_and_persist);
  test_add_case (suite, "quit", test_quit_while_running);
  test_add_case (suite, "quit-paused", test_quit_while_paused_mid_step);
  return test_run_suite (suite);
}
