/* cjm-window.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cjm-application.h"

G_BEGIN_DECLS

#define CJM_TYPE_WINDOW (cjm_window_get_type ())

G_DECLARE_FINAL_TYPE (CjmWindow, cjm_window, CJM, WINDOW, GtkApplicationWindow)

CjmWindow *cjm_window_new  (CjmApplication *application);
void       cjm_window_open (CjmWindow      *self,
                            GFile          *file);

G_END_DECLS
