/* cjm-lane.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cjm-entity.h"

G_BEGIN_DECLS

#define CJM_TYPE_LANE (cjm_lane_get_type ())

G_DECLARE_FINAL_TYPE (CjmLane, cjm_lane, CJM, LANE, CjmEntity)

/* A lane: one row of the map, of one kind. */
CjmLane *cjm_lane_new (const char *id);

CjmLaneKind cjm_lane_get_kind (CjmLane *self);
double cjm_lane_get_height (CjmLane *self);
const char *cjm_lane_get_name (CjmLane *self);

G_END_DECLS
