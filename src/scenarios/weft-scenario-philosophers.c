/* weft-scenario-philosophers.c — the dining philosophers, after the course's program:
 * Kant, Aristotle, Spinoza, Marx and Russell around a table, a fork (a lock) between
 * neighbours. Each thinks, takes the left fork, pauses, takes the right fork, eats, and
 * puts both back. If all five hold their left fork at once, nobody ever eats.
 *
 * The course sleeps random.randint(1, 5) seconds at each pause. Here each duration
 * parameter is the longest pause, and a pause lasts 1/5 to 5/5 of it, drawn from the
 * actor's seeded generator: think_ms=5000 and fork_gap_ms=5000 are the course's pauses.
 * The course's philosophers eat in no time; eating lasts eat_ms here, so it shows.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "weft-scenarios.h"

typedef enum
{
  STRATEGY_NAIVE,
  STRATEGY_ORDERED,
  STRATEGY_WAITER,
  STRATEGY_TRYLOCK,
} Strategy;

static const char * const strategies[] = { "naive", "ordered", "waiter", "trylock", NULL };
static const char * const strategy_labels[] = {
  /* Translators: the philosophers' strategies: left fork then right. */
  N_("Naive"),
  /* Translators: lower-numbered fork first. */
  N_("Ordered forks"),
  /* Translators: a waiter lets at most count−1 sit down. */
  N_("Waiter"),
  /* Translators: put the left fork back when the right one is taken. */
  N_("Try, then put back"),
  NULL
};

static const WeftParamSpec params[] = {
  { "count", WEFT_PARAM_INT, N_("Philosophers around the table"), 2, 1000, 5, NULL },
  { "strategy", WEFT_PARAM_CHOICE,
    N_("naive: left fork then right, can deadlock; ordered: lower-numbered fork first; "
       "waiter: at most count−1 at the table; trylock: put the left fork back if the right one is taken"),
    0, 0, STRATEGY_NAIVE, strategies, strategy_labels, N_("Strategy") },
  { "think_ms", WEFT_PARAM_INT, N_("Longest time spent thinking, in milliseconds"), 0, 600000, 5000, NULL },
  { "eat_ms", WEFT_PARAM_INT, N_("Longest time spent eating, in milliseconds"), 0, 600000, 1000, NULL },
  { "fork_gap_ms", WEFT_PARAM_INT,
    N_("Longest pause between taking the first and the second fork, in milliseconds"), 0, 600000, 5000, NULL },
  { "meals", WEFT_PARAM_INT, N_("Meals each philosopher eats before leaving (0: no limit)"), 0, 1000000, 0, NULL },
};

/* The course's five, then more, then numbered ones. */
static const char * const names[] = {
  "Kant", "Aristotle", "Spinoza", "Marx", "Russell",
  "Plato", "Hume", "Descartes", "Hegel", "Locke", "Arendt", "Confucius", "Leibniz",
  "Beauvoir", "Hobbes", "Pascal", "Hypatia", "Rousseau", "Wittgenstein", "Avicenna",
};

typedef struct _Table Table;

typedef struct
{
  Table    *table;
  guint     index;
  guint     left;            /* fork indices (also their object indices) */
  guint     right;
  WeftLock *first;           /* taken first (the left fork, unless ordered says otherwise) */
  WeftLock *second;
  gint      meals;           /* atomic: read live by the window */
  gint64    longest_wait_us; /* the actor's own; read after the run */
} Philosopher;

struct _Table
{
  Strategy       strategy;
  guint          count;
  guint          think_ms;
  guint          eat_ms;
  guint          fork_gap_ms;
  guint          meals;
  WeftSemaphore *waiter;
  Philosopher   *philosophers;
};

static void
table_free (gpointer data)
{
  Table *table = data;

  g_free (table->philosophers);
  g_free (table);
}

static guint
pause_ms (WeftActor *self,
          guint      longest)
{
  if (longest == 0)
    return 0;
  return (guint) ((guint64) longest * (guint64) g_rand_int_range (weft_actor_get_rand (self), 1, 6) / 5);
}

