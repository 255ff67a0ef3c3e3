/* test-export.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Exports checked by readers we did not write: pdfinfo for the page size
 * and count of every paper and tiling, pdftotext for the text with its
 * diacritics, libxml2 and rsvg-convert for the SVG, whose picture is
 * compared with poppler's of the PDF. PNG headers are read here, and the
 * picture data inflated with GIO's zlib. The command line runs as a user
 * would run it, without a display, and its failures must leave the folder
 * as it was. The memory a poster at 300 and 600 dpi takes is measured on
 * the command line in a child process. */

#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <cairo.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <zlib.h>

#include "cjm-document.h"
#include "cjm-export.h"
#include "cjm-reader.h"

#define PT_PER_MM (72.0 / 25.4)
#define EXAMPLE   "fietsabonnement.cjm"

static char *work_dir;

/* Helpers ------------------------------------------------------------------ */

static char *
example_path (const char *name)
{
  const char *root = g_getenv ("CJM_SOURCE_ROOT");

  if (root != NULL && *root != '\0')
    return g_build_filename (root, "data", "examples", name, NULL);
  return g_test_build_filename (G_TEST_DIST, "..", "data", "examples", name, NULL);
}

static CjmDocument *
load_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CjmDocument *document = cjm_reader_load_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (CJM_IS_DOCUMENT (document));
  return document;
}

static CjmDocument *
load_example (void)
{
  g_autofree char *path = example_path (EXAMPLE);

  return load_path (path);
}

/* A folder of its own for each test, so that what a failure leaves behind
 * can be seen. */
static char *
fresh_dir (void)
{
  g_autofree char *name = g_strdup (g_test_get_path () + 1);
  char *dir;

  g_strdelimit (name, "/", '-');
  dir = g_build_filename (work_dir, name, NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return dir;
}

static char *
tool (const char *name)
{
  char *path = g_find_program_in_path (name);

  if (path == NULL)
    g_error ("%s is not installed; install poppler-utils and librsvg2-bin as README.md shows",
             name);
  return path;
}

/* Runs @argv without a display; returns its exit status. */
static int
run (const char * const  *argv,
     const char          *cwd,
     char               **out,
     char               **err)
{
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  g_spawn_sync (cwd, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  g_error ("%s was killed by signal %d", argv[0], WTERMSIG (status));
  return -1;
}

static void
run_ok (const char * const  *argv,
        char               **out)
{
  g_autofree char *err = NULL;
  int status = run (argv, NULL, out, &err);

  if (status != 0)
    g_error ("%s failed with status %d: %s", argv[0], status, err);
}

typedef struct
{
  double width;   /* points */
  double height;
} PageSize;

/* pdfinfo's count of pages and the size of each. */
static guint
pdf_info (const char *path,
          GArray     *sizes)
{
  g_autofree char *pdfinfo = tool ("pdfinfo");
  const char *argv[] = { pdfinfo, "-f", "1", "-l", "100000", path, NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  guint pages = 0;

  run_ok (argv, &out);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *size = strstr (lines[i], " size:");
      PageSize page;

      if (g_str_has_prefix (lines[i], "Pages:"))
        pages = (guint) g_ascii_strtoull (lines[i] + strlen ("Pages:"), NULL, 10);
      else if (g_str_has_prefix (lines[i], "Page ") && size != NULL
               && sscanf (size + strlen (" size:"), "%lf x %lf", &page.width, &page.height) == 2)
        g_array_append_val (sizes, page);
    }
  g_assert_cmpuint (sizes->len, ==, pages);
  return pages;
}

static char *
pdf_text (const char *path,
          guint       first,
          guint       last)
{
  g_autofree char *pdftotext = tool ("pdftotext");
  g_autofree char *first_text = g_strdup_printf ("%u", first);
  g_autofree char *last_text = g_strdup_printf ("%u", last);
  const char *argv[] = { pdftotext, "-enc", "UTF-8", "-f", first_text, "-l", last_text,
                         path, "-", NULL };
  char *out = NULL;

  run_ok (argv, &out);
  return out;
}

static void
assert_size_mm (const PageSize *page,
                double          width_mm,
                double          height_mm)
{
  g_assert_cmpfloat_with_epsilon (page->width, width_mm * PT_PER_MM, 0.5);
  g_assert_cmpfloat_with_epsilon (page->height, height_mm * PT_PER_MM, 0.5);
}

static guint32
get32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

typedef struct
{
  guint32 width;
  guint32 height;
  guint32 ppm_x;     /* pixels per metre, from pHYs */
  guint32 ppm_y;
  gsize   pixels;    /* bytes of inflated picture data, or 0 if not inflated */
} PngInfo;

/* Reads the chunks of a PNG, checks their CRCs, and with @inflate, inflates
 * the picture data. */
static void
read_png (const char *path,
          gboolean    inflate,
          PngInfo    *info)
{
  static const guint8 signature[8] = { 137, 'P', 'N', 'G', '\r', '\n', 26, '\n' };
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, &error);
  g_autoptr(GConverter) zlib = NULL;
  g_autofree guint8 *buffer = NULL;
  const guint8 *data, *end, *p;
  gboolean seen_end = FALSE;

  g_assert_no_error (error);
  memset (info, 0, sizeof *info);
  data = (const guint8 *) g_mapped_file_get_contents (mapped);
  end = data + g_mapped_file_get_length (mapped);
  g_assert_cmpuint (g_mapped_file_get_length (mapped), >, 8 + 25);
  g_assert_cmpmem (data, 8, signature, 8);
  if (inflate)
    {
      zlib = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB));
      buffer = g_malloc (1 << 20);
    }

  for (p = data + 8; p + 12 <= end && !seen_end; )
    {
      guint32 length = get32 (p);
      const guint8 *type = p + 4;
      const guint8 *body = p + 8;

      g_assert_cmpuint (length, <=, (gsize) (end - body) - 4);
      g_assert_cmpuint (get32 (body + length), ==,
                        (guint32) crc32 (crc32 (0, NULL, 0), type, length + 4));
      if (memcmp (type, "IHDR", 4) == 0)
        {
          info->width = get32 (body);
          info->height = get32 (body + 4);
        }
      else if (memcmp (type, "pHYs", 4) == 0)
        {
          info->ppm_x = get32 (body);
          info->ppm_y = get32 (body + 4);
          g_assert_cmpuint (body[8], ==, 1);
        }
      else if (memcmp (type, "IDAT", 4) == 0 && inflate)
        {
          const guint8 *in = body;
          gsize left = length;

          while (left > 0)
            {
              gsize read = 0, written = 0;
              GConverterResult result;

              result = g_converter_convert (zlib, in, left, buffer, 1 << 20, G_CONVERTER_NO_FLAGS,
                                            &read, &written, &error);
              g_assert_no_error (error);
              g_assert_cmpint (result, !=, G_CONVERTER_ERROR);
              info->pixels += written;
              in += read;
              left -= read;
              if (result == G_CONVERTER_FINISHED)
                break;
            }
        }
      else if (memcmp (type, "IEND", 4) == 0)
        seen_end = TRUE;
      p = body + length + 4;
    }
  g_assert_true (seen_end);
}

