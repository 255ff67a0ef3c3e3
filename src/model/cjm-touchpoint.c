/* cjm-touchpoint.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cjm-touchpoint.h"

struct _CjmTouchpoint
{
  CjmEntity parent_instance;

  char *phase;
  char *lane;
  char *channel;
  int emotion;
  CjmImportance importance;
  gboolean managed;
  char *owner;
  char **personas;
  char *title;
  char *description;
  GPtrArray *metrics;
  CjmEvidence evidence;
  char *evidence_source;
};

G_DEFINE_FINAL_TYPE (CjmTouchpoint, cjm_touchpoint, CJM_TYPE_ENTITY)

static const CjmField fields[] = {
  { "phase", CJM_FIELD_REF, CJM_FIELD_ATTRIBUTE, CJM_FIELD_REQUIRED,
    CJM_FIELD_OFFSET (CjmTouchpoint, phase), cjm_phase_get_type, 0, 0, 0 },
  { "lane", CJM_FIELD_REF, CJM_FIELD_ATTRIBUTE, CJM_FIELD_REQUIRED,
    CJM_FIELD_OFFSET (CjmTouchpoint, lane), cjm_lane_get_type, 0, 0, 0 },
  { "channel", CJM_FIELD_STRING, CJM_FIELD_ATTRIBUTE, 0,
    CJM_FIELD_OFFSET (CjmTouchpoint, channel), NULL, 0, 0, 0 },
  { "emotion", CJM_FIELD_INT, CJM_FIELD_ATTRIBUTE, CJM_FIELD_OPTIONAL,
    CJM_FIELD_OFFSET (CjmTouchpoint, emotion), NULL, -10, 10, 0 },
  { "importance", CJM_FIELD_ENUM, CJM_FIELD_ATTRIBUTE, 0,
    CJM_FIELD_OFFSET (CjmTouchpoint, importance), cjm_importance_get_type, 0, 0, CJM_IMPORTANCE_UNSET },
  { "managed", CJM_FIELD_BOOLEAN, CJM_FIELD_ATTRIBUTE, 0,
    CJM_FIELD_OFFSET (CjmTouchpoint, managed), NULL, 0, 0, TRUE },
  { "owner", CJM_FIELD_STRING, CJM_FIELD_ATTRIBUTE, 0,
    CJM_FIELD_OFFSET (CjmTouchpoint, owner), NULL, 0, 0, 0 },
  { "personas", CJM_FIELD_REFS, CJM_FIELD_ATTRIBUTE, 0,
    CJM_FIELD_OFFSET (CjmTouchpoint, personas), cjm_persona_get_type, 0, 0, 0 },
  { "title", CJM_FIELD_STRING, CJM_FIELD_ELEMENT, CJM_FIELD_REQUIRED,
    CJM_FIELD_OFFSET (CjmTouchpoint, title), NULL, 0, 0, 0 },
  { "description", CJM_FIELD_TEXT, CJM_FIELD_ELEMENT, 0,
    CJM_FIELD_OFFSET (CjmTouchpoint, description), NULL, 0, 0, 0 },
  { "metrics", CJM_FIELD_LIST, CJM_FIELD_CUSTOM, 0,
    CJM_FIELD_OFFSET (CjmTouchpoint, metrics), NULL, 0, 0, 0 },
  { "evidence", CJM_FIELD_ENUM, CJM_FIELD_CUSTOM, 0,
    CJM_FIELD_OFFSET (CjmTouchpoint, evidence), cjm_evidence_get_type, 0, 0, CJM_EVIDENCE_UNSET },
  { "evidence-source", CJM_FIELD_TEXT, CJM_FIELD_CUSTOM, 0,
    CJM_FIELD_OFFSET (CjmTouchpoint, evidence_source), NULL, 0, 0, 0 },
};

static void
cjm_touchpoint_class_init (CjmTouchpointClass *klass)
{
  cjm_entity_class_install_fields (CJM_ENTITY_CLASS (klass), "touchpoint",
                                   fields, G_N_ELEMENTS (fields));
}

static void
cjm_touchpoint_init (CjmTouchpoint *self)
{
}

CjmTouchpoint *
cjm_touchpoint_new (const char *id)
{
  return g_object_new (CJM_TYPE_TOUCHPOINT, "id", id, NULL);
}

const char *
cjm_touchpoint_get_phase (CjmTouchpoint *self)
{
  g_return_val_if_fail (CJM_IS_TOUCHPOINT (self), NULL);

  return self->phase;
}

const char *
cjm_touchpoint_get_lane (CjmTouchpoint *self)
{
  g_return_val_if_fail (CJM_IS_TOUCHPOINT (self), NULL);

  return self->lane;
}

const char *
cjm_touchpoint_get_channel (CjmTouchpoint *self)
{
  g_return_val_if_fail (CJM_IS_TOUCHPOINT (self), NULL);

  return self->channel;
}

int
cjm_touchpoint_get_emotion (CjmTouchpoint *self)
{
  g_return_val_if_fail (CJM_IS_TOUCHPOINT (self), 0);

  return self->emotion;
}

CjmImportance
cjm_touchpoint_get_importance (CjmTouchpoint *self)
{
  g_return_val_if_fail (CJM_IS_TOUCHPOINT (self), 0);

  return self->importance;
}

gboolean
cjm_touchpoint_get_managed (CjmTouchpoint *self)
{
  g_return_val_if_fail (CJM_IS_TOUCHPOINT (self), 0);

  return self->managed;
}

const char *
cjm_touchpoint_get_owner (CjmTouchpoint *self)
{
  g_return_val_if_fail (CJM_IS_TOUCHPOINT (self), NULL);

  return self->owner;
}

const char * const *
cjm_touchpoint_get_personas (CjmTouchpoint *self)
{
  g_return_val_if_fail (CJM_IS_TOUCHPOINT (self), NULL);

  return (const char * const *) self->personas;
}

const char *
cjm_touchpoint_get_title (CjmTouchpoint *self)
{
  g_return_val_if_fail (CJM_IS_TOUCHPOINT (self), NULL);

  return self->title;
}

const char *
cjm_touchpoint_get_description (CjmTouchpoint *self)
{
  g_return_val_if_fail (CJM_IS_TOUCHPOINT (self), NULL);

  return self->description;
}

GPtrArray *
cjm_touchpoint_get_metrics (CjmTouchpoint *self)
{
  g_return_val_if_fail (CJM_IS_TOUCHPOINT (self), NULL);

  return self->metrics;
}

CjmEvidence
cjm_touchpoint_get_evidence (CjmTouchpoint *self)
{
  g_return_val_if_fail (CJM_IS_TOUCHPOINT (self), 0);

  return self->evidence;
}

const char *
cjm_touchpoint_get_evidence_source (CjmTouchpoint *self)
{
  g_return_val_if_fail (CJM_IS_TOUCHPOINT (self), NULL);

  return self->evidence_source;
}
