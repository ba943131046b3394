/* weft-run-file.c — a run saved as a .weft file and read back (see weft-run-file.h).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <unistd.h>

#include <errno.h>

#include <glib/gstdio.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "weft-error.h"
#include "weft-output.h"
#include "weft-run-file.h"
#include "weft-scenarios.h"

WeftRunFile *
weft_run_file_new_from_run (WeftRun            *run,
                            const WeftScenario *scenario,
                            const WeftParams   *params)
{
  WeftRunFile *self;

  g_return_val_if_fail (run != NULL, NULL);
  g_return_val_if_fail (scenario != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  self = g_new0 (WeftRunFile, 1);
  self->scenario = scenario;
  self->params = weft_params_copy (params);
  self->seed = weft_run_get_seed (run);
  self->mode = weft_run_get_mode (run);
  self->policy = weft_run_get_policy (run);
  self->outcome = weft_run_get_outcome (run);
  self->schedule = weft_run_dup_schedule (run, &self->schedule_cut);
  self->notes = g_strdup ("");
  return self;
}

void
weft_run_file_free (WeftRunFile *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->params, weft_params_free);
  g_clear_pointer (&self->schedule, g_array_unref);
  g_free (self->notes);
  g_free (self);
}

gboolean
weft_run_file_save (const WeftRunFile  *self,
                    const char         *path,
                    GError            **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;
  WeftOutput output;
  gsize length;
  int errsv = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, WEFT_RUN_FILE_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, WEFT_RUN_FILE_VERSION);
  json_builder_set_member_name (builder, "scenario");
  json_builder_add_string_value (builder, self->scenario->id);
  json_builder_set_member_name (builder, "params");
  json_builder_begin_object (builder);
  for (guint i = 0; i < weft_params_get_n_specs (self->params); i++)
    {
      const char *name = weft_params_get_spec (self->params, i)->name;
      g_autofree char *value = weft_params_dup_string (self->params, name);

      json_builder_set_member_name (builder, name);
      json_builder_add_string_value (builder, value);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "seed");
  json_builder_add_int_value (builder, (gint64) self->seed);
  json_builder_set_member_name (builder, "mode");
  json_builder_add_string_value (builder, weft_mode_to_string (self->mode));
  json_builder_set_member_name (builder, "policy");
  json_builder_add_string_value (builder, weft_policy_to_string (self->policy));
  json_builder_set_member_name (builder, "outcome");
  json_builder_add_string_value (builder, weft_outcome_to_string (self->outcome));
  json_builder_set_member_name (builder, "schedule");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->schedule->len; i++)
    json_builder_add_int_value (builder, g_array_index (self->schedule, guint16, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "schedule_cut");
  json_builder_add_boolean_value (builder, self->schedule_cut);
  json_builder_set_member_name (builder, "notes");
  json_builder_add_string_value (builder, self->notes != NULL ? self->notes : "");
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);

  if (!weft_output_open (&output, path, error))
    return FALSE;
  if (!weft_output_write (&output, data, length) || !weft_output_write (&output, "\n", 1))
    errsv = errno;
  return weft_output_close (&output, errsv, error);
}

/* A saved run is a small object holding a list: json-glib reads nested arrays and objects
 * by recursion, so a file nested thousands deep (made to crash it) is refused before it
 * is parsed; and a file bigger than any run's (4 M steps take about 28 MB) is not read. */
#define MAX_DEPTH 16
#define MAX_BYTES ((goffset) 64 * 1024 * 1024)

typedef enum
{
  SHAPE_OK,
  SHAPE_TOO_DEEP,
  SHAPE_TRAILING,   /* something after the first value: two runs back to back, say */
} Shape;

static Shape
check_shape (const char *data,
             gsize       length)
{
  gboolean in_string = FALSE;
  int depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if ((c == '[' || c == '{') && ++depth > MAX_DEPTH)
        return SHAPE_TOO_DEEP;
      else if ((c == ']' || c == '}') && --depth == 0)
        {
          for (i++; i < length; i++)
            if (!g_ascii_isspace (data[i]))
              return SHAPE_TRAILING;
          return SHAPE_OK;
        }
    }
  return SHAPE_OK;
}

/* The file's bytes, at most MAX_BYTES + 1 of them whatever it is (a device such as
 * /dev/zero never ends). */
static char *
read_at_most (const char  *path,
              gsize       *length,
              GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree char *display = g_filename_display_name (path);
  guint8 buffer[65536];
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      int errsv = errno;

      /* Translators: %s is a file, then the reason. */
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv), _("Cannot read “%s”: %s"),
                   display, g_strerror (errsv));
      return NULL;
    }
  while ((goffset) bytes->len <= MAX_BYTES)
    {
      gssize n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int errsv = errno;

          close (fd);
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv), _("Cannot read “%s”: %s"),
                       display, g_strerror (errsv));
          return NULL;
        }
      if (n == 0)
        break;
      g_byte_array_append (bytes, buffer, (guint) n);
    }
  close (fd);
  *length = bytes->len;
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
}

