/* weft-malloc.h — the process's allocator, set once by each program's main().
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets glibc's allocator to keep big blocks in its heap rather than map each afresh (see
 * weft-malloc.c). For a program's main(), before anything is allocated; a library leaves
 * the choice to the program. Elsewhere than glibc this does nothing. */
void weft_malloc_init (void);

G_END_DECLS
