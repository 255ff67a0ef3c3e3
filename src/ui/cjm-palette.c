/* cjm-palette.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cjm-canvas.h"
#include "cjm-palette.h"

/* The things a map is made of, ready to drag onto the canvas. A GtkListBox
 * gives keyboard focus, activation and a screen reader role for free; the
 * section headings are list headers, so arrow keys skip them. */
struct _CjmPalette
{
  GtkWidget     parent_instance;

  GtkWidget    *scroller;
  GtkListBox   *list;
  CjmDocument  *document;
  GSignalGroup *document_signals;
  guint         refresh_id;
};

G_DEFINE_FINAL_TYPE (CjmPalette, cjm_palette, GTK_TYPE_WIDGET)

enum {
  ACTIVATE_KIND,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  CjmLaneKind  kind;
  const char  *label;
  const char  *icon_name;
} CardEntry;

static const CardEntry card_entries[] = {
  { CJM_LANE_ACTIONS, N_("Doing"), "system-run-symbolic" },
  { CJM_LANE_THOUGHTS, N_("Thinking"), "dialog-question-symbolic" },
  { CJM_LANE_PAIN_POINTS, N_("Pain point"), "dialog-warning-symbolic" },
  { CJM_LANE_OPPORTUNITIES, N_("Opportunity"), "emoji-objects-symbolic" },
  { CJM_LANE_BACKSTAGE, N_("Backstage"), "emblem-system-symbolic" },
  { CJM_LANE_METRICS, N_("Metric"), "x-office-spreadsheet-symbolic" },
  { CJM_LANE_NOTES, N_("Note"), "document-edit-symbolic" },
};

/* Icons some icon themes lack; a GThemedIcon falls back in order. */
static const char *
fallback_icon_for_group (CjmChannelGroup group)
{
  switch (group)
    {
    case CJM_CHANNEL_GROUP_DIGITAL:
      return "computer-symbolic";
    case CJM_CHANNEL_GROUP_PHYSICAL:
      return "find-location-symbolic";
    case CJM_CHANNEL_GROUP_TELEPHONE:
      return "call-start-symbolic";
    case CJM_CHANNEL_GROUP_OTHER:
    default:
      return "mark-location-symbolic";
    }
}

static GIcon *
channel_icon (const char      *icon_name,
              CjmChannelGroup  group)
{
  const char *names[3] = { NULL, NULL, NULL };
  guint n = 0;

  if (icon_name != NULL)
    names[n++] = icon_name;
  if (g_strcmp0 (icon_name, "chat-symbolic") == 0)
    names[n++] = "chat-message-new-symbolic";
  else
    names[n++] = fallback_icon_for_group (group);

  return g_themed_icon_new_from_names ((char **) names, (int) n);
}

static const char *
group_heading (CjmChannelGroup group)
{
  switch (group)
    {
    case CJM_CHANNEL_GROUP_DIGITAL:
      return _("Digital");
    case CJM_CHANNEL_GROUP_PHYSICAL:
      return _("Physical");
    case CJM_CHANNEL_GROUP_TELEPHONE:
      return _("Telephone");
    case CJM_CHANNEL_GROUP_OTHER:
    default:
      return _("Other");
    }
}

static GdkContentProvider *
on_drag_source_prepare (CjmPalette    *self,
                        double         x,
                        double         y,
                        GtkDragSource *source)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  const char *kind = g_object_get_data (G_OBJECT (row), "cjm-kind");
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, icon, (int) x, (int) y);
  return gdk_content_provider_new_typed (G_TYPE_STRING, kind);
}

/* The row is the drag icon; a background keeps it readable over the map
 * (and on displays without transparency). */
static void
on_drag_source_drag_begin (CjmPalette    *self,
                           GdkDrag       *drag,
                           GtkDragSource *source)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));

  gtk_widget_add_css_class (row, "view");
}

static void
on_drag_source_drag_end (CjmPalette    *self,
                         GdkDrag       *drag,
                         gboolean       delete_data,
                         GtkDragSource *source)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));

  gtk_widget_remove_css_class (row, "view");
}

static void
add_row (CjmPalette *self,
         const char *heading,
         GIcon      *icon,
         const char *label,
         const char *kind)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *image = gtk_image_new_from_gicon (icon);
  GtkWidget *text = gtk_label_new (label);
  GtkDragSource *source = gtk_drag_source_new ();
  const char *hint = _("Drag onto the map, or press Enter to add to the selected cell");

  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  gtk_widget_set_tooltip_text (row, hint);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, hint,
                                  -1);
  g_object_set_data_full (G_OBJECT (row), "cjm-kind", g_strdup (kind), g_free);
  g_object_set_data_full (G_OBJECT (row), "cjm-heading", g_strdup (heading), g_free);

  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect_object (source, "prepare", G_CALLBACK (on_drag_source_prepare),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (source, "drag-begin", G_CALLBACK (on_drag_source_drag_begin),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (source, "drag-end", G_CALLBACK (on_drag_source_drag_end),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));

  gtk_list_box_append (self->list, row);
}

