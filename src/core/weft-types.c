/* weft-types.c — names of the enumerations. The *_to_string() names are stable ids (used
 * in JSON and on the command line) and also msgids: translate them with _() when shown.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "weft-types.h"

static const char * const state_names[WEFT_N_STATES] = {
  [WEFT_STATE_NEW] = N_("new"),
  [WEFT_STATE_RUNNING] = N_("running"),
  [WEFT_STATE_SLEEPING] = N_("sleeping"),
  [WEFT_STATE_BLOCKED] = N_("blocked"),
  [WEFT_STATE_WAITING] = N_("waiting"),
  [WEFT_STATE_PARKED] = N_("parked"),
  [WEFT_STATE_DONE] = N_("done"),
};

static const char * const op_names[WEFT_N_OPS] = {
  [WEFT_OP_NONE] = "none",
  [WEFT_OP_START] = "start",
  [WEFT_OP_SLEEP] = "sleep",
  [WEFT_OP_ACQUIRE] = "acquire",
  [WEFT_OP_TRY_ACQUIRE] = "try-acquire",
  [WEFT_OP_RELEASE] = "release",
  [WEFT_OP_WAIT] = "wait",
  [WEFT_OP_REACQUIRE] = "reacquire",
  [WEFT_OP_NOTIFY] = "notify",
  [WEFT_OP_NOTIFY_ALL] = "notify-all",
  [WEFT_OP_SET] = "set",
  [WEFT_OP_CLEAR] = "clear",
  [WEFT_OP_PUT] = "put",
  [WEFT_OP_GET] = "get",
  [WEFT_OP_READ] = "read",
  [WEFT_OP_WRITE] = "write",
};

const char *
weft_state_to_string (WeftState state)
{
  g_return_val_if_fail (state < WEFT_N_STATES, NULL);
  return state_names[state];
}

const char *
weft_op_to_string (WeftOp op)
{
  g_return_val_if_fail (op < WEFT_N_OPS, NULL);
  return op_names[op];
}

const char *
weft_mode_to_string (WeftMode mode)
{
  return mode == WEFT_MODE_STEP ? "step" : "run";
}

const char *
weft_policy_to_string (WeftPolicy policy)
{
  return policy == WEFT_POLICY_RANDOM ? "random" : "round-robin";
}

const char *
weft_outcome_to_string (WeftOutcome outcome)
{
  switch (outcome)
    {
    case WEFT_OUTCOME_COMPLETED:
      return "completed";
    case WEFT_OUTCOME_DEADLOCK:
      return "deadlock";
    case WEFT_OUTCOME_STOPPED:
      return "stopped";
    case WEFT_OUTCOME_NONE:
    default:
      return "running";
    }
}

gboolean
weft_mode_from_string (const char *str,
                       WeftMode   *mode)
{
  if (g_strcmp0 (str, "run") == 0)
    *mode = WEFT_MODE_RUN;
  else if (g_strcmp0 (str, "step") == 0)
    *mode = WEFT_MODE_STEP;
  else
    return FALSE;
  return TRUE;
}

gboolean
weft_policy_from_string (const char *str,
                         WeftPolicy *policy)
{
  if (g_strcmp0 (str, "round-robin") == 0)
    *policy = WEFT_POLICY_ROUND_ROBIN;
  else if (g_strcmp0 (str, "random") == 0)
    *policy = WEFT_POLICY_RANDOM;
  else
    return FALSE;
  return TRUE;
}