/* Takes both forks; FALSE if the run stopped. */
static gboolean
take_forks (WeftActor   *self,
            Philosopher *p)
{
  Table *table = p->table;

  if (table->strategy != STRATEGY_TRYLOCK)
    {
      /* Translators: what a philosopher does between taking the first fork and the
       * second (a pause of the course), on the timeline's bar and in the scene. */
      return weft_lock_acquire (self, p->first) &&
             weft_sleep (self, pause_ms (self, table->fork_gap_ms), N_("pausing")) &&
             weft_lock_acquire (self, p->second);
    }

  for (;;)
    {
      gboolean got = FALSE;

      if (!weft_lock_acquire (self, p->first) ||
          !weft_sleep (self, pause_ms (self, table->fork_gap_ms), N_("pausing")) ||
          !weft_lock_try_acquire (self, p->second, &got))
        return FALSE;
      if (got)
        return TRUE;

      /* Put the first fork back and wait a random while before trying again. */
      if (!weft_lock_release (self, p->first) ||
          !weft_sleep (self, pause_ms (self, MAX (table->fork_gap_ms, 10)), N_("pausing")))
        return FALSE;
    }
}

static void
philosopher_run (WeftActor *self,
                 gpointer   data)
{
  Philosopher *p = data;
  Table *table = p->table;

  while (table->meals == 0 || (guint) g_atomic_int_get (&p->meals) < table->meals)
    {
      gint64 hungry_since;

      if (!weft_sleep (self, pause_ms (self, table->think_ms), N_("thinking")))
        return;

      hungry_since = g_get_monotonic_time ();
      if (table->waiter != NULL && !weft_semaphore_acquire (self, table->waiter))
        return;
      if (!take_forks (self, p))
        return;
      p->longest_wait_us = MAX (p->longest_wait_us, g_get_monotonic_time () - hungry_since);

      if (!weft_sleep (self, pause_ms (self, table->eat_ms), N_("eating")))
        return;
      g_atomic_int_inc (&p->meals);

      if (!weft_lock_release (self, p->second) || !weft_lock_release (self, p->first))
        return;
      if (table->waiter != NULL && !weft_semaphore_release (self, table->waiter))
        return;
    }
}

static gboolean
philosophers_setup (WeftRun          *run,
                    const WeftParams *values,
                    GError          **error)
{
  Table *table = g_new0 (Table, 1);
  g_autofree WeftLock **forks = NULL;

  table->count = (guint) weft_params_get_int (values, "count");
  table->think_ms = (guint) weft_params_get_int (values, "think_ms");
  table->eat_ms = (guint) weft_params_get_int (values, "eat_ms");
  table->fork_gap_ms = (guint) weft_params_get_int (values, "fork_gap_ms");
  table->meals = (guint) weft_params_get_int (values, "meals");
  table->strategy = (Strategy) weft_params_get_choice_index (values, "strategy");
  table->philosophers = g_new0 (Philosopher, table->count);
  weft_run_set_scenario_data (run, table, table_free);

  forks = g_new0 (WeftLock *, table->count);
  for (guint i = 0; i < table->count; i++)
    {
      /* Translators: the name of the i-th fork on the table, e.g. "fork 1". */
      g_autofree char *name = g_strdup_printf (_("fork %u"), i + 1);

      forks[i] = weft_lock_new (run, name);
    }

  if (table->strategy == STRATEGY_WAITER)
    /* Translators: the semaphore that admits at most count−1 philosophers to the table. */
    table->waiter = weft_semaphore_new (run, _("waiter"), table->count - 1, FALSE);

  for (guint i = 0; i < table->count; i++)
    {
      Philosopher *p = &table->philosophers[i];
      g_autofree char *name = NULL;
      guint left = i;
      guint right = (i + 1) % table->count;

      p->left = left;
      p->right = right;

      if (i < G_N_ELEMENTS (names))
        name = g_strdup (names[i]);
      else
        /* Translators: a generated philosopher's name, beyond the famous ones. */
        name = g_strdup_printf (_("Philosopher %u"), i + 1);

      /* Ordered: everyone takes the lower-numbered fork first, which breaks the cycle
       * (the last philosopher takes fork 1 before fork n). */
      if (table->strategy == STRATEGY_ORDERED && right < left)
        {
          guint tmp = left;
          left = right;
          right = tmp;
        }

      p->table = table;
      p->index = i;
      p->first = forks[left];
      p->second = forks[right];
      weft_run_add_actor (run, name, philosopher_run, p, NULL);
    }

  return TRUE;
}

