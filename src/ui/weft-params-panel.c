/* weft-params-panel.c — the side panel, generated from the scenario's declaration: its
 * texts, then a row per parameter. The rows are made in code rather than in a template
 * because they depend on the scenario; the fixed part is small enough to build here too.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "weft-app-enums.h"
#include "weft-params-panel.h"

struct _WeftParamsPanel
{
  GtkWidget           parent_instance;

  GtkWidget          *scrolled;
  GtkLabel           *title;
  GtkLabel           *description;
  GtkLabel           *lesson;
  AdwPreferencesGroup *group;
  GtkRevealer        *apply_revealer;
  AdwComboRow        *policy_row;
  GtkTextView        *notes_view;

  const WeftScenario *scenario;
  WeftParams         *values;
  WeftParams         *applied;
  /* One editing widget per parameter: GtkSpinButton or AdwComboRow. */
  GPtrArray          *editors;
  GPtrArray          *rows;
  gboolean            modified;
  gboolean            updating;
};

G_DEFINE_FINAL_TYPE (WeftParamsPanel, weft_params_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODIFIED,
  PROP_POLICY,
  N_PROPS
};

enum {
  APPLY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
params_equal (const WeftParams *a,
              const WeftParams *b)
{
  if (a == NULL || b == NULL || weft_params_get_n_specs (a) != weft_params_get_n_specs (b))
    return FALSE;

  for (guint i = 0; i < weft_params_get_n_specs (a); i++)
    {
      const char *name = weft_params_get_spec (a, i)->name;
      g_autofree char *va = weft_params_dup_string (a, name);
      g_autofree char *vb = weft_params_dup_string (b, name);

      if (g_strcmp0 (va, vb) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
update_modified (WeftParamsPanel *self)
{
  gboolean modified = self->applied != NULL && !params_equal (self->values, self->applied);

  gtk_revealer_set_reveal_child (self->apply_revealer, modified);
  if (modified == self->modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
spin_value_changed_cb (GtkSpinButton   *spin,
                       WeftParamsPanel *self)
{
  const WeftParamSpec *spec = g_object_get_data (G_OBJECT (spin), "weft-spec");
  g_autofree char *value = NULL;

  if (self->updating)
    return;

  value = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) gtk_spin_button_get_value (spin));
  /* The adjustment holds the declared range: the value is always valid. */
  if (!weft_params_set (self->values, spec->name, value, NULL))
    g_assert_not_reached ();
  update_modified (self);
}

static void
combo_selected_cb (AdwComboRow     *row,
                   GParamSpec      *pspec,
                   WeftParamsPanel *self)
{
  const WeftParamSpec *spec = g_object_get_data (G_OBJECT (row), "weft-spec");
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating || selected == GTK_INVALID_LIST_POSITION)
    return;

  if (!weft_params_set (self->values, spec->name, spec->choices[selected], NULL))
    g_assert_not_reached ();
  update_modified (self);
}

static void
apply_clicked_cb (GtkButton       *button,
                  WeftParamsPanel *self)
{
  g_signal_emit (self, signals[APPLY], 0);
}

/* Shows self->values in the editors. */
static void
show_values (WeftParamsPanel *self)
{
  self->updating = TRUE;
  for (guint i = 0; i < self->editors->len; i++)
    {
      const WeftParamSpec *spec = &self->scenario->params[i];
      GtkWidget *editor = g_ptr_array_index (self->editors, i);

      if (spec->type == WEFT_PARAM_INT)
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (editor),
                                   (double) weft_params_get_int (self->values, spec->name));
      else
        adw_combo_row_set_selected (ADW_COMBO_ROW (editor),
                                    weft_params_get_choice_index (self->values, spec->name));
    }
  self->updating = FALSE;
}

/* The scene the run shows, in its numbers ("1000 philosophers sit…"): the applied values,
 * not the ones being edited, like the run itself. */
static void
show_description (WeftParamsPanel  *self,
                  const WeftParams *params)
{
  g_autofree char *description = weft_scenario_describe (self->scenario, params);

  gtk_label_set_label (self->description, description);
}

static GtkWidget *
make_int_row (WeftParamsPanel     *self,
              const WeftParamSpec *spec)
{
  GtkWidget *row = adw_action_row_new ();
  GtkAdjustment *adjustment;
  GtkWidget *spin;
  g_autofree char *allowed = weft_param_spec_describe_allowed (spec);
  double step = spec->max - spec->min >= 10000 ? 100 : 1;

  adjustment = gtk_adjustment_new ((double) spec->default_value, (double) spec->min,
                                   (double) spec->max, 1, step, 0);
  spin = gtk_spin_button_new (adjustment, 1, 0);
  /* Typing is allowed, but only digits, and a value outside the range snaps back. */
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (spin), GTK_UPDATE_IF_VALID);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (spin, allowed);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(spec->summary),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, allowed,
                                  -1);
  g_object_set_data (G_OBJECT (spin), "weft-spec", (gpointer) spec);
  g_signal_connect (spin, "value-changed", G_CALLBACK (spin_value_changed_cb), self);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(spec->summary));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  g_ptr_array_add (self->editors, spin);
  return row;
}

