/* test-io.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reading and writing .cjm files: canonical round trips of the examples,
 * extensions kept untouched, the version gate, numbers independent of the
 * locale, the writer's sanitiser as a property, and the command line.
 *
 * The same executable also runs as the suite io-nl under a Dutch locale,
 * where printf writes 1,5 for 1.5. */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "cjm-document.h"
#include "cjm-file.h"
#include "cjm-reader.h"
#include "cjm-schema.h"
#include "cjm-writer.h"

#define TEST_NS "urn:reiskaart:cjm:1"

/* Helpers -------------------------------------------------------------- */

static char *
examples_dir (void)
{
  const char *root = g_getenv ("CJM_SOURCE_ROOT");

  if (root != NULL && *root != '\0')
    return g_build_filename (root, "data", "examples", NULL);
  return g_test_build_filename (G_TEST_DIST, "..", "data", "examples", NULL);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The example maps, sorted by name, as full paths. */
static GPtrArray *
list_examples (void)
{
  g_autofree char *dir_path = examples_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  g_assert (dir != NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".cjm"))
      g_ptr_array_add (paths, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (paths, compare_paths);
  g_assert_cmpuint (paths->len, >=, 2);
  return paths;
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
write_bytes (const char *path,
             const char *contents,
             gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static GBytes *
bytes_from_string (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("cjm-io-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* The @n-th line (1-based) of @data, for readable failure messages. */
static char *
nth_line (const char *data,
          gsize       length,
          guint       n)
{
  const char *start = data;
  const char *end = data + length;
  const char *eol;

  for (guint i = 1; i < n && start < end; i++)
    {
      const char *nl = memchr (start, '\n', end - start);

      start = nl != NULL ? nl + 1 : end;
    }
  eol = memchr (start, '\n', end - start);
  return g_utf8_make_valid (start, (eol != NULL ? eol : end) - start);
}

/* Checks byte equality and, when it fails, names the first line that
 * differs instead of two unreadable buffers. A difference fails the test
 * but lets it go on, so that one bug does not hide the next. */
static gboolean
check_same_bytes (GBytes     *expected,
                  GBytes     *actual,
                  const char *what)
{
  gsize expected_length;
  gsize actual_length;
  const char *e = g_bytes_get_data (expected, &expected_length);
  const char *a = g_bytes_get_data (actual, &actual_length);
  g_autofree char *expected_line = NULL;
  g_autofree char *actual_line = NULL;
  gsize i;
  guint line = 1;

  if (expected_length == actual_length && memcmp (e, a, expected_length) == 0)
    return TRUE;

  for (i = 0; i < MIN (expected_length, actual_length) && e[i] == a[i]; i++)
    if (e[i] == '\n')
      line++;
  expected_line = nth_line (e, expected_length, line);
  actual_line = nth_line (a, actual_length, line);
  g_test_message ("FAIL %s: bytes differ at offset %" G_GSIZE_FORMAT ", line %u\n"
                  "  expected: %s\n"
                  "  actual:   %s",
                  what, i, line, expected_line, actual_line);
  g_test_fail ();
  return FALSE;
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return g_strstr_len (data, length, needle) != NULL;
}

/* Loads a map that must load; on failure the test fails and NULL comes
 * back for the caller to stop at. */
static CjmDocument *
load_ok (GBytes     *bytes,
         const char *what)
{
  g_autoptr(GError) error = NULL;
  CjmLocation location = { 0, 0 };
  CjmDocument *document = cjm_reader_load_bytes (bytes, &location, &error);

  if (error != NULL)
    g_test_message ("%s does not load: %d:%d: %s", what, location.line, location.column,
                    error->message);
  g_assert_no_error (error);
  return document;
}

/* A message a person reads: one non-empty line of valid UTF-8 that ends as
 * a sentence. */
static void
assert_sentence (const char *message)
{
  g_assert (message != NULL);
  g_assert_true (g_utf8_validate (message, -1, NULL));
  g_assert_cmpuint (strlen (message), >, 10);
  g_assert_null (strchr (message, '\n'));
  g_assert_null (strchr (message, '\r'));
  g_assert_true (g_str_has_suffix (message, ".") || g_str_has_suffix (message, "!"));
  g_assert_null (strstr (message, "(null)"));
}

static void
set_ok (CjmDocument *document,
        CjmEntity   *target,
        const char  *property,
        ...)
{
  g_autoptr(GError) error = NULL;
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (target), property);
  g_auto(GValue) value = G_VALUE_INIT;
  va_list args;

  g_assert (pspec != NULL);
  g_value_init (&value, pspec->value_type);
  va_start (args, property);
  if (pspec->value_type == G_TYPE_STRING)
    g_value_set_string (&value, va_arg (args, const char *));
  else if (pspec->value_type == G_TYPE_DOUBLE)
    g_value_set_double (&value, va_arg (args, double));
  else if (pspec->value_type == G_TYPE_INT)
    g_value_set_int (&value, va_arg (args, int));
  else if (G_TYPE_IS_ENUM (pspec->value_type))
    g_value_set_enum (&value, va_arg (args, int));
  else
    g_value_set_boxed (&value, va_arg (args, gpointer));
  va_end (args);

  if (!cjm_document_set_value (document, target, property, &value, &error))
    g_error ("setting %s was refused: %s", property, error->message);
}

static void
add_ok (CjmDocument *document,
        gpointer     entity)
{
  g_autoptr(GError) error = NULL;
  const char *type_name = G_OBJECT_TYPE_NAME (entity);

  /* the document owns @entity from here, and releases it on failure */
  if (!cjm_document_add (document, entity, -1, &error))
    g_error ("adding a %s was refused: %s", type_name, error->message);
}

/* A small map with one of everything the sanitiser and number tests
 * need, built only through the document's verbs. */
static CjmDocument *
build_small_map (void)
{
  CjmDocument *document = cjm_document_new ();
  CjmMap *map = cjm_document_get_map (document);
  CjmPhase *phase = cjm_phase_new ("p1");
  CjmLane *touchpoints = cjm_lane_new ("tp-lane");
  CjmLane *notes = cjm_lane_new ("notes");
  CjmPersona *persona = cjm_persona_new ("anna");
  CjmTouchpoint *touchpoint = cjm_touchpoint_new ("tp1");
  CjmCard *card = cjm_card_new ("c1");

  set_ok (document, CJM_ENTITY (map), "title", "A small map");

  g_object_set (phase, "name", "Phase", NULL);
  add_ok (document, phase);
  g_object_set (touchpoints, "name", "Touchpoints", "kind", CJM_LANE_TOUCHPOINTS, NULL);
  add_ok (document, touchpoints);
  g_object_set (notes, "name", "Notes", "kind", CJM_LANE_NOTES, NULL);
  add_ok (document, notes);
  g_object_set (persona, "name", "Anna", NULL);
  add_ok (document, persona);
  g_object_set (touchpoint, "phase", "p1", "lane", "tp-lane", "title", "Touchpoint", NULL);
  add_ok (document, touchpoint);
  g_object_set (card, "phase", "p1", "lane", "notes", "text", "Card", NULL);
  add_ok (document, card);
  return document;
}

/* Examples ------------------------------------------------------------- */

static void
test_examples_round_trip (void)
{
  g_autoptr(GPtrArray) examples = list_examples ();
  g_autofree char *dir = make_temp_dir ();

  for (guint i = 0; i < examples->len; i++)
    {
      const char *path = g_ptr_array_index (examples, i);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *copy_path = g_build_filename (dir, base, NULL);
      g_autoptr(GBytes) original = read_bytes (path);
      g_autoptr(CjmDocument) document = load_ok (original, path);
      g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
      g_autoptr(GBytes) saved = NULL;
      g_autoptr(GBytes) in_memory = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("example %s", base);
      if (document == NULL)
        continue;
      g_assert_cmpuint (cjm_document_count_entities (document), >, 20);

      g_assert_true (cjm_file_save (document, copy, &error));
      g_assert_no_error (error);
      saved = read_bytes (copy_path);
      check_same_bytes (original, saved, base);

      in_memory = cjm_writer_save_to_bytes (document);
      check_same_bytes (original, in_memory, base);
    }
  remove_tree (dir);
}

static void
test_examples_schema (void)
{
  g_autoptr(GPtrArray) examples = list_examples ();

  for (guint i = 0; i < examples->len; i++)
    {
      const char *path = g_ptr_array_index (examples, i);
      g_autoptr(GBytes) original = read_bytes (path);
      g_autoptr(CjmDocument) document = load_ok (original, path);
      g_autoptr(GBytes) saved = document != NULL ? cjm_writer_save_to_bytes (document)
                                                 : g_bytes_ref (original);
      g_autoptr(GError) error = NULL;
      CjmLocation location = { 0, 0 };

      g_assert_true (cjm_schema_validate_bytes (original, &location, &error));
      g_assert_no_error (error);
      g_clear_error (&error);
      g_assert_true (cjm_schema_validate_bytes (saved, &location, &error));
      g_assert_no_error (error);
    }
}

/* The schema is a real second opinion: it refuses what the format forbids. */
static void
test_examples_schema_refuses (void)
{
  g_autoptr(GPtrArray) examples = list_examples ();
  g_autoptr(GBytes) original = read_bytes (g_ptr_array_index (examples, 0));
  g_autoptr(GString) broken = g_string_new_len (g_bytes_get_data (original, NULL),
                                                g_bytes_get_size (original));
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  CjmLocation location = { 0, 0 };

  /* an unknown element of ours right after the title */
  g_assert_cmpint (g_string_replace (broken, "</title>", "</title>\n  <colour/>", 1), ==, 1);
  bytes = g_bytes_new (broken->str, broken->len);
  g_assert_false (cjm_schema_validate_bytes (bytes, &location, &error));
  g_assert_error (error, CJM_IO_ERROR, CJM_IO_ERROR_INVALID);
  if (error == NULL)
    return;
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpint (location.line, >, 0);
}

static void
test_examples_save_twice (void)
{
  g_autoptr(GPtrArray) examples = list_examples ();
  g_autofree char *dir = make_temp_dir ();

  for (guint i = 0; i < examples->len; i++)
    {
      const char *path = g_ptr_array_index (examples, i);
      g_autofree char *target_path = g_build_filename (dir, "twice.cjm", NULL);
      g_autoptr(GFile) target = g_file_new_for_path (target_path);
      g_autoptr(GBytes) original = read_bytes (path);
      g_autoptr(CjmDocument) document = load_ok (original, path);
      g_autoptr(CjmDocument) reloaded = NULL;
      g_autoptr(GBytes) first = NULL;
      g_autoptr(GBytes) second = NULL;
      g_autoptr(GBytes) third = NULL;
      g_autoptr(GBytes) file_first = NULL;
      g_autoptr(GBytes) file_second = NULL;
      g_autoptr(GError) error = NULL;

      if (document == NULL)
        continue;
      first = cjm_writer_save_to_bytes (document);
      second = cjm_writer_save_to_bytes (document);
      check_same_bytes (first, second, "two saves of one document");

      reloaded = load_ok (first, "the saved map");
      if (reloaded == NULL)
        continue;
      third = cjm_writer_save_to_bytes (reloaded);
      check_same_bytes (first, third, "save, load, save");

      g_assert_true (cjm_file_save (document, target, &error));
      g_assert_no_error (error);
      file_first = read_bytes (target_path);
      g_assert_true (cjm_file_save (document, target, &error));
      g_assert_no_error (error);
      file_second = read_bytes (target_path);
      check_same_bytes (file_first, file_second, "two saves to one file");
      check_same_bytes (first, file_first, "file and memory");
    }
  remove_tree (dir);
}

/* Extensions ----------------------------------------------------------- */

static void
describe_foreign_node (GString *out,
                       xmlNode *node)
{
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      g_string_append_printf (out, "text(%s)", (const char *) node->content);
      return;
    }
  if (node->type == XML_COMMENT_NODE)
    {
      g_string_append_printf (out, "comment(%s)", (const char *) node->content);
      return;
    }
  if (node->type != XML_ELEMENT_NODE)
    return;

  g_string_append_printf (out, "<{%s}%s", node->ns != NULL ? (const char *) node->ns->href : "",
                          (const char *) node->name);
  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      xmlChar *value = xmlNodeListGetString (node->doc, attr->children, 1);

      g_string_append_printf (out, " {%s}%s=%s",
                              attr->ns != NULL ? (const char *) attr->ns->href : "",
                              (const char *) attr->name, value != NULL ? (const char *) value : "");
      xmlFree (value);
    }
  g_string_append (out, ">");
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    describe_foreign_node (out, child);
  g_string_append (out, "</>");
}

static gboolean
node_is_ours (xmlNode *node)
{
  return node->ns != NULL && strcmp ((const char *) node->ns->href, TEST_NS) == 0;
}

static void
describe_foreign_content (GString *out,
                          xmlNode *node)
{
  xmlChar *id = xmlGetNoNsProp (node, (const xmlChar *) "id");
  GString *here = g_string_new (NULL);

  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      xmlChar *value;

      if (attr->ns == NULL || strcmp ((const char *) attr->ns->href, TEST_NS) == 0)
        continue;
      if (node->parent != NULL && node->parent->type == XML_DOCUMENT_NODE
          && strcmp ((const char *) attr->name, "lang") == 0)
        continue;
      value = xmlNodeListGetString (node->doc, attr->children, 1);
      g_string_append_printf (here, " @{%s}%s=%s", (const char *) attr->ns->href,
                              (const char *) attr->name, (const char *) value);
      xmlFree (value);
    }
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (node_is_ours (child))
        describe_foreign_content (out, child);
      else
        {
          g_string_append_c (here, ' ');
          describe_foreign_node (here, child);
        }
    }
  if (here->len > 0)
    g_string_append_printf (out, "%s:%s\n",
                            (const char *) (id != NULL ? id : node->name), here->str);
  g_string_free (here, TRUE);
  xmlFree (id);
}

