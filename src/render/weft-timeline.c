/* weft-timeline.c — the timeline: a lane per thread and per resource, hand-offs, the
 * deadlock cycle, a time (or step) axis.
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

#include <math.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "weft-timeline-private.h"

/* Geometry ------------------------------------------------------------------------------ */

static int
text_width (PangoLayout *layout,
            const char  *text)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}

/* A lane name needs its line and a little more (see weft_timeline_draw_lane_names()); the
 * words inside a bar ("thinking · next: take the left fork") need a lane this many times
 * the type size. */
#define NAME_ROOM 1.05
#define BAR_WORDS_ROOM 1.3
/* Below this many pixels a lane (were all drawn), the big blocks get a density band. */
#define BAND_MIN_LANE 4.0
/* …and the lanes drawn under the bands are at least this high. */
#define BAND_LANE 12.0

/* Lane names shrink to fit their lanes down to this size, rather than drop out. */
#define MIN_LANE_FONT_SIZE 10.0

static void
layout_with_font (WeftModel          *model,
                  double              font_size,
                  double              width,
                  double              height,
                  WeftTimelineLayout *layout);

/* Every lane drawn but too thin for a line of text at the asked size (a short pane,
 * large text, a 2× screen): the type shrinks to fit them, to a floor, so that no thread
 * loses its name nor its bars their words. When lanes are thinned (hundreds of threads),
 * names already go. */
void
weft_timeline_get_layout (WeftModel              *model,
                          const WeftTimelineView *view,
                          double                  width,
                          double                  height,
                          WeftTimelineLayout     *layout)
{
  double font_size = view != NULL && view->font_size > 0 ? view->font_size
                                                         : weft_render_font_size (width, height);

  layout_with_font (model, font_size, width, height, layout);
  for (int attempt = 0; attempt < 3; attempt++)
    {
      double fitted;

      double room = MAX (layout->line_height * NAME_ROOM, layout->font_size * BAR_WORDS_ROOM);

      if (layout->stride != 1 || layout->stride_resources != 1 || layout->lane_height >= room)
        break;
      fitted = MAX (MIN_LANE_FONT_SIZE, floor (layout->font_size * layout->lane_height / room));
      if (fitted >= layout->font_size)
        break;
      layout_with_font (model, fitted, width, height, layout);
    }
}

