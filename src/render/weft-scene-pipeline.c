/* weft-scene-pipeline.c — the pipeline layout (publisher/subscriber): producers in a
 * column on the left, the queue with its lock and condition in the middle, consumers on
 * the right. Which side an actor takes is the role its scenario declared.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "weft-scene-private.h"

/* Pipeline: which actors produce. The scenario says so: it declares each actor's role
 * when it creates it (pub/sub: its publishers produce), so the columns hold whatever the
 * language of the names. A model with no declared role (one no scenario made) takes its
 * producers from the run itself: the actors that put the items of the first item flows
 * (not the last: pub/sub's last subscriber puts sentinels for the others). The rule reads
 * the whole model, not the time shown, so actors do not change columns. */
static void
classify_producers (WeftScene *scene)
{
  const WeftFlow *flows;
  guint n_flows;
  gboolean declared = FALSE;

  for (guint i = 0; i < scene->n_actors; i++)
    {
      WeftActorRole role = weft_model_get_actor_role (scene->model, i);

      scene->actors[i].producer = role == WEFT_ACTOR_ROLE_PRODUCER;
      declared |= role != WEFT_ACTOR_ROLE_NONE;
    }
  if (declared)
    return;

  flows = weft_model_get_flows (scene->model, &n_flows);
  for (guint k = 0; k < MIN (n_flows, 64u); k++)
    if (flows[k].kind == WEFT_FLOW_ITEM && flows[k].from_actor < scene->n_actors)
      scene->actors[flows[k].from_actor].producer = TRUE;
}

/* Places a column of @n actors evenly down the area, at the left (@side < 0) or right
 * edge, and returns the inner side of its circles (where the queue is) and their radius.
 * Each column shows what its rows have room for: labels under the circles with statuses,
 * or names only; else labels beside the circles, on the outer side, with statuses if the
 * rows are tall enough; else every k-th name. */
static double
place_column (WeftScene   *scene,
              const guint *order,
              guint        n,
              int          side,
              double       col_w,
              double      *radius)
{
  double gap = scene->label_gap, margin = scene->fs * 0.3;
  double cell = scene->area_h / MAX (n, 1u);
  double fs = scene->fs;
  int name_w = 0, name_h = 0, status_w = 0, status_h = 0;
  gboolean below = TRUE, status = TRUE;
  guint stride = 1;
  double r, x, block_w;

  for (guint k = 0; k < n; k++)
    {
      const WeftSceneActor *mark = &scene->actors[order[k]];

      name_w = MAX (name_w, mark->name_w);
      name_h = MAX (name_h, mark->name_h);
      status_w = MAX (status_w, mark->status_w);
      status_h = MAX (status_h, mark->status_h);
    }

  r = MIN (fs * 2.0, (cell - name_h - status_h - gap) / 2 * 0.9);
  if (r < fs * 0.9)
    {
      status = FALSE;
      r = MIN (fs * 2.0, (cell - name_h - gap) / 2 * 0.9);
    }
  if (r < fs * 0.9)
    {
      below = FALSE;
      r = CLAMP (cell * 0.38, 1.5, fs * 1.4);
      status = cell >= name_h + status_h + 2;
      if (cell < name_h * 1.05)
        stride = (guint) ceil (name_h * 1.1 / cell);
    }
  block_w = status ? MAX (name_w, status_w) : name_w;
  if (below)
    x = side < 0 ? col_w / 2 : scene->width - col_w / 2;
  else
    x = side < 0 ? margin + block_w + gap + r : scene->width - margin - block_w - gap - r;

  for (guint k = 0; k < n; k++)
    {
      WeftSceneActor *mark = &scene->actors[order[k]];
      double h = mark->name_h + (status ? mark->status_h : 0);
      double w = status ? MAX (mark->name_w, mark->status_w) : mark->name_w;

      mark->anchor.x = x;
      mark->anchor.y = below ? cell * k + (cell - (2 * r + gap + h)) / 2 + r : cell * (k + 0.5);
      mark->anchor.r = r;
      mark->anchor.box = FALSE;
      mark->labelled = k % stride == 0;
      mark->with_status = status;
      if (below)
        {
          mark->align = 0.5;
          mark->label[0] = x - w / 2;
          mark->label[1] = mark->anchor.y + r + gap;
        }
      else
        {
          mark->align = side < 0 ? 1.0 : 0.0;
          mark->label[0] = side < 0 ? x - r - gap - w : x + r + gap;
          mark->label[1] = mark->anchor.y - h / 2;
        }
    }

  *radius = r;
  return side < 0 ? x + r : x - r;
}

/* The pipeline: producers left, the queue with its lock and condition in the middle,
 * consumers right. */
void
weft_scene_layout_pipeline (WeftScene *scene)
{
  guint n = scene->n_actors;
  g_autofree guint *left = g_new (guint, MAX (n, 1u));
  g_autofree guint *right = g_new (guint, MAX (n, 1u));
  g_autofree guint *centre = g_new (guint, MAX (scene->n_objects, 1u));
  guint n_left = 0, n_right = 0, n_centre;
  double block_w, block_h, gap = scene->label_gap;
  double col_w = MIN (scene->width * 0.3, scene->fs * 12);
  double x0, x1, r0 = 0, r1 = 0;

  classify_producers (scene);
  for (guint i = 0; i < n; i++)
    {
      if (scene->actors[i].producer)
        left[n_left++] = i;
      else
        right[n_right++] = i;
    }
  scene->label_max_w = col_w;
  scene->show_status = TRUE;
  /* A status line too wide is broken in two ("attend verrou de la / condition") unless the
   * taller labels cost a column its statuses: then it is cut, as it was. */
  scene->wrap_status = TRUE;
  weft_scene_measure_actor_labels (scene, TRUE, &block_w, &block_h);

  for (;;)
    {
      gboolean all_status = TRUE;

      x0 = place_column (scene, left, n_left, -1, col_w, &r0);
      x1 = place_column (scene, right, n_right, 1, col_w, &r1);
      for (guint i = 0; i < n; i++)
        all_status &= scene->actors[i].with_status || !scene->actors[i].labelled;
      if (all_status || !scene->wrap_status)
        break;
      scene->wrap_status = FALSE;
      weft_scene_measure_actor_labels (scene, FALSE, &block_w, &block_h);
    }
  if (n_left == 0)
    r0 = r1;
  if (n_right == 0)
    r1 = r0;
  scene->show_outline = MIN (r0, r1) >= 5;
  scene->show_edges = MIN (r0, r1) >= 5;

  n_centre = weft_scene_centre_objects (scene, centre);
  weft_scene_stack_objects (scene, centre, n_centre, (x0 + x1) / 2, scene->area_h / 2,
                 x1 - x0 - scene->fs * 7, scene->area_h, 0.6);
  scene->pipe_x0 = x0 + gap * 3;
  scene->pipe_x1 = x1 - gap * 3;
}
