/* weft-model.c — building the model: lanes of spans from a run's events, as they come.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "weft-model-private.h"

static void
actor_free (gpointer data)
{
  Actor *actor = data;

  g_free (actor->name);
  g_array_unref (actor->spans);
  g_array_unref (actor->sums);
  g_array_unref (actor->starts);
  g_free (actor);
}

static void
object_free (gpointer data)
{
  Object *object = data;

  g_free (object->name);
  g_clear_pointer (&object->spans, g_array_unref);
  g_clear_pointer (&object->sums, g_array_unref);
  g_clear_pointer (&object->starts, g_array_unref);
  g_array_unref (object->list);
  g_array_unref (object->puts);
  g_free (object);
}

WeftModel *
weft_model_new (void)
{
  WeftModel *self = g_new0 (WeftModel, 1);

  g_ref_count_init (&self->ref_count);
  self->actors = g_ptr_array_new_with_free_func (actor_free);
  self->objects = g_ptr_array_new_with_free_func (object_free);
  self->lanes = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->activities = g_ptr_array_new ();
  g_ptr_array_add (self->activities, NULL);
  self->next_words = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->pool = g_array_new (FALSE, FALSE, sizeof (gint32));
  self->flows = g_array_new (FALSE, FALSE, sizeof (WeftFlow));
  self->steps = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->settles = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->edges = g_array_new (FALSE, FALSE, sizeof (WeftModelEdge));
  self->leavers = g_array_new (FALSE, FALSE, sizeof (Leaver));
  self->warp = g_array_new (FALSE, FALSE, sizeof (double));
  self->frees = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->free_parts = g_array_new (FALSE, FALSE, sizeof (WeftModelFreePart));
  self->step_axes = g_array_new (FALSE, FALSE, sizeof (double));
  census_init (&self->thread_census);
  census_init (&self->resource_census);
  self->mode = WEFT_MODE_RUN;
  self->layout = WEFT_LAYOUT_STAR;
  self->outcome = WEFT_OUTCOME_NONE;
  self->title = g_strdup ("");
  self->generation = 1;

  return self;
}

G_DEFINE_BOXED_TYPE (WeftModel, weft_model, weft_model_ref, weft_model_unref)

WeftModel *
weft_model_ref (WeftModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_ref_count_inc (&self->ref_count);
  return self;
}

void
weft_model_unref (WeftModel *self)
{
  if (self == NULL || !g_ref_count_dec (&self->ref_count))
    return;

  g_ptr_array_unref (self->actors);
  g_ptr_array_unref (self->objects);
  g_array_unref (self->lanes);
  g_ptr_array_unref (self->activities);
  g_hash_table_unref (self->next_words);
  g_array_unref (self->pool);
  g_array_unref (self->flows);
  g_array_unref (self->steps);
  g_array_unref (self->settles);
  g_array_unref (self->edges);
  g_array_unref (self->leavers);
  g_array_unref (self->warp);
  g_array_unref (self->frees);
  g_array_unref (self->free_parts);
  g_array_unref (self->step_axes);
  census_clear (&self->thread_census);
  census_clear (&self->resource_census);
  g_free (self->title);
  g_free (self->subtitle);
  weft_model_values_free (self->values);
  g_free (self);
}

/* Spans ---------------------------------------------------------------------------------- */

/* Appends a span starting at @span->start_ns; a span that would last no time is replaced.
 * The span it closes is added to the running sums, and every WEFT_MODEL_CHECKPOINT spans
 * the sums are kept. */
static void
actor_push (WeftModel            *self,
            Actor                *actor,
            const WeftThreadSpan *span)
{
  WeftThreadSpan *last = &g_array_index (actor->spans, WeftThreadSpan, actor->spans->len - 1);

  census_move (&self->thread_census, last->state, span->state, MAX (span->start_ns, last->start_ns),
               self->actors->len >= WEFT_MODEL_CENSUS_MIN);
  if (span->start_ns <= last->start_ns)
    {
      guint64 start = last->start_ns;

      *last = *span;
      last->start_ns = start;
      return;
    }

  thread_sums_add (&actor->acc, last, span->start_ns - last->start_ns);
  g_array_append_val (actor->spans, *span);
  if (actor->spans->len % WEFT_MODEL_CHECKPOINT == 1)
    {
      g_array_append_val (actor->sums, actor->acc);
      g_array_append_val (actor->starts, span->start_ns);
    }
}

