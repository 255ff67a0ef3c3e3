/* cjm-svg-writer.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <hb-ot.h>
#include <hb-subset.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "cjm-svg-writer.h"

/* Writes what the renderer paints as SVG elements, one per shape and one
 * <text> per run of text, so that a map's text stays text: selectable,
 * searchable and editable in Inkscape or a browser. cairo 1.16's own SVG
 * surface draws every glyph as an outline instead.
 *
 * The renderer still builds its paths, transformations and colours on a
 * cairo context (cjm_svg_writer_get_cairo()); only the painting goes
 * through cjm-paint, which hands it here. Everything is written in page
 * coordinates (points), so the file reads plainly. The glyphs a map uses
 * are embedded as subset fonts, as in a PDF, so the poster looks the same
 * on a machine without those fonts. */

#define FLUSH_AT (256 * 1024)

typedef struct
{
  hb_face_t *face;
  char      *family;
  int        weight;
  PangoStyle style;
  hb_set_t  *glyphs;
  hb_set_t  *unicodes;
} EmbeddedFont;

struct _CjmSvgWriter
{
  GObject          parent_instance;

  GOutputStream   *stream;
  GString         *out;
  GError          *error;
  cairo_surface_t *surface;
  cairo_t         *cr;
  GArray          *clips;   /* guint: the clip in force in each saved state */
  guint            n_clips;
  GArray          *groups;  /* gsize: where each open group's tag is */
  GHashTable      *fonts;   /* hb_face_t * → EmbeddedFont */
  GPtrArray       *font_order;
  gboolean         finished;
};

G_DEFINE_FINAL_TYPE (CjmSvgWriter, cjm_svg_writer, G_TYPE_OBJECT)

static cairo_user_data_key_t writer_key;

static void
embedded_font_free (gpointer data)
{
  EmbeddedFont *font = data;

  hb_face_destroy (font->face);
  hb_set_destroy (font->glyphs);
  hb_set_destroy (font->unicodes);
  g_free (font->family);
  g_free (font);
}

static void
cjm_svg_writer_finalize (GObject *object)
{
  CjmSvgWriter *self = CJM_SVG_WRITER (object);

  cairo_destroy (self->cr);
  cairo_surface_destroy (self->surface);
  g_clear_object (&self->stream);
  g_string_free (self->out, TRUE);
  g_clear_error (&self->error);
  g_array_unref (self->clips);
  g_array_unref (self->groups);
  g_ptr_array_unref (self->font_order);
  g_hash_table_unref (self->fonts);

  G_OBJECT_CLASS (cjm_svg_writer_parent_class)->finalize (object);
}

static void
cjm_svg_writer_class_init (CjmSvgWriterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cjm_svg_writer_finalize;
}

static void
cjm_svg_writer_init (CjmSvgWriter *self)
{
  guint none = 0;

  self->out = g_string_sized_new (FLUSH_AT + 4096);
  self->clips = g_array_new (FALSE, FALSE, sizeof (guint));
  self->groups = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_array_append_val (self->clips, none);
  self->font_order = g_ptr_array_new ();
  self->fonts = g_hash_table_new_full (NULL, NULL, NULL, embedded_font_free);
}

static void
flush (CjmSvgWriter *self)
{
  if (self->error == NULL && self->out->len > 0)
    g_output_stream_write_all (self->stream, self->out->str, self->out->len,
                               NULL, NULL, &self->error);
  g_string_truncate (self->out, 0);
}

static void
maybe_flush (CjmSvgWriter *self)
{
  if (self->out->len >= FLUSH_AT && self->groups->len == 0)
    flush (self);
}

/* Numbers to two decimals, without trailing zeros, whatever the locale. */
static void
append_number (GString *s,
               double   value)
{
  gint64 hundredths;

  if (!isfinite (value) || fabs (value) > 1e12)
    value = 0;
  hundredths = (gint64) llround (value * 100);
  if (hundredths < 0)
    {
      g_string_append_c (s, '-');
      hundredths = -hundredths;
    }
  g_string_append_printf (s, "%" G_GINT64_FORMAT, hundredths / 100);
  if (hundredths % 100 != 0)
    {
      g_string_append_c (s, '.');
      g_string_append_c (s, '0' + (char) (hundredths % 100 / 10));
      if (hundredths % 10 != 0)
        g_string_append_c (s, '0' + (char) (hundredths % 10));
    }
}

