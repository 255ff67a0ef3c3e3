/* cjm-map.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cjm-entity.h"

G_BEGIN_DECLS

#define CJM_TYPE_MAP (cjm_map_get_type ())

G_DECLARE_FINAL_TYPE (CjmMap, cjm_map, CJM, MAP, CjmEntity)

/* The map itself: its title, dates, language and emotion scale. */
CjmMap *cjm_map_new (void);

const char *cjm_map_get_title (CjmMap *self);
const char *cjm_map_get_description (CjmMap *self);
const char *cjm_map_get_author (CjmMap *self);
gint64 cjm_map_get_created (CjmMap *self);
gint64 cjm_map_get_modified (CjmMap *self);
const char *cjm_map_get_review_due (CjmMap *self);
const char *cjm_map_get_language (CjmMap *self);
int cjm_map_get_scale_min (CjmMap *self);
int cjm_map_get_scale_max (CjmMap *self);
GPtrArray *cjm_map_get_scale_labels (CjmMap *self);

G_END_DECLS
