/* cjm-selection.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cjm-document.h"

G_BEGIN_DECLS

#define CJM_TYPE_SELECTION (cjm_selection_get_type ())

G_DECLARE_FINAL_TYPE (CjmSelection, cjm_selection, CJM, SELECTION, GObject)

CjmSelection *cjm_selection_new          (CjmDocument  *document);
CjmDocument  *cjm_selection_get_document (CjmSelection *self);
gboolean      cjm_selection_contains     (CjmSelection *self,
                                          CjmEntity    *entity);
guint         cjm_selection_get_count    (CjmSelection *self);
GPtrArray    *cjm_selection_get_entities (CjmSelection *self);
GHashTable   *cjm_selection_get_set      (CjmSelection *self);
CjmEntity    *cjm_selection_get_primary  (CjmSelection *self);
void          cjm_selection_set          (CjmSelection *self,
                                          CjmEntity    *entity);
void          cjm_selection_set_many     (CjmSelection *self,
                                          CjmEntity   **entities,
                                          guint         n_entities);
void          cjm_selection_add          (CjmSelection *self,
                                          CjmEntity    *entity);
void          cjm_selection_toggle       (CjmSelection *self,
                                          CjmEntity    *entity);
void          cjm_selection_clear        (CjmSelection *self);

G_END_DECLS
