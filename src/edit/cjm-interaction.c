/* cjm-interaction.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cjm-interaction.h"

/* What pressing, dragging and releasing on a map mean, without GTK: the
 * canvas turns events into map coordinates and calls these, tests call
 * them directly. While a gesture is under way nothing in the document
 * changes; the canvas draws a preview from the getters, and the release
 * makes exactly one undoable change. */

#define DRAG_THRESHOLD 4.0
#define STROKE_TOLERANCE 5.0

struct _CjmInteraction
{
  GObject          parent_instance;

  CjmSelection    *selection;
  CjmDocument     *document;
  CjmLayout       *layout;
  char            *persona;
  CjmCurveVariant  variant;
  double           tolerance;   /* a few pixels, in map units */

  CjmGesture       gesture;
  CjmGesture       pending;     /* what a pending press becomes once dragged */
  CjmHit           hit;         /* what was under the press */
  CjmModifiers     modifiers;
  double           start_x, start_y;
  double           x, y;

  GHashTable      *moving;      /* items being dragged */
  gboolean         has_drop;
  CjmDropTarget    drop;
  GArray          *stroke;      /* CjmPoint */
  CjmCurve        *point_curve; /* the curve point selected or dragged */
  int              point;
};

G_DEFINE_FINAL_TYPE (CjmInteraction, cjm_interaction, G_TYPE_OBJECT)

static void
cjm_interaction_finalize (GObject *object)
{
  CjmInteraction *self = CJM_INTERACTION (object);

  g_clear_object (&self->selection);
  g_clear_object (&self->document);
  g_clear_object (&self->layout);
  g_clear_object (&self->point_curve);
  g_clear_pointer (&self->persona, g_free);
  g_clear_pointer (&self->moving, g_hash_table_unref);
  g_clear_pointer (&self->stroke, g_array_unref);

  G_OBJECT_CLASS (cjm_interaction_parent_class)->finalize (object);
}

static void
cjm_interaction_class_init (CjmInteractionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cjm_interaction_finalize;
}

static void
cjm_interaction_init (CjmInteraction *self)
{
  self->moving = g_hash_table_new (NULL, NULL);
  self->stroke = g_array_new (FALSE, FALSE, sizeof (CjmPoint));
  self->tolerance = 4;
  self->point = -1;
}

CjmInteraction *
cjm_interaction_new (CjmSelection *selection)
{
  CjmInteraction *self;

  g_return_val_if_fail (CJM_IS_SELECTION (selection), NULL);

  self = g_object_new (CJM_TYPE_INTERACTION, NULL);
  self->selection = g_object_ref (selection);
  self->document = g_object_ref (cjm_selection_get_document (selection));
  return self;
}

/**
 * cjm_interaction_set_layout:
 *
 * Gives the interaction the layout the user sees; call it after every
 * change of the document, before the next event.
 */
void
cjm_interaction_set_layout (CjmInteraction *self,
                            CjmLayout      *layout)
{
  g_return_if_fail (CJM_IS_INTERACTION (self));
  g_return_if_fail (CJM_IS_LAYOUT (layout));

  g_set_object (&self->layout, layout);
}

CjmLayout *
cjm_interaction_get_layout (CjmInteraction *self)
{
  g_return_val_if_fail (CJM_IS_INTERACTION (self), NULL);

  return self->layout;
}

void
cjm_interaction_set_persona (CjmInteraction *self,
                             const char     *persona_id)
{
  g_return_if_fail (CJM_IS_INTERACTION (self));

  g_free (self->persona);
  self->persona = g_strdup (persona_id);
}

const char *
cjm_interaction_get_persona (CjmInteraction *self)
{
  g_return_val_if_fail (CJM_IS_INTERACTION (self), NULL);

  return self->persona;
}

void
cjm_interaction_set_variant (CjmInteraction  *self,
                             CjmCurveVariant  variant)
{
  g_return_if_fail (CJM_IS_INTERACTION (self));

  self->variant = variant;
}

/**
 * cjm_interaction_set_tolerance:
 * @tolerance: how near, in map units, counts as on a point or border; a
 *   few pixels divided by the zoom
 */
void
cjm_interaction_set_tolerance (CjmInteraction *self,
                               double          tolerance)
{
  g_return_if_fail (CJM_IS_INTERACTION (self));

  self->tolerance = MAX (tolerance, 0.5);
}

static gboolean
is_item (CjmEntity *entity)
{
  return CJM_IS_TOUCHPOINT (entity) || CJM_IS_CARD (entity);
}

static CjmCurve *
find_curve (CjmInteraction *self,
            const char     *persona,
            CjmCurveVariant variant)
{
  GPtrArray *curves = cjm_document_get_curves (self->document);

  for (guint i = 0; i < curves->len; i++)
    {
      CjmCurve *curve = g_ptr_array_index (curves, i);

      if (g_strcmp0 (cjm_curve_get_persona (curve), persona) == 0
          && cjm_curve_get_variant (curve) == variant)
        return curve;
    }
  return NULL;
}

static gboolean
can_draw_curve (CjmInteraction *self)
{
  return self->persona != NULL
         && CJM_IS_PERSONA (cjm_document_lookup (self->document, self->persona));
}

static void
select_point (CjmInteraction *self,
              CjmCurve       *curve,
              int             point)
{
  g_set_object (&self->point_curve, curve);
  self->point = curve != NULL ? point : -1;
}

