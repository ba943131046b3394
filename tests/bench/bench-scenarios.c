/* bench-scenarios.c — DESIGN.md's "a scenario at default pacing, instrumented vs not:
 * ≤ 1.05×", measured for each of the four scenarios as the wall time to finish a fixed
 * amount of work. B (Weft) is the real scenario through the runtime: created with its
 * default parameters (except what makes the work finite), run mode, waited for
 * (weft_run_wait_end) and stopped, which joins every thread. A (bare) is the same program
 * written directly on GLib: GMutex forks, a GMutex + GCond list, a counting semaphore made
 * of both, g_usleep for the pauses; the same threads, the same random pauses drawn from
 * generators seeded exactly as the runtime seeds each actor, in the same order, and nothing
 * recorded.
 *
 * Default pacing means the scenarios' own pauses, seconds long. So that the program takes
 * a few minutes, both sides divide every pause by the same speed factor (B through
 * weft_run_set_speed, A by dividing what it passes to g_usleep), and each row says which.
 * The runtime's cost is per operation and per run, not per second of pause, so a ratio
 * measured at ×20 can only overstate the one at ×1; the bank, whose pause is only 100 ms,
 * runs at ×1, and the tickets are measured at ×1 as well, as a check of that claim.
 *
 * What a ratio cannot separate: the schedule. Where two threads want the same thing at the
 * same moment (two philosophers, one fork), who wins decides whole pauses of waiting, so a
 * run's wall time takes one of a few values, on either side (philosophers: ±10 %); the
 * median of many repetitions finds the common schedule, and the runtime's cost is the
 * difference within it. A runtime that resolved such races differently (its fairness
 * courtesy) would show here as a different ratio, which is part of "instrumented vs not".
 *
 * A ratio between different work would mean nothing, so every run of either side is
 * checked, and a failed check aborts: the number of meals, tickets sold, messages published
 * and consumed, reads and writes of the balance; the values published, against those the
 * publisher's seeded generator yields; and every thread's generator at the end, against one
 * seeded as weft_run_add_actor() seeds it and advanced by as many draws as the work done
 * implies — the same seeds, the same number of draws, on both sides.
 *
 * Usage: bench-scenarios [SPEED [MEALS [SCENARIO]]] (defaults: 20, 6, all four). Prints
 * Markdown rows and a SUMMARY line; never fails on time. WEFT_BENCH_VERBOSE=1 prints each
 * run's wall time on stderr.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <string.h>

#include "weft-bench.h"
#include "weft-scenarios.h"

#define TARGET      1.05
#define SEED        1
#define PHILOSOPHERS_REPS 15
/* Long enough for the slowest run at ×1 on a loaded machine, short enough to notice a
 * run that never ends. */
#define END_TIMEOUT_US (600 * G_USEC_PER_SEC)

/* WEFT_BENCH_VERBOSE set: each run's wall time on stderr (how the schedules spread). */
static gboolean verbose;

/* A check that both sides did the work they should: abort with the reason otherwise. */
#define CHECK(cond, ...) G_STMT_START { if (!(cond)) g_error (__VA_ARGS__); } G_STMT_END

typedef struct _Bench Bench;

struct _Bench
{
  const char          *id;         /* the scenario */
  const char * const  *sets;       /* what differs from its defaults, "KEY=VALUE", NULL-terminated */
  double               speed;      /* both sides' speed factor */
  const char          *figure;     /* the row's figure */
  void               (*check_weft) (Bench   *bench,
                                    WeftRun *run);
  WeftBenchFunc        run_bare;
  guint                reps;       /* 0: WEFT_BENCH_REPS */

  const WeftScenario  *scenario;
  WeftParams          *params;     /* both sides read their work here */

  /* What the runs showed, for the row. */
  double               pauses_ms;  /* A, last run: the most one thread spent in its own pauses */
  guint64              n_events;   /* B, last run: events recorded */
  guint                n_runs_a;
  guint                n_runs_b;
  guint                n_lost_a;   /* bank: runs in which an update was lost */
  guint                n_lost_b;
};

static guint
param (Bench      *bench,
       const char *name)
{
  return (guint) weft_params_get_int (bench->params, name);
}

/* A generator seeded as weft_run_add_actor() seeds actor @index of a run of @seed. */
static GRand *
actor_rand_new (guint64 seed,
                guint   index)
{
  guint32 seeds[3] = { (guint32) seed, (guint32) (seed >> 32), index };

  return g_rand_new_with_seed_array (seeds, G_N_ELEMENTS (seeds));
}

/* Whether @rand is where actor @index's generator must be after @n_draws draws in
 * [@begin, @end): the next draws of copies agree. Equal states mean the same seed and the
 * same number of draws (g_rand_int_range may consume more than one number, but the same
 * ones from the same state). */
