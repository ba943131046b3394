/* weft-error.h — the error domain for failures a user can hit.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WEFT_ERROR (weft_error_quark ())

typedef enum
{
  WEFT_ERROR_UNKNOWN_SCENARIO,
  WEFT_ERROR_UNKNOWN_PARAMETER,
  WEFT_ERROR_INVALID_VALUE,   /* wrong type, or not one of the allowed choices */
  WEFT_ERROR_OUT_OF_RANGE,
  WEFT_ERROR_BAD_STATE,       /* e.g. step while running, start twice */
  WEFT_ERROR_NOTHING_TO_STEP, /* no actor is parked */
  WEFT_ERROR_THREAD,          /* the system refused to create a thread */
  WEFT_ERROR_NOT_SUPPORTED,
  WEFT_ERROR_DIVERGED,        /* a replay's schedule names a thread that cannot move */
  WEFT_ERROR_BAD_FILE,        /* a .weft file that is not a run this Weft can replay */
} WeftError;

GQuark weft_error_quark (void);

G_END_DECLS
