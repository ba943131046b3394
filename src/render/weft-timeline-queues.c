/* weft-timeline-queues.c — a queue's lane: a bar as high as its length (against its
 * capacity, or its longest length), and in it, zoomed in enough, its items themselves as
 * chips, the next to be taken first ("+N" for those not listed); else their number.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "weft-timeline-private.h"

typedef struct
{
  double x, y, w, h;
  char   text[16];
} Chip;

/* Queues chips for the items of @span if they all fit in the piece (at most
 * WEFT_MODEL_MAX_LISTED, and "+N" for the rest); returns whether they did. */
static gboolean
queue_chips (Ctx                    *ctx,
             WeftModel              *model,
             const WeftResourceSpan *span,
             double                  x,
             double                  w,
             double                  y,
             double                  h)
{
  const gint32 *items = weft_model_get_span_list (model, span);
  double pad = ctx->layout.font_size * 0.3;
  double cx = x + pad;
  guint first;
  guint n = span->n_list + (span->value > span->n_list ? 1 : 0);

  if (h < ctx->layout.font_size * 1.1)
    return FALSE;

  if (ctx->chips == NULL)
    ctx->chips = g_array_new (FALSE, FALSE, sizeof (Chip));
  first = ctx->chips->len;

  for (guint k = 0; k < n; k++)
    {
      Chip chip = { 0 };
      int tw, th;

      if (k < span->n_list)
        g_snprintf (chip.text, sizeof chip.text, "%d", items[k]);
      else
        g_snprintf (chip.text, sizeof chip.text, "+%d", span->value - span->n_list);
      timeline_text (ctx, ctx->small, chip.text, &tw, &th);
      chip.x = cx;
      chip.w = tw + pad * 2;
      chip.y = y + (h - MIN (h, th + pad)) / 2;
      chip.h = MIN (h, th + pad);
      cx += chip.w + pad;
      if (cx > x + w)
        {
          g_array_set_size (ctx->chips, first);
          return FALSE;
        }
      g_array_append_val (ctx->chips, chip);
    }
  return TRUE;
}

double
weft_timeline_queue_scale (gint32 initial,
                           gint32 max_value)
{
  return MAX (1, MAX (initial, max_value));
}

char *
weft_timeline_queue_words (Ctx                    *ctx,
                           const Piece            *p,
                           const WeftResourceSpan *span,
                           double                  use_y,
                           double                  use_h,
                           const WeftRgba        **background)
{
  if (span->value <= 0)
    return NULL;
  /* Zoomed in enough, the items themselves, as chips, next to get first. */
  if (queue_chips (ctx, ctx->model, span, ctx->layout.plot_x + p->x0, p->x1 - p->x0, use_y, use_h))
    return NULL;
  *background = p->level >= 0.5 ? &ctx->theme->queue : &ctx->theme->background;
  /* Translators: a queue's length, in its lane. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d item", "%d items", span->value),
                          span->value);
}

void
weft_timeline_draw_chips (Ctx *ctx)
{
  cairo_t *cr = ctx->cr;
  double r = ctx->layout.font_size * 0.25;
  guint n = ctx->chips != NULL ? ctx->chips->len : 0;

  cairo_new_path (cr);
  for (guint i = 0; i < n; i++)
    {
      const Chip *c = &g_array_index (ctx->chips, Chip, i);

      cairo_new_sub_path (cr);
      cairo_arc (cr, c->x + c->w - r, c->y + r, r, -G_PI / 2, 0);
      cairo_arc (cr, c->x + c->w - r, c->y + c->h - r, r, 0, G_PI / 2);
      cairo_arc (cr, c->x + r, c->y + c->h - r, r, G_PI / 2, G_PI);
      cairo_arc (cr, c->x + r, c->y + r, r, G_PI, 3 * G_PI / 2);
      cairo_close_path (cr);
    }
  weft_theme_set_source (cr, &ctx->theme->queue);
  cairo_fill_preserve (cr);
  weft_theme_set_source (cr, &ctx->theme->text_dim);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);

  if (weft_timeline_is_dark (&ctx->theme->queue))
    cairo_set_source_rgb (cr, 1, 1, 1);
  else
    cairo_set_source_rgb (cr, 0.05, 0.05, 0.05);
  for (guint i = 0; i < n; i++)
    {
      const Chip *c = &g_array_index (ctx->chips, Chip, i);
      PangoLayout *shown;
      int tw, th;

      shown = timeline_text (ctx, ctx->small, c->text, &tw, &th);
      cairo_move_to (cr, round (c->x + (c->w - tw) / 2), round (c->y + (c->h - th) / 2));
      weft_render_show_layout (cr, shown);
    }
  weft_render_stats_add (ctx->stats, 0, n, 0, n);
  if (ctx->chips != NULL)
    g_array_set_size (ctx->chips, 0);
}
