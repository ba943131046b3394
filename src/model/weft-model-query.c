/* weft-model-query.c — the model's answers: names, lanes, spans, the time in each state or
 * a resource's mean use over any interval (from the running sums), the deadlock and the
 * steps. The flows answer in weft-model-flows.c, the axis in weft-model-axis.c.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "weft-model-private.h"

/* Reading -------------------------------------------------------------------------------- */

static Actor *
get_actor (WeftModel *self,
           guint      index)
{
  g_return_val_if_fail (index < self->actors->len, NULL);
  return g_ptr_array_index (self->actors, index);
}

guint
weft_model_get_n_actors (WeftModel *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->actors->len;
}

const char *
weft_model_get_actor_name (WeftModel *self,
                           guint      actor)
{
  Actor *a = get_actor (self, actor);

  return a != NULL ? a->name : "";
}

void
weft_model_set_actor_role (WeftModel     *self,
                           guint          actor,
                           WeftActorRole  role)
{
  Actor *a = get_actor (self, actor);

  g_return_if_fail (a != NULL);
  a->role = role;
}

WeftActorRole
weft_model_get_actor_role (WeftModel *self,
                           guint      actor)
{
  Actor *a = get_actor (self, actor);

  return a != NULL ? a->role : WEFT_ACTOR_ROLE_NONE;
}

guint
weft_model_get_n_objects (WeftModel *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->objects->len;
}

const char *
weft_model_get_object_name (WeftModel *self,
                            guint      object)
{
  Object *o = get_object (self, object);

  g_return_val_if_fail (o != NULL, "");
  return o->name;
}

WeftObjectKind
weft_model_get_object_kind (WeftModel *self,
                            guint      object)
{
  Object *o = get_object (self, object);

  g_return_val_if_fail (o != NULL, WEFT_OBJECT_LOCK);
  return o->kind;
}

WeftQueueKind
weft_model_get_object_queue_kind (WeftModel *self,
                                  guint      object)
{
  Object *o = get_object (self, object);

  g_return_val_if_fail (o != NULL, WEFT_QUEUE_FIFO);
  return o->kind == WEFT_OBJECT_QUEUE ? o->queue_kind : WEFT_QUEUE_FIFO;
}

gint32
weft_model_get_object_initial (WeftModel *self,
                               guint      object)
{
  Object *o = get_object (self, object);

  g_return_val_if_fail (o != NULL, 0);
  return o->initial;
}

void
weft_model_get_object_range (WeftModel *self,
                             guint      object,
                             gint32    *min_value,
                             gint32    *max_value)
{
  Object *o = get_object (self, object);

  g_return_if_fail (o != NULL);
  *min_value = o->min_value;
  *max_value = o->max_value;
}

const char *
weft_model_get_activity (WeftModel *self,
                         guint16    id)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (id == 0 || id >= self->activities->len)
    return NULL;
  return g_ptr_array_index (self->activities, id);
}

WeftMode
weft_model_get_mode (WeftModel *self)
{
  g_return_val_if_fail (self != NULL, WEFT_MODE_RUN);
  return self->mode;
}

WeftLayout
weft_model_get_layout (WeftModel *self)
{
  g_return_val_if_fail (self != NULL, WEFT_LAYOUT_STAR);
  return self->layout;
}

const char *
weft_model_get_title (WeftModel *self)
{
  g_return_val_if_fail (self != NULL, "");
  return self->title;
}

const char *
weft_model_get_subtitle (WeftModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->subtitle;
}

guint64
weft_model_get_end_ns (WeftModel *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->end_ns;
}

guint64
weft_model_get_n_events (WeftModel *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_events;
}

guint64
weft_model_get_n_dropped (WeftModel *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_dropped;
}

WeftOutcome
weft_model_get_outcome (WeftModel *self)
{
  g_return_val_if_fail (self != NULL, WEFT_OUTCOME_NONE);
  return self->outcome;
}

guint
weft_model_get_n_lanes (WeftModel *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->lanes->len;
}

WeftLaneKind
weft_model_get_lane_kind (WeftModel *self,
                          guint      lane)
{
  g_return_val_if_fail (self != NULL && lane < self->lanes->len, WEFT_LANE_THREAD);
  return (WeftLaneKind) (g_array_index (self->lanes, guint32, lane) >> 24);
}

