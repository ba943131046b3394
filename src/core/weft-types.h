/* weft-types.h — the vocabulary shared by every layer: thread states, the kinds of sync
 * object, the operations an actor can be parked on, and the 16-byte trace event.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _WeftRun       WeftRun;
typedef struct _WeftActor     WeftActor;
typedef struct _WeftObject    WeftObject;
typedef struct _WeftLock      WeftLock;
typedef struct _WeftRLock     WeftRLock;
typedef struct _WeftSemaphore WeftSemaphore;
typedef struct _WeftCondition WeftCondition;
typedef struct _WeftFlag      WeftFlag;
typedef struct _WeftBarrier   WeftBarrier;
typedef struct _WeftQueue     WeftQueue;
typedef struct _WeftShared    WeftShared;

/* An actor or object index that means "none" in an event. */
#define WEFT_NONE 0xFFFF
/* Actors and objects are numbered with 16 bits in events. */
#define WEFT_MAX_ACTORS  0xFFF0
#define WEFT_MAX_OBJECTS 0xFFF0

typedef enum
{
  WEFT_STATE_NEW,
  WEFT_STATE_RUNNING,   /* with an optional activity label */
  WEFT_STATE_SLEEPING,  /* with an optional activity label ("thinking", "eating") */
  WEFT_STATE_BLOCKED,   /* wants a lock or semaphore held by others */
  WEFT_STATE_WAITING,   /* condition, event, barrier, full or empty queue */
  WEFT_STATE_PARKED,    /* paused or stepping: stopped at its next operation */
  WEFT_STATE_DONE,
  WEFT_N_STATES
} WeftState;

typedef enum
{
  WEFT_OBJECT_LOCK,
  WEFT_OBJECT_RLOCK,
  WEFT_OBJECT_SEMAPHORE,
  WEFT_OBJECT_BOUNDED_SEMAPHORE,
  WEFT_OBJECT_CONDITION,
  WEFT_OBJECT_FLAG,
  WEFT_OBJECT_BARRIER,
  WEFT_OBJECT_QUEUE,
  WEFT_OBJECT_SHARED,
  WEFT_N_OBJECT_KINDS
} WeftObjectKind;

/* The operation an actor performs when it passes a gate. A parked actor shows the one it
 * is about to perform ("Kant → acquire fork 2"). */
typedef enum
{
  WEFT_OP_NONE,
  WEFT_OP_START,
  WEFT_OP_SLEEP,
  WEFT_OP_ACQUIRE,
  WEFT_OP_TRY_ACQUIRE,
  WEFT_OP_RELEASE,
  WEFT_OP_WAIT,          /* condition wait, event wait, barrier wait */
  WEFT_OP_REACQUIRE,     /* a woken condition waiter taking its lock back */
  WEFT_OP_NOTIFY,
  WEFT_OP_NOTIFY_ALL,
  WEFT_OP_SET,
  WEFT_OP_CLEAR,
  WEFT_OP_PUT,
  WEFT_OP_GET,
  WEFT_OP_READ,
  WEFT_OP_WRITE,
  WEFT_N_OPS
} WeftOp;

typedef enum
{
  WEFT_EVENT_RUN_START,      /* value: mode */
  WEFT_EVENT_RUN_PAUSE,
  WEFT_EVENT_RUN_RESUME,
  WEFT_EVENT_RUN_STOP,
  WEFT_EVENT_RUN_END,        /* every actor is done */
  WEFT_EVENT_STEP,           /* actor chosen to step; value: step number */
  WEFT_EVENT_STATE,          /* aux: new state; object: what it waits on or is parked at;
                              * value: activity id (running, sleeping; 0: none),
                              * operation (parked) */
  WEFT_EVENT_ACQUIRED,       /* lock, rlock (value: depth), semaphore (value: count left) */
  WEFT_EVENT_RELEASED,       /* same values as acquired */
  WEFT_EVENT_TRY_FAILED,     /* a non-blocking acquire found the lock taken */
  WEFT_EVENT_COND_WAIT,      /* the actor released the lock and waits */
  WEFT_EVENT_NOTIFY,         /* value: how many waiters were woken */
  WEFT_EVENT_NOTIFY_ALL,     /* value: how many waiters were woken */
  WEFT_EVENT_FLAG_SET,       /* value: how many waiters were woken */
  WEFT_EVENT_FLAG_CLEAR,
  WEFT_EVENT_FLAG_PASSED,    /* a wait on a set event returned */
  WEFT_EVENT_BARRIER_ARRIVE, /* value: parties arrived so far */
  WEFT_EVENT_BARRIER_OPEN,   /* value: parties released */
  WEFT_EVENT_QUEUE_PUT,      /* value: item */
  WEFT_EVENT_QUEUE_GET,      /* value: item */
  WEFT_EVENT_QUEUE_LENGTH,   /* value: length after the put or get */
  WEFT_EVENT_READ,           /* shared variable; value: what was read */
  WEFT_EVENT_WRITE,          /* shared variable; value: what was written; aux 1: stale
                              * (computed from a read another write has overtaken) */
  WEFT_EVENT_MISUSE,         /* value: the operation (WeftOp) that was refused */
  WEFT_EVENT_DEADLOCK,       /* value: number of actors in the cycle (0: all waiting, no cycle) */
  WEFT_EVENT_CYCLE_EDGE,     /* follows DEADLOCK once per actor: actor waits on object */
  WEFT_EVENT_MARK,           /* scenario-defined; aux: mark id; value: scenario's number */
  WEFT_EVENT_CAUSE,          /* follows its effect at once: why it happened (see below) */
  WEFT_N_EVENT_KINDS
} WeftEventKind;

