/* weft-timeline-locks.c — a lock's lane: a bar in its holder's colour while it is held,
 * and in it the holder's name, with how many threads wait for it when that fits too
 * ("Kant · 1 waiting"). A holder the bar before already named is not named again: the
 * next piece says only who waits.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "weft-timeline-private.h"

char *
weft_timeline_lock_words (Ctx                    *ctx,
                          const Piece            *p,
                          const WeftResourceSpan *span,
                          guint16                *named_owner,
                          double                 *named_end)
{
  char *text = NULL;

  if (span->owner != WEFT_NONE && span->value > 0 &&
      span->owner == *named_owner && p->x0 - *named_end < 1.0)
    {
      /* The same holder as the piece before, which named it: only the waiters. */
      if (span->n_waiting > 0)
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u waiting", "%u waiting",
                                             span->n_waiting), span->n_waiting);
    }
  else if (span->owner != WEFT_NONE && span->value > 0)
    {
      const char *owner = weft_model_get_actor_name (ctx->model, span->owner);

      /* The holder, and how many wait for it when that fits too. */
      if (span->n_waiting > 0)
        {
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u waiting",
                                               "%s · %u waiting", span->n_waiting),
                                  owner, span->n_waiting);
          if (text_width (ctx, ctx->text, text) + ctx->layout.font_size * 0.6 > p->x1 - p->x0)
            g_clear_pointer (&text, g_free);
        }
      if (text == NULL)
        text = g_strdup (owner);
    }

  if (span->owner != *named_owner || text != NULL)
    *named_owner = span->value > 0 ? span->owner : WEFT_NONE;
  *named_end = p->x1;
  return text;
}