/* Everything of other namespaces in a file, resolved to namespace URIs so
 * that prefixes and where they are declared do not matter, in document
 * order of the elements that carry it. */
static char *
foreign_signature (GBytes *bytes)
{
  xmlDocPtr doc;
  GString *out = g_string_new (NULL);

  cjm_reader_init ();
  doc = xmlReadMemory (g_bytes_get_data (bytes, NULL), (int) g_bytes_get_size (bytes), NULL, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  g_assert (doc != NULL);
  describe_foreign_content (out, xmlDocGetRootElement (doc));
  xmlFreeDoc (doc);
  return g_string_free (out, FALSE);
}

/* Loads @input, saves it, and checks that all foreign content is still
 * there with the same names, namespaces, values and text; if @canonical,
 * the input is already in the writer's form and must come back unchanged
 * to the byte. */
static void
check_foreign_round_trip (const char *input,
                          gboolean    canonical,
                          const char *expect_in_signature)
{
  g_autoptr(GBytes) bytes = bytes_from_string (input);
  g_autoptr(CjmDocument) document = load_ok (bytes, "the map with extensions");
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(CjmDocument) reloaded = NULL;
  g_autoptr(GBytes) saved_again = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  if (document == NULL)
    return;
  saved = cjm_writer_save_to_bytes (document);
  reloaded = load_ok (saved, "the saved map with extensions");
  if (reloaded == NULL)
    return;
  saved_again = cjm_writer_save_to_bytes (reloaded);
  before = foreign_signature (bytes);
  after = foreign_signature (saved);

  g_test_message ("foreign content: %s", before);
  g_assert_cmpstr (before, !=, "");
  if (expect_in_signature != NULL)
    g_assert_nonnull (strstr (before, expect_in_signature));
  g_assert_cmpstr (after, ==, before);
  check_same_bytes (saved, saved_again, "second save with extensions");
  if (canonical)
    check_same_bytes (bytes, saved, "canonical map with extensions");

  g_assert_true (cjm_schema_validate_bytes (saved, NULL, &error));
  g_assert_no_error (error);
}

#define MAP_HEAD \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<journey-map xmlns=\"urn:reiskaart:cjm:1\" version=\"1\""

#define MAP_BODY \
  "  <title>Extensions</title>\n" \
  "  <scale min=\"-2\" max=\"2\"/>\n" \
  "  <personas>\n" \
  "    <persona id=\"anna\" color=\"#c061cb\">\n" \
  "      <name>Anna</name>\n" \
  "    </persona>\n" \
  "  </personas>\n" \
  "  <phases>\n" \
  "    <phase id=\"p1\" width=\"280\">\n" \
  "      <name>One</name>\n" \
  "    </phase>\n" \
  "  </phases>\n" \
  "  <lanes>\n" \
  "    <lane id=\"tps\" kind=\"touchpoints\" height=\"180\">\n" \
  "      <name>Touchpoints</name>\n" \
  "    </lane>\n" \
  "  </lanes>\n"

static void
test_foreign_root (void)
{
  const char *input =
    MAP_HEAD " xml:lang=\"en\" xmlns:crm=\"https://example.org/crm\" crm:map-id=\"M-1\""
    " crm:owner=\"Team &amp; &quot;friends&quot;\" xml:space=\"preserve\">\n"
    MAP_BODY
    "  <crm:meta xmlns:crm=\"https://example.org/crm\" crm:level=\"2\">Kept &lt;as&gt; is</crm:meta>\n"
    "  <other xmlns=\"urn:other\" a=\"1\"/>\n"
    "</journey-map>\n";

  check_foreign_round_trip (input, TRUE, "{https://example.org/crm}map-id=M-1");
}

static void
test_foreign_entities (void)
{
  const char *input =
    MAP_HEAD ">\n"
    "  <title>Extensions</title>\n"
    "  <scale min=\"-2\" max=\"2\"/>\n"
    "  <personas>\n"
    "    <persona id=\"anna\" color=\"#c061cb\" xmlns:hr=\"urn:hr\" hr:employee=\"no\">\n"
    "      <name>Anna</name>\n"
    "      <hr:profile xmlns:hr=\"urn:hr\" hr:source=\"interviews\">Twelve interviews</hr:profile>\n"
    "    </persona>\n"
    "  </personas>\n"
    "  <phases>\n"
    "    <phase id=\"p1\" width=\"280\" xmlns:a=\"urn:a\" a:x=\"1\" xmlns:b=\"urn:b\" b:y=\"2\" a:z=\"3\">\n"
    "      <name>One</name>\n"
    "    </phase>\n"
    "  </phases>\n"
    "  <lanes>\n"
    "    <lane id=\"tps\" kind=\"touchpoints\" height=\"180\">\n"
    "      <name>Touchpoints</name>\n"
    "      <ui:collapsed xmlns:ui=\"urn:ui\"/>\n"
    "    </lane>\n"
    "  </lanes>\n"
    "  <touchpoints>\n"
    "    <touchpoint id=\"t1\" phase=\"p1\" lane=\"tps\" xmlns:crm=\"https://example.org/crm\" crm:ref=\"TP-0042\">\n"
    "      <title>First</title>\n"
    "      <metric kind=\"nps\" value=\"12.5\"/>\n"
    "      <crm:link xmlns:crm=\"https://example.org/crm\" href=\"https://example.org/tp/42\"/>\n"
    "      <crm:link xmlns:crm=\"https://example.org/crm\" href=\"https://example.org/tp/43\"/>\n"
    "    </touchpoint>\n"
    "  </touchpoints>\n"
    "  <curves>\n"
    "    <curve id=\"c1\" persona=\"anna\" variant=\"as-is\" xmlns:stat=\"urn:stat\" stat:method=\"median\">\n"
    "      <point phase=\"p1\" at=\"0.5\" value=\"1\"/>\n"
    "      <stat:n xmlns:stat=\"urn:stat\">12</stat:n>\n"
    "    </curve>\n"
    "  </curves>\n"
    "</journey-map>\n";

  check_foreign_round_trip (input, TRUE, "{urn:stat}method=median");
}

static void
test_foreign_nested (void)
{
  const char *input =
    MAP_HEAD ">\n"
    MAP_BODY
    "  <touchpoints>\n"
    "    <touchpoint id=\"t1\" phase=\"p1\" lane=\"tps\">\n"
    "      <title>First</title>\n"
    "      <ext:data xmlns:ext=\"urn:ext\" ext:version=\"3\">"
    "<ext:row n=\"1\"><deep:cell xmlns:deep=\"urn:deep\" deep:kind=\"x\">a &amp; b</deep:cell></ext:row>"
    "<ext:row n=\"2\"><inner xmlns=\"urn:inner\"><leaf>c</leaf>"
    "<plain xmlns=\"\">no namespace</plain></inner></ext:row></ext:data>\n"
    "      <ext:pretty xmlns:ext=\"urn:ext\">\n"
    "        <ext:line>kept</ext:line>\n"
    "        <ext:line>with its own indentation</ext:line>\n"
    "      </ext:pretty>\n"
    "    </touchpoint>\n"
    "  </touchpoints>\n"
    "  <ext:tree xmlns:ext=\"urn:ext\">"
    "<ext:branch xmlns:ext=\"urn:ext-two\"><ext:leaf/></ext:branch><ext:leaf/></ext:tree>\n"
    "</journey-map>\n";

  check_foreign_round_trip (input, TRUE, "<{}plain>text(no namespace)</>");
}

/* Not in the writer's form: declarations on the root, foreign content
 * before our own elements, our namespace used inside an extension. The
 * bytes change, the extension's meaning must not. */
static void
test_foreign_declared_elsewhere (void)
{
  const char *input =
    MAP_HEAD " xmlns:crm=\"https://example.org/crm\" xmlns:ext=\"urn:ext\" crm:map-id=\"M-2\">\n"
    "  <title>Extensions</title>\n"
    "  <ext:before>placed before the scale</ext:before>\n"
    "  <scale min=\"-2\" max=\"2\"/>\n"
    "  <personas>\n"
    "    <persona id=\"anna\" color=\"#c061cb\">\n"
    "      <ext:first ext:flag=\"yes\"/>\n"
    "      <name>Anna</name>\n"
    "    </persona>\n"
    "  </personas>\n"
    "  <phases>\n"
    "    <phase id=\"p1\" width=\"280\" crm:phase-code=\"AW\">\n"
    "      <name>One</name>\n"
    "      <ext:note><title>our namespace inside an extension</title><crm:tag>x</crm:tag></ext:note>\n"
    "    </phase>\n"
    "  </phases>\n"
    "  <lanes>\n"
    "    <lane id=\"tps\" kind=\"touchpoints\" height=\"180\">\n"
    "      <name>Touchpoints</name>\n"
    "    </lane>\n"
    "  </lanes>\n"
    "</journey-map>\n";

  check_foreign_round_trip (input, FALSE, "{" TEST_NS "}title");
}

/* Version gate ---------------------------------------------------------- */

static void
test_version_newer (void)
{
  const char *versions[] = { "2", "10", "1000000" };

  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autofree char *text =
        g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<journey-map xmlns=\"urn:reiskaart:cjm:1\" version=\"%s\">\n"
                         "  <title>From the future</title>\n"
                         "  <hologram id=\"h1\"/>\n"
                         "</journey-map>\n", versions[i]);
      g_autoptr(GBytes) bytes = bytes_from_string (text);
      g_autoptr(GError) error = NULL;
      g_autoptr(CjmDocument) document = NULL;
      CjmLocation location = { 0, 0 };

      /* refused as newer, not as invalid, although version 2 has elements
       * version 1 does not know */
      document = cjm_reader_load_bytes (bytes, &location, &error);
      g_assert_null (document);
      g_assert_error (error, CJM_IO_ERROR, CJM_IO_ERROR_NEWER_VERSION);
      if (error == NULL)
        continue;
      assert_sentence (error->message);
      g_assert_cmpint (location.line, ==, 2);
    }
}

