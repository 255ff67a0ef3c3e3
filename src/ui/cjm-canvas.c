/* cjm-canvas.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cjm-canvas.h"
#include "cjm-clipboard.h"
#include "cjm-io-error.h"
#include "cjm-interaction.h"
#include "cjm-layout.h"
#include "cjm-renderer.h"
#include "cjm-viewport.h"

/* The map as a scrollable, zoomable surface. The drawing comes from the
 * shared renderer; this widget adds what only a screen needs: tiles of the
 * drawn map kept between frames, sticky headers, the selection, previews
 * of gestures under way, and the translation of GTK events into calls on
 * CjmInteraction, which holds the editing logic.
 *
 * Speed: the body of the map is drawn into tiles of TILE_SIZE pixels that
 * are reused until the document or the zoom changes, so scrolling and
 * dragging redraw only the headers and the overlay. */

#define TILE_SIZE 512
#define ZOOM_STEP 1.2

struct _CjmCanvas
{
  GtkWidget            parent_instance;

  CjmDocument         *document;
  CjmSelection        *selection;
  CjmInteraction      *interaction;
  CjmLayout           *layout;        /* NULL when out of date */
  CjmRenderer         *renderer;
  CjmViewport         *viewport;
  GHashTable          *tiles;         /* (row << 32 | column) -> GskRenderNode */
  double               tiles_zoom;

  GtkAdjustment       *hadjustment;
  GtkAdjustment       *vadjustment;
  guint                hscroll_policy : 1;
  guint                vscroll_policy : 1;
  guint                space_down : 1;
  guint                panning : 1;
  guint                updating_adjustments : 1;

  double               pan_start_x;
  double               pan_start_y;
  double               zoom_start;
  double               pointer_x;
  double               pointer_y;

  guint                relayout_id;
  GtkWidget           *editor;        /* popover for editing a title in place */
  GtkWidget           *editor_entry;
  CjmEntity           *editing;
};

static void cjm_canvas_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CjmCanvas, cjm_canvas, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, cjm_canvas_scrollable_init))

enum {
  PROP_0,
  PROP_ZOOM,
  N_PROPS,

  PROP_HADJUSTMENT,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

static void
cjm_canvas_scrollable_init (GtkScrollableInterface *iface)
{
}

static void
invalidate_tiles (CjmCanvas *self)
{
  g_hash_table_remove_all (self->tiles);
}

static CjmLayout *
ensure_layout (CjmCanvas *self)
{
  if (self->layout == NULL && self->document != NULL)
    {
      self->layout = cjm_layout_new (self->document);
      cjm_interaction_set_layout (self->interaction, self->layout);
      cjm_viewport_set_content (self->viewport, cjm_layout_get_width (self->layout),
                                cjm_layout_get_height (self->layout));
      invalidate_tiles (self);
    }
  return self->layout;
}

static void
update_adjustments (CjmCanvas *self)
{
  double zoom = cjm_viewport_get_zoom (self->viewport);
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double content_width = self->layout != NULL ? cjm_layout_get_width (self->layout) * zoom : width;
  double content_height = self->layout != NULL ? cjm_layout_get_height (self->layout) * zoom : height;

  self->updating_adjustments = TRUE;
  if (self->hadjustment != NULL)
    gtk_adjustment_configure (self->hadjustment, cjm_viewport_get_x (self->viewport) * zoom, 0,
                              MAX (content_width, width), 40, width * 0.9, width);
  if (self->vadjustment != NULL)
    gtk_adjustment_configure (self->vadjustment, cjm_viewport_get_y (self->viewport) * zoom, 0,
                              MAX (content_height, height), 40, height * 0.9, height);
  self->updating_adjustments = FALSE;
}

static void
on_viewport_changed (CjmCanvas   *self,
                     CjmViewport *viewport)
{
  if (cjm_viewport_get_zoom (viewport) != self->tiles_zoom)
    {
      invalidate_tiles (self);
      self->tiles_zoom = cjm_viewport_get_zoom (viewport);
      cjm_interaction_set_tolerance (self->interaction, 4 / self->tiles_zoom);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  update_adjustments (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_adjustment_value_changed (CjmCanvas     *self,
                             GtkAdjustment *adjustment)
{
  double zoom = cjm_viewport_get_zoom (self->viewport);

  if (self->updating_adjustments)
    return;
  cjm_viewport_set_position (self->viewport,
                             self->hadjustment != NULL ? gtk_adjustment_get_value (self->hadjustment) / zoom : 0,
                             self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) / zoom : 0);
}

static void
set_adjustment (CjmCanvas      *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (*slot == adjustment)
    return;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, on_adjustment_value_changed, self);
  g_set_object (slot, adjustment);
  if (adjustment != NULL)
    g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (on_adjustment_value_changed),
                             self, G_CONNECT_SWAPPED);
  update_adjustments (self);
}

/* Runs in the frame's update phase, before GTK lays out and draws, so the
 * scroll bars learn the map's new size before anything is drawn. */
static gboolean
relayout_tick (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  CjmCanvas *self = CJM_CANVAS (widget);

  self->relayout_id = 0;
  if (ensure_layout (self) != NULL)
    update_adjustments (self);
  return G_SOURCE_REMOVE;
}

static void
on_document_changed (CjmCanvas  *self,
                     guint       kind,
                     CjmEntity  *entity,
                     const char *field)
{
  /* One command can change hundreds of entities (deleting a phase): make
   * the layout again once, before the next frame, not for each change. */
  g_clear_object (&self->layout);
  invalidate_tiles (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->relayout_id == 0)
    self->relayout_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), relayout_tick, NULL, NULL);
}

static void update_actions (CjmCanvas *self);

