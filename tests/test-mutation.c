/* test-mutation.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Damaged maps: each example is corrupted thousands of ways, the way disks,
 * mail programs and hand edits corrupt files, and the reader must stay
 * calm. It never crashes; it returns a map or a GError whose message is
 * one line of UTF-8; and a map it returns saves to bytes that load again
 * and save to the same bytes (the round-trip oracle).
 *
 * Mutants are seeded: set CJM_MUTATION_SEED to explore others. Every
 * problem is reported with the example, the mutant's number and the
 * mutations that made it, so it can be rebuilt by hand. */

#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cjm-document.h"
#include "cjm-reader.h"
#include "cjm-schema.h"
#include "cjm-writer.h"

#define MUTANTS_PER_EXAMPLE 5000
#define DEFAULT_SEED        20260302u

typedef enum
{
  MUTATE_FLIP,
  MUTATE_TRUNCATE,
  MUTATE_DUPLICATE,
  MUTATE_DELETE,
  MUTATE_SWAP_ATTRIBUTES,
  MUTATE_SWAP_ELEMENTS,
  MUTATE_INSERT_TOKEN,
  N_MUTATIONS
} Mutation;

static const char * const mutation_names[N_MUTATIONS] = {
  "flip", "truncate", "duplicate", "delete", "swap-attributes", "swap-elements", "insert",
};

/* Crash reporting -------------------------------------------------------- */

/* What is being loaded right now, for the signal handler: a crash must
 * still say which mutant did it. */
static char crash_description[1024];
static const guint8 *volatile crash_data;
static volatile gsize crash_length;
static char crash_path[4096];

static void
on_crash (int signum)
{
  const guint8 *data = crash_data;
  int fd;

  /* only a crash inside the reader is about a mutant */
  if (data != NULL)
    {
      if (write (STDERR_FILENO, "\ncrashed while loading ", 23) < 0
          || write (STDERR_FILENO, crash_description, strlen (crash_description)) < 0)
        {
          /* nothing more can be done in a signal handler */
        }
      fd = open (crash_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
      if (fd >= 0)
        {
          if (write (fd, (const void *) data, crash_length) < 0
              || write (STDERR_FILENO, "\nthe mutant was written to ", 27) < 0
              || write (STDERR_FILENO, crash_path, strlen (crash_path)) < 0
              || write (STDERR_FILENO, "\n", 1) < 0)
            {
            }
          close (fd);
        }
    }
  signal (signum, SIG_DFL);
  raise (signum);
}

static void
install_crash_handler (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "cjm-mutation-crash.cjm", NULL);

  g_strlcpy (crash_path, path, sizeof crash_path);
  signal (SIGSEGV, on_crash);
  signal (SIGBUS, on_crash);
  signal (SIGFPE, on_crash);
  signal (SIGILL, on_crash);
  signal (SIGABRT, on_crash);
}

/* Helpers -------------------------------------------------------------- */

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
list_examples (void)
{
  const char *root = g_getenv ("CJM_SOURCE_ROOT");
  g_autofree char *dir_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (root != NULL && *root != '\0')
    dir_path = g_build_filename (root, "data", "examples", NULL);
  else
    dir_path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", NULL);
  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".cjm"))
      g_ptr_array_add (paths, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (paths, compare_paths);
  g_assert_cmpuint (paths->len, >=, 2);
  return paths;
}

static guint
rand_below (GRand *rand,
            gsize  n)
{
  return n == 0 ? 0 : (guint) g_rand_int_range (rand, 0, (gint32) MIN (n, G_MAXINT32));
}

/* A short printable rendering of some bytes for a report. */
static char *
show_bytes (const char *data,
            gsize       length)
{
  g_autofree char *raw = g_strndup (data, MIN (length, 40));
  g_autofree char *escaped = g_strescape (raw, NULL);

  /* g_strndup stops at a NUL: say so */
  if (strlen (raw) < MIN (length, 40))
    return g_strdup_printf ("%s\\0…", escaped);
  return g_strdup_printf ("%s%s", escaped, length > 40 ? "…" : "");
}

/* Mutations ------------------------------------------------------------ */

static void
insert_bytes (GByteArray   *array,
              gsize         at,
              const guint8 *data,
              gsize         length)
{
  gsize old_length = array->len;

  g_byte_array_set_size (array, old_length + length);
  memmove (array->data + at + length, array->data + at, old_length - at);
  memcpy (array->data + at, data, length);
}

