/* cjm-cli.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "cjm-cli.h"
#include "cjm-export.h"
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
export (const char             *output,
        char                  **inputs,
        const CjmExportOptions *options)
{
  g_autoptr(GFile) in_file = NULL;
  g_autoptr(CjmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  CjmLocation location = { 0, 0 };

  if (inputs == NULL || inputs[0] == NULL || inputs[1] != NULL)
    {
      g_printerr ("%s\n", _("Name exactly one map to export, after the output file."));
      return 2;
    }

  in_file = g_file_new_for_commandline_arg (inputs[0]);
  document = cjm_reader_load_file (in_file, &location, &error);
  if (document == NULL)
    {
      if (location.line > 0)
        g_printerr ("%s:%d:%d: %s\n", inputs[0], location.line, location.column, error->message);
      else
        g_printerr ("%s: %s\n", inputs[0], error->message);
      return 1;
    }

  for (guint i = 0; options->personas != NULL && options->personas[i] != NULL; i++)
    if (!CJM_IS_PERSONA (cjm_document_lookup (document, options->personas[i])))
      {
        g_printerr (_("%s: the map has no persona “%s”.\n"), inputs[0], options->personas[i]);
        return 2;
      }

  if (!cjm_export_to_file (document, options, output, &error))
    {
      g_printerr ("%s: %s\n", output, error->message);
      return 1;
    }
  /* a warning about what was written; a failure gets its one line alone */
  if (options->format != CJM_EXPORT_CJM
      && (warning = cjm_export_check_legibility (document, options)) != NULL)
    g_printerr ("%s: %s\n", output, warning);
  return 0;
}

/* Turns the export options of the command line into CjmExportOptions, or
 * explains in one line what is wrong. */
static gboolean
parse_export_options (const char        *output,
                      const char        *paper,
                      const char        *orientation,
                      double             margin,
                      int                dpi,
                      const char        *tile,
                      double             overlap,
                      char             **personas,
                      CjmExportOptions  *options)
{
  cjm_export_options_init (options);

  if (!cjm_export_format_for_path (output, &options->format))
    {
      g_printerr (_("Cannot export to “%s”: the name must end in .pdf, .svg, .png or .cjm.\n"), output);
      return FALSE;
    }
  if (paper != NULL && !cjm_export_parse_paper (paper, &options->paper_width, &options->paper_height))
    {
      g_printerr (_("“%s” is not a paper size; use A0 to A4, Letter, Tabloid, Roll610, Roll914, "
                    "Roll1067, WIDTHxHEIGHTmm or fit.\n"), paper);
      return FALSE;
    }
  if (orientation != NULL)
    {
      if (g_ascii_strcasecmp (orientation, "landscape") == 0)
        options->landscape = TRUE;
      else if (g_ascii_strcasecmp (orientation, "portrait") == 0)
        options->landscape = FALSE;
      else
        {
          g_printerr (_("The orientation must be landscape or portrait, not “%s”.\n"), orientation);
          return FALSE;
        }
    }
  if (margin >= 0)
    {
      if (!isfinite (margin) || margin > 100)
        {
          g_printerr ("%s\n", _("The margin must lie between 0 and 100 mm."));
          return FALSE;
        }
      options->margin = margin;
    }
  if (dpi != 0)
    {
      if (dpi < 72 || dpi > 600)
        {
          g_printerr ("%s\n", _("The resolution must lie between 72 and 600 dpi."));
          return FALSE;
        }
      options->dpi = dpi;
    }
  if (tile != NULL)
    {
      if (!cjm_export_parse_paper (tile, &options->tile_width, &options->tile_height)
          || options->tile_height <= 0 || options->tile_width <= 0)
        {
          g_printerr (_("“%s” is not a sheet size to tile on; use A4 or A3.\n"), tile);
          return FALSE;
        }
      if (options->format != CJM_EXPORT_PDF)
        {
          g_printerr ("%s\n", _("A poster tiled over several sheets can only be exported as PDF."));
          return FALSE;
        }
    }
  if (overlap >= 0)
    {
      if (!isfinite (overlap) || overlap > 50)
        {
          g_printerr ("%s\n", _("The overlap must lie between 0 and 50 mm."));
          return FALSE;
        }
      options->overlap = overlap;
    }
  options->personas = g_strdupv (personas);
  return TRUE;
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
  g_autofree char *paper = NULL;
  g_autofree char *orientation = NULL;
  g_autofree char *tile = NULL;
  g_auto(GStrv) personas = NULL;
  g_auto(GStrv) rest = NULL;
  double margin = -1, overlap = -1;
  int dpi = 0;
  const GOptionEntry entries[] = {
    { "validate", 0, 0, G_OPTION_ARG_NONE, &validate_files,
      N_("Check each FILE and report problems with their line and column"), NULL },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &export_to,
      N_("Save the map FILE as OUT: PDF, SVG, PNG or .cjm, by its extension"), N_("OUT") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper,
      N_("With --export: the paper, A0 to A4, Letter, Tabloid, Roll610, Roll914, Roll1067, "
         "WIDTHxHEIGHTmm, or fit (the default)"), N_("PAPER") },
    { "orientation", 0, 0, G_OPTION_ARG_STRING, &orientation,
      N_("With --export: landscape (the default) or portrait"), N_("ORIENTATION") },
    { "margin", 0, 0, G_OPTION_ARG_DOUBLE, &margin,
      N_("With --export: the margin around the map in mm (10)"), N_("MM") },
    { "dpi", 0, 0, G_OPTION_ARG_INT, &dpi,
      N_("With --export to PNG: the resolution, 72 to 600 (150)"), N_("N") },
    { "tile", 0, 0, G_OPTION_ARG_STRING, &tile,
      N_("With --export to PDF: print the poster on A4 or A3 sheets to glue together"), N_("SHEET") },
    { "overlap", 0, 0, G_OPTION_ARG_DOUBLE, &overlap,
      N_("With --tile: how far the sheets overlap, in mm (10)"), N_("MM") },
    { "persona", 0, 0, G_OPTION_ARG_STRING_ARRAY, &personas,
      N_("With --export: draw only this persona's curves; repeat for several"), N_("ID") },
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
      /* Translators: an error in the options, then the program's name */
      g_printerr (_("%s; run “%s --help” to see the options.\n"), error->message, (*argv)[0]);
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
      CjmExportOptions options;

      if (!parse_export_options (export_to, paper, orientation, margin, dpi, tile, overlap,
                                 personas, &options))
        *status = 2;
      else
        *status = export (export_to, rest, &options);
      cjm_export_options_clear (&options);
      return TRUE;
    }
  if (paper != NULL || orientation != NULL || tile != NULL || personas != NULL || dpi != 0
      || margin >= 0 || overlap >= 0)
    {
      g_printerr ("%s\n", _("The paper, tile and persona options go with --export."));
      *status = 2;
      return TRUE;
    }

  *files = g_steal_pointer (&rest);
  return FALSE;
}
