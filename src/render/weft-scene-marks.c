/* weft-scene-marks.c — the resources' marks: rounded boxes with their name and state (a
 * lock's name, a semaphore's free count, a shared variable's value and what it should
 * be, a queue's items as chips), dashed for conditions, events and barriers, shrunk to
 * squares or left out when there is no room; how a stack of them is placed; and the
 * short form a resource's name takes in a box too small for the whole ("f2").
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

/* Held: a lock with an owner, a semaphore with a unit taken. */
static gboolean
object_is_held (const WeftSceneObject *mark,
                gint32                 initial)
{
  if (!mark->has_span)
    return FALSE;
  if (weft_scene_is_lock (mark->kind))
    return mark->span.value > 0 && mark->span.owner != WEFT_NONE;
  if (weft_scene_is_semaphore (mark->kind))
    return mark->span.value < initial;
  return FALSE;
}

/* A queue item's chip: wide enough for "1000". */
static void
chip_size (WeftScene *scene,
           double    *w,
           double    *h)
{
  *w = scene->fs * 2.6;
  *h = scene->fs * 1.35;
}

/* Black or white, whichever reads better on @fill. */
static WeftRgba
ink_on (const WeftRgba *fill)
{
  double luma = 0.2126 * fill->r + 0.7152 * fill->g + 0.0722 * fill->b;

  if (luma > 0.55)
    return (WeftRgba) { 0.1, 0.1, 0.1, 1.0 };
  return (WeftRgba) { 1.0, 1.0, 1.0, 1.0 };
}

/* The second line of a shared variable's box: a stock's sales against what there was
 * ("12 sold of 10 — oversold"); a value's expected final ("expected 6000"), and whether
 * its last write erased another's. */
static void
shared_words (WeftScene       *scene,
              guint            index,
              WeftSceneObject *mark)
{
  gint32 initial = weft_model_get_object_initial (scene->model, index);
  gint32 expected;
  gboolean stale = mark->has_span && (mark->span.flags & WEFT_SPAN_STALE_WRITE);

  if (weft_model_get_object_role (scene->model, index) == WEFT_SHARED_STOCK)
    {
      guint sold = weft_model_count_writes (scene->model, index, scene->time_ns);

      if (initial >= 0 && sold > (guint) initial)
        {
          /* Translators: under the tickets left in the scene, when more were sold than
           * there were: "12 sold of 10 — oversold". */
          mark->line2 = g_strdup_printf (_("%u sold of %d — oversold"), sold, initial);
          mark->line2_alert = TRUE;
        }
      else if (sold > 0)
        /* Translators: under the tickets left in the scene: "7 sold of 10". */
        mark->line2 = g_strdup_printf (_("%u sold of %d"), sold, initial);
      return;
    }

  if (weft_model_get_object_expected (scene->model, index, &expected))
    {
      if (stale)
        /* Translators: under the bank's balance in the scene, after a write erased
         * another: the balance it should end with, "expected 6000 · lost update". */
        mark->line2 = g_strdup_printf (_("expected %d · lost update"), expected);
      else
        /* Translators: under the bank's balance in the scene: the balance it should end
         * with when no update is lost, "expected 6000". */
        mark->line2 = g_strdup_printf (_("expected %d"), expected);
      mark->line2_alert = stale;
    }
  else if (stale)
    {
      /* Translators: under a shared variable whose last write overwrote a newer
       * value (the bank's lost deposit). */
      mark->line2 = g_strdup (_("lost update"));
      mark->line2_alert = TRUE;
    }
}

/* The lines of a box and its size, laid out within @max_w; @brief: named by the short
 * form of its name. */
