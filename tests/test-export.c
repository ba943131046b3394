/* test-export.c — PNG, SVG and PDF of a page as a user checks them: the size asked for,
 * something drawn, the names in the SVG's text, one page in the PDF, small files for a
 * million events, and failures that say which file and leave nothing behind.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "weft-export.h"
#include "weft-png.h"
#include "weft-scenarios.h"
#include "weft-summary.h"
#include "weft-test-image.h"
#include "weft-test-model.h"
#include "weft-test-synthetic.h"

#define MEGABYTE (1024 * 1024)

static const char * const philosophers[] = { "Kant", "Aristotle", "Spinoza", "Marx", "Russell", NULL };
static const char * const forks[] = { "fork 1", "fork 2", "fork 3", "fork 4", "fork 5", NULL };

static void
page_options (WeftPageOptions *options,
              WeftView         view,
              int              width,
              int              height)
{
  weft_page_options_init (options);
  options->view = view;
  options->width = width;
  options->height = height;
}

/* Exports and asserts it worked. */
static void
export_ok (WeftModel             *model,
           const WeftPageOptions *options,
           WeftImageFormat        format,
           const char            *path)
{
  g_autoptr(GError) error = NULL;

  ck_assert_msg (weft_export_image (model, options, format, path, &error), "export to %s: %s", path,
                 error != NULL ? error->message : "(no error)");
  ck_assert_ptr_null (error);
  ck_assert (g_file_test (path, G_FILE_TEST_IS_REGULAR));
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
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (joined, "%s%s", i > 0 ? " " : "", (char *) g_ptr_array_index (names, i));
  return g_strdup (joined->str);
}

static gsize
file_size (const char *path)
{
  GStatBuf st;

  ck_assert_int_eq (g_stat (path, &st), 0);
  return (gsize) st.st_size;
}

/* Sizes ---------------------------------------------------------------------------------- */

START_TEST (test_size_presets)
{
  static const struct { const char *str; int width, height; } sizes[] = {
    { "1920x1080", 1920, 1080 },
    { "1280x720", 1280, 720 },
    { "1024x768", 1024, 768 },
    { "A4", 842, 595 },
    { "a4", 842, 595 },
    { "800x600", 800, 600 },
    { "3840x2160", 3840, 2160 },
    { "16x16", 16, 16 },
    { "16384x16384", 16384, 16384 },
    { "1080x1920", 1080, 1920 },
  };
  const WeftSizePreset *presets;
  guint n_presets;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GError) error = NULL;
      int width = -1, height = -1;

      ck_assert_msg (weft_size_parse (sizes[i].str, &width, &height, &error), "%s: %s", sizes[i].str,
                     error != NULL ? error->message : "");
      ck_assert_msg (width == sizes[i].width && height == sizes[i].height, "%s gave %d × %d",
                     sizes[i].str, width, height);
    }

  /* The export dialog's list: the slides and A4, each parsing to its own size. */
  presets = weft_size_presets_get (&n_presets);
  ck_assert_uint_ge (n_presets, 4);
  for (guint i = 0; i < n_presets; i++)
    {
      int width = -1, height = -1;

      ck_assert (presets[i].label != NULL && *presets[i].label != '\0');
      ck_assert_msg (weft_size_parse (presets[i].id, &width, &height, NULL), "preset %s", presets[i].id);
      ck_assert_int_eq (width, presets[i].width);
      ck_assert_int_eq (height, presets[i].height);
    }
}
END_TEST

START_TEST (test_size_errors)
{
  static const char * const bad[] = {
    "0x10", "1920", "x1080", "20000x10", "10x20000", "1920x1080x3", "abc", "15x100", "1920x",
    "1920x-1080", "-1920x1080", "1920 x 1080", "99999999999999999999x10", "A5", "a4x", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      int width = -1, height = -1;
      g_autofree char *quoted = g_strdup_printf ("“%s”", bad[i]);

      ck_assert_msg (!weft_size_parse (bad[i], &width, &height, &error), "“%s” was accepted as %d × %d",
                     bad[i], width, height);
      ck_assert_msg (error != NULL, "“%s”: no error", bad[i]);
      ck_assert_msg (strstr (error->message, quoted) != NULL, "“%s”: the message “%s” does not name it",
                     bad[i], error->message);
    }
}
END_TEST