guint
weft_model_get_lane_subject (WeftModel *self,
                             guint      lane)
{
  g_return_val_if_fail (self != NULL && lane < self->lanes->len, 0);
  return g_array_index (self->lanes, guint32, lane) & 0xFFFFFF;
}

int
weft_model_get_object_lane (WeftModel *self,
                            guint      object)
{
  Object *o = get_object (self, object);

  g_return_val_if_fail (o != NULL, -1);
  return o->lane;
}

const WeftThreadSpan *
weft_model_get_thread_spans (WeftModel *self,
                             guint      actor,
                             guint     *n_spans)
{
  Actor *a = get_actor (self, actor);

  g_return_val_if_fail (a != NULL, NULL);
  *n_spans = a->spans->len;
  return (const WeftThreadSpan *) a->spans->data;
}

const WeftResourceSpan *
weft_model_get_object_spans (WeftModel *self,
                             guint      object,
                             guint     *n_spans)
{
  Object *o = get_object (self, object);

  g_return_val_if_fail (o != NULL, NULL);
  g_return_val_if_fail (n_spans != NULL, NULL);
  *n_spans = o->spans->len;
  return (const WeftResourceSpan *) o->spans->data;
}

/* Conditions, events and barriers have spans, but no lane: to the views, no resource
 * spans. */
const WeftResourceSpan *
weft_model_get_resource_spans (WeftModel *self,
                               guint      object,
                               guint     *n_spans)
{
  Object *o = get_object (self, object);

  g_return_val_if_fail (o != NULL, NULL);
  if (o->lane < 0)
    {
      *n_spans = 0;
      return NULL;
    }
  return weft_model_get_object_spans (self, object, n_spans);
}

const gint32 *
weft_model_get_span_list (WeftModel              *self,
                          const WeftResourceSpan *span)
{
  g_return_val_if_fail (self != NULL && span != NULL, NULL);
  g_return_val_if_fail (span->list + span->n_list <= self->pool->len, NULL);
  return &store_index (self->pool, gint32, span->list);
}

/* The last of @n elements of @stride bytes whose first field (a guint64 start) is at or
 * before @time_ns; -1 if none is. */
static gssize
find_span (const guint8 *base,
           guint         n,
           gsize         stride,
           guint64       time_ns)
{
  gssize lo = 0;
  gssize hi = (gssize) n - 1;
  gssize found = -1;

  while (lo <= hi)
    {
      gssize mid = lo + (hi - lo) / 2;
      guint64 start;

      memcpy (&start, base + (gsize) mid * stride, sizeof start);
      if (start <= time_ns)
        {
          found = mid;
          lo = mid + 1;
        }
      else
        hi = mid - 1;
    }

  return found;
}

/* find_span(), starting from @from (the span in effect at an earlier or later time, or
 * -1): a walk finds each next span in a few steps, near in memory, where a binary search
 * over millions of spans would miss the cache at every level. It gallops both ways: a
 * column's questions go back a little (the spans that start in [t0, t1) are asked for at
 * t0 - 1 after t1 was), and a backward step must not cost a search from scratch. */
static gssize
find_span_from (const guint8 *base,
                guint         n,
                gsize         stride,
                guint64       time_ns,
                gssize        from)
{
  gsize lo, hi, step = 1;
  guint64 start;

  if (from < 0 || (gsize) from >= n)
    return find_span (base, n, stride, time_ns);

  memcpy (&start, base + (gsize) from * stride, sizeof start);
  if (start <= time_ns)
    {
      /* Forwards: lo stays a span starting at or before time_ns. */
      lo = (gsize) from;
      for (;;)
        {
          gsize probe = lo + step;

          if (probe >= n)
            break;
          memcpy (&start, base + probe * stride, sizeof start);
          if (start > time_ns)
            break;
          lo = probe;
          step *= 2;
        }
      hi = MIN (lo + step, (gsize) n);
      {
        gssize found = find_span (base + lo * stride, (guint) (hi - lo), stride, time_ns);

        return (gssize) lo + MAX (found, 0);
      }
    }

  /* Backwards: hi stays a span starting after time_ns. */
  hi = (gsize) from;
  for (;;)
    {
      gsize probe;

      if (step > hi)
        {
          lo = 0;
          break;
        }
      probe = hi - step;
      memcpy (&start, base + probe * stride, sizeof start);
      if (start <= time_ns)
        {
          lo = probe;
          break;
        }
      hi = probe;
      step *= 2;
    }
  {
    gssize found = find_span (base + lo * stride, (guint) (hi - lo), stride, time_ns);

    return found < 0 ? -1 : (gssize) lo + found;
  }
}

