/* cjm-persona.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cjm-persona.h"

struct _CjmPersona
{
  CjmEntity parent_instance;

  guint color;
  char *name;
  char *description;
  char *goals;
};

G_DEFINE_FINAL_TYPE (CjmPersona, cjm_persona, CJM_TYPE_ENTITY)

static const CjmField fields[] = {
  { "color", CJM_FIELD_COLOR, CJM_FIELD_ATTRIBUTE, CJM_FIELD_REQUIRED,
    CJM_FIELD_OFFSET (CjmPersona, color), NULL, 0, 0, 0x3584e4 },
  { "name", CJM_FIELD_STRING, CJM_FIELD_ELEMENT, CJM_FIELD_REQUIRED,
    CJM_FIELD_OFFSET (CjmPersona, name), NULL, 0, 0, 0 },
  { "description", CJM_FIELD_TEXT, CJM_FIELD_ELEMENT, 0,
    CJM_FIELD_OFFSET (CjmPersona, description), NULL, 0, 0, 0 },
  { "goals", CJM_FIELD_TEXT, CJM_FIELD_ELEMENT, 0,
    CJM_FIELD_OFFSET (CjmPersona, goals), NULL, 0, 0, 0 },
};

static void
cjm_persona_class_init (CjmPersonaClass *klass)
{
  cjm_entity_class_install_fields (CJM_ENTITY_CLASS (klass), "persona",
                                   fields, G_N_ELEMENTS (fields));
}

static void
cjm_persona_init (CjmPersona *self)
{
}

CjmPersona *
cjm_persona_new (const char *id)
{
  return g_object_new (CJM_TYPE_PERSONA, "id", id, NULL);
}

guint
cjm_persona_get_color (CjmPersona *self)
{
  g_return_val_if_fail (CJM_IS_PERSONA (self), 0);

  return self->color;
}

const char *
cjm_persona_get_name (CjmPersona *self)
{
  g_return_val_if_fail (CJM_IS_PERSONA (self), NULL);

  return self->name;
}

const char *
cjm_persona_get_description (CjmPersona *self)
{
  g_return_val_if_fail (CJM_IS_PERSONA (self), NULL);

  return self->description;
}

const char *
cjm_persona_get_goals (CjmPersona *self)
{
  g_return_val_if_fail (CJM_IS_PERSONA (self), NULL);

  return self->goals;
}
