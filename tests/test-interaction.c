/* test-interaction.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The editing logic of the canvas without GTK: pointer gestures in map
 * coordinates, palette drops and the keyboard, driven the way the canvas
 * drives them (a fresh layout after every change) on an example map. Each
 * gesture must change the document by exactly one undoable step, or not at
 * all, and leave a map the reader accepts. Positions are checked through
 * a layout of the result, as the user would see them. */

#include <math.h>
#include <string.h>

#include <glib.h>

#include "cjm-document.h"
#include "cjm-interaction.h"
#include "cjm-layout.h"
#include "cjm-reader.h"
#include "cjm-selection.h"
#include "cjm-writer.h"
#include "cjm-test-util.h"

typedef struct
{
  CjmDocument    *document;
  CjmSelection   *selection;
  CjmInteraction *interaction;
  CjmLayout      *layout;
} Fixture;

/* Helpers -------------------------------------------------------------- */

static char *
serialize (CjmDocument *document)
{
  g_autoptr(GBytes) bytes = cjm_writer_save_to_bytes (document);
  gsize length = 0;
  const char *data;

  g_assert_nonnull (bytes);
  data = g_bytes_get_data (bytes, &length);
  return g_strndup (data, length);
}

/* What the canvas does after every change. */
static void
relayout (Fixture *f)
{
  g_clear_object (&f->layout);
  f->layout = cjm_layout_new (f->document);
  cjm_interaction_set_layout (f->interaction, f->layout);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->document = cjm_test_load_example (data != NULL ? data : "fietsabonnement.cjm");
  f->selection = cjm_selection_new (f->document);
  f->interaction = cjm_interaction_new (f->selection);
  relayout (f);
  g_assert_false (cjm_history_get_can_undo (cjm_document_get_history (f->document)));
}

/* Whatever a test did, the map still saves and loads. */
static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GBytes) bytes = cjm_writer_save_to_bytes (f->document);
  g_autoptr(CjmDocument) loaded = NULL;
  g_autoptr(GError) error = NULL;
  CjmLocation location = { 0, 0 };

  g_assert_nonnull (bytes);
  loaded = cjm_reader_load_bytes (bytes, &location, &error);
  if (error != NULL)
    g_test_message ("the map no longer loads, line %d: %s", location.line, error->message);
  g_assert_no_error (error);
  g_assert_true (CJM_IS_DOCUMENT (loaded));

  g_clear_object (&f->interaction);
  g_clear_object (&f->selection);
  g_clear_object (&f->layout);
  g_clear_object (&f->document);
}

static int
phase_index (Fixture    *f,
             const char *id)
{
  GPtrArray *phases = cjm_document_get_phases (f->document);

  for (guint i = 0; i < phases->len; i++)
    if (g_strcmp0 (cjm_entity_get_id (g_ptr_array_index (phases, i)), id) == 0)
      return (int) i;
  g_assert_not_reached ();
  return -1;
}

static int
lane_index (Fixture    *f,
            const char *id)
{
  GPtrArray *lanes = cjm_document_get_lanes (f->document);

  for (guint i = 0; i < lanes->len; i++)
    if (g_strcmp0 (cjm_entity_get_id (g_ptr_array_index (lanes, i)), id) == 0)
      return (int) i;
  g_assert_not_reached ();
  return -1;
}

static const CjmLayoutItem *
cell_item (Fixture    *f,
           const char *phase,
           const char *lane,
           guint       position)
{
  guint n;
  const CjmLayoutItem *items = cjm_layout_get_cell_items (f->layout, (guint) phase_index (f, phase),
                                                          (guint) lane_index (f, lane), &n);

  g_assert_cmpuint (position, <, n);
  return &items[position];
}

static void
cell_rect (Fixture    *f,
           const char *phase,
           const char *lane,
           CjmRect    *rect)
{
  cjm_layout_get_cell_rect (f->layout, (guint) phase_index (f, phase), (guint) lane_index (f, lane),
                            rect);
}

/* The ids of a cell's items, in order, space-separated. */
static char *
cell_ids (Fixture    *f,
          const char *phase,
          const char *lane)
{
  GString *ids = g_string_new (NULL);
  guint n;
  const CjmLayoutItem *items = cjm_layout_get_cell_items (f->layout, (guint) phase_index (f, phase),
                                                          (guint) lane_index (f, lane), &n);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? " " : "", cjm_entity_get_id (items[i].entity));
  return g_string_free (ids, FALSE);
}

static char *
join_ids (CjmEntity **entities,
          guint       n)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? " " : "", cjm_entity_get_id (entities[i]));
  return g_string_free (ids, FALSE);
}

static void
item_point (Fixture   *f,
            CjmEntity *entity,
            double     across,
            double     down,
            double    *x,
            double    *y)
{
  const CjmLayoutItem *item = cjm_layout_find_item (f->layout, entity);

  g_assert_nonnull (item);
  *x = item->rect.x + across * item->rect.width;
  *y = item->rect.y + down * item->rect.height;
}

static void
click (Fixture      *f,
       double        x,
       double        y,
       CjmModifiers  modifiers)
{
  cjm_interaction_press (f->interaction, x, y, modifiers, 1);
  cjm_interaction_release (f->interaction, x, y);
  g_assert_cmpint (cjm_interaction_get_gesture (f->interaction), ==, CJM_GESTURE_NONE);
}

static void
click_item (Fixture      *f,
            CjmEntity    *entity,
            CjmModifiers  modifiers)
{
  double x, y;

  item_point (f, entity, 0.5, 0.5, &x, &y);
  click (f, x, y, modifiers);
}

/* Press, move in steps as a hand would, and stop short of releasing. */
static void
press_and_move (Fixture *f,
                double   x0,
                double   y0,
                double   x1,
                double   y1)
{
  cjm_interaction_press (f->interaction, x0, y0, 0, 1);
  for (guint s = 1; s <= 20; s++)
    cjm_interaction_motion (f->interaction, x0 + (x1 - x0) * s / 20, y0 + (y1 - y0) * s / 20);
}

static void
drag (Fixture *f,
      double   x0,
      double   y0,
      double   x1,
      double   y1)
{
  press_and_move (f, x0, y0, x1, y1);
  cjm_interaction_release (f->interaction, x1, y1);
  g_assert_cmpint (cjm_interaction_get_gesture (f->interaction), ==, CJM_GESTURE_NONE);
  relayout (f);
}

static CjmEntity *
primary (Fixture *f)
{
  return cjm_selection_get_primary (f->selection);
}

static CjmEntity *
nth_item (Fixture *f,
          guint    index)
{
  return cjm_layout_get_item (f->layout, index)->entity;
}

static const char *
undo_label (Fixture *f)
{
  return cjm_history_get_undo_label (cjm_document_get_history (f->document));
}

static gboolean
can_undo (Fixture *f)
{
  return cjm_history_get_can_undo (cjm_document_get_history (f->document));
}

/* The document went from @before to its present state in exactly one
 * undoable step: one undo gives @before back, one redo the present. */
#define assert_one_step(f, before) assert_one_step_impl ((f), (before), G_STRLOC)

static void
assert_one_step_impl (Fixture    *f,
                      const char *before,
                      const char *where)
{
  g_autofree char *after = serialize (f->document);
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  if (g_strcmp0 (before, after) == 0)
    g_test_fail_printf ("%s: the gesture changed nothing", where);
  g_assert_true (cjm_document_undo (f->document));
  undone = serialize (f->document);
  if (g_strcmp0 (before, undone) != 0)
    g_test_fail_printf ("%s: one undo does not restore the map", where);
  g_assert_true (cjm_document_redo (f->document));
  redone = serialize (f->document);
  if (g_strcmp0 (after, redone) != 0)
    g_test_fail_printf ("%s: redo does not give the change back", where);
  relayout (f);
}

#define assert_unchanged(f, before) assert_unchanged_impl ((f), (before), G_STRLOC)

static void
assert_unchanged_impl (Fixture    *f,
                       const char *before,
                       const char *where)
{
  g_autofree char *now = serialize (f->document);

  if (g_strcmp0 (before, now) != 0)
    g_test_fail_printf ("%s: the map changed", where);
}

static CjmCurve *
find_curve (Fixture         *f,
            const char      *persona,
            CjmCurveVariant  variant)
{
  GPtrArray *curves = cjm_document_get_curves (f->document);

  for (guint i = 0; i < curves->len; i++)
    if (g_strcmp0 (cjm_curve_get_persona (g_ptr_array_index (curves, i)), persona) == 0
        && cjm_curve_get_variant (g_ptr_array_index (curves, i)) == variant)
      return g_ptr_array_index (curves, i);
  return NULL;
}

