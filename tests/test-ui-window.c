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
#include <signal.h>
#include <string.h>

#if WEFT_TEST_XTEST
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#endif

#include "weft-application.h"
#include "weft-scenarios.h"
#include "weft-run-file.h"
#include "weft-scene-area-private.h"
#include "weft-timeline-area-private.h"
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

  /* In the test's own (forked) process: the parent never touches the display. Saved runs
   * go to the recent files: a folder of the test's own keeps them out of the user's. */
  {
    g_autofree char *data_home = g_dir_make_tmp ("weft-ui-window-data-XXXXXX", NULL);

    g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  }
  test_ui_init ();
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  app = weft_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
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
  /* GTK hands a widget action's parameter to the action as it is, without sinking it:
   * a floating g_variant_new_…() would never be freed. */
  g_autoptr(GVariant) sunk = parameter != NULL ? g_variant_ref_sink (parameter) : NULL;

  ck_assert_msg (gtk_widget_activate_action_variant (GTK_WIDGET (window), action, sunk),
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

/* The first label under @widget whose text contains @text (a toast's, say), or NULL. */
static GtkWidget *
find_label_containing (GtkWidget  *widget,
                       const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_containing (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether @word is among the recorded @texts. */
static gboolean
recorded (GPtrArray  *texts,
          const char *word)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (((WeftRecordedText *) g_ptr_array_index (texts, i))->text, word))
      return TRUE;
  return FALSE;
}

/* Every word drawn lies inside a view of @width × @height. */
static void
assert_inside (GPtrArray  *texts,
               int         width,
               int         height,
               const char *view)
{
  for (guint i = 0; i < texts->len; i++)
    {
      WeftRecordedText *text = g_ptr_array_index (texts, i);

      ck_assert_msg (text->x >= -0.5 && text->y >= -0.5 && text->x < width &&
                     text->y + text->size <= height + 0.5,
                     "%s: “%s” at (%g, %g), %g px, outside %d × %d", view, text->text,
                     text->x, text->y, text->size, width, height);
    }
}

/* The names the scene and the timeline draw in the window as it is (its sizes, its text
 * scale), read back through the renderer's text recorder: every thread and every fork
 * named (a fork by its full or short name), inside its view. */
static void
assert_every_name_drawn (WeftWindow *window)
{
  WeftModel *model = weft_session_get_model (window->session);
  int sw = gtk_widget_get_width (GTK_WIDGET (window->scene_area));
  int sh = gtk_widget_get_height (GTK_WIDGET (window->scene_area));
  int tw = gtk_widget_get_width (GTK_WIDGET (window->timeline_area));
  int th = gtk_widget_get_height (GTK_WIDGET (window->timeline_area));
  g_autoptr(GPtrArray) scene = g_ptr_array_new_with_free_func (weft_recorded_text_free);
  g_autoptr(GPtrArray) timeline = g_ptr_array_new_with_free_func (weft_recorded_text_free);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (sw, tw), MAX (sh, th));
  cairo_t *cr = cairo_create (surface);
  WeftTimelineLayout layout;
  WeftTimelineView view;

  weft_render_record_text (cr, scene);
  weft_scene_draw (cr, model, weft_theme_get (WEFT_THEME_LIGHT), G_MAXUINT64, sw, sh,
                   weft_scene_area_get_text_scale (window->scene_area), NULL);
  cairo_destroy (cr);

  ck_assert (weft_timeline_area_get_layout (window->timeline_area, &layout));
  weft_timeline_area_get_view (window->timeline_area, &view);
  view.font_size = layout.font_size;
  cr = cairo_create (surface);
  weft_render_record_text (cr, timeline);
  weft_timeline_draw (cr, model, weft_theme_get (WEFT_THEME_LIGHT), &view, tw, th, NULL);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  for (guint i = 0; i < weft_model_get_n_actors (model); i++)
    {
      const char *name = weft_model_get_actor_name (model, i);

      ck_assert_msg (recorded (scene, name), "the scene does not name %s", name);
      ck_assert_msg (recorded (timeline, name), "the timeline does not name %s", name);
    }
  for (guint i = 0; i < weft_model_get_n_objects (model); i++)
    {
      const char *name = weft_model_get_object_name (model, i);
      g_autofree char *short_name = weft_scene_short_name (name);

      ck_assert_msg (recorded (scene, name) || recorded (scene, short_name),
                     "the scene does not name %s", name);
      ck_assert_msg (recorded (timeline, name), "the timeline does not name %s", name);
    }
  assert_inside (scene, sw, sh, "scene");
  assert_inside (timeline, tw, th, "timeline");
}

/* The height a line of the event log takes. */
static int
log_line_height (WeftWindow *window)
{
  GtkWidget *label = gtk_label_new ("Kant has acquired the left fork");
  int height;

  gtk_box_append (GTK_BOX (gtk_widget_get_first_child (GTK_WIDGET (window->log_view))), label);
  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, -1, &height, NULL, NULL, NULL);
  gtk_box_remove (GTK_BOX (gtk_widget_get_first_child (GTK_WIDGET (window->log_view))), label);
  return height;
}

static void
remember_message (WeftSession *session,
                  const char  *text,
                  char       **last)
{
  g_free (*last);
  *last = g_strdup (text);
}

