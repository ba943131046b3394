/* weft-model-store.c — the growing arrays the model appends to on every event (the
 * spans, their checkpoints, the list pool, the flows): contiguous, like a GArray, so that
 * the views read them as pointer and count, but grown without copying and with few page
 * faults.
 *
 * A GArray doubles with realloc: past glibc's mmap threshold (which rises to 32 MiB once
 * a big block is freed) each doubling copies the whole array into fresh memory, and every
 * fresh 4 KiB page costs a fault, 13 µs on this project's VM (issue 14: most of what an
 * event cost). Here a store that outgrows STORE_MAP_MIN moves to its own anonymous
 * mapping, asked for transparent huge pages (one fault per 2 MiB), and on Linux grows
 * with mremap(), which moves page tables, not bytes. Elsewhere it reallocates.
 *
 * Below that, a store's block comes from its model's arena: 2 MiB chunks on huge pages,
 * cut into blocks of powers of two; a block a store outgrew is kept for the next store
 * that needs one of its size. A model's hundreds of small stores would otherwise each
 * grow through the heap's 4 KiB pages: measured on the synthetic 10 M-event trace, that
 * was 28,000 faults per build, about 35 ns per event (docs/PERFORMANCE.md, row 10).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* mremap() is a GNU extension. */
#ifdef __linux__
#define _GNU_SOURCE
#endif

#include "config.h"

#include <stdint.h>
#include <string.h>

#ifdef __linux__
#include <sys/mman.h>
#endif

#include "weft-model-private.h"

/* Below this a store lives in its model's arena: most stores (a quiet thread's spans)
 * stay small. */
#define STORE_MAP_MIN ((gsize) 1 << 20)
/* A mapping grows by at least this much: a huge page. */
#define STORE_MAP_STEP ((gsize) 2 << 20)

/* The arena's blocks: 64 B to STORE_MAP_MIN, by powers of two. */
#define ARENA_MIN_SHIFT 6
#define ARENA_MAX_SHIFT 20
#define ARENA_N_CLASSES (ARENA_MAX_SHIFT - ARENA_MIN_SHIFT + 1)
#define ARENA_CHUNK ((gsize) 2 << 20)

G_STATIC_ASSERT (((gsize) 1 << ARENA_MAX_SHIFT) == STORE_MAP_MIN);

/* Under AddressSanitizer small stores stay in the heap, where it sees past their ends. */
#if !defined(__has_feature)
#define STORE_HAS_FEATURE(f) 0
#else
#define STORE_HAS_FEATURE(f) __has_feature (f)
#endif
#if defined(__SANITIZE_ADDRESS__) || STORE_HAS_FEATURE (address_sanitizer)
#define STORE_ARENA_USED 0
#else
#define STORE_ARENA_USED 1
#endif
G_STATIC_ASSERT (ARENA_CHUNK >= STORE_MAP_MIN);

struct _StoreArena
{
  guint8    *next;                     /* the current chunk's unused part */
  guint8    *end;
  gpointer   free[ARENA_N_CLASSES];    /* blocks given back, linked through their start */
  GPtrArray *chunks;
};

static guint
arena_class (gsize bytes)
{
  guint shift = ARENA_MIN_SHIFT;

  while (((gsize) 1 << shift) < bytes)
    shift++;
  return shift - ARENA_MIN_SHIFT;
}

static void
chunk_free (gpointer data)
{
#ifdef __linux__
  munmap (data, ARENA_CHUNK);
#else
  g_free (data);
#endif
}

