/* cjm-persona-bar.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cjm-persona-bar.h"

/* One toggle per persona, so exactly one is picked, with the persona's
 * colour as a dot. Renaming, recolouring and removing go through widget
 * actions ("persona.rename" and friends, with the persona's id), so the
 * context menu of each button and the menu button for the picked persona
 * share one implementation. */
struct _CjmPersonaBar
{
  GtkWidget        parent_instance;

  GtkWidget       *title;
  GtkWidget       *persona_box;
  GtkWidget       *add_button;
  GtkWidget       *menu_button;
  GtkWidget       *variant_box;
  GtkWidget       *as_is_button;
  GtkWidget       *to_be_button;

  GtkWidget       *context_menu;
  GtkWidget       *rename_popover;
  GtkWidget       *rename_entry;
  GtkWidget       *rename_error;
  char            *rename_id;

  CjmDocument     *document;
  GSignalGroup    *document_signals;
  char            *persona;
  CjmCurveVariant  variant;
  gboolean         syncing;
};

G_DEFINE_FINAL_TYPE (CjmPersonaBar, cjm_persona_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PERSONA,
  PROP_VARIANT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Colours from the GNOME palette that read well as curves on white. */
static const guint persona_colors[] = {
  0x3584e4, 0xe66100, 0x2ec27e, 0x9141ac, 0xe01b24, 0xe5a50a,
  0x986a44, 0x1c71d8, 0x26a269, 0xc64600, 0x613583, 0xa51d2d,
};

static void rebuild (CjmPersonaBar *self);

static CjmPersona *
lookup_persona (CjmPersonaBar *self,
                const char    *id)
{
  CjmEntity *entity;

  if (self->document == NULL || id == NULL)
    return NULL;
  entity = cjm_document_lookup (self->document, id);
  return CJM_IS_PERSONA (entity) ? CJM_PERSONA (entity) : NULL;
}

static GtkWidget *
find_button (CjmPersonaBar *self,
             const char    *id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (self->persona_box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "cjm-persona-id"), id) == 0)
      return child;
  return NULL;
}

static void
show_error (GtkWindow  *parent,
            const char *heading,
            GError     *error)
{
  GtkWidget *dialog;

  dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", heading);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWindow *
toplevel (CjmPersonaBar *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Picking ---------------------------------------------------------------- */

static GMenuModel *
make_menu (const char *id)
{
  GMenu *menu = g_menu_new ();
  GMenu *section = g_menu_new ();
  g_autoptr(GMenuItem) rename = g_menu_item_new (_("_Rename…"), NULL);
  g_autoptr(GMenuItem) color = g_menu_item_new (_("_Colour…"), NULL);
  g_autoptr(GMenuItem) remove = g_menu_item_new (_("_Delete"), NULL);

  g_menu_item_set_action_and_target (rename, "persona.rename", "s", id);
  g_menu_item_set_action_and_target (color, "persona.color", "s", id);
  g_menu_item_set_action_and_target (remove, "persona.delete", "s", id);
  g_menu_append_item (menu, rename);
  g_menu_append_item (menu, color);
  g_menu_append_item (section, remove);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_object_unref (section);
  return G_MENU_MODEL (menu);
}

static void
sync_picked (CjmPersonaBar *self)
{
  GtkWidget *button = find_button (self, self->persona);
  CjmPersona *persona = lookup_persona (self, self->persona);

  self->syncing = TRUE;
  if (button != NULL)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
  self->syncing = FALSE;

  if (persona != NULL)
    {
      g_autoptr(GMenuModel) menu = make_menu (self->persona);
      /* Translators: the tooltip of the menu button; %s is a persona's name */
      g_autofree char *tooltip = g_strdup_printf (_("Options for %s"),
                                                  cjm_persona_get_name (persona));

      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->menu_button), menu);
      gtk_widget_set_tooltip_text (self->menu_button, tooltip);
      gtk_widget_set_sensitive (self->menu_button, TRUE);
    }
  else
    {
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->menu_button), NULL);
      gtk_widget_set_sensitive (self->menu_button, FALSE);
    }
}

static void
set_persona (CjmPersonaBar *self,
             const char    *id)
{
  if (g_strcmp0 (self->persona, id) == 0)
    return;

  g_free (self->persona);
  self->persona = g_strdup (id);
  sync_picked (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSONA]);
}