/* Pages of every paper -------------------------------------------------- */

typedef struct
{
  const char *name;
  const char *paper;
  gboolean    landscape;
  double      width;    /* mm expected; 0: as cjm_export_page_size() says */
  double      height;
} PaperCase;

static const PaperCase paper_cases[] = {
  { "a0", "A0", TRUE, 1189, 841 },
  { "a3", "A3", TRUE, 420, 297 },
  { "a3-portrait", "A3", FALSE, 297, 420 },
  { "a4", "A4", TRUE, 297, 210 },
  { "letter", "Letter", TRUE, 279.4, 215.9 },
  { "tabloid", "Tabloid", TRUE, 431.8, 279.4 },
  { "roll-914", "Roll914", TRUE, 0, 914 },
  { "roll-610-portrait", "Roll610", FALSE, 610, 0 },
  { "custom-500x300", "500x300mm", TRUE, 500, 300 },
  { "custom-500x300-portrait", "500x300mm", FALSE, 300, 500 },
  { "fit", "fit", TRUE, 0, 0 },
};

static void
test_pdf_paper (gconstpointer data)
{
  const PaperCase *c = data;
  g_autoptr(CjmDocument) document = load_example ();
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (PageSize));
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fresh_dir ();
  g_autofree char *path = g_build_filename (dir, "poster.pdf", NULL);
  g_autofree char *text = NULL;
  CjmExportOptions options;
  double width = c->width, height = c->height, w, h;

  cjm_export_options_init (&options);
  g_assert_true (cjm_export_parse_paper (c->paper, &options.paper_width, &options.paper_height));
  options.landscape = c->landscape;
  g_assert_true (cjm_export_to_file (document, &options, path, &error));
  g_assert_no_error (error);

  cjm_export_page_size (document, &options, &w, &h);
  if (width == 0)
    width = w;
  if (height == 0)
    height = h;
  /* a roll is as long as the map needs, at the map's proportions */
  if (c->width == 0 || c->height == 0)
    {
      double cw = 0, ch = 0;
      CjmExportOptions fit = options;

      fit.paper_width = fit.paper_height = 0;
      cjm_export_page_size (document, &fit, &cw, &ch);
      g_assert_cmpfloat_with_epsilon ((width - 2 * options.margin) / (height - 2 * options.margin),
                                      (cw - 2 * options.margin) / (ch - 2 * options.margin), 1e-3);
    }

  g_assert_cmpuint (pdf_info (path, sizes), ==, 1);
  g_test_message ("%s: %.2f x %.2f pt", c->paper, g_array_index (sizes, PageSize, 0).width,
                  g_array_index (sizes, PageSize, 0).height);
  assert_size_mm (&g_array_index (sizes, PageSize, 0), width, height);
  g_assert_cmpuint (cjm_export_count_pages (document, &options), ==, 1);

  text = pdf_text (path, 1, 1);
  g_assert_nonnull (strstr (text, "Hoort van vrienden over het"));
  cjm_export_options_clear (&options);
}

/* Tiled posters: the index page and one page per sheet, all of the sheet's
 * size. A0 is 1189 x 841 mm; an A4 sheet prints 281 x 194 mm of it inside
 * its 8 mm margins, 271 x 184 mm new with 10 mm overlap, so 5 x 5 sheets
 * lying down (7 x 4 standing up); A3 prints 404 x 281 mm, so 3 x 4. */
typedef struct
{
  const char *sheet;
  double      width;
  double      height;
  guint       columns;
  guint       rows;
  const char *last;
} TileCase;

static const TileCase tile_cases[] = {
  { "A4", 297, 210, 5, 5, "Sheet E5" },
  { "A3", 420, 297, 3, 4, "Sheet D3" },
};

