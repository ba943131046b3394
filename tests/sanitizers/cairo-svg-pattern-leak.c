/* cairo-svg-pattern-leak.c — the cairo 1.16 leak that tests/sanitizers/lsan.supp
 * suppresses as "cairo_recording_surface_create": each SVG document after the first
 * that paints with a recording surface as a repeating pattern leaves that surface (and
 * its commands, and a snapshot) behind, though the program drops every reference. Not
 * built with Weft; run it by hand to see whether a newer cairo still does it:
 *
 *   gcc -fsanitize=address cairo-svg-pattern-leak.c $(pkg-config --cflags --libs cairo)
 *   ./a.out        # Debian 12 (cairo 1.16.0): "1912 byte(s) leaked in 4 allocation(s)"
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <cairo.h>
#include <cairo-svg.h>
#include <stddef.h>

static cairo_status_t
discard (void                *closure,
         const unsigned char *data,
         unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

static void
pattern_destroy (void *data)
{
  cairo_pattern_destroy (data);
}

static const cairo_user_data_key_t tile_key;

/* One SVG document, a rectangle painted with a hatched tile that lives as long as the
 * document's surface (as Weft's theme keeps its tiles). */
static void
write_document (void)
{
  cairo_surface_t *svg = cairo_svg_surface_create_for_stream (discard, NULL, 100, 100);
  cairo_rectangle_t extents = { 0, 0, 7, 7 };
  cairo_surface_t *tile = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  cairo_t *tc = cairo_create (tile);
  cairo_t *cr = cairo_create (svg);
  cairo_pattern_t *pattern;

  cairo_move_to (tc, 0, 7);
  cairo_line_to (tc, 7, 0);
  cairo_stroke (tc);
  cairo_destroy (tc);
  pattern = cairo_pattern_create_for_surface (tile);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  cairo_surface_destroy (tile);
  cairo_surface_set_user_data (svg, &tile_key, pattern, pattern_destroy);

  cairo_rectangle (cr, 10, 10, 15, 50);
  cairo_clip (cr);
  cairo_set_source (cr, pattern);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_finish (svg);
  cairo_surface_destroy (svg);
}

int
main (void)
{
  write_document ();
  write_document ();
  return 0;
}
