/* weft-theme.c — the three themes.
 *
 * States take the Okabe–Ito colours (Okabe & Ito, "Color Universal Design", 2008):
 * running bluish green, sleeping sky blue, blocked vermillion with hatching, waiting
 * orange with dots, parked reddish purple.
 *
 * A lock's bar takes the colour of its holder (the identity palette). Those colours must
 * never be read as a state: Marx's fork painted in the running green, Russell's in the
 * parked pink, would say the fork runs or waits for the scheduler. So the identity
 * colours of each theme keep out of the states' hues and lightness: every one is at
 * least WEFT_THEME_MIN_DISTINCT (CIEDE2000) from every state colour of its theme, and
 * they are at least ~19 apart from each other (tests/test-render.c checks the first).
 * Dark indigo, wine, bottle green, slate and olive; light cyan, lilac and straw on the
 * light theme; lighter ones on the dark theme, where dark bars would vanish. The print
 * theme's greys leave one gap on the lightness ramp between its state greys: all its
 * owners share that grey (their names are written in the bars).
 *
 * Running activities (eating, thinking) get swatches of their own where the scene
 * counts them: a light mint, a deep green and a yellow-green, distinct from the running
 * green, from each other and from the other states.
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

/* Light backgrounds: dark, saturated colours and a few pale ones, none near a state. */
#define IDENTITY_LIGHT                                                   \
  .identity = { RGB (0x332288), RGB (0x882255), RGB (0x225522),          \
                RGB (0x66DDDD), RGB (0x999933), RGB (0xBB88FF),          \
                RGB (0x2F4F4F), RGB (0xE0E070) }

#define ACTIVITIES                                                       \
  .activity = { RGB (0x8FDCC0), RGB (0x005C42), RGB (0xB4E06A) }

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
    .queue = RGB (0xF0E442),
    .value = RGB (0x1A1A1A),
    .pattern_ink = { 1.0, 1.0, 1.0, 0.85 },
    .state = { OKABE_ITO_STATES },
    PATTERNS,
    IDENTITY_LIGHT,
    ACTIVITIES,
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
    .held = RGB (0x2F86C4),
    .waiting = RGB (0xE69F00),
    .queue = RGB (0xF0E442),
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
    /* Lighter than the states or far in hue: violet, lime, peach, wine, cyan, deep
     * blue, lavender, bottle green. */
    .identity = { RGB (0x8C7FE0), RGB (0xBBCC33), RGB (0xFFCCAA),
                  RGB (0x882255), RGB (0x66DDDD), RGB (0x004488),
                  RGB (0xDDBBFF), RGB (0x225522) },
    ACTIVITIES,
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
      [WEFT_STATE_NEW] = RGB (0xF0F0F0),
      [WEFT_STATE_RUNNING] = RGB (0x6E6E6E),
      [WEFT_STATE_SLEEPING] = RGB (0xAEAEAE),
      [WEFT_STATE_BLOCKED] = RGB (0x1E1E1E),
      [WEFT_STATE_WAITING] = RGB (0x8A8A8A),
      [WEFT_STATE_PARKED] = RGB (0xE3E3E3),
      [WEFT_STATE_DONE] = RGB (0xC8C8C8),
    },
    PATTERNS,
    /* The one grey half-way in lightness between blocked (#1E1E1E) and running
     * (#6E6E6E): every other grey is within a few units of a state's. */
    .identity = { RGB (0x484848), RGB (0x484848), RGB (0x484848),
                  RGB (0x484848), RGB (0x484848), RGB (0x484848),
                  RGB (0x484848), RGB (0x484848) },
    /* No grey is left for them: the running grey, and the words say which. */
    .activity = { RGB (0x6E6E6E), RGB (0x6E6E6E), RGB (0x6E6E6E) },
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

/* The pattern's tile: hatching or a dot in the ink colour on transparency. An image tile
 * where the target is an image (fast to composite), a vector one for SVG and PDF, where
 * it becomes one <pattern> / tiling pattern however many shapes use it: the renderer
 * fills all the shapes of one state at once. */