static gboolean
rand_after_draws (GRand  *rand,
                  guint   index,
                  guint   n_draws,
                  gint32  begin,
                  gint32  end)
{
  g_autoptr(GRand) reference = actor_rand_new (SEED, index);
  g_autoptr(GRand) copy = g_rand_copy (rand);

  for (guint i = 0; i < n_draws; i++)
    g_rand_int_range (reference, begin, end);
  for (guint i = 0; i < 8; i++)
    if (g_rand_int (reference) != g_rand_int (copy))
      return FALSE;
  return TRUE;
}

static gint64
metric_int64 (GVariant   *metrics,
              const char *key)
{
  gint64 value = 0;

  CHECK (g_variant_lookup (metrics, key, "x", &value), "no int64 metric %s", key);
  return value;
}

/* The bare side's pause: what weft_sleep() does in run mode, minus the monitor, the gate
 * and the state changes (a pause of 0 does not sleep there either). */
static void
bare_pause (guint   ms,
            double  speed,
            double *total_ms)
{
  if (ms == 0)
    return;
  g_usleep ((gulong) ((double) ms * 1000.0 / speed));
  *total_ms += (double) ms / speed;
}

/* B: the scenario through the runtime, from creating the run to the stop that joins its
 * threads. Freeing the run is left out, as freeing A's threads' data is. */
static double
run_weft (gpointer data)
{
  Bench *bench = data;
  g_autoptr(GError) error = NULL;
  WeftRun *run;
  double start, end;

  start = weft_bench_now_ns ();
  run = weft_scenario_create_run (bench->scenario, bench->params, SEED, &error);
  CHECK (run != NULL, "%s: %s", bench->id, error->message);
  weft_run_set_speed (run, bench->speed);
  CHECK (weft_run_start (run, WEFT_MODE_RUN, &error), "%s: %s", bench->id, error->message);
  CHECK (weft_run_wait_end (run, END_TIMEOUT_US), "%s: the run did not end", bench->id);
  weft_run_stop (run);
  end = weft_bench_now_ns ();

  CHECK (weft_run_get_outcome (run) == WEFT_OUTCOME_COMPLETED, "%s: the run did not complete", bench->id);
  CHECK (weft_run_get_n_misuses (run) == 0, "%s: misuses", bench->id);
  bench->check_weft (bench, run);
  bench->n_events = weft_trace_get_n_events (weft_run_get_trace (run));
  bench->n_runs_b++;
  weft_run_unref (run);
  if (verbose)
    g_printerr ("%s B %.1f ms\n", bench->id, (end - start) / 1e6);

  return (end - start) / 1e6;
}

/* ---- philosophers ---------------------------------------------------------------- */

typedef struct
{
  Bench   *bench;
  GMutex  *first;            /* ordered: the lower-numbered fork */
  GMutex  *second;
  GRand   *rand;
  guint    meals;
  gint64   longest_wait_us;  /* as the scenario keeps it */
  double   pauses_ms;
  GThread *thread;
} BarePhilosopher;

/* The scenario's pause_ms(): 1/5 to 5/5 of the longest pause. */
static guint
bare_pause_ms (GRand *rand,
               guint  longest)
{
  if (longest == 0)
    return 0;
  return (guint) ((guint64) longest * (guint64) g_rand_int_range (rand, 1, 6) / 5);
}

/* philosopher_run() with the ordered strategy: think, first fork, pause, second fork, eat,
 * put both back; three draws a meal, in this order. */
static gpointer
bare_philosopher (gpointer data)
{
  BarePhilosopher *p = data;
  Bench *bench = p->bench;
  guint meals = param (bench, "meals");
  guint think_ms = param (bench, "think_ms");
  guint fork_gap_ms = param (bench, "fork_gap_ms");
  guint eat_ms = param (bench, "eat_ms");

  while (p->meals < meals)
    {
      gint64 hungry_since;

      bare_pause (bare_pause_ms (p->rand, think_ms), bench->speed, &p->pauses_ms);
      hungry_since = g_get_monotonic_time ();
      g_mutex_lock (p->first);
      bare_pause (bare_pause_ms (p->rand, fork_gap_ms), bench->speed, &p->pauses_ms);
      g_mutex_lock (p->second);
      p->longest_wait_us = MAX (p->longest_wait_us, g_get_monotonic_time () - hungry_since);
      bare_pause (bare_pause_ms (p->rand, eat_ms), bench->speed, &p->pauses_ms);
      p->meals++;
      g_mutex_unlock (p->second);
      g_mutex_unlock (p->first);
    }

  return NULL;
}

