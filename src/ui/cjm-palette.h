/* cjm-palette.h
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

#define CJM_TYPE_PALETTE (cjm_palette_get_type ())

G_DECLARE_FINAL_TYPE (CjmPalette, cjm_palette, CJM, PALETTE, GtkWidget)

/* The palette of things to drag onto the map: touchpoints by channel
 * group, and cards. Each entry is a GtkDragSource offering a string in the
 * form described in cjm-canvas.h, and activating an entry with the keyboard
 * emits "activate-kind" with that string, so the window can add the item
 * to the selected cell without a mouse. */
GtkWidget *cjm_palette_new          (void);
void       cjm_palette_set_document (CjmPalette  *self,
                                     CjmDocument *document);

G_END_DECLS
