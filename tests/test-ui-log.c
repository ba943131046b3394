/* test-ui-log.c — the event log: WeftEventList over real runs of the dining philosophers
 * (its size and sentences against the trace read independently, the thread filter, the
 * changes it announces as the run goes on, a tiny trace cap that recycles under it) and
 * WeftLogView in a window under the display (rows shown, following the end, jumping to a
 * time, the empty state), and a row's columns (WeftLogRow).
 *
 * Each test runs in its own process (libcheck forks), with GTK started in the child.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <dlfcn.h>
#include <locale.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "weft-event-list.h"
#include "weft-scene-area-private.h"
#include "weft-timeline-area.h"
#include "weft-viewport.h"
#include "weft-log-row.h"
#include "weft-log-view.h"
#include "weft-test-scenario.h"
#include "weft-test-ui.h"

/* Fast philosophers who finish: no pauses, the fork order that cannot deadlock. */
#define PHILOSOPHERS(meals) \
  (const char * const[]) { "strategy=ordered", "think_ms=0", "eat_ms=0", "fork_gap_ms=0", \
                           "meals=" meals, NULL }

/* Layouts counted ------------------------------------------------------------------------ */

/* How often Pango lays out each watched text: GTK asks a layout its size through these,
 * which the test defines (the executable exports them, and GTK's calls find them before
 * Pango's), and a size asked after the layout changed (a new width) is a new layout. */
static GHashTable *layout_serials;   /* PangoLayout* → serial when last counted */
static const char *watched[2];      /* texts counted, each in its n_layouts */
static guint n_layouts[2];
static const char *watched_part;    /* texts containing it, counted in n_layouts_part */
static guint n_layouts_part;

/* Whether @layout was laid out again since it was last counted. */
static gboolean
layout_is_new (PangoLayout *layout)
{
  guint serial = pango_layout_get_serial (layout);

  if (layout_serials == NULL)
    layout_serials = g_hash_table_new (NULL, NULL);
  if (GPOINTER_TO_UINT (g_hash_table_lookup (layout_serials, layout)) == serial)
    return FALSE;
  g_hash_table_insert (layout_serials, layout, GUINT_TO_POINTER (serial));
  return TRUE;
}

static void
count_layout (PangoLayout *layout)
{
  const char *text;

  if ((watched[0] == NULL && watched_part == NULL) || (text = pango_layout_get_text (layout)) == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
    if (g_strcmp0 (text, watched[i]) == 0 && layout_is_new (layout))
      n_layouts[i]++;
  if (watched_part != NULL && strstr (text, watched_part) != NULL && layout_is_new (layout))
    n_layouts_part++;
}

#define COUNTED(name, type)                                                                 \
  void                                                                                      \
  name (PangoLayout *layout, type *a, type *b)                                              \
  {                                                                                         \
    static void (*real) (PangoLayout *, type *, type *);                                    \
                                                                                            \
    if (real == NULL)                                                                       \
      real = (void (*) (PangoLayout *, type *, type *)) dlsym (RTLD_NEXT, #name);           \
    count_layout (layout);                                                                  \
    real (layout, a, b);                                                                    \
  }

COUNTED (pango_layout_get_size, int)
COUNTED (pango_layout_get_pixel_size, int)
COUNTED (pango_layout_get_extents, PangoRectangle)
COUNTED (pango_layout_get_pixel_extents, PangoRectangle)

/* Setup and helpers ------------------------------------------------------------------- */

static void
setup (void)
{
  test_ui_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

/* The trace indices the log should show, read straight from the trace: every kept event
 * weft_event_is_logged() accepts, of @actor only unless it is -1. */
static GArray *
expected_indices (WeftRun *run,
                  int      actor)
{
  WeftTrace *trace = weft_run_get_trace (run);
  GArray *indices = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint64 n = weft_trace_get_n_events (trace);

  for (guint64 i = weft_trace_get_first (trace); i < n; i++)
    {
      WeftEvent event;

      ck_assert (weft_trace_read (trace, i, &event));
      if (!weft_event_is_logged (run, &event))
        continue;
      if (actor >= 0 && event.actor != actor)
        continue;
      g_array_append_val (indices, i);
    }

  return indices;
}

static guint64
item_index (GListModel *model,
            guint       position)
{
  g_autoptr(WeftEventItem) item = g_list_model_get_item (model, position);

  ck_assert_ptr_nonnull (item);
  return weft_event_item_get_index (item);
}

static void
assert_list_is (GListModel *model,
                GArray     *expected)
{
  ck_assert_uint_eq (g_list_model_get_n_items (model), expected->len);
  for (guint i = 0; i < expected->len; i++)
    ck_assert_uint_eq (item_index (model, i), g_array_index (expected, guint64, i));
  ck_assert_ptr_null (g_list_model_get_item (model, expected->len));
}

static WeftRun *
finished_run (const char * const *sets)
{
  WeftRun *run = test_make_run ("philosophers", 3, sets);

  test_start (run, WEFT_MODE_RUN);
  test_finish_completed (run, 20 * SECOND);
  return run;
}

/* What a view would know of the list: a copy kept up to date from items-changed alone. */
typedef struct
{
  GArray  *indices;     /* guint64 */
  gboolean rebuilds;    /* a filter change may replace everything at once */
  guint    n_signals;
  guint   n_removed;    /* positions removed, all from the front */
  guint   last_position;
  guint   last_removed;
  guint   last_added;
} Mirror;

static void
mirror_changed_cb (GListModel *model,
                   guint       position,
                   guint       removed,
                   guint       added,
                   Mirror     *mirror)
{
  mirror->n_signals++;
  mirror->last_position = position;
  mirror->last_removed = removed;
  mirror->last_added = added;
  /* An update forgets from the front and adds at the end, never both at once. */
  if (removed > 0 && !mirror->rebuilds)
    {
      ck_assert_uint_eq (position, 0);
      ck_assert_uint_eq (added, 0);
      mirror->n_removed += removed;
    }
  ck_assert_uint_le (position + removed, mirror->indices->len);
  g_array_remove_range (mirror->indices, position, removed);
  for (guint i = 0; i < added; i++)
    {
      guint64 index = item_index (model, position + i);

      g_array_insert_val (mirror->indices, position + i, index);
    }
  ck_assert_uint_eq (mirror->indices->len, g_list_model_get_n_items (model));
}

/* The first widget of @type in @widget's tree, leaving out popovers (the drop-down's
 * list of threads). */
/* The follow toggle: the toggle button with an icon (the drop-down's own has none). */
static GtkToggleButton *
find_follow_button (GtkWidget *widget)
{
  if (GTK_IS_TOGGLE_BUTTON (widget) && gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL)
    return GTK_TOGGLE_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkToggleButton *found = find_follow_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The texts of the rows the list view has made, in order. */
static GPtrArray *
row_texts (GtkWidget *list_view)
{
  GPtrArray *texts = g_ptr_array_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (list_view); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_widget_get_first_child (row);
      GtkWidget *time, *text;

      if (box == NULL || !gtk_widget_get_child_visible (row))
        continue;
      time = gtk_widget_get_first_child (box);
      text = gtk_widget_get_next_sibling (time);
      ck_assert (GTK_IS_LABEL (time) && GTK_IS_LABEL (text));
      ck_assert (g_str_has_suffix (gtk_label_get_text (GTK_LABEL (time)), " s"));
      g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (text)));
    }

  return texts;
}

static gboolean
adjustment_at_end (GtkAdjustment *adjustment)
{
  return gtk_adjustment_get_value (adjustment) >=
         gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) - 1.0;
}

