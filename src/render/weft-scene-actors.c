/* weft-scene-actors.c — the actors' marks: circles filled with their state's colour and
 * pattern (running ones with their activity's tint), a red ring for those in the deadlock
 * cycle; on a ring too crowded for circles, a band of sectors around the table. Marks of
 * one state are filled as one path, so a thousand philosophers cost a few dozen fills.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"


#include "weft-scene-private.h"

void
weft_scene_state_colour (const WeftTheme *theme,
                         WeftState        state,
                         guint            activity,
                         WeftRgba        *colour)
{
  g_return_if_fail (theme != NULL);
  g_return_if_fail (colour != NULL);

  /* The theme's activity colours, kept apart from every state's and lock holder's (in
   * print there is no grey left for them: the running grey, and the words say which). */
  state = MIN (state, WEFT_N_STATES - 1);
  if (state == WEFT_STATE_RUNNING)
    *colour = *weft_theme_activity (theme, activity);
  else
    *colour = theme->state[state];
}

/* What a running actor does (its activity id), 0 for the other states. */
static guint16
actor_activity (const WeftSceneActor *mark)
{
  return mark->state == WEFT_STATE_RUNNING ? mark->detail : 0;
}

/* Fills the current path as @state with @activity would be: running activities with
 * their tint, other states with their colour and pattern. */
void
weft_scene_fill_state (WeftScene *scene,
                       WeftState  state,
                       guint16    activity)
{
  if (state == WEFT_STATE_RUNNING && scene->theme->pattern[state] == WEFT_PATTERN_NONE)
    {
      WeftRgba colour;

      weft_scene_state_colour (scene->theme, state, activity, &colour);
      weft_theme_set_source (scene->cr, &colour);
      cairo_fill (scene->cr);
    }
  else
    weft_theme_fill_state (scene->cr, scene->theme, state);
}

/* Whether running @mark is drawn as the @look-th of @activities: its own, or the last
 * when its own is not among them. */
static gboolean
same_look (const guint16        *activities,
           guint                 n_activities,
           guint                 look,
           const WeftSceneActor *mark)
{
  guint16 a = actor_activity (mark);
  guint k;

  for (k = 0; k < n_activities && activities[k] != a; k++)
    ;
  return MIN (k, n_activities - 1) == look;
}

/* Adds the sector of the band that actors @first to @last (included) take. */
static void
band_sector (WeftScene *scene,
             guint      first,
             guint      last)
{
  double step = 2 * G_PI / scene->n_actors;
  /* A hair wider than their share, so neighbours leave no seam. */
  double a0 = -G_PI / 2 + step * (first - 0.52);
  double a1 = -G_PI / 2 + step * (last + 0.52);

  cairo_new_sub_path (scene->cr);
  cairo_arc (scene->cr, scene->table_x, scene->table_y, scene->ring_r + scene->band / 2, a0, a1);
  cairo_arc_negative (scene->cr, scene->table_x, scene->table_y, scene->ring_r - scene->band / 2,
                      a1, a0);
  cairo_close_path (scene->cr);
}

/* The band: neighbours in the same state (running: the same activity) share one sector,
 * tinted as the count on the table shows it. A state's pattern is stroked over its
 * clip's extents, which for a whole ring is the whole ring's square: the patterned states
 * are painted a slice of the ring at a time, so that each pattern covers only its slice
 * (a tenth of the cost, with a thousand actors). Returns the actors drawn. */
static guint
draw_band (WeftScene *scene)
{
  guint n = scene->n_actors;
  guint n_slices = MIN (n, 48u);
  guint16 activities[WEFT_SCENE_MAX_SUMMARY];
  guint n_activities = 0;

  /* The activities running now, each filled on its own (a few: thinking, eating). */
  for (guint i = 0; i < n; i++)
    {
      guint16 a = actor_activity (&scene->actors[i]);
      guint k;

      if (scene->actors[i].state != WEFT_STATE_RUNNING)
        continue;
      for (k = 0; k < n_activities && activities[k] != a; k++)
        ;
      if (k == n_activities && n_activities < G_N_ELEMENTS (activities))
        activities[n_activities++] = a;
    }

  for (guint s = 0; s < WEFT_N_STATES; s++)
    {
      gboolean sliced = scene->theme->pattern[s] != WEFT_PATTERN_NONE;
      guint n_looks = s == WEFT_STATE_RUNNING ? MAX (n_activities, 1u) : 1;

      for (guint look = 0; look < n_looks; look++)
        {
          gboolean any = FALSE;
          /* Running: this activity (beyond the few told apart, the rest with the last). */
          gboolean by_activity = s == WEFT_STATE_RUNNING && n_activities > 0;
          guint16 activity = by_activity ? activities[look] : 0;

          for (guint slice = 0; slice < n_slices; slice++)
            {
              guint end = (guint) ((guint64) n * (slice + 1) / n_slices);

              for (guint i = (guint) ((guint64) n * slice / n_slices); i < end; i++)
                {
                  guint last = i;

                  if (scene->actors[i].state != s ||
                      (by_activity && !same_look (activities, n_activities, look, &scene->actors[i])))
                    continue;
                  while (last + 1 < end && scene->actors[last + 1].state == s &&
                         (!by_activity || same_look (activities, n_activities, look, &scene->actors[last + 1])))
                    last++;
                  band_sector (scene, i, last);
                  any = TRUE;
                  i = last;
                }
              if (any && (sliced || slice == n_slices - 1))
                {
                  weft_scene_fill_state (scene, (WeftState) s, activity);
                  any = FALSE;
                }
            }
        }
    }

  return n;
}