/* Every scenario: run, pause, three steps, a chosen thread's step, a screenshot, stop. */
START_TEST (test_tour_of_the_scenarios)
{
  WeftWindow *window = start_app ();
  guint n;
  const WeftScenario * const *all = weft_scenarios_get_all (&n);
  g_autofree char *message = NULL;

  g_signal_connect (window->session, "message", G_CALLBACK (remember_message), &message);
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
      /* A free run paused near its end (the bank's, on a loaded machine, is still going
       * after 300 ms) may have fewer than three operations left: then it completes. */
      if (weft_run_get_outcome (weft_session_get_run (session)) == WEFT_OUTCOME_NONE)
        ck_assert_msg (n_steps (window) == before + 3, "%s: %" G_GUINT64_FORMAT " steps of 3 taken (%s)",
                       all[i]->id, n_steps (window) - before, message ? message : "no message");
      else
        ck_assert_msg (weft_run_get_outcome (weft_session_get_run (session)) == WEFT_OUTCOME_COMPLETED &&
                       n_steps (window) < before + 3,
                       "%s: outcome %d after %" G_GUINT64_FORMAT " steps of 3", all[i]->id,
                       weft_run_get_outcome (weft_session_get_run (session)), n_steps (window) - before);

      /* Thread 1 (what the key 1 or a click on its name does), when it is at a gate: the
       * steps may have left it blocked or waiting (a subscriber on an empty list). */
      spin_until (settled (window), "the threads settled");
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

      /* A short run (the bank's four operations) can end within these steps: then the
       * button resets, and there is nothing to stop. */
      if (weft_session_get_state (session) != WEFT_SESSION_ENDED)
        {
          WeftOutcome outcome;

          act (window, "win.stop-reset", NULL);
          ck_assert_msg (weft_session_get_state (session) == WEFT_SESSION_ENDED,
                         "%s: the state after stop is %d", all[i]->id,
                         weft_session_get_state (session));
          /* Completed when the last step ended it before the frame noticed. */
          outcome = weft_run_get_outcome (weft_session_get_run (session));
          ck_assert_msg (outcome == WEFT_OUTCOME_STOPPED || outcome == WEFT_OUTCOME_COMPLETED,
                         "%s: outcome %d", all[i]->id, outcome);
        }
      else
        ck_assert_int_eq (weft_run_get_outcome (weft_session_get_run (session)),
                          WEFT_OUTCOME_COMPLETED);
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

  /* One press each: a step is one operation of the lesson, so each press takes a left
   * fork (thinking and the pause after the fork take no press). */
  for (guint i = 0; i < n; i++)
    {
      act (window, "win.step-thread", g_variant_new_int32 ((gint32) i));
      spin_until (settled (window), "a philosopher's step");
      ck_assert_uint_eq (count_acquired (run, i), 1);
      ck_assert_int_eq (weft_actor_get_pending_op (weft_run_get_actor (run, i)), WEFT_OP_ACQUIRE);
    }
  ck_assert (!gtk_revealer_get_reveal_child (window->banner_revealer));

  for (guint i = 0; i < n; i++)
    {
      act (window, "win.step-thread", g_variant_new_int32 ((gint32) i));
      spin_until (settled (window), "reaching for the right fork");
    }
  ck_assert_uint_eq (weft_run_get_n_steps (run), 2 * n);
  spin_until (gtk_revealer_get_reveal_child (window->banner_revealer), "the deadlock banner");

  banner = gtk_label_get_label (window->banner_label);
  ck_assert_ptr_nonnull (strstr (banner, "→"));
  for (guint i = 0; i < n; i++)
    ck_assert_msg (strstr (banner, weft_actor_get_name (weft_run_get_actor (run, i))) != NULL,
                   "“%s” does not name %s", banner, weft_actor_get_name (weft_run_get_actor (run, i)));
  ck_assert (gtk_widget_has_css_class (window->banner, "deadlock"));
  spin (300);
  save_screenshot (window, "window-deadlock");
  /* The same moment as the class sees it: presentation mode. */
  act (window, "win.presentation", NULL);
  spin (300);
  save_screenshot (window, "window-deadlock-presentation");
  assert_every_name_drawn (window);
  /* On a 1024×768 projector too, with the banner and the cycle's caption. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 740);
  spin (300);
  test_ui_wait_for_frames (GTK_WIDGET (window));
  assert_every_name_drawn (window);
  save_screenshot (window, "window-deadlock-presentation-1024");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  act (window, "win.presentation", NULL);
  spin (300);

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
  /* What was lost, expected and got, whichever write came last. */
  {
    const char *label = gtk_label_get_label (window->banner_label);

    /* The figures, in any language, whichever write came last: the deposit of 5000 or
     * the withdrawal of 1000 erased, 6000 expected. */
    ck_assert_msg ((strstr (label, "5000") != NULL || strstr (label, "1000") != NULL) &&
                   strstr (label, "6000") != NULL, "banner: %s", label);
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

/* What the scene shows of a run: each thread's state and what it will do next. */
static char *
describe_threads (WeftWindow *window)
{
  WeftRun *run = weft_session_get_run (window->session);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < weft_run_get_n_actors (run); i++)
    {
      WeftActor *actor = weft_run_get_actor (run, i);

      g_string_append_printf (text, "%s %s %s; ", weft_actor_get_name (actor),
                              weft_state_to_string (weft_actor_get_state (actor)),
                              weft_op_to_string (weft_actor_get_pending_op (actor)));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Step 10, step back 3 with the keys (Backspace, Left in the timeline, Ctrl+Z): the run is
 * the one after step 7, stepped on fresh threads, and the views show it; N goes forward
 * the same way. The header's Step back button is off before the first operation. */
START_TEST (test_step_back)
{
  WeftWindow *window = start_app ();
  g_autofree char *after_7 = NULL;
  g_autofree char *after_10 = NULL;
  g_autofree char *now = NULL;
  guint n_model_steps;

  select_scenario (window, "philosophers");
  ck_assert (weft_params_panel_set_value (window->params_panel, "strategy", "naive", NULL));
  act (window, "win.reset", NULL);
  spin (200);
  ck_assert (!gtk_widget_is_sensitive (GTK_WIDGET (window->step_back_button)));
  for (guint i = 0; i < 10; i++)
    {
      press_key (window, 0, GDK_KEY_n);
      spin_until (settled (window), "a step");
      if (i == 6)
        after_7 = describe_threads (window);
    }
  ck_assert_uint_eq (n_steps (window), 10);
  after_10 = describe_threads (window);
  ck_assert (gtk_widget_is_sensitive (GTK_WIDGET (window->step_back_button)));

  press_key (window, 0, GDK_KEY_BackSpace);
  ck_assert_uint_eq (n_steps (window), 9);
  ck_assert (gtk_widget_has_focus (GTK_WIDGET (window->timeline_area)));
  press_key (window, 0, GDK_KEY_Left);
  ck_assert_uint_eq (n_steps (window), 8);
  press_key (window, GDK_KEY_Control_L, GDK_KEY_z);
  ck_assert_uint_eq (n_steps (window), 7);
  spin_until (settled (window), "the replay");
  now = describe_threads (window);
  ck_assert_str_eq (now, after_7);
  spin (200);
  weft_model_get_step_times (weft_timeline_area_get_model (window->timeline_area), &n_model_steps);
  ck_assert_uint_eq (n_model_steps, 7);
  ck_assert_int_eq (weft_session_get_state (window->session), WEFT_SESSION_PAUSED);
  save_screenshot (window, "window-step-back");

  for (guint i = 0; i < 3; i++)
    {
      press_key (window, 0, GDK_KEY_n);
      spin_until (settled (window), "a step forward again");
    }
  g_free (now);
  now = describe_threads (window);
  ck_assert_str_eq (now, after_10);
  quit_app ();
}
END_TEST

/* `weft FILE.weft` (the file manager does the same): a window of its own with the saved
 * run, ready to replay. */
START_TEST (test_open_from_the_command_line)
{
  WeftWindow *window = start_app ();
  g_autofree char *dir = g_dir_make_tmp ("weft-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bank.weft", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GList *windows;
  WeftWindow *opened;

  select_scenario (window, "bank");
  act (window, "win.reset", NULL);
  for (guint i = 0; i < 3; i++)
    {
      act (window, "win.step", NULL);
      spin_until (settled (window), "a step");
    }
  ck_assert_msg (weft_window_save_run (window, file, &error), "%s", error ? error->message : "");

  g_application_open (G_APPLICATION (app), &file, 1, "");
  spin (300);
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  ck_assert_uint_eq (g_list_length (windows), 2);
  opened = WEFT_WINDOW (windows->data == window ? windows->next->data : windows->data);
  ck_assert_str_eq (weft_session_get_scenario (opened->session)->id, "bank");
  /* The scenario chooser says so too. */
  {
    guint n_scenarios;
    const WeftScenario * const *scenarios = weft_scenarios_get_all (&n_scenarios);

    ck_assert_str_eq (scenarios[gtk_drop_down_get_selected (opened->scenario_dropdown)]->id, "bank");
  }
  ck_assert_int_eq (weft_session_get_state (opened->session), WEFT_SESSION_PAUSED);
  ck_assert_uint_eq (weft_session_get_n_steps_to_replay (opened->session), 3);
  g_unlink (path);
  g_rmdir (dir);
  quit_app ();
}
END_TEST

/* The model's end lies in the viewport's window on the axis. */
static gboolean
end_in_window (WeftViewport *viewport,
               WeftModel    *model)
{
  double end = weft_model_time_to_axis (model, weft_model_get_end_ns (model));

  return weft_viewport_get_start (viewport) < end && end <= weft_viewport_get_end (viewport) + 1e-6;
}

/* The time cursor: a click on the lanes places it, the scene shows that moment and says
 * which ("step 3 · …"), the log selects its line; End takes it away and the scene shows
 * the live end again. Zooming alone never moves the scene to a past moment. */
START_TEST (test_time_cursor)
{
  WeftWindow *window = start_app ();
  WeftViewport *viewport = weft_session_get_viewport (window->session);
  WeftTimelineLayout layout;
  g_autofree char *moment = NULL;
  guint64 cursor;

  select_scenario (window, "philosophers");
  act (window, "win.reset", NULL);
  /* Before anything happened there is no moment to show: a click on the empty lanes
   * leaves the view following the run (it stayed on the first microsecond for the whole
   * run, the scene on "new"). */
  spin (200);
  ck_assert (weft_timeline_area_get_layout (window->timeline_area, &layout));
  ck_assert (!weft_timeline_area_place_cursor_at (window->timeline_area, layout.plot_x + layout.plot_width / 2));
  ck_assert_uint_eq (weft_viewport_get_cursor (viewport), G_MAXUINT64);
  ck_assert (weft_viewport_get_follow_live (viewport));
  for (guint i = 0; i < 6; i++)
    {
      act (window, "win.step", NULL);
      spin_until (settled (window), "a step");
    }
  spin (300);
  ck_assert (weft_scene_area_describe_moment (window->scene_area) == NULL);

  /* Zoomed in: the scene still shows the live end, and says nothing. */
  act (window, "win.zoom-in", NULL);
  spin (100);
  ck_assert_uint_eq (weft_viewport_get_shown_time (viewport), G_MAXUINT64);

  /* A click in the middle of the lanes. */
  ck_assert (weft_timeline_area_get_layout (window->timeline_area, &layout));
  ck_assert (weft_timeline_area_place_cursor_at (window->timeline_area, layout.plot_x + layout.plot_width / 2));
  cursor = weft_viewport_get_cursor (viewport);
  ck_assert_uint_ne (cursor, G_MAXUINT64);
  ck_assert_uint_eq (weft_scene_area_get_shown_time (window->scene_area),
                     MIN (cursor, weft_model_get_end_ns (weft_session_get_model (window->session))));
  moment = weft_scene_area_describe_moment (window->scene_area);
  ck_assert_msg (moment != NULL && g_str_has_prefix (moment, "step ") && strstr (moment, " s") != NULL,
                 "%s", moment);
  /* Dragged from the line: the cursor follows (a drag elsewhere pans). */
  {
    double at = layout.plot_x + layout.plot_width / 2;

    ck_assert (!weft_timeline_area_drag_cursor (window->timeline_area, at - 100, at));
    ck_assert_uint_eq (weft_viewport_get_cursor (viewport), cursor);
    ck_assert (weft_timeline_area_drag_cursor (window->timeline_area, at + 2, at - layout.plot_width / 4));
    ck_assert_uint_lt (weft_viewport_get_cursor (viewport), cursor);
  }
  spin (200);
  save_screenshot (window, "window-time-cursor");

  /* A step shows its result: the cursor goes, and the lanes follow the run again, to
   * the step just made (they stayed on the clicked moment while the scene showed the
   * step's result: two moments at once). */
  ck_assert (!weft_viewport_get_follow_live (viewport));
  act (window, "win.step", NULL);
  spin_until (settled (window), "a step after the cursor");
  ck_assert_uint_eq (weft_viewport_get_cursor (viewport), G_MAXUINT64);
  ck_assert (weft_viewport_get_follow_live (viewport));
  {
    WeftModel *model = weft_session_get_model (window->session);

    spin_until (end_in_window (viewport, model), "the step's result in the lanes' window");
  }
  ck_assert (weft_timeline_area_place_cursor_at (window->timeline_area, layout.plot_x + layout.plot_width / 3));
  ck_assert_uint_ne (weft_viewport_get_cursor (viewport), G_MAXUINT64);

  /* End: back to live. */
  press_key (window, 0, GDK_KEY_End);
  ck_assert_uint_eq (weft_viewport_get_cursor (viewport), G_MAXUINT64);
  ck_assert (weft_viewport_get_follow_live (viewport));
  ck_assert (weft_scene_area_describe_moment (window->scene_area) == NULL);
  quit_app ();
}
END_TEST

/* A run stepped to its deadlock, saved, a new run made, the file opened: ready at step 0,
 * N follows the saved interleaving to the same deadlock, with the same banner. Bad files
 * are refused with their name, and the current run stays. */
START_TEST (test_save_and_open)
{
  WeftWindow *window = start_app ();
  g_autofree char *dir = g_dir_make_tmp ("weft-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "table.weft", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *banner = NULL;
  g_autofree char *moment = NULL;
  g_autofree char *now = NULL;
  static const struct { const char *name, *text, *says; } bad[] = {
    { "text.weft", "hello", "not JSON" },
    { "photo.weft", "{\"name\": \"a photo\"}", "not a saved Weft run" },
    { "newer.weft", "{\"format\":\"weft-run\",\"version\":7}", "newer Weft" },
    { "elevators.weft", "{\"format\":\"weft-run\",\"version\":1,\"scenario\":\"elevators\"}", "elevators" },
    { "count.weft", "{\"format\":\"weft-run\",\"version\":1,\"scenario\":\"philosophers\",\"params\":{\"count\":\"1\"}}",
      "2 to 1000" },
  };
  WeftRun *kept;

  select_scenario (window, "philosophers");
  ck_assert (weft_params_panel_set_value (window->params_panel, "strategy", "naive", NULL));
  act (window, "win.reset", NULL);
  ck_assert (!weft_window_save_run (window, file, &error));
  g_clear_error (&error);
  while (weft_run_get_outcome (weft_session_get_run (window->session)) != WEFT_OUTCOME_DEADLOCK)
    {
      act (window, "win.step", NULL);
      spin_until (settled (window), "a step");
    }
  spin_until (gtk_revealer_get_reveal_child (window->banner_revealer), "the deadlock banner");
  banner = g_strdup (gtk_label_get_label (window->banner_label));
  moment = describe_threads (window);
  weft_params_panel_set_notes (window->params_panel, "Ask: who waits for whom? « à vous »");
  /* Space typed in the notes is a space, not Run. */
  {
    GtkWidget *notes = test_ui_find_descendant (GTK_WIDGET (window->params_panel), GTK_TYPE_TEXT_VIEW);
    WeftSessionState before = weft_session_get_state (window->session);
    g_autofree char *typed = NULL;

    ck_assert_ptr_nonnull (notes);
    gtk_widget_grab_focus (notes);
    press_key (window, 0, GDK_KEY_space);
    ck_assert_int_eq (weft_session_get_state (window->session), before);
    typed = weft_params_panel_dup_notes (window->params_panel);
    ck_assert_msg (strlen (typed) == strlen ("Ask: who waits for whom? « à vous »") + 1, "“%s”", typed);
    weft_params_panel_set_notes (window->params_panel, "Ask: who waits for whom? « à vous »");
    gtk_widget_grab_focus (GTK_WIDGET (window->timeline_area));
  }
  ck_assert_msg (weft_window_save_run (window, file, &error), "%s", error ? error->message : "");
  ck_assert (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* Another run meanwhile: the ordered table, and other notes. */
  weft_params_panel_set_notes (window->params_panel, "");
  ck_assert (weft_params_panel_set_value (window->params_panel, "strategy", "ordered", NULL));
  act (window, "win.reset", NULL);
  ck_assert (!gtk_revealer_get_reveal_child (window->banner_revealer));

  ck_assert_msg (weft_window_open_run (window, file, &error), "%s", error ? error->message : "");
  ck_assert_str_eq (weft_params_get_choice (weft_session_get_params (window->session), "strategy"), "naive");
  /* The side panel shows the file's parameters too. */
  ck_assert_str_eq (weft_params_get_choice (weft_params_panel_get_params (window->params_panel), "strategy"),
                    "naive");
  ck_assert (!weft_params_panel_get_modified (window->params_panel));
  {
    g_autofree char *notes = weft_params_panel_dup_notes (window->params_panel);

    ck_assert_str_eq (notes, "Ask: who waits for whom? « à vous »");
  }
  ck_assert_int_eq (weft_session_get_state (window->session), WEFT_SESSION_PAUSED);
  ck_assert_uint_eq (n_steps (window), 0);
  ck_assert_uint_gt (weft_session_get_n_steps_to_replay (window->session), 0);
  /* Saved again before a step: the whole schedule, not the none taken yet. */
  {
    g_autofree char *again_path = g_build_filename (dir, "again.weft", NULL);
    g_autoptr(GFile) again = g_file_new_for_path (again_path);
    g_autoptr(WeftRunFile) first = weft_run_file_load (path, NULL);
    g_autoptr(WeftRunFile) second = NULL;

    ck_assert_msg (weft_window_save_run (window, again, &error), "%s", error ? error->message : "");
    second = weft_run_file_load (again_path, NULL);
    ck_assert_ptr_nonnull (first);
    ck_assert_ptr_nonnull (second);
    ck_assert_uint_eq (second->schedule->len, first->schedule->len);
    ck_assert (memcmp (second->schedule->data, first->schedule->data, first->schedule->len * sizeof (guint16)) == 0);
    g_unlink (again_path);
  }
  while (weft_session_get_n_steps_to_replay (window->session) > 0)
    {
      act (window, "win.step", NULL);
      spin_until (settled (window), "a step of the saved run");
    }
  spin_until (gtk_revealer_get_reveal_child (window->banner_revealer), "the same deadlock banner");
  ck_assert_str_eq (gtk_label_get_label (window->banner_label), banner);
  now = describe_threads (window);
  ck_assert_str_eq (now, moment);
  save_screenshot (window, "window-opened-run");

  /* A schedule naming a thread the run does not have (the table has five). */
  {
    g_autofree char *text = NULL;
    g_autofree char *thread_path = g_build_filename (dir, "thread.weft", NULL);
    g_autoptr(GFile) thread_file = g_file_new_for_path (thread_path);
    g_autoptr(GRegex) regex = g_regex_new ("\"schedule\":\\[[0-9,]*\\]", 0, 0, NULL);
    g_autofree char *changed = NULL;
    WeftRun *before = weft_session_get_run (window->session);

    ck_assert (g_file_get_contents (path, &text, NULL, NULL));
    changed = g_regex_replace_literal (regex, text, -1, 0, "\"schedule\":[0,7]", 0, NULL);
    ck_assert (g_file_set_contents (thread_path, changed, -1, NULL));
    ck_assert (!weft_window_open_run (window, thread_file, &error));
    ck_assert_msg (strstr (error->message, "thread.weft") != NULL && strstr (error->message, "thread 8") != NULL,
                   "%s", error->message);
    g_clear_error (&error);
    ck_assert_ptr_eq (weft_session_get_run (window->session), before);
    g_unlink (thread_path);
  }

  /* Opened at its end (the Open dialog's other choice, remembered): the deadlock at once. */
  g_settings_set_boolean (window->settings, "open-runs-at-end", TRUE);
  gtk_revealer_set_reveal_child (window->banner_revealer, FALSE);
  ck_assert_msg (weft_window_open_run (window, file, &error), "%s", error ? error->message : "");
  ck_assert_uint_eq (weft_session_get_n_steps_to_replay (window->session), 0);
  ck_assert_uint_eq (n_steps (window), 10);
  spin_until (gtk_revealer_get_reveal_child (window->banner_revealer), "the deadlock banner at once");
  ck_assert_str_eq (gtk_label_get_label (window->banner_label), banner);
  g_settings_set_boolean (window->settings, "open-runs-at-end", FALSE);

  kept = weft_session_get_run (window->session);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *bad_path = g_build_filename (dir, bad[i].name, NULL);
      g_autoptr(GFile) bad_file = g_file_new_for_path (bad_path);

      ck_assert (g_file_set_contents (bad_path, bad[i].text, -1, NULL));
      ck_assert (!weft_window_open_run (window, bad_file, &error));
      ck_assert_msg (strstr (error->message, bad[i].name) != NULL && strstr (error->message, bad[i].says) != NULL,
                     "%s: %s", bad[i].name, error->message);
      g_clear_error (&error);
      ck_assert_ptr_eq (weft_session_get_run (window->session), kept);
      g_unlink (bad_path);
    }
  g_unlink (path);
  g_rmdir (dir);
  quit_app ();
}
END_TEST

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
  /* Run, paused, stepped: the free part stays in time at the axis' start, the step has
   * its column after it, and the timeline's view is on that axis. */
  spin (200);
  {
    WeftModel *model = weft_timeline_area_get_model (window->timeline_area);
    const WeftModelFreePart *parts;
    WeftTimelineView view;
    guint n_parts;

    ck_assert_int_eq (weft_model_get_mode (model), WEFT_MODE_STEP);
    parts = weft_model_get_free_parts (model, &n_parts);
    ck_assert_uint_eq (n_parts, 1);
    ck_assert (parts[0].axis_start == weft_model_get_axis_start (model));
    ck_assert (weft_model_get_step_axis (model, 0) > parts[0].axis_end);
    weft_timeline_area_get_view (window->timeline_area, &view);
    ck_assert_msg (view.end <= weft_model_get_axis_end (model) * 1.1 && view.end > parts[0].axis_end,
                   "the view [%g, %g] is not on the axis [%g, %g]", view.start, view.end,
                   weft_model_get_axis_start (model), weft_model_get_axis_end (model));
  }

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

/* The X window under @widget's native (the main window or a popover) and where @widget's
 * centre, offset by (@dx, @dy), is on the screen. */
static void
screen_point (GtkWidget *widget,
              double     fx,
              double     fy,
              int       *root_x,
              int       *root_y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  Display *x = gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));
  Window xid = gdk_x11_surface_get_xid (gtk_native_get_surface (native));
  graphene_point_t in = GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) * fx,
                                             gtk_widget_get_height (widget) * fy);
  graphene_point_t out;
  double sx, sy;
  Window child;

  ck_assert (gtk_widget_compute_point (widget, GTK_WIDGET (native), &in, &out));
  gtk_native_get_surface_transform (native, &sx, &sy);
  XTranslateCoordinates (x, xid, DefaultRootWindow (x), (int) (out.x + sx), (int) (out.y + sy),
                         root_x, root_y, &child);
}

/* A real click of the pointer, through the X server, at a fraction (@fx, @fy) of
 * @widget's size. */
static void
click (GtkWidget *widget,
       double     fx,
       double     fy)
{
  Display *x = gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));
  int rx, ry;

  test_ui_wait_for_frames (widget);
  screen_point (widget, fx, fy, &rx, &ry);
  XTestFakeMotionEvent (x, -1, rx, ry, CurrentTime);
  XFlush (x);
  spin (60);
  XTestFakeButtonEvent (x, 1, True, CurrentTime);
  XTestFakeButtonEvent (x, 1, False, CurrentTime);
  XFlush (x);
  spin (250);
}