static void
on_selection_changed (CjmCanvas    *self,
                      CjmSelection *selection)
{
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Drawing -------------------------------------------------------------- */

static GskRenderNode *
get_tile (CjmCanvas *self,
          int        column,
          int        row)
{
  guint64 key = ((guint64) (guint32) row << 32) | (guint32) column;
  GskRenderNode *node = g_hash_table_lookup (self->tiles, &key);
  double zoom = cjm_viewport_get_zoom (self->viewport);
  CjmRenderOptions options;
  cairo_t *cr;
  guint64 *stored_key;

  if (node != NULL)
    return node;

  node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (column * TILE_SIZE, row * TILE_SIZE,
                                                  TILE_SIZE, TILE_SIZE));
  cr = gsk_cairo_node_get_draw_context (node);
  cairo_scale (cr, zoom, zoom);

  cjm_renderer_options_init (&options, self->layout);
  options.visible.x = column * TILE_SIZE / zoom;
  options.visible.y = row * TILE_SIZE / zoom;
  options.visible.width = TILE_SIZE / zoom;
  options.visible.height = TILE_SIZE / zoom;
  options.scale = zoom;
  options.parts = CJM_RENDER_BODY;
  options.front_persona = cjm_interaction_get_persona (self->interaction);

  cairo_rectangle (cr, 0, 0, cjm_layout_get_width (self->layout), cjm_layout_get_height (self->layout));
  cairo_clip (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cjm_renderer_draw (self->renderer, cr, self->layout, &options);
  cairo_destroy (cr);

  stored_key = g_new (guint64, 1);
  *stored_key = key;
  g_hash_table_insert (self->tiles, stored_key, node);
  return node;
}

static void
draw_overlay (CjmCanvas *self,
              cairo_t   *cr)
{
  const CjmDropTarget *drop = cjm_interaction_get_drop_target (self->interaction);
  GHashTable *moving = cjm_interaction_get_moving (self->interaction);
  CjmRect rect;
  guint n_stroke;
  const CjmPoint *stroke = cjm_interaction_get_stroke (self->interaction, &n_stroke);

  cjm_renderer_draw_selection (self->renderer, cr, self->layout,
                               cjm_selection_get_set (self->selection), NULL);

  if (drop != NULL)
    cjm_renderer_draw_drop_target (self->renderer, cr, drop);

  if (g_hash_table_size (moving) > 0)
    {
      GHashTableIter iter;
      gpointer key;
      double dx, dy;

      cjm_interaction_get_offset (self->interaction, &dx, &dy);
      g_hash_table_iter_init (&iter, moving);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          const CjmLayoutItem *item = cjm_layout_find_item (self->layout, key);
          CjmRect moved;

          if (item == NULL)
            continue;
          /* the item lifts out of its cell and follows the pointer */
          cairo_set_source_rgba (cr, 1, 1, 1, 0.7);
          cairo_rectangle (cr, item->rect.x - 4, item->rect.y - 4, item->rect.width + 8, item->rect.height + 8);
          cairo_fill (cr);
          moved = item->rect;
          moved.x += dx;
          moved.y += dy;
          cairo_save (cr);
          cairo_set_source_rgba (cr, 0, 0, 0, 0.15);
          cairo_rectangle (cr, moved.x + 3, moved.y + 5, moved.width, moved.height);
          cairo_fill (cr);
          cairo_restore (cr);
          cjm_renderer_draw_item (self->renderer, cr, self->layout, key, &moved,
                                  cjm_viewport_get_zoom (self->viewport), TRUE);
        }
    }

  if (cjm_interaction_get_rubber_band (self->interaction, &rect))
    {
      cairo_set_source_rgba (cr, 0.208, 0.518, 0.894, 0.12);
      cairo_rectangle (cr, rect.x, rect.y, rect.width, rect.height);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0.208, 0.518, 0.894, 0.8);
      cairo_set_line_width (cr, 1 / cjm_viewport_get_zoom (self->viewport));
      cairo_stroke (cr);
    }

  if (n_stroke > 1)
    {
      CjmEntity *persona = cjm_document_lookup (self->document,
                                                cjm_interaction_get_persona (self->interaction));
      double r = 0.208, g = 0.518, b = 0.894;

      /* the stroke in the colour of the curve it becomes */
      if (CJM_IS_PERSONA (persona))
        cjm_color_to_rgb (cjm_persona_get_color (CJM_PERSONA (persona)), &r, &g, &b);
      cairo_set_source_rgba (cr, r, g, b, 0.9);
      cairo_set_line_width (cr, 3);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_move_to (cr, stroke[0].x, stroke[0].y);
      for (guint i = 1; i < n_stroke; i++)
        cairo_line_to (cr, stroke[i].x, stroke[i].y);
      cairo_stroke (cr);
    }

  if (cjm_interaction_get_guide (self->interaction, &rect))
    {
      cairo_set_source_rgba (cr, 0.208, 0.518, 0.894, 0.35);
      cairo_rectangle (cr, rect.x, rect.y, rect.width, rect.height);
      cairo_fill (cr);
    }
}

static void
cjm_canvas_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  CjmCanvas *self = CJM_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double zoom, x0, y0, header_w, header_h;
  CjmRenderOptions options;
  cairo_t *cr;

  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.92, 0.92, 0.91, 1 },
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (ensure_layout (self) == NULL)
    return;

  zoom = cjm_viewport_get_zoom (self->viewport);
  x0 = cjm_viewport_get_x (self->viewport) * zoom;
  y0 = cjm_viewport_get_y (self->viewport) * zoom;
  header_w = CJM_LAYOUT_LANE_HEADER_WIDTH * zoom;
  header_h = CJM_LAYOUT_PHASE_HEADER_HEIGHT * zoom;

  /* the body, from tiles */
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-x0, -y0));
  for (int row = (int) floor (y0 / TILE_SIZE); row <= (int) floor ((y0 + height) / TILE_SIZE); row++)
    for (int column = (int) floor (x0 / TILE_SIZE); column <= (int) floor ((x0 + width) / TILE_SIZE); column++)
      {
        if (column * TILE_SIZE > cjm_layout_get_width (self->layout) * zoom
            || row * TILE_SIZE > cjm_layout_get_height (self->layout) * zoom)
          continue;
        gtk_snapshot_append_node (snapshot, get_tile (self, column, row));
      }
  gtk_snapshot_restore (snapshot);

  /* what changes from frame to frame: selection and gestures */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_translate (cr, -x0, -y0);
  cairo_scale (cr, zoom, zoom);
  draw_overlay (self, cr);
  cairo_destroy (cr);

  /* the headers stay in view */
  cjm_renderer_options_init (&options, self->layout);
  cjm_viewport_get_visible (self->viewport, &options.visible);
  options.scale = zoom;
  options.selection = cjm_selection_get_set (self->selection);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, header_h));
  cairo_translate (cr, -x0, 0);
  cairo_scale (cr, zoom, zoom);
  options.parts = CJM_RENDER_PHASE_HEADERS;
  cjm_renderer_draw (self->renderer, cr, self->layout, &options);
  cairo_destroy (cr);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, header_w, height));
  cairo_translate (cr, 0, -y0);
  cairo_scale (cr, zoom, zoom);
  options.parts = CJM_RENDER_LANE_HEADERS;
  cjm_renderer_draw (self->renderer, cr, self->layout, &options);
  cairo_destroy (cr);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, header_w, header_h));
  cairo_scale (cr, zoom, zoom);
  options.parts = CJM_RENDER_CORNER;
  cjm_renderer_draw (self->renderer, cr, self->layout, &options);
  cairo_destroy (cr);
}

