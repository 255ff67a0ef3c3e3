/* cjm-window.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cjm-autosave.h"
#include "cjm-canvas.h"
#include "cjm-export-dialog.h"
#include "cjm-file.h"
#include "cjm-file-watch.h"
#include "cjm-inspector.h"
#include "cjm-interaction.h"
#include "cjm-layout.h"
#include "cjm-outline.h"
#include "cjm-palette.h"
#include "cjm-persona-bar.h"
#include "cjm-print.h"
#include "cjm-reader.h"
#include "cjm-replace-dialog.h"
#include "cjm-selection.h"
#include "cjm-templates.h"
#include "cjm-window.h"

#define CJM_MIME_TYPE "application/x-reiskaart-cjm"

/* One map in one window: the palette on the left, the personas above the
 * canvas in the middle, the inspector and outline on the right. The window
 * owns the document, the selection all panes share, and the file. */
struct _CjmWindow
{
  GtkApplicationWindow  parent_instance;

  /* template widgets */
  GtkMenuButton        *recent_button;
  GtkInfoBar           *info_bar;
  GtkLabel             *info_heading;
  GtkLabel             *info_message;
  CjmPalette           *palette;
  CjmPersonaBar        *persona_bar;
  CjmCanvas            *canvas;
  GtkToggleButton      *sidebar_button;
  CjmInspector         *inspector;
  CjmOutline           *outline;
  GMenu                *history_section;

  CjmDocument          *document;
  CjmSelection         *selection;
  GFile                *file;
  GCancellable         *cancellable;
  GtkWindow            *close_dialog;
  GSettings            *settings;       /* NULL without the schema */
  CjmAutosave          *autosave;
  CjmFileWatch         *watch;          /* the file as opened or saved */

  guint                 message_serial;

  guint                 saving : 1;
  guint                 close_confirmed : 1;
};

G_DEFINE_FINAL_TYPE (CjmWindow, cjm_window, GTK_TYPE_APPLICATION_WINDOW)

/* The map's title, or a stand-in when it has none. */
static const char *
get_map_title (CjmWindow *self)
{
  const char *title = cjm_map_get_title (cjm_document_get_map (self->document));

  return title != NULL && *title != '\0' ? title : _("Untitled Map");
}

static char *
dup_file_name (GFile *file)
{
  g_autofree char *parse_name = g_file_get_parse_name (file);

  return g_path_get_basename (parse_name);
}

/* Menu labels carry mnemonics, so a label made from user text must not. */
static char *
escape_mnemonics (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

static void
update_title (CjmWindow *self)
{
  g_autofree char *title = NULL;

  if (self->file != NULL)
    {
      g_autofree char *name = dup_file_name (self->file);

      /* Translators: the window title: the map's title, then its file name */
      title = g_strdup_printf (_("%s — %s"), get_map_title (self), name);
    }
  else
    title = g_strdup (get_map_title (self));

  if (cjm_window_get_modified (self))
    {
      char *marked = g_strconcat ("• ", title, NULL);

      g_free (title);
      title = marked;
    }

  if (g_strcmp0 (title, gtk_window_get_title (GTK_WINDOW (self))) != 0)
    gtk_window_set_title (GTK_WINDOW (self), title);
}

static GMenuItem *
history_item (gboolean    redo,
              const char *command)
{
  g_autofree char *label = NULL;
  GMenuItem *item;

  if (command != NULL && *command != '\0')
    {
      g_autofree char *escaped = escape_mnemonics (command);

      if (redo)
        /* Translators: %s names the step, such as “Move Touchpoint” */
        label = g_strdup_printf (_("_Redo %s"), escaped);
      else
        /* Translators: %s names the step, such as “Move Touchpoint” */
        label = g_strdup_printf (_("_Undo %s"), escaped);
    }
  else
    label = g_strdup (redo ? _("_Redo") : _("_Undo"));

  item = g_menu_item_new (label, redo ? "win.redo" : "win.undo");
  g_menu_item_set_attribute (item, "accel", "s", redo ? "<Primary><Shift>z" : "<Primary>z");
  return item;
}

static void
update_history (CjmWindow *self)
{
  CjmHistory *history = cjm_document_get_history (self->document);
  g_autoptr(GMenuItem) undo = NULL;
  g_autoptr(GMenuItem) redo = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 cjm_history_get_can_undo (history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 cjm_history_get_can_redo (history));

  undo = history_item (FALSE, cjm_history_get_undo_label (history));
  redo = history_item (TRUE, cjm_history_get_redo_label (history));
  g_menu_remove_all (self->history_section);
  g_menu_append_item (self->history_section, undo);
  g_menu_append_item (self->history_section, redo);
}

static void
show_message (CjmWindow      *self,
              GtkMessageType  type,
              const char     *heading,
              const char     *message)
{
  self->message_serial++;
  gtk_info_bar_set_message_type (self->info_bar, type);
  gtk_label_set_text (self->info_heading, heading);
  gtk_label_set_text (self->info_message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->info_message), message != NULL && *message != '\0');
  gtk_info_bar_set_revealed (self->info_bar, TRUE);
}

