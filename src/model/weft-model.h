/* weft-model.h — what the renderer draws: a run's events turned into lanes of spans.
 *
 * A thread lane is a list of spans, one per state (running "eating", blocked on fork 2…);
 * a resource lane (lock, semaphore, queue, shared variable) a list of spans of its value,
 * owner and number of waiters. Flows between thread lanes (release → acquire, notify →
 * wake, put → get, get → the put it made room for) come only from the causes the runtime
 * recorded (WEFT_EVENT_CAUSE), never from a guess; the deadlock cycle, if any, is kept as
 * it was reported. Every reader of a run's events — the timeline, the scene, the trace
 * export — reads this one model.
 *
 * The model is built once, incrementally, from events in trace order: from a live run with
 * weft_model_sync() (the window calls it every frame; it reads only new events), or from
 * any event source with weft_model_add_event() (the tests build synthetic traces).
 * Spans are stored with running sums every WEFT_MODEL_CHECKPOINT spans, so the time a
 * thread spent in each state over any interval, or a queue's mean length over it, costs a
 * binary search and at most that many steps, whatever the number of events: this is what
 * keeps level of detail independent of the trace's size.
 *
 * The axis. In run mode the axis is time in nanoseconds. In step mode it is the step
 * number: step k (the k-th STEP event, from 1) spans [k - 1, k) whatever time the teacher
 * took to choose the next one: what happened in the step (up to its last event) fills
 * the first 85 % of it, the wait for the next step the rest. Before the first step the
 * axis is [-1, 0) (the actors starting and parking at their first operation); the last
 * step ends at the model's end, axis n.
 *
 * A stepped run let go (RUN_RESUME) stays on this axis: the steps keep their columns, and
 * each free part (from a resume to the next pause) is drawn in time after them, linearly,
 * all free parts together taking 60 % of the axis (at least six steps' width); a pause
 * after a free part takes the width of a step's wait. weft_model_get_free_parts() says
 * where they are, for the axis' labels and the boundaries drawn around each.
 *
 * A free run paused (RUN_PAUSE) moves to this axis too, and weft_model_get_mode() says
 * WEFT_MODE_STEP from then on: what ran so far is the first free part, from the axis'
 * start (0, no start column), and the pause and the steps that follow come after it as
 * above, so the seconds a teacher takes between key presses are never drawn as time.
 * A view on the axis must follow the change (the timeline widget maps its view through
 * time).
 *
 * A deadlocked run is over at the deadlock: weft_model_set_end() (and so a sync) no
 * longer moves the model's end past it, while the threads stay blocked until a reset.
 *
 * Not thread-safe: one thread at a time builds and reads a model. The window's worker
 * builds it while the main thread sleeps, under a lock the main thread holds otherwise
 * (src/app/weft-model-worker.h); weft-cli builds it on a thread of its own while the
 * run goes, and reads it once that thread is joined.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "weft-core.h"

G_BEGIN_DECLS

typedef struct _WeftModel WeftModel;

#define WEFT_MODEL_CHECKPOINT 16
/* Semaphore holders and queue items kept per span, for the scene and the chips. */
#define WEFT_MODEL_MAX_LISTED 8

typedef enum
{
  WEFT_LANE_THREAD,
  WEFT_LANE_LOCK,       /* lock and rlock: owner, depth */
  WEFT_LANE_SEMAPHORE,  /* plain and bounded: value, holders */
  WEFT_LANE_QUEUE,      /* length, items */
  WEFT_LANE_SHARED,     /* value, stale writes */
} WeftLaneKind;

/* A thread in one state from start_ns until the next span's start (or the model's end). */
typedef struct
{
  guint64 start_ns;
  guint8  state;     /* WeftState */
  guint8  reserved;
  guint16 object;    /* blocked or waiting on, or parked at; WEFT_NONE */
  guint16 detail;    /* running, sleeping: activity id (0: none); parked: the WeftOp it
                      * will do */
  guint16 activity;  /* parked: what it is doing in the story meanwhile, the activity id
                      * of the pause it has just passed ("thinking"); 0: none */
} WeftThreadSpan;

typedef enum
{
  WEFT_SPAN_STALE_WRITE = 1 << 0,  /* shared: this write overwrote a newer value */
  WEFT_SPAN_LIST_CUT    = 1 << 1,  /* more holders or items than WEFT_MODEL_MAX_LISTED */
} WeftSpanFlags;

