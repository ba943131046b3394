/* test-model.c — the render model: lanes in drawing order; thread and resource spans,
 * whose checkpointed sums are checked against brute force on large random traces;
 * hand-off, wake and item flows; the deadlock and the outcome; the step-mode axis; and
 * models of real runs (philosophers deadlocking in step mode, publishers and subscribers
 * in run mode) checked against what the runtime itself says.
 *
 * Synthetic traces are built by hand, event by event, in trace order.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "weft-model.h"
#include "weft-model-private.h"  /* WEFT_MODEL_CENSUS_MIN */
#include "weft-render.h"
#include "weft-test-model.h"

/* Random traces: long enough to cross many checkpoints on every lane. */
#define RANDOM_ACTORS    4
#define RANDOM_CHANGES   10000
#define RANDOM_INTERVALS 3000

/* Events ---------------------------------------------------------------------------------- */

static void
model_state (WeftModel *model,
             guint64    time_ns,
             guint16    actor,
             WeftState  state,
             guint16    object,
             gint32     value)
{
  test_model_event (model, time_ns, WEFT_EVENT_STATE, (guint8) state, actor, object, value);
}

/* The index the next event will have in the model's trace (no events dropped). */
static guint64
next_index (WeftModel *model)
{
  return weft_model_get_n_events (model);
}

/* A CAUSE (weft-types.h) naming event @cause as the cause of the event just added. */
static void
model_cause (WeftModel     *model,
             guint64        time_ns,
             WeftCauseKind  kind,
             guint16        actor,
             guint16        object,
             guint64        cause)
{
  test_model_event (model, time_ns, WEFT_EVENT_CAUSE, (guint8) kind, actor, object,
                    (gint32) (next_index (model) - cause));
}

/* Queue put or get, each followed by the length, as weft-sync-queue.c records them. */
static void
model_queue_op (WeftModel     *model,
                guint64        time_ns,
                WeftEventKind  kind,
                guint16        actor,
                guint16        queue,
                gint32         item,
                gint32         length)
{
  test_model_event (model, time_ns, kind, 0, actor, queue, item);
  test_model_event (model, time_ns, WEFT_EVENT_QUEUE_LENGTH, 0, actor, queue, length);
}

/* Assertions ------------------------------------------------------------------------------ */

static const WeftResourceSpan *
last_resource_span (WeftModel *model,
                    guint      object)
{
  const WeftResourceSpan *spans;
  guint n;

  spans = weft_model_get_resource_spans (model, object, &n);
  ck_assert_uint_gt (n, 0);
  return &spans[n - 1];
}

static void
assert_resource_span (WeftModel *model,
                      guint      object,
                      guint      index,
                      guint64    start_ns,
                      gint32     value,
                      guint16    owner,
                      guint16    n_waiting)
{
  const WeftResourceSpan *spans;
  guint n;

  spans = weft_model_get_resource_spans (model, object, &n);
  ck_assert_msg (index < n, "object %u has %u spans, not %u", object, n, index + 1);
  ck_assert_msg (spans[index].start_ns == start_ns && spans[index].value == value &&
                 spans[index].owner == owner && spans[index].n_waiting == n_waiting,
                 "object %u span %u: start %" G_GUINT64_FORMAT " value %d owner %u waiting %u, "
                 "expected %" G_GUINT64_FORMAT " %d %u %u", object, index,
                 spans[index].start_ns, spans[index].value, spans[index].owner,
                 spans[index].n_waiting, start_ns, value, owner, n_waiting);
}

static void
assert_list (WeftModel              *model,
             const WeftResourceSpan *span,
             const gint32           *expected,
             guint                   n_expected)
{
  const gint32 *list = weft_model_get_span_list (model, span);

  ck_assert_uint_eq (span->n_list, n_expected);
  ck_assert_ptr_nonnull (list);
  for (guint i = 0; i < n_expected; i++)
    ck_assert_msg (list[i] == expected[i], "list entry %u is %d, expected %d",
                   i, list[i], expected[i]);
}

static void
assert_flow (const WeftFlow *flow,
             WeftFlowKind    kind,
             guint16         from_actor,
             guint64         from_ns,
             guint16         to_actor,
             guint64         to_ns,
             guint16         object)
{
  ck_assert_msg (flow->kind == kind && flow->from_actor == from_actor &&
                 flow->from_ns == from_ns && flow->to_actor == to_actor &&
                 flow->to_ns == to_ns && flow->object == object,
                 "flow kind %u %u@%" G_GUINT64_FORMAT " → %u@%" G_GUINT64_FORMAT " on %u, "
                 "expected %u %u@%" G_GUINT64_FORMAT " → %u@%" G_GUINT64_FORMAT " on %u",
                 flow->kind, flow->from_actor, flow->from_ns, flow->to_actor, flow->to_ns,
                 flow->object, kind, from_actor, from_ns, to_actor, to_ns, object);
}

static guint
count_flows (WeftModel    *model,
             WeftFlowKind  kind)
{
  const WeftFlow *flows;
  guint n, count = 0;

  flows = weft_model_get_flows (model, &n);
  for (guint i = 0; i < n; i++)
    if (flows[i].kind == kind)
      count++;
  return count;
}

static void
assert_close (double      value,
              double      expected,
              const char *what)
{
  ck_assert_msg (fabs (value - expected) <= 1e-9 * MAX (1.0, fabs (expected)),
                 "%s is %.12g, expected %.12g", what, value, expected);
}

/* A random time in [0, limit]. */
static guint64
random_time (GRand   *rand,
             guint64  limit)
{
  return (guint64) (g_rand_double (rand) * (double) limit + 0.5);
}

/* Lanes ----------------------------------------------------------------------------------- */

START_TEST (test_lanes)
{
  g_autoptr(WeftModel) model = weft_model_new ();
  guint kant, hume, fork, cond, sem, flag, queue, barrier, shared, rlock, bsem, arendt;
  struct { WeftLaneKind kind; guint subject; } expected[9];

  kant = weft_model_add_actor (model, "Kant");
  hume = weft_model_add_actor (model, "Hume");
  fork = weft_model_add_object (model, "fork", WEFT_OBJECT_LOCK, 0, WEFT_QUEUE_FIFO);
  cond = weft_model_add_object (model, "cond", WEFT_OBJECT_CONDITION, 0, WEFT_QUEUE_FIFO);
  sem = weft_model_add_object (model, "sem", WEFT_OBJECT_SEMAPHORE, 3, WEFT_QUEUE_FIFO);
  flag = weft_model_add_object (model, "flag", WEFT_OBJECT_FLAG, 0, WEFT_QUEUE_FIFO);
  queue = weft_model_add_object (model, "queue", WEFT_OBJECT_QUEUE, 4, WEFT_QUEUE_LIFO);
  barrier = weft_model_add_object (model, "barrier", WEFT_OBJECT_BARRIER, 3, WEFT_QUEUE_FIFO);
  shared = weft_model_add_object (model, "x", WEFT_OBJECT_SHARED, 7, WEFT_QUEUE_FIFO);
  rlock = weft_model_add_object (model, "rlock", WEFT_OBJECT_RLOCK, 0, WEFT_QUEUE_FIFO);
  bsem = weft_model_add_object (model, "bsem", WEFT_OBJECT_BOUNDED_SEMAPHORE, 2, WEFT_QUEUE_FIFO);
  /* An actor added after the objects still gets its lane among the threads. */
  arendt = weft_model_add_actor (model, "Arendt");

  ck_assert_uint_eq (kant, 0);
  ck_assert_uint_eq (hume, 1);
  ck_assert_uint_eq (arendt, 2);
  ck_assert_uint_eq (fork, 0);
  ck_assert_uint_eq (bsem, 8);
  ck_assert_uint_eq (weft_model_get_n_actors (model), 3);
  ck_assert_uint_eq (weft_model_get_n_objects (model), 9);
  ck_assert_str_eq (weft_model_get_actor_name (model, arendt), "Arendt");
  ck_assert_str_eq (weft_model_get_object_name (model, barrier), "barrier");
  ck_assert_int_eq (weft_model_get_object_kind (model, rlock), WEFT_OBJECT_RLOCK);
  ck_assert_int_eq (weft_model_get_object_initial (model, sem), 3);
  ck_assert_int_eq (weft_model_get_object_initial (model, queue), 4);

  expected[0].kind = WEFT_LANE_THREAD;    expected[0].subject = kant;
  expected[1].kind = WEFT_LANE_THREAD;    expected[1].subject = hume;
  expected[2].kind = WEFT_LANE_THREAD;    expected[2].subject = arendt;
  /* Resources by kind, the fewest first (the first created first among equals), each
   * kind in creation order: one queue, one shared variable, two locks, two semaphores. */
  expected[3].kind = WEFT_LANE_QUEUE;     expected[3].subject = queue;
  expected[4].kind = WEFT_LANE_SHARED;    expected[4].subject = shared;
  expected[5].kind = WEFT_LANE_LOCK;      expected[5].subject = fork;
  expected[6].kind = WEFT_LANE_LOCK;      expected[6].subject = rlock;
  expected[7].kind = WEFT_LANE_SEMAPHORE; expected[7].subject = sem;
  expected[8].kind = WEFT_LANE_SEMAPHORE; expected[8].subject = bsem;

  ck_assert_uint_eq (weft_model_get_n_lanes (model), G_N_ELEMENTS (expected));
  for (guint lane = 0; lane < G_N_ELEMENTS (expected); lane++)
    {
      ck_assert_msg (weft_model_get_lane_kind (model, lane) == expected[lane].kind,
                     "lane %u is of kind %d", lane, weft_model_get_lane_kind (model, lane));
      ck_assert_uint_eq (weft_model_get_lane_subject (model, lane), expected[lane].subject);
      if (expected[lane].kind != WEFT_LANE_THREAD)
        ck_assert_int_eq (weft_model_get_object_lane (model, expected[lane].subject), (int) lane);
    }

  /* Conditions, events and barriers have no lane and no spans. */
  ck_assert_int_eq (weft_model_get_object_lane (model, cond), -1);
  ck_assert_int_eq (weft_model_get_object_lane (model, flag), -1);
  ck_assert_int_eq (weft_model_get_object_lane (model, barrier), -1);
  {
    guint n = 99;

    ck_assert_ptr_null (weft_model_get_resource_spans (model, cond, &n));
    ck_assert_uint_eq (n, 0);
    ck_assert_int_eq (weft_model_find_resource_span (model, flag, 100), -1);
  }

  /* Every lane starts with one span at 0: threads new, resources at their initial value
   * (a queue's "initial" is its capacity, not its length). */
  for (guint actor = 0; actor < 3; actor++)
    {
      const WeftThreadSpan *spans;
      guint n;

      spans = weft_model_get_thread_spans (model, actor, &n);
      ck_assert_uint_eq (n, 1);
      ck_assert_uint_eq (spans[0].start_ns, 0);
      ck_assert_uint_eq (spans[0].state, WEFT_STATE_NEW);
      ck_assert_uint_eq (spans[0].object, WEFT_NONE);
    }
  assert_resource_span (model, fork, 0, 0, 0, WEFT_NONE, 0);
  assert_resource_span (model, sem, 0, 0, 3, WEFT_NONE, 0);
  assert_resource_span (model, queue, 0, 0, 0, WEFT_NONE, 0);
  assert_resource_span (model, shared, 0, 0, 7, WEFT_NONE, 0);
  assert_resource_span (model, bsem, 0, 0, 2, WEFT_NONE, 0);
  ck_assert_uint_eq (last_resource_span (model, queue)->n_list, 0);
}
END_TEST

/* Thread spans ---------------------------------------------------------------------------- */

