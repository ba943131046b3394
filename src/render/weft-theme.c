/* weft-theme.c — the three themes.
 *
 * States take the Okabe–Ito colours (Okabe & Ito, "Color Universal Design", 2008):
 * running bluish green, sleeping sky blue, blocked vermillion with hatching, waiting
 * orange with dots, parked reddish purple. Actors are told apart by Paul Tol's "muted"
 * scheme, also safe for colour-blind readers. The print theme keeps only greys, and the
 * patterns do the telling apart.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "weft-theme.h"

#define RGB(hex) { ((hex) >> 16 & 0xFF) / 255.0, ((hex) >> 8 & 0xFF) / 255.0, ((hex) & 0xFF) / 255.0, 1.0 }

#define OKABE_ITO_STATES                      \
  [WEFT_STATE_NEW] = RGB (0xC8C8C8),          \
  [WEFT_STATE_RUNNING] = RGB (0x009E73),      \
  [WEFT_STATE_SLEEPING] = RGB (0x56B4E9),     \
  [WEFT_STATE_BLOCKED] = RGB (0xD55E00),      \
  [WEFT_STATE_WAITING] = RGB (0xE69F00),      \
  [WEFT_STATE_PARKED] = RGB (0xE8C3D8),       \
  [WEFT_STATE_DONE] = RGB (0x9A9A9A)

#define PATTERNS                                         \
  .pattern = {                                           \
    [WEFT_STATE_BLOCKED] = WEFT_PATTERN_HATCH,           \
    [WEFT_STATE_WAITING] = WEFT_PATTERN_DOTS,            \
  }

#define TOL_MUTED                                                        \
  .identity = { RGB (0x332288), RGB (0x44AA99), RGB (0xCC6677),          \
                RGB (0x117733), RGB (0x882255), RGB (0x88CCEE),          \
                RGB (0x999933), RGB (0xAA4499) }

static const WeftTheme themes[WEFT_N_THEMES] = {
  [WEFT_THEME_LIGHT] = {
    .id = WEFT_THEME_LIGHT,
    .name = "light",
    .background = RGB (0xFFFFFF),
    .lane_alt = RGB (0xF3F3F3),
    .text = RGB (0x1A1A1A),
    .text_dim = RGB (0x5E5E5E),
    .grid = RGB (0xD4D4D4),
    .deadlock = RGB (0xC8001E),
    .flow = RGB (0x0072B2),
    .held = RGB (0x0072B2),
    .waiting = RGB (0xD55E00),
    .queue = RGB (0x56B4E9),
    .value = RGB (0x1A1A1A),
    .pattern_ink = { 1.0, 1.0, 1.0, 0.85 },
    .state = { OKABE_ITO_STATES },
    PATTERNS,
    TOL_MUTED,
    .font_family = "Sans",
  },
  [WEFT_THEME_DARK] = {
    .id = WEFT_THEME_DARK,
    .name = "dark",
    .background = RGB (0x1E1E1E),
    .lane_alt = RGB (0x2A2A2A),
    .text = RGB (0xF2F2F2),
    .text_dim = RGB (0xA8A8A8),
    .grid = RGB (0x444444),
    .deadlock = RGB (0xFF4D5E),
    .flow = RGB (0x7CC4F0),
    .held = RGB (0x56B4E9),
    .waiting = RGB (0xE69F00),
    .queue = RGB (0x56B4E9),
    .value = RGB (0xF2F2F2),
    .pattern_ink = { 0.0, 0.0, 0.0, 0.6 },
    .state = {
      [WEFT_STATE_NEW] = RGB (0x5A5A5A),
      [WEFT_STATE_RUNNING] = RGB (0x009E73),
      [WEFT_STATE_SLEEPING] = RGB (0x56B4E9),
      [WEFT_STATE_BLOCKED] = RGB (0xD55E00),
      [WEFT_STATE_WAITING] = RGB (0xE69F00),
      [WEFT_STATE_PARKED] = RGB (0xCC79A7),
      [WEFT_STATE_DONE] = RGB (0x6A6A6A),
    },
    PATTERNS,
    .identity = { RGB (0x8C7FE0), RGB (0x44AA99), RGB (0xCC6677),
                  RGB (0x3FAF5F), RGB (0xD0609A), RGB (0x88CCEE),
                  RGB (0xBBBB55), RGB (0xC77FC0) },
    .font_family = "Sans",
  },
  [WEFT_THEME_PRINT] = {
    .id = WEFT_THEME_PRINT,
    .name = "print",
    .background = RGB (0xFFFFFF),
    .lane_alt = RGB (0xF4F4F4),
    .text = RGB (0x000000),
    .text_dim = RGB (0x505050),
    .grid = RGB (0xCCCCCC),
    .deadlock = RGB (0x000000),
    .flow = RGB (0x303030),
    .held = RGB (0x505050),
    .waiting = RGB (0x202020),
    .queue = RGB (0x9A9A9A),
    .value = RGB (0x000000),
    .pattern_ink = { 1.0, 1.0, 1.0, 0.9 },
    .state = {
      [WEFT_STATE_NEW] = RGB (0xE2E2E2),
      [WEFT_STATE_RUNNING] = RGB (0x6E6E6E),
      [WEFT_STATE_SLEEPING] = RGB (0xBDBDBD),
      [WEFT_STATE_BLOCKED] = RGB (0x1E1E1E),
      [WEFT_STATE_WAITING] = RGB (0x8A8A8A),
      [WEFT_STATE_PARKED] = RGB (0xA5A5A5),
      [WEFT_STATE_DONE] = RGB (0xD6D6D6),
    },
    PATTERNS,
    .identity = { RGB (0x202020), RGB (0x505050), RGB (0x787878),
                  RGB (0x383838), RGB (0x646464), RGB (0x8C8C8C),
                  RGB (0x2C2C2C), RGB (0x5A5A5A) },
    .font_family = "Sans",
  },
};

const WeftTheme *
weft_theme_get (WeftThemeId id)
{
  g_return_val_if_fail (id < WEFT_N_THEMES, &themes[WEFT_THEME_LIGHT]);
  return &themes[id];
}

gboolean
weft_theme_from_string (const char  *str,
                        WeftThemeId *id)
{
  for (guint i = 0; i < WEFT_N_THEMES; i++)
    {
      if (g_strcmp0 (str, themes[i].name) == 0)
        {
          *id = themes[i].id;
          return TRUE;
        }
    }
  return FALSE;
}

void
weft_theme_set_source (cairo_t        *cr,
                       const WeftRgba *rgba)
{
  cairo_set_source_rgba (cr, rgba->r, rgba->g, rgba->b, rgba->a);
}

/* Hatching and dots are drawn as one stroked path clipped to the filled shapes: in SVG
 * and PDF that is a single element, where a repeating image pattern would be embedded
 * again and again. They are anchored to the user-space grid, so they do not crawl. */
