/* weft-model-words.c — the sentences that describe a moment of a run (see
 * weft-model-words.h): what a thread does, what a resource is and who holds and wants it,
 * how many threads do what, and the deadlock cycle. Only here are these sentences made:
 * the scene, the tooltips, the banner and weft-cli call these functions, so a moment is
 * told in one way everywhere, and translated once.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "weft-model-words.h"

/* A state's name as the legend shows it (weft_state_get_label(), which is the render
 * layer's). */
static const char *
state_label (WeftState state)
{
  return g_dgettext (GETTEXT_PACKAGE, weft_state_to_string (MIN (state, WEFT_N_STATES - 1)));
}

/* Threads ------------------------------------------------------------------------------ */

char *
weft_describe_parked (WeftModel            *model,
                      guint                 actor,
                      const WeftThreadSpan *span,
                      gboolean              two_lines)
{
  const char *activity;
  g_autofree char *next = NULL;
  g_autofree char *next_line = NULL;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (span != NULL, NULL);

  activity = span->activity != 0 ? weft_model_get_activity (model, span->activity) : NULL;
  /* Frozen in a pause by a paused run: it is still doing what the pause stands for. */
  if (span->detail == WEFT_OP_SLEEP && activity != NULL)
    return g_strdup (g_dgettext (GETTEXT_PACKAGE, activity));
  if (span->detail == WEFT_OP_SLEEP)
    /* Translators: a thread frozen by a paused run in a pause that stands for nothing in
     * particular (the gap between reading and writing the balance). */
    return g_strdup (C_("parked thread", "pausing"));

  next = weft_model_describe_next (model, actor, span->detail < WEFT_N_OPS ? (WeftOp) span->detail
                                                                           : WEFT_OP_NONE,
                                   span->object);
  /* Translators: what a parked thread will do next, "next: take the left fork"; after
   * what it is doing, if anything: "thinking · next: take the left fork". */
  next_line = g_strdup_printf (C_("parked thread", "next: %s"), next);
  if (activity == NULL)
    return g_steal_pointer (&next_line);
  return g_strconcat (g_dgettext (GETTEXT_PACKAGE, activity), two_lines ? "\n" : " · ", next_line, NULL);
}

char *
weft_describe_thread_span (WeftModel            *model,
                           guint                 actor,
                           const WeftThreadSpan *span)
{
  WeftState state;
  const char *label;
  const char *object = NULL;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (span != NULL, NULL);

  state = MIN (span->state, WEFT_N_STATES - 1);
  label = state_label (state);
  if (span->object < weft_model_get_n_objects (model))
    object = weft_model_get_object_name (model, span->object);

  switch (state)
    {
    case WEFT_STATE_RUNNING:
    case WEFT_STATE_SLEEPING:
      {
        const char *activity = weft_model_get_activity (model, span->detail);

        if (activity != NULL)
          /* Translators: a thread's state and its activity, "sleeping (eating)". */
          return g_strdup_printf (C_("thread doing", "%s (%s)"), label,
                                  g_dgettext (GETTEXT_PACKAGE, activity));
      }
      break;
    case WEFT_STATE_BLOCKED:
    case WEFT_STATE_WAITING:
      if (object != NULL)
        /* Translators: a thread's state and what it waits on, "blocked on fork 2". */
        return g_strdup_printf (C_("thread doing", "%s on %s"), label, object);
      break;
    case WEFT_STATE_PARKED:
      if (span->detail != WEFT_OP_NONE && span->detail < WEFT_N_OPS)
        {
          g_autofree char *parked = weft_describe_parked (model, actor, span, FALSE);

          /* Translators: a stepped thread stopped before its next operation,
           * "parked, thinking · next: take the left fork". */
          return g_strdup_printf (C_("thread doing", "%s, %s"), label, parked);
        }
      break;
    case WEFT_STATE_NEW:
    case WEFT_STATE_DONE:
    case WEFT_N_STATES:
    default:
      break;
    }

  return g_strdup (label);
}

