/* test-layout.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Geometry without a display: the layout of a map (columns, rows, cells,
 * items), hit testing, drop targets, the curve maths behind emotion curves,
 * the viewport's zoom and scroll maths, and a smoke test of the renderer on
 * image surfaces. Small maps are built in code so the expected rectangles
 * follow from the layout's fixed sizes; the example maps check the same
 * rules on real content. */

#include <math.h>
#include <string.h>

#include <glib.h>

#include "cjm-curve-math.h"
#include "cjm-document.h"
#include "cjm-layout.h"
#include "cjm-reader.h"
#include "cjm-test-util.h"
#include "cjm-renderer.h"
#include "cjm-viewport.h"

#define EPSILON 1e-6

/* Helpers -------------------------------------------------------------- */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names of the example maps, sorted, so every test sees them all. */
static GPtrArray *
list_examples (void)
{
  g_autofree char *dir_path = cjm_test_examples_dir ();
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".cjm"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_assert_cmpuint (names->len, >, 0);
  return names;
}

static CjmDocument *
new_document (void)
{
  CjmDocument *document = cjm_document_new ();
  g_autoptr(GError) error = NULL;

  cjm_document_set (document, CJM_ENTITY (cjm_document_get_map (document)), &error,
                    "title", "Geometry", NULL);
  g_assert_no_error (error);
  return document;
}

static void
add_entity (CjmDocument *document,
            gpointer     entity)
{
  g_autoptr(GError) error = NULL;

  cjm_document_add (document, entity, -1, &error);
  g_assert_no_error (error);
}

static void
add_phase (CjmDocument *document,
           const char  *id,
           double       width)
{
  add_entity (document, g_object_new (CJM_TYPE_PHASE, "id", id, "name", id, "width", width, NULL));
}

static void
add_lane (CjmDocument *document,
          const char  *id,
          CjmLaneKind  kind,
          double       height)
{
  add_entity (document, g_object_new (CJM_TYPE_LANE, "id", id, "name", id, "kind", kind,
                                      "height", height, NULL));
}

static CjmEntity *
add_touchpoint (CjmDocument *document,
                const char  *id,
                const char  *phase,
                const char  *lane)
{
  CjmEntity *touchpoint = g_object_new (CJM_TYPE_TOUCHPOINT, "id", id, "phase", phase,
                                        "lane", lane, "title", id, NULL);

  add_entity (document, touchpoint);
  return touchpoint;
}

static CjmEntity *
add_card (CjmDocument *document,
          const char  *id,
          const char  *phase,
          const char  *lane)
{
  CjmEntity *card = g_object_new (CJM_TYPE_CARD, "id", id, "phase", phase, "lane", lane,
                                  "text", id, NULL);

  add_entity (document, card);
  return card;
}

static void
set_phase_width (CjmDocument *document,
                 const char  *phase_id,
                 double       width)
{
  g_autoptr(GError) error = NULL;

  cjm_document_set (document, cjm_document_lookup (document, phase_id), &error,
                    "width", width, NULL);
  g_assert_no_error (error);
}

static gboolean
rect_inside (const CjmRect *inner,
             const CjmRect *outer)
{
  return inner->x >= outer->x - EPSILON && inner->y >= outer->y - EPSILON
         && inner->x + inner->width <= outer->x + outer->width + EPSILON
         && inner->y + inner->height <= outer->y + outer->height + EPSILON;
}

static void
rect_center (const CjmRect *rect,
             double        *x,
             double        *y)
{
  *x = rect->x + rect->width / 2;
  *y = rect->y + rect->height / 2;
}

static int
lane_of_kind (CjmDocument *document,
              CjmLaneKind  kind)
{
  GPtrArray *lanes = cjm_document_get_lanes (document);

  for (guint i = 0; i < lanes->len; i++)
    if (cjm_lane_get_kind (g_ptr_array_index (lanes, i)) == kind)
      return (int) i;
  return -1;
}

/* Every item lies inside its cell, no two items of a cell overlap, and a
 * hit test at an item's centre finds that item. */
static void
assert_items_well_placed (CjmLayout *layout)
{
  for (guint phase = 0; phase < cjm_layout_get_n_phases (layout); phase++)
    for (guint lane = 0; lane < cjm_layout_get_n_lanes (layout); lane++)
      {
        CjmRect cell;
        guint n;
        const CjmLayoutItem *items = cjm_layout_get_cell_items (layout, phase, lane, &n);

        cjm_layout_get_cell_rect (layout, phase, lane, &cell);
        for (guint i = 0; i < n; i++)
          {
            CjmHit hit;
            double x, y;

            g_assert_true (rect_inside (&items[i].rect, &cell));
            g_assert_cmpfloat (items[i].rect.width, >, 0);
            g_assert_cmpfloat (items[i].rect.height, >, 0);
            g_assert_cmpuint (items[i].phase, ==, phase);
            g_assert_cmpuint (items[i].lane, ==, lane);
            g_assert_cmpuint (items[i].position, ==, i);
            for (guint j = i + 1; j < n; j++)
              g_assert_false (cjm_rect_intersects (&items[i].rect, &items[j].rect));

            rect_center (&items[i].rect, &x, &y);
            cjm_layout_hit_test (layout, x, y, 4, &hit);
            g_assert_cmpint (hit.kind, ==, CJM_HIT_ITEM);
            g_assert_true (hit.entity == items[i].entity);
            g_assert_cmpint (hit.phase, ==, (int) phase);
            g_assert_cmpint (hit.lane, ==, (int) lane);
          }
      }
}

/* A map of three phases (300, 200 and 550 wide) and five lanes: actions,
 * touchpoints, emotion, pain points and notes. */
static CjmDocument *
new_grid (void)
{
  CjmDocument *document = new_document ();

  add_phase (document, "p0", 300);
  add_phase (document, "p1", 200);
  add_phase (document, "p2", 550);
  add_lane (document, "actions", CJM_LANE_ACTIONS, 100);
  add_lane (document, "touch", CJM_LANE_TOUCHPOINTS, 110);
  add_lane (document, "emotion", CJM_LANE_EMOTION, 40);
  add_lane (document, "pain", CJM_LANE_PAIN_POINTS, 90);
  add_lane (document, "notes", CJM_LANE_NOTES, 60);
  return document;
}

/* Layout geometry -------------------------------------------------------- */

static void
test_grid_columns (void)
{
  g_autoptr(CjmDocument) document = new_grid ();
  g_autoptr(CjmLayout) layout = cjm_layout_new (document);
  g_autoptr(CjmLayout) reordered = NULL;
  const double widths[] = { 300, 200, 550 };
  double x = CJM_LAYOUT_LANE_HEADER_WIDTH;
  CjmRect rect;

  g_assert_cmpuint (cjm_layout_get_n_phases (layout), ==, 3);
  g_assert_cmpuint (cjm_layout_get_n_lanes (layout), ==, 5);
  for (guint i = 0; i < 3; i++)
    {
      cjm_layout_get_phase_rect (layout, i, &rect);
      g_assert_cmpfloat_with_epsilon (rect.x, x, EPSILON);
      g_assert_cmpfloat_with_epsilon (rect.width, widths[i], EPSILON);
      g_assert_cmpfloat_with_epsilon (rect.y, 0, EPSILON);
      g_assert_cmpfloat_with_epsilon (rect.height, cjm_layout_get_height (layout), EPSILON);
      x += widths[i];
    }
  g_assert_cmpfloat_with_epsilon (cjm_layout_get_width (layout), x, EPSILON);

  /* the columns follow the document's order of phases */
  g_assert_true (cjm_document_reorder (document, cjm_document_lookup (document, "p2"), 0));
  reordered = cjm_layout_new (document);
  cjm_layout_get_phase_rect (reordered, 0, &rect);
  g_assert_cmpfloat_with_epsilon (rect.x, CJM_LAYOUT_LANE_HEADER_WIDTH, EPSILON);
  g_assert_cmpfloat_with_epsilon (rect.width, 550, EPSILON);
  cjm_layout_get_phase_rect (reordered, 1, &rect);
  g_assert_cmpfloat_with_epsilon (rect.x, CJM_LAYOUT_LANE_HEADER_WIDTH + 550, EPSILON);
  g_assert_cmpfloat_with_epsilon (rect.width, 300, EPSILON);
  g_assert_cmpfloat_with_epsilon (cjm_layout_get_width (reordered), x, EPSILON);
}

static void
test_grid_lanes_grow (void)
{
  g_autoptr(CjmDocument) document = new_grid ();
  g_autoptr(CjmLayout) layout = NULL;
  double expected[5];
  double y = CJM_LAYOUT_PHASE_HEADER_HEIGHT;

  /* seven touchpoints in a 300 wide phase: one column of seven rows; two
   * in the 550 wide phase fit one row */
  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *id = g_strdup_printf ("tp-%u", i);

      add_touchpoint (document, id, "p0", "touch");
    }
  add_touchpoint (document, "tp-wide-0", "p2", "touch");
  add_touchpoint (document, "tp-wide-1", "p2", "touch");
  /* three cards in the 550 wide phase: three columns, one row; four in
   * the 200 wide phase: four rows */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("pain-%u", i);

      add_card (document, id, "p2", "pain");
    }
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("note-%u", i);

      add_card (document, id, "p1", "notes");
    }

  layout = cjm_layout_new (document);
  expected[0] = 100;
  expected[1] = 2 * CJM_LAYOUT_PADDING + 7 * CJM_LAYOUT_TOUCHPOINT_HEIGHT + 6 * CJM_LAYOUT_GAP;
  expected[2] = 180;   /* an emotion lane's least height */
  expected[3] = MAX (90, 2 * CJM_LAYOUT_PADDING + CJM_LAYOUT_CARD_HEIGHT);
  expected[4] = 2 * CJM_LAYOUT_PADDING + 4 * CJM_LAYOUT_CARD_HEIGHT + 3 * CJM_LAYOUT_GAP;

  for (guint i = 0; i < 5; i++)
    {
      CjmRect rect;

      cjm_layout_get_lane_rect (layout, i, &rect);
      g_assert_cmpfloat_with_epsilon (rect.y, y, EPSILON);
      g_assert_cmpfloat_with_epsilon (rect.height, expected[i], EPSILON);
      g_assert_cmpfloat_with_epsilon (rect.x, 0, EPSILON);
      g_assert_cmpfloat_with_epsilon (rect.width, cjm_layout_get_width (layout), EPSILON);
      y += expected[i];
    }
  g_assert_cmpfloat_with_epsilon (cjm_layout_get_height (layout), y, EPSILON);
  g_assert_cmpuint (cjm_layout_get_n_items (layout), ==, 16);
  assert_items_well_placed (layout);
}

