/* cjm-reader.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <math.h>
#include <string.h>

#include "cjm-document-private.h"
#include "cjm-reader.h"

/* Every file is hostile until proven otherwise: a colleague's mail, a
 * damaged download, a crafted attack. The reader checks bytes before XML,
 * XML before meaning, and meaning before anything reaches the caller; it
 * never returns a half-built map. libxml2 2.9 is used in its safe mode only:
 * no DTDs, no entities, no network, no decompression. */

typedef struct
{
  const char  *data;
  gsize        length;
  CjmDocument *document;
  GPtrArray   *nodes;     /* xmlNode beside each loaded entity, for locations */
  GPtrArray   *entities;
  CjmLocation *location;
} Reader;

static xmlParserInputPtr
deny_external_entity (const char       *url,
                      const char       *id,
                      xmlParserCtxtPtr  ctxt)
{
  return NULL;
}

static void
silence_errors (void       *ctx,
                const char *msg,
                ...)
{
}

/**
 * cjm_reader_init:
 *
 * Prepares libxml2 for untrusted input; call once before any thread loads.
 * Nothing in the process may then fetch an external entity.
 */
void
cjm_reader_init (void)
{
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      xmlSetExternalEntityLoader (deny_external_entity);
      xmlSetGenericErrorFunc (NULL, silence_errors);
      g_once_init_leave (&initialized, 1);
    }
}

/* Locations ------------------------------------------------------------ */

static void
position_of (Reader     *reader,
             const char *at,
             int        *line,
             int        *column)
{
  const char *line_start = reader->data;

  *line = 1;
  for (const char *p = reader->data; p < at; p++)
    if (*p == '\n')
      {
        (*line)++;
        line_start = p + 1;
      }
  if (g_utf8_validate_len (line_start, at - line_start, NULL))
    *column = (int) g_utf8_pointer_to_offset (line_start, at) + 1;
  else
    *column = (int) (at - line_start) + 1;
}

static const char *
line_start_of (Reader *reader,
               int     line)
{
  const char *p = reader->data;
  const char *end = reader->data + reader->length;

  for (int l = 1; l < line && p < end; l++)
    {
      const char *nl = memchr (p, '\n', end - p);

      if (nl == NULL)
        return end;
      p = nl + 1;
    }
  return p;
}

static gboolean
ends_name (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '>' || c == '/' || c == '=';
}

/* Finds where an element (and one of its attributes) starts in the text.
 * libxml2 records an element's line where its start tag ends, so the tag
 * is looked for backwards from there, across lines if it spans several. */
static const char *
find_in_source (Reader     *reader,
                int         line,
                const char *element,
                const char *attribute)
{
  const char *end = reader->data + reader->length;
  const char *line_end = line_start_of (reader, line + 1);
  const char *from = line_start_of (reader, MAX (1, line - 200));
  const char *tag = NULL;

  if (line_end > end)
    line_end = end;

  for (const char *p = from; element != NULL && p < line_end; p++)
    {
      const char *name;
      gsize n = strlen (element);

      if (*p != '<')
        continue;
      name = p + 1;
      /* a prefixed name: skip the prefix */
      for (const char *q = name; q < line_end && !ends_name (*q); q++)
        if (*q == ':')
          name = q + 1;
      if ((gsize) (line_end - name) > n && strncmp (name, element, n) == 0 && ends_name (name[n]))
        tag = p;
    }

  if (tag != NULL && attribute != NULL)
    {
      gsize n = strlen (attribute);

      for (const char *p = tag; p + n < end && *p != '>'; p++)
        if ((*p == ' ' || *p == '\t' || *p == '\n') && strncmp (p + 1, attribute, n) == 0
            && (p[n + 1] == '=' || p[n + 1] == ' '))
          return p + 1;
    }
  if (tag != NULL)
    return tag;

  /* no tag found: the first non-blank character of the line */
  from = line_start_of (reader, line);
  while (from < line_end && (*from == ' ' || *from == '\t'))
    from++;
  return from;
}

static int
node_line (xmlNode *node)
{
  long line = xmlGetLineNo (node);

  return line > 0 && line < G_MAXINT ? (int) line : 0;
}

static void
locate (Reader     *reader,
        xmlNode    *node,
        const char *attribute)
{
  int line;

  if (reader->location == NULL || node == NULL)
    return;
  line = node_line (node);
  if (line <= 0)
    return;
  position_of (reader, find_in_source (reader, line, (const char *) node->name, attribute),
               &reader->location->line, &reader->location->column);
}

/* Messages quote values from the file, which may hold line breaks,
 * invalid UTF-8 or a megabyte of text: keep each message one short line. */
static void
tidy_message (GError *error)
{
  g_autofree char *valid = NULL;
  GString *tidy;

  if (error == NULL)
    return;
  valid = g_utf8_make_valid (error->message, -1);
  tidy = g_string_new (NULL);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        c = ' ';
      if (g_utf8_strlen (tidy->str, -1) >= 300)
        {
          g_string_append (tidy, "…");
          break;
        }
      g_string_append_unichar (tidy, c);
    }
  g_free (error->message);
  error->message = g_string_free (tidy, FALSE);
}

static gboolean G_GNUC_PRINTF (6, 7)
fail_with (Reader     *reader,
           xmlNode    *node,
           const char *attribute,
           int         code,
           GError    **error,
           const char *format,
           ...)
{
  va_list args;
  char *message;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  locate (reader, node, attribute);
  g_set_error_literal (error, CJM_IO_ERROR, code, message);
  g_free (message);
  if (error != NULL)
    tidy_message (*error);
  return FALSE;
}

#define fail_at(reader, node, attribute, error, ...) \
  fail_with (reader, node, attribute, CJM_IO_ERROR_INVALID, error, __VA_ARGS__)

static void
location_from_offset (Reader *reader,
                      gsize   offset)
{
  if (reader->location != NULL)
    position_of (reader, reader->data + offset, &reader->location->line, &reader->location->column);
}

/* Bytes ------------------------------------------------------------------ */

static gboolean
has_prefix (const char *data,
            gsize       length,
            const char *magic,
            gsize       magic_length)
{
  return length >= magic_length && memcmp (data, magic, magic_length) == 0;
}

/* Skips from @i past the end marker @close; returns FALSE if it never
 * comes (the parser will then report the unfinished construct). */
static gboolean
skip_past (const char *data,
           gsize       length,
           gsize      *i,
           gsize       open_length,
           const char *close)
{
  const char *end = g_strstr_len (data + *i + open_length, length - *i - open_length, close);

  if (end == NULL)
    return FALSE;
  *i = (gsize) (end - data) + strlen (close) - 1;
  return TRUE;
}

/* A linear pass over the markup that counts elements, attributes and
 * nesting, so that bombs are refused before libxml2 spends time and memory
 * on them, and refuses any DOCTYPE. Comments, CDATA sections and
 * processing instructions are skipped whole, so that markup hidden inside
 * them is not counted and markup after them is not hidden. */