static void
fill (CjmPalette *self)
{
  const CjmChannelInfo *infos;
  guint n_infos;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  infos = cjm_channel_info_list (&n_infos);
  for (guint group = CJM_CHANNEL_GROUP_DIGITAL; group <= CJM_CHANNEL_GROUP_TELEPHONE; group++)
    for (guint i = 0; i < n_infos; i++)
      {
        g_autofree char *kind = NULL;
        g_autoptr(GIcon) icon = NULL;

        if (infos[i].group != group)
          continue;
        kind = g_strconcat (CJM_PALETTE_KIND_PREFIX_TOUCHPOINT, infos[i].keyword, NULL);
        icon = channel_icon (infos[i].icon_name, infos[i].group);
        add_row (self, group_heading (group), icon, _(infos[i].label), kind);
      }

  if (self->document != NULL)
    {
      GPtrArray *channels = cjm_document_get_channels (self->document);

      for (guint i = 0; i < channels->len; i++)
        {
          CjmChannel *channel = g_ptr_array_index (channels, i);
          const char *name = cjm_channel_get_name (channel);
          g_autofree char *kind = NULL;
          g_autoptr(GIcon) icon = NULL;

          kind = g_strconcat (CJM_PALETTE_KIND_PREFIX_TOUCHPOINT,
                              cjm_entity_get_id (CJM_ENTITY (channel)), NULL);
          icon = channel_icon (NULL, cjm_channel_get_group (channel));
          add_row (self, _("This map’s channels"), icon,
                   name != NULL && *name != '\0' ? name : cjm_entity_get_id (CJM_ENTITY (channel)),
                   kind);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (card_entries); i++)
    {
      g_autofree char *kind = NULL;
      g_autoptr(GIcon) icon = g_themed_icon_new (card_entries[i].icon_name);

      kind = g_strconcat (CJM_PALETTE_KIND_PREFIX_CARD,
                          cjm_enum_to_nick (CJM_TYPE_LANE_KIND, card_entries[i].kind), NULL);
      add_row (self, _("Cards"), icon, _(card_entries[i].label), kind);
    }
}

static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  const char *heading = g_object_get_data (G_OBJECT (row), "cjm-heading");
  const char *previous = NULL;
  GtkWidget *label;

  if (before != NULL)
    previous = g_object_get_data (G_OBJECT (before), "cjm-heading");
  if (g_strcmp0 (heading, previous) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  label = gtk_label_new (heading);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, before != NULL ? 18 : 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_list_box_row_set_header (row, label);
}

static void
on_list_row_activated (CjmPalette    *self,
                       GtkListBoxRow *row)
{
  const char *kind = g_object_get_data (G_OBJECT (row), "cjm-kind");

  if (kind != NULL)
    g_signal_emit (self, signals[ACTIVATE_KIND], 0, kind);
}

static gboolean
refresh_idle (gpointer user_data)
{
  CjmPalette *self = user_data;

  self->refresh_id = 0;
  fill (self);
  return G_SOURCE_REMOVE;
}

static void
on_document_changed (CjmPalette *self,
                     guint       kind,
                     CjmEntity  *entity,
                     const char *field)
{
  /* Only the map's own channels appear here; a burst of changes (an undo of
   * an import) refills the list once. */
  if (!CJM_IS_CHANNEL (entity) || self->refresh_id != 0)
    return;
  self->refresh_id = g_idle_add (refresh_idle, self);
}

static void
cjm_palette_dispose (GObject *object)
{
  CjmPalette *self = CJM_PALETTE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (cjm_palette_parent_class)->dispose (object);
}

static void
cjm_palette_class_init (CjmPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cjm_palette_dispose;

  /**
   * CjmPalette::activate-kind:
   * @kind: "touchpoint:CHANNEL" or "card:LANE-KIND"
   *
   * The user activated an entry with the keyboard (or a double click): the
   * window adds such an item to the selected cell.
   */
  signals[ACTIVATE_KIND] =
    g_signal_new ("activate-kind",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "palette");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cjm_palette_init (CjmPalette *self)
{
  self->document_signals = g_signal_group_new (CJM_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "changed",
                                 G_CALLBACK (on_document_changed), self, G_CONNECT_SWAPPED);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  gtk_widget_set_vexpand (self->scroller, TRUE);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  /* A single click starts a drag; adding needs a deliberate activation. */
  gtk_list_box_set_activate_on_single_click (self->list, FALSE);
  gtk_list_box_set_header_func (self->list, update_header, NULL, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Palette"), -1);
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (on_list_row_activated),
                           self, G_CONNECT_SWAPPED);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->list));

  fill (self);
}

GtkWidget *
cjm_palette_new (void)
{
  return g_object_new (CJM_TYPE_PALETTE, NULL);
}

void
cjm_palette_set_document (CjmPalette  *self,
                          CjmDocument *document)
{
  g_return_if_fail (CJM_IS_PALETTE (self));
  g_return_if_fail (document == NULL || CJM_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  g_set_object (&self->document, document);
  g_signal_group_set_target (self->document_signals, document);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  fill (self);
}
