/* weft-summary.c — the summary JSON of a stopped run.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "weft-summary.h"

static void
add_params (JsonBuilder      *builder,
            const WeftParams *params)
{
  json_builder_set_member_name (builder, "params");
  json_builder_begin_object (builder);
  for (guint i = 0; i < weft_params_get_n_specs (params); i++)
    {
      const WeftParamSpec *spec = weft_params_get_spec (params, i);

      json_builder_set_member_name (builder, spec->name);
      if (spec->type == WEFT_PARAM_INT)
        json_builder_add_int_value (builder, weft_params_get_int (params, spec->name));
      else
        json_builder_add_string_value (builder, weft_params_get_choice (params, spec->name));
    }
  json_builder_end_object (builder);
}

static void
add_threads (JsonBuilder *builder,
             WeftRun     *run)
{
  json_builder_set_member_name (builder, "threads");
  json_builder_begin_array (builder);
  for (guint i = 0; i < weft_run_get_n_actors (run); i++)
    {
      WeftActor *actor = weft_run_get_actor (run, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, weft_actor_get_name (actor));
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, weft_state_to_string (weft_actor_get_state (actor)));
      json_builder_set_member_name (builder, "time_ms");
      json_builder_begin_object (builder);
      for (WeftState s = 0; s < WEFT_N_STATES; s++)
        {
          json_builder_set_member_name (builder, weft_state_to_string (s));
          json_builder_add_double_value (builder, weft_actor_get_time_in_state (actor, s) / 1e6);
        }
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "operations");
      json_builder_add_int_value (builder, (gint64) weft_actor_get_n_ops (actor));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_deadlock (JsonBuilder *builder,
              WeftRun     *run)
{
  g_autoptr(GArray) cycle = weft_run_dup_deadlock_cycle (run);

  json_builder_set_member_name (builder, "deadlock");
  if (weft_run_get_outcome (run) != WEFT_OUTCOME_DEADLOCK)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "cycle");
  json_builder_begin_array (builder);
  for (guint i = 0; i < cycle->len; i++)
    {
      WeftCycleEdge *edge = &g_array_index (cycle, WeftCycleEdge, i);

      json_builder_add_string_value (builder, weft_actor_get_name (edge->actor));
      if (edge->waits_on != NULL)
        json_builder_add_string_value (builder, weft_object_get_name (edge->waits_on));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_objects (JsonBuilder *builder,
             WeftRun     *run)
{
  json_builder_set_member_name (builder, "objects");
  json_builder_begin_array (builder);
  for (guint i = 0; i < weft_run_get_n_objects (run); i++)
    {
      WeftObject *object = weft_run_get_object (run, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, weft_object_get_name (object));
      json_builder_set_member_name (builder, "contention_ms");
      json_builder_add_double_value (builder, weft_object_get_contention_ns (object) / 1e6);
      json_builder_set_member_name (builder, "contended");
      json_builder_add_int_value (builder, weft_object_get_n_contended (object));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

JsonNode *
weft_summary_build (WeftRun          *run,
                    const WeftParams *params)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const WeftScenario *scenario;
  WeftTrace *trace;

  g_return_val_if_fail (run != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  scenario = weft_run_get_scenario (run);
  trace = weft_run_get_trace (run);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "scenario");
  json_builder_add_string_value (builder, scenario != NULL ? scenario->id : NULL);
  add_params (builder, params);
  json_builder_set_member_name (builder, "seed");
  json_builder_add_int_value (builder, (gint64) weft_run_get_seed (run));
  json_builder_set_member_name (builder, "mode");
  json_builder_add_string_value (builder, weft_mode_to_string (weft_run_get_mode (run)));
  json_builder_set_member_name (builder, "policy");
  json_builder_add_string_value (builder, weft_policy_to_string (weft_run_get_policy (run)));
  json_builder_set_member_name (builder, "steps");
  json_builder_add_int_value (builder, (gint64) weft_run_get_n_steps (run));
  json_builder_set_member_name (builder, "outcome");
  json_builder_add_string_value (builder, weft_outcome_to_string (weft_run_get_outcome (run)));
  json_builder_set_member_name (builder, "elapsed_ms");
  json_builder_add_double_value (builder, weft_run_get_elapsed_ns (run) / 1e6);
  json_builder_set_member_name (builder, "events");
  json_builder_add_int_value (builder, trace != NULL ? (gint64) weft_trace_get_n_events (trace) : 0);
  json_builder_set_member_name (builder, "events_dropped");
  json_builder_add_int_value (builder, trace != NULL ? (gint64) weft_trace_get_first (trace) : 0);
  json_builder_set_member_name (builder, "misuses");
  json_builder_add_int_value (builder, weft_run_get_n_misuses (run));
  add_threads (builder, run);
  add_objects (builder, run);
  add_deadlock (builder, run);

  json_builder_set_member_name (builder, "metrics");
  if (scenario != NULL && scenario->metrics != NULL)
    {
      g_autoptr(GVariant) metrics = g_variant_ref_sink (scenario->metrics (run));

      json_builder_add_value (builder, json_gvariant_serialize (metrics));
    }
  else
    {
      json_builder_begin_object (builder);
      json_builder_end_object (builder);
    }

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
weft_summary_to_data (JsonNode *summary,
                      gsize    *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  g_return_val_if_fail (summary != NULL, NULL);

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, summary);
  return json_generator_to_data (generator, length);
}
