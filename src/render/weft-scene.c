/* weft-scene.c — the scene: the resource-allocation graph of a run at one instant.
 *
 * Actors are circles filled with their state's colour and pattern, with their name and
 * what they do under or beside them; resources are rounded boxes (a lock with its name, a
 * semaphore with its free count, a queue with its items as chips, a shared variable with
 * its value); conditions, events and barriers are dashed boxes with their name only,
 * because a subscriber waiting on a condition is the lesson of pub/sub and its "wants"
 * edge needs somewhere to point. A "holds" edge runs solid from a resource to its owner
 * (a lock's owner, each semaphore holder), a "wants" edge dashed from a blocked or waiting
 * actor to what it waits on. Once the run has deadlocked, the cycle is drawn over them,
 * thick and red, and a caption names it.
 *
 * Placement follows the model's layout hint: a ring for the philosophers (each fork between
 * its two neighbours), a star for the bank and the ticket office (resources in the middle,
 * actors around), a pipeline for pub/sub (producers, queue, consumers).
 *
 * Level of detail: what is drawn is bounded by the number of actors and objects, and what
 * cannot be read is not drawn. As actors crowd, circles shrink, status lines go, then
 * labels are kept only where they do not overlap a neighbour's; then forks and edges go,
 * the circles of a ring become sectors of a band, and a count of actors per state takes
 * the names' place on the table (each running activity with its own tint, as in the
 * band). Marks of one state are filled as one path, so a thousand philosophers cost a few
 * dozen fills.
 *
 * Type grows with the pane and with the caller's text scale. A few actors are all named
 * whatever the size or language: a fork whose name does not fit between its philosophers
 * is named by its short form ("f2"), circles shrink to make room, and when that is not
 * enough the whole scene takes smaller type, down to a floor (weft_scene_layout()).
 *
 * This file takes the snapshot, chooses the type size and runs the layout and the drawing;
 * each part has its file: the layouts (weft-scene-ring.c, weft-scene-star.c,
 * weft-scene-pipeline.c), the resources' marks (weft-scene-marks.c), the actors'
 * (weft-scene-actors.c), their labels (weft-scene-labels.c), the edges
 * (weft-scene-edges.c), the captions (weft-scene-captions.c) and the hit tests
 * (weft-scene-hits.c).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "weft-scene-private.h"

static void
take_snapshot (WeftScene *scene)
{
  WeftModel *model = scene->model;
  guint64 deadlock_ns = 0;
  const WeftModelEdge *cycle = NULL;
  guint n_cycle = 0;

  for (guint i = 0; i < scene->n_actors; i++)
    {
      WeftSceneActor *mark = &scene->actors[i];
      gssize k = weft_model_find_thread_span (model, i, scene->time_ns);

      mark->state = WEFT_STATE_NEW;
      mark->object = WEFT_NONE;
      mark->activity = 0;
      mark->cycle_object = WEFT_NONE;
      if (k >= 0)
        {
          guint n;
          const WeftThreadSpan *span = &weft_model_get_thread_spans (model, i, &n)[k];

          mark->state = MIN (span->state, WEFT_N_STATES - 1);
          mark->object = span->object;
          mark->detail = span->detail;
          mark->activity = span->activity;
        }
    }

  for (guint i = 0; i < scene->n_objects; i++)
    {
      WeftSceneObject *mark = &scene->objects[i];
      gssize k = weft_model_find_resource_span (model, i, scene->time_ns);

      mark->kind = weft_model_get_object_kind (model, i);
      mark->cycle_holder = WEFT_NONE;
      if (k >= 0)
        {
          guint n;

          mark->span = weft_model_get_resource_spans (model, i, &n)[k];
          mark->has_span = TRUE;
        }
    }

  if (weft_model_get_deadlock (model, &deadlock_ns, &cycle, &n_cycle) &&
      scene->time_ns >= deadlock_ns)
    {
      scene->deadlock = TRUE;
      scene->cycle = cycle;
      scene->n_cycle = n_cycle;
      for (guint k = 0; k < n_cycle; k++)
        {
          const WeftModelEdge *edge = &cycle[k];
          const WeftModelEdge *next = &cycle[(k + 1) % n_cycle];

          if (edge->actor < scene->n_actors)
            scene->actors[edge->actor].cycle_object = edge->object;
          if (edge->object < scene->n_objects)
            scene->objects[edge->object].cycle_holder = next->actor;
        }
    }
}

/* The body type size of a scene of @width × @height. The scene often gets the left part
 * of a 16:9 page, under a title and over a legend: type is sized for the page it sits in
 * (as wide as 16:9, a fifth taller), so its names read like the timeline's. A few actors
 * are a diagram for the back row: type grows with the pane (a 500-pixel pane gets about
 * 19 px), up to half as large again as the page's. */