typedef struct
{
  gsize start;
  gsize end;        /* one past the closing '>' */
  gsize name;       /* offset of the name */
  gsize name_length;
} Span;

static gsize
skip_past (const guint8 *data,
           gsize         length,
           gsize         from,
           const char   *marker)
{
  const char *hit = g_strstr_len ((const char *) data + from, length - from, marker);

  return hit != NULL ? (gsize) (hit - (const char *) data) + strlen (marker) : length;
}

static gboolean
is_name_char (guint8 c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-' || c == '.' || c == ':' || c >= 0x80;
}

/* The elements of @data, from start tag to end tag, found by a forgiving
 * scan that copes with the damage earlier mutations did. */
static GArray *
find_elements (const guint8 *data,
               gsize         length)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (Span));
  gsize i = 0;

  while (i < length)
    {
      gsize j;
      gsize name;
      char quote = 0;

      if (data[i] != '<')
        {
          i++;
          continue;
        }
      if (i + 4 <= length && memcmp (data + i, "<!--", 4) == 0)
        {
          i = skip_past (data, length, i + 4, "-->");
          continue;
        }
      if (i + 9 <= length && memcmp (data + i, "<![CDATA[", 9) == 0)
        {
          i = skip_past (data, length, i + 9, "]]>");
          continue;
        }
      if (i + 1 < length && (data[i + 1] == '?' || data[i + 1] == '!'))
        {
          i = skip_past (data, length, i + 2, ">");
          continue;
        }

      name = data[i + 1 < length ? i + 1 : i] == '/' ? i + 2 : i + 1;
      for (j = name; j < length && is_name_char (data[j]); j++)
        ;
      if (j == name)
        {
          i++;
          continue;
        }
      {
        gsize name_length = j - name;

        for (; j < length; j++)
          {
            if (quote != 0)
              {
                if (data[j] == quote)
                  quote = 0;
              }
            else if (data[j] == '"' || data[j] == '\'')
              quote = (char) data[j];
            else if (data[j] == '>')
              break;
          }
        if (j >= length)
          break;

        if (name == i + 2)
          {
            /* an end tag closes the nearest open element of its name */
            for (guint k = open->len; k > 0; k--)
              {
                Span *candidate = &g_array_index (open, Span, k - 1);

                if (candidate->name_length == name_length
                    && memcmp (data + candidate->name, data + name, name_length) == 0)
                  {
                    Span span = *candidate;

                    span.end = j + 1;
                    g_array_append_val (spans, span);
                    g_array_set_size (open, k - 1);
                    break;
                  }
              }
          }
        else
          {
            Span span = { i, j + 1, name, name_length };

            if (data[j - 1] == '/')
              g_array_append_val (spans, span);
            else
              g_array_append_val (open, span);
          }
        i = j + 1;
      }
    }
  return spans;
}

static gboolean
same_name (const guint8 *data,
           const Span   *a,
           const Span   *b)
{
  return a->name_length == b->name_length
         && memcmp (data + a->name, data + b->name, a->name_length) == 0;
}

static gboolean
mutate_swap_elements (GByteArray *mutant,
                      GRand      *rand,
                      GString    *description)
{
  g_autoptr(GArray) spans = find_elements (mutant->data, mutant->len);
  g_autoptr(GArray) candidates = NULL;
  gboolean want_same = g_rand_boolean (rand);
  const Span *a;
  const Span *b;
  Span first;
  Span second;
  GByteArray *result;

  if (spans->len < 2)
    return FALSE;

  a = &g_array_index (spans, Span, rand_below (rand, spans->len));
  candidates = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint pass = 0; pass < 2 && candidates->len == 0; pass++)
    for (guint k = 0; k < spans->len; k++)
      {
        const Span *other = &g_array_index (spans, Span, k);

        /* disjoint: neither contains the other */
        if (other->end > a->start && other->start < a->end)
          continue;
        if (pass == 0 && want_same && !same_name (mutant->data, a, other))
          continue;
        g_array_append_val (candidates, k);
      }
  if (candidates->len == 0)
    return FALSE;
  b = &g_array_index (spans, Span,
                      g_array_index (candidates, guint, rand_below (rand, candidates->len)));

  first = a->start < b->start ? *a : *b;
  second = a->start < b->start ? *b : *a;
  result = g_byte_array_sized_new (mutant->len);
  g_byte_array_append (result, mutant->data, first.start);
  g_byte_array_append (result, mutant->data + second.start, second.end - second.start);
  g_byte_array_append (result, mutant->data + first.end, second.start - first.end);
  g_byte_array_append (result, mutant->data + first.start, first.end - first.start);
  g_byte_array_append (result, mutant->data + second.end, mutant->len - second.end);

  g_string_append_printf (description, " swap-elements %" G_GSIZE_FORMAT "-%" G_GSIZE_FORMAT
                          " %" G_GSIZE_FORMAT "-%" G_GSIZE_FORMAT,
                          first.start, first.end, second.start, second.end);
  g_byte_array_set_size (mutant, 0);
  g_byte_array_append (mutant, result->data, result->len);
  g_byte_array_unref (result);
  return TRUE;
}