static void
set_variant (CjmPersonaBar   *self,
             CjmCurveVariant  variant)
{
  GtkWidget *button;

  if (self->variant == variant)
    return;

  self->variant = variant;
  button = variant == CJM_CURVE_TO_BE ? self->to_be_button : self->as_is_button;
  self->syncing = TRUE;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
  self->syncing = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VARIANT]);
}

static void
on_persona_button_toggled (CjmPersonaBar   *self,
                           GtkToggleButton *button)
{
  if (self->syncing || !gtk_toggle_button_get_active (button))
    return;
  set_persona (self, g_object_get_data (G_OBJECT (button), "cjm-persona-id"));
}

static void
on_variant_button_toggled (CjmPersonaBar   *self,
                           GtkToggleButton *button)
{
  if (self->syncing || !gtk_toggle_button_get_active (button))
    return;
  set_variant (self, GTK_WIDGET (button) == self->to_be_button ? CJM_CURVE_TO_BE : CJM_CURVE_AS_IS);
}

/* Context menu ------------------------------------------------------------ */

static void
popup_context_menu (CjmPersonaBar *self,
                    GtkWidget     *button,
                    double         x,
                    double         y)
{
  const char *id = g_object_get_data (G_OBJECT (button), "cjm-persona-id");
  g_autoptr(GMenuModel) menu = make_menu (id);
  graphene_point_t point;

  if (x < 0)
    {
      x = gtk_widget_get_width (button) / 2.0;
      y = gtk_widget_get_height (button);
    }
  if (!gtk_widget_compute_point (button, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &point))
    return;

  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->context_menu), menu);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu),
                               &(GdkRectangle) { (int) point.x, (int) point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
on_click_pressed (CjmPersonaBar   *self,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkGestureClick *gesture)
{
  GtkWidget *button = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_context_menu (self, button, x, y);
}

static void
on_long_press_pressed (CjmPersonaBar       *self,
                       double               x,
                       double               y,
                       GtkGestureLongPress *gesture)
{
  popup_context_menu (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)), x, y);
}

static gboolean
on_menu_shortcut (GtkWidget *button,
                  GVariant  *args,
                  gpointer   user_data)
{
  popup_context_menu (CJM_PERSONA_BAR (user_data), button, -1, -1);
  return TRUE;
}

/* Persona buttons ---------------------------------------------------------- */

static void
draw_dot (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  guint color = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "cjm-color"));
  double radius = MIN (width, height) / 2.0;

  cairo_arc (cr, width / 2.0, height / 2.0, radius - 0.5, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, ((color >> 16) & 0xff) / 255.0, ((color >> 8) & 0xff) / 255.0,
                        (color & 0xff) / 255.0);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.15);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

/* Shows a persona's name and colour on its button. */
static void
update_button (GtkWidget  *button,
               CjmPersona *persona)
{
  GtkWidget *dot = g_object_get_data (G_OBJECT (button), "cjm-dot");
  GtkWidget *label = g_object_get_data (G_OBJECT (button), "cjm-label");
  const char *name = cjm_persona_get_name (persona);

  if (name == NULL || *name == '\0')
    name = cjm_entity_get_id (CJM_ENTITY (persona));

  g_object_set_data (G_OBJECT (dot), "cjm-color",
                     GUINT_TO_POINTER (cjm_persona_get_color (persona)));
  gtk_widget_queue_draw (dot);
  gtk_label_set_text (GTK_LABEL (label), name);
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_HAS_POPUP, TRUE,
                                  -1);
}

