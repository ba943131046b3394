/* weft-export-dialog.c — the export dialog of the window: five choices remembered in
 * GSettings (what, format, size, theme, range), a native file chooser that opens in the
 * last export's folder, and the image written with weft_export_image_with_setup() (the
 * run's exact setup in the file's metadata), which replaces a file only once the new one is
 * whole. A failure is shown inside the dialog, which stays open with its choices, so the
 * user can pick another file; the session and its run are only read.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "weft-export.h"
#include "weft-export-dialog.h"

struct _WeftExportDialog
{
  AdwWindow             parent_instance;

  WeftSession          *session;
  WeftTimelineView      window_view;
  gboolean              has_window_view;
  GSettings            *settings;
  GtkFileChooserNative *chooser;

  /* Template widgets. */
  AdwPreferencesGroup  *error_group;
  AdwActionRow         *error_row;
  AdwComboRow          *view_row;
  AdwComboRow          *format_row;
  AdwComboRow          *size_row;
  AdwComboRow          *theme_row;
  AdwComboRow          *range_row;
};

G_DEFINE_FINAL_TYPE (WeftExportDialog, weft_export_dialog, ADW_TYPE_WINDOW)

enum
{
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The rows' positions, in the order of their string lists in the template. */
static const char * const view_ids[] = { "timeline", "scene", "both" };
static const WeftView views[] = { WEFT_VIEW_TIMELINE, WEFT_VIEW_SCENE, WEFT_VIEW_BOTH };
static const char * const theme_ids[] = { "light", "dark", "print" };
static const WeftThemeId themes[] = { WEFT_THEME_LIGHT, WEFT_THEME_DARK, WEFT_THEME_PRINT };
/* What weft_size_parse() reads; the export-size key holds one of these. */
static const char * const size_ids[] = { "1920x1080", "1280x720", "1024x768", "A4" };
/* The export-format key; formats[] below, in the same order, says what each is. */
static const char * const format_ids[] = { "png", "svg", "pdf" };

typedef struct
{
  const char     *id;         /* the export-format key, and the extension */
  WeftImageFormat format;
  const char     *mime_type;
  const char     *filter_name;
} FormatInfo;

static const FormatInfo formats[] = {
  { "png", WEFT_IMAGE_PNG, "image/png", N_("PNG image") },
  { "svg", WEFT_IMAGE_SVG, "image/svg+xml", N_("SVG image") },
  { "pdf", WEFT_IMAGE_PDF, "application/pdf", N_("PDF document") },
};

/* Range row positions. */
enum
{
  RANGE_WHOLE_RUN,
  RANGE_WINDOW,
};

/* GSettings ↔ rows --------------------------------------------------------------------- */

/* A string key ↔ a row's position: the key holds the id at that position of the row's
 * table. Ids are compared without case, so that an export-size of "a4" set by hand still
 * selects A4; an unknown value fails the mapping and GSettings uses the key's default. */
typedef struct
{
  const char * const *ids;
  guint               n_ids;
} IdTable;

static const IdTable view_table = { view_ids, G_N_ELEMENTS (view_ids) };
static const IdTable theme_table = { theme_ids, G_N_ELEMENTS (theme_ids) };
static const IdTable size_table = { size_ids, G_N_ELEMENTS (size_ids) };
static const IdTable format_table = { format_ids, G_N_ELEMENTS (format_ids) };

static gboolean
id_to_position (GValue   *value,
                GVariant *variant,
                gpointer  user_data)
{
  const IdTable *table = user_data;
  const char *id = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < table->n_ids; i++)
    {
      if (g_ascii_strcasecmp (id, table->ids[i]) == 0)
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }
  return FALSE;
}

static GVariant *
position_to_id (const GValue       *value,
                const GVariantType *expected_type,
                gpointer            user_data)
{
  const IdTable *table = user_data;
  guint position = g_value_get_uint (value);

  /* GTK_INVALID_LIST_POSITION while a model is being replaced: keep the key. */
  if (position >= table->n_ids)
    return NULL;
  return g_variant_new_string (table->ids[position]);
}

static gboolean
whole_run_to_position (GValue   *value,
                       GVariant *variant,
                       gpointer  user_data)
{
  g_value_set_uint (value, g_variant_get_boolean (variant) ? RANGE_WHOLE_RUN : RANGE_WINDOW);
  return TRUE;
}

static GVariant *
position_to_whole_run (const GValue       *value,
                       const GVariantType *expected_type,
                       gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position > RANGE_WINDOW)
    return NULL;
  return g_variant_new_boolean (position == RANGE_WHOLE_RUN);
}

static void
bind_row (WeftExportDialog *self,
          const char       *key,
          AdwComboRow      *row,
          const IdTable    *table)
{
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                id_to_position, position_to_id, (gpointer) table, NULL);
}

/* Reading the choices ------------------------------------------------------------------- */

