/* test-hostile.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Hostile input: every file here is one that a colleague's mail, a damaged
 * download or an attacker could hand to the reader. For each we check the
 * outcome (loads or refused), the error domain and code, that the message is
 * the plain sentence the reader is meant to give, where it points, that the
 * load stays within a time bound, and for the entity, DTD and XInclude cases
 * that nothing outside the file was opened or fetched.
 *
 * Assertions are non-fatal, so one wrong detail does not hide the others;
 * each failure prints what the reader actually said. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#if defined(__has_include)
# if __has_include(<valgrind/valgrind.h>)
#  include <valgrind/valgrind.h>
#  define UNDER_VALGRIND() (RUNNING_ON_VALGRIND != 0)
# endif
#endif
#ifndef UNDER_VALGRIND
# define UNDER_VALGRIND() FALSE
#endif

#include "cjm-reader.h"
#include "cjm-writer.h"

/* a safety bound, not a benchmark; valgrind runs code ~20-50 times slower */
#define TIME_LIMIT_SECONDS 2
#define VALGRIND_FACTOR    30

#define LOADS (-1) /* in place of an error code: the map must load */
#define ANY   (-2) /* in place of a line or column: not checked */

/* Helpers ------------------------------------------------------------------ */

static gint64
time_limit (void)
{
  return (gint64) TIME_LIMIT_SECONDS * G_USEC_PER_SEC * (UNDER_VALGRIND () ? VALGRIND_FACTOR : 1);
}

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "hostile", name, NULL);
}

static GBytes *
read_data (const char *name)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("cannot read test data %s: %s", path, error->message);
  return g_bytes_new_take (contents, length);
}

/* The valid map that the generated cases start from. */
static char *
base_map (void)
{
  g_autoptr(GBytes) bytes = read_data ("valid-base.cjm");

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *
replace_once (const char *text,
              const char *old,
              const char *replacement)
{
  const char *hit = strstr (text, old);
  GString *out;

  if (hit == NULL)
    g_error ("test template lacks “%s”", old);
  out = g_string_new_len (text, hit - text);
  g_string_append (out, replacement);
  g_string_append (out, hit + strlen (old));
  return g_string_free (out, FALSE);
}

static GBytes *
bytes_take_string (GString *text)
{
  gsize length = text->len;

  return g_bytes_new_take (g_string_free (text, FALSE), length);
}

static CjmDocument *
load_bytes_timed (GBytes       *bytes,
                  CjmLocation  *location,
                  gint64       *elapsed,
                  GError      **error)
{
  gint64 start = g_get_monotonic_time ();
  CjmDocument *document = cjm_reader_load_bytes (bytes, location, error);

  *elapsed = g_get_monotonic_time () - start;
  return document;
}

static CjmDocument *
load_file_timed (GFile        *file,
                 CjmLocation  *location,
                 gint64       *elapsed,
                 GError      **error)
{
  gint64 start = g_get_monotonic_time ();
  CjmDocument *document = cjm_reader_load_file (file, location, error);

  *elapsed = g_get_monotonic_time () - start;
  return document;
}

/* A map that loads must also save and load again. */
static void
check_round_trip (CjmDocument *document)
{
  g_autoptr(GBytes) saved = cjm_writer_save_to_bytes (document);
  g_autoptr(GError) error = NULL;
  g_autoptr(CjmDocument) again = NULL;

  g_assert_nonnull (saved);
  if (saved == NULL)
    return;
  again = cjm_reader_load_bytes (saved, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
}

static void
check_outcome (CjmDocument       *document,
               const GError      *error,
               const CjmLocation *location,
               gint64             elapsed,
               GQuark             domain,
               int                code,
               const char        *message,
               int                line,
               int                column)
{
  if (error != NULL)
    g_test_message ("reader said %d:%d: [%s %d] %s", location->line, location->column,
                    g_quark_to_string (error->domain), error->code, error->message);
  g_test_message ("load took %" G_GINT64_FORMAT " µs", elapsed);
  g_assert_cmpint (elapsed, <, time_limit ());

  if (code == LOADS)
    {
      g_assert_no_error (error);
      g_assert_nonnull (document);
      g_assert_cmpint (location->line, ==, 0);
      g_assert_cmpint (location->column, ==, 0);
      if (document != NULL)
        check_round_trip (document);
      return;
    }

  g_assert_null (document);
  g_assert_error (error, domain, code);
  if (error != NULL)
    {
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      if (strstr (error->message, message) == NULL)
        {
          g_test_message ("expected a message containing “%s”", message);
          g_test_fail ();
        }
    }
  if (line != ANY)
    g_assert_cmpint (location->line, ==, line);
  if (column != ANY)
    g_assert_cmpint (location->column, ==, column);
}

static void
check_bytes_case (GBytes     *bytes,
                  int         code,
                  const char *message,
                  int         line,
                  int         column,
                  void      (*check_loaded) (CjmDocument *document))
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CjmDocument) document = NULL;
  CjmLocation location = { -1, -1 };
  gint64 elapsed;

  document = load_bytes_timed (bytes, &location, &elapsed, &error);
  check_outcome (document, error, &location, elapsed, CJM_IO_ERROR, code, message, line, column);
  if (document != NULL && check_loaded != NULL)
    check_loaded (document);
}

static CjmMap *
map_of (CjmDocument *document)
{
  return cjm_document_get_map (document);
}

