/* weft-niceness.c — a thread lowering its own scheduling priority (see weft-niceness.h).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "weft-niceness.h"

#ifdef __linux__
#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

gboolean
weft_niceness_lower_own (int by)
{
#ifdef __linux__
  /* The thread's id as the "process": Linux applies it to that thread alone. */
  id_t tid = (id_t) syscall (SYS_gettid);
  int now;

  if (by <= 0)
    return FALSE;
  errno = 0;
  now = getpriority (PRIO_PROCESS, tid);
  if (errno != 0)
    return FALSE;
  return setpriority (PRIO_PROCESS, tid, MIN (now + by, WEFT_NICENESS_MAX)) == 0;
#else
  (void) by;
  return FALSE;
#endif
}
