/* weft-model-next.c — what a parked thread will do next, in the story's words ("take the
 * left fork", "read the balance"): asked of the scenario once per thread, operation and
 * object while syncing from a run, kept for the views and exports, which never see the
 * run. A model made without a run (tests, files) says it in generic words ("take fork 2").
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "weft-model-private.h"

static gint64
next_key (guint   actor,
          WeftOp  op,
          guint16 object)
{
  return ((gint64) actor << 32) | ((gint64) op << 16) | object;
}

void
weft_model_set_next_words (WeftModel  *self,
                           guint       actor,
                           WeftOp      op,
                           guint16     object,
                           const char *words)
{
  gint64 key;

  g_return_if_fail (self != NULL);
  g_return_if_fail (words != NULL);

  key = next_key (actor, op, object);
  g_hash_table_replace (self->next_words, g_memdup2 (&key, sizeof key), g_strdup (words));
}

void
weft_model_sync_next_words (WeftModel       *self,
                            WeftRun         *run,
                            const WeftEvent *event)
{
  gint64 key = next_key (event->actor, (WeftOp) event->value, event->object);
  g_autofree char *words = NULL;

  if (event->value <= WEFT_OP_NONE || event->value >= WEFT_N_OPS ||
      g_hash_table_contains (self->next_words, &key))
    return;

  words = weft_run_describe_next (run, event->actor, (WeftOp) event->value, event->object);
  weft_model_set_next_words (self, event->actor, (WeftOp) event->value, event->object, words);
}

char *
weft_model_describe_next (WeftModel *self,
                          guint      actor,
                          WeftOp     op,
                          guint16    object)
{
  gint64 key;
  const char *words;

  g_return_val_if_fail (self != NULL, NULL);

  key = next_key (actor, op, object);
  words = g_hash_table_lookup (self->next_words, &key);
  if (words != NULL)
    return g_strdup (words);

  return weft_op_describe_next (op < WEFT_N_OPS ? op : WEFT_OP_NONE,
                                object < weft_model_get_n_objects (self)
                                ? weft_model_get_object_name (self, object) : "");
}
