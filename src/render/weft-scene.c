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
 * The hit tests are in weft-scene-hits.c, the scene in words in weft-scene-words.c.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "weft-scene-private.h"

/* Label blocks are measured for at most this many actors; beyond it the widest of these
 * stands for all (generated names all look alike). */
#define MAX_MEASURED 64
/* Lines of the per-state count shown when the actors are too many to be named. */
#define MAX_SUMMARY 8

/* Text ----------------------------------------------------------------------------------- */

static void
set_layout_size (PangoLayout *layout,
                 double       size)
{
  PangoFontDescription *desc;

  desc = pango_font_description_copy (pango_layout_get_font_description (layout));
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
}

/* Sets @text, ellipsized beyond @max_w (0: no limit), and returns its size. */
static void
measure (PangoLayout *layout,
         const char  *text,
         double       max_w,
         int         *w,
         int         *h)
{
  pango_layout_set_width (layout, max_w > 0 ? (int) (max_w * PANGO_SCALE) : -1);
  pango_layout_set_ellipsize (layout, max_w > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, w, h);
}

/* Draws @text with its top-left corner at (@x, @y), ellipsized beyond @max_w. */
static void
show_text (WeftScene      *scene,
           PangoLayout    *layout,
           const char     *text,
           double          max_w,
           double          x,
           double          y,
           const WeftRgba *colour)
{
  int w, h;

  measure (layout, text, max_w, &w, &h);
  weft_theme_set_source (scene->cr, colour);
  cairo_move_to (scene->cr, x, y);
  weft_render_show_layout (scene->cr, layout);
  weft_render_stats_add (scene->stats, 0, 1, 0, 0);
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

static const char *
actor_status (WeftScene      *scene,
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
      /* The timeline's words: what holds the thread up ("waiting for fork 2"). */
      mark->status_owned = g_strdup_printf (_("waiting for %s"),
                                            weft_model_get_object_name (scene->model, mark->object));
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

/* Measures the actors' label blocks (@names: the names again, after a change of size;
 * statuses once, when first shown), the first MAX_MEASURED only: the widest of them stands
 * for the rest (generated names all look alike). Returns the widest and tallest block. */
static void
measure_actor_labels (WeftScene *scene,
                      gboolean   names,
                      double    *block_w,
                      double    *block_h)
{
  gboolean statuses = scene->show_status && !scene->statuses_measured;
  guint n = MIN (scene->n_actors, MAX_MEASURED);
  int max_w = 0, max_h = 0, name_w = 0, name_h = 0;

  for (guint i = 0; i < n; i++)
    {
      WeftSceneActor *mark = &scene->actors[i];
      int w, h;

      if (names)
        measure (scene->name_layout, weft_model_get_actor_name (scene->model, i),
                 scene->label_max_w, &mark->name_w, &mark->name_h);
      if (statuses)
        measure (scene->status_layout, actor_status (scene, mark), scene->label_max_w,
                 &mark->status_w, &mark->status_h);
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
  scene->statuses_measured |= statuses;

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

/* Geometry -------------------------------------------------------------------------------- */

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

static gboolean
rects_overlap (const double a[4],
               const double b[4])
{
  return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
}

/* Snapshot -------------------------------------------------------------------------------- */

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

/* Resource boxes -------------------------------------------------------------------------- */

static gboolean
is_lock (WeftObjectKind kind)
{
  return kind == WEFT_OBJECT_LOCK || kind == WEFT_OBJECT_RLOCK;
}

static gboolean
is_semaphore (WeftObjectKind kind)
{
  return kind == WEFT_OBJECT_SEMAPHORE || kind == WEFT_OBJECT_BOUNDED_SEMAPHORE;
}

/* Held: a lock with an owner, a semaphore with a unit taken. */
static gboolean
object_is_held (const WeftSceneObject *mark,
                gint32                 initial)
{
  if (!mark->has_span)
    return FALSE;
  if (is_lock (mark->kind))
    return mark->span.value > 0 && mark->span.owner != WEFT_NONE;
  if (is_semaphore (mark->kind))
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
static void
prepare_object (WeftScene *scene,
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

  measure (scene->box_layout, mark->line1, max_w - 2 * pad, &w1, &h1);
  mark->cut = pango_layout_is_ellipsized (scene->box_layout);
  if (mark->line2 != NULL)
    {
      measure (scene->small_layout, mark->line2, max_w - 2 * pad, &w2, &h2);
      mark->cut |= pango_layout_is_ellipsized (scene->small_layout);
    }
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
static void
place_box (WeftSceneObject *mark,
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
static void
place_square (WeftSceneObject *mark,
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

static void
rounded_rect (cairo_t *cr,
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

static void
draw_object (WeftScene *scene,
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
  rounded_rect (cr, x, y, w, h, mark->labelled ? scene->fs * 0.35 : w * 0.2);
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

    measure (scene->box_layout, mark->line1, max_w, &w1, &h1);
    if (mark->line2 != NULL)
      measure (scene->small_layout, mark->line2, max_w, &w2, &h2);
    top = mark->kind == WEFT_OBJECT_QUEUE ? y + pad * 0.7 : mark->anchor.y - (h1 + h2) / 2.0;
    show_text (scene, scene->box_layout, mark->line1, max_w, mark->anchor.x - w1 / 2.0, top,
               &theme->text);
    if (mark->line2 != NULL)
      show_text (scene, scene->small_layout, mark->line2, max_w, mark->anchor.x - w2 / 2.0,
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
      set_layout_size (scene->small_layout, scene->fs * 0.8);
      if (n_cells == 0)
        {
          int tw, th;

          /* Translators: shown in a queue's box when it holds no item. */
          measure (scene->small_layout, _("empty"), 0, &tw, &th);
          show_text (scene, scene->small_layout, _("empty"), 0, mark->anchor.x - tw / 2.0,
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

          rounded_rect (cr, cx, cy, cw, ch, ch * 0.3);
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
          measure (scene->small_layout, text, cw, &tw, &th);
          show_text (scene, scene->small_layout, text, cw, cx + (cw - tw) / 2, cy + (ch - th) / 2,
                     cell < n_chips ? &ink : &theme->text_dim);
          weft_render_stats_add (scene->stats, 0, 0, 0, 1);
        }
      set_layout_size (scene->small_layout, scene->fs * 0.85);
    }
}

/* Stacks the boxes of @objects (indices) vertically, centred at (@cx, @cy), within
 * @max_w × @max_h; boxes that cannot be labelled there become a grid of squares. Returns
 * the height used. */
static double
stack_objects (WeftScene   *scene,
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
      prepare_object (scene, objects[i], max_w, FALSE);
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

          place_box (mark, cx, y + mark->content_h / 2);
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
      place_square (&scene->objects[objects[i]],
                    cx - cols * cell / 2 + (i % cols + 0.5) * cell,
                    cy - rows * cell / 2 + (i / cols + 0.5) * cell, side);
    return rows * cell;
  }
}

/* The objects a stack shows in order: locks and semaphores, then queues, then the rest, so
 * a pipeline's queue sits between its lock above and its condition below. */
static guint
centre_objects (WeftScene *scene,
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
          if (is_lock (kind) || is_semaphore (kind))
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

/* Actors on a ring or an ellipse --------------------------------------------------------- */

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

/* Picks the labels that fit: walking around in order, a label is kept if it overlaps
 * neither the last one kept nor the first (the ring closes). @angles NULL: columns. To
 * keep the number of measured labels bounded, only every @stride-th actor is tried. */
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

static void
choose_ring_labels (WeftScene    *scene,
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

      if (order[k] >= MAX_MEASURED)
        measure (scene->name_layout, weft_model_get_actor_name (scene->model, order[k]),
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

/* Places @n actors around an ellipse of radii @rx, @ry from angle @start, with circles of
 * radius @r; returns their angles (owned by the caller). */
static double *
place_around (WeftScene   *scene,
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
static double
crowding (WeftScene *scene,
          double     spacing)
{
  double r = MIN (scene->fs * 2.0, spacing * 0.32);

  scene->show_outline = r >= 5;
  scene->show_edges = spacing >= scene->fs * 1.2;
  return MAX (r, 1.5);
}

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

/* The ring: philosophers around the table. Philosopher i takes forks i and i + 1 (the
 * scenario's left and right), so fork i, the i-th lock created, lies between philosophers
 * i − 1 and i. Objects that are not among the first n locks (the waiter's semaphore) go
 * on the table. */
static void
layout_ring (WeftScene *scene)
{
  guint n = scene->n_actors;
  g_autofree guint *order = g_new (guint, MAX (n, 1u));
  g_autofree guint *centre = g_new (guint, MAX (scene->n_objects, 1u));
  g_autofree double *angles = NULL;
  double cx = scene->width / 2, cy = scene->area_h / 2;
  double block_w, block_h, gap = scene->label_gap;
  double r = scene->fs * 2.0, R = 0, spacing = 0;
  guint n_ring = 0, n_centre, stride;
  double fork_w = 0, fork_h = 0;

  for (guint i = 0; i < n; i++)
    order[i] = i;
  for (guint i = 0; i < scene->n_objects && i < n; i++)
    {
      if (!is_lock (scene->objects[i].kind))
        break;
      scene->objects[i].ring = TRUE;
      n_ring++;
    }

  /* A few actors: names and statuses; more: names only, where they fit. */
  scene->show_status = n <= 24;
  measure_actor_labels (scene, TRUE, &block_w, &block_h);

  for (guint pass = 0; pass < 2; pass++)
    {
      R = ring_radius (scene, n, r, block_w, block_h, &cy);
      spacing = 2 * G_PI * R / MAX (n, 1u);
      r = crowding (scene, spacing);
      if (scene->show_status && spacing < block_h + r * 2)
        {
          scene->show_status = FALSE;
          measure_actor_labels (scene, FALSE, &block_w, &block_h);
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
                  prepare_object (scene, i, scene->fs * 8, brief);
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
      angles = place_around (scene, order, n, cx, cy, R, R, -G_PI / 2, r);

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
            place_box (mark, cx + rf * cos (a), cy + rf * sin (a));
          else if (side >= 3)
            place_square (mark, cx + rf * cos (a), cy + rf * sin (a), side);
          else
            mark->anchor.hw = mark->anchor.hh = 0;  /* not drawn */
        }
      scene->table_r = labelled ? rf - fork_diag - gap * 2 : side > 0 ? rf - side - gap : R - r - gap * 2;
    }
  else
    {
      scene->ring_r = R;
      angles = place_around (scene, order, n, cx, cy, R, R, -G_PI / 2, r);
      scene->table_r = R - r - gap * 4;
    }
  scene->table_r = MAX (0, scene->table_r);
  scene->table_x = cx;
  scene->table_y = cy;

  /* The rest (the waiter's semaphore) on the table. */
  n_centre = centre_objects (scene, centre);
  scene->summary_top = -1;
  if (n_centre > 0)
    {
      double stack_h = stack_objects (scene, centre, n_centre, cx, cy, scene->table_r * 1.4,
                                      scene->table_r * 1.4, 0);

      /* Room left for the count under them, then they move up to make it. */
      scene->summary_top = cy + stack_h / 2 + scene->fs;
    }

  /* When statuses are dropped, the table says how many do what. */
  scene->show_summary = !scene->show_status;

  /* Crowded: a few landmarks, not a fringe of names. */
  if (scene->band > 0)
    {
      set_layout_size (scene->name_layout, scene->fs * 0.9);
      measure_actor_labels (scene, TRUE, &block_w, &block_h);
      stride = round_stride (MAX (block_w, block_h * 4) / MAX (spacing, 0.1));
    }
  else
    stride = (guint) MAX (1.0, floor ((block_h + gap) / MAX (spacing, 0.1)));
  choose_ring_labels (scene, order, n, angles, stride, gap + (scene->band > 0 ? scene->fs * 0.3 : 0));
}

/* The star: resources stacked in the middle, actors around them. */
static void
layout_star (WeftScene *scene)
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
  measure_actor_labels (scene, TRUE, &block_w, &block_h);

  n_centre = centre_objects (scene, centre);
  stack_h = stack_objects (scene, centre, n_centre, cx, cy, MIN (scene->width * 0.34, scene->fs * 16),
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
      r = crowding (scene, spacing);
      if (scene->show_status && spacing < block_h + r * 2)
        {
          scene->show_status = FALSE;
          measure_actor_labels (scene, FALSE, &block_w, &block_h);
        }
    }

  /* Two actors face each other left and right; four sit at the corners. */
  start = G_PI;
  if (n >= 4 && n % 2 == 0)
    start += G_PI / n;
  angles = place_around (scene, order, n, cx, cy, rx, ry, start, r);

  stride = (guint) MAX (1.0, floor ((block_h + gap) / MAX (spacing, 0.1)));
  choose_ring_labels (scene, order, n, angles, stride, gap);
}

/* Pipeline: which actors produce. The pub/sub scenario creates its publishers first and
 * names them "Publisher" or "Publisher N" (translated with the scenario's msgids, as the
 * model's names are): an actor whose name starts with the translated "Publisher" is a
 * producer. Only if no name matches (another pipeline scenario) do the producers come from
 * the run itself: the actors that put the items of the first item flows (not the last:
 * pub/sub's last subscriber puts sentinels for the others), else the first actor. The rule
 * reads the whole model, not the time shown, so actors do not change columns. */
static void
classify_producers (WeftScene *scene)
{
  const char *publisher = g_dgettext (GETTEXT_PACKAGE, "Publisher");
  const WeftFlow *flows;
  guint n_flows;
  gboolean any = FALSE;

  for (guint i = 0; i < scene->n_actors; i++)
    {
      scene->actors[i].producer =
        g_str_has_prefix (weft_model_get_actor_name (scene->model, i), publisher);
      any |= scene->actors[i].producer;
    }
  if (any)
    return;

  flows = weft_model_get_flows (scene->model, &n_flows);
  for (guint k = 0; k < MIN (n_flows, 64u); k++)
    {
      if (flows[k].kind == WEFT_FLOW_ITEM && flows[k].from_actor < scene->n_actors)
        {
          scene->actors[flows[k].from_actor].producer = TRUE;
          any = TRUE;
        }
    }

  if (!any && scene->n_actors > 0)
    scene->actors[0].producer = TRUE;
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
static void
layout_pipeline (WeftScene *scene)
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
  measure_actor_labels (scene, TRUE, &block_w, &block_h);

  x0 = place_column (scene, left, n_left, -1, col_w, &r0);
  x1 = place_column (scene, right, n_right, 1, col_w, &r1);
  if (n_left == 0)
    r0 = r1;
  if (n_right == 0)
    r1 = r0;
  scene->show_outline = MIN (r0, r1) >= 5;
  scene->show_edges = MIN (r0, r1) >= 5;

  n_centre = centre_objects (scene, centre);
  stack_objects (scene, centre, n_centre, (x0 + x1) / 2, scene->area_h / 2,
                 x1 - x0 - scene->fs * 7, scene->area_h, 0.6);
  scene->pipe_x0 = x0 + gap * 3;
  scene->pipe_x1 = x1 - gap * 3;
}

/* Edges ---------------------------------------------------------------------------------- */

gboolean
weft_scene_object_drawn (const WeftSceneObject *mark)
{
  return mark->anchor.hw > 0;
}

static void
collect_edges (WeftScene *scene)
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
          if (is_lock (mark->kind) && mark->span.value > 0 && mark->span.owner < scene->n_actors &&
              mark->span.owner != mark->cycle_holder)
            add_edge (scene, &mark->anchor, &scene->actors[mark->span.owner].anchor, EDGE_HOLDS);
          else if (is_semaphore (mark->kind) && mark->span.n_list > 0)
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
static void
draw_edges (WeftScene         *scene,
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

/* Actors --------------------------------------------------------------------------------- */

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
static void
fill_state (WeftScene *scene,
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
  guint16 activities[MAX_SUMMARY];
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
                  fill_state (scene, (WeftState) s, activity);
                  any = FALSE;
                }
            }
        }
    }

  return n;
}

static void
draw_actors (WeftScene *scene)
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

static void
draw_actor_labels (WeftScene *scene)
{
  const WeftTheme *theme = scene->theme;

  for (guint i = 0; i < scene->n_actors; i++)
    {
      WeftSceneActor *mark = &scene->actors[i];
      const char *name = weft_model_get_actor_name (scene->model, i);
      const char *status = mark->with_status ? actor_status (scene, mark) : NULL;
      int nw, nh, sw = 0, sh = 0;
      double w;
      const WeftRgba *status_colour = &theme->text_dim;

      if (!mark->labelled)
        continue;
      measure (scene->name_layout, name, scene->label_max_w, &nw, &nh);
      if (status != NULL)
        measure (scene->status_layout, status, scene->label_max_w, &sw, &sh);
      w = MAX (nw, sw);

      /* Each line aligned like the block, on the side facing the circle. */
      show_text (scene, scene->name_layout, name, scene->label_max_w,
                 mark->label[0] + (w - nw) * mark->align, mark->label[1], &theme->text);
      if (status == NULL)
        continue;
      if (mark->cycle_object != WEFT_NONE)
        status_colour = &theme->deadlock;
      else if (mark->state == WEFT_STATE_BLOCKED || mark->state == WEFT_STATE_WAITING)
        status_colour = &theme->waiting;
      {
        /* A parked thread's status has two lines (what it does, what it will do). */
        g_auto(GStrv) lines = g_strsplit (status, "\n", -1);
        double y = mark->label[1] + nh;

        for (guint l = 0; lines[l] != NULL; l++)
          {
            int lw, lh;

            measure (scene->status_layout, lines[l], scene->label_max_w, &lw, &lh);
            show_text (scene, scene->status_layout, lines[l], scene->label_max_w,
                       mark->label[0] + (w - lw) * mark->align, y, status_colour);
            y += lh;
          }
      }
    }
}

/* Summary and caption --------------------------------------------------------------------- */

typedef struct
{
  WeftState state;
  guint16   detail;
  guint     count;
} SummaryRow;

/* Counts per state (running ones per activity), drawn as a small legend with numbers on
 * the table. */
static void
draw_summary (WeftScene *scene)
{
  SummaryRow rows[MAX_SUMMARY];
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
          if (n_rows == MAX_SUMMARY)
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

  set_layout_size (scene->status_layout, scene->fs * 1.1);
  line_h = scene->fs * 1.8;
  swatch = scene->fs * 1.3;
  for (guint k = 0; k < n_rows; k++)
    {
      WeftSceneActor probe = { .state = rows[k].state, .detail = rows[k].detail };
      g_autofree char *text = g_strdup_printf (C_("scene summary", "%u %s"), rows[k].count,
                                               actor_status (scene, &probe));

      measure (scene->status_layout, text, 0, &tw, &th);
      widest = MAX (widest, tw);
      g_free (probe.status_owned);
    }
  widest += swatch + scene->fs * 0.5;
  y = scene->summary_top >= 0 ? scene->summary_top : scene->table_y - n_rows * line_h / 2;
  if (y + n_rows * line_h > scene->table_y + scene->table_r * 0.8 || widest > scene->table_r * 1.6)
    {
      set_layout_size (scene->status_layout, scene->fs * 0.85);
      return;
    }

  for (guint k = 0; k < n_rows; k++)
    {
      WeftSceneActor probe = { .state = rows[k].state, .detail = rows[k].detail };
      /* Translators: on the table when philosophers are too many to name, e.g.
       * "312 eating": how many actors do that now. Reorder with %2$s and %1$u if the
       * number reads better after the words ("mangent : 312"). */
      g_autofree char *text = g_strdup_printf (C_("scene summary", "%u %s"), rows[k].count,
                                               actor_status (scene, &probe));
      double x = scene->table_x - widest / 2;

      g_free (probe.status_owned);
      cairo_rectangle (scene->cr, x, y + (line_h - swatch) / 2, swatch, swatch);
      fill_state (scene, rows[k].state, rows[k].detail);
      /* Outlined: a light tint on a light table still has an edge. */
      cairo_rectangle (scene->cr, x, y + (line_h - swatch) / 2, swatch, swatch);
      weft_theme_set_source (scene->cr, &theme->text_dim);
      cairo_set_line_width (scene->cr, MAX (1.0, scene->line_width / 2));
      cairo_stroke (scene->cr);
      measure (scene->status_layout, text, 0, &tw, &th);
      show_text (scene, scene->status_layout, text, 0, x + swatch + scene->fs * 0.5,
                 y + (line_h - th) / 2, &theme->text);
      weft_render_stats_add (scene->stats, 0, 0, 0, 1);
      y += line_h;
    }
  set_layout_size (scene->status_layout, scene->fs * 0.85);
}

/* "Deadlock: Kant → fork 2 → Aristotle → … → Kant", the cycle cut in the middle when
 * long. */
static char *
cycle_text (WeftScene *scene,
            guint      max_head)
{
  GString *text = g_string_new (NULL);
  guint n = scene->n_cycle;
  guint head = MIN (n, max_head);

  if (n == 0)
    /* Translators: a deadlock where every thread waits, with no cycle of locks. */
    return g_strdup (_("Deadlock: every thread is waiting"));

  for (guint k = 0; k < head; k++)
    {
      const WeftModelEdge *edge = &scene->cycle[k];

      if (edge->actor < scene->n_actors)
        g_string_append_printf (text, "%s → ", weft_model_get_actor_name (scene->model, edge->actor));
      if (edge->object < scene->n_objects)
        g_string_append_printf (text, "%s → ", weft_model_get_object_name (scene->model, edge->object));
    }
  if (head < n)
    {
      const WeftModelEdge *last = &scene->cycle[n - 1];

      g_string_append (text, "… → ");
      if (last->actor < scene->n_actors)
        g_string_append_printf (text, "%s → ", weft_model_get_actor_name (scene->model, last->actor));
      if (last->object < scene->n_objects)
        g_string_append_printf (text, "%s → ", weft_model_get_object_name (scene->model, last->object));
    }
  if (scene->cycle[0].actor < scene->n_actors)
    g_string_append (text, weft_model_get_actor_name (scene->model, scene->cycle[0].actor));

  {
    g_autofree char *cycle = g_string_free (text, FALSE);

    if (head < n)
      /* Translators: the deadlock caption when the cycle is long; %s is the cycle,
       * shortened, and %u the number of threads in it. */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Deadlock: %s (%u thread)",
                                           "Deadlock: %s (%u threads)", n), cycle, n);
    /* Translators: the deadlock caption; %s is the cycle, e.g.
     * "Kant → fork 2 → Aristotle → fork 3 → … → Kant". */
    return g_strdup_printf (_("Deadlock: %s"), cycle);
  }
}

/* The caption's layout, its size set; NULL when there is no deadlock to show. */
static PangoLayout *
caption_layout (WeftScene *scene,
                double    *height)
{
  g_autofree char *text = NULL;
  PangoLayout *layout;
  double pad = scene->fs * 0.5;
  int w, h;

  *height = 0;
  if (!scene->deadlock)
    return NULL;

  layout = weft_render_create_layout (scene->cr, scene->theme, scene->fs * 1.15, TRUE);
  pango_layout_set_width (layout, (int) (MAX (1.0, scene->width - 2 * pad - scene->line_width * 6) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  pango_layout_set_height (layout, -2);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  /* The whole cycle when it fits in two lines, else its start, "…", its end and the
   * number of threads: never a name cut in the middle. */
  for (guint head = MIN (scene->n_cycle, 8u); ; head--)
    {
      g_free (text);
      text = cycle_text (scene, head == 8 && scene->n_cycle > 8 ? 2 : head);
      pango_layout_set_text (layout, text, -1);
      if (!pango_layout_is_ellipsized (layout) || head <= 1)
        break;
    }
  pango_layout_get_pixel_size (layout, &w, &h);
  /* Room above it, and for its thick outline. */
  *height = h + 2 * pad + scene->fs * 0.6 + scene->line_width * 3;
  return layout;
}

static void
draw_caption (WeftScene   *scene,
              PangoLayout *layout,
              double       height)
{
  cairo_t *cr = scene->cr;
  double pad = scene->fs * 0.5;
  double lw = scene->line_width * 3;
  double top = scene->height - height + scene->fs * 0.6 + lw / 2;
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  rounded_rect (cr, lw / 2, top, scene->width - lw, h + 2 * pad, scene->fs * 0.4);
  weft_theme_set_source (cr, &scene->theme->background);
  cairo_fill_preserve (cr);
  weft_theme_set_source (cr, &scene->theme->deadlock);
  cairo_set_line_width (cr, lw);
  cairo_stroke (cr);
  cairo_move_to (cr, pad + lw, top + pad);
  weft_render_show_layout (cr, layout);
  weft_render_stats_add (scene->stats, 0, 1, 0, 1);
}

/* Drawing -------------------------------------------------------------------------------- */

static void
draw_table (WeftScene *scene)
{
  if (scene->table_r < scene->fs)
    return;
  cairo_arc (scene->cr, scene->table_x, scene->table_y, scene->table_r, 0, 2 * G_PI);
  weft_theme_set_source (scene->cr, &scene->theme->lane_alt);
  cairo_fill (scene->cr);
  weft_render_stats_add (scene->stats, 0, 0, 0, 1);
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
  const WeftTheme *theme = scene->theme;

  scene_reset_layout (scene);
  scene->fs = fs;
  scene->line_width = MAX (1.0, scene->fs / 10.0);
  scene->label_gap = scene->fs * 0.35 + scene->line_width * 3;
  scene->label_max_w = scene->fs * 11;

  /* Made once, sized for each try. */
  if (scene->name_layout == NULL)
    {
      scene->name_layout = weft_render_create_layout (cr, theme, scene->fs * 1.05, TRUE);
      scene->status_layout = weft_render_create_layout (cr, theme, scene->fs * 0.85, FALSE);
      scene->box_layout = weft_render_create_layout (cr, theme, scene->fs * 0.95, TRUE);
      scene->small_layout = weft_render_create_layout (cr, theme, scene->fs * 0.85, FALSE);
      /* A box's second line ("attendu : 6000 · mise à jour perdue") may take two lines,
       * centred, before it is cut: a long word in one language must not shrink the whole
       * scene to keep it whole. */
      pango_layout_set_height (scene->small_layout, -2);
      pango_layout_set_alignment (scene->small_layout, PANGO_ALIGN_CENTER);
    }
  set_layout_size (scene->name_layout, scene->fs * 1.05);
  set_layout_size (scene->status_layout, scene->fs * 0.85);
  set_layout_size (scene->box_layout, scene->fs * 0.95);
  set_layout_size (scene->small_layout, scene->fs * 0.85);

  scene->caption = caption_layout (scene, &scene->caption_h);
  scene->area_h = MAX (1.0, scene->height - scene->caption_h);

  switch (weft_model_get_layout (scene->model))
    {
    case WEFT_LAYOUT_RING:
      layout_ring (scene);
      break;
    case WEFT_LAYOUT_PIPELINE:
      layout_pipeline (scene);
      break;
    case WEFT_LAYOUT_STAR:
    default:
      layout_star (scene);
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
      measure (scene->name_layout, weft_model_get_actor_name (scene->model, i), 0, &w, &h);
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
                            WeftRenderStats *stats)
{
  gboolean laid_out;

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_new_path (cr);

  laid_out = weft_scene_layout (scene, cr, model, theme, time_ns, width, height, text_scale, stats);
  if (laid_out)
    {
      collect_edges (scene);

      draw_table (scene);
      draw_edges (scene, EDGE_PIPE);
      draw_edges (scene, EDGE_HOLDS);
      draw_edges (scene, EDGE_WANTS);
      for (guint i = 0; i < scene->n_objects; i++)
        if (weft_scene_object_drawn (&scene->objects[i]))
          draw_object (scene, i);
      draw_edges (scene, EDGE_CYCLE);
      draw_actors (scene);
      draw_actor_labels (scene);
      if (scene->show_summary)
        draw_summary (scene);
      if (scene->caption != NULL)
        draw_caption (scene, scene->caption, scene->caption_h);
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

  weft_scene_layout_and_draw (&scene, cr, model, theme, time_ns, width, height, text_scale, stats);
  weft_scene_clear (&scene);
}
