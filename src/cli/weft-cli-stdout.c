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

/* @text in the locale's charset, as g_print writes it: UTF-8 text in a locale that is
 * not, with "?" for what it lacks; NULL when nothing needs converting. */
static char *
to_locale (const char *text)
{
  const char *charset;
  const char *p;

  for (p = text; *p != '\0' && (guchar) *p < 0x80; p++)
    ;
  if (*p == '\0' || g_get_charset (&charset))
    return NULL;
  return g_convert_with_fallback (text, -1, charset, "UTF-8", "?", NULL, NULL, NULL);
}

/* Standard error: what was printed on standard output comes first, so that `2>&1` keeps
 * the order in which weft-cli said things. */
static void
print_error (const char *text)
{
  g_autofree char *converted = to_locale (text);

  weft_cli_stdout_flush ();
  fputs (converted != NULL ? converted : text, stderr);
  fflush (stderr);
}

void
weft_cli_stdout_init (void)
{
  /* A descriptor the caller closed (`weft-cli run … >&-`) is taken by /dev/null, or the
   * first file weft-cli opens would get it and receive what is printed there. A closed
   * stdout is said at the end: what was to be printed is lost. */
  for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++)
    {
      int null;

      if (fcntl (fd, F_GETFD) >= 0 || errno != EBADF)
        continue;
      if (fd == STDOUT_FILENO)
        stdout_errno = EBADF;
      null = open ("/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY);
      if (null >= 0 && null != fd)
        {
          dup2 (null, fd);
          close (null);
        }
    }

  /* A file or a pipe takes the text in large writes; a terminal line by line. */
  if (!isatty (STDOUT_FILENO))
    setvbuf (stdout, NULL, _IOFBF, 64 * 1024);
  g_set_printerr_handler (print_error);
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
  g_autofree char *converted = NULL;
  va_list args;

  if (stdout_errno != 0)
    return;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  converted = to_locale (text);
  if (converted != NULL)
    weft_cli_write_raw (converted, strlen (converted));
  else
    weft_cli_write_raw (text, strlen (text));
}

void
weft_cli_stdout_flush (void)
{
  errno = 0;
  if ((fflush (stdout) != 0 || ferror (stdout)) && stdout_errno == 0)
    stdout_errno = errno != 0 ? errno : EIO;
}

int
weft_cli_stdout_finish (void)
{
  weft_cli_stdout_flush ();
  if (stdout_errno == 0)
    return 0;

  /* Translators: %s is the reason, e.g. "No space left on device". */
  g_printerr (_("weft-cli: Cannot write to standard output: %s\n"), g_strerror (stdout_errno));
  return EXIT_OUTPUT;
}
