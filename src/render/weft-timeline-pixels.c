/* weft-timeline-pixels.c — the pixel writer: the bars of a frame, queued as rectangles on
 * the pixel grid by look (a state, a resource's colour) and filled look by look, every
 * rectangle of one look at once. Widened rectangles (Open) make one rectangle of a run of
 * columns. On an ARGB32 image surface reached by a whole-pixel translation, the rectangles
 * are written straight into its pixels, the pixels cairo would write; anything else (SVG,
 * PDF, the window's recording surfaces, a fractional offset or scale) is filled by cairo.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "weft-timeline-private.h"

void
weft_timeline_fill_rect (Ctx    *ctx,
                         Look    look,
                         double  x,
                         double  y,
                         double  w,
                         double  h)
{
  GArray *rects = g_hash_table_lookup (ctx->fills, GUINT_TO_POINTER (look));
  Rect rect;

  /* On the pixel grid: crisp edges, and cairo fills pixel-aligned boxes without
   * tessellating them. */
  rect.x = round (x);
  rect.y = round (y);
  rect.w = round (x + w) - rect.x;
  rect.h = round (y + h) - rect.y;
  if (rect.w <= 0 || rect.h <= 0)
    return;

  if (rects == NULL)
    {
      rects = g_array_new (FALSE, FALSE, sizeof (Rect));
      g_hash_table_insert (ctx->fills, GUINT_TO_POINTER (look), rects);
    }
  g_array_append_val (rects, rect);
}

void
weft_timeline_open_close (Ctx  *ctx,
                          Look  look,
                          Open *open)
{
  if (open->x1 > open->x0 && open->bottom > open->top)
    weft_timeline_fill_rect (ctx, look, open->x0, open->top, open->x1 - open->x0,
                             open->bottom - open->top);
  open->x1 = open->x0;
}

void
weft_timeline_open_add (Ctx    *ctx,
                        Look    look,
                        Open   *open,
                        double  x0,
                        double  x1,
                        double  top,
                        double  bottom)
{
  if (open->x1 > open->x0 && open->top == top && open->bottom == bottom && x0 - open->x1 < 0.01)
    {
      open->x1 = x1;
      return;
    }
  weft_timeline_open_close (ctx, look, open);
  *open = (Open) { x0, x1, top, bottom };
}

static int
compare_looks (gconstpointer a,
               gconstpointer b)
{
  guint la = GPOINTER_TO_UINT (a), lb = GPOINTER_TO_UINT (b);

  return la < lb ? -1 : la > lb;
}

/* Where the bars can be written straight into the target's pixels (see flush_fills()). */
#define DIRECT_MAX_CLIP 16

typedef struct
{
  cairo_surface_t *surface;
  guint32         *pixels;
  int              stride;     /* in pixels */
  int              tx, ty;     /* user space to pixels: a whole-pixel translation */
  guint            n_clip;
  int              clip[DIRECT_MAX_CLIP][4];   /* x0, y0, x1, y1, in pixels */
  int              dirty[4];
} Direct;

/* Whether the bars can go straight into the pixels: an ARGB32 image target, a
 * translation by whole pixels from user space, OVER, and a clip that is a few rectangles
 * (a region). Anything else (SVG, PDF, the window's recording surfaces, a fractional
 * offset or a scale) is drawn by cairo. */