START_TEST (test_thread_spans)
{
  g_autoptr(WeftModel) model = weft_model_new ();
  const WeftThreadSpan *spans;
  guint64 out[WEFT_N_STATES];
  guint a, b, fork, n;

  a = weft_model_add_actor (model, "a");
  b = weft_model_add_actor (model, "b");
  fork = weft_model_add_object (model, "fork", WEFT_OBJECT_LOCK, 0, WEFT_QUEUE_FIFO);
  weft_model_set_activity (model, 1, "thinking");
  weft_model_set_activity (model, 2, "eating");

  /* b's first state at 0 replaces its "new" span. */
  model_state (model, 0, b, WEFT_STATE_RUNNING, WEFT_NONE, 2);
  /* a runs for no time: that span is replaced by the sleep at the same instant. */
  model_state (model, 100, a, WEFT_STATE_RUNNING, WEFT_NONE, 1);
  model_state (model, 100, a, WEFT_STATE_SLEEPING, WEFT_NONE, 1);
  model_state (model, 250, a, WEFT_STATE_BLOCKED, fork, 0);
  model_state (model, 400, a, WEFT_STATE_PARKED, fork, WEFT_OP_ACQUIRE);
  model_state (model, 450, a, WEFT_STATE_RUNNING, WEFT_NONE, 2);
  model_state (model, 500, a, WEFT_STATE_DONE, WEFT_NONE, 0);
  weft_model_set_end (model, 1000);
  weft_model_set_end (model, 800);  /* never backwards */
  ck_assert_uint_eq (weft_model_get_end_ns (model), 1000);
  ck_assert_uint_eq (weft_model_get_n_events (model), 7);

  spans = weft_model_get_thread_spans (model, b, &n);
  ck_assert_uint_eq (n, 1);
  ck_assert_uint_eq (spans[0].start_ns, 0);
  ck_assert_uint_eq (spans[0].state, WEFT_STATE_RUNNING);
  ck_assert_uint_eq (spans[0].detail, 2);

  spans = weft_model_get_thread_spans (model, a, &n);
  ck_assert_uint_eq (n, 6);
  {
    static const struct { guint64 start; WeftState state; guint16 object; guint16 detail; } want[] = {
      { 0, WEFT_STATE_NEW, WEFT_NONE, 0 },
      { 100, WEFT_STATE_SLEEPING, WEFT_NONE, 1 },  /* sleeping with activity 1 */
      { 250, WEFT_STATE_BLOCKED, 0, 0 },
      { 400, WEFT_STATE_PARKED, 0, WEFT_OP_ACQUIRE },
      { 450, WEFT_STATE_RUNNING, WEFT_NONE, 2 },
      { 500, WEFT_STATE_DONE, WEFT_NONE, 0 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (want); i++)
      ck_assert_msg (spans[i].start_ns == want[i].start && spans[i].state == want[i].state &&
                     spans[i].object == want[i].object && spans[i].detail == want[i].detail,
                     "span %u: %" G_GUINT64_FORMAT " state %u object %u detail %u", i,
                     spans[i].start_ns, spans[i].state, spans[i].object, spans[i].detail);
  }
  ck_assert_str_eq (weft_model_get_activity (model, spans[4].detail), "eating");
  ck_assert_ptr_null (weft_model_get_activity (model, 0));
  ck_assert_ptr_null (weft_model_get_activity (model, 3));

  /* The span in effect is the last one starting at or before the time. */
  {
    static const struct { guint64 t; gssize index; } at[] = {
      { 0, 0 }, { 99, 0 }, { 100, 1 }, { 101, 1 }, { 249, 1 }, { 250, 2 }, { 399, 2 },
      { 400, 3 }, { 449, 3 }, { 450, 4 }, { 499, 4 }, { 500, 5 }, { 1000, 5 },
      { G_GUINT64_CONSTANT (1) << 47, 5 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (at); i++)
      ck_assert_msg (weft_model_find_thread_span (model, a, at[i].t) == at[i].index,
                     "at %" G_GUINT64_FORMAT ": span %" G_GSSIZE_FORMAT ", expected %" G_GSSIZE_FORMAT,
                     at[i].t, weft_model_find_thread_span (model, a, at[i].t), at[i].index);
  }

  /* The fork's waiters follow a's block and the park that ends it. */
  ck_assert_int_eq (weft_model_find_resource_span (model, fork, 300), 1);
  assert_resource_span (model, fork, 1, 250, 0, WEFT_NONE, 1);
  assert_resource_span (model, fork, 2, 400, 0, WEFT_NONE, 0);

  weft_model_get_thread_time (model, a, 0, 1000, out);
  ck_assert_uint_eq (out[WEFT_STATE_NEW], 100);
  ck_assert_uint_eq (out[WEFT_STATE_RUNNING], 50);
  ck_assert_uint_eq (out[WEFT_STATE_SLEEPING], 150);
  ck_assert_uint_eq (out[WEFT_STATE_BLOCKED], 150);
  ck_assert_uint_eq (out[WEFT_STATE_WAITING], 0);
  ck_assert_uint_eq (out[WEFT_STATE_PARKED], 50);
  ck_assert_uint_eq (out[WEFT_STATE_DONE], 500);

  weft_model_get_thread_time (model, a, 120, 420, out);
  ck_assert_uint_eq (out[WEFT_STATE_SLEEPING], 130);
  ck_assert_uint_eq (out[WEFT_STATE_BLOCKED], 150);
  ck_assert_uint_eq (out[WEFT_STATE_PARKED], 20);
  ck_assert_uint_eq (out[WEFT_STATE_NEW] + out[WEFT_STATE_RUNNING] + out[WEFT_STATE_DONE], 0);

  /* Beyond the end: clamped to it. */
  weft_model_get_thread_time (model, a, 600, 5000, out);
  ck_assert_uint_eq (out[WEFT_STATE_DONE], 400);
  weft_model_get_thread_time (model, b, 0, G_MAXUINT64, out);
  ck_assert_uint_eq (out[WEFT_STATE_RUNNING], 1000);
  ck_assert_uint_eq (out[WEFT_STATE_NEW], 0);
  weft_model_get_thread_time (model, a, 2000, 3000, out);
  for (guint s = 0; s < WEFT_N_STATES; s++)
    ck_assert_uint_eq (out[s], 0);
  /* Empty and reversed intervals. */
  weft_model_get_thread_time (model, a, 300, 300, out);
  for (guint s = 0; s < WEFT_N_STATES; s++)
    ck_assert_uint_eq (out[s], 0);
  weft_model_get_thread_time (model, a, 400, 300, out);
  for (guint s = 0; s < WEFT_N_STATES; s++)
    ck_assert_uint_eq (out[s], 0);
}
END_TEST

typedef struct
{
  guint64 time_ns;
  guint8  state;
} Change;

/* The time in each state over [t0, t1), straight from the state changes (several at one
 * instant: the last one counts), the lane ending at @end. */
static void
brute_thread_time (GArray  *changes,
                   guint64  end,
                   guint64  t0,
                   guint64  t1,
                   guint64 *out)
{
  guint64 start = 0;
  guint8 state = WEFT_STATE_NEW;

  memset (out, 0, sizeof (guint64) * WEFT_N_STATES);
  t0 = MIN (t0, end);
  t1 = MIN (t1, end);
  if (t1 <= t0)
    return;

  for (guint i = 0; i <= changes->len; i++)
    {
      const Change *c = i < changes->len ? &g_array_index (changes, Change, i) : NULL;
      guint64 stop = c != NULL ? c->time_ns : end;
      guint64 lo = MAX (start, t0), hi = MIN (stop, t1);

      if (hi > lo)
        out[state] += hi - lo;
      if (c != NULL)
        {
          start = c->time_ns;
          state = c->state;
        }
    }
}

START_TEST (test_thread_time_random)
{
  g_autoptr(WeftModel) model = weft_model_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260101);
  GArray *changes[RANDOM_ACTORS];
  guint64 t = 0, end;

  for (guint a = 0; a < RANDOM_ACTORS; a++)
    {
      g_autofree char *name = g_strdup_printf ("actor %u", a);

      weft_model_add_actor (model, name);
      changes[a] = g_array_new (FALSE, FALSE, sizeof (Change));
    }

  for (guint i = 0; i < RANDOM_CHANGES; i++)
    {
      Change c;
      guint a = (guint) g_rand_int_range (rand, 0, RANDOM_ACTORS);

      /* One change in eight at the same instant as the previous: replaced spans. */
      if (g_rand_int_range (rand, 0, 8) != 0)
        t += (guint64) g_rand_int_range (rand, 1, 1000);
      c.time_ns = t;
      c.state = (guint8) g_rand_int_range (rand, 0, WEFT_N_STATES);
      g_array_append_val (changes[a], c);
      model_state (model, t, (guint16) a, c.state, WEFT_NONE, 0);
    }
  end = t + 777;
  weft_model_set_end (model, end);
  ck_assert_uint_eq (weft_model_get_end_ns (model), end);

  for (guint a = 0; a < RANDOM_ACTORS; a++)
    {
      const WeftThreadSpan *spans;
      guint n, k = 0;

      /* The spans are the changes, one per instant. */
      spans = weft_model_get_thread_spans (model, a, &n);
      ck_assert_uint_gt (n, 20 * WEFT_MODEL_CHECKPOINT);
      for (guint i = 0; i < changes[a]->len; i++)
        {
          const Change *c = &g_array_index (changes[a], Change, i);
          const Change *next = i + 1 < changes[a]->len
            ? &g_array_index (changes[a], Change, i + 1) : NULL;

          if (next != NULL && next->time_ns == c->time_ns)
            continue;
          if (c->time_ns > 0 && k == 0)
            k = 1;  /* the "new" span at 0 */
          ck_assert_uint_lt (k, n);
          ck_assert_uint_eq (spans[k].start_ns, c->time_ns);
          ck_assert_uint_eq (spans[k].state, c->state);
          k++;
        }
      ck_assert_uint_eq (k, n);

      for (guint i = 0; i < RANDOM_INTERVALS + 6; i++)
        {
          guint64 got[WEFT_N_STATES], want[WEFT_N_STATES];
          guint64 t0, t1, total = 0;

          switch (i)
            {
            case 0: t0 = 0; t1 = end; break;
            case 1: t0 = 0; t1 = G_MAXUINT64; break;
            case 2: t0 = end; t1 = end + 1000; break;
            case 3: t0 = end / 2; t1 = end / 2; break;
            case 4: t0 = spans[WEFT_MODEL_CHECKPOINT].start_ns;
                    t1 = spans[3 * WEFT_MODEL_CHECKPOINT].start_ns; break;
            case 5: t0 = spans[WEFT_MODEL_CHECKPOINT - 1].start_ns + 1;
                    t1 = spans[n - 1].start_ns; break;
            default:
              /* Up to a tenth beyond the end; a random order makes half of them empty
               * (reversed) — so the non-empty ones are also drawn as sorted pairs. */
              t0 = random_time (rand, end + end / 10);
              t1 = random_time (rand, end + end / 10);
              if (i % 2 == 0 && t1 < t0)
                {
                  guint64 tmp = t0;

                  t0 = t1;
                  t1 = tmp;
                }
              break;
            }

          weft_model_get_thread_time (model, a, t0, t1, got);
          brute_thread_time (changes[a], end, t0, t1, want);
          for (guint s = 0; s < WEFT_N_STATES; s++)
            {
              ck_assert_msg (got[s] == want[s], "actor %u [%" G_GUINT64_FORMAT ", %" G_GUINT64_FORMAT
                             "): state %u %" G_GUINT64_FORMAT " ns, brute force %" G_GUINT64_FORMAT,
                             a, t0, t1, s, got[s], want[s]);
              total += got[s];
            }
          ck_assert_uint_eq (total, MIN (t1, end) > MIN (t0, end) ? MIN (t1, end) - MIN (t0, end) : 0);
        }
    }

  for (guint a = 0; a < RANDOM_ACTORS; a++)
    g_array_unref (changes[a]);
}
END_TEST

/* Resource spans -------------------------------------------------------------------------- */

START_TEST (test_lock_spans_and_handoff)
{
  g_autoptr(WeftModel) model = weft_model_new ();
  WeftResourceSummary sum;
  const WeftFlow *flows;
  guint a, b, c, lock, rlock, n;
  guint64 released;

  a = weft_model_add_actor (model, "a");
  b = weft_model_add_actor (model, "b");
  c = weft_model_add_actor (model, "c");
  lock = weft_model_add_object (model, "lock", WEFT_OBJECT_LOCK, 0, WEFT_QUEUE_FIFO);
  rlock = weft_model_add_object (model, "rlock", WEFT_OBJECT_RLOCK, 0, WEFT_QUEUE_FIFO);

  test_model_event (model, 10, WEFT_EVENT_ACQUIRED, 0, a, lock, 1);
  model_state (model, 20, b, WEFT_STATE_BLOCKED, lock, 0);
  released = next_index (model);
  test_model_event (model, 30, WEFT_EVENT_RELEASED, 0, a, lock, 0);
  model_state (model, 31, b, WEFT_STATE_RUNNING, WEFT_NONE, 0);
  test_model_event (model, 40, WEFT_EVENT_ACQUIRED, 0, b, lock, 1);   /* hand-off a → b */
  model_cause (model, 40, WEFT_CAUSE_HANDOFF, b, lock, released);
  test_model_event (model, 50, WEFT_EVENT_RELEASED, 0, b, lock, 0);
  test_model_event (model, 60, WEFT_EVENT_ACQUIRED, 0, c, lock, 1);   /* c never blocked */
  model_state (model, 70, a, WEFT_STATE_BLOCKED, lock, 0);
  test_model_event (model, 80, WEFT_EVENT_TRY_FAILED, 0, b, lock, c);
  model_state (model, 90, a, WEFT_STATE_RUNNING, WEFT_NONE, 0);
  model_state (model, 95, a, WEFT_STATE_BLOCKED, lock, 0);       /* barged: blocks again */
  released = next_index (model);
  test_model_event (model, 100, WEFT_EVENT_RELEASED, 0, c, lock, 0);
  model_state (model, 105, a, WEFT_STATE_RUNNING, WEFT_NONE, 0);
  test_model_event (model, 110, WEFT_EVENT_ACQUIRED, 0, a, lock, 1);  /* hand-off c → a */
  model_cause (model, 110, WEFT_CAUSE_HANDOFF, a, lock, released);
  /* A cause naming an event that is not the one the model kept (the lock's last release)
   * makes no flow: nothing is guessed. */
  model_cause (model, 110, WEFT_CAUSE_HANDOFF, a, lock, released - 1);

  /* A reentrant lock: the owner stays until the depth is back to 0. */
  test_model_event (model, 120, WEFT_EVENT_ACQUIRED, 0, b, rlock, 1);
  test_model_event (model, 130, WEFT_EVENT_ACQUIRED, 0, b, rlock, 2);
  test_model_event (model, 140, WEFT_EVENT_RELEASED, 0, b, rlock, 1);
  test_model_event (model, 150, WEFT_EVENT_RELEASED, 0, b, rlock, 0);
  weft_model_set_end (model, 160);

  {
    static const struct { guint64 start; gint32 value; guint16 owner; guint16 waiting; } want[] = {
      { 0, 0, WEFT_NONE, 0 },
      { 10, 1, 0, 0 },
      { 20, 1, 0, 1 },
      { 30, 0, WEFT_NONE, 1 },
      { 31, 0, WEFT_NONE, 0 },
      { 40, 1, 1, 0 },
      { 50, 0, WEFT_NONE, 0 },
      { 60, 1, 2, 0 },
      { 70, 1, 2, 1 },
      { 90, 1, 2, 0 },
      { 95, 1, 2, 1 },
      { 100, 0, WEFT_NONE, 1 },
      { 105, 0, WEFT_NONE, 0 },
      { 110, 1, 0, 0 },
    };

    weft_model_get_resource_spans (model, lock, &n);
    ck_assert_uint_eq (n, G_N_ELEMENTS (want));
    for (guint i = 0; i < G_N_ELEMENTS (want); i++)
      assert_resource_span (model, lock, i, want[i].start, want[i].value, want[i].owner,
                            want[i].waiting);
  }
  assert_resource_span (model, rlock, 1, 120, 1, b, 0);
  assert_resource_span (model, rlock, 2, 130, 2, b, 0);
  assert_resource_span (model, rlock, 3, 140, 1, b, 0);
  assert_resource_span (model, rlock, 4, 150, 0, WEFT_NONE, 0);

  /* Two hand-offs, from the release to the acquisition; none to c, who never blocked. */
  flows = weft_model_get_flows (model, &n);
  ck_assert_uint_eq (n, 2);
  assert_flow (&flows[0], WEFT_FLOW_HANDOFF, a, 30, b, 40, lock);
  assert_flow (&flows[1], WEFT_FLOW_HANDOFF, c, 100, a, 110, lock);

  /* Held 10–30, 40–50, 60–100, 110–120; waited on 20–31, 70–90, 95–105. */
  weft_model_get_resource_summary (model, lock, 0, 120, &sum);
  assert_close (sum.mean_use, 80.0 / 120.0, "lock mean use");
  assert_close (sum.mean_waiting, 41.0 / 120.0, "lock mean waiting");
  ck_assert_uint_eq (sum.n_changes, 14);
  ck_assert_uint_eq (sum.n_stale, 0);
  weft_model_get_resource_summary (model, lock, 25, 35, &sum);
  assert_close (sum.mean_use, 0.5, "lock mean use over [25, 35)");
  assert_close (sum.mean_waiting, 0.6, "lock mean waiting over [25, 35)");
  ck_assert_uint_eq (sum.n_changes, 2);
  /* Depth 2 still counts as held once. */
  weft_model_get_resource_summary (model, rlock, 120, 160, &sum);
  assert_close (sum.mean_use, 0.75, "rlock mean use");
  ck_assert_uint_eq (sum.n_changes, 4);
}
END_TEST

START_TEST (test_semaphore_holders)
{
  g_autoptr(WeftModel) model = weft_model_new ();
  WeftResourceSummary sum;
  const WeftFlow *flows;
  guint a, b, c, sem, big, n;
  gint32 holders[10];
  guint64 released;

  a = weft_model_add_actor (model, "a");
  b = weft_model_add_actor (model, "b");
  c = weft_model_add_actor (model, "c");
  for (guint i = 3; i < 10; i++)
    weft_model_add_actor (model, "more");
  sem = weft_model_add_object (model, "sem", WEFT_OBJECT_BOUNDED_SEMAPHORE, 2, WEFT_QUEUE_FIFO);
  big = weft_model_add_object (model, "big", WEFT_OBJECT_SEMAPHORE, 20, WEFT_QUEUE_FIFO);

  test_model_event (model, 10, WEFT_EVENT_ACQUIRED, 0, a, sem, 1);
  assert_resource_span (model, sem, 1, 10, 1, a, 0);
  holders[0] = a;
  assert_list (model, last_resource_span (model, sem), holders, 1);

  test_model_event (model, 20, WEFT_EVENT_ACQUIRED, 0, b, sem, 0);
  assert_resource_span (model, sem, 2, 20, 0, b, 0);
  holders[1] = b;
  assert_list (model, last_resource_span (model, sem), holders, 2);

  model_state (model, 30, c, WEFT_STATE_BLOCKED, sem, 0);
  assert_resource_span (model, sem, 3, 30, 0, b, 1);
  assert_list (model, last_resource_span (model, sem), holders, 2);

  /* The releaser is the last actor; the other holder stays. */
  released = next_index (model);
  test_model_event (model, 40, WEFT_EVENT_RELEASED, 0, a, sem, 1);
  assert_resource_span (model, sem, 4, 40, 1, a, 1);
  holders[0] = b;
  assert_list (model, last_resource_span (model, sem), holders, 1);

  model_state (model, 45, c, WEFT_STATE_RUNNING, WEFT_NONE, 0);
  test_model_event (model, 50, WEFT_EVENT_ACQUIRED, 0, c, sem, 0);
  model_cause (model, 50, WEFT_CAUSE_HANDOFF, c, sem, released);
  assert_resource_span (model, sem, 6, 50, 0, c, 0);
  holders[1] = c;
  assert_list (model, last_resource_span (model, sem), holders, 2);

  test_model_event (model, 60, WEFT_EVENT_RELEASED, 0, b, sem, 1);
  holders[0] = c;
  assert_list (model, last_resource_span (model, sem), holders, 1);
  test_model_event (model, 70, WEFT_EVENT_RELEASED, 0, c, sem, 2);
  assert_resource_span (model, sem, 8, 70, 2, c, 0);
  assert_list (model, last_resource_span (model, sem), holders, 0);
  weft_model_set_end (model, 80);

  /* c blocked, then got the unit a gave back. */
  flows = weft_model_get_flows (model, &n);
  ck_assert_uint_eq (n, 1);
  assert_flow (&flows[0], WEFT_FLOW_HANDOFF, a, 40, c, 50, sem);

  /* Units held: 1 over 10–20, 2 over 20–40, 1, 2, 1 by tens, then none. */
  weft_model_get_resource_summary (model, sem, 0, 80, &sum);
  assert_close (sum.mean_use, 90.0 / 80.0, "semaphore mean use");
  assert_close (sum.mean_waiting, 15.0 / 80.0, "semaphore mean waiting");
  ck_assert_uint_eq (sum.n_changes, 9);
  /* An instant: the span in effect. */
  weft_model_get_resource_summary (model, sem, 25, 25, &sum);
  assert_close (sum.mean_use, 2.0, "semaphore use at 25");
  ck_assert_uint_eq (sum.n_changes, 0);

  /* More holders than are listed: the first ones, and the cut flagged. */
  for (guint i = 0; i < 10; i++)
    {
      test_model_event (model, 100 + i, WEFT_EVENT_ACQUIRED, 0, (guint16) i, big, 19 - (gint32) i);
      holders[i] = (gint32) i;
    }
  assert_list (model, last_resource_span (model, big), holders, WEFT_MODEL_MAX_LISTED);
  ck_assert (last_resource_span (model, big)->flags & WEFT_SPAN_LIST_CUT);
  test_model_event (model, 200, WEFT_EVENT_RELEASED, 0, 0, big, 11);
  test_model_event (model, 201, WEFT_EVENT_RELEASED, 0, 5, big, 12);
  {
    static const gint32 left[] = { 1, 2, 3, 4, 6, 7, 8, 9 };

    assert_list (model, last_resource_span (model, big), left, G_N_ELEMENTS (left));
    ck_assert (!(last_resource_span (model, big)->flags & WEFT_SPAN_LIST_CUT));
  }
}
END_TEST

static void
check_queue_order (WeftQueueKind  kind,
                   const gint32  *order)
{
  static const gint32 items[] = { 5, 3, 9, 1 };
  g_autoptr(WeftModel) model = weft_model_new ();
  const WeftFlow *flows;
  guint put, get, get2, queue, n;
  guint64 put_time[10] = { 0 };
  guint64 put_index[10] = { 0 };
  guint64 own;

  put = weft_model_add_actor (model, "put");
  get = weft_model_add_actor (model, "get");
  get2 = weft_model_add_actor (model, "get2");
  queue = weft_model_add_object (model, "queue", WEFT_OBJECT_QUEUE, 0, kind);

  /* A getter waits on the empty queue, and is woken by the first put. */
  model_state (model, 5, get, WEFT_STATE_WAITING, queue, 0);
  assert_resource_span (model, queue, 1, 5, 0, WEFT_NONE, 1);

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      put_time[items[i]] = 10 * (i + 1);
      put_index[items[i]] = next_index (model);
      model_queue_op (model, 10 * (i + 1), WEFT_EVENT_QUEUE_PUT, put, queue, items[i], i + 1);
      if (i == 0)
        model_state (model, 12, get, WEFT_STATE_RUNNING, WEFT_NONE, 0);
    }
  assert_resource_span (model, queue, 2, 10, 1, put, 1);
  assert_resource_span (model, queue, 3, 12, 1, put, 0);
  assert_resource_span (model, queue, 6, 40, 4, put, 0);
  assert_list (model, last_resource_span (model, queue), order, 4);

  /* Gets take the items in the queue's order, by two getters in turn. */
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      guint16 getter = i % 2 == 0 ? get : get2;

      model_queue_op (model, 100 + 10 * i, WEFT_EVENT_QUEUE_GET, getter, queue, order[i],
                      3 - (gint32) i);
      model_cause (model, 100 + 10 * i, WEFT_CAUSE_ITEM, getter, queue, put_index[order[i]]);
      assert_resource_span (model, queue, 7 + i, 100 + 10 * i, 3 - (gint32) i, getter, 0);
      assert_list (model, last_resource_span (model, queue), order + i + 1, 3 - i);
    }

  /* An item its own putter gets back is no flow. */
  own = next_index (model);
  model_queue_op (model, 200, WEFT_EVENT_QUEUE_PUT, put, queue, 42, 1);
  model_queue_op (model, 210, WEFT_EVENT_QUEUE_GET, put, queue, 42, 0);
  model_cause (model, 210, WEFT_CAUSE_ITEM, put, queue, own);
  ck_assert_int_eq (last_resource_span (model, queue)->value, 0);

  /* One item flow per item, from its put to its get, in the order of the gets. */
  flows = weft_model_get_flows (model, &n);
  ck_assert_uint_eq (n, G_N_ELEMENTS (items));
  for (guint i = 0; i < n; i++)
    assert_flow (&flows[i], WEFT_FLOW_ITEM, put, put_time[order[i]], i % 2 == 0 ? get : get2,
                 100 + 10 * i, queue);
}

