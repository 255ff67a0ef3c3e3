/* test-print.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Printing and the export dialog, with GTK under a virtual X server.
 * Printing goes through GtkPrintOperation as File > Print does, but to a PDF
 * file (GTK_PRINT_OPERATION_ACTION_EXPORT), which pdfinfo and pdftotext
 * then read: the page count and paper of the fitted page and of a poster
 * tiled over the printer's sheets. The export dialog is opened on a real
 * window and its settings are checked against what it says and warns. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "cjm-application.h"
#include "cjm-export.h"
#include "cjm-export-dialog.h"
#include "cjm-print.h"
#include "cjm-reader.h"
#include "cjm-window.h"

#define TEST_APP_ID "io.github.reiskaart.Reiskaart.PrintTest"
#define PT_PER_MM   (72.0 / 25.4)

static CjmApplication *app;
static char *work_dir;

static char *
example_path (const char *name)
{
  const char *root = g_getenv ("CJM_SOURCE_ROOT");

  if (root != NULL && *root != '\0')
    return g_build_filename (root, "data", "examples", name, NULL);
  return g_test_build_filename (G_TEST_DIST, "..", "data", "examples", name, NULL);
}

static CjmDocument *
load_example (const char *name)
{
  g_autofree char *path = example_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CjmDocument *document = cjm_reader_load_file (file, NULL, &error);

  g_assert_no_error (error);
  return document;
}

/* The output of a program, which must succeed. */
static char *
run_tool (const char *tool,
          const char *first_arg,
          ...)
{
  g_autofree char *program = g_find_program_in_path (tool);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;
  va_list args;

  if (program == NULL)
    g_error ("%s is not installed (poppler-utils)", tool);
  g_ptr_array_add (argv, program);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  return out;
}

/* pdfinfo's page count, and the size of each page in points. */
static guint
pdf_pages (const char *path,
           GArray     *sizes)
{
  g_autofree char *info = run_tool ("pdfinfo", "-f", "1", "-l", "9999", path, NULL);
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);
  guint pages = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      double size[2];

      if (g_str_has_prefix (lines[i], "Pages:"))
        pages = (guint) g_ascii_strtoull (lines[i] + strlen ("Pages:"), NULL, 10);
      else if (g_str_has_prefix (lines[i], "Page ") && strstr (lines[i], " size:") != NULL
               && sscanf (strstr (lines[i], " size:") + strlen (" size:"), "%lf x %lf",
                          &size[0], &size[1]) == 2)
        g_array_append_vals (sizes, size, 2);
    }
  return pages;
}

static void
assert_page_size (GArray *sizes,
                  guint   page,
                  double  width_mm,
                  double  height_mm)
{
  g_assert_cmpuint (sizes->len, >, 2 * page + 1);
  g_assert_cmpfloat_with_epsilon (g_array_index (sizes, double, 2 * page), width_mm * PT_PER_MM, 1);
  g_assert_cmpfloat_with_epsilon (g_array_index (sizes, double, 2 * page + 1), height_mm * PT_PER_MM, 1);
}

static char *
print_to_pdf (CjmPrintOperation *operation,
              const char        *name,
              const char        *paper,
              GtkPageOrientation orientation)
{
  g_autofree char *path = g_build_filename (work_dir, name, NULL);
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) size = gtk_paper_size_new (paper);
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  gtk_page_setup_set_paper_size_and_default_margins (setup, size);
  gtk_page_setup_set_orientation (setup, orientation);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (operation), setup);
  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), path);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (operation),
                                    GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return g_steal_pointer (&path);
}

static void
test_print_fit (void)
{
  g_autoptr(CjmDocument) document = load_example ("fietsabonnement.cjm");
  g_autoptr(CjmPrintOperation) operation = cjm_print_operation_new (document);
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  g_assert_false (cjm_print_operation_get_poster (operation));
  path = print_to_pdf (operation, "fit.pdf", GTK_PAPER_NAME_A4, GTK_PAGE_ORIENTATION_LANDSCAPE);

  g_assert_cmpuint (pdf_pages (path, sizes), ==, 1);
  assert_page_size (sizes, 0, 297, 210);
  /* the same renderer: text stays text, diacritics and all */
  text = run_tool ("pdftotext", "-enc", "UTF-8", path, "-", NULL);
  g_assert_nonnull (strstr (text, "Fietsabonnement: van eerste indruk tot ambassadeur"));
  g_assert_nonnull (strstr (text, "Hoort van vrienden over het"));
}