static const CjmLayoutCurve *
layout_curve (Fixture  *f,
              CjmCurve *curve)
{
  for (guint i = 0; i < cjm_layout_get_n_curves (f->layout); i++)
    if (cjm_layout_get_curve (f->layout, i)->curve == curve)
      return cjm_layout_get_curve (f->layout, i);
  return NULL;
}

static guint
n_curve_points (CjmCurve *curve)
{
  GPtrArray *points = cjm_curve_get_points (curve);

  return points != NULL ? points->len : 0;
}

/* A curve point no other curve's point comes near, so a press on it can
 * only mean it; the curve, the point's own index and where it is drawn. */
static CjmCurve *
lonely_curve_point (Fixture *f,
                    int     *index,
                    double  *x,
                    double  *y)
{
  for (guint c = 0; c < cjm_layout_get_n_curves (f->layout); c++)
    {
      const CjmLayoutCurve *curve = cjm_layout_get_curve (f->layout, c);

      for (guint i = 0; i < curve->n_points; i++)
        {
          const CjmPoint *p = &curve->points[i];
          gboolean alone = p->x < cjm_layout_get_width (f->layout) - 20;

          for (guint d = 0; alone && d < cjm_layout_get_n_curves (f->layout); d++)
            {
              const CjmLayoutCurve *other = cjm_layout_get_curve (f->layout, d);

              for (guint j = 0; alone && j < other->n_points; j++)
                if ((d != c || j != i)
                    && hypot (other->points[j].x - p->x, other->points[j].y - p->y) < 20)
                  alone = FALSE;
            }
          if (alone)
            {
              CjmHit hit;

              cjm_layout_hit_test (f->layout, p->x, p->y, 4, &hit);
              g_assert_cmpint (hit.kind, ==, CJM_HIT_CURVE_POINT);
              g_assert_true (hit.entity == CJM_ENTITY (curve->curve));
              g_assert_cmpint (hit.point, ==, (int) curve->source_index[i]);
              *index = (int) curve->source_index[i];
              *x = p->x;
              *y = p->y;
              return curve->curve;
            }
        }
    }
  g_assert_not_reached ();
  return NULL;
}

/* A height in the emotion lane at @x where a press lands on the lane
 * itself, clear of curves: the nearest to the lane's middle. */
static double
free_emotion_y (Fixture *f,
                double   x)
{
  CjmRect lane;
  double middle;

  cjm_layout_get_lane_rect (f->layout, (guint) lane_index (f, "voelen"), &lane);
  middle = lane.y + lane.height / 2;
  for (double away = 0; away < lane.height / 2 - 30; away += 1)
    for (int side = -1; side <= 1; side += 2)
      {
        double y = middle + side * away;
        gboolean clear = TRUE;

        for (double d = -10; clear && d <= 10; d += 1)
          {
            CjmHit hit;

            cjm_layout_hit_test (f->layout, x, y + d, 12, &hit);
            clear = hit.kind == CJM_HIT_CELL;
          }
        if (clear)
          return y;
      }
  g_assert_not_reached ();
  return middle;
}

/* Where a laid-out curve passes at @x: x runs linearly along each segment,
 * as the control points stand at a third and two thirds. */
static gboolean
curve_y_at (const CjmLayoutCurve *curve,
            double                x,
            double               *y)
{
  for (guint k = 0; k + 1 < curve->n_points; k++)
    {
      const CjmPoint *p0 = &curve->points[k];
      const CjmPoint *p1 = &curve->points[k + 1];
      CjmPoint at;

      if (x < p0->x || x > p1->x || p1->x <= p0->x)
        continue;
      cjm_curve_bezier_point (p0, &curve->controls[2 * k], &curve->controls[2 * k + 1], p1,
                              (x - p0->x) / (p1->x - p0->x), &at);
      *y = at.y;
      return TRUE;
    }
  return FALSE;
}

/* Clicking ------------------------------------------------------------- */

static void
test_click_selects (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *before = serialize (f->document);
  CjmEntity *a = cell_item (f, "bewust", "contact", 0)->entity;
  CjmEntity *b = cell_item (f, "aankoop", "pijn", 1)->entity;

  click_item (f, a, 0);
  g_assert_cmpuint (cjm_selection_get_count (f->selection), ==, 1);
  g_assert_true (primary (f) == a);

  /* a plain click on another item moves the selection there */
  click_item (f, b, 0);
  g_assert_cmpuint (cjm_selection_get_count (f->selection), ==, 1);
  g_assert_true (primary (f) == b);

  /* clicking changes nothing in the map */
  assert_unchanged (f, before);
  g_assert_false (can_undo (f));
}

static void
test_click_toggles (Fixture       *f,
                    gconstpointer  data)
{
  CjmEntity *a = cell_item (f, "bewust", "contact", 0)->entity;
  CjmEntity *b = cell_item (f, "acquisitie", "contact", 1)->entity;
  CjmEntity *c = cell_item (f, "aankoop", "denken", 0)->entity;

  click_item (f, a, 0);
  click_item (f, b, CJM_MODIFIER_SHIFT);
  click_item (f, c, CJM_MODIFIER_CONTROL);
  g_assert_cmpuint (cjm_selection_get_count (f->selection), ==, 3);
  g_assert_true (cjm_selection_contains (f->selection, a));
  g_assert_true (cjm_selection_contains (f->selection, b));
  g_assert_true (cjm_selection_contains (f->selection, c));

  /* again: out */
  click_item (f, b, CJM_MODIFIER_CONTROL);
  g_assert_cmpuint (cjm_selection_get_count (f->selection), ==, 2);
  g_assert_false (cjm_selection_contains (f->selection, b));
  click_item (f, a, CJM_MODIFIER_SHIFT);
  g_assert_cmpuint (cjm_selection_get_count (f->selection), ==, 1);
  g_assert_true (cjm_selection_contains (f->selection, c));

  /* a plain click on a selected item selects only it */
  click_item (f, a, CJM_MODIFIER_SHIFT);
  g_assert_cmpuint (cjm_selection_get_count (f->selection), ==, 2);
  click_item (f, a, 0);
  g_assert_cmpuint (cjm_selection_get_count (f->selection), ==, 1);
  g_assert_true (primary (f) == a);
  g_assert_false (can_undo (f));
}

static void
test_click_empty_cell_clears (Fixture       *f,
                              gconstpointer  data)
{
  CjmEntity *a = cell_item (f, "bewust", "contact", 0)->entity;
  CjmEntity *b = cell_item (f, "aankoop", "pijn", 0)->entity;
  CjmRect empty;
  CjmHit hit;
  double x, y;

  cell_rect (f, "bewust", "pijn", &empty);
  x = empty.x + empty.width / 2;
  y = empty.y + empty.height / 2;
  cjm_layout_hit_test (f->layout, x, y, 4, &hit);
  g_assert_cmpint (hit.kind, ==, CJM_HIT_CELL);

  click_item (f, a, 0);
  click_item (f, b, CJM_MODIFIER_CONTROL);
  g_assert_cmpuint (cjm_selection_get_count (f->selection), ==, 2);

  /* with Shift the selection stays */
  click (f, x, y, CJM_MODIFIER_SHIFT);
  g_assert_cmpuint (cjm_selection_get_count (f->selection), ==, 2);
  click (f, x, y, 0);
  g_assert_cmpuint (cjm_selection_get_count (f->selection), ==, 0);

  /* and so does a click outside the map */
  click_item (f, a, 0);
  click (f, cjm_layout_get_width (f->layout) + 50, 300, 0);
  g_assert_cmpuint (cjm_selection_get_count (f->selection), ==, 0);
  g_assert_false (can_undo (f));
}

/* Dragging items ------------------------------------------------------- */