static void
append_numbers (GString      *s,
                const double *values,
                guint         n_values)
{
  for (guint i = 0; i < n_values; i++)
    {
      if (i > 0)
        g_string_append_c (s, ' ');
      append_number (s, values[i]);
    }
}

static void
append_attribute (GString    *s,
                  const char *name,
                  double      value)
{
  g_string_append_printf (s, " %s=\"", name);
  append_number (s, value);
  g_string_append_c (s, '"');
}

/* The source colour as fill or stroke; the renderer paints in plain
 * colours only. */
static void
append_paint (CjmSvgWriter *self,
              const char   *what)
{
  double r = 0, g = 0, b = 0, a = 1;

  cairo_pattern_get_rgba (cairo_get_source (self->cr), &r, &g, &b, &a);
  g_string_append_printf (self->out, " %s=\"#%02x%02x%02x\"", what,
                          (guint) lround (CLAMP (r, 0, 1) * 255),
                          (guint) lround (CLAMP (g, 0, 1) * 255),
                          (guint) lround (CLAMP (b, 0, 1) * 255));
  if (a < 1)
    {
      g_string_append_printf (self->out, " %s-opacity=\"", what);
      append_number (self->out, a);
      g_string_append_c (self->out, '"');
    }
}

static void
append_clip (CjmSvgWriter *self)
{
  guint clip = g_array_index (self->clips, guint, self->clips->len - 1);

  if (clip != 0)
    g_string_append_printf (self->out, " clip-path=\"url(#c%u)\"", clip);
}

/* How many page units one unit of the current user space is. */
static double
user_scale (cairo_t *cr)
{
  cairo_matrix_t m;

  cairo_get_matrix (cr, &m);
  return sqrt (fabs (m.xx * m.yy - m.xy * m.yx));
}

/* Begins an element for the current path in page coordinates: <rect
 * when it is one upright rectangle, else <path d="...", left open for the
 * caller's attributes. Returns FALSE for an empty path, which paints
 * nothing, and writes nothing then. */
static gboolean
append_shape (CjmSvgWriter *self)
{
  cairo_path_t *path;
  GString *s = self->out;
  int n_points = 0;
  double px[4] = { 0 }, py[4] = { 0 };
  gboolean closed = FALSE, rect = TRUE;

  cairo_save (self->cr);
  cairo_identity_matrix (self->cr);
  path = cairo_copy_path (self->cr);
  cairo_restore (self->cr);

  if (path->status != CAIRO_STATUS_SUCCESS || path->num_data == 0)
    {
      cairo_path_destroy (path);
      return FALSE;
    }

  /* an upright rectangle: move, three lines, close (and cairo's move
   * back to the start) */
  for (int i = 0; i < path->num_data && rect; i += path->data[i].header.length)
    {
      cairo_path_data_t *d = &path->data[i];

      switch (d->header.type)
        {
        case CAIRO_PATH_MOVE_TO:
          if (closed)
            break;
          G_GNUC_FALLTHROUGH;
        case CAIRO_PATH_LINE_TO:
          if (closed || n_points == 4 || (n_points == 0) != (d->header.type == CAIRO_PATH_MOVE_TO))
            rect = FALSE;
          else
            {
              px[n_points] = d[1].point.x;
              py[n_points] = d[1].point.y;
              n_points++;
            }
          break;
        case CAIRO_PATH_CLOSE_PATH:
          closed = TRUE;
          break;
        case CAIRO_PATH_CURVE_TO:
        default:
          rect = FALSE;
          break;
        }
    }
  rect = rect && closed && n_points == 4
         && ((py[0] == py[1] && px[1] == px[2] && py[2] == py[3] && px[3] == px[0])
             || (px[0] == px[1] && py[1] == py[2] && px[2] == px[3] && py[3] == py[0]));

  if (rect)
    {
      g_string_append (s, "<rect");
      append_attribute (s, "x", MIN (px[0], px[2]));
      append_attribute (s, "y", MIN (py[0], py[2]));
      append_attribute (s, "width", fabs (px[2] - px[0]));
      append_attribute (s, "height", fabs (py[2] - py[0]));
      cairo_path_destroy (path);
      return TRUE;
    }

  g_string_append (s, "<path d=\"");
  for (int i = 0; i < path->num_data; i += path->data[i].header.length)
    {
      cairo_path_data_t *d = &path->data[i];
      static const char commands[] = { 'M', 'L', 'C', 'Z' };

      /* cairo follows every close with a move to the same point */
      if (d->header.type == CAIRO_PATH_MOVE_TO && i + d->header.length >= path->num_data)
        break;
      if (s->str[s->len - 1] != '"')
        g_string_append_c (s, ' ');
      g_string_append_c (s, commands[d->header.type]);
      for (int p = 1; p < d->header.length; p++)
        {
          g_string_append_c (s, ' ');
          append_number (s, d[p].point.x);
          g_string_append_c (s, ' ');
          append_number (s, d[p].point.y);
        }
    }
  g_string_append_c (s, '"');
  cairo_path_destroy (path);
  return TRUE;
}

