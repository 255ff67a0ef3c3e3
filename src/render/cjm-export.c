/* cjm-export.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <unistd.h>

#include "cjm-export.h"
#include "cjm-file.h"
#include "cjm-io-error.h"
#include "cjm-layout.h"
#include "cjm-paint.h"
#include "cjm-png-writer.h"
#include "cjm-renderer.h"
#include "cjm-svg-writer.h"

/* Putting a map on paper: one page of a chosen size, a roll as long as the
 * map needs, or a poster tiled over ordinary sheets with overlap, marks and
 * an index page. Every format is drawn by the same renderer as the screen.
 * Output goes to a temporary file that replaces the target only when it is
 * complete, so a failed export never leaves half a file behind. */

#define PT_PER_MM (72.0 / 25.4)
#define SHEET_MARGIN 8.0      /* mm a printer cannot reach, and room for marks */
#define BAND_ROWS 256

typedef struct
{
  const char *name;
  double      width;
  double      height;
} Paper;

static const Paper papers[] = {
  { "A0", 841, 1189 },
  { "A1", 594, 841 },
  { "A2", 420, 594 },
  { "A3", 297, 420 },
  { "A4", 210, 297 },
  { "Letter", 215.9, 279.4 },
  { "Tabloid", 279.4, 431.8 },
  { "Roll610", 610, 0 },
  { "Roll914", 914, 0 },
  { "Roll1067", 1067, 0 },
};

void
cjm_export_options_init (CjmExportOptions *options)
{
  memset (options, 0, sizeof *options);
  options->format = CJM_EXPORT_PDF;
  options->landscape = TRUE;
  options->margin = 10;
  options->dpi = 150;
  options->overlap = 10;
  options->title_block = TRUE;
}

void
cjm_export_options_clear (CjmExportOptions *options)
{
  g_clear_pointer (&options->personas, g_strfreev);
}

/**
 * cjm_export_options_copy:
 * @options: options to copy
 * @copy: (out caller-allocates): where to copy them; clear it with
 *   cjm_export_options_clear()
 *
 * Copies @options with their own list of personas, for another thread.
 */
void
cjm_export_options_copy (const CjmExportOptions *options,
                         CjmExportOptions       *copy)
{
  g_return_if_fail (options != NULL && copy != NULL);

  *copy = *options;
  copy->personas = g_strdupv (options->personas);
}

/**
 * cjm_export_parse_paper:
 * @text: "A0" to "A4", "Letter", "Tabloid", "Roll610", "Roll914",
 *   "Roll1067", "WIDTHxHEIGHTmm" or "fit"
 * @width: (out): in mm; 0 for fit
 * @height: (out): in mm; 0 for fit or a roll
 *
 * Returns: whether @text names a paper
 */
gboolean
cjm_export_parse_paper (const char *text,
                        double     *width,
                        double     *height)
{
  g_auto(GStrv) parts = NULL;
  char *end;

  if (text == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (text, "fit") == 0)
    {
      *width = *height = 0;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    if (g_ascii_strcasecmp (text, papers[i].name) == 0)
      {
        *width = papers[i].width;
        *height = papers[i].height;
        return TRUE;
      }

  if (!g_str_has_suffix (text, "mm"))
    return FALSE;
  parts = g_strsplit (text, "x", 2);
  if (g_strv_length (parts) != 2)
    return FALSE;
  *width = g_ascii_strtod (parts[0], &end);
  if (end == parts[0] || *end != '\0')
    return FALSE;
  *height = g_ascii_strtod (parts[1], &end);
  if (end == parts[1] || strcmp (end, "mm") != 0)
    return FALSE;
  /* from a business card to a wall */
  return isfinite (*width) && isfinite (*height) && *width >= 50 && *height >= 50
         && *width <= 10000 && *height <= 10000;
}

gboolean
cjm_export_format_for_path (const char      *path,
                            CjmExportFormat *format)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".pdf"))
    *format = CJM_EXPORT_PDF;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = CJM_EXPORT_SVG;
  else if (g_str_has_suffix (lower, ".png"))
    *format = CJM_EXPORT_PNG;
  else if (g_str_has_suffix (lower, ".cjm"))
    *format = CJM_EXPORT_CJM;
  else
    return FALSE;
  return TRUE;
}

static void
content_size (CjmLayout              *layout,
              const CjmExportOptions *options,
              double                 *width,
              double                 *height)
{
  *width = MAX (cjm_layout_get_width (layout), 1);
  *height = MAX (cjm_layout_get_height (layout), 1)
            + (options->title_block ? CJM_TITLE_BLOCK_HEIGHT : 0);
}