START_TEST (test_queue_orders)
{
  static const gint32 fifo[] = { 5, 3, 9, 1 };
  static const gint32 lifo[] = { 1, 9, 3, 5 };
  static const gint32 priority[] = { 1, 3, 5, 9 };

  check_queue_order (WEFT_QUEUE_FIFO, fifo);
  check_queue_order (WEFT_QUEUE_LIFO, lifo);
  check_queue_order (WEFT_QUEUE_PRIORITY, priority);
}
END_TEST

START_TEST (test_shared_stale_writes)
{
  g_autoptr(WeftModel) model = weft_model_new ();
  const WeftResourceSpan *spans;
  WeftResourceSummary sum;
  guint a, b, x, n;

  a = weft_model_add_actor (model, "a");
  b = weft_model_add_actor (model, "b");
  x = weft_model_add_object (model, "x", WEFT_OBJECT_SHARED, 10, WEFT_QUEUE_FIFO);

  test_model_event (model, 10, WEFT_EVENT_READ, 0, a, x, 10);
  test_model_event (model, 20, WEFT_EVENT_READ, 0, b, x, 10);
  test_model_event (model, 30, WEFT_EVENT_WRITE, 0, a, x, 11);
  test_model_event (model, 40, WEFT_EVENT_WRITE, 1, b, x, 11);  /* lost a's update */
  /* Two writes at one instant make one span; it is stale if either was. */
  test_model_event (model, 50, WEFT_EVENT_WRITE, 0, a, x, 12);
  test_model_event (model, 50, WEFT_EVENT_WRITE, 1, b, x, 13);
  test_model_event (model, 60, WEFT_EVENT_WRITE, 1, a, x, 14);
  test_model_event (model, 60, WEFT_EVENT_WRITE, 0, b, x, 15);
  weft_model_set_end (model, 100);

  spans = weft_model_get_resource_spans (model, x, &n);
  ck_assert_uint_eq (n, 5);
  assert_resource_span (model, x, 0, 0, 10, WEFT_NONE, 0);
  assert_resource_span (model, x, 1, 30, 11, a, 0);
  assert_resource_span (model, x, 2, 40, 11, b, 0);
  assert_resource_span (model, x, 3, 50, 13, b, 0);
  assert_resource_span (model, x, 4, 60, 15, b, 0);
  ck_assert (!(spans[0].flags & WEFT_SPAN_STALE_WRITE));
  ck_assert (!(spans[1].flags & WEFT_SPAN_STALE_WRITE));
  ck_assert (spans[2].flags & WEFT_SPAN_STALE_WRITE);
  ck_assert (spans[3].flags & WEFT_SPAN_STALE_WRITE);
  ck_assert (spans[4].flags & WEFT_SPAN_STALE_WRITE);

  {
    gint32 lo, hi;

    weft_model_get_object_range (model, x, &lo, &hi);
    ck_assert_int_eq (lo, 10);
    ck_assert_int_eq (hi, 15);
  }

  weft_model_get_resource_summary (model, x, 0, 100, &sum);
  assert_close (sum.mean_use, (10 * 30 + 11 * 10 + 11 * 10 + 13 * 10 + 15 * 40) / 100.0,
                "shared mean value");
  ck_assert_uint_eq (sum.n_changes, 5);
  ck_assert_uint_eq (sum.n_stale, 3);
  weft_model_get_resource_summary (model, x, 35, 55, &sum);
  assert_close (sum.mean_use, 11.5, "shared mean value over [35, 55)");
  ck_assert_uint_eq (sum.n_changes, 2);
  ck_assert_uint_eq (sum.n_stale, 2);
  weft_model_get_resource_summary (model, x, 0, 40, &sum);
  ck_assert_uint_eq (sum.n_changes, 2);
  ck_assert_uint_eq (sum.n_stale, 0);
}
END_TEST

typedef struct
{
  guint64  start_ns;
  gint32   value;
  guint16  n_waiting;
  gboolean stale;
} RefSpan;

static void
ref_push (GArray   *ref,
          guint64   time_ns,
          gint32    value,
          guint16   n_waiting,
          gboolean  stale)
{
  RefSpan *last = &g_array_index (ref, RefSpan, ref->len - 1);
  RefSpan span = { time_ns, value, n_waiting, stale };

  if (time_ns == last->start_ns)
    {
      span.stale = stale || last->stale;
      *last = span;
    }
  else
    g_array_append_val (ref, span);
}

/* The summary over [t0, t1) straight from the reference spans. */
static void
brute_summary (GArray              *ref,
               guint64              end,
               guint64              t0,
               guint64              t1,
               WeftResourceSummary *out)
{
  gint64 use = 0, wait = 0;

  memset (out, 0, sizeof *out);
  t1 = MIN (t1, end);
  if (t1 <= t0)
    {
      for (guint i = 0; i < ref->len; i++)
        {
          const RefSpan *span = &g_array_index (ref, RefSpan, i);

          if (span->start_ns <= t0)
            {
              out->mean_use = span->value;
              out->mean_waiting = span->n_waiting;
            }
        }
      return;
    }

  for (guint i = 0; i < ref->len; i++)
    {
      const RefSpan *span = &g_array_index (ref, RefSpan, i);
      guint64 stop = i + 1 < ref->len ? g_array_index (ref, RefSpan, i + 1).start_ns : end;
      guint64 lo = MAX (span->start_ns, t0), hi = MIN (stop, t1);

      if (hi > lo)
        {
          use += (gint64) span->value * (gint64) (hi - lo);
          wait += (gint64) span->n_waiting * (gint64) (hi - lo);
        }
      if (span->start_ns >= t0 && span->start_ns < t1)
        {
          out->n_changes++;
          if (span->stale)
            out->n_stale++;
        }
    }
  out->mean_use = (double) use / (double) (t1 - t0);
  out->mean_waiting = (double) wait / (double) (t1 - t0);
}

