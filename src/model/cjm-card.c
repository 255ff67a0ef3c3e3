/* cjm-card.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cjm-card.h"

struct _CjmCard
{
  CjmEntity parent_instance;

  char *phase;
  char *lane;
  guint color;
  char **touchpoints;
  char *text;
};

G_DEFINE_FINAL_TYPE (CjmCard, cjm_card, CJM_TYPE_ENTITY)

static const CjmField fields[] = {
  { "phase", CJM_FIELD_REF, CJM_FIELD_ATTRIBUTE, CJM_FIELD_REQUIRED,
    CJM_FIELD_OFFSET (CjmCard, phase), cjm_phase_get_type, 0, 0, 0 },
  { "lane", CJM_FIELD_REF, CJM_FIELD_ATTRIBUTE, CJM_FIELD_REQUIRED,
    CJM_FIELD_OFFSET (CjmCard, lane), cjm_lane_get_type, 0, 0, 0 },
  { "color", CJM_FIELD_COLOR, CJM_FIELD_ATTRIBUTE, CJM_FIELD_OPTIONAL,
    CJM_FIELD_OFFSET (CjmCard, color), NULL, 0, 0, 0 },
  { "touchpoints", CJM_FIELD_REFS, CJM_FIELD_ATTRIBUTE, 0,
    CJM_FIELD_OFFSET (CjmCard, touchpoints), cjm_touchpoint_get_type, 0, 0, 0 },
  { "text", CJM_FIELD_TEXT, CJM_FIELD_ELEMENT, CJM_FIELD_REQUIRED,
    CJM_FIELD_OFFSET (CjmCard, text), NULL, 0, 0, 0 },
};

static void
cjm_card_class_init (CjmCardClass *klass)
{
  cjm_entity_class_install_fields (CJM_ENTITY_CLASS (klass), "card",
                                   fields, G_N_ELEMENTS (fields));
}

static void
cjm_card_init (CjmCard *self)
{
}

CjmCard *
cjm_card_new (const char *id)
{
  return g_object_new (CJM_TYPE_CARD, "id", id, NULL);
}

const char *
cjm_card_get_phase (CjmCard *self)
{
  g_return_val_if_fail (CJM_IS_CARD (self), NULL);

  return self->phase;
}

const char *
cjm_card_get_lane (CjmCard *self)
{
  g_return_val_if_fail (CJM_IS_CARD (self), NULL);

  return self->lane;
}

guint
cjm_card_get_color (CjmCard *self)
{
  g_return_val_if_fail (CJM_IS_CARD (self), 0);

  return self->color;
}

const char * const *
cjm_card_get_touchpoints (CjmCard *self)
{
  g_return_val_if_fail (CJM_IS_CARD (self), NULL);

  return (const char * const *) self->touchpoints;
}

const char *
cjm_card_get_text (CjmCard *self)
{
  g_return_val_if_fail (CJM_IS_CARD (self), NULL);

  return self->text;
}
