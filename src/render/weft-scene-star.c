/* weft-scene-star.c — the star layout (the bank, the ticket office, any scenario without
 * a layout of its own): resources stacked in the middle, actors around them on an
 * ellipse; and the placing of actors on an ellipse, which the ring shares.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>


#include "weft-scene-private.h"

/* Places @n actors around an ellipse of radii @rx, @ry from angle @start, with circles of
 * radius @r; returns their angles (owned by the caller). */
double *
weft_scene_place_around (WeftScene   *scene,
                         const guint *order,
                         guint        n,
                         double       cx,
                         double       cy,
                         double       rx,
                         double       ry,
                         double       start,
                         double       r)
{
  double *angles = g_new (double, MAX (n, 1u));

  for (guint k = 0; k < n; k++)
    {
      WeftSceneActor *mark = &scene->actors[order[k]];
      double a = start + 2 * G_PI * k / n;

      angles[k] = a;
      mark->anchor.x = cx + rx * cos (a);
      mark->anchor.y = cy + ry * sin (a);
      mark->anchor.r = r;
      mark->anchor.box = FALSE;
    }

  return angles;
}

/* How crowded actors spaced @spacing apart are, and how big their circles can be. Sets
 * the level of detail; returns the circle radius. */
double
weft_scene_crowding (WeftScene *scene,
                     double     spacing)
{
  double r = MIN (scene->fs * 2.0, spacing * 0.32);

  scene->show_outline = r >= 5;
  scene->show_edges = spacing >= scene->fs * 1.2;
  return MAX (r, 1.5);
}

/* The star: resources stacked in the middle, actors around them. */
void
weft_scene_layout_star (WeftScene *scene)
{
  guint n = scene->n_actors;
  g_autofree guint *order = g_new (guint, MAX (n, 1u));
  g_autofree guint *centre = g_new (guint, MAX (scene->n_objects, 1u));
  g_autofree double *angles = NULL;
  double cx = scene->width / 2, cy = scene->area_h / 2;
  double block_w, block_h, gap = scene->label_gap;
  double r = scene->fs * 2.0, rx, ry, spacing, start;
  double stack_w = 0, stack_h;
  guint n_centre, stride;

  /* A few threads around one account have room for what they read and will write. */
  if (n <= 8)
    scene->label_max_w = MAX (scene->label_max_w, scene->fs * 15);

  for (guint i = 0; i < n; i++)
    order[i] = i;

  scene->show_status = n <= 24;
  weft_scene_measure_actor_labels (scene, TRUE, &block_w, &block_h);

  n_centre = weft_scene_centre_objects (scene, centre);
  stack_h = weft_scene_stack_objects (scene, centre, n_centre, cx, cy, MIN (scene->width * 0.34, scene->fs * 16),
                           scene->area_h * 0.6, 0);
  for (guint i = 0; i < n_centre; i++)
    stack_w = MAX (stack_w, scene->objects[centre[i]].anchor.hw * 2);

  for (guint pass = 0; pass < 2; pass++)
    {
      rx = cx - r - gap - block_w - scene->fs * 0.3;
      ry = cy - r - gap - block_h - scene->fs * 0.3;
      /* Not so wide that the edges become a long walk, nor into the middle stack. */
      rx = MIN (rx, MAX (ry, stack_w / 2 + r + scene->fs * 6));
      rx = MAX (rx, stack_w / 2 + r + scene->fs * 2);
      ry = MAX (ry, MIN (cy * 0.5, stack_h / 2));
      /* Four actors sit at the corners: off the stack there too, where they are level
       * with it. */
      if (n >= 4 && n % 2 == 0 && ry * sin (G_PI / n) - r < stack_h / 2 + scene->fs * 0.5)
        rx = MAX (rx, (stack_w / 2 + r + scene->fs * 0.5) / cos (G_PI / n));
      spacing = G_PI * (rx + ry) / MAX (n, 1u);
      r = weft_scene_crowding (scene, spacing);
      if (scene->show_status && spacing < block_h + r * 2)
        {
          scene->show_status = FALSE;
          weft_scene_measure_actor_labels (scene, FALSE, &block_w, &block_h);
        }
    }

  /* Two actors face each other left and right; four sit at the corners. */
  start = G_PI;
  if (n >= 4 && n % 2 == 0)
    start += G_PI / n;
  angles = weft_scene_place_around (scene, order, n, cx, cy, rx, ry, start, r);

  stride = (guint) MAX (1.0, floor ((block_h + gap) / MAX (spacing, 0.1)));
  weft_scene_choose_ring_labels (scene, order, n, angles, stride, gap);
}