static void
test_items_wrap_in_order (void)
{
  g_autoptr(CjmDocument) document = new_grid ();
  g_autoptr(CjmLayout) layout = NULL;
  g_autoptr(GPtrArray) in_cell = g_ptr_array_new ();
  const CjmLayoutItem *items;
  double inner = 550 - 2 * CJM_LAYOUT_PADDING;
  guint cols = (guint) floor ((inner + CJM_LAYOUT_GAP) / (CJM_LAYOUT_ITEM_WIDTH + CJM_LAYOUT_GAP));
  double w, left, top;
  CjmRect cell;
  guint n;

  /* items of one cell, added between items of other cells */
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *id = g_strdup_printf ("tp-%u", i);
      g_autofree char *other = g_strdup_printf ("other-%u", i);

      g_ptr_array_add (in_cell, add_touchpoint (document, id, "p2", "touch"));
      add_touchpoint (document, other, i % 2 == 0 ? "p0" : "p1", "touch");
    }
  /* and one moved to the front of the list, so first in its cell */
  g_assert_true (cjm_document_reorder (document, g_ptr_array_index (in_cell, 5), 0));
  g_ptr_array_insert (in_cell, 0, g_ptr_array_steal_index (in_cell, 5));

  layout = cjm_layout_new (document);
  g_assert_cmpuint (cols, ==, 3);
  w = MIN (CJM_LAYOUT_ITEM_MAX_WIDTH, (inner - (cols - 1) * CJM_LAYOUT_GAP) / cols);
  g_assert_cmpfloat (w, >=, CJM_LAYOUT_ITEM_WIDTH);
  cjm_layout_get_cell_rect (layout, 2, 1, &cell);
  left = cell.x + CJM_LAYOUT_PADDING;
  top = cell.y + CJM_LAYOUT_PADDING;

  items = cjm_layout_get_cell_items (layout, 2, 1, &n);
  g_assert_cmpuint (n, ==, 8);
  for (guint i = 0; i < n; i++)
    {
      const CjmLayoutItem *found = cjm_layout_find_item (layout, g_ptr_array_index (in_cell, i));

      g_assert_true (items[i].entity == g_ptr_array_index (in_cell, i));
      g_assert_true (found == &items[i]);
      g_assert_cmpuint (items[i].position, ==, i);
      double x = left + (i % cols) * (w + CJM_LAYOUT_GAP);
      double y = top + (i / cols) * (CJM_LAYOUT_TOUCHPOINT_HEIGHT + CJM_LAYOUT_GAP);

      g_assert_cmpfloat_with_epsilon (items[i].rect.x, x, EPSILON);
      g_assert_cmpfloat_with_epsilon (items[i].rect.y, y, EPSILON);
      g_assert_cmpfloat_with_epsilon (items[i].rect.width, w, EPSILON);
      g_assert_cmpfloat_with_epsilon (items[i].rect.height, CJM_LAYOUT_TOUCHPOINT_HEIGHT, EPSILON);
    }

  /* the item list runs lane by lane, within a lane phase by phase */
  for (guint i = 1; i < cjm_layout_get_n_items (layout); i++)
    {
      const CjmLayoutItem *a = cjm_layout_get_item (layout, i - 1);
      const CjmLayoutItem *b = cjm_layout_get_item (layout, i);

      g_assert_true (a->lane < b->lane || (a->lane == b->lane && a->phase < b->phase)
                     || (a->lane == b->lane && a->phase == b->phase
                         && a->position + 1 == b->position));
    }
  g_assert_null (cjm_layout_find_item (layout, NULL));
  assert_items_well_placed (layout);
}

static void
test_emotion_lane_min_height (void)
{
  g_autoptr(CjmDocument) document = new_grid ();
  g_autoptr(CjmLayout) layout = cjm_layout_new (document);
  g_autoptr(CjmLayout) tall = NULL;
  g_autoptr(GError) error = NULL;
  CjmRect rect;

  cjm_layout_get_lane_rect (layout, 2, &rect);
  g_assert_cmpfloat_with_epsilon (rect.height, 180, EPSILON);
  /* the other lanes keep their height when nothing needs more */
  cjm_layout_get_lane_rect (layout, 4, &rect);
  g_assert_cmpfloat_with_epsilon (rect.height, 60, EPSILON);

  cjm_document_set (document, cjm_document_lookup (document, "emotion"), &error,
                    "height", 260.0, NULL);
  g_assert_no_error (error);
  tall = cjm_layout_new (document);
  cjm_layout_get_lane_rect (tall, 2, &rect);
  g_assert_cmpfloat_with_epsilon (rect.height, 260, EPSILON);
}

static void
test_phase_resize_never_strands (void)
{
  g_autoptr(CjmDocument) document = new_grid ();
  const double widths[] = { 60, 61, 100, 159, 184, 193, 194, 300, 353, 354, 527, 700, 1000, 4000 };

  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *tp = g_strdup_printf ("tp-%u", i);
      g_autofree char *card = g_strdup_printf ("card-%u", i);

      add_touchpoint (document, tp, "p1", "touch");
      add_card (document, card, "p1", i % 2 == 0 ? "actions" : "notes");
    }

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autoptr(CjmLayout) layout = NULL;
      CjmRect phase;

      set_phase_width (document, "p1", widths[i]);
      layout = cjm_layout_new (document);
      g_assert_cmpuint (cjm_layout_get_n_items (layout), ==, 14);
      cjm_layout_get_phase_rect (layout, 1, &phase);
      g_assert_cmpfloat_with_epsilon (phase.width, widths[i], EPSILON);
      for (guint k = 0; k < cjm_layout_get_n_items (layout); k++)
        g_assert_cmpuint (cjm_layout_get_item (layout, k)->phase, ==, 1);
      assert_items_well_placed (layout);
    }
}

static void
test_empty_map (void)
{
  g_autoptr(CjmDocument) document = new_document ();
  g_autoptr(CjmLayout) layout = cjm_layout_new (document);
  g_autoptr(CjmLayout) only_phases = NULL;
  g_autoptr(CjmLayout) only_lanes = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  CjmRect everything = { -100, -100, 10000, 10000 };
  CjmDropTarget target;
  CjmHit hit;

  g_assert_cmpfloat_with_epsilon (cjm_layout_get_width (layout), CJM_LAYOUT_LANE_HEADER_WIDTH,
                                  EPSILON);
  g_assert_cmpfloat_with_epsilon (cjm_layout_get_height (layout), CJM_LAYOUT_PHASE_HEADER_HEIGHT,
                                  EPSILON);
  g_assert_cmpuint (cjm_layout_get_n_phases (layout), ==, 0);
  g_assert_cmpuint (cjm_layout_get_n_lanes (layout), ==, 0);
  g_assert_cmpuint (cjm_layout_get_n_items (layout), ==, 0);
  g_assert_cmpuint (cjm_layout_get_n_curves (layout), ==, 0);
  g_assert_cmpint (cjm_layout_phase_at (layout, 200), ==, -1);
  g_assert_cmpint (cjm_layout_lane_at (layout, 100), ==, -1);

  cjm_layout_hit_test (layout, 10, 10, 4, &hit);
  g_assert_cmpint (hit.kind, ==, CJM_HIT_CORNER);
  cjm_layout_hit_test (layout, 300, 300, 4, &hit);
  g_assert_cmpint (hit.kind, ==, CJM_HIT_NONE);
  g_assert_null (hit.entity);
  g_assert_false (cjm_layout_drop_target (layout, CJM_TYPE_TOUCHPOINT, 300, 300, &target));
  cjm_layout_items_in_rect (layout, &everything, found);
  g_assert_cmpuint (found->len, ==, 0);

  add_phase (document, "p0", 300);
  only_phases = cjm_layout_new (document);
  g_assert_cmpfloat_with_epsilon (cjm_layout_get_width (only_phases), 476, EPSILON);
  g_assert_cmpint (cjm_layout_phase_at (only_phases, 300), ==, 0);
  g_assert_cmpint (cjm_layout_lane_at (only_phases, 100), ==, -1);
  cjm_layout_hit_test (only_phases, 300, 30, 4, &hit);
  g_assert_cmpint (hit.kind, ==, CJM_HIT_PHASE_HEADER);
  g_assert_false (cjm_layout_drop_target (only_phases, CJM_TYPE_CARD, 300, 100, &target));
  cjm_layout_items_in_rect (only_phases, &everything, found);
  g_assert_cmpuint (found->len, ==, 0);

  g_assert_true (cjm_document_undo (document));
  add_lane (document, "notes", CJM_LANE_NOTES, 100);
  only_lanes = cjm_layout_new (document);
  g_assert_cmpuint (cjm_layout_get_n_phases (only_lanes), ==, 0);
  g_assert_cmpfloat_with_epsilon (cjm_layout_get_height (only_lanes), 172, EPSILON);
  cjm_layout_hit_test (only_lanes, 50, 120, 4, &hit);
  g_assert_cmpint (hit.kind, ==, CJM_HIT_LANE_HEADER);
  g_assert_false (cjm_layout_drop_target (only_lanes, CJM_TYPE_CARD, 300, 120, &target));
  cjm_layout_items_in_rect (only_lanes, &everything, found);
  g_assert_cmpuint (found->len, ==, 0);
}

/* Hit testing -------------------------------------------------------------- */