static guint
get_position (AdwComboRow *row,
              guint        n_positions)
{
  guint position = adw_combo_row_get_selected (row);

  return position < n_positions ? position : 0;
}

static const FormatInfo *
get_format (WeftExportDialog *self)
{
  return &formats[get_position (self->format_row, G_N_ELEMENTS (formats))];
}

static const FormatInfo *
find_format_by_extension (const char *name)
{
  const char *dot = strrchr (name, '.');

  if (dot == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (dot + 1, formats[i].id) == 0)
      return &formats[i];
  return NULL;
}

/* The page the choices describe. The scene is drawn at the range's end, so "window in
 * view" matters for the scene alone too. */
static void
get_page_options (WeftExportDialog *self,
                  WeftPageOptions  *options)
{
  int width, height;

  weft_page_options_init (options);
  options->view = views[get_position (self->view_row, G_N_ELEMENTS (views))];
  options->theme = themes[get_position (self->theme_row, G_N_ELEMENTS (themes))];
  /* The presets always parse. */
  if (weft_size_parse (size_ids[get_position (self->size_row, G_N_ELEMENTS (size_ids))],
                       &width, &height, NULL))
    {
      options->width = width;
      options->height = height;
    }
  if (self->has_window_view && adw_combo_row_get_selected (self->range_row) == RANGE_WINDOW)
    {
      options->start = self->window_view.start;
      options->end = self->window_view.end;
    }
  else
    {
      /* start >= end: the whole run. */
      options->start = 0;
      options->end = 0;
    }
  options->show_title = TRUE;
  options->show_legend = TRUE;
}

/* Errors ------------------------------------------------------------------------------- */

static void
show_error (WeftExportDialog *self,
            const char       *message)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->error_row), message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_group), TRUE);
}

static void
hide_error (WeftExportDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_group), FALSE);
}

/* The file chooser ---------------------------------------------------------------------- */

/* "philosophers-deadlock.png": the scenario and how its run ended, so that a folder of
 * slides sorts by scenario and says what each shows. */
static char *
suggest_file_name (WeftExportDialog *self)
{
  const WeftScenario *scenario = weft_session_get_scenario (self->session);
  WeftModel *model = weft_session_get_model (self->session);
  WeftOutcome outcome = model != NULL ? weft_model_get_outcome (model) : WEFT_OUTCOME_NONE;

  return g_strdup_printf ("%s-%s.%s", scenario != NULL ? scenario->id : "weft",
                          outcome != WEFT_OUTCOME_NONE ? weft_outcome_to_string (outcome) : "run",
                          get_format (self)->id);
}

/* The file the image goes to, from the one the user chose. A name ending in .png, .svg or
 * .pdf is kept as typed and the Format row follows it: the user named the format, and
 * the chooser has asked about that very file if it exists. Any other name gets the chosen
 * format's extension ("slide" → "slide.png", "v1.2" → "v1.2.png"). Sets @confirmed to
 * FALSE when that appended name already exists: the chooser never asked about it. */
static GFile *
fix_extension (WeftExportDialog *self,
               GFile            *file,
               gboolean         *confirmed)
{
  g_autofree char *name = g_file_get_basename (file);
  const FormatInfo *typed = find_format_by_extension (name);
  g_autofree char *fixed = NULL;
  g_autoptr(GFile) parent = NULL;
  GFile *result;

  *confirmed = TRUE;
  if (typed != NULL)
    {
      adw_combo_row_set_selected (self->format_row, (guint) (typed - formats));
      return g_object_ref (file);
    }

  fixed = g_strdup_printf ("%s.%s", name, get_format (self)->id);
  parent = g_file_get_parent (file);
  result = parent != NULL ? g_file_get_child (parent, fixed) : g_file_new_for_path (fixed);
  *confirmed = !g_file_query_exists (result, NULL);
  return result;
}

static void open_chooser (WeftExportDialog *self,
                          GFile            *file);

static void
chooser_response_cb (WeftExportDialog     *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) chosen = NULL;
  g_autoptr(GFile) file = NULL;
  gboolean confirmed;

  if (response == GTK_RESPONSE_ACCEPT)
    chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_signal_handlers_disconnect_by_data (chooser, self);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);

  if (chosen == NULL)
    return;

  file = fix_extension (self, chosen, &confirmed);
  if (!confirmed)
    {
      /* Asks again with the full name, so that replacing a file is always confirmed. */
      open_chooser (self, file);
      return;
    }
  /* The error, if any, is shown in the dialog. */
  weft_export_dialog_export_to (self, file, NULL);
}

/* Where a new export starts: where the last one went (a teacher keeps a lecture's slides
 * together), else Pictures, else home. */
