/* weft-timeline-area.c — the live timeline: a widget that draws a borrowed WeftModel with
 * weft_timeline_draw() in its snapshot, so what the window shows is what an export
 * draws, and turns the pointer into a view of it.
 *
 * The view is a window on the model's axis (nanoseconds, or steps in step mode). While
 * it follows the live edge its end stays on the axis' end; after zoom_fit it holds the
 * whole run and grows with it. Ctrl+scroll zooms around the pointer, dragging and plain
 * scrolling pan: those stop the following, since the user is looking somewhere. A click
 * on a thread's name emits "actor-activated"; hovering a lane tells what it was doing.
 *
 * Everything runs on the main thread: the window syncs the model and calls
 * weft_timeline_area_update() once a frame.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "weft-timeline-area-private.h"
#include "weft-live-description.h"

/* The narrowest view: a microsecond of a run, one step of a stepped run. Narrower shows
 * nothing the model can tell apart. */
#define MIN_SPAN_NS    1000.0
#define MIN_SPAN_STEPS 1.0
/* zoom_in and zoom_out. */
#define ZOOM_FACTOR    1.5
/* A wheel notch pans a tenth of the view, or with Ctrl zooms by this much. */
#define WHEEL_PAN      0.1
#define WHEEL_ZOOM     1.25
/* Touchpads scroll in pixels: this many make one notch's zoom. */
#define PIXELS_PER_NOTCH 20.0

struct _WeftTimelineArea
{
  GtkWidget         parent_instance;

  WeftModel        *model;          /* borrowed: the caller sets NULL before freeing it */
  WeftThemeId       theme;
  WeftTimelineView  view;
  gboolean          follow_live;
  gboolean          fit;            /* following with the whole run in view */
  gboolean          jumped;         /* the focus is jump_time, not the view's end */
  guint64           jump_time;
  guint64           focus_time;
  WeftMode          axis_mode;      /* the model's axis the view is on: time or steps */

  double            drag_start;     /* the view's start the drag moves from */
  gboolean          drag_moved;     /* past the threshold: a pan, not a click */
  double            pointer_x;      /* for Ctrl+scroll; < 0 when the pointer is away */
  gboolean          pointer_cursor; /* over a thread's name */
  int               key_lane;       /* the thread lane chosen with Up / Down; -1: none */
  double            text_scale;     /* the window's text-size setting, 1 = normal */

  /* What the views share: the window, following and the focus are written to it, a
   * jump of it moves this view. NULL: none. */
  WeftViewport     *viewport;
  GBinding         *follow_binding;

  WeftLiveDescription description;
};

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

/* The view --------------------------------------------------------------------------------- */

static double
min_span (WeftTimelineArea *self)
{
  guint n_parts;
  const WeftModelFreePart *parts;
  double span = MIN_SPAN_STEPS;

  if (weft_model_get_mode (self->model) != WEFT_MODE_STEP)
    return MIN_SPAN_NS;
  /* A stepped run let go: the free part is drawn in time, and zooms in as far as a run's. */
  parts = weft_model_get_free_parts (self->model, &n_parts);
  for (guint i = 0; i < n_parts; i++)
    if (parts[i].end_ns > parts[i].start_ns)
      span = MIN (span, MIN_SPAN_NS * (parts[i].axis_end - parts[i].axis_start) /
                          (parts[i].end_ns - parts[i].start_ns));
  return span;
}

/* The whole run, as weft_timeline_view_whole() frames it, and never narrower than the
 * narrowest view (a run that has just started spans nothing yet). */
static void
get_whole (WeftTimelineArea *self,
           WeftTimelineView *whole)
{
  *whole = self->view;
  weft_timeline_view_whole (self->model, whole);
  if (whole->end - whole->start < min_span (self))
    whole->end = whole->start + min_span (self);
}

/* @span, between the narrowest view and the whole run. */
static double
clamp_span (WeftTimelineArea *self,
            double            span)
{
  WeftTimelineView whole;

  get_whole (self, &whole);
  return CLAMP (span, min_span (self), whole.end - whole.start);
}

/* Sets the view to start at @start and last @span, within the run: the span clamped, the
 * start moved so the view stays on the run. */
