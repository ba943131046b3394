/* weft-scenario-bank.c — the bank-account race, after the course: the account holds 2000,
 * a depositor adds a 5000 bonus while a withdrawer pays 1000 of rent. Each reads the
 * balance, takes a moment, and writes back what it computed. When both read 2000 before
 * either writes, one update is lost: the account ends at 1000 or 7000 instead of 6000.
 * With sync=lock each read–write is one critical section, and nothing is lost.
 *
 * A lost update, as DESIGN.md defines it, is a write computed from a stale read: another
 * write reached the balance between this actor's read and its write (the shared variable
 * tells: weft_shared_write_checked). With several rounds one stale write may erase more
 * than one update, so lost_updates counts the faulty writes, not the missing amounts:
 * final − expected_final says how much went missing.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "weft-scenarios.h"

enum { SYNC_NONE, SYNC_LOCK };
static const char * const syncs[] = { "none", "lock", NULL };
static const char * const sync_labels[] = {
  N_("No lock"),
  N_("Lock"),
  NULL
};

static const WeftParamSpec params[] = {
  { "depositors", WEFT_PARAM_INT, N_("Threads that deposit"), 0, 20, 1, NULL },
  { "withdrawers", WEFT_PARAM_INT, N_("Threads that withdraw"), 0, 20, 1, NULL },
  { "rounds", WEFT_PARAM_INT, N_("Operations each thread makes"), 1, 1000, 1, NULL },
  { "initial", WEFT_PARAM_INT, N_("Balance at the start"), 0, 1000000, 2000, NULL },
  { "deposit", WEFT_PARAM_INT, N_("Amount of each deposit"), 0, 10000, 5000, NULL },
  { "withdraw", WEFT_PARAM_INT, N_("Amount of each withdrawal"), 0, 10000, 1000, NULL },
  { "sync", WEFT_PARAM_CHOICE, N_("none: read and write freely, updates can be lost; lock: each read–write under a lock"),
    0, 0, SYNC_NONE, syncs, sync_labels,
    /* Translators: the bank scenario's choice between no lock and a lock. */
    N_("Synchronisation") },
  { "gap_ms", WEFT_PARAM_INT, N_("Time between reading the balance and writing it back, in milliseconds"),
    0, 600000, 100, NULL },
};

typedef struct _Bank Bank;

typedef struct
{
  guint  round;
  gint32 read;
  gint32 wrote;
} LostUpdate;

typedef struct
{
  Bank     *bank;
  gboolean  deposits;
  gint32    amount;      /* what it adds to the balance: negative for a withdrawal */
  GArray   *lost;        /* LostUpdate; the actor's own, read after the run */
} Clerk;

struct _Bank
{
  guint       sync;
  guint       rounds;
  guint       gap_ms;
  gint32      initial;
  gint64      expected_final;
  guint       n_clerks;
  Clerk      *clerks;
  WeftShared *balance;
  WeftLock   *lock;
};

static void
bank_free (gpointer data)
{
  Bank *bank = data;

  for (guint i = 0; i < bank->n_clerks; i++)
    g_clear_pointer (&bank->clerks[i].lost, g_array_unref);
  g_free (bank->clerks);
  g_free (bank);
}

static void
clerk_run (WeftActor *self,
           gpointer   data)
{
  Clerk *clerk = data;
  Bank *bank = clerk->bank;

  for (guint round = 1; round <= bank->rounds; round++)
    {
      gint32 balance;
      gboolean stale;

      if (bank->lock != NULL && !weft_lock_acquire (self, bank->lock))
        return;

      if (!weft_shared_read (self, bank->balance, &balance))
        return;
      /* What it will write, known from now on: the views show "read 2000 → will write
       * 7000" while it waits. */
      weft_shared_plan_write (self, bank->balance, balance + clerk->amount);
      if (!weft_sleep (self, bank->gap_ms, NULL) ||
          !weft_shared_write_checked (self, bank->balance, balance + clerk->amount, &stale))
        return;

      if (stale)
        {
          LostUpdate lost = { round, balance, balance + clerk->amount };

          g_array_append_val (clerk->lost, lost);
        }

      if (bank->lock != NULL && !weft_lock_release (self, bank->lock))
        return;
    }
}