void
cjm_interaction_press (CjmInteraction *self,
                       double          x,
                       double          y,
                       CjmModifiers    modifiers,
                       int             n_press)
{
  gboolean extend = (modifiers & (CJM_MODIFIER_SHIFT | CJM_MODIFIER_CONTROL)) != 0;

  g_return_if_fail (CJM_IS_INTERACTION (self));
  g_return_if_fail (self->layout != NULL);

  cjm_interaction_cancel (self);
  cjm_layout_hit_test (self->layout, x, y, self->tolerance, &self->hit);
  self->start_x = self->x = x;
  self->start_y = self->y = y;
  self->modifiers = modifiers;
  self->gesture = CJM_GESTURE_PENDING;
  self->pending = CJM_GESTURE_NONE;

  switch (self->hit.kind)
    {
    case CJM_HIT_ITEM:
      if (extend)
        cjm_selection_toggle (self->selection, self->hit.entity);
      else if (!cjm_selection_contains (self->selection, self->hit.entity))
        cjm_selection_set (self->selection, self->hit.entity);
      if (cjm_selection_contains (self->selection, self->hit.entity))
        self->pending = CJM_GESTURE_MOVE_ITEMS;
      select_point (self, NULL, -1);
      break;

    case CJM_HIT_CURVE_POINT:
      cjm_selection_set (self->selection, self->hit.entity);
      select_point (self, CJM_CURVE (self->hit.entity), self->hit.point);
      if (n_press == 2)
        {
          cjm_interaction_delete_selection (self);
          self->gesture = CJM_GESTURE_NONE;
          return;
        }
      self->pending = CJM_GESTURE_MOVE_POINT;
      break;

    case CJM_HIT_CURVE:
      cjm_selection_set (self->selection, self->hit.entity);
      select_point (self, NULL, -1);
      self->pending = can_draw_curve (self) ? CJM_GESTURE_STROKE : CJM_GESTURE_NONE;
      break;

    case CJM_HIT_PHASE_BORDER:
      self->gesture = CJM_GESTURE_RESIZE_PHASE;
      break;

    case CJM_HIT_LANE_BORDER:
      self->gesture = CJM_GESTURE_RESIZE_LANE;
      break;

    case CJM_HIT_PHASE_HEADER:
    case CJM_HIT_LANE_HEADER:
      cjm_selection_set (self->selection, self->hit.entity);
      select_point (self, NULL, -1);
      self->pending = self->hit.kind == CJM_HIT_PHASE_HEADER ? CJM_GESTURE_MOVE_PHASE
                                                             : CJM_GESTURE_MOVE_LANE;
      break;

    case CJM_HIT_CELL:
      {
        CjmLane *lane = g_ptr_array_index (cjm_document_get_lanes (self->document), self->hit.lane);

        select_point (self, NULL, -1);
        if (cjm_lane_get_kind (lane) == CJM_LANE_EMOTION && can_draw_curve (self))
          {
            self->gesture = CJM_GESTURE_STROKE;
            g_array_append_val (self->stroke, ((CjmPoint) { x, y }));
            break;
          }
        self->pending = CJM_GESTURE_RUBBER_BAND;
      }
      break;

    case CJM_HIT_CORNER:
    case CJM_HIT_NONE:
    default:
      select_point (self, NULL, -1);
      self->pending = CJM_GESTURE_RUBBER_BAND;
      break;
    }
}

static void
start_pending (CjmInteraction *self)
{
  self->gesture = self->pending;
  if (self->gesture == CJM_GESTURE_MOVE_ITEMS)
    {
      GPtrArray *selected = cjm_selection_get_entities (self->selection);

      g_hash_table_remove_all (self->moving);
      for (guint i = 0; i < selected->len; i++)
        if (is_item (g_ptr_array_index (selected, i)))
          g_hash_table_add (self->moving, g_ptr_array_index (selected, i));
    }
  else if (self->gesture == CJM_GESTURE_STROKE)
    g_array_append_val (self->stroke, ((CjmPoint) { self->start_x, self->start_y }));
}

static GType
moving_type (CjmInteraction *self)
{
  CjmEntity *primary = self->hit.entity;

  return CJM_IS_TOUCHPOINT (primary) ? CJM_TYPE_TOUCHPOINT : CJM_TYPE_CARD;
}

void
cjm_interaction_motion (CjmInteraction *self,
                        double          x,
                        double          y)
{
  g_return_if_fail (CJM_IS_INTERACTION (self));

  self->x = x;
  self->y = y;

  if (self->gesture == CJM_GESTURE_PENDING)
    {
      if (hypot (x - self->start_x, y - self->start_y) < self->tolerance * DRAG_THRESHOLD / 4
          || self->pending == CJM_GESTURE_NONE)
        return;
      start_pending (self);
    }

  switch (self->gesture)
    {
    case CJM_GESTURE_MOVE_ITEMS:
      self->has_drop = cjm_layout_drop_target (self->layout, moving_type (self), x, y, &self->drop);
      break;
    case CJM_GESTURE_STROKE:
      {
        CjmPoint *last = &g_array_index (self->stroke, CjmPoint, self->stroke->len - 1);

        /* a stroke runs left to right; samples that go back are ignored */
        if (x > last->x)
          g_array_append_val (self->stroke, ((CjmPoint) { x, y }));
      }
      break;
    case CJM_GESTURE_NONE:
    case CJM_GESTURE_PENDING:
    case CJM_GESTURE_RUBBER_BAND:
    case CJM_GESTURE_MOVE_POINT:
    case CJM_GESTURE_RESIZE_PHASE:
    case CJM_GESTURE_RESIZE_LANE:
    case CJM_GESTURE_MOVE_PHASE:
    case CJM_GESTURE_MOVE_LANE:
    default:
      break;
    }
}

static GPtrArray *
copy_points (CjmCurve *curve)
{
  GPtrArray *points = cjm_curve_get_points (curve);
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) cjm_curve_point_free);

  for (guint i = 0; points != NULL && i < points->len; i++)
    g_ptr_array_add (copy, cjm_curve_point_copy (g_ptr_array_index (points, i)));
  return copy;
}

