/* weft-log-row.c — one line of the event log (see weft-log-row.h).
 *
 * A widget of its own rather than a horizontal GtkBox: GTK 4.8's box, when it allocates,
 * asks each child how wide it wants to be *for the row's height*, and a wrapping GtkLabel
 * answers that by a binary search, laying its sentence out at seven to fourteen widths.
 * A live log binds and allocates a few hundred rows at each move to its end; at the start
 * of a dense run that was 12,000 layouts and about 0.3 s of the main thread in one burst
 * (docs/PERFORMANCE.md, row 11). This row asks its sentence only how wide it is (its
 * minimum and natural widths, kept by GTK until the text changes) and how tall it is at
 * the width it gets.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "weft-log-row.h"

/* Between the time and the sentence, as the box had. */
#define SPACING 12

struct _WeftLogRow
{
  GtkWidget  parent_instance;

  GtkWidget *time;
  GtkWidget *text;
};

G_DEFINE_FINAL_TYPE (WeftLogRow, weft_log_row, GTK_TYPE_WIDGET)

/* How tall @child is at @width, and where its first baseline is (-1: it has none). */
static void
child_height (GtkWidget *child,
              int        width,
              int       *height,
              int       *baseline)
{
  int minimum, natural, minimum_baseline, natural_baseline;

  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &minimum, &natural,
                      &minimum_baseline, &natural_baseline);
  *height = natural;
  *baseline = natural_baseline;
}

typedef struct
{
  int time_w, text_w;
  int time_h, text_h;
  int time_baseline, text_baseline;  /* -1: none */
  int baseline;                      /* the row's, from its top; -1: none */
  int height;
} RowLayout;

/* Where a child with @baseline (-1: none, then at the top) goes under a row whose
 * baseline is @row_baseline. */
static int
child_y (int row_baseline,
         int baseline)
{
  return baseline >= 0 ? row_baseline - baseline : 0;
}

/* The columns of a row @width wide (< 0: as wide as it wants), the sentence wrapped in
 * what the time leaves it, both first lines on one baseline. */
static void
row_layout (WeftLogRow *self,
            int         width,
            RowLayout  *layout)
{
  int text_min, text_nat, ascent;

  gtk_widget_measure (self->time, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &layout->time_w, NULL, NULL);
  gtk_widget_measure (self->text, GTK_ORIENTATION_HORIZONTAL, -1, &text_min, &text_nat, NULL, NULL);
  layout->text_w = width < 0 ? text_nat : MAX (width - layout->time_w - SPACING, text_min);

  child_height (self->time, layout->time_w, &layout->time_h, &layout->time_baseline);
  child_height (self->text, layout->text_w, &layout->text_h, &layout->text_baseline);
  ascent = MAX (MAX (layout->time_baseline, layout->text_baseline), 0);
  layout->baseline = layout->time_baseline >= 0 || layout->text_baseline >= 0 ? ascent : -1;
  layout->height = MAX (child_y (ascent, layout->time_baseline) + layout->time_h,
                        child_y (ascent, layout->text_baseline) + layout->text_h);
}

static GtkSizeRequestMode
weft_log_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
weft_log_row_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  WeftLogRow *self = WEFT_LOG_ROW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int time_w, text_min, text_nat;

      gtk_widget_measure (self->time, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &time_w, NULL, NULL);
      gtk_widget_measure (self->text, GTK_ORIENTATION_HORIZONTAL, -1, &text_min, &text_nat, NULL, NULL);
      *minimum = time_w + SPACING + text_min;
      *natural = time_w + SPACING + text_nat;
    }
  else
    {
      RowLayout layout;

      row_layout (self, for_size, &layout);
      *minimum = *natural = layout.height;
      *minimum_baseline = *natural_baseline = layout.baseline;
    }
}

static void
weft_log_row_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  WeftLogRow *self = WEFT_LOG_ROW (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  RowLayout layout;
  int ascent, text_x;

  row_layout (self, width, &layout);
  ascent = baseline >= 0 ? baseline : MAX (layout.baseline, 0);
  text_x = layout.time_w + SPACING;

  gtk_widget_size_allocate (self->time,
                            &(GtkAllocation) { rtl ? width - layout.time_w : 0,
                                               child_y (ascent, layout.time_baseline),
                                               layout.time_w, layout.time_h },
                            layout.time_baseline);
  gtk_widget_size_allocate (self->text,
                            &(GtkAllocation) { rtl ? width - text_x - layout.text_w : text_x,
                                               child_y (ascent, layout.text_baseline),
                                               layout.text_w, layout.text_h },
                            layout.text_baseline);
}

static void
weft_log_row_dispose (GObject *object)
{
  WeftLogRow *self = WEFT_LOG_ROW (object);

  g_clear_pointer (&self->time, gtk_widget_unparent);
  g_clear_pointer (&self->text, gtk_widget_unparent);

  G_OBJECT_CLASS (weft_log_row_parent_class)->dispose (object);
}

static void
weft_log_row_class_init (WeftLogRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = weft_log_row_dispose;

  widget_class->get_request_mode = weft_log_row_get_request_mode;
  widget_class->measure = weft_log_row_measure;
  widget_class->size_allocate = weft_log_row_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "weftlogrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
weft_log_row_init (WeftLogRow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_set_margin_start (widget, 6);
  gtk_widget_set_margin_end (widget, 6);
  gtk_widget_set_margin_top (widget, 3);
  gtk_widget_set_margin_bottom (widget, 3);

  /* Right-aligned tabular digits, so the times line up down the log. */
  self->time = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->time), 1.0);
  gtk_label_set_width_chars (GTK_LABEL (self->time), 9);
  gtk_widget_add_css_class (self->time, "dim-label");
  gtk_widget_add_css_class (self->time, "numeric");
  gtk_widget_set_parent (self->time, widget);

  self->text = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->text), 0.0);
  gtk_label_set_wrap (GTK_LABEL (self->text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->text), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_parent (self->text, widget);
}

GtkWidget *
weft_log_row_new (void)
{
  return g_object_new (WEFT_TYPE_LOG_ROW, NULL);
}

void
weft_log_row_set (WeftLogRow *self,
                  const char *seconds,
                  const char *text)
{
  g_return_if_fail (WEFT_IS_LOG_ROW (self));

  gtk_label_set_text (GTK_LABEL (self->time), seconds);
  gtk_label_set_text (GTK_LABEL (self->text), text);
}