/* A resource with one value from start_ns until the next span's start. */
typedef struct
{
  guint64 start_ns;
  gint32  value;      /* lock: depth (0 free); semaphore: count left; queue: length;
                       * shared: value */
  guint16 owner;      /* lock: owner; shared: last writer; others: last actor; WEFT_NONE */
  guint16 n_waiting;  /* actors blocked or waiting on it */
  guint32 list;       /* first of n_list entries in the model's list pool */
  guint8  n_list;     /* semaphore: holders (actor ids); queue: items, next to get first */
  guint8  flags;      /* WeftSpanFlags */
  guint16 reserved;
} WeftResourceSpan;

/* The same values as WeftCauseKind: a flow is a recorded cause. */
typedef enum
{
  WEFT_FLOW_HANDOFF = WEFT_CAUSE_HANDOFF,  /* released a lock or semaphore that a blocked
                                            * actor then got */
  WEFT_FLOW_WAKE = WEFT_CAUSE_WAKE,        /* notify, notify_all, event set or barrier
                                            * opening → a waiter woke */
  WEFT_FLOW_ITEM = WEFT_CAUSE_ITEM,        /* put an item that another actor got */
  WEFT_FLOW_ROOM = WEFT_CAUSE_ROOM,        /* got an item, making room for an actor that
                                            * waited on a full queue, which then put */
  WEFT_N_FLOW_KINDS
} WeftFlowKind;

typedef struct
{
  guint64 from_ns;    /* the cause's time */
  guint64 to_ns;      /* the effect's time */
  guint64 cause;      /* the trace index of the cause's event (a CAUSE named it) */
  guint16 from_actor;
  guint16 to_actor;
  guint16 object;
  guint8  kind;       /* WeftFlowKind */
  guint8  reserved;
} WeftFlow;

/* One edge of the deadlock cycle: the actor waits on the object (held by the next
 * edge's actor). */
typedef struct
{
  guint16 actor;
  guint16 object;
} WeftModelEdge;

/* Construction. */
#define WEFT_TYPE_MODEL (weft_model_get_type ())
GType        weft_model_get_type         (void) G_GNUC_CONST;

/* Reference-counted: the session, the views and a worker may each hold the model. */
WeftModel   *weft_model_new              (void);
WeftModel   *weft_model_ref              (WeftModel      *self);
void         weft_model_unref            (WeftModel      *self);
guint        weft_model_add_actor        (WeftModel      *self,
                                          const char     *name);
/* @initial: see weft_object_get_initial_value(); @queue_kind only for queues. */
guint        weft_model_add_object       (WeftModel      *self,
                                          const char     *name,
                                          WeftObjectKind  kind,
                                          gint32          initial,
                                          WeftQueueKind   queue_kind);
/* What @actor, parked before @op on @object (WEFT_NONE: none), will do next in the
 * story's words ("take the left fork"), translated; weft_model_sync() sets them from the
 * scenario. */
void         weft_model_set_next_words   (WeftModel      *self,
                                          guint           actor,
                                          WeftOp          op,
                                          guint16         object,
                                          const char     *words);
/* Activity ids in events refer to these msgids (N_()), from id 1. */
void         weft_model_set_activity     (WeftModel      *self,
                                          guint16         id,
                                          const char     *activity);
void         weft_model_set_mode         (WeftModel      *self,
                                          WeftMode        mode);
void         weft_model_set_layout       (WeftModel      *self,
                                          WeftLayout      layout);
/* The title and subtitle an exported page shows (translated already). */
void         weft_model_set_title        (WeftModel      *self,
                                          const char     *title,
                                          const char     *subtitle);
/* Events in trace order; times must not go backwards. The model numbers them from 0 as
 * the trace does: a CAUSE names its cause by that number (weft-types.h). */
void         weft_model_add_event        (WeftModel      *self,
                                          const WeftEvent *event);
/* Where the last spans end: the run's elapsed time. Never moves backwards. */
void         weft_model_set_end          (WeftModel      *self,
                                          guint64         end_ns);

/* A model of @run: its actors, objects, activities, mode and layout (title: the
 * scenario's, subtitle: none). Events come with weft_model_sync(). */
WeftModel   *weft_model_new_for_run      (WeftRun        *run);
/* Adds the events recorded since the last sync (and activities interned meanwhile) and
 * moves the end to the run's elapsed time. Returns how many events were added. If the
 * run's trace dropped events the model has not seen, the spans continue across the gap
 * and weft_model_get_n_dropped() counts them. */
guint64      weft_model_sync             (WeftModel      *self,
                                          WeftRun        *run);