/* A poster over the printer's sheets: as many pages as the same tiling in an
 * export, each the printer's paper as it lies, even where the tiling turned
 * the sheet. */
static void
check_poster (const char         *paper_name,
              GtkPageOrientation  orientation,
              const char         *poster,
              double              sheet_w,
              double              sheet_h)
{
  g_autoptr(CjmDocument) document = load_example ("fietsabonnement.cjm");
  g_autoptr(CjmPrintOperation) operation = cjm_print_operation_new (document);
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *name = g_strdup_printf ("poster-%s-%s.pdf", poster, paper_name);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  CjmExportOptions options;
  guint pages, expected;

  cjm_print_operation_set_poster (operation, TRUE, poster, 10);
  g_assert_true (cjm_print_operation_get_poster (operation));
  path = print_to_pdf (operation, name, paper_name, orientation);

  cjm_export_options_init (&options);
  g_assert_true (cjm_export_parse_paper (poster, &options.paper_width, &options.paper_height));
  options.tile_width = MIN (sheet_w, sheet_h);
  options.tile_height = MAX (sheet_w, sheet_h);
  expected = cjm_export_count_pages (document, &options);
  g_assert_cmpuint (expected, >, 2);

  pages = pdf_pages (path, sizes);
  g_test_message ("%s over %s: %u pages", poster, paper_name, pages);
  g_assert_cmpuint (pages, ==, expected);
  for (guint p = 0; p < pages; p++)
    assert_page_size (sizes, p, sheet_w, sheet_h);

  text = run_tool ("pdftotext", "-enc", "UTF-8", path, "-", NULL);
  g_assert_nonnull (strstr (text, "How the sheets fit together"));
  g_assert_nonnull (strstr (text, "Sheet B2"));
}

static void
test_print_poster_a4 (void)
{
  check_poster (GTK_PAPER_NAME_A4, GTK_PAGE_ORIENTATION_PORTRAIT, "A1", 210, 297);
}

/* the tiling lays A4 sheets on their side for A0, the printer's paper
 * stands: the drawing turns on the page */
static void
test_print_poster_turned (void)
{
  check_poster (GTK_PAPER_NAME_A4, GTK_PAGE_ORIENTATION_PORTRAIT, "A0", 210, 297);
}

static void
test_print_poster_a3_landscape (void)
{
  check_poster (GTK_PAPER_NAME_A3, GTK_PAGE_ORIENTATION_LANDSCAPE, "A0", 420, 297);
}

static GtkWidget *
find_by_id (GtkWidget  *widget,
            const char *id)
{
  const char *own = GTK_IS_BUILDABLE (widget) ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget))
                                              : NULL;

  if (g_strcmp0 (own, id) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_id (child, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The Poster tab of the print dialog sets the operation up. */
static void
test_print_custom_tab (void)
{
  g_autoptr(CjmDocument) document = load_example ("fietsabonnement.cjm");
  g_autoptr(CjmPrintOperation) operation = cjm_print_operation_new (document);
  g_autoptr(GtkWidget) tab = NULL;
  GtkWidget *poster_button, *overlap_spin;
  gboolean full_page = FALSE;

  g_signal_emit_by_name (operation, "create-custom-widget", &tab);
  /* the signal hands over a reference */
  g_assert_true (GTK_IS_WIDGET (tab));
  poster_button = find_by_id (tab, "poster_button");
  overlap_spin = find_by_id (tab, "overlap_spin");
  g_assert_nonnull (poster_button);
  g_assert_nonnull (overlap_spin);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (poster_button)));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (poster_button), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (overlap_spin), 15);
  g_signal_emit_by_name (operation, "custom-widget-apply", tab);
  g_assert_true (cjm_print_operation_get_poster (operation));
  /* the sheets keep their own margins, for the crop marks */
  g_object_get (operation, "use-full-page", &full_page, NULL);
  g_assert_true (full_page);
}

/* The export dialog ------------------------------------------------------- */

