/* weft-trace-pool.c — the process-wide pool of trace chunks (see weft-trace-pool.h).
 *
 * A free list of chunks, each one's first word linking to the next, under one mutex that
 * the writer holds for a pop (once per 4096 events). A helper thread keeps a stock of
 * POOL_LOW to POOL_HIGH touched chunks: woken when a take leaves fewer than POOL_LOW, it
 * allocates and touches chunks up to POOL_HIGH, so their page faults are taken on its
 * thread, not under the run's monitor. Chunks given back by freed traces are kept up to
 * POOL_KEEP: the next run records into pages already mapped (freeing them would hand
 * them back to the kernel, and on a VM to the host, to be faulted in again).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <unistd.h>
#include <pthread.h>

#include "weft-trace.h"
#include "weft-trace-pool.h"

#define CHUNK_BYTES ((gsize) WEFT_TRACE_CHUNK_EVENTS * sizeof (WeftEvent))
#define POOL_LOW    16u    /* 1 MiB: under it the helper is woken */
#define POOL_HIGH   64u    /* 4 MiB: a few ms of the densest run's recording */
#define POOL_KEEP   1024u  /* 64 MiB of chunks given back are kept for the next trace */

typedef struct _FreeChunk FreeChunk;
struct _FreeChunk
{
  FreeChunk *next;
};

static GMutex     pool_mutex;
static GCond      pool_cond;
static FreeChunk *pool_head;      /* pool_mutex */
static guint      pool_n_ready;   /* pool_mutex */
static gboolean   helper_running; /* pool_mutex: a helper thread lives in this process */
static gboolean   helper_wanted;  /* pool_mutex: a take left the stock low */

/* Writes one byte per page, so that the kernel maps them all now, on this thread. */
static void
touch_pages (gpointer chunk)
{
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  volatile char *bytes = chunk;

  if (page == 0 || page > CHUNK_BYTES)
    page = 4096;
  for (gsize i = 0; i < CHUNK_BYTES; i += page)
    bytes[i] = 0;
}

static void
push_locked (gpointer chunk)
{
  FreeChunk *free_chunk = chunk;

  free_chunk->next = pool_head;
  pool_head = free_chunk;
  pool_n_ready++;
}

static gpointer
prefault_thread (gpointer data)
{
  g_mutex_lock (&pool_mutex);
  for (;;)
    {
      while (!helper_wanted && pool_n_ready >= POOL_LOW)
        g_cond_wait (&pool_cond, &pool_mutex);
      helper_wanted = FALSE;

      while (pool_n_ready < POOL_HIGH)
        {
          gpointer chunk;

          /* The faults are taken with the mutex released: takes go on meanwhile. */
          g_mutex_unlock (&pool_mutex);
          chunk = g_malloc (CHUNK_BYTES);
          touch_pages (chunk);
          g_mutex_lock (&pool_mutex);
          push_locked (chunk);
        }
    }

  return NULL;
}

/* A fork (libcheck runs each test in one) keeps the pool but not its helper thread: the
 * child starts its own at its first take. The mutex is held across the fork so that the
 * child does not inherit it locked by a thread it does not have. */
static void
atfork_prepare (void)
{
  g_mutex_lock (&pool_mutex);
}

static void
atfork_parent (void)
{
  g_mutex_unlock (&pool_mutex);
}

static void
atfork_child (void)
{
  helper_running = FALSE;
  helper_wanted = FALSE;
  g_mutex_unlock (&pool_mutex);
}

/* pool_mutex held. */
static void
start_helper_locked (void)
{
  static gsize registered = 0;
  GThread *thread;

  if (g_once_init_enter (&registered))
    {
      pthread_atfork (atfork_prepare, atfork_parent, atfork_child);
      g_once_init_leave (&registered, 1);
    }

  helper_running = TRUE;
  thread = g_thread_try_new ("weft-prefault", prefault_thread, NULL, NULL);
  if (thread != NULL)
    g_thread_unref (thread);
  /* Without a helper, the writer allocates and faults its chunks itself, as before. */
}

gpointer
weft_trace_pool_take (void)
{
  FreeChunk *chunk;

  g_mutex_lock (&pool_mutex);
  if (G_UNLIKELY (!helper_running))
    start_helper_locked ();
  chunk = pool_head;
  if (chunk != NULL)
    {
      pool_head = chunk->next;
      pool_n_ready--;
    }
  if (pool_n_ready < POOL_LOW && !helper_wanted)
    {
      helper_wanted = TRUE;
      g_cond_signal (&pool_cond);
    }
  g_mutex_unlock (&pool_mutex);

  return chunk != NULL ? (gpointer) chunk : g_malloc (CHUNK_BYTES);
}

void
weft_trace_pool_give (gpointer chunk)
{
  if (chunk == NULL)
    return;

  g_mutex_lock (&pool_mutex);
  if (pool_n_ready < POOL_KEEP)
    {
      push_locked (chunk);
      chunk = NULL;
    }
  g_mutex_unlock (&pool_mutex);

  g_free (chunk);
}

guint
weft_trace_pool_get_n_ready (void)
{
  guint n;

  g_mutex_lock (&pool_mutex);
  n = pool_n_ready;
  g_mutex_unlock (&pool_mutex);

  return n;
}

gsize
weft_trace_pool_get_bytes (void)
{
  return weft_trace_pool_get_n_ready () * CHUNK_BYTES;
}