/* Opens @dropdown with a click and clicks its @position-th row, as a mouse would. */
static void
choose_with_pointer (WeftWindow  *window,
                     GtkDropDown *dropdown,
                     guint        position)
{
  GtkWidget *popover = NULL, *list, *row;
  guint i = 0;

  click (GTK_WIDGET (dropdown), 0.5, 0.5);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (dropdown)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      popover = child;
  ck_assert_ptr_nonnull (popover);
  spin_until (gtk_widget_get_mapped (popover), "the drop-down's list open");
  list = test_ui_find_descendant (popover, GTK_TYPE_LIST_VIEW);
  ck_assert_ptr_nonnull (list);
  test_ui_wait_for_frames (list);
  row = gtk_widget_get_first_child (list);
  for (; row != NULL && i < position; row = gtk_widget_get_next_sibling (row))
    i++;
  ck_assert_ptr_nonnull (row);
  click (row, 0.5, 0.5);
  spin_until (!gtk_widget_get_mapped (popover), "the drop-down's list closed");
  ck_assert_uint_eq (gtk_drop_down_get_selected (dropdown), position);
  spin (200);
}

static guint
scenario_position (const char *id)
{
  guint n;
  const WeftScenario * const *all = weft_scenarios_get_all (&n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (all[i]->id, id))
      return i;
  ck_abort_msg ("no scenario %s", id);
  return 0;
}

