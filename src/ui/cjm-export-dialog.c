/* cjm-export-dialog.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cjm-export.h"
#include "cjm-export-dialog.h"
#include "cjm-replace-dialog.h"
#include "cjm-reader.h"
#include "cjm-renderer.h"
#include "cjm-writer.h"

/* The preview draws through cjm_export_draw_preview(), the same code that
 * writes the file, so what the dialog shows is what the file holds. The
 * export itself runs in a thread on a copy of the map, made here on the main
 * thread, so that the map may change while the file is written. */

struct _CjmExportDialog
{
  GtkWindow         parent_instance;

  CjmWindow        *window;
  CjmDocument      *document;
  GSettings        *settings;
  CjmExportOptions  options;
  gboolean          busy;

  GtkWidget        *cancel_button;
  GtkWidget        *export_button;
  GtkSpinner       *spinner;
  GtkWidget        *preview;
  GtkLabel         *preview_caption;
  GtkLabel         *summary_label;
  GtkWidget        *warning_box;
  GtkLabel         *warning_label;
  GtkWidget        *settings_box;
  GtkDropDown      *format_dropdown;
  GtkWidget        *dpi_row;
  GtkSpinButton    *dpi_spin;
  GtkDropDown      *paper_dropdown;
  GtkWidget        *custom_row;
  GtkSpinButton    *width_spin;
  GtkSpinButton    *height_spin;
  GtkWidget        *orientation_row;
  GtkToggleButton  *landscape_button;
  GtkToggleButton  *portrait_button;
  GtkSpinButton    *margin_spin;
  GtkWidget        *tile_group;
  GtkSwitch        *tile_switch;
  GtkWidget        *sheet_row;
  GtkDropDown      *sheet_dropdown;
  GtkWidget        *overlap_row;
  GtkSpinButton    *overlap_spin;
  GtkSwitch        *title_switch;
  GtkWidget        *personas_heading;
  GtkWidget        *personas_group;
  GtkListBox       *persona_list;
  GPtrArray        *persona_checks;
};

G_DEFINE_FINAL_TYPE (CjmExportDialog, cjm_export_dialog, GTK_TYPE_WINDOW)

/* The paper drop-down, in order; the last entry is a custom size. */
static const char * const paper_keys[] = {
  "fit", "A0", "A1", "A2", "A3", "A4", "Letter", "Tabloid", "Roll610", "Roll914", "Roll1067",
};
#define PAPER_FIT 0
#define PAPER_CUSTOM G_N_ELEMENTS (paper_keys)

static const char * const sheet_keys[] = { "A4", "A3" };

static const struct
{
  const char *extension;
  const char *mime_type;
  const char *filter_name;
} formats[] = {
  [CJM_EXPORT_PDF] = { ".pdf", "application/pdf", N_("PDF documents") },
  [CJM_EXPORT_SVG] = { ".svg", "image/svg+xml", N_("SVG drawings") },
  [CJM_EXPORT_PNG] = { ".png", "image/png", N_("PNG pictures") },
};

/* The last settings used in a window, for its next export. */
#define REMEMBERED_OPTIONS "cjm-export-options"

static void
free_remembered (gpointer data)
{
  cjm_export_options_clear (data);
  g_free (data);
}

/* Reading and showing the settings ---------------------------------------- */

