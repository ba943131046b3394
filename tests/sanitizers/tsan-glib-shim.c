/* tsan-glib-shim.c — makes GLib's GMutex, GCond, g_once_init and atomic reference counts
 * visible to ThreadSanitizer.
 *
 * Debian's GLib (2.74) builds GMutex and GCond on raw futexes inside libglib, which is not
 * instrumented: TSan sees neither the lock nor the unlock, so every pair of threads that
 * shares data under a GMutex looks like a data race. GRecMutex and GRWLock are built on
 * pthread mutexes and rwlocks, which TSan intercepts itself; GThread on pthread_create and
 * pthread_join, same.
 *
 * This shared object is LD_PRELOADed into the test programs of a -Db_sanitize=thread build
 * (tests/sanitizers/meson.build), and so into the weft-cli they start. Its functions take
 * the place of GLib's exported ones: each calls the real one (dlsym (RTLD_NEXT)) and tells
 * TSan what happened with its mutex annotations (sanitizer/tsan_interface.h), the way TSan's
 * own pthread_mutex_* and pthread_cond_* interceptors do:
 *
 *   - g_mutex_lock, g_mutex_trylock, g_mutex_unlock: a lock and an unlock of the GMutex's
 *     address (acquire and release, and lock-order checking).
 *   - g_cond_wait, g_cond_wait_until: the mutex is released before the wait and acquired
 *     after it. A signal or broadcast orders nothing by itself (as with pthread_cond_signal
 *     under TSan): the data a waiter reads is ordered by the mutex.
 *   - g_mutex_clear: the mutex is destroyed (TSan reports destroying a locked one).
 *   - g_once_init_leave releases the location, and g_once_init_enter acquires it when it
 *     returns FALSE; the macro's fast path is an atomic load in the caller's instrumented
 *     code, which acquires what g_once_init_leave released.
 *   - g_atomic_ref_count_dec releases the count, and acquires it when it drops to zero
 *     (as TSan does for a C++ shared_ptr): what every owner did with the object is then
 *     ordered before its free, wherever the last reference goes (a WeftRun's is often
 *     dropped by the reaper thread).
 *
 * What it cannot reach: libglib calls its own functions directly (it is linked with
 * -Bsymbolic-functions), so the locks GLib takes internally (the main context, GAsyncQueue,
 * GThreadPool) stay invisible. libgobject and libgio call through the PLT, and go through
 * the shim.
 *
 * The shim itself is not instrumented and does not link the TSan runtime: the annotation
 * functions are weak, found in the process when it was built with -fsanitize=thread and
 * NULL otherwise, so a program started by a test that was not built with TSan (none is,
 * today) gets GLib's functions unchanged.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>
#include <sanitizer/tsan_interface.h>

#pragma weak __tsan_acquire
#pragma weak __tsan_release
#pragma weak __tsan_mutex_create
#pragma weak __tsan_mutex_destroy
#pragma weak __tsan_mutex_pre_lock
#pragma weak __tsan_mutex_post_lock
#pragma weak __tsan_mutex_pre_unlock
#pragma weak __tsan_mutex_post_unlock

/* The macros of gthread.h (and grefcount.h, with G_DISABLE_CHECKS) would expand these
 * names; the functions are what GLib exports. */
#undef g_once_init_enter
#undef g_once_init_leave
#undef g_atomic_ref_count_dec

/* Present when the process runs under TSan (all the annotations come together). */
#define TSAN_PRESENT() (__tsan_mutex_pre_lock != NULL)

static gpointer
find_real (const char *name)
{
  gpointer fn = dlsym (RTLD_NEXT, name);

  if (fn == NULL)
    {
      /* Called, but no GLib after the shim: nothing sensible to do but stop. */
      fprintf (stderr, "tsan-glib-shim: %s not found after the shim: %s\n", name, dlerror ());
      abort ();
    }
  return fn;
}

/* Each real function, looked up at its first call (not before main: a program without
 * GLib, such as pdfinfo started by a test, inherits the shim too and must run). */
