/* cjm-file.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cjm-file.h"
#include "cjm-reader.h"
#include "cjm-writer.h"

/* Saving never leaves a half-written map: the new bytes go to a temporary
 * file in the same folder, are synced to the disk, and only then renamed
 * over the old file, after which the folder is synced so the rename itself
 * survives a power cut. Until the rename the old file is untouched.
 *
 * The save holds a lock on its temporary file until the rename. The kernel
 * drops the lock when the process ends, however it ends, so a temporary
 * file nobody holds a lock on was left by a save that never finished, and
 * the next load cleans it up. */

/* How old a temporary file must be before it counts as left behind, on a
 * file system that cannot lock files. */
#define STALE_AGE_SECONDS 60

static void
set_save_error (GError     **error,
                int          saved_errno)
{
  const char *message;

  switch (saved_errno)
    {
    case ENOSPC:
    case EDQUOT:
      message = _("There is not enough space on the disk to save the map, so the file on disk "
                  "was left unchanged; free some space or save elsewhere.");
      break;
    case EFBIG:
      message = _("The file system does not allow a file this large, so the file on disk was "
                  "left unchanged; save the map elsewhere.");
      break;
    case EACCES:
    case EPERM:
      message = _("You do not have permission to save in this folder, so nothing was written; "
                  "use Save As to choose another folder.");
      break;
    case EROFS:
      message = _("The folder is read-only, so nothing was written; use Save As to choose "
                  "another folder.");
      break;
    case ENOENT:
    case ENOTDIR:
      message = _("The folder to save in no longer exists, so nothing was written; use Save As "
                  "to choose another folder.");
      break;
    default:
      g_set_error (error, CJM_IO_ERROR, CJM_IO_ERROR_SAVE,
                   _("The map could not be saved (%s), so the file on disk was left unchanged."),
                   g_strerror (saved_errno));
      return;
    }
  g_set_error_literal (error, CJM_IO_ERROR, CJM_IO_ERROR_SAVE, message);
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, MIN (length, 1 << 20));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

static void
sync_folder (const char *folder)
{
  int fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  /* best effort: some file systems refuse to sync a folder */
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Creates the temporary file for a save in @folder and locks it. Between
 * the creation and the lock, a clean-up in another process may take the
 * file for abandoned and remove it; then the name no longer leads to the
 * file we hold, and we start again with a new one. */
static int
open_temporary (const char  *folder,
                const char  *base,
                int          mode,
                char       **temp_out)
{
  for (int attempt = 0; attempt < 5; attempt++)
    {
      g_autofree char *temp = g_strdup_printf ("%s/.%s.saving-XXXXXX", folder, base);
      struct stat held;
      struct stat named;
      int fd;
      int locked;

      fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, mode);
      if (fd < 0)
        return -1;

      do
        locked = flock (fd, LOCK_EX);
      while (locked != 0 && errno == EINTR);

      /* a file system without locks: the clean-up goes by age there */
      if (locked != 0
          || (fstat (fd, &held) == 0 && g_lstat (temp, &named) == 0
              && held.st_dev == named.st_dev && held.st_ino == named.st_ino))
        {
          *temp_out = g_steal_pointer (&temp);
          return fd;
        }
      close (fd);
    }

  errno = EAGAIN;
  return -1;
}

static void
close_lock (int lock_fd)
{
  if (lock_fd >= 0)
    close (lock_fd);
}

/* Follows symbolic links to the file they finally name, even when that
 * file does not exist yet, so saving through a link writes the target and
 * leaves the link in place. */
static char *
resolve_links (const char *path)
{
  g_autofree char *current = g_canonicalize_filename (path, NULL);

  for (int hops = 0; hops < 40; hops++)
    {
      struct stat st;
      g_autofree char *link = NULL;
      g_autofree char *folder = NULL;

      if (g_lstat (current, &st) != 0 || !S_ISLNK (st.st_mode))
        break;
      link = g_file_read_link (current, NULL);
      if (link == NULL)
        break;
      folder = g_path_get_dirname (current);
      g_free (current);
      current = g_canonicalize_filename (link, folder);
    }
  return g_steal_pointer (&current);
}