static gboolean
scan_markup (Reader  *reader,
             GError **error)
{
  const char *data = reader->data;
  gsize length = reader->length;
  gsize elements = 0;
  int depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      gsize attributes = 0;
      char quote = 0;
      gboolean closing, finished;

      if (data[i] != '<' || i + 1 >= length)
        continue;

      if (data[i + 1] == '?')
        {
          if (!skip_past (data, length, &i, 2, "?>"))
            return TRUE;
          continue;
        }
      if (i + 4 <= length && memcmp (data + i, "<!--", 4) == 0)
        {
          if (!skip_past (data, length, &i, 4, "-->"))
            return TRUE;
          continue;
        }
      if (i + 9 <= length && memcmp (data + i, "<![CDATA[", 9) == 0)
        {
          if (!skip_past (data, length, &i, 9, "]]>"))
            return TRUE;
          continue;
        }
      if (data[i + 1] == '!')
        {
          location_from_offset (reader, i);
          g_set_error_literal (error, CJM_IO_ERROR, CJM_IO_ERROR_UNSAFE,
                               _("The file contains a document type declaration (DOCTYPE), "
                                 "which journey maps never use; it is refused for safety."));
          return FALSE;
        }

      closing = data[i + 1] == '/';
      finished = FALSE;
      if (!closing && ++elements > CJM_MAX_ELEMENTS)
        {
          location_from_offset (reader, i);
          g_set_error (error, CJM_IO_ERROR, CJM_IO_ERROR_TOO_LARGE,
                       _("The file has more than %d elements, which is more than any journey map needs."),
                       CJM_MAX_ELEMENTS);
          return FALSE;
        }

      for (gsize j = i + 1; j < length; j++)
        {
          if (quote != 0)
            {
              if (data[j] == quote)
                quote = 0;
            }
          else if (data[j] == '"' || data[j] == '\'')
            quote = data[j];
          else if (data[j] == '=')
            {
              if (++attributes > CJM_MAX_ATTRIBUTES)
                {
                  location_from_offset (reader, i);
                  g_set_error (error, CJM_IO_ERROR, CJM_IO_ERROR_TOO_LARGE,
                               _("An element has more than %d attributes, which no journey map needs."),
                               CJM_MAX_ATTRIBUTES);
                  return FALSE;
                }
            }
          else if (data[j] == '>' || data[j] == '<')
            {
              gboolean empty = data[j] == '>' && data[j - 1] == '/';

              if (closing)
                depth--;
              else if (!empty && ++depth > CJM_MAX_DEPTH + 1) /* the map itself is level 0 */
                {
                  location_from_offset (reader, i);
                  g_set_error (error, CJM_IO_ERROR, CJM_IO_ERROR_TOO_LARGE,
                               _("The file nests elements more than %d levels deep, which no journey map needs."),
                               CJM_MAX_DEPTH);
                  return FALSE;
                }
              i = j - 1;
              finished = TRUE;
              break;
            }
        }
      /* an unfinished tag runs to the end: the parser will report it */
      if (!finished)
        return TRUE;
    }
  return TRUE;
}

/* Refuses what is not UTF-8 XML text before libxml2 sees it, and counts
 * elements and attributes so that size bombs never reach the parser
 * (libxml2 2.9 checks duplicate attributes in quadratic time). */
static gboolean
check_bytes (Reader  *reader,
             GError **error)
{
  const char *data = reader->data;
  gsize length = reader->length;
  const char *bad = NULL;

  if (length == 0)
    {
      g_set_error_literal (error, CJM_IO_ERROR, CJM_IO_ERROR_NOT_A_MAP,
                           _("The file is empty."));
      return FALSE;
    }
  if (length > CJM_MAX_FILE_SIZE)
    {
      g_set_error (error, CJM_IO_ERROR, CJM_IO_ERROR_TOO_LARGE,
                   _("The file is larger than %d MB, which is more than any journey map needs."),
                   CJM_MAX_FILE_SIZE / (1024 * 1024));
      return FALSE;
    }
  if (has_prefix (data, length, "\x1f\x8b", 2) || has_prefix (data, length, "PK\x03\x04", 4)
      || has_prefix (data, length, "\xfd" "7zXZ", 5) || has_prefix (data, length, "BZh", 3)
      || has_prefix (data, length, "\x89PNG", 4) || has_prefix (data, length, "%PDF", 4))
    {
      g_set_error_literal (error, CJM_IO_ERROR, CJM_IO_ERROR_NOT_A_MAP,
                           _("This is a compressed or binary file, not a journey map."));
      return FALSE;
    }
  if (has_prefix (data, length, "\xff\xfe", 2) || has_prefix (data, length, "\xfe\xff", 2)
      || (length >= 2 && ((data[0] == '<' && data[1] == '\0') || (data[0] == '\0' && data[1] == '<'))))
    {
      g_set_error_literal (error, CJM_IO_ERROR, CJM_IO_ERROR_ENCODING,
                           _("The file is stored as UTF-16; journey maps must be UTF-8 text."));
      return FALSE;
    }
  if (!g_utf8_validate_len (data, length, &bad))
    {
      location_from_offset (reader, bad - data);
      if (*bad == '\0')
        g_set_error_literal (error, CJM_IO_ERROR, CJM_IO_ERROR_ENCODING,
                             _("The file contains a NUL byte, which text files never do; it is damaged."));
      else
        g_set_error_literal (error, CJM_IO_ERROR, CJM_IO_ERROR_ENCODING,
                             _("The file is not valid UTF-8 text; it may be damaged or saved in another encoding."));
      return FALSE;
    }

  return scan_markup (reader, error);
}

/* XML -------------------------------------------------------------------- */

/* libxml2's error, as one sentence and our error code. */
static const char *
describe_xml_error (int  code,
                    int *io_code)
{
  *io_code = CJM_IO_ERROR_MALFORMED;
  switch (code)
    {
    case XML_ERR_DOCUMENT_EMPTY:
      *io_code = CJM_IO_ERROR_NOT_A_MAP;
      return _("The file contains no journey map.");
    case XML_ERR_DOCUMENT_END:
    case XML_ERR_EXTRA_CONTENT:
      return _("There is more text after the end of the map; the file is damaged.");
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
    case XML_ERR_ENTITY_LOOP:
    case XML_ERR_ENTITY_BOUNDARY:
    case XML_ERR_ENTITY_PE_INTERNAL:
    case XML_ERR_EXT_ENTITY_STANDALONE:
    case XML_ERR_UNPARSED_ENTITY:
    case XML_ERR_ENTITYREF_NO_NAME:
    case XML_ERR_ENTITYREF_SEMICOL_MISSING:
      *io_code = CJM_IO_ERROR_UNSAFE;
      return _("The file refers to an entity (“&name;”), which journey maps never use; it is refused for safety.");
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_DEC_CHARREF:
    case XML_ERR_INVALID_HEX_CHARREF:
    case XML_ERR_INVALID_CHARREF:
      *io_code = CJM_IO_ERROR_ENCODING;
      return _("The file contains a character that is not allowed in a journey map.");
    case XML_ERR_UNSUPPORTED_ENCODING:
    case XML_ERR_UNKNOWN_ENCODING:
    case XML_ERR_INVALID_ENCODING:
      *io_code = CJM_IO_ERROR_ENCODING;
      return _("The file declares an encoding other than UTF-8; journey maps must be UTF-8 text.");
    case XML_ERR_TAG_NAME_MISMATCH:
      return _("An element is closed with a different name than it was opened with; the file is damaged.");
    case XML_ERR_TAG_NOT_FINISHED:
    case XML_ERR_LTSLASH_REQUIRED:
    case XML_ERR_GT_REQUIRED:
    case XML_ERR_COMMENT_NOT_FINISHED:
    case XML_ERR_LITERAL_NOT_FINISHED:
    case XML_ERR_ATTRIBUTE_NOT_FINISHED:
    case XML_ERR_CDATA_NOT_FINISHED:
    case XML_ERR_PI_NOT_FINISHED:
      return _("The file ends before the map is complete; it is damaged or was cut off.");
    case XML_ERR_ATTRIBUTE_REDEFINED:
      return _("An attribute appears twice on the same element; the file is damaged.");
    case XML_ERR_HYPHEN_IN_COMMENT:
      return _("A comment in the file is not closed properly; the file is damaged.");
    case XML_ERR_INTERNAL_ERROR:
    case XML_ERR_NO_MEMORY:
      *io_code = CJM_IO_ERROR_TOO_LARGE;
      return _("The file is too complex to open safely.");
    default:
      return _("The file is damaged: its XML structure is broken.");
    }
}