static void
layout_with_font (WeftModel          *model,
                  double              font_size,
                  double              width,
                  double              height,
                  WeftTimelineLayout *layout)
{
  guint n_lanes = weft_model_get_n_lanes (model);
  guint n_threads = weft_model_get_n_actors (model);
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cairo_t *cr = cairo_create (scratch);
  PangoLayout *text = weft_render_create_layout (cr, weft_theme_get (WEFT_THEME_LIGHT), font_size, FALSE);
  double widest = 0;
  double available;
  guint shown;

  memset (layout, 0, sizeof *layout);
  layout->font_size = font_size;
  layout->n_lanes = n_lanes;
  layout->n_thread_lanes = MIN (n_threads, n_lanes);

  /* The label column fits the longest name, within a quarter of the width. Measuring
   * every name of a thousand lanes each frame would cost more than drawing them: only the
   * names longest in characters are measured. */
  {
    gsize longest = 0;

    for (guint i = 0; i < n_lanes; i++)
      longest = MAX (longest, strlen (lane_label (model, i)));
    /* Up to 16 names of each of the three longest lengths. */
    for (gsize length = longest; length + 3 > longest && length > 0; length--)
      for (guint i = 0, n_measured = 0; i < n_lanes && n_measured < 16; i++)
        {
          const char *label = lane_label (model, i);

          if (strlen (label) != length)
            continue;
          widest = MAX (widest, text_width (text, label));
          n_measured++;
        }
  }
  widest = MAX (widest, text_width (text, _("step")));
  {
    int line_w, line_h;

    pango_layout_set_text (text, "Ag", -1);
    pango_layout_get_pixel_size (text, &line_w, &line_h);
    layout->line_height = line_h;
  }
  layout->label_width = ceil (MIN (widest + font_size * 1.0, width * 0.25));
  layout->plot_x = layout->label_width;
  layout->plot_width = MAX (1.0, width - layout->plot_x);

  layout->axis_height = ceil (font_size * 2.2);
  layout->axis_y = height - layout->axis_height;
  /* A strip on top for the deadlock's label, so it never covers a lane's words. */
  layout->lanes_y = weft_model_get_deadlock (model, NULL, NULL, NULL) ? ceil (font_size * 1.5) : 0;
  layout->gap = n_lanes > layout->n_thread_lanes ? ceil (font_size * 0.6) : 0;
  available = MAX (1.0, layout->axis_y - layout->lanes_y - layout->gap);

  /* Lanes thinner than a few pixels are noise: a density band on top of each big block
   * says how many are in each state, and the thinned lanes below show a few of them. */
  if ((double) n_lanes * BAND_MIN_LANE > available)
    {
      double mean[WEFT_N_STATES];
      gboolean threads = weft_model_get_thread_census (model, 0, 0, mean);
      gboolean resources = weft_model_get_resource_census (model, 0, 0, NULL, NULL);
      double share = threads && resources ? 0.3 : 0.4;

      if (threads)
        layout->threads_band_height = floor (available * share);
      if (resources)
        layout->resources_band_height = floor (available * share);
      available = MAX (1.0, available - layout->threads_band_height - layout->resources_band_height);
    }

  /* Below two pixels a lane, only every stride-th of each block is drawn. The resource
   * lanes of the kinds with few lanes come first (see the model) and are always drawn,
   * when they are few: only the last, biggest kind is thinned. */
  {
    guint nt = layout->n_thread_lanes, nr = n_lanes - nt;
    /* With a band, the thinned lanes are a sample to read: a few pixels each. */
    double min_lane = layout->threads_band_height + layout->resources_band_height > 0
                        ? MAX (BAND_LANE, floor (font_size * 0.9)) : 2.0;
    guint rows = MAX (2u, (guint) (available / min_lane));
    guint n_last = 0;

    for (guint lane = n_lanes; lane > nt &&
         weft_model_get_lane_kind (model, lane - 1) == weft_model_get_lane_kind (model, n_lanes - 1);
         lane--)
      n_last++;

    layout->stride = layout->stride_resources = 1;
    layout->n_whole = nr;
    if (nt + nr > rows)
      {
        guint whole = nr - n_last <= 16 ? nr - n_last : 0;
        guint thinned = nr - whole;
        guint s = 1;

        if (thinned <= 8 && nr < rows)
          {
            whole = nr;
            thinned = 0;
          }
        layout->n_whole = whole;
        if (rows <= whole + 1)
          rows = whole + 2;
        while ((nt + s - 1) / s + whole + (thinned + s - 1) / s > rows)
          s++;
        layout->stride = layout->stride_resources = s;
        /* Few threads among many resources (or the reverse): thin only the big block. */
        if (thinned == 0)
          {
            layout->stride_resources = 1;
            for (s = 1; (nt + s - 1) / s + whole > rows; s++)
              ;
            layout->stride = s;
          }
      }
    shown = MAX (1u, (nt + layout->stride - 1) / layout->stride + layout->n_whole +
                     (nr - layout->n_whole + layout->stride_resources - 1) / layout->stride_resources);
  }

  /* Lanes are at most four lines high. A block of few lanes is centred vertically, with
   * the axis right under it, rather than left at the top of an empty area. */
  layout->lane_height = MIN (available / shown, font_size * 4.0);
  {
    double used = shown * layout->lane_height + layout->threads_band_height +
                  layout->resources_band_height;
    double spare = available - used;

    if (spare > 1.0)
      {
        layout->lanes_y += floor (spare / 2);
        layout->axis_y = layout->lanes_y + layout->gap + used;
      }
  }
  g_object_unref (text);
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
}

double
weft_timeline_lane_y (const WeftTimelineLayout *layout,
                      guint                     lane)
{
  guint nt = layout->n_thread_lanes;
  guint j, row;

  if (lane >= layout->n_lanes)
    return -1;
  if (lane < nt)
    {
      if (lane % layout->stride != 0)
        return -1;
      return threads_top (layout) + (lane / layout->stride) * layout->lane_height;
    }
  j = lane - nt;
  if (j < layout->n_whole)
    row = j;
  else if ((j - layout->n_whole) % layout->stride_resources == 0)
    row = layout->n_whole + (j - layout->n_whole) / layout->stride_resources;
  else
    return -1;
  return resources_top (layout) + row * layout->lane_height;
}

guint
weft_timeline_next_lane (const WeftTimelineLayout *layout,
                         guint                     lane)
{
  guint nt = layout->n_thread_lanes;

  if (lane < nt)
    {
      lane += layout->stride;
      return lane < nt ? lane : nt;
    }
  if (lane - nt + 1 <= layout->n_whole)
    return lane + 1;
  return lane + layout->stride_resources;
}

int
weft_timeline_lane_at (const WeftTimelineLayout *layout,
                       double                    y)
{
  double threads_end = threads_bottom (layout);
  guint lane;

  if (y < threads_top (layout) || y >= layout->axis_y)
    return -1;
  if (y < threads_end)
    lane = (guint) floor ((y - threads_top (layout)) / layout->lane_height) * layout->stride;
  else
    {
      guint row;

      if (y < resources_top (layout))
        return -1;
      row = (guint) floor ((y - resources_top (layout)) / layout->lane_height);
      lane = layout->n_thread_lanes +
             (row < layout->n_whole ? row
                                    : layout->n_whole + (row - layout->n_whole) * layout->stride_resources);
    }
  if (lane >= layout->n_lanes)
    return -1;
  return (int) lane;
}

