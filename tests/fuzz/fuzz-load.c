/* fuzz-load.c: the loader under a fuzzer
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz.h"

/* Any bytes go in. When they load, the map is saved, and the saved bytes
 * must load again and save to the very same bytes: the reader and writer
 * agree on everything they accept. */
int
LLVMFuzzerTestOneInput (const unsigned char *data,
                        size_t               size)
{
  g_autoptr(GBytes) input = g_bytes_new_static (data, size);
  g_autoptr(CjmDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_init ();
  document = cjm_reader_load_bytes (input, NULL, &error);
  if (document != NULL)
    {
      g_autoptr(GBytes) saved = cjm_writer_save_to_bytes (document);
      g_autoptr(CjmDocument) again = cjm_reader_load_bytes (saved, NULL, &error);
      g_autoptr(GBytes) resaved = NULL;

      if (again == NULL)
        g_error ("a saved map does not load again: %s", error->message);
      resaved = cjm_writer_save_to_bytes (again);
      if (!g_bytes_equal (saved, resaved))
        g_error ("a map saves differently after loading it again");
    }
  else
    {
      g_assert (error != NULL && error->message[0] != '\0');
      g_assert (g_utf8_validate (error->message, -1, NULL));
    }
  return 0;
}
