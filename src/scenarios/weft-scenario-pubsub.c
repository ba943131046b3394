/* weft-scenario-pubsub.c — publisher and subscribers, after the course: a publisher
 * appends random integers from 0 to 1000 to a list and notifies a condition; two
 * subscribers wait on the condition and pop from the list. As in the course, the list pops
 * from its end (Python's list.pop()).
 *
 * mechanism=queue replaces the list and the condition with a queue (FIFO, LIFO or
 * priority), bounded by capacity if it is not 0: a full queue blocks the publisher.
 *
 * Every message is accounted for: what was published, what was consumed, by value (a
 * multiset, since values repeat), so that a message consumed twice (a duplicate) or never
 * (lost) shows in the metrics. The accounting is the scenario's own bookkeeping under a
 * plain mutex, outside the lesson; it never waits on anything.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "weft-scenarios.h"

enum { MECHANISM_CONDITION, MECHANISM_QUEUE };
static const char * const mechanisms[] = { "condition", "queue", NULL };
static const char * const queue_kinds[] = { "fifo", "lifo", "priority", NULL };
static const char * const mechanism_labels[] = {
  /* Translators: publisher/subscriber through a list guarded by a condition variable. */
  N_("Condition"),
  N_("Blocking queue"),
  NULL
};
static const char * const queue_kind_labels[] = {
  /* Translators: first in, first out. */
  N_("FIFO"),
  /* Translators: last in, first out. */
  N_("LIFO"),
  N_("Priority"),
  NULL
};

#define MAX_VALUE 1000
/* Tells a subscriber of the queue mechanism that every message has been consumed. */
#define SENTINEL (-1)

static const WeftParamSpec params[] = {
  { "publishers", WEFT_PARAM_INT, N_("Threads that publish"), 1, 20, 1, NULL },
  { "subscribers", WEFT_PARAM_INT, N_("Threads that consume"), 1, 20, 2, NULL },
  { "messages", WEFT_PARAM_INT, N_("Messages each publisher publishes"), 1, 100000, 10, NULL },
  { "interval_ms", WEFT_PARAM_INT, N_("Pause after each message, in milliseconds"), 0, 600000, 1000, NULL },
  { "mechanism", WEFT_PARAM_CHOICE,
    N_("condition: a list guarded by a condition, as in the course; queue: a queue that blocks by itself"),
    0, 0, MECHANISM_CONDITION, mechanisms, mechanism_labels, N_("Mechanism") },
  { "queue_kind", WEFT_PARAM_CHOICE, N_("Order of the blocking queue: fifo, lifo or priority (smallest first)"),
    0, 0, WEFT_QUEUE_FIFO, queue_kinds, queue_kind_labels, N_("Queue order") },
  { "capacity", WEFT_PARAM_INT, N_("Room in the blocking queue; 0: unbounded"), 0, 10000, 0, NULL },
};

typedef struct _Board Board;

typedef struct
{
  Board *board;
  gint   consumed;   /* atomic: read live */
} Member;

struct _Board
{
  guint          mechanism;
  guint          n_publishers;
  guint          n_subscribers;
  guint          messages;
  guint          interval_ms;
  Member        *members;      /* publishers, then subscribers */
  WeftQueue     *list;
  WeftLock      *lock;         /* condition mechanism */
  WeftCondition *condition;
  guint          total;        /* messages published in all */
  guint          remaining;    /* condition mechanism: under the condition's lock */

  GMutex         ledger_mutex;
  guint          published[MAX_VALUE + 1];
  guint          consumed[MAX_VALUE + 1];
  GQueue         published_at[MAX_VALUE + 1];  /* gint64 µs, as GINT_TO_POINTER is too short */
  guint64        n_published;
  guint64        n_consumed;
  double         latency_sum_ms;
  double         latency_max_ms;
};

static void
board_free (gpointer data)
{
  Board *board = data;

  for (guint v = 0; v <= MAX_VALUE; v++)
    g_queue_clear_full (&board->published_at[v], g_free);
  g_mutex_clear (&board->ledger_mutex);
  g_free (board->members);
  g_free (board);
}

