/* weft-png.h — PNG encoding of a drawn page, faster than cairo's own writer.
 *
 * cairo_surface_write_to_png_stream() leaves libpng at its defaults (zlib level 6 and
 * adaptive filtering), which took ≈ 90–105 ms of a 1920 × 1080 slide's ≈ 125 ms export.
 * A slide is large flat areas of a few colours: zlib's fastest level with the "sub" filter
 * compresses it nearly as well in a fraction of the time (docs/PERFORMANCE.md).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

/* Writes @image (an ARGB32 or RGB24 image surface) as PNG through @write: RGB when every
 * pixel is opaque, else RGBA (un-premultiplied). */
cairo_status_t weft_png_write (cairo_surface_t    *image,
                               cairo_write_func_t  write,
                               void               *closure);