static double
scene_font_size (WeftModel *model,
                 double     width,
                 double     height)
{
  double fs = weft_render_font_size (MAX (width, height * 1.2 * 16.0 / 9.0), height * 1.2);

  if (weft_model_get_n_actors (model) <= 8 && weft_model_get_n_objects (model) <= 8)
    {
      double diagram = MIN (MIN (height / 26.0, width / 38.0), fs * 1.5);

      if (width >= fs * 50)
        fs *= 1.15;
      fs = MIN (MAX (fs, diagram), 40.0);
    }
  return fs;
}

/* Forgets what a layout decided, keeping the snapshot: for another try at another size. */
static void
scene_reset_layout (WeftScene *scene)
{
  for (guint i = 0; i < scene->n_actors; i++)
    {
      WeftSceneActor *mark = &scene->actors[i];

      memset (&mark->anchor, 0, sizeof mark->anchor);
      memset (mark->label, 0, sizeof mark->label);
      mark->labelled = mark->with_status = FALSE;
      mark->name_w = mark->name_h = mark->status_w = mark->status_h = 0;
      mark->align = 0;
    }
  for (guint i = 0; i < scene->n_objects; i++)
    {
      WeftSceneObject *mark = &scene->objects[i];

      memset (&mark->anchor, 0, sizeof mark->anchor);
      mark->ring = mark->labelled = mark->brief = mark->cut = FALSE;
    }
  g_clear_object (&scene->caption);
  g_array_set_size (scene->edges, 0);
  scene->show_status = scene->statuses_measured = scene->show_summary = FALSE;
  scene->wrap_status = FALSE;
  scene->show_outline = scene->show_edges = TRUE;
  scene->table_x = scene->table_y = scene->table_r = scene->summary_top = 0;
  scene->ring_r = scene->pipe_x0 = scene->pipe_x1 = scene->band = scene->caption_h = 0;
}

/* Lays the scene out with type of size @fs. */
static void
scene_layout_at (WeftScene *scene,
                 double     fs)
{
  cairo_t *cr = scene->cr;
  PangoContext *context = scene->context;
  const WeftTheme *theme = scene->theme;

  scene_reset_layout (scene);
  scene->fs = fs;
  scene->line_width = MAX (1.0, scene->fs / 10.0);
  scene->label_gap = scene->fs * 0.35 + scene->line_width * 3;
  scene->label_max_w = scene->fs * 11;

  /* Made once, sized for each try. */
  if (scene->name_layout == NULL)
    {
      scene->name_layout = weft_render_create_frame_layout (cr, context, theme, scene->fs * 1.05, TRUE);
      scene->status_layout = weft_render_create_frame_layout (cr, context, theme, scene->fs * 0.85, FALSE);
      scene->box_layout = weft_render_create_frame_layout (cr, context, theme, scene->fs * 0.95, TRUE);
      scene->small_layout = weft_render_create_frame_layout (cr, context, theme, scene->fs * 0.85, FALSE);
      /* A box's second line ("attendu : 6000 · mise à jour perdue") may take two lines,
       * centred, before it is cut: a long word in one language must not shrink the whole
       * scene to keep it whole. */
      pango_layout_set_height (scene->small_layout, -2);
      pango_layout_set_alignment (scene->small_layout, PANGO_ALIGN_CENTER);
    }
  weft_scene_set_layout_size (scene->name_layout, scene->fs * 1.05);
  weft_scene_set_layout_size (scene->status_layout, scene->fs * 0.85);
  weft_scene_set_layout_size (scene->box_layout, scene->fs * 0.95);
  weft_scene_set_layout_size (scene->small_layout, scene->fs * 0.85);

  scene->caption = weft_scene_caption_layout (scene, &scene->caption_h);
  scene->area_h = MAX (1.0, scene->height - scene->caption_h);

  switch (weft_model_get_layout (scene->model))
    {
    case WEFT_LAYOUT_RING:
      weft_scene_layout_ring (scene);
      break;
    case WEFT_LAYOUT_PIPELINE:
      weft_scene_layout_pipeline (scene);
      break;
    case WEFT_LAYOUT_STAR:
    default:
      weft_scene_layout_star (scene);
      break;
    }
}