static void
test_version_current (void)
{
  g_autoptr(GBytes) bytes =
    bytes_from_string ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                       "<journey-map xmlns=\"urn:reiskaart:cjm:1\" version=\"1\">\n"
                       "  <title>Now</title>\n"
                       "</journey-map>\n");
  g_autoptr(CjmDocument) document = load_ok (bytes, "a version 1 map");
  g_autoptr(GBytes) saved = NULL;

  if (document == NULL)
    return;
  saved = cjm_writer_save_to_bytes (document);
  g_assert_true (bytes_contain (saved, " version=\"1\""));
}

/* Numbers --------------------------------------------------------------- */

static GPtrArray *
point_array (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) cjm_curve_point_free);
}

static void
test_numbers_decimal_point (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  CjmEntity *phase = cjm_document_lookup (document, "p1");
  CjmEntity *lane = cjm_document_lookup (document, "tp-lane");
  CjmEntity *touchpoint = cjm_document_lookup (document, "tp1");
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) cjm_metric_free);
  g_autoptr(GPtrArray) points = point_array ();
  CjmPhase *second = cjm_phase_new ("p2");
  CjmCurve *curve = cjm_curve_new ("curve");
  CjmMetric *custom;
  CjmCurvePoint *point;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) saved_again = NULL;
  g_autoptr(CjmDocument) reloaded = NULL;
  g_autoptr(GRegex) comma = NULL;
  GPtrArray *reloaded_points;
  GPtrArray *reloaded_metrics;

  /* under io-nl the C library itself writes a decimal comma */
  if (g_getenv ("CJM_REQUIRE_LOCALE") != NULL)
    {
      g_autofree char *printed = g_strdup_printf ("%g", 1.5);

      g_assert_cmpstr (printed, ==, "1,5");
    }

  set_ok (document, phase, "width", 280.5);
  set_ok (document, lane, "height", 120.25);
  g_object_set (second, "name", "Two", NULL);
  add_ok (document, second);
  set_ok (document, CJM_ENTITY (second), "width", 1234.125);

  g_ptr_array_add (metrics, cjm_metric_new (CJM_METRIC_CONVERSION, 4.75));
  custom = cjm_metric_new (CJM_METRIC_CUSTOM, -0.001);
  custom->name = g_strdup ("Queue");
  custom->unit = g_strdup ("hours");
  g_ptr_array_add (metrics, custom);
  set_ok (document, touchpoint, "metrics", metrics);

  g_object_set (curve, "persona", "anna", NULL);
  add_ok (document, curve);
  g_ptr_array_add (points, cjm_curve_point_new_in_phase ("p1", 0.375, -1.5));
  point = cjm_curve_point_new_in_phase ("p2", 0.1, 0.25);
  point->source = g_strdup ("Survey");
  point->sample = 12;
  g_ptr_array_add (points, point);
  g_ptr_array_add (points, cjm_curve_point_new_on_touchpoint ("tp1", 1.125));
  set_ok (document, CJM_ENTITY (curve), "points", points);

  saved = cjm_writer_save_to_bytes (document);
  g_test_message ("%.*s", (int) g_bytes_get_size (saved),
                  (const char *) g_bytes_get_data (saved, NULL));

  g_assert_true (bytes_contain (saved, " width=\"280.5\""));
  g_assert_true (bytes_contain (saved, " width=\"1234.125\""));
  g_assert_true (bytes_contain (saved, " height=\"120.25\""));
  g_assert_true (bytes_contain (saved, " value=\"4.75\""));
  g_assert_true (bytes_contain (saved, " value=\"-0.001\""));
  g_assert_true (bytes_contain (saved, " at=\"0.375\" value=\"-1.5\""));
  g_assert_true (bytes_contain (saved, " at=\"0.1\" value=\"0.25\""));
  g_assert_true (bytes_contain (saved, " value=\"1.125\""));
  /* no decimal comma anywhere: the map's own text has no digit,digit */
  comma = g_regex_new ("[0-9],[0-9]", G_REGEX_RAW, 0, NULL);
  g_assert_false (g_regex_match_full (comma, g_bytes_get_data (saved, NULL),
                                      g_bytes_get_size (saved), 0, 0, NULL, NULL));

  reloaded = load_ok (saved, "the map with fractions");
  if (reloaded == NULL)
    return;
  g_assert_cmpfloat (cjm_phase_get_width (CJM_PHASE (cjm_document_lookup (reloaded, "p1"))),
                     ==, 280.5);
  g_assert_cmpfloat (cjm_phase_get_width (CJM_PHASE (cjm_document_lookup (reloaded, "p2"))),
                     ==, 1234.125);
  g_assert_cmpfloat (cjm_lane_get_height (CJM_LANE (cjm_document_lookup (reloaded, "tp-lane"))),
                     ==, 120.25);

  reloaded_metrics =
    cjm_touchpoint_get_metrics (CJM_TOUCHPOINT (cjm_document_lookup (reloaded, "tp1")));
  g_assert (reloaded_metrics != NULL && reloaded_metrics->len == metrics->len);
  for (guint i = 0; i < metrics->len; i++)
    g_assert_true (cjm_metric_equal (g_ptr_array_index (metrics, i),
                                     g_ptr_array_index (reloaded_metrics, i)));

  reloaded_points = cjm_curve_get_points (CJM_CURVE (cjm_document_lookup (reloaded, "curve")));
  g_assert (reloaded_points != NULL && reloaded_points->len == points->len);
  for (guint i = 0; i < points->len; i++)
    {
      const CjmCurvePoint *a = g_ptr_array_index (points, i);
      const CjmCurvePoint *b = g_ptr_array_index (reloaded_points, i);

      g_assert_cmpstr (a->phase, ==, b->phase);
      g_assert_cmpstr (a->touchpoint, ==, b->touchpoint);
      g_assert_cmpfloat (a->value, ==, b->value);
      g_assert_cmpstr (a->source, ==, b->source);
      g_assert_cmpint (a->sample, ==, b->sample);
      if (a->phase != NULL)
        g_assert_cmpfloat (a->at, ==, b->at);
    }

  saved_again = cjm_writer_save_to_bytes (reloaded);
  check_same_bytes (saved, saved_again, "the map with fractions, saved again");
}

