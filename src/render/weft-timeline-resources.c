/* weft-timeline-resources.c — what every resource lane shares: its use read from the model
 * (a lock held or not, a semaphore's units held, a queue's length, a shared variable's
 * value), as a bar whose height is that use (merged columns: the mean use), with under it
 * a hatched strip while threads wait for it; after a deadlock, a resource of the cycle
 * runs on to the right edge. The words in the bars are each kind's own
 * (weft-timeline-locks.c, -semaphores.c, -queues.c); a shared variable is drawn by
 * weft-timeline-shared.c.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "weft-timeline-private.h"

static double
resource_level (const ResourceInfo     *info,
                const WeftResourceSpan *span,
                gint32                  initial)
{
  switch (info->kind)
    {
    case WEFT_LANE_LOCK:
      return span->value > 0 ? 1.0 : 0.0;
    case WEFT_LANE_SEMAPHORE:
      return MAX (0, initial - span->value) / info->scale;
    case WEFT_LANE_QUEUE:
      return span->value / info->scale;
    case WEFT_LANE_SHARED:
      return span->value;
    case WEFT_LANE_THREAD:
    default:
      return 0;
    }
}

/* The first row is the resource's use, the second its waiters (drawn as a hatched strip,
 * like blocked threads). */
static gint64
resource_span_at (Ctx     *ctx,
                  guint    object,
                  guint64  t,
                  guint64 *span_end,
                  Looks   *looks)
{
  guint n;
  const WeftResourceSpan *spans = weft_model_get_resource_spans (ctx->model, object, &n);
  gssize i = weft_model_find_resource_span (ctx->model, object, t);
  double level;
  Look look;

  if (i < 0)
    return -1;
  *span_end = (guint) i + 1 < n ? spans[i + 1].start_ns : ctx->end_ns;
  level = resource_level (&ctx->resource, &spans[i],
                          weft_model_get_object_initial (ctx->model, object));
  if (ctx->resource.kind == WEFT_LANE_LOCK)
    look = spans[i].value > 0 && spans[i].owner != WEFT_NONE ? LOOK_IDENTITY (spans[i].owner)
                                                             : LOOK_NONE;
  else if (ctx->resource.kind == WEFT_LANE_SHARED)
    /* A stale write is its own piece, even when it writes the value already there (two
     * sellers both writing 6: one sale lost). */
    look = spans[i].flags & WEFT_SPAN_STALE_WRITE ? LOOK_STALE : LOOK_HELD;
  else
    look = level > 0 ? (ctx->resource.kind == WEFT_LANE_QUEUE ? LOOK_QUEUE : LOOK_HELD) : LOOK_NONE;
  looks->look = look;
  looks->level = look == LOOK_NONE ? 0 : level;
  looks->look2 = spans[i].n_waiting > 0 ? WEFT_STATE_BLOCKED : LOOK_NONE;
  looks->level2 = spans[i].n_waiting;
  looks->key = 1 + ((guint64) spans[i].owner << 48 | (guint64) spans[i].n_waiting << 32 |
                    (guint32) spans[i].value);
  return i;
}

static void
resource_merge (Ctx     *ctx,
                guint    object,
                guint64  t0,
                guint64  t1,
                Looks   *looks)
{
  WeftResourceSummary summary;

  weft_model_get_resource_summary (ctx->model, object, t0, t1, &summary);
  switch (ctx->resource.kind)
    {
    case WEFT_LANE_LOCK:
      looks->level = summary.mean_use >= 0.5 ? 1.0 : 0.0;
      looks->look = looks->level > 0 ? LOOK_HELD : LOOK_NONE;
      break;
    case WEFT_LANE_SHARED:
      looks->level = summary.mean_use;
      looks->look = LOOK_HELD;
      break;
    case WEFT_LANE_SEMAPHORE:
    case WEFT_LANE_QUEUE:
    case WEFT_LANE_THREAD:
    default:
      looks->level = summary.mean_use / ctx->resource.scale;
      looks->look = looks->level > 0 ? (ctx->resource.kind == WEFT_LANE_QUEUE ? LOOK_QUEUE : LOOK_HELD)
                                     : LOOK_NONE;
      break;
    }
  looks->look2 = summary.mean_waiting >= 0.5 ? WEFT_STATE_BLOCKED : LOOK_NONE;
  looks->level2 = -1;
  /* Kept for the lost-update marks, which would otherwise ask for the summary again. */
  looks->stale = summary.n_stale > 0;
}

