/* cjm-layout.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cjm-layout.h"

/* Where everything of a map goes: a pure function of the document, shared
 * by the canvas, export and printing. Items have fixed sizes so that laying
 * out 10,000 touchpoints needs no text measurement and takes milliseconds;
 * a lane grows to fit the fullest of its cells. The result is immutable:
 * after a change the canvas makes a new one. */

#define CURVE_MARGIN 18.0
#define EMOTION_LANE_MIN_HEIGHT 180.0
#define CURVE_SPREAD 48.0          /* between points that share an x */

struct _CjmLayout
{
  GObject         parent_instance;

  CjmDocument    *document;
  double          width;
  double          height;

  guint           n_phases;
  double         *phase_x;        /* left edge of each column */
  double         *phase_width;
  guint           n_lanes;
  double         *lane_y;         /* top edge of each row */
  double         *lane_height;
  CjmLaneKind    *lane_kind;

  CjmLayoutItem  *items;          /* by cell (lane-major), then in order */
  guint           n_items;
  guint          *cell_start;     /* n_lanes * n_phases + 1 offsets into items */
  GHashTable     *item_index;     /* CjmEntity -> index + 1 */

  CjmLayoutCurve *curves;
  guint           n_curves;
  int             emotion_lane;   /* where curves are drawn, or -1 */
  int             scale_min;
  int             scale_max;
};

G_DEFINE_FINAL_TYPE (CjmLayout, cjm_layout, G_TYPE_OBJECT)

static void
cjm_layout_finalize (GObject *object)
{
  CjmLayout *self = CJM_LAYOUT (object);

  for (guint i = 0; i < self->n_curves; i++)
    {
      g_free (self->curves[i].points);
      g_free (self->curves[i].controls);
      g_free (self->curves[i].source_index);
    }
  g_free (self->curves);
  g_free (self->phase_x);
  g_free (self->phase_width);
  g_free (self->lane_y);
  g_free (self->lane_height);
  g_free (self->lane_kind);
  g_free (self->items);
  g_free (self->cell_start);
  g_clear_pointer (&self->item_index, g_hash_table_unref);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (cjm_layout_parent_class)->finalize (object);
}

static void
cjm_layout_class_init (CjmLayoutClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cjm_layout_finalize;
}

static void
cjm_layout_init (CjmLayout *self)
{
  self->emotion_lane = -1;
}

static guint
cell_index (CjmLayout *self,
            guint      phase,
            guint      lane)
{
  return lane * self->n_phases + phase;
}



static double
item_height (CjmLayout *self,
             guint      lane)
{
  return self->lane_kind[lane] == CJM_LANE_TOUCHPOINTS ? CJM_LAYOUT_TOUCHPOINT_HEIGHT
                                                       : CJM_LAYOUT_CARD_HEIGHT;
}

/* As many columns as fit items of the minimum width; the items then share
 * the cell's width, up to a comfortable maximum. */
static guint
columns (CjmLayout *self,
         guint      phase)
{
  double inner = self->phase_width[phase] - 2 * CJM_LAYOUT_PADDING;
  guint n = (guint) floor ((inner + CJM_LAYOUT_GAP) / (CJM_LAYOUT_ITEM_WIDTH + CJM_LAYOUT_GAP));

  return MAX (n, 1);
}

static double
item_width (CjmLayout *self,
            guint      phase)
{
  double inner = self->phase_width[phase] - 2 * CJM_LAYOUT_PADDING;
  guint n = columns (self, phase);

  return MIN (CJM_LAYOUT_ITEM_MAX_WIDTH, (inner - (n - 1) * CJM_LAYOUT_GAP) / n);
}

static GHashTable *
index_ids (GPtrArray *entities)
{
  GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < entities->len; i++)
    g_hash_table_insert (table, (gpointer) cjm_entity_get_id (g_ptr_array_index (entities, i)),
                         GUINT_TO_POINTER (i + 1));
  return table;
}