char *
weft_describe_threads_at (WeftModel *model,
                          guint64    time_ns)
{
  guint counts[WEFT_N_STATES] = { 0 };
  guint n_actors;
  GString *list;

  g_return_val_if_fail (model != NULL, NULL);

  n_actors = weft_model_get_n_actors (model);
  if (n_actors == 0)
    /* Translators: the summary of a scene or timeline with no thread. */
    return g_strdup (_("No threads"));

  for (guint i = 0; i < n_actors; i++)
    {
      gssize k = weft_model_find_thread_span (model, i, time_ns);
      guint n;

      if (k < 0)
        counts[WEFT_STATE_NEW]++;
      else
        counts[MIN (weft_model_get_thread_spans (model, i, &n)[k].state, WEFT_N_STATES - 1)]++;
    }

  list = g_string_new (NULL);
  for (guint s = 0; s < WEFT_N_STATES; s++)
    {
      if (counts[s] == 0)
        continue;
      if (list->len > 0)
        /* Translators: between the items of a list, "2 running, 3 blocked". */
        g_string_append (list, _(", "));
      /* Translators: how many threads are in a state, "3 blocked". */
      g_string_append_printf (list, C_("thread count", "%u %s"), counts[s],
                              state_label ((WeftState) s));
    }

  {
    g_autofree char *items = g_string_free (list, FALSE);

    /* Translators: a summary of the threads' states, "5 threads: 2 running, 3 blocked". */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u thread: %s", "%u threads: %s",
                                         n_actors),
                            n_actors, items);
  }
}


char *
weft_describe_thread_at (WeftModel *model,
                         guint      actor,
                         guint64    time_ns)
{
  const char *name;
  gssize k;
  guint n;
  g_autofree char *what = NULL;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (actor < weft_model_get_n_actors (model), NULL);

  name = weft_model_get_actor_name (model, actor);
  k = weft_model_find_thread_span (model, actor, time_ns);
  if (k < 0)
    /* Translators: a tooltip before the thread started; %s is its name. */
    return g_strdup_printf (_("%s — not started"), name);
  what = weft_describe_thread_span (model, actor, &weft_model_get_thread_spans (model, actor, &n)[k]);
  /* Translators: a scene tooltip's first line: the thread and what it does,
   * "Kant — blocked on fork 2". */
  return g_strdup_printf (_("%s — %s"), name, what);
}

/* Appends @name to the list @out, after a separator if it is not empty. */
static void
append_item (GString    *out,
             const char *name)
{
  if (out->len > 0)
    /* Translators: between the items of a list, "2 running, 3 blocked". */
    g_string_append (out, _(", "));
  g_string_append (out, name);
}

/* The locks and semaphore units @actor holds at @time_ns, "fork 1, fork 5". */
static char *
describe_holdings (WeftModel *model,
                   guint      actor,
                   guint64    time_ns)
{
  GString *out = g_string_new (NULL);

  for (guint o = 0; o < weft_model_get_n_objects (model); o++)
    {
      WeftObjectKind kind = weft_model_get_object_kind (model, o);
      gssize k;
      guint n;
      const WeftResourceSpan *span;

      if (kind != WEFT_OBJECT_LOCK && kind != WEFT_OBJECT_RLOCK &&
          kind != WEFT_OBJECT_SEMAPHORE && kind != WEFT_OBJECT_BOUNDED_SEMAPHORE)
        continue;
      k = weft_model_find_resource_span (model, o, time_ns);
      if (k < 0)
        continue;
      span = &weft_model_get_resource_spans (model, o, &n)[k];

      if (kind == WEFT_OBJECT_LOCK || kind == WEFT_OBJECT_RLOCK)
        {
          if (span->value > 0 && span->owner == actor)
            append_item (out, weft_model_get_object_name (model, o));
        }
      else if (span->n_list > 0)
        {
          const gint32 *holders = weft_model_get_span_list (model, span);
          guint units = 0;

          for (guint i = 0; i < span->n_list; i++)
            units += holders[i] == (gint32) actor;
          if (units == 1)
            append_item (out, weft_model_get_object_name (model, o));
          else if (units > 1)
            {
              /* Translators: several units of a semaphore held by one thread,
               * "seats (2 units)". */
              g_autofree char *item = g_strdup_printf (_("%s (%u units)"),
                                                       weft_model_get_object_name (model, o), units);

              append_item (out, item);
            }
        }
    }

  return g_string_free (out, FALSE);
}

