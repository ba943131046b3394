/* test-ui-areas.c — the timeline and scene widgets, in real windows under a display: the
 * timeline's view (zoom in, out and to fit, Ctrl+scroll around the pointer, panning,
 * following the live edge as the model grows, jumping to a moment), clicks on thread
 * names and circles that emit "actor-activated" with the right actor (and none
 * elsewhere), tooltip texts, the accessible role, label and description, and that both
 * draw something (saved as PNG in $WEFT_SCREENSHOT_DIR for a look).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <math.h>
#include <string.h>

#include <gtk/gtk.h>

#include "weft-legend-area.h"
#include "weft-test-model.h"
#include "weft-test-synthetic.h"
#include "weft-scene-area-private.h"
#include "weft-test-ui.h"
#include "weft-timeline-area-private.h"

#define WIDTH 1000
#define HEIGHT 400

/* Helpers ---------------------------------------------------------------------------------- */

static void
setup (void)
{
  /* The texts checked are English with a decimal point, whatever the machine's locale:
   * gtk_init() would otherwise set the locale from the environment. */
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C");
  test_ui_init ();
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* @child alone in a window of @width × @height, shown and laid out. */
static GtkWindow *
show_in_window (GtkWidget *child,
                int        width,
                int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  while ((!gtk_widget_get_mapped (child) || gtk_widget_get_width (child) != width ||
          gtk_widget_get_height (child) != height) &&
         g_get_monotonic_time () < deadline)
    {
      iterate ();
      g_usleep (2000);
    }
  iterate ();
  ck_assert_msg (gtk_widget_get_mapped (child), "the widget was never shown");
  ck_assert_int_eq (gtk_widget_get_width (child), width);
  ck_assert_int_eq (gtk_widget_get_height (child), height);
  return window;
}

static void
count_uint_cb (GObject    *object,
               guint       actor,
               gpointer    data)
{
  GArray *actors = data;

  g_array_append_val (actors, actor);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    data)
{
  (*(guint *) data)++;
}

static double
view_span (WeftTimelineArea *area)
{
  WeftTimelineView view;

  weft_timeline_area_get_view (area, &view);
  return view.end - view.start;
}

static gboolean
get_follow (WeftTimelineArea *area)
{
  gboolean follow;

  g_object_get (area, "follow-live", &follow, NULL);
  return follow;
}

static guint64
get_focus (WeftTimelineArea *area)
{
  guint64 focus;

  g_object_get (area, "focus-time", &focus, NULL);
  return focus;
}

static void
get_layout (WeftTimelineArea   *area,
            WeftTimelineLayout *layout)
{
  ck_assert (weft_timeline_area_get_layout (area, layout));
}

/* The middle of @lane's row, which must be drawn. */
static double
lane_middle (const WeftTimelineLayout *layout,
             guint                     lane)
{
  double y = weft_timeline_lane_y (layout, lane);

  ck_assert_double_ge (y, 0);
  return y + layout->lane_height / 2;
}

#define assert_near(a, b, tolerance)                                                     \
  G_STMT_START {                                                                         \
    double _a = (a), _b = (b), _tolerance = (tolerance);                                 \
    ck_assert_msg (fabs (_a - _b) <= _tolerance, "%s is %g, not %g (± %g)", #a, _a, _b,  \
                   _tolerance);                                                          \
  } G_STMT_END

/* What @widget draws now (its snapshot, not the last frame's image that a
 * GtkWidgetPaintable would give), rendered by its window's renderer; NULL when it draws
 * nothing. */
static GdkTexture *
render_widget (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  GskRenderNode *node;
  GdkTexture *texture;

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return NULL;
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  return texture;
}

/* Pixels of @texture that are not @background, and how many colours (up to 100). */
static guint
count_ink (GdkTexture     *texture,
           const WeftRgba *background,
           guint          *n_colours)
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc ((gsize) width * height * 4);
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  guint32 bg = 0xFF000000u | (guint32) lround (background->r * 255) << 16 |
               (guint32) lround (background->g * 255) << 8 | (guint32) lround (background->b * 255);
  guint ink = 0;

  gdk_texture_download (texture, data, width * 4);
  for (int i = 0; i < width * height; i++)
    {
      guint32 p = ((const guint32 *) (gconstpointer) data)[i];

      if (p != bg)
        ink++;
      if (g_hash_table_size (colours) < 100)
        g_hash_table_add (colours, GUINT_TO_POINTER (p));
    }
  *n_colours = g_hash_table_size (colours);
  return ink;
}

/* Renders @widget, checks it drew something, and keeps it as @name.png when asked. */
static void
assert_drawn (GtkWidget   *widget,
              WeftThemeId  theme,
              const char  *name)
{
  g_autoptr(GdkTexture) texture = render_widget (widget);
  const char *dir = g_getenv ("WEFT_SCREENSHOT_DIR");
  guint n_colours, ink;

  ck_assert_ptr_nonnull (texture);
  ck_assert_int_eq (gdk_texture_get_width (texture), gtk_widget_get_width (widget));
  ink = count_ink (texture, &weft_theme_get (theme)->background, &n_colours);
  ck_assert_uint_ge (ink, 5000);
  ck_assert_uint_ge (n_colours, 8);

  if (dir != NULL && *dir != '\0')
    {
      g_autofree char *file = g_strconcat (name, ".png", NULL);
      g_autofree char *path = g_build_filename (dir, file, NULL);

      g_mkdir_with_parents (dir, 0755);
      ck_assert (gdk_texture_save_to_png (texture, path));
    }
}

/* Timeline --------------------------------------------------------------------------------- */

/* Zoom in and out around the live edge while following, to the whole run at most and
 * one step at least; zoom to fit. */