static void
test_phase_lane_at_edges (void)
{
  g_autoptr(CjmDocument) document = new_grid ();
  g_autoptr(CjmLayout) layout = cjm_layout_new (document);
  double width = cjm_layout_get_width (layout);
  double height = cjm_layout_get_height (layout);
  guint n_lanes = cjm_layout_get_n_lanes (layout);

  g_assert_cmpint (cjm_layout_phase_at (layout, -1), ==, -1);
  g_assert_cmpint (cjm_layout_phase_at (layout, CJM_LAYOUT_LANE_HEADER_WIDTH - 0.001), ==, -1);
  g_assert_cmpint (cjm_layout_phase_at (layout, CJM_LAYOUT_LANE_HEADER_WIDTH), ==, 0);
  g_assert_cmpint (cjm_layout_phase_at (layout, 476 - 0.001), ==, 0);
  g_assert_cmpint (cjm_layout_phase_at (layout, 476), ==, 1);
  g_assert_cmpint (cjm_layout_phase_at (layout, 676 - 0.001), ==, 1);
  g_assert_cmpint (cjm_layout_phase_at (layout, 676), ==, 2);
  g_assert_cmpint (cjm_layout_phase_at (layout, width - 0.001), ==, 2);
  g_assert_cmpint (cjm_layout_phase_at (layout, width), ==, -1);
  g_assert_cmpint (cjm_layout_phase_at (layout, width + 1000), ==, -1);

  g_assert_cmpint (cjm_layout_lane_at (layout, -1), ==, -1);
  g_assert_cmpint (cjm_layout_lane_at (layout, CJM_LAYOUT_PHASE_HEADER_HEIGHT - 0.001), ==, -1);
  g_assert_cmpint (cjm_layout_lane_at (layout, CJM_LAYOUT_PHASE_HEADER_HEIGHT), ==, 0);
  for (guint i = 1; i < n_lanes; i++)
    {
      CjmRect rect;

      cjm_layout_get_lane_rect (layout, i, &rect);
      g_assert_cmpint (cjm_layout_lane_at (layout, rect.y - 0.001), ==, (int) i - 1);
      g_assert_cmpint (cjm_layout_lane_at (layout, rect.y), ==, (int) i);
    }
  g_assert_cmpint (cjm_layout_lane_at (layout, height - 0.001), ==, (int) n_lanes - 1);
  g_assert_cmpint (cjm_layout_lane_at (layout, height), ==, -1);
}

static void
test_hit_headers_and_borders (void)
{
  g_autoptr(CjmDocument) document = cjm_test_load_example ("fietsabonnement.cjm");
  g_autoptr(CjmLayout) layout = cjm_layout_new (document);
  GPtrArray *phases = cjm_document_get_phases (document);
  GPtrArray *lanes = cjm_document_get_lanes (document);
  guint n_phases = cjm_layout_get_n_phases (layout);
  guint n_lanes = cjm_layout_get_n_lanes (layout);
  CjmHit hit;

  cjm_layout_hit_test (layout, 10, 10, 4, &hit);
  g_assert_cmpint (hit.kind, ==, CJM_HIT_CORNER);
  g_assert_null (hit.entity);
  cjm_layout_hit_test (layout, CJM_LAYOUT_LANE_HEADER_WIDTH - 1, CJM_LAYOUT_PHASE_HEADER_HEIGHT - 1,
                       4, &hit);
  g_assert_cmpint (hit.kind, ==, CJM_HIT_CORNER);

  for (guint i = 0; i < n_phases; i++)
    {
      CjmRect rect;

      cjm_layout_get_phase_rect (layout, i, &rect);
      cjm_layout_hit_test (layout, rect.x + rect.width / 2, CJM_LAYOUT_PHASE_HEADER_HEIGHT / 2, 4,
                           &hit);
      g_assert_cmpint (hit.kind, ==, CJM_HIT_PHASE_HEADER);
      g_assert_true (hit.entity == g_ptr_array_index (phases, i));
      g_assert_cmpint (hit.phase, ==, (int) i);
      g_assert_cmpint (hit.lane, ==, -1);

      /* the right edge resizes this phase, from either side of the line */
      cjm_layout_hit_test (layout, rect.x + rect.width - 2, 30, 4, &hit);
      g_assert_cmpint (hit.kind, ==, CJM_HIT_PHASE_BORDER);
      g_assert_true (hit.entity == g_ptr_array_index (phases, i));
      g_assert_cmpint (hit.phase, ==, (int) i);
      if (i + 1 < n_phases)
        {
          cjm_layout_hit_test (layout, rect.x + rect.width + 2, 30, 4, &hit);
          g_assert_cmpint (hit.kind, ==, CJM_HIT_PHASE_BORDER);
          g_assert_true (hit.entity == g_ptr_array_index (phases, i));
          g_assert_cmpint (hit.phase, ==, (int) i);
        }
      /* the first phase has no border on its left to drag */
      if (i == 0)
        {
          cjm_layout_hit_test (layout, rect.x + 2, 30, 4, &hit);
          g_assert_cmpint (hit.kind, ==, CJM_HIT_PHASE_HEADER);
          g_assert_cmpint (hit.phase, ==, 0);
        }
      /* a wider tolerance (zoomed out) widens the grip */
      cjm_layout_hit_test (layout, rect.x + rect.width - 15, 30, 20, &hit);
      g_assert_cmpint (hit.kind, ==, CJM_HIT_PHASE_BORDER);
      cjm_layout_hit_test (layout, rect.x + rect.width - 15, 30, 4, &hit);
      g_assert_cmpint (hit.kind, ==, CJM_HIT_PHASE_HEADER);
    }

  for (guint i = 0; i < n_lanes; i++)
    {
      CjmRect rect;

      cjm_layout_get_lane_rect (layout, i, &rect);
      cjm_layout_hit_test (layout, CJM_LAYOUT_LANE_HEADER_WIDTH / 2, rect.y + rect.height / 2, 4,
                           &hit);
      g_assert_cmpint (hit.kind, ==, CJM_HIT_LANE_HEADER);
      g_assert_true (hit.entity == g_ptr_array_index (lanes, i));
      g_assert_cmpint (hit.lane, ==, (int) i);
      g_assert_cmpint (hit.phase, ==, -1);

      cjm_layout_hit_test (layout, 40, rect.y + rect.height - 2, 4, &hit);
      g_assert_cmpint (hit.kind, ==, CJM_HIT_LANE_BORDER);
      g_assert_true (hit.entity == g_ptr_array_index (lanes, i));
      g_assert_cmpint (hit.lane, ==, (int) i);
      if (i + 1 < n_lanes)
        {
          cjm_layout_hit_test (layout, 40, rect.y + rect.height + 2, 4, &hit);
          g_assert_cmpint (hit.kind, ==, CJM_HIT_LANE_BORDER);
          g_assert_true (hit.entity == g_ptr_array_index (lanes, i));
          g_assert_cmpint (hit.lane, ==, (int) i);
        }
      if (i == 0)
        {
          cjm_layout_hit_test (layout, 40, rect.y + 2, 4, &hit);
          g_assert_cmpint (hit.kind, ==, CJM_HIT_LANE_HEADER);
        }
    }
}

static void
test_hit_items_cells_outside (void)
{
  g_autoptr(GPtrArray) names = list_examples ();

  for (guint e = 0; e < names->len; e++)
    {
      g_autoptr(CjmDocument) document = cjm_test_load_example (g_ptr_array_index (names, e));
      g_autoptr(CjmLayout) layout = cjm_layout_new (document);
      int notes = lane_of_kind (document, CJM_LANE_NOTES);
      double width = cjm_layout_get_width (layout);
      double height = cjm_layout_get_height (layout);
      const double outside[][2] = {
        { -5, 100 }, { 100, -5 }, { width + 5, 100 }, { 100, height + 5 }, { width, height },
        { -1e9, -1e9 }, { 1e9, 1e9 },
      };
      CjmHit hit;

      assert_items_well_placed (layout);

      /* the gaps between items and the padding of a cell are the cell */
      for (guint i = 0; i < cjm_layout_get_n_items (layout); i++)
        {
          const CjmLayoutItem *item = cjm_layout_get_item (layout, i);
          double x = item->rect.x - CJM_LAYOUT_GAP / 2;
          double y = item->rect.y + item->rect.height / 2;

          if ((int) item->lane == lane_of_kind (document, CJM_LANE_EMOTION))
            continue;
          cjm_layout_hit_test (layout, x, y, 4, &hit);
          g_assert_cmpint (hit.kind, ==, CJM_HIT_CELL);
          g_assert_null (hit.entity);
          g_assert_cmpint (hit.phase, ==, (int) item->phase);
          g_assert_cmpint (hit.lane, ==, (int) item->lane);
        }

      /* an empty cell */
      for (guint p = 0; notes >= 0 && p < cjm_layout_get_n_phases (layout); p++)
        {
          guint n;
          CjmRect cell;

          cjm_layout_get_cell_items (layout, p, (guint) notes, &n);
          if (n > 0)
            continue;
          cjm_layout_get_cell_rect (layout, p, (guint) notes, &cell);
          cjm_layout_hit_test (layout, cell.x + cell.width / 2, cell.y + cell.height / 2, 4, &hit);
          g_assert_cmpint (hit.kind, ==, CJM_HIT_CELL);
          g_assert_cmpint (hit.phase, ==, (int) p);
          g_assert_cmpint (hit.lane, ==, notes);
        }

      for (guint i = 0; i < G_N_ELEMENTS (outside); i++)
        {
          cjm_layout_hit_test (layout, outside[i][0], outside[i][1], 4, &hit);
          g_assert_cmpint (hit.kind, ==, CJM_HIT_NONE);
          g_assert_null (hit.entity);
          g_assert_cmpint (hit.point, ==, -1);
        }
    }
}

/* Which curve point lies at a map point, by brute force. */
static gboolean
curve_point_near (CjmLayout *layout,
                  CjmEntity *curve,
                  int        index,
                  double     x,
                  double     y,
                  double     distance)
{
  for (guint c = 0; c < cjm_layout_get_n_curves (layout); c++)
    {
      const CjmLayoutCurve *lc = cjm_layout_get_curve (layout, c);

      if (CJM_ENTITY (lc->curve) != curve)
        continue;
      for (guint i = 0; i < lc->n_points; i++)
        if ((int) lc->source_index[i] == index)
          return hypot (lc->points[i].x - x, lc->points[i].y - y) <= distance;
    }
  return FALSE;
}

