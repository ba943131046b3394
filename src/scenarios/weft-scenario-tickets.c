/* weft-scenario-tickets.c — ticket sellers and a semaphore, after the course: four
 * sellers each wait a random moment (none or delay_ms, as random.randint(0, 1) seconds),
 * take the semaphore, check that tickets are left, sell one, and give the semaphore back,
 * until the ten tickets are gone.
 *
 * The course's seller leaves without releasing the semaphore when it finds no ticket left,
 * which would leave the others waiting for ever; here it releases it, so the run ends.
 * sync=bounded uses a bounded semaphore of one; sync=none drops the semaphore, so a
 * seller's check and sale can be overtaken by another's (the tickets-left variable flags
 * such a stale write), and more tickets are sold than exist.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "weft-scenarios.h"

enum { SYNC_SEMAPHORE, SYNC_BOUNDED, SYNC_NONE };
static const char * const syncs[] = { "semaphore", "bounded", "none", NULL };
static const char * const sync_labels[] = {
  N_("Semaphore"),
  N_("Bounded semaphore"),
  N_("No semaphore"),
  NULL
};

/* Marks this scenario records. */
enum { MARK_SOLD_TOTAL = 1, MARK_OVERSOLD };

static const WeftParamSpec params[] = {
  { "sellers", WEFT_PARAM_INT, N_("Sellers selling at the same time"), 1, 50, 4, NULL },
  { "tickets", WEFT_PARAM_INT, N_("Tickets for sale"), 0, 100000, 10, NULL },
  { "sync", WEFT_PARAM_CHOICE,
    N_("semaphore: one seller at a time; bounded: the same with a bounded semaphore; none: no semaphore, tickets can be oversold"),
    0, 0, SYNC_SEMAPHORE, syncs, sync_labels,
    /* Translators: the ticket scenario's choice of semaphore. */
    N_("Synchronisation") },
  { "delay_ms", WEFT_PARAM_INT,
    N_("Before each sale a seller pauses this long or not at all, at random, in milliseconds (0: never)"),
    0, 600000, 1000, NULL },
};

typedef struct _Office Office;

typedef struct
{
  Office *office;
  gint    sold;   /* atomic: read live */
} Seller;

struct _Office
{
  guint          n_sellers;
  gint32         tickets;
  guint          delay_ms;
  Seller        *sellers;
  WeftShared    *left;
  WeftSemaphore *semaphore;
  gint           sold_total;   /* atomic */
};

static void
office_free (gpointer data)
{
  Office *office = data;

  g_free (office->sellers);
  g_free (office);
}

static void
seller_run (WeftActor *self,
            gpointer   data)
{
  Seller *seller = data;
  Office *office = seller->office;

  for (;;)
    {
      guint delay = office->delay_ms * (guint) g_rand_int_range (weft_actor_get_rand (self), 0, 2);
      gint32 left;
      guint64 sold_total;

      if (!weft_sleep (self, delay, NULL))
        return;
      if (office->semaphore != NULL && !weft_semaphore_acquire (self, office->semaphore))
        return;
      if (!weft_shared_read (self, office->left, &left))
        return;

      if (left <= 0)
        {
          if (office->semaphore != NULL)
            weft_semaphore_release (self, office->semaphore);
          break;
        }

      /* Each sale writes what is left once, and nothing else does: the n-th write is the
       * n-th sale. Counted with the write, so that the seller who oversold is the one
       * whose write came after the last ticket, in a replay as in the run it came from
       * (a counter of its own, kept after the write, would be the scheduler's). */
      if (!weft_shared_write_counted (self, office->left, left - 1, &sold_total))
        return;
      g_atomic_int_inc (&seller->sold);
      g_atomic_int_inc (&office->sold_total);
      if (sold_total > (guint64) office->tickets)
        weft_actor_mark (self, MARK_OVERSOLD, (gint32) MIN (sold_total, G_MAXINT32));

      if (office->semaphore != NULL && !weft_semaphore_release (self, office->semaphore))
        return;
    }

  weft_actor_mark (self, MARK_SOLD_TOTAL, g_atomic_int_get (&seller->sold));
}

static gboolean
tickets_setup (WeftRun          *run,
               const WeftParams *values,
               GError          **error)
{
  Office *office = g_new0 (Office, 1);
  guint sync = weft_params_get_choice_index (values, "sync");

  office->n_sellers = (guint) weft_params_get_int (values, "sellers");
  office->tickets = (gint32) weft_params_get_int (values, "tickets");
  office->delay_ms = (guint) weft_params_get_int (values, "delay_ms");
  office->sellers = g_new0 (Seller, office->n_sellers);
  weft_run_set_scenario_data (run, office, office_free);

  /* Translators: the shared variable of the ticket sellers. */
  office->left = weft_shared_new (run, _("tickets left"), office->tickets);
  /* Each write is a sale: the scene counts them ("12 sold of 10 — oversold"). */
  weft_shared_set_role (office->left, WEFT_SHARED_STOCK);
  if (sync != SYNC_NONE)
    /* Translators: the semaphore the ticket sellers share. */
    office->semaphore = weft_semaphore_new (run, _("semaphore"), 1, sync == SYNC_BOUNDED);

  for (guint i = 0; i < office->n_sellers; i++)
    {
      /* Translators: a ticket seller, e.g. "Seller 2". */
      g_autofree char *name = g_strdup_printf (_("Seller %u"), i + 1);

      office->sellers[i].office = office;
      weft_run_add_actor (run, name, seller_run, &office->sellers[i], NULL);
    }

  return TRUE;
}

