/* cjm-card.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cjm-entity.h"
#include "cjm-touchpoint.h"

G_BEGIN_DECLS

#define CJM_TYPE_CARD (cjm_card_get_type ())

G_DECLARE_FINAL_TYPE (CjmCard, cjm_card, CJM, CARD, CjmEntity)

/* A text item in a lane: an action, thought, pain point, opportunity or note. */
CjmCard *cjm_card_new (const char *id);

const char *cjm_card_get_phase (CjmCard *self);
const char *cjm_card_get_lane (CjmCard *self);
guint cjm_card_get_color (CjmCard *self);
const char * const *cjm_card_get_touchpoints (CjmCard *self);
const char *cjm_card_get_text (CjmCard *self);

G_END_DECLS