static void
set_view (WeftTimelineArea *self,
          double            start,
          double            span)
{
  WeftTimelineView whole;

  get_whole (self, &whole);
  span = clamp_span (self, span);
  start = CLAMP (start, whole.start, whole.end - span);
  self->view.start = start;
  self->view.end = start + span;
}

static double
view_span (WeftTimelineArea *self)
{
  return self->view.end - self->view.start;
}

/* Whether @span is as wide as the whole run may be. */
static gboolean
spans_whole (WeftTimelineArea *self,
             double            span)
{
  WeftTimelineView whole;

  get_whole (self, &whole);
  return span >= (whole.end - whole.start) * (1 - 1e-9);
}

static void
move_to_live_edge (WeftTimelineArea *self)
{
  if (self->fit)
    get_whole (self, &self->view);
  else
    {
      double span = view_span (self);

      set_view (self, weft_model_get_axis_end (self->model) - span, span);
    }
}

/* A free run paused and stepped: the model's axis changes from time to steps. The view
 * keeps showing the same moments (a following view is placed again below). */
static void
follow_axis_change (WeftTimelineArea *self)
{
  WeftMode mode = weft_model_get_mode (self->model);

  if (mode == self->axis_mode)
    return;
  if (self->axis_mode == WEFT_MODE_RUN)
    {
      self->view.start = weft_model_time_to_axis (self->model, (guint64) MAX (self->view.start, 0));
      self->view.end = weft_model_time_to_axis (self->model, (guint64) MAX (self->view.end, 0));
    }
  else
    {
      self->view.start = (double) weft_model_axis_to_time (self->model, self->view.start);
      self->view.end = (double) weft_model_axis_to_time (self->model, self->view.end);
    }
  self->axis_mode = mode;
  if (self->view.end <= self->view.start)
    get_whole (self, &self->view);
}

/* Description -------------------------------------------------------------------------------- */

static char *describe_thread (WeftTimelineArea *self,
                              guint             actor,
                              guint64           time_ns);

static char *
describe (gpointer view)
{
  WeftTimelineArea *self = view;

  if (self->model == NULL)
    return NULL;
  /* A thread chosen with the keyboard: what it does, for a screen reader. */
  if (self->key_lane >= 0 && (guint) self->key_lane < weft_model_get_n_actors (self->model))
    return describe_thread (self, (guint) self->key_lane,
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
          self->fit = spans_whole (self, view_span (self));
          move_to_live_edge (self);
        }
    }
  else
    self->fit = FALSE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW_LIVE]);
  update_focus (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The user looks somewhere else: the view stops following and forgets a jump. */
static void
stop_following (WeftTimelineArea *self)
{
  self->jumped = FALSE;
  set_follow_live (self, FALSE);
}

/* On screen the words stay at least as large as the desktop's text, read from the back
 * of a classroom; an exported slide sizes them from its own size (get_view() gives 0). */
#define SCREEN_MIN_FONT_SIZE 14.0

static double
screen_font_size (WeftTimelineArea *self,
                  int               width,
                  int               height)
{
  return MAX (weft_render_font_size (width, height), SCREEN_MIN_FONT_SIZE) * self->text_scale;
}

static gboolean
get_layout (WeftTimelineArea   *self,
            WeftTimelineLayout *layout)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->model == NULL || width <= 0 || height <= 0)
    return FALSE;
  self->view.font_size = screen_font_size (self, width, height);
  weft_timeline_get_layout (self->model, &self->view, width, height, layout);
  return TRUE;
}

/* Zooming and panning --------------------------------------------------------------------- */

