/* cjm-layout.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cjm-curve-math.h"
#include "cjm-document.h"

G_BEGIN_DECLS

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} CjmRect;

/**
 * CjmLayoutItem:
 * @entity: the touchpoint or card
 * @rect: where it is drawn, in map coordinates (points at 100 %)
 * @phase: the index of its phase
 * @lane: the index of its lane
 * @position: its place among the items of its cell
 */
typedef struct
{
  CjmEntity *entity;
  CjmRect    rect;
  guint      phase;
  guint      lane;
  guint      position;
} CjmLayoutItem;

/**
 * CjmLayoutCurve:
 * @curve: the emotion curve
 * @lane: the index of the emotion lane it is drawn in
 * @points: (array length=n_points): its points in map coordinates, by x
 * @controls: (array): two Bézier control points per segment
 * @n_points: how many points
 * @source_index: (array length=n_points): each point's index in the curve's
 *   own list of points
 */
typedef struct
{
  CjmCurve *curve;
  guint     lane;
  CjmPoint *points;
  CjmPoint *controls;
  guint    *source_index;
  guint     n_points;
} CjmLayoutCurve;

typedef enum
{
  CJM_HIT_NONE,
  CJM_HIT_ITEM,
  CJM_HIT_CURVE_POINT,
  CJM_HIT_CURVE,
  CJM_HIT_PHASE_HEADER,
  CJM_HIT_PHASE_BORDER,
  CJM_HIT_LANE_HEADER,
  CJM_HIT_LANE_BORDER,
  CJM_HIT_CELL,
  CJM_HIT_CORNER,
} CjmHitKind;

/**
 * CjmHit:
 * @kind: what is under the point
 * @entity: the item, curve, phase or lane hit, if any
 * @phase: the phase index under the point, or -1
 * @lane: the lane index under the point, or -1
 * @point: for %CJM_HIT_CURVE_POINT, the index in the curve's own points
 */
typedef struct
{
  CjmHitKind  kind;
  CjmEntity  *entity;
  int         phase;
  int         lane;
  int         point;
} CjmHit;

/**
 * CjmDropTarget:
 * @phase: the index of the target phase
 * @lane: the index of the target lane
 * @position: where among the cell's items the dropped items go
 * @cell: the cell, for highlighting
 * @indicator: a thin rectangle where the items would be inserted
 */
typedef struct
{
  guint   phase;
  guint   lane;
  guint   position;
  CjmRect cell;
  CjmRect indicator;
} CjmDropTarget;

/* Fixed sizes, in points at 100 %. */
#define CJM_LAYOUT_LANE_HEADER_WIDTH  176.0
#define CJM_LAYOUT_PHASE_HEADER_HEIGHT 72.0
#define CJM_LAYOUT_ITEM_WIDTH         160.0  /* the least; items widen to fill */
#define CJM_LAYOUT_ITEM_MAX_WIDTH     250.0
#define CJM_LAYOUT_TOUCHPOINT_HEIGHT   84.0
#define CJM_LAYOUT_CARD_HEIGHT         64.0
#define CJM_LAYOUT_PADDING             12.0
#define CJM_LAYOUT_GAP                 10.0
#define CJM_LAYOUT_BORDER_GRIP          5.0

#define CJM_TYPE_LAYOUT (cjm_layout_get_type ())

G_DECLARE_FINAL_TYPE (CjmLayout, cjm_layout, CJM, LAYOUT, GObject)

CjmLayout            *cjm_layout_new             (CjmDocument   *document);
CjmDocument          *cjm_layout_get_document    (CjmLayout     *self);
double                cjm_layout_get_width       (CjmLayout     *self);
double                cjm_layout_get_height      (CjmLayout     *self);
guint                 cjm_layout_get_n_phases    (CjmLayout     *self);
guint                 cjm_layout_get_n_lanes     (CjmLayout     *self);
void                  cjm_layout_get_phase_rect  (CjmLayout     *self,
                                                  guint          phase,
                                                  CjmRect       *rect);
void                  cjm_layout_get_lane_rect   (CjmLayout     *self,
                                                  guint          lane,
                                                  CjmRect       *rect);
void                  cjm_layout_get_cell_rect   (CjmLayout     *self,
                                                  guint          phase,
                                                  guint          lane,
                                                  CjmRect       *rect);
guint                 cjm_layout_get_n_items     (CjmLayout     *self);
const CjmLayoutItem  *cjm_layout_get_item        (CjmLayout     *self,
                                                  guint          index);
const CjmLayoutItem  *cjm_layout_find_item       (CjmLayout     *self,
                                                  CjmEntity     *entity);
const CjmLayoutItem  *cjm_layout_get_cell_items  (CjmLayout     *self,
                                                  guint          phase,
                                                  guint          lane,
                                                  guint         *n_items);
guint                 cjm_layout_get_n_curves    (CjmLayout     *self);
const CjmLayoutCurve *cjm_layout_get_curve       (CjmLayout     *self,
                                                  guint          index);
double                cjm_layout_value_to_y      (CjmLayout     *self,
                                                  guint          lane,
                                                  double         value);
double                cjm_layout_y_to_value      (CjmLayout     *self,
                                                  guint          lane,
                                                  double         y);
int                   cjm_layout_phase_at        (CjmLayout     *self,
                                                  double         x);
int                   cjm_layout_lane_at         (CjmLayout     *self,
                                                  double         y);
void                  cjm_layout_hit_test        (CjmLayout     *self,
                                                  double         x,
                                                  double         y,
                                                  double         tolerance,
                                                  CjmHit        *hit);
gboolean              cjm_layout_drop_target     (CjmLayout     *self,
                                                  GType          item_type,
                                                  double         x,
                                                  double         y,
                                                  CjmDropTarget *target);
void                  cjm_layout_items_in_rect   (CjmLayout     *self,
                                                  const CjmRect *area,
                                                  GPtrArray     *out);

gboolean              cjm_rect_contains          (const CjmRect *rect,
                                                  double         x,
                                                  double         y);
gboolean              cjm_rect_intersects        (const CjmRect *a,
                                                  const CjmRect *b);

G_END_DECLS
