/* weft-scene-labels.c — the actors' labels: each actor's name and what it is doing under
 * or beside its circle ("waiting for fork 2", "read 2000 → will write 7000", "thinking ·
 * next: take the left fork"), measured, placed where they cover nothing, and drawn; and
 * the text primitives every part of the scene measures and draws its words with.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "weft-scene-private.h"

void
weft_scene_set_layout_size (PangoLayout *layout,
                            double       size)
{
  PangoFontDescription *desc;

  desc = pango_font_description_copy (pango_layout_get_font_description (layout));
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
}

/* @text set like @style, ellipsized beyond @max_w (0: no limit), and its size: the
 * layout that holds it, @style itself or, in a frame with a text cache, the cache's (valid
 * until the next frame), shaped only the first time. */
PangoLayout *
weft_scene_measure (WeftScene   *scene,
                    PangoLayout *style,
                    const char  *text,
                    double       max_w,
                    int         *w,
                    int         *h)
{
  pango_layout_set_width (style, max_w > 0 ? (int) (max_w * PANGO_SCALE) : -1);
  pango_layout_set_ellipsize (style, max_w > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  return weft_text_cache_layout (scene->text_cache, style, text, w, h, scene->stats);
}

/* @text (lines split by '\n') with each line wider than @max_w broken once, where Pango
 * would wrap it: a parked philosopher's "next: put down the right fork" on two lines
 * rather than cut to "next: put down the righ…", which hides the fork. What is still too
 * wide after the break is ellipsized when measured and drawn. */
char *
weft_scene_wrap_lines (WeftScene   *scene,
                       PangoLayout *style,
                       const char  *text,
                       double       max_w)
{
  g_auto(GStrv) lines = NULL;
  GString *out;

  if (max_w <= 0 || strchr (text, ' ') == NULL)
    return g_strdup (text);
  lines = g_strsplit (text, "\n", -1);
  out = g_string_new (NULL);
  pango_layout_set_width (style, (int) (max_w * PANGO_SCALE));
  pango_layout_set_ellipsize (style, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_wrap (style, PANGO_WRAP_WORD);
  for (guint l = 0; lines[l] != NULL; l++)
    {
      PangoLayout *layout;
      const char *line;

      if (l > 0)
        g_string_append_c (out, '\n');
      layout = weft_text_cache_layout (scene->text_cache, style, lines[l], NULL, NULL,
                                       scene->stats);
      /* The offsets are the layout's, in its own copy of the text. */
      line = pango_layout_get_text (layout);
      if (pango_layout_get_line_count (layout) > 1)
        {
          PangoLayoutLine *first = pango_layout_get_line_readonly (layout, 0);
          const char *rest = line + first->start_index + first->length;
          gsize head = (gsize) (first->start_index + first->length);
          /* Between words only: a word wider than the label stays whole, and cut. */
          gboolean at_space = (head > 0 && line[head - 1] == ' ') || *rest == ' ';

          while (head > 0 && line[head - 1] == ' ')
            head--;
          while (*rest == ' ')
            rest++;
          if (at_space && head > 0 && *rest != '\0')
            {
              g_string_append_len (out, line, (gssize) head);
              g_string_append_c (out, '\n');
              g_string_append (out, rest);
              continue;
            }
        }
      g_string_append (out, line);
    }
  return g_string_free (out, FALSE);
}

/* Draws @text with its top-left corner at (@x, @y), ellipsized beyond @max_w. */
void
weft_scene_show_text (WeftScene      *scene,
                      PangoLayout    *layout,
                      const char     *text,
                      double          max_w,
                      double          x,
                      double          y,
                      const WeftRgba *colour)
{
  PangoLayout *shown = weft_scene_measure (scene, layout, text, max_w, NULL, NULL);

  weft_theme_set_source (scene->cr, colour);
  cairo_move_to (scene->cr, x, y);
  weft_render_show_layout (scene->cr, shown);
  weft_render_stats_add (scene->stats, 0, 1, 0, 0);
}

/* What a thread did with a shared variable, when it did: "read 2000 → will write 7000"
 * while it holds a value it has not written back, "read 2000, wrote 7000" after; a
 * seller of a stock, "sold 3"; a subscriber, the last message it took, "got 776". NULL
 * for the others, and for a thread blocked or waiting: what holds it up comes first. */
static char *
value_status (WeftScene      *scene,
              WeftSceneActor *mark)
{
  WeftActorValues values;
  guint actor;
  const WeftValueMark *last;

  if (mark < scene->actors || mark >= scene->actors + scene->n_actors ||
      mark->state == WEFT_STATE_BLOCKED || mark->state == WEFT_STATE_WAITING)
    return NULL;
  actor = (guint) (mark - scene->actors);
  weft_model_get_actor_values (scene->model, actor, scene->time_ns, &values);
  last = values.write != NULL ? values.write : values.read;
  if (last == NULL && values.got != NULL)
    /* Translators: under a subscriber in the scene: the last message it took ("got 776"). */
    return g_strdup_printf (_("got %d"), values.got->value);
  if (last == NULL)
    return NULL;
  if (weft_model_get_object_role (scene->model, last->object) == WEFT_SHARED_STOCK)
    /* Translators: under a ticket seller in the scene: how many it sold so far. */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "sold %u", "sold %u", values.n_writes),
                            values.n_writes);
  if (values.pending && values.plan != NULL)
    /* Translators: under a thread in the scene: the value it read and the one it
     * computed and will write back ("read 2000 → will write 7000"). */
    return g_strdup_printf (_("read %d → will write %d"), values.read->value, values.plan->value);
  if (values.pending)
    /* Translators: under a thread in the scene: the value it read ("read 2000"). */
    return g_strdup_printf (_("read %d"), values.read->value);
  if (values.read != NULL && values.read->time_ns <= values.write->time_ns)
    /* Translators: under a thread in the scene: what it read, then wrote back. */
    return g_strdup_printf (_("read %d, wrote %d"), values.read->value, values.write->value);
  /* Translators: under a thread in the scene: the value it wrote. */
  return g_strdup_printf (_("wrote %d"), values.write->value);
}

