/* cjm-io-error.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CJM_IO_ERROR (cjm_io_error_quark ())

/**
 * CjmIOError:
 * @CJM_IO_ERROR_NOT_REGULAR: not a regular file (a folder, a device, a pipe)
 * @CJM_IO_ERROR_TOO_LARGE: over a size or count limit
 * @CJM_IO_ERROR_NOT_A_MAP: another kind of file (compressed, binary, other XML)
 * @CJM_IO_ERROR_ENCODING: not UTF-8, or characters XML does not allow
 * @CJM_IO_ERROR_MALFORMED: not well-formed XML: damaged or incomplete
 * @CJM_IO_ERROR_UNSAFE: uses DTDs or entities, which maps never need
 * @CJM_IO_ERROR_INVALID: well-formed but breaks the format's rules
 * @CJM_IO_ERROR_NEWER_VERSION: written by a newer Reiskaart
 * @CJM_IO_ERROR_SAVE: the map could not be written
 * @CJM_IO_ERROR_CHANGED_ON_DISK: the file changed since it was opened
 */
typedef enum
{
  CJM_IO_ERROR_NOT_REGULAR,
  CJM_IO_ERROR_TOO_LARGE,
  CJM_IO_ERROR_NOT_A_MAP,
  CJM_IO_ERROR_ENCODING,
  CJM_IO_ERROR_MALFORMED,
  CJM_IO_ERROR_UNSAFE,
  CJM_IO_ERROR_INVALID,
  CJM_IO_ERROR_NEWER_VERSION,
  CJM_IO_ERROR_SAVE,
  CJM_IO_ERROR_CHANGED_ON_DISK,
} CjmIOError;

/**
 * CjmLocation:
 * @line: 1-based line of the problem, 0 when it has none
 * @column: 1-based column (in characters), 0 when unknown
 */
typedef struct
{
  int line;
  int column;
} CjmLocation;

GQuark cjm_io_error_quark (void);

/* Limits that keep hostile files from exhausting memory or time, generous
 * enough for a 50,000-touchpoint map. */
#define CJM_MAX_FILE_SIZE       (32 * 1024 * 1024)
#define CJM_MAX_ELEMENTS        500000
#define CJM_MAX_ATTRIBUTES      64
#define CJM_MAX_DEPTH           32

G_END_DECLS
