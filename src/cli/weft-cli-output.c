/* weft-cli-output.c — what weft-cli says and writes: usage errors, the events as they
 * happen (--log), and at a run's end its result, its summary, image, trace and saved run,
 * every output tried whatever happened to the others.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
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
                               "         …  %s event not printed: the log fell behind the run\n",
                               "         …  %s events not printed: the log fell behind the run\n",
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
  /* Events the trace recycled before they were read are not printed either. */
  print_not_printed (cursor.skipped + (final ? n : 0));
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
void
weft_cli_add_output_entries (GOptionContext *context,
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
    return weft_cli_usage_error ("%s", error->message);
  if (o->export != NULL && !weft_image_format_from_path (o->export, &format))
    return weft_cli_usage_error (_("Invalid --export “%s”: the file name must end in .png, .svg or .pdf"), o->export);
  if (o->trace != NULL && !g_str_has_suffix (o->trace, ".json"))
    return weft_cli_usage_error (_("Invalid --trace “%s”: the file name must end in .json"), o->trace);
  if (o->save != NULL && !g_str_has_suffix (o->save, ".weft"))
    return weft_cli_usage_error (_("Invalid --save “%s”: the file name must end in .weft"), o->save);
  if ((o->view != NULL || o->theme != NULL || o->size != NULL) && o->export == NULL)
    return weft_cli_usage_error (_("--view, --size and --theme describe the image: add --export FILE.png|.svg|.pdf"));
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