static GtkWidget *
make_choice_row (WeftParamsPanel     *self,
                 const WeftParamSpec *spec)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; spec->choices[i] != NULL; i++)
    gtk_string_list_append (labels, spec->choice_labels != NULL ? _(spec->choice_labels[i])
                                                                : spec->choices[i]);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 spec->label != NULL ? _(spec->label) : spec->name);
  /* The summary explains every choice: too long under the title (it would squeeze the
   * value), so it is the tooltip and the accessible description. */
  gtk_widget_set_tooltip_text (row, _(spec->summary));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _(spec->summary), -1);
  g_object_set_data (G_OBJECT (row), "weft-spec", (gpointer) spec);
  g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected_cb), self);
  g_ptr_array_add (self->editors, row);
  return row;
}

void
weft_params_panel_set_scenario (WeftParamsPanel    *self,
                                const WeftScenario *scenario,
                                const WeftParams   *values)
{
  g_return_if_fail (WEFT_IS_PARAMS_PANEL (self));
  g_return_if_fail (scenario != NULL);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->editors, 0);

  self->scenario = scenario;
  g_clear_pointer (&self->values, weft_params_free);
  g_clear_pointer (&self->applied, weft_params_free);
  self->values = weft_params_new (scenario->params, scenario->n_params);
  if (values != NULL)
    for (guint i = 0; i < scenario->n_params; i++)
      {
        g_autofree char *value = weft_params_dup_string (values, scenario->params[i].name);

        weft_params_set (self->values, scenario->params[i].name, value, NULL);
      }

  gtk_label_set_label (self->title, _(scenario->title));
  show_description (self, self->values);
  gtk_label_set_label (self->lesson, _(scenario->lesson));

  for (guint i = 0; i < scenario->n_params; i++)
    {
      const WeftParamSpec *spec = &scenario->params[i];
      GtkWidget *row = NULL;

      switch (spec->type)
        {
        case WEFT_PARAM_INT:
          row = make_int_row (self, spec);
          break;

        case WEFT_PARAM_CHOICE:
          row = make_choice_row (self, spec);
          break;

        default:
          g_assert_not_reached ();
        }

      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }

  show_values (self);
  update_modified (self);
}

const WeftScenario *
weft_params_panel_get_scenario (WeftParamsPanel *self)
{
  g_return_val_if_fail (WEFT_IS_PARAMS_PANEL (self), NULL);

  return self->scenario;
}

const WeftParams *
weft_params_panel_get_params (WeftParamsPanel *self)
{
  g_return_val_if_fail (WEFT_IS_PARAMS_PANEL (self), NULL);

  return self->values;
}