/* Space runs, Space pauses, N steps: whatever the user chose last with the pointer. */
static void
assert_keys_drive_the_run (WeftWindow *window,
                           const char *after)
{
  WeftSession *session = window->session;
  guint64 before;

  press_key (window, 0, GDK_KEY_space);
  ck_assert_msg (weft_session_get_state (session) == WEFT_SESSION_RUNNING,
                 "Space did not run after %s", after);
  press_key (window, 0, GDK_KEY_space);
  ck_assert_msg (weft_session_get_state (session) == WEFT_SESSION_PAUSED,
                 "Space did not pause after %s", after);
  before = n_steps (window);
  press_key (window, 0, GDK_KEY_n);
  spin_until (settled (window), "N's step");
  ck_assert_msg (n_steps (window) == before + 1, "N did not step after %s", after);
  before = n_steps (window);
  press_key (window, 0, GDK_KEY_Right);
  spin_until (settled (window), "Right's step");
  ck_assert_msg (n_steps (window) == before + 1, "Right did not step after %s", after);
  press_key (window, GDK_KEY_Control_L, GDK_KEY_r);
  ck_assert_int_eq (weft_session_get_state (session), WEFT_SESSION_READY);
}

/* The teacher chooses a scenario and a speed with the mouse, clicks the scene: Space,
 * N and Right still drive the run (a drop-down used to keep the focus, and Space opened
 * it again). */