static void
test_drag_to_cell (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *before = serialize (f->document);
  g_autofree char *during = NULL;
  g_autofree char *target_before = cell_ids (f, "advocacy", "contact");
  CjmEntity *a = cell_item (f, "bewust", "contact", 0)->entity;
  const CjmDropTarget *target;
  g_autofree char *target_after = NULL;
  g_autofree char *expected = NULL;
  const CjmLayoutItem *placed;
  CjmRect cell;
  double x0, y0, x1, y1, dx, dy;

  g_assert_cmpuint (strlen (target_before), >, 0);
  cell_rect (f, "advocacy", "contact", &cell);
  item_point (f, a, 0.5, 0.5, &x0, &y0);
  x1 = cell.x + 30;
  y1 = cell.y + cell.height - 10;   /* below its two items: at the end */

  press_and_move (f, x0, y0, x1, y1);
  /* while dragging the map is untouched and the target is shown */
  g_assert_cmpint (cjm_interaction_get_gesture (f->interaction), ==, CJM_GESTURE_MOVE_ITEMS);
  g_assert_true (g_hash_table_contains (cjm_interaction_get_moving (f->interaction), a));
  g_assert_cmpuint (g_hash_table_size (cjm_interaction_get_moving (f->interaction)), ==, 1);
  cjm_interaction_get_offset (f->interaction, &dx, &dy);
  g_assert_cmpfloat_with_epsilon (dx, x1 - x0, 1e-9);
  g_assert_cmpfloat_with_epsilon (dy, y1 - y0, 1e-9);
  target = cjm_interaction_get_drop_target (f->interaction);
  g_assert_nonnull (target);
  if (target != NULL)
    {
      g_assert_cmpuint (target->phase, ==, (guint) phase_index (f, "advocacy"));
      g_assert_cmpuint (target->lane, ==, (guint) lane_index (f, "contact"));
      g_assert_cmpuint (target->position, ==, 2);
    }
  g_assert_cmpstr (cjm_interaction_get_cursor (f->interaction, x1, y1), ==, "grabbing");
  during = serialize (f->document);
  g_assert_cmpstr (during, ==, before);

  cjm_interaction_release (f->interaction, x1, y1);
  relayout (f);
  g_assert_null (cjm_interaction_get_drop_target (f->interaction));
  g_assert_cmpuint (g_hash_table_size (cjm_interaction_get_moving (f->interaction)), ==, 0);

  placed = cjm_layout_find_item (f->layout, a);
  g_assert_cmpuint (placed->phase, ==, (guint) phase_index (f, "advocacy"));
  g_assert_cmpuint (placed->lane, ==, (guint) lane_index (f, "contact"));
  g_assert_cmpuint (placed->position, ==, 2);
  g_assert_cmpstr (cjm_touchpoint_get_phase (CJM_TOUCHPOINT (a)), ==, "advocacy");
  target_after = cell_ids (f, "advocacy", "contact");
  expected = g_strdup_printf ("%s %s", target_before, cjm_entity_get_id (a));
  g_assert_cmpstr (target_after, ==, expected);
  g_assert_cmpstr (undo_label (f), ==, "Move Touchpoint");
  g_assert_true (cjm_selection_contains (f->selection, a));
  assert_one_step (f, before);

  g_assert_true (cjm_document_undo (f->document));
  relayout (f);
  g_assert_cmpuint (cjm_layout_find_item (f->layout, a)->phase, ==, 0);
  g_assert_cmpuint (cjm_layout_find_item (f->layout, a)->position, ==, 0);
  g_assert_false (can_undo (f));
}

/* Where items land inside their own cell: before the item the drop
 * indicator stands at. */
static void
test_drag_within_cell (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *before = serialize (f->document);
  g_autofree char *order = cell_ids (f, "bewust", "contact");
  g_auto(GStrv) ids = g_strsplit (order, " ", -1);
  CjmEntity *first = cell_item (f, "bewust", "contact", 0)->entity;
  CjmEntity *last = cell_item (f, "bewust", "contact", 3)->entity;
  const CjmDropTarget *target;
  g_autofree char *expected = NULL;
  g_autofree char *now = NULL;
  double x0, y0, x1, y1;

  g_assert_cmpuint (g_strv_length (ids), ==, 4);

  /* the last to the front */
  item_point (f, last, 0.5, 0.5, &x0, &y0);
  item_point (f, first, 0.1, 0.5, &x1, &y1);
  drag (f, x0, y0, x1, y1);
  now = cell_ids (f, "bewust", "contact");
  expected = g_strdup_printf ("%s %s %s %s", ids[3], ids[0], ids[1], ids[2]);
  g_assert_cmpstr (now, ==, expected);
  assert_one_step (f, before);
  g_assert_true (cjm_document_undo (f->document));
  relayout (f);

  /* the first to just before the last, where the indicator is drawn */
  item_point (f, first, 0.5, 0.5, &x0, &y0);
  item_point (f, last, 0.1, 0.5, &x1, &y1);
  press_and_move (f, x0, y0, x1, y1);
  target = cjm_interaction_get_drop_target (f->interaction);
  g_assert_nonnull (target);
  if (target != NULL)
    {
      g_assert_cmpuint (target->position, ==, 3);
      g_assert_cmpfloat (target->indicator.y, ==, cjm_layout_find_item (f->layout, last)->rect.y);
    }
  cjm_interaction_release (f->interaction, x1, y1);
  relayout (f);
  g_clear_pointer (&now, g_free);
  g_clear_pointer (&expected, g_free);
  now = cell_ids (f, "bewust", "contact");
  expected = g_strdup_printf ("%s %s %s %s", ids[1], ids[2], ids[0], ids[3]);
  g_assert_cmpstr (now, ==, expected);
  assert_one_step (f, before);

  /* dropped where it was: nothing happens */
  while (cjm_document_undo (f->document))
    ;
  relayout (f);
  item_point (f, first, 0.5, 0.5, &x0, &y0);
  item_point (f, first, 0.2, 0.6, &x1, &y1);
  drag (f, x0, y0, x1, y1);
  assert_unchanged (f, before);
}

static void
test_drag_keeps_order (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *before = serialize (f->document);
  g_autofree char *now = NULL;
  g_autofree char *expected = NULL;
  CjmEntity *b = cell_item (f, "bewust", "contact", 1)->entity;
  CjmEntity *d = cell_item (f, "bewust", "contact", 3)->entity;
  CjmEntity *first = cell_item (f, "advocacy", "contact", 0)->entity;
  CjmEntity *second = cell_item (f, "advocacy", "contact", 1)->entity;
  CjmEntity *in_order[4] = { b, d, first, second };
  double x0, y0, x1, y1;

  /* selected back to front, dragged by the later one */
  click_item (f, d, 0);
  click_item (f, b, CJM_MODIFIER_CONTROL);
  g_assert_cmpuint (cjm_selection_get_count (f->selection), ==, 2);
  item_point (f, d, 0.5, 0.5, &x0, &y0);
  item_point (f, first, 0.1, 0.5, &x1, &y1);
  press_and_move (f, x0, y0, x1, y1);
  g_assert_cmpuint (g_hash_table_size (cjm_interaction_get_moving (f->interaction)), ==, 2);
  cjm_interaction_release (f->interaction, x1, y1);
  relayout (f);

  now = cell_ids (f, "advocacy", "contact");
  expected = join_ids (in_order, 4);
  g_assert_cmpstr (now, ==, expected);
  g_assert_cmpuint (cjm_selection_get_count (f->selection), ==, 2);
  g_assert_cmpstr (undo_label (f), ==, "Move Items");
  assert_one_step (f, before);
}

static void
test_drag_incompatible (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *before = serialize (f->document);
  CjmEntity *touchpoint = cell_item (f, "bewust", "contact", 0)->entity;
  CjmEntity *card = cell_item (f, "bewust", "doen", 0)->entity;
  const char *wrong_for_touchpoint[] = { "doen", "voelen", "pijn", "notities" };
  const char *wrong_for_card[] = { "contact", "voelen" };
  double x0, y0;

  for (guint i = 0; i < G_N_ELEMENTS (wrong_for_touchpoint); i++)
    {
      CjmRect cell;

      cell_rect (f, "aankoop", wrong_for_touchpoint[i], &cell);
      item_point (f, touchpoint, 0.5, 0.5, &x0, &y0);
      press_and_move (f, x0, y0, cell.x + cell.width - 8, cell.y + cell.height - 8);
      g_assert_cmpint (cjm_interaction_get_gesture (f->interaction), ==, CJM_GESTURE_MOVE_ITEMS);
      g_assert_null (cjm_interaction_get_drop_target (f->interaction));
      cjm_interaction_release (f->interaction, cell.x + cell.width - 8, cell.y + cell.height - 8);
      relayout (f);
      assert_unchanged (f, before);
    }
  for (guint i = 0; i < G_N_ELEMENTS (wrong_for_card); i++)
    {
      CjmRect cell;

      cell_rect (f, "aankoop", wrong_for_card[i], &cell);
      item_point (f, card, 0.5, 0.5, &x0, &y0);
      drag (f, x0, y0, cell.x + cell.width - 8, cell.y + cell.height - 8);
      assert_unchanged (f, before);
    }

  /* nor onto the headers or off the map */
  item_point (f, touchpoint, 0.5, 0.5, &x0, &y0);
  drag (f, x0, y0, 600, 30);
  drag (f, x0, y0, 60, y0);
  drag (f, x0, y0, cjm_layout_get_width (f->layout) + 100, y0);
  assert_unchanged (f, before);
  g_assert_false (can_undo (f));
}