/* Forks are the first objects created, so a fork's object index is its number − 1. */
static char *
philosophers_describe_event (WeftRun         *run,
                             const WeftEvent *event)
{
  Table *table = weft_run_get_scenario_data (run);
  Philosopher *p;
  const char *name;
  const char *fork;
  gboolean left;

  if (table == NULL || event->actor >= table->count)
    return NULL;

  p = &table->philosophers[event->actor];
  name = weft_actor_get_name (weft_run_get_actor (run, event->actor));

  if (event->kind == WEFT_EVENT_STATE && event->aux == WEFT_STATE_SLEEPING)
    {
      const char *activity = weft_run_get_activity (run, (guint16) event->value);

      if (g_strcmp0 (activity, "thinking") == 0)
        /* Translators: as the course's program prints it. */
        return g_strdup_printf (_("%s has started thinking"), name);
      if (g_strcmp0 (activity, "eating") == 0)
        return g_strdup_printf (_("%s has attained both forks, currently eating"), name);
      return NULL;
    }

  if (table->waiter != NULL && event->object == weft_object_get_index (WEFT_OBJECT (table->waiter)))
    {
      switch (event->kind)
        {
        case WEFT_EVENT_ACQUIRED:
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s sits down at the table (%d seat left)",
                                               "%s sits down at the table (%d seats left)",
                                               (gulong) MAX (event->value, 0)), name, event->value);
        case WEFT_EVENT_RELEASED:
          return g_strdup_printf (_("%s leaves the table"), name);
        case WEFT_EVENT_STATE:
          if (event->aux == WEFT_STATE_BLOCKED)
            return g_strdup_printf (_("%s waits for a seat at the table"), name);
          return NULL;
        default:
          return NULL;
        }
    }

  if (event->object != p->left && event->object != p->right)
    return NULL;

  left = event->object == p->left;
  fork = weft_object_get_name (weft_run_get_object (run, event->object));

  switch (event->kind)
    {
    case WEFT_EVENT_ACQUIRED:
      return left ? g_strdup_printf (_("%s has acquired the left fork (%s)"), name, fork)
                  : g_strdup_printf (_("%s has acquired the right fork (%s)"), name, fork);
    case WEFT_EVENT_RELEASED:
      return left ? g_strdup_printf (_("%s has released the left fork (%s)"), name, fork)
                  : g_strdup_printf (_("%s has released the right fork (%s)"), name, fork);
    case WEFT_EVENT_TRY_FAILED:
      return left ? g_strdup_printf (_("%s finds the left fork (%s) taken"), name, fork)
                  : g_strdup_printf (_("%s finds the right fork (%s) taken"), name, fork);
    case WEFT_EVENT_STATE:
      if (event->aux == WEFT_STATE_BLOCKED)
        return left ? g_strdup_printf (_("%s waits for the left fork (%s)"), name, fork)
                    : g_strdup_printf (_("%s waits for the right fork (%s)"), name, fork);
      return NULL;
    case WEFT_EVENT_CYCLE_EDGE:
      {
        /* The block already said "waits for the right fork": a link of the cycle says
         * what the philosopher holds as well, which is what closes the cycle. */
        const char *other = weft_object_get_name (weft_run_get_object (run, left ? p->right : p->left));

        /* Translators: one link of the deadlock cycle, after "Deadlock: 5 threads wait
         * for each other in a cycle"; the first %s is a philosopher, then two forks. */
        return left ? g_strdup_printf (_("In the cycle: %s holds the right fork (%s) and wants the left fork (%s)"),
                                       name, other, fork)
                    : g_strdup_printf (_("In the cycle: %s holds the left fork (%s) and wants the right fork (%s)"),
                                       name, other, fork);
      }
    default:
      return NULL;
    }
}

/* What a philosopher will do next, as the story tells it: his left or right fork, a seat
 * from the waiter. */
