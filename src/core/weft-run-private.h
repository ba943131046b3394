/* weft-run-private.h — the monitor's internals, shared by the run and the sync objects.
 *
 * One GMutex per run (the monitor) guards every field marked "monitor" below; each actor
 * sleeps on its own GCond. An operation is: take the monitor, pass the gate, change the
 * object, record the events, maybe block, release the monitor. That makes each operation
 * and its events one atomic step, so the trace is a total order of what happened.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>
#include <time.h>

#include "weft-run.h"
#include "weft-sync.h"

G_BEGIN_DECLS

struct _WeftObject
{
  /* Fixed at creation. */
  WeftRun        *run;
  WeftObjectKind  kind;
  guint16         index;
  char           *name;
  void          (*finalize) (WeftObject *self);
  /* What the object started with: a semaphore's count, a shared variable's value, a
   * queue's capacity (0: unbounded), a barrier's parties; 0 for the others. */
  gint32          initial;
  /* Set by the scenario before the run: what a shared variable should hold at the end if
   * nothing is lost (the bank's 6000), and what its writes mean. */
  gboolean        has_expected;
  gint32          expected;
  guint8          shared_role;    /* WeftSharedRole */

  /* monitor */
  GPtrArray      *waiters;        /* WeftActor*, in arrival order */
  WeftActor      *owner;          /* locks */
  guint64         freed_at;       /* the trace index of the event that last freed it (a
                                   * lock's or semaphore's RELEASED, a queue's QUEUE_GET):
                                   * the cause of a hand-off or of room; WEFT_NO_CAUSE */
  guint64         contention_ns;  /* time actors spent blocked or waiting on it */
  guint           n_contended;    /* operations that had to wait */
};

/* An actor's stack (weft-run-control.c). It runs a lesson's few calls and the run's gate,
 * which need a few KiB: the whole test suite passes with 16 KiB, glibc's least (the
 * deadlock search is iterative for that, weft-analysis.c). 128 KiB leaves eight times
 * that; a stop of 1000 threads under load took ≈ 180 ms with 8 MiB stacks, ≈ 145 with
 * 256 KiB, ≈ 120 with 128 KiB (bench-core, figure 16). The sanitizers' frames are several
 * times larger, so their builds keep GLib's default (0). */
#if !defined(__has_feature)
#define WEFT_HAS_FEATURE(f) 0
#else
#define WEFT_HAS_FEATURE(f) __has_feature (f)
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__) || \
    WEFT_HAS_FEATURE (address_sanitizer) || WEFT_HAS_FEATURE (thread_sanitizer) || \
    WEFT_HAS_FEATURE (memory_sanitizer) || WEFT_HAS_FEATURE (hwaddress_sanitizer)
#define WEFT_ACTOR_STACK_SIZE 0
#else
#define WEFT_ACTOR_STACK_SIZE (128 * 1024)
#endif

struct _WeftActor
{
  /* Fixed at creation. */
  WeftRun       *run;
  guint16        index;
  char          *name;
  WeftActorRole  role;
  WeftActorFunc  func;
  gpointer       user_data;
  GDestroyNotify destroy;
  /* The actor's private wake-up channel: a sticky flag under its own mutex, so a poke is
   * never lost and waking never queues on the (busy) monitor. */
  GMutex         poke_mutex;
  GCond          poke_cond;
  gboolean       poked;     /* poke_mutex */
  gint           rewoken;   /* atomic: woken from a wait, on its way back to the monitor */
  GThread       *thread;    /* controlling thread */
  GRand         *rand;      /* the actor's own thread only */

