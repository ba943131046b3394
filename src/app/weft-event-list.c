/* weft-event-list.c — the events the log shows, as a GListModel read from the trace.
 *
 * The list copies nothing of the trace. It keeps only a compact index: for each position,
 * the trace index of the event shown there, stored as its low 32 bits in a ring buffer
 * (4 bytes an event, against the trace's 16). weft_event_list_append() extends the index
 * from the events the session read this frame (weft_event_list_update() reads them itself,
 * with a cursor, from where the list stopped), and drops from the front what the trace
 * has recycled: an update costs what changed, not what is kept. An item
 * (WeftEventItem) is made when the view asks for a position; its sentence is made when
 * first shown.
 *
 * Threading: everything here runs on the main thread. Actor threads append to the trace
 * meanwhile; the trace is read without a lock (see weft-trace.h), and an event it dropped
 * since the last update is skipped, never read torn.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "weft-event-list.h"

/* The index holds at most this many positions (16 MiB). A longer log drops its oldest
 * lines, as the trace drops its oldest events; nobody scrolls through four million lines
 * by hand, and the timeline still shows what the trace keeps. A power of two, so that the
 * ring never grows past it. */
#define MAX_ITEMS ((gsize) 1 << 22)
#define MIN_RING  ((gsize) 1 << 10)

/* Items asked for recently, by trace index: the view asks for the same rows again and
 * again as it lays them out, and each keeps its sentence once made. */
#define CACHE_SIZE 128

/* ---- WeftEventItem ------------------------------------------------------------------- */

struct _WeftEventItem
{
  GObject    parent_instance;

  WeftRun   *run;       /* for the names, when the sentence is made */
  WeftEvent  event;
  guint64    index;
  gboolean   forgotten; /* dropped by the trace before the view asked for it */
  char      *text;      /* made on the first get_text() */
};

G_DEFINE_FINAL_TYPE (WeftEventItem, weft_event_item, G_TYPE_OBJECT)

static void
weft_event_item_finalize (GObject *object)
{
  WeftEventItem *self = WEFT_EVENT_ITEM (object);

  g_clear_pointer (&self->run, weft_run_unref);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (weft_event_item_parent_class)->finalize (object);
}

static void
weft_event_item_class_init (WeftEventItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = weft_event_item_finalize;
}

static void
weft_event_item_init (WeftEventItem *self)
{
}

static WeftEventItem *
weft_event_item_new (WeftRun         *run,
                     guint64          index,
                     const WeftEvent *event)
{
  WeftEventItem *self = g_object_new (WEFT_TYPE_EVENT_ITEM, NULL);

  self->run = weft_run_ref (run);
  self->index = index;
  if (event != NULL)
    self->event = *event;
  else
    {
      self->forgotten = TRUE;
      self->event.actor = WEFT_NONE;
      self->event.object = WEFT_NONE;
    }

  return self;
}

guint64
weft_event_item_get_index (WeftEventItem *self)
{
  g_return_val_if_fail (WEFT_IS_EVENT_ITEM (self), 0);

  return self->index;
}

guint64
weft_event_item_get_time (WeftEventItem *self)
{
  g_return_val_if_fail (WEFT_IS_EVENT_ITEM (self), 0);

  return weft_event_get_time (&self->event);
}

int
weft_event_item_get_actor (WeftEventItem *self)
{
  g_return_val_if_fail (WEFT_IS_EVENT_ITEM (self), -1);

  return self->event.actor == WEFT_NONE ? -1 : (int) self->event.actor;
}

const char *
weft_event_item_get_text (WeftEventItem *self)
{
  g_return_val_if_fail (WEFT_IS_EVENT_ITEM (self), NULL);

  if (self->text == NULL)
    {
      if (self->forgotten)
        /* Shown for a moment at most: the next update removes the line. */
        self->text = g_strdup (_("This event is no longer kept"));
      else
        self->text = weft_event_describe (self->run, &self->event);
    }

  return self->text;
}

/* ---- WeftEventList ------------------------------------------------------------------- */

struct _WeftEventList
{
  GObject        parent_instance;

  WeftRun       *run;         /* its trace is asked for each time: a cap set before the
                               * start replaces it */
  int            actor;       /* -1: every thread */
  guint64        scanned;     /* the trace has been read up to here */

  /* The index: position p is ring[(head + p) & (ring_size - 1)], the low 32 bits of a
   * trace index below `scanned`. The full index is found back from `scanned`, which is
   * less than 2^32 events ahead of anything kept (the trace holds fewer events than that
   * below a 64 GiB cap). */
  guint32       *ring;
  gsize          ring_size;   /* a power of two, 0 before the first event */
  gsize          head;
  guint          n_items;

  /* Activity ids are interned densely from 1 and never forgotten, so a running state with
   * an id at or below the highest one seen logged is logged too, without asking the run
   * (which takes its monitor, fought over by the actors). */
  guint16        known_activity;

  WeftEventItem *cache[CACHE_SIZE];
  guint          n_made;      /* items made: what the view asked for, not what is kept */
};

