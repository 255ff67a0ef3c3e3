/* cjm-autosave.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cjm-document.h"

G_BEGIN_DECLS

#define CJM_AUTOSAVE_MAX_WAIT 60  /* seconds of continuous editing before a draft is forced */

#define CJM_TYPE_AUTOSAVE (cjm_autosave_get_type ())

G_DECLARE_FINAL_TYPE (CjmAutosave, cjm_autosave, CJM, AUTOSAVE, GObject)

CjmAutosave *cjm_autosave_new          (CjmDocument *document,
                                        const char  *draft_id);
const char  *cjm_autosave_get_draft_id (CjmAutosave *self);
void         cjm_autosave_set_uri      (CjmAutosave *self,
                                        const char  *uri);
void         cjm_autosave_set_delay    (CjmAutosave *self,
                                        guint        seconds);
void         cjm_autosave_flush        (CjmAutosave *self);
void         cjm_autosave_forget       (CjmAutosave *self);

G_END_DECLS