const char *
weft_scene_actor_status (WeftScene      *scene,
                         WeftSceneActor *mark)
{
  if (mark->status != NULL)
    return mark->status;

  mark->status_owned = value_status (scene, mark);
  if (mark->status_owned != NULL && mark->state == WEFT_STATE_PARKED &&
      mark->detail != WEFT_OP_NONE && mark->detail < WEFT_N_OPS)
    {
      /* A parked clerk: what it holds, then what it will do ("next: write the
       * balance"). */
      WeftThreadSpan span = { 0 };
      g_autofree char *next = NULL;
      char *values = mark->status_owned;

      span.state = WEFT_STATE_PARKED;
      span.object = mark->object;
      span.detail = mark->detail;
      span.activity = mark->activity;
      next = weft_describe_parked (scene->model, (guint) (mark - scene->actors), &span, FALSE);
      mark->status_owned = g_strconcat (values, "\n", next, NULL);
      g_free (values);
    }
  if (mark->status_owned != NULL)
    return mark->status = mark->status_owned;

  /* A sleep stands for what the thread does in the story ("thinking"). */
  if ((mark->state == WEFT_STATE_RUNNING || mark->state == WEFT_STATE_SLEEPING) &&
      mark->detail != 0)
    {
      const char *activity = weft_model_get_activity (scene->model, mark->detail);

      if (activity != NULL)
        mark->status = g_dgettext (GETTEXT_PACKAGE, activity);
    }
  else if ((mark->state == WEFT_STATE_BLOCKED || mark->state == WEFT_STATE_WAITING) &&
           mark->object < scene->n_objects)
    {
      /* What holds the thread up ("waiting for fork 2"). */
      mark->status_owned = weft_describe_waiting_for (scene->model, mark->object);
      mark->status = mark->status_owned;
    }
  else if (mark->state == WEFT_STATE_PARKED && mark->detail != WEFT_OP_NONE &&
           mark->detail < WEFT_N_OPS)
    {
      WeftThreadSpan span = { 0 };

      span.state = WEFT_STATE_PARKED;
      span.object = mark->object;
      span.detail = mark->detail;
      span.activity = mark->activity;
      /* Two lines, each short enough for a label beside the circle. */
      mark->status_owned = weft_describe_parked (scene->model, (guint) (mark - scene->actors), &span, TRUE);
      mark->status = mark->status_owned;
    }

  if (mark->status == NULL)
    mark->status = weft_state_get_label (mark->state);
  return mark->status;
}

/* The status @mark shows: broken where too wide while the layout allows
 * (scene->wrap_status), the same text measured and drawn. */
static char *
actor_status_shown (WeftScene      *scene,
                    WeftSceneActor *mark)
{
  return weft_scene_wrap_lines (scene, scene->status_layout, weft_scene_actor_status (scene, mark),
                                scene->wrap_status ? scene->label_max_w : 0);
}

/* Measures the actors' label blocks (@names: the names again, after a change of size;
 * statuses when first shown, and again when they are to be broken or cut otherwise), the
 * first WEFT_SCENE_MAX_MEASURED only: the widest of them stands for the rest (generated
 * names all look alike). Returns the widest and tallest block. */