START_TEST (test_keys_after_pointer_choices)
{
  WeftWindow *window = start_app ();

  choose_with_pointer (window, window->scenario_dropdown, scenario_position ("tickets"));
  ck_assert_str_eq (weft_session_get_scenario (window->session)->id, "tickets");
  assert_keys_drive_the_run (window, "choosing a scenario");

  choose_with_pointer (window, window->speed_dropdown, 1);
  ck_assert_double_eq_tol (weft_session_get_speed (window->session), 0.1, 1e-9);
  assert_keys_drive_the_run (window, "choosing a speed");

  choose_with_pointer (window, window->scenario_dropdown, scenario_position ("philosophers"));
  ck_assert_str_eq (weft_session_get_scenario (window->session)->id, "philosophers");
  /* Away from where the drop-down's list was (its X window may take a moment to go). */
  click (GTK_WIDGET (window->scene_area), 0.9, 0.9);
  ck_assert_msg (gtk_widget_has_focus (GTK_WIDGET (window->scene_area)), "the focus is on a %s",
                 gtk_root_get_focus (GTK_ROOT (window)) != NULL
                 ? G_OBJECT_TYPE_NAME (gtk_root_get_focus (GTK_ROOT (window))) : "nothing");
  assert_keys_drive_the_run (window, "a click on the scene");

  click (GTK_WIDGET (window->timeline_area), 0.9, 0.95);
  ck_assert (gtk_widget_has_focus (GTK_WIDGET (window->timeline_area)));
  assert_keys_drive_the_run (window, "a click on the timeline");

  quit_app ();
}
END_TEST