char *
weft_describe_thread_details_at (WeftModel *model,
                                 guint      actor,
                                 guint64    time_ns)
{
  GString *out;
  g_autofree char *line = NULL;
  g_autofree char *holds = NULL;
  gssize k;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (actor < weft_model_get_n_actors (model), NULL);

  line = weft_describe_thread_at (model, actor, time_ns);
  out = g_string_new (line);
  k = weft_model_find_thread_span (model, actor, time_ns);
  if (k >= 0)
    {
      guint n;
      const WeftThreadSpan *span = &weft_model_get_thread_spans (model, actor, &n)[k];

      if ((span->state == WEFT_STATE_BLOCKED || span->state == WEFT_STATE_WAITING) &&
          span->object < weft_model_get_n_objects (model))
        {
          g_string_append_c (out, '\n');
          /* Translators: in a scene tooltip, what a thread waits for, "Wants: fork 2". */
          g_string_append_printf (out, _("Wants: %s"), weft_model_get_object_name (model, span->object));
        }
    }

  holds = describe_holdings (model, actor, time_ns);
  g_string_append_c (out, '\n');
  if (*holds != '\0')
    /* Translators: in a scene tooltip, the locks a thread holds, "Holds: fork 1". */
    g_string_append_printf (out, _("Holds: %s"), holds);
  else
    /* Translators: in a scene tooltip, a thread that holds no lock or semaphore. */
    g_string_append (out, _("Holds nothing"));

  return g_string_free (out, FALSE);
}

char *
weft_describe_waiting_for (WeftModel *model,
                           guint      object)
{
  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (object < weft_model_get_n_objects (model), NULL);

  /* Translators: under a blocked or waiting thread in the scene: what holds it up,
   * "waiting for fork 2". */
  return g_strdup_printf (_("waiting for %s"), weft_model_get_object_name (model, object));
}

/* Resources ------------------------------------------------------------------------------ */

static const char *
object_kind_label (WeftObjectKind kind)
{
  switch (kind)
    {
    case WEFT_OBJECT_LOCK:
      return C_("object kind", "lock");
    case WEFT_OBJECT_RLOCK:
      return C_("object kind", "reentrant lock");
    case WEFT_OBJECT_SEMAPHORE:
      return C_("object kind", "semaphore");
    case WEFT_OBJECT_BOUNDED_SEMAPHORE:
      return C_("object kind", "bounded semaphore");
    case WEFT_OBJECT_CONDITION:
      return C_("object kind", "condition");
    case WEFT_OBJECT_FLAG:
      /* Translators: a synchronization event (set, clear, wait). */
      return C_("object kind", "event");
    case WEFT_OBJECT_BARRIER:
      return C_("object kind", "barrier");
    case WEFT_OBJECT_QUEUE:
      return C_("object kind", "queue");
    case WEFT_OBJECT_SHARED:
      return C_("object kind", "shared variable");
    case WEFT_N_OBJECT_KINDS:
    default:
      return C_("object kind", "resource");
    }
}

