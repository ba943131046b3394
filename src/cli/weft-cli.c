/* weft-cli.c — Weft without a window: list the scenarios, run one headless or replay a
 * saved run, print or save its summary JSON (what it prints and writes at a run's end:
 * weft-cli-output.c). Exit status: 0 when the run happened (a deadlock is a result), 2 for
 * bad usage, 1 when an output cannot be written.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "weft-cli-private.h"
#include "weft-core.h"
#include "weft-scenarios.h"
#include "weft-run-file.h"
#include "weft-trace-json.h"

/* In step mode --duration still bounds the wall time; the step budget bounds the steps. */
#define DEFAULT_STEP_BUDGET 10000

/* The run's threads are this much nicer than weft-cli's own, as the window makes them
 * (weft_run_set_niceness): with a thousand busy threads on two cores, the thread that
 * keeps the deadline, prints the log and builds the image must still get a core. The
 * actors all get the same, so their shares among themselves do not change. */
#define CLI_ACTOR_NICENESS 10

static void
print_scenario_list (void)
{
  const WeftScenario * const *scenarios;
  guint n;

  scenarios = weft_scenarios_get_all (&n);
  for (guint i = 0; i < n; i++)
    {
      weft_cli_print ("%-14s %s\n", scenarios[i]->id, _(scenarios[i]->title));
      for (guint k = 0; k < scenarios[i]->n_params; k++)
        {
          const WeftParamSpec *spec = &scenarios[i]->params[k];
          g_autofree char *allowed = weft_param_spec_describe_allowed (spec);
          g_autofree char *def = spec->type == WEFT_PARAM_CHOICE
                                 ? g_strdup (spec->choices[spec->default_value])
                                 : g_strdup_printf ("%" G_GINT64_FORMAT, spec->default_value);

          g_autofree char *line = NULL;

          /* Translators: under a parameter in "weft-cli list": its default, then what is
           * allowed, e.g. "default 5; a whole number from 2 to 1000". */
          line = g_strdup_printf (_("default %s; %s"), def, allowed);
          weft_cli_print ("    %-12s %s\n", spec->name, _(spec->summary));
          weft_cli_print ("    %-12s %s\n", "", line);
        }
    }
}

static JsonNode *
build_scenario_list_json (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const WeftScenario * const *scenarios;
  guint n;

  scenarios = weft_scenarios_get_all (&n);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      const WeftScenario *scenario = scenarios[i];
      g_autofree char *description = weft_scenario_describe (scenario, NULL);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, scenario->id);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, _(scenario->title));
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, description);
      json_builder_set_member_name (builder, "lesson");
      json_builder_add_string_value (builder, _(scenario->lesson));
      json_builder_set_member_name (builder, "params");
      json_builder_begin_array (builder);
      for (guint k = 0; k < scenario->n_params; k++)
        {
          const WeftParamSpec *spec = &scenario->params[k];

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, spec->name);
          json_builder_set_member_name (builder, "summary");
          json_builder_add_string_value (builder, _(spec->summary));
          json_builder_set_member_name (builder, "type");
          if (spec->type == WEFT_PARAM_CHOICE)
            {
              json_builder_add_string_value (builder, "choice");
              json_builder_set_member_name (builder, "default");
              json_builder_add_string_value (builder, spec->choices[spec->default_value]);
              json_builder_set_member_name (builder, "choices");
              json_builder_begin_array (builder);
              for (guint c = 0; spec->choices[c] != NULL; c++)
                json_builder_add_string_value (builder, spec->choices[c]);
              json_builder_end_array (builder);
            }
          else
            {
              json_builder_add_string_value (builder, "int");
              json_builder_set_member_name (builder, "default");
              json_builder_add_int_value (builder, spec->default_value);
              json_builder_set_member_name (builder, "min");
              json_builder_add_int_value (builder, spec->min);
              json_builder_set_member_name (builder, "max");
              json_builder_add_int_value (builder, spec->max);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

static int
command_list (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  gboolean json = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the scenarios and their parameters as JSON"), NULL },
    { NULL }
  };

  g_set_prgname ("weft-cli list");
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("List the scenarios and their parameters."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!weft_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return weft_cli_usage_error (_("“list” takes no argument, but got “%s”"), argv[1]);

  if (json)
    {
      g_autoptr(JsonNode) root = build_scenario_list_json ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *data = NULL;

      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, root);
      data = json_generator_to_data (generator, NULL);
      weft_cli_print ("%s\n", data);
    }
  else
    {
      print_scenario_list ();
    }

  return 0;
}