/* Whether an actor's circle covers part of box @a. */
static gboolean
box_under_circle (const WeftScene       *scene,
                  const WeftSceneAnchor *a)
{
  for (guint i = 0; i < scene->n_actors; i++)
    {
      const WeftSceneAnchor *c = &scene->actors[i].anchor;
      double dx = MAX (0, fabs (c->x - a->x) - a->hw);
      double dy = MAX (0, fabs (c->y - a->y) - a->hh);

      if (c->r > 0 && hypot (dx, dy) < c->r)
        return TRUE;
    }
  return FALSE;
}

/* How many marks are named: actors with their name drawn, resources with theirs (in
 * full: @whole). */
static guint
scene_named (WeftScene *scene,
             guint     *whole)
{
  guint named = 0;

  for (guint i = 0; i < scene->n_actors; i++)
    {
      int w, h;

      if (!scene->actors[i].labelled)
        continue;
      /* A name cut short ("Subscrib…") names nobody. */
      weft_scene_measure (scene, scene->name_layout, weft_model_get_actor_name (scene->model, i), 0, &w, &h);
      named += w <= scene->label_max_w;
    }
  *whole = named;
  for (guint i = 0; i < scene->n_objects; i++)
    {
      const WeftSceneObject *mark = &scene->objects[i];
      /* "w…" names nothing, nor a box under a circle. */
      gboolean readable = mark->labelled && !mark->cut && !box_under_circle (scene, &mark->anchor);

      named += readable;
      *whole += readable && !mark->brief;
    }
  return named;
}

/* The type sizes chosen for the last few scenes drawn (the window's, an export's), by
 * what they depend on: the model's names, the size, the text scale, whether a deadlock
 * caption takes room. Shared by every thread that draws, hence the lock. */
typedef struct
{
  guint64 key;
  double  fs;
  guint   named, whole;
} FitMemo;

#define N_FIT_MEMOS 4

static FitMemo fit_memos[N_FIT_MEMOS];
static guint fit_memo_next;
G_LOCK_DEFINE_STATIC (fit_memos);

static guint64
scene_memo_key (const WeftScene *scene,
                double           base)
{
  guint64 key = g_double_hash (&base);
  double dims[3] = { scene->width, scene->height, scene->text_scale };

  for (guint i = 0; i < G_N_ELEMENTS (dims); i++)
    key = key * 1000003 + g_double_hash (&dims[i]);
  for (guint i = 0; i < scene->n_actors; i++)
    key = key * 31 + g_str_hash (weft_model_get_actor_name (scene->model, i));
  for (guint i = 0; i < scene->n_objects; i++)
    key = key * 31 + g_str_hash (weft_model_get_object_name (scene->model, i));
  key = key * 31 + (guint) weft_model_get_layout (scene->model);
  return key * 2 + (scene->deadlock ? 1 : 0);
}

