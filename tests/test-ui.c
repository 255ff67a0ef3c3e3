/* test-ui.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The editor's real window, opened through the application on a copy of
 * an example map, driven by pointer and key events that the XTEST
 * extension injects into the X server (Xvfb under `meson test`). Every
 * layer between a hand on the mouse and the document takes part: the X
 * server, GDK's event translation, GTK's gesture controllers and focus,
 * the canvas's mapping from pixels to the map, the interaction and the
 * history. The tests only read the model to check what happened.
 *
 * Screen positions come from the same pure layout the canvas draws:
 * map point -> canvas pixel ((map - scroll) * zoom) -> window (GTK's
 * widget transforms) -> X surface (the native's surface transform) ->
 * root window (asked of the X server). */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <gdk/x11/gdkx.h>
#include <X11/Xlib.h>
#include <X11/keysym.h>
#include <X11/extensions/XTest.h>

#include "cjm-application.h"
#include "cjm-canvas.h"
#include "cjm-layout.h"
#include "cjm-persona-bar.h"
#include "cjm-window.h"

#define TEST_APP_ID   "io.github.reiskaart.Reiskaart.UiTest"
#define EXAMPLE       "fietsabonnement.cjm"
#define WAIT_MS       10000  /* for anything the window does on its own */
#define STEP_MS       20     /* between pointer steps, about a frame */
#define SCROLLBAR     16     /* pixels along the canvas's edges left alone */

static CjmApplication *app;
static char *work_dir;

typedef struct
{
  GFile       *file;
  CjmWindow   *window;
  CjmCanvas   *canvas;
  CjmDocument *document;
  CjmLayout   *layout;
} Fixture;

/* The main loop ------------------------------------------------------------ */