static void
test_hit_curve_points (void)
{
  g_autoptr(GPtrArray) names = list_examples ();
  guint tested = 0;

  for (guint e = 0; e < names->len; e++)
    {
      g_autoptr(CjmDocument) document = cjm_test_load_example (g_ptr_array_index (names, e));
      g_autoptr(CjmLayout) layout = cjm_layout_new (document);
      int emotion = lane_of_kind (document, CJM_LANE_EMOTION);

      for (guint c = 0; c < cjm_layout_get_n_curves (layout); c++)
        {
          const CjmLayoutCurve *curve = cjm_layout_get_curve (layout, c);
          GPtrArray *points = cjm_curve_get_points (curve->curve);

          g_assert_cmpuint (curve->lane, ==, (guint) emotion);
          for (guint i = 0; i < curve->n_points; i++)
            {
              const CjmCurvePoint *source = g_ptr_array_index (points, curve->source_index[i]);
              CjmHit hit;

              /* laid out where its value says */
              double y = cjm_layout_value_to_y (layout, curve->lane, source->value);

              g_assert_cmpfloat_with_epsilon (curve->points[i].y, y, EPSILON);
              /* from left to right, never two at one x: no vertical steps */
              if (i > 0)
                g_assert_cmpfloat (curve->points[i - 1].x, <, curve->points[i].x);
              if (curve->points[i].x >= cjm_layout_get_width (layout))
                continue;

              cjm_layout_hit_test (layout, curve->points[i].x + 1, curve->points[i].y - 1, 4, &hit);
              g_assert_cmpint (hit.kind, ==, CJM_HIT_CURVE_POINT);
              g_assert_true (CJM_IS_CURVE (hit.entity));
              g_assert_cmpint (hit.point, >=, 0);
              g_assert_cmpint (hit.lane, ==, emotion);
              /* coinciding points of two curves may answer for each other */
              g_assert_true (curve_point_near (layout, hit.entity, hit.point,
                                               curve->points[i].x, curve->points[i].y, 8 + 2));
              tested++;
            }
        }
    }
  g_assert_cmpuint (tested, >, 0);
}

/* Every point on a drawn curve segment, not only the ones the hit test
 * happens to sample, counts as on the curve. */
static void
test_hit_curves (void)
{
  g_autoptr(GPtrArray) names = list_examples ();
  guint tested = 0;

  for (guint e = 0; e < names->len; e++)
    {
      g_autoptr(CjmDocument) document = cjm_test_load_example (g_ptr_array_index (names, e));
      g_autoptr(CjmLayout) layout = cjm_layout_new (document);
      guint misses = 0, here = 0;
      double first_x = 0, first_y = 0;

      for (guint c = 0; c < cjm_layout_get_n_curves (layout); c++)
        {
          const CjmLayoutCurve *curve = cjm_layout_get_curve (layout, c);

          for (guint k = 0; k + 1 < curve->n_points; k++)
            for (guint s = 1; s < 64; s++)
              {
                CjmPoint p;
                CjmHit hit;

                cjm_curve_bezier_point (&curve->points[k], &curve->controls[2 * k],
                                        &curve->controls[2 * k + 1], &curve->points[k + 1],
                                        s / 64.0, &p);
                if (p.x >= cjm_layout_get_width (layout))
                  continue;
                cjm_layout_hit_test (layout, p.x, p.y, 4, &hit);
                here++;
                if (hit.kind != CJM_HIT_CURVE && hit.kind != CJM_HIT_CURVE_POINT)
                  {
                    if (misses++ == 0)
                      {
                        first_x = p.x;
                        first_y = p.y;
                      }
                  }
                else
                  g_assert_true (CJM_IS_CURVE (hit.entity));
              }
        }
      if (misses > 0)
        g_test_message ("%s: %u of %u points on curves not hit at tolerance 4, "
                        "first at (%.1f, %.1f)", (const char *) g_ptr_array_index (names, e),
                        misses, here, first_x, first_y);
      g_assert_cmpuint (misses, ==, 0);
      tested += here;
    }
  g_assert_cmpuint (tested, >, 0);
}

static void
test_hit_curve_away (void)
{
  g_autoptr(CjmDocument) document = cjm_test_load_example ("fietsabonnement.cjm");
  g_autoptr(CjmLayout) layout = cjm_layout_new (document);
  int emotion = lane_of_kind (document, CJM_LANE_EMOTION);
  CjmRect cell;
  CjmHit hit;

  /* left of every curve, in the emotion lane: the cell */
  cjm_layout_get_cell_rect (layout, 0, (guint) emotion, &cell);
  cjm_layout_hit_test (layout, cell.x + 10, cell.y + cell.height / 2, 4, &hit);
  g_assert_cmpint (hit.kind, ==, CJM_HIT_CELL);
  g_assert_cmpint (hit.lane, ==, emotion);
  g_assert_cmpint (hit.point, ==, -1);
}

/* Drop targets ------------------------------------------------------------ */

static void
test_drop_positions (void)
{
  g_autoptr(CjmDocument) document = new_grid ();
  g_autoptr(CjmLayout) layout = NULL;
  const CjmLayoutItem *items;
  CjmDropTarget target;
  CjmRect cell;
  guint n;
  struct
  {
    guint  item;     /* over which item */
    double across;   /* where across it, 0..1 */
    guint  position;
  } cases[] = {
    { 0, 0.1, 0 }, { 0, 0.9, 1 }, { 1, 0.2, 1 }, { 1, 0.8, 2 },
    { 2, 0.3, 2 }, { 2, 0.9, 3 },  /* the end of the first row */
    { 3, 0.1, 3 }, { 3, 0.9, 4 }, { 4, 0.4, 4 }, { 4, 0.6, 5 },
  };

  /* five touchpoints in three columns: a full row and two */
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("tp-%u", i);

      add_touchpoint (document, id, "p2", "touch");
    }
  layout = cjm_layout_new (document);
  items = cjm_layout_get_cell_items (layout, 2, 1, &n);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpfloat_with_epsilon (items[3].rect.x, items[0].rect.x, EPSILON);
  g_assert_cmpfloat (items[3].rect.y, >, items[0].rect.y);
  cjm_layout_get_cell_rect (layout, 2, 1, &cell);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const CjmRect *r = &items[cases[i].item].rect;

      g_assert_true (cjm_layout_drop_target (layout, CJM_TYPE_TOUCHPOINT,
                                             r->x + cases[i].across * r->width,
                                             r->y + r->height / 2, &target));
      g_assert_cmpuint (target.phase, ==, 2);
      g_assert_cmpuint (target.lane, ==, 1);
      g_assert_cmpuint (target.position, ==, cases[i].position);
      g_assert_cmpmem (&target.cell, sizeof target.cell, &cell, sizeof cell);
      g_assert_true (rect_inside (&target.indicator, &cell));

      /* the indicator stands just before the item it names, or after the last */
      if (target.position < n)
        {
          const CjmRect *before = &items[target.position].rect;

          g_assert_cmpfloat (target.indicator.x, <, before->x);
          g_assert_cmpfloat (target.indicator.x, >, before->x - CJM_LAYOUT_GAP);
          g_assert_cmpfloat_with_epsilon (target.indicator.y, before->y, EPSILON);
        }
      else
        {
          const CjmRect *last = &items[n - 1].rect;

          g_assert_cmpfloat (target.indicator.x, >=, last->x + last->width);
          g_assert_cmpfloat_with_epsilon (target.indicator.y, last->y, EPSILON);
        }
    }

  /* the free slot after the last item, and below all rows: the end */
  g_assert_true (cjm_layout_drop_target (layout, CJM_TYPE_TOUCHPOINT,
                                         items[2].rect.x + items[2].rect.width / 2,
                                         items[4].rect.y + items[4].rect.height / 2, &target));
  g_assert_cmpuint (target.position, ==, 5);
  g_assert_true (cjm_layout_drop_target (layout, CJM_TYPE_TOUCHPOINT, cell.x + 20,
                                         cell.y + cell.height - 2, &target));
  g_assert_cmpuint (target.position, ==, 5);
  /* the padding above the first row: the start */
  g_assert_true (cjm_layout_drop_target (layout, CJM_TYPE_TOUCHPOINT, cell.x + 2, cell.y + 2,
                                         &target));
  g_assert_cmpuint (target.position, ==, 0);

  /* an empty cell takes the item first */
  g_assert_true (cjm_layout_drop_target (layout, CJM_TYPE_TOUCHPOINT, 300, 150 + 72, &target));
  g_assert_cmpuint (target.phase, ==, 0);
  g_assert_cmpuint (target.lane, ==, 1);
  g_assert_cmpuint (target.position, ==, 0);
  cjm_layout_get_cell_rect (layout, 0, 1, &cell);
  g_assert_true (rect_inside (&target.indicator, &cell));
}

static void
test_drop_refused (void)
{
  g_autoptr(CjmDocument) document = new_grid ();
  g_autoptr(CjmLayout) layout = cjm_layout_new (document);
  const char *lane_ids[] = { "actions", "touch", "emotion", "pain", "notes" };
  const gboolean touchpoint_ok[] = { FALSE, TRUE, FALSE, FALSE, FALSE };
  const gboolean card_ok[] = { TRUE, FALSE, FALSE, TRUE, TRUE };
  CjmDropTarget target;

  for (guint lane = 0; lane < G_N_ELEMENTS (lane_ids); lane++)
    for (guint phase = 0; phase < 3; phase++)
      {
        CjmRect cell;
        double x, y;

        cjm_layout_get_cell_rect (layout, phase, lane, &cell);
        rect_center (&cell, &x, &y);
        g_assert_cmpint (cjm_layout_drop_target (layout, CJM_TYPE_TOUCHPOINT, x, y, &target), ==,
                         touchpoint_ok[lane]);
        g_assert_cmpint (cjm_layout_drop_target (layout, CJM_TYPE_CARD, x, y, &target), ==,
                         card_ok[lane]);
        g_assert_cmpint (cjm_document_can_place (document, CJM_TYPE_CARD, lane_ids[lane]), ==,
                         card_ok[lane]);
        /* nothing else can be dropped at all */
        g_assert_false (cjm_layout_drop_target (layout, CJM_TYPE_PHASE, x, y, &target));
      }

  /* nor on the headers or outside */
  g_assert_false (cjm_layout_drop_target (layout, CJM_TYPE_CARD, 300, 30, &target));
  g_assert_false (cjm_layout_drop_target (layout, CJM_TYPE_CARD, 50, 120, &target));
  g_assert_false (cjm_layout_drop_target (layout, CJM_TYPE_CARD, -10, 120, &target));
  g_assert_false (cjm_layout_drop_target (layout, CJM_TYPE_CARD, 300,
                                          cjm_layout_get_height (layout) + 1, &target));
}

