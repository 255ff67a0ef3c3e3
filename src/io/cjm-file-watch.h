/* cjm-file-watch.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CJM_TYPE_FILE_WATCH (cjm_file_watch_get_type ())

G_DECLARE_FINAL_TYPE (CjmFileWatch, cjm_file_watch, CJM, FILE_WATCH, GObject)

CjmFileWatch *cjm_file_watch_new             (GFile        *file);
GFile        *cjm_file_watch_get_file        (CjmFileWatch *self);
void          cjm_file_watch_remember        (CjmFileWatch *self);
gboolean      cjm_file_watch_changed_on_disk (CjmFileWatch *self,
                                              gboolean     *deleted);
void          cjm_file_watch_set_paused      (CjmFileWatch *self,
                                              gboolean      paused);

G_END_DECLS