/* The list ---------------------------------------------------------------------------- */

START_TEST (test_list_matches_trace)
{
  g_autoptr(WeftRun) run = finished_run (PHILOSOPHERS ("3"));
  g_autoptr(WeftEventList) list = weft_event_list_new (run);
  g_autoptr(GArray) expected = expected_indices (run, -1);
  GListModel *model = G_LIST_MODEL (list);
  WeftTrace *trace = weft_run_get_trace (run);
  guint64 previous_time = 0;
  guint n_kant = 0;

  ck_assert_ptr_eq (weft_event_list_get_run (list), run);
  ck_assert_int_eq (weft_event_list_get_actor (list), -1);
  ck_assert (g_list_model_get_item_type (model) == WEFT_TYPE_EVENT_ITEM);
  /* Nothing is read before the first update. */
  ck_assert_uint_eq (g_list_model_get_n_items (model), 0);

  weft_event_list_update (list);
  /* Some events are left out (plain "running"), so the list is shorter than the trace. */
  ck_assert_uint_gt (expected->len, 50);
  ck_assert_uint_lt (expected->len, weft_trace_get_n_events (trace));
  assert_list_is (model, expected);

  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(WeftEventItem) item = g_list_model_get_item (model, i);
      g_autofree char *text = NULL;
      WeftEvent event;

      ck_assert (weft_trace_read (trace, weft_event_item_get_index (item), &event));
      text = weft_event_describe (run, &event);
      ck_assert_str_eq (weft_event_item_get_text (item), text);
      ck_assert_uint_eq (weft_event_item_get_time (item), weft_event_get_time (&event));
      ck_assert_int_eq (weft_event_item_get_actor (item),
                        event.actor == WEFT_NONE ? -1 : (int) event.actor);
      ck_assert_uint_ge (weft_event_item_get_time (item), previous_time);
      previous_time = weft_event_item_get_time (item);
      n_kant += g_str_has_prefix (text, "Kant ");
    }
  ck_assert_uint_gt (n_kant, 0);

  /* Asking again gives the same item (the text is made once), and nothing changes when
   * the trace has not. */
  {
    g_autoptr(WeftEventItem) a = g_list_model_get_item (model, 3);
    g_autoptr(WeftEventItem) b = g_list_model_get_item (model, 3);
    Mirror mirror = { .indices = expected };
    gulong id = g_signal_connect (list, "items-changed", G_CALLBACK (mirror_changed_cb), &mirror);

    ck_assert_ptr_eq (a, b);
    ck_assert_ptr_eq (weft_event_item_get_text (a), weft_event_item_get_text (b));
    weft_event_list_update (list);
    ck_assert_uint_eq (mirror.n_signals, 0);
    g_signal_handler_disconnect (list, id);
  }
}
END_TEST

START_TEST (test_list_filters_by_thread)
{
  g_autoptr(WeftRun) run = finished_run (PHILOSOPHERS ("3"));
  g_autoptr(WeftEventList) list = weft_event_list_new (run);
  g_autoptr(GArray) all = expected_indices (run, -1);
  GListModel *model = G_LIST_MODEL (list);
  guint total = 0;

  weft_event_list_update (list);
  for (int actor = 0; actor < (int) weft_run_get_n_actors (run); actor++)
    {
      g_autoptr(GArray) expected = expected_indices (run, actor);
      const char *name = weft_actor_get_name (weft_run_get_actor (run, (guint) actor));
      guint old_n = g_list_model_get_n_items (model);
      Mirror mirror = { .indices = g_array_new (FALSE, FALSE, sizeof (guint64)), .rebuilds = TRUE };
      gulong id;

      for (guint i = 0; i < old_n; i++)
        {
          guint64 index = item_index (model, i);

          g_array_append_val (mirror.indices, index);
        }
      id = g_signal_connect (list, "items-changed", G_CALLBACK (mirror_changed_cb), &mirror);
      weft_event_list_set_actor (list, actor);
      g_signal_handler_disconnect (list, id);

      /* One change for the whole list. */
      ck_assert_int_eq (weft_event_list_get_actor (list), actor);
      ck_assert_uint_eq (mirror.n_signals, 1);
      ck_assert_uint_eq (mirror.last_position, 0);
      ck_assert_uint_eq (mirror.last_removed, old_n);
      ck_assert_uint_eq (mirror.last_added, expected->len);
      ck_assert_uint_gt (expected->len, 10);
      assert_list_is (model, expected);
      for (guint i = 0; i < expected->len; i++)
        {
          g_autoptr(WeftEventItem) item = g_list_model_get_item (model, i);

          ck_assert_int_eq (weft_event_item_get_actor (item), actor);
          ck_assert_msg (strstr (weft_event_item_get_text (item), name) != NULL,
                         "“%s” is not about %s", weft_event_item_get_text (item), name);
        }
      total += expected->len;
      g_array_unref (mirror.indices);
    }

  /* Run-level events (the start, the end) belong to no thread. */
  ck_assert_uint_lt (total, all->len);
  weft_event_list_set_actor (list, -1);
  assert_list_is (model, all);
}
END_TEST

START_TEST (test_list_update_announces_new_events)
{
  g_autoptr(WeftRun) run = test_make_run ("philosophers", 5, PHILOSOPHERS ("2"));
  g_autoptr(WeftEventList) list = weft_event_list_new (run);
  GListModel *model = G_LIST_MODEL (list);
  Mirror mirror = { .indices = g_array_new (FALSE, FALSE, sizeof (guint64)) };
  guint n_updates_with_news = 0;

  g_signal_connect (list, "items-changed", G_CALLBACK (mirror_changed_cb), &mirror);
  test_start (run, WEFT_MODE_STEP);
  ck_assert (weft_run_wait_settled (run, 5 * SECOND));
  weft_event_list_update (list);
  ck_assert_uint_gt (g_list_model_get_n_items (model), 0);

  /* Step by step: each update announces exactly what the steps added, at the end. */
  for (guint step = 0; step < 40 && weft_run_get_outcome (run) == WEFT_OUTCOME_NONE; step++)
    {
      g_autoptr(GArray) expected = NULL;
      guint old_n = g_list_model_get_n_items (model);
      guint old_signals = mirror.n_signals;

      ck_assert (weft_run_step (run, NULL, NULL));
      ck_assert (weft_run_wait_settled (run, 5 * SECOND));
      expected = expected_indices (run, -1);
      weft_event_list_update (list);

      if (expected->len > old_n)
        {
          ck_assert_uint_eq (mirror.n_signals, old_signals + 1);
          ck_assert_uint_eq (mirror.last_position, old_n);
          ck_assert_uint_eq (mirror.last_removed, 0);
          ck_assert_uint_eq (mirror.last_added, expected->len - old_n);
          n_updates_with_news++;
        }
      else
        ck_assert_uint_eq (mirror.n_signals, old_signals);
      assert_list_is (model, expected);
      assert_list_is (model, mirror.indices);
    }
  ck_assert_uint_ge (n_updates_with_news, 20);
  ck_assert_uint_eq (mirror.n_removed, 0);

  weft_run_stop (run);
  g_array_unref (mirror.indices);
}
END_TEST