double
weft_timeline_axis_at (const WeftTimelineLayout *layout,
                       const WeftTimelineView   *view,
                       double                    x)
{
  return view->start + (x - layout->plot_x) * (view->end - view->start) / layout->plot_width;
}

/* Pieces --------------------------------------------------------------------------------- */

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

static void
add_fill (Ctx    *ctx,
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
weft_timeline_fill_rect (Ctx    *ctx,
                         Look    look,
                         double  x,
                         double  y,
                         double  w,
                         double  h)
{
  add_fill (ctx, look, x, y, w, h);
}

/* Walks a lane's columns. @span_at returns the span in effect at a time and when it ends;
 * @merge gives a merged column's look. Both come from the model. A lane may have a
 * second row of pieces (a resource's waiters), found in the same walk: same spans, same
 * columns, another look. */
typedef struct
{
  Look   look;
  double level;
  Look   look2;   /* LOOK_NONE when there is no second row */
  double level2;
  guint64 key;    /* see Piece */
  gboolean stale; /* see Piece */
} Looks;

typedef gint64 (*SpanAtFunc) (Ctx *ctx, guint subject, guint64 t, guint64 *span_end,
                              Looks *looks);
typedef void   (*MergeFunc)  (Ctx *ctx, guint subject, guint64 t0, guint64 t1,
                              Looks *looks);
typedef void   (*PrefetchFunc) (WeftModel *model, guint subject, guint64 t);

/* Columns ahead whose spans a walk asks the model to fetch into the cache. */
#define WALK_PREFETCH 2

static void
walk_lane (Ctx          *ctx,
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

/* Threads -------------------------------------------------------------------------------- */

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
  if (text_width (ctx->text, text) + ctx->layout.font_size * 0.6 <= width)
    return text;
  g_free (text);

  text = weft_model_describe_next (ctx->model, actor,
                                   span->detail < WEFT_N_OPS ? (WeftOp) span->detail : WEFT_OP_NONE,
                                   span->object);
  if (text_width (ctx->text, text) + ctx->layout.font_size * 0.6 <= width)
    return text;
  g_free (text);
  return g_strdup (weft_op_get_label (span->detail < WEFT_N_OPS ? span->detail : 0));
}

static double
channel_luminance (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/* Whether white text reads better than black on @c (WCAG contrast ratios). */
static gboolean
is_dark (const WeftRgba *c)
{
  double l = 0.2126 * channel_luminance (c->r) + 0.7152 * channel_luminance (c->g) +
             0.0722 * channel_luminance (c->b);

  return 1.05 / (l + 0.05) > (l + 0.05) / 0.05;
}

/* Draws @text centred in the box if it fits; returns whether it did. */
static gboolean
draw_fitted_text (Ctx            *ctx,
                  PangoLayout    *layout,
                  const char     *text,
                  double          x,
                  double          y,
                  double          w,
                  double          h,
                  const WeftRgba *ink)
{
  int tw, th;

  if (text == NULL || w < ctx->layout.font_size * 1.2)
    return FALSE;
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &tw, &th);
  if (tw + ctx->layout.font_size * 0.6 > w || th > h + 2)
    return FALSE;
  weft_theme_set_source (ctx->cr, ink);
  cairo_move_to (ctx->cr, round (x + (w - tw) / 2), round (y + (h - th) / 2));
  weft_render_show_layout (ctx->cr, layout);
  weft_render_stats_add (ctx->stats, 0, 1, 0, 0);
  return TRUE;
}

/* Queues @text (taken) to be drawn inside the box, on @background, if it fits. */
static void
defer_label (Ctx            *ctx,
             double          x,
             double          y,
             double          w,
             double          h,
             const WeftRgba *background,
             char           *text)
{
  Label label = { x, y, w, h, { 0 }, text };

  label.ink = is_dark (background) ? (WeftRgba) { 1, 1, 1, 1 } : (WeftRgba) { 0.05, 0.05, 0.05, 1 };
  g_array_append_val (ctx->labels, label);
}

static void
draw_thread_lane (Ctx   *ctx,
                  guint  actor,
                  double y,
                  double h)
{
  guint n;
  const WeftThreadSpan *spans = weft_model_get_thread_spans (ctx->model, actor, &n);
  double bar_y, bar_h;
  gboolean labels = h >= ctx->layout.font_size * BAR_WORDS_ROOM;

  thread_bar (ctx, y, h, &bar_y, &bar_h);
  walk_lane (ctx, actor, thread_span_at, thread_merge, weft_model_prefetch_thread_time);

  for (guint i = 0; i < ctx->pieces->len; i++)
    {
      const Piece *p = &g_array_index (ctx->pieces, Piece, i);
      double px = ctx->layout.plot_x + p->x0;
      double pw = p->x1 - p->x0;

      if (p->look == WEFT_STATE_DONE)
        add_fill (ctx, p->look, px, bar_y + bar_h * 0.4, pw, bar_h * 0.2);
      else
        add_fill (ctx, p->look, px, bar_y, pw, bar_h);
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
          text_width (ctx->text, text) + ctx->layout.font_size * 0.6 > p->x1 - p->x0)
        {
          g_free (text);
          text = parked_short_text (ctx, actor, &spans[p->span], p->x1 - p->x0);
        }
      /* "waiting for fork 2" too long: "→ fork 2". */
      if (text != NULL && (spans[p->span].state == WEFT_STATE_BLOCKED ||
                           spans[p->span].state == WEFT_STATE_WAITING) &&
          text_width (ctx->text, text) + ctx->layout.font_size * 0.6 > p->x1 - p->x0)
        {
          g_free (text);
          /* Translators: inside a narrow blocked or waiting bar: what the thread waits
           * for, "→ fork 2". */
          text = g_strdup_printf (_("→ %s"), weft_model_get_object_name (ctx->model, spans[p->span].object));
        }
      if (text != NULL)
        defer_label (ctx, ctx->layout.plot_x + p->x0, bar_y, p->x1 - p->x0, bar_h,
                     &ctx->theme->state[p->look], text);
    }
}

