/* cjm-schema.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "cjm-io-error.h"

G_BEGIN_DECLS

gboolean cjm_schema_validate_bytes (GBytes       *bytes,
                                    CjmLocation  *location,
                                    GError      **error);

G_END_DECLS
