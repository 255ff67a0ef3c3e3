/* cjm-renderer.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "cjm-paint.h"
#include "cjm-renderer.h"

/* The one drawing of a journey map, used by the canvas, every export and
 * printing alike, so what the facilitator sees is what goes on the wall.
 * It draws in map coordinates (points at 100 %) onto any cairo_t, skips
 * what lies outside the visible area, and below a legible size draws items
 * as plain blocks. */

#define FONT_FAMILY "Cantarell, Noto Sans, DejaVu Sans, Sans"
#define SIMPLE_BELOW 0.42   /* scale under which text would be illegible */
#define TINY_BELOW 0.16     /* scale under which items are mere blocks */

typedef struct
{
  double r, g, b;
} Rgb;

struct _CjmRenderer
{
  GObject       parent_instance;

  PangoContext *context;
  PangoLayout  *title;      /* one layout per text style, reused */
  PangoLayout  *body;
  PangoLayout  *small;
  PangoLayout  *header;
  PangoLayout  *heading;
  gboolean      for_print;
};

G_DEFINE_FINAL_TYPE (CjmRenderer, cjm_renderer, G_TYPE_OBJECT)

static const Rgb text_color = { 0.12, 0.12, 0.13 };
static const Rgb dim_color = { 0.37, 0.36, 0.39 };
static const Rgb grid_color = { 0.87, 0.87, 0.85 };
static const Rgb header_color = { 0.965, 0.961, 0.957 };
static const Rgb accent = { 0.208, 0.518, 0.894 };

static const Rgb phase_accents[] = {
  { 0.208, 0.518, 0.894 }, /* blue */
  { 0.149, 0.635, 0.412 }, /* green */
  { 0.569, 0.255, 0.675 }, /* purple */
  { 0.902, 0.380, 0.000 }, /* orange */
  { 0.129, 0.565, 0.643 }, /* teal */
  { 0.753, 0.110, 0.157 }, /* red */
};

void
cjm_color_to_rgb (guint   color,
                  double *r,
                  double *g,
                  double *b)
{
  *r = ((color >> 16) & 0xff) / 255.0;
  *g = ((color >> 8) & 0xff) / 255.0;
  *b = (color & 0xff) / 255.0;
}

static void
set_rgb (cairo_t   *cr,
         const Rgb *c)
{
  cairo_set_source_rgb (cr, c->r, c->g, c->b);
}

static void
set_hex (cairo_t *cr,
         guint    color,
         double   alpha)
{
  double r, g, b;

  cjm_color_to_rgb (color, &r, &g, &b);
  cairo_set_source_rgba (cr, r, g, b, alpha);
}

static guint
lane_tint (CjmLaneKind kind)
{
  switch (kind)
    {
    case CJM_LANE_ACTIONS:       return 0xf3f7fd;
    case CJM_LANE_THOUGHTS:      return 0xf7f3fa;
    case CJM_LANE_PAIN_POINTS:   return 0xfdf1f0;
    case CJM_LANE_OPPORTUNITIES: return 0xeff8f2;
    case CJM_LANE_BACKSTAGE:     return 0xf3f2f1;
    case CJM_LANE_METRICS:       return 0xfdf8ec;
    case CJM_LANE_NOTES:         return 0xfbfaf7;
    case CJM_LANE_TOUCHPOINTS:
    case CJM_LANE_EMOTION:
    default:                     return 0xffffff;
    }
}

static guint
card_color (CjmLaneKind kind)
{
  switch (kind)
    {
    case CJM_LANE_ACTIONS:       return 0xd8e7fb;
    case CJM_LANE_THOUGHTS:      return 0xeadcf3;
    case CJM_LANE_PAIN_POINTS:   return 0xf8c9c5;
    case CJM_LANE_OPPORTUNITIES: return 0xc3ebd2;
    case CJM_LANE_BACKSTAGE:     return 0xe2e0dd;
    case CJM_LANE_METRICS:       return 0xfbe3a8;
    case CJM_LANE_NOTES:
    default:                     return 0xfff1a8;
    }
}

static guint
group_color (CjmChannelGroup group)
{
  switch (group)
    {
    case CJM_CHANNEL_GROUP_DIGITAL:   return 0x1c71d8;
    case CJM_CHANNEL_GROUP_PHYSICAL:  return 0xc64600;
    case CJM_CHANNEL_GROUP_TELEPHONE: return 0x813d9c;
    case CJM_CHANNEL_GROUP_OTHER:
    default:                          return 0x5e5c64;
    }
}

static PangoLayout *
new_layout (PangoContext *context,
            double        size,
            PangoWeight   weight)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return layout;
}

static void
cjm_renderer_finalize (GObject *object)
{
  CjmRenderer *self = CJM_RENDERER (object);

  g_clear_object (&self->title);
  g_clear_object (&self->body);
  g_clear_object (&self->small);
  g_clear_object (&self->header);
  g_clear_object (&self->heading);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cjm_renderer_parent_class)->finalize (object);
}

static void
cjm_renderer_class_init (CjmRendererClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cjm_renderer_finalize;
}

static void
cjm_renderer_init (CjmRenderer *self)
{
}

/**
 * cjm_renderer_new:
 * @for_print: whether the output is a vector page (PDF, SVG, paper), where
 *   glyphs must not be snapped to whole units
 *
 * Returns: (transfer full): a renderer; use it from one thread at a time
 */
CjmRenderer *
cjm_renderer_new (gboolean for_print)
{
  CjmRenderer *self = g_object_new (CJM_TYPE_RENDERER, NULL);
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();

  self->for_print = for_print;
  self->context = pango_font_map_create_context (font_map);
  if (for_print)
    {
      /* the same glyph advances on every page surface, as the font has
       * them: not rounded, not hinted */
      cairo_font_options_t *options = cairo_font_options_create ();

      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
      pango_cairo_context_set_font_options (self->context, options);
      cairo_font_options_destroy (options);
      pango_context_set_round_glyph_positions (self->context, FALSE);
    }

  self->title = new_layout (self->context, 11.5, PANGO_WEIGHT_BOLD);
  self->body = new_layout (self->context, 10.5, PANGO_WEIGHT_NORMAL);
  self->small = new_layout (self->context, 8.5, PANGO_WEIGHT_NORMAL);
  self->header = new_layout (self->context, 13.5, PANGO_WEIGHT_BOLD);
  self->heading = new_layout (self->context, 16, PANGO_WEIGHT_BOLD);
  return self;
}

/**
 * cjm_renderer_options_init:
 *
 * Options that draw the whole of @layout, everything, nothing selected.
 */
void
cjm_renderer_options_init (CjmRenderOptions *options,
                           CjmLayout        *layout)
{
  memset (options, 0, sizeof *options);
  options->visible.width = cjm_layout_get_width (layout);
  options->visible.height = cjm_layout_get_height (layout);
  options->scale = 1.0;
  options->parts = CJM_RENDER_ALL;
}