static void
test_drag_threshold_and_cancel (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *before = serialize (f->document);
  CjmEntity *a = cell_item (f, "bewust", "contact", 0)->entity;
  CjmRect cell;
  double x0, y0;

  /* a hand that shakes a little still clicks */
  item_point (f, a, 0.5, 0.5, &x0, &y0);
  cjm_interaction_press (f->interaction, x0, y0, 0, 1);
  cjm_interaction_motion (f->interaction, x0 + 1.5, y0 - 1.5);
  g_assert_cmpint (cjm_interaction_get_gesture (f->interaction), ==, CJM_GESTURE_PENDING);
  cjm_interaction_release (f->interaction, x0 + 2, y0 - 1);
  g_assert_true (primary (f) == a);
  assert_unchanged (f, before);

  /* Escape during a drag: nothing moves */
  cell_rect (f, "advocacy", "contact", &cell);
  press_and_move (f, x0, y0, cell.x + 30, cell.y + 30);
  g_assert_nonnull (cjm_interaction_get_drop_target (f->interaction));
  cjm_interaction_cancel (f->interaction);
  g_assert_cmpint (cjm_interaction_get_gesture (f->interaction), ==, CJM_GESTURE_NONE);
  g_assert_null (cjm_interaction_get_drop_target (f->interaction));
  cjm_interaction_release (f->interaction, cell.x + 30, cell.y + 30);
  assert_unchanged (f, before);
  g_assert_false (can_undo (f));
}

/* Rubber band ---------------------------------------------------------- */

static void
test_rubber_band (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GHashTable) expected = g_hash_table_new (NULL, NULL);
  CjmEntity *outside = cell_item (f, "bewust", "doen", 0)->entity;
  CjmRect from, to, band, shown;
  double x0, y0, x1, y1;
  GPtrArray *selected;

  cell_rect (f, "bewust", "pijn", &from);
  cell_rect (f, "aankoop", "kansen", &to);
  x0 = from.x + from.width / 2;
  y0 = from.y + from.height / 2;
  x1 = to.x + to.width / 2;
  y1 = to.y + to.height / 2;
  band = (CjmRect) { x0, y0, x1 - x0, y1 - y0 };

  for (guint i = 0; i < cjm_layout_get_n_items (f->layout); i++)
    if (cjm_rect_intersects (&cjm_layout_get_item (f->layout, i)->rect, &band))
      g_hash_table_add (expected, nth_item (f, i));
  g_assert_cmpuint (g_hash_table_size (expected), >, 0);

  click_item (f, outside, 0);
  press_and_move (f, x0, y0, x1, y1);
  g_assert_cmpint (cjm_interaction_get_gesture (f->interaction), ==, CJM_GESTURE_RUBBER_BAND);
  g_assert_true (cjm_interaction_get_rubber_band (f->interaction, &shown));
  g_assert_cmpfloat_with_epsilon (shown.x, band.x, 1e-9);
  g_assert_cmpfloat_with_epsilon (shown.y, band.y, 1e-9);
  g_assert_cmpfloat_with_epsilon (shown.width, band.width, 1e-9);
  g_assert_cmpfloat_with_epsilon (shown.height, band.height, 1e-9);
  cjm_interaction_release (f->interaction, x1, y1);
  g_assert_false (cjm_interaction_get_rubber_band (f->interaction, &shown));

  selected = cjm_selection_get_entities (f->selection);
  g_assert_cmpuint (selected->len, ==, g_hash_table_size (expected));
  for (guint i = 0; i < selected->len; i++)
    g_assert_true (g_hash_table_contains (expected, g_ptr_array_index (selected, i)));
  g_assert_false (cjm_selection_contains (f->selection, outside));

  /* dragged the other way round, with Shift: added to what was selected */
  click_item (f, outside, 0);
  cjm_interaction_press (f->interaction, x1, y1, CJM_MODIFIER_SHIFT, 1);
  cjm_interaction_motion (f->interaction, (x0 + x1) / 2, (y0 + y1) / 2);
  cjm_interaction_release (f->interaction, x0, y0);
  g_assert_cmpuint (cjm_selection_get_count (f->selection), ==, g_hash_table_size (expected) + 1);
  g_assert_true (cjm_selection_contains (f->selection, outside));
  g_assert_false (can_undo (f));
}

/* Emotion curves ------------------------------------------------------- */

/* Draws two waves from @x0 to @x1 around @y in @n samples; @drawing says
 * whether that should draw a curve or, with no persona, span a band. */
static void
stroke (Fixture  *f,
        double    x0,
        double    x1,
        double    y,
        double    amplitude,
        guint     n,
        gboolean  drawing)
{
  for (guint i = 0; i < n; i++)
    {
      double x = x0 + (x1 - x0) * i / (n - 1);
      double sy = y - amplitude * sin (4 * G_PI * i / (n - 1));

      if (i == 0)
        cjm_interaction_press (f->interaction, x, sy, 0, 1);
      else if (i + 1 < n)
        cjm_interaction_motion (f->interaction, x, sy);
      else
        cjm_interaction_release (f->interaction, x, sy);
      if (i > 0 && i + 1 < n)
        g_assert_cmpint (cjm_interaction_get_gesture (f->interaction), ==,
                         drawing ? CJM_GESTURE_STROKE : CJM_GESTURE_RUBBER_BAND);
    }
  relayout (f);
}

/* Every value of @curve lies on the map's scale. */
static void
assert_on_scale (Fixture  *f,
                 CjmCurve *curve)
{
  CjmMap *map = cjm_document_get_map (f->document);
  GPtrArray *points = cjm_curve_get_points (curve);

  for (guint i = 0; points != NULL && i < points->len; i++)
    {
      const CjmCurvePoint *point = g_ptr_array_index (points, i);

      g_assert_cmpfloat (point->value, >=, cjm_map_get_scale_min (map));
      g_assert_cmpfloat (point->value, <=, cjm_map_get_scale_max (map));
      g_assert_true ((point->phase == NULL) != (point->touchpoint == NULL));
      g_assert_cmpfloat (point->at, >=, 0);
      g_assert_cmpfloat (point->at, <=, 1);
    }
}

static void
test_stroke_creates_curve (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  const CjmLayoutCurve *drawn;
  CjmCurve *curve;
  CjmRect lane;
  double x0 = 200, x1 = 1700, y, amplitude;
  guint n_points;

  cjm_document_add (f->document, g_object_new (CJM_TYPE_PERSONA, "id", "sanne", "name", "Sanne",
                                               "color", 0x986a44, NULL), -1, &error);
  g_assert_no_error (error);
  relayout (f);
  before = serialize (f->document);
  g_assert_null (find_curve (f, "sanne", CJM_CURVE_AS_IS));

  cjm_interaction_set_persona (f->interaction, "sanne");
  g_assert_cmpstr (cjm_interaction_get_persona (f->interaction), ==, "sanne");
  cjm_layout_get_lane_rect (f->layout, (guint) lane_index (f, "voelen"), &lane);
  y = free_emotion_y (f, x0);
  g_assert_cmpstr (cjm_interaction_get_cursor (f->interaction, x0, y), ==, "crosshair");
  amplitude = MIN (60, MIN (y - lane.y - 20, lane.y + lane.height - 20 - y));
  g_assert_cmpfloat (amplitude, >=, 40);
  stroke (f, x0, x1, y, amplitude, 200, TRUE);

  curve = find_curve (f, "sanne", CJM_CURVE_AS_IS);
  g_assert_nonnull (curve);
  if (curve == NULL)
    return;
  n_points = n_curve_points (curve);
  g_test_message ("a 200-sample stroke became %u points", n_points);
  g_assert_cmpuint (n_points, >=, 5);
  g_assert_cmpuint (n_points, <, 15);
  assert_on_scale (f, curve);
  g_assert_true (primary (f) == CJM_ENTITY (curve));

  /* and it follows the stroke */
  drawn = layout_curve (f, curve);
  g_assert_nonnull (drawn);
  g_assert_cmpuint (drawn->n_points, ==, n_points);
  for (guint i = 0; i < 200; i++)
    {
      double x = x0 + (x1 - x0) * i / 199;
      double sy = y - amplitude * sin (4 * G_PI * i / 199);
      double cy;

      /* a point's place across its phase is kept to two decimals, so the
       * curve may begin or end a hair inside the stroke */
      if (!curve_y_at (drawn, x, &cy))
        {
          g_assert_true (i < 2 || i > 197);
          continue;
        }
      g_assert_cmpfloat (fabs (cy - sy), <, 20);
    }
  assert_one_step (f, before);

  /* the to-be variant is another curve */
  cjm_interaction_set_variant (f->interaction, CJM_CURVE_TO_BE);
  stroke (f, 400, 900, free_emotion_y (f, 400), 20, 50, TRUE);
  g_assert_nonnull (find_curve (f, "sanne", CJM_CURVE_TO_BE));
  g_assert_true (find_curve (f, "sanne", CJM_CURVE_AS_IS) == curve);
}