static void
test_pdf_tiled (gconstpointer data)
{
  const TileCase *c = data;
  g_autoptr(CjmDocument) document = load_example ();
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (PageSize));
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fresh_dir ();
  g_autofree char *path = g_build_filename (dir, "tiled.pdf", NULL);
  g_autofree char *index = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  CjmExportOptions options;
  guint pages;

  cjm_export_options_init (&options);
  g_assert_true (cjm_export_parse_paper ("A0", &options.paper_width, &options.paper_height));
  g_assert_true (cjm_export_parse_paper (c->sheet, &options.tile_width, &options.tile_height));
  g_assert_cmpfloat (options.overlap, ==, 10);
  g_assert_true (cjm_export_to_file (document, &options, path, &error));
  g_assert_no_error (error);

  pages = pdf_info (path, sizes);
  g_assert_cmpuint (pages, ==, c->columns * c->rows + 1);
  g_assert_cmpuint (cjm_export_count_pages (document, &options), ==, pages);
  for (guint i = 0; i < pages; i++)
    assert_size_mm (&g_array_index (sizes, PageSize, i), c->width, c->height);

  index = pdf_text (path, 1, 1);
  g_assert_nonnull (strstr (index, "How the sheets fit together"));
  first = pdf_text (path, 2, 2);
  g_assert_nonnull (strstr (first, "Sheet A1: row 1 of"));
  last = pdf_text (path, pages, pages);
  g_assert_nonnull (strstr (last, c->last));
  cjm_export_options_clear (&options);
}

/* Text and personas ------------------------------------------------------- */

static char *
export_text (CjmDocument  *document,
             char        **personas)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fresh_dir ();
  g_autofree char *path = g_build_filename (dir, personas != NULL ? "some.pdf" : "all.pdf", NULL);
  CjmExportOptions options;
  char *text;

  cjm_export_options_init (&options);
  options.personas = g_strdupv (personas);
  g_assert_true (cjm_export_to_file (document, &options, path, &error));
  g_assert_no_error (error);
  text = pdf_text (path, 1, 1);
  cjm_export_options_clear (&options);
  return text;
}

/* touchpoint titles, card texts and the description, as the map has them */
static const char * const expected_text[] = {
  "Fietsabonnement: van eerste indruk tot ambassadeur",
  "Vult de NPS-enquête in",
  "reparatie binnen één dag",
  "reünie-rit",
  "coördinatie door Marketing",
  "meldingen vóór 11.00 uur",
  "écht nodig",
  "Sluit het abonnement af in de app",
};

static void
test_pdf_text (void)
{
  g_autoptr(CjmDocument) document = load_example ();
  g_autofree char *text = export_text (document, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (expected_text); i++)
    if (strstr (text, expected_text[i]) == NULL)
      g_error ("pdftotext does not find “%s” in:\n%s", expected_text[i], text);
}

/* Every font of the PDF is in it, as pdffonts lists them: its columns
 * emb, sub and uni say embedded, subset, with a map back to Unicode. */
static void
test_pdf_fonts (void)
{
  g_autoptr(CjmDocument) document = load_example ();
  g_autoptr(GError) error = NULL;
  g_autofree char *pdffonts = tool ("pdffonts");
  g_autofree char *dir = fresh_dir ();
  g_autofree char *pdf = g_build_filename (dir, "poster.pdf", NULL);
  g_autofree char *out = NULL;
  const char *argv[] = { pdffonts, pdf, NULL };
  g_auto(GStrv) lines = NULL;
  guint fonts = 0;
  CjmExportOptions options;

  cjm_export_options_init (&options);
  g_assert_true (cjm_export_to_file (document, &options, pdf, &error));
  g_assert_no_error (error);
  run_ok (argv, &out);
  lines = g_strsplit (out, "\n", -1);
  /* a heading, a rule, then one line per font: name, type, encoding,
   * emb, sub, uni, object and generation */
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) fields = g_ptr_array_new ();
      g_auto(GStrv) words = g_strsplit_set (lines[i], " ", -1);

      for (guint w = 0; words[w] != NULL; w++)
        if (*words[w] != '\0')
          g_ptr_array_add (fields, words[w]);
      if (fields->len == 0)
        continue;
      g_assert_cmpuint (fields->len, >=, 8);
      if (!g_str_equal (g_ptr_array_index (fields, fields->len - 5), "yes")
          || !g_str_equal (g_ptr_array_index (fields, fields->len - 4), "yes")
          || !g_str_equal (g_ptr_array_index (fields, fields->len - 3), "yes"))
        g_error ("a font of the PDF is not embedded as a subset with Unicode: %s", lines[i]);
      fonts++;
    }
  /* regular and bold at least */
  g_assert_cmpuint (fonts, >=, 2);
  cjm_export_options_clear (&options);
}

static void
test_persona_filter (void)
{
  g_autoptr(CjmDocument) document = load_example ();
  char *lotte[] = { (char *) "lotte", NULL };
  g_autofree char *all = export_text (document, NULL);
  g_autofree char *one = export_text (document, lotte);

  g_assert_nonnull (strstr (all, "Lotte, student"));
  g_assert_nonnull (strstr (all, "Jeroen, forensende vader"));
  g_assert_nonnull (strstr (all, "Priya, expat"));

  g_assert_nonnull (strstr (one, "Lotte, student"));
  g_assert_null (strstr (one, "Jeroen"));
  g_assert_null (strstr (one, "Priya"));
}

/* SVG --------------------------------------------------------------------- */

/* The share of pixels two pictures of the same size differ in by more
 * than a quarter of the full range in any colour. */