static cairo_pattern_t *
create_tile (cairo_t         *cr,
             const WeftTheme *theme,
             WeftPattern      pattern)
{
  const double size = pattern == WEFT_PATTERN_HATCH ? 7.0 : 6.0;
  cairo_surface_t *target = cairo_get_target (cr);
  gboolean raster = cairo_surface_get_type (target) == CAIRO_SURFACE_TYPE_IMAGE;
  /* An image tile holds the motif 8 × 8 times: pixman repeats a bigger tile much faster. */
  guint n = raster ? 8 : 1;
  cairo_surface_t *tile;
  cairo_pattern_t *result;
  cairo_t *tc;

  if (raster)
    {
      double sx = 1, sy = 1;

      cairo_surface_get_device_scale (target, &sx, &sy);
      tile = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (n * size * sx),
                                         (int) ceil (n * size * sy));
      cairo_surface_set_device_scale (tile, sx, sy);
    }
  else
    {
      cairo_rectangle_t extents = { 0, 0, size, size };

      tile = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
    }

  tc = cairo_create (tile);
  weft_theme_set_source (tc, &theme->pattern_ink);
  for (guint ix = 0; ix < n; ix++)
    for (guint iy = 0; iy < n; iy++)
      {
        double ox = ix * size, oy = iy * size;

        if (pattern == WEFT_PATTERN_HATCH)
          {
            /* A diagonal through the motif and its neighbours' corners: seamless lines. */
            cairo_move_to (tc, ox - 1, oy + size + 1);
            cairo_line_to (tc, ox + size + 1, oy - 1);
            cairo_move_to (tc, ox - 1, oy + 1);
            cairo_line_to (tc, ox + 1, oy - 1);
            cairo_move_to (tc, ox + size - 1, oy + size + 1);
            cairo_line_to (tc, ox + size + 1, oy + size - 1);
          }
        else
          {
            cairo_new_sub_path (tc);
            cairo_arc (tc, ox + size / 2, oy + size / 2, 1.2, 0, 2 * G_PI);
          }
      }
  if (pattern == WEFT_PATTERN_HATCH)
    {
      cairo_set_line_width (tc, 1.6);
      cairo_stroke (tc);
    }
  else
    cairo_fill (tc);
  cairo_destroy (tc);

  result = cairo_pattern_create_for_surface (tile);
  cairo_pattern_set_extend (result, CAIRO_EXTEND_REPEAT);
  cairo_surface_destroy (tile);
  return result;
}

/* One tile per pattern and theme for each target surface, made at its first use: a new
 * recording-surface tile on every fill costs cairo's SVG backend memory it never frees. */
typedef struct
{
  const WeftTheme *theme;
  cairo_pattern_t *tile;
} TileCache;

static const cairo_user_data_key_t tile_keys[WEFT_PATTERN_DOTS + 1];

static void
tile_cache_free (gpointer data)
{
  TileCache *cache = data;

  cairo_pattern_destroy (cache->tile);
  g_free (cache);
}

static cairo_pattern_t *
get_tile (cairo_t         *cr,
          const WeftTheme *theme,
          WeftPattern      pattern)
{
  cairo_surface_t *target = cairo_get_target (cr);
  TileCache *cache = cairo_surface_get_user_data (target, &tile_keys[pattern]);

  if (cache == NULL || cache->theme != theme)
    {
      cache = g_new0 (TileCache, 1);
      cache->theme = theme;
      cache->tile = create_tile (cr, theme, pattern);
      if (cairo_surface_set_user_data (target, &tile_keys[pattern], cache, tile_cache_free) !=
          CAIRO_STATUS_SUCCESS)
        {
          /* Out of memory: the caller still gets a tile, this once. */
          cairo_pattern_t *tile = cairo_pattern_reference (cache->tile);

          tile_cache_free (cache);
          return tile;
        }
    }
  return cairo_pattern_reference (cache->tile);
}

