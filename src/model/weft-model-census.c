/* weft-model-census.c — how many threads are in each state over time, and how many
 * resources are held or have waiters: what the timeline draws as a density band when a
 * thousand lanes would be thinner than a few pixels.
 *
 * A census is a step function of a few counts, one entry per change, with the counts
 * integrated over time every WEFT_MODEL_CHECKPOINT entries (as the spans' sums are): the
 * mean counts over any interval cost a binary search and at most that many steps. It is
 * kept only for models with many lanes (WEFT_MODEL_CENSUS_MIN): below, nothing is counted,
 * so the million-event traces of a few threads pay nothing for it; the model that reaches
 * it takes the counts from its lanes' last spans then (census_count_threads()), and
 * records every move from there on.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "weft-model-private.h"

void
census_init (Census     *census,
             StoreArena *arena)
{
  memset (census, 0, sizeof *census);
  census->entries = store_new (arena, sizeof (CensusEntry));
  census->sums = store_new (arena, sizeof (CensusSums));
  census->starts = store_new (arena, sizeof (guint64));
}

void
census_clear (Census *census)
{
  g_clear_pointer (&census->entries, store_free);
  g_clear_pointer (&census->sums, store_free);
  g_clear_pointer (&census->starts, store_free);
}

/* The counts now, after one subject moved from @from to @to. */
static void
census_count_move (Census *census,
                   guint   from,
                   guint   to)
{
  if (from < CENSUS_N && census->now[from] > 0)
    census->now[from]--;
  if (to < CENSUS_N)
    census->now[to]++;
}

void
census_count_threads (WeftModel *self)
{
  Census *census = &self->thread_census;

  memset (census->now, 0, sizeof census->now);
  for (guint i = 0; i < self->actors->len; i++)
    {
      Actor *actor = g_ptr_array_index (self->actors, i);
      guint state = store_index (actor->spans, WeftThreadSpan, actor->spans->len - 1).state;

      if (state < CENSUS_N)
        census->now[state]++;
    }
}

void
census_count_resources (WeftModel *self)
{
  Census *census = &self->resource_census;

  memset (census->now, 0, sizeof census->now);
  for (guint i = 0; i < self->objects->len; i++)
    {
      Object *object = g_ptr_array_index (self->objects, i);
      const WeftResourceSpan *last;

      if (object->kind > WEFT_OBJECT_BOUNDED_SEMAPHORE)
        continue;
      last = &store_index (object->spans, WeftResourceSpan, object->spans->len - 1);
      object->census = object_census_bits (object, last->value, last->n_waiting);
      if (object->census & 1)
        census->now[CENSUS_HELD]++;
      if (object->census & 2)
        census->now[CENSUS_WAITED]++;
    }
}

/* A move (see census_move()): the counts and a new entry. */
void
census_record_move (Census   *census,
                    guint     from,
                    guint     to,
                    guint64   time_ns)
{
  CensusEntry *last;
  CensusEntry entry;

  /* The first entry: the counts before it held since the run's start. */
  if (census->entries->len == 0 && time_ns > 0)
    {
      entry.time_ns = 0;
      memcpy (entry.count, census->now, sizeof census->now);
      store_append_val (census->entries, entry);
      store_append_val (census->sums, census->acc);
      store_append_val (census->starts, entry.time_ns);
    }
  census_count_move (census, from, to);
  census->cached_valid = FALSE;

  last = census->entries->len > 0
    ? &store_index (census->entries, CensusEntry, census->entries->len - 1) : NULL;
  if (last != NULL && time_ns <= last->time_ns)
    {
      memcpy (last->count, census->now, sizeof census->now);
      return;
    }
  if (last != NULL)
    for (guint k = 0; k < CENSUS_N; k++)
      census->acc.ns[k] += (double) last->count[k] * (double) (time_ns - last->time_ns);
  entry.time_ns = time_ns;
  memcpy (entry.count, census->now, sizeof census->now);
  store_append_val (census->entries, entry);
  if (census->entries->len % WEFT_MODEL_CHECKPOINT == 1)
    {
      store_append_val (census->sums, census->acc);
      store_append_val (census->starts, time_ns);
    }
}

/* The last entry at or before @t. A timeline walks from left to right: gallop on from
 * the entry found last, near in memory, rather than search the whole array again. */
