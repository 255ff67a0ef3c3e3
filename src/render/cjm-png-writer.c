/* cjm-png-writer.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <zlib.h>

#include "cjm-png-writer.h"

/* A PNG writer that takes the image a band of rows at a time, so a poster
 * of 10,000 x 14,000 pixels never has to be in memory whole (cairo's own
 * writer needs the complete surface). It writes 8-bit RGB, compresses
 * quickly (deflate level 2: a poster's flat colours compress well anyway)
 * and records the resolution, so the printer gets the size right. */

#define IDAT_CHUNK (256 * 1024)

struct _CjmPngWriter
{
  GOutputStream *stream;
  guint          width;
  guint          height;
  guint          rows_written;
  z_stream       zlib;
  guint8        *row;     /* filter byte + RGB */
  guint8        *out;     /* compressed bytes waiting for an IDAT chunk */
};

static gboolean
write_chunk (CjmPngWriter  *self,
             const char    *type,
             const guint8  *data,
             gsize          length,
             GError       **error)
{
  guint8 header[8];
  guint8 trailer[4];
  uLong crc = crc32 (0, (const Bytef *) type, 4);

  header[0] = (length >> 24) & 0xff;
  header[1] = (length >> 16) & 0xff;
  header[2] = (length >> 8) & 0xff;
  header[3] = length & 0xff;
  memcpy (header + 4, type, 4);
  if (length > 0)
    crc = crc32 (crc, data, (uInt) length);
  trailer[0] = (crc >> 24) & 0xff;
  trailer[1] = (crc >> 16) & 0xff;
  trailer[2] = (crc >> 8) & 0xff;
  trailer[3] = crc & 0xff;

  return g_output_stream_write_all (self->stream, header, 8, NULL, NULL, error)
         && (length == 0 || g_output_stream_write_all (self->stream, data, length, NULL, NULL, error))
         && g_output_stream_write_all (self->stream, trailer, 4, NULL, NULL, error);
}

static void
put32 (guint8 *p,
       guint32 v)
{
  p[0] = (v >> 24) & 0xff;
  p[1] = (v >> 16) & 0xff;
  p[2] = (v >> 8) & 0xff;
  p[3] = v & 0xff;
}

/* Compresses what deflate has, writing full IDAT chunks as they fill. */
static gboolean
pump (CjmPngWriter  *self,
      int            flush,
      GError       **error)
{
  do
    {
      int status;

      status = deflate (&self->zlib, flush);
      if (status == Z_STREAM_ERROR)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "deflate failed");
          return FALSE;
        }
      if (self->zlib.avail_out == 0 || (flush == Z_FINISH && self->zlib.avail_out < IDAT_CHUNK))
        {
          if (!write_chunk (self, "IDAT", self->out, IDAT_CHUNK - self->zlib.avail_out, error))
            return FALSE;
          self->zlib.next_out = self->out;
          self->zlib.avail_out = IDAT_CHUNK;
        }
      if (flush == Z_FINISH && status == Z_STREAM_END)
        break;
    }
  while (self->zlib.avail_in > 0 || flush == Z_FINISH);
  return TRUE;
}

/**
 * cjm_png_writer_new:
 * @stream: where the PNG goes
 * @width: pixels per row
 * @height: rows
 * @dpi: the resolution to record
 * @error: why the header could not be written
 *
 * Returns: (nullable): a writer expecting @height rows
 */
CjmPngWriter *
cjm_png_writer_new (GOutputStream  *stream,
                    guint           width,
                    guint           height,
                    double          dpi,
                    GError        **error)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr(CjmPngWriter) self = NULL;
  guint8 ihdr[13];
  guint8 phys[9];
  guint32 ppm = (guint32) (dpi / 0.0254 + 0.5);

  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (width < (G_MAXUINT32 - 1) / 3, NULL);

  self = g_new0 (CjmPngWriter, 1);
  self->stream = g_object_ref (stream);
  self->width = width;
  self->height = height;
  self->row = g_malloc ((gsize) width * 3 + 1);
  self->out = g_malloc (IDAT_CHUNK);
  if (deflateInit (&self->zlib, 2) != Z_OK)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "deflateInit failed");
      return NULL;
    }
  self->zlib.next_out = self->out;
  self->zlib.avail_out = IDAT_CHUNK;

  put32 (ihdr, width);
  put32 (ihdr + 4, height);
  ihdr[8] = 8;   /* bits per channel */
  ihdr[9] = 2;   /* RGB */
  ihdr[10] = 0;  /* deflate */
  ihdr[11] = 0;  /* adaptive filtering */
  ihdr[12] = 0;  /* no interlace */
  put32 (phys, ppm);
  put32 (phys + 4, ppm);
  phys[8] = 1;   /* metres */

  if (!g_output_stream_write_all (stream, signature, sizeof signature, NULL, NULL, error)
      || !write_chunk (self, "IHDR", ihdr, sizeof ihdr, error)
      || !write_chunk (self, "pHYs", phys, sizeof phys, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * cjm_png_writer_write_rows:
 * @argb: rows of a CAIRO_FORMAT_RGB24 or opaque ARGB32 surface
 * @stride: bytes from one row to the next
 * @n_rows: how many rows
 *
 * Returns: whether the rows were written
 */
gboolean
cjm_png_writer_write_rows (CjmPngWriter  *self,
                           const guint8  *argb,
                           gsize          stride,
                           guint          n_rows,
                           GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->rows_written + n_rows <= self->height, FALSE);

  for (guint r = 0; r < n_rows; r++)
    {
      const guint32 *src = (const guint32 *) (gconstpointer) (argb + r * stride);
      guint8 *dst = self->row;

      /* filter "Sub": each byte minus the one a pixel to the left, which
       * turns a poster's flat areas into runs of zeros */
      *dst++ = 1;
      for (guint x = 0; x < self->width; x++)
        {
          guint32 p = src[x];
          guint32 q = x > 0 ? src[x - 1] : 0;

          *dst++ = (guint8) (((p >> 16) & 0xff) - ((q >> 16) & 0xff));
          *dst++ = (guint8) (((p >> 8) & 0xff) - ((q >> 8) & 0xff));
          *dst++ = (guint8) ((p & 0xff) - (q & 0xff));
        }
      self->zlib.next_in = self->row;
      self->zlib.avail_in = self->width * 3 + 1;
      if (!pump (self, Z_NO_FLUSH, error))
        return FALSE;
    }
  self->rows_written += n_rows;
  return TRUE;
}

/**
 * cjm_png_writer_finish:
 *
 * Writes the end of the image once every row has been given.
 */
gboolean
cjm_png_writer_finish (CjmPngWriter  *self,
                       GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->rows_written == self->height, FALSE);

  self->zlib.next_in = NULL;
  self->zlib.avail_in = 0;
  return pump (self, Z_FINISH, error) && write_chunk (self, "IEND", NULL, 0, error);
}

void
cjm_png_writer_free (CjmPngWriter *self)
{
  if (self == NULL)
    return;
  deflateEnd (&self->zlib);
  g_clear_object (&self->stream);
  g_free (self->row);
  g_free (self->out);
  g_free (self);
}