/* Events the model takes at a time while the run goes: a few milliseconds' work. */
#define MODEL_SLICE 65536

/* Milliseconds of printing --log may take between two looks at the run. */
#define LOG_SLICE_US (40 * 1000)

/* --duration counts from the run's start (its t0, before its threads were made: making a
 * thousand takes a good part of a second), not from when weft_run_start() returned. */
static gint64
run_deadline (WeftRun          *run,
              const RunOptions *o)
{
  return g_get_monotonic_time () + (gint64) (o->duration * G_USEC_PER_SEC) -
         (gint64) (weft_run_get_elapsed_ns (run) / 1000);
}

static void
drive_run_mode (WeftRun    *run,
                RunOptions *o,
                WeftModel  *model,
                guint64    *logged)
{
  gint64 deadline = run_deadline (run, o);

  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      gint64 left = deadline - now;
      gint64 slice = o->log ? MIN (left, 50 * 1000) : left;

      /* The log prints for a slice at most and never past the deadline: printing does
       * not hold the run's end back. */
      if (o->log)
        weft_cli_print_new_events (run, logged, MIN (now + LOG_SLICE_US, deadline), FALSE);

      /* An image or a trace file wanted: the model is built as the run goes, by this
       * thread that would only wait, so that little is left to build once it ends (a 5 s
       * dense run records tens of millions of events). It reads the trace without a lock,
       * as the window does. */
      if (model != NULL)
        {
          slice = MIN (slice, 2 * 1000);
          left = deadline - g_get_monotonic_time ();
          if (left > 0 && weft_model_sync_some (model, run, MODEL_SLICE) == MODEL_SLICE)
            continue;
        }
      left = deadline - g_get_monotonic_time ();
      if (left <= 0 || weft_run_wait_end (run, CLAMP (slice, 0, left)))
        break;
    }
}

static void
drive_step_mode (WeftRun    *run,
                 RunOptions *o,
                 guint64    *logged)
{
  gint64 deadline = run_deadline (run, o);

  for (gint64 step = 0; step < o->steps; step++)
    {
      if (!weft_run_wait_settled (run, MAX (deadline - g_get_monotonic_time (), 0)))
        break;
      if (o->log)
        weft_cli_print_new_events (run, logged, G_MAXINT64, FALSE);
      if (weft_run_get_outcome (run) != WEFT_OUTCOME_NONE)
        break;
      /* Nothing parked and no outcome cannot last: the monitor reports a deadlock or the
       * end as soon as the last thread blocks or leaves. */
      if (!weft_run_step (run, NULL, NULL))
        break;
    }
  weft_run_wait_settled (run, MAX (deadline - g_get_monotonic_time (), 0));
}

