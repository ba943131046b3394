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

/* One actor on the search's path: what it waits on is held by @holders (or by @owner
 * alone), of which the first @next were followed. */
typedef struct
{
  WeftActor  *actor;
  WeftActor **holders;    /* NULL: @owner */
  WeftActor  *owner;
  guint       n_holders;
  guint       next;
} Visit;

/* Puts @actor on the path if it waits on something somebody holds (for a lock, its
 * owner; for a semaphore, its holders unless @locks_only). */
static gboolean
enter (WeftRun   *run,
       WeftActor *actor,
       gboolean   locks_only,
       GArray    *visits,
       GPtrArray *path)
{
  WeftObject *object = actor->waiting_on;
  Visit visit = { actor, NULL, NULL, 0, 0 };

  if (!is_stuck (actor) || object == NULL)
    return FALSE;

  switch (object->kind)
    {
    case WEFT_OBJECT_LOCK:
    case WEFT_OBJECT_RLOCK:
      if (object->owner != NULL)
        {
          visit.owner = object->owner;
          visit.n_holders = 1;
        }
      break;

    case WEFT_OBJECT_SEMAPHORE:
    case WEFT_OBJECT_BOUNDED_SEMAPHORE:
      if (!locks_only)
        {
          GPtrArray *list = weft_semaphore_get_holders ((WeftSemaphore *) object);

          visit.holders = (WeftActor **) list->pdata;
          visit.n_holders = list->len;
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
  g_array_append_val (visits, visit);
  g_ptr_array_add (path, actor);
  return TRUE;
}

/* A depth-first search of the wait-for graph from @from. On a cycle, @path is the cycle
 * and the answer TRUE. Iterative, with the path in @visits: a chain of a thousand waiting
 * philosophers is a thousand deep, and an actor's stack is small (weft-run-control.c). */
static gboolean
search (WeftRun   *run,
        WeftActor *from,
        gboolean   locks_only,
        GArray    *visits,
        GPtrArray *path)
{
  run->visit_gen++;
  g_array_set_size (visits, 0);
  g_ptr_array_set_size (path, 0);
  if (!enter (run, from, locks_only, visits, path))
    return FALSE;

  while (visits->len > 0)
    {
      Visit *visit = &g_array_index (visits, Visit, visits->len - 1);
      WeftActor *actor = visit->actor;
      WeftActor *next;

      if (visit->next == visit->n_holders)
        {
          g_array_set_size (visits, visits->len - 1);
          g_ptr_array_remove_index (path, path->len - 1);
          continue;
        }
      next = visit->holders != NULL ? visit->holders[visit->next] : visit->owner;
      visit->next++;

      /* Holding a unit of the semaphore one waits on is not waiting for oneself: any
       * other holder, or anyone, may release it. */
      if (next == actor && actor->waiting_on->kind != WEFT_OBJECT_LOCK &&
          actor->waiting_on->kind != WEFT_OBJECT_RLOCK)
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

      enter (run, next, locks_only, visits, path);
    }
  return FALSE;
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
  GPtrArray *path;
  GArray *visits;
  guint live;
  gboolean all_stuck;

  if (run->outcome != WEFT_OUTCOME_NONE || run->stopping)
    return;

  /* Kept from one check to the next: this runs at every block. */
  if (run->search_path == NULL)
    {
      run->search_path = g_ptr_array_new ();
      run->search_visits = g_array_new (FALSE, FALSE, sizeof (Visit));
    }
  path = run->search_path;
  visits = run->search_visits;

  if (blocked != NULL && search (run, blocked, TRUE, visits, path))
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
      if (search (run, g_ptr_array_index (run->actors, i), FALSE, visits, path))
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
