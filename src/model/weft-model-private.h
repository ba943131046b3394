/* weft-model-private.h — the model's insides, shared by the files that build it from
 * events (weft-model.c, weft-model-spans.c, weft-model-flows.c) and those that answer the
 * views' questions (weft-model-query.c, weft-model-axis.c, …).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include "weft-model.h"

G_BEGIN_DECLS

/* In step mode, the part of a step's interval given to what happened in it; the rest is
 * the pause until the next step (the teacher thinking). */
#define STEP_BUSY_FRACTION 0.85

/* A stepped run let go (Space): its free parts are drawn in time after the steps. They
 * take FREE_SHARE_RATIO times the axis the stepped part takes (so 60 % of the whole run),
 * and at least FREE_MIN_UNITS steps' width when there were few steps. */
#define FREE_SHARE_RATIO 1.5
#define FREE_MIN_UNITS   6.0

/* Where a model's small arrays live (weft-model-store.c): blocks carved from huge-page
 * chunks, one arena per model, used by one thread at a time as the model is. */
typedef struct _StoreArena StoreArena;

/* A growing contiguous array (weft-model-store.c): what a GArray is for the arrays an
 * event appends to, grown without copying. @data and @len read as a GArray's. */
typedef struct
{
  guint8     *data;
  guint       len;
  guint       capacity;      /* elements */
  guint       element_size;
  gsize       mapped;        /* bytes of its own mapping, 0: none */
  gsize       block;         /* bytes of its block in @arena, 0: none */
  StoreArena *arena;         /* NULL: small stores are in the heap */
} Store;

#define store_index(s, t, i) (((t *) (void *) (s)->data)[(i)])

StoreArena *store_arena_new  (void);
void        store_arena_free (StoreArena   *arena);

Store *store_new          (StoreArena    *arena,
                           guint          element_size);
void   store_free         (Store         *store);
void   store_grow         (Store         *store,
                           guint          n);
void   store_append_vals  (Store         *store,
                           gconstpointer  data,
                           guint          n);
void   store_remove_front (Store         *store,
                           guint          n);
void   store_remove_queued (Store        *store,
                            guint        *head,
                            guint         i);

/* Room for at least @n more elements: most calls have it, and ask in line. */
static inline void
store_reserve (Store *store,
               guint  n)
{
  if (G_UNLIKELY ((gsize) store->len + n > store->capacity))
    store_grow (store, n);
}

/* How far ahead of its end a store's memory is asked into the cache as it is written.
 * An event writes at the end of one or two of a model's tens of stores (every lane's spans
 * and checkpoints, the lists, the values): more streams than the processor's prefetcher
 * follows, so without the hint each new cache line of a store is a miss the write waits
 * for. Measured on the synthetic 10 M-event trace: 15–20 % of the build (issue 14). */
#define STORE_PREFETCH_AHEAD 256

/* Appends one element, @v an lvalue of the store's type. */
#define store_append_val(s, v) \
  G_STMT_START { \
    Store *store_ = (s); \
    guint8 *at_; \
    if (G_UNLIKELY (store_->len >= store_->capacity)) \
      store_grow (store_, 1); \
    at_ = store_->data + (gsize) store_->len * store_->element_size; \
    memcpy (at_, &(v), sizeof (v)); \
    /* A hint: past the store's end it is dropped, never a fault. */ \
    __builtin_prefetch (at_ + STORE_PREFETCH_AHEAD, 1); \
    store_->len++; \
  } G_STMT_END

typedef struct
{
  guint64 ns[WEFT_N_STATES];
} ThreadSums;

/* A census (weft-model-census.c): counts per category over time. Threads: one category
 * per state; resources: held, with waiters. */
#define CENSUS_N      8
#define CENSUS_NONE   G_MAXUINT
#define CENSUS_HELD   0
#define CENSUS_WAITED 1
/* Kept only for models with at least this many thread (or resource) lanes. */
#define WEFT_MODEL_CENSUS_MIN 64

G_STATIC_ASSERT (WEFT_N_STATES <= CENSUS_N);

typedef struct
{
  guint64 time_ns;
  guint16 count[CENSUS_N];
} CensusEntry;

typedef struct
{
  double ns[CENSUS_N];
} CensusSums;

typedef struct
{
  Store      *entries;   /* CensusEntry */
  Store      *sums;      /* CensusSums before entry k × WEFT_MODEL_CHECKPOINT */
  Store      *starts;    /* guint64: the time of entry k × WEFT_MODEL_CHECKPOINT */
  CensusSums  acc;
  guint16     now[CENSUS_N];
  /* The last search and integral (see census_integral()). */
  guint       found;
  gboolean    cached_valid;
  guint64     cached_t;
  CensusSums  cached;
} Census;