/**
 * cjm_svg_writer_new:
 * @stream: where the SVG goes
 * @width: the page's width in points
 * @height: the page's height in points
 * @title: (nullable): the document's title
 *
 * Returns: (transfer full): a writer; draw through cjm-paint on the context
 *   cjm_svg_writer_get_cairo() gives, then call cjm_svg_writer_finish()
 */
CjmSvgWriter *
cjm_svg_writer_new (GOutputStream *stream,
                    double         width,
                    double         height,
                    const char    *title)
{
  CjmSvgWriter *self = g_object_new (CJM_TYPE_SVG_WRITER, NULL);
  cairo_rectangle_t extents = { 0, 0, width, height };
  cairo_font_options_t *options;
  GString *s = self->out;

  self->stream = g_object_ref (stream);
  /* nothing is ever painted on it: it holds the state and the clip */
  self->surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  self->cr = cairo_create (self->surface);
  cairo_set_user_data (self->cr, &writer_key, self, NULL);
  /* text is laid out as for a PDF: glyph advances not rounded to pixels */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_set_font_options (self->cr, options);
  cairo_font_options_destroy (options);

  g_string_append (s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"");
  g_string_append (s, " width=\"");
  append_number (s, width);
  g_string_append (s, "pt\" height=\"");
  append_number (s, height);
  g_string_append (s, "pt\" viewBox=\"0 0 ");
  append_number (s, width);
  g_string_append_c (s, ' ');
  append_number (s, height);
  g_string_append (s, "\">\n");
  if (title != NULL && *title != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (title, -1);

      g_string_append_printf (s, "<title>%s</title>\n", escaped);
    }
  return self;
}

/**
 * cjm_svg_writer_get_cairo:
 *
 * Returns: (transfer none): the context to draw on, in points; paint on
 *   it through cjm-paint only
 */
cairo_t *
cjm_svg_writer_get_cairo (CjmSvgWriter *self)
{
  g_return_val_if_fail (CJM_IS_SVG_WRITER (self), NULL);

  return self->cr;
}

/**
 * cjm_svg_writer_from_cairo:
 *
 * Returns: (nullable) (transfer none): the writer @cr belongs to, or %NULL
 *   for any other cairo context
 */
CjmSvgWriter *
cjm_svg_writer_from_cairo (cairo_t *cr)
{
  return cairo_get_user_data (cr, &writer_key);
}

void
cjm_svg_writer_save (CjmSvgWriter *self)
{
  guint clip = g_array_index (self->clips, guint, self->clips->len - 1);

  cairo_save (self->cr);
  g_array_append_val (self->clips, clip);
}

void
cjm_svg_writer_restore (CjmSvgWriter *self)
{
  g_return_if_fail (self->clips->len > 1);

  cairo_restore (self->cr);
  g_array_set_size (self->clips, self->clips->len - 1);
}

/* A clip is a <clipPath> of its own, clipped in turn by the one it
 * narrows, and stays in force until the state it was set in is restored. */