static double
round_value (double value)
{
  return round (value * 100) / 100;
}

/* Places a curve point at map x: in the phase under it, so that it stays
 * in its phase when columns are resized. */
static gboolean
anchor_in_phase (CjmInteraction *self,
                 CjmCurvePoint  *point,
                 double          x)
{
  guint n = cjm_layout_get_n_phases (self->layout);
  int phase;
  CjmRect rect;

  if (n == 0)
    return FALSE;
  phase = cjm_layout_phase_at (self->layout, x);
  if (phase < 0)
    phase = x < CJM_LAYOUT_LANE_HEADER_WIDTH ? 0 : (int) n - 1;
  cjm_layout_get_phase_rect (self->layout, (guint) phase, &rect);

  g_free (point->phase);
  g_clear_pointer (&point->touchpoint, g_free);
  point->phase = g_strdup (cjm_entity_get_id (g_ptr_array_index (cjm_document_get_phases (self->document),
                                                                 phase)));
  point->at = round_value (CLAMP ((x - rect.x) / rect.width, 0, 1));
  return TRUE;
}

static void
set_points (CjmInteraction *self,
            CjmCurve       *curve,
            GPtrArray      *points)
{
  g_autoptr(GError) error = NULL;

  if (!cjm_document_set (self->document, CJM_ENTITY (curve), &error, "points", points, NULL))
    g_debug ("curve not changed: %s", error->message);
}

static double
point_x (CjmInteraction      *self,
         const CjmCurvePoint *point)
{
  if (point->phase != NULL)
    {
      GPtrArray *phases = cjm_document_get_phases (self->document);
      CjmRect rect;

      for (guint i = 0; i < phases->len; i++)
        if (g_strcmp0 (cjm_entity_get_id (g_ptr_array_index (phases, i)), point->phase) == 0)
          {
            cjm_layout_get_phase_rect (self->layout, i, &rect);
            return rect.x + point->at * rect.width;
          }
      return -1;
    }
  else
    {
      const CjmLayoutItem *item =
        cjm_layout_find_item (self->layout, cjm_document_lookup (self->document, point->touchpoint));

      return item != NULL ? item->rect.x + item->rect.width / 2 : -1;
    }
}

/* Turns the freehand stroke into a few points, replacing the points of the
 * curve that lay under it. */
static void
finish_stroke (CjmInteraction *self)
{
  guint n = self->stroke->len;
  const CjmPoint *samples = (const CjmPoint *) (gpointer) self->stroke->data;
  g_autofree gboolean *keep = NULL;
  g_autoptr(GPtrArray) points = NULL;
  CjmCurve *curve;
  guint lane;
  double first_x, last_x;

  if (n < 2 || cjm_layout_get_n_phases (self->layout) == 0)
    return;

  lane = (guint) cjm_layout_lane_at (self->layout, samples[0].y);
  keep = g_new (gboolean, n);
  cjm_curve_simplify (samples, n, STROKE_TOLERANCE * self->tolerance / 4, keep);
  first_x = samples[0].x;
  last_x = samples[n - 1].x;

  curve = find_curve (self, self->persona, self->variant);
  points = curve != NULL ? copy_points (curve)
                         : g_ptr_array_new_with_free_func ((GDestroyNotify) cjm_curve_point_free);

  /* points the stroke passed over give way to it */
  for (guint i = points->len; i > 0; i--)
    {
      double px = point_x (self, g_ptr_array_index (points, i - 1));

      if (px >= first_x - 1 && px <= last_x + 1)
        g_ptr_array_remove_index (points, i - 1);
    }
  for (guint i = 0; i < n; i++)
    {
      CjmCurvePoint *point;

      if (!keep[i])
        continue;
      point = cjm_curve_point_new_in_phase (NULL, 0,
                                            round_value (cjm_layout_y_to_value (self->layout, lane,
                                                                                samples[i].y)));
      anchor_in_phase (self, point, samples[i].x);
      g_ptr_array_add (points, point);
    }

  if (curve != NULL)
    {
      cjm_history_begin_group (cjm_document_get_history (self->document), _("Draw Emotion Curve"));
      set_points (self, curve, points);
      cjm_history_end_group (cjm_document_get_history (self->document));
    }
  else
    {
      g_autofree char *id = cjm_document_new_id (self->document, "curve");
      CjmCurve *created = cjm_curve_new (id);
      g_autoptr(GError) error = NULL;

      g_object_set (created, "persona", self->persona, "variant", self->variant, "points", points, NULL);
      curve = created;
      if (!cjm_document_add (self->document, CJM_ENTITY (created), -1, &error))
        {
          g_debug ("curve not added: %s", error->message);
          return;
        }
    }
  cjm_selection_set (self->selection, CJM_ENTITY (curve));
}

static void
finish_point (CjmInteraction *self)
{
  g_autoptr(GPtrArray) points = NULL;
  CjmCurvePoint *point;
  int lane = cjm_layout_lane_at (self->layout, self->start_y);

  if (self->point_curve == NULL || self->point < 0 || lane < 0)
    return;

  points = copy_points (self->point_curve);
  if ((guint) self->point >= points->len)
    return;
  point = g_ptr_array_index (points, self->point);
  point->value = round_value (cjm_layout_y_to_value (self->layout, (guint) lane, self->y));
  if (point->phase != NULL)
    anchor_in_phase (self, point, self->x);
  set_points (self, self->point_curve, points);
}

/* A click on a curve adds a point there. */
static void
add_point (CjmInteraction *self,
           CjmCurve       *curve)
{
  g_autoptr(GPtrArray) points = copy_points (curve);
  int lane = cjm_layout_lane_at (self->layout, self->y);
  CjmCurvePoint *point;

  if (lane < 0)
    return;
  point = cjm_curve_point_new_in_phase (NULL, 0,
                                        round_value (cjm_layout_y_to_value (self->layout, (guint) lane,
                                                                            self->y)));
  anchor_in_phase (self, point, self->x);
  g_ptr_array_add (points, point);
  set_points (self, curve, points);
  select_point (self, curve, (int) points->len - 1);
}