static void
page_size_for (CjmLayout              *layout,
               const CjmExportOptions *options,
               double                 *width,
               double                 *height)
{
  double cw, ch, m = options->margin;

  content_size (layout, options, &cw, &ch);
  cw /= PT_PER_MM;
  ch /= PT_PER_MM;

  if (options->paper_width <= 0)
    {
      /* the page fits the map at its own size */
      *width = cw + 2 * m;
      *height = ch + 2 * m;
    }
  else if (options->paper_height <= 0)
    {
      /* a roll: its width across the map, as long as the map needs */
      double roll = options->paper_width;

      if (options->landscape)
        {
          *height = roll;
          *width = cw * (roll - 2 * m) / ch + 2 * m;
        }
      else
        {
          *width = roll;
          *height = ch * (roll - 2 * m) / cw + 2 * m;
        }
    }
  else
    {
      double a = MAX (options->paper_width, options->paper_height);
      double b = MIN (options->paper_width, options->paper_height);

      *width = options->landscape ? a : b;
      *height = options->landscape ? b : a;
    }
}

/**
 * cjm_export_page_size:
 * @width: (out): the poster's width in mm
 * @height: (out): its height in mm
 *
 * The size of the poster: the page, or the whole that tiles make up.
 */
void
cjm_export_page_size (CjmDocument            *document,
                      const CjmExportOptions *options,
                      double                 *width,
                      double                 *height)
{
  g_autoptr(CjmLayout) layout = cjm_layout_new (document);

  page_size_for (layout, options, width, height);
}

/* Points per map unit when the content is fitted into the page. */
static double
poster_scale (CjmLayout              *layout,
              const CjmExportOptions *options,
              double                  page_width,
              double                  page_height)
{
  double cw, ch;
  double aw = (page_width - 2 * options->margin) * PT_PER_MM;
  double ah = (page_height - 2 * options->margin) * PT_PER_MM;

  content_size (layout, options, &cw, &ch);
  return MAX (MIN (aw / cw, ah / ch), 1e-6);
}

/**
 * cjm_export_smallest_text:
 *
 * Returns: the height in mm of the smallest text on the printed poster
 */
double
cjm_export_smallest_text (CjmDocument            *document,
                          const CjmExportOptions *options)
{
  g_autoptr(CjmLayout) layout = cjm_layout_new (document);
  double width, height;

  page_size_for (layout, options, &width, &height);
  return CJM_RENDER_SMALLEST_TEXT * poster_scale (layout, options, width, height) / PT_PER_MM;
}

/**
 * cjm_export_check_legibility:
 *
 * Text under 3 mm cannot be read from two metres, where people stand in
 * front of a wall.
 *
 * Returns: (transfer full) (nullable): a warning naming what would be too
 *   small, or %NULL when everything can be read
 */
char *
cjm_export_check_legibility (CjmDocument            *document,
                             const CjmExportOptions *options)
{
  double smallest = cjm_export_smallest_text (document, options);
  double titles = smallest * 11.5 / CJM_RENDER_SMALLEST_TEXT;
  GPtrArray *touchpoints = cjm_document_get_touchpoints (document);
  const char *example = touchpoints->len > 0
                        ? cjm_touchpoint_get_title (g_ptr_array_index (touchpoints, 0)) : NULL;

  if (smallest >= 3)
    return NULL;
  /* never round up to the limit the text fails */
  smallest = floor (smallest * 10) / 10;
  titles = floor (titles * 10) / 10;
  if (titles < 3 && example != NULL)
    return g_strdup_printf (_("On this paper touchpoint titles such as “%s” would be %.1f mm tall "
                              "and small print %.1f mm, too small to read from two metres; "
                              "choose a larger paper."),
                            example, titles, smallest);
  if (example != NULL)
    return g_strdup_printf (_("On this paper the channel names and notes on touchpoints such as "
                              "“%s” would be %.1f mm tall, too small to read from two metres; "
                              "choose a larger paper."),
                            example, smallest);
  return g_strdup_printf (_("On this paper the smallest text would be %.1f mm tall, too small to "
                            "read from two metres; choose a larger paper."),
                          smallest);
}

typedef struct
{
  double sheet_width;   /* mm, as placed */
  double sheet_height;
  double step_x;        /* mm of poster per sheet */
  double step_y;
  guint  columns;
  guint  rows;
} Tiling;

static guint
tiles_needed (double poster,
              double sheet,
              double overlap)
{
  double printable = sheet - 2 * SHEET_MARGIN;
  double step = printable - overlap;

  if (poster <= printable || step <= 0)
    return 1;
  return (guint) ceil ((poster - overlap) / step);
}

