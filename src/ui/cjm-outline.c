/* cjm-outline.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cjm-outline.h"

/* The map as a tree: phases holding their items lane by lane, then lanes,
 * personas, transitions, curves and the action plan. It is the way through
 * a map without a pointer or without sight, so every row tells a screen
 * reader in words what it is and where it lies.
 *
 * A GtkListView only creates widgets for the rows in view, so a map with
 * ten thousand touchpoints stays quick; the tree itself is rebuilt from an
 * idle callback at most once per main-loop iteration, and text edits update
 * their row in place, so typing elsewhere never rebuilds it. */

/* Nodes ----------------------------------------------------------------- */

#define CJM_TYPE_OUTLINE_NODE (cjm_outline_node_get_type ())

G_DECLARE_FINAL_TYPE (CjmOutlineNode, cjm_outline_node, CJM, OUTLINE_NODE, GObject)

struct _CjmOutlineNode
{
  GObject         parent_instance;

  char           *key;          /* stable across rebuilds, to keep rows expanded */
  char           *prefix;       /* dim text before the title: the lane */
  char           *text;
  char           *suffix;       /* dim text after: a count */
  char           *description;  /* what a screen reader says */
  GIcon          *icon;
  CjmEntity      *entity;       /* NULL for a group */
  GListStore     *children;     /* NULL for a leaf */
  CjmOutlineNode *parent;       /* not a reference: the parent holds us */
  guint           index;        /* in the parent, or among the roots */
};

G_DEFINE_FINAL_TYPE (CjmOutlineNode, cjm_outline_node, G_TYPE_OBJECT)

enum {
  NODE_CHANGED,
  N_NODE_SIGNALS
};

static guint node_signals[N_NODE_SIGNALS];

static void
cjm_outline_node_finalize (GObject *object)
{
  CjmOutlineNode *self = CJM_OUTLINE_NODE (object);

  g_free (self->key);
  g_free (self->prefix);
  g_free (self->text);
  g_free (self->suffix);
  g_free (self->description);
  g_clear_object (&self->icon);
  g_clear_object (&self->entity);
  g_clear_object (&self->children);

  G_OBJECT_CLASS (cjm_outline_node_parent_class)->finalize (object);
}