/* The last of the @n spans at @base (@stride bytes each, a guint64 start first) starting at
 * or before @time_ns; -1 if none does. @starts holds the start of every
 * WEFT_MODEL_CHECKPOINT-th span, and the search runs there, galloping from the checkpoint of
 * @from (the span found for another time, or -1): 128 spans per cache line rather than 4 or
 * 2, and a walk from left to right reads it in order. The last step reads at most
 * WEFT_MODEL_CHECKPOINT spans, those the checkpoint's sums are then added from. */
static gssize
find_span_indexed (const guint8 *base,
                   guint         n,
                   gsize         stride,
                   Store        *starts,
                   guint64       time_ns,
                   gssize        from)
{
  gssize c;
  guint i, last;

  g_assert (starts->len == (n + WEFT_MODEL_CHECKPOINT - 1) / WEFT_MODEL_CHECKPOINT);
  c = find_span_from ((const guint8 *) starts->data, starts->len, sizeof (guint64), time_ns,
                      from >= 0 ? from / WEFT_MODEL_CHECKPOINT : -1);
  if (c < 0)
    return -1;
  i = (guint) c * WEFT_MODEL_CHECKPOINT;
  last = MIN (i + WEFT_MODEL_CHECKPOINT, n);
  for (;;)
    {
      guint64 start;

      if (i + 1 >= last)
        break;
      memcpy (&start, base + (gsize) (i + 1) * stride, sizeof start);
      if (start > time_ns)
        break;
      i++;
    }
  return i;
}

gssize
weft_model_find_thread_span (WeftModel *self,
                             guint      actor,
                             guint64    time_ns)
{
  Actor *a = get_actor (self, actor);

  g_return_val_if_fail (a != NULL, -1);
  if (a->found_gen != self->generation || a->found_t != time_ns)
    {
      gssize from = a->found_gen == self->generation ? a->found : -1;

      a->found = find_span_indexed ((const guint8 *) a->spans->data, a->spans->len,
                                    sizeof (WeftThreadSpan), a->starts, time_ns, from);
      a->found_t = time_ns;
      a->found_gen = self->generation;
    }
  return a->found;
}

gssize
weft_model_find_resource_span (WeftModel *self,
                               guint      object,
                               guint64    time_ns)
{
  Object *o = get_object (self, object);

  g_return_val_if_fail (o != NULL, -1);
  if (o->lane < 0)
    return -1;
  return model_find_object_span (self, o, time_ns);
}

gssize
model_find_object_span (WeftModel *self,
                        Object    *o,
                        guint64    time_ns)
{
  if (o->found_gen != self->generation || o->found_t != time_ns)
    {
      gssize from = o->found_gen == self->generation ? o->found : -1;

      o->found = find_span_indexed ((const guint8 *) o->spans->data, o->spans->len,
                                    sizeof (WeftResourceSpan), o->starts, time_ns, from);
      o->found_t = time_ns;
      o->found_gen = self->generation;
    }
  return o->found;
}

/* Fetches the checkpoint of the span in effect at @time_ns (its start, sums and spans)
 * into the cache. Only the checkpoints' starts are searched, from the last span found:
 * a few lines, read in order by a walk, where the spans themselves are 16 or 24 bytes
 * each and a 10 M-event column jumps over 4 KB of them. The search is exact, where a
 * guess from the last step misses whenever a column holds a few more events. */