/* libxml2 reports where it stopped reading; point at where the problem
 * starts instead: the "&" of an entity, the "<" of a tag, the repeated
 * attribute. */
static void
report_xml_error (Reader      *reader,
                  xmlErrorPtr  xml_error,
                  GError     **error)
{
  int code = xml_error != NULL ? xml_error->code : XML_ERR_DOCUMENT_EMPTY;
  const char *line_start, *at, *line_end;
  int io_code;
  const char *message = describe_xml_error (code, &io_code);

  if (xml_error != NULL && xml_error->domain == XML_FROM_NAMESPACE)
    {
      io_code = CJM_IO_ERROR_MALFORMED;
      message = _("The file uses a namespace prefix that it never declares; it is damaged.");
    }
  g_set_error_literal (error, CJM_IO_ERROR, io_code, message);

  if (xml_error == NULL || xml_error->line <= 0 || reader->location == NULL)
    return;

  reader->location->line = xml_error->line;
  reader->location->column = MAX (xml_error->int2, 0);
  line_start = line_start_of (reader, xml_error->line);
  line_end = memchr (line_start, '\n', reader->data + reader->length - line_start);
  if (line_end == NULL)
    line_end = reader->data + reader->length;
  if (xml_error->int2 <= 0 || !g_utf8_validate_len (line_start, line_end - line_start, NULL)
      || g_utf8_strlen (line_start, line_end - line_start) < xml_error->int2 - 1)
    return;
  at = g_utf8_offset_to_pointer (line_start, xml_error->int2 - 1);

  if (io_code == CJM_IO_ERROR_UNSAFE || code == XML_ERR_INVALID_DEC_CHARREF
      || code == XML_ERR_INVALID_HEX_CHARREF || code == XML_ERR_INVALID_CHARREF)
    {
      while (at > line_start && *at != '&')
        at--;
    }
  else if (code == XML_ERR_INVALID_CHAR)
    {
      /* a character reference such as &#x1; names the character */
      const char *amp = at;

      while (amp > line_start && at - amp < 12 && *amp != '&')
        amp--;
      if (*amp == '&' && amp[1] == '#')
        at = amp;
      else
        return;
    }
  else if (xml_error->domain == XML_FROM_NAMESPACE || code == XML_ERR_ATTRIBUTE_REDEFINED)
    {
      while (at > line_start && *at != '<')
        at--;
      if (code == XML_ERR_ATTRIBUTE_REDEFINED && xml_error->str1 != NULL)
        {
          g_autofree char *needle = g_strconcat (xml_error->str1, "=", NULL);
          const char *first = g_strstr_len (at, line_end - at, needle);
          const char *second = first != NULL ? g_strstr_len (first + 1, line_end - first - 1, needle) : NULL;

          if (second != NULL)
            at = second;
        }
    }
  else
    return;

  position_of (reader, at, &reader->location->line, &reader->location->column);
}

static gboolean
is_ours (xmlNode *node)
{
  return node->ns != NULL && strcmp ((const char *) node->ns->href, CJM_NAMESPACE) == 0;
}

static gboolean
is_foreign (xmlNode *node)
{
  return node->ns != NULL && !is_ours (node);
}

static gboolean
is_named (xmlNode    *node,
          const char *name)
{
  return node->type == XML_ELEMENT_NODE && is_ours (node)
         && strcmp ((const char *) node->name, name) == 0;
}

static gboolean
is_blank (const xmlChar *text)
{
  for (const xmlChar *p = text; p != NULL && *p != '\0'; p++)
    if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
      return FALSE;
  return TRUE;
}

/* Keeps an element of another namespace verbatim, with the namespace
 * declarations it needs, so extensions survive a round trip. */
static gboolean
keep_foreign_element (Reader    *reader,
                      CjmEntity *entity,
                      xmlNode   *node,
                      GError   **error)
{
  xmlDocPtr scratch;
  xmlNodePtr copy;
  xmlBufferPtr buffer;
  g_autofree char *xml = NULL;

  scratch = xmlNewDoc ((const xmlChar *) "1.0");
  copy = xmlDocCopyNode (node, scratch, 1);
  if (copy == NULL)
    {
      xmlFreeDoc (scratch);
      return fail_at (reader, node, NULL, error, _("The file is too complex to open safely."));
    }
  /* the copy declares the namespaces it uses from outside itself */
  xmlDocSetRootElement (scratch, copy);

  buffer = xmlBufferCreate ();
  xmlNodeDump (buffer, scratch, copy, 0, 0);
  xml = g_strndup ((const char *) xmlBufferContent (buffer), xmlBufferLength (buffer));
  xmlBufferFree (buffer);
  xmlFreeDoc (scratch);

  cjm_entity_add_foreign_element (entity, xml);
  return TRUE;
}

/* Text content of a field element: text only, no elements inside. */
static char *
element_text (Reader  *reader,
              xmlNode *node,
              GError **error)
{
  GString *text = g_string_new (NULL);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        {
          g_string_append (text, (const char *) child->content);
          if (text->len > CJM_MAX_TEXT_LENGTH)
            {
              g_string_free (text, TRUE);
              fail_with (reader, node, NULL, CJM_IO_ERROR_TOO_LARGE, error,
                         _("The text of “%s” is longer than 1 MB, which no journey map needs."),
                         (const char *) node->name);
              return NULL;
            }
        }
      else if (child->type == XML_ELEMENT_NODE)
        {
          g_string_free (text, TRUE);
          fail_at (reader, child, NULL, error, _("“%s” may contain only text, not “%s”."),
                   (const char *) node->name, (const char *) child->name);
          return NULL;
        }
    }
  return g_string_free (text, FALSE);
}

/* Values ----------------------------------------------------------------- */

static gboolean
parse_int (const char *text,
           int         min,
           int         max,
           int        *out)
{
  gint64 value;

  if (text == NULL || !(g_ascii_isdigit (text[0]) || text[0] == '-'))
    return FALSE;
  if (!g_ascii_string_to_signed (text, 10, min, max, &value, NULL))
    return FALSE;
  *out = (int) value;
  return TRUE;
}

static gboolean
parse_double (const char *text,
              double      min,
              double      max,
              double     *out)
{
  char *end = NULL;
  double value;

  /* only plain decimals: no hexadecimal, no "inf", no "nan", no comma */
  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!(g_ascii_isdigit (*p) || *p == '.' || *p == '-' || *p == '+' || *p == 'e' || *p == 'E'))
      return FALSE;

  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (value) || value < min || value > max)
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
parse_timestamp (const char *text,
                 gint64     *out)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GTimeZone) utc = NULL;

  if (strlen (text) != 20 || text[10] != 'T' || text[19] != 'Z'
      || !cjm_date_is_valid ((const char[]) { text[0], text[1], text[2], text[3], '-', text[5],
                                              text[6], '-', text[8], text[9], '\0' }))
    return FALSE;

  utc = g_time_zone_new_utc ();
  time = g_date_time_new_from_iso8601 (text, utc);
  if (time == NULL || g_date_time_to_unix (time) < 0)
    return FALSE;
  *out = g_date_time_to_unix (time);
  return TRUE;
}

