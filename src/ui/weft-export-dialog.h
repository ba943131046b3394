/* weft-export-dialog.h — the export dialog: what to draw (timeline, scene, both), the
 * format (PNG, SVG, PDF), the size, the theme and the range (the window in view or the
 * whole run); then a file chooser, and the image is written with src/export. A failure
 * is shown in the dialog, which stays open with the choices made; the run is not touched.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "weft-session.h"
#include "weft-render.h"

G_BEGIN_DECLS

#define WEFT_TYPE_EXPORT_DIALOG (weft_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WeftExportDialog, weft_export_dialog, WEFT, EXPORT_DIALOG, AdwWindow)

/* @window_view: the timeline's visible window (for the "window in view" range; NULL: the
 * whole run only). The dialog reads the session's model when it writes, so the image shows
 * the run as it is at that moment. The theme is the export's own choice (light by
 * default, remembered), not the window's: slides are mostly light. */
WeftExportDialog *weft_export_dialog_new       (GtkWindow              *parent,
                                                WeftSession            *session,
                                                const WeftTimelineView *window_view);
/* Writes the image with the dialog's current choices to @file, without the file chooser
 * (the chooser's response calls this). On success emits "exported" and closes. */
gboolean          weft_export_dialog_export_to (WeftExportDialog       *self,
                                                GFile                  *file,
                                                GError                **error);

/* Signals:
 *   "exported" (GFile *file)   the image was written */

G_END_DECLS
