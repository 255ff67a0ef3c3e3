/* cjm-drafts.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cjm-drafts.h"
#include "cjm-file.h"
#include "cjm-io-error.h"
#include "cjm-reader.h"

/* Drafts hold unsaved changes, written aside a few seconds after an edit,
 * so a crash, a dead battery or a kill loses at most those seconds. They
 * live in the user's data folder, never next to the map (that may be a
 * shared drive) and never over it: the user's file changes only when the
 * user saves. A draft is two files, the map and a small key file naming
 * the map it belongs to, both written with the same atomic routine as a
 * save. */

#define MIN_FREE_SPACE (5 * 1024 * 1024)

void
cjm_draft_free (CjmDraft *draft)
{
  if (draft == NULL)
    return;
  g_free (draft->id);
  g_free (draft->uri);
  g_free (draft->title);
  g_free (draft);
}

/**
 * cjm_drafts_get_folder:
 *
 * Returns: (transfer full): where drafts are kept; REISKAART_DRAFTS_DIR
 *   overrides it, for tests
 */
char *
cjm_drafts_get_folder (void)
{
  const char *override = g_getenv ("REISKAART_DRAFTS_DIR");

  if (override != NULL && *override != '\0')
    return g_strdup (override);
  return g_build_filename (g_get_user_data_dir (), APP_ID, "drafts", NULL);
}

char *
cjm_drafts_new_id (void)
{
  return g_uuid_string_random ();
}

static gboolean
id_is_safe (const char *id)
{
  /* ids become file names: no separators, no dots to climb out */
  if (id == NULL || *id == '\0' || strlen (id) > 64)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static char *
draft_path (const char *id,
            const char *suffix)
{
  g_autofree char *folder = cjm_drafts_get_folder ();
  g_autofree char *name = g_strconcat (id, suffix, NULL);

  return g_build_filename (folder, name, NULL);
}

/**
 * cjm_drafts_write:
 * @id: the draft's id, from cjm_drafts_new_id()
 * @contents: the serialised map
 * @uri: (nullable): the map's file, or %NULL when untitled
 * @title: (nullable): the map's title, to show when offering recovery
 * @error: why it was not written, such as a nearly full disk
 *
 * Returns: %TRUE once the draft is on the disk
 */
gboolean
cjm_drafts_write (const char  *id,
                  GBytes      *contents,
                  const char  *uri,
                  const char  *title,
                  GError     **error)
{
  g_autofree char *folder = cjm_drafts_get_folder ();
  g_autofree char *map_path = NULL;
  g_autofree char *info_path = NULL;
  g_autoptr(GFile) folder_file = NULL;
  g_autoptr(GFileInfo) fs = NULL;
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autofree char *info_data = NULL;
  g_autoptr(GBytes) info_bytes = NULL;
  gsize info_length;

  g_return_val_if_fail (id_is_safe (id), FALSE);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      g_set_error (error, CJM_IO_ERROR, CJM_IO_ERROR_SAVE,
                   _("Unsaved changes cannot be kept safe: the folder for them cannot be made (%s)."),
                   g_strerror (errno));
      return FALSE;
    }

  folder_file = g_file_new_for_path (folder);
  fs = g_file_query_filesystem_info (folder_file, G_FILE_ATTRIBUTE_FILESYSTEM_FREE, NULL, NULL);
  if (fs != NULL && g_file_info_has_attribute (fs, G_FILE_ATTRIBUTE_FILESYSTEM_FREE)
      && g_file_info_get_attribute_uint64 (fs, G_FILE_ATTRIBUTE_FILESYSTEM_FREE)
         < MIN_FREE_SPACE + g_bytes_get_size (contents))
    {
      g_set_error_literal (error, CJM_IO_ERROR, CJM_IO_ERROR_SAVE,
                           _("The disk is nearly full, so unsaved changes cannot be kept safe in "
                             "case of a crash; save the map or free some space."));
      return FALSE;
    }

  map_path = draft_path (id, ".cjm");
  info_path = draft_path (id, ".draft");
  g_key_file_set_string (info, "Draft", "Uri", uri != NULL ? uri : "");
  g_key_file_set_string (info, "Draft", "Title", title != NULL ? title : "");
  g_key_file_set_int64 (info, "Draft", "Written", g_get_real_time () / G_USEC_PER_SEC);
  info_data = g_key_file_to_data (info, &info_length, NULL);
  info_bytes = g_bytes_new_take (g_steal_pointer (&info_data), info_length);

  /* the map first: a key file without its map is ignored */
  return cjm_file_write_atomic (map_path, contents, error)
         && cjm_file_write_atomic (info_path, info_bytes, error);
}