typedef struct
{
  int name_start;
  int name_end;
  int value_start;
  int value_end;
} Attribute;

static gboolean
mutate_swap_attributes (GByteArray *mutant,
                        GRand      *rand,
                        GString    *description)
{
  static GRegex *regex;
  g_autoptr(GArray) attributes = g_array_new (FALSE, FALSE, sizeof (Attribute));
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean want_same = g_rand_boolean (rand);
  const Attribute *a;
  const Attribute *b;
  Attribute first;
  Attribute second;
  GByteArray *result;

  if (regex == NULL)
    regex = g_regex_new ("\\s([A-Za-z_][-A-Za-z0-9_.:]*)=\"([^\"]*)\"",
                         G_REGEX_RAW, 0, NULL);

  g_regex_match_full (regex, (const char *) mutant->data, mutant->len, 0, 0, &match, NULL);
  while (g_match_info_matches (match))
    {
      Attribute attribute;

      g_match_info_fetch_pos (match, 1, &attribute.name_start, &attribute.name_end);
      g_match_info_fetch_pos (match, 2, &attribute.value_start, &attribute.value_end);
      g_array_append_val (attributes, attribute);
      g_match_info_next (match, NULL);
    }
  if (attributes->len < 2)
    return FALSE;

  a = &g_array_index (attributes, Attribute, rand_below (rand, attributes->len));
  for (guint pass = 0; pass < 2 && candidates->len == 0; pass++)
    for (guint k = 0; k < attributes->len; k++)
      {
        const Attribute *other = &g_array_index (attributes, Attribute, k);

        if (other == a)
          continue;
        /* the same attribute on two elements (two emotions, two phases)
         * mostly gives a valid map, which exercises the round trip */
        if (pass == 0 && want_same
            && (other->name_end - other->name_start != a->name_end - a->name_start
                || memcmp (mutant->data + other->name_start, mutant->data + a->name_start,
                           a->name_end - a->name_start) != 0))
          continue;
        g_array_append_val (candidates, k);
      }
  if (candidates->len == 0)
    return FALSE;
  b = &g_array_index (attributes, Attribute,
                      g_array_index (candidates, guint, rand_below (rand, candidates->len)));

  first = a->value_start < b->value_start ? *a : *b;
  second = a->value_start < b->value_start ? *b : *a;
  result = g_byte_array_sized_new (mutant->len);
  g_byte_array_append (result, mutant->data, first.value_start);
  g_byte_array_append (result, mutant->data + second.value_start,
                       second.value_end - second.value_start);
  g_byte_array_append (result, mutant->data + first.value_end,
                       second.value_start - first.value_end);
  g_byte_array_append (result, mutant->data + first.value_start,
                       first.value_end - first.value_start);
  g_byte_array_append (result, mutant->data + second.value_end, mutant->len - second.value_end);

  g_string_append_printf (description, " swap-attributes @%d @%d", first.value_start,
                          second.value_start);
  g_byte_array_set_size (mutant, 0);
  g_byte_array_append (mutant, result->data, result->len);
  g_byte_array_unref (result);
  return TRUE;
}

