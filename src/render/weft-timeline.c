/* weft-timeline.c — a frame of the timeline: a lane per thread and per resource,
 * hand-offs, the deadlock cycle, a time (or step) axis, drawn in that order by the files
 * weft-timeline-private.h lists.
 *
 * Level of detail. A lane is walked pixel column by pixel column, but a span that covers
 * a column entirely is drawn as one bar up to its own end, skipping the columns it covers.
 * A column holding several spans is merged into one piece: the state the thread spent
 * most of the column's time in, or a resource's mean use over the column, both read from
 * the model's checkpointed sums. Touching pieces with the same look are one rectangle, and
 * every rectangle of one look is filled at once. So a lane costs at most one rectangle and
 * a few binary searches per column, whatever the number of events behind it.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "weft-timeline-private.h"

/* A frame's working arrays, kept from one frame to the next rather than allocated afresh:
 * a block past glibc's mmap threshold is mapped anew at each allocation, and each fresh
 * page costs a fault, 13 µs on this project's VM (docs/architecture.md, "The model's
 * memory"). One set is kept, as large as the largest frame drawn so far, for the rest of
 * the process; frames drawn at the same time on other threads, or inside a frame, make
 * their own. */
typedef struct
{
  GArray     *pieces;
  GArray     *pieces2;
  GArray     *labels;
  GHashTable *fills;
} Scratch;

static Scratch *spare_scratch;

static Scratch *
scratch_take (void)
{
  Scratch *scratch = g_atomic_pointer_exchange (&spare_scratch, NULL);

  if (scratch != NULL)
    return scratch;
  scratch = g_new0 (Scratch, 1);
  scratch->pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  scratch->pieces2 = g_array_new (FALSE, FALSE, sizeof (Piece));
  scratch->labels = g_array_new (FALSE, FALSE, sizeof (Label));
  scratch->fills = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  return scratch;
}

static void
scratch_give_back (Scratch *scratch)
{
  g_array_set_size (scratch->pieces, 0);
  g_array_set_size (scratch->pieces2, 0);
  g_array_set_size (scratch->labels, 0);
  if (g_atomic_pointer_compare_and_exchange (&spare_scratch, NULL, scratch))
    return;
  g_array_unref (scratch->pieces);
  g_array_unref (scratch->pieces2);
  g_array_unref (scratch->labels);
  g_hash_table_unref (scratch->fills);
  g_free (scratch);
}

void
weft_timeline_draw (cairo_t                *cr,
                    WeftModel              *model,
                    const WeftTheme        *theme,
                    const WeftTimelineView *view,
                    double                  width,
                    double                  height,
                    WeftRenderStats        *stats)
{
  Ctx ctx = { 0 };
  WeftTimelineView whole;
  Scratch *scratch;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (model != NULL);
  g_return_if_fail (theme != NULL);

  if (view == NULL || view->end <= view->start)
    {
      whole = (WeftTimelineView) { 0, 0, TRUE, view != NULL ? view->font_size : 0,
                                   view != NULL ? view->text_cache : NULL };
      weft_timeline_view_whole (model, &whole);
      view = &whole;
    }

  ctx.cr = cr;
  ctx.model = model;
  ctx.theme = theme;
  ctx.view = view;
  ctx.stats = stats;
  ctx.end_ns = weft_model_get_end_ns (model);
  weft_timeline_get_layout (model, view, width, height, &ctx.layout);
  ctx.px_per_unit = ctx.layout.plot_width / (view->end - view->start);
  if (view->text_cache != NULL)
    ctx.context = weft_text_cache_begin_frame (view->text_cache, cr);
  ctx.text = timeline_create_layout (&ctx, ctx.layout.font_size, FALSE);
  ctx.small = timeline_create_layout (&ctx, ctx.layout.font_size * 0.85, FALSE);
  scratch = scratch_take ();
  ctx.pieces = scratch->pieces;
  ctx.pieces2 = scratch->pieces2;
  ctx.fills = scratch->fills;
  ctx.labels = scratch->labels;

  cairo_save (cr);
  weft_timeline_draw_lane_backgrounds (&ctx);
  weft_timeline_draw_axis (&ctx);

  cairo_save (cr);
  /* Nothing is drawn where history was dropped (weft_model_get_forgotten()): the model
   * may still hold a few spans from there (it forgets in blocks), and a span that
   * crossed a jump of the window's reader would claim a state nobody saw. */
  {
    double known_x = 0;

    if (weft_model_get_forgotten (model, NULL) > 0)
      known_x = CLAMP (time_to_x (&ctx, weft_model_get_forgotten (model, NULL)), 0, ctx.layout.plot_width);
    cairo_rectangle (cr, ctx.layout.plot_x + known_x, 0, ctx.layout.plot_width - known_x, height);
  }
  cairo_clip (cr);
  for (guint lane = 0, drawn = 0; lane < ctx.layout.n_lanes;
       lane = weft_timeline_next_lane (&ctx.layout, lane), drawn++)
    {
      double y = weft_timeline_lane_y (&ctx.layout, lane);
      double h = ctx.layout.lane_height;

      if (weft_model_get_lane_kind (model, lane) == WEFT_LANE_THREAD)
        weft_timeline_draw_thread_lane (&ctx, weft_model_get_lane_subject (model, lane), y, h);
      else
        weft_timeline_draw_resource_lane (&ctx, lane, y, h);

      /* Keep memory flat on huge models: fill every few hundred lanes. */
      if (drawn % 256 == 255)
        weft_timeline_flush_fills (&ctx);
    }
  weft_timeline_draw_bands (&ctx);
  weft_timeline_flush_fills (&ctx);
  weft_timeline_draw_labels (&ctx);
  weft_timeline_draw_chips (&ctx);
  weft_timeline_draw_flows (&ctx);
  weft_timeline_draw_deadlock (&ctx);
  weft_timeline_draw_value_marks (&ctx);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_rectangle (cr, ctx.layout.plot_x, 0, ctx.layout.plot_width, height);
  cairo_clip (cr);
  weft_timeline_draw_forgotten (&ctx);
  cairo_restore (cr);

  weft_timeline_draw_lane_names (&ctx);
  weft_timeline_draw_band_names (&ctx);
  cairo_restore (cr);

  g_object_unref (ctx.text);
  g_object_unref (ctx.small);
  scratch_give_back (scratch);
  g_clear_pointer (&ctx.chips, g_array_unref);
}