/* Draws @text in a box, wrapped to at most @lines lines. */
static void
draw_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       width,
           int          lines,
           const Rgb   *color,
           PangoAlignment alignment)
{
  if (text == NULL || *text == '\0' || width <= 0)
    return;

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_height (layout, -lines);
  pango_layout_set_alignment (layout, alignment);
  set_rgb (cr, color);
  cairo_move_to (cr, x, y);
  cjm_paint_layout (cr, layout);
}

static double
text_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* A small outline glyph for a channel group, in a 14 x 14 box. */
static void
draw_group_glyph (cairo_t         *cr,
                  CjmChannelGroup  group,
                  double           x,
                  double           y)
{
  cjm_paint_save (cr);
  cairo_translate (cr, x, y);
  cairo_set_line_width (cr, 1.4);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  switch (group)
    {
    case CJM_CHANNEL_GROUP_DIGITAL:
      /* a screen on a stand */
      rounded_rect (cr, 1, 1.5, 12, 8.5, 1.5);
      cairo_move_to (cr, 7, 10);
      cairo_line_to (cr, 7, 12.5);
      cairo_move_to (cr, 4.5, 12.8);
      cairo_line_to (cr, 9.5, 12.8);
      break;
    case CJM_CHANNEL_GROUP_PHYSICAL:
      /* a shop front */
      cairo_move_to (cr, 1, 5.5);
      cairo_line_to (cr, 2.5, 1.5);
      cairo_line_to (cr, 11.5, 1.5);
      cairo_line_to (cr, 13, 5.5);
      cairo_close_path (cr);
      cairo_rectangle (cr, 2.2, 5.5, 9.6, 7.3);
      cairo_move_to (cr, 6, 12.8);
      cairo_line_to (cr, 6, 8.5);
      cairo_line_to (cr, 8.5, 8.5);
      cairo_line_to (cr, 8.5, 12.8);
      break;
    case CJM_CHANNEL_GROUP_TELEPHONE:
      /* a handset */
      cairo_move_to (cr, 3, 1.5);
      cairo_curve_to (cr, 0.5, 3, 2, 8, 5.5, 11);
      cairo_curve_to (cr, 8.5, 13.5, 11, 13.5, 12.5, 11.5);
      cairo_line_to (cr, 10, 9);
      cairo_line_to (cr, 8, 10);
      cairo_curve_to (cr, 6.5, 9, 5, 7.5, 4, 6);
      cairo_line_to (cr, 5, 4);
      cairo_close_path (cr);
      break;
    case CJM_CHANNEL_GROUP_OTHER:
    default:
      /* speech bubbles: word of mouth and the rest */
      cairo_arc (cr, 7, 6, 5, 0, 2 * G_PI);
      cairo_move_to (cr, 4.5, 10.2);
      cairo_line_to (cr, 3, 13);
      cairo_line_to (cr, 7, 11);
      break;
    }
  cjm_paint_stroke (cr);
  cjm_paint_restore (cr);
}

/* A face for an emotion rating: smiling above the middle of the scale,
 * flat at it, sad below. */
static void
draw_face (cairo_t *cr,
           double   cx,
           double   cy,
           double   radius,
           int      mood)
{
  guint color = mood > 0 ? 0x26a269 : mood < 0 ? 0xc01c28 : 0x9a9996;

  cjm_paint_save (cr);
  set_hex (cr, color, 1);
  cairo_arc (cr, cx, cy, radius, 0, 2 * G_PI);
  cjm_paint_fill (cr);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_arc (cr, cx - radius * 0.36, cy - radius * 0.25, radius * 0.13, 0, 2 * G_PI);
  cjm_paint_fill (cr);
  cairo_arc (cr, cx + radius * 0.36, cy - radius * 0.25, radius * 0.13, 0, 2 * G_PI);
  cjm_paint_fill (cr);

  cairo_set_line_width (cr, radius * 0.16);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  if (mood > 0)
    cairo_arc (cr, cx, cy + radius * 0.05, radius * 0.5, G_PI * 0.2, G_PI * 0.8);
  else if (mood < 0)
    cairo_arc (cr, cx, cy + radius * 0.75, radius * 0.5, G_PI * 1.2, G_PI * 1.8);
  else
    {
      cairo_move_to (cr, cx - radius * 0.4, cy + radius * 0.35);
      cairo_line_to (cr, cx + radius * 0.4, cy + radius * 0.35);
    }
  cjm_paint_stroke (cr);
  cjm_paint_restore (cr);
}

static int
mood_of (CjmMap *map,
         int     emotion)
{
  int twice_middle = cjm_map_get_scale_min (map) + cjm_map_get_scale_max (map);

  /* compare 2 * emotion with min + max to stay in whole numbers */
  return (2 * emotion > twice_middle) - (2 * emotion < twice_middle);
}

static CjmChannelGroup
channel_group (CjmDocument *document,
               const char  *channel,
               const char **label)
{
  const CjmChannelInfo *info = cjm_channel_info_lookup (channel);
  CjmEntity *custom;

  if (info != NULL)
    {
      *label = _(info->label);
      return info->group;
    }
  custom = cjm_document_lookup (document, channel);
  if (CJM_IS_CHANNEL (custom))
    {
      *label = cjm_channel_get_name (CJM_CHANNEL (custom));
      return cjm_channel_get_group (CJM_CHANNEL (custom));
    }
  *label = NULL;
  return CJM_CHANNEL_GROUP_OTHER;
}

static void
selection_outline (cairo_t       *cr,
                   const CjmRect *r,
                   double         radius)
{
  cjm_paint_save (cr);
  set_rgb (cr, &accent);
  cairo_set_line_width (cr, 2.5);
  rounded_rect (cr, r->x - 3, r->y - 3, r->width + 6, r->height + 6, radius + 3);
  cjm_paint_stroke (cr);
  cjm_paint_restore (cr);
}