/**
 * cjm_file_write_atomic:
 * @path: the file to replace or create
 * @contents: its new contents
 * @error: a plain sentence saying why it failed
 *
 * Replaces @path so that, whatever happens, it holds either the old or the
 * new contents, never a mix. A symbolic link is followed and the file it
 * points to is replaced, so the link survives. The permissions of an
 * existing file are kept. A file with several hard links is replaced under
 * this name only: the other names keep the old version, which is safer
 * than rewriting a shared file in place.
 *
 * Returns: %TRUE once the new contents are on the disk
 */
gboolean
cjm_file_write_atomic (const char  *path,
                       GBytes      *contents,
                       GError     **error)
{
  return cjm_file_write_atomic_full (path, contents, FALSE, error);
}

/* Keeps the version about to be replaced as NAME~, the backup a user can
 * go back to. A hard link is made first and renamed over the old backup,
 * so there is always a complete backup, and it costs no copying. */
static void
keep_backup (const char *target)
{
  g_autofree char *backup = g_strconcat (target, "~", NULL);
  g_autofree char *temp = g_strconcat (target, "~.new", NULL);

  g_unlink (temp);
  if (link (target, temp) != 0)
    {
      /* file systems without hard links (some network shares) get none */
      g_debug ("no backup of %s: %s", target, g_strerror (errno));
      return;
    }
  if (g_rename (temp, backup) != 0)
    g_unlink (temp);
}

/**
 * cjm_file_write_atomic_full:
 * @path: the file to replace or create
 * @contents: its new contents
 * @keep_backup: whether the old version stays as @path with "~" appended
 * @error: a plain sentence saying why it failed
 *
 * Like cjm_file_write_atomic(), and keeps the previous version.
 *
 * Returns: %TRUE once the new contents are on the disk
 */
gboolean
cjm_file_write_atomic_full (const char  *path,
                            GBytes      *contents,
                            gboolean     backup,
                            GError     **error)
{
  g_autofree char *target = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp = NULL;
  struct stat st;
  gboolean exists;
  mode_t mode = 0666;
  gsize length;
  const guint8 *data;
  int fd;
  int lock_fd;
  int saved_errno;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  target = resolve_links (path);

  exists = g_stat (target, &st) == 0;
  if (exists && !S_ISREG (st.st_mode))
    {
      g_set_error_literal (error, CJM_IO_ERROR, CJM_IO_ERROR_NOT_REGULAR,
                           _("Something other than an ordinary file has this name, so nothing was "
                             "written; choose another name."));
      return FALSE;
    }
  if (exists)
    mode = st.st_mode & 07777;

  folder = g_path_get_dirname (target);
  base = g_path_get_basename (target);

  /* a new file gets the usual permissions (0666 less the umask); an
   * existing one keeps its own, set below before anything is written */
  fd = open_temporary (folder, base, exists ? 0600 : 0666, &temp);
  if (fd < 0)
    {
      set_save_error (error, errno);
      return FALSE;
    }

  /* keep a shared file's owner and group where the system lets us */
  if (exists && (st.st_uid != getuid () || st.st_gid != getgid ())
      && fchown (fd, st.st_uid, st.st_gid) != 0)
    g_debug ("could not keep the owner of %s: %s", target, g_strerror (errno));

  data = g_bytes_get_data (contents, &length);
  if ((exists && fchmod (fd, mode) != 0)
      || !write_all (fd, data, length)
      || fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      g_unlink (temp);
      set_save_error (error, saved_errno);
      return FALSE;
    }

  /* the lock lasts while any descriptor of the file is open, so a copy
   * keeps it past the close (which can report a late write error) until
   * the temporary file has its final name */
  lock_fd = dup (fd);
  if (close (fd) != 0)
    {
      saved_errno = errno;
      g_unlink (temp);
      close_lock (lock_fd);
      set_save_error (error, saved_errno);
      return FALSE;
    }

  if (backup && exists)
    keep_backup (target);

  if (g_rename (temp, target) != 0)
    {
      saved_errno = errno;
      g_unlink (temp);
      close_lock (lock_fd);
      set_save_error (error, saved_errno);
      return FALSE;
    }
  close_lock (lock_fd);

  sync_folder (folder);
  return TRUE;
}

