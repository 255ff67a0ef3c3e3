/* cjm-persona.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cjm-entity.h"

G_BEGIN_DECLS

#define CJM_TYPE_PERSONA (cjm_persona_get_type ())

G_DECLARE_FINAL_TYPE (CjmPersona, cjm_persona, CJM, PERSONA, CjmEntity)

/* A persona or customer segment. */
CjmPersona *cjm_persona_new (const char *id);

guint cjm_persona_get_color (CjmPersona *self);
const char *cjm_persona_get_name (CjmPersona *self);
const char *cjm_persona_get_description (CjmPersona *self);
const char *cjm_persona_get_goals (CjmPersona *self);

G_END_DECLS