void
cjm_svg_writer_clip (CjmSvgWriter *self)
{
  guint *current = &g_array_index (self->clips, guint, self->clips->len - 1);
  guint parent = *current;
  GString *s = self->out;

  g_string_append_printf (s, "<clipPath id=\"c%u\"", ++self->n_clips);
  if (parent != 0)
    g_string_append_printf (s, " clip-path=\"url(#c%u)\"", parent);
  g_string_append_c (s, '>');
  if (append_shape (self))
    {
      if (cairo_get_fill_rule (self->cr) == CAIRO_FILL_RULE_EVEN_ODD)
        g_string_append (s, " clip-rule=\"evenodd\"");
      g_string_append (s, "/>");
    }
  g_string_append (s, "</clipPath>\n");
  *current = self->n_clips;
  cairo_clip (self->cr);
  maybe_flush (self);
}

/**
 * cjm_svg_writer_fill:
 *
 * Writes the current path filled with the source colour; leaves the path.
 */
void
cjm_svg_writer_fill (CjmSvgWriter *self)
{
  if (!append_shape (self))
    return;
  append_paint (self, "fill");
  if (cairo_get_fill_rule (self->cr) == CAIRO_FILL_RULE_EVEN_ODD)
    g_string_append (self->out, " fill-rule=\"evenodd\"");
  append_clip (self);
  g_string_append (self->out, "/>\n");
  maybe_flush (self);
}

/**
 * cjm_svg_writer_stroke:
 *
 * Writes the current path stroked with the source colour and the line
 * settings; leaves the path.
 */
void
cjm_svg_writer_stroke (CjmSvgWriter *self)
{
  static const char *caps[] = { NULL, "round", "square" };
  static const char *joins[] = { NULL, "round", "bevel" };
  cairo_t *cr = self->cr;
  double scale = user_scale (cr);
  GString *s = self->out;
  int n_dashes;

  if (!append_shape (self))
    return;
  g_string_append (s, " fill=\"none\"");
  append_paint (self, "stroke");
  append_attribute (s, "stroke-width", cairo_get_line_width (cr) * scale);
  if (cairo_get_line_cap (cr) < G_N_ELEMENTS (caps) && caps[cairo_get_line_cap (cr)] != NULL)
    g_string_append_printf (s, " stroke-linecap=\"%s\"", caps[cairo_get_line_cap (cr)]);
  if (cairo_get_line_join (cr) < G_N_ELEMENTS (joins) && joins[cairo_get_line_join (cr)] != NULL)
    g_string_append_printf (s, " stroke-linejoin=\"%s\"", joins[cairo_get_line_join (cr)]);
  else if (cairo_get_miter_limit (cr) != 4)
    append_attribute (s, "stroke-miterlimit", cairo_get_miter_limit (cr));

  n_dashes = cairo_get_dash_count (cr);
  if (n_dashes > 0)
    {
      g_autofree double *dashes = g_new (double, n_dashes);
      double offset;

      cairo_get_dash (cr, dashes, &offset);
      for (int i = 0; i < n_dashes; i++)
        dashes[i] *= scale;
      g_string_append (s, " stroke-dasharray=\"");
      append_numbers (s, dashes, n_dashes);
      g_string_append_c (s, '"');
      if (offset != 0)
        append_attribute (s, "stroke-dashoffset", offset * scale);
    }
  append_clip (self);
  g_string_append (s, "/>\n");
  maybe_flush (self);
}

/**
 * cjm_svg_writer_paint:
 *
 * Writes the whole page in the source colour, as far as the clip lets it.
 */
void
cjm_svg_writer_paint (CjmSvgWriter *self)
{
  cairo_rectangle_t extents;

  cairo_recording_surface_get_extents (self->surface, &extents);
  g_string_append (self->out, "<rect");
  append_attribute (self->out, "width", extents.width);
  append_attribute (self->out, "height", extents.height);
  append_paint (self, "fill");
  append_clip (self);
  g_string_append (self->out, "/>\n");
}

/**
 * cjm_svg_writer_begin_group:
 *
 * Begins a group that cjm_svg_writer_end_group() fades as one.
 */
void
cjm_svg_writer_begin_group (CjmSvgWriter *self)
{
  gsize at;

  g_string_append (self->out, "<g");
  /* the opacity comes at the end; a group stays in memory until then */
  at = self->out->len;
  g_array_append_val (self->groups, at);
  g_string_append (self->out, ">\n");
}