static void
cjm_canvas_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  CjmCanvas *self = CJM_CANVAS (widget);

  cjm_viewport_set_size (self->viewport, width, height);
  update_adjustments (self);
  if (self->editor != NULL)
    gtk_popover_present (GTK_POPOVER (self->editor));
}

static void
cjm_canvas_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  *minimum = 200;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 900 : 600;
}

/* Input ------------------------------------------------------------------ */

static void
to_map (CjmCanvas *self,
        double     x,
        double     y,
        double    *map_x,
        double    *map_y)
{
  cjm_viewport_widget_to_map (self->viewport, x, y, map_x, map_y);
}

/* During a drag the pointer keeps to the body's coordinates even over the
 * sticky headers, except for gestures that started on a header. */
static void
to_map_dragging (CjmCanvas *self,
                 double     x,
                 double     y,
                 double    *map_x,
                 double    *map_y)
{
  double zoom = cjm_viewport_get_zoom (self->viewport);
  CjmGesture gesture = cjm_interaction_get_gesture (self->interaction);

  *map_x = x / zoom + cjm_viewport_get_x (self->viewport);
  *map_y = y / zoom + cjm_viewport_get_y (self->viewport);
  if (gesture == CJM_GESTURE_MOVE_PHASE || gesture == CJM_GESTURE_RESIZE_PHASE)
    *map_y = y / zoom;
  if (gesture == CJM_GESTURE_MOVE_LANE || gesture == CJM_GESTURE_RESIZE_LANE)
    *map_x = x / zoom;
}

static CjmModifiers
modifiers_of (GtkEventController *controller)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (controller);
  CjmModifiers modifiers = 0;

  if (state & GDK_SHIFT_MASK)
    modifiers |= CJM_MODIFIER_SHIFT;
  if (state & GDK_CONTROL_MASK)
    modifiers |= CJM_MODIFIER_CONTROL;
  return modifiers;
}

static void
update_cursor (CjmCanvas *self)
{
  double x, y;

  if (self->layout == NULL)
    return;
  if (self->panning || self->space_down)
    {
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), self->panning ? "grabbing" : "grab");
      return;
    }
  to_map (self, self->pointer_x, self->pointer_y, &x, &y);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cjm_interaction_get_cursor (self->interaction, x, y));
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               CjmCanvas      *self)
{
  double mx, my;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (ensure_layout (self) == NULL)
    return;

  if (self->space_down)
    {
      self->panning = TRUE;
      self->pan_start_x = cjm_viewport_get_x (self->viewport);
      self->pan_start_y = cjm_viewport_get_y (self->viewport);
      update_cursor (self);
      return;
    }

  to_map (self, x, y, &mx, &my);
  cjm_interaction_press (self->interaction, mx, my,
                         modifiers_of (GTK_EVENT_CONTROLLER (gesture)), 1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                CjmCanvas      *self)
{
  double x, y, mx, my;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  if (self->panning)
    {
      double zoom = cjm_viewport_get_zoom (self->viewport);

      cjm_viewport_set_position (self->viewport, self->pan_start_x - dx / zoom,
                                 self->pan_start_y - dy / zoom);
      return;
    }
  to_map_dragging (self, x + dx, y + dy, &mx, &my);
  cjm_interaction_motion (self->interaction, mx, my);
  update_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             CjmCanvas      *self)
{
  double x, y, mx, my;

  if (self->panning)
    {
      self->panning = FALSE;
      update_cursor (self);
      return;
    }
  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  to_map_dragging (self, x + dx, y + dy, &mx, &my);
  cjm_interaction_release (self->interaction, mx, my);
  update_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_cancel (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                CjmCanvas        *self)
{
  self->panning = FALSE;
  cjm_interaction_cancel (self->interaction);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_pan_begin (GtkGestureDrag *gesture,
              double          x,
              double          y,
              CjmCanvas      *self)
{
  self->panning = TRUE;
  self->pan_start_x = cjm_viewport_get_x (self->viewport);
  self->pan_start_y = cjm_viewport_get_y (self->viewport);
  update_cursor (self);
}

static void
on_pan_update (GtkGestureDrag *gesture,
               double          dx,
               double          dy,
               CjmCanvas      *self)
{
  double zoom = cjm_viewport_get_zoom (self->viewport);

  cjm_viewport_set_position (self->viewport, self->pan_start_x - dx / zoom,
                             self->pan_start_y - dy / zoom);
}

static void
on_pan_end (GtkGestureDrag *gesture,
            double          dx,
            double          dy,
            CjmCanvas      *self)
{
  self->panning = FALSE;
  update_cursor (self);
}

static void
start_editing (CjmCanvas *self,
               CjmEntity *item);

static void
on_click_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  CjmCanvas       *self)
{
  CjmHit hit;
  double mx, my;

  if (n_press != 2 || ensure_layout (self) == NULL)
    return;

  to_map (self, x, y, &mx, &my);
  cjm_layout_hit_test (self->layout, mx, my, 4 / cjm_viewport_get_zoom (self->viewport), &hit);
  if (hit.kind == CJM_HIT_ITEM)
    start_editing (self, hit.entity);
  else if (hit.kind == CJM_HIT_CURVE_POINT)
    cjm_interaction_press (self->interaction, mx, my, 0, 2);
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           CjmCanvas                *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
  if (cjm_interaction_get_gesture (self->interaction) == CJM_GESTURE_NONE)
    update_cursor (self);
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           CjmCanvas                *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (!(state & GDK_CONTROL_MASK))
    return FALSE; /* the scrolled window pans */

  cjm_viewport_zoom_at (self->viewport, pow (ZOOM_STEP, -dy), self->pointer_x, self->pointer_y);
  return TRUE;
}

static void
on_zoom_begin (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               CjmCanvas        *self)
{
  self->zoom_start = cjm_viewport_get_zoom (self->viewport);
}

static void
on_zoom_scale_changed (GtkGestureZoom *gesture,
                       double          scale,
                       CjmCanvas      *self)
{
  double x, y;

  gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y);
  cjm_viewport_zoom_at (self->viewport, self->zoom_start * scale / cjm_viewport_get_zoom (self->viewport),
                        x, y);
}

static void
reveal_primary (CjmCanvas *self)
{
  CjmEntity *primary = cjm_selection_get_primary (self->selection);

  if (primary != NULL)
    cjm_canvas_reveal (self, primary);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                CjmCanvas             *self)
{
  gboolean control = (state & GDK_CONTROL_MASK) != 0;
  gboolean handled = FALSE;
  CjmDirection direction;

  if (ensure_layout (self) == NULL)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_space:
      if (!self->space_down)
        {
          self->space_down = TRUE;
          update_cursor (self);
        }
      return TRUE;
    case GDK_KEY_Escape:
      if (cjm_interaction_get_gesture (self->interaction) != CJM_GESTURE_NONE)
        cjm_interaction_cancel (self->interaction);
      else
        cjm_selection_clear (self->selection);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return TRUE;
    case GDK_KEY_Tab:
    case GDK_KEY_ISO_Left_Tab:
      handled = cjm_interaction_select_next (self->interaction,
                                             keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK));
      if (handled)
        reveal_primary (self);
      return handled;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_F2:
      cjm_canvas_edit_selected (self);
      return TRUE;
    case GDK_KEY_Delete:
    case GDK_KEY_BackSpace:
      return cjm_interaction_delete_selection (self->interaction);
    case GDK_KEY_Left:
      direction = CJM_DIRECTION_LEFT;
      break;
    case GDK_KEY_Right:
      direction = CJM_DIRECTION_RIGHT;
      break;
    case GDK_KEY_Up:
      direction = CJM_DIRECTION_UP;
      break;
    case GDK_KEY_Down:
      direction = CJM_DIRECTION_DOWN;
      break;
    default:
      return FALSE;
    }

  if (control)
    handled = cjm_interaction_move_selection (self->interaction, direction);
  else
    handled = cjm_interaction_select_toward (self->interaction, direction);
  if (handled)
    reveal_primary (self);
  return handled;
}

