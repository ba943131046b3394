/* test-scene.c — the scene drawn from real runs of the four scenarios: something is drawn,
 * inside its rectangle; the deadlock cycle shows in the deadlock colour when the naive
 * philosophers deadlock and never with the ordered strategy nor before the deadlock; every
 * philosopher of a small table is named; a queue's items are drawn as chips; a thousand
 * philosophers cost a bounded number of primitives. The hit test finds each actor at the
 * centre of its circle, where something is drawn, on rings, stars and pipelines, small and
 * crowded, and nobody off the circles. Statuses are whole, and every philosopher keeps
 * his; with the window's text cache an unchanged frame shapes no text.
 *
 * Set WEFT_TEST_SCENE_PNG to a directory to keep the images (scene-*.png) for a look.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <libintl.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include <cairo-svg.h>

#include "weft-test-model.h"
#include "weft-model.h"
#include "weft-render.h"

#define WIDTH 1920
#define HEIGHT 1080

/* A finished run of @id in step mode, stepped round-robin to its end (or @budget steps). */
static WeftModel *
make_stepped_model (const char         *id,
                    const char * const *sets,
                    guint               budget,
                    WeftOutcome         expected)
{
  g_autoptr(WeftRun) run = test_make_run (id, 1, sets);
  WeftModel *model;

  test_start (run, WEFT_MODE_STEP);
  test_step_to_end (run, budget);
  ck_assert_int_eq (weft_run_get_outcome (run), expected);
  weft_run_stop (run);

  model = weft_model_new_for_run (run);
  weft_model_sync (model, run);
  return model;
}

/* The scene at @time_ns on the theme's background, @width × @height. */
static cairo_surface_t *
draw_scene (WeftModel       *model,
            WeftThemeId      theme_id,
            guint64          time_ns,
            int              width,
            int              height,
            WeftRenderStats *stats)
{
  const WeftTheme *theme = weft_theme_get (theme_id);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  weft_theme_set_source (cr, &theme->background);
  cairo_paint (cr);
  weft_scene_draw (cr, model, theme, time_ns, width, height, 1.0, stats);
  ck_assert_int_eq (cairo_status (cr), CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static void
maybe_keep (cairo_surface_t *surface,
            const char      *name)
{
  const char *dir = g_getenv ("WEFT_TEST_SCENE_PNG");
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL || *dir == '\0')
    return;
  file = g_strdup_printf ("scene-%s.png", name);
  path = g_build_filename (dir, file, NULL);
  ck_assert_int_eq (cairo_surface_write_to_png (surface, path), CAIRO_STATUS_SUCCESS);
}

/* Pixels within @tolerance of @rgba on each channel, in the rows above @y_end. */
static guint
count_colour_above (cairo_surface_t *surface,
                    const WeftRgba  *rgba,
                    int              tolerance,
                    int              y_end)
{
  int width = cairo_image_surface_get_width (surface);
  int height = MIN (y_end, cairo_image_surface_get_height (surface));
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data = cairo_image_surface_get_data (surface);
  int r = (int) lround (rgba->r * 255), g = (int) lround (rgba->g * 255), b = (int) lround (rgba->b * 255);
  guint count = 0;

  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (gconstpointer) (data + y * stride);

      for (int x = 0; x < width; x++)
        {
          guint32 p = row[x];

          if (ABS ((int) (p >> 16 & 0xFF) - r) <= tolerance &&
              ABS ((int) (p >> 8 & 0xFF) - g) <= tolerance &&
              ABS ((int) (p & 0xFF) - b) <= tolerance)
            count++;
        }
    }

  return count;
}

static guint
count_colour (cairo_surface_t *surface,
              const WeftRgba  *rgba,
              int              tolerance)
{
  return count_colour_above (surface, rgba, tolerance, G_MAXINT);
}

/* Pixels that are not the background, and how many colours the image has (up to 1000). */
static guint
count_ink (cairo_surface_t *surface,
           const WeftRgba  *background,
           guint           *n_colours)
{
  guint n = cairo_image_surface_get_width (surface) * (guint) cairo_image_surface_get_height (surface);
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  int stride = cairo_image_surface_get_stride (surface);
  int width = cairo_image_surface_get_width (surface);
  const guchar *data = cairo_image_surface_get_data (surface);

  for (guint i = 0; i < n && g_hash_table_size (colours) < 1000; i += 7)
    {
      guint32 p = ((const guint32 *) (gconstpointer) (data + (i / width) * stride))[i % width];

      g_hash_table_add (colours, GUINT_TO_POINTER (p & 0xFFFFFF));
    }
  *n_colours = g_hash_table_size (colours);

  return n - count_colour (surface, background, 0);
}

static void
assert_not_blank (cairo_surface_t *surface,
                  WeftThemeId      theme_id)
{
  guint n_colours;
  guint ink = count_ink (surface, &weft_theme_get (theme_id)->background, &n_colours);

  ck_assert_uint_ge (ink, 20000);
  ck_assert_uint_ge (n_colours, 10);
}

/* Everything the scene draws stays in its rectangle (no label cut at the edge). */
static void
assert_inside (WeftModel *model,
               guint64    time_ns,
               double     width,
               double     height)
{
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  double x, y, w, h;

  weft_scene_draw (cr, model, weft_theme_get (WEFT_THEME_LIGHT), time_ns, width, height, 1.0, NULL);
  cairo_destroy (cr);
  cairo_recording_surface_ink_extents (surface, &x, &y, &w, &h);
  cairo_surface_destroy (surface);

  ck_assert_msg (w > 0 && h > 0, "nothing drawn");
  ck_assert_msg (x >= -1 && y >= -1 && x + w <= width + 1 && y + h <= height + 1,
                 "drawn at %.0f,%.0f %.0f×%.0f, outside %.0f×%.0f", x, y, w, h, width, height);
}

