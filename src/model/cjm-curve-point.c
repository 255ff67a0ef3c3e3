/* cjm-curve-point.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cjm-curve-point.h"

G_DEFINE_BOXED_TYPE (CjmCurvePoint, cjm_curve_point, cjm_curve_point_copy, cjm_curve_point_free)

CjmCurvePoint *
cjm_curve_point_new_in_phase (const char *phase,
                              double      at,
                              double      value)
{
  CjmCurvePoint *self = g_new0 (CjmCurvePoint, 1);

  self->phase = g_strdup (phase);
  self->at = CLAMP (at, 0.0, 1.0);
  self->value = value;
  self->sample = CJM_UNSET_INT;
  return self;
}

CjmCurvePoint *
cjm_curve_point_new_on_touchpoint (const char *touchpoint,
                                   double      value)
{
  CjmCurvePoint *self = g_new0 (CjmCurvePoint, 1);

  self->touchpoint = g_strdup (touchpoint);
  self->value = value;
  self->sample = CJM_UNSET_INT;
  return self;
}

CjmCurvePoint *
cjm_curve_point_copy (const CjmCurvePoint *self)
{
  CjmCurvePoint *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->phase = g_strdup (self->phase);
  copy->touchpoint = g_strdup (self->touchpoint);
  copy->source = g_strdup (self->source);
  return copy;
}

void
cjm_curve_point_free (CjmCurvePoint *self)
{
  if (self == NULL)
    return;
  g_free (self->phase);
  g_free (self->touchpoint);
  g_free (self->source);
  g_free (self);
}
