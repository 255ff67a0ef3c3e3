/* cjm-paint.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pango.h>

G_BEGIN_DECLS

void cjm_paint_save            (cairo_t     *cr);
void cjm_paint_restore         (cairo_t     *cr);
void cjm_paint_clip            (cairo_t     *cr);
void cjm_paint_fill            (cairo_t     *cr);
void cjm_paint_fill_preserve   (cairo_t     *cr);
void cjm_paint_stroke          (cairo_t     *cr);
void cjm_paint_stroke_preserve (cairo_t     *cr);
void cjm_paint_paint           (cairo_t     *cr);
void cjm_paint_begin_fade      (cairo_t     *cr);
void cjm_paint_end_fade        (cairo_t     *cr,
                                double       alpha);
void cjm_paint_layout          (cairo_t     *cr,
                                PangoLayout *layout);

G_END_DECLS
