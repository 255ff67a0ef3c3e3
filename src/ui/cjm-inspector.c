/* cjm-inspector.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cjm-inspector.h"

/* A form for the selected entity, built from its class's field table, so a
 * field added to the model shows up here without code of its own.
 *
 * Each field gets an Editor: its widgets, how to show the model's value
 * (sync) and, for choices among other entities, how to refresh the list
 * (choices). Every edit goes through a document verb. When the document
 * reports a change, only the editors of that field are updated, and only
 * when their value differs; the editor's handlers are held off meanwhile
 * (Editor.syncing), and the editor that made the change is left alone
 * (CjmInspector.committing), so typing is never interrupted by its own
 * echo. The form is rebuilt only when another entity becomes the primary
 * selection.
 *
 * Editors are reference counted: every signal connection holds one, so a
 * widget that outlives the form (a dropdown popup closing late) finds a
 * dead editor instead of freed memory. */

typedef struct _Editor Editor;

struct _CjmInspector
{
  GtkWidget     parent_instance;

  GtkWidget    *scroller;
  GtkWidget    *form;
  GtkWidget    *heading;
  GtkWidget    *subtitle;

  CjmSelection *selection;
  CjmDocument  *document;
  GSignalGroup *selection_signals;
  GSignalGroup *document_signals;
  CjmEntity    *entity;
  GPtrArray    *editors;
  Editor       *committing;
  guint         choices_id;
  guint         rebuild_id;
};

G_DEFINE_FINAL_TYPE (CjmInspector, cjm_inspector, GTK_TYPE_WIDGET)

struct _Editor
{
  CjmInspector    *self;       /* not a reference: the inspector owns the editor */
  const CjmField  *field;
  GtkWidget       *row;
  GtkWidget       *error;
  GtkWidget       *widget;     /* the main input */
  GtkWidget       *toggle;     /* "Unknown" or "None" beside an optional value */
  GtkWidget       *box;        /* holds the parts of a composite editor */
  GtkWidget       *summary;
  GtkStringList   *keys;       /* the choices of a dropdown or a multiple choice */
  GtkFilter       *filter;
  char            *search;
  GHashTable      *chosen;     /* ids ticked in a multiple choice */
  GPtrArray       *parts;      /* check buttons, or the rows of a list editor */
  int              lo;         /* the range a scale editor was built for */
  int              hi;
  gboolean         syncing;
  gboolean         dead;

  void           (*sync)       (Editor     *e);
  void           (*choices)    (Editor     *e);
  void           (*flush)      (Editor     *e);
  char          *(*key_label)  (Editor     *e,
                                const char *key);
  GIcon         *(*key_icon)   (Editor     *e,
                                const char *key);
  void           (*key_chosen) (Editor     *e,
                                const char *key);
};

#define EDITOR_HELD(e) ((e)->dead || (e)->syncing)

static void rebuild (CjmInspector *self);

/* Editors ----------------------------------------------------------------- */

static void
editor_clear (gpointer data)
{
  Editor *e = data;

  g_clear_object (&e->keys);
  g_clear_object (&e->filter);
  g_clear_pointer (&e->search, g_free);
  g_clear_pointer (&e->chosen, g_hash_table_unref);
  g_clear_pointer (&e->parts, g_ptr_array_unref);
}

static Editor *
editor_ref (Editor *e)
{
  return g_rc_box_acquire (e);
}

static void
editor_unref (gpointer data)
{
  g_rc_box_release_full (data, editor_clear);
}

static void
editor_closure_notify (gpointer  data,
                       GClosure *closure)
{
  editor_unref (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Editor, editor_unref)

static void
editor_connect (Editor     *e,
                gpointer    instance,
                const char *signal,
                GCallback   callback)
{
  g_signal_connect_data (instance, signal, callback, editor_ref (e), editor_closure_notify,
                         G_CONNECT_SWAPPED);
}

static void
editor_value (Editor *e,
              GValue *value)
{
  GObject *entity = G_OBJECT (e->self->entity);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (entity), e->field->name);

  g_value_init (value, pspec->value_type);
  g_object_get_property (entity, e->field->name, value);
}

static void
editor_show_error (Editor     *e,
                   const char *message)
{
  if (e->dead || e->error == NULL)
    return;

  gtk_label_set_text (GTK_LABEL (e->error), message != NULL ? message : "");
  gtk_widget_set_visible (e->error, message != NULL);
  if (e->widget != NULL)
    {
      if (message != NULL)
        gtk_widget_add_css_class (e->widget, "error");
      else
        gtk_widget_remove_css_class (e->widget, "error");
    }
}

static void
editor_sync (Editor *e)
{
  if (e->dead || e->sync == NULL)
    return;
  e->sync (e);
}

/* The verbs ---------------------------------------------------------------- */

static gboolean
commit_value (Editor       *e,
              const GValue *value)
{
  CjmInspector *self = e->self;
  g_autoptr(Editor) hold = editor_ref (e);
  g_autoptr(CjmEntity) entity = g_object_ref (self->entity);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  self->committing = e;
  ok = cjm_document_set_value (self->document, entity, e->field->name, value, &error);
  self->committing = NULL;
  editor_show_error (e, ok ? NULL : error->message);
  return ok;
}

static gboolean
commit_text (Editor     *e,
             const char *text)
{
  CjmInspector *self = e->self;
  g_autoptr(Editor) hold = editor_ref (e);
  g_autoptr(CjmEntity) entity = g_object_ref (self->entity);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  self->committing = e;
  ok = cjm_document_edit_text (self->document, entity, e->field->name, text, &error);
  self->committing = NULL;
  editor_show_error (e, ok ? NULL : error->message);
  return ok;
}

/* Lists are immutable once stored, so each change stores a new array. */
static gboolean
commit_list (Editor    *e,
             GPtrArray *list)
{
  CjmInspector *self = e->self;
  g_autoptr(Editor) hold = editor_ref (e);
  g_autoptr(CjmEntity) entity = g_object_ref (self->entity);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  self->committing = e;
  ok = cjm_document_set (self->document, entity, &error, e->field->name, list, NULL);
  self->committing = NULL;
  editor_show_error (e, ok ? NULL : error->message);
  return ok;
}

static void
commit_int (Editor *e,
            int     value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_INT);
  g_value_set_int (&v, value);
  commit_value (e, &v);
}

/* Names ------------------------------------------------------------------- */

static const char *
field_label (CjmEntity  *entity,
             const char *name)
{
  static const struct { const char *name; const char *label; } labels[] = {
    { "title", N_("Title") },
    { "description", N_("Description") },
    { "channel", N_("Channel") },
    { "emotion", N_("Emotion") },
    { "importance", N_("Importance") },
    { "managed", N_("Managed by the organisation") },
    { "personas", N_("Personas") },
    { "metrics", N_("Metrics") },
    { "evidence", N_("Evidence") },
    { "evidence-source", N_("Source") },
    { "phase", N_("Phase") },
    { "lane", N_("Lane") },
    { "color", N_("Colour") },
    { "touchpoints", N_("Touchpoints") },
    { "text", N_("Text") },
    { "irritations", N_("Irritations") },
    { "wait-minutes", N_("Wait (minutes)") },
    { "note", N_("Note") },
    { "persona", N_("Persona") },
    { "variant", N_("Variant") },
    { "points", N_("Points") },
    { "priority", N_("Priority") },
    { "status", N_("Status") },
    { "due", N_("Due date") },
    { "addresses", N_("Addresses") },
    { "width", N_("Width") },
    { "height", N_("Height") },
    { "kind", N_("Kind") },
    { "name", N_("Name") },
    { "goal", N_("Goal") },
    { "goals", N_("Goals") },
    { "author", N_("Author") },
    { "created", N_("Created") },
    { "modified", N_("Modified") },
    { "review-due", N_("Review due") },
    { "language", N_("Language") },
    { "scale-min", N_("Lowest") },
    { "scale-max", N_("Highest") },
    { "scale-labels", N_("Scale labels") },
    { "group", N_("Group") },
    { "from", N_("From") },
    { "to", N_("To") },
  };

  if (strcmp (name, "owner") == 0)
    return CJM_IS_TOUCHPOINT (entity) ? _("Owner (department)") : _("Owner");
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (strcmp (labels[i].name, name) == 0)
      return _(labels[i].label);
  return name;
}

static const char *
kind_label (CjmEntity *entity)
{
  if (CJM_IS_TOUCHPOINT (entity))
    return _("Touchpoint");
  if (CJM_IS_CARD (entity))
    return _("Card");
  if (CJM_IS_PHASE (entity))
    return _("Phase");
  if (CJM_IS_LANE (entity))
    return _("Lane");
  if (CJM_IS_PERSONA (entity))
    return _("Persona");
  if (CJM_IS_CHANNEL (entity))
    return _("Channel");
  if (CJM_IS_TRANSITION (entity))
    return _("Transition");
  if (CJM_IS_CURVE (entity))
    return _("Emotion Curve");
  if (CJM_IS_ACTION (entity))
    return _("Action");
  return _("Map");
}

static char *
entity_title (CjmEntity *entity)
{
  const char *text = NULL;

  if (entity == NULL)
    return g_strdup ("");
  if (CJM_IS_TOUCHPOINT (entity))
    text = cjm_touchpoint_get_title (CJM_TOUCHPOINT (entity));
  else if (CJM_IS_CARD (entity))
    {
      const char *card = cjm_card_get_text (CJM_CARD (entity));
      const char *end = card != NULL ? strchr (card, '\n') : NULL;

      if (end != NULL)
        return g_strndup (card, end - card);
      text = card;
    }
  else if (CJM_IS_PHASE (entity))
    text = cjm_phase_get_name (CJM_PHASE (entity));
  else if (CJM_IS_LANE (entity))
    text = cjm_lane_get_name (CJM_LANE (entity));
  else if (CJM_IS_PERSONA (entity))
    text = cjm_persona_get_name (CJM_PERSONA (entity));
  else if (CJM_IS_CHANNEL (entity))
    text = cjm_channel_get_name (CJM_CHANNEL (entity));
  else if (CJM_IS_ACTION (entity))
    text = cjm_action_get_title (CJM_ACTION (entity));

  if (text == NULL || *text == '\0')
    return g_strdup (cjm_entity_get_id (entity));
  return g_strdup (text);
}