static gboolean
on_pump_timeout (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets GTK handle events, layout and frames for @ms milliseconds. */
static void
pump (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_pump_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs the main loop until @condition holds; a window that never gets
 * there fails the test with the condition's text. */
#define WAIT_UNTIL(condition) \
  G_STMT_START { \
    gint64 wait_deadline_ = g_get_monotonic_time () + WAIT_MS * G_TIME_SPAN_MILLISECOND; \
    while (!(condition) && g_get_monotonic_time () < wait_deadline_) \
      pump (10); \
    if (!(condition)) \
      g_error ("%s:%d: gave up after %d ms waiting for: %s", \
               __FILE__, __LINE__, WAIT_MS, #condition); \
  } G_STMT_END

/* The X server ------------------------------------------------------------- */

static Display *
xdisplay (void)
{
  return gdk_x11_display_get_xdisplay (gdk_display_get_default ());
}

/* XSync makes the server carry out the fake events before we go on, so
 * the events they cause are queued for GDK when the main loop next runs. */
static void
fake_motion (int x,
             int y)
{
  XTestFakeMotionEvent (xdisplay (), DefaultScreen (xdisplay ()), x, y, CurrentTime);
  XSync (xdisplay (), False);
  pump (STEP_MS);
}

static void
fake_button (guint    button,
             gboolean press)
{
  XTestFakeButtonEvent (xdisplay (), button, press, CurrentTime);
  XSync (xdisplay (), False);
  pump (STEP_MS);
}

static void
queue_key (KeySym   keysym,
           gboolean press)
{
  KeyCode code = XKeysymToKeycode (xdisplay (), keysym);

  g_assert_cmpuint (code, !=, 0);
  XTestFakeKeyEvent (xdisplay (), code, press, CurrentTime);
}

/* Types @keysym, holding @modifier (a modifier's keysym, or NoSymbol).
 * Presses and releases go to the server together: a key held down while
 * a busy machine keeps the test from running would start to repeat. */
static void
type_key (KeySym modifier,
          KeySym keysym)
{
  if (modifier != NoSymbol)
    queue_key (modifier, TRUE);
  queue_key (keysym, TRUE);
  queue_key (keysym, FALSE);
  if (modifier != NoSymbol)
    queue_key (modifier, FALSE);
  XSync (xdisplay (), False);
  pump (50);
}

/* Where @widget's point (@x, @y) is on the screen, in X pixels. */
static void
widget_to_screen (GtkWidget *widget,
                  double     x,
                  double     y,
                  int       *screen_x,
                  int       *screen_y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  graphene_point_t point;
  double surface_x, surface_y;
  int scale = gdk_surface_get_scale_factor (surface);
  int root_x, root_y;
  Window child;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (x, y), &point));
  /* the window's own coordinates start inside the surface, after any
   * client-side shadow */
  gtk_native_get_surface_transform (native, &surface_x, &surface_y);
  XTranslateCoordinates (xdisplay (), gdk_x11_surface_get_xid (surface),
                         DefaultRootWindow (xdisplay ()), 0, 0, &root_x, &root_y, &child);
  *screen_x = root_x + (int) lround ((point.x + surface_x) * scale);
  *screen_y = root_y + (int) lround ((point.y + surface_y) * scale);
}

static void
click_widget (GtkWidget *widget)
{
  int x, y;

  widget_to_screen (widget, gtk_widget_get_width (widget) / 2.0,
                    gtk_widget_get_height (widget) / 2.0, &x, &y);
  fake_motion (x, y);
  fake_button (1, TRUE);
  fake_button (1, FALSE);
  pump (50);
}

/* The canvas ---------------------------------------------------------------- */

/* Where the canvas shows map point (@map_x, @map_y), on the screen. The
 * point must be in view, clear of the sticky headers and of the overlay
 * scrollbars, or the test would press on something other than it means. */
static void
map_to_screen (Fixture *f,
               double   map_x,
               double   map_y,
               int     *screen_x,
               int     *screen_y)
{
  GtkWidget *canvas = GTK_WIDGET (f->canvas);
  GtkAdjustment *hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (canvas));
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (canvas));
  double zoom = cjm_canvas_get_zoom (f->canvas);
  double scroll_x = hadjustment != NULL ? gtk_adjustment_get_value (hadjustment) / zoom : 0;
  double scroll_y = vadjustment != NULL ? gtk_adjustment_get_value (vadjustment) / zoom : 0;
  double x = (map_x - scroll_x) * zoom;
  double y = (map_y - scroll_y) * zoom;

  if (x < CJM_LAYOUT_LANE_HEADER_WIDTH * zoom
      || x >= gtk_widget_get_width (canvas) - SCROLLBAR
      || y < CJM_LAYOUT_PHASE_HEADER_HEIGHT * zoom
      || y >= gtk_widget_get_height (canvas) - SCROLLBAR)
    g_error ("map point (%.0f, %.0f) is not in view on a %d x %d canvas at zoom %.2f",
             map_x, map_y, gtk_widget_get_width (canvas), gtk_widget_get_height (canvas), zoom);
  widget_to_screen (canvas, x, y, screen_x, screen_y);
}

/* Presses the primary button at the first point of @path, moves through
 * the others with a frame's pause between steps, and releases at the
 * last, all in map coordinates. Screen positions are worked out before
 * the press, from what the user sees then. */
static void
drag_along (Fixture        *f,
            const CjmPoint *path,
            guint           n)
{
  g_autofree int *xs = g_new (int, n);
  g_autofree int *ys = g_new (int, n);

  g_assert_cmpuint (n, >=, 2);
  for (guint i = 0; i < n; i++)
    map_to_screen (f, path[i].x, path[i].y, &xs[i], &ys[i]);

  fake_motion (xs[0], ys[0]);
  fake_button (1, TRUE);
  for (guint i = 1; i < n; i++)
    fake_motion (xs[i], ys[i]);
  fake_button (1, FALSE);
  pump (100);
}

static void
relayout (Fixture *f)
{
  g_clear_object (&f->layout);
  f->layout = cjm_layout_new (f->document);
}

/* Widgets ------------------------------------------------------------------- */

typedef gboolean (*WidgetMatch) (GtkWidget    *widget,
                                 gconstpointer data);