static double
share_of_different_pixels (const char *path_a,
                           const char *path_b)
{
  cairo_surface_t *a = cairo_image_surface_create_from_png (path_a);
  cairo_surface_t *b = cairo_image_surface_create_from_png (path_b);
  int width = cairo_image_surface_get_width (a);
  int height = cairo_image_surface_get_height (a);
  guint64 different = 0;

  g_assert_cmpint (cairo_surface_status (a), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_surface_status (b), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (width, ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (height, ==, cairo_image_surface_get_height (b));
  for (int y = 0; y < height; y++)
    {
      const guint8 *ra = cairo_image_surface_get_data (a) + y * cairo_image_surface_get_stride (a);
      const guint8 *rb = cairo_image_surface_get_data (b) + y * cairo_image_surface_get_stride (b);

      for (int x = 0; x < width * 4; x += 4)
        /* the colour channels; both are opaque, with or without alpha */
        for (int c = 0; c < 3; c++)
          if (ABS (ra[x + c] - rb[x + c]) > 64)
            {
              different++;
              break;
            }
    }
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  return (double) different / ((double) width * height);
}

/* The text of every <text> element, one per line. */
static char *
svg_text (xmlDoc *svg)
{
  g_autoptr(GString) text = g_string_new (NULL);
  xmlXPathContext *context = xmlXPathNewContext (svg);
  xmlXPathObject *found;

  xmlXPathRegisterNs (context, BAD_CAST "svg", BAD_CAST "http://www.w3.org/2000/svg");
  found = xmlXPathEvalExpression (BAD_CAST "//svg:text", context);
  g_assert_nonnull (found);
  for (int i = 0; found->nodesetval != NULL && i < found->nodesetval->nodeNr; i++)
    {
      xmlChar *content = xmlNodeGetContent (found->nodesetval->nodeTab[i]);

      g_string_append_printf (text, "%s\n", (const char *) content);
      xmlFree (content);
    }
  xmlXPathFreeObject (found);
  xmlXPathFreeContext (context);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

typedef struct
{
  double x;
  double y;
  double line_x;   /* where its line of text starts */
  gboolean last;   /* whether it ends its line, where "…" may follow */
} Spot;

static void
add_spot (GHashTable *spots,
          const char *word,
          gsize       length,
          double      x,
          double      y,
          double      line_x,
          gboolean    last)
{
  g_autofree char *key = g_strndup (word, length);
  GArray *array = g_hash_table_lookup (spots, key);
  Spot spot = { x, y, line_x, last };

  if (array == NULL)
    {
      array = g_array_new (FALSE, FALSE, sizeof (Spot));
      g_hash_table_insert (spots, g_steal_pointer (&key), array);
    }
  g_array_append_val (array, spot);
}

/* Where each word of the SVG's <text> elements starts: word → Spots. */
static GHashTable *
svg_words (xmlDoc *svg)
{
  GHashTable *spots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_array_unref);
  xmlXPathContext *context = xmlXPathNewContext (svg);
  xmlXPathObject *found;

  xmlXPathRegisterNs (context, BAD_CAST "svg", BAD_CAST "http://www.w3.org/2000/svg");
  found = xmlXPathEvalExpression (BAD_CAST "//svg:text", context);
  for (int i = 0; found->nodesetval != NULL && i < found->nodesetval->nodeNr; i++)
    {
      xmlNode *node = found->nodesetval->nodeTab[i];
      xmlChar *content = xmlNodeGetContent (node);
      xmlChar *xs = xmlGetProp (node, BAD_CAST "x");
      xmlChar *ys = xmlGetProp (node, BAD_CAST "y");
      g_auto(GStrv) x = g_strsplit ((const char *) xs, " ", -1);
      double y = g_ascii_strtod ((const char *) ys, NULL);
      const char *word = NULL;
      guint n = 0;

      /* one x for each character */
      g_assert_cmpuint (g_strv_length (x), ==, g_utf8_strlen ((const char *) content, -1));
      for (const char *p = (const char *) content;; p = g_utf8_next_char (p), n++)
        {
          gboolean space = *p == '\0' || *p == ' ';

          if (space && word != NULL)
            {
              glong at = g_utf8_pointer_to_offset ((const char *) content, word);

              add_spot (spots, word, p - word, g_ascii_strtod (x[at], NULL), y,
                        g_ascii_strtod (x[0], NULL), *p == '\0');
              word = NULL;
            }
          else if (!space && word == NULL)
            word = p;
          if (*p == '\0')
            break;
        }
      xmlFree (content);
      xmlFree (xs);
      xmlFree (ys);
    }
  xmlXPathFreeObject (found);
  xmlXPathFreeContext (context);
  return spots;
}

/* Every word poppler finds in the PDF, the SVG has at the same place: its
 * first character within half a point, on a baseline within the word's
 * height. Returns how many words there were. */
static guint
assert_words_as_in_pdf (GHashTable *spots,
                        const char *pdf)
{
  g_autofree char *pdftotext = tool ("pdftotext");
  const char *argv[] = { pdftotext, "-bbox", pdf, "-", NULL };
  g_autofree char *html = NULL;
  xmlDoc *doc;
  xmlXPathContext *context;
  xmlXPathObject *found;
  guint n_words = 0, misplaced = 0;

  run_ok (argv, &html);
  doc = xmlReadMemory (html, (int) strlen (html), "bbox.html", NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  context = xmlXPathNewContext (doc);
  xmlXPathRegisterNs (context, BAD_CAST "h", BAD_CAST "http://www.w3.org/1999/xhtml");
  found = xmlXPathEvalExpression (BAD_CAST "//h:word", context);
  for (int i = 0; found->nodesetval != NULL && i < found->nodesetval->nodeNr; i++)
    {
      xmlNode *node = found->nodesetval->nodeTab[i];
      xmlChar *word = xmlNodeGetContent (node);
      double box[4];
      const char *names[] = { "xMin", "yMin", "xMax", "yMax" };
      gboolean placed = FALSE;

      for (guint k = 0; k < 4; k++)
        {
          xmlChar *value = xmlGetProp (node, BAD_CAST names[k]);

          box[k] = g_ascii_strtod ((const char *) value, NULL);
          xmlFree (value);
        }
      /* a word cut short by "…" is whole in the PDF's text */
      for (glong length = g_utf8_strlen ((const char *) word, -1); length > 0 && !placed; length--)
        {
          g_autofree char *start = g_utf8_substring ((const char *) word, 0, length);
          GArray *candidates = g_hash_table_lookup (spots, start);

          for (guint k = 0; candidates != NULL && k < candidates->len && !placed; k++)
            {
              Spot *spot = &g_array_index (candidates, Spot, k);

              if (!spot->last && length < g_utf8_strlen ((const char *) word, -1))
                continue;
              /* cairo writes the PDF's glyph widths rounded to a
               * thousandth of the type size, so along a line its words
               * wander off by up to about 0.2 % of the way */
              placed = fabs (spot->x - box[0]) < 0.5 + 0.002 * (spot->x - spot->line_x)
                       && spot->y > box[1] && spot->y < box[3];
            }
        }
      if (!placed)
        {
          g_test_message ("“%s” at %.1f, %.1f in the PDF is not there in the SVG",
                          (const char *) word, box[0], box[3]);
          misplaced++;
        }
      n_words++;
      xmlFree (word);
    }
  xmlXPathFreeObject (found);
  xmlXPathFreeContext (context);
  xmlFreeDoc (doc);
  g_test_message ("%u words of the PDF, %u not in their place in the SVG", n_words, misplaced);
  g_assert_cmpuint (misplaced, ==, 0);
  return n_words;
}

/* The SVG keeps its text as text, with the fonts it needs inside, and
 * looks like the PDF of the same map. */
static void
test_svg (void)
{
  g_autoptr(CjmDocument) document = load_example ();
  g_autoptr(GError) error = NULL;
  g_autofree char *rsvg = tool ("rsvg-convert");
  g_autofree char *pdftoppm = tool ("pdftoppm");
  g_autofree char *dir = fresh_dir ();
  g_autofree char *svg = g_build_filename (dir, "poster.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "poster.pdf", NULL);
  g_autofree char *png = g_build_filename (dir, "svg.png", NULL);
  g_autofree char *pdf_png = g_build_filename (dir, "pdf", NULL);
  g_autofree char *pdf_png_file = g_strconcat (pdf_png, ".png", NULL);
  g_autofree char *text = NULL;
  g_autofree char *contents = NULL;
  const char *rsvg_argv[] = { rsvg, "--dpi-x", "72", "--dpi-y", "72", "-o", png, svg, NULL };
  const char *pdftoppm_argv[] = { pdftoppm, "-r", "72", "-png", "-singlefile", pdf, pdf_png, NULL };
  xmlDoc *parsed;
  xmlNode *root;
  const char *font;
  guint n_fonts = 0;
  g_autoptr(GHashTable) words = NULL;
  CjmExportOptions options;
  PngInfo info;
  double different;

  cjm_export_options_init (&options);
  options.format = CJM_EXPORT_SVG;
  g_assert_true (cjm_export_parse_paper ("A2", &options.paper_width, &options.paper_height));
  g_assert_true (cjm_export_to_file (document, &options, svg, &error));
  g_assert_no_error (error);
  options.format = CJM_EXPORT_PDF;
  g_assert_true (cjm_export_to_file (document, &options, pdf, &error));
  g_assert_no_error (error);

  /* well-formed, A2 lying down, and the map's text as text */
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  parsed = xmlReadMemory (contents, (int) strlen (contents), svg, NULL,
                          XML_PARSE_NONET | XML_PARSE_HUGE);
  g_assert_nonnull (parsed);
  root = xmlDocGetRootElement (parsed);
  g_assert_cmpstr ((const char *) root->name, ==, "svg");
  {
    xmlChar *width = xmlGetProp (root, BAD_CAST "width");
    xmlChar *height = xmlGetProp (root, BAD_CAST "height");

    g_assert_cmpfloat_with_epsilon (g_ascii_strtod ((char *) width, NULL), 594 * PT_PER_MM, 0.5);
    g_assert_cmpfloat_with_epsilon (g_ascii_strtod ((char *) height, NULL), 420 * PT_PER_MM, 0.5);
    g_assert_true (g_str_has_suffix ((char *) width, "pt"));
    xmlFree (width);
    xmlFree (height);
  }
  text = svg_text (parsed);
  words = svg_words (parsed);
  xmlFreeDoc (parsed);
  g_assert_cmpuint (assert_words_as_in_pdf (words, pdf), >, 300);
  for (guint i = 0; i < G_N_ELEMENTS (expected_text); i++)
    if (strstr (text, expected_text[i]) == NULL)
      g_error ("the SVG has no text “%s” in:\n%s", expected_text[i], text);

  /* every font it uses is embedded, as a font file */
  for (font = strstr (contents, "@font-face"); font != NULL; font = strstr (font + 1, "@font-face"))
    {
      const char *data = strstr (font, ";base64,");
      g_autofree char *encoded = NULL;
      g_autofree guchar *decoded = NULL;
      gsize length = 0;

      g_assert_nonnull (data);
      data += strlen (";base64,");
      encoded = g_strndup (data, strcspn (data, ")"));
      decoded = g_base64_decode (encoded, &length);
      g_assert_cmpuint (length, >, 1000);
      g_assert_true (memcmp (decoded, "\0\1\0\0", 4) == 0 || memcmp (decoded, "OTTO", 4) == 0
                     || memcmp (decoded, "true", 4) == 0);
      n_fonts++;
    }
  /* regular and bold */
  g_assert_cmpuint (n_fonts, >=, 2);

  /* another program draws it like the PDF: the same size, the same
   * shapes; glyphs differ by their edges only */
  run_ok (rsvg_argv, NULL);
  run_ok (pdftoppm_argv, NULL);
  read_png (png, TRUE, &info);
  g_assert_cmpfloat_with_epsilon (info.width, 594 / 25.4 * 72, 2);
  g_assert_cmpfloat_with_epsilon (info.height, 420 / 25.4 * 72, 2);
  different = share_of_different_pixels (png, pdf_png_file);
  g_test_message ("%.3f %% of the pixels differ", different * 100);
  g_assert_cmpfloat (different, <, 0.02);
  cjm_export_options_clear (&options);
}

/* PNG --------------------------------------------------------------------- */

typedef struct
{
  const char *name;
  const char *paper;
  double      dpi;
} PngCase;

static const PngCase png_cases[] = {
  { "a4-72dpi", "A4", 72 },
  { "a4-150dpi", "A4", 150 },
  { "a4-300dpi", "A4", 300 },
  { "letter-150dpi", "Letter", 150 },
  { "fit-150dpi", "fit", 150 },
};

static void
test_png_size (gconstpointer data)
{
  const PngCase *c = data;
  g_autoptr(CjmDocument) document = load_example ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fresh_dir ();
  g_autofree char *path = g_build_filename (dir, "poster.png", NULL);
  CjmExportOptions options;
  double width, height;
  PngInfo info;

  cjm_export_options_init (&options);
  options.format = CJM_EXPORT_PNG;
  options.dpi = c->dpi;
  g_assert_true (cjm_export_parse_paper (c->paper, &options.paper_width, &options.paper_height));
  g_assert_true (cjm_export_to_file (document, &options, path, &error));
  g_assert_no_error (error);

  cjm_export_page_size (document, &options, &width, &height);
  if (options.paper_width > 0)
    {
      g_assert_cmpfloat (width, ==, MAX (options.paper_width, options.paper_height));
      g_assert_cmpfloat (height, ==, MIN (options.paper_width, options.paper_height));
    }
  read_png (path, c->dpi <= 150, &info);
  g_test_message ("%s at %.0f dpi: %u x %u pixels", c->paper, c->dpi, info.width, info.height);
  g_assert_cmpuint (info.width, ==, (guint32) ceil (width / 25.4 * c->dpi));
  g_assert_cmpuint (info.height, ==, (guint32) ceil (height / 25.4 * c->dpi));
  g_assert_cmpuint (info.ppm_x, ==, (guint32) round (c->dpi / 0.0254));
  g_assert_cmpuint (info.ppm_y, ==, (guint32) round (c->dpi / 0.0254));
  /* every row: a filter byte and three bytes a pixel */
  if (c->dpi <= 150)
    g_assert_cmpuint (info.pixels, ==, (gsize) info.height * (1 + 3 * (gsize) info.width));
  cjm_export_options_clear (&options);
}

/* Legibility ------------------------------------------------------------ */

static void
test_legibility (void)
{
  g_autoptr(CjmDocument) document = load_example ();
  g_autofree char *on_a0 = NULL;
  g_autofree char *on_a4 = NULL;
  CjmExportOptions options;

  cjm_export_options_init (&options);
  g_assert_true (cjm_export_parse_paper ("A0", &options.paper_width, &options.paper_height));
  on_a0 = cjm_export_check_legibility (document, &options);
  g_assert_null (on_a0);
  g_assert_cmpfloat (cjm_export_smallest_text (document, &options), >=, 3);

  g_assert_true (cjm_export_parse_paper ("A4", &options.paper_width, &options.paper_height));
  on_a4 = cjm_export_check_legibility (document, &options);
  g_assert_nonnull (on_a4);
  g_assert_cmpfloat (cjm_export_smallest_text (document, &options), <, 3);
  /* it says which item, and how small */
  g_assert_nonnull (strstr (on_a4, "Hoort van vrienden over het fietsabonnement"));
  g_assert_nonnull (strstr (on_a4, " mm"));
}

/* A generated map with @n touchpoints, written by the benchmark program. */
static char *
generated_map (guint n)
{
  const char *bench = g_getenv ("REISKAART_BENCH");
  g_autofree char *count = g_strdup_printf ("%u", n);
  g_autofree char *name = g_strdup_printf ("generated-%u.cjm", n);
  char *path = g_build_filename (work_dir, name, NULL);
  const char *argv[] = { bench, "--write-map", count, path, NULL };

  g_assert_nonnull (bench);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      /* a fixture, not under test: the checking allocator would make
       * writing it take half a minute */
      g_auto(GStrv) env = g_environ_unsetenv (g_get_environ (), "MALLOC_CHECK_");
      g_autoptr(GError) error = NULL;
      int status = 0;

      env = g_environ_unsetenv (env, "MALLOC_PERTURB_");
      g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                    &status, &error);
      g_assert_no_error (error);
      g_spawn_check_wait_status (status, &error);
      g_assert_no_error (error);
    }
  return path;
}

static void
test_legibility_big_map (void)
{
  g_autofree char *path = generated_map (1000);
  g_autoptr(CjmDocument) document = load_path (path);
  g_autofree char *warning = NULL;
  CjmExportOptions options;

  cjm_export_options_init (&options);
  g_assert_true (cjm_export_parse_paper ("A0", &options.paper_width, &options.paper_height));
  warning = cjm_export_check_legibility (document, &options);
  g_assert_nonnull (warning);
  /* the first touchpoint of the generated map */
  g_assert_nonnull (strstr (warning, "Plant de proefrit"));
}

/* The command line ----------------------------------------------------- */

static gboolean
folder_holds_only (const char         *dir,
                   const char * const *names)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint seen = 0;

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      if (!g_strv_contains (names, name))
        {
          g_test_message ("left behind: %s", name);
          return FALSE;
        }
      seen++;
    }
  return seen == g_strv_length ((char **) names);
}