static void
cjm_outline_node_class_init (CjmOutlineNodeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cjm_outline_node_finalize;

  node_signals[NODE_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cjm_outline_node_init (CjmOutlineNode *self)
{
}

static void
node_set_texts (CjmOutlineNode *node,
                const char     *prefix,
                const char     *text,
                const char     *suffix,
                char           *description)
{
  g_free (node->prefix);
  node->prefix = g_strdup (prefix);
  g_free (node->text);
  node->text = g_strdup (text);
  g_free (node->suffix);
  node->suffix = g_strdup (suffix);
  g_free (node->description);
  node->description = description;
}

/* The widget ------------------------------------------------------------ */

struct _CjmOutline
{
  GtkWidget           parent_instance;

  GtkWidget          *scroller;
  GtkListView        *list_view;
  GtkSingleSelection *selection_model;
  GListStore         *roots;
  GtkTreeListModel   *tree;

  CjmSelection       *selection;
  CjmDocument        *document;
  GSignalGroup       *selection_signals;
  GSignalGroup       *document_signals;
  GHashTable         *nodes;        /* CjmEntity -> CjmOutlineNode */
  GHashTable         *dirty;        /* CjmEntity set, to refresh in place */
  GHashTable         *relocate;     /* CjmEntity set (referenced), items to move */
  GHashTable         *expanded;     /* node keys */
  gboolean            needs_rebuild;
  gboolean            built_once;
  guint               update_id;
  gboolean            syncing;
  gboolean            scroll_pending;
  double              scroll_to;      /* where a rebuilt list should be, or -1 */
  int                 scroll_ticks;
};

G_DEFINE_FINAL_TYPE (CjmOutline, cjm_outline, GTK_TYPE_WIDGET)

typedef struct
{
  CjmLaneKind  kind;
  const char  *noun;       /* what a screen reader calls such a card */
  const char  *icon_name;
} CardKind;

static const CardKind card_kinds[] = {
  { CJM_LANE_ACTIONS, N_("Action"), "system-run-symbolic" },
  { CJM_LANE_THOUGHTS, N_("Thought"), "dialog-question-symbolic" },
  { CJM_LANE_PAIN_POINTS, N_("Pain point"), "dialog-warning-symbolic" },
  { CJM_LANE_OPPORTUNITIES, N_("Opportunity"), "emoji-objects-symbolic" },
  { CJM_LANE_BACKSTAGE, N_("Backstage"), "emblem-system-symbolic" },
  { CJM_LANE_METRICS, N_("Metric"), "x-office-spreadsheet-symbolic" },
  { CJM_LANE_NOTES, N_("Note"), "document-edit-symbolic" },
};

static const CardKind *
card_kind_for_lane (CjmLane *lane)
{
  CjmLaneKind kind = lane != NULL ? cjm_lane_get_kind (lane) : CJM_LANE_NOTES;

  for (guint i = 0; i < G_N_ELEMENTS (card_kinds); i++)
    if (card_kinds[i].kind == kind)
      return &card_kinds[i];
  return &card_kinds[G_N_ELEMENTS (card_kinds) - 1];
}

static CjmEntity *
lookup (CjmOutline *self,
        const char *id,
        GType       type)
{
  CjmEntity *entity = id != NULL ? cjm_document_lookup (self->document, id) : NULL;

  return entity != NULL && g_type_is_a (G_OBJECT_TYPE (entity), type) ? entity : NULL;
}

static const char *
nonempty (const char *text,
          const char *fallback)
{
  return text != NULL && *text != '\0' ? text : fallback;
}

/* The first line of a card's text, for a row that is one line high. */
static char *
first_line (const char *text)
{
  const char *end;

  if (text == NULL || *text == '\0')
    return g_strdup (_("Empty card"));
  end = strchr (text, '\n');
  return end != NULL ? g_strndup (text, end - text) : g_strdup (text);
}

static const char *
phase_name (CjmOutline *self,
            const char *id)
{
  CjmEntity *phase = lookup (self, id, CJM_TYPE_PHASE);

  return phase != NULL ? nonempty (cjm_phase_get_name (CJM_PHASE (phase)),
                                   _("Untitled phase")) : "";
}

static const char *
lane_name (CjmOutline *self,
           const char *id)
{
  CjmEntity *lane = lookup (self, id, CJM_TYPE_LANE);

  return lane != NULL ? nonempty (cjm_lane_get_name (CJM_LANE (lane)), _("Untitled lane")) : "";
}

static const char *
touchpoint_title (CjmOutline *self,
                  const char *id)
{
  CjmEntity *touchpoint = lookup (self, id, CJM_TYPE_TOUCHPOINT);

  if (touchpoint == NULL)
    return "";
  return nonempty (cjm_touchpoint_get_title (CJM_TOUCHPOINT (touchpoint)),
                   _("Untitled touchpoint"));
}

static char *
emotion_text (CjmOutline *self,
              int         emotion)
{
  GPtrArray *labels = cjm_map_get_scale_labels (cjm_document_get_map (self->document));

  for (guint i = 0; labels != NULL && i < labels->len; i++)
    {
      const CjmScaleLabel *label = g_ptr_array_index (labels, i);

      if (label->value == emotion && label->text != NULL && *label->text != '\0')
        return g_strdup (label->text);
    }
  /* Translators: an emotion rating on the map's scale */
  return g_strdup_printf (_("emotion %d"), emotion);
}

static char *
channel_text (CjmOutline *self,
              const char *keyword)
{
  const CjmChannelInfo *info = cjm_channel_info_lookup (keyword);
  CjmEntity *channel;

  if (info != NULL)
    return g_strdup (_(info->label));
  channel = lookup (self, keyword, CJM_TYPE_CHANNEL);
  if (channel != NULL)
    return g_strdup (nonempty (cjm_channel_get_name (CJM_CHANNEL (channel)), keyword));
  return NULL;
}

static GIcon *
touchpoint_icon (CjmOutline    *self,
                 CjmTouchpoint *touchpoint)
{
  const CjmChannelInfo *info = cjm_channel_info_lookup (cjm_touchpoint_get_channel (touchpoint));
  const char *names[2] = { NULL, NULL };
  guint n = 0;

  if (info != NULL)
    names[n++] = info->icon_name;
  names[n++] = "mark-location-symbolic";
  return g_themed_icon_new_from_names ((char **) names, (int) n);
}

static char *
curve_title (CjmOutline *self,
             CjmCurve   *curve)
{
  CjmEntity *persona = lookup (self, cjm_curve_get_persona (curve), CJM_TYPE_PERSONA);

  /* Translators: a persona's name and "As is" or "To be" */
  return g_strdup_printf (_("%s, %s"),
                          persona != NULL ? nonempty (cjm_persona_get_name (CJM_PERSONA (persona)),
                                                      cjm_curve_get_persona (curve))
                                          : cjm_curve_get_persona (curve),
                          cjm_enum_to_label (CJM_TYPE_CURVE_VARIANT,
                                             cjm_curve_get_variant (curve)));
}

/* Sets the words of an entity's row from the entity as it is now. */
static void
describe (CjmOutline     *self,
          CjmOutlineNode *node)
{
  CjmEntity *entity = node->entity;

  if (CJM_IS_TOUCHPOINT (entity))
    {
      CjmTouchpoint *touchpoint = CJM_TOUCHPOINT (entity);
      const char *title = nonempty (cjm_touchpoint_get_title (touchpoint),
                                    _("Untitled touchpoint"));
      const char *lane = lane_name (self, cjm_touchpoint_get_lane (touchpoint));
      g_autofree char *channel = channel_text (self, cjm_touchpoint_get_channel (touchpoint));
      /* Translators: a lane's name, shown before an item's title */
      g_autofree char *prefix = g_strdup_printf (_("%s:"), lane);
      GString *description = g_string_new (NULL);

      /* Translators: the start of what a screen reader says about a touchpoint */
      g_string_printf (description, _("Touchpoint: %s"), title);
      g_string_append (description, ", ");
      g_string_append (description, phase_name (self, cjm_touchpoint_get_phase (touchpoint)));
      g_string_append (description, ", ");
      /* Translators: %s is the name of a lane of the map */
      g_string_append_printf (description, _("%s lane"), lane);
      if (channel != NULL)
        g_string_append_printf (description, ", %s", channel);
      if (cjm_touchpoint_get_emotion (touchpoint) != CJM_UNSET_INT)
        {
          g_autofree char *emotion = emotion_text (self, cjm_touchpoint_get_emotion (touchpoint));

          g_string_append_printf (description, ", %s", emotion);
        }
      node_set_texts (node, prefix, title, NULL, g_string_free (description, FALSE));
      g_clear_object (&node->icon);
      node->icon = touchpoint_icon (self, touchpoint);
    }
  else if (CJM_IS_CARD (entity))
    {
      CjmCard *card = CJM_CARD (entity);
      CjmEntity *lane = lookup (self, cjm_card_get_lane (card), CJM_TYPE_LANE);
      const CardKind *kind = card_kind_for_lane (lane != NULL ? CJM_LANE (lane) : NULL);
      g_autofree char *title = first_line (cjm_card_get_text (card));
      const char *lane_label = lane_name (self, cjm_card_get_lane (card));
      /* Translators: a lane's name, shown before an item's title */
      g_autofree char *prefix = g_strdup_printf (_("%s:"), lane_label);
      /* Translators: %s is the name of a lane of the map */
      g_autofree char *lane_text = g_strdup_printf (_("%s lane"), lane_label);

      node_set_texts (node, prefix, title, NULL,
                      /* Translators: what a screen reader says about a card: its kind
                       * ("Pain point"), text, phase and lane */
                      g_strdup_printf (_("%s: %s, %s, %s"), _(kind->noun),
                                       nonempty (cjm_card_get_text (card), _("Empty card")),
                                       phase_name (self, cjm_card_get_phase (card)), lane_text));
      g_clear_object (&node->icon);
      node->icon = g_themed_icon_new (kind->icon_name);
    }
  else if (CJM_IS_PHASE (entity))
    {
      const char *name = nonempty (cjm_phase_get_name (CJM_PHASE (entity)), _("Untitled phase"));
      guint n = g_list_model_get_n_items (G_LIST_MODEL (node->children));
      g_autofree char *count = g_strdup_printf ("%u", n);
      GPtrArray *phases = cjm_document_get_phases (self->document);
      guint position = 0;

      g_ptr_array_find (phases, entity, &position);
      node_set_texts (node, NULL, name, count,
                      /* Translators: phase 2 of 5: its name, and how many items it holds */
                      g_strdup_printf (ngettext ("Phase %u of %u: %s, %u item",
                                                 "Phase %u of %u: %s, %u items", n),
                                       position + 1, phases->len, name, n));
    }
  else if (CJM_IS_LANE (entity))
    {
      const char *name = nonempty (cjm_lane_get_name (CJM_LANE (entity)), _("Untitled lane"));
      const char *kind = cjm_enum_to_label (CJM_TYPE_LANE_KIND,
                                            cjm_lane_get_kind (CJM_LANE (entity)));

      node_set_texts (node, NULL, name, kind,
                      /* Translators: a lane's name and its kind */
                      g_strdup_printf (_("Lane: %s, %s"), name, kind));
    }
  else if (CJM_IS_PERSONA (entity))
    {
      const char *name = nonempty (cjm_persona_get_name (CJM_PERSONA (entity)),
                                   _("Untitled persona"));

      node_set_texts (node, NULL, name, NULL, g_strdup_printf (_("Persona: %s"), name));
    }
  else if (CJM_IS_TRANSITION (entity))
    {
      CjmTransition *transition = CJM_TRANSITION (entity);
      g_autofree char *text = NULL;
      GString *description = g_string_new (NULL);
      CjmIrritations irritations = cjm_transition_get_irritations (transition);
      const char *from = touchpoint_title (self, cjm_transition_get_from_id (transition));
      const char *to = touchpoint_title (self, cjm_transition_get_to_id (transition));

      /* Translators: a transition from one touchpoint to another */
      text = g_strdup_printf (_("%s → %s"), from, to);
      /* Translators: what a screen reader says about a transition */
      g_string_printf (description, _("Transition from %s to %s"), from, to);
      for (guint bit = 1; bit <= CJM_IRRITATION_CHANNEL_SWITCH; bit <<= 1)
        if (irritations & bit)
          g_string_append_printf (description, ", %s", cjm_enum_to_label (CJM_TYPE_IRRITATIONS,
                                                                          (int) bit));
      node_set_texts (node, NULL, text, NULL, g_string_free (description, FALSE));
    }
  else if (CJM_IS_CURVE (entity))
    {
      g_autofree char *title = curve_title (self, CJM_CURVE (entity));
      GPtrArray *points = cjm_curve_get_points (CJM_CURVE (entity));
      guint n = points != NULL ? points->len : 0;
      g_autofree char *count = g_strdup_printf (ngettext ("%u point", "%u points", n), n);

      node_set_texts (node, NULL, title, count,
                      /* Translators: an emotion curve (persona and variant), and its size */
                      g_strdup_printf (_("Emotion curve: %s, %s"), title, count));
    }
  else if (CJM_IS_ACTION (entity))
    {
      CjmAction *action = CJM_ACTION (entity);
      const char *title = nonempty (cjm_action_get_title (action), _("Untitled action"));
      const char *status = cjm_enum_to_label (CJM_TYPE_STATUS, cjm_action_get_status (action));
      GString *description = g_string_new (NULL);

      g_string_printf (description, _("Action: %s, %s"), title, status);
      if (cjm_action_get_priority (action) != CJM_PRIORITY_UNSET)
        /* Translators: an action's priority, e.g. "high priority" */
        g_string_append_printf (description, _(", %s priority"),
                                cjm_enum_to_label (CJM_TYPE_PRIORITY,
                                                   cjm_action_get_priority (action)));
      node_set_texts (node, NULL, title, status, g_string_free (description, FALSE));
    }
  else if (CJM_IS_CHANNEL (entity))
    {
      const char *name = nonempty (cjm_channel_get_name (CJM_CHANNEL (entity)),
                                   cjm_entity_get_id (entity));

      node_set_texts (node, NULL, name, NULL, g_strdup_printf (_("Channel: %s"), name));
    }
}

static CjmOutlineNode *
node_new (CjmOutline     *self,
          CjmOutlineNode *parent,
          guint           index,
          CjmEntity      *entity,
          const char     *icon_name)
{
  CjmOutlineNode *node = g_object_new (CJM_TYPE_OUTLINE_NODE, NULL);

  node->parent = parent;
  node->index = index;
  if (icon_name != NULL)
    node->icon = g_themed_icon_new (icon_name);
  if (entity != NULL)
    {
      node->entity = g_object_ref (entity);
      node->key = g_strconcat ("entity:", cjm_entity_get_id (entity), NULL);
      g_hash_table_insert (self->nodes, entity, node);
    }
  return node;
}

static CjmOutlineNode *
group_new (CjmOutline *self,
           guint       index,
           const char *key,
           const char *title,
           const char *icon_name,
           GPtrArray  *entities,
           const char *child_icon_name)
{
  CjmOutlineNode *group = node_new (self, NULL, index, NULL, icon_name);
  g_autofree char *count = g_strdup_printf ("%u", entities->len);

  group->key = g_strdup (key);
  group->children = g_list_store_new (CJM_TYPE_OUTLINE_NODE);
  for (guint i = 0; i < entities->len; i++)
    {
      g_autoptr(CjmOutlineNode) node = node_new (self, group, i, g_ptr_array_index (entities, i),
                                                 child_icon_name);

      describe (self, node);
      g_list_store_append (group->children, node);
    }
  node_set_texts (group, NULL, title, count,
                  /* Translators: a group of the outline ("Personas") and its size */
                  g_strdup_printf (ngettext ("%s, %u item", "%s, %u items", entities->len),
                                   title, entities->len));
  return group;
}

static char *
cell_key (const char *phase,
          const char *lane)
{
  return g_strconcat (phase != NULL ? phase : "", "\x1f", lane != NULL ? lane : "", NULL);
}

static void
add_to_cells (GHashTable *cells,
              CjmEntity  *item,
              const char *phase,
              const char *lane)
{
  g_autofree char *key = cell_key (phase, lane);
  GPtrArray *items = g_hash_table_lookup (cells, key);

  if (items == NULL)
    {
      items = g_ptr_array_new ();
      g_hash_table_insert (cells, g_steal_pointer (&key), items);
    }
  g_ptr_array_add (items, item);
}

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  CjmOutlineNode *node = item;

  /* An empty group gets no expander arrow. */
  if (node->children == NULL || g_list_model_get_n_items (G_LIST_MODEL (node->children)) == 0)
    return NULL;
  return g_object_ref (G_LIST_MODEL (node->children));
}

/* Selection -------------------------------------------------------------- */

static guint
position_of (CjmOutline     *self,
             CjmOutlineNode *node,
             gboolean        expand)
{
  g_autoptr(GtkTreeListRow) row = NULL;

  if (node->parent == NULL)
    row = gtk_tree_list_model_get_child_row (self->tree, node->index);
  else
    {
      g_autoptr(GtkTreeListRow) parent = gtk_tree_list_model_get_child_row (self->tree,
                                                                            node->parent->index);

      if (parent == NULL)
        return GTK_INVALID_LIST_POSITION;
      if (!gtk_tree_list_row_get_expanded (parent))
        {
          if (!expand)
            return GTK_INVALID_LIST_POSITION;
          gtk_tree_list_row_set_expanded (parent, TRUE);
        }
      row = gtk_tree_list_row_get_child_row (parent, node->index);
    }
  return row != NULL ? gtk_tree_list_row_get_position (row) : GTK_INVALID_LIST_POSITION;
}

static void
follow_selection (CjmOutline *self,
                  gboolean    scroll)
{
  CjmEntity *primary = self->selection != NULL ? cjm_selection_get_primary (self->selection) : NULL;
  CjmOutlineNode *node = primary != NULL ? g_hash_table_lookup (self->nodes, primary) : NULL;
  guint position = node != NULL ? position_of (self, node, TRUE) : GTK_INVALID_LIST_POSITION;

  self->syncing = TRUE;
  if (gtk_single_selection_get_selected (self->selection_model) != position)
    gtk_single_selection_set_selected (self->selection_model, position);
  self->syncing = FALSE;

  if (!scroll || position == GTK_INVALID_LIST_POSITION)
    return;
  /* A list that is not on screen yet scrolls when it gets there. */
  self->scroll_pending = !gtk_widget_get_mapped (GTK_WIDGET (self->list_view));
  if (!self->scroll_pending)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

/* Scrolling needs the list's size, known only once it has been laid out. */
static gboolean
scroll_when_laid_out (GtkWidget     *list_view,
                      GdkFrameClock *frame_clock,
                      gpointer       user_data)
{
  CjmOutline *self = user_data;

  if (gtk_widget_get_height (list_view) == 0)
    return G_SOURCE_CONTINUE;
  if (self->scroll_pending)
    follow_selection (self, TRUE);
  return G_SOURCE_REMOVE;
}

static void
on_list_view_map (CjmOutline *self)
{
  if (self->scroll_pending)
    gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), scroll_when_laid_out, self, NULL);
}