static gboolean
bank_setup (WeftRun          *run,
            const WeftParams *values,
            GError          **error)
{
  Bank *bank = g_new0 (Bank, 1);
  guint depositors = (guint) weft_params_get_int (values, "depositors");
  guint withdrawers = (guint) weft_params_get_int (values, "withdrawers");
  gint32 deposit = (gint32) weft_params_get_int (values, "deposit");
  gint32 withdraw = (gint32) weft_params_get_int (values, "withdraw");

  if (depositors + withdrawers == 0)
    {
      g_free (bank);
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_OUT_OF_RANGE,
                   _("The bank needs at least one thread: set depositors or withdrawers to 1 or more"));
      return FALSE;
    }

  bank->sync = weft_params_get_choice_index (values, "sync");
  bank->rounds = (guint) weft_params_get_int (values, "rounds");
  bank->gap_ms = (guint) weft_params_get_int (values, "gap_ms");
  bank->initial = (gint32) weft_params_get_int (values, "initial");
  bank->expected_final = (gint64) bank->initial +
                         (gint64) bank->rounds * ((gint64) depositors * deposit - (gint64) withdrawers * withdraw);
  bank->n_clerks = depositors + withdrawers;
  bank->clerks = g_new0 (Clerk, bank->n_clerks);
  weft_run_set_scenario_data (run, bank, bank_free);

  /* Translators: the shared variable of the bank scenario. */
  bank->balance = weft_shared_new (run, _("balance"), bank->initial);
  weft_shared_set_expected (bank->balance, (gint32) CLAMP (bank->expected_final, G_MININT32, G_MAXINT32));
  if (bank->sync == SYNC_LOCK)
    /* Translators: the lock that guards the bank account. */
    bank->lock = weft_lock_new (run, _("account lock"));

  for (guint i = 0; i < bank->n_clerks; i++)
    {
      Clerk *clerk = &bank->clerks[i];
      gboolean deposits = i < depositors;
      g_autofree char *name = NULL;

      if (deposits && depositors == 1)
        /* Translators: the thread that deposits, when there is one. */
        name = g_strdup (_("Depositor"));
      else if (deposits)
        /* Translators: one of several threads that deposit, e.g. "Depositor 2". */
        name = g_strdup_printf (_("Depositor %u"), i + 1);
      else if (withdrawers == 1)
        /* Translators: the thread that withdraws, when there is one. */
        name = g_strdup (_("Withdrawer"));
      else
        /* Translators: one of several threads that withdraw, e.g. "Withdrawer 2". */
        name = g_strdup_printf (_("Withdrawer %u"), i - depositors + 1);
      clerk->bank = bank;
      clerk->lost = g_array_new (FALSE, FALSE, sizeof (LostUpdate));
      clerk->deposits = deposits;
      clerk->amount = deposits ? deposit : -withdraw;
      weft_run_add_actor (run, name, clerk_run, clerk, NULL);
    }

  return TRUE;
}

/* What a clerk will do next, as the story tells it. */
static char *
bank_describe_next (WeftRun *run,
                    guint    actor,
                    WeftOp   op,
                    guint    object)
{
  Bank *bank = weft_run_get_scenario_data (run);

  if (bank == NULL || object != weft_object_get_index (WEFT_OBJECT (bank->balance)))
    return NULL;
  if (op == WEFT_OP_READ)
    /* Translators: what a parked bank clerk will do next. */
    return g_strdup (_("read the balance"));
  if (op == WEFT_OP_WRITE)
    /* Translators: what a parked bank clerk will do next: write the new balance. */
    return g_strdup (_("write the balance"));
  return NULL;
}

