/* test-autosave.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "cjm-autosave.h"
#include "cjm-drafts.h"
#include "cjm-file-watch.h"
#include "cjm-reader.h"
#include "cjm-writer.h"

static char *drafts_dir;

static char *
example_path (void)
{
  const char *root = g_getenv ("CJM_SOURCE_ROOT");

  g_assert_nonnull (root);
  return g_build_filename (root, "data", "examples", "savings-account.cjm", NULL);
}

static CjmDocument *
load_example (void)
{
  g_autofree char *path = example_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CjmDocument *document = cjm_reader_load_file (file, NULL, &error);

  g_assert_no_error (error);
  return document;
}

static void
clear_drafts (void)
{
  g_autoptr(GDir) dir = g_dir_open (drafts_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (drafts_dir, name, NULL);

      g_unlink (path);
    }
}

static void
set_title (CjmDocument *document,
           const char  *title)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cjm_document_set (document, CJM_ENTITY (cjm_document_get_map (document)), &error,
                                   "title", title, NULL));
  g_assert_no_error (error);
}

static void
wait_for_draft (CjmDocument *document)
{
  CjmHistory *history = cjm_document_get_history (document);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (cjm_history_get_needs_autosave (history) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (cjm_history_get_needs_autosave (history));
}

static CjmDocument *
load_draft (const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = cjm_drafts_read (id, &error);
  CjmDocument *document;

  g_assert_no_error (error);
  document = cjm_reader_load_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  return document;
}

/* An edit is written aside after the delay; the draft holds it. */
static void
test_draft_after_edit (void)
{
  g_autoptr(CjmDocument) document = load_example ();
  g_autoptr(CjmAutosave) autosave = cjm_autosave_new (document, NULL);
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(CjmDocument) recovered = NULL;
  gint64 start;

  clear_drafts ();
  cjm_autosave_set_delay (autosave, 1);
  g_assert_false (cjm_history_get_needs_autosave (cjm_document_get_history (document)));

  start = g_get_monotonic_time ();
  set_title (document, "Kept safe after one second");
  wait_for_draft (document);
  /* not before the delay */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC * 9 / 10);

  drafts = cjm_drafts_list_recoverable ();
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_cmpstr (((CjmDraft *) g_ptr_array_index (drafts, 0))->id, ==, cjm_autosave_get_draft_id (autosave));
  g_assert_null (((CjmDraft *) g_ptr_array_index (drafts, 0))->uri);
  g_assert_cmpstr (((CjmDraft *) g_ptr_array_index (drafts, 0))->title, ==, "Kept safe after one second");

  recovered = load_draft (cjm_autosave_get_draft_id (autosave));
  g_assert_cmpstr (cjm_map_get_title (cjm_document_get_map (recovered)), ==, "Kept safe after one second");

  /* saved or discarded on purpose: the draft goes */
  cjm_autosave_forget (autosave);
  g_clear_pointer (&drafts, g_ptr_array_unref);
  drafts = cjm_drafts_list_recoverable ();
  g_assert_cmpuint (drafts->len, ==, 0);
}

/* A draft older than its map's file was overtaken by a save elsewhere. */
static void
test_stale_draft_dropped (void)
{
  g_autoptr(CjmDocument) document = load_example ();
  g_autoptr(GBytes) bytes = cjm_writer_save_to_bytes (document);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autofree char *map_path = g_build_filename (drafts_dir, "..", "newer.cjm", NULL);
  g_autoptr(GFile) map = g_file_new_for_path (map_path);
  g_autofree char *uri = g_file_get_uri (map);
  g_autofree char *id = cjm_drafts_new_id ();

  clear_drafts ();
  g_assert_true (cjm_drafts_write (id, bytes, uri, "Old draft", &error));
  g_assert_no_error (error);
  g_usleep (1100 * 1000);
  g_assert_true (g_file_set_contents (map_path, "saved later", -1, NULL));

  drafts = cjm_drafts_list_recoverable ();
  g_assert_cmpuint (drafts->len, ==, 0);
  g_assert_null (cjm_drafts_read (id, NULL));
  g_unlink (map_path);
}

/* The process is killed after the draft was written: the next start finds
 * the edit, and the user's file is as it was. */