void
weft_theme_fill_state (cairo_t         *cr,
                       const WeftTheme *theme,
                       WeftState        state)
{
  WeftPattern pattern;
  cairo_pattern_t *tile;

  g_return_if_fail (state < WEFT_N_STATES);

  weft_theme_set_source (cr, &theme->state[state]);
  pattern = theme->pattern[state];
  if (pattern == WEFT_PATTERN_NONE)
    {
      cairo_fill (cr);
      return;
    }

  cairo_fill_preserve (cr);
  tile = get_tile (cr, theme, pattern);
  /* Clipped to the shapes and painted once: with pixel-aligned boxes the clip is a region,
   * and the pattern is composited in one pass rather than box by box. */
  cairo_save (cr);
  cairo_clip (cr);
  cairo_set_source (cr, tile);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_pattern_destroy (tile);
}

cairo_pattern_t *
weft_theme_get_state_tile (cairo_t         *cr,
                           const WeftTheme *theme,
                           WeftState        state)
{
  g_return_val_if_fail (state < WEFT_N_STATES, NULL);

  if (theme->pattern[state] == WEFT_PATTERN_NONE)
    return NULL;
  return get_tile (cr, theme, theme->pattern[state]);
}

const WeftRgba *
weft_theme_identity (const WeftTheme *theme,
                     guint            actor)
{
  return &theme->identity[actor % WEFT_THEME_N_IDENTITY];
}

const WeftRgba *
weft_theme_activity (const WeftTheme *theme,
                     guint            activity)
{
  g_return_val_if_fail (theme != NULL, NULL);

  if (activity == 0)
    return &theme->state[WEFT_STATE_RUNNING];
  return &theme->activity[(activity - 1) % WEFT_THEME_N_ACTIVITY];
}

/* CIE L*a*b* (D65) of an sRGB colour. */
static void
rgb_to_lab (const WeftRgba *c,
            double         *l,
            double         *a,
            double         *b)
{
  double rgb[3] = { c->r, c->g, c->b };
  double x, y, z, fx, fy, fz;

  for (guint i = 0; i < 3; i++)
    rgb[i] = rgb[i] <= 0.04045 ? rgb[i] / 12.92 : pow ((rgb[i] + 0.055) / 1.055, 2.4);
  x = (0.4124564 * rgb[0] + 0.3575761 * rgb[1] + 0.1804375 * rgb[2]) / 0.95047;
  y = 0.2126729 * rgb[0] + 0.7151522 * rgb[1] + 0.0721750 * rgb[2];
  z = (0.0193339 * rgb[0] + 0.1191920 * rgb[1] + 0.9503041 * rgb[2]) / 1.08883;
#define LAB_F(t) ((t) > 216.0 / 24389.0 ? cbrt (t) : (24389.0 / 27.0 * (t) + 16.0) / 116.0)
  fx = LAB_F (x);
  fy = LAB_F (y);
  fz = LAB_F (z);
#undef LAB_F
  *l = 116.0 * fy - 16.0;
  *a = 500.0 * (fx - fy);
  *b = 200.0 * (fy - fz);
}

static double
hue_degrees (double b,
             double a)
{
  double h;

  if (a == 0 && b == 0)
    return 0;
  h = atan2 (b, a) * 180.0 / G_PI;
  return h < 0 ? h + 360.0 : h;
}

/* CIEDE2000 (Sharma, Wu & Dalal, 2005), the formula that follows what people see across
 * hues and lightness better than a plain distance in Lab or RGB does. */