static char *
enum_choices (GType type)
{
  GString *choices = g_string_new (NULL);

  if (G_TYPE_IS_FLAGS (type))
    {
      g_autoptr(GFlagsClass) klass = g_type_class_ref (type);

      for (guint i = 0; i < klass->n_values; i++)
        g_string_append_printf (choices, "%s%s", i > 0 ? ", " : "", klass->values[i].value_nick);
    }
  else
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);

      for (guint i = 0; i < klass->n_values; i++)
        if (*klass->values[i].value_nick != '\0')
          g_string_append_printf (choices, "%s%s", choices->len > 0 ? ", " : "",
                                  klass->values[i].value_nick);
    }
  return g_string_free (choices, FALSE);
}

static gboolean
parse_flags (GType       type,
             const char *text,
             guint      *out)
{
  g_autoptr(GFlagsClass) klass = g_type_class_ref (type);
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n", -1);
  guint flags = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      GFlagsValue *value;

      if (*words[i] == '\0')
        continue;
      value = g_flags_get_value_by_nick (klass, words[i]);
      if (value == NULL)
        return FALSE;
      flags |= value->value;
    }
  *out = flags;
  return TRUE;
}

static gboolean
parse_color (const char *text,
             guint      *out)
{
  if (strlen (text) != 7 || text[0] != '#')
    return FALSE;
  for (int i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  *out = (guint) g_ascii_strtoull (text + 1, NULL, 16);
  return TRUE;
}

static char **
parse_refs (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (!cjm_id_is_valid (words[i]))
        return NULL;
      g_strv_builder_add (builder, words[i]);
    }
  return g_strv_builder_end (builder);
}