static void
layout_grid (CjmLayout *self)
{
  GPtrArray *phases = cjm_document_get_phases (self->document);
  GPtrArray *lanes = cjm_document_get_lanes (self->document);
  double x = CJM_LAYOUT_LANE_HEADER_WIDTH;

  self->n_phases = phases->len;
  self->phase_x = g_new (double, self->n_phases + 1);
  self->phase_width = g_new (double, self->n_phases + 1);
  for (guint i = 0; i < self->n_phases; i++)
    {
      self->phase_x[i] = x;
      self->phase_width[i] = cjm_phase_get_width (g_ptr_array_index (phases, i));
      x += self->phase_width[i];
    }
  self->width = x;

  self->n_lanes = lanes->len;
  self->lane_y = g_new0 (double, self->n_lanes + 1);
  self->lane_height = g_new0 (double, self->n_lanes + 1);
  self->lane_kind = g_new0 (CjmLaneKind, self->n_lanes + 1);
  for (guint i = 0; i < self->n_lanes; i++)
    {
      CjmLane *lane = g_ptr_array_index (lanes, i);

      self->lane_kind[i] = cjm_lane_get_kind (lane);
      self->lane_height[i] = cjm_lane_get_height (lane);
      if (self->lane_kind[i] == CJM_LANE_EMOTION)
        {
          self->lane_height[i] = MAX (self->lane_height[i], EMOTION_LANE_MIN_HEIGHT);
          if (self->emotion_lane < 0)
            self->emotion_lane = (int) i;
        }
    }
}

/* Sorts the items into their cells (a counting sort keeps reading order
 * within a cell) and grows each lane to hold its fullest cell. */
static void
layout_items (CjmLayout *self)
{
  GPtrArray *lists[2] = { cjm_document_get_touchpoints (self->document),
                          cjm_document_get_cards (self->document) };
  g_autoptr(GHashTable) phase_ids = index_ids (cjm_document_get_phases (self->document));
  g_autoptr(GHashTable) lane_ids = index_ids (cjm_document_get_lanes (self->document));
  guint n_cells = self->n_phases * self->n_lanes;
  g_autofree guint *cell_of = NULL;
  g_autofree guint *fill = NULL;
  guint total = lists[0]->len + lists[1]->len;
  double y = CJM_LAYOUT_PHASE_HEADER_HEIGHT;

  self->cell_start = g_new0 (guint, n_cells + 1);
  cell_of = g_new (guint, total);

  for (guint l = 0, k = 0; l < 2; l++)
    for (guint i = 0; i < lists[l]->len; i++, k++)
      {
        CjmEntity *entity = g_ptr_array_index (lists[l], i);
        const char *phase_id = l == 0 ? cjm_touchpoint_get_phase (CJM_TOUCHPOINT (entity))
                                      : cjm_card_get_phase (CJM_CARD (entity));
        const char *lane_id = l == 0 ? cjm_touchpoint_get_lane (CJM_TOUCHPOINT (entity))
                                     : cjm_card_get_lane (CJM_CARD (entity));
        guint phase = GPOINTER_TO_UINT (g_hash_table_lookup (phase_ids, phase_id));
        guint lane = GPOINTER_TO_UINT (g_hash_table_lookup (lane_ids, lane_id));

        if (phase == 0 || lane == 0)
          {
            cell_of[k] = G_MAXUINT;
            continue;
          }
        cell_of[k] = cell_index (self, phase - 1, lane - 1);
        self->cell_start[cell_of[k] + 1]++;
      }
  for (guint c = 0; c < n_cells; c++)
    self->cell_start[c + 1] += self->cell_start[c];

  self->n_items = self->cell_start[n_cells];
  self->items = g_new0 (CjmLayoutItem, MAX (self->n_items, 1));
  self->item_index = g_hash_table_new (NULL, NULL);
  fill = g_memdup2 (self->cell_start, sizeof (guint) * (n_cells + 1));

  for (guint l = 0, k = 0; l < 2; l++)
    for (guint i = 0; i < lists[l]->len; i++, k++)
      {
        guint slot;

        if (cell_of[k] == G_MAXUINT)
          continue;
        slot = fill[cell_of[k]]++;
        self->items[slot].entity = g_ptr_array_index (lists[l], i);
        self->items[slot].lane = cell_of[k] / MAX (self->n_phases, 1);
        self->items[slot].phase = cell_of[k] % MAX (self->n_phases, 1);
        self->items[slot].position = slot - self->cell_start[cell_of[k]];
      }

  for (guint lane = 0; lane < self->n_lanes; lane++)
    {
      double h = item_height (self, lane);

      for (guint phase = 0; phase < self->n_phases; phase++)
        {
          guint c = cell_index (self, phase, lane);
          guint count = self->cell_start[c + 1] - self->cell_start[c];
          guint rows = (count + columns (self, phase) - 1) / columns (self, phase);
          double needed = 2 * CJM_LAYOUT_PADDING + rows * h + (rows > 0 ? (rows - 1) * CJM_LAYOUT_GAP : 0);

          self->lane_height[lane] = MAX (self->lane_height[lane], needed);
        }
      self->lane_y[lane] = y;
      y += self->lane_height[lane];
    }
  self->height = y;

  for (guint k = 0; k < self->n_items; k++)
    {
      CjmLayoutItem *item = &self->items[k];
      guint cols = columns (self, item->phase);
      double w = item_width (self, item->phase);
      double h = item_height (self, item->lane);

      item->rect.x = self->phase_x[item->phase] + CJM_LAYOUT_PADDING
                     + (item->position % cols) * (w + CJM_LAYOUT_GAP);
      item->rect.y = self->lane_y[item->lane] + CJM_LAYOUT_PADDING
                     + (item->position / cols) * (h + CJM_LAYOUT_GAP);
      item->rect.width = w;
      item->rect.height = h;
      g_hash_table_insert (self->item_index, item->entity, GUINT_TO_POINTER (k + 1));
    }
}