/* Rubber band ------------------------------------------------------------ */

static void
test_items_in_rect (void)
{
  g_autoptr(GPtrArray) names = list_examples ();

  for (guint e = 0; e < names->len; e++)
    {
      g_autoptr(CjmDocument) document = cjm_test_load_example (g_ptr_array_index (names, e));
      g_autoptr(CjmLayout) layout = cjm_layout_new (document);
      double width = cjm_layout_get_width (layout);
      double height = cjm_layout_get_height (layout);

      for (guint r = 0; r < 500; r++)
        {
          g_autoptr(GPtrArray) found = g_ptr_array_new ();
          g_autoptr(GHashTable) expected = g_hash_table_new (NULL, NULL);
          CjmRect area;

          area.x = g_test_rand_double_range (-100, width + 100);
          area.y = g_test_rand_double_range (-100, height + 100);
          area.width = g_test_rand_double_range (0.5, r % 10 == 0 ? 2000 : 300);
          area.height = g_test_rand_double_range (0.5, r % 10 == 0 ? 2000 : 300);

          for (guint i = 0; i < cjm_layout_get_n_items (layout); i++)
            if (cjm_rect_intersects (&cjm_layout_get_item (layout, i)->rect, &area))
              g_hash_table_add (expected, cjm_layout_get_item (layout, i)->entity);

          cjm_layout_items_in_rect (layout, &area, found);
          g_assert_cmpuint (found->len, ==, g_hash_table_size (expected));
          for (guint i = 0; i < found->len; i++)
            g_assert_true (g_hash_table_contains (expected, g_ptr_array_index (found, i)));
        }
    }
}

/* The emotion scale --------------------------------------------------------- */

static void
test_value_to_y (void)
{
  g_autoptr(CjmDocument) document = cjm_test_load_example ("fietsabonnement.cjm");
  g_autoptr(CjmLayout) layout = cjm_layout_new (document);
  CjmMap *map = cjm_document_get_map (document);
  int lane = lane_of_kind (document, CJM_LANE_EMOTION);
  int min = cjm_map_get_scale_min (map);
  int max = cjm_map_get_scale_max (map);
  double previous = -G_MAXDOUBLE;
  CjmRect rect;

  g_assert_cmpint (min, <, max);
  cjm_layout_get_lane_rect (layout, (guint) lane, &rect);

  for (double v = max; v >= min; v -= 0.125)
    {
      double y = cjm_layout_value_to_y (layout, (guint) lane, v);

      /* higher values stand higher, inside the lane */
      g_assert_cmpfloat (y, >, previous);
      g_assert_cmpfloat (y, >, rect.y);
      g_assert_cmpfloat (y, <, rect.y + rect.height);
      g_assert_cmpfloat_with_epsilon (cjm_layout_y_to_value (layout, (guint) lane, y), v, 1e-9);
      previous = y;
    }

  /* clamped to the scale both ways */
  g_assert_cmpfloat_with_epsilon (cjm_layout_value_to_y (layout, (guint) lane, max + 7),
                                  cjm_layout_value_to_y (layout, (guint) lane, max), EPSILON);
  g_assert_cmpfloat_with_epsilon (cjm_layout_value_to_y (layout, (guint) lane, min - 7),
                                  cjm_layout_value_to_y (layout, (guint) lane, min), EPSILON);
  g_assert_cmpfloat_with_epsilon (cjm_layout_y_to_value (layout, (guint) lane, rect.y - 500), max,
                                  EPSILON);
  g_assert_cmpfloat_with_epsilon (cjm_layout_y_to_value (layout, (guint) lane, rect.y), max,
                                  EPSILON);
  g_assert_cmpfloat_with_epsilon (cjm_layout_y_to_value (layout, (guint) lane,
                                                         rect.y + rect.height), min, EPSILON);
  g_assert_cmpfloat_with_epsilon (cjm_layout_y_to_value (layout, (guint) lane, 1e9), min, EPSILON);
  g_assert_cmpfloat_with_epsilon (cjm_layout_y_to_value (layout, (guint) lane,
                                                         rect.y + rect.height / 2),
                                  (min + max) / 2.0, EPSILON);
}

/* Curve maths ------------------------------------------------------------ */

static double
distance_to_segment (const CjmPoint *p,
                     const CjmPoint *a,
                     const CjmPoint *b)
{
  double dx = b->x - a->x, dy = b->y - a->y;
  double length2 = dx * dx + dy * dy;
  double t = length2 > 0 ? CLAMP (((p->x - a->x) * dx + (p->y - a->y) * dy) / length2, 0, 1) : 0;

  return hypot (p->x - (a->x + t * dx), p->y - (a->y + t * dy));
}

/* Every dropped sample lies within @tolerance of the simplified line
 * between the kept samples around it. */
static void
assert_within_tolerance (const CjmPoint *points,
                         guint           n,
                         const gboolean *keep,
                         double          tolerance)
{
  guint previous = 0;

  g_assert_true (keep[0]);
  g_assert_true (keep[n - 1]);
  for (guint i = 1; i < n; i++)
    {
      if (!keep[i])
        continue;
      for (guint j = previous + 1; j < i; j++)
        g_assert_cmpfloat (distance_to_segment (&points[j], &points[previous], &points[i]), <=,
                           tolerance + 1e-9);
      previous = i;
    }
}

static guint
count_kept (const gboolean *keep,
            guint           n)
{
  guint kept = 0;

  for (guint i = 0; i < n; i++)
    kept += keep[i] ? 1 : 0;
  return kept;
}

static void
test_simplify_small (void)
{
  CjmPoint one[] = { { 3, 4 } };
  CjmPoint two[] = { { 0, 0 }, { 10, 10 } };
  CjmPoint same[] = { { 5, 5 }, { 5, 5 }, { 5, 5 }, { 5, 5 } };
  gboolean keep[4] = { TRUE, TRUE, TRUE, TRUE };

  g_assert_cmpuint (cjm_curve_simplify (one, 0, 1, keep), ==, 0);
  g_assert_cmpuint (cjm_curve_simplify (one, 1, 1, keep), ==, 1);
  g_assert_true (keep[0]);
  g_assert_cmpuint (cjm_curve_simplify (two, 2, 1, keep), ==, 2);
  g_assert_true (keep[0] && keep[1]);
  g_assert_cmpuint (cjm_curve_simplify (same, 4, 0.5, keep), ==, 2);
  g_assert_true (keep[0] && !keep[1] && !keep[2] && keep[3]);
}

static void
test_simplify_collinear (void)
{
  CjmPoint points[200];
  gboolean keep[200];

  /* samples on a straight line, unevenly spaced, with tiny jitter */
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      double t = i + 0.4 * sin (i);

      points[i].x = 10 + 3 * t;
      points[i].y = 400 - 2 * t + (i % 2 == 0 ? 0.01 : -0.01);
    }
  g_assert_cmpuint (cjm_curve_simplify (points, G_N_ELEMENTS (points), 1, keep), ==, 2);
  g_assert_true (keep[0]);
  g_assert_true (keep[G_N_ELEMENTS (points) - 1]);
  assert_within_tolerance (points, G_N_ELEMENTS (points), keep, 1);
}

static void
test_simplify_corners (void)
{
  CjmPoint points[401];
  gboolean keep[401];
  const guint corners[] = { 0, 100, 200, 300, 400 };

  /* a zigzag of four straight strokes, 100 samples each */
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      guint leg = MIN (i / 100, 3);
      double along = (i - leg * 100) / 100.0;

      points[i].x = i * 2.0;
      points[i].y = leg % 2 == 0 ? 100 + 80 * along : 180 - 80 * along;
    }
  g_assert_cmpuint (cjm_curve_simplify (points, G_N_ELEMENTS (points), 2, keep), ==,
                    G_N_ELEMENTS (corners));
  for (guint i = 0; i < G_N_ELEMENTS (corners); i++)
    g_assert_true (keep[corners[i]]);
  assert_within_tolerance (points, G_N_ELEMENTS (points), keep, 2);

  /* a sharp spike of a single sample survives too */
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    points[i].y = i == 123 ? 50 : 0;
  cjm_curve_simplify (points, G_N_ELEMENTS (points), 2, keep);
  g_assert_true (keep[122] && keep[123] && keep[124]);
  assert_within_tolerance (points, G_N_ELEMENTS (points), keep, 2);
}

static void
test_simplify_tolerance (void)
{
  const double tolerances[] = { 0.1, 0.5, 1, 3, 5, 20 };

  for (guint round = 0; round < 20; round++)
    {
      guint n = (guint) g_test_rand_int_range (3, 2000);
      g_autofree CjmPoint *points = g_new (CjmPoint, n);
      g_autofree gboolean *keep = g_new (gboolean, n);
      guint previous_kept = G_MAXUINT;
      double y = 0;

      /* a random walk: what a hand on a mouse draws */
      for (guint i = 0; i < n; i++)
        {
          y += g_test_rand_double_range (-3, 3);
          points[i].x = i * g_test_rand_double_range (0.5, 2) + (i > 0 ? points[i - 1].x : 0);
          points[i].y = y;
        }
      for (guint t = 0; t < G_N_ELEMENTS (tolerances); t++)
        {
          guint kept = cjm_curve_simplify (points, n, tolerances[t], keep);

          g_assert_cmpuint (kept, ==, count_kept (keep, n));
          g_assert_cmpuint (kept, >=, 2);
          /* a looser tolerance never keeps more */
          g_assert_cmpuint (kept, <=, previous_kept);
          assert_within_tolerance (points, n, keep, tolerances[t]);
          previous_kept = kept;
        }
    }
}

