/* cjm-templates.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cjm-document.h"

G_BEGIN_DECLS

/**
 * CjmTemplate:
 * @CJM_TEMPLATE_EMPTY: one phase, a touchpoints lane and a feeling lane
 * @CJM_TEMPLATE_FOUR_PHASES: Awareness, Consideration, Purchase, Post-purchase
 * @CJM_TEMPLATE_FIVE_PHASES: Awareness, Acquisition, Purchase, Retention, Advocacy
 *
 * The maps a user can start from.
 */
typedef enum
{
  CJM_TEMPLATE_EMPTY,
  CJM_TEMPLATE_FOUR_PHASES,
  CJM_TEMPLATE_FIVE_PHASES,
} CjmTemplate;

CjmDocument *cjm_template_create      (CjmTemplate  template,
                                       const char  *language);
CjmDocument *cjm_template_create_full (CjmTemplate  template,
                                       const char  *language,
                                       int          scale_min,
                                       int          scale_max);

G_END_DECLS