static cairo_status_t
append_to_string (void                *closure,
                  const unsigned char *data,
                  unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The time of the first span of @object's lane for which @predicate holds; 0 if none. */
static guint64
find_resource_time (WeftModel *model,
                    guint      object,
                    gboolean (*predicate) (const WeftResourceSpan *span))
{
  guint n;
  const WeftResourceSpan *spans = weft_model_get_resource_spans (model, object, &n);

  for (guint i = 0; i < n; i++)
    if (predicate (&spans[i]))
      return spans[i].start_ns;
  return 0;
}

static gboolean
has_waiters (const WeftResourceSpan *span)
{
  return span->n_waiting > 0;
}

static gboolean
is_stale (const WeftResourceSpan *span)
{
  return (span->flags & WEFT_SPAN_STALE_WRITE) != 0;
}

static gboolean
has_items (const WeftResourceSpan *span)
{
  return span->n_list >= 1;
}

/* Philosophers --------------------------------------------------------------------------- */

START_TEST (test_naive_deadlock_shows_the_cycle)
{
  static const char * const sets[] = { "strategy=naive", NULL };
  g_autoptr(WeftModel) model = make_stepped_model ("philosophers", sets, 1000, WEFT_OUTCOME_DEADLOCK);
  guint64 deadlock_ns = 0;
  const WeftModelEdge *edges;
  guint n_edges;
  guint64 end = weft_model_get_end_ns (model);

  ck_assert (weft_model_get_deadlock (model, &deadlock_ns, &edges, &n_edges));
  ck_assert_uint_eq (n_edges, 5);

  for (guint t = 0; t < WEFT_N_THEMES; t++)
    {
      const WeftTheme *theme = weft_theme_get (t);
      WeftRenderStats stats = { 0 };
      cairo_surface_t *surface = draw_scene (model, t, end, WIDTH, HEIGHT, &stats);
      g_autofree char *name = g_strdup_printf ("naive-deadlock-%s", theme->name);

      maybe_keep (surface, name);
      assert_not_blank (surface, t);
      /* The cycle: five thick actor → fork → actor paths, above the caption. */
      ck_assert_uint_ge (count_colour_above (surface, &theme->deadlock, 10, HEIGHT - 200), 3000);
      ck_assert_uint_gt (count_colour_above (surface, &theme->deadlock, 10, HEIGHT),
                         count_colour_above (surface, &theme->deadlock, 10, HEIGHT - 200));
      /* Every philosopher and every fork is named, plus statuses and the caption. */
      ck_assert_uint_ge (stats.n_labels, 5 + 5 + 5 + 1);
      ck_assert_uint_ge (stats.n_arrows, 2 * n_edges);
      cairo_surface_destroy (surface);
    }

  /* Before the deadlock was found, no red. */
  {
    const WeftTheme *theme = weft_theme_get (WEFT_THEME_LIGHT);
    cairo_surface_t *surface = draw_scene (model, WEFT_THEME_LIGHT, deadlock_ns - 1, WIDTH, HEIGHT, NULL);

    ck_assert_uint_eq (count_colour (surface, &theme->deadlock, 10), 0);
    cairo_surface_destroy (surface);
  }

  assert_inside (model, end, WIDTH, HEIGHT);
  assert_inside (model, end, 760, 900);
  assert_inside (model, end, 400, 300);
}
END_TEST

START_TEST (test_ordered_shows_no_cycle)
{
  static const char * const sets[] = { "strategy=ordered", "meals=2", NULL };
  g_autoptr(WeftModel) model = make_stepped_model ("philosophers", sets, 5000, WEFT_OUTCOME_COMPLETED);
  const WeftTheme *theme = weft_theme_get (WEFT_THEME_LIGHT);
  guint64 end = weft_model_get_end_ns (model);

  /* At the end, and half-way, when forks are held and philosophers wait for them. */
  for (guint k = 1; k <= 4; k++)
    {
      WeftRenderStats stats = { 0 };
      cairo_surface_t *surface = draw_scene (model, WEFT_THEME_LIGHT, end / 4 * k, WIDTH, HEIGHT, &stats);

      if (k == 2)
        maybe_keep (surface, "ordered");
      assert_not_blank (surface, WEFT_THEME_LIGHT);
      ck_assert_uint_eq (count_colour (surface, &theme->deadlock, 10), 0);
      ck_assert_uint_ge (stats.n_labels, 5);
      cairo_surface_destroy (surface);
    }
}
END_TEST

START_TEST (test_waiter_and_svg)
{
  static const char * const sets[] = { "strategy=waiter", "meals=1", NULL };
  g_autoptr(WeftModel) model = make_stepped_model ("philosophers", sets, 5000, WEFT_OUTCOME_COMPLETED);
  guint64 t = find_resource_time (model, 5, has_waiters);
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(GString) svg = g_string_new (NULL);
  WeftRenderStats stats = { 0 };

  ck_assert_int_eq (weft_model_get_object_kind (model, 5), WEFT_OBJECT_SEMAPHORE);
  ck_assert_uint_gt (t, 0);

  surface = draw_scene (model, WEFT_THEME_LIGHT, t, WIDTH, HEIGHT, NULL);
  maybe_keep (surface, "waiter");
  assert_not_blank (surface, WEFT_THEME_LIGHT);
  cairo_surface_destroy (surface);
  assert_inside (model, t, WIDTH, HEIGHT);

  /* SVG: a vector drawing, text as glyphs. */
  surface = cairo_svg_surface_create_for_stream (append_to_string, svg, WIDTH, HEIGHT);
  cr = cairo_create (surface);
  weft_scene_draw (cr, model, weft_theme_get (WEFT_THEME_PRINT), t, WIDTH, HEIGHT, 1.0, &stats);
  ck_assert_int_eq (cairo_status (cr), CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  ck_assert_int_eq (cairo_surface_status (surface), CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  ck_assert (g_str_has_prefix (svg->str, "<?xml"));
  ck_assert_ptr_nonnull (strstr (svg->str, "</svg>"));
  ck_assert_uint_gt (svg->len, 10000);
  /* Five philosophers, five forks and the waiter named, and the waiter's holders. */
  ck_assert_uint_ge (stats.n_labels, 5 + 5 + 1);
  ck_assert_uint_ge (stats.n_arrows, 4);
}
END_TEST

START_TEST (test_thousand_philosophers_bounded)
{
  static const char * const sets[] = {
    "count=1000", "strategy=naive", "think_ms=20", "eat_ms=20", "fork_gap_ms=20", NULL
  };
  g_autoptr(WeftRun) run = test_make_run ("philosophers", 3, sets);
  g_autoptr(WeftModel) model = NULL;
  guint n_marks;
  gint64 before, elapsed;

  test_start (run, WEFT_MODE_RUN);
  g_usleep (300 * 1000);
  weft_run_stop (run);
  model = weft_model_new_for_run (run);
  weft_model_sync (model, run);
  n_marks = weft_model_get_n_actors (model) + weft_model_get_n_objects (model);
  ck_assert_uint_eq (n_marks, 2000);

  for (guint t = 0; t < WEFT_N_THEMES; t++)
    {
      WeftRenderStats stats = { 0 };
      cairo_surface_t *surface;

      before = g_get_monotonic_time ();
      surface = draw_scene (model, t, weft_model_get_end_ns (model), WIDTH, HEIGHT, &stats);
      elapsed = g_get_monotonic_time () - before;

      if (t == WEFT_THEME_LIGHT)
        maybe_keep (surface, "thousand");
      assert_not_blank (surface, t);
      ck_assert_uint_ge (stats.n_shapes, 1000);
      ck_assert_uint_lt (stats.n_primitives, 20 * n_marks);
      /* In fact about one per philosopher: forks and edges are not drawn at that scale. */
      ck_assert_uint_lt (stats.n_primitives, 2 * n_marks);
      /* Only the names that fit: a few dozen at most around the table. */
      ck_assert_uint_lt (stats.n_labels, 100);
      ck_assert_msg (elapsed < 2 * TEST_SECOND, "drawing took %" G_GINT64_FORMAT " µs", elapsed);
      cairo_surface_destroy (surface);
    }

  assert_inside (model, weft_model_get_end_ns (model), WIDTH, HEIGHT);
  assert_inside (model, weft_model_get_end_ns (model), 760, 900);
}
END_TEST

START_TEST (test_thousand_philosophers_deadlocked)
{
  static const char * const sets[] = {
    "count=1000", "strategy=naive", "think_ms=0", "eat_ms=0", "fork_gap_ms=0", NULL
  };
  g_autoptr(WeftRun) run = test_make_run ("philosophers", 5, sets);
  g_autoptr(WeftModel) model = NULL;
  WeftRenderStats stats = { 0 };
  cairo_surface_t *surface;
  const WeftTheme *theme = weft_theme_get (WEFT_THEME_LIGHT);

  /* Without pauses every philosopher grabs a left fork at once and round-robin stepping
   * walks them into the cycle. */
  test_start (run, WEFT_MODE_STEP);
  test_step_to_end (run, 10000);
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_DEADLOCK);
  weft_run_stop (run);
  model = weft_model_new_for_run (run);
  weft_model_sync (model, run);

  surface = draw_scene (model, WEFT_THEME_LIGHT, weft_model_get_end_ns (model), WIDTH, HEIGHT, &stats);
  maybe_keep (surface, "thousand-deadlock");
  ck_assert_uint_ge (count_colour_above (surface, &theme->deadlock, 10, HEIGHT - 200), 2000);
  ck_assert_uint_lt (stats.n_primitives, 20 * 2000);
  cairo_surface_destroy (surface);

  /* The count on the table says what they are: each waits for a fork of its own, not
   * all of them for the first. */
  {
    g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (weft_recorded_text_free);
    gboolean counted = FALSE;
    cairo_t *cr;

    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
    cr = cairo_create (surface);
    weft_render_record_text (cr, texts);
    weft_scene_draw (cr, model, theme, weft_model_get_end_ns (model), WIDTH, HEIGHT, 1.0, NULL);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
    for (guint i = 0; i < texts->len; i++)
      {
        const char *text = ((WeftRecordedText *) g_ptr_array_index (texts, i))->text;

        ck_assert_msg (!g_str_has_prefix (text, "1000 waiting for"), "the count says \"%s\"", text);
        counted |= strcmp (text, "1000 blocked") == 0;
      }
    ck_assert_msg (counted, "no \"1000 blocked\" on the table");
  }
}
END_TEST

/* Forty around a table: too many to name them all side by side at the top and bottom of
 * the ring, few enough to name most; no status lines, but a count per state. */
START_TEST (test_forty_philosophers_names_that_fit)
{
  static const char * const sets[] = {
    "count=40", "strategy=naive", "think_ms=0", "eat_ms=0", "fork_gap_ms=0", NULL
  };
  g_autoptr(WeftModel) model = make_stepped_model ("philosophers", sets, 10000, WEFT_OUTCOME_DEADLOCK);
  WeftRenderStats stats = { 0 };
  cairo_surface_t *surface;
  guint64 end = weft_model_get_end_ns (model);

  surface = draw_scene (model, WEFT_THEME_LIGHT, end, WIDTH, HEIGHT, &stats);
  maybe_keep (surface, "forty");
  assert_not_blank (surface, WEFT_THEME_LIGHT);
  /* Names, plus the caption and the count of blocked philosophers. */
  ck_assert_uint_ge (stats.n_labels, 20);
  ck_assert_uint_lt (stats.n_labels, 40);
  cairo_surface_destroy (surface);
  assert_inside (model, end, WIDTH, HEIGHT);
  assert_inside (model, end, 760, 900);
}
END_TEST


/* In front of a class --------------------------------------------------------------------- */

/* The scene pane of the window at each projector size (the window's layout gives it about
 * this much), and the exported pages. */
static const struct
{
  const char *name;
  double      width, height;
} panes[] = {
  { "pane-1024x768", 420, 260 },
  { "pane-1280x720", 620, 290 },
  { "pane-1920x1080", 1000, 500 },
}, pages[] = {
  { "page-1024x768", 1024, 768 },
  { "page-1280x720", 1280, 720 },
  { "page-a4", 842, 595 },
  { "page-1920x1080", 1920, 1080 },
};

/* The smallest type a name may have, in pixels at 1×. */
#define MIN_NAME_PX 10.0

/* Draws the scene (@page: FALSE) or a page showing @view of @width × @height at @device
 * scale (2: GDK_SCALE=2) with @text_scale, and returns what text was drawn. Kept as
 * "@name.png" when WEFT_TEST_SCENE_PNG is set. */
static GPtrArray *
record_drawing (WeftModel   *model,
                WeftThemeId  theme_id,
                gboolean     page,
                WeftView     view,
                double       width,
                double       height,
                double       device,
                double       text_scale,
                const char  *name)
{
  const WeftTheme *theme = weft_theme_get (theme_id);
  GPtrArray *texts = g_ptr_array_new_with_free_func (weft_recorded_text_free);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * device),
                                                         (int) ceil (height * device));
  cairo_t *cr = cairo_create (surface);

  cairo_scale (cr, device, device);
  weft_render_record_text (cr, texts);
  weft_theme_set_source (cr, &theme->background);
  cairo_paint (cr);
  if (page)
    {
      WeftPageOptions options;

      weft_page_options_init (&options);
      options.view = view;
      options.theme = theme_id;
      options.width = width;
      options.height = height;
      weft_page_draw (cr, model, &options, NULL);
    }
  else
    weft_scene_draw (cr, model, theme, weft_model_get_end_ns (model), width, height, text_scale, NULL);
  ck_assert_int_eq (cairo_status (cr), CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (name != NULL)
    maybe_keep (surface, name);
  cairo_surface_destroy (surface);
  return texts;
}

/* The largest size at which @text was drawn, or 0. */
static double
drawn_size (GPtrArray  *texts,
            const char *text)
{
  double size = 0;

  for (guint i = 0; i < texts->len; i++)
    {
      const WeftRecordedText *t = g_ptr_array_index (texts, i);

      if (g_strcmp0 (t->text, text) == 0)
        size = MAX (size, t->size);
    }
  return size;
}

/* Every fork of the table is named, in full or short ("f2"), at a readable size. */
static void
assert_forks_named (WeftModel  *model,
                    GPtrArray  *texts,
                    double      device,
                    const char *where)
{
  guint n_forks = 0;

  for (guint o = 0; o < weft_model_get_n_objects (model); o++)
    {
      const char *full = weft_model_get_object_name (model, o);
      g_autofree char *brief = weft_scene_short_name (full);
      double size;

      if (weft_model_get_object_kind (model, o) != WEFT_OBJECT_LOCK)
        continue;
      n_forks++;
      size = MAX (drawn_size (texts, full), drawn_size (texts, brief));
      ck_assert_msg (size >= MIN_NAME_PX * device - 0.01, "%s: %s (or %s) drawn at %.1f px",
                     where, full, brief, size);
    }
  ck_assert_uint_eq (n_forks, 5);
}

/* Where @text, drawn as recorded, lies (its logical box, in device units) in a drawing
 * @width wide: a text wider than the room right of it is the caption, wrapped on two
 * lines at most and centred. */
static void
text_box (cairo_t                *cr,
          const WeftRecordedText *text,
          double                  width,
          double                  box[4])
{
  g_autoptr(PangoLayout) layout = weft_render_create_layout (cr, weft_theme_get (WEFT_THEME_LIGHT),
                                                            text->size, TRUE);
  int w, h;

  pango_layout_set_text (layout, text->text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  if (w > width - text->x)
    {
      w = (int) (width - 2 * text->x);
      h *= 2;
    }
  box[0] = text->x;
  box[1] = text->y;
  box[2] = w;
  box[3] = h;
}

/* Every text lies inside @width × @height, and no two overlap (more than a pixel). */
static void
assert_texts_apart (GPtrArray  *texts,
                    double      width,
                    double      height,
                    const char *where)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  g_autofree double *boxes = g_new (double, 4 * MAX (texts->len, 1u));

  for (guint i = 0; i < texts->len; i++)
    {
      const WeftRecordedText *t = g_ptr_array_index (texts, i);
      double *b = &boxes[4 * i];

      text_box (cr, t, width, b);
      ck_assert_msg (b[0] >= -0.5 && b[1] >= -0.5 && b[0] + b[2] <= width + 0.5 && b[1] + b[3] <= height + 0.5,
                     "%s: “%s” at %.0f,%.0f %.0f×%.0f, outside %.0f×%.0f", where, t->text, b[0], b[1],
                     b[2], b[3], width, height);
      for (guint j = 0; j < i; j++)
        {
          const double *c = &boxes[4 * j];
          const WeftRecordedText *u = g_ptr_array_index (texts, j);

          ck_assert_msg (b[0] + 1 >= c[0] + c[2] || c[0] + 1 >= b[0] + b[2] ||
                         b[1] + 1 >= c[1] + c[3] || c[1] + 1 >= b[1] + b[3],
                         "%s: “%s” (%.0f,%.0f %.0f×%.0f) overlaps “%s” (%.0f,%.0f %.0f×%.0f)", where,
                         t->text, b[0], b[1], b[2], b[3], u->text, c[0], c[1], c[2], c[3]);
        }
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Every actor's name drawn lies inside @width × @height, whole, and over no other text.
 * (Statuses may be ellipsized, which the recorder does not tell: they are not checked
 * against the edges.) */
static void
assert_names_apart (WeftModel  *model,
                    GPtrArray  *texts,
                    double      width,
                    double      height,
                    const char *where)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  guint n_names = 0;

  for (guint i = 0; i < texts->len; i++)
    {
      const WeftRecordedText *t = g_ptr_array_index (texts, i);
      gboolean is_name = FALSE;
      double b[4];

      for (guint a = 0; a < weft_model_get_n_actors (model); a++)
        is_name |= g_strcmp0 (t->text, weft_model_get_actor_name (model, a)) == 0;
      if (!is_name)
        continue;
      n_names++;
      text_box (cr, t, G_MAXDOUBLE, b);
      ck_assert_msg (b[0] >= -0.5 && b[1] >= -0.5 && b[0] + b[2] <= width + 0.5 && b[1] + b[3] <= height + 0.5,
                     "%s: “%s” at %.0f,%.0f %.0f×%.0f, outside %.0f×%.0f", where, t->text, b[0], b[1],
                     b[2], b[3], width, height);
      for (guint j = 0; j < texts->len; j++)
        {
          const WeftRecordedText *u = g_ptr_array_index (texts, j);
          double c[4];

          if (j == i)
            continue;
          text_box (cr, u, width, c);
          c[2] = MIN (c[2], width - c[0]);
          ck_assert_msg (b[0] + 1 >= c[0] + c[2] || c[0] + 1 >= b[0] + b[2] ||
                         b[1] + 1 >= c[1] + c[3] || c[1] + 1 >= b[1] + b[3],
                         "%s: “%s” (%.0f,%.0f %.0f×%.0f) overlaps “%s” (%.0f,%.0f %.0f×%.0f)", where,
                         t->text, b[0], b[1], b[2], b[3], u->text, c[0], c[1], c[2], c[3]);
        }
    }
  ck_assert_msg (n_names > 0, "%s: no name drawn", where);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The deadlocked table at every projector size, in the pane and on exported pages, light
 * and dark, at 1× and 2×: every fork named, the cycle's caption drawn. */
static void
check_projector_sizes (const char *lang)
{
  g_autoptr(WeftModel) model = test_make_deadlocked_model ();

  for (guint k = 0; k < G_N_ELEMENTS (panes); k++)
    for (guint t = 0; t < 2; t++)
      for (guint d = 1; d <= 2; d++)
        {
          g_autofree char *name = g_strdup_printf ("%s-%s-%s%s", panes[k].name, lang,
                                                   weft_theme_get (t)->name, d == 2 ? "-2x" : "");
          g_autoptr(GPtrArray) texts = record_drawing (model, t, FALSE, WEFT_VIEW_SCENE, panes[k].width,
                                                       panes[k].height, d, 1.0, name);
          const char *format = g_dgettext ("weft", "Deadlock: %s");
          g_autofree char *prefix = g_strndup (format, strstr (format, "%s") - format);
          gboolean caption = FALSE;

          assert_forks_named (model, texts, d, name);
          /* The caption names the cycle. */
          for (guint i = 0; i < texts->len; i++)
            caption |= g_str_has_prefix (((WeftRecordedText *) g_ptr_array_index (texts, i))->text, prefix);
          ck_assert_msg (caption, "%s: no caption", name);
          if (d == 1)
            assert_texts_apart (texts, panes[k].width, panes[k].height, name);
        }

  for (guint k = 0; k < G_N_ELEMENTS (pages); k++)
    for (guint v = 0; v < 2; v++)
      {
        WeftView view = v == 0 ? WEFT_VIEW_BOTH : WEFT_VIEW_SCENE;
        g_autofree char *name = g_strdup_printf ("%s-%s-%s", pages[k].name, v == 0 ? "both" : "scene", lang);
        g_autoptr(GPtrArray) texts = record_drawing (model, WEFT_THEME_LIGHT, TRUE, view, pages[k].width,
                                                     pages[k].height, 1, 1.0, name);

        assert_forks_named (model, texts, 1, name);
      }
}

START_TEST (test_projector_sizes_english)
{
  check_projector_sizes ("en");
}
END_TEST

/* The directory of the build's compiled catalogues: WEFT_LOCALEDIR, else po/ next to
 * tests/ in the build tree. */
static char *
build_localedir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *tests = NULL;
  g_autofree char *build = NULL;

  if (g_getenv ("WEFT_LOCALEDIR") != NULL)
    return g_strdup (g_getenv ("WEFT_LOCALEDIR"));
  ck_assert_ptr_nonnull (exe);
  tests = g_path_get_dirname (exe);
  build = g_path_get_dirname (tests);
  return g_build_filename (build, "po", NULL);
}

/* Weft's words in French from here on, from the build's catalogue (which must be there). */
static void
use_french (void)
{
  g_autofree char *localedir = build_localedir ();

  /* LANGUAGE is honoured under C.UTF-8 (not under C); the machine has no fr_FR locale. */
  g_setenv ("LANGUAGE", "fr", TRUE);
  ck_assert_ptr_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  bindtextdomain ("weft", localedir);
  bind_textdomain_codeset ("weft", "UTF-8");
  ck_assert_msg (strcmp (g_dgettext ("weft", "fork %u"), "fourchette %u") == 0,
                 "no French catalogue in %s", localedir);
}

/* Back to the untranslated words. */
static void
use_english (void)
{
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C");
}

START_TEST (test_projector_sizes_french)
{
  use_french ();
  check_projector_sizes ("fr");
  use_english ();
}
END_TEST

/* A text size of 250 % makes names bigger, and in the small pane of a 1024×768 window
 * everything still fits: names inside, none over another. */
START_TEST (test_text_scale)
{
  g_autoptr(WeftModel) model = test_make_deadlocked_model ();

  for (guint k = 0; k < G_N_ELEMENTS (panes); k++)
    {
      g_autofree char *name = g_strdup_printf ("%s-text-250", panes[k].name);
      g_autoptr(GPtrArray) normal = record_drawing (model, WEFT_THEME_LIGHT, FALSE, WEFT_VIEW_SCENE,
                                                    panes[k].width, panes[k].height, 1, 1.0, NULL);
      g_autoptr(GPtrArray) large = record_drawing (model, WEFT_THEME_LIGHT, FALSE, WEFT_VIEW_SCENE,
                                                   panes[k].width, panes[k].height, 1, 2.5, name);
      const char *kant = weft_model_get_actor_name (model, 0);

      /* The panes of the smaller windows have no room for more: there names keep their
       * size (the fork names would go otherwise). */
      ck_assert_msg (drawn_size (large, kant) >= drawn_size (normal, kant) * (k < 2 ? 1.0 : 1.3),
                     "%s: %s at %.1f px, %.1f at 100 %%", panes[k].name, kant,
                     drawn_size (large, kant), drawn_size (normal, kant));
      assert_forks_named (model, large, 1, name);
      assert_texts_apart (large, panes[k].width, panes[k].height, name);
      /* And at 2×. */
      g_ptr_array_unref (record_drawing (model, WEFT_THEME_DARK, FALSE, WEFT_VIEW_SCENE,
                                         panes[k].width, panes[k].height, 2, 2.5, NULL));
    }
  assert_inside (model, weft_model_get_end_ns (model), 420, 260);
}
END_TEST

/* The other scenarios at 250 % in every pane: inside, nothing over anything. */
START_TEST (test_text_scale_other_scenarios)
{
  static const char * const bank[] = { "sync=lock", NULL };
  static const char * const tickets[] = { "delay_ms=0", NULL };
  static const char * const pubsub[] = { "messages=4", NULL };
  WeftModel *models[3] = {
    make_stepped_model ("bank", bank, 1000, WEFT_OUTCOME_COMPLETED),
    make_stepped_model ("tickets", tickets, 1000, WEFT_OUTCOME_COMPLETED),
    make_stepped_model ("pubsub", pubsub, 3000, WEFT_OUTCOME_COMPLETED),
  };

  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    for (guint k = 0; k < G_N_ELEMENTS (panes); k++)
      for (guint q = 1; q <= 3; q++)
        {
          g_autofree char *name = g_strdup_printf ("%s-%u-%u-text-250", panes[k].name, m, q);
          guint64 t = weft_model_get_end_ns (models[m]) / 3 * q;
          g_autoptr(GPtrArray) texts = NULL;
          const WeftTheme *theme = weft_theme_get (WEFT_THEME_LIGHT);
          cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, panes[k].width, panes[k].height);
          cairo_t *cr = cairo_create (surface);

          texts = g_ptr_array_new_with_free_func (weft_recorded_text_free);
          weft_render_record_text (cr, texts);
          weft_theme_set_source (cr, &theme->background);
          cairo_paint (cr);
          weft_scene_draw (cr, models[m], theme, t, panes[k].width, panes[k].height, 2.5, NULL);
          cairo_destroy (cr);
          maybe_keep (surface, name);
          cairo_surface_destroy (surface);
          ck_assert_uint_gt (texts->len, 0);
          assert_names_apart (models[m], texts, panes[k].width, panes[k].height, name);
        }
  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    weft_model_unref (models[m]);
}
END_TEST

/* The scene grows with its pane: a taller pane, bigger names. */
START_TEST (test_scales_with_pane)
{
  g_autoptr(WeftModel) model = test_make_deadlocked_model ();
  g_autoptr(GPtrArray) small = record_drawing (model, WEFT_THEME_LIGHT, FALSE, WEFT_VIEW_SCENE, 620, 290, 1, 1.0, NULL);
  g_autoptr(GPtrArray) large = record_drawing (model, WEFT_THEME_LIGHT, FALSE, WEFT_VIEW_SCENE, 1000, 500, 1, 1.0, NULL);
  const char *kant = weft_model_get_actor_name (model, 0);

  ck_assert_double_gt (drawn_size (large, kant), drawn_size (small, kant) * 1.2);
  /* At 1920×1080 the names read from the back of the room (13 px before). */
  ck_assert_double_ge (drawn_size (large, kant), 17);
}
END_TEST

/* Short names: first letter and number. */
START_TEST (test_short_names)
{
  static const char * const cases[][2] = {
    { "fork 2", "f2" }, { "fourchette 12", "f12" }, { "tickets", "tickets" }, { "S", "S" },
    { "écuelle 3", "é3" }, { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *brief = weft_scene_short_name (cases[i][0]);

      ck_assert_str_eq (brief, cases[i][1]);
    }
}
END_TEST


/* A crowded ring: "running", "eating" and "thinking" are counted with distinct swatches,
 * and the band's sectors have the same colours. */
START_TEST (test_crowded_ring_activities)
{
  g_autoptr(WeftModel) model = weft_model_new ();
  const guint n = 300;

  weft_model_set_layout (model, WEFT_LAYOUT_RING);
  weft_model_set_activity (model, 1, "thinking");
  weft_model_set_activity (model, 2, "eating");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Philosopher %u", i + 1);
      g_autofree char *fork = g_strdup_printf ("fork %u", i + 1);

      weft_model_add_actor (model, name);
      weft_model_add_object (model, fork, WEFT_OBJECT_LOCK, 1, WEFT_QUEUE_FIFO);
    }
  /* Thirds: thinking, eating, running with no activity, in runs of ten. */
  for (guint i = 0; i < n; i++)
    test_model_event (model, 1000 + i, WEFT_EVENT_STATE, WEFT_STATE_RUNNING, i, WEFT_NONE, (i / 10) % 3 == 2 ? 0 : (i / 10) % 3 + 1);
  weft_model_set_end (model, 5000);

  for (guint t = 0; t < WEFT_N_THEMES; t++)
    {
      const WeftTheme *theme = weft_theme_get (t);
      WeftRgba looks[3];
      g_autofree char *name = g_strdup_printf ("activities-%s", theme->name);
      cairo_surface_t *surface;

      weft_scene_state_colour (theme, WEFT_STATE_RUNNING, 0, &looks[0]);
      weft_scene_state_colour (theme, WEFT_STATE_RUNNING, 1, &looks[1]);
      weft_scene_state_colour (theme, WEFT_STATE_RUNNING, 2, &looks[2]);
      /* Running itself keeps the legend's colour; the others are told apart from it and
       * from each other (by at least a fifth of the range on some channel), but in print,
       * whose greys are all taken by the states: there the count's words say which. */
      ck_assert (memcmp (&looks[0], &theme->state[WEFT_STATE_RUNNING], sizeof looks[0]) == 0);
      for (guint a = 0; a < 3 && t != WEFT_THEME_PRINT; a++)
        for (guint b = 0; b < a; b++)
          ck_assert_msg (MAX (fabs (looks[a].r - looks[b].r), MAX (fabs (looks[a].g - looks[b].g),
                                                                   fabs (looks[a].b - looks[b].b))) > 0.2,
                         "%s: activities %u and %u look alike", theme->name, a, b);

      surface = draw_scene (model, t, 5000, WIDTH, HEIGHT, NULL);
      maybe_keep (surface, name);
      /* Each look fills a third of the band, and a swatch. */
      for (guint a = 0; a < 3; a++)
        ck_assert_msg (count_colour (surface, &looks[a], 2) > 2000, "%s: activity %u: %u pixels",
                       theme->name, a, count_colour (surface, &looks[a], 2));
      cairo_surface_destroy (surface);
    }
}
END_TEST


/* A resource's tooltip words: kind, holders, waiters and value. */
START_TEST (test_describe_objects)
{
  g_autoptr(WeftModel) model = weft_model_new ();
  g_autofree char *seats = NULL, *queue = NULL, *balance = NULL, *lock = NULL;

  weft_model_set_layout (model, WEFT_LAYOUT_STAR);
  weft_model_add_actor (model, "Ann");
  weft_model_add_actor (model, "Bob");
  weft_model_add_actor (model, "Cid");
  weft_model_add_object (model, "seats", WEFT_OBJECT_SEMAPHORE, 2, WEFT_QUEUE_FIFO);
  weft_model_add_object (model, "mailbox", WEFT_OBJECT_QUEUE, 0, WEFT_QUEUE_FIFO);
  weft_model_add_object (model, "balance", WEFT_OBJECT_SHARED, 2000, WEFT_QUEUE_FIFO);
  weft_model_add_object (model, "door", WEFT_OBJECT_LOCK, 1, WEFT_QUEUE_FIFO);
  test_model_event (model, 1000, WEFT_EVENT_ACQUIRED, 0, 0, 0, 1);
  test_model_event (model, 1100, WEFT_EVENT_ACQUIRED, 0, 1, 0, 0);
  test_model_event (model, 1200, WEFT_EVENT_STATE, WEFT_STATE_BLOCKED, 2, 0, 0);
  test_model_event (model, 1300, WEFT_EVENT_QUEUE_PUT, 0, 0, 1, 7);
  test_model_event (model, 1300, WEFT_EVENT_QUEUE_LENGTH, 0, 0, 1, 1);
  test_model_event (model, 1400, WEFT_EVENT_QUEUE_PUT, 0, 0, 1, 8);
  test_model_event (model, 1400, WEFT_EVENT_QUEUE_LENGTH, 0, 0, 1, 2);
  test_model_event (model, 1500, WEFT_EVENT_WRITE, 1, 1, 2, 7000);
  weft_model_set_end (model, 2000);

  seats = weft_describe_object_at (model, 0, 2000);
  queue = weft_describe_object_at (model, 1, 2000);
  balance = weft_describe_object_at (model, 2, 2000);
  lock = weft_describe_object_at (model, 3, 2000);
  ck_assert_str_eq (seats, "seats — semaphore\n0/2 free\nHeld by: Ann, Bob\nWaiting: Cid");
  ck_assert_str_eq (queue, "mailbox — queue\n2 items\nNobody waiting");
  ck_assert_str_eq (balance, "balance — shared variable\nValue: 7000\nlost update\nNobody waiting");
  ck_assert_str_eq (lock, "door — lock\nFree\nNobody waiting");
}
END_TEST

/* The other scenarios --------------------------------------------------------------------- */

START_TEST (test_bank)
{
  static const char * const none[] = { "sync=none", NULL };
  static const char * const lock[] = { "sync=lock", "depositors=2", "withdrawers=2", NULL };
  g_autoptr(WeftModel) racy = make_stepped_model ("bank", none, 1000, WEFT_OUTCOME_COMPLETED);
  g_autoptr(WeftModel) locked = make_stepped_model ("bank", lock, 1000, WEFT_OUTCOME_COMPLETED);
  guint64 stale = find_resource_time (racy, 0, is_stale);
  guint64 contended;
  WeftRenderStats stats = { 0 };
  cairo_surface_t *surface;

  /* The lost update: "balance = 1000" and its flag. */
  ck_assert_uint_gt (stale, 0);
  surface = draw_scene (racy, WEFT_THEME_LIGHT, stale, WIDTH, HEIGHT, &stats);
  maybe_keep (surface, "bank-lost-update");
  assert_not_blank (surface, WEFT_THEME_LIGHT);
  /* Two clerks named with their statuses, the balance and its flag. */
  ck_assert_uint_ge (stats.n_labels, 2 * 2 + 2);
  cairo_surface_destroy (surface);
  assert_inside (racy, stale, WIDTH, HEIGHT);

  /* With the lock: someone holds it while another waits for it. */
  ck_assert_int_eq (weft_model_get_object_kind (locked, 1), WEFT_OBJECT_LOCK);
  contended = find_resource_time (locked, 1, has_waiters);
  ck_assert_uint_gt (contended, 0);
  memset (&stats, 0, sizeof stats);
  surface = draw_scene (locked, WEFT_THEME_DARK, contended, WIDTH, HEIGHT, &stats);
  maybe_keep (surface, "bank-lock");
  assert_not_blank (surface, WEFT_THEME_DARK);
  ck_assert_uint_ge (stats.n_arrows, 2);  /* holds, wants */
  ck_assert_uint_ge (stats.n_labels, 4 * 2 + 2);
  cairo_surface_destroy (surface);
  assert_inside (locked, contended, WIDTH, HEIGHT);
  assert_inside (locked, contended, 760, 900);
}
END_TEST

START_TEST (test_tickets)
{
  static const char * const sets[] = { "sync=semaphore", NULL };
  g_autoptr(WeftModel) model = make_stepped_model ("tickets", sets, 5000, WEFT_OUTCOME_COMPLETED);
  guint64 t;
  WeftRenderStats stats = { 0 };
  cairo_surface_t *surface;

  ck_assert_int_eq (weft_model_get_object_kind (model, 1), WEFT_OBJECT_SEMAPHORE);
  t = find_resource_time (model, 1, has_waiters);
  ck_assert_uint_gt (t, 0);
  surface = draw_scene (model, WEFT_THEME_LIGHT, t, WIDTH, HEIGHT, &stats);
  maybe_keep (surface, "tickets");
  assert_not_blank (surface, WEFT_THEME_LIGHT);
  ck_assert_uint_ge (stats.n_labels, 4 * 2 + 3);
  ck_assert_uint_ge (stats.n_arrows, 2);
  cairo_surface_destroy (surface);
  assert_inside (model, t, WIDTH, HEIGHT);
  assert_inside (model, t, 760, 900);
}
END_TEST

START_TEST (test_pubsub)
{
  static const char * const condition[] = { "messages=6", "subscribers=3", NULL };
  static const char * const queue[] = { "mechanism=queue", "publishers=2", "messages=12", NULL };
  g_autoptr(WeftModel) model = make_stepped_model ("pubsub", condition, 5000, WEFT_OUTCOME_COMPLETED);
  g_autoptr(WeftModel) queued = make_stepped_model ("pubsub", queue, 5000, WEFT_OUTCOME_COMPLETED);
  guint64 t = find_resource_time (model, 0, has_items);
  const WeftResourceSpan *span;
  WeftRenderStats stats = { 0 };
  cairo_surface_t *surface;
  guint n_marks;
  guint64 waiting_ns = 0;

  ck_assert_int_eq (weft_model_get_object_kind (model, 0), WEFT_OBJECT_QUEUE);
  ck_assert_uint_gt (t, 0);
  span = &weft_model_get_resource_spans (model, 0, &n_marks)[weft_model_find_resource_span (model, 0, t)];
  n_marks = weft_model_get_n_actors (model) + weft_model_get_n_objects (model);

  surface = draw_scene (model, WEFT_THEME_LIGHT, t, WIDTH, HEIGHT, &stats);
  maybe_keep (surface, "pubsub");
  assert_not_blank (surface, WEFT_THEME_LIGHT);
  /* Circles, boxes, and a chip per listed item. */
  ck_assert_uint_ge (stats.n_shapes, n_marks + span->n_list);
  ck_assert_uint_ge (stats.n_labels, 4 * 2 + 3 + span->n_list);
  cairo_surface_destroy (surface);
  assert_inside (model, t, WIDTH, HEIGHT);
  assert_inside (model, t, 760, 900);

  /* A subscriber waiting on the condition: a "wants" edge to it. */
  for (guint i = 1; i < weft_model_get_n_actors (model) && waiting_ns == 0; i++)
    {
      guint n;
      const WeftThreadSpan *spans = weft_model_get_thread_spans (model, i, &n);

      for (guint k = 0; k < n && waiting_ns == 0; k++)
        if (spans[k].state == WEFT_STATE_WAITING && spans[k].object == 2)
          waiting_ns = spans[k].start_ns;
    }
  ck_assert_int_eq (weft_model_get_object_kind (model, 2), WEFT_OBJECT_CONDITION);
  ck_assert_uint_gt (waiting_ns, 0);
  memset (&stats, 0, sizeof stats);
  surface = draw_scene (model, WEFT_THEME_LIGHT, waiting_ns, WIDTH, HEIGHT, &stats);
  maybe_keep (surface, "pubsub-waiting");
  ck_assert_uint_ge (stats.n_arrows, 1);
  cairo_surface_destroy (surface);

  t = find_resource_time (queued, 0, has_items);
  ck_assert_uint_gt (t, 0);
  surface = draw_scene (queued, WEFT_THEME_LIGHT, t, WIDTH, HEIGHT, NULL);
  maybe_keep (surface, "pubsub-queue");
  assert_not_blank (surface, WEFT_THEME_LIGHT);
  cairo_surface_destroy (surface);
  assert_inside (queued, t, WIDTH, HEIGHT);
}
END_TEST

/* A deadlock with no cycle, which no scenario makes: both threads wait on a condition
 * nobody will notify (deadlock at 3 µs, the end at 4 µs). */
static WeftModel *
make_waiting_model (void)
{
  WeftModel *model = weft_model_new ();

  weft_model_set_layout (model, WEFT_LAYOUT_PIPELINE);
  weft_model_add_actor (model, "Reader");
  weft_model_add_actor (model, "Writer");
  weft_model_add_object (model, "mailbox", WEFT_OBJECT_QUEUE, 0, WEFT_QUEUE_FIFO);
  weft_model_add_object (model, "mail", WEFT_OBJECT_CONDITION, 0, WEFT_QUEUE_FIFO);
  test_model_event (model, 1000, WEFT_EVENT_STATE, WEFT_STATE_WAITING, 0, 1, 0);
  test_model_event (model, 2000, WEFT_EVENT_STATE, WEFT_STATE_WAITING, 1, 1, 0);
  test_model_event (model, 3000, WEFT_EVENT_DEADLOCK, 0, WEFT_NONE, WEFT_NONE, 0);
  weft_model_set_end (model, 4000);
  return model;
}

/* Models no scenario makes: empty; and a deadlock with no cycle, whose caption says so. */
START_TEST (test_synthetic_models)
{
  g_autoptr(WeftModel) empty = weft_model_new ();
  g_autoptr(WeftModel) model = make_waiting_model ();
  const WeftTheme *theme = weft_theme_get (WEFT_THEME_LIGHT);
  WeftRenderStats stats = { 0 };
  cairo_surface_t *surface;

  surface = draw_scene (empty, WEFT_THEME_LIGHT, 0, WIDTH, HEIGHT, &stats);
  ck_assert_uint_eq (stats.n_primitives, 0);
  cairo_surface_destroy (surface);
  surface = draw_scene (empty, WEFT_THEME_LIGHT, 0, 0, 0, NULL);
  cairo_surface_destroy (surface);

  memset (&stats, 0, sizeof stats);
  surface = draw_scene (model, WEFT_THEME_LIGHT, 4000, WIDTH, HEIGHT, &stats);
  maybe_keep (surface, "synthetic");
  /* Two wants edges to the condition, and the caption in the deadlock colour. */
  ck_assert_uint_ge (stats.n_arrows, 2);
  ck_assert_uint_gt (count_colour (surface, &theme->deadlock, 10), 1000);
  cairo_surface_destroy (surface);
  assert_inside (model, 4000, WIDTH, HEIGHT);
  assert_inside (model, 4000, 200, 150);
}
END_TEST

/* The caption of a deadlock with no cycle, drawn frame after frame as the window does:
 * its words, and (under build-aux/test-asan) nothing lost per frame — its wording once
 * leaked 152 bytes at every draw. */
START_TEST (test_deadlock_without_cycle_caption)
{
  g_autoptr(WeftModel) model = make_waiting_model ();
  const WeftTheme *theme = weft_theme_get (WEFT_THEME_LIGHT);

  for (guint frame = 0; frame < 20; frame++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 600);
      cairo_t *cr = cairo_create (surface);
      g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (weft_recorded_text_free);
      gboolean said = FALSE;

      weft_render_record_text (cr, texts);
      weft_scene_draw (cr, model, theme, 4000, 800, 600, 1.0, NULL);
      ck_assert_int_eq (cairo_status (cr), CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      for (guint i = 0; i < texts->len; i++)
        {
          const char *text = ((WeftRecordedText *) g_ptr_array_index (texts, i))->text;

          said |= g_str_equal (text, "Deadlock: every thread is waiting");
          ck_assert_msg (strstr (text, " → ") == NULL, "a cycle named where there is none: %s", text);
        }
      ck_assert_msg (said, "frame %u: no caption says every thread is waiting", frame);
    }
}
END_TEST

/* What a thread will do next and what it waits for are shown whole where the layout has
 * room for them: "next: put down the right fork" broken in two where it is too wide, not
 * cut to "next: put down the righ…", which hides the fork (on the ring at 1024×768 and
 * 1280×720, in English and in French), nor "attend verrou de la condit…" (pub/sub in
 * French at 1024×768). Every step of a run, as exported at the projector sizes. */
static void
check_statuses_whole (const char         *lang,
                      const char         *id,
                      const char * const *sets,
                      WeftOutcome         outcome)
{
  /* The export pages, and the scene's pane in a window of 1280 × 800 (GTK's default size
   * for Weft) and of 1920 × 1080 with the side panel. */
  static const struct { const char *name; double width, height; } sizes[] = {
    { "page-1024x768", 1024, 768 },
    { "page-1280x720", 1280, 720 },
    { "page-a4", 842, 595 },
    { "page-1920x1080", 1920, 1080 },
    { "pane-1280x800", 970, 370 },
    { "pane-1920x1080", 1000, 500 },
  };
  g_autoptr(WeftModel) model = make_stepped_model (id, sets, 5000, outcome);
  const char *next = g_dpgettext2 ("weft", "parked thread", "next: %s");
  const char *waiting = g_dgettext ("weft", "waiting for %s");
  g_autofree char *prefix = g_strndup (next, strstr (next, "%s") - next);
  g_autofree char *prefix2 = g_strndup (waiting, strstr (waiting, "%s") - waiting);
  const guint64 *steps;
  guint n_steps, n_next = 0;

  steps = weft_model_get_step_times (model, &n_steps);
  ck_assert_uint_gt (n_steps, 5);
  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    for (guint i = 0; i < n_steps; i++)
      {
        g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (weft_recorded_text_free);
        cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
        cairo_t *cr = cairo_create (surface);

        weft_render_record_text (cr, texts);
        weft_scene_draw (cr, model, weft_theme_get (WEFT_THEME_LIGHT), steps[i], sizes[k].width,
                         sizes[k].height, 1.0, NULL);
        cairo_destroy (cr);
        cairo_surface_destroy (surface);
        /* Nothing is cut: not the first line of a status, nor its second half after a
         * break, nor a name. */
        for (guint j = 0; j < texts->len; j++)
          {
            const WeftRecordedText *t = g_ptr_array_index (texts, j);

            n_next += g_str_has_prefix (t->text, prefix) || g_str_has_prefix (t->text, prefix2);
            ck_assert_msg (!t->cut, "%s, %s, %s, step %u: “%s” cut", id, lang, sizes[k].name, i, t->text);
          }
        /* On the ring, the taller blocks still all find a place: every philosopher is
         * named, his status drawn under his name (a label's lines are drawn in order, the
         * status smaller). */
        if (weft_model_get_layout (model) == WEFT_LAYOUT_RING)
          for (guint a = 0; a < weft_model_get_n_actors (model); a++)
            {
              const char *name = weft_model_get_actor_name (model, a);
              gboolean with_status = FALSE;

              for (guint j = 0; j + 1 < texts->len && !with_status; j++)
                {
                  const WeftRecordedText *t = g_ptr_array_index (texts, j);
                  const WeftRecordedText *under = g_ptr_array_index (texts, j + 1);

                  with_status = g_str_equal (t->text, name) && under->size < t->size - 0.01 &&
                                under->y > t->y;
                }
              ck_assert_msg (with_status, "%s, %s, %s, step %u: %s has no status", id, lang,
                             sizes[k].name, i, name);
            }
      }
  ck_assert_uint_gt (n_next, 10);
}

static void
check_statuses_whole_in (const char *lang)
{
  static const char * const naive[] = { "strategy=naive", NULL };
  static const char * const pubsub[] = { "messages=4", NULL };

  check_statuses_whole (lang, "philosophers", naive, WEFT_OUTCOME_DEADLOCK);
  check_statuses_whole (lang, "pubsub", pubsub, WEFT_OUTCOME_COMPLETED);
}

START_TEST (test_statuses_whole)
{
  check_statuses_whole_in ("en");
  use_french ();
  check_statuses_whole_in ("fr");
  use_english ();
}
END_TEST

/* The scene @model draws at @time_ns in 1280 × 720 with @cache (NULL: none), what it drew
 * counted in @stats. */
static cairo_surface_t *
draw_scene_cached (WeftModel       *model,
                   guint64          time_ns,
                   WeftTextCache   *cache,
                   WeftRenderStats *stats)
{
  const WeftTheme *theme = weft_theme_get (WEFT_THEME_LIGHT);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 720);
  cairo_t *cr = cairo_create (surface);

  weft_theme_set_source (cr, &theme->background);
  cairo_paint (cr);
  weft_scene_hits_free (weft_scene_draw_with_hits (cr, model, theme, time_ns, 1280, 720, 1.0, cache, stats));
  ck_assert_int_eq (cairo_status (cr), CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Text costs nothing per frame, in the scene as in the timeline: with the window's text
 * cache, a frame that draws what the last one drew shapes no text (names, statuses, the
 * boxes' lines, a queue's chips, the deadlock caption, a crowd's count), and draws
 * exactly the pixels an export draws; the next step's frame shapes only what changed.
 * Without a cache, every word is shaped every frame. */
START_TEST (test_unchanged_frame_shapes_no_text)
{
  static const char * const lock[] = { "sync=lock", NULL };
  static const char * const queue[] = { "mechanism=queue", "publishers=2", "messages=12", NULL };
  static const char * const thousand[] = {
    "count=1000", "strategy=naive", "think_ms=20", "eat_ms=20", "fork_gap_ms=20", NULL
  };
  g_autoptr(WeftRun) crowd_run = test_make_run ("philosophers", 3, thousand);
  g_autoptr(WeftModel) deadlocked = test_make_deadlocked_model ();
  g_autoptr(WeftModel) bank = make_stepped_model ("bank", lock, 1000, WEFT_OUTCOME_COMPLETED);
  g_autoptr(WeftModel) pubsub = make_stepped_model ("pubsub", queue, 5000, WEFT_OUTCOME_COMPLETED);
  g_autoptr(WeftModel) crowd = NULL;
  WeftModel *models[4];

  test_start (crowd_run, WEFT_MODE_RUN);
  g_usleep (200 * 1000);
  weft_run_stop (crowd_run);
  crowd = weft_model_new_for_run (crowd_run);
  weft_model_sync (crowd, crowd_run);
  models[0] = deadlocked;
  models[1] = bank;
  models[2] = pubsub;
  models[3] = crowd;

  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    {
      g_autoptr(WeftTextCache) cache = weft_text_cache_new ();
      guint64 end = weft_model_get_end_ns (models[m]);
      /* Mid-run: the queue holds items, the bank's clerks hold values. */
      guint64 t = m == 0 ? end : end / 2;
      WeftRenderStats plain = { 0 }, first = { 0 }, second = { 0 }, again = { 0 }, next = { 0 };
      cairo_surface_t *plain_surface, *cached_surface;
      int stride;

      plain_surface = draw_scene_cached (models[m], t, NULL, &plain);
      cairo_surface_destroy (draw_scene_cached (models[m], t, NULL, &again));
      /* The first frame searches for its type size; the next starts from the size found. */
      ck_assert_msg (again.n_shaped >= 5, "model %u: without a cache, a frame shapes %u layouts", m,
                     again.n_shaped);

      cairo_surface_destroy (draw_scene_cached (models[m], t, cache, &first));
      ck_assert_uint_gt (first.n_shaped, 0);
      ck_assert_uint_gt (weft_text_cache_get_size (cache), 3);
      cached_surface = draw_scene_cached (models[m], t, cache, &second);
      ck_assert_msg (second.n_shaped == 0, "model %u: an unchanged frame shaped %u layouts (%u without a cache)",
                     m, second.n_shaped, again.n_shaped);
      ck_assert_uint_eq (second.n_labels, plain.n_labels);
      ck_assert_uint_eq (second.n_primitives, plain.n_primitives);

      /* The same pixels as an export's. */
      stride = cairo_image_surface_get_stride (plain_surface);
      ck_assert_msg (memcmp (cairo_image_surface_get_data (plain_surface),
                             cairo_image_surface_get_data (cached_surface),
                             (size_t) stride * 720) == 0,
                     "model %u: the cached frame differs from the plain one", m);

      /* Another moment: only the words that changed are shaped, and what is kept from the
       * last frames draws that moment as an export does. */
      cairo_surface_destroy (plain_surface);
      cairo_surface_destroy (cached_surface);
      plain_surface = draw_scene_cached (models[m], t / 4 * 3, NULL, NULL);
      cached_surface = draw_scene_cached (models[m], t / 4 * 3, cache, &next);
      ck_assert_msg (memcmp (cairo_image_surface_get_data (plain_surface),
                             cairo_image_surface_get_data (cached_surface),
                             (size_t) stride * 720) == 0,
                     "model %u: the cached frame of another moment differs from the plain one", m);
      ck_assert_msg (next.n_shaped < again.n_shaped,
                     "model %u: another moment shaped %u layouts, as many as without a cache (%u)",
                     m, next.n_shaped, again.n_shaped);
      g_printerr ("model %u: %u layouts shaped per frame without a cache, %u the first frame "
                  "with one, %u the next, %u at another moment\n", m, again.n_shaped,
                  first.n_shaped, second.n_shaped, next.n_shaped);

      cairo_surface_destroy (plain_surface);
      cairo_surface_destroy (cached_surface);
    }
}
END_TEST

/* Every step of a run, drawn small and large: no critical, nothing outside. */
START_TEST (test_every_step_draws)
{
  static const char * const sets[] = { "strategy=ordered", "meals=1", "count=7", NULL };
  g_autoptr(WeftModel) model = make_stepped_model ("philosophers", sets, 5000, WEFT_OUTCOME_COMPLETED);
  guint n_steps;
  const guint64 *steps = weft_model_get_step_times (model, &n_steps);

  ck_assert_uint_gt (n_steps, 10);
  for (guint i = 0; i < n_steps; i += 3)
    {
      assert_inside (model, steps[i], WIDTH, HEIGHT);
      assert_inside (model, steps[i], 320, 240);
    }
}
END_TEST

/* Hit tests ------------------------------------------------------------------------------ */

static gboolean
actor_circle (WeftModel *model,
              guint64    time_ns,
              double     width,
              double     height,
              guint      actor,
              double    *x,
              double    *y,
              double    *radius)
{
  g_autoptr(WeftSceneHits) hits = weft_scene_hits_new (model, time_ns, width, height, 1.0);

  return weft_scene_hits_get_circle (hits, actor, x, y, radius);
}

/* The pixel at (@x, @y) differs from @rgba. */
static gboolean
pixel_differs (cairo_surface_t *surface,
               double           x,
               double           y,
               const WeftRgba  *rgba)
{
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data = cairo_image_surface_get_data (surface);
  guint32 p = ((const guint32 *) (gconstpointer) (data + (int) y * stride))[(int) x];

  return ABS ((int) (p >> 16 & 0xFF) - (int) lround (rgba->r * 255)) > 8 ||
         ABS ((int) (p >> 8 & 0xFF) - (int) lround (rgba->g * 255)) > 8 ||
         ABS ((int) (p & 0xFF) - (int) lround (rgba->b * 255)) > 8;
}

/* Every @step-th actor's circle: its centre and a point inside it hit that actor, and
 * something is drawn there; far outside hits nothing. Returns the last radius. */
static double
assert_circles_hit (WeftModel *model,
                    guint64    time_ns,
                    int        width,
                    int        height,
                    guint      step)
{
  guint n = weft_model_get_n_actors (model);
  const WeftTheme *theme = weft_theme_get (WEFT_THEME_LIGHT);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(WeftSceneHits) drawn = NULL;
  g_autoptr(WeftSceneHits) hits = weft_scene_hits_new (model, time_ns, width, height, 1.0);
  double r = 0;

  /* The hits of a drawing are those of the layout alone. */
  weft_theme_set_source (cr, &theme->background);
  cairo_paint (cr);
  drawn = weft_scene_draw_with_hits (cr, model, theme, time_ns, width, height, 1.0, NULL, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  ck_assert_ptr_nonnull (drawn);
  ck_assert_ptr_nonnull (hits);

  for (guint i = 0; i < n; i += (i + step < n || i == n - 1) ? step : n - 1 - i)
    {
      double x, y;
      int hit;

      double dx, dy, dr;

      ck_assert (weft_scene_hits_get_circle (hits, i, &x, &y, &r));
      ck_assert (weft_scene_hits_get_circle (drawn, i, &dx, &dy, &dr));
      ck_assert_msg (fabs (dx - x) < 0.5 && fabs (dy - y) < 0.5 && fabs (dr - r) < 0.5,
                     "%u drawn at %.1f,%.1f r %.1f, laid out at %.1f,%.1f r %.1f", i, dx, dy, dr, x, y, r);
      ck_assert_msg (x >= 0 && y >= 0 && x < width && y < height,
                     "actor %u at %.1f,%.1f outside %d×%d", i, x, y, width, height);
      ck_assert_double_gt (r, 0);
      hit = weft_scene_actor_at (model, time_ns, width, height, 1.0, x, y);
      ck_assert_msg (hit == (int) i, "%d×%d: the centre of %u hits %d", width, height, i, hit);
      /* Towards the next actor, not quite half-way to it nor to the circle's edge. */
      if (n > 1)
        {
          double nx, ny, d, reach;

          ck_assert (weft_scene_hits_get_circle (hits, (i + 1) % n, &nx, &ny, NULL));
          d = hypot (nx - x, ny - y);
          reach = MIN (r, d / 2) * 0.8;
          hit = weft_scene_hits_actor_at (drawn, x + (nx - x) / d * reach, y + (ny - y) / d * reach);
          ck_assert_msg (hit == (int) i, "%d×%d: inside %u hits %d", width, height, i, hit);
        }
      ck_assert_msg (pixel_differs (surface, x, y, &theme->background),
                     "%d×%d: nothing drawn at %u's centre", width, height, i);
      if (i == n - 1)
        break;
    }
  cairo_surface_destroy (surface);

  ck_assert_int_eq (weft_scene_actor_at (model, time_ns, width, height, 1.0, -50, -50), -1);
  ck_assert_int_eq (weft_scene_actor_at (model, time_ns, width, height, 1.0, width + 50, height / 2), -1);
  ck_assert_int_eq (weft_scene_actor_at (model, time_ns, width, height, 1.0, 2, 2), -1);
  ck_assert (!weft_scene_hits_get_circle (hits, n, NULL, NULL, NULL));
  return r;
}

START_TEST (test_hit_ring)
{
  g_autoptr(WeftModel) model = test_make_deadlocked_model ();
  guint64 end = weft_model_get_end_ns (model);
  static const int sizes[][2] = { { WIDTH, HEIGHT }, { 760, 900 }, { 400, 300 }, { 1000, 400 } };

  ck_assert_int_eq (weft_model_get_layout (model), WEFT_LAYOUT_RING);
  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    {
      double x, y;

      assert_circles_hit (model, end, sizes[k][0], sizes[k][1], 1);
      /* The table, in the middle of the ring: nobody. Between two philosophers, the fork
       * (the first lock lies between the last philosopher and the first): nobody. */
      ck_assert (actor_circle (model, end, sizes[k][0], sizes[k][1], 0, &x, &y, NULL));
      ck_assert_int_eq (weft_scene_actor_at (model, end, sizes[k][0], sizes[k][1], 1.0, x, y + (sizes[k][1] / 4.0)), -1);
    }
  /* Too small to lay out: nobody anywhere. */
  ck_assert_int_eq (weft_scene_actor_at (model, end, 0, 0, 1.0, 0, 0), -1);
  ck_assert_ptr_null (weft_scene_hits_new (model, end, 0.5, 10, 1.0));
  ck_assert (!weft_scene_hits_get_circle (NULL, 0, NULL, NULL, NULL));
  ck_assert_int_eq (weft_scene_hits_actor_at (NULL, 0, 0), -1);
}
END_TEST

START_TEST (test_hit_crowded_rings)
{
  static const char * const forty[] = {
    "count=40", "strategy=naive", "think_ms=0", "eat_ms=0", "fork_gap_ms=0", NULL
  };
  static const char * const thousand[] = {
    "count=1000", "strategy=naive", "think_ms=0", "eat_ms=0", "fork_gap_ms=0", NULL
  };
  g_autoptr(WeftModel) model40 = make_stepped_model ("philosophers", forty, 10000, WEFT_OUTCOME_DEADLOCK);
  g_autoptr(WeftModel) model1000 = make_stepped_model ("philosophers", thousand, 10000, WEFT_OUTCOME_DEADLOCK);
  guint64 end = weft_model_get_end_ns (model1000);
  double r, x0, y0, x1, y1;

  assert_circles_hit (model40, weft_model_get_end_ns (model40), WIDTH, HEIGHT, 1);
  assert_circles_hit (model40, weft_model_get_end_ns (model40), 760, 900, 3);

  /* A thousand: the ring is a band of sectors, each actor's a sliver; its middle hits it
   * and so do its neighbours' middles, in order, all around. */
  r = assert_circles_hit (model1000, end, WIDTH, HEIGHT, 37);
  ck_assert_double_gt (r, 0.5);
  r = assert_circles_hit (model1000, end, 1000, 400, 101);
  ck_assert (actor_circle (model1000, end, WIDTH, HEIGHT, 500, &x0, &y0, NULL));
  ck_assert (actor_circle (model1000, end, WIDTH, HEIGHT, 501, &x1, &y1, NULL));
  ck_assert_int_eq (weft_scene_actor_at (model1000, end, WIDTH, HEIGHT, 1.0, x0 * 0.8 + x1 * 0.2, y0 * 0.8 + y1 * 0.2), 500);
  ck_assert_int_eq (weft_scene_actor_at (model1000, end, WIDTH, HEIGHT, 1.0, x0 * 0.2 + x1 * 0.8, y0 * 0.2 + y1 * 0.8), 501);
  /* Across the band, towards the table's centre (half-way between opposite actors). */
  ck_assert (actor_circle (model1000, end, WIDTH, HEIGHT, 0, &x0, &y0, NULL));
  ck_assert (actor_circle (model1000, end, WIDTH, HEIGHT, 250, &x1, &y1, &r));
  {
    double cx, cy, d;

    ck_assert (actor_circle (model1000, end, WIDTH, HEIGHT, 500, &cx, &cy, NULL));
    cx = (cx + x0) / 2;
    cy = (cy + y0) / 2;
    d = hypot (cx - x1, cy - y1);
    ck_assert_int_eq (weft_scene_actor_at (model1000, end, WIDTH, HEIGHT, 1.0, x1 + (cx - x1) / d * r * 0.8,
                                           y1 + (cy - y1) / d * r * 0.8), 250);
    ck_assert_int_eq (weft_scene_actor_at (model1000, end, WIDTH, HEIGHT, 1.0, x1 - (cx - x1) / d * r * 0.8,
                                           y1 - (cy - y1) / d * r * 0.8), 250);
    ck_assert_int_eq (weft_scene_actor_at (model1000, end, WIDTH, HEIGHT, 1.0, x1 + (cx - x1) / d * r * 3,
                                           y1 + (cy - y1) / d * r * 3), -1);
  }
  ck_assert (actor_circle (model1000, end, WIDTH, HEIGHT, 500, &x0, &y0, NULL));
  /* The middle of the table. */
  ck_assert_int_eq (weft_scene_actor_at (model1000, end, WIDTH, HEIGHT, 1.0, WIDTH / 2.0, y0 - (y0 - HEIGHT / 2.0) * 0.5), -1);
}
END_TEST

START_TEST (test_hit_star_and_pipeline)
{
  static const char * const lock[] = { "sync=lock", "depositors=2", "withdrawers=2", NULL };
  static const char * const tickets[] = { "sync=semaphore", NULL };
  static const char * const pubsub[] = { "messages=6", "subscribers=3", NULL };
  g_autoptr(WeftModel) bank = make_stepped_model ("bank", lock, 1000, WEFT_OUTCOME_COMPLETED);
  g_autoptr(WeftModel) sellers = make_stepped_model ("tickets", tickets, 5000, WEFT_OUTCOME_COMPLETED);
  g_autoptr(WeftModel) pipe = make_stepped_model ("pubsub", pubsub, 5000, WEFT_OUTCOME_COMPLETED);
  WeftModel *models[] = { bank, sellers, pipe };

  ck_assert_int_eq (weft_model_get_layout (bank), WEFT_LAYOUT_STAR);
  ck_assert_int_eq (weft_model_get_layout (sellers), WEFT_LAYOUT_STAR);
  ck_assert_int_eq (weft_model_get_layout (pipe), WEFT_LAYOUT_PIPELINE);
  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    {
      guint64 mid = weft_model_get_end_ns (models[m]) / 2;

      assert_circles_hit (models[m], mid, WIDTH, HEIGHT, 1);
      assert_circles_hit (models[m], mid, 760, 900, 1);
      assert_circles_hit (models[m], mid, 400, 300, 1);
      /* The middle: resources (the star's stack, the pipeline's queue), not an actor. */
      ck_assert_int_eq (weft_scene_actor_at (models[m], mid, WIDTH, HEIGHT, 1.0, WIDTH / 2.0, HEIGHT / 2.0), -1);
    }
}
END_TEST

/* Roles ------------------------------------------------------------------------------------ */

/* Each scenario declares its actors' roles when it creates them, and the model copies
 * them: pub/sub's publishers produce and its subscribers consume; the others have none. */
START_TEST (test_roles_per_scenario)
{
  static const char * const none[] = { NULL };
  static const char * const pubsub[] = { "publishers=2", "subscribers=3", NULL };
  static const struct
  {
    const char         *id;
    const char * const *sets;
    guint               n_producers;
  } cases[] = {
    { "philosophers", none, 0 },
    { "bank", none, 0 },
    { "tickets", none, 0 },
    { "pubsub", pubsub, 2 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(WeftRun) run = test_make_run (cases[c].id, 1, cases[c].sets);
      g_autoptr(WeftModel) model = weft_model_new_for_run (run);
      guint n = weft_run_get_n_actors (run);

      ck_assert_uint_gt (n, 0);
      for (guint i = 0; i < n; i++)
        {
          WeftActorRole role = weft_actor_get_role (weft_run_get_actor (run, i));
          WeftActorRole expected = cases[c].n_producers == 0 ? WEFT_ACTOR_ROLE_NONE
                                   : i < cases[c].n_producers ? WEFT_ACTOR_ROLE_PRODUCER
                                   : WEFT_ACTOR_ROLE_CONSUMER;

          ck_assert_msg (role == expected, "%s: actor %u has role %d, not %d", cases[c].id, i,
                         role, expected);
          ck_assert_int_eq (weft_model_get_actor_role (model, i), role);
        }
    }
}
END_TEST

/* The x of @actor's circle in the scene of @model at its end. */
static double
circle_x (WeftModel *model,
          guint      actor)
{
  g_autoptr(WeftSceneHits) hits = weft_scene_hits_new (model, weft_model_get_end_ns (model),
                                                       WIDTH, HEIGHT, 1.0);
  double x = -1, y, r;

  ck_assert (weft_scene_hits_get_circle (hits, actor, &x, &y, &r));
  return x;
}

/* The pipeline's columns come from the declared roles, not from the names nor the order:
 * a producer created second and named in another language is on the left. */
START_TEST (test_pipeline_columns_from_roles)
{
  g_autoptr(WeftModel) model = weft_model_new ();

  weft_model_set_layout (model, WEFT_LAYOUT_PIPELINE);
  weft_model_add_actor (model, "Lecteur");
  weft_model_add_actor (model, "Écrivain");
  weft_model_add_object (model, "boîte", WEFT_OBJECT_QUEUE, 0, WEFT_QUEUE_FIFO);
  weft_model_set_actor_role (model, 0, WEFT_ACTOR_ROLE_CONSUMER);
  weft_model_set_actor_role (model, 1, WEFT_ACTOR_ROLE_PRODUCER);
  test_model_event (model, 1000, WEFT_EVENT_STATE, WEFT_STATE_RUNNING, 0, WEFT_NONE, 0);
  test_model_event (model, 1000, WEFT_EVENT_STATE, WEFT_STATE_RUNNING, 1, WEFT_NONE, 0);
  weft_model_set_end (model, 2000);

  ck_assert_double_lt (circle_x (model, 1), WIDTH / 2.0);
  ck_assert_double_gt (circle_x (model, 0), WIDTH / 2.0);
}
END_TEST

/* A run made in French ("Éditeur", "Abonné 1") drawn under another language (a .weft file
 * opened elsewhere, a window switched back to English): publishers stay on the left. */
START_TEST (test_pipeline_french_run)
{
  static const char * const sets[] = { "publishers=2", "subscribers=2", "messages=4", NULL };
  g_autoptr(WeftModel) model = NULL;

  use_french ();
  model = make_stepped_model ("pubsub", sets, 3000, WEFT_OUTCOME_COMPLETED);
  use_english ();
  ck_assert (!g_str_has_prefix (weft_model_get_actor_name (model, 0), "Publisher"));

  for (guint i = 0; i < weft_model_get_n_actors (model); i++)
    if (i < 2)
      ck_assert_double_lt (circle_x (model, i), WIDTH / 2.0);
    else
      ck_assert_double_gt (circle_x (model, i), WIDTH / 2.0);
}
END_TEST

START_TEST (test_describe)
{
  g_autoptr(WeftModel) model = test_make_deadlocked_model ();
  g_autoptr(WeftModel) empty = weft_model_new ();
  g_autofree char *at_end = weft_describe_threads_at (model, weft_model_get_end_ns (model));
  g_autofree char *at_start = weft_describe_threads_at (model, 0);
  g_autofree char *none = weft_describe_threads_at (empty, 0);
  guint n;
  const WeftThreadSpan *spans = weft_model_get_thread_spans (model, 0, &n);
  g_autofree char *last = weft_describe_thread_span (model, 0, &spans[n - 1]);
  g_autofree char *fork = NULL;

  /* Everyone blocked on the fork the next one holds. */
  ck_assert_str_eq (at_end, "5 threads: 5 blocked");
  ck_assert (g_str_has_prefix (at_start, "5 threads: "));
  ck_assert_str_eq (none, "No threads");
  ck_assert_int_eq (spans[n - 1].state, WEFT_STATE_BLOCKED);
  fork = g_strdup_printf ("blocked on %s", weft_model_get_object_name (model, spans[n - 1].object));
  ck_assert_str_eq (last, fork);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("scene");

  setlocale (LC_ALL, "C");
  test_add_case (suite, "roles-per-scenario", test_roles_per_scenario);
  test_add_case (suite, "pipeline-columns-from-roles", test_pipeline_columns_from_roles);
  test_add_case (suite, "pipeline-french-run", test_pipeline_french_run);
  test_add_case (suite, "naive-deadlock-shows-the-cycle", test_naive_deadlock_shows_the_cycle);
  test_add_case (suite, "ordered-shows-no-cycle", test_ordered_shows_no_cycle);
  test_add_case (suite, "waiter-and-svg", test_waiter_and_svg);
  test_add_case (suite, "forty-philosophers-names-that-fit", test_forty_philosophers_names_that_fit);
  test_add_case (suite, "thousand-philosophers-bounded", test_thousand_philosophers_bounded);
  test_add_case (suite, "thousand-philosophers-deadlocked", test_thousand_philosophers_deadlocked);
  test_add_case (suite, "bank", test_bank);
  test_add_case (suite, "tickets", test_tickets);
  test_add_case (suite, "pubsub", test_pubsub);
  test_add_case (suite, "synthetic-models", test_synthetic_models);
  test_add_case (suite, "deadlock-without-cycle-caption", test_deadlock_without_cycle_caption);
  test_add_case (suite, "every-step-draws", test_every_step_draws);
  test_add_case (suite, "statuses-whole", test_statuses_whole);
  test_add_case (suite, "unchanged-frame-shapes-no-text", test_unchanged_frame_shapes_no_text);
  test_add_case (suite, "hit-ring", test_hit_ring);
  test_add_case (suite, "hit-crowded-rings", test_hit_crowded_rings);
  test_add_case (suite, "hit-star-and-pipeline", test_hit_star_and_pipeline);
  test_add_case (suite, "describe", test_describe);
  test_add_case (suite, "projector-sizes-english", test_projector_sizes_english);
  test_add_case (suite, "projector-sizes-french", test_projector_sizes_french);
  test_add_case (suite, "text-scale", test_text_scale);
  test_add_case (suite, "text-scale-other-scenarios", test_text_scale_other_scenarios);
  test_add_case (suite, "scales-with-pane", test_scales_with_pane);
  test_add_case (suite, "short-names", test_short_names);
  test_add_case (suite, "describe-objects", test_describe_objects);
  test_add_case (suite, "crowded-ring-activities", test_crowded_ring_activities);

  return test_run_suite (suite);
}
