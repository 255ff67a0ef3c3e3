/* cjm-document-private.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cjm-document.h"

G_BEGIN_DECLS

/* For commands and the reader only: these change the document without
 * recording history. */
void  cjm_document_insert_entity (CjmDocument   *self,
                                  CjmEntity     *entity,
                                  guint          index);
guint cjm_document_remove_entity (CjmDocument   *self,
                                  CjmEntity     *entity);
guint cjm_document_move_entity   (CjmDocument   *self,
                                  CjmEntity     *entity,
                                  guint          to_index);
void  cjm_document_emit_changed  (CjmDocument   *self,
                                  CjmChangeKind  kind,
                                  CjmEntity     *entity,
                                  const char    *field);

G_END_DECLS