  /* monitor */
  WeftState      state;
  guint16        activity;
  const char    *last_activity;     /* the actor's own: interning cache */
  guint16        last_activity_id;
  WeftObject    *waiting_on;
  WeftOp         pending_op;
  WeftObject    *pending_object;
  gint32         pending_value;   /* item to put, value to write, ms left to sleep */
  gboolean       granted;   /* the scheduler let it pass its gate */
  gboolean       stepped;   /* ... and that grant was a step, not a resume */
  gboolean       in_step;   /* stepped and not parked since: its pauses take no time and
                             * do not park (a step is one operation of the lesson) */
  gboolean       step_credit; /* stepped at a pause or its start: the step's operation is
                               * still to come, at the next gate of the lesson */
  gboolean       woken;     /* a waker took it off an object's waiters */
  guint64        state_since_ns;
  guint64        time_in_state_ns[WEFT_N_STATES];
  guint64        n_ops;
  guint          visit;     /* deadlock search */
  guint64        contended_op; /* n_ops of the last operation counted as contended */
};

struct _WeftRun
{
  gatomicrefcount ref_count;

  /* Fixed once started. */
  GMutex        monitor;
  /* Who found the monitor taken sleeps on this word, not in the GMutex (Linux: see
   * weft-monitor-lock.c), so that a stop can wake them all at once. Atomic:
   * MONITOR_NO_SLEEPER, MONITOR_SLEEPERS (an unlock must wake one), MONITOR_STOPPED. */
  gint          monitor_sleep;
  GMutex        join_mutex;      /* one joiner at a time (weft_run_join) */
  /* weft_run_wait_end() waits here, not on the monitor: under a thousand busy threads the
   * controller woke at its deadline and then queued for the monitor for hundreds of ms. */
  GMutex        end_mutex;
  GCond         end_cond;
  gint          n_end_waiters;   /* atomic */
  gint          stop_requested;  /* atomic: a stop wants the monitor; actors stand back */
  guint64       seed;
  GRand        *rand;            /* controller: random policy */
  GPtrArray    *actors;
  GPtrArray    *objects;
  WeftTrace    *trace;
  gint64        t0_ns;
  gpointer      scenario_data;
  GDestroyNotify scenario_data_destroy;
  gconstpointer scenario;

  /* The controller waits for a settle or the end on control_cond, under control_mutex and
   * not the monitor (weft-run-control.c, wait_for): a wait on the monitor would release it
   * behind weft_monitor_unlock()'s back. Each notice bumps control_seq. */
  GMutex        control_mutex;
  GCond         control_cond;
  guint         control_seq;     /* written under control_mutex and the monitor */

  /* monitor */
  guint         n_control_waiters;
  WeftMode      mode;
  gint          started;         /* atomic: read without the monitor */
  gint          paused;          /* gates park actors (step mode is always paused); written atomically */
  gint          stopping;        /* written atomically: read without the monitor by the window */
  double        speed;
  /* The schedule: the actor of each operation of the lesson, in the order they passed
   * their gates (weft-schedule.h); monitor. */
  guint16      *schedule;
  guint         schedule_len;
  guint         schedule_capacity;
  gboolean      schedule_cut;    /* longer than WEFT_SCHEDULE_MAX: the rest not kept */
  int           niceness;        /* set before start; each actor applies it to itself */
  WeftPolicy    policy;
  guint         n_in_state[WEFT_N_STATES];
  guint64       n_steps;
  guint         last_stepped;
  guint         n_misuses;
  gint          outcome;         /* a WeftOutcome; atomic: read without the monitor */
  guint64       end_ns;          /* valid once ended */
  gint          ended;           /* every actor done, or stopped; atomic, after end_ns */
  GArray       *cycle;           /* WeftCycleEdge */
  guint         visit_gen;
  GPtrArray    *search_path;     /* the deadlock search's (weft-analysis.c), or NULL */
  GArray       *search_visits;
  GPtrArray    *activities;      /* const char*, msgids */
  gint          n_activities;    /* activities->len, atomic: read without the monitor */
  GPtrArray    *to_signal;       /* woken actors to poke once the monitor is released */
  gint          n_rewoken;       /* atomic: actors woken from a wait, not back yet */
  gint64        last_now_ns;     /* weft_run_now()'s last answer */
};

