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

/* The arena's blocks: 64 B to a whole chunk, by powers of two (orders). Stores take at
 * most STORE_MAP_MIN. */
#define ARENA_MIN_SHIFT   6
#define ARENA_CHUNK_SHIFT 21
#define ARENA_N_ORDERS    (ARENA_CHUNK_SHIFT - ARENA_MIN_SHIFT + 1)
#define ARENA_CHUNK       ((gsize) 1 << ARENA_CHUNK_SHIFT)
/* One bit per block of each order: 2^(N_ORDERS - 1 - k) blocks of order k. */
#define ARENA_N_BITS      (((gsize) 1 << ARENA_N_ORDERS) - 1)

G_STATIC_ASSERT (ARENA_CHUNK >= STORE_MAP_MIN);

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

/* A free block, linked through its start. */
typedef struct _FreeBlock FreeBlock;
struct _FreeBlock
{
  FreeBlock *prev;
  FreeBlock *next;
};

/* A chunk and which of its blocks are free, order by order. */
typedef struct
{
  guint8 *base;
  guint8  is_free[ARENA_N_BITS / 8 + 1];
} Chunk;

/* A buddy allocator: a block of order k is split in two of order k − 1 when none of that
 * order is free, and a block given back joins its buddy (its other half) when that one is
 * free too. Lanes grow together, so a store's outgrown block is seldom the size another
 * store asks for next; joined, the halves serve the next size up: the arena holds about
 * what its stores hold, not twice that. */
struct _StoreArena
{
  FreeBlock  *free[ARENA_N_ORDERS];
  GHashTable *chunks;                 /* base → Chunk */
};

static guint
arena_order (gsize bytes)
{
  guint shift = ARENA_MIN_SHIFT;

  while (((gsize) 1 << shift) < bytes)
    shift++;
  return shift - ARENA_MIN_SHIFT;
}

static gsize
bit_index (const Chunk  *chunk,
           const guint8 *block,
           guint         k)
{
  /* Orders from 0 up, each after the bits of the orders below. */
  gsize first = ((gsize) 1 << ARENA_N_ORDERS) - ((gsize) 1 << (ARENA_N_ORDERS - k));

  return first + ((gsize) (block - chunk->base) >> (k + ARENA_MIN_SHIFT));
}

static gboolean
chunk_is_free (const Chunk  *chunk,
               const guint8 *block,
               guint         k)
{
  gsize i = bit_index (chunk, block, k);

  return (chunk->is_free[i / 8] >> (i % 8)) & 1;
}

static void
chunk_set_free (Chunk        *chunk,
                const guint8 *block,
                guint         k,
                gboolean      is_free)
{
  gsize i = bit_index (chunk, block, k);

  if (is_free)
    chunk->is_free[i / 8] |= (guint8) (1 << (i % 8));
  else
    chunk->is_free[i / 8] &= (guint8) ~(1 << (i % 8));
}

static void
chunk_free (gpointer data)
{
  Chunk *chunk = data;

#ifdef __linux__
  munmap (chunk->base, ARENA_CHUNK);
#else
  g_aligned_free (chunk->base);
#endif
  g_free (chunk);
}