/* ".NAME.saving-XXXXXX", as open_temporary() names them */
static gboolean
is_temporary_name (const char *name)
{
  static const char marker[] = ".saving-";
  gsize length = strlen (name);
  const char *suffix;

  if (name[0] != '.' || length < 2 + strlen (marker) + 6)
    return FALSE;
  suffix = name + length - 6;
  if (strncmp (suffix - strlen (marker), marker, strlen (marker)) != 0)
    return FALSE;
  for (int i = 0; i < 6; i++)
    if (!g_ascii_isalnum (suffix[i]))
      return FALSE;
  return TRUE;
}

/* A save killed while it kept its backup leaves NAME~.new: a second name
 * of NAME or of NAME~, never the only copy of anything. A save in another
 * program that is at that very step loses only this one backup. */
static gboolean
is_stale_backup_link (const char        *folder,
                      const char        *name,
                      const struct stat *held)
{
  static const char suffix[] = "~.new";
  gsize length = strlen (name);
  g_autofree char *base_name = NULL;
  g_autofree char *base = NULL;
  g_autofree char *backup = NULL;
  struct stat other;

  if (length <= strlen (suffix) || !g_str_has_suffix (name, suffix) || held->st_nlink < 2)
    return FALSE;
  base_name = g_strndup (name, length - strlen (suffix));
  base = g_build_filename (folder, base_name, NULL);
  backup = g_strconcat (base, "~", NULL);
  return (g_lstat (base, &other) == 0 && other.st_dev == held->st_dev && other.st_ino == held->st_ino)
         || (g_lstat (backup, &other) == 0 && other.st_dev == held->st_dev && other.st_ino == held->st_ino);
}

/**
 * cjm_file_clean_stale_temporaries:
 * @folder: a folder maps are saved in
 *
 * Removes the temporary files in @folder that saves left behind when they
 * never finished, because the program crashed or was killed or the
 * computer lost power. A temporary file is left behind when the save that
 * wrote it is gone; on a file system that cannot tell (no file locks),
 * when it is more than a minute old. The temporary file of a save still
 * running, in this program or another, is kept however old it is. So is
 * everything else in @folder, but for NAME~.new where it is a second name
 * of NAME or NAME~ (what a save killed while keeping its backup leaves).
 * Errors are ignored: this only tidies up.
 *
 * Returns: how many files were removed
 */
guint
cjm_file_clean_stale_temporaries (const char *folder)
{
  g_autoptr(GDir) dir = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;
  guint removed = 0;

  g_return_val_if_fail (folder != NULL, 0);

  dir = g_dir_open (folder, 0, NULL);
  if (dir == NULL)
    return 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      struct stat held;
      struct stat named;
      gboolean stale;
      int fd;

      if (!is_temporary_name (name) && !g_str_has_suffix (name, "~.new"))
        continue;

      path = g_build_filename (folder, name, NULL);
      fd = open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
      if (fd < 0)
        continue;
      if (fstat (fd, &held) != 0 || !S_ISREG (held.st_mode))
        {
          close (fd);
          continue;
        }

      if (!is_temporary_name (name))
        stale = is_stale_backup_link (folder, name, &held);
      else if (flock (fd, LOCK_EX | LOCK_NB) == 0)
        stale = TRUE;
      else if (errno == EWOULDBLOCK || errno == EINTR)
        stale = FALSE;
      else
        stale = now - (gint64) held.st_mtime > STALE_AGE_SECONDS;

      /* only the file examined, should another have taken its name since */
      if (stale
          && g_lstat (path, &named) == 0
          && named.st_dev == held.st_dev && named.st_ino == held.st_ino
          && g_unlink (path) == 0)
        removed++;
      close (fd);
    }

  return removed;
}

/**
 * cjm_file_serialize:
 * @document: a map
 * @error: set if the bytes would not load again
 *
 * Serialises @document and loads the result once more with the real
 * reader, so a bug in the writer can never reach the disk.
 *
 * Returns: (transfer full) (nullable): the bytes to save
 */
GBytes *
cjm_file_serialize (CjmDocument *document,
                    GError     **error)
{
  g_autoptr(GBytes) bytes = cjm_writer_save_to_bytes (document);
  g_autoptr(CjmDocument) check = NULL;
  g_autoptr(GError) check_error = NULL;

  check = cjm_reader_load_bytes (bytes, NULL, &check_error);
  if (check == NULL)
    {
      g_critical ("saved map does not load again: %s", check_error->message);
      g_set_error_literal (error, CJM_IO_ERROR, CJM_IO_ERROR_SAVE,
                           _("Reiskaart made a mistake preparing the file, so nothing was written; "
                             "please report this problem."));
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

static gboolean
replace_file (GFile   *file,
              GBytes  *bytes,
              GError **error)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    return cjm_file_write_atomic_full (path, bytes, TRUE, error);

  /* not a local file (a network share through GVfs): GIO's own replace
   * writes a temporary file and keeps a backup */
  return g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, TRUE, G_FILE_CREATE_NONE, NULL, NULL, error);
}

