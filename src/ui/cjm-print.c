/* cjm-print.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cjm-export.h"
#include "cjm-print.h"
#include "cjm-reader.h"
#include "cjm-writer.h"

/* Printing draws the pages of an export onto the printer's pages with
 * cjm_export_draw_page(): either the whole map scaled to the printable area
 * of the paper chosen under Page Setup, or a poster tiled over sheets of
 * that paper, an index page first. The map is copied when printing starts,
 * since GTK draws the pages while the main loop runs. */

struct _CjmPrintOperation
{
  GtkPrintOperation  parent_instance;

  CjmDocument       *copy;
  gboolean           poster;
  char              *paper;
  double             overlap;
  gboolean           landscape;
  CjmExportOptions   options;
  gboolean           rotate;

  GtkBuilder        *tab;
  CjmWindow         *window;
  gboolean           in_progress;
  gboolean           finished;
};

G_DEFINE_FINAL_TYPE (CjmPrintOperation, cjm_print_operation, GTK_TYPE_PRINT_OPERATION)

static const char * const poster_papers[] = { "A0", "A1", "A2", "A3" };

/* The choices of the last print, for the next one in this session, as
 * other GNOME programs keep them. */
static GtkPrintSettings *last_settings;
static GtkPageSetup *last_page_setup;
static gboolean last_poster;
static char *last_paper;
static double last_overlap = 10;

static void
cjm_print_operation_begin_print (GtkPrintOperation *operation,
                                 GtkPrintContext   *context)
{
  CjmPrintOperation *self = CJM_PRINT_OPERATION (operation);
  GtkPageSetup *setup = gtk_print_context_get_page_setup (context);
  /* the unit is points: the page as it lies, margins included or not */
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);

  cjm_export_options_clear (&self->options);
  cjm_export_options_init (&self->options);
  self->options.format = CJM_EXPORT_PDF;
  self->rotate = FALSE;

  if (self->poster)
    {
      double sheet_w, sheet_h;

      cjm_export_parse_paper (self->paper, &self->options.paper_width, &self->options.paper_height);
      self->options.landscape = self->landscape;
      self->options.overlap = self->overlap;
      self->options.tile_width = gtk_page_setup_get_paper_width (setup, GTK_UNIT_MM);
      self->options.tile_height = gtk_page_setup_get_paper_height (setup, GTK_UNIT_MM);

      /* the tiling turns the sheets whichever way needs fewer; the printer
       * keeps its paper as it is, so the drawing turns instead */
      cjm_export_sheet_size (self->copy, &self->options, 0, &sheet_w, &sheet_h);
      self->rotate = (sheet_w > sheet_h) != (width > height);
    }
  else
    {
      /* the printable area, as the page setup has it */
      self->options.paper_width = width * 25.4 / 72;
      self->options.paper_height = height * 25.4 / 72;
      self->options.landscape = width > height;
      self->options.margin = 0;
    }

  gtk_print_operation_set_n_pages (operation, cjm_export_count_pages (self->copy, &self->options));
}

static void
cjm_print_operation_draw_page (GtkPrintOperation *operation,
                               GtkPrintContext   *context,
                               int                page_nr)
{
  CjmPrintOperation *self = CJM_PRINT_OPERATION (operation);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  cairo_save (cr);
  if (self->rotate)
    {
      cairo_translate (cr, gtk_print_context_get_width (context), 0);
      cairo_rotate (cr, G_PI / 2);
    }
  cjm_export_draw_page (self->copy, &self->options, cr, (guint) page_nr);
  cairo_restore (cr);
}

static gpointer
tab_object (CjmPrintOperation *self,
            const char        *id)
{
  return gtk_builder_get_object (self->tab, id);
}