static void
finish_move_items (CjmInteraction *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GType type = moving_type (self);
  GPtrArray *phases = cjm_document_get_phases (self->document);
  GPtrArray *lanes = cjm_document_get_lanes (self->document);
  const CjmLayoutItem *primary;
  guint position;

  if (!self->has_drop)
    return;

  /* drop them in reading order, so a group keeps its order */
  for (guint i = 0; i < cjm_layout_get_n_items (self->layout); i++)
    {
      const CjmLayoutItem *item = cjm_layout_get_item (self->layout, i);

      if (g_hash_table_contains (self->moving, item->entity) && G_OBJECT_TYPE (item->entity) == type)
        g_ptr_array_add (items, item->entity);
    }

  /* the drop position counts every item of the cell; placing counts only
   * those that stay, so leave out the dragged ones standing before it */
  position = self->drop.position;
  {
    guint n;
    const CjmLayoutItem *cell = cjm_layout_get_cell_items (self->layout, self->drop.phase,
                                                           self->drop.lane, &n);

    for (guint i = 0; i < n && i < self->drop.position; i++)
      if (g_hash_table_contains (self->moving, cell[i].entity) && G_OBJECT_TYPE (cell[i].entity) == type)
        position--;
  }

  primary = cjm_layout_find_item (self->layout, self->hit.entity);
  if (items->len == 1 && primary != NULL && primary->phase == self->drop.phase
      && primary->lane == self->drop.lane
      && (self->drop.position == primary->position || self->drop.position == primary->position + 1))
    return; /* dropped where it was */

  if (!cjm_document_place_items (self->document, (CjmEntity **) items->pdata, items->len,
                                 cjm_entity_get_id (g_ptr_array_index (phases, self->drop.phase)),
                                 cjm_entity_get_id (g_ptr_array_index (lanes, self->drop.lane)),
                                 position, &error))
    g_debug ("items not moved: %s", error->message);
}

static void
finish_rubber_band (CjmInteraction *self)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  CjmRect rect;

  cjm_interaction_get_rubber_band (self, &rect);
  cjm_layout_items_in_rect (self->layout, &rect, found);
  if (self->modifiers & (CJM_MODIFIER_SHIFT | CJM_MODIFIER_CONTROL))
    for (guint i = 0; i < found->len; i++)
      cjm_selection_add (self->selection, g_ptr_array_index (found, i));
  else
    cjm_selection_set_many (self->selection, (CjmEntity **) found->pdata, found->len);
}

static void
finish_resize (CjmInteraction *self)
{
  g_autoptr(GError) error = NULL;
  CjmRect rect;

  if (self->gesture == CJM_GESTURE_RESIZE_PHASE && self->hit.phase >= 0)
    {
      cjm_layout_get_phase_rect (self->layout, (guint) self->hit.phase, &rect);
      if (!cjm_document_set (self->document, self->hit.entity, &error,
                             "width", CLAMP (round (self->x - rect.x), 60.0, 4000.0), NULL))
        g_debug ("phase not resized: %s", error->message);
    }
  else if (self->gesture == CJM_GESTURE_RESIZE_LANE && self->hit.lane >= 0)
    {
      cjm_layout_get_lane_rect (self->layout, (guint) self->hit.lane, &rect);
      if (!cjm_document_set (self->document, self->hit.entity, &error,
                             "height", CLAMP (round (self->y - rect.y), 40.0, 4000.0), NULL))
        g_debug ("lane not resized: %s", error->message);
    }
}

static int
header_target (CjmInteraction *self)
{
  if (self->gesture == CJM_GESTURE_MOVE_PHASE)
    {
      int phase = cjm_layout_phase_at (self->layout, self->x);

      if (phase < 0)
        phase = self->x < CJM_LAYOUT_LANE_HEADER_WIDTH ? 0 : (int) cjm_layout_get_n_phases (self->layout) - 1;
      return phase;
    }
  else
    {
      int lane = cjm_layout_lane_at (self->layout, self->y);

      if (lane < 0)
        lane = self->y < CJM_LAYOUT_PHASE_HEADER_HEIGHT ? 0 : (int) cjm_layout_get_n_lanes (self->layout) - 1;
      return lane;
    }
}

void
cjm_interaction_release (CjmInteraction *self,
                         double          x,
                         double          y)
{
  CjmGesture gesture;

  g_return_if_fail (CJM_IS_INTERACTION (self));

  cjm_interaction_motion (self, x, y);
  gesture = self->gesture;

  switch (gesture)
    {
    case CJM_GESTURE_PENDING:
      /* a click without a drag */
      if (self->hit.kind == CJM_HIT_CURVE && can_draw_curve (self))
        add_point (self, CJM_CURVE (self->hit.entity));
      else if (self->hit.kind == CJM_HIT_ITEM && !(self->modifiers & (CJM_MODIFIER_SHIFT | CJM_MODIFIER_CONTROL)))
        cjm_selection_set (self->selection, self->hit.entity);
      else if (self->pending == CJM_GESTURE_RUBBER_BAND && !(self->modifiers & (CJM_MODIFIER_SHIFT | CJM_MODIFIER_CONTROL)))
        cjm_selection_clear (self->selection);
      break;
    case CJM_GESTURE_MOVE_ITEMS:
      finish_move_items (self);
      break;
    case CJM_GESTURE_RUBBER_BAND:
      finish_rubber_band (self);
      break;
    case CJM_GESTURE_STROKE:
      finish_stroke (self);
      break;
    case CJM_GESTURE_MOVE_POINT:
      finish_point (self);
      break;
    case CJM_GESTURE_RESIZE_PHASE:
    case CJM_GESTURE_RESIZE_LANE:
      finish_resize (self);
      break;
    case CJM_GESTURE_MOVE_PHASE:
    case CJM_GESTURE_MOVE_LANE:
      cjm_document_reorder (self->document, self->hit.entity, (guint) header_target (self));
      break;
    case CJM_GESTURE_NONE:
    default:
      break;
    }

  self->gesture = CJM_GESTURE_NONE;
  g_hash_table_remove_all (self->moving);
  g_array_set_size (self->stroke, 0);
  self->has_drop = FALSE;
}