static void
test_stroke_updates_curve (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *before = serialize (f->document);
  CjmCurve *curve = find_curve (f, "lotte", CJM_CURVE_AS_IS);
  const CjmLayoutCurve *drawn = layout_curve (f, curve);
  g_autoptr(GArray) kept_x = g_array_new (FALSE, FALSE, sizeof (double));
  double x0 = 700, x1 = 1200;
  guint n_before = n_curve_points (curve);
  guint n_after, n_new = 0;

  g_assert_cmpuint (n_before, ==, 6);
  for (guint i = 0; i < drawn->n_points; i++)
    if (drawn->points[i].x < x0 - 1 || drawn->points[i].x > x1 + 1)
      g_array_append_val (kept_x, drawn->points[i].x);
  g_assert_cmpuint (kept_x->len, ==, 5);

  cjm_interaction_set_persona (f->interaction, "lotte");
  stroke (f, x0, x1, free_emotion_y (f, x0), 25, 200, TRUE);

  /* the same curve, its points under the stroke replaced */
  g_assert_true (find_curve (f, "lotte", CJM_CURVE_AS_IS) == curve);
  g_assert_nonnull (cjm_document_lookup (f->document, "lotte-huidig"));
  n_after = n_curve_points (curve);
  drawn = layout_curve (f, curve);
  for (guint i = 0; i < drawn->n_points; i++)
    {
      gboolean old = FALSE;

      for (guint k = 0; k < kept_x->len; k++)
        old |= fabs (g_array_index (kept_x, double, k) - drawn->points[i].x) < 1e-6;
      if (!old)
        {
          g_assert_cmpfloat (drawn->points[i].x, >=, x0 - 1);
          g_assert_cmpfloat (drawn->points[i].x, <=, x1 + 1);
          n_new++;
        }
    }
  g_assert_cmpuint (n_after, ==, kept_x->len + n_new);
  g_assert_cmpuint (n_new, >=, 2);
  g_assert_cmpuint (n_new, <, 15);
  assert_on_scale (f, curve);
  g_assert_cmpstr (undo_label (f), ==,
                   "Draw Emotion Curve");
  assert_one_step (f, before);
}

static void
test_stroke_needs_persona (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *before = serialize (f->document);
  double y = free_emotion_y (f, 200);

  g_assert_null (cjm_interaction_get_persona (f->interaction));
  g_assert_cmpstr (cjm_interaction_get_cursor (f->interaction, 200, y), ==, "default");
  stroke (f, 200, 1700, y, 30, 200, FALSE);
  assert_unchanged (f, before);
  g_assert_cmpuint (cjm_selection_get_count (f->selection), ==, 0);

  /* nor with something picked that is not a persona */
  cjm_interaction_set_persona (f->interaction, "tp-vrienden");
  stroke (f, 200, 1700, y, 30, 200, FALSE);
  cjm_interaction_set_persona (f->interaction, "no-such-persona");
  stroke (f, 200, 1700, y, 30, 200, FALSE);
  assert_unchanged (f, before);
  g_assert_false (can_undo (f));
}

static void
test_curve_move_point (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *before = serialize (f->document);
  int index, selected = -1;
  double x, y, target_y;
  CjmCurve *curve = lonely_curve_point (f, &index, &x, &y);
  guint lane = (guint) lane_index (f, "voelen");
  CjmRect rect;
  const CjmCurvePoint *point;
  const CjmCurvePoint *old = g_ptr_array_index (cjm_curve_get_points (curve), index);
  double old_value = old->value;
  guint n = n_curve_points (curve);
  double expected;
  CjmRect guide;

  cjm_layout_get_lane_rect (f->layout, lane, &rect);
  target_y = y < rect.y + rect.height / 2 ? y + 40 : y - 40;
  expected = round (cjm_layout_y_to_value (f->layout, lane, target_y) * 100) / 100;
  g_assert_cmpfloat (fabs (expected - old_value), >, 0.1);

  press_and_move (f, x, y, x, target_y);
  g_assert_cmpint (cjm_interaction_get_gesture (f->interaction), ==, CJM_GESTURE_MOVE_POINT);
  g_assert_true (cjm_interaction_get_point_curve (f->interaction, &selected) == curve);
  g_assert_cmpint (selected, ==, index);
  g_assert_true (cjm_interaction_get_guide (f->interaction, &guide));
  assert_unchanged (f, before);
  cjm_interaction_release (f->interaction, x, target_y);
  relayout (f);

  g_assert_cmpuint (n_curve_points (curve), ==, n);
  point = g_ptr_array_index (cjm_curve_get_points (curve), index);
  g_assert_cmpfloat_with_epsilon (point->value, expected, 1e-9);
  assert_on_scale (f, curve);
  assert_one_step (f, before);
}

static void
test_curve_double_press_deletes (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *before = serialize (f->document);
  int index;
  double x, y;
  CjmCurve *curve = lonely_curve_point (f, &index, &x, &y);
  guint n = n_curve_points (curve);

  cjm_interaction_press (f->interaction, x, y, 0, 1);
  cjm_interaction_release (f->interaction, x, y);
  assert_unchanged (f, before);
  cjm_interaction_press (f->interaction, x, y, 0, 2);
  cjm_interaction_release (f->interaction, x, y);
  relayout (f);

  g_assert_cmpuint (n_curve_points (curve), ==, n - 1);
  g_assert_nonnull (cjm_document_lookup (f->document, cjm_entity_get_id (CJM_ENTITY (curve))));
  assert_one_step (f, before);
}

static void
test_curve_click_adds_point (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *before = serialize (f->document);
  guint lane = (guint) lane_index (f, "voelen");
  CjmCurve *curve = NULL;
  double x = 0, y = 0, expected;
  int selected = -1;
  guint n;
  const CjmCurvePoint *added;

  /* the middle of a segment, where nothing else is */
  for (guint c = 0; c < cjm_layout_get_n_curves (f->layout) && curve == NULL; c++)
    {
      const CjmLayoutCurve *lc = cjm_layout_get_curve (f->layout, c);

      for (guint k = 0; k + 1 < lc->n_points && curve == NULL; k++)
        {
          CjmPoint mid;
          CjmHit hit;

          cjm_curve_bezier_point (&lc->points[k], &lc->controls[2 * k], &lc->controls[2 * k + 1],
                                  &lc->points[k + 1], 0.5, &mid);
          cjm_layout_hit_test (f->layout, mid.x, mid.y, 4, &hit);
          if (hit.kind == CJM_HIT_CURVE && hit.entity == CJM_ENTITY (lc->curve))
            {
              curve = lc->curve;
              x = mid.x;
              y = mid.y;
            }
        }
    }
  g_assert_nonnull (curve);
  if (curve == NULL)
    return;
  n = n_curve_points (curve);

  /* without a persona picked, a click only selects the curve */
  click (f, x, y, 0);
  g_assert_true (primary (f) == CJM_ENTITY (curve));
  assert_unchanged (f, before);

  cjm_interaction_set_persona (f->interaction, "priya");
  g_assert_cmpstr (cjm_interaction_get_cursor (f->interaction, x, y), ==, "copy");
  click (f, x, y, 0);
  relayout (f);
  g_assert_cmpuint (n_curve_points (curve), ==, n + 1);
  added = g_ptr_array_index (cjm_curve_get_points (curve), n);
  expected = round (cjm_layout_y_to_value (f->layout, lane, y) * 100) / 100;
  g_assert_cmpfloat_with_epsilon (added->value, expected, 1e-9);
  g_assert_true (cjm_interaction_get_point_curve (f->interaction, &selected) == curve);
  g_assert_cmpint (selected, ==, (int) n);
  assert_on_scale (f, curve);
  assert_one_step (f, before);
}

/* Headers -------------------------------------------------------------- */