/* The current value, owner, waiters and list of @object become a new span at @time_ns. */
static void
object_push (WeftModel *self,
             Object    *object,
             guint64    time_ns,
             guint8     flags)
{
  WeftResourceSpan span = { 0 };
  WeftResourceSpan *last;
  guint n_list;

  if (object->spans == NULL)
    return;

  span.start_ns = time_ns;
  span.value = object->value;
  if (object->spans->len == 0)
    object->min_value = object->max_value = span.value;
  object->min_value = MIN (object->min_value, span.value);
  object->max_value = MAX (object->max_value, span.value);
  span.owner = object->owner;
  span.n_waiting = object->n_waiting;
  span.flags = flags;
  n_list = MIN (object->list->len, WEFT_MODEL_MAX_LISTED);
  if (object->list->len > WEFT_MODEL_MAX_LISTED)
    span.flags |= WEFT_SPAN_LIST_CUT;
  span.n_list = (guint8) n_list;

  last = object->spans->len > 0
    ? &g_array_index (object->spans, WeftResourceSpan, object->spans->len - 1) : NULL;

  /* The same list as the span before: share it. */
  if (last != NULL && last->n_list == n_list &&
      (n_list == 0 || memcmp (&g_array_index (self->pool, gint32, last->list), object->list->data,
              n_list * sizeof (gint32)) == 0))
    span.list = last->list;
  else
    {
      span.list = self->pool->len;
      g_array_append_vals (self->pool, object->list->data, n_list);
    }

  /* The census: held and with waiters, for locks and semaphores. */
  if (object->kind <= WEFT_OBJECT_BOUNDED_SEMAPHORE)
    {
      gboolean held = object->kind == WEFT_OBJECT_LOCK || object->kind == WEFT_OBJECT_RLOCK
                        ? span.value > 0 : object->initial - span.value > 0;
      guint8 bits = (held ? 1 : 0) | (span.n_waiting > 0 ? 2 : 0);
      gboolean record = self->n_census_resources >= WEFT_MODEL_CENSUS_MIN;
      guint64 t = last != NULL ? MAX (time_ns, last->start_ns) : time_ns;

      if ((bits ^ object->census) & 1)
        census_move (&self->resource_census, bits & 1 ? CENSUS_NONE : CENSUS_HELD,
                     bits & 1 ? CENSUS_HELD : CENSUS_NONE, t, record);
      if ((bits ^ object->census) & 2)
        census_move (&self->resource_census, bits & 2 ? CENSUS_NONE : CENSUS_WAITED,
                     bits & 2 ? CENSUS_WAITED : CENSUS_NONE, t, record);
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
  g_array_append_val (object->spans, span);
  if (object->spans->len % WEFT_MODEL_CHECKPOINT == 1)
    {
      ResourceSums checkpoint = object->acc;

      /* The checkpoint counts stale writes before its first span. */
      if (span.flags & WEFT_SPAN_STALE_WRITE)
        checkpoint.n_stale--;
      g_array_append_val (object->sums, checkpoint);
      g_array_append_val (object->starts, span.start_ns);
    }
}

/* Construction --------------------------------------------------------------------------- */

static void
add_lane (WeftModel    *self,
          WeftLaneKind  kind,
          guint         subject)
{
  guint32 lane = (guint32) kind << 24 | subject;

  g_array_append_val (self->lanes, lane);
}

static WeftLaneKind lane_kind_for (WeftObjectKind kind,
                                   gboolean      *has_lane);

/* Resource lanes come by kind, the kind with the fewest lanes first (the first created
 * first among equals), each kind in creation order: the waiter's semaphore before a
 * thousand forks, so that a drawing that has to thin the lanes thins the forks. */
static void
order_resource_lanes (WeftModel *self)
{
  guint n_threads = self->actors->len;
  guint count[WEFT_LANE_SHARED + 1] = { 0 };
  guint first[WEFT_LANE_SHARED + 1];
  guint order[WEFT_LANE_SHARED + 1];
  guint n_kinds = 0;
  guint lane = n_threads;

  for (guint k = 0; k <= WEFT_LANE_SHARED; k++)
    first[k] = G_MAXUINT;
  for (guint i = n_threads; i < self->lanes->len; i++)
    {
      guint32 entry = g_array_index (self->lanes, guint32, i);
      WeftLaneKind kind = (WeftLaneKind) (entry >> 24);

      count[kind]++;
      first[kind] = MIN (first[kind], entry & 0xFFFFFF);
    }
  for (guint k = WEFT_LANE_LOCK; k <= WEFT_LANE_SHARED; k++)
    if (count[k] > 0)
      order[n_kinds++] = k;
  for (guint a = 1; a < n_kinds; a++)
    for (guint b = a; b > 0; b--)
      {
        guint x = order[b - 1], y = order[b];

        if (count[x] < count[y] || (count[x] == count[y] && first[x] < first[y]))
          break;
        order[b - 1] = y;
        order[b] = x;
      }

  for (guint k = 0; k < n_kinds; k++)
    for (guint i = 0; i < self->objects->len; i++)
      {
        Object *object = g_ptr_array_index (self->objects, i);
        gboolean has_lane;

        if (object->lane < 0 || lane_kind_for (object->kind, &has_lane) != order[k])
          continue;
        object->lane = (int) lane;
        g_array_index (self->lanes, guint32, lane) = (guint32) order[k] << 24 | i;
        lane++;
      }
}

guint
weft_model_add_actor (WeftModel  *self,
                      const char *name)
{
  Actor *actor;
  WeftThreadSpan first = { 0 };
  guint index;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (self->actors->len < WEFT_MAX_ACTORS, 0);

  actor = g_new0 (Actor, 1);
  actor->name = g_strdup (name);
  actor->spans = g_array_new (FALSE, FALSE, sizeof (WeftThreadSpan));
  actor->sums = g_array_new (FALSE, FALSE, sizeof (ThreadSums));
  actor->starts = g_array_new (FALSE, FALSE, sizeof (guint64));
  actor->blocked_on = WEFT_NONE;
  first.state = WEFT_STATE_NEW;
  first.object = WEFT_NONE;
  g_array_append_val (actor->spans, first);
  g_array_append_val (actor->sums, actor->acc);
  g_array_append_val (actor->starts, first.start_ns);
  index = self->actors->len;
  actor->index = index;
  g_ptr_array_add (self->actors, actor);
  census_move (&self->thread_census, CENSUS_NONE, WEFT_STATE_NEW, self->last_ns,
               self->actors->len >= WEFT_MODEL_CENSUS_MIN);

  /* Thread lanes come first, in actor order: insert before the first resource lane. */
  {
    guint32 lane = (guint32) WEFT_LANE_THREAD << 24 | index;

    g_array_insert_val (self->lanes, index, lane);
    for (guint i = 0; i < self->objects->len; i++)
      {
        Object *object = g_ptr_array_index (self->objects, i);

        if (object->lane >= 0)
          object->lane++;
      }
  }

  return index;
}

static WeftLaneKind
lane_kind_for (WeftObjectKind kind,
               gboolean      *has_lane)
{
  *has_lane = TRUE;
  switch (kind)
    {
    case WEFT_OBJECT_LOCK:
    case WEFT_OBJECT_RLOCK:
      return WEFT_LANE_LOCK;
    case WEFT_OBJECT_SEMAPHORE:
    case WEFT_OBJECT_BOUNDED_SEMAPHORE:
      return WEFT_LANE_SEMAPHORE;
    case WEFT_OBJECT_QUEUE:
      return WEFT_LANE_QUEUE;
    case WEFT_OBJECT_SHARED:
      return WEFT_LANE_SHARED;
    case WEFT_OBJECT_CONDITION:
    case WEFT_OBJECT_FLAG:
    case WEFT_OBJECT_BARRIER:
    case WEFT_N_OBJECT_KINDS:
    default:
      *has_lane = FALSE;
      return WEFT_LANE_LOCK;
    }
}

guint
weft_model_add_object (WeftModel      *self,
                       const char     *name,
                       WeftObjectKind  kind,
                       gint32          initial,
                       WeftQueueKind   queue_kind)
{
  Object *object;
  gboolean has_lane;
  WeftLaneKind lane_kind;
  guint index;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (kind < WEFT_N_OBJECT_KINDS, 0);
  g_return_val_if_fail (self->objects->len < WEFT_MAX_OBJECTS, 0);

  object = g_new0 (Object, 1);
  object->name = g_strdup (name);
  object->kind = kind;
  object->initial = initial;
  object->queue_kind = queue_kind;
  object->owner = WEFT_NONE;
  object->releaser = WEFT_NONE;
  object->waker = WEFT_NONE;
  object->list = g_array_new (FALSE, FALSE, sizeof (gint32));
  object->puts = g_array_new (FALSE, FALSE, sizeof (Put));
  switch (kind)
    {
    case WEFT_OBJECT_SEMAPHORE:
    case WEFT_OBJECT_BOUNDED_SEMAPHORE:
    case WEFT_OBJECT_SHARED:
      object->value = initial;
      break;
    case WEFT_OBJECT_LOCK:
    case WEFT_OBJECT_RLOCK:
    case WEFT_OBJECT_CONDITION:
    case WEFT_OBJECT_FLAG:
    case WEFT_OBJECT_BARRIER:
    case WEFT_OBJECT_QUEUE:
    case WEFT_N_OBJECT_KINDS:
    default:
      object->value = 0;
      break;
    }

  if (kind <= WEFT_OBJECT_BOUNDED_SEMAPHORE)
    self->n_census_resources++;
  index = self->objects->len;
  object->index = index;
  g_ptr_array_add (self->objects, object);

  lane_kind = lane_kind_for (kind, &has_lane);
  object->lane = -1;
  if (has_lane)
    {
      object->lane = (int) self->lanes->len;
      add_lane (self, lane_kind, index);
      order_resource_lanes (self);
      object->spans = g_array_new (FALSE, FALSE, sizeof (WeftResourceSpan));
      object->sums = g_array_new (FALSE, FALSE, sizeof (ResourceSums));
      object->starts = g_array_new (FALSE, FALSE, sizeof (guint64));
      object_push (self, object, 0, 0);
    }

  return index;
}

void
weft_model_set_activity (WeftModel  *self,
                         guint16     id,
                         const char *activity)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (id > 0);

  if (self->activities->len <= id)
    g_ptr_array_set_size (self->activities, id + 1);
  self->activities->pdata[id] = (gpointer) activity;
}