static void
hide_message (CjmWindow *self)
{
  gtk_info_bar_set_revealed (self->info_bar, FALSE);
}

static void
on_info_bar_response (CjmWindow  *self,
                      int         response,
                      GtkInfoBar *info_bar)
{
  if (response == GTK_RESPONSE_CLOSE)
    hide_message (self);
}

static void
on_info_bar_close (CjmWindow  *self,
                   GtkInfoBar *info_bar)
{
  hide_message (self);
}

static void
on_document_changed (CjmWindow     *self,
                     CjmChangeKind  kind,
                     CjmEntity     *entity,
                     const char    *field,
                     CjmDocument   *document)
{
  if (CJM_IS_MAP (entity) || entity == NULL)
    update_title (self);
}

static void
on_history_notify_modified (CjmWindow  *self,
                            GParamSpec *pspec,
                            CjmHistory *history)
{
  update_title (self);
}

static void
on_history_notify (CjmWindow  *self,
                   GParamSpec *pspec,
                   CjmHistory *history)
{
  update_history (self);
}

static void
on_persona_bar_notify_persona (CjmWindow     *self,
                               GParamSpec    *pspec,
                               CjmPersonaBar *persona_bar)
{
  cjm_canvas_set_persona (self->canvas, cjm_persona_bar_get_persona (persona_bar));
}

static void
on_persona_bar_notify_variant (CjmWindow     *self,
                               GParamSpec    *pspec,
                               CjmPersonaBar *persona_bar)
{
  cjm_canvas_set_curve_variant (self->canvas, cjm_persona_bar_get_variant (persona_bar));
}

/* Whether an item of @type from the palette belongs in @lane. A card kind
 * names its lane kind ("card:pain-points"); when @strict, a card goes only
 * to a lane of that kind. */
static gboolean
lane_takes (CjmWindow  *self,
            CjmLane    *lane,
            GType       type,
            const char *detail,
            gboolean    strict)
{
  if (!cjm_document_can_place (self->document, type, cjm_entity_get_id (CJM_ENTITY (lane))))
    return FALSE;
  if (type != CJM_TYPE_CARD || !strict || detail == NULL || *detail == '\0')
    return TRUE;
  return g_strcmp0 (cjm_enum_to_nick (CJM_TYPE_LANE_KIND, cjm_lane_get_kind (lane)), detail) == 0;
}

static gboolean
index_of_id (GPtrArray  *list,
             const char *id,
             guint      *index)
{
  for (guint i = 0; id != NULL && i < list->len; i++)
    if (g_strcmp0 (cjm_entity_get_id (g_ptr_array_index (list, i)), id) == 0)
      {
        *index = i;
        return TRUE;
      }
  return FALSE;
}

/* The selected lane when it takes the item, else the first that does. */
static gboolean
pick_lane (CjmWindow  *self,
           const char *selected_id,
           GType       type,
           const char *detail,
           gboolean    strict,
           guint      *lane)
{
  GPtrArray *lanes = cjm_document_get_lanes (self->document);
  guint selected;

  if (index_of_id (lanes, selected_id, &selected)
      && lane_takes (self, g_ptr_array_index (lanes, selected), type, detail, strict))
    {
      *lane = selected;
      return TRUE;
    }
  for (guint i = 0; i < lanes->len; i++)
    if (lane_takes (self, g_ptr_array_index (lanes, i), type, detail, strict))
      {
        *lane = i;
        return TRUE;
      }
  return FALSE;
}

/* The cell for a new item: the selected item's cell when it takes the
 * kind, else a lane that does in the selected phase (or the first), after
 * the selected item or at the end of the cell. */
static gboolean
find_cell (CjmWindow  *self,
           GType       type,
           const char *detail,
           guint      *phase,
           guint      *lane,
           guint      *position)
{
  GPtrArray *phases = cjm_document_get_phases (self->document);
  GPtrArray *lanes = cjm_document_get_lanes (self->document);
  CjmEntity *primary = cjm_selection_get_primary (self->selection);
  const char *phase_id = NULL, *lane_id = NULL;
  g_autoptr(GPtrArray) items = NULL;

  if (phases->len == 0)
    return FALSE;

  if (CJM_IS_TOUCHPOINT (primary))
    {
      phase_id = cjm_touchpoint_get_phase (CJM_TOUCHPOINT (primary));
      lane_id = cjm_touchpoint_get_lane (CJM_TOUCHPOINT (primary));
    }
  else if (CJM_IS_CARD (primary))
    {
      phase_id = cjm_card_get_phase (CJM_CARD (primary));
      lane_id = cjm_card_get_lane (CJM_CARD (primary));
    }
  else if (CJM_IS_PHASE (primary))
    phase_id = cjm_entity_get_id (primary);
  else if (CJM_IS_LANE (primary))
    lane_id = cjm_entity_get_id (primary);

  if (!index_of_id (phases, phase_id, phase))
    *phase = 0;
  if (!pick_lane (self, lane_id, type, detail, TRUE, lane)
      && !pick_lane (self, lane_id, type, detail, FALSE, lane))
    return FALSE;

  items = cjm_document_get_cell_items (self->document,
                                       cjm_entity_get_id (g_ptr_array_index (phases, *phase)),
                                       cjm_entity_get_id (g_ptr_array_index (lanes, *lane)));
  *position = items->len;
  for (guint i = 0; primary != NULL && i < items->len; i++)
    if (g_ptr_array_index (items, i) == (gpointer) primary)
      *position = i + 1;
  return TRUE;
}