/* Lays sheets over the poster, turning them whichever way needs fewer. */
static void
plan_tiles (const CjmExportOptions *options,
            double                  poster_width,
            double                  poster_height,
            Tiling                 *tiling)
{
  double a = MIN (options->tile_width, options->tile_height);
  double b = MAX (options->tile_width, options->tile_height);
  guint portrait = tiles_needed (poster_width, a, options->overlap)
                   * tiles_needed (poster_height, b, options->overlap);
  guint landscape = tiles_needed (poster_width, b, options->overlap)
                    * tiles_needed (poster_height, a, options->overlap);

  tiling->sheet_width = landscape < portrait ? b : a;
  tiling->sheet_height = landscape < portrait ? a : b;
  tiling->columns = tiles_needed (poster_width, tiling->sheet_width, options->overlap);
  tiling->rows = tiles_needed (poster_height, tiling->sheet_height, options->overlap);
  tiling->step_x = tiling->sheet_width - 2 * SHEET_MARGIN - options->overlap;
  tiling->step_y = tiling->sheet_height - 2 * SHEET_MARGIN - options->overlap;
}

guint
cjm_export_count_pages (CjmDocument            *document,
                        const CjmExportOptions *options)
{
  double width, height;
  Tiling tiling;

  if (options->tile_width <= 0 || options->format != CJM_EXPORT_PDF)
    return 1;
  cjm_export_page_size (document, options, &width, &height);
  plan_tiles (options, width, height, &tiling);
  return tiling.columns * tiling.rows + 1;
}

static char *
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%x");
}

/* Draws the whole poster in points, its top left at 0, 0. @device_scale
 * is device units per point: for a picture, the pixels; for a vector page,
 * 0, since it may be zoomed into and everything is drawn in full, text as
 * text. */
static void
draw_poster (CjmRenderer            *renderer,
             cairo_t                *cr,
             CjmLayout              *layout,
             const CjmExportOptions *options,
             double                  page_width,
             double                  page_height,
             double                  device_scale,
             const char             *date)
{
  double scale = poster_scale (layout, options, page_width, page_height);
  double cw, ch;
  double x1, y1, x2, y2;
  CjmRenderOptions render;

  content_size (layout, options, &cw, &ch);

  cjm_paint_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cjm_paint_paint (cr);

  /* centred in the space inside the margins */
  cairo_translate (cr, (page_width * PT_PER_MM - cw * scale) / 2,
                   (page_height * PT_PER_MM - ch * scale) / 2);
  cairo_scale (cr, scale, scale);

  cjm_renderer_options_init (&render, layout);
  render.scale = device_scale > 0 ? scale * device_scale : 1.0;
  render.personas = (const char * const *) options->personas;

  if (options->title_block)
    {
      cjm_renderer_draw_title_block (renderer, cr, layout, &render, cw, date);
      cairo_translate (cr, 0, CJM_TITLE_BLOCK_HEIGHT);
    }

  /* draw only what the page (or band, or tile) shows */
  cairo_clip_extents (cr, &x1, &y1, &x2, &y2);
  render.visible.x = MAX (x1, 0);
  render.visible.y = MAX (y1, 0);
  render.visible.width = MIN (x2, cjm_layout_get_width (layout)) - render.visible.x;
  render.visible.height = MIN (y2, cjm_layout_get_height (layout)) - render.visible.y;
  if (render.visible.width > 0 && render.visible.height > 0)
    cjm_renderer_draw (renderer, cr, layout, &render);
  cjm_paint_restore (cr);
}

/* Output ------------------------------------------------------------------ */

typedef struct
{
  char          *target;
  char          *temp;
  int            fd;
  GOutputStream *stream;
  GError        *write_error;   /* the first write that failed, for cairo */
} Output;

static gboolean
output_open (Output      *out,
             const char  *path,
             GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);

  memset (out, 0, sizeof *out);
  out->target = g_strdup (path);
  out->temp = g_strdup_printf ("%s/.%s.export-XXXXXX", folder, base);
  out->fd = g_mkstemp_full (out->temp, O_WRONLY | O_CLOEXEC, 0666);
  if (out->fd < 0)
    {
      int saved = errno;

      g_set_error (error, CJM_IO_ERROR, CJM_IO_ERROR_SAVE,
                   _("The export could not be written in this folder (%s); choose another."),
                   g_strerror (saved));
      g_clear_pointer (&out->temp, g_free);
      g_clear_pointer (&out->target, g_free);
      return FALSE;
    }
  out->stream = g_unix_output_stream_new (out->fd, FALSE);
  return TRUE;
}