char *
weft_describe_object_at (WeftModel *model,
                         guint      object,
                         guint64    time_ns)
{
  WeftObjectKind kind;
  const char *name;
  gint32 initial;
  const WeftResourceSpan *span = NULL;
  GString *out;
  g_autoptr(GString) holders = g_string_new (NULL);
  g_autoptr(GString) waiters = g_string_new (NULL);
  gssize k;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (object < weft_model_get_n_objects (model), NULL);

  kind = weft_model_get_object_kind (model, object);
  name = weft_model_get_object_name (model, object);
  initial = weft_model_get_object_initial (model, object);
  k = weft_model_find_resource_span (model, object, time_ns);
  if (k >= 0)
    {
      guint n;

      span = &weft_model_get_resource_spans (model, object, &n)[k];
    }

  out = g_string_new (NULL);
  /* Translators: a scene tooltip's first line: a resource and its kind,
   * "fork 2 — lock". */
  g_string_append_printf (out, _("%s — %s"), name, object_kind_label (kind));

  /* Who holds it: a lock's owner, a semaphore's holders. */
  if (span != NULL && (kind == WEFT_OBJECT_LOCK || kind == WEFT_OBJECT_RLOCK))
    {
      if (span->value > 0 && span->owner < weft_model_get_n_actors (model))
        append_item (holders, weft_model_get_actor_name (model, span->owner));
    }
  else if (span != NULL && (kind == WEFT_OBJECT_SEMAPHORE || kind == WEFT_OBJECT_BOUNDED_SEMAPHORE) &&
           span->n_list > 0)
    {
      const gint32 *list = weft_model_get_span_list (model, span);

      for (guint i = 0; i < span->n_list; i++)
        if (list[i] >= 0 && (guint) list[i] < weft_model_get_n_actors (model))
          append_item (holders, weft_model_get_actor_name (model, list[i]));
    }

  /* Who waits for it: the threads blocked or waiting on it then. */
  for (guint a = 0; a < weft_model_get_n_actors (model); a++)
    {
      gssize j = weft_model_find_thread_span (model, a, time_ns);
      const WeftThreadSpan *ts;
      guint n;

      if (j < 0)
        continue;
      ts = &weft_model_get_thread_spans (model, a, &n)[j];
      if ((ts->state == WEFT_STATE_BLOCKED || ts->state == WEFT_STATE_WAITING) && ts->object == object)
        append_item (waiters, weft_model_get_actor_name (model, a));
    }

  switch (kind)
    {
    case WEFT_OBJECT_LOCK:
    case WEFT_OBJECT_RLOCK:
      g_string_append_c (out, '\n');
      if (holders->len > 0)
        /* Translators: in a resource's tooltip, its owner, "Held by: Kant". */
        g_string_append_printf (out, _("Held by: %s"), holders->str);
      else
        /* Translators: in a lock's tooltip, when nobody holds it. */
        g_string_append (out, _("Free"));
      break;
    case WEFT_OBJECT_SEMAPHORE:
    case WEFT_OBJECT_BOUNDED_SEMAPHORE:
      {
        gint32 value = span != NULL ? span->value : initial;

        g_string_append_c (out, '\n');
        if (value <= initial)
          g_string_append_printf (out, _("%d/%d free"), value, initial);
        else
          g_string_append_printf (out, _("%d free"), value);
        if (holders->len > 0)
          {
            g_string_append_c (out, '\n');
            g_string_append_printf (out, _("Held by: %s"), holders->str);
          }
      }
      break;
    case WEFT_OBJECT_QUEUE:
      {
        gint32 length = span != NULL ? span->value : 0;

        g_string_append_c (out, '\n');
        /* Translators: in a queue's tooltip, how many items it holds. */
        g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%d item", "%d items", (gulong) ABS (length)),
                                length);
      }
      break;
    case WEFT_OBJECT_SHARED:
      g_string_append_c (out, '\n');
      /* Translators: in a shared variable's tooltip, its value, "Value: 2000". */
      g_string_append_printf (out, _("Value: %d"), span != NULL ? span->value : initial);
      if (span != NULL && (span->flags & WEFT_SPAN_STALE_WRITE))
        {
          g_string_append_c (out, '\n');
          g_string_append (out, _("lost update"));
        }
      break;
    case WEFT_OBJECT_CONDITION:
    case WEFT_OBJECT_FLAG:
    case WEFT_OBJECT_BARRIER:
    case WEFT_N_OBJECT_KINDS:
    default:
      break;
    }

  g_string_append_c (out, '\n');
  if (waiters->len > 0)
    /* Translators: in a resource's tooltip, the threads blocked or waiting on it,
     * "Waiting: Aristotle, Marx". */
    g_string_append_printf (out, _("Waiting: %s"), waiters->str);
  else
    /* Translators: in a resource's tooltip, when no thread waits for it. */
    g_string_append (out, _("Nobody waiting"));

  return g_string_free (out, FALSE);
}