static GIcon *
channel_icon (const char *keyword,
              CjmChannel *channel)
{
  const CjmChannelInfo *info = cjm_channel_info_lookup (keyword);
  const char *names[2] = { NULL, NULL };
  guint n = 0;

  if (info != NULL)
    names[n++] = info->icon_name;
  if (info == NULL && channel != NULL)
    {
      switch (cjm_channel_get_group (channel))
        {
        case CJM_CHANNEL_GROUP_DIGITAL:
          names[n++] = "computer-symbolic";
          break;
        case CJM_CHANNEL_GROUP_PHYSICAL:
          names[n++] = "find-location-symbolic";
          break;
        case CJM_CHANNEL_GROUP_TELEPHONE:
          names[n++] = "call-start-symbolic";
          break;
        case CJM_CHANNEL_GROUP_OTHER:
        default:
          break;
        }
    }
  if (n < 2)
    names[n++] = "mark-location-symbolic";
  return g_themed_icon_new_from_names ((char **) names, (int) n);
}

static guint
rgba_to_color (const GdkRGBA *rgba)
{
  return ((guint) (CLAMP (rgba->red, 0, 1) * 255 + 0.5) << 16)
         | ((guint) (CLAMP (rgba->green, 0, 1) * 255 + 0.5) << 8)
         | (guint) (CLAMP (rgba->blue, 0, 1) * 255 + 0.5);
}

static GdkRGBA
color_to_rgba (guint color)
{
  return (GdkRGBA) { ((color >> 16) & 0xff) / 255.0f, ((color >> 8) & 0xff) / 255.0f,
                     (color & 0xff) / 255.0f, 1.0f };
}

/* Labels in check buttons and dropdowns must not widen the form. */
static void
ellipsize_check_label (GtkWidget *check)
{
  for (GtkWidget *child = gtk_widget_get_first_child (check);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child))
      {
        gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
        gtk_label_set_xalign (GTK_LABEL (child), 0);
        gtk_widget_set_hexpand (child, TRUE);
      }
}

/* Text: entries and text views ---------------------------------------------- */

static void
on_entry_changed (Editor      *e,
                  GtkEditable *editable)
{
  if (EDITOR_HELD (e))
    return;
  commit_text (e, gtk_editable_get_text (editable));
}

static void
sync_entry (Editor *e)
{
  g_auto(GValue) value = G_VALUE_INIT;
  const char *text;

  editor_value (e, &value);
  text = g_value_get_string (&value) != NULL ? g_value_get_string (&value) : "";
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (e->widget)), text) != 0)
    {
      e->syncing = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (e->widget), text);
      e->syncing = FALSE;
    }
  editor_show_error (e, NULL);
}

static GtkWidget *
make_entry (Editor *e)
{
  GtkWidget *entry = gtk_entry_new ();

  /* Undo belongs to the document, so Ctrl+Z undoes the same steps everywhere. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (entry), FALSE);
  gtk_widget_set_hexpand (entry, TRUE);
  e->widget = entry;
  e->sync = sync_entry;
  editor_connect (e, entry, "changed", G_CALLBACK (on_entry_changed));
  return entry;
}

static void
on_date_entry_changed (Editor      *e,
                       GtkEditable *editable)
{
  const char *text = gtk_editable_get_text (editable);
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (EDITOR_HELD (e))
    return;

  if (*stripped == '\0' || cjm_date_is_valid (stripped))
    commit_text (e, stripped);
  else
    editor_show_error (e, _("Enter a date as YYYY-MM-DD, for example 2026-09-01."));
}

static GtkWidget *
make_date_entry (Editor *e)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_enable_undo (GTK_EDITABLE (entry), FALSE);
  /* Translators: the form of a date the user types */
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("YYYY-MM-DD"));
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 12);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_widget_add_css_class (entry, "numeric");
  e->widget = entry;
  e->sync = sync_entry;
  editor_connect (e, entry, "changed", G_CALLBACK (on_date_entry_changed));
  return entry;
}

static void
on_text_buffer_changed (Editor        *e,
                        GtkTextBuffer *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (EDITOR_HELD (e))
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  commit_text (e, text);
}

static void
sync_text_view (Editor *e)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (e->widget));
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *current = NULL;
  GtkTextIter start, end;
  const char *text;

  editor_value (e, &value);
  text = g_value_get_string (&value) != NULL ? g_value_get_string (&value) : "";
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  current = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (current, text) != 0)
    {
      e->syncing = TRUE;
      gtk_text_buffer_set_text (buffer, text, -1);
      e->syncing = FALSE;
    }
  editor_show_error (e, NULL);
}

static GtkWidget *
make_text_view (Editor *e,
                int     min_height)
{
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), min_height);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_frame_set_child (GTK_FRAME (frame), scroller);

  e->widget = view;
  e->sync = sync_text_view;
  editor_connect (e, buffer, "changed", G_CALLBACK (on_text_buffer_changed));
  return frame;
}

/* Dropdowns whose items are keys (ids, numbers) shown by name ------------------ */

static void
on_key_factory_setup (Editor                   *e,
                      GtkListItem              *item,
                      GtkSignalListItemFactory *factory)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *image = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_visible (image, FALSE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 8);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

static void
on_key_factory_bind (Editor                   *e,
                     GtkListItem              *item,
                     GtkSignalListItemFactory *factory)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *image = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_last_child (box);
  const char *key = gtk_string_object_get_string (gtk_list_item_get_item (item));
  g_autofree char *text = NULL;
  g_autoptr(GIcon) icon = NULL;

  if (e->dead)
    return;
  text = e->key_label (e, key);
  icon = e->key_icon != NULL ? e->key_icon (e, key) : NULL;
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_image_set_from_gicon (GTK_IMAGE (image), icon);
  gtk_widget_set_visible (image, icon != NULL);
}

static char *
key_search_text (GtkStringObject *item,
                 Editor          *e)
{
  if (e->dead || item == NULL)
    return g_strdup ("");
  return e->key_label (e, gtk_string_object_get_string (item));
}

static void
on_key_drop_down_selected (Editor      *e,
                           GParamSpec  *pspec,
                           GtkDropDown *drop_down)
{
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (EDITOR_HELD (e) || selected == GTK_INVALID_LIST_POSITION)
    return;
  e->key_chosen (e, gtk_string_list_get_string (e->keys, selected));
}

static GtkWidget *
make_key_drop_down (Editor   *e,
                    gboolean  search)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *drop_down;

  e->keys = gtk_string_list_new (NULL);
  editor_connect (e, factory, "setup", G_CALLBACK (on_key_factory_setup));
  editor_connect (e, factory, "bind", G_CALLBACK (on_key_factory_bind));

  drop_down = gtk_drop_down_new (g_object_ref (G_LIST_MODEL (e->keys)), NULL);
  gtk_drop_down_set_factory (GTK_DROP_DOWN (drop_down), factory);
  g_object_unref (factory);
  if (search)
    {
      GtkExpression *expression;

      expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                G_CALLBACK (key_search_text),
                                                editor_ref (e), editor_closure_notify);
      gtk_drop_down_set_expression (GTK_DROP_DOWN (drop_down), expression);
      gtk_expression_unref (expression);
      gtk_drop_down_set_enable_search (GTK_DROP_DOWN (drop_down), TRUE);
    }
  gtk_widget_set_hexpand (drop_down, TRUE);
  editor_connect (e, drop_down, "notify::selected", G_CALLBACK (on_key_drop_down_selected));
  e->widget = drop_down;
  return drop_down;
}

static void
splice_keys (Editor    *e,
             GPtrArray *keys)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (e->keys));

  e->syncing = TRUE;
  g_ptr_array_add (keys, NULL);
  gtk_string_list_splice (e->keys, 0, n, (const char * const *) keys->pdata);
  g_ptr_array_remove_index (keys, keys->len - 1);
  e->syncing = FALSE;
}

/* Names shown for the keys may have changed: have the rows bound again. */
static void
rebind_keys (Editor *e)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (e->keys));
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (keys, g_strdup (gtk_string_list_get_string (e->keys, i)));
  splice_keys (e, keys);
}

/* Returns whether the rows were bound again. */
static gboolean
set_keys (Editor    *e,
          GPtrArray *keys)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (e->keys));
  gboolean same = n == keys->len;

  for (guint i = 0; same && i < n; i++)
    same = strcmp (gtk_string_list_get_string (e->keys, i), g_ptr_array_index (keys, i)) == 0;

  if (!same)
    splice_keys (e, keys);
  else if (e->widget != NULL && GTK_IS_DROP_DOWN (e->widget))
    rebind_keys (e);
  else
    return FALSE;
  return TRUE;
}

static void
select_key (Editor     *e,
            const char *key)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (e->keys));
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (e->keys, i), key != NULL ? key : "") == 0)
      {
        position = i;
        break;
      }

  if (gtk_drop_down_get_selected (GTK_DROP_DOWN (e->widget)) != position)
    {
      e->syncing = TRUE;
      gtk_drop_down_set_selected (GTK_DROP_DOWN (e->widget), position);
      e->syncing = FALSE;
    }
}

/* A reference to another entity, by name. */

static char *
ref_label (Editor     *e,
           const char *key)
{
  if (*key == '\0')
    return g_strdup (_("None"));
  return entity_title (cjm_document_lookup (e->self->document, key));
}

static void
ref_chosen (Editor     *e,
            const char *key)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, *key != '\0' ? key : NULL);
  commit_value (e, &value);
}

static void
sync_ref (Editor *e)
{
  g_auto(GValue) value = G_VALUE_INIT;

  editor_value (e, &value);
  select_key (e, g_value_get_string (&value));
  editor_show_error (e, NULL);
}