typedef struct
{
  const char *name;
  int         status;
  const char *message;       /* a part of the one line on standard error */
  const char *args[8];
} CliCase;

static const CliCase cli_cases[] = {
  { "bad-paper", 2, "is not a paper size", { "--export", "out.pdf", "--paper", "B7", "@example", NULL } },
  { "small-paper", 2, "is not a paper size", { "--export", "out.pdf", "--paper", "20x20mm", "@example", NULL } },
  { "bad-dpi", 2, "between 72 and 600 dpi", { "--export", "out.png", "--dpi", "1200", "@example", NULL } },
  { "dpi-not-a-number", 2, "--help", { "--export", "out.png", "--dpi", "many", "@example", NULL } },
  { "tile-png", 2, "only be exported as PDF", { "--export", "out.png", "--tile", "A4", "@example", NULL } },
  { "tile-a2x", 2, "not a sheet size", { "--export", "out.pdf", "--tile", "A2x", "@example", NULL } },
  { "unknown-persona", 2, "no persona “nobody”", { "--export", "out.pdf", "--persona", "nobody", "@example", NULL } },
  { "bad-orientation", 2, "landscape or portrait", { "--export", "out.pdf", "--orientation", "sideways", "@example", NULL } },
  { "bad-extension", 2, ".pdf, .svg, .png or .cjm", { "--export", "out.txt", "@example", NULL } },
  { "missing-input", 1, "does not exist", { "--export", "out.pdf", "missing.cjm", NULL } },
  { "damaged-input", 1, "damaged.cjm:1:", { "--export", "out.pdf", "damaged.cjm", NULL } },
  { "no-folder", 1, "out.pdf", { "--export", "nowhere/out.pdf", "@example", NULL } },
};