void     census_init  (Census       *census,
                       StoreArena   *arena);
void     census_clear (Census       *census);
void     census_record_move (Census *census,
                             guint   from,
                             guint   to,
                             guint64 time_ns);
gboolean census_mean  (Census       *census,
                       guint64       t0,
                       guint64       t1,
                       guint64       end_ns,
                       double        out[CENSUS_N]);

/* One subject moves from category @from to @to (CENSUS_NONE: from or to nowhere) at
 * @time_ns. A census is kept only for models with at least WEFT_MODEL_CENSUS_MIN thread
 * (resource) lanes: the callers ask first, and most models, whose events then pay
 * nothing for it, never call this (issue 14: a fifth of a lock's event). */
static inline void
census_move (Census   *census,
             guint     from,
             guint     to,
             guint64   time_ns)
{
  if (from != to)
    census_record_move (census, from, to, time_ns);
}

typedef struct
{
  double  use;   /* ∫ use dt, ns */
  double  wait;  /* ∫ waiters dt, ns */
  guint   n_stale;
} ResourceSums;

/* An event that a CAUSE may name (weft-model-flows.c): its trace index, time and actor. */
typedef struct
{
  guint64 index;
  guint64 time_ns;
  guint16 actor;
} Source;

typedef struct
{
  char       *name;
  WeftActorRole role;       /* as the scenario declared it */
  Store      *spans;        /* WeftThreadSpan */
  Store      *sums;         /* ThreadSums before span k × WEFT_MODEL_CHECKPOINT */
  Store      *starts;       /* guint64: the start of span k × WEFT_MODEL_CHECKPOINT, what a
                             * search reads first: 128 spans per cache line, not 4 */
  ThreadSums  acc;          /* sums of the closed spans */
  guint       index;
  guint16     story_activity; /* the activity of the pause it last passed, until its next
                               * operation: what a parked thread is doing in the story */
  /* The last sums asked for: a timeline asks for each column's end, then for the same
   * time as the next column's start. Reset when spans are added. */
  guint64     cached_t;
  guint64     cached_gen;
  ThreadSums  cached;
  guint64     found_t;      /* the last find: time, answer, generation */
  gssize      found;
  guint64     found_gen;
} Actor;

typedef struct
{
  char           *name;
  WeftObjectKind  kind;
  guint           index;
  gint32          initial;
  WeftQueueKind   queue_kind;
  int             lane;
  gint32          min_value;
  gint32          max_value;
  Store          *spans;     /* WeftResourceSpan; every object's (conditions, events and
                              * barriers too: the trace export shows their waiters), but
                              * only those with a lane are resource spans to the views */
  Store          *sums;      /* ResourceSums */
  Store          *starts;    /* as for actors */
  ResourceSums    acc;
  guint64         cached_t;        /* as for actors */
  guint64         cached_gen;
  guint64         found_t;
  gssize          found;
  guint64         found_gen;
  ResourceSums    cached;
  gssize          cached_i;        /* the span in effect at cached_t */
  /* Now. */
  gint32          value;
  guint16         owner;
  guint16         n_waiting;
  Store          *list;      /* gint32: semaphore holders, queue items (next first), from
                              * list_head on (see weft-model-spans.c) */
  guint           list_head;
  gboolean        has_list;  /* a semaphore, a queue, or any object a put named (a foreign
                              * trace): the others' spans share an empty list */
  /* What a CAUSE may name (weft-model-flows.c): the last event that freed it (a release,
   * a get), the last that woke its waiters (notify, set, opening), the puts not got yet. */
  Source          freed;
  Source          woke;
  Store          *puts;      /* Source, by index, from puts_head on; NULL until a put */
  guint           puts_head;
  guint8          census;    /* in the resource census: bit 0 held, bit 1 with waiters */
} Object;

/* Sets of event kinds, one bit per kind: each event asks each part of the model whether
 * it cares with one test instead of a call and a switch. */
G_STATIC_ASSERT (WEFT_N_EVENT_KINDS <= 32);
#define KIND_BIT(k) (1u << (k))