static void
on_selection_model_selection_changed (CjmOutline *self)
{
  GtkTreeListRow *row;
  CjmOutlineNode *node;

  if (self->syncing || self->selection == NULL)
    return;

  row = gtk_single_selection_get_selected_item (self->selection_model);
  node = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
  if (node != NULL && node->entity != NULL
      && cjm_selection_get_primary (self->selection) != node->entity)
    {
      self->syncing = TRUE;
      cjm_selection_set (self->selection, node->entity);
      self->syncing = FALSE;
    }
  g_clear_object (&node);
}

static void
on_selection_changed (CjmOutline *self)
{
  if (!self->syncing)
    follow_selection (self, TRUE);
}

static void
on_list_view_activate (CjmOutline *self,
                       guint       position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection_model),
                                                         position);

  if (row != NULL && gtk_tree_list_row_is_expandable (row))
    gtk_tree_list_row_set_expanded (row, !gtk_tree_list_row_get_expanded (row));
}

/* Building -------------------------------------------------------------- */

static void
remember_expanded (CjmOutline *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->roots));

  if (!self->built_once)
    return;
  g_hash_table_remove_all (self->expanded);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_child_row (self->tree, i);
      g_autoptr(CjmOutlineNode) node = g_list_model_get_item (G_LIST_MODEL (self->roots), i);

      if (row != NULL && gtk_tree_list_row_get_expanded (row))
        g_hash_table_add (self->expanded, g_strdup (node->key));
    }
}

