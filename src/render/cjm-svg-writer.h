/* cjm-svg-writer.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <pango/pango.h>

G_BEGIN_DECLS

#define CJM_TYPE_SVG_WRITER (cjm_svg_writer_get_type ())

G_DECLARE_FINAL_TYPE (CjmSvgWriter, cjm_svg_writer, CJM, SVG_WRITER, GObject)

CjmSvgWriter *cjm_svg_writer_new          (GOutputStream *stream,
                                           double         width,
                                           double         height,
                                           const char    *title);
cairo_t      *cjm_svg_writer_get_cairo    (CjmSvgWriter  *self);
CjmSvgWriter *cjm_svg_writer_from_cairo   (cairo_t       *cr);
gboolean      cjm_svg_writer_finish       (CjmSvgWriter  *self,
                                           GError       **error);

void          cjm_svg_writer_save         (CjmSvgWriter  *self);
void          cjm_svg_writer_restore      (CjmSvgWriter  *self);
void          cjm_svg_writer_clip         (CjmSvgWriter  *self);
void          cjm_svg_writer_fill         (CjmSvgWriter  *self);
void          cjm_svg_writer_stroke       (CjmSvgWriter  *self);
void          cjm_svg_writer_paint        (CjmSvgWriter  *self);
void          cjm_svg_writer_begin_group  (CjmSvgWriter  *self);
void          cjm_svg_writer_end_group    (CjmSvgWriter  *self,
                                           double         opacity);
void          cjm_svg_writer_show_layout  (CjmSvgWriter  *self,
                                           PangoLayout   *layout);

G_END_DECLS