static char *
philosophers_describe_next (WeftRun *run,
                            guint    actor,
                            WeftOp   op,
                            guint    object)
{
  Table *table = weft_run_get_scenario_data (run);
  Philosopher *p;

  if (table == NULL || actor >= table->count)
    return NULL;
  p = &table->philosophers[actor];

  if (table->waiter != NULL && object == weft_object_get_index (WEFT_OBJECT (table->waiter)))
    {
      if (op == WEFT_OP_ACQUIRE)
        /* Translators: what a parked philosopher will do next. */
        return g_strdup (_("ask the waiter for a seat"));
      if (op == WEFT_OP_RELEASE)
        return g_strdup (_("leave the table"));
      return NULL;
    }
  if (object != p->left && object != p->right)
    return NULL;

  if (op == WEFT_OP_ACQUIRE)
    /* Translators: what a parked philosopher will do next. */
    return g_strdup (object == p->left ? _("take the left fork") : _("take the right fork"));
  if (op == WEFT_OP_TRY_ACQUIRE)
    return g_strdup (object == p->left ? _("try the left fork") : _("try the right fork"));
  if (op == WEFT_OP_RELEASE)
    return g_strdup (object == p->left ? _("put down the left fork") : _("put down the right fork"));
  return NULL;
}

static GVariant *
philosophers_metrics (WeftRun *run)
{
  Table *table = weft_run_get_scenario_data (run);
  GVariantBuilder meals;
  GVariantBuilder dict;
  g_autofree gint *shares = g_new (gint, table->count);
  gint64 longest_wait_us = 0;
  gint64 total = 0;

  g_variant_builder_init (&meals, G_VARIANT_TYPE ("ai"));
  for (guint i = 0; i < table->count; i++)
    {
      Philosopher *p = &table->philosophers[i];

      shares[i] = g_atomic_int_get (&p->meals);
      g_variant_builder_add (&meals, "i", shares[i]);
      total += shares[i];
      longest_wait_us = MAX (longest_wait_us, p->longest_wait_us);
    }

  /* A builder, not a GVariantDict, so the metrics keep this order in the JSON. */
  g_variant_builder_init (&dict, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&dict, "{sv}", "meals", g_variant_builder_end (&meals));
  g_variant_builder_add (&dict, "{sv}", "meals_total", g_variant_new_int64 (total));
  g_variant_builder_add (&dict, "{sv}", "longest_wait_ms", g_variant_new_double (longest_wait_us / 1000.0));
  g_variant_builder_add (&dict, "{sv}", "fairness",
                         g_variant_new_double (weft_fairness_index (shares, table->count)));

  return g_variant_builder_end (&dict);
}

