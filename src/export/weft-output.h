/* weft-output.h — writing an output file safely: a regular file (or a new one) is written
 * beside its path and renamed over it once whole, so readers see the old file or the new
 * one, never a part, and a failure leaves nothing behind; anything else that exists at
 * the path (a terminal, a pipe, /dev/null) is written in place, never replaced; so is
 * one of the process's descriptors (/dev/stdout, /dev/fd/N). A symbolic link is written
 * through to the file it points to.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  int       fd;         /* write here */
  char     *path;       /* as given, for messages */
  char     *real;       /* @path with its symbolic links followed: what is written */
  char     *temp;       /* NULL when written in place */
  gboolean  replacing;  /* an existing regular file will be replaced */
} WeftOutput;

/* Before the work that makes an output: whether @path can be written (not empty, not a
 * folder, its folder takes a new file, a device opens for writing), with the error the
 * write would give, "Cannot write “…”: <reason>". Leaves nothing behind. */
gboolean weft_output_check (const char  *path,
                            GError     **error);

gboolean weft_output_open  (WeftOutput  *output,
                            const char  *path,
                            GError     **error);
/* Writes all of @data; FALSE with errno set on failure. */
gboolean weft_output_write (WeftOutput  *output,
                            const void  *data,
                            gsize        length);
/* Finishes: with @errsv 0, makes the file whole at its path; otherwise (or when that
 * fails) removes what was written and sets @error naming the file and the reason.
 * Frees @output's fields either way. */
gboolean weft_output_close (WeftOutput  *output,
                            int          errsv,
                            GError     **error);

/* Removes every temporary file being written (a signal makes the process quit in the
 * middle of a write); async-signal-safe. Temporary files are named
 * ".NAME.weft-tmp-XXXXXX" and locked (flock) while written; those nobody holds any more
 * (a process killed or crashed mid-write) are removed by the next write to the same NAME. */
void     weft_output_remove_temporaries (void);

G_END_DECLS