static void
test_cli_error (gconstpointer data)
{
  const CliCase *c = data;
  const char *program = g_getenv ("REISKAART");
  g_autofree char *dir = fresh_dir ();
  g_autofree char *example = example_path (EXAMPLE);
  g_autofree char *damaged = g_build_filename (dir, "damaged.cjm", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char * const left[] = { "damaged.cjm", NULL };
  int status;

  g_assert_nonnull (program);
  g_file_set_contents (damaged, "<cjm xmlns=\"urn:reiskaart:cjm:1\" version=\"1\"><map", -1, &error);
  g_assert_no_error (error);

  g_ptr_array_add (argv, (char *) program);
  for (guint i = 0; c->args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) (g_str_equal (c->args[i], "@example") ? example : c->args[i]));
  g_ptr_array_add (argv, NULL);

  status = run ((const char * const *) argv->pdata, dir, &out, &err);
  g_test_message ("status %d: %s", status, err);
  g_assert_cmpint (status, ==, c->status);
  /* one line that says what is wrong */
  g_assert_true (g_str_has_suffix (err, "\n"));
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
  g_assert_nonnull (strstr (err, c->message));
  g_assert_cmpstr (out, ==, "");
  /* and nothing written, not even the temporary file */
  g_assert_true (folder_holds_only (dir, left));
}