static void
draw_touchpoint (CjmRenderer   *self,
                 cairo_t       *cr,
                 CjmDocument   *document,
                 CjmTouchpoint *touchpoint,
                 const CjmRect *r,
                 gboolean       simple)
{
  CjmMap *map = cjm_document_get_map (document);
  const char *channel_label = NULL;
  CjmChannelGroup group = channel_group (document, cjm_touchpoint_get_channel (touchpoint),
                                         &channel_label);
  gboolean managed = cjm_touchpoint_get_managed (touchpoint);
  CjmImportance importance = cjm_touchpoint_get_importance (touchpoint);
  int emotion = cjm_touchpoint_get_emotion (touchpoint);
  double alpha = importance == CJM_IMPORTANCE_SUPERFLUOUS ? 0.55 : 1.0;
  double text_x = r->x + 12;
  double text_w = r->width - 20;

  cjm_paint_save (cr);
  if (alpha < 1)
    {
      /* fade the whole item as one: a group no larger than the item */
      cairo_rectangle (cr, r->x - 2, r->y - 2, r->width + 4, r->height + 4);
      cjm_paint_clip (cr);
      cjm_paint_begin_fade (cr);
    }

  /* card */
  rounded_rect (cr, r->x, r->y, r->width, r->height, 7);
  if (managed)
    cairo_set_source_rgb (cr, 1, 1, 1);
  else
    set_hex (cr, 0xf6f5f4, 1);
  cjm_paint_fill_preserve (cr);
  if (managed)
    {
      set_hex (cr, 0xc0bfbc, 1);
      cairo_set_line_width (cr, importance == CJM_IMPORTANCE_CRITICAL ? 1.6 : 1);
      if (importance == CJM_IMPORTANCE_CRITICAL)
        set_hex (cr, 0x77767b, 1);
    }
  else
    {
      /* not controlled by the organisation: a dashed outline */
      static const double dashes[] = { 4, 3 };

      set_hex (cr, 0x9a9996, 1);
      cairo_set_line_width (cr, 1.2);
      cairo_set_dash (cr, dashes, 2, 0);
    }
  cjm_paint_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* channel strip on the left */
  cjm_paint_save (cr);
  rounded_rect (cr, r->x, r->y, r->width, r->height, 7);
  cjm_paint_clip (cr);
  set_hex (cr, group_color (group), 1);
  cairo_rectangle (cr, r->x, r->y, 5, r->height);
  cjm_paint_fill (cr);
  cjm_paint_restore (cr);

  if (simple)
    goto done;

  /* header line: channel glyph and name, and the emotion face */
  set_hex (cr, group_color (group), 1);
  draw_group_glyph (cr, group, text_x, r->y + 7);
  if (channel_label != NULL)
    {
      Rgb c;

      cjm_color_to_rgb (group_color (group), &c.r, &c.g, &c.b);
      draw_text (cr, self->small, channel_label, text_x + 18, r->y + 7.5, text_w - 42, 1, &c,
                 PANGO_ALIGN_LEFT);
    }
  if (emotion != CJM_UNSET_INT)
    draw_face (cr, r->x + r->width - 16, r->y + 14, 8, mood_of (map, emotion));

  /* title */
  draw_text (cr, self->title, cjm_touchpoint_get_title (touchpoint), text_x, r->y + 26,
             text_w, 2, &text_color, PANGO_ALIGN_LEFT);

  /* footer: importance and whether the organisation manages it */
  {
    GString *footer = g_string_new (NULL);

    if (importance == CJM_IMPORTANCE_CRITICAL)
      g_string_append (footer, _("Critical"));
    else if (importance == CJM_IMPORTANCE_SUPERFLUOUS)
      g_string_append (footer, _("Superfluous"));
    if (!managed)
      g_string_append_printf (footer, "%s%s", footer->len > 0 ? " · " : "", _("Not managed"));
    if (footer->len > 0)
      {
        static const Rgb critical = { 0.75, 0.11, 0.16 };

        draw_text (cr, self->small, footer->str, text_x, r->y + r->height - 16, text_w, 1,
                   importance == CJM_IMPORTANCE_CRITICAL ? &critical : &dim_color,
                   PANGO_ALIGN_LEFT);
      }
    g_string_free (footer, TRUE);
  }

done:
  if (alpha < 1)
    {
      cjm_paint_end_fade (cr, alpha);
    }
  cjm_paint_restore (cr);
}

static void
draw_card (CjmRenderer   *self,
           cairo_t       *cr,
           CjmCard       *card,
           CjmLaneKind    kind,
           const CjmRect *r,
           gboolean       simple)
{
  guint color = cjm_card_get_color (card);

  if (color == CJM_UNSET_COLOR)
    color = card_color (kind);

  cjm_paint_save (cr);
  /* a soft shadow makes the note read as a note */
  if (!simple)
    {
      cairo_set_source_rgba (cr, 0, 0, 0, 0.08);
      rounded_rect (cr, r->x + 1, r->y + 2, r->width, r->height, 4);
      cjm_paint_fill (cr);
    }
  set_hex (cr, color, 1);
  rounded_rect (cr, r->x, r->y, r->width, r->height, 4);
  cjm_paint_fill (cr);

  if (!simple)
    draw_text (cr, self->body, cjm_card_get_text (card), r->x + 9, r->y + 7, r->width - 18, 3,
               &text_color, PANGO_ALIGN_LEFT);
  cjm_paint_restore (cr);
}

/**
 * cjm_renderer_draw_item:
 * @self: a renderer
 * @cr: where to draw
 * @layout: the layout the item belongs to
 * @item: a touchpoint or card
 * @rect: where to draw it (its own place, or under the pointer when dragged)
 * @scale: device units per map unit
 * @selected: whether to outline it
 */
void
cjm_renderer_draw_item (CjmRenderer   *self,
                        cairo_t       *cr,
                        CjmLayout     *layout,
                        CjmEntity     *item,
                        const CjmRect *rect,
                        double         scale,
                        gboolean       selected)
{
  CjmDocument *document = cjm_layout_get_document (layout);
  gboolean simple = scale < SIMPLE_BELOW;

  if (CJM_IS_TOUCHPOINT (item))
    draw_touchpoint (self, cr, document, CJM_TOUCHPOINT (item), rect, simple);
  else if (CJM_IS_CARD (item))
    {
      CjmLane *lane = CJM_LANE (cjm_document_lookup (document, cjm_card_get_lane (CJM_CARD (item))));

      draw_card (self, cr, CJM_CARD (item), lane != NULL ? cjm_lane_get_kind (lane) : CJM_LANE_NOTES,
                 rect, simple);
    }
  if (selected)
    selection_outline (cr, rect, CJM_IS_TOUCHPOINT (item) ? 7 : 4);
}

static void
visible_range (CjmLayout              *layout,
               const CjmRenderOptions *options,
               int                    *first_phase,
               int                    *last_phase,
               int                    *first_lane,
               int                    *last_lane)
{
  guint n_phases = cjm_layout_get_n_phases (layout);
  guint n_lanes = cjm_layout_get_n_lanes (layout);
  const CjmRect *v = &options->visible;
  int p;

  p = cjm_layout_phase_at (layout, MAX (v->x, CJM_LAYOUT_LANE_HEADER_WIDTH));
  *first_phase = p >= 0 ? p : (v->x < CJM_LAYOUT_LANE_HEADER_WIDTH ? 0 : (int) n_phases);
  p = cjm_layout_phase_at (layout, v->x + v->width);
  *last_phase = p >= 0 ? p : (int) n_phases - 1;

  p = cjm_layout_lane_at (layout, MAX (v->y, CJM_LAYOUT_PHASE_HEADER_HEIGHT));
  *first_lane = p >= 0 ? p : (v->y < CJM_LAYOUT_PHASE_HEADER_HEIGHT ? 0 : (int) n_lanes);
  p = cjm_layout_lane_at (layout, v->y + v->height);
  *last_lane = p >= 0 ? p : (int) n_lanes - 1;
}

