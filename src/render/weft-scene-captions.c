/* weft-scene-captions.c — the scene's captions: the count of actors per state on the
 * table when they are too many to be named ("312 eating"), and the deadlock's caption
 * under the scene, which names the cycle in the words of the banner and of weft-cli
 * (weft_describe_deadlock(): "Deadlock: Kant → fork 2 → … → Kant").
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "weft-scene-private.h"

typedef struct
{
  WeftState state;
  guint16   detail;
  guint     count;
} SummaryRow;

/* Counts per state (running ones per activity), drawn as a small legend with numbers on
 * the table. */
void
weft_scene_draw_summary (WeftScene *scene)
{
  SummaryRow rows[WEFT_SCENE_MAX_SUMMARY];
  guint n_rows = 0;
  const WeftTheme *theme = scene->theme;
  double line_h, swatch, y, widest = 0;
  int tw, th;

  for (guint i = 0; i < scene->n_actors; i++)
    {
      WeftSceneActor *mark = &scene->actors[i];
      /* Running or sleeping, each activity is a row of its own: "410 thinking", "312
       * eating" (both sleeping: one colour, the words tell them apart). */
      guint16 detail = (mark->state == WEFT_STATE_RUNNING || mark->state == WEFT_STATE_SLEEPING)
                       ? mark->detail : 0;
      guint k;

      for (k = 0; k < n_rows; k++)
        if (rows[k].state == mark->state && rows[k].detail == detail)
          break;
      if (k == n_rows)
        {
          if (n_rows == WEFT_SCENE_MAX_SUMMARY)
            {
              /* Out of rows: count it with its state. */
              for (k = 0; k < n_rows && rows[k].state != mark->state; k++)
                ;
              if (k == n_rows)
                continue;
            }
          else
            rows[n_rows++] = (SummaryRow) { mark->state, detail, 0 };
        }
      rows[k].count++;
    }

  /* In state order, as the legend lists them; running first, then its activities. */
  for (guint a = 1; a < n_rows; a++)
    for (guint b = a; b > 0 && (rows[b - 1].state > rows[b].state ||
                                (rows[b - 1].state == rows[b].state && rows[b - 1].detail > rows[b].detail)); b--)
      {
        SummaryRow tmp = rows[b];

        rows[b] = rows[b - 1];
        rows[b - 1] = tmp;
      }

  weft_scene_set_layout_size (scene->status_layout, scene->fs * 1.1);
  line_h = scene->fs * 1.8;
  swatch = scene->fs * 1.3;
  /* A row is worded as one of its actors would be, but a row stands for many: it waits for
   * no object of its own ("1000 blocked", not "waiting for fork 1"). */
  for (guint k = 0; k < n_rows; k++)
    {
      WeftSceneActor probe = { .state = rows[k].state, .detail = rows[k].detail, .object = WEFT_NONE };
      g_autofree char *text = g_strdup_printf (C_("scene summary", "%u %s"), rows[k].count,
                                               weft_scene_actor_status (scene, &probe));

      weft_scene_measure (scene, scene->status_layout, text, 0, &tw, &th);
      widest = MAX (widest, tw);
      g_free (probe.status_owned);
    }
  widest += swatch + scene->fs * 0.5;
  y = scene->summary_top >= 0 ? scene->summary_top : scene->table_y - n_rows * line_h / 2;
  if (y + n_rows * line_h > scene->table_y + scene->table_r * 0.8 || widest > scene->table_r * 1.6)
    {
      weft_scene_set_layout_size (scene->status_layout, scene->fs * 0.85);
      return;
    }

  for (guint k = 0; k < n_rows; k++)
    {
      WeftSceneActor probe = { .state = rows[k].state, .detail = rows[k].detail, .object = WEFT_NONE };
      /* Translators: on the table when philosophers are too many to name, e.g.
       * "312 eating": how many actors do that now. Reorder with %2$s and %1$u if the
       * number reads better after the words ("mangent : 312"). */
      g_autofree char *text = g_strdup_printf (C_("scene summary", "%u %s"), rows[k].count,
                                               weft_scene_actor_status (scene, &probe));
      double x = scene->table_x - widest / 2;

      g_free (probe.status_owned);
      cairo_rectangle (scene->cr, x, y + (line_h - swatch) / 2, swatch, swatch);
      weft_scene_fill_state (scene, rows[k].state, rows[k].detail);
      /* Outlined: a light tint on a light table still has an edge. */
      cairo_rectangle (scene->cr, x, y + (line_h - swatch) / 2, swatch, swatch);
      weft_theme_set_source (scene->cr, &theme->text_dim);
      cairo_set_line_width (scene->cr, MAX (1.0, scene->line_width / 2));
      cairo_stroke (scene->cr);
      weft_scene_measure (scene, scene->status_layout, text, 0, &tw, &th);
      weft_scene_show_text (scene, scene->status_layout, text, 0, x + swatch + scene->fs * 0.5,
                            y + (line_h - th) / 2, &theme->text);
      weft_render_stats_add (scene->stats, 0, 0, 0, 1);
      y += line_h;
    }
  weft_scene_set_layout_size (scene->status_layout, scene->fs * 0.85);
}