static gboolean
foreign_elements_contain (CjmEntity  *entity,
                          const char *needle)
{
  GPtrArray *elements = cjm_entity_get_foreign_elements (entity);

  for (guint i = 0; elements != NULL && i < elements->len; i++)
    if (strstr (g_ptr_array_index (elements, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

static const char *
foreign_attribute (CjmEntity  *entity,
                   const char *ns_uri,
                   const char *name)
{
  GPtrArray *attributes = cjm_entity_get_foreign_attributes (entity);

  for (guint i = 0; attributes != NULL && i < attributes->len; i++)
    {
      CjmForeignAttribute *attr = g_ptr_array_index (attributes, i);

      if (g_strcmp0 (attr->ns_uri, ns_uri) == 0 && g_strcmp0 (attr->name, name) == 0)
        return attr->value;
    }
  return NULL;
}

/* Checks on maps that load ----------------------------------------------- */

static void
check_base_title (CjmDocument *document)
{
  g_assert_cmpstr (cjm_map_get_title (map_of (document)), ==, "Hostile input test");
}

static void
check_predefined_entities (CjmDocument *document)
{
  g_assert_cmpstr (cjm_map_get_title (map_of (document)), ==,
                   "Fish & chips <b> \u263a \"ok\"");
}

static void
check_xinclude_inert (CjmDocument *document)
{
  CjmEntity *map = CJM_ENTITY (map_of (document));

  /* kept verbatim as an extension, never expanded */
  g_assert_true (foreign_elements_contain (map, "include"));
  g_assert_true (foreign_elements_contain (map, "file:///etc/passwd"));
  g_assert_false (foreign_elements_contain (map, "root:"));
  g_assert_null (strstr (cjm_map_get_title (map_of (document)), "root:"));
}

static void
check_extensions (CjmDocument *document)
{
  CjmEntity *map = CJM_ENTITY (map_of (document));
  CjmEntity *touchpoint = cjm_document_lookup (document, "tp1");
  g_autoptr(GBytes) saved = cjm_writer_save_to_bytes (document);
  g_autofree char *text = g_strndup (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved));

  g_assert_cmpstr (foreign_attribute (map, "urn:example:acme", "project"), ==, "P-17");
  g_assert_true (foreign_elements_contain (map, "review"));
  g_assert_true (foreign_elements_contain (map, "Kim"));
  g_assert_nonnull (touchpoint);
  if (touchpoint != NULL)
    {
      g_assert_cmpstr (foreign_attribute (touchpoint, "urn:example:acme", "ticket"), ==, "CX-42");
      g_assert_true (foreign_elements_contain (touchpoint, "screenshot"));
    }

  /* and they survive a save */
  g_assert_nonnull (strstr (text, "acme:project=\"P-17\""));
  g_assert_nonnull (strstr (text, "acme:ticket=\"CX-42\""));
  g_assert_nonnull (strstr (text, "<acme:review"));
  g_assert_nonnull (strstr (text, "<acme:screenshot"));
}

static void
check_negative_zero (CjmDocument *document)
{
  GPtrArray *curves = cjm_document_get_curves (document);
  GPtrArray *points;
  const CjmCurvePoint *point;

  g_assert_cmpuint (curves->len, ==, 1);
  points = cjm_curve_get_points (g_ptr_array_index (curves, 0));
  g_assert_nonnull (points);
  g_assert_cmpuint (points->len, ==, 1);
  point = g_ptr_array_index (points, 0);
  g_assert_true (isfinite (point->at));
  g_assert_cmpfloat (point->at, ==, 0.0);
}

/* Committed files ---------------------------------------------------------- */

typedef struct
{
  const char *path;
  const char *file;
  int         code;
  const char *message;
  int         line;
  int         column;
  void      (*check_loaded) (CjmDocument *document);
} FileCase;

#define DOCTYPE_MESSAGE  "contains a document type declaration (DOCTYPE), which journey maps never use"
#define BINARY_MESSAGE   "This is a compressed or binary file, not a journey map."
#define CHAR_MESSAGE     "contains a character that is not allowed in a journey map"
#define NUL_MESSAGE      "contains a NUL byte, which text files never do"
#define ENCODING_MESSAGE "declares an encoding other than UTF-8"
#define NAMESPACE_MESSAGE "is not in Reiskaart’s namespace “urn:reiskaart:cjm:1”"

static const FileCase file_cases[] = {
  /* controls: these must load */
  { "/hostile/control/valid-base", "valid-base.cjm", LOADS, NULL, 0, 0, check_base_title },
  { "/hostile/control/foreign-extensions", "foreign-extensions-load.cjm", LOADS, NULL, 0, 0,
    check_extensions },
  { "/hostile/control/doctype-in-comment", "doctype-in-comment-loads.cjm", LOADS, NULL, 0, 0, NULL },
  { "/hostile/control/predefined-entities", "entity-predefined-loads.cjm", LOADS, NULL, 0, 0,
    check_predefined_entities },

  /* entities and DTDs: refused by the byte pre-scan at the DOCTYPE */
  { "/hostile/entity/billion-laughs", "entity-billion-laughs.cjm",
    CJM_IO_ERROR_UNSAFE, DOCTYPE_MESSAGE, 2, 1, NULL },
  { "/hostile/entity/quadratic-blowup", "entity-quadratic-blowup.cjm",
    CJM_IO_ERROR_UNSAFE, DOCTYPE_MESSAGE, 2, 1, NULL },
  { "/hostile/entity/external-file", "entity-external-file.cjm",
    CJM_IO_ERROR_UNSAFE, DOCTYPE_MESSAGE, 2, 1, NULL },
  { "/hostile/entity/external-http", "entity-external-http.cjm",
    CJM_IO_ERROR_UNSAFE, DOCTYPE_MESSAGE, 2, 1, NULL },
  { "/hostile/entity/parameter", "entity-parameter.cjm",
    CJM_IO_ERROR_UNSAFE, DOCTYPE_MESSAGE, 2, 1, NULL },
  /* the location is the “&” that starts the reference */
  { "/hostile/entity/undeclared", "entity-undeclared.cjm",
    CJM_IO_ERROR_UNSAFE, "refers to an entity", 3, 16, NULL },
  { "/hostile/dtd/external-system", "dtd-external-system.cjm",
    CJM_IO_ERROR_UNSAFE, DOCTYPE_MESSAGE, 2, 1, NULL },
  { "/hostile/dtd/doctype-name-only", "doctype-name-only.cjm",
    CJM_IO_ERROR_UNSAFE, DOCTYPE_MESSAGE, 2, 1, NULL },
  { "/hostile/xinclude/in-root-kept-inert", "xinclude-in-root-kept-inert.cjm", LOADS, NULL, 0, 0,
    check_xinclude_inert },
  { "/hostile/xinclude/in-title", "xinclude-in-title.cjm",
    CJM_IO_ERROR_INVALID, "“title” may contain only text, not “include”.", 3, 10, NULL },

  /* the byte pre-scan must see markup after a processing instruction */
  { "/hostile/prescan/pi-hides-doctype", "prescan-pi-hides-doctype.cjm",
    CJM_IO_ERROR_UNSAFE, DOCTYPE_MESSAGE, 3, 1, NULL },
  { "/hostile/prescan/pi-hides-attributes", "prescan-pi-hides-attributes.cjm",
    CJM_IO_ERROR_TOO_LARGE, "An element has more than 64 attributes", 3, 1, NULL },

  /* bytes and encodings */
  { "/hostile/bytes/gzip", "compressed-gzip-valid-map.cjm",
    CJM_IO_ERROR_NOT_A_MAP, BINARY_MESSAGE, ANY, ANY, NULL },
  { "/hostile/bytes/zip", "compressed-zip-valid-map.cjm",
    CJM_IO_ERROR_NOT_A_MAP, BINARY_MESSAGE, ANY, ANY, NULL },
  { "/hostile/bytes/png-header", "binary-png-header.cjm",
    CJM_IO_ERROR_NOT_A_MAP, BINARY_MESSAGE, ANY, ANY, NULL },
  { "/hostile/bytes/empty", "empty.cjm",
    CJM_IO_ERROR_NOT_A_MAP, "The file is empty.", ANY, ANY, NULL },
  { "/hostile/bytes/whitespace-only", "whitespace-only.cjm",
    CJM_IO_ERROR_NOT_A_MAP, "The file contains no journey map.", ANY, ANY, NULL },
  { "/hostile/bytes/nul-in-middle", "bytes-nul-in-middle.cjm",
    CJM_IO_ERROR_ENCODING, NUL_MESSAGE, 3, 16, NULL },
  /* a file of zero bytes, as a crash can leave behind, is damaged, not UTF-16 */
  { "/hostile/bytes/all-nul", "bytes-all-nul.cjm",
    CJM_IO_ERROR_ENCODING, NUL_MESSAGE, 1, 1, NULL },
  { "/hostile/bytes/truncated-mid-element", "truncated-mid-element.cjm",
    CJM_IO_ERROR_MALFORMED, "The file ends before the map is complete", 27, 46, NULL },
  { "/hostile/bytes/trailing-junk", "trailing-junk.cjm",
    CJM_IO_ERROR_MALFORMED, "There is more text after the end of the map", 37, 1, NULL },
  { "/hostile/bytes/trailing-junk-nul", "trailing-junk-nul.cjm",
    CJM_IO_ERROR_ENCODING, NUL_MESSAGE, 37, 1, NULL },
  { "/hostile/encoding/utf16le-bom", "encoding-utf16le-bom.cjm",
    CJM_IO_ERROR_ENCODING, "The file is stored as UTF-16; journey maps must be UTF-8 text.", ANY, ANY, NULL },
  { "/hostile/encoding/utf16be-bom", "encoding-utf16be-bom.cjm",
    CJM_IO_ERROR_ENCODING, "The file is stored as UTF-16; journey maps must be UTF-8 text.", ANY, ANY, NULL },
  { "/hostile/encoding/utf8-bom", "encoding-utf8-bom-loads.cjm", LOADS, NULL, 0, 0, check_base_title },
  { "/hostile/encoding/latin1-bytes", "encoding-latin1-bytes.cjm",
    CJM_IO_ERROR_ENCODING, "is not valid UTF-8 text", 3, 13, NULL },
  { "/hostile/encoding/declared-iso-8859-1", "encoding-declared-iso-8859-1.cjm",
    CJM_IO_ERROR_ENCODING, ENCODING_MESSAGE, ANY, ANY, NULL },
  { "/hostile/encoding/declared-utf-16", "encoding-declared-utf-16.cjm",
    CJM_IO_ERROR_ENCODING, ENCODING_MESSAGE, 1, ANY, NULL },
  /* characters XML does not allow are an encoding problem (cjm-io-error.h) */
  { "/hostile/encoding/control-raw-01", "control-char-raw-01.cjm",
    CJM_IO_ERROR_ENCODING, CHAR_MESSAGE, 3, 14, NULL },
  { "/hostile/encoding/control-raw-1b", "control-char-raw-1b.cjm",
    CJM_IO_ERROR_ENCODING, CHAR_MESSAGE, 3, 16, NULL },
  { "/hostile/encoding/control-ref-01", "control-char-ref-01.cjm",
    CJM_IO_ERROR_ENCODING, CHAR_MESSAGE, 3, 14, NULL },
  { "/hostile/encoding/control-ref-1b", "control-char-ref-1b.cjm",
    CJM_IO_ERROR_ENCODING, CHAR_MESSAGE, 3, 16, NULL },

  /* root and version */
  { "/hostile/root/wrong-element", "root-wrong-element.cjm",
    CJM_IO_ERROR_NOT_A_MAP, "This is an XML file, but not a journey map.", 2, 1, NULL },
  { "/hostile/root/no-namespace", "root-no-namespace.cjm",
    CJM_IO_ERROR_NOT_A_MAP, NAMESPACE_MESSAGE, 2, 1, NULL },
  { "/hostile/root/other-namespace", "root-other-namespace.cjm",
    CJM_IO_ERROR_NOT_A_MAP, NAMESPACE_MESSAGE, 2, 1, NULL },
  { "/hostile/version/2", "version-2.cjm",
    CJM_IO_ERROR_NEWER_VERSION, "saved by a newer version of Reiskaart (format 2)", 2, 42, NULL },
  { "/hostile/version/missing", "version-missing.cjm",
    CJM_IO_ERROR_INVALID, "The map does not say which format version it uses.", 2, 1, NULL },
  { "/hostile/version/abc", "version-abc.cjm",
    CJM_IO_ERROR_INVALID, "“abc” is not a format version.", 2, 42, NULL },

  /* references and placement */
  { "/hostile/ref/duplicate-id", "id-duplicate.cjm",
    CJM_IO_ERROR_INVALID, "The id “ph1” is used twice.", 30, 17, NULL },
  { "/hostile/ref/dangling-phase", "ref-dangling-phase.cjm",
    CJM_IO_ERROR_INVALID, "“no-such-phase” is not the id of any phase in this map.", 27, 26, NULL },
  { "/hostile/ref/wrong-kind", "ref-wrong-kind-lane-is-phase.cjm",
    CJM_IO_ERROR_INVALID, "“ph1” is not the id of any lane in this map.", 27, 38, NULL },
  { "/hostile/ref/touchpoint-in-notes-lane", "placement-touchpoint-in-notes-lane.cjm",
    CJM_IO_ERROR_INVALID, "A touchpoint can only be placed in a touchpoints lane.", 27, 38, NULL },
  { "/hostile/ref/card-in-emotion-lane", "placement-card-in-emotion-lane.cjm",
    CJM_IO_ERROR_INVALID, "A card cannot be placed in a touchpoints or emotion lane.", 32, 34, NULL },
  { "/hostile/ref/emotion-out-of-scale", "emotion-out-of-scale.cjm",
    CJM_IO_ERROR_INVALID, "The emotion 5 lies outside the map’s scale from -2 to 2.", 27, 53, NULL },
  /* a start tag over several lines: the location is the attribute's own line */
  { "/hostile/ref/multi-line-start-tag", "location-multiline-start-tag.cjm",
    CJM_IO_ERROR_INVALID, "“no-such-phase” is not the id of any phase in this map.", 28, 17, NULL },

  /* numbers */
  { "/hostile/number/nan-width", "number-nan-width.cjm",
    CJM_IO_ERROR_INVALID, "The value “NaN” of “width” must be a number from 60 to 4000", 11, 21, NULL },
  { "/hostile/number/inf-width", "number-inf-width.cjm",
    CJM_IO_ERROR_INVALID, "The value “inf” of “width” must be a number from 60 to 4000", 11, 21, NULL },
  { "/hostile/number/1e309-at", "number-1e309-at.cjm",
    CJM_IO_ERROR_INVALID, "The value “1e309” of “at” must be a number from 0 to 1", 33, 26, NULL },
  { "/hostile/number/negative-zero-at", "number-negative-zero-at-loads.cjm", LOADS, NULL, 0, 0,
    check_negative_zero },
  { "/hostile/number/hex-value", "number-hex-value.cjm",
    CJM_IO_ERROR_INVALID, "The value “0x10” of “value” must be a number from -10 to 10", 33, 35, NULL },
  { "/hostile/number/comma-value", "number-comma-value.cjm",
    CJM_IO_ERROR_INVALID, "The value “1,5” of “value” must be a number from -10 to 10, written with a decimal point.",
    33, 35, NULL },
  { "/hostile/number/scale-min-equals-max", "scale-min-equals-max.cjm",
    CJM_IO_ERROR_INVALID, "The lowest point of the emotion scale must lie below the highest.", 4, 3, NULL },

  /* elements and attributes */
  { "/hostile/element/unknown-in-our-namespace", "unknown-element-our-namespace.cjm",
    CJM_IO_ERROR_INVALID, "The element “colour” is not part of the journey map format.", 4, 3, NULL },
  { "/hostile/element/no-namespace", "element-no-namespace.cjm",
    CJM_IO_ERROR_INVALID, "The element “remark” is not part of the journey map format.", 29, 7, NULL },
  { "/hostile/element/unknown-attribute", "unknown-attribute.cjm",
    CJM_IO_ERROR_INVALID, "The attribute “colour” is not allowed on a touchpoint.", 27, 65, NULL },
  /* the location is the start of the offending tag or attribute */
  { "/hostile/element/undeclared-prefix", "namespace-prefix-undeclared.cjm",
    CJM_IO_ERROR_MALFORMED, "uses a namespace prefix that it never declares", 4, 3, NULL },
  { "/hostile/element/duplicate-attribute", "attribute-duplicate.cjm",
    CJM_IO_ERROR_MALFORMED, "An attribute appears twice on the same element", 27, 65, NULL },
};

static void
test_file_case (gconstpointer data)
{
  const FileCase *c = data;
  g_autoptr(GBytes) bytes = read_data (c->file);

  check_bytes_case (bytes, c->code, c->message, c->line, c->column, c->check_loaded);
}

/* A file added to data/hostile without a case would test nothing. */
static void
test_every_file_has_a_case (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "hostile", NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (file_cases) && !found; i++)
        found = strcmp (file_cases[i].file, name) == 0;
      if (!found)
        {
          g_test_message ("%s has no test case", name);
          g_test_fail ();
        }
    }
}

/* Generated: entities too big to commit ---------------------------------- */

static void
test_quadratic_blowup_full_size (void)
{
  /* a 50 kB entity used 20,000 times: 1 GB once expanded */
  GString *text = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                "<!DOCTYPE journey-map [\n  <!ENTITY a \"");
  g_autoptr(GBytes) bytes = NULL;

  for (int i = 0; i < 50000; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "\">\n]>\n<journey-map xmlns=\"urn:reiskaart:cjm:1\" version=\"1\">\n  <title>");
  for (int i = 0; i < 20000; i++)
    g_string_append (text, "&a;");
  g_string_append (text, "</title>\n</journey-map>\n");
  bytes = bytes_take_string (text);

  check_bytes_case (bytes, CJM_IO_ERROR_UNSAFE, DOCTYPE_MESSAGE, 2, 1, NULL);
}