static void
draw_grid (CjmRenderer            *self,
           cairo_t                *cr,
           CjmLayout              *layout,
           const CjmRenderOptions *options,
           int first_phase, int last_phase, int first_lane, int last_lane)
{
  CjmDocument *document = cjm_layout_get_document (layout);
  GPtrArray *lanes = cjm_document_get_lanes (document);
  double width = cjm_layout_get_width (layout);
  double height = cjm_layout_get_height (layout);

  cjm_paint_save (cr);
  cairo_rectangle (cr, CJM_LAYOUT_LANE_HEADER_WIDTH, CJM_LAYOUT_PHASE_HEADER_HEIGHT,
                   width - CJM_LAYOUT_LANE_HEADER_WIDTH, height - CJM_LAYOUT_PHASE_HEADER_HEIGHT);
  cjm_paint_clip (cr);

  for (int lane = first_lane; lane <= last_lane; lane++)
    {
      CjmLane *entity = g_ptr_array_index (lanes, lane);
      CjmLaneKind kind = cjm_lane_get_kind (entity);
      CjmRect r;

      cjm_layout_get_lane_rect (layout, lane, &r);
      set_hex (cr, lane_tint (kind), 1);
      cairo_rectangle (cr, r.x, r.y, r.width, r.height);
      cjm_paint_fill (cr);

      if (kind == CJM_LANE_EMOTION)
        {
          CjmMap *map = cjm_document_get_map (document);
          double middle = (cjm_map_get_scale_min (map) + cjm_map_get_scale_max (map)) / 2.0;
          double top = cjm_layout_value_to_y (layout, lane, cjm_map_get_scale_max (map));
          double mid = cjm_layout_value_to_y (layout, lane, middle);
          double bottom = cjm_layout_value_to_y (layout, lane, cjm_map_get_scale_min (map));
          static const double dashes[] = { 6, 4 };

          /* positive above the middle, negative below */
          set_hex (cr, 0x2ec27e, 0.07);
          cairo_rectangle (cr, r.x, top, r.width, mid - top);
          cjm_paint_fill (cr);
          set_hex (cr, 0xe01b24, 0.06);
          cairo_rectangle (cr, r.x, mid, r.width, bottom - mid);
          cjm_paint_fill (cr);

          set_hex (cr, 0x9a9996, 1);
          cairo_set_line_width (cr, 1);
          cairo_set_dash (cr, dashes, 2, 0);
          cairo_move_to (cr, r.x, mid);
          cairo_line_to (cr, r.x + r.width, mid);
          cjm_paint_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      else if (kind == CJM_LANE_BACKSTAGE)
        {
          static const double dashes[] = { 8, 5 };

          /* the line of visibility: the customer does not see below it */
          set_hex (cr, 0x77767b, 1);
          cairo_set_line_width (cr, 1.5);
          cairo_set_dash (cr, dashes, 2, 0);
          cairo_move_to (cr, r.x, r.y + 0.75);
          cairo_line_to (cr, r.x + r.width, r.y + 0.75);
          cjm_paint_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
    }

  set_rgb (cr, &grid_color);
  cairo_set_line_width (cr, 1);
  for (int phase = first_phase; phase <= last_phase + 1 && phase <= (int) cjm_layout_get_n_phases (layout); phase++)
    {
      CjmRect r;

      if (phase < (int) cjm_layout_get_n_phases (layout))
        cjm_layout_get_phase_rect (layout, phase, &r);
      else
        r.x = width;
      cairo_move_to (cr, r.x + 0.5, options->visible.y);
      cairo_line_to (cr, r.x + 0.5, options->visible.y + options->visible.height);
    }
  for (int lane = first_lane; lane <= last_lane; lane++)
    {
      CjmRect r;

      cjm_layout_get_lane_rect (layout, lane, &r);
      cairo_move_to (cr, options->visible.x, r.y + r.height - 0.5);
      cairo_line_to (cr, options->visible.x + options->visible.width, r.y + r.height - 0.5);
    }
  cjm_paint_stroke (cr);
  cjm_paint_restore (cr);
}

static void
draw_transitions (CjmRenderer            *self,
                  cairo_t                *cr,
                  CjmLayout              *layout,
                  const CjmRenderOptions *options,
                  gboolean                markers)
{
  CjmDocument *document = cjm_layout_get_document (layout);
  GPtrArray *transitions = cjm_document_get_transitions (document);
  gboolean simple = options->scale < SIMPLE_BELOW;

  cjm_paint_save (cr);
  for (guint i = 0; i < transitions->len; i++)
    {
      CjmTransition *transition = g_ptr_array_index (transitions, i);
      const CjmLayoutItem *from = cjm_layout_find_item (layout, cjm_document_lookup (document, cjm_transition_get_from_id (transition)));
      const CjmLayoutItem *to = cjm_layout_find_item (layout, cjm_document_lookup (document, cjm_transition_get_to_id (transition)));
      CjmRect bounds;
      double x0, y0, x1, y1, dx;
      guint irritations;

      if (from == NULL || to == NULL)
        continue;

      bounds.x = MIN (from->rect.x, to->rect.x);
      bounds.y = MIN (from->rect.y, to->rect.y);
      bounds.width = MAX (from->rect.x + from->rect.width, to->rect.x + to->rect.width) - bounds.x;
      bounds.height = MAX (from->rect.y + from->rect.height, to->rect.y + to->rect.height) - bounds.y;
      if (!cjm_rect_intersects (&bounds, &options->visible))
        continue;

      if (to->rect.x >= from->rect.x + from->rect.width)
        {
          x0 = from->rect.x + from->rect.width;
          x1 = to->rect.x;
        }
      else if (to->rect.x + to->rect.width <= from->rect.x)
        {
          x0 = from->rect.x;
          x1 = to->rect.x + to->rect.width;
        }
      else
        {
          x0 = from->rect.x + from->rect.width / 2;
          x1 = to->rect.x + to->rect.width / 2;
        }
      y0 = from->rect.y + from->rect.height / 2;
      y1 = to->rect.y + to->rect.height / 2;
      dx = (x1 - x0) / 2;
      irritations = cjm_transition_get_irritations (transition);

      if (!markers)
        {
          set_hex (cr, irritations != 0 ? 0xe66100 : 0x9a9996, 1);
          cairo_set_line_width (cr, irritations != 0 ? 2 : 1.5);
          cairo_move_to (cr, x0, y0);
          cairo_curve_to (cr, x0 + dx, y0, x1 - dx, y1, x1, y1);
          cjm_paint_stroke (cr);
          /* arrow head */
          {
            double dir = x1 >= x0 ? 1 : -1;

            cairo_move_to (cr, x1, y1);
            cairo_line_to (cr, x1 - dir * 7, y1 - 4);
            cairo_line_to (cr, x1 - dir * 7, y1 + 4);
            cairo_close_path (cr);
            cjm_paint_fill (cr);
          }
          continue;
        }

      if (irritations != 0 && !simple)
        {
          double mx = (x0 + x1) / 2, my = (y0 + y1) / 2;
          int wait = cjm_transition_get_wait_minutes (transition);

          /* a warning diamond where the customer is let down */
          cjm_paint_save (cr);
          set_hex (cr, 0xe66100, 1);
          cairo_move_to (cr, mx, my - 9);
          cairo_line_to (cr, mx + 9, my);
          cairo_line_to (cr, mx, my + 9);
          cairo_line_to (cr, mx - 9, my);
          cairo_close_path (cr);
          cjm_paint_fill (cr);
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_set_line_width (cr, 1.8);
          cairo_move_to (cr, mx, my - 4.5);
          cairo_line_to (cr, mx, my + 1.5);
          cjm_paint_stroke (cr);
          cairo_arc (cr, mx, my + 4.3, 1.1, 0, 2 * G_PI);
          cjm_paint_fill (cr);
          cjm_paint_restore (cr);

          if (wait != CJM_UNSET_INT && wait > 0)
            {
              g_autofree char *label = wait >= 1440 ? g_strdup_printf (_("%d d"), wait / 1440)
                                     : wait >= 60 ? g_strdup_printf (_("%d h"), wait / 60)
                                     : g_strdup_printf (_("%d min"), wait);
              static const Rgb orange = { 0.78, 0.28, 0.0 };

              draw_text (cr, self->small, label, mx - 40, my + 10, 80, 1, &orange, PANGO_ALIGN_CENTER);
            }
        }
    }
  cjm_paint_restore (cr);
}

static guint
persona_color (CjmDocument *document,
               const char  *persona)
{
  CjmEntity *entity = cjm_document_lookup (document, persona);

  return CJM_IS_PERSONA (entity) ? cjm_persona_get_color (CJM_PERSONA (entity)) : 0x5e5c64;
}

static void
draw_curve (cairo_t              *cr,
            CjmDocument          *document,
            const CjmLayoutCurve *curve,
            GHashTable           *selection,
            gboolean              simple)
{
  guint color = persona_color (document, cjm_curve_get_persona (curve->curve));
  gboolean to_be = cjm_curve_get_variant (curve->curve) == CJM_CURVE_TO_BE;
  gboolean selected = selection != NULL && g_hash_table_contains (selection, curve->curve);

  if (curve->n_points == 0)
    return;

  cjm_paint_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (curve->n_points >= 2)
    {
      cairo_move_to (cr, curve->points[0].x, curve->points[0].y);
      for (guint k = 0; k + 1 < curve->n_points; k++)
        cairo_curve_to (cr,
                        curve->controls[2 * k].x, curve->controls[2 * k].y,
                        curve->controls[2 * k + 1].x, curve->controls[2 * k + 1].y,
                        curve->points[k + 1].x, curve->points[k + 1].y);
      if (to_be)
        {
          static const double dashes[] = { 9, 6 };

          cairo_set_dash (cr, dashes, 2, 0);
        }
      if (selected)
        {
          set_hex (cr, 0x3584e4, 0.35);
          cairo_set_line_width (cr, 9);
          cjm_paint_stroke_preserve (cr);
        }
      set_hex (cr, color, 1);
      cairo_set_line_width (cr, simple ? 2 : 3.5);
      cjm_paint_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  if (!simple)
    for (guint i = 0; i < curve->n_points; i++)
      {
        cairo_arc (cr, curve->points[i].x, curve->points[i].y, selected ? 6 : 4.5, 0, 2 * G_PI);
        cairo_set_source_rgb (cr, 1, 1, 1);
        cjm_paint_fill_preserve (cr);
        set_hex (cr, color, 1);
        cairo_set_line_width (cr, 2.5);
        cjm_paint_stroke (cr);
      }
  cjm_paint_restore (cr);
}

static void
draw_curves (cairo_t                *cr,
             CjmLayout              *layout,
             const CjmRenderOptions *options)
{
  CjmDocument *document = cjm_layout_get_document (layout);
  guint n = cjm_layout_get_n_curves (layout);
  gboolean simple = options->scale < SIMPLE_BELOW;

  /* the picked persona's curves last, so on top */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        const CjmLayoutCurve *curve = cjm_layout_get_curve (layout, i);
        gboolean front = options->front_persona != NULL
                         && g_strcmp0 (cjm_curve_get_persona (curve->curve), options->front_persona) == 0;

        if (options->personas != NULL
            && !g_strv_contains (options->personas, cjm_curve_get_persona (curve->curve)))
          continue;
        if (front == (pass == 1))
          draw_curve (cr, document, curve, options->selection, simple);
      }
}

static guint
item_color (CjmDocument *document,
            CjmEntity   *item)
{
  if (CJM_IS_TOUCHPOINT (item))
    {
      const char *label;

      return group_color (channel_group (document, cjm_touchpoint_get_channel (CJM_TOUCHPOINT (item)),
                                         &label));
    }
  else
    {
      guint color = cjm_card_get_color (CJM_CARD (item));
      CjmEntity *lane;

      if (color != CJM_UNSET_COLOR)
        return color;
      lane = cjm_document_lookup (document, cjm_card_get_lane (CJM_CARD (item)));
      return card_color (CJM_IS_LANE (lane) ? cjm_lane_get_kind (CJM_LANE (lane)) : CJM_LANE_NOTES);
    }
}

/* Far out, a map is a pattern of coloured blocks: one path per colour,
 * filled once, instead of thousands of separate shapes. */
static void
draw_tiny_items (cairo_t                *cr,
                 CjmLayout              *layout,
                 const CjmRenderOptions *options,
                 int first_phase, int last_phase, int first_lane, int last_lane)
{
  CjmDocument *document = cjm_layout_get_document (layout);
  g_autoptr(GHashTable) by_color = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  GHashTableIter iter;
  gpointer key, value;

  for (int lane = first_lane; lane <= last_lane; lane++)
    for (int phase = first_phase; phase <= last_phase; phase++)
      {
        guint n;
        const CjmLayoutItem *items = cjm_layout_get_cell_items (layout, phase, lane, &n);

        for (guint i = 0; i < n; i++)
          {
            guint color;
            GArray *rects;

            if (options->hidden != NULL && g_hash_table_contains (options->hidden, items[i].entity))
              continue;
            color = item_color (document, items[i].entity);
            rects = g_hash_table_lookup (by_color, GUINT_TO_POINTER (color + 1));
            if (rects == NULL)
              {
                rects = g_array_new (FALSE, FALSE, sizeof (CjmRect));
                g_hash_table_insert (by_color, GUINT_TO_POINTER (color + 1), rects);
              }
            g_array_append_val (rects, items[i].rect);
          }
      }

  g_hash_table_iter_init (&iter, by_color);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray *rects = value;

      for (guint i = 0; i < rects->len; i++)
        {
          const CjmRect *r = &g_array_index (rects, CjmRect, i);

          cairo_rectangle (cr, r->x, r->y, r->width, r->height);
        }
      set_hex (cr, GPOINTER_TO_UINT (key) - 1, 1);
      cjm_paint_fill (cr);
    }
}

static void
draw_body (CjmRenderer            *self,
           cairo_t                *cr,
           CjmLayout              *layout,
           const CjmRenderOptions *options)
{
  int first_phase, last_phase, first_lane, last_lane;

  visible_range (layout, options, &first_phase, &last_phase, &first_lane, &last_lane);
  draw_grid (self, cr, layout, options, first_phase, last_phase, first_lane, last_lane);

  if (options->scale < TINY_BELOW)
    {
      draw_tiny_items (cr, layout, options, first_phase, last_phase, first_lane, last_lane);
      draw_curves (cr, layout, options);
      return;
    }

  draw_transitions (self, cr, layout, options, FALSE);

  for (int lane = first_lane; lane <= last_lane; lane++)
    for (int phase = first_phase; phase <= last_phase; phase++)
      {
        guint n;
        const CjmLayoutItem *items = cjm_layout_get_cell_items (layout, phase, lane, &n);

        for (guint i = 0; i < n; i++)
          {
            if (!cjm_rect_intersects (&items[i].rect, &options->visible))
              continue;
            if (options->hidden != NULL && g_hash_table_contains (options->hidden, items[i].entity))
              continue;
            cjm_renderer_draw_item (self, cr, layout, items[i].entity, &items[i].rect, options->scale,
                                    options->selection != NULL
                                    && g_hash_table_contains (options->selection, items[i].entity));
            if (options->focus == items[i].entity)
              {
                static const double dots[] = { 2, 2 };

                cjm_paint_save (cr);
                set_rgb (cr, &accent);
                cairo_set_line_width (cr, 1.5);
                cairo_set_dash (cr, dots, 2, 0);
                rounded_rect (cr, items[i].rect.x - 6, items[i].rect.y - 6,
                              items[i].rect.width + 12, items[i].rect.height + 12, 10);
                cjm_paint_stroke (cr);
                cjm_paint_restore (cr);
              }
          }
      }

  draw_transitions (self, cr, layout, options, TRUE);
  draw_curves (cr, layout, options);
}

static void
draw_phase_headers (CjmRenderer            *self,
                    cairo_t                *cr,
                    CjmLayout              *layout,
                    const CjmRenderOptions *options)
{
  GPtrArray *phases = cjm_document_get_phases (cjm_layout_get_document (layout));
  int first_phase, last_phase, first_lane, last_lane;

  visible_range (layout, options, &first_phase, &last_phase, &first_lane, &last_lane);

  cjm_paint_save (cr);
  set_rgb (cr, &header_color);
  cairo_rectangle (cr, options->visible.x, 0, options->visible.width, CJM_LAYOUT_PHASE_HEADER_HEIGHT);
  cjm_paint_fill (cr);

  for (int phase = first_phase; phase <= last_phase; phase++)
    {
      CjmPhase *entity = g_ptr_array_index (phases, phase);
      const Rgb *color = &phase_accents[phase % G_N_ELEMENTS (phase_accents)];
      gboolean selected = options->selection != NULL && g_hash_table_contains (options->selection, entity);
      CjmRect r;
      double y;

      cjm_layout_get_phase_rect (layout, phase, &r);
      if (selected)
        {
          set_hex (cr, 0xdbe8fb, 1);
          cairo_rectangle (cr, r.x, 0, r.width, CJM_LAYOUT_PHASE_HEADER_HEIGHT);
          cjm_paint_fill (cr);
        }
      set_rgb (cr, color);
      cairo_rectangle (cr, r.x, 0, r.width, 4);
      cjm_paint_fill (cr);

      set_rgb (cr, &grid_color);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, r.x + 0.5, 0);
      cairo_line_to (cr, r.x + 0.5, CJM_LAYOUT_PHASE_HEADER_HEIGHT);
      cjm_paint_stroke (cr);

      draw_text (cr, self->header, cjm_phase_get_name (entity), r.x + 14, 12, r.width - 28, 1,
                 &text_color, PANGO_ALIGN_LEFT);
      y = 12 + text_height (self->header) + 2;
      draw_text (cr, self->small, cjm_phase_get_goal (entity), r.x + 14, y, r.width - 28,
                 2, &dim_color, PANGO_ALIGN_LEFT);
    }

  set_rgb (cr, &grid_color);
  cairo_move_to (cr, options->visible.x, CJM_LAYOUT_PHASE_HEADER_HEIGHT - 0.5);
  cairo_line_to (cr, options->visible.x + options->visible.width, CJM_LAYOUT_PHASE_HEADER_HEIGHT - 0.5);
  cjm_paint_stroke (cr);
  cjm_paint_restore (cr);
}