/* ---- The clock ------------------------------------------------------------------------
 *
 * Every event reads the clock, twice per acquire/release pair, so its cost is most of an
 * operation's. clock_gettime (CLOCK_MONOTONIC) costs ~28 ns through the vDSO on the
 * reference VM; a bare rdtsc ~11 ns. Where the TSC is invariant (it ticks at one rate in
 * every P- and C-state) and the kernel itself keeps time with it (clocksource "tsc": it
 * checked the TSCs of every CPU agree; or "kvm-clock", the TSC scaled by the host, who
 * declares it stable across vCPUs: weft_clock_tsc_trusted), weft_clock_ns() scales the TSC to nanoseconds with
 * a factor measured once per process against CLOCK_MONOTONIC, and starts from a
 * CLOCK_MONOTONIC reading, so both clocks agree to within the calibration (a few parts in
 * 10^5). Elsewhere, or with WEFT_CLOCK=monotonic in the environment, it is
 * clock_gettime. See docs/runtime.md, "The clock". */

typedef enum
{
  WEFT_CLOCK_UNSET,      /* weft_clock_init() has not run yet */
  WEFT_CLOCK_MONOTONIC,  /* clock_gettime (CLOCK_MONOTONIC) */
  WEFT_CLOCK_TSC,        /* the scaled TSC */
} WeftClockSource;

typedef struct
{
  gint     source;    /* WeftClockSource; atomic, stored last (release) by weft_clock_init */
  guint64  tsc_base;  /* a TSC reading ... */
  guint64  ns_base;   /* ... and CLOCK_MONOTONIC at the same moment */
  guint64  mult;      /* nanoseconds per tick, 32.32 fixed point */
} WeftClock;

extern WeftClock weft_clock;

/* Chooses and calibrates the clock, once per process (a couple of ms when the TSC is
 * used); weft_run_new() calls it, so no operation ever waits for it. Thread-safe. */
void        weft_clock_init       (void);
/* Whether the TSC may be used, given the CPU's invariant-TSC flag and the kernel's current
 * clocksource (as read from sysfs): "tsc" or "kvm-clock". Pure, for tests. */
gboolean    weft_clock_tsc_trusted (gboolean    invariant,
                                    const char *clocksource);
/* "tsc" or "clock_gettime", for benchmarks and tests. */
const char *weft_clock_get_source (void);

static inline guint64
weft_clock_monotonic_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (guint64) ts.tv_sec * G_GUINT64_CONSTANT (1000000000) + (guint64) ts.tv_nsec;
}

/* Nanoseconds on CLOCK_MONOTONIC's scale and origin. rdtsc is not ordered with the loads
 * and stores around it (an lfence would double its cost): a reading may be taken up to a
 * few dozen ns early, e.g. before the monitor was quite taken. weft_run_now() absorbs
 * that for the trace; callers comparing raw readings across threads must allow for it. */
static inline guint64
weft_clock_ns (void)
{
  gint source = __atomic_load_n (&weft_clock.source, __ATOMIC_ACQUIRE);

#if defined(__x86_64__)
  if (G_LIKELY (source == WEFT_CLOCK_TSC))
    {
      /* Signed: a CPU whose TSC lags the calibrating one's by a few ticks must give a
       * time a few ns earlier, not one 2^64 ticks later. */
      gint64 ticks = (gint64) (__builtin_ia32_rdtsc () - weft_clock.tsc_base);

      return weft_clock.ns_base + (guint64) (gint64) (((__int128) ticks * (__int128) weft_clock.mult) >> 32);
    }
#endif
  if (G_UNLIKELY (source == WEFT_CLOCK_UNSET))
    {
      /* Only a caller that never made a run gets here; both clocks share an origin, so
       * choosing now changes nothing for readings already taken. */
      weft_clock_init ();
      return weft_clock_ns ();
    }

  return weft_clock_monotonic_ns ();
}