static double
run_bare_philosophers (gpointer data)
{
  Bench *bench = data;
  guint count = param (bench, "count");
  guint meals = param (bench, "meals");
  g_autofree GMutex *forks = g_new0 (GMutex, count);
  g_autofree BarePhilosopher *table = g_new0 (BarePhilosopher, count);
  double start, end;

  CHECK (g_str_equal (weft_params_get_choice (bench->params, "strategy"), "ordered"),
         "the bare philosophers only know the ordered strategy");

  start = weft_bench_now_ns ();
  for (guint i = 0; i < count; i++)
    g_mutex_init (&forks[i]);
  for (guint i = 0; i < count; i++)
    {
      BarePhilosopher *p = &table[i];
      guint left = i;
      guint right = (i + 1) % count;

      p->bench = bench;
      p->first = &forks[MIN (left, right)];
      p->second = &forks[MAX (left, right)];
      p->rand = actor_rand_new (SEED, i);
      p->thread = g_thread_new ("philosopher", bare_philosopher, p);
    }
  for (guint i = 0; i < count; i++)
    g_thread_join (table[i].thread);
  end = weft_bench_now_ns ();

  bench->pauses_ms = 0;
  for (guint i = 0; i < count; i++)
    {
      CHECK (table[i].meals == meals, "bare philosopher %u ate %u meals, not %u", i, table[i].meals, meals);
      CHECK (rand_after_draws (table[i].rand, i, 3 * meals, 1, 6),
             "bare philosopher %u did not draw its pauses as the scenario does", i);
      bench->pauses_ms = MAX (bench->pauses_ms, table[i].pauses_ms);
      g_rand_free (table[i].rand);
      g_mutex_clear (&forks[i]);
    }
  bench->n_runs_a++;

  if (verbose)
    g_printerr ("%s A %.1f ms\n", bench->id, (end - start) / 1e6);
  return (end - start) / 1e6;
}

static void
check_weft_philosophers (Bench   *bench,
                         WeftRun *run)
{
  g_autoptr(GVariant) metrics = g_variant_ref_sink (bench->scenario->metrics (run));
  g_autoptr(GVariant) meals = g_variant_lookup_value (metrics, "meals", G_VARIANT_TYPE ("ai"));
  guint count = param (bench, "count");
  gint32 n_meals = (gint32) param (bench, "meals");

  CHECK (meals != NULL && g_variant_n_children (meals) == count, "philosophers: no meals metric");
  for (guint i = 0; i < count; i++)
    {
      gint32 eaten;

      g_variant_get_child (meals, i, "i", &eaten);
      CHECK (eaten == n_meals, "philosopher %u ate %d meals, not %d", i, eaten, n_meals);
      CHECK (rand_after_draws (weft_actor_get_rand (weft_run_get_actor (run, i)), i, 3 * (guint) n_meals, 1, 6),
             "philosopher %u's generator is not where three draws a meal leave it", i);
    }
}

/* ---- bank ------------------------------------------------------------------------ */

/* The runtime's shared variable: each read and write whole (here under its own mutex, as
 * there under the monitor), and a write is stale when another write came in since this
 * writer's read. */
typedef struct
{
  GMutex  mutex;
  gint32  value;
  guint64 version;
} BareShared;

typedef struct
{
  GMutex      account_lock;  /* sync=lock */
  gboolean    locked;
  BareShared  balance;
  guint       rounds;
  guint       gap_ms;
  double      speed;
} BareBank;

typedef struct
{
  BareBank *bank;
  gint32    amount;
  guint     n_reads;
  guint     n_writes;
  guint     n_stale;
  double    pauses_ms;
  GThread  *thread;
} BareClerk;

static gpointer
bare_clerk (gpointer data)
{
  BareClerk *clerk = data;
  BareBank *bank = clerk->bank;

  for (guint round = 1; round <= bank->rounds; round++)
    {
      gint32 balance;
      guint64 seen;

      if (bank->locked)
        g_mutex_lock (&bank->account_lock);

      g_mutex_lock (&bank->balance.mutex);
      balance = bank->balance.value;
      seen = bank->balance.version;
      g_mutex_unlock (&bank->balance.mutex);
      clerk->n_reads++;

      bare_pause (bank->gap_ms, bank->speed, &clerk->pauses_ms);

      g_mutex_lock (&bank->balance.mutex);
      if (bank->balance.version != seen)
        clerk->n_stale++;
      bank->balance.version++;
      bank->balance.value = balance + clerk->amount;
      g_mutex_unlock (&bank->balance.mutex);
      clerk->n_writes++;

      if (bank->locked)
        g_mutex_unlock (&bank->account_lock);
    }

  return NULL;
}

