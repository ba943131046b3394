/* test-ui-export.c — the export dialog as a user drives it: the rows choose what is
 * written (each export is compared byte for byte with weft_export_image() given the
 * options the rows stand for), the choices come back in the next dialog, a failure is
 * told in the dialog and leaves the dialog and any old file as they were, a success emits
 * "exported" and closes. The file chooser is GTK's own dialog here (no portal under
 * Xvfb), answered by the test.
 *
 * Each test runs in its own process (libcheck forks), with GTK started in the child and
 * GSettings in memory: the settings of one test never leak into the next.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <sys/resource.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "weft-export.h"
#include "weft-export-dialog.h"
#include "weft-test-image.h"
#include "weft-test-model.h"
#include "weft-test-ui.h"

/* Row positions, in the order of the template's lists. */
enum { VIEW_TIMELINE, VIEW_SCENE, VIEW_BOTH };
enum { FORMAT_PNG, FORMAT_SVG, FORMAT_PDF };
enum { SIZE_1920, SIZE_1280, SIZE_1024, SIZE_A4 };
enum { THEME_LIGHT, THEME_DARK, THEME_PRINT };
enum { RANGE_WHOLE, RANGE_WINDOW };

typedef struct
{
  guint  n_exported;
  GFile *file;        /* the last one */
  guint  n_destroyed;
} Events;

/* Setup and helpers ------------------------------------------------------------------- */

/* The test's own XDG data and config folder (each test is a process of its own). */
static char *data_home;

static void
setup (void)
{
  data_home = g_dir_make_tmp ("weft-ui-export-data-XXXXXX", NULL);

  /* The file chooser adds what it saves to the recent files, under the application's
   * name: a folder of the test's own keeps them out of the user's, and its user-dirs
   * (none) out of the chooser's first folder. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", data_home, TRUE);
  g_set_prgname ("test-ui-export");
  g_set_application_name ("Weft tests");
  test_ui_init ();
  adw_init ();
  /* No transitions: screenshots and checks see the end state. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

static void
teardown (void)
{
  test_remove_dir (data_home);
  g_clear_pointer (&data_home, g_free);
}

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Runs the main loop until *@flag is set, at most @timeout_us. */
static gboolean
spin_until (const guint *flag,
            gint64       timeout_us)
{
  gint64 deadline = g_get_monotonic_time () + timeout_us;

  while (*flag == 0 && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return *flag != 0;
}

static void
spin_for (gint64 duration_us)
{
  gint64 until = g_get_monotonic_time () + duration_us;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* A session whose naive philosophers were stepped round-robin to their deadlock, as the
 * window's Step button and tick callback would. */
static WeftSession *
make_deadlocked_session (void)
{
  const WeftScenario *scenario = weft_scenarios_lookup ("philosophers");
  g_autoptr(WeftParams) params = weft_params_new (scenario->params, scenario->n_params);
  g_autoptr(GError) error = NULL;
  WeftSession *session = weft_session_new ();
  gint64 deadline = g_get_monotonic_time () + 30 * TEST_SECOND;

  ck_assert (weft_params_parse (params, "strategy=naive", &error));
  ck_assert_msg (weft_session_load (session, scenario, params, &error), "load: %s",
                 error != NULL ? error->message : "");
  weft_session_set_policy (session, WEFT_POLICY_ROUND_ROBIN);

  while (weft_model_get_outcome (weft_session_get_model (session)) != WEFT_OUTCOME_DEADLOCK)
    {
      ck_assert_msg (g_get_monotonic_time () < deadline, "no deadlock after 30 s");
      /* One step at a time, each once the last has settled: round-robin then reaches the
       * deadlock whatever the machine's load. */
      if (weft_session_get_state (session) != WEFT_SESSION_ENDED &&
          weft_session_get_n_pending_steps (session) == 0 &&
          (weft_session_get_state (session) == WEFT_SESSION_READY ||
           weft_run_wait_settled (weft_session_get_run (session), 0)))
        weft_session_step (session, -1, NULL);
      weft_session_tick (session);
      g_usleep (1000);
    }
  weft_session_stop (session);
  weft_session_tick (session);
  return session;
}

/* Forgets what the last dialog reported, before the next one: @events holds a reference
 * to the file it exported. */
static void
events_clear (Events *events)
{
  g_clear_object (&events->file);
  *events = (Events) { 0 };
}

static void
exported_cb (WeftExportDialog *dialog,
             GFile            *file,
             Events           *events)
{
  events->n_exported++;
  g_set_object (&events->file, file);
}

static void
destroy_cb (GtkWidget *widget,
            Events    *events)
{
  events->n_destroyed++;
}

static WeftExportDialog *
open_dialog (GtkWindow              *parent,
             WeftSession            *session,
             const WeftTimelineView *window_view,
             Events                 *events)
{
  WeftExportDialog *dialog = weft_export_dialog_new (parent, session, window_view);

  ck_assert_ptr_nonnull (dialog);
  if (events != NULL)
    {
      g_signal_connect (dialog, "exported", G_CALLBACK (exported_cb), events);
      g_signal_connect (dialog, "destroy", G_CALLBACK (destroy_cb), events);
    }
  gtk_window_present (GTK_WINDOW (dialog));
  spin ();
  return dialog;
}

static GtkWidget *
child (WeftExportDialog *dialog,
       const char       *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (dialog), WEFT_TYPE_EXPORT_DIALOG, name);

  ck_assert_msg (object != NULL, "the dialog has no %s", name);
  return GTK_WIDGET (object);
}

/* The header bar's button labelled @label, as a user finds it. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
button (WeftExportDialog *dialog,
        const char       *label)
{
  GtkWidget *found = find_button (GTK_WIDGET (dialog), label);

  ck_assert_msg (found != NULL, "the dialog has no “%s” button", label);
  return found;
}

/* The message the dialog shows, NULL when it shows none. */
static const char *
shown_error (WeftExportDialog *dialog)
{
  if (!gtk_widget_get_visible (child (dialog, "error_group")))
    return NULL;
  ck_assert (gtk_widget_get_mapped (child (dialog, "error_row")));
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child (dialog, "error_row")));
}