static void
ref_choices (Editor *e)
{
  CjmDocument *document = e->self->document;
  GType type = e->field->value_type ();
  GPtrArray *list = cjm_document_get_list (document, type);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  gboolean placing = (CJM_IS_TOUCHPOINT (e->self->entity) || CJM_IS_CARD (e->self->entity))
                     && type == CJM_TYPE_LANE;

  if (!(e->field->flags & CJM_FIELD_REQUIRED))
    g_ptr_array_add (keys, (gpointer) "");
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      CjmEntity *entity = g_ptr_array_index (list, i);

      /* Only lanes the item may move to. */
      if (placing && !cjm_document_can_place (document, G_OBJECT_TYPE (e->self->entity),
                                              cjm_entity_get_id (entity)))
        continue;
      g_ptr_array_add (keys, (gpointer) cjm_entity_get_id (entity));
    }
  set_keys (e, keys);
  sync_ref (e);
}

static GtkWidget *
make_ref (Editor *e)
{
  GtkWidget *drop_down = make_key_drop_down (e, e->field->value_type () == CJM_TYPE_TOUCHPOINT);

  e->key_label = ref_label;
  e->key_chosen = ref_chosen;
  e->sync = sync_ref;
  e->choices = ref_choices;
  ref_choices (e);
  return drop_down;
}

/* A touchpoint's channel: the fixed ones by group, then the map's own. */

static char *
channel_label (Editor     *e,
               const char *key)
{
  const CjmChannelInfo *info = cjm_channel_info_lookup (key);

  if (*key == '\0')
    return g_strdup (_("None"));
  if (info != NULL)
    return g_strdup (_(info->label));
  return ref_label (e, key);
}

static GIcon *
channel_key_icon (Editor     *e,
                  const char *key)
{
  CjmEntity *channel;

  if (*key == '\0')
    return NULL;
  channel = cjm_document_lookup (e->self->document, key);
  return channel_icon (key, CJM_IS_CHANNEL (channel) ? CJM_CHANNEL (channel) : NULL);
}

static void
channel_choices (Editor *e)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GPtrArray *channels = cjm_document_get_channels (e->self->document);
  const CjmChannelInfo *infos;
  guint n_infos;

  g_ptr_array_add (keys, (gpointer) "");
  infos = cjm_channel_info_list (&n_infos);
  for (guint group = CJM_CHANNEL_GROUP_DIGITAL; group <= CJM_CHANNEL_GROUP_OTHER; group++)
    for (guint i = 0; i < n_infos; i++)
      if (infos[i].group == group)
        g_ptr_array_add (keys, (gpointer) infos[i].keyword);
  for (guint i = 0; i < channels->len; i++)
    g_ptr_array_add (keys, (gpointer) cjm_entity_get_id (g_ptr_array_index (channels, i)));
  set_keys (e, keys);
  sync_ref (e);
}

static GtkWidget *
make_channel (Editor *e)
{
  GtkWidget *drop_down = make_key_drop_down (e, FALSE);

  e->key_label = channel_label;
  e->key_icon = channel_key_icon;
  e->key_chosen = ref_chosen;
  e->sync = sync_ref;
  e->choices = channel_choices;
  channel_choices (e);
  return drop_down;
}

/* Enums, by their translated names. */

static char *
enum_label (Editor     *e,
            const char *key)
{
  return g_strdup (cjm_enum_to_label (e->field->value_type (), atoi (key)));
}

static void
enum_chosen (Editor     *e,
             const char *key)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, e->field->value_type ());
  g_value_set_enum (&value, atoi (key));
  commit_value (e, &value);
}

static void
sync_enum (Editor *e)
{
  g_auto(GValue) value = G_VALUE_INIT;
  char key[16];

  editor_value (e, &value);
  g_snprintf (key, sizeof key, "%d", g_value_get_enum (&value));
  select_key (e, key);
  editor_show_error (e, NULL);
}

static GtkWidget *
make_enum (Editor *e)
{
  GtkWidget *drop_down = make_key_drop_down (e, FALSE);
  g_autoptr(GEnumClass) klass = g_type_class_ref (e->field->value_type ());
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  e->key_label = enum_label;
  e->key_chosen = enum_chosen;
  e->sync = sync_enum;
  for (guint i = 0; i < klass->n_values; i++)
    g_ptr_array_add (keys, g_strdup_printf ("%d", klass->values[i].value));
  set_keys (e, keys);
  return drop_down;
}

/* A touchpoint's emotion, on the map's scale, with the scale's words. */

static char *
emotion_label (Editor     *e,
               const char *key)
{
  GPtrArray *labels = cjm_map_get_scale_labels (cjm_document_get_map (e->self->document));
  int value;

  if (*key == '\0')
    return g_strdup (_("Not rated"));
  value = atoi (key);
  for (guint i = 0; labels != NULL && i < labels->len; i++)
    {
      const CjmScaleLabel *label = g_ptr_array_index (labels, i);

      if (label->value == value && label->text != NULL && *label->text != '\0')
        /* Translators: a rating and what it means, as in "−1  Negative" */
        return g_strdup_printf (_("%s  %s"), key, label->text);
    }
  return g_strdup (key);
}

static void
emotion_chosen (Editor     *e,
                const char *key)
{
  commit_int (e, *key != '\0' ? atoi (key) : CJM_UNSET_INT);
}

static void
sync_emotion (Editor *e)
{
  g_auto(GValue) value = G_VALUE_INIT;
  char key[16] = "";

  editor_value (e, &value);
  if (g_value_get_int (&value) != CJM_UNSET_INT)
    g_snprintf (key, sizeof key, "%d", g_value_get_int (&value));
  select_key (e, key);
  editor_show_error (e, NULL);
}

static void
emotion_choices (Editor *e)
{
  CjmMap *map = cjm_document_get_map (e->self->document);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (keys, g_strdup (""));
  for (int v = cjm_map_get_scale_min (map); v <= cjm_map_get_scale_max (map); v++)
    g_ptr_array_add (keys, g_strdup_printf ("%d", v));
  set_keys (e, keys);
  sync_emotion (e);
}

static GtkWidget *
make_emotion (Editor *e)
{
  GtkWidget *drop_down = make_key_drop_down (e, FALSE);

  e->key_label = emotion_label;
  e->key_chosen = emotion_chosen;
  e->sync = sync_emotion;
  e->choices = emotion_choices;
  emotion_choices (e);
  return drop_down;
}

/* Numbers ------------------------------------------------------------------ */

static void
on_int_spin_value_changed (Editor        *e,
                           GtkSpinButton *spin)
{
  if (EDITOR_HELD (e))
    return;
  if (e->toggle != NULL && gtk_check_button_get_active (GTK_CHECK_BUTTON (e->toggle)))
    return;
  commit_int (e, gtk_spin_button_get_value_as_int (spin));
}

static void
on_int_unknown_toggled (Editor         *e,
                        GtkCheckButton *check)
{
  gboolean unknown = gtk_check_button_get_active (check);

  if (EDITOR_HELD (e))
    return;
  gtk_widget_set_sensitive (e->widget, !unknown);
  commit_int (e, unknown ? CJM_UNSET_INT
                         : gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (e->widget)));
}

static void
sync_int (Editor *e)
{
  g_auto(GValue) value = G_VALUE_INIT;
  int v;

  editor_value (e, &value);
  v = g_value_get_int (&value);
  e->syncing = TRUE;
  if (e->toggle != NULL)
    {
      gtk_check_button_set_active (GTK_CHECK_BUTTON (e->toggle), v == CJM_UNSET_INT);
      gtk_widget_set_sensitive (e->widget, v != CJM_UNSET_INT);
    }
  if (v != CJM_UNSET_INT && gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (e->widget)) != v)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (e->widget), v);
  e->syncing = FALSE;
  editor_show_error (e, NULL);
}

static GtkWidget *
make_int (Editor *e)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (e->field->min, e->field->max, 1);
  GtkWidget *box;

  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 6);
  gtk_widget_set_hexpand (spin, TRUE);
  gtk_widget_add_css_class (spin, "numeric");
  e->widget = spin;
  e->sync = sync_int;
  editor_connect (e, spin, "value-changed", G_CALLBACK (on_int_spin_value_changed));
  if (!(e->field->flags & CJM_FIELD_OPTIONAL))
    return spin;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  /* Translators: beside a number that may be left unset */
  e->toggle = gtk_check_button_new_with_mnemonic (_("_Unknown"));
  editor_connect (e, e->toggle, "toggled", G_CALLBACK (on_int_unknown_toggled));
  gtk_box_append (GTK_BOX (box), spin);
  gtk_box_append (GTK_BOX (box), e->toggle);
  return box;
}

static void
on_double_spin_value_changed (Editor        *e,
                              GtkSpinButton *spin)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (EDITOR_HELD (e))
    return;
  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, gtk_spin_button_get_value (spin));
  commit_value (e, &value);
}

static void
sync_double (Editor *e)
{
  g_auto(GValue) value = G_VALUE_INIT;

  editor_value (e, &value);
  if (gtk_spin_button_get_value (GTK_SPIN_BUTTON (e->widget)) != g_value_get_double (&value))
    {
      e->syncing = TRUE;
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (e->widget), g_value_get_double (&value));
      e->syncing = FALSE;
    }
  editor_show_error (e, NULL);
}

static GtkWidget *
make_double (Editor *e)
{
  gboolean large = e->field->max - e->field->min > 100;
  GtkWidget *spin = gtk_spin_button_new_with_range (e->field->min, e->field->max, large ? 10 : 0.1);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), large ? 0 : 2);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 6);
  gtk_widget_set_hexpand (spin, TRUE);
  gtk_widget_add_css_class (spin, "numeric");
  e->widget = spin;
  e->sync = sync_double;
  editor_connect (e, spin, "value-changed", G_CALLBACK (on_double_spin_value_changed));
  return spin;
}

/* Switches, flags and colours ----------------------------------------------- */

static void
on_switch_active (Editor     *e,
                  GParamSpec *pspec,
                  GtkSwitch  *widget)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (EDITOR_HELD (e))
    return;
  g_value_init (&value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&value, gtk_switch_get_active (widget));
  commit_value (e, &value);
}

static void
sync_switch (Editor *e)
{
  g_auto(GValue) value = G_VALUE_INIT;

  editor_value (e, &value);
  if (gtk_switch_get_active (GTK_SWITCH (e->widget)) != g_value_get_boolean (&value))
    {
      e->syncing = TRUE;
      gtk_switch_set_active (GTK_SWITCH (e->widget), g_value_get_boolean (&value));
      e->syncing = FALSE;
    }
  editor_show_error (e, NULL);
}

