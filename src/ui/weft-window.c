/* weft-window.c — the main window: builds it from its template, follows the session
 * (every frame: the session reads the new events once, then the views, the log and the
 * status redraw; on alerts: the banner); the views share the session's viewport; it
 * remembers the window's size, the scenario and its parameters in GSettings. What the
 * user can do is in weft-window-actions.c.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "weft-scenarios.h"
#include "weft-window-private.h"

G_DEFINE_FINAL_TYPE (WeftWindow, weft_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_FOLLOW_LIVE,
  PROP_SHOW_LEGEND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The speeds of the header bar's drop-down, in its order: down to a twentieth, for the
 * races that take a tenth of a second at 1×. */
static const double speeds[] = { 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 10.0 };

/* The views follow the desktop's light or dark style. */
static WeftThemeId
get_theme (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ()) ? WEFT_THEME_DARK
                                                                       : WEFT_THEME_LIGHT;
}

void
weft_window_show_message (WeftWindow *self,
                          const char *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* "count=5 strategy=naive …": how a scenario's parameters are kept in GSettings. */
static void
save_parameters (WeftWindow *self)
{
  const WeftScenario *scenario = weft_session_get_scenario (self->session);
  const WeftParams *params = weft_session_get_params (self->session);
  g_autoptr(GVariant) old = g_settings_get_value (self->settings, "parameters");
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{ss}"));
  g_autoptr(GString) text = g_string_new (NULL);
  GVariantIter iter;
  const char *key, *value;

  for (guint i = 0; i < scenario->n_params; i++)
    {
      g_autofree char *v = weft_params_dup_string (params, scenario->params[i].name);

      g_string_append_printf (text, "%s%s=%s", i > 0 ? " " : "", scenario->params[i].name, v);
    }

  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    if (!g_str_equal (key, scenario->id))
      g_variant_builder_add (&builder, "{ss}", key, value);
  g_variant_builder_add (&builder, "{ss}", scenario->id, text->str);

  g_settings_set_value (self->settings, "parameters", g_variant_builder_end (&builder));
  g_settings_set_string (self->settings, "last-scenario", scenario->id);
}

/* The parameters remembered for @scenario; a value that no longer fits its declaration
 * (an older version's range) keeps the default. */
static WeftParams *
load_parameters (WeftWindow         *self,
                 const WeftScenario *scenario)
{
  WeftParams *params = weft_params_new (scenario->params, scenario->n_params);
  g_autoptr(GVariant) saved = g_settings_get_value (self->settings, "parameters");
  const char *text = NULL;
  g_auto(GStrv) assignments = NULL;

  if (!g_variant_lookup (saved, scenario->id, "&s", &text))
    return params;

  assignments = g_strsplit (text, " ", -1);
  for (guint i = 0; assignments[i] != NULL; i++)
    if (*assignments[i] != '\0')
      weft_params_parse (params, assignments[i], NULL);
  return params;
}

static void update_status_full (WeftWindow *self,
                                gboolean    now);

static gboolean
status_timeout_cb (gpointer user_data)
{
  WeftWindow *self = user_data;

  self->status_timeout_id = 0;
  update_status_full (self, TRUE);
  return G_SOURCE_REMOVE;
}

/* The subtitle and the status line; @now: after a state change, else at most
 * STATUS_PER_SECOND times a second (an update put off is done when its time comes, so
 * the line never stays behind). */
static void
update_status_full (WeftWindow *self,
                    gboolean    now)
{
  WeftRun *run = weft_session_get_run (self->session);
  WeftModel *model = weft_session_get_model (self->session);
  WeftSessionState state = weft_session_get_state (self->session);
  g_autofree char *state_text = NULL;
  g_autofree char *status = NULL;
  gint64 time = g_get_monotonic_time ();
  char seconds[32];

  if (run == NULL)
    return;
  if (!now && time - self->status_time < G_USEC_PER_SEC / STATUS_PER_SECOND)
    {
      if (self->status_timeout_id == 0)
        self->status_timeout_id =
          g_timeout_add ((guint) ((self->status_time + G_USEC_PER_SEC / STATUS_PER_SECOND - time) / 1000) + 1,
                         status_timeout_cb, self);
      return;
    }
  g_clear_handle_id (&self->status_timeout_id, g_source_remove);
  self->status_time = time;

  g_snprintf (seconds, sizeof seconds, "%.1f", weft_model_get_end_ns (model) / 1e9);
  switch (state)
    {
    case WEFT_SESSION_READY:
      state_text = g_strdup (_("Ready"));
      /* Translators: under the timeline before a run starts: the keys that start it. */
      status = g_strdup (_("Space: run · N: one step at a time · 1–9: step that thread"));
      break;

    case WEFT_SESSION_RUNNING:
      /* Translators: the window's subtitle while a run goes; %s is seconds, "3.2". */
      state_text = g_strdup_printf (_("Running · %s s"), seconds);
      break;

    case WEFT_SESSION_PAUSED:
      if (weft_run_get_mode (run) == WEFT_MODE_STEP)
        /* Translators: the window's subtitle when stepping; %u is the number of steps. */
        state_text = g_strdup_printf (ngettext ("Stepping · %u step", "Stepping · %u steps",
                                                (gulong) weft_run_get_n_steps (run)),
                                      (guint) weft_run_get_n_steps (run));
      else
        state_text = g_strdup_printf (_("Paused · %s s"), seconds);
      break;

    case WEFT_SESSION_ENDED:
    default:
      if (weft_run_get_outcome (run) == WEFT_OUTCOME_COMPLETED)
        state_text = g_strdup_printf (_("Finished · %s s"), seconds);
      else
        state_text = g_strdup_printf (_("Stopped · %s s"), seconds);
      break;
    }

  if (weft_model_get_outcome (model) == WEFT_OUTCOME_DEADLOCK && state != WEFT_SESSION_ENDED)
    {
      g_free (state_text);
      state_text = g_strdup (_("Deadlocked"));
    }

  if (status == NULL)
    {
      guint64 n = weft_model_get_n_events (model);
      char count[32];

      g_snprintf (count, sizeof count, "%" G_GUINT64_FORMAT, n);
      /* Translators: under the timeline: "Running · 3.2 s · 1234 events". */
      status = g_strdup_printf (ngettext ("%s · %s event", "%s · %s events", (gulong) MIN (n, G_MAXULONG)),
                                state_text, count);
    }

  if (g_strcmp0 (state_text, self->subtitle_text) != 0)
    {
      adw_window_title_set_subtitle (self->window_title, state_text);
      g_free (self->subtitle_text);
      self->subtitle_text = g_steal_pointer (&state_text);
    }
  if (g_strcmp0 (status, self->status_text) != 0)
    {
      gtk_label_set_label (self->timeline_status, status);
      g_free (self->status_text);
      self->status_text = g_steal_pointer (&status);
    }
}

static void
update_status (WeftWindow *self)
{
  update_status_full (self, TRUE);
}

static void
session_updated_cb (WeftWindow  *self,
                    WeftSession *session)
{
  weft_timeline_area_update (self->timeline_area);
  weft_scene_area_update (self->scene_area);
  weft_legend_area_update (self->legend_area);
  weft_log_view_update (self->log_view);
  update_status_full (self, FALSE);
  /* The first operation makes a step back possible. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.step-back", weft_session_can_step_back (session));
}

static gboolean
is_going (WeftWindow *self)
{
  WeftSessionState state = weft_session_get_state (self->session);

  return state == WEFT_SESSION_RUNNING || state == WEFT_SESSION_PAUSED ||
         weft_session_is_catching_up (self->session);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  WeftWindow *self = WEFT_WINDOW (widget);

  /* Reads what the threads recorded since the last frame; never waits for them. */
  weft_session_tick (self->session);
  if (!is_going (self))
    {
      /* An ended run's last events are read: the window goes idle. */
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* The frame clock ticks only while the run goes, or while a stopped run's last events are
 * still being read a frame's budget at a time: an idle window does not wake up sixty times
 * a second. */
static void
update_tick (WeftWindow *self)
{
  gboolean going = is_going (self);

  if (going && self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
  else if (!going && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
}

static void
session_state_cb (WeftWindow  *self,
                  GParamSpec  *pspec,
                  WeftSession *session)
{
  update_tick (self);
  weft_window_update_actions (self);
  update_status (self);
}

static void scenario_selected_cb (WeftWindow  *self,
                                  GParamSpec  *pspec,
                                  GtkDropDown *dropdown);

static void
session_run_changed_cb (WeftWindow  *self,
                        WeftSession *session)
{
  WeftModel *model = weft_session_get_model (session);

  weft_timeline_area_set_model (self->timeline_area, model);
  weft_scene_area_set_model (self->scene_area, model);
  weft_legend_area_set_model (self->legend_area, model);
  weft_log_view_set_events (self->log_view, weft_session_get_events (session));
  /* A new scenario: the panel shows its rows; a reset: the panel keeps what it shows. */
  if (weft_params_panel_get_scenario (self->params_panel) != weft_session_get_scenario (session))
    weft_params_panel_set_scenario (self->params_panel, weft_session_get_scenario (session),
                                    weft_session_get_params (session));
  weft_params_panel_set_applied (self->params_panel, weft_session_get_params (session));
  /* Another scenario, another number of lanes. */
  weft_window_balance_centre (self);
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
  adw_window_title_set_title (self->window_title, _(weft_session_get_scenario (session)->title));
  /* A run opened from a file may be another scenario's: the chooser shows it. */
  {
    guint n_scenarios;
    const WeftScenario * const *scenarios = weft_scenarios_get_all (&n_scenarios);

    for (guint i = 0; i < n_scenarios; i++)
      if (scenarios[i] == weft_session_get_scenario (session) &&
          gtk_drop_down_get_selected (self->scenario_dropdown) != i)
        {
          g_signal_handlers_block_by_func (self->scenario_dropdown, scenario_selected_cb, self);
          gtk_drop_down_set_selected (self->scenario_dropdown, i);
          g_signal_handlers_unblock_by_func (self->scenario_dropdown, scenario_selected_cb, self);
        }
  }
  /* Another run is not the file last saved or opened: Save asks where (opening a file
   * names it again once its run is made). */
  g_clear_object (&self->run_file);
  weft_window_update_actions (self);
  update_status (self);
}

static void
session_alert_cb (WeftWindow  *self,
                  int          kind,
                  const char  *text,
                  guint64      time_ns,
                  WeftSession *session)
{
  gtk_label_set_label (self->banner_label, text);
  self->banner_time_ns = time_ns;
  gtk_widget_remove_css_class (self->banner, "deadlock");
  if (kind == WEFT_ALERT_DEADLOCK)
    gtk_widget_add_css_class (self->banner, "deadlock");
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
  /* A deadlocked run cannot be resumed: Run/Pause says so. */
  weft_window_update_actions (self);
}

static void
session_message_cb (WeftWindow  *self,
                    const char  *text,
                    WeftSession *session)
{
  weft_window_show_message (self, text);
}

static void
banner_button_clicked_cb (WeftWindow *self)
{
  /* The timeline centres on it, the scene shows it, the log scrolls to it. */
  weft_viewport_jump_to (weft_session_get_viewport (self->session), self->banner_time_ns);
}

static void
banner_close_clicked_cb (WeftWindow *self)
{
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

static void
params_apply_cb (WeftWindow *self)
{
  weft_window_reset (self);
}

static void
actor_activated_cb (WeftWindow *self,
                    guint       actor)
{
  g_autoptr(GError) error = NULL;

  if (!weft_session_step (self->session, (int) actor, &error))
    weft_window_show_message (self, error->message);
}

static void
style_changed_cb (WeftWindow       *self,
                  GParamSpec       *pspec,
                  AdwStyleManager  *manager)
{
  WeftThemeId theme = get_theme ();

  weft_timeline_area_set_theme (self->timeline_area, theme);
  weft_scene_area_set_theme (self->scene_area, theme);
  weft_legend_area_set_theme (self->legend_area, theme);
}

gboolean
weft_window_load_scenario (WeftWindow         *self,
                           const WeftScenario *scenario)
{
  g_autoptr(WeftParams) params = load_parameters (self, scenario);
  g_autoptr(GError) error = NULL;

  if (!weft_session_load (self->session, scenario, params, &error))
    {
      weft_window_show_message (self, error->message);
      return FALSE;
    }
  save_parameters (self);
  return TRUE;
}

gboolean
weft_window_reset (WeftWindow *self)
{
  g_autoptr(GError) error = NULL;

  weft_params_panel_commit (self->params_panel);
  if (!weft_session_reset (self->session, weft_params_panel_get_params (self->params_panel), &error))
    {
      weft_window_show_message (self, error->message);
      return FALSE;
    }
  save_parameters (self);
  return TRUE;
}

static void
scenario_selected_cb (WeftWindow  *self,
                      GParamSpec  *pspec,
                      GtkDropDown *dropdown)
{
  guint n_scenarios;
  const WeftScenario * const *scenarios = weft_scenarios_get_all (&n_scenarios);
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected >= n_scenarios || scenarios[selected] == weft_session_get_scenario (self->session))
    return;
  if (!weft_window_load_scenario (self, scenarios[selected]))
    {
      /* The session kept its scenario: so does the chooser. */
      for (guint i = 0; i < n_scenarios; i++)
        if (scenarios[i] == weft_session_get_scenario (self->session))
          {
            g_signal_handlers_block_by_func (dropdown, scenario_selected_cb, self);
            gtk_drop_down_set_selected (dropdown, i);
            g_signal_handlers_unblock_by_func (dropdown, scenario_selected_cb, self);
          }
    }
}

static void
speed_selected_cb (WeftWindow  *self,
                   GParamSpec  *pspec,
                   GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected >= G_N_ELEMENTS (speeds))
    return;
  weft_session_set_speed (self->session, speeds[selected]);
  g_settings_set_double (self->settings, "speed", speeds[selected]);
}

static void
policy_changed_cb (WeftWindow      *self,
                   GParamSpec      *pspec,
                   WeftParamsPanel *panel)
{
  WeftPolicy policy;

  g_object_get (panel, "policy", &policy, NULL);
  weft_session_set_policy (self->session, (WeftPolicy) policy);
  g_settings_set_string (self->settings, "policy", weft_policy_to_string ((WeftPolicy) policy));
}

static gboolean
weft_window_close_request (GtkWindow *window)
{
  WeftWindow *self = WEFT_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      /* The schema's ranges: a window spanning several monitors is remembered smaller. */
      g_settings_set_int (self->settings, "window-width", CLAMP (width, 640, 7680));
      g_settings_set_int (self->settings, "window-height", CLAMP (height, 480, 4320));
    }
  g_settings_apply (self->settings);

  /* Whatever the run is doing (running, paused, deadlocked), its threads stop now. */
  if (self->export_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->export_dialog));
  weft_session_stop (self->session);

  return GTK_WINDOW_CLASS (weft_window_parent_class)->close_request (window);
}

static void
weft_window_dispose (GObject *object)
{
  WeftWindow *self = WEFT_WINDOW (object);

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_clear_handle_id (&self->status_timeout_id, g_source_remove);
  if (self->export_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->export_dialog));

  /* The views borrow the session's model: they let go of it first. */
  if (self->timeline_area != NULL)
    weft_timeline_area_set_model (self->timeline_area, NULL);
  if (self->scene_area != NULL)
    weft_scene_area_set_model (self->scene_area, NULL);
  if (self->legend_area != NULL)
    weft_legend_area_set_model (self->legend_area, NULL);
  if (self->log_view != NULL)
    weft_log_view_set_events (self->log_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), WEFT_TYPE_WINDOW);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->run_file);
  if (self->text_css != NULL)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->text_css));
  g_clear_object (&self->text_css);

  G_OBJECT_CLASS (weft_window_parent_class)->dispose (object);
}

