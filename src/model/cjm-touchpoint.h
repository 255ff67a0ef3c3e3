/* cjm-touchpoint.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cjm-entity.h"
#include "cjm-phase.h"
#include "cjm-lane.h"
#include "cjm-persona.h"

G_BEGIN_DECLS

#define CJM_TYPE_TOUCHPOINT (cjm_touchpoint_get_type ())

G_DECLARE_FINAL_TYPE (CjmTouchpoint, cjm_touchpoint, CJM, TOUCHPOINT, CjmEntity)

/* A moment of contact between the customer and the organisation. */
CjmTouchpoint *cjm_touchpoint_new (const char *id);

const char *cjm_touchpoint_get_phase (CjmTouchpoint *self);
const char *cjm_touchpoint_get_lane (CjmTouchpoint *self);
const char *cjm_touchpoint_get_channel (CjmTouchpoint *self);
int cjm_touchpoint_get_emotion (CjmTouchpoint *self);
CjmImportance cjm_touchpoint_get_importance (CjmTouchpoint *self);
gboolean cjm_touchpoint_get_managed (CjmTouchpoint *self);
const char *cjm_touchpoint_get_owner (CjmTouchpoint *self);
const char * const *cjm_touchpoint_get_personas (CjmTouchpoint *self);
const char *cjm_touchpoint_get_title (CjmTouchpoint *self);
const char *cjm_touchpoint_get_description (CjmTouchpoint *self);
GPtrArray *cjm_touchpoint_get_metrics (CjmTouchpoint *self);
CjmEvidence cjm_touchpoint_get_evidence (CjmTouchpoint *self);
const char *cjm_touchpoint_get_evidence_source (CjmTouchpoint *self);

G_END_DECLS