/* What a seller will do next, as the story tells it. */
static char *
tickets_describe_next (WeftRun *run,
                       guint    actor,
                       WeftOp   op,
                       guint    object)
{
  Office *office = weft_run_get_scenario_data (run);

  if (office == NULL)
    return NULL;
  if (office->semaphore != NULL && object == weft_object_get_index (WEFT_OBJECT (office->semaphore)))
    {
      if (op == WEFT_OP_ACQUIRE)
        /* Translators: what a parked ticket seller will do next. */
        return g_strdup (_("take the semaphore"));
      if (op == WEFT_OP_RELEASE)
        return g_strdup (_("release the semaphore"));
      return NULL;
    }
  if (object != weft_object_get_index (WEFT_OBJECT (office->left)))
    return NULL;
  if (op == WEFT_OP_READ)
    /* Translators: what a parked ticket seller will do next. */
    return g_strdup (_("count the tickets left"));
  if (op == WEFT_OP_WRITE)
    return g_strdup (_("sell a ticket"));
  return NULL;
}

static GVariant *
tickets_metrics (WeftRun *run)
{
  Office *office = weft_run_get_scenario_data (run);
  GVariantBuilder per_seller;
  GVariantBuilder dict;
  g_autofree gint *shares = g_new (gint, office->n_sellers);
  gint64 sold_total = g_atomic_int_get (&office->sold_total);

  g_variant_builder_init (&per_seller, G_VARIANT_TYPE ("ai"));
  for (guint i = 0; i < office->n_sellers; i++)
    {
      shares[i] = g_atomic_int_get (&office->sellers[i].sold);
      g_variant_builder_add (&per_seller, "i", shares[i]);
    }

  g_variant_builder_init (&dict, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&dict, "{sv}", "sold_per_seller", g_variant_builder_end (&per_seller));
  g_variant_builder_add (&dict, "{sv}", "sold_total", g_variant_new_int64 (sold_total));
  g_variant_builder_add (&dict, "{sv}", "oversold", g_variant_new_int64 (MAX (0, sold_total - office->tickets)));
  g_variant_builder_add (&dict, "{sv}", "tickets_left", g_variant_new_int64 (weft_shared_peek (office->left)));
  g_variant_builder_add (&dict, "{sv}", "fairness",
                         g_variant_new_double (weft_fairness_index (shares, office->n_sellers)));

  return g_variant_builder_end (&dict);
}

static char *
tickets_describe_event (WeftRun         *run,
                        const WeftEvent *event)
{
  Office *office = weft_run_get_scenario_data (run);
  const char *name;

  if (office == NULL || event->actor >= office->n_sellers)
    return NULL;

  name = weft_actor_get_name (weft_run_get_actor (run, event->actor));

  switch (event->kind)
    {
    case WEFT_EVENT_READ:
      if (event->value <= 0)
        return g_strdup_printf (_("%s finds no ticket left"), name);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s sees %d ticket left", "%s sees %d tickets left",
                                           (gulong) event->value), name, event->value);
    case WEFT_EVENT_WRITE:
      /* Translators: as the course's program prints it: "Seller 2 sold a ticket (7 left)". */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s sold a ticket (%d left)", "%s sold a ticket (%d left)",
                                           (gulong) MAX (event->value, 0)), name, event->value);
    case WEFT_EVENT_MARK:
      if (event->aux == MARK_SOLD_TOTAL)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s sold %d ticket in all", "%s sold %d tickets in all",
                                             (gulong) event->value), name, event->value);
      if (event->aux == MARK_OVERSOLD)
        return g_strdup_printf (_("Oversold: %s sold a ticket that does not exist (%d sold of %d)"),
                                name, event->value, office->tickets);
      return NULL;
    default:
      return NULL;
    }
}

static WeftAlert
tickets_classify_mark (const WeftEvent *event)
{
  return event->aux == MARK_OVERSOLD ? WEFT_ALERT_OVERSOLD : WEFT_ALERT_NONE;
}