static void
weft_window_finalize (GObject *object)
{
  WeftWindow *self = WEFT_WINDOW (object);

  g_free (self->status_text);
  g_free (self->subtitle_text);

  G_OBJECT_CLASS (weft_window_parent_class)->finalize (object);
}

static void
weft_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  WeftWindow *self = WEFT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_FOLLOW_LIVE:
      g_value_set_boolean (value, self->follow_live);
      break;

    case PROP_SHOW_LEGEND:
      g_value_set_boolean (value, self->show_legend);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
weft_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  WeftWindow *self = WEFT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_FOLLOW_LIVE:
      if (self->follow_live != g_value_get_boolean (value))
        {
          self->follow_live = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_SHOW_LEGEND:
      if (self->show_legend != g_value_get_boolean (value))
        {
          self->show_legend = g_value_get_boolean (value);
          weft_window_update_legend (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
weft_window_class_init (WeftWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = weft_window_dispose;
  object_class->finalize = weft_window_finalize;
  object_class->get_property = weft_window_get_property;
  object_class->set_property = weft_window_set_property;
  window_class->close_request = weft_window_close_request;

  properties[PROP_FOLLOW_LIVE] =
    g_param_spec_boolean ("follow-live", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_LEGEND] =
    g_param_spec_boolean ("show-legend", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (WEFT_TYPE_LEGEND_AREA);
  g_type_ensure (WEFT_TYPE_PARAMS_PANEL);
  g_type_ensure (WEFT_TYPE_SCENE_AREA);
  g_type_ensure (WEFT_TYPE_TIMELINE_AREA);
  g_type_ensure (WEFT_TYPE_LOG_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/weft-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, panel_button);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, scenario_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, step_button);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, step_back_button);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, stop_button);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, speed_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, log_button);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, banner_button);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, panel_flap);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, log_flap);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, centre_paned);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, params_panel);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, scene_area);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, timeline_area);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, timeline_bar);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, timeline_status);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, legend_revealer);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, legend_area);
  gtk_widget_class_bind_template_child (widget_class, WeftWindow, log_view);
  gtk_widget_class_bind_template_callback (widget_class, banner_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, banner_close_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, params_apply_cb);

  weft_window_class_add_actions (widget_class);
  weft_window_add_file_actions (widget_class);
}

