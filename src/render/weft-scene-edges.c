/* weft-scene-edges.c — the scene's edges: "holds" from a resource to its owner, "wants"
 * from a blocked or waiting actor to what it waits on, the deadlock cycle over them, and
 * a pipeline's broad arrows, clipped to the marks' outlines and stroked one kind at a
 * time (one stroke and one fill of heads per kind, whatever their number).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>


#include "weft-scene-private.h"

/* The point where the segment from @a's centre towards (@tx, @ty) leaves @a, @gap
 * further. */
static void
anchor_exit (const WeftSceneAnchor *a,
             double                 tx,
             double                 ty,
             double                 gap,
             double                *x,
             double                *y)
{
  double dx = tx - a->x, dy = ty - a->y;
  double len = hypot (dx, dy);
  double t;

  if (len < 1e-6)
    {
      *x = a->x;
      *y = a->y;
      return;
    }
  if (a->box)
    {
      double tx_ = fabs (dx) > 1e-9 ? a->hw / fabs (dx) : G_MAXDOUBLE;
      double ty_ = fabs (dy) > 1e-9 ? a->hh / fabs (dy) : G_MAXDOUBLE;

      t = MIN (tx_, ty_) + gap / len;
    }
  else
    t = (a->r + gap) / len;
  t = MIN (t, 0.5);
  *x = a->x + dx * t;
  *y = a->y + dy * t;
}

static void
add_edge (WeftScene             *scene,
          const WeftSceneAnchor *from,
          const WeftSceneAnchor *to,
          WeftSceneEdgeKind      kind)
{
  WeftSceneEdge edge;
  double gap = MAX (2.0, scene->line_width * 1.5);

  anchor_exit (from, to->x, to->y, gap, &edge.x1, &edge.y1);
  anchor_exit (to, from->x, from->y, gap, &edge.x2, &edge.y2);
  edge.kind = kind;
  g_array_append_val (scene->edges, edge);
}

gboolean
weft_scene_object_drawn (const WeftSceneObject *mark)
{
  return mark->anchor.hw > 0;
}

void
weft_scene_collect_edges (WeftScene *scene)
{
  /* The pipeline's direction, two broad faint arrows: producers → queue → consumers. */
  if (weft_model_get_layout (scene->model) == WEFT_LAYOUT_PIPELINE)
    {
      for (guint o = 0; o < scene->n_objects; o++)
        {
          const WeftSceneAnchor *queue = &scene->objects[o].anchor;
          WeftSceneAnchor left = { .x = scene->pipe_x0, .y = queue->y };
          WeftSceneAnchor right = { .x = scene->pipe_x1, .y = queue->y };

          if (scene->objects[o].kind != WEFT_OBJECT_QUEUE || !weft_scene_object_drawn (&scene->objects[o]))
            continue;
          if (left.x < queue->x - queue->hw - scene->fs * 3)
            add_edge (scene, &left, queue, EDGE_PIPE);
          if (right.x > queue->x + queue->hw + scene->fs * 3)
            add_edge (scene, queue, &right, EDGE_PIPE);
          break;
        }
    }

  if (scene->show_edges)
    {
      /* Holds: a lock's owner, each semaphore holder. */
      for (guint o = 0; o < scene->n_objects; o++)
        {
          WeftSceneObject *mark = &scene->objects[o];

          if (!mark->has_span || !weft_scene_object_drawn (mark))
            continue;
          if (weft_scene_is_lock (mark->kind) && mark->span.value > 0 && mark->span.owner < scene->n_actors &&
              mark->span.owner != mark->cycle_holder)
            add_edge (scene, &mark->anchor, &scene->actors[mark->span.owner].anchor, EDGE_HOLDS);
          else if (weft_scene_is_semaphore (mark->kind) && mark->span.n_list > 0)
            {
              const gint32 *holders = weft_model_get_span_list (scene->model, &mark->span);

              for (guint k = 0; k < mark->span.n_list; k++)
                {
                  if (holders[k] >= 0 && (guint) holders[k] < scene->n_actors &&
                      holders[k] != mark->cycle_holder)
                    add_edge (scene, &mark->anchor, &scene->actors[holders[k]].anchor,
                              EDGE_HOLDS);
                }
            }
        }

      /* Wants: blocked or waiting actors. */
      for (guint i = 0; i < scene->n_actors; i++)
        {
          WeftSceneActor *mark = &scene->actors[i];

          if ((mark->state != WEFT_STATE_BLOCKED && mark->state != WEFT_STATE_WAITING) ||
              mark->object >= scene->n_objects || mark->object == mark->cycle_object ||
              !weft_scene_object_drawn (&scene->objects[mark->object]))
            continue;
          add_edge (scene, &mark->anchor, &scene->objects[mark->object].anchor, EDGE_WANTS);
        }
    }

  /* The cycle, always: actor → wanted object → its holder, the next actor. Where forks are
   * not drawn, straight from actor to actor; in a band, the band's red frame says it. */
  for (guint k = 0; k < scene->n_cycle && scene->band == 0; k++)
    {
      const WeftModelEdge *edge = &scene->cycle[k];
      const WeftModelEdge *next = &scene->cycle[(k + 1) % scene->n_cycle];
      const WeftSceneAnchor *from, *to;

      if (edge->actor >= scene->n_actors || next->actor >= scene->n_actors)
        continue;
      from = &scene->actors[edge->actor].anchor;
      to = &scene->actors[next->actor].anchor;
      if (edge->object < scene->n_objects && weft_scene_object_drawn (&scene->objects[edge->object]))
        {
          const WeftSceneAnchor *via = &scene->objects[edge->object].anchor;

          add_edge (scene, from, via, EDGE_CYCLE);
          add_edge (scene, via, to, EDGE_CYCLE);
        }
      else
        add_edge (scene, from, to, EDGE_CYCLE);
    }
}