/* Full screen is the window manager's to grant: a small one runs for the test under Xvfb
 * (build-aux/install-deps installs it). */
static GPid
start_window_manager (void)
{
  g_autofree char *path = g_find_program_in_path ("matchbox-window-manager");
  char *argv[] = { path, (char *) "-use_titlebar", (char *) "no", NULL };
  GPid pid = 0;

  ck_assert_msg (path != NULL, "matchbox-window-manager is missing (build-aux/install-deps)");
  ck_assert (g_spawn_async (NULL, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                            NULL, NULL, &pid, NULL));
  g_usleep (500 * 1000);
  return pid;
}

/* F11 full screen and F5 presentation mode, with real keys; Escape leaves both. */
START_TEST (test_presentation_and_full_screen)
{
  GPid manager = start_window_manager ();
  WeftWindow *window = start_app ();
  GtkWindow *gtk_window = GTK_WINDOW (window);
  double scale = weft_timeline_area_get_text_scale (window->timeline_area);

  ck_assert (adw_flap_get_reveal_flap (window->panel_flap));

  press_key (window, 0, GDK_KEY_F11);
  spin_until (gtk_window_is_fullscreen (gtk_window), "full screen");
  press_key (window, 0, GDK_KEY_F11);
  spin_until (!gtk_window_is_fullscreen (gtk_window), "out of full screen");

  press_key (window, 0, GDK_KEY_F5);
  ck_assert (window->presentation);
  ck_assert (!adw_flap_get_reveal_flap (window->panel_flap));
  ck_assert (!adw_flap_get_reveal_flap (window->log_flap));
  ck_assert (gtk_widget_get_mapped (GTK_WIDGET (window->scene_area)));
  ck_assert (gtk_widget_get_mapped (GTK_WIDGET (window->timeline_area)));
  ck_assert_double_gt (weft_timeline_area_get_text_scale (window->timeline_area), scale);
  /* The legend stays, even when it was hidden. */
  g_object_set (window, "show-legend", FALSE, NULL);
  ck_assert (gtk_revealer_get_reveal_child (window->legend_revealer));
  /* The keys of the lesson still work in presentation mode. */
  assert_keys_drive_the_run (window, "entering presentation mode");
  save_screenshot (window, "window-presentation");

  press_key (window, 0, GDK_KEY_F11);
  spin_until (gtk_window_is_fullscreen (gtk_window), "full screen in presentation mode");
  ck_assert (!adw_flap_get_reveal_flap (window->panel_flap));
  press_key (window, 0, GDK_KEY_Escape);
  spin_until (!gtk_window_is_fullscreen (gtk_window), "Escape leaves full screen");
  ck_assert (!window->presentation);
  ck_assert (adw_flap_get_reveal_flap (window->panel_flap));
  ck_assert_double_eq_tol (weft_timeline_area_get_text_scale (window->timeline_area), scale, 1e-9);
  ck_assert (!gtk_revealer_get_reveal_child (window->legend_revealer));
  g_object_set (window, "show-legend", TRUE, NULL);

  /* The menu's item does the same as F5. */
  act (window, "win.presentation", NULL);
  ck_assert (window->presentation);
  act (window, "win.presentation", NULL);
  ck_assert (!window->presentation);

  quit_app ();
  kill (manager, SIGTERM);
  g_spawn_close_pid (manager);
}
END_TEST

/* Ctrl+plus up to 250 %: the text grows, the window stays within a 1024×768 screen, and
 * every philosopher's circle stays inside the scene; Ctrl+0 goes back; the size is
 * remembered. */
START_TEST (test_text_size)
{
  WeftWindow *window = start_app ();
  g_autoptr(GSettings) settings = g_settings_new ("io.github.weft.Weft");

  int line_height;

  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 740);
  spin (300);
  ck_assert_double_eq_tol (window->text_scale, 1.0, 1e-9);
  line_height = log_line_height (window);
  for (int i = 0; i < 8; i++)
    press_key (window, GDK_KEY_Control_L, GDK_KEY_plus);
  ck_assert_double_eq_tol (window->text_scale, 2.5, 1e-9);
  ck_assert_double_eq_tol (weft_timeline_area_get_text_scale (window->timeline_area), 2.5, 1e-9);
  ck_assert_double_eq_tol (weft_scene_area_get_text_scale (window->scene_area), 2.5, 1e-9);
  ck_assert_double_eq_tol (g_settings_get_double (settings, "text-scale"), 2.5, 1e-9);
  press_key (window, GDK_KEY_Control_L, GDK_KEY_plus);
  ck_assert_double_eq_tol (window->text_scale, 2.5, 1e-9);

  act (window, "win.play-pause", NULL);
  spin (300);
  act (window, "win.play-pause", NULL);
  test_ui_wait_for_frames (GTK_WIDGET (window));
  ck_assert_int_le (gtk_widget_get_height (GTK_WIDGET (window)), 768);
  ck_assert_int_le (gtk_widget_get_width (GTK_WIDGET (window)), 1024);
  {
    WeftModel *model = weft_session_get_model (window->session);
    g_autoptr(WeftSceneHits) hits = weft_scene_hits_new (model, G_MAXUINT64,
                                                         gtk_widget_get_width (GTK_WIDGET (window->scene_area)),
                                                         gtk_widget_get_height (GTK_WIDGET (window->scene_area)),
                                                         weft_scene_area_get_text_scale (window->scene_area));
    double w = gtk_widget_get_width (GTK_WIDGET (window->scene_area));
    double h = gtk_widget_get_height (GTK_WIDGET (window->scene_area));

    for (guint i = 0; i < weft_model_get_n_actors (model); i++)
      {
        double cx, cy, r;

        ck_assert (weft_scene_hits_get_circle (hits, i, &cx, &cy, &r));
        ck_assert (cx - r >= 0 && cx + r <= w && cy - r >= 0 && cy + r <= h);
      }
  }
  assert_every_name_drawn (window);
  /* The log's lines grew with the text. */
  ck_assert_int_gt (log_line_height (window), line_height * 2);
  save_screenshot (window, "window-text-250");
  /* The same at 250 % in presentation mode, with the panels gone. */
  act (window, "win.presentation", NULL);
  test_ui_wait_for_frames (GTK_WIDGET (window));
  assert_every_name_drawn (window);
  act (window, "win.presentation", NULL);

  press_key (window, GDK_KEY_Control_L, GDK_KEY_0);
  ck_assert_double_eq_tol (window->text_scale, 1.0, 1e-9);
  press_key (window, GDK_KEY_Control_L, GDK_KEY_minus);
  ck_assert_double_eq_tol (window->text_scale, 1.0, 1e-9);
  quit_app ();
}
END_TEST
#endif