/* The rows of a rebuilt list get their real heights only when laid out,
 * and the list then moves its view; so the old position is put back on the
 * following frames until it holds. */
static gboolean
restore_scroll (GtkWidget     *list_view,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  CjmOutline *self = user_data;
  GtkAdjustment *vadjustment;

  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  if (self->scroll_ticks > 0 && gtk_adjustment_get_value (vadjustment) == self->scroll_to)
    goto done;
  gtk_adjustment_set_value (vadjustment, self->scroll_to);
  if (++self->scroll_ticks < 4)
    return G_SOURCE_CONTINUE;

done:
  self->scroll_ticks = 0;
  self->scroll_to = -1;
  return G_SOURCE_REMOVE;
}

static void
rebuild (CjmOutline *self)
{
  g_autoptr(GHashTable) cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func (g_object_unref);
  GtkAdjustment *vadjustment;
  double scroll;
  GPtrArray *phases, *lanes, *list;
  guint n_old;

  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  scroll = gtk_adjustment_get_value (vadjustment);
  remember_expanded (self);
  g_hash_table_remove_all (self->nodes);
  g_hash_table_remove_all (self->dirty);
  g_hash_table_remove_all (self->relocate);
  self->needs_rebuild = FALSE;

  if (self->document != NULL)
    {
      phases = cjm_document_get_phases (self->document);
      lanes = cjm_document_get_lanes (self->document);

      /* One pass over the items instead of one per cell. */
      list = cjm_document_get_touchpoints (self->document);
      for (guint i = 0; i < list->len; i++)
        add_to_cells (cells, g_ptr_array_index (list, i),
                      cjm_touchpoint_get_phase (g_ptr_array_index (list, i)),
                      cjm_touchpoint_get_lane (g_ptr_array_index (list, i)));
      list = cjm_document_get_cards (self->document);
      for (guint i = 0; i < list->len; i++)
        add_to_cells (cells, g_ptr_array_index (list, i),
                      cjm_card_get_phase (g_ptr_array_index (list, i)),
                      cjm_card_get_lane (g_ptr_array_index (list, i)));

      for (guint p = 0; p < phases->len; p++)
        {
          CjmEntity *phase = g_ptr_array_index (phases, p);
          CjmOutlineNode *node = node_new (self, NULL, roots->len, phase, "view-paged-symbolic");
          guint index = 0;

          node->children = g_list_store_new (CJM_TYPE_OUTLINE_NODE);
          for (guint l = 0; l < lanes->len; l++)
            {
              CjmEntity *lane = g_ptr_array_index (lanes, l);
              g_autofree char *key = cell_key (cjm_entity_get_id (phase), cjm_entity_get_id (lane));
              GPtrArray *items = g_hash_table_lookup (cells, key);

              for (guint i = 0; items != NULL && i < items->len; i++)
                {
                  g_autoptr(CjmOutlineNode) child = node_new (self, node, index++,
                                                              g_ptr_array_index (items, i), NULL);

                  describe (self, child);
                  g_list_store_append (node->children, child);
                }
            }
          describe (self, node);
          g_ptr_array_add (roots, node);
        }

      g_ptr_array_add (roots, group_new (self, roots->len, "group:lanes", _("Lanes"),
                                         "view-continuous-symbolic", lanes,
                                         "view-continuous-symbolic"));
      g_ptr_array_add (roots, group_new (self, roots->len, "group:personas", _("Personas"),
                                         "system-users-symbolic",
                                         cjm_document_get_personas (self->document),
                                         "avatar-default-symbolic"));
      g_ptr_array_add (roots, group_new (self, roots->len, "group:transitions", _("Transitions"),
                                         "insert-link-symbolic",
                                         cjm_document_get_transitions (self->document),
                                         "go-next-symbolic"));
      g_ptr_array_add (roots, group_new (self, roots->len, "group:curves", _("Emotion curves"),
                                         "face-smile-symbolic",
                                         cjm_document_get_curves (self->document),
                                         "face-smile-symbolic"));
      g_ptr_array_add (roots, group_new (self, roots->len, "group:actions", _("Action plan"),
                                         "object-select-symbolic",
                                         cjm_document_get_actions (self->document),
                                         "object-select-symbolic"));
    }

  self->syncing = TRUE;
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->roots));
  g_list_store_splice (self->roots, 0, n_old, roots->pdata, roots->len);

  for (guint i = 0; i < roots->len; i++)
    {
      CjmOutlineNode *node = g_ptr_array_index (roots, i);
      gboolean expand = self->built_once ? g_hash_table_contains (self->expanded, node->key)
                                         : CJM_IS_PHASE (node->entity);

      if (expand)
        {
          g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_child_row (self->tree, i);

          gtk_tree_list_row_set_expanded (row, TRUE);
        }
    }
  self->built_once = self->document != NULL;
  self->syncing = FALSE;

  follow_selection (self, FALSE);

  /* The new rows have no sizes yet; put the view back once they do. */
  if (scroll > 0 && gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    {
      if (self->scroll_to < 0)
        gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), restore_scroll, self, NULL);
      self->scroll_to = scroll;
    }
}