static int
compare_x (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  const CjmPoint *points = user_data;
  double xa = points[*(const guint *) a].x;
  double xb = points[*(const guint *) b].x;

  if (xa != xb)
    return xa < xb ? -1 : 1;
  return (int) *(const guint *) a - (int) *(const guint *) b;
}

/* Points at one x, such as two touchpoints stacked in one column, would
 * give the curve a vertical step that reads as a glitch on the wall. They
 * share the room around that x instead, in their order along the curve,
 * without passing the points beside them. @points are sorted by x. */
static void
spread_stacked_points (CjmPoint *points,
                       guint     n)
{
  for (guint first = 0; first < n;)
    {
      guint end = first + 1;
      double centre = points[first].x;
      double half;

      while (end < n && points[end].x - centre < 0.5)
        end++;
      if (end - first < 2)
        {
          first = end;
          continue;
        }

      half = CURVE_SPREAD * (end - first - 1) / 2;
      if (first > 0)
        half = MIN (half, (centre - points[first - 1].x) / 2);
      if (end < n)
        half = MIN (half, (points[end].x - centre) / 2);
      for (guint k = first; k < end; k++)
        points[k].x = centre - half + 2 * half * (k - first) / (end - first - 1);
      first = end;
    }
}

static void
layout_curves (CjmLayout *self)
{
  GPtrArray *curves = cjm_document_get_curves (self->document);
  g_autoptr(GHashTable) phase_ids = index_ids (cjm_document_get_phases (self->document));

  self->curves = g_new0 (CjmLayoutCurve, MAX (curves->len, 1));
  if (self->emotion_lane < 0)
    return;

  for (guint c = 0; c < curves->len; c++)
    {
      CjmCurve *curve = g_ptr_array_index (curves, c);
      GPtrArray *points = cjm_curve_get_points (curve);
      CjmLayoutCurve *out = &self->curves[self->n_curves++];
      guint n = points != NULL ? points->len : 0;
      g_autofree CjmPoint *raw = g_new (CjmPoint, MAX (n, 1));
      g_autofree guint *order = g_new (guint, MAX (n, 1));
      guint used = 0;

      out->curve = curve;
      out->lane = (guint) self->emotion_lane;

      for (guint i = 0; i < n; i++)
        {
          const CjmCurvePoint *point = g_ptr_array_index (points, i);
          double x;

          if (point->phase != NULL)
            {
              guint phase = GPOINTER_TO_UINT (g_hash_table_lookup (phase_ids, point->phase));

              if (phase == 0)
                continue;
              x = self->phase_x[phase - 1] + point->at * self->phase_width[phase - 1];
            }
          else
            {
              const CjmLayoutItem *item =
                cjm_layout_find_item (self, cjm_document_lookup (self->document, point->touchpoint));

              if (item == NULL)
                continue;
              x = item->rect.x + item->rect.width / 2;
            }
          raw[i].x = x;
          raw[i].y = cjm_layout_value_to_y (self, out->lane, point->value);
          order[used++] = i;
        }

      g_qsort_with_data (order, (int) used, sizeof (guint), compare_x, raw);
      out->n_points = used;
      out->points = g_new (CjmPoint, MAX (used, 1));
      out->source_index = g_new (guint, MAX (used, 1));
      for (guint i = 0; i < used; i++)
        {
          out->points[i] = raw[order[i]];
          out->source_index[i] = order[i];
        }
      spread_stacked_points (out->points, used);
      out->controls = g_new (CjmPoint, MAX (2 * used, 1));
      if (used >= 2)
        cjm_curve_monotone_controls (out->points, used, out->controls);
    }
}

