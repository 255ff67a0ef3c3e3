/* cjm-test-util.h: what several test programs share
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cjm-document.h"

G_BEGIN_DECLS

char        *cjm_test_examples_dir (void);
CjmDocument *cjm_test_load_example (const char *name);

G_END_DECLS
