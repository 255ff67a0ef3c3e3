/* cjm-print.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cjm-document.h"
#include "cjm-window.h"

G_BEGIN_DECLS

#define CJM_TYPE_PRINT_OPERATION (cjm_print_operation_get_type ())

G_DECLARE_FINAL_TYPE (CjmPrintOperation, cjm_print_operation, CJM, PRINT_OPERATION, GtkPrintOperation)

CjmPrintOperation *cjm_print_operation_new         (CjmDocument       *document);
void               cjm_print_operation_set_poster  (CjmPrintOperation *self,
                                                    gboolean           poster,
                                                    const char        *paper,
                                                    double             overlap);
gboolean           cjm_print_operation_get_poster  (CjmPrintOperation *self);
void               cjm_print_run                   (CjmWindow         *window);

G_END_DECLS
