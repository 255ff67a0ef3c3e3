/* cjm-document.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gobject/gvaluecollector.h>
#include <math.h>
#include <string.h>

#include "cjm-collection-command.h"
#include "cjm-document-private.h"
#include "cjm-property-command.h"

/* The lists of a map, in file order. */
typedef enum
{
  LIST_PERSONAS,
  LIST_CHANNELS,
  LIST_PHASES,
  LIST_LANES,
  LIST_TOUCHPOINTS,
  LIST_CARDS,
  LIST_TRANSITIONS,
  LIST_CURVES,
  LIST_ACTIONS,
  N_LISTS
} ListIndex;

struct _CjmDocument
{
  GObject     parent_instance;

  CjmMap     *map;
  GPtrArray  *lists[N_LISTS];
  GHashTable *by_id;      /* id -> CjmEntity, borrowed from the lists */
  CjmHistory *history;
  guint       next_id;
};

G_DEFINE_FINAL_TYPE (CjmDocument, cjm_document, G_TYPE_OBJECT)

G_DEFINE_QUARK (cjm-model-error-quark, cjm_model_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
list_for_type (GType type)
{
  if (type == CJM_TYPE_PERSONA)
    return LIST_PERSONAS;
  if (type == CJM_TYPE_CHANNEL)
    return LIST_CHANNELS;
  if (type == CJM_TYPE_PHASE)
    return LIST_PHASES;
  if (type == CJM_TYPE_LANE)
    return LIST_LANES;
  if (type == CJM_TYPE_TOUCHPOINT)
    return LIST_TOUCHPOINTS;
  if (type == CJM_TYPE_CARD)
    return LIST_CARDS;
  if (type == CJM_TYPE_TRANSITION)
    return LIST_TRANSITIONS;
  if (type == CJM_TYPE_CURVE)
    return LIST_CURVES;
  if (type == CJM_TYPE_ACTION)
    return LIST_ACTIONS;
  return -1;
}

static void
cjm_document_finalize (GObject *object)
{
  CjmDocument *self = CJM_DOCUMENT (object);

  g_clear_object (&self->history);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  for (guint i = 0; i < N_LISTS; i++)
    g_clear_pointer (&self->lists[i], g_ptr_array_unref);
  g_clear_object (&self->map);

  G_OBJECT_CLASS (cjm_document_parent_class)->finalize (object);
}

static void
cjm_document_class_init (CjmDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cjm_document_finalize;

  /**
   * CjmDocument::changed:
   * @self: the document
   * @kind: a #CjmChangeKind
   * @entity: the entity concerned, the #CjmMap for map-wide fields
   * @field: (nullable): the field that changed, for %CJM_CHANGE_FIELD
   *
   * Emitted after every change, including undo and redo, so views redraw
   * only what changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, CJM_TYPE_ENTITY, G_TYPE_STRING);
}

static void
cjm_document_init (CjmDocument *self)
{
  self->map = cjm_map_new ();
  for (guint i = 0; i < N_LISTS; i++)
    self->lists[i] = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->history = cjm_history_new ();
  self->next_id = 1;
}

/**
 * cjm_document_new:
 *
 * Returns: (transfer full): an empty map with no phases, lanes or personas
 */
CjmDocument *
cjm_document_new (void)
{
  return g_object_new (CJM_TYPE_DOCUMENT, NULL);
}

CjmMap *
cjm_document_get_map (CjmDocument *self)
{
  g_return_val_if_fail (CJM_IS_DOCUMENT (self), NULL);

  return self->map;
}

CjmHistory *
cjm_document_get_history (CjmDocument *self)
{
  g_return_val_if_fail (CJM_IS_DOCUMENT (self), NULL);

  return self->history;
}

/**
 * cjm_document_get_list:
 * @self: a document
 * @type: an entity type other than #CjmMap
 *
 * Returns: (transfer none) (element-type CjmEntity): the entities of @type
 *   in file order; read-only
 */
GPtrArray *
cjm_document_get_list (CjmDocument *self,
                       GType        type)
{
  int list = list_for_type (type);

  g_return_val_if_fail (CJM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (list >= 0, NULL);

  return self->lists[list];
}

#define DEFINE_LIST_GETTER(name, LIST)               \
  GPtrArray *                                        \
  cjm_document_get_##name (CjmDocument *self)        \
  {                                                  \
    g_return_val_if_fail (CJM_IS_DOCUMENT (self), NULL); \
    return self->lists[LIST];                        \
  }

DEFINE_LIST_GETTER (personas, LIST_PERSONAS)
DEFINE_LIST_GETTER (channels, LIST_CHANNELS)
DEFINE_LIST_GETTER (phases, LIST_PHASES)
DEFINE_LIST_GETTER (lanes, LIST_LANES)
DEFINE_LIST_GETTER (touchpoints, LIST_TOUCHPOINTS)
DEFINE_LIST_GETTER (cards, LIST_CARDS)
DEFINE_LIST_GETTER (transitions, LIST_TRANSITIONS)
DEFINE_LIST_GETTER (curves, LIST_CURVES)
DEFINE_LIST_GETTER (actions, LIST_ACTIONS)

CjmEntity *
cjm_document_lookup (CjmDocument *self,
                     const char  *id)
{
  g_return_val_if_fail (CJM_IS_DOCUMENT (self), NULL);

  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (self->by_id, id);
}

guint
cjm_document_count_entities (CjmDocument *self)
{
  g_return_val_if_fail (CJM_IS_DOCUMENT (self), 0);

  return g_hash_table_size (self->by_id);
}

/**
 * cjm_document_new_id:
 * @self: a document
 * @prefix: a short, readable prefix that is itself a valid id ("tp", "phase")
 *
 * Returns: (transfer full): an id no entity of @self has
 */
char *
cjm_document_new_id (CjmDocument *self,
                     const char  *prefix)
{
  g_return_val_if_fail (CJM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (cjm_id_is_valid (prefix) && strlen (prefix) < 32, NULL);

  for (;;)
    {
      char *id = g_strdup_printf ("%s%u", prefix, self->next_id++);

      if (!g_hash_table_contains (self->by_id, id))
        return id;
      g_free (id);
    }
}

void
cjm_document_emit_changed (CjmDocument   *self,
                           CjmChangeKind  kind,
                           CjmEntity     *entity,
                           const char    *field)
{
  g_signal_emit (self, signals[CHANGED], 0, (guint) kind, entity, field);
}

void
cjm_document_insert_entity (CjmDocument *self,
                            CjmEntity   *entity,
                            guint        index)
{
  GPtrArray *list = cjm_document_get_list (self, G_OBJECT_TYPE (entity));

  g_return_if_fail (list != NULL);
  g_return_if_fail (!g_hash_table_contains (self->by_id, cjm_entity_get_id (entity)));

  g_ptr_array_insert (list, (int) MIN (index, list->len), g_object_ref (entity));
  g_hash_table_insert (self->by_id, (gpointer) cjm_entity_get_id (entity), entity);
  cjm_document_emit_changed (self, CJM_CHANGE_INSERTED, entity, NULL);
}

guint
cjm_document_remove_entity (CjmDocument *self,
                            CjmEntity   *entity)
{
  GPtrArray *list = cjm_document_get_list (self, G_OBJECT_TYPE (entity));
  guint index;

  g_return_val_if_fail (list != NULL, 0);
  if (!g_ptr_array_find (list, entity, &index))
    g_return_val_if_reached (0);

  g_hash_table_remove (self->by_id, cjm_entity_get_id (entity));
  g_object_ref (entity);
  g_ptr_array_remove_index (list, index);
  cjm_document_emit_changed (self, CJM_CHANGE_REMOVED, entity, NULL);
  g_object_unref (entity);
  return index;
}

guint
cjm_document_move_entity (CjmDocument *self,
                          CjmEntity   *entity,
                          guint        to_index)
{
  GPtrArray *list = cjm_document_get_list (self, G_OBJECT_TYPE (entity));
  guint index;

  g_return_val_if_fail (list != NULL, 0);
  if (!g_ptr_array_find (list, entity, &index))
    g_return_val_if_reached (0);

  entity = g_ptr_array_steal_index (list, index);
  g_ptr_array_insert (list, (int) MIN (to_index, list->len), entity);
  cjm_document_emit_changed (self, CJM_CHANGE_MOVED, entity, NULL);
  return index;
}

/**
 * cjm_document_describe_type:
 * @type: an entity type
 *
 * Returns: the translated name of one entity of @type, in lower case
 *   ("touchpoint"), for use in messages
 */
const char *
cjm_document_describe_type (GType type)
{
  if (type == CJM_TYPE_PERSONA)
    return _("persona");
  if (type == CJM_TYPE_CHANNEL)
    return _("channel");
  if (type == CJM_TYPE_PHASE)
    return _("phase");
  if (type == CJM_TYPE_LANE)
    return _("lane");
  if (type == CJM_TYPE_TOUCHPOINT)
    return _("touchpoint");
  if (type == CJM_TYPE_CARD)
    return _("card");
  if (type == CJM_TYPE_TRANSITION)
    return _("transition");
  if (type == CJM_TYPE_CURVE)
    return _("emotion curve");
  if (type == CJM_TYPE_ACTION)
    return _("action");
  return _("item");
}

static CjmLane *
lookup_lane (CjmDocument *self,
             const char  *lane_id)
{
  CjmEntity *lane = cjm_document_lookup (self, lane_id);

  return CJM_IS_LANE (lane) ? CJM_LANE (lane) : NULL;
}

/**
 * cjm_document_can_place:
 * @self: a document
 * @item_type: %CJM_TYPE_TOUCHPOINT or %CJM_TYPE_CARD
 * @lane_id: a lane of @self
 *
 * Touchpoints live in touchpoints lanes; cards in every lane except the
 * touchpoints and emotion lanes.
 *
 * Returns: whether an item of @item_type may be placed in the lane
 */
gboolean
cjm_document_can_place (CjmDocument *self,
                        GType        item_type,
                        const char  *lane_id)
{
  CjmLane *lane = lookup_lane (self, lane_id);
  CjmLaneKind kind;

  if (lane == NULL)
    return FALSE;
  kind = cjm_lane_get_kind (lane);
  if (item_type == CJM_TYPE_TOUCHPOINT)
    return kind == CJM_LANE_TOUCHPOINTS;
  if (item_type == CJM_TYPE_CARD)
    return kind != CJM_LANE_TOUCHPOINTS && kind != CJM_LANE_EMOTION;
  return FALSE;
}

/**
 * cjm_document_get_cell_items:
 * @self: a document
 * @phase_id: a phase
 * @lane_id: a lane
 *
 * Returns: (transfer container) (element-type CjmEntity): the touchpoints or
 *   cards in that cell, in order
 */
GPtrArray *
cjm_document_get_cell_items (CjmDocument *self,
                             const char  *phase_id,
                             const char  *lane_id)
{
  GPtrArray *items = g_ptr_array_new ();

  g_return_val_if_fail (CJM_IS_DOCUMENT (self), items);

  for (guint l = LIST_TOUCHPOINTS; l <= LIST_CARDS; l++)
    {
      GPtrArray *list = self->lists[l];
      gboolean is_touchpoint = l == LIST_TOUCHPOINTS;

      for (guint i = 0; i < list->len; i++)
        {
          gpointer item = g_ptr_array_index (list, i);
          const char *p = is_touchpoint ? cjm_touchpoint_get_phase (item) : cjm_card_get_phase (item);
          const char *ln = is_touchpoint ? cjm_touchpoint_get_lane (item) : cjm_card_get_lane (item);

          if (g_strcmp0 (p, phase_id) == 0 && g_strcmp0 (ln, lane_id) == 0)
            g_ptr_array_add (items, item);
        }
    }
  return items;
}

/* Validation ---------------------------------------------------------- */

/* Text inside list values (metric units, point sources, scale labels) is
 * not cleaned by a property setter, so it must arrive clean. */
static gboolean
check_clean_text (const char *text,
                  GError    **error)
{
  g_autofree char *clean = NULL;

  if (text == NULL)
    return TRUE;
  clean = cjm_text_sanitize (text, -1, TRUE);
  if (strcmp (clean, text) != 0)
    {
      g_set_error_literal (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_VALUE,
                           _("The text contains line breaks or characters that cannot be saved."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_sample (int      sample,
              GError **error)
{
  if (sample != CJM_UNSET_INT && sample < 0)
    {
      g_set_error_literal (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_VALUE,
                           _("A sample size cannot be negative."));
      return FALSE;
    }
  return TRUE;
}

/**
 * cjm_language_is_valid:
 * @language: a language tag such as "nl" or "en-GB"
 *
 * Returns: whether @language can be stored as the map's xml:lang
 */
gboolean
cjm_language_is_valid (const char *language)
{
  return language != NULL && strlen (language) <= 35
         && g_regex_match_simple ("^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$", language, 0, 0);
}

static gboolean
check_scale_labels (GPtrArray *labels,
                    int        min,
                    int        max,
                    GError   **error)
{
  for (guint i = 0; labels != NULL && i < labels->len; i++)
    {
      const CjmScaleLabel *label = g_ptr_array_index (labels, i);

      if (label->value < min || label->value > max)
        {
          g_set_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_VALUE,
                       _("The label for %d lies outside the scale from %d to %d."),
                       label->value, min, max);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (((const CjmScaleLabel *) g_ptr_array_index (labels, j))->value == label->value)
          {
            g_set_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_DUPLICATE,
                         _("The scale has two labels for %d."), label->value);
            return FALSE;
          }
      if (!check_clean_text (label->text, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_reference (CjmDocument *self,
                 const char  *id,
                 GType        type,
                 GError     **error)
{
  CjmEntity *target = cjm_document_lookup (self, id);

  if (target == NULL || !g_type_is_a (G_OBJECT_TYPE (target), type))
    {
      g_set_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_REFERENCE,
                   /* Translators: the first %s is an id, the second a kind of
                    * item such as "phase" or "touchpoint" */
                   _("“%s” is not the id of any %s in this map."),
                   id, cjm_document_describe_type (type));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_scale_value (CjmDocument *self,
                   double       value,
                   GError     **error)
{
  int min = cjm_map_get_scale_min (self->map);
  int max = cjm_map_get_scale_max (self->map);

  if (!isfinite (value) || value < min || value > max)
    {
      g_set_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_VALUE,
                   _("The emotion %g lies outside the map’s scale from %d to %d."),
                   isfinite (value) ? value : 0.0, min, max);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_curve_points (CjmDocument *self,
                    GPtrArray   *points,
                    GError     **error)
{
  for (guint i = 0; points != NULL && i < points->len; i++)
    {
      const CjmCurvePoint *point = g_ptr_array_index (points, i);

      if ((point->phase == NULL) == (point->touchpoint == NULL))
        {
          g_set_error_literal (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_VALUE,
                               _("A point of an emotion curve must lie either in a phase or on a touchpoint."));
          return FALSE;
        }
      if (point->phase != NULL && !check_reference (self, point->phase, CJM_TYPE_PHASE, error))
        return FALSE;
      if (point->touchpoint != NULL
          && !check_reference (self, point->touchpoint, CJM_TYPE_TOUCHPOINT, error))
        return FALSE;
      if (!isfinite (point->at) || point->at < 0 || point->at > 1)
        {
          g_set_error_literal (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_VALUE,
                               _("A point’s position across its phase must lie between 0 and 1."));
          return FALSE;
        }
      if (!check_scale_value (self, point->value, error)
          || !check_sample (point->sample, error)
          || !check_clean_text (point->source, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_metrics (GPtrArray *metrics,
               GError   **error)
{
  for (guint i = 0; metrics != NULL && i < metrics->len; i++)
    {
      const CjmMetric *metric = g_ptr_array_index (metrics, i);

      if (!isfinite (metric->value) || fabs (metric->value) > 1e15)
        {
          g_set_error_literal (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_VALUE,
                               _("A metric’s value must be an ordinary number."));
          return FALSE;
        }
      if (!check_sample (metric->sample, error)
          || !check_clean_text (metric->name, error)
          || !check_clean_text (metric->unit, error))
        return FALSE;
      if (metric->kind == CJM_METRIC_CUSTOM && (metric->name == NULL || *metric->name == '\0'))
        {
          g_set_error_literal (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_VALUE,
                               _("A custom metric needs a name."));
          return FALSE;
        }
    }
  return TRUE;
}

/* Whether the map's ratings and curves all fit a new scale. */
static gboolean
check_scale_change (CjmDocument *self,
                    int          min,
                    int          max,
                    GError     **error)
{
  GPtrArray *touchpoints = self->lists[LIST_TOUCHPOINTS];
  GPtrArray *curves = self->lists[LIST_CURVES];

  if (min >= max)
    {
      g_set_error_literal (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_VALUE,
                           _("The lowest point of the emotion scale must lie below the highest."));
      return FALSE;
    }

  for (guint i = 0; i < touchpoints->len; i++)
    {
      int emotion = cjm_touchpoint_get_emotion (g_ptr_array_index (touchpoints, i));

      if (emotion != CJM_UNSET_INT && (emotion < min || emotion > max))
        goto out_of_range;
    }
  for (guint i = 0; i < curves->len; i++)
    {
      GPtrArray *points = cjm_curve_get_points (g_ptr_array_index (curves, i));

      for (guint j = 0; points != NULL && j < points->len; j++)
        {
          const CjmCurvePoint *point = g_ptr_array_index (points, j);

          if (point->value < min || point->value > max)
            goto out_of_range;
        }
    }
  return check_scale_labels (cjm_map_get_scale_labels (self->map), min, max, error);

out_of_range:
  g_set_error_literal (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_VALUE,
                       _("Some ratings or curve points lie outside the new scale; change them first."));
  return FALSE;
}

/**
 * cjm_document_check_field:
 * @self: a document
 * @entity: an entity of @self, or one about to be added
 * @field: one of @entity's fields
 * @value: the value @field would get
 * @error: return location for a message a user understands
 *
 * The one place that knows what a valid map is: ranges, references that
 * must name an entity of the right kind, items in the right kind of lane.
 * The reader checks every loaded field with it and every verb checks every
 * change, so the editor can never make a map the reader refuses.
 *
 * Returns: %TRUE if @value may be stored
 */
gboolean
cjm_document_check_field (CjmDocument    *self,
                          CjmEntity      *entity,
                          const CjmField *field,
                          const GValue   *value,
                          GError        **error)
{
  const char *name = field->name;

  g_return_val_if_fail (CJM_IS_DOCUMENT (self), FALSE);

  if (!cjm_field_value_is_valid (field, value))
    {
      g_set_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_VALUE,
                   _("The value of “%s” is not valid here."), name);
      return FALSE;
    }

  if ((field->flags & CJM_FIELD_REQUIRED) && field->type == CJM_FIELD_REF
      && (g_value_get_string (value) == NULL || *g_value_get_string (value) == '\0'))
    {
      g_set_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_REFERENCE,
                   _("A %s must say which %s it belongs to."),
                   cjm_document_describe_type (G_OBJECT_TYPE (entity)),
                   cjm_document_describe_type (field->value_type ()));
      return FALSE;
    }

  if (field->type == CJM_FIELD_REF && g_value_get_string (value) != NULL
      && *g_value_get_string (value) != '\0'
      && !check_reference (self, g_value_get_string (value), field->value_type (), error))
    return FALSE;

  if (field->type == CJM_FIELD_REFS)
    {
      char **ids = g_value_get_boxed (value);

      for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
        {
          if (!check_reference (self, ids[i], field->value_type (), error))
            return FALSE;
          for (guint j = 0; j < i; j++)
            if (strcmp (ids[i], ids[j]) == 0)
              {
                g_set_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_DUPLICATE,
                             _("“%s” is listed twice."), ids[i]);
                return FALSE;
              }
        }
    }

  if (CJM_IS_MAP (entity))
    {
      if (strcmp (name, "scale-min") == 0)
        return check_scale_change (self, g_value_get_int (value),
                                   cjm_map_get_scale_max (self->map), error);
      if (strcmp (name, "scale-max") == 0)
        return check_scale_change (self, cjm_map_get_scale_min (self->map),
                                   g_value_get_int (value), error);
      if (strcmp (name, "scale-labels") == 0)
        return check_scale_labels (g_value_get_boxed (value), cjm_map_get_scale_min (self->map),
                                   cjm_map_get_scale_max (self->map), error);
      if (strcmp (name, "language") == 0 && g_value_get_string (value) != NULL
          && *g_value_get_string (value) != '\0'
          && !cjm_language_is_valid (g_value_get_string (value)))
        {
          g_set_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_VALUE,
                       _("“%s” is not a language code such as “nl” or “en”."),
                       g_value_get_string (value));
          return FALSE;
        }
    }
  else if (CJM_IS_TOUCHPOINT (entity) || CJM_IS_CARD (entity))
    {
      if (strcmp (name, "lane") == 0
          && !cjm_document_can_place (self, G_OBJECT_TYPE (entity), g_value_get_string (value)))
        {
          g_set_error_literal (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_PLACEMENT,
                               CJM_IS_TOUCHPOINT (entity)
                               ? _("A touchpoint can only be placed in a touchpoints lane.")
                               : _("A card cannot be placed in a touchpoints or emotion lane."));
          return FALSE;
        }
      if (strcmp (name, "emotion") == 0 && g_value_get_int (value) != CJM_UNSET_INT
          && !check_scale_value (self, g_value_get_int (value), error))
        return FALSE;
      if (strcmp (name, "channel") == 0 && g_value_get_string (value) != NULL
          && cjm_channel_info_lookup (g_value_get_string (value)) == NULL
          && !CJM_IS_CHANNEL (cjm_document_lookup (self, g_value_get_string (value))))
        {
          g_set_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_REFERENCE,
                       _("“%s” is neither a known channel nor a channel defined in this map."),
                       g_value_get_string (value));
          return FALSE;
        }
      if (strcmp (name, "metrics") == 0 && !check_metrics (g_value_get_boxed (value), error))
        return FALSE;
    }
  else if (CJM_IS_CURVE (entity))
    {
      if (strcmp (name, "points") == 0
          && !check_curve_points (self, g_value_get_boxed (value), error))
        return FALSE;
    }
  else if (CJM_IS_ACTION (entity))
    {
      char **ids = strcmp (name, "addresses") == 0 ? g_value_get_boxed (value) : NULL;

      for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
        {
          CjmEntity *target = cjm_document_lookup (self, ids[i]);

          if (!CJM_IS_CARD (target) && !CJM_IS_TOUCHPOINT (target))
            {
              g_set_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_REFERENCE,
                           _("An action can only address touchpoints and cards, not “%s”."),
                           ids[i]);
              return FALSE;
            }
        }
    }
  else if (CJM_IS_PHASE (entity) || CJM_IS_LANE (entity) || CJM_IS_PERSONA (entity)
           || CJM_IS_CHANNEL (entity) || CJM_IS_TRANSITION (entity))
    {
      /* their ranges and references are all in the field table */
    }

  return TRUE;
}

static gboolean
check_entity (CjmDocument *self,
              CjmEntity   *entity,
              GError     **error)
{
  CjmEntityClass *klass = CJM_ENTITY_GET_CLASS (entity);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const CjmField *field = &klass->fields[i];
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value,
                    g_object_class_find_property (G_OBJECT_CLASS (klass), field->name)->value_type);
      g_object_get_property (G_OBJECT (entity), field->name, &value);
      if (!cjm_document_check_field (self, entity, field, &value, error))
        return FALSE;
    }
  return TRUE;
}

/* Uniqueness the field table cannot express: one curve per persona and
 * variant, one transition per pair of touchpoints. Both take the values the
 * entity would have, so that adding and changing share them. */
static gboolean
check_curve_unique (CjmDocument *self,
                    CjmCurve    *curve,
                    const char  *persona,
                    int          variant,
                    GError     **error)
{
  GPtrArray *curves = self->lists[LIST_CURVES];

  for (guint i = 0; i < curves->len; i++)
    {
      CjmCurve *other = g_ptr_array_index (curves, i);

      if (other != curve && g_strcmp0 (cjm_curve_get_persona (other), persona) == 0
          && (int) cjm_curve_get_variant (other) == variant)
        {
          g_set_error_literal (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_DUPLICATE,
                               _("This persona already has such a curve."));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_transition_unique (CjmDocument   *self,
                         CjmTransition *transition,
                         const char    *from,
                         const char    *to,
                         GError       **error)
{
  GPtrArray *transitions = self->lists[LIST_TRANSITIONS];

  if (g_strcmp0 (from, to) == 0)
    {
      g_set_error_literal (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_REFERENCE,
                           _("A transition must lead from one touchpoint to another."));
      return FALSE;
    }
  for (guint i = 0; i < transitions->len; i++)
    {
      CjmTransition *other = g_ptr_array_index (transitions, i);

      if (other != transition && g_strcmp0 (cjm_transition_get_from_id (other), from) == 0
          && g_strcmp0 (cjm_transition_get_to_id (other), to) == 0)
        {
          g_set_error_literal (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_DUPLICATE,
                               _("These touchpoints are already connected."));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_unique (CjmDocument *self,
              CjmEntity   *entity,
              GError     **error)
{
  if (CJM_IS_CURVE (entity))
    return check_curve_unique (self, CJM_CURVE (entity), cjm_curve_get_persona (CJM_CURVE (entity)),
                               cjm_curve_get_variant (CJM_CURVE (entity)), error);
  if (CJM_IS_TRANSITION (entity))
    return check_transition_unique (self, CJM_TRANSITION (entity),
                                    cjm_transition_get_from_id (CJM_TRANSITION (entity)),
                                    cjm_transition_get_to_id (CJM_TRANSITION (entity)), error);
  return TRUE;
}

/* check_unique() for an entity whose @property is about to become @value. */
static gboolean
check_unique_change (CjmDocument  *self,
                     CjmEntity    *entity,
                     const char   *property,
                     const GValue *value,
                     GError      **error)
{
  if (CJM_IS_CURVE (entity)
      && (strcmp (property, "persona") == 0 || strcmp (property, "variant") == 0))
    {
      CjmCurve *curve = CJM_CURVE (entity);

      return check_curve_unique (self, curve,
                                 strcmp (property, "persona") == 0 ? g_value_get_string (value)
                                                                   : cjm_curve_get_persona (curve),
                                 strcmp (property, "variant") == 0 ? g_value_get_enum (value)
                                                                   : (int) cjm_curve_get_variant (curve),
                                 error);
    }
  if (CJM_IS_TRANSITION (entity)
      && (strcmp (property, "from") == 0 || strcmp (property, "to") == 0))
    {
      CjmTransition *transition = CJM_TRANSITION (entity);

      return check_transition_unique (self, transition,
                                      strcmp (property, "from") == 0 ? g_value_get_string (value)
                                                                     : cjm_transition_get_from_id (transition),
                                      strcmp (property, "to") == 0 ? g_value_get_string (value)
                                                                   : cjm_transition_get_to_id (transition),
                                      error);
    }
  return TRUE;
}

/* Verbs ---------------------------------------------------------------- */

static void
run (CjmDocument *self,
     CjmCommand  *command,
     const char  *label)
{
  if (label != NULL && cjm_command_get_label (command) == NULL)
    cjm_command_set_label (command, label);
  cjm_command_apply (command, self);
  cjm_history_push (self->history, command);
}

static const char *
label_for_field (CjmEntity  *target,
                 const char *property)
{
  if (CJM_IS_TOUCHPOINT (target))
    {
      if (strcmp (property, "phase") == 0 || strcmp (property, "lane") == 0)
        return _("Move Touchpoint");
      return _("Edit Touchpoint");
    }
  if (CJM_IS_CARD (target))
    return _("Edit Card");
  if (CJM_IS_PHASE (target))
    return strcmp (property, "width") == 0 ? _("Resize Phase") : _("Edit Phase");
  if (CJM_IS_LANE (target))
    return strcmp (property, "height") == 0 ? _("Resize Lane") : _("Edit Lane");
  if (CJM_IS_PERSONA (target))
    return _("Edit Persona");
  if (CJM_IS_CURVE (target))
    return _("Edit Emotion Curve");
  if (CJM_IS_TRANSITION (target))
    return _("Edit Transition");
  if (CJM_IS_ACTION (target))
    return _("Edit Action");
  return _("Edit Map");
}

/* A checked command that sets @property, not yet applied. */
static CjmCommand *
make_set_command (CjmDocument  *self,
                  CjmEntity    *target,
                  const char   *property,
                  const GValue *value,
                  gboolean      mergeable,
                  GError      **error)
{
  const CjmField *field = cjm_entity_class_find_field (CJM_ENTITY_GET_CLASS (target), property);
  GParamSpec *pspec;
  CjmCommand *command;
  g_auto(GValue) converted = G_VALUE_INIT;

  if (field == NULL)
    {
      g_critical ("%s has no field “%s”", G_OBJECT_TYPE_NAME (target), property);
      return NULL;
    }

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (target), property);
  g_value_init (&converted, pspec->value_type);
  if (!g_value_transform (value, &converted))
    {
      g_critical ("cannot store a %s in %s", G_VALUE_TYPE_NAME (value), property);
      return NULL;
    }

  if (!cjm_document_check_field (self, target, field, &converted, error)
      || !check_unique_change (self, target, property, &converted, error))
    return NULL;

  command = cjm_property_command_new (target, pspec, &converted, mergeable);
  cjm_command_set_label (command, label_for_field (target, property));
  return command;
}

static gboolean
set_value (CjmDocument  *self,
           CjmEntity    *target,
           const char   *property,
           const GValue *value,
           gboolean      mergeable,
           GError      **error)
{
  CjmCommand *command = make_set_command (self, target, property, value, mergeable, error);

  if (command == NULL)
    return FALSE;
  run (self, command, NULL);
  return TRUE;
}

/**
 * cjm_document_set_value:
 * @self: a document
 * @target: its map or one of its entities
 * @property: the field to change
 * @value: the new value, of the field's type or transformable into it
 * @error: why the value was refused
 *
 * Changes one field as one undoable step.
 *
 * Returns: %TRUE if the value was valid and stored
 */
gboolean
cjm_document_set_value (CjmDocument  *self,
                        CjmEntity    *target,
                        const char   *property,
                        const GValue *value,
                        GError      **error)
{
  g_return_val_if_fail (CJM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (CJM_IS_ENTITY (target), FALSE);

  return set_value (self, target, property, value, FALSE, error);
}

/**
 * cjm_document_edit_text:
 *
 * Like cjm_document_set_value() for a text field, but consecutive edits of
 * the same field merge into one undo step, as typing should.
 */
gboolean
cjm_document_edit_text (CjmDocument *self,
                        CjmEntity   *target,
                        const char  *property,
                        const char  *text,
                        GError     **error)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_return_val_if_fail (CJM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (CJM_IS_ENTITY (target), FALSE);

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  return set_value (self, target, property, &value, TRUE, error);
}

/**
 * cjm_document_set:
 * @self: a document
 * @target: its map or one of its entities
 * @error: why a value was refused
 * @first_property: the first field name, followed by its value, then more
 *   pairs, ending with %NULL
 *
 * Changes several fields as one undoable step; if one value is refused,
 * none is stored.
 *
 * Returns: %TRUE if every value was stored
 */
gboolean
cjm_document_set (CjmDocument *self,
                  CjmEntity   *target,
                  GError     **error,
                  const char  *first_property,
                  ...)
{
  g_autoptr(GPtrArray) applied = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;
  gboolean ok = TRUE;

  g_return_val_if_fail (CJM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (CJM_IS_ENTITY (target), FALSE);

  /* Each value is checked against the document as the earlier ones left
   * it, so related fields (a scale's two ends) can change together. */
  va_start (args, first_property);
  for (const char *name = first_property; name != NULL; name = va_arg (args, const char *))
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (target), name);
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *collect_error = NULL;
      CjmCommand *command;

      if (pspec == NULL)
        {
          g_critical ("%s has no field “%s”", G_OBJECT_TYPE_NAME (target), name);
          ok = FALSE;
          break;
        }
      G_VALUE_COLLECT_INIT (&value, pspec->value_type, args, 0, &collect_error);
      if (collect_error != NULL)
        {
          g_critical ("%s", collect_error);
          ok = FALSE;
          break;
        }
      command = make_set_command (self, target, name, &value, FALSE, error);
      if (command == NULL)
        {
          ok = FALSE;
          break;
        }
      cjm_command_apply (command, self);
      g_ptr_array_add (applied, command);
    }
  va_end (args);

  if (!ok)
    {
      for (guint i = applied->len; i > 0; i--)
        cjm_command_revert (g_ptr_array_index (applied, i - 1), self);
      return FALSE;
    }

  cjm_history_begin_group (self->history,
                           applied->len > 0 ? cjm_command_get_label (g_ptr_array_index (applied, 0)) : NULL);
  for (guint i = 0; i < applied->len; i++)
    cjm_history_push (self->history, g_object_ref (g_ptr_array_index (applied, i)));
  cjm_history_end_group (self->history);
  return TRUE;
}

/**
 * cjm_document_add:
 * @self: a document
 * @entity: (transfer full): a new entity with a unique id and its fields set
 * @index: where in its list, or -1 for the end
 * @error: why it was refused
 *
 * Adds @entity as one undoable step, after checking every field.
 *
 * Returns: %TRUE if @entity was added; on %FALSE it has been released
 */
gboolean
cjm_document_add (CjmDocument *self,
                  CjmEntity   *entity,
                  int          index,
                  GError     **error)
{
  g_autoptr(CjmEntity) owned = entity;
  const char *id;
  GPtrArray *list;

  g_return_val_if_fail (CJM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (CJM_IS_ENTITY (entity) && !CJM_IS_MAP (entity), FALSE);

  id = cjm_entity_get_id (owned);
  list = cjm_document_get_list (self, G_OBJECT_TYPE (owned));

  if (!cjm_id_is_valid (id) || cjm_channel_info_lookup (id) != NULL)
    {
      g_set_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_VALUE,
                   _("“%s” cannot be used as an id."), id != NULL ? id : "");
      return FALSE;
    }
  if (cjm_document_lookup (self, id) != NULL)
    {
      g_set_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_DUPLICATE,
                   _("The id “%s” is used twice."), id);
      return FALSE;
    }
  if (!check_entity (self, entity, error) || !check_unique (self, entity, error))
    return FALSE;

  run (self,
       cjm_collection_command_new_insert (entity, index < 0 ? list->len : (guint) index),
       CJM_IS_TOUCHPOINT (entity) ? _("Add Touchpoint")
       : CJM_IS_CARD (entity) ? _("Add Card")
       : CJM_IS_PHASE (entity) ? _("Add Phase")
       : CJM_IS_LANE (entity) ? _("Add Lane")
       : CJM_IS_PERSONA (entity) ? _("Add Persona")
       : CJM_IS_CURVE (entity) ? _("Add Emotion Curve")
       : CJM_IS_TRANSITION (entity) ? _("Connect Touchpoints")
       : CJM_IS_ACTION (entity) ? _("Add Action")
       : _("Add Channel"));
  return TRUE;
}

/* Changes a list field to leave out one id. */
static void
prune_reference (CjmDocument *self,
                 CjmEntity   *holder,
                 const char  *property,
                 const char  *id)
{
  g_auto(GStrv) ids = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) kept = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean found = FALSE;

  g_object_get (holder, property, &ids, NULL);
  if (ids == NULL)
    return;

  builder = g_strv_builder_new ();
  for (guint i = 0; ids[i] != NULL; i++)
    {
      if (strcmp (ids[i], id) == 0)
        found = TRUE;
      else
        g_strv_builder_add (builder, ids[i]);
    }
  if (!found)
    return;

  kept = g_strv_builder_end (builder);
  g_value_init (&value, G_TYPE_STRV);
  g_value_set_boxed (&value, kept);
  run (self,
       cjm_property_command_new (holder,
                                 g_object_class_find_property (G_OBJECT_GET_CLASS (holder), property),
                                 &value, FALSE),
       NULL);
}

/* Changes curves to leave out points anchored to @id. */
static void
prune_curve_points (CjmDocument *self,
                    const char  *id)
{
  GPtrArray *curves = self->lists[LIST_CURVES];

  for (guint i = 0; i < curves->len; i++)
    {
      CjmCurve *curve = g_ptr_array_index (curves, i);
      GPtrArray *points = cjm_curve_get_points (curve);
      g_autoptr(GPtrArray) kept = NULL;
      g_auto(GValue) value = G_VALUE_INIT;

      if (points == NULL)
        continue;

      kept = g_ptr_array_new_with_free_func ((GDestroyNotify) cjm_curve_point_free);
      for (guint j = 0; j < points->len; j++)
        {
          const CjmCurvePoint *point = g_ptr_array_index (points, j);

          if (g_strcmp0 (point->phase, id) != 0 && g_strcmp0 (point->touchpoint, id) != 0)
            g_ptr_array_add (kept, cjm_curve_point_copy (point));
        }
      if (kept->len == points->len)
        continue;

      g_value_init (&value, G_TYPE_PTR_ARRAY);
      g_value_set_boxed (&value, kept);
      run (self,
           cjm_property_command_new (CJM_ENTITY (curve),
                                     g_object_class_find_property (G_OBJECT_GET_CLASS (curve), "points"),
                                     &value, FALSE),
           NULL);
    }
}

static void remove_cascade (CjmDocument *self,
                            CjmEntity   *entity);

/* Removes every entity of @list whose @property is @id. */
static void
remove_where (CjmDocument *self,
              ListIndex    list,
              const char  *property,
              const char  *id)
{
  g_autoptr(GPtrArray) doomed = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->lists[list]->len; i++)
    {
      CjmEntity *entity = g_ptr_array_index (self->lists[list], i);
      g_autofree char *value = NULL;

      g_object_get (entity, property, &value, NULL);
      if (g_strcmp0 (value, id) == 0)
        g_ptr_array_add (doomed, g_object_ref (entity));
    }
  for (guint i = 0; i < doomed->len; i++)
    remove_cascade (self, g_ptr_array_index (doomed, i));
}

/* Removes @entity and whatever would otherwise point at nothing. */
static void
remove_cascade (CjmDocument *self,
                CjmEntity   *entity)
{
  const char *id = cjm_entity_get_id (entity);

  if (cjm_document_lookup (self, id) != entity)
    return; /* already gone with an earlier one */

  if (CJM_IS_PHASE (entity) || CJM_IS_LANE (entity))
    {
      const char *property = CJM_IS_PHASE (entity) ? "phase" : "lane";

      remove_where (self, LIST_TOUCHPOINTS, property, id);
      remove_where (self, LIST_CARDS, property, id);
      prune_curve_points (self, id);
    }
  else if (CJM_IS_TOUCHPOINT (entity))
    {
      remove_where (self, LIST_TRANSITIONS, "from", id);
      remove_where (self, LIST_TRANSITIONS, "to", id);
      for (guint i = 0; i < self->lists[LIST_CARDS]->len; i++)
        prune_reference (self, g_ptr_array_index (self->lists[LIST_CARDS], i), "touchpoints", id);
      for (guint i = 0; i < self->lists[LIST_ACTIONS]->len; i++)
        prune_reference (self, g_ptr_array_index (self->lists[LIST_ACTIONS], i), "addresses", id);
      prune_curve_points (self, id);
    }
  else if (CJM_IS_CARD (entity))
    {
      for (guint i = 0; i < self->lists[LIST_ACTIONS]->len; i++)
        prune_reference (self, g_ptr_array_index (self->lists[LIST_ACTIONS], i), "addresses", id);
    }
  else if (CJM_IS_PERSONA (entity))
    {
      for (guint i = 0; i < self->lists[LIST_TOUCHPOINTS]->len; i++)
        prune_reference (self, g_ptr_array_index (self->lists[LIST_TOUCHPOINTS], i), "personas", id);
      remove_where (self, LIST_CURVES, "persona", id);
    }
  else if (CJM_IS_CHANNEL (entity))
    {
      GPtrArray *touchpoints = self->lists[LIST_TOUCHPOINTS];
      g_auto(GValue) none = G_VALUE_INIT;

      g_value_init (&none, G_TYPE_STRING);
      for (guint i = 0; i < touchpoints->len; i++)
        {
          CjmEntity *touchpoint = g_ptr_array_index (touchpoints, i);

          if (g_strcmp0 (cjm_touchpoint_get_channel (CJM_TOUCHPOINT (touchpoint)), id) == 0)
            run (self,
                 cjm_property_command_new (touchpoint,
                                           g_object_class_find_property (G_OBJECT_GET_CLASS (touchpoint),
                                                                         "channel"),
                                           &none, FALSE),
                 NULL);
        }
    }

  run (self, cjm_collection_command_new_remove (entity), NULL);
}

/**
 * cjm_document_remove_many:
 * @self: a document
 * @entities: (array length=n_entities): entities of @self
 * @n_entities: how many
 *
 * Removes the entities as one undoable step, together with what depends on
 * them: the items in a removed phase or lane, the transitions of a removed
 * touchpoint, the curves of a removed persona; references to them are
 * dropped from the lists that hold them.
 */
void
cjm_document_remove_many (CjmDocument  *self,
                          CjmEntity   **entities,
                          guint         n_entities)
{
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (CJM_IS_DOCUMENT (self));

  if (n_entities == 0)
    return;

  for (guint i = 0; i < n_entities; i++)
    g_ptr_array_add (held, g_object_ref (entities[i]));

  cjm_history_begin_group (self->history,
                           n_entities > 1 ? _("Delete Items")
                           : CJM_IS_TOUCHPOINT (entities[0]) ? _("Delete Touchpoint")
                           : CJM_IS_CARD (entities[0]) ? _("Delete Card")
                           : CJM_IS_PHASE (entities[0]) ? _("Delete Phase")
                           : CJM_IS_LANE (entities[0]) ? _("Delete Lane")
                           : CJM_IS_PERSONA (entities[0]) ? _("Delete Persona")
                           : _("Delete"));
  for (guint i = 0; i < held->len; i++)
    remove_cascade (self, g_ptr_array_index (held, i));
  cjm_history_end_group (self->history);
}

void
cjm_document_remove (CjmDocument *self,
                     CjmEntity   *entity)
{
  cjm_document_remove_many (self, &entity, 1);
}

/**
 * cjm_document_reorder:
 * @self: a document
 * @entity: a phase, lane, persona, or any other entity of @self
 * @index: its new position in its list
 *
 * Returns: %TRUE if it moved
 */
gboolean
cjm_document_reorder (CjmDocument *self,
                      CjmEntity   *entity,
                      guint        index)
{
  GPtrArray *list;
  guint current;

  g_return_val_if_fail (CJM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (CJM_IS_ENTITY (entity), FALSE);

  list = cjm_document_get_list (self, G_OBJECT_TYPE (entity));
  if (list == NULL || !g_ptr_array_find (list, entity, &current))
    return FALSE;
  index = MIN (index, list->len - 1);
  if (index == current)
    return FALSE;

  run (self, cjm_collection_command_new_move (entity, index),
       CJM_IS_PHASE (entity) ? _("Move Phase")
       : CJM_IS_LANE (entity) ? _("Move Lane")
       : _("Reorder"));
  return TRUE;
}

static const char *
item_phase (CjmEntity *item)
{
  return CJM_IS_TOUCHPOINT (item) ? cjm_touchpoint_get_phase (CJM_TOUCHPOINT (item))
                                  : cjm_card_get_phase (CJM_CARD (item));
}

static const char *
item_lane (CjmEntity *item)
{
  return CJM_IS_TOUCHPOINT (item) ? cjm_touchpoint_get_lane (CJM_TOUCHPOINT (item))
                                  : cjm_card_get_lane (CJM_CARD (item));
}

/* Where in @list @item goes to stand at @position among the items of the
 * cell that are not being moved; an index into @list without @item, as a
 * move command takes it. */
static guint
insertion_index (GPtrArray  *list,
                 GPtrArray  *moving,
                 CjmEntity  *item,
                 const char *phase_id,
                 const char *lane_id,
                 guint       position)
{
  guint item_index = 0;
  guint seen = 0;
  guint after_last = 0;
  gboolean any = FALSE;

  g_ptr_array_find (list, item, &item_index);

  for (guint i = 0; i < list->len; i++)
    {
      CjmEntity *other = g_ptr_array_index (list, i);
      guint index = item_index < i ? i - 1 : i;

      if (g_ptr_array_find (moving, other, NULL)
          || g_strcmp0 (item_phase (other), phase_id) != 0
          || g_strcmp0 (item_lane (other), lane_id) != 0)
        continue;
      if (seen == position)
        return index;
      seen++;
      any = TRUE;
      after_last = index + 1;
    }
  return any ? after_last : list->len - 1;
}

/**
 * cjm_document_place_items:
 * @self: a document
 * @items: (array length=n_items): touchpoints and cards of @self
 * @n_items: how many
 * @phase_id: the phase of the target cell
 * @lane_id: the lane of the target cell
 * @position: where among the cell's other items they go (0 = first; past
 *   the end = last)
 * @error: why they could not go there
 *
 * Moves items into a cell, keeping their order, as one undoable step.
 *
 * Returns: %TRUE if they were moved
 */
gboolean
cjm_document_place_items (CjmDocument  *self,
                          CjmEntity   **items,
                          guint         n_items,
                          const char   *phase_id,
                          const char   *lane_id,
                          guint         position,
                          GError      **error)
{
  g_autoptr(GPtrArray) moving = g_ptr_array_new ();

  g_return_val_if_fail (CJM_IS_DOCUMENT (self), FALSE);

  if (!CJM_IS_PHASE (cjm_document_lookup (self, phase_id)))
    return check_reference (self, phase_id, CJM_TYPE_PHASE, error);
  if (!CJM_IS_LANE (cjm_document_lookup (self, lane_id)))
    return check_reference (self, lane_id, CJM_TYPE_LANE, error);

  for (guint i = 0; i < n_items; i++)
    {
      g_return_val_if_fail (CJM_IS_TOUCHPOINT (items[i]) || CJM_IS_CARD (items[i]), FALSE);
      if (!cjm_document_can_place (self, G_OBJECT_TYPE (items[i]), lane_id))
        {
          g_set_error_literal (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_PLACEMENT,
                               CJM_IS_TOUCHPOINT (items[i])
                               ? _("A touchpoint can only be placed in a touchpoints lane.")
                               : _("A card cannot be placed in a touchpoints or emotion lane."));
          return FALSE;
        }
      g_ptr_array_add (moving, items[i]);
    }

  cjm_history_begin_group (self->history,
                           n_items == 1 && CJM_IS_TOUCHPOINT (items[0]) ? _("Move Touchpoint")
                           : n_items == 1 ? _("Move Card") : _("Move Items"));
  for (guint i = 0; i < n_items; i++)
    {
      CjmEntity *item = items[i];
      GPtrArray *list = cjm_document_get_list (self, G_OBJECT_TYPE (item));
      guint target = insertion_index (list, moving, item, phase_id, lane_id, position);
      guint current;

      /* the items already placed stand before the next one */
      if (position < G_MAXUINT)
        position++;

      if (g_strcmp0 (item_phase (item), phase_id) != 0)
        {
          g_auto(GValue) value = G_VALUE_INIT;

          g_value_init (&value, G_TYPE_STRING);
          g_value_set_string (&value, phase_id);
          run (self, cjm_property_command_new (item,
                                               g_object_class_find_property (G_OBJECT_GET_CLASS (item), "phase"),
                                               &value, FALSE), NULL);
        }
      if (g_strcmp0 (item_lane (item), lane_id) != 0)
        {
          g_auto(GValue) value = G_VALUE_INIT;

          g_value_init (&value, G_TYPE_STRING);
          g_value_set_string (&value, lane_id);
          run (self, cjm_property_command_new (item,
                                               g_object_class_find_property (G_OBJECT_GET_CLASS (item), "lane"),
                                               &value, FALSE), NULL);
        }

      g_ptr_array_find (list, item, &current);
      if (target != current)
        run (self, cjm_collection_command_new_move (item, target), NULL);
      g_ptr_array_remove (moving, item);
    }
  cjm_history_end_group (self->history);
  return TRUE;
}

void
cjm_document_begin_group (CjmDocument *self,
                          const char  *label)
{
  g_return_if_fail (CJM_IS_DOCUMENT (self));

  cjm_history_begin_group (self->history, label);
}

void
cjm_document_end_group (CjmDocument *self)
{
  g_return_if_fail (CJM_IS_DOCUMENT (self));

  cjm_history_end_group (self->history);
}

gboolean
cjm_document_undo (CjmDocument *self)
{
  g_return_val_if_fail (CJM_IS_DOCUMENT (self), FALSE);

  return cjm_history_undo (self->history, self);
}

gboolean
cjm_document_redo (CjmDocument *self)
{
  g_return_val_if_fail (CJM_IS_DOCUMENT (self), FALSE);

  return cjm_history_redo (self->history, self);
}