/* Monitor held: nanoseconds since the run started. Never less than the last value it
 * returned, so event times never decrease in trace order (the timeline's binary searches
 * rely on it) even though a TSC reading may be taken slightly before the monitor was
 * (see weft_clock_ns), or on a CPU whose TSC lags by a few ticks. */
static inline guint64
weft_run_now (WeftRun *run)
{
  gint64 now = (gint64) (weft_clock_ns () - (guint64) run->t0_ns);

  if (G_UNLIKELY (now < run->last_now_ns))
    now = run->last_now_ns;
  run->last_now_ns = now;
  return (guint64) now;
}

/* A moment as the books count it (the times in each state, the contention): once the run
 * has ended (every thread done, or a deadlock), time after its end is nobody's, so that
 * each thread's times add up to the run's elapsed time however late the stop comes.
 * Under the monitor. */
static inline guint64
weft_run_books_time (WeftRun *run,
                     guint64  t)
{
  return run->ended && t > run->end_ns ? run->end_ns : t;
}

/* The monitor's lock, past its fast path (weft-monitor-lock.c): who finds it taken after
 * spinning sleeps on a word of its own (monitor_sleep), which a stop wakes at once. */
enum
{
  MONITOR_NO_SLEEPER,
  MONITOR_SLEEPERS,
  MONITOR_STOPPED,
};

void weft_monitor_lock_slow   (WeftRun *run);
void weft_monitor_wake_one    (WeftRun *run);
void weft_monitor_wake_all    (WeftRun *run);
void weft_monitor_stand_back  (WeftRun *run);
void weft_monitor_stand_down  (WeftRun *run);

/* A test's seam (tests/test-monitor.c): called, when set, at named points of the lock's
 * slow path, where a preemption would change the outcome. NULL in the program. */
extern void (*weft_monitor_test_point) (const char *point);

/* Takes the monitor, spinning a little first: its critical sections last a few hundred
 * nanoseconds. Then weft_monitor_lock_slow(). */
static inline void
weft_monitor_spin_lock (WeftRun *run)
{
  for (guint i = 0; i < 100; i++)
    {
      if (g_mutex_trylock (&run->monitor))
        return;
#if defined(__x86_64__) || defined(__i386__)
      __builtin_ia32_pause ();
#endif
    }
  weft_monitor_lock_slow (run);
}

/* Lets the monitor go and wakes one sleeper, if any (see weft-monitor-lock.c). */
static inline void
weft_monitor_release (WeftRun *run)
{
  g_mutex_unlock (&run->monitor);
#if !defined(__x86_64__) && !defined(__i386__)
  /* The mark must be read after the release is seen; on x86 the unlock's exchange is a
   * full barrier already. */
  __atomic_thread_fence (__ATOMIC_SEQ_CST);
#endif
  if (G_UNLIKELY (g_atomic_int_get (&run->monitor_sleep) == MONITOR_SLEEPERS))
    weft_monitor_wake_one (run);
}

/* Takes the monitor. Actors just woken from a wait (weft_actor_wait) are let back in
 * first: for a moment, newcomers yield while any is on its way. Without that, under a
 * thousand busy threads on two cores, the crowd of newcomers took the (unfair) GMutex
 * ahead of a woken philosopher for so long that its neighbour barged back onto the fork
 * it had been woken for, every time, and some never ate. A lock's own barging is the
 * lesson; the monitor's must not add to it. Bounded, so nobody waits on it for long. */
static inline void
weft_monitor_lock (WeftRun *run)
{
  for (guint i = 0; i < 8 && G_UNLIKELY (g_atomic_int_get (&run->n_rewoken) > 0); i++)
    g_thread_yield ();
  /* A stop is on its way (weft_run_stop_nowait): everyone else stands back until it has
   * taken the monitor and said so, or the crowd keeps it from the stopper. */
  if (G_UNLIKELY (g_atomic_int_get (&run->stop_requested)))
    weft_monitor_stand_back (run);
  weft_monitor_spin_lock (run);
}