void
weft_scene_prepare_object (WeftScene *scene,
                           guint      index,
                           double     max_w,
                           gboolean   brief)
{
  WeftSceneObject *mark = &scene->objects[index];
  const char *name = weft_model_get_object_name (scene->model, index);
  g_autofree char *short_name = brief ? weft_scene_short_name (name) : NULL;
  gint32 initial = weft_model_get_object_initial (scene->model, index);
  double pad = scene->fs * 0.5;
  int w1 = 0, h1 = 0, w2 = 0, h2 = 0;
  double w, h;

  g_clear_pointer (&mark->line1, g_free);
  g_clear_pointer (&mark->line2, g_free);
  mark->line2_alert = FALSE;
  mark->brief = brief;
  if (brief)
    name = short_name;
  mark->chips_per_row = 0;

  switch (mark->kind)
    {
    case WEFT_OBJECT_SHARED:
      /* Translators: a shared variable and its value, e.g. "balance = 2000". */
      mark->line1 = g_strdup_printf (_("%s = %d"), name, mark->has_span ? mark->span.value : initial);
      shared_words (scene, index, mark);
      break;
    case WEFT_OBJECT_SEMAPHORE:
    case WEFT_OBJECT_BOUNDED_SEMAPHORE:
      {
        gint32 value = mark->has_span ? mark->span.value : initial;

        mark->line1 = g_strdup (name);
        if (value <= initial)
          /* Translators: a semaphore's units left out of its initial count, "2/3 free". */
          mark->line2 = g_strdup_printf (_("%d/%d free"), value, initial);
        else
          /* Translators: a semaphore released more often than acquired. */
          mark->line2 = g_strdup_printf (_("%d free"), value);
      }
      break;
    case WEFT_OBJECT_QUEUE:
      mark->line1 = g_strdup (name);
      break;
    case WEFT_OBJECT_LOCK:
    case WEFT_OBJECT_RLOCK:
    case WEFT_OBJECT_CONDITION:
    case WEFT_OBJECT_FLAG:
    case WEFT_OBJECT_BARRIER:
    case WEFT_N_OBJECT_KINDS:
    default:
      mark->line1 = g_strdup (name);
      break;
    }

  mark->cut = pango_layout_is_ellipsized (weft_scene_measure (scene, scene->box_layout, mark->line1,
                                                                max_w - 2 * pad, &w1, &h1));
  if (mark->line2 != NULL)
    mark->cut |= pango_layout_is_ellipsized (weft_scene_measure (scene, scene->small_layout, mark->line2,
                                                                 max_w - 2 * pad, &w2, &h2));
  w = MAX (w1, w2) + 2 * pad;
  h = h1 + h2 + 2 * pad * 0.7;

  if (mark->kind == WEFT_OBJECT_QUEUE)
    {
      double cw, ch;
      double gap = scene->fs * 0.3;
      guint n_chips = mark->has_span ? mark->span.n_list : 0;
      gboolean more = mark->has_span &&
                      ((mark->span.flags & WEFT_SPAN_LIST_CUT) || mark->span.value > (gint32) n_chips);
      guint n_cells = MAX (1u, n_chips + (more ? 1 : 0));
      guint fit, per_row, rows;

      chip_size (scene, &cw, &ch);
      fit = (guint) MAX (1.0, floor ((max_w - 2 * pad + gap) / (cw + gap)));
      /* A row as long as the items, but room for a few even when the queue is empty, so
       * the box does not jump at every put. */
      per_row = MAX (MIN (fit, n_cells), MIN (4u, fit));
      rows = (n_cells + per_row - 1) / per_row;
      mark->chips_per_row = per_row;
      mark->chips_y = pad * 0.7 + h1 + gap;
      w = MAX (w, per_row * (cw + gap) - gap + 2 * pad);
      h = mark->chips_y + rows * (ch + gap) - gap + pad * 0.8;
    }

  mark->content_w = ceil (w);
  mark->content_h = ceil (h);
}

/* Places a labelled box centred at (@x, @y). */
void
weft_scene_place_box (WeftSceneObject *mark,
                      double           x,
                      double           y)
{
  mark->anchor.box = TRUE;
  mark->anchor.x = x;
  mark->anchor.y = y;
  mark->anchor.hw = mark->content_w / 2;
  mark->anchor.hh = mark->content_h / 2;
  mark->labelled = TRUE;
}

/* Places an unlabelled square of side @side centred at (@x, @y). */
void
weft_scene_place_square (WeftSceneObject *mark,
                         double           x,
                         double           y,
                         double           side)
{
  mark->anchor.box = TRUE;
  mark->anchor.x = x;
  mark->anchor.y = y;
  mark->anchor.hw = side / 2;
  mark->anchor.hh = side / 2;
  mark->labelled = FALSE;
}

