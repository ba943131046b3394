/* weft-run.c — a run: its actors (real GThreads) and objects, set up, and what can be
 * asked of it. Its control (start, pause, step, resume, speed, stop) is in
 * weft-run-control.c.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "weft-error.h"
#include "weft-event-text.h"
#include "weft-run-private.h"

/* ---- Runs and actors ----------------------------------------------------------------- */

static void
weft_actor_free (gpointer data)
{
  WeftActor *self = data;

  if (self->destroy != NULL && self->user_data != NULL)
    self->destroy (self->user_data);
  g_cond_clear (&self->poke_cond);
  g_mutex_clear (&self->poke_mutex);
  g_clear_pointer (&self->rand, g_rand_free);
  g_free (self->name);
  g_free (self);
}

static void
weft_object_free (gpointer data)
{
  WeftObject *self = data;

  if (self->finalize != NULL)
    self->finalize (self);
  g_ptr_array_unref (self->waiters);
  g_free (self->name);
  g_free (self);
}

WeftRun *
weft_run_new (guint64 seed)
{
  WeftRun *self = g_new0 (WeftRun, 1);
  guint32 seeds[2] = { (guint32) seed, (guint32) (seed >> 32) };

  /* Here rather than at the first event: calibrating takes a few ms. */
  weft_clock_init ();
  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->monitor);
  g_mutex_init (&self->join_mutex);
  g_mutex_init (&self->end_mutex);
  g_cond_init (&self->end_cond);
  g_mutex_init (&self->control_mutex);
  g_cond_init (&self->control_cond);
  self->seed = seed;
  self->rand = g_rand_new_with_seed_array (seeds, G_N_ELEMENTS (seeds));
  self->actors = g_ptr_array_new_with_free_func (weft_actor_free);
  self->objects = g_ptr_array_new_with_free_func (weft_object_free);
  self->trace = weft_trace_new (WEFT_TRACE_DEFAULT_CAP);
  self->speed = 1.0;
  self->policy = WEFT_POLICY_ROUND_ROBIN;
  self->outcome = WEFT_OUTCOME_NONE;
  self->last_stepped = G_MAXUINT;
  self->cycle = g_array_new (FALSE, FALSE, sizeof (WeftCycleEdge));
  /* Activity 0 is "no activity". */
  self->to_signal = g_ptr_array_new ();
  self->activities = g_ptr_array_new ();
  g_ptr_array_add (self->activities, NULL);
  self->n_activities = 1;

  return self;
}

WeftRun *
weft_run_ref (WeftRun *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
weft_run_unref (WeftRun *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  /* Threads hold no reference of their own: the last unref stops and joins them. */
  weft_run_stop (self);

  if (self->scenario_data_destroy != NULL && self->scenario_data != NULL)
    self->scenario_data_destroy (self->scenario_data);
  g_ptr_array_unref (self->actors);
  g_ptr_array_unref (self->objects);
  g_clear_pointer (&self->trace, weft_trace_free);
  g_array_unref (self->cycle);
  g_clear_pointer (&self->search_path, g_ptr_array_unref);
  g_clear_pointer (&self->search_visits, g_array_unref);
  g_free (self->schedule);
  g_ptr_array_unref (self->activities);
  g_ptr_array_unref (self->to_signal);
  g_rand_free (self->rand);
  g_cond_clear (&self->control_cond);
  g_mutex_clear (&self->control_mutex);
  g_mutex_clear (&self->monitor);
  g_mutex_clear (&self->join_mutex);
  g_mutex_clear (&self->end_mutex);
  g_cond_clear (&self->end_cond);
  g_free (self);
}

WeftActor *
weft_run_add_actor (WeftRun        *self,
                    const char     *name,
                    WeftActorFunc   func,
                    gpointer        user_data,
                    GDestroyNotify  destroy)
{
  WeftActor *actor;
  guint32 seeds[3];

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (func != NULL, NULL);
  g_return_val_if_fail (!self->started, NULL);
  g_return_val_if_fail (self->actors->len < WEFT_MAX_ACTORS, NULL);

  actor = g_new0 (WeftActor, 1);
  actor->run = self;
  actor->index = (guint16) self->actors->len;
  actor->name = g_strdup (name);
  actor->func = func;
  actor->user_data = user_data;
  actor->destroy = destroy;
  actor->state = WEFT_STATE_NEW;
  g_mutex_init (&actor->poke_mutex);
  g_cond_init (&actor->poke_cond);

  /* Each actor has its own generator, seeded from the run seed and its index, so its
   * random delays do not depend on how the others were scheduled. */
  seeds[0] = (guint32) self->seed;
  seeds[1] = (guint32) (self->seed >> 32);
  seeds[2] = actor->index;
  actor->rand = g_rand_new_with_seed_array (seeds, G_N_ELEMENTS (seeds));

  g_ptr_array_add (self->actors, actor);
  return actor;
}

void
weft_run_set_trace_cap (WeftRun *self,
                        gsize    max_bytes)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (!self->started);

  /* Nothing has been recorded yet: the trace is made anew with the new cap. */
  g_clear_pointer (&self->trace, weft_trace_free);
  self->trace = weft_trace_new (max_bytes);
}

