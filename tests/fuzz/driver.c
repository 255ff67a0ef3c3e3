/* driver.c: runs a fuzz target on files, without a fuzzer
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>

#include "fuzz.h"

static int
run_file (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  LLVMFuzzerTestOneInput ((const unsigned char *) contents, length);
  return 0;
}

/* Builds without fuzzing support run every seed and every past crash
 * through the target as an ordinary test: arguments are files or folders
 * of files. */
int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
          const char *name;

          while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
            {
              g_autofree char *path = g_build_filename (argv[i], name, NULL);

              if (name[0] == '.' || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
                continue;
              if (run_file (path) != 0)
                return 1;
              n++;
            }
        }
      else
        {
          if (run_file (argv[i]) != 0)
            return 1;
          n++;
        }
    }
  g_print ("%u inputs passed\n", n);
  return n > 0 ? 0 : 1;
}
