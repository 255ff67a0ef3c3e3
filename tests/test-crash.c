/* test-crash.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Crash consistency: a program saving a large map over and over is killed
 * with SIGKILL at a random moment, hundreds of times. Each time the file
 * must hold exactly the old or the new version, byte for byte, and the
 * temporary file a killed save leaves behind must be gone once the next
 * program starts, which cleans them up when it opens a map. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include <glib/gstdio.h>

#include "cjm-document.h"
#include "cjm-file.h"
#include "cjm-reader.h"

#define TITLE_A "Versie A: de kaart voor de workshop"
#define TITLE_B "Versie B: de kaart na de workshop"

/* How often the saver is killed, unless CJM_CRASH_KILLS says otherwise
 * (tests/crash-consistency.sh asks for thousands). */
#define DEFAULT_KILLS 200

/* The generated map, and the two versions the saver alternates between. */
static char *work_dir;
static char *map_path;
static GBytes *version_a;
static GBytes *version_b;

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

  cjm_file_write_atomic (path, bytes, &error);
  g_assert_no_error (error);
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static char *
make_dir (const char *name)
{
  char *path = g_build_filename (work_dir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  return path;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

/* The environment for child programs: they are the subject, not the
 * checking allocator, which would make them ten times slower. */
static char **
child_environment (void)
{
  char **env = g_get_environ ();

  env = g_environ_unsetenv (env, "MALLOC_CHECK_");
  env = g_environ_unsetenv (env, "MALLOC_PERTURB_");
  return env;
}

/* The benchmark's generated map with 1,000 touchpoints, some 640 KB. */
static char *
generate_map (void)
{
  const char *bench = g_getenv ("REISKAART_BENCH");
  char *path = g_build_filename (work_dir, "generated-1000.cjm", NULL);
  const char *argv[] = { bench, "--write-map", "1000", path, NULL };
  g_auto(GStrv) env = child_environment ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_nonnull (bench);
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  return path;
}

/* The bytes the saver writes for @title: the same load, edit and
 * serialisation as cjm_file_save(). */
static GBytes *
version_with_title (GBytes     *map,
                    const char *title)
{
  g_autoptr(CjmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  document = cjm_reader_load_bytes (map, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cjm_document_set (document, CJM_ENTITY (cjm_document_get_map (document)), &error,
                                   "title", title, NULL));
  g_assert_no_error (error);
  bytes = cjm_file_serialize (document, &error);
  g_assert_no_error (error);
  return bytes;
}

static void
ensure_versions (void)
{
  g_autoptr(GBytes) map = NULL;

  if (version_a != NULL)
    return;
  map_path = generate_map ();
  map = read_bytes (map_path);
  version_a = version_with_title (map, TITLE_A);
  version_b = version_with_title (map, TITLE_B);
  g_assert_false (g_bytes_equal (version_a, version_b));
}

static gboolean
is_temporary (const char *name)
{
  return name[0] == '.' && strstr (name, ".saving-") != NULL;
}

static guint
count_temporaries (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (is_temporary (name))
      n++;
  return n;
}

static void
assert_no_temporaries (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (is_temporary (name))
      g_error ("a temporary file was left behind: %s/%s", folder, name);
}

static ino_t
inode_of (const char *path)
{
  struct stat st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_ino;
}

/* Which version @path holds: 'A', 'B', or 0 for anything else. */
static char
version_of (const char *path)
{
  g_autoptr(GBytes) bytes = read_bytes (path);

  if (g_bytes_equal (bytes, version_a))
    return 'A';
  if (g_bytes_equal (bytes, version_b))
    return 'B';
  return 0;
}

/* Killing a saver -------------------------------------------------------- */

static GPid
start_saver (const char *target)
{
  const char *saver = g_getenv ("CJM_CRASH_SAVER");
  const char *argv[] = { saver, map_path, target, TITLE_A, TITLE_B, NULL };
  g_auto(GStrv) env = child_environment ();
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_assert_nonnull (saver);
  g_spawn_async (NULL, (char **) argv, env, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

/* Waits until the saver has replaced @target once, so the kill that
 * follows lands in its saving loop and not while it still reads the map. */
static void
wait_for_first_save (GPid        pid,
                     const char *target,
                     ino_t       before)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (inode_of (target) == before)
    {
      int status = 0;

      if (waitpid (pid, &status, WNOHANG) == pid)
        g_error ("the saver ended by itself (wait status %d)", status);
      if (g_get_monotonic_time () > deadline)
        {
          kill (pid, SIGKILL);
          g_error ("the saver did not save within two minutes");
        }
      g_usleep (200);
    }
}

static void
kill_saver (GPid pid)
{
  int status = 0;

  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  while (waitpid (pid, &status, 0) < 0)
    g_assert_cmpint (errno, ==, EINTR);
  g_spawn_close_pid (pid);

  /* a saver that stopped by itself, for a failed save, proves nothing */
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
}

static void
test_kill_during_save (void)
{
  g_autofree char *folder = make_dir ("kill");
  g_autofree char *target = g_build_filename (folder, "workshop.cjm", NULL);
  g_autofree char *backup = g_strconcat (target, "~", NULL);
  g_autofree char *backup_new = g_strconcat (target, "~.new", NULL);
  const char *kills_env = g_getenv ("CJM_CRASH_KILLS");
  guint kills = DEFAULT_KILLS;
  guint left_a = 0;
  guint left_b = 0;
  guint left_temporary = 0;
  guint left_backup_new = 0;
  gint64 start = g_get_monotonic_time ();

  if (kills_env != NULL && *kills_env != '\0')
    kills = (guint) g_ascii_strtoull (kills_env, NULL, 10);
  g_assert_cmpuint (kills, >, 0);

  ensure_versions ();

  for (guint i = 0; i < kills; i++)
    {
      ino_t before;
      GPid pid;
      char version;

      write_bytes (target, version_a);
      before = inode_of (target);

      pid = start_saver (target);
      wait_for_first_save (pid, target, before);
      g_usleep (g_test_rand_int_range (0, 30001));
      kill_saver (pid);

      version = version_of (target);
      if (version == 0)
        g_error ("after kill %u of %u, %s is neither version A nor version B", i + 1, kills,
                 target);
      if (version == 'A')
        left_a++;
      else
        left_b++;

      /* the backup, when there is one, is a whole version too */
      if (g_file_test (backup, G_FILE_TEST_EXISTS) && version_of (backup) == 0)
        g_error ("after kill %u of %u, %s is neither version A nor version B", i + 1, kills,
                 backup);
      if (g_file_test (backup_new, G_FILE_TEST_EXISTS))
        left_backup_new++;

      /* what the next start does: nobody holds the temporary file now */
      left_temporary += count_temporaries (folder);
      cjm_file_clean_stale_temporaries (folder);
      assert_no_temporaries (folder);
      g_assert_false (g_file_test (backup_new, G_FILE_TEST_EXISTS));
    }

  g_test_message ("%u kills in %.1f s: the file held version A %u times and version B %u times, "
                  "never anything else; %u kills left a temporary file and %u left %s, "
                  "all cleaned up", kills, (g_get_monotonic_time () - start) / 1e6,
                  left_a, left_b, left_temporary, left_backup_new, backup_new);
}

/* Cleaning up ------------------------------------------------------------ */

static int
open_locked (const char *path)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX | LOCK_NB), ==, 0);
  return fd;
}

static void
make_old (const char *path)
{
  struct utimbuf two_hours_ago;

  two_hours_ago.actime = two_hours_ago.modtime = time (NULL) - 2 * 3600;
  g_assert_cmpint (g_utime (path, &two_hours_ago), ==, 0);
}

static void
test_clean_stale_temporaries (void)
{
  g_autofree char *folder = make_dir ("clean");
  g_autofree char *abandoned = g_build_filename (folder, ".workshop.cjm.saving-AbC123", NULL);
  g_autofree char *old_abandoned = g_build_filename (folder, ".oud.cjm.saving-q0W9e8", NULL);
  g_autofree char *in_use = g_build_filename (folder, ".workshop.cjm.saving-XyZ789", NULL);
  g_autofree char *map = g_build_filename (folder, "workshop.cjm", NULL);
  g_autofree char *mine = g_build_filename (folder, ".notities.saving-lijst", NULL);
  g_autofree char *visible = g_build_filename (folder, "workshop.cjm.saving-AbC123", NULL);
  g_autofree char *short_name = g_build_filename (folder, ".workshop.cjm.saving-Ab", NULL);
  g_autofree char *subfolder = g_build_filename (folder, ".map.cjm.saving-D1rect", NULL);
  g_autofree char *symbolic = g_build_filename (folder, ".map.cjm.saving-L1nk00", NULL);
  g_autofree char *backup_link = g_build_filename (folder, "workshop.cjm~.new", NULL);
  g_autofree char *other_new = g_build_filename (folder, "plan.cjm~.new", NULL);
  g_autofree char *other = g_build_filename (folder, "plan.cjm", NULL);
  int lock_fd;

  write_text (abandoned, "<half a map");
  write_text (old_abandoned, "<half a map");
  make_old (old_abandoned);
  write_text (in_use, "<a map being written");
  write_text (map, "<a map/>");
  write_text (mine, "not ours");
  write_text (visible, "not ours");
  write_text (short_name, "not ours");
  g_assert_cmpint (g_mkdir (subfolder, 0700), ==, 0);
  g_assert_cmpint (symlink (map, symbolic), ==, 0);
  /* a save killed while keeping its backup: a second name of the map */
  g_assert_cmpint (link (map, backup_link), ==, 0);
  /* a file of that name that is nobody's second name */
  write_text (other, "<a map/>");
  write_text (other_new, "<another map/>");

  /* a save in progress, however long it takes */
  lock_fd = open_locked (in_use);
  make_old (in_use);

  g_assert_cmpuint (cjm_file_clean_stale_temporaries (folder), ==, 3);
  g_assert_false (g_file_test (abandoned, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (backup_link, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other_new, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (old_abandoned, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (in_use, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (map, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (mine, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (visible, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (short_name, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (subfolder, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_test (symbolic, G_FILE_TEST_IS_SYMLINK));

  /* the save ends without renaming its file: now it is left behind */
  close (lock_fd);
  g_assert_cmpuint (cjm_file_clean_stale_temporaries (folder), ==, 1);
  g_assert_false (g_file_test (in_use, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (symbolic, G_FILE_TEST_IS_SYMLINK));

  /* a folder that cannot be read is no error */
  g_assert_cmpuint (cjm_file_clean_stale_temporaries ("/nonexistent/folder"), ==, 0);
}

/* A save and a clean-up at the same time, in two threads: the save never
 * loses its temporary file to the clean-up. */
typedef struct
{
  const char *folder;
  gint        stop;
} Cleaner;

static gpointer
run_cleaner (gpointer user_data)
{
  Cleaner *cleaner = user_data;

  while (!g_atomic_int_get (&cleaner->stop))
    cjm_file_clean_stale_temporaries (cleaner->folder);
  return NULL;
}

static void
test_save_while_cleaning (void)
{
  g_autofree char *folder = make_dir ("concurrent");
  g_autofree char *target = g_build_filename (folder, "workshop.cjm", NULL);
  g_autoptr(GBytes) small_a = g_bytes_new_static ("<a/>", 4);
  g_autoptr(GBytes) small_b = g_bytes_new_static ("<b/>", 4);
  Cleaner cleaner = { folder, 0 };
  GThread *thread;

  thread = g_thread_new ("cleaner", run_cleaner, &cleaner);
  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (cjm_file_write_atomic (target, i % 2 == 0 ? small_a : small_b, &error));
      g_assert_no_error (error);
    }
  g_atomic_int_set (&cleaner.stop, 1);
  g_thread_join (thread);
  assert_no_temporaries (folder);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  CjmDocument **document = user_data;
  g_autoptr(GError) error = NULL;

  *document = cjm_file_load_finish (result, NULL, &error);
  g_assert_no_error (error);
}

static void
test_load_cleans_folder (void)
{
  g_autofree char *folder = make_dir ("load");
  g_autofree char *nested = make_dir ("load/elders");
  g_autofree char *target = g_build_filename (folder, "workshop.cjm", NULL);
  g_autofree char *stale = g_build_filename (folder, ".workshop.cjm.saving-St4le1", NULL);
  g_autofree char *elsewhere = g_build_filename (nested, ".workshop.cjm.saving-St4le2", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (target);
  g_autoptr(CjmDocument) document = NULL;

  ensure_versions ();
  write_bytes (target, version_a);
  write_text (stale, "<half a map");
  write_text (elsewhere, "<half a map");

  cjm_file_load_async (file, NULL, on_loaded, &document);
  while (document == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  /* only the map's own folder */
  g_assert_true (g_file_test (elsewhere, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (cjm_map_get_title (cjm_document_get_map (document)), ==, TITLE_A);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  cjm_reader_init ();

  work_dir = g_dir_make_tmp ("cjm-crash-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/crash/kill-during-save", test_kill_during_save);
  g_test_add_func ("/crash/clean-stale-temporaries", test_clean_stale_temporaries);
  g_test_add_func ("/crash/save-while-cleaning", test_save_while_cleaning);
  g_test_add_func ("/crash/load-cleans-folder", test_load_cleans_folder);

  status = g_test_run ();

  remove_tree (work_dir);
  g_clear_pointer (&work_dir, g_free);
  g_clear_pointer (&map_path, g_free);
  g_clear_pointer (&version_a, g_bytes_unref);
  g_clear_pointer (&version_b, g_bytes_unref);
  return status;
}
