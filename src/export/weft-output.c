/* weft-output.c — see weft-output.h.
 *
 * Copyright 2026 The Weft authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "weft-output.h"

/* Symbolic links followed at most, as the kernel does (MAXSYMLINKS). */
#define MAX_LINKS 40

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

/* The descriptor a path names when it is one of the process's own (/dev/stdout,
 * /dev/fd/N, /proc/self/fd/N): written through that descriptor, where it is, never
 * replaced. Opening it anew would write at its start, and following its link would
 * replace the file a shell redirected to (">> log.txt" lost its earlier lines). -1 when
 * the path is not one of those. */
static int
descriptor_of_path (const char *path)
{
  static const char * const prefixes[] = { "/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/" };
  char own[64];
  const char *number = NULL;
  char *end = NULL;
  long fd;

  if (g_str_equal (path, "/dev/stdin"))
    return 0;
  if (g_str_equal (path, "/dev/stdout"))
    return 1;
  if (g_str_equal (path, "/dev/stderr"))
    return 2;
  g_snprintf (own, sizeof own, "/proc/%ld/fd/", (long) getpid ());
  for (guint i = 0; i < G_N_ELEMENTS (prefixes) && number == NULL; i++)
    if (g_str_has_prefix (path, prefixes[i]))
      number = path + strlen (prefixes[i]);
  if (number == NULL && g_str_has_prefix (path, own))
    number = path + strlen (own);
  if (number == NULL || !g_ascii_isdigit (*number))
    return -1;
  fd = strtol (number, &end, 10);
  return *end == '\0' && fd <= G_MAXINT ? (int) fd : -1;
}

/* @path with the symbolic links of its last part followed, so that a link to a file is
 * written through to the file (and stays a link) instead of being replaced by one; a
 * dangling link gives the path it points to, to be created. Stops at a path naming one of
 * the process's descriptors (descriptor_of_path). NULL with errno set (ELOOP) when it
 * goes round. */
static char *
resolve_links (const char *path)
{
  g_autofree char *current = g_strdup (path);

  for (guint i = 0; i < MAX_LINKS; i++)
    {
      GStatBuf st;
      g_autofree char *target = NULL;

      if (descriptor_of_path (current) >= 0)
        return g_steal_pointer (&current);
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

/* A file's name as its temporary files carry it: cut so that ".NAME.weft-tmp-XXXXXX"
 * stays within a name's 255 bytes (a valid 250-byte name could not be written). */
#define TEMPORARY_NAME_MAX 200
#define TEMPORARY_MARK     ".weft-tmp-"

/* ".NAME.weft-tmp-": the start of the temporary files of a file named @base. */
static char *
temporary_prefix (const char *base)
{
  g_autofree char *name = g_strndup (base, TEMPORARY_NAME_MAX);

  return g_strdup_printf (".%s" TEMPORARY_MARK, name);
}

/* Removes the temporary files of @base in @dir that nobody is writing: a writer holds a
 * lock on its temporary file until it is renamed into place or removed, and a process
 * that dies (killed mid-write, crashed) lets go of it, whichever machine or container it
 * ran in. Only regular files named exactly as Weft names them are looked at. */
static void
remove_stale_temporaries (const char *dir,
                          const char *base)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autofree char *start = temporary_prefix (base);
  const char *name;

  if (listing == NULL)
    return;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *stale = NULL;
      const char *suffix;
      GStatBuf opened, named;
      gboolean ours = TRUE;
      int fd;

      if (!g_str_has_prefix (name, start))
        continue;
      suffix = name + strlen (start);
      if (strlen (suffix) != 6)
        continue;
      for (guint i = 0; i < 6; i++)
        ours = ours && g_ascii_isalnum (suffix[i]);
      if (!ours)
        continue;

      stale = g_build_filename (dir, name, NULL);
      fd = g_open (stale, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0);
      if (fd < 0)
        continue;
      if (fstat (fd, &opened) == 0 && S_ISREG (opened.st_mode) && flock (fd, LOCK_EX | LOCK_NB) == 0 &&
          g_lstat (stale, &named) == 0 && named.st_ino == opened.st_ino && named.st_dev == opened.st_dev)
        g_unlink (stale);
      close (fd);
    }
}