/* Stores @text in @field, or explains why it does not fit. */
static gboolean
read_field (Reader         *reader,
            CjmEntity      *entity,
            const CjmField *field,
            xmlNode        *node,
            const char     *attribute,
            const char     *text,
            GError        **error)
{
  gpointer ptr = cjm_entity_field_ptr (entity, field);
  const char *name = field->name;

  switch (field->type)
    {
    case CJM_FIELD_STRING:
    case CJM_FIELD_TEXT:
      g_free (*(char **) ptr);
      *(char **) ptr = cjm_text_sanitize (text, -1, field->type == CJM_FIELD_STRING);
      return TRUE;

    case CJM_FIELD_DATE:
      if (!cjm_date_is_valid (text))
        return fail_at (reader, node, attribute, error,
                        _("“%s” is not a date written as year-month-day (2026-03-31)."), text);
      g_free (*(char **) ptr);
      *(char **) ptr = g_strdup (text);
      return TRUE;

    case CJM_FIELD_REF:
      if (!cjm_id_is_valid (text))
        return fail_at (reader, node, attribute, error, _("“%s” is not a valid id."), text);
      g_free (*(char **) ptr);
      *(char **) ptr = g_strdup (text);
      return TRUE;

    case CJM_FIELD_REFS:
      {
        char **ids = parse_refs (text);

        if (ids == NULL)
          return fail_at (reader, node, attribute, error,
                          _("“%s” must be a list of ids separated by spaces."), name);
        g_strfreev (*(char ***) ptr);
        *(char ***) ptr = ids;
        return TRUE;
      }

    case CJM_FIELD_INT:
      if (!parse_int (text, (int) field->min, (int) field->max, ptr))
        return fail_at (reader, node, attribute, error,
                        _("The value “%s” of “%s” must be a whole number from %d to %d."),
                        text, name, (int) field->min, (int) field->max);
      return TRUE;

    case CJM_FIELD_DOUBLE:
      if (!parse_double (text, field->min, field->max, ptr))
        return fail_at (reader, node, attribute, error,
                        _("The value “%s” of “%s” must be a number from %g to %g, written with a decimal point."),
                        text, name, field->min, field->max);
      return TRUE;

    case CJM_FIELD_BOOLEAN:
      if (g_strcmp0 (text, "true") != 0 && g_strcmp0 (text, "false") != 0)
        return fail_at (reader, node, attribute, error,
                        _("The value “%s” of “%s” must be “true” or “false”."), text, name);
      *(gboolean *) ptr = strcmp (text, "true") == 0;
      return TRUE;

    case CJM_FIELD_ENUM:
      if (!cjm_enum_from_nick (field->value_type (), text, ptr))
        {
          g_autofree char *choices = enum_choices (field->value_type ());

          return fail_at (reader, node, attribute, error,
                          _("“%s” is not a valid value of “%s”; it must be one of: %s."),
                          text, name, choices);
        }
      return TRUE;

    case CJM_FIELD_FLAGS:
      if (!parse_flags (field->value_type (), text, ptr))
        {
          g_autofree char *choices = enum_choices (field->value_type ());

          return fail_at (reader, node, attribute, error,
                          _("“%s” is not a valid value of “%s”; it must be one of: %s."),
                          text, name, choices);
        }
      return TRUE;

    case CJM_FIELD_COLOR:
      if (!parse_color (text, ptr))
        return fail_at (reader, node, attribute, error,
                        _("“%s” is not a colour written as #rrggbb."), text);
      return TRUE;

    case CJM_FIELD_TIMESTAMP:
      if (!parse_timestamp (text, ptr))
        return fail_at (reader, node, attribute, error,
                        _("“%s” is not a time written as 2026-03-31T14:05:00Z."), text);
      return TRUE;

    case CJM_FIELD_LIST:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
attribute_too_long (Reader  *reader,
                    xmlNode *node,
                    xmlAttr *attr,
                    GError **error);

static const char *
attribute_value (xmlAttr *attr)
{
  /* without entity substitution an attribute holds one text node */
  if (attr->children != NULL && attr->children->type == XML_TEXT_NODE
      && attr->children->next == NULL)
    return (const char *) attr->children->content;
  return "";
}

static gboolean
attribute_too_long (Reader  *reader,
                    xmlNode *node,
                    xmlAttr *attr,
                    GError **error)
{
  if (strlen (attribute_value (attr)) <= CJM_MAX_TEXT_LENGTH)
    return FALSE;
  fail_with (reader, node, (const char *) attr->name, CJM_IO_ERROR_TOO_LARGE, error,
             _("The text of “%s” is longer than 1 MB, which no journey map needs."),
             (const char *) attr->name);
  return TRUE;
}

static const char *
get_attribute (xmlNode    *node,
               const char *name)
{
  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    if (attr->ns == NULL && strcmp ((const char *) attr->name, name) == 0)
      return attribute_value (attr);
  return NULL;
}

/* Reads the attributes of a custom child element (metric, point, label)
 * and refuses any other. */
static gboolean
check_attributes (Reader             *reader,
                  xmlNode            *node,
                  const char * const *allowed,
                  GError            **error)
{
  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      if (attribute_too_long (reader, node, attr, error))
        return FALSE;
      if (attr->ns != NULL)
        continue; /* extensions on such elements are dropped: they have no id */
      if (!g_strv_contains (allowed, (const char *) attr->name))
        return fail_at (reader, node, (const char *) attr->name, error,
                        _("The attribute “%s” is not allowed on “%s”."),
                        (const char *) attr->name, (const char *) node->name);
    }
  return TRUE;
}

static gboolean
read_optional_int (Reader     *reader,
                   xmlNode    *node,
                   const char *name,
                   int         min,
                   int         max,
                   int        *out,
                   GError    **error)
{
  const char *text = get_attribute (node, name);

  *out = CJM_UNSET_INT;
  if (text == NULL)
    return TRUE;
  if (!parse_int (text, min, max, out))
    return fail_at (reader, node, name, error,
                    _("The value “%s” of “%s” must be a whole number from %d to %d."),
                    text, name, min, max);
  return TRUE;
}

static gboolean
read_required_double (Reader     *reader,
                      xmlNode    *node,
                      const char *name,
                      double      min,
                      double      max,
                      double     *out,
                      GError    **error)
{
  const char *text = get_attribute (node, name);

  if (text == NULL)
    return fail_at (reader, node, NULL, error, _("“%s” has no “%s” attribute."),
                    (const char *) node->name, name);
  if (!parse_double (text, min, max, out))
    return fail_at (reader, node, name, error,
                    _("The value “%s” of “%s” must be a number from %g to %g, written with a decimal point."),
                    text, name, min, max);
  return TRUE;
}

static gboolean
read_enum_attribute (Reader     *reader,
                     xmlNode    *node,
                     const char *name,
                     GType       type,
                     gboolean    required,
                     int        *out,
                     GError    **error)
{
  const char *text = get_attribute (node, name);

  if (text == NULL)
    {
      if (required)
        return fail_at (reader, node, NULL, error, _("“%s” has no “%s” attribute."),
                        (const char *) node->name, name);
      return TRUE;
    }
  if (!cjm_enum_from_nick (type, text, out))
    {
      g_autofree char *choices = enum_choices (type);

      return fail_at (reader, node, name, error,
                      _("“%s” is not a valid value of “%s”; it must be one of: %s."),
                      text, name, choices);
    }
  return TRUE;
}

static char *
optional_text_attribute (xmlNode    *node,
                         const char *name)
{
  const char *text = get_attribute (node, name);

  return text != NULL && *text != '\0' ? cjm_text_sanitize (text, -1, TRUE) : NULL;
}

static gboolean
read_id_attribute (Reader      *reader,
                   xmlNode     *node,
                   const char  *name,
                   char       **out,
                   GError     **error)
{
  const char *text = get_attribute (node, name);

  if (text == NULL)
    return TRUE;
  if (!cjm_id_is_valid (text))
    return fail_at (reader, node, name, error, _("“%s” is not a valid id."), text);
  *out = g_strdup (text);
  return TRUE;
}

static gboolean
read_metric (Reader    *reader,
             CjmEntity *touchpoint,
             xmlNode   *node,
             GPtrArray *metrics,
             GError   **error)
{
  static const char * const allowed[] = { "kind", "value", "unit", "sample", "name", NULL };
  g_autoptr(CjmMetric) metric = cjm_metric_new (CJM_METRIC_CUSTOM, 0);
  int kind = CJM_METRIC_CUSTOM;

  if (!check_attributes (reader, node, allowed, error)
      || !read_enum_attribute (reader, node, "kind", CJM_TYPE_METRIC_KIND, TRUE, &kind, error)
      || !read_required_double (reader, node, "value", -1e15, 1e15, &metric->value, error)
      || !read_optional_int (reader, node, "sample", 0, G_MAXINT, &metric->sample, error))
    return FALSE;

  metric->kind = kind;
  metric->unit = optional_text_attribute (node, "unit");
  metric->name = optional_text_attribute (node, "name");
  if (metric->kind == CJM_METRIC_CUSTOM && metric->name == NULL)
    return fail_at (reader, node, NULL, error, _("A custom metric needs a name."));

  g_ptr_array_add (metrics, g_steal_pointer (&metric));
  return TRUE;
}

static gboolean
read_point (Reader    *reader,
            xmlNode   *node,
            GPtrArray *points,
            GError   **error)
{
  static const char * const allowed[] = { "phase", "at", "touchpoint", "value", "source",
                                          "sample", "confidence", NULL };
  g_autoptr(CjmCurvePoint) point = cjm_curve_point_new_in_phase (NULL, 0, 0);
  int confidence = CJM_CONFIDENCE_UNSET;

  if (!check_attributes (reader, node, allowed, error)
      || !read_id_attribute (reader, node, "phase", &point->phase, error)
      || !read_id_attribute (reader, node, "touchpoint", &point->touchpoint, error)
      || !read_required_double (reader, node, "value", -10, 10, &point->value, error)
      || !read_optional_int (reader, node, "sample", 0, G_MAXINT, &point->sample, error)
      || !read_enum_attribute (reader, node, "confidence", CJM_TYPE_CONFIDENCE, FALSE,
                               &confidence, error))
    return FALSE;

  point->confidence = confidence;
  point->source = optional_text_attribute (node, "source");

  if ((point->phase == NULL) == (point->touchpoint == NULL))
    return fail_at (reader, node, NULL, error,
                    _("A point of an emotion curve must lie either in a phase or on a touchpoint."));
  if (point->phase != NULL
      && !read_required_double (reader, node, "at", 0, 1, &point->at, error))
    return FALSE;
  if (point->touchpoint != NULL && get_attribute (node, "at") != NULL)
    return fail_at (reader, node, "at", error,
                    _("A point on a touchpoint takes its position from the touchpoint; remove “at”."));

  g_ptr_array_add (points, g_steal_pointer (&point));
  return TRUE;
}

static gboolean
read_scale (Reader  *reader,
            CjmMap  *map,
            xmlNode *node,
            GError **error)
{
  static const char * const allowed[] = { "min", "max", NULL };
  static const char * const label_allowed[] = { "value", NULL };
  const CjmField *min_field = cjm_entity_class_find_field (CJM_ENTITY_GET_CLASS (map), "scale-min");
  const CjmField *max_field = cjm_entity_class_find_field (CJM_ENTITY_GET_CLASS (map), "scale-max");
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func ((GDestroyNotify) cjm_scale_label_free);
  int *min = cjm_entity_field_ptr (CJM_ENTITY (map), min_field);
  int *max = cjm_entity_field_ptr (CJM_ENTITY (map), max_field);

  if (!check_attributes (reader, node, allowed, error))
    return FALSE;
  for (const char *const *name = allowed; *name != NULL; name++)
    {
      const char *text = get_attribute (node, *name);

      if (text == NULL)
        return fail_at (reader, node, NULL, error, _("“%s” has no “%s” attribute."), "scale", *name);
      if (!parse_int (text, -10, 10, *name == allowed[0] ? min : max))
        return fail_at (reader, node, *name, error,
                        _("The value “%s” of “%s” must be a whole number from %d to %d."),
                        text, *name, -10, 10);
    }
  if (*min >= *max)
    return fail_at (reader, node, NULL, error,
                    _("The lowest point of the emotion scale must lie below the highest."));

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      int value;
      char *text;

      if (child->type == XML_TEXT_NODE && is_blank (child->content))
        continue;
      if (child->type == XML_COMMENT_NODE || child->type == XML_PI_NODE)
        continue;
      if (!is_named (child, "label"))
        return fail_at (reader, child->type == XML_ELEMENT_NODE ? child : node, NULL, error,
                        _("“%s” may contain only “%s” elements."), "scale", "label");
      if (!check_attributes (reader, child, label_allowed, error)
          || !read_optional_int (reader, child, "value", *min, *max, &value, error))
        return FALSE;
      if (value == CJM_UNSET_INT)
        return fail_at (reader, child, NULL, error, _("“%s” has no “%s” attribute."), "label", "value");
      for (guint i = 0; i < labels->len; i++)
        if (((CjmScaleLabel *) g_ptr_array_index (labels, i))->value == value)
          return fail_at (reader, child, "value", error,
                          _("The scale has two labels for %d."), value);
      text = element_text (reader, child, error);
      if (text == NULL)
        return FALSE;
      g_ptr_array_add (labels, cjm_scale_label_new (value, NULL));
      ((CjmScaleLabel *) g_ptr_array_index (labels, labels->len - 1))->text =
        cjm_text_sanitize (text, -1, TRUE);
      g_free (text);
    }

  g_object_set (map, "scale-labels", labels, NULL);
  return TRUE;
}