/* Moving single items ------------------------------------------------------
 *
 * Adding, removing or moving a few touchpoints or cards changes one or two
 * phases; taking those rows out and putting them back keeps the rest of
 * the tree, its expanded rows and the scroll position as they were. */

typedef struct
{
  GHashTable *lanes;   /* lane id -> position + 1 */
  GHashTable *order;   /* item -> position in its document list + 1, made when needed */
} Placing;

static gboolean
item_place (CjmEntity   *item,
            const char **phase,
            const char **lane)
{
  if (CJM_IS_TOUCHPOINT (item))
    {
      *phase = cjm_touchpoint_get_phase (CJM_TOUCHPOINT (item));
      *lane = cjm_touchpoint_get_lane (CJM_TOUCHPOINT (item));
      return TRUE;
    }
  if (CJM_IS_CARD (item))
    {
      *phase = cjm_card_get_phase (CJM_CARD (item));
      *lane = cjm_card_get_lane (CJM_CARD (item));
      return TRUE;
    }
  return FALSE;
}

static guint
item_order (CjmOutline *self,
            Placing    *placing,
            CjmEntity  *item)
{
  if (placing->order == NULL)
    {
      GPtrArray *lists[2] = { cjm_document_get_touchpoints (self->document),
                              cjm_document_get_cards (self->document) };

      placing->order = g_hash_table_new (NULL, NULL);
      for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
        for (guint i = 0; i < lists[l]->len; i++)
          g_hash_table_insert (placing->order, g_ptr_array_index (lists[l], i),
                               GUINT_TO_POINTER (i + 1));
    }
  return GPOINTER_TO_UINT (g_hash_table_lookup (placing->order, item));
}

