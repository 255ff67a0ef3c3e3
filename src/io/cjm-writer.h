/* cjm-writer.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cjm-document.h"

G_BEGIN_DECLS

GBytes *cjm_writer_save_to_bytes (CjmDocument *document);
char   *cjm_format_double        (double       value);

G_END_DECLS
