/* weft-window-files.c — runs saved and reopened from the window: Save (Ctrl+S), Save As
 * (Ctrl+Shift+S), Open (Ctrl+O), a .weft file dropped on the window, and `weft FILE.weft`
 * (weft-application.c). A saved run is its scenario, parameters, seed and interleaving
 * (weft-run-file.h); reopened, it is a fresh run at step 0 that N steps through that
 * interleaving (weft_session_load_replay()). A file that cannot be opened is said, with
 * its name and the problem, and the current run stays as it was.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "weft-run-file.h"
#include "weft-window-private.h"

static void
remember (WeftWindow *self,
          GFile      *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  /* Named here rather than guessed: GTK asks the application's name, which a window
   * made without one (the tests) lacks. */
  GtkRecentData data = {
    .mime_type = (char *) "application/x-weft-run",
    .app_name = (char *) "Weft",
    .app_exec = (char *) "weft %f",
  };

  g_set_object (&self->run_file, file);
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

gboolean
weft_window_save_run (WeftWindow  *self,
                      GFile       *file,
                      GError     **error)
{
  g_autoptr(WeftRunFile) run_file = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = NULL;
  WeftRun *run = weft_session_get_run (self->session);

  if (run == NULL || weft_session_get_state (self->session) == WEFT_SESSION_READY)
    {
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_BAD_STATE,
                   _("Nothing to save yet: run or step the threads first"));
      return FALSE;
    }
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a local file: choose a folder on this computer"), name);
      return FALSE;
    }

  run_file = weft_run_file_new_from_run (run, weft_session_get_scenario (self->session),
                                         weft_session_get_params (self->session));
  /* The whole run: with the steps of a replay still to follow (an opened file saved
   * again keeps its schedule). */
  g_array_unref (run_file->schedule);
  run_file->schedule = weft_session_dup_schedule (self->session, &run_file->schedule_cut);
  g_free (run_file->notes);
  run_file->notes = weft_params_panel_dup_notes (self->params_panel);
  if (!weft_run_file_save (run_file, path, error))
    return FALSE;
  remember (self, file);
  /* Translators: a toast; %s is the file's name, %u the number of steps kept. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Saved “%s”: %u operation to replay",
                                       "Saved “%s”: %u operations to replay", run_file->schedule->len),
                          name, run_file->schedule->len);
  weft_window_show_message (self, text);
  return TRUE;
}

gboolean
weft_window_open_run (WeftWindow  *self,
                      GFile       *file,
                      GError     **error)
{
  g_autoptr(WeftRunFile) run_file = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = NULL;

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a local file: copy it to this computer first"), name);
      return FALSE;
    }
  /* Everything is checked before the current run is touched. */
  run_file = weft_run_file_load (path, error);
  if (run_file == NULL)
    return FALSE;
  if (!weft_session_load_replay (self->session, run_file->scenario, run_file->params, run_file->seed,
                                 (const guint16 *) (gpointer) run_file->schedule->data,
                                 run_file->schedule->len, error))
    return FALSE;
  /* At its end if the teacher chose so (the Open dialog's choice, remembered). */
  if (g_settings_get_boolean (self->settings, "open-runs-at-end"))
    {
      g_autoptr(GError) end_error = NULL;

      /* Too long to replay at once: it stays open before its first step, said. */
      if (!weft_session_replay_to_end (self->session, &end_error))
        weft_window_show_message (self, end_error->message);
    }
  /* The side panel shows the file's parameters, not what was being edited. */
  weft_params_panel_set_scenario (self->params_panel, run_file->scenario,
                                  weft_session_get_params (self->session));
  weft_params_panel_set_applied (self->params_panel, weft_session_get_params (self->session));
  weft_params_panel_set_notes (self->params_panel, run_file->notes);
  remember (self, file);
  if (weft_session_get_n_steps_to_replay (self->session) == 0 && run_file->schedule->len > 0)
    {
      /* Translators: a toast; %s is the file's name, %u its number of operations. */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Opened “%s” at its end: %u operation replayed. Press Backspace to step back",
                                           "Opened “%s” at its end: %u operations replayed. Press Backspace to step back",
                                           run_file->schedule->len),
                              name, run_file->schedule->len);
    }
  else
    {
      /* Translators: a toast; %s is the file's name, %u its number of operations. */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Opened “%s”: %u operation to replay. Press N to step through it, Space to let it run",
                                           "Opened “%s”: %u operations to replay. Press N to step through them, Space to let it run",
                                           run_file->schedule->len),
                              name, run_file->schedule->len);
    }
  weft_window_show_message (self, text);
  return TRUE;
}

void
weft_window_open_file (WeftWindow *self,
                       GFile      *file)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (WEFT_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (!weft_window_open_run (self, file, &error))
    weft_window_show_message (self, error->message);
}


static GtkFileFilter *
run_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Weft runs"));
  gtk_file_filter_add_mime_type (filter, "application/x-weft-run");
  gtk_file_filter_add_suffix (filter, "weft");
  return filter;
}

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  WeftWindow      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;

      if (file != NULL && !weft_window_save_run (self, file, &error))
        weft_window_show_message (self, error->message);
    }
  g_object_unref (chooser);
}

static void
open_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  WeftWindow      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      const char *at = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "at");

      if (at != NULL)
        g_settings_set_boolean (self->settings, "open-runs-at-end", g_str_equal (at, "end"));

      if (file != NULL)
        weft_window_open_file (self, file);
    }
  g_object_unref (chooser);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WeftWindow *self = WEFT_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *suggested = NULL;
  g_autoptr(GtkFileFilter) filter = run_filter ();

  chooser = gtk_file_chooser_native_new (_("Save Run"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (self->run_file != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), self->run_file, NULL);
  else
    {
      suggested = g_strdup_printf ("%s.weft", weft_session_get_scenario (self->session)->id);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
    }
  /* Disconnected if the window goes while the dialog is open. */
  g_signal_connect_object (chooser, "response", G_CALLBACK (save_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WeftWindow *self = WEFT_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->run_file == NULL)
    {
      save_as_action (widget, action_name, parameter);
      return;
    }
  if (!weft_window_save_run (self, self->run_file, &error))
    weft_window_show_message (self, error->message);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WeftWindow *self = WEFT_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = run_filter ();

  const char *at_ids[] = { "start", "end", NULL };
  const char *at_labels[] = { _("Before its first step"), _("At its end"), NULL };

  chooser = gtk_file_chooser_native_new (_("Open Run"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Where the run opens: to step through it again, or to show how it ended. */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "at", _("Open the run"), at_ids, at_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "at",
                               g_settings_get_boolean (self->settings, "open-runs-at-end") ? "end" : "start");
  g_signal_connect_object (chooser, "response", G_CALLBACK (open_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         WeftWindow    *self)
{
  GFile *file = g_value_get_object (value);

  if (file == NULL)
    return FALSE;
  weft_window_open_file (self, file);
  return TRUE;
}

void
weft_window_add_file_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.save-run", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-run-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.open-run", NULL, open_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save-run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                      "win.save-run-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                      "win.save-run-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-run", NULL);
}

void
weft_window_init_files (WeftWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);

  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
