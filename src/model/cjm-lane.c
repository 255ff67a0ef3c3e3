/* cjm-lane.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cjm-lane.h"

struct _CjmLane
{
  CjmEntity parent_instance;

  CjmLaneKind kind;
  double height;
  char *name;
};

G_DEFINE_FINAL_TYPE (CjmLane, cjm_lane, CJM_TYPE_ENTITY)

static const CjmField fields[] = {
  { "kind", CJM_FIELD_ENUM, CJM_FIELD_ATTRIBUTE, CJM_FIELD_REQUIRED,
    CJM_FIELD_OFFSET (CjmLane, kind), cjm_lane_kind_get_type, 0, 0, CJM_LANE_NOTES },
  { "height", CJM_FIELD_DOUBLE, CJM_FIELD_ATTRIBUTE, CJM_FIELD_REQUIRED,
    CJM_FIELD_OFFSET (CjmLane, height), NULL, 40, 4000, 160 },
  { "name", CJM_FIELD_STRING, CJM_FIELD_ELEMENT, CJM_FIELD_REQUIRED,
    CJM_FIELD_OFFSET (CjmLane, name), NULL, 0, 0, 0 },
};

static void
cjm_lane_class_init (CjmLaneClass *klass)
{
  cjm_entity_class_install_fields (CJM_ENTITY_CLASS (klass), "lane",
                                   fields, G_N_ELEMENTS (fields));
}

static void
cjm_lane_init (CjmLane *self)
{
}

CjmLane *
cjm_lane_new (const char *id)
{
  return g_object_new (CJM_TYPE_LANE, "id", id, NULL);
}

CjmLaneKind
cjm_lane_get_kind (CjmLane *self)
{
  g_return_val_if_fail (CJM_IS_LANE (self), 0);

  return self->kind;
}

double
cjm_lane_get_height (CjmLane *self)
{
  g_return_val_if_fail (CJM_IS_LANE (self), 0);

  return self->height;
}

const char *
cjm_lane_get_name (CjmLane *self)
{
  g_return_val_if_fail (CJM_IS_LANE (self), NULL);

  return self->name;
}
