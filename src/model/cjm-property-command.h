/* cjm-property-command.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cjm-command.h"
#include "cjm-entity.h"

G_BEGIN_DECLS

#define CJM_TYPE_PROPERTY_COMMAND (cjm_property_command_get_type ())

G_DECLARE_FINAL_TYPE (CjmPropertyCommand, cjm_property_command, CJM, PROPERTY_COMMAND, CjmCommand)

CjmCommand *cjm_property_command_new (CjmEntity    *target,
                                      GParamSpec   *pspec,
                                      const GValue *value,
                                      gboolean      mergeable);

G_END_DECLS