/**
 * cjm_layout_new:
 * @document: a map
 *
 * Returns: (transfer full): the geometry of @document as it is now
 */
CjmLayout *
cjm_layout_new (CjmDocument *document)
{
  CjmLayout *self;
  CjmMap *map;

  g_return_val_if_fail (CJM_IS_DOCUMENT (document), NULL);

  self = g_object_new (CJM_TYPE_LAYOUT, NULL);
  self->document = g_object_ref (document);
  map = cjm_document_get_map (document);
  self->scale_min = cjm_map_get_scale_min (map);
  self->scale_max = cjm_map_get_scale_max (map);

  layout_grid (self);
  layout_items (self);
  layout_curves (self);
  return self;
}

CjmDocument *
cjm_layout_get_document (CjmLayout *self)
{
  g_return_val_if_fail (CJM_IS_LAYOUT (self), NULL);

  return self->document;
}

double
cjm_layout_get_width (CjmLayout *self)
{
  g_return_val_if_fail (CJM_IS_LAYOUT (self), 0);

  return self->width;
}

double
cjm_layout_get_height (CjmLayout *self)
{
  g_return_val_if_fail (CJM_IS_LAYOUT (self), 0);

  return self->height;
}

guint
cjm_layout_get_n_phases (CjmLayout *self)
{
  g_return_val_if_fail (CJM_IS_LAYOUT (self), 0);

  return self->n_phases;
}

guint
cjm_layout_get_n_lanes (CjmLayout *self)
{
  g_return_val_if_fail (CJM_IS_LAYOUT (self), 0);

  return self->n_lanes;
}

/**
 * cjm_layout_get_phase_rect:
 *
 * The whole column of a phase, header included.
 */
void
cjm_layout_get_phase_rect (CjmLayout *self,
                           guint      phase,
                           CjmRect   *rect)
{
  g_return_if_fail (CJM_IS_LAYOUT (self));
  g_return_if_fail (phase < self->n_phases);

  rect->x = self->phase_x[phase];
  rect->y = 0;
  rect->width = self->phase_width[phase];
  rect->height = self->height;
}

/**
 * cjm_layout_get_lane_rect:
 *
 * The whole row of a lane, header included.
 */
void
cjm_layout_get_lane_rect (CjmLayout *self,
                          guint      lane,
                          CjmRect   *rect)
{
  g_return_if_fail (CJM_IS_LAYOUT (self));
  g_return_if_fail (lane < self->n_lanes);

  rect->x = 0;
  rect->y = self->lane_y[lane];
  rect->width = self->width;
  rect->height = self->lane_height[lane];
}