static gboolean
output_close (Output   *out,
              gboolean  keep,
              GError  **error)
{
  gboolean ok = keep;

  if (out->stream != NULL)
    {
      g_autoptr(GError) close_error = NULL;

      if (!g_output_stream_close (out->stream, NULL, &close_error) && ok)
        {
          g_propagate_error (error, g_steal_pointer (&close_error));
          ok = FALSE;
        }
      g_clear_object (&out->stream);
    }
  if (out->fd >= 0)
    {
      if (ok && fsync (out->fd) != 0)
        {
          g_set_error (error, CJM_IO_ERROR, CJM_IO_ERROR_SAVE,
                       _("The export could not be written (%s)."), g_strerror (errno));
          ok = FALSE;
        }
      close (out->fd);
      out->fd = -1;
    }
  if (out->temp != NULL)
    {
      if (ok && g_rename (out->temp, out->target) != 0)
        {
          g_set_error (error, CJM_IO_ERROR, CJM_IO_ERROR_SAVE,
                       _("The export could not be written (%s)."), g_strerror (errno));
          ok = FALSE;
        }
      if (!ok)
        g_unlink (out->temp);
    }
  g_clear_pointer (&out->temp, g_free);
  g_clear_pointer (&out->target, g_free);
  g_clear_error (&out->write_error);
  return ok;
}

/* A write that failed, said the way a user can act on. */
static void
set_write_error (GError       **error,
                 const GError  *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    g_set_error_literal (error, CJM_IO_ERROR, CJM_IO_ERROR_SAVE,
                         _("There is not enough space on the disk for the export, so nothing was "
                           "written; free some space or choose another folder."));
  else
    g_set_error (error, CJM_IO_ERROR, CJM_IO_ERROR_SAVE,
                 _("The export could not be written (%s)."), cause->message);
}

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  Output *out = closure;

  return g_output_stream_write_all (out->stream, data, length, NULL, NULL,
                                    out->write_error == NULL ? &out->write_error : NULL)
         ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* Vector pages ------------------------------------------------------------ */

static void
crop_mark (cairo_t *cr,
           double   x,
           double   y,
           double   dx,
           double   dy)
{
  double gap = 2 * PT_PER_MM, length = 5 * PT_PER_MM;

  cairo_move_to (cr, x + dx * gap, y);
  cairo_line_to (cr, x + dx * (gap + length), y);
  cairo_move_to (cr, x, y + dy * gap);
  cairo_line_to (cr, x, y + dy * (gap + length));
}

static void
sheet_label (cairo_t     *cr,
             PangoLayout *text,
             const char  *label,
             double       x,
             double       y)
{
  pango_layout_set_text (text, label, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, text);
}

static char *
tile_name (guint row,
           guint column)
{
  /* rows lettered A, B, ... Z, AA, AB ...; columns numbered from 1 */
  GString *name = g_string_new (NULL);
  guint r = row;

  do
    {
      g_string_prepend_c (name, (char) ('A' + r % 26));
      r = r / 26;
    }
  while (r-- > 0);
  g_string_append_printf (name, "%u", column + 1);
  return g_string_free (name, FALSE);
}

static PangoLayout *
label_layout (cairo_t *cr,
              double   size,
              gboolean bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72);
  pango_context_set_round_glyph_positions (pango_layout_get_context (layout), FALSE);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  return layout;
}

