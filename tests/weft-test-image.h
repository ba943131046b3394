/* weft-test-image.h — reading back what an export wrote, as a user's tools would: a PNG's
 * size and ink, an SVG's XML and its text layer, a PDF's pages and MediaBox.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <check.h>
#include <glib.h>

static inline void
test_assert_png (const char *path,
                 int         width,
                 int         height)
{
  cairo_surface_t *image = cairo_image_surface_create_from_png (path);
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  const guint8 *data;
  int stride;
  guint n_ink = 0, n_transparent = 0;

  ck_assert_msg (cairo_surface_status (image) == CAIRO_STATUS_SUCCESS, "%s: %s", path,
                 cairo_status_to_string (cairo_surface_status (image)));
  ck_assert_msg (cairo_image_surface_get_width (image) == width &&
                 cairo_image_surface_get_height (image) == height,
                 "%s is %d × %d, not %d × %d", path, cairo_image_surface_get_width (image),
                 cairo_image_surface_get_height (image), width, height);

  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  /* No ck_assert per pixel: each one that passes costs a message to the test runner. */
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 p = *(const guint32 *) (data + y * stride + x * 4);

        if ((p >> 24) != 0xFF)
          n_transparent++;
        if ((p & 0xFFFFFF) != 0xFFFFFF)
          n_ink++;
        if (g_hash_table_size (colours) < 1000)
          g_hash_table_add (colours, GUINT_TO_POINTER (p));
      }
  /* Opaque everywhere: a slide has its background. */
  ck_assert_msg (n_transparent == 0, "%s: %u pixels are not opaque", path, n_transparent);
  ck_assert_msg (g_hash_table_size (colours) >= 20, "%s: only %u colours", path, g_hash_table_size (colours));
  ck_assert_msg (n_ink > (guint) (width * height) / 20, "%s: only %u pixels are not background", path, n_ink);
  cairo_surface_destroy (image);
}

typedef struct
{
  guint    depth;
  guint    text_layer_depth;  /* 0: outside <g id="weft-text"> */
  gboolean in_text;
  gboolean has_svg_root;
  char    *view_box;
  GString *words;             /* the text layer's <text>s, one a line */
  guint    n_texts;
} TestSvgScan;

static inline void
test_svg_start (GMarkupParseContext  *context,
                const char           *element,
                const char          **names,
                const char          **values,
                gpointer              user_data,
                GError              **error)
{
  TestSvgScan *scan = user_data;

  scan->depth++;
  if (scan->depth == 1 && g_str_equal (element, "svg"))
    {
      scan->has_svg_root = TRUE;
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "viewBox"))
          scan->view_box = g_strdup (values[i]);
    }
  if (g_str_equal (element, "g"))
    for (guint i = 0; names[i] != NULL; i++)
      if (g_str_equal (names[i], "id") && g_str_equal (values[i], "weft-text"))
        scan->text_layer_depth = scan->depth;
  if (scan->text_layer_depth > 0 && g_str_equal (element, "text"))
    {
      scan->in_text = TRUE;
      scan->n_texts++;
    }
}

static inline void
test_svg_end (GMarkupParseContext  *context,
              const char           *element,
              gpointer              user_data,
              GError              **error)
{
  TestSvgScan *scan = user_data;

  if (scan->in_text && g_str_equal (element, "text"))
    {
      scan->in_text = FALSE;
      g_string_append_c (scan->words, '\n');
    }
  if (scan->depth == scan->text_layer_depth)
    scan->text_layer_depth = 0;
  scan->depth--;
}

static inline void
test_svg_text (GMarkupParseContext  *context,
               const char           *text,
               gsize                 length,
               gpointer              user_data,
               GError              **error)
{
  TestSvgScan *scan = user_data;

  if (scan->in_text)
    g_string_append_len (scan->words, text, length);
}

/* Parses the SVG at @path (asserting it is well-formed XML) and returns its text layer's
 * words, a line each. */