/* Reads a child element that the generic code does not know. */
static gboolean
read_custom_child (Reader    *reader,
                   CjmEntity *entity,
                   xmlNode   *child,
                   GPtrArray *list,
                   GError   **error)
{
  if (CJM_IS_TOUCHPOINT (entity) && is_named (child, "metric"))
    return read_metric (reader, entity, child, list, error);

  if (CJM_IS_TOUCHPOINT (entity) && is_named (child, "evidence"))
    {
      static const char * const allowed[] = { "kind", NULL };
      const CjmField *kind_field = cjm_entity_class_find_field (CJM_ENTITY_GET_CLASS (entity), "evidence");
      const CjmField *source_field = cjm_entity_class_find_field (CJM_ENTITY_GET_CLASS (entity),
                                                                  "evidence-source");
      int *kind = cjm_entity_field_ptr (entity, kind_field);
      char **source = cjm_entity_field_ptr (entity, source_field);
      char *text;

      if (*kind != CJM_EVIDENCE_UNSET)
        return fail_at (reader, child, NULL, error, _("A touchpoint can have only one “evidence”."));
      if (!check_attributes (reader, child, allowed, error)
          || !read_enum_attribute (reader, child, "kind", CJM_TYPE_EVIDENCE, TRUE, kind, error))
        return FALSE;
      text = element_text (reader, child, error);
      if (text == NULL)
        return FALSE;
      *source = *text != '\0' ? cjm_text_sanitize (text, -1, FALSE) : NULL;
      g_free (text);
      return TRUE;
    }

  if (CJM_IS_CURVE (entity) && is_named (child, "point"))
    return read_point (reader, child, list, error);

  return fail_at (reader, child, NULL, error,
                  _("The element “%s” is not allowed in a %s."),
                  (const char *) child->name,
                  cjm_document_describe_type (G_OBJECT_TYPE (entity)));
}

/* Reads the attributes and children of @node into @entity, through the
 * entity's field table. */
static gboolean
read_entity_node (Reader    *reader,
                  CjmEntity *entity,
                  xmlNode   *node,
                  gboolean   with_children,
                  GError   **error)
{
  CjmEntityClass *klass = CJM_ENTITY_GET_CLASS (entity);
  g_autoptr(GPtrArray) list = NULL;
  const CjmField *list_field = NULL;
  guint64 seen = 0; /* fields present, by index */

  g_assert (klass->n_fields < 64);

  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      const char *name = (const char *) attr->name;
      const CjmField *field;

      if (attribute_too_long (reader, node, attr, error))
        return FALSE;
      if (attr->ns != NULL)
        {
          if (strcmp ((const char *) attr->ns->href, CJM_NAMESPACE) == 0)
            return fail_at (reader, node, name, error,
                            _("The attribute “%s” is not allowed on a %s."), name,
                            cjm_document_describe_type (G_OBJECT_TYPE (entity)));
          if (CJM_IS_MAP (entity) && attr->ns->prefix != NULL
              && strcmp ((const char *) attr->ns->href, (const char *) XML_XML_NAMESPACE) == 0
              && strcmp (name, "lang") == 0)
            {
              const char *lang = attribute_value (attr);

              if (!cjm_language_is_valid (lang))
                return fail_at (reader, node, "xml:lang", error,
                                _("“%s” is not a language code such as “nl” or “en”."), lang);
              g_object_set (entity, "language", lang, NULL);
              continue;
            }
          cjm_entity_add_foreign_attribute (entity, (const char *) attr->ns->href,
                                            (const char *) attr->ns->prefix, name,
                                            attribute_value (attr));
          continue;
        }

      if (strcmp (name, "id") == 0 && !CJM_IS_MAP (entity))
        continue;
      if (CJM_IS_MAP (entity) && strcmp (name, "version") == 0)
        continue;

      field = cjm_entity_class_find_field (klass, name);
      if (field == NULL || field->form != CJM_FIELD_ATTRIBUTE)
        return fail_at (reader, node, name, error,
                        CJM_IS_MAP (entity) ? _("The attribute “%s” is not allowed on the map.")
                                            : _("The attribute “%s” is not allowed on a %s."),
                        name, cjm_document_describe_type (G_OBJECT_TYPE (entity)));
      if (!read_field (reader, entity, field, node, name, attribute_value (attr), error))
        return FALSE;
      seen |= G_GUINT64_CONSTANT (1) << (field - klass->fields);
    }

  if (CJM_IS_TOUCHPOINT (entity))
    list_field = cjm_entity_class_find_field (klass, "metrics");
  else if (CJM_IS_CURVE (entity))
    list_field = cjm_entity_class_find_field (klass, "points");
  if (list_field != NULL)
    list = g_ptr_array_new_with_free_func (CJM_IS_CURVE (entity)
                                           ? (GDestroyNotify) cjm_curve_point_free
                                           : (GDestroyNotify) cjm_metric_free);

  for (xmlNode *child = with_children ? node->children : NULL; child != NULL; child = child->next)
    {
      const CjmField *field;

      switch (child->type)
        {
        case XML_ELEMENT_NODE:
          break;
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
          if (!is_blank (child->content))
            return fail_at (reader, node, NULL, error,
                            _("A %s may not contain loose text; put it in an element."),
                            cjm_document_describe_type (G_OBJECT_TYPE (entity)));
          continue;
        default:
          continue; /* comments, processing instructions */
        }

      if (is_foreign (child))
        {
          if (!keep_foreign_element (reader, entity, child, error))
            return FALSE;
          continue;
        }
      if (!is_ours (child))
        return fail_at (reader, child, NULL, error,
                        _("The element “%s” is not part of the journey map format."),
                        (const char *) child->name);
      field = cjm_entity_class_find_field (klass, (const char *) child->name);
      if (field != NULL && field->form == CJM_FIELD_ELEMENT)
        {
          guint64 bit = G_GUINT64_CONSTANT (1) << (field - klass->fields);
          g_autofree char *text = NULL;

          if (seen & bit)
            return fail_at (reader, child, NULL, error, _("A %s can have only one “%s”."),
                            cjm_document_describe_type (G_OBJECT_TYPE (entity)), field->name);
          text = element_text (reader, child, error);
          if (text == NULL || !read_field (reader, entity, field, child, NULL, text, error))
            return FALSE;
          seen |= bit;
          continue;
        }
      if (!read_custom_child (reader, entity, child, list, error))
        return FALSE;
    }

  if (list != NULL && list->len > 0)
    g_object_set (entity, list_field->name, list, NULL);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const CjmField *field = &klass->fields[i];

      if (!(field->flags & CJM_FIELD_REQUIRED) || (seen & (G_GUINT64_CONSTANT (1) << i)))
        continue;
      if (field->form == CJM_FIELD_ATTRIBUTE)
        return fail_at (reader, node, NULL, error, _("This %s has no “%s” attribute."),
                        cjm_document_describe_type (G_OBJECT_TYPE (entity)), field->name);
      if (field->form == CJM_FIELD_ELEMENT && with_children)
        return fail_at (reader, node, NULL, error, _("This %s has no “%s”."),
                        cjm_document_describe_type (G_OBJECT_TYPE (entity)), field->name);
    }
  return TRUE;
}