START_TEST (test_timeline_zoom)
{
  g_autoptr(WeftModel) model = test_make_deadlocked_model ();
  WeftTimelineArea *area = WEFT_TIMELINE_AREA (weft_timeline_area_new ());
  GtkWindow *window;
  WeftTimelineView view, whole = { 0 };
  double axis_end = weft_model_get_axis_end (model);
  double span;

  weft_timeline_area_set_model (area, model);
  window = show_in_window (GTK_WIDGET (area), WIDTH, HEIGHT);
  weft_timeline_view_whole (model, &whole);

  /* A new model: the whole run, following. */
  weft_timeline_area_get_view (area, &view);
  assert_near (view.start, whole.start, 1e-9);
  assert_near (view.end, whole.end, 1e-9);
  ck_assert (view.show_flows);
  ck_assert_double_eq (view.font_size, 0);
  ck_assert (get_follow (area));
  ck_assert_uint_eq (get_focus (area), weft_model_get_end_ns (model));

  /* In, while following: narrower by 1.5, ending on the live edge, still following. */
  weft_timeline_area_zoom_in (area);
  weft_timeline_area_get_view (area, &view);
  assert_near (view.end - view.start, (whole.end - whole.start) / 1.5, 1e-6);
  assert_near (view.end, axis_end, 1e-6);
  ck_assert (get_follow (area));
  weft_timeline_area_zoom_in (area);
  assert_near (view_span (area), (whole.end - whole.start) / 2.25, 1e-6);

  /* Out: wider, never wider than the whole run. */
  weft_timeline_area_zoom_out (area);
  assert_near (view_span (area), (whole.end - whole.start) / 1.5, 1e-6);
  for (guint i = 0; i < 5; i++)
    weft_timeline_area_zoom_out (area);
  weft_timeline_area_get_view (area, &view);
  assert_near (view.start, whole.start, 1e-9);
  assert_near (view.end, whole.end, 1e-9);

  /* In as far as it goes: one step, the axis' unit in step mode. */
  for (guint i = 0; i < 40; i++)
    weft_timeline_area_zoom_in (area);
  assert_near (view_span (area), 1.0, 1e-9);
  weft_timeline_area_get_view (area, &view);
  assert_near (view.end, axis_end, 1e-6);

  /* Fit: the whole run again. */
  weft_timeline_area_zoom_fit (area);
  weft_timeline_area_get_view (area, &view);
  assert_near (view.start, whole.start, 1e-9);
  assert_near (view.end, whole.end, 1e-9);
  ck_assert (get_follow (area));

  /* Ctrl+scroll: the moment under the pointer stays there; following stops. */
  {
    WeftTimelineLayout layout;
    double x = 700, before, after;
    guint n_follow = 0;

    g_signal_connect (area, "notify::follow-live", G_CALLBACK (count_notify_cb), &n_follow);
    get_layout (area, &layout);
    weft_timeline_area_get_view (area, &view);
    before = weft_timeline_axis_at (&layout, &view, x);
    weft_timeline_area_zoom_at (area, x, 0.5);
    span = view_span (area);
    assert_near (span, (whole.end - whole.start) * 0.5, 1e-6);
    get_layout (area, &layout);
    weft_timeline_area_get_view (area, &view);
    after = weft_timeline_axis_at (&layout, &view, x);
    assert_near (after, before, 1e-6);
    ck_assert (!get_follow (area));
    ck_assert_uint_eq (n_follow, 1);

    /* Pan: 100 pixels later. */
    weft_timeline_area_pan_by (area, -100);
    weft_timeline_area_get_view (area, &view);
    before = view.start;
    weft_timeline_area_pan_by (area, 100);
    weft_timeline_area_get_view (area, &view);
    assert_near (view.start - before, 100 * span / layout.plot_width, 1e-6);
    assert_near (view.end - view.start, span, 1e-6);
    /* Not past the run's ends. */
    weft_timeline_area_pan_by (area, 1e6);
    weft_timeline_area_get_view (area, &view);
    assert_near (view.end, whole.end, 1e-6);
    weft_timeline_area_pan_by (area, -1e6);
    weft_timeline_area_get_view (area, &view);
    assert_near (view.start, whole.start, 1e-6);
    ck_assert_uint_eq (n_follow, 1);

    /* Follow again by the property: the same width, at the live edge. */
    g_object_set (area, "follow-live", TRUE, NULL);
    weft_timeline_area_get_view (area, &view);
    assert_near (view.end, axis_end, 1e-6);
    assert_near (view.end - view.start, span, 1e-6);
    ck_assert_uint_eq (n_follow, 2);
  }

  weft_timeline_area_set_model (area, NULL);
  gtk_window_destroy (window);
}
END_TEST

/* A run-mode model growing under a following view: the view's end stays on the live edge
 * with its width; the zoom stops at a microsecond. */
START_TEST (test_timeline_follows_live_edge)
{
  g_autoptr(WeftModel) model = test_synthetic_model (2000, 7);
  WeftTimelineArea *area = WEFT_TIMELINE_AREA (weft_timeline_area_new ());
  GtkWindow *window;
  WeftTimelineView view, whole = { 0 };
  guint64 end = weft_model_get_end_ns (model);
  double span;

  weft_timeline_area_set_model (area, model);
  window = show_in_window (GTK_WIDGET (area), WIDTH, HEIGHT);

  /* Fit: the whole run, and it keeps growing with the run. */
  test_model_event (model, end + 500000, WEFT_EVENT_STATE, WEFT_STATE_SLEEPING, 0, WEFT_NONE, 0);
  weft_model_set_end (model, end + 1000000);
  weft_timeline_area_update (area);
  weft_timeline_view_whole (model, &whole);
  weft_timeline_area_get_view (area, &view);
  assert_near (view.start, whole.start, 1e-6);
  assert_near (view.end, whole.end, 1e-6);
  ck_assert_uint_eq (get_focus (area), end + 1000000);

  /* Zoomed in, following: the width stays, the end moves with the run. */
  weft_timeline_area_zoom_in (area);
  weft_timeline_area_zoom_in (area);
  span = view_span (area);
  end = weft_model_get_end_ns (model);
  test_model_event (model, end + 2000000, WEFT_EVENT_STATE, WEFT_STATE_RUNNING, 0, WEFT_NONE, 1);
  weft_model_set_end (model, end + 3000000);
  weft_timeline_area_update (area);
  weft_timeline_area_get_view (area, &view);
  assert_near (view.end, weft_model_get_axis_end (model), 1e-3);
  assert_near (view.end - view.start, span, 1e-3);
  ck_assert_uint_eq (get_focus (area), end + 3000000);

  /* Not following: the view stays where it is. */
  weft_timeline_area_pan_by (area, -50);
  weft_timeline_area_get_view (area, &view);
  end = weft_model_get_end_ns (model);
  weft_model_set_end (model, end + 1000000);
  weft_timeline_area_update (area);
  {
    WeftTimelineView still;

    weft_timeline_area_get_view (area, &still);
    ck_assert_double_eq (still.start, view.start);
    ck_assert_double_eq (still.end, view.end);
  }

  /* The narrowest view of a run is a microsecond. */
  for (guint i = 0; i < 60; i++)
    weft_timeline_area_zoom_in (area);
  assert_near (view_span (area), 1000, 1e-6);

  weft_timeline_area_set_model (area, NULL);
  gtk_window_destroy (window);
}
END_TEST

