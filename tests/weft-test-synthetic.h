/* weft-test-synthetic.h — a big, plausible model without running threads: eight actors
 * taking two locks, a semaphore of three, a queue and a shared variable, with events at
 * increasing times, as many as asked. The same seed gives the same model.
 *
 * Used by the render and export suites and by the render and model benchmarks.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "weft-render.h"

#define SYNTHETIC_N_ACTORS 8

enum
{
  SYNTHETIC_LOCK_A,
  SYNTHETIC_LOCK_B,
  SYNTHETIC_SEMAPHORE,
  SYNTHETIC_QUEUE,
  SYNTHETIC_SHARED,
  SYNTHETIC_CONDITION,  /* no lane */
  SYNTHETIC_N_OBJECTS
};

/* Lanes: the actors, the two locks, the semaphore, the queue, the shared variable. */
#define SYNTHETIC_N_LANES (SYNTHETIC_N_ACTORS + 5)

typedef struct
{
  WeftModel *model;
  GArray    *sink;       /* WeftEvent: where the events go instead of the model, or NULL */
  guint64    state;      /* xorshift64 */
  guint64    now;
  guint64    n_events;
  gint32     lock_owner[2];
  gint32     sem_count;
  GArray    *queue;      /* gint32 items, FIFO */
  gint32     next_item;
  gint32     shared;
  guint8     phase[SYNTHETIC_N_ACTORS];
  guint8     blocked[SYNTHETIC_N_ACTORS];  /* on the object + 1, 0: not blocked */
} SyntheticGen;

static inline guint32
synthetic_random (SyntheticGen *gen)
{
  guint64 x = gen->state;

  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  gen->state = x;
  return (guint32) (x >> 16);
}

static inline void
synthetic_emit (SyntheticGen *gen,
                WeftEventKind kind,
                guint         actor,
                guint         object,
                guint8        aux,
                gint32        value)
{
  WeftEvent event = { 0 };

  /* 0.2 to 1.8 µs between events: 1 M events last about a second. */
  gen->now += 200 + synthetic_random (gen) % 1600;
  weft_event_set_time (&event, gen->now);
  event.kind = kind;
  event.aux = aux;
  event.actor = (guint16) actor;
  event.object = (guint16) object;
  event.value = value;
  if (gen->sink != NULL)
    g_array_append_val (gen->sink, event);
  else
    weft_model_add_event (gen->model, &event);
  gen->n_events++;
}

static inline void
synthetic_state (SyntheticGen *gen,
                 guint         actor,
                 WeftState     state,
                 guint         object,
                 gint32        value)
{
  synthetic_emit (gen, WEFT_EVENT_STATE, actor, object, (guint8) state, value);
}

/* One move of @actor: a think, a nap, a lock, a write, a semaphore, a put or a get. An
 * actor that cannot take what it wants blocks (or waits on the empty queue) and tries
 * again on its next move. */
static inline void
synthetic_move (SyntheticGen *gen,
                guint         actor)
{
  guint lock = actor % 2;
  guint lock_object = lock == 0 ? SYNTHETIC_LOCK_A : SYNTHETIC_LOCK_B;

  /* A nap lasts about four times as long as a move. */
  if (gen->phase[actor] == 2 && !gen->blocked[actor] && synthetic_random (gen) % 4 != 0)
    return;

  switch (gen->phase[actor])
    {
    case 0:
      synthetic_state (gen, actor, WEFT_STATE_RUNNING, WEFT_NONE, 1);
      break;
    case 1:
      synthetic_state (gen, actor, WEFT_STATE_SLEEPING, WEFT_NONE, 1);
      break;
    case 2:
      if (gen->lock_owner[lock] >= 0)
        {
          if (!gen->blocked[actor])
            {
              synthetic_state (gen, actor, WEFT_STATE_BLOCKED, lock_object, 0);
              gen->blocked[actor] = lock_object + 1;
            }
          return;
        }
      gen->lock_owner[lock] = (gint32) actor;
      synthetic_emit (gen, WEFT_EVENT_ACQUIRED, actor, lock_object, 0, 1);
      synthetic_state (gen, actor, WEFT_STATE_RUNNING, WEFT_NONE, 2);
      gen->blocked[actor] = 0;
      break;
    case 3:
      gen->shared += 1 + (gint32) (synthetic_random (gen) % 3);
      synthetic_emit (gen, WEFT_EVENT_WRITE, actor, SYNTHETIC_SHARED,
                      synthetic_random (gen) % 50 == 0, gen->shared);
      break;
    case 4:
      gen->lock_owner[lock] = -1;
      synthetic_emit (gen, WEFT_EVENT_RELEASED, actor, lock_object, 0, 0);
      break;
    case 5:
      if (gen->sem_count == 0)
        {
          if (!gen->blocked[actor])
            {
              synthetic_state (gen, actor, WEFT_STATE_BLOCKED, SYNTHETIC_SEMAPHORE, 0);
              gen->blocked[actor] = SYNTHETIC_SEMAPHORE + 1;
            }
          return;
        }
      gen->sem_count--;
      synthetic_emit (gen, WEFT_EVENT_ACQUIRED, actor, SYNTHETIC_SEMAPHORE, 0, gen->sem_count);
      synthetic_state (gen, actor, WEFT_STATE_RUNNING, WEFT_NONE, 3);
      gen->blocked[actor] = 0;
      break;
    case 6:
      gen->sem_count++;
      synthetic_emit (gen, WEFT_EVENT_RELEASED, actor, SYNTHETIC_SEMAPHORE, 0, gen->sem_count);
      break;
    case 7:
      /* Even actors produce, odd ones consume: the queue's length wanders, and a consumer
       * finding it empty waits. */
      if (actor % 2 == 0)
        {
          gint32 item = gen->next_item++;

          g_array_append_val (gen->queue, item);
          synthetic_emit (gen, WEFT_EVENT_QUEUE_PUT, actor, SYNTHETIC_QUEUE, 0, item);
          synthetic_emit (gen, WEFT_EVENT_QUEUE_LENGTH, actor, SYNTHETIC_QUEUE, 0, (gint32) gen->queue->len);
          gen->phase[actor] = 0;
          return;
        }
      break;
    case 8:
    default:
      if (gen->queue->len == 0)
        {
          if (!gen->blocked[actor])
            {
              synthetic_state (gen, actor, WEFT_STATE_WAITING, SYNTHETIC_QUEUE, 0);
              gen->blocked[actor] = SYNTHETIC_QUEUE + 1;
            }
          return;
        }
      {
        gint32 item = g_array_index (gen->queue, gint32, 0);

        g_array_remove_index (gen->queue, 0);
        synthetic_emit (gen, WEFT_EVENT_QUEUE_GET, actor, SYNTHETIC_QUEUE, 0, item);
        synthetic_emit (gen, WEFT_EVENT_QUEUE_LENGTH, actor, SYNTHETIC_QUEUE, 0, (gint32) gen->queue->len);
        if (gen->blocked[actor])
          synthetic_state (gen, actor, WEFT_STATE_RUNNING, WEFT_NONE, 4);
        gen->blocked[actor] = 0;
      }
      break;
    }
  gen->phase[actor] = (gen->phase[actor] + 1) % 9;
}