/* The same, reading at most @max_events: a window that fell behind (its frame clock
 * stopped while the threads ran) catches up over several frames instead of freezing.
 * Returns the events added; fewer than @max_events means the model is up to date. */
guint64      weft_model_sync_some        (WeftModel      *self,
                                          WeftRun        *run,
                                          guint64         max_events);
/* A sync in steps, for a reader that walks the trace itself and hands the same events to
 * other consumers (the window's frame reader): weft_model_begin_read() once, then
 * weft_model_read_event() for each event with its trace index and the events the reader's
 * cursor skipped before it (recycled by the memory cap), then weft_model_end_read() with
 * whether the reader is behind the trace and what it skipped at the end. */
void         weft_model_begin_read       (WeftModel       *self,
                                          WeftRun         *run);
void         weft_model_read_event       (WeftModel       *self,
                                          WeftRun         *run,
                                          guint64          index,
                                          const WeftEvent *event,
                                          guint64          skipped);
void         weft_model_end_read         (WeftModel       *self,
                                          WeftRun         *run,
                                          gboolean         behind,
                                          guint64          skipped);

/* Forgets the spans that ended before @time_ns and the flows that ended before it (in
 * whole checkpoints, when they are at least half of what is kept, so memory stays in
 * proportion to what is remembered). weft_model_sync() calls it with the time of the
 * trace's oldest kept event: a run with a capped trace gives a model of bounded size.
 * Queries before that time answer as if nothing was known then. */
void         weft_model_forget_before    (WeftModel      *self,
                                          guint64         time_ns);
/* History dropped on purpose (the trace's memory cap): nothing is known before @time_ns,
 * when @n_events had been recorded. A sync sets it; the timeline draws and says it. */
void         weft_model_set_forgotten    (WeftModel      *self,
                                          guint64         time_ns,
                                          guint64         n_events);
/* The threads none of whose events were read (dropped, or jumped over) are looked at in
 * @run itself (a sample, not an event): each lane says what the run has its thread doing
 * from @time_ns on, instead of "new". Threads already seen keep their spans. Called once
 * the events after @time_ns are read, so that none of them contradicts the look. */
void         weft_model_note_unseen_threads (WeftModel   *self,
                                             WeftRun     *run,
                                             guint64      time_ns);
/* The time before which history was dropped (0: none), and how many events that was. */
guint64      weft_model_get_forgotten    (WeftModel      *self,
                                          guint64        *n_events);

/* Reading. */
guint        weft_model_get_n_actors     (WeftModel      *self);
const char  *weft_model_get_actor_name   (WeftModel      *self,
                                          guint           actor);
/* @actor's role in the story as its scenario declared it (weft_actor_get_role());
 * weft_model_new_for_run() copies it. WEFT_ACTOR_ROLE_NONE when none was set. */
void          weft_model_set_actor_role  (WeftModel      *self,
                                          guint           actor,
                                          WeftActorRole   role);
WeftActorRole weft_model_get_actor_role  (WeftModel      *self,
                                          guint           actor);
guint        weft_model_get_n_objects    (WeftModel      *self);
const char  *weft_model_get_object_name  (WeftModel      *self,
                                          guint           object);
WeftObjectKind weft_model_get_object_kind (WeftModel     *self,
                                          guint           object);
/* A queue's order (FIFO for every other object): a LIFO list's items, kept next to get
 * first, read the other way round in print order. */
WeftQueueKind weft_model_get_object_queue_kind (WeftModel  *self,
                                                guint       object);
gint32       weft_model_get_object_initial (WeftModel    *self,
                                          guint           object);
/* The smallest and largest value its spans took (see WeftResourceSpan.value). */
void         weft_model_get_object_range (WeftModel      *self,
                                          guint           object,
                                          gint32         *min_value,
                                          gint32         *max_value);
/* Untranslated msgid, or NULL for id 0 or an unknown id. */
/* What @actor, parked before @op on @object, will do next in the story's words,
 * translated: the scenario's ("take the left fork") when the model was synced from a run,
 * else the generic words ("take fork 2"). Never a gate's name; free it. */
char        *weft_model_describe_next    (WeftModel      *self,
                                          guint           actor,
                                          WeftOp          op,
                                          guint16         object);
const char  *weft_model_get_activity     (WeftModel      *self,
                                          guint16         id);