/* "10 tickets", for the sentences that count sellers too. */
static char *
describe_tickets (guint tickets)
{
  /* Translators: "%u sellers sell %s" and "4 sellers, %s" take this; %u in digits. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u ticket", "%u tickets", tickets), tickets);
}

static char *
tickets_describe_scene (const WeftParams *values)
{
  guint sellers = (guint) weft_params_get_int (values, "sellers");
  g_autofree char *tickets = describe_tickets ((guint) weft_params_get_int (values, "tickets"));
  g_autofree char *first = NULL;

  /* Translators: the ticket scenario's description begins; %u is the number of sellers in
   * digits, %s is "10 tickets". */
  first = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u seller sells %s.", "%u sellers sell %s.", sellers),
                           sellers, tickets);
  return g_strconcat (first, " ",
                      _("Each one waits a random moment, takes the semaphore, checks that a ticket "
                        "is left, sells it, and gives the semaphore back."),
                      NULL);
}

static char *
tickets_describe_params (const WeftParams *values)
{
  static const char * const sync_words[] = {
    /* Translators: in an exported image's subtitle, "4 sellers, 10 tickets · a semaphore". */
    N_("a semaphore"),
    N_("a bounded semaphore"),
    N_("no semaphore"),
  };
  guint sellers = (guint) weft_params_get_int (values, "sellers");
  g_autofree char *tickets = describe_tickets ((guint) weft_params_get_int (values, "tickets"));
  g_autofree char *who = NULL;

  G_STATIC_ASSERT (G_N_ELEMENTS (sync_words) == G_N_ELEMENTS (syncs) - 1);

  /* Translators: in an exported image's subtitle; %s is "10 tickets". */
  who = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u seller, %s", "%u sellers, %s", sellers),
                         sellers, tickets);
  return g_strdup_printf ("%s · %s", who, _(sync_words[weft_params_get_choice_index (values, "sync")]));
}

/* At most this many sellers' sales in the caption: more would not fit under a title. */
#define CAPTION_SELLERS 8

/* What happened, for the caption under an exported page's title: how many were sold of
 * how many, the oversell, and each seller's share ("Seller 1 sold 4, Seller 2 sold 3"). */
static char *
tickets_describe_outcome (WeftRun *run)
{
  Office *office = weft_run_get_scenario_data (run);
  gint sold_total, oversold;
  g_autoptr(GString) text = NULL;

  if (office == NULL)
    return NULL;

  sold_total = g_atomic_int_get (&office->sold_total);
  oversold = MAX (0, sold_total - office->tickets);
  text = g_string_new (NULL);
  if (oversold > 0)
    {
      /* Translators: in the caption "4 sellers sold 14 tickets of 10: 4 oversold". */
      g_autofree char *who = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u seller", "%u sellers",
                                                           office->n_sellers), office->n_sellers);
      /* Translators: in the caption "4 sellers sold 14 tickets of 10: 4 oversold". */
      g_autofree char *sold = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d ticket", "%d tickets",
                                                            (gulong) sold_total), sold_total);

      /* Translators: the caption of the ticket sellers when tickets were oversold: "4
       * sellers sold 14 tickets of 10: 4 oversold". The first %s is "4 sellers", the
       * second "14 tickets", then the tickets there were and how many too many. */
      g_string_printf (text, _("%s sold %s of %d: %d oversold"), who, sold, office->tickets, oversold);
    }
  else
    /* Translators: the caption of the ticket sellers when none was oversold. */
    g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "%d ticket sold of %d, none oversold",
                                        "%d tickets sold of %d, none oversold", (gulong) sold_total),
                     sold_total, office->tickets);

  for (guint i = 0; i < office->n_sellers && i < CAPTION_SELLERS; i++)
    {
      g_string_append (text, i == 0 ? "; " : ", ");
      /* Translators: one seller's sales in a caption: "Seller 1 sold 4". */
      g_string_append_printf (text, _("%s sold %d"), weft_actor_get_name (weft_run_get_actor (run, i)),
                              g_atomic_int_get (&office->sellers[i].sold));
    }
  if (office->n_sellers > CAPTION_SELLERS)
    g_string_append (text, ", …");
  g_string_append_c (text, '.');
  return g_string_free (g_steal_pointer (&text), FALSE);
}

const WeftScenario weft_scenario_tickets = {
  .id = "tickets",
  .title = N_("Ticket sellers"),
  .description = N_("Four sellers sell ten tickets. Each one waits a random moment, takes the "
                    "semaphore, checks that a ticket is left, sells it, and gives the semaphore "
                    "back."),
  .lesson = N_("With the semaphore the tickets are shared out and never oversold. With no "
               "pause before a sale (the pause set to 0) one seller tends to sell everything: the "
               "one that releases the semaphore is best placed to take it again before anyone "
               "else wakes up. Without the semaphore (Synchronisation: No semaphore) two sellers "
               "can both see the last ticket and both sell it."),
  .layout = WEFT_LAYOUT_STAR,
  .params = params,
  .n_params = G_N_ELEMENTS (params),
  .setup = tickets_setup,
  .metrics = tickets_metrics,
  .describe_event = tickets_describe_event,
  .describe_next = tickets_describe_next,
  .classify_mark = tickets_classify_mark,
  .describe_scene = tickets_describe_scene,
  .describe_params = tickets_describe_params,
  .describe_outcome = tickets_describe_outcome,
};