static void
draw_lane_headers (CjmRenderer            *self,
                   cairo_t                *cr,
                   CjmLayout              *layout,
                   const CjmRenderOptions *options)
{
  CjmDocument *document = cjm_layout_get_document (layout);
  GPtrArray *lanes = cjm_document_get_lanes (document);
  CjmMap *map = cjm_document_get_map (document);
  int first_phase, last_phase, first_lane, last_lane;

  visible_range (layout, options, &first_phase, &last_phase, &first_lane, &last_lane);

  cjm_paint_save (cr);
  set_rgb (cr, &header_color);
  cairo_rectangle (cr, 0, options->visible.y, CJM_LAYOUT_LANE_HEADER_WIDTH, options->visible.height);
  cjm_paint_fill (cr);

  for (int lane = first_lane; lane <= last_lane; lane++)
    {
      CjmLane *entity = g_ptr_array_index (lanes, lane);
      CjmLaneKind kind = cjm_lane_get_kind (entity);
      gboolean selected = options->selection != NULL && g_hash_table_contains (options->selection, entity);
      CjmRect r;
      double y;

      cjm_layout_get_lane_rect (layout, lane, &r);
      if (selected)
        {
          set_hex (cr, 0xdbe8fb, 1);
          cairo_rectangle (cr, 0, r.y, CJM_LAYOUT_LANE_HEADER_WIDTH, r.height);
          cjm_paint_fill (cr);
        }
      draw_text (cr, self->title, cjm_lane_get_name (entity), 14, r.y + 12,
                 CJM_LAYOUT_LANE_HEADER_WIDTH - 28, 2, &text_color, PANGO_ALIGN_LEFT);
      y = r.y + 12 + text_height (self->title) + 2;
      /* the kind, unless the lane's name already says it */
      if (g_utf8_collate (cjm_enum_to_label (CJM_TYPE_LANE_KIND, kind),
                          cjm_lane_get_name (entity) != NULL ? cjm_lane_get_name (entity) : "") != 0)
        draw_text (cr, self->small, cjm_enum_to_label (CJM_TYPE_LANE_KIND, kind), 14, y,
                   CJM_LAYOUT_LANE_HEADER_WIDTH - 28, 1, &dim_color, PANGO_ALIGN_LEFT);

      if (kind == CJM_LANE_EMOTION)
        {
          GPtrArray *labels = cjm_map_get_scale_labels (map);

          /* the scale, labelled where the map names its points */
          for (int v = cjm_map_get_scale_min (map); v <= cjm_map_get_scale_max (map); v++)
            {
              double ly = cjm_layout_value_to_y (layout, lane, v);
              const char *text = NULL;
              g_autofree char *number = g_strdup_printf ("%+d", v);

              for (guint i = 0; labels != NULL && i < labels->len; i++)
                if (((CjmScaleLabel *) g_ptr_array_index (labels, i))->value == v)
                  text = ((CjmScaleLabel *) g_ptr_array_index (labels, i))->text;

              set_rgb (cr, &grid_color);
              cairo_move_to (cr, CJM_LAYOUT_LANE_HEADER_WIDTH - 8, ly);
              cairo_line_to (cr, CJM_LAYOUT_LANE_HEADER_WIDTH, ly);
              cjm_paint_stroke (cr);
              if (text == NULL && v != 0 && v != cjm_map_get_scale_min (map)
                  && v != cjm_map_get_scale_max (map))
                continue;
              draw_text (cr, self->small, text != NULL ? text : (v == 0 ? "0" : number),
                         14, ly - 6, CJM_LAYOUT_LANE_HEADER_WIDTH - 26, 1, &dim_color,
                         PANGO_ALIGN_RIGHT);
            }
        }

      set_rgb (cr, &grid_color);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, 0, r.y + r.height - 0.5);
      cairo_line_to (cr, CJM_LAYOUT_LANE_HEADER_WIDTH, r.y + r.height - 0.5);
      cjm_paint_stroke (cr);
    }

  set_rgb (cr, &grid_color);
  cairo_move_to (cr, CJM_LAYOUT_LANE_HEADER_WIDTH - 0.5, options->visible.y);
  cairo_line_to (cr, CJM_LAYOUT_LANE_HEADER_WIDTH - 0.5, options->visible.y + options->visible.height);
  cjm_paint_stroke (cr);
  cjm_paint_restore (cr);
}

