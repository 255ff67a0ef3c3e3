/* cjm-curve-point.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cjm-types.h"

G_BEGIN_DECLS

/**
 * CjmCurvePoint:
 * @phase: the phase the point lies in, or %NULL when anchored to a touchpoint
 * @at: where across the phase, 0 (left edge) to 1 (right edge)
 * @touchpoint: the touchpoint the point is anchored to, or %NULL
 * @value: the emotion, on the map's scale
 * @source: where the value comes from (an interview, a survey), or %NULL
 * @sample: how many people it is based on, or %CJM_UNSET_INT
 * @confidence: how sure the team is
 *
 * One point of an emotion curve.
 */
typedef struct
{
  char          *phase;
  double         at;
  char          *touchpoint;
  double         value;
  char          *source;
  int            sample;
  CjmConfidence  confidence;
} CjmCurvePoint;

#define CJM_TYPE_CURVE_POINT (cjm_curve_point_get_type ())

GType          cjm_curve_point_get_type        (void) G_GNUC_CONST;
CjmCurvePoint *cjm_curve_point_new_in_phase    (const char          *phase,
                                                double               at,
                                                double               value);
CjmCurvePoint *cjm_curve_point_new_on_touchpoint (const char        *touchpoint,
                                                  double             value);
CjmCurvePoint *cjm_curve_point_copy            (const CjmCurvePoint *self);
void           cjm_curve_point_free            (CjmCurvePoint       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CjmCurvePoint, cjm_curve_point_free)

G_END_DECLS