static int
command_run (int    argc,
             char **argv)
{
  g_auto(RunOptions) o = { .duration = 10.0, .steps = DEFAULT_STEP_BUDGET, .speed = 1.0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftParams) params = NULL;
  g_autoptr(WeftRun) run = NULL;
  g_autoptr(WeftModel) model = NULL;
  const WeftScenario *scenario;
  WeftMode mode = WEFT_MODE_RUN;
  WeftPolicy policy = WEFT_POLICY_ROUND_ROBIN;
  guint64 seed;
  guint64 logged = 0;
  int status = 0;
  const GOptionEntry entries[] = {
    { "set", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o.sets, N_("Set a parameter of the scenario"), N_("KEY=VALUE") },
    { "seed", 0, 0, G_OPTION_ARG_FILENAME, &o.seed, N_("Seed of the random delays (default: a new one)"), N_("N") },
    { "mode", 0, 0, G_OPTION_ARG_FILENAME, &o.mode, N_("run: threads go freely; step: a policy picks who moves, one operation at a time"), N_("run|step") },
    { "policy", 0, 0, G_OPTION_ARG_FILENAME, &o.policy, N_("Who moves next in step mode (default round-robin)"), N_("round-robin|random") },
    { "duration", 0, 0, G_OPTION_ARG_FILENAME, &o.duration_text, N_("Stop after this wall time (default 10)"), N_("SECONDS") },
    { "steps", 0, 0, G_OPTION_ARG_FILENAME, &o.steps_text, N_("Step budget in step mode (default 10000)"), N_("N") },
    { "speed", 0, 0, G_OPTION_ARG_FILENAME, &o.speed_text, N_("Speed factor for the scenario’s pauses (default 1)"), N_("FACTOR") },
    { "save", 0, 0, G_OPTION_ARG_FILENAME, &o.save, N_("Save the run (its scenario, parameters, seed and interleaving) to replay it later"), N_("FILE.weft") },
    { NULL }
  };

  g_set_prgname ("weft-cli run");
  context = g_option_context_new (_("SCENARIO"));
  g_option_context_set_summary (context, _("Run a scenario headless and report what happened."));
  g_option_context_set_description (context, _("Run “weft-cli list” to see the scenarios and their parameters."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  weft_cli_add_output_entries (context, &o);
  if (!weft_cli_parse_options (context, &argc, &argv, &status))
    return status;

  weft_cli_make_text_options (&o);
  if ((status = weft_cli_parse_number_options (&o)) != 0)
    return status;

  if (argc < 2)
    return weft_cli_usage_error (_("“run” needs a scenario; run “weft-cli list” to see them"));
  if (argc > 2)
    return weft_cli_usage_error (_("“run” takes one scenario, but got “%s” too"), argv[2]);

  scenario = weft_scenarios_lookup (argv[1]);
  if (scenario == NULL)
    {
      const WeftScenario * const *all;
      g_autoptr(GString) ids = g_string_new (NULL);
      g_autofree char *shown = g_utf8_make_valid (argv[1], -1);
      guint n;

      all = weft_scenarios_get_all (&n);
      for (guint i = 0; i < n; i++)
        g_string_append_printf (ids, "%s%s", i > 0 ? ", " : "", all[i]->id);
      return weft_cli_usage_error (_("Unknown scenario “%s”; the scenarios are: %s"), shown, ids->str);
    }

  params = weft_params_new (scenario->params, scenario->n_params);
  for (guint i = 0; o.sets != NULL && o.sets[i] != NULL; i++)
    if (!weft_params_parse (params, o.sets[i], &error))
      return weft_cli_usage_error ("%s", error->message);

  if (o.mode != NULL && !weft_mode_from_string (o.mode, &mode))
    return weft_cli_usage_error (_("Invalid --mode “%s”: allowed is run or step"), o.mode);
  if (o.policy != NULL && !weft_policy_from_string (o.policy, &policy))
    return weft_cli_usage_error (_("Invalid --policy “%s”: allowed is round-robin or random"), o.policy);
  if ((status = weft_cli_check_output_options (&o)) != 0)
    return status;

  if (o.seed != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (o.seed));

      if (!g_ascii_string_to_unsigned (stripped, 10, 0, G_MAXINT64, &seed, &error))
        return weft_cli_usage_error (_("Invalid --seed “%s”: it must be a whole number from 0 to %lld"),
                            o.seed, (long long) G_MAXINT64);
    }
  else
    {
      seed = ((guint64) g_random_int () << 31) ^ g_random_int ();
    }

  run = weft_scenario_create_run (scenario, params, seed, &error);
  if (run == NULL)
    return weft_cli_usage_error ("%s", error->message);

  weft_run_set_policy (run, policy);
  weft_run_set_speed (run, o.speed);
  weft_run_set_niceness (run, CLI_ACTOR_NICENESS);
  if (!weft_run_start (run, mode, &error))
    {
      g_printerr ("weft-cli: %s\n", error->message);
      return EXIT_OUTPUT;
    }

  weft_cli_signals_watch_run (run);

  if (o.export != NULL || o.trace != NULL)
    model = weft_model_new_for_run (run);
  if (mode == WEFT_MODE_STEP)
    drive_step_mode (run, &o, &logged);
  else
    drive_run_mode (run, &o, model, &logged);

  return weft_cli_finish_run (run, scenario, params, model, &o, &logged);
}

/* Seconds a replay's thread may take to reach its next operation before the replay says
 * the threads did not settle. */
#define REPLAY_SETTLE_US (30 * G_USEC_PER_SEC)

static int
command_replay (int    argc,
                char **argv)
{
  g_auto(RunOptions) o = { .duration = 0, .steps = -1, .speed = 1.0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WeftRunFile) file = NULL;
  g_autoptr(WeftRun) run = NULL;
  g_autoptr(WeftModel) model = NULL;
  g_autofree char *display = NULL;
  guint64 logged = 0;
  guint n_steps, n_done = 0;
  int status;
  const GOptionEntry entries[] = {
    { "steps", 0, 0, G_OPTION_ARG_FILENAME, &o.steps_text, N_("Replay only the first N steps (default: all)"), N_("N") },
    { "save", 0, 0, G_OPTION_ARG_FILENAME, &o.save, N_("Save the replay (up to where it stopped) to replay it later"), N_("FILE.weft") },
    { NULL }
  };

  g_set_prgname ("weft-cli replay");
  context = g_option_context_new (_("FILE.weft"));
  g_option_context_set_summary (context, _("Replay a saved run step by step, on real threads, and report what happened."));
  g_option_context_set_description (context, _("Save a run with “weft-cli run … --save FILE.weft” or from the window."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  weft_cli_add_output_entries (context, &o);
  if (!weft_cli_parse_options (context, &argc, &argv, &status))
    return status;
  weft_cli_make_text_options (&o);
  if ((status = weft_cli_parse_number_options (&o)) != 0)
    return status;
  if (argc < 2)
    return weft_cli_usage_error (_("“replay” needs a saved run (a .weft file)"));
  if (argc > 2)
    return weft_cli_usage_error (_("“replay” takes one file, but got “%s” too"), argv[2]);
  if ((status = weft_cli_check_output_options (&o)) != 0)
    return status;

  file = weft_run_file_load (argv[1], &error);
  if (file == NULL)
    {
      g_printerr ("weft-cli: %s\n", error->message);
      /* A file that cannot be read is like an output that cannot be written; one that
       * holds no run to replay is bad input. */
      return error->domain == WEFT_ERROR ? EXIT_USAGE : EXIT_OUTPUT;
    }
  display = g_filename_display_name (argv[1]);
  o.notes = g_strdup (file->notes);
  if (o.steps > (gint64) file->schedule->len)
    return weft_cli_usage_error (_("Invalid --steps %lld: “%s” has %u steps"), (long long) o.steps, display,
                        file->schedule->len);
  n_steps = o.steps > 0 ? (guint) o.steps : file->schedule->len;

  run = weft_run_file_create_run (file, &error);
  if (run == NULL)
    return weft_cli_usage_error (_("“%s” does not replay: %s"), display, error->message);
  if (file->schedule_cut)
    g_printerr (_("weft-cli: “%s” kept only the first %u operations of its run: the replay stops there\n"),
                display, file->schedule->len);
  weft_run_set_niceness (run, CLI_ACTOR_NICENESS);
  if (!weft_run_start (run, WEFT_MODE_STEP, &error))
    {
      g_printerr ("weft-cli: %s\n", error->message);
      return EXIT_OUTPUT;
    }
  weft_cli_signals_watch_run (run);
  if (o.export != NULL || o.trace != NULL)
    model = weft_model_new_for_run (run);

  if (!weft_run_follow_schedule (run, (const guint16 *) (gpointer) file->schedule->data, n_steps,
                                 REPLAY_SETTLE_US, &n_done, &error) &&
      weft_cli_signals_received () == 0)
    {
      /* Translators: %s is the file, then why its schedule could not be followed. */
      g_printerr (_("weft-cli: “%s” does not replay: %s\n"), display, error->message);
      weft_run_stop (run);
      weft_cli_signals_watch_run (NULL);
      return EXIT_USAGE;
    }
  if (o.log)
    weft_cli_print_new_events (run, &logged, G_MAXINT64, FALSE);
  /* Replayed whole, a run ends as it did (a stopped one at its stop). */
  if (n_steps == file->schedule->len && !file->schedule_cut && weft_cli_signals_received () == 0 &&
      (file->outcome == WEFT_OUTCOME_COMPLETED || file->outcome == WEFT_OUTCOME_DEADLOCK) &&
      weft_run_get_outcome (run) != file->outcome)
    g_printerr (_("weft-cli: “%s” ended in “%s” when it was saved, and in “%s” now\n"), display,
                weft_outcome_to_string (file->outcome), weft_outcome_to_string (weft_run_get_outcome (run)));
  if (o.summary == NULL || !g_str_equal (o.summary, "-"))
    /* Translators: weft-cli replay's first line; %u steps of %u, %s the file. */
    weft_cli_print (_("Replayed %u of %u steps of “%s”.\n"), n_done, file->schedule->len, display);

  return weft_cli_finish_run (run, file->scenario, file->params, model, &o, &logged);
}

/* On standard output when asked for (--help), on standard error after a mistake. */
static void
print_usage (gboolean mistake)
{
  void (*out) (const char *, ...) = mistake ? g_printerr : weft_cli_print;

  out ("%s\n\n", _("Usage: weft-cli COMMAND [OPTION…]"));
  out ("%s\n", _("Run the scenarios of a concurrency course in real threads, headless."));
  out ("\n%s\n", _("Commands:"));
  out ("  list [--json]          %s\n", _("List the scenarios and their parameters"));
  out ("  run SCENARIO [OPTION…] %s\n", _("Run a scenario and report what happened"));
  out ("  replay FILE [OPTION…]  %s\n", _("Replay a saved run step by step"));
  out ("\n%s\n", _("Run “weft-cli run --help” or “weft-cli replay --help” for their options."));
}

static int
run_command (int    argc,
             char **argv)
{
  if (argc < 2)
    {
      print_usage (TRUE);
      return EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (FALSE);
      return 0;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      weft_cli_print ("weft-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  /* Each command parses its own options: shift the command name out of argv[0]. */
  if (g_str_equal (argv[1], "list"))
    return command_list (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "run"))
    return command_run (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "replay"))
    return command_replay (argc - 1, argv + 1);

  {
    g_autofree char *shown = g_utf8_make_valid (argv[1], -1);

    return weft_cli_usage_error (_("Unknown command “%s”; the commands are list, run and replay"), shown);
  }
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("WEFT_LOCALEDIR");
  int status, out_status;

  weft_malloc_init ();
  setlocale (LC_ALL, "");
  /* The build tree's translations when run through `meson devenv` or the tests, like the
   * window: French exports can be made without installing. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  weft_cli_signals_init ();
  weft_cli_stdout_init ();
  status = run_command (argc, argv);
  /* What could not be printed is said even when the command itself went well. */
  out_status = weft_cli_stdout_finish ();

  /* Interrupted, as a shell expects (130 for Ctrl+C), once everything was written. */
  if (weft_cli_signals_received () != 0)
    return 128 + weft_cli_signals_received ();
  return status != 0 ? status : out_status;
}