static void
on_key_released (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 CjmCanvas             *self)
{
  if (keyval == GDK_KEY_space)
    {
      self->space_down = FALSE;
      update_cursor (self);
    }
}

/* Dropping palette kinds ---------------------------------------------------- */

static const char *
drop_kind (GtkDropTarget *target)
{
  const GValue *value = gtk_drop_target_get_value (target);

  return value != NULL && G_VALUE_HOLDS_STRING (value) ? g_value_get_string (value) : NULL;
}

static GdkDragAction
on_drop_motion (GtkDropTarget *target,
                double         x,
                double         y,
                CjmCanvas     *self)
{
  double mx, my;
  gboolean ok;

  if (ensure_layout (self) == NULL)
    return 0;
  to_map (self, x, y, &mx, &my);
  ok = cjm_interaction_drop_preview (self->interaction, drop_kind (target), mx, my);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return ok ? GDK_ACTION_COPY : 0;
}

static void
on_drop_leave (GtkDropTarget *target,
               CjmCanvas     *self)
{
  cjm_interaction_drop_leave (self->interaction);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         CjmCanvas     *self)
{
  double mx, my;
  CjmEntity *item;

  if (!G_VALUE_HOLDS_STRING (value) || ensure_layout (self) == NULL)
    return FALSE;
  to_map (self, x, y, &mx, &my);
  item = cjm_interaction_drop (self->interaction, g_value_get_string (value), mx, my);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (item == NULL)
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  return TRUE;
}

/* Editing titles in place ------------------------------------------------ */

static const char *
text_field (CjmEntity *item)
{
  return CJM_IS_TOUCHPOINT (item) ? "title" : "text";
}

static void
finish_editing (CjmCanvas *self,
                gboolean   commit)
{
  CjmEntity *item = self->editing;

  if (item == NULL)
    return;
  self->editing = NULL;
  if (commit)
    {
      g_autoptr(GError) error = NULL;
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->editor_entry));
      g_autofree char *old = NULL;

      g_object_get (item, text_field (item), &old, NULL);
      if (g_strcmp0 (old, text) != 0
          && !cjm_document_set (self->document, item, &error, text_field (item), text, NULL))
        g_debug ("title not changed: %s", error->message);
    }
  gtk_popover_popdown (GTK_POPOVER (self->editor));
  g_object_unref (item);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_editor_activate (GtkEntry  *entry,
                    CjmCanvas *self)
{
  finish_editing (self, TRUE);
}

static void
on_editor_closed (GtkPopover *popover,
                  CjmCanvas  *self)
{
  /* clicking elsewhere keeps what was typed, like GNOME's rename popovers */
  finish_editing (self, TRUE);
}

static gboolean
on_editor_key (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               CjmCanvas             *self)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  finish_editing (self, FALSE);
  return TRUE;
}

static void
start_editing (CjmCanvas *self,
               CjmEntity *item)
{
  const CjmLayoutItem *laid_out = cjm_layout_find_item (ensure_layout (self), item);
  g_autofree char *text = NULL;
  double x, y, zoom;

  if (laid_out == NULL)
    return;

  cjm_canvas_reveal (self, item);
  finish_editing (self, TRUE);

  if (self->editor == NULL)
    {
      GtkEventController *keys = gtk_event_controller_key_new ();

      self->editor = gtk_popover_new ();
      gtk_popover_set_has_arrow (GTK_POPOVER (self->editor), FALSE);
      gtk_widget_set_parent (self->editor, GTK_WIDGET (self));
      self->editor_entry = gtk_entry_new ();
      gtk_widget_set_size_request (self->editor_entry, 260, -1);
      gtk_popover_set_child (GTK_POPOVER (self->editor), self->editor_entry);
      g_signal_connect (self->editor_entry, "activate", G_CALLBACK (on_editor_activate), self);
      g_signal_connect (self->editor, "closed", G_CALLBACK (on_editor_closed), self);
      gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
      g_signal_connect (keys, "key-pressed", G_CALLBACK (on_editor_key), self);
      gtk_widget_add_controller (self->editor_entry, keys);
    }

  self->editing = g_object_ref (item);
  g_object_get (item, text_field (item), &text, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->editor_entry), text != NULL ? text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->editor_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  CJM_IS_TOUCHPOINT (item) ? _("Touchpoint title") : _("Card text"),
                                  -1);

  zoom = cjm_viewport_get_zoom (self->viewport);
  cjm_viewport_map_to_widget (self->viewport, laid_out->rect.x, laid_out->rect.y, &x, &y);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->editor),
                               &(GdkRectangle) { (int) x, (int) y,
                                                 (int) (laid_out->rect.width * zoom),
                                                 (int) (laid_out->rect.height * zoom) });
  gtk_popover_set_position (GTK_POPOVER (self->editor), GTK_POS_BOTTOM);
  gtk_popover_popup (GTK_POPOVER (self->editor));
  gtk_widget_grab_focus (self->editor_entry);
  gtk_editable_select_region (GTK_EDITABLE (self->editor_entry), 0, -1);
}