START_TEST (test_list_follows_recycling)
{
  g_autoptr(WeftRun) run = test_make_run ("philosophers", 9, PHILOSOPHERS ("100000"));
  g_autoptr(WeftEventList) list = weft_event_list_new (run);
  g_autoptr(GArray) expected = NULL;
  GListModel *model = G_LIST_MODEL (list);
  WeftTrace *trace;
  Mirror mirror = { .indices = g_array_new (FALSE, FALSE, sizeof (guint64)) };
  guint n_updates = 0;

  /* The smallest trace there is: two chunks of 4096 events, the older one recycled as
   * soon as a third is needed. */
  weft_run_set_trace_cap (run, 1);
  trace = weft_run_get_trace (run);
  g_signal_connect (list, "items-changed", G_CALLBACK (mirror_changed_cb), &mirror);
  test_start (run, WEFT_MODE_RUN);

  /* Read while the philosophers run and the trace forgets under the list: often, since
   * the run may last a tenth of a second (the TSC and pre-faulted trace chunks made
   * recording fast). */
  while (!weft_run_wait_end (run, 5))
    {
      guint64 first = weft_trace_get_first (trace);
      guint n;

      weft_event_list_update (list);
      n_updates++;
      n = g_list_model_get_n_items (model);
      ck_assert_uint_eq (n, mirror.indices->len);
      ck_assert_uint_le (n, 2 * WEFT_TRACE_CHUNK_EVENTS);
      for (guint i = 0; i < n; i++)
        {
          guint64 index = g_array_index (mirror.indices, guint64, i);

          /* In trace order, and nothing the trace had forgotten before the update. */
          ck_assert (i == 0 || index > g_array_index (mirror.indices, guint64, i - 1));
          ck_assert_uint_ge (index, first);
        }
      /* Items made now, even of events forgotten since, come back without a crash. */
      if (n > 0)
        {
          g_autoptr(WeftEventItem) item = g_list_model_get_item (model, 0);

          ck_assert_ptr_nonnull (weft_event_item_get_text (item));
        }
    }
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_COMPLETED);
  weft_run_stop (run);

  /* The trace went round several times, and the list let go of what it forgot. */
  ck_assert_uint_gt (weft_trace_get_first (trace), 4 * WEFT_TRACE_CHUNK_EVENTS);
  ck_assert_uint_gt (n_updates, 2);
  weft_event_list_update (list);
  ck_assert_uint_gt (mirror.n_removed, 0);
  expected = expected_indices (run, -1);
  assert_list_is (model, expected);
  assert_list_is (model, mirror.indices);

  /* The filter rebuilds from what is kept. */
  mirror.rebuilds = TRUE;
  weft_event_list_set_actor (list, 2);
  g_array_unref (expected);
  expected = expected_indices (run, 2);
  assert_list_is (model, expected);
  assert_list_is (model, mirror.indices);

  g_array_unref (mirror.indices);
}
END_TEST

/* The view ---------------------------------------------------------------------------- */

typedef struct
{
  GtkWindow     *window;
  WeftLogView   *view;
  GtkListView   *list_view;
  GtkAdjustment *adjustment;
  GtkStack      *stack;
  GtkDropDown   *dropdown;
  GtkToggleButton *follow_button;
  guint          n_follow_notifies;
} View;

static void
follow_notified_cb (GObject    *object,
                    GParamSpec *pspec,
                    View       *view)
{
  view->n_follow_notifies++;
}

static void
view_open (View *view)
{
  GtkWidget *scrolled;

  view->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (view->window, 500, 400);
  view->view = WEFT_LOG_VIEW (weft_log_view_new ());
  gtk_window_set_child (view->window, GTK_WIDGET (view->view));
  g_signal_connect (view->view, "notify::follow-live", G_CALLBACK (follow_notified_cb), view);

  view->list_view = GTK_LIST_VIEW (test_ui_find_descendant (GTK_WIDGET (view->view), GTK_TYPE_LIST_VIEW));
  scrolled = test_ui_find_descendant (GTK_WIDGET (view->view), GTK_TYPE_SCROLLED_WINDOW);
  view->stack = GTK_STACK (gtk_widget_get_parent (scrolled));
  view->dropdown = GTK_DROP_DOWN (test_ui_find_descendant (GTK_WIDGET (view->view), GTK_TYPE_DROP_DOWN));
  view->follow_button = find_follow_button (GTK_WIDGET (view->view));
  ck_assert (view->list_view && scrolled && view->dropdown && view->follow_button);
  ck_assert_str_eq (gtk_button_get_icon_name (GTK_BUTTON (view->follow_button)), "go-bottom-symbolic");
  ck_assert (GTK_IS_STACK (view->stack));
  view->adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  gtk_window_present (view->window);
  test_ui_wait_for_frames (GTK_WIDGET (view->window));
}

static gboolean
view_follows (View *view)
{
  gboolean follow;

  g_object_get (view->view, "follow-live", &follow, NULL);
  return follow;
}

static guint
view_n_items (View *view)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (view->list_view));

  return g_list_model_get_n_items (model);
}

/* Philosophers who take a little time, so that the log reads like a real run. */
#define PACED_PHILOSOPHERS \
  (const char * const[]) { "strategy=ordered", "think_ms=20", "eat_ms=10", "fork_gap_ms=10", \
                           "meals=3", NULL }