static GtkWidget *
make_persona_button (CjmPersonaBar *self,
                     CjmPersona    *persona,
                     GtkWidget     *group)
{
  const char *id = cjm_entity_get_id (CJM_ENTITY (persona));
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *dot = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (NULL);
  GtkGesture *click, *long_press;
  GtkEventController *shortcuts;
  GtkShortcut *shortcut;

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (dot), 10);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (dot), 10);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot), draw_dot, NULL, NULL);
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);

  gtk_box_append (GTK_BOX (box), dot);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "cjm-dot", dot);
  g_object_set_data (G_OBJECT (button), "cjm-label", label);
  g_object_set_data_full (G_OBJECT (button), "cjm-persona-id", g_strdup (id), g_free);
  update_button (button, persona);
  if (group != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (group));

  g_signal_connect_object (button, "toggled", G_CALLBACK (on_persona_button_toggled),
                           self, G_CONNECT_SWAPPED);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_click_pressed),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (button, GTK_EVENT_CONTROLLER (click));

  long_press = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect_object (long_press, "pressed", G_CALLBACK (on_long_press_pressed),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (button, GTK_EVENT_CONTROLLER (long_press));

  /* The keyboard's way to the context menu. */
  shortcut = gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Shift>F10|Menu"),
                               gtk_callback_action_new (on_menu_shortcut, self, NULL));
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), shortcut);
  gtk_widget_add_controller (button, shortcuts);

  return button;
}

static void
rebuild (CjmPersonaBar *self)
{
  GPtrArray *personas = self->document != NULL ? cjm_document_get_personas (self->document) : NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean had_focus = focus != NULL && gtk_widget_is_ancestor (focus, self->persona_box);
  GtkWidget *child;
  GtkWidget *group = NULL;
  const char *keep = NULL;

  while ((child = gtk_widget_get_first_child (self->persona_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->persona_box), child);

  self->syncing = TRUE;
  for (guint i = 0; personas != NULL && i < personas->len; i++)
    {
      CjmPersona *persona = g_ptr_array_index (personas, i);
      GtkWidget *button = make_persona_button (self, persona, group);

      if (group == NULL)
        group = button;
      gtk_box_append (GTK_BOX (self->persona_box), button);
    }
  self->syncing = FALSE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "persona.delete",
                                 personas != NULL && personas->len > 1);

  if (lookup_persona (self, self->persona) != NULL)
    keep = self->persona;
  else if (personas != NULL && personas->len > 0)
    keep = cjm_entity_get_id (g_ptr_array_index (personas, 0));

  if (g_strcmp0 (keep, self->persona) != 0)
    set_persona (self, keep);
  else
    sync_picked (self);

  /* Keyboard users stay among the personas. */
  if (had_focus)
    {
      GtkWidget *button = find_button (self, self->persona);

      if (button != NULL)
        gtk_widget_grab_focus (button);
    }
}

static void
on_document_changed (CjmPersonaBar *self,
                     guint          kind,
                     CjmEntity     *entity,
                     const char    *field)
{
  GtkWidget *button;

  if (!CJM_IS_PERSONA (entity))
    return;

  /* A new name or colour changes one button; anything else, the row. */
  button = find_button (self, cjm_entity_get_id (entity));
  if (kind == CJM_CHANGE_FIELD && button != NULL)
    {
      update_button (button, CJM_PERSONA (entity));
      if (g_strcmp0 (self->persona, cjm_entity_get_id (entity)) == 0)
        sync_picked (self);
      return;
    }
  rebuild (self);
}

/* Verbs ------------------------------------------------------------------ */

static void
on_add_button_clicked (CjmPersonaBar *self)
{
  GPtrArray *personas;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  CjmPersona *persona;
  guint color = persona_colors[0];
  guint n;

  if (self->document == NULL)
    return;

  personas = cjm_document_get_personas (self->document);
  for (guint i = 0; i < personas->len; i++)
    g_hash_table_add (names, (gpointer) cjm_persona_get_name (g_ptr_array_index (personas, i)));

  for (n = personas->len + 1; ; n++)
    {
      g_free (name);
      /* Translators: the name of a new persona, numbered */
      name = g_strdup_printf (_("Persona %u"), n);
      if (!g_hash_table_contains (names, name))
        break;
    }

  color = persona_colors[personas->len % G_N_ELEMENTS (persona_colors)];
  for (guint c = 0; c < G_N_ELEMENTS (persona_colors); c++)
    {
      gboolean used = FALSE;

      for (guint i = 0; i < personas->len && !used; i++)
        used = cjm_persona_get_color (g_ptr_array_index (personas, i)) == persona_colors[c];
      if (!used)
        {
          color = persona_colors[c];
          break;
        }
    }

  id = cjm_document_new_id (self->document, "persona");
  persona = g_object_new (CJM_TYPE_PERSONA, "id", id, "name", name, "color", color, NULL);
  if (!cjm_document_add (self->document, CJM_ENTITY (persona), -1, &error))
    {
      show_error (toplevel (self), _("The persona could not be added"), error);
      return;
    }
  set_persona (self, id);
}

