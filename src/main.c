/* main.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cjm-cli.h"
#include "cjm-application.h"
#include "cjm-reader.h"

/* Run from the build tree (./build/src/reiskaart), the program uses the
 * settings schema and the translations built beside it: an installed copy
 * may be older or missing, and GSettings aborts on a schema it cannot find.
 * The program's own location decides, not the current folder, and real
 * paths are compared, so an installed copy never matches. Values the
 * caller set in the environment win. */
static void
use_build_tree (void)
{
  g_autofree char *program = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *program_dir = NULL;
  g_autofree char *build_dir = NULL;

  if (program == NULL)
    return;
  program_dir = g_path_get_dirname (program);
  build_dir = realpath (BUILD_PROGRAM_DIR, NULL);
  if (build_dir == NULL || strcmp (program_dir, build_dir) != 0)
    return;

  g_setenv ("GSETTINGS_SCHEMA_DIR", BUILD_SCHEMA_DIR, FALSE);
  g_setenv ("REISKAART_LOCALEDIR", BUILD_LOCALE_DIR, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CjmApplication) app = NULL;
  g_auto(GStrv) files = NULL;
  const char *localedir;
  int status;

  use_build_tree ();

  setlocale (LC_ALL, "");
  /* REISKAART_LOCALEDIR replaces the installed translations with others:
   * the build tree's, or those a test names. */
  localedir = g_getenv ("REISKAART_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* a full disk or a file size limit must fail a save, not kill the app */
  signal (SIGXFSZ, SIG_IGN);
  cjm_reader_init ();

  /* the command line works without a display; only the editor needs one */
  if (cjm_cli_handle (&argc, &argv, &files, &status))
    return status;

  app = cjm_application_new ();
  return cjm_application_run_with_files (app, argv[0], files);
}