void
cjm_layout_get_cell_rect (CjmLayout *self,
                          guint      phase,
                          guint      lane,
                          CjmRect   *rect)
{
  g_return_if_fail (CJM_IS_LAYOUT (self));
  g_return_if_fail (phase < self->n_phases && lane < self->n_lanes);

  rect->x = self->phase_x[phase];
  rect->y = self->lane_y[lane];
  rect->width = self->phase_width[phase];
  rect->height = self->lane_height[lane];
}

guint
cjm_layout_get_n_items (CjmLayout *self)
{
  g_return_val_if_fail (CJM_IS_LAYOUT (self), 0);

  return self->n_items;
}

const CjmLayoutItem *
cjm_layout_get_item (CjmLayout *self,
                     guint      index)
{
  g_return_val_if_fail (CJM_IS_LAYOUT (self), NULL);
  g_return_val_if_fail (index < self->n_items, NULL);

  return &self->items[index];
}

/**
 * cjm_layout_find_item:
 *
 * Returns: (nullable): where @entity, a touchpoint or card, is drawn
 */
const CjmLayoutItem *
cjm_layout_find_item (CjmLayout *self,
                      CjmEntity *entity)
{
  guint index;

  g_return_val_if_fail (CJM_IS_LAYOUT (self), NULL);

  if (entity == NULL)
    return NULL;
  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->item_index, entity));
  return index > 0 ? &self->items[index - 1] : NULL;
}

/**
 * cjm_layout_get_cell_items:
 * @n_items: (out): how many items the cell holds
 *
 * Returns: (array length=n_items): the items of a cell, in order
 */
const CjmLayoutItem *
cjm_layout_get_cell_items (CjmLayout *self,
                           guint      phase,
                           guint      lane,
                           guint     *n_items)
{
  guint c;

  g_return_val_if_fail (CJM_IS_LAYOUT (self), NULL);
  g_return_val_if_fail (phase < self->n_phases && lane < self->n_lanes, NULL);

  c = cell_index (self, phase, lane);
  *n_items = self->cell_start[c + 1] - self->cell_start[c];
  return &self->items[self->cell_start[c]];
}

guint
cjm_layout_get_n_curves (CjmLayout *self)
{
  g_return_val_if_fail (CJM_IS_LAYOUT (self), 0);

  return self->n_curves;
}

const CjmLayoutCurve *
cjm_layout_get_curve (CjmLayout *self,
                      guint      index)
{
  g_return_val_if_fail (CJM_IS_LAYOUT (self), NULL);
  g_return_val_if_fail (index < self->n_curves, NULL);

  return &self->curves[index];
}

/**
 * cjm_layout_value_to_y:
 * @lane: an emotion lane
 * @value: a value on the map's scale
 *
 * Returns: the height in map coordinates where @value is drawn in @lane
 */
double
cjm_layout_value_to_y (CjmLayout *self,
                       guint      lane,
                       double     value)
{
  double top, span;

  g_return_val_if_fail (CJM_IS_LAYOUT (self), 0);
  g_return_val_if_fail (lane < self->n_lanes, 0);

  top = self->lane_y[lane] + CURVE_MARGIN;
  span = self->lane_height[lane] - 2 * CURVE_MARGIN;
  value = CLAMP (value, self->scale_min, self->scale_max);
  return top + (self->scale_max - value) / (double) (self->scale_max - self->scale_min) * span;
}

/**
 * cjm_layout_y_to_value:
 *
 * The inverse of cjm_layout_value_to_y(), clamped to the scale.
 */
double
cjm_layout_y_to_value (CjmLayout *self,
                       guint      lane,
                       double     y)
{
  double top, span, value;

  g_return_val_if_fail (CJM_IS_LAYOUT (self), 0);
  g_return_val_if_fail (lane < self->n_lanes, 0);

  top = self->lane_y[lane] + CURVE_MARGIN;
  span = self->lane_height[lane] - 2 * CURVE_MARGIN;
  value = self->scale_max - (y - top) / span * (self->scale_max - self->scale_min);
  return CLAMP (value, self->scale_min, self->scale_max);
}