/* The first sheet: the whole poster in small, with the sheets drawn over it. */
static void
draw_index (CjmRenderer            *renderer,
            cairo_t                *cr,
            CjmLayout              *layout,
            const CjmExportOptions *options,
            double                  poster_width,
            double                  poster_height,
            const Tiling           *tiling,
            double                  device_scale,
            const char             *date)
{
  g_autoptr(PangoLayout) heading = label_layout (cr, 14, TRUE);
  g_autoptr(PangoLayout) small = label_layout (cr, 9, FALSE);
  double avail_w = (tiling->sheet_width - 2 * SHEET_MARGIN) * PT_PER_MM;
  double avail_h = (tiling->sheet_height - 2 * SHEET_MARGIN - 20) * PT_PER_MM;
  /* the sheets may reach past the poster: fit all of them */
  double grid_w = ((tiling->columns - 1) * tiling->step_x + tiling->sheet_width - 2 * SHEET_MARGIN) * PT_PER_MM;
  double grid_h = ((tiling->rows - 1) * tiling->step_y + tiling->sheet_height - 2 * SHEET_MARGIN) * PT_PER_MM;
  double s = MIN (avail_w / MAX (grid_w, poster_width * PT_PER_MM),
                  avail_h / MAX (grid_h, poster_height * PT_PER_MM));
  g_autofree char *summary = NULL;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.12, 0.12, 0.13);
  sheet_label (cr, heading, _("How the sheets fit together"), SHEET_MARGIN * PT_PER_MM,
               SHEET_MARGIN * PT_PER_MM);
  summary = g_strdup_printf (_("%u × %u sheets; each overlaps its neighbours by %.0f mm. Trim "
                               "at the crop marks on the left and top edges and glue over the "
                               "shaded strip of the sheet before."),
                             tiling->columns, tiling->rows, options->overlap);
  pango_layout_set_width (small, (int) (avail_w * PANGO_SCALE));
  pango_layout_set_wrap (small, PANGO_WRAP_WORD);
  sheet_label (cr, small, summary, SHEET_MARGIN * PT_PER_MM, (SHEET_MARGIN + 7) * PT_PER_MM);

  cairo_translate (cr, SHEET_MARGIN * PT_PER_MM, (SHEET_MARGIN + 20) * PT_PER_MM);
  cairo_scale (cr, s, s);
  cairo_rectangle (cr, 0, 0, poster_width * PT_PER_MM, poster_height * PT_PER_MM);
  cairo_clip (cr);
  draw_poster (renderer, cr, layout, options, poster_width, poster_height,
               device_scale > 0 ? device_scale * s : 0, date);
  cairo_reset_clip (cr);

  /* the edge of the poster, which the sheets may reach past */
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 0.75 / s);
  cairo_rectangle (cr, 0, 0, poster_width * PT_PER_MM, poster_height * PT_PER_MM);
  cairo_stroke (cr);

  cairo_set_line_width (cr, 1.5 / s);
  for (guint r = 0; r < tiling->rows; r++)
    for (guint c = 0; c < tiling->columns; c++)
      {
        g_autofree char *name = tile_name (r, c);
        double x = c * tiling->step_x * PT_PER_MM, y = r * tiling->step_y * PT_PER_MM;
        double w = (tiling->sheet_width - 2 * SHEET_MARGIN) * PT_PER_MM;
        double h = (tiling->sheet_height - 2 * SHEET_MARGIN) * PT_PER_MM;

        cairo_set_source_rgba (cr, 0.208, 0.518, 0.894, 0.9);
        cairo_rectangle (cr, x, y, w, h);
        cairo_stroke (cr);
        cairo_save (cr);
        cairo_translate (cr, x + 4 / s, y + 4 / s);
        cairo_scale (cr, 1 / s, 1 / s);
        sheet_label (cr, heading, name, 0, 0);
        cairo_restore (cr);
      }
  cairo_restore (cr);
}

static void
draw_tile (CjmRenderer            *renderer,
           cairo_t                *cr,
           CjmLayout              *layout,
           const CjmExportOptions *options,
           double                  poster_width,
           double                  poster_height,
           const Tiling           *tiling,
           guint                   row,
           guint                   column,
           double                  device_scale,
           const char             *date)
{
  double m = SHEET_MARGIN * PT_PER_MM;
  double w = (tiling->sheet_width - 2 * SHEET_MARGIN) * PT_PER_MM;
  double h = (tiling->sheet_height - 2 * SHEET_MARGIN) * PT_PER_MM;
  double overlap = options->overlap * PT_PER_MM;
  g_autoptr(PangoLayout) heading = label_layout (cr, 12, TRUE);
  g_autoptr(PangoLayout) small = label_layout (cr, 7, FALSE);
  g_autofree char *name = tile_name (row, column);
  g_autofree char *where = g_strdup_printf (_("Sheet %s: row %u of %u, column %u of %u"),
                                            name, row + 1, tiling->rows, column + 1, tiling->columns);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  /* this sheet's part of the poster */
  cairo_save (cr);
  cairo_rectangle (cr, m, m, w, h);
  cairo_clip (cr);
  cairo_translate (cr, m - column * tiling->step_x * PT_PER_MM, m - row * tiling->step_y * PT_PER_MM);
  draw_poster (renderer, cr, layout, options, poster_width, poster_height, device_scale, date);
  cairo_restore (cr);

  /* the strips the next sheets are glued over */
  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.12);
  if (column + 1 < tiling->columns)
    cairo_rectangle (cr, m + w - overlap, m, overlap, h);
  if (row + 1 < tiling->rows)
    cairo_rectangle (cr, m, m + h - overlap, w, overlap);
  cairo_fill (cr);

  /* crop marks at the corners of the printed area */
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.5);
  crop_mark (cr, m, m, -1, -1);
  crop_mark (cr, m + w, m, 1, -1);
  crop_mark (cr, m, m + h, -1, 1);
  crop_mark (cr, m + w, m + h, 1, 1);
  cairo_stroke (cr);

  cairo_set_source_rgb (cr, 0.12, 0.12, 0.13);
  sheet_label (cr, heading, name, m, 1.5 * PT_PER_MM);
  sheet_label (cr, small, where, m + 14 * PT_PER_MM, 2.5 * PT_PER_MM);
  cairo_restore (cr);
}

