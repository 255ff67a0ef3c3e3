/* cjm-document.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cjm-action.h"
#include "cjm-card.h"
#include "cjm-channel.h"
#include "cjm-curve.h"
#include "cjm-curve-point.h"
#include "cjm-entity.h"
#include "cjm-history.h"
#include "cjm-lane.h"
#include "cjm-map.h"
#include "cjm-metric.h"
#include "cjm-persona.h"
#include "cjm-phase.h"
#include "cjm-scale-label.h"
#include "cjm-touchpoint.h"
#include "cjm-transition.h"

G_BEGIN_DECLS

#define CJM_MODEL_ERROR (cjm_model_error_quark ())

typedef enum
{
  CJM_MODEL_ERROR_INVALID_VALUE,
  CJM_MODEL_ERROR_INVALID_REFERENCE,
  CJM_MODEL_ERROR_DUPLICATE,
  CJM_MODEL_ERROR_INVALID_PLACEMENT,
} CjmModelError;

/**
 * CjmChangeKind:
 * @CJM_CHANGE_INSERTED: an entity was added
 * @CJM_CHANGE_REMOVED: an entity was removed
 * @CJM_CHANGE_MOVED: an entity moved within its list (reading order)
 * @CJM_CHANGE_FIELD: a field of an entity (or of the map) changed
 *
 * What a #CjmDocument::changed signal reports.
 */
typedef enum
{
  CJM_CHANGE_INSERTED,
  CJM_CHANGE_REMOVED,
  CJM_CHANGE_MOVED,
  CJM_CHANGE_FIELD,
} CjmChangeKind;

#define CJM_TYPE_DOCUMENT (cjm_document_get_type ())

G_DECLARE_FINAL_TYPE (CjmDocument, cjm_document, CJM, DOCUMENT, GObject)

GQuark       cjm_model_error_quark         (void);

CjmDocument *cjm_document_new              (void);
CjmMap      *cjm_document_get_map          (CjmDocument  *self);
CjmHistory  *cjm_document_get_history      (CjmDocument  *self);
GPtrArray   *cjm_document_get_list         (CjmDocument  *self,
                                            GType         type);
GPtrArray   *cjm_document_get_personas     (CjmDocument  *self);
GPtrArray   *cjm_document_get_channels     (CjmDocument  *self);
GPtrArray   *cjm_document_get_phases       (CjmDocument  *self);
GPtrArray   *cjm_document_get_lanes        (CjmDocument  *self);
GPtrArray   *cjm_document_get_touchpoints  (CjmDocument  *self);
GPtrArray   *cjm_document_get_cards        (CjmDocument  *self);
GPtrArray   *cjm_document_get_transitions  (CjmDocument  *self);
GPtrArray   *cjm_document_get_curves       (CjmDocument  *self);
GPtrArray   *cjm_document_get_actions      (CjmDocument  *self);
CjmEntity   *cjm_document_lookup           (CjmDocument  *self,
                                            const char   *id);
guint        cjm_document_count_entities   (CjmDocument  *self);
char        *cjm_document_new_id           (CjmDocument  *self,
                                            const char   *prefix);
GPtrArray   *cjm_document_get_cell_items   (CjmDocument  *self,
                                            const char   *phase_id,
                                            const char   *lane_id);
gboolean     cjm_document_can_place        (CjmDocument  *self,
                                            GType         item_type,
                                            const char   *lane_id);
const char  *cjm_document_describe_type    (GType         type);

/* The verbs: every change to a document goes through these, so each one is
 * validated, undoable and announced by #CjmDocument::changed. */
gboolean     cjm_document_set_value        (CjmDocument  *self,
                                            CjmEntity    *target,
                                            const char   *property,
                                            const GValue *value,
                                            GError      **error);
gboolean     cjm_document_set              (CjmDocument  *self,
                                            CjmEntity    *target,
                                            GError      **error,
                                            const char   *first_property,
                                            ...) G_GNUC_NULL_TERMINATED;
gboolean     cjm_document_edit_text        (CjmDocument  *self,
                                            CjmEntity    *target,
                                            const char   *property,
                                            const char   *text,
                                            GError      **error);
gboolean     cjm_document_add              (CjmDocument  *self,
                                            CjmEntity    *entity,
                                            int           index,
                                            GError      **error);
void         cjm_document_remove           (CjmDocument  *self,
                                            CjmEntity    *entity);
void         cjm_document_remove_many      (CjmDocument  *self,
                                            CjmEntity   **entities,
                                            guint         n_entities);
gboolean     cjm_document_reorder          (CjmDocument  *self,
                                            CjmEntity    *entity,
                                            guint         index);
gboolean     cjm_document_place_items      (CjmDocument  *self,
                                            CjmEntity   **items,
                                            guint         n_items,
                                            const char   *phase_id,
                                            const char   *lane_id,
                                            guint         position,
                                            GError      **error);
void         cjm_document_begin_group      (CjmDocument  *self,
                                            const char   *label);
void         cjm_document_end_group        (CjmDocument  *self);
gboolean     cjm_document_undo             (CjmDocument  *self);
gboolean     cjm_document_redo             (CjmDocument  *self);

gboolean     cjm_language_is_valid         (const char     *language);
gboolean     cjm_document_check_field      (CjmDocument    *self,
                                            CjmEntity      *entity,
                                            const CjmField *field,
                                            const GValue   *value,
                                            GError        **error);

G_END_DECLS