static inline char *
test_read_svg (const char *path,
               int         width,
               int         height)
{
  static const GMarkupParser parser = { test_svg_start, test_svg_end, test_svg_text, NULL, NULL };
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *view_box = g_strdup_printf ("0 0 %d %d", width, height);
  GMarkupParseContext *context;
  TestSvgScan scan = { 0 };
  gsize length;

  ck_assert (g_file_get_contents (path, &contents, &length, NULL));
  ck_assert_msg (g_str_has_prefix (contents, "<?xml"), "%s does not start with an XML declaration", path);
  scan.words = g_string_new (NULL);
  context = g_markup_parse_context_new (&parser, G_MARKUP_DEFAULT_FLAGS, &scan, NULL);
  ck_assert_msg (g_markup_parse_context_parse (context, contents, length, &error) &&
                 g_markup_parse_context_end_parse (context, &error),
                 "%s is not well-formed: %s", path, error != NULL ? error->message : "");
  g_markup_parse_context_free (context);

  ck_assert (scan.has_svg_root);
  ck_assert_msg (g_strcmp0 (scan.view_box, view_box) == 0, "%s: viewBox “%s”, expected “%s”", path,
                 scan.view_box, view_box);
  ck_assert_msg (scan.n_texts > 0, "%s has no text layer", path);
  g_free (scan.view_box);
  return g_string_free (scan.words, FALSE);
}

static inline gboolean
test_has_line (const char *lines,
               const char *word)
{
  g_auto(GStrv) split = g_strsplit (lines, "\n", -1);

  for (guint i = 0; split[i] != NULL; i++)
    if (strstr (split[i], word) != NULL)
      return TRUE;
  return FALSE;
}

/* memmem(), which is a GNU extension. */
static inline const char *
test_find_bytes (const char *haystack,
                 gsize       length,
                 const char *needle,
                 gsize       needle_length)
{
  for (gsize i = 0; i + needle_length <= length; i++)
    if (haystack[i] == needle[0] && memcmp (haystack + i, needle, needle_length) == 0)
      return haystack + i;
  return NULL;
}

/* Counts the page objects ("/Type /Page", not "/Type /Pages") and reads the MediaBox of
 * the page, as cairo 1.16 writes them (plain objects, no object streams). */
static inline void
test_assert_pdf (const char *path,
                 double      width,
                 double      height)
{
  g_autofree char *contents = NULL;
  gsize length;
  guint n_pages = 0;
  const char *p, *box;
  double box_values[4];
  char *end;

  ck_assert (g_file_get_contents (path, &contents, &length, NULL));
  ck_assert_msg (g_str_has_prefix (contents, "%PDF-"), "%s is not a PDF", path);
  ck_assert_msg (test_find_bytes (contents, length, "/ObjStm", 7) == NULL,
                 "%s uses object streams: this check reads plain objects only", path);

  /* The streams are binary, with NULs: search bytes, not strings. */
  for (p = contents; (p = test_find_bytes (p, length - (p - contents), "/Type", 5)) != NULL; p += 5)
    {
      const char *q = p + 5;

      while (q < contents + length && (*q == ' ' || *q == '\n' || *q == '\r'))
        q++;
      if (q + 6 <= contents + length && memcmp (q, "/Page", 5) == 0 && !g_ascii_isalnum (q[5]))
        n_pages++;
    }
  ck_assert_msg (n_pages == 1, "%s has %u pages", path, n_pages);

  box = test_find_bytes (contents, length, "/MediaBox", 9);
  ck_assert_msg (box != NULL, "%s has no MediaBox", path);
  box = strchr (box, '[');
  ck_assert (box != NULL);
  box++;
  for (guint i = 0; i < 4; i++)
    {
      box_values[i] = g_ascii_strtod (box, &end);
      ck_assert_msg (end != box, "%s: cannot read the MediaBox", path);
      box = end;
    }
  ck_assert_msg (box_values[0] == 0 && box_values[1] == 0 && box_values[2] == width && box_values[3] == height,
                 "%s: MediaBox [ %g %g %g %g ], expected [ 0 0 %g %g ]", path, box_values[0], box_values[1],
                 box_values[2], box_values[3], width, height);
  /* Only one MediaBox. */
  ck_assert (test_find_bytes (box, length - (box - contents), "/MediaBox", 9) == NULL);
}

/* pdfinfo (poppler-utils), when it is installed, agrees: one page of @width × @height. */
static inline void
test_assert_pdfinfo (const char *path,
                     double      width,
                     double      height)
{
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *out = NULL;
  g_autofree char *size = NULL;
  const char *argv[] = { pdfinfo, path, NULL };
  const char *pages;
  int status;

  if (pdfinfo == NULL)
    return;
  ck_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                           &status, NULL));
  ck_assert_msg (g_spawn_check_wait_status (status, NULL), "pdfinfo %s failed", path);
  size = g_strdup_printf ("%g x %g pts", width, height);
  ck_assert_msg (strstr (out, size) != NULL, "pdfinfo %s:\n%s", path, out);
  pages = strstr (out, "Pages:");
  ck_assert_msg (pages != NULL && atoi (pages + strlen ("Pages:")) == 1, "pdfinfo %s:\n%s", path, out);
}
