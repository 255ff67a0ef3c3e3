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

#include "cjm-cli.h"
#include "cjm-application.h"
#include "cjm-reader.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CjmApplication) app = NULL;
  g_auto(GStrv) files = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
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