static gboolean
direct_init (Ctx    *ctx,
             Direct *direct)
{
  cairo_t *cr = ctx->cr;
  cairo_surface_t *target = cairo_get_group_target (cr);
  cairo_rectangle_list_t *clip;
  cairo_matrix_t m;
  double sx, sy, ox, oy, tx, ty;
  int width, height;
  gboolean ok = TRUE;

  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS || cairo_surface_status (target) != CAIRO_STATUS_SUCCESS ||
      cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE ||
      cairo_image_surface_get_format (target) != CAIRO_FORMAT_ARGB32 ||
      cairo_get_operator (cr) != CAIRO_OPERATOR_OVER)
    return FALSE;
  cairo_get_matrix (cr, &m);
  cairo_surface_get_device_scale (target, &sx, &sy);
  cairo_surface_get_device_offset (target, &ox, &oy);
  tx = m.x0 + ox;
  ty = m.y0 + oy;
  if (m.xx != 1 || m.yy != 1 || m.xy != 0 || m.yx != 0 || sx != 1 || sy != 1 ||
      tx != floor (tx) || ty != floor (ty) || fabs (tx) > 1e6 || fabs (ty) > 1e6)
    return FALSE;

  memset (direct, 0, sizeof *direct);
  direct->surface = target;
  direct->tx = (int) tx;
  direct->ty = (int) ty;
  width = cairo_image_surface_get_width (target);
  height = cairo_image_surface_get_height (target);
  clip = cairo_copy_clip_rectangle_list (cr);
  if (clip->status != CAIRO_STATUS_SUCCESS || clip->num_rectangles > DIRECT_MAX_CLIP)
    ok = FALSE;
  for (int i = 0; ok && i < clip->num_rectangles; i++)
    {
      const cairo_rectangle_t *r = &clip->rectangles[i];
      double x0 = r->x + tx, y0 = r->y + ty, x1 = x0 + r->width, y1 = y0 + r->height;
      int *c = direct->clip[direct->n_clip];

      /* A region's rectangles are whole pixels; anything else is cairo's business. */
      if (x0 != floor (x0) || y0 != floor (y0) || x1 != floor (x1) || y1 != floor (y1))
        {
          ok = FALSE;
          break;
        }
      c[0] = (int) MAX (x0, 0);
      c[1] = (int) MAX (y0, 0);
      c[2] = (int) MIN (x1, width);
      c[3] = (int) MIN (y1, height);
      if (c[0] < c[2] && c[1] < c[3])
        direct->n_clip++;
    }
  cairo_rectangle_list_destroy (clip);
  if (!ok)
    return FALSE;

  cairo_surface_flush (target);
  direct->pixels = (guint32 *) (gpointer) cairo_image_surface_get_data (target);
  direct->stride = cairo_image_surface_get_stride (target) / 4;
  if (direct->pixels == NULL)
    return FALSE;
  direct->dirty[0] = direct->dirty[1] = G_MAXINT;
  direct->dirty[2] = direct->dirty[3] = G_MININT;
  return TRUE;
}

static void
direct_finish (Direct *direct)
{
  /* Tells cairo its pixels changed (an image surface keeps no copy to update). */
  if (direct->dirty[0] < direct->dirty[2] && direct->dirty[1] < direct->dirty[3])
    cairo_surface_mark_dirty (direct->surface);
}

/* The pixel cairo stores for the opaque colour @c: asked of cairo itself, so that its
 * rounding of the colour is the one used. */
static guint32
opaque_pixel (const WeftRgba *c)
{
  cairo_surface_t *one = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (one);
  guint32 pixel;

  weft_theme_set_source (cr, c);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (one);
  pixel = *(const guint32 *) (gconstpointer) cairo_image_surface_get_data (one);
  cairo_surface_destroy (one);
  return pixel;
}

/* pixman's OVER of premultiplied ARGB32 pixels, with its rounding: d × (255 − αs) / 255
 * rounded as (t + 0x80 + ((t + 0x80) >> 8)) >> 8, then s added with saturation. */
static inline guint32
over_pixel (guint32 s,
            guint32 d)
{
  guint32 ia = 255 - (s >> 24);
  guint32 rb, ag;

  rb = (d & 0x00ff00ff) * ia + 0x00800080;
  rb = ((rb + ((rb >> 8) & 0x00ff00ff)) >> 8) & 0x00ff00ff;
  ag = ((d >> 8) & 0x00ff00ff) * ia + 0x00800080;
  ag = ((ag + ((ag >> 8) & 0x00ff00ff)) >> 8) & 0x00ff00ff;
  /* Saturated adds, two channels at a time. */
  rb += s & 0x00ff00ff;
  rb |= 0x01000100 - ((rb >> 8) & 0x00010001);
  rb &= 0x00ff00ff;
  ag += (s >> 8) & 0x00ff00ff;
  ag |= 0x01000100 - ((ag >> 8) & 0x00010001);
  ag &= 0x00ff00ff;
  return rb | ag << 8;
}