/* A free run paused and stepped changes the axis from time to steps: a following view
 * stays on the live edge of the new axis, and a view the user placed keeps showing the
 * same moments. */
START_TEST (test_timeline_axis_becomes_stepped)
{
  g_autoptr(WeftModel) model = weft_model_new ();
  WeftTimelineArea *area = WEFT_TIMELINE_AREA (weft_timeline_area_new ());
  GtkWindow *window;
  WeftTimelineView view, whole = { 0 };
  double t0, t1;

  weft_model_add_actor (model, "a");
  test_model_event (model, 0, WEFT_EVENT_RUN_START, 0, WEFT_NONE, WEFT_NONE, WEFT_MODE_RUN);
  test_model_event (model, 100, WEFT_EVENT_STATE, WEFT_STATE_RUNNING, 0, WEFT_NONE, 0);
  weft_model_set_end (model, 10000000);
  weft_timeline_area_set_model (area, model);
  window = show_in_window (GTK_WIDGET (area), WIDTH, HEIGHT);
  weft_timeline_area_update (area);

  /* Fit, following: after the pause and two steps the view is the whole stepped axis. */
  test_model_event (model, 10000000, WEFT_EVENT_RUN_PAUSE, 0, WEFT_NONE, WEFT_NONE, 0);
  test_model_event (model, 10000100, WEFT_EVENT_STATE, WEFT_STATE_PARKED, 0, WEFT_NONE,
                    WEFT_OP_SLEEP);
  test_model_event (model, 2010000000, WEFT_EVENT_STEP, 0, 0, WEFT_NONE, 1);
  weft_model_set_end (model, 4010000000);
  weft_timeline_area_update (area);
  weft_timeline_view_whole (model, &whole);
  weft_timeline_area_get_view (area, &view);
  assert_near (view.start, whole.start, 1e-9);
  assert_near (view.end, whole.end, 1e-9);
  ck_assert_msg (view.end < 100, "the view ends at %g: still in nanoseconds", view.end);

  /* A view placed on the free part keeps showing the same moments once stepped. */
  {
    g_autoptr(WeftModel) other = weft_model_new ();

    weft_model_add_actor (other, "a");
    test_model_event (other, 0, WEFT_EVENT_RUN_START, 0, WEFT_NONE, WEFT_NONE, WEFT_MODE_RUN);
    test_model_event (other, 100, WEFT_EVENT_STATE, WEFT_STATE_RUNNING, 0, WEFT_NONE, 0);
    weft_model_set_end (other, 10000000);
    weft_timeline_area_set_model (area, other);
    weft_timeline_area_update (area);
    weft_timeline_area_zoom_in (area);
    weft_timeline_area_zoom_in (area);
    weft_timeline_area_pan_by (area, -100);
    ck_assert (!get_follow (area));
    weft_timeline_area_get_view (area, &view);
    t0 = view.start;
    t1 = view.end;
    test_model_event (other, 10000000, WEFT_EVENT_RUN_PAUSE, 0, WEFT_NONE, WEFT_NONE, 0);
    test_model_event (other, 2010000000, WEFT_EVENT_STEP, 0, 0, WEFT_NONE, 1);
    weft_model_set_end (other, 4010000000);
    weft_timeline_area_update (area);
    weft_timeline_area_get_view (area, &view);
    assert_near (view.start, weft_model_time_to_axis (other, (guint64) t0), 1e-6);
    assert_near (view.end, weft_model_time_to_axis (other, (guint64) t1), 1e-6);
    weft_timeline_area_set_model (area, NULL);
  }

  gtk_window_destroy (window);
}
END_TEST

START_TEST (test_timeline_jump_to)
{
  g_autoptr(WeftModel) model = test_make_deadlocked_model ();
  WeftTimelineArea *area = WEFT_TIMELINE_AREA (weft_timeline_area_new ());
  GtkWindow *window;
  WeftTimelineView view;
  guint n_steps, n_focus = 0;
  const guint64 *steps = weft_model_get_step_times (model, &n_steps);
  guint64 t;

  ck_assert_uint_ge (n_steps, 6);
  t = steps[n_steps / 2];
  weft_timeline_area_set_model (area, model);
  window = show_in_window (GTK_WIDGET (area), WIDTH, HEIGHT);
  g_signal_connect (area, "notify::focus-time", G_CALLBACK (count_notify_cb), &n_focus);

  weft_timeline_area_zoom_in (area);
  weft_timeline_area_zoom_in (area);
  weft_timeline_area_jump_to (area, t);
  ck_assert (!get_follow (area));
  ck_assert_uint_eq (get_focus (area), t);
  ck_assert_uint_eq (n_focus, 1);
  weft_timeline_area_get_view (area, &view);
  assert_near ((view.start + view.end) / 2, weft_model_time_to_axis (model, t), 1e-6);

  /* Updates leave a jump alone. */
  weft_timeline_area_update (area);
  ck_assert_uint_eq (get_focus (area), t);

  /* Fit: following again, the focus on the run's end. */
  weft_timeline_area_zoom_fit (area);
  ck_assert (get_follow (area));
  ck_assert_uint_eq (get_focus (area), weft_model_get_end_ns (model));
  ck_assert_uint_eq (n_focus, 2);

  weft_timeline_area_set_model (area, NULL);
  ck_assert_uint_eq (get_focus (area), 0);
  gtk_window_destroy (window);
}
END_TEST

/* A click on a thread's name activates that thread; on its bars, on a resource's name or
 * off the lanes, nothing. */