void
weft_run_set_niceness (WeftRun *self,
                       int      niceness)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (!self->started);
  g_return_if_fail (niceness >= 0 && niceness <= WEFT_NICENESS_MAX);

  self->niceness = niceness;
}

void
weft_run_set_scenario_data (WeftRun        *self,
                            gpointer        data,
                            GDestroyNotify  destroy)
{
  g_return_if_fail (self != NULL);

  if (self->scenario_data_destroy != NULL && self->scenario_data != NULL)
    self->scenario_data_destroy (self->scenario_data);
  self->scenario_data = data;
  self->scenario_data_destroy = destroy;
}

gpointer
weft_run_get_scenario_data (WeftRun *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->scenario_data;
}

guint16
weft_run_intern_activity (WeftRun    *self,
                          const char *activity)
{
  guint16 id;

  g_return_val_if_fail (self != NULL, 0);

  if (activity == NULL)
    return 0;

  weft_monitor_lock (self);
  for (guint i = 1; i < self->activities->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (self->activities, i), activity))
        {
          weft_monitor_unlock (self);
          return (guint16) i;
        }
    }
  if (self->activities->len > G_MAXUINT16)
    {
      weft_monitor_unlock (self);
      g_return_val_if_reached (0);
    }

  /* Activities are static msgids (N_()), so the pointer is kept as is. */
  id = (guint16) self->activities->len;
  g_ptr_array_add (self->activities, (gpointer) activity);
  g_atomic_int_set (&self->n_activities, (gint) self->activities->len);
  weft_monitor_unlock (self);

  return id;
}

const char *
weft_run_get_activity (WeftRun *self,
                       guint16  id)
{
  const char *ret = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  /* The window asks at every frame whether a new activity came: answered without the
   * monitor, which a thousand threads may be fighting over. */
  if (id >= (guint) g_atomic_int_get (&self->n_activities))
    return NULL;

  weft_monitor_lock (self);
  if (id < self->activities->len)
    ret = g_ptr_array_index (self->activities, id);
  weft_monitor_unlock (self);

  return ret;
}

/* ---- Getters ------------------------------------------------------------------------- */

WeftMode
weft_run_get_mode (WeftRun *self)
{
  g_return_val_if_fail (self != NULL, WEFT_MODE_RUN);
  WEFT_RETURN_LOCKED (self, WeftMode, self->mode);
}

gboolean
weft_run_is_paused (WeftRun *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  /* Without the monitor, like the outcome: written atomically under it. */
  return g_atomic_int_get (&self->paused);
}