static void weft_event_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WeftEventList, weft_event_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      weft_event_list_model_init))

static guint64
index_at (WeftEventList *self,
          guint          position)
{
  guint32 low = self->ring[(self->head + position) & (self->ring_size - 1)];

  return self->scanned - (guint32) ((guint32) self->scanned - low);
}

static void
index_clear (WeftEventList *self)
{
  g_clear_pointer (&self->ring, g_free);
  self->ring_size = 0;
  self->head = 0;
  self->n_items = 0;
}

static void
index_drop_front (WeftEventList *self,
                  guint          n)
{
  g_assert (n <= self->n_items);

  self->head = (self->head + n) & (self->ring_size - 1);
  self->n_items -= n;
}

/* Appends the indices of @fresh from @skip on, growing the ring as needed; the caller
 * keeps the total within MAX_ITEMS. */
static void
index_append (WeftEventList *self,
              GArray        *fresh,
              guint          skip)
{
  guint n_new = fresh->len - skip;

  g_assert (self->n_items + n_new <= MAX_ITEMS);

  if (self->n_items + n_new > self->ring_size)
    {
      gsize new_size = MAX (MIN_RING, self->ring_size);
      guint32 *ring;

      while (new_size < self->n_items + n_new)
        new_size *= 2;
      ring = g_new (guint32, new_size);
      /* Unwrapped into the new ring, oldest first. */
      for (guint i = 0; i < self->n_items; i++)
        ring[i] = self->ring[(self->head + i) & (self->ring_size - 1)];
      g_free (self->ring);
      self->ring = ring;
      self->ring_size = new_size;
      self->head = 0;
    }

  for (guint i = skip; i < fresh->len; i++)
    {
      self->ring[(self->head + self->n_items) & (self->ring_size - 1)] =
        g_array_index (fresh, guint32, i);
      self->n_items++;
    }
}

static gboolean
event_is_shown (WeftEventList   *self,
                const WeftEvent *event)
{
  gboolean running = event->kind == WEFT_EVENT_STATE && event->aux == WEFT_STATE_RUNNING;
  guint16 activity = (guint16) event->value;

  if (self->actor >= 0 && event->actor != (guint16) self->actor)
    return FALSE;
  if (running && activity != 0 && activity <= self->known_activity)
    return TRUE;
  if (!weft_event_is_logged (self->run, event))
    return FALSE;
  if (running)
    self->known_activity = MAX (self->known_activity, activity);

  return TRUE;
}

/* Adds the index of @event (at @index) to @fresh if the list shows it. Only the last
 * MAX_ITEMS can be kept, so the array is trimmed as it goes, to stay under twice that. */
static void
collect (WeftEventList   *self,
         GArray          *fresh,
         guint64          index,
         const WeftEvent *event)
{
  guint32 low = (guint32) index;

  if (!event_is_shown (self, event))
    return;
  if (fresh->len == 2 * MAX_ITEMS)
    g_array_remove_range (fresh, 0, MAX_ITEMS);
  g_array_append_val (fresh, low);
}

/* The indices (low 32 bits) of the events of [@from, @to) that the list shows, read with
 * a cursor (events recycled meanwhile are skipped: the update drops them anyway). Found
 * first and added after, so that the index is never seen half changed. */
static GArray *
scan_events (WeftEventList *self,
             guint64        from,
             guint64        to)
{
  GArray *fresh = g_array_new (FALSE, FALSE, sizeof (guint32));
  WeftTraceCursor cursor;
  WeftEvent event;

  weft_trace_cursor_init (&cursor, weft_run_get_trace (self->run), from);
  while (cursor.next < to && weft_trace_cursor_next (&cursor, &event) && cursor.next <= to)
    collect (self, fresh, cursor.next - 1, &event);

  return fresh;
}

static GType
weft_event_list_get_item_type (GListModel *model)
{
  return WEFT_TYPE_EVENT_ITEM;
}

static guint
weft_event_list_get_n_items (GListModel *model)
{
  return WEFT_EVENT_LIST (model)->n_items;
}

static gpointer
weft_event_list_get_item (GListModel *model,
                          guint       position)
{
  WeftEventList *self = WEFT_EVENT_LIST (model);
  WeftEventItem **slot;
  WeftEvent event;
  guint64 index;

  if (position >= self->n_items)
    return NULL;

  index = index_at (self, position);
  slot = &self->cache[index % CACHE_SIZE];
  if (*slot != NULL && (*slot)->index == index)
    return g_object_ref (*slot);

  g_clear_object (slot);
  self->n_made++;
  if (weft_trace_read (weft_run_get_trace (self->run), index, &event))
    *slot = weft_event_item_new (self->run, index, &event);
  else
    *slot = weft_event_item_new (self->run, index, NULL);

  return g_object_ref (*slot);
}

static void
weft_event_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = weft_event_list_get_item_type;
  iface->get_n_items = weft_event_list_get_n_items;
  iface->get_item = weft_event_list_get_item;
}

