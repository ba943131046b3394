/* weft-frame-reader.h — the one reader of a live run's trace in the window: once a frame
 * it reads the events recorded since the last frame with a WeftTraceCursor, brings the
 * model up to date from them, and hands the same batch on (the session's alert scan, the
 * log's event list), so that each event is read from the trace once.
 *
 * Threading: the main thread; the run's actors append to the trace meanwhile (the trace
 * is read without a lock, see weft-trace.h).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "weft-core.h"
#include "weft-model.h"

G_BEGIN_DECLS

/* One event read from the trace, with its index there. */
typedef struct
{
  guint64   index;
  WeftEvent event;
} WeftIndexedEvent;

typedef struct _WeftFrameReader WeftFrameReader;

/* Reads @run's trace from its start into @model (both referenced). */
WeftFrameReader        *weft_frame_reader_new        (WeftRun         *run,
                                                      WeftModel       *model);
void                    weft_frame_reader_free       (WeftFrameReader *self);

/* A reader more than this many reads' budget behind, and more than JUMP_MIN events,
 * gives up catching up (see weft_frame_reader_read()). */
#define WEFT_FRAME_READER_JUMP_FRAMES 20
#define WEFT_FRAME_READER_JUMP_MIN    100000

/* Reads at most @max_events new events, adds them to the model and moves the model's end
 * (to the run's present when caught up, else to the last event read). Returns the batch,
 * in trace order, valid until the next read; *@n_events says how many.
 *
 * More than WEFT_FRAME_READER_JUMP_FRAMES × @max_events (and JUMP_MIN) events behind a
 * run that goes on (a dense run records millions of events a second; the window reads
 * 50,000 a frame), the reader jumps to the newest @max_events: the ones jumped over count
 * as skipped, and the model forgets the history before them and says so
 * (weft_model_get_forgotten()), as under the trace's memory cap. The picture then follows
 * the present instead of a past the writers are about to recycle. A paused or ended
 * run's backlog does not move: it is read whole, frame after frame. */
const WeftIndexedEvent *weft_frame_reader_read       (WeftFrameReader *self,
                                                      guint64          max_events,
                                                      guint           *n_events);
/* The same, stopping once @deadline_us (monotonic) has passed, the clock looked at every
 * 1024 events: a frame's model building stays within its share of the frame, whatever an
 * event costs (a thousand lanes cost three times five). */
const WeftIndexedEvent *weft_frame_reader_read_until (WeftFrameReader *self,
                                                      guint64          max_events,
                                                      gint64           deadline_us,
                                                      guint           *n_events);
/* The same, also stopping (every 128 events) once *@go_on (atomic) is 0: the model
 * worker's slice ends when the main thread wakes up. */
const WeftIndexedEvent *weft_frame_reader_read_while (WeftFrameReader *self,
                                                      guint64          max_events,
                                                      gint64           deadline_us,
                                                      const gint      *go_on,
                                                      guint           *n_events);
/* Whether events are published and not read yet. */
gboolean                weft_frame_reader_is_behind  (WeftFrameReader *self);
/* The trace being read (NULL before the first read). */
WeftTrace              *weft_frame_reader_get_trace  (WeftFrameReader *self);
/* How many events are published and not read yet. */
guint64                 weft_frame_reader_get_n_pending (WeftFrameReader *self);
/* The index the next read starts from. */
guint64                 weft_frame_reader_get_next   (WeftFrameReader *self);
/* How many events were read from the trace so far (each once), and how many the trace
 * recycled before they could be read. */
guint64                 weft_frame_reader_get_n_read (WeftFrameReader *self);
guint64                 weft_frame_reader_get_n_skipped (WeftFrameReader *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftFrameReader, weft_frame_reader_free)

G_END_DECLS
