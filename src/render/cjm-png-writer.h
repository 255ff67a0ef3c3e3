/* cjm-png-writer.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _CjmPngWriter CjmPngWriter;

CjmPngWriter *cjm_png_writer_new        (GOutputStream  *stream,
                                         guint           width,
                                         guint           height,
                                         double          dpi,
                                         GError        **error);
gboolean      cjm_png_writer_write_rows (CjmPngWriter   *self,
                                         const guint8   *argb,
                                         gsize           stride,
                                         guint           n_rows,
                                         GError        **error);
gboolean      cjm_png_writer_finish     (CjmPngWriter   *self,
                                         GError        **error);
void          cjm_png_writer_free       (CjmPngWriter   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CjmPngWriter, cjm_png_writer_free)

G_END_DECLS