void
cjm_svg_writer_end_group (CjmSvgWriter *self,
                          double        opacity)
{
  g_autoptr(GString) attribute = g_string_new (NULL);
  gsize at;

  g_return_if_fail (self->groups->len > 0);

  at = g_array_index (self->groups, gsize, self->groups->len - 1);
  g_array_set_size (self->groups, self->groups->len - 1);
  if (opacity < 1)
    {
      append_attribute (attribute, "opacity", MAX (opacity, 0));
      g_string_insert_len (self->out, at, attribute->str, attribute->len);
    }
  g_string_append (self->out, "</g>\n");
  maybe_flush (self);
}

/* Text ---------------------------------------------------------------------- */

/* Notes the font of a run for embedding, with its glyphs and characters. */
static EmbeddedFont *
font_for (CjmSvgWriter         *self,
          PangoFont            *pango_font,
          PangoFontDescription *description)
{
  hb_font_t *hb_font = pango_font_get_hb_font (pango_font);
  hb_face_t *face = hb_font != NULL ? hb_font_get_face (hb_font) : NULL;
  EmbeddedFont *font;

  if (face == NULL)
    return NULL;
  font = g_hash_table_lookup (self->fonts, face);
  if (font == NULL)
    {
      font = g_new0 (EmbeddedFont, 1);
      font->face = hb_face_reference (face);
      font->family = g_strdup (pango_font_description_get_family (description));
      font->weight = pango_font_description_get_weight (description);
      font->style = pango_font_description_get_style (description);
      font->glyphs = hb_set_create ();
      font->unicodes = hb_set_create ();
      g_hash_table_insert (self->fonts, face, font);
      g_ptr_array_add (self->font_order, font);
    }
  return font;
}

static void
append_family (GString    *s,
               const char *family,
               gboolean    fallback)
{
  /* a family name is quoted in CSS; keep it from ending the quotes */
  g_string_append_c (s, '\'');
  for (const char *p = family != NULL ? family : "sans-serif"; *p != '\0'; p++)
    if (*p != '\'' && *p != '"' && *p != '&' && *p != '<' && *p != '\\')
      g_string_append_c (s, *p);
  g_string_append_c (s, '\'');
  if (fallback)
    g_string_append (s, ", sans-serif");
}

/* One run of glyphs in one font as one <text>, each character at the
 * position pango gave its glyph, so the text sits where it does in the PDF
 * even where the viewer's font differs a little. */
