/* weft-window-private.h — the window's insides, shared by weft-window.c (building it,
 * following the session) and weft-window-actions.c (what the user can do), and reached by
 * the GUI tests.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "weft-window.h"
#include "weft-export-dialog.h"
#include "weft-legend-area.h"
#include "weft-log-view.h"
#include "weft-params-panel.h"
#include "weft-scene-area.h"
#include "weft-session.h"
#include "weft-timeline-area.h"

G_BEGIN_DECLS

struct _WeftWindow
{
  AdwApplicationWindow parent_instance;

  /* Template children. */
  GtkWidget           *content_box;
  AdwWindowTitle      *window_title;
  GtkToggleButton     *panel_button;
  GtkDropDown         *scenario_dropdown;
  GtkButton           *play_button;
  GtkButton           *step_button;
  GtkButton           *step_back_button;
  GtkButton           *stop_button;
  GtkDropDown         *speed_dropdown;
  GtkToggleButton     *log_button;
  GtkMenuButton       *menu_button;
  GtkRevealer         *banner_revealer;
  GtkWidget           *banner;
  GtkLabel            *banner_label;
  GtkButton           *banner_button;
  AdwToastOverlay     *toast_overlay;
  AdwFlap             *panel_flap;
  AdwFlap             *log_flap;
  GtkPaned            *centre_paned;
  WeftParamsPanel     *params_panel;
  WeftSceneArea       *scene_area;
  WeftTimelineArea    *timeline_area;
  GtkRevealer         *legend_revealer;
  WeftLegendArea      *legend_area;
  GtkWidget           *timeline_bar;
  GtkLabel            *timeline_status;
  WeftLogView         *log_view;

  WeftSession         *session;
  GSettings           *settings;
  guint                tick_id;
  /* The export dialog while it is open (a weak pointer). */
  WeftExportDialog    *export_dialog;
  /* The moment the banner's "Show When" jumps to. */
  guint64              banner_time_ns;
  gboolean             follow_live;
  gboolean             show_legend;
  /* The user moved the scene/timeline divider: the window no longer places it. */
  gboolean             centre_dragged;
  /* Presentation mode (F5): the side panel and the log hidden, the text larger; what
   * they showed before, to give it back. */
  gboolean             presentation;
  gboolean             panel_before;
  gboolean             log_before;
  /* The text-size setting (1.0–2.5), and the style sheet that scales the log's text. */
  double               text_scale;
  GtkCssProvider      *text_css;
  /* The last status line and subtitle written, so that they are set only when they
   * change, and when (monotonic µs): during a run, at most STATUS_PER_SECOND times a
   * second, its count changing at every frame and each change laying the label out. */
  char                *status_text;
  char                *subtitle_text;
  gint64               status_time;
  guint                status_timeout_id; /* the update put off, so the last one shows */
  /* The .weft file last saved or opened: what Save writes to. */
  GFile               *run_file;
};

/* How often the status line follows a run (a state change shows at once). */
#define STATUS_PER_SECOND 4

/* weft-window-actions.c */
void     weft_window_class_add_actions (GtkWidgetClass *widget_class);
void     weft_window_update_actions    (WeftWindow     *self);

/* weft-window-files.c */
void     weft_window_add_file_actions  (GtkWidgetClass *widget_class);
void     weft_window_init_files        (WeftWindow     *self);
gboolean weft_window_save_run          (WeftWindow     *self,
                                        GFile          *file,
                                        GError        **error);
gboolean weft_window_open_run          (WeftWindow     *self,
                                        GFile          *file,
                                        GError        **error);

/* weft-window-keys.c */
void     weft_window_add_key_controllers (WeftWindow   *self);

/* weft-window-presentation.c */
void     weft_window_init_presentation (WeftWindow     *self);
void     weft_window_update_legend     (WeftWindow     *self);
void     weft_window_balance_centre    (WeftWindow     *self);
gboolean weft_window_first_time_maximized (WeftWindow  *self);

/* weft-window.c */
gboolean weft_window_load_scenario     (WeftWindow         *self,
                                        const WeftScenario *scenario);
gboolean weft_window_reset             (WeftWindow         *self);
void     weft_window_show_message      (WeftWindow         *self,
                                        const char         *text);
void     weft_window_set_text_scale    (WeftWindow         *self,
                                        double              scale);
void     weft_window_set_presentation  (WeftWindow         *self,
                                        gboolean            presentation);
void     weft_window_focus_views       (WeftWindow         *self);

/* The text-size setting's bounds and step, and how much presentation mode adds. */
#define WEFT_TEXT_SCALE_MIN          1.0
#define WEFT_TEXT_SCALE_MAX          2.5
#define WEFT_TEXT_SCALE_STEP         0.25
#define WEFT_PRESENTATION_TEXT_SCALE 1.4

/* For the GUI tests. */
WeftSession      *weft_window_get_session       (WeftWindow *self);
WeftExportDialog *weft_window_get_export_dialog (WeftWindow *self);

G_END_DECLS
