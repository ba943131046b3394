/* weft-model-spans.c — the lanes' spans as events change them: a thread's state, a
 * resource's value, owner, waiters and list (semaphore holders, queue items); each span
 * added to the running sums that make any interval's time in each state cost a binary
 * search; and forgetting what ended before a trace's oldest kept event.
 *
 * Every event is read here (model_add_event()), where the spans' code, which most events
 * run, is compiled into the reader instead of called: the call cost 25 of an event's 316
 * instructions (issue 14). The few kinds the values, flows and run care about are handed
 * on.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "weft-model-private.h"

/* An object's list is object->list from object->list_head on: a queue's gets take its
 * first item, and moving a long queue down for each would cost its length per event
 * (store_remove_queued()). */
static inline guint
list_len (const Object *object)
{
  return object->list->len - object->list_head;
}

static inline gint32 *
list_items (const Object *object)
{
  return &store_index (object->list, gint32, object->list_head);
}

/* Inserts @item before the list's item @i. */
static void
list_insert (Object *object,
             guint   i,
             gint32  item)
{
  Store *list = object->list;
  guint at = object->list_head + i;

  store_reserve (list, 1);
  memmove (&store_index (list, gint32, at + 1), &store_index (list, gint32, at),
           (gsize) (list->len - at) * sizeof (gint32));
  store_index (list, gint32, at) = item;
  list->len++;
}

/* Appends a span starting at @span->start_ns; a span that would last no time is replaced.
 * The span it closes is added to the running sums, and every WEFT_MODEL_CHECKPOINT spans
 * the sums are kept. */
static G_ALWAYS_INLINE inline void
push_thread_span (WeftModel            *self,
                  Actor                *actor,
                  const WeftThreadSpan *span)
{
  WeftThreadSpan *last = &store_index (actor->spans, WeftThreadSpan, actor->spans->len - 1);

  if (G_UNLIKELY (self->actors->len >= WEFT_MODEL_CENSUS_MIN))
    census_move (&self->thread_census, last->state, span->state, MAX (span->start_ns, last->start_ns));
  if (span->start_ns <= last->start_ns)
    {
      guint64 start = last->start_ns;

      *last = *span;
      last->start_ns = start;
      return;
    }

  thread_sums_add (&actor->acc, last, span->start_ns - last->start_ns);
  store_append_val (actor->spans, *span);
  if (actor->spans->len % WEFT_MODEL_CHECKPOINT == 1)
    {
      store_append_val (actor->sums, actor->acc);
      store_append_val (actor->starts, span->start_ns);
    }
}

void
actor_push (WeftModel            *self,
            Actor                *actor,
            const WeftThreadSpan *span)
{
  push_thread_span (self, actor, span);
}

/* Lists are at most WEFT_MODEL_MAX_LISTED items: compared and copied in line, not by
 * memcmp() and memcpy() calls, a quarter of a semaphore's or a queue's event. */
static inline gboolean
items_equal (const gint32 *a,
             const gint32 *b,
             guint         n)
{
  for (guint i = 0; i < n; i++)
    if (a[i] != b[i])
      return FALSE;
  return TRUE;
}

static inline void
pool_append (WeftModel    *self,
             const gint32 *items,
             guint         n)
{
  gint32 *to;

  store_reserve (self->pool, n);
  to = &store_index (self->pool, gint32, self->pool->len);
  for (guint i = 0; i < n; i++)
    to[i] = items[i];
  self->pool->len += n;
}

/* A queue's list after a put or a get is the list before with an item more at its end or
 * one less at its start: when the list before is the last in the pool, the new one shares
 * it and only its new items are appended (4 bytes per event on a long queue, not 32). */
static inline gboolean
pool_extend (WeftModel              *self,
             const WeftResourceSpan *last,
             const gint32           *items,
             guint                   n_list,
             guint32                *list)
{
  if (last == NULL || last->list + last->n_list != self->pool->len)
    return FALSE;
  for (guint shift = 0; shift <= 1 && shift <= last->n_list; shift++)
    {
      guint overlap = last->n_list - shift;

      if (overlap == 0 || overlap > n_list ||
          !items_equal (&store_index (self->pool, gint32, last->list + shift), items, overlap))
        continue;
      *list = last->list + shift;
      pool_append (self, items + overlap, n_list - overlap);
      return TRUE;
    }
  return FALSE;
}