/* The keyboard way to add what the palette offers: into the selected
 * cell, as one undoable step, selected and in view. */
static void
on_palette_activate_kind (CjmWindow  *self,
                          const char *kind,
                          CjmPalette *palette)
{
  g_autoptr(CjmInteraction) interaction = NULL;
  g_autoptr(CjmLayout) layout = NULL;
  const char *detail;
  CjmEntity *item;
  GType type;
  guint phase, lane, position;

  if (kind == NULL)
    return;
  if (g_str_has_prefix (kind, CJM_PALETTE_KIND_PREFIX_TOUCHPOINT))
    {
      type = CJM_TYPE_TOUCHPOINT;
      detail = kind + strlen (CJM_PALETTE_KIND_PREFIX_TOUCHPOINT);
    }
  else if (g_str_has_prefix (kind, CJM_PALETTE_KIND_PREFIX_CARD))
    {
      type = CJM_TYPE_CARD;
      detail = kind + strlen (CJM_PALETTE_KIND_PREFIX_CARD);
    }
  else
    return;

  if (!find_cell (self, type, detail, &phase, &lane, &position))
    {
      show_message (self, GTK_MESSAGE_INFO,
                    type == CJM_TYPE_TOUCHPOINT
                    ? _("The map has no touchpoints lane")
                    : _("The map has no lane for cards"),
                    _("Add a phase and a lane of the right kind first, then add the item."));
      return;
    }

  interaction = cjm_interaction_new (self->selection);
  layout = cjm_layout_new (self->document);
  cjm_interaction_set_layout (interaction, layout);
  cjm_interaction_set_persona (interaction, cjm_persona_bar_get_persona (self->persona_bar));
  item = cjm_interaction_create_item (interaction, kind, phase, lane, position);
  if (item != NULL)
    cjm_canvas_reveal (self->canvas, item);
  else
    gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
on_autosave_failed (CjmWindow   *self,
                    const char  *message,
                    CjmAutosave *autosave)
{
  show_message (self, GTK_MESSAGE_WARNING, _("Unsaved changes are not being kept safe"), message);
}

/* Every map in a window is kept safe by drafts while it has unsaved
 * changes; a recovered map goes on with the draft it came from. */
static void
start_autosave (CjmWindow   *self,
                CjmDocument *document,
                GFile       *file,
                const char  *draft_id)
{
  g_autofree char *uri = file != NULL ? g_file_get_uri (file) : NULL;

  if (self->autosave != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->autosave, self);
      cjm_autosave_forget (self->autosave);
      g_clear_object (&self->autosave);
    }
  self->autosave = cjm_autosave_new (document, draft_id);
  cjm_autosave_set_uri (self->autosave, uri);
  if (self->settings != NULL)
    cjm_autosave_set_delay (self->autosave, g_settings_get_uint (self->settings, "autosave-interval"));
  g_signal_connect_object (self->autosave, "failed", G_CALLBACK (on_autosave_failed), self,
                           G_CONNECT_SWAPPED);
}

static void
on_file_changed_on_disk (CjmWindow    *self,
                         gboolean      deleted,
                         CjmFileWatch *watch)
{
  if (deleted)
    show_message (self, GTK_MESSAGE_WARNING, _("Another program deleted this map’s file"),
                  _("Save the map to write it again."));
  else
    show_message (self, GTK_MESSAGE_WARNING, _("Another program changed this map’s file"),
                  _("Saving will ask whether to overwrite those changes."));
}

/* Remembers the file as it is now: just opened or just saved. */
static void
watch_file (CjmWindow *self,
            GFile     *file)
{
  if (self->watch != NULL && file != NULL && g_file_equal (cjm_file_watch_get_file (self->watch), file))
    {
      cjm_file_watch_remember (self->watch);
      return;
    }
  if (self->watch != NULL)
    g_signal_handlers_disconnect_by_data (self->watch, self);
  g_clear_object (&self->watch);
  if (file == NULL)
    return;
  self->watch = cjm_file_watch_new (file);
  g_signal_connect_object (self->watch, "changed-on-disk", G_CALLBACK (on_file_changed_on_disk),
                           self, G_CONNECT_SWAPPED);
}