/* The events a view shows as instants, kept as they are (see weft_model_get_instants). */
#define INSTANT_KINDS \
  (KIND_BIT (WEFT_EVENT_RUN_PAUSE) | KIND_BIT (WEFT_EVENT_RUN_RESUME) | \
   KIND_BIT (WEFT_EVENT_RUN_STOP) | KIND_BIT (WEFT_EVENT_RUN_END) | KIND_BIT (WEFT_EVENT_STEP) | \
   KIND_BIT (WEFT_EVENT_MISUSE) | KIND_BIT (WEFT_EVENT_TRY_FAILED) | KIND_BIT (WEFT_EVENT_MARK) | \
   KIND_BIT (WEFT_EVENT_DEADLOCK))
/* Events that are not a thread's own operation (a state, a step, a mark, a cycle edge, a
 * cause); any other event of a thread ends the pause it was in. */
#define NOT_OPERATION_KINDS \
  (KIND_BIT (WEFT_EVENT_STATE) | KIND_BIT (WEFT_EVENT_STEP) | KIND_BIT (WEFT_EVENT_MARK) | \
   KIND_BIT (WEFT_EVENT_CYCLE_EDGE) | KIND_BIT (WEFT_EVENT_CAUSE))
/* What weft_model_values_add_event() keeps: it is called for these only. */
#define VALUE_KINDS \
  (KIND_BIT (WEFT_EVENT_READ) | KIND_BIT (WEFT_EVENT_WRITE) | KIND_BIT (WEFT_EVENT_MARK) | \
   KIND_BIT (WEFT_EVENT_QUEUE_GET))
/* What weft_model_flows_add_event() follows: it is called for these only. */
#define FLOW_KINDS \
  (KIND_BIT (WEFT_EVENT_RELEASED) | KIND_BIT (WEFT_EVENT_QUEUE_GET) | \
   KIND_BIT (WEFT_EVENT_NOTIFY) | KIND_BIT (WEFT_EVENT_NOTIFY_ALL) | \
   KIND_BIT (WEFT_EVENT_FLAG_SET) | KIND_BIT (WEFT_EVENT_BARRIER_OPEN) | \
   KIND_BIT (WEFT_EVENT_QUEUE_PUT) | KIND_BIT (WEFT_EVENT_CAUSE))
/* What model_on_run_event() (weft-model.c) reads: it is called for these only. */
#define RUN_KINDS \
  (KIND_BIT (WEFT_EVENT_RUN_START) | KIND_BIT (WEFT_EVENT_RUN_END) | \
   KIND_BIT (WEFT_EVENT_RUN_STOP) | KIND_BIT (WEFT_EVENT_STEP) | KIND_BIT (WEFT_EVENT_DEADLOCK) | \
   KIND_BIT (WEFT_EVENT_CYCLE_EDGE) | KIND_BIT (WEFT_EVENT_RUN_RESUME) | \
   KIND_BIT (WEFT_EVENT_RUN_PAUSE))

typedef struct _WeftModelValues WeftModelValues;

struct _WeftModel
{
  grefcount   ref_count;
  GPtrArray  *actors;       /* Actor */
  GPtrArray  *objects;      /* Object */
  GArray     *lanes;        /* guint32: kind << 24 | subject */
  GPtrArray  *activities;   /* const char *, index = id */
  GHashTable *next_words;   /* actor << 32 | op << 16 | object → char *, translated */
  StoreArena *arena;        /* the stores' memory */
  Store      *pool;         /* gint32: span lists */
  Store      *flows;        /* WeftFlow */
  GArray     *steps;        /* guint64: STEP times */
  GArray     *settles;      /* guint64: per step, the time of its last event */
  GArray     *edges;        /* WeftModelEdge */
  GArray     *instants;     /* WeftEvent: see weft_model_get_instants() */
  GArray     *frees;        /* guint64 pairs (resume, pause): the free parts (a run started
                             * free has one from 0); an open part's pause is G_MAXUINT64 */
  gboolean    started_free; /* started in run mode: no start column before the free part */
  GArray     *free_parts;   /* WeftModelFreePart, built with the warp */
  GArray     *step_axes;    /* double: where each step starts on the axis, with the warp */
  GArray     *warp;         /* double pairs (axis, time): step mode, built lazily */
  gboolean    warp_valid;
  Census      thread_census;
  Census      resource_census;
  guint       n_census_resources; /* locks and semaphores, counted in the census */
  gboolean    deadlock;
  guint64     deadlock_ns;
  WeftMode    mode;
  WeftLayout  layout;
  WeftOutcome outcome;
  char       *title;
  char       *subtitle;
  WeftModelValues *values;  /* weft-model-values.c; NULL until needed */
  guint64     end_ns;
  guint64     generation;   /* changes with every event and end: invalidates the caches */
  guint64     last_ns;
  guint64     n_events;
  guint64     n_dropped;
  guint64     forgotten_ns;   /* history before this time is gone (the trace's cap) */
  guint64     n_forgotten;    /* events recorded before it */
  guint64     next_index;   /* the trace index of the next event (sync: the next to read) */
  guint       n_activities_synced;
};