static const struct
{
  const char *bytes;
  gsize       length;
} tokens[] = {
#define T(s) { s, sizeof s - 1 }
  T ("<"), T (">"), T ("&"), T ("\""), T ("'"), T ("]]>"), T ("\0"), T ("="), T ("/"),
  T ("<!--"), T ("-->"), T ("<!-- a comment -->"), T ("<![CDATA["), T ("<![CDATA[x]]>"),
  T ("<?pi data?>"), T ("<!DOCTYPE journey-map>"), T ("<!ENTITY e \"x\">"),
  T ("&amp;"), T ("&lt;"), T ("&quot;"), T ("&e;"), T ("&#0;"), T ("&#1;"),
  T ("&#10;"), T ("&#13;"), T ("&#9;"), T ("&#x1F;"), T ("&#xD800;"), T ("&#xFFFE;"),
  T ("&#x10FFFF;"),
  T ("&#99999999;"), T ("</"), T ("/>"), T ("<x>"), T ("</x>"), T ("<title>"), T ("</title>"),
  T ("<ext:y xmlns:ext=\"urn:e\"/>"), T ("<p:y/>"), T (" a=\"1\""), T (" id=\"dup\""),
  T (" xmlns:p=\"urn:p\" p:a=\"1\""), T (" xmlns=\"\""), T (" xmlns=\"urn:other\""),
  T (" xml:lang=\"nl\""), T ("\xc3"), T ("\xff"), T ("\xed\xa0\x80"), T ("\xef\xbf\xbe"),
  T ("\xe2\x80\xa8"), T ("\xef\xbb\xbf"), T ("\r"), T ("\r\n"), T ("\n"), T ("\t"), T (" "),
  T ("-"), T ("."), T (","), T ("e"), T ("1e309"), T ("NaN"), T ("inf"), T ("-0"), T ("0x10"),
  T ("9999999999"), T ("-2147483648"), T ("2026-02-30"), T ("T25:00:00Z"), T ("#zzzzzz"),
  T ("ξ"), T ("\\"), T ("%s%n"),
#undef T
};

#define FIRST_LINE_BREAK_TOKEN 23 /* "&#10;", "&#13;", "&#9;" */

/* Positions where an insertion means most: just inside a value or a text. */
static gsize
interesting_position (GByteArray *mutant,
                      GRand      *rand)
{
  gsize start = rand_below (rand, mutant->len);

  for (gsize i = start; i < mutant->len; i++)
    if (mutant->data[i] == '"' || mutant->data[i] == '>')
      return i + 1;
  return start;
}

static gboolean
mutate (GByteArray *mutant,
        Mutation    kind,
        GRand      *rand,
        GString    *description)
{
  gsize length = mutant->len;

  if (length == 0 && kind != MUTATE_INSERT_TOKEN)
    return FALSE;

  switch (kind)
    {
    case MUTATE_FLIP:
      {
        guint n = 1 + rand_below (rand, 4);

        for (guint k = 0; k < n; k++)
          {
            gsize at = rand_below (rand, length);
            guint8 old = mutant->data[at];

            mutant->data[at] = g_rand_boolean (rand) ? (guint8) (old ^ (1u << rand_below (rand, 8)))
                                                     : (guint8) rand_below (rand, 256);
            g_string_append_printf (description, " flip@%" G_GSIZE_FORMAT ":%02x>%02x", at, old,
                                    mutant->data[at]);
          }
        return TRUE;
      }

    case MUTATE_TRUNCATE:
      {
        gsize at = rand_below (rand, length);

        g_byte_array_set_size (mutant, at);
        g_string_append_printf (description, " truncate@%" G_GSIZE_FORMAT, at);
        return TRUE;
      }

    case MUTATE_DUPLICATE:
      {
        gsize cap = g_rand_boolean (rand) ? 40 : 2000;
        gsize from = rand_below (rand, length);
        gsize n = 1 + rand_below (rand, MIN (length - from, cap));
        gsize to = g_rand_boolean (rand) ? from + n : rand_below (rand, length + 1);
        g_autofree guint8 *copy = g_memdup2 (mutant->data + from, n);

        insert_bytes (mutant, to, copy, n);
        g_string_append_printf (description, " duplicate %" G_GSIZE_FORMAT "+%" G_GSIZE_FORMAT
                                "@%" G_GSIZE_FORMAT, from, n, to);
        return TRUE;
      }

    case MUTATE_DELETE:
      {
        gsize cap = g_rand_boolean (rand) ? 40 : 2000;
        gsize from = rand_below (rand, length);
        gsize n = 1 + rand_below (rand, MIN (length - from, cap));

        g_byte_array_remove_range (mutant, from, n);
        g_string_append_printf (description, " delete %" G_GSIZE_FORMAT "+%" G_GSIZE_FORMAT,
                                from, n);
        return TRUE;
      }

    case MUTATE_SWAP_ATTRIBUTES:
      return mutate_swap_attributes (mutant, rand, description);

    case MUTATE_SWAP_ELEMENTS:
      return mutate_swap_elements (mutant, rand, description);

    case MUTATE_INSERT_TOKEN:
      {
        /* character references to line breaks often enough: they are
         * the way a value or a text gets a line break a message would
         * repeat */
        guint which = g_rand_int_range (rand, 0, 8) == 0
                      ? FIRST_LINE_BREAK_TOKEN + rand_below (rand, 3)
                      : rand_below (rand, G_N_ELEMENTS (tokens));
        gsize at = g_rand_boolean (rand) ? interesting_position (mutant, rand)
                                         : rand_below (rand, length + 1);
        g_autofree char *shown = show_bytes (tokens[which].bytes, tokens[which].length);

        insert_bytes (mutant, at, (const guint8 *) tokens[which].bytes, tokens[which].length);
        g_string_append_printf (description, " insert \"%s\"@%" G_GSIZE_FORMAT, shown, at);
        return TRUE;
      }

    case N_MUTATIONS:
    default:
      g_assert_not_reached ();
    }
}