static GVariant *
bank_metrics (WeftRun *run)
{
  Bank *bank = weft_run_get_scenario_data (run);
  GVariantBuilder dict;
  GVariantBuilder lost;
  guint n_lost = 0;

  g_variant_builder_init (&lost, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < bank->n_clerks; i++)
    {
      Clerk *clerk = &bank->clerks[i];

      n_lost += clerk->lost->len;
      for (guint k = 0; k < clerk->lost->len; k++)
        {
          LostUpdate *l = &g_array_index (clerk->lost, LostUpdate, k);

          g_variant_builder_open (&lost, G_VARIANT_TYPE ("a{sv}"));
          g_variant_builder_add (&lost, "{sv}", "thread",
                                 g_variant_new_string (weft_actor_get_name (weft_run_get_actor (run, i))));
          g_variant_builder_add (&lost, "{sv}", "round", g_variant_new_int32 ((gint32) l->round));
          g_variant_builder_add (&lost, "{sv}", "read", g_variant_new_int32 (l->read));
          g_variant_builder_add (&lost, "{sv}", "wrote", g_variant_new_int32 (l->wrote));
          g_variant_builder_close (&lost);
        }
    }

  g_variant_builder_init (&dict, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&dict, "{sv}", "expected_final", g_variant_new_int64 (bank->expected_final));
  g_variant_builder_add (&dict, "{sv}", "final", g_variant_new_int64 (weft_shared_peek (bank->balance)));
  g_variant_builder_add (&dict, "{sv}", "lost_updates", g_variant_new_int64 (n_lost));
  g_variant_builder_add (&dict, "{sv}", "lost", g_variant_builder_end (&lost));

  return g_variant_builder_end (&dict);
}

static char *
bank_describe_event (WeftRun         *run,
                     const WeftEvent *event)
{
  Bank *bank = weft_run_get_scenario_data (run);
  Clerk *clerk;
  const char *name;

  if (bank == NULL || event->actor >= bank->n_clerks)
    return NULL;

  clerk = &bank->clerks[event->actor];
  name = weft_actor_get_name (weft_run_get_actor (run, event->actor));

  switch (event->kind)
    {
    case WEFT_EVENT_MARK:
      if (event->aux != WEFT_MARK_PLANNED_WRITE)
        return NULL;
      if (clerk->deposits)
        /* Translators: e.g. "Depositor will write back 7000 (deposit of 5000)". */
        return g_strdup_printf (_("%s will write back %d (deposit of %d)"), name, event->value, clerk->amount);
      /* Translators: e.g. "Withdrawer will write back 1000 (withdrawal of 1000)". */
      return g_strdup_printf (_("%s will write back %d (withdrawal of %d)"), name, event->value, -clerk->amount);
    case WEFT_EVENT_READ:
      /* Translators: e.g. "Depositor reads the balance: 2000". */
      return g_strdup_printf (_("%s reads the balance: %d"), name, event->value);
    case WEFT_EVENT_WRITE:
      if (event->aux != 0)
        /* Translators: e.g. "Withdrawer writes back 1000, computed from a stale balance:
         * an update is lost". */
        return g_strdup_printf (_("%s writes back %d, computed from a stale balance: an update is lost"),
                                name, event->value);
      if (clerk->deposits)
        /* Translators: e.g. "Depositor writes back 7000 (deposit of 5000)". */
        return g_strdup_printf (_("%s writes back %d (deposit of %d)"), name, event->value, clerk->amount);
      return g_strdup_printf (_("%s writes back %d (withdrawal of %d)"), name, event->value, -clerk->amount);
    default:
      return NULL;
    }
}

static char *
bank_describe_scene (const WeftParams *values)
{
  guint depositors = (guint) weft_params_get_int (values, "depositors");
  guint withdrawers = (guint) weft_params_get_int (values, "withdrawers");
  g_autofree char *initial = weft_params_dup_string (values, "initial");
  g_autofree char *deposit = weft_params_dup_string (values, "deposit");
  g_autofree char *withdraw = weft_params_dup_string (values, "withdraw");
  g_autoptr(GString) text = g_string_new (NULL);

  /* Translators: the bank scenario's description begins; %s is an amount in digits. */
  g_string_printf (text, _("The account holds %s."), initial);
  g_string_append_c (text, ' ');
  if (depositors == 0)
    g_string_append (text, _("Nobody deposits."));
  else
    /* Translators: %u is the number of depositors, %s the amount of each deposit. */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u depositor adds a bonus of %s.",
                                               "%u depositors each add a bonus of %s.", depositors),
                            depositors, deposit);
  g_string_append_c (text, ' ');
  if (withdrawers == 0)
    g_string_append (text, _("Nobody withdraws."));
  else
    /* Translators: %u is the number of withdrawers, %s the amount each pays. */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u withdrawer pays %s of rent.",
                                               "%u withdrawers each pay %s of rent.", withdrawers),
                            withdrawers, withdraw);
  g_string_append_c (text, ' ');
  g_string_append (text, _("Each one reads the balance, takes a moment, then writes back the "
                           "balance it computed."));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
