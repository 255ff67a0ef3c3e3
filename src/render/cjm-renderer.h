/* cjm-renderer.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "cjm-layout.h"

G_BEGIN_DECLS

/**
 * CjmRenderParts:
 * @CJM_RENDER_BODY: the grid, items, connectors and curves
 * @CJM_RENDER_PHASE_HEADERS: the row of phase headers
 * @CJM_RENDER_LANE_HEADERS: the column of lane headers
 * @CJM_RENDER_CORNER: the top left corner with the map's title
 *
 * The canvas draws the headers apart so that they stay in view while
 * scrolling; an export draws everything in place.
 */
typedef enum
{
  CJM_RENDER_BODY          = 1 << 0,
  CJM_RENDER_PHASE_HEADERS = 1 << 1,
  CJM_RENDER_LANE_HEADERS  = 1 << 2,
  CJM_RENDER_CORNER        = 1 << 3,
  CJM_RENDER_ALL           = 0xf,
} CjmRenderParts;

/**
 * CjmRenderOptions:
 * @visible: the part of the map to draw, in map coordinates; what lies
 *   outside is skipped
 * @scale: device units per map unit, to choose the level of detail
 * @parts: what to draw
 * @selection: (nullable) (element-type CjmEntity): entities drawn as
 *   selected, or %NULL (exports)
 * @hidden: (nullable): entities not to draw (items being dragged)
 * @front_persona: (nullable): the persona whose curves are drawn on top
 * @focus: (nullable): the entity with the keyboard focus
 * @personas: (nullable) (array zero-terminated=1): draw only these
 *   personas' curves (an export for one segment), or %NULL for all
 */
typedef struct
{
  CjmRect             visible;
  double              scale;
  CjmRenderParts      parts;
  GHashTable         *selection;
  GHashTable         *hidden;
  const char         *front_persona;
  CjmEntity          *focus;
  const char * const *personas;
} CjmRenderOptions;

/* The height of the title block above an exported map, in map units. */
#define CJM_TITLE_BLOCK_HEIGHT 150.0
/* The smallest text the renderer draws, in map units. */
#define CJM_RENDER_SMALLEST_TEXT 8.5

#define CJM_TYPE_RENDERER (cjm_renderer_get_type ())

G_DECLARE_FINAL_TYPE (CjmRenderer, cjm_renderer, CJM, RENDERER, GObject)

CjmRenderer *cjm_renderer_new                (gboolean                 for_print);
void         cjm_renderer_options_init       (CjmRenderOptions        *options,
                                              CjmLayout               *layout);
void         cjm_renderer_draw               (CjmRenderer             *self,
                                              cairo_t                 *cr,
                                              CjmLayout               *layout,
                                              const CjmRenderOptions  *options);
void         cjm_renderer_draw_item          (CjmRenderer             *self,
                                              cairo_t                 *cr,
                                              CjmLayout               *layout,
                                              CjmEntity               *item,
                                              const CjmRect           *rect,
                                              double                   scale,
                                              gboolean                 selected);
void         cjm_renderer_draw_selection     (CjmRenderer             *self,
                                              cairo_t                 *cr,
                                              CjmLayout               *layout,
                                              GHashTable              *selection,
                                              CjmEntity               *focus);
void         cjm_renderer_draw_title_block   (CjmRenderer             *self,
                                              cairo_t                 *cr,
                                              CjmLayout               *layout,
                                              const CjmRenderOptions  *options,
                                              double                   width,
                                              const char              *date);
void         cjm_renderer_draw_drop_target   (CjmRenderer             *self,
                                              cairo_t                 *cr,
                                              const CjmDropTarget     *target);

void         cjm_color_to_rgb                (guint                    color,
                                              double                  *r,
                                              double                  *g,
                                              double                  *b);

G_END_DECLS