/* A semaphore's or a queue's list in @span: shared with the span before when it is the
 * same, or its new items appended to the pool. */
static G_ALWAYS_INLINE inline void
span_set_list (WeftModel              *self,
               const Object           *object,
               const WeftResourceSpan *last,
               WeftResourceSpan       *span)
{
  guint n_list = MIN (list_len (object), WEFT_MODEL_MAX_LISTED);
  const gint32 *items = list_items (object);

  if (list_len (object) > WEFT_MODEL_MAX_LISTED)
    span->flags |= WEFT_SPAN_LIST_CUT;
  span->n_list = (guint8) n_list;

  /* The same list as the span before: share it. */
  if (last != NULL && last->n_list == n_list &&
      items_equal (&store_index (self->pool, gint32, last->list), items, n_list))
    span->list = last->list;
  else if (!pool_extend (self, last, items, n_list, &span->list))
    {
      span->list = self->pool->len;
      pool_append (self, items, n_list);
    }
}

/* The current value, owner, waiters and list of @object become a new span at @time_ns. */
static G_ALWAYS_INLINE inline void
push_resource_span (WeftModel *self,
                    Object    *object,
                    guint64    time_ns,
                    guint8     flags)
{
  WeftResourceSpan span;
  WeftResourceSpan *last;

  span.start_ns = time_ns;
  span.value = object->value;
  span.owner = object->owner;
  span.n_waiting = object->n_waiting;
  span.flags = flags;
  span.reserved = 0;

  if (G_LIKELY (object->spans->len > 0))
    {
      last = &store_index (object->spans, WeftResourceSpan, object->spans->len - 1);
      object->min_value = MIN (object->min_value, span.value);
      object->max_value = MAX (object->max_value, span.value);
    }
  else
    {
      last = NULL;
      object->min_value = object->max_value = span.value;
    }

  /* Only semaphores and queues have lists; the others' spans all share an empty one. */
  if (object->has_list)
    span_set_list (self, object, last, &span);
  else
    {
      span.n_list = 0;
      span.list = last != NULL ? last->list : self->pool->len;
    }

  /* The census: held and with waiters, for locks and semaphores, in big models only. */
  if (G_UNLIKELY (self->n_census_resources >= WEFT_MODEL_CENSUS_MIN) &&
      object->kind <= WEFT_OBJECT_BOUNDED_SEMAPHORE)
    {
      guint8 bits = object_census_bits (object, span.value, span.n_waiting);
      guint64 t = last != NULL ? MAX (time_ns, last->start_ns) : time_ns;

      if ((bits ^ object->census) & 1)
        census_move (&self->resource_census, bits & 1 ? CENSUS_NONE : CENSUS_HELD,
                     bits & 1 ? CENSUS_HELD : CENSUS_NONE, t);
      if ((bits ^ object->census) & 2)
        census_move (&self->resource_census, bits & 2 ? CENSUS_NONE : CENSUS_WAITED,
                     bits & 2 ? CENSUS_WAITED : CENSUS_NONE, t);
      object->census = bits;
    }

  if (last != NULL && time_ns <= last->start_ns)
    {
      span.start_ns = last->start_ns;
      span.flags |= last->flags & WEFT_SPAN_STALE_WRITE;
      if (span.flags & WEFT_SPAN_STALE_WRITE && !(last->flags & WEFT_SPAN_STALE_WRITE))
        object->acc.n_stale++;
      *last = span;
      return;
    }

  if (last != NULL)
    resource_sums_add (&object->acc, object, last, time_ns - last->start_ns);
  if (span.flags & WEFT_SPAN_STALE_WRITE)
    object->acc.n_stale++;
  store_append_val (object->spans, span);
  if (object->spans->len % WEFT_MODEL_CHECKPOINT == 1)
    {
      ResourceSums checkpoint = object->acc;

      /* The checkpoint counts stale writes before its first span. */
      if (span.flags & WEFT_SPAN_STALE_WRITE)
        checkpoint.n_stale--;
      store_append_val (object->sums, checkpoint);
      store_append_val (object->starts, span.start_ns);
    }
}

