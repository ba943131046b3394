/* weft-log-view.c — the event log pane: one line per event ("12.345 s  Kant has acquired
 * fork 1"), a thread filter, and a toggle that keeps the newest line in view.
 *
 * The lines come from a WeftEventList: in the window the session's, which it fills from
 * its one read of the trace a frame; alone, a list of the view's own that
 * weft_log_view_update() makes read the trace. The window calls weft_log_view_update()
 * when it redraws its live views; a jump of the shared viewport (the banner's "Show
 * When") scrolls the log to that moment. Following is turned off
 * when the user scrolls away from the end (or jumps to a time), and back on when the user
 * scrolls down to the end again.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "weft-event-list.h"
#include "weft-log-row.h"
#include "weft-log-view.h"

/* How close to the end, in pixels, still counts as the end. */
#define BOTTOM_SLACK 4.0
/* How often, at most, a live log follows its end (WEFT_LOG_VIEW_FOLLOW_PER_SECOND): each
 * move binds and lays out the rows it brings into view (hundreds in a dense run), which
 * cost a sixth of the window's frame when done at every frame; nobody reads lines going
 * by faster. */
#define FOLLOW_PER_SECOND WEFT_LOG_VIEW_FOLLOW_PER_SECOND
/* A move to the end that brings more lines than this makes the log fly: its rows go to
 * one line each until the lines have stood still for FLYING_MS. */
#define FLYING_LINES WEFT_LOG_VIEW_FLYING_LINES
#define FLYING_MS 1000
/* How long after a move to the end the view keeps pinning itself there while the new
 * lines are measured (their heights are estimated first). */
#define SETTLE_US (300 * 1000)
#define FLYING_FOLLOW_PER_SECOND 2
/* A running run's move that brings more lines than a GTK 4.8 list keeps rows (200) flies
 * at once. */
#define FLYING_BURST 240

struct _WeftLogView
{
  GtkWidget           parent_instance;

  GtkDropDown        *thread_dropdown;
  GtkToggleButton    *follow_button;
  GtkStack           *stack;
  GtkScrolledWindow  *scrolled;
  GtkListView        *list_view;
  GtkSingleSelection *selection;

  GtkAdjustment      *vadjustment;
  WeftEventList      *events;         /* NULL without a run */
  gboolean            own_events;     /* made here: weft_log_view_update() fills it */
  WeftViewport       *viewport;       /* NULL: none */
  double              last_value;     /* the vadjustment's value at its last change */
  guint               n_added;        /* lines added by the update under way */
  guint               pin_id;         /* a tick callback scrolling to the end */
  /* Until when a move to the end may pin again while its lines get their heights (µs). */
  gint64              settle_until;
  double              last_page_size;
  guint               n_bound;        /* rows bound to an event since the view was made */
  gint64              follow_time;    /* when the view last moved to the end (µs) */
  guint               follow_id;      /* a move to the end put off */
  /* Lines go by too fast to read (a dense run): the list is let go (see set_flying()). */
  GtkLabel           *flying_label;
  guint               n_dense_moves;  /* moves in a row that brought many lines */
  gboolean            flying;
  guint               land_id;        /* ends flying once the lines stand still */
  /* A new run's list, not laid out yet: its adjustment still measures the old one. */
  gboolean            new_list;
  gboolean            follow_live;
  /* The user scrolled since the last jump: only then may reaching the end turn following
   * back on, so that a jump near the end does not undo itself. */
  gboolean            user_scrolled;
};

G_DEFINE_FINAL_TYPE (WeftLogView, weft_log_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_FOLLOW_LIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void show_events (WeftLogView   *self,
                         WeftRun       *run,
                         WeftEventList *events,
                         gboolean       own);
static void follow_new_lines (WeftLogView *self);
static void set_flying       (WeftLogView *self,
                              gboolean     flying);

static guint
n_events (WeftLogView *self)
{
  return self->events != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->events)) : 0;
}