void
weft_scene_draw_actors (WeftScene *scene)
{
  cairo_t *cr = scene->cr;
  const WeftTheme *theme = scene->theme;
  guint n_drawn = 0;

  /* One path per state: a thousand circles are seven fills. */
  if (scene->band > 0)
    n_drawn = draw_band (scene);
  else
    {
      for (guint s = 0; s < WEFT_N_STATES; s++)
        {
          gboolean any = FALSE;

          for (guint i = 0; i < scene->n_actors; i++)
            {
              const WeftSceneAnchor *a = &scene->actors[i].anchor;

              if (scene->actors[i].state != s)
                continue;
              cairo_new_sub_path (cr);
              cairo_arc (cr, a->x, a->y, a->r, 0, 2 * G_PI);
              any = TRUE;
              n_drawn++;
            }
          if (any)
            weft_theme_fill_state (cr, theme, (WeftState) s);
        }
    }

  if (scene->show_outline)
    {
      for (guint i = 0; i < scene->n_actors; i++)
        {
          const WeftSceneAnchor *a = &scene->actors[i].anchor;

          if (scene->actors[i].cycle_object != WEFT_NONE)
            continue;
          cairo_new_sub_path (cr);
          cairo_arc (cr, a->x, a->y, a->r, 0, 2 * G_PI);
        }
      weft_theme_set_source (cr, &theme->text_dim);
      cairo_set_line_width (cr, scene->line_width);
      cairo_stroke (cr);
    }

  /* Actors in the cycle get a thick red ring; in a band, their sectors a red frame. */
  if (scene->n_cycle > 0)
    {
      double lw = scene->line_width * 3;

      for (guint i = 0; i < scene->n_actors; i++)
        {
          const WeftSceneAnchor *a = &scene->actors[i].anchor;

          if (scene->actors[i].cycle_object == WEFT_NONE)
            continue;
          if (scene->band > 0)
            {
              double step = 2 * G_PI / scene->n_actors;
              guint last = i;
              double a0, a1;

              /* Neighbours in the cycle share one arc on each side of the band. */
              while (last + 1 < scene->n_actors && scene->actors[last + 1].cycle_object != WEFT_NONE)
                last++;
              a0 = -G_PI / 2 + step * (i - 0.5);
              a1 = -G_PI / 2 + step * (last + 0.5);
              cairo_new_sub_path (cr);
              cairo_arc (cr, scene->table_x, scene->table_y, scene->ring_r + scene->band / 2 + lw,
                         a0, a1);
              cairo_new_sub_path (cr);
              cairo_arc (cr, scene->table_x, scene->table_y, scene->ring_r - scene->band / 2 - lw,
                         a0, a1);
              i = last;
            }
          else
            {
              cairo_new_sub_path (cr);
              cairo_arc (cr, a->x, a->y, a->r + (scene->show_outline ? scene->line_width * 1.5 : 0),
                         0, 2 * G_PI);
            }
        }
      weft_theme_set_source (cr, &theme->deadlock);
      cairo_set_line_width (cr, scene->show_outline || scene->band > 0 ? lw : 1.0);
      cairo_stroke (cr);
    }

  weft_render_stats_add (scene->stats, 0, 0, 0, n_drawn);
}

void
weft_scene_draw_table (WeftScene *scene)
{
  if (scene->table_r < scene->fs)
    return;
  cairo_arc (scene->cr, scene->table_x, scene->table_y, scene->table_r, 0, 2 * G_PI);
  weft_theme_set_source (scene->cr, &scene->theme->lane_alt);
  cairo_fill (scene->cr);
  weft_render_stats_add (scene->stats, 0, 0, 0, 1);
}