/* The order rebuild() makes: by lane, touchpoints before cards, then as listed. */
static int
compare_items (CjmOutline *self,
               Placing    *placing,
               CjmEntity  *a,
               CjmEntity  *b)
{
  const char *phase, *lane_a, *lane_b;
  guint la, lb;

  item_place (a, &phase, &lane_a);
  item_place (b, &phase, &lane_b);
  la = GPOINTER_TO_UINT (g_hash_table_lookup (placing->lanes, lane_a));
  lb = GPOINTER_TO_UINT (g_hash_table_lookup (placing->lanes, lane_b));
  if (la != lb)
    return la < lb ? -1 : 1;
  if (CJM_IS_CARD (a) != CJM_IS_CARD (b))
    return CJM_IS_CARD (a) ? 1 : -1;
  la = item_order (self, placing, a);
  lb = item_order (self, placing, b);
  return la < lb ? -1 : la > lb ? 1 : 0;
}

static void
renumber (GListStore *store,
          guint       from)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  for (guint i = from; i < n; i++)
    {
      g_autoptr(CjmOutlineNode) node = g_list_model_get_item (G_LIST_MODEL (store), i);

      node->index = i;
    }
}

/* A phase that gains its first item or loses its last one gets its row made
 * again, so its expander arrow appears or goes. */
static void
refresh_root_row (CjmOutline     *self,
                  CjmOutlineNode *root,
                  gboolean        expand)
{
  g_autoptr(CjmOutlineNode) keep = g_object_ref (root);
  g_autoptr(GtkTreeListRow) row = NULL;

  g_list_store_splice (self->roots, root->index, 1, (gpointer *) &keep, 1);
  row = gtk_tree_list_model_get_child_row (self->tree, root->index);
  if (expand && row != NULL)
    gtk_tree_list_row_set_expanded (row, TRUE);
}

static void
detach_item (CjmOutline     *self,
             CjmOutlineNode *node,
             GHashTable     *touched)
{
  CjmOutlineNode *parent = node->parent;
  guint index = node->index;

  g_hash_table_remove (self->nodes, node->entity);
  if (parent == NULL)
    return;
  g_list_store_remove (parent->children, index);
  renumber (parent->children, index);
  g_hash_table_add (touched, parent);
  if (g_list_model_get_n_items (G_LIST_MODEL (parent->children)) == 0)
    refresh_root_row (self, parent, FALSE);
}

static void
attach_item (CjmOutline *self,
             Placing    *placing,
             CjmEntity  *item,
             GHashTable *touched)
{
  const char *phase_id, *lane_id;
  CjmEntity *phase;
  CjmOutlineNode *parent;
  g_autoptr(CjmOutlineNode) node = NULL;
  guint n, position;

  if (!item_place (item, &phase_id, &lane_id)
      || !g_hash_table_contains (placing->lanes, lane_id != NULL ? lane_id : ""))
    return;
  phase = lookup (self, phase_id, CJM_TYPE_PHASE);
  parent = phase != NULL ? g_hash_table_lookup (self->nodes, phase) : NULL;
  if (parent == NULL || parent->children == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (parent->children));
  for (position = 0; position < n; position++)
    {
      g_autoptr(CjmOutlineNode) child = g_list_model_get_item (G_LIST_MODEL (parent->children),
                                                               position);

      if (compare_items (self, placing, child->entity, item) > 0)
        break;
    }

  node = node_new (self, parent, position, item, NULL);
  describe (self, node);
  g_list_store_insert (parent->children, position, node);
  renumber (parent->children, position + 1);
  g_hash_table_add (touched, parent);
  if (n == 0)
    refresh_root_row (self, parent, TRUE);
}

static void
relocate_items (CjmOutline *self)
{
  g_autoptr(GHashTable) touched = g_hash_table_new (NULL, NULL);
  GPtrArray *lanes = cjm_document_get_lanes (self->document);
  Placing placing = { g_hash_table_new (g_str_hash, g_str_equal), NULL };
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < lanes->len; i++)
    g_hash_table_insert (placing.lanes, (gpointer) cjm_entity_get_id (g_ptr_array_index (lanes, i)),
                         GUINT_TO_POINTER (i + 1));

  self->syncing = TRUE;
  g_hash_table_iter_init (&iter, self->relocate);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      CjmEntity *item = key;
      CjmOutlineNode *node = g_hash_table_lookup (self->nodes, item);

      if (node != NULL)
        detach_item (self, node, touched);
      if (cjm_document_lookup (self->document, cjm_entity_get_id (item)) == item)
        attach_item (self, &placing, item, touched);
    }
  self->syncing = FALSE;
  g_hash_table_remove_all (self->relocate);

  /* The phases' counts. */
  g_hash_table_iter_init (&iter, touched);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      describe (self, key);
      g_signal_emit (key, node_signals[NODE_CHANGED], 0);
    }

  g_hash_table_unref (placing.lanes);
  g_clear_pointer (&placing.order, g_hash_table_unref);
  follow_selection (self, FALSE);
}