void
weft_params_panel_set_applied (WeftParamsPanel  *self,
                               const WeftParams *applied)
{
  g_return_if_fail (WEFT_IS_PARAMS_PANEL (self));
  g_return_if_fail (self->scenario != NULL);

  g_clear_pointer (&self->applied, weft_params_free);
  if (applied != NULL)
    {
      self->applied = weft_params_new (self->scenario->params, self->scenario->n_params);
      for (guint i = 0; i < self->scenario->n_params; i++)
        {
          g_autofree char *value = weft_params_dup_string (applied, self->scenario->params[i].name);

          weft_params_set (self->applied, self->scenario->params[i].name, value, NULL);
        }
      show_description (self, self->applied);
    }
  update_modified (self);
}

void
weft_params_panel_commit (WeftParamsPanel *self)
{
  g_return_if_fail (WEFT_IS_PARAMS_PANEL (self));

  /* A spin button reads its text on Enter or when it loses the focus; Ctrl+R does
   * neither. */
  for (guint i = 0; i < self->editors->len; i++)
    if (GTK_IS_SPIN_BUTTON (g_ptr_array_index (self->editors, i)))
      gtk_spin_button_update (g_ptr_array_index (self->editors, i));
}

gboolean
weft_params_panel_get_modified (WeftParamsPanel *self)
{
  g_return_val_if_fail (WEFT_IS_PARAMS_PANEL (self), FALSE);

  return self->modified;
}

gboolean
weft_params_panel_set_value (WeftParamsPanel  *self,
                             const char       *name,
                             const char       *value,
                             GError          **error)
{
  g_return_val_if_fail (WEFT_IS_PARAMS_PANEL (self), FALSE);
  g_return_val_if_fail (self->values != NULL, FALSE);

  if (!weft_params_set (self->values, name, value, error))
    return FALSE;
  show_values (self);
  update_modified (self);
  return TRUE;
}

static GtkWidget *
make_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
weft_params_panel_dispose (GObject *object)
{
  WeftParamsPanel *self = WEFT_PARAMS_PANEL (object);

  g_clear_pointer (&self->scrolled, gtk_widget_unparent);

  G_OBJECT_CLASS (weft_params_panel_parent_class)->dispose (object);
}