static void
set_document_full (CjmWindow   *self,
                   CjmDocument *document,
                   GFile       *file,
                   const char  *draft_id)
{
  CjmHistory *history;

  g_assert (CJM_IS_DOCUMENT (document));

  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_signal_handlers_disconnect_by_data (cjm_document_get_history (self->document), self);
    }

  g_set_object (&self->document, document);
  g_set_object (&self->file, file);
  g_clear_object (&self->selection);
  self->selection = cjm_selection_new (document);

  history = cjm_document_get_history (document);
  g_signal_connect_object (document, "changed",
                           G_CALLBACK (on_document_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (history, "notify::modified",
                           G_CALLBACK (on_history_notify_modified), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (history, "notify::can-undo",
                           G_CALLBACK (on_history_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (history, "notify::can-redo",
                           G_CALLBACK (on_history_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (history, "notify::undo-label",
                           G_CALLBACK (on_history_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (history, "notify::redo-label",
                           G_CALLBACK (on_history_notify), self, G_CONNECT_SWAPPED);

  cjm_canvas_set_document (self->canvas, document, self->selection);
  cjm_palette_set_document (self->palette, document);
  cjm_persona_bar_set_document (self->persona_bar, document);
  cjm_inspector_set_selection (self->inspector, self->selection);
  cjm_outline_set_selection (self->outline, self->selection);
  cjm_canvas_set_persona (self->canvas, cjm_persona_bar_get_persona (self->persona_bar));
  cjm_canvas_set_curve_variant (self->canvas, cjm_persona_bar_get_variant (self->persona_bar));

  start_autosave (self, document, file, draft_id);
  watch_file (self, file);
  update_title (self);
  update_history (self);
}

static void
set_document (CjmWindow   *self,
              CjmDocument *document,
              GFile       *file)
{
  set_document_full (self, document, file, NULL);
}

static void
add_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

static GtkFileFilter *
new_map_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Journey Maps"));
  gtk_file_filter_add_pattern (filter, "*.cjm");
  gtk_file_filter_add_mime_type (filter, CJM_MIME_TYPE);
  return filter;
}

static GtkFileFilter *
new_all_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("All Files"));
  gtk_file_filter_add_pattern (filter, "*");
  return filter;
}

/* Saving. A GTask whose boolean says whether the map was saved: FALSE
 * without an error when the user cancelled the file chooser; a failure is
 * already shown in the window. */

static void
on_save_finished (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CjmWindow *self = g_task_get_source_object (task);
  GFile *file = G_FILE (source);
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;
  if (self->watch != NULL)
    cjm_file_watch_set_paused (self->watch, FALSE);
  if (!cjm_file_save_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          && !gtk_widget_in_destruction (GTK_WIDGET (self)))
        {
          g_autofree char *name = dup_file_name (file);
          g_autofree char *heading = NULL;

          /* Translators: %s is a file name */
          heading = g_strdup_printf (_("Could not save “%s”"), name);
          show_message (self, GTK_MESSAGE_ERROR, heading, error->message);
        }
      g_task_return_boolean (task, FALSE);
      return;
    }

  add_recent (file);
  if (self->autosave != NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      /* the file holds it all now: no draft needed */
      cjm_autosave_forget (self->autosave);
      cjm_autosave_set_uri (self->autosave, uri);
    }
  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      if (self->file == NULL || !g_file_equal (self->file, file))
        g_set_object (&self->file, file);
      watch_file (self, file);
      hide_message (self);
      update_title (self);
    }
  g_task_return_boolean (task, TRUE);
}

static void write_file_now (GTask *task,
                            GFile *file);
static void choose_save_file (GTask *task);

enum {
  RESPONSE_SAVE_COPY = 1,
  RESPONSE_RELOAD,
  RESPONSE_OVERWRITE,
};

static void
on_conflict_response (GtkDialog *dialog,
                      int        response,
                      gpointer   user_data)
{
  GTask *task = user_data;
  CjmWindow *self = g_task_get_source_object (task);

  gtk_window_destroy (GTK_WINDOW (dialog));
  switch (response)
    {
    case RESPONSE_OVERWRITE:
      write_file_now (task, self->file);
      break;
    case RESPONSE_SAVE_COPY:
      choose_save_file (task);
      break;
    case RESPONSE_RELOAD:
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GFile) file = g_object_ref (self->file);
        g_autoptr(CjmDocument) document = cjm_reader_load_file (file, NULL, &error);

        /* their version replaces ours, as the user chose */
        if (document != NULL)
          set_document (self, document, file);
        else
          show_message (self, GTK_MESSAGE_ERROR, _("The changed file could not be opened"),
                        error->message);
        g_task_return_boolean (task, FALSE);
        g_object_unref (task);
      }
      break;
    default:
      g_task_return_boolean (task, FALSE);
      g_object_unref (task);
      break;
    }
}

/* Someone else saved the file since we opened it: never overwrite that
 * silently. */
static void
ask_about_conflict (GTask *task)
{
  CjmWindow *self = g_task_get_source_object (task);
  g_autofree char *name = dup_file_name (self->file);
  GtkWidget *dialog;
  GtkWidget *overwrite;

  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_WARNING, GTK_BUTTONS_NONE,
                                   _("“%s” was changed by another program"), name);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("Someone saved it after you opened it. Overwriting "
                                              "replaces their changes with yours; reloading "
                                              "replaces yours with theirs."));
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("Save as _Copy…"), RESPONSE_SAVE_COPY);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Reload"), RESPONSE_RELOAD);
  overwrite = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Overwrite"), RESPONSE_OVERWRITE);
  gtk_widget_add_css_class (overwrite, "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), RESPONSE_SAVE_COPY);
  g_signal_connect (dialog, "response", G_CALLBACK (on_conflict_response), task);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
write_file (GTask *task,
            GFile *file)
{
  CjmWindow *self = g_task_get_source_object (task);

  /* the check that counts: network shares send no change notifications */
  if (self->watch != NULL && self->file != NULL && g_file_equal (file, self->file)
      && cjm_file_watch_changed_on_disk (self->watch, NULL))
    {
      ask_about_conflict (task);
      return;
    }
  write_file_now (task, file);
}

static void
write_file_now (GTask *task,
                GFile *file)
{
  CjmWindow *self = g_task_get_source_object (task);

  /* The map records when it last changed. This is metadata of the save,
   * not an edit, so it bypasses the history; and an unchanged map saved
   * again keeps its bytes. */
  if (cjm_history_get_modified (cjm_document_get_history (self->document)))
    g_object_set (cjm_document_get_map (self->document),
                  "modified", g_get_real_time () / G_USEC_PER_SEC, NULL);

  self->saving = TRUE;
  if (self->watch != NULL)
    cjm_file_watch_set_paused (self->watch, TRUE);
  cjm_file_save_async (self->document, file, g_task_get_cancellable (task),
                       on_save_finished, task);
}

static void
on_replace_response (GtkDialog *dialog,
                     int        response,
                     gpointer   user_data)
{
  GTask *task = user_data;
  GFile *file = g_object_get_data (G_OBJECT (dialog), "file");

  if (response == GTK_RESPONSE_ACCEPT)
    write_file (task, file);
  else
    {
      g_task_return_boolean (task, FALSE);
      g_object_unref (task);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The chooser asked about replacing the name the user typed; a name we
 * completed with “.cjm” still needs that question. */
static void
on_completed_name_queried (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  GTask *task = user_data;
  CjmWindow *self = g_task_get_source_object (task);
  GFile *file = G_FILE (source);
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = NULL;
  GtkWidget *dialog;

  info = g_file_query_info_finish (file, result, NULL);
  if (info == NULL)
    {
      write_file (task, file);
      return;
    }

  dialog = cjm_replace_dialog_new (GTK_WINDOW (self), file);
  g_signal_connect (dialog, "response", G_CALLBACK (on_replace_response), task);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
has_map_suffix (const char *name)
{
  gsize length = strlen (name);

  return length > 4 && g_ascii_strcasecmp (name + length - 4, ".cjm") == 0;
}

static void
on_save_chooser_response (GtkNativeDialog *chooser,
                          int              response,
                          gpointer         user_data)
{
  GTask *task = user_data;
  g_autoptr(GFile) chosen = NULL;
  g_autofree char *basename = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);

  if (chosen == NULL)
    {
      g_task_return_boolean (task, FALSE);
      g_object_unref (task);
      return;
    }

  basename = g_file_get_basename (chosen);
  if (basename != NULL && !has_map_suffix (basename))
    {
      g_autofree char *completed = g_strconcat (basename, ".cjm", NULL);
      g_autoptr(GFile) parent = g_file_get_parent (chosen);
      g_autoptr(GFile) file = parent != NULL ? g_file_get_child (parent, completed)
                                             : g_object_ref (chosen);

      g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                               G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                               on_completed_name_queried, task);
      return;
    }

  write_file (task, chosen);
}

static char *
suggest_file_name (CjmWindow *self)
{
  g_autofree char *title = g_strdup (get_map_title (self));

  /* a title may hold characters a file name cannot */
  g_strdelimit (title, "/\\:*?\"<>|", '-');
  return g_strconcat (g_strstrip (title), ".cjm", NULL);
}

static void
choose_save_file (GTask *task)
{
  CjmWindow *self = g_task_get_source_object (task);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) maps = new_map_filter ();
  g_autoptr(GtkFileFilter) all = new_all_filter ();

  chooser = gtk_file_chooser_native_new (_("Save Map"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), maps);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), maps);

  if (self->file != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), self->file, NULL);
  else
    {
      g_autofree char *name = suggest_file_name (self);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }

  g_signal_connect (chooser, "response", G_CALLBACK (on_save_chooser_response), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
window_save_async (CjmWindow           *self,
                   gboolean             choose_file,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  GTask *task = g_task_new (self, self->cancellable, callback, user_data);

  g_task_set_source_tag (task, window_save_async);

  if (self->saving)
    {
      g_task_return_boolean (task, FALSE);
      g_object_unref (task);
      return;
    }

  if (choose_file || self->file == NULL)
    choose_save_file (task);
  else
    write_file (task, self->file);
}

static gboolean
window_save_finish (CjmWindow     *self,
                    GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Closing with unsaved changes. */

static void
on_confirm_saved (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  g_task_return_boolean (task, window_save_finish (CJM_WINDOW (source), result, NULL));
}

static void
on_close_dialog_response (GtkDialog *dialog,
                          int        response,
                          gpointer   user_data)
{
  GTask *task = user_data;
  CjmWindow *self = g_task_get_source_object (task);

  self->close_dialog = NULL;
  gtk_window_destroy (GTK_WINDOW (dialog));

  switch (response)
    {
    case GTK_RESPONSE_ACCEPT:
      window_save_async (self, FALSE, on_confirm_saved, task);
      break;
    case GTK_RESPONSE_REJECT:
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      break;
    default:
      g_task_return_boolean (task, FALSE);
      g_object_unref (task);
      break;
    }
}

/**
 * cjm_window_confirm_close_async:
 * @self: a window
 * @cancellable: (nullable): a cancellable
 * @callback: called with the answer
 * @user_data: for @callback
 *
 * When the map has unsaved changes, asks whether to save them. The answer
 * is %TRUE when the window may close: nothing to save, saved, or the user
 * chose to discard the changes.
 */
void
cjm_window_confirm_close_async (CjmWindow           *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GtkWidget *dialog;

  g_return_if_fail (CJM_IS_WINDOW (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cjm_window_confirm_close_async);

  if (!cjm_window_get_modified (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* one question at a time: a second request waits for nothing and keeps
   * the window open */
  if (self->close_dialog != NULL)
    {
      gtk_window_present (self->close_dialog);
      g_task_return_boolean (task, FALSE);
      return;
    }

  dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   _("Save changes to “%s” before closing?"),
                                   get_map_title (self));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("If you don’t save, changes since the last "
                                              "save are lost."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog),
                          _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Discard"), GTK_RESPONSE_REJECT,
                          _("_Save"), GTK_RESPONSE_ACCEPT,
                          NULL);
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog),
                                                                GTK_RESPONSE_REJECT),
                            "destructive-action");
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog),
                                                                GTK_RESPONSE_ACCEPT),
                            "suggested-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_signal_connect (dialog, "response", G_CALLBACK (on_close_dialog_response),
                    g_steal_pointer (&task));

  self->close_dialog = GTK_WINDOW (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
cjm_window_confirm_close_finish (CjmWindow     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (CJM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_close_confirmed (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CjmWindow *self = CJM_WINDOW (source);

  if (cjm_window_confirm_close_finish (self, result, NULL))
    {
      self->close_confirmed = TRUE;
      gtk_window_destroy (GTK_WINDOW (self));
    }
}

static gboolean
cjm_window_close_request (GtkWindow *window)
{
  CjmWindow *self = CJM_WINDOW (window);

  if (!self->close_confirmed && cjm_window_get_modified (self))
    {
      cjm_window_confirm_close_async (self, NULL, on_close_confirmed, NULL);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (cjm_window_parent_class)->close_request (window);
}

/* The next window opens as the last one closed: its size when it was not
 * maximized, and whether it was. Saved when the window hides, while its
 * state is still that of the window on screen; by the time it is
 * unrealized it has already left the application. */
static void
cjm_window_unmap (GtkWidget *widget)
{
  CjmWindow *self = CJM_WINDOW (widget);

  if (self->settings != NULL)
    {
      gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));
      int width = 0;
      int height = 0;

      g_settings_set_boolean (self->settings, "window-maximized", maximized);
      /* a maximized window's size is the screen's, not the one it returns to */
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      if (!maximized && width > 0 && height > 0)
        {
          /* within the schema's ranges, which GSettings otherwise refuses */
          g_settings_set_int (self->settings, "window-width", CLAMP (width, 360, 32767));
          g_settings_set_int (self->settings, "window-height", CLAMP (height, 300, 32767));
        }
    }

  GTK_WIDGET_CLASS (cjm_window_parent_class)->unmap (widget);
}

static void
restore_window_state (CjmWindow *self)
{
  if (self->settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

/* Actions. */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  window_save_async (CJM_WINDOW (widget), FALSE, NULL, NULL);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  window_save_async (CJM_WINDOW (widget), TRUE, NULL, NULL);
}

static void
on_step_changed (GPtrArray  *touched,
                 guint       kind,
                 CjmEntity  *entity,
                 const char *field)
{
  if (kind != CJM_CHANGE_REMOVED && !CJM_IS_MAP (entity) && !g_ptr_array_find (touched, entity, NULL))
    g_ptr_array_add (touched, g_object_ref (entity));
}

/* Undo and redo select what they changed, so the user sees where the step
 * happened: the items moved back, the card restored, the phase renamed. */
static void
step_history (CjmWindow *self,
              gboolean   redo)
{
  g_autoptr(GPtrArray) touched = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) present = g_ptr_array_new ();
  gulong handler;
  gboolean stepped;

  handler = g_signal_connect_swapped (self->document, "changed", G_CALLBACK (on_step_changed), touched);
  stepped = redo ? cjm_document_redo (self->document) : cjm_document_undo (self->document);
  g_signal_handler_disconnect (self->document, handler);
  if (!stepped)
    return;

  for (guint i = 0; i < touched->len; i++)
    {
      CjmEntity *entity = g_ptr_array_index (touched, i);

      if (cjm_document_lookup (self->document, cjm_entity_get_id (entity)) == entity)
        g_ptr_array_add (present, entity);
    }
  if (present->len > 0)
    {
      cjm_selection_set_many (self->selection, (CjmEntity **) present->pdata, present->len);
      cjm_canvas_reveal (self->canvas, g_ptr_array_index (present, 0));
    }
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CjmWindow *self = CJM_WINDOW (widget);

  gtk_toggle_button_set_active (self->sidebar_button,
                                !gtk_toggle_button_get_active (self->sidebar_button));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  step_history (CJM_WINDOW (widget), FALSE);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  step_history (CJM_WINDOW (widget), TRUE);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CjmCanvas *canvas = CJM_WINDOW (widget)->canvas;

  if (g_str_equal (action_name, "win.zoom-in"))
    cjm_canvas_zoom_in (canvas);
  else if (g_str_equal (action_name, "win.zoom-out"))
    cjm_canvas_zoom_out (canvas);
  else if (g_str_equal (action_name, "win.zoom-reset"))
    cjm_canvas_zoom_reset (canvas);
  else
    cjm_canvas_zoom_fit (canvas);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (cjm_export_dialog_new (CJM_WINDOW (widget))));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  cjm_print_run (CJM_WINDOW (widget));
}

/* Loading. */

typedef struct
{
  CjmWindow *self;
  guint      message_serial;
} LoadData;

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  LoadData *data = user_data;
  g_autoptr(CjmWindow) self = data->self;
  guint message_serial = data->message_serial;
  g_autoptr(CjmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  GFile *file = G_FILE (source);
  CjmLocation location = { 0, 0 };

  g_free (data);
  document = cjm_file_load_finish (result, &location, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  if (document == NULL)
    {
      g_autofree char *name = dup_file_name (file);
      g_autofree char *heading = NULL;
      g_autofree char *message = NULL;

      /* Translators: %s is a file name */
      heading = g_strdup_printf (_("Could not open “%s”"), name);
      if (location.line > 0 && location.column > 0)
        /* Translators: a reason the map could not be opened, then where in the file */
        message = g_strdup_printf (_("%s (line %d, column %d)"),
                                   error->message, location.line, location.column);
      else if (location.line > 0)
        /* Translators: a reason the map could not be opened, then where in the file */
        message = g_strdup_printf (_("%s (line %d)"), error->message, location.line);
      else
        message = g_strdup (error->message);
      show_message (self, GTK_MESSAGE_ERROR, heading, message);
      gtk_window_present (GTK_WINDOW (self));
      return;
    }

  add_recent (file);

  if (cjm_window_is_blank (self))
    {
      /* a message from before the user asked for this map is stale; one
       * that came since (another file of the same request) is not */
      if (self->message_serial == message_serial)
        hide_message (self);
      set_document (self, document, file);
      gtk_window_present (GTK_WINDOW (self));
    }
  else
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
      CjmWindow *window = cjm_window_new (CJM_APPLICATION (app), document);

      set_document (window, document, file);
      gtk_window_present (GTK_WINDOW (window));
    }
}

/**
 * cjm_window_open:
 * @self: the window that asked
 * @file: a map to open
 *
 * Loads @file in the background. The map replaces the one in @self when
 * that is untitled and unchanged, and gets a window of its own otherwise.
 * When it cannot be opened, @self shows why and keeps its map.
 */
void
cjm_window_open (CjmWindow *self,
                 GFile     *file)
{
  LoadData *data;

  g_return_if_fail (CJM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->message_serial = self->message_serial;
  cjm_file_load_async (file, self->cancellable, on_loaded, data);
}

CjmDocument *
cjm_window_get_document (CjmWindow *self)
{
  g_return_val_if_fail (CJM_IS_WINDOW (self), NULL);

  return self->document;
}

/**
 * cjm_window_get_file:
 * @self: a window
 *
 * Returns: (transfer none) (nullable): where the map is saved, or %NULL
 *   when it never was
 */
GFile *
cjm_window_get_file (CjmWindow *self)
{
  g_return_val_if_fail (CJM_IS_WINDOW (self), NULL);

  return self->file;
}

gboolean
cjm_window_get_modified (CjmWindow *self)
{
  g_return_val_if_fail (CJM_IS_WINDOW (self), FALSE);

  return cjm_history_get_modified (cjm_document_get_history (self->document));
}

/**
 * cjm_window_is_blank:
 * @self: a window
 *
 * Returns: whether the window shows an untitled, unchanged map that an
 *   opened file may replace
 */
gboolean
cjm_window_is_blank (CjmWindow *self)
{
  g_return_val_if_fail (CJM_IS_WINDOW (self), FALSE);

  return self->file == NULL && !cjm_window_get_modified (self) && !self->saving;
}

/**
 * cjm_window_show_error:
 * @self: a window
 * @heading: what failed, in a few words
 * @message: (nullable): why, as a sentence
 *
 * Shows a problem at the top of the window until the user closes it.
 */
void
cjm_window_show_error (CjmWindow  *self,
                       const char *heading,
                       const char *message)
{
  g_return_if_fail (CJM_IS_WINDOW (self));
  g_return_if_fail (heading != NULL);

  show_message (self, GTK_MESSAGE_ERROR, heading, message);
}

static void
cjm_window_dispose (GObject *object)
{
  CjmWindow *self = CJM_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  /* a pending question ends as a cancel, so whoever waits for it hears */
  if (self->close_dialog != NULL)
    gtk_dialog_response (GTK_DIALOG (self->close_dialog), GTK_RESPONSE_CANCEL);
  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_signal_handlers_disconnect_by_data (cjm_document_get_history (self->document), self);
    }
  /* a window closes only once its map is saved or its changes were
   * discarded on purpose: its draft has served */
  if (self->autosave != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->autosave, self);
      cjm_autosave_forget (self->autosave);
      g_clear_object (&self->autosave);
    }
  if (self->watch != NULL)
    g_signal_handlers_disconnect_by_data (self->watch, self);
  g_clear_object (&self->watch);

  gtk_widget_dispose_template (GTK_WIDGET (self), CJM_TYPE_WINDOW);

  G_OBJECT_CLASS (cjm_window_parent_class)->dispose (object);
}