START_TEST (test_timeline_click)
{
  g_autoptr(WeftModel) model = test_make_deadlocked_model ();
  WeftTimelineArea *area = WEFT_TIMELINE_AREA (weft_timeline_area_new ());
  g_autoptr(GArray) activated = g_array_new (FALSE, FALSE, sizeof (guint));
  GtkWindow *window;
  WeftTimelineLayout layout;
  guint n_threads = weft_model_get_n_actors (model);

  weft_timeline_area_set_model (area, model);
  window = show_in_window (GTK_WIDGET (area), WIDTH, HEIGHT);
  g_signal_connect (area, "actor-activated", G_CALLBACK (count_uint_cb), activated);
  get_layout (area, &layout);
  ck_assert_uint_eq (layout.n_thread_lanes, n_threads);
  ck_assert_uint_gt (layout.n_lanes, n_threads);

  for (guint lane = 0; lane < n_threads; lane++)
    {
      double y = lane_middle (&layout, lane);

      ck_assert (weft_timeline_area_activate_at (area, layout.label_width / 2, y));
      ck_assert_uint_eq (activated->len, lane + 1);
      ck_assert_uint_eq (g_array_index (activated, guint, lane), weft_model_get_lane_subject (model, lane));
      /* The plot: no. */
      ck_assert (!weft_timeline_area_activate_at (area, layout.plot_x + layout.plot_width / 2, y));
    }
  ck_assert (!weft_timeline_area_activate_at (area, layout.label_width / 2, lane_middle (&layout, n_threads)));
  ck_assert (!weft_timeline_area_activate_at (area, layout.label_width / 2, layout.axis_y + 2));
  ck_assert (!weft_timeline_area_activate_at (area, -5, lane_middle (&layout, 0)));
  ck_assert_uint_eq (activated->len, n_threads);

  weft_timeline_area_set_model (area, NULL);
  ck_assert (!weft_timeline_area_activate_at (area, layout.label_width / 2, lane_middle (&layout, 0)));
  gtk_window_destroy (window);
}
END_TEST

/* The keyboard's way to click a name: Down and Up choose a thread, Return steps it; the
 * accessible description says what the chosen thread does. */
START_TEST (test_timeline_keyboard_lanes)
{
  g_autoptr(WeftModel) model = test_make_deadlocked_model ();
  WeftTimelineArea *area = WEFT_TIMELINE_AREA (weft_timeline_area_new ());
  g_autoptr(GArray) activated = g_array_new (FALSE, FALSE, sizeof (guint));
  GtkWindow *window;
  guint n_threads = weft_model_get_n_actors (model);

  weft_timeline_area_set_model (area, model);
  window = show_in_window (GTK_WIDGET (area), WIDTH, HEIGHT);
  g_signal_connect (area, "actor-activated", G_CALLBACK (count_uint_cb), activated);
  ck_assert_int_eq (weft_timeline_area_get_key_lane (area), -1);

  /* Return with no thread chosen does nothing (and is not used). */
  ck_assert (!weft_timeline_area_press_key (area, GDK_KEY_Return));
  ck_assert_uint_eq (activated->len, 0);

  ck_assert (weft_timeline_area_press_key (area, GDK_KEY_Down));
  ck_assert (weft_timeline_area_press_key (area, GDK_KEY_Down));
  ck_assert_int_eq (weft_timeline_area_get_key_lane (area), 1);
  ck_assert (weft_timeline_area_press_key (area, GDK_KEY_Return));
  ck_assert_uint_eq (activated->len, 1);
  ck_assert_uint_eq (g_array_index (activated, guint, 0), 1);

  /* The ends hold: Up at the first, Down at the last. */
  for (guint i = 0; i < n_threads + 2; i++)
    weft_timeline_area_press_key (area, GDK_KEY_Up);
  ck_assert_int_eq (weft_timeline_area_get_key_lane (area), 0);
  for (guint i = 0; i < n_threads + 2; i++)
    weft_timeline_area_press_key (area, GDK_KEY_Down);
  ck_assert_int_eq (weft_timeline_area_get_key_lane (area), (int) n_threads - 1);

  /* Other keys go on to the window (Space runs, N steps). */
  ck_assert (!weft_timeline_area_press_key (area, GDK_KEY_space));

  /* A new model forgets the choice. */
  weft_timeline_area_set_model (area, NULL);
  ck_assert_int_eq (weft_timeline_area_get_key_lane (area), -1);
  gtk_window_destroy (window);
}
END_TEST

/* Tooltips name the lane and say what it does at the pointer's moment. */
START_TEST (test_timeline_tooltips)
{
  g_autoptr(WeftModel) model = test_make_deadlocked_model ();
  WeftTimelineArea *area = WEFT_TIMELINE_AREA (weft_timeline_area_new ());
  GtkWindow *window;
  WeftTimelineLayout layout;
  WeftTimelineView view;
  const char *kant = weft_model_get_actor_name (model, weft_model_get_lane_subject (model, 0));
  guint fork_lane = weft_model_get_n_actors (model);
  const char *fork = weft_model_get_object_name (model, weft_model_get_lane_subject (model, fork_lane));
  double x_end;
  g_autofree char *label = NULL;
  g_autofree char *late = NULL;
  g_autofree char *held = NULL;
  g_autofree char *early = NULL;

  weft_timeline_area_set_model (area, model);
  window = show_in_window (GTK_WIDGET (area), WIDTH, HEIGHT);
  get_layout (area, &layout);
  weft_timeline_area_get_view (area, &view);
  /* Just before the run's end: everyone blocked, every fork held. */
  x_end = layout.plot_x + (weft_model_get_axis_end (model) - 0.05 - view.start) /
                          (view.end - view.start) * layout.plot_width;

  label = weft_timeline_area_describe_at (area, layout.label_width / 2, lane_middle (&layout, 0));
  ck_assert_ptr_nonnull (label);
  ck_assert_msg (g_str_has_prefix (label, kant), "%s", label);
  ck_assert_ptr_nonnull (strstr (label, "click"));

  late = weft_timeline_area_describe_at (area, x_end, lane_middle (&layout, 0));
  ck_assert_ptr_nonnull (late);
  ck_assert_msg (g_str_has_prefix (late, kant), "%s", late);
  ck_assert_msg (strstr (late, " — blocked on fork") != NULL, "%s", late);
  ck_assert_msg (strstr (late, " · step ") != NULL, "%s", late);

  held = weft_timeline_area_describe_at (area, x_end, lane_middle (&layout, fork_lane));
  ck_assert_ptr_nonnull (held);
  ck_assert_msg (g_str_has_prefix (held, fork), "%s", held);
  ck_assert_msg (strstr (held, "held by ") != NULL, "%s", held);
  ck_assert_msg (strstr (held, "1 waiting") != NULL, "%s", held);

  /* At the start: not blocked yet. */
  early = weft_timeline_area_describe_at (area, layout.plot_x + 2, lane_middle (&layout, 0));
  ck_assert_ptr_nonnull (early);
  ck_assert_msg (strstr (early, "blocked") == NULL, "%s", early);

  /* Off the lanes, or before the run. */
  ck_assert_ptr_null (weft_timeline_area_describe_at (area, x_end, layout.axis_y + 2));
  ck_assert_ptr_null (weft_timeline_area_describe_at (area, x_end, -3));

  weft_timeline_area_set_model (area, NULL);
  ck_assert_ptr_null (weft_timeline_area_describe_at (area, x_end, lane_middle (&layout, 0)));
  gtk_window_destroy (window);
}
END_TEST

