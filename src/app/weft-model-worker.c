/* weft-model-worker.c — a live run's model built between frames, on a thread of its own
 * (see weft-model-worker.h).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "weft-model-worker.h"


/* A worker with nothing new to read looks again after this long, doubling up to the
 * longest (µs): a window showing a finished run should not wake a thousand times a
 * second for nothing. Meanwhile the tick reads what comes (a run just started, a step). */
#define IDLE_FIRST_US 1000
#define IDLE_LAST_US  100000

/* The models' lock: held by the main thread except in poll, by a worker during a slice. */
static GMutex    models_lock;
static GThread  *main_thread;
static GPollFunc real_poll;
/* Whether the main thread sleeps in poll (atomic), and the gate workers wait at while it
 * does not. */
static gint      in_poll;
/* The longest the main thread waited for the lock after poll (µs), since the last reset:
 * a worker descheduled in the middle of a slice holds it. */
static gint64    longest_wait_us;
static gint      n_workers;
static GMutex    gate_mutex;
static GCond     gate_cond;

struct _WeftModelWorker
{
  WeftFrameReader *reader;
  guint64          max_events;
  GThread         *thread;
  gint             quit;          /* atomic */

  /* Under the models' lock. */
  GArray          *pending;       /* WeftIndexedEvent read, not taken yet */
  GArray          *taken;         /* what the last take handed out */
  guint64          n_slices;
  guint64          n_read;
  guint64          seen;          /* the trace's count of events at the last read */
  WeftTrace       *trace;
};

static gint
poll_letting_go (GPollFD *fds,
                 guint    n_fds,
                 gint     timeout)
{
  gint ret;

  /* Another thread's loop on the default context; or a loop run from inside a callback,
   * whose caller may hold pointers into a model: the model must not move under it. */
  if (g_thread_self () != main_thread || g_main_depth () > 0)
    return real_poll (fds, n_fds, timeout);

  g_atomic_int_set (&in_poll, TRUE);
  g_mutex_unlock (&models_lock);
  if (g_atomic_int_get (&n_workers) > 0)
    {
      g_mutex_lock (&gate_mutex);
      g_cond_broadcast (&gate_cond);
      g_mutex_unlock (&gate_mutex);
    }

  ret = real_poll (fds, n_fds, timeout);

  g_atomic_int_set (&in_poll, FALSE);
  if (!g_mutex_trylock (&models_lock))
    {
      gint64 start = g_get_monotonic_time ();

      g_mutex_lock (&models_lock);
      longest_wait_us = MAX (longest_wait_us, g_get_monotonic_time () - start);
    }
  return ret;
}

void
weft_model_worker_install (void)
{
  if (main_thread != NULL)
    {
      g_return_if_fail (g_thread_self () == main_thread);
      return;
    }

  main_thread = g_thread_self ();
  g_mutex_lock (&models_lock);
  real_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, poll_letting_go);
}

gint64
weft_model_worker_take_longest_wait (void)
{
  gint64 longest = longest_wait_us;

  longest_wait_us = 0;
  return longest;
}

gboolean
weft_model_worker_is_main (void)
{
  return main_thread != NULL && g_thread_self () == main_thread;
}

/* Waits, without the lock, until the main thread sleeps in poll or the worker must
 * quit; FALSE for the latter. */
static gboolean
wait_for_the_main_thread_to_sleep (WeftModelWorker *self)
{
  g_mutex_lock (&gate_mutex);
  while (!g_atomic_int_get (&self->quit) && !g_atomic_int_get (&in_poll))
    g_cond_wait_until (&gate_cond, &gate_mutex, g_get_monotonic_time () + G_TIME_SPAN_SECOND);
  g_mutex_unlock (&gate_mutex);
  return !g_atomic_int_get (&self->quit);
}