/* What each thread read and wrote, and the shared variables' expected values: see
 * weft-model-values.c. */

void weft_model_values_add_event (WeftModel       *self,
                                  const WeftEvent *event);
void weft_model_values_free      (WeftModelValues *values);
/* From a run: a shared variable's expected value and role. */
void weft_model_values_add_object (WeftModel      *self,
                                   guint           index,
                                   WeftObject     *object);

/* weft-model-query.c: the span of @o in effect at @time_ns, lane or not (-1: none). */
gssize model_find_object_span (WeftModel *self,
                               Object    *o,
                               guint64    time_ns);

/* weft-model-spans.c: the spans, as events change them. */
void actor_push  (WeftModel            *self,
                  Actor                *actor,
                  const WeftThreadSpan *span);
void object_push (WeftModel            *self,
                  Object               *object,
                  guint64               time_ns,
                  guint8                flags);
/* weft-model-spans.c: what event @index of the trace does to the model. */
void model_add_event (WeftModel       *self,
                      guint64          index,
                      const WeftEvent *event);

/* weft-model.c: the run's own events (RUN_KINDS). */
void model_on_run_event (WeftModel       *self,
                         const WeftEvent *event,
                         guint64          now);

/* weft-model-census.c: the counts of a census that starts now, the model having reached
 * WEFT_MODEL_CENSUS_MIN lanes: taken from the threads' last spans (from the locks' and
 * semaphores' last spans, whose bits they set). */
void census_count_threads   (WeftModel *self);
void census_count_resources (WeftModel *self);

/* A lock's or a semaphore's place in the resource census with @value and @n_waiting: bit 0
 * held, bit 1 with waiters. */
static inline guint8
object_census_bits (const Object *object,
                    gint32        value,
                    guint16       n_waiting)
{
  gboolean held = object->kind == WEFT_OBJECT_LOCK || object->kind == WEFT_OBJECT_RLOCK
                    ? value > 0 : object->initial - value > 0;

  return (held ? 1 : 0) | (n_waiting > 0 ? 2 : 0);
}

/* Whether a stepped run is let go now (in an open free part). */
static inline gboolean
model_is_free (WeftModel *self)
{
  return self->frees->len > 0 &&
         g_array_index (self->frees, guint64, self->frees->len - 1) == G_MAXUINT64;
}

/* weft-model-flows.c: the flows, only from the causes the runtime recorded. @index is the
 * event's index in the trace, @effect_ns the time of the event before it (a CAUSE's
 * effect). */
void weft_model_flows_add_event (WeftModel       *self,
                                 Object          *object,
                                 guint64          index,
                                 const WeftEvent *event,
                                 guint64          now,
                                 guint64          effect_ns);
void weft_model_flows_forget    (WeftModel       *self,
                                 guint64          time_ns);

/* weft-model-next.c: asks @run for the words of a parked event's next operation. */
void weft_model_sync_next_words (WeftModel       *self,
                                 WeftRun         *run,
                                 const WeftEvent *event);

static inline void
thread_sums_add (ThreadSums           *sums,
                 const WeftThreadSpan *span,
                 guint64               duration)
{
  sums->ns[span->state] += duration;
}

static inline void
resource_sums_add (ResourceSums           *sums,
                   const Object           *object,
                   const WeftResourceSpan *span,
                   guint64                 duration)
{
  double use;

  switch (object->kind)
    {
    case WEFT_OBJECT_LOCK:
    case WEFT_OBJECT_RLOCK:
      use = span->value > 0 ? 1.0 : 0.0;
      break;
    case WEFT_OBJECT_SEMAPHORE:
    case WEFT_OBJECT_BOUNDED_SEMAPHORE:
      use = MAX (0, object->initial - span->value);
      break;
    case WEFT_OBJECT_QUEUE:
    case WEFT_OBJECT_SHARED:
    case WEFT_OBJECT_CONDITION:
    case WEFT_OBJECT_FLAG:
    case WEFT_OBJECT_BARRIER:
    case WEFT_N_OBJECT_KINDS:
    default:
      use = span->value;
      break;
    }

  sums->use += use * (double) duration;
  sums->wait += span->n_waiting * (double) duration;
}

static inline Object *
get_object (WeftModel *self,
            guint      index)
{
  if (index >= self->objects->len)
    return NULL;
  return g_ptr_array_index (self->objects, index);
}

G_END_DECLS