void
weft_theme_fill_state (cairo_t         *cr,
                       const WeftTheme *theme,
                       WeftState        state)
{
  WeftPattern pattern;
  double x1, y1, x2, y2;

  g_return_if_fail (state < WEFT_N_STATES);

  weft_theme_set_source (cr, &theme->state[state]);
  pattern = theme->pattern[state];
  if (pattern == WEFT_PATTERN_NONE)
    {
      cairo_fill (cr);
      return;
    }

  cairo_fill_preserve (cr);
  cairo_save (cr);
  cairo_clip (cr);
  cairo_clip_extents (cr, &x1, &y1, &x2, &y2);
  if (x2 > x1 && y2 > y1)
    {
      weft_theme_set_source (cr, &theme->pattern_ink);
      if (pattern == WEFT_PATTERN_HATCH)
        {
          const double gap = 7.0;
          double h = y2 - y1;

          for (double x = floor ((x1 - h) / gap) * gap; x < x2; x += gap)
            {
              cairo_move_to (cr, x, y2);
              cairo_line_to (cr, x + h, y1);
            }
          cairo_set_line_width (cr, 1.6);
          cairo_stroke (cr);
        }
      else
        {
          const double gap = 6.0;
          static const double dash[] = { 0.0, 6.0 };

          for (double y = floor (y1 / gap) * gap + gap / 2; y < y2; y += gap)
            {
              cairo_move_to (cr, floor (x1 / gap) * gap, y);
              cairo_line_to (cr, x2, y);
            }
          cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
          cairo_set_line_width (cr, 2.4);
          cairo_stroke (cr);
        }
    }
  cairo_restore (cr);
}

const WeftRgba *
weft_theme_identity (const WeftTheme *theme,
                     guint            actor)
{
  return &theme->identity[actor % WEFT_THEME_N_IDENTITY];
}

const char *
weft_state_get_label (WeftState state)
{
  g_return_val_if_fail (state < WEFT_N_STATES, "");
  return _(weft_state_to_string (state));
}
