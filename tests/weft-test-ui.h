/* weft-test-ui.h — helpers shared by the window's suites: wait for a widget to be drawn,
 * save what it shows as a PNG for a look by eye.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <check.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/lsan_interface.h>
#endif

/* Opens the display for GTK after gtk_init_check() failed: a display that refuses a
 * connection for a moment (a loaded machine, many test processes opening and closing
 * theirs) is tried again for a few seconds rather than failing the test. GTK counts
 * itself initialised after a first attempt, so the later ones open the display directly. */
static inline void
test_ui_open_display (void)
{
  for (int attempt = 0; attempt < 50; attempt++)
    {
      GdkDisplay *display;

      g_usleep (100 * 1000);
      display = gdk_display_open (NULL);
      if (display != NULL)
        {
          gdk_display_manager_set_default_display (gdk_display_manager_get (), display);
          return;
        }
    }
  ck_abort_msg ("cannot open the display %s", g_getenv ("DISPLAY"));
}

/* gtk_init(), with the retries of test_ui_open_display(). */
static inline void
test_ui_init (void)
{
  if (!gtk_init_check ())
    test_ui_open_display ();
  /* GTK 4.8 loses a GDateTime each time it trims the recent files to their maximum age
   * (a GTK bug, fixed in later versions), which Weft's Save and Open and the file
   * chooser make it do: LeakSanitizer (build-aux/test-asan) would stop the test. No test
   * keeps files for thirty days. */
  g_object_set (gtk_settings_get_default (), "gtk-recent-files-max-age", -1, NULL);
}

/* Under AddressSanitizer (build-aux/test-asan), checks for leaks now and not again when
 * the test's process ends. For a test about to show GTK's own file chooser: GTK 4.8 leaks
 * there on every folder shown (GtkPathBar never unrefs the GFileInfo it gets for each
 * part of the path, and loses links of its list of buttons), and so does the
 * libcloudproviders its sidebar loads (a path, a GFile and a GError for every data folder
 * without a cloud-providers folder). None of it can be told from a leak of ours by a
 * suppression: Debian's GTK has no symbols, and a stack recorded by the fast unwinder
 * stops in GLib. See docs/testing.md. */
static inline void
test_ui_last_leak_check (void)
{
#ifdef __SANITIZE_ADDRESS__
  __lsan_do_leak_check ();
#endif
}

static inline gboolean
test_ui_count_tick_cb (GtkWidget     *widget,
                       GdkFrameClock *clock,
                       gpointer       user_data)
{
  guint *n_ticks = user_data;

  (*n_ticks)++;
  return G_SOURCE_CONTINUE;
}

/* Returns once @widget's window has laid out and drawn it as it is now: a tick comes
 * before the layout and paint of its frame, so the fourth tick follows three whole frames. */
static inline void
test_ui_wait_for_frames (GtkWidget *widget)
{
  guint n_ticks = 0;
  guint id = gtk_widget_add_tick_callback (widget, test_ui_count_tick_cb, &n_ticks, NULL);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (n_ticks < 4 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (widget, id);
  ck_assert_uint_ge (n_ticks, 4);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Saves what @widget shows as WEFT_SCREENSHOT_DIR/@file_name, when that is set (meson
 * sets it to the build directory's tests/screenshots). */
static inline void
test_ui_save_screenshot (GtkWidget  *widget,
                         const char *file_name)
{
  const char *dir = g_getenv ("WEFT_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  if (dir == NULL)
    return;
  g_mkdir_with_parents (dir, 0755);
  test_ui_wait_for_frames (widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  ck_assert (width > 0 && height > 0);

  paintable = gtk_widget_paintable_new (widget);
  /* A window between two frames may give an empty snapshot (seen on a loaded machine and
   * under a sanitizer): a few more frames. The screenshot is for a person to look at, not
   * an assertion: without a picture after that, none is saved. */
  for (int attempt = 0; attempt < 10 && node == NULL; attempt++)
    {
      if (attempt > 0)
        test_ui_wait_for_frames (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  if (node == NULL)
    {
      g_printerr ("screenshot %s: the window gave no picture, none saved\n", file_name);
      return;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, file_name, NULL);
  ck_assert (gdk_texture_save_to_png (texture, path));
}

static inline GtkWidget *
test_ui_find_below (GtkWidget *widget,
                    GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      /* A popover below is another surface, with its own widgets (a drop-down's list). */
      if (GTK_IS_POPOVER (child))
        continue;
      found = test_ui_find_below (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first widget of @type in @widget's tree, @widget included, not looking into the
 * popovers below it (start from a popover to look into it). */
static inline GtkWidget *
test_ui_find_descendant (GtkWidget *widget,
                         GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  return test_ui_find_below (widget, type);
}
