/* weft-model.c — building the model: its actors and objects, then a run's events as they
 * come, each handed to the spans (weft-model-spans.c), the flows (weft-model-flows.c) and
 * the values (weft-model-values.c); syncing with a live run through a trace cursor.
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
  store_free (actor->spans);
  store_free (actor->sums);
  store_free (actor->starts);
  g_free (actor);
}

static void
object_free (gpointer data)
{
  Object *object = data;

  g_free (object->name);
  g_clear_pointer (&object->spans, store_free);
  g_clear_pointer (&object->sums, store_free);
  g_clear_pointer (&object->starts, store_free);
  store_free (object->list);
  g_clear_pointer (&object->puts, store_free);
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
  self->arena = store_arena_new ();
  self->pool = store_new (self->arena, sizeof (gint32));
  self->flows = store_new (self->arena, sizeof (WeftFlow));
  self->steps = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->settles = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->edges = g_array_new (FALSE, FALSE, sizeof (WeftModelEdge));
  self->instants = g_array_new (FALSE, FALSE, sizeof (WeftEvent));
  self->warp = g_array_new (FALSE, FALSE, sizeof (double));
  self->frees = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->free_parts = g_array_new (FALSE, FALSE, sizeof (WeftModelFreePart));
  self->step_axes = g_array_new (FALSE, FALSE, sizeof (double));
  census_init (&self->thread_census, self->arena);
  census_init (&self->resource_census, self->arena);
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
  store_free (self->pool);
  store_free (self->flows);
  g_array_unref (self->steps);
  g_array_unref (self->settles);
  g_array_unref (self->edges);
  g_array_unref (self->instants);
  g_array_unref (self->warp);
  g_array_unref (self->frees);
  g_array_unref (self->free_parts);
  g_array_unref (self->step_axes);
  census_clear (&self->thread_census);
  census_clear (&self->resource_census);
  g_free (self->title);
  g_free (self->subtitle);
  weft_model_values_free (self->values);
  /* Last: every store above had its memory there. */
  store_arena_free (self->arena);
  g_free (self);
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
  actor->spans = store_new (self->arena, sizeof (WeftThreadSpan));
  actor->sums = store_new (self->arena, sizeof (ThreadSums));
  actor->starts = store_new (self->arena, sizeof (guint64));
  first.state = WEFT_STATE_NEW;
  first.object = WEFT_NONE;
  store_append_val (actor->spans, first);
  store_append_val (actor->sums, actor->acc);
  store_append_val (actor->starts, first.start_ns);
  index = self->actors->len;
  actor->index = index;
  /* The census starts with this thread: the others' counts first. */
  if (index + 1 == WEFT_MODEL_CENSUS_MIN)
    census_count_threads (self);
  g_ptr_array_add (self->actors, actor);
  if (self->actors->len >= WEFT_MODEL_CENSUS_MIN)
    census_move (&self->thread_census, CENSUS_NONE, WEFT_STATE_NEW, self->last_ns);

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
  object->freed.index = object->woke.index = WEFT_NO_CAUSE;
  object->list = store_new (self->arena, sizeof (gint32));
  object->has_list = kind == WEFT_OBJECT_SEMAPHORE || kind == WEFT_OBJECT_BOUNDED_SEMAPHORE ||
                     kind == WEFT_OBJECT_QUEUE;
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
    {
      /* The census starts with this one: the others' counts first. */
      if (self->n_census_resources + 1 == WEFT_MODEL_CENSUS_MIN)
        census_count_resources (self);
      self->n_census_resources++;
    }
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
    }
  object->spans = store_new (self->arena, sizeof (WeftResourceSpan));
  object->sums = store_new (self->arena, sizeof (ResourceSums));
  object->starts = store_new (self->arena, sizeof (guint64));
  object_push (self, object, 0, 0);

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

/* The run's own events: its mode, outcome, steps, deadlock and free parts. */
void
model_on_run_event (WeftModel       *self,
                    const WeftEvent *event,
                    guint64          now)
{
  /* A kind added here must be added to RUN_KINDS (weft-model-private.h). */
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
    case WEFT_EVENT_STATE:
    case WEFT_EVENT_ACQUIRED:
    case WEFT_EVENT_RELEASED:
    case WEFT_EVENT_TRY_FAILED:
    case WEFT_EVENT_COND_WAIT:
    case WEFT_EVENT_NOTIFY:
    case WEFT_EVENT_NOTIFY_ALL:
    case WEFT_EVENT_FLAG_SET:
    case WEFT_EVENT_FLAG_CLEAR:
    case WEFT_EVENT_FLAG_PASSED:
    case WEFT_EVENT_BARRIER_ARRIVE:
    case WEFT_EVENT_BARRIER_OPEN:
    case WEFT_EVENT_QUEUE_PUT:
    case WEFT_EVENT_QUEUE_GET:
    case WEFT_EVENT_QUEUE_LENGTH:
    case WEFT_EVENT_READ:
    case WEFT_EVENT_WRITE:
    case WEFT_EVENT_MISUSE:
    case WEFT_EVENT_MARK:
    case WEFT_EVENT_CAUSE:
    case WEFT_N_EVENT_KINDS:
    default:
      break;
    }
}