/* Resources ------------------------------------------------------------------------------ */

static void extend_frozen (Ctx      *ctx,
                           gboolean  actor,
                           guint     index,
                           GArray   *pieces);



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
  guint first = ctx->chips->len;
  guint n = span->n_list + (span->value > span->n_list ? 1 : 0);

  if (h < ctx->layout.font_size * 1.1)
    return FALSE;

  for (guint k = 0; k < n; k++)
    {
      Chip chip = { 0 };
      int tw, th;

      if (k < span->n_list)
        g_snprintf (chip.text, sizeof chip.text, "%d", items[k]);
      else
        g_snprintf (chip.text, sizeof chip.text, "+%d", span->value - span->n_list);
      pango_layout_set_text (ctx->small, chip.text, -1);
      pango_layout_get_pixel_size (ctx->small, &tw, &th);
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

static void
draw_chips (Ctx *ctx)
{
  cairo_t *cr = ctx->cr;
  double r = ctx->layout.font_size * 0.25;

  cairo_new_path (cr);
  for (guint i = 0; i < ctx->chips->len; i++)
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

  if (is_dark (&ctx->theme->queue))
    cairo_set_source_rgb (cr, 1, 1, 1);
  else
    cairo_set_source_rgb (cr, 0.05, 0.05, 0.05);
  for (guint i = 0; i < ctx->chips->len; i++)
    {
      const Chip *c = &g_array_index (ctx->chips, Chip, i);
      int tw, th;

      pango_layout_set_text (ctx->small, c->text, -1);
      pango_layout_get_pixel_size (ctx->small, &tw, &th);
      cairo_move_to (cr, round (c->x + (c->w - tw) / 2), round (c->y + (c->h - th) / 2));
      weft_render_show_layout (cr, ctx->small);
    }
  weft_render_stats_add (ctx->stats, 0, ctx->chips->len, 0, ctx->chips->len);
  g_array_set_size (ctx->chips, 0);
}

/* Appends the step line of pieces [first, last) to the path: each piece a level at
 * bottom - (level - lo) * scale. */
static void
step_line_path (Ctx    *ctx,
                guint   first,
                guint   last,
                double  bottom,
                double  scale,
                double  lo)
{
  for (guint i = first; i < last; i++)
    {
      const Piece *p = &g_array_index (ctx->pieces, Piece, i);
      double py = bottom - (p->level - lo) * scale;

      if (i == first)
        cairo_move_to (ctx->cr, ctx->layout.plot_x + p->x0, py);
      else
        cairo_line_to (ctx->cr, ctx->layout.plot_x + p->x0, py);
      cairo_line_to (ctx->cr, ctx->layout.plot_x + p->x1, py);
    }
}

/* Pixel columns per strip of a stroked step line (see stroke_step_line()). */
#define STEP_STRIP 32

/* Strokes the step line of the lane's pieces with the current source and line width.
 *
 * A dense lane has a level per pixel column, and cairo 1.16 turns the stroke into one
 * box per segment whose scan conversion costs about the number of boxes times the number
 * of distinct edges in a pixel row: quadratic in the columns (3.5 ms of a 1920-pixel,
 * 1 M-event frame, a fifth of it). On an image surface the line is therefore stroked in
 * strips of whole pixel columns, each clipped to its strip (a pixel-aligned clip is a
 * region, not a mask) and stroking only the pieces that reach it plus a margin wider
 * than any join or cap: within the strip that is the same geometry as the whole line's,
 * and every pixel is composited once, by its own strip, so the pixels are the same.
 * Vector surfaces get the one path (their files stay the same, and they pay nothing for
 * the scan conversion). */
static void
stroke_step_line (Ctx    *ctx,
                  double  bottom,
                  double  scale,
                  double  lo)
{
  cairo_t *cr = ctx->cr;
  cairo_surface_t *target = cairo_get_group_target (cr);
  guint n = ctx->pieces->len;
  double margin = cairo_get_line_width (cr) * 2 + 2;
  double sx, sy, ox, oy, cx0, cy0, cx1, cy1;
  double x_end;
  cairo_matrix_t m;
  guint first = 0;
  gboolean region = FALSE;

  cairo_get_matrix (cr, &m);
  cairo_surface_get_device_scale (target, &sx, &sy);
  cairo_surface_get_device_offset (target, &ox, &oy);
  cairo_clip_extents (cr, &cx0, &cy0, &cx1, &cy1);
  /* Only where the clip is a region (cairo lists its rectangles only then): a pixel of a
   * strip then gets the coverage the whole stroke gave it. Through a clip that is a mask
   * (a drawing at a fractional offset or scale) the coverage is rounded otherwise. */
  if (n >= 2 * STEP_STRIP && cairo_surface_get_type (target) == CAIRO_SURFACE_TYPE_IMAGE &&
      m.xy == 0 && m.yx == 0 && m.xx > 0)
    {
      cairo_rectangle_list_t *clip = cairo_copy_clip_rectangle_list (cr);

      region = clip->status == CAIRO_STATUS_SUCCESS;
      cairo_rectangle_list_destroy (clip);
    }
  if (!region)
    {
      cairo_new_path (cr);
      step_line_path (ctx, 0, n, bottom, scale, lo);
      cairo_stroke (cr);
      return;
    }

  /* Strip edges on whole pixels of the surface: user x to pixel is
   * (xx · x + x0) · device scale + device offset. */
  x_end = ctx->layout.plot_x + g_array_index (ctx->pieces, Piece, n - 1).x1 + margin;
  {
    double px = floor ((m.xx * (ctx->layout.plot_x + g_array_index (ctx->pieces, Piece, 0).x0) + m.x0) * sx + ox);

    for (;;)
      {
        double u0 = ((px - ox) / sx - m.x0) / m.xx;
        double u1 = ((px + STEP_STRIP - ox) / sx - m.x0) / m.xx;
        guint last;

        if (u0 >= x_end)
          break;
        /* The pieces from the last one starting a margin before the strip to the first
         * one ending a margin after it. */
        while (first + 1 < n &&
               ctx->layout.plot_x + g_array_index (ctx->pieces, Piece, first + 1).x0 <= u0 - margin)
          first++;
        last = first;
        while (last < n && ctx->layout.plot_x + g_array_index (ctx->pieces, Piece, last).x1 < u1 + margin)
          last++;
        last = MIN (last + 1, n);

        cairo_save (cr);
        cairo_new_path (cr);
        cairo_rectangle (cr, u0, cy0, u1 - u0, cy1 - cy0);
        cairo_clip (cr);
        step_line_path (ctx, first, last, bottom, scale, lo);
        cairo_stroke (cr);
        cairo_restore (cr);
        px += STEP_STRIP;
      }
  }
}

/* Appends the lost-update marks at @xs (@n of them, in increasing order) to the path:
 * triangles @size high pointing down from @top, as the outline of their union.
 *
 * A dense lane has a stale write in most pixel columns, and cairo 1.16 scan-converts
 * overlapping triangles in one fill at a cost growing with the edges crossing each pixel
 * row: 1,700 triangles 1.2 × size wide stack a dozen deep, the fifth of a 1 M-event frame.
 * Their union is a sawtooth: along the top edge, down to each apex and back up to where
 * the next triangle's edge crosses this one's, halfway between the apexes. It covers the
 * same pixels; only the coverage of a few edge pixels may differ by a rounding step
 * (≤ 2/255), where the crossing points are computed rather than sampled. */
static void
lost_update_path (cairo_t      *cr,
                  const double *xs,
                  guint         n,
                  double        top,
                  double        size)
{
  double half = size * 0.6;
  guint i = 0;

  while (i < n)
    {
      guint j = i;

      cairo_move_to (cr, xs[i] - half, top);
      cairo_line_to (cr, xs[i], top + size);
      /* The triangles overlapping the last one belong to the same outline. */
      while (j + 1 < n && xs[j + 1] - xs[j] < 2 * half)
        {
          double d = xs[j + 1] - xs[j];

          if (d > 0)
            {
              cairo_line_to (cr, xs[j] + d / 2, top + size * (1 - d / (2 * half)));
              cairo_line_to (cr, xs[j + 1], top + size);
            }
          j++;
        }
      cairo_line_to (cr, xs[j] + half, top);
      cairo_close_path (cr);
      i = j + 1;
    }
}

static void
draw_resource_lane (Ctx          *ctx,
                    guint         lane,
                    double        y,
                    double        h)
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
      ctx->resource.scale = MAX (1, MAX (initial, initial - ctx->resource.min_value));
      break;
    case WEFT_LANE_QUEUE:
      ctx->resource.scale = MAX (1, MAX (initial, ctx->resource.max_value));
      break;
    case WEFT_LANE_LOCK:
    case WEFT_LANE_SHARED:
    case WEFT_LANE_THREAD:
    default:
      ctx->resource.scale = 1;
      break;
    }

  ctx->keep_span = TRUE;
  walk_lane (ctx, object, resource_span_at, resource_merge, weft_model_prefetch_resource_time);
  ctx->keep_span = FALSE;
  extend_frozen (ctx, FALSE, object, ctx->pieces);
  extend_frozen (ctx, FALSE, object, ctx->pieces2);

  if (ctx->resource.kind == WEFT_LANE_SHARED)
    {
      /* A step line of the value, scaled to the lane; stale writes marked. */
      double lo = ctx->resource.min_value, hi = ctx->resource.max_value;
      double range = hi > lo ? hi - lo : 1;
      cairo_t *cr = ctx->cr;
      GArray *marks = g_array_new (FALSE, FALSE, sizeof (double));
      double label_end = -G_MAXDOUBLE, label_top = 0, label_bottom = 0;
      double mark_h = MIN (h * 0.3, ctx->layout.font_size * 0.7) + 1;
      gint32 label_value = 0;

      weft_theme_set_source (cr, &ctx->theme->value);
      cairo_set_line_width (cr, MAX (1.5, ctx->layout.font_size / 8));
      stroke_step_line (ctx, use_y + use_h, use_h / range, lo);
      weft_render_stats_add (ctx->stats, 0, 0, 0, ctx->pieces->len);

      for (guint i = 0; i < ctx->pieces->len; i++)
        {
          const Piece *p = &g_array_index (ctx->pieces, Piece, i);
          gboolean stale;

          if (p->span >= 0)
            stale = (spans[p->span].flags & WEFT_SPAN_STALE_WRITE) != 0 &&
                    time_to_x (ctx, spans[p->span].start_ns) >= p->x0 - 0.5;
          else
            stale = p->stale;
          if (stale)
            {
              double mx = ctx->layout.plot_x + p->x0;

              g_array_append_val (marks, mx);
            }
          if (labels && p->span >= 0)
            {
              char value[32];
              int tw, th;
              double py = use_y + use_h - (p->level - lo) / range * use_h;
              double lx = ctx->layout.plot_x + p->x0 + ctx->layout.font_size * 0.3;
              double ty;

              /* Each new value is written where it starts, and may run on over the next
               * short steps, up to the next value written or the right edge. */
              g_snprintf (value, sizeof value, "%d", spans[p->span].value);
              pango_layout_set_text (ctx->small, value, -1);
              pango_layout_get_pixel_size (ctx->small, &tw, &th);
              /* Above the line unless the lost-update marks are there; a value the
               * label before already says (two sellers writing 9) is not written again. */
              ty = py - th - 1 >= y + mark_h ? py - th - 1 : py + 2;
              if (spans[p->span].value == label_value && label_end > -G_MAXDOUBLE)
                continue;
              if (lx + tw > ctx->layout.plot_x + ctx->layout.plot_width)
                lx = ctx->layout.plot_x + ctx->layout.plot_width - tw;
              if ((lx >= label_end || ty >= label_bottom || ty + th <= label_top) &&
                  lx >= ctx->layout.plot_x + p->x0 - ctx->layout.font_size * 2)
                {
                  cairo_save (cr);
                  cairo_new_path (cr);
                  weft_theme_set_source (cr, &ctx->theme->text);
                  cairo_move_to (cr, round (lx), round (ty));
                  weft_render_show_layout (cr, ctx->small);
                  cairo_restore (cr);
                  weft_render_stats_add (ctx->stats, 0, 1, 0, 0);
                  label_end = lx + tw + ctx->layout.font_size * 0.5;
                  label_value = spans[p->span].value;
                  label_top = ty;
                  label_bottom = ty + th;
                }
            }
        }
      /* Lost updates: a red triangle pointing down at the line. */
      cairo_new_path (cr);
      lost_update_path (cr, (const double *) (gpointer) marks->data, marks->len, y + 1,
                        MIN (h * 0.3, ctx->layout.font_size * 0.7));
      weft_theme_set_source (cr, &ctx->theme->deadlock);
      cairo_fill (cr);
      weft_render_stats_add (ctx->stats, 0, 0, 0, marks->len);
      g_array_unref (marks);
    }
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

          add_fill (ctx, p->look, ctx->layout.plot_x + p->x0, use_y + use_h - ph,
                    p->x1 - p->x0, ph);
        }

      if (weft_model_get_deadlock (model, &deadlock_ns, NULL, NULL))
        words_end = time_to_x (ctx, deadlock_ns);

      /* Words in the bars: the owner of a lock, a semaphore's free count, a queue's items.
       * They stop where a deadlock begins: the frozen lanes' outline and the cycle's
       * arrows are drawn there. */
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
          if (ctx->resource.kind == WEFT_LANE_LOCK && span->owner != WEFT_NONE && span->value > 0 &&
              span->owner == named_owner && p->x0 - named_end < 1.0)
            {
              /* The same holder as the piece before, which named it: only the waiters. */
              if (span->n_waiting > 0)
                text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u waiting", "%u waiting",
                                                     span->n_waiting), span->n_waiting);
            }
          else if (ctx->resource.kind == WEFT_LANE_LOCK && span->owner != WEFT_NONE && span->value > 0)
            {
              const char *owner = weft_model_get_actor_name (model, span->owner);

              /* The holder, and how many wait for it when that fits too. */
              if (span->n_waiting > 0)
                {
                  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u waiting",
                                                       "%s · %u waiting", span->n_waiting),
                                          owner, span->n_waiting);
                  if (text_width (ctx->text, text) + ctx->layout.font_size * 0.6 > p->x1 - p->x0)
                    g_clear_pointer (&text, g_free);
                }
              if (text == NULL)
                text = g_strdup (owner);
            }
          else if (ctx->resource.kind == WEFT_LANE_SEMAPHORE)
            {
              /* Translators: a semaphore's value in its lane. */
              text = g_strdup_printf (_("%d free"), span->value);
              /* The words sit on the bar when it is high enough, else on the lane. */
              background = p->level >= 0.5 ? &ctx->theme->held : &ctx->theme->background;
            }
          else if (ctx->resource.kind == WEFT_LANE_QUEUE && span->value > 0)
            {
              /* Zoomed in enough, the items themselves, as chips, next to get first. */
              if (!queue_chips (ctx, model, span, ctx->layout.plot_x + p->x0, p->x1 - p->x0,
                                use_y, use_h))
                {
                  /* Translators: a queue's length, in its lane. */
                  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d item", "%d items",
                                                       span->value), span->value);
                  background = p->level >= 0.5 ? &ctx->theme->queue : &ctx->theme->background;
                }
            }
          if (ctx->resource.kind == WEFT_LANE_LOCK)
            {
              if (span->owner != named_owner || text != NULL)
                named_owner = span->value > 0 ? span->owner : WEFT_NONE;
              named_end = p->x1;
            }
          if (text != NULL)
            {
              Label label = { ctx->layout.plot_x + p->x0, use_y, p->x1 - p->x0, use_h,
                              { 0 }, text };

              label.ink = background == &ctx->theme->background
                ? ctx->theme->text
                : (is_dark (background) ? (WeftRgba) { 1, 1, 1, 1 } : (WeftRgba) { 0.05, 0.05, 0.05, 1 });
              g_array_append_val (ctx->labels, label);
            }
        }
    }

  /* The waiters' strip, hatched like blocked threads. */
  for (guint i = 0; i < ctx->pieces2->len; i++)
    {
      const Piece *p = &g_array_index (ctx->pieces2, Piece, i);

      add_fill (ctx, p->look, ctx->layout.plot_x + p->x0, wait_y, p->x1 - p->x0, wait_h);
    }
}

