/* weft-legend-area.c — the window's legend strip: a widget listing the states and marks
 * the run shows (weft_legend_get_items() over the whole run, with the scene's edges, as
 * the window shows both views), drawn with weft_legend_draw_items() in its snapshot so it
 * looks like the exported slide's legend. It wraps to more rows when narrow and asks for
 * the height that takes (height-for-width); a screen reader reads the items as its label.
 *
 * Everything runs on the main thread: the window syncs the model and calls
 * weft_legend_area_update() once a frame; that lists the items again (a few searches per
 * lane), adds them to what the run has shown, and only resizes when that grew.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "weft-legend-area.h"

/* The timeline's smallest type on screen (SCREEN_MIN_FONT_SIZE in weft-timeline-area.c):
 * read from the back of a classroom at the desktop's text size. */
#define LEGEND_FONT_SIZE 14.0
/* The legend explains, the lanes tell: its type follows the text size up to this much,
 * so that at 250 % it does not take the timeline's room. */
#define LEGEND_MAX_SCALE 1.25

struct _WeftLegendArea
{
  GtkWidget        parent_instance;

  WeftModel       *model;       /* borrowed: the caller sets NULL before freeing it */
  WeftThemeId      theme;
  double           text_scale;
  WeftLegendItems  items;       /* what the run has shown */
};

G_DEFINE_FINAL_TYPE (WeftLegendArea, weft_legend_area, GTK_TYPE_WIDGET)

static double
font_size (WeftLegendArea *self)
{
  return LEGEND_FONT_SIZE * MIN (self->text_scale, LEGEND_MAX_SCALE);
}

static void
update_label (WeftLegendArea *self)
{
  g_autofree char *list = weft_legend_describe (self->items);
  g_autofree char *label = NULL;

  if (*list == '\0')
    /* Translators: what a screen reader calls the legend before a run shows anything. */
    label = g_strdup (_("Legend"));
  else
    /* Translators: what a screen reader calls the legend; %s lists its items,
     * "Legend: running, blocked, deadlock cycle". */
    label = g_strdup_printf (_("Legend: %s"), list);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
set_items (WeftLegendArea  *self,
           WeftLegendItems  items)
{
  if (items == self->items)
    return;
  self->items = items;
  update_label (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* GtkWidget ----------------------------------------------------------------------------- */

static GtkSizeRequestMode
weft_legend_area_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
weft_legend_area_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  WeftLegendArea *self = WEFT_LEGEND_AREA (widget);
  const WeftTheme *theme = weft_theme_get (self->theme);
  double widest, one_row;

  weft_legend_measure_width (theme, self->items, font_size (self), &widest, &one_row);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Narrower than its widest item it would clip a name; wider than one row is
       * nothing but room. */
      *minimum = (int) ceil (widest);
      *natural = (int) ceil (one_row);
    }
  else
    {
      double width = for_size >= 0 ? MAX (for_size, widest) : one_row;

      *minimum = *natural = (int) ceil (weft_legend_draw_items (NULL, theme, self->items, width,
                                                                 font_size (self)));
    }
}

static void
weft_legend_area_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  WeftLegendArea *self = WEFT_LEGEND_AREA (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  const WeftTheme *theme = weft_theme_get (self->theme);
  cairo_t *cr;

  if (self->items == 0 || width <= 0 || height <= 0)
    return;

  /* The theme's background, as under the timeline and the scene. */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  weft_theme_set_source (cr, &theme->background);
  cairo_paint (cr);
  weft_legend_draw_items (cr, theme, self->items, width, font_size (self));
  cairo_destroy (cr);
}

static void
weft_legend_area_dispose (GObject *object)
{
  WeftLegendArea *self = WEFT_LEGEND_AREA (object);

  self->model = NULL;

  G_OBJECT_CLASS (weft_legend_area_parent_class)->dispose (object);
}

static void
weft_legend_area_class_init (WeftLegendAreaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = weft_legend_area_dispose;

  widget_class->get_request_mode = weft_legend_area_get_request_mode;
  widget_class->measure = weft_legend_area_measure;
  widget_class->snapshot = weft_legend_area_snapshot;

  gtk_widget_class_set_css_name (widget_class, "legend");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
weft_legend_area_init (WeftLegendArea *self)
{
  self->theme = WEFT_THEME_LIGHT;
  self->text_scale = 1.0;
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  update_label (self);
}

/* Public API ---------------------------------------------------------------------------- */

GtkWidget *
weft_legend_area_new (void)
{
  return g_object_new (WEFT_TYPE_LEGEND_AREA, NULL);
}

void
weft_legend_area_set_model (WeftLegendArea *self,
                            WeftModel      *model)
{
  g_return_if_fail (WEFT_IS_LEGEND_AREA (self));

  self->model = model;
  /* A new run: a new list. */
  set_items (self, self->model != NULL ? weft_legend_get_items (self->model, 0, 0, TRUE, TRUE) : 0);
}

void
weft_legend_area_update (WeftLegendArea *self)
{
  g_return_if_fail (WEFT_IS_LEGEND_AREA (self));

  /* The window shows the scene and the timeline, over the whole run: hand-offs are listed
   * when there are some (the timeline draws them once zoomed in enough to read them).
   * What the run has shown stays listed: over a whole run, items only come, except when
   * the model forgets its oldest history (the trace's cap), and a dense run made
   * "hand-off" come and go several times a second, the strip flickering and asking the
   * window for a new size each time. Only "new" (a thread not started at the moment
   * shown) is the moment's, not the run's: it goes once every thread has started. */
  if (self->model != NULL)
    set_items (self, (self->items & ~WEFT_LEGEND_STATE (WEFT_STATE_NEW)) |
                     weft_legend_get_items (self->model, 0, 0, TRUE, TRUE));
}

void
weft_legend_area_set_theme (WeftLegendArea *self,
                            WeftThemeId     theme)
{
  g_return_if_fail (WEFT_IS_LEGEND_AREA (self));
  g_return_if_fail (theme < WEFT_N_THEMES);

  if (theme == self->theme)
    return;
  self->theme = theme;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
weft_legend_area_set_text_scale (WeftLegendArea *self,
                                 double          scale)
{
  g_return_if_fail (WEFT_IS_LEGEND_AREA (self));
  g_return_if_fail (scale > 0);

  if (scale == self->text_scale)
    return;
  self->text_scale = scale;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

WeftLegendItems
weft_legend_area_get_items (WeftLegendArea *self)
{
  g_return_val_if_fail (WEFT_IS_LEGEND_AREA (self), 0);
  return self->items;
}
