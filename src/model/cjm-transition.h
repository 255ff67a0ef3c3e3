/* cjm-transition.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cjm-entity.h"
#include "cjm-touchpoint.h"

G_BEGIN_DECLS

#define CJM_TYPE_TRANSITION (cjm_transition_get_type ())

G_DECLARE_FINAL_TYPE (CjmTransition, cjm_transition, CJM, TRANSITION, CjmEntity)

/* The step between two touchpoints, with the irritations it causes. */
CjmTransition *cjm_transition_new (const char *id);

const char *cjm_transition_get_from_id (CjmTransition *self);
const char *cjm_transition_get_to_id (CjmTransition *self);
CjmIrritations cjm_transition_get_irritations (CjmTransition *self);
int cjm_transition_get_wait_minutes (CjmTransition *self);
const char *cjm_transition_get_note (CjmTransition *self);

G_END_DECLS
