/* cjm-group-command.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cjm-command.h"

G_BEGIN_DECLS

#define CJM_TYPE_GROUP_COMMAND (cjm_group_command_get_type ())

G_DECLARE_FINAL_TYPE (CjmGroupCommand, cjm_group_command, CJM, GROUP_COMMAND, CjmCommand)

CjmCommand *cjm_group_command_new        (const char      *label);
void        cjm_group_command_add        (CjmGroupCommand *self,
                                          CjmCommand      *command);
guint       cjm_group_command_get_length (CjmGroupCommand *self);

G_END_DECLS