/* The actors (or items) of a span's list, "Kant, Marx…". */
static void
append_list (GString                *out,
             WeftModel              *model,
             const WeftResourceSpan *span,
             gboolean                actors)
{
  const gint32 *list = weft_model_get_span_list (model, span);

  for (guint i = 0; i < span->n_list; i++)
    {
      if (i > 0)
        g_string_append (out, _(", "));
      if (!actors)
        g_string_append_printf (out, "%d", list[i]);
      else if (list[i] >= 0 && (guint) list[i] < weft_model_get_n_actors (model))
        g_string_append (out, weft_model_get_actor_name (model, list[i]));
      else
        g_string_append (out, "?");
    }
  if (span->flags & WEFT_SPAN_LIST_CUT)
    g_string_append (out, "…");
}

char *
weft_describe_resource_span (WeftModel              *model,
                             guint                   object,
                             const WeftResourceSpan *span)
{
  const char *owner = NULL;
  WeftObjectKind kind;
  GString *what;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (object < weft_model_get_n_objects (model), NULL);
  g_return_val_if_fail (span != NULL, NULL);

  kind = weft_model_get_object_kind (model, object);
  if (span->owner < weft_model_get_n_actors (model))
    owner = weft_model_get_actor_name (model, span->owner);
  what = g_string_new (NULL);

  switch (kind)
    {
    case WEFT_OBJECT_LOCK:
    case WEFT_OBJECT_RLOCK:
      if (span->value == 0)
        /* Translators: a lock nobody holds. */
        g_string_append (what, C_("lock", "free"));
      else if (span->value > 1)
        /* Translators: a reentrant lock taken several times by one thread,
         * "held by Kant (2 times)". */
        g_string_append_printf (what, _("held by %s (%d times)"), owner != NULL ? owner : "?", span->value);
      else
        /* Translators: a lock and who holds it, "held by Kant". */
        g_string_append_printf (what, _("held by %s"), owner != NULL ? owner : "?");
      break;
    case WEFT_OBJECT_SEMAPHORE:
    case WEFT_OBJECT_BOUNDED_SEMAPHORE:
      {
        gint32 initial = weft_model_get_object_initial (model, object);

        if (span->value <= initial)
          /* Translators: a semaphore's units left out of its initial count, "2/3 free". */
          g_string_append_printf (what, _("%d/%d free"), span->value, initial);
        else
          /* Translators: a semaphore released more often than acquired. */
          g_string_append_printf (what, _("%d free"), span->value);
        if (span->n_list > 0)
          {
            /* Translators: after a semaphore's count: who holds its units, "held by A, B". */
            g_string_append (what, _(", held by "));
            append_list (what, model, span, TRUE);
          }
      }
      break;
    case WEFT_OBJECT_QUEUE:
      g_string_append_printf (what, g_dngettext (GETTEXT_PACKAGE, "%d item", "%d items", span->value),
                              span->value);
      if (span->n_list > 0)
        {
          /* Translators: between a queue's length and its items, "3 items: 5, 7, 9". */
          g_string_append (what, _(": "));
          append_list (what, model, span, FALSE);
        }
      break;
    case WEFT_OBJECT_SHARED:
      if (owner != NULL)
        /* Translators: a shared variable's value and who wrote it, "7000, written by Depositor". */
        g_string_append_printf (what, _("%d, written by %s"), span->value, owner);
      else
        g_string_append_printf (what, "%d", span->value);
      if (span->flags & WEFT_SPAN_STALE_WRITE)
        /* Translators: after a shared variable's value: this write overwrote a newer one. */
        g_string_append (what, _(" (lost update)"));
      break;
    case WEFT_OBJECT_CONDITION:
    case WEFT_OBJECT_FLAG:
    case WEFT_OBJECT_BARRIER:
    case WEFT_N_OBJECT_KINDS:
    default:
      /* Nothing held: what it is. */
      g_string_append (what, object_kind_label (kind));
      break;
    }

  if (span->n_waiting > 0)
    {
      g_string_append (what, _(", "));
      /* Translators: how many threads wait for a resource, "2 waiting". */
      g_string_append_printf (what, g_dngettext (GETTEXT_PACKAGE, "%u waiting", "%u waiting",
                                                 span->n_waiting),
                              (guint) span->n_waiting);
    }

  return g_string_free (what, FALSE);
}