static gboolean
on_pump_timeout (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
pump (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_pump_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static const char *
label_text (GtkWidget  *dialog,
            const char *id)
{
  GtkWidget *label = find_by_id (dialog, id);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

static void
test_export_dialog (void)
{
  g_autoptr(CjmDocument) document = load_example ("fietsabonnement.cjm");
  CjmWindow *window = cjm_window_new (app, document);
  CjmExportDialog *dialog = cjm_export_dialog_new (window);
  GtkWidget *root = GTK_WIDGET (dialog);
  GtkWidget *format = find_by_id (root, "format_dropdown");
  GtkWidget *paper = find_by_id (root, "paper_dropdown");
  GtkWidget *tile = find_by_id (root, "tile_switch");
  GtkWidget *personas = find_by_id (root, "persona_list");

  gtk_window_present (GTK_WINDOW (dialog));
  pump (200);
  g_assert_true (gtk_widget_get_mapped (find_by_id (root, "preview")));
  g_assert_cmpint (gtk_widget_get_width (find_by_id (root, "preview")), >, 100);

  /* three personas, each with its check button */
  g_assert_nonnull (gtk_widget_get_first_child (personas));

  /* A0 landscape: the example is legible */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (paper), 1);
  g_assert_cmpstr (label_text (root, "summary_label"), ==, "1189 × 841 mm, one page");
  g_assert_false (gtk_widget_get_visible (find_by_id (root, "warning_box")));
  g_assert_false (gtk_widget_get_sensitive (find_by_id (root, "dpi_row")));

  /* on A4 it is not, and the warning names a touchpoint */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (paper), 5);
  g_assert_true (gtk_widget_get_visible (find_by_id (root, "warning_box")));
  g_assert_nonnull (strstr (label_text (root, "warning_label"), "Hoort van vrienden"));

  /* a poster over A4 sheets */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (paper), 1);
  gtk_switch_set_active (GTK_SWITCH (tile), TRUE);
  g_assert_true (gtk_widget_get_sensitive (find_by_id (root, "overlap_row")));
  g_assert_nonnull (strstr (label_text (root, "summary_label"), "sheets of A4"));
  pump (50);

  /* PNG: the resolution counts, tiling does not */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (format), CJM_EXPORT_PNG);
  g_assert_true (gtk_widget_get_sensitive (find_by_id (root, "dpi_row")));
  g_assert_false (gtk_widget_get_sensitive (find_by_id (root, "tile_group")));
  g_assert_cmpstr (label_text (root, "summary_label"), ==,
                   "1189 × 841 mm, a picture of 7022 × 4967 pixels");

  /* a custom size shows its fields */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (paper), 11);
  g_assert_true (gtk_widget_get_visible (find_by_id (root, "custom_row")));
  pump (50);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  pump (50);
}

static void
test_no_display (void)
{
  g_test_skip ("no display: run this test under xvfb-run (package xvfb)");
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* the texts compared are the untranslated ones */
  gtk_disable_setlocale ();
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/reiskaart-test-bus", TRUE);
  g_test_init (&argc, &argv, NULL);
  cjm_reader_init ();

  work_dir = g_dir_make_tmp ("reiskaart-print-XXXXXX", &error);
  g_assert_no_error (error);

  if (gtk_init_check ())
    {
      app = g_object_new (CJM_TYPE_APPLICATION,
                          "application-id", TEST_APP_ID,
                          "resource-base-path", "/io/github/reiskaart/Reiskaart",
                          "flags", G_APPLICATION_NON_UNIQUE,
                          NULL);
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);

      g_test_add_func ("/print/fit-on-one-page", test_print_fit);
      g_test_add_func ("/print/poster/a1-over-a4", test_print_poster_a4);
      g_test_add_func ("/print/poster/a0-over-a3-landscape", test_print_poster_a3_landscape);
      g_test_add_func ("/print/poster/a0-over-a4-turned", test_print_poster_turned);
      g_test_add_func ("/print/custom-tab", test_print_custom_tab);
      g_test_add_func ("/export-dialog/settings", test_export_dialog);
    }
  else
    g_test_add_func ("/print/no-display", test_no_display);

  status = g_test_run ();

  g_clear_object (&app);
  remove_tree (work_dir);
  g_free (work_dir);
  return status;
}
