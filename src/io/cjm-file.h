/* cjm-file.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cjm-document.h"
#include "cjm-io-error.h"

G_BEGIN_DECLS

gboolean     cjm_file_write_atomic (const char           *path,
                                    GBytes               *contents,
                                    GError              **error);
gboolean     cjm_file_write_atomic_full (const char      *path,
                                         GBytes          *contents,
                                         gboolean         keep_backup,
                                         GError         **error);
gboolean     cjm_file_save         (CjmDocument          *document,
                                    GFile                *file,
                                    GError              **error);
void         cjm_file_save_async   (CjmDocument          *document,
                                    GFile                *file,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
gboolean     cjm_file_save_finish  (GAsyncResult         *result,
                                    GError              **error);
void         cjm_file_load_async   (GFile                *file,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
CjmDocument *cjm_file_load_finish  (GAsyncResult         *result,
                                    CjmLocation          *location,
                                    GError              **error);
GBytes      *cjm_file_serialize    (CjmDocument          *document,
                                    GError              **error);
guint        cjm_file_clean_stale_temporaries (const char *folder);

G_END_DECLS