/* The same bombs hidden from the pre-scan, so that libxml2 itself parses the
 * DTD: its safe options must still keep them harmless. */
static GBytes *
hidden_doctype (const char *subset,
                const char *title)
{
  GString *text = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?note <!-- ?>\n");

  g_string_append_printf (text, "<!DOCTYPE journey-map [\n%s]>\n"
                          "<journey-map xmlns=\"urn:reiskaart:cjm:1\" version=\"1\">\n"
                          "  <title>%s</title>\n  <!-- -->\n</journey-map>\n", subset, title);
  return bytes_take_string (text);
}

static void
test_hidden_billion_laughs (void)
{
  GString *subset = g_string_new ("  <!ENTITY l0 \"lol\">\n");
  g_autoptr(GBytes) bytes = NULL;

  for (int i = 1; i < 10; i++)
    {
      g_string_append_printf (subset, "  <!ENTITY l%d \"", i);
      for (int j = 0; j < 10; j++)
        g_string_append_printf (subset, "&l%d;", i - 1);
      g_string_append (subset, "\">\n");
    }
  bytes = hidden_doctype (subset->str, "&l9;");
  g_string_free (subset, TRUE);

  check_bytes_case (bytes, CJM_IO_ERROR_UNSAFE, DOCTYPE_MESSAGE, ANY, ANY, NULL);
}

