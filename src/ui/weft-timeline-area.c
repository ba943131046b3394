/* weft-timeline-area.c — the live timeline: a widget that draws a borrowed WeftModel with
 * weft_timeline_draw() in its snapshot, so what the window shows is what an export
 * draws, and turns the pointer into a view of it.
 *
 * The view is a window on the model's axis (nanoseconds, or steps in step mode). While
 * it follows the live edge its end stays on the axis' end; after zoom_fit it holds the
 * whole run and grows with it. Ctrl+scroll zooms around the pointer, dragging and plain
 * scrolling pan: those stop the following, since the user is looking somewhere. A click
 * on a thread's name emits "actor-activated"; hovering a lane tells what it was doing.
 * This file is the widget itself, following and the focus; the window on the axis is in
 * weft-timeline-area-view.c, the pointer and keys in -input.c, the tooltips in
 * -describe.c. With a WeftViewport the view is shared: its window, following and focus
 * are written there, and a jump of it moves the timeline.
 *
 * Everything runs on the main thread: the session brings the model up to date and the
 * window calls weft_timeline_area_update() once a frame.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "weft-timeline-area-private.h"

G_DEFINE_FINAL_TYPE (WeftTimelineArea, weft_timeline_area, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_FOLLOW_LIVE,
  PROP_FOCUS_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  ACTOR_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* zoom_in and zoom_out. */
#define ZOOM_FACTOR 1.5

void
weft_timeline_area_emit_actor_activated (WeftTimelineArea *self,
                                         guint             actor)
{
  g_signal_emit (self, signals[ACTOR_ACTIVATED], 0, actor);
}

/* Description -------------------------------------------------------------------------------- */

static char *
describe (gpointer view)
{
  WeftTimelineArea *self = view;

  if (self->model == NULL)
    return NULL;
  /* A thread chosen with the keyboard: what it does, for a screen reader. */
  if (self->key_lane >= 0 && (guint) self->key_lane < weft_model_get_n_actors (self->model))
    return weft_timeline_area_describe_thread (self, (guint) self->key_lane,
                            MIN (self->focus_time, weft_model_get_end_ns (self->model)));
  return weft_describe_threads_at (self->model, self->focus_time);
}

/* Focus and following -------------------------------------------------------------------- */

/* The shared viewport hears of the view's window and focus as they change. */
static void
publish (WeftTimelineArea *self)
{
  if (self->viewport == NULL)
    return;
  g_object_freeze_notify (G_OBJECT (self->viewport));
  weft_viewport_set_range (self->viewport, self->view.start, self->view.end);
  weft_viewport_set_focus_time (self->viewport, self->focus_time);
  g_object_thaw_notify (G_OBJECT (self->viewport));
}

static void
update_focus (WeftTimelineArea *self)
{
  guint64 focus = 0;

  if (self->model != NULL)
    {
      guint64 end_ns = weft_model_get_end_ns (self->model);

      if (self->jumped)
        focus = self->jump_time;
      else
        focus = MIN (weft_model_axis_to_time (self->model, self->view.end), end_ns);
    }

  if (focus == self->focus_time)
    {
      publish (self);
      return;
    }
  self->focus_time = focus;
  publish (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_TIME]);
  weft_live_description_queue (&self->description);
}

