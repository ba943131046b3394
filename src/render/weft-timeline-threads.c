/* weft-timeline-threads.c — a thread's lane: a bar in its state's colour (hatched when
 * blocked, dotted when waiting), a thin line once done, nothing before it starts; in the
 * bars, the thread's words in the story's words, shortened to fit ("waiting for fork 2",
 * "→ fork 2"); after a deadlock, a thread of the cycle's last bar runs on to the right
 * edge.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "weft-timeline-private.h"

static gint64
thread_span_at (Ctx     *ctx,
                guint    actor,
                guint64  t,
                guint64 *span_end,
                Looks   *looks)
{
  guint n;
  const WeftThreadSpan *spans = weft_model_get_thread_spans (ctx->model, actor, &n);
  gssize i = weft_model_find_thread_span (ctx->model, actor, t);

  if (i < 0)
    return -1;
  *span_end = (guint) i + 1 < n ? spans[i + 1].start_ns : ctx->end_ns;
  looks->look = spans[i].state == WEFT_STATE_NEW ? LOOK_NONE : spans[i].state;
  looks->level = 1.0;
  /* What its words depend on (thread_span_text()), never 0. */
  looks->key = 1 + ((guint64) spans[i].state | (guint64) spans[i].detail << 8 |
                    (guint64) spans[i].object << 24 | (guint64) spans[i].activity << 40);
  return i;
}

static void
thread_merge (Ctx     *ctx,
              guint    actor,
              guint64  t0,
              guint64  t1,
              Looks   *looks)
{
  guint64 ns[WEFT_N_STATES];
  guint best = WEFT_STATE_NEW;

  weft_model_get_thread_time (ctx->model, actor, t0, t1, ns);
  for (guint s = 0; s < WEFT_N_STATES; s++)
    if (ns[s] > ns[best])
      best = s;
  looks->look = best == WEFT_STATE_NEW ? LOOK_NONE : best;
  looks->level = 1.0;
}

/* The words inside a thread's bar, in the story's words: its activity ("thinking"), what
 * it waits for, what it is doing and will do next when parked. Never a gate's name. */
static char *
thread_span_text (WeftModel            *model,
                  guint                 actor,
                  const WeftThreadSpan *span)
{
  switch ((WeftState) span->state)
    {
    case WEFT_STATE_RUNNING:
    case WEFT_STATE_SLEEPING:
      {
        const char *activity = weft_model_get_activity (model, span->detail);

        return activity != NULL ? g_strdup (g_dgettext (GETTEXT_PACKAGE, activity)) : NULL;
      }
    case WEFT_STATE_BLOCKED:
    case WEFT_STATE_WAITING:
      if (span->object < weft_model_get_n_objects (model))
        /* Translators: inside a blocked or waiting bar: what the thread waits for,
         * "waiting for fork 2". */
        return g_strdup_printf (_("waiting for %s"), weft_model_get_object_name (model, span->object));
      return NULL;
    case WEFT_STATE_PARKED:
      if (span->detail == WEFT_OP_NONE || span->detail >= WEFT_N_OPS)
        return NULL;
      return weft_describe_parked (model, actor, span, FALSE);
    case WEFT_STATE_NEW:
    case WEFT_STATE_DONE:
    case WEFT_N_STATES:
    default:
      return NULL;
    }
}

/* Shorter words for a parked bar too narrow for thread_span_text(): what it will do next
 * without the activity ("next: take the left fork", then "take the left fork"), else the
 * operation in a word ("take"). */
static char *
parked_short_text (Ctx                  *ctx,
                   guint                 actor,
                   const WeftThreadSpan *span,
                   double                width)
{
  WeftThreadSpan plain = *span;
  char *text;

  plain.activity = 0;
  text = weft_describe_parked (ctx->model, actor, &plain, FALSE);
  if (text_width (ctx, ctx->text, text) + ctx->layout.font_size * 0.6 <= width)
    return text;
  g_free (text);

  text = weft_model_describe_next (ctx->model, actor,
                                   span->detail < WEFT_N_OPS ? (WeftOp) span->detail : WEFT_OP_NONE,
                                   span->object);
  if (text_width (ctx, ctx->text, text) + ctx->layout.font_size * 0.6 <= width)
    return text;
  g_free (text);
  return g_strdup (weft_op_get_label (span->detail < WEFT_N_OPS ? span->detail : 0));
}