static gboolean
update_idle (gpointer user_data)
{
  CjmOutline *self = user_data;
  GHashTableIter iter;
  gpointer entity;

  self->update_id = 0;
  /* Past a few hundred moves, building afresh is quicker. */
  if (self->needs_rebuild || g_hash_table_size (self->relocate) > 200)
    {
      rebuild (self);
      return G_SOURCE_REMOVE;
    }
  if (g_hash_table_size (self->relocate) > 0)
    relocate_items (self);

  g_hash_table_iter_init (&iter, self->dirty);
  while (g_hash_table_iter_next (&iter, &entity, NULL))
    {
      CjmOutlineNode *node = g_hash_table_lookup (self->nodes, entity);

      if (node != NULL)
        {
          describe (self, node);
          g_signal_emit (node, node_signals[NODE_CHANGED], 0);
        }
    }
  g_hash_table_remove_all (self->dirty);
  return G_SOURCE_REMOVE;
}

static void
queue_update (CjmOutline *self,
              CjmEntity  *entity)
{
  if (entity == NULL)
    self->needs_rebuild = TRUE;
  else
    g_hash_table_add (self->dirty, entity);
  if (self->update_id == 0)
    self->update_id = g_idle_add (update_idle, self);
}

static void
queue_relocate (CjmOutline *self,
                CjmEntity  *item)
{
  if (!g_hash_table_contains (self->relocate, item))
    g_hash_table_add (self->relocate, g_object_ref (item));
  if (self->update_id == 0)
    self->update_id = g_idle_add (update_idle, self);
}

static void
on_document_changed (CjmOutline *self,
                     guint       kind,
                     CjmEntity  *entity,
                     const char *field)
{
  if (CJM_IS_MAP (entity) && (field == NULL || g_strcmp0 (field, "scale-labels") != 0))
    return;

  if ((CJM_IS_TOUCHPOINT (entity) || CJM_IS_CARD (entity))
      && (kind != CJM_CHANGE_FIELD
          || g_strcmp0 (field, "phase") == 0 || g_strcmp0 (field, "lane") == 0))
    {
      queue_relocate (self, entity);
      return;
    }

  /* A field that only changes the words of one row is refreshed in place;
   * anything else that moves rows around rebuilds the tree. */
  if (kind == CJM_CHANGE_FIELD
      && (CJM_IS_TOUCHPOINT (entity) || CJM_IS_CARD (entity) || CJM_IS_ACTION (entity)
          || CJM_IS_TRANSITION (entity) || CJM_IS_CURVE (entity)))
    {
      if (g_hash_table_contains (self->nodes, entity))
        queue_update (self, entity);

      /* Transitions are named after their touchpoints. */
      if (CJM_IS_TOUCHPOINT (entity) && g_strcmp0 (field, "title") == 0)
        {
          GPtrArray *transitions = cjm_document_get_transitions (self->document);
          const char *id = cjm_entity_get_id (entity);

          for (guint i = 0; i < transitions->len; i++)
            {
              CjmTransition *transition = g_ptr_array_index (transitions, i);

              if (g_strcmp0 (cjm_transition_get_from_id (transition), id) == 0
                  || g_strcmp0 (cjm_transition_get_to_id (transition), id) == 0)
                queue_update (self, CJM_ENTITY (transition));
            }
        }
      return;
    }

  queue_update (self, NULL);
}

/* Rows ------------------------------------------------------------------ */

typedef struct
{
  GtkWidget *expander;
  GtkWidget *icon;
  GtkWidget *prefix;
  GtkWidget *text;
  GtkWidget *suffix;
} RowWidgets;

static void
sync_row (GtkListItem *item)
{
  RowWidgets *widgets = g_object_get_data (G_OBJECT (item), "cjm-row");
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  g_autoptr(CjmOutlineNode) node = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;

  if (node == NULL)
    return;

  gtk_image_set_from_gicon (GTK_IMAGE (widgets->icon), node->icon);
  gtk_widget_set_visible (widgets->icon, node->icon != NULL);
  gtk_label_set_text (GTK_LABEL (widgets->prefix), node->prefix != NULL ? node->prefix : "");
  gtk_widget_set_visible (widgets->prefix, node->prefix != NULL);
  gtk_label_set_text (GTK_LABEL (widgets->text), node->text != NULL ? node->text : "");
  gtk_label_set_text (GTK_LABEL (widgets->suffix), node->suffix != NULL ? node->suffix : "");
  gtk_widget_set_visible (widgets->suffix, node->suffix != NULL);
  if (node->parent == NULL)
    gtk_widget_add_css_class (widgets->text, "heading");
  else
    gtk_widget_remove_css_class (widgets->text, "heading");

  gtk_accessible_update_property (GTK_ACCESSIBLE (widgets->text),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, node->description, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widgets->expander),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, node->description, -1);
}

/* Asked for only when shown: setting a tooltip on each bind costs a round
 * trip to the display server per row. */
static gboolean
on_row_query_tooltip (GtkListItem *item,
                      int          x,
                      int          y,
                      gboolean     keyboard,
                      GtkTooltip  *tooltip,
                      GtkWidget   *widget)
{
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  g_autoptr(CjmOutlineNode) node = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;

  if (node == NULL || node->description == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, node->description);
  return TRUE;
}