static void
test_numbers_comma_refused (void)
{
  g_autoptr(GPtrArray) examples = list_examples ();
  g_autoptr(GBytes) original = read_bytes (g_ptr_array_index (examples, 0));
  g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (original, NULL),
                                              g_bytes_get_size (original));
  g_autoptr(GRegex) width = g_regex_new (" width=\"([0-9]+)\"", 0, 0, NULL);
  g_autofree char *replaced = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CjmDocument) document = NULL;
  CjmLocation location = { 0, 0 };

  replaced = g_regex_replace (width, text->str, text->len, 0, " width=\"\\1,5\"", 0, NULL);
  g_assert (replaced != NULL);
  g_assert_cmpstr (replaced, !=, text->str);
  bytes = bytes_from_string (replaced);
  document = cjm_reader_load_bytes (bytes, &location, &error);
  g_assert_null (document);
  g_assert_error (error, CJM_IO_ERROR, CJM_IO_ERROR_INVALID);
  if (error == NULL)
    return;
  assert_sentence (error->message);
  g_assert_nonnull (strstr (error->message, "decimal point"));
  g_assert_cmpint (location.line, >, 0);
  g_assert_cmpint (location.column, >, 0);
}

/* cjm_format_double() gives the shortest decimal that reads back exactly,
 * with a point, in any locale. */
