/* weft-cli-output.c — what weft-cli says and writes: usage errors, the events as they
 * happen (--log), and at a run's end its result, its summary, image, trace and saved run,
 * every output tried whatever happened to the others.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "weft-cli-private.h"
#include "weft-export.h"
#include "weft-output.h"
#include "weft-run-file.h"
#include "weft-summary.h"
#include "weft-trace-json.h"

int
weft_cli_usage_error (const char *format,
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

void
weft_cli_run_options_clear (RunOptions *o)
{
  g_strfreev (o->sets);
  g_free (o->duration_text);
  g_free (o->steps_text);
  g_free (o->speed_text);
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

/* Trace events the log may fall behind the run by before it jumps ahead (about a second
 * of printing to a file), and the events it keeps before the present when it does. */
#define LOG_BEHIND_MAX 200000
#define LOG_RESUME     10000

static void
print_not_printed (guint64 n)
{
  char count[32];

  if (n == 0)
    return;
  g_snprintf (count, sizeof count, "%" G_GUINT64_FORMAT, n);
  /* Translators: a line of weft-cli's --log where it jumped ahead, with the time
   * column's width of blanks before it; %s is a count of events. */
  weft_cli_print (g_dngettext (GETTEXT_PACKAGE,
                               "         …  %s event of the trace skipped: the log fell behind the run\n",
                               "         …  %s events of the trace skipped: the log fell behind the run\n",
                               n > G_MAXULONG ? G_MAXULONG : (gulong) n),
                  count);
}

/* Prints the events appended since *@next, one sentence a line, as the course's programs
 * print theirs; what weft_event_is_logged() leaves out is noise in a log. The log is a
 * reader of the trace that never holds the run back: it prints until @until_us (monotonic
 * time) at most, and when it has fallen more than LOG_BEHIND_MAX events behind it jumps
 * to near the present and says how many it did not print. @final: the run is over, so
 * what is left unprinted at @until_us is said too. */
void
weft_cli_print_new_events (WeftRun *run,
                           guint64 *next,
                           gint64   until_us,
                           gboolean final)
{
  WeftTrace *trace = weft_run_get_trace (run);
  WeftTraceCursor cursor;
  WeftEvent event;
  guint64 head = weft_trace_get_n_events (trace);
  guint64 n;

  /* Standard output is gone: there is no one to print for. */
  if (weft_cli_stdout_failed ())
    {
      *next = head;
      return;
    }

  if (head > *next && head - *next > LOG_BEHIND_MAX)
    {
      print_not_printed (head - LOG_RESUME - *next);
      *next = head - LOG_RESUME;
    }

  /* Up to what was published when we started: a live run does not keep us printing. */
  weft_trace_cursor_init (&cursor, trace, *next);
  for (n = head > *next ? head - *next : 0; n > 0; n--)
    {
      g_autofree char *text = NULL;

      if ((n & 63) == 0 && g_get_monotonic_time () >= until_us)
        break;
      if (!weft_trace_cursor_next (&cursor, &event))
        {
          n = 0;
          break;
        }
      if (!weft_event_is_logged (run, &event))
        continue;

      text = weft_event_describe (run, &event);
      weft_cli_print ("%10.3f  %s\n", weft_event_get_time (&event) / 1e9, text);
    }
  /* Events the trace recycled before they were read are not printed either; at the end,
   * neither are those left when the time was up. */
  print_not_printed (cursor.skipped + (final && head > cursor.next ? head - cursor.next : 0));
  *next = final ? MAX (head, cursor.next) : cursor.next;
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

          weft_cli_print ("%s\n", deadlock);
        }
      else if (n > WEFT_CYCLE_THREADS_SHOWN)
        /* Translators: weft-cli's result when the deadlock's cycle is long; %s is the
         * cycle, shortened with "…", and %u the number of threads in it. */
        weft_cli_print (g_dngettext (GETTEXT_PACKAGE, "Deadlock after %.3f s: %s (%u thread)\n",
                              "Deadlock after %.3f s: %s (%u threads)\n", n),
                 seconds, cycle, n);
      else
        weft_cli_print (_("Deadlock after %.3f s: %s\n"), seconds, cycle);
    }
  else if (outcome == WEFT_OUTCOME_COMPLETED)
    weft_cli_print (_("Every thread finished after %.3f s.\n"), seconds);
  else
    weft_cli_print (_("Stopped after %.3f s; no deadlock was detected.\n"), seconds);
}

/* Fails early, before the run, when @path cannot be written: the message the write would
 * give ("Cannot write “…”: <reason>"), or, for an empty path, which option was empty. */