static void
test_hidden_quadratic_blowup (void)
{
  GString *subset = g_string_new ("  <!ENTITY a \"");
  GString *title = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;

  for (int i = 0; i < 50000; i++)
    g_string_append_c (subset, 'x');
  g_string_append (subset, "\">\n");
  for (int i = 0; i < 20000; i++)
    g_string_append (title, "&a;");
  bytes = hidden_doctype (subset->str, title->str);
  g_string_free (subset, TRUE);
  g_string_free (title, TRUE);

  check_bytes_case (bytes, CJM_IO_ERROR_UNSAFE, DOCTYPE_MESSAGE, ANY, ANY, NULL);
}

/* Generated: limits -------------------------------------------------------- */

#define MAP_START "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
                  "<journey-map xmlns=\"urn:reiskaart:cjm:1\" version=\"1\">\n" \
                  "  <title>Limits</title>\n"

static void
test_nesting_100000 (void)
{
  GString *text = g_string_new (MAP_START "<x:d xmlns:x=\"urn:example:deep\">");
  g_autoptr(GBytes) bytes = NULL;

  for (int i = 1; i < 100000; i++)
    g_string_append (text, "<x:d>");
  for (int i = 0; i < 100000; i++)
    g_string_append (text, "</x:d>");
  g_string_append (text, "\n</journey-map>\n");
  bytes = bytes_take_string (text);

  /* the same limit and sentence as 33 levels, however deep it goes */
  check_bytes_case (bytes, CJM_IO_ERROR_TOO_LARGE, "nests elements more than 32 levels deep", 4, ANY, NULL);
}

/* @levels foreign elements nested below the root, one per line and
 * indented by level, so that level k starts on line 3 + k, column 2k + 1. */
static GBytes *
nested_map (int         levels,
            const char *innermost)
{
  GString *text = g_string_new (MAP_START);

  for (int k = 1; k <= levels; k++)
    {
      for (int i = 0; i < k; i++)
        g_string_append (text, "  ");
      g_string_append (text, k == 1 ? "<x:d xmlns:x=\"urn:example:deep\">" : "<x:d>");
      g_string_append (text, k == levels ? innermost : "\n");
    }
  for (int k = levels; k >= 1; k--)
    {
      if (k != levels)
        for (int i = 0; i < k; i++)
          g_string_append (text, "  ");
      g_string_append (text, "</x:d>\n");
    }
  g_string_append (text, "</journey-map>\n");
  return bytes_take_string (text);
}