START_TEST (test_format_from_path)
{
  static const struct { const char *path; WeftImageFormat format; } good[] = {
    { "deadlock.png", WEFT_IMAGE_PNG },
    { "DEADLOCK.PNG", WEFT_IMAGE_PNG },
    { "a.Png", WEFT_IMAGE_PNG },
    { "deadlock.svg", WEFT_IMAGE_SVG },
    { "/tmp/x/Deadlock.SVG", WEFT_IMAGE_SVG },
    { "slides.pdf", WEFT_IMAGE_PDF },
    { "slides.PdF", WEFT_IMAGE_PDF },
    { "dir.png/page.pdf", WEFT_IMAGE_PDF },
    { "two.svg.png", WEFT_IMAGE_PNG },
  };
  static const char * const bad[] = {
    "x.txt", "deadlock.jpeg", "deadlock", "png", "svg", "a.png.txt", "a.pngx", "a.pdf~", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      WeftImageFormat format = (WeftImageFormat) -1;

      ck_assert_msg (weft_image_format_from_path (good[i].path, &format), "%s", good[i].path);
      ck_assert_msg (format == good[i].format, "%s: format %d", good[i].path, format);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      WeftImageFormat format = WEFT_IMAGE_PNG;

      ck_assert_msg (!weft_image_format_from_path (bad[i], &format), "“%s” was taken as an image", bad[i]);
    }
}
END_TEST

/* PNG ------------------------------------------------------------------------------------ */

