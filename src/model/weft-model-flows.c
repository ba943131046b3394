/* weft-model-flows.c — the arrows between thread lanes: hand-offs, wakes, items and room.
 *
 * Causes are recorded, not guessed: the runtime follows each effect (an acquire after a
 * block, a woken waiter, a get, a put after waiting for room) with a CAUSE event naming
 * the event that caused it by its distance back in the trace (weft-types.h). A flow is
 * made from a CAUSE only, from the actor and time of the event it names to the actor and
 * time of its effect. The model remembers, per object, just the events a CAUSE can name:
 * the last that freed it, the last that woke its waiters, the puts whose items are still
 * in a queue. A CAUSE naming an event the model no longer has (dropped by the trace's
 * memory cap) makes no flow.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "weft-model-private.h"

static void
add_flow (WeftModel      *self,
          WeftFlowKind    kind,
          const Source   *cause,
          guint16         to_actor,
          guint64         to_ns,
          guint16         object)
{
  WeftFlow flow = { 0 };

  /* What a thread did for itself (its own item got back) is no arrow. */
  if (cause->actor == WEFT_NONE || cause->actor == to_actor)
    return;
  flow.kind = kind;
  flow.from_actor = cause->actor;
  flow.from_ns = cause->time_ns;
  flow.to_actor = to_actor;
  flow.to_ns = MAX (to_ns, cause->time_ns);
  flow.object = object;
  flow.cause = cause->index;
  store_append_val (self->flows, flow);
}

/* The puts not got yet come in the order of their indices (the trace's): the put a CAUSE
 * names is found by a binary search, and a queue's gets mostly take the first. The puts
 * before object->puts_head are gone (store_remove_queued()). */
static gboolean
take_put (Object  *object,
          guint64  index,
          Source  *put)
{
  const Source *puts;
  guint lo, hi;

  if (object->puts == NULL)
    return FALSE;
  puts = (const Source *) object->puts->data;
  lo = object->puts_head;
  hi = object->puts->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (puts[mid].index < index)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == object->puts->len || puts[lo].index != index)
    return FALSE;
  *put = puts[lo];
  store_remove_queued (object->puts, &object->puts_head, lo);
  return TRUE;
}

static void
on_cause (WeftModel       *self,
          Object          *object,
          guint64          index,
          const WeftEvent *event,
          guint64          effect_ns)
{
  const Source *cause = NULL;
  Source put;
  guint64 at;

  if (event->value <= 0 || (guint64) event->value > index)
    return;
  at = index - (guint64) event->value;

  switch ((WeftCauseKind) event->aux)
    {
    case WEFT_CAUSE_HANDOFF:
    case WEFT_CAUSE_ROOM:
      if (object->freed.index == at)
        cause = &object->freed;
      break;
    case WEFT_CAUSE_WAKE:
      if (object->woke.index == at)
        cause = &object->woke;
      break;
    case WEFT_CAUSE_ITEM:
      if (take_put (object, at, &put))
        cause = &put;
      break;
    case WEFT_N_CAUSES:
    default:
      break;
    }

  if (cause != NULL)
    add_flow (self, (WeftFlowKind) event->aux, cause, event->actor, effect_ns, event->object);
}

void
weft_model_flows_add_event (WeftModel       *self,
                            Object          *object,
                            guint64          index,
                            const WeftEvent *event,
                            guint64          now,
                            guint64          effect_ns)
{
  Source source = { index, now, event->actor };

  if (object == NULL)
    return;

  /* A kind added here must be added to FLOW_KINDS (weft-model-private.h). */
  switch ((WeftEventKind) event->kind)
    {
    case WEFT_EVENT_RELEASED:
    case WEFT_EVENT_QUEUE_GET:
      object->freed = source;
      break;
    case WEFT_EVENT_NOTIFY:
    case WEFT_EVENT_NOTIFY_ALL:
    case WEFT_EVENT_FLAG_SET:
    case WEFT_EVENT_BARRIER_OPEN:
      object->woke = source;
      break;
    case WEFT_EVENT_QUEUE_PUT:
      if (object->puts == NULL)
        object->puts = store_new (self->arena, sizeof (Source));
      store_append_val (object->puts, source);
      break;
    case WEFT_EVENT_CAUSE:
      on_cause (self, object, index, event, effect_ns);
      break;
    case WEFT_EVENT_RUN_START:
    case WEFT_EVENT_RUN_PAUSE:
    case WEFT_EVENT_RUN_RESUME:
    case WEFT_EVENT_RUN_STOP:
    case WEFT_EVENT_RUN_END:
    case WEFT_EVENT_STEP:
    case WEFT_EVENT_STATE:
    case WEFT_EVENT_ACQUIRED:
    case WEFT_EVENT_TRY_FAILED:
    case WEFT_EVENT_COND_WAIT:
    case WEFT_EVENT_FLAG_CLEAR:
    case WEFT_EVENT_FLAG_PASSED:
    case WEFT_EVENT_BARRIER_ARRIVE:
    case WEFT_EVENT_QUEUE_LENGTH:
    case WEFT_EVENT_READ:
    case WEFT_EVENT_WRITE:
    case WEFT_EVENT_MISUSE:
    case WEFT_EVENT_DEADLOCK:
    case WEFT_EVENT_CYCLE_EDGE:
    case WEFT_EVENT_MARK:
    case WEFT_N_EVENT_KINDS:
    default:
      break;
    }
}

/* Flows end in order: those ended before go, in whole halves, so that the moves cost
 * O(1) per flow overall. */
void
weft_model_flows_forget (WeftModel *self,
                         guint64    time_ns)
{
  guint k = 0;

  while (k < self->flows->len && store_index (self->flows, WeftFlow, k).to_ns < time_ns)
    k++;
  if (k > 0 && k >= self->flows->len / 2)
    store_remove_front (self->flows, k);
}

const WeftFlow *
weft_model_get_flows (WeftModel *self,
                      guint     *n_flows)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_flows != NULL, NULL);

  *n_flows = self->flows->len;
  return (const WeftFlow *) self->flows->data;
}

guint
weft_model_find_flow_ending (WeftModel *self,
                             guint64    time_ns)
{
  const WeftFlow *flows;
  guint lo = 0, hi;

  g_return_val_if_fail (self != NULL, 0);

  flows = (const WeftFlow *) self->flows->data;
  hi = self->flows->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (flows[mid].to_ns < time_ns)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}
