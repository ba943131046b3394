/* weft-event-text.c — sentences for trace events and pending operations, made on demand
 * and translated ("Kant has acquired fork 1").
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "weft-event-text.h"
#include "weft-run-private.h"
#include "weft-scenario.h"

#define NO_VALUE WEFT_OP_NO_VALUE

char *
weft_op_describe_named (WeftOp      op,
                        const char *name,
                        gint32      value)
{
  switch (op)
    {
    case WEFT_OP_START:
      /* Translators: a thread parked before its first line (a paused run). */
      return g_strdup (_("begin"));
    case WEFT_OP_SLEEP:
      /* Translators: a thread parked in the middle of a pause (thinking, eating…),
       * which a step ends at once. */
      if (value == NO_VALUE)
        return g_strdup (_("finish its pause"));
      /* Translators: as "finish its pause", with what is left of it, e.g. "300 ms". */
      return g_strdup_printf (_("finish its pause (%d ms left)"), value);
    case WEFT_OP_ACQUIRE:
      /* Translators: a pending operation, e.g. "acquire fork 2". */
      return g_strdup_printf (_("acquire %s"), name);
    case WEFT_OP_TRY_ACQUIRE:
      return g_strdup_printf (_("try to acquire %s"), name);
    case WEFT_OP_RELEASE:
      return g_strdup_printf (_("release %s"), name);
    case WEFT_OP_WAIT:
      return g_strdup_printf (_("wait on %s"), name);
    case WEFT_OP_REACQUIRE:
      return g_strdup_printf (_("take %s back"), name);
    case WEFT_OP_NOTIFY:
      return g_strdup_printf (_("notify %s"), name);
    case WEFT_OP_NOTIFY_ALL:
      return g_strdup_printf (_("notify all on %s"), name);
    case WEFT_OP_SET:
      return g_strdup_printf (_("set %s"), name);
    case WEFT_OP_CLEAR:
      return g_strdup_printf (_("clear %s"), name);
    case WEFT_OP_PUT:
      if (value == NO_VALUE)
        return g_strdup_printf (_("put into %s"), name);
      return g_strdup_printf (_("put %d into %s"), value, name);
    case WEFT_OP_GET:
      return g_strdup_printf (_("get from %s"), name);
    case WEFT_OP_READ:
      return g_strdup_printf (_("read %s"), name);
    case WEFT_OP_WRITE:
      if (value == NO_VALUE)
        return g_strdup_printf (_("write %s"), name);
      return g_strdup_printf (_("write %d to %s"), value, name);
    case WEFT_OP_NONE:
    case WEFT_N_OPS:
    default:
      return g_strdup (_("nothing"));
    }
}

char *
weft_op_describe_next (WeftOp      op,
                       const char *name)
{
  switch (op)
    {
    case WEFT_OP_ACQUIRE:
      /* Translators: what a parked thread will do next, e.g. "take fork 2". */
      return g_strdup_printf (_("take %s"), name);
    case WEFT_OP_TRY_ACQUIRE:
      /* Translators: what a parked thread will do next, e.g. "try to take fork 2". */
      return g_strdup_printf (_("try to take %s"), name);
    case WEFT_OP_NONE:
    case WEFT_OP_START:
    case WEFT_OP_SLEEP:
    case WEFT_OP_RELEASE:
    case WEFT_OP_WAIT:
    case WEFT_OP_REACQUIRE:
    case WEFT_OP_NOTIFY:
    case WEFT_OP_NOTIFY_ALL:
    case WEFT_OP_SET:
    case WEFT_OP_CLEAR:
    case WEFT_OP_PUT:
    case WEFT_OP_GET:
    case WEFT_OP_READ:
    case WEFT_OP_WRITE:
    case WEFT_N_OPS:
    default:
      return weft_op_describe_named (op, name, NO_VALUE);
    }
}

char *
weft_run_describe_next (WeftRun *run,
                        guint    actor,
                        WeftOp   op,
                        guint    object)
{
  const WeftScenario *scenario;
  const char *name = "";

  g_return_val_if_fail (run != NULL, NULL);

  scenario = weft_run_get_scenario (run);
  if (scenario != NULL && scenario->describe_next != NULL && actor < run->actors->len)
    {
      char *text = scenario->describe_next (run, actor, op, object);

      if (text != NULL)
        return text;
    }

  if (object < run->objects->len)
    name = ((WeftObject *) g_ptr_array_index (run->objects, object))->name;
  return weft_op_describe_next (op, name);
}

