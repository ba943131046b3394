/* weft-cli-stdout.c — weft-cli's standard output: one stdio buffer for everything it
 * prints there (g_print flushes at each line, which made a long --log crawl), text in the
 * locale's charset as g_print writes it, and the first failure kept, so that a full disk or
 * a closed stdout ends in "Cannot write to standard output" and exit 1, not in silence.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "weft-cli-private.h"

/* errno of the first failed write to standard output; 0 while all went well. */
static int stdout_errno;

void
weft_cli_stdout_init (void)
{
  /* Closed by the caller (`weft-cli run … >&-`): whatever was to be printed is lost, which
   * is said at the end. The descriptor is taken by /dev/null meanwhile, or the first file
   * weft-cli opens would get it and receive the printed text. */
  if (fcntl (STDOUT_FILENO, F_GETFD) < 0 && errno == EBADF)
    {
      int fd = open ("/dev/null", O_WRONLY | O_CLOEXEC);

      stdout_errno = EBADF;
      if (fd >= 0 && fd != STDOUT_FILENO)
        {
          dup2 (fd, STDOUT_FILENO);
          close (fd);
        }
    }

  /* A file or a pipe takes the text in large writes; a terminal line by line. */
  if (!isatty (STDOUT_FILENO))
    setvbuf (stdout, NULL, _IOFBF, 64 * 1024);
}

gboolean
weft_cli_stdout_failed (void)
{
  return stdout_errno != 0;
}

gboolean
weft_cli_write_raw (const char *data,
                    gsize       length)
{
  if (stdout_errno != 0)
    return FALSE;
  errno = 0;
  if (fwrite (data, 1, length, stdout) != length)
    {
      stdout_errno = errno != 0 ? errno : EIO;
      return FALSE;
    }
  return TRUE;
}

void
weft_cli_print (const char *format,
                ...)
{
  g_autofree char *text = NULL;
  const char *charset;
  va_list args;

  if (stdout_errno != 0)
    return;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  /* As g_print does: UTF-8 text in a locale that is not, with "?" for what it lacks. */
  if (!g_get_charset (&charset))
    {
      g_autofree char *converted = g_convert_with_fallback (text, -1, charset, "UTF-8", "?",
                                                            NULL, NULL, NULL);

      if (converted != NULL)
        {
          weft_cli_write_raw (converted, strlen (converted));
          return;
        }
    }
  weft_cli_write_raw (text, strlen (text));
}

int
weft_cli_stdout_finish (void)
{
  errno = 0;
  if (fflush (stdout) != 0 && stdout_errno == 0)
    stdout_errno = errno != 0 ? errno : EIO;
  if (stdout_errno == 0)
    return 0;

  /* Translators: %s is the reason, e.g. "No space left on device". */
  g_printerr (_("weft-cli: Cannot write to standard output: %s\n"), g_strerror (stdout_errno));
  return EXIT_OUTPUT;
}