/* @since: when the publisher made the message, before it waited for the lock or for room. */
static void
note_published (Board  *board,
                gint32  value,
                gint64  since)
{
  gint64 *at = g_new (gint64, 1);

  *at = since;
  g_mutex_lock (&board->ledger_mutex);
  board->published[value]++;
  board->n_published++;
  g_queue_push_tail (&board->published_at[value], at);
  g_mutex_unlock (&board->ledger_mutex);
}

static void
note_consumed (Board  *board,
               gint32  value)
{
  g_autofree gint64 *at = NULL;

  g_mutex_lock (&board->ledger_mutex);
  board->consumed[value]++;
  board->n_consumed++;
  /* Values repeat: the oldest publication of this value is the best guess. */
  at = g_queue_pop_head (&board->published_at[value]);
  if (at != NULL)
    {
      double ms = (g_get_monotonic_time () - *at) / 1000.0;

      board->latency_sum_ms += ms;
      board->latency_max_ms = MAX (board->latency_max_ms, ms);
    }
  g_mutex_unlock (&board->ledger_mutex);
}

static void
publisher_run (WeftActor *self,
               gpointer   data)
{
  Member *member = data;
  Board *board = member->board;

  for (guint m = 0; m < board->messages; m++)
    {
      gint32 value = g_rand_int_range (weft_actor_get_rand (self), 0, MAX_VALUE + 1);
      gint64 made = g_get_monotonic_time ();

      if (board->mechanism == MECHANISM_CONDITION)
        {
          /* Counted under the lock, as it goes in: no subscriber can pop it first. */
          if (!weft_lock_acquire (self, board->lock) ||
              !weft_queue_put (self, board->list, value))
            return;
          note_published (board, value, made);
          if (!weft_condition_notify (self, board->condition) ||
              !weft_lock_release (self, board->lock))
            return;
        }
      else
        {
          /* A subscriber may pop it before put returns: a consumption may be noted
           * before its publication, which the accounting by value allows. */
          if (!weft_queue_put (self, board->list, value))
            return;
          note_published (board, value, made);
        }

      if (!weft_sleep (self, board->interval_ms, NULL))
        return;
    }
}

static void
subscriber_condition_run (WeftActor *self,
                          Member    *member)
{
  Board *board = member->board;

  for (;;)
    {
      gint32 value;

      if (!weft_lock_acquire (self, board->lock))
        return;

      while (board->remaining > 0 && weft_queue_get_length (board->list) == 0)
        if (!weft_condition_wait (self, board->condition))
          return;

      if (board->remaining == 0)
        {
          weft_lock_release (self, board->lock);
          return;
        }

      if (!weft_queue_get (self, board->list, &value))
        return;
      /* Counted at once: a stop at the next step must not make it look lost. */
      note_consumed (board, value);
      g_atomic_int_inc (&member->consumed);
      board->remaining--;
      /* The last message: wake the other subscribers so that they leave too. */
      if (board->remaining == 0 && !weft_condition_notify_all (self, board->condition))
        return;
      if (!weft_lock_release (self, board->lock))
        return;
    }
}

static void
subscriber_queue_run (WeftActor *self,
                      Member    *member)
{
  Board *board = member->board;

  for (;;)
    {
      gint32 value;
      guint64 n_got;

      if (!weft_queue_get_counted (self, board->list, &value, &n_got) || value == SENTINEL)
        return;

      note_consumed (board, value);
      g_atomic_int_inc (&member->consumed);

      /* The last message: one sentinel for each other subscriber, so that they leave. No
       * sentinel is put before it, so the queue's n-th get, n the number of messages, is
       * the last message; the count comes with the get, so whoever got it is the one
       * that puts the sentinels, in a replay as in the run it came from. */
      if (n_got == board->total)
        {
          for (guint i = 1; i < board->n_subscribers; i++)
            if (!weft_queue_put (self, board->list, SENTINEL))
              return;
          return;
        }
    }
}