static GtkWidget *
find_widget (GtkWidget     *root,
             WidgetMatch    match,
             gconstpointer  data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_type (GtkWidget     *widget,
         gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

/* A persona's button in the persona bar, found as the user finds it: by
 * the name it shows. */
static gboolean
is_persona_button (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_TOGGLE_BUTTON (widget)
         && g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

/* The window ---------------------------------------------------------------- */

static CjmWindow *
only_window (void)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  if (windows == NULL || windows->next != NULL || !CJM_IS_WINDOW (windows->data))
    return NULL;
  return windows->data;
}

static gboolean
window_shows_file (CjmWindow *window,
                   GFile     *file)
{
  return cjm_window_get_file (window) != NULL && g_file_equal (cjm_window_get_file (window), file);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *root = g_getenv ("CJM_SOURCE_ROOT");
  g_autofree char *source = root != NULL && *root != '\0'
                            ? g_build_filename (root, "data", "examples", EXAMPLE, NULL)
                            : g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                     EXAMPLE, NULL);
  g_autofree char *name = g_strdup_printf ("%s-%s", g_test_get_path () + 1, EXAMPLE);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  GtkWidget *canvas;

  g_strdelimit (name, "/", '-');
  path = g_build_filename (work_dir, name, NULL);
  g_file_get_contents (source, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, (gssize) length, &error);
  g_assert_no_error (error);
  f->file = g_file_new_for_path (path);

  /* The way the desktop opens a map: a new window that loads in the
   * background and shows itself once the map is in. It gets the whole
   * screen before it is shown, so the map is in view at 100 %. */
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  cjm_application_open_file (app, f->file);
  f->window = only_window ();
  g_assert_nonnull (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1600, 1000);

  WAIT_UNTIL (window_shows_file (f->window, f->file)
              && gtk_widget_get_mapped (GTK_WIDGET (f->window)));

  canvas = find_widget (GTK_WIDGET (f->window), is_type, GSIZE_TO_POINTER (CJM_TYPE_CANVAS));
  g_assert_nonnull (canvas);
  f->canvas = CJM_CANVAS (canvas);
  f->document = cjm_window_get_document (f->window);
  g_assert_true (cjm_canvas_get_document (f->canvas) == f->document);

  /* presenting gave it the keyboard, and the map holds the focus */
  WAIT_UNTIL (gtk_window_is_active (GTK_WINDOW (f->window))
              && gtk_widget_get_width (canvas) > 0
              && gtk_widget_get_height (canvas) > 0);
  pump (100);

  g_assert_cmpfloat (cjm_canvas_get_zoom (f->canvas), ==, 1.0);
  g_assert_false (cjm_history_get_can_undo (cjm_document_get_history (f->document)));
  relayout (f);
  g_test_message ("canvas %d x %d at zoom %.2f, map %.0f x %.0f",
                  gtk_widget_get_width (canvas), gtk_widget_get_height (canvas),
                  cjm_canvas_get_zoom (f->canvas),
                  cjm_layout_get_width (f->layout), cjm_layout_get_height (f->layout));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Past the question about unsaved changes: the test made them. */
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  WAIT_UNTIL (gtk_application_get_windows (GTK_APPLICATION (app)) == NULL);
  pump (50);

  g_file_delete (f->file, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&f->file);
  g_clear_object (&f->layout);
}

/* The model ------------------------------------------------------------------ */

static guint
lane_of_kind (Fixture     *f,
              CjmLaneKind  kind)
{
  GPtrArray *lanes = cjm_document_get_lanes (f->document);

  for (guint i = 0; i < lanes->len; i++)
    if (cjm_lane_get_kind (g_ptr_array_index (lanes, i)) == kind)
      return i;
  g_error ("the map has no lane of kind %d", kind);
  return 0;
}

static CjmCurve *
find_curve (Fixture         *f,
            const char      *persona,
            CjmCurveVariant  variant)
{
  GPtrArray *curves = cjm_document_get_curves (f->document);

  for (guint i = 0; i < curves->len; i++)
    {
      CjmCurve *curve = g_ptr_array_index (curves, i);

      if (g_strcmp0 (cjm_curve_get_persona (curve), persona) == 0
          && cjm_curve_get_variant (curve) == variant)
        return curve;
    }
  return NULL;
}

/* A curve's points as text, to compare before and after. */
static char *
describe_points (CjmCurve *curve)
{
  GPtrArray *points = cjm_curve_get_points (curve);
  GString *text = g_string_new (NULL);

  for (guint i = 0; points != NULL && i < points->len; i++)
    {
      const CjmCurvePoint *point = g_ptr_array_index (points, i);

      if (point->phase != NULL)
        g_string_append_printf (text, "[%s %.2f: %.2f]", point->phase, point->at, point->value);
      else
        g_string_append_printf (text, "[%s: %.2f]", point->touchpoint, point->value);
    }
  return g_string_free (text, FALSE);
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

/* Tests ---------------------------------------------------------------------- */

/* Drags a touchpoint of the first phase into the touchpoints cell of the
 * third, as one undoable step that leaves it selected. */
static void
test_drag_touchpoint (Fixture       *f,
                      gconstpointer  data)
{
  GPtrArray *phases = cjm_document_get_phases (f->document);
  GPtrArray *lanes;
  const char *third_id = cjm_entity_get_id (g_ptr_array_index (phases, 2));
  const char *first_id = cjm_entity_get_id (g_ptr_array_index (phases, 0));
  guint lane = lane_of_kind (f, CJM_LANE_TOUCHPOINTS);
  CjmSelection *selection = cjm_canvas_get_selection (f->canvas);
  const CjmLayoutItem *items;
  g_autoptr(CjmTouchpoint) touchpoint = NULL;
  CjmDropTarget target;
  CjmPoint path[12];
  CjmRect cell;
  guint n;

  g_assert_cmpuint (phases->len, >=, 3);
  items = cjm_layout_get_cell_items (f->layout, 0, lane, &n);
  g_assert_cmpuint (n, >, 0);
  touchpoint = g_object_ref (CJM_TOUCHPOINT (items[0].entity));
  g_assert_cmpstr (cjm_touchpoint_get_phase (touchpoint), ==, first_id);

  cjm_layout_get_cell_rect (f->layout, 2, lane, &cell);
  path[0] = (CjmPoint) { items[0].rect.x + items[0].rect.width / 2,
                         items[0].rect.y + items[0].rect.height / 2 };
  path[G_N_ELEMENTS (path) - 1] = (CjmPoint) { cell.x + cell.width / 2, cell.y + cell.height / 2 };
  for (guint i = 1; i < G_N_ELEMENTS (path) - 1; i++)
    {
      double t = (double) i / (G_N_ELEMENTS (path) - 1);

      path[i].x = path[0].x + t * (path[G_N_ELEMENTS (path) - 1].x - path[0].x);
      path[i].y = path[0].y + t * (path[G_N_ELEMENTS (path) - 1].y - path[0].y);
    }
  /* the end of the path is a place the touchpoint may go */
  g_assert_true (cjm_layout_drop_target (f->layout, CJM_TYPE_TOUCHPOINT,
                                         path[G_N_ELEMENTS (path) - 1].x,
                                         path[G_N_ELEMENTS (path) - 1].y, &target));
  g_assert_cmpuint (target.phase, ==, 2);
  g_assert_cmpuint (target.lane, ==, lane);

  drag_along (f, path, G_N_ELEMENTS (path));
  WAIT_UNTIL (g_strcmp0 (cjm_touchpoint_get_phase (touchpoint), third_id) == 0);

  lanes = cjm_document_get_lanes (f->document);
  g_assert_cmpstr (cjm_touchpoint_get_lane (touchpoint), ==,
                   cjm_entity_get_id (g_ptr_array_index (lanes, lane)));
  g_assert_true (cjm_selection_get_primary (selection) == CJM_ENTITY (touchpoint));
  g_assert_cmpuint (cjm_selection_get_count (selection), ==, 1);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->canvas)));
  g_assert_true (can_undo (f));
  g_assert_cmpstr (undo_label (f), ==, "Move Touchpoint");

  /* one step: a single undo brings back the file as it was opened */
  cjm_document_undo (f->document);
  g_assert_cmpstr (cjm_touchpoint_get_phase (touchpoint), ==, first_id);
  g_assert_false (can_undo (f));
}