bank_describe_params (const WeftParams *values)
{
  guint depositors = (guint) weft_params_get_int (values, "depositors");
  guint withdrawers = (guint) weft_params_get_int (values, "withdrawers");
  guint rounds = (guint) weft_params_get_int (values, "rounds");
  g_autofree char *who = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  /* Translators: in an exported image's subtitle, "1 depositor, 1 withdrawer". */
  who = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u withdrawer", "%u withdrawers", withdrawers),
                         withdrawers);
  /* Translators: in an exported image's subtitle; %s is "1 withdrawer". */
  g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u depositor, %s", "%u depositors, %s", depositors),
                   depositors, who);
  if (rounds > 1)
    {
      g_string_append (text, " · ");
      /* Translators: in an exported image's subtitle, the operations each thread makes. */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u round each", "%u rounds each", rounds),
                              rounds);
    }
  g_string_append (text, " · ");
  g_string_append (text, weft_params_get_choice_index (values, "sync") == SYNC_LOCK
                         /* Translators: in an exported image's subtitle, the bank's account is locked. */
                         ? _("with a lock")
                         /* Translators: in an exported image's subtitle, the bank's account is not locked. */
                         : _("no lock"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The story in the values ------------------------------------------------------------------ */

/* The balance's reads and writes, in trace order, up to @until (NULL: all). */
static GArray *
collect_accesses (WeftRun         *run,
                  const WeftEvent *until)
{
  Bank *bank = weft_run_get_scenario_data (run);
  WeftTrace *trace = weft_run_get_trace (run);
  guint object = weft_object_get_index (WEFT_OBJECT (bank->balance));
  GArray *accesses = g_array_new (FALSE, FALSE, sizeof (WeftEvent));
  WeftTraceCursor cursor;
  WeftEvent event;

  /* What was published when we started, from the oldest event kept. */
  weft_trace_cursor_init (&cursor, trace, weft_trace_get_first (trace));
  for (guint64 n = weft_trace_cursor_pending (&cursor); n > 0 && weft_trace_cursor_next (&cursor, &event); n--)
    {
      if (until != NULL && memcmp (&event, until, sizeof event) == 0)
        break;
      if ((event.kind == WEFT_EVENT_READ || event.kind == WEFT_EVENT_WRITE) &&
          event.object == object && event.actor < bank->n_clerks)
        g_array_append_val (accesses, event);
    }
  return accesses;
}

static char *
bank_describe_alert (WeftRun         *run,
                     WeftAlert        alert,
                     const WeftEvent *event)
{
  Bank *bank = weft_run_get_scenario_data (run);
  g_autoptr(GArray) before = NULL;
  const WeftEvent *overwritten = NULL;
  Clerk *lost, *writer;
  gint32 expected;

  if (bank == NULL || alert != WEFT_ALERT_LOST_UPDATE || event->kind != WEFT_EVENT_WRITE ||
      event->actor >= bank->n_clerks)
    return NULL;

  /* The write this one erased: the last one before it. */
  before = collect_accesses (run, event);
  for (guint i = before->len; i > 0 && overwritten == NULL; i--)
    if (g_array_index (before, WeftEvent, i - 1).kind == WEFT_EVENT_WRITE)
      overwritten = &g_array_index (before, WeftEvent, i - 1);
  if (overwritten == NULL)
    return NULL;

  lost = &bank->clerks[overwritten->actor];
  writer = &bank->clerks[event->actor];
  expected = overwritten->value + writer->amount;
  if (lost->deposits)
    /* Translators: the banner of the bank race: a deposit was lost. "The deposit of 5000
     * was overwritten: expected 6000, got 1000". */
    return g_strdup_printf (_("The deposit of %d was overwritten: expected %d, got %d"),
                            lost->amount, expected, event->value);
  /* Translators: the banner of the bank race: a withdrawal was lost. "The withdrawal of
   * 1000 was overwritten: expected 6000, got 7000". */
  return g_strdup_printf (_("The withdrawal of %d was overwritten: expected %d, got %d"),
                          -lost->amount, expected, event->value);
}

static char *
bank_describe_outcome (WeftRun *run)
{
  Bank *bank = weft_run_get_scenario_data (run);
  g_autoptr(GArray) accesses = NULL;
  guint n_lost = 0, n_writes = 0;
  gint32 final;
  char expected[32];

  if (bank == NULL)
    return NULL;

  accesses = collect_accesses (run, NULL);
  for (guint i = 0; i < accesses->len; i++)
    {
      const WeftEvent *e = &g_array_index (accesses, WeftEvent, i);

      if (e->kind == WEFT_EVENT_WRITE)
        {
          n_writes++;
          n_lost += e->aux != 0;
        }
    }
  final = weft_shared_peek (bank->balance);
  /* A translatable format cannot hold G_GINT64_FORMAT (xgettext cuts the message there):
   * the expected balance is written first. */
  g_snprintf (expected, sizeof expected, "%" G_GINT64_FORMAT, bank->expected_final);

  /* The course's case, one deposit and one withdrawal: the four accesses tell it. */
  if (bank->n_clerks == 2 && bank->rounds == 1 && accesses->len == 4 && n_writes == 2 &&
      bank->clerks[0].deposits != bank->clerks[1].deposits)
    {
      const WeftEvent *a = &g_array_index (accesses, WeftEvent, 0);
      const WeftEvent *b = &g_array_index (accesses, WeftEvent, 1);
      const WeftEvent *c = &g_array_index (accesses, WeftEvent, 2);
      const WeftEvent *d = &g_array_index (accesses, WeftEvent, 3);
      gboolean deposit_first;

      if (a->kind == WEFT_EVENT_READ && b->kind == WEFT_EVENT_READ)
        {
          /* Both read before either wrote: the second write erases the first. */
          deposit_first = bank->clerks[c->actor].deposits;
          if (deposit_first)
            /* Translators: the caption of the bank race: what happened. */
            return g_strdup_printf (_("Both read %d; the deposit wrote %d; the withdrawal wrote %d over it: "
                                      "expected %s, got %d."),
                                    a->value, c->value, d->value, expected, final);
          /* Translators: the caption of the bank race: what happened. */
          return g_strdup_printf (_("Both read %d; the withdrawal wrote %d; the deposit wrote %d over it: "
                                    "expected %s, got %d."),
                                  a->value, c->value, d->value, expected, final);
        }
      if (a->kind == WEFT_EVENT_READ && b->kind == WEFT_EVENT_WRITE && a->actor == b->actor)
        {
          deposit_first = bank->clerks[a->actor].deposits;
          if (deposit_first)
            /* Translators: the caption of the bank race when one thread went after the other. */
            return g_strdup_printf (_("The deposit read %d and wrote %d; then the withdrawal read %d and "
                                      "wrote %d: %d, as expected."),
                                    a->value, b->value, c->value, d->value, final);
          /* Translators: the caption of the bank race when one thread went after the other. */
          return g_strdup_printf (_("The withdrawal read %d and wrote %d; then the deposit read %d and "
                                    "wrote %d: %d, as expected."),
                                  a->value, b->value, c->value, d->value, final);
        }
    }

  if (n_lost > 0)
    /* Translators: the caption of the bank race with several threads or rounds. */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u update was lost: expected %s, got %d.",
                                         "%u updates were lost: expected %s, got %d.",
                                         n_lost),
                            n_lost, expected, final);
  if (final == bank->expected_final)
    /* Translators: the caption of the bank race when nothing was lost. */
    return g_strdup_printf (_("No update was lost: the balance is %d, as expected."), final);
  return NULL;
}

const WeftScenario weft_scenario_bank = {
  .id = "bank",
  .title = N_("Bank account race"),
  .description = N_("The account holds 2000. A depositor adds a bonus of 5000 while a withdrawer "
                    "pays 1000 of rent. Each one reads the balance, takes a moment, then writes "
                    "back the balance it computed."),
  .lesson = N_("Without a lock, both can read 2000 before either writes: the last write wins and "
               "the other update is lost, so the account ends at 1000 or 7000 instead of 6000. "
               "Watch the read of one thread fall between the read and the write of the other. "
               "The fix makes read–compute–write one critical section (Synchronisation: Lock)."),
  .layout = WEFT_LAYOUT_STAR,
  .params = params,
  .n_params = G_N_ELEMENTS (params),
  .setup = bank_setup,
  .metrics = bank_metrics,
  .describe_event = bank_describe_event,
  .describe_next = bank_describe_next,
  .describe_scene = bank_describe_scene,
  .describe_params = bank_describe_params,
  .describe_alert = bank_describe_alert,
  .describe_outcome = bank_describe_outcome,
};