START_TEST (test_resource_summary_random)
{
  g_autoptr(WeftModel) model = weft_model_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);
  g_autoptr(GArray) ref = g_array_new (FALSE, FALSE, sizeof (RefSpan));
  const WeftResourceSpan *spans;
  gboolean waiting[RANDOM_ACTORS] = { FALSE };
  RefSpan first = { 0, 0, 0, FALSE };
  guint x, other, n;
  guint16 n_waiting = 0;
  gint32 value = 0;
  guint64 t = 0, end;

  for (guint a = 0; a < RANDOM_ACTORS; a++)
    weft_model_add_actor (model, "actor");
  x = weft_model_add_object (model, "x", WEFT_OBJECT_SHARED, 0, WEFT_QUEUE_FIFO);
  other = weft_model_add_object (model, "other", WEFT_OBJECT_LOCK, 0, WEFT_QUEUE_FIFO);
  g_array_append_val (ref, first);

  for (guint i = 0; i < RANDOM_CHANGES; i++)
    {
      if (g_rand_int_range (rand, 0, 7) != 0)
        t += (guint64) g_rand_int_range (rand, 1, 500);

      if (g_rand_int_range (rand, 0, 10) < 4)
        {
          gboolean stale = g_rand_int_range (rand, 0, 4) == 0;

          value = g_rand_int_range (rand, -100, 101);
          test_model_event (model, t, WEFT_EVENT_WRITE, stale ? 1 : 0, 0, x, value);
          ref_push (ref, t, value, n_waiting, stale);
        }
      else
        {
          /* Blocked or waiting on x (or blocked on another object), or busy. */
          static const WeftState states[] = {
            WEFT_STATE_RUNNING, WEFT_STATE_BLOCKED, WEFT_STATE_WAITING, WEFT_STATE_BLOCKED,
            WEFT_STATE_SLEEPING,
          };
          guint a = (guint) g_rand_int_range (rand, 0, RANDOM_ACTORS);
          guint pick = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (states));
          guint16 on = pick == 1 || pick == 2 ? x : pick == 3 ? other : WEFT_NONE;
          gboolean now_waiting = on == x;

          model_state (model, t, (guint16) a, states[pick], on, 0);
          if (now_waiting != waiting[a])
            {
              n_waiting = (guint16) (now_waiting ? n_waiting + 1 : n_waiting - 1);
              waiting[a] = now_waiting;
              ref_push (ref, t, value, n_waiting, FALSE);
            }
        }
    }
  end = t + 1000;
  weft_model_set_end (model, end);

  spans = weft_model_get_resource_spans (model, x, &n);
  ck_assert_uint_gt (n, 20 * WEFT_MODEL_CHECKPOINT);
  ck_assert_uint_eq (n, ref->len);
  for (guint i = 0; i < n; i++)
    {
      const RefSpan *r = &g_array_index (ref, RefSpan, i);

      ck_assert_msg (spans[i].start_ns == r->start_ns && spans[i].value == r->value &&
                     spans[i].n_waiting == r->n_waiting &&
                     !!(spans[i].flags & WEFT_SPAN_STALE_WRITE) == r->stale,
                     "span %u: %" G_GUINT64_FORMAT " value %d waiting %u flags %u", i,
                     spans[i].start_ns, spans[i].value, spans[i].n_waiting, spans[i].flags);
    }

  for (guint i = 0; i < RANDOM_INTERVALS + 5; i++)
    {
      WeftResourceSummary got, want;
      guint64 t0, t1;

      switch (i)
        {
        case 0: t0 = 0; t1 = end; break;
        case 1: t0 = 0; t1 = G_MAXUINT64; break;
        case 2: t0 = spans[WEFT_MODEL_CHECKPOINT].start_ns;
                t1 = spans[5 * WEFT_MODEL_CHECKPOINT].start_ns; break;
        case 3: t0 = spans[2 * WEFT_MODEL_CHECKPOINT - 1].start_ns;
                t1 = spans[2 * WEFT_MODEL_CHECKPOINT].start_ns + 1; break;
        case 4: t0 = end + 10; t1 = end + 100; break;
        default:
          t0 = random_time (rand, end + end / 10);
          t1 = random_time (rand, end + end / 10);
          if (i % 2 == 0 && t1 < t0)
            {
              guint64 tmp = t0;

              t0 = t1;
              t1 = tmp;
            }
          break;
        }

      weft_model_get_resource_summary (model, x, t0, t1, &got);
      brute_summary (ref, end, t0, t1, &want);
      ck_assert_msg (fabs (got.mean_use - want.mean_use) <= 1e-9 * MAX (1.0, fabs (want.mean_use)) &&
                     fabs (got.mean_waiting - want.mean_waiting) <= 1e-9 * MAX (1.0, want.mean_waiting) &&
                     got.n_changes == want.n_changes && got.n_stale == want.n_stale,
                     "[%" G_GUINT64_FORMAT ", %" G_GUINT64_FORMAT "): use %.12g waiting %.12g "
                     "changes %u stale %u; brute force %.12g %.12g %u %u", t0, t1,
                     got.mean_use, got.mean_waiting, got.n_changes, got.n_stale,
                     want.mean_use, want.mean_waiting, want.n_changes, want.n_stale);
    }
}
END_TEST

/* Wakes ----------------------------------------------------------------------------------- */

START_TEST (test_wake_flows)
{
  g_autoptr(WeftModel) model = weft_model_new ();
  const WeftFlow *flows;
  guint n, cond, flag, barrier;
  guint16 notifier, w1, w2, w3;
  guint64 notify;

  notifier = weft_model_add_actor (model, "notifier");
  w1 = weft_model_add_actor (model, "w1");
  w2 = weft_model_add_actor (model, "w2");
  w3 = weft_model_add_actor (model, "w3");
  weft_model_add_object (model, "lock", WEFT_OBJECT_LOCK, 0, WEFT_QUEUE_FIFO);
  cond = weft_model_add_object (model, "cond", WEFT_OBJECT_CONDITION, 0, WEFT_QUEUE_FIFO);
  flag = weft_model_add_object (model, "flag", WEFT_OBJECT_FLAG, 0, WEFT_QUEUE_FIFO);
  barrier = weft_model_add_object (model, "barrier", WEFT_OBJECT_BARRIER, 3, WEFT_QUEUE_FIFO);

  /* The notify first, then each waiter it woke, each with its CAUSE naming it (as
   * weft-sync-condition.c records them): a waiter leaving its wait without one was not
   * woken by it, and gets no arrow. */
  model_state (model, 10, w1, WEFT_STATE_WAITING, cond, 0);
  model_state (model, 11, w2, WEFT_STATE_WAITING, cond, 0);
  model_state (model, 12, w3, WEFT_STATE_WAITING, cond, 0);
  notify = next_index (model);
  test_model_event (model, 20, WEFT_EVENT_NOTIFY, 0, notifier, cond, 2);
  model_state (model, 21, w1, WEFT_STATE_RUNNING, WEFT_NONE, 0);
  model_cause (model, 21, WEFT_CAUSE_WAKE, w1, cond, notify);
  model_state (model, 22, w2, WEFT_STATE_RUNNING, WEFT_NONE, 0);
  model_cause (model, 22, WEFT_CAUSE_WAKE, w2, cond, notify);
  model_state (model, 23, w3, WEFT_STATE_RUNNING, WEFT_NONE, 0);  /* not woken by it */
  flows = weft_model_get_flows (model, &n);
  ck_assert_uint_eq (n, 2);
  assert_flow (&flows[0], WEFT_FLOW_WAKE, notifier, 20, w1, 21, cond);
  assert_flow (&flows[1], WEFT_FLOW_WAKE, notifier, 20, w2, 22, cond);

  /* A notify that woke nobody draws nothing; an event set wakes its waiter. */
  model_state (model, 45, w3, WEFT_STATE_WAITING, cond, 0);
  test_model_event (model, 50, WEFT_EVENT_NOTIFY, 0, notifier, cond, 0);
  model_state (model, 55, w3, WEFT_STATE_RUNNING, WEFT_NONE, 0);
  model_state (model, 60, w1, WEFT_STATE_WAITING, flag, 0);
  notify = next_index (model);
  test_model_event (model, 62, WEFT_EVENT_FLAG_SET, 0, notifier, flag, 1);
  model_state (model, 62, w1, WEFT_STATE_RUNNING, WEFT_NONE, 0);
  model_cause (model, 62, WEFT_CAUSE_WAKE, w1, flag, notify);
  flows = weft_model_get_flows (model, &n);
  ck_assert_uint_eq (n, 3);
  assert_flow (&flows[2], WEFT_FLOW_WAKE, notifier, 62, w1, 62, flag);

  /* A barrier opens, then its waiters wake: from the last arrival. */
  model_state (model, 70, w1, WEFT_STATE_WAITING, barrier, 0);
  model_state (model, 71, w2, WEFT_STATE_WAITING, barrier, 0);
  notify = next_index (model);
  test_model_event (model, 72, WEFT_EVENT_BARRIER_OPEN, 0, w3, barrier, 3);
  model_state (model, 73, w1, WEFT_STATE_RUNNING, WEFT_NONE, 0);
  model_cause (model, 73, WEFT_CAUSE_WAKE, w1, barrier, notify);
  model_state (model, 74, w2, WEFT_STATE_RUNNING, WEFT_NONE, 0);
  model_cause (model, 74, WEFT_CAUSE_WAKE, w2, barrier, notify);
  flows = weft_model_get_flows (model, &n);
  ck_assert_uint_eq (n, 5);
  assert_flow (&flows[3], WEFT_FLOW_WAKE, w3, 72, w1, 73, barrier);
  assert_flow (&flows[4], WEFT_FLOW_WAKE, w3, 72, w2, 74, barrier);
  ck_assert_uint_eq (count_flows (model, WEFT_FLOW_WAKE), 5);
}
END_TEST

/* Deadlock and outcome -------------------------------------------------------------------- */

START_TEST (test_deadlock_and_outcome)
{
  g_autoptr(WeftModel) model = weft_model_new ();
  g_autoptr(WeftModel) completed = weft_model_new ();
  g_autoptr(WeftModel) stopped = weft_model_new ();
  const WeftModelEdge *edges = NULL;
  guint64 time_ns = 0;
  guint n_edges = 99;
  guint a, b, l0, l1;

  a = weft_model_add_actor (model, "a");
  b = weft_model_add_actor (model, "b");
  l0 = weft_model_add_object (model, "l0", WEFT_OBJECT_LOCK, 0, WEFT_QUEUE_FIFO);
  l1 = weft_model_add_object (model, "l1", WEFT_OBJECT_LOCK, 0, WEFT_QUEUE_FIFO);

  test_model_event (model, 1, WEFT_EVENT_RUN_START, 0, WEFT_NONE, WEFT_NONE, WEFT_MODE_RUN);
  test_model_event (model, 10, WEFT_EVENT_ACQUIRED, 0, a, l0, 1);
  test_model_event (model, 11, WEFT_EVENT_ACQUIRED, 0, b, l1, 1);
  model_state (model, 20, a, WEFT_STATE_BLOCKED, l1, 0);
  ck_assert (!weft_model_get_deadlock (model, &time_ns, &edges, &n_edges));
  ck_assert_uint_eq (n_edges, 0);
  ck_assert_int_eq (weft_model_get_outcome (model), WEFT_OUTCOME_NONE);

  model_state (model, 21, b, WEFT_STATE_BLOCKED, l0, 0);
  test_model_event (model, 21, WEFT_EVENT_DEADLOCK, 0, WEFT_NONE, WEFT_NONE, 2);
  test_model_event (model, 21, WEFT_EVENT_CYCLE_EDGE, 0, a, l1, 0);
  test_model_event (model, 21, WEFT_EVENT_CYCLE_EDGE, 0, b, l0, 1);
  ck_assert (weft_model_get_deadlock (model, &time_ns, &edges, &n_edges));
  ck_assert_uint_eq (time_ns, 21);
  ck_assert_uint_eq (n_edges, 2);
  ck_assert_uint_eq (edges[0].actor, a);
  ck_assert_uint_eq (edges[0].object, l1);
  ck_assert_uint_eq (edges[1].actor, b);
  ck_assert_uint_eq (edges[1].object, l0);
  ck_assert_int_eq (weft_model_get_outcome (model), WEFT_OUTCOME_DEADLOCK);
  /* Stopping a deadlocked run keeps the outcome. */
  test_model_event (model, 30, WEFT_EVENT_RUN_STOP, 0, WEFT_NONE, WEFT_NONE, 0);
  ck_assert_int_eq (weft_model_get_outcome (model), WEFT_OUTCOME_DEADLOCK);
  ck_assert_uint_eq (weft_model_get_n_events (model), 9);
  ck_assert_uint_eq (weft_model_get_end_ns (model), 30);

  test_model_event (completed, 5, WEFT_EVENT_RUN_END, 0, WEFT_NONE, WEFT_NONE, 0);
  ck_assert_int_eq (weft_model_get_outcome (completed), WEFT_OUTCOME_COMPLETED);
  test_model_event (completed, 6, WEFT_EVENT_RUN_STOP, 0, WEFT_NONE, WEFT_NONE, 0);
  ck_assert_int_eq (weft_model_get_outcome (completed), WEFT_OUTCOME_COMPLETED);
  ck_assert (!weft_model_get_deadlock (completed, NULL, NULL, NULL));

  ck_assert_int_eq (weft_model_get_outcome (stopped), WEFT_OUTCOME_NONE);
  test_model_event (stopped, 5, WEFT_EVENT_RUN_STOP, 0, WEFT_NONE, WEFT_NONE, 0);
  ck_assert_int_eq (weft_model_get_outcome (stopped), WEFT_OUTCOME_STOPPED);
}
END_TEST

/* The model is shared by reference (the session, the views, a worker), and is a boxed
 * GType so it can be a property. */
START_TEST (test_model_references)
{
  WeftModel *model = weft_model_new ();
  WeftModel *copy;

  weft_model_add_actor (model, "a");
  ck_assert_ptr_eq (weft_model_ref (model), model);
  weft_model_unref (model);
  ck_assert_uint_eq (weft_model_get_n_actors (model), 1);
  copy = g_boxed_copy (WEFT_TYPE_MODEL, model);
  ck_assert_ptr_eq (copy, model);
  g_boxed_free (WEFT_TYPE_MODEL, copy);
  ck_assert_uint_eq (weft_model_get_n_actors (model), 1);
  ck_assert (g_type_is_a (WEFT_TYPE_MODEL, G_TYPE_BOXED));
  weft_model_unref (model);
}
END_TEST

/* The axis -------------------------------------------------------------------------------- */

#define AXIS_STEPS 60