static double
run_bare_bank (gpointer data)
{
  Bench *bench = data;
  guint depositors = param (bench, "depositors");
  guint withdrawers = param (bench, "withdrawers");
  guint n_clerks = depositors + withdrawers;
  gint64 expected = (gint64) param (bench, "initial") +
                    (gint64) param (bench, "rounds") * ((gint64) depositors * param (bench, "deposit") -
                                                        (gint64) withdrawers * param (bench, "withdraw"));
  g_autofree BareClerk *clerks = g_new0 (BareClerk, n_clerks);
  BareBank bank = { 0 };
  guint n_stale = 0;
  double start, end;

  start = weft_bench_now_ns ();
  g_mutex_init (&bank.account_lock);
  g_mutex_init (&bank.balance.mutex);
  bank.locked = g_str_equal (weft_params_get_choice (bench->params, "sync"), "lock");
  bank.balance.value = (gint32) param (bench, "initial");
  bank.rounds = param (bench, "rounds");
  bank.gap_ms = param (bench, "gap_ms");
  bank.speed = bench->speed;
  for (guint i = 0; i < n_clerks; i++)
    {
      clerks[i].bank = &bank;
      clerks[i].amount = i < depositors ? (gint32) param (bench, "deposit") : -(gint32) param (bench, "withdraw");
      clerks[i].thread = g_thread_new ("clerk", bare_clerk, &clerks[i]);
    }
  for (guint i = 0; i < n_clerks; i++)
    g_thread_join (clerks[i].thread);
  end = weft_bench_now_ns ();

  bench->pauses_ms = 0;
  for (guint i = 0; i < n_clerks; i++)
    {
      CHECK (clerks[i].n_reads == bank.rounds && clerks[i].n_writes == bank.rounds,
             "bare clerk %u read %u and wrote %u times, not %u", i, clerks[i].n_reads, clerks[i].n_writes,
             bank.rounds);
      n_stale += clerks[i].n_stale;
      bench->pauses_ms = MAX (bench->pauses_ms, clerks[i].pauses_ms);
    }
  /* Which update is lost depends on the interleaving; that none is lost when the balance
   * is right does not. */
  CHECK (n_stale > 0 || bank.balance.value == expected, "bare bank: %d instead of %" G_GINT64_FORMAT
         " with no stale write", bank.balance.value, expected);
  bench->n_lost_a += n_stale > 0;
  bench->n_runs_a++;
  g_mutex_clear (&bank.account_lock);
  g_mutex_clear (&bank.balance.mutex);

  if (verbose)
    g_printerr ("%s A %.1f ms\n", bench->id, (end - start) / 1e6);
  return (end - start) / 1e6;
}

static void
check_weft_bank (Bench   *bench,
                 WeftRun *run)
{
  g_autoptr(GVariant) metrics = g_variant_ref_sink (bench->scenario->metrics (run));
  WeftTrace *trace = weft_run_get_trace (run);
  guint n_clerks = param (bench, "depositors") + param (bench, "withdrawers");
  guint n_reads = 0, n_writes = 0;
  gint64 lost = metric_int64 (metrics, "lost_updates");

  for (guint64 i = weft_trace_get_first (trace); i < weft_trace_get_n_events (trace); i++)
    {
      WeftEvent ev;

      CHECK (weft_trace_read (trace, i, &ev), "bank: event %" G_GUINT64_FORMAT " unreadable", i);
      n_reads += ev.kind == WEFT_EVENT_READ;
      n_writes += ev.kind == WEFT_EVENT_WRITE;
    }
  CHECK (n_reads == n_clerks * param (bench, "rounds") && n_writes == n_reads,
         "bank: %u reads and %u writes, not %u each", n_reads, n_writes, n_clerks * param (bench, "rounds"));
  CHECK (lost > 0 || metric_int64 (metrics, "final") == metric_int64 (metrics, "expected_final"),
         "bank: wrong balance with no lost update");
  bench->n_lost_b += lost > 0;
}

/* ---- tickets --------------------------------------------------------------------- */

typedef struct
{
  GMutex mutex;
  GCond  cond;
  guint  count;
} BareSemaphore;

static void
bare_semaphore_acquire (BareSemaphore *sem)
{
  g_mutex_lock (&sem->mutex);
  while (sem->count == 0)
    g_cond_wait (&sem->cond, &sem->mutex);
  sem->count--;
  g_mutex_unlock (&sem->mutex);
}

static void
bare_semaphore_release (BareSemaphore *sem)
{
  g_mutex_lock (&sem->mutex);
  sem->count++;
  g_cond_signal (&sem->cond);
  g_mutex_unlock (&sem->mutex);
}