static void
update_rename_button (CjmPersonaBar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->rename_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "persona.rename-commit", *stripped != '\0');
}

static void
on_rename_entry_changed (CjmPersonaBar *self)
{
  gtk_widget_set_visible (self->rename_error, FALSE);
  gtk_widget_remove_css_class (self->rename_entry, "error");
  update_rename_button (self);
}

static void
rename_commit (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CjmPersonaBar *self = CJM_PERSONA_BAR (widget);
  CjmPersona *persona = lookup_persona (self, self->rename_id);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->rename_entry));
  g_autofree char *name = g_strstrip (g_strdup (text));
  g_autoptr(GError) error = NULL;

  if (persona == NULL)
    {
      gtk_popover_popdown (GTK_POPOVER (self->rename_popover));
      return;
    }
  if (*name == '\0')
    return;

  if (!cjm_document_set (self->document, CJM_ENTITY (persona), &error, "name", name, NULL))
    {
      gtk_label_set_text (GTK_LABEL (self->rename_error), error->message);
      gtk_widget_set_visible (self->rename_error, TRUE);
      gtk_widget_add_css_class (self->rename_entry, "error");
      return;
    }
  gtk_popover_popdown (GTK_POPOVER (self->rename_popover));
}

static void
on_rename_entry_activate (CjmPersonaBar *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "persona.rename-commit", NULL);
}

static void
rename_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CjmPersonaBar *self = CJM_PERSONA_BAR (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  CjmPersona *persona = lookup_persona (self, id);
  GtkWidget *button = find_button (self, id);
  graphene_rect_t bounds;
  GdkRectangle rect;
  const char *name;

  if (persona == NULL || button == NULL
      || !gtk_widget_compute_bounds (button, GTK_WIDGET (self), &bounds))
    return;

  g_free (self->rename_id);
  self->rename_id = g_strdup (id);
  name = cjm_persona_get_name (persona);
  gtk_editable_set_text (GTK_EDITABLE (self->rename_entry), name != NULL ? name : "");
  gtk_widget_set_visible (self->rename_error, FALSE);
  gtk_widget_remove_css_class (self->rename_entry, "error");
  update_rename_button (self);

  rect = (GdkRectangle) { (int) bounds.origin.x, (int) bounds.origin.y,
                          (int) bounds.size.width, (int) bounds.size.height };
  gtk_popover_set_pointing_to (GTK_POPOVER (self->rename_popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->rename_popover));
  gtk_widget_grab_focus (self->rename_entry);
  gtk_editable_select_region (GTK_EDITABLE (self->rename_entry), 0, -1);
}

static void
on_color_dialog_response (CjmPersonaBar *self,
                          int            response,
                          GtkDialog     *dialog)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "cjm-persona-id");
  CjmPersona *persona = lookup_persona (self, id);

  if (response == GTK_RESPONSE_OK && persona != NULL)
    {
      g_autoptr(GError) error = NULL;
      GdkRGBA rgba;
      guint color;

      gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (dialog), &rgba);
      color = ((guint) (CLAMP (rgba.red, 0, 1) * 255 + 0.5) << 16)
              | ((guint) (CLAMP (rgba.green, 0, 1) * 255 + 0.5) << 8)
              | (guint) (CLAMP (rgba.blue, 0, 1) * 255 + 0.5);
      if (!cjm_document_set (self->document, CJM_ENTITY (persona), &error, "color", color, NULL))
        show_error (toplevel (self), _("The colour could not be changed"), error);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
