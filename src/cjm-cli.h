/* cjm-cli.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean cjm_cli_handle (int     *argc,
                         char  ***argv,
                         GStrv   *files,
                         int     *status);

G_END_DECLS