WeftMode     weft_model_get_mode         (WeftModel      *self);
WeftLayout   weft_model_get_layout       (WeftModel      *self);
const char  *weft_model_get_title        (WeftModel      *self);
const char  *weft_model_get_subtitle     (WeftModel      *self);
guint64      weft_model_get_end_ns       (WeftModel      *self);
guint64      weft_model_get_n_events     (WeftModel      *self);
guint64      weft_model_get_n_dropped    (WeftModel      *self);
WeftOutcome  weft_model_get_outcome      (WeftModel      *self);

/* Lanes, in drawing order: every actor, then the locks, semaphores, queues and shared
 * variables grouped by kind, the kind with the fewest lanes first (ties: the kind created
 * first), each in creation order (conditions, events and barriers have no lane). */
guint        weft_model_get_n_lanes      (WeftModel      *self);
WeftLaneKind weft_model_get_lane_kind    (WeftModel      *self,
                                          guint           lane);
/* The actor index of a thread lane, the object index of the others. */
guint        weft_model_get_lane_subject (WeftModel      *self,
                                          guint           lane);
/* The lane of an object, or -1 if it has none. */
int          weft_model_get_object_lane  (WeftModel      *self,
                                          guint           object);

const WeftThreadSpan   *weft_model_get_thread_spans   (WeftModel *self,
                                                       guint      actor,
                                                       guint     *n_spans);
const WeftResourceSpan *weft_model_get_resource_spans (WeftModel *self,
                                                       guint      object,
                                                       guint     *n_spans);
/* Every object's spans, lane or not: a condition's, an event's (value: 1 while set) or a
 * barrier's (value: parties arrived) too, for their waiters. What the trace export's
 * counters read; the views read weft_model_get_resource_spans(). */
const WeftResourceSpan *weft_model_get_object_spans   (WeftModel *self,
                                                       guint      object,
                                                       guint     *n_spans);
/* The n_list entries of a span. */
const gint32           *weft_model_get_span_list      (WeftModel *self,
                                                       const WeftResourceSpan *span);
/* Index of the span in effect at @time_ns (the last starting at or before it), or -1
 * before the first. */
gssize       weft_model_find_thread_span   (WeftModel    *self,
                                            guint         actor,
                                            guint64       time_ns);
gssize       weft_model_find_resource_span (WeftModel    *self,
                                            guint         object,
                                            guint64       time_ns);
/* Hints that the span in effect at @time_ns, and its sums, will be asked for soon: a walk
 * from left to right names the time a column or two ahead, and its spans are fetched
 * into the cache meanwhile. Changes no answer. */
void         weft_model_prefetch_thread_time   (WeftModel *self,
                                                guint      actor,
                                                guint64    time_ns);
void         weft_model_prefetch_resource_time (WeftModel *self,
                                                guint      object,
                                                guint64    time_ns);

/* Nanoseconds @actor spent in each state over [t0, t1): out[WEFT_N_STATES]. The last
 * answer is kept: a walk asking for [a, b) then [b, c) pays for b once. */
void         weft_model_get_thread_time  (WeftModel      *self,
                                          guint           actor,
                                          guint64         t0,
                                          guint64         t1,
                                          guint64        *out);
/* Over [t0, t1) of a resource lane: the time-weighted mean of its "use" (lock: 1 while
 * held; semaphore: units held; queue: length; shared: value), the mean number of
 * waiters, and the number of spans that started in it and of stale writes among them. */
typedef struct
{
  double mean_use;
  double mean_waiting;
  guint  n_changes;
  guint  n_stale;
} WeftResourceSummary;

void         weft_model_get_resource_summary (WeftModel  *self,
                                              guint       object,
                                              guint64     t0,
                                              guint64     t1,
                                              WeftResourceSummary *out);

/* Flows, in the order of their ends (to_ns). */
const WeftFlow *weft_model_get_flows     (WeftModel      *self,
                                          guint          *n_flows);
/* The index of the first flow ending at or after @time_ns (n_flows when none does). */
guint        weft_model_find_flow_ending (WeftModel      *self,
                                          guint64         time_ns);

/* The deadlock, if one was reported: its time and its cycle (n_edges may be 0 when every
 * actor waits with no cycle). */
gboolean     weft_model_get_deadlock     (WeftModel      *self,
                                          guint64        *time_ns,
                                          const WeftModelEdge **edges,
                                          guint          *n_edges);

/* The events shown as instants, as recorded, in trace order: run control (pause, resume,
 * stop, end), steps, misuses, failed tries, marks and the deadlock. */
const WeftEvent *weft_model_get_instants (WeftModel      *self,
                                          guint          *n_instants);

