/* weft-window-actions.c — what the user can do in the window, as actions (win.*) with
 * their keyboard shortcuts: run / pause, step, step a chosen thread, stop / reset, export,
 * zoom and the live edge, the side panes. The buttons and menus only name these actions.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "weft-window-private.h"

/* A free run that deadlocked goes on "running" with every thread blocked, for the class
 * to look at: nothing can resume it, only a reset starts again. */
static gboolean
is_deadlocked (WeftWindow *self)
{
  WeftRun *run = weft_session_get_run (self->session);

  return run != NULL && weft_session_get_state (self->session) != WEFT_SESSION_READY &&
         weft_run_get_outcome (run) == WEFT_OUTCOME_DEADLOCK;
}

static void
play_pause_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WeftWindow *self = WEFT_WINDOW (widget);

  if (is_deadlocked (self))
    weft_window_show_message (self, _("No thread can move: the run is deadlocked. Reset (Ctrl+R) to start again."));
  else if (weft_session_get_state (self->session) == WEFT_SESSION_RUNNING)
    weft_session_pause (self->session);
  else
    weft_session_play (self->session);
}

static void
step_thread (WeftWindow *self,
             int         actor)
{
  g_autoptr(GError) error = NULL;

  if (!weft_session_step (self->session, actor, &error) && error != NULL)
    weft_window_show_message (self, error->message);
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  step_thread (WEFT_WINDOW (widget), -1);
}

/* End: the time cursor goes, and the views follow the run's live edge again. */
static void
back_to_live_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  WeftWindow *self = WEFT_WINDOW (widget);

  weft_viewport_clear_cursor (weft_session_get_viewport (self->session));
  g_object_set (self, "follow-live", TRUE, NULL);
}

/* Backspace, Ctrl+Z, Left in the views, the header's button: one operation undone, by a
 * fresh run replaying the others (weft_session_step_back()). */
static void
step_back_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  WeftWindow *self = WEFT_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!weft_session_step_back (self->session, &error) && error != NULL)
    weft_window_show_message (self, error->message);
}

/* 1–9: the thread with that number (the first nine lanes of the timeline). */
static void
step_thread_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  step_thread (WEFT_WINDOW (widget), g_variant_get_int32 (parameter));
}

static void
stop_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WeftWindow *self = WEFT_WINDOW (widget);
  WeftSessionState state = weft_session_get_state (self->session);

  if (state == WEFT_SESSION_RUNNING || state == WEFT_SESSION_PAUSED)
    weft_session_stop (self->session);
  else
    weft_window_reset (self);
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  weft_window_reset (WEFT_WINDOW (widget));
}

static void
export_dialog_exported_cb (WeftWindow *self,
                           GFile      *file)
{
  g_autofree char *name = g_file_get_basename (file);
  /* Translators: a notification; %s is the file name. */
  g_autofree char *text = g_strdup_printf (_("Exported “%s”"), name);

  weft_window_show_message (self, text);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WeftWindow *self = WEFT_WINDOW (widget);
  WeftTimelineView view;

  if (self->export_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->export_dialog));
      return;
    }

  weft_timeline_area_get_view (self->timeline_area, &view);
  self->export_dialog = weft_export_dialog_new (GTK_WINDOW (self), self->session, &view);
  g_object_add_weak_pointer (G_OBJECT (self->export_dialog), (gpointer *) &self->export_dialog);
  g_signal_connect_object (self->export_dialog, "exported",
                           G_CALLBACK (export_dialog_exported_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->export_dialog));
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  weft_timeline_area_zoom_in (WEFT_WINDOW (widget)->timeline_area);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  weft_timeline_area_zoom_out (WEFT_WINDOW (widget)->timeline_area);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  weft_timeline_area_zoom_fit (WEFT_WINDOW (widget)->timeline_area);
}

static void
text_larger_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  WeftWindow *self = WEFT_WINDOW (widget);

  weft_window_set_text_scale (self, self->text_scale + WEFT_TEXT_SCALE_STEP);
}

static void
text_smaller_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  WeftWindow *self = WEFT_WINDOW (widget);

  weft_window_set_text_scale (self, self->text_scale - WEFT_TEXT_SCALE_STEP);
}

static void
text_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  weft_window_set_text_scale (WEFT_WINDOW (widget), WEFT_TEXT_SCALE_MIN);
}

static void
presentation_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  WeftWindow *self = WEFT_WINDOW (widget);

  weft_window_set_presentation (self, !self->presentation);
}

static void
fullscreen_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GtkWindow *window = GTK_WINDOW (widget);

  if (gtk_window_is_fullscreen (window))
    gtk_window_unfullscreen (window);
  else
    gtk_window_fullscreen (window);
}

/* Escape leaves presentation mode and full screen (a popover or a dialog takes it first,
 * for itself). */
static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  WeftWindow *self = WEFT_WINDOW (widget);

  weft_window_set_presentation (self, FALSE);
  if (gtk_window_is_fullscreen (GTK_WINDOW (self)))
    gtk_window_unfullscreen (GTK_WINDOW (self));
}

static void
toggle_panel_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GtkToggleButton *button = WEFT_WINDOW (widget)->panel_button;

  gtk_toggle_button_set_active (button, !gtk_toggle_button_get_active (button));
}