static void
on_flag_toggled (Editor         *e,
                 GtkCheckButton *check)
{
  g_auto(GValue) value = G_VALUE_INIT;
  guint flags = 0;

  if (EDITOR_HELD (e))
    return;
  for (guint i = 0; i < e->parts->len; i++)
    {
      GtkWidget *part = g_ptr_array_index (e->parts, i);

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (part)))
        flags |= GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (part), "cjm-flag"));
    }
  g_value_init (&value, e->field->value_type ());
  g_value_set_flags (&value, flags);
  commit_value (e, &value);
}

static void
sync_flags (Editor *e)
{
  g_auto(GValue) value = G_VALUE_INIT;
  guint flags;

  editor_value (e, &value);
  flags = g_value_get_flags (&value);
  e->syncing = TRUE;
  for (guint i = 0; i < e->parts->len; i++)
    {
      GtkWidget *part = g_ptr_array_index (e->parts, i);
      guint flag = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (part), "cjm-flag"));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (part), (flags & flag) != 0);
    }
  e->syncing = FALSE;
  editor_show_error (e, NULL);
}

static GtkWidget *
make_flags (Editor *e)
{
  g_autoptr(GFlagsClass) klass = g_type_class_ref (e->field->value_type ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  e->parts = g_ptr_array_new ();
  for (guint i = 0; i < klass->n_values; i++)
    {
      GtkWidget *check;

      if (klass->values[i].value == 0)
        continue;
      check = gtk_check_button_new_with_label (cjm_enum_to_label (e->field->value_type (),
                                                                  (int) klass->values[i].value));
      g_object_set_data (G_OBJECT (check), "cjm-flag", GUINT_TO_POINTER (klass->values[i].value));
      editor_connect (e, check, "toggled", G_CALLBACK (on_flag_toggled));
      g_ptr_array_add (e->parts, check);
      gtk_box_append (GTK_BOX (box), check);
    }
  e->box = box;
  e->sync = sync_flags;
  return box;
}

static void
on_color_button_color_set (Editor         *e,
                           GtkColorButton *button)
{
  g_auto(GValue) value = G_VALUE_INIT;
  GdkRGBA rgba;

  if (EDITOR_HELD (e))
    return;
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  g_value_init (&value, G_TYPE_UINT);
  g_value_set_uint (&value, rgba_to_color (&rgba));
  commit_value (e, &value);
}

static void
on_color_none_toggled (Editor         *e,
                       GtkCheckButton *check)
{
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean none = gtk_check_button_get_active (check);
  GdkRGBA rgba;

  if (EDITOR_HELD (e))
    return;
  gtk_widget_set_sensitive (e->widget, !none);
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (e->widget), &rgba);
  g_value_init (&value, G_TYPE_UINT);
  g_value_set_uint (&value, none ? CJM_UNSET_COLOR : rgba_to_color (&rgba));
  commit_value (e, &value);
}

static void
sync_color (Editor *e)
{
  g_auto(GValue) value = G_VALUE_INIT;
  guint color;
  GdkRGBA current;

  editor_value (e, &value);
  color = g_value_get_uint (&value);
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (e->widget), &current);
  e->syncing = TRUE;
  if (color != CJM_UNSET_COLOR && rgba_to_color (&current) != color)
    {
      GdkRGBA rgba = color_to_rgba (color);

      gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (e->widget), &rgba);
    }
  if (e->toggle != NULL)
    {
      gtk_check_button_set_active (GTK_CHECK_BUTTON (e->toggle), color == CJM_UNSET_COLOR);
      gtk_widget_set_sensitive (e->widget, color != CJM_UNSET_COLOR);
    }
  e->syncing = FALSE;
  editor_show_error (e, NULL);
}

static GtkWidget *
make_color (Editor *e)
{
  GtkWidget *button = gtk_color_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GdkRGBA yellow = color_to_rgba (0xf6d32d);

  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (button), FALSE);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (button), &yellow);
  gtk_color_button_set_modal (GTK_COLOR_BUTTON (button), TRUE);
  gtk_color_button_set_title (GTK_COLOR_BUTTON (button),
                              field_label (e->self->entity, e->field->name));
  gtk_widget_set_size_request (button, 64, -1);
  editor_connect (e, button, "color-set", G_CALLBACK (on_color_button_color_set));
  gtk_box_append (GTK_BOX (box), button);
  e->widget = button;
  e->sync = sync_color;

  if (e->field->flags & CJM_FIELD_OPTIONAL)
    {
      /* Translators: beside a colour that may be left unset */
      e->toggle = gtk_check_button_new_with_mnemonic (_("_None"));
      editor_connect (e, e->toggle, "toggled", G_CALLBACK (on_color_none_toggled));
      gtk_box_append (GTK_BOX (box), e->toggle);
    }
  return box;
}

static void
sync_timestamp (Editor *e)
{
  g_auto(GValue) value = G_VALUE_INIT;
  gint64 time;

  editor_value (e, &value);
  time = g_value_get_int64 (&value);
  if (time == 0)
    gtk_label_set_text (GTK_LABEL (e->widget), _("Unknown"));
  else
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);
      g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
      g_autofree char *text = NULL;

      if (local != NULL)
        /* Translators: a date and time, see g_date_time_format() */
        text = g_date_time_format (local, _("%e %B %Y, %H:%M"));

      gtk_label_set_text (GTK_LABEL (e->widget), text != NULL ? g_strstrip (text) : "");
    }
}

static GtkWidget *
make_timestamp (Editor *e)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  e->widget = label;
  e->sync = sync_timestamp;
  return label;
}

/* Several references: ticks for personas, a searchable list for items ----------- */

/* The ids a multiple choice offers, in the map's order. */
static GPtrArray *
candidate_ids (Editor *e)
{
  CjmDocument *document = e->self->document;
  GType type = e->field->value_type ();
  GPtrArray *ids = g_ptr_array_new ();
  GPtrArray *lists[2] = { NULL, NULL };

  /* An action addresses touchpoints and cards; other lists name one kind. */
  if (type == CJM_TYPE_ENTITY)
    {
      lists[0] = cjm_document_get_touchpoints (document);
      lists[1] = cjm_document_get_cards (document);
    }
  else
    lists[0] = cjm_document_get_list (document, type);

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && i < lists[l]->len; i++)
      g_ptr_array_add (ids, (gpointer) cjm_entity_get_id (g_ptr_array_index (lists[l], i)));
  return ids;
}

static char **
chosen_in_order (Editor *e)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) candidates = candidate_ids (e);

  for (guint i = 0; i < candidates->len; i++)
    if (g_hash_table_contains (e->chosen, g_ptr_array_index (candidates, i)))
      g_strv_builder_add (builder, g_ptr_array_index (candidates, i));
  return g_strv_builder_end (builder);
}

static void
commit_chosen (Editor *e)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRV);
  g_value_take_boxed (&value, chosen_in_order (e));
  commit_value (e, &value);
}

static void
update_summary (Editor *e)
{
  guint n = g_hash_table_size (e->chosen);
  g_autofree char *text = NULL;

  if (e->summary == NULL)
    return;
  if (n == 0)
    text = g_strdup (_("None chosen"));
  else
    text = g_strdup_printf (ngettext ("%u chosen", "%u chosen", n), n);
  gtk_label_set_text (GTK_LABEL (e->summary), text);
}

static void
read_chosen (Editor *e)
{
  g_auto(GValue) value = G_VALUE_INIT;
  char **ids;

  editor_value (e, &value);
  ids = g_value_get_boxed (&value);
  g_hash_table_remove_all (e->chosen);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    g_hash_table_add (e->chosen, g_strdup (ids[i]));
  update_summary (e);
}

static void
on_persona_check_toggled (Editor         *e,
                          GtkCheckButton *check)
{
  const char *id = g_object_get_data (G_OBJECT (check), "cjm-id");

  if (EDITOR_HELD (e))
    return;
  if (gtk_check_button_get_active (check))
    g_hash_table_add (e->chosen, g_strdup (id));
  else
    g_hash_table_remove (e->chosen, id);
  commit_chosen (e);
}

static void
draw_dot (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  guint color = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "cjm-color"));
  GdkRGBA rgba = color_to_rgba (color);

  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0 - 0.5, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.15);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static void
sync_checks (Editor *e)
{
  read_chosen (e);
  e->syncing = TRUE;
  for (guint i = 0; i < e->parts->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (e->parts, i);
      const char *id = g_object_get_data (G_OBJECT (check), "cjm-id");

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_hash_table_contains (e->chosen, id));
    }
  e->syncing = FALSE;
  editor_show_error (e, NULL);
}

static void
checks_choices (Editor *e)
{
  GPtrArray *list = cjm_document_get_list (e->self->document, e->field->value_type ());
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (e->box)) != NULL)
    gtk_box_remove (GTK_BOX (e->box), child);
  g_ptr_array_set_size (e->parts, 0);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      CjmEntity *entity = g_ptr_array_index (list, i);
      g_autofree char *title = entity_title (entity);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *check = gtk_check_button_new_with_label (title);

      g_ptr_array_add (keys, (gpointer) cjm_entity_get_id (entity));
      ellipsize_check_label (check);
      gtk_widget_set_hexpand (check, TRUE);
      g_object_set_data_full (G_OBJECT (check), "cjm-id",
                              g_strdup (cjm_entity_get_id (entity)), g_free);
      editor_connect (e, check, "toggled", G_CALLBACK (on_persona_check_toggled));
      gtk_box_append (GTK_BOX (row), check);

      if (CJM_IS_PERSONA (entity))
        {
          GtkWidget *dot = gtk_drawing_area_new ();

          g_object_set_data (G_OBJECT (dot), "cjm-color",
                             GUINT_TO_POINTER (cjm_persona_get_color (CJM_PERSONA (entity))));
          gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (dot), 10);
          gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (dot), 10);
          gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot), draw_dot, NULL, NULL);
          gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
          gtk_widget_set_margin_end (dot, 6);
          gtk_accessible_update_state (GTK_ACCESSIBLE (dot), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
          gtk_box_append (GTK_BOX (row), dot);
        }

      g_ptr_array_add (e->parts, check);
      gtk_box_append (GTK_BOX (e->box), row);
    }
  set_keys (e, keys);
  sync_checks (e);
}

