/* test-save.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Saving: whatever goes wrong (no permission, a full disk, a folder that
 * vanished, a folder where the file should be), the file on disk stays
 * exactly as it was, the error says so in a sentence, and the document is
 * untouched and still unsaved. And when it works: links, permissions and
 * the saved marker behave as people expect. */

#include "config.h"

#include <errno.h>
#include <grp.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cjm-document.h"
#include "cjm-file.h"
#include "cjm-reader.h"
#include "cjm-writer.h"

/* Helpers -------------------------------------------------------------- */

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
write_bytes (const char *path,
             GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}

static void
assert_file_has (const char *path,
                 GBytes     *expected)
{
  g_autoptr(GBytes) actual = read_bytes (path);

  g_assert_cmpmem (g_bytes_get_data (actual, NULL), g_bytes_get_size (actual),
                   g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

static GBytes *
example_bytes (void)
{
  const char *root = g_getenv ("CJM_SOURCE_ROOT");
  g_autofree char *path = NULL;

  if (root != NULL && *root != '\0')
    path = g_build_filename (root, "data", "examples", "savings-account.cjm", NULL);
  else
    path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", "savings-account.cjm",
                                  NULL);
  return read_bytes (path);
}

static CjmDocument *
load_document (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  CjmDocument *document = cjm_reader_load_bytes (bytes, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

static void
edit_title (CjmDocument *document,
            const char  *title)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cjm_document_set (document, CJM_ENTITY (cjm_document_get_map (document)), &error,
                                   "title", title, NULL));
  g_assert_no_error (error);
}

static gboolean
is_modified (CjmDocument *document)
{
  return cjm_history_get_modified (cjm_document_get_history (document));
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("cjm-save-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;
  if (!S_ISDIR (st.st_mode))
    {
      g_unlink (path);
      return;
    }
  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_rmdir (path);
}

/* No ".NAME.saving-XXXXXX" may survive a save, failed or not. */
static void
assert_no_temporary_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] == '.' && strstr (name, ".saving-") != NULL)
      g_error ("a temporary file was left behind: %s/%s", dir_path, name);
}

