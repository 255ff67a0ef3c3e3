/* cjm-application.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cjm-templates.h"

G_BEGIN_DECLS

#define CJM_TYPE_APPLICATION (cjm_application_get_type ())

G_DECLARE_FINAL_TYPE (CjmApplication, cjm_application, CJM, APPLICATION, GtkApplication)

CjmApplication *cjm_application_new             (void);
int             cjm_application_run_with_files  (CjmApplication *self,
                                                 const char     *program,
                                                 char          **files);
void            cjm_application_open_file       (CjmApplication *self,
                                                 GFile          *file);
GMenuModel     *cjm_application_get_recent_menu (CjmApplication *self);
GSettings      *cjm_application_get_settings    (CjmApplication *self);
CjmDocument    *cjm_application_create_map      (CjmApplication *self,
                                                 CjmTemplate     template);

G_END_DECLS