color_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CjmPersonaBar *self = CJM_PERSONA_BAR (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  CjmPersona *persona = lookup_persona (self, id);
  g_autofree char *title = NULL;
  GtkWidget *dialog;
  guint color;

  if (persona == NULL)
    return;

  /* Translators: the title of a colour chooser; %s is a persona's name */
  title = g_strdup_printf (_("Colour of %s"), cjm_persona_get_name (persona));
  dialog = gtk_color_chooser_dialog_new (title, toplevel (self));
  color = cjm_persona_get_color (persona);
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (dialog), FALSE);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (dialog),
                              &(GdkRGBA) { ((color >> 16) & 0xff) / 255.0f,
                                           ((color >> 8) & 0xff) / 255.0f,
                                           (color & 0xff) / 255.0f, 1.0f });
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "cjm-persona-id", g_strdup (id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_color_dialog_response),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CjmPersonaBar *self = CJM_PERSONA_BAR (widget);
  CjmPersona *persona = lookup_persona (self, g_variant_get_string (parameter, NULL));

  /* A map always keeps one persona: the curves need someone to belong to. */
  if (persona == NULL || cjm_document_get_personas (self->document)->len <= 1)
    return;
  cjm_document_remove (self->document, CJM_ENTITY (persona));
}

/* GObject ----------------------------------------------------------------- */

static void
cjm_persona_bar_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  CjmPersonaBar *self = CJM_PERSONA_BAR (widget);

  gtk_layout_manager_allocate (gtk_widget_get_layout_manager (widget), widget,
                               width, height, baseline);
  /* Popovers parented to a custom widget must be presented by it. */
  if (gtk_widget_get_visible (self->context_menu))
    gtk_popover_present (GTK_POPOVER (self->context_menu));
  if (gtk_widget_get_visible (self->rename_popover))
    gtk_popover_present (GTK_POPOVER (self->rename_popover));
}

static void
cjm_persona_bar_dispose (GObject *object)
{
  CjmPersonaBar *self = CJM_PERSONA_BAR (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->context_menu = NULL;
  self->rename_popover = NULL;
  g_clear_object (&self->document_signals);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (cjm_persona_bar_parent_class)->dispose (object);
}

static void
cjm_persona_bar_finalize (GObject *object)
{
  CjmPersonaBar *self = CJM_PERSONA_BAR (object);

  g_free (self->persona);
  g_free (self->rename_id);

  G_OBJECT_CLASS (cjm_persona_bar_parent_class)->finalize (object);
}

static void
cjm_persona_bar_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CjmPersonaBar *self = CJM_PERSONA_BAR (object);

  switch (prop_id)
    {
    case PROP_PERSONA:
      g_value_set_string (value, self->persona);
      break;
    case PROP_VARIANT:
      g_value_set_enum (value, self->variant);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cjm_persona_bar_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CjmPersonaBar *self = CJM_PERSONA_BAR (object);

  switch (prop_id)
    {
    case PROP_PERSONA:
      set_persona (self, g_value_get_string (value));
      break;
    case PROP_VARIANT:
      set_variant (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cjm_persona_bar_class_init (CjmPersonaBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cjm_persona_bar_dispose;
  object_class->finalize = cjm_persona_bar_finalize;
  object_class->get_property = cjm_persona_bar_get_property;
  object_class->set_property = cjm_persona_bar_set_property;
  widget_class->size_allocate = cjm_persona_bar_size_allocate;

  /**
   * CjmPersonaBar:persona:
   *
   * The id of the persona whose emotion curve is shown.
   */
  properties[PROP_PERSONA] =
    g_param_spec_string ("persona", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CjmPersonaBar:variant:
   *
   * Whether the curve as it is or as it should become is shown.
   */
  properties[PROP_VARIANT] =
    g_param_spec_enum ("variant", NULL, NULL, CJM_TYPE_CURVE_VARIANT, CJM_CURVE_AS_IS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "persona.rename", "s", rename_activated);
  gtk_widget_class_install_action (widget_class, "persona.color", "s", color_activated);
  gtk_widget_class_install_action (widget_class, "persona.delete", "s", delete_activated);
  gtk_widget_class_install_action (widget_class, "persona.rename-commit", NULL, rename_commit);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "personabar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TOOLBAR);
}

static GtkWidget *
make_rename_popover (CjmPersonaBar *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Name"));
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Rename"));

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");

  self->rename_entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (self->rename_entry), FALSE);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->rename_entry), 24);
  gtk_widget_set_hexpand (self->rename_entry, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->rename_entry);
  g_signal_connect_object (self->rename_entry, "changed", G_CALLBACK (on_rename_entry_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->rename_entry, "activate", G_CALLBACK (on_rename_entry_activate),
                           self, G_CONNECT_SWAPPED);

  gtk_widget_add_css_class (button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "persona.rename-commit");

  self->rename_error = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->rename_error), 0);
  gtk_label_set_wrap (GTK_LABEL (self->rename_error), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->rename_error), 30);
  gtk_widget_add_css_class (self->rename_error, "error");
  gtk_widget_add_css_class (self->rename_error, "caption");
  gtk_widget_set_visible (self->rename_error, FALSE);

  gtk_box_append (GTK_BOX (row), self->rename_entry);
  gtk_box_append (GTK_BOX (row), button);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), row);
  gtk_box_append (GTK_BOX (box), self->rename_error);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  return popover;
}