/* cairo's own SVG surface would draw the text as outlines. */
static gboolean
export_svg (CjmDocument            *document,
            CjmRenderer            *renderer,
            CjmLayout              *layout,
            const CjmExportOptions *options,
            Output                 *out,
            double                  width,
            double                  height,
            const char             *date,
            GError                **error)
{
  g_autoptr(CjmSvgWriter) svg = NULL;

  svg = cjm_svg_writer_new (out->stream, width * PT_PER_MM, height * PT_PER_MM,
                            cjm_map_get_title (cjm_document_get_map (document)));
  draw_poster (renderer, cjm_svg_writer_get_cairo (svg), layout, options, width, height, 0, date);
  return cjm_svg_writer_finish (svg, error);
}

static gboolean
export_vector (CjmDocument            *document,
               const CjmExportOptions *options,
               Output                 *out,
               GError                **error)
{
  g_autoptr(CjmLayout) layout = cjm_layout_new (document);
  g_autoptr(CjmRenderer) renderer = cjm_renderer_new (TRUE);
  g_autofree char *date = today ();
  double width, height;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  page_size_for (layout, options, &width, &height);

  if (options->format == CJM_EXPORT_SVG)
    return export_svg (document, renderer, layout, options, out, width, height, date, error);

  if (options->tile_width > 0)
    {
      Tiling tiling;

      plan_tiles (options, width, height, &tiling);
      surface = cairo_pdf_surface_create_for_stream (write_to_stream, out,
                                                     tiling.sheet_width * PT_PER_MM,
                                                     tiling.sheet_height * PT_PER_MM);
      cr = cairo_create (surface);
      draw_index (renderer, cr, layout, options, width, height, &tiling, 0, date);
      cairo_show_page (cr);
      for (guint r = 0; r < tiling.rows; r++)
        for (guint c = 0; c < tiling.columns; c++)
          {
            draw_tile (renderer, cr, layout, options, width, height, &tiling, r, c, 0, date);
            cairo_show_page (cr);
          }
    }
  else
    {
      surface = cairo_pdf_surface_create_for_stream (write_to_stream, out,
                                                     width * PT_PER_MM, height * PT_PER_MM);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                      cjm_map_get_title (cjm_document_get_map (document)));
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Reiskaart");
      cr = cairo_create (surface);
      draw_poster (renderer, cr, layout, options, width, height, 0, date);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      if (out->write_error != NULL)
        set_write_error (error, out->write_error);
      else
        g_set_error (error, CJM_IO_ERROR, CJM_IO_ERROR_SAVE,
                     _("The export could not be written (%s)."), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* Pages one at a time: printing and the preview ----------------------------- */

static gboolean
is_tiled (const CjmExportOptions *options)
{
  return options->tile_width > 0 && options->format == CJM_EXPORT_PDF;
}

static void
sheet_size_for (CjmLayout              *layout,
                const CjmExportOptions *options,
                double                 *width,
                double                 *height)
{
  page_size_for (layout, options, width, height);
  if (is_tiled (options))
    {
      Tiling tiling;

      plan_tiles (options, *width, *height, &tiling);
      *width = tiling.sheet_width;
      *height = tiling.sheet_height;
    }
}

/* The same pages export_vector() writes, one at a time. */
static void
draw_page (CjmRenderer            *renderer,
           cairo_t                *cr,
           CjmLayout              *layout,
           const CjmExportOptions *options,
           guint                   page,
           double                  device_scale,
           const char             *date)
{
  double width, height;
  Tiling tiling;

  page_size_for (layout, options, &width, &height);
  if (!is_tiled (options))
    {
      draw_poster (renderer, cr, layout, options, width, height, device_scale, date);
      return;
    }

  plan_tiles (options, width, height, &tiling);
  if (page == 0)
    draw_index (renderer, cr, layout, options, width, height, &tiling, device_scale, date);
  else
    draw_tile (renderer, cr, layout, options, width, height, &tiling,
               (page - 1) / tiling.columns, (page - 1) % tiling.columns, device_scale, date);
}

/**
 * cjm_export_sheet_size:
 * @document: a map
 * @options: how to put it on paper
 * @page: a page of the export, from 0
 * @width: (out): the page's width in mm, as it lies
 * @height: (out): its height in mm
 *
 * The size of one page of the export: the poster itself, or for a tiled
 * poster the sheet, which may lie on its side (the index page and the tiles
 * have the same size).
 */
void
cjm_export_sheet_size (CjmDocument            *document,
                       const CjmExportOptions *options,
                       guint                   page,
                       double                 *width,
                       double                 *height)
{
  g_autoptr(CjmLayout) layout = NULL;

  g_return_if_fail (CJM_IS_DOCUMENT (document));
  g_return_if_fail (options != NULL && width != NULL && height != NULL);

  layout = cjm_layout_new (document);
  sheet_size_for (layout, options, width, height);
}

/**
 * cjm_export_draw_page:
 * @document: a map
 * @options: how to put it on paper
 * @cr: where to draw, in points, the page's top left corner at 0, 0
 * @page: which page, from 0 to cjm_export_count_pages() - 1; for a tiled
 *   poster page 0 is the index and the tiles follow row by row
 *
 * Draws one page of the export exactly as cjm_export_to_file() writes it
 * to a PDF, onto any cairo context: a printer's page, for instance. The page
 * measures cjm_export_sheet_size().
 */
void
cjm_export_draw_page (CjmDocument            *document,
                      const CjmExportOptions *options,
                      cairo_t                *cr,
                      guint                   page)
{
  g_autoptr(CjmLayout) layout = NULL;
  g_autoptr(CjmRenderer) renderer = NULL;
  g_autofree char *date = NULL;

  g_return_if_fail (CJM_IS_DOCUMENT (document));
  g_return_if_fail (options != NULL && cr != NULL);
  g_return_if_fail (page < cjm_export_count_pages (document, options));

  layout = cjm_layout_new (document);
  renderer = cjm_renderer_new (TRUE);
  date = today ();
  draw_page (renderer, cr, layout, options, page, 0, date);
}

/**
 * cjm_export_draw_preview:
 * @document: a map
 * @options: how to put it on paper
 * @cr: where to draw, in device units
 * @width: the width of the box to draw in
 * @height: its height
 * @page: which page, as for cjm_export_draw_page()
 *
 * Draws a page of the export in small, centred in a box with some room
 * around it and a shadow below, as a preview. The page goes through the
 * same code as the export, with the detail the small scale can show.
 */
void
cjm_export_draw_preview (CjmDocument            *document,
                         const CjmExportOptions *options,
                         cairo_t                *cr,
                         double                  width,
                         double                  height,
                         guint                   page)
{
  g_autoptr(CjmLayout) layout = NULL;
  g_autoptr(CjmRenderer) renderer = NULL;
  g_autofree char *date = NULL;
  double page_w, page_h, s, x, y, pad = 16;

  g_return_if_fail (CJM_IS_DOCUMENT (document));
  g_return_if_fail (options != NULL && cr != NULL);

  if (width <= 2 * pad || height <= 2 * pad)
    return;
  layout = cjm_layout_new (document);
  sheet_size_for (layout, options, &page_w, &page_h);
  page_w *= PT_PER_MM;
  page_h *= PT_PER_MM;
  s = MIN ((width - 2 * pad) / page_w, (height - 2 * pad) / page_h);
  x = round ((width - page_w * s) / 2);
  y = round ((height - page_h * s) / 2);

  cairo_save (cr);
  /* a soft shadow, darker near the page */
  for (int i = 4; i >= 1; i--)
    {
      cairo_set_source_rgba (cr, 0, 0, 0, 0.05);
      cairo_rectangle (cr, x - i / 2.0, y + i / 2.0, page_w * s + i, page_h * s + i);
      cairo_fill (cr);
    }

  cairo_translate (cr, x, y);
  cairo_rectangle (cr, 0, 0, ceil (page_w * s), ceil (page_h * s));
  cairo_clip (cr);
  cairo_scale (cr, s, s);
  renderer = cjm_renderer_new (FALSE);
  date = today ();
  draw_page (renderer, cr, layout, options,
             MIN (page, cjm_export_count_pages (document, options) - 1), s, date);
  cairo_restore (cr);
}

/* Pictures ------------------------------------------------------------------ */

typedef struct
{
  CjmDocument            *document;
  CjmLayout              *layout;
  const CjmExportOptions *options;
  double                  page_width;
  double                  page_height;
  guint                   pixel_width;
  guint                   pixel_height;
  const char             *date;
} PictureJob;

typedef struct
{
  PictureJob      *job;
  guint            first_row;
  cairo_surface_t *surface;
} Band;

/* Renders one band of rows; bands render in parallel, each with its own
 * renderer, since a Pango context belongs to one thread. */
static gpointer
render_band (gpointer data)
{
  Band *band = data;
  PictureJob *job = band->job;
  g_autoptr(CjmRenderer) renderer = cjm_renderer_new (FALSE);
  double px_per_pt = job->options->dpi / 72.0;
  cairo_t *cr = cairo_create (band->surface);

  cairo_translate (cr, 0, -(double) band->first_row);
  cairo_scale (cr, px_per_pt, px_per_pt);
  draw_poster (renderer, cr, job->layout, job->options, job->page_width, job->page_height,
               px_per_pt, job->date);
  cairo_destroy (cr);
  cairo_surface_flush (band->surface);
  return NULL;
}

static gboolean
export_picture (CjmDocument            *document,
                const CjmExportOptions *options,
                Output                 *out,
                GError                **error)
{
  g_autoptr(CjmLayout) layout = cjm_layout_new (document);
  g_autoptr(CjmPngWriter) writer = NULL;
  g_autofree char *date = today ();
  PictureJob job = { document, layout, options, 0, 0, 0, 0, date };
  Band bands[2];
  double pixels_w, pixels_h;

  page_size_for (layout, options, &job.page_width, &job.page_height);
  pixels_w = ceil (job.page_width / 25.4 * options->dpi);
  pixels_h = ceil (job.page_height / 25.4 * options->dpi);
  if (pixels_w > 120000 || pixels_h > 120000)
    {
      g_set_error_literal (error, CJM_IO_ERROR, CJM_IO_ERROR_TOO_LARGE,
                           _("The picture would be more than 120,000 pixels across; "
                             "choose a lower resolution or a smaller paper."));
      return FALSE;
    }
  job.pixel_width = (guint) pixels_w;
  job.pixel_height = (guint) pixels_h;

  writer = cjm_png_writer_new (out->stream, job.pixel_width, job.pixel_height, options->dpi, error);
  if (writer == NULL)
    return FALSE;

  for (int b = 0; b < 2; b++)
    {
      bands[b].job = &job;
      bands[b].surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) job.pixel_width, BAND_ROWS);
      if (cairo_surface_status (bands[b].surface) != CAIRO_STATUS_SUCCESS)
        {
          g_set_error_literal (error, CJM_IO_ERROR, CJM_IO_ERROR_TOO_LARGE,
                               _("There is not enough memory to draw the picture; choose a lower "
                                 "resolution."));
          cairo_surface_destroy (bands[0].surface);
          if (b == 1)
            cairo_surface_destroy (bands[1].surface);
          return FALSE;
        }
    }

  /* two bands at a time, one on a second core; written in order */
  for (guint row = 0; row < job.pixel_height; row += 2 * BAND_ROWS)
    {
      GThread *helper = NULL;
      gboolean ok = TRUE;

      bands[0].first_row = row;
      bands[1].first_row = row + BAND_ROWS;
      if (bands[1].first_row < job.pixel_height)
        helper = g_thread_new ("band", render_band, &bands[1]);
      render_band (&bands[0]);
      if (helper != NULL)
        g_thread_join (helper);

      for (int b = 0; b < 2 && ok; b++)
        {
          guint n;

          if (bands[b].first_row >= job.pixel_height)
            break;
          n = MIN (BAND_ROWS, job.pixel_height - bands[b].first_row);
          ok = cjm_png_writer_write_rows (writer, cairo_image_surface_get_data (bands[b].surface),
                                          (gsize) cairo_image_surface_get_stride (bands[b].surface),
                                          n, error);
        }
      if (!ok)
        {
          cairo_surface_destroy (bands[0].surface);
          cairo_surface_destroy (bands[1].surface);
          return FALSE;
        }
    }
  cairo_surface_destroy (bands[0].surface);
  cairo_surface_destroy (bands[1].surface);
  return cjm_png_writer_finish (writer, error);
}

