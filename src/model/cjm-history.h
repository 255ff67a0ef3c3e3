/* cjm-history.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cjm-command.h"

G_BEGIN_DECLS

#define CJM_TYPE_HISTORY (cjm_history_get_type ())

G_DECLARE_FINAL_TYPE (CjmHistory, cjm_history, CJM, HISTORY, GObject)

CjmHistory *cjm_history_new              (void);
void        cjm_history_push             (CjmHistory  *self,
                                          CjmCommand  *command);
gboolean    cjm_history_undo             (CjmHistory  *self,
                                          CjmDocument *document);
gboolean    cjm_history_redo             (CjmHistory  *self,
                                          CjmDocument *document);
void        cjm_history_begin_group      (CjmHistory  *self,
                                          const char  *label);
void        cjm_history_end_group        (CjmHistory  *self);
gboolean    cjm_history_in_group         (CjmHistory  *self);
gboolean    cjm_history_get_can_undo     (CjmHistory  *self);
gboolean    cjm_history_get_can_redo     (CjmHistory  *self);
const char *cjm_history_get_undo_label   (CjmHistory  *self);
const char *cjm_history_get_redo_label   (CjmHistory  *self);
gboolean    cjm_history_get_modified     (CjmHistory  *self);
gboolean    cjm_history_get_needs_autosave (CjmHistory *self);
void        cjm_history_mark_saved       (CjmHistory  *self);
void        cjm_history_mark_autosaved   (CjmHistory  *self);
void        cjm_history_mark_unsaved     (CjmHistory  *self);
guint64     cjm_history_get_state        (CjmHistory  *self);

G_END_DECLS