/* One slice of building, the lock held; whether there was anything to read. */
static gboolean
build_slice (WeftModelWorker *self)
{
  const WeftIndexedEvent *events;
  guint n_events = 0;

  /* The main thread woke while this thread waited for the lock: it goes first. */
  if (!g_atomic_int_get (&in_poll) || self->pending->len >= WEFT_MODEL_WORKER_PENDING_MAX)
    return FALSE;

  /* The slice ends early when the main thread wakes up. */
  events = weft_frame_reader_read_while (self->reader, self->max_events,
                                         g_get_monotonic_time () + WEFT_MODEL_WORKER_SLICE_US,
                                         &in_poll, &n_events);
  self->trace = weft_frame_reader_get_trace (self->reader);
  self->seen = weft_frame_reader_get_next (self->reader);
  if (n_events == 0)
    return FALSE;
  g_array_append_vals (self->pending, events, n_events);
  self->n_slices++;
  self->n_read += n_events;
  return TRUE;
}

/* Whether the trace has events the last slice did not read; read without the lock (the
 * trace's count is atomic; the worker's own fields are only written by this thread). */
static gboolean
has_new_events (WeftModelWorker *self)
{
  return self->trace == NULL || weft_trace_get_n_events (self->trace) > self->seen;
}

static gpointer
worker_thread (gpointer data)
{
  WeftModelWorker *self = data;
  gulong idle_us = IDLE_FIRST_US;

  /* Not made nicer: it runs only while the main thread sleeps, and a worker waiting for
   * a core in the middle of a slice would keep the main thread waiting for the lock. */
  while (wait_for_the_main_thread_to_sleep (self))
    {
      gboolean built = FALSE;

      if (has_new_events (self))
        {
          g_mutex_lock (&models_lock);
          if (!g_atomic_int_get (&self->quit))
            built = build_slice (self);
          g_mutex_unlock (&models_lock);
        }

      if (built)
        idle_us = IDLE_FIRST_US;
      else
        {
          g_usleep (idle_us);
          idle_us = MIN (idle_us * 2, IDLE_LAST_US);
        }
    }
  return NULL;
}

WeftModelWorker *
weft_model_worker_new (WeftFrameReader *reader,
                       guint64          max_events)
{
  g_autoptr(GError) error = NULL;
  WeftModelWorker *self;

  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (weft_model_worker_is_main (), NULL);

  self = g_new0 (WeftModelWorker, 1);
  self->reader = reader;
  self->max_events = max_events;
  self->pending = g_array_new (FALSE, FALSE, sizeof (WeftIndexedEvent));
  self->taken = g_array_new (FALSE, FALSE, sizeof (WeftIndexedEvent));
  g_atomic_int_inc (&n_workers);
  self->thread = g_thread_try_new ("weft-model", worker_thread, self, &error);
  if (self->thread == NULL)
    /* No thread to spare: the main thread's own reading does it all, as before. */
    g_warning ("Could not start a thread to build the model: %s", error->message);
  return self;
}

void
weft_model_worker_free (WeftModelWorker *self)
{
  if (self == NULL)
    return;

  /* The lock is the main thread's to let go: elsewhere the worker would go on reading a
   * reader about to be freed. */
  g_assert (weft_model_worker_is_main ());

  if (self->thread != NULL)
    {
      g_atomic_int_set (&self->quit, TRUE);
      g_mutex_lock (&gate_mutex);
      g_cond_broadcast (&gate_cond);
      g_mutex_unlock (&gate_mutex);
      /* It may be waiting for the lock, or inside a slice. */
      g_mutex_unlock (&models_lock);
      g_thread_join (self->thread);
      g_mutex_lock (&models_lock);
    }
  g_atomic_int_add (&n_workers, -1);

  g_array_unref (self->pending);
  g_array_unref (self->taken);
  g_free (self);
}

const WeftIndexedEvent *
weft_model_worker_take (WeftModelWorker *self,
                        guint           *n_events)
{
  GArray *swap;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_events != NULL, NULL);
  g_return_val_if_fail (weft_model_worker_is_main (), NULL);

  swap = self->taken;
  self->taken = self->pending;
  self->pending = swap;
  g_array_set_size (self->pending, 0);

  *n_events = self->taken->len;
  return (const WeftIndexedEvent *) (gpointer) self->taken->data;
}

guint64
weft_model_worker_get_n_slices (WeftModelWorker *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_slices;
}

guint64
weft_model_worker_get_n_read (WeftModelWorker *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_read;
}
