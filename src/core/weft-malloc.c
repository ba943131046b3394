/* weft-malloc.c — glibc's allocator set for Weft's large, short-lived blocks.
 *
 * glibc maps a block past its mmap threshold anew on each allocation and unmaps it when
 * freed, so each of its pages faults again when next touched: 13 µs a page on this
 * project's VM (issue 14). The threshold starts at 128 KiB and only rises (up to 32 MiB)
 * once such a mapped block is freed. The temporary blocks of cairo's fill of a shared
 * variable's lane are such blocks, allocated and freed at every frame, and the model's
 * arrays, on huge pages of their own (weft-model-store.c), free none in the heap to
 * raise the threshold early. So each program sets, at its start, the threshold glibc
 * would reach anyway: blocks up to 32 MiB come from the heap and are reused, and up to
 * 64 MiB freed at the heap's top is kept for them rather than given back (glibc's own
 * rule: twice the threshold). docs/PERFORMANCE.md, section 10, has the figures.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "weft-malloc.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

/* glibc's DEFAULT_MMAP_THRESHOLD_MAX on 64-bit systems. */
#define MMAP_THRESHOLD ((int) (32 * 1024 * 1024))

void
weft_malloc_init (void)
{
#ifdef __GLIBC__
  mallopt (M_MMAP_THRESHOLD, MMAP_THRESHOLD);
  mallopt (M_TRIM_THRESHOLD, 2 * MMAP_THRESHOLD);
#endif
}