static inline void
prefetch_at (Store   *spans,
             Store   *sums,
             Store   *starts,
             gssize   from,
             guint64  time_ns)
{
  gssize c;
  gsize stride;

  if (spans->len == 0)
    return;
  c = find_span_from ((const guint8 *) starts->data, starts->len, sizeof (guint64), time_ns,
                      from >= 0 ? from / WEFT_MODEL_CHECKPOINT : -1);
  if (c < 0)
    return;
  stride = spans->element_size;
  __builtin_prefetch (sums->data + (gsize) c * sums->element_size);
  for (gsize k = 0; k < WEFT_MODEL_CHECKPOINT * stride; k += 64)
    __builtin_prefetch (spans->data + (gsize) c * WEFT_MODEL_CHECKPOINT * stride + k);
}

void
weft_model_prefetch_thread_time (WeftModel *self,
                                 guint      actor,
                                 guint64    time_ns)
{
  Actor *a = get_actor (self, actor);

  g_return_if_fail (a != NULL);
  prefetch_at (a->spans, a->sums, a->starts, a->found_gen == self->generation ? a->found : -1,
               MIN (time_ns, self->end_ns));
}

void
weft_model_prefetch_resource_time (WeftModel *self,
                                   guint      object,
                                   guint64    time_ns)
{
  Object *o = get_object (self, object);

  g_return_if_fail (o != NULL);
  if (o->lane < 0)
    return;
  prefetch_at (o->spans, o->sums, o->starts, o->found_gen == self->generation ? o->found : -1,
               MIN (time_ns, self->end_ns));
}

/* The sums of @actor's states over [0, t). */
static void
thread_sums_at (WeftModel  *self,
                Actor      *a,
                guint64     t,
                ThreadSums *out)
{
  const WeftThreadSpan *spans = (const WeftThreadSpan *) a->spans->data;
  gssize i;
  guint first;

  t = MIN (t, self->end_ns);
  if (a->cached_gen == self->generation && a->cached_t == t)
    {
      *out = a->cached;
      return;
    }
  i = weft_model_find_thread_span (self, a->index, t);
  if (i < 0)
    {
      /* Before the first span kept: the totals at its start (0 unless forgotten). */
      *out = store_index (a->sums, ThreadSums, 0);
      return;
    }

  first = (guint) i / WEFT_MODEL_CHECKPOINT * WEFT_MODEL_CHECKPOINT;
  *out = store_index (a->sums, ThreadSums, (guint) i / WEFT_MODEL_CHECKPOINT);
  for (guint j = first; j < (guint) i; j++)
    thread_sums_add (out, &spans[j], spans[j + 1].start_ns - spans[j].start_ns);
  thread_sums_add (out, &spans[i], t - spans[i].start_ns);
  a->cached = *out;
  a->cached_t = t;
  a->cached_gen = self->generation;
}

void
weft_model_get_thread_time (WeftModel *self,
                            guint      actor,
                            guint64    t0,
                            guint64    t1,
                            guint64   *out)
{
  Actor *a = get_actor (self, actor);
  ThreadSums s0, s1;

  g_return_if_fail (a != NULL);

  if (t1 <= t0)
    {
      memset (out, 0, sizeof (guint64) * WEFT_N_STATES);
      return;
    }
  thread_sums_at (self, a, t0, &s0);
  thread_sums_at (self, a, t1, &s1);
  for (guint s = 0; s < WEFT_N_STATES; s++)
    out[s] = s1.ns[s] - s0.ns[s];
}

/* The use and waiters of @o integrated over [0, MIN (t, end)); returns the span in effect
 * then (-1: none). */
static gssize
resource_sums_at (WeftModel    *self,
                  Object       *o,
                  guint64       t,
                  ResourceSums *out)
{
  const WeftResourceSpan *spans = (const WeftResourceSpan *) o->spans->data;
  gssize i;
  guint first;

  t = MIN (t, self->end_ns);
  if (o->cached_gen == self->generation && o->cached_t == t)
    {
      *out = o->cached;
      return o->cached_i;
    }
  i = weft_model_find_resource_span (self, o->index, t);
  memset (out, 0, sizeof *out);
  if (i < 0)
    {
      out->use = store_index (o->sums, ResourceSums, 0).use;
      out->wait = store_index (o->sums, ResourceSums, 0).wait;
      return -1;
    }

  first = (guint) i / WEFT_MODEL_CHECKPOINT * WEFT_MODEL_CHECKPOINT;
  out->use = store_index (o->sums, ResourceSums, (guint) i / WEFT_MODEL_CHECKPOINT).use;
  out->wait = store_index (o->sums, ResourceSums, (guint) i / WEFT_MODEL_CHECKPOINT).wait;
  for (guint j = first; j < (guint) i; j++)
    resource_sums_add (out, o, &spans[j], spans[j + 1].start_ns - spans[j].start_ns);
  resource_sums_add (out, o, &spans[i], t - spans[i].start_ns);
  o->cached = *out;
  o->cached_t = t;
  o->cached_i = i;
  o->cached_gen = self->generation;
  return i;
}