/* Whether no two of @rects overlap, as the tile must be composited once per pixel (cairo
 * paints it through the union of the rectangles). The lanes add theirs top to bottom,
 * left to right, each lane's with one height: a rectangle either continues its lane's
 * row to the right or starts below everything before it. Anything else is left to cairo. */
static gboolean
rects_disjoint (GArray *rects)
{
  double bottom = -G_MAXDOUBLE;

  for (guint i = 0; i < rects->len; i++)
    {
      const Rect *r = &g_array_index (rects, Rect, i);
      const Rect *p = i > 0 ? &g_array_index (rects, Rect, i - 1) : NULL;

      if (p != NULL && r->y == p->y && r->h == p->h)
        {
          if (r->x < p->x + p->w)
            return FALSE;
        }
      else if (r->y < bottom)
        return FALSE;
      bottom = MAX (bottom, r->y + r->h);
    }
  return TRUE;
}

/* Fills @rects (whole pixels in user space) with the opaque @colour and, over it, the
 * state's @tile (or NULL), writing the pixels cairo would: the colour replaces what is
 * there, the tile is composited OVER as pixman does. Returns FALSE, having written
 * nothing, where it cannot promise that (a colour not opaque, a tile cairo would sample
 * otherwise, overlapping rectangles under a tile). */
static gboolean
direct_fill (Direct          *direct,
             GArray          *rects,
             const WeftRgba  *colour,
             cairo_pattern_t *tile)
{
  cairo_surface_t *tile_surface = NULL;
  const guint32 *tile_pixels = NULL;
  int tile_w = 0, tile_h = 0, tile_stride = 0;
  guint32 pixel;

  if (colour->a < 1.0)
    return FALSE;
  if (tile != NULL)
    {
      cairo_matrix_t tm;
      double tsx, tsy, tox, toy;

      cairo_pattern_get_matrix (tile, &tm);
      if (cairo_pattern_get_type (tile) != CAIRO_PATTERN_TYPE_SURFACE ||
          cairo_pattern_get_extend (tile) != CAIRO_EXTEND_REPEAT ||
          cairo_pattern_get_surface (tile, &tile_surface) != CAIRO_STATUS_SUCCESS ||
          cairo_surface_get_type (tile_surface) != CAIRO_SURFACE_TYPE_IMAGE ||
          cairo_image_surface_get_format (tile_surface) != CAIRO_FORMAT_ARGB32 ||
          tm.xx != 1 || tm.yy != 1 || tm.xy != 0 || tm.yx != 0 || tm.x0 != 0 || tm.y0 != 0)
        return FALSE;
      cairo_surface_get_device_scale (tile_surface, &tsx, &tsy);
      cairo_surface_get_device_offset (tile_surface, &tox, &toy);
      if (tsx != 1 || tsy != 1 || tox != 0 || toy != 0 || !rects_disjoint (rects))
        return FALSE;
      cairo_surface_flush (tile_surface);
      tile_pixels = (const guint32 *) (gconstpointer) cairo_image_surface_get_data (tile_surface);
      tile_w = cairo_image_surface_get_width (tile_surface);
      tile_h = cairo_image_surface_get_height (tile_surface);
      tile_stride = cairo_image_surface_get_stride (tile_surface) / 4;
      if (tile_pixels == NULL || tile_w <= 0 || tile_h <= 0)
        return FALSE;
    }

  pixel = opaque_pixel (colour);
  for (guint i = 0; i < rects->len; i++)
    {
      const Rect *r = &g_array_index (rects, Rect, i);
      int rx0 = (int) r->x + direct->tx, ry0 = (int) r->y + direct->ty;
      int rx1 = rx0 + (int) r->w, ry1 = ry0 + (int) r->h;

      for (guint c = 0; c < direct->n_clip; c++)
        {
          int x0 = MAX (rx0, direct->clip[c][0]), y0 = MAX (ry0, direct->clip[c][1]);
          int x1 = MIN (rx1, direct->clip[c][2]), y1 = MIN (ry1, direct->clip[c][3]);

          if (x0 >= x1 || y0 >= y1)
            continue;
          direct->dirty[0] = MIN (direct->dirty[0], x0);
          direct->dirty[1] = MIN (direct->dirty[1], y0);
          direct->dirty[2] = MAX (direct->dirty[2], x1);
          direct->dirty[3] = MAX (direct->dirty[3], y1);
          for (int py = y0; py < y1; py++)
            {
              guint32 *row = direct->pixels + (gsize) py * direct->stride;

              for (int px = x0; px < x1; px++)
                row[px] = pixel;
              if (tile_pixels != NULL)
                {
                  /* The tile is anchored at the user-space origin. */
                  const guint32 *trow = tile_pixels + (gsize) (((py - direct->ty) % tile_h + tile_h) % tile_h) *
                                                      tile_stride;
                  int tx = ((x0 - direct->tx) % tile_w + tile_w) % tile_w;

                  for (int px = x0; px < x1; px++)
                    {
                      guint32 s = trow[tx];

                      if (s != 0)
                        row[px] = over_pixel (s, row[px]);
                      if (++tx == tile_w)
                        tx = 0;
                    }
                }
            }
        }
    }
  return TRUE;
}