typedef struct
{
  BareSemaphore semaphore;
  gint          left;        /* atomic: each read and write whole, as the shared variable's */
  gint          tickets;
  gint          sold_total;  /* atomic */
  gint          oversold;    /* atomic */
  guint         delay_ms;
  double        speed;
} BareOffice;

typedef struct
{
  BareOffice *office;
  GRand      *rand;
  gint        sold;
  double      pauses_ms;
  GThread    *thread;
} BareSeller;

/* seller_run(): one draw per attempt, the last attempt finding no ticket left. */
static gpointer
bare_seller (gpointer data)
{
  BareSeller *seller = data;
  BareOffice *office = seller->office;

  for (;;)
    {
      guint delay = office->delay_ms * (guint) g_rand_int_range (seller->rand, 0, 2);
      gint left;

      bare_pause (delay, office->speed, &seller->pauses_ms);
      bare_semaphore_acquire (&office->semaphore);
      left = g_atomic_int_get (&office->left);
      if (left <= 0)
        {
          bare_semaphore_release (&office->semaphore);
          break;
        }
      g_atomic_int_set (&office->left, left - 1);
      seller->sold++;
      if (g_atomic_int_add (&office->sold_total, 1) + 1 > office->tickets)
        g_atomic_int_inc (&office->oversold);
      bare_semaphore_release (&office->semaphore);
    }

  return NULL;
}

static double
run_bare_tickets (gpointer data)
{
  Bench *bench = data;
  guint n_sellers = param (bench, "sellers");
  g_autofree BareSeller *sellers = g_new0 (BareSeller, n_sellers);
  BareOffice office = { 0 };
  double start, end;

  CHECK (g_str_equal (weft_params_get_choice (bench->params, "sync"), "semaphore"),
         "the bare sellers only know sync=semaphore");

  start = weft_bench_now_ns ();
  g_mutex_init (&office.semaphore.mutex);
  g_cond_init (&office.semaphore.cond);
  office.semaphore.count = 1;
  office.tickets = (gint) param (bench, "tickets");
  office.left = office.tickets;
  office.delay_ms = param (bench, "delay_ms");
  office.speed = bench->speed;
  for (guint i = 0; i < n_sellers; i++)
    {
      sellers[i].office = &office;
      sellers[i].rand = actor_rand_new (SEED, i);
      sellers[i].thread = g_thread_new ("seller", bare_seller, &sellers[i]);
    }
  for (guint i = 0; i < n_sellers; i++)
    g_thread_join (sellers[i].thread);
  end = weft_bench_now_ns ();

  CHECK (office.sold_total == office.tickets && office.left == 0 && office.oversold == 0,
         "bare tickets: %d sold of %d, %d left, %d oversold", office.sold_total, office.tickets, office.left,
         office.oversold);
  bench->pauses_ms = 0;
  for (guint i = 0; i < n_sellers; i++)
    {
      CHECK (rand_after_draws (sellers[i].rand, i, (guint) sellers[i].sold + 1, 0, 2),
             "bare seller %u did not draw its delays as the scenario does", i);
      bench->pauses_ms = MAX (bench->pauses_ms, sellers[i].pauses_ms);
      g_rand_free (sellers[i].rand);
    }
  bench->n_runs_a++;
  g_mutex_clear (&office.semaphore.mutex);
  g_cond_clear (&office.semaphore.cond);

  if (verbose)
    g_printerr ("%s A %.1f ms\n", bench->id, (end - start) / 1e6);
  return (end - start) / 1e6;
}

static void
check_weft_tickets (Bench   *bench,
                    WeftRun *run)
{
  g_autoptr(GVariant) metrics = g_variant_ref_sink (bench->scenario->metrics (run));
  g_autoptr(GVariant) sold = g_variant_lookup_value (metrics, "sold_per_seller", G_VARIANT_TYPE ("ai"));
  guint n_sellers = param (bench, "sellers");

  CHECK (metric_int64 (metrics, "sold_total") == param (bench, "tickets") &&
         metric_int64 (metrics, "tickets_left") == 0 && metric_int64 (metrics, "oversold") == 0,
         "tickets: not every ticket sold once");
  CHECK (sold != NULL && g_variant_n_children (sold) == n_sellers, "tickets: no sold_per_seller metric");
  for (guint i = 0; i < n_sellers; i++)
    {
      gint32 n;

      g_variant_get_child (sold, i, "i", &n);
      CHECK (rand_after_draws (weft_actor_get_rand (weft_run_get_actor (run, i)), i, (guint) n + 1, 0, 2),
             "seller %u's generator is not where one draw an attempt leaves it", i);
    }
}

/* ---- pubsub ---------------------------------------------------------------------- */