static void
test_nesting_32_loads (void)
{
  g_autoptr(GBytes) bytes = nested_map (32, "");

  check_bytes_case (bytes, LOADS, NULL, 0, 0, NULL);
}

static void
test_nesting_32_with_text_loads (void)
{
  /* text inside the 32nd level is not a 33rd level of elements */
  g_autoptr(GBytes) bytes = nested_map (32, "some text");

  check_bytes_case (bytes, LOADS, NULL, 0, 0, NULL);
}

static void
test_nesting_33 (void)
{
  g_autoptr(GBytes) bytes = nested_map (33, "");

  check_bytes_case (bytes, CJM_IO_ERROR_TOO_LARGE,
                    "The file nests elements more than 32 levels deep, which no journey map needs.",
                    3 + 33, 2 * 33 + 1, NULL);
}

/* One element more than allowed: the root, the title and a wrapper are
 * elements 1-3; element k >= 4 stands alone on line k + 1. */
static GBytes *
many_elements (const char *element)
{
  GString *text = g_string_new (MAP_START "<x:w xmlns:x=\"urn:example:bulk\">\n");

  for (int k = 4; k <= CJM_MAX_ELEMENTS + 1; k++)
    {
      g_string_append (text, element);
      g_string_append_c (text, '\n');
    }
  g_string_append (text, "</x:w>\n</journey-map>\n");
  return bytes_take_string (text);
}

static void
test_too_many_elements (void)
{
  g_autoptr(GBytes) bytes = many_elements ("<x:e/>");

  check_bytes_case (bytes, CJM_IO_ERROR_TOO_LARGE, "The file has more than 500000 elements",
                    CJM_MAX_ELEMENTS + 2, 1, NULL);
}

static void
test_too_many_elements_colon_names (void)
{
  /* “:e” is an XML name too; the parser builds every one of them */
  g_autoptr(GBytes) bytes = many_elements ("<:e/>");

  check_bytes_case (bytes, CJM_IO_ERROR_TOO_LARGE, "The file has more than 500000 elements",
                    CJM_MAX_ELEMENTS + 2, 1, NULL);
}

static void
test_attributes_100000 (void)
{
  /* libxml2 2.9 checks duplicates in quadratic time: ~18 s if it got here */
  GString *text = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                "<journey-map xmlns=\"urn:reiskaart:cjm:1\" version=\"1\"");
  g_autoptr(GBytes) bytes = NULL;

  for (int i = 0; i < 100000; i++)
    g_string_append_printf (text, " a%d=\"1\"", i);
  g_string_append (text, ">\n  <title>Attributes</title>\n</journey-map>\n");
  bytes = bytes_take_string (text);

  check_bytes_case (bytes, CJM_IO_ERROR_TOO_LARGE,
                    "An element has more than 64 attributes, which no journey map needs.", 2, 1, NULL);
}

static void
test_text_2mib (void)
{
  g_autofree char *base = base_map ();
  g_autofree char *big = g_strnfill (2 * 1024 * 1024, 'x');
  g_autofree char *text = replace_once (base, "Hostile input test", big);
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  check_bytes_case (bytes, CJM_IO_ERROR_TOO_LARGE,
                    "The text of “title” is longer than 1 MB, which no journey map needs.", 3, 3, NULL);
}

static void
test_attribute_2mib (void)
{
  g_autofree char *base = base_map ();
  g_autofree char *big = g_strnfill (2 * 1024 * 1024, 'o');
  g_autofree char *attribute = g_strconcat ("emotion=\"1\" owner=\"", big, "\"", NULL);
  g_autofree char *text = replace_once (base, "emotion=\"1\"", attribute);
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  check_bytes_case (bytes, CJM_IO_ERROR_TOO_LARGE, "“owner” is longer than 1 MB", 27, 65, NULL);
}

static void
test_text_1mib_loads_intact (void)
{
  g_autofree char *base = base_map ();
  g_autofree char *big = g_strnfill (CJM_MAX_TEXT_LENGTH, 'x');
  g_autofree char *text = replace_once (base, "Hostile input test", big);
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(CjmDocument) document = NULL;
  CjmLocation location;
  gint64 elapsed;

  /* the limit itself is allowed, and then kept whole, not cut short */
  document = load_bytes_timed (bytes, &location, &elapsed, &error);
  check_outcome (document, error, &location, elapsed, CJM_IO_ERROR, LOADS, NULL, 0, 0);
  if (document != NULL)
    g_assert_cmpuint (strlen (cjm_map_get_title (map_of (document))), ==, CJM_MAX_TEXT_LENGTH);
}

/* Generated: numbers ------------------------------------------------------- */

typedef struct
{
  const char *path;
  const char *attribute;   /* in the base map: width="280", at="0.5" or value="1" */
  const char *value;
} NumberCase;

static const char * const number_values[] = { "NaN", "inf", "1e309", "-0", "0x10", "1,5" };
static const char * const number_slugs[] = { "nan", "inf", "1e309", "negative-zero", "hex", "comma" };

static void
test_number (gconstpointer data)
{
  const NumberCase *c = data;
  g_autofree char *base = base_map ();
  g_autofree char *old = NULL;
  g_autofree char *replacement = NULL;
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gboolean negative_zero = strcmp (c->value, "-0") == 0;

  if (strcmp (c->attribute, "width") == 0)
    {
      old = g_strdup ("width=\"280\"");
      replacement = g_strdup_printf ("width=\"%s\"", c->value);
      message = g_strdup_printf ("The value “%s” of “width” must be a number from 60 to 4000, "
                                 "written with a decimal point.", c->value);
      text = replace_once (base, old, replacement);
      bytes = g_bytes_new (text, strlen (text));
      check_bytes_case (bytes, CJM_IO_ERROR_INVALID, message, 11, 21, NULL);
    }
  else if (strcmp (c->attribute, "at") == 0)
    {
      old = g_strdup ("at=\"0.5\"");
      replacement = g_strdup_printf ("at=\"%s\"", c->value);
      message = g_strdup_printf ("The value “%s” of “at” must be a number from 0 to 1, "
                                 "written with a decimal point.", c->value);
      text = replace_once (base, old, replacement);
      bytes = g_bytes_new (text, strlen (text));
      if (negative_zero)
        check_bytes_case (bytes, LOADS, NULL, 0, 0, check_negative_zero);
      else
        check_bytes_case (bytes, CJM_IO_ERROR_INVALID, message, 33, 26, NULL);
    }
  else
    {
      old = g_strdup ("value=\"1\"/>");
      replacement = g_strdup_printf ("value=\"%s\"/>", c->value);
      message = g_strdup_printf ("The value “%s” of “value” must be a number from -10 to 10, "
                                 "written with a decimal point.", c->value);
      text = replace_once (base, old, replacement);
      bytes = g_bytes_new (text, strlen (text));
      if (negative_zero)
        check_bytes_case (bytes, LOADS, NULL, 0, 0, NULL);
      else
        check_bytes_case (bytes, CJM_IO_ERROR_INVALID, message, 33, 35, NULL);
    }
}