static char *
philosophers_describe_scene (const WeftParams *values)
{
  guint count = (guint) weft_params_get_int (values, "count");

  /* Translators: the scenario's description; %u is the number of philosophers (2 or more),
   * in digits. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u philosopher sits around a table with one fork between "
                                    "each pair of neighbours. Each one thinks, takes the fork on "
                                    "the left, pauses, takes the fork on the right, eats, and "
                                    "puts both forks back.",
                                    "%u philosophers sit around a table with one fork between "
                                    "each pair of neighbours. Each one thinks, takes the fork on "
                                    "the left, pauses, takes the fork on the right, eats, and "
                                    "puts both forks back.",
                                    count),
                          count);
}

static char *
philosophers_describe_params (const WeftParams *values)
{
  static const char * const strategy_words[] = {
    /* Translators: the philosophers' strategy in an exported image's subtitle,
     * "5 philosophers · naive strategy". */
    N_("naive strategy"),
    /* Translators: in an exported image's subtitle, the lower-numbered fork first. */
    N_("ordered forks"),
    /* Translators: in an exported image's subtitle, a waiter lets at most count−1 sit. */
    N_("a waiter"),
    /* Translators: in an exported image's subtitle, the try-lock strategy. */
    N_("try, then put back"),
  };
  guint count = (guint) weft_params_get_int (values, "count");
  guint meals = (guint) weft_params_get_int (values, "meals");
  guint strategy = weft_params_get_choice_index (values, "strategy");
  g_autoptr(GString) text = g_string_new (NULL);

  G_STATIC_ASSERT (G_N_ELEMENTS (strategy_words) == G_N_ELEMENTS (strategies) - 1);

  /* Translators: in an exported image's subtitle; %u is a number in digits. */
  g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u philosopher", "%u philosophers", count), count);
  g_string_append_printf (text, " · %s", _(strategy_words[strategy]));
  if (meals > 0)
    {
      g_string_append (text, " · ");
      /* Translators: in an exported image's subtitle, how many meals each philosopher eats. */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u meal each", "%u meals each", meals), meals);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* What happened, for the caption under an exported page's title: the deadlock and how it
 * closed, or the meals eaten and how evenly. */
static char *
philosophers_describe_outcome (WeftRun *run)
{
  Table *table = weft_run_get_scenario_data (run);
  guint total = 0, fewest = G_MAXUINT, most = 0;
  g_autofree char *ate = NULL;

  if (table == NULL)
    return NULL;

  if (weft_run_get_outcome (run) == WEFT_OUTCOME_DEADLOCK)
    {
      if (table->strategy == STRATEGY_NAIVE)
        /* Translators: the caption of the dining philosophers when the naive table
         * deadlocked. */
        return g_strdup (_("Deadlock: each philosopher holds its left fork and waits for its right one."));
      /* Translators: the caption of the dining philosophers when a table deadlocked. */
      return g_strdup (_("Deadlock: the philosophers wait for each other's forks in a cycle."));
    }

  for (guint i = 0; i < table->count; i++)
    {
      guint meals = (guint) g_atomic_int_get (&table->philosophers[i].meals);

      total += meals;
      fewest = MIN (fewest, meals);
      most = MAX (most, meals);
    }
  /* Translators: in the caption "No deadlock: 5 philosophers ate 30 meals; the fewest 5,
   * the most 7". %u philosophers (always 2 or more), %u meals. */
  ate = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u philosophers ate %u meal", "%u philosophers ate %u meals",
                                      total), table->count, total);
  if (fewest == most && weft_run_get_outcome (run) == WEFT_OUTCOME_COMPLETED)
    /* Translators: the caption of the dining philosophers when each ate as much; %s is
     * "5 philosophers ate 30 meals". */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "No deadlock: %s, %u each.", "No deadlock: %s, %u each.",
                                         most), ate, most);
  if (weft_run_get_outcome (run) != WEFT_OUTCOME_COMPLETED)
    /* Translators: the caption of the dining philosophers when the run was stopped
     * before the end; %s is "5 philosophers ate 30 meals". */
    return g_strdup_printf (_("No deadlock before the run stopped: %s; the fewest %u, the most %u."),
                            ate, fewest, most);
  /* Translators: the caption of the dining philosophers; %s is "5 philosophers ate 30
   * meals", then the fewest and the most meals one philosopher ate. */
  return g_strdup_printf (_("No deadlock: %s; the fewest %u, the most %u."), ate, fewest, most);
}

const WeftScenario weft_scenario_philosophers = {
  .id = "philosophers",
  .title = N_("Dining philosophers"),
  .description = N_("Five philosophers sit around a table with one fork between each pair of "
                    "neighbours. Each one thinks, takes the fork on the left, pauses, takes the "
                    "fork on the right, eats, and puts both forks back."),
  .lesson = N_("With the naive strategy, if every philosopher holds the left fork at the same "
               "moment, each waits for a neighbour forever: a deadlock, a cycle in the wait-for "
               "graph. Taking the lower-numbered fork first (Strategy: Ordered forks) or letting "
               "all but one sit down (Strategy: Waiter) breaks the cycle. Putting the fork back "
               "when the other is taken (Strategy: Try, then put back) breaks it too, but can "
               "livelock: step them in turn (Next thread: In turn) and they all take, find, put "
               "back and retry in lockstep for ever; only time or a random schedule breaks the "
               "symmetry."),
  .layout = WEFT_LAYOUT_RING,
  .params = params,
  .n_params = G_N_ELEMENTS (params),
  .setup = philosophers_setup,
  .metrics = philosophers_metrics,
  .describe_event = philosophers_describe_event,
  .describe_next = philosophers_describe_next,
  .describe_scene = philosophers_describe_scene,
  .describe_params = philosophers_describe_params,
  .describe_outcome = philosophers_describe_outcome,
};
