/* weft-scene-words.c — the scene in words, for tooltips and screen readers: what a thread
 * does, how many threads are in each state, what a resource is and who holds and wants it,
 * and the short form a resource's name takes in a box too small for the whole name.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "weft-render.h"

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
  label = weft_state_get_label (state);
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
                              weft_state_get_label ((WeftState) s));
    }

  {
    g_autofree char *items = g_string_free (list, FALSE);

    /* Translators: a summary of the threads' states, "5 threads: 2 running, 3 blocked". */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u thread: %s", "%u threads: %s",
                                         n_actors),
                            n_actors, items);
  }
}

/* Short names ---------------------------------------------------------------------------- */

char *
weft_scene_short_name (const char *name)
{
  const char *end, *digits;
  g_autofree char *initial = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  /* The model knows a resource by its translated name only ("fork 2", "fourchette 2"):
   * its first letter and its number tell the forks of a table apart in any language. */
  end = name + strlen (name);
  digits = end;
  while (digits > name && g_ascii_isdigit (digits[-1]))
    digits--;
  if (digits == end || digits == name)
    return g_strdup (name);
  initial = g_utf8_substring (name, 0, 1);
  /* Translators: the short form of a resource's name, drawn in its box when the whole
   * name does not fit: %1$s is the name's first letter, %2$s its number ("fork 2" →
   * "f2"). Add a separator or swap them if your language needs it. */
  return g_strdup_printf (C_("short name", "%1$s%2$s"), initial, digits);
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

/* Appends @name to the list @out, after a separator if it is not empty. */
static void
append_item (GString    *out,
             const char *name)
{
  if (out->len > 0)
    g_string_append (out, _(", "));
  g_string_append (out, name);
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
