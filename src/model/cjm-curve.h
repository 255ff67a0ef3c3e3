/* cjm-curve.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cjm-entity.h"
#include "cjm-persona.h"

G_BEGIN_DECLS

#define CJM_TYPE_CURVE (cjm_curve_get_type ())

G_DECLARE_FINAL_TYPE (CjmCurve, cjm_curve, CJM, CURVE, CjmEntity)

/* One persona's emotion curve, as it is or as it should become. */
CjmCurve *cjm_curve_new (const char *id);

const char *cjm_curve_get_persona (CjmCurve *self);
CjmCurveVariant cjm_curve_get_variant (CjmCurve *self);
GPtrArray *cjm_curve_get_points (CjmCurve *self);

G_END_DECLS