/* A free run of the naive philosophers that deadlocks: the button shows Run again (the
 * threads are not running), and Space says that only a reset starts again. */
START_TEST (test_deadlocked_free_run)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.weft.Weft");
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{ss}"));
  WeftWindow *window;

  g_variant_builder_add (&builder, "{ss}", "philosophers",
                         "count=5 strategy=naive think_ms=0 eat_ms=0 fork_gap_ms=200 meals=0");
  g_settings_set_value (settings, "parameters", g_variant_builder_end (&builder));
  g_settings_set_string (settings, "last-scenario", "philosophers");
  window = start_app ();

  act (window, "win.play-pause", NULL);
  spin_until (weft_run_get_outcome (weft_session_get_run (window->session)) == WEFT_OUTCOME_DEADLOCK,
              "the deadlock");
  spin (200);
  ck_assert_str_eq (gtk_button_get_icon_name (window->play_button), "media-playback-start-symbolic");
  act (window, "win.play-pause", NULL);
  ck_assert_int_eq (weft_session_get_state (window->session), WEFT_SESSION_RUNNING);
  ck_assert (!weft_run_is_paused (weft_session_get_run (window->session)));
  {
    GtkWidget *label = find_label_containing (GTK_WIDGET (window->toast_overlay), "Ctrl+R");

    ck_assert_msg (label != NULL, "no toast says how to start again");
  }
  act (window, "win.reset", NULL);
  ck_assert_int_eq (weft_session_get_state (window->session), WEFT_SESSION_READY);
  ck_assert_str_eq (gtk_button_get_icon_name (window->play_button), "media-playback-start-symbolic");
  quit_app ();
}
END_TEST

/* The legend under the timeline lists what the run shows: a deadlocked table has the
 * cycle and no lost update, the bank's race the lost update and no cycle; Ctrl+K hides it,
 * and the choice is remembered. */
START_TEST (test_legend)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.weft.Weft");
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{ss}"));
  WeftWindow *window;
  WeftLegendItems items;

  g_variant_builder_add (&builder, "{ss}", "philosophers",
                         "count=5 strategy=naive think_ms=0 eat_ms=0 fork_gap_ms=200 meals=0");
  g_settings_set_value (settings, "parameters", g_variant_builder_end (&builder));
  g_settings_set_string (settings, "last-scenario", "philosophers");
  window = start_app ();

  ck_assert (gtk_revealer_get_reveal_child (window->legend_revealer));
  act (window, "win.play-pause", NULL);
  spin_until (weft_model_get_outcome (weft_session_get_model (window->session)) == WEFT_OUTCOME_DEADLOCK,
              "the deadlock");
  spin (100);
  items = weft_legend_area_get_items (window->legend_area);
  ck_assert (items & WEFT_LEGEND_CYCLE);
  ck_assert (!(items & WEFT_LEGEND_LOST));
  ck_assert (items & WEFT_LEGEND_STATE (WEFT_STATE_BLOCKED));

  select_scenario (window, "bank");
  act (window, "win.play-pause", NULL);
  spin_until (weft_session_get_state (window->session) == WEFT_SESSION_ENDED, "the bank's run");
  spin (100);
  items = weft_legend_area_get_items (window->legend_area);
  ck_assert (!(items & WEFT_LEGEND_CYCLE));
  ck_assert (items & WEFT_LEGEND_LOST);

  act (window, "win.show-legend", NULL);
  ck_assert (!gtk_revealer_get_reveal_child (window->legend_revealer));
  ck_assert (!g_settings_get_boolean (settings, "show-legend"));
  act (window, "win.show-legend", NULL);
  ck_assert (gtk_revealer_get_reveal_child (window->legend_revealer));
  quit_app ();
}
END_TEST

/* The first start on a screen no wider than 1920 pixels (Xvfb's, here) fills the screen;
 * once a size is remembered, the window opens at that size. */
START_TEST (test_first_start_maximized)
{
  WeftWindow *window = start_app ();
  g_autoptr(GSettings) settings = g_settings_new ("io.github.weft.Weft");

  ck_assert (weft_window_first_time_maximized (window));
  g_settings_set_int (settings, "window-width", 1100);
  ck_assert (!weft_window_first_time_maximized (window));
  quit_app ();
}
END_TEST

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

/* Quit while the threads run: the run stops. (Closing while
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

/* Text costs nothing per frame: during a dense run the status line's count changes at
 * every frame, but the label is set (and laid out) at most a few times a second; once
 * paused it says the final count at once. */
static void
label_changed_cb (GtkLabel   *label,
                  GParamSpec *pspec,
                  guint      *n)
{
  (*n)++;
}

static void
session_updated_cb (WeftSession *session,
                    guint       *n)
{
  (*n)++;
}

/* spin() for a busy window: one main-loop iteration at a time, so that a window whose
 * frames come back to back cannot keep it past @ms. */
static void
spin_busy (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

START_TEST (test_status_line_few_times_a_second)
{
  WeftWindow *window = start_app ();
  guint n_labels = 0, n_updates = 0;
  gint64 start;
  double seconds;
  g_autofree char *count = NULL;

  select_scenario (window, "philosophers");
  /* Events at every frame (a short pause between the forks, so that the window keeps up:
   * the densest runs are another test's), and never a deadlock. */
  ck_assert (weft_params_panel_set_value (window->params_panel, "strategy", "ordered", NULL));
  ck_assert (weft_params_panel_set_value (window->params_panel, "think_ms", "0", NULL));
  ck_assert (weft_params_panel_set_value (window->params_panel, "eat_ms", "0", NULL));
  ck_assert (weft_params_panel_set_value (window->params_panel, "fork_gap_ms", "2", NULL));
  act (window, "win.reset", NULL);
  g_signal_connect (window->timeline_status, "notify::label", G_CALLBACK (label_changed_cb), &n_labels);
  g_signal_connect (window->session, "updated", G_CALLBACK (session_updated_cb), &n_updates);
  act (window, "win.play-pause", NULL);
  spin_busy (300);
  /* Frames as fast as the session can read: each tick reads new events and announces
   * them, as a window's frame does. */
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 2 * G_USEC_PER_SEC)
    {
      weft_session_tick (window->session);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  seconds = (g_get_monotonic_time () - start) / 1e6;
  ck_assert_msg (n_updates >= 12, "%u frames announced new events", n_updates);
  ck_assert_msg (n_labels <= seconds * STATUS_PER_SECOND + 2, "%u status lines in %.2f s (%u frames)",
                 n_labels, seconds, n_updates);
  ck_assert_uint_ge (n_labels, 1);

  /* Paused, and once the window has read what the run recorded, the line says all of
   * it: an update put off is not lost. */
  act (window, "win.play-pause", NULL);
  {
    guint64 before = G_MAXUINT64;
    gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

    while (weft_model_get_n_events (weft_session_get_model (window->session)) != before &&
           g_get_monotonic_time () < deadline)
      {
        before = weft_model_get_n_events (weft_session_get_model (window->session));
        spin_busy (500);
      }
  }
  count = g_strdup_printf ("%" G_GUINT64_FORMAT " ", weft_model_get_n_events (weft_session_get_model (window->session)));
  ck_assert_msg (strstr (gtk_label_get_label (window->timeline_status), count) != NULL,
                 "“%s” does not say %s events", gtk_label_get_label (window->timeline_status), count);
  quit_app ();
}
END_TEST

/* Quit while paused with a step still on its way: the run stops. */
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
  /* Stopped at once; the reaper joins the threads (weft-run-reaper.h). */
  ck_assert (weft_run_is_stopping (run));
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_STOPPED);
}
END_TEST