static void
weft_params_panel_finalize (GObject *object)
{
  WeftParamsPanel *self = WEFT_PARAMS_PANEL (object);

  g_clear_pointer (&self->values, weft_params_free);
  g_clear_pointer (&self->applied, weft_params_free);
  g_clear_pointer (&self->editors, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (weft_params_panel_parent_class)->finalize (object);
}

static void
weft_params_panel_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  WeftParamsPanel *self = WEFT_PARAMS_PANEL (object);

  switch (prop_id)
    {
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;

    case PROP_POLICY:
      g_value_set_enum (value, (WeftPolicy) adw_combo_row_get_selected (self->policy_row));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
weft_params_panel_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  WeftParamsPanel *self = WEFT_PARAMS_PANEL (object);

  switch (prop_id)
    {
    case PROP_POLICY:
      adw_combo_row_set_selected (self->policy_row, (guint) g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
policy_selected_cb (WeftParamsPanel *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLICY]);
}

static void
weft_params_panel_class_init (WeftParamsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = weft_params_panel_dispose;
  object_class->finalize = weft_params_panel_finalize;
  object_class->get_property = weft_params_panel_get_property;
  object_class->set_property = weft_params_panel_set_property;

  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POLICY] =
    g_param_spec_enum ("policy", NULL, NULL,
                       WEFT_TYPE_POLICY, WEFT_POLICY_ROUND_ROBIN,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[APPLY] =
    g_signal_new ("apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "weftparamspanel");
}

static void
weft_params_panel_init (WeftParamsPanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading;
  GtkWidget *apply_box;
  GtkWidget *hint;
  GtkWidget *apply;
  GtkWidget *stepping;
  g_autoptr(GtkStringList) policies = NULL;

  self->editors = g_ptr_array_new ();
  self->rows = g_ptr_array_new ();

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);

  self->title = GTK_LABEL (make_label ("title-2"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->title));
  self->description = GTK_LABEL (make_label ("body"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->description));

  heading = make_label ("heading");
  /* Translators: heading of the scenario's lesson in the side panel. */
  gtk_label_set_label (GTK_LABEL (heading), _("What to Look For"));
  gtk_widget_set_margin_top (heading, 6);
  gtk_box_append (GTK_BOX (box), heading);
  self->lesson = GTK_LABEL (make_label ("body"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->lesson));

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Parameters"));
  adw_preferences_group_set_description (self->group, _("Changes take effect when the run is reset"));
  gtk_widget_set_margin_top (GTK_WIDGET (self->group), 12);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->group));

  apply_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  hint = make_label ("dim-label");
  gtk_label_set_label (GTK_LABEL (hint), _("The run still uses the previous values."));
  apply = gtk_button_new_with_mnemonic (_("_Reset With These Values"));
  gtk_widget_add_css_class (apply, "suggested-action");
  gtk_widget_add_css_class (apply, "pill");
  gtk_widget_set_halign (apply, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (apply, _("Stop the run and start a new one with these parameters (Ctrl+R)"));
  g_signal_connect (apply, "clicked", G_CALLBACK (apply_clicked_cb), self);
  gtk_box_append (GTK_BOX (apply_box), hint);
  gtk_box_append (GTK_BOX (apply_box), apply);
  self->apply_revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->apply_revealer, apply_box);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->apply_revealer));

  /* How Step picks the next thread: the run's setting, not a parameter of the scenario. */
  stepping = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (stepping), _("Stepping"));
  gtk_widget_set_margin_top (stepping, 12);
  /* Translators: the step policies, in WeftPolicy's order. */
  policies = gtk_string_list_new ((const char * const[]) { _("In turn"), _("At random (seeded)"), NULL });
  self->policy_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->policy_row), _("Next thread"));
  adw_combo_row_set_model (self->policy_row, G_LIST_MODEL (policies));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->policy_row),
                               _("Which thread Step moves when you do not choose one (1–9 or a click)"));
  g_signal_connect_swapped (self->policy_row, "notify::selected", G_CALLBACK (policy_selected_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (stepping), GTK_WIDGET (self->policy_row));
  gtk_box_append (GTK_BOX (box), stepping);

  /* What the teacher wants to say about this run: saved with it (Ctrl+S), shown again
   * when it is opened. */
  heading = make_label ("heading");
  /* Translators: heading of the notes saved with a run, in the side panel. */
  gtk_label_set_label (GTK_LABEL (heading), _("Notes"));
  gtk_widget_set_margin_top (heading, 12);
  gtk_box_append (GTK_BOX (box), heading);
  self->notes_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->notes_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->notes_view, 6);
  gtk_text_view_set_bottom_margin (self->notes_view, 6);
  gtk_text_view_set_left_margin (self->notes_view, 6);
  gtk_text_view_set_right_margin (self->notes_view, 6);
  gtk_widget_set_size_request (GTK_WIDGET (self->notes_view), -1, 96);
  gtk_widget_add_css_class (GTK_WIDGET (self->notes_view), "card");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->notes_view),
                               _("Notes about this run, saved with it (Ctrl+S) and shown when it is opened"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->notes_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Notes"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->notes_view));

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), box);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
}

GtkWidget *
weft_params_panel_new (void)
{
  return g_object_new (WEFT_TYPE_PARAMS_PANEL, NULL);
}

char *
weft_params_panel_dup_notes (WeftParamsPanel *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (WEFT_IS_PARAMS_PANEL (self), NULL);

  buffer = gtk_text_view_get_buffer (self->notes_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
weft_params_panel_set_notes (WeftParamsPanel *self,
                             const char      *notes)
{
  g_return_if_fail (WEFT_IS_PARAMS_PANEL (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), notes != NULL ? notes : "", -1);
}