/* A run-mode tooltip gives the span's times. */
START_TEST (test_timeline_tooltip_times)
{
  g_autoptr(WeftModel) model = weft_model_new ();
  WeftTimelineArea *area = WEFT_TIMELINE_AREA (weft_timeline_area_new ());
  GtkWindow *window;
  WeftTimelineLayout layout;
  g_autofree char *text = NULL;

  weft_model_set_mode (model, WEFT_MODE_RUN);
  weft_model_add_actor (model, "Kant");
  weft_model_add_object (model, "fork 2", WEFT_OBJECT_LOCK, 0, WEFT_QUEUE_FIFO);
  test_model_event (model, 0, WEFT_EVENT_STATE, WEFT_STATE_RUNNING, 0, WEFT_NONE, 0);
  test_model_event (model, 1234000000, WEFT_EVENT_STATE, WEFT_STATE_BLOCKED, 0, 0, 0);
  test_model_event (model, 2000000000, WEFT_EVENT_STATE, WEFT_STATE_RUNNING, 0, WEFT_NONE, 0);
  weft_model_set_end (model, 3000000000);

  weft_timeline_area_set_model (area, model);
  window = show_in_window (GTK_WIDGET (area), WIDTH, HEIGHT);
  get_layout (area, &layout);
  weft_timeline_area_jump_to (area, 1500000000);
  text = weft_timeline_area_describe_at (area, layout.plot_x + layout.plot_width / 2,
                                         lane_middle (&layout, 0));
  ck_assert_str_eq (text, "Kant — blocked on fork 2 · 1.234 s → 2.000 s");

  weft_timeline_area_set_model (area, NULL);
  gtk_window_destroy (window);
}
END_TEST

/* Scene ------------------------------------------------------------------------------------ */

START_TEST (test_scene_click_and_tooltip)
{
  g_autoptr(WeftModel) model = test_make_deadlocked_model ();
  WeftSceneArea *area = WEFT_SCENE_AREA (weft_scene_area_new ());
  g_autoptr(GArray) activated = g_array_new (FALSE, FALSE, sizeof (guint));
  GtkWindow *window;
  guint64 end = weft_model_get_end_ns (model);
  guint n = weft_model_get_n_actors (model);
  g_autoptr(WeftSceneHits) hits = weft_scene_hits_new (model, end, WIDTH, HEIGHT, 1.0);

  weft_scene_area_set_model (area, model);
  window = show_in_window (GTK_WIDGET (area), WIDTH, HEIGHT);
  g_signal_connect (area, "actor-activated", G_CALLBACK (count_uint_cb), activated);
  ck_assert_uint_eq (weft_scene_area_get_shown_time (area), end);

  for (guint i = 0; i < n; i++)
    {
      double x, y, r;
      g_autofree char *text = NULL;
      g_autofree char *wants = NULL;

      ck_assert (weft_scene_hits_get_circle (hits, i, &x, &y, &r));
      ck_assert (weft_scene_area_activate_at (area, x, y));
      ck_assert_uint_eq (activated->len, i + 1);
      ck_assert_uint_eq (g_array_index (activated, guint, i), i);

      /* Deadlocked: each holds its left fork and wants its right one. */
      text = weft_scene_area_describe_at (area, x + r / 2, y);
      ck_assert_ptr_nonnull (text);
      ck_assert_msg (g_str_has_prefix (text, weft_model_get_actor_name (model, i)), "%s", text);
      wants = g_strdup_printf ("Wants: %s", weft_model_get_object_name (model, (i + 1) % n));
      ck_assert_msg (strstr (text, wants) != NULL, "%s", text);
      ck_assert_msg (strstr (text, "Holds: fork") != NULL, "%s", text);
    }
  /* Each fork: found under its box, its tooltip says what it is, who holds it (its left
   * philosopher) and who waits for it (its right one). */
  for (guint o = 0; o < weft_model_get_n_objects (model); o++)
    {
      double x, y, hw, hh;
      g_autofree char *text = NULL;
      g_autofree char *first = g_strdup_printf ("%s — lock\n", weft_model_get_object_name (model, o));
      g_autofree char *held = g_strdup_printf ("Held by: %s\n", weft_model_get_actor_name (model, o));
      g_autofree char *waiting = g_strdup_printf ("Waiting: %s", weft_model_get_actor_name (model, (o + n - 1) % n));

      ck_assert (weft_scene_hits_get_box (hits, o, &x, &y, &hw, &hh));
      ck_assert_int_eq (weft_scene_hits_object_at (hits, x, y), (int) o);
      ck_assert_int_eq (weft_scene_hits_object_at (hits, x + hw * 0.8, y - hh * 0.8), (int) o);
      ck_assert_int_eq (weft_scene_hits_actor_at (hits, x, y), -1);
      /* A box is not a button. */
      ck_assert (!weft_scene_area_activate_at (area, x, y));
      text = weft_scene_area_describe_at (area, x, y);
      ck_assert_ptr_nonnull (text);
      ck_assert_msg (g_str_has_prefix (text, first), "%s", text);
      ck_assert_msg (strstr (text, held) != NULL, "%s", text);
      ck_assert_msg (g_str_has_suffix (text, waiting), "%s", text);
    }
  ck_assert_int_eq (weft_scene_hits_object_at (hits, 3, 3), -1);
  ck_assert_int_eq (weft_scene_hits_object_at (NULL, 3, 3), -1);
  ck_assert (!weft_scene_hits_get_box (hits, weft_model_get_n_objects (model), NULL, NULL, NULL, NULL));

  /* Off the circles: the table in the middle, a corner. */
  ck_assert (!weft_scene_area_activate_at (area, 3, 3));
  ck_assert (!weft_scene_area_activate_at (area, -20, HEIGHT / 2.0));
  ck_assert_ptr_null (weft_scene_area_describe_at (area, 3, 3));
  ck_assert_uint_eq (activated->len, n);

  /* At the start nobody holds anything. */
  weft_scene_area_set_time (area, 0);
  ck_assert_uint_eq (weft_scene_area_get_shown_time (area), 0);
  {
    double x, y;
    g_autofree char *text = NULL;

    g_autoptr(WeftSceneHits) start = weft_scene_hits_new (model, 0, WIDTH, HEIGHT, 1.0);

    ck_assert (weft_scene_hits_get_circle (start, 0, &x, &y, NULL));
    text = weft_scene_area_describe_at (area, x, y);
    ck_assert_ptr_nonnull (text);
    ck_assert_msg (strstr (text, "Holds nothing") != NULL, "%s", text);
  }
  weft_scene_area_set_time (area, G_MAXUINT64);
  ck_assert_uint_eq (weft_scene_area_get_shown_time (area), end);

  /* A larger text: the scene is laid out again, and clicks follow its circles. */
  ck_assert_double_eq (weft_scene_area_get_text_scale (area), 1.0);
  weft_scene_area_set_text_scale (area, 2.5);
  ck_assert_double_eq (weft_scene_area_get_text_scale (area), 2.5);
  iterate ();
  {
    g_autoptr(WeftSceneHits) large = weft_scene_hits_new (model, end, WIDTH, HEIGHT, 2.5);
    gboolean moved = FALSE;

    for (guint i = 0; i < n; i++)
      {
        double x, y, r, x1, y1, r1;

        ck_assert (weft_scene_hits_get_circle (large, i, &x, &y, &r));
        ck_assert (weft_scene_hits_get_circle (hits, i, &x1, &y1, &r1));
        moved |= fabs (x - x1) > 2 || fabs (y - y1) > 2 || fabs (r - r1) > 2;
        g_array_set_size (activated, 0);
        ck_assert (weft_scene_area_activate_at (area, x, y));
        ck_assert_uint_eq (g_array_index (activated, guint, 0), i);
      }
    ck_assert (moved);
  }
  weft_scene_area_set_text_scale (area, 1.0);

  weft_scene_area_set_model (area, NULL);
  ck_assert (!weft_scene_area_activate_at (area, WIDTH / 2.0, 10));
  gtk_window_destroy (window);
}
END_TEST

