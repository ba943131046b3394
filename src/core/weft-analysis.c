/* weft-analysis.c — deadlock detection on the wait-for graph, run on every block.
 *
 * The graph: a blocked or waiting actor points to the object it waits on, which points to
 * the actors holding it (a lock's owner, a semaphore's holders). A cycle made only of
 * single-owner locks is a deadlock as soon as it closes, even while other threads go on.
 * When every live actor is blocked or waiting and none is runnable, parked or sleeping,
 * the run is deadlocked too, cycle or not (e.g. everyone waits on a condition nobody will
 * notify); the report then names a cycle if there is one through semaphores, else who
 * waits on what.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "weft-run-private.h"

static gboolean
is_stuck (WeftActor *actor)
{
  return actor->state == WEFT_STATE_BLOCKED || actor->state == WEFT_STATE_WAITING;
}

static gboolean
find_cycle (WeftRun   *run,
            WeftActor *actor,
            gboolean   locks_only,
            GPtrArray *path)
{
  WeftObject *object = actor->waiting_on;
  WeftActor *holders_one[1];
  WeftActor **holders = NULL;
  guint n_holders = 0;

  if (!is_stuck (actor) || object == NULL)
    return FALSE;

  switch (object->kind)
    {
    case WEFT_OBJECT_LOCK:
    case WEFT_OBJECT_RLOCK:
      if (object->owner != NULL)
        {
          holders_one[0] = object->owner;
          holders = holders_one;
          n_holders = 1;
        }
      break;

    case WEFT_OBJECT_SEMAPHORE:
    case WEFT_OBJECT_BOUNDED_SEMAPHORE:
      if (!locks_only)
        {
          GPtrArray *list = weft_semaphore_get_holders ((WeftSemaphore *) object);

          holders = (WeftActor **) list->pdata;
          n_holders = list->len;
        }
      break;

    case WEFT_OBJECT_CONDITION:
    case WEFT_OBJECT_FLAG:
    case WEFT_OBJECT_BARRIER:
    case WEFT_OBJECT_QUEUE:
    case WEFT_OBJECT_SHARED:
    case WEFT_N_OBJECT_KINDS:
    default:
      /* Nobody owns these: whoever could wake the waiter is unknown. */
      break;
    }

  actor->visit = run->visit_gen;
  g_ptr_array_add (path, actor);

  for (guint i = 0; i < n_holders; i++)
    {
      WeftActor *next = holders[i];

      /* Holding a unit of the semaphore one waits on is not waiting for oneself: any
       * other holder, or anyone, may release it. */
      if (next == actor && object->kind != WEFT_OBJECT_LOCK && object->kind != WEFT_OBJECT_RLOCK)
        continue;

      if (next->visit == run->visit_gen)
        {
          guint start;

          /* Back on the path: the cycle is the part of the path from there. */
          if (g_ptr_array_find (path, next, &start))
            {
              g_ptr_array_remove_range (path, 0, start);
              return TRUE;
            }
          continue;
        }

      if (find_cycle (run, next, locks_only, path))
        return TRUE;
    }

  g_ptr_array_remove_index (path, path->len - 1);
  return FALSE;
}

static gboolean
search (WeftRun   *run,
        WeftActor *from,
        gboolean   locks_only,
        GPtrArray *path)
{
  run->visit_gen++;
  g_ptr_array_set_size (path, 0);
  return find_cycle (run, from, locks_only, path);
}

static void
report (WeftRun   *run,
        GPtrArray *actors,
        gboolean   is_cycle)
{
  guint first = 0;
  guint n = actors->len;

  /* Start the cycle at its lowest-numbered actor, so the report reads the same way every
   * time: "Kant → fork 2 → Aristotle → fork 3 → …". */
  for (guint i = 1; i < n; i++)
    {
      if (((WeftActor *) g_ptr_array_index (actors, i))->index <
          ((WeftActor *) g_ptr_array_index (actors, first))->index)
        first = i;
    }

  g_array_set_size (run->cycle, 0);
  for (guint k = 0; k < n; k++)
    {
      WeftActor *actor = g_ptr_array_index (actors, is_cycle ? (first + k) % n : k);
      WeftCycleEdge edge = { actor, actor->waiting_on };

      g_array_append_val (run->cycle, edge);
    }

  /* The run goes on until stopped (the deadlocked threads stay blocked, others may
   * run): its elapsed time ends at the stop, not here. */
  g_atomic_int_set (&run->outcome, WEFT_OUTCOME_DEADLOCK);
  weft_run_record (run, WEFT_EVENT_DEADLOCK, WEFT_NONE, WEFT_NONE, 0, is_cycle ? (gint32) n : 0);
  for (guint k = 0; k < run->cycle->len; k++)
    {
      WeftCycleEdge *edge = &g_array_index (run->cycle, WeftCycleEdge, k);

      weft_run_record (run, WEFT_EVENT_CYCLE_EDGE, edge->actor->index,
                       WEFT_OBJECT_ID (edge->waits_on), 0, (gint32) k);
    }
  weft_run_notify_controller (run);
}

/* Monitor held. @blocked is the actor that just blocked, or NULL when an actor left. */
void
weft_analysis_check_deadlock (WeftRun   *run,
                              WeftActor *blocked)
{
  g_autoptr(GPtrArray) path = NULL;
  guint live;
  gboolean all_stuck;

  if (run->outcome != WEFT_OUTCOME_NONE || run->stopping)
    return;

  path = g_ptr_array_new ();

  if (blocked != NULL && search (run, blocked, TRUE, path))
    {
      report (run, path, TRUE);
      return;
    }

  live = run->actors->len - run->n_in_state[WEFT_STATE_DONE];
  all_stuck = live > 0 &&
              run->n_in_state[WEFT_STATE_BLOCKED] + run->n_in_state[WEFT_STATE_WAITING] == live;
  if (!all_stuck)
    return;

  for (guint i = 0; i < run->actors->len; i++)
    {
      if (search (run, g_ptr_array_index (run->actors, i), FALSE, path))
        {
          report (run, path, TRUE);
          return;
        }
    }

  /* No cycle: list every stuck actor with what it waits on. */
  g_ptr_array_set_size (path, 0);
  for (guint i = 0; i < run->actors->len; i++)
    {
      WeftActor *actor = g_ptr_array_index (run->actors, i);

      if (is_stuck (actor))
        g_ptr_array_add (path, actor);
    }
  report (run, path, FALSE);
}
