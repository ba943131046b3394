/* weft-log-view.h — the event log pane: a GtkListView over a WeftEventList, with a
 * thread filter and a follow-the-live-edge toggle; it scrolls to the moment a shared
 * WeftViewport jumps to.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "weft-core.h"
#include "weft-event-list.h"
#include "weft-viewport.h"

G_BEGIN_DECLS

#define WEFT_TYPE_LOG_VIEW (weft_log_view_get_type ())
G_DECLARE_FINAL_TYPE (WeftLogView, weft_log_view, WEFT, LOG_VIEW, GtkWidget)

GtkWidget *weft_log_view_new      (void);
/* A new run (NULL: none): the list and the thread filter start over. */
void       weft_log_view_set_run  (WeftLogView *self,
                                   WeftRun     *run);
/* The session's list of @events (NULL: none), which its owner fills (the session, from
 * its one read a frame): the view never reads the trace for it. */
void       weft_log_view_set_events (WeftLogView   *self,
                                     WeftEventList *events);
/* A jump of @viewport (weft_viewport_jump_to()) scrolls the log to that moment, as
 * weft_log_view_jump_to() does. NULL: none. */
void       weft_log_view_set_viewport (WeftLogView  *self,
                                       WeftViewport *viewport);
/* The trace has new events: reads them if the list is the view's own (set_run), and
 * scrolls to the end when following. */
void       weft_log_view_update   (WeftLogView *self);
/* Scrolls to the first event at or after @time_ns and stops following. */
void       weft_log_view_jump_to  (WeftLogView *self,
                                   guint64      time_ns);

/* A live log moves to its newest line at most this many times a second. */
#define WEFT_LOG_VIEW_FOLLOW_PER_SECOND 8
/* Two moves to the end in a row that bring more lines than this (or one that brings more
 * than the list keeps rows, while the run goes) make the log "fly": the list is let go
 * and a page says how many events go by a second, until the lines stand still again (the
 * run paused or slowed); then the list comes back at its end. */
#define WEFT_LOG_VIEW_FLYING_LINES 60
gboolean   weft_log_view_get_flying  (WeftLogView *self);

/* How many rows the view has bound to an event (each formats its time and lays out its
 * sentence): the rows shown, not the events held. For the tests and the benchmarks. */
guint      weft_log_view_get_n_bound (WeftLogView *self);
/* Property "follow-live" (gboolean, read-write). */

G_END_DECLS