static gboolean
pin_to_end_cb (GtkWidget     *widget,
               GdkFrameClock *frame_clock,
               gpointer       user_data)
{
  WeftLogView *self = WEFT_LOG_VIEW (widget);

  /* The end the adjustment knows is the old list's until the new one is laid out, which
   * happens in this frame, after this tick: the next tick pins. */
  if (self->new_list)
    {
      self->new_list = FALSE;
      return G_SOURCE_CONTINUE;
    }

  self->pin_id = 0;
  /* Through the list's anchor, not the adjustment: a dense run adds lines in this frame
   * before this tick, and a value taken from the adjustment (the last layout's) may lie
   * past what the list now has (GTK warns "failed to scroll to given position"). */
  if (self->follow_live && n_events (self) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                n_events (self) - 1);

  return G_SOURCE_REMOVE;
}

/* Moving the adjustment while the list lays itself out is lost (GTK 4.8 does not lay out
 * again in that frame), so the end is reached at the start of the next frame, before its
 * layout. */
static void
queue_pin_to_end (WeftLogView *self)
{
  if (self->pin_id == 0)
    self->pin_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), pin_to_end_cb, NULL, NULL);
}

static void
scroll_to_end (WeftLogView *self)
{
  guint n = n_events (self);

  if (n == 0)
    return;

  /* Anchors the view on the last line now, when it can tell where that line is; the pin
   * makes sure once the new lines have their heights. */
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", n - 1);
  self->settle_until = g_get_monotonic_time () + SETTLE_US;
  queue_pin_to_end (self);
}

static void
set_follow_live (WeftLogView *self,
                 gboolean     follow_live)
{
  follow_live = !!follow_live;
  if (follow_live == self->follow_live)
    return;

  self->follow_live = follow_live;
  if (follow_live)
    scroll_to_end (self);
  else
    /* Not following: the lines no longer fly by, the list comes back to be read. */
    set_flying (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW_LIVE]);
}

static void
update_page (WeftLogView *self)
{
  gtk_stack_set_visible_child_name (self->stack, self->flying ? "flying" :
                                                 n_events (self) > 0 ? "events" : "empty");
}

/* Whether the run shown is going on its own (not paused, not stepped, not over): its
 * lines will keep coming. */
static gboolean
run_is_going (WeftLogView *self)
{
  WeftRun *run = self->events != NULL ? weft_event_list_get_run (self->events) : NULL;

  return run != NULL && weft_run_get_outcome (run) == WEFT_OUTCOME_NONE &&
         weft_run_get_mode (run) == WEFT_MODE_RUN && !weft_run_is_paused (run) &&
         !weft_run_is_stopping (run);
}

static void
events_changed_cb (WeftLogView *self,
                   guint        position,
                   guint        removed,
                   guint        added,
                   GListModel  *model)
{
  self->n_added += added;
  update_page (self);
}

static gboolean
adjustment_at_end (GtkAdjustment *adjustment)
{
  return gtk_adjustment_get_value (adjustment) >=
         gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) -
         BOTTOM_SLACK;
}

static void
vadjustment_changed_cb (WeftLogView   *self,
                        GtkAdjustment *adjustment)
{
  double page_size = gtk_adjustment_get_page_size (adjustment);
  gboolean resized = page_size != self->last_page_size;

  /* The pane was resized, or a move to the end is settling: the end moved. Lines that
   * came meanwhile wait for the next move (FOLLOW_PER_SECOND): pinning at each of their
   * frames would move a dense run's log, and rebind its rows, at every frame. */
  self->last_page_size = page_size;
  if (self->follow_live && !adjustment_at_end (adjustment) &&
      (resized || g_get_monotonic_time () < self->settle_until))
    queue_pin_to_end (self);
}

static void
vadjustment_value_changed_cb (WeftLogView   *self,
                              GtkAdjustment *adjustment)
{
  double value = gtk_adjustment_get_value (adjustment);
  gboolean at_end = adjustment_at_end (adjustment);

  /* While following, only the user moves the view up from the end, except for the frame
   * during which the view is on its way there. */
  if (self->follow_live && !at_end && value < self->last_value && self->pin_id == 0)
    set_follow_live (self, FALSE);
  else if (!self->follow_live && self->user_scrolled && at_end && value > self->last_value)
    set_follow_live (self, TRUE);

  self->last_value = value;
}

