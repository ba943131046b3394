/* weft-output.c — see weft-output.h.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "weft-output.h"

static gboolean
set_error (GError    **error,
           const char *path,
           int         errsv)
{
  g_autofree char *display = g_filename_display_name (path);

  /* Translators: the first %s is a file name, the second the reason, e.g. "No such file
   * or directory". */
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
               _("Cannot write “%s”: %s"), display, g_strerror (errsv));
  return FALSE;
}

gboolean
weft_output_open (WeftOutput  *output,
                  const char  *path,
                  GError     **error)
{
  GStatBuf st;

  g_return_val_if_fail (output != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  memset (output, 0, sizeof *output);
  output->fd = -1;

  if (g_stat (path, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        return set_error (error, path, EISDIR);
      if (!S_ISREG (st.st_mode))
        {
          /* A device or a pipe: written as it is, never replaced by a file. */
          output->fd = g_open (path, O_WRONLY | O_CLOEXEC, 0);
          if (output->fd < 0)
            return set_error (error, path, errno);
          output->path = g_strdup (path);
          return TRUE;
        }
      output->replacing = TRUE;
    }

  {
    g_autofree char *dir = g_path_get_dirname (path);
    g_autofree char *base = g_path_get_basename (path);
    mode_t mask;

    output->temp = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
    output->fd = g_mkstemp_full (output->temp, O_WRONLY | O_CLOEXEC, 0666);
    if (output->fd < 0)
      {
        int errsv = errno;

        g_clear_pointer (&output->temp, g_free);
        return set_error (error, path, errsv);
      }
    /* mkstemp makes it private; the output is as readable as any new file. */
    mask = umask (0);
    umask (mask);
    if (fchmod (output->fd, 0666 & ~mask) != 0)
      { /* Keeps the private mode: not worth failing the export for. */ }
  }
  output->path = g_strdup (path);
  return TRUE;
}

gboolean
weft_output_write (WeftOutput *output,
                   const void *data,
                   gsize       length)
{
  const guint8 *p = data;

  while (length > 0)
    {
      gssize n = write (output->fd, p, length);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      p += n;
      length -= (gsize) n;
    }
  return TRUE;
}

gboolean
weft_output_close (WeftOutput  *output,
                   int          errsv,
                   GError     **error)
{
  gboolean ok;

  /* A file that replaces another must be on the disk before the rename. */
  if (errsv == 0 && output->temp != NULL && output->replacing && g_fsync (output->fd) != 0)
    errsv = errno;
  if (output->fd >= 0 && close (output->fd) != 0 && errsv == 0)
    errsv = errno;
  output->fd = -1;
  if (errsv == 0 && output->temp != NULL && g_rename (output->temp, output->path) != 0)
    errsv = errno;

  if (errsv != 0 && output->temp != NULL)
    g_unlink (output->temp);

  ok = errsv == 0 || set_error (error, output->path, errsv);
  g_clear_pointer (&output->temp, g_free);
  g_clear_pointer (&output->path, g_free);
  return ok;
}
