/* weft-viewport.c — the state the views of a run share (see weft-viewport.h): plain
 * properties with notify, so that a view binds to them (g_object_bind_property, or a
 * notify handler) and the window no longer copies values from one view to another.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "weft-viewport.h"

struct _WeftViewport
{
  GObject   parent_instance;

  double    start;
  double    end;
  gboolean  follow_live;
  guint64   focus_time;
  guint64   cursor_time;  /* G_MAXUINT64: none */
  double    text_scale;
};

G_DEFINE_FINAL_TYPE (WeftViewport, weft_viewport, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_START,
  PROP_END,
  PROP_FOLLOW_LIVE,
  PROP_FOCUS_TIME,
  PROP_CURSOR_TIME,
  PROP_TEXT_SCALE,
  N_PROPS
};

enum {
  JUMPED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
weft_viewport_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  WeftViewport *self = WEFT_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_START:
      g_value_set_double (value, self->start);
      break;

    case PROP_END:
      g_value_set_double (value, self->end);
      break;

    case PROP_FOLLOW_LIVE:
      g_value_set_boolean (value, self->follow_live);
      break;

    case PROP_FOCUS_TIME:
      g_value_set_uint64 (value, self->focus_time);
      break;

    case PROP_CURSOR_TIME:
      g_value_set_uint64 (value, self->cursor_time);
      break;

    case PROP_TEXT_SCALE:
      g_value_set_double (value, self->text_scale);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
weft_viewport_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  WeftViewport *self = WEFT_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_START:
      weft_viewport_set_range (self, g_value_get_double (value), self->end);
      break;

    case PROP_END:
      weft_viewport_set_range (self, self->start, g_value_get_double (value));
      break;

    case PROP_FOLLOW_LIVE:
      weft_viewport_set_follow_live (self, g_value_get_boolean (value));
      break;

    case PROP_FOCUS_TIME:
      weft_viewport_set_focus_time (self, g_value_get_uint64 (value));
      break;

    case PROP_CURSOR_TIME:
      weft_viewport_set_cursor (self, g_value_get_uint64 (value));
      break;

    case PROP_TEXT_SCALE:
      weft_viewport_set_text_scale (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
weft_viewport_class_init (WeftViewportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = weft_viewport_get_property;
  object_class->set_property = weft_viewport_set_property;

  properties[PROP_START] =
    g_param_spec_double ("start", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_END] =
    g_param_spec_double ("end", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLLOW_LIVE] =
    g_param_spec_boolean ("follow-live", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOCUS_TIME] =
    g_param_spec_uint64 ("focus-time", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURSOR_TIME] =
    g_param_spec_uint64 ("cursor-time", NULL, NULL, 0, G_MAXUINT64, G_MAXUINT64,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT_SCALE] =
    g_param_spec_double ("text-scale", NULL, NULL, 0.1, 10.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[JUMPED] =
    g_signal_new ("jumped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT64);
}

static void
weft_viewport_init (WeftViewport *self)
{
  self->follow_live = TRUE;
  self->cursor_time = G_MAXUINT64;
  self->text_scale = 1.0;
}

WeftViewport *
weft_viewport_new (void)
{
  return g_object_new (WEFT_TYPE_VIEWPORT, NULL);
}

void
weft_viewport_set_range (WeftViewport *self,
                         double        start,
                         double        end)
{
  g_return_if_fail (WEFT_IS_VIEWPORT (self));

  /* Both change before either is notified: a listener never sees half a window. */
  g_object_freeze_notify (G_OBJECT (self));
  if (start != self->start)
    {
      self->start = start;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
    }
  if (end != self->end)
    {
      self->end = end;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

double
weft_viewport_get_start (WeftViewport *self)
{
  g_return_val_if_fail (WEFT_IS_VIEWPORT (self), 0);

  return self->start;
}

double
weft_viewport_get_end (WeftViewport *self)
{
  g_return_val_if_fail (WEFT_IS_VIEWPORT (self), 0);

  return self->end;
}

void
weft_viewport_set_follow_live (WeftViewport *self,
                               gboolean      follow_live)
{
  g_return_if_fail (WEFT_IS_VIEWPORT (self));

  follow_live = !!follow_live;
  if (follow_live == self->follow_live)
    return;
  self->follow_live = follow_live;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW_LIVE]);
  /* Back to the live edge: the scene too. */
  if (follow_live)
    weft_viewport_clear_cursor (self);
}

gboolean
weft_viewport_get_follow_live (WeftViewport *self)
{
  g_return_val_if_fail (WEFT_IS_VIEWPORT (self), TRUE);

  return self->follow_live;
}

void
weft_viewport_set_focus_time (WeftViewport *self,
                              guint64       time_ns)
{
  g_return_if_fail (WEFT_IS_VIEWPORT (self));

  if (time_ns == self->focus_time)
    return;
  self->focus_time = time_ns;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_TIME]);
}

guint64
weft_viewport_get_focus_time (WeftViewport *self)
{
  g_return_val_if_fail (WEFT_IS_VIEWPORT (self), 0);

  return self->focus_time;
}

void
weft_viewport_set_cursor (WeftViewport *self,
                          guint64       time_ns)
{
  g_return_if_fail (WEFT_IS_VIEWPORT (self));

  if (time_ns == self->cursor_time)
    return;
  self->cursor_time = time_ns;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURSOR_TIME]);
}

void
weft_viewport_clear_cursor (WeftViewport *self)
{
  weft_viewport_set_cursor (self, G_MAXUINT64);
}

guint64
weft_viewport_get_cursor (WeftViewport *self)
{
  g_return_val_if_fail (WEFT_IS_VIEWPORT (self), G_MAXUINT64);

  return self->cursor_time;
}

guint64
weft_viewport_get_shown_time (WeftViewport *self)
{
  g_return_val_if_fail (WEFT_IS_VIEWPORT (self), G_MAXUINT64);

  /* Never silently a past moment: the cursor's, said on the scene, or the live end. */
  return self->cursor_time;
}

void
weft_viewport_set_text_scale (WeftViewport *self,
                              double        scale)
{
  g_return_if_fail (WEFT_IS_VIEWPORT (self));
  g_return_if_fail (scale > 0);

  if (scale == self->text_scale)
    return;
  self->text_scale = scale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_SCALE]);
}

double
weft_viewport_get_text_scale (WeftViewport *self)
{
  g_return_val_if_fail (WEFT_IS_VIEWPORT (self), 1.0);

  return self->text_scale;
}

void
weft_viewport_jump_to (WeftViewport *self,
                       guint64       time_ns)
{
  g_return_if_fail (WEFT_IS_VIEWPORT (self));

  /* Following stops first: a view that shows the live end while following sees the
   * jumped-to moment as soon as it hears of either change. */
  g_object_freeze_notify (G_OBJECT (self));
  weft_viewport_set_follow_live (self, FALSE);
  weft_viewport_set_focus_time (self, time_ns);
  /* Show When places the cursor there. */
  weft_viewport_set_cursor (self, time_ns);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[JUMPED], 0, time_ns);
}