void
weft_timeline_flush_fills (Ctx *ctx)
{
  GList *looks;
  Direct direct;
  gboolean use_direct;

  /* A fixed order: the same picture every time, whatever the hash table's order. */
  looks = g_hash_table_get_keys (ctx->fills);
  looks = g_list_sort (looks, compare_looks);

  /* On an image surface the bars are written into its pixels: thousands of pixel-aligned
   * rectangles cost cairo more in paths, boxes and clips (a fifth of a 1 M-event frame)
   * than the pixels themselves. The pixels are those cairo would write (compared byte
   * for byte with cairo's on synthetic traces, every theme, at offsets). */
  use_direct = direct_init (ctx, &direct);

  for (GList *l = looks; l != NULL; l = l->next)
    {
      Look look = GPOINTER_TO_UINT (l->data);
      GArray *rects = g_hash_table_lookup (ctx->fills, l->data);
      const WeftRgba *colour;
      gboolean done = FALSE;

      /* The arrays stay from frame to frame (weft-timeline.c), empty between flushes. */
      if (rects->len == 0)
        continue;
      colour = look < WEFT_N_STATES ? &ctx->theme->state[look]
               : LOOK_IS_SOLID (look) ? &ctx->theme->state[look - LOOK_SOLID (0)]
               : look == LOOK_HELD ? &ctx->theme->held
               : look == LOOK_QUEUE ? &ctx->theme->queue
               : weft_theme_identity (ctx->theme, look - LOOK_IDENTITY (0));
      if (use_direct)
        {
          cairo_pattern_t *tile = look < WEFT_N_STATES ? weft_theme_get_state_tile (ctx->cr, ctx->theme, look)
                                                       : NULL;

          done = direct_fill (&direct, rects, colour, tile);
          if (tile != NULL)
            cairo_pattern_destroy (tile);
        }
      if (!done)
        {
          cairo_new_path (ctx->cr);
          for (guint i = 0; i < rects->len; i++)
            {
              const Rect *r = &g_array_index (rects, Rect, i);

              cairo_rectangle (ctx->cr, r->x, r->y, r->w, r->h);
            }
          if (look < WEFT_N_STATES)
            weft_theme_fill_state (ctx->cr, ctx->theme, look);
          else
            {
              weft_theme_set_source (ctx->cr, colour);
              cairo_fill (ctx->cr);
            }
        }
      weft_render_stats_add (ctx->stats, rects->len, 0, 0, 0);
      g_array_set_size (rects, 0);
    }
  if (use_direct)
    direct_finish (&direct);
  g_list_free (looks);
}