START_TEST (test_view_shows_and_follows)
{
  g_autoptr(WeftRun) run = finished_run (PACED_PHILOSOPHERS);
  g_autoptr(GArray) expected = expected_indices (run, -1);
  g_autoptr(GPtrArray) texts = NULL;
  GListModel *model;
  View view = { 0 };
  guint last;

  view_open (&view);
  /* No run: the dim line, and nothing to filter. */
  ck_assert_str_eq (gtk_stack_get_visible_child_name (view.stack), "empty");
  ck_assert_uint_eq (g_list_model_get_n_items (gtk_drop_down_get_model (view.dropdown)), 1);
  ck_assert (view_follows (&view));

  weft_log_view_set_run (view.view, run);
  test_ui_wait_for_frames (GTK_WIDGET (view.window));
  ck_assert_str_eq (gtk_stack_get_visible_child_name (view.stack), "events");
  ck_assert_uint_eq (view_n_items (&view), expected->len);
  ck_assert_uint_eq (g_list_model_get_n_items (gtk_drop_down_get_model (view.dropdown)),
                     1 + weft_run_get_n_actors (run));

  /* Following: the end of the log is in view, and so is its last line. */
  ck_assert (view_follows (&view));
  ck_assert (gtk_toggle_button_get_active (view.follow_button));
  ck_assert_double_gt (gtk_adjustment_get_upper (view.adjustment),
                       2 * gtk_adjustment_get_page_size (view.adjustment));
  ck_assert (adjustment_at_end (view.adjustment));
  model = G_LIST_MODEL (gtk_list_view_get_model (view.list_view));
  last = g_list_model_get_n_items (model) - 1;
  texts = row_texts (GTK_WIDGET (view.list_view));
  ck_assert_uint_gt (texts->len, 5);
  {
    g_autoptr(WeftEventItem) item = g_list_model_get_item (model, last);
    gboolean shown = FALSE;

    for (guint i = 0; i < texts->len; i++)
      shown |= g_str_equal (g_ptr_array_index (texts, i), weft_event_item_get_text (item));
    ck_assert_msg (shown, "the last line “%s” is not shown", weft_event_item_get_text (item));
  }
  test_ui_save_screenshot (GTK_WIDGET (view.window), "log-view.png");

  /* The user scrolls up: following stops, and says so. */
  view.n_follow_notifies = 0;
  gtk_adjustment_set_value (view.adjustment, gtk_adjustment_get_value (view.adjustment) - 200);
  ck_assert (!view_follows (&view));
  ck_assert_uint_eq (view.n_follow_notifies, 1);
  ck_assert (!gtk_toggle_button_get_active (view.follow_button));

  /* The toggle turns it back on, and the view goes back to the end. */
  gtk_toggle_button_set_active (view.follow_button, TRUE);
  ck_assert (view_follows (&view));
  test_ui_wait_for_frames (GTK_WIDGET (view.window));
  ck_assert (adjustment_at_end (view.adjustment));

  gtk_window_destroy (view.window);
}
END_TEST

START_TEST (test_view_follows_live_run)
{
  g_autoptr(WeftRun) run = test_make_run ("philosophers", 5, PHILOSOPHERS ("3"));
  View view = { 0 };
  guint previous = 0;

  view_open (&view);
  test_start (run, WEFT_MODE_STEP);
  ck_assert (weft_run_wait_settled (run, 5 * SECOND));
  weft_log_view_set_run (view.view, run);

  /* As the run goes on, each update adds lines and the view stays at the end. */
  for (guint round = 0; round < 12; round++)
    {
      for (guint step = 0; step < 6 && weft_run_get_outcome (run) == WEFT_OUTCOME_NONE; step++)
        {
          ck_assert (weft_run_step (run, NULL, NULL));
          ck_assert (weft_run_wait_settled (run, 5 * SECOND));
        }
      weft_log_view_update (view.view);
      test_ui_wait_for_frames (GTK_WIDGET (view.window));

      ck_assert_uint_gt (view_n_items (&view), previous);
      previous = view_n_items (&view);
      ck_assert (view_follows (&view));
      ck_assert_msg (adjustment_at_end (view.adjustment), "round %u: value %g, upper %g, page %g",
                     round, gtk_adjustment_get_value (view.adjustment),
                     gtk_adjustment_get_upper (view.adjustment),
                     gtk_adjustment_get_page_size (view.adjustment));
    }
  ck_assert_double_gt (gtk_adjustment_get_upper (view.adjustment),
                       gtk_adjustment_get_page_size (view.adjustment));

  /* A new run starts over; none leaves the empty state. */
  weft_log_view_set_run (view.view, NULL);
  ck_assert_str_eq (gtk_stack_get_visible_child_name (view.stack), "empty");
  ck_assert_uint_eq (g_list_model_get_n_items (gtk_drop_down_get_model (view.dropdown)), 1);
  weft_log_view_update (view.view);

  weft_run_stop (run);
  gtk_window_destroy (view.window);
}
END_TEST

START_TEST (test_view_jump_to)
{
  g_autoptr(WeftRun) run = finished_run (PHILOSOPHERS ("4"));
  g_autoptr(GArray) expected = expected_indices (run, -1);
  WeftTrace *trace = weft_run_get_trace (run);
  GtkSelectionModel *selection;
  GListModel *model;
  View view = { 0 };
  WeftEvent target;
  guint position = expected->len / 5;
  guint first_at_time = position;

  view_open (&view);
  weft_log_view_set_run (view.view, run);
  test_ui_wait_for_frames (GTK_WIDGET (view.window));
  ck_assert (adjustment_at_end (view.adjustment));

  /* The first line at that time (several events can share a nanosecond). */
  ck_assert (weft_trace_read (trace, g_array_index (expected, guint64, position), &target));
  while (first_at_time > 0)
    {
      WeftEvent before;

      ck_assert (weft_trace_read (trace, g_array_index (expected, guint64, first_at_time - 1),
                                  &before));
      if (weft_event_get_time (&before) < weft_event_get_time (&target))
        break;
      first_at_time--;
    }

  view.n_follow_notifies = 0;
  weft_log_view_jump_to (view.view, weft_event_get_time (&target));
  ck_assert (!view_follows (&view));
  ck_assert_uint_eq (view.n_follow_notifies, 1);

  selection = gtk_list_view_get_model (view.list_view);
  ck_assert_uint_eq (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection)),
                     first_at_time);
  test_ui_wait_for_frames (GTK_WIDGET (view.window));
  /* The view moved up to that line, and stays there. */
  ck_assert (!adjustment_at_end (view.adjustment));
  ck_assert (!view_follows (&view));
  model = G_LIST_MODEL (selection);
  {
    g_autoptr(WeftEventItem) item = g_list_model_get_item (model, first_at_time);
    g_autoptr(GPtrArray) texts = row_texts (GTK_WIDGET (view.list_view));
    gboolean shown = FALSE;

    for (guint i = 0; i < texts->len; i++)
      shown |= g_str_equal (g_ptr_array_index (texts, i), weft_event_item_get_text (item));
    ck_assert (shown);
  }

  /* Past the last event: the last line. */
  weft_log_view_jump_to (view.view, G_MAXUINT64);
  ck_assert_uint_eq (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection)),
                     expected->len - 1);

  /* The thread filter: only Aristotle's lines. */
  gtk_drop_down_set_selected (view.dropdown, 2);
  {
    g_autoptr(GArray) aristotle = expected_indices (run, 1);

    ck_assert_uint_eq (view_n_items (&view), aristotle->len);
  }
  gtk_drop_down_set_selected (view.dropdown, 0);
  ck_assert_uint_eq (view_n_items (&view), expected->len);

  gtk_window_destroy (view.window);
}
END_TEST