/* The synthetic model's actors, objects, title and activities, without any event. */
static inline WeftModel *
test_synthetic_model_empty (void)
{
  static const char * const names[SYNTHETIC_N_ACTORS] = {
    "Ada", "Barbara", "Edsger", "Grace", "Leslie", "Per", "Tony", "Niklaus",
  };
  WeftModel *model = weft_model_new ();

  weft_model_set_mode (model, WEFT_MODE_RUN);
  weft_model_set_layout (model, WEFT_LAYOUT_STAR);
  weft_model_set_title (model, "Synthetic trace", "eight actors, two locks, a semaphore, a queue");
  weft_model_set_activity (model, 1, "thinking");
  weft_model_set_activity (model, 2, "in the critical section");
  weft_model_set_activity (model, 3, "printing");
  weft_model_set_activity (model, 4, "consuming");
  for (guint i = 0; i < SYNTHETIC_N_ACTORS; i++)
    weft_model_add_actor (model, names[i]);
  weft_model_add_object (model, "lock A", WEFT_OBJECT_LOCK, 0, WEFT_QUEUE_FIFO);
  weft_model_add_object (model, "lock B", WEFT_OBJECT_LOCK, 0, WEFT_QUEUE_FIFO);
  weft_model_add_object (model, "printers", WEFT_OBJECT_SEMAPHORE, 3, WEFT_QUEUE_FIFO);
  weft_model_add_object (model, "jobs", WEFT_OBJECT_QUEUE, 0, WEFT_QUEUE_FIFO);
  weft_model_add_object (model, "counter", WEFT_OBJECT_SHARED, 0, WEFT_QUEUE_FIFO);
  weft_model_add_object (model, "ready", WEFT_OBJECT_CONDITION, 0, WEFT_QUEUE_FIFO);
  return model;
}

/* Generates about @n_events events (a move may add two: the count is reached, not passed
 * by more than one) into @model, or into @sink when it is not NULL; returns the time of
 * the last. */
static inline guint64
synthetic_generate (WeftModel *model,
                    GArray    *sink,
                    guint64    n_events,
                    guint64    seed)
{
  SyntheticGen gen = { 0 };
  WeftEvent start = { 0 };

  gen.model = model;
  gen.sink = sink;
  gen.state = seed * 0x9E3779B97F4A7C15ull + 1;
  gen.lock_owner[0] = gen.lock_owner[1] = -1;
  gen.sem_count = 3;
  gen.queue = g_array_new (FALSE, FALSE, sizeof (gint32));

  start.kind = WEFT_EVENT_RUN_START;
  start.actor = WEFT_NONE;
  start.object = WEFT_NONE;
  start.value = WEFT_MODE_RUN;
  if (sink != NULL)
    g_array_append_val (sink, start);
  else
    weft_model_add_event (model, &start);
  gen.n_events = 1;

  while (gen.n_events < n_events)
    synthetic_move (&gen, synthetic_random (&gen) % SYNTHETIC_N_ACTORS);

  g_array_unref (gen.queue);
  return gen.now;
}

/* A run-mode model of about @n_events events. */
static inline WeftModel *
test_synthetic_model (guint64 n_events,
                      guint64 seed)
{
  WeftModel *model = test_synthetic_model_empty ();
  guint64 now = synthetic_generate (model, NULL, n_events, seed);

  weft_model_set_end (model, now + 1000);
  return model;
}

/* The events test_synthetic_model() would add, in a WeftEvent array (to time the model's
 * build without the generator: see bench-model.c); @end_ns gets the end it would set. */
static inline GArray *
test_synthetic_events (guint64  n_events,
                       guint64  seed,
                       guint64 *end_ns)
{
  GArray *events = g_array_sized_new (FALSE, FALSE, sizeof (WeftEvent), (guint) n_events + 2);

  *end_ns = synthetic_generate (NULL, events, n_events, seed) + 1000;
  return events;
}