static void
draw_corner (CjmRenderer *self,
             cairo_t     *cr,
             CjmLayout   *layout)
{
  CjmMap *map = cjm_document_get_map (cjm_layout_get_document (layout));
  const char *title = cjm_map_get_title (map);

  cjm_paint_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, CJM_LAYOUT_LANE_HEADER_WIDTH, CJM_LAYOUT_PHASE_HEADER_HEIGHT);
  cjm_paint_fill (cr);
  draw_text (cr, self->title, title != NULL && *title != '\0' ? title : _("Untitled Map"),
             14, 14, CJM_LAYOUT_LANE_HEADER_WIDTH - 28, 3, &text_color, PANGO_ALIGN_LEFT);
  set_rgb (cr, &grid_color);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, CJM_LAYOUT_LANE_HEADER_WIDTH - 0.5, 0);
  cairo_line_to (cr, CJM_LAYOUT_LANE_HEADER_WIDTH - 0.5, CJM_LAYOUT_PHASE_HEADER_HEIGHT);
  cairo_move_to (cr, 0, CJM_LAYOUT_PHASE_HEADER_HEIGHT - 0.5);
  cairo_line_to (cr, CJM_LAYOUT_LANE_HEADER_WIDTH, CJM_LAYOUT_PHASE_HEADER_HEIGHT - 0.5);
  cjm_paint_stroke (cr);
  cjm_paint_restore (cr);
}