static gboolean
fit_memo_lookup (guint64  key,
                 double  *fs,
                 guint   *named,
                 guint   *whole)
{
  gboolean found = FALSE;

  G_LOCK (fit_memos);
  for (guint i = 0; i < N_FIT_MEMOS && !found; i++)
    {
      if (fit_memos[i].key != key || fit_memos[i].fs <= 0)
        continue;
      *fs = fit_memos[i].fs;
      *named = fit_memos[i].named;
      *whole = fit_memos[i].whole;
      found = TRUE;
    }
  G_UNLOCK (fit_memos);
  return found;
}

static void
fit_memo_store (guint64 key,
                double  fs,
                guint   named,
                guint   whole)
{
  guint slot;

  G_LOCK (fit_memos);
  for (slot = 0; slot < N_FIT_MEMOS && fit_memos[slot].key != key; slot++)
    ;
  if (slot == N_FIT_MEMOS)
    {
      slot = fit_memo_next;
      fit_memo_next = (fit_memo_next + 1) % N_FIT_MEMOS;
    }
  fit_memos[slot] = (FitMemo) { key, fs, named, whole };
  G_UNLOCK (fit_memos);
}

/* Lays the scene out for @cr (the layouts measure text with its font options): the
 * marks, their places and what is shown. Drawing and hit tests both start here, so a
 * click lands on what was drawn. Returns FALSE when the size leaves nothing to lay out;
 * weft_scene_clear() frees what it made either way.
 *
 * Type is the scene's size times @text_scale. When a few actors (a table of five, a
 * bank) cannot all be named at that size, smaller sizes are tried down to a floor of
 * 11 units (names of 11.5, boxes of 10.5): the largest that names the most marks wins,
 * so a large text scale in a small pane shrinks back rather than dropping names. Short
 * names ("f2") are good enough, but whole ones are worth type a fifth smaller. */
gboolean
weft_scene_layout (WeftScene       *scene,
                   cairo_t         *cr,
                   WeftModel       *model,
                   const WeftTheme *theme,
                   guint64          time_ns,
                   double           width,
                   double           height,
                   double           text_scale,
                   WeftTextCache   *text_cache,
                   WeftRenderStats *stats)
{
  double base, target, floor_fs, best_fs, short_fs = 0, memo_fs;
  guint best = 0, all, named = 0, whole = 0, memo_named, memo_whole;
  guint64 memo_key;

  memset (scene, 0, sizeof *scene);
  if (width < 1 || height < 1)
    return FALSE;

  scene->cr = cr;
  scene->model = model;
  scene->theme = theme;
  scene->stats = stats;
  scene->text_cache = text_cache;
  if (text_cache != NULL)
    scene->context = weft_text_cache_begin_frame (text_cache, cr);
  scene->time_ns = time_ns;
  scene->width = width;
  scene->height = height;
  scene->text_scale = text_scale > 0 ? text_scale : 1.0;
  scene->n_actors = weft_model_get_n_actors (model);
  scene->n_objects = weft_model_get_n_objects (model);
  scene->actors = g_new0 (WeftSceneActor, MAX (scene->n_actors, 1u));
  scene->objects = g_new0 (WeftSceneObject, MAX (scene->n_objects, 1u));
  scene->edges = g_array_new (FALSE, FALSE, sizeof (WeftSceneEdge));

  take_snapshot (scene);

  base = scene_font_size (model, width, height);
  target = MIN (base * scene->text_scale, 100.0);
  floor_fs = MIN (target, 11.0);
  all = scene->n_actors + scene->n_objects;

  /* A crowd is not meant to be named in full: its size stays. */
  if (scene->n_actors > 24)
    {
      scene_layout_at (scene, target);
      return TRUE;
    }

  /* The size found for this scene last time, if it still names as much: the same type
   * from frame to frame of a live run (not a jump whenever a status line grows), for one
   * layout a frame instead of a search. */
  memo_key = scene_memo_key (scene, base);
  if (fit_memo_lookup (memo_key, &memo_fs, &memo_named, &memo_whole))
    {
      scene_layout_at (scene, memo_fs);
      named = scene_named (scene, &whole);
      if (named >= memo_named && whole >= memo_whole)
        return TRUE;
    }

  best_fs = target;
  for (double fs = target; ; fs = MAX (floor_fs, fs * 0.9 < base && fs > base ? base : fs * 0.9))
    {
      scene_layout_at (scene, fs);
      named = scene_named (scene, &whole);
      if (whole == all)
        break;
      if (named == all && short_fs == 0)
        short_fs = fs;
      if (short_fs > 0 && fs * 0.9 < target * 0.8)
        {
          best_fs = short_fs;
          break;
        }
      if (named > best)
        {
          best = named;
          best_fs = fs;
        }
      if (fs <= floor_fs)
        break;
    }
  if (whole != all && best_fs != scene->fs)
    {
      scene_layout_at (scene, best_fs);
      named = scene_named (scene, &whole);
    }
  fit_memo_store (memo_key, scene->fs, named, whole);

  return TRUE;
}