double
weft_theme_colour_distance (const WeftRgba *c1,
                            const WeftRgba *c2)
{
  const double deg = G_PI / 180.0;
  double l1, a1, b1, l2, a2, b2;
  double cb, g, a1p, a2p, c1p, c2p, h1p, h2p, dlp, dcp, dhp, dHp;
  double lbp, cbp, hbp, t, dtheta, rc, sl, sc, sh, rt, c7;

  rgb_to_lab (c1, &l1, &a1, &b1);
  rgb_to_lab (c2, &l2, &a2, &b2);
  cb = (hypot (a1, b1) + hypot (a2, b2)) / 2;
  c7 = pow (cb, 7);
  g = 0.5 * (1 - sqrt (c7 / (c7 + pow (25, 7))));
  a1p = (1 + g) * a1;
  a2p = (1 + g) * a2;
  c1p = hypot (a1p, b1);
  c2p = hypot (a2p, b2);
  h1p = hue_degrees (b1, a1p);
  h2p = hue_degrees (b2, a2p);

  dlp = l2 - l1;
  dcp = c2p - c1p;
  if (c1p * c2p == 0)
    dhp = 0;
  else
    {
      dhp = h2p - h1p;
      if (dhp > 180)
        dhp -= 360;
      else if (dhp < -180)
        dhp += 360;
    }
  dHp = 2 * sqrt (c1p * c2p) * sin (dhp / 2 * deg);

  lbp = (l1 + l2) / 2;
  cbp = (c1p + c2p) / 2;
  if (c1p * c2p == 0)
    hbp = h1p + h2p;
  else if (fabs (h1p - h2p) <= 180)
    hbp = (h1p + h2p) / 2;
  else if (h1p + h2p < 360)
    hbp = (h1p + h2p + 360) / 2;
  else
    hbp = (h1p + h2p - 360) / 2;

  t = 1 - 0.17 * cos ((hbp - 30) * deg) + 0.24 * cos (2 * hbp * deg) +
      0.32 * cos ((3 * hbp + 6) * deg) - 0.20 * cos ((4 * hbp - 63) * deg);
  dtheta = 30 * exp (-pow ((hbp - 275) / 25, 2));
  c7 = pow (cbp, 7);
  rc = 2 * sqrt (c7 / (c7 + pow (25, 7)));
  sl = 1 + 0.015 * pow (lbp - 50, 2) / sqrt (20 + pow (lbp - 50, 2));
  sc = 1 + 0.045 * cbp;
  sh = 1 + 0.015 * cbp * t;
  rt = -sin (2 * dtheta * deg) * rc;

  return sqrt (pow (dlp / sl, 2) + pow (dcp / sc, 2) + pow (dHp / sh, 2) +
               rt * (dcp / sc) * (dHp / sh));
}

const char *
weft_state_get_label (WeftState state)
{
  g_return_val_if_fail (state < WEFT_N_STATES, "");
  return _(weft_state_to_string (state));
}

const char *
weft_op_get_label (WeftOp op)
{
  switch (op)
    {
    case WEFT_OP_START:
      /* Translators: a thread parked before its first line (a paused run), short. */
      return C_("operation", "begin");
    case WEFT_OP_SLEEP:
      /* Translators: a thread parked in the middle of a pause (a paused run), short. */
      return C_("operation", "pause");
    case WEFT_OP_ACQUIRE:
      /* Translators: a pending operation, short, in a narrow bar of the timeline: take a
       * lock or a semaphore. */
      return C_("operation", "take");
    case WEFT_OP_TRY_ACQUIRE:
      return C_("operation", "try");
    case WEFT_OP_RELEASE:
      return C_("operation", "release");
    case WEFT_OP_WAIT:
      return C_("operation", "wait");
    case WEFT_OP_REACQUIRE:
      return C_("operation", "take back");
    case WEFT_OP_NOTIFY:
      return C_("operation", "notify");
    case WEFT_OP_NOTIFY_ALL:
      return C_("operation", "notify all");
    case WEFT_OP_SET:
      return C_("operation", "set");
    case WEFT_OP_CLEAR:
      return C_("operation", "clear");
    case WEFT_OP_PUT:
      return C_("operation", "put");
    case WEFT_OP_GET:
      return C_("operation", "get");
    case WEFT_OP_READ:
      return C_("operation", "read");
    case WEFT_OP_WRITE:
      return C_("operation", "write");
    case WEFT_OP_NONE:
    case WEFT_N_OPS:
    default:
      return weft_state_get_label (WEFT_STATE_PARKED);
    }
}