typedef struct
{
  const char *section;
  const char *element;
  GType     (*type) (void);
} Section;

static const Section sections[] = {
  { "channels", "channel", cjm_channel_get_type },
  { "personas", "persona", cjm_persona_get_type },
  { "phases", "phase", cjm_phase_get_type },
  { "lanes", "lane", cjm_lane_get_type },
  { "touchpoints", "touchpoint", cjm_touchpoint_get_type },
  { "cards", "card", cjm_card_get_type },
  { "transitions", "transition", cjm_transition_get_type },
  { "curves", "curve", cjm_curve_get_type },
  { "actions", "action", cjm_action_get_type },
};

static gboolean
read_section (Reader        *reader,
              const Section *section,
              xmlNode       *node,
              GError       **error)
{
  if (node->properties != NULL)
    return fail_at (reader, node, (const char *) node->properties->name, error,
                    _("The attribute “%s” is not allowed on “%s”."),
                    (const char *) node->properties->name, section->section);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      g_autoptr(CjmEntity) entity = NULL;
      const char *id;

      if ((child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
          && !is_blank (child->content))
        return fail_at (reader, node, NULL, error,
                        _("“%s” may contain only “%s” elements."), section->section, section->element);
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (!is_named (child, section->element))
        return fail_at (reader, child, NULL, error,
                        _("“%s” may contain only “%s” elements, not “%s”."),
                        section->section, section->element, (const char *) child->name);

      id = get_attribute (child, "id");
      if (id == NULL)
        return fail_at (reader, child, NULL, error, _("This %s has no id."),
                        cjm_document_describe_type (section->type ()));
      if (!cjm_id_is_valid (id))
        return fail_at (reader, child, "id", error,
                        _("“%s” is not a valid id: use letters, digits, “-”, “_” and “.”, "
                          "starting with a letter."), id);
      if (cjm_document_lookup (reader->document, id) != NULL)
        return fail_at (reader, child, "id", error, _("The id “%s” is used twice."), id);
      if (section->type () == CJM_TYPE_CHANNEL && cjm_channel_info_lookup (id) != NULL)
        return fail_at (reader, child, "id", error,
                        _("“%s” is already the name of a standard channel; choose another id."), id);

      entity = g_object_new (section->type (), "id", id, NULL);
      if (!read_entity_node (reader, entity, child, TRUE, error))
        return FALSE;

      cjm_document_insert_entity (reader->document, entity,
                                  cjm_document_get_list (reader->document, section->type ())->len);
      g_ptr_array_add (reader->entities, g_object_ref (entity));
      g_ptr_array_add (reader->nodes, child);
    }
  return TRUE;
}

/* The map's own children come in a fixed order, each at most once. */
static gboolean
read_map (Reader  *reader,
          xmlNode *root,
          GError **error)
{
  static const char * const order[] = {
    "title", "description", "author", "created", "modified", "review-due", "scale",
    "channels", "personas", "phases", "lanes", "touchpoints", "cards", "transitions",
    "curves", "actions", NULL
  };
  CjmMap *map = cjm_document_get_map (reader->document);
  CjmEntityClass *klass = CJM_ENTITY_GET_CLASS (map);
  int stage = -1;
  gboolean has_title = FALSE;

  /* the attributes; the children follow, in their fixed order */
  if (!read_entity_node (reader, CJM_ENTITY (map), root, FALSE, error))
    return FALSE;

  for (xmlNode *child = root->children; child != NULL; child = child->next)
    {
      const char *name = (const char *) child->name;
      int index = -1;

      if ((child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
          && !is_blank (child->content))
        return fail_at (reader, root, NULL, error,
                        _("The map may not contain loose text; put it in an element."));
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (is_foreign (child))
        {
          if (!keep_foreign_element (reader, CJM_ENTITY (map), child, error))
            return FALSE;
          continue;
        }
      for (int i = 0; is_ours (child) && order[i] != NULL; i++)
        if (strcmp (order[i], name) == 0)
          index = i;
      if (index < 0)
        return fail_at (reader, child, NULL, error,
                        _("The element “%s” is not part of the journey map format."), name);
      if (index == stage)
        return fail_at (reader, child, NULL, error, _("The map can have only one “%s”."), name);
      if (index < stage)
        return fail_at (reader, child, NULL, error,
                        _("“%s” must come before “%s” in the file."), name, order[stage]);
      stage = index;

      if (index == 0)
        has_title = TRUE;

      if (strcmp (name, "scale") == 0)
        {
          if (!read_scale (reader, map, child, error))
            return FALSE;
        }
      else if (index < 6)
        {
          const CjmField *field = cjm_entity_class_find_field (klass, name);
          g_autofree char *text = NULL;

          if (child->properties != NULL)
            return fail_at (reader, child, (const char *) child->properties->name, error,
                            _("The attribute “%s” is not allowed on “%s”."),
                            (const char *) child->properties->name, name);
          text = element_text (reader, child, error);
          if (text == NULL)
            return FALSE;
          /* dates may be padded by hand; text is kept as written */
          if (field->type == CJM_FIELD_DATE || field->type == CJM_FIELD_TIMESTAMP)
            g_strstrip (text);
          if (!read_field (reader, CJM_ENTITY (map), field, child, NULL, text, error))
            return FALSE;
        }
      else
        {
          for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
            if (strcmp (sections[i].section, name) == 0
                && !read_section (reader, &sections[i], child, error))
              return FALSE;
        }
    }

  if (!has_title)
    return fail_at (reader, root, NULL, error, _("The map has no title."));
  return TRUE;
}

/* Meaning: references, ranges and placement, through the same checks the
 * editor applies to every change. */
static gboolean
check_semantics (Reader  *reader,
                 GError **error)
{
  g_autoptr(GHashTable) curves = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) transitions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < reader->entities->len; i++)
    {
      CjmEntity *entity = g_ptr_array_index (reader->entities, i);
      xmlNode *node = g_ptr_array_index (reader->nodes, i);
      CjmEntityClass *klass = CJM_ENTITY_GET_CLASS (entity);
      char *key = NULL;

      for (guint f = 0; f < klass->n_fields; f++)
        {
          const CjmField *field = &klass->fields[f];
          GParamSpec *pspec;
          g_auto(GValue) value = G_VALUE_INIT;
          g_autoptr(GError) local_error = NULL;

          if (field->type == CJM_FIELD_TEXT || field->type == CJM_FIELD_BOOLEAN
              || field->type == CJM_FIELD_TIMESTAMP || field->type == CJM_FIELD_DATE)
            continue; /* fully checked while reading */

          pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), field->name);
          g_value_init (&value, pspec->value_type);
          g_object_get_property (G_OBJECT (entity), field->name, &value);
          if (!cjm_document_check_field (reader->document, entity, field, &value, &local_error))
            return fail_at (reader, node, field->form == CJM_FIELD_ATTRIBUTE ? field->name : NULL,
                            error, "%s", local_error->message);
        }

      if (CJM_IS_CURVE (entity))
        {
          key = g_strdup_printf ("%s %d", cjm_curve_get_persona (CJM_CURVE (entity)),
                                 cjm_curve_get_variant (CJM_CURVE (entity)));
          if (!g_hash_table_add (curves, key))
            return fail_at (reader, node, NULL, error,
                            _("This persona already has such a curve."));
        }
      else if (CJM_IS_TRANSITION (entity))
        {
          CjmTransition *transition = CJM_TRANSITION (entity);

          if (g_strcmp0 (cjm_transition_get_from_id (transition),
                         cjm_transition_get_to_id (transition)) == 0)
            return fail_at (reader, node, "to", error,
                            _("A transition must lead from one touchpoint to another."));
          key = g_strdup_printf ("%s %s", cjm_transition_get_from_id (transition),
                                 cjm_transition_get_to_id (transition));
          if (!g_hash_table_add (transitions, key))
            return fail_at (reader, node, NULL, error,
                            _("These touchpoints are already connected."));
        }
    }
  return TRUE;
}