void
object_push (WeftModel *self,
             Object    *object,
             guint64    time_ns,
             guint8     flags)
{
  push_resource_span (self, object, time_ns, flags);
}

static gboolean
is_waiting_state (WeftState state)
{
  return state == WEFT_STATE_BLOCKED || state == WEFT_STATE_WAITING;
}

static void
on_state (WeftModel       *self,
          Actor           *actor,
          const WeftEvent *event,
          guint64          now)
{
  const WeftThreadSpan *last = &store_index (actor->spans, WeftThreadSpan, actor->spans->len - 1);
  WeftThreadSpan span = { 0 };
  Object *before = NULL;
  Object *after = NULL;

  if (event->aux >= WEFT_N_STATES)
    return;

  if (is_waiting_state (last->state))
    before = get_object (self, last->object);
  if (is_waiting_state (event->aux))
    after = get_object (self, event->object);

  span.start_ns = now;
  span.state = event->aux;
  span.object = event->object;
  /* A pause stands for an activity of the story until the thread's next operation: a
   * philosopher parked after thinking (instantly, in step mode) is still "thinking". */
  if (event->aux == WEFT_STATE_SLEEPING)
    actor->story_activity = (guint16) event->value;
  else if (event->aux == WEFT_STATE_BLOCKED || event->aux == WEFT_STATE_WAITING)
    actor->story_activity = 0;
  else if (event->aux == WEFT_STATE_PARKED)
    span.activity = actor->story_activity;
  switch ((WeftState) event->aux)
    {
    case WEFT_STATE_RUNNING:
    case WEFT_STATE_SLEEPING:
    case WEFT_STATE_PARKED:
      span.detail = (guint16) event->value;
      break;
    case WEFT_STATE_NEW:
    case WEFT_STATE_BLOCKED:
    case WEFT_STATE_WAITING:
    case WEFT_STATE_DONE:
    case WEFT_N_STATES:
    default:
      span.detail = 0;
      break;
    }

  push_thread_span (self, actor, &span);
  if (before == after)
    return;
  if (before != NULL && before->n_waiting > 0)
    {
      before->n_waiting--;
      object_push (self, before, now, 0);
    }
  if (after != NULL)
    {
      after->n_waiting++;
      object_push (self, after, now, 0);
    }
}

static void
list_remove_at (Object *object,
                guint   i)
{
  store_remove_queued (object->list, &object->list_head, object->list_head + i);
}

static void
list_remove_value (Object *object,
                   gint32  value)
{
  const gint32 *items = list_items (object);
  guint n = list_len (object);

  for (guint i = 0; i < n; i++)
    {
      if (items[i] == value)
        {
          list_remove_at (object, i);
          return;
        }
    }
  if (n > 0)
    list_remove_at (object, 0);
}

static void
queue_insert (Object *object,
              gint32  item)
{
  /* A put on an object that is not a queue (a foreign trace) still lists its items. */
  object->has_list = TRUE;
  switch (object->queue_kind)
    {
    case WEFT_QUEUE_LIFO:
      if (object->list_head > 0)
        {
          object->list_head--;
          list_items (object)[0] = item;
        }
      else
        list_insert (object, 0, item);
      break;
    case WEFT_QUEUE_PRIORITY:
      {
        const gint32 *items = list_items (object);
        guint n = list_len (object);
        guint i = 0;

        while (i < n && items[i] <= item)
          i++;
        list_insert (object, i, item);
      }
      break;
    case WEFT_QUEUE_FIFO:
    default:
      store_append_val (object->list, item);
      break;
    }
}

/* An operation's event on @object: its value, owner, list and waiters as they are after
 * it. */
