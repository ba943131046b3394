/* weft-output.c — see weft-output.h.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "weft-output.h"

/* Symbolic links followed at most, as the kernel does (MAXSYMLINKS). */
#define MAX_LINKS 40

/* The temporary files being written, to be removed by weft_output_remove_temporaries()
 * when the process is made to quit in the middle of a write. */
static GMutex     temporaries_lock;
static GPtrArray *temporaries;

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

/* @path with its symbolic links followed, so that a link to a file is written through
 * to the file (and stays a link) instead of being replaced by one. A dangling link gives
 * the path it points to, to be created. NULL with errno set (ELOOP) when it goes round. */
static char *
resolve_links (const char *path)
{
  g_autofree char *current = g_strdup (path);
  GStatBuf found;

  /* What exists is found by the kernel: a device, a pipe or a folder is used by the path
   * given (/dev/stdout is a link to /proc/self/fd/1, whose "link" names no file); a
   * regular file by its real path. */
  if (g_stat (path, &found) == 0)
    {
      char *real;

      if (!S_ISREG (found.st_mode))
        return g_steal_pointer (&current);
      real = realpath (path, NULL);
      if (real != NULL)
        {
          g_free (current);
          current = g_strdup (real);
          free (real);
        }
      return g_steal_pointer (&current);
    }

  /* A link to a file to be made: followed by hand. */
  for (guint i = 0; i < MAX_LINKS; i++)
    {
      GStatBuf st;
      g_autofree char *target = NULL;

      if (g_lstat (current, &st) != 0 || !S_ISLNK (st.st_mode))
        return g_steal_pointer (&current);
      target = g_file_read_link (current, NULL);
      if (target == NULL)
        return g_steal_pointer (&current);
      if (!g_path_is_absolute (target))
        {
          g_autofree char *dir = g_path_get_dirname (current);

          g_free (current);
          current = g_build_filename (dir, target, NULL);
        }
      else
        {
          g_free (current);
          current = g_steal_pointer (&target);
        }
    }
  errno = ELOOP;
  return NULL;
}

/* A file's name as its temporary files carry it: cut so that ".NAME.PID.XXXXXX" stays
 * within a name's 255 bytes (a valid 250-byte name could not be written). */
#define TEMPORARY_NAME_MAX 200

static char *
temporary_name (const char *base)
{
  return g_strndup (base, TEMPORARY_NAME_MAX);
}

/* ".NAME.PID." — the start of the temporary files of @path made by process @pid. */
static char *
temporary_prefix (const char *base,
                  long        pid)
{
  g_autofree char *name = temporary_name (base);

  return g_strdup_printf (".%s.%ld.", name, pid);
}

/* Removes the temporary files of @path left by a process that no longer exists (killed
 * mid-write, or crashed): they were never going to be renamed into place. Files of a
 * living process are left alone, whoever it is. */
static void
remove_stale_temporaries (const char *dir,
                          const char *base)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autofree char *name_part = temporary_name (base);
  g_autofree char *start = g_strdup_printf (".%s.", name_part);
  const char *name;

  if (listing == NULL)
    return;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      const char *rest, *dot;
      char *end = NULL;
      long pid;

      if (!g_str_has_prefix (name, start))
        continue;
      rest = name + strlen (start);
      dot = strchr (rest, '.');
      if (dot == NULL || strlen (dot + 1) != 6)
        continue;
      pid = strtol (rest, &end, 10);
      if (end != dot || pid <= 0 || pid == (long) getpid ())
        continue;
      if (kill ((pid_t) pid, 0) != 0 && errno == ESRCH)
        {
          g_autofree char *stale = g_build_filename (dir, name, NULL);

          g_unlink (stale);
        }
    }
}

static void
register_temporary (const char *temp)
{
  g_mutex_lock (&temporaries_lock);
  if (temporaries == NULL)
    temporaries = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (temporaries, g_strdup (temp));
  g_mutex_unlock (&temporaries_lock);
}

static void
unregister_temporary (const char *temp)
{
  g_mutex_lock (&temporaries_lock);
  for (guint i = 0; temporaries != NULL && i < temporaries->len; i++)
    if (g_str_equal (g_ptr_array_index (temporaries, i), temp))
      {
        g_ptr_array_remove_index_fast (temporaries, i);
        break;
      }
  g_mutex_unlock (&temporaries_lock);
}