void
weft_scene_measure_actor_labels (WeftScene *scene,
                                 gboolean   names,
                                 double    *block_w,
                                 double    *block_h)
{
  gboolean statuses = scene->show_status &&
                      (!scene->statuses_measured || scene->statuses_wrapped != scene->wrap_status ||
                       scene->statuses_max_w != scene->label_max_w);
  guint n = MIN (scene->n_actors, WEFT_SCENE_MAX_MEASURED);
  int max_w = 0, max_h = 0, name_w = 0, name_h = 0;

  for (guint i = 0; i < n; i++)
    {
      WeftSceneActor *mark = &scene->actors[i];
      int w, h;

      if (names)
        weft_scene_measure (scene, scene->name_layout, weft_model_get_actor_name (scene->model, i),
                            scene->label_max_w, &mark->name_w, &mark->name_h);
      if (statuses)
        {
          g_autofree char *status = actor_status_shown (scene, mark);

          weft_scene_measure (scene, scene->status_layout, status, scene->label_max_w,
                              &mark->status_w, &mark->status_h);
        }
      w = mark->name_w;
      h = mark->name_h;
      name_w = MAX (name_w, w);
      name_h = MAX (name_h, h);
      if (scene->show_status)
        {
          w = MAX (w, mark->status_w);
          h += mark->status_h;
        }
      max_w = MAX (max_w, w);
      max_h = MAX (max_h, h);
    }
  if (statuses)
    {
      scene->statuses_measured = TRUE;
      scene->statuses_wrapped = scene->wrap_status;
      scene->statuses_max_w = scene->label_max_w;
    }

  /* Not measured: as wide as the widest measured name. */
  if (names)
    for (guint i = n; i < scene->n_actors; i++)
      {
        scene->actors[i].name_w = name_w;
        scene->actors[i].name_h = name_h;
      }

  *block_w = max_w;
  *block_h = max_h;
}

static gboolean
rects_overlap (const double a[4],
               const double b[4])
{
  return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
}

/* Where a label block of @w × @h goes beside a circle at angle @angle (radians, screen
 * coordinates): outward, aligned on the side facing the circle. */
static double
radial_label_rect (const WeftSceneAnchor *a,
                   double                 angle,
                   double                 gap,
                   double                 w,
                   double                 h,
                   double                 rect[4])
{
  double c = cos (angle), s = sin (angle);
  double px = a->x + c * (a->r + gap);
  double py = a->y + s * (a->r + gap);

  /* Horizontal: the block slides from the right of the circle (right side of the ring)
   * through centred (top and bottom) to its left; vertical likewise. Its lines are
   * aligned left, centred or right. */
  rect[0] = px - w * (0.5 - CLAMP (c * 1.6, -1.0, 1.0) * 0.5);
  rect[1] = py - h * (0.5 - CLAMP (s * 1.6, -1.0, 1.0) * 0.5);
  rect[2] = w;
  rect[3] = h;
  return c > 0.25 ? 0.0 : c < -0.25 ? 1.0 : 0.5;
}

/* Whether @rect covers an actor's circle other than @self's, an object's box, or a label
 * placed before. */
static gboolean
label_collides (WeftScene    *scene,
                const double  rect[4],
                guint         self)
{
  for (guint i = 0; i < scene->n_actors; i++)
    {
      const WeftSceneActor *mark = &scene->actors[i];
      double r = mark->anchor.r;
      double circle[4] = { mark->anchor.x - r, mark->anchor.y - r, 2 * r, 2 * r };

      if (i != self && r > 0 && rects_overlap (rect, circle))
        return TRUE;
      if (i != self && mark->labelled && rects_overlap (rect, mark->label))
        return TRUE;
    }
  for (guint i = 0; i < scene->n_objects; i++)
    {
      const WeftSceneAnchor *a = &scene->objects[i].anchor;
      double hw = a->box ? a->hw : a->r, hh = a->box ? a->hh : a->r;
      double box[4] = { a->x - hw, a->y - hh, 2 * hw, 2 * hh };

      if (hw > 0 && hh > 0 && rects_overlap (rect, box))
        return TRUE;
    }
  return FALSE;
}

/* Picks the labels that fit: walking around in order, a label is kept if it overlaps
 * neither the last one kept nor the first (the ring closes). @angles NULL: columns. To
 * keep the number of measured labels bounded, only every @stride-th actor is tried. */