void
weft_scene_clear (WeftScene *scene)
{
  g_clear_object (&scene->caption);
  g_clear_object (&scene->name_layout);
  g_clear_object (&scene->status_layout);
  g_clear_object (&scene->box_layout);
  g_clear_object (&scene->small_layout);
  for (guint i = 0; scene->actors != NULL && i < scene->n_actors; i++)
    g_free (scene->actors[i].status_owned);
  for (guint i = 0; scene->objects != NULL && i < scene->n_objects; i++)
    {
      g_free (scene->objects[i].line1);
      g_free (scene->objects[i].line2);
    }
  g_clear_pointer (&scene->actors, g_free);
  g_clear_pointer (&scene->objects, g_free);
  g_clear_pointer (&scene->edges, g_array_unref);
}

/* Lays out and draws the scene; @scene is left laid out, for weft_scene_clear(). */
gboolean
weft_scene_layout_and_draw (WeftScene       *scene,
                            cairo_t         *cr,
                            WeftModel       *model,
                            const WeftTheme *theme,
                            guint64          time_ns,
                            double           width,
                            double           height,
                            double           text_scale,
                            WeftTextCache   *text_cache,
                            WeftRenderStats *stats)
{
  gboolean laid_out;

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_new_path (cr);

  laid_out = weft_scene_layout (scene, cr, model, theme, time_ns, width, height, text_scale,
                                text_cache, stats);
  if (laid_out)
    {
      weft_scene_collect_edges (scene);

      weft_scene_draw_table (scene);
      weft_scene_draw_edges (scene, EDGE_PIPE);
      weft_scene_draw_edges (scene, EDGE_HOLDS);
      weft_scene_draw_edges (scene, EDGE_WANTS);
      for (guint i = 0; i < scene->n_objects; i++)
        if (weft_scene_object_drawn (&scene->objects[i]))
          weft_scene_draw_object (scene, i);
      weft_scene_draw_edges (scene, EDGE_CYCLE);
      weft_scene_draw_actors (scene);
      weft_scene_draw_actor_labels (scene);
      if (scene->show_summary)
        weft_scene_draw_summary (scene);
      if (scene->caption != NULL)
        weft_scene_draw_caption (scene, scene->caption, scene->caption_h);
    }

  cairo_restore (cr);
  return laid_out;
}

void
weft_scene_draw (cairo_t         *cr,
                 WeftModel       *model,
                 const WeftTheme *theme,
                 guint64          time_ns,
                 double           width,
                 double           height,
                 double           text_scale,
                 WeftRenderStats *stats)
{
  WeftScene scene;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (model != NULL);
  g_return_if_fail (theme != NULL);

  weft_scene_layout_and_draw (&scene, cr, model, theme, time_ns, width, height, text_scale, NULL,
                              stats);
  weft_scene_clear (&scene);
}