static void
read_options (CjmExportDialog  *self,
              CjmExportOptions *options)
{
  guint paper = gtk_drop_down_get_selected (self->paper_dropdown);
  guint format = gtk_drop_down_get_selected (self->format_dropdown);
  g_autoptr(GStrvBuilder) personas = g_strv_builder_new ();
  gboolean all = TRUE;

  cjm_export_options_init (options);
  options->format = format <= CJM_EXPORT_PNG ? (CjmExportFormat) format : CJM_EXPORT_PDF;
  if (paper < G_N_ELEMENTS (paper_keys))
    cjm_export_parse_paper (paper_keys[paper], &options->paper_width, &options->paper_height);
  else
    {
      options->paper_width = gtk_spin_button_get_value (self->width_spin);
      options->paper_height = gtk_spin_button_get_value (self->height_spin);
    }
  options->landscape = gtk_toggle_button_get_active (self->landscape_button);
  options->margin = gtk_spin_button_get_value (self->margin_spin);
  options->dpi = gtk_spin_button_get_value_as_int (self->dpi_spin);
  if (options->format == CJM_EXPORT_PDF && gtk_switch_get_active (self->tile_switch))
    {
      guint sheet = MIN (gtk_drop_down_get_selected (self->sheet_dropdown),
                         G_N_ELEMENTS (sheet_keys) - 1);

      cjm_export_parse_paper (sheet_keys[sheet], &options->tile_width, &options->tile_height);
    }
  options->overlap = gtk_spin_button_get_value (self->overlap_spin);
  options->title_block = gtk_switch_get_active (self->title_switch);

  for (guint i = 0; i < self->persona_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->persona_checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (personas, g_object_get_data (G_OBJECT (check), "persona-id"));
      else
        all = FALSE;
    }
  /* all of them, also those added to the map later, is no filter */
  if (!all)
    options->personas = g_strv_builder_end (personas);
}

static char *
format_mm (double mm)
{
  if (fabs (mm - round (mm)) < 0.05)
    return g_strdup_printf ("%.0f", mm);
  return g_strdup_printf ("%.1f", mm);
}

static char *
describe_result (CjmExportDialog        *self,
                 const CjmExportOptions *options)
{
  g_autofree char *width_text = NULL;
  g_autofree char *height_text = NULL;
  double width, height;
  guint pages;

  cjm_export_page_size (self->document, options, &width, &height);
  width_text = format_mm (width);
  height_text = format_mm (height);
  pages = cjm_export_count_pages (self->document, options);

  if (options->format == CJM_EXPORT_PNG)
    {
      double pixels_w = ceil (width / 25.4 * options->dpi);
      double pixels_h = ceil (height / 25.4 * options->dpi);

      /* Translators: the size of the page in mm, then of the picture in pixels */
      return g_strdup_printf (_("%s × %s mm, a picture of %.0f × %.0f pixels"),
                              width_text, height_text, pixels_w, pixels_h);
    }
  if (pages > 1)
    {
      guint sheet = MIN (gtk_drop_down_get_selected (self->sheet_dropdown),
                         G_N_ELEMENTS (sheet_keys) - 1);

      /* Translators: a poster's size in mm, then how many sheets of paper
       * (A4 or A3) it is printed on */
      return g_strdup_printf (ngettext ("A poster of %s × %s mm on %u sheet of %s, "
                                        "after an index page",
                                        "A poster of %s × %s mm on %u sheets of %s, "
                                        "after an index page",
                                        pages - 1),
                              width_text, height_text, pages - 1, sheet_keys[sheet]);
    }
  /* Translators: the size of the page in mm */
  return g_strdup_printf (_("%s × %s mm, one page"), width_text, height_text);
}

static void
update (CjmExportDialog *self)
{
  guint paper = gtk_drop_down_get_selected (self->paper_dropdown);
  g_autofree char *summary = NULL;
  g_autofree char *warning = NULL;
  gboolean pdf, tiled;

  cjm_export_options_clear (&self->options);
  read_options (self, &self->options);
  pdf = self->options.format == CJM_EXPORT_PDF;
  tiled = self->options.tile_width > 0;

  gtk_widget_set_sensitive (self->dpi_row, self->options.format == CJM_EXPORT_PNG);
  gtk_widget_set_visible (self->custom_row, paper == PAPER_CUSTOM);
  /* a page fitted to the map lies as the map does */
  gtk_widget_set_sensitive (self->orientation_row, paper != PAPER_FIT);
  gtk_widget_set_sensitive (self->tile_group, pdf);
  gtk_widget_set_sensitive (self->sheet_row, pdf && gtk_switch_get_active (self->tile_switch));
  gtk_widget_set_sensitive (self->overlap_row, pdf && gtk_switch_get_active (self->tile_switch));

  summary = describe_result (self, &self->options);
  gtk_label_set_text (self->summary_label, summary);
  gtk_label_set_text (self->preview_caption,
                      tiled ? _("The index page: how the sheets fit together") : "");
  gtk_widget_set_visible (GTK_WIDGET (self->preview_caption), tiled);

  warning = cjm_export_check_legibility (self->document, &self->options);
  gtk_label_set_text (self->warning_label, warning != NULL ? warning : "");
  gtk_widget_set_visible (self->warning_box, warning != NULL);

  gtk_widget_queue_draw (self->preview);
}

