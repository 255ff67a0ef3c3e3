/* cjm-window.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cjm-document.h"
#include "cjm-file.h"
#include "cjm-window.h"

/* A window showing one map. The editing canvas comes with the editor; this
 * window opens a map, names it and reports problems in plain words. */
struct _CjmWindow
{
  GtkApplicationWindow  parent_instance;

  CjmDocument          *document;
  GFile                *file;
  GtkLabel             *heading;
  GtkLabel             *details;
  GCancellable         *cancellable;
};

G_DEFINE_FINAL_TYPE (CjmWindow, cjm_window, GTK_TYPE_APPLICATION_WINDOW)

static void
show_summary (CjmWindow *self)
{
  CjmMap *map = cjm_document_get_map (self->document);
  const char *title = cjm_map_get_title (map);
  g_autofree char *counts = NULL;

  if (title == NULL || *title == '\0')
    title = _("Untitled Map");

  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_text (self->heading, title);
  counts = g_strdup_printf (_("%u phases, %u lanes, %u touchpoints, %u personas"),
                            cjm_document_get_phases (self->document)->len,
                            cjm_document_get_lanes (self->document)->len,
                            cjm_document_get_touchpoints (self->document)->len,
                            cjm_document_get_personas (self->document)->len);
  gtk_label_set_text (self->details, counts);
  gtk_widget_remove_css_class (GTK_WIDGET (self->details), "error");
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CjmWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  CjmLocation location;
  CjmDocument *document;

  document = cjm_file_load_finish (result, &location, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (document == NULL)
    {
      g_autofree char *message = NULL;

      name = g_file_get_parse_name (G_FILE (source));
      gtk_label_set_text (self->heading, _("The map could not be opened"));
      if (location.line > 0)
        /* Translators: the first %s is the error, then a file name, line and column */
        message = g_strdup_printf (_("%s (%s, line %d, column %d)"),
                                   error->message, name, location.line, location.column);
      else
        message = g_strdup_printf (_("%s (%s)"), error->message, name);
      gtk_label_set_text (self->details, message);
      gtk_widget_add_css_class (GTK_WIDGET (self->details), "error");
      return;
    }

  g_set_object (&self->document, document);
  g_object_unref (document);
  show_summary (self);
}

static void
cjm_window_dispose (GObject *object)
{
  CjmWindow *self = CJM_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->document);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (cjm_window_parent_class)->dispose (object);
}

static void
cjm_window_class_init (CjmWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cjm_window_dispose;
}

static void
cjm_window_init (CjmWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *header = gtk_header_bar_new ();

  self->document = cjm_document_new ();
  self->cancellable = g_cancellable_new ();

  gtk_window_set_titlebar (GTK_WINDOW (self), header);
  gtk_window_set_default_size (GTK_WINDOW (self), 1000, 700);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (box, 48);
  gtk_widget_set_margin_end (box, 48);

  self->heading = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->heading), "title-1");
  gtk_label_set_wrap (self->heading, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->heading));

  self->details = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->details, TRUE);
  gtk_label_set_selectable (self->details, TRUE);
  gtk_label_set_justify (self->details, GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->details));

  gtk_window_set_child (GTK_WINDOW (self), box);
  show_summary (self);
}

CjmWindow *
cjm_window_new (CjmApplication *application)
{
  return g_object_new (CJM_TYPE_WINDOW, "application", application, NULL);
}

/**
 * cjm_window_open:
 * @self: a window
 * @file: a map to show
 *
 * Loads @file in the background; problems appear in the window.
 */
void
cjm_window_open (CjmWindow *self,
                 GFile     *file)
{
  g_return_if_fail (CJM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->file, file);
  gtk_label_set_text (self->details, _("Opening…"));
  cjm_file_load_async (file, self->cancellable, on_loaded, g_object_ref (self));
}