static GtkWidget *
cjm_print_operation_create_custom_widget (GtkPrintOperation *operation)
{
  CjmPrintOperation *self = CJM_PRINT_OPERATION (operation);

  g_clear_object (&self->tab);
  self->tab = gtk_builder_new_from_resource ("/io/github/reiskaart/Reiskaart/cjm-print-tab.ui");

  gtk_check_button_set_active (tab_object (self, "poster_button"), self->poster);
  for (guint i = 0; i < G_N_ELEMENTS (poster_papers); i++)
    if (g_ascii_strcasecmp (self->paper, poster_papers[i]) == 0)
      gtk_drop_down_set_selected (tab_object (self, "poster_dropdown"), i);
  gtk_spin_button_set_value (tab_object (self, "overlap_spin"), self->overlap);

  /* the builder keeps its own reference; this one is the caller's */
  return g_object_ref (tab_object (self, "print_tab"));
}

static void
cjm_print_operation_custom_widget_apply (GtkPrintOperation *operation,
                                         GtkWidget         *widget)
{
  CjmPrintOperation *self = CJM_PRINT_OPERATION (operation);
  guint paper;

  if (self->tab == NULL)
    return;
  paper = gtk_drop_down_get_selected (tab_object (self, "poster_dropdown"));
  cjm_print_operation_set_poster (self,
                                  gtk_check_button_get_active (tab_object (self, "poster_button")),
                                  poster_papers[MIN (paper, G_N_ELEMENTS (poster_papers) - 1)],
                                  gtk_spin_button_get_value (tab_object (self, "overlap_spin")));
}

static void
cjm_print_operation_finalize (GObject *object)
{
  CjmPrintOperation *self = CJM_PRINT_OPERATION (object);

  g_clear_object (&self->copy);
  g_clear_object (&self->tab);
  g_clear_object (&self->window);
  g_clear_pointer (&self->paper, g_free);
  cjm_export_options_clear (&self->options);

  G_OBJECT_CLASS (cjm_print_operation_parent_class)->finalize (object);
}

static void
cjm_print_operation_class_init (CjmPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = cjm_print_operation_finalize;
  operation_class->begin_print = cjm_print_operation_begin_print;
  operation_class->draw_page = cjm_print_operation_draw_page;
  operation_class->create_custom_widget = cjm_print_operation_create_custom_widget;
  operation_class->custom_widget_apply = cjm_print_operation_custom_widget_apply;
}

static void
cjm_print_operation_init (CjmPrintOperation *self)
{
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();

  self->paper = g_strdup ("A1");
  self->overlap = 10;
  self->landscape = TRUE;
  cjm_export_options_init (&self->options);

  gtk_print_operation_set_unit (GTK_PRINT_OPERATION (self), GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (GTK_PRINT_OPERATION (self), TRUE);
  /* Translators: the title of a tab in the print dialog */
  gtk_print_operation_set_custom_tab_label (GTK_PRINT_OPERATION (self), _("Poster"));
  /* journey maps are wide */
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), setup);
}

/**
 * cjm_print_operation_new:
 * @document: the map to print; it is copied, so it may change meanwhile
 *
 * Returns: (transfer full): a print operation that fits the map on one
 *   page, landscape
 */
CjmPrintOperation *
cjm_print_operation_new (CjmDocument *document)
{
  CjmPrintOperation *self;
  g_autoptr(GBytes) bytes = NULL;
  const char *title;

  g_return_val_if_fail (CJM_IS_DOCUMENT (document), NULL);

  self = g_object_new (CJM_TYPE_PRINT_OPERATION, NULL);
  bytes = cjm_writer_save_to_bytes (document);
  self->copy = cjm_reader_load_bytes (bytes, NULL, NULL);
  /* what we wrote ourselves loads; should it not, print the map itself */
  if (self->copy == NULL)
    self->copy = g_object_ref (document);

  title = cjm_map_get_title (cjm_document_get_map (document));
  if (title != NULL && *title != '\0')
    gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), title);
  return self;
}

/**
 * cjm_print_operation_set_poster:
 * @self: a print operation
 * @poster: %TRUE to tile a poster over the printer's sheets, %FALSE to fit
 *   the map on one page
 * @paper: (nullable): the poster's paper, A0 to A3, in landscape
 * @overlap: how far the sheets overlap, in mm
 */
