/* cjm-canvas.h
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

/* What the palette drags onto the canvas: a string "touchpoint:CHANNEL"
 * (CHANNEL a channel keyword, or empty) or "card:LANE-KIND". */
#define CJM_PALETTE_KIND_PREFIX_TOUCHPOINT "touchpoint:"
#define CJM_PALETTE_KIND_PREFIX_CARD       "card:"

#define CJM_TYPE_CANVAS (cjm_canvas_get_type ())

G_DECLARE_FINAL_TYPE (CjmCanvas, cjm_canvas, CJM, CANVAS, GtkWidget)

GtkWidget    *cjm_canvas_new            (void);
void          cjm_canvas_set_document   (CjmCanvas    *self,
                                         CjmDocument  *document,
                                         CjmSelection *selection);
CjmDocument  *cjm_canvas_get_document   (CjmCanvas    *self);
CjmSelection *cjm_canvas_get_selection  (CjmCanvas    *self);
void          cjm_canvas_set_persona    (CjmCanvas    *self,
                                         const char   *persona_id);
const char   *cjm_canvas_get_persona    (CjmCanvas    *self);
void          cjm_canvas_set_curve_variant (CjmCanvas    *self,
                                            CjmCurveVariant variant);
double        cjm_canvas_get_zoom       (CjmCanvas    *self);
void          cjm_canvas_zoom_in        (CjmCanvas    *self);
void          cjm_canvas_zoom_out       (CjmCanvas    *self);
void          cjm_canvas_zoom_reset     (CjmCanvas    *self);
void          cjm_canvas_zoom_fit       (CjmCanvas    *self);
void          cjm_canvas_reveal         (CjmCanvas    *self,
                                         CjmEntity    *entity);
void          cjm_canvas_edit_selected  (CjmCanvas    *self);

G_END_DECLS
