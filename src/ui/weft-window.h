/* weft-window.h — the main window: one session (scenario, run, model) shown live.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WEFT_TYPE_WINDOW (weft_window_get_type ())
G_DECLARE_FINAL_TYPE (WeftWindow, weft_window, WEFT, WINDOW, AdwApplicationWindow)

GtkWidget *weft_window_new (GtkApplication *application);
/* Opens a saved run (.weft) to replay it; a file that cannot be opened is said in the
 * window, whose run stays as it was. */
void       weft_window_open_file (WeftWindow *self,
                                  GFile      *file);

G_END_DECLS