static void
test_simplify_long (void)
{
  const guint n = 100000;
  g_autofree CjmPoint *points = g_new (CjmPoint, n);
  g_autofree gboolean *keep = g_new (gboolean, n);
  guint kept;

  /* a sine wave: a handful of points */
  for (guint i = 0; i < n; i++)
    {
      points[i].x = i * 0.05;
      points[i].y = 300 + 60 * sin (i * 2 * G_PI / n * 3);
    }
  kept = cjm_curve_simplify (points, n, 5, keep);
  g_assert_cmpuint (kept, >=, 7);
  g_assert_cmpuint (kept, <, 100);
  assert_within_tolerance (points, n, keep, 5);

  /* a steep power curve at a tiny tolerance splits off a sliver near the
   * end at each step, hundreds of levels deep: hard on a recursive
   * implementation */
  for (guint i = 0; i < n; i++)
    {
      points[i].x = i;
      points[i].y = 1e4 * pow ((double) i / n, 200);
    }
  kept = cjm_curve_simplify (points, n, 1e-6, keep);
  g_assert_cmpuint (kept, ==, count_kept (keep, n));
  g_assert_cmpuint (kept, >, 100);
  assert_within_tolerance (points, n, keep, 1e-6);

  /* noise keeps many, and stays within the tolerance */
  for (guint i = 0; i < n; i++)
    {
      points[i].x = i * 0.1;
      points[i].y = g_test_rand_double_range (0, 100);
    }
  kept = cjm_curve_simplify (points, n, 1, keep);
  g_assert_cmpuint (kept, >, 1000);
  assert_within_tolerance (points, n, keep, 1);
}

/* Samples every segment densely: no overshoot, through the points, flat
 * stays flat, and x never runs backwards. */
static void
assert_monotone_segments (const CjmPoint *points,
                          guint           n,
                          const CjmPoint *controls)
{
  for (guint k = 0; k + 1 < n; k++)
    {
      const CjmPoint *p0 = &points[k];
      const CjmPoint *p1 = &points[k + 1];
      double low = MIN (p0->y, p1->y), high = MAX (p0->y, p1->y);
      double slack = 1e-9 * MAX (1, high - low);
      double previous_x = p0->x;
      CjmPoint at;

      cjm_curve_bezier_point (p0, &controls[2 * k], &controls[2 * k + 1], p1, 0, &at);
      g_assert_cmpfloat_with_epsilon (at.x, p0->x, 1e-9);
      g_assert_cmpfloat_with_epsilon (at.y, p0->y, 1e-9);
      cjm_curve_bezier_point (p0, &controls[2 * k], &controls[2 * k + 1], p1, 1, &at);
      g_assert_cmpfloat_with_epsilon (at.x, p1->x, 1e-9);
      g_assert_cmpfloat_with_epsilon (at.y, p1->y, 1e-9);

      for (guint s = 1; s < 256; s++)
        {
          cjm_curve_bezier_point (p0, &controls[2 * k], &controls[2 * k + 1], p1, s / 256.0, &at);
          if (at.y < low - slack || at.y > high + slack)
            g_test_fail_printf ("segment %u of %u, (%g, %g) to (%g, %g), overshoots to %g "
                                "at t = %g", k, n - 1, p0->x, p0->y, p1->x, p1->y, at.y, s / 256.0);
          g_assert_cmpfloat (at.y, >=, low - slack);
          g_assert_cmpfloat (at.y, <=, high + slack);
          g_assert_cmpfloat (at.x, >=, previous_x - 1e-9);
          if (p0->y == p1->y)
            g_assert_cmpfloat_with_epsilon (at.y, p0->y, 1e-9);
          previous_x = at.x;
        }
    }
}

static void
test_monotone_random (void)
{
  for (guint round = 0; round < 2000; round++)
    {
      guint n = (guint) g_test_rand_int_range (2, 40);
      g_autofree CjmPoint *points = g_new (CjmPoint, n);
      g_autofree CjmPoint *controls = g_new (CjmPoint, 2 * (n - 1));
      int kind = round % 5;
      double x = g_test_rand_double_range (0, 500);
      double y = g_test_rand_double_range (300, 500);

      for (guint i = 0; i < n; i++)
        {
          /* now and then two points at one x: a vertical step */
          if (i > 0)
            x += g_test_rand_int_range (0, 8) == 0 ? 0 : g_test_rand_double_range (0.01, 400);
          switch (kind)
            {
            case 0: /* rising */
              y += g_test_rand_double_range (0, 80);
              break;
            case 1: /* falling, with plateaus */
              y -= g_test_rand_int_range (0, 3) == 0 ? 0 : g_test_rand_double_range (0, 80);
              break;
            case 2: /* on the few values of a scale */
              y = 330 + 41 * g_test_rand_int_range (0, 5);
              break;
            case 3: /* steep next to shallow */
              y += g_test_rand_int_range (0, 2) == 0 ? g_test_rand_double_range (-0.01, 0.01)
                                                     : g_test_rand_double_range (-300, 300);
              break;
            default: /* anything */
              y = g_test_rand_double_range (0, 1000);
              break;
            }
          points[i].x = x;
          points[i].y = y;
        }
      cjm_curve_monotone_controls (points, n, controls);
      assert_monotone_segments (points, n, controls);
    }
}

static void
test_monotone_cases (void)
{
  const CjmPoint flat[] = { { 0, 10 }, { 50, 10 }, { 100, 10 } };
  const CjmPoint peak[] = { { 0, 10 }, { 50, 100 }, { 60, 100 }, { 100, 0 } };
  const CjmPoint step[] = { { 0, 10 }, { 30, 10 }, { 30, 90 }, { 60, 90 } };
  const CjmPoint sharp[] = { { 0, 0 }, { 1, 100 }, { 200, 101 }, { 201, 300 } };
  const CjmPoint two[] = { { 0, 0 }, { 100, 50 } };
  CjmPoint controls[8];

  cjm_curve_monotone_controls (flat, G_N_ELEMENTS (flat), controls);
  assert_monotone_segments (flat, G_N_ELEMENTS (flat), controls);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon (controls[i].y, 10, 1e-12);

  cjm_curve_monotone_controls (peak, G_N_ELEMENTS (peak), controls);
  assert_monotone_segments (peak, G_N_ELEMENTS (peak), controls);
  /* the flat top between two points stays flat */
  g_assert_cmpfloat_with_epsilon (controls[2].y, 100, 1e-12);
  g_assert_cmpfloat_with_epsilon (controls[3].y, 100, 1e-12);

  cjm_curve_monotone_controls (step, G_N_ELEMENTS (step), controls);
  assert_monotone_segments (step, G_N_ELEMENTS (step), controls);

  cjm_curve_monotone_controls (sharp, G_N_ELEMENTS (sharp), controls);
  assert_monotone_segments (sharp, G_N_ELEMENTS (sharp), controls);

  /* two points: a straight line */
  cjm_curve_monotone_controls (two, 2, controls);
  assert_monotone_segments (two, 2, controls);
  for (guint s = 0; s <= 10; s++)
    {
      CjmPoint at;

      cjm_curve_bezier_point (&two[0], &controls[0], &controls[1], &two[1], s / 10.0, &at);
      g_assert_cmpfloat_with_epsilon (at.y, at.x / 2, 1e-9);
    }
}

static void
test_monotone_layout_curves (void)
{
  g_autoptr(GPtrArray) names = list_examples ();

  for (guint e = 0; e < names->len; e++)
    {
      g_autoptr(CjmDocument) document = cjm_test_load_example (g_ptr_array_index (names, e));
      g_autoptr(CjmLayout) layout = cjm_layout_new (document);
      int lane = lane_of_kind (document, CJM_LANE_EMOTION);
      CjmMap *map = cjm_document_get_map (document);
      double top = cjm_layout_value_to_y (layout, (guint) lane, cjm_map_get_scale_max (map));
      double bottom = cjm_layout_value_to_y (layout, (guint) lane, cjm_map_get_scale_min (map));

      for (guint c = 0; c < cjm_layout_get_n_curves (layout); c++)
        {
          const CjmLayoutCurve *curve = cjm_layout_get_curve (layout, c);

          if (curve->n_points < 2)
            continue;
          assert_monotone_segments (curve->points, curve->n_points, curve->controls);
          /* so a drawn curve never leaves its scale */
          for (guint k = 0; k < 2 * (curve->n_points - 1); k++)
            {
              g_assert_cmpfloat (curve->controls[k].y, >=, top - EPSILON);
              g_assert_cmpfloat (curve->controls[k].y, <=, bottom + EPSILON);
            }
        }
    }
}

/* Touchpoints stacked in one column share an x; a curve through them
 * spreads its points around it, in the curve's order, instead of climbing
 * straight up or down. */
static void
test_stacked_curve_points (void)
{
  g_autoptr(CjmDocument) document = cjm_test_load_example ("fietsabonnement.cjm");
  g_autoptr(CjmLayout) before = cjm_layout_new (document);
  g_autoptr(CjmLayout) layout = NULL;
  g_autoptr(GPtrArray) points = g_ptr_array_new_with_free_func ((GDestroyNotify) cjm_curve_point_free);
  g_autoptr(GError) error = NULL;
  CjmCurve *curve = g_ptr_array_index (cjm_document_get_curves (document), 0);
  const CjmLayoutItem *stacked[3] = { NULL };
  const CjmLayoutCurve *laid = NULL;
  guint n_stacked = 0;
  double centre;

  /* three touchpoints of one column */
  for (guint i = 0; i < cjm_layout_get_n_items (before) && n_stacked < 3; i++)
    {
      const CjmLayoutItem *item = cjm_layout_get_item (before, i);

      if (!CJM_IS_TOUCHPOINT (item->entity))
        continue;
      if (n_stacked == 0 || (item->rect.x == stacked[0]->rect.x && item->phase == stacked[0]->phase))
        stacked[n_stacked++] = item;
    }
  g_assert_cmpuint (n_stacked, ==, 3);
  centre = stacked[0]->rect.x + stacked[0]->rect.width / 2;

  /* up, down and up again in that column, then on in the next phase */
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (points, cjm_curve_point_new_on_touchpoint (cjm_entity_get_id (stacked[i]->entity),
                                                                i % 2 == 0 ? 2 : -2));
  g_ptr_array_add (points, cjm_curve_point_new_in_phase (
    cjm_entity_get_id (g_ptr_array_index (cjm_document_get_phases (document), stacked[0]->phase + 1)),
    0.5, 0));
  g_assert_true (cjm_document_set (document, CJM_ENTITY (curve), &error, "points", points, NULL));
  g_assert_no_error (error);

  layout = cjm_layout_new (document);
  for (guint c = 0; c < cjm_layout_get_n_curves (layout); c++)
    if (cjm_layout_get_curve (layout, c)->curve == curve)
      laid = cjm_layout_get_curve (layout, c);
  g_assert_nonnull (laid);
  g_assert_cmpuint (laid->n_points, ==, 4);
  for (guint i = 0; i < 3; i++)
    {
      /* in the curve's order, apart, and over the column */
      g_assert_cmpuint (laid->source_index[i], ==, i);
      if (i > 0)
        g_assert_cmpfloat (laid->points[i].x - laid->points[i - 1].x, >, 20);
      g_assert_cmpfloat (laid->points[i].x, >, stacked[0]->rect.x);
      g_assert_cmpfloat (laid->points[i].x, <, stacked[0]->rect.x + stacked[0]->rect.width);
    }
  /* around the middle of the column */
  g_assert_cmpfloat_with_epsilon (laid->points[1].x, centre, EPSILON);
  g_assert_cmpfloat (laid->points[2].x, <, laid->points[3].x);
  assert_monotone_segments (laid->points, laid->n_points, laid->controls);
}

