/* weft-cli.c — Weft without a window: list the scenarios, run one headless, print or save
 * its summary JSON. Exit status: 0 when the run happened (a deadlock is a result), 2 for
 * bad usage, 1 when an output cannot be written.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "weft-core.h"
#include "weft-scenarios.h"
#include "weft-export.h"
#include "weft-output.h"
#include "weft-run-file.h"
#include "weft-summary.h"
#include "weft-trace-json.h"

#define EXIT_USAGE  2
#define EXIT_OUTPUT 1

/* In step mode --duration still bounds the wall time; the step budget bounds the steps. */
#define DEFAULT_STEP_BUDGET 10000

static int G_GNUC_PRINTF (1, 2)
usage_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("weft-cli: %s\n", message);
  return EXIT_USAGE;
}

static void
print_scenario_list (void)
{
  const WeftScenario * const *scenarios;
  guint n;

  scenarios = weft_scenarios_get_all (&n);
  for (guint i = 0; i < n; i++)
    {
      g_print ("%-14s %s\n", scenarios[i]->id, _(scenarios[i]->title));
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
          g_print ("    %-12s %s\n", spec->name, _(spec->summary));
          g_print ("    %-12s %s\n", "", line);
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
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the scenarios and their parameters as JSON"), NULL },
    { NULL }
  };

  g_set_prgname ("weft-cli list");
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("List the scenarios and their parameters."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("%s", error->message);
  if (argc > 1)
    return usage_error (_("“list” takes no argument, but got “%s”"), argv[1]);

  if (json)
    {
      g_autoptr(JsonNode) root = build_scenario_list_json ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *data = NULL;

      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, root);
      data = json_generator_to_data (generator, NULL);
      g_print ("%s\n", data);
    }
  else
    {
      print_scenario_list ();
    }

  return 0;
}

typedef struct
{
  char    **sets;
  char     *seed;
  char     *mode;
  char     *policy;
  double    duration;
  gint64    steps;
  double    speed;
  char     *summary;
  char     *trace;
  char     *export;
  char     *view;
  char     *size;
  char     *theme;
  char     *save;
  char     *notes;     /* replay: the file's, kept when the replay is saved */
  gboolean  log;
} RunOptions;

static void
run_options_clear (RunOptions *o)
{
  g_strfreev (o->sets);
  g_free (o->seed);
  g_free (o->mode);
  g_free (o->policy);
  g_free (o->summary);
  g_free (o->trace);
  g_free (o->export);
  g_free (o->view);
  g_free (o->size);
  g_free (o->theme);
  g_free (o->save);
  g_free (o->notes);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RunOptions, run_options_clear)

/* Prints the events appended since *@next, one sentence a line, as the course's programs
 * print theirs; what weft_event_is_logged() leaves out is noise in a log. */
static void
print_new_events (WeftRun *run,
                  guint64 *next)
{
  WeftTraceCursor cursor;
  WeftEvent event;

  /* Up to what was published when we started: a live run does not keep us printing. */
  weft_trace_cursor_init (&cursor, weft_run_get_trace (run), *next);
  for (guint64 n = weft_trace_cursor_pending (&cursor); n > 0 && weft_trace_cursor_next (&cursor, &event); n--)
    {
      g_autofree char *text = NULL;

      if (!weft_event_is_logged (run, &event))
        continue;

      text = weft_event_describe (run, &event);
      g_print ("%10.3f  %s\n", weft_event_get_time (&event) / 1e9, text);
    }
  *next = cursor.next;
}

/* Events the model takes at a time while the run goes: a few milliseconds' work. */
#define MODEL_SLICE 65536