void
weft_model_set_mode (WeftModel *self,
                     WeftMode   mode)
{
  g_return_if_fail (self != NULL);
  self->mode = mode;
  /* A free run is one free part from the start, until it is paused (see RUN_PAUSE). */
  self->started_free = mode == WEFT_MODE_RUN;
  g_array_set_size (self->frees, 0);
  if (self->started_free)
    {
      guint64 part[2] = { 0, G_MAXUINT64 };

      g_array_append_vals (self->frees, part, 2);
    }
  self->warp_valid = FALSE;
}

void
weft_model_set_layout (WeftModel  *self,
                       WeftLayout  layout)
{
  g_return_if_fail (self != NULL);
  self->layout = layout;
}

void
weft_model_set_title (WeftModel  *self,
                      const char *title,
                      const char *subtitle)
{
  char *new_title, *new_subtitle;

  g_return_if_fail (self != NULL);

  /* Either may be the model's own string. */
  new_title = g_strdup (title != NULL ? title : "");
  new_subtitle = g_strdup (subtitle);
  g_free (self->title);
  g_free (self->subtitle);
  self->title = new_title;
  self->subtitle = new_subtitle;
}

void
weft_model_set_end (WeftModel *self,
                    guint64    end_ns)
{
  g_return_if_fail (self != NULL);
  /* A deadlocked run is over at the deadlock: its threads stay blocked until the reset,
   * but the seconds after it are not part of the story (and would squeeze it). */
  if (self->deadlock)
    return;
  if (end_ns > self->end_ns)
    {
      self->end_ns = end_ns;
      self->warp_valid = FALSE;
      self->generation++;
    }
}