static gboolean
scrolled_cb (WeftLogView              *self,
             double                    dx,
             double                    dy,
             GtkEventControllerScroll *controller)
{
  self->user_scrolled = TRUE;
  return FALSE;
}

static gboolean
key_pressed_cb (WeftLogView           *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  self->user_scrolled = TRUE;
  return FALSE;
}

static void
scrollbar_pressed_cb (WeftLogView     *self,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkGestureClick *gesture)
{
  self->user_scrolled = TRUE;
}

static void
thread_selected_cb (WeftLogView *self)
{
  guint selected = gtk_drop_down_get_selected (self->thread_dropdown);

  if (self->events == NULL)
    return;

  /* Position 0 is "All threads"; then the threads in their order. */
  weft_event_list_set_actor (self->events,
                             selected == GTK_INVALID_LIST_POSITION || selected == 0
                             ? -1 : (int) selected - 1);
  if (self->follow_live)
    scroll_to_end (self);
}

/* While lines go by too fast to read (a dense run followed live: hundreds of lines at
 * each move), the list is let go and a page says so; every move would rebind the two
 * hundred rows a GTK 4.8 list view keeps, each laid out again (100–300 ms a move, most
 * of a dense run's frame: bench-window). Once the lines stand still for FLYING_MS (the
 * run paused or slowed), the list comes back at its end. */
static void
update_flying_label (WeftLogView *self,
                     guint        per_second)
{
  /* Grouped as the locale writes big numbers ("4,944,148", "4 944 148"). */
  g_autofree char *count = g_strdup_printf ("%'u", per_second);
  g_autofree char *text = NULL;

  /* Translators: in the event log while a dense run goes by; %s is a number of events. */
  text = g_strdup_printf (ngettext ("Events go by too fast to read: about %s a second. Pause the run to read them.",
                                    "Events go by too fast to read: about %s a second. Pause the run to read them.",
                                    per_second),
                          count);
  gtk_label_set_label (self->flying_label, text);
}

static void
set_flying (WeftLogView *self,
            gboolean     flying)
{
  if (flying == self->flying)
    return;
  self->flying = flying;
  if (!flying)
    {
      g_clear_handle_id (&self->land_id, g_source_remove);
      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->events));
      /* Back at the end, once the list has laid its lines out (as for a new list), and
       * kept there while they are measured. */
      self->new_list = TRUE;
      self->settle_until = g_get_monotonic_time () + SETTLE_US;
      if (self->follow_live)
        queue_pin_to_end (self);
    }
  else
    gtk_single_selection_set_model (self->selection, NULL);
  update_page (self);
}

