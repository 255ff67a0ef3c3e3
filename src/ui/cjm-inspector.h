/* cjm-inspector.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cjm-document.h"
#include "cjm-selection.h"

G_BEGIN_DECLS

#define CJM_TYPE_INSPECTOR (cjm_inspector_get_type ())

G_DECLARE_FINAL_TYPE (CjmInspector, cjm_inspector, CJM, INSPECTOR, GtkWidget)

/* Edits every field of the selected entity, or of the map when nothing is selected. */
GtkWidget *cjm_inspector_new           (void);
void       cjm_inspector_set_selection (CjmInspector *self,
                                        CjmSelection *selection);

G_END_DECLS