/* Picks a persona in the persona bar and draws its curve freehand across
 * the emotion lane: a wavy stroke of many samples becomes a few points
 * on the scale, as one undoable step. */
static void
test_draw_curve (Fixture       *f,
                 gconstpointer  data)
{
  GPtrArray *personas = cjm_document_get_personas (f->document);
  CjmPersona *persona = g_ptr_array_index (personas, 1);
  const char *persona_id = cjm_entity_get_id (CJM_ENTITY (persona));
  CjmMap *map = cjm_document_get_map (f->document);
  guint lane = lane_of_kind (f, CJM_LANE_EMOTION);
  GtkWidget *bar, *button;
  GtkAdjustment *hadjustment;
  CjmCurve *curve;
  GPtrArray *points;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  CjmPoint path[40];
  CjmRect lane_rect, first, last;
  double left, right, visible_right;
  CjmHit hit;

  g_assert_cmpuint (personas->len, >=, 2);
  curve = find_curve (f, persona_id, CJM_CURVE_AS_IS);
  g_assert_nonnull (curve);
  before = describe_points (curve);

  /* the persona bar starts on the first persona; a click picks another */
  bar = find_widget (GTK_WIDGET (f->window), is_type, GSIZE_TO_POINTER (CJM_TYPE_PERSONA_BAR));
  g_assert_nonnull (bar);
  button = find_widget (bar, is_persona_button, cjm_persona_get_name (persona));
  g_assert_nonnull (button);
  g_assert_cmpstr (cjm_canvas_get_persona (f->canvas), !=, persona_id);
  click_widget (button);
  WAIT_UNTIL (g_strcmp0 (cjm_canvas_get_persona (f->canvas), persona_id) == 0);
  g_assert_cmpint (cjm_persona_bar_get_variant (CJM_PERSONA_BAR (bar)), ==, CJM_CURVE_AS_IS);

  /* across the phases in view, left to right, in a wave */
  cjm_layout_get_lane_rect (f->layout, lane, &lane_rect);
  cjm_layout_get_phase_rect (f->layout, 0, &first);
  cjm_layout_get_phase_rect (f->layout, cjm_layout_get_n_phases (f->layout) - 1, &last);
  hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->canvas));
  visible_right = (gtk_adjustment_get_value (hadjustment)
                   + gtk_widget_get_width (GTK_WIDGET (f->canvas)) - SCROLLBAR)
                  / cjm_canvas_get_zoom (f->canvas);
  left = first.x + 8;
  right = MIN (last.x + last.width - 8, visible_right - 1);
  g_assert_cmpfloat (right - left, >, 400);
  for (guint i = 0; i < G_N_ELEMENTS (path); i++)
    {
      double t = (double) i / (G_N_ELEMENTS (path) - 1);
      double value = 1.5 * sin (2 * G_PI * 1.5 * t);

      path[i].x = left + t * (right - left);
      path[i].y = cjm_layout_value_to_y (f->layout, lane, value);
      g_assert_true (cjm_rect_contains (&lane_rect, path[i].x, path[i].y));
    }
  /* the stroke starts on the empty lane, not on a curve or its point */
  cjm_layout_hit_test (f->layout, path[0].x, path[0].y, 4, &hit);
  g_assert_cmpint (hit.kind, ==, CJM_HIT_CELL);
  g_assert_cmpint (hit.lane, ==, (int) lane);

  drag_along (f, path, G_N_ELEMENTS (path));
  WAIT_UNTIL (can_undo (f));

  g_assert_true (find_curve (f, persona_id, CJM_CURVE_AS_IS) == curve);
  after = describe_points (curve);
  g_test_message ("%s as-is before: %s", persona_id, before);
  g_test_message ("%s as-is after:  %s", persona_id, after);
  g_assert_cmpstr (after, !=, before);
  points = cjm_curve_get_points (curve);
  g_assert_cmpuint (points->len, >=, 2);
  g_assert_cmpuint (points->len, <=, 20);
  for (guint i = 0; i < points->len; i++)
    {
      const CjmCurvePoint *point = g_ptr_array_index (points, i);

      g_assert_cmpfloat (point->value, >=, cjm_map_get_scale_min (map));
      g_assert_cmpfloat (point->value, <=, cjm_map_get_scale_max (map));
    }
  g_assert_cmpstr (undo_label (f), ==, "Draw Emotion Curve");

  cjm_document_undo (f->document);
  undone = describe_points (curve);
  g_assert_cmpstr (undone, ==, before);
  g_assert_false (can_undo (f));
}