static void
subscriber_run (WeftActor *self,
                gpointer   data)
{
  Member *member = data;

  if (member->board->mechanism == MECHANISM_CONDITION)
    subscriber_condition_run (self, member);
  else
    subscriber_queue_run (self, member);
}

static gboolean
pubsub_setup (WeftRun          *run,
              const WeftParams *values,
              GError          **error)
{
  Board *board = g_new0 (Board, 1);
  guint n;

  board->mechanism = weft_params_get_choice_index (values, "mechanism");
  board->n_publishers = (guint) weft_params_get_int (values, "publishers");
  board->n_subscribers = (guint) weft_params_get_int (values, "subscribers");
  board->messages = (guint) weft_params_get_int (values, "messages");
  board->interval_ms = (guint) weft_params_get_int (values, "interval_ms");
  board->total = board->n_publishers * board->messages;
  board->remaining = board->total;
  g_mutex_init (&board->ledger_mutex);
  for (guint v = 0; v <= MAX_VALUE; v++)
    g_queue_init (&board->published_at[v]);
  n = board->n_publishers + board->n_subscribers;
  board->members = g_new0 (Member, n);
  weft_run_set_scenario_data (run, board, board_free);

  if (board->mechanism == MECHANISM_CONDITION)
    {
      /* Translators: the list the publisher appends to, as in the course's program. */
      board->list = weft_queue_new (run, _("list"), WEFT_QUEUE_LIFO, 0);
      /* Translators: the lock under the publisher/subscriber condition. */
      board->lock = weft_lock_new (run, _("condition lock"));
      board->condition = weft_condition_new (run, _("condition"), board->lock);
    }
  else
    {
      board->list = weft_queue_new (run, _("queue"),
                                    (WeftQueueKind) weft_params_get_choice_index (values, "queue_kind"),
                                    (guint) weft_params_get_int (values, "capacity"));
    }

  for (guint i = 0; i < n; i++)
    {
      gboolean publishes = i < board->n_publishers;
      g_autofree char *name = NULL;
      WeftActor *actor;

      if (publishes && board->n_publishers == 1)
        name = g_strdup (_("Publisher"));
      else if (publishes)
        /* Translators: e.g. "Publisher 2", when there are several. */
        name = g_strdup_printf (_("Publisher %u"), i + 1);
      else
        /* Translators: e.g. "Subscriber 1". */
        name = g_strdup_printf (_("Subscriber %u"), i - board->n_publishers + 1);

      board->members[i].board = board;
      actor = weft_run_add_actor (run, name, publishes ? publisher_run : subscriber_run,
                                  &board->members[i], NULL);
      /* The scene's columns: publishers put, subscribers take. */
      weft_actor_set_role (actor, publishes ? WEFT_ACTOR_ROLE_PRODUCER : WEFT_ACTOR_ROLE_CONSUMER);
    }

  return TRUE;
}

/* What a publisher or a subscriber will do next, as the story tells it. */
static char *
pubsub_describe_next (WeftRun *run,
                      guint    actor,
                      WeftOp   op,
                      guint    object)
{
  Board *board = weft_run_get_scenario_data (run);
  gboolean publisher;

  if (board == NULL || actor >= board->n_publishers + board->n_subscribers)
    return NULL;
  publisher = actor < board->n_publishers;

  if (object == weft_object_get_index (WEFT_OBJECT (board->list)))
    {
      if (op == WEFT_OP_PUT && publisher)
        /* Translators: what a parked publisher will do next. */
        return g_strdup (_("publish a message"));
      if (op == WEFT_OP_GET)
        /* Translators: what a parked subscriber will do next. */
        return g_strdup (_("take a message"));
      return NULL;
    }
  if (board->lock != NULL && object == weft_object_get_index (WEFT_OBJECT (board->lock)))
    {
      if (op == WEFT_OP_ACQUIRE)
        /* Translators: what a parked publisher or subscriber will do next: take the
         * condition's lock. */
        return g_strdup (_("take the lock"));
      if (op == WEFT_OP_RELEASE)
        return g_strdup (_("release the lock"));
      return NULL;
    }
  if (board->condition != NULL && object == weft_object_get_index (WEFT_OBJECT (board->condition)))
    {
      if (op == WEFT_OP_WAIT)
        /* Translators: what a parked subscriber will do next. */
        return g_strdup (_("wait for a message"));
      if (op == WEFT_OP_NOTIFY)
        /* Translators: what a parked publisher will do next. */
        return g_strdup (_("notify a subscriber"));
      if (op == WEFT_OP_NOTIFY_ALL)
        return g_strdup (_("notify every subscriber"));
    }
  return NULL;
}