static void
test_resize_phase (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *before = serialize (f->document);
  CjmPhase *phase = g_ptr_array_index (cjm_document_get_phases (f->document), 0);
  const struct
  {
    double release;   /* from the phase's left edge */
    double width;
  } cases[] = { { 420, 420 }, { 10, 60 }, { -300, 60 }, { 5000, 4000 }, { 300.4, 300 } };
  CjmRect rect, guide;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CjmHit hit;

      cjm_layout_get_phase_rect (f->layout, 0, &rect);
      cjm_layout_hit_test (f->layout, rect.x + rect.width - 1, 30, 4, &hit);
      g_assert_cmpint (hit.kind, ==, CJM_HIT_PHASE_BORDER);
      g_assert_cmpstr (cjm_interaction_get_cursor (f->interaction, rect.x + rect.width - 1, 30), ==,
                       "col-resize");

      press_and_move (f, rect.x + rect.width - 1, 30, rect.x + cases[i].release, 30);
      g_assert_cmpint (cjm_interaction_get_gesture (f->interaction), ==, CJM_GESTURE_RESIZE_PHASE);
      g_assert_true (cjm_interaction_get_guide (f->interaction, &guide));
      cjm_interaction_release (f->interaction, rect.x + cases[i].release, 30);
      relayout (f);
      g_assert_cmpfloat_with_epsilon (cjm_phase_get_width (phase), cases[i].width, 1e-9);
      cjm_layout_get_phase_rect (f->layout, 0, &rect);
      g_assert_cmpfloat_with_epsilon (rect.width, cases[i].width, 1e-9);

      /* the phase's items stay in it */
      for (guint k = 0; k < cjm_layout_get_n_items (f->layout); k++)
        {
          const CjmLayoutItem *item = cjm_layout_get_item (f->layout, k);

          if (item->phase == 0)
            {
              g_assert_cmpfloat (item->rect.x, >=, rect.x);
              g_assert_cmpfloat (item->rect.x + item->rect.width, <=, rect.x + rect.width);
            }
        }
      g_assert_cmpstr (undo_label (f), !=, NULL);
      g_assert_true (cjm_document_undo (f->document));
      relayout (f);
      assert_unchanged (f, before);
      g_assert_false (can_undo (f));
    }
}

static void
test_resize_lane (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *before = serialize (f->document);
  guint lane = (guint) lane_index (f, "kansen");
  CjmRect rect;

  cjm_layout_get_lane_rect (f->layout, lane, &rect);
  press_and_move (f, 60, rect.y + rect.height - 1, 60, rect.y + 300);
  g_assert_cmpint (cjm_interaction_get_gesture (f->interaction), ==, CJM_GESTURE_RESIZE_LANE);
  cjm_interaction_release (f->interaction, 60, rect.y + 300);
  relayout (f);
  cjm_layout_get_lane_rect (f->layout, lane, &rect);
  g_assert_cmpfloat_with_epsilon (rect.height, 300, 1e-9);
  assert_one_step (f, before);
}

static char *
phase_ids (Fixture *f)
{
  GPtrArray *phases = cjm_document_get_phases (f->document);

  return join_ids ((CjmEntity **) phases->pdata, phases->len);
}

static void
test_move_phase (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *before = serialize (f->document);
  g_autofree char *order = NULL;
  g_autofree char *contact = cell_ids (f, "bewust", "contact");
  g_autofree char *contact_after = NULL;
  CjmEntity *moved;
  CjmRect from, to;

  cjm_layout_get_phase_rect (f->layout, 0, &from);
  cjm_layout_get_phase_rect (f->layout, 3, &to);
  drag (f, from.x + from.width / 2, 30, to.x + to.width / 2, 30);
  order = phase_ids (f);
  g_assert_cmpstr (order, ==, "acquisitie aankoop retentie bewust advocacy");
  /* its items went with it */
  contact_after = cell_ids (f, "bewust", "contact");
  g_assert_cmpstr (contact_after, ==, contact);
  moved = cell_item (f, "bewust", "contact", 0)->entity;
  g_assert_cmpuint (cjm_layout_find_item (f->layout, moved)->phase, ==, 3);
  assert_one_step (f, before);
  g_assert_true (cjm_document_undo (f->document));
  relayout (f);

  /* the last to the front, dropped over the lane headers' column */
  cjm_layout_get_phase_rect (f->layout, 4, &from);
  drag (f, from.x + from.width / 2, 30, 60, 30);
  g_clear_pointer (&order, g_free);
  order = phase_ids (f);
  g_assert_cmpstr (order, ==, "advocacy bewust acquisitie aankoop retentie");
  assert_one_step (f, before);
}

/* Dropping from the palette -------------------------------------------- */

static void
test_drop_touchpoint (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *before = serialize (f->document);
  CjmEntity *first = cell_item (f, "retentie", "contact", 0)->entity;
  const CjmDropTarget *target;
  const CjmLayoutItem *placed;
  const char * const *personas;
  CjmEntity *created;
  double x, y;

  item_point (f, first, 0.9, 0.5, &x, &y);
  g_assert_true (cjm_interaction_drop_preview (f->interaction, "touchpoint:website", x, y));
  target = cjm_interaction_get_drop_target (f->interaction);
  g_assert_nonnull (target);
  g_assert_cmpuint (target->position, ==, 1);
  cjm_interaction_drop_leave (f->interaction);
  g_assert_null (cjm_interaction_get_drop_target (f->interaction));
  assert_unchanged (f, before);

  cjm_interaction_set_persona (f->interaction, "jeroen");
  created = cjm_interaction_drop (f->interaction, "touchpoint:website", x, y);
  relayout (f);
  g_assert_nonnull (created);
  if (created == NULL)
    return;
  g_assert_true (CJM_IS_TOUCHPOINT (created));
  g_assert_cmpstr (cjm_touchpoint_get_channel (CJM_TOUCHPOINT (created)), ==, "website");
  g_assert_cmpstr (cjm_touchpoint_get_phase (CJM_TOUCHPOINT (created)), ==, "retentie");
  g_assert_cmpstr (cjm_touchpoint_get_lane (CJM_TOUCHPOINT (created)), ==, "contact");
  personas = cjm_touchpoint_get_personas (CJM_TOUCHPOINT (created));
  g_assert_true (personas != NULL && g_strv_contains (personas, "jeroen"));
  placed = cjm_layout_find_item (f->layout, created);
  g_assert_nonnull (placed);
  g_assert_cmpuint (placed->phase, ==, (guint) phase_index (f, "retentie"));
  g_assert_cmpuint (placed->lane, ==, (guint) lane_index (f, "contact"));
  g_assert_cmpuint (placed->position, ==, 1);
  g_assert_true (cell_item (f, "retentie", "contact", 0)->entity == first);
  g_assert_cmpuint (cjm_selection_get_count (f->selection), ==, 1);
  g_assert_true (primary (f) == created);
  g_assert_cmpstr (undo_label (f), ==, "Add Touchpoint");
  assert_one_step (f, before);

  /* a channel the map does not know: a touchpoint without one */
  created = cjm_interaction_drop (f->interaction, "touchpoint:pigeon-post", x, y);
  g_assert_nonnull (created);
  if (created != NULL)
    g_assert_null (cjm_touchpoint_get_channel (CJM_TOUCHPOINT (created)));
  relayout (f);
  /* and a channel the map defines itself */
  created = cjm_interaction_drop (f->interaction, "touchpoint:whatsapp", x, y);
  g_assert_nonnull (created);
  if (created != NULL)
    g_assert_cmpstr (cjm_touchpoint_get_channel (CJM_TOUCHPOINT (created)), ==, "whatsapp");
  relayout (f);
}

static void
test_drop_card (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *before = serialize (f->document);
  CjmRect cell;
  CjmEntity *created;
  const CjmLayoutItem *placed;

  cell_rect (f, "bewust", "pijn", &cell);
  created = cjm_interaction_drop (f->interaction, "card:pain-points", cell.x + cell.width / 2,
                                  cell.y + cell.height / 2);
  relayout (f);
  g_assert_nonnull (created);
  if (created == NULL)
    return;
  g_assert_true (CJM_IS_CARD (created));
  g_assert_cmpstr (cjm_card_get_lane (CJM_CARD (created)), ==, "pijn");
  g_assert_cmpstr (cjm_card_get_phase (CJM_CARD (created)), ==, "bewust");
  g_assert_nonnull (cjm_card_get_text (CJM_CARD (created)));
  g_assert_cmpstr (cjm_card_get_text (CJM_CARD (created)), !=, "");
  placed = cjm_layout_find_item (f->layout, created);
  g_assert_nonnull (placed);
  g_assert_cmpuint (placed->position, ==, 0);
  g_assert_true (primary (f) == created);
  g_assert_cmpstr (undo_label (f), ==, "Add Card");
  assert_one_step (f, before);

  /* before the first card of a full cell */
  g_assert_true (cjm_document_undo (f->document));
  relayout (f);
  {
    CjmEntity *old = cell_item (f, "aankoop", "pijn", 0)->entity;
    double x, y;

    item_point (f, old, 0.05, 0.5, &x, &y);
    created = cjm_interaction_drop (f->interaction, "card:notes", x, y);
    relayout (f);
    g_assert_nonnull (created);
    g_assert_true (cell_item (f, "aankoop", "pijn", 0)->entity == created);
    g_assert_true (cell_item (f, "aankoop", "pijn", 1)->entity == old);
    assert_one_step (f, before);
  }
}

