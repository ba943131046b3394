/* weft-export.c — PNG, SVG and PDF of a page, written atomically.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <math.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>

#include "weft-export.h"
#include "weft-png.h"
#include "weft-output.h"

gboolean
weft_image_format_from_path (const char      *path,
                             WeftImageFormat *format)
{
  static const struct { const char *ext; WeftImageFormat format; } formats[] = {
    { ".png", WEFT_IMAGE_PNG },
    { ".svg", WEFT_IMAGE_SVG },
    { ".pdf", WEFT_IMAGE_PDF },
  };
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (g_str_has_suffix (lower, formats[i].ext))
        {
          *format = formats[i].format;
          return TRUE;
        }
    }
  return FALSE;
}

/* A4 landscape: 297 × 210 mm is 842 × 595 points, the page of a PDF or SVG; a PNG gets as
 * many pixels (72 dpi): for paper, the PDF is the one to print. */
static const WeftSizePreset presets[] = {
  { "1920x1080", N_("Full HD slide, 16:9 (1920 × 1080)"), 1920, 1080 },
  { "1280x720", N_("HD slide, 16:9 (1280 × 720)"), 1280, 720 },
  { "1024x768", N_("4:3 slide (1024 × 768)"), 1024, 768 },
  { "a4", N_("A4 landscape (297 × 210 mm)"), 842, 595 },
};

const WeftSizePreset *
weft_size_presets_get (guint *n_presets)
{
  *n_presets = G_N_ELEMENTS (presets);
  return presets;
}

gboolean
weft_size_parse (const char  *str,
                 int         *width,
                 int         *height,
                 GError     **error)
{
  guint64 w, h;
  char *end;

  g_return_val_if_fail (str != NULL, FALSE);

  if (g_ascii_strcasecmp (str, "a4") == 0)
    {
      *width = presets[3].width;
      *height = presets[3].height;
      return TRUE;
    }

  if (!g_ascii_isdigit (str[0]))
    goto invalid;
  w = g_ascii_strtoull (str, &end, 10);
  if (*end != 'x' && *end != 'X')
    goto invalid;
  if (!g_ascii_isdigit (end[1]))
    goto invalid;
  h = g_ascii_strtoull (end + 1, &end, 10);
  if (*end != '\0')
    goto invalid;
  if (w < WEFT_EXPORT_MIN_SIZE || w > WEFT_EXPORT_MAX_SIZE ||
      h < WEFT_EXPORT_MIN_SIZE || h > WEFT_EXPORT_MAX_SIZE)
    {
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_OUT_OF_RANGE,
                   _("Invalid size “%s”: width and height must each be from %d to %d"),
                   str, WEFT_EXPORT_MIN_SIZE, WEFT_EXPORT_MAX_SIZE);
      return FALSE;
    }
  *width = (int) w;
  *height = (int) h;
  return TRUE;

invalid:
  g_set_error (error, WEFT_ERROR, WEFT_ERROR_INVALID_VALUE,
               _("Invalid size “%s”: use WIDTHxHEIGHT (e.g. 1920x1080, 1280x720, 1024x768) or A4"),
               str);
  return FALSE;
}

/* Output --------------------------------------------------------------------------------- */

/* Where cairo's bytes go: see weft-output.h (a temporary file renamed over the target once
 * whole; a device written in place). */
typedef struct
{
  WeftOutput output;
  int        errsv;    /* errno of the first failed write, 0 */
  GString   *buffer;   /* SVG: kept whole, to add the text layer */
} Sink;

static cairo_status_t
sink_write (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  Sink *sink = closure;

  if (sink->errsv != 0)
    return CAIRO_STATUS_WRITE_ERROR;
  if (sink->buffer != NULL)
    {
      g_string_append_len (sink->buffer, (const char *) data, length);
      return CAIRO_STATUS_SUCCESS;
    }
  if (!weft_output_write (&sink->output, data, length))
    {
      sink->errsv = errno != 0 ? errno : EIO;
      return CAIRO_STATUS_WRITE_ERROR;
    }
  return CAIRO_STATUS_SUCCESS;
}

/* The words of the page as invisible text over the outlines cairo draws, so that an SVG
 * can be searched, its text selected, and read by a screen reader; the title, subtitle and
 * exact setup as the file's own <title>, <desc> and <metadata> (cairo 1.16 has no
 * metadata for SVG). */