typedef struct
{
  guint64 duplicates;
  guint64 lost;
  guint   n_waiting;   /* still in the list or queue: on its way, not lost */
} Ledger;

/* Counts the duplicates and the lost messages; call with the ledger's mutex held. */
static void
count_ledger (Board  *board,
              Ledger *out)
{
  g_autoptr(GArray) in_queue = weft_queue_dup_items (board->list);
  guint waiting[MAX_VALUE + 1] = { 0 };

  memset (out, 0, sizeof *out);

  /* Still in the queue when the run stopped is not lost: it is on its way. Sentinels are
   * not messages. */
  for (guint i = 0; i < in_queue->len; i++)
    {
      gint32 v = g_array_index (in_queue, gint32, i);

      if (v >= 0 && v <= MAX_VALUE)
        {
          waiting[v]++;
          out->n_waiting++;
        }
    }

  for (guint v = 0; v <= MAX_VALUE; v++)
    {
      guint accounted = board->consumed[v] + waiting[v];

      if (board->consumed[v] > board->published[v])
        out->duplicates += board->consumed[v] - board->published[v];
      if (board->published[v] > accounted)
        out->lost += board->published[v] - accounted;
    }
}

static GVariant *
pubsub_metrics (WeftRun *run)
{
  Board *board = weft_run_get_scenario_data (run);
  GVariantBuilder per_subscriber;
  GVariantBuilder dict;
  Ledger ledger;

  g_mutex_lock (&board->ledger_mutex);
  count_ledger (board, &ledger);

  g_variant_builder_init (&per_subscriber, G_VARIANT_TYPE ("ai"));
  for (guint i = board->n_publishers; i < board->n_publishers + board->n_subscribers; i++)
    g_variant_builder_add (&per_subscriber, "i", g_atomic_int_get (&board->members[i].consumed));

  g_variant_builder_init (&dict, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&dict, "{sv}", "published", g_variant_new_int64 ((gint64) board->n_published));
  g_variant_builder_add (&dict, "{sv}", "consumed", g_variant_new_int64 ((gint64) board->n_consumed));
  g_variant_builder_add (&dict, "{sv}", "consumed_per_subscriber", g_variant_builder_end (&per_subscriber));
  g_variant_builder_add (&dict, "{sv}", "duplicates", g_variant_new_int64 ((gint64) ledger.duplicates));
  g_variant_builder_add (&dict, "{sv}", "lost", g_variant_new_int64 ((gint64) ledger.lost));
  g_variant_builder_add (&dict, "{sv}", "in_queue", g_variant_new_int64 (ledger.n_waiting));
  g_variant_builder_add (&dict, "{sv}", "longest_queue", g_variant_new_int64 (weft_queue_get_max_length (board->list)));
  g_variant_builder_add (&dict, "{sv}", "mean_latency_ms",
                         g_variant_new_double (board->n_consumed > 0 ? board->latency_sum_ms / board->n_consumed : 0.0));
  g_variant_builder_add (&dict, "{sv}", "max_latency_ms", g_variant_new_double (board->latency_max_ms));
  g_mutex_unlock (&board->ledger_mutex);

  return g_variant_builder_end (&dict);
}