/**
 * cjm_renderer_draw:
 * @self: a renderer
 * @cr: where to draw, with map coordinates as its user space
 * @layout: the map's layout
 * @options: what to draw
 */
void
cjm_renderer_draw (CjmRenderer            *self,
                   cairo_t                *cr,
                   CjmLayout              *layout,
                   const CjmRenderOptions *options)
{
  g_return_if_fail (CJM_IS_RENDERER (self));
  g_return_if_fail (CJM_IS_LAYOUT (layout));

  pango_cairo_update_context (cr, self->context);
  pango_layout_context_changed (self->title);
  pango_layout_context_changed (self->body);
  pango_layout_context_changed (self->small);
  pango_layout_context_changed (self->header);
  pango_layout_context_changed (self->heading);

  if (options->parts & CJM_RENDER_BODY)
    draw_body (self, cr, layout, options);
  if (options->parts & CJM_RENDER_PHASE_HEADERS)
    draw_phase_headers (self, cr, layout, options);
  if (options->parts & CJM_RENDER_LANE_HEADERS)
    draw_lane_headers (self, cr, layout, options);
  if (options->parts & CJM_RENDER_CORNER)
    draw_corner (self, cr, layout);
}

/**
 * cjm_renderer_draw_selection:
 * @self: a renderer
 * @cr: where to draw, in map coordinates
 * @layout: the map's layout
 * @selection: (element-type CjmEntity): the selected entities
 * @focus: (nullable): the item with the keyboard focus
 *
 * Outlines selected items and highlights selected curves over an already
 * drawn map, so the canvas can keep its drawing of the map while only the
 * selection changes.
 */
void
cjm_renderer_draw_selection (CjmRenderer *self,
                             cairo_t     *cr,
                             CjmLayout   *layout,
                             GHashTable  *selection,
                             CjmEntity   *focus)
{
  CjmDocument *document = cjm_layout_get_document (layout);
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (CJM_IS_RENDERER (self));

  g_hash_table_iter_init (&iter, selection);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const CjmLayoutItem *item = cjm_layout_find_item (layout, key);

      if (item != NULL)
        selection_outline (cr, &item->rect, CJM_IS_TOUCHPOINT (key) ? 7 : 4);
      else if (CJM_IS_CURVE (key))
        for (guint i = 0; i < cjm_layout_get_n_curves (layout); i++)
          if (cjm_layout_get_curve (layout, i)->curve == key)
            draw_curve (cr, document, cjm_layout_get_curve (layout, i), selection, FALSE);
    }

  if (focus != NULL && cjm_layout_find_item (layout, focus) != NULL)
    {
      const CjmRect *r = &cjm_layout_find_item (layout, focus)->rect;
      static const double dots[] = { 2, 2 };

      cjm_paint_save (cr);
      set_rgb (cr, &accent);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, dots, 2, 0);
      rounded_rect (cr, r->x - 6, r->y - 6, r->width + 12, r->height + 12, 10);
      cjm_paint_stroke (cr);
      cjm_paint_restore (cr);
    }
}