static void
add_text_layer (GString    *svg,
                GPtrArray  *texts,
                const char *title,
                const char *subtitle,
                const char *parameters)
{
  g_autoptr(GString) layer = g_string_new ("<g id=\"weft-text\" fill=\"none\" fill-opacity=\"0\" "
                                           "font-family=\"sans-serif\">\n");
  const char *close_tag;
  const char *open_end;

  for (guint i = 0; i < texts->len; i++)
    {
      WeftRecordedText *text = g_ptr_array_index (texts, i);
      g_autofree char *escaped = g_markup_escape_text (text->text, -1);

      g_string_append_printf (layer, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\">%s</text>\n",
                              text->x, text->y + text->size, text->size, escaped);
    }
  g_string_append (layer, "</g>\n");

  close_tag = g_strrstr (svg->str, "</svg>");
  if (close_tag != NULL)
    g_string_insert (svg, close_tag - svg->str, layer->str);

  /* A title, for file browsers and screen readers; what it shows, and how it was made. */
  open_end = strstr (svg->str, "<svg");
  if (open_end != NULL && (open_end = strchr (open_end, '>')) != NULL)
    {
      g_autoptr(GString) elements = g_string_new (NULL);

      if (title != NULL)
        {
          g_autofree char *escaped = g_markup_escape_text (title, -1);

          g_string_append_printf (elements, "\n<title>%s</title>", escaped);
        }
      if (subtitle != NULL && subtitle[0] != '\0')
        {
          g_autofree char *escaped = g_markup_escape_text (subtitle, -1);

          g_string_append_printf (elements, "\n<desc>%s</desc>", escaped);
        }
      if (parameters != NULL)
        {
          g_autofree char *escaped = g_markup_escape_text (parameters, -1);

          g_string_append_printf (elements, "\n<metadata id=\"weft-setup\">Weft %s: %s</metadata>",
                                  PACKAGE_VERSION, escaped);
        }
      g_string_insert (svg, open_end + 1 - svg->str, elements->str);
    }
}

static const char *
format_name (WeftImageFormat format)
{
  switch (format)
    {
    case WEFT_IMAGE_SVG:
      return "SVG";
    case WEFT_IMAGE_PDF:
      return "PDF";
    case WEFT_IMAGE_PNG:
    default:
      return "PNG";
    }
}

gboolean
weft_export_image (WeftModel             *model,
                   const WeftPageOptions *options,
                   WeftImageFormat        format,
                   const char            *path,
                   GError               **error)
{
  return weft_export_image_with_setup (model, options, NULL, format, path, error);
}

gboolean
weft_export_image_with_setup (WeftModel             *model,
                              const WeftPageOptions *options,
                              const char            *parameters,
                              WeftImageFormat        format,
                              const char            *path,
                              GError               **error)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (weft_recorded_text_free);
  g_autofree char *display = NULL;
  Sink sink = { 0 };
  cairo_surface_t *surface = NULL;
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  cairo_t *cr;
  int width, height;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);
  width = (int) round (options->width);
  height = (int) round (options->height);
  if (width < WEFT_EXPORT_MIN_SIZE || width > WEFT_EXPORT_MAX_SIZE ||
      height < WEFT_EXPORT_MIN_SIZE || height > WEFT_EXPORT_MAX_SIZE)
    {
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_OUT_OF_RANGE,
                   _("Cannot export %d × %d: width and height must each be from %d to %d"),
                   width, height, WEFT_EXPORT_MIN_SIZE, WEFT_EXPORT_MAX_SIZE);
      return FALSE;
    }

  if (!weft_output_open (&sink.output, path, error))
    return FALSE;

  switch (format)
    {
    case WEFT_IMAGE_SVG:
      sink.buffer = g_string_new (NULL);
      surface = cairo_svg_surface_create_for_stream (sink_write, &sink, width, height);
      cairo_svg_surface_restrict_to_version (surface, CAIRO_SVG_VERSION_1_1);
      break;
    case WEFT_IMAGE_PDF:
      surface = cairo_pdf_surface_create_for_stream (sink_write, &sink, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, weft_model_get_title (model));
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Weft " PACKAGE_VERSION);
      if (weft_model_get_subtitle (model) != NULL && weft_model_get_subtitle (model)[0] != '\0')
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, weft_model_get_subtitle (model));
      if (parameters != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, parameters);
      break;
    case WEFT_IMAGE_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      break;
    }

  cr = cairo_create (surface);
  if (format == WEFT_IMAGE_SVG)
    weft_render_record_text (cr, texts);
  {
    WeftPageOptions page = *options;

    page.width = width;
    page.height = height;
    weft_page_draw (cr, model, &page, NULL);
  }
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS)
    {
      if (format == WEFT_IMAGE_PNG)
        status = weft_png_write (surface, sink_write, &sink);
      else
        {
          cairo_surface_finish (surface);
          status = cairo_surface_status (surface);
        }
    }
  cairo_surface_destroy (surface);

  if (status == CAIRO_STATUS_SUCCESS && sink.buffer != NULL)
    {
      add_text_layer (sink.buffer, texts, weft_model_get_title (model),
                      weft_model_get_subtitle (model), parameters);
      if (!weft_output_write (&sink.output, sink.buffer->str, sink.buffer->len))
        sink.errsv = errno != 0 ? errno : EIO;
    }
  if (sink.buffer != NULL)
    g_string_free (sink.buffer, TRUE);

  if (status != CAIRO_STATUS_SUCCESS && sink.errsv == 0)
    {
      /* Not a write error: say what cairo said, and leave nothing behind. */
      weft_output_close (&sink.output, ECANCELED, NULL);
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_NOT_SUPPORTED,
                   _("Cannot draw the %s image “%s”: %s"), format_name (format), display,
                   cairo_status_to_string (status));
      return FALSE;
    }

  return weft_output_close (&sink.output, sink.errsv, error);
}
