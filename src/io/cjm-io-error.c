/* cjm-io-error.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cjm-io-error.h"

G_DEFINE_QUARK (cjm-io-error-quark, cjm_io_error)