/* Files on disk -------------------------------------------------------------- */

typedef struct
{
  char *dir;
} Scratch;

static void
scratch_setup (Scratch       *scratch,
               gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;

  scratch->dir = g_dir_make_tmp ("cjm-hostile-XXXXXX", &error);
  if (scratch->dir == NULL)
    g_error ("cannot make a scratch folder: %s", error->message);
}

static void
scratch_teardown (Scratch       *scratch,
                  gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GDir) dir = g_dir_open (scratch->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (scratch->dir, name, NULL);

      if (g_rmdir (path) != 0)
        g_unlink (path);
    }
  g_rmdir (scratch->dir);
  g_free (scratch->dir);
}

static void
check_file_case (const char *path,
                 GQuark      domain,
                 int         code,
                 const char *message)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CjmDocument) document = NULL;
  CjmLocation location = { -1, -1 };
  gint64 elapsed;

  document = load_file_timed (file, &location, &elapsed, &error);
  /* problems with the file as a whole have no line */
  check_outcome (document, error, &location, elapsed, domain, code, message, 0, 0);
}

static void
test_file_valid (Scratch       *scratch G_GNUC_UNUSED,
                 gconstpointer  data G_GNUC_UNUSED)
{
  g_autofree char *path = data_path ("valid-base.cjm");

  check_file_case (path, CJM_IO_ERROR, LOADS, NULL);
}

static void
test_file_non_utf8_name (Scratch       *scratch,
                         gconstpointer  data G_GNUC_UNUSED)
{
  g_autofree char *base = base_map ();
  g_autofree char *path = g_build_filename (scratch->dir, "kaart-caf\xe9.cjm", NULL);

  g_assert_true (g_file_set_contents (path, base, -1, NULL));
  check_file_case (path, CJM_IO_ERROR, LOADS, NULL);
}

static void
test_file_directory (Scratch       *scratch,
                     gconstpointer  data G_GNUC_UNUSED)
{
  check_file_case (scratch->dir, CJM_IO_ERROR, CJM_IO_ERROR_NOT_REGULAR,
                   "This is a folder, not a journey map.");
}

static void
test_file_fifo (Scratch       *scratch,
                gconstpointer  data G_GNUC_UNUSED)
{
  g_autofree char *path = g_build_filename (scratch->dir, "pipe.cjm", NULL);

  /* opening it would block forever: nobody writes */
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  check_file_case (path, CJM_IO_ERROR, CJM_IO_ERROR_NOT_REGULAR,
                   "This is not an ordinary file, so it cannot be a journey map.");
}

static void
test_file_dev_zero_symlink (Scratch       *scratch,
                            gconstpointer  data G_GNUC_UNUSED)
{
  g_autofree char *path = g_build_filename (scratch->dir, "zero.cjm", NULL);

  g_assert_cmpint (symlink ("/dev/zero", path), ==, 0);
  check_file_case (path, CJM_IO_ERROR, CJM_IO_ERROR_NOT_REGULAR,
                   "This is not an ordinary file, so it cannot be a journey map.");
}

static void
test_file_unreadable (Scratch       *scratch,
                      gconstpointer  data G_GNUC_UNUSED)
{
  g_autofree char *base = base_map ();
  g_autofree char *path = g_build_filename (scratch->dir, "secret.cjm", NULL);

  if (geteuid () == 0)
    {
      g_test_skip ("running as root, which can read a file with mode 000");
      return;
    }
  g_assert_true (g_file_set_contents (path, base, -1, NULL));
  g_assert_cmpint (g_chmod (path, 0), ==, 0);
  check_file_case (path, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   "You do not have permission to read this file.");
  g_chmod (path, 0600);
}

static void
test_file_missing (Scratch       *scratch,
                   gconstpointer  data G_GNUC_UNUSED)
{
  g_autofree char *path = g_build_filename (scratch->dir, "gone.cjm", NULL);

  check_file_case (path, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "The file does not exist; it may have been moved or deleted.");
}

static void
check_sparse (Scratch *scratch,
              gint64   size)
{
  g_autofree char *path = g_build_filename (scratch->dir, "huge.cjm", NULL);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  /* holes only: nothing is written, nothing may be read */
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) size), ==, 0);
  g_close (fd, NULL);

  check_file_case (path, CJM_IO_ERROR, CJM_IO_ERROR_TOO_LARGE,
                   "The file is larger than 32 MB, which is more than any journey map needs.");
}

static void
test_file_over_size (Scratch       *scratch,
                     gconstpointer  data G_GNUC_UNUSED)
{
  check_sparse (scratch, (gint64) CJM_MAX_FILE_SIZE + 1);
}

static void
test_file_5_gib (Scratch       *scratch,
                 gconstpointer  data G_GNUC_UNUSED)
{
  check_sparse (scratch, G_GINT64_CONSTANT (5) * 1024 * 1024 * 1024);
}

/* Nothing outside the file is opened or fetched -------------------------- */

/* A canary file watched with inotify and a TCP listener on 127.0.0.1: the
 * hostile file names both, and neither may be touched. */
typedef struct
{
  char            *dir;
  char            *canary;
  char            *canary_uri;
  char            *http;
  guint16          port;
  GSocket         *socket;
  GSocketListener *listener;
  int              inotify_fd;
  guint            connections;
} Trap;

static void
trap_setup (Trap          *trap,
            gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  trap->dir = g_dir_make_tmp ("cjm-canary-XXXXXX", &error);
  if (trap->dir == NULL)
    g_error ("cannot make a scratch folder: %s", error->message);
  trap->canary = g_build_filename (trap->dir, "canary.txt", NULL);
  if (!g_file_set_contents (trap->canary, "canary: a journey map never reads this\n", -1, &error))
    g_error ("cannot write the canary: %s", error->message);
  trap->canary_uri = g_filename_to_uri (trap->canary, NULL, NULL);

  /* watched only after writing it, so our own write does not count */
  trap->inotify_fd = inotify_init1 (IN_NONBLOCK | IN_CLOEXEC);
  if (trap->inotify_fd < 0
      || inotify_add_watch (trap->inotify_fd, trap->canary, IN_OPEN | IN_ACCESS) < 0)
    g_error ("cannot watch the canary: %s", g_strerror (errno));

  trap->socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                               G_SOCKET_PROTOCOL_TCP, &error);
  if (trap->socket == NULL
      || !g_socket_bind (trap->socket, address, FALSE, &error)
      || !g_socket_listen (trap->socket, &error))
    g_error ("cannot listen on 127.0.0.1: %s", error->message);
  g_socket_set_blocking (trap->socket, FALSE);
  trap->listener = g_socket_listener_new ();
  if (!g_socket_listener_add_socket (trap->listener, trap->socket, NULL, &error))
    g_error ("cannot add the socket to the listener: %s", error->message);
  bound = g_socket_get_local_address (trap->socket, &error);
  if (bound == NULL)
    g_error ("cannot find the listening port: %s", error->message);
  trap->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  trap->http = g_strdup_printf ("http://127.0.0.1:%u/", trap->port);
}