static gint
compare_times (gconstpointer a,
               gconstpointer b)
{
  guint64 ta = *(const guint64 *) a, tb = *(const guint64 *) b;

  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

/* The longest a thread's span lasts on the axis over [a0, a1). */
static double
longest_span_on_axis (WeftModel *model)
{
  double longest = 0;

  for (guint i = 0; i < weft_model_get_n_actors (model); i++)
    {
      guint n;
      const WeftThreadSpan *spans = weft_model_get_thread_spans (model, i, &n);

      for (guint k = 0; k < n; k++)
        {
          guint64 end = k + 1 < n ? spans[k + 1].start_ns : weft_model_get_end_ns (model);
          double w = weft_model_time_to_axis (model, end) -
                     weft_model_time_to_axis (model, spans[k].start_ns);

          longest = MAX (longest, w);
        }
    }
  return longest;
}

/* Stepped, then let go with Run: the steps keep their columns and what follows is drawn
 * in time after them, over 60 % of the axis, so it is neither squeezed into the last
 * step's width nor the steps into a sliver. */
START_TEST (test_step_then_resume_axis)
{
  g_autoptr(WeftModel) model = weft_model_new ();
  const WeftModelFreePart *parts;
  guint n_parts;

  weft_model_add_actor (model, "a");
  test_model_event (model, 0, WEFT_EVENT_RUN_START, 0, WEFT_NONE, WEFT_NONE, WEFT_MODE_STEP);
  test_model_event (model, 1000, WEFT_EVENT_STEP, 0, 0, WEFT_NONE, 1);
  test_model_event (model, 2000, WEFT_EVENT_STEP, 0, 0, WEFT_NONE, 2);
  weft_model_set_end (model, 3000);
  ck_assert_int_eq (weft_model_get_mode (model), WEFT_MODE_STEP);
  ck_assert (weft_model_get_axis_end (model) == 2.0);
  parts = weft_model_get_free_parts (model, &n_parts);
  ck_assert_uint_eq (n_parts, 0);

  test_model_event (model, 3000, WEFT_EVENT_RUN_RESUME, 0, WEFT_NONE, WEFT_NONE, 0);
  weft_model_set_end (model, 5000000);
  ck_assert_int_eq (weft_model_get_mode (model), WEFT_MODE_STEP);
  parts = weft_model_get_free_parts (model, &n_parts);
  ck_assert_uint_eq (n_parts, 1);
  ck_assert_uint_eq (parts[0].start_ns, 3000);
  ck_assert_uint_eq (parts[0].end_ns, 5000000);
  /* The boundary is where the last step ended; three units stepped, six free. */
  assert_close (parts[0].axis_start, 2.0, "boundary");
  assert_close (parts[0].axis_end, 8.0, "free part's end");
  assert_close (weft_model_get_axis_end (model), 8.0, "axis end");
  assert_close (weft_model_time_to_axis (model, 3000 + (5000000 - 3000) / 2), 5.0, "linear in time");
  assert_close (weft_model_time_to_axis (model, 1500), 0.5, "steps keep their columns");
  ck_assert_uint_eq (weft_model_axis_to_time (model, 5.0), 3000 + (5000000 - 3000) / 2);
  assert_close (weft_model_get_step_axis (model, 1), 1.0, "step 2");

  /* Paused again and stepped: the pause is a step's wait, the step a column. */
  test_model_event (model, 6000000, WEFT_EVENT_RUN_PAUSE, 0, WEFT_NONE, WEFT_NONE, 0);
  test_model_event (model, 9000000, WEFT_EVENT_STEP, 0, 0, WEFT_NONE, 3);
  weft_model_set_end (model, 9500000);
  parts = weft_model_get_free_parts (model, &n_parts);
  ck_assert_uint_eq (n_parts, 1);
  ck_assert_uint_eq (parts[0].end_ns, 6000000);
  {
    double free_w = parts[0].axis_end - parts[0].axis_start;
    double step3 = weft_model_get_step_axis (model, 2);

    assert_close (step3, parts[0].axis_end + 1.0 - 0.85, "the pause");
    assert_close (weft_model_get_axis_end (model), step3 + 1.0, "step 3's column");
    ck_assert (free_w >= 6.0);
  }
}
END_TEST

/* Run free, then paused and stepped: the free part is drawn in time from the axis' start,
 * the pause is a step's wait and each step a column after it, so the seconds the teacher
 * took between key presses are no long bars; a pause then Run again is a step's wait. */
START_TEST (test_run_then_step_axis)
{
  g_autoptr(WeftModel) model = weft_model_new ();
  const WeftModelFreePart *parts;
  guint n_parts;
  double free_w, step1, step2;

  weft_model_add_actor (model, "a");
  test_model_event (model, 0, WEFT_EVENT_RUN_START, 0, WEFT_NONE, WEFT_NONE, WEFT_MODE_RUN);
  model_state (model, 100, 0, WEFT_STATE_RUNNING, WEFT_NONE, 0);
  weft_model_set_end (model, 4000000);
  /* Free: the axis is time. */
  ck_assert_int_eq (weft_model_get_mode (model), WEFT_MODE_RUN);
  assert_close (weft_model_get_axis_end (model), 4000000, "a free run's axis is time");
  parts = weft_model_get_free_parts (model, &n_parts);
  ck_assert_uint_eq (n_parts, 0);

  test_model_event (model, 5000000, WEFT_EVENT_RUN_PAUSE, 0, WEFT_NONE, WEFT_NONE, 0);
  model_state (model, 5000100, 0, WEFT_STATE_PARKED, WEFT_NONE, WEFT_OP_SLEEP);
  /* The teacher explains for three seconds, then steps twice, three seconds apart. */
  test_model_event (model, 3005000000, WEFT_EVENT_STEP, 0, 0, WEFT_NONE, 1);
  model_state (model, 3005000200, 0, WEFT_STATE_RUNNING, WEFT_NONE, 0);
  model_state (model, 3005000400, 0, WEFT_STATE_PARKED, WEFT_NONE, WEFT_OP_SLEEP);
  test_model_event (model, 6005000000, WEFT_EVENT_STEP, 0, 0, WEFT_NONE, 2);
  model_state (model, 6005000300, 0, WEFT_STATE_PARKED, WEFT_NONE, WEFT_OP_SLEEP);
  weft_model_set_end (model, 9005000000);

  ck_assert_int_eq (weft_model_get_mode (model), WEFT_MODE_STEP);
  parts = weft_model_get_free_parts (model, &n_parts);
  ck_assert_uint_eq (n_parts, 1);
  ck_assert_uint_eq (parts[0].start_ns, 0);
  ck_assert_uint_eq (parts[0].end_ns, 5000000);
  assert_close (weft_model_get_axis_start (model), 0.0, "a free start has no start column");
  assert_close (parts[0].axis_start, 0.0, "the free part starts the axis");
  free_w = parts[0].axis_end - parts[0].axis_start;
  ck_assert (free_w >= 6.0);
  step1 = weft_model_get_step_axis (model, 0);
  step2 = weft_model_get_step_axis (model, 1);
  assert_close (step1, parts[0].axis_end + 1.0 - 0.85, "the pause is a step's wait");
  assert_close (step2, step1 + 1.0, "step 2's column");
  assert_close (weft_model_get_axis_end (model), step2 + 1.0, "the axis ends with step 2");
  assert_close (weft_model_time_to_axis (model, 2500000), free_w / 2, "linear in time");
  ck_assert_msg (longest_span_on_axis (model) <= free_w, "a span of %g, the free part %g",
                 longest_span_on_axis (model), free_w);

  /* Run again: a second free part after the steps. */
  test_model_event (model, 9005000000, WEFT_EVENT_RUN_RESUME, 0, WEFT_NONE, WEFT_NONE, 0);
  weft_model_set_end (model, 9010000000);
  parts = weft_model_get_free_parts (model, &n_parts);
  ck_assert_uint_eq (n_parts, 2);
  /* The free parts share one scale, so the axis is laid out again. */
  assert_close (parts[1].axis_start, weft_model_get_step_axis (model, 1) + 1.0,
                "the second free part after step 2");
  assert_close (parts[0].axis_end - parts[0].axis_start, parts[1].axis_end - parts[1].axis_start,
                "two free parts of 5 ms, one scale");
  ck_assert_msg (longest_span_on_axis (model) <= parts[1].axis_end - parts[0].axis_start,
                 "a span of %g", longest_span_on_axis (model));
}
END_TEST

/* Run free, paused for a long time, then Run again without a step: the pause is a step's
 * wait between two free parts drawn at one scale. */
START_TEST (test_run_pause_resume_axis)
{
  g_autoptr(WeftModel) model = weft_model_new ();
  const WeftModelFreePart *parts;
  guint n_parts;

  weft_model_add_actor (model, "a");
  test_model_event (model, 0, WEFT_EVENT_RUN_START, 0, WEFT_NONE, WEFT_NONE, WEFT_MODE_RUN);
  model_state (model, 100, 0, WEFT_STATE_RUNNING, WEFT_NONE, 0);
  test_model_event (model, 1000000, WEFT_EVENT_RUN_PAUSE, 0, WEFT_NONE, WEFT_NONE, 0);
  model_state (model, 1000100, 0, WEFT_STATE_PARKED, WEFT_NONE, WEFT_OP_SLEEP);
  test_model_event (model, 5001000000, WEFT_EVENT_RUN_RESUME, 0, WEFT_NONE, WEFT_NONE, 0);
  model_state (model, 5001000100, 0, WEFT_STATE_RUNNING, WEFT_NONE, 0);
  weft_model_set_end (model, 5002000000);

  parts = weft_model_get_free_parts (model, &n_parts);
  ck_assert_uint_eq (n_parts, 2);
  assert_close (parts[0].axis_end - parts[0].axis_start, parts[1].axis_end - parts[1].axis_start,
                "two free milliseconds, one scale");
  assert_close (parts[1].axis_start - parts[0].axis_end, 1.0 - 0.85, "the pause");
  assert_close (weft_model_get_axis_end (model), parts[1].axis_end, "the axis ends free");
  ck_assert_msg (longest_span_on_axis (model) <= weft_model_get_axis_end (model) * 0.55,
                 "a span of %g of %g", longest_span_on_axis (model),
                 weft_model_get_axis_end (model));
}
END_TEST

START_TEST (test_step_axis)
{
  g_autoptr(WeftModel) model = weft_model_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (77);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint64 starts[AXIS_STEPS], settles[AXIS_STEPS];
  const guint64 *step_times;
  guint64 t, end;
  guint n;
  double previous;

  weft_model_add_actor (model, "a");
  weft_model_add_actor (model, "b");
  test_model_event (model, 0, WEFT_EVENT_RUN_START, 0, WEFT_NONE, WEFT_NONE, WEFT_MODE_STEP);
  ck_assert_int_eq (weft_model_get_mode (model), WEFT_MODE_STEP);
  /* Before the first step the actors start and park. */
  model_state (model, 300, 0, WEFT_STATE_PARKED, WEFT_NONE, WEFT_OP_START);
  model_state (model, 700, 1, WEFT_STATE_PARKED, WEFT_NONE, WEFT_OP_START);

  t = 1000;
  for (guint k = 0; k < AXIS_STEPS; k++)
    {
      guint n_events = (guint) g_rand_int_range (rand, 0, 4);
      guint16 actor = (guint16) (k % 2);

      starts[k] = t;
      test_model_event (model, t, WEFT_EVENT_STEP, 0, actor, WEFT_NONE, (gint32) k + 1);
      for (guint e = 0; e < n_events; e++)
        {
          t += (guint64) g_rand_int_range (rand, 1, 200);
          model_state (model, t, actor, e % 2 ? WEFT_STATE_PARKED : WEFT_STATE_RUNNING,
                       WEFT_NONE, 0);
        }
      settles[k] = t;
      /* The teacher thinks, from a microsecond to a second. */
      t += (guint64) g_rand_int_range (rand, 1000, 1000000000);
    }
  end = t;
  weft_model_set_end (model, end);

  step_times = weft_model_get_step_times (model, &n);
  ck_assert_uint_eq (n, AXIS_STEPS);
  for (guint k = 0; k < AXIS_STEPS; k++)
    ck_assert_uint_eq (step_times[k], starts[k]);

  ck_assert (weft_model_get_axis_start (model) == -1.0);
  ck_assert (weft_model_get_axis_end (model) == (double) AXIS_STEPS);
  assert_close (weft_model_time_to_axis (model, 0), -1.0, "axis at 0");
  ck_assert (weft_model_time_to_axis (model, 500) > -1.0);
  ck_assert (weft_model_time_to_axis (model, 500) < 0.0);
  assert_close (weft_model_time_to_axis (model, end), AXIS_STEPS, "axis at the end");
  assert_close (weft_model_time_to_axis (model, end + 12345), AXIS_STEPS, "axis after the end");
  ck_assert_uint_eq (weft_model_axis_to_time (model, -1.0), 0);
  ck_assert_uint_eq (weft_model_axis_to_time (model, AXIS_STEPS), end);

  /* Step k (from 1) starts at k − 1; what happened in it fills 85 % of it. */
  for (guint k = 0; k < AXIS_STEPS; k++)
    {
      g_autofree char *what = g_strdup_printf ("axis at step %u", k + 1);

      assert_close (weft_model_time_to_axis (model, starts[k]), k, what);
      ck_assert_uint_eq (weft_model_axis_to_time (model, k), starts[k]);
      if (settles[k] > starts[k])
        assert_close (weft_model_time_to_axis (model, settles[k]), k + 0.85, what);
      g_array_append_val (times, starts[k]);
      g_array_append_val (times, settles[k]);
    }

  /* Monotonic, and back to the same nanosecond, on many points. */
  for (guint i = 0; i < 20000; i++)
    {
      guint64 r = random_time (rand, end);

      g_array_append_val (times, r);
    }
  g_array_sort (times, compare_times);
  previous = -2.0;
  for (guint i = 0; i < times->len; i++)
    {
      guint64 ti = g_array_index (times, guint64, i);
      double axis = weft_model_time_to_axis (model, ti);
      guint64 back = weft_model_axis_to_time (model, axis);

      ck_assert_msg (axis >= previous, "axis goes back at %" G_GUINT64_FORMAT, ti);
      ck_assert_msg (i == 0 || ti == g_array_index (times, guint64, i - 1) || axis > previous,
                     "axis does not move at %" G_GUINT64_FORMAT, ti);
      ck_assert_msg (back + 1 >= ti && back <= ti + 1, "%" G_GUINT64_FORMAT " → %.15g → %"
                     G_GUINT64_FORMAT, ti, axis, back);
      previous = axis;
    }
}
END_TEST

START_TEST (test_run_axis)
{
  g_autoptr(WeftModel) model = weft_model_new ();

  weft_model_add_actor (model, "a");
  test_model_event (model, 0, WEFT_EVENT_RUN_START, 0, WEFT_NONE, WEFT_NONE, WEFT_MODE_RUN);
  model_state (model, 500, 0, WEFT_STATE_RUNNING, WEFT_NONE, 0);
  weft_model_set_end (model, 12345);

  ck_assert_int_eq (weft_model_get_mode (model), WEFT_MODE_RUN);
  ck_assert (weft_model_get_axis_start (model) == 0.0);
  ck_assert (weft_model_get_axis_end (model) == 12345.0);
  ck_assert (weft_model_time_to_axis (model, 0) == 0.0);
  ck_assert (weft_model_time_to_axis (model, 777) == 777.0);
  ck_assert (weft_model_time_to_axis (model, 99999) == 99999.0);
  ck_assert_uint_eq (weft_model_axis_to_time (model, 777.4), 777);
  ck_assert_uint_eq (weft_model_axis_to_time (model, 777.6), 778);
  ck_assert_uint_eq (weft_model_axis_to_time (model, -5.0), 0);
}
END_TEST

/* Real runs ------------------------------------------------------------------------------- */

static void
assert_same_model (WeftModel *a,
                   WeftModel *b)
{
  const WeftFlow *fa, *fb;
  guint na, nb;

  ck_assert_uint_eq (weft_model_get_n_events (a), weft_model_get_n_events (b));
  for (guint i = 0; i < weft_model_get_n_actors (a); i++)
    {
      const WeftThreadSpan *sa = weft_model_get_thread_spans (a, i, &na);
      const WeftThreadSpan *sb = weft_model_get_thread_spans (b, i, &nb);

      ck_assert_uint_eq (na, nb);
      ck_assert (memcmp (sa, sb, na * sizeof *sa) == 0);
    }
  for (guint i = 0; i < weft_model_get_n_objects (a); i++)
    {
      const WeftResourceSpan *sa = weft_model_get_resource_spans (a, i, &na);
      const WeftResourceSpan *sb = weft_model_get_resource_spans (b, i, &nb);

      ck_assert_uint_eq (na, nb);
      for (guint k = 0; k < na; k++)
        ck_assert (sa[k].start_ns == sb[k].start_ns && sa[k].value == sb[k].value &&
                   sa[k].owner == sb[k].owner && sa[k].n_waiting == sb[k].n_waiting &&
                   sa[k].flags == sb[k].flags);
    }
  fa = weft_model_get_flows (a, &na);
  fb = weft_model_get_flows (b, &nb);
  ck_assert_uint_eq (na, nb);
  ck_assert (na == 0 || memcmp (fa, fb, na * sizeof *fa) == 0);
}

/* The model's time in each state over the whole (stopped) run is the runtime's own count.
 * Once a run has completed, its elapsed time stops at the end while the runtime counts
 * the actors' last state, done, until the stop: there, the model's is no more. */
static void
assert_thread_times_match (WeftModel *model,
                           WeftRun   *run)
{
  guint64 elapsed = weft_run_get_elapsed_ns (run);
  gboolean completed = weft_run_get_outcome (run) == WEFT_OUTCOME_COMPLETED;

  for (guint i = 0; i < weft_run_get_n_actors (run); i++)
    {
      WeftActor *actor = weft_run_get_actor (run, i);
      guint64 out[WEFT_N_STATES];

      weft_model_get_thread_time (model, i, 0, elapsed, out);
      for (guint s = 0; s < WEFT_N_STATES; s++)
        {
          guint64 want = weft_actor_get_time_in_state (actor, s);

          ck_assert_msg (completed && s == WEFT_STATE_DONE ? out[s] <= want : out[s] == want,
                         "%s, state %u: %" G_GUINT64_FORMAT " ns in the model, %" G_GUINT64_FORMAT
                         " in the run", weft_actor_get_name (actor), s, out[s], want);
        }
    }
}

/* Four steps, the teacher explaining 150 ms before each, the model synced after each. */
static void
step_like_a_teacher (WeftRun   *run,
                     WeftModel *model)
{
  for (guint i = 0; i < 4; i++)
    {
      g_usleep (150 * 1000);
      ck_assert (weft_run_step (run, NULL, NULL));
      ck_assert (weft_run_wait_settled (run, 5 * SECOND));
      weft_model_sync (model, run);
    }
}

/* The one free part of a run stepped four times: it takes at least half of the axis and
 * no bar is longer than it (the teacher's seconds are not drawn as time). */
static const WeftModelFreePart *
assert_free_part_dominates (WeftModel *model)
{
  const WeftModelFreePart *parts;
  guint n_parts, n_steps;
  double start = weft_model_get_axis_start (model);
  double end = weft_model_get_axis_end (model);
  double free_w;

  weft_model_get_step_times (model, &n_steps);
  ck_assert_uint_eq (n_steps, 4);
  ck_assert_int_eq (weft_model_get_mode (model), WEFT_MODE_STEP);
  parts = weft_model_get_free_parts (model, &n_parts);
  ck_assert_uint_eq (n_parts, 1);
  free_w = parts[0].axis_end - parts[0].axis_start;
  ck_assert_msg (free_w >= 0.5 * (end - start), "free part %g of axis [%g, %g]", free_w, start, end);
  ck_assert_msg (longest_span_on_axis (model) <= free_w, "a span of %g, the free part %g",
                 longest_span_on_axis (model), free_w);
  return parts;
}

/* The real runtime, stepped with a teacher's pauses between the key presses, then let go:
 * the axis has the boundary where the steps end, the free part is drawn in time over most
 * of it, and the seconds between key presses are no bar longer than the free part. */
START_TEST (test_real_step_then_run)
{
  static const char * const sets[] = { "strategy=ordered", "think_ms=5", "eat_ms=5",
                                       "fork_gap_ms=5", NULL };
  g_autoptr(WeftRun) run = test_make_run ("philosophers", 3, sets);
  g_autoptr(WeftModel) model = weft_model_new_for_run (run);
  const WeftModelFreePart *parts;

  weft_run_set_policy (run, WEFT_POLICY_ROUND_ROBIN);
  test_start (run, WEFT_MODE_STEP);
  ck_assert (weft_run_wait_settled (run, 5 * SECOND));
  step_like_a_teacher (run, model);
  g_usleep (150 * 1000);
  weft_run_resume (run);
  g_usleep (100 * 1000);
  weft_model_sync (model, run);
  weft_run_stop (run);
  weft_model_sync (model, run);

  parts = assert_free_part_dominates (model);
  assert_close (parts[0].axis_start, 4.0, "the boundary after the four steps");
}
END_TEST

/* The real runtime run free, paused, then stepped with a teacher's pauses between the key
 * presses: the free part keeps its time from the axis' start, the steps get columns after
 * it, and no bar is longer than the free part. */
START_TEST (test_real_run_then_step)
{
  static const char * const sets[] = { "strategy=ordered", "think_ms=5", "eat_ms=5",
                                       "fork_gap_ms=5", NULL };
  g_autoptr(WeftRun) run = test_make_run ("philosophers", 3, sets);
  g_autoptr(WeftModel) model = weft_model_new_for_run (run);
  const WeftModelFreePart *parts;

  weft_run_set_policy (run, WEFT_POLICY_ROUND_ROBIN);
  test_start (run, WEFT_MODE_RUN);
  g_usleep (100 * 1000);
  weft_model_sync (model, run);
  ck_assert_int_eq (weft_model_get_mode (model), WEFT_MODE_RUN);
  weft_run_pause (run);
  ck_assert (weft_run_wait_settled (run, 5 * SECOND));
  step_like_a_teacher (run, model);
  g_usleep (150 * 1000);
  weft_run_stop (run);
  weft_model_sync (model, run);

  parts = assert_free_part_dominates (model);
  assert_close (parts[0].axis_start, weft_model_get_axis_start (model), "the free part starts the axis");
  ck_assert_msg (weft_model_get_step_axis (model, 0) > parts[0].axis_end,
                 "step 1 at %g, inside the free part ending at %g",
                 weft_model_get_step_axis (model, 0), parts[0].axis_end);
}
END_TEST

/* A free naive deadlock: the run is over at the deadlock, even when the model is synced a
 * second later (the window keeps the threads blocked until reset): the whole run's view
 * ends within 5 % after the deadlock. */
START_TEST (test_real_deadlock_ends_axis)
{
  static const char * const sets[] = { "strategy=naive", "think_ms=0", "eat_ms=0",
                                       "fork_gap_ms=100", NULL };
  g_autoptr(WeftRun) run = test_make_run ("philosophers", 1, sets);
  g_autoptr(WeftModel) model = weft_model_new_for_run (run);
  WeftTimelineView view = { 0 };
  guint64 deadlock_ns;
  double d;
  gint64 deadline = g_get_monotonic_time () + 10 * SECOND;

  test_start (run, WEFT_MODE_RUN);
  while (!weft_model_get_deadlock (model, NULL, NULL, NULL) && g_get_monotonic_time () < deadline)
    {
      g_usleep (20 * 1000);
      weft_model_sync (model, run);
    }
  ck_assert (weft_model_get_deadlock (model, &deadlock_ns, NULL, NULL));
  g_usleep (SECOND);
  weft_model_sync (model, run);
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_DEADLOCK);

  d = weft_model_time_to_axis (model, deadlock_ns);
  weft_timeline_view_whole (model, &view);
  ck_assert_msg (view.end <= d + 0.05 * (d - view.start),
                 "the view ends at %g, the deadlock at %g", view.end, d);
  ck_assert_msg (view.end >= d, "the view ends at %g, before the deadlock at %g", view.end, d);
  weft_run_stop (run);
}
END_TEST