START_TEST (test_png_sizes)
{
  g_autoptr(WeftModel) model = test_make_deadlocked_model ();
  g_autofree char *dir = g_dir_make_tmp ("weft-export-XXXXXX", NULL);
  static const struct { int width, height; } sizes[] = { { 1920, 1080 }, { 1024, 768 }, { 842, 595 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (WeftView view = WEFT_VIEW_TIMELINE; view <= WEFT_VIEW_BOTH; view++)
      {
        g_autofree char *name = g_strdup_printf ("page-%dx%d-%d.png", sizes[i].width, sizes[i].height, view);
        g_autofree char *path = g_build_filename (dir, name, NULL);
        WeftPageOptions options;

        page_options (&options, view, sizes[i].width, sizes[i].height);
        export_ok (model, &options, WEFT_IMAGE_PNG, path);
        test_assert_png (path, sizes[i].width, sizes[i].height);
      }
  test_remove_dir (dir);
}
END_TEST

static cairo_status_t
write_file_cb (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  return fwrite (data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* The PNG holds exactly the pixels drawn: Weft writes its own (faster) PNG, RGB when the
 * page is opaque, RGBA (un-premultiplied) otherwise. */
static void
assert_png_is (const char      *path,
               cairo_surface_t *drawn)
{
  cairo_surface_t *read = cairo_image_surface_create_from_png (path);
  int width = cairo_image_surface_get_width (drawn);
  int height = cairo_image_surface_get_height (drawn);
  guint n_different = 0;

  ck_assert_int_eq (cairo_surface_status (read), CAIRO_STATUS_SUCCESS);
  ck_assert_int_eq (cairo_image_surface_get_width (read), width);
  ck_assert_int_eq (cairo_image_surface_get_height (read), height);
  cairo_surface_flush (drawn);
  for (int y = 0; y < height; y++)
    {
      const guint32 *a = (const guint32 *) (cairo_image_surface_get_data (drawn) + y * cairo_image_surface_get_stride (drawn));
      const guint32 *b = (const guint32 *) (cairo_image_surface_get_data (read) + y * cairo_image_surface_get_stride (read));

      for (int x = 0; x < width; x++)
        {
          guint aa = a[x] >> 24;

          /* Opaque pixels round-trip exactly; translucent ones within the rounding of
           * un-premultiplying and premultiplying again. */
          if (aa == 0xff ? a[x] != b[x]
                         : (guint) ABS ((int) (a[x] >> 24) - (int) (b[x] >> 24)) > 0 ||
                           (guint) ABS ((int) ((a[x] >> 16) & 0xff) - (int) ((b[x] >> 16) & 0xff)) > 1)
            n_different++;
        }
    }
  cairo_surface_destroy (read);
  ck_assert_uint_eq (n_different, 0);
}

START_TEST (test_png_is_the_drawing)
{
  g_autoptr(WeftModel) model = test_make_deadlocked_model ();
  g_autofree char *dir = g_dir_make_tmp ("weft-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "page.png", NULL);
  g_autofree char *clear_path = g_build_filename (dir, "clear.png", NULL);
  cairo_surface_t *drawn = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 720);
  cairo_surface_t *clear;
  cairo_t *cr = cairo_create (drawn);
  WeftPageOptions options;

  page_options (&options, WEFT_VIEW_BOTH, 1280, 720);
  weft_page_draw (cr, model, &options, NULL);
  cairo_destroy (cr);
  export_ok (model, &options, WEFT_IMAGE_PNG, path);
  assert_png_is (path, drawn);
  cairo_surface_destroy (drawn);

  /* A translucent surface takes the RGBA path (the same writer as exports). */
  clear = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 64, 32);
  cr = cairo_create (clear);
  cairo_set_source_rgba (cr, 0.2, 0.6, 0.9, 0.5);
  cairo_rectangle (cr, 8, 8, 40, 16);
  cairo_fill (cr);
  cairo_destroy (cr);
  {
    FILE *f = fopen (clear_path, "wb");

    ck_assert_ptr_nonnull (f);
    ck_assert_int_eq (weft_png_write (clear, write_file_cb, f), CAIRO_STATUS_SUCCESS);
    fclose (f);
  }
  assert_png_is (clear_path, clear);
  cairo_surface_destroy (clear);
  test_remove_dir (dir);
}
END_TEST

/* SVG ------------------------------------------------------------------------------------ */

START_TEST (test_svg_names_everyone)
{
  static const char * const view_names[] = { "timeline", "scene", "both" };
  g_autoptr(WeftModel) model = test_make_deadlocked_model ();
  g_autofree char *dir = g_dir_make_tmp ("weft-export-XXXXXX", NULL);

  for (WeftView view = WEFT_VIEW_TIMELINE; view <= WEFT_VIEW_BOTH; view++)
    {
      g_autofree char *name = g_strdup_printf ("%s.svg", view_names[view]);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *words = NULL;
      WeftPageOptions options;

      page_options (&options, view, 1920, 1080);
      export_ok (model, &options, WEFT_IMAGE_SVG, path);
      words = test_read_svg (path, 1920, 1080);
      for (guint i = 0; philosophers[i] != NULL; i++)
        ck_assert_msg (test_has_line (words, philosophers[i]), "%s: the text layer does not name %s:\n%s",
                       name, philosophers[i], words);
      for (guint i = 0; forks[i] != NULL; i++)
        ck_assert_msg (test_has_line (words, forks[i]), "%s: the text layer does not name %s:\n%s",
                       name, forks[i], words);
      /* The title too. */
      ck_assert_msg (test_has_line (words, weft_model_get_title (model)), "%s: no title in:\n%s", name, words);
    }

  /* Another size, another viewBox. */
  {
    g_autofree char *path = g_build_filename (dir, "small.svg", NULL);
    g_autofree char *words = NULL;
    WeftPageOptions options;

    page_options (&options, WEFT_VIEW_BOTH, 1280, 720);
    export_ok (model, &options, WEFT_IMAGE_SVG, path);
    words = test_read_svg (path, 1280, 720);
    ck_assert (test_has_line (words, "Kant"));
  }
  test_remove_dir (dir);
}
END_TEST

/* The legend of a slide lists what is on it: no lost update under the philosophers, the
 * cycle when they deadlocked; the lost update of the bank race, no cycle. */
START_TEST (test_svg_legend_lists_what_is_shown)
{
  static const char * const bank_sets[] = { "sync=none", NULL };
  static const char * const ordered_sets[] = { "strategy=ordered", "meals=1", NULL };
  g_autoptr(WeftModel) naive = test_make_deadlocked_model ();
  g_autoptr(WeftModel) ordered = test_make_stepped_model ("philosophers", ordered_sets, 2000);
  g_autoptr(WeftModel) bank = test_make_stepped_model ("bank", bank_sets, 1000);
  g_autofree char *dir = g_dir_make_tmp ("weft-export-XXXXXX", NULL);
  struct { WeftModel *model; const char *name; gboolean cycle, lost; } runs[] = {
    { naive, "naive.svg", TRUE, FALSE },
    { ordered, "ordered.svg", FALSE, FALSE },
    { bank, "bank.svg", FALSE, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      g_autofree char *path = g_build_filename (dir, runs[i].name, NULL);
      g_autofree char *words = NULL;
      WeftPageOptions options;

      page_options (&options, WEFT_VIEW_BOTH, 1920, 1080);
      export_ok (runs[i].model, &options, WEFT_IMAGE_SVG, path);
      words = test_read_svg (path, 1920, 1080);
      ck_assert_msg (test_has_line (words, "running"), "%s: no running in:\n%s", runs[i].name, words);
      ck_assert_msg (test_has_line (words, "deadlock cycle") == runs[i].cycle, "%s: deadlock cycle %s in:\n%s",
                     runs[i].name, runs[i].cycle ? "missing" : "listed", words);
      ck_assert_msg (test_has_line (words, "lost update") == runs[i].lost, "%s: lost update %s in:\n%s",
                     runs[i].name, runs[i].lost ? "missing" : "listed", words);
    }
  test_remove_dir (dir);
}
END_TEST

/* PDF ------------------------------------------------------------------------------------ */

START_TEST (test_pdf_one_page_of_the_size)
{
  g_autoptr(WeftModel) model = test_make_deadlocked_model ();
  g_autofree char *dir = g_dir_make_tmp ("weft-export-XXXXXX", NULL);
  static const struct { const char *size; } sizes[] = { { "1920x1080" }, { "1280x720" }, { "A4" } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (WeftView view = WEFT_VIEW_TIMELINE; view <= WEFT_VIEW_BOTH; view++)
      {
        g_autofree char *name = g_strdup_printf ("page-%s-%d.pdf", sizes[i].size, view);
        g_autofree char *path = g_build_filename (dir, name, NULL);
        WeftPageOptions options;
        int width, height;

        ck_assert (weft_size_parse (sizes[i].size, &width, &height, NULL));
        page_options (&options, view, width, height);
        export_ok (model, &options, WEFT_IMAGE_PDF, path);
        test_assert_pdf (path, width, height);
        test_assert_pdfinfo (path, width, height);
      }

  /* A4 is landscape A4 in points. */
  {
    int width, height;

    ck_assert (weft_size_parse ("A4", &width, &height, NULL));
    ck_assert_int_eq (width, 842);
    ck_assert_int_eq (height, 595);
  }
  test_remove_dir (dir);
}
END_TEST

/* Metadata -------------------------------------------------------------------------------- */

#define SUBTITLE "5 philosophers · naive strategy · seed 1 · stepped"
#define SETUP "scenario=philosophers count=5 strategy=naive think_ms=5000 eat_ms=1000 " \
              "fork_gap_ms=5000 meals=0 seed=1 mode=step policy=round-robin"

/* Whether @data (binary: NULs included) holds @needle. */
static gboolean
has_bytes (const char *data,
           gsize       length,
           const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* The words of the subtitle for people, the exact setup for whoever wants to redo the run:
 * a PDF's Subject and Keywords, an SVG's <desc> and <metadata>. */
START_TEST (test_metadata_says_the_setup)
{
  g_autoptr(WeftModel) model = test_make_deadlocked_model ();
  g_autofree char *dir = g_dir_make_tmp ("weft-export-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "page.pdf", NULL);
  g_autofree char *svg = g_build_filename (dir, "page.svg", NULL);
  g_autofree char *pdf_bytes = NULL;
  g_autofree char *svg_text = NULL;
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autoptr(GError) error = NULL;
  WeftPageOptions options;
  gsize length;

  weft_model_set_title (model, "Dining philosophers", SUBTITLE);
  page_options (&options, WEFT_VIEW_BOTH, 1280, 720);
  ck_assert_msg (weft_export_image_with_setup (model, &options, SETUP, WEFT_IMAGE_PDF, pdf, &error),
                 "%s", error != NULL ? error->message : "");
  ck_assert_msg (weft_export_image_with_setup (model, &options, SETUP, WEFT_IMAGE_SVG, svg, &error),
                 "%s", error != NULL ? error->message : "");

  /* The PDF's Info dictionary is not compressed: an ASCII string is there as it is. */
  ck_assert (g_file_get_contents (pdf, &pdf_bytes, &length, NULL));
  ck_assert_msg (has_bytes (pdf_bytes, length, "/Keywords (" SETUP ")"), "no keywords in %s", pdf);
  test_assert_pdf (pdf, 1280, 720);
  if (pdfinfo != NULL)
    {
      const char *argv[] = { pdfinfo, pdf, NULL };
      g_autofree char *out = NULL;
      int status;

      ck_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, NULL));
      ck_assert (g_spawn_check_wait_status (status, NULL));
      ck_assert_msg (strstr (out, "Title:           Dining philosophers\n") != NULL, "%s", out);
      ck_assert_msg (strstr (out, "Subject:         " SUBTITLE "\n") != NULL, "%s", out);
      ck_assert_msg (strstr (out, "Keywords:        " SETUP "\n") != NULL, "%s", out);
    }

  ck_assert (g_file_get_contents (svg, &svg_text, NULL, NULL));
  ck_assert_msg (strstr (svg_text, "<title>Dining philosophers</title>") != NULL, "%.600s", svg_text);
  ck_assert_msg (strstr (svg_text, "<desc>" SUBTITLE "</desc>") != NULL, "%.600s", svg_text);
  ck_assert_msg (strstr (svg_text, SETUP "</metadata>") != NULL, "%.600s", svg_text);
  g_free (test_read_svg (svg, 1280, 720));

  test_remove_dir (dir);
}
END_TEST

/* A million events ------------------------------------------------------------------------- */

START_TEST (test_million_events_vector_files_small)
{
  static const char * const view_names[] = { "timeline", "scene", "both" };
  g_autoptr(WeftModel) model = test_synthetic_model (1000000, 1);
  g_autofree char *dir = g_dir_make_tmp ("weft-export-XXXXXX", NULL);

  for (WeftView view = WEFT_VIEW_TIMELINE; view <= WEFT_VIEW_BOTH; view++)
    {
      g_autofree char *svg_name = g_strdup_printf ("%s.svg", view_names[view]);
      g_autofree char *pdf_name = g_strdup_printf ("%s.pdf", view_names[view]);
      g_autofree char *svg = g_build_filename (dir, svg_name, NULL);
      g_autofree char *pdf = g_build_filename (dir, pdf_name, NULL);
      g_autofree char *words = NULL;
      WeftPageOptions options;

      if (view == WEFT_VIEW_SCENE)
        continue;
      page_options (&options, view, 1920, 1080);
      export_ok (model, &options, WEFT_IMAGE_SVG, svg);
      export_ok (model, &options, WEFT_IMAGE_PDF, pdf);
      ck_assert_msg (file_size (svg) < 2 * MEGABYTE, "%s: %zu bytes", svg_name, file_size (svg));
      ck_assert_msg (file_size (pdf) < 2 * MEGABYTE, "%s: %zu bytes", pdf_name, file_size (pdf));
      words = test_read_svg (svg, 1920, 1080);
      ck_assert (test_has_line (words, "Niklaus"));
      ck_assert (test_has_line (words, "printers"));
      test_assert_pdf (pdf, 1920, 1080);
    }
  test_remove_dir (dir);
}
END_TEST

/* Replacing and failing ------------------------------------------------------------------ */

START_TEST (test_export_replaces_a_file)
{
  g_autoptr(WeftModel) model = test_make_deadlocked_model ();
  g_autofree char *dir = g_dir_make_tmp ("weft-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "deadlock.png", NULL);
  g_autofree char *listing = NULL;
  WeftPageOptions options;

  ck_assert (g_file_set_contents (path, "old", -1, NULL));
  page_options (&options, WEFT_VIEW_BOTH, 1280, 720);
  export_ok (model, &options, WEFT_IMAGE_PNG, path);
  test_assert_png (path, 1280, 720);
  listing = list_dir (dir);
  ck_assert_str_eq (listing, "deadlock.png");
  test_remove_dir (dir);
}
END_TEST

START_TEST (test_missing_directory)
{
  g_autoptr(WeftModel) model = test_make_deadlocked_model ();
  g_autofree char *dir = g_dir_make_tmp ("weft-export-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  static const char * const names[] = { "deadlock.png", "deadlock.svg", "deadlock.pdf" };
  g_autofree char *listing = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (missing, names[i], NULL);
      g_autoptr(GError) error = NULL;
      WeftPageOptions options;
      WeftImageFormat format;

      ck_assert (weft_image_format_from_path (path, &format));
      page_options (&options, WEFT_VIEW_BOTH, 1920, 1080);
      ck_assert_msg (!weft_export_image (model, &options, format, path, &error), "%s was written", path);
      ck_assert_ptr_nonnull (error);
      ck_assert_msg (strstr (error->message, path) != NULL, "“%s” does not name %s", error->message, path);
      ck_assert_msg (strstr (error->message, g_strerror (ENOENT)) != NULL, "“%s” does not say why",
                     error->message);
      ck_assert (!g_file_test (missing, G_FILE_TEST_EXISTS));
    }
  listing = list_dir (dir);
  ck_assert_str_eq (listing, "");
  test_remove_dir (dir);
}
END_TEST

START_TEST (test_read_only_directory)
{
  g_autoptr(WeftModel) model = test_make_deadlocked_model ();
  /* The old file writable or not: only the folder matters to an atomic replace. */
  static const int file_modes[] = { 0644, 0444 };

  if (geteuid () == 0)
    {
      /* Permissions do not stop root: nothing to see here (the size-limit test below
       * checks a failed write as root). */
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (file_modes); i++)
    {
      g_autofree char *dir = g_dir_make_tmp ("weft-export-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "deadlock.png", NULL);
      g_autofree char *contents = NULL;
      g_autofree char *listing = NULL;
      g_autoptr(GError) error = NULL;
      WeftPageOptions options;

      ck_assert (g_file_set_contents (path, "old", -1, NULL));
      ck_assert_int_eq (g_chmod (path, file_modes[i]), 0);
      ck_assert_int_eq (g_chmod (dir, 0555), 0);
      page_options (&options, WEFT_VIEW_BOTH, 1920, 1080);
      ck_assert_msg (!weft_export_image (model, &options, WEFT_IMAGE_PNG, path, &error),
                     "file mode %o in a read-only folder: written", file_modes[i]);
      ck_assert_ptr_nonnull (error);
      ck_assert_msg (strstr (error->message, path) != NULL, "“%s” does not name %s", error->message, path);
      ck_assert (g_file_get_contents (path, &contents, NULL, NULL));
      ck_assert_str_eq (contents, "old");
      listing = list_dir (dir);
      ck_assert_str_eq (listing, "deadlock.png");
      g_chmod (dir, 0755);
      test_remove_dir (dir);
    }
}
END_TEST

/* A write that fails half-way (the disk is full, here: the file size limit) leaves the old
 * file as it was and no temporary file. Works as root too. */
START_TEST (test_failed_write_leaves_nothing)
{
  g_autoptr(WeftModel) model = test_make_deadlocked_model ();
  g_autofree char *dir = g_dir_make_tmp ("weft-export-XXXXXX", NULL);
  g_autofree char *old_path = g_build_filename (dir, "old.png", NULL);
  static const char * const names[] = { "new.png", "new.svg", "new.pdf", "old.png" };
  struct rlimit limit = { 4096, 4096 };
  g_autoptr(GString) problems = g_string_new (NULL);

  ck_assert (g_file_set_contents (old_path, "old", -1, NULL));
  /* This test runs in its own process: the limit ends with it. */
  signal (SIGXFSZ, SIG_IGN);
  ck_assert_int_eq (setrlimit (RLIMIT_FSIZE, &limit), 0);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *contents = NULL;
      g_autofree char *listing = NULL;
      g_autoptr(GError) error = NULL;
      WeftPageOptions options;
      WeftImageFormat format;

      ck_assert (weft_image_format_from_path (path, &format));
      page_options (&options, WEFT_VIEW_BOTH, 1920, 1080);
      if (weft_export_image (model, &options, format, path, &error))
        {
          g_string_append_printf (problems, "%s was written past the size limit; ", names[i]);
          continue;
        }
      ck_assert_ptr_nonnull (error);
      if (strstr (error->message, path) == NULL)
        g_string_append_printf (problems, "“%s” does not name %s; ", error->message, path);
      ck_assert (g_file_get_contents (old_path, &contents, NULL, NULL));
      if (!g_str_equal (contents, "old"))
        g_string_append_printf (problems, "writing %s changed old.png; ", names[i]);
      listing = list_dir (dir);
      if (!g_str_equal (listing, "old.png"))
        {
          g_autofree char *left = g_strdup (listing);

          g_string_append_printf (problems, "after failing to write %s the folder holds: %s (%s: %zu bytes); ",
                                  names[i], left, names[i],
                                  g_file_test (path, G_FILE_TEST_EXISTS) && i < 3 ? file_size (path) : 0);
          if (i < 3)
            g_unlink (path);
        }
    }
  ck_assert_msg (problems->len == 0, "%s", problems->str);
  test_remove_dir (dir);
}
END_TEST

START_TEST (test_bad_size_writes_nothing)
{
  g_autoptr(WeftModel) model = test_make_deadlocked_model ();
  g_autofree char *dir = g_dir_make_tmp ("weft-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "deadlock.png", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;
  WeftPageOptions options;

  page_options (&options, WEFT_VIEW_BOTH, 10, 1080);
  ck_assert (!weft_export_image (model, &options, WEFT_IMAGE_PNG, path, &error));
  ck_assert_ptr_nonnull (error);
  ck_assert_msg (strstr (error->message, "16") != NULL, "“%s” does not say what is allowed", error->message);
  listing = list_dir (dir);
  ck_assert_str_eq (listing, "");
  test_remove_dir (dir);
}
END_TEST

/* Each thread's times add up to the run's elapsed time, whatever the scenario and however
 * late the stop comes after the run's end: time after the end is nobody's. */
START_TEST (test_summary_times_end_at_the_end)
{
  static const char * const runs[][6] = {
    { "bank", "sync=none", "rounds=5", NULL },
    { "bank", "sync=lock", "rounds=5", NULL },
    { "philosophers", "strategy=naive", "think_ms=0", "eat_ms=0", "fork_gap_ms=20", NULL },
    { "philosophers", "strategy=ordered", "meals=1", "think_ms=5", "eat_ms=5", NULL },
    { "tickets", NULL },
    { "pubsub", "messages=3", "interval_ms=5", NULL },
  };
  g_autoptr(GString) problems = g_string_new (NULL);

  for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
    {
      const WeftScenario *scenario = weft_scenarios_lookup (runs[r][0]);
      g_autoptr(WeftParams) params = weft_params_new (scenario->params, scenario->n_params);
      g_autoptr(WeftRun) run = NULL;
      g_autoptr(JsonNode) summary = NULL;
      g_autoptr(GError) error = NULL;
      JsonObject *root;
      JsonArray *threads;
      double elapsed;

      for (guint i = 1; runs[r][i] != NULL; i++)
        ck_assert (weft_params_parse (params, runs[r][i], &error));
      run = weft_scenario_create_run (scenario, params, 7 + r, &error);
      ck_assert_msg (run != NULL, "%s", error != NULL ? error->message : "");
      weft_run_set_speed (run, 20);
      ck_assert (weft_run_start (run, WEFT_MODE_RUN, NULL));
      ck_assert_msg (weft_run_wait_end (run, 20 * G_USEC_PER_SEC), "%s did not end", runs[r][0]);
      /* The stop comes well after the end, as it does after weft-cli printed a long log. */
      g_usleep (150 * 1000);
      weft_run_stop (run);

      summary = weft_summary_build (run, params);
      root = json_node_get_object (summary);
      elapsed = json_object_get_double_member (root, "elapsed_ms");
      threads = json_object_get_array_member (root, "threads");
      for (guint t = 0; t < json_array_get_length (threads); t++)
        {
          JsonObject *thread = json_array_get_object_element (threads, t);
          JsonObject *times = json_object_get_object_member (thread, "time_ms");
          g_autoptr(GList) states = json_object_get_members (times);
          double sum = 0;

          for (GList *l = states; l != NULL; l = l->next)
            sum += json_object_get_double_member (times, l->data);
          /* A microsecond for the rounding of a few doubles. */
          if (sum > elapsed + 0.001 || sum < elapsed - 0.001)
            g_string_append_printf (problems, "%s (%s): %s's times add up to %.6f ms, the run took %.6f ms\n",
                                    runs[r][0], runs[r][1] != NULL ? runs[r][1] : "defaults",
                                    json_object_get_string_member (thread, "name"), sum, elapsed);
        }
    }
  ck_assert_msg (problems->len == 0, "%s", problems->str);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("export");

  setlocale (LC_ALL, "C");
  test_add_case (suite, "size-presets", test_size_presets);
  test_add_case (suite, "svg-legend-lists-what-is-shown", test_svg_legend_lists_what_is_shown);
  test_add_case (suite, "size-errors", test_size_errors);
  test_add_case (suite, "format-from-path", test_format_from_path);
  test_add_case (suite, "png-sizes", test_png_sizes);
  test_add_case (suite, "png-is-the-drawing", test_png_is_the_drawing);
  test_add_case (suite, "svg-names-everyone", test_svg_names_everyone);
  test_add_case (suite, "pdf-one-page-of-the-size", test_pdf_one_page_of_the_size);
  test_add_case (suite, "metadata-says-the-setup", test_metadata_says_the_setup);
  test_add_case (suite, "million-events-vector-files-small", test_million_events_vector_files_small);
  test_add_case (suite, "export-replaces-a-file", test_export_replaces_a_file);
  test_add_case (suite, "missing-directory", test_missing_directory);
  test_add_case (suite, "read-only-directory", test_read_only_directory);
  test_add_case (suite, "failed-write-leaves-nothing", test_failed_write_leaves_nothing);
  test_add_case (suite, "bad-size-writes-nothing", test_bad_size_writes_nothing);
  test_add_case (suite, "summary-times-end-at-the-end", test_summary_times_end_at_the_end);

  return test_run_suite (suite);
}