static void
drive_run_mode (WeftRun    *run,
                RunOptions *o,
                WeftModel  *model,
                guint64    *logged)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (o->duration * G_USEC_PER_SEC);

  for (;;)
    {
      gint64 left = deadline - g_get_monotonic_time ();
      gint64 slice = o->log ? MIN (left, 50 * 1000) : left;

      /* An image or a trace file wanted: the model is built as the run goes, by this
       * thread that would only wait, so that little is left to build once it ends (a 5 s
       * dense run records tens of millions of events). It reads the trace without a lock,
       * as the window does. */
      if (model != NULL)
        {
          slice = MIN (slice, 2 * 1000);
          if (left > 0 && weft_model_sync_some (model, run, MODEL_SLICE) == MODEL_SLICE)
            {
              if (o->log)
                print_new_events (run, logged);
              continue;
            }
        }
      if (left <= 0 || weft_run_wait_end (run, MAX (slice, 0)))
        break;
      if (o->log)
        print_new_events (run, logged);
    }
}

static void
drive_step_mode (WeftRun    *run,
                 RunOptions *o,
                 guint64    *logged)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (o->duration * G_USEC_PER_SEC);

  for (gint64 step = 0; step < o->steps; step++)
    {
      if (!weft_run_wait_settled (run, MAX (deadline - g_get_monotonic_time (), 0)))
        break;
      if (o->log)
        print_new_events (run, logged);
      if (weft_run_get_outcome (run) != WEFT_OUTCOME_NONE)
        break;
      /* Nothing parked and no outcome cannot last: the monitor reports a deadlock or the
       * end as soon as the last thread blocks or leaves. */
      if (!weft_run_step (run, NULL, NULL))
        break;
    }
  weft_run_wait_settled (run, MAX (deadline - g_get_monotonic_time (), 0));
}

static void
print_result (WeftRun *run)
{
  WeftOutcome outcome = weft_run_get_outcome (run);
  double seconds = weft_run_get_elapsed_ns (run) / 1e9;

  if (outcome == WEFT_OUTCOME_DEADLOCK)
    {
      g_autoptr(GArray) edges = weft_run_dup_deadlock_cycle (run);
      /* The cycle in the words of the scene's caption and the window's banner; a long one
       * (a thousand philosophers) stays one readable line: its first threads, "…", its
       * last; the summary has it whole. */
      g_autofree char *cycle = weft_describe_run_cycle (run, WEFT_CYCLE_THREADS_SHOWN);
      guint n = edges != NULL ? edges->len : 0;

      if (cycle == NULL)
        {
          /* Every thread waits, with no cycle of locks: the banner's sentence. */
          g_autofree char *deadlock = weft_describe_run_deadlock (run, WEFT_CYCLE_THREADS_SHOWN);

          g_print ("%s\n", deadlock);
        }
      else if (n > WEFT_CYCLE_THREADS_SHOWN)
        /* Translators: weft-cli's result when the deadlock's cycle is long; %s is the
         * cycle, shortened with "…", and %u the number of threads in it. */
        g_print (g_dngettext (GETTEXT_PACKAGE, "Deadlock after %.3f s: %s (%u thread)\n",
                              "Deadlock after %.3f s: %s (%u threads)\n", n),
                 seconds, cycle, n);
      else
        g_print (_("Deadlock after %.3f s: %s\n"), seconds, cycle);
    }
  else if (outcome == WEFT_OUTCOME_COMPLETED)
    g_print (_("Every thread finished after %.3f s.\n"), seconds);
  else
    g_print (_("Stopped after %.3f s; no deadlock was detected.\n"), seconds);
}

/* Fails early, before the run, when @path's folder is missing or not writable. */
static gboolean
check_output_path (const char *path,
                   const char *what)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *display = g_filename_display_name (path);

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_printerr (_("weft-cli: cannot write the %s to “%s”: %s\n"), what, display,
                  g_strerror (ENOENT));
      return FALSE;
    }
  if (access (dir, W_OK) != 0 || (g_file_test (path, G_FILE_TEST_EXISTS) && access (path, W_OK) != 0))
    {
      int saved = errno;

      g_printerr (_("weft-cli: cannot write the %s to “%s”: %s\n"), what, display,
                  g_strerror (saved));
      return FALSE;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_printerr (_("weft-cli: cannot write the %s to “%s”: %s\n"), what, display,
                  g_strerror (EISDIR));
      return FALSE;
    }
  return TRUE;
}

