/* cjm-schema.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include "cjm-core-resources.h"
#include "cjm-reader.h"
#include "cjm-schema.h"

/* The RelaxNG schema is the format's published grammar. The reader gives
 * the messages people read; the schema is a second opinion that catches any
 * disagreement between the two, in tests and in --validate. */

typedef struct
{
  char *message;
  int   line;
} FirstError;

static void
on_validity_error (void        *user_data,
                   xmlErrorPtr  xml_error)
{
  FirstError *first = user_data;

  if (first->message != NULL || xml_error == NULL)
    return;
  first->message = g_utf8_make_valid (xml_error->message != NULL ? xml_error->message : "", -1);
  g_strstrip (first->message);
  first->line = xml_error->line;
}

static xmlRelaxNGPtr
load_schema (void)
{
  static xmlRelaxNGPtr schema;
  static gsize loaded;

  if (g_once_init_enter (&loaded))
    {
      g_autoptr(GBytes) bytes =
        g_resource_lookup_data (cjm_core_get_resource (),
                                "/io/github/reiskaart/Reiskaart/core/cjm.rng",
                                G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      xmlRelaxNGParserCtxtPtr parser;

      g_assert (bytes != NULL);
      parser = xmlRelaxNGNewMemParserCtxt (g_bytes_get_data (bytes, NULL),
                                           (int) g_bytes_get_size (bytes));
      schema = xmlRelaxNGParse (parser);
      xmlRelaxNGFreeParserCtxt (parser);
      g_assert (schema != NULL);
      g_once_init_leave (&loaded, 1);
    }
  return schema;
}

/**
 * cjm_schema_validate_bytes:
 * @bytes: a map that cjm_reader_load_bytes() accepted
 * @location: (out) (optional): the line of the first problem
 * @error: the schema's message for it
 *
 * Returns: %TRUE if @bytes conforms to the RelaxNG schema
 */
gboolean
cjm_schema_validate_bytes (GBytes       *bytes,
                           CjmLocation  *location,
                           GError      **error)
{
  xmlRelaxNGValidCtxtPtr validator;
  FirstError first = { NULL, 0 };
  xmlDocPtr doc;
  int result;

  cjm_reader_init ();

  doc = xmlReadMemory (g_bytes_get_data (bytes, NULL), (int) g_bytes_get_size (bytes), NULL, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES
                       | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      g_set_error_literal (error, CJM_IO_ERROR, CJM_IO_ERROR_MALFORMED,
                           _("The file is damaged: its XML structure is broken."));
      return FALSE;
    }

  validator = xmlRelaxNGNewValidCtxt (load_schema ());
  xmlRelaxNGSetValidStructuredErrors (validator, on_validity_error, &first);
  result = xmlRelaxNGValidateDoc (validator, doc);
  xmlRelaxNGFreeValidCtxt (validator);
  xmlFreeDoc (doc);

  if (result == 0)
    {
      g_free (first.message);
      return TRUE;
    }

  if (location != NULL)
    {
      location->line = first.line;
      location->column = 0;
    }
  g_set_error (error, CJM_IO_ERROR, CJM_IO_ERROR_INVALID,
               _("The file does not follow the journey map schema: %s"),
               first.message != NULL ? first.message : "");
  g_free (first.message);
  return FALSE;
}