static gboolean
land_cb (gpointer user_data)
{
  WeftLogView *self = user_data;

  self->land_id = 0;
  set_flying (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* Lets the list go while lines go by at about @per_second, until they stand still for
 * FLYING_MS. */
static void
fly (WeftLogView *self,
     guint        per_second)
{
  update_flying_label (self, per_second);
  set_flying (self, TRUE);
  g_clear_handle_id (&self->land_id, g_source_remove);
  self->land_id = g_timeout_add (FLYING_MS, land_cb, self);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              WeftLogView              *self)
{
  gtk_list_item_set_child (list_item, weft_log_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             WeftLogView              *self)
{
  WeftEventItem *item = gtk_list_item_get_item (list_item);
  g_autofree char *seconds = NULL;

  self->n_bound++;
  /* Translators: a time since the run started, in seconds, e.g. "12.345 s". */
  seconds = g_strdup_printf (_("%.3f s"), weft_event_item_get_time (item) / 1e9);
  weft_log_row_set (WEFT_LOG_ROW (gtk_list_item_get_child (list_item)), seconds,
                    weft_event_item_get_text (item));
}

static void
weft_log_view_dispose (GObject *object)
{
  WeftLogView *self = WEFT_LOG_VIEW (object);
  GtkWidget *child;

  if (self->pin_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->pin_id);
      self->pin_id = 0;
    }
  g_clear_handle_id (&self->follow_id, g_source_remove);
  g_clear_handle_id (&self->land_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), WEFT_TYPE_LOG_VIEW);
  /* The bar and the separator are not bound to fields, so the template leaves them. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->events);
  weft_log_view_set_viewport (self, NULL);

  G_OBJECT_CLASS (weft_log_view_parent_class)->dispose (object);
}

static void
weft_log_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  WeftLogView *self = WEFT_LOG_VIEW (object);

  switch (prop_id)
    {
    case PROP_FOLLOW_LIVE:
      g_value_set_boolean (value, self->follow_live);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
weft_log_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  WeftLogView *self = WEFT_LOG_VIEW (object);

  switch (prop_id)
    {
    case PROP_FOLLOW_LIVE:
      set_follow_live (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
weft_log_view_class_init (WeftLogViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = weft_log_view_dispose;
  object_class->get_property = weft_log_view_get_property;
  object_class->set_property = weft_log_view_set_property;

  /**
   * WeftLogView:follow-live:
   *
   * Whether the view keeps the newest event in view as the run goes on.
   */
  properties[PROP_FOLLOW_LIVE] =
    g_param_spec_boolean ("follow-live", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/weft/Weft/weft-log-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WeftLogView, thread_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WeftLogView, follow_button);
  gtk_widget_class_bind_template_child (widget_class, WeftLogView, stack);
  gtk_widget_class_bind_template_child (widget_class, WeftLogView, flying_label);
  gtk_widget_class_bind_template_child (widget_class, WeftLogView, scrolled);
  gtk_widget_class_bind_template_child (widget_class, WeftLogView, list_view);
  gtk_widget_class_bind_template_child (widget_class, WeftLogView, selection);
  gtk_widget_class_bind_template_callback (widget_class, thread_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_row_cb);

  gtk_widget_class_set_css_name (widget_class, "weft-log-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
weft_log_view_init (WeftLogView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->follow_live = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->vadjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  g_signal_connect_object (self->vadjustment, "changed",
                           G_CALLBACK (vadjustment_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->vadjustment, "value-changed",
                           G_CALLBACK (vadjustment_value_changed_cb), self, G_CONNECT_SWAPPED);

  /* What tells the user's scrolling apart from the view's own (see user_scrolled). The
   * controllers only watch: the events go on to the scrolled window and the list. */
  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (scrolled_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scrolled), controller);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scrolled), controller);

  gesture = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (scrollbar_pressed_cb), self);
  gtk_widget_add_controller (gtk_scrolled_window_get_vscrollbar (self->scrolled),
                             GTK_EVENT_CONTROLLER (gesture));

  g_object_bind_property (self, "follow-live", self->follow_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  show_events (self, NULL, NULL, TRUE);
}

GtkWidget *
weft_log_view_new (void)
{
  return g_object_new (WEFT_TYPE_LOG_VIEW, NULL);
}

/* Shows @events (NULL: none) of @run, filled by the caller or, if @own, by
 * weft_log_view_update(). */
static void
show_events (WeftLogView   *self,
             WeftRun       *run,
             WeftEventList *events,
             gboolean       own)
{
  g_autoptr(GtkStringList) threads = NULL;

  threads = gtk_string_list_new (NULL);
  /* Translators: the first choice of the event log's thread filter. */
  gtk_string_list_append (threads, _("All threads"));
  for (guint i = 0; run != NULL && i < weft_run_get_n_actors (run); i++)
    gtk_string_list_append (threads, weft_actor_get_name (weft_run_get_actor (run, i)));

  /* The filter is reset before the list is shown, so that it does not rebuild the old
   * one. */
  if (self->events != NULL)
    g_signal_handlers_disconnect_by_func (self->events, events_changed_cb, self);
  g_clear_object (&self->events);
  self->own_events = own;
  gtk_drop_down_set_model (self->thread_dropdown, G_LIST_MODEL (threads));
  gtk_drop_down_set_selected (self->thread_dropdown, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->thread_dropdown), run != NULL);

  if (events != NULL)
    {
      self->events = g_object_ref (events);
      /* A shared list may have been filtered by a view before. */
      weft_event_list_set_actor (self->events, -1);
      g_signal_connect_object (self->events, "items-changed",
                               G_CALLBACK (events_changed_cb), self, G_CONNECT_SWAPPED);
      if (own)
        weft_event_list_update (self->events);
    }
  /* A new list is shown whole, not as a flying one, whatever the last one did. */
  g_clear_handle_id (&self->land_id, g_source_remove);
  g_clear_handle_id (&self->follow_id, g_source_remove);
  self->flying = FALSE;
  self->n_dense_moves = 0;
  self->n_added = 0;
  self->follow_time = 0;
  self->settle_until = g_get_monotonic_time () + SETTLE_US;
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->events));
  update_page (self);

  /* A new run is watched from its live end. The list has not laid the new run's lines
   * out yet: scrolling to the end the adjustment knows (the old list's) would ask it for
   * a place it does not have (GTK warns "failed to scroll to given position"), so the
   * pin waits for the next frame's layout. */
  self->user_scrolled = FALSE;
  self->last_value = 0.0;
  self->new_list = TRUE;
  if (!self->follow_live)
    {
      self->follow_live = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW_LIVE]);
    }
  queue_pin_to_end (self);
}