/* Drawing -------------------------------------------------------------------------------- */

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

static void
flush_fills (Ctx *ctx)
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
      const WeftRgba *colour = look < WEFT_N_STATES ? &ctx->theme->state[look]
                               : LOOK_IS_SOLID (look) ? &ctx->theme->state[look - LOOK_SOLID (0)]
                               : look == LOOK_HELD ? &ctx->theme->held
                               : look == LOOK_QUEUE ? &ctx->theme->queue
                               : weft_theme_identity (ctx->theme, look - LOOK_IDENTITY (0));
      gboolean done = FALSE;

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
    }
  if (use_direct)
    direct_finish (&direct);
  g_list_free (looks);
  g_hash_table_remove_all (ctx->fills);
}

static void
draw_labels (Ctx *ctx)
{
  for (guint i = 0; i < ctx->labels->len; i++)
    {
      Label *label = &g_array_index (ctx->labels, Label, i);

      draw_fitted_text (ctx, ctx->text, label->text, label->x, label->y, label->w, label->h,
                        &label->ink);
      g_free (label->text);
    }
  g_array_set_size (ctx->labels, 0);
}

/* After a deadlock the actors and objects of the cycle stay as they were for good: their
 * last piece is drawn to the right edge, even past the end of the run. */
static gboolean
in_cycle (WeftModel *model,
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

static void
extend_frozen (Ctx      *ctx,
               gboolean  actor,
               guint     index,
               GArray   *pieces)
{
  Piece *last;
  double x_end = time_to_x (ctx, ctx->end_ns);

  if (pieces->len == 0 || !in_cycle (ctx->model, actor, index))
    return;
  last = &g_array_index (pieces, Piece, pieces->len - 1);
  if (last->x1 >= x_end - 1.0)
    last->x1 = MAX (last->x1, ctx->layout.plot_width);
}

void
weft_timeline_view_whole (WeftModel        *model,
                          WeftTimelineView *view)
{
  double start = weft_model_get_axis_start (model);
  double end = weft_model_get_axis_end (model);

  /* Room after the end: for the last value's words, and after a deadlock for the frozen
   * lanes and the cycle's arrows. */
  if (weft_model_get_deadlock (model, NULL, NULL, NULL))
    end += (end - start) * 0.04;
  else
    end += (end - start) * 0.06;
  view->start = start;
  view->end = end;
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

  g_return_if_fail (cr != NULL);
  g_return_if_fail (model != NULL);
  g_return_if_fail (theme != NULL);

  if (view == NULL || view->end <= view->start)
    {
      whole = (WeftTimelineView) { 0, 0, TRUE, view != NULL ? view->font_size : 0 };
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
  ctx.text = weft_render_create_layout (cr, theme, ctx.layout.font_size, FALSE);
  ctx.small = weft_render_create_layout (cr, theme, ctx.layout.font_size * 0.85, FALSE);
  ctx.pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  ctx.pieces2 = g_array_new (FALSE, FALSE, sizeof (Piece));
  ctx.fills = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  ctx.labels = g_array_new (FALSE, FALSE, sizeof (Label));
  ctx.chips = g_array_new (FALSE, FALSE, sizeof (Chip));

  cairo_save (cr);
  weft_timeline_draw_lane_backgrounds (&ctx);
  weft_timeline_draw_axis (&ctx);

  cairo_save (cr);
  cairo_rectangle (cr, ctx.layout.plot_x, 0, ctx.layout.plot_width, height);
  cairo_clip (cr);
  for (guint lane = 0, drawn = 0; lane < ctx.layout.n_lanes;
       lane = weft_timeline_next_lane (&ctx.layout, lane), drawn++)
    {
      double y = weft_timeline_lane_y (&ctx.layout, lane);
      double h = ctx.layout.lane_height;

      if (weft_model_get_lane_kind (model, lane) == WEFT_LANE_THREAD)
        {
          guint actor = weft_model_get_lane_subject (model, lane);

          draw_thread_lane (&ctx, actor, y, h);
          if (ctx.pieces->len > 0 && in_cycle (model, TRUE, actor))
            {
              Piece *last = &g_array_index (ctx.pieces, Piece, ctx.pieces->len - 1);
              double x1 = last->x1;

              extend_frozen (&ctx, TRUE, actor, ctx.pieces);
              if (last->x1 > x1)
                {
                  double by, bh;

                  thread_bar (&ctx, y, h, &by, &bh);
                  add_fill (&ctx, last->look, ctx.layout.plot_x + x1, by, last->x1 - x1, bh);
                }
            }
        }
      else
        draw_resource_lane (&ctx, lane, y, h);

      /* Keep memory flat on huge models: fill every few hundred lanes. */
      if (drawn % 256 == 255)
        flush_fills (&ctx);
    }
  weft_timeline_draw_bands (&ctx);
  flush_fills (&ctx);
  draw_labels (&ctx);
  draw_chips (&ctx);
  weft_timeline_draw_flows (&ctx);
  weft_timeline_draw_deadlock (&ctx);
  weft_timeline_draw_value_marks (&ctx);
  cairo_restore (cr);

  weft_timeline_draw_lane_names (&ctx);
  weft_timeline_draw_band_names (&ctx);
  cairo_restore (cr);

  g_object_unref (ctx.text);
  g_object_unref (ctx.small);
  g_array_unref (ctx.pieces);
  g_array_unref (ctx.pieces2);
  g_hash_table_unref (ctx.fills);
  g_array_unref (ctx.labels);
  g_array_unref (ctx.chips);
}
