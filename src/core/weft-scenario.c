/* weft-scenario.c — making a run from a scenario and its parameters, and the words that
 * describe them: the description and a slide subtitle in the window's terms, the exact setup
 * in weft-cli's terms for a file's metadata.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "weft-run-private.h"
#include "weft-scenario.h"

WeftRun *
weft_scenario_create_run (const WeftScenario *scenario,
                          const WeftParams   *params,
                          guint64             seed,
                          GError            **error)
{
  g_autoptr(WeftRun) run = NULL;

  g_return_val_if_fail (scenario != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  run = weft_run_new (seed);
  run->scenario = scenario;
  if (!scenario->setup (run, params, error))
    return NULL;

  return g_steal_pointer (&run);
}

const WeftScenario *
weft_run_get_scenario (WeftRun *run)
{
  g_return_val_if_fail (run != NULL, NULL);

  return run->scenario;
}

char *
weft_scenario_describe (const WeftScenario *scenario,
                        const WeftParams   *params)
{
  g_autoptr(WeftParams) defaults = NULL;

  g_return_val_if_fail (scenario != NULL, NULL);

  if (scenario->describe_scene == NULL)
    return g_strdup (_(scenario->description));
  if (params == NULL)
    params = defaults = weft_params_new (scenario->params, scenario->n_params);
  return scenario->describe_scene (params);
}

/* A parameter's value as the window shows it: the choice's label, or the number. */
static char *
describe_value (const WeftParamSpec *spec,
                const WeftParams    *params)
{
  if (spec->type == WEFT_PARAM_CHOICE)
    {
      guint index = weft_params_get_choice_index (params, spec->name);

      return g_strdup (spec->choice_labels != NULL ? _(spec->choice_labels[index])
                                                   : spec->choices[index]);
    }
  return weft_params_dup_string (params, spec->name);
}

char *
weft_scenario_describe_params (const WeftScenario *scenario,
                               const WeftParams   *params)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (scenario != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  if (scenario->describe_params != NULL)
    return scenario->describe_params (params);

  /* The panel's words for what was changed: its row titles and its choices. */
  for (guint i = 0; i < weft_params_get_n_specs (params); i++)
    {
      const WeftParamSpec *spec = weft_params_get_spec (params, i);
      g_autofree char *value = NULL;
      gboolean is_default = spec->type == WEFT_PARAM_CHOICE
                            ? weft_params_get_choice_index (params, spec->name) == (guint) spec->default_value
                            : weft_params_get_int (params, spec->name) == spec->default_value;

      if (is_default)
        continue;
      value = describe_value (spec, params);
      if (text->len > 0)
        g_string_append (text, ", ");
      /* Translators: a changed parameter in an exported image's subtitle, "Strategy: Waiter". */
      g_string_append_printf (text, C_("parameter", "%s: %s"),
                              spec->label != NULL ? _(spec->label) : _(spec->summary), value);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
weft_run_describe_setup (WeftRun          *run,
                         const WeftParams *params)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *words = NULL;
  const WeftScenario *scenario;
  char seed[32];

  g_return_val_if_fail (run != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  scenario = run->scenario;
  if (scenario != NULL)
    words = weft_scenario_describe_params (scenario, params);
  if (words != NULL && words[0] != '\0')
    g_string_append_printf (text, "%s · ", words);

  g_snprintf (seed, sizeof seed, "%" G_GUINT64_FORMAT, weft_run_get_seed (run));
  /* Translators: in an exported image's subtitle, the run's random seed. */
  g_string_append_printf (text, _("seed %s"), seed);
  g_string_append (text, " · ");
  if (weft_run_get_mode (run) != WEFT_MODE_STEP)
    /* Translators: in an exported image's subtitle: the threads ran freely. */
    g_string_append (text, _("free run"));
  else if (weft_run_get_policy (run) == WEFT_POLICY_RANDOM)
    /* Translators: in an exported image's subtitle: one operation at a time, the next
     * thread drawn at random. */
    g_string_append (text, _("stepped at random"));
  else
    /* Translators: in an exported image's subtitle: one operation at a time. */
    g_string_append (text, _("stepped"));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* In weft-cli's terms, so that the line can be typed back as options. */
char *
weft_run_describe_parameters (WeftRun          *run,
                              const WeftParams *params)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const WeftScenario *scenario;

  g_return_val_if_fail (run != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  scenario = run->scenario;
  if (scenario != NULL)
    g_string_append_printf (text, "scenario=%s ", scenario->id);
  for (guint i = 0; i < weft_params_get_n_specs (params); i++)
    {
      const WeftParamSpec *spec = weft_params_get_spec (params, i);
      g_autofree char *value = weft_params_dup_string (params, spec->name);

      g_string_append_printf (text, "%s=%s ", spec->name, value);
    }
  g_string_append_printf (text, "seed=%" G_GUINT64_FORMAT, weft_run_get_seed (run));
  if (weft_run_get_mode (run) == WEFT_MODE_STEP)
    g_string_append_printf (text, " mode=step policy=%s",
                            weft_run_get_policy (run) == WEFT_POLICY_RANDOM ? "random" : "round-robin");
  else
    g_string_append (text, " mode=run");

  return g_string_free (g_steal_pointer (&text), FALSE);
}

WeftAlert
weft_run_classify_event (WeftRun         *run,
                         const WeftEvent *event)
{
  const WeftScenario *scenario;

  g_return_val_if_fail (run != NULL, WEFT_ALERT_NONE);
  g_return_val_if_fail (event != NULL, WEFT_ALERT_NONE);

  if (event->kind == WEFT_EVENT_DEADLOCK)
    return WEFT_ALERT_DEADLOCK;
  if (event->kind == WEFT_EVENT_WRITE)
    {
      WeftObject *object = event->aux != 0 ? weft_run_get_object (run, event->object) : NULL;

      /* A stale write to a stock (the tickets left) is how an oversell begins: the class
       * should see the oversell the scenario marks when a ticket that does not exist is
       * sold, not a lost update before it. */
      if (object == NULL || weft_object_get_shared_role (object) == WEFT_SHARED_STOCK)
        return WEFT_ALERT_NONE;
      return WEFT_ALERT_LOST_UPDATE;
    }

  scenario = run->scenario;
  if (event->kind == WEFT_EVENT_MARK && scenario != NULL && scenario->classify_mark != NULL)
    return scenario->classify_mark (event);
  return WEFT_ALERT_NONE;
}

char *
weft_run_describe_alert (WeftRun         *run,
                         WeftAlert        alert,
                         const WeftEvent *event)
{
  const WeftScenario *scenario = weft_run_get_scenario (run);

  if (scenario == NULL || scenario->describe_alert == NULL)
    return NULL;
  return scenario->describe_alert (run, alert, event);
}

char *
weft_run_describe_outcome (WeftRun *run)
{
  const WeftScenario *scenario = weft_run_get_scenario (run);

  if (scenario == NULL || scenario->describe_outcome == NULL)
    return NULL;
  return scenario->describe_outcome (run);
}