/* The caption's layout, its size set; NULL when there is no deadlock to show. */
PangoLayout *
weft_scene_caption_layout (WeftScene *scene,
                           double    *height)
{
  g_autofree char *text = NULL;
  PangoLayout *style, *layout;
  double pad = scene->fs * 0.5;
  int w, h;

  *height = 0;
  if (!scene->deadlock)
    return NULL;

  style = weft_render_create_frame_layout (scene->cr, scene->context, scene->theme, scene->fs * 1.15,
                                           TRUE);
  pango_layout_set_width (style, (int) (MAX (1.0, scene->width - 2 * pad - scene->line_width * 6) * PANGO_SCALE));
  pango_layout_set_wrap (style, PANGO_WRAP_WORD);
  pango_layout_set_height (style, -2);
  pango_layout_set_ellipsize (style, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (style, PANGO_ALIGN_CENTER);
  /* The words of the banner and of weft-cli when they fit in two lines; else fewer
   * threads named (its start, "…", its end and their number): never a name cut in the
   * middle. */
  for (guint shown = WEFT_CYCLE_THREADS_SHOWN; ; shown--)
    {
      g_free (text);
      text = weft_describe_deadlock (scene->model, shown);
      layout = weft_text_cache_layout (scene->text_cache, style, text, &w, &h, scene->stats);
      if (!pango_layout_is_ellipsized (layout) || shown <= 2)
        break;
    }
  /* The cache's layout lives until the next frame; the scene keeps its own reference. */
  g_object_ref (layout);
  g_object_unref (style);
  /* Room above it, and for its thick outline. */
  *height = h + 2 * pad + scene->fs * 0.6 + scene->line_width * 3;
  return layout;
}

void
weft_scene_draw_caption (WeftScene   *scene,
                         PangoLayout *layout,
                         double       height)
{
  cairo_t *cr = scene->cr;
  double pad = scene->fs * 0.5;
  double lw = scene->line_width * 3;
  double top = scene->height - height + scene->fs * 0.6 + lw / 2;
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  weft_scene_rounded_rect (cr, lw / 2, top, scene->width - lw, h + 2 * pad, scene->fs * 0.4);
  weft_theme_set_source (cr, &scene->theme->background);
  cairo_fill_preserve (cr);
  weft_theme_set_source (cr, &scene->theme->deadlock);
  cairo_set_line_width (cr, lw);
  cairo_stroke (cr);
  cairo_move_to (cr, pad + lw, top + pad);
  weft_render_show_layout (cr, layout);
  weft_render_stats_add (scene->stats, 0, 1, 0, 1);
}