/* The clipboard --------------------------------------------------------- */

static GPtrArray *
selected_items (CjmCanvas *self)
{
  GPtrArray *items = g_ptr_array_new ();
  guint n;

  if (self->selection == NULL || ensure_layout (self) == NULL)
    return items;
  /* in reading order, so they paste in the order they were seen */
  n = cjm_layout_get_n_items (self->layout);
  for (guint i = 0; i < n; i++)
    {
      CjmEntity *entity = cjm_layout_get_item (self->layout, i)->entity;

      if (cjm_selection_contains (self->selection, entity))
        g_ptr_array_add (items, entity);
    }
  return items;
}

static gboolean
copy_selection (CjmCanvas *self)
{
  g_autoptr(GPtrArray) items = selected_items (self);
  g_autoptr(GBytes) fragment = NULL;
  g_autofree char *text = NULL;
  GdkContentProvider *providers[2];
  g_autoptr(GdkContentProvider) provider = NULL;

  if (items->len == 0)
    return FALSE;

  fragment = cjm_clipboard_copy (self->document, (CjmEntity **) items->pdata, items->len);
  text = cjm_clipboard_copy_text (self->document, (CjmEntity **) items->pdata, items->len);
  providers[0] = gdk_content_provider_new_for_bytes (CJM_CLIPBOARD_MIME_TYPE, fragment);
  providers[1] = gdk_content_provider_new_typed (G_TYPE_STRING, text);
  provider = gdk_content_provider_new_union (providers, 2);
  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), provider);
  return TRUE;
}

static void
action_copy (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  copy_selection (CJM_CANVAS (widget));
}

static void
action_cut (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CjmCanvas *self = CJM_CANVAS (widget);
  g_autoptr(GPtrArray) items = selected_items (self);

  if (!copy_selection (self))
    return;
  cjm_selection_clear (self->selection);
  cjm_document_remove_many (self->document, (CjmEntity **) items->pdata, items->len);
}

static void
on_clipboard_read (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CjmCanvas) self = user_data;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GOutputStream) memory = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) pasted = NULL;
  g_autoptr(GError) error = NULL;
  CjmEntity *primary;
  const char *phase = NULL, *lane = NULL;

  stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, NULL, &error);
  if (stream == NULL || self->document == NULL)
    return;

  /* the clipboard is as untrusted as any file: read at most what a file may hold */
  memory = g_memory_output_stream_new_resizable ();
  {
    guint8 buffer[65536];
    gssize n;
    gsize total = 0;

    while ((n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, &error)) > 0)
      {
        total += (gsize) n;
        if (total > CJM_MAX_FILE_SIZE
            || !g_output_stream_write_all (memory, buffer, (gsize) n, NULL, NULL, &error))
          return;
      }
    if (n < 0)
      return;
  }
  g_output_stream_close (memory, NULL, NULL);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));

  primary = cjm_selection_get_primary (self->selection);
  if (CJM_IS_TOUCHPOINT (primary))
    {
      phase = cjm_touchpoint_get_phase (CJM_TOUCHPOINT (primary));
      lane = cjm_touchpoint_get_lane (CJM_TOUCHPOINT (primary));
    }
  else if (CJM_IS_CARD (primary))
    {
      phase = cjm_card_get_phase (CJM_CARD (primary));
      lane = cjm_card_get_lane (CJM_CARD (primary));
    }

  pasted = cjm_clipboard_paste (self->document, bytes, phase, lane, &error);
  if (pasted == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      g_debug ("nothing pasted: %s", error->message);
      return;
    }
  cjm_selection_set_many (self->selection, (CjmEntity **) pasted->pdata, pasted->len);
  if (pasted->len > 0)
    cjm_canvas_reveal (self, g_ptr_array_index (pasted, 0));
}

static void
action_paste (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  static const char *mime_types[] = { CJM_CLIPBOARD_MIME_TYPE, NULL };

  gdk_clipboard_read_async (gtk_widget_get_clipboard (widget), mime_types, G_PRIORITY_DEFAULT,
                            NULL, on_clipboard_read, g_object_ref (widget));
}

static void
action_select_all (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CjmCanvas *self = CJM_CANVAS (widget);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  if (ensure_layout (self) == NULL)
    return;
  for (guint i = 0; i < cjm_layout_get_n_items (self->layout); i++)
    g_ptr_array_add (items, cjm_layout_get_item (self->layout, i)->entity);
  cjm_selection_set_many (self->selection, (CjmEntity **) items->pdata, items->len);
}

/* The context menu and structural edits ----------------------------------- */

