/* cjm-viewport.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "cjm-viewport.h"

/* Zoom and scroll position of a view on a map, without GTK, so the maths
 * can be tested. x and y are the map coordinates shown at the top left
 * corner of the body; the phase and lane headers stay on screen whatever
 * the scroll position (sticky headers), so points over them map to header
 * coordinates. */
struct _CjmViewport
{
  GObject parent_instance;

  double  zoom;
  double  x;
  double  y;
  double  width;           /* the widget, in pixels */
  double  height;
  double  content_width;   /* the map, in map units */
  double  content_height;
};

G_DEFINE_FINAL_TYPE (CjmViewport, cjm_viewport, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cjm_viewport_class_init (CjmViewportClass *klass)
{
  /**
   * CjmViewport::changed:
   *
   * The zoom or position changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cjm_viewport_init (CjmViewport *self)
{
  self->zoom = 1.0;
}

CjmViewport *
cjm_viewport_new (void)
{
  return g_object_new (CJM_TYPE_VIEWPORT, NULL);
}

double
cjm_viewport_get_zoom (CjmViewport *self)
{
  g_return_val_if_fail (CJM_IS_VIEWPORT (self), 1);

  return self->zoom;
}

double
cjm_viewport_get_x (CjmViewport *self)
{
  g_return_val_if_fail (CJM_IS_VIEWPORT (self), 0);

  return self->x;
}

double
cjm_viewport_get_y (CjmViewport *self)
{
  g_return_val_if_fail (CJM_IS_VIEWPORT (self), 0);

  return self->y;
}

/**
 * cjm_viewport_get_max_x:
 *
 * Returns: the largest scroll position: the map's right edge at the
 *   widget's right edge, or 0 when it all fits
 */
double
cjm_viewport_get_max_x (CjmViewport *self)
{
  g_return_val_if_fail (CJM_IS_VIEWPORT (self), 0);

  return MAX (0, self->content_width - self->width / self->zoom);
}

double
cjm_viewport_get_max_y (CjmViewport *self)
{
  g_return_val_if_fail (CJM_IS_VIEWPORT (self), 0);

  return MAX (0, self->content_height - self->height / self->zoom);
}

static void
clamp_and_emit (CjmViewport *self)
{
  self->x = CLAMP (self->x, 0, cjm_viewport_get_max_x (self));
  self->y = CLAMP (self->y, 0, cjm_viewport_get_max_y (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

void
cjm_viewport_set_size (CjmViewport *self,
                       double       width,
                       double       height)
{
  g_return_if_fail (CJM_IS_VIEWPORT (self));

  self->width = MAX (width, 1);
  self->height = MAX (height, 1);
  clamp_and_emit (self);
}

void
cjm_viewport_set_content (CjmViewport *self,
                          double       width,
                          double       height)
{
  g_return_if_fail (CJM_IS_VIEWPORT (self));

  self->content_width = MAX (width, 0);
  self->content_height = MAX (height, 0);
  clamp_and_emit (self);
}

void
cjm_viewport_set_zoom (CjmViewport *self,
                       double       zoom)
{
  g_return_if_fail (CJM_IS_VIEWPORT (self));

  cjm_viewport_zoom_at (self, zoom / self->zoom, 0, 0);
}

void
cjm_viewport_set_position (CjmViewport *self,
                           double       x,
                           double       y)
{
  g_return_if_fail (CJM_IS_VIEWPORT (self));

  self->x = x;
  self->y = y;
  clamp_and_emit (self);
}

/**
 * cjm_viewport_zoom_at:
 * @self: a viewport
 * @factor: how much to magnify (2 doubles the size)
 * @widget_x: the point that stays put, usually the pointer
 * @widget_y: the point that stays put
 *
 * Zooms so that the map point under (@widget_x, @widget_y) stays there, as
 * Ctrl+scroll and pinching should.
 */
void
cjm_viewport_zoom_at (CjmViewport *self,
                      double       factor,
                      double       widget_x,
                      double       widget_y)
{
  double map_x, map_y, zoom;

  g_return_if_fail (CJM_IS_VIEWPORT (self));

  if (!isfinite (factor) || factor <= 0)
    return;

  map_x = self->x + widget_x / self->zoom;
  map_y = self->y + widget_y / self->zoom;
  zoom = CLAMP (self->zoom * factor, CJM_ZOOM_MIN, CJM_ZOOM_MAX);
  self->zoom = zoom;
  self->x = map_x - widget_x / zoom;
  self->y = map_y - widget_y / zoom;
  clamp_and_emit (self);
}

/**
 * cjm_viewport_fit:
 *
 * Zooms so that the whole map fits the widget, and scrolls to its origin.
 */
void
cjm_viewport_fit (CjmViewport *self)
{
  g_return_if_fail (CJM_IS_VIEWPORT (self));

  if (self->content_width <= 0 || self->content_height <= 0)
    return;
  self->zoom = CLAMP (MIN (self->width / self->content_width, self->height / self->content_height),
                      CJM_ZOOM_MIN, CJM_ZOOM_MAX);
  self->x = self->y = 0;
  clamp_and_emit (self);
}

/**
 * cjm_viewport_widget_to_map:
 *
 * Converts a widget point to map coordinates. Over the sticky headers the
 * result lies in the header band (y below the phase header height, or x
 * left of the lane header width) whatever the scroll position.
 */
void
cjm_viewport_widget_to_map (CjmViewport *self,
                            double       widget_x,
                            double       widget_y,
                            double      *map_x,
                            double      *map_y)
{
  g_return_if_fail (CJM_IS_VIEWPORT (self));

  *map_x = widget_x / self->zoom;
  *map_y = widget_y / self->zoom;
  if (*map_x >= CJM_LAYOUT_LANE_HEADER_WIDTH)
    *map_x += self->x;
  if (*map_y >= CJM_LAYOUT_PHASE_HEADER_HEIGHT)
    *map_y += self->y;
}

/**
 * cjm_viewport_map_to_widget:
 *
 * Converts a point of the map body (not of a header) to widget coordinates.
 */
void
cjm_viewport_map_to_widget (CjmViewport *self,
                            double       map_x,
                            double       map_y,
                            double      *widget_x,
                            double      *widget_y)
{
  g_return_if_fail (CJM_IS_VIEWPORT (self));

  *widget_x = (map_x - self->x) * self->zoom;
  *widget_y = (map_y - self->y) * self->zoom;
}

/**
 * cjm_viewport_get_visible:
 * @rect: (out caller-allocates): the part of the map body on screen
 */
void
cjm_viewport_get_visible (CjmViewport *self,
                          CjmRect     *rect)
{
  g_return_if_fail (CJM_IS_VIEWPORT (self));

  rect->x = self->x;
  rect->y = self->y;
  rect->width = self->width / self->zoom;
  rect->height = self->height / self->zoom;
}

/**
 * cjm_viewport_scroll_to_rect:
 *
 * Scrolls as little as needed to show @rect (an item the keyboard moved
 * to) clear of the sticky headers.
 */
void
cjm_viewport_scroll_to_rect (CjmViewport   *self,
                             const CjmRect *rect)
{
  double left, top, right, bottom;

  g_return_if_fail (CJM_IS_VIEWPORT (self));

  left = self->x + CJM_LAYOUT_LANE_HEADER_WIDTH;
  top = self->y + CJM_LAYOUT_PHASE_HEADER_HEIGHT;
  right = self->x + self->width / self->zoom;
  bottom = self->y + self->height / self->zoom;

  if (rect->x < left)
    self->x -= left - rect->x + 12;
  else if (rect->x + rect->width > right)
    self->x += rect->x + rect->width - right + 12;
  if (rect->y < top)
    self->y -= top - rect->y + 12;
  else if (rect->y + rect->height > bottom)
    self->y += rect->y + rect->height - bottom + 12;
  clamp_and_emit (self);
}
