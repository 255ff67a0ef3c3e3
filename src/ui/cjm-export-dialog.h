/* cjm-export-dialog.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cjm-window.h"

G_BEGIN_DECLS

#define CJM_TYPE_EXPORT_DIALOG (cjm_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CjmExportDialog, cjm_export_dialog, CJM, EXPORT_DIALOG, GtkWindow)

/* File > Export: the format, paper and poster settings with a preview of the
 * result; Export asks for a file name and writes it in a thread, from a copy
 * of the map. Problems show in @window. */
CjmExportDialog *cjm_export_dialog_new (CjmWindow *window);

G_END_DECLS