static void
on_setting_changed (CjmExportDialog *self)
{
  update (self);
}

static void
draw_preview (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  CjmExportDialog *self = CJM_EXPORT_DIALOG (user_data);

  cjm_export_draw_preview (self->document, &self->options, cr, width, height, 0);
}

static void
draw_persona_dot (GtkDrawingArea *area,
                  cairo_t        *cr,
                  int             width,
                  int             height,
                  gpointer        user_data)
{
  double r, g, b;

  cjm_color_to_rgb (GPOINTER_TO_UINT (user_data), &r, &g, &b);
  cairo_set_source_rgb (cr, r, g, b);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
add_personas (CjmExportDialog *self)
{
  GPtrArray *personas = cjm_document_get_personas (self->document);

  for (guint i = 0; i < personas->len; i++)
    {
      CjmPersona *persona = g_ptr_array_index (personas, i);
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *dot = gtk_drawing_area_new ();
      GtkWidget *label = gtk_label_new (cjm_persona_get_name (persona));
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (dot), 12);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (dot), 12);
      gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot), draw_persona_dot,
                                      GUINT_TO_POINTER (cjm_persona_get_color (persona)), NULL);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), dot);
      gtk_box_append (GTK_BOX (box), label);
      gtk_check_button_set_child (GTK_CHECK_BUTTON (check), box);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_hexpand (check, TRUE);
      g_object_set_data_full (G_OBJECT (check), "persona-id",
                              g_strdup (cjm_entity_get_id (CJM_ENTITY (persona))), g_free);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_setting_changed), self,
                               G_CONNECT_SWAPPED);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), check);
      gtk_list_box_append (self->persona_list, row);
      g_ptr_array_add (self->persona_checks, check);
    }
  gtk_widget_set_visible (self->personas_heading, personas->len > 0);
  gtk_widget_set_visible (self->personas_group, personas->len > 0);
}

static void
select_paper (CjmExportDialog *self,
              double           width,
              double           height)
{
  for (guint i = 0; i < G_N_ELEMENTS (paper_keys); i++)
    {
      double w, h;

      cjm_export_parse_paper (paper_keys[i], &w, &h);
      if (fabs (w - width) < 0.05 && fabs (h - height) < 0.05)
        {
          gtk_drop_down_set_selected (self->paper_dropdown, i);
          return;
        }
    }
  gtk_spin_button_set_value (self->width_spin, MAX (width, height));
  gtk_spin_button_set_value (self->height_spin, MIN (width, height));
  gtk_drop_down_set_selected (self->paper_dropdown, PAPER_CUSTOM);
}

static void
show_options (CjmExportDialog        *self,
              const CjmExportOptions *options)
{
  gtk_drop_down_set_selected (self->format_dropdown,
                              options->format <= CJM_EXPORT_PNG ? options->format : CJM_EXPORT_PDF);
  select_paper (self, options->paper_width, options->paper_height);
  gtk_toggle_button_set_active (options->landscape ? self->landscape_button : self->portrait_button,
                                TRUE);
  gtk_spin_button_set_value (self->margin_spin, options->margin);
  gtk_spin_button_set_value (self->dpi_spin, options->dpi);
  gtk_switch_set_active (self->tile_switch, options->tile_width > 0);
  gtk_drop_down_set_selected (self->sheet_dropdown,
                              MAX (options->tile_width, options->tile_height) > 400 ? 1 : 0);
  gtk_spin_button_set_value (self->overlap_spin, options->overlap);
  gtk_switch_set_active (self->title_switch, options->title_block);
  for (guint i = 0; i < self->persona_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->persona_checks, i);
      const char *id = g_object_get_data (G_OBJECT (check), "persona-id");
      const char * const *chosen = (const char * const *) options->personas;

      gtk_check_button_set_active (check, chosen == NULL || g_strv_contains (chosen, id));
    }
}