static char *
describe_state (WeftRun         *run,
                const char      *actor,
                WeftObject      *object,
                const WeftEvent *event)
{
  const char *object_name = object != NULL ? object->name : "?";

  switch ((WeftState) event->aux)
    {
    case WEFT_STATE_NEW:
      return g_strdup_printf (_("%s is new"), actor);
    case WEFT_STATE_RUNNING:
      {
        const char *activity = weft_run_get_activity (run, (guint16) event->value);

        if (activity != NULL)
          /* Translators: a thread and what it does, e.g. "Kant is thinking". */
          return g_strdup_printf (_("%s is %s"), actor, _(activity));
        return g_strdup_printf (_("%s is running"), actor);
      }
    case WEFT_STATE_SLEEPING:
      {
        const char *activity = weft_run_get_activity (run, (guint16) event->value);

        if (activity != NULL)
          return g_strdup_printf (_("%s is %s"), actor, _(activity));
        /* Translators: a thread pausing with nothing else to do. */
        return g_strdup_printf (_("%s pauses"), actor);
      }
    case WEFT_STATE_BLOCKED:
      /* Translators: e.g. "Kant is blocked on fork 2". */
      return g_strdup_printf (_("%s is blocked on %s"), actor, object_name);
    case WEFT_STATE_WAITING:
      return g_strdup_printf (_("%s waits on %s"), actor, object_name);
    case WEFT_STATE_PARKED:
      {
        g_autofree char *op = weft_run_describe_next (run, event->actor, (WeftOp) event->value,
                                                      event->object);

        /* Translators: step mode; e.g. "Kant is parked before: acquire fork 2". */
        return g_strdup_printf (_("%s is parked before: %s"), actor, op);
      }
    case WEFT_STATE_DONE:
      return g_strdup_printf (_("%s has finished"), actor);
    case WEFT_N_STATES:
    default:
      return g_strdup_printf (_("%s changed state"), actor);
    }
}

static char *
describe_misuse (const char      *actor,
                 WeftObject      *object,
                 const WeftEvent *event)
{
  const char *object_name = object != NULL ? object->name : "?";

  if ((WeftOp) event->value == WEFT_OP_RELEASE && object != NULL &&
      object->kind == WEFT_OBJECT_BOUNDED_SEMAPHORE)
    return g_strdup_printf (_("Misuse: %s released %s above its initial value"), actor, object_name);
  if ((WeftOp) event->value == WEFT_OP_RELEASE)
    return g_strdup_printf (_("Misuse: %s released %s, which it does not hold"), actor, object_name);
  return g_strdup_printf (_("Misuse: %s used %s without holding its lock"), actor, object_name);
}

