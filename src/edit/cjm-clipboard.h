/* cjm-clipboard.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cjm-document.h"

G_BEGIN_DECLS

#define CJM_CLIPBOARD_MIME_TYPE "application/x-reiskaart-cjm"

GBytes    *cjm_clipboard_copy       (CjmDocument  *document,
                                     CjmEntity   **items,
                                     guint         n_items);
char      *cjm_clipboard_copy_text  (CjmDocument  *document,
                                     CjmEntity   **items,
                                     guint         n_items);
GPtrArray *cjm_clipboard_paste      (CjmDocument  *document,
                                     GBytes       *fragment,
                                     const char   *phase_id,
                                     const char   *lane_id,
                                     GError      **error);

G_END_DECLS