static AdwComboRow *
row (WeftExportDialog *dialog,
     const char       *name)
{
  return ADW_COMBO_ROW (child (dialog, name));
}

static void
choose (WeftExportDialog *dialog,
        guint             view,
        guint             format,
        guint             size,
        guint             theme,
        guint             range)
{
  adw_combo_row_set_selected (row (dialog, "view_row"), view);
  adw_combo_row_set_selected (row (dialog, "format_row"), format);
  adw_combo_row_set_selected (row (dialog, "size_row"), size);
  adw_combo_row_set_selected (row (dialog, "theme_row"), theme);
  adw_combo_row_set_selected (row (dialog, "range_row"), range);
}

static gboolean
export_to_path (WeftExportDialog  *dialog,
                const char        *path,
                GError           **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return weft_export_dialog_export_to (dialog, file, error);
}

/* Exports with the dialog, asserting success, "exported" for @path, and the close. */
static void
export_ok (WeftExportDialog *dialog,
           Events           *events,
           const char       *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  guint n_exported = events->n_exported;

  ck_assert_msg (weft_export_dialog_export_to (dialog, file, &error), "export to %s: %s", path,
                 error != NULL ? error->message : "(no error)");
  ck_assert_uint_eq (events->n_exported, n_exported + 1);
  ck_assert (g_file_equal (events->file, file));
  ck_assert_uint_eq (events->n_destroyed, 1);
  spin ();
}

/* What weft_export_image() writes for @options, to compare with the dialog's file. */
static char *
reference_export (WeftModel             *model,
                  const WeftPageOptions *options,
                  WeftImageFormat        format,
                  const char            *dir,
                  const char            *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  ck_assert_msg (weft_export_image (model, options, format, path, &error), "%s", error ? error->message : "");
  return path;
}

static void
assert_same_file (const char *a,
                  const char *b)
{
  g_autofree char *ca = NULL;
  g_autofree char *cb = NULL;
  gsize la, lb;

  ck_assert (g_file_get_contents (a, &ca, &la, NULL));
  ck_assert (g_file_get_contents (b, &cb, &lb, NULL));
  ck_assert_msg (la == lb && memcmp (ca, cb, la) == 0, "%s (%zu bytes) differs from %s (%zu bytes)", a, la, b, lb);
}

static gboolean
same_file (const char *a,
           const char *b)
{
  g_autofree char *ca = NULL;
  g_autofree char *cb = NULL;
  gsize la, lb;

  ck_assert (g_file_get_contents (a, &ca, &la, NULL));
  ck_assert (g_file_get_contents (b, &cb, &lb, NULL));
  return la == lb && memcmp (ca, cb, la) == 0;
}

/* The first half of the run: a window that differs from the whole. */
static void
half_window (WeftModel        *model,
             WeftTimelineView *view)
{
  memset (view, 0, sizeof *view);
  weft_timeline_view_whole (model, view);
  view->end = view->start + (view->end - view->start) / 2;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* The names in @dir, sorted and joined with spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) joined = g_string_new (NULL);
  const char *name;

  ck_assert_ptr_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (joined, "%s%s", i > 0 ? " " : "", (char *) g_ptr_array_index (names, i));
  return g_strdup (joined->str);
}

/* Copies @path to WEFT_SCREENSHOT_DIR/@name, when that is set, for a look by eye. */
static void
keep_for_review (const char *path,
                 const char *name)
{
  const char *dir = g_getenv ("WEFT_SCREENSHOT_DIR");
  g_autoptr(GFile) source = g_file_new_for_path (path);
  g_autoptr(GFile) target = NULL;
  g_autoptr(GError) error = NULL;

  if (dir == NULL)
    return;
  g_mkdir_with_parents (dir, 0755);
  target = g_file_new_build_filename (dir, name, NULL);
  ck_assert_msg (g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error), "%s",
                 error->message);
}

/* The GTK file chooser a GtkFileChooserNative shows without a portal. */
static GtkFileChooser *
find_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_FILE_CHOOSER (window);
    }
  return NULL;
}

/* The chooser on screen, showing @name (NULL: any), once it is mapped: a chooser checks
 * the name it was given in a thread before it answers, so the next one comes a few
 * iterations later; and one answered before it is mapped maps on its way out. */
