/* weft-scene-area.c — the live scene: a widget that draws the resource-allocation graph
 * of a borrowed WeftModel at one moment with weft_scene_draw() in its snapshot, so what
 * the window shows is what an export draws. A click on a thread's circle emits
 * "actor-activated" (found with weft_scene_actor_at(), which lays the scene out as the
 * drawing does); hovering one tells its state, what it holds and what it wants, and
 * hovering a resource's box what it is, who holds it, who waits for it and its value.
 * A text scale (the window's text size and presentation mode) enlarges the scene's type.
 *
 * Everything runs on the main thread: the window syncs the model and calls
 * weft_scene_area_update() once a frame.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "weft-scene-area-private.h"
#include "weft-live-description.h"


struct _WeftSceneArea
{
  GtkWidget    parent_instance;

  WeftModel   *model;          /* borrowed: the caller sets NULL before freeing it */
  WeftThemeId  theme;
  double       text_scale;     /* 1.0: the scene's own size */
  guint64      time_ns;        /* G_MAXUINT64: the model's end */
  WeftViewport *viewport;      /* the moment shown follows it; NULL: none */
  gboolean     pointer_cursor; /* over a circle */
  /* Where the actors are in the frame on screen, and of which moment and size: the
   * pointer is tested against what the user sees, without laying the scene out again. */
  WeftSceneHits *hits;
  guint64      hits_time;
  int          hits_width, hits_height;
  double       hits_text_scale;
  WeftTextCache *text_cache;   /* the words of the last frames, shaped once */

  WeftLiveDescription description;
};

G_DEFINE_FINAL_TYPE (WeftSceneArea, weft_scene_area, GTK_TYPE_WIDGET)