static GtkWidget *
make_checks (Editor *e)
{
  e->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  e->parts = g_ptr_array_new ();
  e->keys = gtk_string_list_new (NULL);
  e->chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  e->sync = sync_checks;
  e->choices = checks_choices;
  checks_choices (e);
  return e->box;
}

static char *
item_label (Editor     *e,
            const char *key)
{
  return entity_title (cjm_document_lookup (e->self->document, key));
}

/* Items of the same name in different phases need telling apart. */
static char *
item_tooltip (Editor     *e,
              const char *key,
              const char *label)
{
  CjmEntity *item = cjm_document_lookup (e->self->document, key);
  const char *phase_id = CJM_IS_TOUCHPOINT (item) ? cjm_touchpoint_get_phase (CJM_TOUCHPOINT (item))
                         : CJM_IS_CARD (item) ? cjm_card_get_phase (CJM_CARD (item)) : NULL;
  CjmEntity *phase = phase_id != NULL ? cjm_document_lookup (e->self->document, phase_id) : NULL;
  g_autofree char *phase_name = NULL;

  if (!CJM_IS_PHASE (phase))
    return g_strdup (label);
  phase_name = entity_title (phase);
  /* Translators: an item and the phase it lies in */
  return g_strdup_printf (_("%s (%s)"), label, phase_name);
}

static gboolean
filter_item (gpointer item,
             gpointer user_data)
{
  Editor *e = user_data;
  g_autofree char *label = NULL;
  g_autofree char *folded = NULL;

  if (e->dead || e->search == NULL || *e->search == '\0')
    return TRUE;
  label = item_label (e, gtk_string_object_get_string (item));
  folded = g_utf8_casefold (label, -1);
  return strstr (folded, e->search) != NULL;
}

static void
on_search_changed (Editor         *e,
                   GtkSearchEntry *entry)
{
  if (e->dead)
    return;
  g_free (e->search);
  e->search = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (entry)), -1);
  gtk_filter_changed (e->filter, GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_item_check_toggled (Editor         *e,
                       GtkCheckButton *check)
{
  const char *id = g_object_get_data (G_OBJECT (check), "cjm-id");

  if (EDITOR_HELD (e) || id == NULL)
    return;
  if (gtk_check_button_get_active (check))
    g_hash_table_add (e->chosen, g_strdup (id));
  else
    g_hash_table_remove (e->chosen, id);
  update_summary (e);
  commit_chosen (e);
}

/* Asked for only when shown: setting tooltips while rows are bound costs
 * a round trip to the display server for each row. */
static gboolean
on_item_query_tooltip (Editor     *e,
                       int        x,
                       int        y,
                       gboolean   keyboard,
                       GtkTooltip *tooltip,
                       GtkWidget  *check)
{
  const char *key = g_object_get_data (G_OBJECT (check), "cjm-id");
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;

  if (e->dead || key == NULL)
    return FALSE;
  label = item_label (e, key);
  text = item_tooltip (e, key, label);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_item_factory_setup (Editor                   *e,
                       GtkListItem              *item,
                       GtkSignalListItemFactory *factory)
{
  GtkWidget *check = gtk_check_button_new_with_label ("");

  gtk_widget_set_has_tooltip (check, TRUE);
  editor_connect (e, check, "query-tooltip", G_CALLBACK (on_item_query_tooltip));

  ellipsize_check_label (check);
  gtk_widget_set_margin_start (check, 6);
  gtk_widget_set_margin_end (check, 6);
  editor_connect (e, check, "toggled", G_CALLBACK (on_item_check_toggled));
  gtk_list_item_set_child (item, check);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
on_item_factory_bind (Editor                   *e,
                      GtkListItem              *item,
                      GtkSignalListItemFactory *factory)
{
  GtkWidget *check = gtk_list_item_get_child (item);
  const char *key = gtk_string_object_get_string (gtk_list_item_get_item (item));
  g_autofree char *label = NULL;

  if (e->dead)
    return;
  label = item_label (e, key);
  e->syncing = TRUE;
  g_object_set_data_full (G_OBJECT (check), "cjm-id", g_strdup (key), g_free);
  gtk_check_button_set_label (GTK_CHECK_BUTTON (check), label);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_hash_table_contains (e->chosen, key));
  e->syncing = FALSE;
  ellipsize_check_label (check);
}

/* Chosen items first, so what is ticked shows without scrolling; the rest
 * in the map's order. The order is kept while the user ticks, so rows do
 * not jump under the pointer. */
static void
items_choices (Editor *e)
{
  g_autoptr(GPtrArray) candidates = candidate_ids (e);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();

  read_chosen (e);
  for (guint i = 0; i < candidates->len; i++)
    if (g_hash_table_contains (e->chosen, g_ptr_array_index (candidates, i)))
      g_ptr_array_add (keys, g_ptr_array_index (candidates, i));
  for (guint i = 0; i < candidates->len; i++)
    if (!g_hash_table_contains (e->chosen, g_ptr_array_index (candidates, i)))
      g_ptr_array_add (keys, g_ptr_array_index (candidates, i));
  if (!set_keys (e, keys))
    rebind_keys (e);
  editor_show_error (e, NULL);
}

static GtkWidget *
make_items (Editor *e)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *search = gtk_search_entry_new ();
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkFilterListModel *filtered;
  GtkNoSelection *selection;
  GtkWidget *list_view;

  e->keys = gtk_string_list_new (NULL);
  e->chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* No reference: the editor holds the filter, and outlives the list. */
  e->filter = GTK_FILTER (gtk_custom_filter_new (filter_item, e, NULL));
  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (e->keys)),
                                        g_object_ref (e->filter));

  editor_connect (e, factory, "setup", G_CALLBACK (on_item_factory_setup));
  editor_connect (e, factory, "bind", G_CALLBACK (on_item_factory_bind));
  selection = gtk_no_selection_new (G_LIST_MODEL (filtered));
  list_view = gtk_list_view_new (GTK_SELECTION_MODEL (selection), factory);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  field_label (e->self->entity, e->field->name), -1);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 160);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list_view);
  gtk_frame_set_child (GTK_FRAME (frame), scroller);

  g_object_set (search, "placeholder-text", _("Search"), NULL);
  editor_connect (e, search, "search-changed", G_CALLBACK (on_search_changed));

  e->summary = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (e->summary), 0);
  gtk_widget_add_css_class (e->summary, "dim-label");
  gtk_widget_add_css_class (e->summary, "caption");

  gtk_box_append (GTK_BOX (box), search);
  gtk_box_append (GTK_BOX (box), frame);
  gtk_box_append (GTK_BOX (box), e->summary);

  e->widget = frame;
  e->sync = items_choices;
  e->choices = items_choices;
  items_choices (e);
  return box;
}

/* Metrics: one small form per metric ------------------------------------------ */

typedef struct
{
  GtkWidget *kind;
  GtkWidget *name;
  GtkWidget *value;
  GtkWidget *unit;
  GtkWidget *sample;
  GtkWidget *sample_unknown;
} MetricRow;

static GPtrArray *
copy_metrics (Editor *e)
{
  g_auto(GValue) value = G_VALUE_INIT;
  GPtrArray *old;
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) cjm_metric_free);

  editor_value (e, &value);
  old = g_value_get_boxed (&value);
  for (guint i = 0; old != NULL && i < old->len; i++)
    g_ptr_array_add (copy, cjm_metric_copy (g_ptr_array_index (old, i)));
  return copy;
}

static void
read_metric_row (MetricRow *row,
                 CjmMetric *metric)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (row->name));
  const char *unit = gtk_editable_get_text (GTK_EDITABLE (row->unit));

  metric->kind = (CjmMetricKind) gtk_drop_down_get_selected (GTK_DROP_DOWN (row->kind));
  g_free (metric->name);
  metric->name = NULL;
  if (metric->kind == CJM_METRIC_CUSTOM && *name != '\0')
    metric->name = g_strstrip (g_strdup (name));
  metric->value = gtk_spin_button_get_value (GTK_SPIN_BUTTON (row->value));
  g_free (metric->unit);
  metric->unit = *unit != '\0' ? g_strstrip (g_strdup (unit)) : NULL;
  metric->sample = gtk_check_button_get_active (GTK_CHECK_BUTTON (row->sample_unknown))
                   ? CJM_UNSET_INT
                   : gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (row->sample));
}

static void
commit_metric_row (Editor    *e,
                   GtkWidget *widget)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "cjm-index"));
  g_autoptr(GPtrArray) metrics = copy_metrics (e);
  MetricRow *row;

  if (EDITOR_HELD (e) || index >= metrics->len || index >= e->parts->len)
    return;
  row = g_ptr_array_index (e->parts, index);
  read_metric_row (row, g_ptr_array_index (metrics, index));
  commit_list (e, metrics);
}

/* Stores what the rows show when the form goes away with an edit unsaved. */
static void
flush_metrics (Editor *e)
{
  g_autoptr(GPtrArray) metrics = copy_metrics (e);
  gboolean changed = FALSE;

  if (metrics->len != e->parts->len)
    return;
  for (guint i = 0; i < metrics->len; i++)
    {
      CjmMetric *metric = g_ptr_array_index (metrics, i);
      g_autoptr(CjmMetric) shown = cjm_metric_copy (metric);

      read_metric_row (g_ptr_array_index (e->parts, i), shown);
      if (!cjm_metric_equal (metric, shown))
        {
          read_metric_row (g_ptr_array_index (e->parts, i), metric);
          changed = TRUE;
        }
    }
  if (changed)
    commit_list (e, metrics);
}

static void
on_metric_kind_selected (Editor      *e,
                         GParamSpec  *pspec,
                         GtkDropDown *drop_down)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (drop_down), "cjm-index"));
  MetricRow *row;

  if (EDITOR_HELD (e) || index >= e->parts->len)
    return;
  row = g_ptr_array_index (e->parts, index);
  gtk_widget_set_visible (row->name, gtk_drop_down_get_selected (drop_down) == CJM_METRIC_CUSTOM);
  commit_metric_row (e, GTK_WIDGET (drop_down));
  if (gtk_widget_get_visible (row->name))
    gtk_widget_grab_focus (row->name);
}