/* Causes are recorded, not guessed. When the runtime hands over a resource or wakes a
 * waiter it knows who did it, and says so with a CAUSE event right after the effect:
 * aux: the WeftCauseKind; actor: the effect's actor (who got or was woken); object: the
 * object; value: how many events back the cause is, from the CAUSE event itself (>= 1),
 * so the cause is the event at index (CAUSE's index - value). A CAUSE is not an operation:
 * the log does not show it. */
typedef enum
{
  WEFT_CAUSE_HANDOFF,  /* effect: ACQUIRED by an actor that had blocked on the lock or
                        * semaphore (or a condition waiter taking its lock back after
                        * blocking); cause: the RELEASED that last freed it */
  WEFT_CAUSE_WAKE,     /* effect: a waiter's STATE (running) as it is woken; cause: the
                        * NOTIFY, NOTIFY_ALL, FLAG_SET or BARRIER_OPEN that woke it */
  WEFT_CAUSE_ITEM,     /* effect: a QUEUE_GET; cause: the QUEUE_PUT of that item */
  WEFT_CAUSE_ROOM,     /* effect: a QUEUE_PUT by an actor that had waited for room;
                        * cause: the QUEUE_GET that last made room */
  WEFT_N_CAUSES
} WeftCauseKind;

/* "No cause": an index no event has. */
#define WEFT_NO_CAUSE G_MAXUINT64

/* The mark id (WEFT_EVENT_MARK's aux) that weft_shared_plan_write() records: the value
 * an actor computed and will write to a shared variable (the event's object). Scenarios'
 * own marks use smaller ids. */
#define WEFT_MARK_PLANNED_WRITE 255

/* What a shared variable's writes mean, for the words the scene draws. */
typedef enum
{
  WEFT_SHARED_VALUE,  /* a value read, computed on and written back (the bank's balance) */
  WEFT_SHARED_STOCK,  /* a stock each write takes one from (the tickets left): a write is
                       * a sale */
} WeftSharedRole;

/* What an actor does in its scenario's story, as the scenario declares it when it creates
 * the actor (weft_actor_set_role()): the scene puts a pipeline's producers in one column
 * and its consumers in the other from this, never from a (translated) name. */
typedef enum
{
  WEFT_ACTOR_ROLE_NONE,      /* no role in a pipeline (a philosopher, a clerk) */
  WEFT_ACTOR_ROLE_PRODUCER,  /* puts items (a publisher) */
  WEFT_ACTOR_ROLE_CONSUMER,  /* takes them (a subscriber) */
} WeftActorRole;

/* One trace event: 16 bytes (asserted in weft-trace.c). Time is nanoseconds since the run
 * started, on 48 bits (78 hours). Text is never stored: it is made from these fields when
 * shown. */
typedef struct
{
  guint32 time_lo;
  guint16 time_hi;
  guint8  kind;    /* WeftEventKind */
  guint8  aux;
  guint16 actor;   /* WEFT_NONE for run-level events */
  guint16 object;  /* WEFT_NONE when no object is involved */
  gint32  value;
} WeftEvent;

static inline guint64
weft_event_get_time (const WeftEvent *event)
{
  return ((guint64) event->time_hi << 32) | event->time_lo;
}

static inline void
weft_event_set_time (WeftEvent *event,
                     guint64    time_ns)
{
  event->time_lo = (guint32) (time_ns & 0xFFFFFFFFu);
  event->time_hi = (guint16) ((time_ns >> 32) & 0xFFFFu);
}

typedef enum
{
  WEFT_MODE_RUN,   /* gates let everyone through, sleeps are real */
  WEFT_MODE_STEP,  /* every actor parks at its next gate until stepped */
} WeftMode;

typedef enum
{
  WEFT_POLICY_ROUND_ROBIN,
  WEFT_POLICY_RANDOM,
} WeftPolicy;

typedef enum
{
  WEFT_OUTCOME_NONE,       /* still going */
  WEFT_OUTCOME_COMPLETED,  /* every actor is done */
  WEFT_OUTCOME_DEADLOCK,
  WEFT_OUTCOME_STOPPED,
} WeftOutcome;

const char *weft_state_to_string   (WeftState      state);
const char *weft_op_to_string      (WeftOp         op);
const char *weft_mode_to_string    (WeftMode       mode);
const char *weft_policy_to_string  (WeftPolicy     policy);
const char *weft_outcome_to_string (WeftOutcome    outcome);
gboolean    weft_mode_from_string   (const char   *str,
                                     WeftMode     *mode);
gboolean    weft_policy_from_string (const char   *str,
                                     WeftPolicy   *policy);

G_END_DECLS