/* The oracle ------------------------------------------------------------ */

typedef enum
{
  PROBLEM_ERROR_AND_DOCUMENT,
  PROBLEM_WRONG_DOMAIN,
  PROBLEM_BAD_MESSAGE,
  PROBLEM_BAD_LOCATION,
  PROBLEM_SAVED_DOES_NOT_LOAD,
  PROBLEM_NOT_STABLE,
  PROBLEM_SCHEMA_DISAGREES,
  N_PROBLEMS
} Problem;

static const char * const problem_names[N_PROBLEMS] = {
  "no document and no error, or both",
  "an error outside CJM_IO_ERROR",
  "a message that is empty, not UTF-8 or not one line",
  "a location outside the file",
  "an accepted map saves to bytes that do not load",
  "an accepted map does not save to the same bytes twice",
  "an accepted map saves to bytes the schema refuses",
};

typedef struct
{
  guint mutants;
  guint accepted;
  guint refused;
  guint applied[N_MUTATIONS];
  guint problems[N_PROBLEMS];
  GHashTable *codes;   /* error code -> count */
} Stats;

#define REPORTS_PER_PROBLEM 3

/* Reports the first few mutants of each problem; with CJM_MUTATION_KEEP
 * naming a folder, also keeps them there to replay by hand. */
static void
report (Stats      *stats,
        Problem     problem,
        GByteArray *mutant,
        const char *name,
        const char *detail)
{
  const char *keep = g_getenv ("CJM_MUTATION_KEEP");

  if (stats->problems[problem]++ >= REPORTS_PER_PROBLEM)
    return;
  g_test_message ("PROBLEM (%s): %s\n    %s", problem_names[problem], name, detail);
  if (keep != NULL)
    {
      g_autofree char *file = g_strdup_printf ("problem-%d-%u.cjm", problem,
                                               stats->problems[problem]);
      g_autofree char *path = g_build_filename (keep, file, NULL);

      g_file_set_contents (path, (const char *) mutant->data, mutant->len, NULL);
    }
}

static guint
count_lines (const guint8 *data,
             gsize         length)
{
  guint lines = 1;

  for (gsize i = 0; i < length; i++)
    if (data[i] == '\n')
      lines++;
  return lines;
}