gboolean
weft_run_is_stopping (WeftRun *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return g_atomic_int_get (&self->stopping);
}

WeftPolicy
weft_run_get_policy (WeftRun *self)
{
  g_return_val_if_fail (self != NULL, WEFT_POLICY_ROUND_ROBIN);
  WEFT_RETURN_LOCKED (self, WeftPolicy, self->policy);
}

double
weft_run_get_speed (WeftRun *self)
{
  g_return_val_if_fail (self != NULL, 1.0);
  WEFT_RETURN_LOCKED (self, double, self->speed);
}

guint64
weft_run_get_seed (WeftRun *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->seed;
}

WeftOutcome
weft_run_get_outcome (WeftRun *self)
{
  g_return_val_if_fail (self != NULL, WEFT_OUTCOME_NONE);
  /* Without the monitor (the window asks at every frame): written atomically under it. */
  return (WeftOutcome) g_atomic_int_get (&self->outcome);
}

guint64
weft_run_get_elapsed_ns (WeftRun *self)
{
  g_return_val_if_fail (self != NULL, 0);

  /* Without the monitor (the window asks at every frame, while a thousand threads may be
   * fighting over it): t0 and end_ns are written before the flags that publish them. A
   * clock read a hair behind an event already recorded is harmless here. */
  if (!g_atomic_int_get (&self->started))
    return 0;
  if (g_atomic_int_get (&self->ended))
    return self->end_ns;
  return (guint64) MAX ((gint64) (weft_clock_ns () - (guint64) self->t0_ns), 0);
}

guint64
weft_run_get_n_steps (WeftRun *self)
{
  g_return_val_if_fail (self != NULL, 0);
  WEFT_RETURN_LOCKED (self, guint64, self->n_steps);
}

guint
weft_run_get_n_misuses (WeftRun *self)
{
  g_return_val_if_fail (self != NULL, 0);
  WEFT_RETURN_LOCKED (self, guint, self->n_misuses);
}

/* The trace exists from creation on and never moves: no lock needed. */
WeftTrace *
weft_run_get_trace (WeftRun *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->trace;
}

guint
weft_run_get_n_actors (WeftRun *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->actors->len;
}

WeftActor *
weft_run_get_actor (WeftRun *self,
                    guint    index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->actors->len, NULL);
  return g_ptr_array_index (self->actors, index);
}

guint
weft_run_get_n_objects (WeftRun *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->objects->len;
}

WeftObject *
weft_run_get_object (WeftRun *self,
                     guint    index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->objects->len, NULL);
  return g_ptr_array_index (self->objects, index);
}

GArray *
weft_run_dup_deadlock_cycle (WeftRun *self)
{
  GArray *ret;

  g_return_val_if_fail (self != NULL, NULL);

  ret = g_array_new (FALSE, FALSE, sizeof (WeftCycleEdge));
  weft_monitor_lock (self);
  g_array_append_vals (ret, self->cycle->data, self->cycle->len);
  weft_monitor_unlock (self);

  return ret;
}

char *
weft_run_describe_pending (WeftRun   *self,
                           WeftActor *actor)
{
  g_autofree char *op = NULL;
  WeftOp pending;
  WeftObject *object;
  gint32 value;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (actor != NULL && actor->run == self, NULL);

  weft_monitor_lock (self);
  pending = actor->pending_op;
  object = actor->pending_object;
  value = actor->pending_value;
  weft_monitor_unlock (self);

  if (pending == WEFT_OP_NONE)
    return NULL;

  /* A frozen sleep says how much of it is left. */
  if (pending == WEFT_OP_SLEEP)
    op = weft_op_describe_named (pending, "", value);
  else
    op = weft_run_describe_next (self, actor->index, pending, WEFT_OBJECT_ID (object));
  /* Translators: a parked thread and what it will do next, in the story's words,
   * e.g. "Kant → take the left fork". */
  return g_strdup_printf (_("%s → %s"), actor->name, op);
}