/* The temporary files being written, for weft_output_remove_temporaries(), which a signal
 * handler may call: a fixed table of pointers, set and cleared atomically. */
#define MAX_TEMPORARIES 16
static char *temporaries[MAX_TEMPORARIES];

static void
register_temporary (const char *temp)
{
  char *copy = g_strdup (temp);

  for (guint i = 0; i < MAX_TEMPORARIES; i++)
    if (g_atomic_pointer_compare_and_exchange (&temporaries[i], NULL, copy))
      return;
  /* More outputs at once than any command writes: that one is not removed by a signal
   * (the next write to its file removes it). */
  g_free (copy);
}

static void
unregister_temporary (const char *temp)
{
  for (guint i = 0; i < MAX_TEMPORARIES; i++)
    {
      char *slot = g_atomic_pointer_get (&temporaries[i]);

      if (slot != NULL && g_str_equal (slot, temp) &&
          g_atomic_pointer_compare_and_exchange (&temporaries[i], slot, NULL))
        {
          g_free (slot);
          return;
        }
    }
}

void
weft_output_remove_temporaries (void)
{
  /* Async-signal-safe: loads and unlink(). */
  for (guint i = 0; i < MAX_TEMPORARIES; i++)
    {
      const char *slot = g_atomic_pointer_get (&temporaries[i]);

      if (slot != NULL)
        unlink (slot);
    }
}

/* A folder that exists but takes no new file (/proc) says ENOENT: to whoever reads the
 * message it is a matter of permission. */
static int
creation_errno (const char *dir,
                int         errsv)
{
  GStatBuf st;

  return errsv == ENOENT && g_stat (dir, &st) == 0 && S_ISDIR (st.st_mode) ? EACCES : errsv;
}

/* A new temporary file beside @real, locked while it is written; -1 with errno set. */
static int
make_temporary (const char  *real,
                char       **temp)
{
  g_autofree char *dir = g_path_get_dirname (real);
  g_autofree char *base = g_path_get_basename (real);
  g_autofree char *prefix = temporary_prefix (base);
  int fd;

  remove_stale_temporaries (dir, base);
  *temp = g_strdup_printf ("%s%c%sXXXXXX", dir, G_DIR_SEPARATOR, prefix);
  fd = g_mkstemp_full (*temp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int errsv = creation_errno (dir, errno);

      g_clear_pointer (temp, g_free);
      errno = errsv;
      return -1;
    }
  /* A new file: nobody else holds it. Held until the file is closed. */
  flock (fd, LOCK_EX | LOCK_NB);
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

  fd = descriptor_of_path (real);
  if (fd >= 0)
    {
      int flags = fcntl (fd, F_GETFL);

      if (flags < 0)
        return set_error (error, path, EBADF);
      if ((flags & O_ACCMODE) == O_RDONLY)
        return set_error (error, path, EBADF);
      return TRUE;
    }

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

  /* The file is written beside its path and renamed: the folder must take a new file.
   * The probe is named apart from the file's temporary files. */
  {
    g_autofree char *dir = g_path_get_dirname (real);

    temp = g_build_filename (dir, ".weft-probe-XXXXXX", NULL);
    fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0)
      return set_error (error, path, creation_errno (dir, errno));
    close (fd);
    g_unlink (temp);
  }
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

  if (descriptor_of_path (output->real) >= 0)
    {
      output->fd = fcntl (descriptor_of_path (output->real), F_DUPFD_CLOEXEC, 3);
      if (output->fd < 0)
        {
          g_clear_pointer (&output->real, g_free);
          return set_error (error, path, EBADF);
        }
      output->path = g_strdup (path);
      return TRUE;
    }

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