/* Both widgets ------------------------------------------------------------------------------ */

/* Images for screen readers, with a name and a summary of the threads. */
START_TEST (test_accessible)
{
  g_autoptr(WeftModel) model = test_make_deadlocked_model ();
  GtkWidget *timeline = weft_timeline_area_new ();
  GtkWidget *scene = weft_scene_area_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWindow *window;
  char *error;

  gtk_box_append (GTK_BOX (box), scene);
  gtk_box_append (GTK_BOX (box), timeline);
  gtk_widget_set_vexpand (scene, TRUE);
  window = show_in_window (box, WIDTH, HEIGHT);

  ck_assert (gtk_test_accessible_has_role (GTK_ACCESSIBLE (timeline), GTK_ACCESSIBLE_ROLE_IMG));
  ck_assert (gtk_test_accessible_has_role (GTK_ACCESSIBLE (scene), GTK_ACCESSIBLE_ROLE_IMG));
  error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (timeline), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              "Timeline of the run");
  ck_assert_msg (error == NULL, "%s", error);
  error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (scene), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              "Scene: who holds and who wants each resource");
  ck_assert_msg (error == NULL, "%s", error);
  ck_assert (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (timeline), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));

  weft_timeline_area_set_model (WEFT_TIMELINE_AREA (timeline), model);
  weft_scene_area_set_model (WEFT_SCENE_AREA (scene), model);
  error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (timeline), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                              "5 threads: 5 blocked");
  ck_assert_msg (error == NULL, "%s", error);
  error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (scene), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                              "5 threads: 5 blocked");
  ck_assert_msg (error == NULL, "%s", error);

  /* A change within the second waits for it, then shows. */
  weft_scene_area_set_time (WEFT_SCENE_AREA (scene), 0);
  error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (scene), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                              "5 threads: 5 blocked");
  ck_assert_msg (error == NULL, "%s", error);
  {
    gint64 deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
    g_autofree char *threads = weft_describe_threads_at (model, 0);
    g_autofree char *moment = weft_scene_area_describe_moment (WEFT_SCENE_AREA (scene));
    /* A past moment is said first, as the scene writes it. */
    g_autofree char *expected = g_strdup_printf ("At %s: %s", moment, threads);

    ck_assert_str_ne (expected, "5 threads: 5 blocked");
    while ((error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (scene),
                                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                        expected)) != NULL &&
           g_get_monotonic_time () < deadline)
      {
        g_free (error);
        iterate ();
        g_usleep (10000);
      }
    ck_assert_msg (error == NULL, "%s", error);
  }

  weft_timeline_area_set_model (WEFT_TIMELINE_AREA (timeline), NULL);
  weft_scene_area_set_model (WEFT_SCENE_AREA (scene), NULL);
  ck_assert (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (timeline), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
  gtk_window_destroy (window);
}
END_TEST

/* Legend ----------------------------------------------------------------------------------- */

/* The legend under a filler, in a window of WIDTH × HEIGHT, as the window puts it under the
 * timeline: it gets the height it asks for. */