void
cjm_print_operation_set_poster (CjmPrintOperation *self,
                                gboolean           poster,
                                const char        *paper,
                                double             overlap)
{
  double width, height;

  g_return_if_fail (CJM_IS_PRINT_OPERATION (self));

  self->poster = poster;
  if (paper != NULL && cjm_export_parse_paper (paper, &width, &height) && height > 0)
    {
      g_free (self->paper);
      self->paper = g_strdup (paper);
    }
  self->overlap = CLAMP (overlap, 0, 50);
  /* a poster's sheets use the whole paper and keep their own margins; one
   * page fits into the printable area */
  gtk_print_operation_set_use_full_page (GTK_PRINT_OPERATION (self), poster);
}

gboolean
cjm_print_operation_get_poster (CjmPrintOperation *self)
{
  g_return_val_if_fail (CJM_IS_PRINT_OPERATION (self), FALSE);

  return self->poster;
}

static void
finish (CjmPrintOperation       *self,
        GtkPrintOperationResult  result,
        const GError            *run_error)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);
  g_autoptr(GError) error = NULL;

  self->finished = TRUE;
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_set_object (&last_settings, gtk_print_operation_get_print_settings (operation));
      g_set_object (&last_page_setup, gtk_print_operation_get_default_page_setup (operation));
      last_poster = self->poster;
      g_free (last_paper);
      last_paper = g_strdup (self->paper);
      last_overlap = self->overlap;
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR && self->window != NULL
           && gtk_window_get_application (GTK_WINDOW (self->window)) != NULL)
    {
      gtk_print_operation_get_error (operation, &error);
      if (error == NULL && run_error != NULL)
        error = g_error_copy (run_error);
      cjm_window_show_error (self->window, _("Could not print the map"),
                             error != NULL ? error->message : NULL);
    }
}

static void
on_print_done (CjmPrintOperation       *self,
               GtkPrintOperationResult  result)
{
  gboolean in_progress = self->in_progress;

  if (!self->finished)
    finish (self, result, NULL);
  /* the reference cjm_print_run() left for the job */
  if (in_progress)
    {
      self->in_progress = FALSE;
      g_object_unref (self);
    }
}

/**
 * cjm_print_run:
 * @window: the window whose map to print
 *
 * Shows the print dialog for the map in @window and prints it; problems
 * show in @window.
 */
void
cjm_print_run (CjmWindow *window)
{
  CjmPrintOperation *self;
  GtkApplication *application;
  GSettings *settings = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  g_return_if_fail (CJM_IS_WINDOW (window));

  self = cjm_print_operation_new (cjm_window_get_document (window));
  application = gtk_window_get_application (GTK_WINDOW (window));
  if (CJM_IS_APPLICATION (application))
    settings = cjm_application_get_settings (CJM_APPLICATION (application));
  if (last_paper != NULL)
    cjm_print_operation_set_poster (self, last_poster, last_paper, last_overlap);
  else if (settings != NULL)
    {
      g_autofree char *paper = g_settings_get_string (settings, "default-paper");

      cjm_print_operation_set_poster (self, FALSE, paper, 10);
    }
  if (settings != NULL)
    self->landscape = g_settings_get_enum (settings, "default-orientation") == 0;
  if (last_settings != NULL)
    gtk_print_operation_set_print_settings (GTK_PRINT_OPERATION (self), last_settings);
  if (last_page_setup != NULL)
    gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), last_page_setup);

  self->window = g_object_ref (window);
  gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (self), TRUE);
  g_signal_connect (self, "done", G_CALLBACK (on_print_done), NULL);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (self),
                                    GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (window), &error);
  /* under way: "done" follows and drops the operation */
  if (result == GTK_PRINT_OPERATION_RESULT_IN_PROGRESS && !self->finished)
    {
      self->in_progress = TRUE;
      return;
    }
  if (!self->finished)
    finish (self, result, error);
  g_object_unref (self);
}