static void
test_numbers_format_double (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260302);
  const double fixed[] = { 0, -0.0, 0.1, 0.5, 1.5, -1.5, 280, 280.5, 1e15, -1e15, 1e-7,
                           4000, 0.375, 1.0 / 3.0, G_MAXINT, 123456.789 };

  for (guint i = 0; i < 20000 + G_N_ELEMENTS (fixed); i++)
    {
      double value;
      g_autofree char *text = NULL;
      char *end = NULL;

      if (i < G_N_ELEMENTS (fixed))
        value = fixed[i];
      else if (i % 2 == 0)
        value = g_rand_double_range (rand, -1e15, 1e15);
      else
        value = g_rand_double_range (rand, -10, 4000) / (1 + g_rand_int_range (rand, 0, 1000));
      text = cjm_format_double (value);
      g_assert_null (strchr (text, ','));
      g_assert_null (strchr (text, ' '));
      g_assert_cmpfloat (g_ascii_strtod (text, &end), ==, value);
      g_assert_cmpint (*end, ==, '\0');
    }
}

/* Sanitiser ------------------------------------------------------------- */

/* Appends one piece of the nastiest text people paste. */
static void
append_random_piece (GString *out,
                     GRand   *rand)
{
  static const char * const pieces[] = {
    "\xed\xa0\x80",               /* lone high surrogate U+D800 */
    "\xed\xbf\xbf",               /* lone low surrogate U+DFFF */
    "\xef\xbf\xbe",               /* U+FFFE */
    "\xef\xbf\xbf",               /* U+FFFF */
    "\xef\xbb\xbf",               /* BOM */
    "\xc0\x80",                   /* overlong NUL */
    "\xc3",                       /* truncated sequence */
    "\xe2\x82",                   /* truncated sequence */
    "\xf4\x90\x80\x80",           /* above U+10FFFF */
    "\xf0\x9f\x98\x80",           /* emoji */
    "\xe2\x80\xa8",               /* line separator */
    "\xc2\x85",                   /* NEL */
    "\xc2\x9f",                   /* C1 control */
    "\r\n", "\r", "\n", "\t", " ", "  ",
    "]]>", "<![CDATA[", "<!--", "-->", "&amp;", "&#1;", "&", "<", ">", "\"", "'",
    "<title>", "</title>", "xmlns=\"urn:x\"", "\\", "%s", "%n",
    "é", "ß", "中文", "עברית",
  };

  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0: /* a C0 control, tab, newline or carriage return */
      g_string_append_c (out, (char) g_rand_int_range (rand, 1, 0x20));
      break;
    case 1: /* any byte but NUL, valid UTF-8 or not */
      g_string_append_c (out, (char) g_rand_int_range (rand, 1, 0x100));
      break;
    case 2:
    case 3:
      g_string_append (out, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      break;
    case 4: /* a random code point, surrogates and non-characters included */
      {
        gunichar c = (gunichar) g_rand_int_range (rand, 1, 0x110000);
        char buffer[8];
        int n;

        /* encode by hand: g_unichar_to_utf8 would also encode surrogates,
         * which is exactly what is wanted here */
        if (c < 0x80)
          n = (buffer[0] = (char) c, 1);
        else if (c < 0x800)
          {
            buffer[0] = (char) (0xc0 | (c >> 6));
            buffer[1] = (char) (0x80 | (c & 0x3f));
            n = 2;
          }
        else if (c < 0x10000)
          {
            buffer[0] = (char) (0xe0 | (c >> 12));
            buffer[1] = (char) (0x80 | ((c >> 6) & 0x3f));
            buffer[2] = (char) (0x80 | (c & 0x3f));
            n = 3;
          }
        else
          {
            buffer[0] = (char) (0xf0 | (c >> 18));
            buffer[1] = (char) (0x80 | ((c >> 12) & 0x3f));
            buffer[2] = (char) (0x80 | ((c >> 6) & 0x3f));
            buffer[3] = (char) (0x80 | (c & 0x3f));
            n = 4;
          }
        g_string_append_len (out, buffer, n);
      }
      break;
    default: /* ordinary words */
      g_string_append (out, g_rand_boolean (rand) ? "Opening" : "rekening ");
      break;
    }
}

static char *
random_text (GRand *rand)
{
  GString *out = g_string_new (NULL);
  int pieces = g_rand_int_range (rand, 0, 24);

  for (int i = 0; i < pieces; i++)
    append_random_piece (out, rand);
  return g_string_free (out, FALSE);
}

static char *
escape_for_message (const char *text)
{
  return g_strescape (text, NULL);
}

