/* cjm-replace-dialog.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *cjm_replace_dialog_new (GtkWindow *parent,
                                   GFile     *file);

G_END_DECLS