static void
on_metric_changed (Editor    *e,
                   GtkWidget *widget)
{
  commit_metric_row (e, widget);
}

static void
on_metric_sample_unknown_toggled (Editor         *e,
                                  GtkCheckButton *check)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "cjm-index"));

  if (EDITOR_HELD (e) || index >= e->parts->len)
    return;
  gtk_widget_set_sensitive (((MetricRow *) g_ptr_array_index (e->parts, index))->sample,
                            !gtk_check_button_get_active (check));
  commit_metric_row (e, GTK_WIDGET (check));
}

/* Entries inside a list commit when left, not on each key: every change is
 * a whole new list and its own undo step. */
static void
on_metric_entry_leave (Editor                  *e,
                       GtkEventControllerFocus *controller)
{
  commit_metric_row (e, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
}

static void
on_metric_remove_clicked (Editor    *e,
                          GtkButton *button)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "cjm-index"));
  g_autoptr(GPtrArray) metrics = copy_metrics (e);

  if (EDITOR_HELD (e) || index >= metrics->len)
    return;
  g_ptr_array_remove_index (metrics, index);
  if (commit_list (e, metrics))
    editor_sync (e);
}

static void
on_metric_add_clicked (Editor    *e,
                       GtkButton *button)
{
  g_autoptr(GPtrArray) metrics = copy_metrics (e);

  if (EDITOR_HELD (e))
    return;
  g_ptr_array_add (metrics, cjm_metric_new (CJM_METRIC_SATISFACTION, 0));
  if (commit_list (e, metrics))
    {
      editor_sync (e);
      if (e->parts->len > 0)
        {
          MetricRow *row = g_ptr_array_index (e->parts, e->parts->len - 1);

          gtk_widget_grab_focus (row->kind);
        }
    }
}

static int
on_metric_value_output (GtkSpinButton *spin,
                        gpointer       user_data)
{
  g_autofree char *text = g_strdup_printf ("%.15g", gtk_spin_button_get_value (spin));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
tag_index (GtkWidget *widget,
           guint      index)
{
  g_object_set_data (G_OBJECT (widget), "cjm-index", GUINT_TO_POINTER (index));
}

static void
fill_metric_row (Editor          *e,
                 MetricRow       *row,
                 const CjmMetric *metric)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (row->kind), metric->kind);
  gtk_widget_set_visible (row->name, metric->kind == CJM_METRIC_CUSTOM);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row->name)),
                 metric->name != NULL ? metric->name : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row->name), metric->name != NULL ? metric->name : "");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (row->value), metric->value);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row->unit)),
                 metric->unit != NULL ? metric->unit : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row->unit), metric->unit != NULL ? metric->unit : "");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (row->sample_unknown),
                               metric->sample == CJM_UNSET_INT);
  gtk_widget_set_sensitive (row->sample, metric->sample != CJM_UNSET_INT);
  if (metric->sample != CJM_UNSET_INT)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (row->sample), metric->sample);
}

static GtkWidget *
make_metric_row (Editor    *e,
                 guint      index,
                 MetricRow *row)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (CJM_TYPE_METRIC_KIND);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *sample_label = gtk_label_new (_("Sample"));
  GtkEventController *focus;

  for (guint i = 0; i < klass->n_values; i++)
    gtk_string_list_append (kinds,
                            cjm_enum_to_label (CJM_TYPE_METRIC_KIND, klass->values[i].value));

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_margin_start (grid, 8);
  gtk_widget_set_margin_end (grid, 8);
  gtk_widget_set_margin_top (grid, 8);
  gtk_widget_set_margin_bottom (grid, 8);

  row->kind = gtk_drop_down_new (g_object_ref (G_LIST_MODEL (kinds)), NULL);
  gtk_widget_set_hexpand (row->kind, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->kind), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Kind of metric"), -1);
  tag_index (row->kind, index);
  editor_connect (e, row->kind, "notify::selected", G_CALLBACK (on_metric_kind_selected));

  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (remove, GTK_ALIGN_END);
  gtk_widget_set_tooltip_text (remove, _("Remove Metric"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove Metric"), -1);
  tag_index (remove, index);
  editor_connect (e, remove, "clicked", G_CALLBACK (on_metric_remove_clicked));

  row->name = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (row->name), _("Name of the metric"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->name), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Name of the metric"), -1);
  tag_index (row->name, index);
  editor_connect (e, row->name, "activate", G_CALLBACK (on_metric_changed));
  focus = gtk_event_controller_focus_new ();
  editor_connect (e, focus, "leave", G_CALLBACK (on_metric_entry_leave));
  gtk_widget_add_controller (row->name, focus);

  row->value = gtk_spin_button_new_with_range (-1e15, 1e15, 1);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (row->value), 2);
  /* Otherwise the huge range makes the field as wide as its largest number. */
  gtk_editable_set_width_chars (GTK_EDITABLE (row->value), 6);
  gtk_widget_set_hexpand (row->value, TRUE);
  gtk_widget_add_css_class (row->value, "numeric");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->value), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Value"), -1);
  g_signal_connect (row->value, "output", G_CALLBACK (on_metric_value_output), NULL);
  tag_index (row->value, index);
  editor_connect (e, row->value, "value-changed", G_CALLBACK (on_metric_changed));

  row->unit = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (row->unit), _("Unit"));
  gtk_editable_set_width_chars (GTK_EDITABLE (row->unit), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->unit), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Unit"), -1);
  tag_index (row->unit, index);
  editor_connect (e, row->unit, "activate", G_CALLBACK (on_metric_changed));
  focus = gtk_event_controller_focus_new ();
  editor_connect (e, focus, "leave", G_CALLBACK (on_metric_entry_leave));
  gtk_widget_add_controller (row->unit, focus);

  gtk_label_set_xalign (GTK_LABEL (sample_label), 0);
  gtk_widget_add_css_class (sample_label, "dim-label");
  row->sample = gtk_spin_button_new_with_range (0, G_MAXINT, 1);
  gtk_editable_set_width_chars (GTK_EDITABLE (row->sample), 6);
  gtk_widget_add_css_class (row->sample, "numeric");
  gtk_label_set_mnemonic_widget (GTK_LABEL (sample_label), row->sample);
  tag_index (row->sample, index);
  editor_connect (e, row->sample, "value-changed", G_CALLBACK (on_metric_changed));
  row->sample_unknown = gtk_check_button_new_with_label (_("Unknown"));
  tag_index (row->sample_unknown, index);
  editor_connect (e, row->sample_unknown, "toggled", G_CALLBACK (on_metric_sample_unknown_toggled));

  gtk_grid_attach (GTK_GRID (grid), row->kind, 0, 0, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), remove, 2, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), row->name, 0, 1, 3, 1);
  gtk_grid_attach (GTK_GRID (grid), row->value, 0, 2, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), row->unit, 2, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), sample_label, 0, 3, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), row->sample, 1, 3, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), row->sample_unknown, 2, 3, 1, 1);
  gtk_frame_set_child (GTK_FRAME (frame), grid);
  return frame;
}

static void
sync_metrics (Editor *e)
{
  g_auto(GValue) value = G_VALUE_INIT;
  GPtrArray *metrics;
  guint n;

  editor_value (e, &value);
  metrics = g_value_get_boxed (&value);
  n = metrics != NULL ? metrics->len : 0;

  /* Rows that lose focus while they are replaced must not commit. */
  e->syncing = TRUE;
  if (n != e->parts->len)
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (e->box)) != NULL)
        gtk_box_remove (GTK_BOX (e->box), child);
      g_ptr_array_set_size (e->parts, 0);
      for (guint i = 0; i < n; i++)
        {
          MetricRow *row = g_new0 (MetricRow, 1);

          g_ptr_array_add (e->parts, row);
          gtk_box_append (GTK_BOX (e->box), make_metric_row (e, i, row));
        }
    }
  for (guint i = 0; i < n; i++)
    fill_metric_row (e, g_ptr_array_index (e->parts, i), g_ptr_array_index (metrics, i));
  e->syncing = FALSE;
  gtk_widget_set_visible (e->box, n > 0);
  editor_show_error (e, NULL);
}

static GtkWidget *
make_metrics (Editor *e)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *add = gtk_button_new ();
  GtkWidget *add_content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *add_label = gtk_label_new_with_mnemonic (_("_Add Metric"));

  e->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  e->parts = g_ptr_array_new_with_free_func (g_free);

  gtk_box_append (GTK_BOX (add_content), gtk_image_new_from_icon_name ("list-add-symbolic"));
  gtk_box_append (GTK_BOX (add_content), add_label);
  gtk_label_set_mnemonic_widget (GTK_LABEL (add_label), add);
  gtk_button_set_child (GTK_BUTTON (add), add_content);
  gtk_widget_set_halign (add, GTK_ALIGN_START);
  editor_connect (e, add, "clicked", G_CALLBACK (on_metric_add_clicked));

  gtk_box_append (GTK_BOX (box), e->box);
  gtk_box_append (GTK_BOX (box), add);
  e->sync = sync_metrics;
  e->flush = flush_metrics;
  sync_metrics (e);
  return box;
}

/* The map's scale labels: one entry per value of the scale --------------------- */

static void
commit_scale_labels (Editor *e)
{
  g_autoptr(GPtrArray) labels = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  GPtrArray *old;
  gboolean same;

  if (EDITOR_HELD (e))
    return;
  labels = g_ptr_array_new_with_free_func ((GDestroyNotify) cjm_scale_label_free);
  for (guint i = 0; i < e->parts->len; i++)
    {
      GtkWidget *entry = g_ptr_array_index (e->parts, i);
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

      if (*text != '\0')
        g_ptr_array_add (labels, cjm_scale_label_new (e->lo + (int) i, text));
    }

  /* Leaving an entry unchanged is no edit. */
  editor_value (e, &value);
  old = g_value_get_boxed (&value);
  same = (old != NULL ? old->len : 0) == labels->len;
  for (guint i = 0; same && i < labels->len; i++)
    {
      const CjmScaleLabel *a = g_ptr_array_index (old, i);
      const CjmScaleLabel *b = g_ptr_array_index (labels, i);

      same = a->value == b->value && g_strcmp0 (a->text, b->text) == 0;
    }
  if (!same)
    commit_list (e, labels);
}