/* The last span starting before @t, from @i, the last starting at or before it: at most
 * a step or two back (several spans may start at the same time), through spans already in
 * the cache, where a search for t - 1 would gallop back over a whole column's spans. */
static gssize
span_before (Object  *o,
             gssize   i,
             guint64  t)
{
  const WeftResourceSpan *spans = (const WeftResourceSpan *) o->spans->data;

  while (i >= 0 && spans[i].start_ns >= t)
    i--;
  return i;
}

/* How many of the spans [0, i] are stale writes. */
static guint
stale_through (Object *o,
               gssize  i)
{
  const WeftResourceSpan *spans = (const WeftResourceSpan *) o->spans->data;
  guint first;
  guint n;

  if (i < 0)
    return store_index (o->sums, ResourceSums, 0).n_stale;
  first = (guint) i / WEFT_MODEL_CHECKPOINT * WEFT_MODEL_CHECKPOINT;
  n = store_index (o->sums, ResourceSums, (guint) i / WEFT_MODEL_CHECKPOINT).n_stale;
  for (guint j = first; j <= (guint) i; j++)
    if (spans[j].flags & WEFT_SPAN_STALE_WRITE)
      n++;
  return n;
}

void
weft_model_get_resource_summary (WeftModel           *self,
                                 guint                object,
                                 guint64              t0,
                                 guint64              t1,
                                 WeftResourceSummary *out)
{
  Object *o = get_object (self, object);
  ResourceSums s0, s1;
  gssize i0, i1;

  g_return_if_fail (o != NULL);
  memset (out, 0, sizeof *out);
  if (o->lane < 0)
    return;

  t1 = MIN (t1, self->end_ns);
  if (t1 <= t0)
    {
      /* An instant: the span in effect then. */
      gssize i = weft_model_find_resource_span (self, object, t0);

      if (i >= 0)
        {
          ResourceSums sums = { 0 };

          resource_sums_add (&sums, o, &store_index (o->spans, WeftResourceSpan, i), 1);
          out->mean_use = sums.use;
          out->mean_waiting = sums.wait;
        }
      return;
    }

  i0 = resource_sums_at (self, o, t0, &s0);
  i1 = resource_sums_at (self, o, t1, &s1);
  out->mean_use = (s1.use - s0.use) / (double) (t1 - t0);
  out->mean_waiting = (s1.wait - s0.wait) / (double) (t1 - t0);

  /* Spans that start in [t0, t1): those after the last one starting before t0, up to the
   * last one starting before t1. */
  i0 = span_before (o, i0, t0);
  i1 = span_before (o, i1, t1);
  out->n_changes = (guint) (i1 - i0);
  if (o->kind == WEFT_OBJECT_SHARED)
    out->n_stale = stale_through (o, i1) - stale_through (o, i0);
}

gboolean
weft_model_get_deadlock (WeftModel            *self,
                         guint64              *time_ns,
                         const WeftModelEdge **edges,
                         guint                *n_edges)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (time_ns != NULL)
    *time_ns = self->deadlock_ns;
  if (edges != NULL)
    *edges = (const WeftModelEdge *) self->edges->data;
  if (n_edges != NULL)
    *n_edges = self->edges->len;
  return self->deadlock;
}

const guint64 *
weft_model_get_step_times (WeftModel *self,
                           guint     *n_steps)
{
  g_return_val_if_fail (self != NULL, NULL);
  *n_steps = self->steps->len;
  return (const guint64 *) self->steps->data;
}
