/* weft-scene-ring.c — the ring layout (the dining philosophers): actors around a table,
 * each fork between the two philosophers who share it, the rest (the waiter's semaphore)
 * on the table; as the ring crowds, forks go short ("f2"), then small, then away, and the
 * circles become a band of sectors.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>


#include "weft-scene-private.h"

/* 1, 2, 5, 10, 20, 50…: the smallest at least @x, so kept labels fall on round numbers. */
static guint
round_stride (double x)
{
  guint step = 1;

  for (;;)
    {
      if (step >= x)
        return step;
      if (step * 2 >= x)
        return step * 2;
      if (step * 5 >= x)
        return step * 5;
      step *= 10;
    }
}

/* The largest ring of @n actors (circles of radius @r, label blocks up to @block_w ×
 * @block_h outside) that fits the area, and the height of its centre: an odd ring has no
 * actor at the bottom, so it sits lower and grows. */
static double
ring_radius (WeftScene *scene,
             guint      n,
             double     r,
             double     block_w,
             double     block_h,
             double    *cy)
{
  double gap = scene->label_gap, margin = scene->fs * 0.3;
  double f_top = 0, f_bot = 0, f_side = 0;
  double around_v = r + gap + block_h + margin;
  double around_h = r + gap + block_w + margin;
  double R, used;

  for (guint i = 0; i < MIN (n, 64u); i++)
    {
      double a = -G_PI / 2 + 2 * G_PI * i / n;

      f_top = MAX (f_top, -sin (a));
      f_bot = MAX (f_bot, sin (a));
      f_side = MAX (f_side, fabs (cos (a)));
    }
  if (n > 64)
    f_top = f_bot = f_side = 1;
  f_bot = MAX (f_bot, 0.3);
  f_side = MAX (f_side, 0.3);

  R = MIN ((scene->area_h - 2 * around_v) / (f_top + f_bot),
           (scene->width / 2 - around_h) / f_side);
  R = MAX (R, MIN (scene->width, scene->area_h) * 0.25);
  used = R * (f_top + f_bot) + 2 * around_v;
  *cy = around_v + R * f_top + MAX (0, scene->area_h - used) / 2;
  return R;
}

/* Measures the labels as the scene's fields say (statuses or not, broken or not, how
 * wide), then sizes the ring around them: its radius @R, the actors' @spacing along it,
 * their circles' radius @r. Whether the statuses fit: each label less tall than the room
 * between two neighbours on the ring (judged on the first estimate, as the ring then
 * settles). */
static gboolean
ring_fit (WeftScene *scene,
          guint      n,
          double    *r,
          double    *R,
          double    *spacing,
          double    *cy,
          double    *block_w,
          double    *block_h)
{
  gboolean fits = TRUE;

  weft_scene_measure_actor_labels (scene, TRUE, block_w, block_h);
  *r = scene->fs * 2.0;
  for (guint pass = 0; pass < 2; pass++)
    {
      *R = ring_radius (scene, n, *r, *block_w, *block_h, cy);
      *spacing = 2 * G_PI * *R / MAX (n, 1u);
      *r = weft_scene_crowding (scene, *spacing);
      if (pass == 0)
        fits = !scene->show_status || *spacing >= *block_h + *r * 2;
    }
  return fits;
}

/* The ring: philosophers around the table. Philosopher i takes forks i and i + 1 (the
 * scenario's left and right), so fork i, the i-th lock created, lies between philosophers
 * i − 1 and i. Objects that are not among the first n locks (the waiter's semaphore) go
 * on the table. */
