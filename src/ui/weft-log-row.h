/* weft-log-row.h — one line of the event log: its time, right-aligned in a column of
 * tabular digits, then its sentence, wrapped to the width left, both on one baseline.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WEFT_TYPE_LOG_ROW (weft_log_row_get_type ())
G_DECLARE_FINAL_TYPE (WeftLogRow, weft_log_row, WEFT, LOG_ROW, GtkWidget)

GtkWidget *weft_log_row_new  (void);
/* Shows @seconds ("12.345 s") and @text. */
void       weft_log_row_set  (WeftLogRow *self,
                              const char *seconds,
                              const char *text);

G_END_DECLS