static GtkFileChooser *
wait_for_chooser_named (const char *name)
{
  gint64 deadline = g_get_monotonic_time () + 10 * TEST_SECOND;

  while (g_get_monotonic_time () < deadline)
    {
      GtkFileChooser *chooser = find_chooser ();
      g_autofree char *current = chooser != NULL ? gtk_file_chooser_get_current_name (chooser) : NULL;

      if (chooser != NULL && gtk_widget_get_mapped (GTK_WIDGET (chooser)) &&
          (name == NULL || g_strcmp0 (current, name) == 0))
        return chooser;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return NULL;
}

static GtkFileChooser *
click_export (WeftExportDialog *dialog)
{
  GtkFileChooser *chooser;

  ck_assert (gtk_widget_get_sensitive (button (dialog, "_Export…")));
  /* GTK's chooser leaks what no suppression can single out (weft-test-ui.h). */
  test_ui_last_leak_check ();
  g_signal_emit_by_name (button (dialog, "_Export…"), "clicked");
  chooser = wait_for_chooser_named (NULL);
  ck_assert_msg (chooser != NULL, "Export… opened no file chooser");
  ck_assert_ptr_eq (gtk_window_get_transient_for (GTK_WINDOW (chooser)), dialog);
  return chooser;
}

/* Makes @dir the last export's folder, where the next chooser opens. */
static void
remember_folder (const char *dir)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.weft.Weft");

  g_settings_set_string (settings, "export-folder", dir);
}

/* Answers the chooser as a user typing @name and pressing Export. The chooser starts in
 * the last export's folder, which the test makes its temporary folder (remember_folder):
 * a mapped chooser told to change folder does so only once it has read the folder it
 * started in, which makes a race of a test. */
static void
answer_chooser (GtkFileChooser *chooser,
                const char     *dir,
                const char     *name)
{
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) parent = NULL;

  gtk_file_chooser_set_current_name (chooser, name);
  spin ();
  file = gtk_file_chooser_get_file (chooser);
  ck_assert_ptr_nonnull (file);
  parent = g_file_get_parent (file);
  ck_assert_msg (g_file_equal (parent, folder), "the chooser is in %s", g_file_peek_path (parent));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
}

/* Tests --------------------------------------------------------------------------------- */

/* The window a user sees: title, modal over its parent, the header's two buttons, five
 * rows with their defaults, no error. */
START_TEST (test_dialog_layout)
{
  g_autoptr(WeftSession) session = make_deadlocked_session ();
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  WeftExportDialog *dialog;
  WeftTimelineView view;
  static const char * const rows[] = { "view_row", "format_row", "size_row", "theme_row", "range_row" };
  static const guint defaults[] = { VIEW_BOTH, FORMAT_PNG, SIZE_1920, THEME_LIGHT, RANGE_WHOLE };
  static const guint n_items[] = { 3, 3, 4, 3, 2 };

  gtk_window_present (parent);
  half_window (weft_session_get_model (session), &view);
  dialog = open_dialog (parent, session, &view, NULL);

  ck_assert_str_eq (gtk_window_get_title (GTK_WINDOW (dialog)), "Export Image");
  ck_assert (gtk_window_get_modal (GTK_WINDOW (dialog)));
  ck_assert (gtk_window_get_destroy_with_parent (GTK_WINDOW (dialog)));
  ck_assert_ptr_eq (gtk_window_get_transient_for (GTK_WINDOW (dialog)), parent);
  ck_assert_str_eq (gtk_button_get_label (GTK_BUTTON (button (dialog, "_Cancel"))), "_Cancel");
  ck_assert_str_eq (gtk_button_get_label (GTK_BUTTON (button (dialog, "_Export…"))), "_Export…");
  ck_assert (gtk_widget_has_css_class (button (dialog, "_Export…"), "suggested-action"));
  ck_assert_ptr_null (shown_error (dialog));

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      AdwComboRow *r = row (dialog, rows[i]);

      ck_assert_msg (adw_combo_row_get_selected (r) == defaults[i], "%s: %u selected", rows[i],
                     adw_combo_row_get_selected (r));
      ck_assert_uint_eq (g_list_model_get_n_items (adw_combo_row_get_model (r)), n_items[i]);
      ck_assert (adw_action_row_get_subtitle (ADW_ACTION_ROW (r)) != NULL);
      ck_assert (gtk_widget_get_tooltip_text (GTK_WIDGET (r)) != NULL);
      ck_assert (gtk_widget_get_sensitive (GTK_WIDGET (r)));
    }

  test_ui_save_screenshot (GTK_WIDGET (dialog), "export-dialog.png");

  gtk_window_destroy (parent);
  spin ();
}
END_TEST

/* Cancel (and Escape, bound to the same window.close action) closes without writing. */
START_TEST (test_cancel_closes)
{
  g_autoptr(WeftSession) session = make_deadlocked_session ();
  Events events = { 0 };
  WeftExportDialog *dialog = open_dialog (NULL, session, NULL, &events);

  g_signal_emit_by_name (button (dialog, "_Cancel"), "clicked");
  spin ();
  ck_assert_uint_eq (events.n_destroyed, 1);
  ck_assert_uint_eq (events.n_exported, 0);

  dialog = open_dialog (NULL, session, NULL, &events);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  spin ();
  ck_assert_uint_eq (events.n_destroyed, 2);
  ck_assert_uint_eq (events.n_exported, 0);
}
END_TEST

/* The size row chooses the PNG's size; the file is what weft_export_image() writes for
 * those options (both views, light, whole run, title and legend); "exported" fires with
 * the file and the dialog closes. */
