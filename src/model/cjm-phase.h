/* cjm-phase.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cjm-entity.h"

G_BEGIN_DECLS

#define CJM_TYPE_PHASE (cjm_phase_get_type ())

G_DECLARE_FINAL_TYPE (CjmPhase, cjm_phase, CJM, PHASE, CjmEntity)

/* A phase of the journey: one column of the map. */
CjmPhase *cjm_phase_new (const char *id);

double cjm_phase_get_width (CjmPhase *self);
const char *cjm_phase_get_name (CjmPhase *self);
const char *cjm_phase_get_description (CjmPhase *self);
const char *cjm_phase_get_goal (CjmPhase *self);

G_END_DECLS