/* Sets @error: @path is not a run this Weft can replay, because of @reason. */
static void G_GNUC_PRINTF (3, 4)
bad_file (GError     **error,
          const char  *path,
          const char  *format,
          ...)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: "“d.weft” cannot be opened as a Weft run: <the reason>". */
  g_set_error (error, WEFT_ERROR, WEFT_ERROR_BAD_FILE, _("“%s” cannot be opened as a Weft run: %s"),
               display, reason);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
member_int (JsonObject *object,
            const char *name,
            gint64     *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

static gboolean
read_params (WeftRunFile  *self,
             JsonObject   *object,
             const char   *path,
             GError      **error)
{
  JsonNode *node = json_object_get_member (object, "params");
  g_autoptr(GList) names = NULL;
  JsonObject *params;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      bad_file (error, path, _("it has no parameters"));
      return FALSE;
    }
  params = json_node_get_object (node);
  names = json_object_get_members (params);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *value = member_string (params, l->data);
      g_autoptr(GError) param_error = NULL;
      g_autofree char *display = g_filename_display_name (path);

      if (value == NULL)
        {
          bad_file (error, path, _("the parameter “%s” is not written as text"), (const char *) l->data);
          return FALSE;
        }
      if (!weft_params_set (self->params, l->data, value, &param_error))
        {
          /* The parameter's own words: which one, and what is allowed. */
          g_set_error (error, WEFT_ERROR, param_error->code, _("“%s” cannot be opened as a Weft run: %s"),
                       display, param_error->message);
          return FALSE;
        }
    }
  /* Every parameter, as saved: a default filled in would make another run than the one
   * the schedule came from. */
  for (guint i = 0; i < weft_params_get_n_specs (self->params); i++)
    {
      const char *name = weft_params_get_spec (self->params, i)->name;

      if (!json_object_has_member (params, name))
        {
          bad_file (error, path, _("it does not say the parameter “%s”"), name);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
read_schedule (WeftRunFile  *self,
               JsonObject   *object,
               const char   *path,
               GError      **error)
{
  JsonNode *node = json_object_get_member (object, "schedule");
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      bad_file (error, path, _("it has no schedule"));
      return FALSE;
    }
  array = json_node_get_array (node);
  if (json_array_get_length (array) > WEFT_SCHEDULE_MAX)
    {
      bad_file (error, path, _("its schedule has %u steps, more than the %u a run keeps"),
                json_array_get_length (array), WEFT_SCHEDULE_MAX);
      return FALSE;
    }
  self->schedule = g_array_sized_new (FALSE, FALSE, sizeof (guint16), json_array_get_length (array));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *step = json_array_get_element (array, i);
      gint64 actor;

      if (!JSON_NODE_HOLDS_VALUE (step) || json_node_get_value_type (step) != G_TYPE_INT64 ||
          (actor = json_node_get_int (step)) < 0 || actor >= WEFT_MAX_ACTORS)
        {
          bad_file (error, path, _("step %u of its schedule is not a thread’s number"), i + 1);
          return FALSE;
        }
      g_array_append_vals (self->schedule, &(guint16) { (guint16) actor }, 1);
    }
  return TRUE;
}

/* The threads the schedule names are the run's: a run is made (set up, not started) to
 * count them. Whether each can move at its step is known only when it is taken
 * (weft_run_follow_schedule()). */
static gboolean
check_threads (WeftRunFile  *self,
               const char   *path,
               GError      **error)
{
  g_autoptr(GError) setup_error = NULL;
  g_autoptr(WeftRun) probe = weft_scenario_create_run (self->scenario, self->params, self->seed, &setup_error);
  guint n_actors;

  if (probe == NULL)
    {
      bad_file (error, path, "%s", setup_error->message);
      return FALSE;
    }
  n_actors = weft_run_get_n_actors (probe);
  for (guint i = 0; i < self->schedule->len; i++)
    if (g_array_index (self->schedule, guint16, i) >= n_actors)
      {
        bad_file (error, path, _("step %u of its schedule names thread %u, but the run has %u threads"),
                  i + 1, g_array_index (self->schedule, guint16, i) + 1, n_actors);
        return FALSE;
      }
  return TRUE;
}

