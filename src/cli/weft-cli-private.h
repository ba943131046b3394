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

/* "weft-cli: <message>" on standard error; returns EXIT_USAGE. */
int      weft_cli_usage_error          (const char         *format,
                                        ...) G_GNUC_PRINTF (1, 2);
/* Prints the events appended since *@next (--log), and moves *@next past them. */
void     weft_cli_print_new_events     (WeftRun            *run,
                                        guint64            *next);
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