static inline void
on_object_event (WeftModel       *self,
                 Actor           *actor,
                 Object          *object,
                 const WeftEvent *event,
                 guint64          now)
{
  guint8 flags = 0;

  switch ((WeftEventKind) event->kind)
    {
    case WEFT_EVENT_ACQUIRED:
      if (actor == NULL)
        return;
      object->value = event->value;
      object->owner = event->actor;
      if (object->kind == WEFT_OBJECT_SEMAPHORE || object->kind == WEFT_OBJECT_BOUNDED_SEMAPHORE)
        {
          gint32 holder = event->actor;

          store_append_val (object->list, holder);
        }
      break;
    case WEFT_EVENT_RELEASED:
      object->value = event->value;
      if (object->kind == WEFT_OBJECT_SEMAPHORE || object->kind == WEFT_OBJECT_BOUNDED_SEMAPHORE)
        {
          list_remove_value (object, event->actor);
          object->owner = event->actor;  /* a semaphore's owner is its last actor */
        }
      else if (event->value == 0)
        object->owner = WEFT_NONE;
      break;
    case WEFT_EVENT_QUEUE_PUT:
      queue_insert (object, event->value);
      object->owner = event->actor;
      return;
    case WEFT_EVENT_QUEUE_GET:
      if (list_len (object) > 0 && list_items (object)[0] == event->value)
        list_remove_at (object, 0);
      else
        list_remove_value (object, event->value);
      object->owner = event->actor;
      return;
    case WEFT_EVENT_QUEUE_LENGTH:
      object->value = event->value;
      break;
    case WEFT_EVENT_WRITE:
      object->value = event->value;
      object->owner = event->actor;
      flags = event->aux ? WEFT_SPAN_STALE_WRITE : 0;
      break;
    /* Lanes-less objects keep spans too, for the trace export's counters: an event is 1
     * while set, a barrier counts the parties arrived. */
    case WEFT_EVENT_FLAG_SET:
    case WEFT_EVENT_FLAG_CLEAR:
      object->value = event->kind == WEFT_EVENT_FLAG_SET;
      object->owner = event->actor;
      break;
    case WEFT_EVENT_BARRIER_ARRIVE:
    case WEFT_EVENT_BARRIER_OPEN:
      object->value = event->kind == WEFT_EVENT_BARRIER_ARRIVE ? event->value : 0;
      object->owner = event->actor;
      break;
    case WEFT_EVENT_RUN_START:
    case WEFT_EVENT_RUN_PAUSE:
    case WEFT_EVENT_RUN_RESUME:
    case WEFT_EVENT_RUN_STOP:
    case WEFT_EVENT_RUN_END:
    case WEFT_EVENT_STEP:
    case WEFT_EVENT_STATE:
    case WEFT_EVENT_TRY_FAILED:
    case WEFT_EVENT_COND_WAIT:
    case WEFT_EVENT_NOTIFY:
    case WEFT_EVENT_NOTIFY_ALL:
    case WEFT_EVENT_FLAG_PASSED:
    case WEFT_EVENT_READ:
    case WEFT_EVENT_MISUSE:
    case WEFT_EVENT_DEADLOCK:
    case WEFT_EVENT_CYCLE_EDGE:
    case WEFT_EVENT_MARK:
    case WEFT_EVENT_CAUSE:
    case WEFT_N_EVENT_KINDS:
    default:
      return;
    }
  push_resource_span (self, object, now, flags);
}

/* What an event does to the spans: a thread's state, or an operation on @object. */
static inline void
spans_add_event (WeftModel       *self,
                 Actor           *actor,
                 Object          *object,
                 const WeftEvent *event,
                 guint64          now)
{
  if (event->kind == WEFT_EVENT_STATE && actor != NULL)
    on_state (self, actor, event, now);
  else if (object != NULL)
    on_object_event (self, actor, object, event, now);
}

/* Event @index of the trace (the model counts them: weft_model_add_event() gives the next
 * index, a sync the one its cursor read). Every event of a run passes here: the parts of
 * the model that care about few kinds are asked by a bit test, and it lives with the
 * spans, which most events change, so that their code is compiled into it rather than
 * called (issue 14: the build's cost per event is its instructions). */