static void
weft_event_list_finalize (GObject *object)
{
  WeftEventList *self = WEFT_EVENT_LIST (object);

  for (guint i = 0; i < CACHE_SIZE; i++)
    g_clear_object (&self->cache[i]);
  index_clear (self);
  g_clear_pointer (&self->run, weft_run_unref);

  G_OBJECT_CLASS (weft_event_list_parent_class)->finalize (object);
}

static void
weft_event_list_class_init (WeftEventListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = weft_event_list_finalize;
}

static void
weft_event_list_init (WeftEventList *self)
{
  self->actor = -1;
}

/* The list starts empty: the first weft_event_list_update() reads what the trace holds. */
WeftEventList *
weft_event_list_new (WeftRun *run)
{
  WeftEventList *self;

  g_return_val_if_fail (run != NULL, NULL);

  self = g_object_new (WEFT_TYPE_EVENT_LIST, NULL);
  self->run = weft_run_ref (run);

  return self;
}

WeftRun *
weft_event_list_get_run (WeftEventList *self)
{
  g_return_val_if_fail (WEFT_IS_EVENT_LIST (self), NULL);

  return self->run;
}

int
weft_event_list_get_actor (WeftEventList *self)
{
  g_return_val_if_fail (WEFT_IS_EVENT_LIST (self), -1);

  return self->actor;
}

/* Rebuilds the index from what was already read (new events wait for the next update),
 * and tells the view it all changed at once. It reads the whole kept trace: at the
 * default cap, a fraction of a second for a full one. */
void
weft_event_list_set_actor (WeftEventList *self,
                           int            actor)
{
  g_autoptr(GArray) fresh = NULL;
  guint old_n;
  guint64 first;

  g_return_if_fail (WEFT_IS_EVENT_LIST (self));
  g_return_if_fail (actor >= -1 && actor < (int) weft_run_get_n_actors (self->run));

  if (actor == self->actor)
    return;

  old_n = self->n_items;
  self->actor = actor;
  first = weft_trace_get_first (weft_run_get_trace (self->run));
  fresh = scan_events (self, MIN (first, self->scanned), self->scanned);
  index_clear (self);
  index_append (self, fresh, fresh->len > MAX_ITEMS ? fresh->len - MAX_ITEMS : 0);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
}

/* Two changes at most: the positions the trace (or MAX_ITEMS) forgot leave from the
 * front, then the new events (@fresh, read up to @read_to) arrive at the end. @first is
 * the trace's first kept index, taken before the events were read: then read_to - first
 * is at most what the trace can hold, which keeps the index's 32-bit offsets
 * unambiguous. */
static void
add_fresh (WeftEventList *self,
           GArray        *fresh,
           guint64        first,
           guint64        read_to)
{
  guint removed = 0;
  guint skip, over, old_n;

  while (removed < self->n_items && index_at (self, removed) < first)
    removed++;
  self->scanned = MAX (read_to, self->scanned);

  skip = fresh->len > MAX_ITEMS ? fresh->len - (guint) MAX_ITEMS : 0;
  over = self->n_items - removed + (fresh->len - skip);
  over = over > MAX_ITEMS ? over - (guint) MAX_ITEMS : 0;
  removed += over;

  if (removed > 0)
    {
      index_drop_front (self, removed);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
    }
  if (fresh->len > skip)
    {
      old_n = self->n_items;
      index_append (self, fresh, skip);
      g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, self->n_items - old_n);
    }
}

void
weft_event_list_update (WeftEventList *self)
{
  g_autoptr(GArray) fresh = NULL;
  WeftTrace *trace;
  guint64 n, first;

  g_return_if_fail (WEFT_IS_EVENT_LIST (self));

  trace = weft_run_get_trace (self->run);
  n = weft_trace_get_n_events (trace);
  first = weft_trace_get_first (trace);
  if (n <= self->scanned && (self->n_items == 0 || index_at (self, 0) >= first))
    return;

  fresh = scan_events (self, MAX (self->scanned, first), n);
  add_fresh (self, fresh, first, n);
}

void
weft_event_list_append (WeftEventList          *self,
                        const WeftIndexedEvent *events,
                        guint                   n_events,
                        guint64                 read_to)
{
  g_autoptr(GArray) fresh = NULL;
  guint64 first;

  g_return_if_fail (WEFT_IS_EVENT_LIST (self));
  g_return_if_fail (events != NULL || n_events == 0);

  /* The trace may have recycled some of these events since they were read (a frame's
   * batch can be longer than the trace keeps): the lines before its first kept event
   * leave, and such events are not added. */
  first = weft_trace_get_first (weft_run_get_trace (self->run));
  if (n_events == 0 && read_to <= self->scanned &&
      (self->n_items == 0 || index_at (self, 0) >= first))
    return;

  fresh = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n_events);
  for (guint i = 0; i < n_events; i++)
    if (events[i].index >= first)
      collect (self, fresh, events[i].index, &events[i].event);
  add_fresh (self, fresh, first, read_to);
}

guint
weft_event_list_get_n_made (WeftEventList *self)
{
  g_return_val_if_fail (WEFT_IS_EVENT_LIST (self), 0);

  return self->n_made;
}
