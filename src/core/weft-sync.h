/* weft-sync.h — the sync objects a scenario uses. Each one lives on its run's monitor:
 * an operation takes the monitor, passes the actor's gate, updates the object, records its
 * events and, if it must block, sleeps on the actor's own GCond.
 *
 * Every operation that can wait returns FALSE when the actor must unwind: the run is
 * stopping, or the operation was a misuse (releasing a lock you do not own, over-releasing
 * a bounded semaphore), which is recorded and counted, like Python raising.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "weft-run.h"

G_BEGIN_DECLS

#define WEFT_OBJECT(o) ((WeftObject *) (o))

typedef enum
{
  WEFT_QUEUE_FIFO,
  WEFT_QUEUE_LIFO,
  WEFT_QUEUE_PRIORITY,  /* smallest item first, like Python's PriorityQueue */
} WeftQueueKind;

/* Lock: one owner; a release wakes one waiter but does not hand the lock over, so the
 * releaser may barge back in, like a pthread mutex. */
WeftLock      *weft_lock_new             (WeftRun       *run,
                                          const char    *name);
gboolean       weft_lock_acquire         (WeftActor     *self,
                                          WeftLock      *lock);
gboolean       weft_lock_try_acquire     (WeftActor     *self,
                                          WeftLock      *lock,
                                          gboolean      *acquired);
gboolean       weft_lock_release         (WeftActor     *self,
                                          WeftLock      *lock);

/* Reentrant lock: owner and depth. */
WeftRLock     *weft_rlock_new            (WeftRun       *run,
                                          const char    *name);
gboolean       weft_rlock_acquire        (WeftActor     *self,
                                          WeftRLock     *lock);
gboolean       weft_rlock_release        (WeftActor     *self,
                                          WeftRLock     *lock);
guint          weft_rlock_get_depth      (WeftRLock     *lock);

/* Semaphore; a bounded one refuses to rise above its initial value. */
WeftSemaphore *weft_semaphore_new        (WeftRun       *run,
                                          const char    *name,
                                          guint          initial,
                                          gboolean       bounded);
gboolean       weft_semaphore_acquire    (WeftActor     *self,
                                          WeftSemaphore *sem);
gboolean       weft_semaphore_release    (WeftActor     *self,
                                          WeftSemaphore *sem);
guint          weft_semaphore_get_value  (WeftSemaphore *sem);

/* Condition over a lock: wait releases the lock, sleeps until notified, and takes the lock
 * back before returning. */
WeftCondition *weft_condition_new        (WeftRun       *run,
                                          const char    *name,
                                          WeftLock      *lock);
WeftLock      *weft_condition_get_lock   (WeftCondition *cond);
gboolean       weft_condition_wait       (WeftActor     *self,
                                          WeftCondition *cond);
gboolean       weft_condition_notify     (WeftActor     *self,
                                          WeftCondition *cond);
gboolean       weft_condition_notify_all (WeftActor     *self,
                                          WeftCondition *cond);

/* Event (Python's threading.Event): a flag threads can wait on. */
WeftFlag      *weft_flag_new             (WeftRun       *run,
                                          const char    *name);
gboolean       weft_flag_set             (WeftActor     *self,
                                          WeftFlag      *flag);
gboolean       weft_flag_clear           (WeftActor     *self,
                                          WeftFlag      *flag);
gboolean       weft_flag_wait            (WeftActor     *self,
                                          WeftFlag      *flag);
gboolean       weft_flag_is_set          (WeftFlag      *flag);

/* Barrier of n parties: the n-th arrival releases them all together. */
WeftBarrier   *weft_barrier_new          (WeftRun       *run,
                                          const char    *name,
                                          guint          parties);
gboolean       weft_barrier_wait         (WeftActor     *self,
                                          WeftBarrier   *barrier);

/* Queue of integers; capacity 0 is unbounded. Put waits while full, get while empty. */
WeftQueue     *weft_queue_new            (WeftRun       *run,
                                          const char    *name,
                                          WeftQueueKind  kind,
                                          guint          capacity);
gboolean       weft_queue_put            (WeftActor     *self,
                                          WeftQueue     *queue,
                                          gint32         item);
gboolean       weft_queue_get            (WeftActor     *self,
                                          WeftQueue     *queue,
                                          gint32        *item);
/* The same, saying which get of the queue this was (1 for its first item): decided with
 * the get, where a counter kept by the caller after it returns would be decided by the
 * scheduler (a replay could then see another thread get "the last" item). */
gboolean       weft_queue_get_counted    (WeftActor     *self,
                                          WeftQueue     *queue,
                                          gint32        *item,
                                          guint64       *n_got);
WeftQueueKind  weft_queue_get_kind       (WeftQueue     *queue);
guint          weft_queue_get_length     (WeftQueue     *queue);
guint          weft_queue_get_max_length (WeftQueue     *queue);
GArray        *weft_queue_dup_items      (WeftQueue     *queue);

/* Shared integer variable. Reads and writes are recorded with their values and use
 * atomics, so a deliberate race (read, gap, write) is a lost update, not undefined
 * behaviour. A write is *stale* when another write reached the variable since this
 * actor's last read of it: what it writes was computed from an old value, and the other
 * write is lost. Stale writes are flagged in the trace (WEFT_EVENT_WRITE, aux 1). */
WeftShared    *weft_shared_new           (WeftRun       *run,
                                          const char    *name,
                                          gint32         initial);
gboolean       weft_shared_read          (WeftActor     *self,
                                          WeftShared    *var,
                                          gint32        *value);
gboolean       weft_shared_write         (WeftActor     *self,
                                          WeftShared    *var,
                                          gint32         value);
gboolean       weft_shared_write_checked (WeftActor     *self,
                                          WeftShared    *var,
                                          gint32         value,
                                          gboolean      *stale);
/* The same, saying which write of @var this was (1 for its first): decided with the
 * write, where a counter the caller keeps after it returns would be decided by the
 * scheduler (a replay could then see another thread make "the eleventh" sale). */
gboolean       weft_shared_write_counted (WeftActor     *self,
                                          WeftShared    *var,
                                          gint32         value,
                                          guint64       *n_writes);
/* Records that @self computed @value and will write it to @var (a WEFT_EVENT_MARK with
 * aux WEFT_MARK_PLANNED_WRITE and @var as its object): the views show "read 2000 → will
 * write 7000" before the write happens. Not a gate: no step, no pause. */
void           weft_shared_plan_write    (WeftActor     *self,
                                          WeftShared    *var,
                                          gint32         value);
/* Before the run: what @var should hold at the end if no update is lost (shown with its
 * value), and what its writes mean (WEFT_SHARED_VALUE by default). */
void           weft_shared_set_expected  (WeftShared    *var,
                                          gint32         expected);
void           weft_shared_set_role      (WeftShared    *var,
                                          WeftSharedRole role);
guint          weft_shared_get_n_stale_writes (WeftShared *var);
gint32         weft_shared_peek          (WeftShared    *var);

G_END_DECLS
