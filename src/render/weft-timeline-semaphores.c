/* weft-timeline-semaphores.c — a semaphore's lane: a bar as high as the share of its
 * units held, and in it (or on the lane, when the bar is low) how many are free.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "weft-timeline-private.h"

double
weft_timeline_semaphore_scale (gint32 initial,
                               gint32 min_value)
{
  return MAX (1, MAX (initial, initial - min_value));
}

char *
weft_timeline_semaphore_words (Ctx                    *ctx,
                               const Piece            *p,
                               const WeftResourceSpan *span,
                               const WeftRgba        **background)
{
  /* The words sit on the bar when it is high enough, else on the lane. */
  *background = p->level >= 0.5 ? &ctx->theme->held : &ctx->theme->background;
  /* Translators: a semaphore's value in its lane. */
  return g_strdup_printf (_("%d free"), span->value);
}