static void
cjm_window_finalize (GObject *object)
{
  CjmWindow *self = CJM_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->selection);
  g_clear_object (&self->document);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (cjm_window_parent_class)->finalize (object);
}

static void
cjm_window_class_init (CjmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cjm_window_dispose;
  object_class->finalize = cjm_window_finalize;
  window_class->close_request = cjm_window_close_request;
  widget_class->unmap = cjm_window_unmap;

  g_type_ensure (CJM_TYPE_CANVAS);
  g_type_ensure (CJM_TYPE_INSPECTOR);
  g_type_ensure (CJM_TYPE_OUTLINE);
  g_type_ensure (CJM_TYPE_PALETTE);
  g_type_ensure (CJM_TYPE_PERSONA_BAR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/reiskaart/Reiskaart/cjm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CjmWindow, recent_button);
  gtk_widget_class_bind_template_child (widget_class, CjmWindow, info_bar);
  gtk_widget_class_bind_template_child (widget_class, CjmWindow, info_heading);
  gtk_widget_class_bind_template_child (widget_class, CjmWindow, info_message);
  gtk_widget_class_bind_template_child (widget_class, CjmWindow, palette);
  gtk_widget_class_bind_template_child (widget_class, CjmWindow, persona_bar);
  gtk_widget_class_bind_template_child (widget_class, CjmWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, CjmWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, CjmWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, CjmWindow, outline);
  gtk_widget_class_bind_template_child (widget_class, CjmWindow, history_section);
  gtk_widget_class_bind_template_callback (widget_class, on_info_bar_response);
  gtk_widget_class_bind_template_callback (widget_class, on_info_bar_close);
  gtk_widget_class_bind_template_callback (widget_class, on_palette_activate_kind);
  gtk_widget_class_bind_template_callback (widget_class, on_persona_bar_notify_persona);
  gtk_widget_class_bind_template_callback (widget_class, on_persona_bar_notify_variant);

  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "win.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK,
                                       "win.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_9, GDK_CONTROL_MASK,
                                       "win.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_9, GDK_CONTROL_MASK,
                                       "win.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "win.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "win.print", NULL);
}