WeftRunFile *
weft_run_file_load (const char  *path,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(WeftRunFile) self = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *data = NULL;
  JsonNode *root;
  JsonObject *object;
  const char *text;
  gint64 number;
  gsize length;
  JsonNode *node;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  {
    GStatBuf buf;

    if (g_stat (path, &buf) == 0 && S_ISREG (buf.st_mode) && (goffset) buf.st_size > MAX_BYTES)
      {
        bad_file (error, path, _("it is too big to be a saved run (%lld MB)"),
                  (long long) (buf.st_size / (1024 * 1024)));
        return NULL;
      }
  }
  data = read_at_most (path, &length, error);
  if (data == NULL)
    return NULL;
  if ((goffset) length > MAX_BYTES)
    {
      bad_file (error, path, _("it is too big to be a saved run (more than %lld MB)"),
                (long long) (MAX_BYTES / (1024 * 1024)));
      return NULL;
    }
  if (length == 0)
    {
      bad_file (error, path, _("it is empty"));
      return NULL;
    }
  switch (check_shape (data, length))
    {
    case SHAPE_TOO_DEEP:
      bad_file (error, path, _("its JSON is nested too deep to be a saved run"));
      return NULL;
    case SHAPE_TRAILING:
      bad_file (error, path, _("it holds more than one JSON value (two runs written one after the other?)"));
      return NULL;
    case SHAPE_OK:
    default:
      break;
    }
  if (!json_parser_load_from_data (parser, data, (gssize) length, &parse_error))
    {
      bad_file (error, path, _("it is not JSON (%s)"), parse_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  text = root != NULL && JSON_NODE_HOLDS_OBJECT (root)
         ? member_string (json_node_get_object (root), "format") : NULL;
  if (g_strcmp0 (text, WEFT_RUN_FILE_FORMAT) != 0)
    {
      bad_file (error, path, _("it is JSON but not a saved Weft run"));
      return NULL;
    }
  object = json_node_get_object (root);
  if (!member_int (object, "version", &number) || number < 1)
    {
      bad_file (error, path, _("its format version is missing or not a whole number"));
      return NULL;
    }
  if (number > WEFT_RUN_FILE_VERSION)
    {
      bad_file (error, path, _("it was saved by a newer Weft (format version %lld; this one reads version %d)"),
                (long long) number, WEFT_RUN_FILE_VERSION);
      return NULL;
    }

  self = g_new0 (WeftRunFile, 1);
  text = member_string (object, "scenario");
  self->scenario = text != NULL ? weft_scenarios_lookup (text) : NULL;
  if (self->scenario == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, WEFT_ERROR, WEFT_ERROR_UNKNOWN_SCENARIO,
                   _("“%s” cannot be opened as a Weft run: it is a run of “%s”, a scenario this Weft does not have"),
                   display, text != NULL ? text : "?");
      return NULL;
    }
  self->params = weft_params_new (self->scenario->params, self->scenario->n_params);
  if (!read_params (self, object, path, error))
    return NULL;

  if (!member_int (object, "seed", &number) || number < 0)
    {
      bad_file (error, path, _("its seed is missing or not a whole number"));
      return NULL;
    }
  self->seed = (guint64) number;
  text = member_string (object, "mode");
  if (text == NULL || !weft_mode_from_string (text, &self->mode))
    {
      bad_file (error, path, _("its mode is not run or step"));
      return NULL;
    }
  text = member_string (object, "policy");
  if (text == NULL || !weft_policy_from_string (text, &self->policy))
    {
      bad_file (error, path, _("its policy is not round-robin or random"));
      return NULL;
    }
  text = member_string (object, "outcome");
  self->outcome = G_MAXINT;
  for (WeftOutcome o = WEFT_OUTCOME_NONE; o <= WEFT_OUTCOME_STOPPED; o++)
    if (g_strcmp0 (text, weft_outcome_to_string (o)) == 0)
      self->outcome = o;
  if (self->outcome == (WeftOutcome) G_MAXINT)
    {
      bad_file (error, path, _("its outcome is not completed, deadlock, stopped or running"));
      return NULL;
    }
  if (!read_schedule (self, object, path, error))
    return NULL;
  if (!check_threads (self, path, error))
    return NULL;
  node = json_object_get_member (object, "schedule_cut");
  self->schedule_cut = node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
                       json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
  text = member_string (object, "notes");
  self->notes = g_strdup (text != NULL ? text : "");

  return g_steal_pointer (&self);
}

WeftRun *
weft_run_file_create_run (const WeftRunFile  *self,
                          GError            **error)
{
  WeftRun *run;

  g_return_val_if_fail (self != NULL, NULL);

  run = weft_scenario_create_run (self->scenario, self->params, self->seed, error);
  if (run != NULL)
    weft_run_set_policy (run, self->policy);
  return run;
}