/**
 * cjm_export_to_file:
 * @document: a map
 * @options: how to put it on paper
 * @path: the file to write; replaced only when the export is complete
 * @error: a sentence saying why it failed
 *
 * Returns: %TRUE if @path now holds the export
 */
gboolean
cjm_export_to_file (CjmDocument            *document,
                    const CjmExportOptions *options,
                    const char             *path,
                    GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  Output out;
  gboolean ok;

  g_return_val_if_fail (CJM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (options != NULL && path != NULL, FALSE);

  if (options->format == CJM_EXPORT_CJM)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      return cjm_file_save (document, file, error);
    }
  if (options->tile_width > 0 && options->format != CJM_EXPORT_PDF)
    {
      g_set_error_literal (error, CJM_IO_ERROR, CJM_IO_ERROR_SAVE,
                           _("A poster tiled over several sheets can only be exported as PDF."));
      return FALSE;
    }
  if (options->format == CJM_EXPORT_PNG && (options->dpi < 72 || options->dpi > 600))
    {
      g_set_error_literal (error, CJM_IO_ERROR, CJM_IO_ERROR_SAVE,
                           _("The resolution must lie between 72 and 600 dpi."));
      return FALSE;
    }

  if (!output_open (&out, path, error))
    return FALSE;
  if (options->format == CJM_EXPORT_PNG)
    ok = export_picture (document, options, &out, &local_error);
  else
    ok = export_vector (document, options, &out, &local_error);
  if (!ok)
    {
      if (local_error == NULL)
        g_set_error_literal (error, CJM_IO_ERROR, CJM_IO_ERROR_SAVE,
                             _("The export could not be written."));
      else if (local_error->domain == G_IO_ERROR)
        set_write_error (error, local_error);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return output_close (&out, ok, ok ? error : NULL) && ok;
}