START_TEST (test_png_sizes)
{
  g_autoptr(WeftSession) session = make_deadlocked_session ();
  WeftModel *model = weft_session_get_model (session);
  g_autofree char *dir = g_dir_make_tmp ("weft-ui-export-XXXXXX", NULL);
  static const guint sizes[] = { SIZE_1920, SIZE_1280, SIZE_1024, SIZE_A4 };
  static const int widths[] = { 1920, 1280, 1024, 842 };
  static const int heights[] = { 1080, 720, 768, 595 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *name = g_strdup_printf ("size-%u.png", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *expected = NULL;
      Events events = { 0 };
      WeftExportDialog *dialog = open_dialog (NULL, session, NULL, &events);
      WeftPageOptions options;

      adw_combo_row_set_selected (row (dialog, "size_row"), sizes[i]);
      export_ok (dialog, &events, path);
      test_assert_png (path, widths[i], heights[i]);
      if (i == 0)
        keep_for_review (path, "export-dialog-output.png");

      weft_page_options_init (&options);
      options.width = widths[i];
      options.height = heights[i];
      expected = reference_export (model, &options, WEFT_IMAGE_PNG, dir, "expected.png");
      assert_same_file (path, expected);
      g_clear_object (&events.file);
    }
  test_remove_dir (dir);
}
END_TEST

/* SVG and PDF through the format row: the file is that format, at the size in points. */
START_TEST (test_svg_and_pdf)
{
  g_autoptr(WeftSession) session = make_deadlocked_session ();
  g_autofree char *dir = g_dir_make_tmp ("weft-ui-export-XXXXXX", NULL);
  g_autofree char *svg = g_build_filename (dir, "deadlock.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "deadlock.pdf", NULL);
  g_autofree char *words = NULL;
  Events events = { 0 };
  WeftExportDialog *dialog;

  dialog = open_dialog (NULL, session, NULL, &events);
  choose (dialog, VIEW_BOTH, FORMAT_SVG, SIZE_1280, THEME_LIGHT, RANGE_WHOLE);
  export_ok (dialog, &events, svg);
  words = test_read_svg (svg, 1280, 720);
  ck_assert_msg (test_has_line (words, "Kant") && test_has_line (words, "fork 1"), "SVG words: %s", words);

  events_clear (&events);
  dialog = open_dialog (NULL, session, NULL, &events);
  choose (dialog, VIEW_TIMELINE, FORMAT_PDF, SIZE_A4, THEME_PRINT, RANGE_WHOLE);
  export_ok (dialog, &events, pdf);
  test_assert_pdf (pdf, 842, 595);
  test_assert_pdfinfo (pdf, 842, 595);
  g_clear_object (&events.file);
  test_remove_dir (dir);
}
END_TEST

/* Each theme gives its own image: light on white, dark on a dark background, print in
 * grey only; each is what weft_export_image() draws with that theme. */
START_TEST (test_themes)
{
  g_autoptr(WeftSession) session = make_deadlocked_session ();
  WeftModel *model = weft_session_get_model (session);
  g_autofree char *dir = g_dir_make_tmp ("weft-ui-export-XXXXXX", NULL);
  static const WeftThemeId ids[] = { WEFT_THEME_LIGHT, WEFT_THEME_DARK, WEFT_THEME_PRINT };
  char *paths[G_N_ELEMENTS (ids)];

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *name = g_strdup_printf ("theme-%u.png", i);
      g_autofree char *expected = NULL;
      Events events = { 0 };
      WeftExportDialog *dialog = open_dialog (NULL, session, NULL, &events);
      WeftPageOptions options;

      paths[i] = g_build_filename (dir, name, NULL);
      choose (dialog, VIEW_BOTH, FORMAT_PNG, SIZE_1024, i, RANGE_WHOLE);
      export_ok (dialog, &events, paths[i]);
      test_assert_png (paths[i], 1024, 768);

      weft_page_options_init (&options);
      options.width = 1024;
      options.height = 768;
      options.theme = ids[i];
      expected = reference_export (model, &options, WEFT_IMAGE_PNG, dir, "expected.png");
      assert_same_file (paths[i], expected);
      g_clear_object (&events.file);
    }
  ck_assert (!same_file (paths[0], paths[1]));
  ck_assert (!same_file (paths[0], paths[2]));
  ck_assert (!same_file (paths[1], paths[2]));

  /* The corner is the page's background. */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      cairo_surface_t *image = cairo_image_surface_create_from_png (paths[i]);
      guint32 corner = *(const guint32 *) cairo_image_surface_get_data (image);
      const WeftRgba *background = &weft_theme_get (ids[i])->background;
      int r = (corner >> 16) & 0xff, g = (corner >> 8) & 0xff, b = corner & 0xff;

      ck_assert_msg (abs (r - (int) (background->r * 255)) <= 1 && abs (g - (int) (background->g * 255)) <= 1 &&
                     abs (b - (int) (background->b * 255)) <= 1,
                     "theme %u: corner #%02x%02x%02x", i, r, g, b);
      cairo_surface_destroy (image);
    }
  ck_assert (weft_theme_get (WEFT_THEME_DARK)->background.r < 0.3);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_free (paths[i]);
  test_remove_dir (dir);
}
END_TEST

/* "Window in view" draws the window the dialog was given, "Whole run" the whole run; the
 * two differ. Without a window, the range row cannot be changed and the run is whole. */