char *
weft_event_describe (WeftRun         *run,
                     const WeftEvent *event)
{
  const WeftScenario *scenario;
  const char *actor = "?";
  WeftObject *object = NULL;
  const char *object_name = "?";

  g_return_val_if_fail (run != NULL, NULL);
  g_return_val_if_fail (event != NULL, NULL);

  scenario = weft_run_get_scenario (run);
  if (scenario != NULL && scenario->describe_event != NULL)
    {
      char *text = scenario->describe_event (run, event);

      if (text != NULL)
        return text;
    }

  if (event->actor < run->actors->len)
    actor = ((WeftActor *) g_ptr_array_index (run->actors, event->actor))->name;
  if (event->object < run->objects->len)
    {
      object = g_ptr_array_index (run->objects, event->object);
      object_name = object->name;
    }

  switch ((WeftEventKind) event->kind)
    {
    case WEFT_EVENT_RUN_START:
      return g_strdup (event->value == WEFT_MODE_STEP ? _("The run started in step mode")
                                                      : _("The run started"));
    case WEFT_EVENT_RUN_PAUSE:
      return g_strdup (_("The run was paused"));
    case WEFT_EVENT_RUN_RESUME:
      return g_strdup (_("The run resumed"));
    case WEFT_EVENT_RUN_STOP:
      return g_strdup (_("The run was stopped"));
    case WEFT_EVENT_RUN_END:
      return g_strdup (_("Every thread has finished"));
    case WEFT_EVENT_STEP:
      {
        g_autofree char *op = weft_run_describe_next (run, event->actor, (WeftOp) event->aux,
                                                      event->object);

        /* Translators: e.g. "Step 12: Kant → take the right fork". */
        return g_strdup_printf (_("Step %d: %s → %s"), event->value, actor, op);
      }
    case WEFT_EVENT_STATE:
      return describe_state (run, actor, object, event);
    case WEFT_EVENT_ACQUIRED:
      if (object != NULL && (object->kind == WEFT_OBJECT_SEMAPHORE ||
                             object->kind == WEFT_OBJECT_BOUNDED_SEMAPHORE))
        return g_strdup_printf (_("%s has acquired %s (%d left)"), actor, object_name, event->value);
      if (event->value > 1)
        return g_strdup_printf (_("%s has acquired %s again (depth %d)"), actor, object_name, event->value);
      /* Translators: e.g. "Kant has acquired fork 1". */
      return g_strdup_printf (_("%s has acquired %s"), actor, object_name);
    case WEFT_EVENT_RELEASED:
      if (object != NULL && (object->kind == WEFT_OBJECT_SEMAPHORE ||
                             object->kind == WEFT_OBJECT_BOUNDED_SEMAPHORE))
        return g_strdup_printf (_("%s has released %s (%d available)"), actor, object_name, event->value);
      if (event->value > 0)
        return g_strdup_printf (_("%s has released %s once (depth %d)"), actor, object_name, event->value);
      return g_strdup_printf (_("%s has released %s"), actor, object_name);
    case WEFT_EVENT_TRY_FAILED:
      {
        const char *owner = "?";

        if (event->value >= 0 && (guint) event->value < run->actors->len)
          owner = ((WeftActor *) g_ptr_array_index (run->actors, event->value))->name;
        /* Translators: e.g. "Kant tried fork 2, but Aristotle holds it". */
        return g_strdup_printf (_("%s tried %s, but %s holds it"), actor, object_name, owner);
      }
    case WEFT_EVENT_COND_WAIT:
      return g_strdup_printf (_("%s releases the lock and waits on %s"), actor, object_name);
    case WEFT_EVENT_NOTIFY:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s notified %s (%d thread woken)",
                                           "%s notified %s (%d threads woken)", (gulong) event->value),
                              actor, object_name, event->value);
    case WEFT_EVENT_NOTIFY_ALL:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s notified all on %s (%d thread woken)",
                                           "%s notified all on %s (%d threads woken)", (gulong) event->value),
                              actor, object_name, event->value);
    case WEFT_EVENT_FLAG_SET:
      return g_strdup_printf (_("%s set %s"), actor, object_name);
    case WEFT_EVENT_FLAG_CLEAR:
      return g_strdup_printf (_("%s cleared %s"), actor, object_name);
    case WEFT_EVENT_FLAG_PASSED:
      return g_strdup_printf (_("%s went past %s"), actor, object_name);
    case WEFT_EVENT_BARRIER_ARRIVE:
      return g_strdup_printf (_("%s reached %s (%d arrived)"), actor, object_name, event->value);
    case WEFT_EVENT_BARRIER_OPEN:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s opened for %d thread",
                                           "%s opened for %d threads", (gulong) event->value),
                              object_name, event->value);
    case WEFT_EVENT_QUEUE_PUT:
      /* Translators: e.g. "Publisher put 776 into the queue". */
      return g_strdup_printf (_("%s put %d into %s"), actor, event->value, object_name);
    case WEFT_EVENT_QUEUE_GET:
      return g_strdup_printf (_("%s got %d from %s"), actor, event->value, object_name);
    case WEFT_EVENT_QUEUE_LENGTH:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s holds %d item", "%s holds %d items",
                                           (gulong) event->value),
                              object_name, event->value);
    case WEFT_EVENT_READ:
      return g_strdup_printf (_("%s read %d from %s"), actor, event->value, object_name);
    case WEFT_EVENT_WRITE:
      if (event->aux != 0)
        /* Translators: a write computed from a value another write has replaced since. */
        return g_strdup_printf (_("%s wrote %d to %s from a stale read: an update is lost"),
                                actor, event->value, object_name);
      return g_strdup_printf (_("%s wrote %d to %s"), actor, event->value, object_name);
    case WEFT_EVENT_MISUSE:
      return describe_misuse (actor, object, event);
    case WEFT_EVENT_DEADLOCK:
      if (event->value == 1)
        return g_strdup (_("Deadlock: a thread waits for a lock it holds itself"));
      if (event->value > 1)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Deadlock: %d thread waits in a cycle",
                                             "Deadlock: %d threads wait for each other in a cycle",
                                             (gulong) event->value),
                                event->value);
      return g_strdup (_("Deadlock: every thread is waiting and none is left to wake them"));
    case WEFT_EVENT_CYCLE_EDGE:
      /* Translators: one link of a deadlock, e.g. "Kant waits for fork 2". */
      return g_strdup_printf (_("%s waits for %s"), actor, object_name);
    case WEFT_EVENT_MARK:
      if (event->aux == WEFT_MARK_PLANNED_WRITE && object_name != NULL)
        /* Translators: a thread computed what it will write to a shared variable,
         * "Depositor will write 7000 to balance". */
        return g_strdup_printf (_("%s will write %d to %s"), actor, event->value, object_name);
      return g_strdup_printf (_("%s: mark %d (%d)"), actor, event->aux, event->value);
    case WEFT_EVENT_CAUSE:
      /* Never shown to a user (weft_event_is_logged() leaves it out: a cause is drawn as
       * an arrow), so not translated: words for a debugger. */
      return g_strdup_printf ("cause %u of %s on %s: event -%d", event->aux, actor, object_name,
                              event->value);
    case WEFT_N_EVENT_KINDS:
    default:
      return g_strdup_printf (_("Unknown event %d"), event->kind);
    }
}

gboolean
weft_event_is_logged (WeftRun         *run,
                      const WeftEvent *event)
{
  g_return_val_if_fail (run != NULL, FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  /* A cause is shown by the arrow it makes, not as a line of its own. */
  if (event->kind == WEFT_EVENT_QUEUE_LENGTH || event->kind == WEFT_EVENT_CAUSE)
    return FALSE;
  /* Activity 0 is "none": checked first, so that the common case skips the monitor. */
  if (event->kind == WEFT_EVENT_STATE && event->aux == WEFT_STATE_RUNNING)
    return (guint16) event->value != 0 &&
           weft_run_get_activity (run, (guint16) event->value) != NULL;

  return TRUE;
}