static void
check_mutant (Stats      *stats,
              GByteArray *mutant,
              const char *name)
{
  g_autoptr(GBytes) bytes = g_bytes_new (mutant->data, mutant->len);
  g_autoptr(GError) error = NULL;
  g_autoptr(CjmDocument) document = NULL;
  CjmLocation location = { -1, -1 };

  g_strlcpy (crash_description, name, sizeof crash_description);
  crash_data = mutant->data;
  crash_length = mutant->len;

  document = cjm_reader_load_bytes (bytes, &location, &error);

  crash_data = NULL;
  stats->mutants++;

  if ((document == NULL) == (error == NULL))
    {
      report (stats, PROBLEM_ERROR_AND_DOCUMENT, mutant, name, "");
      return;
    }

  if (error != NULL)
    {
      const char *message = error->message;
      guint count;

      stats->refused++;
      count = GPOINTER_TO_UINT (g_hash_table_lookup (stats->codes, GINT_TO_POINTER (error->code)));
      g_hash_table_insert (stats->codes, GINT_TO_POINTER (error->code),
                           GUINT_TO_POINTER (count + 1));
      if (error->domain != CJM_IO_ERROR)
        report (stats, PROBLEM_WRONG_DOMAIN, mutant, name, g_quark_to_string (error->domain));
      if (message == NULL || *message == '\0' || !g_utf8_validate (message, -1, NULL)
          || strchr (message, '\n') != NULL || strchr (message, '\r') != NULL)
        {
          g_autofree char *shown = message != NULL ? g_strescape (message, NULL)
                                                   : g_strdup ("(null)");

          report (stats, PROBLEM_BAD_MESSAGE, mutant, name, shown);
        }
      if (location.line < 0 || location.column < 0
          || (guint) location.line > count_lines (mutant->data, mutant->len))
        {
          g_autofree char *detail = g_strdup_printf ("line %d column %d of %u lines: %s",
                                                     location.line, location.column,
                                                     count_lines (mutant->data, mutant->len),
                                                     message);

          report (stats, PROBLEM_BAD_LOCATION, mutant, name, detail);
        }
      return;
    }

  /* accepted: the round-trip oracle */
  stats->accepted++;
  {
    g_autoptr(GBytes) saved = cjm_writer_save_to_bytes (document);
    g_autoptr(GBytes) saved_again = NULL;
    g_autoptr(CjmDocument) reloaded = NULL;
    g_autoptr(GError) reload_error = NULL;
    g_autoptr(GError) schema_error = NULL;
    CjmLocation reload_location = { 0, 0 };

    reloaded = cjm_reader_load_bytes (saved, &reload_location, &reload_error);
    if (reloaded == NULL)
      {
        g_autofree char *detail = g_strdup_printf ("%d:%d: %s", reload_location.line,
                                                   reload_location.column, reload_error->message);

        report (stats, PROBLEM_SAVED_DOES_NOT_LOAD, mutant, name, detail);
        return;
      }
    saved_again = cjm_writer_save_to_bytes (reloaded);
    if (!g_bytes_equal (saved, saved_again))
      {
        gsize length;
        const char *a = g_bytes_get_data (saved, &length);
        const char *b = g_bytes_get_data (saved_again, NULL);
        gsize at = 0;
        g_autofree char *detail = NULL;
        g_autofree char *shown_a = NULL;
        g_autofree char *shown_b = NULL;

        while (at < length && at < g_bytes_get_size (saved_again) && a[at] == b[at])
          at++;
        shown_a = show_bytes (a + at, length - at);
        shown_b = show_bytes (b + at, g_bytes_get_size (saved_again) - at);
        detail = g_strdup_printf ("at byte %" G_GSIZE_FORMAT ": first \"%s\", then \"%s\"",
                                  at, shown_a, shown_b);
        report (stats, PROBLEM_NOT_STABLE, mutant, name, detail);
      }

    if (!cjm_schema_validate_bytes (saved, NULL, &schema_error))
      report (stats, PROBLEM_SCHEMA_DISAGREES, mutant, name, schema_error->message);
  }
}

static guint
get_seed (void)
{
  const char *text = g_getenv ("CJM_MUTATION_SEED");

  return text != NULL ? (guint) g_ascii_strtoull (text, NULL, 10) : DEFAULT_SEED;
}

static void
run_mutants (const char *path,
             guint       example_index,
             Stats      *stats)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *base = g_path_get_basename (path);
  gsize length = 0;
  guint seed = get_seed ();

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert (contents != NULL);

  for (guint n = 0; n < MUTANTS_PER_EXAMPLE; n++)
    {
      /* each mutant has its own generator, so any one can be rebuilt */
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed ^ (example_index * 0x9e3779b9u)
                                                    ^ (n * 2654435761u));
      g_autoptr(GByteArray) mutant = g_byte_array_sized_new (length + 64);
      g_autoptr(GString) name = g_string_new (NULL);
      guint steps = 1 + (g_rand_int_range (rand, 0, 10) >= 6)
                    + (g_rand_int_range (rand, 0, 10) >= 8);

      g_byte_array_append (mutant, (const guint8 *) contents, length);
      g_string_printf (name, "%s mutant %u (seed %u):", base, n, seed);
      for (guint step = 0; step < steps; step++)
        {
          /* every kind in turn first, so each is used evenly */
          Mutation kind = step == 0 ? (Mutation) (n % N_MUTATIONS)
                                    : (Mutation) rand_below (rand, N_MUTATIONS);

          if (mutate (mutant, kind, rand, name))
            stats->applied[kind]++;
        }
      check_mutant (stats, mutant, name->str);
    }
}

