/* weft-live-description.c — a live view's accessible description, throttled.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "weft-live-description.h"

/* Screen readers do not need sixty descriptions a second. */
#define INTERVAL_US G_USEC_PER_SEC

void
weft_live_description_init (WeftLiveDescription *self,
                            GtkAccessible       *view,
                            WeftDescribeFunc     describe)
{
  self->view = view;
  self->describe = describe;
  self->text = NULL;
  self->set_us = 0;
  self->timeout_id = 0;
}

void
weft_live_description_refresh (WeftLiveDescription *self)
{
  g_autofree char *text = self->describe (self->view);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->set_us = g_get_monotonic_time ();
  if (g_strcmp0 (text, self->text) == 0)
    return;

  g_free (self->text);
  self->text = g_steal_pointer (&text);
  if (self->text != NULL)
    gtk_accessible_update_property (self->view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->text, -1);
  else
    gtk_accessible_reset_property (self->view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
timeout_cb (gpointer data)
{
  WeftLiveDescription *self = data;

  self->timeout_id = 0;
  weft_live_description_refresh (self);
}

void
weft_live_description_queue (WeftLiveDescription *self)
{
  gint64 wait_us;

  if (self->timeout_id != 0)
    return;
  wait_us = self->set_us + INTERVAL_US - g_get_monotonic_time ();
  if (wait_us <= 0)
    weft_live_description_refresh (self);
  else
    self->timeout_id = g_timeout_add_once ((guint) (wait_us / 1000 + 1), timeout_cb, self);
}

void
weft_live_description_clear (WeftLiveDescription *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_pointer (&self->text, g_free);
}