/* Draws the edges of one kind, all of one colour, as one stroke and one fill of heads. */
void
weft_scene_draw_edges (WeftScene         *scene,
                       WeftSceneEdgeKind  kind)
{
  cairo_t *cr = scene->cr;
  const WeftRgba *colour;
  double lw, head;
  guint n = 0;

  switch (kind)
    {
    case EDGE_CYCLE:
      colour = &scene->theme->deadlock;
      lw = scene->line_width * 3.2;
      head = scene->fs * 0.95;
      break;
    case EDGE_PIPE:
      colour = &scene->theme->grid;
      lw = scene->line_width * 3;
      head = scene->fs * 1.2;
      break;
    case EDGE_WANTS:
      colour = &scene->theme->waiting;
      lw = scene->line_width * 1.6;
      head = scene->fs * 0.7;
      break;
    case EDGE_HOLDS:
    case N_EDGE_KINDS:
    default:
      colour = &scene->theme->held;
      lw = scene->line_width * 1.6;
      head = scene->fs * 0.7;
      break;
    }
  /* Crowded: the heads would hide the marks. */
  if (!scene->show_outline && scene->n_actors > 0)
    {
      lw = MIN (lw, MAX (1.0, scene->actors[0].anchor.r * 0.8));
      head = 0;
    }

  cairo_save (cr);
  weft_theme_set_source (cr, colour);
  cairo_set_line_width (cr, lw);
  cairo_set_line_cap (cr, kind == EDGE_CYCLE ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
  if (kind == EDGE_WANTS)
    {
      double dash[] = { lw * 3, lw * 2 };

      cairo_set_dash (cr, dash, 2, 0);
    }

  /* Shafts, stopping short of the tip so a thick line does not blunt it. */
  for (guint i = 0; i < scene->edges->len; i++)
    {
      WeftSceneEdge *e = &g_array_index (scene->edges, WeftSceneEdge, i);
      double len = hypot (e->x2 - e->x1, e->y2 - e->y1);
      double h = len > head * 1.5 ? head : 0;

      if (e->kind != kind || len < 1)
        continue;
      cairo_move_to (cr, e->x1, e->y1);
      cairo_line_to (cr, e->x2 - (e->x2 - e->x1) / len * h * 0.7,
                     e->y2 - (e->y2 - e->y1) / len * h * 0.7);
      n++;
    }
  if (n == 0)
    {
      cairo_restore (cr);
      return;
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  if (head > 0)
    {
      for (guint i = 0; i < scene->edges->len; i++)
        {
          WeftSceneEdge *e = &g_array_index (scene->edges, WeftSceneEdge, i);
          double len = hypot (e->x2 - e->x1, e->y2 - e->y1);
          double ux, uy;

          if (e->kind != kind || len <= head * 1.5)
            continue;
          ux = (e->x2 - e->x1) / len;
          uy = (e->y2 - e->y1) / len;
          cairo_move_to (cr, e->x2, e->y2);
          cairo_line_to (cr, e->x2 - ux * head - uy * head * 0.45, e->y2 - uy * head + ux * head * 0.45);
          cairo_line_to (cr, e->x2 - ux * head + uy * head * 0.45, e->y2 - uy * head - ux * head * 0.45);
          cairo_close_path (cr);
        }
      cairo_fill (cr);
    }
  cairo_restore (cr);
  weft_render_stats_add (scene->stats, 0, 0, n, 0);
}