typedef struct
{
  char   *id;
  GBytes *contents;
  char   *uri;
  char   *title;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_free (data->id);
  g_bytes_unref (data->contents);
  g_free (data->uri);
  g_free (data->title);
  g_free (data);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  GError *error = NULL;

  if (cjm_drafts_write (data->id, data->contents, data->uri, data->title, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * cjm_drafts_write_async:
 *
 * Writes a draft on a worker thread: syncing to the disk must not stall
 * the editor while people type.
 */
void
cjm_drafts_write_async (const char          *id,
                        GBytes              *contents,
                        const char          *uri,
                        const char          *title,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  WriteData *data = g_new0 (WriteData, 1);

  data->id = g_strdup (id);
  data->contents = g_bytes_ref (contents);
  data->uri = g_strdup (uri);
  data->title = g_strdup (title);
  g_task_set_source_tag (task, cjm_drafts_write_async);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
cjm_drafts_write_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * cjm_drafts_read:
 *
 * Returns: (transfer full) (nullable): the draft's map, to load with the
 *   same hardened reader as any file
 */
GBytes *
cjm_drafts_read (const char  *id,
                 GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  if (!id_is_safe (id))
    {
      g_set_error_literal (error, CJM_IO_ERROR, CJM_IO_ERROR_NOT_A_MAP, _("This is not a draft."));
      return NULL;
    }
  path = draft_path (id, ".cjm");
  file = g_file_new_for_path (path);
  return cjm_reader_read_file (file, error);
}

/**
 * cjm_drafts_remove:
 *
 * Forgets a draft: its map was saved, or closed on purpose without saving.
 */
void
cjm_drafts_remove (const char *id)
{
  g_autofree char *map_path = NULL;
  g_autofree char *info_path = NULL;

  if (!id_is_safe (id))
    return;
  map_path = draft_path (id, ".cjm");
  info_path = draft_path (id, ".draft");
  /* the key file first: a map without it is never offered */
  g_unlink (info_path);
  g_unlink (map_path);
}

static gint64
file_mtime (const char *uri)
{
  g_autoptr(GFile) file = g_file_new_for_uri (uri);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info != NULL ? (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED)
                      : -1;
}

static int
by_time (gconstpointer a,
         gconstpointer b)
{
  const CjmDraft *x = *(const CjmDraft * const *) a;
  const CjmDraft *y = *(const CjmDraft * const *) b;

  return (x->written > y->written) - (x->written < y->written);
}

/**
 * cjm_drafts_list_recoverable:
 *
 * The drafts left behind by a session that ended without saving: those of
 * untitled maps, and those newer than their map's file. Drafts older than
 * their file (saved since, elsewhere) are removed.
 *
 * Returns: (transfer container) (element-type CjmDraft): oldest first
 */
GPtrArray *
cjm_drafts_list_recoverable (void)
{
  GPtrArray *drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) cjm_draft_free);
  g_autofree char *folder = cjm_drafts_get_folder ();
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GKeyFile) info = g_key_file_new ();
      g_autofree char *path = NULL;
      g_autofree char *id = NULL;
      g_autofree char *map_path = NULL;
      g_autoptr(CjmDraft) draft = NULL;

      if (!g_str_has_suffix (name, ".draft"))
        continue;
      id = g_strndup (name, strlen (name) - strlen (".draft"));
      if (!id_is_safe (id))
        continue;
      path = g_build_filename (folder, name, NULL);
      map_path = draft_path (id, ".cjm");
      if (!g_key_file_load_from_file (info, path, G_KEY_FILE_NONE, NULL)
          || !g_file_test (map_path, G_FILE_TEST_IS_REGULAR))
        continue;

      draft = g_new0 (CjmDraft, 1);
      draft->id = g_steal_pointer (&id);
      draft->uri = g_key_file_get_string (info, "Draft", "Uri", NULL);
      draft->title = g_key_file_get_string (info, "Draft", "Title", NULL);
      draft->written = g_key_file_get_int64 (info, "Draft", "Written", NULL);
      if (draft->uri != NULL && *draft->uri == '\0')
        g_clear_pointer (&draft->uri, g_free);

      if (draft->uri != NULL)
        {
          gint64 mtime = file_mtime (draft->uri);

          if (mtime > draft->written)
            {
              /* the map was saved after this draft: nothing to recover */
              cjm_drafts_remove (draft->id);
              continue;
            }
        }
      g_ptr_array_add (drafts, g_steal_pointer (&draft));
    }
  g_ptr_array_sort (drafts, by_time);
  return drafts;
}
