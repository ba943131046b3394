/* weft-cli-private.h — what weft-cli.c and weft-cli-output.c share: the exit statuses,
 * the options of a run and of a replay, and what is said and written at a run's end.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "weft-core.h"
#include "weft-model.h"

G_BEGIN_DECLS

#define EXIT_USAGE  2
#define EXIT_OUTPUT 1

typedef struct
{
  char    **sets;
  char     *seed;
  char     *mode;
  char     *policy;
  char     *duration_text;  /* as given: parsed by weft_cli_parse_number_options() */
  char     *steps_text;
  char     *speed_text;
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

void     weft_cli_run_options_clear    (RunOptions         *o);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RunOptions, weft_cli_run_options_clear)

/* Standard output (weft-cli-stdout.c): call _init first; everything printed goes through
 * weft_cli_print() or weft_cli_write_raw(); _finish flushes and, when a write failed, says
 * so and returns EXIT_OUTPUT (0 otherwise). */
void     weft_cli_stdout_init          (void);
gboolean weft_cli_stdout_failed        (void);
gboolean weft_cli_write_raw            (const char         *data,
                                        gsize               length);
void     weft_cli_print                (const char         *format,
                                        ...) G_GNUC_PRINTF (1, 2);
/* Writes out what is buffered (before an output that may be standard output itself). */
void     weft_cli_stdout_flush         (void);
int      weft_cli_stdout_finish        (void);

/* Signals (weft-cli-signals.c): _init first thing in main(), before any thread; a run
 * being watched is stopped by the first SIGINT, SIGTERM or SIGHUP (NULL: none); the
 * first signal's number, 0 when none came. */
void     weft_cli_signals_init         (void);
void     weft_cli_signals_watch_run    (WeftRun            *run);
int      weft_cli_signals_received     (void);

/* Parses @context's options with a --help of weft-cli's own (printed through its standard
 * output); FALSE when the command is over: the help shown (*@status 0) or a GOption
 * failure said with where to see the options (*@status EXIT_USAGE). */
gboolean weft_cli_parse_options        (GOptionContext     *context,
                                        int                *argc,
                                        char             ***argv,
                                        int                *status);
/* The text options of @o, taken as bytes (GOption refused bytes that are not UTF-8 with
 * "Invalid byte sequence", naming no option), made UTF-8 so that the messages refusing
 * them can show them. */
void     weft_cli_make_text_options    (RunOptions         *o);
/* --duration, --steps and --speed from their texts (when given) into @o, each with a
 * message naming the option and what is allowed. Returns an exit status, 0 when fine. */
int      weft_cli_parse_number_options (RunOptions         *o);

/* "weft-cli: <message>" on standard error; returns EXIT_USAGE. */
int      weft_cli_usage_error          (const char         *format,
                                        ...) G_GNUC_PRINTF (1, 2);
/* Prints the events appended since *@next (--log) until @until_us (monotonic time) at
 * most, jumping ahead when it has fallen far behind, and moves *@next past what it
 * printed; @final: the run is over, what is left is said and skipped. */
void     weft_cli_print_new_events     (WeftRun            *run,
                                        guint64            *next,
                                        gint64              until_us,
                                        gboolean            final);
/* The options of a run's outputs (--summary, --log, --trace, --export, --view, --size,
 * --theme), shared by run and replay. */
void     weft_cli_add_output_entries   (GOptionContext     *context,
                                        RunOptions         *o);
/* Checks them before the run costs anything; returns an exit status, 0 when fine. */
int      weft_cli_check_output_options (const RunOptions   *o);
/* Stops @run, prints its result and writes every output asked for; returns the exit
 * status. @model: the run's, partly built while it went (NULL when no output needs it). */
int      weft_cli_finish_run           (WeftRun            *run,
                                        const WeftScenario *scenario,
                                        const WeftParams   *params,
                                        WeftModel          *model,
                                        const RunOptions   *o,
                                        guint64            *logged);

G_END_DECLS