START_TEST (test_real_philosophers)
{
  static const char * const sets[] = { "strategy=naive", NULL };
  g_autoptr(WeftRun) run = test_make_run ("philosophers", 3, sets);
  g_autoptr(WeftModel) live = weft_model_new_for_run (run);
  g_autoptr(WeftModel) model = NULL;
  g_autoptr(GArray) cycle = NULL;
  const WeftModelEdge *edges;
  guint64 deadlock_ns;
  guint n_edges, n_steps, n_actors;

  ck_assert_int_eq (weft_model_get_n_actors (live), weft_run_get_n_actors (run));
  ck_assert_str_eq (weft_model_get_title (live), weft_run_get_scenario (run)->title);

  /* The live model syncs after every step, as the window does every frame. */
  weft_run_set_policy (run, WEFT_POLICY_ROUND_ROBIN);
  test_start (run, WEFT_MODE_STEP);
  ck_assert (weft_run_wait_settled (run, 5 * SECOND));
  weft_model_sync (live, run);
  while (weft_run_get_outcome (run) == WEFT_OUTCOME_NONE)
    {
      ck_assert (weft_run_step (run, NULL, NULL));
      ck_assert (weft_run_wait_settled (run, 5 * SECOND));
      ck_assert_uint_gt (weft_model_sync (live, run), 0);
      ck_assert_uint_le (weft_run_get_n_steps (run), 1000);
    }
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_DEADLOCK);
  ck_assert_uint_eq (weft_model_sync (live, run), 0);

  model = weft_model_new_for_run (run);
  ck_assert_uint_eq (weft_model_sync (model, run),
                     weft_trace_get_n_events (weft_run_get_trace (run)));
  ck_assert_uint_eq (weft_model_get_n_dropped (model), 0);
  assert_same_model (live, model);

  /* A window that fell behind catches up a budget at a time: each sync reads at most its
   * budget, ends the model at its last event meanwhile, and the result is the same model. */
  {
    g_autoptr(WeftModel) behind = weft_model_new_for_run (run);
    guint64 n_events = weft_trace_get_n_events (weft_run_get_trace (run));
    guint64 total = 0, added;
    guint n_syncs = 0;

    while ((added = weft_model_sync_some (behind, run, 7)) > 0)
      {
        ck_assert_uint_le (added, 7);
        total += added;
        n_syncs++;
        if (total < n_events)
          {
            WeftEvent last;

            ck_assert (weft_trace_read (weft_run_get_trace (run), total - 1, &last));
            ck_assert_uint_eq (weft_model_get_end_ns (behind), weft_event_get_time (&last));
          }
      }
    ck_assert_uint_eq (total, n_events);
    ck_assert_uint_eq (n_syncs, (n_events + 6) / 7);
    ck_assert_uint_ge (weft_model_get_end_ns (behind), weft_model_get_end_ns (model));
    assert_same_model (behind, model);
  }

  n_actors = weft_run_get_n_actors (run);
  ck_assert_uint_eq (n_actors, 5);
  ck_assert_uint_eq (weft_model_get_n_actors (model), n_actors);
  ck_assert_uint_eq (weft_model_get_n_objects (model), weft_run_get_n_objects (run));
  ck_assert_int_eq (weft_model_get_mode (model), WEFT_MODE_STEP);
  ck_assert_int_eq (weft_model_get_outcome (model), WEFT_OUTCOME_DEADLOCK);
  for (guint i = 0; i < weft_run_get_n_objects (run); i++)
    {
      WeftObject *object = weft_run_get_object (run, i);

      ck_assert_str_eq (weft_model_get_object_name (model, i), weft_object_get_name (object));
      ck_assert_int_eq (weft_model_get_object_kind (model, i), weft_object_get_kind (object));
    }
  for (guint16 id = 1; weft_run_get_activity (run, id) != NULL; id++)
    ck_assert_str_eq (weft_model_get_activity (model, id), weft_run_get_activity (run, id));

  /* Every philosopher ends blocked on his right fork. */
  for (guint i = 0; i < n_actors; i++)
    {
      const WeftThreadSpan *spans;
      guint n;
      guint right = (i + 1) % n_actors;

      ck_assert_str_eq (weft_model_get_actor_name (model, i),
                        weft_actor_get_name (weft_run_get_actor (run, i)));
      spans = weft_model_get_thread_spans (model, i, &n);
      ck_assert_uint_eq (spans[n - 1].state, WEFT_STATE_BLOCKED);
      ck_assert_uint_eq (spans[n - 1].object, right);
      ck_assert_int_eq (weft_object_get_kind (weft_run_get_object (run, right)), WEFT_OBJECT_LOCK);
    }

  /* The cycle, as the run reports it. */
  cycle = weft_run_dup_deadlock_cycle (run);
  ck_assert (weft_model_get_deadlock (model, &deadlock_ns, &edges, &n_edges));
  ck_assert_uint_eq (n_edges, cycle->len);
  ck_assert_uint_eq (n_edges, n_actors);
  for (guint k = 0; k < n_edges; k++)
    {
      WeftCycleEdge *edge = &g_array_index (cycle, WeftCycleEdge, k);

      ck_assert_uint_eq (edges[k].actor, weft_actor_get_index (edge->actor));
      ck_assert_uint_eq (edges[k].object, weft_object_get_index (edge->waits_on));
    }
  ck_assert_uint_le (deadlock_ns, weft_model_get_end_ns (model));

  /* Each fork: held by its left philosopher, his neighbour waiting for it. */
  for (guint i = 0; i < weft_run_get_n_objects (run); i++)
    {
      WeftObject *object = weft_run_get_object (run, i);
      const WeftResourceSpan *last;
      WeftActor *owner;

      if (weft_object_get_kind (object) != WEFT_OBJECT_LOCK)
        continue;
      owner = weft_object_get_owner (object);
      ck_assert_ptr_nonnull (owner);
      last = last_resource_span (model, i);
      ck_assert_uint_eq (last->owner, weft_actor_get_index (owner));
      ck_assert_int_eq (last->value, 1);
      ck_assert_uint_eq (last->n_waiting, 1);
    }

  /* One step time per step, and the axis counts them. */
  weft_model_get_step_times (model, &n_steps);
  ck_assert_uint_eq (n_steps, weft_run_get_n_steps (run));
  ck_assert_uint_eq (n_steps, 10);
  ck_assert (weft_model_get_axis_end (model) == (double) n_steps);
  ck_assert (weft_model_get_axis_start (model) == -1.0);

  /* Stopped: the outcome stays, the states are frozen, the times are the run's. */
  weft_run_stop (run);
  ck_assert_uint_eq (weft_model_sync (model, run), 1);  /* the stop */
  ck_assert_int_eq (weft_model_get_outcome (model), WEFT_OUTCOME_DEADLOCK);
  ck_assert_uint_ge (weft_model_get_end_ns (model), weft_run_get_elapsed_ns (run));
  assert_thread_times_match (model, run);
}
END_TEST

/* The sum of the values of the kept events of @kind. */
static gint64
sum_event_values (WeftRun       *run,
                  WeftEventKind  kind)
{
  WeftTrace *trace = weft_run_get_trace (run);
  gint64 sum = 0;

  for (guint64 i = weft_trace_get_first (trace); i < weft_trace_get_n_events (trace); i++)
    {
      WeftEvent ev;

      if (weft_trace_read (trace, i, &ev) && ev.kind == kind)
        sum += ev.value;
    }
  return sum;
}