static guint
census_find (Census  *census,
             guint64  t)
{
  const CensusEntry *e = (const CensusEntry *) census->entries->data;
  const guint64 *starts = (const guint64 *) census->starts->data;
  guint n = census->starts->len;
  guint lo = 0, hi = n, i, end;

  /* First the checkpoint, in the starts alone (8 bytes per 16 entries: a search reads a
   * few cache lines, not one per step). */
  if (census->found / WEFT_MODEL_CHECKPOINT < n && starts[census->found / WEFT_MODEL_CHECKPOINT] <= t)
    {
      guint step = 1;

      lo = census->found / WEFT_MODEL_CHECKPOINT;
      while (lo + step < n && starts[lo + step] <= t)
        {
          lo += step;
          step *= 2;
        }
      hi = MIN (n, lo + step);
    }
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (starts[mid] <= t)
        lo = mid;
      else
        hi = mid;
    }
  /* Then at most a checkpoint's entries. */
  i = lo * WEFT_MODEL_CHECKPOINT;
  end = MIN (census->entries->len, i + WEFT_MODEL_CHECKPOINT);
  while (i + 1 < end && e[i + 1].time_ns <= t)
    i++;
  census->found = i;
  return i;
}

/* The counts integrated from the first entry up to @t; the last answer is kept, as a
 * walk asks for each column's end and then for the same time as the next one's start. */
static void
census_integral (Census  *census,
                 guint64  t,
                 double   out[CENSUS_N])
{
  const CensusEntry *e = (const CensusEntry *) census->entries->data;
  guint i, c;

  if (census->cached_valid && census->cached_t == t)
    {
      memcpy (out, census->cached.ns, sizeof (double) * CENSUS_N);
      return;
    }
  i = census_find (census, t);
  c = i / WEFT_MODEL_CHECKPOINT;
  memcpy (out, store_index (census->sums, CensusSums, c).ns, sizeof (double) * CENSUS_N);
  for (guint j = c * WEFT_MODEL_CHECKPOINT; j < i; j++)
    for (guint k = 0; k < CENSUS_N; k++)
      out[k] += (double) e[j].count[k] * (double) (e[j + 1].time_ns - e[j].time_ns);
  if (t > e[i].time_ns)
    for (guint k = 0; k < CENSUS_N; k++)
      out[k] += (double) e[i].count[k] * (double) (t - e[i].time_ns);
  memcpy (census->cached.ns, out, sizeof (double) * CENSUS_N);
  census->cached_t = t;
  census->cached_valid = TRUE;
}

/* The mean counts over [t0, t1) (at t0 when the interval is empty); FALSE without a
 * census. */
gboolean
census_mean (Census       *census,
             guint64       t0,
             guint64       t1,
             guint64       end_ns,
             double        out[CENSUS_N])
{
  const CensusEntry *e;

  if (census->entries == NULL || census->entries->len == 0)
    return FALSE;
  e = (const CensusEntry *) census->entries->data;
  t1 = MIN (t1, MAX (end_ns, e[0].time_ns));
  t0 = MAX (t0, e[0].time_ns);
  if (t1 <= t0)
    {
      guint lo = census_find (census, t0);

      for (guint k = 0; k < CENSUS_N; k++)
        out[k] = e[lo].count[k];
      return TRUE;
    }
  {
    double a[CENSUS_N], b[CENSUS_N];

    census_integral (census, t0, a);
    census_integral (census, t1, b);
    for (guint k = 0; k < CENSUS_N; k++)
      out[k] = (b[k] - a[k]) / (double) (t1 - t0);
  }
  return TRUE;
}

/* The model's answers ------------------------------------------------------------------- */

gboolean
weft_model_get_thread_census (WeftModel *self,
                              guint64    t0,
                              guint64    t1,
                              double     mean[WEFT_N_STATES])
{
  double out[CENSUS_N];

  g_return_val_if_fail (self != NULL, FALSE);
  if (!census_mean (&self->thread_census, t0, t1, self->end_ns, out))
    return FALSE;
  memcpy (mean, out, sizeof (double) * WEFT_N_STATES);
  return TRUE;
}

gboolean
weft_model_get_resource_census (WeftModel *self,
                                guint64    t0,
                                guint64    t1,
                                double    *held,
                                double    *waited)
{
  double out[CENSUS_N];

  g_return_val_if_fail (self != NULL, FALSE);
  if (!census_mean (&self->resource_census, t0, t1, self->end_ns, out))
    return FALSE;
  if (held != NULL)
    *held = out[CENSUS_HELD];
  if (waited != NULL)
    *waited = out[CENSUS_WAITED];
  return TRUE;
}

guint
weft_model_get_n_census_resources (WeftModel *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_census_resources;
}
