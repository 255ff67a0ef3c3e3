/* cjm-test-util.c: what several test programs share
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cjm-reader.h"
#include "cjm-test-util.h"

/* The example maps in the source tree: CJM_SOURCE_ROOT when meson runs the
 * test, the test's own source folder otherwise. */
char *
cjm_test_examples_dir (void)
{
  const char *root = g_getenv ("CJM_SOURCE_ROOT");

  if (root != NULL && *root != '\0')
    return g_build_filename (root, "data", "examples", NULL);
  return g_test_build_filename (G_TEST_DIST, "..", "data", "examples", NULL);
}

CjmDocument *
cjm_test_load_example (const char *name)
{
  g_autofree char *dir = cjm_test_examples_dir ();
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  CjmDocument *document;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  document = cjm_reader_load_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (CJM_IS_DOCUMENT (document));
  return document;
}
