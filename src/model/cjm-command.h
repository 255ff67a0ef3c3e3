/* cjm-command.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cjm-types.h"

G_BEGIN_DECLS

#define CJM_TYPE_COMMAND (cjm_command_get_type ())

G_DECLARE_DERIVABLE_TYPE (CjmCommand, cjm_command, CJM, COMMAND, GObject)

/**
 * CjmCommandClass:
 * @apply: make the change on the document
 * @revert: undo exactly what @apply did
 * @merge: absorb @next, a command that follows this one, when the two read
 *   as one step to the user (typing, nudges); returns %TRUE if it did
 *
 * One reversible change to a document. Every edit is a command, so undo,
 * redo, "modified" and change notification work the same for all of them.
 */
struct _CjmCommandClass
{
  GObjectClass parent_class;

  void     (*apply)  (CjmCommand  *self,
                      CjmDocument *document);
  void     (*revert) (CjmCommand  *self,
                      CjmDocument *document);
  gboolean (*merge)  (CjmCommand  *self,
                      CjmCommand  *next);
};

const char *cjm_command_get_label (CjmCommand  *self);
void        cjm_command_set_label (CjmCommand  *self,
                                   const char  *label);
void        cjm_command_apply     (CjmCommand  *self,
                                   CjmDocument *document);
void        cjm_command_revert    (CjmCommand  *self,
                                   CjmDocument *document);
gboolean    cjm_command_merge     (CjmCommand  *self,
                                   CjmCommand  *next);

G_END_DECLS
