/* weft-timeline-walk.c — the level of detail: a lane cut into pieces, walked pixel column
 * by pixel column. A span that covers the rest of a column is one piece up to its own end,
 * skipping the columns it covers; a column holding several spans is one merged piece (the
 * look the lane's kind reads from the model's checkpointed sums). Touching pieces with the
 * same look and words are one. So a lane costs at most a piece and a few binary searches
 * per column, whatever the number of events behind it. After a deadlock, the cycle's lanes
 * are frozen: their last piece runs to the right edge.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "weft-timeline-private.h"

/* Whether a thread's piece @last, of the same look, takes in the next one (@span, whose
 * words are @key; a merged column: -1), keeping the words when they stay true. Two spans
 * whose words differ (eating, then thinking: both sleeping) stay two pieces, each with its
 * words; a column merging several spans joins either neighbour without hiding its words. */
static gboolean
thread_piece_merge (Piece   *last,
                    double   x0,
                    double   x1,
                    gint64   span,
                    guint64  key)
{
  if (span >= 0 && last->span >= 0 && last->key != key)
    return FALSE;

  if (span >= 0 && last->span >= 0)
    ;  /* the same words */
  else if (span < 0 && last->span >= 0 && x1 - x0 <= 1.5)
    ;  /* a column of other things after it */
  else if (span >= 0 && last->span < 0 && last->x1 - last->x0 <= 1.5)
    {
      last->span = span;  /* a column of other things before it */
      last->key = key;
    }
  else
    {
      last->span = -1;
      last->key = 0;
    }
  last->x1 = x1;
  return TRUE;
}

static void
emit (Ctx      *ctx,
      GArray   *pieces,
      double    x0,
      double    x1,
      Look      look,
      gint64    span,
      double    level,
      guint64   key,
      gboolean  stale)
{
  Piece *last;
  Piece piece = { x0, x1, look, span, level, key, stale };

  if (x1 <= x0 || look == LOOK_NONE)
    return;

  if (pieces->len > 0 && !ctx->keep_span)
    {
      last = &g_array_index (pieces, Piece, pieces->len - 1);
      if (last->look == look && fabs (last->level - level) < 1e-9 && x0 - last->x1 < 0.01 &&
          thread_piece_merge (last, x0, x1, span, key))
        return;
    }
  else if (pieces->len > 0)
    {
      last = &g_array_index (pieces, Piece, pieces->len - 1);
      if (last->look == look && fabs (last->level - level) < 1e-9 && x0 - last->x1 < 0.01 &&
          (!ctx->keep_span || last->key == key))
        {
          last->x1 = x1;
          last->stale = last->stale || stale;
          /* A resource's pieces merge only when their words are the same (same owner,
           * same waiters): keep the first span's. A thread's may differ (another
           * activity): then the piece has no words. */
          if (last->span != span && !(ctx->keep_span && span >= 0 && last->span >= 0))
            last->span = -1;
          return;
        }
    }
  g_array_append_val (pieces, piece);
}

/* Columns ahead whose spans a walk asks the model to fetch into the cache. */
#define WALK_PREFETCH 2

void
weft_timeline_walk_lane (Ctx          *ctx,
                         guint         subject,
                         SpanAtFunc    span_at,
                         MergeFunc     merge,
                         PrefetchFunc  prefetch)
{
  double width = ctx->layout.plot_width;
  double x = MAX (0.0, time_to_x (ctx, 0));

  g_array_set_size (ctx->pieces, 0);
  g_array_set_size (ctx->pieces2, 0);

  while (x < width)
    {
      guint64 t0 = x_to_time (ctx, x);
      double xn = MIN (floor (x) + 1.0, width);
      guint64 t1 = x_to_time (ctx, xn);
      guint64 span_end;
      Looks looks = { LOOK_NONE, 0, LOOK_NONE, 0, 0, FALSE };
      gint64 span;

      if (t0 >= ctx->end_ns)
        break;
      t1 = MIN (t1, ctx->end_ns);
      /* A dense lane's next columns each start in spans not read yet, straight from
       * memory: fetched now, they arrive while this column and the next are drawn. */
      if (xn + WALK_PREFETCH < width)
        prefetch (ctx->model, subject, x_to_time (ctx, xn + WALK_PREFETCH));

      span = span_at (ctx, subject, t0, &span_end, &looks);
      if (span < 0)
        {
          x = xn;
          continue;
        }
      if (span_end >= t1)
        {
          /* One span covers the rest of the column: draw it to its own end. */
          double xe = MIN (time_to_x (ctx, MIN (span_end, ctx->end_ns)), width);

          if (xe <= x)
            xe = xn;
          emit (ctx, ctx->pieces, x, xe, looks.look, span, looks.level, looks.key, FALSE);
          emit (ctx, ctx->pieces2, x, xe, looks.look2, span, looks.level2, looks.key, FALSE);
          x = xe;
        }
      else
        {
          merge (ctx, subject, t0, t1, &looks);
          emit (ctx, ctx->pieces, x, xn, looks.look, -1, looks.level, 0, looks.stale);
          emit (ctx, ctx->pieces2, x, xn, looks.look2, -1, looks.level2, 0, FALSE);
          x = xn;
        }
    }
}

/* After a deadlock the actors and objects of the cycle stay as they were for good: their
 * last piece is drawn to the right edge, even past the end of the run. */
gboolean
weft_timeline_in_cycle (WeftModel *model,
                        gboolean   actor,
                        guint      index)
{
  const WeftModelEdge *edges;
  guint n_edges;

  if (!weft_model_get_deadlock (model, NULL, &edges, &n_edges))
    return FALSE;
  for (guint i = 0; i < n_edges; i++)
    if ((actor ? edges[i].actor : edges[i].object) == index)
      return TRUE;
  return FALSE;
}

void
weft_timeline_extend_frozen (Ctx      *ctx,
                             gboolean  actor,
                             guint     index,
                             GArray   *pieces)
{
  Piece *last;
  double x_end = time_to_x (ctx, ctx->end_ns);

  if (pieces->len == 0 || !weft_timeline_in_cycle (ctx->model, actor, index))
    return;
  last = &g_array_index (pieces, Piece, pieces->len - 1);
  if (last->x1 >= x_end - 1.0)
    last->x1 = MAX (last->x1, ctx->layout.plot_width);
}
