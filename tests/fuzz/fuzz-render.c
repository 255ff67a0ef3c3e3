/* fuzz-render.c: layout and drawing of whatever the loader accepts
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libxml/parser.h>

#include "cjm-layout.h"
#include "cjm-renderer.h"
#include "cjm-svg-writer.h"
#include "fuzz.h"

/* Hostile text and extreme numbers that pass the loader still reach
 * Pango and cairo: lay the map out, hit-test it and draw it small, at the
 * level of detail of each zoom. Then write it as SVG, which must still be
 * well-formed XML whatever the map's text holds. */
int
LLVMFuzzerTestOneInput (const unsigned char *data,
                        size_t               size)
{
  static CjmRenderer *renderer;
  static CjmRenderer *print_renderer;
  g_autoptr(GBytes) input = g_bytes_new_static (data, size);
  g_autoptr(CjmDocument) document = NULL;
  g_autoptr(CjmLayout) layout = NULL;
  const double scales[] = { 1.0, 0.3, 0.05 };

  fuzz_init ();
  if (renderer == NULL)
    {
      renderer = cjm_renderer_new (FALSE);
      print_renderer = cjm_renderer_new (TRUE);
    }

  document = cjm_reader_load_bytes (input, NULL, NULL);
  if (document == NULL)
    return 0;

  layout = cjm_layout_new (document);
  for (int i = 0; i < 16; i++)
    {
      CjmHit hit;

      cjm_layout_hit_test (layout, i * 97.0, i * 53.0, 4, &hit);
    }

  for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 160, 120);
      cairo_t *cr = cairo_create (surface);
      CjmRenderOptions options;

      cjm_renderer_options_init (&options, layout);
      options.scale = scales[s];
      cairo_scale (cr, scales[s], scales[s]);
      cjm_renderer_draw (renderer, cr, layout, &options);
      g_assert (cairo_status (cr) == CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }

  {
    g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
    g_autoptr(CjmSvgWriter) svg = cjm_svg_writer_new (stream, 400, 300, "«map» & <title>");
    g_autoptr(GBytes) bytes = NULL;
    cairo_t *cr = cjm_svg_writer_get_cairo (svg);
    CjmRenderOptions options;
    xmlDoc *parsed;

    cjm_renderer_options_init (&options, layout);
    cairo_scale (cr, 0.2, 0.2);
    cjm_renderer_draw_title_block (print_renderer, cr, layout, &options, 2000, "1 januari");
    cjm_renderer_draw (print_renderer, cr, layout, &options);
    g_assert (cjm_svg_writer_finish (svg, NULL));
    g_assert (g_output_stream_close (stream, NULL, NULL));
    bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
    parsed = xmlReadMemory (g_bytes_get_data (bytes, NULL), (int) g_bytes_get_size (bytes),
                            "fuzz.svg", NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
    if (parsed == NULL)
      g_error ("the SVG of a map that loads is not well-formed XML");
    xmlFreeDoc (parsed);
  }
  return 0;
}
