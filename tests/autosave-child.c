/* autosave-child.c: a map being edited when the power goes
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "cjm-autosave.h"
#include "cjm-drafts.h"
#include "cjm-reader.h"

/* Opens the map named on the command line, changes its title, waits until
 * autosave has written the draft, says "ready" and waits to be killed. */
int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(CjmDocument) document = NULL;
  g_autoptr(CjmAutosave) autosave = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  CjmHistory *history;

  if (argc != 3)
    return 2;
  cjm_reader_init ();
  file = g_file_new_for_commandline_arg (argv[1]);
  document = cjm_reader_load_file (file, NULL, &error);
  if (document == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  autosave = cjm_autosave_new (document, NULL);
  uri = g_file_get_uri (file);
  cjm_autosave_set_uri (autosave, uri);
  cjm_autosave_set_delay (autosave, 1);

  if (!cjm_document_set (document, CJM_ENTITY (cjm_document_get_map (document)), &error,
                         "title", argv[2], NULL))
    return 1;

  history = cjm_document_get_history (document);
  while (cjm_history_get_needs_autosave (history))
    g_main_context_iteration (NULL, TRUE);

  printf ("ready\n");
  fflush (stdout);
  for (;;)
    g_usleep (G_USEC_PER_SEC);
}