static gboolean
unparent_idle (gpointer data)
{
  gtk_widget_unparent (data);
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static void
on_context_closed (GtkPopover *popover,
                   gpointer    user_data)
{
  /* after the menu item's action has run */
  g_idle_add (unparent_idle, g_object_ref (popover));
}

static void
action_add_phase (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CjmCanvas *self = CJM_CANVAS (widget);
  g_autofree char *id = cjm_document_new_id (self->document, "phase");
  CjmEntity *phase = g_object_new (CJM_TYPE_PHASE, "id", id, "name", _("New phase"),
                                   "width", 300.0, NULL);
  g_autoptr(GError) error = NULL;

  g_object_ref (phase);
  if (cjm_document_add (self->document, phase, g_variant_get_int32 (parameter), &error))
    cjm_selection_set (self->selection, phase);
  else
    g_debug ("phase not added: %s", error->message);
  g_object_unref (phase);
}

static void
action_add_lane (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CjmCanvas *self = CJM_CANVAS (widget);
  const char *nick;
  int index, kind;
  g_autofree char *id = NULL;
  CjmEntity *lane;
  g_autoptr(GError) error = NULL;

  g_variant_get (parameter, "(&si)", &nick, &index);
  if (!cjm_enum_from_nick (CJM_TYPE_LANE_KIND, nick, &kind))
    return;
  id = cjm_document_new_id (self->document, "lane");
  lane = g_object_new (CJM_TYPE_LANE, "id", id, "kind", kind,
                       "name", cjm_enum_to_label (CJM_TYPE_LANE_KIND, kind),
                       "height", kind == CJM_LANE_EMOTION ? 200.0 : 120.0, NULL);
  g_object_ref (lane);
  if (cjm_document_add (self->document, lane, index, &error))
    cjm_selection_set (self->selection, lane);
  else
    g_debug ("lane not added: %s", error->message);
  g_object_unref (lane);
}

static void
action_add_item (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CjmCanvas *self = CJM_CANVAS (widget);
  const char *kind;
  int phase, lane;

  g_variant_get (parameter, "(&sii)", &kind, &phase, &lane);
  if (ensure_layout (self) != NULL
      && cjm_interaction_create_item (self->interaction, kind, (guint) phase, (guint) lane, G_MAXUINT) != NULL)
    cjm_canvas_edit_selected (self);
}

static void
action_delete (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  cjm_interaction_delete_selection (CJM_CANVAS (widget)->interaction);
}

static void
action_edit (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  cjm_canvas_edit_selected (CJM_CANVAS (widget));
}

/* Connects the selected touchpoints one after another, in reading order:
 * the customer's route through them. */
static void
action_connect (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CjmCanvas *self = CJM_CANVAS (widget);
  g_autoptr(GPtrArray) items = selected_items (self);
  CjmEntity *previous = NULL;

  cjm_document_begin_group (self->document, _("Connect Touchpoints"));
  for (guint i = 0; i < items->len; i++)
    {
      CjmEntity *item = g_ptr_array_index (items, i);

      if (!CJM_IS_TOUCHPOINT (item))
        continue;
      if (previous != NULL)
        {
          g_autofree char *id = cjm_document_new_id (self->document, "tr");
          CjmEntity *transition = g_object_new (CJM_TYPE_TRANSITION, "id", id,
                                                "from", cjm_entity_get_id (previous),
                                                "to", cjm_entity_get_id (item), NULL);
          g_autoptr(GError) error = NULL;

          /* an existing connection is simply kept */
          if (!cjm_document_add (self->document, transition, -1, &error))
            g_debug ("not connected: %s", error->message);
        }
      previous = item;
    }
  cjm_document_end_group (self->document);
}

static void
action_add_curve_point (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CjmCanvas *self = CJM_CANVAS (widget);
  CjmEntity *primary = cjm_selection_get_primary (self->selection);

  if (CJM_IS_TOUCHPOINT (primary))
    cjm_interaction_add_curve_point (self->interaction, CJM_TOUCHPOINT (primary));
}

static void
update_actions (CjmCanvas *self)
{
  g_autoptr(GPtrArray) items = selected_items (self);
  guint touchpoints = 0;
  gboolean any = self->selection != NULL && cjm_selection_get_count (self->selection) > 0;

  for (guint i = 0; i < items->len; i++)
    touchpoints += CJM_IS_TOUCHPOINT (g_ptr_array_index (items, i)) ? 1 : 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.copy", items->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.cut", items->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.delete", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.edit", items->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.connect", touchpoints >= 2);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.add-curve-point",
                                 touchpoints >= 1 && cjm_canvas_get_persona (self) != NULL);
}

static void
append_lane_kinds (GMenu *menu,
                   int    index)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (CJM_TYPE_LANE_KIND);

  for (guint i = 0; i < klass->n_values; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(klass->values[i].value_name), NULL);

      g_menu_item_set_action_and_target_value (item, "canvas.add-lane",
                                               g_variant_new ("(si)", klass->values[i].value_nick, index));
      g_menu_append_item (menu, item);
    }
}