static char *
pubsub_describe_event (WeftRun         *run,
                       const WeftEvent *event)
{
  Board *board = weft_run_get_scenario_data (run);
  const char *name;
  gboolean condition_lock;

  if (board == NULL || event->actor >= board->n_publishers + board->n_subscribers)
    return NULL;

  name = weft_actor_get_name (weft_run_get_actor (run, event->actor));
  condition_lock = board->lock != NULL && event->object == weft_object_get_index (WEFT_OBJECT (board->lock));

  switch (event->kind)
    {
    case WEFT_EVENT_QUEUE_PUT:
      if (event->value == SENTINEL)
        return g_strdup_printf (_("%s tells another subscriber that everything is consumed"), name);
      /* Translators: as the course's program prints it: "Publisher appended 776". */
      return g_strdup_printf (_("%s appended %d"), name, event->value);
    case WEFT_EVENT_QUEUE_GET:
      if (event->value == SENTINEL)
        return g_strdup_printf (_("%s learns that everything is consumed"), name);
      /* Translators: as the course's program prints it: "776 popped by Subscriber 1". */
      return g_strdup_printf (_("%d popped by %s"), event->value, name);
    case WEFT_EVENT_ACQUIRED:
      return condition_lock ? g_strdup_printf (_("Condition acquired by %s"), name) : NULL;
    case WEFT_EVENT_RELEASED:
      return condition_lock ? g_strdup_printf (_("Condition released by %s"), name) : NULL;
    case WEFT_EVENT_COND_WAIT:
      return g_strdup_printf (_("Condition wait by %s"), name);
    default:
      return NULL;
    }
}

static char *
pubsub_describe_scene (const WeftParams *values)
{
  guint publishers = (guint) weft_params_get_int (values, "publishers");
  guint subscribers = (guint) weft_params_get_int (values, "subscribers");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  /* Translators: the publisher/subscriber scenario's description begins; %u is the number
   * of publishers, in digits. */
  first = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u publisher appends random integers from 0 to 1000 to a "
                                        "list and notifies a condition.",
                                        "%u publishers append random integers from 0 to 1000 to a "
                                        "list and notify a condition.", publishers),
                           publishers);
  /* Translators: the description goes on; %u is the number of subscribers, in digits. */
  second = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u subscriber waits on the condition and pops from the list.",
                                         "%u subscribers wait on the condition and pop from the list.",
                                         subscribers),
                            subscribers);
  return g_strconcat (first, " ", second, NULL);
}

static char *
pubsub_describe_params (const WeftParams *values)
{
  static const char * const queue_words[] = {
    /* Translators: in an exported image's subtitle, the mechanism is a blocking queue. */
    N_("FIFO queue"),
    N_("LIFO queue"),
    N_("priority queue"),
  };
  guint publishers = (guint) weft_params_get_int (values, "publishers");
  guint subscribers = (guint) weft_params_get_int (values, "subscribers");
  guint messages = (guint) weft_params_get_int (values, "messages");
  guint capacity = (guint) weft_params_get_int (values, "capacity");
  g_autofree char *subs = NULL;
  g_autofree char *each = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  G_STATIC_ASSERT (G_N_ELEMENTS (queue_words) == G_N_ELEMENTS (queue_kinds) - 1);

  /* Translators: in an exported image's subtitle, "1 publisher, 2 subscribers". */
  subs = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u subscriber", "%u subscribers", subscribers),
                          subscribers);
  /* Translators: in an exported image's subtitle; %s is "2 subscribers". */
  g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u publisher, %s", "%u publishers, %s", publishers),
                   publishers, subs);
  /* Translators: in an exported image's subtitle, the messages each publisher publishes. */
  each = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u message each", "%u messages each", messages),
                          messages);
  g_string_append_printf (text, " · %s · ", each);
  if (weft_params_get_choice_index (values, "mechanism") == MECHANISM_CONDITION)
    /* Translators: in an exported image's subtitle, a list guarded by a condition. */
    g_string_append (text, _("a condition"));
  else
    {
      g_string_append (text, _(queue_words[weft_params_get_choice_index (values, "queue_kind")]));
      if (capacity > 0)
        {
          g_string_append_c (text, ' ');
          /* Translators: after "FIFO queue" in an exported image's subtitle. */
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "(room for %u)", "(room for %u)", capacity),
                                  capacity);
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* At most this many subscribers' counts in the caption: more would not fit under a title. */
#define CAPTION_SUBSCRIBERS 6

