/* weft-frame-reader.c — reads a live run's new events once a frame, for every consumer
 * (see weft-frame-reader.h).
 *
 * The model is fed through its public entry points (weft_model_add_event() and its
 * setters) in the order weft_model_sync() uses: activities interned meanwhile first, then
 * the events (a parked thread's next operation in the story's words as it comes), then
 * the end, then forgetting what the trace recycled. The model's own sync would read the
 * trace a second time.
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
  guint            n_activities;   /* activity ids below this are in the model */
  /* The parked operations (actor, op, object) whose words the model has: asked of the
   * run once each, since the run takes its monitor to answer. */
  GHashTable      *next_known;
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
  self->n_activities = 1;
  self->next_known = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  /* The cursor is placed on the first read: a trace cap set before the start replaces
   * the run's trace. */
  return self;
}

void
weft_frame_reader_free (WeftFrameReader *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->next_known);
  g_array_unref (self->batch);
  weft_model_unref (self->model);
  weft_run_unref (self->run);
  g_free (self);
}

static void
sync_activities (WeftFrameReader *self)
{
  for (guint16 id = (guint16) self->n_activities; ; id++)
    {
      const char *activity = weft_run_get_activity (self->run, id);

      if (activity == NULL)
        break;
      weft_model_set_activity (self->model, id, activity);
      self->n_activities = id + 1u;
    }
}

static void
sync_next_words (WeftFrameReader *self,
                 const WeftEvent *event)
{
  gint64 key = ((gint64) event->actor << 40) | ((gint64) event->value << 16) | event->object;
  g_autofree char *words = NULL;

  if (event->value <= WEFT_OP_NONE || event->value >= WEFT_N_OPS ||
      g_hash_table_contains (self->next_known, &key))
    return;

  words = weft_run_describe_next (self->run, event->actor, (WeftOp) event->value, event->object);
  weft_model_set_next_words (self->model, event->actor, (WeftOp) event->value, event->object,
                             words);
  g_hash_table_add (self->next_known, g_memdup2 (&key, sizeof key));
}

const WeftIndexedEvent *
weft_frame_reader_read (WeftFrameReader *self,
                        guint64          max_events,
                        guint           *n_events)
{
  WeftTrace *trace;
  guint64 last_time = 0;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_events != NULL, NULL);

  trace = weft_run_get_trace (self->run);
  if (self->cursor.trace != trace)
    weft_trace_cursor_init (&self->cursor, trace, 0);

  sync_activities (self);
  g_array_set_size (self->batch, 0);
  while (self->batch->len < max_events)
    {
      WeftIndexedEvent item;

      if (!weft_trace_cursor_next (&self->cursor, &item.event))
        break;
      item.index = self->cursor.next - 1;
      g_array_append_val (self->batch, item);

      weft_model_add_event (self->model, &item.event);
      if (item.event.kind == WEFT_EVENT_STATE && item.event.aux == WEFT_STATE_PARKED)
        sync_next_words (self, &item.event);
      last_time = weft_event_get_time (&item.event);
    }
  self->n_read += self->batch->len;

  /* Behind the trace (the budget ran out): the model ends at its last event, not at the
   * run's present, or the spans would claim the threads stayed as they were. */
  if (weft_trace_cursor_pending (&self->cursor) > 0)
    weft_model_set_end (self->model, last_time);
  else
    weft_model_set_end (self->model, weft_run_get_elapsed_ns (self->run));

  /* The trace forgets its oldest events under its memory cap: the model forgets what
   * happened before them too, so its memory stays in proportion. The oldest kept event
   * is the one place read twice, once a frame, only once the cap is reached. */
  {
    guint64 first = weft_trace_get_first (trace);
    WeftEvent event;

    if (first > 0 && first < weft_trace_get_n_events (trace) &&
        weft_trace_read (trace, first, &event))
      weft_model_forget_before (self->model, weft_event_get_time (&event));
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

  return self->cursor.skipped;
}