/* An export the folder cannot take fails without leaving a part behind. */
static void
test_cli_read_only_folder (void)
{
  const char *program = g_getenv ("REISKAART");
  g_autofree char *dir = fresh_dir ();
  g_autofree char *example = example_path (EXAMPLE);
  const char *argv[] = { program, "--export", "out.pdf", example, NULL };
  const char * const nothing[] = { NULL };
  g_autofree char *err = NULL;
  int status;

  if (geteuid () == 0)
    {
      g_test_skip ("root may write into any folder");
      return;
    }
  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
  status = run (argv, dir, NULL, &err);
  g_chmod (dir, 0700);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "could not be written"));
  g_assert_true (folder_holds_only (dir, nothing));
}

/* An export that runs out of room (a full disk, or here a limit on the
 * size of files) fails with its message and leaves no part behind, in
 * every format. */
static void
test_cli_file_too_big (gconstpointer data)
{
  const char *name = data;
  const char *program = g_getenv ("REISKAART");
  g_autofree char *dir = fresh_dir ();
  g_autofree char *example = example_path (EXAMPLE);
  /* writes beyond the limit fail with EFBIG instead of a signal */
  const char *argv[] = { "/bin/sh", "-c", "trap '' XFSZ; ulimit -f 16; exec \"$0\" \"$@\"",
                         program, "--export", name, example, NULL };
  const char * const nothing[] = { NULL };
  g_autofree char *err = NULL;
  int status;

  status = run (argv, dir, NULL, &err);
  g_test_message ("status %d: %s", status, err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "could not be written"));
  g_assert_true (folder_holds_only (dir, nothing));
}