static guint
count_entries (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* A failed save: the right code, and a sentence that tells people their
 * file is safe. */
static void
assert_save_error (const GError *error,
                   int           code)
{
  g_assert_error (error, CJM_IO_ERROR, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_null (strchr (error->message, '\n'));
  g_assert_cmpuint (strlen (error->message), >, 20);
  g_assert_true (g_unichar_isupper (g_utf8_get_char (error->message)));
  g_assert_true (g_str_has_suffix (error->message, "."));
  g_assert_null (strstr (error->message, "(null)"));
  if (code == CJM_IO_ERROR_SAVE)
    g_assert_true (strstr (error->message, "nothing was written") != NULL
                   || strstr (error->message, "left unchanged") != NULL);
}

/* A document with an unsaved edit, and the bytes it serialises to. */
typedef struct
{
  CjmDocument *document;
  GBytes      *serialised;
} Edited;

static void
edited_init (Edited *edited,
             GBytes *original)
{
  edited->document = load_document (original);
  edit_title (edited->document, "Opening a savings account, revised");
  g_assert_true (is_modified (edited->document));
  edited->serialised = cjm_writer_save_to_bytes (edited->document);
}

/* The document after a failed save: as it was, and still unsaved. */
static void
edited_assert_intact (Edited *edited)
{
  g_autoptr(GBytes) now = cjm_writer_save_to_bytes (edited->document);

  g_assert_true (g_bytes_equal (now, edited->serialised));
  g_assert_true (is_modified (edited->document));
}

static void
edited_clear (Edited *edited)
{
  g_clear_object (&edited->document);
  g_clear_pointer (&edited->serialised, g_bytes_unref);
}

/* Failures ------------------------------------------------------------- */

static void
read_only_folder_body (GBytes   *original,
                       gboolean  may_skip)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "map.cjm", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  Edited edited;

  write_bytes (path, original);
  edited_init (&edited, original);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  if (may_skip && access (dir, W_OK) == 0)
    {
      /* some capability lets this user write anyway */
      g_chmod (dir, 0700);
      remove_tree (dir);
      edited_clear (&edited);
      g_test_skip ("this user can write into a read-only folder");
      return;
    }

  g_assert_false (cjm_file_save (edited.document, file, &error));
  assert_save_error (error, CJM_IO_ERROR_SAVE);
  g_assert_nonnull (strstr (error->message, "permission"));
  g_clear_error (&error);
  assert_file_has (path, original);
  edited_assert_intact (&edited);
  assert_no_temporary_files (dir);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  /* the lower level says the same */
  g_assert_false (cjm_file_write_atomic (path, edited.serialised, &error));
  assert_save_error (error, CJM_IO_ERROR_SAVE);
  assert_file_has (path, original);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  g_chmod (dir, 0700);
  remove_tree (dir);
  edited_clear (&edited);
}

/* Root ignores permissions, so as root the test runs in a child that
 * becomes nobody first. */
static void
test_fail_read_only_folder (void)
{
  g_autoptr(GBytes) original = example_bytes ();

  if (geteuid () != 0)
    {
      read_only_folder_body (original, TRUE);
      return;
    }

  if (g_test_subprocess ())
    {
      const uid_t nobody = 65534;
      const gid_t nogroup = 65534;

      g_assert_cmpint (setgroups (0, NULL), ==, 0);
      g_assert_cmpint (setresgid (nogroup, nogroup, nogroup), ==, 0);
      g_assert_cmpint (setresuid (nobody, nobody, nobody), ==, 0);
      g_assert_cmpint (geteuid (), ==, nobody);
      /* as nobody nothing may excuse a skip: a skip would pass silently */
      read_only_folder_body (original, FALSE);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* A file size limit makes write() fail with EFBIG, as a full disk makes
 * it fail with ENOSPC, without needing a small file system. */
static void
test_fail_disk_full (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GBytes) original = example_bytes ();
      g_autofree char *dir = make_temp_dir ();
      g_autofree char *path = g_build_filename (dir, "map.cjm", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) long_text = g_string_new (NULL);
      const rlim_t limit = 64 * 1024;
      struct rlimit rl = { limit, limit };
      Edited edited;

      write_bytes (path, original);
      g_assert_cmpuint (g_bytes_get_size (original), <, limit);

      edited_init (&edited, original);
      while (long_text->len < 4 * limit)
        g_string_append (long_text, "A description longer than the disk allows. ");
      g_assert_true (cjm_document_set (edited.document,
                                       CJM_ENTITY (cjm_document_get_map (edited.document)),
                                       &error, "description", long_text->str, NULL));
      g_assert_no_error (error);
      g_clear_pointer (&edited.serialised, g_bytes_unref);
      edited.serialised = cjm_writer_save_to_bytes (edited.document);
      g_assert_cmpuint (g_bytes_get_size (edited.serialised), >, limit);

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &rl), ==, 0);

      g_assert_false (cjm_file_save (edited.document, file, &error));
      assert_save_error (error, CJM_IO_ERROR_SAVE);
      g_test_message ("%s", error->message);
      g_clear_error (&error);
      assert_file_has (path, original);
      edited_assert_intact (&edited);
      assert_no_temporary_files (dir);
      g_assert_cmpuint (count_entries (dir), ==, 1);

      /* a new file fails the same way and leaves nothing behind */
      {
        g_autofree char *new_path = g_build_filename (dir, "new.cjm", NULL);

        g_assert_false (cjm_file_write_atomic (new_path, edited.serialised, &error));
        assert_save_error (error, CJM_IO_ERROR_SAVE);
        g_assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));
        g_assert_cmpuint (count_entries (dir), ==, 1);
      }

      remove_tree (dir);
      edited_clear (&edited);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_fail_folder_deleted (void)
{
  g_autoptr(GBytes) original = example_bytes ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *folder = g_build_filename (dir, "maps", NULL);
  g_autofree char *path = g_build_filename (folder, "map.cjm", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  Edited edited;

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  write_bytes (path, original);
  edited_init (&edited, original);

  /* someone removes the folder while the map is open */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (folder), ==, 0);

  g_assert_false (cjm_file_save (edited.document, file, &error));
  assert_save_error (error, CJM_IO_ERROR_SAVE);
  g_assert_nonnull (strstr (error->message, "no longer exists"));
  edited_assert_intact (&edited);
  /* nothing was recreated behind the user's back */
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (dir), ==, 0);

  remove_tree (dir);
  edited_clear (&edited);
}

static void
test_fail_target_is_directory (void)
{
  g_autoptr(GBytes) original = example_bytes ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "map.cjm", NULL);
  g_autofree char *inside = g_build_filename (path, "keep.txt", NULL);
  g_autoptr(GBytes) keep = g_bytes_new_static ("keep", 4);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  Edited edited;

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  write_bytes (inside, keep);
  edited_init (&edited, original);

  g_assert_false (cjm_file_save (edited.document, file, &error));
  assert_save_error (error, CJM_IO_ERROR_NOT_REGULAR);
  g_clear_error (&error);
  edited_assert_intact (&edited);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  assert_file_has (inside, keep);
  g_assert_cmpuint (count_entries (path), ==, 1);
  assert_no_temporary_files (dir);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  g_assert_false (cjm_file_write_atomic (path, edited.serialised, &error));
  assert_save_error (error, CJM_IO_ERROR_NOT_REGULAR);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (count_entries (dir), ==, 1);

  remove_tree (dir);
  edited_clear (&edited);
}