START_TEST (test_range)
{
  g_autoptr(WeftSession) session = make_deadlocked_session ();
  WeftModel *model = weft_session_get_model (session);
  g_autofree char *dir = g_dir_make_tmp ("weft-ui-export-XXXXXX", NULL);
  g_autofree char *whole = g_build_filename (dir, "whole.png", NULL);
  g_autofree char *window = g_build_filename (dir, "window.png", NULL);
  g_autofree char *no_window = g_build_filename (dir, "no-window.png", NULL);
  g_autofree char *expected = NULL;
  WeftTimelineView view;
  WeftPageOptions options;
  Events events = { 0 };
  WeftExportDialog *dialog;

  half_window (model, &view);
  ck_assert (view.end > view.start);

  dialog = open_dialog (NULL, session, &view, &events);
  choose (dialog, VIEW_TIMELINE, FORMAT_PNG, SIZE_1280, THEME_LIGHT, RANGE_WINDOW);
  export_ok (dialog, &events, window);
  weft_page_options_init (&options);
  options.view = WEFT_VIEW_TIMELINE;
  options.width = 1280;
  options.height = 720;
  options.start = view.start;
  options.end = view.end;
  expected = reference_export (model, &options, WEFT_IMAGE_PNG, dir, "expected.png");
  assert_same_file (window, expected);

  events_clear (&events);
  dialog = open_dialog (NULL, session, &view, &events);
  ck_assert_uint_eq (adw_combo_row_get_selected (row (dialog, "range_row")), RANGE_WINDOW);
  adw_combo_row_set_selected (row (dialog, "range_row"), RANGE_WHOLE);
  export_ok (dialog, &events, whole);
  ck_assert (!same_file (whole, window));
  g_clear_pointer (&expected, g_free);
  options.start = options.end = 0;
  expected = reference_export (model, &options, WEFT_IMAGE_PNG, dir, "expected.png");
  assert_same_file (whole, expected);

  /* No window given: "Window in view", though remembered, cannot apply. */
  dialog = open_dialog (NULL, session, &view, NULL);
  adw_combo_row_set_selected (row (dialog, "range_row"), RANGE_WINDOW);
  gtk_window_destroy (GTK_WINDOW (dialog));
  events_clear (&events);
  dialog = open_dialog (NULL, session, NULL, &events);
  ck_assert (!gtk_widget_get_sensitive (GTK_WIDGET (row (dialog, "range_row"))));
  export_ok (dialog, &events, no_window);
  assert_same_file (no_window, whole);

  g_clear_object (&events.file);
  test_remove_dir (dir);
}
END_TEST

/* A file that cannot be written: FALSE, a sentence naming the file and the reason, shown
 * in the dialog; the dialog stays open with its choices, "exported" is not emitted; and
 * the next export that works clears the message. */