/* The viewport ------------------------------------------------------------ */

static CjmViewport *
new_viewport (double width,
              double height,
              double content_width,
              double content_height)
{
  CjmViewport *viewport = cjm_viewport_new ();

  cjm_viewport_set_size (viewport, width, height);
  cjm_viewport_set_content (viewport, content_width, content_height);
  return viewport;
}

static void
test_viewport_zoom_at (void)
{
  g_autoptr(CjmViewport) viewport = new_viewport (1000, 700, 6000, 4000);
  const double factors[] = { 1.25, 0.8, 2, 0.5, 1.1, 3, 0.3 };

  cjm_viewport_set_position (viewport, 1500, 900);
  for (guint i = 0; i < G_N_ELEMENTS (factors); i++)
    {
      /* past the sticky headers at every zoom reached here */
      double wx = 700 + 20 * i, wy = 300 + 20 * i;
      double before_x, before_y, after_x, after_y, back_x, back_y;

      cjm_viewport_widget_to_map (viewport, wx, wy, &before_x, &before_y);
      cjm_viewport_zoom_at (viewport, factors[i], wx, wy);
      cjm_viewport_widget_to_map (viewport, wx, wy, &after_x, &after_y);
      g_assert_cmpfloat_with_epsilon (after_x, before_x, 1e-6);
      g_assert_cmpfloat_with_epsilon (after_y, before_y, 1e-6);
      cjm_viewport_map_to_widget (viewport, after_x, after_y, &back_x, &back_y);
      g_assert_cmpfloat_with_epsilon (back_x, wx, 1e-6);
      g_assert_cmpfloat_with_epsilon (back_y, wy, 1e-6);
    }

  /* the zoom stays in its range */
  cjm_viewport_zoom_at (viewport, 1000, 500, 350);
  g_assert_cmpfloat_with_epsilon (cjm_viewport_get_zoom (viewport), CJM_ZOOM_MAX, EPSILON);
  cjm_viewport_zoom_at (viewport, 1e-6, 500, 350);
  g_assert_cmpfloat_with_epsilon (cjm_viewport_get_zoom (viewport), CJM_ZOOM_MIN, EPSILON);
  cjm_viewport_set_zoom (viewport, 1);
  cjm_viewport_zoom_at (viewport, 0, 500, 350);
  cjm_viewport_zoom_at (viewport, -2, 500, 350);
  cjm_viewport_zoom_at (viewport, NAN, 500, 350);
  g_assert_cmpfloat_with_epsilon (cjm_viewport_get_zoom (viewport), 1, EPSILON);
}

static void
test_viewport_clamp (void)
{
  g_autoptr(CjmViewport) viewport = new_viewport (1000, 700, 3000, 2000);

  cjm_viewport_set_position (viewport, -50, -80);
  g_assert_cmpfloat (cjm_viewport_get_x (viewport), ==, 0);
  g_assert_cmpfloat (cjm_viewport_get_y (viewport), ==, 0);
  cjm_viewport_set_position (viewport, 1e6, 1e6);
  g_assert_cmpfloat_with_epsilon (cjm_viewport_get_x (viewport), 2000, EPSILON);
  g_assert_cmpfloat_with_epsilon (cjm_viewport_get_y (viewport), 1300, EPSILON);
  g_assert_cmpfloat_with_epsilon (cjm_viewport_get_max_x (viewport), 2000, EPSILON);
  g_assert_cmpfloat_with_epsilon (cjm_viewport_get_max_y (viewport), 1300, EPSILON);

  /* zoomed in there is more to scroll; zoomed out, nothing */
  cjm_viewport_set_zoom (viewport, 2);
  g_assert_cmpfloat_with_epsilon (cjm_viewport_get_max_x (viewport), 2500, EPSILON);
  cjm_viewport_set_zoom (viewport, 0.25);
  g_assert_cmpfloat (cjm_viewport_get_max_x (viewport), ==, 0);
  g_assert_cmpfloat (cjm_viewport_get_x (viewport), ==, 0);
  g_assert_cmpfloat (cjm_viewport_get_y (viewport), ==, 0);

  /* a map that shrinks pulls the position back */
  cjm_viewport_set_zoom (viewport, 1);
  cjm_viewport_set_position (viewport, 2000, 1300);
  cjm_viewport_set_content (viewport, 1500, 900);
  g_assert_cmpfloat_with_epsilon (cjm_viewport_get_x (viewport), 500, EPSILON);
  g_assert_cmpfloat_with_epsilon (cjm_viewport_get_y (viewport), 200, EPSILON);
  /* and a widget that grows */
  cjm_viewport_set_size (viewport, 1600, 1000);
  g_assert_cmpfloat (cjm_viewport_get_x (viewport), ==, 0);
  g_assert_cmpfloat (cjm_viewport_get_y (viewport), ==, 0);
}

static void
test_viewport_fit (void)
{
  const double contents[][2] = { { 1796, 1524 }, { 11776, 2100 }, { 500, 300 }, { 800, 5000 } };

  for (guint i = 0; i < G_N_ELEMENTS (contents); i++)
    {
      g_autoptr(CjmViewport) viewport = new_viewport (1280, 800, contents[i][0], contents[i][1]);
      CjmRect visible;
      double x, y;

      cjm_viewport_set_zoom (viewport, 3);
      cjm_viewport_set_position (viewport, 400, 400);
      cjm_viewport_fit (viewport);
      cjm_viewport_get_visible (viewport, &visible);
      g_assert_cmpfloat (visible.x, ==, 0);
      g_assert_cmpfloat (visible.y, ==, 0);
      g_assert_cmpfloat (visible.width, >=, contents[i][0] - EPSILON);
      g_assert_cmpfloat (visible.height, >=, contents[i][1] - EPSILON);
      /* and fills one direction */
      g_assert_true (fabs (visible.width - contents[i][0]) < 1e-6
                     || fabs (visible.height - contents[i][1]) < 1e-6);
      cjm_viewport_map_to_widget (viewport, contents[i][0], contents[i][1], &x, &y);
      g_assert_cmpfloat (x, <=, 1280 + EPSILON);
      g_assert_cmpfloat (y, <=, 800 + EPSILON);
    }
}

static void
test_viewport_sticky_headers (void)
{
  g_autoptr(CjmViewport) viewport = new_viewport (1000, 700, 6000, 4000);
  double mx, my;

  cjm_viewport_set_position (viewport, 1200, 800);
  for (guint z = 0; z < 3; z++)
    {
      double zoom = z == 0 ? 1 : z == 1 ? 0.5 : 2;
      double header_w = CJM_LAYOUT_LANE_HEADER_WIDTH * zoom;
      double header_h = CJM_LAYOUT_PHASE_HEADER_HEIGHT * zoom;

      cjm_viewport_set_zoom (viewport, zoom);
      cjm_viewport_set_position (viewport, 1200, 800);

      /* over the phase headers: a y in the header band, x in the body */
      cjm_viewport_widget_to_map (viewport, 600, header_h / 2, &mx, &my);
      g_assert_cmpfloat (my, <, CJM_LAYOUT_PHASE_HEADER_HEIGHT);
      g_assert_cmpfloat (my, >=, 0);
      g_assert_cmpfloat_with_epsilon (mx, cjm_viewport_get_x (viewport) + 600 / zoom, EPSILON);

      /* over the lane headers: an x in the header band, y in the body */
      cjm_viewport_widget_to_map (viewport, header_w / 2, 400, &mx, &my);
      g_assert_cmpfloat (mx, <, CJM_LAYOUT_LANE_HEADER_WIDTH);
      g_assert_cmpfloat (mx, >=, 0);
      g_assert_cmpfloat_with_epsilon (my, cjm_viewport_get_y (viewport) + 400 / zoom, EPSILON);

      /* over the corner: the corner */
      cjm_viewport_widget_to_map (viewport, header_w / 2, header_h / 2, &mx, &my);
      g_assert_cmpfloat (mx, <, CJM_LAYOUT_LANE_HEADER_WIDTH);
      g_assert_cmpfloat (my, <, CJM_LAYOUT_PHASE_HEADER_HEIGHT);

      /* just past the headers: the body, scrolled */
      cjm_viewport_widget_to_map (viewport, header_w + 1, header_h + 1, &mx, &my);
      g_assert_cmpfloat (mx, >, cjm_viewport_get_x (viewport) + CJM_LAYOUT_LANE_HEADER_WIDTH);
      g_assert_cmpfloat (my, >, cjm_viewport_get_y (viewport) + CJM_LAYOUT_PHASE_HEADER_HEIGHT);
    }

  /* unscrolled, headers and body agree */
  cjm_viewport_set_zoom (viewport, 1);
  cjm_viewport_set_position (viewport, 0, 0);
  cjm_viewport_widget_to_map (viewport, 100, 50, &mx, &my);
  g_assert_cmpfloat_with_epsilon (mx, 100, EPSILON);
  g_assert_cmpfloat_with_epsilon (my, 50, EPSILON);
  cjm_viewport_widget_to_map (viewport, 500, 400, &mx, &my);
  g_assert_cmpfloat_with_epsilon (mx, 500, EPSILON);
  g_assert_cmpfloat_with_epsilon (my, 400, EPSILON);
}

