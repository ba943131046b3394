/* weft-timeline-area-input.c — what the timeline does with the pointer and the keys:
 * Ctrl+scroll zooms around the pointer, scrolling and dragging pan (and stop following),
 * a click on a thread's name steps it, Up / Down / Return do the same from the keyboard,
 * and the pointer turns into a hand over the names.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "weft-timeline-area-private.h"

/* A wheel notch pans a tenth of the view, or with Ctrl zooms by this much. */
#define WHEEL_PAN      0.1
#define WHEEL_ZOOM     1.25
/* Touchpads scroll in pixels: this many make one notch's zoom. */
#define PIXELS_PER_NOTCH 20.0

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           WeftTimelineArea         *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;
  WeftTimelineLayout layout;

  if (!weft_timeline_area_get_layout (self, &layout))
    return FALSE;

  if (state & GDK_CONTROL_MASK)
    {
      double notches = wheel ? dy : dy / PIXELS_PER_NOTCH;
      double x = self->pointer_x >= 0 ? self->pointer_x : layout.plot_x + layout.plot_width / 2;

      /* Down (towards the user) zooms out, as in maps and Sysprof. */
      weft_timeline_area_zoom_at (self, x, pow (WHEEL_ZOOM, notches));
    }
  else
    {
      /* A mouse has one wheel: either direction pans the time axis. */
      double delta = fabs (dx) > fabs (dy) ? dx : dy;

      weft_timeline_area_pan_by (self, wheel ? delta * WHEEL_PAN * layout.plot_width : delta);
    }

  return TRUE;
}

/* Where the time cursor is drawn, in widget x; -1 when there is none in view. */
static double
cursor_x (WeftTimelineArea *self)
{
  WeftTimelineLayout layout;
  double axis;

  if (self->viewport == NULL || weft_viewport_get_cursor (self->viewport) == G_MAXUINT64 ||
      !weft_timeline_area_get_layout (self, &layout))
    return -1;
  axis = weft_model_time_to_axis (self->model, weft_viewport_get_cursor (self->viewport));
  return layout.plot_x + (axis - self->view.start) * layout.plot_width /
                         MAX (self->view.end - self->view.start, 1e-9);
}

/* A drag that starts on the time cursor moves it; anywhere else it pans. */
#define CURSOR_GRAB_PX 8.0

static void
drag_begin_cb (GtkGestureDrag   *gesture,
               double            x,
               double            y,
               WeftTimelineArea *self)
{
  double at = cursor_x (self);

  self->drag_moved = FALSE;
  self->drag_cursor_from = at >= 0 && fabs (x - at) <= CURSOR_GRAB_PX ? x : -1;
}

static void
drag_update_cb (GtkGestureDrag   *gesture,
                double            offset_x,
                double            offset_y,
                WeftTimelineArea *self)
{
  WeftTimelineLayout layout;
  double per_pixel;

  if (!weft_timeline_area_get_layout (self, &layout))
    return;
  per_pixel = weft_timeline_area_view_span (self) / layout.plot_width;

  if (self->drag_cursor_from >= 0)
    {
      self->drag_moved = TRUE;
      weft_timeline_area_place_cursor_at (self, CLAMP (self->drag_cursor_from + offset_x, layout.plot_x,
                                                       layout.plot_x + layout.plot_width));
      return;
    }

  if (!self->drag_moved)
    {
      if (!gtk_drag_check_threshold (GTK_WIDGET (self), 0, 0, (int) offset_x, (int) offset_y))
        return;
      /* From where the view is now: it may have followed the run since the press. */
      self->drag_moved = TRUE;
      self->drag_start = self->view.start + offset_x * per_pixel;
      weft_timeline_area_stop_following (self);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
      self->pointer_cursor = FALSE;
    }

  /* The content follows the pointer: dragging right shows earlier moments. */
  weft_timeline_area_set_view (self, self->drag_start - offset_x * per_pixel,
                               weft_timeline_area_view_span (self));
  weft_timeline_area_view_changed (self);
}