static guint
find_object (WeftRun    *run,
             const char *name)
{
  for (guint i = 0; i < weft_run_get_n_objects (run); i++)
    if (g_strcmp0 (weft_object_get_name (weft_run_get_object (run, i)), name) == 0)
      return i;
  ck_abort_msg ("no object %s", name);
  return 0;
}

/* Checks the model's queue lane against the queue at the end of @run. */
static void
assert_queue_matches (WeftModel *model,
                      WeftRun   *run,
                      guint      index)
{
  WeftQueue *queue = (WeftQueue *) weft_run_get_object (run, index);
  g_autoptr(GArray) items = weft_queue_dup_items (queue);
  const WeftResourceSpan *spans, *last;
  guint n;

  ck_assert_int_eq (weft_model_get_lane_kind (model, weft_model_get_object_lane (model, index)),
                    WEFT_LANE_QUEUE);
  last = last_resource_span (model, index);
  ck_assert_int_eq (last->value, (gint32) weft_queue_get_length (queue));
  assert_list (model, last, (const gint32 *) items->data, MIN (items->len, WEFT_MODEL_MAX_LISTED));
  ck_assert_uint_eq (!!(last->flags & WEFT_SPAN_LIST_CUT), items->len > WEFT_MODEL_MAX_LISTED);

  /* Throughout, the items listed are as many as the length says. */
  spans = weft_model_get_resource_spans (model, index, &n);
  for (guint i = 0; i < n; i++)
    ck_assert_int_eq (spans[i].n_list, MIN (spans[i].value, WEFT_MODEL_MAX_LISTED));
}

START_TEST (test_real_pubsub)
{
  static const char * const sets[] = {
    "publishers=2", "subscribers=2", "messages=25", "interval_ms=1", NULL
  };
  g_autoptr(WeftRun) run = test_make_run ("pubsub", 11, sets);
  g_autoptr(WeftModel) model = weft_model_new_for_run (run);
  const WeftFlow *flows;
  guint list, lock, cond, n;
  guint64 last_end = 0;

  list = find_object (run, "list");
  lock = find_object (run, "condition lock");
  cond = find_object (run, "condition");

  test_start (run, WEFT_MODE_RUN);
  /* Synced while it runs, as the window does. */
  while (!weft_run_wait_end (run, 2000))
    weft_model_sync (model, run);
  ck_assert_int_eq (weft_run_get_outcome (run), WEFT_OUTCOME_COMPLETED);
  weft_run_stop (run);
  weft_model_sync (model, run);

  ck_assert_int_eq (weft_model_get_mode (model), WEFT_MODE_RUN);
  ck_assert_int_eq (weft_model_get_outcome (model), WEFT_OUTCOME_COMPLETED);
  ck_assert_uint_eq (weft_model_get_n_events (model),
                     weft_trace_get_n_events (weft_run_get_trace (run)));
  ck_assert_uint_eq (weft_model_get_n_dropped (model), 0);
  assert_queue_matches (model, run, list);
  ck_assert_int_eq (last_resource_span (model, list)->value, 0);
  assert_thread_times_match (model, run);

  /* Every message went from a publisher to a subscriber: one item flow each. Every waiter a
   * notify woke is one wake flow. Hand-offs pass the condition's lock. */
  flows = weft_model_get_flows (model, &n);
  ck_assert_uint_eq (count_flows (model, WEFT_FLOW_ITEM), 2 * 25);
  ck_assert_uint_gt (count_flows (model, WEFT_FLOW_WAKE), 0);
  ck_assert_int_eq (count_flows (model, WEFT_FLOW_WAKE),
                    sum_event_values (run, WEFT_EVENT_NOTIFY) +
                    sum_event_values (run, WEFT_EVENT_NOTIFY_ALL));
  for (guint i = 0; i < n; i++)
    {
      ck_assert_uint_ge (flows[i].to_ns, last_end);
      ck_assert_uint_le (flows[i].from_ns, flows[i].to_ns);
      ck_assert_uint_ne (flows[i].from_actor, flows[i].to_actor);
      last_end = flows[i].to_ns;
      switch (flows[i].kind)
        {
        case WEFT_FLOW_ITEM:
          ck_assert_uint_eq (flows[i].object, list);
          ck_assert_uint_lt (flows[i].from_actor, 2);
          ck_assert_uint_ge (flows[i].to_actor, 2);
          break;
        case WEFT_FLOW_WAKE:
          ck_assert_uint_eq (flows[i].object, cond);
          ck_assert_uint_ge (flows[i].to_actor, 2);
          {
            /* The runtime records the notify, then each waiter it woke with a CAUSE naming
             * it: the wake comes from that very notify. */
            WeftEvent notify;

            ck_assert (weft_trace_read (weft_run_get_trace (run), flows[i].cause, &notify));
            ck_assert (notify.kind == WEFT_EVENT_NOTIFY || notify.kind == WEFT_EVENT_NOTIFY_ALL);
            ck_assert_uint_eq (flows[i].from_actor, notify.actor);
            ck_assert_uint_eq (flows[i].from_ns, weft_event_get_time (&notify));
            ck_assert_uint_le (flows[i].from_ns, flows[i].to_ns);
          }
          break;
        case WEFT_FLOW_HANDOFF:
          ck_assert_uint_eq (flows[i].object, lock);
          break;
        default:
          ck_abort_msg ("flow of kind %u", flows[i].kind);
        }
    }
}
END_TEST

/* A priority queue with a crowd of publishers and one subscriber, stopped in the middle:
 * the lane ends with the queue's length and its smallest items first. */
START_TEST (test_real_queue_stopped)
{
  static const char * const sets[] = {
    "mechanism=queue", "queue_kind=priority", "publishers=4", "subscribers=1",
    "messages=100000", "interval_ms=0", NULL
  };
  g_autoptr(WeftRun) run = test_make_run ("pubsub", 5, sets);
  g_autoptr(WeftModel) model = weft_model_new_for_run (run);

  test_start (run, WEFT_MODE_RUN);
  g_usleep (100 * 1000);
  weft_model_sync (model, run);
  g_usleep (50 * 1000);
  weft_run_stop (run);
  weft_model_sync (model, run);

  ck_assert_int_eq (weft_model_get_outcome (model), WEFT_OUTCOME_STOPPED);
  ck_assert_uint_eq (weft_model_get_n_dropped (model), 0);
  ck_assert_uint_gt (count_flows (model, WEFT_FLOW_ITEM), 0);
  assert_queue_matches (model, run, find_object (run, "queue"));
  assert_thread_times_match (model, run);
}
END_TEST

/* With a small trace cap and one late sync, the events recycled meanwhile are counted as
 * dropped. */
START_TEST (test_real_dropped)
{
  static const char * const sets[] = {
    "mechanism=queue", "publishers=2", "subscribers=2", "messages=100000", "interval_ms=0", NULL
  };
  g_autoptr(WeftRun) run = test_make_run ("pubsub", 9, sets);
  g_autoptr(WeftModel) model = weft_model_new_for_run (run);
  WeftTrace *trace;
  gint64 deadline;

  /* A new trace, so taken after. */
  weft_run_set_trace_cap (run, 2 * WEFT_TRACE_CHUNK_EVENTS * sizeof (WeftEvent));
  trace = weft_run_get_trace (run);
  test_start (run, WEFT_MODE_RUN);
  deadline = g_get_monotonic_time () + 20 * SECOND;
  while (weft_trace_get_first (trace) == 0 && g_get_monotonic_time () < deadline)
    g_usleep (1000);
  weft_run_stop (run);
  ck_assert_uint_gt (weft_trace_get_first (trace), 0);

  weft_model_sync (model, run);
  ck_assert_uint_eq (weft_model_get_n_dropped (model), weft_trace_get_first (trace));
  ck_assert_uint_eq (weft_model_get_n_events (model) + weft_model_get_n_dropped (model),
                     weft_trace_get_n_events (trace));
  ck_assert_uint_eq (weft_model_get_end_ns (model) >= weft_run_get_elapsed_ns (run), TRUE);
  /* The history dropped is known, for the timeline to draw and say. */
  {
    guint64 n_forgotten = 0;
    guint64 when = weft_model_get_forgotten (model, &n_forgotten);
    WeftEvent first;

    ck_assert (weft_trace_read (trace, weft_trace_get_first (trace), &first));
    ck_assert_uint_eq (when, weft_event_get_time (&first));
    ck_assert_uint_eq (n_forgotten, weft_trace_get_first (trace));
  }
}
END_TEST

/* Stepping only the publisher, thousands of times, while the subscriber stays parked: its
 * events are recycled by the trace's cap before the model reads them, and a thread none
 * of whose events are kept would be drawn as new from the oldest kept event on. The run
 * says what it is doing, unchanged since (it did nothing since: its events would be
 * kept). As after a dense run's export, where threads that finished or waited early
 * showed as new. */
START_TEST (test_real_dropped_unseen)
{
  static const char * const sets[] = {
    "mechanism=queue", "publishers=1", "subscribers=1", "messages=100000", "interval_ms=0", NULL
  };
  g_autoptr(WeftRun) run = test_make_run ("pubsub", 3, sets);
  g_autoptr(WeftModel) model = weft_model_new_for_run (run);
  WeftActor *publisher = NULL, *subscriber = NULL;
  guint subscriber_index = 0;
  WeftTrace *trace;
  guint64 settled_at;
  WeftState state;
  guint n_spans, steps = 0;
  const WeftThreadSpan *spans;

  weft_run_set_trace_cap (run, 2 * WEFT_TRACE_CHUNK_EVENTS * sizeof (WeftEvent));
  trace = weft_run_get_trace (run);
  for (guint i = 0; i < weft_run_get_n_actors (run); i++)
    {
      WeftActor *actor = weft_run_get_actor (run, i);

      if (weft_actor_get_role (actor) == WEFT_ACTOR_ROLE_PRODUCER)
        publisher = actor;
      else if (weft_actor_get_role (actor) == WEFT_ACTOR_ROLE_CONSUMER)
        {
          subscriber = actor;
          subscriber_index = i;
        }
    }
  ck_assert_ptr_nonnull (publisher);
  ck_assert_ptr_nonnull (subscriber);

  test_start (run, WEFT_MODE_STEP);
  ck_assert (weft_run_wait_settled (run, 5 * SECOND));
  settled_at = weft_trace_get_n_events (trace);
  while (weft_trace_get_first (trace) <= settled_at && steps < 50000)
    {
      ck_assert (weft_run_step (run, publisher, NULL));
      ck_assert (weft_run_wait_settled (run, 5 * SECOND));
      steps++;
    }
  ck_assert_uint_gt (weft_trace_get_first (trace), settled_at);
  state = weft_actor_get_state (subscriber);
  ck_assert_int_ne (state, WEFT_STATE_NEW);

  weft_model_sync (model, run);
  ck_assert_uint_gt (weft_model_get_n_dropped (model), 0);
  spans = weft_model_get_thread_spans (model, subscriber_index, &n_spans);
  ck_assert_msg (n_spans == 2 && spans[1].state == state,
                 "the subscriber: %u spans, the last %d; %d in the run", n_spans,
                 spans[n_spans - 1].state, state);
  ck_assert_uint_eq (spans[1].start_ns, weft_model_get_forgotten (model, NULL));
  weft_run_stop (run);
}
END_TEST

/* Forgetting the past keeps every answer about what is remembered: the time in each state
 * over an interval after the cut is the same before and after, an interval across the cut
 * counts from the first span kept, and the spans before the cut are gone. */
/* A queue thousands of items deep, filled then emptied with puts and gets interleaved,
 * in each order: every span lists the queue's first items (the model takes a queue's
 * first item by moving a head, and a span's list shares the one before in the pool), and
 * each get's CAUSE finds its put among thousands. */
static void
check_long_queue (WeftQueueKind kind)
{
  g_autoptr(WeftModel) model = weft_model_new ();
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr(GArray) puts = g_array_new (FALSE, FALSE, sizeof (guint64));  /* by put, i */
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  guint put, get, object, n_flows = 0, n;
  guint64 t = 0;

  put = weft_model_add_actor (model, "put");
  get = weft_model_add_actor (model, "get");
  object = weft_model_add_object (model, "queue", WEFT_OBJECT_QUEUE, 0, kind);
  for (guint i = 0; i < 12000; i++)
    {
      /* Mostly puts for the first half, mostly gets for the second. */
      gboolean is_put = queue->len == 0 || g_rand_int_range (rand, 0, 4) < (i < 6000 ? 3 : 1);
      const WeftResourceSpan *span;

      t += 10;
      if (is_put)
        {
          gint32 item = (gint32) i;
          guint at = 0;
          guint64 index = next_index (model);

          if (kind == WEFT_QUEUE_FIFO)
            at = queue->len;
          else if (kind == WEFT_QUEUE_PRIORITY)
            {
              item = g_rand_int_range (rand, 0, 1000) * 100000 + (gint32) i;
              while (at < queue->len && g_array_index (queue, gint32, at) <= item)
                at++;
            }
          g_array_insert_val (queue, at, item);
          model_queue_op (model, t, WEFT_EVENT_QUEUE_PUT, put, object, item, (gint32) queue->len);
          /* Remember the put by its item. */
          if ((guint) (item % 100000) >= puts->len)
            g_array_set_size (puts, (item % 100000) + 1);
          g_array_index (puts, guint64, item % 100000) = index;
        }
      else
        {
          gint32 item = g_array_index (queue, gint32, 0);

          g_array_remove_index (queue, 0);
          model_queue_op (model, t, WEFT_EVENT_QUEUE_GET, get, object, item, (gint32) queue->len);
          model_cause (model, t, WEFT_CAUSE_ITEM, get, object, g_array_index (puts, guint64, item % 100000));
          n_flows++;
        }
      span = last_resource_span (model, object);
      ck_assert_int_eq (span->value, (gint32) queue->len);
      ck_assert_int_eq (!!(span->flags & WEFT_SPAN_LIST_CUT), queue->len > WEFT_MODEL_MAX_LISTED);
      assert_list (model, span, (const gint32 *) queue->data, MIN (queue->len, WEFT_MODEL_MAX_LISTED));
    }
  ck_assert_uint_gt (n_flows, 3000);
  weft_model_get_flows (model, &n);
  ck_assert_uint_eq (n, n_flows);
}

START_TEST (test_long_queues)
{
  check_long_queue (WEFT_QUEUE_FIFO);
  check_long_queue (WEFT_QUEUE_LIFO);
  check_long_queue (WEFT_QUEUE_PRIORITY);
}
END_TEST

/* Half a million spans, past the size at which the model's arrays move to their own
 * mapping: every span kept in order and contiguous, the sums right, before and after the
 * first half is forgotten. */