static void
trap_teardown (Trap          *trap,
               gconstpointer  data G_GNUC_UNUSED)
{
  g_socket_listener_close (trap->listener);
  g_clear_object (&trap->listener);
  g_clear_object (&trap->socket);
  close (trap->inotify_fd);
  g_unlink (trap->canary);
  g_rmdir (trap->dir);
  g_free (trap->canary);
  g_free (trap->canary_uri);
  g_free (trap->http);
  g_free (trap->dir);
}

/* Accepts and closes whatever connected, without waiting. */
static void
trap_accept (Trap *trap)
{
  for (;;)
    {
      g_autoptr(GSocket) client = g_socket_accept (trap->socket, NULL, NULL);

      if (client == NULL)
        return;
      trap->connections++;
      g_socket_close (client, NULL);
    }
}

static guint
trap_canary_events (Trap *trap)
{
  char buffer[4096] __attribute__ ((aligned (__alignof__ (struct inotify_event))));
  guint events = 0;
  ssize_t length;

  while ((length = read (trap->inotify_fd, buffer, sizeof buffer)) > 0)
    for (char *p = buffer; p < buffer + length; )
      {
        const struct inotify_event *event = (const struct inotify_event *) p;

        g_test_message ("canary event 0x%x", event->mask);
        events++;
        p += sizeof (struct inotify_event) + event->len;
      }
  return events;
}

typedef struct
{
  Trap        *trap;
  GBytes      *bytes;   /* NULL: touch the canary and the listener instead */
  CjmDocument *document;
  CjmLocation  location;
  GError      *error;
  gint64       elapsed;
  int          done;
} Job;

static gpointer
job_run (gpointer data)
{
  Job *job = data;
  gint64 start = g_get_monotonic_time ();

  if (job->bytes != NULL)
    {
      job->document = cjm_reader_load_bytes (job->bytes, &job->location, &job->error);
    }
  else
    {
      g_autoptr(GSocketClient) client = g_socket_client_new ();
      g_autoptr(GSocketConnection) connection = NULL;
      g_autofree char *contents = NULL;

      g_file_get_contents (job->trap->canary, &contents, NULL, NULL);
      connection = g_socket_client_connect_to_host (client, "127.0.0.1", job->trap->port, NULL, NULL);
      if (connection != NULL)
        g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
    }
  job->elapsed = g_get_monotonic_time () - start;
  g_atomic_int_set (&job->done, 1);
  return NULL;
}

/* Runs the job in a thread while this one closes any connection at once, so
 * that a fetch fails fast instead of hanging the suite; then looks once more
 * without blocking. */
static void
trap_run (Trap *trap,
          Job  *job)
{
  GThread *thread;

  job->trap = trap;
  thread = g_thread_new ("hostile-load", job_run, job);
  while (!g_atomic_int_get (&job->done))
    {
      g_socket_condition_timed_wait (trap->socket, G_IO_IN, 10000, NULL, NULL);
      trap_accept (trap);
    }
  g_thread_join (thread);
  trap_accept (trap);
}

static void
test_trap_self_test (Trap          *trap,
                     gconstpointer  data G_GNUC_UNUSED)
{
  Job job = { 0 };

  /* the detectors must see a real read and a real connection */
  trap_run (trap, &job);
  g_assert_cmpuint (trap_canary_events (trap), >, 0);
  g_assert_cmpuint (trap->connections, ==, 1);
}

typedef struct
{
  const char *path;
  const char *text;   /* @FILE@: the canary's URI, @PATH@: its path, @HTTP@: the listener */
  int         code;
  const char *message;
  int         line;
  int         column;
} TrapCase;

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define ROOT     "<journey-map xmlns=\"urn:reiskaart:cjm:1\" version=\"1\">\n"

static const TrapCase trap_cases[] = {
  { "/hostile/fetch/external-entity-file",
    XML_DECL
    "<!DOCTYPE journey-map [\n"
    "  <!ENTITY uri SYSTEM \"@FILE@\">\n"
    "  <!ENTITY path SYSTEM \"@PATH@\">\n"
    "]>\n"
    ROOT
    "  <title>&uri;&path;</title>\n"
    "</journey-map>\n",
    CJM_IO_ERROR_UNSAFE, DOCTYPE_MESSAGE, 2, 1 },
  { "/hostile/fetch/external-entity-http",
    XML_DECL
    "<!DOCTYPE journey-map [\n"
    "  <!ENTITY remote SYSTEM \"@HTTP@entity.txt\">\n"
    "]>\n"
    ROOT
    "  <title>&remote;</title>\n"
    "</journey-map>\n",
    CJM_IO_ERROR_UNSAFE, DOCTYPE_MESSAGE, 2, 1 },
  { "/hostile/fetch/parameter-entity",
    XML_DECL
    "<!DOCTYPE journey-map [\n"
    "  <!ENTITY % local SYSTEM \"@FILE@\">\n"
    "  <!ENTITY % remote SYSTEM \"@HTTP@evil.dtd\">\n"
    "  %local;\n"
    "  %remote;\n"
    "]>\n"
    ROOT
    "  <title>Parameter entities</title>\n"
    "</journey-map>\n",
    CJM_IO_ERROR_UNSAFE, DOCTYPE_MESSAGE, 2, 1 },
  { "/hostile/fetch/external-dtd-http",
    XML_DECL
    "<!DOCTYPE journey-map SYSTEM \"@HTTP@journey-map.dtd\">\n"
    ROOT
    "  <title>External DTD</title>\n"
    "</journey-map>\n",
    CJM_IO_ERROR_UNSAFE, DOCTYPE_MESSAGE, 2, 1 },
  { "/hostile/fetch/external-dtd-file",
    XML_DECL
    "<!DOCTYPE journey-map PUBLIC \"-//Reiskaart//Hostile//EN\" \"@FILE@\">\n"
    ROOT
    "  <title>External DTD</title>\n"
    "</journey-map>\n",
    CJM_IO_ERROR_UNSAFE, DOCTYPE_MESSAGE, 2, 1 },
  { "/hostile/fetch/xinclude-in-root",
    XML_DECL
    ROOT
    "  <title>XInclude</title>\n"
    "  <xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"@FILE@\" parse=\"text\"/>\n"
    "  <xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"@HTTP@part.xml\"/>\n"
    "</journey-map>\n",
    LOADS, NULL, 0, 0 },
  { "/hostile/fetch/xinclude-in-title",
    XML_DECL
    ROOT
    "  <title><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"@HTTP@t.txt\" parse=\"text\"/></title>\n"
    "</journey-map>\n",
    CJM_IO_ERROR_INVALID, "“title” may contain only text, not “include”.", 3, 10 },
  { "/hostile/fetch/stylesheet-and-schema-location",
    XML_DECL
    "<?xml-stylesheet type=\"text/xsl\" href=\"@HTTP@map.xsl\"?>\n"
    "<journey-map xmlns=\"urn:reiskaart:cjm:1\" version=\"1\"\n"
    "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
    "    xsi:schemaLocation=\"urn:reiskaart:cjm:1 @HTTP@cjm.xsd\">\n"
    "  <title>Hints that nothing follows</title>\n"
    "</journey-map>\n",
    LOADS, NULL, 0, 0 },
  /* hidden from the pre-scan, so libxml2 parses the DTD itself */
  { "/hostile/fetch/hidden-doctype",
    XML_DECL
    "<?note <!-- ?>\n"
    "<!DOCTYPE journey-map SYSTEM \"@HTTP@subset.dtd\" [\n"
    "  <!ENTITY uri SYSTEM \"@FILE@\">\n"
    "  <!ENTITY path SYSTEM \"@PATH@\">\n"
    "  <!ENTITY remote SYSTEM \"@HTTP@entity.txt\">\n"
    "  <!ENTITY % local SYSTEM \"@FILE@\">\n"
    "  <!ENTITY % far SYSTEM \"@HTTP@evil.dtd\">\n"
    "  %local;\n"
    "  %far;\n"
    "]>\n"
    ROOT
    "  <title>&uri;&path;&remote;</title>\n"
    "  <!-- -->\n"
    "</journey-map>\n",
    CJM_IO_ERROR_UNSAFE, DOCTYPE_MESSAGE, ANY, ANY },
};