/* The bars, and the words in them when the lane is high enough. */
static void
draw_bars (Ctx   *ctx,
           guint  actor,
           double y,
           double h)
{
  guint n;
  const WeftThreadSpan *spans = weft_model_get_thread_spans (ctx->model, actor, &n);
  double bar_y, bar_h;
  gboolean labels = h >= ctx->layout.font_size * BAR_WORDS_ROOM;

  thread_bar (ctx, y, h, &bar_y, &bar_h);
  weft_timeline_walk_lane (ctx, actor, thread_span_at, thread_merge,
                           weft_model_prefetch_thread_time);

  for (guint i = 0; i < ctx->pieces->len; i++)
    {
      const Piece *p = &g_array_index (ctx->pieces, Piece, i);
      double px = ctx->layout.plot_x + p->x0;
      double pw = p->x1 - p->x0;

      if (p->look == WEFT_STATE_DONE)
        weft_timeline_fill_rect (ctx, p->look, px, bar_y + bar_h * 0.4, pw, bar_h * 0.2);
      else
        weft_timeline_fill_rect (ctx, p->look, px, bar_y, pw, bar_h);
    }

  if (!labels)
    return;

  /* Labels are drawn after every fill, on top. */
  for (guint i = 0; i < ctx->pieces->len; i++)
    {
      const Piece *p = &g_array_index (ctx->pieces, Piece, i);
      char *text;

      if (p->span < 0 || p->look >= WEFT_N_STATES || p->x1 - p->x0 < ctx->layout.font_size * 2.5)
        continue;
      text = thread_span_text (ctx->model, actor, &spans[p->span]);
      /* "thinking · next: take the left fork" too long for a parked bar: "take the left
       * fork", else "take", says most of it. */
      if (text != NULL && spans[p->span].state == WEFT_STATE_PARKED &&
          text_width (ctx, ctx->text, text) + ctx->layout.font_size * 0.6 > p->x1 - p->x0)
        {
          g_free (text);
          text = parked_short_text (ctx, actor, &spans[p->span], p->x1 - p->x0);
        }
      /* "waiting for fork 2" too long: "→ fork 2". */
      if (text != NULL && (spans[p->span].state == WEFT_STATE_BLOCKED ||
                           spans[p->span].state == WEFT_STATE_WAITING) &&
          text_width (ctx, ctx->text, text) + ctx->layout.font_size * 0.6 > p->x1 - p->x0)
        {
          g_free (text);
          /* Translators: inside a narrow blocked or waiting bar: what the thread waits
           * for, "→ fork 2". */
          text = g_strdup_printf (_("→ %s"), weft_model_get_object_name (ctx->model, spans[p->span].object));
        }
      if (text != NULL)
        {
          WeftRgba ink = weft_timeline_ink_on (&ctx->theme->state[p->look]);

          weft_timeline_add_label (ctx, ctx->layout.plot_x + p->x0, bar_y, p->x1 - p->x0, bar_h,
                                   &ink, text);
        }
    }
}

void
weft_timeline_draw_thread_lane (Ctx   *ctx,
                                guint  actor,
                                double y,
                                double h)
{
  draw_bars (ctx, actor, y, h);
  if (ctx->pieces->len > 0 && weft_timeline_in_cycle (ctx->model, TRUE, actor))
    {
      Piece *last = &g_array_index (ctx->pieces, Piece, ctx->pieces->len - 1);
      double x1 = last->x1;

      weft_timeline_extend_frozen (ctx, TRUE, actor, ctx->pieces);
      if (last->x1 > x1)
        {
          double by, bh;

          thread_bar (ctx, y, h, &by, &bh);
          weft_timeline_fill_rect (ctx, last->look, ctx->layout.plot_x + x1, by, last->x1 - x1,
                                   bh);
        }
    }
}