static void
on_factory_setup (CjmOutline               *self,
                  GtkListItem              *item,
                  GtkSignalListItemFactory *factory)
{
  RowWidgets *widgets = g_new0 (RowWidgets, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  widgets->expander = gtk_tree_expander_new ();
  widgets->icon = gtk_image_new ();
  widgets->prefix = gtk_label_new (NULL);
  widgets->text = gtk_label_new (NULL);
  widgets->suffix = gtk_label_new (NULL);

  gtk_widget_add_css_class (widgets->prefix, "dim-label");
  gtk_widget_add_css_class (widgets->suffix, "dim-label");
  gtk_widget_add_css_class (widgets->suffix, "numeric");
  gtk_label_set_ellipsize (GTK_LABEL (widgets->prefix), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (widgets->prefix), 18);
  gtk_label_set_ellipsize (GTK_LABEL (widgets->text), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (widgets->text), 0);
  gtk_widget_set_hexpand (widgets->text, TRUE);
  gtk_widget_set_margin_end (widgets->suffix, 6);

  /* The main label speaks for the row; the rest would only repeat it. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (widgets->icon),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (widgets->prefix),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (widgets->suffix),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  gtk_box_append (GTK_BOX (box), widgets->icon);
  gtk_box_append (GTK_BOX (box), widgets->prefix);
  gtk_box_append (GTK_BOX (box), widgets->text);
  gtk_box_append (GTK_BOX (box), widgets->suffix);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (widgets->expander), box);
  gtk_widget_set_has_tooltip (widgets->expander, TRUE);
  g_signal_connect_object (widgets->expander, "query-tooltip", G_CALLBACK (on_row_query_tooltip),
                           item, G_CONNECT_SWAPPED);
  gtk_list_item_set_child (item, widgets->expander);
  g_object_set_data_full (G_OBJECT (item), "cjm-row", widgets, g_free);
}

static void
on_node_changed (GtkListItem    *item,
                 CjmOutlineNode *node)
{
  sync_row (item);
}

static void
on_factory_bind (CjmOutline               *self,
                 GtkListItem              *item,
                 GtkSignalListItemFactory *factory)
{
  RowWidgets *widgets = g_object_get_data (G_OBJECT (item), "cjm-row");
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  g_autoptr(CjmOutlineNode) node = gtk_tree_list_row_get_item (row);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (widgets->expander), row);
  g_signal_connect_object (node, "changed", G_CALLBACK (on_node_changed), item, G_CONNECT_SWAPPED);
  sync_row (item);
}

static void
on_factory_unbind (CjmOutline               *self,
                   GtkListItem              *item,
                   GtkSignalListItemFactory *factory)
{
  RowWidgets *widgets = g_object_get_data (G_OBJECT (item), "cjm-row");
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  g_autoptr(CjmOutlineNode) node = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;

  if (node != NULL)
    g_signal_handlers_disconnect_by_func (node, on_node_changed, item);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (widgets->expander), NULL);
}

/* GObject ---------------------------------------------------------------- */

static void
cjm_outline_dispose (GObject *object)
{
  CjmOutline *self = CJM_OUTLINE (object);

  g_clear_handle_id (&self->update_id, g_source_remove);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->selection_model);
  g_clear_object (&self->tree);
  g_clear_object (&self->roots);
  g_clear_object (&self->selection_signals);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->selection);
  g_clear_object (&self->document);
  g_clear_pointer (&self->nodes, g_hash_table_unref);
  g_clear_pointer (&self->dirty, g_hash_table_unref);
  g_clear_pointer (&self->relocate, g_hash_table_unref);
  g_clear_pointer (&self->expanded, g_hash_table_unref);

  G_OBJECT_CLASS (cjm_outline_parent_class)->dispose (object);
}

static void
cjm_outline_class_init (CjmOutlineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cjm_outline_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "outline");
}

static void
cjm_outline_init (CjmOutline *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *list_view;

  self->selection_signals = g_signal_group_new (CJM_TYPE_SELECTION);
  g_signal_group_connect_object (self->selection_signals, "changed",
                                 G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  self->document_signals = g_signal_group_new (CJM_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "changed",
                                 G_CALLBACK (on_document_changed), self, G_CONNECT_SWAPPED);

  self->scroll_to = -1;
  self->nodes = g_hash_table_new (NULL, NULL);
  self->dirty = g_hash_table_new (NULL, NULL);
  self->relocate = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->roots = g_list_store_new (CJM_TYPE_OUTLINE_NODE);
  self->tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->roots)), FALSE, FALSE,
                                        create_children, NULL, NULL);
  self->selection_model = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->tree)));
  gtk_single_selection_set_autoselect (self->selection_model, FALSE);
  gtk_single_selection_set_can_unselect (self->selection_model, TRUE);
  g_signal_connect_object (self->selection_model, "selection-changed",
                           G_CALLBACK (on_selection_model_selection_changed),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect_object (factory, "setup", G_CALLBACK (on_factory_setup),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "bind", G_CALLBACK (on_factory_bind),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (on_factory_unbind),
                           self, G_CONNECT_SWAPPED);

  list_view = gtk_list_view_new (g_object_ref (GTK_SELECTION_MODEL (self->selection_model)),
                                 factory);
  self->list_view = GTK_LIST_VIEW (list_view);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Map outline"), -1);
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (on_list_view_activate),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_view, "map", G_CALLBACK (on_list_view_map),
                           self, G_CONNECT_SWAPPED);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller),
                                 GTK_WIDGET (self->list_view));
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
}

GtkWidget *
cjm_outline_new (void)
{
  return g_object_new (CJM_TYPE_OUTLINE, NULL);
}

void
cjm_outline_set_selection (CjmOutline   *self,
                           CjmSelection *selection)
{
  CjmDocument *document;

  g_return_if_fail (CJM_IS_OUTLINE (self));
  g_return_if_fail (selection == NULL || CJM_IS_SELECTION (selection));

  if (self->selection == selection)
    return;

  document = selection != NULL ? cjm_selection_get_document (selection) : NULL;
  g_set_object (&self->selection, selection);
  g_set_object (&self->document, document);
  g_signal_group_set_target (self->selection_signals, selection);
  g_signal_group_set_target (self->document_signals, document);

  g_clear_handle_id (&self->update_id, g_source_remove);
  self->built_once = FALSE;
  rebuild (self);
}