static void
cjm_persona_bar_init (CjmPersonaBar *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkWidget *spacer;

  self->document_signals = g_signal_group_new (CJM_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "changed",
                                 G_CALLBACK (on_document_changed), self, G_CONNECT_SWAPPED);

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self), "toolbar");
  self->variant = CJM_CURVE_AS_IS;

  self->title = gtk_label_new (_("Personas"));
  gtk_widget_add_css_class (self->title, "heading");
  gtk_widget_add_css_class (self->title, "dim-label");
  gtk_widget_set_margin_start (self->title, 6);
  gtk_widget_set_margin_end (self->title, 6);
  gtk_widget_set_parent (self->title, GTK_WIDGET (self));

  self->persona_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->persona_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Personas"), -1);
  gtk_widget_set_parent (self->persona_box, GTK_WIDGET (self));

  self->add_button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_add_css_class (self->add_button, "flat");
  gtk_widget_set_tooltip_text (self->add_button, _("Add Persona"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add Persona"), -1);
  g_signal_connect_object (self->add_button, "clicked", G_CALLBACK (on_add_button_clicked),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_set_parent (self->add_button, GTK_WIDGET (self));

  self->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->menu_button), "view-more-symbolic");
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (self->menu_button), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Persona Options"), -1);
  gtk_widget_set_sensitive (self->menu_button, FALSE);
  gtk_widget_set_parent (self->menu_button, GTK_WIDGET (self));

  spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_widget_set_parent (spacer, GTK_WIDGET (self));

  self->variant_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->variant_box, "linked");
  gtk_widget_set_valign (self->variant_box, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->variant_box, _("Which emotion curve to show"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->variant_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Emotion curve"), -1);
  self->as_is_button = gtk_toggle_button_new_with_label (cjm_enum_to_label (CJM_TYPE_CURVE_VARIANT,
                                                                            CJM_CURVE_AS_IS));
  self->to_be_button = gtk_toggle_button_new_with_label (cjm_enum_to_label (CJM_TYPE_CURVE_VARIANT,
                                                                            CJM_CURVE_TO_BE));
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (self->to_be_button),
                               GTK_TOGGLE_BUTTON (self->as_is_button));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->as_is_button), TRUE);
  g_signal_connect_object (self->as_is_button, "toggled", G_CALLBACK (on_variant_button_toggled),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_be_button, "toggled", G_CALLBACK (on_variant_button_toggled),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->variant_box), self->as_is_button);
  gtk_box_append (GTK_BOX (self->variant_box), self->to_be_button);
  gtk_widget_set_parent (self->variant_box, GTK_WIDGET (self));

  self->context_menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));

  self->rename_popover = make_rename_popover (self);
  gtk_widget_set_parent (self->rename_popover, GTK_WIDGET (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "persona.delete", FALSE);
}

GtkWidget *
cjm_persona_bar_new (void)
{
  return g_object_new (CJM_TYPE_PERSONA_BAR, NULL);
}

void
cjm_persona_bar_set_document (CjmPersonaBar *self,
                              CjmDocument   *document)
{
  g_return_if_fail (CJM_IS_PERSONA_BAR (self));
  g_return_if_fail (document == NULL || CJM_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  g_set_object (&self->document, document);
  g_signal_group_set_target (self->document_signals, document);
  rebuild (self);
}

const char *
cjm_persona_bar_get_persona (CjmPersonaBar *self)
{
  g_return_val_if_fail (CJM_IS_PERSONA_BAR (self), NULL);

  return self->persona;
}

CjmCurveVariant
cjm_persona_bar_get_variant (CjmPersonaBar *self)
{
  g_return_val_if_fail (CJM_IS_PERSONA_BAR (self), CJM_CURVE_AS_IS);

  return self->variant;
}
