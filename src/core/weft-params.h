/* weft-params.h — typed scenario parameters: their declaration (name, type, default,
 * range or choices) and a set of values parsed from "KEY=VALUE" with clear errors.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  WEFT_PARAM_INT,
  WEFT_PARAM_CHOICE,
} WeftParamType;

typedef struct
{
  const char         *name;
  WeftParamType       type;
  const char         *summary;      /* N_(): translated when shown */
  gint64              min;          /* INT */
  gint64              max;          /* INT */
  gint64              default_value; /* INT: the value; CHOICE: index into choices */
  const char * const *choices;      /* CHOICE: NULL-terminated ids */
  const char * const *choice_labels; /* CHOICE: N_() names the window shows, one per id */
  const char         *label;        /* CHOICE: N_() short title of the window's drop-down */
} WeftParamSpec;

typedef struct _WeftParams WeftParams;

WeftParams          *weft_params_new         (const WeftParamSpec *specs,
                                              guint                n_specs);
/* The same declaration and values. */
WeftParams          *weft_params_copy        (const WeftParams    *self);
void                 weft_params_free        (WeftParams          *self);
gboolean             weft_params_parse       (WeftParams          *self,
                                              const char          *assignment,
                                              GError             **error);
gboolean             weft_params_set         (WeftParams          *self,
                                              const char          *name,
                                              const char          *value,
                                              GError             **error);
gint64               weft_params_get_int     (const WeftParams    *self,
                                              const char          *name);
const char          *weft_params_get_choice  (const WeftParams    *self,
                                              const char          *name);
guint                weft_params_get_choice_index (const WeftParams *self,
                                                   const char       *name);
char                *weft_params_dup_string  (const WeftParams    *self,
                                              const char          *name);
guint                weft_params_get_n_specs (const WeftParams    *self);
const WeftParamSpec *weft_params_get_spec    (const WeftParams    *self,
                                              guint                index);
char                *weft_param_spec_describe_allowed (const WeftParamSpec *spec);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftParams, weft_params_free)

G_END_DECLS