static void
test_sanitiser_random_strings (void)
{
  /* 10^5 strings, eight per saved map */
  const guint n_strings = 100000;
  const struct
  {
    const char *id;       /* NULL for the map */
    const char *property;
  } targets[] = {
    { NULL, "title" },
    { NULL, "description" },
    { NULL, "author" },
    { "p1", "name" },
    { "p1", "description" },
    { "tp1", "title" },
    { "tp1", "description" },
    { "c1", "text" },
  };
  guint seed = 4242;
  g_autoptr(GRand) rand = NULL;
  guint strings = 0;

  if (g_getenv ("CJM_SANITISER_SEED") != NULL)
    seed = (guint) g_ascii_strtoull (g_getenv ("CJM_SANITISER_SEED"), NULL, 10);
  rand = g_rand_new_with_seed (seed);
  g_test_message ("seed %u (set CJM_SANITISER_SEED to change)", seed);

  for (guint round = 0; strings < n_strings; round++)
    {
      g_autoptr(CjmDocument) document = build_small_map ();
      g_autoptr(GBytes) first = NULL;
      g_autoptr(GBytes) second = NULL;
      g_autoptr(CjmDocument) reloaded = NULL;
      g_autoptr(GError) error = NULL;
      char *texts[G_N_ELEMENTS (targets)];
      CjmLocation location = { 0, 0 };
      gboolean stable;

      for (guint i = 0; i < G_N_ELEMENTS (targets); i++, strings++)
        {
          CjmEntity *target = targets[i].id != NULL
                              ? cjm_document_lookup (document, targets[i].id)
                              : CJM_ENTITY (cjm_document_get_map (document));

          texts[i] = random_text (rand);
          if (!cjm_document_set (document, target, &error, targets[i].property, texts[i], NULL))
            {
              g_autofree char *shown = escape_for_message (texts[i]);

              g_test_message ("round %u: setting %s to \"%s\" was refused", round,
                              targets[i].property, shown);
              g_assert_no_error (error);
              g_clear_error (&error);
            }
        }

      first = cjm_writer_save_to_bytes (document);
      reloaded = cjm_reader_load_bytes (first, &location, &error);
      if (reloaded == NULL)
        {
          g_test_message ("round %u: the saved map does not load: %d:%d: %s", round,
                          location.line, location.column, error->message);
          for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
            {
              g_autofree char *shown = escape_for_message (texts[i]);

              g_test_message ("  %s = \"%s\"", targets[i].property, shown);
              g_free (texts[i]);
            }
          g_assert_no_error (error);
          break;
        }

      second = cjm_writer_save_to_bytes (reloaded);
      stable = check_same_bytes (first, second, "a map with random text, saved after loading");
      for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
        {
          if (!stable)
            {
              g_autofree char *shown = escape_for_message (texts[i]);

              g_test_message ("round %u: %s = \"%s\"", round, targets[i].property, shown);
            }
          g_free (texts[i]);
        }
      /* one reported round is enough to find the bug */
      if (!stable)
        break;
    }
}

/* Text inside lists (metrics, curve points, scale labels) reaches the file
 * too, and must be as safe as any field. */
static void
test_sanitiser_list_text (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (777);

  for (guint round = 0; round < 500; round++)
    {
      g_autoptr(CjmDocument) document = build_small_map ();
      g_autoptr(GPtrArray) metrics =
        g_ptr_array_new_with_free_func ((GDestroyNotify) cjm_metric_free);
      g_autoptr(GPtrArray) points = point_array ();
      g_autoptr(GBytes) first = NULL;
      g_autoptr(GBytes) second = NULL;
      g_autoptr(CjmDocument) reloaded = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *name = random_text (rand);
      g_autofree char *unit = random_text (rand);
      g_autofree char *source = random_text (rand);
      g_autofree char *label_text = random_text (rand);
      g_autoptr(GPtrArray) labels =
        g_ptr_array_new_with_free_func ((GDestroyNotify) cjm_scale_label_free);
      CjmCurve *curve = cjm_curve_new ("curve");
      CjmMetric *metric = cjm_metric_new (CJM_METRIC_CUSTOM, 1.5);
      CjmCurvePoint *point = cjm_curve_point_new_in_phase ("p1", 0.5, 1);
      CjmLocation location = { 0, 0 };
      gboolean stored;

      metric->name = g_strconcat ("m", name, NULL);
      metric->unit = g_strdup (unit);
      g_ptr_array_add (metrics, metric);
      stored = cjm_document_set (document, cjm_document_lookup (document, "tp1"), &error,
                                 "metrics", metrics, NULL);
      if (!stored)
        {
          /* refusing such text is acceptable; saving it unreadable is not */
          g_assert_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_VALUE);
          g_clear_error (&error);
        }

      g_object_set (curve, "persona", "anna", NULL);
      add_ok (document, curve);
      point->source = g_strdup (source);
      g_ptr_array_add (points, point);
      if (!cjm_document_set (document, CJM_ENTITY (curve), &error, "points", points, NULL))
        {
          g_assert_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_VALUE);
          g_clear_error (&error);
        }

      g_ptr_array_add (labels, cjm_scale_label_new (0, label_text));
      if (!cjm_document_set (document, CJM_ENTITY (cjm_document_get_map (document)), &error,
                             "scale-labels", labels, NULL))
        {
          g_assert_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_VALUE);
          g_clear_error (&error);
        }

      first = cjm_writer_save_to_bytes (document);
      reloaded = cjm_reader_load_bytes (first, &location, &error);
      if (reloaded == NULL)
        {
          g_autofree char *shown_label = escape_for_message (label_text);
          g_autofree char *shown_name = escape_for_message (name);
          g_autofree char *shown_unit = escape_for_message (unit);
          g_autofree char *shown_source = escape_for_message (source);

          g_test_message ("round %u: the saved map does not load: %d:%d: %s", round,
                          location.line, location.column, error->message);
          g_test_message ("  metric name \"m%s\", unit \"%s\", point source \"%s\", "
                          "scale label \"%s\"", shown_name, shown_unit, shown_source, shown_label);
          g_assert_no_error (error);
          break;
        }
      second = cjm_writer_save_to_bytes (reloaded);
      if (!check_same_bytes (first, second, "a map with random list text, saved after loading"))
        break;
    }
}

/* Command line --------------------------------------------------------- */

static char *
find_reiskaart (void)
{
  const char *path = g_getenv ("REISKAART");
  g_autofree char *self = NULL;
  g_autofree char *dir = NULL;
  char *guess;

  if (path != NULL && *path != '\0')
    return g_strdup (path);

  /* the io-nl suite's environment does not name the binary; find it
   * beside this test in the build tree */
  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self == NULL)
    return NULL;
  dir = g_path_get_dirname (self);
  guess = g_build_filename (dir, "..", "src", "reiskaart", NULL);
  if (g_file_test (guess, G_FILE_TEST_IS_EXECUTABLE))
    return guess;
  g_free (guess);
  return NULL;
}

typedef struct
{
  char *out;
  char *err;
  int   status;  /* the exit status, or -1 if killed by a signal */
} RunResult;