/* Step mode: the times of the STEP events. */
const guint64 *weft_model_get_step_times (WeftModel      *self,
                                          guint          *n_steps);

/* A free part of a stepped run let go: [start_ns, end_ns) in time, drawn linearly over
 * [axis_start, axis_end). */
typedef struct
{
  guint64 start_ns;
  guint64 end_ns;
  double  axis_start;
  double  axis_end;
} WeftModelFreePart;

/* Step mode: the free parts, in time order (none in a run that was never let go). */
const WeftModelFreePart *weft_model_get_free_parts (WeftModel *self,
                                                    guint     *n_parts);
/* Step mode: the axis where step @k (0-based) starts; it spans [that, that + 1). */
double       weft_model_get_step_axis    (WeftModel      *self,
                                          guint           k);

/* The census: with many lanes (64 threads or more; 64 locks and semaphores or more), the
 * mean number of threads in each state over [t0, t1) (at t0 when t1 <= t0), or of locks
 * and semaphores held and with waiters. FALSE when the model keeps no census (few lanes)
 * or has no events yet. What the timeline's density band draws. */
gboolean     weft_model_get_thread_census   (WeftModel *self,
                                             guint64    t0,
                                             guint64    t1,
                                             double     mean[WEFT_N_STATES]);
gboolean     weft_model_get_resource_census (WeftModel *self,
                                             guint64    t0,
                                             guint64    t1,
                                             double    *held,
                                             double    *waited);
/* The locks and semaphores the resource census counts. */
guint        weft_model_get_n_census_resources (WeftModel *self);

/* The axis (see above). */
double       weft_model_get_axis_start   (WeftModel      *self);
double       weft_model_get_axis_end     (WeftModel      *self);
double       weft_model_time_to_axis     (WeftModel      *self,
                                          guint64         time_ns);
guint64      weft_model_axis_to_time     (WeftModel      *self,
                                          double          axis);

/* Values (weft-model-values.c) ------------------------------------------------------------
 *
 * What each thread read from a shared variable, what it computed and will write
 * (weft_shared_plan_write()), and what it wrote: the bank's "R 2000", "W 7000". */
typedef enum
{
  WEFT_VALUE_READ,
  WEFT_VALUE_PLAN,   /* computed, not written yet */
  WEFT_VALUE_WRITE,
  WEFT_VALUE_GOT,    /* an item the thread took from a queue */
} WeftValueKind;

typedef struct
{
  guint64 time_ns;
  gint32  value;
  guint16 object;
  guint8  kind;      /* WeftValueKind */
  guint8  stale;     /* a write computed from a read another write had overtaken */
} WeftValueMark;

/* @actor's marks, in time order. */
const WeftValueMark *weft_model_get_value_marks     (WeftModel      *self,
                                                     guint           actor,
                                                     guint          *n_marks);
/* The last mark of @actor of each kind at or before @time_ns (NULL: none), and whether
 * the last read came after the last write (the thread holds a value it has not written
 * back yet). */
typedef struct
{
  const WeftValueMark *read;
  const WeftValueMark *plan;
  const WeftValueMark *write;
  const WeftValueMark *got;        /* the last item taken from a queue, sentinels apart */
  guint                n_writes;   /* writes so far */
  gboolean             pending;    /* read (and maybe planned) but not written since */
} WeftActorValues;

void         weft_model_get_actor_values    (WeftModel      *self,
                                             guint           actor,
                                             guint64         time_ns,
                                             WeftActorValues *out);
/* What a shared variable should hold at the end if nothing is lost (the bank's 6000). */
void         weft_model_set_object_expected (WeftModel      *self,
                                             guint           object,
                                             gint32          expected);
gboolean     weft_model_get_object_expected (WeftModel      *self,
                                             guint           object,
                                             gint32         *expected);
void         weft_model_set_object_role     (WeftModel      *self,
                                             guint           object,
                                             WeftSharedRole  role);
WeftSharedRole weft_model_get_object_role   (WeftModel      *self,
                                             guint           object);
/* The writes to @object at or before @time_ns, all threads. */
guint        weft_model_count_writes        (WeftModel      *self,
                                             guint           object,
                                             guint64         time_ns);
/* What happened, in a sentence made from the run (weft_run_describe_outcome()),
 * translated: an exported page shows it under its title. NULL: none. */
void         weft_model_set_caption         (WeftModel      *self,
                                             const char     *caption);
const char  *weft_model_get_caption         (WeftModel      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftModel, weft_model_unref)

G_END_DECLS