static void
write_run (CjmSvgWriter    *self,
           const char      *layout_text,
           PangoLayoutRun  *run,
           double           x,
           double           baseline,
           double           size,
           gboolean         upright)
{
  PangoItem *item = run->item;
  PangoGlyphString *glyphs = run->glyphs;
  g_autoptr(PangoFontDescription) description = NULL;
  g_autoptr(GString) content = g_string_new (NULL);
  g_autofree double *cluster_x = NULL;
  g_autofree double *cluster_width = NULL;
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (double));
  EmbeddedFont *font;
  GString *s = self->out;
  double scale = user_scale (self->cr);
  double pen = x, last_glyph_x = x;
  cairo_matrix_t ctm;

  if (item->analysis.font == NULL || glyphs->num_glyphs == 0)
    return;
  description = pango_font_describe_with_absolute_size (item->analysis.font);
  font = font_for (self, item->analysis.font, description);

  /* where each cluster of characters starts, and how wide it is */
  cluster_x = g_new (double, item->length + 1);
  cluster_width = g_new0 (double, item->length + 1);
  for (int i = 0; i <= item->length; i++)
    cluster_x[i] = NAN;
  for (int i = 0; i < glyphs->num_glyphs; i++)
    {
      PangoGlyphInfo *g = &glyphs->glyphs[i];
      int cluster = glyphs->log_clusters[i];

      if (cluster < 0 || cluster > item->length)
        continue;
      if (g->attr.is_cluster_start && isnan (cluster_x[cluster]))
        cluster_x[cluster] = pen + (double) g->geometry.x_offset / PANGO_SCALE;
      cluster_width[cluster] += (double) g->geometry.width / PANGO_SCALE;
      last_glyph_x = pen + (double) g->geometry.x_offset / PANGO_SCALE;
      pen += (double) g->geometry.width / PANGO_SCALE;
      if (font != NULL && g->glyph != PANGO_GLYPH_EMPTY && !(g->glyph & PANGO_GLYPH_UNKNOWN_FLAG))
        hb_set_add (font->glyphs, g->glyph);
    }

  if (item->analysis.flags & PANGO_ANALYSIS_FLAG_IS_ELLIPSIS)
    {
      g_string_append (content, "…");
      g_array_append_val (positions, x);
    }
  else
    {
      const char *start = layout_text + item->offset;
      const char *end = start + item->length;
      double from = x, width = 0;
      int n_chars = 1, nth = 0;

      /* the characters of a ligature share its width */
      for (const char *p = start; p < end; p = g_utf8_next_char (p), nth++)
        {
          double at;

          if (!isnan (cluster_x[p - start]))
            {
              const char *q = p;

              from = cluster_x[p - start];
              width = cluster_width[p - start];
              n_chars = 0;
              nth = 0;
              do
                {
                  q = g_utf8_next_char (q);
                  n_chars++;
                }
              while (q < end && isnan (cluster_x[q - start]));
            }
          at = from + width * nth / MAX (n_chars, 1);
          g_array_append_val (positions, at);
        }
      g_string_append_len (content, start, item->length);
      /* a word broken at the end of the line gets a hyphen from pango */
      if (item->analysis.flags & PANGO_ANALYSIS_FLAG_NEED_HYPHEN)
        {
          g_string_append_c (content, '-');
          g_array_append_val (positions, last_glyph_x);
        }
    }
  if (content->len == 0)
    return;
  if (font != NULL)
    for (const char *p = content->str; *p != '\0'; p = g_utf8_next_char (p))
      hb_set_add (font->unicodes, g_utf8_get_char (p));

  /* positions in page units, unless the page is turned or stretched */
  cairo_get_matrix (self->cr, &ctm);
  if (upright)
    {
      /* no turning or stretching: x and y map on their own */
      for (guint i = 0; i < positions->len; i++)
        g_array_index (positions, double, i) = ctm.xx * g_array_index (positions, double, i) + ctm.x0;
      baseline = ctm.yy * baseline + ctm.y0;
    }
  g_string_append (s, "<text x=\"");
  append_numbers (s, (const double *) positions->data, positions->len);
  g_string_append_c (s, '"');
  append_attribute (s, "y", baseline);
  if (!upright)
    {
      const double matrix[] = { ctm.xx, ctm.yx, ctm.xy, ctm.yy, ctm.x0, ctm.y0 };

      g_string_append (s, " transform=\"matrix(");
      append_numbers (s, matrix, G_N_ELEMENTS (matrix));
      g_string_append (s, ")\"");
      scale = 1;
    }
  g_string_append (s, " font-family=\"");
  append_family (s, pango_font_description_get_family (description), TRUE);
  g_string_append_c (s, '"');
  append_attribute (s, "font-size", size * scale);
  if (pango_font_description_get_weight (description) != PANGO_WEIGHT_NORMAL)
    g_string_append_printf (s, " font-weight=\"%d\"", pango_font_description_get_weight (description));
  if (pango_font_description_get_style (description) == PANGO_STYLE_ITALIC)
    g_string_append (s, " font-style=\"italic\"");
  else if (pango_font_description_get_style (description) == PANGO_STYLE_OBLIQUE)
    g_string_append (s, " font-style=\"oblique\"");
  append_paint (self, "fill");
  append_clip (self);
  g_string_append (s, " xml:space=\"preserve\">");
  {
    g_autofree char *escaped = g_markup_escape_text (content->str, content->len);

    g_string_append (s, escaped);
  }
  g_string_append (s, "</text>\n");
}

/**
 * cjm_svg_writer_show_layout:
 *
 * Writes @layout's text at the current point, as pango_cairo_show_layout()
 * would draw it, in the source colour.
 */
