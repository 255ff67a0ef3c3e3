/* cjm-paint.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <pango/pangocairo.h>

#include "cjm-paint.h"
#include "cjm-svg-writer.h"

/* Every painting operation of the renderer goes through here. On a cairo
 * context it is cairo's own; on the context of a CjmSvgWriter it becomes
 * an SVG element, so that an SVG export keeps its text as text. Building
 * paths, transforming and choosing colours stay plain cairo calls. */

void
cjm_paint_save (cairo_t *cr)
{
  CjmSvgWriter *svg = cjm_svg_writer_from_cairo (cr);

  if (svg != NULL)
    cjm_svg_writer_save (svg);
  else
    cairo_save (cr);
}

void
cjm_paint_restore (cairo_t *cr)
{
  CjmSvgWriter *svg = cjm_svg_writer_from_cairo (cr);

  if (svg != NULL)
    cjm_svg_writer_restore (svg);
  else
    cairo_restore (cr);
}

void
cjm_paint_clip (cairo_t *cr)
{
  CjmSvgWriter *svg = cjm_svg_writer_from_cairo (cr);

  if (svg != NULL)
    cjm_svg_writer_clip (svg);
  else
    cairo_clip (cr);
}

void
cjm_paint_fill_preserve (cairo_t *cr)
{
  CjmSvgWriter *svg = cjm_svg_writer_from_cairo (cr);

  if (svg != NULL)
    cjm_svg_writer_fill (svg);
  else
    cairo_fill_preserve (cr);
}

void
cjm_paint_fill (cairo_t *cr)
{
  cjm_paint_fill_preserve (cr);
  cairo_new_path (cr);
}

void
cjm_paint_stroke_preserve (cairo_t *cr)
{
  CjmSvgWriter *svg = cjm_svg_writer_from_cairo (cr);

  if (svg != NULL)
    cjm_svg_writer_stroke (svg);
  else
    cairo_stroke_preserve (cr);
}

void
cjm_paint_stroke (cairo_t *cr)
{
  cjm_paint_stroke_preserve (cr);
  cairo_new_path (cr);
}

void
cjm_paint_paint (cairo_t *cr)
{
  CjmSvgWriter *svg = cjm_svg_writer_from_cairo (cr);

  if (svg != NULL)
    cjm_svg_writer_paint (svg);
  else
    cairo_paint (cr);
}

/* What is drawn between the two is faded as one, so that overlapping
 * parts do not show through each other. */
void
cjm_paint_begin_fade (cairo_t *cr)
{
  CjmSvgWriter *svg = cjm_svg_writer_from_cairo (cr);

  if (svg != NULL)
    cjm_svg_writer_begin_group (svg);
  else
    cairo_push_group (cr);
}

void
cjm_paint_end_fade (cairo_t *cr,
                    double   alpha)
{
  CjmSvgWriter *svg = cjm_svg_writer_from_cairo (cr);

  if (svg != NULL)
    cjm_svg_writer_end_group (svg, alpha);
  else
    {
      cairo_pop_group_to_source (cr);
      cairo_paint_with_alpha (cr, alpha);
    }
}

void
cjm_paint_layout (cairo_t     *cr,
                  PangoLayout *layout)
{
  CjmSvgWriter *svg = cjm_svg_writer_from_cairo (cr);

  if (svg != NULL)
    cjm_svg_writer_show_layout (svg, layout);
  else
    pango_cairo_show_layout (cr, layout);
}