static void
test_mutation_examples (void)
{
  g_autoptr(GPtrArray) examples = list_examples ();
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GString) codes = g_string_new (NULL);
  Stats stats = { 0 };
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  stats.codes = g_hash_table_new (NULL, NULL);
  g_test_message ("seed %u (set CJM_MUTATION_SEED to change)", get_seed ());

  for (guint i = 0; i < examples->len; i++)
    run_mutants (g_ptr_array_index (examples, i), i, &stats);

  g_hash_table_iter_init (&iter, stats.codes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_string_append_printf (codes, " code %d: %u;", GPOINTER_TO_INT (key),
                            GPOINTER_TO_UINT (value));
  g_test_message ("%u mutants in %.1f s: %u accepted, %u refused (%s )", stats.mutants,
                  g_timer_elapsed (timer, NULL), stats.accepted, stats.refused, codes->str);
  for (guint k = 0; k < N_MUTATIONS; k++)
    g_test_message ("  %s applied %u times", mutation_names[k], stats.applied[k]);
  g_hash_table_unref (stats.codes);

  /* the run itself must be meaningful */
  g_assert_cmpuint (stats.mutants, >=, 5000);
  for (guint k = 0; k < N_MUTATIONS; k++)
    g_assert_cmpuint (stats.applied[k], >=, 500);
  g_assert_cmpuint (stats.accepted, >=, 100);
  g_assert_cmpuint (stats.refused, >=, stats.mutants / 2);

  /* every kind of problem first, then the verdict */
  for (guint p = 0; p < N_PROBLEMS; p++)
    if (stats.problems[p] > 0)
      g_test_message ("FAIL: %u mutants gave %s", stats.problems[p], problem_names[p]);
  for (guint p = 0; p < N_PROBLEMS; p++)
    g_assert_cmpuint (stats.problems[p], ==, 0);
}

/* The scanner behind swap-elements must itself work, or that mutation
 * would silently do nothing. */
static void
test_mutation_scanner (void)
{
  const char *text = "<a x=\"1\"><b/><!-- <c> --><c y='>' z=\"2\">t</c><b></b></a>";
  g_autoptr(GArray) spans = find_elements ((const guint8 *) text, strlen (text));
  g_autoptr(GByteArray) mutant = g_byte_array_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  g_autoptr(GString) description = g_string_new (NULL);
  guint swapped = 0;

  g_assert_cmpuint (spans->len, ==, 4);
  g_assert_cmpuint (g_array_index (spans, Span, 0).start, ==, 9);   /* <b/> */
  g_assert_cmpuint (g_array_index (spans, Span, 3).start, ==, 0);   /* <a>...</a> */
  g_assert_cmpuint (g_array_index (spans, Span, 3).end, ==, strlen (text));

  for (guint i = 0; i < 20; i++)
    {
      g_byte_array_set_size (mutant, 0);
      g_byte_array_append (mutant, (const guint8 *) text, strlen (text));
      if (mutate_swap_elements (mutant, rand, description))
        {
          swapped++;
          g_assert_cmpuint (mutant->len, ==, strlen (text));
          g_assert_true (memcmp (mutant->data, text, mutant->len) != 0);
        }
      g_byte_array_set_size (mutant, 0);
      g_byte_array_append (mutant, (const guint8 *) text, strlen (text));
      if (mutate_swap_attributes (mutant, rand, description))
        g_assert_true (memcmp (mutant->data, text, MIN (mutant->len, strlen (text))) != 0);
    }
  g_assert_cmpuint (swapped, >, 0);

  g_assert_cmpstr (tokens[FIRST_LINE_BREAK_TOKEN].bytes, ==, "&#10;");
  g_assert_cmpstr (tokens[FIRST_LINE_BREAK_TOKEN + 2].bytes, ==, "&#9;");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  install_crash_handler ();
  cjm_reader_init ();

  g_test_add_func ("/mutation/scanner", test_mutation_scanner);
  g_test_add_func ("/mutation/examples", test_mutation_examples);

  return g_test_run ();
}
