/* weft-window-keys.c — the keys a lesson needs, never lost: Space is Run/Pause whatever
 * was clicked last, the focus goes back to the views after a choice in the header and
 * on a click on a view, Right steps in the views.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "weft-window-private.h"

static void
add_shortcut (GtkEventController *controller,
              guint               keyval,
              const char         *action)
{
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (keyval, 0),
                                                          gtk_named_action_new (action)));
}

/* The timeline (or the scene, when the timeline is not shown) takes the keyboard focus,
 * so that Space, N, → and 1–9 reach the run whatever was clicked before. */
void
weft_window_focus_views (WeftWindow *self)
{
  if (gtk_widget_is_drawable (GTK_WIDGET (self->timeline_area)))
    gtk_widget_grab_focus (GTK_WIDGET (self->timeline_area));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->scene_area));
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static gboolean
focus_views_idle_cb (gpointer data)
{
  WeftWindow *self = g_weak_ref_get (data);

  if (self != NULL)
    {
      weft_window_focus_views (self);
      g_object_unref (self);
    }
  return G_SOURCE_REMOVE;
}

/* A popover gives the focus back to its button when it closes, once its signal handlers
 * have run: the views take it just after. */
static void
header_popover_closed_cb (WeftWindow *self)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, focus_views_idle_cb, ref,
                   weak_ref_free);
}

/* After a choice in a header control (a drop-down's list, the main menu), the focus goes
 * back to the views: a drop-down keeping it would open again at the next Space. */
static void
return_focus_after (WeftWindow *self,
                    GtkWidget  *control)
{
  GtkWidget *popover = NULL;

  if (GTK_IS_MENU_BUTTON (control))
    popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (control)));
  else
    for (GtkWidget *child = gtk_widget_get_first_child (control); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_POPOVER (child))
        popover = child;

  g_return_if_fail (popover != NULL);
  g_signal_connect_object (popover, "closed", G_CALLBACK (header_popover_closed_cb), self,
                           G_CONNECT_SWAPPED);
}

/* A click on a view gives it the focus (the click goes on to the view's own gestures). */
static void
view_pressed_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 gpointer         user_data)
{
  GtkWidget *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  gtk_widget_grab_focus (view);
}

/* Space runs or pauses, unless the focus is where Space is typed: a text field (a spin
 * button's digits, a search, the run's notes) or an open list (a drop-down's popover,
 * where it chooses). */
static gboolean
space_cb (GtkWidget *widget,
          GVariant  *args,
          gpointer   user_data)
{
  WeftWindow *self = WEFT_WINDOW (gtk_widget_get_root (widget));
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus != NULL &&
      (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT (focus) || GTK_IS_TEXT_VIEW (focus) ||
       gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL))
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (self), "win.play-pause", NULL);
}

/* GtkWindow binds Space (activate the focus) and the arrows (move the focus) on its
 * class, and a focused button or drop-down takes Space for itself before the window
 * sees it. So Space is caught on its way down, in the capture phase of the window's
 * content, ahead of whatever has the focus; Right steps and Left steps back when the
 * timeline or the scene has the focus (elsewhere the arrows keep moving the focus). The timeline takes the
 * focus at the start, after any choice in the header, and on a click on a view. */
void
weft_window_add_key_controllers (WeftWindow *self)
{
  GtkEventController *keys = gtk_shortcut_controller_new ();
  GtkWidget *views[] = { GTK_WIDGET (self->timeline_area), GTK_WIDGET (self->scene_area) };
  guint space_keys[] = { GDK_KEY_space, GDK_KEY_KP_Space };

  for (guint i = 0; i < G_N_ELEMENTS (space_keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (space_keys[i], 0),
                                                            gtk_callback_action_new (space_cb, NULL, NULL)));
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (self->content_box, keys);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkEventController *arrows = gtk_shortcut_controller_new ();
      GtkGesture *click = gtk_gesture_click_new ();

      add_shortcut (arrows, GDK_KEY_Right, "win.step");
      add_shortcut (arrows, GDK_KEY_KP_Right, "win.step");
      add_shortcut (arrows, GDK_KEY_Left, "win.step-back");
      /* Ctrl+Z here only: in a text field (the notes, a spin button) it is the text's,
       * even with nothing left to undo there. */
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (arrows),
                                            gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK),
                                                              gtk_named_action_new ("win.step-back")));
      add_shortcut (arrows, GDK_KEY_KP_Left, "win.step-back");
      gtk_widget_set_focusable (views[i], TRUE);
      gtk_widget_add_controller (views[i], arrows);

      gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
      gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
      g_signal_connect (click, "pressed", G_CALLBACK (view_pressed_cb), NULL);
      gtk_widget_add_controller (views[i], GTK_EVENT_CONTROLLER (click));
    }

  return_focus_after (self, GTK_WIDGET (self->scenario_dropdown));
  return_focus_after (self, GTK_WIDGET (self->speed_dropdown));
  return_focus_after (self, GTK_WIDGET (self->menu_button));
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->timeline_area));
}