static gboolean
check_output_path (const char *path,
                   const char *option)
{
  g_autoptr(GError) error = NULL;

  if (*path == '\0')
    {
      /* Translators: %s is an option, e.g. --summary. */
      weft_cli_usage_error (_("Invalid %s “”: it needs a file name"), option);
      return FALSE;
    }
  if (!weft_output_check (path, &error))
    {
      g_printerr ("weft-cli: %s\n", error->message);
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
void
weft_cli_add_output_entries (GOptionContext *context,
                             RunOptions     *o)
{
  const GOptionEntry entries[] = {
    { "summary", 0, 0, G_OPTION_ARG_FILENAME, &o->summary, N_("Write the summary JSON to FILE, or to standard output with -"), N_("FILE|-") },
    { "log", 0, 0, G_OPTION_ARG_NONE, &o->log, N_("Print every event as it happens"), NULL },
    { "trace", 0, 0, G_OPTION_ARG_FILENAME, &o->trace, N_("Write the trace for Perfetto (ui.perfetto.dev)"), N_("FILE.json") },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &o->export, N_("Export an image of the run: the timeline, the scene or both"), N_("FILE.png|.svg|.pdf") },
    { "view", 0, 0, G_OPTION_ARG_FILENAME, &o->view, N_("What to export (default both)"), N_("timeline|scene|both") },
    { "size", 0, 0, G_OPTION_ARG_FILENAME, &o->size, N_("Size of the exported image (default 1920x1080; presets 1280x720, 1024x768, A4)"), N_("WIDTHxHEIGHT") },
    { "theme", 0, 0, G_OPTION_ARG_FILENAME, &o->theme, N_("Theme of the exported image (default light)"), N_("light|dark|print") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

/* Whether @path ends in @extension, in any case: x.JSON like x.PNG (the image's format
 * is read from its extension in any case too). */
static gboolean
has_extension (const char *path,
               const char *extension)
{
  gsize length = strlen (path), n = strlen (extension);

  return length >= n && g_ascii_strcasecmp (path + length - n, extension) == 0;
}

gboolean
weft_cli_parse_options (GOptionContext   *context,
                        int              *argc,
                        char           ***argv,
                        int              *status)
{
  g_autoptr(GError) error = NULL;
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_("Show the options"), NULL },
    { NULL }
  };

  /* GOption prints its help itself and exits 0, whatever became of the text: weft-cli
   * prints it through its standard output, where a failed write is said. */
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      /* Translators: after GOption's message, e.g. "Unknown option --foo"; %s is the
       * command, e.g. "weft-cli run". */
      *status = weft_cli_usage_error (_("%s; run “%s --help” to see the options"), error->message,
                                      g_get_prgname ());
      return FALSE;
    }
  if (help)
    {
      g_autofree char *text = g_option_context_get_help (context, TRUE, NULL);

      weft_cli_print ("%s", text);
      *status = 0;
      return FALSE;
    }
  return TRUE;
}

/* @value made UTF-8 in place, the bytes that are not shown as U+FFFD: no value of a text
 * option is allowed to have them, and the message that refuses it then names the option
 * and what is allowed, where GOption said "Invalid byte sequence in conversion input". */
static void
make_text (char **value)
{
  char *valid;

  if (*value == NULL || g_utf8_validate (*value, -1, NULL))
    return;
  valid = g_utf8_make_valid (*value, -1);
  g_free (*value);
  *value = valid;
}

void
weft_cli_make_text_options (RunOptions *o)
{
  char **texts[] = { &o->seed, &o->mode, &o->policy, &o->duration_text, &o->steps_text, &o->speed_text,
                     &o->view, &o->size, &o->theme };

  for (guint i = 0; o->sets != NULL && o->sets[i] != NULL; i++)
    make_text (&o->sets[i]);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    make_text (texts[i]);
}

/* A whole decimal @text, blanks around it allowed, into @value; FALSE when it is not. */
static gboolean
parse_double (const char *text,
              double     *value)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  char *end = NULL;

  if (*stripped == '\0')
    return FALSE;
  *value = g_ascii_strtod (stripped, &end);
  return end != NULL && *end == '\0' && isfinite (*value);
}