static void
set_follow_live (WeftTimelineArea *self,
                 gboolean          follow)
{
  follow = !!follow;
  if (follow == self->follow_live)
    return;

  self->follow_live = follow;
  if (follow)
    {
      self->jumped = FALSE;
      if (self->model != NULL)
        {
          self->fit = weft_timeline_area_spans_whole (self, weft_timeline_area_view_span (self));
          weft_timeline_area_move_to_live_edge (self);
        }
    }
  else
    self->fit = FALSE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW_LIVE]);
  update_focus (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The user looks somewhere else: the view stops following and forgets a jump. */
void
weft_timeline_area_stop_following (WeftTimelineArea *self)
{
  self->jumped = FALSE;
  set_follow_live (self, FALSE);
}

/* The view moved (zoom, pan, jump): the focus follows, and the timeline redraws. */
void
weft_timeline_area_view_changed (WeftTimelineArea *self)
{
  update_focus (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* GtkWidget ----------------------------------------------------------------------------------- */

static void
weft_timeline_area_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  WeftTimelineArea *self = WEFT_TIMELINE_AREA (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  const WeftTheme *theme = weft_theme_get (self->theme);
  cairo_t *cr;

  if (self->model == NULL || width <= 0 || height <= 0)
    return;
  weft_timeline_area_follow_axis_change (self);

  /* The theme's background too: the screen is the exported slide. */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  weft_theme_set_source (cr, &theme->background);
  cairo_paint (cr);
  self->view.font_size = weft_timeline_area_screen_font_size (self, width, height);
  weft_timeline_draw (cr, self->model, theme, &self->view, width, height, NULL);

  /* The time cursor: the moment the scene shows, a line across the lanes. */
  if (self->viewport != NULL && weft_viewport_get_cursor (self->viewport) != G_MAXUINT64)
    {
      WeftTimelineLayout layout;
      double axis, x;

      weft_timeline_get_layout (self->model, &self->view, width, height, &layout);
      axis = weft_model_time_to_axis (self->model, weft_viewport_get_cursor (self->viewport));
      x = layout.plot_x + (axis - self->view.start) * layout.plot_width /
                          MAX (self->view.end - self->view.start, 1e-9);
      if (x >= layout.plot_x && x <= layout.plot_x + layout.plot_width)
        {
          weft_theme_set_source (cr, &theme->text);
          cairo_rectangle (cr, round (x) - 1.5, 0, 3, height);
          cairo_fill (cr);
        }
    }

  /* The thread chosen with the keyboard: a frame around its name while the timeline has
   * the focus. */
  if (self->key_lane >= 0 && gtk_widget_has_focus (widget))
    {
      WeftTimelineLayout layout;
      double y;

      weft_timeline_get_layout (self->model, &self->view, width, height, &layout);
      y = (guint) self->key_lane < layout.n_thread_lanes ? weft_timeline_lane_y (&layout, (guint) self->key_lane) : -1;
      if (y >= 0)
        {
          weft_theme_set_source (cr, &theme->text);
          cairo_set_line_width (cr, 2);
          cairo_rectangle (cr, 1, y + 1, layout.label_width - 2, layout.lane_height - 2);
          cairo_stroke (cr);
        }
    }
  cairo_destroy (cr);
}

static void
weft_timeline_area_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  WeftTimelineArea *self = WEFT_TIMELINE_AREA (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 640;
    }
  else
    {
      guint n_lanes = self->model != NULL ? weft_model_get_n_lanes (self->model) : 0;

      /* Two lines a lane and the axis, when the lanes are few. */
      *minimum = 160;
      *natural = CLAMP ((int) n_lanes * 30 + 60, 160, 480);
    }
}

static void
weft_timeline_area_dispose (GObject *object)
{
  WeftTimelineArea *self = WEFT_TIMELINE_AREA (object);

  weft_live_description_clear (&self->description);
  self->model = NULL;
  weft_timeline_area_set_viewport (self, NULL);
  self->view.text_cache = NULL;
  g_clear_pointer (&self->text_cache, weft_text_cache_free);

  G_OBJECT_CLASS (weft_timeline_area_parent_class)->dispose (object);
}

static void
weft_timeline_area_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  WeftTimelineArea *self = WEFT_TIMELINE_AREA (object);

  switch (prop_id)
    {
    case PROP_FOLLOW_LIVE:
      g_value_set_boolean (value, self->follow_live);
      break;
    case PROP_FOCUS_TIME:
      g_value_set_uint64 (value, self->focus_time);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
weft_timeline_area_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  WeftTimelineArea *self = WEFT_TIMELINE_AREA (object);

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
weft_timeline_area_class_init (WeftTimelineAreaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = weft_timeline_area_dispose;
  object_class->get_property = weft_timeline_area_get_property;
  object_class->set_property = weft_timeline_area_set_property;

  widget_class->snapshot = weft_timeline_area_snapshot;
  widget_class->measure = weft_timeline_area_measure;
  widget_class->query_tooltip = weft_timeline_area_query_tooltip;

  properties[PROP_FOLLOW_LIVE] =
    g_param_spec_boolean ("follow-live", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOCUS_TIME] =
    g_param_spec_uint64 ("focus-time", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ACTOR_ACTIVATED] =
    g_signal_new ("actor-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
weft_timeline_area_init (WeftTimelineArea *self)
{
  weft_live_description_init (&self->description, GTK_ACCESSIBLE (self), describe);
  self->key_lane = -1;
  self->drag_cursor_from = -1;
  self->theme = WEFT_THEME_LIGHT;
  self->text_scale = 1.0;
  self->follow_live = TRUE;
  self->fit = TRUE;
  self->view.show_flows = TRUE;
  /* Frame after frame the same names and labels: shaped once, not at every frame. */
  self->text_cache = weft_text_cache_new ();
  self->view.text_cache = self->text_cache;
  self->pointer_x = -1;

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  /* Translators: what a screen reader calls the timeline. */
                                  _("Timeline of the run"), -1);
  weft_timeline_area_init_input (self);
}

/* Public API ---------------------------------------------------------------------------------- */

GtkWidget *
weft_timeline_area_new (void)
{
  return g_object_new (WEFT_TYPE_TIMELINE_AREA, NULL);
}

void
weft_timeline_area_set_model (WeftTimelineArea *self,
                              WeftModel        *model)
{
  g_return_if_fail (WEFT_IS_TIMELINE_AREA (self));

  if (model == self->model)
    return;

  self->model = model;
  self->jumped = FALSE;
  self->key_lane = -1;
  self->view.start = self->view.end = 0;
  if (model != NULL)
    {
      self->axis_mode = weft_model_get_mode (model);
      /* A new run is watched whole, as it grows. */
      self->fit = TRUE;
      weft_timeline_area_get_whole (self, &self->view);
      if (!self->follow_live)
        {
          self->follow_live = TRUE;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW_LIVE]);
        }
    }
  if (self->pointer_cursor)
    {
      self->pointer_cursor = FALSE;
      gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
    }

  update_focus (self);
  weft_live_description_refresh (&self->description);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

WeftModel *
weft_timeline_area_get_model (WeftTimelineArea *self)
{
  g_return_val_if_fail (WEFT_IS_TIMELINE_AREA (self), NULL);

  return self->model;
}

/* Every word of the timeline @scale times its size (the lanes grow with it). */
void
weft_timeline_area_set_text_scale (WeftTimelineArea *self,
                                   double            scale)
{
  g_return_if_fail (WEFT_IS_TIMELINE_AREA (self));
  g_return_if_fail (scale > 0);

  if (scale == self->text_scale)
    return;
  self->text_scale = scale;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Lanes of about this many lines of text give each name room (see weft-timeline.c). */
#define LANE_LINES 1.4

int
weft_timeline_area_get_wanted_height (WeftTimelineArea *self)
{
  double font_size = SCREEN_MIN_FONT_SIZE * self->text_scale;
  guint n_lanes;

  g_return_val_if_fail (WEFT_IS_TIMELINE_AREA (self), 0);

  if (self->model == NULL)
    return 0;
  /* Lanes, the axis (2.2 lines), the gap between threads and resources, the deadlock's
   * strip. */
  n_lanes = MIN (weft_model_get_n_lanes (self->model), 40u);
  return (int) ceil (font_size * (n_lanes * LANE_LINES + 2.2 + 0.6 + 1.5));
}

double
weft_timeline_area_get_text_scale (WeftTimelineArea *self)
{
  g_return_val_if_fail (WEFT_IS_TIMELINE_AREA (self), 1.0);

  return self->text_scale;
}

void
weft_timeline_area_set_theme (WeftTimelineArea *self,
                              WeftThemeId       theme)
{
  g_return_if_fail (WEFT_IS_TIMELINE_AREA (self));
  g_return_if_fail (theme < WEFT_N_THEMES);

  if (theme == self->theme)
    return;
  self->theme = theme;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
weft_timeline_area_update (WeftTimelineArea *self)
{
  g_return_if_fail (WEFT_IS_TIMELINE_AREA (self));

  if (self->model == NULL)
    return;
  weft_timeline_area_follow_axis_change (self);
  if (self->follow_live)
    weft_timeline_area_move_to_live_edge (self);
  update_focus (self);
  /* The counts at the focus change as the run goes, even when the focus does not. */
  weft_live_description_queue (&self->description);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
weft_timeline_area_zoom_in (WeftTimelineArea *self)
{
  g_return_if_fail (WEFT_IS_TIMELINE_AREA (self));

  weft_timeline_area_zoom_by (self, 1 / ZOOM_FACTOR);
}

void
weft_timeline_area_zoom_out (WeftTimelineArea *self)
{
  g_return_if_fail (WEFT_IS_TIMELINE_AREA (self));

  weft_timeline_area_zoom_by (self, ZOOM_FACTOR);
}

void
weft_timeline_area_zoom_fit (WeftTimelineArea *self)
{
  g_return_if_fail (WEFT_IS_TIMELINE_AREA (self));

  if (self->model == NULL)
    return;

  self->jumped = FALSE;
  self->fit = TRUE;
  weft_timeline_area_get_whole (self, &self->view);
  if (!self->follow_live)
    {
      self->follow_live = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW_LIVE]);
    }
  weft_timeline_area_view_changed (self);
}

static void
jump_to (WeftTimelineArea *self,
         guint64           time_ns)
{
  double axis, span;

  if (self->model == NULL)
    return;

  /* Jumped first: the focus moves once, to the jumped-to time. */
  self->jumped = TRUE;
  self->jump_time = time_ns;
  axis = weft_model_time_to_axis (self->model, time_ns);
  span = weft_timeline_area_view_span (self);
  weft_timeline_area_set_view (self, axis - span / 2, span);
  set_follow_live (self, FALSE);
  weft_timeline_area_view_changed (self);
}

void
weft_timeline_area_jump_to (WeftTimelineArea *self,
                            guint64           time_ns)
{
  g_return_if_fail (WEFT_IS_TIMELINE_AREA (self));

  /* Through the viewport, so that every view bound to it goes there too. */
  if (self->viewport != NULL)
    weft_viewport_jump_to (self->viewport, time_ns);
  else
    jump_to (self, time_ns);
}

static void
viewport_text_scale_cb (WeftTimelineArea *self,
                        GParamSpec       *pspec,
                        WeftViewport     *viewport)
{
  weft_timeline_area_set_text_scale (self, weft_viewport_get_text_scale (viewport));
}

static void
viewport_jumped_cb (WeftTimelineArea *self,
                    guint64           time_ns,
                    WeftViewport     *viewport)
{
  jump_to (self, time_ns);
}

void
weft_timeline_area_set_viewport (WeftTimelineArea *self,
                                 WeftViewport     *viewport)
{
  g_return_if_fail (WEFT_IS_TIMELINE_AREA (self));
  g_return_if_fail (viewport == NULL || WEFT_IS_VIEWPORT (viewport));

  if (viewport == self->viewport)
    return;

  if (self->viewport != NULL)
    {
      g_clear_pointer (&self->follow_binding, g_binding_unbind);
      g_signal_handlers_disconnect_by_func (self->viewport, viewport_jumped_cb, self);
      g_signal_handlers_disconnect_by_func (self->viewport, viewport_text_scale_cb, self);
      g_signal_handlers_disconnect_by_func (self->viewport, gtk_widget_queue_draw, self);
    }
  g_set_object (&self->viewport, viewport);
  if (viewport == NULL)
    return;

  /* The view's following is the viewport's, both ways: the window's "L", the user's pan. */
  self->follow_binding = g_object_bind_property (self, "follow-live", viewport, "follow-live",
                                                 G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (viewport, "jumped", G_CALLBACK (viewport_jumped_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::text-scale", G_CALLBACK (viewport_text_scale_cb),
                           self, G_CONNECT_SWAPPED);
  /* The time cursor is drawn over the lanes. */
  g_signal_connect_object (viewport, "notify::cursor-time", G_CALLBACK (gtk_widget_queue_draw),
                           self, G_CONNECT_SWAPPED);
  viewport_text_scale_cb (self, NULL, viewport);
  publish (self);
}

void
weft_timeline_area_get_view (WeftTimelineArea *self,
                             WeftTimelineView *view)
{
  g_return_if_fail (WEFT_IS_TIMELINE_AREA (self));
  g_return_if_fail (view != NULL);

  *view = self->view;
  view->show_flows = TRUE;
  view->font_size = 0;
  /* An export is drawn once, on another surface: it lays its words out itself. */
  view->text_cache = NULL;
}