/* @model: the run's, partly built while it went (NULL when no output needs one). */
static int
write_outputs (WeftRun          *run,
               WeftModel        *model,
               const WeftParams *params,
               const RunOptions *o)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  /* One reading of the events for every output: the image and the trace file draw the
   * same arrows. */
  if (model != NULL)
    weft_model_sync (model, run);

  if (o->export != NULL)
    {
      g_autofree char *subtitle = weft_run_describe_setup (run, params);
      g_autofree char *parameters = weft_run_describe_parameters (run, params);
      WeftPageOptions options;
      WeftImageFormat format = WEFT_IMAGE_PNG;
      int width = 1920, height = 1080;
      g_autofree char *caption = weft_run_describe_outcome (run);

      weft_model_set_title (model, weft_model_get_title (model), subtitle);
      weft_model_set_caption (model, caption);
      weft_page_options_init (&options);
      if (o->view != NULL)
        weft_view_from_string (o->view, &options.view);
      if (o->theme != NULL)
        weft_theme_from_string (o->theme, &options.theme);
      if (o->size != NULL)
        weft_size_parse (o->size, &width, &height, NULL);
      options.width = width;
      options.height = height;
      weft_image_format_from_path (o->export, &format);
      if (!weft_export_image_with_setup (model, &options, parameters, format, o->export, &error))
        {
          g_printerr ("weft-cli: %s\n", error->message);
          g_clear_error (&error);
          status = EXIT_OUTPUT;
        }
    }

  if (o->trace != NULL)
    {
      if (!weft_trace_json_write (run, model, o->trace, &error))
        {
          g_printerr ("weft-cli: %s\n", error->message);
          status = EXIT_OUTPUT;
        }
    }

  return status;
}

/* The options of a run's outputs, shared by run and replay (GOption copies the entries;
 * they point into @o, which outlives the parse). */