static GtkWindow *
show_legend (GtkWidget *legend)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *filler = gtk_label_new ("");

  gtk_widget_set_vexpand (filler, TRUE);
  gtk_box_append (GTK_BOX (box), filler);
  gtk_box_append (GTK_BOX (box), legend);
  return show_in_window (box, WIDTH, HEIGHT);
}

static int
legend_height_for (GtkWidget *legend,
                   int        width)
{
  int min, nat;

  gtk_widget_measure (legend, GTK_ORIENTATION_VERTICAL, width, &min, &nat, NULL, NULL);
  ck_assert_int_eq (min, nat);
  return nat;
}

/* Lists what the run shows (a philosophers' table: no lost update), says it to a screen
 * reader, wraps when narrow, grows with the text size, draws. */
START_TEST (test_legend_area)
{
  static const char * const bank_sets[] = { "sync=none", NULL };
  g_autoptr(WeftModel) model = test_make_deadlocked_model ();
  g_autoptr(WeftModel) bank = test_make_stepped_model ("bank", bank_sets, 1000);
  GtkWidget *legend = weft_legend_area_new ();
  WeftLegendArea *area = WEFT_LEGEND_AREA (legend);
  GtkWindow *window;
  WeftLegendItems items;
  int min_w, nat_w, one_row, narrow, scaled;
  char *error;

  /* Nothing to list yet: no room taken, nothing drawn. */
  ck_assert_uint_eq (weft_legend_area_get_items (area), 0);
  ck_assert_int_eq (legend_height_for (legend, WIDTH), 0);
  ck_assert (gtk_test_accessible_has_role (GTK_ACCESSIBLE (legend), GTK_ACCESSIBLE_ROLE_IMG));

  weft_legend_area_set_model (area, model);
  items = weft_legend_area_get_items (area);
  ck_assert (!(items & WEFT_LEGEND_LOST));
  ck_assert (items & WEFT_LEGEND_CYCLE);
  ck_assert (items & WEFT_LEGEND_STATE (WEFT_STATE_BLOCKED));
  error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (legend), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              "Legend: running, sleeping, blocked, parked, deadlock cycle, "
                                              "holds, wants");
  ck_assert_msg (error == NULL, "%s", error);

  /* One row when wide enough, at the screen's smallest type (14 px, a row twice that);
   * more rows when narrow; taller with a larger text. */
  gtk_widget_measure (legend, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
  ck_assert_int_gt (min_w, 14);
  ck_assert_int_gt (nat_w, min_w * 3);
  one_row = legend_height_for (legend, nat_w);
  ck_assert_int_ge (one_row, 28);
  narrow = legend_height_for (legend, min_w);
  ck_assert_int_ge (narrow, one_row * 4);
  weft_legend_area_set_text_scale (area, 2.0);
  scaled = legend_height_for (legend, nat_w);
  ck_assert_int_ge (scaled, one_row * 2 - 1);
  weft_legend_area_set_text_scale (area, 1.0);

  window = show_legend (legend);
  ck_assert_int_eq (gtk_widget_get_width (legend), WIDTH);
  ck_assert_int_eq (gtk_widget_get_height (legend), legend_height_for (legend, WIDTH));
  {
    g_autoptr(GdkTexture) texture = render_widget (legend);
    guint n_colours;
    const char *dir = g_getenv ("WEFT_SCREENSHOT_DIR");

    ck_assert_ptr_nonnull (texture);
    ck_assert_uint_ge (count_ink (texture, &weft_theme_get (WEFT_THEME_LIGHT)->background, &n_colours), 1000);
    ck_assert_uint_ge (n_colours, 8);
    if (dir != NULL && *dir != '\0')
      {
        g_autofree char *path = g_build_filename (dir, "legend-area.png", NULL);

        g_mkdir_with_parents (dir, 0755);
        ck_assert (gdk_texture_save_to_png (texture, path));
      }
  }
  weft_legend_area_set_theme (area, WEFT_THEME_DARK);
  {
    g_autoptr(GdkTexture) texture = render_widget (legend);
    guint n_colours;

    ck_assert_uint_ge (count_ink (texture, &weft_theme_get (WEFT_THEME_DARK)->background, &n_colours), 1000);
  }

  /* Another run: its own items, and the window gives the legend its new height. */
  weft_legend_area_set_model (area, bank);
  items = weft_legend_area_get_items (area);
  ck_assert (items & WEFT_LEGEND_LOST);
  ck_assert (!(items & WEFT_LEGEND_CYCLE));
  {
    g_autofree char *expected = weft_legend_describe (items);
    g_autofree char *label = g_strdup_printf ("Legend: %s", expected);

    ck_assert_ptr_nonnull (strstr (label, "lost update"));
    error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (legend), GTK_ACCESSIBLE_PROPERTY_LABEL, label);
    ck_assert_msg (error == NULL, "%s", error);
  }
  weft_legend_area_set_text_scale (area, 2.5);
  {
    gint64 deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
    int wanted = legend_height_for (legend, WIDTH);

    while (gtk_widget_get_height (legend) != wanted && g_get_monotonic_time () < deadline)
      {
        iterate ();
        g_usleep (2000);
      }
    ck_assert_int_eq (gtk_widget_get_height (legend), wanted);
    /* The legend's type follows the text size up to 1.25 times (it explains; the lanes
     * tell). */
    ck_assert_int_ge (wanted, (int) (1.25 * 28));
  }

  weft_legend_area_set_model (area, NULL);
  ck_assert_uint_eq (weft_legend_area_get_items (area), 0);
  ck_assert_ptr_null (render_widget (legend));
  gtk_window_destroy (window);
}
END_TEST

/* The window's legend lists what the run has shown, and keeps it: when history is dropped
 * (the trace's cap, a dense run) an item of the forgotten part is not taken away, to come
 * back at the next hand-off. A dense run of the ordered philosophers made "hand-off" come
 * and go a few times a second, the strip flickering and asking the window for a new size
 * each time. A new run starts a new list. */