void
weft_scene_rounded_rect (cairo_t *cr,
                         double   x,
                         double   y,
                         double   w,
                         double   h,
                         double   radius)
{
  radius = MIN (radius, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

void
weft_scene_draw_object (WeftScene *scene,
                        guint      index)
{
  WeftSceneObject *mark = &scene->objects[index];
  const WeftTheme *theme = scene->theme;
  cairo_t *cr = scene->cr;
  gint32 initial = weft_model_get_object_initial (scene->model, index);
  gboolean held = object_is_held (mark, initial);
  gboolean passive = mark->kind == WEFT_OBJECT_CONDITION || mark->kind == WEFT_OBJECT_FLAG ||
                     mark->kind == WEFT_OBJECT_BARRIER;
  double x = mark->anchor.x - mark->anchor.hw;
  double y = mark->anchor.y - mark->anchor.hh;
  double w = mark->anchor.hw * 2, h = mark->anchor.hh * 2;
  double pad = scene->fs * 0.5;
  double lw = held ? scene->line_width * 2 : scene->line_width;
  WeftRgba tint = theme->held;

  /* A held box is tinted and outlined with the colour of holding. */
  tint.a = 0.16;
  weft_scene_rounded_rect (cr, x, y, w, h, mark->labelled ? scene->fs * 0.35 : w * 0.2);
  weft_theme_set_source (cr, &theme->background);
  cairo_fill_preserve (cr);
  if (held)
    {
      weft_theme_set_source (cr, &tint);
      cairo_fill_preserve (cr);
    }
  if (mark->cycle_holder != WEFT_NONE)
    weft_theme_set_source (cr, &theme->deadlock);
  else
    weft_theme_set_source (cr, held ? &theme->held : &theme->text_dim);
  cairo_set_line_width (cr, mark->labelled ? lw : MAX (1.0, lw / 2));
  if (passive)
    {
      double dash[] = { scene->line_width * 3, scene->line_width * 2 };

      cairo_set_dash (cr, dash, 2, 0);
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  weft_render_stats_add (scene->stats, 0, 0, 0, 1);

  if (!mark->labelled)
    return;

  {
    int w1, h1, w2 = 0, h2 = 0;
    double max_w = w - 2 * pad;
    double top;

    weft_scene_measure (scene, scene->box_layout, mark->line1, max_w, &w1, &h1);
    if (mark->line2 != NULL)
      weft_scene_measure (scene, scene->small_layout, mark->line2, max_w, &w2, &h2);
    top = mark->kind == WEFT_OBJECT_QUEUE ? y + pad * 0.7 : mark->anchor.y - (h1 + h2) / 2.0;
    weft_scene_show_text (scene, scene->box_layout, mark->line1, max_w, mark->anchor.x - w1 / 2.0,
                          top, &theme->text);
    if (mark->line2 != NULL)
      weft_scene_show_text (scene, scene->small_layout, mark->line2, max_w, mark->anchor.x - w2 / 2.0,
                            top + h1, mark->line2_alert ? &theme->waiting : &theme->text_dim);
  }

  if (mark->kind == WEFT_OBJECT_QUEUE)
    {
      double cw, ch;
      double gap = scene->fs * 0.3;
      guint n_chips = mark->has_span ? mark->span.n_list : 0;
      const gint32 *items = n_chips > 0 ? weft_model_get_span_list (scene->model, &mark->span) : NULL;
      gint32 length = mark->has_span ? mark->span.value : 0;
      gboolean more = mark->has_span &&
                      ((mark->span.flags & WEFT_SPAN_LIST_CUT) || length > (gint32) n_chips);
      guint n_cells = n_chips + (more ? 1 : 0);
      guint per_row = MAX (1u, mark->chips_per_row);
      WeftRgba ink = ink_on (&theme->queue);
      gboolean lifo;
      double row_w;

      chip_size (scene, &cw, &ch);
      weft_scene_set_layout_size (scene->small_layout, scene->fs * 0.8);
      if (n_cells == 0)
        {
          int tw, th;

          /* Translators: shown in a queue's box when it holds no item. */
          weft_scene_measure (scene, scene->small_layout, _("empty"), 0, &tw, &th);
          weft_scene_show_text (scene, scene->small_layout, _("empty"), 0, mark->anchor.x - tw / 2.0,
                                y + mark->chips_y + (ch - th) / 2, &theme->text_dim);
        }
      /* The model keeps the items next to get first. A LIFO list gets from its end, so
       * its chips go the other way: oldest first, as Python's print(list) shows it, the
       * next to pop on the right and the items beyond the listed ones ("+12") first. */
      lifo = weft_model_get_object_queue_kind (scene->model, (guint) (mark - scene->objects)) ==
             WEFT_QUEUE_LIFO;
      for (guint i = 0; i < n_cells; i++)
        {
          guint row = i / per_row, col = i % per_row;
          guint in_row = MIN (per_row, n_cells - row * per_row);
          guint cell = lifo ? n_cells - 1 - i : i;
          double cx, cy;
          g_autofree char *text = NULL;
          int tw, th;

          row_w = in_row * (cw + gap) - gap;
          cx = mark->anchor.x - row_w / 2 + col * (cw + gap);
          cy = y + mark->chips_y + row * (ch + gap);
          if (cell < n_chips)
            text = g_strdup_printf ("%d", items[cell]);
          else
            /* Translators: the items of a queue not shown as chips, e.g. "+12". */
            text = g_strdup_printf (_("+%d"), MAX (1, length - (gint32) n_chips));

          weft_scene_rounded_rect (cr, cx, cy, cw, ch, ch * 0.3);
          if (cell < n_chips)
            {
              weft_theme_set_source (cr, &theme->queue);
              cairo_fill (cr);
            }
          else
            {
              weft_theme_set_source (cr, &theme->text_dim);
              cairo_set_line_width (cr, scene->line_width);
              cairo_stroke (cr);
            }
          weft_scene_measure (scene, scene->small_layout, text, cw, &tw, &th);
          weft_scene_show_text (scene, scene->small_layout, text, cw, cx + (cw - tw) / 2, cy + (ch - th) / 2,
                                cell < n_chips ? &ink : &theme->text_dim);
          weft_render_stats_add (scene->stats, 0, 0, 0, 1);
        }
      weft_scene_set_layout_size (scene->small_layout, scene->fs * 0.85);
    }
}

/* Stacks the boxes of @objects (indices) vertically, centred at (@cx, @cy), within
 * @max_w × @max_h; boxes that cannot be labelled there become a grid of squares. Returns
 * the height used. */
double
weft_scene_stack_objects (WeftScene   *scene,
                          const guint *objects,
                          guint        n,
                          double       cx,
                          double       cy,
                          double       max_w,
                          double       max_h,
                          double       spread)
{
  double gap = scene->fs * 2.2;
  double total = 0;
  double y;

  if (n == 0)
    return 0;

  for (guint i = 0; i < n; i++)
    {
      weft_scene_prepare_object (scene, objects[i], max_w, FALSE);
      total += scene->objects[objects[i]].content_h;
    }
  /* Spread over that part of the height, for the edges to reach each box apart. */
  if (spread > 0 && n > 1)
    gap = CLAMP ((max_h * spread - total) / (n - 1), gap, scene->fs * 7);
  total += gap * (n - 1);

  if (total > max_h)
    gap = MAX (scene->fs * 0.4, gap - (total - max_h) / MAX (1, n - 1));
  total = 0;
  for (guint i = 0; i < n; i++)
    total += scene->objects[objects[i]].content_h;
  total += gap * (n - 1);

  if (total <= max_h)
    {
      y = cy - total / 2;
      for (guint i = 0; i < n; i++)
        {
          WeftSceneObject *mark = &scene->objects[objects[i]];

          weft_scene_place_box (mark, cx, y + mark->content_h / 2);
          y += mark->content_h + gap;
        }
      return total;
    }

  /* Too many to label: a grid of squares. */
  {
    guint cols = (guint) ceil (sqrt (n * max_w / MAX (1.0, max_h)));
    guint rows;
    double cell, side;

    cols = CLAMP (cols, 1u, n);
    rows = (n + cols - 1) / cols;
    cell = MIN (max_w / cols, max_h / rows);
    side = MAX (1.0, cell * 0.6);
    for (guint i = 0; i < n; i++)
      weft_scene_place_square (&scene->objects[objects[i]],
                    cx - cols * cell / 2 + (i % cols + 0.5) * cell,
                    cy - rows * cell / 2 + (i / cols + 0.5) * cell, side);
    return rows * cell;
  }
}

/* The objects a stack shows in order: locks and semaphores, then queues, then the rest, so
 * a pipeline's queue sits between its lock above and its condition below. */
guint
weft_scene_centre_objects (WeftScene *scene,
                           guint     *out)
{
  guint n = 0;

  for (guint pass = 0; pass < 3; pass++)
    {
      for (guint i = 0; i < scene->n_objects; i++)
        {
          WeftObjectKind kind = scene->objects[i].kind;
          guint rank;

          if (scene->objects[i].ring)
            continue;
          if (weft_scene_is_lock (kind) || weft_scene_is_semaphore (kind))
            rank = 0;
          else if (kind == WEFT_OBJECT_QUEUE)
            rank = 1;
          else
            rank = 2;
          if (rank == pass)
            out[n++] = i;
        }
    }

  return n;
}

char *
weft_scene_short_name (const char *name)
{
  const char *end, *digits;
  g_autofree char *initial = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  /* The model knows a resource by its translated name only ("fork 2", "fourchette 2"):
   * its first letter and its number tell the forks of a table apart in any language. */
  end = name + strlen (name);
  digits = end;
  while (digits > name && g_ascii_isdigit (digits[-1]))
    digits--;
  if (digits == end || digits == name)
    return g_strdup (name);
  initial = g_utf8_substring (name, 0, 1);
  /* Translators: the short form of a resource's name, drawn in its box when the whole
   * name does not fit: %1$s is the name's first letter, %2$s its number ("fork 2" →
   * "f2"). Add a separator or swap them if your language needs it. */
  return g_strdup_printf (C_("short name", "%1$s%2$s"), initial, digits);
}