/* A chunk on its own huge page where the system has them. */
static guint8 *
chunk_new (void)
{
#ifdef __linux__
  guint8 *map;
  guint8 *chunk;

  /* Twice the size, to cut a 2 MiB-aligned chunk out of it: a huge page needs one. */
  map = mmap (NULL, 2 * ARENA_CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (map == MAP_FAILED)
    g_error ("%s: failed to map %" G_GSIZE_FORMAT " bytes", G_STRLOC, 2 * ARENA_CHUNK);
  chunk = (guint8 *) (((uintptr_t) map + ARENA_CHUNK - 1) & ~(uintptr_t) (ARENA_CHUNK - 1));
  if (chunk > map)
    munmap (map, (gsize) (chunk - map));
  munmap (chunk + ARENA_CHUNK, (gsize) (map + 2 * ARENA_CHUNK - (chunk + ARENA_CHUNK)));
#ifdef MADV_HUGEPAGE
  madvise (chunk, ARENA_CHUNK, MADV_HUGEPAGE);
#endif
  return chunk;
#else
  return g_malloc (ARENA_CHUNK);
#endif
}

StoreArena *
store_arena_new (void)
{
  StoreArena *arena = g_new0 (StoreArena, 1);

  arena->chunks = g_ptr_array_new_with_free_func (chunk_free);
  return arena;
}

/* After every store of @arena is freed. */
void
store_arena_free (StoreArena *arena)
{
  if (arena == NULL)
    return;
  g_ptr_array_unref (arena->chunks);
  g_free (arena);
}

static void
arena_give_back (StoreArena *arena,
                 gpointer    block,
                 gsize       bytes)
{
  guint k = arena_class (bytes);

  *(gpointer *) block = arena->free[k];
  arena->free[k] = block;
}

/* A block of @bytes, a power of two from 64 B to STORE_MAP_MIN. */
static gpointer
arena_take (StoreArena *arena,
            gsize       bytes)
{
  guint k = arena_class (bytes);
  gpointer block = arena->free[k];

  if (block != NULL)
    {
      arena->free[k] = *(gpointer *) block;
      return block;
    }
  if ((gsize) (arena->end - arena->next) < bytes)
    {
      /* What is left of the chunk (a multiple of 64 B) goes to the free lists. */
      while (arena->end - arena->next >= (1 << ARENA_MIN_SHIFT))
        {
          gsize rest = (gsize) (arena->end - arena->next);
          gsize piece = (gsize) 1 << ARENA_MAX_SHIFT;

          while (piece > rest)
            piece >>= 1;
          arena_give_back (arena, arena->next, piece);
          arena->next += piece;
        }
      arena->next = chunk_new ();
      arena->end = arena->next + ARENA_CHUNK;
      g_ptr_array_add (arena->chunks, arena->next);
    }
  block = arena->next;
  arena->next += bytes;
  return block;
}

Store *
store_new (StoreArena *arena,
           guint       element_size)
{
  Store *store = g_new0 (Store, 1);

  store->element_size = element_size;
  store->arena = STORE_ARENA_USED ? arena : NULL;
  return store;
}

/* Gives the store's memory back, heap or block, not a mapping. */
static void
store_release_small (Store *store)
{
  if (store->block > 0)
    arena_give_back (store->arena, store->data, store->block);
  else
    g_free (store->data);
  store->block = 0;
}

void
store_free (Store *store)
{
  if (store == NULL)
    return;
#ifdef __linux__
  if (store->mapped > 0)
    munmap (store->data, store->mapped);
  else
#endif
    store_release_small (store);
  g_free (store);
}

#ifdef __linux__
static gboolean
store_map (Store *store,
           gsize  bytes)
{
  void *data;

  bytes = (bytes + STORE_MAP_STEP - 1) / STORE_MAP_STEP * STORE_MAP_STEP;
  if (store->mapped == 0)
    {
      data = mmap (NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (data == MAP_FAILED)
        return FALSE;
#ifdef MADV_HUGEPAGE
      /* Before the copy: its pages are the first touched. */
      madvise (data, bytes, MADV_HUGEPAGE);
#endif
      if (store->len > 0)
        memcpy (data, store->data, (gsize) store->len * store->element_size);
      store_release_small (store);
    }
  else
    {
      data = mremap (store->data, store->mapped, bytes, MREMAP_MAYMOVE);
      if (data == MAP_FAILED)
        return FALSE;
#ifdef MADV_HUGEPAGE
      madvise (data, bytes, MADV_HUGEPAGE);
#endif
    }
  store->data = data;
  store->mapped = bytes;
  store->capacity = (guint) MIN (bytes / store->element_size, G_MAXUINT);
  return TRUE;
}
#endif

/* Room for at least @n more elements. */
void
store_reserve (Store *store,
               guint  n)
{
  gsize need = (gsize) store->len + n;
  gsize capacity;
  gsize bytes;

  if (need <= store->capacity)
    return;
  g_assert (need <= G_MAXUINT);
  capacity = MAX (need, MAX ((gsize) store->capacity * 2, 16));
  bytes = capacity * store->element_size;
#ifdef __linux__
  if (bytes >= STORE_MAP_MIN && store_map (store, bytes))
    return;
  /* Out of address space: as g_realloc() would. */
  if (store->mapped > 0)
    g_error ("%s: failed to map %" G_GSIZE_FORMAT " bytes", G_STRLOC, bytes);
#endif
  if (store->arena != NULL && bytes <= STORE_MAP_MIN)
    {
      gsize block = (gsize) 1 << (arena_class (bytes) + ARENA_MIN_SHIFT);
      guint8 *data = arena_take (store->arena, block);

      if (store->len > 0)
        memcpy (data, store->data, (gsize) store->len * store->element_size);
      store_release_small (store);
      store->data = data;
      store->block = block;
      store->capacity = (guint) (block / store->element_size);
      return;
    }
  if (store->block > 0)
    {
      guint8 *data = g_malloc_n (capacity, store->element_size);

      if (store->len > 0)
        memcpy (data, store->data, (gsize) store->len * store->element_size);
      store_release_small (store);
      store->data = data;
    }
  else
    store->data = g_realloc_n (store->data, capacity, store->element_size);
  store->capacity = (guint) MIN (capacity, G_MAXUINT);
}

void
store_append_vals (Store         *store,
                   gconstpointer  data,
                   guint          n)
{
  if (n == 0)
    return;
  store_reserve (store, n);
  memcpy (store->data + (gsize) store->len * store->element_size, data, (gsize) n * store->element_size);
  store->len += n;
}

void
store_remove_front (Store *store,
                    guint  n)
{
  g_assert (n <= store->len);
  memmove (store->data, store->data + (gsize) n * store->element_size,
           (gsize) (store->len - n) * store->element_size);
  store->len -= n;
}