void
weft_timeline_draw_resource_lane (Ctx    *ctx,
                                  guint   lane,
                                  double  y,
                                  double  h)
{
  WeftModel *model = ctx->model;
  guint object = weft_model_get_lane_subject (model, lane);
  guint n;
  const WeftResourceSpan *spans = weft_model_get_resource_spans (model, object, &n);
  gint32 initial = weft_model_get_object_initial (model, object);
  double use_y, use_h, wait_y, wait_h;
  gboolean labels = h >= ctx->layout.font_size * BAR_WORDS_ROOM;

  resource_bars (ctx, y, h, &use_y, &use_h, &wait_y, &wait_h);
  ctx->resource.kind = weft_model_get_lane_kind (model, lane);
  weft_model_get_object_range (model, object, &ctx->resource.min_value, &ctx->resource.max_value);
  switch (ctx->resource.kind)
    {
    case WEFT_LANE_SEMAPHORE:
      ctx->resource.scale = weft_timeline_semaphore_scale (initial, ctx->resource.min_value);
      break;
    case WEFT_LANE_QUEUE:
      ctx->resource.scale = weft_timeline_queue_scale (initial, ctx->resource.max_value);
      break;
    case WEFT_LANE_LOCK:
    case WEFT_LANE_SHARED:
    case WEFT_LANE_THREAD:
    default:
      ctx->resource.scale = 1;
      break;
    }

  ctx->keep_span = TRUE;
  weft_timeline_walk_lane (ctx, object, resource_span_at, resource_merge,
                           weft_model_prefetch_resource_time);
  ctx->keep_span = FALSE;
  weft_timeline_extend_frozen (ctx, FALSE, object, ctx->pieces);
  weft_timeline_extend_frozen (ctx, FALSE, object, ctx->pieces2);

  if (ctx->resource.kind == WEFT_LANE_SHARED)
    weft_timeline_draw_shared_lane (ctx, spans, y, h, use_y, use_h, labels);
  else
    {
      guint16 named_owner = WEFT_NONE;
      double named_end = -G_MAXDOUBLE;
      double words_end = G_MAXDOUBLE;
      guint64 deadlock_ns;

      for (guint i = 0; i < ctx->pieces->len; i++)
        {
          const Piece *p = &g_array_index (ctx->pieces, Piece, i);
          double ph = ctx->resource.kind == WEFT_LANE_LOCK ? use_h : MIN (1.0, p->level) * use_h;

          weft_timeline_fill_rect (ctx, p->look, ctx->layout.plot_x + p->x0, use_y + use_h - ph,
                                   p->x1 - p->x0, ph);
        }

      if (weft_model_get_deadlock (model, &deadlock_ns, NULL, NULL))
        words_end = time_to_x (ctx, deadlock_ns);

      /* Words in the bars, each kind its own: the owner of a lock, a semaphore's free
       * count, a queue's items. They stop where a deadlock begins: the frozen lanes'
       * outline and the cycle's arrows are drawn there. */
      for (guint i = 0; labels && i < ctx->pieces->len; i++)
        {
          const Piece *whole = &g_array_index (ctx->pieces, Piece, i);
          Piece cut = *whole;
          const Piece *p = &cut;
          const WeftResourceSpan *span;
          char *text = NULL;
          const WeftRgba *background;

          cut.x1 = MIN (cut.x1, words_end);
          if (p->span < 0 || p->x1 - p->x0 < ctx->layout.font_size * 2.5)
            continue;
          span = &spans[p->span];
          background = p->look == LOOK_NONE ? &ctx->theme->background
                       : p->look == LOOK_HELD ? &ctx->theme->held
                       : p->look == LOOK_QUEUE ? &ctx->theme->queue
                       : weft_theme_identity (ctx->theme, p->look - LOOK_IDENTITY (0));
          switch (ctx->resource.kind)
            {
            case WEFT_LANE_LOCK:
              text = weft_timeline_lock_words (ctx, p, span, &named_owner, &named_end);
              break;
            case WEFT_LANE_SEMAPHORE:
              text = weft_timeline_semaphore_words (ctx, p, span, &background);
              break;
            case WEFT_LANE_QUEUE:
              text = weft_timeline_queue_words (ctx, p, span, use_y, use_h, &background);
              break;
            case WEFT_LANE_SHARED:
            case WEFT_LANE_THREAD:
            default:
              break;
            }
          if (text != NULL)
            {
              /* On the lane's background, in the text's colour; on a bar, in the ink
               * that reads best on it. */
              WeftRgba ink = background == &ctx->theme->background
                               ? ctx->theme->text : weft_timeline_ink_on (background);

              weft_timeline_add_label (ctx, ctx->layout.plot_x + p->x0, use_y, p->x1 - p->x0, use_h,
                                       &ink, text);
            }
        }
    }

  /* The waiters' strip, hatched like blocked threads. */
  for (guint i = 0; i < ctx->pieces2->len; i++)
    {
      const Piece *p = &g_array_index (ctx->pieces2, Piece, i);

      weft_timeline_fill_rect (ctx, p->look, ctx->layout.plot_x + p->x0, wait_y, p->x1 - p->x0,
                               wait_h);
    }
}
