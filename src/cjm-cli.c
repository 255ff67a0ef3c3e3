/* cjm-cli.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "cjm-cli.h"
#include "cjm-file.h"
#include "cjm-reader.h"
#include "cjm-schema.h"

/* The command line: validating and converting maps needs no display, so it
 * runs before GTK is ever initialised. */

static void
print_problem (const char        *name,
               const CjmLocation *location,
               const char        *message)
{
  if (location->line > 0 && location->column > 0)
    g_print ("%s:%d:%d: %s\n", name, location->line, location->column, message);
  else if (location->line > 0)
    g_print ("%s:%d: %s\n", name, location->line, message);
  else
    g_print ("%s: %s\n", name, message);
}

static int
validate (char **files)
{
  int status = 0;

  if (files == NULL || files[0] == NULL)
    {
      g_printerr ("%s\n", _("Name at least one map to validate."));
      return 2;
    }

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (files[i]);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(CjmDocument) document = NULL;
      g_autoptr(GError) error = NULL;
      CjmLocation location = { 0, 0 };

      bytes = cjm_reader_read_file (file, &error);
      if (bytes != NULL)
        document = cjm_reader_load_bytes (bytes, &location, &error);
      if (document != NULL && !cjm_schema_validate_bytes (bytes, &location, &error))
        g_clear_object (&document);

      if (document != NULL)
        g_print (_("%s: ok\n"), files[i]);
      else
        {
          print_problem (files[i], &location, error->message);
          status = 1;
        }
    }
  return status;
}

static int
export (const char  *output,
        char       **inputs)
{
  g_autoptr(GFile) in_file = NULL;
  g_autoptr(GFile) out_file = NULL;
  g_autoptr(CjmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  CjmLocation location = { 0, 0 };

  if (inputs == NULL || inputs[0] == NULL || inputs[1] != NULL)
    {
      g_printerr ("%s\n", _("Name exactly one map to export, after the output file."));
      return 2;
    }
  if (!g_str_has_suffix (output, ".cjm"))
    {
      g_printerr (_("Cannot export to “%s”: the name must end in .cjm.\n"), output);
      return 2;
    }

  in_file = g_file_new_for_commandline_arg (inputs[0]);
  out_file = g_file_new_for_commandline_arg (output);

  document = cjm_reader_load_file (in_file, &location, &error);
  if (document == NULL)
    {
      g_autoptr(GString) message = g_string_new (NULL);

      if (location.line > 0)
        g_string_printf (message, "%s:%d:%d: %s", inputs[0], location.line, location.column,
                         error->message);
      else
        g_string_printf (message, "%s: %s", inputs[0], error->message);
      g_printerr ("%s\n", message->str);
      return 1;
    }

  if (!cjm_file_save (document, out_file, &error))
    {
      g_printerr ("%s: %s\n", output, error->message);
      return 1;
    }
  return 0;
}

/**
 * cjm_cli_handle:
 * @argc: (inout): the argument count
 * @argv: (inout): the arguments; options are removed
 * @files: (out): the files named to open in the editor
 * @status: (out): the exit status, when handled
 *
 * Returns: %TRUE if the command line was handled and the program should
 *   exit with @status; %FALSE to open the editor on @files
 */
gboolean
cjm_cli_handle (int     *argc,
                char  ***argv,
                GStrv   *files,
                int     *status)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gboolean show_version = FALSE;
  gboolean validate_files = FALSE;
  g_autofree char *export_to = NULL;
  g_auto(GStrv) rest = NULL;
  const GOptionEntry entries[] = {
    { "validate", 0, 0, G_OPTION_ARG_NONE, &validate_files,
      N_("Check each FILE and report problems with their line and column"), NULL },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &export_to,
      N_("Save the map FILE as OUT, in the format its extension names"), N_("OUT") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &show_version,
      N_("Show the version and exit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, N_("[FILE…]") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Reiskaart draws customer journey maps."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("%s\n", error->message);
      g_printerr (_("Run “%s --help” to see the options.\n"), (*argv)[0]);
      *status = 2;
      return TRUE;
    }

  if (show_version)
    {
      g_print ("Reiskaart %s\n", PACKAGE_VERSION);
      *status = 0;
      return TRUE;
    }
  if (validate_files)
    {
      *status = validate (rest);
      return TRUE;
    }
  if (export_to != NULL)
    {
      *status = export (export_to, rest);
      return TRUE;
    }

  *files = g_steal_pointer (&rest);
  return FALSE;
}
