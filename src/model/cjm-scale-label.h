/* cjm-scale-label.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cjm-types.h"

G_BEGIN_DECLS

/**
 * CjmScaleLabel:
 * @value: a whole number on the map's emotion scale
 * @text: what that value means ("Very dissatisfied")
 */
typedef struct
{
  int   value;
  char *text;
} CjmScaleLabel;

#define CJM_TYPE_SCALE_LABEL (cjm_scale_label_get_type ())

GType          cjm_scale_label_get_type (void) G_GNUC_CONST;
CjmScaleLabel *cjm_scale_label_new      (int                  value,
                                         const char          *text);
CjmScaleLabel *cjm_scale_label_copy     (const CjmScaleLabel *self);
void           cjm_scale_label_free     (CjmScaleLabel       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CjmScaleLabel, cjm_scale_label_free)

G_END_DECLS