static void
test_drop_refused (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *before = serialize (f->document);
  const struct
  {
    const char *kind;
    const char *lane;
  } cases[] = {
    { "touchpoint:website", "notities" }, { "touchpoint:website", "doen" },
    { "touchpoint:website", "voelen" }, { "touchpoint:app", "pijn" },
    { "card:pain-points", "contact" }, { "card:pain-points", "voelen" },
    { "card:notes", "contact" }, { "banana", "pijn" }, { "", "pijn" },
    { "touchpoint", "contact" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CjmRect cell;
      double x, y;

      cell_rect (f, "aankoop", cases[i].lane, &cell);
      x = cell.x + cell.width / 2;
      y = cell.y + cell.height / 2;
      g_assert_false (cjm_interaction_drop_preview (f->interaction, cases[i].kind, x, y));
      g_assert_null (cjm_interaction_get_drop_target (f->interaction));
      g_assert_null (cjm_interaction_drop (f->interaction, cases[i].kind, x, y));
    }
  g_assert_false (cjm_interaction_drop_preview (f->interaction, NULL, 600, 600));
  /* headers, the corner and outside */
  g_assert_null (cjm_interaction_drop (f->interaction, "card:notes", 600, 30));
  g_assert_null (cjm_interaction_drop (f->interaction, "card:notes", 60, 1450));
  g_assert_null (cjm_interaction_drop (f->interaction, "card:notes", 30, 30));
  g_assert_null (cjm_interaction_drop (f->interaction, "card:notes", 600,
                                       cjm_layout_get_height (f->layout) + 5));
  g_assert_null (cjm_interaction_create_item (f->interaction, "card:notes", 99, 0, 0));
  g_assert_null (cjm_interaction_create_item (f->interaction, "card:notes", 0, 99, 0));

  assert_unchanged (f, before);
  g_assert_false (can_undo (f));
  g_assert_cmpuint (cjm_selection_get_count (f->selection), ==, 0);
}

/* The keyboard ----------------------------------------------------------- */

static void
test_select_next (Fixture       *f,
                  gconstpointer  data)
{
  guint n = cjm_layout_get_n_items (f->layout);

  g_assert_cmpuint (n, >, 10);
  g_assert_true (cjm_interaction_select_next (f->interaction, FALSE));
  g_assert_true (primary (f) == nth_item (f, 0));
  for (guint i = 1; i < n; i++)
    {
      const CjmLayoutItem *previous = cjm_layout_get_item (f->layout, i - 1);
      const CjmLayoutItem *item = cjm_layout_get_item (f->layout, i);

      /* reading order: lane by lane, phase by phase, in order */
      g_assert_true (previous->lane < item->lane
                     || (previous->lane == item->lane && previous->phase < item->phase)
                     || (previous->lane == item->lane && previous->phase == item->phase
                         && previous->position < item->position));
      g_assert_true (cjm_interaction_select_next (f->interaction, FALSE));
      g_assert_cmpuint (cjm_selection_get_count (f->selection), ==, 1);
      g_assert_true (primary (f) == item->entity);
    }
  /* it stops at the end */
  g_assert_false (cjm_interaction_select_next (f->interaction, FALSE));
  g_assert_true (primary (f) == nth_item (f, n - 1));

  for (guint i = n - 1; i > 0; i--)
    {
      g_assert_true (cjm_interaction_select_next (f->interaction, TRUE));
      g_assert_true (primary (f) == nth_item (f, i - 1));
    }
  g_assert_false (cjm_interaction_select_next (f->interaction, TRUE));
  g_assert_true (primary (f) == nth_item (f, 0));

  /* from nothing, backwards starts at the end */
  cjm_selection_clear (f->selection);
  g_assert_true (cjm_interaction_select_next (f->interaction, TRUE));
  g_assert_true (primary (f) == nth_item (f, n - 1));

  /* left and right are the same walk */
  g_assert_true (cjm_interaction_select_toward (f->interaction, CJM_DIRECTION_LEFT));
  g_assert_true (primary (f) == nth_item (f, n - 2));
  g_assert_true (cjm_interaction_select_toward (f->interaction, CJM_DIRECTION_RIGHT));
  g_assert_true (primary (f) == nth_item (f, n - 1));
}

/* The item a key up or down should go to, by brute force. */
static const CjmLayoutItem *
expected_toward (Fixture             *f,
                 const CjmLayoutItem *from,
                 int                  step)
{
  double center = from->rect.x + from->rect.width / 2;
  int n_lanes = (int) cjm_layout_get_n_lanes (f->layout);

  for (int lane = (int) from->lane + step; lane >= 0 && lane < n_lanes; lane += step)
    {
      const CjmLayoutItem *best = NULL;

      for (guint i = 0; i < cjm_layout_get_n_items (f->layout); i++)
        {
          const CjmLayoutItem *item = cjm_layout_get_item (f->layout, i);

          if ((int) item->lane == lane
              && (best == NULL
                  || fabs (item->rect.x + item->rect.width / 2 - center)
                     < fabs (best->rect.x + best->rect.width / 2 - center)))
            best = item;
        }
      if (best != NULL)
        return best;
    }
  return NULL;
}

static void
test_select_toward (Fixture       *f,
                    gconstpointer  data)
{
  for (guint i = 0; i < cjm_layout_get_n_items (f->layout); i++)
    for (int d = 0; d < 2; d++)
      {
        const CjmLayoutItem *from = cjm_layout_get_item (f->layout, i);
        const CjmLayoutItem *expected = expected_toward (f, from, d == 0 ? -1 : 1);
        gboolean moved;

        cjm_selection_set (f->selection, from->entity);
        moved = cjm_interaction_select_toward (f->interaction,
                                               d == 0 ? CJM_DIRECTION_UP : CJM_DIRECTION_DOWN);
        g_assert_cmpint (moved, ==, expected != NULL);
        g_assert_true (primary (f) == (expected != NULL ? expected->entity : from->entity));
      }

  /* a touchpoint over a pain point: up reaches the lane above the emotion
   * lane, which has no items */
  cjm_selection_set (f->selection, cell_item (f, "aankoop", "contact", 0)->entity);
  g_assert_true (cjm_interaction_select_toward (f->interaction, CJM_DIRECTION_UP));
  g_assert_true (primary (f) == cell_item (f, "aankoop", "denken", 0)->entity);
  cjm_selection_set (f->selection, cell_item (f, "aankoop", "contact", 0)->entity);
  g_assert_true (cjm_interaction_select_toward (f->interaction, CJM_DIRECTION_DOWN));
  g_assert_cmpuint (cjm_layout_find_item (f->layout, primary (f))->lane, ==,
                    (guint) lane_index (f, "pijn"));

  /* with nothing selected, the first item */
  cjm_selection_clear (f->selection);
  g_assert_true (cjm_interaction_select_toward (f->interaction, CJM_DIRECTION_DOWN));
  g_assert_true (primary (f) == nth_item (f, 0));
}

/* Moves the selected item with the keyboard and checks the one step. */
static gboolean
key_move (Fixture      *f,
          CjmEntity    *item,
          CjmDirection  direction)
{
  g_autofree char *before = serialize (f->document);
  gboolean moved;

  cjm_selection_set (f->selection, item);
  moved = cjm_interaction_move_selection (f->interaction, direction);
  relayout (f);
  if (moved)
    assert_one_step (f, before);
  else
    assert_unchanged (f, before);
  g_assert_true (primary (f) == item);
  return moved;
}

static void
test_move_selection (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *order = cell_ids (f, "bewust", "contact");
  g_auto(GStrv) ids = g_strsplit (order, " ", -1);
  CjmEntity *a = cell_item (f, "bewust", "contact", 0)->entity;
  CjmEntity *d = cell_item (f, "bewust", "contact", 3)->entity;
  CjmEntity *card = cell_item (f, "bewust", "doen", 0)->entity;
  CjmEntity *last_card = cell_item (f, "aankoop", "notities", 0)->entity;
  const CjmLayoutItem *item;
  g_autofree char *now = NULL;
  g_autofree char *expected = NULL;

  /* right within the cell */
  g_assert_true (key_move (f, a, CJM_DIRECTION_RIGHT));
  now = cell_ids (f, "bewust", "contact");
  expected = g_strdup_printf ("%s %s %s %s", ids[1], ids[0], ids[2], ids[3]);
  g_assert_cmpstr (now, ==, expected);
  /* and back */
  g_assert_true (key_move (f, a, CJM_DIRECTION_LEFT));
  g_clear_pointer (&now, g_free);
  now = cell_ids (f, "bewust", "contact");
  g_assert_cmpstr (now, ==, order);
  /* no phase before the first */
  g_assert_false (key_move (f, a, CJM_DIRECTION_LEFT));

  /* past the end of the cell: the start of the next phase's cell */
  g_assert_true (key_move (f, d, CJM_DIRECTION_RIGHT));
  item = cjm_layout_find_item (f->layout, d);
  g_assert_cmpuint (item->phase, ==, 1);
  g_assert_cmpuint (item->lane, ==, (guint) lane_index (f, "contact"));
  g_assert_cmpuint (item->position, ==, 0);
  /* and back to the end of the first */
  g_assert_true (key_move (f, d, CJM_DIRECTION_LEFT));
  item = cjm_layout_find_item (f->layout, d);
  g_assert_cmpuint (item->phase, ==, 0);
  g_assert_cmpuint (item->position, ==, 3);

  /* the only touchpoints lane: nowhere up or down */
  g_assert_false (key_move (f, a, CJM_DIRECTION_UP));
  g_assert_false (key_move (f, a, CJM_DIRECTION_DOWN));

  /* a card down: the next lane that takes cards, past the emotion and
   * touchpoints lanes */
  g_assert_true (key_move (f, card, CJM_DIRECTION_DOWN));
  item = cjm_layout_find_item (f->layout, card);
  g_assert_cmpuint (item->lane, ==, (guint) lane_index (f, "denken"));
  g_assert_cmpuint (item->phase, ==, 0);
  g_assert_cmpuint (item->position, ==, 0);
  g_assert_true (key_move (f, card, CJM_DIRECTION_DOWN));
  item = cjm_layout_find_item (f->layout, card);
  g_assert_cmpuint (item->lane, ==, (guint) lane_index (f, "pijn"));
  g_assert_cmpstr (cjm_card_get_lane (CJM_CARD (card)), ==, "pijn");
  g_assert_true (key_move (f, card, CJM_DIRECTION_UP));
  item = cjm_layout_find_item (f->layout, card);
  g_assert_cmpuint (item->lane, ==, (guint) lane_index (f, "denken"));
  g_assert_true (key_move (f, card, CJM_DIRECTION_UP));
  g_assert_false (key_move (f, card, CJM_DIRECTION_UP));

  /* a card in the last lane goes no further down */
  g_assert_false (key_move (f, last_card, CJM_DIRECTION_DOWN));

  /* nothing selected: nothing moves */
  cjm_selection_clear (f->selection);
  g_assert_false (cjm_interaction_move_selection (f->interaction, CJM_DIRECTION_RIGHT));
}

static void
test_delete_selection (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *before = serialize (f->document);
  CjmEntity *a = cell_item (f, "bewust", "contact", 0)->entity;
  CjmEntity *card = cell_item (f, "aankoop", "pijn", 1)->entity;
  g_autofree char *a_id = g_strdup (cjm_entity_get_id (a));
  g_autofree char *card_id = g_strdup (cjm_entity_get_id (card));

  g_assert_false (cjm_interaction_delete_selection (f->interaction));
  click_item (f, a, 0);
  click_item (f, card, CJM_MODIFIER_CONTROL);
  g_assert_true (cjm_interaction_delete_selection (f->interaction));
  relayout (f);
  g_assert_null (cjm_document_lookup (f->document, a_id));
  g_assert_null (cjm_document_lookup (f->document, card_id));
  g_assert_cmpuint (cjm_selection_get_count (f->selection), ==, 0);
  assert_one_step (f, before);
}

static void
test_delete_point (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *before = serialize (f->document);
  int index, selected = -1;
  double x, y;
  CjmCurve *curve = lonely_curve_point (f, &index, &x, &y);
  guint n = n_curve_points (curve);
  g_autoptr(CjmCurvePoint) next = NULL;

  if ((guint) index + 1 < n)
    next = cjm_curve_point_copy (g_ptr_array_index (cjm_curve_get_points (curve), index + 1));
  click (f, x, y, 0);
  g_assert_true (cjm_interaction_get_point_curve (f->interaction, &selected) == curve);
  g_assert_cmpint (selected, ==, index);
  g_assert_true (cjm_interaction_delete_selection (f->interaction));
  relayout (f);
  g_assert_cmpuint (n_curve_points (curve), ==, n - 1);
  g_assert_nonnull (cjm_document_lookup (f->document, cjm_entity_get_id (CJM_ENTITY (curve))));
  if (next != NULL)
    {
      const CjmCurvePoint *now = g_ptr_array_index (cjm_curve_get_points (curve), index);

      g_assert_cmpfloat (now->value, ==, next->value);
      g_assert_cmpstr (now->phase, ==, next->phase);
    }
  g_assert_null (cjm_interaction_get_point_curve (f->interaction, &selected));
  assert_one_step (f, before);
}

static void
test_curve_point_from_keyboard (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  CjmEntity *touchpoint = cjm_document_lookup (f->document, "tp-website");
  const CjmCurvePoint *point;
  CjmCurve *curve;

  g_assert_true (CJM_IS_TOUCHPOINT (touchpoint));
  cjm_document_add (f->document, g_object_new (CJM_TYPE_PERSONA, "id", "sanne", "name", "Sanne",
                                               "color", 0x986a44, NULL), -1, &error);
  g_assert_no_error (error);
  relayout (f);

  /* without a persona picked there is no curve to add to */
  g_assert_false (cjm_interaction_add_curve_point (f->interaction, CJM_TOUCHPOINT (touchpoint)));

  cjm_interaction_set_persona (f->interaction, "sanne");
  before = serialize (f->document);
  g_assert_true (cjm_interaction_add_curve_point (f->interaction, CJM_TOUCHPOINT (touchpoint)));
  relayout (f);
  curve = find_curve (f, "sanne", CJM_CURVE_AS_IS);
  g_assert_nonnull (curve);
  if (curve == NULL)
    return;
  g_assert_cmpuint (cjm_curve_get_points (curve)->len, ==, 1);
  point = g_ptr_array_index (cjm_curve_get_points (curve), 0);
  g_assert_cmpstr (point->touchpoint, ==, "tp-website");
  /* the point takes the touchpoint's rating */
  g_assert_cmpfloat (point->value, ==, cjm_touchpoint_get_emotion (CJM_TOUCHPOINT (touchpoint)));
  assert_one_step (f, before);

  /* a second time moves that point to the rating, rather than adding one */
  cjm_document_set (f->document, touchpoint, &error, "emotion", -2, NULL);
  g_assert_no_error (error);
  g_assert_true (cjm_interaction_add_curve_point (f->interaction, CJM_TOUCHPOINT (touchpoint)));
  g_assert_cmpuint (cjm_curve_get_points (curve)->len, ==, 1);
  point = g_ptr_array_index (cjm_curve_get_points (curve), 0);
  g_assert_cmpfloat (point->value, ==, -2);
}

static void
add_test (const char *path,
          void      (*test) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, "fietsabonnement.cjm", fixture_set_up, test, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* a failed check fails its test, and the others still run and report */
  g_test_set_nonfatal_assertions ();
  cjm_reader_init ();

  add_test ("/interaction/click/selects", test_click_selects);
  add_test ("/interaction/click/toggles", test_click_toggles);
  add_test ("/interaction/click/empty-cell-clears", test_click_empty_cell_clears);
  add_test ("/interaction/drag/to-cell", test_drag_to_cell);
  add_test ("/interaction/drag/within-cell", test_drag_within_cell);
  add_test ("/interaction/drag/keeps-order", test_drag_keeps_order);
  add_test ("/interaction/drag/incompatible", test_drag_incompatible);
  add_test ("/interaction/drag/threshold-and-cancel", test_drag_threshold_and_cancel);
  add_test ("/interaction/rubber-band", test_rubber_band);
  add_test ("/interaction/stroke/creates-curve", test_stroke_creates_curve);
  add_test ("/interaction/stroke/updates-curve", test_stroke_updates_curve);
  add_test ("/interaction/stroke/needs-persona", test_stroke_needs_persona);
  add_test ("/interaction/curve/move-point", test_curve_move_point);
  add_test ("/interaction/curve/double-press-deletes", test_curve_double_press_deletes);
  add_test ("/interaction/curve/click-adds-point", test_curve_click_adds_point);
  add_test ("/interaction/header/resize-phase", test_resize_phase);
  add_test ("/interaction/header/resize-lane", test_resize_lane);
  add_test ("/interaction/header/move-phase", test_move_phase);
  add_test ("/interaction/drop/touchpoint", test_drop_touchpoint);
  add_test ("/interaction/drop/card", test_drop_card);
  add_test ("/interaction/drop/refused", test_drop_refused);
  add_test ("/interaction/keyboard/select-next", test_select_next);
  add_test ("/interaction/keyboard/select-toward", test_select_toward);
  add_test ("/interaction/keyboard/move-selection", test_move_selection);
  add_test ("/interaction/keyboard/delete", test_delete_selection);
  add_test ("/interaction/keyboard/delete-point", test_delete_point);
  add_test ("/interaction/keyboard/curve-point", test_curve_point_from_keyboard);

  return g_test_run ();
}