char *
weft_describe_resource_at (WeftModel *model,
                           guint      object,
                           guint64    time_ns)
{
  const char *name;
  gssize k;
  guint n;
  g_autofree char *what = NULL;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (object < weft_model_get_n_objects (model), NULL);

  name = weft_model_get_object_name (model, object);
  k = weft_model_find_resource_span (model, object, time_ns);
  if (k < 0)
    /* Translators: a tooltip before a resource was first used; %s is its name. */
    return g_strdup_printf (_("%s — unused"), name);
  what = weft_describe_resource_span (model, object, &weft_model_get_resource_spans (model, object, &n)[k]);
  /* Translators: a resource and its state, "fork 2 — held by Kant". */
  return g_strdup_printf (_("%s — %s"), name, what);
}

/* The deadlock cycle ------------------------------------------------------------------- */

/* One link of a cycle: a thread and what it waits on (NULL: not known). */
typedef struct
{
  const char *actor;
  const char *object;
} Link;

static void
append_link (GString    *text,
             const Link *link)
{
  g_string_append_printf (text, "%s → ", link->actor);
  if (link->object != NULL)
    g_string_append_printf (text, "%s → ", link->object);
}

/* The one wording of a cycle: "Kant → fork 2 → … → Kant"; @shortened set when it was. */
static char *
cycle_words (const Link *links,
             guint       n,
             guint       max_threads_shown,
             gboolean   *shortened)
{
  GString *text = g_string_new (NULL);
  guint head = n;

  if (max_threads_shown > 0 && n > max_threads_shown)
    head = max_threads_shown / 2 > 1 ? max_threads_shown / 2 - 1 : 1;
  /* Naming all but one is no shorter. */
  if (head + 1 >= n)
    head = n;
  *shortened = head < n;

  for (guint k = 0; k < head; k++)
    append_link (text, &links[k]);
  if (head < n)
    {
      g_string_append (text, "… → ");
      append_link (text, &links[n - 1]);
    }
  g_string_append (text, links[0].actor);
  return g_string_free (text, FALSE);
}

/* "Deadlock: …", with the number of threads when shortened; NULL @links: no cycle. */
static char *
deadlock_words (const Link *links,
                guint       n,
                guint       max_threads_shown)
{
  g_autofree char *cycle = NULL;
  gboolean shortened;

  if (n == 0)
    /* Translators: a deadlock where every thread waits, with no cycle of locks. */
    return g_strdup (_("Deadlock: every thread is waiting"));

  cycle = cycle_words (links, n, max_threads_shown, &shortened);
  if (shortened)
    /* Translators: the deadlock caption when the cycle is long; %s is the cycle,
     * shortened, and %u the number of threads in it. */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Deadlock: %s (%u thread)",
                                         "Deadlock: %s (%u threads)", n), cycle, n);
  /* Translators: the deadlock caption; %s is the cycle, e.g.
   * "Kant → fork 2 → Aristotle → fork 3 → … → Kant". */
  return g_strdup_printf (_("Deadlock: %s"), cycle);
}

