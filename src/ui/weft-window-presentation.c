/* weft-window-presentation.c — the window in front of a class: the text size (scene,
 * timeline, legend, log), presentation mode, the legend under the timeline, the scene and
 * the timeline sharing the centre, the first start maximised on a projector-sized screen.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "weft-window-private.h"

/* The legend shows when asked for (the toggle, remembered), and always in presentation
 * mode, where it explains the picture to the class. */
void
weft_window_update_legend (WeftWindow *self)
{
  gtk_revealer_set_reveal_child (self->legend_revealer, self->show_legend || self->presentation);
}

/* The scene and the timeline share the centre: half and half, or more for the timeline
 * when its lanes need it to name every one at the text size (at most 55 % of the
 * centre), as the window grows or shrinks, until the user drags the divider (then it
 * stays where they put it). */
void
weft_window_balance_centre (WeftWindow *self)
{
  GtkPaned *paned = self->centre_paned;
  int height = gtk_widget_get_height (GTK_WIDGET (paned));
  int min_position, max_position, timeline, extra;

  if (height <= 0 || self->centre_dragged)
    return;
  /* What the timeline's pane holds besides the lanes: its bar and the legend. */
  extra = gtk_widget_get_height (gtk_paned_get_end_child (paned)) -
          gtk_widget_get_height (GTK_WIDGET (self->timeline_area));
  timeline = weft_timeline_area_get_wanted_height (self->timeline_area) + MAX (extra, 0);
  timeline = CLAMP (timeline, height / 2, height * 55 / 100);
  g_object_get (paned, "min-position", &min_position, "max-position", &max_position, NULL);
  gtk_paned_set_position (paned, CLAMP (height - timeline, min_position, max_position));
}

/* A press on the divider's handle: from now on the divider stays where the user puts
 * it. */
static void
centre_drag_begin_cb (WeftWindow     *self,
                      double          x,
                      double          y,
                      GtkGestureDrag *gesture)
{
  GtkWidget *start = gtk_paned_get_start_child (self->centre_paned);
  GtkWidget *end = gtk_paned_get_end_child (self->centre_paned);
  graphene_point_t end_top;

  if (!gtk_widget_compute_point (end, GTK_WIDGET (self->centre_paned), &GRAPHENE_POINT_INIT (0, 0), &end_top))
    return;
  if (y >= gtk_widget_get_height (start) && y <= end_top.y)
    self->centre_dragged = TRUE;
}

static void
centre_max_position_cb (WeftWindow *self,
                        GParamSpec *pspec,
                        GtkPaned   *paned)
{
  weft_window_balance_centre (self);
}

static double
effective_text_scale (WeftWindow *self)
{
  return self->text_scale * (self->presentation ? WEFT_PRESENTATION_TEXT_SCALE : 1.0);
}

static void
apply_text_scale (WeftWindow *self)
{
  double scale = effective_text_scale (self);
  g_autofree char *css = NULL;
  char percent[G_ASCII_DTOSTR_BUF_SIZE];

  /* The timeline and the scene follow the viewport they share. */
  weft_viewport_set_text_scale (weft_session_get_viewport (self->session), scale);
  weft_legend_area_set_text_scale (self->legend_area, scale);
  /* CSS numbers take a dot whatever the locale. */
  g_ascii_formatd (percent, sizeof percent, "%.0f", scale * 100);
  css = g_strdup_printf (".weft-log-text { font-size: %s%%; }", percent);
  gtk_css_provider_load_from_data (self->text_css, css, -1);
  weft_window_balance_centre (self);
}

void
weft_window_set_text_scale (WeftWindow *self,
                            double      scale)
{
  g_return_if_fail (WEFT_IS_WINDOW (self));

  scale = CLAMP (scale, WEFT_TEXT_SCALE_MIN, WEFT_TEXT_SCALE_MAX);
  if (fabs (scale - self->text_scale) < 1e-6)
    return;
  self->text_scale = scale;
  g_settings_set_double (self->settings, "text-scale", scale);
  apply_text_scale (self);
  weft_window_update_actions (self);
}

/* Presentation mode: what the class needs, large — the scene, the timeline and the
 * legend; the side panel and the log go, and come back as they were. The flaps are
 * locked meanwhile, so a change of size (full screen) does not bring them back. */
void
weft_window_set_presentation (WeftWindow *self,
                              gboolean    presentation)
{
  g_return_if_fail (WEFT_IS_WINDOW (self));

  presentation = !!presentation;
  if (presentation == self->presentation)
    return;

  self->presentation = presentation;
  if (presentation)
    {
      self->panel_before = adw_flap_get_reveal_flap (self->panel_flap);
      self->log_before = adw_flap_get_reveal_flap (self->log_flap);
      adw_flap_set_locked (self->panel_flap, TRUE);
      adw_flap_set_locked (self->log_flap, TRUE);
      adw_flap_set_reveal_flap (self->panel_flap, FALSE);
      adw_flap_set_reveal_flap (self->log_flap, FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
    }
  else
    {
      adw_flap_set_locked (self->panel_flap, FALSE);
      adw_flap_set_locked (self->log_flap, FALSE);
      adw_flap_set_reveal_flap (self->panel_flap, self->panel_before && !adw_flap_get_folded (self->panel_flap));
      adw_flap_set_reveal_flap (self->log_flap, self->log_before && !adw_flap_get_folded (self->log_flap));
      gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
    }
  /* The status line and the zoom buttons make room for the lanes (the keys still zoom). */
  gtk_widget_set_visible (self->timeline_bar, !presentation);
  apply_text_scale (self);
  weft_window_update_legend (self);
  weft_window_update_actions (self);
  weft_window_focus_views (self);
}

/* The first time Weft opens, on a screen no wider than 1920 pixels (a projector, a
 * laptop), it fills the screen: every pixel counts for the class. */
gboolean
weft_window_first_time_maximized (WeftWindow *self)
{
  g_autoptr(GVariant) width = g_settings_get_user_value (self->settings, "window-width");
  g_autoptr(GVariant) maximized = g_settings_get_user_value (self->settings, "window-maximized");
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  g_autoptr(GdkMonitor) monitor = NULL;
  GdkRectangle geometry;

  if (width != NULL || maximized != NULL || g_list_model_get_n_items (monitors) == 0)
    return FALSE;
  monitor = g_list_model_get_item (monitors, 0);
  gdk_monitor_get_geometry (monitor, &geometry);
  return geometry.width <= 1920;
}

void
weft_window_init_presentation (WeftWindow *self)
{
  /* The log's text follows the text-size setting through a style sheet of the window's. */
  self->text_css = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->text_css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_widget_add_css_class (GTK_WIDGET (self->log_view), "weft-log-text");
  self->text_scale = CLAMP (g_settings_get_double (self->settings, "text-scale"),
                            WEFT_TEXT_SCALE_MIN, WEFT_TEXT_SCALE_MAX);
  apply_text_scale (self);
  g_settings_bind (self->settings, "show-legend", self, "show-legend", G_SETTINGS_BIND_DEFAULT);
  weft_window_update_legend (self);

  g_signal_connect_object (self->centre_paned, "notify::max-position",
                           G_CALLBACK (centre_max_position_cb), self, G_CONNECT_SWAPPED);
  {
    GtkGesture *drag = gtk_gesture_drag_new ();

    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
    g_signal_connect_object (drag, "drag-begin", G_CALLBACK (centre_drag_begin_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->centre_paned), GTK_EVENT_CONTROLLER (drag));
  }
}