/* What the last export from this window used, or else the paper and
 * orientation of the settings. */
static void
restore_options (CjmExportDialog *self)
{
  CjmExportOptions *remembered = g_object_get_data (G_OBJECT (self->window), REMEMBERED_OPTIONS);
  CjmExportOptions options;

  if (remembered != NULL)
    {
      show_options (self, remembered);
      return;
    }

  cjm_export_options_init (&options);
  cjm_export_parse_paper ("A1", &options.paper_width, &options.paper_height);
  if (self->settings != NULL)
    {
      g_autofree char *paper = g_settings_get_string (self->settings, "default-paper");

      cjm_export_parse_paper (paper, &options.paper_width, &options.paper_height);
      options.landscape = g_settings_get_enum (self->settings, "default-orientation") == 0;
    }
  show_options (self, &options);
  cjm_export_options_clear (&options);
}

static void
remember_options (CjmExportDialog *self,
                  GFile           *file)
{
  CjmExportOptions *remembered = g_new0 (CjmExportOptions, 1);

  cjm_export_options_copy (&self->options, remembered);
  g_object_set_data_full (G_OBJECT (self->window), REMEMBERED_OPTIONS, remembered, free_remembered);

  if (self->settings != NULL)
    {
      guint paper = gtk_drop_down_get_selected (self->paper_dropdown);
      g_autoptr(GFile) folder = g_file_get_parent (file);
      g_autofree char *custom = NULL;

      if (paper >= G_N_ELEMENTS (paper_keys))
        {
          char width[G_ASCII_DTOSTR_BUF_SIZE], height[G_ASCII_DTOSTR_BUF_SIZE];

          custom = g_strdup_printf ("%sx%smm",
                                    g_ascii_formatd (width, sizeof width, "%.0f",
                                                     self->options.paper_width),
                                    g_ascii_formatd (height, sizeof height, "%.0f",
                                                     self->options.paper_height));
        }
      g_settings_delay (self->settings);
      g_settings_set_string (self->settings, "default-paper",
                             custom != NULL ? custom : paper_keys[paper]);
      g_settings_set_enum (self->settings, "default-orientation", self->options.landscape ? 0 : 1);
      if (folder != NULL)
        {
          g_autofree char *uri = g_file_get_uri (folder);

          g_settings_set_string (self->settings, "last-export-folder", uri);
        }
      g_settings_apply (self->settings);
    }
}

/* Exporting ------------------------------------------------------------- */

