/* weft-model-store.c — the growing arrays the model appends to on every event (the
 * spans, their checkpoints, the list pool): contiguous, like a GArray, so that the views
 * read them as pointer and count, but grown without copying and with few page faults.
 *
 * A GArray doubles with realloc: past glibc's mmap threshold (which rises to 32 MiB once
 * a big block is freed) each doubling copies the whole array into fresh memory, and every
 * fresh 4 KiB page costs a fault (12–17 µs on a VM): together most of the 150–300 ns an
 * event cost (issue 14). Here a store that outgrows STORE_MAP_MIN moves to its own
 * anonymous mapping, asked for transparent huge pages (one fault per 2 MiB), and on Linux
 * grows with mremap(), which moves page tables, not bytes. Elsewhere it reallocates.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* mremap() is a GNU extension. */
#ifdef __linux__
#define _GNU_SOURCE
#endif

#include "config.h"

#include <string.h>

#ifdef __linux__
#include <sys/mman.h>
#endif

#include "weft-model-private.h"

/* Below this a store lives in the heap: most stores (a quiet thread's spans) stay small. */
#define STORE_MAP_MIN ((gsize) 1 << 20)
/* A mapping grows by at least this much: a huge page. */
#define STORE_MAP_STEP ((gsize) 2 << 20)

Store *
store_new (guint element_size)
{
  Store *store = g_new0 (Store, 1);

  store->element_size = element_size;
  return store;
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
    g_free (store->data);
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
      memcpy (data, store->data, (gsize) store->len * store->element_size);
      g_free (store->data);
    }
  else
    {
      data = mremap (store->data, store->mapped, bytes, MREMAP_MAYMOVE);
      if (data == MAP_FAILED)
        return FALSE;
    }
#ifdef MADV_HUGEPAGE
  madvise (data, bytes, MADV_HUGEPAGE);
#endif
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

  if (need <= store->capacity)
    return;
  g_assert (need <= G_MAXUINT);
  capacity = MAX (need, MAX ((gsize) store->capacity * 2, 16));
#ifdef __linux__
  if (capacity * store->element_size >= STORE_MAP_MIN &&
      store_map (store, capacity * store->element_size))
    return;
  /* Out of address space: as g_realloc() would. */
  if (store->mapped > 0)
    g_error ("%s: failed to map %" G_GSIZE_FORMAT " bytes", G_STRLOC, capacity * store->element_size);
#endif
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