int
weft_cli_parse_number_options (RunOptions *o)
{
  if (o->duration_text != NULL &&
      (!parse_double (o->duration_text, &o->duration) || !(o->duration > 0 && o->duration <= 86400)))
    return weft_cli_usage_error (_("Invalid --duration “%s”: it must be a number of seconds, more than 0 "
                                   "and at most 86400"), o->duration_text);
  if (o->speed_text != NULL &&
      (!parse_double (o->speed_text, &o->speed) || !(o->speed >= WEFT_SPEED_MIN && o->speed <= WEFT_SPEED_MAX)))
    return weft_cli_usage_error (_("Invalid --speed “%s”: it must be a number from %g to %g"), o->speed_text,
                                 WEFT_SPEED_MIN, WEFT_SPEED_MAX);
  if (o->steps_text != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (o->steps_text));
      guint64 steps;

      if (!g_ascii_string_to_unsigned (stripped, 10, 1, WEFT_SCHEDULE_MAX, &steps, NULL))
        /* Translators: %s is the value given, %u the largest allowed. */
        return weft_cli_usage_error (_("Invalid --steps “%s”: it must be a whole number from 1 to %u"),
                                     o->steps_text, (guint) WEFT_SCHEDULE_MAX);
      o->steps = (gint64) steps;
    }
  return 0;
}

/* The options that describe outputs, checked before the run costs anything: their
 * values, and that their folders can be written. Returns an exit status, 0 when fine. */
int
weft_cli_check_output_options (const RunOptions *o)
{
  g_autoptr(GError) error = NULL;
  WeftView view;
  WeftThemeId theme;
  WeftImageFormat format;
  int width, height;

  if (o->view != NULL && !weft_view_from_string (o->view, &view))
    return weft_cli_usage_error (_("Invalid --view “%s”: allowed is timeline, scene or both"), o->view);
  if (o->theme != NULL && !weft_theme_from_string (o->theme, &theme))
    return weft_cli_usage_error (_("Invalid --theme “%s”: allowed is light, dark or print"), o->theme);
  if (o->size != NULL && !weft_size_parse (o->size, &width, &height, &error))
    /* Translators: %s is why the size is refused, e.g. "Invalid size “A5”: use WIDTHxHEIGHT
     * (e.g. 1920x1080) or A4". */
    return weft_cli_usage_error (_("--size: %s"), error->message);
  if (o->export != NULL && !weft_image_format_from_path (o->export, &format))
    {
      g_autofree char *shown = g_filename_display_name (o->export);

      return weft_cli_usage_error (_("Invalid --export “%s”: the file name must end in .png, .svg or .pdf"), shown);
    }
  if (o->trace != NULL && !has_extension (o->trace, ".json"))
    {
      g_autofree char *shown = g_filename_display_name (o->trace);

      return weft_cli_usage_error (_("Invalid --trace “%s”: the file name must end in .json"), shown);
    }
  if (o->save != NULL && !has_extension (o->save, ".weft"))
    {
      g_autofree char *shown = g_filename_display_name (o->save);

      return weft_cli_usage_error (_("Invalid --save “%s”: the file name must end in .weft"), shown);
    }
  if ((o->view != NULL || o->theme != NULL || o->size != NULL) && o->export == NULL)
    return weft_cli_usage_error (_("--view, --size and --theme describe the image: add --export FILE.png|.svg|.pdf"));
  {
    const struct { const char *path; const char *option; } outputs[] = {
      { o->export, "--export" },
      { o->trace, "--trace" },
      { o->save, "--save" },
      { o->summary != NULL && !g_str_equal (o->summary, "-") ? o->summary : NULL, "--summary" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
      if (outputs[i].path != NULL && !check_output_path (outputs[i].path, outputs[i].option))
        return *outputs[i].path == '\0' ? EXIT_USAGE : EXIT_OUTPUT;
  }
  return 0;
}

/* The run over (or to be stopped now): stops it, prints its result and writes every
 * output asked for; each is tried whatever happened to the others, so that a run's
 * results are not lost to one unwritable file. */
int
weft_cli_finish_run (WeftRun            *run,
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
  /* The log's last events, the run's end among them, within a second: a log that fell
   * far behind says what it did not print. */
  if (o->log)
    weft_cli_print_new_events (run, logged, g_get_monotonic_time () + G_USEC_PER_SEC, TRUE);

  summary = weft_summary_build (run, params);
  data = weft_summary_to_data (summary, &length);
  if (to_stdout)
    {
      /* JSON is UTF-8 whatever the locale. */
      weft_cli_write_raw (data, length);
      weft_cli_write_raw ("\n", 1);
    }
  else
    print_result (run);

  /* What was printed goes before what is written: an output may be standard output
   * (--summary /dev/stdout). */
  weft_cli_stdout_flush ();

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
  weft_cli_signals_watch_run (NULL);

  return status;
}