void
weft_model_add_event (WeftModel       *self,
                      const WeftEvent *event)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (event != NULL);

  model_add_event (self, self->next_index, event);
}

const WeftEvent *
weft_model_get_instants (WeftModel *self,
                         guint     *n_instants)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_instants != NULL, NULL);

  *n_instants = self->instants->len;
  return (const WeftEvent *) self->instants->data;
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

void
weft_model_begin_read (WeftModel *self,
                       WeftRun   *run)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (run != NULL);

  /* The activities the run named since the last read ("thinking", "eating"). */
  for (guint16 id = (guint16) MAX (1u, self->n_activities_synced); ; id++)
    {
      const char *activity = weft_run_get_activity (run, id);

      if (activity == NULL)
        break;
      weft_model_set_activity (self, id, activity);
      self->n_activities_synced = id + 1;
    }
}

void
weft_model_read_event (WeftModel       *self,
                       WeftRun         *run,
                       guint64          index,
                       const WeftEvent *event,
                       guint64          skipped)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (run != NULL);
  g_return_if_fail (event != NULL);

  /* Events the memory cap recycled before they were read: the spans continue across. */
  self->n_dropped += skipped;
  model_add_event (self, index, event);
  if (event->kind == WEFT_EVENT_STATE && event->aux == WEFT_STATE_PARKED)
    weft_model_sync_next_words (self, run, event);
}

void
weft_model_end_read (WeftModel *self,
                     WeftRun   *run,
                     gboolean   behind,
                     guint64    skipped)
{
  WeftTrace *trace;
  WeftTraceCursor oldest;
  WeftEvent event;

  g_return_if_fail (self != NULL);
  g_return_if_fail (run != NULL);

  self->n_dropped += skipped;
  /* Behind the trace (the budget ran out): the model ends at its last event, not at the
   * run's present, or the spans would claim the threads stayed as they were. */
  if (behind)
    weft_model_set_end (self, self->last_ns);
  else
    weft_model_set_end (self, weft_run_get_elapsed_ns (run));

  /* The trace forgets its oldest events under its memory cap: the model forgets what
   * happened before them too, so its memory stays in proportion. */
  trace = weft_run_get_trace (run);
  weft_trace_cursor_init (&oldest, trace, weft_trace_get_first (trace));
  if (oldest.next > 0 && weft_trace_cursor_next (&oldest, &event))
    {
      guint64 when = weft_event_get_time (&event);

      weft_model_forget_before (self, when);
      weft_model_set_forgotten (self, when, oldest.next - 1);

      /* A thread none of whose events are kept (it finished, or has waited, since before
       * the oldest) would be drawn as new: it has been as the run says since then. Only
       * when the model has read the whole trace, or a later event could contradict. */
      if (!behind)
        weft_model_note_unseen_threads (self, run, when);
    }
}

guint64
weft_model_sync_some (WeftModel *self,
                      WeftRun   *run,
                      guint64    max_events)
{
  WeftTraceCursor cursor;
  WeftEvent event;
  guint64 added = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (run != NULL, 0);

  weft_model_begin_read (self, run);
  weft_trace_cursor_init (&cursor, weft_run_get_trace (run), self->next_index);
  while (added < max_events && weft_trace_cursor_next (&cursor, &event))
    {
      weft_model_read_event (self, run, cursor.next - 1, &event, cursor.skipped);
      cursor.skipped = 0;
      added++;
    }
  weft_model_end_read (self, run, weft_trace_cursor_pending (&cursor) > 0, cursor.skipped);
  return added;
}

void
weft_model_set_forgotten (WeftModel *self,
                          guint64    time_ns,
                          guint64    n_events)
{
  g_return_if_fail (self != NULL);

  if (time_ns > self->forgotten_ns || n_events > self->n_forgotten)
    {
      self->forgotten_ns = MAX (self->forgotten_ns, time_ns);
      self->n_forgotten = MAX (self->n_forgotten, n_events);
      self->generation++;
    }
}

void
weft_model_note_unseen_threads (WeftModel *self,
                                WeftRun   *run,
                                guint64    time_ns)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (run != NULL);

  for (guint i = 0; i < self->actors->len && i < weft_run_get_n_actors (run); i++)
    {
      Actor *actor = g_ptr_array_index (self->actors, i);
      WeftThreadSpan span = { .start_ns = time_ns, .object = WEFT_NONE };

      /* Seen: its spans say more than a look now. */
      if (actor->spans->len > 1 ||
          store_index (actor->spans, WeftThreadSpan, 0).state != WEFT_STATE_NEW)
        continue;
      /* A look under the run's monitor, for these few threads only. */
      span.state = weft_actor_get_state (weft_run_get_actor (run, i));
      if (span.state == WEFT_STATE_NEW)
        continue;
      actor_push (self, actor, &span);
      self->generation++;
    }
}

guint64
weft_model_get_forgotten (WeftModel *self,
                          guint64   *n_events)
{
  g_return_val_if_fail (self != NULL, 0);

  if (n_events != NULL)
    *n_events = self->n_forgotten;
  return self->forgotten_ns;
}