static int
bisect (const double *starts,
        guint         n,
        double        v)
{
  guint lo = 0, hi = n;

  /* the last start at or before v */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (starts[mid] <= v)
        lo = mid + 1;
      else
        hi = mid;
    }
  return (int) lo - 1;
}

/**
 * cjm_layout_phase_at:
 *
 * Returns: the index of the phase whose column holds @x, or -1
 */
int
cjm_layout_phase_at (CjmLayout *self,
                     double     x)
{
  int phase;

  g_return_val_if_fail (CJM_IS_LAYOUT (self), -1);

  if (x < CJM_LAYOUT_LANE_HEADER_WIDTH || x >= self->width)
    return -1;
  phase = bisect (self->phase_x, self->n_phases, x);
  return phase;
}

/**
 * cjm_layout_lane_at:
 *
 * Returns: the index of the lane whose row holds @y, or -1
 */
int
cjm_layout_lane_at (CjmLayout *self,
                    double     y)
{
  g_return_val_if_fail (CJM_IS_LAYOUT (self), -1);

  if (y < CJM_LAYOUT_PHASE_HEADER_HEIGHT || y >= self->height)
    return -1;
  return bisect (self->lane_y, self->n_lanes, y);
}

static double
distance2_to_segment (double          x,
                      double          y,
                      const CjmPoint *a,
                      const CjmPoint *b)
{
  double dx = b->x - a->x, dy = b->y - a->y;
  double length2 = dx * dx + dy * dy;
  double t = length2 > 0 ? CLAMP (((x - a->x) * dx + (y - a->y) * dy) / length2, 0, 1) : 0;
  double px = a->x + t * dx - x, py = a->y + t * dy - y;

  return px * px + py * py;
}

/* The squared distance from a point to a drawn curve: each Bézier segment
 * near the point is flattened into short straight pieces. */
static double
distance2_to_curve (const CjmLayoutCurve *curve,
                    double                x,
                    double                y,
                    double                tolerance)
{
  double best = G_MAXDOUBLE;

  for (guint k = 0; k + 1 < curve->n_points; k++)
    {
      const CjmPoint *p0 = &curve->points[k];
      const CjmPoint *p1 = &curve->points[k + 1];
      CjmPoint previous = *p0;

      if (x < p0->x - tolerance || x > p1->x + tolerance)
        continue;
      for (int s = 1; s <= 24; s++)
        {
          CjmPoint p;

          cjm_curve_bezier_point (p0, &curve->controls[2 * k], &curve->controls[2 * k + 1], p1,
                                  s / 24.0, &p);
          best = MIN (best, distance2_to_segment (x, y, &previous, &p));
          previous = p;
        }
    }
  return best;
}

/**
 * cjm_layout_hit_test:
 * @self: a layout
 * @x: a point in map coordinates
 * @y: a point in map coordinates
 * @tolerance: how near, in map units, counts as on a curve or a border
 * @hit: (out caller-allocates): what is there
 *
 * Finds what lies under a point in logarithmic time: the cell by bisection,
 * then only that cell's items.
 */