/**
 * cjm_interaction_cancel:
 *
 * Abandons the gesture under way (Escape, or the pointer grab lost):
 * nothing changes.
 */
void
cjm_interaction_cancel (CjmInteraction *self)
{
  g_return_if_fail (CJM_IS_INTERACTION (self));

  self->gesture = CJM_GESTURE_NONE;
  g_hash_table_remove_all (self->moving);
  g_array_set_size (self->stroke, 0);
  self->has_drop = FALSE;
}

static gboolean
parse_kind (const char  *kind,
            GType       *type,
            const char **detail)
{
  if (g_str_has_prefix (kind, "touchpoint:"))
    {
      *type = CJM_TYPE_TOUCHPOINT;
      *detail = kind + strlen ("touchpoint:");
      return TRUE;
    }
  if (g_str_has_prefix (kind, "card:"))
    {
      *type = CJM_TYPE_CARD;
      *detail = kind + strlen ("card:");
      return TRUE;
    }
  return FALSE;
}

/**
 * cjm_interaction_drop_preview:
 * @kind: what the palette drags ("touchpoint:website", "card:pain-points")
 *
 * Returns: whether @kind may be dropped at the point; the drop target
 *   shows where
 */
gboolean
cjm_interaction_drop_preview (CjmInteraction *self,
                              const char     *kind,
                              double          x,
                              double          y)
{
  GType type;
  const char *detail;

  g_return_val_if_fail (CJM_IS_INTERACTION (self), FALSE);

  self->has_drop = kind != NULL && parse_kind (kind, &type, &detail)
                   && cjm_layout_drop_target (self->layout, type, x, y, &self->drop);
  return self->has_drop;
}

void
cjm_interaction_drop_leave (CjmInteraction *self)
{
  g_return_if_fail (CJM_IS_INTERACTION (self));

  self->has_drop = FALSE;
}

static const char *
new_card_text (CjmLaneKind kind)
{
  switch (kind)
    {
    case CJM_LANE_ACTIONS:       return _("What does the customer do?");
    case CJM_LANE_THOUGHTS:      return _("What does the customer think?");
    case CJM_LANE_PAIN_POINTS:   return _("What goes wrong?");
    case CJM_LANE_OPPORTUNITIES: return _("What could be better?");
    case CJM_LANE_BACKSTAGE:     return _("Who or what serves the customer here?");
    case CJM_LANE_METRICS:       return _("What is measured?");
    case CJM_LANE_NOTES:
    case CJM_LANE_TOUCHPOINTS:
    case CJM_LANE_EMOTION:
    default:                     return _("Note");
    }
}

/**
 * cjm_interaction_create_item:
 * @kind: a palette kind
 * @phase: the phase index of the cell
 * @lane: the lane index of the cell
 * @position: where among the cell's items
 *
 * Adds a new touchpoint or card to a cell as one undoable step and selects
 * it.
 *
 * Returns: (transfer none) (nullable): the new item
 */
CjmEntity *
cjm_interaction_create_item (CjmInteraction *self,
                             const char     *kind,
                             guint           phase,
                             guint           lane,
                             guint           position)
{
  GPtrArray *phases = cjm_document_get_phases (self->document);
  GPtrArray *lanes = cjm_document_get_lanes (self->document);
  g_autoptr(GError) error = NULL;
  const char *phase_id, *lane_id, *detail;
  CjmEntity *item;
  GType type;
  g_autofree char *id = NULL;
  gboolean ok;

  g_return_val_if_fail (CJM_IS_INTERACTION (self), NULL);

  if (!parse_kind (kind, &type, &detail) || phase >= phases->len || lane >= lanes->len)
    return NULL;
  phase_id = cjm_entity_get_id (g_ptr_array_index (phases, phase));
  lane_id = cjm_entity_get_id (g_ptr_array_index (lanes, lane));
  if (!cjm_document_can_place (self->document, type, lane_id))
    return NULL;

  if (type == CJM_TYPE_TOUCHPOINT)
    {
      const CjmChannelInfo *info = cjm_channel_info_lookup (detail);
      CjmEntity *custom = cjm_document_lookup (self->document, detail);
      const char *channel = info != NULL || CJM_IS_CHANNEL (custom) ? detail : NULL;

      id = cjm_document_new_id (self->document, "tp");
      item = g_object_new (CJM_TYPE_TOUCHPOINT, "id", id, "phase", phase_id, "lane", lane_id,
                           "channel", channel, "title", _("New touchpoint"), NULL);
      if (self->persona != NULL && CJM_IS_PERSONA (cjm_document_lookup (self->document, self->persona)))
        {
          const char *personas[] = { self->persona, NULL };

          g_object_set (item, "personas", personas, NULL);
        }
    }
  else
    {
      id = cjm_document_new_id (self->document, "card");
      item = g_object_new (CJM_TYPE_CARD, "id", id, "phase", phase_id, "lane", lane_id,
                           "text", new_card_text (cjm_lane_get_kind (g_ptr_array_index (lanes, lane))),
                           NULL);
    }

  cjm_history_begin_group (cjm_document_get_history (self->document),
                           type == CJM_TYPE_TOUCHPOINT ? _("Add Touchpoint") : _("Add Card"));
  g_object_ref (item);
  ok = cjm_document_add (self->document, item, -1, &error)
       && cjm_document_place_items (self->document, &item, 1, phase_id, lane_id, position, &error);
  cjm_history_end_group (cjm_document_get_history (self->document));
  if (!ok)
    {
      g_debug ("item not added: %s", error->message);
      g_object_unref (item);
      return NULL;
    }
  cjm_selection_set (self->selection, item);
  g_object_unref (item);
  return item;
}