static void
drag_end_cb (GtkGestureDrag   *gesture,
             double            offset_x,
             double            offset_y,
             WeftTimelineArea *self)
{
  if (self->drag_moved)
    gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

/* The actor whose lane label is at (@x, @y), if any. */
static gboolean
thread_label_at (WeftTimelineArea *self,
                 double            x,
                 double            y,
                 guint            *actor)
{
  WeftTimelineLayout layout;
  int lane;

  if (!weft_timeline_area_get_layout (self, &layout) || x < 0 || x >= layout.label_width)
    return FALSE;
  lane = weft_timeline_lane_at (&layout, y);
  if (lane < 0 || weft_model_get_lane_kind (self->model, lane) != WEFT_LANE_THREAD)
    return FALSE;
  *actor = weft_model_get_lane_subject (self->model, lane);
  return TRUE;
}

gboolean
weft_timeline_area_activate_at (WeftTimelineArea *self,
                                double            x,
                                double            y)
{
  guint actor;

  g_return_val_if_fail (WEFT_IS_TIMELINE_AREA (self), FALSE);

  if (!thread_label_at (self, x, y, &actor))
    return FALSE;
  weft_timeline_area_emit_actor_activated (self, actor);
  return TRUE;
}

gboolean
weft_timeline_area_drag_cursor (WeftTimelineArea *self,
                                double            from_x,
                                double            to_x)
{
  g_return_val_if_fail (WEFT_IS_TIMELINE_AREA (self), FALSE);

  drag_begin_cb (NULL, from_x, 0, self);
  if (self->drag_cursor_from < 0)
    return FALSE;
  drag_update_cb (NULL, to_x - from_x, 0, self);
  drag_end_cb (NULL, to_x - from_x, 0, self);
  return TRUE;
}

gboolean
weft_timeline_area_place_cursor_at (WeftTimelineArea *self,
                                    double            x)
{
  WeftTimelineLayout layout;
  guint64 time_ns;

  g_return_val_if_fail (WEFT_IS_TIMELINE_AREA (self), FALSE);

  /* Nothing has happened yet (a run not started): no moment to show. Stopping there would
   * leave the view on the first microsecond for the whole run. */
  if (self->viewport == NULL || weft_model_get_end_ns (self->model) == 0 ||
      !weft_timeline_area_get_layout (self, &layout) ||
      x < layout.plot_x || x > layout.plot_x + layout.plot_width)
    return FALSE;
  time_ns = weft_model_axis_to_time (self->model, weft_timeline_axis_at (&layout, &self->view, x));
  /* The teacher looks at that moment: the view stops moving under it. */
  weft_timeline_area_stop_following (self);
  weft_viewport_set_cursor (self->viewport, MIN (time_ns, weft_model_get_end_ns (self->model)));
  return TRUE;
}

static void
click_released_cb (GtkGestureClick  *gesture,
                   int               n_press,
                   double            x,
                   double            y,
                   WeftTimelineArea *self)
{
  if (self->drag_moved)
    return;
  /* A thread's name steps it; anywhere on the lanes places the time cursor. */
  if (!weft_timeline_area_activate_at (self, x, y))
    weft_timeline_area_place_cursor_at (self, x);
}

/* Up and Down choose a thread, Return steps it: the keyboard's way to click a name. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                WeftTimelineArea      *self)
{
  int n;

  if (self->model == NULL || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  n = (int) weft_model_get_n_actors (self->model);
  if (n == 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      self->key_lane = self->key_lane < 0 ? 0 : MIN (self->key_lane + 1, n - 1);
      break;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      self->key_lane = self->key_lane < 0 ? n - 1 : MAX (self->key_lane - 1, 0);
      break;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      if (self->key_lane < 0)
        return FALSE;
      weft_timeline_area_emit_actor_activated (self, (guint) self->key_lane);
      return TRUE;

    default:
      return FALSE;
    }

  weft_live_description_refresh (&self->description);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

int
weft_timeline_area_get_key_lane (WeftTimelineArea *self)
{
  g_return_val_if_fail (WEFT_IS_TIMELINE_AREA (self), -1);

  return self->key_lane;
}

gboolean
weft_timeline_area_press_key (WeftTimelineArea *self,
                              guint             keyval)
{
  g_return_val_if_fail (WEFT_IS_TIMELINE_AREA (self), FALSE);

  return key_pressed_cb (NULL, keyval, 0, 0, self);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           WeftTimelineArea         *self)
{
  guint actor;
  gboolean over;

  self->pointer_x = x;
  if (self->drag_moved && gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller)) & GDK_BUTTON1_MASK)
    return;

  /* The names are buttons: say so. */
  over = thread_label_at (self, x, y, &actor);
  if (over == self->pointer_cursor)
    return;
  self->pointer_cursor = over;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), over ? "pointer" : NULL);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          WeftTimelineArea         *self)
{
  self->pointer_x = -1;
  if (self->pointer_cursor)
    {
      self->pointer_cursor = FALSE;
      gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
    }
}

void
weft_timeline_area_init_input (WeftTimelineArea *self)
{
  GtkEventController *keys, *scroll, *motion;
  GtkGesture *drag, *click;

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  /* The chosen thread's frame shows only with the focus. */
  g_signal_connect (self, "notify::has-focus", G_CALLBACK (gtk_widget_queue_draw), NULL);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}