void
cjm_layout_hit_test (CjmLayout *self,
                     double     x,
                     double     y,
                     double     tolerance,
                     CjmHit    *hit)
{
  GPtrArray *phases, *lanes;
  int phase, lane;

  g_return_if_fail (CJM_IS_LAYOUT (self));

  memset (hit, 0, sizeof *hit);
  hit->point = -1;
  phases = cjm_document_get_phases (self->document);
  lanes = cjm_document_get_lanes (self->document);
  phase = cjm_layout_phase_at (self, x);
  lane = cjm_layout_lane_at (self, y);
  hit->phase = phase;
  hit->lane = lane;

  if (x < 0 || y < 0 || x >= self->width || y >= self->height)
    return;

  if (y < CJM_LAYOUT_PHASE_HEADER_HEIGHT)
    {
      if (x < CJM_LAYOUT_LANE_HEADER_WIDTH)
        {
          hit->kind = CJM_HIT_CORNER;
          return;
        }
      if (phase >= 0)
        {
          double right = self->phase_x[phase] + self->phase_width[phase];

          if (right - x <= MAX (tolerance, CJM_LAYOUT_BORDER_GRIP))
            hit->kind = CJM_HIT_PHASE_BORDER;
          else if (phase > 0 && x - self->phase_x[phase] <= MAX (tolerance, CJM_LAYOUT_BORDER_GRIP))
            {
              hit->kind = CJM_HIT_PHASE_BORDER;
              hit->phase = --phase;
            }
          else
            hit->kind = CJM_HIT_PHASE_HEADER;
          hit->entity = g_ptr_array_index (phases, phase);
        }
      return;
    }

  if (x < CJM_LAYOUT_LANE_HEADER_WIDTH)
    {
      if (lane >= 0)
        {
          double bottom = self->lane_y[lane] + self->lane_height[lane];

          if (bottom - y <= MAX (tolerance, CJM_LAYOUT_BORDER_GRIP))
            hit->kind = CJM_HIT_LANE_BORDER;
          else if (lane > 0 && y - self->lane_y[lane] <= MAX (tolerance, CJM_LAYOUT_BORDER_GRIP))
            {
              hit->kind = CJM_HIT_LANE_BORDER;
              hit->lane = --lane;
            }
          else
            hit->kind = CJM_HIT_LANE_HEADER;
          hit->entity = g_ptr_array_index (lanes, lane);
        }
      return;
    }

  if (phase < 0 || lane < 0)
    return;

  if ((int) self->emotion_lane == lane)
    {
      double reach = tolerance + 4;
      double best = reach * reach;

      /* the last curve is drawn on top, so it wins ties */
      for (guint c = 0; c < self->n_curves; c++)
        for (guint i = 0; i < self->curves[c].n_points; i++)
          {
            const CjmPoint *p = &self->curves[c].points[i];
            double d2 = (p->x - x) * (p->x - x) + (p->y - y) * (p->y - y);

            if (p->x > x + reach)
              break; /* sorted by x */
            if (d2 <= best)
              {
                best = d2;
                hit->kind = CJM_HIT_CURVE_POINT;
                hit->entity = CJM_ENTITY (self->curves[c].curve);
                hit->point = (int) self->curves[c].source_index[i];
              }
          }
      if (hit->kind == CJM_HIT_CURVE_POINT)
        return;
      best = tolerance * tolerance;
      for (guint c = 0; c < self->n_curves; c++)
        {
          double d2 = distance2_to_curve (&self->curves[c], x, y, tolerance);

          if (d2 <= best)
            {
              best = d2;
              hit->kind = CJM_HIT_CURVE;
              hit->entity = CJM_ENTITY (self->curves[c].curve);
            }
        }
      if (hit->kind == CJM_HIT_CURVE)
        return;
    }

  {
    guint n;
    const CjmLayoutItem *items = cjm_layout_get_cell_items (self, (guint) phase, (guint) lane, &n);

    for (guint i = 0; i < n; i++)
      if (cjm_rect_contains (&items[i].rect, x, y))
        {
          hit->kind = CJM_HIT_ITEM;
          hit->entity = items[i].entity;
          return;
        }
  }
  hit->kind = CJM_HIT_CELL;
}

/**
 * cjm_layout_drop_target:
 * @self: a layout
 * @item_type: %CJM_TYPE_TOUCHPOINT or %CJM_TYPE_CARD
 * @x: the pointer, in map coordinates
 * @y: the pointer, in map coordinates
 * @target: (out caller-allocates): the cell and insertion point
 *
 * Works out where items dropped at a point would go: the cell under it and
 * the place between that cell's items nearest to the pointer.
 *
 * Returns: %FALSE if items of @item_type cannot be dropped there
 */