static void
cjm_window_init (CjmWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* the map has the keyboard first, not the first selectable message */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->canvas));
}

/**
 * cjm_window_new:
 * @application: the application
 * @document: (nullable): the map to show, or %NULL for a new map from the
 *   default template
 *
 * Returns: (transfer none): a new window, not yet shown
 */
CjmWindow *
cjm_window_new (CjmApplication *application,
                CjmDocument    *document)
{
  g_autoptr(CjmDocument) fresh = NULL;
  CjmWindow *self;

  g_return_val_if_fail (CJM_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (document == NULL || CJM_IS_DOCUMENT (document), NULL);

  if (document == NULL)
    document = fresh = cjm_application_create_map (application, CJM_TEMPLATE_FOUR_PHASES);

  self = g_object_new (CJM_TYPE_WINDOW, "application", application, NULL);
  g_set_object (&self->settings, cjm_application_get_settings (application));
  restore_window_state (self);
  gtk_menu_button_set_menu_model (self->recent_button,
                                  cjm_application_get_recent_menu (application));
  set_document (self, document, NULL);
  return self;
}

/**
 * cjm_window_recover:
 * @self: a window
 * @document: a map loaded from a draft
 * @file: (nullable): the map's own file, or %NULL for an untitled map
 * @draft_id: the draft it came from, which autosave goes on writing
 *
 * Shows a recovered map. It counts as modified until saved: the user's
 * file does not have these changes yet.
 */
void
cjm_window_recover (CjmWindow   *self,
                    CjmDocument *document,
                    GFile       *file,
                    const char  *draft_id)
{
  g_return_if_fail (CJM_IS_WINDOW (self));
  g_return_if_fail (CJM_IS_DOCUMENT (document));

  set_document_full (self, document, file, draft_id);
  cjm_history_mark_unsaved (cjm_document_get_history (document));
  update_title (self);
  show_message (self, GTK_MESSAGE_INFO, _("Unsaved changes recovered"),
                _("Save the map to keep them."));
}
