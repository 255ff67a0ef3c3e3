/* cjm-curve.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cjm-curve.h"

struct _CjmCurve
{
  CjmEntity parent_instance;

  char *persona;
  CjmCurveVariant variant;
  GPtrArray *points;
};

G_DEFINE_FINAL_TYPE (CjmCurve, cjm_curve, CJM_TYPE_ENTITY)

static const CjmField fields[] = {
  { "persona", CJM_FIELD_REF, CJM_FIELD_ATTRIBUTE, CJM_FIELD_REQUIRED,
    CJM_FIELD_OFFSET (CjmCurve, persona), cjm_persona_get_type, 0, 0, 0 },
  { "variant", CJM_FIELD_ENUM, CJM_FIELD_ATTRIBUTE, CJM_FIELD_REQUIRED,
    CJM_FIELD_OFFSET (CjmCurve, variant), cjm_curve_variant_get_type, 0, 0, CJM_CURVE_AS_IS },
  { "points", CJM_FIELD_LIST, CJM_FIELD_CUSTOM, 0,
    CJM_FIELD_OFFSET (CjmCurve, points), NULL, 0, 0, 0 },
};

static void
cjm_curve_class_init (CjmCurveClass *klass)
{
  cjm_entity_class_install_fields (CJM_ENTITY_CLASS (klass), "curve",
                                   fields, G_N_ELEMENTS (fields));
}

static void
cjm_curve_init (CjmCurve *self)
{
}

CjmCurve *
cjm_curve_new (const char *id)
{
  return g_object_new (CJM_TYPE_CURVE, "id", id, NULL);
}

const char *
cjm_curve_get_persona (CjmCurve *self)
{
  g_return_val_if_fail (CJM_IS_CURVE (self), NULL);

  return self->persona;
}

CjmCurveVariant
cjm_curve_get_variant (CjmCurve *self)
{
  g_return_val_if_fail (CJM_IS_CURVE (self), 0);

  return self->variant;
}

GPtrArray *
cjm_curve_get_points (CjmCurve *self)
{
  g_return_val_if_fail (CJM_IS_CURVE (self), NULL);

  return self->points;
}
