/* crash-saver.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The victim of the crash-consistency test: loads MAP, makes two versions
 * of it that differ in the title, and saves them over TARGET until it is
 * killed, version B first (the test starts it on a TARGET holding A), then
 * A, then B again, and so on; or COUNT times, when given, and then exits
 * (for tracing a few saves). It prints nothing unless a save fails, and
 * then exits with status 1.
 *
 * The versions are serialised once, so that nearly all of the time goes to
 * what touches the disk, where a kill could do harm: each save is what
 * cjm_file_save() does once it has the bytes (a temporary file, fsync, the
 * backup, the rename, fsync of the folder). */

#include "config.h"

#include <signal.h>

#include "cjm-document.h"
#include "cjm-file.h"
#include "cjm-reader.h"
#include "cjm-writer.h"

static GBytes *
with_title (CjmDocument *document,
            const char  *title)
{
  g_autoptr(GError) error = NULL;

  if (!cjm_document_set (document, CJM_ENTITY (cjm_document_get_map (document)), &error,
                         "title", title, NULL))
    {
      g_printerr ("crash-saver: %s\n", error->message);
      return NULL;
    }
  return cjm_writer_save_to_bytes (document);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CjmDocument) document = NULL;
  g_autoptr(GBytes) version_a = NULL;
  g_autoptr(GBytes) version_b = NULL;
  guint64 count = G_MAXUINT64;
  char *contents = NULL;
  gsize length = 0;

  if (argc == 6)
    count = g_ascii_strtoull (argv[5], NULL, 10);
  if (argc < 5 || argc > 6)
    {
      g_printerr ("Usage: %s MAP TARGET TITLE-A TITLE-B [COUNT]\n", argv[0]);
      return 2;
    }

  /* a full disk must fail a save, not kill the program */
  signal (SIGXFSZ, SIG_IGN);
  cjm_reader_init ();

  if (!g_file_get_contents (argv[1], &contents, &length, &error))
    {
      g_printerr ("crash-saver: %s\n", error->message);
      return 1;
    }
  bytes = g_bytes_new_take (contents, length);

  document = cjm_reader_load_bytes (bytes, NULL, &error);
  if (document == NULL)
    {
      g_printerr ("crash-saver: %s\n", error->message);
      return 1;
    }
  version_a = with_title (document, argv[3]);
  version_b = with_title (document, argv[4]);
  if (version_a == NULL || version_b == NULL)
    return 1;

  for (guint64 i = 0; i < count; i++)
    {
      if (!cjm_file_write_atomic_full (argv[2], i % 2 == 0 ? version_b : version_a, TRUE,
                                       &error))
        {
          g_printerr ("crash-saver: %s\n", error->message);
          return 1;
        }
    }
  return 0;
}