/* From the keyboard: Tab selects the first item, Delete removes it and
 * Ctrl+Z brings it back. */
static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  CjmSelection *selection = cjm_canvas_get_selection (f->canvas);
  g_autofree char *id = NULL;
  CjmEntity *first;

  /* the window opens with the map holding the keyboard */
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->canvas)));
  g_assert_cmpuint (cjm_selection_get_count (selection), ==, 0);
  first = cjm_layout_get_item (f->layout, 0)->entity;
  id = g_strdup (cjm_entity_get_id (first));

  type_key (NoSymbol, XK_Tab);
  WAIT_UNTIL (cjm_selection_get_primary (selection) != NULL);
  g_assert_cmpstr (cjm_entity_get_id (cjm_selection_get_primary (selection)), ==, id);

  type_key (NoSymbol, XK_Delete);
  WAIT_UNTIL (cjm_document_lookup (f->document, id) == NULL);
  g_assert_cmpuint (cjm_selection_get_count (selection), ==, 0);
  g_assert_true (can_undo (f));
  g_assert_nonnull (undo_label (f));
  g_assert_true (g_str_has_prefix (undo_label (f), "Delete"));

  type_key (XK_Control_L, XK_z);
  WAIT_UNTIL (cjm_document_lookup (f->document, id) != NULL);
  g_assert_false (can_undo (f));
  relayout (f);
  g_assert_true (cjm_layout_get_item (f->layout, 0)->entity
                 == cjm_document_lookup (f->document, id));
}