/**
 * cjm_interaction_drop:
 * @kind: what the palette dropped
 *
 * Returns: (transfer none) (nullable): the item created where it was
 *   dropped
 */
CjmEntity *
cjm_interaction_drop (CjmInteraction *self,
                      const char     *kind,
                      double          x,
                      double          y)
{
  g_return_val_if_fail (CJM_IS_INTERACTION (self), NULL);

  if (!cjm_interaction_drop_preview (self, kind, x, y))
    return NULL;
  self->has_drop = FALSE;
  return cjm_interaction_create_item (self, kind, self->drop.phase, self->drop.lane,
                                      self->drop.position);
}

static const CjmLayoutItem *
primary_item (CjmInteraction *self)
{
  return cjm_layout_find_item (self->layout, cjm_selection_get_primary (self->selection));
}

/**
 * cjm_interaction_select_next:
 * @backwards: for Shift+Tab
 *
 * Moves the selection to the next item in reading order: lane by lane from
 * the top, within a lane phase by phase, within a cell in order.
 *
 * Returns: whether there was an item to move to
 */
gboolean
cjm_interaction_select_next (CjmInteraction *self,
                             gboolean        backwards)
{
  guint n;
  const CjmLayoutItem *current;
  guint index;

  g_return_val_if_fail (CJM_IS_INTERACTION (self), FALSE);

  n = cjm_layout_get_n_items (self->layout);
  if (n == 0)
    return FALSE;
  current = primary_item (self);
  if (current == NULL)
    index = backwards ? n - 1 : 0;
  else
    {
      index = (guint) (current - cjm_layout_get_item (self->layout, 0));
      if (backwards ? index == 0 : index + 1 >= n)
        return FALSE;
      index = backwards ? index - 1 : index + 1;
    }
  cjm_selection_set (self->selection, cjm_layout_get_item (self->layout, index)->entity);
  return TRUE;
}

/**
 * cjm_interaction_select_toward:
 *
 * Arrow keys: left and right go to the previous and next item in reading
 * order; up and down to the nearest item in the nearest lane above or
 * below that has any.
 *
 * Returns: whether the selection moved
 */
gboolean
cjm_interaction_select_toward (CjmInteraction *self,
                               CjmDirection    direction)
{
  const CjmLayoutItem *current;
  const CjmLayoutItem *best = NULL;
  double best_distance = G_MAXDOUBLE;
  int step;

  g_return_val_if_fail (CJM_IS_INTERACTION (self), FALSE);

  if (direction == CJM_DIRECTION_LEFT || direction == CJM_DIRECTION_RIGHT)
    return cjm_interaction_select_next (self, direction == CJM_DIRECTION_LEFT);

  current = primary_item (self);
  if (current == NULL)
    return cjm_interaction_select_next (self, FALSE);

  step = direction == CJM_DIRECTION_UP ? -1 : 1;
  for (int lane = (int) current->lane + step;
       best == NULL && lane >= 0 && lane < (int) cjm_layout_get_n_lanes (self->layout);
       lane += step)
    for (guint phase = 0; phase < cjm_layout_get_n_phases (self->layout); phase++)
      {
        guint n;
        const CjmLayoutItem *items = cjm_layout_get_cell_items (self->layout, phase, (guint) lane, &n);

        for (guint i = 0; i < n; i++)
          {
            double d = fabs ((items[i].rect.x + items[i].rect.width / 2)
                             - (current->rect.x + current->rect.width / 2));

            if (d < best_distance)
              {
                best_distance = d;
                best = &items[i];
              }
          }
      }
  if (best == NULL)
    return FALSE;
  cjm_selection_set (self->selection, best->entity);
  return TRUE;
}

/**
 * cjm_interaction_move_selection:
 *
 * Ctrl+arrows: moves the selected item one place left or right in its cell
 * (into the neighbouring phase past the cell's edge), or into the nearest
 * lane above or below that can hold it.
 *
 * Returns: whether it moved
 */
gboolean
cjm_interaction_move_selection (CjmInteraction *self,
                                CjmDirection    direction)
{
  const CjmLayoutItem *current;
  GPtrArray *phases, *lanes;
  g_autoptr(GError) error = NULL;
  CjmEntity *item;
  guint phase, lane, position, n;

  g_return_val_if_fail (CJM_IS_INTERACTION (self), FALSE);

  current = primary_item (self);
  if (current == NULL)
    return FALSE;

  item = current->entity;
  phases = cjm_document_get_phases (self->document);
  lanes = cjm_document_get_lanes (self->document);
  phase = current->phase;
  lane = current->lane;
  cjm_layout_get_cell_items (self->layout, phase, lane, &n);

  switch (direction)
    {
    case CJM_DIRECTION_LEFT:
      if (current->position > 0)
        position = current->position - 1;
      else if (phase > 0)
        {
          phase--;
          position = G_MAXUINT;
        }
      else
        return FALSE;
      break;
    case CJM_DIRECTION_RIGHT:
      if (current->position + 1 < n)
        position = current->position + 1;
      else if (phase + 1 < phases->len)
        {
          phase++;
          position = 0;
        }
      else
        return FALSE;
      break;
    case CJM_DIRECTION_UP:
    case CJM_DIRECTION_DOWN:
      {
        int step = direction == CJM_DIRECTION_UP ? -1 : 1;
        int target = (int) lane + step;

        while (target >= 0 && target < (int) lanes->len
               && !cjm_document_can_place (self->document, G_OBJECT_TYPE (item),
                                           cjm_entity_get_id (g_ptr_array_index (lanes, target))))
          target += step;
        if (target < 0 || target >= (int) lanes->len)
          return FALSE;
        lane = (guint) target;
        position = current->position;
      }
      break;
    default:
      return FALSE;
    }

  return cjm_document_place_items (self->document, &item, 1,
                                   cjm_entity_get_id (g_ptr_array_index (phases, phase)),
                                   cjm_entity_get_id (g_ptr_array_index (lanes, lane)),
                                   position, &error);
}