static GFile *
first_folder (WeftExportDialog *self)
{
  g_autofree char *last = g_settings_get_string (self->settings, "export-folder");
  const char *pictures = g_get_user_special_dir (G_USER_DIRECTORY_PICTURES);

  if (last[0] != '\0' && g_file_test (last, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (last);
  if (pictures != NULL && g_file_test (pictures, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (pictures);
  return g_file_new_for_path (g_get_home_dir ());
}

static void
open_chooser (WeftExportDialog *self,
              GFile            *file)
{
  const FormatInfo *format = get_format (self);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  g_autoptr(GFile) folder = NULL;

  g_assert (self->chooser == NULL);

  self->chooser = gtk_file_chooser_native_new (_("Export Image"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               /* Translators: the accept button of the file chooser */
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  gtk_file_filter_set_name (filter, _(format->filter_name));
  gtk_file_filter_add_mime_type (filter, format->mime_type);
  gtk_file_filter_add_suffix (filter, format->id);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  if (file != NULL)
    {
      name = g_file_get_basename (file);
      folder = g_file_get_parent (file);
    }
  else
    {
      name = suggest_file_name (self);
      folder = first_folder (self);
    }
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_button_clicked_cb (WeftExportDialog *self)
{
  if (self->chooser != NULL)
    return;
  if (weft_session_get_model (self->session) == NULL)
    {
      show_error (self, _("There is nothing to export yet: choose a scenario first."));
      return;
    }
  hide_error (self);
  open_chooser (self, NULL);
}

/* GObject ------------------------------------------------------------------------------- */

static void
weft_export_dialog_dispose (GObject *object)
{
  WeftExportDialog *self = WEFT_EXPORT_DIALOG (object);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), WEFT_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (weft_export_dialog_parent_class)->dispose (object);
}

static void
weft_export_dialog_class_init (WeftExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = weft_export_dialog_dispose;

  signals[EXPORTED] =
    g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/weft/Weft/weft-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WeftExportDialog, error_group);
  gtk_widget_class_bind_template_child (widget_class, WeftExportDialog, error_row);
  gtk_widget_class_bind_template_child (widget_class, WeftExportDialog, view_row);
  gtk_widget_class_bind_template_child (widget_class, WeftExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, WeftExportDialog, size_row);
  gtk_widget_class_bind_template_child (widget_class, WeftExportDialog, theme_row);
  gtk_widget_class_bind_template_child (widget_class, WeftExportDialog, range_row);
  gtk_widget_class_bind_template_callback (widget_class, export_button_clicked_cb);

  /* Escape is Cancel. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
weft_export_dialog_init (WeftExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new ("io.github.weft.Weft");
  bind_row (self, "export-view", self->view_row, &view_table);
  bind_row (self, "export-format", self->format_row, &format_table);
  bind_row (self, "export-size", self->size_row, &size_table);
  bind_row (self, "export-theme", self->theme_row, &theme_table);
  g_settings_bind_with_mapping (self->settings, "export-whole-run", self->range_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, whole_run_to_position,
                                position_to_whole_run, NULL, NULL);
}

/* Public -------------------------------------------------------------------------------- */

/* @window_view may be NULL (no timeline on screen): the Range row is then insensitive and
 * the whole run is drawn. @theme is not used: the Theme row starts from the export-theme
 * key, "light" until the user picks another, since slides are what most exports are for
 * whatever the window looks like. */
WeftExportDialog *
weft_export_dialog_new (GtkWindow              *parent,
                        WeftSession            *session,
                        const WeftTimelineView *window_view)
{
  WeftExportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (WEFT_IS_SESSION (session), NULL);

  self = g_object_new (WEFT_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->session = g_object_ref (session);
  if (window_view != NULL)
    {
      self->window_view = *window_view;
      self->has_window_view = TRUE;
    }
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self->range_row), FALSE);

  return self;
}

gboolean
weft_export_dialog_export_to (WeftExportDialog  *self,
                              GFile             *file,
                              GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  WeftPageOptions options;
  WeftModel *model;

  g_return_val_if_fail (WEFT_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  hide_error (self);
  model = weft_session_get_model (self->session);
  path = g_file_get_path (file);
  if (model == NULL)
    {
      g_set_error_literal (&local_error, WEFT_ERROR, WEFT_ERROR_BAD_STATE,
                           _("There is nothing to export yet: choose a scenario first."));
    }
  else if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      /* Translators: %s is a location such as sftp://host/slide.png */
      g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Cannot write “%s”: images can only be exported to a local folder"), uri);
    }
  else
    {
      g_autofree char *parameters = weft_session_describe_parameters (self->session);

      get_page_options (self, &options);
      if (weft_export_image_with_setup (model, &options, parameters, get_format (self)->format,
                                        path, &local_error))
        {
          g_autofree char *folder = g_path_get_dirname (path);

          g_settings_set_string (self->settings, "export-folder", folder);
        }
    }

  if (local_error != NULL)
    {
      show_error (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* The window that opened the dialog may drop it on "exported": keep it until closed. */
  g_object_ref (self);
  g_signal_emit (self, signals[EXPORTED], 0, file);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
  return TRUE;
}
