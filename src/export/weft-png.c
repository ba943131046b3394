/* weft-png.c — PNG encoding of a drawn page with libpng, tuned for slides.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <png.h>
#include <setjmp.h>
#include <zlib.h>

#include <glib.h>

#include "weft-png.h"

typedef struct
{
  cairo_write_func_t write;
  void              *closure;
  cairo_status_t     status;
} Stream;

static void
stream_write (png_structp png,
              png_bytep   data,
              png_size_t  size)
{
  Stream *stream = png_get_io_ptr (png);

  if (stream->status == CAIRO_STATUS_SUCCESS)
    stream->status = stream->write (stream->closure, data, (unsigned int) size);
  if (stream->status != CAIRO_STATUS_SUCCESS)
    png_error (png, "write error");
}

/* libpng's own handlers print "libpng error: …" on stderr before the caller can say
 * anything: the failure is the caller's to say, with the file's name (stream.status). */
static void
quiet_error (png_structp     png,
             png_const_charp message)
{
  png_longjmp (png, 1);
}

static void
quiet_warning (png_structp     png,
               png_const_charp message)
{
}

static void
stream_flush (png_structp png)
{
}

static gboolean
is_opaque (const guint8 *data,
           int           stride,
           int           width,
           int           height)
{
  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        if ((row[x] >> 24) != 0xff)
          return FALSE;
    }
  return TRUE;
}

/* One row of cairo's native-endian premultiplied ARGB to PNG's RGB or RGBA bytes. */
static void
convert_row (const guint32 *src,
             guint8        *dst,
             int            width,
             gboolean       alpha)
{
  for (int x = 0; x < width; x++)
    {
      guint32 p = src[x];
      guint a = p >> 24, r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

      if (alpha && a != 0 && a != 0xff)
        {
          r = (r * 255 + a / 2) / a;
          g = (g * 255 + a / 2) / a;
          b = (b * 255 + a / 2) / a;
        }
      *dst++ = (guint8) r;
      *dst++ = (guint8) g;
      *dst++ = (guint8) b;
      if (alpha)
        *dst++ = (guint8) a;
    }
}

cairo_status_t
weft_png_write (cairo_surface_t    *image,
                cairo_write_func_t  write,
                void               *closure)
{
  Stream stream = { write, closure, CAIRO_STATUS_SUCCESS };
  png_structp png;
  png_infop info;
  const guint8 *data;
  int width, height, stride;
  cairo_format_t format;
  /* Set before setjmp and read after a longjmp: volatile. */
  guint8 *volatile row = NULL;
  volatile gboolean alpha;

  g_return_val_if_fail (cairo_surface_get_type (image) == CAIRO_SURFACE_TYPE_IMAGE,
                        CAIRO_STATUS_SURFACE_TYPE_MISMATCH);

  cairo_surface_flush (image);
  format = cairo_image_surface_get_format (image);
  if (format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24)
    return CAIRO_STATUS_INVALID_FORMAT;
  data = cairo_image_surface_get_data (image);
  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  stride = cairo_image_surface_get_stride (image);
  alpha = format == CAIRO_FORMAT_ARGB32 && !is_opaque (data, stride, width, height);

  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, quiet_error, quiet_warning);
  if (png == NULL)
    return CAIRO_STATUS_NO_MEMORY;
  info = png_create_info_struct (png);
  if (info == NULL)
    {
      png_destroy_write_struct (&png, NULL);
      return CAIRO_STATUS_NO_MEMORY;
    }

  if (setjmp (png_jmpbuf (png)))
    {
      g_free (row);
      png_destroy_write_struct (&png, &info);
      return stream.status != CAIRO_STATUS_SUCCESS ? stream.status : CAIRO_STATUS_WRITE_ERROR;
    }

  png_set_write_fn (png, &stream, stream_write, stream_flush);
  png_set_IHDR (png, info, (png_uint_32) width, (png_uint_32) height, 8,
                alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB,
                PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  /* Flat runs of a few colours: "sub" turns them into zeros, and zlib's fastest level
   * then does most of what its default would, several times faster. */
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
  png_set_compression_level (png, Z_BEST_SPEED);
  png_write_info (png, info);

  row = g_malloc ((gsize) width * 4);
  for (int y = 0; y < height; y++)
    {
      convert_row ((const guint32 *) (data + (gsize) y * stride), row, width, alpha);
      png_write_row (png, row);
    }
  png_write_end (png, info);

  g_free (row);
  png_destroy_write_struct (&png, &info);
  return stream.status;
}
