/* cjm-collection-command.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cjm-command.h"
#include "cjm-entity.h"

G_BEGIN_DECLS

#define CJM_TYPE_COLLECTION_COMMAND (cjm_collection_command_get_type ())

G_DECLARE_FINAL_TYPE (CjmCollectionCommand, cjm_collection_command, CJM, COLLECTION_COMMAND, CjmCommand)

CjmCommand *cjm_collection_command_new_insert (CjmEntity *entity,
                                               guint      index);
CjmCommand *cjm_collection_command_new_remove (CjmEntity *entity);
CjmCommand *cjm_collection_command_new_move   (CjmEntity *entity,
                                               guint      to_index);

G_END_DECLS