/* Without an X server there is nothing to test; in CI that is a failure. */
static void
test_no_display (void)
{
  if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
    g_test_fail_printf ("no X display: run this test under xvfb-run (package xvfb)");
  else
    g_test_skip ("no X display; run under xvfb-run");
}

/* Deletes @path and everything under it; the folder is the test's own. */
static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

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
  static const char * const user_dirs[] = {
    "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME",
  };
  g_autoptr(GError) error = NULL;
  int status;

  /* Labels compared below are the untranslated ones. */
  gtk_disable_setlocale ();
  /* Without a session bus GApplication works on its own; left to itself,
   * GDBus would start one through X11 autolaunch that outlives the test. */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/reiskaart-test-bus", TRUE);

  /* The maps the tests open, and the recent files list opening them adds
   * to, stay in a folder of our own rather than the user's. */
  work_dir = g_dir_make_tmp ("reiskaart-ui-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (user_dirs); i++)
    {
      g_autofree char *dir = g_build_filename (work_dir, user_dirs[i], NULL);

      g_setenv (user_dirs[i], dir, TRUE);
    }

  g_test_init (&argc, &argv, NULL);
  gdk_set_allowed_backends ("x11");

  if (gtk_init_check () && GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      int event_base, error_base, major, minor;

      if (!XTestQueryExtension (xdisplay (), &event_base, &error_base, &major, &minor))
        g_error ("the X server has no XTEST extension");

      app = g_object_new (CJM_TYPE_APPLICATION,
                          "application-id", TEST_APP_ID,
                          "resource-base-path", "/io/github/reiskaart/Reiskaart",
                          "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                          NULL);
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);

      g_test_add ("/ui/canvas/drag-touchpoint", Fixture, NULL,
                  fixture_set_up, test_drag_touchpoint, fixture_tear_down);
      g_test_add ("/ui/canvas/draw-curve", Fixture, NULL,
                  fixture_set_up, test_draw_curve, fixture_tear_down);
      g_test_add ("/ui/canvas/keyboard", Fixture, NULL,
                  fixture_set_up, test_keyboard, fixture_tear_down);
    }
  else
    {
      /* a failure here ends the program before the cleanup below */
      remove_tree (work_dir);
      g_clear_pointer (&work_dir, g_free);
      g_test_add_func ("/ui/no-display", test_no_display);
    }

  status = g_test_run ();

  g_clear_object (&app);
  if (work_dir != NULL)
    remove_tree (work_dir);
  g_clear_pointer (&work_dir, g_free);
  return status;
}
