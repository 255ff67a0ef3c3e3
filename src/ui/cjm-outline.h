/* cjm-outline.h
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

#define CJM_TYPE_OUTLINE (cjm_outline_get_type ())

G_DECLARE_FINAL_TYPE (CjmOutline, cjm_outline, CJM, OUTLINE, GtkWidget)

/* The map's structure as a list (phases, lanes, items) for keyboard and screen reader users; follows and sets the selection. */
GtkWidget *cjm_outline_new           (void);
void       cjm_outline_set_selection (CjmOutline *self,
                                      CjmSelection *selection);

G_END_DECLS
