/* weft-run-file.h — a run saved as a .weft file, and read back to be replayed.
 *
 * A .weft file is JSON (through json-glib):
 *
 *   { "format": "weft-run", "version": 1, "scenario": "philosophers",
 *     "params": { "count": "5", "strategy": "naive", … },   every parameter, as text
 *     "seed": 1032, "mode": "run", "policy": "round-robin",
 *     "outcome": "deadlock", "schedule": [0, 1, 2, …], "schedule_cut": false,
 *     "notes": "" }
 *
 * The schedule is the run's interleaving (weft-schedule.h): a run of the same scenario,
 * parameters and seed, stepped through it, performs the same operations in the same
 * order. A file is read whole and checked before anything is done with it: what is wrong
 * is said with the file's name (not JSON, not a Weft run, a newer format, an unknown
 * scenario, a parameter that is not the scenario's or out of its range, a schedule that is
 * not a list of thread numbers or names a thread the run does not have). A schedule whose
 * thread cannot move at its step is found when it is followed (weft_run_follow_schedule()).
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "weft-core.h"

G_BEGIN_DECLS

#define WEFT_RUN_FILE_FORMAT  "weft-run"
#define WEFT_RUN_FILE_VERSION 1

typedef struct
{
  const WeftScenario *scenario;
  WeftParams         *params;        /* the scenario's, every one set */
  guint64             seed;
  WeftMode            mode;          /* how the run was made */
  WeftPolicy          policy;
  WeftOutcome         outcome;       /* how it ended (NONE: saved while going) */
  GArray             *schedule;      /* guint16 actor indices */
  gboolean            schedule_cut;  /* the run went on past WEFT_SCHEDULE_MAX */
  char               *notes;         /* the teacher's; "" when none */
} WeftRunFile;

/* What @run (made from @scenario with @params) is now: its schedule so far. */
WeftRunFile *weft_run_file_new_from_run (WeftRun            *run,
                                         const WeftScenario *scenario,
                                         const WeftParams   *params);
void         weft_run_file_free         (WeftRunFile        *self);

/* Writes @self to @path, whole or not at all (weft-output.h); @error names the file. */
gboolean     weft_run_file_save         (const WeftRunFile  *self,
                                         const char         *path,
                                         GError            **error);
/* Reads @path. Fails with a G_FILE_ERROR when it cannot be read, and with WEFT_ERROR
 * (WEFT_ERROR_BAD_FILE, or the parameter's own code) when what it holds is not a run
 * this Weft can replay; the message names the file and the problem. */
WeftRunFile *weft_run_file_load         (const char         *path,
                                         GError            **error);
/* A fresh run of the file's scenario, parameters and seed, with its policy: not started. */
WeftRun     *weft_run_file_create_run   (const WeftRunFile  *self,
                                         GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WeftRunFile, weft_run_file_free)

G_END_DECLS