/**
 * cjm_file_save:
 * @document: a map
 * @file: where to save it
 * @error: a plain sentence saying why it failed
 *
 * Saves @document and marks it unmodified. On failure the file on disk is
 * unchanged and so is @document.
 *
 * Returns: %TRUE if saved
 */
gboolean
cjm_file_save (CjmDocument *document,
               GFile       *file,
               GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (CJM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = cjm_file_serialize (document, error);
  if (bytes == NULL || !replace_file (file, bytes, error))
    return FALSE;

  cjm_history_mark_saved (cjm_document_get_history (document));
  return TRUE;
}

typedef struct
{
  GBytes  *bytes;
  guint64  state;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_bytes_unref (data->bytes);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  if (replace_file (source_object, data->bytes, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  CjmDocument *document = g_task_get_task_data (outer);
  SaveData *data = g_object_get_data (G_OBJECT (outer), "save-data");
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, error);
      return;
    }
  /* edits made while the file was being written are still unsaved */
  if (cjm_history_get_state (cjm_document_get_history (document)) == data->state)
    cjm_history_mark_saved (cjm_document_get_history (document));
  g_task_return_boolean (outer, TRUE);
}

/**
 * cjm_file_save_async:
 * @document: a map
 * @file: where to save it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Serialises @document now, on the calling thread, and writes and syncs it
 * on a worker thread, since syncing may take seconds on a network drive.
 */
void
cjm_file_save_async (CjmDocument         *document,
                     GFile               *file,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  GError *error = NULL;
  SaveData *data;
  GBytes *bytes;

  g_return_if_fail (CJM_IS_DOCUMENT (document));
  g_return_if_fail (G_IS_FILE (file));

  outer = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (outer, cjm_file_save_async);
  g_task_set_task_data (outer, g_object_ref (document), g_object_unref);

  bytes = cjm_file_serialize (document, &error);
  if (bytes == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }

  data = g_new0 (SaveData, 1);
  data->bytes = bytes;
  data->state = cjm_history_get_state (cjm_document_get_history (document));
  g_object_set_data_full (G_OBJECT (outer), "save-data", data, (GDestroyNotify) save_data_free);

  inner = g_task_new (file, cancellable, on_saved, g_object_ref (outer));
  g_task_set_task_data (inner, data, NULL);
  g_task_run_in_thread (inner, save_thread);
}

gboolean
cjm_file_save_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cjm_file_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  CjmLocation location;
} LoadData;

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;
  g_autofree char *path = g_file_get_path (source_object);
  CjmDocument *document;

  /* saves of this map that a crash interrupted left their temporary
   * files beside it, where its next save would write */
  if (path != NULL)
    {
      g_autofree char *target = resolve_links (path);
      g_autofree char *folder = g_path_get_dirname (target);

      cjm_file_clean_stale_temporaries (folder);
    }

  document = cjm_reader_load_file (source_object, &data->location, &error);
  if (document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, document, g_object_unref);
}

/**
 * cjm_file_load_async:
 * @file: the map to open
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Reads and checks @file on a worker thread. A local file's folder is
 * tidied first: temporary files that interrupted saves left there are
 * removed, as cjm_file_clean_stale_temporaries() does.
 */
void
cjm_file_load_async (GFile               *file,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  cjm_reader_init ();
  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, cjm_file_load_async);
  g_task_set_task_data (task, g_new0 (LoadData, 1), g_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * cjm_file_load_finish:
 * @result: the result passed to the callback
 * @location: (out) (optional): where the problem is, on failure
 * @error: a plain sentence saying what is wrong
 *
 * Returns: (transfer full) (nullable): the map
 */
CjmDocument *
cjm_file_load_finish (GAsyncResult  *result,
                      CjmLocation   *location,
                      GError       **error)
{
  LoadData *data;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cjm_file_load_async, NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (location != NULL)
    *location = data->location;
  return g_task_propagate_pointer (G_TASK (result), error);
}