/* A new run on a log scrolled up from its end: the view goes back to following without
 * a word from GTK (it used to ask the list to scroll to a line it had not laid out:
 * "GtkListView failed to scroll to given position"). Warnings are fatal here. */
START_TEST (test_view_new_run_on_scrolled_log)
{
  g_autoptr(WeftRun) first = finished_run (PACED_PHILOSOPHERS);
  g_autoptr(WeftRun) second = finished_run (PHILOSOPHERS ("2"));
  g_autoptr(WeftRun) third = test_make_run ("philosophers", 5, PHILOSOPHERS ("3"));
  View view = { 0 };

  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  view_open (&view);
  weft_log_view_set_run (view.view, first);
  test_ui_wait_for_frames (GTK_WIDGET (view.window));
  gtk_adjustment_set_value (view.adjustment, 0);
  test_ui_wait_for_frames (GTK_WIDGET (view.window));
  ck_assert (!view_follows (&view));

  /* A finished run, then one just started (a handful of lines). */
  weft_log_view_set_run (view.view, second);
  ck_assert (view_follows (&view));
  test_ui_wait_for_frames (GTK_WIDGET (view.window));
  ck_assert (adjustment_at_end (view.adjustment));

  gtk_adjustment_set_value (view.adjustment, 0);
  test_ui_wait_for_frames (GTK_WIDGET (view.window));
  test_start (third, WEFT_MODE_STEP);
  ck_assert (weft_run_wait_settled (third, 5 * SECOND));
  weft_log_view_set_run (view.view, third);
  for (guint i = 0; i < 5; i++)
    {
      ck_assert (weft_run_step (third, NULL, NULL));
      ck_assert (weft_run_wait_settled (third, 5 * SECOND));
      weft_log_view_update (view.view);
      test_ui_wait_for_frames (GTK_WIDGET (view.window));
    }
  ck_assert (view_follows (&view));
  ck_assert (adjustment_at_end (view.adjustment));

  weft_run_stop (third);
  gtk_window_destroy (view.window);
}
END_TEST

/* The banner's "Show When" without the window: a jump of the shared viewport moves the
 * scene's shown moment and the log's selected line, neither told by anyone else. */
START_TEST (test_viewport_jump_moves_scene_and_log)
{
  g_autoptr(WeftRun) run = finished_run (PHILOSOPHERS ("4"));
  g_autoptr(GArray) expected = expected_indices (run, -1);
  g_autoptr(WeftViewport) viewport = weft_viewport_new ();
  g_autoptr(WeftEventList) events = weft_event_list_new (run);
  WeftModel *model = weft_model_new_for_run (run);
  WeftTrace *trace = weft_run_get_trace (run);
  GtkSelectionModel *selection;
  WeftSceneArea *scene;
  View view = { 0 };
  WeftEvent target;
  guint position = expected->len / 3;
  guint first_at_time = position;

  weft_model_sync (model, run);
  view_open (&view);
  /* A list filled by someone else, as the session fills the window's. */
  weft_event_list_update (events);
  weft_log_view_set_events (view.view, events);
  weft_log_view_set_viewport (view.view, viewport);
  scene = WEFT_SCENE_AREA (g_object_ref_sink (weft_scene_area_new ()));
  weft_scene_area_set_model (scene, model);
  weft_scene_area_set_viewport (scene, viewport);
  test_ui_wait_for_frames (GTK_WIDGET (view.window));

  /* Following: the scene shows the live end. */
  ck_assert_uint_eq (weft_scene_area_get_shown_time (scene), weft_model_get_end_ns (model));
  ck_assert (view_follows (&view));

  ck_assert (weft_trace_read (trace, g_array_index (expected, guint64, position), &target));
  while (first_at_time > 0)
    {
      WeftEvent before;

      ck_assert (weft_trace_read (trace, g_array_index (expected, guint64, first_at_time - 1),
                                  &before));
      if (weft_event_get_time (&before) < weft_event_get_time (&target))
        break;
      first_at_time--;
    }

  weft_viewport_jump_to (viewport, weft_event_get_time (&target));
  ck_assert_uint_eq (weft_scene_area_get_shown_time (scene), weft_event_get_time (&target));
  ck_assert (!view_follows (&view));
  selection = gtk_list_view_get_model (view.list_view);
  ck_assert_uint_eq (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection)),
                     first_at_time);

  /* The timeline, bound late, takes the shared state: not following, and a jump centres
   * it (its focus is the jumped-to moment). */
  {
    WeftTimelineArea *timeline = WEFT_TIMELINE_AREA (g_object_ref_sink (weft_timeline_area_new ()));
    gboolean follow;
    guint64 focus;

    weft_timeline_area_set_model (timeline, model);
    weft_timeline_area_set_viewport (timeline, viewport);
    g_object_get (timeline, "follow-live", &follow, NULL);
    ck_assert (follow);
    ck_assert (weft_viewport_get_follow_live (viewport));
    weft_viewport_jump_to (viewport, weft_event_get_time (&target));
    g_object_get (timeline, "follow-live", &follow, "focus-time", &focus, NULL);
    ck_assert (!follow);
    ck_assert_uint_eq (focus, weft_event_get_time (&target));
    ck_assert_uint_eq (weft_scene_area_get_shown_time (scene), weft_event_get_time (&target));

    /* The words' size, for both areas at once. */
    weft_viewport_set_text_scale (viewport, 1.75);
    ck_assert (weft_timeline_area_get_text_scale (timeline) == 1.75);
    ck_assert (weft_scene_area_get_text_scale (scene) == 1.75);

    weft_timeline_area_set_viewport (timeline, NULL);
    weft_timeline_area_set_model (timeline, NULL);
    g_object_unref (timeline);
  }

  /* A focus moved by the timeline (a pan) leaves the scene at the time cursor, which the
   * jump placed; the cursor moved (a click on the timeline) moves it. */
  weft_viewport_set_focus_time (viewport, 0);
  ck_assert_uint_eq (weft_scene_area_get_shown_time (scene), weft_event_get_time (&target));
  weft_viewport_set_cursor (viewport, 0);
  ck_assert_uint_eq (weft_scene_area_get_shown_time (scene), 0);
  /* Following again: the live end. */
  weft_viewport_set_follow_live (viewport, TRUE);
  ck_assert_uint_eq (weft_scene_area_get_shown_time (scene), weft_model_get_end_ns (model));

  /* The log read nothing itself: its update leaves a shared list to its owner. */
  weft_log_view_update (view.view);
  ck_assert_uint_eq (g_list_model_get_n_items (G_LIST_MODEL (events)), expected->len);

  weft_scene_area_set_model (scene, NULL);
  g_object_unref (scene);
  gtk_window_destroy (view.window);
  weft_model_unref (model);
}
END_TEST

