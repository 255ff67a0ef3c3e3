/* cjm-viewport.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cjm-layout.h"

G_BEGIN_DECLS

#define CJM_ZOOM_MIN 0.05
#define CJM_ZOOM_MAX 4.0

#define CJM_TYPE_VIEWPORT (cjm_viewport_get_type ())

G_DECLARE_FINAL_TYPE (CjmViewport, cjm_viewport, CJM, VIEWPORT, GObject)

CjmViewport *cjm_viewport_new             (void);
double       cjm_viewport_get_zoom        (CjmViewport *self);
double       cjm_viewport_get_x           (CjmViewport *self);
double       cjm_viewport_get_y           (CjmViewport *self);
void         cjm_viewport_set_size        (CjmViewport *self,
                                           double       width,
                                           double       height);
void         cjm_viewport_set_content     (CjmViewport *self,
                                           double       width,
                                           double       height);
void         cjm_viewport_set_zoom        (CjmViewport *self,
                                           double       zoom);
void         cjm_viewport_set_position    (CjmViewport *self,
                                           double       x,
                                           double       y);
void         cjm_viewport_zoom_at         (CjmViewport *self,
                                           double       factor,
                                           double       widget_x,
                                           double       widget_y);
void         cjm_viewport_fit             (CjmViewport *self);
void         cjm_viewport_widget_to_map   (CjmViewport *self,
                                           double       widget_x,
                                           double       widget_y,
                                           double      *map_x,
                                           double      *map_y);
void         cjm_viewport_map_to_widget   (CjmViewport *self,
                                           double       map_x,
                                           double       map_y,
                                           double      *widget_x,
                                           double      *widget_y);
void         cjm_viewport_get_visible     (CjmViewport *self,
                                           CjmRect     *rect);
void         cjm_viewport_scroll_to_rect  (CjmViewport   *self,
                                           const CjmRect *rect);
double       cjm_viewport_get_max_x       (CjmViewport *self);
double       cjm_viewport_get_max_y       (CjmViewport *self);

G_END_DECLS