static void
weft_window_init (WeftWindow *self)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  const WeftScenario * const *scenarios;
  g_autofree char *last = NULL;
  guint n_scenarios, selected = 0;
  WeftViewport *viewport;
  double speed;

  gtk_widget_init_template (GTK_WIDGET (self));

#if DEVELOPMENT
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  self->settings = g_settings_new ("io.github.weft.Weft");
  self->session = weft_session_new ();
  /* The model is built while the main thread waits for its next frame. */
  weft_session_build_in_background (self->session);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized") || weft_window_first_time_maximized (self))
    gtk_window_maximize (GTK_WINDOW (self));

  weft_window_init_presentation (self);
  weft_window_init_files (self);

  /* The toggles show and hide the flaps; a flap that folds over the centre (a narrow
   * window) hides itself, and its toggle follows. */
  g_object_bind_property (self->panel_button, "active", self->panel_flap, "reveal-flap",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (self->log_button, "active", self->log_flap, "reveal-flap",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  /* The views share the session's viewport: the timeline writes its window and focus
   * there, the scene shows its moment, a jump (the banner's "Show When") moves them all. */
  viewport = weft_session_get_viewport (self->session);
  weft_timeline_area_set_viewport (self->timeline_area, viewport);
  weft_scene_area_set_viewport (self->scene_area, viewport);
  weft_log_view_set_viewport (self->log_view, viewport);
  g_object_bind_property (viewport, "follow-live", self, "follow-live",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  g_signal_connect_object (self->session, "updated", G_CALLBACK (session_updated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::state", G_CALLBACK (session_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "run-changed", G_CALLBACK (session_run_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "alert", G_CALLBACK (session_alert_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "message", G_CALLBACK (session_message_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline_area, "actor-activated", G_CALLBACK (actor_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scene_area, "actor-activated", G_CALLBACK (actor_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  style_changed_cb (self, NULL, adw_style_manager_get_default ());

  speed = g_settings_get_double (self->settings, "speed");
  for (guint i = 0; i < G_N_ELEMENTS (speeds); i++)
    if (speeds[i] <= speed + 1e-9)
      gtk_drop_down_set_selected (self->speed_dropdown, i);
  weft_session_set_speed (self->session, speeds[gtk_drop_down_get_selected (self->speed_dropdown)]);
  g_signal_connect_object (self->speed_dropdown, "notify::selected", G_CALLBACK (speed_selected_cb), self, G_CONNECT_SWAPPED);

  {
    g_autofree char *name = g_settings_get_string (self->settings, "policy");
    WeftPolicy policy = WEFT_POLICY_ROUND_ROBIN;

    weft_policy_from_string (name, &policy);
    g_object_set (self->params_panel, "policy", policy, NULL);
    weft_session_set_policy (self->session, policy);
    g_signal_connect_object (self->params_panel, "notify::policy", G_CALLBACK (policy_changed_cb), self, G_CONNECT_SWAPPED);
  }

  scenarios = weft_scenarios_get_all (&n_scenarios);
  last = g_settings_get_string (self->settings, "last-scenario");
  for (guint i = 0; i < n_scenarios; i++)
    {
      gtk_string_list_append (titles, _(scenarios[i]->title));
      if (g_str_equal (scenarios[i]->id, last))
        selected = i;
    }
  gtk_drop_down_set_model (self->scenario_dropdown, G_LIST_MODEL (titles));
  gtk_drop_down_set_selected (self->scenario_dropdown, selected);
  weft_window_load_scenario (self, scenarios[selected]);
  g_signal_connect_object (self->scenario_dropdown, "notify::selected", G_CALLBACK (scenario_selected_cb), self, G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scenario_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Scenario"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->speed_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Speed"), -1);

  weft_window_add_key_controllers (self);
  update_tick (self);
  weft_window_update_actions (self);
}

GtkWidget *
weft_window_new (GtkApplication *application)
{
  return g_object_new (WEFT_TYPE_WINDOW, "application", application, NULL);
}

WeftSession *
weft_window_get_session (WeftWindow *self)
{
  g_return_val_if_fail (WEFT_IS_WINDOW (self), NULL);

  return self->session;
}

WeftExportDialog *
weft_window_get_export_dialog (WeftWindow *self)
{
  g_return_val_if_fail (WEFT_IS_WINDOW (self), NULL);

  return self->export_dialog;
}