typedef struct
{
  CjmDocument      *copy;
  CjmExportOptions  options;
  char             *path;
  char             *name;
  CjmExportDialog  *dialog;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->copy);
  cjm_export_options_clear (&job->options);
  g_free (job->path);
  g_free (job->name);
  g_clear_object (&job->dialog);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;

  if (cjm_export_to_file (job->copy, &job->options, job->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
set_busy (CjmExportDialog *self,
          gboolean         busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (self->settings_box, !busy);
  gtk_widget_set_sensitive (self->export_button, !busy);
  gtk_widget_set_sensitive (self->cancel_button, !busy);
  gtk_button_set_label (GTK_BUTTON (self->export_button),
                        busy ? _("Exporting…") : _("_Export…"));
}

static void
on_export_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CjmWindow *window = CJM_WINDOW (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* a window that was closed meanwhile has left its application */
  if (!g_task_propagate_boolean (G_TASK (result), &error)
      && gtk_window_get_application (GTK_WINDOW (window)) != NULL)
    {
      /* Translators: %s is a file name */
      g_autofree char *heading = g_strdup_printf (_("Could not export “%s”"), job->name);

      cjm_window_show_error (window, heading, error->message);
    }

  /* gone already if its window was closed: its template is disposed */
  if (job->dialog->spinner != NULL)
    {
      set_busy (job->dialog, FALSE);
      gtk_window_destroy (GTK_WINDOW (job->dialog));
    }
}

static void
start_export (CjmExportDialog *self,
              GFile           *file)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  job = g_new0 (ExportJob, 1);
  job->name = g_file_get_basename (file);
  job->path = g_file_get_path (file);
  if (job->path == NULL)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         _("Exports can only be written to folders on this computer; choose "
                           "another folder."));
  else
    {
      bytes = cjm_writer_save_to_bytes (self->document);
      job->copy = cjm_reader_load_bytes (bytes, NULL, &error);
    }
  if (job->copy == NULL)
    {
      /* Translators: %s is a file name */
      g_autofree char *heading = g_strdup_printf (_("Could not export “%s”"), job->name);

      cjm_window_show_error (self->window, heading, error->message);
      export_job_free (job);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  remember_options (self, file);
  cjm_export_options_copy (&self->options, &job->options);
  job->dialog = g_object_ref (self);
  set_busy (self, TRUE);

  task = g_task_new (self->window, NULL, on_export_done, NULL);
  g_task_set_source_tag (task, start_export);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

static void
on_replace_response (GtkDialog *dialog,
                     int        response,
                     gpointer   user_data)
{
  CjmExportDialog *self = CJM_EXPORT_DIALOG (user_data);
  GFile *file = g_object_get_data (G_OBJECT (dialog), "file");

  if (response == GTK_RESPONSE_ACCEPT)
    start_export (self, file);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The chooser asks before replacing the name the user typed; a name we
 * completed with an extension still needs that question. */
static void
confirm_replace (CjmExportDialog *self,
                 GFile           *file)
{
  GtkWidget *dialog = cjm_replace_dialog_new (GTK_WINDOW (self), file);

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_replace_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  CjmExportDialog *self = CJM_EXPORT_DIALOG (user_data);
  const char *extension = formats[self->options.format].extension;
  g_autoptr(GFile) chosen = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *lower = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (chosen == NULL)
    return;

  basename = g_file_get_basename (chosen);
  lower = g_ascii_strdown (basename != NULL ? basename : "", -1);
  if (basename != NULL && !g_str_has_suffix (lower, extension))
    {
      g_autofree char *completed = g_strconcat (basename, extension, NULL);
      g_autoptr(GFile) parent = g_file_get_parent (chosen);
      g_autoptr(GFile) file = parent != NULL ? g_file_get_child (parent, completed)
                                             : g_object_ref (chosen);

      if (g_file_query_exists (file, NULL))
        confirm_replace (self, file);
      else
        start_export (self, file);
      return;
    }
  start_export (self, chosen);
}

static char *
suggest_file_name (CjmExportDialog *self)
{
  const char *title = cjm_map_get_title (cjm_document_get_map (self->document));
  g_autofree char *name = g_strdup (title != NULL && *title != '\0' ? title : _("Journey map"));

  /* a title may hold characters a file name cannot */
  g_strdelimit (name, "/\\:*?\"<>|\n\t", '-');
  return g_strconcat (g_strstrip (name), formats[self->options.format].extension, NULL);
}

static void
on_export_button_clicked (CjmExportDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GFile) folder = NULL;
  GFile *map_file;

  if (self->busy)
    return;
  update (self);

  chooser = gtk_file_chooser_native_new (_("Export Map"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _(formats[self->options.format].filter_name));
  gtk_file_filter_add_mime_type (filter, formats[self->options.format].mime_type);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  /* where the last export went, or else beside the map */
  map_file = cjm_window_get_file (self->window);
  if (self->settings != NULL)
    uri = g_settings_get_string (self->settings, "last-export-folder");
  if (uri != NULL && *uri != '\0')
    folder = g_file_new_for_uri (uri);
  if ((folder == NULL || !g_file_query_exists (folder, NULL)) && map_file != NULL)
    {
      g_clear_object (&folder);
      folder = g_file_get_parent (map_file);
    }
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  name = suggest_file_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_cancel_button_clicked (CjmExportDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

/* The object ----------------------------------------------------------- */

static gboolean
cjm_export_dialog_close_request (GtkWindow *window)
{
  CjmExportDialog *self = CJM_EXPORT_DIALOG (window);

  /* the export closes the dialog when it is written */
  if (self->busy)
    return TRUE;
  return GTK_WINDOW_CLASS (cjm_export_dialog_parent_class)->close_request (window);
}

static void
cjm_export_dialog_dispose (GObject *object)
{
  CjmExportDialog *self = CJM_EXPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CJM_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->settings);
  g_clear_object (&self->document);
  g_clear_object (&self->window);

  G_OBJECT_CLASS (cjm_export_dialog_parent_class)->dispose (object);
}

static void
cjm_export_dialog_finalize (GObject *object)
{
  CjmExportDialog *self = CJM_EXPORT_DIALOG (object);

  cjm_export_options_clear (&self->options);
  g_clear_pointer (&self->persona_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (cjm_export_dialog_parent_class)->finalize (object);
}

static void
cjm_export_dialog_class_init (CjmExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cjm_export_dialog_dispose;
  object_class->finalize = cjm_export_dialog_finalize;
  window_class->close_request = cjm_export_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reiskaart/Reiskaart/cjm-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CjmExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CjmExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, CjmExportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CjmExportDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, CjmExportDialog, preview_caption);
  gtk_widget_class_bind_template_child (widget_class, CjmExportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CjmExportDialog, warning_box);
  gtk_widget_class_bind_template_child (widget_class, CjmExportDialog, warning_label);
  gtk_widget_class_bind_template_child (widget_class, CjmExportDialog, settings_box);
  gtk_widget_class_bind_template_child (widget_class, CjmExportDialog, format_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CjmExportDialog, dpi_row);
  gtk_widget_class_bind_template_child (widget_class, CjmExportDialog, dpi_spin);
  gtk_widget_class_bind_template_child (widget_class, CjmExportDialog, paper_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CjmExportDialog, custom_row);
  gtk_widget_class_bind_template_child (widget_class, CjmExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, CjmExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, CjmExportDialog, orientation_row);
  gtk_widget_class_bind_template_child (widget_class, CjmExportDialog, landscape_button);
  gtk_widget_class_bind_template_child (widget_class, CjmExportDialog, portrait_button);
  gtk_widget_class_bind_template_child (widget_class, CjmExportDialog, margin_spin);
  gtk_widget_class_bind_template_child (widget_class, CjmExportDialog, tile_group);
  gtk_widget_class_bind_template_child (widget_class, CjmExportDialog, tile_switch);
  gtk_widget_class_bind_template_child (widget_class, CjmExportDialog, sheet_row);
  gtk_widget_class_bind_template_child (widget_class, CjmExportDialog, sheet_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CjmExportDialog, overlap_row);
  gtk_widget_class_bind_template_child (widget_class, CjmExportDialog, overlap_spin);
  gtk_widget_class_bind_template_child (widget_class, CjmExportDialog, title_switch);
  gtk_widget_class_bind_template_child (widget_class, CjmExportDialog, personas_heading);
  gtk_widget_class_bind_template_child (widget_class, CjmExportDialog, personas_group);
  gtk_widget_class_bind_template_child (widget_class, CjmExportDialog, persona_list);
  gtk_widget_class_bind_template_callback (widget_class, on_setting_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_export_button_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cjm_export_dialog_init (CjmExportDialog *self)
{
  self->persona_checks = g_ptr_array_new ();
  cjm_export_options_init (&self->options);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->preview), draw_preview, self, NULL);
}

/**
 * cjm_export_dialog_new:
 * @window: the window whose map to export
 *
 * Returns: (transfer none): a new dialog, not yet shown; it destroys itself
 *   when closed
 */
CjmExportDialog *
cjm_export_dialog_new (CjmWindow *window)
{
  CjmExportDialog *self;
  GtkApplication *application;

  g_return_val_if_fail (CJM_IS_WINDOW (window), NULL);

  self = g_object_new (CJM_TYPE_EXPORT_DIALOG, "transient-for", window, NULL);
  self->window = g_object_ref (window);
  self->document = g_object_ref (cjm_window_get_document (window));
  application = gtk_window_get_application (GTK_WINDOW (window));
  if (CJM_IS_APPLICATION (application))
    g_set_object (&self->settings, cjm_application_get_settings (CJM_APPLICATION (application)));

  add_personas (self);
  restore_options (self);
  update (self);
  return self;
}
