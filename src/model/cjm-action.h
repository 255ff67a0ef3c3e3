/* cjm-action.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cjm-entity.h"

G_BEGIN_DECLS

#define CJM_TYPE_ACTION (cjm_action_get_type ())

G_DECLARE_FINAL_TYPE (CjmAction, cjm_action, CJM, ACTION, CjmEntity)

/* An improvement in the action plan. */
CjmAction *cjm_action_new (const char *id);

const char *cjm_action_get_owner (CjmAction *self);
CjmPriority cjm_action_get_priority (CjmAction *self);
CjmStatus cjm_action_get_status (CjmAction *self);
const char *cjm_action_get_due (CjmAction *self);
const char * const *cjm_action_get_addresses (CjmAction *self);
const char *cjm_action_get_title (CjmAction *self);
const char *cjm_action_get_description (CjmAction *self);

G_END_DECLS