/* After scrolling to @rect it lies in the body, clear of the headers. */
static void
assert_revealed (CjmViewport   *viewport,
                 const CjmRect *rect)
{
  double zoom = cjm_viewport_get_zoom (viewport);
  double x0, y0, x1, y1;

  cjm_viewport_map_to_widget (viewport, rect->x, rect->y, &x0, &y0);
  cjm_viewport_map_to_widget (viewport, rect->x + rect->width, rect->y + rect->height, &x1, &y1);
  g_assert_cmpfloat (x0, >=, CJM_LAYOUT_LANE_HEADER_WIDTH * zoom - EPSILON);
  g_assert_cmpfloat (y0, >=, CJM_LAYOUT_PHASE_HEADER_HEIGHT * zoom - EPSILON);
  g_assert_cmpfloat (x1, <=, 1000 + EPSILON);
  g_assert_cmpfloat (y1, <=, 700 + EPSILON);
}

static void
test_viewport_scroll_to_rect (void)
{
  g_autoptr(CjmViewport) viewport = new_viewport (1000, 700, 6000, 4000);
  const CjmRect rects[] = {
    { 5000, 3000, 160, 84 },   /* far right and down */
    { 1210, 820, 160, 84 },    /* hidden under the sticky headers */
    { 2000, 900, 160, 84 },    /* to the left, partly under the lane headers */
    { 1300, 500, 160, 84 },    /* above */
    { 5800, 3900, 160, 84 },   /* at the far corner */
  };

  for (guint z = 0; z < 2; z++)
    for (guint i = 0; i < G_N_ELEMENTS (rects); i++)
      {
        double x, y;

        cjm_viewport_set_zoom (viewport, z == 0 ? 1 : 1.5);
        cjm_viewport_set_position (viewport, 1200, 800);
        if (i == 2)
          cjm_viewport_set_position (viewport, 1900, 800);
        x = cjm_viewport_get_x (viewport);
        y = cjm_viewport_get_y (viewport);
        cjm_viewport_scroll_to_rect (viewport, &rects[i]);
        assert_revealed (viewport, &rects[i]);

        /* once in view, scrolling to it again does not move */
        x = cjm_viewport_get_x (viewport);
        y = cjm_viewport_get_y (viewport);
        cjm_viewport_scroll_to_rect (viewport, &rects[i]);
        g_assert_cmpfloat (cjm_viewport_get_x (viewport), ==, x);
        g_assert_cmpfloat (cjm_viewport_get_y (viewport), ==, y);
      }
}

/* The renderer ------------------------------------------------------------- */

/* How many pixels differ from fully transparent. */
static guint
count_drawn (cairo_surface_t *surface)
{
  const guint8 *data;
  int width, height, stride;
  guint drawn = 0;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (gconstpointer) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        drawn += row[x] != 0 ? 1 : 0;
    }
  return drawn;
}

/* Draws @layout scaled by @scale, showing @visible, and checks that cairo
 * is content and that most of the surface was painted. */
static void
draw_and_check (CjmRenderer   *renderer,
                CjmLayout     *layout,
                const CjmRect *visible,
                double         scale,
                GHashTable    *selection,
                CjmEntity     *focus)
{
  int width = (int) ceil (visible->width * scale);
  int height = (int) ceil (visible->height * scale);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  CjmRenderOptions options;
  guint drawn;

  cjm_renderer_options_init (&options, layout);
  options.visible = *visible;
  options.scale = scale;
  options.selection = selection;
  options.focus = focus;
  g_assert_cmpfloat (options.scale, ==, scale);
  g_assert_cmpint (options.parts, ==, CJM_RENDER_ALL);

  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -visible->x, -visible->y);
  cjm_renderer_draw (renderer, cr, layout, &options);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);

  drawn = count_drawn (surface);
  g_test_message ("%dx%d at scale %.2f: %u of %d pixels drawn", width, height, scale, drawn,
                  width * height);
  /* the lanes are tinted or white, so nearly everything is painted */
  g_assert_cmpuint (drawn, >, (guint) (width * height) / 2);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_renderer_smoke (void)
{
  g_autoptr(GPtrArray) names = list_examples ();
  g_autoptr(CjmRenderer) renderer = cjm_renderer_new (FALSE);

  for (guint e = 0; e < names->len; e++)
    {
      g_autoptr(CjmDocument) document = cjm_test_load_example (g_ptr_array_index (names, e));
      g_autoptr(CjmLayout) layout = cjm_layout_new (document);
      g_autoptr(GHashTable) selection = g_hash_table_new (NULL, NULL);
      CjmRect whole = { 0, 0, cjm_layout_get_width (layout), cjm_layout_get_height (layout) };
      CjmRect window = { 600, 400, 320, 240 };
      CjmEntity *focus = NULL;

      g_test_message ("%s", (const char *) g_ptr_array_index (names, e));
      draw_and_check (renderer, layout, &whole, 1, NULL, NULL);
      draw_and_check (renderer, layout, &whole, 0.2, NULL, NULL);
      draw_and_check (renderer, layout, &whole, 0.05, NULL, NULL);
      draw_and_check (renderer, layout, &window, 1, NULL, NULL);
      draw_and_check (renderer, layout, &window, 2.5, NULL, NULL);

      /* with a selection, a selected curve and the keyboard focus */
      if (cjm_layout_get_n_items (layout) > 0)
        {
          focus = cjm_layout_get_item (layout, 0)->entity;
          g_hash_table_add (selection, focus);
        }
      if (cjm_layout_get_n_curves (layout) > 0)
        g_hash_table_add (selection, cjm_layout_get_curve (layout, 0)->curve);
      draw_and_check (renderer, layout, &whole, 1, selection, focus);
      draw_and_check (renderer, layout, &whole, 0.2, selection, focus);
    }
}

static void
test_renderer_overlay (void)
{
  g_autoptr(CjmDocument) document = cjm_test_load_example ("savings-account.cjm");
  g_autoptr(CjmLayout) layout = cjm_layout_new (document);
  g_autoptr(CjmRenderer) renderer = cjm_renderer_new (TRUE);
  g_autoptr(GHashTable) selection = g_hash_table_new (NULL, NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
  cairo_t *cr = cairo_create (surface);
  const CjmLayoutItem *item = cjm_layout_get_item (layout, 0);
  CjmRect moved = { 20, 20, item->rect.width, item->rect.height };
  CjmDropTarget target;
  guint drawn;

  /* what the canvas draws over its cached map while dragging */
  cjm_renderer_draw_item (renderer, cr, layout, item->entity, &moved, 1, TRUE);
  drawn = count_drawn (surface);
  g_assert_cmpuint (drawn, >, (guint) (moved.width * moved.height) / 2);
  cjm_renderer_draw_item (renderer, cr, layout, item->entity, &moved, 0.2, FALSE);

  g_assert_true (cjm_layout_drop_target (layout, G_OBJECT_TYPE (item->entity),
                                         item->rect.x + 5, item->rect.y + 5, &target));
  cairo_translate (cr, -target.cell.x + 10, -target.cell.y + 10);
  cjm_renderer_draw_drop_target (renderer, cr, &target);
  g_hash_table_add (selection, item->entity);
  g_hash_table_add (selection, cjm_layout_get_curve (layout, 0)->curve);
  cjm_renderer_draw_selection (renderer, cr, layout, selection, item->entity);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpuint (count_drawn (surface), >, drawn);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* a failed check fails its test, and the others still run and report */
  g_test_set_nonfatal_assertions ();
  cjm_reader_init ();

  g_test_add_func ("/layout/grid/columns", test_grid_columns);
  g_test_add_func ("/layout/grid/lanes-grow", test_grid_lanes_grow);
  g_test_add_func ("/layout/grid/emotion-min-height", test_emotion_lane_min_height);
  g_test_add_func ("/layout/grid/empty-map", test_empty_map);
  g_test_add_func ("/layout/items/wrap-in-order", test_items_wrap_in_order);
  g_test_add_func ("/layout/items/phase-resize-never-strands", test_phase_resize_never_strands);
  g_test_add_func ("/layout/hit/phase-lane-at-edges", test_phase_lane_at_edges);
  g_test_add_func ("/layout/hit/headers-and-borders", test_hit_headers_and_borders);
  g_test_add_func ("/layout/hit/items-cells-outside", test_hit_items_cells_outside);
  g_test_add_func ("/layout/hit/curve-points", test_hit_curve_points);
  g_test_add_func ("/layout/hit/curves", test_hit_curves);
  g_test_add_func ("/layout/hit/curve-away", test_hit_curve_away);
  g_test_add_func ("/layout/drop/positions", test_drop_positions);
  g_test_add_func ("/layout/drop/refused", test_drop_refused);
  g_test_add_func ("/layout/items-in-rect", test_items_in_rect);
  g_test_add_func ("/layout/value-to-y", test_value_to_y);
  g_test_add_func ("/curve/simplify/small", test_simplify_small);
  g_test_add_func ("/curve/simplify/collinear", test_simplify_collinear);
  g_test_add_func ("/curve/simplify/corners", test_simplify_corners);
  g_test_add_func ("/curve/simplify/tolerance", test_simplify_tolerance);
  g_test_add_func ("/curve/simplify/long", test_simplify_long);
  g_test_add_func ("/curve/monotone/random", test_monotone_random);
  g_test_add_func ("/curve/monotone/cases", test_monotone_cases);
  g_test_add_func ("/curve/monotone/layout-curves", test_monotone_layout_curves);
  g_test_add_func ("/curve/stacked-points", test_stacked_curve_points);
  g_test_add_func ("/viewport/zoom-at", test_viewport_zoom_at);
  g_test_add_func ("/viewport/clamp", test_viewport_clamp);
  g_test_add_func ("/viewport/fit", test_viewport_fit);
  g_test_add_func ("/viewport/sticky-headers", test_viewport_sticky_headers);
  g_test_add_func ("/viewport/scroll-to-rect", test_viewport_scroll_to_rect);
  g_test_add_func ("/render/smoke", test_renderer_smoke);
  g_test_add_func ("/render/overlay", test_renderer_overlay);

  return g_test_run ();
}