static void
test_killed_after_edit (void)
{
  g_autofree char *example = example_path ();
  g_autofree char *copy = g_build_filename (drafts_dir, "..", "workshop.cjm", NULL);
  g_autofree char *original = NULL;
  g_autofree char *after = NULL;
  g_autofree char *child = g_test_build_filename (G_TEST_BUILT, "autosave-child", NULL);
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(CjmDocument) recovered = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) copy_file = NULL;
  g_autofree char *copy_uri = NULL;
  const char *argv[] = { child, copy, "Edited in the workshop", NULL };
  GPid pid;
  int out_fd, status;
  char line[16] = { 0 };
  gsize length;

  clear_drafts ();
  g_assert_true (g_file_get_contents (example, &original, &length, NULL));
  g_assert_true (g_file_set_contents (copy, original, (gssize) length, NULL));
  copy_file = g_file_new_for_path (copy);
  copy_uri = g_file_get_uri (copy_file);

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (read (out_fd, line, sizeof line - 1), >, 0);
  g_assert_true (g_str_has_prefix (line, "ready"));
  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  close (out_fd);
  g_assert_true (WIFSIGNALED (status));

  drafts = cjm_drafts_list_recoverable ();
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_cmpstr (((CjmDraft *) g_ptr_array_index (drafts, 0))->uri, ==, copy_uri);
  recovered = load_draft (((CjmDraft *) g_ptr_array_index (drafts, 0))->id);
  g_assert_cmpstr (cjm_map_get_title (cjm_document_get_map (recovered)), ==, "Edited in the workshop");

  /* the user's file was never written */
  g_assert_true (g_file_get_contents (copy, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, original);
  g_unlink (copy);
}

static void
on_changed_on_disk (CjmFileWatch *watch,
                    gboolean      deleted,
                    int          *events)
{
  *events = deleted ? 2 : 1;
}

/* Another program writes the map's file: the watch says so when asked
 * (the check before saving) and, where the system reports changes, by
 * itself. Our own saves, once remembered, are not news. */
static void
test_file_watch (void)
{
  g_autofree char *path = g_build_filename (drafts_dir, "..", "shared-drive.cjm", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CjmFileWatch) watch = NULL;
  gboolean deleted = TRUE;
  int events = 0;
  gint64 deadline;

  g_assert_true (g_file_set_contents (path, "first version", -1, NULL));
  watch = cjm_file_watch_new (file);
  g_signal_connect (watch, "changed-on-disk", G_CALLBACK (on_changed_on_disk), &events);
  g_assert_false (cjm_file_watch_changed_on_disk (watch, &deleted));
  g_assert_false (deleted);

  /* a colleague saves */
  g_assert_true (g_file_set_contents (path, "their version, longer", -1, NULL));
  g_assert_true (cjm_file_watch_changed_on_disk (watch, &deleted));
  g_assert_false (deleted);
  deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  while (events == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (events, ==, 1);

  /* we save (and remember what we wrote) */
  cjm_file_watch_set_paused (watch, TRUE);
  g_assert_true (g_file_set_contents (path, "our version", -1, NULL));
  cjm_file_watch_remember (watch);
  cjm_file_watch_set_paused (watch, FALSE);
  g_assert_false (cjm_file_watch_changed_on_disk (watch, NULL));

  /* the file is removed */
  g_unlink (path);
  g_assert_true (cjm_file_watch_changed_on_disk (watch, &deleted));
  g_assert_true (deleted);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *work = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);
  cjm_reader_init ();

  work = g_dir_make_tmp ("reiskaart-autosave-XXXXXX", NULL);
  drafts_dir = g_build_filename (work, "drafts", NULL);
  g_setenv ("REISKAART_DRAFTS_DIR", drafts_dir, TRUE);

  g_test_add_func ("/autosave/draft-after-edit", test_draft_after_edit);
  g_test_add_func ("/autosave/stale-draft-dropped", test_stale_draft_dropped);
  g_test_add_func ("/autosave/killed-after-edit", test_killed_after_edit);
  g_test_add_func ("/autosave/file-watch", test_file_watch);
  result = g_test_run ();

  clear_drafts ();
  g_rmdir (drafts_dir);
  g_rmdir (work);
  g_free (drafts_dir);
  return result;
}