static void
test_cli_export (void)
{
  const char *program = g_getenv ("REISKAART");
  g_autofree char *dir = fresh_dir ();
  g_autofree char *example = example_path (EXAMPLE);
  g_autofree char *pdf = g_build_filename (dir, "poster.pdf", NULL);
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (PageSize));
  const char *argv[] = { program, "--export", "poster.pdf", "--paper", "A3", "--orientation",
                         "portrait", "--margin", "15", "--persona", "lotte", example, NULL };
  const char *tiled_argv[] = { program, "--export", "tiled.pdf", "--paper", "A1", "--tile", "A4",
                               "--overlap", "20", example, NULL };
  const char * const written[] = { "poster.pdf", "tiled.pdf", NULL };
  g_autofree char *err = NULL;
  g_autofree char *tiled_err = NULL;

  g_assert_cmpint (run (argv, dir, NULL, &err), ==, 0);
  /* A3 is too small for the example: the warning, but an export all the same */
  g_assert_nonnull (strstr (err, "too small to read from two metres"));
  g_assert_cmpuint (pdf_info (pdf, sizes), ==, 1);
  assert_size_mm (&g_array_index (sizes, PageSize, 0), 297, 420);

  g_assert_cmpint (run (tiled_argv, dir, NULL, &tiled_err), ==, 0);
  g_assert_true (folder_holds_only (dir, written));
}

/* Memory ---------------------------------------------------------------- */

/* Whether a child's peak memory is its own. Under valgrind the child
 * starts as a copy of this process, valgrind and all, and the kernel
 * counts that copy in the child's peak; built with AddressSanitizer, the
 * child's shadow memory and quarantine (some 500 MB) would be counted. */
static gboolean
peak_is_meaningful (void)
{
#ifdef __SANITIZE_ADDRESS__
  return FALSE;
#else
  const char *preload = g_getenv ("LD_PRELOAD");

  return preload == NULL || strstr (preload, "vgpreload") == NULL;
#endif
}

/* An A0 picture of the 10,000-touchpoint map at @dpi, in a child process
 * whose peak memory is measured. */
static void
test_png_memory (gconstpointer data)
{
  int dpi = GPOINTER_TO_INT (data);
  const char *program = g_getenv ("REISKAART");
  g_autofree char *map = generated_map (10000);
  g_autofree char *dir = fresh_dir ();
  g_autofree char *png = g_build_filename (dir, "big.png", NULL);
  g_autofree char *dpi_text = g_strdup_printf ("%d", dpi);
  const char *argv[] = { program, "--export", png, "--paper", "A0", "--dpi", dpi_text, map, NULL };
  g_auto(GStrv) env = g_environ_unsetenv (g_get_environ (), "DISPLAY");
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  GPid pid;
  int status = 0;
  gint64 start = g_get_monotonic_time ();
  PngInfo info;

  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  g_spawn_async (NULL, (char **) argv, env,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  g_test_message ("A0 at %d dpi: %.1f s, peak %ld MB", dpi,
                  (g_get_monotonic_time () - start) / 1e6, usage.ru_maxrss / 1024);
  if (peak_is_meaningful ())
    g_assert_cmpint (usage.ru_maxrss, <, 200 * 1024);

  read_png (png, FALSE, &info);
  g_assert_cmpuint (info.width, ==, (guint32) ceil (1189 / 25.4 * dpi));
  g_assert_cmpuint (info.height, ==, (guint32) ceil (841 / 25.4 * dpi));
  g_unlink (png);
}

/* The test program -------------------------------------------------------- */

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      g_chmod (path, 0700);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  /* the texts the exports hold are the untranslated ones */
  g_setenv ("LANGUAGE", "C", TRUE);
  cjm_reader_init ();

  work_dir = g_dir_make_tmp ("reiskaart-export-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (paper_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/export/pdf/paper/%s", paper_cases[i].name);

      g_test_add_data_func (name, &paper_cases[i], test_pdf_paper);
    }
  for (guint i = 0; i < G_N_ELEMENTS (tile_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/export/pdf/tiled/a0-over-%s", tile_cases[i].sheet);

      g_test_add_data_func (name, &tile_cases[i], test_pdf_tiled);
    }
  g_test_add_func ("/export/pdf/text", test_pdf_text);
  g_test_add_func ("/export/pdf/persona-filter", test_persona_filter);
  g_test_add_func ("/export/svg", test_svg);
  g_test_add_func ("/export/pdf/fonts", test_pdf_fonts);
  g_test_add_data_func ("/export/cli/file-too-big/pdf", "out.pdf", test_cli_file_too_big);
  g_test_add_data_func ("/export/cli/file-too-big/svg", "out.svg", test_cli_file_too_big);
  g_test_add_data_func ("/export/cli/file-too-big/png", "out.png", test_cli_file_too_big);
  for (guint i = 0; i < G_N_ELEMENTS (png_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/export/png/%s", png_cases[i].name);

      g_test_add_data_func (name, &png_cases[i], test_png_size);
    }
  g_test_add_func ("/export/legibility/example", test_legibility);
  g_test_add_func ("/export/legibility/big-map", test_legibility_big_map);
  for (guint i = 0; i < G_N_ELEMENTS (cli_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/export/cli/error/%s", cli_cases[i].name);

      g_test_add_data_func (name, &cli_cases[i], test_cli_error);
    }
  g_test_add_func ("/export/cli/read-only-folder", test_cli_read_only_folder);
  g_test_add_func ("/export/cli/export", test_cli_export);
  g_test_add_data_func ("/export/memory/a0-300dpi-10k", GINT_TO_POINTER (300), test_png_memory);
  g_test_add_data_func ("/export/memory/a0-600dpi-10k", GINT_TO_POINTER (600), test_png_memory);

  status = g_test_run ();

  remove_tree (work_dir);
  g_free (work_dir);
  return status;
}