/* Successes ------------------------------------------------------------ */

static void
test_symlink (void)
{
  g_autoptr(GBytes) original = example_bytes ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *real_path = g_build_filename (dir, "real.cjm", NULL);
  g_autofree char *links = g_build_filename (dir, "links", NULL);
  g_autofree char *link_path = g_build_filename (links, "link.cjm", NULL);
  g_autofree char *chain_path = g_build_filename (dir, "chain.cjm", NULL);
  g_autofree char *target = NULL;
  g_autoptr(GFile) link = g_file_new_for_path (link_path);
  g_autoptr(GFile) chain = g_file_new_for_path (chain_path);
  g_autoptr(GError) error = NULL;
  Edited edited;
  GStatBuf st;

  write_bytes (real_path, original);
  g_assert_cmpint (g_mkdir (links, 0755), ==, 0);
  g_assert_cmpint (symlink ("../real.cjm", link_path), ==, 0);
  g_assert_cmpint (symlink (link_path, chain_path), ==, 0);
  edited_init (&edited, original);

  g_assert_true (cjm_file_save (edited.document, link, &error));
  g_assert_no_error (error);

  /* the link is still a link to the same place; the file it names changed */
  g_assert_cmpint (g_lstat (link_path, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  target = g_file_read_link (link_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (target, ==, "../real.cjm");
  assert_file_has (real_path, edited.serialised);
  g_assert_false (is_modified (edited.document));
  assert_no_temporary_files (dir);
  assert_no_temporary_files (links);
  g_assert_cmpuint (count_entries (links), ==, 1);

  /* through two links */
  edit_title (edited.document, "Through a chain of links");
  g_clear_pointer (&edited.serialised, g_bytes_unref);
  edited.serialised = cjm_writer_save_to_bytes (edited.document);
  g_assert_true (cjm_file_save (edited.document, chain, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat (chain_path, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_cmpint (g_lstat (link_path, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  assert_file_has (real_path, edited.serialised);
  /* the real file, its backup beside it, and the folder of links */
  g_assert_cmpuint (count_entries (dir), ==, 3 + 1);
  {
    g_autofree char *backup = g_strconcat (real_path, "~", NULL);

    g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  }

  remove_tree (dir);
  edited_clear (&edited);
}

static void
test_permissions_kept (void)
{
  const guint modes[] = { 0600, 0640, 0644, 0400 };
  g_autoptr(GBytes) original = example_bytes ();
  g_autofree char *dir = make_temp_dir ();

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *path = g_build_filename (dir, "map.cjm", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      Edited edited;
      GStatBuf st;

      write_bytes (path, original);
      g_assert_cmpint (g_chmod (path, modes[i]), ==, 0);
      edited_init (&edited, original);

      g_assert_true (cjm_file_save (edited.document, file, &error));
      g_assert_no_error (error);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpuint (st.st_mode & 07777, ==, modes[i]);
      g_assert_cmpuint (st.st_uid, ==, geteuid ());
      assert_file_has (path, edited.serialised);
      assert_no_temporary_files (dir);

      g_unlink (path);
      edited_clear (&edited);
    }
  remove_tree (dir);
}

static void
test_permissions_new_file (void)
{
  const mode_t masks[] = { 022, 077, 002, 027 };
  g_autoptr(GBytes) original = example_bytes ();
  g_autofree char *dir = make_temp_dir ();
  mode_t saved_mask = umask (022);

  for (guint i = 0; i < G_N_ELEMENTS (masks); i++)
    {
      g_autofree char *name = g_strdup_printf ("new-%u.cjm", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      Edited edited;
      GStatBuf st;

      edited_init (&edited, original);
      umask (masks[i]);
      g_assert_true (cjm_file_save (edited.document, file, &error));
      umask (022);
      g_assert_no_error (error);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpuint (st.st_mode & 07777, ==, 0666 & ~masks[i]);
      assert_file_has (path, edited.serialised);
      assert_no_temporary_files (dir);
      edited_clear (&edited);
    }
  umask (saved_mask);
  remove_tree (dir);
}

static void
test_no_temporary_files (void)
{
  g_autoptr(GBytes) original = example_bytes ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "map.cjm", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Edited edited;

  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr(GBytes) previous = NULL;

  edited_init (&edited, original);
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *title = g_strdup_printf ("Version %u", i);

      edit_title (edited.document, title);
      g_assert_true (cjm_file_save (edited.document, file, &error));
      g_assert_no_error (error);
      /* the map, and from the second save on the version before it */
      g_assert_cmpuint (count_entries (dir), ==, i == 0 ? 1 : 2);
      if (previous != NULL)
        assert_file_has (backup, previous);
      g_clear_pointer (&previous, g_bytes_unref);
      previous = cjm_writer_save_to_bytes (edited.document);
    }
  assert_no_temporary_files (dir);
  remove_tree (dir);
  edited_clear (&edited);
}

/* Saving replaces the file under the name that was saved to, by renaming a
 * new file over it. A second hard link to the old file therefore keeps the
 * old contents: the two names no longer share one file. That is what
 * cjm_file_write_atomic() documents, and safer than rewriting a shared file
 * in place, which a crash could leave half-written under both names. */
static void
test_hard_link (void)
{
  g_autoptr(GBytes) original = example_bytes ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "map.cjm", NULL);
  g_autofree char *other = g_build_filename (dir, "other-name.cjm", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  Edited edited;
  GStatBuf st_path;
  GStatBuf st_other;

  write_bytes (path, original);
  g_assert_cmpint (link (path, other), ==, 0);
  g_assert_cmpint (g_stat (path, &st_path), ==, 0);
  g_assert_cmpuint (st_path.st_nlink, ==, 2);
  edited_init (&edited, original);

  g_assert_true (cjm_file_save (edited.document, file, &error));
  g_assert_no_error (error);

  assert_file_has (path, edited.serialised);
  assert_file_has (other, original);
  g_assert_cmpint (g_stat (path, &st_path), ==, 0);
  g_assert_cmpint (g_stat (other, &st_other), ==, 0);
  g_assert_cmpuint (st_path.st_nlink, ==, 1);
  g_assert_cmpuint (st_path.st_ino, !=, st_other.st_ino);
  /* the old file lives on under the other name and as the backup */
  g_assert_cmpuint (st_other.st_nlink, ==, 2);
  {
    g_autofree char *backup = g_strconcat (path, "~", NULL);
    GStatBuf st_backup;

    g_assert_cmpint (g_stat (backup, &st_backup), ==, 0);
    g_assert_cmpuint (st_backup.st_ino, ==, st_other.st_ino);
    assert_file_has (backup, original);
  }
  assert_no_temporary_files (dir);

  remove_tree (dir);
  edited_clear (&edited);
}

static void
test_marks_saved (void)
{
  g_autoptr(GBytes) original = example_bytes ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "map.cjm", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CjmDocument) document = load_document (original);

  g_assert_false (is_modified (document));
  edit_title (document, "Edited");
  g_assert_true (is_modified (document));

  g_assert_true (cjm_file_save (document, file, &error));
  g_assert_no_error (error);
  g_assert_false (is_modified (document));

  /* undoing past the save makes it modified again, redoing saved again */
  g_assert_true (cjm_document_undo (document));
  g_assert_true (is_modified (document));
  g_assert_true (cjm_document_redo (document));
  g_assert_false (is_modified (document));

  edit_title (document, "Edited again");
  g_assert_true (is_modified (document));

  remove_tree (dir);
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
  guint      calls;
} AsyncResult;

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  AsyncResult *data = user_data;

  data->calls++;
  data->ok = cjm_file_save_finish (result, &data->error);
  g_main_loop_quit (data->loop);
}

static gboolean
on_timeout (gpointer user_data)
{
  g_error ("the asynchronous save never finished");
  return G_SOURCE_REMOVE;
}

static void
run_until_saved (AsyncResult *data)
{
  guint timeout = g_timeout_add_seconds (30, on_timeout, NULL);

  g_main_loop_run (data->loop);
  g_source_remove (timeout);
  g_assert_cmpuint (data->calls, ==, 1);
}

static void
test_async (void)
{
  g_autoptr(GBytes) original = example_bytes ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "map.cjm", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncResult data = { loop, FALSE, NULL, 0 };
  Edited edited;

  write_bytes (path, original);
  edited_init (&edited, original);

  cjm_file_save_async (edited.document, file, NULL, on_saved, &data);
  run_until_saved (&data);
  g_assert_no_error (data.error);
  g_assert_true (data.ok);
  g_assert_false (is_modified (edited.document));
  assert_file_has (path, edited.serialised);
  assert_no_temporary_files (dir);

  remove_tree (dir);
  edited_clear (&edited);
}

/* An edit made while the file is written is not in the file, so the map
 * must stay modified; with either kind of edit, a separate step or one
 * that merges into the step being saved (typing). */
static void
test_async_edit_while_writing (void)
{
  g_autoptr(GBytes) original = example_bytes ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "map.cjm", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  for (guint merge = 0; merge < 2; merge++)
    {
      g_autoptr(CjmDocument) document = load_document (original);
      CjmEntity *map = CJM_ENTITY (cjm_document_get_map (document));
      g_autoptr(GBytes) at_call = NULL;
      g_autoptr(GBytes) after = NULL;
      g_autoptr(GError) error = NULL;
      AsyncResult data = { loop, FALSE, NULL, 0 };

      if (merge)
        g_assert_true (cjm_document_edit_text (document, map, "title", "Typed", &error));
      else
        edit_title (document, "Before saving");
      g_assert_no_error (error);
      at_call = cjm_writer_save_to_bytes (document);

      cjm_file_save_async (document, file, NULL, on_saved, &data);
      /* the worker may be writing now; the main loop has not run */
      if (merge)
        g_assert_true (cjm_document_edit_text (document, map, "title", "Typed more", &error));
      else
        edit_title (document, "While saving");
      g_assert_no_error (error);
      after = cjm_writer_save_to_bytes (document);
      g_assert_false (g_bytes_equal (at_call, after));

      run_until_saved (&data);
      g_assert_no_error (data.error);
      g_assert_true (data.ok);
      assert_file_has (path, at_call);
      g_assert_true (is_modified (document));

      /* saving again with no edit in between does mark it saved */
      data.calls = 0;
      cjm_file_save_async (document, file, NULL, on_saved, &data);
      run_until_saved (&data);
      g_assert_no_error (data.error);
      g_assert_true (data.ok);
      assert_file_has (path, after);
      g_assert_false (is_modified (document));
    }
  assert_no_temporary_files (dir);
  remove_tree (dir);
}

static void
test_async_failure (void)
{
  g_autoptr(GBytes) original = example_bytes ();
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncResult data = { loop, FALSE, NULL, 0 };
  Edited edited;

  edited_init (&edited, original);

  /* the folder itself as the target */
  cjm_file_save_async (edited.document, file, NULL, on_saved, &data);
  run_until_saved (&data);
  g_assert_false (data.ok);
  assert_save_error (data.error, CJM_IO_ERROR_NOT_REGULAR);
  g_clear_error (&data.error);
  edited_assert_intact (&edited);
  g_assert_cmpuint (count_entries (dir), ==, 0);

  remove_tree (dir);
  edited_clear (&edited);
}

static void
test_write_atomic (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "plain.cjm", NULL);
  g_autoptr(GBytes) first = g_bytes_new_static ("first", 5);
  g_autoptr(GBytes) second = g_bytes_new_static ("second, longer", 14);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GError) error = NULL;

  g_assert_true (cjm_file_write_atomic (path, first, &error));
  g_assert_no_error (error);
  assert_file_has (path, first);
  g_assert_true (cjm_file_write_atomic (path, second, &error));
  g_assert_no_error (error);
  assert_file_has (path, second);
  g_assert_true (cjm_file_write_atomic (path, empty, &error));
  g_assert_no_error (error);
  assert_file_has (path, empty);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/save/fail/read-only-folder", test_fail_read_only_folder);
  g_test_add_func ("/save/fail/disk-full", test_fail_disk_full);
  g_test_add_func ("/save/fail/folder-deleted", test_fail_folder_deleted);
  g_test_add_func ("/save/fail/target-is-directory", test_fail_target_is_directory);
  g_test_add_func ("/save/symlink", test_symlink);
  g_test_add_func ("/save/permissions/kept", test_permissions_kept);
  g_test_add_func ("/save/permissions/new-file", test_permissions_new_file);
  g_test_add_func ("/save/no-temporary-files", test_no_temporary_files);
  g_test_add_func ("/save/hard-link", test_hard_link);
  g_test_add_func ("/save/marks-saved", test_marks_saved);
  g_test_add_func ("/save/async/basic", test_async);
  g_test_add_func ("/save/async/edit-while-writing", test_async_edit_while_writing);
  g_test_add_func ("/save/async/failure", test_async_failure);
  g_test_add_func ("/save/write-atomic", test_write_atomic);

  return g_test_run ();
}