/* Wakes @actor from weft_actor_wait(), now or later: the flag stays set until it waits. */
static inline void
weft_actor_poke (WeftActor *actor)
{
  g_mutex_lock (&actor->poke_mutex);
  actor->poked = TRUE;
  g_cond_signal (&actor->poke_cond);
  g_mutex_unlock (&actor->poke_mutex);
}

/* Releases the monitor, then pokes the actors woken meanwhile: poked under the monitor,
 * a woken actor would only wake up to queue for it. Poking late is safe: every waiter
 * checks its own flags under the monitor, and a poke to an actor that has moved on only
 * makes it check once more. */
static inline void
weft_monitor_unlock (WeftRun *run)
{
  WeftActor *few[8];
  GPtrArray *many = NULL;
  guint n = run->to_signal->len;

  if (G_LIKELY (n == 0))
    {
      weft_monitor_release (run);
      return;
    }

  if (n <= G_N_ELEMENTS (few))
    memcpy (few, run->to_signal->pdata, n * sizeof (gpointer));
  else
    many = g_ptr_array_copy (run->to_signal, NULL, NULL);
  g_ptr_array_set_size (run->to_signal, 0);
  weft_monitor_release (run);

  for (guint i = 0; i < n; i++)
    weft_actor_poke (many != NULL ? g_ptr_array_index (many, i) : few[i]);
  g_clear_pointer (&many, g_ptr_array_unref);
}

/* Returns @expr read under @run's monitor: the getters the controlling thread calls. */
#define WEFT_RETURN_LOCKED(run, type, expr)   \
  G_STMT_START {                              \
    type ret_;                                \
    weft_monitor_lock (run);                  \
    ret_ = (expr);                            \
    weft_monitor_unlock (run);                \
    return ret_;                              \
  } G_STMT_END

/* Monitor held. A broadcast costs a system call: only make it when someone listens. */
static inline void
weft_run_notify_controller (WeftRun *run)
{
  if (run->n_control_waiters > 0)
    {
      g_mutex_lock (&run->control_mutex);
      run->control_seq++;
      g_cond_broadcast (&run->control_cond);
      g_mutex_unlock (&run->control_mutex);
    }
  /* After the outcome or the stop was published (atomically): a waiter counts itself in
   * before it looks at them, so one of the two sees the other. */
  if ((run->outcome != WEFT_OUTCOME_NONE || run->stopping) && g_atomic_int_get (&run->n_end_waiters) > 0)
    {
      g_mutex_lock (&run->end_mutex);
      g_cond_broadcast (&run->end_cond);
      g_mutex_unlock (&run->end_mutex);
    }
}

/* All of these are called with the monitor held. */
gboolean  weft_actor_wait        (WeftActor  *self,
                                  gint64      deadline_us);
void      weft_actor_set_state   (WeftActor  *self,
                                  WeftState   state,
                                  WeftObject *object,
                                  gint32      value);
gboolean  weft_actor_gate_slow   (WeftActor  *self,
                                  WeftOp      op,
                                  WeftObject *object,
                                  gint32      value);
gboolean  weft_actor_block       (WeftActor  *self,
                                  WeftObject *object,
                                  GPtrArray  *list,
                                  WeftState   state);
/* @cause: the trace index of the event that wakes them (NOTIFY, FLAG_SET…), recorded
 * as each one's WEFT_CAUSE_WAKE; WEFT_NO_CAUSE when the cause is recorded later (a
 * hand-off at the acquire, an item at the get). */
gboolean  weft_wake_one          (GPtrArray  *list,
                                  WeftObject *object,
                                  guint64     cause);
guint     weft_wake_all          (GPtrArray  *list,
                                  WeftObject *object,
                                  guint64     cause);
void      weft_actor_misuse      (WeftActor  *self,
                                  WeftObject *object,
                                  WeftOp      op);
gpointer  weft_object_new        (gsize       size,
                                  WeftRun    *run,
                                  WeftObjectKind kind,
                                  const char *name);

/* weft-sync-semaphore.c: the actors holding units, one entry per unit held. */
GPtrArray *weft_semaphore_get_holders (WeftSemaphore *sem);