enum
{
  ACTOR_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

guint64
weft_scene_area_get_shown_time (WeftSceneArea *self)
{
  g_return_val_if_fail (WEFT_IS_SCENE_AREA (self), 0);

  if (self->model == NULL)
    return 0;
  return MIN (self->time_ns, weft_model_get_end_ns (self->model));
}

char *
weft_scene_area_describe_moment (WeftSceneArea *self)
{
  g_autofree char *seconds = NULL;
  const guint64 *steps;
  guint n_steps, step = 0;
  guint64 time_ns;

  g_return_val_if_fail (WEFT_IS_SCENE_AREA (self), NULL);

  if (self->model == NULL || self->time_ns == G_MAXUINT64)
    return NULL;
  time_ns = weft_scene_area_get_shown_time (self);
  /* Translators: the moment the scene shows, in seconds since the run started. */
  seconds = g_strdup_printf (_("%.3f s"), time_ns / 1e9);
  steps = weft_model_get_step_times (self->model, &n_steps);
  while (step < n_steps && steps[step] <= time_ns)
    step++;
  if (n_steps == 0)
    return g_steal_pointer (&seconds);
  /* Translators: written on the scene when it shows a past moment: "step 12 · 0.812 s". */
  return g_strdup_printf (_("step %u · %s"), step, seconds);
}

/* The moment shown, when it is not the live end: written at the scene's top left, large
 * enough for the back of a room, so that a past moment is never shown silently. */
static void
draw_moment (WeftSceneArea   *self,
             cairo_t         *cr,
             const WeftTheme *theme)
{
  g_autofree char *text = weft_scene_area_describe_moment (self);
  g_autoptr(PangoLayout) layout = NULL;
  PangoFontDescription *font;
  int text_width, text_height;
  double pad;

  if (text == NULL)
    return;
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  font = pango_font_description_from_string ("Sans Bold");
  pango_font_description_set_absolute_size (font, 18.0 * self->text_scale * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  pad = 6.0 * self->text_scale;

  cairo_rectangle (cr, pad, pad, text_width + 2 * pad, text_height + pad);
  weft_theme_set_source (cr, &theme->background);
  cairo_fill_preserve (cr);
  weft_theme_set_source (cr, &theme->text);
  cairo_set_line_width (cr, 2.0);
  cairo_stroke (cr);
  cairo_move_to (cr, 2 * pad, pad * 1.5);
  pango_cairo_show_layout (cr, layout);
}

/* Description -------------------------------------------------------------------------------- */

static char *
describe (gpointer view)
{
  WeftSceneArea *self = view;

  g_autofree char *moment = NULL;
  g_autofree char *threads = NULL;

  if (self->model == NULL)
    return NULL;
  threads = weft_describe_threads_at (self->model, weft_scene_area_get_shown_time (self));
  moment = weft_scene_area_describe_moment (self);
  if (moment == NULL || threads == NULL)
    return g_steal_pointer (&threads);
  /* Translators: a screen reader's description of the scene at a past moment: the moment
   * ("step 12 · 0.812 s"), then what the threads do then. */
  return g_strdup_printf (_("At %s: %s"), moment, threads);
}

/* Pointer ------------------------------------------------------------------------------------ */

static void
clear_hits (WeftSceneArea *self)
{
  g_clear_pointer (&self->hits, weft_scene_hits_free);
}

static void
set_hits (WeftSceneArea *self,
          WeftSceneHits *hits,
          int            width,
          int            height)
{
  clear_hits (self);
  self->hits = hits;
  self->hits_time = weft_scene_area_get_shown_time (self);
  self->hits_width = width;
  self->hits_height = height;
  self->hits_text_scale = self->text_scale;
}

/* The hit regions of the scene as it is now; NULL without a model or a size. */
static const WeftSceneHits *
current_hits (WeftSceneArea *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->model == NULL || width <= 0 || height <= 0)
    return NULL;
  /* Not drawn yet as it is now (resized, another moment, another text size): laid out
   * for the question. */
  if (self->hits == NULL || self->hits_width != width || self->hits_height != height ||
      self->hits_text_scale != self->text_scale ||
      self->hits_time != weft_scene_area_get_shown_time (self))
    set_hits (self, weft_scene_hits_new (self->model, weft_scene_area_get_shown_time (self),
                                         width, height, self->text_scale),
              width, height);
  return self->hits;
}

static int
actor_at (WeftSceneArea *self,
          double         x,
          double         y)
{
  return weft_scene_hits_actor_at (current_hits (self), x, y);
}

gboolean
weft_scene_area_activate_at (WeftSceneArea *self,
                             double         x,
                             double         y)
{
  int actor;

  g_return_val_if_fail (WEFT_IS_SCENE_AREA (self), FALSE);

  actor = actor_at (self, x, y);
  if (actor < 0)
    return FALSE;
  g_signal_emit (self, signals[ACTOR_ACTIVATED], 0, (guint) actor);
  return TRUE;
}

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   WeftSceneArea   *self)
{
  weft_scene_area_activate_at (self, x, y);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           WeftSceneArea            *self)
{
  /* The circles are buttons: say so. */
  gboolean over = actor_at (self, x, y) >= 0;

  if (over == self->pointer_cursor)
    return;
  self->pointer_cursor = over;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), over ? "pointer" : NULL);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          WeftSceneArea            *self)
{
  if (!self->pointer_cursor)
    return;
  self->pointer_cursor = FALSE;
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

/* Tooltip ------------------------------------------------------------------------------------ */

char *
weft_scene_area_describe_at (WeftSceneArea *self,
                             double         x,
                             double         y)
{
  int actor, object;

  g_return_val_if_fail (WEFT_IS_SCENE_AREA (self), NULL);

  /* A thread: what it does, wants and holds; a resource: what it is, who holds it, who
   * waits for it, its value. */
  actor = actor_at (self, x, y);
  if (actor >= 0)
    return weft_describe_thread_details_at (self->model, actor, weft_scene_area_get_shown_time (self));
  object = weft_scene_hits_object_at (current_hits (self), x, y);
  if (object < 0)
    return NULL;
  return weft_describe_object_at (self->model, object, weft_scene_area_get_shown_time (self));
}

static gboolean
weft_scene_area_query_tooltip (GtkWidget  *widget,
                               int         x,
                               int         y,
                               gboolean    keyboard_mode,
                               GtkTooltip *tooltip)
{
  g_autofree char *text = weft_scene_area_describe_at (WEFT_SCENE_AREA (widget), x, y);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* GtkWidget ----------------------------------------------------------------------------------- */

static void
weft_scene_area_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  WeftSceneArea *self = WEFT_SCENE_AREA (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  const WeftTheme *theme = weft_theme_get (self->theme);
  cairo_t *cr;

  if (self->model == NULL || width <= 0 || height <= 0)
    return;

  /* The theme's background too: the screen is the exported slide. */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  weft_theme_set_source (cr, &theme->background);
  cairo_paint (cr);
  set_hits (self,
            weft_scene_draw_with_hits (cr, self->model, theme, weft_scene_area_get_shown_time (self),
                                       width, height, self->text_scale, self->text_cache, NULL),
            width, height);
  draw_moment (self, cr, theme);
  cairo_destroy (cr);
}

static void
weft_scene_area_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  *minimum = 160;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 360;
}

static void
weft_scene_area_dispose (GObject *object)
{
  WeftSceneArea *self = WEFT_SCENE_AREA (object);

  weft_live_description_clear (&self->description);
  clear_hits (self);
  self->model = NULL;
  weft_scene_area_set_viewport (self, NULL);
  g_clear_pointer (&self->text_cache, weft_text_cache_free);

  G_OBJECT_CLASS (weft_scene_area_parent_class)->dispose (object);
}

static void
weft_scene_area_class_init (WeftSceneAreaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = weft_scene_area_dispose;

  widget_class->snapshot = weft_scene_area_snapshot;
  widget_class->measure = weft_scene_area_measure;
  widget_class->query_tooltip = weft_scene_area_query_tooltip;

  signals[ACTOR_ACTIVATED] =
    g_signal_new ("actor-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "scene");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
weft_scene_area_init (WeftSceneArea *self)
{
  GtkGesture *click;
  GtkEventController *motion;

  weft_live_description_init (&self->description, GTK_ACCESSIBLE (self), describe);
  self->theme = WEFT_THEME_LIGHT;
  self->text_scale = 1.0;
  self->time_ns = G_MAXUINT64;
  self->text_cache = weft_text_cache_new ();

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  /* Translators: what a screen reader calls the scene. */
                                  _("Scene: who holds and who wants each resource"), -1);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}

/* Public API ---------------------------------------------------------------------------------- */

GtkWidget *
weft_scene_area_new (void)
{
  return g_object_new (WEFT_TYPE_SCENE_AREA, NULL);
}

void
weft_scene_area_set_model (WeftSceneArea *self,
                           WeftModel     *model)
{
  g_return_if_fail (WEFT_IS_SCENE_AREA (self));

  if (model == self->model)
    return;

  self->model = model;
  clear_hits (self);
  if (self->pointer_cursor)
    {
      self->pointer_cursor = FALSE;
      gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
    }
  weft_live_description_refresh (&self->description);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
weft_scene_area_set_theme (WeftSceneArea *self,
                           WeftThemeId    theme)
{
  g_return_if_fail (WEFT_IS_SCENE_AREA (self));
  g_return_if_fail (theme < WEFT_N_THEMES);

  if (theme == self->theme)
    return;
  self->theme = theme;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
weft_scene_area_set_text_scale (WeftSceneArea *self,
                                double         scale)
{
  g_return_if_fail (WEFT_IS_SCENE_AREA (self));
  g_return_if_fail (scale > 0);

  if (scale == self->text_scale)
    return;
  self->text_scale = scale;
  /* The hits follow at the next frame, or at the next question before it. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
weft_scene_area_get_text_scale (WeftSceneArea *self)
{
  g_return_val_if_fail (WEFT_IS_SCENE_AREA (self), 1.0);

  return self->text_scale;
}

void
weft_scene_area_set_time (WeftSceneArea *self,
                          guint64        time_ns)
{
  g_return_if_fail (WEFT_IS_SCENE_AREA (self));

  if (time_ns == self->time_ns)
    return;
  self->time_ns = time_ns;
  weft_live_description_queue (&self->description);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
viewport_changed_cb (WeftSceneArea *self,
                     GParamSpec    *pspec,
                     WeftViewport  *viewport)
{
  weft_scene_area_set_time (self, weft_viewport_get_shown_time (viewport));
}

static void
viewport_text_scale_cb (WeftSceneArea *self,
                        GParamSpec    *pspec,
                        WeftViewport  *viewport)
{
  weft_scene_area_set_text_scale (self, weft_viewport_get_text_scale (viewport));
}

void
weft_scene_area_set_viewport (WeftSceneArea *self,
                              WeftViewport  *viewport)
{
  g_return_if_fail (WEFT_IS_SCENE_AREA (self));
  g_return_if_fail (viewport == NULL || WEFT_IS_VIEWPORT (viewport));

  if (viewport == self->viewport)
    return;

  if (self->viewport != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->viewport, viewport_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->viewport, viewport_text_scale_cb, self);
    }
  g_set_object (&self->viewport, viewport);
  if (viewport == NULL)
    return;

  /* The live end, or the time cursor's moment. */
  g_signal_connect_object (viewport, "notify::cursor-time", G_CALLBACK (viewport_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::text-scale", G_CALLBACK (viewport_text_scale_cb),
                           self, G_CONNECT_SWAPPED);
  viewport_changed_cb (self, NULL, viewport);
  viewport_text_scale_cb (self, NULL, viewport);
}

void
weft_scene_area_update (WeftSceneArea *self)
{
  g_return_if_fail (WEFT_IS_SCENE_AREA (self));

  if (self->model == NULL)
    return;
  weft_live_description_queue (&self->description);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