void
weft_scene_choose_ring_labels (WeftScene    *scene,
                               const guint  *order,
                               guint         n,
                               const double *angles,
                               guint         stride,
                               double        gap)
{
  double first[4] = { 0 }, last[4] = { 0 };
  gboolean have_first = FALSE;
  double pad = scene->fs * 0.3;

  /* The first, then every stride-th counting from one: Kant, Philosopher 50, 100… */
  for (guint k = 0; k < n; k = k == 0 ? stride - 1 + (stride == 1) : k + stride)
    {
      WeftSceneActor *mark = &scene->actors[order[k]];
      double w, h, rect[4], padded[4], align;
      gboolean with_status = FALSE;

      if (order[k] >= WEFT_SCENE_MAX_MEASURED)
        weft_scene_measure (scene, scene->name_layout,
                            weft_model_get_actor_name (scene->model, order[k]),
                            scene->label_max_w, &mark->name_w, &mark->name_h);
      /* Its own side first (outwards), then under, over, right and left of the circle:
       * the first place inside the drawing that covers nothing; with its status if it
       * fits, else its name alone (a name matters more than what it says). Else no name,
       * rather than a name cut or drawn over something. */
      {
        const double sides[] = { angles[k], G_PI / 2, -G_PI / 2, 0, G_PI };
        gboolean placed = FALSE;

        for (guint pass = scene->show_status ? 0 : 1; pass < 2 && !placed; pass++)
          {
            with_status = pass == 0;
            w = with_status ? MAX (mark->name_w, mark->status_w) : mark->name_w;
            h = with_status ? mark->name_h + mark->status_h : mark->name_h;
            for (guint c = 0; c < G_N_ELEMENTS (sides) && !placed; c++)
              {
                if (scene->band > 0 && c > 0)
                  break;  /* a crowded ring: outwards or not at all */
                align = radial_label_rect (&mark->anchor, sides[c], gap, w, h, rect);
                padded[0] = rect[0] - pad;
                padded[1] = rect[1] - pad;
                padded[2] = rect[2] + 2 * pad;
                padded[3] = rect[3] + 2 * pad;
                if (rect[0] < 0 || rect[1] < 0 || rect[0] + rect[2] > scene->width ||
                    rect[1] + rect[3] > scene->area_h)
                  continue;
                if (have_first && (rects_overlap (padded, last) || rects_overlap (padded, first)))
                  continue;
                if (label_collides (scene, rect, order[k]))
                  continue;
                placed = TRUE;
              }
          }
        if (!placed)
          continue;
      }

      mark->labelled = TRUE;
      mark->with_status = with_status;
      mark->align = align;
      memcpy (mark->label, rect, sizeof rect);
      memcpy (last, padded, sizeof last);
      if (!have_first)
        {
          memcpy (first, padded, sizeof first);
          have_first = TRUE;
        }
    }
}

void
weft_scene_draw_actor_labels (WeftScene *scene)
{
  const WeftTheme *theme = scene->theme;

  for (guint i = 0; i < scene->n_actors; i++)
    {
      WeftSceneActor *mark = &scene->actors[i];
      const char *name = weft_model_get_actor_name (scene->model, i);
      g_autofree char *status = mark->with_status && mark->labelled ? actor_status_shown (scene, mark) : NULL;
      int nw, nh, sw = 0, sh = 0;
      double w;
      const WeftRgba *status_colour = &theme->text_dim;

      if (!mark->labelled)
        continue;
      weft_scene_measure (scene, scene->name_layout, name, scene->label_max_w, &nw, &nh);
      if (status != NULL)
        weft_scene_measure (scene, scene->status_layout, status, scene->label_max_w, &sw, &sh);
      w = MAX (nw, sw);

      /* Each line aligned like the block, on the side facing the circle. */
      weft_scene_show_text (scene, scene->name_layout, name, scene->label_max_w,
                            mark->label[0] + (w - nw) * mark->align, mark->label[1], &theme->text);
      if (status == NULL)
        continue;
      if (mark->cycle_object != WEFT_NONE)
        status_colour = &theme->deadlock;
      else if (mark->state == WEFT_STATE_BLOCKED || mark->state == WEFT_STATE_WAITING)
        status_colour = &theme->waiting;
      {
        /* A parked thread's status has two lines (what it does, what it will do), or
         * more where one is broken (weft_scene_wrap_lines()). */
        g_auto(GStrv) lines = g_strsplit (status, "\n", -1);
        double y = mark->label[1] + nh;

        for (guint l = 0; lines[l] != NULL; l++)
          {
            int lw, lh;

            weft_scene_measure (scene, scene->status_layout, lines[l], scene->label_max_w, &lw, &lh);
            weft_scene_show_text (scene, scene->status_layout, lines[l], scene->label_max_w,
                                  mark->label[0] + (w - lw) * mark->align, y, status_colour);
            y += lh;
          }
      }
    }
}