START_TEST (test_many_spans)
{
  g_autoptr(WeftModel) model = weft_model_new ();
  const WeftThreadSpan *spans;
  guint64 ns[WEFT_N_STATES];
  guint n, n_spans = 500000;

  weft_model_add_actor (model, "A");
  for (guint i = 1; i <= n_spans; i++)
    model_state (model, 10 * (guint64) i, 0, i % 2 ? WEFT_STATE_RUNNING : WEFT_STATE_SLEEPING,
                 WEFT_NONE, 0);
  weft_model_set_end (model, 10 * (guint64) n_spans + 10);

  spans = weft_model_get_thread_spans (model, 0, &n);
  ck_assert_uint_eq (n, n_spans + 1);
  for (guint i = 1; i < n; i++)
    {
      ck_assert_uint_eq (spans[i].start_ns, 10 * (guint64) i);
      ck_assert_uint_eq (spans[i].state, i % 2 ? WEFT_STATE_RUNNING : WEFT_STATE_SLEEPING);
    }
  weft_model_get_thread_time (model, 0, 0, 10 * (guint64) n_spans + 10, ns);
  ck_assert_uint_eq (ns[WEFT_STATE_RUNNING], 5 * (guint64) n_spans);
  ck_assert_uint_eq (ns[WEFT_STATE_SLEEPING], 5 * (guint64) n_spans);

  weft_model_forget_before (model, 5 * (guint64) n_spans);
  spans = weft_model_get_thread_spans (model, 0, &n);
  ck_assert_uint_lt (n, n_spans * 3 / 5);
  ck_assert_uint_le (spans[0].start_ns, 5 * (guint64) n_spans);
  for (guint i = 1; i < n; i++)
    ck_assert_uint_eq (spans[i].start_ns, spans[i - 1].start_ns + 10);
  weft_model_get_thread_time (model, 0, 6 * (guint64) n_spans, 8 * (guint64) n_spans, ns);
  ck_assert_uint_eq (ns[WEFT_STATE_RUNNING] + ns[WEFT_STATE_SLEEPING], 2 * (guint64) n_spans);
  ck_assert_uint_eq (ns[WEFT_STATE_RUNNING], (guint64) n_spans);
}
END_TEST

/* The model's many small arrays (each lane's spans and checkpoints, under a megabyte; the
 * census of many lanes) sit on huge pages, not in the heap's 4 KiB pages: a fresh page
 * costs a fault of 13 µs on a VM (issue 14). Sixty-four threads changing state in turn,
 * 4.2 MB of spans and their census: tens of faults, where 4 KiB pages take thousands. */

#define FAULT_TEST_ACTORS 64
#define FAULT_TEST_SPANS  4096

/* Transparent huge pages, given to those who ask (or to all). */
static gboolean
huge_pages_available (void)
{
  g_autofree char *enabled = NULL;

  return g_file_get_contents ("/sys/kernel/mm/transparent_hugepage/enabled", &enabled, NULL, NULL) &&
         strstr (enabled, "[never]") == NULL;
}

/* The process's memory on huge pages now, in KiB (the kernel may have none to give when
 * its memory is fragmented, and then falls back to 4 KiB pages). */
static guint64
huge_pages_in_use (void)
{
  g_autofree char *rollup = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/smaps_rollup", &rollup, NULL, NULL) ||
      (line = strstr (rollup, "AnonHugePages:")) == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen ("AnonHugePages:"), NULL, 10);
}

START_TEST (test_small_arrays_fault_little)
{
  g_autoptr(WeftModel) model = weft_model_new ();
  glong before;
  glong faults;
  guint n;

  if (!huge_pages_available ())
    return;
  for (guint a = 0; a < FAULT_TEST_ACTORS; a++)
    {
      g_autofree char *name = g_strdup_printf ("T%u", a);

      weft_model_add_actor (model, name);
    }

  before = test_minor_faults (RUSAGE_SELF);
  for (guint i = 1; i <= FAULT_TEST_SPANS; i++)
    for (guint a = 0; a < FAULT_TEST_ACTORS; a++)
      model_state (model, 10 * ((guint64) i * FAULT_TEST_ACTORS + a), a,
                   i % 2 ? WEFT_STATE_RUNNING : WEFT_STATE_SLEEPING, WEFT_NONE, 0);
  faults = test_minor_faults (RUSAGE_SELF) - before;

  for (guint a = 0; a < FAULT_TEST_ACTORS; a++)
    {
      weft_model_get_thread_spans (model, a, &n);
      ck_assert_uint_eq (n, FAULT_TEST_SPANS + 1);
    }
  /* None granted: the kernel's choice, not the model's. */
  if (huge_pages_in_use () == 0)
    return;
  ck_assert_msg (faults < 200, "%ld page faults to build %u spans", faults,
                 FAULT_TEST_ACTORS * FAULT_TEST_SPANS);
}
END_TEST

START_TEST (test_forget_before)
{
  g_autoptr(WeftModel) model = weft_model_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint64 t = 0, cut, later, end;
  guint64 before[WEFT_N_STATES], after[WEFT_N_STATES], across[WEFT_N_STATES];
  guint n_before, n_after, n_flows_before, n_flows_after;
  gint64 first_start;
  const WeftThreadSpan *spans;
  WeftResourceSummary summary_before, summary_after;

  weft_model_add_actor (model, "A");
  weft_model_add_actor (model, "B");
  weft_model_add_object (model, "L", WEFT_OBJECT_LOCK, 0, WEFT_QUEUE_FIFO);
  for (guint i = 0; i < 20000; i++)
    {
      guint16 actor = (guint16) g_rand_int_range (rand, 0, 2);

      t += 1 + g_rand_int_range (rand, 0, 1000);
      if (i % 4 == 0)
        {
          /* A takes L when B had blocked on it: a hand-off each time. */
          guint64 released;

          model_state (model, t, 1, WEFT_STATE_BLOCKED, 0, 0);
          test_model_event (model, t + 1, WEFT_EVENT_ACQUIRED, 0, 0, 0, 1);
          released = next_index (model);
          test_model_event (model, t + 2, WEFT_EVENT_RELEASED, 0, 0, 0, 0);
          test_model_event (model, t + 3, WEFT_EVENT_ACQUIRED, 0, 1, 0, 1);
          model_cause (model, t + 3, WEFT_CAUSE_HANDOFF, 1, 0, released);
          test_model_event (model, t + 4, WEFT_EVENT_RELEASED, 0, 1, 0, 0);
          t += 5;
        }
      model_state (model, t, actor, 1 + g_rand_int_range (rand, 0, 5), WEFT_NONE, 0);
    }
  end = t;
  cut = end / 2;
  later = cut + (end - cut) / 3;

  weft_model_get_thread_spans (model, 0, &n_before);
  weft_model_get_flows (model, &n_flows_before);
  weft_model_get_thread_time (model, 0, later, end - 10, before);
  weft_model_get_resource_summary (model, 0, later, end - 10, &summary_before);

  weft_model_forget_before (model, cut);

  spans = weft_model_get_thread_spans (model, 0, &n_after);
  weft_model_get_flows (model, &n_flows_after);
  ck_assert_uint_lt (n_after, n_before * 3 / 4);
  ck_assert_uint_lt (n_flows_after, n_flows_before * 3 / 4);
  ck_assert_uint_le (spans[0].start_ns, cut);
  first_start = (gint64) spans[0].start_ns;

  weft_model_get_thread_time (model, 0, later, end - 10, after);
  for (guint s = 0; s < WEFT_N_STATES; s++)
    ck_assert_uint_eq (before[s], after[s]);
  weft_model_get_resource_summary (model, 0, later, end - 10, &summary_after);
  ck_assert (fabs (summary_before.mean_use - summary_after.mean_use) < 1e-9);
  ck_assert (fabs (summary_before.mean_waiting - summary_after.mean_waiting) < 1e-9);
  ck_assert_uint_eq (summary_before.n_changes, summary_after.n_changes);

  /* Across the cut: what is known, from the first span kept. */
  {
    guint64 total = 0;

    weft_model_get_thread_time (model, 0, 0, later, across);
    for (guint s = 0; s < WEFT_N_STATES; s++)
      total += across[s];
    ck_assert_uint_eq (total, later - (guint64) first_start);
  }
  ck_assert_int_eq (weft_model_find_thread_span (model, 0, (guint64) first_start - 1), -1);
}
END_TEST

/* A census is kept from the WEFT_MODEL_CENSUS_MIN-th lane on; before, nothing is counted
 * (issue 14: most models' events pay nothing for it). A thread and a lock added mid-run
 * start both censuses, whose counts are then taken from the lanes as they are: over any
 * interval after that, the mean count in each state is the threads' time in it (the locks'
 * time held, with waiters) divided by the interval. */
START_TEST (test_census_starts_mid_run)
{
  g_autoptr(WeftModel) model = weft_model_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  const guint n = WEFT_MODEL_CENSUS_MIN;
  guint16 holder[WEFT_MODEL_CENSUS_MIN];
  guint64 t = 1000, start, end;
  double mean[WEFT_N_STATES], held, waited;

  for (guint i = 0; i + 1 < n; i++)
    {
      char name[16];

      g_snprintf (name, sizeof name, "T%u", i);
      weft_model_add_actor (model, name);
      g_snprintf (name, sizeof name, "L%u", i);
      weft_model_add_object (model, name, WEFT_OBJECT_LOCK, 0, WEFT_QUEUE_FIFO);
      holder[i] = WEFT_NONE;
    }
  holder[n - 1] = WEFT_NONE;

  for (guint round = 0; round < 2; round++)
    {
      guint n_actors = weft_model_get_n_actors (model);

      for (guint i = 0; i < 3000; i++)
        {
          guint16 actor = (guint16) g_rand_int_range (rand, 0, n_actors);
          guint16 lock = (guint16) g_rand_int_range (rand, 0, n_actors);

          t += 1 + g_rand_int_range (rand, 0, 100);
          switch (g_rand_int_range (rand, 0, 4))
            {
            case 0:
              model_state (model, t, actor, WEFT_STATE_RUNNING + g_rand_int_range (rand, 0, 2),
                           WEFT_NONE, 0);
              break;
            case 1:
              model_state (model, t, actor, WEFT_STATE_BLOCKED, lock, 0);
              break;
            case 2:
              if (holder[lock] == WEFT_NONE)
                {
                  test_model_event (model, t, WEFT_EVENT_ACQUIRED, 0, actor, lock, 1);
                  holder[lock] = actor;
                }
              break;
            default:
              if (holder[lock] != WEFT_NONE)
                {
                  test_model_event (model, t, WEFT_EVENT_RELEASED, 0, holder[lock], lock, 0);
                  holder[lock] = WEFT_NONE;
                }
              break;
            }
        }
      if (round == 0)
        {
          /* Below the threshold: no census yet. */
          ck_assert (!weft_model_get_thread_census (model, 0, t, mean));
          ck_assert (!weft_model_get_resource_census (model, 0, t, &held, &waited));
          weft_model_add_actor (model, "last");
          weft_model_add_object (model, "last lock", WEFT_OBJECT_LOCK, 0, WEFT_QUEUE_FIFO);
          start = t;
        }
    }
  end = t + 50;
  weft_model_set_end (model, end);

  for (guint k = 0; k < 8; k++)
    {
      guint64 t0 = start + (end - start) * k / 8, t1 = start + (end - start) * (k + 1) / 8;
      double states[WEFT_N_STATES] = { 0 }, held_ns = 0, waited_ns = 0;

      for (guint a = 0; a < n; a++)
        {
          guint64 out[WEFT_N_STATES];

          weft_model_get_thread_time (model, a, t0, t1, out);
          for (guint s = 0; s < WEFT_N_STATES; s++)
            states[s] += (double) out[s];
        }
      for (guint o = 0; o < n; o++)
        {
          guint n_spans;
          const WeftResourceSpan *spans = weft_model_get_object_spans (model, o, &n_spans);

          for (guint i = 0; i < n_spans; i++)
            {
              guint64 from = MAX (spans[i].start_ns, t0);
              guint64 to = MIN (i + 1 < n_spans ? spans[i + 1].start_ns : end, t1);

              if (to <= from)
                continue;
              if (spans[i].value > 0)
                held_ns += (double) (to - from);
              if (spans[i].n_waiting > 0)
                waited_ns += (double) (to - from);
            }
        }

      ck_assert (weft_model_get_thread_census (model, t0, t1, mean));
      for (guint s = 0; s < WEFT_N_STATES; s++)
        ck_assert_double_eq_tol (mean[s], states[s] / (double) (t1 - t0), 1e-6);
      ck_assert (weft_model_get_resource_census (model, t0, t1, &held, &waited));
      ck_assert_double_eq_tol (held, held_ns / (double) (t1 - t0), 1e-6);
      ck_assert_double_eq_tol (waited, waited_ns / (double) (t1 - t0), 1e-6);
    }
}
END_TEST

static Suite *
model_suite (void)
{
  Suite *s = suite_create ("model");

  test_add_case (s, "lanes", test_lanes);
  test_add_case (s, "forget-before", test_forget_before);
  test_add_case (s, "census-starts-mid-run", test_census_starts_mid_run);
  test_add_case (s, "long-queues", test_long_queues);
  test_add_case (s, "many-spans", test_many_spans);
  /* A sanitizer's shadow memory faults beside every fresh page. */
  if (!TEST_SANITIZED)
    test_add_case (s, "small-arrays-fault-little", test_small_arrays_fault_little);
  test_add_case (s, "thread-spans", test_thread_spans);
  test_add_case (s, "thread-time-random", test_thread_time_random);
  test_add_case (s, "lock-spans-and-handoff", test_lock_spans_and_handoff);
  test_add_case (s, "semaphore-holders", test_semaphore_holders);
  test_add_case (s, "queue-orders", test_queue_orders);
  test_add_case (s, "shared-stale-writes", test_shared_stale_writes);
  test_add_case (s, "resource-summary-random", test_resource_summary_random);
  test_add_case (s, "wake-flows", test_wake_flows);
  test_add_case (s, "deadlock-and-outcome", test_deadlock_and_outcome);
  test_add_case (s, "step-axis", test_step_axis);
  test_add_case (s, "references", test_model_references);
  test_add_case (s, "step-then-resume", test_step_then_resume_axis);
  test_add_case (s, "run-then-step", test_run_then_step_axis);
  test_add_case (s, "run-pause-resume", test_run_pause_resume_axis);
  test_add_case (s, "run-axis", test_run_axis);
  test_add_case (s, "real-philosophers", test_real_philosophers);
  test_add_case (s, "real-step-then-run", test_real_step_then_run);
  test_add_case (s, "real-run-then-step", test_real_run_then_step);
  test_add_case (s, "real-deadlock-ends-axis", test_real_deadlock_ends_axis);
  test_add_case (s, "real-pubsub", test_real_pubsub);
  test_add_case (s, "real-queue-stopped", test_real_queue_stopped);
  test_add_case (s, "real-dropped", test_real_dropped);
  test_add_case (s, "real-dropped-unseen", test_real_dropped_unseen);
  return s;
}

int
main (void)
{
  return test_run_suite (model_suite ());
}