#define PUBSUB_MAX_VALUE 1000

typedef struct
{
  GMutex  lock;
  GCond   condition;
  GQueue  list;        /* popped from its end, as Python's list.pop() */
  guint   remaining;   /* under the lock */
  guint   messages;
  guint   interval_ms;
  double  speed;
} BareBoard;

typedef struct
{
  BareBoard *board;
  GRand     *rand;
  GArray    *values;   /* gint32: what it published, or consumed */
  double     pauses_ms;
  GThread   *thread;
} BareMember;

static gpointer
bare_publisher (gpointer data)
{
  BareMember *member = data;
  BareBoard *board = member->board;

  for (guint m = 0; m < board->messages; m++)
    {
      gint32 value = g_rand_int_range (member->rand, 0, PUBSUB_MAX_VALUE + 1);

      g_mutex_lock (&board->lock);
      g_queue_push_tail (&board->list, GINT_TO_POINTER (value));
      g_array_append_val (member->values, value);
      g_cond_signal (&board->condition);
      g_mutex_unlock (&board->lock);

      bare_pause (board->interval_ms, board->speed, &member->pauses_ms);
    }

  return NULL;
}

/* subscriber_condition_run(): wait while the list is empty; the last consumer wakes the
 * others so that they leave. */
static gpointer
bare_subscriber (gpointer data)
{
  BareMember *member = data;
  BareBoard *board = member->board;

  for (;;)
    {
      gint32 value;

      g_mutex_lock (&board->lock);
      while (board->remaining > 0 && g_queue_is_empty (&board->list))
        g_cond_wait (&board->condition, &board->lock);

      if (board->remaining == 0)
        {
          g_mutex_unlock (&board->lock);
          return NULL;
        }

      value = GPOINTER_TO_INT (g_queue_pop_tail (&board->list));
      g_array_append_val (member->values, value);
      board->remaining--;
      if (board->remaining == 0)
        g_cond_broadcast (&board->condition);
      g_mutex_unlock (&board->lock);
    }
}

static int
compare_gint32 (gconstpointer a,
                gconstpointer b)
{
  gint32 x = *(const gint32 *) a, y = *(const gint32 *) b;

  return (x > y) - (x < y);
}

/* What publisher @index must publish: its seeded generator's draws. */
static GArray *
expected_publications (guint index,
                       guint messages)
{
  g_autoptr(GRand) rand = actor_rand_new (SEED, index);
  GArray *values = g_array_sized_new (FALSE, FALSE, sizeof (gint32), messages);

  for (guint m = 0; m < messages; m++)
    {
      gint32 value = g_rand_int_range (rand, 0, PUBSUB_MAX_VALUE + 1);

      g_array_append_val (values, value);
    }
  return values;
}

static gboolean
same_values (GArray *a,
             GArray *b)
{
  return a->len == b->len && memcmp (a->data, b->data, a->len * sizeof (gint32)) == 0;
}

/* Every publisher published its seeded values in order, and the subscribers consumed,
 * together, exactly what was published (as a multiset: who got which depends on the
 * interleaving). @published and @consumed hold one array per publisher, per subscriber. */
static void
check_pubsub_values (const char  *side,
                     Bench       *bench,
                     GArray     **published,
                     GArray     **consumed)
{
  guint n_publishers = param (bench, "publishers");
  guint n_subscribers = param (bench, "subscribers");
  guint messages = param (bench, "messages");
  g_autoptr(GArray) all_published = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr(GArray) all_consumed = g_array_new (FALSE, FALSE, sizeof (gint32));

  for (guint i = 0; i < n_publishers; i++)
    {
      g_autoptr(GArray) expected = expected_publications (i, messages);

      CHECK (same_values (published[i], expected), "%s pubsub: publisher %u did not publish its seeded values",
             side, i);
      g_array_append_vals (all_published, published[i]->data, published[i]->len);
    }
  for (guint i = 0; i < n_subscribers; i++)
    g_array_append_vals (all_consumed, consumed[i]->data, consumed[i]->len);
  g_array_sort (all_published, compare_gint32);
  g_array_sort (all_consumed, compare_gint32);
  CHECK (same_values (all_published, all_consumed), "%s pubsub: %u consumed, not the %u published",
         side, all_consumed->len, all_published->len);
}