/**
 * cjm_interaction_delete_selection:
 *
 * Deletes the selected curve point, or else the selected entities.
 *
 * Returns: whether anything was deleted
 */
gboolean
cjm_interaction_delete_selection (CjmInteraction *self)
{
  GPtrArray *selected;

  g_return_val_if_fail (CJM_IS_INTERACTION (self), FALSE);

  if (self->point_curve != NULL && self->point >= 0)
    {
      g_autoptr(GPtrArray) points = copy_points (self->point_curve);
      g_autoptr(CjmCurve) curve = g_object_ref (self->point_curve);

      if ((guint) self->point >= points->len)
        return FALSE;
      g_ptr_array_remove_index (points, (guint) self->point);
      select_point (self, NULL, -1);
      cjm_history_begin_group (cjm_document_get_history (self->document), _("Delete Curve Point"));
      set_points (self, curve, points);
      cjm_history_end_group (cjm_document_get_history (self->document));
      return TRUE;
    }

  selected = cjm_selection_get_entities (self->selection);
  if (selected->len == 0)
    return FALSE;
  {
    g_autoptr(GPtrArray) doomed = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < selected->len; i++)
      g_ptr_array_add (doomed, g_object_ref (g_ptr_array_index (selected, i)));
    cjm_selection_clear (self->selection);
    cjm_document_remove_many (self->document, (CjmEntity **) doomed->pdata, doomed->len);
  }
  return TRUE;
}

/**
 * cjm_interaction_add_curve_point:
 * @touchpoint: a touchpoint of the map
 *
 * Puts a point of the picked persona's curve on @touchpoint, at the
 * touchpoint's emotion rating (or the middle of the scale when it has
 * none), creating the curve if needed: the way to draw a curve from the
 * keyboard, and to make the curve follow the ratings.
 *
 * Returns: whether the curve changed
 */
gboolean
cjm_interaction_add_curve_point (CjmInteraction *self,
                                 CjmTouchpoint  *touchpoint)
{
  CjmMap *map;
  CjmCurve *curve;
  g_autoptr(GPtrArray) points = NULL;
  const char *id;
  int emotion;
  double value;
  gboolean placed = FALSE;

  g_return_val_if_fail (CJM_IS_INTERACTION (self), FALSE);
  g_return_val_if_fail (CJM_IS_TOUCHPOINT (touchpoint), FALSE);

  if (!can_draw_curve (self))
    return FALSE;

  map = cjm_document_get_map (self->document);
  emotion = cjm_touchpoint_get_emotion (touchpoint);
  value = emotion != CJM_UNSET_INT ? emotion
                                   : (cjm_map_get_scale_min (map) + cjm_map_get_scale_max (map)) / 2.0;
  id = cjm_entity_get_id (CJM_ENTITY (touchpoint));

  curve = find_curve (self, self->persona, self->variant);
  points = curve != NULL ? copy_points (curve)
                         : g_ptr_array_new_with_free_func ((GDestroyNotify) cjm_curve_point_free);
  for (guint i = 0; i < points->len; i++)
    {
      CjmCurvePoint *point = g_ptr_array_index (points, i);

      if (g_strcmp0 (point->touchpoint, id) == 0)
        {
          point->value = value;
          placed = TRUE;
        }
    }
  if (!placed)
    g_ptr_array_add (points, cjm_curve_point_new_on_touchpoint (id, value));

  if (curve != NULL)
    {
      set_points (self, curve, points);
      return TRUE;
    }
  else
    {
      g_autofree char *curve_id = cjm_document_new_id (self->document, "curve");
      CjmCurve *created = cjm_curve_new (curve_id);
      g_autoptr(GError) error = NULL;

      g_object_set (created, "persona", self->persona, "variant", self->variant, "points", points, NULL);
      if (!cjm_document_add (self->document, CJM_ENTITY (created), -1, &error))
        {
          g_debug ("curve not added: %s", error->message);
          return FALSE;
        }
      return TRUE;
    }
}

CjmGesture
cjm_interaction_get_gesture (CjmInteraction *self)
{
  g_return_val_if_fail (CJM_IS_INTERACTION (self), CJM_GESTURE_NONE);

  return self->gesture;
}

/**
 * cjm_interaction_get_moving:
 *
 * Returns: (transfer none): the items being dragged, which the canvas
 *   draws under the pointer instead of in their cells
 */
GHashTable *
cjm_interaction_get_moving (CjmInteraction *self)
{
  g_return_val_if_fail (CJM_IS_INTERACTION (self), NULL);

  return self->moving;
}

void
cjm_interaction_get_offset (CjmInteraction *self,
                            double         *dx,
                            double         *dy)
{
  g_return_if_fail (CJM_IS_INTERACTION (self));

  *dx = self->x - self->start_x;
  *dy = self->y - self->start_y;
}

/**
 * cjm_interaction_get_drop_target:
 *
 * Returns: (nullable): where dragged or dropped items would go
 */