void
weft_log_view_set_run (WeftLogView *self,
                       WeftRun     *run)
{
  g_autoptr(WeftEventList) events = NULL;

  g_return_if_fail (WEFT_IS_LOG_VIEW (self));

  if (self->events != NULL && self->own_events && weft_event_list_get_run (self->events) == run)
    return;

  if (run != NULL)
    events = weft_event_list_new (run);
  show_events (self, run, events, TRUE);
}

void
weft_log_view_set_events (WeftLogView   *self,
                          WeftEventList *events)
{
  g_return_if_fail (WEFT_IS_LOG_VIEW (self));
  g_return_if_fail (events == NULL || WEFT_IS_EVENT_LIST (events));

  if (events == self->events)
    return;

  show_events (self, events != NULL ? weft_event_list_get_run (events) : NULL, events, FALSE);
}

static gboolean
follow_cb (gpointer user_data)
{
  WeftLogView *self = user_data;

  self->follow_id = 0;
  follow_new_lines (self);
  return G_SOURCE_REMOVE;
}

/* Moves to the end when lines came and the view follows, at most FOLLOW_PER_SECOND
 * times a second: a move put off is made when its time comes, so the newest line shows
 * even when no more come. */
static void
follow_new_lines (WeftLogView *self)
{
  gint64 now = g_get_monotonic_time ();
  /* Flying, each move rebinds every row the list keeps: nobody reads lines going by at
   * that pace, so the log moves less often. */
  gint64 next = self->follow_time + G_USEC_PER_SEC / (self->flying ? FLYING_FOLLOW_PER_SECOND
                                                                    : FOLLOW_PER_SECOND);

  if (!self->follow_live || self->n_added == 0)
    {
      self->n_added = 0;
      return;
    }
  if (now < next)
    {
      if (self->follow_id == 0)
        self->follow_id = g_timeout_add ((guint) ((next - now) / 1000) + 1, follow_cb, self);
      return;
    }
  g_clear_handle_id (&self->follow_id, g_source_remove);
  /* One big batch (a finished run shown at once) is not a flight: lines must keep coming,
   * move after move. But a running run that brings more lines in one move than the list
   * keeps rows (a dense run, the frame after Play) flies at once, before the frame lays
   * the rows it bound out: the two dense moves that made the log fly laid a few hundred
   * rows out each, and froze the window 0.1-0.4 s at the start of the run. */
  if (self->n_added > FLYING_LINES && now - self->follow_time < G_USEC_PER_SEC)
    self->n_dense_moves++;
  else
    self->n_dense_moves = self->n_added > FLYING_LINES ? 1 : 0;
  if (self->n_dense_moves >= 2)
    {
      gint64 interval = MAX (now - self->follow_time, G_USEC_PER_SEC / FLYING_FOLLOW_PER_SECOND);

      fly (self, (guint) MIN ((gint64) self->n_added * G_USEC_PER_SEC / interval, G_MAXUINT));
    }
  else if (self->n_added > FLYING_BURST && run_is_going (self))
    {
      /* At the start, the run's own pace (the moves have none yet). */
      guint64 elapsed = weft_run_get_elapsed_ns (weft_event_list_get_run (self->events));

      fly (self, elapsed > 0 ? (guint) MIN (n_events (self) * 1e9 / elapsed, G_MAXUINT) : self->n_added);
    }
  self->follow_time = now;
  self->n_added = 0;
  if (!self->flying)
    scroll_to_end (self);
}

