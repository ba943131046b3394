/* weft-event-list.h — a GListModel of a run's events as the log shows them: an item is
 * made when the list view asks for it, and nothing of the trace is copied. In the window
 * the new events come from the session's one read a frame (weft_event_list_append());
 * alone (the tests, a tool), the list reads the trace itself (weft_event_list_update()). Events the log leaves out (see weft_event_is_logged()) are skipped;
 * a thread filter keeps only one thread's events.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "weft-core.h"
#include "weft-frame-reader.h"

G_BEGIN_DECLS

#define WEFT_TYPE_EVENT_ITEM (weft_event_item_get_type ())
G_DECLARE_FINAL_TYPE (WeftEventItem, weft_event_item, WEFT, EVENT_ITEM, GObject)

guint64     weft_event_item_get_index  (WeftEventItem *self);   /* in the trace */
guint64     weft_event_item_get_time   (WeftEventItem *self);   /* ns since the start */
int         weft_event_item_get_actor  (WeftEventItem *self);   /* -1: the run itself */
/* The sentence, translated ("Kant has acquired the left fork"). */
const char *weft_event_item_get_text   (WeftEventItem *self);

#define WEFT_TYPE_EVENT_LIST (weft_event_list_get_type ())
G_DECLARE_FINAL_TYPE (WeftEventList, weft_event_list, WEFT, EVENT_LIST, GObject)

/* Holds a reference on @run. */
WeftEventList *weft_event_list_new        (WeftRun       *run);
WeftRun       *weft_event_list_get_run    (WeftEventList *self);
/* -1: every thread. */
void           weft_event_list_set_actor  (WeftEventList *self,
                                           int            actor);
int            weft_event_list_get_actor  (WeftEventList *self);
/* Reads what the trace gained (and forgot) since the last call; emits items-changed. */
void           weft_event_list_update     (WeftEventList *self);
/* The same from events someone else read: @events, in trace order, are the trace's events
 * from where this list stopped up to (not including) @read_to, minus any the trace
 * recycled; the lines (and events) before the trace's first kept event now leave. Reads
 * no event of the trace. */
void           weft_event_list_append     (WeftEventList          *self,
                                           const WeftIndexedEvent *events,
                                           guint                   n_events,
                                           guint64                 read_to);

/* How many items the list has made since it was created: one per row the view asked for
 * (each makes its sentence only when shown), however many events it holds. For the tests
 * and the benchmarks. */
guint          weft_event_list_get_n_made (WeftEventList *self);

G_END_DECLS
