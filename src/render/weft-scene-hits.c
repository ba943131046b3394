/* weft-scene-hits.c — hit tests of the scene: where its actors' circles (or sectors of a
 * crowded ring's band) and its resources' boxes are, from the same layout the drawing
 * uses, kept after a frame so the pointer costs nothing.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "weft-scene-private.h"

/* What a hit test needs of a laid-out scene: where each actor's and resource's mark is. */
struct _WeftSceneHits
{
  guint            n_actors;
  WeftSceneAnchor *anchors;
  guint            n_objects;
  WeftSceneAnchor *boxes;        /* hw = 0: not drawn */
  double           line_width;
  double           table_x, table_y, ring_r, band;  /* the band of sectors, when band > 0 */
};

static WeftSceneHits *
scene_hits_new (const WeftScene *scene)
{
  WeftSceneHits *hits = g_new0 (WeftSceneHits, 1);

  hits->n_actors = scene->n_actors;
  hits->anchors = g_new (WeftSceneAnchor, MAX (scene->n_actors, 1u));
  for (guint i = 0; i < scene->n_actors; i++)
    hits->anchors[i] = scene->actors[i].anchor;
  hits->n_objects = scene->n_objects;
  hits->boxes = g_new0 (WeftSceneAnchor, MAX (scene->n_objects, 1u));
  for (guint i = 0; i < scene->n_objects; i++)
    if (weft_scene_object_drawn (&scene->objects[i]))
      hits->boxes[i] = scene->objects[i].anchor;
  hits->line_width = scene->line_width;
  hits->table_x = scene->table_x;
  hits->table_y = scene->table_y;
  hits->ring_r = scene->ring_r;
  hits->band = scene->band;
  return hits;
}

void
weft_scene_hits_free (WeftSceneHits *hits)
{
  if (hits == NULL)
    return;
  g_free (hits->anchors);
  g_free (hits->boxes);
  g_free (hits);
}

WeftSceneHits *
weft_scene_draw_with_hits (cairo_t         *cr,
                           WeftModel       *model,
                           const WeftTheme *theme,
                           guint64          time_ns,
                           double           width,
                           double           height,
                           double           text_scale,
                           WeftTextCache   *text_cache,
                           WeftRenderStats *stats)
{
  WeftScene scene;
  WeftSceneHits *hits = NULL;

  g_return_val_if_fail (cr != NULL, NULL);
  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (theme != NULL, NULL);

  if (weft_scene_layout_and_draw (&scene, cr, model, theme, time_ns, width, height, text_scale,
                                  text_cache, stats))
    hits = scene_hits_new (&scene);
  weft_scene_clear (&scene);
  return hits;
}

WeftSceneHits *
weft_scene_hits_new (WeftModel *model,
                     guint64    time_ns,
                     double     width,
                     double     height,
                     double     text_scale)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  WeftScene scene;
  WeftSceneHits *hits = NULL;

  g_return_val_if_fail (model != NULL, NULL);

  /* Text is measured on a recording surface: the window draws the scene through
   * gtk_snapshot_append_cairo(), whose context is on one, so the font options, the text
   * sizes and the layout are those of the screen. */
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  if (weft_scene_layout (&scene, cr, model, weft_theme_get (WEFT_THEME_LIGHT), time_ns, width,
                    height, text_scale, NULL, NULL))
    hits = scene_hits_new (&scene);
  weft_scene_clear (&scene);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return hits;
}

int
weft_scene_hits_actor_at (const WeftSceneHits *hits,
                          double               x,
                          double               y)
{
  int best = -1;
  double best_d = G_MAXDOUBLE;

  if (hits == NULL || hits->n_actors == 0)
    return -1;

  /* A band of sectors: the one whose angle is nearest, within the band's thickness. */
  if (hits->band > 0)
    {
      double dx = x - hits->table_x, dy = y - hits->table_y;
      double step = 2 * G_PI / hits->n_actors;
      gint64 k;

      if (fabs (hypot (dx, dy) - hits->ring_r) > hits->band / 2)
        return -1;
      /* The first actor is at the top, the others clockwise (place_around). */
      k = (gint64) llround ((atan2 (dy, dx) + G_PI / 2) / step) % (gint64) hits->n_actors;
      if (k < 0)
        k += hits->n_actors;
      return (int) k;
    }

  /* The circle, with the outline or red ring drawn around it; the nearest centre when
   * small circles touch. */
  for (guint i = 0; i < hits->n_actors; i++)
    {
      const WeftSceneAnchor *a = &hits->anchors[i];
      double d = hypot (x - a->x, y - a->y);

      if (a->r > 0 && d <= a->r + hits->line_width * 1.5 && d < best_d)
        {
          best = (int) i;
          best_d = d;
        }
    }

  return best;
}

int
weft_scene_hits_object_at (const WeftSceneHits *hits,
                           double               x,
                           double               y)
{
  int best = -1;
  double best_area = G_MAXDOUBLE;

  if (hits == NULL)
    return -1;

  /* The box and its outline; the smallest when boxes nest (none do today). */
  for (guint i = 0; i < hits->n_objects; i++)
    {
      const WeftSceneAnchor *a = &hits->boxes[i];
      double margin = hits->line_width * 1.5;

      if (a->hw <= 0 || fabs (x - a->x) > a->hw + margin || fabs (y - a->y) > a->hh + margin)
        continue;
      if (a->hw * a->hh < best_area)
        {
          best = (int) i;
          best_area = a->hw * a->hh;
        }
    }

  return best;
}

gboolean
weft_scene_hits_get_box (const WeftSceneHits *hits,
                         guint                object,
                         double              *x,
                         double              *y,
                         double              *half_width,
                         double              *half_height)
{
  if (hits == NULL || object >= hits->n_objects || hits->boxes[object].hw <= 0)
    return FALSE;
  if (x != NULL)
    *x = hits->boxes[object].x;
  if (y != NULL)
    *y = hits->boxes[object].y;
  if (half_width != NULL)
    *half_width = hits->boxes[object].hw;
  if (half_height != NULL)
    *half_height = hits->boxes[object].hh;
  return TRUE;
}

gboolean
weft_scene_hits_get_circle (const WeftSceneHits *hits,
                            guint                actor,
                            double              *x,
                            double              *y,
                            double              *radius)
{
  if (hits == NULL || actor >= hits->n_actors)
    return FALSE;
  if (x != NULL)
    *x = hits->anchors[actor].x;
  if (y != NULL)
    *y = hits->anchors[actor].y;
  if (radius != NULL)
    *radius = hits->anchors[actor].r;
  return TRUE;
}

int
weft_scene_actor_at (WeftModel *model,
                     guint64    time_ns,
                     double     width,
                     double     height,
                     double     text_scale,
                     double     x,
                     double     y)
{
  g_autoptr(WeftSceneHits) hits = NULL;

  g_return_val_if_fail (model != NULL, -1);

  hits = weft_scene_hits_new (model, time_ns, width, height, text_scale);
  return weft_scene_hits_actor_at (hits, x, y);
}