static void
on_scale_entry_activate (Editor   *e,
                         GtkEntry *entry)
{
  commit_scale_labels (e);
}

static void
on_scale_entry_leave (Editor                  *e,
                      GtkEventControllerFocus *controller)
{
  commit_scale_labels (e);
}

static const char *
scale_text (GPtrArray *labels,
            int        v)
{
  for (guint i = 0; labels != NULL && i < labels->len; i++)
    {
      const CjmScaleLabel *label = g_ptr_array_index (labels, i);

      if (label->value == v)
        return label->text != NULL ? label->text : "";
    }
  return "";
}

static void
sync_scale_labels (Editor *e)
{
  CjmMap *map = cjm_document_get_map (e->self->document);
  int lo = cjm_map_get_scale_min (map);
  int hi = cjm_map_get_scale_max (map);
  GPtrArray *labels = cjm_map_get_scale_labels (map);

  e->syncing = TRUE;
  if (lo != e->lo || hi != e->hi || e->parts->len == 0)
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (e->box)) != NULL)
        gtk_grid_remove (GTK_GRID (e->box), child);
      g_ptr_array_set_size (e->parts, 0);
      e->lo = lo;
      e->hi = hi;
      for (int v = lo; v <= hi; v++)
        {
          g_autofree char *number = g_strdup_printf ("%d", v);
          GtkWidget *label = gtk_label_new (number);
          GtkWidget *entry = gtk_entry_new ();
          GtkEventController *focus = gtk_event_controller_focus_new ();

          gtk_label_set_xalign (GTK_LABEL (label), 1);
          gtk_label_set_width_chars (GTK_LABEL (label), 3);
          gtk_widget_add_css_class (label, "dim-label");
          gtk_widget_add_css_class (label, "numeric");
          gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
          gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("No label"));
          gtk_widget_set_hexpand (entry, TRUE);
          editor_connect (e, entry, "activate", G_CALLBACK (on_scale_entry_activate));
          editor_connect (e, focus, "leave", G_CALLBACK (on_scale_entry_leave));
          gtk_widget_add_controller (entry, focus);
          gtk_grid_attach (GTK_GRID (e->box), label, 0, v - lo, 1, 1);
          gtk_grid_attach (GTK_GRID (e->box), entry, 1, v - lo, 1, 1);
          g_ptr_array_add (e->parts, entry);
        }
    }

  for (guint i = 0; i < e->parts->len; i++)
    {
      GtkWidget *entry = g_ptr_array_index (e->parts, i);
      const char *text = scale_text (labels, lo + (int) i);

      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), text) != 0)
        gtk_editable_set_text (GTK_EDITABLE (entry), text);
    }
  e->syncing = FALSE;
  editor_show_error (e, NULL);
}

static GtkWidget *
make_scale_labels (Editor *e)
{
  e->box = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (e->box), 6);
  gtk_grid_set_column_spacing (GTK_GRID (e->box), 8);
  e->parts = g_ptr_array_new ();
  e->lo = G_MININT;
  e->sync = sync_scale_labels;
  e->flush = commit_scale_labels;
  sync_scale_labels (e);
  return e->box;
}

/* An emotion curve's points: shown, edited on the canvas ------------------------ */

static void
sync_points (Editor *e)
{
  g_auto(GValue) value = G_VALUE_INIT;
  GPtrArray *points;
  GtkWidget *child;
  guint n;
  g_autofree char *count = NULL;

  editor_value (e, &value);
  points = g_value_get_boxed (&value);
  n = points != NULL ? points->len : 0;
  count = g_strdup_printf (ngettext ("%u point", "%u points", n), n);
  gtk_label_set_text (GTK_LABEL (e->summary), count);

  while ((child = gtk_widget_get_first_child (e->box)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (e->box), child);
  for (guint i = 0; i < n; i++)
    {
      const CjmCurvePoint *point = g_ptr_array_index (points, i);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      g_autofree char *number = g_strdup_printf ("%g", point->value);
      g_autofree char *place = NULL;
      GtkWidget *value_label = gtk_label_new (number);
      GtkWidget *place_label;

      if (point->touchpoint != NULL)
        {
          CjmEntity *touchpoint = cjm_document_lookup (e->self->document, point->touchpoint);
          g_autofree char *title = entity_title (touchpoint);

          /* Translators: where a curve point lies: on a touchpoint */
          place = g_strdup_printf (_("on “%s”"), title);
        }
      else
        {
          CjmEntity *phase_entity = cjm_document_lookup (e->self->document, point->phase);
          g_autofree char *phase = entity_title (phase_entity);

          /* Translators: where a curve point lies: a phase and how far across it */
          place = g_strdup_printf (_("%s, %.0f%%"), phase, point->at * 100);
        }
      place_label = gtk_label_new (place);
      gtk_label_set_width_chars (GTK_LABEL (value_label), 4);
      gtk_label_set_xalign (GTK_LABEL (value_label), 1);
      gtk_widget_add_css_class (value_label, "numeric");
      gtk_label_set_xalign (GTK_LABEL (place_label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (place_label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (place_label, "dim-label");
      gtk_widget_set_tooltip_text (place_label, place);
      gtk_widget_set_margin_top (row, 4);
      gtk_widget_set_margin_bottom (row, 4);
      gtk_widget_set_margin_end (row, 8);
      gtk_box_append (GTK_BOX (row), value_label);
      gtk_box_append (GTK_BOX (row), place_label);
      gtk_list_box_append (GTK_LIST_BOX (e->box), row);
    }
  gtk_widget_set_visible (e->widget, n > 0);
}

static GtkWidget *
make_points (Editor *e)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *hint = gtk_label_new (_("Drag the points on the map to change the curve."));

  e->summary = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (e->summary), 0);

  e->box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (e->box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (e->box, "rich-list");
  e->widget = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (e->widget), e->box);

  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");

  gtk_box_append (GTK_BOX (box), e->summary);
  gtk_box_append (GTK_BOX (box), e->widget);
  gtk_box_append (GTK_BOX (box), hint);
  e->sync = sync_points;
  sync_points (e);
  return box;
}

/* The form ------------------------------------------------------------------ */

static GtkWidget *
make_field_label (const char *text,
                  GtkWidget  *target)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  if (target != NULL)
    {
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), target);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (target),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
    }
  return label;
}

static Editor *
add_editor (CjmInspector   *self,
            const CjmField *field)
{
  CjmEntity *entity = self->entity;
  const char *name = field->name;
  Editor *e = g_rc_box_new0 (Editor);
  GtkWidget *input = NULL;
  gboolean label_beside = FALSE;

  e->self = self;
  e->field = field;

  switch (field->type)
    {
    case CJM_FIELD_STRING:
      if (CJM_IS_TOUCHPOINT (entity) && strcmp (name, "channel") == 0)
        input = make_channel (e);
      else
        input = make_entry (e);
      if (strcmp (name, "language") == 0)
        gtk_entry_set_placeholder_text (GTK_ENTRY (e->widget),
                                        _("A language code, such as nl or en-GB"));
      else if (strcmp (name, "owner") == 0 && CJM_IS_TOUCHPOINT (entity))
        gtk_entry_set_placeholder_text (GTK_ENTRY (e->widget), _("Department"));
      break;
    case CJM_FIELD_TEXT:
      input = make_text_view (e, CJM_IS_CARD (entity) && strcmp (name, "text") == 0 ? 96 : 64);
      break;
    case CJM_FIELD_INT:
      if (CJM_IS_TOUCHPOINT (entity) && strcmp (name, "emotion") == 0)
        input = make_emotion (e);
      else
        input = make_int (e);
      break;
    case CJM_FIELD_DOUBLE:
      input = make_double (e);
      break;
    case CJM_FIELD_BOOLEAN:
      e->widget = input = gtk_switch_new ();
      gtk_widget_set_valign (input, GTK_ALIGN_CENTER);
      e->sync = sync_switch;
      editor_connect (e, input, "notify::active", G_CALLBACK (on_switch_active));
      label_beside = TRUE;
      break;
    case CJM_FIELD_ENUM:
      input = make_enum (e);
      break;
    case CJM_FIELD_FLAGS:
      input = make_flags (e);
      break;
    case CJM_FIELD_COLOR:
      input = make_color (e);
      break;
    case CJM_FIELD_DATE:
      input = make_date_entry (e);
      break;
    case CJM_FIELD_TIMESTAMP:
      input = make_timestamp (e);
      break;
    case CJM_FIELD_REF:
      input = make_ref (e);
      break;
    case CJM_FIELD_REFS:
      input = field->value_type () == CJM_TYPE_PERSONA ? make_checks (e) : make_items (e);
      break;
    case CJM_FIELD_LIST:
      if (strcmp (name, "metrics") == 0)
        input = make_metrics (e);
      else if (strcmp (name, "points") == 0)
        input = make_points (e);
      else if (strcmp (name, "scale-labels") == 0)
        input = make_scale_labels (e);
      break;
    default:
      break;
    }

  if (input == NULL)
    {
      editor_unref (e);
      return NULL;
    }

  e->error = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (e->error), 0);
  gtk_label_set_wrap (GTK_LABEL (e->error), TRUE);
  gtk_widget_add_css_class (e->error, "error");
  gtk_widget_add_css_class (e->error, "caption");
  gtk_widget_set_visible (e->error, FALSE);

  e->row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  if (label_beside)
    {
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *label = gtk_label_new (field_label (entity, name));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (input),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
      gtk_box_append (GTK_BOX (line), label);
      gtk_box_append (GTK_BOX (line), input);
      gtk_box_append (GTK_BOX (e->row), line);
    }
  else
    {
      GtkWidget *target = NULL;

      /* Frames and labels hold composite editors; they take no focus. */
      if (e->widget != NULL && !GTK_IS_FRAME (e->widget) && !GTK_IS_LABEL (e->widget))
        target = e->widget;

      gtk_box_append (GTK_BOX (e->row), make_field_label (field_label (entity, name), target));
      gtk_box_append (GTK_BOX (e->row), input);
    }
  gtk_box_append (GTK_BOX (e->row), e->error);
  gtk_box_append (GTK_BOX (self->form), e->row);

  g_ptr_array_add (self->editors, e);
  /* Editors with choices showed their value while filling them. */
  if (e->choices == NULL)
    editor_sync (e);
  return e;
}

