/* weft-application.c — the Weft application: one window per activation (and per saved run
 * opened from the command line or the file manager), the app-wide
 * actions (about, quit) and their accelerators. The window's own shortcuts are on the
 * window class (weft-window-actions.c); Ctrl+? opens the shortcuts window that GTK loads
 * from the resource gtk/help-overlay.ui.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "weft-application.h"
#include "weft-window.h"

struct _WeftApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (WeftApplication, weft_application, ADW_TYPE_APPLICATION)

static void
weft_application_activate (GApplication *app)
{
  GtkWidget *window = weft_window_new (GTK_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
}

/* `weft FILE.weft…`: each saved run in a window of its own, ready to replay. */
static void
weft_application_open (GApplication  *app,
                       GFile        **files,
                       int            n_files,
                       const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      GtkWidget *window = weft_window_new (GTK_APPLICATION (app));

      gtk_window_present (GTK_WINDOW (window));
      weft_window_open_file (WEFT_WINDOW (window), files[i]);
    }
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Weft authors", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", "Weft",
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Weft authors"),
                         "developers", developers,
                         "comments", _("See threads, locks and queues at work: run the classic "
                                       "scenarios of a concurrency course in real threads, step "
                                       "them, and export the timeline for slides."),
                         "website", "https://github.com/weft/weft",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: put your name here, it is shown in the About window. */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (app);

  /* Closing each window stops its run and joins its threads before the app goes. */
  while (windows != NULL)
    {
      GtkWindow *window = windows->data;

      windows = windows->next;
      gtk_window_close (window);
    }
  g_application_quit (G_APPLICATION (app));
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = about_action },
  { .name = "quit", .activate = quit_action },
};

static void
weft_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (weft_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_window_set_default_icon_name (APPLICATION_ID);
}

static void
weft_application_class_init (WeftApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = weft_application_activate;
  app_class->open = weft_application_open;
  app_class->startup = weft_application_startup;
}

static void
weft_application_init (WeftApplication *self)
{
}

WeftApplication *
weft_application_new (void)
{
  /* The development flavour has its own id (so both can run side by side) but the same
   * resources. */
  return g_object_new (WEFT_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", RESOURCE_PATH,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}
