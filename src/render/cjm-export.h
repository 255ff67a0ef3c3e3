/* cjm-export.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "cjm-document.h"

G_BEGIN_DECLS

typedef enum
{
  CJM_EXPORT_PDF,
  CJM_EXPORT_SVG,
  CJM_EXPORT_PNG,
  CJM_EXPORT_CJM,
} CjmExportFormat;

/**
 * CjmExportOptions:
 * @format: what to write
 * @paper_width: the page width in mm, or 0 to fit the page to the map
 * @paper_height: the page height in mm; 0 with a width set means a roll of
 *   that width, as long as the map needs
 * @landscape: whether the page lies on its long side
 * @margin: the margin around the map, in mm
 * @dpi: the resolution of a PNG, 72 to 600
 * @tile_width: the sheet width in mm for a tiled poster, or 0 for one page
 * @tile_height: the sheet height in mm
 * @overlap: how far neighbouring sheets overlap, in mm
 * @title_block: whether to print the title, date and legends above the map
 * @personas: (nullable) (array zero-terminated=1): only these personas'
 *   curves, or %NULL for all
 *
 * How a map is put on paper or into a picture.
 */
typedef struct
{
  CjmExportFormat  format;
  double           paper_width;
  double           paper_height;
  gboolean         landscape;
  double           margin;
  double           dpi;
  double           tile_width;
  double           tile_height;
  double           overlap;
  gboolean         title_block;
  char           **personas;
} CjmExportOptions;

void     cjm_export_options_init       (CjmExportOptions        *options);
void     cjm_export_options_clear      (CjmExportOptions        *options);
void     cjm_export_options_copy       (const CjmExportOptions  *options,
                                        CjmExportOptions        *copy);
gboolean cjm_export_parse_paper        (const char              *text,
                                        double                  *width,
                                        double                  *height);
gboolean cjm_export_format_for_path    (const char              *path,
                                        CjmExportFormat         *format);
void     cjm_export_page_size          (CjmDocument             *document,
                                        const CjmExportOptions  *options,
                                        double                  *width,
                                        double                  *height);
double   cjm_export_smallest_text      (CjmDocument             *document,
                                        const CjmExportOptions  *options);
char    *cjm_export_check_legibility   (CjmDocument             *document,
                                        const CjmExportOptions  *options);
guint    cjm_export_count_pages        (CjmDocument             *document,
                                        const CjmExportOptions  *options);
void     cjm_export_sheet_size         (CjmDocument             *document,
                                        const CjmExportOptions  *options,
                                        guint                    page,
                                        double                  *width,
                                        double                  *height);
void     cjm_export_draw_page          (CjmDocument             *document,
                                        const CjmExportOptions  *options,
                                        cairo_t                 *cr,
                                        guint                    page);
void     cjm_export_draw_preview       (CjmDocument             *document,
                                        const CjmExportOptions  *options,
                                        cairo_t                 *cr,
                                        double                   width,
                                        double                   height,
                                        guint                    page);
gboolean cjm_export_to_file            (CjmDocument             *document,
                                        const CjmExportOptions  *options,
                                        const char              *path,
                                        GError                 **error);

G_END_DECLS
