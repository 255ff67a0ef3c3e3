/* fuzz-render.c: layout and drawing of whatever the loader accepts
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cjm-layout.h"
#include "cjm-renderer.h"
#include "fuzz.h"

/* Hostile text and extreme numbers that pass the loader still reach
 * Pango and cairo: lay the map out, hit-test it and draw it small, at the
 * level of detail of each zoom. */
int
LLVMFuzzerTestOneInput (const unsigned char *data,
                        size_t               size)
{
  static CjmRenderer *renderer;
  g_autoptr(GBytes) input = g_bytes_new_static (data, size);
  g_autoptr(CjmDocument) document = NULL;
  g_autoptr(CjmLayout) layout = NULL;
  const double scales[] = { 1.0, 0.3, 0.05 };

  fuzz_init ();
  if (renderer == NULL)
    renderer = cjm_renderer_new (FALSE);

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
  return 0;
}