void
weft_scene_layout_ring (WeftScene *scene)
{
  guint n = scene->n_actors;
  g_autofree guint *order = g_new (guint, MAX (n, 1u));
  g_autofree guint *centre = g_new (guint, MAX (scene->n_objects, 1u));
  g_autofree double *angles = NULL;
  double cx = scene->width / 2, cy = scene->area_h / 2;
  double block_w, block_h, gap = scene->label_gap;
  double r, R, spacing;
  guint n_ring = 0, n_centre, stride;
  double fork_w = 0, fork_h = 0;

  for (guint i = 0; i < n; i++)
    order[i] = i;
  for (guint i = 0; i < scene->n_objects && i < n; i++)
    {
      if (!weft_scene_is_lock (scene->objects[i].kind))
        break;
      scene->objects[i].ring = TRUE;
      n_ring++;
    }

  /* A few actors: names and statuses, a status line too wide broken in two ("next: put
   * down the right / fork"); if the taller labels do not fit, each status on one line,
   * wider, where the pane's width leaves the ring as large (a short, wide pane); else cut
   * ("next: put down the righ…"); more actors, or no room: names only. */
  scene->show_status = n <= 24;
  scene->wrap_status = scene->show_status;
  if (!ring_fit (scene, n, &r, &R, &spacing, &cy, &block_w, &block_h))
    {
      double base = scene->label_max_w, wide = MAX (base, scene->fs * 24);
      double R_cut;
      gboolean cut_fits;

      scene->wrap_status = FALSE;
      cut_fits = ring_fit (scene, n, &r, &R, &spacing, &cy, &block_w, &block_h);
      R_cut = R;
      scene->label_max_w = wide;
      if (!cut_fits || wide <= base ||
          !ring_fit (scene, n, &r, &R, &spacing, &cy, &block_w, &block_h) || R < R_cut - 0.5)
        {
          scene->label_max_w = base;
          scene->show_status = cut_fits;
          ring_fit (scene, n, &r, &R, &spacing, &cy, &block_w, &block_h);
        }
    }

  /* Too crowded for circles: each actor a sector of a band around the table. */
  if (!scene->show_outline)
    {
      scene->band = MIN (scene->fs * 1.4, R * 0.1);
      r = scene->band / 2;
      R = ring_radius (scene, n, r, block_w, block_h, &cy);
    }
  /* Forks: labelled boxes between their actors if they fit there, named by their short
   * names ("f2") if only those fit, small squares if the ring is crowded, nothing when
   * they would be dots. */
  if (n_ring > 0)
    {
      double half = G_PI / n;
      double rf = 0, fork_diag = 0;
      gboolean labelled = FALSE;
      double side = 0;
      /* Whole names first, with circles down to half their size to make room (the ring
       * grows into what they leave); then short names likewise. */
      static const double shrink[] = { 1.0, 0.8, 0.65, 0.5 };
      double r_fork = r, R_fork = R, cy_fork = cy;

      for (guint attempt = 0; attempt < 2 * G_N_ELEMENTS (shrink) && !labelled && scene->band == 0;
           attempt++)
        {
          gboolean brief = attempt >= G_N_ELEMENTS (shrink);
          double room, clear;

          r_fork = r * shrink[attempt % G_N_ELEMENTS (shrink)];
          R_fork = r_fork < r ? ring_radius (scene, n, r_fork, block_w, block_h, &cy_fork) : R;
          cy_fork = r_fork < r ? cy_fork : cy;
          if (attempt == 0 || attempt == G_N_ELEMENTS (shrink))
            {
              fork_w = fork_h = 0;
              for (guint i = 0; i < n_ring; i++)
                {
                  weft_scene_prepare_object (scene, i, scene->fs * 8, brief);
                  fork_w = MAX (fork_w, scene->objects[i].content_w);
                  fork_h = MAX (fork_h, scene->objects[i].content_h);
                }
              fork_diag = hypot (fork_w, fork_h) / 2;
            }
          /* Inside the ring, off the circles: towards the centre from the chord's middle. */
          rf = MAX (R_fork * cos (half) - MAX (r_fork * 0.9, fork_h), R_fork * 0.45);
          room = 2 * rf * sin (half);
          clear = hypot (R_fork * cos (half) - rf, R_fork * sin (half)) - r_fork;
          labelled = room > fork_w + gap * 2 && clear > fork_diag + gap;
        }
      if (labelled)
        {
          r = r_fork;
          R = R_fork;
          cy = cy_fork;
        }
      scene->ring_r = R;
      angles = weft_scene_place_around (scene, order, n, cx, cy, R, R, -G_PI / 2, r);

      if (!labelled)
        {
          side = MIN (spacing * 0.3, scene->fs * 0.9);
          rf = MAX (R * cos (half) - MAX (r * 0.6, side) - gap, R * 0.45);
        }
      if (scene->band > 0)
        side = 0;
      for (guint i = 0; i < n_ring; i++)
        {
          double a = -G_PI / 2 + 2 * G_PI * (i - 0.5) / n;
          WeftSceneObject *mark = &scene->objects[i];

          if (labelled)
            weft_scene_place_box (mark, cx + rf * cos (a), cy + rf * sin (a));
          else if (side >= 3)
            weft_scene_place_square (mark, cx + rf * cos (a), cy + rf * sin (a), side);
          else
            mark->anchor.hw = mark->anchor.hh = 0;  /* not drawn */
        }
      scene->table_r = labelled ? rf - fork_diag - gap * 2 : side > 0 ? rf - side - gap : R - r - gap * 2;
    }
  else
    {
      scene->ring_r = R;
      angles = weft_scene_place_around (scene, order, n, cx, cy, R, R, -G_PI / 2, r);
      scene->table_r = R - r - gap * 4;
    }
  scene->table_r = MAX (0, scene->table_r);
  scene->table_x = cx;
  scene->table_y = cy;

  /* The rest (the waiter's semaphore) on the table. */
  n_centre = weft_scene_centre_objects (scene, centre);
  scene->summary_top = -1;
  if (n_centre > 0)
    {
      double stack_h = weft_scene_stack_objects (scene, centre, n_centre, cx, cy, scene->table_r * 1.4,
                                      scene->table_r * 1.4, 0);

      /* Room left for the count under them, then they move up to make it. */
      scene->summary_top = cy + stack_h / 2 + scene->fs;
    }

  /* When statuses are dropped, the table says how many do what. */
  scene->show_summary = !scene->show_status;

  /* Crowded: a few landmarks, not a fringe of names. */
  if (scene->band > 0)
    {
      weft_scene_set_layout_size (scene->name_layout, scene->fs * 0.9);
      weft_scene_measure_actor_labels (scene, TRUE, &block_w, &block_h);
      stride = round_stride (MAX (block_w, block_h * 4) / MAX (spacing, 0.1));
    }
  else
    stride = (guint) MAX (1.0, floor ((block_h + gap) / MAX (spacing, 0.1)));
  weft_scene_choose_ring_labels (scene, order, n, angles, stride, gap + (scene->band > 0 ? scene->fs * 0.3 : 0));
}