void
weft_log_view_update (WeftLogView *self)
{
  g_return_if_fail (WEFT_IS_LOG_VIEW (self));

  if (self->events == NULL)
    return;

  /* A shared list was filled before this call (its lines counted in n_added). */
  if (self->own_events)
    weft_event_list_update (self->events);
  follow_new_lines (self);
}

static void
viewport_jumped_cb (WeftLogView  *self,
                    guint64       time_ns,
                    WeftViewport *viewport)
{
  weft_log_view_jump_to (self, time_ns);
}

/* The time cursor placed (a click on the timeline): the log selects the line at that
 * moment too. A jump places it as well; jumping twice to one line is harmless. */
static void
viewport_cursor_cb (WeftLogView  *self,
                    GParamSpec   *pspec,
                    WeftViewport *viewport)
{
  guint64 cursor = weft_viewport_get_cursor (viewport);

  if (cursor != G_MAXUINT64)
    weft_log_view_jump_to (self, cursor);
}

void
weft_log_view_set_viewport (WeftLogView  *self,
                            WeftViewport *viewport)
{
  g_return_if_fail (WEFT_IS_LOG_VIEW (self));
  g_return_if_fail (viewport == NULL || WEFT_IS_VIEWPORT (viewport));

  if (viewport == self->viewport)
    return;

  if (self->viewport != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->viewport, viewport_jumped_cb, self);
      g_signal_handlers_disconnect_by_func (self->viewport, viewport_cursor_cb, self);
    }
  g_set_object (&self->viewport, viewport);
  if (viewport != NULL)
    {
      g_signal_connect_object (viewport, "jumped", G_CALLBACK (viewport_jumped_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (viewport, "notify::cursor-time", G_CALLBACK (viewport_cursor_cb), self,
                               G_CONNECT_SWAPPED);
    }
}

void
weft_log_view_jump_to (WeftLogView *self,
                       guint64      time_ns)
{
  guint lo, hi;

  g_return_if_fail (WEFT_IS_LOG_VIEW (self));

  /* A moment asked for: the list comes back to show it. */
  set_flying (self, FALSE);
  lo = 0;
  hi = n_events (self);
  if (hi == 0)
    return;

  set_follow_live (self, FALSE);
  self->user_scrolled = FALSE;

  /* The trace is in time order, and so is the list. A line the trace has forgotten since
   * the last update has time 0 and counts as earlier. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(WeftEventItem) item = g_list_model_get_item (G_LIST_MODEL (self->events), mid);

      if (weft_event_item_get_time (item) < time_ns)
        lo = mid + 1;
      else
        hi = mid;
    }
  lo = MIN (lo, n_events (self) - 1);

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), lo, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", lo);
}

gboolean
weft_log_view_get_flying (WeftLogView *self)
{
  g_return_val_if_fail (WEFT_IS_LOG_VIEW (self), FALSE);

  return self->flying;
}

guint
weft_log_view_get_n_bound (WeftLogView *self)
{
  g_return_val_if_fail (WEFT_IS_LOG_VIEW (self), 0);

  return self->n_bound;
}