/* weft-analysis.c */
void      weft_analysis_check_deadlock (WeftRun   *run,
                                        WeftActor *blocked);

/* Monitor held: records an event now and returns its index in the trace. Inline, so that
 * an operation's event costs the clock and one call. */
static inline guint64
weft_run_record (WeftRun       *run,
                 WeftEventKind  kind,
                 guint16        actor,
                 guint16        object,
                 guint8         aux,
                 gint32         value)
{
  return weft_trace_record (run->trace, weft_run_now (run), kind, aux, actor, object, value);
}

/* Monitor held, right after another event of the same operation (its cause, the queue's
 * new length, the lock a condition wait releases, the barrier opening on the last
 * arrival): records an event at that event's time, without reading the clock again. The
 * operation took effect at one instant, and its events say so; the clock is read once
 * per operation. */
static inline guint64
weft_run_record_same_time (WeftRun       *run,
                           WeftEventKind  kind,
                           guint16        actor,
                           guint16        object,
                           guint8         aux,
                           gint32         value)
{
  return weft_trace_record (run->trace, (guint64) run->last_now_ns, kind, aux, actor, object,
                            value);
}

/* Monitor held, right after the effect's event: records that event @cause (a trace
 * index) caused it (weft-types.h, WEFT_EVENT_CAUSE). Nothing when the cause is unknown,
 * or too far back to be told in 31 bits. Only on the contended paths. */
void      weft_run_record_cause  (WeftRun       *run,
                                  WeftCauseKind  kind,
                                  WeftActor     *actor,
                                  WeftObject    *object,
                                  guint64        cause);

/* Whether @op is an operation of the lesson (take a fork, read the balance, put an
 * item…): a step is one of these. A thread's start and its pauses are not. */
static inline gboolean
weft_op_is_lesson (WeftOp op)
{
  return op != WEFT_OP_NONE && op != WEFT_OP_START && op != WEFT_OP_SLEEP;
}

void      weft_run_note_pass_slow (WeftRun   *run,
                                   WeftActor *actor);

/* Monitor held. @actor passes the gate of an operation of the lesson: the schedule gets
 * it (inline: an index stored, in the path of every operation). */
static inline void
weft_run_note_pass (WeftRun   *run,
                    WeftActor *actor)
{
  if (G_LIKELY (run->schedule_len < run->schedule_capacity))
    run->schedule[run->schedule_len++] = (guint16) actor->index;
  else
    weft_run_note_pass_slow (run, actor);
}

/* Monitor held. The gate every operation passes, inline: in run mode (not paused, not
 * stopping) it is two loads and a branch, on the path of every operation, and only
 * parking (weft_actor_gate_slow) needs a call. A gate passed again by an operation
 * already under way (a woken waiter retrying) does not count as a new operation. */
static inline gboolean
weft_actor_regate (WeftActor  *self,
                   WeftOp      op,
                   WeftObject *object,
                   gint32      value)
{
  WeftRun *run = self->run;

  if (G_LIKELY (!run->stopping && !run->paused))
    self->stepped = FALSE;
  else if (!weft_actor_gate_slow (self, op, object, value))
    return FALSE;

  /* Passed, in the monitor's order: the run's interleaving. */
  if (weft_op_is_lesson (op))
    weft_run_note_pass (run, self);
  return TRUE;
}

static inline gboolean
weft_actor_gate (WeftActor  *self,
                 WeftOp      op,
                 WeftObject *object,
                 gint32      value)
{
  if (!weft_actor_regate (self, op, object, value))
    return FALSE;

  self->n_ops++;
  return TRUE;
}

#define WEFT_ACTOR_ID(a)  ((guint16) ((a) != NULL ? (a)->index : WEFT_NONE))
#define WEFT_OBJECT_ID(o) ((guint16) ((o) != NULL ? WEFT_OBJECT (o)->index : WEFT_NONE))

G_END_DECLS