/* The title comes first, read-only facts last; otherwise the file's order. */
static int
field_rank (const CjmField *field)
{
  if (strcmp (field->name, "title") == 0 || strcmp (field->name, "name") == 0
      || strcmp (field->name, "text") == 0)
    return 0;
  if (strcmp (field->name, "description") == 0 || strcmp (field->name, "goal") == 0
      || strcmp (field->name, "goals") == 0)
    return 1;
  if (field->type == CJM_FIELD_TIMESTAMP)
    return 3;
  return 2;
}

/* Edits that commit when their entry is left (list items) are stored when
 * the form goes because another entity was picked; not when the inspector
 * itself goes, as the window may already have asked about unsaved changes. */
static void
kill_editors (CjmInspector *self,
              gboolean      flush)
{
  gboolean alive = flush && self->entity != NULL && self->document != NULL
                   && (CJM_IS_MAP (self->entity)
                       || cjm_document_lookup (self->document,
                                               cjm_entity_get_id (self->entity)) == self->entity);

  for (guint i = 0; i < self->editors->len; i++)
    {
      Editor *e = g_ptr_array_index (self->editors, i);

      if (alive && e->flush != NULL && !EDITOR_HELD (e))
        e->flush (e);
    }
  for (guint i = 0; i < self->editors->len; i++)
    ((Editor *) g_ptr_array_index (self->editors, i))->dead = TRUE;
  g_ptr_array_set_size (self->editors, 0);
  self->committing = NULL;
}

static void
update_subtitle (CjmInspector *self)
{
  guint count = self->selection != NULL ? cjm_selection_get_count (self->selection) : 0;
  g_autofree char *text = NULL;

  if (count > 1)
    /* Translators: the inspector then shows the fields of the last one selected */
    text = g_strdup_printf (ngettext ("%u item selected", "%u items selected", count), count);
  else if (CJM_IS_CARD (self->entity))
    {
      CjmEntity *lane = cjm_document_lookup (self->document,
                                             cjm_card_get_lane (CJM_CARD (self->entity)));

      if (CJM_IS_LANE (lane))
        text = g_strdup (cjm_enum_to_label (CJM_TYPE_LANE_KIND,
                                            cjm_lane_get_kind (CJM_LANE (lane))));
    }
  gtk_label_set_text (GTK_LABEL (self->subtitle), text != NULL ? text : "");
  gtk_widget_set_visible (self->subtitle, text != NULL);
}

static void
rebuild (CjmInspector *self)
{
  CjmEntity *primary = self->selection != NULL ? cjm_selection_get_primary (self->selection) : NULL;
  GtkWidget *header;
  CjmEntityClass *klass;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_handle_id (&self->choices_id, g_source_remove);
  kill_editors (self, TRUE);
  g_clear_object (&self->entity);

  self->form = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_start (self->form, 12);
  gtk_widget_set_margin_end (self->form, 12);
  gtk_widget_set_margin_top (self->form, 12);
  gtk_widget_set_margin_bottom (self->form, 18);
  /* About 300 pixels with the margins: room for labels above fields. */
  gtk_widget_set_size_request (self->form, 276, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->form);

  if (self->document == NULL)
    {
      GtkWidget *empty = gtk_label_new (_("No map"));

      gtk_widget_add_css_class (empty, "dim-label");
      gtk_widget_set_vexpand (empty, TRUE);
      gtk_box_append (GTK_BOX (self->form), empty);
      return;
    }

  if (primary == NULL)
    primary = CJM_ENTITY (cjm_document_get_map (self->document));
  self->entity = g_object_ref (primary);

  header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  self->heading = gtk_label_new (kind_label (self->entity));
  gtk_label_set_xalign (GTK_LABEL (self->heading), 0);
  gtk_widget_add_css_class (self->heading, "title-4");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->heading),
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_box_append (GTK_BOX (header), self->heading);
  self->subtitle = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (self->subtitle), TRUE);
  gtk_widget_add_css_class (self->subtitle, "dim-label");
  update_subtitle (self);
  gtk_box_append (GTK_BOX (header), self->subtitle);
  gtk_box_append (GTK_BOX (self->form), header);

  klass = CJM_ENTITY_GET_CLASS (self->entity);
  for (int rank = 0; rank <= 3; rank++)
    for (guint i = 0; i < klass->n_fields; i++)
      if (field_rank (&klass->fields[i]) == rank)
        add_editor (self, &klass->fields[i]);
}

static gboolean
rebuild_idle (gpointer user_data)
{
  CjmInspector *self = user_data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static gboolean
choices_idle (gpointer user_data)
{
  CjmInspector *self = user_data;

  self->choices_id = 0;
  for (guint i = 0; i < self->editors->len; i++)
    {
      Editor *e = g_ptr_array_index (self->editors, i);

      if (e->choices != NULL && !e->dead)
        e->choices (e);
    }
  return G_SOURCE_REMOVE;
}

static void
on_document_changed (CjmInspector *self,
                     guint         kind,
                     CjmEntity    *entity,
                     const char   *field)
{
  if (self->entity == NULL)
    return;

  if (kind == CJM_CHANGE_REMOVED && entity == self->entity)
    {
      if (self->rebuild_id == 0)
        self->rebuild_id = g_idle_add (rebuild_idle, self);
      return;
    }

  if (kind == CJM_CHANGE_FIELD && entity == self->entity)
    {
      for (guint i = 0; i < self->editors->len; i++)
        {
          Editor *e = g_ptr_array_index (self->editors, i);

          if (e != self->committing && g_strcmp0 (e->field->name, field) == 0)
            editor_sync (e);
        }
      if (CJM_IS_CARD (entity) && g_strcmp0 (field, "lane") == 0)
        update_subtitle (self);
    }

  /* The scale gives the emotion its choices and the scale labels their rows. */
  if (kind == CJM_CHANGE_FIELD && CJM_IS_MAP (entity) && field != NULL
      && g_str_has_prefix (field, "scale-"))
    {
      for (guint i = 0; i < self->editors->len; i++)
        {
          Editor *e = g_ptr_array_index (self->editors, i);

          if (strcmp (e->field->name, "scale-labels") == 0 && e != self->committing)
            editor_sync (e);
        }
      if (CJM_IS_TOUCHPOINT (self->entity) && self->choices_id == 0)
        self->choices_id = g_idle_add (choices_idle, self);
      return;
    }

  /* Other entities are the choices of references; refresh those once. */
  if (entity != self->entity && self->choices_id == 0
      && (CJM_IS_PHASE (entity) || CJM_IS_LANE (entity) || CJM_IS_PERSONA (entity)
          || CJM_IS_TOUCHPOINT (entity) || CJM_IS_CARD (entity) || CJM_IS_CHANNEL (entity)))
    {
      for (guint i = 0; i < self->editors->len; i++)
        if (((Editor *) g_ptr_array_index (self->editors, i))->choices != NULL)
          {
            self->choices_id = g_idle_add (choices_idle, self);
            break;
          }
    }
}

static void
on_selection_changed (CjmInspector *self)
{
  CjmEntity *primary = cjm_selection_get_primary (self->selection);
  CjmEntity *shown = primary != NULL ? primary : CJM_ENTITY (cjm_document_get_map (self->document));

  if (shown != self->entity)
    rebuild (self);
  else
    update_subtitle (self);
}

/* GObject ------------------------------------------------------------------- */

static void
cjm_inspector_dispose (GObject *object)
{
  CjmInspector *self = CJM_INSPECTOR (object);

  g_clear_handle_id (&self->choices_id, g_source_remove);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->editors != NULL)
    kill_editors (self, FALSE);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->editors, g_ptr_array_unref);
  g_clear_object (&self->entity);
  g_clear_object (&self->selection_signals);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->selection);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (cjm_inspector_parent_class)->dispose (object);
}

/* A long title or name must not make the side pane wider than a form
 * needs; it scrolls or ellipsizes instead. */
static void
cjm_inspector_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  CjmInspector *self = CJM_INSPECTOR (widget);

  gtk_widget_measure (self->scroller, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, MIN (*natural, 320));
}

static void
cjm_inspector_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  gtk_widget_allocate (CJM_INSPECTOR (widget)->scroller, width, height, baseline, NULL);
}

static void
cjm_inspector_class_init (CjmInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cjm_inspector_dispose;
  widget_class->measure = cjm_inspector_measure;
  widget_class->size_allocate = cjm_inspector_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "inspector");
}

static void
cjm_inspector_init (CjmInspector *self)
{
  self->selection_signals = g_signal_group_new (CJM_TYPE_SELECTION);
  g_signal_group_connect_object (self->selection_signals, "changed",
                                 G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  self->document_signals = g_signal_group_new (CJM_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "changed",
                                 G_CALLBACK (on_document_changed), self, G_CONNECT_SWAPPED);
  self->editors = g_ptr_array_new_with_free_func (editor_unref);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (self->scroller, TRUE);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Inspector"), -1);
  rebuild (self);
}

GtkWidget *
cjm_inspector_new (void)
{
  return g_object_new (CJM_TYPE_INSPECTOR, NULL);
}

void
cjm_inspector_set_selection (CjmInspector *self,
                             CjmSelection *selection)
{
  CjmDocument *document;

  g_return_if_fail (CJM_IS_INSPECTOR (self));
  g_return_if_fail (selection == NULL || CJM_IS_SELECTION (selection));

  if (self->selection == selection)
    return;

  document = selection != NULL ? cjm_selection_get_document (selection) : NULL;
  g_set_object (&self->selection, selection);
  g_set_object (&self->document, document);
  g_signal_group_set_target (self->selection_signals, selection);
  g_signal_group_set_target (self->document_signals, document);
  rebuild (self);
}