void
cjm_svg_writer_show_layout (CjmSvgWriter *self,
                            PangoLayout  *layout)
{
  const char *text = pango_layout_get_text (layout);
  PangoLayoutIter *iter;
  const PangoFontDescription *font = pango_layout_get_font_description (layout);
  cairo_matrix_t ctm;
  double x = 0, y = 0, size = 10;
  gboolean upright;

  /* the size asked for, in user units; a font described by itself gives
   * its size as the context's scale left it */
  if (font != NULL && pango_font_description_get_size (font) > 0)
    {
      size = (double) pango_font_description_get_size (font) / PANGO_SCALE;
      if (!pango_font_description_get_size_is_absolute (font))
        {
          double dpi = pango_cairo_context_get_resolution (pango_layout_get_context (layout));

          size *= (dpi > 0 ? dpi : 96) / 72.0;
        }
    }

  if (cairo_has_current_point (self->cr))
    cairo_get_current_point (self->cr, &x, &y);
  cairo_get_matrix (self->cr, &ctm);
  upright = ctm.xy == 0 && ctm.yx == 0 && ctm.xx > 0 && fabs (ctm.xx - ctm.yy) < 1e-9 * ctm.xx;

  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
      PangoRectangle logical;

      if (run == NULL)
        continue;
      pango_layout_iter_get_run_extents (iter, NULL, &logical);
      write_run (self, text, run,
                 x + (double) logical.x / PANGO_SCALE,
                 y + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE,
                 size, upright);
    }
  while (pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);
  maybe_flush (self);
}

/* Fonts --------------------------------------------------------------------- */

static void
append_font_face (GString      *s,
                  EmbeddedFont *font)
{
  hb_subset_input_t *input = hb_subset_input_create_or_fail ();
  hb_face_t *subset = NULL;
  hb_blob_t *blob = NULL;
  const char *data;
  unsigned int length = 0;

  if (input == NULL)
    return;
  hb_set_union (hb_subset_input_glyph_set (input), font->glyphs);
  hb_set_union (hb_subset_input_unicode_set (input), font->unicodes);
  hb_subset_input_set_flags (input, HB_SUBSET_FLAGS_NO_HINTING);
  subset = hb_subset_or_fail (font->face, input);
  hb_subset_input_destroy (input);
  if (subset == NULL)
    return;   /* the text still names the font; the viewer finds its own */

  blob = hb_face_reference_blob (subset);
  data = hb_blob_get_data (blob, &length);
  if (length > 4)
    {
      g_autofree char *encoded = g_base64_encode ((const guchar *) data, length);
      /* one variable font has every weight (Cantarell is one) */
      g_autofree char *weight = hb_ot_var_has_data (font->face) ? g_strdup ("100 900")
                                                                 : g_strdup_printf ("%d", font->weight);

      g_string_append (s, "@font-face { font-family: ");
      append_family (s, font->family, FALSE);
      g_string_append_printf (s, "; font-weight: %s; font-style: %s; src: url(data:font/%s;base64,%s); }\n",
                              weight,
                              font->style == PANGO_STYLE_ITALIC ? "italic"
                              : font->style == PANGO_STYLE_OBLIQUE ? "oblique" : "normal",
                              memcmp (data, "OTTO", 4) == 0 ? "otf" : "ttf",
                              encoded);
    }
  hb_blob_destroy (blob);
  hb_face_destroy (subset);
}

/**
 * cjm_svg_writer_finish:
 *
 * Embeds the fonts, ends the document and writes what is left.
 *
 * Returns: whether everything was written; if not, @error is the stream's
 *   error
 */
gboolean
cjm_svg_writer_finish (CjmSvgWriter *self,
                       GError      **error)
{
  g_return_val_if_fail (CJM_IS_SVG_WRITER (self), FALSE);
  g_return_val_if_fail (!self->finished, FALSE);

  self->finished = TRUE;
  while (self->groups->len > 0)
    cjm_svg_writer_end_group (self, 1);

  if (self->font_order->len > 0)
    {
      g_string_append (self->out, "<defs>\n<style type=\"text/css\"><![CDATA[\n");
      for (guint i = 0; i < self->font_order->len; i++)
        {
          append_font_face (self->out, g_ptr_array_index (self->font_order, i));
          maybe_flush (self);
        }
      g_string_append (self->out, "]]></style>\n</defs>\n");
    }
  g_string_append (self->out, "</svg>\n");
  flush (self);

  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }
  return TRUE;
}
