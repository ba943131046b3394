/* weft-frame-reader.c — reads a live run's new events once a frame, for every consumer
 * (see weft-frame-reader.h).
 *
 * The model is fed through the steps of its own sync (weft_model_begin_read(), then
 * weft_model_read_event() with each event's trace index, so its flows find their causes,
 * then weft_model_end_read()): the model's sync would read the trace a second time.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "weft-frame-reader.h"

struct _WeftFrameReader
{
  WeftRun         *run;
  WeftModel       *model;
  WeftTraceCursor  cursor;
  GArray          *batch;          /* of WeftIndexedEvent, reused frame after frame */
  guint64          n_read;
  guint64          n_skipped;      /* events the trace recycled before they were read */
};

WeftFrameReader *
weft_frame_reader_new (WeftRun   *run,
                       WeftModel *model)
{
  WeftFrameReader *self;

  g_return_val_if_fail (run != NULL, NULL);
  g_return_val_if_fail (model != NULL, NULL);

  self = g_new0 (WeftFrameReader, 1);
  self->run = weft_run_ref (run);
  self->model = weft_model_ref (model);
  self->batch = g_array_new (FALSE, FALSE, sizeof (WeftIndexedEvent));
  /* The cursor is placed on the first read: a trace cap set before the start replaces
   * the run's trace. */
  return self;
}

void
weft_frame_reader_free (WeftFrameReader *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->batch);
  weft_model_unref (self->model);
  weft_run_unref (self->run);
  g_free (self);
}

const WeftIndexedEvent *
weft_frame_reader_read (WeftFrameReader *self,
                        guint64          max_events,
                        guint           *n_events)
{
  return weft_frame_reader_read_until (self, max_events, G_MAXINT64, n_events);
}

/* How many events are read between two looks at the clock, and at the flag. */
#define CLOCK_EVERY 1024
#define FLAG_EVERY  128

const WeftIndexedEvent *
weft_frame_reader_read_until (WeftFrameReader *self,
                              guint64          max_events,
                              gint64           deadline_us,
                              guint           *n_events)
{
  return weft_frame_reader_read_while (self, max_events, deadline_us, NULL, n_events);
}

const WeftIndexedEvent *
weft_frame_reader_read_while (WeftFrameReader *self,
                              guint64          max_events,
                              gint64           deadline_us,
                              const gint      *go_on,
                              guint           *n_events)
{
  WeftTrace *trace;
  guint64 jumped_to = G_MAXUINT64;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_events != NULL, NULL);

  trace = weft_run_get_trace (self->run);
  if (self->cursor.trace != trace)
    weft_trace_cursor_init (&self->cursor, trace, 0);

  /* Hopelessly behind a run that goes on: read the newest events instead (see the
   * header). A paused or ended run's backlog stays put: it is read whole. */
  /* (Divided, not multiplied: a budget of G_MAXUINT64 means "all".) */
  if (max_events > 0 &&
      weft_trace_cursor_pending (&self->cursor) / WEFT_FRAME_READER_JUMP_FRAMES > max_events &&
      weft_trace_cursor_pending (&self->cursor) > WEFT_FRAME_READER_JUMP_MIN &&
      !weft_run_is_paused (self->run) && !weft_run_is_stopping (self->run) &&
      weft_run_get_outcome (self->run) == WEFT_OUTCOME_NONE)
    {
      guint64 to = weft_trace_get_n_events (trace) - max_events;

      if (to > self->cursor.next)
        {
          guint64 skipped = self->cursor.skipped + (to - self->cursor.next);

          weft_trace_cursor_init (&self->cursor, trace, to);
          self->cursor.skipped = skipped;
          jumped_to = to;
        }
    }

  weft_model_begin_read (self->model, self->run);
  g_array_set_size (self->batch, 0);
  while (self->batch->len < max_events)
    {
      WeftIndexedEvent item;

      if (!weft_trace_cursor_next (&self->cursor, &item.event))
        break;
      item.index = self->cursor.next - 1;
      g_array_append_val (self->batch, item);
      weft_model_read_event (self->model, self->run, item.index, &item.event,
                             self->cursor.skipped);
      self->n_skipped += self->cursor.skipped;
      self->cursor.skipped = 0;
      if (self->batch->len % CLOCK_EVERY == 0 && deadline_us != G_MAXINT64 &&
          g_get_monotonic_time () >= deadline_us)
        break;
      if (go_on != NULL && self->batch->len % FLAG_EVERY == 0 && !g_atomic_int_get (go_on))
        break;
    }
  self->n_read += self->batch->len;
  self->n_skipped += self->cursor.skipped;
  weft_model_end_read (self->model, self->run, weft_trace_cursor_pending (&self->cursor) > 0,
                       self->cursor.skipped);
  self->cursor.skipped = 0;

  /* After a jump, what the model knew before it says nothing of the time jumped over: it
   * goes, and the timeline says where and how much. */
  if (jumped_to != G_MAXUINT64 && self->batch->len > 0)
    {
      const WeftIndexedEvent *first = &g_array_index (self->batch, WeftIndexedEvent, 0);
      guint64 when = weft_event_get_time (&first->event);

      weft_model_forget_before (self->model, when);
      weft_model_set_forgotten (self->model, when, first->index);

      /* A thread none of whose events were read would show as new: the run says what it
       * is doing. */
      weft_model_note_unseen_threads (self->model, self->run, when);
    }

  *n_events = self->batch->len;
  return (const WeftIndexedEvent *) (gpointer) self->batch->data;
}

gboolean
weft_frame_reader_is_behind (WeftFrameReader *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->cursor.trace != NULL && weft_trace_cursor_pending (&self->cursor) > 0;
}

guint64
weft_frame_reader_get_n_pending (WeftFrameReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->cursor.trace != NULL ? weft_trace_cursor_pending (&self->cursor) : 0;
}

WeftTrace *
weft_frame_reader_get_trace (WeftFrameReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->cursor.trace;
}

guint64
weft_frame_reader_get_next (WeftFrameReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->cursor.next;
}

guint64
weft_frame_reader_get_n_read (WeftFrameReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_read;
}

guint64
weft_frame_reader_get_n_skipped (WeftFrameReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_skipped;
}