START_TEST (test_unwritable_path)
{
  g_autoptr(WeftSession) session = make_deadlocked_session ();
  g_autofree char *dir = g_dir_make_tmp ("weft-ui-export-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "slide.png", NULL);
  g_autofree char *good = g_build_filename (dir, "slide.svg", NULL);
  static const char * const bad_paths[] = { NULL, "/proc/weft-slide.png" };
  Events events = { 0 };
  WeftExportDialog *dialog = open_dialog (NULL, session, NULL, &events);

  choose (dialog, VIEW_SCENE, FORMAT_SVG, SIZE_1024, THEME_DARK, RANGE_WHOLE);
  for (guint i = 0; i < G_N_ELEMENTS (bad_paths); i++)
    {
      const char *path = bad_paths[i] != NULL ? bad_paths[i] : missing;
      g_autoptr(GError) error = NULL;
      g_autofree char *named = g_strdup_printf ("“%s”", path);

      ck_assert (!export_to_path (dialog, path, &error));
      ck_assert_ptr_nonnull (error);
      ck_assert_msg (strstr (error->message, named) != NULL, "“%s” does not name %s", error->message, path);
      if (bad_paths[i] == NULL)
        ck_assert_msg (strstr (error->message, g_strerror (ENOENT)) != NULL, "“%s” gives no reason", error->message);
      ck_assert (!g_file_test (path, G_FILE_TEST_EXISTS));

      spin ();
      ck_assert_uint_eq (events.n_exported, 0);
      ck_assert_uint_eq (events.n_destroyed, 0);
      ck_assert (gtk_widget_get_visible (GTK_WIDGET (dialog)));
      ck_assert_msg (g_strcmp0 (shown_error (dialog), error->message) == 0, "the dialog shows “%s”",
                     shown_error (dialog));
      ck_assert_uint_eq (adw_combo_row_get_selected (row (dialog, "view_row")), VIEW_SCENE);
      ck_assert_uint_eq (adw_combo_row_get_selected (row (dialog, "format_row")), FORMAT_SVG);
      ck_assert_uint_eq (adw_combo_row_get_selected (row (dialog, "size_row")), SIZE_1024);
      ck_assert_uint_eq (adw_combo_row_get_selected (row (dialog, "theme_row")), THEME_DARK);
    }

  spin ();
  test_ui_save_screenshot (GTK_WIDGET (dialog), "export-dialog-error.png");

  /* The user picks another file: it works with the same choices, the dialog closes. */
  export_ok (dialog, &events, good);
  g_free (test_read_svg (good, 1024, 768));
  g_clear_object (&events.file);
  test_remove_dir (dir);
}
END_TEST

/* A write that fails half-way (the file size limit stands for a full disk, and works as
 * root) leaves the old file as it was and nothing else in its folder. */
START_TEST (test_failed_write_keeps_old_file)
{
  g_autoptr(WeftSession) session = make_deadlocked_session ();
  g_autofree char *dir = g_dir_make_tmp ("weft-ui-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "slide.png", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;
  Events events = { 0 };
  WeftExportDialog *dialog;
  struct rlimit limit, small;

  ck_assert (g_file_set_contents (path, "old", -1, NULL));
  dialog = open_dialog (NULL, session, NULL, &events);

  /* This test runs in its own process: the limit ends with it at worst. */
  signal (SIGXFSZ, SIG_IGN);
  ck_assert_int_eq (getrlimit (RLIMIT_FSIZE, &limit), 0);
  small = limit;
  small.rlim_cur = 4096;
  ck_assert_int_eq (setrlimit (RLIMIT_FSIZE, &small), 0);
  ck_assert (!export_to_path (dialog, path, &error));
  ck_assert_int_eq (setrlimit (RLIMIT_FSIZE, &limit), 0);

  ck_assert_ptr_nonnull (error);
  ck_assert_msg (strstr (error->message, path) != NULL, "“%s” does not name %s", error->message, path);
  ck_assert_str_eq (shown_error (dialog), error->message);
  ck_assert (g_file_get_contents (path, &contents, NULL, NULL));
  ck_assert_str_eq (contents, "old");
  listing = list_dir (dir);
  ck_assert_str_eq (listing, "slide.png");
  ck_assert_uint_eq (events.n_exported, 0);
  ck_assert_uint_eq (events.n_destroyed, 0);

  /* Same file again, with room: it is replaced. */
  export_ok (dialog, &events, path);
  test_assert_png (path, 1920, 1080);
  g_clear_object (&events.file);
  test_remove_dir (dir);
}
END_TEST

/* A session without a run: the dialog says there is nothing to export. */
START_TEST (test_no_model)
{
  g_autoptr(WeftSession) session = weft_session_new ();
  g_autofree char *dir = g_dir_make_tmp ("weft-ui-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "slide.png", NULL);
  g_autoptr(GError) error = NULL;
  Events events = { 0 };
  WeftExportDialog *dialog;

  ck_assert_ptr_null (weft_session_get_model (session));
  dialog = open_dialog (NULL, session, NULL, &events);
  ck_assert (!export_to_path (dialog, path, &error));
  ck_assert_ptr_nonnull (error);
  ck_assert_str_eq (shown_error (dialog), error->message);
  ck_assert (!g_file_test (path, G_FILE_TEST_EXISTS));

  /* Export… says the same instead of opening a chooser. */
  gtk_widget_set_visible (child (dialog, "error_group"), FALSE);
  g_signal_emit_by_name (button (dialog, "_Export…"), "clicked");
  spin ();
  ck_assert_ptr_null (find_chooser ());
  ck_assert_str_eq (shown_error (dialog), error->message);
  ck_assert_uint_eq (events.n_exported, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
  test_remove_dir (dir);
}
END_TEST

/* The choices are in GSettings, and the next dialog starts from them. */
START_TEST (test_choices_remembered)
{
  g_autoptr(WeftSession) session = make_deadlocked_session ();
  g_autoptr(GSettings) settings = g_settings_new ("io.github.weft.Weft");
  g_autofree char *view = NULL, *format = NULL, *size = NULL, *theme = NULL;
  WeftTimelineView window;
  WeftExportDialog *dialog;

  half_window (weft_session_get_model (session), &window);
  dialog = open_dialog (NULL, session, &window, NULL);
  choose (dialog, VIEW_TIMELINE, FORMAT_PDF, SIZE_A4, THEME_PRINT, RANGE_WINDOW);
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin ();

  view = g_settings_get_string (settings, "export-view");
  format = g_settings_get_string (settings, "export-format");
  size = g_settings_get_string (settings, "export-size");
  theme = g_settings_get_string (settings, "export-theme");
  ck_assert_str_eq (view, "timeline");
  ck_assert_str_eq (format, "pdf");
  ck_assert_str_eq (size, "A4");
  ck_assert_str_eq (theme, "print");
  ck_assert (!g_settings_get_boolean (settings, "export-whole-run"));

  dialog = open_dialog (NULL, session, &window, NULL);
  ck_assert_uint_eq (adw_combo_row_get_selected (row (dialog, "view_row")), VIEW_TIMELINE);
  ck_assert_uint_eq (adw_combo_row_get_selected (row (dialog, "format_row")), FORMAT_PDF);
  ck_assert_uint_eq (adw_combo_row_get_selected (row (dialog, "size_row")), SIZE_A4);
  ck_assert_uint_eq (adw_combo_row_get_selected (row (dialog, "theme_row")), THEME_PRINT);
  ck_assert_uint_eq (adw_combo_row_get_selected (row (dialog, "range_row")), RANGE_WINDOW);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A size set by hand in another case, and one the dialog does not offer. */
  g_settings_set_string (settings, "export-size", "1280X720");
  dialog = open_dialog (NULL, session, NULL, NULL);
  ck_assert_uint_eq (adw_combo_row_get_selected (row (dialog, "size_row")), SIZE_1280);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_settings_set_string (settings, "export-size", "800x600");
  dialog = open_dialog (NULL, session, NULL, NULL);
  ck_assert_uint_eq (adw_combo_row_get_selected (row (dialog, "size_row")), SIZE_1920);
  gtk_window_destroy (GTK_WINDOW (dialog));
}
END_TEST

/* Export… opens a save chooser named after the scenario and its outcome, with a filter
 * for the format; what the user accepts is written. */
START_TEST (test_chooser_writes_file)
{
  g_autoptr(WeftSession) session = make_deadlocked_session ();
  g_autofree char *dir = g_dir_make_tmp ("weft-ui-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "philosophers-deadlock.svg", NULL);
  g_autofree char *name = NULL;
  Events events = { 0 };
  WeftExportDialog *dialog = open_dialog (NULL, session, NULL, &events);
  GtkFileChooser *chooser;
  GtkFileFilter *filter;

  remember_folder (dir);
  adw_combo_row_set_selected (row (dialog, "format_row"), FORMAT_SVG);
  chooser = click_export (dialog);
  ck_assert_int_eq (gtk_file_chooser_get_action (chooser), GTK_FILE_CHOOSER_ACTION_SAVE);
  name = gtk_file_chooser_get_current_name (chooser);
  ck_assert_str_eq (name, "philosophers-deadlock.svg");
  filter = gtk_file_chooser_get_filter (chooser);
  ck_assert_ptr_nonnull (filter);
  ck_assert_str_eq (gtk_file_filter_get_name (filter), "SVG image");

  answer_chooser (chooser, dir, name);
  ck_assert_msg (spin_until (&events.n_exported, 10 * TEST_SECOND), "nothing was exported");
  ck_assert_msg (g_file_test (path, G_FILE_TEST_IS_REGULAR), "wrote %s", g_file_peek_path (events.file));
  g_free (test_read_svg (path, 1920, 1080));
  ck_assert_uint_eq (events.n_destroyed, 1);
  g_clear_object (&events.file);
  test_remove_dir (dir);
}
END_TEST

/* A name without the format's extension gets it; a name with another format's extension
 * is kept and chooses that format; an appended name that would replace a file the
 * chooser never asked about sends the user back to the chooser with that name. */
START_TEST (test_chooser_extensions)
{
  g_autoptr(WeftSession) session = make_deadlocked_session ();
  g_autoptr(GSettings) settings = g_settings_new ("io.github.weft.Weft");
  g_autofree char *dir = g_dir_make_tmp ("weft-ui-export-XXXXXX", NULL);
  g_autofree char *slide = g_build_filename (dir, "slide.png", NULL);
  g_autofree char *talk = g_build_filename (dir, "talk.PDF", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *format = NULL;
  g_autofree char *name = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GFile) slide_file = g_file_new_for_path (slide);
  Events events = { 0 };
  WeftExportDialog *dialog;
  GtkFileChooser *chooser;

  remember_folder (dir);

  /* "slide" → slide.png */
  dialog = open_dialog (NULL, session, NULL, &events);
  answer_chooser (click_export (dialog), dir, "slide");
  ck_assert (spin_until (&events.n_exported, 10 * TEST_SECOND));
  ck_assert_msg (g_file_equal (events.file, slide_file), "wrote %s", g_file_peek_path (events.file));
  test_assert_png (slide, 1920, 1080);

  /* "talk.PDF" with PNG chosen: a PDF named as typed, and PDF is now the choice. */
  events_clear (&events);
  dialog = open_dialog (NULL, session, NULL, &events);
  answer_chooser (click_export (dialog), dir, "talk.PDF");
  ck_assert (spin_until (&events.n_exported, 10 * TEST_SECOND));
  test_assert_pdf (talk, 1920, 1080);
  format = g_settings_get_string (settings, "export-format");
  ck_assert_str_eq (format, "pdf");

  /* "slide" again, PNG: slide.png exists, so the chooser comes back asking about it. */
  events_clear (&events);
  ck_assert (g_file_set_contents (slide, "old", -1, NULL));
  dialog = open_dialog (NULL, session, NULL, &events);
  adw_combo_row_set_selected (row (dialog, "format_row"), FORMAT_PNG);
  answer_chooser (click_export (dialog), dir, "slide");
  spin ();
  chooser = wait_for_chooser_named ("slide.png");
  ck_assert_msg (chooser != NULL, "no chooser came back for slide.png");
  ck_assert_ptr_eq (gtk_window_get_transient_for (GTK_WINDOW (chooser)), dialog);
  ck_assert_uint_eq (events.n_exported, 0);
  ck_assert (g_file_get_contents (slide, &contents, NULL, NULL));
  ck_assert_str_eq (contents, "old");
  /* GTK's own chooser, cancelled while it still reads its folder, reports that it could
   * not show it: give it the time a user would. */
  spin_for (500 * 1000);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  spin ();
  ck_assert_uint_eq (events.n_destroyed, 0);
  ck_assert (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  listing = list_dir (dir);
  ck_assert_str_eq (listing, "slide.png talk.PDF");

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_object (&events.file);
  test_remove_dir (dir);
}
END_TEST

/* The folder the chooser shows when it opens. */
static GFile *
chooser_folder (WeftExportDialog *dialog)
{
  GtkFileChooser *chooser = click_export (dialog);
  gint64 deadline = g_get_monotonic_time () + 10 * TEST_SECOND;
  GFile *folder;

  /* The chooser says its folder once it has started reading it. */
  while ((folder = gtk_file_chooser_get_current_folder (chooser)) == NULL &&
         g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  ck_assert_msg (folder != NULL, "the chooser shows no folder");
  /* Cancelled while it still reads its folder, GTK's chooser complains: give it time. */
  spin_for (300 * 1000);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  spin ();
  return folder;
}

static void
assert_folder (GFile      *folder,
               const char *path)
{
  g_autoptr(GFile) expected = g_file_new_for_path (path);

  ck_assert_msg (g_file_equal (folder, expected), "the chooser opens in %s, not %s",
                 g_file_peek_path (folder), path);
}

/* The chooser opens in the Pictures folder (else home) until an export went somewhere:
 * then in that folder, in this dialog and in the next session's (GSettings), until the
 * folder is gone. */
START_TEST (test_chooser_opens_in_last_folder)
{
  g_autoptr(WeftSession) session = make_deadlocked_session ();
  g_autoptr(GSettings) settings = g_settings_new ("io.github.weft.Weft");
  g_autofree char *dir = g_dir_make_tmp ("weft-ui-export-XXXXXX", NULL);
  g_autofree char *pictures = g_build_filename (data_home, "Pictures", NULL);
  g_autofree char *user_dirs = g_build_filename (data_home, "user-dirs.dirs", NULL);
  g_autofree char *user_dirs_text = g_strdup_printf ("XDG_PICTURES_DIR=\"%s\"\n", pictures);
  g_autofree char *path = g_build_filename (dir, "slide.svg", NULL);
  g_autofree char *last = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *expected_setup = NULL;
  g_autoptr(GFile) home = NULL;
  g_autoptr(GFile) in_pictures = NULL;
  g_autoptr(GFile) in_dir = NULL;
  g_autoptr(GFile) again = NULL;
  Events events = { 0 };
  WeftExportDialog *dialog;

  /* No Pictures folder in the test's XDG dirs: home. */
  dialog = open_dialog (NULL, session, NULL, &events);
  home = chooser_folder (dialog);
  assert_folder (home, g_get_home_dir ());

  /* A Pictures folder. */
  ck_assert_int_eq (g_mkdir (pictures, 0755), 0);
  ck_assert (g_file_set_contents (user_dirs, user_dirs_text, -1, NULL));
  g_reload_user_special_dirs_cache ();
  ck_assert_str_eq (g_get_user_special_dir (G_USER_DIRECTORY_PICTURES), pictures);
  in_pictures = chooser_folder (dialog);
  assert_folder (in_pictures, pictures);

  /* An export elsewhere: remembered, and the next dialog's chooser opens there. */
  adw_combo_row_set_selected (row (dialog, "format_row"), FORMAT_SVG);
  export_ok (dialog, &events, path);
  last = g_settings_get_string (settings, "export-folder");
  ck_assert_str_eq (last, dir);
  /* The file says how the run was made. */
  ck_assert (g_file_get_contents (path, &svg, NULL, NULL));
  expected_setup = weft_session_describe_parameters (session);
  ck_assert (g_str_has_prefix (expected_setup, "scenario=philosophers count=5 strategy=naive "));
  ck_assert_msg (strstr (svg, expected_setup) != NULL, "%.800s", svg);
  ck_assert_msg (strstr (svg, "<desc>5 philosophers · naive strategy · seed ") != NULL, "%.800s", svg);

  events_clear (&events);
  dialog = open_dialog (NULL, session, NULL, &events);
  in_dir = chooser_folder (dialog);
  assert_folder (in_dir, dir);

  /* The folder is gone: Pictures again. */
  test_remove_dir (dir);
  again = chooser_folder (dialog);
  assert_folder (again, pictures);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_object (&events.file);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("ui-export");

  setlocale (LC_ALL, "C");
  test_add_fixture_case (suite, "dialog-layout", test_dialog_layout, setup, teardown, 90);
  test_add_fixture_case (suite, "cancel-closes", test_cancel_closes, setup, teardown, 90);
  test_add_fixture_case (suite, "png-sizes", test_png_sizes, setup, teardown, 90);
  test_add_fixture_case (suite, "svg-and-pdf", test_svg_and_pdf, setup, teardown, 90);
  test_add_fixture_case (suite, "themes", test_themes, setup, teardown, 90);
  test_add_fixture_case (suite, "range", test_range, setup, teardown, 90);
  test_add_fixture_case (suite, "unwritable-path", test_unwritable_path, setup, teardown, 90);
  test_add_fixture_case (suite, "failed-write-keeps-old-file", test_failed_write_keeps_old_file, setup, teardown, 90);
  test_add_fixture_case (suite, "no-model", test_no_model, setup, teardown, 90);
  test_add_fixture_case (suite, "choices-remembered", test_choices_remembered, setup, teardown, 90);
  test_add_fixture_case (suite, "chooser-writes-file", test_chooser_writes_file, setup, teardown, 90);
  test_add_fixture_case (suite, "chooser-extensions", test_chooser_extensions, setup, teardown, 90);
  test_add_fixture_case (suite, "chooser-opens-in-last-folder", test_chooser_opens_in_last_folder, setup, teardown, 90);

  return test_run_suite (suite);
}