/* The model's cycle as links; FALSE when there is no deadlock. */
static gboolean
model_links (WeftModel *model,
             Link     **links,
             guint     *n)
{
  const WeftModelEdge *cycle = NULL;
  guint64 time_ns;
  guint n_edges = 0, k = 0;

  *links = NULL;
  *n = 0;
  if (!weft_model_get_deadlock (model, &time_ns, &cycle, &n_edges))
    return FALSE;
  *links = g_new0 (Link, MAX (n_edges, 1u));
  for (guint e = 0; e < n_edges; e++)
    {
      if (cycle[e].actor >= weft_model_get_n_actors (model))
        continue;
      (*links)[k].actor = weft_model_get_actor_name (model, cycle[e].actor);
      if (cycle[e].object < weft_model_get_n_objects (model))
        (*links)[k].object = weft_model_get_object_name (model, cycle[e].object);
      k++;
    }
  *n = k;
  return TRUE;
}

/* The run's reported cycle as links; FALSE when the run has not deadlocked. */
static gboolean
run_links (WeftRun *run,
           Link   **links,
           guint   *n)
{
  g_autoptr(GArray) cycle = NULL;

  *links = NULL;
  *n = 0;
  if (weft_run_get_outcome (run) != WEFT_OUTCOME_DEADLOCK)
    return FALSE;
  cycle = weft_run_dup_deadlock_cycle (run);
  *links = g_new0 (Link, MAX (cycle != NULL ? cycle->len : 0, 1u));
  for (guint e = 0; cycle != NULL && e < cycle->len; e++)
    {
      const WeftCycleEdge *edge = &g_array_index (cycle, WeftCycleEdge, e);

      if (edge->actor == NULL)
        continue;
      (*links)[*n].actor = weft_actor_get_name (edge->actor);
      (*links)[*n].object = edge->waits_on != NULL ? weft_object_get_name (edge->waits_on) : NULL;
      (*n)++;
    }
  return TRUE;
}

char *
weft_describe_cycle (WeftModel *model,
                     guint      max_threads_shown)
{
  g_autofree Link *links = NULL;
  guint n;
  gboolean shortened;

  g_return_val_if_fail (model != NULL, NULL);

  if (!model_links (model, &links, &n) || n == 0)
    return NULL;
  return cycle_words (links, n, max_threads_shown, &shortened);
}

char *
weft_describe_deadlock (WeftModel *model,
                        guint      max_threads_shown)
{
  g_autofree Link *links = NULL;
  guint n;

  g_return_val_if_fail (model != NULL, NULL);

  if (!model_links (model, &links, &n))
    return NULL;
  return deadlock_words (links, n, max_threads_shown);
}

char *
weft_describe_run_cycle (WeftRun *run,
                         guint    max_threads_shown)
{
  g_autofree Link *links = NULL;
  guint n;
  gboolean shortened;

  g_return_val_if_fail (run != NULL, NULL);

  if (!run_links (run, &links, &n) || n == 0)
    return NULL;
  return cycle_words (links, n, max_threads_shown, &shortened);
}

char *
weft_describe_run_deadlock (WeftRun *run,
                            guint    max_threads_shown)
{
  g_autofree Link *links = NULL;
  guint n;

  g_return_val_if_fail (run != NULL, NULL);

  if (!run_links (run, &links, &n))
    return NULL;
  return deadlock_words (links, n, max_threads_shown);
}