static void
add_output_entries (GOptionContext *context,
                    RunOptions     *o)
{
  const GOptionEntry entries[] = {
    { "summary", 0, 0, G_OPTION_ARG_FILENAME, &o->summary, N_("Write the summary JSON to FILE, or to standard output with -"), N_("FILE|-") },
    { "log", 0, 0, G_OPTION_ARG_NONE, &o->log, N_("Print every event as it happens"), NULL },
    { "trace", 0, 0, G_OPTION_ARG_FILENAME, &o->trace, N_("Write the trace for Perfetto (ui.perfetto.dev)"), N_("FILE.json") },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &o->export, N_("Export an image of the run: the timeline, the scene or both"), N_("FILE.png|.svg|.pdf") },
    { "view", 0, 0, G_OPTION_ARG_STRING, &o->view, N_("What to export (default both)"), N_("timeline|scene|both") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &o->size, N_("Size of the exported image (default 1920x1080; presets 1280x720, 1024x768, A4)"), N_("WIDTHxHEIGHT") },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &o->theme, N_("Theme of the exported image (default light)"), N_("light|dark|print") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

/* The options that describe outputs, checked before the run costs anything: their
 * values, and that their folders can be written. Returns an exit status, 0 when fine. */
static int
check_output_options (const RunOptions *o)
{
  g_autoptr(GError) error = NULL;
  WeftView view;
  WeftThemeId theme;
  WeftImageFormat format;
  int width, height;

  if (o->view != NULL && !weft_view_from_string (o->view, &view))
    return usage_error (_("Invalid --view “%s”: allowed is timeline, scene or both"), o->view);
  if (o->theme != NULL && !weft_theme_from_string (o->theme, &theme))
    return usage_error (_("Invalid --theme “%s”: allowed is light, dark or print"), o->theme);
  if (o->size != NULL && !weft_size_parse (o->size, &width, &height, &error))
    return usage_error ("%s", error->message);
  if (o->export != NULL && !weft_image_format_from_path (o->export, &format))
    return usage_error (_("Invalid --export “%s”: the file name must end in .png, .svg or .pdf"), o->export);
  if (o->trace != NULL && !g_str_has_suffix (o->trace, ".json"))
    return usage_error (_("Invalid --trace “%s”: the file name must end in .json"), o->trace);
  if (o->save != NULL && !g_str_has_suffix (o->save, ".weft"))
    return usage_error (_("Invalid --save “%s”: the file name must end in .weft"), o->save);
  if ((o->view != NULL || o->theme != NULL || o->size != NULL) && o->export == NULL)
    return usage_error (_("--view, --size and --theme describe the image: add --export FILE.png|.svg|.pdf"));
  if (o->export != NULL && !check_output_path (o->export, _("image")))
    return EXIT_OUTPUT;
  if (o->trace != NULL && !check_output_path (o->trace, _("trace")))
    return EXIT_OUTPUT;
  if (o->save != NULL && !check_output_path (o->save, _("run")))
    return EXIT_OUTPUT;
  if (o->summary != NULL && !g_str_equal (o->summary, "-") && !check_output_path (o->summary, _("summary")))
    return EXIT_OUTPUT;
  return 0;
}

/* The run over (or to be stopped now): stops it, prints its result and writes every
 * output asked for; each is tried whatever happened to the others, so that a run's
 * results are not lost to one unwritable file. */
static int
finish_run (WeftRun            *run,
            const WeftScenario *scenario,
            const WeftParams   *params,
            WeftModel          *model,
            const RunOptions   *o,
            guint64            *logged)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) summary = NULL;
  g_autofree char *data = NULL;
  gboolean to_stdout = o->summary != NULL && g_str_equal (o->summary, "-");
  int status = 0;
  gsize length;

  weft_run_stop (run);
  if (o->log)
    print_new_events (run, logged);

  summary = weft_summary_build (run, params);
  data = weft_summary_to_data (summary, &length);
  if (to_stdout)
    g_print ("%s\n", data);
  else
    print_result (run);

  if (o->summary != NULL && !to_stdout)
    {
      WeftOutput output;
      int errsv = 0;
      gboolean ok = weft_output_open (&output, o->summary, &error);

      if (ok)
        {
          if (!weft_output_write (&output, data, length) || !weft_output_write (&output, "\n", 1))
            errsv = errno;
          ok = weft_output_close (&output, errsv, &error);
        }
      if (!ok)
        {
          g_printerr ("weft-cli: %s\n", error->message);
          g_clear_error (&error);
          status = EXIT_OUTPUT;
        }
    }

  if (o->save != NULL)
    {
      g_autoptr(WeftRunFile) file = weft_run_file_new_from_run (run, scenario, params);

      if (o->notes != NULL)
        {
          g_free (file->notes);
          file->notes = g_strdup (o->notes);
        }
      if (!weft_run_file_save (file, o->save, &error))
        {
          g_printerr ("weft-cli: %s\n", error->message);
          g_clear_error (&error);
          status = EXIT_OUTPUT;
        }
    }

  if (write_outputs (run, model, params, o) != 0)
    status = EXIT_OUTPUT;

  return status;
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
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.sets, N_("Set a parameter of the scenario"), N_("KEY=VALUE") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &o.seed, N_("Seed of the random delays (default: a new one)"), N_("N") },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &o.mode, N_("run: threads go freely; step: a policy picks who moves, one operation at a time"), N_("run|step") },
    { "policy", 0, 0, G_OPTION_ARG_STRING, &o.policy, N_("Who moves next in step mode (default round-robin)"), N_("round-robin|random") },
    { "duration", 0, 0, G_OPTION_ARG_DOUBLE, &o.duration, N_("Stop after this wall time (default 10)"), N_("SECONDS") },
    { "steps", 0, 0, G_OPTION_ARG_INT64, &o.steps, N_("Step budget in step mode (default 10000)"), N_("N") },
    { "speed", 0, 0, G_OPTION_ARG_DOUBLE, &o.speed, N_("Speed factor for the scenario’s pauses (default 1)"), N_("FACTOR") },
    { "save", 0, 0, G_OPTION_ARG_FILENAME, &o.save, N_("Save the run (its scenario, parameters, seed and interleaving) to replay it later"), N_("FILE.weft") },
    { NULL }
  };

  g_set_prgname ("weft-cli run");
  context = g_option_context_new (_("SCENARIO"));
  g_option_context_set_summary (context, _("Run a scenario headless and report what happened."));
  g_option_context_set_description (context, _("Run “weft-cli list” to see the scenarios and their parameters."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  add_output_entries (context, &o);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("%s", error->message);

  if (argc < 2)
    return usage_error (_("“run” needs a scenario; run “weft-cli list” to see them"));
  if (argc > 2)
    return usage_error (_("“run” takes one scenario, but got “%s” too"), argv[2]);

  scenario = weft_scenarios_lookup (argv[1]);
  if (scenario == NULL)
    {
      const WeftScenario * const *all;
      g_autoptr(GString) ids = g_string_new (NULL);
      guint n;

      all = weft_scenarios_get_all (&n);
      for (guint i = 0; i < n; i++)
        g_string_append_printf (ids, "%s%s", i > 0 ? ", " : "", all[i]->id);
      return usage_error (_("Unknown scenario “%s”; the scenarios are: %s"), argv[1], ids->str);
    }

  params = weft_params_new (scenario->params, scenario->n_params);
  for (guint i = 0; o.sets != NULL && o.sets[i] != NULL; i++)
    if (!weft_params_parse (params, o.sets[i], &error))
      return usage_error ("%s", error->message);

  if (o.mode != NULL && !weft_mode_from_string (o.mode, &mode))
    return usage_error (_("Invalid --mode “%s”: allowed is run or step"), o.mode);
  if (o.policy != NULL && !weft_policy_from_string (o.policy, &policy))
    return usage_error (_("Invalid --policy “%s”: allowed is round-robin or random"), o.policy);
  if (!(o.duration > 0 && o.duration <= 86400))
    return usage_error (_("Invalid --duration %g: it must be more than 0 and at most 86400 seconds"), o.duration);
  if (o.steps < 1)
    return usage_error (_("Invalid --steps %lld: it must be at least 1"), (long long) o.steps);
  if (!(o.speed >= WEFT_SPEED_MIN && o.speed <= WEFT_SPEED_MAX))
    return usage_error (_("Invalid --speed %g: it must be from %g to %g"), o.speed, WEFT_SPEED_MIN, WEFT_SPEED_MAX);
  if ((status = check_output_options (&o)) != 0)
    return status;

  if (o.seed != NULL)
    {
      if (!g_ascii_string_to_unsigned (o.seed, 10, 0, G_MAXINT64, &seed, &error))
        return usage_error (_("Invalid --seed “%s”: it must be a whole number from 0 to %lld"),
                            o.seed, (long long) G_MAXINT64);
    }
  else
    {
      seed = ((guint64) g_random_int () << 31) ^ g_random_int ();
    }

  run = weft_scenario_create_run (scenario, params, seed, &error);
  if (run == NULL)
    return usage_error ("%s", error->message);

  weft_run_set_policy (run, policy);
  weft_run_set_speed (run, o.speed);
  if (!weft_run_start (run, mode, &error))
    {
      g_printerr ("weft-cli: %s\n", error->message);
      return EXIT_OUTPUT;
    }

  if (o.export != NULL || o.trace != NULL)
    model = weft_model_new_for_run (run);
  if (mode == WEFT_MODE_STEP)
    drive_step_mode (run, &o, &logged);
  else
    drive_run_mode (run, &o, model, &logged);

  return finish_run (run, scenario, params, model, &o, &logged);
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
    { "steps", 0, 0, G_OPTION_ARG_INT64, &o.steps, N_("Replay only the first N steps (default: all)"), N_("N") },
    { "save", 0, 0, G_OPTION_ARG_FILENAME, &o.save, N_("Save the replay (up to where it stopped) to replay it later"), N_("FILE.weft") },
    { NULL }
  };

  g_set_prgname ("weft-cli replay");
  context = g_option_context_new (_("FILE.weft"));
  g_option_context_set_summary (context, _("Replay a saved run step by step, on real threads, and report what happened."));
  g_option_context_set_description (context, _("Save a run with “weft-cli run … --save FILE.weft” or from the window."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  add_output_entries (context, &o);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("%s", error->message);
  if (argc < 2)
    return usage_error (_("“replay” needs a saved run (a .weft file)"));
  if (argc > 2)
    return usage_error (_("“replay” takes one file, but got “%s” too"), argv[2]);
  if ((status = check_output_options (&o)) != 0)
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
    return usage_error (_("Invalid --steps %lld: “%s” has %u steps"), (long long) o.steps, display,
                        file->schedule->len);
  if (o.steps < -1 || o.steps == 0)
    return usage_error (_("Invalid --steps %lld: it must be at least 1"), (long long) o.steps);
  n_steps = o.steps > 0 ? (guint) o.steps : file->schedule->len;

  run = weft_run_file_create_run (file, &error);
  if (run == NULL)
    return usage_error (_("“%s” does not replay: %s"), display, error->message);
  if (file->schedule_cut)
    g_printerr (_("weft-cli: “%s” kept only the first %u operations of its run: the replay stops there\n"),
                display, file->schedule->len);
  if (!weft_run_start (run, WEFT_MODE_STEP, &error))
    {
      g_printerr ("weft-cli: %s\n", error->message);
      return EXIT_OUTPUT;
    }
  if (o.export != NULL || o.trace != NULL)
    model = weft_model_new_for_run (run);

  if (!weft_run_follow_schedule (run, (const guint16 *) (gpointer) file->schedule->data, n_steps,
                                 REPLAY_SETTLE_US, &n_done, &error))
    {
      /* Translators: %s is the file, then why its schedule could not be followed. */
      g_printerr (_("weft-cli: “%s” does not replay: %s\n"), display, error->message);
      weft_run_stop (run);
      return EXIT_USAGE;
    }
  if (o.log)
    print_new_events (run, &logged);
  /* Replayed whole, a run ends as it did (a stopped one at its stop). */
  if (n_steps == file->schedule->len && !file->schedule_cut &&
      (file->outcome == WEFT_OUTCOME_COMPLETED || file->outcome == WEFT_OUTCOME_DEADLOCK) &&
      weft_run_get_outcome (run) != file->outcome)
    g_printerr (_("weft-cli: “%s” ended in “%s” when it was saved, and in “%s” now\n"), display,
                weft_outcome_to_string (file->outcome), weft_outcome_to_string (weft_run_get_outcome (run)));
  if (o.summary == NULL || !g_str_equal (o.summary, "-"))
    /* Translators: weft-cli replay's first line; %u steps of %u, %s the file. */
    g_print (_("Replayed %u of %u steps of “%s”.\n"), n_done, file->schedule->len, display);

  return finish_run (run, file->scenario, file->params, model, &o, &logged);
}

static void
print_usage (void)
{
  g_print ("%s\n\n", _("Usage: weft-cli COMMAND [OPTION…]"));
  g_print ("%s\n", _("Run the scenarios of a concurrency course in real threads, headless."));
  g_print ("\n%s\n", _("Commands:"));
  g_print ("  list [--json]          %s\n", _("List the scenarios and their parameters"));
  g_print ("  run SCENARIO [OPTION…] %s\n", _("Run a scenario and report what happened"));
  g_print ("  replay FILE [OPTION…]  %s\n", _("Replay a saved run step by step"));
  g_print ("\n%s\n", _("Run “weft-cli run --help” or “weft-cli replay --help” for their options."));
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("WEFT_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* The build tree's translations when run through `meson devenv` or the tests, like the
   * window: French exports can be made without installing. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage ();
      return EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage ();
      return 0;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("weft-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  /* Each command parses its own options: shift the command name out of argv[0]. */
  if (g_str_equal (argv[1], "list"))
    return command_list (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "run"))
    return command_run (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "replay"))
    return command_replay (argc - 1, argv + 1);

  return usage_error (_("Unknown command “%s”; the commands are list, run and replay"), argv[1]);
}