static double
run_bare_pubsub (gpointer data)
{
  Bench *bench = data;
  guint n_publishers = param (bench, "publishers");
  guint n = n_publishers + param (bench, "subscribers");
  g_autofree BareMember *members = g_new0 (BareMember, n);
  g_autofree GArray **values = g_new0 (GArray *, n);
  BareBoard board = { 0 };
  double start, end;

  CHECK (g_str_equal (weft_params_get_choice (bench->params, "mechanism"), "condition"),
         "the bare pubsub only knows mechanism=condition");

  start = weft_bench_now_ns ();
  g_mutex_init (&board.lock);
  g_cond_init (&board.condition);
  g_queue_init (&board.list);
  board.messages = param (bench, "messages");
  board.remaining = n_publishers * board.messages;
  board.interval_ms = param (bench, "interval_ms");
  board.speed = bench->speed;
  for (guint i = 0; i < n; i++)
    {
      members[i].board = &board;
      members[i].rand = actor_rand_new (SEED, i);
      members[i].values = g_array_new (FALSE, FALSE, sizeof (gint32));
      members[i].thread = g_thread_new (i < n_publishers ? "publisher" : "subscriber",
                                        i < n_publishers ? bare_publisher : bare_subscriber, &members[i]);
    }
  for (guint i = 0; i < n; i++)
    g_thread_join (members[i].thread);
  end = weft_bench_now_ns ();

  bench->pauses_ms = 0;
  for (guint i = 0; i < n; i++)
    {
      values[i] = members[i].values;
      bench->pauses_ms = MAX (bench->pauses_ms, members[i].pauses_ms);
      /* Subscribers draw nothing. */
      if (i >= n_publishers)
        CHECK (rand_after_draws (members[i].rand, i, 0, 0, 1), "bare subscriber %u drew", i);
    }
  check_pubsub_values ("bare", bench, values, values + n_publishers);
  for (guint i = 0; i < n; i++)
    {
      g_array_unref (members[i].values);
      g_rand_free (members[i].rand);
    }
  bench->n_runs_a++;
  g_mutex_clear (&board.lock);
  g_cond_clear (&board.condition);

  if (verbose)
    g_printerr ("%s A %.1f ms\n", bench->id, (end - start) / 1e6);
  return (end - start) / 1e6;
}

/* The values come from the trace: QUEUE_PUT and QUEUE_GET carry the item, by actor. */
static void
check_weft_pubsub (Bench   *bench,
                   WeftRun *run)
{
  g_autoptr(GVariant) metrics = g_variant_ref_sink (bench->scenario->metrics (run));
  WeftTrace *trace = weft_run_get_trace (run);
  guint n_publishers = param (bench, "publishers");
  guint n = n_publishers + param (bench, "subscribers");
  g_autofree GArray **values = g_new0 (GArray *, n);
  gint64 total = (gint64) n_publishers * param (bench, "messages");

  CHECK (metric_int64 (metrics, "published") == total && metric_int64 (metrics, "consumed") == total &&
         metric_int64 (metrics, "duplicates") == 0 && metric_int64 (metrics, "lost") == 0,
         "pubsub: not every message published and consumed once");

  for (guint i = 0; i < n; i++)
    values[i] = g_array_new (FALSE, FALSE, sizeof (gint32));
  for (guint64 i = weft_trace_get_first (trace); i < weft_trace_get_n_events (trace); i++)
    {
      WeftEvent ev;

      CHECK (weft_trace_read (trace, i, &ev), "pubsub: event %" G_GUINT64_FORMAT " unreadable", i);
      if ((ev.kind == WEFT_EVENT_QUEUE_PUT && ev.actor < n_publishers) ||
          (ev.kind == WEFT_EVENT_QUEUE_GET && ev.actor >= n_publishers && ev.actor < n))
        g_array_append_val (values[ev.actor], ev.value);
    }
  check_pubsub_values ("weft", bench, values, values + n_publishers);
  for (guint i = 0; i < n; i++)
    {
      if (i >= n_publishers)
        CHECK (rand_after_draws (weft_actor_get_rand (weft_run_get_actor (run, i)), i, 0, 0, 1),
               "subscriber %u drew", i);
      g_array_unref (values[i]);
    }
}

/* ---- main ------------------------------------------------------------------------ */