void
model_add_event (WeftModel       *self,
                 guint64          index,
                 const WeftEvent *event)
{
  guint64 now;
  guint64 effect_ns = self->last_ns;
  Actor *actor = NULL;
  Object *object;
  WeftEventKind kind = (WeftEventKind) event->kind;
  guint32 bit = kind < 32 ? KIND_BIT (kind) : 0;

  if (bit & VALUE_KINDS)
    weft_model_values_add_event (self, event);

  self->generation++;
  self->next_index = index + 1;
  now = MAX (weft_event_get_time (event), self->last_ns);
  self->last_ns = now;
  self->n_events++;
  if (now > self->end_ns)
    self->end_ns = now;
  self->warp_valid = FALSE;
  /* The next step's own event does not belong to the step before. */
  if (G_UNLIKELY (self->steps->len > 0) && kind != WEFT_EVENT_STEP && !model_is_free (self))
    g_array_index (self->settles, guint64, self->steps->len - 1) = now;

  if (event->actor < self->actors->len)
    actor = g_ptr_array_index (self->actors, event->actor);
  object = get_object (self, event->object);
  if (actor != NULL && !(bit & NOT_OPERATION_KINDS))
    {
      /* An operation of the thread's own ends the pause it was in, in the story. */
      actor->story_activity = 0;
      /* After dropped events, a thread whose start we never saw is running when it does
       * something. */
      if (G_UNLIKELY (self->n_dropped > 0) &&
          store_index (actor->spans, WeftThreadSpan, actor->spans->len - 1).state == WEFT_STATE_NEW)
        {
          WeftThreadSpan running = { .start_ns = now, .state = WEFT_STATE_RUNNING, .object = WEFT_NONE };

          actor_push (self, actor, &running);
        }
    }
  if (G_UNLIKELY (bit & INSTANT_KINDS))
    g_array_append_val (self->instants, *event);

  spans_add_event (self, actor, object, event, now);
  if (object != NULL && (bit & FLOW_KINDS))
    weft_model_flows_add_event (self, object, index, event, now, effect_ns);
  if (G_UNLIKELY (bit & RUN_KINDS))
    model_on_run_event (self, event, now);
}

/* Removes the first @n elements of @spans and their checkpoints from @sums and @starts,
 * @n a multiple of WEFT_MODEL_CHECKPOINT so that the remaining checkpoints stay aligned.
 * The sums are running totals from the run's start: they stay valid, queries take their
 * differences. */
static void
forget_spans (Store *spans,
              Store *sums,
              Store *starts,
              guint  n)
{
  g_assert (n % WEFT_MODEL_CHECKPOINT == 0);
  store_remove_front (spans, n);
  store_remove_front (sums, n / WEFT_MODEL_CHECKPOINT);
  store_remove_front (starts, n / WEFT_MODEL_CHECKPOINT);
}

/* How many spans before the one in effect at @index can go: whole checkpoints, and only
 * when they are at least half of the list, so the moves cost O(1) per span overall. */
static guint
forgettable (gssize index,
             guint  n_spans)
{
  guint n;

  if (index <= 0)
    return 0;
  n = (guint) index / WEFT_MODEL_CHECKPOINT * WEFT_MODEL_CHECKPOINT;
  return n >= 2 * WEFT_MODEL_CHECKPOINT && n >= n_spans / 2 ? n : 0;
}

void
weft_model_forget_before (WeftModel *self,
                          guint64    time_ns)
{
  guint n;

  g_return_if_fail (self != NULL);

  for (guint i = 0; i < self->actors->len; i++)
    {
      Actor *actor = g_ptr_array_index (self->actors, i);

      n = forgettable (weft_model_find_thread_span (self, i, time_ns), actor->spans->len);
      if (n > 0)
        forget_spans (actor->spans, actor->sums, actor->starts, n);
    }
  for (guint i = 0; i < self->objects->len; i++)
    {
      Object *object = g_ptr_array_index (self->objects, i);

      n = forgettable (model_find_object_span (self, object, time_ns), object->spans->len);
      if (n > 0)
        forget_spans (object->spans, object->sums, object->starts, n);
    }

  weft_model_flows_forget (self, time_ns);
  /* Instants are in time order too. */
  {
    guint k = 0;

    while (k < self->instants->len &&
           weft_event_get_time (&g_array_index (self->instants, WeftEvent, k)) < time_ns)
      k++;
    if (k > 0 && k >= self->instants->len / 2)
      g_array_remove_range (self->instants, 0, k);
  }

  /* Indices changed: no cached answer holds. */
  self->generation++;
}