static gboolean
check_root (Reader    *reader,
            xmlDocPtr  doc,
            GError   **error)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  const char *version;
  int number;

  if (doc->intSubset != NULL || doc->extSubset != NULL)
    {
      g_set_error_literal (error, CJM_IO_ERROR, CJM_IO_ERROR_UNSAFE,
                           _("The file contains a document type declaration (DOCTYPE), "
                             "which journey maps never use; it is refused for safety."));
      return FALSE;
    }
  if (doc->encoding != NULL && g_ascii_strcasecmp ((const char *) doc->encoding, "UTF-8") != 0
      && g_ascii_strcasecmp ((const char *) doc->encoding, "UTF8") != 0)
    {
      g_set_error_literal (error, CJM_IO_ERROR, CJM_IO_ERROR_ENCODING,
                           _("The file declares an encoding other than UTF-8; journey maps must be UTF-8 text."));
      return FALSE;
    }
  if (root == NULL || strcmp ((const char *) root->name, "journey-map") != 0)
    {
      locate (reader, root, NULL);
      g_set_error_literal (error, CJM_IO_ERROR, CJM_IO_ERROR_NOT_A_MAP,
                           _("This is an XML file, but not a journey map."));
      return FALSE;
    }
  if (!is_ours (root))
    {
      locate (reader, root, NULL);
      g_set_error_literal (error, CJM_IO_ERROR, CJM_IO_ERROR_NOT_A_MAP,
                           _("The map is not in Reiskaart’s namespace “urn:reiskaart:cjm:1”, "
                             "so it is not a Reiskaart journey map."));
      return FALSE;
    }

  version = get_attribute (root, "version");
  if (version == NULL)
    return fail_at (reader, root, NULL, error, _("The map does not say which format version it uses."));
  if (!parse_int (version, 1, G_MAXINT, &number))
    return fail_at (reader, root, "version", error, _("“%s” is not a format version."), version);
  if (number > CJM_FORMAT_VERSION)
    {
      locate (reader, root, "version");
      g_set_error (error, CJM_IO_ERROR, CJM_IO_ERROR_NEWER_VERSION,
                   _("This map was saved by a newer version of Reiskaart (format %d); "
                     "update Reiskaart to open it."), number);
      return FALSE;
    }

  return TRUE;
}

/**
 * cjm_reader_load_bytes:
 * @bytes: the contents of a .cjm file
 * @location: (out) (optional): where the problem is, on failure
 * @error: a plain sentence saying what is wrong
 *
 * Loads a journey map from untrusted bytes. Never reads other files or the
 * network, never expands entities, and rejects anything it cannot fully
 * check rather than guessing.
 *
 * Returns: (transfer full) (nullable): the map, with an empty history
 */
CjmDocument *
cjm_reader_load_bytes (GBytes       *bytes,
                       CjmLocation  *location,
                       GError      **error)
{
  g_autoptr(CjmDocument) document = NULL;
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func (g_object_unref);
  CjmLocation unused;
  Reader reader;
  xmlParserCtxtPtr ctxt;
  xmlDocPtr doc;
  gsize length;
  gboolean ok;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  cjm_reader_init ();

  if (location == NULL)
    location = &unused;
  location->line = 0;
  location->column = 0;

  reader.data = g_bytes_get_data (bytes, &length);
  reader.length = length;
  reader.location = location;
  reader.nodes = nodes;
  reader.entities = entities;
  if (reader.data == NULL)
    reader.data = "";

  if (!check_bytes (&reader, error))
    return NULL;

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error_literal (error, CJM_IO_ERROR, CJM_IO_ERROR_TOO_LARGE,
                           _("The file is too complex to open safely."));
      return NULL;
    }
  doc = xmlCtxtReadMemory (ctxt, reader.data, (int) length, NULL, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES
                           | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL || !ctxt->wellFormed || !ctxt->nsWellFormed)
    {
      report_xml_error (&reader, xmlCtxtGetLastError (ctxt), error);
      if (doc != NULL)
        xmlFreeDoc (doc);
      xmlFreeParserCtxt (ctxt);
      return NULL;
    }
  xmlFreeParserCtxt (ctxt);

  document = cjm_document_new ();
  reader.document = document;

  ok = check_root (&reader, doc, error)
       && read_map (&reader, xmlDocGetRootElement (doc), error)
       && check_semantics (&reader, error);

  xmlFreeDoc (doc);
  xmlResetLastError ();

  if (!ok)
    return NULL;

  location->line = 0;
  location->column = 0;
  return g_steal_pointer (&document);
}

/**
 * cjm_reader_read_file:
 * @file: a file
 * @error: why it cannot be read
 *
 * Reads the bytes of a would-be map, refusing what is not a regular file
 * or is too large before reading anything.
 *
 * Returns: (transfer full) (nullable): the contents
 */
GBytes *
cjm_reader_read_file (GFile   *file,
                      GError **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  GByteArray *buffer;
  goffset size;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("The file does not exist; it may have been moved or deleted."));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                             _("You do not have permission to read this file."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error_literal (error, CJM_IO_ERROR, CJM_IO_ERROR_NOT_REGULAR,
                           g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY
                           ? _("This is a folder, not a journey map.")
                           : _("This is not an ordinary file, so it cannot be a journey map."));
      return NULL;
    }
  size = g_file_info_get_size (info);
  if (size > CJM_MAX_FILE_SIZE)
    {
      g_set_error (error, CJM_IO_ERROR, CJM_IO_ERROR_TOO_LARGE,
                   _("The file is larger than %d MB, which is more than any journey map needs."),
                   CJM_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }

  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                             _("You do not have permission to read this file."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* read at most one byte past the limit: the file may grow meanwhile */
  buffer = g_byte_array_sized_new ((guint) size + 1);
  for (;;)
    {
      guint8 chunk[65536];
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), chunk, sizeof chunk, NULL, &local_error);

      if (n < 0)
        {
          g_byte_array_unref (buffer);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (n == 0)
        break;
      g_byte_array_append (buffer, chunk, (guint) n);
      if (buffer->len > CJM_MAX_FILE_SIZE)
        {
          g_byte_array_unref (buffer);
          g_set_error (error, CJM_IO_ERROR, CJM_IO_ERROR_TOO_LARGE,
                       _("The file is larger than %d MB, which is more than any journey map needs."),
                       CJM_MAX_FILE_SIZE / (1024 * 1024));
          return NULL;
        }
    }
  return g_byte_array_free_to_bytes (buffer);
}

/**
 * cjm_reader_load_file:
 * @file: a .cjm file
 * @location: (out) (optional): where the problem is, on failure
 * @error: a plain sentence saying what is wrong
 *
 * Returns: (transfer full) (nullable): the map
 */
CjmDocument *
cjm_reader_load_file (GFile        *file,
                      CjmLocation  *location,
                      GError      **error)
{
  g_autoptr(GBytes) bytes = NULL;

  if (location != NULL)
    location->line = location->column = 0;

  bytes = cjm_reader_read_file (file, error);
  if (bytes == NULL)
    return NULL;
  return cjm_reader_load_bytes (bytes, location, error);
}