START_TEST (test_legend_area_keeps_what_the_run_showed)
{
  static const char * const ordered[] = { "strategy=ordered", NULL };
  g_autoptr(WeftModel) table = test_make_stepped_model ("philosophers", ordered, 2000);
  g_autoptr(WeftModel) deadlocked = test_make_deadlocked_model ();
  GtkWidget *legend = weft_legend_area_new ();
  WeftLegendArea *area = WEFT_LEGEND_AREA (legend);
  WeftLegendItems before, forgotten;

  g_object_ref_sink (legend);
  weft_legend_area_set_model (area, table);
  before = weft_legend_area_get_items (area);
  ck_assert (before & WEFT_LEGEND_FLOW);

  /* The model forgets its history, as under the cap: on its own it no longer lists the
   * hand-offs. */
  weft_model_forget_before (table, weft_model_get_end_ns (table));
  forgotten = weft_legend_get_items (table, 0, 0, TRUE, TRUE);
  ck_assert (!(forgotten & WEFT_LEGEND_FLOW));

  weft_legend_area_update (area);
  ck_assert_uint_eq (weft_legend_area_get_items (area), before);

  /* "new" is the moment's (a thread not started at the end), not the run's: it goes once
   * every thread has started. */
  {
    g_autoptr(WeftRun) run = test_make_run ("philosophers", 1, ordered);
    g_autoptr(WeftModel) fresh = weft_model_new_for_run (run);

    weft_legend_area_set_model (area, fresh);
    ck_assert (weft_legend_area_get_items (area) & WEFT_LEGEND_STATE (WEFT_STATE_NEW));
    test_start (run, WEFT_MODE_STEP);
    test_step_to_end (run, 60);
    weft_model_sync (fresh, run);
    ck_assert (!(weft_legend_get_items (fresh, 0, 0, TRUE, TRUE) & WEFT_LEGEND_STATE (WEFT_STATE_NEW)));
    weft_legend_area_update (area);
    ck_assert (!(weft_legend_area_get_items (area) & WEFT_LEGEND_STATE (WEFT_STATE_NEW)));
    ck_assert (weft_legend_area_get_items (area) & WEFT_LEGEND_STATE (WEFT_STATE_RUNNING));
    weft_run_stop (run);
  }

  /* Another run: its own items only. */
  weft_legend_area_set_model (area, deadlocked);
  ck_assert_uint_eq (weft_legend_area_get_items (area), weft_legend_get_items (deadlocked, 0, 0, TRUE, TRUE));
  weft_legend_area_set_model (area, NULL);
  ck_assert_uint_eq (weft_legend_area_get_items (area), 0);
  g_object_unref (legend);
}
END_TEST

/* Both draw the model, in both themes; without a model nothing, and nothing breaks. */
START_TEST (test_drawing)
{
  g_autoptr(WeftModel) model = test_make_deadlocked_model ();
  GtkWidget *timeline = weft_timeline_area_new ();
  GtkWidget *scene = weft_scene_area_new ();
  GtkWindow *window;
  int min, nat;

  gtk_widget_measure (timeline, GTK_ORIENTATION_VERTICAL, -1, &min, &nat, NULL, NULL);
  ck_assert_int_ge (min, 160);
  gtk_widget_measure (scene, GTK_ORIENTATION_VERTICAL, -1, &min, &nat, NULL, NULL);
  ck_assert_int_ge (min, 160);

  /* No model: drawn as nothing, every call harmless. */
  window = show_in_window (timeline, WIDTH, HEIGHT);
  weft_timeline_area_update (WEFT_TIMELINE_AREA (timeline));
  weft_timeline_area_zoom_in (WEFT_TIMELINE_AREA (timeline));
  weft_timeline_area_zoom_out (WEFT_TIMELINE_AREA (timeline));
  weft_timeline_area_zoom_fit (WEFT_TIMELINE_AREA (timeline));
  weft_timeline_area_jump_to (WEFT_TIMELINE_AREA (timeline), 1000);
  weft_timeline_area_zoom_at (WEFT_TIMELINE_AREA (timeline), 100, 2);
  weft_timeline_area_pan_by (WEFT_TIMELINE_AREA (timeline), 100);
  ck_assert_ptr_null (render_widget (timeline));

  weft_timeline_area_set_model (WEFT_TIMELINE_AREA (timeline), model);
  iterate ();
  assert_drawn (timeline, WEFT_THEME_LIGHT, "timeline-area");
  weft_timeline_area_set_theme (WEFT_TIMELINE_AREA (timeline), WEFT_THEME_DARK);
  assert_drawn (timeline, WEFT_THEME_DARK, "timeline-area-dark");
  weft_timeline_area_set_model (WEFT_TIMELINE_AREA (timeline), NULL);
  gtk_window_destroy (window);

  window = show_in_window (scene, WIDTH, HEIGHT);
  weft_scene_area_update (WEFT_SCENE_AREA (scene));
  ck_assert_ptr_null (render_widget (scene));
  weft_scene_area_set_model (WEFT_SCENE_AREA (scene), model);
  iterate ();
  assert_drawn (scene, WEFT_THEME_LIGHT, "scene-area");
  weft_scene_area_set_theme (WEFT_SCENE_AREA (scene), WEFT_THEME_DARK);
  assert_drawn (scene, WEFT_THEME_DARK, "scene-area-dark");
  weft_scene_area_set_model (WEFT_SCENE_AREA (scene), NULL);
  gtk_window_destroy (window);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("ui-areas");
  const struct { const char *name; const TTest *test; } cases[] = {
    { "timeline-zoom", test_timeline_zoom },
    { "timeline-follows-live-edge", test_timeline_follows_live_edge },
    { "timeline-axis-becomes-stepped", test_timeline_axis_becomes_stepped },
    { "timeline-jump-to", test_timeline_jump_to },
    { "timeline-click", test_timeline_click },
    { "timeline-keyboard-lanes", test_timeline_keyboard_lanes },
    { "timeline-tooltips", test_timeline_tooltips },
    { "timeline-tooltip-times", test_timeline_tooltip_times },
    { "scene-click-and-tooltip", test_scene_click_and_tooltip },
    { "accessible", test_accessible },
    { "drawing", test_drawing },
    { "legend-area", test_legend_area },
    { "legend-area-keeps-what-the-run-showed", test_legend_area_keeps_what_the_run_showed },
  };

  /* In each test's own process (check forks): a display connection of its own. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    test_add_fixture_case (suite, cases[i].name, cases[i].test, setup, NULL, 60);

  return test_run_suite (suite);
}