/* A chunk on its own huge page where the system has them. */
static guint8 *
chunk_map (void)
{
#ifdef __linux__
  guint8 *map;
  guint8 *base;

  /* Twice the size, to cut a 2 MiB-aligned chunk out of it: a huge page needs one. */
  map = mmap (NULL, 2 * ARENA_CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (map == MAP_FAILED)
    g_error ("%s: failed to map %" G_GSIZE_FORMAT " bytes", G_STRLOC, 2 * ARENA_CHUNK);
  base = (guint8 *) (((uintptr_t) map + ARENA_CHUNK - 1) & ~(uintptr_t) (ARENA_CHUNK - 1));
  if (base > map)
    munmap (map, (gsize) (base - map));
  munmap (base + ARENA_CHUNK, (gsize) (map + 2 * ARENA_CHUNK - (base + ARENA_CHUNK)));
#ifdef MADV_HUGEPAGE
  madvise (base, ARENA_CHUNK, MADV_HUGEPAGE);
#endif
  return base;
#else
  /* Aligned too: a block's chunk is found from its address. */
  return g_aligned_alloc (1, ARENA_CHUNK, ARENA_CHUNK);
#endif
}

StoreArena *
store_arena_new (void)
{
  StoreArena *arena = g_new0 (StoreArena, 1);

  arena->chunks = g_hash_table_new_full (NULL, NULL, NULL, chunk_free);
  return arena;
}

/* After every store of @arena is freed. */
void
store_arena_free (StoreArena *arena)
{
  if (arena == NULL)
    return;
  g_hash_table_unref (arena->chunks);
  g_free (arena);
}

static Chunk *
chunk_of (StoreArena   *arena,
          const guint8 *block)
{
  return g_hash_table_lookup (arena->chunks,
                              (gpointer) ((uintptr_t) block & ~(uintptr_t) (ARENA_CHUNK - 1)));
}

static void
free_push (StoreArena *arena,
           Chunk      *chunk,
           guint8     *block,
           guint       k)
{
  FreeBlock *node = (FreeBlock *) (void *) block;

  node->prev = NULL;
  node->next = arena->free[k];
  if (node->next != NULL)
    node->next->prev = node;
  arena->free[k] = node;
  chunk_set_free (chunk, block, k, TRUE);
}

static void
free_unlink (StoreArena *arena,
             Chunk      *chunk,
             guint8     *block,
             guint       k)
{
  FreeBlock *node = (FreeBlock *) (void *) block;

  if (node->prev != NULL)
    node->prev->next = node->next;
  else
    arena->free[k] = node->next;
  if (node->next != NULL)
    node->next->prev = node->prev;
  chunk_set_free (chunk, block, k, FALSE);
}

/* Gives back a block of @bytes, joined with its buddy as long as that one is free. */
static void
arena_give_back (StoreArena *arena,
                 gpointer    data,
                 gsize       bytes)
{
  guint8 *block = data;
  Chunk *chunk = chunk_of (arena, block);
  guint k = arena_order (bytes);

  while (k + 1 < ARENA_N_ORDERS)
    {
      gsize offset = (gsize) (block - chunk->base);
      guint8 *buddy = chunk->base + (offset ^ ((gsize) 1 << (k + ARENA_MIN_SHIFT)));

      if (!chunk_is_free (chunk, buddy, k))
        break;
      free_unlink (arena, chunk, buddy, k);
      block = MIN (block, buddy);
      k++;
    }
  free_push (arena, chunk, block, k);
}

/* A block of @bytes, a power of two from 64 B to STORE_MAP_MIN: a free one of that size,
 * or the first half of a larger one split, or of a new chunk. */
static gpointer
arena_take (StoreArena *arena,
            gsize       bytes)
{
  guint k = arena_order (bytes);
  guint j = k;
  guint8 *block;
  Chunk *chunk;

  while (j < ARENA_N_ORDERS && arena->free[j] == NULL)
    j++;
  if (j == ARENA_N_ORDERS)
    {
      chunk = g_new0 (Chunk, 1);
      chunk->base = chunk_map ();
      g_hash_table_insert (arena->chunks, chunk->base, chunk);
      block = chunk->base;
      j = ARENA_N_ORDERS - 1;
    }
  else
    {
      block = (guint8 *) arena->free[j];
      chunk = chunk_of (arena, block);
      free_unlink (arena, chunk, block, j);
    }
  /* The second halves stay free. */
  while (j > k)
    {
      j--;
      free_push (arena, chunk, block + ((gsize) 1 << (j + ARENA_MIN_SHIFT)), j);
    }
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

/* Room for at least @n more elements: the store grows. */
void
store_grow (Store *store,
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
      gsize block = (gsize) 1 << (arena_order (bytes) + ARENA_MIN_SHIFT);
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

/* Removes element @i of a store read from *@head on (a queue: the elements before the
 * head are gone). The first moves the head on; the elements before the head go once they
 * are at least half of the store, so that the moves cost O(1) per element overall. */
void
store_remove_queued (Store *store,
                     guint *head,
                     guint  i)
{
  g_assert (i >= *head && i < store->len);
  if (i > *head)
    {
      memmove (store->data + (gsize) i * store->element_size,
               store->data + (gsize) (i + 1) * store->element_size,
               (gsize) (store->len - i - 1) * store->element_size);
      store->len--;
      return;
    }
  (*head)++;
  if (*head == store->len)
    {
      store->len = 0;
      *head = 0;
    }
  else if (*head >= 64 && *head >= store->len / 2)
    {
      store_remove_front (store, *head);
      *head = 0;
    }
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