static void
toggle_log_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GtkToggleButton *button = WEFT_WINDOW (widget)->log_button;

  gtk_toggle_button_set_active (button, !gtk_toggle_button_get_active (button));
}

/* Icons, tooltips and sensitivity follow the run's state. */
void
weft_window_update_actions (WeftWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  WeftSessionState state = weft_session_get_state (self->session);
  gboolean going = state == WEFT_SESSION_RUNNING || state == WEFT_SESSION_PAUSED;

  gtk_widget_action_set_enabled (widget, "win.play-pause", state != WEFT_SESSION_ENDED);
  gtk_widget_action_set_enabled (widget, "win.text-larger", self->text_scale < WEFT_TEXT_SCALE_MAX - 1e-6);
  gtk_widget_action_set_enabled (widget, "win.text-smaller", self->text_scale > WEFT_TEXT_SCALE_MIN + 1e-6);
  gtk_widget_action_set_enabled (widget, "win.text-reset", self->text_scale > WEFT_TEXT_SCALE_MIN + 1e-6);
  gtk_widget_action_set_enabled (widget, "win.step", state != WEFT_SESSION_ENDED);
  gtk_widget_action_set_enabled (widget, "win.step-thread", state != WEFT_SESSION_ENDED);
  gtk_widget_action_set_enabled (widget, "win.step-back", weft_session_can_step_back (self->session));
  gtk_widget_action_set_enabled (widget, "win.save-run", state != WEFT_SESSION_READY);
  gtk_widget_action_set_enabled (widget, "win.save-run-as", state != WEFT_SESSION_READY);

  if (is_deadlocked (self))
    {
      gtk_button_set_icon_name (self->play_button, "media-playback-start-symbolic");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                                   _("Deadlocked: no thread can move; reset to start again (Ctrl+R)"));
    }
  else if (state == WEFT_SESSION_RUNNING)
    {
      gtk_button_set_icon_name (self->play_button, "media-playback-pause-symbolic");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button), _("Pause (Space)"));
    }
  else
    {
      gtk_button_set_icon_name (self->play_button, "media-playback-start-symbolic");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                                   state == WEFT_SESSION_PAUSED ? _("Resume: let every thread run (Space)")
                                                                : _("Run: let every thread go (Space)"));
    }

  if (going)
    {
      gtk_button_set_icon_name (self->stop_button, "media-playback-stop-symbolic");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->stop_button),
                                   _("Stop the run: every thread stops where it is"));
    }
  else
    {
      gtk_button_set_icon_name (self->stop_button, "view-refresh-symbolic");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->stop_button),
                                   _("Reset: a new run with the parameters of the side panel (Ctrl+R)"));
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  state == WEFT_SESSION_RUNNING && !is_deadlocked (self) ? _("Pause") : _("Run"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->step_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Step"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->step_back_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Step back"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->stop_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  going ? _("Stop") : _("Reset"), -1);
}

void
weft_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.play-pause", NULL, play_pause_action);
  gtk_widget_class_install_action (widget_class, "win.step", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "win.step-thread", "i", step_thread_action);
  gtk_widget_class_install_action (widget_class, "win.step-back", NULL, step_back_action);
  gtk_widget_class_install_action (widget_class, "win.back-to-live", NULL, back_to_live_action);
  gtk_widget_class_install_action (widget_class, "win.stop-reset", NULL, stop_reset_action);
  gtk_widget_class_install_action (widget_class, "win.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_fit_action);
  /* A stateful action over the window's "follow-live" property, which the timeline's
   * own property is bound to: the toggle button shows the state. */
  gtk_widget_class_install_property_action (widget_class, "win.follow-live", "follow-live");
  gtk_widget_class_install_property_action (widget_class, "win.show-legend", "show-legend");
  gtk_widget_class_install_action (widget_class, "win.text-larger", NULL, text_larger_action);
  gtk_widget_class_install_action (widget_class, "win.text-smaller", NULL, text_smaller_action);
  gtk_widget_class_install_action (widget_class, "win.text-reset", NULL, text_reset_action);
  gtk_widget_class_install_action (widget_class, "win.presentation", NULL, presentation_action);
  gtk_widget_class_install_action (widget_class, "win.fullscreen", NULL, fullscreen_action);
  gtk_widget_class_install_action (widget_class, "win.leave", NULL, leave_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-panel", NULL, toggle_panel_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-log", NULL, toggle_log_action);

  /* Space and Right: see add_key_controllers() in weft-window.c. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, 0, "win.step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_N, 0, "win.step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "win.step-back", NULL);
  for (int i = 0; i < 9; i++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, 0, "win.step-thread", "i", i);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1 + i, 0, "win.step-thread", "i", i);
    }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "win.zoom-in", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "win.zoom-out", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "win.zoom-fit", NULL);
  /* Ctrl with + / − / 0: the size of the text, as in every GNOME app. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.text-larger", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.text-larger", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.text-larger", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.text-smaller", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.text-smaller", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.text-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "win.text-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.presentation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "win.fullscreen", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.leave", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, 0, "win.follow-live", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "win.back-to-live", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_End, 0, "win.back-to-live", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-panel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "win.show-legend", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.toggle-log", NULL);
}