/* Events --------------------------------------------------------------------------------- */

static void
add_flow (WeftModel    *self,
          WeftFlowKind  kind,
          guint16       from_actor,
          guint64       from_ns,
          guint16       to_actor,
          guint64       to_ns,
          guint16       object)
{
  WeftFlow flow = { 0 };

  if (from_actor == WEFT_NONE || from_actor == to_actor)
    return;
  flow.kind = kind;
  flow.from_actor = from_actor;
  flow.from_ns = from_ns;
  flow.to_actor = to_actor;
  flow.to_ns = to_ns;
  flow.object = object;
  g_array_append_val (self->flows, flow);
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
  const WeftThreadSpan *last = &g_array_index (actor->spans, WeftThreadSpan, actor->spans->len - 1);
  WeftThreadSpan span = { 0 };
  Object *before = NULL;
  Object *after = NULL;

  if (event->aux >= WEFT_N_STATES)
    return;

  if (is_waiting_state (last->state))
    before = get_object (self, last->object);
  if (is_waiting_state (event->aux))
    after = get_object (self, event->object);

  /* A waiter leaving its wait after a notify, an event set or a barrier opening. */
  if (last->state == WEFT_STATE_WAITING && before != NULL && before->n_to_wake > 0)
    {
      before->n_to_wake--;
      add_flow (self, WEFT_FLOW_WAKE, before->waker, before->woke_ns, event->actor, now,
                last->object);
    }
  else if (last->state == WEFT_STATE_WAITING && before != NULL)
    {
      Leaver leaver = { now, event->actor, last->object };

      g_array_append_val (self->leavers, leaver);
    }
  if (event->aux == WEFT_STATE_BLOCKED && after != NULL)
    actor->blocked_on = event->object;

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

  if (before == after && before != NULL)
    {
      actor_push (self, actor, &span);
      return;
    }
  actor_push (self, actor, &span);
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
list_remove_value (GArray *list,
                   gint32  value)
{
  for (guint i = 0; i < list->len; i++)
    {
      if (g_array_index (list, gint32, i) == value)
        {
          g_array_remove_index (list, i);
          return;
        }
    }
  if (list->len > 0)
    g_array_remove_index (list, 0);
}

static void
queue_insert (Object *object,
              gint32  item)
{
  switch (object->queue_kind)
    {
    case WEFT_QUEUE_LIFO:
      g_array_prepend_val (object->list, item);
      break;
    case WEFT_QUEUE_PRIORITY:
      {
        guint i = 0;

        while (i < object->list->len && g_array_index (object->list, gint32, i) <= item)
          i++;
        g_array_insert_val (object->list, i, item);
      }
      break;
    case WEFT_QUEUE_FIFO:
    default:
      g_array_append_val (object->list, item);
      break;
    }
}

/* Whether a stepped run is let go now (in an open free part). */
static gboolean
model_is_free (WeftModel *self)
{
  return self->frees->len > 0 &&
         g_array_index (self->frees, guint64, self->frees->len - 1) == G_MAXUINT64;
}

void
weft_model_add_event (WeftModel       *self,
                      const WeftEvent *event)
{
  guint64 now;
  Actor *actor = NULL;
  Object *object;

  g_return_if_fail (self != NULL);
  g_return_if_fail (event != NULL);

  weft_model_values_add_event (self, event);

  self->generation++;
  now = MAX (weft_event_get_time (event), self->last_ns);
  self->last_ns = now;
  self->n_events++;
  if (now > self->end_ns)
    self->end_ns = now;
  self->warp_valid = FALSE;
  /* The next step's own event does not belong to the step before. */
  if (self->steps->len > 0 && event->kind != WEFT_EVENT_STEP && !model_is_free (self))
    g_array_index (self->settles, guint64, self->steps->len - 1) = now;

  if (event->actor < self->actors->len)
    actor = g_ptr_array_index (self->actors, event->actor);
  object = get_object (self, event->object);
  /* An operation of the thread's own ends the pause it was in, in the story. */
  if (actor != NULL && event->kind != WEFT_EVENT_STATE && event->kind != WEFT_EVENT_STEP &&
      event->kind != WEFT_EVENT_MARK && event->kind != WEFT_EVENT_CYCLE_EDGE)
    actor->story_activity = 0;

  switch ((WeftEventKind) event->kind)
    {
    case WEFT_EVENT_RUN_START:
      weft_model_set_mode (self, event->value == WEFT_MODE_STEP ? WEFT_MODE_STEP : WEFT_MODE_RUN);
      break;
    case WEFT_EVENT_RUN_END:
      if (self->outcome == WEFT_OUTCOME_NONE)
        self->outcome = WEFT_OUTCOME_COMPLETED;
      break;
    case WEFT_EVENT_RUN_STOP:
      if (self->outcome == WEFT_OUTCOME_NONE)
        self->outcome = WEFT_OUTCOME_STOPPED;
      break;
    case WEFT_EVENT_STEP:
      g_array_append_val (self->steps, now);
      g_array_append_val (self->settles, now);
      break;
    case WEFT_EVENT_STATE:
      if (actor != NULL)
        on_state (self, actor, event, now);
      break;
    case WEFT_EVENT_ACQUIRED:
      if (object == NULL || actor == NULL)
        break;
      object->value = event->value;
      object->owner = event->actor;
      if (object->kind == WEFT_OBJECT_SEMAPHORE || object->kind == WEFT_OBJECT_BOUNDED_SEMAPHORE)
        {
          gint32 holder = event->actor;

          g_array_append_val (object->list, holder);
        }
      if (actor->blocked_on == event->object)
        {
          if (object->released_ns > 0 || object->releaser != WEFT_NONE)
            add_flow (self, WEFT_FLOW_HANDOFF, object->releaser, object->released_ns,
                      event->actor, now, event->object);
          actor->blocked_on = WEFT_NONE;
        }
      object_push (self, object, now, 0);
      break;
    case WEFT_EVENT_RELEASED:
      if (object == NULL)
        break;
      object->value = event->value;
      if (object->kind == WEFT_OBJECT_SEMAPHORE || object->kind == WEFT_OBJECT_BOUNDED_SEMAPHORE)
        {
          list_remove_value (object->list, event->actor);
          object->owner = event->actor;  /* a semaphore's owner is its last actor */
        }
      else if (event->value == 0)
        object->owner = WEFT_NONE;
      object->releaser = event->actor;
      object->released_ns = now;
      object_push (self, object, now, 0);
      break;
    case WEFT_EVENT_TRY_FAILED:
      if (actor != NULL && actor->blocked_on == event->object)
        actor->blocked_on = WEFT_NONE;
      break;
    case WEFT_EVENT_NOTIFY:
    case WEFT_EVENT_NOTIFY_ALL:
    case WEFT_EVENT_FLAG_SET:
    case WEFT_EVENT_BARRIER_OPEN:
      if (object == NULL)
        break;
      object->waker = event->actor;
      object->woke_ns = now;
      object->n_to_wake = (guint) MAX (0, event->value);
      {
        /* The waiters it woke, if recorded just before it: the last leavers of this object,
         * each woken at the instant it left. */
        guint first = self->leavers->len;
        guint matched = 0;

        while (first > 0 && matched < object->n_to_wake)
          if (g_array_index (self->leavers, Leaver, --first).object == event->object)
            matched++;
        for (guint i = first; i < self->leavers->len; i++)
          {
            const Leaver *leaver = &g_array_index (self->leavers, Leaver, i);

            if (leaver->object == event->object)
              add_flow (self, WEFT_FLOW_WAKE, event->actor, leaver->time_ns, leaver->actor,
                        leaver->time_ns, event->object);
          }
        object->n_to_wake -= matched;
      }
      break;
    case WEFT_EVENT_QUEUE_PUT:
      if (object == NULL)
        break;
      {
        Put put = { event->value, event->actor, now };

        g_array_append_val (object->puts, put);
        /* Items waiting to be matched with their get: a long queue (or gets that never
         * match) keeps only the newest, so a put costs the same whatever came before. */
        if (object->puts->len > 2 * MAX_PENDING_PUTS)
          g_array_remove_range (object->puts, 0, object->puts->len - MAX_PENDING_PUTS);
        queue_insert (object, event->value);
        object->owner = event->actor;
      }
      break;
    case WEFT_EVENT_QUEUE_GET:
      if (object == NULL)
        break;
      for (guint i = 0; i < object->puts->len; i++)
        {
          Put *put = &g_array_index (object->puts, Put, i);

          if (put->item == event->value)
            {
              add_flow (self, WEFT_FLOW_ITEM, put->actor, put->time_ns, event->actor, now,
                        event->object);
              g_array_remove_index (object->puts, i);
              break;
            }
        }
      if (object->list->len > 0 && g_array_index (object->list, gint32, 0) == event->value)
        g_array_remove_index (object->list, 0);
      else
        list_remove_value (object->list, event->value);
      object->owner = event->actor;
      break;
    case WEFT_EVENT_QUEUE_LENGTH:
      if (object == NULL)
        break;
      object->value = event->value;
      object_push (self, object, now, 0);
      break;
    case WEFT_EVENT_WRITE:
      if (object == NULL)
        break;
      object->value = event->value;
      object->owner = event->actor;
      object_push (self, object, now, event->aux ? WEFT_SPAN_STALE_WRITE : 0);
      break;
    case WEFT_EVENT_DEADLOCK:
      if (!self->deadlock)
        {
          self->deadlock = TRUE;
          self->deadlock_ns = now;
          self->outcome = WEFT_OUTCOME_DEADLOCK;
        }
      break;
    case WEFT_EVENT_CYCLE_EDGE:
      {
        WeftModelEdge edge = { event->actor, event->object };

        g_array_append_val (self->edges, edge);
      }
      break;
    case WEFT_EVENT_RUN_RESUME:
      /* A run started in step mode and then let go: the steps keep their columns and
       * what follows is drawn in time after them (see the warp), so neither the teacher's
       * seconds between key presses become long bars nor the free part a sliver. */
      if (self->mode == WEFT_MODE_STEP)
        {
          guint64 part[2] = { now, G_MAXUINT64 };

          if (self->frees->len == 0 ||
              g_array_index (self->frees, guint64, self->frees->len - 1) != G_MAXUINT64)
            g_array_append_vals (self->frees, part, 2);
          self->warp_valid = FALSE;
          self->generation++;
        }
      break;
    case WEFT_EVENT_RUN_PAUSE:
      if (self->frees->len > 0 &&
          g_array_index (self->frees, guint64, self->frees->len - 1) == G_MAXUINT64)
        {
          g_array_index (self->frees, guint64, self->frees->len - 1) = now;
          self->warp_valid = FALSE;
          self->generation++;
        }
      /* A free run paused: from here on the teacher's time between key presses is not
       * drawn as time. The axis becomes the stepped one, the free part so far drawn in
       * time at its start and each step a column after it. */
      self->mode = WEFT_MODE_STEP;
      break;
    case WEFT_EVENT_COND_WAIT:
    case WEFT_EVENT_FLAG_CLEAR:
    case WEFT_EVENT_FLAG_PASSED:
    case WEFT_EVENT_BARRIER_ARRIVE:
    case WEFT_EVENT_READ:
    case WEFT_EVENT_MISUSE:
    case WEFT_EVENT_MARK:
    case WEFT_N_EVENT_KINDS:
    default:
      break;
    }

  if (event->kind != WEFT_EVENT_STATE)
    g_array_set_size (self->leavers, 0);
}

/* From a run ----------------------------------------------------------------------------- */

WeftModel *
weft_model_new_for_run (WeftRun *run)
{
  WeftModel *self;
  const WeftScenario *scenario;

  g_return_val_if_fail (run != NULL, NULL);

  self = weft_model_new ();
  for (guint i = 0; i < weft_run_get_n_actors (run); i++)
    {
      WeftActor *actor = weft_run_get_actor (run, i);
      guint index = weft_model_add_actor (self, weft_actor_get_name (actor));

      weft_model_set_actor_role (self, index, weft_actor_get_role (actor));
    }
  for (guint i = 0; i < weft_run_get_n_objects (run); i++)
    {
      WeftObject *object = weft_run_get_object (run, i);
      WeftObjectKind kind = weft_object_get_kind (object);

      weft_model_add_object (self, weft_object_get_name (object), kind,
                             weft_object_get_initial_value (object),
                             kind == WEFT_OBJECT_QUEUE
                               ? weft_queue_get_kind ((WeftQueue *) object) : WEFT_QUEUE_FIFO);
      weft_model_values_add_object (self, i, object);
    }
  self->mode = weft_run_get_mode (run);

  scenario = weft_run_get_scenario (run);
  if (scenario != NULL)
    {
      self->layout = scenario->layout;
      g_free (self->title);
      self->title = g_strdup (g_dgettext (GETTEXT_PACKAGE, scenario->title));
    }

  return self;
}

guint64
weft_model_sync (WeftModel *self,
                 WeftRun   *run)
{
  return weft_model_sync_some (self, run, G_MAXUINT64);
}

guint64
weft_model_sync_some (WeftModel *self,
                      WeftRun   *run,
                      guint64    max_events)
{
  WeftTrace *trace;
  guint64 n;
  guint64 added = 0;
  guint64 last_time = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (run != NULL, 0);

  for (guint16 id = (guint16) MAX (1u, self->n_activities_synced); ; id++)
    {
      const char *activity = weft_run_get_activity (run, id);

      if (activity == NULL)
        break;
      weft_model_set_activity (self, id, activity);
      self->n_activities_synced = id + 1;
    }

  trace = weft_run_get_trace (run);
  n = weft_trace_get_n_events (trace);
  while (self->next_index < n && added < max_events)
    {
      WeftEvent event;
      guint64 first = weft_trace_get_first (trace);

      if (self->next_index < first)
        {
          self->n_dropped += first - self->next_index;
          self->next_index = first;
          continue;
        }
      if (!weft_trace_read (trace, self->next_index, &event))
        continue;  /* recycled meanwhile: the next turn counts it as dropped */
      weft_model_add_event (self, &event);
      if (event.kind == WEFT_EVENT_STATE && event.aux == WEFT_STATE_PARKED)
        weft_model_sync_next_words (self, run, &event);
      last_time = weft_event_get_time (&event);
      self->next_index++;
      added++;
    }

  /* Behind the trace (the budget ran out): the model ends at its last event, not at the
   * run's present, or the spans would claim the threads stayed as they were. */
  if (self->next_index < n)
    weft_model_set_end (self, last_time);
  else
    weft_model_set_end (self, weft_run_get_elapsed_ns (run));

  /* The trace forgets its oldest events under its memory cap: the model forgets what
   * happened before them too, so its memory stays in proportion. */
  {
    guint64 first = weft_trace_get_first (trace);
    WeftEvent event;

    if (first > 0 && first < weft_trace_get_n_events (trace) &&
        weft_trace_read (trace, first, &event))
      weft_model_forget_before (self, weft_event_get_time (&event));
  }

  return added;
}

/* Removes the first @n elements of @spans and their checkpoints from @sums and @starts,
 * @n a multiple of WEFT_MODEL_CHECKPOINT so that the remaining checkpoints stay aligned.
 * The sums are running totals from the run's start: they stay valid, queries take their
 * differences. */
static void
forget_spans (GArray *spans,
              GArray *sums,
              GArray *starts,
              guint   n)
{
  g_assert (n % WEFT_MODEL_CHECKPOINT == 0);
  g_array_remove_range (spans, 0, n);
  g_array_remove_range (sums, 0, n / WEFT_MODEL_CHECKPOINT);
  g_array_remove_range (starts, 0, n / WEFT_MODEL_CHECKPOINT);
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

      if (object->spans == NULL)
        continue;
      n = forgettable (weft_model_find_resource_span (self, i, time_ns), object->spans->len);
      if (n > 0)
        forget_spans (object->spans, object->sums, object->starts, n);
    }

  /* Flows end in order: those ended before go, in the same amortised way. */
  {
    guint k = 0;

    while (k < self->flows->len && g_array_index (self->flows, WeftFlow, k).to_ns < time_ns)
      k++;
    if (k > 0 && k >= self->flows->len / 2)
      g_array_remove_range (self->flows, 0, k);
  }

  /* Indices changed: no cached answer holds. */
  self->generation++;
}