void
weft_output_remove_temporaries (void)
{
  g_mutex_lock (&temporaries_lock);
  for (guint i = 0; temporaries != NULL && i < temporaries->len; i++)
    g_unlink (g_ptr_array_index (temporaries, i));
  g_mutex_unlock (&temporaries_lock);
}

/* A new temporary file beside @real, for @path; -1 with errno set. */
static int
make_temporary (const char  *real,
                char       **temp)
{
  g_autofree char *dir = g_path_get_dirname (real);
  g_autofree char *base = g_path_get_basename (real);
  g_autofree char *prefix = temporary_prefix (base, (long) getpid ());
  int fd;

  remove_stale_temporaries (dir, base);
  *temp = g_strdup_printf ("%s%c%sXXXXXX", dir, G_DIR_SEPARATOR, prefix);
  fd = g_mkstemp_full (*temp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int errsv = errno;
      GStatBuf st;

      /* A folder that exists but takes no new file (/proc) says ENOENT: it is a matter of
       * permission to whoever reads the message. */
      if (errsv == ENOENT && g_stat (dir, &st) == 0 && S_ISDIR (st.st_mode))
        errsv = EACCES;
      g_clear_pointer (temp, g_free);
      errno = errsv;
    }
  return fd;
}

gboolean
weft_output_check (const char  *path,
                   GError     **error)
{
  g_autofree char *real = NULL;
  g_autofree char *temp = NULL;
  GStatBuf st;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);

  if (*path == '\0')
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                           _("Cannot write a file without a name: the file name is empty"));
      return FALSE;
    }
  real = resolve_links (path);
  if (real == NULL)
    return set_error (error, path, errno);

  if (g_stat (real, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        return set_error (error, path, EISDIR);
      if (!S_ISREG (st.st_mode))
        {
          /* A device is written in place: it must open for writing (a pipe may not have
           * its reader yet, and is left to the write). */
          if (S_ISFIFO (st.st_mode))
            return TRUE;
          fd = g_open (real, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
          if (fd < 0)
            return set_error (error, path, errno);
          close (fd);
          return TRUE;
        }
      if (access (real, W_OK) != 0)
        return set_error (error, path, errno);
    }

  /* The file is written beside its path and renamed: the folder must take a new file. */
  fd = make_temporary (real, &temp);
  if (fd < 0)
    return set_error (error, path, errno);
  close (fd);
  g_unlink (temp);
  return TRUE;
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

  if (*path == '\0')
    return weft_output_check (path, error);
  output->real = resolve_links (path);
  if (output->real == NULL)
    return set_error (error, path, errno);

  if (g_stat (output->real, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        {
          g_clear_pointer (&output->real, g_free);
          return set_error (error, path, EISDIR);
        }
      if (!S_ISREG (st.st_mode))
        {
          /* A device or a pipe: written as it is, never replaced by a file. */
          output->fd = g_open (output->real, O_WRONLY | O_NOCTTY | O_CLOEXEC, 0);
          if (output->fd < 0)
            {
              int errsv = errno;

              g_clear_pointer (&output->real, g_free);
              return set_error (error, path, errsv);
            }
          output->path = g_strdup (path);
          return TRUE;
        }
      output->replacing = TRUE;
    }

  output->fd = make_temporary (output->real, &output->temp);
  if (output->fd < 0)
    {
      int errsv = errno;

      g_clear_pointer (&output->real, g_free);
      return set_error (error, path, errsv);
    }
  register_temporary (output->temp);
  {
    mode_t mask;

    /* mkstemp makes it private; the output is as readable as any new file (a replaced
     * file keeps its own mode). */
    if (output->replacing)
      mask = ~st.st_mode & 0777;
    else
      {
        mask = umask (0);
        umask (mask);
      }
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
  if (errsv == 0 && output->temp != NULL && g_rename (output->temp, output->real) != 0)
    errsv = errno;

  if (errsv != 0 && output->temp != NULL)
    g_unlink (output->temp);
  if (output->temp != NULL)
    unregister_temporary (output->temp);

  ok = errsv == 0 || set_error (error, output->path, errsv);
  g_clear_pointer (&output->temp, g_free);
  g_clear_pointer (&output->path, g_free);
  g_clear_pointer (&output->real, g_free);
  return ok;
}