/* How long since @t0_us (monotonic), in ms. */
static double
ms_since (gint64 t0_us)
{
  return (double) (g_get_monotonic_time () - t0_us) / 1000.0;
}

/* How long the main loop is kept by one frame's work, at most, over @ms (one iteration at
 * a time: a window whose frames are late always has one due, and spin() would not end). */
static double
longest_iteration_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;
  double longest = 0;

  while (g_get_monotonic_time () < end)
    {
      gint64 t0 = g_get_monotonic_time ();

      g_main_context_iteration (NULL, FALSE);
      longest = MAX (longest, ms_since (t0));
      g_usleep (1000);
    }
  return longest;
}

/* 200 ms is the target on an idle machine; a loaded 2-core CI machine gets a margin. */
#define INSTANT_MS 400.0

/* The densest run there is — 1000 philosophers who never think, eat or pause between
 * forks, at 10× — with the window behind it: pause parks every thread at once, stop and
 * reset give the window back at once (the backlog is read later in frame-sized slices,
 * the 1000 threads joined on another thread). */
START_TEST (test_dense_run_answers_at_once)
{
  static const char * const sets[][2] = {
    { "count", "1000" }, { "strategy", "ordered" }, { "think_ms", "0" },
    { "eat_ms", "0" }, { "fork_gap_ms", "0" },
  };
  WeftWindow *window = start_app ();
  gint64 t0;
  double pause_ms, parked_ms, stop_ms, after_stop_ms, reset_ms, after_reset_ms;

  /* The log's list view warns that it "failed to scroll to given position" when its
   * follow-live scroll meets a list that grew by thousands of rows in a frame: the log's
   * own matter (issue 14, point 3), not what is measured here. Criticals stay fatal. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  select_scenario (window, "philosophers");
  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    ck_assert (weft_params_panel_set_value (window->params_panel, sets[i][0], sets[i][1], NULL));
  act (window, "win.reset", NULL);
  weft_session_set_speed (window->session, 10.0);
  act (window, "win.play-pause", NULL);
  longest_iteration_ms (1500);
  ck_assert_int_eq (weft_session_get_state (window->session), WEFT_SESSION_RUNNING);

  t0 = g_get_monotonic_time ();
  act (window, "win.play-pause", NULL);
  pause_ms = ms_since (t0);
  ck_assert_int_eq (weft_session_get_state (window->session), WEFT_SESSION_PAUSED);
  /* The threads park whatever the frames cost: waited for here, not in the main loop. */
  weft_run_wait_settled (weft_session_get_run (window->session), 10 * TEST_SECOND);
  parked_ms = ms_since (t0);
  longest_iteration_ms (300);

  act (window, "win.play-pause", NULL);
  longest_iteration_ms (1000);
  t0 = g_get_monotonic_time ();
  act (window, "win.stop-reset", NULL);
  stop_ms = ms_since (t0);
  ck_assert_int_eq (weft_session_get_state (window->session), WEFT_SESSION_ENDED);
  /* Printed, not asserted: the frames that read the rest cost what a running frame of
   * 1000 lanes costs (the views' and the log's work, issue 14 points 1 and 3). */
  after_stop_ms = longest_iteration_ms (500);

  t0 = g_get_monotonic_time ();
  act (window, "win.stop-reset", NULL);
  reset_ms = ms_since (t0);
  ck_assert_int_eq (weft_session_get_state (window->session), WEFT_SESSION_READY);
  after_reset_ms = longest_iteration_ms (300);

  g_printerr ("dense run: pause %.1f ms (parked after %.1f ms), stop %.1f ms (then frames ≤ %.1f ms), "
              "reset %.1f ms (then ≤ %.1f ms)\n",
              pause_ms, parked_ms, stop_ms, after_stop_ms, reset_ms, after_reset_ms);
  ck_assert_msg (pause_ms < INSTANT_MS, "pause kept the window %.1f ms", pause_ms);
  ck_assert_msg (parked_ms < INSTANT_MS, "the threads parked after %.1f ms", parked_ms);
  ck_assert_msg (stop_ms < INSTANT_MS, "stop kept the window %.1f ms", stop_ms);
  ck_assert_msg (reset_ms < INSTANT_MS, "reset kept the window %.1f ms", reset_ms);
  ck_assert_msg (after_reset_ms < INSTANT_MS, "a frame after the reset took %.1f ms", after_reset_ms);

  quit_app ();
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
  test_add_case (suite, "step-back", test_step_back);
  test_add_case (suite, "save-and-open", test_save_and_open);
  test_add_case (suite, "time-cursor", test_time_cursor);
  test_add_case (suite, "open-from-the-command-line", test_open_from_the_command_line);
  test_add_case (suite, "keys-after-pointer-choices", test_keys_after_pointer_choices);
  test_add_case (suite, "presentation-and-full-screen", test_presentation_and_full_screen);
  test_add_case (suite, "text-size", test_text_size);
#endif
  test_add_case (suite, "deadlocked-free-run", test_deadlocked_free_run);
  test_add_case (suite, "legend", test_legend);
  test_add_case (suite, "first-start-maximized", test_first_start_maximized);
  test_add_case (suite, "export", test_export_action);
  test_add_case (suite, "parameters", test_parameters_apply_on_reset_and_persist);
  test_add_case (suite, "quit", test_quit_while_running);
  test_add_case (suite, "status-line", test_status_line_few_times_a_second);
  test_add_case (suite, "quit-paused", test_quit_while_paused_mid_step);
  test_add_case (suite, "dense-run-answers-at-once", test_dense_run_answers_at_once);
  return test_run_suite (suite);
}