/* Text costs nothing per frame: a log given a hundred thousand events at once (a dense
 * run's backlog) makes the items, sentences and row layouts of the rows it shows, not of
 * the events it holds; it shows the newest. */
START_TEST (test_view_formats_only_what_it_shows)
{
  g_autoptr(WeftRun) run = finished_run (PHILOSOPHERS ("5000"));
  g_autoptr(WeftEventList) list = weft_event_list_new (run);
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(WeftEventItem) last = NULL;
  View view = { 0 };
  guint n;

  view_open (&view);
  weft_log_view_set_events (view.view, list);
  test_ui_wait_for_frames (GTK_WIDGET (view.window));
  weft_event_list_update (list);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  ck_assert_uint_ge (n, 100000);
  weft_log_view_update (view.view);
  test_ui_wait_for_frames (GTK_WIDGET (view.window));
  test_ui_wait_for_frames (GTK_WIDGET (view.window));

  ck_assert_msg (weft_event_list_get_n_made (list) <= 1000, "%u items made for %u events",
                 weft_event_list_get_n_made (list), n);
  /* GTK 4.8's list keeps a few hundred rows around what it shows. */
  ck_assert_msg (weft_log_view_get_n_bound (view.view) <= 1000, "%u rows bound for %u events",
                 weft_log_view_get_n_bound (view.view), n);
  ck_assert_uint_ge (weft_log_view_get_n_bound (view.view), 5);

  /* Frames with nothing new lay nothing out again. */
  {
    guint n_bound = weft_log_view_get_n_bound (view.view);
    guint n_made = weft_event_list_get_n_made (list);

    weft_log_view_update (view.view);
    test_ui_wait_for_frames (GTK_WIDGET (view.window));
    test_ui_wait_for_frames (GTK_WIDGET (view.window));
    ck_assert_uint_eq (weft_log_view_get_n_bound (view.view), n_bound);
    ck_assert_uint_eq (weft_event_list_get_n_made (list), n_made);
  }

  /* Following: the newest line is in view. */
  last = g_list_model_get_item (G_LIST_MODEL (list), n - 1);
  texts = row_texts (GTK_WIDGET (view.list_view));
  ck_assert_uint_gt (texts->len, 0);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < texts->len; i++)
      found |= g_str_equal (g_ptr_array_index (texts, i), weft_event_item_get_text (last));
    ck_assert_msg (found, "the last line “%s” is not shown", weft_event_item_get_text (last));
  }
  gtk_window_destroy (view.window);
}
END_TEST

/* A dense live run: the log moves to its end a few times a second, not at every update,
 * so that it binds and lays out rows a few times a second; and the newest line shows once
 * the run is over. */
START_TEST (test_view_follows_a_dense_run_few_times_a_second)
{
  /* New lines at every update, few enough for the test to update often. */
  static const char * const sets[] = { "strategy=ordered", "think_ms=0", "eat_ms=0",
                                       "fork_gap_ms=1", NULL };
  g_autoptr(WeftRun) run = test_make_run ("philosophers", 5, sets);
  View view = { 0 };
  guint n_updates = 0, n_bound, n_follows;
  gint64 start;
  double seconds;

  view_open (&view);
  weft_log_view_set_run (view.view, run);
  test_ui_wait_for_frames (GTK_WIDGET (view.window));
  n_bound = weft_log_view_get_n_bound (view.view);
  test_start (run, WEFT_MODE_RUN);
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < G_USEC_PER_SEC)
    {
      weft_log_view_update (view.view);
      n_updates++;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  seconds = (g_get_monotonic_time () - start) / 1e6;
  n_bound = weft_log_view_get_n_bound (view.view) - n_bound;
  /* A move binds at most a few hundred rows (GTK's pool around what is shown), and the
   * log moves at most ten times a second, whatever the number of updates. */
  ck_assert_uint_le (WEFT_LOG_VIEW_FOLLOW_PER_SECOND, 10);
  n_follows = (guint) (seconds * 10) + 2;
  ck_assert_uint_ge (n_updates, 15);
  ck_assert_msg (n_bound <= n_follows * 450, "%u rows bound in %u updates, %.2f s", n_bound, n_updates, seconds);

  weft_run_stop (run);
  weft_log_view_update (view.view);
  /* A log that flew comes back once the lines stand still. */
  for (int i = 0; i < 4 || (weft_log_view_get_flying (view.view) && i < 200); i++)
    test_ui_wait_for_frames (GTK_WIDGET (view.window));
  for (int i = 0; i < 4; i++)
    test_ui_wait_for_frames (GTK_WIDGET (view.window));
  ck_assert (view_follows (&view));
  ck_assert (adjustment_at_end (view.adjustment));
  gtk_window_destroy (view.window);
}
END_TEST

static void
row_heights (View *view,
             int  *min_height,
             int  *max_height,
             guint *n_rows)
{
  *min_height = G_MAXINT;
  *max_height = 0;
  *n_rows = 0;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (view->list_view)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_widget_get_first_child (row);

      if (box == NULL || !gtk_widget_get_child_visible (row))
        continue;
      *min_height = MIN (*min_height, gtk_widget_get_height (row));
      *max_height = MAX (*max_height, gtk_widget_get_height (row));
      (*n_rows)++;
    }
}

/* While a dense run makes the log fly (hundreds of lines at each move to the end), the
 * list is let go and a page says how many events go by a second: each move used to
 * rebind the two hundred rows a list view keeps, each wrapped sentence laid out again
 * (most of a dense run's frame, bench-window). Once the lines stand still, the list comes
 * back at its end, every sentence whole, wrapped in a narrow pane. */
