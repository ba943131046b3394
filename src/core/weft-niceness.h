/* weft-niceness.h — a thread lowering its own scheduling priority.
 *
 * Linux keeps a nice value per thread (POSIX would give the process one), so a thread can
 * make itself yield to the others of its process: the run's actors to the window drawing
 * them, the window's model worker to its main thread. Lowering one's own priority needs
 * no privilege. Elsewhere this does nothing.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WEFT_NICENESS_MAX 19

/* The calling thread goes @by nicer than it is (it started with its creator's value), at
 * most WEFT_NICENESS_MAX. Returns whether it did; a failure (a sandbox that forbids it,
 * another system) leaves the thread as it was. */
gboolean weft_niceness_lower_own (int by);

G_END_DECLS