static void
on_context_pressed (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    CjmCanvas       *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) structure = g_menu_new ();
  g_autoptr(GMenu) lanes_above = g_menu_new ();
  g_autoptr(GMenu) lanes_below = g_menu_new ();
  GtkWidget *popover;
  CjmHit hit;
  double mx, my;

  if (ensure_layout (self) == NULL)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  to_map (self, x, y, &mx, &my);
  cjm_layout_hit_test (self->layout, mx, my, 4 / cjm_viewport_get_zoom (self->viewport), &hit);

  /* act on what was clicked, keeping a selection it belongs to */
  if (hit.entity != NULL && !cjm_selection_contains (self->selection, hit.entity))
    cjm_selection_set (self->selection, hit.entity);
  update_actions (self);

  if (hit.kind == CJM_HIT_ITEM)
    {
      g_menu_append (edit, CJM_IS_TOUCHPOINT (hit.entity) ? _("_Edit Title") : _("_Edit Text"), "canvas.edit");
      g_menu_append (edit, _("Cu_t"), "canvas.cut");
      g_menu_append (edit, _("_Copy"), "canvas.copy");
      g_menu_append (edit, _("_Paste"), "canvas.paste");
      g_menu_append (edit, _("C_onnect Touchpoints"), "canvas.connect");
      if (CJM_IS_TOUCHPOINT (hit.entity))
        g_menu_append (edit, _("Add to the _Emotion Curve"), "canvas.add-curve-point");
      g_menu_append (edit, _("_Delete"), "canvas.delete");
    }
  else if (hit.kind == CJM_HIT_CELL && hit.phase >= 0 && hit.lane >= 0)
    {
      GPtrArray *lanes = cjm_document_get_lanes (self->document);
      CjmLaneKind kind = cjm_lane_get_kind (g_ptr_array_index (lanes, hit.lane));
      g_autofree char *touchpoint = g_strdup ("touchpoint:");
      g_autofree char *card = g_strconcat ("card:", cjm_enum_to_nick (CJM_TYPE_LANE_KIND, kind), NULL);

      if (kind == CJM_LANE_TOUCHPOINTS)
        {
          g_autoptr(GMenuItem) item = g_menu_item_new (_("Add _Touchpoint Here"), NULL);

          g_menu_item_set_action_and_target_value (item, "canvas.add-item",
                                                   g_variant_new ("(sii)", touchpoint, hit.phase, hit.lane));
          g_menu_append_item (edit, item);
        }
      else if (kind != CJM_LANE_EMOTION)
        {
          g_autoptr(GMenuItem) item = g_menu_item_new (_("Add _Card Here"), NULL);

          g_menu_item_set_action_and_target_value (item, "canvas.add-item",
                                                   g_variant_new ("(sii)", card, hit.phase, hit.lane));
          g_menu_append_item (edit, item);
        }
      g_menu_append (edit, _("_Paste"), "canvas.paste");
    }
  else if (hit.kind == CJM_HIT_CURVE || hit.kind == CJM_HIT_CURVE_POINT)
    g_menu_append (edit, _("_Delete"), "canvas.delete");

  if (hit.kind == CJM_HIT_PHASE_HEADER || hit.kind == CJM_HIT_PHASE_BORDER
      || (hit.phase >= 0 && hit.kind != CJM_HIT_LANE_HEADER))
    {
      g_autoptr(GMenuItem) before = g_menu_item_new (_("Add Phase _Before"), NULL);
      g_autoptr(GMenuItem) after = g_menu_item_new (_("Add Phase _After"), NULL);

      g_menu_item_set_action_and_target_value (before, "canvas.add-phase", g_variant_new_int32 (MAX (hit.phase, 0)));
      g_menu_item_set_action_and_target_value (after, "canvas.add-phase", g_variant_new_int32 (hit.phase + 1));
      g_menu_append_item (structure, before);
      g_menu_append_item (structure, after);
      if (hit.kind == CJM_HIT_PHASE_HEADER)
        g_menu_append (structure, _("_Delete Phase"), "canvas.delete");
    }
  if (hit.lane >= 0 || hit.kind == CJM_HIT_LANE_HEADER)
    {
      append_lane_kinds (lanes_above, MAX (hit.lane, 0));
      append_lane_kinds (lanes_below, hit.lane + 1);
      g_menu_append_submenu (structure, _("Add Lane A_bove"), G_MENU_MODEL (lanes_above));
      g_menu_append_submenu (structure, _("Add Lane Be_low"), G_MENU_MODEL (lanes_below));
      if (hit.kind == CJM_HIT_LANE_HEADER)
        g_menu_append (structure, _("_Delete Lane"), "canvas.delete");
    }
  if (cjm_layout_get_n_phases (self->layout) == 0)
    {
      g_autoptr(GMenuItem) first = g_menu_item_new (_("Add _Phase"), NULL);

      g_menu_item_set_action_and_target_value (first, "canvas.add-phase", g_variant_new_int32 (0));
      g_menu_append_item (structure, first);
    }
  if (cjm_layout_get_n_lanes (self->layout) == 0)
    {
      append_lane_kinds (lanes_below, 0);
      g_menu_append_submenu (structure, _("Add _Lane"), G_MENU_MODEL (lanes_below));
    }

  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (structure));

  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_widget_set_parent (popover, GTK_WIDGET (self));
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  g_signal_connect (popover, "closed", G_CALLBACK (on_context_closed), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

/* Shift+F10 and the Menu key open the menu at the selected item. */
static void
action_context_menu (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CjmCanvas *self = CJM_CANVAS (widget);
  const CjmLayoutItem *item;
  double x = gtk_widget_get_width (widget) / 2.0, y = gtk_widget_get_height (widget) / 2.0;

  if (ensure_layout (self) == NULL)
    return;
  item = cjm_layout_find_item (self->layout, cjm_selection_get_primary (self->selection));
  if (item != NULL)
    cjm_viewport_map_to_widget (self->viewport, item->rect.x + item->rect.width / 2,
                                item->rect.y + item->rect.height / 2, &x, &y);
  else
    {
      CjmEntity *primary = cjm_selection_get_primary (self->selection);
      GPtrArray *phases = cjm_document_get_phases (self->document);
      GPtrArray *lanes = cjm_document_get_lanes (self->document);
      double zoom = cjm_viewport_get_zoom (self->viewport);
      guint index;
      CjmRect rect;

      /* the headers stay in view: open the menu on the selected one */
      if (primary != NULL && g_ptr_array_find (phases, primary, &index))
        {
          cjm_layout_get_phase_rect (self->layout, index, &rect);
          cjm_viewport_map_to_widget (self->viewport, rect.x + rect.width / 2, 0, &x, &y);
          y = CJM_LAYOUT_PHASE_HEADER_HEIGHT * zoom / 2;
        }
      else if (primary != NULL && g_ptr_array_find (lanes, primary, &index))
        {
          cjm_layout_get_lane_rect (self->layout, index, &rect);
          cjm_viewport_map_to_widget (self->viewport, 0, rect.y + rect.height / 2, &x, &y);
          x = CJM_LAYOUT_LANE_HEADER_WIDTH * zoom / 2;
        }
    }
  on_context_pressed (NULL, 1, x, y, self);
}

/* GObject --------------------------------------------------------------- */

static void
cjm_canvas_dispose (GObject *object)
{
  CjmCanvas *self = CJM_CANVAS (object);

  if (self->relayout_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->relayout_id);
      self->relayout_id = 0;
    }
  g_clear_object (&self->editing);
  g_clear_pointer (&self->editor, gtk_widget_unparent);
  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);
  g_clear_object (&self->interaction);
  g_clear_object (&self->layout);
  g_clear_object (&self->selection);
  g_clear_object (&self->document);
  g_clear_object (&self->renderer);
  g_clear_object (&self->viewport);
  g_clear_pointer (&self->tiles, g_hash_table_unref);

  G_OBJECT_CLASS (cjm_canvas_parent_class)->dispose (object);
}

