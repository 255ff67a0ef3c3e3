/* cjm-reader.h
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

#define CJM_NAMESPACE      "urn:reiskaart:cjm:1"
#define CJM_FORMAT_VERSION 1

void         cjm_reader_init       (void);
CjmDocument *cjm_reader_load_bytes (GBytes       *bytes,
                                    CjmLocation  *location,
                                    GError      **error);
CjmDocument *cjm_reader_load_file  (GFile        *file,
                                    CjmLocation  *location,
                                    GError      **error);
GBytes      *cjm_reader_read_file  (GFile        *file,
                                    GError      **error);

G_END_DECLS