static void
legend_swatch (CjmRenderer *self,
               cairo_t     *cr,
               double       x,
               double       y,
               guint        color,
               const char  *label,
               double      *advance)
{
  int w, h;

  set_hex (cr, color, 1);
  cairo_arc (cr, x + 6, y + 8, 6, 0, 2 * G_PI);
  cjm_paint_fill (cr);
  draw_text (cr, self->body, label, x + 18, y, 260, 1, &text_color, PANGO_ALIGN_LEFT);
  pango_layout_get_pixel_size (self->body, &w, &h);
  *advance = 18 + MIN (w, 260) + 22;
}

/**
 * cjm_renderer_draw_title_block:
 * @self: a renderer
 * @cr: where to draw, in map units, with the block's top left at 0, 0
 * @layout: the map's layout
 * @options: the export's options (which personas)
 * @width: the width of the block, the map's width
 * @date: (nullable): the date to print, already formatted
 *
 * The heading of a poster: the map's title and description, who and
 * which version, and legends for the personas' colours and the channels,
 * so the map reads without its author. %CJM_TITLE_BLOCK_HEIGHT high.
 */
void
cjm_renderer_draw_title_block (CjmRenderer            *self,
                               cairo_t                *cr,
                               CjmLayout              *layout,
                               const CjmRenderOptions *options,
                               double                  width,
                               const char             *date)
{
  CjmDocument *document = cjm_layout_get_document (layout);
  CjmMap *map = cjm_document_get_map (document);
  GPtrArray *personas = cjm_document_get_personas (document);
  const char *title = cjm_map_get_title (map);
  g_autoptr(GString) byline = g_string_new (NULL);
  double x, y;

  g_return_if_fail (CJM_IS_RENDERER (self));

  pango_cairo_update_context (cr, self->context);
  pango_layout_context_changed (self->heading);
  pango_layout_context_changed (self->body);
  pango_layout_context_changed (self->small);

  cjm_paint_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, width, CJM_TITLE_BLOCK_HEIGHT);
  cjm_paint_fill (cr);
  set_rgb (cr, &accent);
  cairo_rectangle (cr, 0, 0, width, 5);
  cjm_paint_fill (cr);

  draw_text (cr, self->heading, title != NULL && *title != '\0' ? title : _("Untitled Map"),
             14, 18, width * 0.6, 1, &text_color, PANGO_ALIGN_LEFT);
  draw_text (cr, self->body, cjm_map_get_description (map), 14, 46, width * 0.6, 2,
             &dim_color, PANGO_ALIGN_LEFT);

  if (cjm_map_get_author (map) != NULL)
    g_string_append (byline, cjm_map_get_author (map));
  if (date != NULL)
    g_string_append_printf (byline, "%s%s", byline->len > 0 ? " · " : "", date);
  g_string_append_printf (byline, "%sReiskaart %s", byline->len > 0 ? " · " : "", PACKAGE_VERSION);
  draw_text (cr, self->small, byline->str, width * 0.62, 20, width * 0.38 - 14, 2, &dim_color,
             PANGO_ALIGN_RIGHT);

  /* personas */
  x = 14;
  y = 92;
  draw_text (cr, self->small, _("Personas:"), x, y + 2, 120, 1, &dim_color, PANGO_ALIGN_LEFT);
  x += 70;
  for (guint i = 0; i < personas->len; i++)
    {
      CjmPersona *persona = g_ptr_array_index (personas, i);
      double advance;

      if (options->personas != NULL
          && !g_strv_contains (options->personas, cjm_entity_get_id (CJM_ENTITY (persona))))
        continue;
      legend_swatch (self, cr, x, y, cjm_persona_get_color (persona), cjm_persona_get_name (persona),
                     &advance);
      x += advance;
    }
  draw_text (cr, self->small, _("solid: as is, dashed: to be"), x, y + 2, 200, 1, &dim_color,
             PANGO_ALIGN_LEFT);

  /* channels, by group, and what the faces mean */
  x = 14;
  y = 120;
  draw_text (cr, self->small, _("Channels:"), x, y + 2, 120, 1, &dim_color, PANGO_ALIGN_LEFT);
  x += 70;
  for (int group = CJM_CHANNEL_GROUP_DIGITAL; group <= CJM_CHANNEL_GROUP_TELEPHONE; group++)
    {
      double advance;

      legend_swatch (self, cr, x, y, group_color (group),
                     cjm_enum_to_label (CJM_TYPE_CHANNEL_GROUP, group), &advance);
      x += advance;
    }
  x += 20;
  draw_face (cr, x + 8, y + 8, 7, 1);
  draw_text (cr, self->small, _("exceeds expectations"), x + 20, y + 2, 150, 1, &dim_color, PANGO_ALIGN_LEFT);
  draw_face (cr, x + 168, y + 8, 7, 0);
  draw_text (cr, self->small, _("meets them"), x + 180, y + 2, 100, 1, &dim_color, PANGO_ALIGN_LEFT);
  draw_face (cr, x + 268, y + 8, 7, -1);
  draw_text (cr, self->small, _("falls short"), x + 280, y + 2, 100, 1, &dim_color, PANGO_ALIGN_LEFT);
  cjm_paint_restore (cr);
}

/**
 * cjm_renderer_draw_drop_target:
 *
 * Highlights the cell items would be dropped into and where they would go.
 */
void
cjm_renderer_draw_drop_target (CjmRenderer         *self,
                               cairo_t             *cr,
                               const CjmDropTarget *target)
{
  const CjmRect *c = &target->cell;
  const CjmRect *i = &target->indicator;

  cjm_paint_save (cr);
  set_hex (cr, 0x3584e4, 0.08);
  cairo_rectangle (cr, c->x, c->y, c->width, c->height);
  cjm_paint_fill_preserve (cr);
  set_hex (cr, 0x3584e4, 0.6);
  cairo_set_line_width (cr, 2);
  cjm_paint_stroke (cr);
  set_hex (cr, 0x3584e4, 1);
  rounded_rect (cr, i->x, i->y, i->width, i->height, 1.5);
  cjm_paint_fill (cr);
  cjm_paint_restore (cr);
}