static void
run_result_clear (RunResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

/* Runs the real binary with no display at all, in @dir. Returns FALSE
 * (after marking the test skipped) if the binary cannot be found. */
static gboolean
run_reiskaart (const char  *dir,
               const char **args,
               RunResult   *result)
{
  g_autofree char *binary = find_reiskaart ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  if (binary == NULL)
    {
      /* only the io-nl suite can get here: the io suite always sets it */
      g_assert_nonnull (g_getenv ("CJM_REQUIRE_LOCALE"));
      g_test_skip ("REISKAART is not set and the binary is not in the build tree");
      return FALSE;
    }
  if (!g_file_test (binary, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_message ("FAIL: %s does not exist or cannot be run; is it built?", binary);
      g_test_fail ();
      return FALSE;
    }

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  /* messages in English, whatever translations are installed */
  envp = g_environ_setenv (envp, "LANGUAGE", "en", TRUE);

  g_ptr_array_add (argv, binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  result->out = NULL;
  result->err = NULL;
  if (!g_spawn_sync (dir, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                     &result->out, &result->err, &wait_status, &error))
    g_error ("cannot run %s: %s", binary, error->message);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", wait_status, result->out, result->err);
  result->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  g_assert_cmpint (result->status, >=, 0);
  return TRUE;
}

static guint
count_lines (const char *text)
{
  guint lines = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      lines++;
  return lines;
}

/* The examples with one width changed to a decimal comma: refused at a
 * known line and column. */
static void
write_broken_map (const char *path,
                  int        *line,
                  int        *column)
{
  g_autoptr(GPtrArray) examples = list_examples ();
  g_autoptr(GBytes) original = read_bytes (g_ptr_array_index (examples, 0));
  g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (original, NULL),
                                              g_bytes_get_size (original));
  const char *hit = strstr (text->str, " width=\"");
  const char *line_start;

  g_assert (hit != NULL);
  *line = 1;
  for (const char *p = text->str; p < hit; p++)
    if (*p == '\n')
      (*line)++;
  line_start = hit;
  while (line_start > text->str && line_start[-1] != '\n')
    line_start--;
  *column = (int) (hit - line_start) + 2; /* the "w", counted from 1 */

  g_string_insert (text, hit - text->str + 8, "1,");
  write_bytes (path, text->str, text->len);
}

static void
test_cli_validate_ok (void)
{
  g_autoptr(GPtrArray) examples = list_examples ();
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *dir = make_temp_dir ();
  RunResult result;

  g_ptr_array_add (args, "--validate");
  for (guint i = 0; i < examples->len; i++)
    g_ptr_array_add (args, g_ptr_array_index (examples, i));
  g_ptr_array_add (args, NULL);

  if (!run_reiskaart (dir, (const char **) args->pdata, &result))
    {
      remove_tree (dir);
      return;
    }
  g_assert_cmpint (result.status, ==, 0);
  for (guint i = 0; i < examples->len; i++)
    {
      g_autofree char *line = g_strdup_printf ("%s: ok\n",
                                               (char *) g_ptr_array_index (examples, i));

      g_assert_nonnull (strstr (result.out, line));
    }
  g_assert_cmpuint (count_lines (result.out), ==, examples->len);
  run_result_clear (&result);
  remove_tree (dir);
}

static void
test_cli_validate_broken (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "broken.cjm", NULL);
  g_autofree char *prefix = NULL;
  const char *args[] = { "--validate", "broken.cjm", NULL };
  RunResult result;
  int line;
  int column;

  write_broken_map (path, &line, &column);
  if (!run_reiskaart (dir, args, &result))
    {
      remove_tree (dir);
      return;
    }
  g_assert_cmpint (result.status, ==, 1);
  prefix = g_strdup_printf ("broken.cjm:%d:%d: ", line, column);
  g_assert_true (g_str_has_prefix (result.out, prefix));
  g_assert_cmpuint (count_lines (result.out), ==, 1);
  g_assert_cmpuint (strlen (result.out), >, strlen (prefix) + 10);
  g_assert_true (g_utf8_validate (result.out, -1, NULL));
  run_result_clear (&result);

  /* a file cut off in the middle: damaged XML, still FILE:LINE:COL */
  {
    g_autoptr(GPtrArray) examples = list_examples ();
    g_autoptr(GBytes) original = read_bytes (g_ptr_array_index (examples, 1));
    g_autofree char *cut = g_build_filename (dir, "cut.cjm", NULL);
    g_autoptr(GRegex) located = g_regex_new ("^cut\\.cjm:[0-9]+:[0-9]+: [^\n]+\n$", 0, 0, NULL);
    const char *cut_args[] = { "--validate", "cut.cjm", NULL };

    write_bytes (cut, g_bytes_get_data (original, NULL), g_bytes_get_size (original) / 2);
    if (!run_reiskaart (dir, cut_args, &result))
      {
        remove_tree (dir);
        return;
      }
    g_assert_cmpint (result.status, ==, 1);
    g_assert_true (g_regex_match (located, result.out, 0, NULL));
    run_result_clear (&result);
  }
  remove_tree (dir);
}

static void
test_cli_validate_mixed (void)
{
  g_autoptr(GPtrArray) examples = list_examples ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "broken.cjm", NULL);
  g_autofree char *ok_line = NULL;
  const char *args[] = { "--validate", g_ptr_array_index (examples, 0), "broken.cjm",
                         g_ptr_array_index (examples, 1), NULL };
  RunResult result;
  int line;
  int column;

  write_broken_map (path, &line, &column);
  if (!run_reiskaart (dir, args, &result))
    {
      remove_tree (dir);
      return;
    }
  g_assert_cmpint (result.status, ==, 1);
  g_assert_cmpuint (count_lines (result.out), ==, 3);
  ok_line = g_strdup_printf ("%s: ok\n", (char *) g_ptr_array_index (examples, 0));
  g_assert_true (g_str_has_prefix (result.out, ok_line));
  g_assert_nonnull (strstr (result.out, "\nbroken.cjm:"));
  g_clear_pointer (&ok_line, g_free);
  ok_line = g_strdup_printf ("%s: ok\n", (char *) g_ptr_array_index (examples, 1));
  g_assert_true (g_str_has_suffix (result.out, ok_line));
  run_result_clear (&result);

  /* a file that does not exist counts as a failure too */
  {
    const char *missing_args[] = { "--validate", g_ptr_array_index (examples, 0), "missing.cjm",
                                   NULL };

    if (!run_reiskaart (dir, missing_args, &result))
      {
        remove_tree (dir);
        return;
      }
    g_assert_cmpint (result.status, ==, 1);
    g_assert_nonnull (strstr (result.out, "\nmissing.cjm: "));
    run_result_clear (&result);
  }
  remove_tree (dir);
}

static void
assert_no_temporary_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  g_assert (dir != NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] == '.' && strstr (name, ".saving-") != NULL)
      g_error ("a temporary file was left behind: %s/%s", dir_path, name);
}

