/* cjm-transition.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cjm-transition.h"

struct _CjmTransition
{
  CjmEntity parent_instance;

  char *from_id;
  char *to_id;
  CjmIrritations irritations;
  int wait_minutes;
  char *note;
};

G_DEFINE_FINAL_TYPE (CjmTransition, cjm_transition, CJM_TYPE_ENTITY)

static const CjmField fields[] = {
  { "from", CJM_FIELD_REF, CJM_FIELD_ATTRIBUTE, CJM_FIELD_REQUIRED,
    CJM_FIELD_OFFSET (CjmTransition, from_id), cjm_touchpoint_get_type, 0, 0, 0 },
  { "to", CJM_FIELD_REF, CJM_FIELD_ATTRIBUTE, CJM_FIELD_REQUIRED,
    CJM_FIELD_OFFSET (CjmTransition, to_id), cjm_touchpoint_get_type, 0, 0, 0 },
  { "irritations", CJM_FIELD_FLAGS, CJM_FIELD_ATTRIBUTE, 0,
    CJM_FIELD_OFFSET (CjmTransition, irritations), cjm_irritations_get_type, 0, 0, 0 },
  { "wait-minutes", CJM_FIELD_INT, CJM_FIELD_ATTRIBUTE, CJM_FIELD_OPTIONAL,
    CJM_FIELD_OFFSET (CjmTransition, wait_minutes), NULL, 0, 10000000, 0 },
  { "note", CJM_FIELD_TEXT, CJM_FIELD_ELEMENT, 0,
    CJM_FIELD_OFFSET (CjmTransition, note), NULL, 0, 0, 0 },
};

static void
cjm_transition_class_init (CjmTransitionClass *klass)
{
  cjm_entity_class_install_fields (CJM_ENTITY_CLASS (klass), "transition",
                                   fields, G_N_ELEMENTS (fields));
}

static void
cjm_transition_init (CjmTransition *self)
{
}

CjmTransition *
cjm_transition_new (const char *id)
{
  return g_object_new (CJM_TYPE_TRANSITION, "id", id, NULL);
}

const char *
cjm_transition_get_from_id (CjmTransition *self)
{
  g_return_val_if_fail (CJM_IS_TRANSITION (self), NULL);

  return self->from_id;
}

const char *
cjm_transition_get_to_id (CjmTransition *self)
{
  g_return_val_if_fail (CJM_IS_TRANSITION (self), NULL);

  return self->to_id;
}

CjmIrritations
cjm_transition_get_irritations (CjmTransition *self)
{
  g_return_val_if_fail (CJM_IS_TRANSITION (self), 0);

  return self->irritations;
}

int
cjm_transition_get_wait_minutes (CjmTransition *self)
{
  g_return_val_if_fail (CJM_IS_TRANSITION (self), 0);

  return self->wait_minutes;
}

const char *
cjm_transition_get_note (CjmTransition *self)
{
  g_return_val_if_fail (CJM_IS_TRANSITION (self), NULL);

  return self->note;
}
