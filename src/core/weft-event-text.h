/* weft-event-text.h — the sentence for a trace event ("Kant has acquired fork 1"),
 * translated, made when shown and never stored.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "weft-run.h"

G_BEGIN_DECLS

char     *weft_event_describe  (WeftRun         *run,
                                const WeftEvent *event);

/* Whether the log (weft-cli --log, the window's event log) shows @event. A thread's
 * return to plain running and a queue's new length are left out: the operation events
 * around them already say it, and they would double the log. Takes the run's monitor
 * briefly for a running state with an activity, so call it from the controlling thread,
 * never from an actor. */
gboolean  weft_event_is_logged (WeftRun         *run,
                                const WeftEvent *event);

/* A pending operation on the object named @name, translated ("acquire fork 2", "put 7
 * into list"); @value is the item or value involved, or WEFT_OP_NO_VALUE. */
#define WEFT_OP_NO_VALUE G_MININT32

char *weft_op_describe_named (WeftOp           op,
                              const char      *name,
                              gint32           value);

/* What a thread parked before @op on the object named @name will do next, in plain words,
 * translated ("take fork 2", "read balance"): the generic words when the scenario has no
 * story words of its own (weft_run_describe_next()). A thread's start and its pauses are
 * told as what they are in the story ("begin", "finish its pause"), never as gates. */
char *weft_op_describe_next  (WeftOp           op,
                              const char      *name);

/* What @actor, parked before @op on the object of index @object (WEFT_NONE: none), will
 * do next in the story's words, translated: the scenario's describe_next ("take the left
 * fork", "sell a ticket"), else weft_op_describe_next(). Never NULL. */
char *weft_run_describe_next (WeftRun         *run,
                              guint            actor,
                              WeftOp           op,
                              guint            object);

G_END_DECLS
