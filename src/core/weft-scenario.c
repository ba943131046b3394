/* weft-scenario.c — making a run from a scenario and its parameters.
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

/* "strategy=naive, count=5 · seed 1 · step mode, round-robin": the subtitle of an
 * exported page (weft-cli and the window). */
char *
weft_run_describe_setup (WeftRun          *run,
                         const WeftParams *params)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < weft_params_get_n_specs (params); i++)
    {
      const WeftParamSpec *spec = weft_params_get_spec (params, i);

      if (i > 0)
        g_string_append (text, ", ");
      if (spec->type == WEFT_PARAM_INT)
        g_string_append_printf (text, "%s=%" G_GINT64_FORMAT, spec->name, (gint64) weft_params_get_int (params, spec->name));
      else
        g_string_append_printf (text, "%s=%s", spec->name, weft_params_get_choice (params, spec->name));
    }
  if (text->len > 0)
    g_string_append (text, " · ");
  {
    char seed[32];

    g_snprintf (seed, sizeof seed, "%" G_GUINT64_FORMAT, weft_run_get_seed (run));
    /* Translators: in an exported image's subtitle, the run's random seed. */
    g_string_append_printf (text, _("seed %s"), seed);
  }
  g_string_append (text, " · ");
  if (weft_run_get_mode (run) == WEFT_MODE_STEP)
    g_string_append_printf (text, _("step mode, %s"),
                            weft_run_get_policy (run) == WEFT_POLICY_RANDOM
                            /* Translators: how step mode picks the next thread, in "step mode, %s". */
                            ? C_("policy", "random")
                            : C_("policy", "round-robin"));
  else
    g_string_append (text, _("run mode"));

  return g_string_free (text, FALSE);
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
    return event->aux != 0 ? WEFT_ALERT_LOST_UPDATE : WEFT_ALERT_NONE;

  scenario = run->scenario;
  if (event->kind == WEFT_EVENT_MARK && scenario != NULL && scenario->classify_mark != NULL)
    return scenario->classify_mark (event);
  return WEFT_ALERT_NONE;
}