#define REAL(type, name)                                                          \
  static type                                                                     \
  real_##name (void)                                                              \
  {                                                                               \
    static type fn;                                                               \
    type f = __atomic_load_n (&fn, __ATOMIC_ACQUIRE);                             \
                                                                                  \
    if (G_UNLIKELY (f == NULL))                                                   \
      {                                                                           \
        f = (type) find_real (#name);                                             \
        __atomic_store_n (&fn, f, __ATOMIC_RELEASE);                              \
      }                                                                           \
    return f;                                                                     \
  }

typedef void     (*MutexFunc)    (GMutex *mutex);
typedef gboolean (*TrylockFunc)  (GMutex *mutex);
typedef void     (*WaitFunc)     (GCond *cond, GMutex *mutex);
typedef gboolean (*WaitUntilFunc) (GCond *cond, GMutex *mutex, gint64 end_time);
typedef gboolean (*OnceEnterFunc) (volatile void *location);
typedef void     (*OnceLeaveFunc) (volatile void *location, gsize result);
typedef gboolean (*RefDecFunc)   (gatomicrefcount *arc);

REAL (MutexFunc, g_mutex_init)
REAL (MutexFunc, g_mutex_clear)
REAL (MutexFunc, g_mutex_lock)
REAL (MutexFunc, g_mutex_unlock)
REAL (TrylockFunc, g_mutex_trylock)
REAL (WaitFunc, g_cond_wait)
REAL (WaitUntilFunc, g_cond_wait_until)
REAL (OnceEnterFunc, g_once_init_enter)
REAL (OnceLeaveFunc, g_once_init_leave)
REAL (RefDecFunc, g_atomic_ref_count_dec)

/* The mutex is held by the caller again (after a wait): what a lock tells TSan. */
static inline void
note_locked (GMutex *mutex)
{
  if (TSAN_PRESENT ())
    {
      __tsan_mutex_pre_lock (mutex, 0);
      __tsan_mutex_post_lock (mutex, 0, 0);
    }
}

/* The caller is about to give the mutex up (an unlock, or a wait). */
static inline void
note_unlocking (GMutex *mutex)
{
  if (TSAN_PRESENT ())
    {
      __tsan_mutex_pre_unlock (mutex, 0);
      __tsan_mutex_post_unlock (mutex, 0);
    }
}

void
g_mutex_init (GMutex *mutex)
{
  real_g_mutex_init () (mutex);
  if (TSAN_PRESENT ())
    __tsan_mutex_create (mutex, 0);
}

void
g_mutex_clear (GMutex *mutex)
{
  if (TSAN_PRESENT ())
    __tsan_mutex_destroy (mutex, 0);
  real_g_mutex_clear () (mutex);
}

void
g_mutex_lock (GMutex *mutex)
{
  if (TSAN_PRESENT ())
    __tsan_mutex_pre_lock (mutex, 0);
  real_g_mutex_lock () (mutex);
  if (TSAN_PRESENT ())
    __tsan_mutex_post_lock (mutex, 0, 0);
}

gboolean
g_mutex_trylock (GMutex *mutex)
{
  gboolean locked;

  if (TSAN_PRESENT ())
    __tsan_mutex_pre_lock (mutex, __tsan_mutex_try_lock);
  locked = real_g_mutex_trylock () (mutex);
  if (TSAN_PRESENT ())
    __tsan_mutex_post_lock (mutex,
                            locked ? __tsan_mutex_try_lock
                                   : __tsan_mutex_try_lock | __tsan_mutex_try_lock_failed,
                            0);
  return locked;
}

void
g_mutex_unlock (GMutex *mutex)
{
  /* Released before the real unlock, so that no other thread can take the mutex and
   * read before TSan knows what this one wrote. */
  if (TSAN_PRESENT ())
    __tsan_mutex_pre_unlock (mutex, 0);
  real_g_mutex_unlock () (mutex);
  if (TSAN_PRESENT ())
    __tsan_mutex_post_unlock (mutex, 0);
}

/* GLib's wait unlocks and locks the mutex inside libglib, where the shim cannot see it:
 * the release is told before the wait, the acquire after it. */
void
g_cond_wait (GCond  *cond,
             GMutex *mutex)
{
  note_unlocking (mutex);
  real_g_cond_wait () (cond, mutex);
  note_locked (mutex);
}

gboolean
g_cond_wait_until (GCond  *cond,
                   GMutex *mutex,
                   gint64  end_time)
{
  gboolean signalled;

  note_unlocking (mutex);
  signalled = real_g_cond_wait_until () (cond, mutex, end_time);
  note_locked (mutex);
  return signalled;
}

gboolean
g_once_init_enter (volatile void *location)
{
  gboolean initialise = real_g_once_init_enter () (location);

  /* Someone else initialised it (maybe while we waited): see what they wrote. */
  if (!initialise && TSAN_PRESENT ())
    __tsan_acquire ((void *) location);
  return initialise;
}

void
g_once_init_leave (volatile void *location,
                   gsize          result)
{
  if (TSAN_PRESENT ())
    __tsan_release ((void *) location);
  real_g_once_init_leave () (location, result);
}

gboolean
g_atomic_ref_count_dec (gatomicrefcount *arc)
{
  gboolean last;

  if (TSAN_PRESENT ())
    __tsan_release (arc);
  last = real_g_atomic_ref_count_dec () (arc);
  if (last && TSAN_PRESENT ())
    __tsan_acquire (arc);
  return last;
}
