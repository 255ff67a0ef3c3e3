/* cjm-phase.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cjm-phase.h"

struct _CjmPhase
{
  CjmEntity parent_instance;

  double width;
  char *name;
  char *description;
  char *goal;
};

G_DEFINE_FINAL_TYPE (CjmPhase, cjm_phase, CJM_TYPE_ENTITY)

static const CjmField fields[] = {
  { "width", CJM_FIELD_DOUBLE, CJM_FIELD_ATTRIBUTE, CJM_FIELD_REQUIRED,
    CJM_FIELD_OFFSET (CjmPhase, width), NULL, 60, 4000, 280 },
  { "name", CJM_FIELD_STRING, CJM_FIELD_ELEMENT, CJM_FIELD_REQUIRED,
    CJM_FIELD_OFFSET (CjmPhase, name), NULL, 0, 0, 0 },
  { "description", CJM_FIELD_TEXT, CJM_FIELD_ELEMENT, 0,
    CJM_FIELD_OFFSET (CjmPhase, description), NULL, 0, 0, 0 },
  { "goal", CJM_FIELD_TEXT, CJM_FIELD_ELEMENT, 0,
    CJM_FIELD_OFFSET (CjmPhase, goal), NULL, 0, 0, 0 },
};

static void
cjm_phase_class_init (CjmPhaseClass *klass)
{
  cjm_entity_class_install_fields (CJM_ENTITY_CLASS (klass), "phase",
                                   fields, G_N_ELEMENTS (fields));
}

static void
cjm_phase_init (CjmPhase *self)
{
}

CjmPhase *
cjm_phase_new (const char *id)
{
  return g_object_new (CJM_TYPE_PHASE, "id", id, NULL);
}

double
cjm_phase_get_width (CjmPhase *self)
{
  g_return_val_if_fail (CJM_IS_PHASE (self), 0);

  return self->width;
}

const char *
cjm_phase_get_name (CjmPhase *self)
{
  g_return_val_if_fail (CJM_IS_PHASE (self), NULL);

  return self->name;
}

const char *
cjm_phase_get_description (CjmPhase *self)
{
  g_return_val_if_fail (CJM_IS_PHASE (self), NULL);

  return self->description;
}

const char *
cjm_phase_get_goal (CjmPhase *self)
{
  g_return_val_if_fail (CJM_IS_PHASE (self), NULL);

  return self->goal;
}