START_TEST (test_view_lets_go_while_lines_fly)
{
  static const char * const dense[] = { "strategy=ordered", "think_ms=0", "eat_ms=0",
                                        "fork_gap_ms=0", NULL };
  g_autoptr(WeftRun) run = finished_run (PACED_PHILOSOPHERS);
  g_autoptr(WeftRun) live = test_make_run ("philosophers", 5, dense);
  View view = { 0 };
  int min_height, max_height;
  guint n_rows, n_bound;
  gint64 start;

  view_open (&view);
  gtk_window_set_default_size (view.window, 260, 400);
  weft_log_view_set_run (view.view, run);
  for (int i = 0; i < 3; i++)
    test_ui_wait_for_frames (GTK_WIDGET (view.window));
  ck_assert (!weft_log_view_get_flying (view.view));
  row_heights (&view, &min_height, &max_height, &n_rows);
  ck_assert_uint_gt (n_rows, 5);
  ck_assert_msg (max_height > min_height, "no sentence wraps at this width");

  /* A dense run, followed live: the log flies, and says so. */
  weft_log_view_set_run (view.view, live);
  test_start (live, WEFT_MODE_RUN);
  start = g_get_monotonic_time ();
  while (!weft_log_view_get_flying (view.view) &&
         g_get_monotonic_time () - start < 5 * SECOND * TEST_SLOWDOWN)
    {
      weft_log_view_update (view.view);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  ck_assert (weft_log_view_get_flying (view.view));
  ck_assert_str_eq (gtk_stack_get_visible_child_name (view.stack), "flying");
  ck_assert_uint_eq (view_n_items (&view), 0);
  {
    GtkWidget *page = gtk_stack_get_visible_child (view.stack);

    ck_assert (GTK_IS_LABEL (page));
    ck_assert_msg (strstr (gtk_label_get_text (GTK_LABEL (page)), "a second") != NULL,
                   "the flying page says “%s”", gtk_label_get_text (GTK_LABEL (page)));
  }
  test_ui_wait_for_frames (GTK_WIDGET (view.window));
  test_ui_save_screenshot (GTK_WIDGET (view.window), "log-flying.png");
  /* Flying, the updates bind no row (checked update by update: on a loaded machine the
   * log may land between two, and fly again). */
  for (int i = 0; i < 50; i++)
    {
      gboolean was_flying = weft_log_view_get_flying (view.view);

      n_bound = weft_log_view_get_n_bound (view.view);
      weft_log_view_update (view.view);
      g_main_context_iteration (NULL, FALSE);
      if (was_flying && weft_log_view_get_flying (view.view))
        ck_assert_uint_eq (weft_log_view_get_n_bound (view.view), n_bound);
      g_usleep (2000);
    }
  weft_run_stop (live);
  weft_log_view_update (view.view);

  /* The lines stand still: the list comes back, at its end, every sentence whole. */
  start = g_get_monotonic_time ();
  while (weft_log_view_get_flying (view.view) && g_get_monotonic_time () - start < 5 * SECOND)
    test_ui_wait_for_frames (GTK_WIDGET (view.window));
  ck_assert (!weft_log_view_get_flying (view.view));
  for (int i = 0; i < 4; i++)
    test_ui_wait_for_frames (GTK_WIDGET (view.window));
  ck_assert_str_eq (gtk_stack_get_visible_child_name (view.stack), "events");
  ck_assert_uint_gt (view_n_items (&view), 0);
  ck_assert (view_follows (&view));
  ck_assert (adjustment_at_end (view.adjustment));
  row_heights (&view, &min_height, &max_height, &n_rows);
  ck_assert_uint_gt (n_rows, 5);
  gtk_window_destroy (view.window);
}
END_TEST

/* A live run whose first lines come by the thousand (a dense run, the frame after Play)
 * makes the log fly at once, before a frame lays out the rows the list bound: waiting for
 * a second dense move, as for a moderate run, laid out the few hundred rows a list keeps
 * twice, the window frozen for 0.1-0.4 s at the start of the run (bench-window). */
START_TEST (test_view_flies_at_a_dense_start)
{
  static const char * const dense[] = { "strategy=ordered", "think_ms=0", "eat_ms=0",
                                        "fork_gap_ms=0", NULL };
  g_autoptr(WeftRun) live = test_make_run ("philosophers", 5, dense);
  View view = { 0 };
  guint n_bound;
  gint64 start;

  view_open (&view);
  weft_log_view_set_run (view.view, live);
  for (int i = 0; i < 2; i++)
    test_ui_wait_for_frames (GTK_WIDGET (view.window));
  n_bound = weft_log_view_get_n_bound (view.view);
  watched_part = " has ";
  test_start (live, WEFT_MODE_RUN);
  /* A frame's worth of the run: thousands of lines. */
  g_usleep (50 * 1000);
  start = g_get_monotonic_time ();
  while (!weft_log_view_get_flying (view.view) &&
         g_get_monotonic_time () - start < 5 * SECOND * TEST_SLOWDOWN)
    {
      weft_log_view_update (view.view);
      g_main_context_iteration (NULL, FALSE);
    }
  ck_assert (weft_log_view_get_flying (view.view));
  for (int i = 0; i < 2; i++)
    test_ui_wait_for_frames (GTK_WIDGET (view.window));
  /* Bound as the lines came, at most once (GTK binds rows as items come), and never laid
   * out. */
  ck_assert_msg (weft_log_view_get_n_bound (view.view) - n_bound <= 300, "%u rows bound before the log flew",
                 weft_log_view_get_n_bound (view.view) - n_bound);
  ck_assert_msg (n_layouts_part == 0, "%u sentences laid out before the log flew", n_layouts_part);
  ck_assert_str_eq (gtk_stack_get_visible_child_name (view.stack), "flying");
  watched_part = NULL;
  weft_run_stop (live);
  gtk_window_destroy (view.window);
}
END_TEST

/* A log row lays its line out as the box it replaced did: the time right-aligned in a
 * column of its own, the sentence 12 pixels after it on the same baseline, wrapped (not
 * cut) when the pane is narrow, mirrored right to left. It is a widget of its own so that
 * allocating it never asks the sentence how wide it would be at a given height (GTK 4.8's
 * box did, and a wrapping label answers by a binary search over a dozen layouts: the start
 * of a dense run froze the window 0.36 s; bench-window's "iterations in the first 500 ms"). */
START_TEST (test_row_columns)
{
  static const char *sentence = "Aristotle has acquired the left fork (fork 1) and waits for the right one";
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *row = weft_log_row_new ();
  GtkWidget *time, *text;
  graphene_rect_t time_box, text_box, wide_text_box;
  int one_line;

  weft_log_row_set (WEFT_LOG_ROW (row), "12.345 s", sentence);
  time = gtk_widget_get_first_child (row);
  text = gtk_widget_get_next_sibling (time);
  ck_assert_str_eq (gtk_label_get_text (GTK_LABEL (time)), "12.345 s");
  ck_assert_str_eq (gtk_label_get_text (GTK_LABEL (text)), sentence);
  gtk_widget_set_valign (row, GTK_ALIGN_START);
  gtk_window_set_child (window, row);
  gtk_window_set_default_size (window, 900, 200);
  gtk_window_present (window);
  for (int i = 0; i < 3; i++)
    test_ui_wait_for_frames (GTK_WIDGET (window));

  /* Wide: one line, the sentence after the time, on its baseline. */
  ck_assert (gtk_widget_compute_bounds (time, row, &time_box));
  ck_assert (gtk_widget_compute_bounds (text, row, &text_box));
  ck_assert_float_eq_tol (time_box.origin.x, 0, 0.5);
  ck_assert_float_eq_tol (text_box.origin.x, time_box.size.width + 12, 0.5);
  ck_assert_int_eq (gtk_widget_get_allocated_baseline (time) + (int) time_box.origin.y,
                    gtk_widget_get_allocated_baseline (text) + (int) text_box.origin.y);
  ck_assert_float_eq_tol (text_box.origin.x + text_box.size.width, gtk_widget_get_width (row), 0.5);
  one_line = (int) text_box.size.height;
  wide_text_box = text_box;
  ck_assert_int_le (gtk_widget_get_height (row), one_line + 2);
  /* The time column fits 9 digits' width whatever the time. */
  weft_log_row_set (WEFT_LOG_ROW (row), "1.000 s", sentence);
  for (int i = 0; i < 2; i++)
    test_ui_wait_for_frames (GTK_WIDGET (window));
  ck_assert (gtk_widget_compute_bounds (text, row, &text_box));
  ck_assert_float_eq_tol (text_box.origin.x, wide_text_box.origin.x, 0.5);

  /* Narrow: the sentence wraps, whole, and the row grows. */
  gtk_window_set_default_size (window, 300, 200);
  for (int i = 0; i < 3; i++)
    test_ui_wait_for_frames (GTK_WIDGET (window));
  ck_assert (gtk_widget_compute_bounds (text, row, &text_box));
  ck_assert_int_le (gtk_widget_get_width (row), 300);
  ck_assert_msg (text_box.size.height >= 2 * one_line, "the sentence is %g high in a 300-pixel row, a line is %d",
                 text_box.size.height, one_line);
  ck_assert_int_ge (gtk_widget_get_height (row), (int) text_box.size.height);
  ck_assert_float_le (text_box.origin.x + text_box.size.width, gtk_widget_get_width (row) + 0.5);
  ck_assert (!pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (text))));

  /* Right to left: the time on the right, the sentence to its left. */
  gtk_widget_set_direction (row, GTK_TEXT_DIR_RTL);
  for (int i = 0; i < 3; i++)
    test_ui_wait_for_frames (GTK_WIDGET (window));
  ck_assert (gtk_widget_compute_bounds (time, row, &time_box));
  ck_assert (gtk_widget_compute_bounds (text, row, &text_box));
  ck_assert_float_eq_tol (time_box.origin.x + time_box.size.width, gtk_widget_get_width (row), 0.5);
  ck_assert_float_eq_tol (text_box.origin.x + text_box.size.width, time_box.origin.x - 12, 0.5);
  ck_assert_float_ge (text_box.origin.x, -0.5);

  gtk_window_destroy (window);
}
END_TEST

