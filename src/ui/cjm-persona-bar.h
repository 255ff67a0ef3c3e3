/* cjm-persona-bar.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cjm-document.h"

G_BEGIN_DECLS

#define CJM_TYPE_PERSONA_BAR (cjm_persona_bar_get_type ())

G_DECLARE_FINAL_TYPE (CjmPersonaBar, cjm_persona_bar, CJM, PERSONA_BAR, GtkWidget)

/* The personas of the map: add, rename, colour, remove, and pick the one
 * whose emotion curve is drawn (as-is or to-be). Properties "persona"
 * (string, the picked persona's id) and "variant" (CjmCurveVariant) notify
 * when the user picks. */
GtkWidget       *cjm_persona_bar_new          (void);
void             cjm_persona_bar_set_document (CjmPersonaBar *self,
                                               CjmDocument   *document);
const char      *cjm_persona_bar_get_persona  (CjmPersonaBar *self);
CjmCurveVariant  cjm_persona_bar_get_variant  (CjmPersonaBar *self);

G_END_DECLS
