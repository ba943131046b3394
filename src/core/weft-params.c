/* weft-params.c — scenario parameters: values checked against their declaration, with
 * messages that name what was wrong and what is allowed.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "weft-error.h"
#include "weft-params.h"

struct _WeftParams
{
  const WeftParamSpec *specs;
  guint                n_specs;
  gint64              *values;   /* INT: the value; CHOICE: index into choices */
};

WeftParams *
weft_params_new (const WeftParamSpec *specs,
                 guint                n_specs)
{
  WeftParams *self = g_new0 (WeftParams, 1);

  self->specs = specs;
  self->n_specs = n_specs;
  self->values = g_new0 (gint64, MAX (n_specs, 1));
  for (guint i = 0; i < n_specs; i++)
    self->values[i] = specs[i].default_value;

  return self;
}

WeftParams *
weft_params_copy (const WeftParams *self)
{
  WeftParams *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = weft_params_new (self->specs, self->n_specs);
  memcpy (copy->values, self->values, self->n_specs * sizeof *self->values);
  return copy;
}

void
weft_params_free (WeftParams *self)
{
  if (self == NULL)
    return;

  g_free (self->values);
  g_free (self);
}

static int
find_spec (const WeftParams *self,
           const char       *name)
{
  for (guint i = 0; i < self->n_specs; i++)
    if (g_str_equal (self->specs[i].name, name))
      return (int) i;
  return -1;
}

static char *
list_names (const WeftParams *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  for (guint i = 0; i < self->n_specs; i++)
    g_strv_builder_add (builder, self->specs[i].name);
  names = g_strv_builder_end (builder);

  return g_strjoinv (", ", names);
}

char *
weft_param_spec_describe_allowed (const WeftParamSpec *spec)
{
  g_return_val_if_fail (spec != NULL, NULL);

  if (spec->type == WEFT_PARAM_CHOICE)
    {
      g_autofree char *choices = g_strjoinv (", ", (char **) spec->choices);
      /* Translators: the allowed values of a parameter, e.g. "one of naive, ordered". */
      return g_strdup_printf (_("one of %s"), choices);
    }

  /* Translators: the allowed range of a whole-number parameter,
   * e.g. "a whole number from 2 to 1000". */
  return g_strdup_printf (_("a whole number from %lld to %lld"),
                          (long long) spec->min, (long long) spec->max);
}

gboolean
weft_params_set (WeftParams  *self,
                 const char  *name,
                 const char  *value,
                 GError     **error)
{
  const WeftParamSpec *spec;
  g_autofree char *allowed = NULL;
  g_autofree char *stripped_name = NULL;
  g_autofree char *stripped_value = NULL;
  int index;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL && value != NULL, FALSE);

  /* Blanks around a name or a value mean nothing, wherever they are: "count=5 " is
   * "count= 5" is "count=5" (strtoll skipped the leading ones only). */
  name = stripped_name = g_strstrip (g_strdup (name));
  value = stripped_value = g_strstrip (g_strdup (value));

  index = find_spec (self, name);
  if (index < 0)
    {
      g_autofree char *names = list_names (self);

      g_set_error (error, WEFT_ERROR, WEFT_ERROR_UNKNOWN_PARAMETER,
                   _("Unknown parameter “%s”; the parameters are: %s"), name, names);
      return FALSE;
    }

  spec = &self->specs[index];
  allowed = weft_param_spec_describe_allowed (spec);

  if (spec->type == WEFT_PARAM_CHOICE)
    {
      for (guint i = 0; spec->choices[i] != NULL; i++)
        {
          if (g_str_equal (spec->choices[i], value))
            {
              self->values[index] = i;
              return TRUE;
            }
        }

      g_set_error (error, WEFT_ERROR, WEFT_ERROR_INVALID_VALUE,
                   _("Invalid value “%s” for %s: allowed is %s"), value, name, allowed);
      return FALSE;
    }
  else
    {
      char *end = NULL;
      gint64 number;

      errno = 0;
      number = g_ascii_strtoll (value, &end, 10);
      if (*value == '\0' || end == NULL || *end != '\0' || errno == EINVAL)
        {
          g_set_error (error, WEFT_ERROR, WEFT_ERROR_INVALID_VALUE,
                       _("Invalid value “%s” for %s: it must be %s"), value, name, allowed);
          return FALSE;
        }

      if (errno == ERANGE || number < spec->min || number > spec->max)
        {
          g_set_error (error, WEFT_ERROR, WEFT_ERROR_OUT_OF_RANGE,
                       _("Value %s for %s is out of range: it must be %s"), value, name, allowed);
          return FALSE;
        }

      self->values[index] = number;
      return TRUE;
    }
}

gboolean
weft_params_parse (WeftParams  *self,
                   const char  *assignment,
                   GError     **error)
{
  g_autofree char *name = NULL;
  const char *eq;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (assignment != NULL, FALSE);

  eq = strchr (assignment, '=');
  if (eq == NULL || eq == assignment)
    {
      g_set_error (error, WEFT_ERROR, WEFT_ERROR_INVALID_VALUE,
                   _("“%s” is not of the form KEY=VALUE (for example count=5)"), assignment);
      return FALSE;
    }

  name = g_strndup (assignment, (gsize) (eq - assignment));
  return weft_params_set (self, name, eq + 1, error);
}

gint64
weft_params_get_int (const WeftParams *self,
                     const char       *name)
{
  int index;

  g_return_val_if_fail (self != NULL, 0);

  index = find_spec (self, name);
  g_return_val_if_fail (index >= 0, 0);
  g_return_val_if_fail (self->specs[index].type == WEFT_PARAM_INT, 0);

  return self->values[index];
}

const char *
weft_params_get_choice (const WeftParams *self,
                        const char       *name)
{
  int index;

  g_return_val_if_fail (self != NULL, NULL);

  index = find_spec (self, name);
  g_return_val_if_fail (index >= 0, NULL);
  g_return_val_if_fail (self->specs[index].type == WEFT_PARAM_CHOICE, NULL);

  return self->specs[index].choices[self->values[index]];
}

guint
weft_params_get_choice_index (const WeftParams *self,
                              const char       *name)
{
  int index;

  g_return_val_if_fail (self != NULL, 0);

  index = find_spec (self, name);
  g_return_val_if_fail (index >= 0, 0);
  g_return_val_if_fail (self->specs[index].type == WEFT_PARAM_CHOICE, 0);

  return (guint) self->values[index];
}

char *
weft_params_dup_string (const WeftParams *self,
                        const char       *name)
{
  int index;

  g_return_val_if_fail (self != NULL, NULL);

  index = find_spec (self, name);
  g_return_val_if_fail (index >= 0, NULL);

  if (self->specs[index].type == WEFT_PARAM_CHOICE)
    return g_strdup (self->specs[index].choices[self->values[index]]);
  return g_strdup_printf ("%" G_GINT64_FORMAT, self->values[index]);
}

guint
weft_params_get_n_specs (const WeftParams *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_specs;
}

const WeftParamSpec *
weft_params_get_spec (const WeftParams *self,
                      guint             index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_specs, NULL);
  return &self->specs[index];
}
