/* weft-text.c — the text every view draws with (see weft-text.h): the type size for a
 * drawing, layouts in the theme's family, and showing them through the text recorder an
 * SVG export reads.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "weft-text.h"

static const cairo_user_data_key_t text_recorder_key;

void
weft_recorded_text_free (gpointer data)
{
  WeftRecordedText *text = data;

  g_free (text->text);
  g_free (text);
}

void
weft_render_record_text (cairo_t   *cr,
                         GPtrArray *texts)
{
  cairo_set_user_data (cr, &text_recorder_key, texts, NULL);
}

void
weft_render_show_layout (cairo_t     *cr,
                         PangoLayout *layout)
{
  GPtrArray *texts = cairo_get_user_data (cr, &text_recorder_key);

  if (texts != NULL)
    {
      WeftRecordedText *text = g_new0 (WeftRecordedText, 1);
      const PangoFontDescription *desc = pango_layout_get_font_description (layout);
      double x, y, dx = 0, dy = 1;

      cairo_get_current_point (cr, &x, &y);
      cairo_user_to_device (cr, &x, &y);
      text->text = g_strdup (pango_layout_get_text (layout));
      text->x = x;
      text->y = y;
      if (desc != NULL)
        dy = pango_font_description_get_size (desc) / (double) PANGO_SCALE;
      cairo_user_to_device_distance (cr, &dx, &dy);
      text->size = fabs (dy);
      text->cut = pango_layout_is_ellipsized (layout);
      g_ptr_array_add (texts, text);
    }
  pango_cairo_show_layout (cr, layout);
}

/* 22 px on a 1080-pixel-high slide (about 2 % of the height, the size slide templates use
 * for body text); never below 11 px. */
double
weft_render_font_size (double width,
                       double height)
{
  double size = MIN (height / 49.0, width / 70.0);

  return CLAMP (size, 11.0, 40.0);
}

PangoLayout *
weft_render_create_layout (cairo_t         *cr,
                           const WeftTheme *theme,
                           double           font_size,
                           gboolean         bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoLayout *styled = weft_render_create_layout_in (pango_layout_get_context (layout), theme,
                                                      font_size, bold);

  g_object_unref (layout);
  return styled;
}

PangoLayout *
weft_render_create_layout_in (PangoContext    *context,
                              const WeftTheme *theme,
                              double           font_size,
                              gboolean         bold)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, theme->font_family);
  pango_font_description_set_absolute_size (desc, font_size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);

  return layout;
}

PangoLayout *
weft_render_create_frame_layout (cairo_t         *cr,
                                 PangoContext    *context,
                                 const WeftTheme *theme,
                                 double           font_size,
                                 gboolean         bold)
{
  if (context != NULL)
    return weft_render_create_layout_in (context, theme, font_size, bold);
  return weft_render_create_layout (cr, theme, font_size, bold);
}