const CjmDropTarget *
cjm_interaction_get_drop_target (CjmInteraction *self)
{
  g_return_val_if_fail (CJM_IS_INTERACTION (self), NULL);

  return self->has_drop ? &self->drop : NULL;
}

gboolean
cjm_interaction_get_rubber_band (CjmInteraction *self,
                                 CjmRect        *rect)
{
  g_return_val_if_fail (CJM_IS_INTERACTION (self), FALSE);

  rect->x = MIN (self->start_x, self->x);
  rect->y = MIN (self->start_y, self->y);
  rect->width = fabs (self->x - self->start_x);
  rect->height = fabs (self->y - self->start_y);
  return self->gesture == CJM_GESTURE_RUBBER_BAND;
}

/**
 * cjm_interaction_get_stroke:
 * @n_points: (out): how many samples
 *
 * Returns: (array length=n_points): the freehand stroke being drawn
 */
const CjmPoint *
cjm_interaction_get_stroke (CjmInteraction *self,
                            guint          *n_points)
{
  g_return_val_if_fail (CJM_IS_INTERACTION (self), NULL);

  *n_points = self->gesture == CJM_GESTURE_STROKE ? self->stroke->len : 0;
  return (const CjmPoint *) (gpointer) self->stroke->data;
}

/**
 * cjm_interaction_get_guide:
 * @rect: (out caller-allocates): a line to draw: the new border of a
 *   phase or lane being resized, the slot a header is dragged to, or the
 *   point being dragged
 *
 * Returns: whether there is one
 */
gboolean
cjm_interaction_get_guide (CjmInteraction *self,
                           CjmRect        *rect)
{
  CjmRect r;

  g_return_val_if_fail (CJM_IS_INTERACTION (self), FALSE);

  switch (self->gesture)
    {
    case CJM_GESTURE_RESIZE_PHASE:
      cjm_layout_get_phase_rect (self->layout, (guint) self->hit.phase, &r);
      *rect = (CjmRect) { MAX (self->x, r.x + 60), 0, 2, cjm_layout_get_height (self->layout) };
      return TRUE;
    case CJM_GESTURE_RESIZE_LANE:
      cjm_layout_get_lane_rect (self->layout, (guint) self->hit.lane, &r);
      *rect = (CjmRect) { 0, MAX (self->y, r.y + 40), cjm_layout_get_width (self->layout), 2 };
      return TRUE;
    case CJM_GESTURE_MOVE_PHASE:
      cjm_layout_get_phase_rect (self->layout, (guint) header_target (self), &r);
      *rect = r;
      return TRUE;
    case CJM_GESTURE_MOVE_LANE:
      cjm_layout_get_lane_rect (self->layout, (guint) header_target (self), &r);
      *rect = r;
      return TRUE;
    case CJM_GESTURE_MOVE_POINT:
      *rect = (CjmRect) { self->x - 6, self->y - 6, 12, 12 };
      return TRUE;
    case CJM_GESTURE_NONE:
    case CJM_GESTURE_PENDING:
    case CJM_GESTURE_MOVE_ITEMS:
    case CJM_GESTURE_RUBBER_BAND:
    case CJM_GESTURE_STROKE:
    default:
      return FALSE;
    }
}

/**
 * cjm_interaction_get_point_curve:
 * @point: (out): the index of the selected point in the curve's points
 *
 * Returns: (nullable): the curve whose point is selected
 */
CjmCurve *
cjm_interaction_get_point_curve (CjmInteraction *self,
                                 int            *point)
{
  g_return_val_if_fail (CJM_IS_INTERACTION (self), NULL);

  *point = self->point;
  return self->point_curve;
}

/**
 * cjm_interaction_get_cursor:
 *
 * Returns: the name of the pointer cursor to show over a point
 */
const char *
cjm_interaction_get_cursor (CjmInteraction *self,
                            double          x,
                            double          y)
{
  CjmHit hit;

  g_return_val_if_fail (CJM_IS_INTERACTION (self), "default");

  switch (self->gesture)
    {
    case CJM_GESTURE_MOVE_ITEMS:
    case CJM_GESTURE_MOVE_PHASE:
    case CJM_GESTURE_MOVE_LANE:
    case CJM_GESTURE_MOVE_POINT:
      return "grabbing";
    case CJM_GESTURE_RESIZE_PHASE:
      return "col-resize";
    case CJM_GESTURE_RESIZE_LANE:
      return "row-resize";
    case CJM_GESTURE_STROKE:
      return "crosshair";
    case CJM_GESTURE_NONE:
    case CJM_GESTURE_PENDING:
    case CJM_GESTURE_RUBBER_BAND:
    default:
      break;
    }

  if (self->layout == NULL)
    return "default";
  cjm_layout_hit_test (self->layout, x, y, self->tolerance, &hit);
  switch (hit.kind)
    {
    case CJM_HIT_ITEM:
    case CJM_HIT_CURVE_POINT:
    case CJM_HIT_PHASE_HEADER:
    case CJM_HIT_LANE_HEADER:
      return "grab";
    case CJM_HIT_PHASE_BORDER:
      return "col-resize";
    case CJM_HIT_LANE_BORDER:
      return "row-resize";
    case CJM_HIT_CURVE:
      return can_draw_curve (self) ? "copy" : "pointer";
    case CJM_HIT_CELL:
      {
        CjmLane *lane = g_ptr_array_index (cjm_document_get_lanes (self->document), hit.lane);

        return cjm_lane_get_kind (lane) == CJM_LANE_EMOTION && can_draw_curve (self) ? "crosshair"
                                                                                     : "default";
      }
    case CJM_HIT_CORNER:
    case CJM_HIT_NONE:
    default:
      return "default";
    }
}