static void
test_trap_case (Trap          *trap,
                gconstpointer  data)
{
  const TrapCase *c = data;
  g_autoptr(GString) text = g_string_new (c->text);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CjmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  Job job = { 0 };

  g_string_replace (text, "@FILE@", trap->canary_uri, 0);
  g_string_replace (text, "@PATH@", trap->canary, 0);
  g_string_replace (text, "@HTTP@", trap->http, 0);
  bytes = g_bytes_new (text->str, text->len);

  job.bytes = bytes;
  trap_run (trap, &job);
  document = job.document;
  error = job.error;

  check_outcome (document, error, &job.location, job.elapsed, CJM_IO_ERROR, c->code, c->message,
                 c->line, c->column);
  g_assert_cmpuint (trap_canary_events (trap), ==, 0);
  g_assert_cmpuint (trap->connections, ==, 0);
}

/* ------------------------------------------------------------------------ */

int
main (int   argc,
      char *argv[])
{
  /* the messages are checked in English */
  setlocale (LC_ALL, "C.UTF-8");
  g_unsetenv ("LANGUAGE");

  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  cjm_reader_init ();

  for (guint i = 0; i < G_N_ELEMENTS (file_cases); i++)
    g_test_add_data_func (file_cases[i].path, &file_cases[i], test_file_case);
  g_test_add_func ("/hostile/control/every-file-has-a-case", test_every_file_has_a_case);

  g_test_add_func ("/hostile/entity/quadratic-blowup-full-size", test_quadratic_blowup_full_size);
  g_test_add_func ("/hostile/prescan/hidden-billion-laughs", test_hidden_billion_laughs);
  g_test_add_func ("/hostile/prescan/hidden-quadratic-blowup", test_hidden_quadratic_blowup);

  g_test_add_func ("/hostile/limits/nesting-100000", test_nesting_100000);
  g_test_add_func ("/hostile/limits/nesting-33", test_nesting_33);
  g_test_add_func ("/hostile/limits/nesting-32-loads", test_nesting_32_loads);
  g_test_add_func ("/hostile/limits/nesting-32-with-text-loads", test_nesting_32_with_text_loads);
  g_test_add_func ("/hostile/limits/too-many-elements", test_too_many_elements);
  g_test_add_func ("/hostile/limits/too-many-elements-colon-names", test_too_many_elements_colon_names);
  g_test_add_func ("/hostile/limits/attributes-100000", test_attributes_100000);
  g_test_add_func ("/hostile/limits/text-2mib", test_text_2mib);
  g_test_add_func ("/hostile/limits/attribute-2mib", test_attribute_2mib);
  g_test_add_func ("/hostile/limits/text-1mib-loads-intact", test_text_1mib_loads_intact);

  {
    static NumberCase number_cases[3 * G_N_ELEMENTS (number_values)];
    static const char * const attributes[] = { "width", "at", "value" };
    guint n = 0;

    for (guint a = 0; a < G_N_ELEMENTS (attributes); a++)
      for (guint v = 0; v < G_N_ELEMENTS (number_values); v++, n++)
        {
          number_cases[n].attribute = attributes[a];
          number_cases[n].value = number_values[v];
          number_cases[n].path = g_strdup_printf ("/hostile/number/matrix/%s/%s",
                                                  attributes[a], number_slugs[v]);
          g_test_add_data_func (number_cases[n].path, &number_cases[n], test_number);
        }
  }

  g_test_add ("/hostile/file/valid", Scratch, NULL, scratch_setup, test_file_valid, scratch_teardown);
  g_test_add ("/hostile/file/non-utf8-name", Scratch, NULL, scratch_setup, test_file_non_utf8_name,
              scratch_teardown);
  g_test_add ("/hostile/file/directory", Scratch, NULL, scratch_setup, test_file_directory,
              scratch_teardown);
  g_test_add ("/hostile/file/fifo", Scratch, NULL, scratch_setup, test_file_fifo, scratch_teardown);
  g_test_add ("/hostile/file/dev-zero-symlink", Scratch, NULL, scratch_setup,
              test_file_dev_zero_symlink, scratch_teardown);
  g_test_add ("/hostile/file/unreadable", Scratch, NULL, scratch_setup, test_file_unreadable,
              scratch_teardown);
  g_test_add ("/hostile/file/missing", Scratch, NULL, scratch_setup, test_file_missing,
              scratch_teardown);
  g_test_add ("/hostile/file/over-size-sparse", Scratch, NULL, scratch_setup, test_file_over_size,
              scratch_teardown);
  g_test_add ("/hostile/file/5-gib-sparse", Scratch, NULL, scratch_setup, test_file_5_gib,
              scratch_teardown);

  g_test_add ("/hostile/fetch/self-test", Trap, NULL, trap_setup, test_trap_self_test, trap_teardown);
  for (guint i = 0; i < G_N_ELEMENTS (trap_cases); i++)
    g_test_add (trap_cases[i].path, Trap, &trap_cases[i], trap_setup, test_trap_case, trap_teardown);

  return g_test_run ();
}