static void
view_changed (WeftTimelineArea *self)
{
  update_focus (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The buttons' zoom: around the view's centre, or on the live edge while following (the
 * live end stays in view, and following goes on). */
static void
zoom_by (WeftTimelineArea *self,
         double            factor)
{
  double span;

  if (self->model == NULL)
    return;

  /* Clamped first, so that the anchor (the live edge, the centre) stays put at the
   * zoom's limits. */
  span = clamp_span (self, view_span (self) * factor);
  if (self->follow_live)
    {
      self->fit = spans_whole (self, span);
      if (self->fit)
        get_whole (self, &self->view);
      else
        set_view (self, weft_model_get_axis_end (self->model) - span, span);
    }
  else
    {
      double centre = (self->view.start + self->view.end) / 2;

      set_view (self, centre - span / 2, span);
    }
  view_changed (self);
}

void
weft_timeline_area_zoom_at (WeftTimelineArea *self,
                            double            x,
                            double            factor)
{
  WeftTimelineLayout layout;
  double anchor, fraction, span;

  g_return_if_fail (WEFT_IS_TIMELINE_AREA (self));
  g_return_if_fail (factor > 0);

  if (!get_layout (self, &layout))
    return;

  stop_following (self);
  x = CLAMP (x, layout.plot_x, layout.plot_x + layout.plot_width);
  anchor = weft_timeline_axis_at (&layout, &self->view, x);
  fraction = (anchor - self->view.start) / view_span (self);
  /* Clamped first, so the moment under the pointer stays under it at the zoom's limits. */
  span = clamp_span (self, view_span (self) * factor);
  set_view (self, anchor - fraction * span, span);
  view_changed (self);
}

void
weft_timeline_area_pan_by (WeftTimelineArea *self,
                           double            dx)
{
  WeftTimelineLayout layout;

  g_return_if_fail (WEFT_IS_TIMELINE_AREA (self));

  if (!get_layout (self, &layout))
    return;
  stop_following (self);
  set_view (self, self->view.start + dx * view_span (self) / layout.plot_width, view_span (self));
  view_changed (self);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           WeftTimelineArea         *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;
  WeftTimelineLayout layout;

  if (!get_layout (self, &layout))
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

static void
drag_begin_cb (GtkGestureDrag   *gesture,
               double            x,
               double            y,
               WeftTimelineArea *self)
{
  self->drag_moved = FALSE;
}

static void
drag_update_cb (GtkGestureDrag   *gesture,
                double            offset_x,
                double            offset_y,
                WeftTimelineArea *self)
{
  WeftTimelineLayout layout;
  double per_pixel;

  if (!get_layout (self, &layout))
    return;
  per_pixel = view_span (self) / layout.plot_width;

  if (!self->drag_moved)
    {
      if (!gtk_drag_check_threshold (GTK_WIDGET (self), 0, 0, (int) offset_x, (int) offset_y))
        return;
      /* From where the view is now: it may have followed the run since the press. */
      self->drag_moved = TRUE;
      self->drag_start = self->view.start + offset_x * per_pixel;
      stop_following (self);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
      self->pointer_cursor = FALSE;
    }

  /* The content follows the pointer: dragging right shows earlier moments. */
  set_view (self, self->drag_start - offset_x * per_pixel, view_span (self));
  view_changed (self);
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

/* Pointer ------------------------------------------------------------------------------------ */

/* The actor whose lane label is at (@x, @y), if any. */
static gboolean
thread_label_at (WeftTimelineArea *self,
                 double            x,
                 double            y,
                 guint            *actor)
{
  WeftTimelineLayout layout;
  int lane;

  if (!get_layout (self, &layout) || x < 0 || x >= layout.label_width)
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
  g_signal_emit (self, signals[ACTOR_ACTIVATED], 0, actor);
  return TRUE;
}

static void
click_released_cb (GtkGestureClick  *gesture,
                   int               n_press,
                   double            x,
                   double            y,
                   WeftTimelineArea *self)
{
  if (!self->drag_moved)
    weft_timeline_area_activate_at (self, x, y);
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
      g_signal_emit (self, signals[ACTOR_ACTIVATED], 0, (guint) self->key_lane);
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

/* Tooltips ----------------------------------------------------------------------------------- */

/* Decimals enough to tell @t0 from @t1 in @unit, at least three. */
static int
decimals_for (guint64 t0,
              guint64 t1,
              double  unit)
{
  double length = (t1 - t0) / unit;
  int decimals = 3;

  while (decimals < 6 && length > 0 && length < pow (10, 1 - decimals))
    decimals++;
  return decimals;
}

/* The step (from 1) at @t, 0 before the first: the last one started at or before it. */
static int
step_at (WeftTimelineArea *self,
         guint64           t)
{
  guint n;
  const guint64 *steps = weft_model_get_step_times (self->model, &n);
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (steps[mid] <= t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return (int) lo;
}

/* Whether @t is in a free part of a stepped run let go: drawn in time, described so. */
static gboolean
in_free_part (WeftTimelineArea *self,
              guint64           t)
{
  guint n;
  const WeftModelFreePart *parts = weft_model_get_free_parts (self->model, &n);

  for (guint i = 0; i < n; i++)
    if (t >= parts[i].start_ns && t <= parts[i].end_ns)
      return TRUE;
  return FALSE;
}

/* "1.234 s → 2.000 s"; in step mode the steps: "step 3 → step 5". */
static char *
describe_interval (WeftTimelineArea *self,
                   guint64           t0,
                   guint64           t1)
{
  if (weft_model_get_mode (self->model) == WEFT_MODE_STEP && !in_free_part (self, t0))
    {
      int s0 = step_at (self, t0);
      int s1 = in_free_part (self, t1) ? s0 : step_at (self, t1);

      if (s0 == s1)
        /* Translators: when something happened in step mode, "step 3". */
        return g_strdup_printf (_("step %d"), s0);
      /* Translators: from one step to another, "step 3 → step 5". */
      return g_strdup_printf (_("step %d → step %d"), s0, s1);
    }

  if (t1 >= 1000000000)
    {
      int d = decimals_for (t0, t1, 1e9);

      /* Translators: a span of time in seconds, "1.234 s → 2.000 s". */
      return g_strdup_printf (_("%.*f s → %.*f s"), d, t0 / 1e9, d, t1 / 1e9);
    }
  if (t1 >= 1000000)
    {
      int d = decimals_for (t0, t1, 1e6);

      /* Translators: a span of time in milliseconds. */
      return g_strdup_printf (_("%.*f ms → %.*f ms"), d, t0 / 1e6, d, t1 / 1e6);
    }
  /* Translators: a span of time in microseconds. */
  return g_strdup_printf (_("%.1f µs → %.1f µs"), t0 / 1e3, t1 / 1e3);
}

static char *
describe_thread (WeftTimelineArea *self,
                 guint             actor,
                 guint64           time_ns)
{
  const char *name = weft_model_get_actor_name (self->model, actor);
  gssize k = weft_model_find_thread_span (self->model, actor, time_ns);
  const WeftThreadSpan *spans;
  guint n;
  g_autofree char *what = NULL;
  g_autofree char *when = NULL;

  if (k < 0)
    /* Translators: a timeline tooltip before the thread started; %s is its name. */
    return g_strdup_printf (_("%s — not started"), name);

  spans = weft_model_get_thread_spans (self->model, actor, &n);
  what = weft_describe_thread_span (self->model, actor, &spans[k]);
  when = describe_interval (self, spans[k].start_ns,
                            (guint) k + 1 < n ? spans[k + 1].start_ns : weft_model_get_end_ns (self->model));
  /* Translators: a timeline tooltip: the thread, what it does, when;
   * "Kant — blocked on fork 2 · 1.234 s → 2.000 s". */
  return g_strdup_printf (_("%s — %s · %s"), name, what, when);
}

/* The actors (or items) of a span's list, "Kant, Marx…". */
static void
append_list (GString                *out,
             WeftModel              *model,
             const WeftResourceSpan *span,
             gboolean                actors)
{
  const gint32 *list = weft_model_get_span_list (model, span);

  for (guint i = 0; i < span->n_list; i++)
    {
      if (i > 0)
        g_string_append (out, _(", "));
      if (!actors)
        g_string_append_printf (out, "%d", list[i]);
      else if (list[i] >= 0 && (guint) list[i] < weft_model_get_n_actors (model))
        g_string_append (out, weft_model_get_actor_name (model, list[i]));
      else
        g_string_append (out, "?");
    }
  if (span->flags & WEFT_SPAN_LIST_CUT)
    g_string_append (out, "…");
}

static char *
describe_resource (WeftTimelineArea *self,
                   WeftLaneKind      kind,
                   guint             object,
                   guint64           time_ns)
{
  WeftModel *model = self->model;
  const char *name = weft_model_get_object_name (model, object);
  gssize k = weft_model_find_resource_span (model, object, time_ns);
  const WeftResourceSpan *spans, *span;
  const char *owner = NULL;
  guint n;
  GString *what;
  g_autofree char *when = NULL;

  if (k < 0)
    /* Translators: a timeline tooltip before a resource was first used; %s is its name. */
    return g_strdup_printf (_("%s — unused"), name);

  spans = weft_model_get_resource_spans (model, object, &n);
  span = &spans[k];
  if (span->owner < weft_model_get_n_actors (model))
    owner = weft_model_get_actor_name (model, span->owner);
  what = g_string_new (NULL);

  switch (kind)
    {
    case WEFT_LANE_LOCK:
      if (span->value == 0)
        /* Translators: a lock nobody holds. */
        g_string_append (what, C_("lock", "free"));
      else if (span->value > 1)
        /* Translators: a reentrant lock taken several times by one thread,
         * "held by Kant (2 times)". */
        g_string_append_printf (what, _("held by %s (%d times)"), owner != NULL ? owner : "?", span->value);
      else
        /* Translators: a lock and who holds it, "held by Kant". */
        g_string_append_printf (what, _("held by %s"), owner != NULL ? owner : "?");
      break;
    case WEFT_LANE_SEMAPHORE:
      {
        gint32 initial = weft_model_get_object_initial (model, object);

        if (span->value <= initial)
          /* Translators: a semaphore's units left out of its initial count, "2/3 free". */
          g_string_append_printf (what, _("%d/%d free"), span->value, initial);
        else
          /* Translators: a semaphore released more often than acquired. */
          g_string_append_printf (what, _("%d free"), span->value);
        if (span->n_list > 0)
          {
            /* Translators: after a semaphore's count: who holds its units, "held by A, B". */
            g_string_append (what, _(", held by "));
            append_list (what, model, span, TRUE);
          }
      }
      break;
    case WEFT_LANE_QUEUE:
      g_string_append_printf (what, g_dngettext (GETTEXT_PACKAGE, "%d item", "%d items", span->value),
                              span->value);
      if (span->n_list > 0)
        {
          /* Translators: between a queue's length and its items, "3 items: 5, 7, 9". */
          g_string_append (what, _(": "));
          append_list (what, model, span, FALSE);
        }
      break;
    case WEFT_LANE_SHARED:
      if (owner != NULL)
        /* Translators: a shared variable's value and who wrote it, "7000, written by Depositor". */
        g_string_append_printf (what, _("%d, written by %s"), span->value, owner);
      else
        g_string_append_printf (what, "%d", span->value);
      if (span->flags & WEFT_SPAN_STALE_WRITE)
        /* Translators: after a shared variable's value: this write overwrote a newer one. */
        g_string_append (what, _(" (lost update)"));
      break;
    case WEFT_LANE_THREAD:
    default:
      g_assert_not_reached ();
    }

  if (span->n_waiting > 0)
    {
      g_string_append (what, _(", "));
      /* Translators: how many threads wait for a resource, "2 waiting". */
      g_string_append_printf (what, g_dngettext (GETTEXT_PACKAGE, "%u waiting", "%u waiting",
                                                 span->n_waiting),
                              (guint) span->n_waiting);
    }

  when = describe_interval (self, span->start_ns,
                            (guint) k + 1 < n ? spans[k + 1].start_ns : weft_model_get_end_ns (model));
  {
    g_autofree char *words = g_string_free (what, FALSE);

    /* Translators: a timeline tooltip on a resource's lane: its name, its state, when;
     * "fork 2 — held by Kant, 1 waiting · 1.234 s → 2.000 s". */
    return g_strdup_printf (_("%s — %s · %s"), name, words, when);
  }
}

char *
weft_timeline_area_describe_at (WeftTimelineArea *self,
                                double            x,
                                double            y)
{
  WeftTimelineLayout layout;
  WeftLaneKind kind;
  guint subject;
  double axis;
  guint64 time_ns;
  int lane;

  g_return_val_if_fail (WEFT_IS_TIMELINE_AREA (self), NULL);

  if (!get_layout (self, &layout))
    return NULL;
  lane = weft_timeline_lane_at (&layout, y);
  if (lane < 0 || x < 0)
    return NULL;
  kind = weft_model_get_lane_kind (self->model, lane);
  subject = weft_model_get_lane_subject (self->model, lane);

  if (x < layout.plot_x)
    {
      if (kind == WEFT_LANE_THREAD)
        /* Translators: the tooltip of a thread's name in the timeline. */
        return g_strdup_printf (_("%s — click to step this thread"),
                                weft_model_get_actor_name (self->model, subject));
      return g_strdup (weft_model_get_object_name (self->model, subject));
    }

  axis = weft_timeline_axis_at (&layout, &self->view, x);
  if (axis < weft_model_get_axis_start (self->model))
    return NULL;
  /* After a deadlock the lanes are drawn frozen past the end: they say how it ended. */
  if (axis > weft_model_get_axis_end (self->model))
    {
      if (!weft_model_get_deadlock (self->model, NULL, NULL, NULL))
        return NULL;
      axis = weft_model_get_axis_end (self->model);
    }
  time_ns = MIN (weft_model_axis_to_time (self->model, axis), weft_model_get_end_ns (self->model));

  if (kind == WEFT_LANE_THREAD)
    return describe_thread (self, subject, time_ns);
  return describe_resource (self, kind, subject, time_ns);
}

static gboolean
weft_timeline_area_query_tooltip (GtkWidget  *widget,
                                  int         x,
                                  int         y,
                                  gboolean    keyboard_mode,
                                  GtkTooltip *tooltip)
{
  g_autofree char *text = weft_timeline_area_describe_at (WEFT_TIMELINE_AREA (widget), x, y);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
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
  follow_axis_change (self);

  /* The theme's background too: the screen is the exported slide. */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  weft_theme_set_source (cr, &theme->background);
  cairo_paint (cr);
  self->view.font_size = screen_font_size (self, width, height);
  weft_timeline_draw (cr, self->model, theme, &self->view, width, height, NULL);

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
  GtkGesture *drag, *click;
  GtkEventController *scroll, *motion;

  weft_live_description_init (&self->description, GTK_ACCESSIBLE (self), describe);
  self->key_lane = -1;
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
    /* The chosen thread's frame shows only with the focus. */
    g_signal_connect (self, "notify::has-focus", G_CALLBACK (gtk_widget_queue_draw), NULL);
  }
  self->theme = WEFT_THEME_LIGHT;
  self->text_scale = 1.0;
  self->follow_live = TRUE;
  self->fit = TRUE;
  self->view.show_flows = TRUE;
  self->pointer_x = -1;

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  /* Translators: what a screen reader calls the timeline. */
                                  _("Timeline of the run"), -1);

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
      get_whole (self, &self->view);
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
  follow_axis_change (self);
  if (self->follow_live)
    move_to_live_edge (self);
  update_focus (self);
  /* The counts at the focus change as the run goes, even when the focus does not. */
  weft_live_description_queue (&self->description);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
weft_timeline_area_zoom_in (WeftTimelineArea *self)
{
  g_return_if_fail (WEFT_IS_TIMELINE_AREA (self));

  zoom_by (self, 1 / ZOOM_FACTOR);
}

void
weft_timeline_area_zoom_out (WeftTimelineArea *self)
{
  g_return_if_fail (WEFT_IS_TIMELINE_AREA (self));

  zoom_by (self, ZOOM_FACTOR);
}

void
weft_timeline_area_zoom_fit (WeftTimelineArea *self)
{
  g_return_if_fail (WEFT_IS_TIMELINE_AREA (self));

  if (self->model == NULL)
    return;

  self->jumped = FALSE;
  self->fit = TRUE;
  get_whole (self, &self->view);
  if (!self->follow_live)
    {
      self->follow_live = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW_LIVE]);
    }
  view_changed (self);
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
  span = view_span (self);
  set_view (self, axis - span / 2, span);
  set_follow_live (self, FALSE);
  view_changed (self);
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
    }
  g_set_object (&self->viewport, viewport);
  if (viewport == NULL)
    return;

  /* The view's following is the viewport's, both ways: the window's "L", the user's pan. */
  self->follow_binding = g_object_bind_property (self, "follow-live", viewport, "follow-live",
                                                 G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (viewport, "jumped", G_CALLBACK (viewport_jumped_cb), self,
                           G_CONNECT_SWAPPED);
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
}

gboolean
weft_timeline_area_get_layout (WeftTimelineArea   *self,
                               WeftTimelineLayout *layout)
{
  g_return_val_if_fail (WEFT_IS_TIMELINE_AREA (self), FALSE);

  return get_layout (self, layout);
}