/* The row as it was: a horizontal GtkBox, its sentence a wrapping label with hexpand, both
 * on the baseline. */
static GtkWidget *
box_row_new (const char *seconds,
             const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *time = gtk_label_new (seconds);
  GtkWidget *sentence = gtk_label_new (text);

  gtk_label_set_width_chars (GTK_LABEL (time), 9);
  gtk_widget_set_valign (time, GTK_ALIGN_BASELINE);
  gtk_label_set_wrap (GTK_LABEL (sentence), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (sentence), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (sentence, TRUE);
  gtk_widget_set_valign (sentence, GTK_ALIGN_BASELINE);
  gtk_box_append (GTK_BOX (box), time);
  gtk_box_append (GTK_BOX (box), sentence);
  return box;
}

/* A row lays its sentence out a few times per width it gets (its widths once, then its
 * height at the width), where the box it replaced made GTK 4.8 search for the sentence's
 * width at the row's height at every allocation: many layouts per width, 11,000 in the
 * first half second of a dense run. Counted side by side, at the same widths. */
START_TEST (test_row_lays_out_once_per_width)
{
  static const int widths[] = { 900, 700, 520, 400, 330, 280 };
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *rows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *row = weft_log_row_new ();

  watched[0] = "Aristotle has acquired the left fork (fork 1)";
  watched[1] = "Spinoza has acquired the left fork (fork 3)";
  weft_log_row_set (WEFT_LOG_ROW (row), "12.345 s", watched[0]);
  gtk_box_append (GTK_BOX (rows), row);
  gtk_box_append (GTK_BOX (rows), box_row_new ("12.345 s", watched[1]));
  gtk_window_set_child (window, rows);
  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      gtk_window_set_default_size (window, widths[w], 300);
      if (w == 0)
        gtk_window_present (window);
      for (int i = 0; i < 3; i++)
        test_ui_wait_for_frames (GTK_WIDGET (window));
      ck_assert_int_le (gtk_widget_get_width (row), widths[w]);
    }

  g_printerr ("layouts of a row's sentence over %u widths: %u (a GtkBox row: %u)\n",
              (guint) G_N_ELEMENTS (widths), n_layouts[0], n_layouts[1]);
  /* A few per width (the label's measuring layout and its drawn one, the window's size
   * negotiation): 39 here over the six, against the box's 351. */
  ck_assert_uint_gt (n_layouts[0], 0);
  ck_assert_msg (n_layouts[0] <= 4 + 8 * G_N_ELEMENTS (widths), "%u layouts", n_layouts[0]);
  /* The counting sees GTK's own layouts: the box's search. */
  ck_assert_msg (n_layouts[1] >= 4 * n_layouts[0], "a GtkBox row: %u layouts, this row %u",
                 n_layouts[1], n_layouts[0]);
  watched[0] = watched[1] = NULL;
  gtk_window_destroy (window);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("ui-log");

  setlocale (LC_ALL, "C");
  test_add_fixture_case (suite, "list-matches-trace", test_list_matches_trace, setup, NULL, 60);
  test_add_fixture_case (suite, "list-filters-by-thread", test_list_filters_by_thread, setup, NULL, 60);
  test_add_fixture_case (suite, "list-update-announces-new-events", test_list_update_announces_new_events, setup, NULL, 60);
  test_add_fixture_case (suite, "list-follows-recycling", test_list_follows_recycling, setup, NULL, 60);
  test_add_fixture_case (suite, "view-shows-and-follows", test_view_shows_and_follows, setup, NULL, 60);
  test_add_fixture_case (suite, "view-follows-live-run", test_view_follows_live_run, setup, NULL, 60);
  test_add_fixture_case (suite, "view-jump-to", test_view_jump_to, setup, NULL, 60);
  test_add_fixture_case (suite, "view-new-run-on-scrolled-log", test_view_new_run_on_scrolled_log, setup, NULL, 60);
  test_add_fixture_case (suite, "viewport-jump-moves-scene-and-log", test_viewport_jump_moves_scene_and_log, setup, NULL, 60);
  test_add_fixture_case (suite, "view-formats-only-what-it-shows", test_view_formats_only_what_it_shows, setup, NULL, 60);
  test_add_fixture_case (suite, "view-lets-go-while-lines-fly", test_view_lets_go_while_lines_fly, setup, NULL, 60);
  test_add_fixture_case (suite, "view-flies-at-a-dense-start", test_view_flies_at_a_dense_start, setup, NULL, 60);
  test_add_fixture_case (suite, "view-follows-a-dense-run", test_view_follows_a_dense_run_few_times_a_second, setup, NULL, 60);
  test_add_fixture_case (suite, "row-columns", test_row_columns, setup, NULL, 60);
  test_add_fixture_case (suite, "row-lays-out-once-per-width", test_row_lays_out_once_per_width, setup, NULL, 60);

  return test_run_suite (suite);
}
