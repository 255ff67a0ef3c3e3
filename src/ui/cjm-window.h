/* cjm-window.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cjm-application.h"
#include "cjm-document.h"

G_BEGIN_DECLS

#define CJM_TYPE_WINDOW (cjm_window_get_type ())

G_DECLARE_FINAL_TYPE (CjmWindow, cjm_window, CJM, WINDOW, GtkApplicationWindow)

CjmWindow   *cjm_window_new                  (CjmApplication       *application,
                                              CjmDocument          *document);
void         cjm_window_open                 (CjmWindow            *self,
                                              GFile                *file);
CjmDocument *cjm_window_get_document         (CjmWindow            *self);
GFile       *cjm_window_get_file             (CjmWindow            *self);
gboolean     cjm_window_get_modified         (CjmWindow            *self);
gboolean     cjm_window_is_blank             (CjmWindow            *self);
void         cjm_window_show_error           (CjmWindow            *self,
                                              const char           *heading,
                                              const char           *message);
void         cjm_window_confirm_close_async  (CjmWindow            *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean     cjm_window_confirm_close_finish (CjmWindow            *self,
                                              GAsyncResult         *result,
                                              GError              **error);

void         cjm_window_recover          (CjmWindow           *self,
                                          CjmDocument         *document,
                                          GFile               *file,
                                          const char          *draft_id);

G_END_DECLS