gboolean
cjm_layout_drop_target (CjmLayout     *self,
                        GType          item_type,
                        double         x,
                        double         y,
                        CjmDropTarget *target)
{
  GPtrArray *lanes;
  int phase, lane;
  guint n, cols, row, col, position;
  const CjmLayoutItem *items;
  double w, h, left, top;

  g_return_val_if_fail (CJM_IS_LAYOUT (self), FALSE);

  phase = cjm_layout_phase_at (self, x);
  lane = cjm_layout_lane_at (self, y);
  if (phase < 0 || lane < 0)
    return FALSE;

  lanes = cjm_document_get_lanes (self->document);
  if (!cjm_document_can_place (self->document, item_type,
                               cjm_entity_get_id (g_ptr_array_index (lanes, lane))))
    return FALSE;

  items = cjm_layout_get_cell_items (self, (guint) phase, (guint) lane, &n);
  cols = columns (self, (guint) phase);
  w = item_width (self, (guint) phase);
  h = item_height (self, (guint) lane);
  left = self->phase_x[phase] + CJM_LAYOUT_PADDING;
  top = self->lane_y[lane] + CJM_LAYOUT_PADDING;

  row = (guint) MAX (0, floor ((y - top + CJM_LAYOUT_GAP / 2) / (h + CJM_LAYOUT_GAP)));
  col = (guint) MAX (0, floor ((x - left + (w + CJM_LAYOUT_GAP) / 2) / (w + CJM_LAYOUT_GAP)));
  col = MIN (col, cols);
  position = MIN (row * cols + col, n);

  target->phase = (guint) phase;
  target->lane = (guint) lane;
  target->position = position;
  cjm_layout_get_cell_rect (self, (guint) phase, (guint) lane, &target->cell);

  target->indicator.width = 3;
  target->indicator.height = h;
  if (n == 0)
    {
      target->indicator.x = left - 2;
      target->indicator.y = top;
    }
  else if (position < n)
    {
      target->indicator.x = items[position].rect.x - CJM_LAYOUT_GAP / 2 - 1.5;
      target->indicator.y = items[position].rect.y;
    }
  else
    {
      target->indicator.x = items[n - 1].rect.x + items[n - 1].rect.width + CJM_LAYOUT_GAP / 2 - 1.5;
      target->indicator.y = items[n - 1].rect.y;
    }
  return TRUE;
}

/**
 * cjm_layout_items_in_rect:
 * @area: a rectangle in map coordinates (a rubber band)
 * @out: (element-type CjmEntity): receives the items it touches
 */
void
cjm_layout_items_in_rect (CjmLayout     *self,
                          const CjmRect *area,
                          GPtrArray     *out)
{
  int first_phase, last_phase, first_lane, last_lane;

  g_return_if_fail (CJM_IS_LAYOUT (self));

  if (self->n_phases == 0 || self->n_lanes == 0)
    return;

  first_phase = MAX (0, bisect (self->phase_x, self->n_phases, area->x));
  last_phase = MAX (0, bisect (self->phase_x, self->n_phases, area->x + area->width));
  first_lane = MAX (0, bisect (self->lane_y, self->n_lanes, area->y));
  last_lane = MAX (0, bisect (self->lane_y, self->n_lanes, area->y + area->height));

  for (int lane = first_lane; lane <= last_lane; lane++)
    for (int phase = first_phase; phase <= last_phase; phase++)
      {
        guint n;
        const CjmLayoutItem *items = cjm_layout_get_cell_items (self, phase, lane, &n);

        for (guint i = 0; i < n; i++)
          if (cjm_rect_intersects (&items[i].rect, area))
            g_ptr_array_add (out, items[i].entity);
      }
}

gboolean
cjm_rect_contains (const CjmRect *rect,
                   double         x,
                   double         y)
{
  return x >= rect->x && x < rect->x + rect->width && y >= rect->y && y < rect->y + rect->height;
}

gboolean
cjm_rect_intersects (const CjmRect *a,
                     const CjmRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width
         && a->y < b->y + b->height && b->y < a->y + a->height;
}