int
main (int    argc,
      char **argv)
{
  double speed = argc > 1 ? g_ascii_strtod (argv[1], NULL) : 20.0;
  guint meals = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 6;
  const char *only = argc > 3 ? argv[3] : NULL;
  g_autofree char *meals_set = NULL;
  g_autofree char *philosophers_figure = NULL;
  g_autofree char *tickets_figure = NULL;
  g_autofree char *pubsub_figure = NULL;
  const char *ordered_sets[] = { "strategy=ordered", NULL, NULL };
  static const char * const no_sets[] = { NULL };
  Bench benches[5] = { { 0 } };
  guint n_benches = 0;
  guint n_measured = 0;
  guint n_met = 0;
  double worst = 0;
  double start = weft_bench_now_ns ();

  /* As weft and weft-cli set it (weft-malloc.c). */
  weft_malloc_init ();
  setlocale (LC_ALL, "");
  verbose = g_getenv ("WEFT_BENCH_VERBOSE") != NULL;
  CHECK (speed >= WEFT_SPEED_MIN && speed <= WEFT_SPEED_MAX && meals > 0,
         "usage: %s [SPEED [MEALS [SCENARIO]]]", argv[0]);

  /* The naive strategy (the default) can deadlock and never finish its meals; ordered
   * cannot, and does the same work per meal. */
  meals_set = g_strdup_printf ("meals=%u", meals);
  ordered_sets[1] = meals_set;
  philosophers_figure = g_strdup_printf ("philosophers (ordered, 5 × %u meals, ×%g) instrumented vs bare GLib",
                                         meals, speed);
  tickets_figure = g_strdup_printf ("tickets (default: 4 sellers, 10 tickets, ×%g) instrumented vs bare GLib", speed);
  pubsub_figure = g_strdup_printf ("pubsub (default: 1 publisher, 2 subscribers, 10 messages, ×%g) "
                                   "instrumented vs bare GLib", speed);

  /* Who gets a fork first when two want it at the same moment decides whole pauses of
   * waiting, on either side: a run's wall time varies by ±10 %, so more repetitions. */
  benches[n_benches++] = (Bench) { "philosophers", ordered_sets, speed, philosophers_figure,
                                   check_weft_philosophers, run_bare_philosophers, PHILOSOPHERS_REPS };
  /* The bank's one pause is 100 ms: short already at ×1, and at ×20 starting and joining
   * the threads would weigh as much as the pause. */
  benches[n_benches++] = (Bench) { "bank", no_sets, 1.0,
                                   "bank (default: 1 depositor, 1 withdrawer, 1 round, ×1) instrumented vs bare GLib",
                                   check_weft_bank, run_bare_bank };
  benches[n_benches++] = (Bench) { "tickets", no_sets, speed, tickets_figure, check_weft_tickets, run_bare_tickets };
  /* pubsub's default is finite already: 10 messages. */
  benches[n_benches++] = (Bench) { "pubsub", no_sets, speed, pubsub_figure, check_weft_pubsub, run_bare_pubsub };
  if (speed != 1.0)
    /* The check that a faster pace does not flatter the ratio. */
    benches[n_benches++] = (Bench) { "tickets", no_sets, 1.0,
                                     "tickets (default, ×1: the check of the factor) instrumented vs bare GLib",
                                     check_weft_tickets, run_bare_tickets };

  weft_bench_header ();
  for (guint i = 0; i < n_benches; i++)
    {
      Bench *bench = &benches[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *lost = NULL;
      g_autofree char *absolute = NULL;
      WeftBenchAB ab;
      gboolean met;

      if (only != NULL && !g_str_equal (only, bench->id))
        continue;
      bench->scenario = weft_scenarios_lookup (bench->id);
      CHECK (bench->scenario != NULL, "no scenario %s", bench->id);
      bench->params = weft_params_new (bench->scenario->params, bench->scenario->n_params);
      for (guint k = 0; bench->sets[k] != NULL; k++)
        CHECK (weft_params_parse (bench->params, bench->sets[k], &error), "%s: %s", bench->sets[k], error->message);

      weft_bench_ab (bench->run_bare, bench, run_weft, bench, bench->reps, &ab);
      CHECK (bench->n_runs_a == ab.reps + 1 && bench->n_runs_b == ab.reps + 1, "%s: runs unaccounted for", bench->id);

      met = ab.ratio <= TARGET;
      n_measured++;
      n_met += met;
      worst = MAX (worst, ab.ratio);
      /* Whether the race still loses an update on both sides: the same interleaving. */
      if (g_str_equal (bench->id, "bank"))
        lost = g_strdup_printf ("; an update lost in %u/%u runs of A, %u/%u of B", bench->n_lost_a,
                                bench->n_runs_a, bench->n_lost_b, bench->n_runs_b);
      absolute = g_strdup_printf ("A %.0f ms, B %.0f ms (longest own pauses %.0f ms; B %" G_GUINT64_FORMAT
                                  " events%s)", ab.a, ab.b, bench->pauses_ms, bench->n_events,
                                  lost != NULL ? lost : "");
      weft_bench_row (bench->figure, "≤ 1.05×", &ab, absolute, met);
      weft_params_free (bench->params);
    }

  printf ("SUMMARY: %u of %u scenarios within %.2f× (worst %.3f×), %.0f s\n", n_met, n_measured, TARGET, worst,
          (weft_bench_now_ns () - start) / 1e9);
  return 0;
}