static void
cjm_canvas_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CjmCanvas *self = CJM_CANVAS (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, cjm_viewport_get_zoom (self->viewport));
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cjm_canvas_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CjmCanvas *self = CJM_CANVAS (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      cjm_viewport_set_zoom (self->viewport, g_value_get_double (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cjm_canvas_class_init (CjmCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cjm_canvas_dispose;
  object_class->get_property = cjm_canvas_get_property;
  object_class->set_property = cjm_canvas_set_property;
  widget_class->snapshot = cjm_canvas_snapshot;
  widget_class->size_allocate = cjm_canvas_size_allocate;
  widget_class->measure = cjm_canvas_measure;

  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, CJM_ZOOM_MIN, CJM_ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  gtk_widget_class_install_action (widget_class, "canvas.copy", NULL, action_copy);
  gtk_widget_class_install_action (widget_class, "canvas.cut", NULL, action_cut);
  gtk_widget_class_install_action (widget_class, "canvas.paste", NULL, action_paste);
  gtk_widget_class_install_action (widget_class, "canvas.select-all", NULL, action_select_all);
  gtk_widget_class_install_action (widget_class, "canvas.add-phase", "i", action_add_phase);
  gtk_widget_class_install_action (widget_class, "canvas.add-lane", "(si)", action_add_lane);
  gtk_widget_class_install_action (widget_class, "canvas.add-item", "(sii)", action_add_item);
  gtk_widget_class_install_action (widget_class, "canvas.delete", NULL, action_delete);
  gtk_widget_class_install_action (widget_class, "canvas.edit", NULL, action_edit);
  gtk_widget_class_install_action (widget_class, "canvas.connect", NULL, action_connect);
  gtk_widget_class_install_action (widget_class, "canvas.add-curve-point", NULL, action_add_curve_point);
  gtk_widget_class_install_action (widget_class, "canvas.context-menu", NULL, action_context_menu);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "canvas.context-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "canvas.context-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "canvas.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_x, GDK_CONTROL_MASK, "canvas.cut", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "canvas.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "canvas.select-all", NULL);

  gtk_widget_class_set_css_name (widget_class, "journeycanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_WIDGET);
}

static void
cjm_canvas_init (CjmCanvas *self)
{
  GtkGesture *drag, *pan, *click, *context, *zoom;
  GtkEventController *motion, *scroll, *keys;
  GtkDropTarget *drop;

  self->renderer = cjm_renderer_new (FALSE);
  self->viewport = cjm_viewport_new ();
  self->tiles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) gsk_render_node_unref);
  self->tiles_zoom = 1.0;
  g_signal_connect_object (self->viewport, "changed", G_CALLBACK (on_viewport_changed), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Journey map"), -1);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (on_drag_cancel), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  pan = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (pan), GDK_BUTTON_MIDDLE);
  g_signal_connect (pan, "drag-begin", G_CALLBACK (on_pan_begin), self);
  g_signal_connect (pan, "drag-update", G_CALLBACK (on_pan_update), self);
  g_signal_connect (pan, "drag-end", G_CALLBACK (on_pan_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pan));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_gesture_group (click, drag);

  context = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (context), GDK_BUTTON_SECONDARY);
  g_signal_connect (context, "pressed", G_CALLBACK (on_context_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (context));

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect (zoom, "begin", G_CALLBACK (on_zoom_begin), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (on_zoom_scale_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL
                                            | GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  g_signal_connect (keys, "key-released", G_CALLBACK (on_key_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);
  gtk_drop_target_set_preload (drop, TRUE);
  g_signal_connect (drop, "motion", G_CALLBACK (on_drop_motion), self);
  g_signal_connect (drop, "enter", G_CALLBACK (on_drop_motion), self);
  g_signal_connect (drop, "leave", G_CALLBACK (on_drop_leave), self);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

GtkWidget *
cjm_canvas_new (void)
{
  return g_object_new (CJM_TYPE_CANVAS, NULL);
}

/**
 * cjm_canvas_set_document:
 * @self: a canvas
 * @document: the map to show
 * @selection: the window's selection of @document
 */
void
cjm_canvas_set_document (CjmCanvas    *self,
                         CjmDocument  *document,
                         CjmSelection *selection)
{
  g_return_if_fail (CJM_IS_CANVAS (self));
  g_return_if_fail (CJM_IS_DOCUMENT (document));
  g_return_if_fail (CJM_IS_SELECTION (selection));
  g_return_if_fail (cjm_selection_get_document (selection) == document);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);

  g_set_object (&self->document, document);
  g_set_object (&self->selection, selection);
  g_clear_object (&self->layout);
  g_clear_object (&self->interaction);
  self->interaction = cjm_interaction_new (selection);
  cjm_interaction_set_tolerance (self->interaction, 4 / cjm_viewport_get_zoom (self->viewport));

  g_signal_connect_object (document, "changed", G_CALLBACK (on_document_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (selection, "changed", G_CALLBACK (on_selection_changed), self,
                           G_CONNECT_SWAPPED);

  invalidate_tiles (self);
  ensure_layout (self);
  cjm_viewport_set_position (self->viewport, 0, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

CjmDocument *
cjm_canvas_get_document (CjmCanvas *self)
{
  g_return_val_if_fail (CJM_IS_CANVAS (self), NULL);

  return self->document;
}

CjmSelection *
cjm_canvas_get_selection (CjmCanvas *self)
{
  g_return_val_if_fail (CJM_IS_CANVAS (self), NULL);

  return self->selection;
}

/**
 * cjm_canvas_set_persona:
 * @persona_id: (nullable): the persona whose curve freehand strokes draw
 */
void
cjm_canvas_set_persona (CjmCanvas  *self,
                        const char *persona_id)
{
  g_return_if_fail (CJM_IS_CANVAS (self));

  if (self->interaction == NULL)
    return;
  cjm_interaction_set_persona (self->interaction, persona_id);
  /* the picked persona's curves are drawn on top */
  invalidate_tiles (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
cjm_canvas_get_persona (CjmCanvas *self)
{
  g_return_val_if_fail (CJM_IS_CANVAS (self), NULL);

  return self->interaction != NULL ? cjm_interaction_get_persona (self->interaction) : NULL;
}

void
cjm_canvas_set_curve_variant (CjmCanvas       *self,
                              CjmCurveVariant  variant)
{
  g_return_if_fail (CJM_IS_CANVAS (self));

  if (self->interaction != NULL)
    cjm_interaction_set_variant (self->interaction, variant);
}

double
cjm_canvas_get_zoom (CjmCanvas *self)
{
  g_return_val_if_fail (CJM_IS_CANVAS (self), 1);

  return cjm_viewport_get_zoom (self->viewport);
}

static void
zoom_centred (CjmCanvas *self,
              double     factor)
{
  cjm_viewport_zoom_at (self->viewport, factor, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                        gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
cjm_canvas_zoom_in (CjmCanvas *self)
{
  g_return_if_fail (CJM_IS_CANVAS (self));

  zoom_centred (self, ZOOM_STEP);
}

void
cjm_canvas_zoom_out (CjmCanvas *self)
{
  g_return_if_fail (CJM_IS_CANVAS (self));

  zoom_centred (self, 1 / ZOOM_STEP);
}

void
cjm_canvas_zoom_reset (CjmCanvas *self)
{
  g_return_if_fail (CJM_IS_CANVAS (self));

  zoom_centred (self, 1 / cjm_viewport_get_zoom (self->viewport));
}

void
cjm_canvas_zoom_fit (CjmCanvas *self)
{
  g_return_if_fail (CJM_IS_CANVAS (self));

  ensure_layout (self);
  cjm_viewport_fit (self->viewport);
}

/**
 * cjm_canvas_reveal:
 * @entity: an item to scroll into view
 */
void
cjm_canvas_reveal (CjmCanvas *self,
                   CjmEntity *entity)
{
  const CjmLayoutItem *item;

  g_return_if_fail (CJM_IS_CANVAS (self));

  item = cjm_layout_find_item (ensure_layout (self), entity);
  if (item != NULL)
    cjm_viewport_scroll_to_rect (self->viewport, &item->rect);
}

/**
 * cjm_canvas_edit_selected:
 *
 * Opens the in-place editor on the selected item's title or text.
 */
void
cjm_canvas_edit_selected (CjmCanvas *self)
{
  CjmEntity *primary;

  g_return_if_fail (CJM_IS_CANVAS (self));

  primary = self->selection != NULL ? cjm_selection_get_primary (self->selection) : NULL;
  if (CJM_IS_TOUCHPOINT (primary) || CJM_IS_CARD (primary))
    start_editing (self, primary);
}