static void
test_cli_export (void)
{
  g_autoptr(GPtrArray) examples = list_examples ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *in_path = g_build_filename (dir, "in.cjm", NULL);
  g_autofree char *out_path = g_build_filename (dir, "out.cjm", NULL);
  const char *args[] = { "--export", "out.cjm", "in.cjm", NULL };
  g_autoptr(GBytes) original = read_bytes (g_ptr_array_index (examples, 0));
  g_autoptr(GString) messy = g_string_new_len (g_bytes_get_data (original, NULL),
                                               g_bytes_get_size (original));
  g_autoptr(GBytes) messy_bytes = NULL;
  g_autoptr(CjmDocument) document = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) exported = NULL;
  RunResult result;

  /* valid but not in the canonical form: other indentation, a comment,
   * CRLF line ends, single quotes */
  g_string_replace (messy, "\n  ", "\r\n\t", 0);
  g_string_replace (messy, "<title>", "<!-- comment --><title>", 1);
  g_string_replace (messy, "version=\"1\"", "version='1'", 1);
  messy_bytes = g_bytes_new (messy->str, messy->len);
  write_bytes (in_path, messy->str, messy->len);
  document = load_ok (messy_bytes, "the messy map");
  if (document == NULL)
    return;
  expected = cjm_writer_save_to_bytes (document);
  g_assert_false (g_bytes_equal (expected, messy_bytes));

  if (!run_reiskaart (dir, args, &result))
    {
      remove_tree (dir);
      return;
    }
  g_assert_cmpint (result.status, ==, 0);
  exported = read_bytes (out_path);
  check_same_bytes (expected, exported, "the exported map");
  assert_no_temporary_files (dir);
  run_result_clear (&result);

  /* an example is already normalised: exporting it copies it exactly */
  {
    const char *copy_args[] = { "--export", "copy.cjm", g_ptr_array_index (examples, 1), NULL };
    g_autofree char *copy_path = g_build_filename (dir, "copy.cjm", NULL);
    g_autoptr(GBytes) example = read_bytes (g_ptr_array_index (examples, 1));
    g_autoptr(GBytes) copy = NULL;

    if (!run_reiskaart (dir, copy_args, &result))
      {
        remove_tree (dir);
        return;
      }
    g_assert_cmpint (result.status, ==, 0);
    copy = read_bytes (copy_path);
    check_same_bytes (example, copy, "an exported example");
    run_result_clear (&result);
  }
  remove_tree (dir);
}

static void
test_cli_export_bad_input (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *in_path = g_build_filename (dir, "in.cjm", NULL);
  g_autofree char *out_path = g_build_filename (dir, "out.cjm", NULL);
  g_autofree char *prefix = NULL;
  const char *args[] = { "--export", "out.cjm", "in.cjm", NULL };
  RunResult result;
  int line;
  int column;

  write_broken_map (in_path, &line, &column);
  if (!run_reiskaart (dir, args, &result))
    {
      remove_tree (dir);
      return;
    }
  g_assert_cmpint (result.status, !=, 0);
  g_assert_false (g_file_test (out_path, G_FILE_TEST_EXISTS));
  prefix = g_strdup_printf ("in.cjm:%d:%d: ", line, column);
  g_assert_true (g_str_has_prefix (result.err, prefix));
  g_assert_cmpuint (count_lines (result.err), ==, 1);
  assert_no_temporary_files (dir);
  run_result_clear (&result);

  /* an existing output file is left as it was */
  {
    g_autoptr(GBytes) before = NULL;

    write_bytes (out_path, "precious", -1);
    if (!run_reiskaart (dir, args, &result))
      {
        remove_tree (dir);
        return;
      }
    g_assert_cmpint (result.status, !=, 0);
    before = read_bytes (out_path);
    g_assert_cmpmem (g_bytes_get_data (before, NULL), g_bytes_get_size (before), "precious", 8);
    run_result_clear (&result);
  }

  /* an input that does not exist */
  {
    const char *missing_args[] = { "--export", "new.cjm", "missing.cjm", NULL };
    g_autofree char *new_path = g_build_filename (dir, "new.cjm", NULL);

    if (!run_reiskaart (dir, missing_args, &result))
      {
        remove_tree (dir);
        return;
      }
    g_assert_cmpint (result.status, !=, 0);
    g_assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));
    g_assert_cmpuint (count_lines (result.err), ==, 1);
    run_result_clear (&result);
  }
  assert_no_temporary_files (dir);
  remove_tree (dir);
}

static void
test_cli_export_bad_extension (void)
{
  g_autoptr(GPtrArray) examples = list_examples ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *out_path = g_build_filename (dir, "out.txt", NULL);
  const char *args[] = { "--export", "out.txt", g_ptr_array_index (examples, 0), NULL };
  RunResult result;

  if (!run_reiskaart (dir, args, &result))
    {
      remove_tree (dir);
      return;
    }
  g_assert_cmpint (result.status, !=, 0);
  g_assert_false (g_file_test (out_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_lines (result.err), ==, 1);
  g_assert_true (g_str_has_suffix (result.err, "\n"));
  g_assert_cmpuint (strlen (result.err), >, 10);
  g_assert_nonnull (strstr (result.err, "out.txt"));
  g_assert_cmpstr (result.out, ==, "");
  run_result_clear (&result);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  const char *required = g_getenv ("CJM_REQUIRE_LOCALE");
  const char *locale = setlocale (LC_ALL, "");

  if (required != NULL && *required != '\0')
    {
      const char *decimal_point = locale != NULL ? localeconv ()->decimal_point : NULL;

      /* a missing locale would silently turn this suite into a copy of
       * io: fail loudly instead of skipping */
      if (locale == NULL)
        {
          g_print ("Bail out! The locale %s is not installed (setlocale failed); "
                   "generate it with locale-gen.\n", required);
          g_printerr ("test-io: the locale %s is not installed; generate it with locale-gen\n",
                      required);
          return 1;
        }
      if (decimal_point == NULL || strcmp (decimal_point, ",") != 0)
        {
          g_print ("Bail out! The locale %s writes “%s” as its decimal point, not “,”.\n",
                   required, decimal_point != NULL ? decimal_point : "");
          g_printerr ("test-io: the locale %s does not use a decimal comma\n", required);
          return 1;
        }
    }

  g_test_init (&argc, &argv, NULL);
  /* a failed check fails its test and the run goes on, so one bug does
   * not hide the others; where going on would crash, g_assert() stops */
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/io/examples/round-trip", test_examples_round_trip);
  g_test_add_func ("/io/examples/schema", test_examples_schema);
  g_test_add_func ("/io/examples/schema-refuses", test_examples_schema_refuses);
  g_test_add_func ("/io/examples/save-twice", test_examples_save_twice);
  g_test_add_func ("/io/foreign/root", test_foreign_root);
  g_test_add_func ("/io/foreign/entities", test_foreign_entities);
  g_test_add_func ("/io/foreign/nested", test_foreign_nested);
  g_test_add_func ("/io/foreign/declared-elsewhere", test_foreign_declared_elsewhere);
  g_test_add_func ("/io/version/newer", test_version_newer);
  g_test_add_func ("/io/version/current", test_version_current);
  g_test_add_func ("/io/numbers/decimal-point", test_numbers_decimal_point);
  g_test_add_func ("/io/numbers/comma-refused", test_numbers_comma_refused);
  g_test_add_func ("/io/numbers/format-double", test_numbers_format_double);
  g_test_add_func ("/io/sanitiser/random-strings", test_sanitiser_random_strings);
  g_test_add_func ("/io/sanitiser/list-text", test_sanitiser_list_text);
  g_test_add_func ("/io/cli/validate-ok", test_cli_validate_ok);
  g_test_add_func ("/io/cli/validate-broken", test_cli_validate_broken);
  g_test_add_func ("/io/cli/validate-mixed", test_cli_validate_mixed);
  g_test_add_func ("/io/cli/export", test_cli_export);
  g_test_add_func ("/io/cli/export-bad-input", test_cli_export_bad_input);
  g_test_add_func ("/io/cli/export-bad-extension", test_cli_export_bad_extension);

  return g_test_run ();
}
