/* weft-export.h — a page of a model (weft_page_draw) written as PNG, SVG or PDF.
 *
 * Sizes are pixels for PNG and points for SVG and PDF. The presets are the slide sizes
 * and A4 landscape; any WIDTHxHEIGHT from 16 to 16384 is accepted too.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "weft-render.h"

G_BEGIN_DECLS

typedef enum
{
  WEFT_IMAGE_PNG,
  WEFT_IMAGE_SVG,
  WEFT_IMAGE_PDF,
} WeftImageFormat;

#define WEFT_EXPORT_MIN_SIZE 16
#define WEFT_EXPORT_MAX_SIZE 16384

/* From the file name's extension (.png, .svg, .pdf, any case). */
gboolean weft_image_format_from_path (const char      *path,
                                      WeftImageFormat *format);

typedef struct
{
  const char *id;     /* "1920x1080", "a4" … */
  const char *label;  /* translated name for the export dialog */
  int         width;
  int         height;
} WeftSizePreset;

const WeftSizePreset *weft_size_presets_get (guint *n_presets);

/* "1920x1080", "A4" (any case), or "WIDTHxHEIGHT"; @error names what is allowed. */
gboolean weft_size_parse             (const char      *str,
                                      int             *width,
                                      int             *height,
                                      GError         **error);

/* Draws the page into a new file at @path, replacing it only once the new one is whole.
 * On failure @error names the file and the reason (and nothing is left behind). */
gboolean weft_export_image           (WeftModel             *model,
                                      const WeftPageOptions *options,
                                      WeftImageFormat        format,
                                      const char            *path,
                                      GError               **error);
/* The same, with the run's exact setup (weft_run_describe_parameters(), NULL: none) in
 * the file's metadata: a PDF's Title, Subject (the subtitle's words) and Keywords; an
 * SVG's <title>, <desc> and <metadata>. A PNG has none. */
gboolean weft_export_image_with_setup (WeftModel             *model,
                                       const WeftPageOptions *options,
                                       const char            *parameters,
                                       WeftImageFormat        format,
                                       const char            *path,
                                       GError               **error);

G_END_DECLS