/* What happened, for the caption under an exported page's title: messages published and
 * consumed, lost or duplicated, what is still on its way, and each subscriber's share. */
static char *
pubsub_describe_outcome (WeftRun *run)
{
  Board *board = weft_run_get_scenario_data (run);
  g_autoptr(GString) text = NULL;
  Ledger ledger;
  guint64 published, consumed;

  if (board == NULL)
    return NULL;

  g_mutex_lock (&board->ledger_mutex);
  count_ledger (board, &ledger);
  published = board->n_published;
  consumed = board->n_consumed;
  g_mutex_unlock (&board->ledger_mutex);

  text = g_string_new (NULL);
  /* Translators: the caption of publisher/subscribers begins: "50 messages published, 50
   * consumed". */
  g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "%lu message published, %lu consumed",
                                      "%lu messages published, %lu consumed", (gulong) published),
                   (gulong) published, (gulong) consumed);
  g_string_append (text, ", ");
  if (ledger.lost == 0 && ledger.duplicates == 0)
    /* Translators: in the caption "50 messages published, 50 consumed, none lost or
     * duplicated". */
    g_string_append (text, _("none lost or duplicated"));
  else
    /* Translators: in the caption "50 messages published, 49 consumed, 1 lost, 0
     * duplicated". */
    g_string_append_printf (text, _("%lu lost, %lu duplicated"), (gulong) ledger.lost, (gulong) ledger.duplicates);
  if (ledger.n_waiting > 0)
    {
      g_string_append (text, ", ");
      if (board->mechanism == MECHANISM_CONDITION)
        /* Translators: in a caption, the messages not consumed yet when the run stopped. */
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u still in the list", "%u still in the list",
                                                   ledger.n_waiting), ledger.n_waiting);
      else
        /* Translators: in a caption, the messages not consumed yet when the run stopped. */
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u still in the queue", "%u still in the queue",
                                                   ledger.n_waiting), ledger.n_waiting);
    }
  if (board->mechanism == MECHANISM_QUEUE)
    {
      guint longest = weft_queue_get_max_length (board->list);

      g_string_append (text, "; ");
      /* Translators: in a caption, the most messages the blocking queue held at once. */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "the queue held at most %u message",
                                                 "the queue held at most %u messages", longest), longest);
    }

  for (guint i = 0; i < board->n_subscribers && i < CAPTION_SUBSCRIBERS; i++)
    {
      guint actor = board->n_publishers + i;

      g_string_append (text, i == 0 ? "; " : ", ");
      /* Translators: one subscriber's share in a caption: "Subscriber 1 took 6". */
      g_string_append_printf (text, _("%s took %d"), weft_actor_get_name (weft_run_get_actor (run, actor)),
                              g_atomic_int_get (&board->members[actor].consumed));
    }
  if (board->n_subscribers > CAPTION_SUBSCRIBERS)
    g_string_append (text, ", …");
  g_string_append_c (text, '.');
  return g_string_free (g_steal_pointer (&text), FALSE);
}

const WeftScenario weft_scenario_pubsub = {
  .id = "pubsub",
  .title = N_("Publisher and subscribers"),
  .description = N_("A publisher appends random integers from 0 to 1000 to a list and notifies a "
                    "condition; two subscribers wait on the condition and pop from the list."),
  .lesson = N_("A subscriber waits on the condition only while the list is empty, and checks "
               "again when woken: the other subscriber may have taken the item first. Every "
               "message is consumed exactly once. With a blocking queue (Mechanism: Blocking "
               "queue) the queue does the waiting itself; room for a few messages only (Room in "
               "the blocking queue) makes a fast publisher wait for the subscribers."),
  .layout = WEFT_LAYOUT_PIPELINE,
  .params = params,
  .n_params = G_N_ELEMENTS (params),
  .setup = pubsub_setup,
  .metrics = pubsub_metrics,
  .describe_event = pubsub_describe_event,
  .describe_next = pubsub_describe_next,
  .describe_scene = pubsub_describe_scene,
  .describe_params = pubsub_describe_params,
  .describe_outcome = pubsub_describe_outcome,
};
