/* test-model.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The document model: the verbs, their validation, undo and redo, the
 * "modified" state, cascading removal, placement in cells, change
 * notification and text cleaning. Documents are compared through their
 * canonical serialisation, which is byte-for-byte deterministic. */

#include <math.h>
#include <string.h>

#include <glib.h>

#include "cjm-document.h"
#include "cjm-reader.h"
#include "cjm-writer.h"
#include "cjm-test-util.h"

/* Helpers -------------------------------------------------------------- */

/* The canonical serialisation, as a string. */
static char *
serialize (CjmDocument *document)
{
  g_autoptr(GBytes) bytes = cjm_writer_save_to_bytes (document);
  gsize length = 0;
  const char *data;

  g_assert_nonnull (bytes);
  data = g_bytes_get_data (bytes, &length);
  g_assert_cmpuint (length, >, 0);
  /* the writer never emits a nul, so the text is all there */
  g_assert_null (memchr (data, '\0', length));
  return g_strndup (data, length);
}

/* Compares two serialisations and, when they differ, names the first line
 * that does, which says far more than two 30 KB strings. */
#define assert_same_text(a, b) assert_same_text_impl ((a), (b), G_STRLOC)

static void
assert_same_text_impl (const char *a,
                       const char *b,
                       const char *where)
{
  g_auto(GStrv) la = NULL;
  g_auto(GStrv) lb = NULL;

  if (g_strcmp0 (a, b) == 0)
    return;

  la = g_strsplit (a != NULL ? a : "", "\n", -1);
  lb = g_strsplit (b != NULL ? b : "", "\n", -1);
  for (guint i = 0; la[i] != NULL || lb[i] != NULL; i++)
    if (la[i] == NULL || lb[i] == NULL || strcmp (la[i], lb[i]) != 0)
      {
        g_test_message ("%s: serialisations differ at line %u:\n  - %s\n  + %s",
                        where, i + 1,
                        la[i] != NULL ? la[i] : "(end)",
                        lb[i] != NULL ? lb[i] : "(end)");
        break;
      }
  g_test_fail_printf ("%s: serialisations differ", where);
}

/* Loads a serialisation again, so a state the editor made is one the reader
 * accepts, and checks it serialises to the same bytes. */
static void
assert_reloads (CjmDocument *document)
{
  g_autofree char *text = serialize (document);
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(CjmDocument) loaded = NULL;
  g_autofree char *again = NULL;
  CjmLocation location = { 0, 0 };

  loaded = cjm_reader_load_bytes (bytes, &location, &error);
  if (error != NULL)
    g_test_message ("reload failed at %d:%d", location.line, location.column);
  g_assert_no_error (error);
  again = serialize (loaded);
  assert_same_text (text, again);
}

/* The ids of a list, space-separated, in order. */
static char *
list_ids (GPtrArray *list)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, cjm_entity_get_id (g_ptr_array_index (list, i)));
    }
  return g_string_free (out, FALSE);
}

static char *
cell_ids (CjmDocument *document,
          const char  *phase_id,
          const char  *lane_id)
{
  g_autoptr(GPtrArray) items = cjm_document_get_cell_items (document, phase_id, lane_id);

  return list_ids (items);
}

static char *
strv_join (const char * const *strv)
{
  if (strv == NULL)
    return g_strdup ("");
  return g_strjoinv (" ", (char **) strv);
}

static CjmHistory *
history_of (CjmDocument *document)
{
  return cjm_document_get_history (document);
}

static guint
count_undo_steps (CjmDocument *document)
{
  /* Undo everything, counting, then redo it all back. */
  guint n = 0;

  while (cjm_document_undo (document))
    n++;
  for (guint i = 0; i < n; i++)
    g_assert_true (cjm_document_redo (document));
  return n;
}

/* Constructors for entities that are not yet part of a document, so
 * setting their fields directly is what the UI would do too. */

static CjmEntity *
make_persona (const char *id,
              const char *name)
{
  CjmPersona *persona = cjm_persona_new (id);

  g_object_set (persona, "name", name, NULL);
  return CJM_ENTITY (persona);
}

static CjmEntity *
make_phase (const char *id,
            const char *name)
{
  CjmPhase *phase = cjm_phase_new (id);

  g_object_set (phase, "name", name, NULL);
  return CJM_ENTITY (phase);
}

static CjmEntity *
make_lane (const char  *id,
           CjmLaneKind  kind)
{
  CjmLane *lane = cjm_lane_new (id);

  g_object_set (lane, "kind", kind, "name", id, NULL);
  return CJM_ENTITY (lane);
}

static CjmEntity *
make_channel (const char *id,
              const char *name)
{
  CjmChannel *channel = cjm_channel_new (id);

  g_object_set (channel, "name", name, "group", CJM_CHANNEL_GROUP_DIGITAL, NULL);
  return CJM_ENTITY (channel);
}

static CjmEntity *
make_touchpoint (const char *id,
                 const char *phase,
                 const char *lane)
{
  CjmTouchpoint *touchpoint = cjm_touchpoint_new (id);

  g_object_set (touchpoint, "phase", phase, "lane", lane, "title", id, NULL);
  return CJM_ENTITY (touchpoint);
}

static CjmEntity *
make_card (const char *id,
           const char *phase,
           const char *lane)
{
  CjmCard *card = cjm_card_new (id);

  g_object_set (card, "phase", phase, "lane", lane, "text", id, NULL);
  return CJM_ENTITY (card);
}

static CjmEntity *
make_transition (const char *id,
                 const char *from,
                 const char *to)
{
  CjmTransition *transition = cjm_transition_new (id);

  g_object_set (transition, "from", from, "to", to, NULL);
  return CJM_ENTITY (transition);
}

static CjmEntity *
make_curve (const char      *id,
            const char      *persona,
            CjmCurveVariant  variant)
{
  CjmCurve *curve = cjm_curve_new (id);

  g_object_set (curve, "persona", persona, "variant", variant, NULL);
  return CJM_ENTITY (curve);
}

static CjmEntity *
make_action (const char *id,
             const char *title)
{
  CjmAction *action = cjm_action_new (id);

  g_object_set (action, "title", title, NULL);
  return CJM_ENTITY (action);
}

static void
add_ok (CjmDocument *document,
        CjmEntity   *entity)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cjm_document_add (document, entity, -1, &error));
  g_assert_no_error (error);
}

/* A small map built with the verbs:
 *
 *   personas  anna, tom
 *   channels  kiosk
 *   phases    ph1, ph2
 *   lanes     tps (touchpoints), acts (actions), emo (emotion), notes
 *   ph1/tps   t1 t2 t3          ph2/tps  t4 t5
 *   ph1/acts  c1 c2             ph2/acts c3
 *   cards c1 -> t1 t2, c3 -> t1 t4
 *   transitions tr12 (t1->t2), tr24 (t2->t4)
 *   curves    anna-as-is with points in ph1, on t2, on t4
 *   actions   ac1 addressing c1 t2 t4
 */
static CjmDocument *
build_small_map (void)
{
  CjmDocument *document = cjm_document_new ();
  g_autoptr(GPtrArray) points = g_ptr_array_new_with_free_func ((GDestroyNotify) cjm_curve_point_free);
  const char *anna_only[] = { "anna", NULL };
  const char *both[] = { "anna", "tom", NULL };
  const char *card_links[] = { "t1", "t2", NULL };
  const char *c3_links[] = { "t1", "t4", NULL };
  const char *addresses[] = { "c1", "t2", "t4", NULL };
  CjmEntity *entity;

  add_ok (document, make_persona ("anna", "Anna"));
  add_ok (document, make_persona ("tom", "Tom"));
  add_ok (document, make_channel ("kiosk", "Kiosk"));
  add_ok (document, make_phase ("ph1", "Phase one"));
  add_ok (document, make_phase ("ph2", "Phase two"));
  add_ok (document, make_lane ("tps", CJM_LANE_TOUCHPOINTS));
  add_ok (document, make_lane ("acts", CJM_LANE_ACTIONS));
  add_ok (document, make_lane ("emo", CJM_LANE_EMOTION));
  add_ok (document, make_lane ("notes", CJM_LANE_NOTES));

  entity = make_touchpoint ("t1", "ph1", "tps");
  g_object_set (entity, "channel", "kiosk", "personas", anna_only, "emotion", 1, NULL);
  add_ok (document, entity);
  entity = make_touchpoint ("t2", "ph1", "tps");
  g_object_set (entity, "channel", "website", "personas", both, "emotion", -2, NULL);
  add_ok (document, entity);
  entity = make_touchpoint ("t3", "ph1", "tps");
  g_object_set (entity, "personas", both, NULL);
  add_ok (document, entity);
  add_ok (document, make_touchpoint ("t4", "ph2", "tps"));
  entity = make_touchpoint ("t5", "ph2", "tps");
  g_object_set (entity, "channel", "kiosk", NULL);
  add_ok (document, entity);

  entity = make_card ("c1", "ph1", "acts");
  g_object_set (entity, "touchpoints", card_links, NULL);
  add_ok (document, entity);
  add_ok (document, make_card ("c2", "ph1", "acts"));
  entity = make_card ("c3", "ph2", "acts");
  g_object_set (entity, "touchpoints", c3_links, NULL);
  add_ok (document, entity);

  add_ok (document, make_transition ("tr12", "t1", "t2"));
  add_ok (document, make_transition ("tr24", "t2", "t4"));

  g_ptr_array_add (points, cjm_curve_point_new_in_phase ("ph1", 0.5, 1));
  g_ptr_array_add (points, cjm_curve_point_new_on_touchpoint ("t2", -1.5));
  g_ptr_array_add (points, cjm_curve_point_new_on_touchpoint ("t4", 2));
  entity = make_curve ("anna-as-is", "anna", CJM_CURVE_AS_IS);
  g_object_set (entity, "points", points, NULL);
  add_ok (document, entity);

  entity = make_action ("ac1", "Fix it");
  g_object_set (entity, "addresses", addresses, NULL);
  add_ok (document, entity);

  return document;
}

/* Checks that a refused verb left no trace: same bytes, same history. */
typedef struct
{
  char    *text;
  guint64  state;
  gboolean can_undo;
  gboolean can_redo;
  gboolean modified;
  char    *undo_label;
} Snapshot;

static Snapshot *
snapshot_take (CjmDocument *document)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);
  CjmHistory *history = history_of (document);

  snapshot->text = serialize (document);
  snapshot->state = cjm_history_get_state (history);
  snapshot->can_undo = cjm_history_get_can_undo (history);
  snapshot->can_redo = cjm_history_get_can_redo (history);
  snapshot->modified = cjm_history_get_modified (history);
  snapshot->undo_label = g_strdup (cjm_history_get_undo_label (history));
  return snapshot;
}

static void
snapshot_free (Snapshot *snapshot)
{
  g_free (snapshot->text);
  g_free (snapshot->undo_label);
  g_free (snapshot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_free)

#define assert_unchanged(doc, snap) assert_unchanged_impl ((doc), (snap), G_STRLOC)

static void
assert_unchanged_impl (CjmDocument *document,
                       Snapshot    *snapshot,
                       const char  *where)
{
  g_autofree char *text = serialize (document);
  CjmHistory *history = history_of (document);

  assert_same_text_impl (snapshot->text, text, where);
  g_assert_cmpuint (cjm_history_get_state (history), ==, snapshot->state);
  g_assert_cmpint (cjm_history_get_can_undo (history), ==, snapshot->can_undo);
  g_assert_cmpint (cjm_history_get_can_redo (history), ==, snapshot->can_redo);
  g_assert_cmpint (cjm_history_get_modified (history), ==, snapshot->modified);
  g_assert_cmpstr (cjm_history_get_undo_label (history), ==, snapshot->undo_label);
}

/* After a verb wrongly accepted a change: says whether the reader would
 * refuse the saved map, which is what makes such a change harmful. */
static void
report_reload (CjmDocument *document,
               const char  *where)
{
  g_autofree char *text = serialize (document);
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(CjmDocument) loaded = cjm_reader_load_bytes (bytes, NULL, &error);

  if (loaded == NULL)
    g_test_message ("%s: and the reader refuses the saved map: %s", where, error->message);
}

/* Adds @entity expecting a refusal with @code; the document must be as it
 * was. */
#define assert_add_refused(doc, entity, code) \
  assert_add_refused_impl ((doc), (entity), (code), G_STRLOC)

static void
assert_add_refused_impl (CjmDocument   *document,
                         CjmEntity     *entity,
                         CjmModelError  code,
                         const char    *where)
{
  g_autoptr(Snapshot) before = snapshot_take (document);
  g_autoptr(GError) error = NULL;
  guint count = cjm_document_count_entities (document);
  gboolean ok;

  ok = cjm_document_add (document, entity, -1, &error);
  if (ok)
    {
      /* not fatal, so the rest of the test still runs on an intact map */
      g_test_message ("%s: the add of \"%s\" was accepted", where, cjm_entity_get_id (entity));
      g_test_fail_printf ("%s: the add was accepted", where);
      report_reload (document, where);
      cjm_document_undo (document);
      return;
    }
  g_assert_error (error, CJM_MODEL_ERROR, (int) code);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_cmpuint (cjm_document_count_entities (document), ==, count);
  assert_unchanged_impl (document, before, where);
}

#define assert_set_refused(doc, target, prop, value, code) \
  assert_set_refused_impl ((doc), (target), (prop), (value), (code), G_STRLOC)

static void
assert_set_refused_impl (CjmDocument   *document,
                         CjmEntity     *target,
                         const char    *property,
                         const GValue  *value,
                         CjmModelError  code,
                         const char    *where)
{
  g_autoptr(Snapshot) before = snapshot_take (document);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = cjm_document_set_value (document, target, property, value, &error);
  if (ok)
    {
      g_test_message ("%s: setting \"%s\" of \"%s\" was accepted", where, property,
                      cjm_entity_get_id (target));
      g_test_fail_printf ("%s: setting \"%s\" was accepted", where, property);
      report_reload (document, where);
      cjm_document_undo (document);
      return;
    }
  g_assert_error (error, CJM_MODEL_ERROR, (int) code);
  assert_unchanged_impl (document, before, where);
}

/* Records the "changed" signal. */
typedef struct
{
  guint      kind;
  CjmEntity *entity;
  char      *field;
} Change;

static void
change_free (gpointer data)
{
  Change *change = data;

  g_clear_object (&change->entity);
  g_free (change->field);
  g_free (change);
}

static void
on_document_changed (CjmDocument *document,
                     guint        kind,
                     CjmEntity   *entity,
                     const char  *field,
                     gpointer     user_data)
{
  GPtrArray *changes = user_data;
  Change *change = g_new0 (Change, 1);

  g_assert_true (CJM_IS_DOCUMENT (document));
  g_assert_true (CJM_IS_ENTITY (entity));
  change->kind = kind;
  change->entity = g_object_ref (entity);
  change->field = g_strdup (field);
  g_ptr_array_add (changes, change);
}

static GPtrArray *
record_changes (CjmDocument *document)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func (change_free);

  g_signal_connect (document, "changed", G_CALLBACK (on_document_changed), changes);
  return changes;
}

static void
stop_recording (CjmDocument *document,
                GPtrArray   *changes)
{
  g_assert_cmpuint (g_signal_handlers_disconnect_by_data (document, changes), ==, 1);
}

/* Whether @changes holds a change of @kind for the entity with @id (and
 * @field when not %NULL). */
static gboolean
has_change (GPtrArray  *changes,
            guint       kind,
            const char *id,
            const char *field)
{
  for (guint i = 0; i < changes->len; i++)
    {
      Change *change = g_ptr_array_index (changes, i);

      if (change->kind == kind
          && g_strcmp0 (cjm_entity_get_id (change->entity), id) == 0
          && (field == NULL || g_strcmp0 (change->field, field) == 0))
        return TRUE;
    }
  return FALSE;
}

/* Document: building a map --------------------------------------------- */

static void
test_document_new (void)
{
  g_autoptr(CjmDocument) document = cjm_document_new ();
  CjmHistory *history = history_of (document);
  CjmMap *map = cjm_document_get_map (document);

  g_assert_true (CJM_IS_MAP (map));
  g_assert_cmpuint (cjm_document_count_entities (document), ==, 0);
  g_assert_cmpuint (cjm_document_get_phases (document)->len, ==, 0);
  g_assert_cmpuint (cjm_document_get_lanes (document)->len, ==, 0);
  g_assert_cmpint (cjm_map_get_scale_min (map), ==, -2);
  g_assert_cmpint (cjm_map_get_scale_max (map), ==, 2);
  g_assert_false (cjm_history_get_can_undo (history));
  g_assert_false (cjm_history_get_can_redo (history));
  g_assert_false (cjm_history_get_modified (history));
  g_assert_null (cjm_history_get_undo_label (history));
  g_assert_false (cjm_document_undo (document));
  g_assert_false (cjm_document_redo (document));
  assert_reloads (document);
}

static void
test_document_add (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  g_autofree char *personas = list_ids (cjm_document_get_personas (document));
  g_autofree char *channels = list_ids (cjm_document_get_channels (document));
  g_autofree char *phases = list_ids (cjm_document_get_phases (document));
  g_autofree char *lanes = list_ids (cjm_document_get_lanes (document));
  g_autofree char *touchpoints = list_ids (cjm_document_get_touchpoints (document));
  g_autofree char *cards = list_ids (cjm_document_get_cards (document));
  g_autofree char *transitions = list_ids (cjm_document_get_transitions (document));
  g_autofree char *curves = list_ids (cjm_document_get_curves (document));
  g_autofree char *actions = list_ids (cjm_document_get_actions (document));
  g_autofree char *text = NULL;
  CjmTouchpoint *t2;
  CjmCurve *curve;

  g_assert_cmpstr (personas, ==, "anna tom");
  g_assert_cmpstr (channels, ==, "kiosk");
  g_assert_cmpstr (phases, ==, "ph1 ph2");
  g_assert_cmpstr (lanes, ==, "tps acts emo notes");
  g_assert_cmpstr (touchpoints, ==, "t1 t2 t3 t4 t5");
  g_assert_cmpstr (cards, ==, "c1 c2 c3");
  g_assert_cmpstr (transitions, ==, "tr12 tr24");
  g_assert_cmpstr (curves, ==, "anna-as-is");
  g_assert_cmpstr (actions, ==, "ac1");
  g_assert_cmpuint (cjm_document_count_entities (document), ==, 2 + 1 + 2 + 4 + 5 + 3 + 2 + 1 + 1);

  g_assert_true (cjm_document_get_list (document, CJM_TYPE_TOUCHPOINT)
                 == cjm_document_get_touchpoints (document));
  t2 = CJM_TOUCHPOINT (cjm_document_lookup (document, "t2"));
  g_assert_nonnull (t2);
  g_assert_cmpstr (cjm_touchpoint_get_phase (t2), ==, "ph1");
  g_assert_cmpstr (cjm_touchpoint_get_channel (t2), ==, "website");
  g_assert_cmpint (cjm_touchpoint_get_emotion (t2), ==, -2);
  g_assert_null (cjm_document_lookup (document, "nope"));
  g_assert_null (cjm_document_lookup (document, NULL));
  curve = CJM_CURVE (cjm_document_lookup (document, "anna-as-is"));
  g_assert_cmpuint (cjm_curve_get_points (curve)->len, ==, 3);

  /* every add is its own step */
  g_assert_cmpuint (count_undo_steps (document), ==, cjm_document_count_entities (document));
  g_assert_true (cjm_history_get_modified (history_of (document)));

  text = serialize (document);
  g_assert_nonnull (strstr (text, "<touchpoint id=\"t2\" phase=\"ph1\" lane=\"tps\" channel=\"website\" emotion=\"-2\""));
  assert_reloads (document);
}

static void
test_document_add_index (void)
{
  g_autoptr(CjmDocument) document = cjm_document_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *after_undo = NULL;

  g_assert_true (cjm_document_add (document, make_phase ("b", "B"), -1, &error));
  g_assert_true (cjm_document_add (document, make_phase ("a", "A"), 0, &error));
  g_assert_true (cjm_document_add (document, make_phase ("d", "D"), 2, &error));
  g_assert_true (cjm_document_add (document, make_phase ("c", "C"), 2, &error));
  g_assert_true (cjm_document_add (document, make_phase ("e", "E"), 100, &error));
  g_assert_no_error (error);
  ids = list_ids (cjm_document_get_phases (document));
  g_assert_cmpstr (ids, ==, "a b c d e");

  g_assert_true (cjm_document_undo (document));
  g_assert_true (cjm_document_undo (document));
  after_undo = list_ids (cjm_document_get_phases (document));
  g_assert_cmpstr (after_undo, ==, "a b d");
  g_assert_null (cjm_document_lookup (document, "c"));
  g_assert_true (cjm_document_redo (document));
  g_clear_pointer (&ids, g_free);
  ids = list_ids (cjm_document_get_phases (document));
  g_assert_cmpstr (ids, ==, "a b c d");
  g_assert_nonnull (cjm_document_lookup (document, "c"));
}

static void
test_document_new_id (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  add_ok (document, make_persona ("tp1", "Clash"));
  add_ok (document, make_persona ("tp2", "Clash"));
  for (guint i = 0; i < 50; i++)
    {
      char *id = cjm_document_new_id (document, "tp");

      g_assert_true (g_str_has_prefix (id, "tp"));
      g_assert_null (cjm_document_lookup (document, id));
      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, id);
      if (i % 5 == 0)
        add_ok (document, make_touchpoint (id, "ph1", "tps"));
    }
}

static void
test_document_can_place (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();

  g_assert_true (cjm_document_can_place (document, CJM_TYPE_TOUCHPOINT, "tps"));
  g_assert_false (cjm_document_can_place (document, CJM_TYPE_TOUCHPOINT, "acts"));
  g_assert_false (cjm_document_can_place (document, CJM_TYPE_TOUCHPOINT, "emo"));
  g_assert_false (cjm_document_can_place (document, CJM_TYPE_CARD, "tps"));
  g_assert_false (cjm_document_can_place (document, CJM_TYPE_CARD, "emo"));
  g_assert_true (cjm_document_can_place (document, CJM_TYPE_CARD, "acts"));
  g_assert_true (cjm_document_can_place (document, CJM_TYPE_CARD, "notes"));
  g_assert_false (cjm_document_can_place (document, CJM_TYPE_CARD, "ph1"));
  g_assert_false (cjm_document_can_place (document, CJM_TYPE_CARD, "nope"));
}

static void
test_document_cell_items (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  g_autofree char *a = cell_ids (document, "ph1", "tps");
  g_autofree char *b = cell_ids (document, "ph2", "tps");
  g_autofree char *c = cell_ids (document, "ph1", "acts");
  g_autofree char *d = cell_ids (document, "ph2", "acts");
  g_autofree char *e = cell_ids (document, "ph1", "notes");
  g_autofree char *f = cell_ids (document, "ph1", "nope");
  g_autofree char *g = NULL;

  g_assert_cmpstr (a, ==, "t1 t2 t3");
  g_assert_cmpstr (b, ==, "t4 t5");
  g_assert_cmpstr (c, ==, "c1 c2");
  g_assert_cmpstr (d, ==, "c3");
  g_assert_cmpstr (e, ==, "");
  g_assert_cmpstr (f, ==, "");

  /* the order in a cell is the order of the list, whatever else lies
   * between */
  add_ok (document, make_touchpoint ("t0", "ph1", "tps"));
  g_assert_true (cjm_document_add (document, make_touchpoint ("tfirst", "ph1", "tps"), 0, NULL));
  g = cell_ids (document, "ph1", "tps");
  g_assert_cmpstr (g, ==, "tfirst t1 t2 t3 t0");
}

static void
test_document_set (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  CjmTouchpoint *t1 = CJM_TOUCHPOINT (cjm_document_lookup (document, "t1"));
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  guint steps;

  cjm_history_mark_saved (history_of (document));
  steps = count_undo_steps (document);
  before = serialize (document);

  g_assert_true (cjm_document_set (document, CJM_ENTITY (t1), &error,
                                   "title", "Renamed",
                                   "emotion", -1,
                                   "importance", CJM_IMPORTANCE_CRITICAL,
                                   "managed", FALSE,
                                   "owner", "Sales",
                                   NULL));
  g_assert_no_error (error);
  g_assert_cmpstr (cjm_touchpoint_get_title (t1), ==, "Renamed");
  g_assert_cmpint (cjm_touchpoint_get_emotion (t1), ==, -1);
  g_assert_cmpint (cjm_touchpoint_get_importance (t1), ==, CJM_IMPORTANCE_CRITICAL);
  g_assert_false (cjm_touchpoint_get_managed (t1));
  g_assert_cmpstr (cjm_touchpoint_get_owner (t1), ==, "Sales");
  g_assert_cmpstr (cjm_history_get_undo_label (history_of (document)), ==, "Edit Touchpoint");
  g_assert_cmpuint (count_undo_steps (document), ==, steps + 1);
  after = serialize (document);

  /* nothing to remove: no step */
  cjm_document_remove_many (document, NULL, 0);
  g_assert_cmpuint (count_undo_steps (document), ==, steps + 1);

  /* five fields, one step */
  g_assert_true (cjm_document_undo (document));
  undone = serialize (document);
  assert_same_text (before, undone);
  g_assert_cmpint (cjm_touchpoint_get_emotion (t1), ==, 1);
  g_assert_true (cjm_touchpoint_get_managed (t1));
  g_assert_null (cjm_touchpoint_get_owner (t1));
  g_assert_false (cjm_history_get_modified (history_of (document)));
  g_assert_true (cjm_document_redo (document));
  redone = serialize (document);
  assert_same_text (after, redone);

  /* each value is checked against what the earlier ones left: the two
   * ends of the scale can move together past each other */
  g_assert_false (cjm_document_set (document, CJM_ENTITY (cjm_document_get_map (document)), &error,
                                    "scale-max", 7,
                                    "scale-min", 3,
                                    NULL));
  g_assert_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpint (cjm_map_get_scale_max (cjm_document_get_map (document)), ==, 2);
  g_assert_true (cjm_document_set (document, CJM_ENTITY (cjm_document_get_map (document)), &error,
                                   "scale-min", -5,
                                   "scale-max", 5,
                                   NULL));
  g_assert_no_error (error);
  g_assert_cmpint (cjm_map_get_scale_min (cjm_document_get_map (document)), ==, -5);
  g_assert_cmpint (cjm_map_get_scale_max (cjm_document_get_map (document)), ==, 5);
  g_assert_cmpstr (cjm_history_get_undo_label (history_of (document)), ==, "Edit Map");
}

static void
test_document_set_value (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  CjmEntity *phase = cjm_document_lookup (document, "ph1");
  CjmEntity *lane = cjm_document_lookup (document, "acts");
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  /* an int is transformed into the double a width is */
  g_value_init (&value, G_TYPE_INT);
  g_value_set_int (&value, 400);
  g_assert_true (cjm_document_set_value (document, phase, "width", &value, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (cjm_phase_get_width (CJM_PHASE (phase)), ==, 400.0);
  g_assert_cmpstr (cjm_history_get_undo_label (history_of (document)), ==, "Resize Phase");

  g_value_set_int (&value, 55);
  g_assert_true (cjm_document_set_value (document, lane, "height", &value, &error));
  g_assert_cmpfloat (cjm_lane_get_height (CJM_LANE (lane)), ==, 55.0);
  g_assert_cmpstr (cjm_history_get_undo_label (history_of (document)), ==, "Resize Lane");

  /* out of the field's range */
  g_value_set_int (&value, 59);
  assert_set_refused (document, phase, "width", &value, CJM_MODEL_ERROR_INVALID_VALUE);
  g_value_set_int (&value, 4001);
  assert_set_refused (document, phase, "width", &value, CJM_MODEL_ERROR_INVALID_VALUE);
  g_value_set_int (&value, 39);
  assert_set_refused (document, lane, "height", &value, CJM_MODEL_ERROR_INVALID_VALUE);

  g_assert_true (cjm_document_undo (document));
  g_assert_cmpfloat (cjm_lane_get_height (CJM_LANE (lane)), ==, 160.0);
  g_assert_true (cjm_document_undo (document));
  g_assert_cmpfloat (cjm_phase_get_width (CJM_PHASE (phase)), ==, 280.0);
}

static void
test_document_edit_text (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  CjmEntity *t1 = cjm_document_lookup (document, "t1");
  CjmEntity *c1 = cjm_document_lookup (document, "c1");
  CjmMap *map = cjm_document_get_map (document);
  g_autoptr(GError) error = NULL;

  g_assert_true (cjm_document_edit_text (document, t1, "title", "Line one\nline two", &error));
  g_assert_no_error (error);
  /* a title is one line */
  g_assert_cmpstr (cjm_touchpoint_get_title (CJM_TOUCHPOINT (t1)), ==, "Line one line two");
  g_assert_true (cjm_document_edit_text (document, t1, "description", "Line one\r\nline two", &error));
  /* a description keeps its lines, with \n endings */
  g_assert_cmpstr (cjm_touchpoint_get_description (CJM_TOUCHPOINT (t1)), ==, "Line one\nline two");
  g_assert_true (cjm_document_edit_text (document, c1, "text", "Card\ttext", &error));
  g_assert_cmpstr (cjm_card_get_text (CJM_CARD (c1)), ==, "Card\ttext");
  g_assert_cmpstr (cjm_history_get_undo_label (history_of (document)), ==, "Edit Card");
  g_assert_true (cjm_document_edit_text (document, CJM_ENTITY (map), "title", "My map", &error));
  g_assert_cmpstr (cjm_map_get_title (map), ==, "My map");
  g_assert_cmpstr (cjm_history_get_undo_label (history_of (document)), ==, "Edit Map");

  /* empty text unsets an optional field */
  g_assert_true (cjm_document_edit_text (document, t1, "description", "", &error));
  g_assert_null (cjm_touchpoint_get_description (CJM_TOUCHPOINT (t1)));

  /* text that is not a valid date is refused for a date field */
  g_assert_true (cjm_document_edit_text (document, cjm_document_lookup (document, "ac1"),
                                         "due", "2026-02-28", &error));
  g_assert_cmpstr (cjm_action_get_due (CJM_ACTION (cjm_document_lookup (document, "ac1"))),
                   ==, "2026-02-28");
  g_assert_no_error (error);
  {
    g_autoptr(Snapshot) before = snapshot_take (document);

    g_assert_false (cjm_document_edit_text (document, cjm_document_lookup (document, "ac1"),
                                            "due", "2026-02-30", &error));
    g_assert_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_VALUE);
    g_clear_error (&error);
    g_assert_false (cjm_document_edit_text (document, CJM_ENTITY (map), "language", "not a tag!",
                                            &error));
    g_assert_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_VALUE);
    g_clear_error (&error);
    assert_unchanged (document, before);
  }
  g_assert_true (cjm_document_edit_text (document, CJM_ENTITY (map), "language", "en-GB", &error));
  g_assert_cmpstr (cjm_map_get_language (map), ==, "en-GB");
  assert_reloads (document);
}

/* Refusals: every verb checks and leaves no trace ----------------------- */

static GValue *
string_value (GValue     *value,
              const char *text)
{
  g_value_init (value, G_TYPE_STRING);
  g_value_set_string (value, text);
  return value;
}

static GValue *
int_value (GValue *value,
           int     number)
{
  g_value_init (value, G_TYPE_INT);
  g_value_set_int (value, number);
  return value;
}

static GValue *
strv_value (GValue             *value,
            const char * const *strv)
{
  g_value_init (value, G_TYPE_STRV);
  g_value_set_boxed (value, strv);
  return value;
}

static GValue *
list_value (GValue    *value,
            GPtrArray *list)
{
  g_value_init (value, G_TYPE_PTR_ARRAY);
  g_value_set_boxed (value, list);
  return value;
}

static GPtrArray *
new_points (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) cjm_curve_point_free);
}

static GPtrArray *
new_metrics (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) cjm_metric_free);
}

static void
test_refuse_reference (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  const char *ghost_persona[] = { "anna", "ghost", NULL };
  const char *twice[] = { "anna", "anna", NULL };
  const char *card_not_touchpoint[] = { "t1", "c2", NULL };
  const char *phase_address[] = { "c1", "ph1", NULL };
  const char *ghost_address[] = { "ghost", NULL };
  const char *persona_address[] = { "tom", NULL };
  CjmEntity *entity;

  /* touchpoints */
  assert_add_refused (document, make_touchpoint ("x", "ghost", "tps"),
                      CJM_MODEL_ERROR_INVALID_REFERENCE);
  assert_add_refused (document, make_touchpoint ("x", "ph1", "ph2"),
                      CJM_MODEL_ERROR_INVALID_REFERENCE);
  assert_add_refused (document, make_touchpoint ("x", "tps", "tps"),
                      CJM_MODEL_ERROR_INVALID_REFERENCE);
  assert_add_refused (document, make_touchpoint ("x", NULL, "tps"),
                      CJM_MODEL_ERROR_INVALID_REFERENCE);
  assert_add_refused (document, make_touchpoint ("x", "ph1", NULL),
                      CJM_MODEL_ERROR_INVALID_REFERENCE);
  entity = make_touchpoint ("x", "ph1", "tps");
  g_object_set (entity, "personas", ghost_persona, NULL);
  assert_add_refused (document, entity, CJM_MODEL_ERROR_INVALID_REFERENCE);
  entity = make_touchpoint ("x", "ph1", "tps");
  g_object_set (entity, "personas", twice, NULL);
  assert_add_refused (document, entity, CJM_MODEL_ERROR_DUPLICATE);
  entity = make_touchpoint ("x", "ph1", "tps");
  g_object_set (entity, "channel", "teleport", NULL);
  assert_add_refused (document, entity, CJM_MODEL_ERROR_INVALID_REFERENCE);
  entity = make_touchpoint ("x", "ph1", "tps");
  g_object_set (entity, "channel", "anna", NULL);
  assert_add_refused (document, entity, CJM_MODEL_ERROR_INVALID_REFERENCE);

  /* cards */
  assert_add_refused (document, make_card ("x", "ghost", "acts"),
                      CJM_MODEL_ERROR_INVALID_REFERENCE);
  entity = make_card ("x", "ph1", "acts");
  g_object_set (entity, "touchpoints", card_not_touchpoint, NULL);
  assert_add_refused (document, entity, CJM_MODEL_ERROR_INVALID_REFERENCE);

  /* transitions */
  assert_add_refused (document, make_transition ("x", "ghost", "t2"),
                      CJM_MODEL_ERROR_INVALID_REFERENCE);
  assert_add_refused (document, make_transition ("x", "t1", "c1"),
                      CJM_MODEL_ERROR_INVALID_REFERENCE);
  assert_add_refused (document, make_transition ("x", "t1", NULL),
                      CJM_MODEL_ERROR_INVALID_REFERENCE);

  /* curves */
  assert_add_refused (document, make_curve ("x", "ghost", CJM_CURVE_TO_BE),
                      CJM_MODEL_ERROR_INVALID_REFERENCE);
  assert_add_refused (document, make_curve ("x", "t1", CJM_CURVE_TO_BE),
                      CJM_MODEL_ERROR_INVALID_REFERENCE);
  {
    g_autoptr(GPtrArray) points = new_points ();

    g_ptr_array_add (points, cjm_curve_point_new_in_phase ("ghost", 0.5, 0));
    entity = make_curve ("x", "tom", CJM_CURVE_AS_IS);
    g_object_set (entity, "points", points, NULL);
    assert_add_refused (document, entity, CJM_MODEL_ERROR_INVALID_REFERENCE);
  }
  {
    g_autoptr(GPtrArray) points = new_points ();

    g_ptr_array_add (points, cjm_curve_point_new_on_touchpoint ("c1", 0));
    entity = make_curve ("x", "tom", CJM_CURVE_AS_IS);
    g_object_set (entity, "points", points, NULL);
    assert_add_refused (document, entity, CJM_MODEL_ERROR_INVALID_REFERENCE);
  }

  /* actions address touchpoints and cards only */
  entity = make_action ("x", "Act");
  g_object_set (entity, "addresses", phase_address, NULL);
  assert_add_refused (document, entity, CJM_MODEL_ERROR_INVALID_REFERENCE);
  entity = make_action ("x", "Act");
  g_object_set (entity, "addresses", ghost_address, NULL);
  assert_add_refused (document, entity, CJM_MODEL_ERROR_INVALID_REFERENCE);
  entity = make_action ("x", "Act");
  g_object_set (entity, "addresses", persona_address, NULL);
  assert_add_refused (document, entity, CJM_MODEL_ERROR_INVALID_REFERENCE);

  /* and the same through the set verbs */
  {
    g_auto(GValue) v1 = G_VALUE_INIT;
    g_auto(GValue) v2 = G_VALUE_INIT;
    g_auto(GValue) v3 = G_VALUE_INIT;
    g_auto(GValue) v4 = G_VALUE_INIT;
    g_auto(GValue) v5 = G_VALUE_INIT;
    g_auto(GValue) v6 = G_VALUE_INIT;
    g_auto(GValue) v7 = G_VALUE_INIT;

    assert_set_refused (document, cjm_document_lookup (document, "t1"), "phase",
                        string_value (&v1, "ghost"), CJM_MODEL_ERROR_INVALID_REFERENCE);
    assert_set_refused (document, cjm_document_lookup (document, "t1"), "phase",
                        string_value (&v2, NULL), CJM_MODEL_ERROR_INVALID_REFERENCE);
    assert_set_refused (document, cjm_document_lookup (document, "t1"), "personas",
                        strv_value (&v3, ghost_persona), CJM_MODEL_ERROR_INVALID_REFERENCE);
    assert_set_refused (document, cjm_document_lookup (document, "anna-as-is"), "persona",
                        string_value (&v4, "ghost"), CJM_MODEL_ERROR_INVALID_REFERENCE);
    assert_set_refused (document, cjm_document_lookup (document, "tr12"), "to",
                        string_value (&v5, "ph2"), CJM_MODEL_ERROR_INVALID_REFERENCE);
    assert_set_refused (document, cjm_document_lookup (document, "ac1"), "addresses",
                        strv_value (&v6, phase_address), CJM_MODEL_ERROR_INVALID_REFERENCE);
    assert_set_refused (document, cjm_document_lookup (document, "t1"), "channel",
                        string_value (&v7, "teleport"), CJM_MODEL_ERROR_INVALID_REFERENCE);
  }

  /* what is valid goes in */
  entity = make_touchpoint ("x", "ph2", "tps");
  g_object_set (entity, "channel", "phone", NULL);
  add_ok (document, entity);
}

static void
test_refuse_placement (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  g_auto(GValue) acts = G_VALUE_INIT;
  g_auto(GValue) tps = G_VALUE_INIT;
  g_auto(GValue) emo = G_VALUE_INIT;
  g_auto(GValue) notes = G_VALUE_INIT;

  assert_add_refused (document, make_touchpoint ("x", "ph1", "acts"),
                      CJM_MODEL_ERROR_INVALID_PLACEMENT);
  assert_add_refused (document, make_touchpoint ("x", "ph1", "emo"),
                      CJM_MODEL_ERROR_INVALID_PLACEMENT);
  assert_add_refused (document, make_touchpoint ("x", "ph1", "notes"),
                      CJM_MODEL_ERROR_INVALID_PLACEMENT);
  assert_add_refused (document, make_card ("x", "ph1", "tps"),
                      CJM_MODEL_ERROR_INVALID_PLACEMENT);
  assert_add_refused (document, make_card ("x", "ph1", "emo"),
                      CJM_MODEL_ERROR_INVALID_PLACEMENT);

  string_value (&acts, "acts");
  string_value (&tps, "tps");
  string_value (&emo, "emo");
  string_value (&notes, "notes");
  assert_set_refused (document, cjm_document_lookup (document, "t1"), "lane", &acts,
                      CJM_MODEL_ERROR_INVALID_PLACEMENT);
  assert_set_refused (document, cjm_document_lookup (document, "t1"), "lane", &emo,
                      CJM_MODEL_ERROR_INVALID_PLACEMENT);
  assert_set_refused (document, cjm_document_lookup (document, "c1"), "lane", &tps,
                      CJM_MODEL_ERROR_INVALID_PLACEMENT);
  assert_set_refused (document, cjm_document_lookup (document, "c1"), "lane", &emo,
                      CJM_MODEL_ERROR_INVALID_PLACEMENT);

  /* a card may go into any other lane */
  add_ok (document, make_card ("x", "ph1", "notes"));
  g_assert_true (cjm_document_set_value (document, cjm_document_lookup (document, "c1"),
                                         "lane", &notes, NULL));
  g_assert_cmpstr (cjm_card_get_lane (CJM_CARD (cjm_document_lookup (document, "c1"))), ==, "notes");
}

static void
test_refuse_emotion (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  CjmEntity *t1 = cjm_document_lookup (document, "t1");
  CjmEntity *curve = cjm_document_lookup (document, "anna-as-is");
  g_autoptr(GError) error = NULL;
  CjmEntity *entity;
  const int bad[] = { 3, -3, 10, -10 };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      entity = make_touchpoint ("x", "ph1", "tps");
      g_object_set (entity, "emotion", bad[i], NULL);
      assert_add_refused (document, entity, CJM_MODEL_ERROR_INVALID_VALUE);
      assert_set_refused (document, t1, "emotion", int_value (&value, bad[i]),
                          CJM_MODEL_ERROR_INVALID_VALUE);
    }
  {
    /* outside even the widest scale */
    g_auto(GValue) value = G_VALUE_INIT;

    assert_set_refused (document, t1, "emotion", int_value (&value, 11),
                        CJM_MODEL_ERROR_INVALID_VALUE);
  }

  /* both ends are on the scale, and unrating is allowed */
  g_assert_true (cjm_document_set (document, t1, &error, "emotion", 2, NULL));
  g_assert_true (cjm_document_set (document, t1, &error, "emotion", -2, NULL));
  g_assert_true (cjm_document_set (document, t1, &error, "emotion", CJM_UNSET_INT, NULL));
  g_assert_no_error (error);
  g_assert_cmpint (cjm_touchpoint_get_emotion (CJM_TOUCHPOINT (t1)), ==, CJM_UNSET_INT);

  /* curve points lie on the scale too, with a finite value and position */
  {
    const double bad_values[] = { 2.01, -2.5, NAN, INFINITY };

    for (guint i = 0; i < G_N_ELEMENTS (bad_values); i++)
      {
        g_autoptr(GPtrArray) points = new_points ();
        g_auto(GValue) value = G_VALUE_INIT;

        g_ptr_array_add (points, cjm_curve_point_new_on_touchpoint ("t1", bad_values[i]));
        assert_set_refused (document, curve, "points", list_value (&value, points),
                            CJM_MODEL_ERROR_INVALID_VALUE);
        entity = make_curve ("x", "tom", CJM_CURVE_AS_IS);
        g_object_set (entity, "points", points, NULL);
        assert_add_refused (document, entity, CJM_MODEL_ERROR_INVALID_VALUE);
      }
  }
  {
    g_autoptr(GPtrArray) points = new_points ();
    g_auto(GValue) value = G_VALUE_INIT;
    CjmCurvePoint *point = cjm_curve_point_new_in_phase ("ph1", 0.5, 0);

    point->at = 1.5;
    g_ptr_array_add (points, point);
    assert_set_refused (document, curve, "points", list_value (&value, points),
                        CJM_MODEL_ERROR_INVALID_VALUE);
  }
  {
    g_autoptr(GPtrArray) points = new_points ();
    g_auto(GValue) value = G_VALUE_INIT;

    g_ptr_array_add (points, cjm_curve_point_new_in_phase ("ph2", 1.0, -2));
    g_ptr_array_add (points, cjm_curve_point_new_on_touchpoint ("t5", 1.5));
    g_assert_true (cjm_document_set_value (document, curve, "points",
                                           list_value (&value, points), &error));
    g_assert_no_error (error);
    g_assert_cmpuint (cjm_curve_get_points (CJM_CURVE (curve))->len, ==, 2);
    g_assert_cmpstr (cjm_history_get_undo_label (history_of (document)), ==, "Edit Emotion Curve");
    g_assert_true (cjm_document_undo (document));
    g_assert_cmpuint (cjm_curve_get_points (CJM_CURVE (curve))->len, ==, 3);
  }
}

static void
test_refuse_id (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  g_autofree char *long_id = g_strnfill (65, 'a');
  g_autofree char *longest_id = g_strnfill (64, 'b');

  /* ids are unique across all kinds */
  assert_add_refused (document, make_phase ("anna", "Clash"), CJM_MODEL_ERROR_DUPLICATE);
  assert_add_refused (document, make_touchpoint ("t1", "ph1", "tps"), CJM_MODEL_ERROR_DUPLICATE);
  assert_add_refused (document, make_lane ("ph1", CJM_LANE_NOTES), CJM_MODEL_ERROR_DUPLICATE);
  assert_add_refused (document, make_persona ("kiosk", "Clash"), CJM_MODEL_ERROR_DUPLICATE);
  assert_add_refused (document, make_channel ("tr12", "Clash"), CJM_MODEL_ERROR_DUPLICATE);

  /* and well formed, and not a fixed channel's name */
  assert_add_refused (document, make_phase ("1st", "Bad"), CJM_MODEL_ERROR_INVALID_VALUE);
  assert_add_refused (document, make_phase ("has space", "Bad"), CJM_MODEL_ERROR_INVALID_VALUE);
  assert_add_refused (document, make_phase ("", "Bad"), CJM_MODEL_ERROR_INVALID_VALUE);
  assert_add_refused (document, make_phase (NULL, "Bad"), CJM_MODEL_ERROR_INVALID_VALUE);
  assert_add_refused (document, make_phase (long_id, "Bad"), CJM_MODEL_ERROR_INVALID_VALUE);
  assert_add_refused (document, make_channel ("website", "Bad"), CJM_MODEL_ERROR_INVALID_VALUE);
  assert_add_refused (document, make_phase ("x\xc3\xa9", "Bad"), CJM_MODEL_ERROR_INVALID_VALUE);

  add_ok (document, make_phase (longest_id, "Fine"));
  add_ok (document, make_phase ("_a.b-c9", "Fine"));
}

static void
test_refuse_duplicate_curve (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();

  assert_add_refused (document, make_curve ("x", "anna", CJM_CURVE_AS_IS),
                      CJM_MODEL_ERROR_DUPLICATE);
  add_ok (document, make_curve ("anna-to-be", "anna", CJM_CURVE_TO_BE));
  add_ok (document, make_curve ("tom-as-is", "tom", CJM_CURVE_AS_IS));
  assert_add_refused (document, make_curve ("y", "anna", CJM_CURVE_TO_BE),
                      CJM_MODEL_ERROR_DUPLICATE);
  assert_add_refused (document, make_curve ("z", "tom", CJM_CURVE_AS_IS),
                      CJM_MODEL_ERROR_DUPLICATE);
}

/* Editing a curve must not make it a second curve of the same persona and
 * variant either. */
static void
test_refuse_duplicate_curve_edit (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  CjmEntity *to_be;
  CjmEntity *tom;
  g_auto(GValue) variant = G_VALUE_INIT;
  g_auto(GValue) persona = G_VALUE_INIT;

  add_ok (document, make_curve ("anna-to-be", "anna", CJM_CURVE_TO_BE));
  add_ok (document, make_curve ("tom-as-is", "tom", CJM_CURVE_AS_IS));
  to_be = cjm_document_lookup (document, "anna-to-be");
  tom = cjm_document_lookup (document, "tom-as-is");

  g_value_init (&variant, CJM_TYPE_CURVE_VARIANT);
  g_value_set_enum (&variant, CJM_CURVE_AS_IS);
  assert_set_refused (document, to_be, "variant", &variant, CJM_MODEL_ERROR_DUPLICATE);
  assert_set_refused (document, tom, "persona", string_value (&persona, "anna"),
                      CJM_MODEL_ERROR_DUPLICATE);
}

static void
test_refuse_transition (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();

  assert_add_refused (document, make_transition ("x", "t1", "t2"), CJM_MODEL_ERROR_DUPLICATE);
  assert_add_refused (document, make_transition ("x", "t3", "t3"),
                      CJM_MODEL_ERROR_INVALID_REFERENCE);
  /* the other direction is another transition */
  add_ok (document, make_transition ("tr21", "t2", "t1"));
  assert_add_refused (document, make_transition ("y", "t2", "t1"), CJM_MODEL_ERROR_DUPLICATE);
}

/* Editing a transition must not make it lead to itself or repeat another. */
static void
test_refuse_transition_edit (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  CjmEntity *tr12 = cjm_document_lookup (document, "tr12");
  CjmEntity *tr24 = cjm_document_lookup (document, "tr24");
  g_auto(GValue) to_self = G_VALUE_INIT;
  g_autoptr(Snapshot) before = NULL;
  g_autoptr(GError) error = NULL;

  assert_set_refused (document, tr12, "to", string_value (&to_self, "t1"),
                      CJM_MODEL_ERROR_INVALID_REFERENCE);

  before = snapshot_take (document);
  if (cjm_document_set (document, tr24, &error, "from", "t1", "to", "t2", NULL))
    {
      g_test_fail_printf ("tr24 was made a second transition from t1 to t2");
      report_reload (document, G_STRLOC);
      return;
    }
  g_assert_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_DUPLICATE);
  assert_unchanged (document, before);
}

static void
test_refuse_scale (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  CjmEntity *map = CJM_ENTITY (cjm_document_get_map (document));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func ((GDestroyNotify) cjm_scale_label_free);
  g_auto(GValue) v1 = G_VALUE_INIT;
  g_auto(GValue) v2 = G_VALUE_INIT;
  g_auto(GValue) v3 = G_VALUE_INIT;
  g_auto(GValue) v4 = G_VALUE_INIT;
  g_auto(GValue) v5 = G_VALUE_INIT;
  g_auto(GValue) v6 = G_VALUE_INIT;

  /* t2 is rated -2 and a curve point lies at 2 */
  assert_set_refused (document, map, "scale-min", int_value (&v1, -1),
                      CJM_MODEL_ERROR_INVALID_VALUE);
  assert_set_refused (document, map, "scale-max", int_value (&v2, 1),
                      CJM_MODEL_ERROR_INVALID_VALUE);
  /* the scale cannot collapse or turn over */
  assert_set_refused (document, map, "scale-min", int_value (&v3, 2),
                      CJM_MODEL_ERROR_INVALID_VALUE);
  assert_set_refused (document, map, "scale-max", int_value (&v4, 11),
                      CJM_MODEL_ERROR_INVALID_VALUE);

  /* the curve point at -1.5 on t2 still stands in the way ... */
  g_assert_true (cjm_document_set (document, cjm_document_lookup (document, "t2"), &error,
                                   "emotion", -1, NULL));
  assert_set_refused (document, map, "scale-min", &v1, CJM_MODEL_ERROR_INVALID_VALUE);
  /* ... and once it is gone the scale may shrink */
  cjm_document_remove (document, cjm_document_lookup (document, "anna-as-is"));
  g_assert_true (cjm_document_set_value (document, map, "scale-min", &v1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cjm_map_get_scale_min (CJM_MAP (map)), ==, -1);

  /* labels must lie on the scale and be unique, and a scale change must
   * not strand one */
  g_ptr_array_add (labels, cjm_scale_label_new (2, "Great"));
  g_ptr_array_add (labels, cjm_scale_label_new (-1, "Meh"));
  g_assert_true (cjm_document_set_value (document, map, "scale-labels",
                                         list_value (&v5, labels), &error));
  g_assert_no_error (error);
  {
    g_auto(GValue) max = G_VALUE_INIT;

    /* no rating or curve point holds max at 2 any more, but the label does */
    assert_set_refused (document, map, "scale-max", int_value (&max, 1),
                        CJM_MODEL_ERROR_INVALID_VALUE);
  }
  {
    g_autoptr(GPtrArray) outside = g_ptr_array_new_with_free_func ((GDestroyNotify) cjm_scale_label_free);
    g_autoptr(GPtrArray) dup = g_ptr_array_new_with_free_func ((GDestroyNotify) cjm_scale_label_free);
    g_autoptr(GPtrArray) dirty = g_ptr_array_new_with_free_func ((GDestroyNotify) cjm_scale_label_free);
    g_auto(GValue) a = G_VALUE_INIT;
    g_auto(GValue) b = G_VALUE_INIT;
    g_auto(GValue) c = G_VALUE_INIT;

    g_ptr_array_add (outside, cjm_scale_label_new (-2, "Off the scale"));
    assert_set_refused (document, map, "scale-labels", list_value (&a, outside),
                        CJM_MODEL_ERROR_INVALID_VALUE);
    g_ptr_array_add (dup, cjm_scale_label_new (0, "Zero"));
    g_ptr_array_add (dup, cjm_scale_label_new (0, "Nought"));
    assert_set_refused (document, map, "scale-labels", list_value (&b, dup),
                        CJM_MODEL_ERROR_DUPLICATE);
    g_ptr_array_add (dirty, cjm_scale_label_new (0, "Two\nlines"));
    assert_set_refused (document, map, "scale-labels", list_value (&c, dirty),
                        CJM_MODEL_ERROR_INVALID_VALUE);
  }

  /* growing is always fine */
  g_assert_true (cjm_document_set_value (document, map, "scale-max", int_value (&v6, 10), &error));
  g_assert_no_error (error);
  assert_reloads (document);
}

static void
test_refuse_metric (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  CjmEntity *t1 = cjm_document_lookup (document, "t1");
  const double bad_values[] = { NAN, INFINITY, -INFINITY, 1e16 };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad_values); i++)
    {
      g_autoptr(GPtrArray) metrics = new_metrics ();
      g_auto(GValue) value = G_VALUE_INIT;
      CjmEntity *entity;

      g_ptr_array_add (metrics, cjm_metric_new (CJM_METRIC_NPS, 30));
      g_ptr_array_add (metrics, cjm_metric_new (CJM_METRIC_SATISFACTION, bad_values[i]));
      assert_set_refused (document, t1, "metrics", list_value (&value, metrics),
                          CJM_MODEL_ERROR_INVALID_VALUE);
      entity = make_touchpoint ("x", "ph1", "tps");
      g_object_set (entity, "metrics", metrics, NULL);
      assert_add_refused (document, entity, CJM_MODEL_ERROR_INVALID_VALUE);
    }

  {
    /* a custom metric needs a name */
    g_autoptr(GPtrArray) metrics = new_metrics ();
    g_auto(GValue) value = G_VALUE_INIT;
    CjmMetric *metric = cjm_metric_new (CJM_METRIC_CUSTOM, 3);

    g_ptr_array_add (metrics, metric);
    assert_set_refused (document, t1, "metrics", list_value (&value, metrics),
                        CJM_MODEL_ERROR_INVALID_VALUE);
    metric->name = g_strdup ("");
    assert_set_refused (document, t1, "metrics", &value, CJM_MODEL_ERROR_INVALID_VALUE);
  }
  {
    g_autoptr(GPtrArray) metrics = new_metrics ();
    g_auto(GValue) value = G_VALUE_INIT;
    CjmMetric *metric = cjm_metric_new (CJM_METRIC_CES, 3);

    metric->sample = -1;
    g_ptr_array_add (metrics, metric);
    assert_set_refused (document, t1, "metrics", list_value (&value, metrics),
                        CJM_MODEL_ERROR_INVALID_VALUE);
    metric->sample = 10;
    metric->unit = g_strdup ("per\nline");
    assert_set_refused (document, t1, "metrics", &value, CJM_MODEL_ERROR_INVALID_VALUE);
  }
  {
    g_autoptr(GPtrArray) metrics = new_metrics ();
    g_auto(GValue) value = G_VALUE_INIT;
    CjmMetric *metric = cjm_metric_new (CJM_METRIC_CUSTOM, -12.25);
    GPtrArray *stored;

    metric->name = g_strdup ("Queue time");
    metric->unit = g_strdup ("minutes");
    metric->sample = 0;
    g_ptr_array_add (metrics, metric);
    g_assert_true (cjm_document_set_value (document, t1, "metrics", list_value (&value, metrics),
                                           &error));
    g_assert_no_error (error);
    stored = cjm_touchpoint_get_metrics (CJM_TOUCHPOINT (t1));
    g_assert_cmpuint (stored->len, ==, 1);
    g_assert_true (cjm_metric_equal (g_ptr_array_index (stored, 0), metric));
    assert_reloads (document);
  }
}

static void
test_refuse_curve_point_anchor (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  CjmEntity *curve = cjm_document_lookup (document, "anna-as-is");

  {
    g_autoptr(GPtrArray) points = new_points ();
    g_auto(GValue) value = G_VALUE_INIT;
    CjmCurvePoint *point = cjm_curve_point_new_in_phase ("ph1", 0.5, 0);
    CjmEntity *entity;

    point->touchpoint = g_strdup ("t1");
    g_ptr_array_add (points, cjm_curve_point_new_on_touchpoint ("t2", 1));
    g_ptr_array_add (points, point);
    assert_set_refused (document, curve, "points", list_value (&value, points),
                        CJM_MODEL_ERROR_INVALID_VALUE);
    entity = make_curve ("x", "tom", CJM_CURVE_AS_IS);
    g_object_set (entity, "points", points, NULL);
    assert_add_refused (document, entity, CJM_MODEL_ERROR_INVALID_VALUE);
  }
  {
    g_autoptr(GPtrArray) points = new_points ();
    g_auto(GValue) value = G_VALUE_INIT;
    CjmCurvePoint *point = cjm_curve_point_new_on_touchpoint ("t1", 0);
    CjmEntity *entity;

    g_clear_pointer (&point->touchpoint, g_free);
    g_ptr_array_add (points, point);
    assert_set_refused (document, curve, "points", list_value (&value, points),
                        CJM_MODEL_ERROR_INVALID_VALUE);
    entity = make_curve ("x", "tom", CJM_CURVE_AS_IS);
    g_object_set (entity, "points", points, NULL);
    assert_add_refused (document, entity, CJM_MODEL_ERROR_INVALID_VALUE);
  }
  {
    /* text in a point must arrive clean, and a sample be positive */
    g_autoptr(GPtrArray) points = new_points ();
    g_auto(GValue) value = G_VALUE_INIT;
    CjmCurvePoint *point = cjm_curve_point_new_on_touchpoint ("t1", 0);

    point->source = g_strdup ("bad\x01source");
    g_ptr_array_add (points, point);
    assert_set_refused (document, curve, "points", list_value (&value, points),
                        CJM_MODEL_ERROR_INVALID_VALUE);
    g_clear_pointer (&point->source, g_free);
    point->sample = -4;
    assert_set_refused (document, curve, "points", &value, CJM_MODEL_ERROR_INVALID_VALUE);
  }
}

static void
test_refuse_values (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  CjmEntity *t1 = cjm_document_lookup (document, "t1");
  CjmEntity *c1 = cjm_document_lookup (document, "c1");
  CjmEntity *ac1 = cjm_document_lookup (document, "ac1");
  CjmEntity *tr12 = cjm_document_lookup (document, "tr12");
  CjmEntity *map = CJM_ENTITY (cjm_document_get_map (document));
  g_auto(GValue) importance = G_VALUE_INIT;
  g_auto(GValue) color = G_VALUE_INIT;
  g_auto(GValue) due = G_VALUE_INIT;
  g_auto(GValue) wait = G_VALUE_INIT;
  g_auto(GValue) irritations = G_VALUE_INIT;
  g_auto(GValue) created = G_VALUE_INIT;
  g_auto(GValue) language = G_VALUE_INIT;

  g_value_init (&importance, CJM_TYPE_IMPORTANCE);
  g_value_set_enum (&importance, 99);
  assert_set_refused (document, t1, "importance", &importance, CJM_MODEL_ERROR_INVALID_VALUE);

  g_value_init (&color, G_TYPE_UINT);
  g_value_set_uint (&color, 0x1000000);
  assert_set_refused (document, c1, "color", &color, CJM_MODEL_ERROR_INVALID_VALUE);

  assert_set_refused (document, ac1, "due", string_value (&due, "31-12-2026"),
                      CJM_MODEL_ERROR_INVALID_VALUE);
  assert_set_refused (document, tr12, "wait-minutes", int_value (&wait, -5),
                      CJM_MODEL_ERROR_INVALID_VALUE);

  g_value_init (&irritations, CJM_TYPE_IRRITATIONS);
  g_value_set_flags (&irritations, 1u << 9);
  assert_set_refused (document, tr12, "irritations", &irritations, CJM_MODEL_ERROR_INVALID_VALUE);

  g_value_init (&created, G_TYPE_INT64);
  g_value_set_int64 (&created, G_GINT64_CONSTANT (253402300800));
  assert_set_refused (document, map, "created", &created, CJM_MODEL_ERROR_INVALID_VALUE);

  assert_set_refused (document, map, "language", string_value (&language, "en_GB"),
                      CJM_MODEL_ERROR_INVALID_VALUE);
}

/* cjm_document_set() stores all of its values or none. */
static void
test_refuse_set_atomic (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  CjmEntity *t1 = cjm_document_lookup (document, "t1");
  CjmEntity *map = CJM_ENTITY (cjm_document_get_map (document));
  g_autoptr(Snapshot) before = NULL;
  g_autoptr(GError) error = NULL;

  cjm_history_mark_saved (history_of (document));
  before = snapshot_take (document);

  /* the bad value last */
  g_assert_false (cjm_document_set (document, t1, &error,
                                    "title", "New title",
                                    "owner", "Someone",
                                    "managed", FALSE,
                                    "emotion", 9,
                                    NULL));
  g_assert_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  assert_unchanged (document, before);
  g_assert_cmpstr (cjm_touchpoint_get_title (CJM_TOUCHPOINT (t1)), ==, "t1");
  g_assert_null (cjm_touchpoint_get_owner (CJM_TOUCHPOINT (t1)));

  /* in the middle */
  g_assert_false (cjm_document_set (document, t1, &error,
                                    "title", "New title",
                                    "lane", "acts",
                                    "owner", "Someone",
                                    NULL));
  g_assert_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_PLACEMENT);
  g_clear_error (&error);
  assert_unchanged (document, before);

  /* first */
  g_assert_false (cjm_document_set (document, t1, &error,
                                    "phase", "ghost",
                                    "title", "New title",
                                    NULL));
  g_assert_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_REFERENCE);
  g_clear_error (&error);
  assert_unchanged (document, before);

  /* on the map */
  g_assert_false (cjm_document_set (document, map, &error,
                                    "title", "Renamed",
                                    "scale-min", -10,
                                    "scale-max", -5,
                                    NULL));
  g_assert_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  assert_unchanged (document, before);
  g_assert_false (cjm_history_get_modified (history_of (document)));
}

/* History: undo, redo, labels, "modified" ------------------------------- */

typedef struct
{
  const char *label;
  void      (*run) (CjmDocument *document);
} Operation;

static void
op_add_touchpoint (CjmDocument *document)
{
  add_ok (document, make_touchpoint ("t9", "ph2", "tps"));
}

static void
op_add_card (CjmDocument *document)
{
  add_ok (document, make_card ("c9", "ph2", "notes"));
}

static void
op_add_transition (CjmDocument *document)
{
  add_ok (document, make_transition ("tr9", "t3", "t5"));
}

static void
op_add_curve (CjmDocument *document)
{
  g_autoptr(GPtrArray) points = new_points ();
  CjmEntity *curve = make_curve ("tom-to-be", "tom", CJM_CURVE_TO_BE);

  g_ptr_array_add (points, cjm_curve_point_new_on_touchpoint ("t3", 0.5));
  g_object_set (curve, "points", points, NULL);
  add_ok (document, curve);
}

static void
op_add_action (CjmDocument *document)
{
  add_ok (document, make_action ("ac9", "Another"));
}

static void
op_add_persona (CjmDocument *document)
{
  add_ok (document, make_persona ("mia", "Mia"));
}

static void
op_add_channel (CjmDocument *document)
{
  add_ok (document, make_channel ("pigeon", "Carrier pigeon"));
}

static void
op_add_phase (CjmDocument *document)
{
  g_assert_true (cjm_document_add (document, make_phase ("ph0", "Zero"), 0, NULL));
}

static void
op_add_lane (CjmDocument *document)
{
  g_assert_true (cjm_document_add (document, make_lane ("pains", CJM_LANE_PAIN_POINTS), 1, NULL));
}

static void
op_set_touchpoint (CjmDocument *document)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cjm_document_set (document, cjm_document_lookup (document, "t3"), &error,
                                   "title", "Three", "emotion", 2, "channel", "kiosk", NULL));
  g_assert_no_error (error);
}

static void
op_move_touchpoint_by_field (CjmDocument *document)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cjm_document_set (document, cjm_document_lookup (document, "t3"), &error,
                                   "phase", "ph2", NULL));
  g_assert_no_error (error);
}

static void
op_set_persona (CjmDocument *document)
{
  g_assert_true (cjm_document_set (document, cjm_document_lookup (document, "tom"), NULL,
                                   "color", 0x123456u, "goals", "Save\nmoney", NULL));
}

static void
op_set_transition (CjmDocument *document)
{
  g_assert_true (cjm_document_set (document, cjm_document_lookup (document, "tr12"), NULL,
                                   "irritations", CJM_IRRITATION_LONG_WAIT | CJM_IRRITATION_NO_HANDOVER,
                                   "wait-minutes", 15, NULL));
}

static void
op_set_action (CjmDocument *document)
{
  g_assert_true (cjm_document_set (document, cjm_document_lookup (document, "ac1"), NULL,
                                   "status", CJM_STATUS_DONE, "priority", CJM_PRIORITY_HIGH,
                                   "due", "2026-12-31", NULL));
}

static void
op_set_map (CjmDocument *document)
{
  g_assert_true (cjm_document_set (document, CJM_ENTITY (cjm_document_get_map (document)), NULL,
                                   "title", "Renamed", "created", G_GINT64_CONSTANT (1770000000),
                                   "review-due", "2027-01-01", NULL));
}

static void
op_edit_text (CjmDocument *document)
{
  g_assert_true (cjm_document_edit_text (document, cjm_document_lookup (document, "c2"),
                                         "text", "Typed", NULL));
}

static void
op_set_curve (CjmDocument *document)
{
  g_autoptr(GPtrArray) points = new_points ();
  g_auto(GValue) value = G_VALUE_INIT;

  g_ptr_array_add (points, cjm_curve_point_new_in_phase ("ph2", 0.25, -1));
  g_assert_true (cjm_document_set_value (document, cjm_document_lookup (document, "anna-as-is"),
                                         "points", list_value (&value, points), NULL));
}

static void
op_remove_touchpoint (CjmDocument *document)
{
  cjm_document_remove (document, cjm_document_lookup (document, "t2"));
}

static void
op_remove_card (CjmDocument *document)
{
  cjm_document_remove (document, cjm_document_lookup (document, "c1"));
}

static void
op_remove_phase (CjmDocument *document)
{
  cjm_document_remove (document, cjm_document_lookup (document, "ph1"));
}

static void
op_remove_lane (CjmDocument *document)
{
  cjm_document_remove (document, cjm_document_lookup (document, "tps"));
}

static void
op_remove_persona (CjmDocument *document)
{
  cjm_document_remove (document, cjm_document_lookup (document, "anna"));
}

static void
op_remove_transition (CjmDocument *document)
{
  cjm_document_remove (document, cjm_document_lookup (document, "tr24"));
}

static void
op_remove_many (CjmDocument *document)
{
  CjmEntity *doomed[] = {
    cjm_document_lookup (document, "t5"),
    cjm_document_lookup (document, "c3"),
    cjm_document_lookup (document, "kiosk"),
  };

  cjm_document_remove_many (document, doomed, G_N_ELEMENTS (doomed));
}

static void
op_reorder_phase (CjmDocument *document)
{
  g_assert_true (cjm_document_reorder (document, cjm_document_lookup (document, "ph2"), 0));
}

static void
op_reorder_lane (CjmDocument *document)
{
  g_assert_true (cjm_document_reorder (document, cjm_document_lookup (document, "notes"), 0));
}

static void
op_reorder_persona (CjmDocument *document)
{
  g_assert_true (cjm_document_reorder (document, cjm_document_lookup (document, "tom"), 0));
}

static void
op_place_touchpoint (CjmDocument *document)
{
  CjmEntity *item = cjm_document_lookup (document, "t1");

  g_assert_true (cjm_document_place_items (document, &item, 1, "ph2", "tps", 1, NULL));
}

static void
op_place_card (CjmDocument *document)
{
  CjmEntity *item = cjm_document_lookup (document, "c3");

  g_assert_true (cjm_document_place_items (document, &item, 1, "ph1", "notes", 0, NULL));
}

static void
op_place_many (CjmDocument *document)
{
  CjmEntity *items[] = {
    cjm_document_lookup (document, "t5"),
    cjm_document_lookup (document, "t1"),
  };

  g_assert_true (cjm_document_place_items (document, items, 2, "ph1", "tps", 1, NULL));
}

static void
op_group (CjmDocument *document)
{
  cjm_document_begin_group (document, "Tidy Up");
  add_ok (document, make_phase ("ph3", "Three"));
  op_edit_text (document);
  op_reorder_phase (document);
  cjm_document_end_group (document);
}

static const Operation operations[] = {
  { "Add Touchpoint", op_add_touchpoint },
  { "Add Card", op_add_card },
  { "Connect Touchpoints", op_add_transition },
  { "Add Emotion Curve", op_add_curve },
  { "Add Action", op_add_action },
  { "Add Persona", op_add_persona },
  { "Add Channel", op_add_channel },
  { "Add Phase", op_add_phase },
  { "Add Lane", op_add_lane },
  { "Edit Touchpoint", op_set_touchpoint },
  { "Move Touchpoint", op_move_touchpoint_by_field },
  { "Edit Persona", op_set_persona },
  { "Edit Transition", op_set_transition },
  { "Edit Action", op_set_action },
  { "Edit Map", op_set_map },
  { "Edit Card", op_edit_text },
  { "Edit Emotion Curve", op_set_curve },
  { "Delete Touchpoint", op_remove_touchpoint },
  { "Delete Card", op_remove_card },
  { "Delete Phase", op_remove_phase },
  { "Delete Lane", op_remove_lane },
  { "Delete Persona", op_remove_persona },
  { "Delete", op_remove_transition },
  { "Delete Items", op_remove_many },
  { "Move Phase", op_reorder_phase },
  { "Move Lane", op_reorder_lane },
  { "Reorder", op_reorder_persona },
  { "Move Touchpoint", op_place_touchpoint },
  { "Move Card", op_place_card },
  { "Move Items", op_place_many },
  { "Tidy Up", op_group },
};

/* Every kind of command, undone and redone, on a fresh map each. */
static void
test_history_undo_redo (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
    {
      g_autoptr(CjmDocument) document = build_small_map ();
      CjmHistory *history = history_of (document);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *undone = NULL;
      g_autofree char *redone = NULL;
      g_autofree char *undone_again = NULL;
      guint steps;

      g_test_message ("operation %u: %s", i, operations[i].label);
      cjm_history_mark_saved (history);
      steps = count_undo_steps (document);
      before = serialize (document);

      operations[i].run (document);
      after = serialize (document);
      g_assert_cmpstr (before, !=, after);
      g_assert_cmpstr (cjm_history_get_undo_label (history), ==, operations[i].label);
      g_assert_true (cjm_history_get_modified (history));
      /* one gesture, one step */
      g_assert_cmpuint (count_undo_steps (document), ==, steps + 1);
      assert_reloads (document);

      g_assert_true (cjm_document_undo (document));
      undone = serialize (document);
      assert_same_text (before, undone);
      g_assert_false (cjm_history_get_modified (history));
      g_assert_cmpstr (cjm_history_get_redo_label (history), ==, operations[i].label);
      g_assert_true (cjm_history_get_can_redo (history));

      g_assert_true (cjm_document_redo (document));
      redone = serialize (document);
      assert_same_text (after, redone);
      g_assert_false (cjm_history_get_can_redo (history));
      g_assert_null (cjm_history_get_redo_label (history));

      g_assert_true (cjm_document_undo (document));
      undone_again = serialize (document);
      assert_same_text (before, undone_again);
    }
}

static void
test_history_modified (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  CjmHistory *history = history_of (document);
  CjmEntity *t1 = cjm_document_lookup (document, "t1");
  CjmEntity *t2 = cjm_document_lookup (document, "t2");

  g_assert_true (cjm_history_get_modified (history));
  cjm_history_mark_saved (history);
  g_assert_false (cjm_history_get_modified (history));
  g_assert_false (cjm_history_get_needs_autosave (history));

  g_assert_true (cjm_document_set (document, t1, NULL, "owner", "A", NULL));
  g_assert_true (cjm_history_get_modified (history));
  g_assert_true (cjm_history_get_needs_autosave (history));
  g_assert_true (cjm_document_undo (document));
  g_assert_false (cjm_history_get_modified (history));
  g_assert_false (cjm_history_get_needs_autosave (history));
  g_assert_true (cjm_document_redo (document));
  g_assert_true (cjm_history_get_modified (history));

  /* undoing past the saved state is a change as well */
  g_assert_true (cjm_document_undo (document));
  g_assert_true (cjm_document_undo (document));
  g_assert_true (cjm_history_get_modified (history));
  g_assert_true (cjm_document_redo (document));
  g_assert_false (cjm_history_get_modified (history));

  /* a refused edit changes nothing */
  g_assert_false (cjm_document_set (document, t1, NULL, "emotion", 7, NULL));
  g_assert_false (cjm_history_get_modified (history));

  /* saving in the middle of the stack */
  g_assert_true (cjm_document_set (document, t1, NULL, "owner", "B", NULL));
  g_assert_true (cjm_document_set (document, t2, NULL, "owner", "C", NULL));
  cjm_history_mark_saved (history);
  g_assert_false (cjm_history_get_modified (history));
  g_assert_true (cjm_document_undo (document));
  g_assert_true (cjm_history_get_modified (history));

  /* a new edit from there can never lead back to the saved state */
  g_assert_true (cjm_document_set (document, t2, NULL, "owner", "C", NULL));
  g_assert_true (cjm_history_get_modified (history));
  g_assert_false (cjm_history_get_can_redo (history));
  g_assert_true (cjm_document_undo (document));
  g_assert_true (cjm_history_get_modified (history));

  /* autosave is tracked on its own, and saving covers it */
  cjm_history_mark_autosaved (history);
  g_assert_false (cjm_history_get_needs_autosave (history));
  g_assert_true (cjm_history_get_modified (history));
  g_assert_true (cjm_document_set (document, t2, NULL, "owner", "D", NULL));
  g_assert_true (cjm_history_get_needs_autosave (history));
  cjm_history_mark_saved (history);
  g_assert_false (cjm_history_get_needs_autosave (history));

  /* a recovered draft stays modified until saved */
  cjm_history_mark_unsaved (history);
  g_assert_true (cjm_history_get_modified (history));
  g_assert_true (cjm_document_undo (document));
  g_assert_true (cjm_document_redo (document));
  g_assert_true (cjm_history_get_modified (history));
  cjm_history_mark_saved (history);
  g_assert_false (cjm_history_get_modified (history));
}

static void
test_history_modified_new (void)
{
  g_autoptr(CjmDocument) document = cjm_document_new ();
  g_autoptr(CjmDocument) loaded = NULL;
  CjmHistory *history = history_of (document);

  /* a new map is not modified, and returns to that state */
  g_assert_false (cjm_history_get_modified (history));
  add_ok (document, make_phase ("a", "A"));
  g_assert_true (cjm_history_get_modified (history));
  g_assert_true (cjm_document_undo (document));
  g_assert_false (cjm_history_get_modified (history));
  g_assert_true (cjm_document_redo (document));

  /* a loaded map starts unmodified with nothing to undo */
  loaded = cjm_test_load_example ("savings-account.cjm");
  g_assert_false (cjm_history_get_modified (history_of (loaded)));
  g_assert_false (cjm_history_get_can_undo (history_of (loaded)));
  g_assert_false (cjm_history_get_needs_autosave (history_of (loaded)));
}

static void
test_history_undo_merge (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  CjmHistory *history = history_of (document);
  CjmEntity *t1 = cjm_document_lookup (document, "t1");
  CjmEntity *t2 = cjm_document_lookup (document, "t2");
  g_auto(GValue) value = G_VALUE_INIT;
  guint base;

  cjm_history_mark_saved (history);
  base = count_undo_steps (document);

  /* typing into one field is one step */
  g_assert_true (cjm_document_edit_text (document, t1, "title", "H", NULL));
  g_assert_true (cjm_document_edit_text (document, t1, "title", "He", NULL));
  g_assert_true (cjm_document_edit_text (document, t1, "title", "Hey", NULL));
  g_assert_cmpuint (count_undo_steps (document), ==, base + 1);
  g_assert_cmpstr (cjm_history_get_undo_label (history), ==, "Edit Touchpoint");
  g_assert_true (cjm_history_get_modified (history));
  g_assert_true (cjm_document_undo (document));
  g_assert_cmpstr (cjm_touchpoint_get_title (CJM_TOUCHPOINT (t1)), ==, "t1");
  g_assert_false (cjm_history_get_modified (history));
  g_assert_true (cjm_document_redo (document));
  g_assert_cmpstr (cjm_touchpoint_get_title (CJM_TOUCHPOINT (t1)), ==, "Hey");
  g_assert_true (cjm_document_undo (document));

  /* another field or another entity starts a new step */
  g_assert_true (cjm_document_edit_text (document, t1, "title", "x", NULL));
  g_assert_true (cjm_document_edit_text (document, t1, "description", "y", NULL));
  g_assert_true (cjm_document_edit_text (document, t1, "title", "xy", NULL));
  g_assert_true (cjm_document_edit_text (document, t2, "title", "z", NULL));
  g_assert_true (cjm_document_edit_text (document, t1, "title", "xyz", NULL));
  g_assert_cmpuint (count_undo_steps (document), ==, base + 5);
  for (guint i = 0; i < 5; i++)
    g_assert_true (cjm_document_undo (document));
  g_assert_false (cjm_history_get_modified (history));

  /* a plain set does not merge, in either direction */
  g_assert_true (cjm_document_edit_text (document, t1, "title", "a", NULL));
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "ab");
  g_assert_true (cjm_document_set_value (document, t1, "title", &value, NULL));
  g_value_set_string (&value, "abc");
  g_assert_true (cjm_document_set_value (document, t1, "title", &value, NULL));
  g_assert_true (cjm_document_edit_text (document, t1, "title", "abcd", NULL));
  g_assert_cmpuint (count_undo_steps (document), ==, base + 4);
  for (guint i = 0; i < 4; i++)
    g_assert_true (cjm_document_undo (document));
  g_assert_cmpstr (cjm_touchpoint_get_title (CJM_TOUCHPOINT (t1)), ==, "t1");

  /* a refused edit in between does not break or join the typing */
  g_assert_true (cjm_document_edit_text (document, t1, "title", "p", NULL));
  g_assert_false (cjm_document_edit_text (document, t1, "phase", "ghost", NULL));
  g_assert_true (cjm_document_edit_text (document, t1, "title", "pq", NULL));
  g_assert_cmpuint (count_undo_steps (document), ==, base + 1);
  g_assert_true (cjm_document_undo (document));
  g_assert_false (cjm_history_get_modified (history));
}

/* Typing does not merge across a save, so undo can reach the saved text. */
static void
test_history_undo_merge_save (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  CjmHistory *history = history_of (document);
  CjmEntity *c1 = cjm_document_lookup (document, "c1");
  guint base = count_undo_steps (document);

  g_assert_true (cjm_document_edit_text (document, c1, "text", "a", NULL));
  g_assert_true (cjm_document_edit_text (document, c1, "text", "ab", NULL));
  cjm_history_mark_saved (history);
  g_assert_true (cjm_document_edit_text (document, c1, "text", "abc", NULL));
  g_assert_true (cjm_document_edit_text (document, c1, "text", "abcd", NULL));
  g_assert_true (cjm_history_get_modified (history));
  g_assert_cmpuint (count_undo_steps (document), ==, base + 2);

  g_assert_true (cjm_document_undo (document));
  g_assert_cmpstr (cjm_card_get_text (CJM_CARD (c1)), ==, "ab");
  g_assert_false (cjm_history_get_modified (history));
  g_assert_true (cjm_document_redo (document));
  g_assert_cmpstr (cjm_card_get_text (CJM_CARD (c1)), ==, "abcd");
  g_assert_true (cjm_history_get_modified (history));

  /* saving again after undoing to the saved state and typing on */
  g_assert_true (cjm_document_undo (document));
  g_assert_true (cjm_document_edit_text (document, c1, "text", "abX", NULL));
  g_assert_true (cjm_history_get_modified (history));
  g_assert_cmpuint (count_undo_steps (document), ==, base + 2);
  g_assert_true (cjm_document_undo (document));
  g_assert_cmpstr (cjm_card_get_text (CJM_CARD (c1)), ==, "ab");
  g_assert_false (cjm_history_get_modified (history));
  g_assert_true (cjm_document_undo (document));
  g_assert_cmpstr (cjm_card_get_text (CJM_CARD (c1)), ==, "c1");
}

static void
on_notify_count (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_history_notify (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  CjmHistory *history = history_of (document);
  CjmEntity *t1 = cjm_document_lookup (document, "t1");
  guint modified = 0;
  guint can_undo = 0;
  guint can_redo = 0;

  cjm_history_mark_saved (history);
  while (cjm_document_undo (document))
    ;
  cjm_history_mark_saved (history);
  g_signal_connect (history, "notify::modified", G_CALLBACK (on_notify_count), &modified);
  g_signal_connect (history, "notify::can-undo", G_CALLBACK (on_notify_count), &can_undo);
  g_signal_connect (history, "notify::can-redo", G_CALLBACK (on_notify_count), &can_redo);

  /* nothing to undo, and unmodified; the first redo changes all three */
  g_assert_true (cjm_document_redo (document));
  g_assert_cmpuint (modified, ==, 1);
  g_assert_cmpuint (can_undo, ==, 1);
  g_assert_cmpuint (can_redo, ==, 0);
  while (cjm_document_redo (document))
    ;
  g_assert_cmpuint (modified, ==, 1);
  g_assert_cmpuint (can_undo, ==, 1);
  g_assert_cmpuint (can_redo, ==, 1);

  cjm_history_mark_saved (history);
  g_assert_cmpuint (modified, ==, 2);
  cjm_history_mark_saved (history);
  g_assert_cmpuint (modified, ==, 2);

  g_assert_true (cjm_document_edit_text (document, t1, "title", "a", NULL));
  g_assert_cmpuint (modified, ==, 3);
  g_assert_true (cjm_document_edit_text (document, t1, "title", "ab", NULL));
  g_assert_true (cjm_document_edit_text (document, t1, "owner", "me", NULL));
  g_assert_cmpuint (modified, ==, 3);
  g_assert_true (cjm_document_undo (document));
  g_assert_cmpuint (modified, ==, 3);
  g_assert_cmpuint (can_redo, ==, 2);
  g_assert_true (cjm_document_undo (document));
  g_assert_cmpuint (modified, ==, 4);
  g_assert_true (cjm_document_redo (document));
  g_assert_cmpuint (modified, ==, 5);

  /* refused edits notify nothing */
  g_assert_false (cjm_document_edit_text (document, t1, "lane", "acts", NULL));
  g_assert_cmpuint (modified, ==, 5);
  g_assert_cmpuint (can_redo, ==, 2);
  cjm_history_mark_unsaved (history);
  g_assert_cmpuint (modified, ==, 5);
  g_assert_true (cjm_document_undo (document));
  g_assert_cmpuint (modified, ==, 5);
  g_assert_true (cjm_history_get_modified (history));
}

static void
test_history_group (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  CjmHistory *history = history_of (document);
  g_autofree char *before = serialize (document);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  guint base = count_undo_steps (document);

  /* an empty group leaves no step */
  cjm_document_begin_group (document, "Nothing");
  g_assert_true (cjm_history_in_group (history));
  cjm_document_end_group (document);
  g_assert_false (cjm_history_in_group (history));
  g_assert_cmpuint (count_undo_steps (document), ==, base);
  g_assert_cmpstr (cjm_history_get_undo_label (history), !=, "Nothing");

  /* nested groups become one step named by the outer one */
  cjm_document_begin_group (document, "Outer");
  g_assert_true (cjm_document_edit_text (document, cjm_document_lookup (document, "t1"),
                                         "title", "One", NULL));
  cjm_document_begin_group (document, "Inner");
  add_ok (document, make_persona ("mia", "Mia"));
  cjm_document_remove (document, cjm_document_lookup (document, "t2"));
  cjm_document_end_group (document);
  g_assert_true (cjm_history_in_group (history));
  g_assert_true (cjm_document_reorder (document, cjm_document_lookup (document, "ph2"), 0));
  cjm_document_end_group (document);
  g_assert_false (cjm_history_in_group (history));

  g_assert_cmpuint (count_undo_steps (document), ==, base + 1);
  g_assert_cmpstr (cjm_history_get_undo_label (history), ==, "Outer");
  after = serialize (document);
  g_assert_true (cjm_document_undo (document));
  undone = serialize (document);
  assert_same_text (before, undone);
  g_assert_null (cjm_document_lookup (document, "mia"));
  g_assert_nonnull (cjm_document_lookup (document, "t2"));
  g_assert_true (cjm_document_redo (document));
  g_clear_pointer (&undone, g_free);
  undone = serialize (document);
  assert_same_text (after, undone);
}

/* Change notification ---------------------------------------------------- */

static void
test_changed_insert_remove (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  g_autoptr(GPtrArray) changes = record_changes (document);
  CjmEntity *t9;
  Change *change;

  add_ok (document, make_touchpoint ("t9", "ph2", "tps"));
  t9 = cjm_document_lookup (document, "t9");
  g_assert_cmpuint (changes->len, ==, 1);
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpuint (change->kind, ==, CJM_CHANGE_INSERTED);
  g_assert_true (change->entity == t9);
  g_assert_null (change->field);

  g_ptr_array_set_size (changes, 0);
  g_assert_true (cjm_document_undo (document));
  g_assert_cmpuint (changes->len, ==, 1);
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpuint (change->kind, ==, CJM_CHANGE_REMOVED);
  g_assert_true (change->entity == t9);

  g_ptr_array_set_size (changes, 0);
  g_assert_true (cjm_document_redo (document));
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_true (has_change (changes, CJM_CHANGE_INSERTED, "t9", NULL));

  g_ptr_array_set_size (changes, 0);
  cjm_document_remove (document, t9);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_true (has_change (changes, CJM_CHANGE_REMOVED, "t9", NULL));
  g_ptr_array_set_size (changes, 0);
  g_assert_true (cjm_document_undo (document));
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_true (has_change (changes, CJM_CHANGE_INSERTED, "t9", NULL));
  /* the same object comes back */
  g_assert_true (cjm_document_lookup (document, "t9") == t9);

  /* refusals are silent */
  g_ptr_array_set_size (changes, 0);
  g_assert_false (cjm_document_add (document, make_touchpoint ("t9", "ph2", "tps"), -1, NULL));
  g_assert_false (cjm_document_edit_text (document, t9, "lane", "acts", NULL));
  g_assert_cmpuint (changes->len, ==, 0);

  stop_recording (document, changes);
}

static void
test_changed_field (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  g_autoptr(GPtrArray) changes = record_changes (document);
  CjmEntity *t1 = cjm_document_lookup (document, "t1");
  CjmMap *map = cjm_document_get_map (document);
  Change *change;

  g_assert_true (cjm_document_edit_text (document, t1, "title", "New", NULL));
  g_assert_cmpuint (changes->len, ==, 1);
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpuint (change->kind, ==, CJM_CHANGE_FIELD);
  g_assert_true (change->entity == t1);
  g_assert_cmpstr (change->field, ==, "title");

  g_ptr_array_set_size (changes, 0);
  g_assert_true (cjm_document_undo (document));
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_true (has_change (changes, CJM_CHANGE_FIELD, "t1", "title"));

  g_ptr_array_set_size (changes, 0);
  g_assert_true (cjm_document_set (document, t1, NULL, "emotion", 0, "owner", "Ops", NULL));
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_true (has_change (changes, CJM_CHANGE_FIELD, "t1", "emotion"));
  g_assert_true (has_change (changes, CJM_CHANGE_FIELD, "t1", "owner"));
  g_ptr_array_set_size (changes, 0);
  g_assert_true (cjm_document_undo (document));
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_true (has_change (changes, CJM_CHANGE_FIELD, "t1", "emotion"));
  g_assert_true (has_change (changes, CJM_CHANGE_FIELD, "t1", "owner"));

  /* map-wide fields name the map */
  g_ptr_array_set_size (changes, 0);
  g_assert_true (cjm_document_edit_text (document, CJM_ENTITY (map), "title", "Map", NULL));
  g_assert_cmpuint (changes->len, ==, 1);
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpuint (change->kind, ==, CJM_CHANGE_FIELD);
  g_assert_true (change->entity == CJM_ENTITY (map));
  g_assert_cmpstr (change->field, ==, "title");

  stop_recording (document, changes);
}

static void
test_changed_move (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  g_autoptr(GPtrArray) changes = record_changes (document);
  CjmEntity *ph2 = cjm_document_lookup (document, "ph2");
  CjmEntity *t3 = cjm_document_lookup (document, "t3");
  Change *change;

  g_assert_true (cjm_document_reorder (document, ph2, 0));
  g_assert_cmpuint (changes->len, ==, 1);
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpuint (change->kind, ==, CJM_CHANGE_MOVED);
  g_assert_true (change->entity == ph2);
  g_assert_null (change->field);
  g_ptr_array_set_size (changes, 0);
  g_assert_true (cjm_document_undo (document));
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_true (has_change (changes, CJM_CHANGE_MOVED, "ph2", NULL));

  /* within a cell: a move; into another cell: the phase changes too */
  g_ptr_array_set_size (changes, 0);
  g_assert_true (cjm_document_place_items (document, &t3, 1, "ph1", "tps", 0, NULL));
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_true (has_change (changes, CJM_CHANGE_MOVED, "t3", NULL));
  g_ptr_array_set_size (changes, 0);
  g_assert_true (cjm_document_place_items (document, &t3, 1, "ph2", "tps", 0, NULL));
  g_assert_true (has_change (changes, CJM_CHANGE_FIELD, "t3", "phase"));
  g_assert_false (has_change (changes, CJM_CHANGE_FIELD, "t3", "lane"));
  g_ptr_array_set_size (changes, 0);
  g_assert_true (cjm_document_undo (document));
  g_assert_true (has_change (changes, CJM_CHANGE_FIELD, "t3", "phase"));

  stop_recording (document, changes);
}

static void
test_changed_cascade (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  g_autoptr(GPtrArray) changes = record_changes (document);
  const char *removed[] = { "t2", "tr12", "tr24" };
  const char *fields[][2] = {
    { "c1", "touchpoints" },
    { "ac1", "addresses" },
    { "anna-as-is", "points" },
  };

  cjm_document_remove (document, cjm_document_lookup (document, "t2"));
  g_assert_cmpuint (changes->len, ==, G_N_ELEMENTS (removed) + G_N_ELEMENTS (fields));
  for (guint i = 0; i < G_N_ELEMENTS (removed); i++)
    g_assert_true (has_change (changes, CJM_CHANGE_REMOVED, removed[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_true (has_change (changes, CJM_CHANGE_FIELD, fields[i][0], fields[i][1]));

  g_ptr_array_set_size (changes, 0);
  g_assert_true (cjm_document_undo (document));
  g_assert_cmpuint (changes->len, ==, G_N_ELEMENTS (removed) + G_N_ELEMENTS (fields));
  for (guint i = 0; i < G_N_ELEMENTS (removed); i++)
    g_assert_true (has_change (changes, CJM_CHANGE_INSERTED, removed[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_true (has_change (changes, CJM_CHANGE_FIELD, fields[i][0], fields[i][1]));
  /* the touchpoint comes back before anything that names it */
  {
    Change *last = g_ptr_array_index (changes, changes->len - 1);
    Change *first = g_ptr_array_index (changes, 0);

    g_assert_cmpstr (cjm_entity_get_id (first->entity), ==, "t2");
    g_assert_cmpuint (first->kind, ==, CJM_CHANGE_INSERTED);
    g_assert_cmpstr (cjm_entity_get_id (last->entity), !=, "t2");
  }

  stop_recording (document, changes);
}

/* Cascading removal ------------------------------------------------------ */

static char *
card_links (CjmDocument *document,
            const char  *id)
{
  return strv_join (cjm_card_get_touchpoints (CJM_CARD (cjm_document_lookup (document, id))));
}

static char *
action_addresses (CjmDocument *document,
                  const char  *id)
{
  return strv_join (cjm_action_get_addresses (CJM_ACTION (cjm_document_lookup (document, id))));
}

static char *
touchpoint_personas (CjmDocument *document,
                     const char  *id)
{
  return strv_join (cjm_touchpoint_get_personas (CJM_TOUCHPOINT (cjm_document_lookup (document, id))));
}

/* The anchors of a curve's points, "phase@at" or the touchpoint id. */
static char *
curve_anchors (CjmDocument *document,
               const char  *id)
{
  GPtrArray *points = cjm_curve_get_points (CJM_CURVE (cjm_document_lookup (document, id)));
  GString *out = g_string_new (NULL);

  for (guint i = 0; points != NULL && i < points->len; i++)
    {
      const CjmCurvePoint *point = g_ptr_array_index (points, i);

      if (out->len > 0)
        g_string_append_c (out, ' ');
      if (point->phase != NULL)
        g_string_append_printf (out, "%s@%g", point->phase, point->at);
      else
        g_string_append (out, point->touchpoint);
    }
  return g_string_free (out, FALSE);
}

#define assert_gone(doc, id) \
  G_STMT_START { \
    if (cjm_document_lookup ((doc), (id)) != NULL) \
      g_error ("%s: \"%s\" is still there", G_STRLOC, (id)); \
  } G_STMT_END

#define assert_there(doc, id) \
  G_STMT_START { \
    if (cjm_document_lookup ((doc), (id)) == NULL) \
      g_error ("%s: \"%s\" is gone", G_STRLOC, (id)); \
  } G_STMT_END

#define assert_owned_string(expr, expected) \
  G_STMT_START { \
    g_autofree char *owned_ = (expr); \
    g_assert_cmpstr (owned_, ==, (expected)); \
  } G_STMT_END

/* Removes @entities in one go, checks it is one undoable step with @label
 * that undo reverts to the same bytes and redo repeats exactly, and leaves
 * the document in the removed state. */
static void
remove_and_check_undo (CjmDocument  *document,
                       CjmEntity   **entities,
                       guint         n_entities,
                       const char   *label)
{
  CjmHistory *history = history_of (document);
  g_autofree char *before = serialize (document);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  guint count = cjm_document_count_entities (document);
  guint steps = count_undo_steps (document);

  cjm_document_remove_many (document, entities, n_entities);
  after = serialize (document);
  g_assert_cmpuint (cjm_document_count_entities (document), <, count);
  g_assert_cmpuint (count_undo_steps (document), ==, steps + 1);
  g_assert_cmpstr (cjm_history_get_undo_label (history), ==, label);
  assert_reloads (document);

  g_assert_true (cjm_document_undo (document));
  undone = serialize (document);
  assert_same_text (before, undone);
  g_assert_cmpuint (cjm_document_count_entities (document), ==, count);

  g_assert_true (cjm_document_redo (document));
  redone = serialize (document);
  assert_same_text (after, redone);
}

static void
test_cascade_phase (void)
{
  g_autoptr(CjmDocument) document = cjm_test_load_example ("savings-account.cjm");
  CjmEntity *phase = cjm_document_lookup (document, "purchase");
  const char *gone[] = {
    "purchase",
    "tp-app-signup", "tp-video-id", "tp-welcome-email", "tp-welcome-letter",
    "do-gather-docs", "pp-video-queue", "op-bank-id", "bs-kyc", "mt-drop-off",
    "tr-rates-signup", "tr-signup-video", "tr-video-deposit",
  };
  const char *kept[] = {
    "awareness", "consideration", "post-purchase",
    "tp-rates-page", "tp-first-deposit", "do-compare", "pp-jargon",
    "tr-ad-rates", "tr-rates-call", "tr-sms-call",
    "anna-as-is", "anna-to-be", "tom-as-is", "tom-to-be",
    "ac-bank-id", "ac-welcome",
  };

  remove_and_check_undo (document, &phase, 1, "Delete Phase");

  for (guint i = 0; i < G_N_ELEMENTS (gone); i++)
    assert_gone (document, gone[i]);
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    assert_there (document, kept[i]);

  /* actions no longer address what went, and curves lose their points on
   * removed touchpoints */
  assert_owned_string (action_addresses (document, "ac-bank-id"), "");
  assert_owned_string (action_addresses (document, "ac-welcome"), "");
  assert_owned_string (action_addresses (document, "ac-explainer"),
                       "pp-jargon op-rate-explainer tp-rates-page");
  assert_owned_string (curve_anchors (document, "anna-as-is"),
                       "awareness@0.4 tp-rates-page tp-advisor-call post-purchase@0.5");
  assert_owned_string (curve_anchors (document, "anna-to-be"),
                       "consideration@0.5 tp-savings-goals");
  assert_owned_string (curve_anchors (document, "tom-as-is"),
                       "awareness@0.5 tp-comparison tp-rate-sms post-purchase@1");
  assert_owned_string (curve_anchors (document, "tom-to-be"),
                       "consideration@0.5 tp-rate-sms post-purchase@0.8");
  assert_owned_string (card_links (document, "do-compare"), "tp-comparison tp-rates-page");
}

/* The small map: links from cards in other phases and curve points placed
 * in the removed phase go too. */
static void
test_cascade_phase_links (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  CjmEntity *phase = cjm_document_lookup (document, "ph1");
  const char *gone[] = { "ph1", "t1", "t2", "t3", "c1", "c2", "tr12", "tr24" };

  remove_and_check_undo (document, &phase, 1, "Delete Phase");
  for (guint i = 0; i < G_N_ELEMENTS (gone); i++)
    assert_gone (document, gone[i]);
  assert_owned_string (card_links (document, "c3"), "t4");
  assert_owned_string (action_addresses (document, "ac1"), "t4");
  assert_owned_string (curve_anchors (document, "anna-as-is"), "t4");
  assert_owned_string (list_ids (cjm_document_get_touchpoints (document)), "t4 t5");
  assert_owned_string (list_ids (cjm_document_get_cards (document)), "c3");
}

static void
test_cascade_persona (void)
{
  g_autoptr(CjmDocument) document = cjm_test_load_example ("savings-account.cjm");
  CjmEntity *tom = cjm_document_lookup (document, "tom");

  remove_and_check_undo (document, &tom, 1, "Delete Persona");
  assert_gone (document, "tom");
  assert_gone (document, "tom-as-is");
  assert_gone (document, "tom-to-be");
  assert_there (document, "anna-as-is");
  assert_there (document, "tp-colleague");
  assert_owned_string (touchpoint_personas (document, "tp-colleague"), "");
  assert_owned_string (touchpoint_personas (document, "tp-search-ad"), "anna");
  assert_owned_string (touchpoint_personas (document, "tp-friend-post"), "anna");
  assert_owned_string (list_ids (cjm_document_get_curves (document)), "anna-as-is anna-to-be");
}

static void
test_cascade_channel (void)
{
  g_autoptr(CjmDocument) document = cjm_test_load_example ("savings-account.cjm");
  CjmEntity *channel = cjm_document_lookup (document, "video-ident");
  CjmEntity *small_channel;
  g_autoptr(CjmDocument) small = build_small_map ();

  remove_and_check_undo (document, &channel, 1, "Delete");
  assert_gone (document, "video-ident");
  g_assert_null (cjm_touchpoint_get_channel (CJM_TOUCHPOINT (cjm_document_lookup (document, "tp-video-id"))));
  g_assert_cmpstr (cjm_touchpoint_get_channel (CJM_TOUCHPOINT (cjm_document_lookup (document, "tp-comparison"))),
                   ==, "comparison-site");

  /* two touchpoints on the channel, one on a fixed channel */
  small_channel = cjm_document_lookup (small, "kiosk");
  remove_and_check_undo (small, &small_channel, 1, "Delete");
  g_assert_null (cjm_touchpoint_get_channel (CJM_TOUCHPOINT (cjm_document_lookup (small, "t1"))));
  g_assert_null (cjm_touchpoint_get_channel (CJM_TOUCHPOINT (cjm_document_lookup (small, "t5"))));
  g_assert_cmpstr (cjm_touchpoint_get_channel (CJM_TOUCHPOINT (cjm_document_lookup (small, "t2"))),
                   ==, "website");
}

static void
test_cascade_touchpoint (void)
{
  g_autoptr(CjmDocument) document = cjm_test_load_example ("savings-account.cjm");
  CjmEntity *touchpoint = cjm_document_lookup (document, "tp-rates-page");

  remove_and_check_undo (document, &touchpoint, 1, "Delete Touchpoint");
  assert_gone (document, "tp-rates-page");
  assert_gone (document, "tr-ad-rates");
  assert_gone (document, "tr-rates-call");
  assert_gone (document, "tr-rates-signup");
  assert_there (document, "tr-signup-video");
  /* cards stay, without the link */
  assert_there (document, "th-catch");
  assert_owned_string (card_links (document, "do-compare"), "tp-comparison");
  assert_owned_string (card_links (document, "th-catch"), "");
  assert_owned_string (card_links (document, "op-rate-explainer"), "tp-advisor-call");
  assert_owned_string (action_addresses (document, "ac-explainer"), "pp-jargon op-rate-explainer");
  assert_owned_string (curve_anchors (document, "anna-as-is"),
                       "awareness@0.4 tp-advisor-call tp-video-id post-purchase@0.5");
}

static void
test_cascade_card (void)
{
  g_autoptr(CjmDocument) document = cjm_test_load_example ("savings-account.cjm");
  CjmEntity *card = cjm_document_lookup (document, "op-bank-id");

  remove_and_check_undo (document, &card, 1, "Delete Card");
  assert_gone (document, "op-bank-id");
  assert_owned_string (action_addresses (document, "ac-bank-id"), "pp-video-queue tp-video-id");
}

static void
test_cascade_lane (void)
{
  g_autoptr(CjmDocument) document = cjm_test_load_example ("savings-account.cjm");
  CjmEntity *lane = cjm_document_lookup (document, "pain-points");
  CjmEntity *touchpoints;

  remove_and_check_undo (document, &lane, 1, "Delete Lane");
  assert_gone (document, "pp-jargon");
  assert_gone (document, "pp-video-queue");
  assert_gone (document, "pp-bonus-end");
  assert_owned_string (action_addresses (document, "ac-explainer"),
                       "op-rate-explainer tp-rates-page");

  /* the touchpoints lane takes every touchpoint, transition and link */
  touchpoints = cjm_document_lookup (document, "touchpoints");
  remove_and_check_undo (document, &touchpoints, 1, "Delete Lane");
  g_assert_cmpuint (cjm_document_get_touchpoints (document)->len, ==, 0);
  g_assert_cmpuint (cjm_document_get_transitions (document)->len, ==, 0);
  for (guint i = 0; i < cjm_document_get_cards (document)->len; i++)
    g_assert_null (cjm_card_get_touchpoints (g_ptr_array_index (cjm_document_get_cards (document), i)));
  assert_owned_string (action_addresses (document, "ac-explainer"), "op-rate-explainer");
  assert_owned_string (curve_anchors (document, "tom-as-is"), "awareness@0.5 post-purchase@1");
}

static void
test_cascade_many (void)
{
  g_autoptr(CjmDocument) document = cjm_test_load_example ("savings-account.cjm");
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  CjmEntity *doomed[] = {
    cjm_document_lookup (document, "purchase"),
    /* already gone with its phase when its turn comes */
    cjm_document_lookup (document, "tp-video-id"),
    cjm_document_lookup (document, "tom"),
    cjm_document_lookup (document, "word-of-mouth"),
    cjm_document_lookup (document, "ac-loyalty"),
  };
  g_autofree char *start = serialize (document);
  g_autofree char *end = NULL;

  remove_and_check_undo (document, doomed, G_N_ELEMENTS (doomed), "Delete Items");
  assert_gone (document, "tom-to-be");
  assert_gone (document, "ac-loyalty");
  g_assert_null (cjm_touchpoint_get_channel (CJM_TOUCHPOINT (cjm_document_lookup (document, "tp-colleague"))));

  /* everything at once, in an order where most go with earlier ones */
  for (guint l = 0; l < 3; l++)
    {
      GPtrArray *list = l == 0 ? cjm_document_get_phases (document)
                        : l == 1 ? cjm_document_get_personas (document)
                        : cjm_document_get_actions (document);

      for (guint i = 0; i < list->len; i++)
        g_ptr_array_add (all, g_object_ref (g_ptr_array_index (list, i)));
    }
  g_ptr_array_add (all, g_object_ref (cjm_document_get_channels (document)->pdata[0]));
  remove_and_check_undo (document, (CjmEntity **) all->pdata, all->len, "Delete Items");
  g_assert_cmpuint (cjm_document_get_touchpoints (document)->len, ==, 0);
  g_assert_cmpuint (cjm_document_get_curves (document)->len, ==, 0);

  while (cjm_document_undo (document))
    ;
  end = serialize (document);
  assert_same_text (start, end);
}

/* Placing items in cells ------------------------------------------------- */

static gboolean
place (CjmDocument  *document,
       const char   *ids,
       const char   *phase_id,
       const char   *lane_id,
       guint         position,
       GError      **error)
{
  g_auto(GStrv) split = g_strsplit (ids, " ", -1);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  for (guint i = 0; split[i] != NULL; i++)
    {
      CjmEntity *item = cjm_document_lookup (document, split[i]);

      g_assert_nonnull (item);
      g_ptr_array_add (items, item);
    }
  return cjm_document_place_items (document, (CjmEntity **) items->pdata, items->len,
                                   phase_id, lane_id, position, error);
}

/* Places, checks both cells, undoes and checks the exact previous order and
 * bytes, then redoes. */
#define check_place(doc, ids, ph, pos, exp1, exp2) \
  check_place_impl ((doc), (ids), (ph), "tps", (pos), "ph1", (exp1), "ph2", (exp2), G_STRLOC)

static void
check_place_impl (CjmDocument *document,
                  const char  *ids,
                  const char  *phase_id,
                  const char  *lane_id,
                  guint        position,
                  const char  *phase1,
                  const char  *expected1,
                  const char  *phase2,
                  const char  *expected2,
                  const char  *where)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = serialize (document);
  g_autofree char *before1 = cell_ids (document, phase1, lane_id);
  g_autofree char *before2 = cell_ids (document, phase2, lane_id);
  g_autofree char *after = NULL;
  g_autofree char *cell1 = NULL;
  g_autofree char *cell2 = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *undone1 = NULL;
  g_autofree char *undone2 = NULL;
  g_autofree char *redone = NULL;
  guint64 state = cjm_history_get_state (history_of (document));

  g_test_message ("%s: place %s in %s/%s at %u", where, ids, phase_id, lane_id, position);
  g_assert_true (place (document, ids, phase_id, lane_id, position, &error));
  g_assert_no_error (error);
  cell1 = cell_ids (document, phase1, lane_id);
  cell2 = cell_ids (document, phase2, lane_id);
  if (g_strcmp0 (cell1, expected1) != 0 || g_strcmp0 (cell2, expected2) != 0)
    g_test_message ("%s: got \"%s\" | \"%s\", expected \"%s\" | \"%s\"",
                    where, cell1, cell2, expected1, expected2);
  g_assert_cmpstr (cell1, ==, expected1);
  g_assert_cmpstr (cell2, ==, expected2);
  after = serialize (document);
  if (g_strcmp0 (before, after) == 0)
    {
      /* nothing moved, so nothing to undo */
      g_assert_cmpuint (cjm_history_get_state (history_of (document)), ==, state);
      return;
    }
  g_assert_cmpuint (cjm_history_get_state (history_of (document)), !=, state);

  g_assert_true (cjm_document_undo (document));
  g_assert_cmpuint (cjm_history_get_state (history_of (document)), ==, state);
  undone = serialize (document);
  undone1 = cell_ids (document, phase1, lane_id);
  undone2 = cell_ids (document, phase2, lane_id);
  g_assert_cmpstr (undone1, ==, before1);
  g_assert_cmpstr (undone2, ==, before2);
  assert_same_text_impl (before, undone, where);

  g_assert_true (cjm_document_redo (document));
  redone = serialize (document);
  assert_same_text_impl (after, redone, where);
  g_assert_true (cjm_document_undo (document));
}

static void
test_place_between_cells (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();

  /* ph1: t1 t2 t3, ph2: t4 t5 */
  check_place (document, "t2", "ph2", 0, "t1 t3", "t2 t4 t5");
  check_place (document, "t2", "ph2", 1, "t1 t3", "t4 t2 t5");
  check_place (document, "t2", "ph2", 2, "t1 t3", "t4 t5 t2");
  check_place (document, "t2", "ph2", 3, "t1 t3", "t4 t5 t2");
  check_place (document, "t2", "ph2", G_MAXUINT, "t1 t3", "t4 t5 t2");
  check_place (document, "t5", "ph1", 0, "t5 t1 t2 t3", "t4");
  check_place (document, "t5", "ph1", 2, "t1 t2 t5 t3", "t4");
  check_place (document, "t4", "ph1", G_MAXUINT, "t1 t2 t3 t4", "t5");

  /* the touchpoint keeps its other fields */
  g_assert_true (place (document, "t2", "ph2", "tps", 0, NULL));
  g_assert_cmpstr (cjm_touchpoint_get_phase (CJM_TOUCHPOINT (cjm_document_lookup (document, "t2"))), ==, "ph2");
  g_assert_cmpstr (cjm_touchpoint_get_channel (CJM_TOUCHPOINT (cjm_document_lookup (document, "t2"))), ==, "website");
  g_assert_cmpstr (cjm_history_get_undo_label (history_of (document)), ==, "Move Touchpoint");
}

static void
test_place_within_cell (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();

  /* among the other items of the cell: t1 at 1 goes after t2 */
  check_place (document, "t1", "ph1", 0, "t1 t2 t3", "t4 t5");
  check_place (document, "t1", "ph1", 1, "t2 t1 t3", "t4 t5");
  check_place (document, "t1", "ph1", 2, "t2 t3 t1", "t4 t5");
  check_place (document, "t1", "ph1", G_MAXUINT, "t2 t3 t1", "t4 t5");
  check_place (document, "t3", "ph1", 0, "t3 t1 t2", "t4 t5");
  check_place (document, "t3", "ph1", 1, "t1 t3 t2", "t4 t5");
  check_place (document, "t2", "ph1", 0, "t2 t1 t3", "t4 t5");
  check_place (document, "t5", "ph2", 0, "t1 t2 t3", "t5 t4");
  check_place (document, "t4", "ph2", G_MAXUINT, "t1 t2 t3", "t5 t4");
}

static void
test_place_many (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();

  /* items keep the order they are given in, at the position among the
   * cell's other items */
  check_place (document, "t4 t1", "ph1", 0, "t4 t1 t2 t3", "t5");
  check_place (document, "t4 t1", "ph1", 1, "t2 t4 t1 t3", "t5");
  check_place (document, "t4 t1", "ph1", 2, "t2 t3 t4 t1", "t5");
  check_place (document, "t4 t1", "ph1", G_MAXUINT, "t2 t3 t4 t1", "t5");
  check_place (document, "t1 t4", "ph1", 1, "t2 t1 t4 t3", "t5");
  check_place (document, "t3 t1", "ph1", 0, "t3 t1 t2", "t4 t5");
  check_place (document, "t3 t2 t1", "ph1", 0, "t3 t2 t1", "t4 t5");
  check_place (document, "t1 t5", "ph2", 1, "t2 t3", "t4 t1 t5");
  check_place (document, "t5 t4 t3", "ph2", 0, "t1 t2", "t5 t4 t3");
  check_place (document, "t1 t2 t3", "ph2", G_MAXUINT, "", "t4 t5 t1 t2 t3");
  check_place (document, "t2 t5 t1", "ph2", 1, "t3", "t4 t2 t5 t1");

  g_assert_true (place (document, "t4 t1", "ph1", "tps", 1, NULL));
  g_assert_cmpstr (cjm_history_get_undo_label (history_of (document)), ==, "Move Items");
}

/* Cell order follows the list even when the cells' items interleave in it. */
static void
test_place_interleaved (void)
{
  g_autoptr(CjmDocument) document = cjm_document_new ();
  g_autofree char *all = NULL;
  const char *order[] = { "a1", "b1", "a2", "b2", "a3", "b3" };

  add_ok (document, make_phase ("ph1", "A"));
  add_ok (document, make_phase ("ph2", "B"));
  add_ok (document, make_lane ("tps", CJM_LANE_TOUCHPOINTS));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    add_ok (document, make_touchpoint (order[i], order[i][0] == 'a' ? "ph1" : "ph2", "tps"));

  check_place (document, "a3", "ph1", 0, "a3 a1 a2", "b1 b2 b3");
  check_place (document, "a1", "ph1", 1, "a2 a1 a3", "b1 b2 b3");
  check_place (document, "a1", "ph1", G_MAXUINT, "a2 a3 a1", "b1 b2 b3");
  check_place (document, "b3", "ph1", 1, "a1 b3 a2 a3", "b1 b2");
  check_place (document, "a1", "ph2", 2, "a2 a3", "b1 b2 a1 b3");
  check_place (document, "b1 a3", "ph2", 0, "a1 a2", "b1 a3 b2 b3");
  check_place (document, "b3 b1", "ph1", 3, "a1 a2 a3 b3 b1", "b2");
  check_place (document, "a2 b2", "ph1", 1, "a1 a2 b2 a3", "b1 b3");

  /* the list itself stayed as it was */
  all = list_ids (cjm_document_get_touchpoints (document));
  g_assert_cmpstr (all, ==, "a1 b1 a2 b2 a3 b3");
}

static void
test_place_cards (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  g_autoptr(GError) error = NULL;

  /* into another lane, and into an empty cell */
  check_place_impl (document, "c3", "ph1", "acts", 1, "ph1", "c1 c3 c2", "ph2", "", G_STRLOC);
  check_place_impl (document, "c2 c1", "ph2", "acts", 0, "ph1", "", "ph2", "c2 c1 c3", G_STRLOC);
  check_place_impl (document, "c1", "ph2", "notes", 0, "ph1", "", "ph2", "c1", G_STRLOC);
  check_place_impl (document, "c1 c2 c3", "ph1", "notes", G_MAXUINT, "ph1", "c1 c2 c3", "ph2", "",
                    G_STRLOC);

  g_assert_true (place (document, "c1", "ph2", "notes", 0, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cjm_card_get_lane (CJM_CARD (cjm_document_lookup (document, "c1"))), ==, "notes");
  g_assert_cmpstr (cjm_card_get_phase (CJM_CARD (cjm_document_lookup (document, "c1"))), ==, "ph2");
  g_assert_cmpstr (cjm_history_get_undo_label (history_of (document)), ==, "Move Card");
}

static void
test_place_refused (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  g_autoptr(Snapshot) before = snapshot_take (document);
  g_autoptr(GError) error = NULL;

  g_assert_false (place (document, "t1", "ghost", "tps", 0, &error));
  g_assert_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_REFERENCE);
  g_clear_error (&error);
  g_assert_false (place (document, "t1", "ph1", "ghost", 0, &error));
  g_assert_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_REFERENCE);
  g_clear_error (&error);
  g_assert_false (place (document, "t1", "tps", "ph1", 0, &error));
  g_assert_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_REFERENCE);
  g_clear_error (&error);
  g_assert_false (place (document, "t1", "ph2", "acts", 0, &error));
  g_assert_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_PLACEMENT);
  g_clear_error (&error);
  g_assert_false (place (document, "t1 t2", "ph2", "emo", 0, &error));
  g_assert_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_PLACEMENT);
  g_clear_error (&error);
  g_assert_false (place (document, "c1", "ph2", "tps", 0, &error));
  g_assert_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_PLACEMENT);
  g_clear_error (&error);
  g_assert_false (place (document, "c1", "ph2", "emo", 0, &error));
  g_assert_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_PLACEMENT);
  g_clear_error (&error);
  /* one item that cannot go stops them all */
  g_assert_false (place (document, "c3 t1", "ph1", "acts", 0, &error));
  g_assert_error (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_PLACEMENT);
  g_clear_error (&error);
  assert_unchanged (document, before);

  /* where they already are: accepted, but nothing to undo */
  g_assert_true (place (document, "t1", "ph1", "tps", 0, &error));
  g_assert_true (place (document, "t2 t3", "ph1", "tps", 1, &error));
  g_assert_true (place (document, "t5", "ph2", "tps", G_MAXUINT, &error));
  g_assert_no_error (error);
  assert_unchanged (document, before);
}

/* Reordering phases and lanes -------------------------------------------- */

static void
test_reorder (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  CjmHistory *history = history_of (document);
  CjmEntity *ph1 = cjm_document_lookup (document, "ph1");
  CjmEntity *ph3;
  CjmEntity *notes = cjm_document_lookup (document, "notes");
  CjmEntity *tps = cjm_document_lookup (document, "tps");
  g_autofree char *start = NULL;
  guint steps;

  add_ok (document, make_phase ("ph3", "Three"));
  ph3 = cjm_document_lookup (document, "ph3");
  start = serialize (document);
  steps = count_undo_steps (document);

  g_assert_true (cjm_document_reorder (document, ph3, 0));
  assert_owned_string (list_ids (cjm_document_get_phases (document)), "ph3 ph1 ph2");
  g_assert_cmpstr (cjm_history_get_undo_label (history), ==, "Move Phase");
  g_assert_true (cjm_document_reorder (document, cjm_document_lookup (document, "ph2"), 1));
  assert_owned_string (list_ids (cjm_document_get_phases (document)), "ph3 ph2 ph1");
  g_assert_true (cjm_document_reorder (document, ph3, G_MAXUINT));
  assert_owned_string (list_ids (cjm_document_get_phases (document)), "ph2 ph1 ph3");
  g_assert_cmpuint (count_undo_steps (document), ==, steps + 3);
  /* no move, no step */
  g_assert_false (cjm_document_reorder (document, ph1, 1));
  g_assert_false (cjm_document_reorder (document, ph3, 2));
  g_assert_false (cjm_document_reorder (document, ph3, 99));
  g_assert_cmpuint (count_undo_steps (document), ==, steps + 3);
  /* cells keep their items */
  assert_owned_string (cell_ids (document, "ph1", "tps"), "t1 t2 t3");

  g_assert_true (cjm_document_reorder (document, notes, 0));
  assert_owned_string (list_ids (cjm_document_get_lanes (document)), "notes tps acts emo");
  g_assert_cmpstr (cjm_history_get_undo_label (history), ==, "Move Lane");
  g_assert_true (cjm_document_reorder (document, tps, 3));
  assert_owned_string (list_ids (cjm_document_get_lanes (document)), "notes acts emo tps");
  g_assert_true (cjm_document_reorder (document, tps, 1));
  assert_owned_string (list_ids (cjm_document_get_lanes (document)), "notes tps acts emo");

  g_assert_true (cjm_document_undo (document));
  assert_owned_string (list_ids (cjm_document_get_lanes (document)), "notes acts emo tps");
  g_assert_true (cjm_document_undo (document));
  g_assert_true (cjm_document_undo (document));
  assert_owned_string (list_ids (cjm_document_get_lanes (document)), "tps acts emo notes");
  g_assert_true (cjm_document_undo (document));
  assert_owned_string (list_ids (cjm_document_get_phases (document)), "ph3 ph2 ph1");
  g_assert_true (cjm_document_undo (document));
  assert_owned_string (list_ids (cjm_document_get_phases (document)), "ph3 ph1 ph2");
  g_assert_true (cjm_document_undo (document));
  {
    g_autofree char *undone = serialize (document);

    assert_same_text (start, undone);
  }

  /* an entity of another document is not reordered */
  {
    g_autoptr(CjmDocument) other = build_small_map ();

    g_assert_false (cjm_document_reorder (document, cjm_document_lookup (other, "ph2"), 0));
  }
}

/* Randomised invariant: any sequence of commands undoes and redoes exactly */

typedef struct
{
  CjmDocument *document;
  GRand       *rand;
  GHashTable  *states;    /* history state -> serialisation */
  guint        accepted;
  guint        refused;
  guint        undos;
  guint        redos;
  guint        changes;
} Fuzz;

/* Every change announced names an entity in the state the kind implies. */
static void
on_fuzz_changed (CjmDocument *document,
                 guint        kind,
                 CjmEntity   *entity,
                 const char  *field,
                 gpointer     user_data)
{
  Fuzz *fuzz = user_data;
  CjmEntity *found = CJM_IS_MAP (entity) ? CJM_ENTITY (cjm_document_get_map (document))
                                         : cjm_document_lookup (document, cjm_entity_get_id (entity));

  fuzz->changes++;
  switch (kind)
    {
    case CJM_CHANGE_INSERTED:
    case CJM_CHANGE_MOVED:
      g_assert_true (found == entity);
      g_assert_null (field);
      g_assert_true (g_ptr_array_find (cjm_document_get_list (document, G_OBJECT_TYPE (entity)),
                                       entity, NULL));
      break;
    case CJM_CHANGE_REMOVED:
      g_assert_null (found);
      g_assert_null (field);
      g_assert_false (g_ptr_array_find (cjm_document_get_list (document, G_OBJECT_TYPE (entity)),
                                        entity, NULL));
      break;
    case CJM_CHANGE_FIELD:
      g_assert_true (found == entity);
      g_assert_nonnull (field);
      g_assert_nonnull (cjm_entity_class_find_field (CJM_ENTITY_GET_CLASS (entity), field));
      break;
    default:
      g_assert_not_reached ();
    }
}

static const char *random_texts[] = {
  "Plain",
  "Two\nlines",
  "Tab\there",
  "Bad\x01" "control\x1f",
  "Inv\xff" "alid \xc3",
  "Surrogate \xed\xa0\x80 bytes",
  "Non-character \xef\xbf\xbe and \xef\xbf\xbf",
  "CRLF\r\nend\rmac",
  "\xc3\x9cn\xc3\xaf" "c\xc3\xb6" "d\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x9a\xb2",
  "<xml> & \"quotes\" 'too' ]]>",
  "",
};

static const char *
random_text (Fuzz *fuzz)
{
  return random_texts[g_rand_int_range (fuzz->rand, 0, G_N_ELEMENTS (random_texts))];
}

static gboolean
chance (Fuzz *fuzz,
        int   percent)
{
  return g_rand_int_range (fuzz->rand, 0, 100) < percent;
}

static CjmEntity *
pick (Fuzz      *fuzz,
      GPtrArray *list)
{
  if (list->len == 0)
    return NULL;
  return g_ptr_array_index (list, g_rand_int_range (fuzz->rand, 0, (int) list->len));
}

static const char *
pick_id (Fuzz      *fuzz,
         GPtrArray *list)
{
  CjmEntity *entity = chance (fuzz, 4) ? NULL : pick (fuzz, list);

  /* now and then a reference to nothing, which must be refused */
  return entity != NULL ? cjm_entity_get_id (entity) : "ghost";
}

/* Any entity of the document. */
static CjmEntity *
pick_any (Fuzz *fuzz)
{
  GType types[] = {
    CJM_TYPE_PERSONA, CJM_TYPE_CHANNEL, CJM_TYPE_PHASE, CJM_TYPE_LANE, CJM_TYPE_TOUCHPOINT,
    CJM_TYPE_CARD, CJM_TYPE_TRANSITION, CJM_TYPE_CURVE, CJM_TYPE_ACTION,
  };

  for (guint tries = 0; tries < 10; tries++)
    {
      GType type = types[g_rand_int_range (fuzz->rand, 0, G_N_ELEMENTS (types))];
      CjmEntity *entity = pick (fuzz, cjm_document_get_list (fuzz->document, type));

      if (entity != NULL)
        return entity;
    }
  return NULL;
}

/* A NULL-terminated set of up to three ids from @list, maybe repeated. */
static GStrv
pick_ids (Fuzz      *fuzz,
          GPtrArray *list)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int n = g_rand_int_range (fuzz->rand, 0, 4);

  for (int i = 0; i < n; i++)
    g_strv_builder_add (builder, pick_id (fuzz, list));
  return g_strv_builder_end (builder);
}

static int
random_emotion (Fuzz *fuzz)
{
  CjmMap *map = cjm_document_get_map (fuzz->document);

  if (chance (fuzz, 15))
    return CJM_UNSET_INT;
  /* one beyond each end now and then */
  return g_rand_int_range (fuzz->rand, cjm_map_get_scale_min (map) - 1,
                           cjm_map_get_scale_max (map) + 2);
}

static GPtrArray *
random_points (Fuzz *fuzz)
{
  GPtrArray *points = new_points ();
  CjmMap *map = cjm_document_get_map (fuzz->document);
  int n = g_rand_int_range (fuzz->rand, 0, 4);

  for (int i = 0; i < n; i++)
    {
      double value = g_rand_double_range (fuzz->rand, cjm_map_get_scale_min (map) - 0.5,
                                          cjm_map_get_scale_max (map) + 0.5);
      CjmCurvePoint *point;

      value = floor (value * 2) / 2;
      if (chance (fuzz, 50))
        point = cjm_curve_point_new_in_phase (pick_id (fuzz, cjm_document_get_phases (fuzz->document)),
                                              g_rand_int_range (fuzz->rand, 0, 5) / 4.0, value);
      else
        point = cjm_curve_point_new_on_touchpoint (pick_id (fuzz, cjm_document_get_touchpoints (fuzz->document)),
                                                   value);
      if (chance (fuzz, 5))
        point->source = g_strdup ("Survey");
      if (chance (fuzz, 3))
        {
          /* a second anchor, or one that names nothing */
          g_free (point->touchpoint);
          point->touchpoint = g_strdup ("ghost");
        }
      g_ptr_array_add (points, point);
    }
  return points;
}

static GPtrArray *
random_metrics (Fuzz *fuzz)
{
  GPtrArray *metrics = new_metrics ();
  int n = g_rand_int_range (fuzz->rand, 0, 3);

  for (int i = 0; i < n; i++)
    {
      CjmMetricKind kind = g_rand_int_range (fuzz->rand, CJM_METRIC_SATISFACTION, CJM_METRIC_CUSTOM + 1);
      CjmMetric *metric = cjm_metric_new (kind, chance (fuzz, 5) ? NAN
                                                : g_rand_int_range (fuzz->rand, -100, 100) / 4.0);

      if (kind == CJM_METRIC_CUSTOM && chance (fuzz, 80))
        metric->name = g_strdup ("Custom");
      if (chance (fuzz, 50))
        metric->unit = g_strdup ("%");
      if (chance (fuzz, 30))
        metric->sample = g_rand_int_range (fuzz->rand, -1, 500);
      g_ptr_array_add (metrics, metric);
    }
  return metrics;
}

static gboolean
fuzz_add (Fuzz    *fuzz,
          GError **error)
{
  CjmDocument *document = fuzz->document;
  g_autofree char *id = NULL;
  CjmEntity *entity;
  int index = chance (fuzz, 70) ? -1 : g_rand_int_range (fuzz->rand, 0, 5);

  switch (g_rand_int_range (fuzz->rand, 0, 10))
    {
    case 0:
    case 1:
      {
        g_auto(GStrv) personas = pick_ids (fuzz, cjm_document_get_personas (document));
        GPtrArray *channels = cjm_document_get_channels (document);
        const char *channel = chance (fuzz, 30) ? NULL
                              : chance (fuzz, 50) ? "app"
                              : chance (fuzz, 80) ? pick_id (fuzz, channels) : "teleport";
        g_autoptr(GPtrArray) metrics = random_metrics (fuzz);

        id = cjm_document_new_id (document, "tp");
        entity = make_touchpoint (id, pick_id (fuzz, cjm_document_get_phases (document)),
                                  pick_id (fuzz, cjm_document_get_lanes (document)));
        g_object_set (entity, "personas", personas, "channel", channel,
                      "emotion", random_emotion (fuzz), "metrics", metrics, NULL);
      }
      break;
    case 2:
    case 3:
      {
        g_auto(GStrv) links = pick_ids (fuzz, cjm_document_get_touchpoints (document));

        id = cjm_document_new_id (document, "card");
        entity = make_card (id, pick_id (fuzz, cjm_document_get_phases (document)),
                            pick_id (fuzz, cjm_document_get_lanes (document)));
        g_object_set (entity, "touchpoints", links, "text", random_text (fuzz), NULL);
      }
      break;
    case 4:
      id = cjm_document_new_id (document, "tr");
      entity = make_transition (id, pick_id (fuzz, cjm_document_get_touchpoints (document)),
                                pick_id (fuzz, cjm_document_get_touchpoints (document)));
      break;
    case 5:
      {
        g_autoptr(GPtrArray) points = random_points (fuzz);

        id = cjm_document_new_id (document, "curve");
        entity = make_curve (id, pick_id (fuzz, cjm_document_get_personas (document)),
                             g_rand_int_range (fuzz->rand, 0, 2));
        g_object_set (entity, "points", points, NULL);
      }
      break;
    case 6:
      id = cjm_document_new_id (document, "phase");
      entity = make_phase (id, random_text (fuzz));
      break;
    case 7:
      id = cjm_document_new_id (document, "lane");
      entity = make_lane (id, g_rand_int_range (fuzz->rand, CJM_LANE_TOUCHPOINTS, CJM_LANE_NOTES + 1));
      break;
    case 8:
      id = cjm_document_new_id (document, chance (fuzz, 50) ? "persona" : "channel");
      entity = g_str_has_prefix (id, "persona") ? make_persona (id, random_text (fuzz))
                                                : make_channel (id, random_text (fuzz));
      break;
    default:
      {
        g_autoptr(GPtrArray) targets = g_ptr_array_new ();
        g_auto(GStrv) addresses = NULL;

        g_ptr_array_extend (targets, cjm_document_get_cards (document), NULL, NULL);
        g_ptr_array_extend (targets, cjm_document_get_touchpoints (document), NULL, NULL);
        if (chance (fuzz, 10))
          g_ptr_array_extend (targets, cjm_document_get_phases (document), NULL, NULL);
        addresses = pick_ids (fuzz, targets);
        id = cjm_document_new_id (document, "action");
        entity = make_action (id, random_text (fuzz));
        g_object_set (entity, "addresses", addresses, NULL);
      }
      break;
    }

  /* now and then an id that is taken */
  if (chance (fuzz, 3))
    {
      CjmEntity *other = pick_any (fuzz);

      if (other != NULL)
        {
          GType type = G_OBJECT_TYPE (entity);

          g_object_unref (entity);
          entity = g_object_new (type, "id", cjm_entity_get_id (other), NULL);
        }
    }
  return cjm_document_add (document, entity, index, error);
}

static gboolean
fuzz_set (Fuzz    *fuzz,
          GError **error)
{
  CjmDocument *document = fuzz->document;
  CjmEntity *target;

  switch (g_rand_int_range (fuzz->rand, 0, 9))
    {
    case 0:
      target = pick (fuzz, cjm_document_get_touchpoints (document));
      if (target == NULL)
        return TRUE;
      return cjm_document_set (document, target, error,
                               "emotion", random_emotion (fuzz),
                               "importance", g_rand_int_range (fuzz->rand, 0, 4),
                               "managed", chance (fuzz, 50),
                               NULL);
    case 1:
      {
        g_auto(GStrv) personas = pick_ids (fuzz, cjm_document_get_personas (document));
        const char *channel = chance (fuzz, 50) ? pick_id (fuzz, cjm_document_get_channels (document))
                                                : "email";

        target = pick (fuzz, cjm_document_get_touchpoints (document));
        if (target == NULL)
          return TRUE;
        return cjm_document_set (document, target, error,
                                 "personas", personas,
                                 "channel", chance (fuzz, 10) ? NULL : channel,
                                 "owner", random_text (fuzz),
                                 NULL);
      }
    case 2:
      {
        g_auto(GStrv) links = pick_ids (fuzz, cjm_document_get_touchpoints (document));

        target = pick (fuzz, cjm_document_get_cards (document));
        if (target == NULL)
          return TRUE;
        return cjm_document_set (document, target, error,
                                 "touchpoints", links,
                                 "color", chance (fuzz, 50) ? CJM_UNSET_COLOR : 0xf66151u,
                                 NULL);
      }
    case 3:
      {
        /* a move by fields, as an inspector might do it */
        GPtrArray *list = chance (fuzz, 50) ? cjm_document_get_touchpoints (document)
                                            : cjm_document_get_cards (document);

        target = pick (fuzz, list);
        if (target == NULL)
          return TRUE;
        return cjm_document_set (document, target, error,
                                 "phase", pick_id (fuzz, cjm_document_get_phases (document)),
                                 "lane", pick_id (fuzz, cjm_document_get_lanes (document)),
                                 NULL);
      }
    case 4:
      {
        CjmEntity *map = CJM_ENTITY (cjm_document_get_map (document));
        int min = g_rand_int_range (fuzz->rand, -4, 1);
        int max = g_rand_int_range (fuzz->rand, 0, 5);

        return cjm_document_set (document, map, error, "scale-min", min, "scale-max", max, NULL);
      }
    case 5:
      {
        g_autoptr(GPtrArray) points = random_points (fuzz);

        target = pick (fuzz, cjm_document_get_curves (document));
        if (target == NULL)
          return TRUE;
        return cjm_document_set (document, target, error, "points", points, NULL);
      }
    case 6:
      {
        g_autoptr(GPtrArray) metrics = random_metrics (fuzz);

        target = pick (fuzz, cjm_document_get_touchpoints (document));
        if (target == NULL)
          return TRUE;
        return cjm_document_set (document, target, error, "metrics", metrics, NULL);
      }
    case 7:
      {
        double size = g_rand_int_range (fuzz->rand, 30, 500);

        target = pick (fuzz, chance (fuzz, 50) ? cjm_document_get_phases (document)
                                                : cjm_document_get_lanes (document));
        if (target == NULL)
          return TRUE;
        return cjm_document_set (document, target, error,
                                 CJM_IS_PHASE (target) ? "width" : "height", size, NULL);
      }
    default:
      {
        g_autoptr(GPtrArray) targets = g_ptr_array_new ();
        g_auto(GStrv) addresses = NULL;

        g_ptr_array_extend (targets, cjm_document_get_cards (document), NULL, NULL);
        g_ptr_array_extend (targets, cjm_document_get_touchpoints (document), NULL, NULL);
        addresses = pick_ids (fuzz, targets);
        target = pick (fuzz, cjm_document_get_actions (document));
        if (target == NULL)
          return TRUE;
        return cjm_document_set (document, target, error,
                                 "addresses", addresses,
                                 "status", g_rand_int_range (fuzz->rand, 0, 5),
                                 "due", chance (fuzz, 80) ? "2026-06-30" : "2026-06-31",
                                 NULL);
      }
    }
}

/* Typing into the text field of an entity. */
static gboolean
fuzz_edit_text (Fuzz    *fuzz,
                GError **error)
{
  CjmEntity *target = chance (fuzz, 10) ? CJM_ENTITY (cjm_document_get_map (fuzz->document))
                                        : pick_any (fuzz);
  const char *property;
  g_autofree char *text = NULL;
  gboolean ok = TRUE;

  if (target == NULL)
    return TRUE;

  property = CJM_IS_CARD (target) ? "text"
             : CJM_IS_TRANSITION (target) ? "note"
             : CJM_IS_PERSONA (target) || CJM_IS_PHASE (target) || CJM_IS_LANE (target)
               || CJM_IS_CHANNEL (target) ? "name"
             : CJM_IS_CURVE (target) ? NULL
             : "title";
  if (property == NULL)
    return TRUE;
  if (chance (fuzz, 30)
      && (CJM_IS_TOUCHPOINT (target) || CJM_IS_ACTION (target) || CJM_IS_PERSONA (target)
          || CJM_IS_PHASE (target) || CJM_IS_MAP (target)))
    property = "description";

  /* a few keystrokes in a row, which merge */
  text = g_strdup (random_text (fuzz));
  for (int n = g_rand_int_range (fuzz->rand, 1, 4); n > 0 && ok; n--)
    {
      char *longer = g_strconcat (text, "x", NULL);

      ok = cjm_document_edit_text (fuzz->document, target, property, text, error);
      g_free (text);
      text = longer;
    }
  return ok;
}

static gboolean
fuzz_place (Fuzz    *fuzz,
            GError **error)
{
  CjmDocument *document = fuzz->document;
  GPtrArray *list = chance (fuzz, 50) ? cjm_document_get_touchpoints (document)
                                      : cjm_document_get_cards (document);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  CjmEntity *phase = pick (fuzz, cjm_document_get_phases (document));
  CjmEntity *lane = pick (fuzz, cjm_document_get_lanes (document));
  int n = g_rand_int_range (fuzz->rand, 1, 4);
  guint position;

  if (phase == NULL || lane == NULL)
    return TRUE;
  for (int i = 0; i < n; i++)
    {
      CjmEntity *item = pick (fuzz, list);

      if (item != NULL && !g_ptr_array_find (items, item, NULL))
        g_ptr_array_add (items, item);
    }
  if (items->len == 0)
    return TRUE;
  position = chance (fuzz, 20) ? G_MAXUINT : (guint) g_rand_int_range (fuzz->rand, 0, 6);
  return cjm_document_place_items (document, (CjmEntity **) items->pdata, items->len,
                                   cjm_entity_get_id (phase), cjm_entity_get_id (lane),
                                   position, error);
}

static void
fuzz_remove (Fuzz *fuzz)
{
  g_autoptr(GPtrArray) doomed = g_ptr_array_new ();
  int n = chance (fuzz, 75) ? 1 : g_rand_int_range (fuzz->rand, 2, 4);

  /* big cascades empty the map quickly, so mostly small things */
  for (int i = 0; i < n; i++)
    {
      CjmEntity *entity = pick_any (fuzz);

      if (entity != NULL && (CJM_IS_PHASE (entity) || CJM_IS_LANE (entity)) && chance (fuzz, 70))
        continue;
      if (entity != NULL && !g_ptr_array_find (doomed, entity, NULL))
        g_ptr_array_add (doomed, entity);
    }
  cjm_document_remove_many (fuzz->document, (CjmEntity **) doomed->pdata, doomed->len);
}

/* Runs one random verb; FALSE if it was refused. */
static gboolean
fuzz_verb (Fuzz    *fuzz,
           GError **error)
{
  int roll = g_rand_int_range (fuzz->rand, 0, 100);

  if (roll < 25)
    return fuzz_add (fuzz, error);
  if (roll < 45)
    return fuzz_set (fuzz, error);
  if (roll < 60)
    return fuzz_edit_text (fuzz, error);
  if (roll < 75)
    return fuzz_place (fuzz, error);
  if (roll < 85)
    {
      fuzz_remove (fuzz);
      return TRUE;
    }
  {
    CjmEntity *entity = pick_any (fuzz);

    if (entity != NULL)
      cjm_document_reorder (fuzz->document, entity, (guint) g_rand_int_range (fuzz->rand, 0, 20));
    return TRUE;
  }
}

/* Checks the state the history says the document is in against the bytes
 * recorded when it was first reached. */
static void
fuzz_check_state (Fuzz       *fuzz,
                  const char *what)
{
  guint64 state = cjm_history_get_state (history_of (fuzz->document));
  const char *expected = g_hash_table_lookup (fuzz->states, &state);
  g_autofree char *text = serialize (fuzz->document);

  if (expected == NULL)
    g_error ("%s led to state %" G_GUINT64_FORMAT ", never seen before", what, state);
  if (strcmp (expected, text) != 0)
    g_test_message ("after %s, state %" G_GUINT64_FORMAT " differs from when first reached",
                    what, state);
  assert_same_text (expected, text);
}

static void
fuzz_record_state (Fuzz *fuzz,
                   char *text)
{
  guint64 *state = g_new (guint64, 1);

  *state = cjm_history_get_state (history_of (fuzz->document));
  g_hash_table_replace (fuzz->states, state, text);
}

static void
fuzz_run (const char *example,
          guint32     seed,
          guint       n_steps,
          guint       reload_every)
{
  g_autoptr(CjmDocument) document = cjm_test_load_example (example);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GHashTable) states = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  CjmHistory *history = history_of (document);
  Fuzz fuzz = { document, rand, states, 0, 0, 0, 0, 0 };
  g_autofree char *start = serialize (document);
  g_autofree char *end = NULL;
  guint depth = 0;

  g_test_message ("%s, seed %u, %u steps", example, seed, n_steps);
  fuzz_record_state (&fuzz, g_strdup (start));
  g_signal_connect (document, "changed", G_CALLBACK (on_fuzz_changed), &fuzz);

  for (guint step = 0; step < n_steps; step++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *before = serialize (document);
      guint64 state = cjm_history_get_state (history);
      int roll = g_rand_int_range (rand, 0, 100);

      if (roll < 6 && depth == 0)
        {
          if (cjm_document_undo (document))
            fuzz.undos++;
          fuzz_check_state (&fuzz, "undo");
          continue;
        }
      if (depth == 0 && (roll < 9 || (roll < 25 && cjm_history_get_can_redo (history))))
        {
          if (cjm_document_redo (document))
            fuzz.redos++;
          fuzz_check_state (&fuzz, "redo");
          continue;
        }
      if (roll >= 25 && roll < 28 && depth == 0)
        {
          cjm_history_mark_saved (history);
          g_assert_false (cjm_history_get_modified (history));
          continue;
        }
      if (roll >= 28 && roll < 31 && depth == 0)
        {
          cjm_document_begin_group (document, "Random Group");
          depth++;
          continue;
        }
      if (roll >= 31 && roll < 36 && depth > 0)
        {
          cjm_document_end_group (document);
          depth--;
        }
      else if (fuzz_verb (&fuzz, &error))
        {
          g_assert_no_error (error);
          fuzz.accepted++;
        }
      else
        {
          g_autofree char *after = serialize (document);

          /* a refusal says why and leaves no trace */
          g_assert_nonnull (error);
          g_assert_true (error->domain == CJM_MODEL_ERROR);
          assert_same_text (before, after);
          g_assert_cmpuint (cjm_history_get_state (history), ==, state);
          fuzz.refused++;
          continue;
        }

      if (depth > 0)
        continue;
      if (reload_every > 0 && step % reload_every == 0)
        assert_reloads (document);
      if (cjm_history_get_state (history) == state)
        {
          /* nothing recorded, so nothing may have changed */
          g_autofree char *after = serialize (document);

          assert_same_text (before, after);
        }
      else
        {
          g_assert_false (g_hash_table_contains (states, &(guint64) { cjm_history_get_state (history) }));
          g_assert_true (cjm_history_get_modified (history));
          fuzz_record_state (&fuzz, serialize (document));
        }
    }
  while (depth > 0)
    {
      cjm_document_end_group (document);
      depth--;
      fuzz_record_state (&fuzz, serialize (document));
    }

  g_test_message ("%u accepted, %u refused, %u undos, %u redos, %u changes; %u entities",
                  fuzz.accepted, fuzz.refused, fuzz.undos, fuzz.redos, fuzz.changes,
                  cjm_document_count_entities (document));
  g_assert_cmpuint (fuzz.changes, >=, fuzz.accepted / 2);
  g_assert_cmpuint (fuzz.accepted, >, n_steps / 3);
  g_assert_cmpuint (fuzz.refused, >, 0);

  /* the end is the newest state: steps undone last are redone first */
  while (cjm_document_redo (document))
    fuzz_check_state (&fuzz, "redo");
  if (reload_every > 0)
    assert_reloads (document);
  end = serialize (document);

  while (cjm_document_undo (document))
    fuzz_check_state (&fuzz, "undo all");
  {
    g_autofree char *undone = serialize (document);

    assert_same_text (start, undone);
  }
  while (cjm_document_redo (document))
    fuzz_check_state (&fuzz, "redo all");
  {
    g_autofree char *redone = serialize (document);

    assert_same_text (end, redone);
  }
  g_assert_cmpuint (g_signal_handlers_disconnect_by_data (document, &fuzz), ==, 1);
}

static void
test_random_invariant (void)
{
  const guint32 seeds[] = { 1, 20260322, 4242, 77 };
  guint n_seeds = g_test_thorough () ? 40 : G_N_ELEMENTS (seeds);

  for (guint i = 0; i < n_seeds; i++)
    {
      guint32 seed = i < G_N_ELEMENTS (seeds) ? seeds[i] : (guint32) g_test_rand_int ();

      fuzz_run (i % 2 == 0 ? "savings-account.cjm" : "fietsabonnement.cjm", seed, 400, 0);
    }
}

/* Whatever the verbs accept, the reader takes back unchanged: every state
 * the random commands reach saves and loads to the same bytes. */
static void
test_random_reload (void)
{
  fuzz_run ("savings-account.cjm", 5, 300, 10);
  fuzz_run ("fietsabonnement.cjm", 6, 300, 10);
}

/* Text cleaning ---------------------------------------------------------- */

#define assert_sanitized(in, length, single, expected) \
  G_STMT_START { \
    g_autofree char *out_ = cjm_text_sanitize ((in), (length), (single)); \
    g_assert_true (g_utf8_validate (out_, -1, NULL)); \
    g_assert_cmpstr (out_, ==, (expected)); \
  } G_STMT_END

static void
test_text_invalid_utf8 (void)
{
  assert_sanitized ("plain", -1, FALSE, "plain");
  assert_sanitized ("", -1, FALSE, "");
  /* each bad byte becomes U+FFFD, the rest is kept */
  assert_sanitized ("a\xff" "b", -1, FALSE, "a\xef\xbf\xbd" "b");
  assert_sanitized ("caf\xe9", -1, FALSE, "caf\xef\xbf\xbd");
  assert_sanitized ("\xc3", -1, TRUE, "\xef\xbf\xbd");
  assert_sanitized ("ok \xc3\xa9 \xe2\x82\xac \xf0\x9f\x9a\xb2", -1, FALSE,
                    "ok \xc3\xa9 \xe2\x82\xac \xf0\x9f\x9a\xb2");
  /* overlong encodings are not UTF-8 */
  {
    g_autofree char *out = cjm_text_sanitize ("x\xc0\xaf" "y", -1, FALSE);

    g_assert_true (g_utf8_validate (out, -1, NULL));
    g_assert_null (strchr (out, '/'));
    g_assert_true (g_str_has_prefix (out, "x"));
    g_assert_true (g_str_has_suffix (out, "y"));
  }
}

static void
test_text_controls (void)
{
  /* C0 controls other than tab and newline go, and so does DEL's
   * neighbour U+0000 */
  assert_sanitized ("a\x01" "b\x08" "c\x0b" "d\x0c" "e\x1b" "f\x1f" "g", -1, FALSE, "abcdefg");
  assert_sanitized ("tab\tand\nnewline", -1, FALSE, "tab\tand\nnewline");
  {
    const char with_nul[] = { 'a', '\0', 'b' };
    g_autofree char *out = cjm_text_sanitize (with_nul, sizeof with_nul, FALSE);

    g_assert_true (g_utf8_validate (out, -1, NULL));
    g_assert_true (g_str_has_prefix (out, "a"));
    g_assert_null (strchr (out, '\x01'));
  }
  /* C1 controls are allowed by XML 1.0 and kept; DEL too */
  assert_sanitized ("x\xc2\x85" "y\x7f", -1, FALSE, "x\xc2\x85" "y\x7f");
}

static void
test_text_surrogates (void)
{
  g_autofree char *out = cjm_text_sanitize ("x\xed\xa0\x80" "y\xed\xbf\xbf" "z", -1, FALSE);

  g_assert_true (g_utf8_validate (out, -1, NULL));
  g_assert_null (strstr (out, "\xed\xa0\x80"));
  g_assert_null (strstr (out, "\xed\xbf\xbf"));
  g_assert_true (g_str_has_prefix (out, "x"));
  g_assert_true (g_str_has_suffix (out, "z"));
  g_assert_nonnull (strchr (out, 'y'));
}

static void
test_text_noncharacters (void)
{
  /* U+FFFE and U+FFFF cannot be carried by XML */
  assert_sanitized ("a\xef\xbf\xbe" "b\xef\xbf\xbf" "c", -1, FALSE, "abc");
  /* their neighbours can */
  assert_sanitized ("\xef\xbf\xbd\xee\x80\x80", -1, FALSE, "\xef\xbf\xbd\xee\x80\x80");
  /* and so can the planes above */
  assert_sanitized ("\xf4\x8f\xbf\xbd", -1, FALSE, "\xf4\x8f\xbf\xbd");
}

static void
test_text_line_ends (void)
{
  assert_sanitized ("a\r\nb", -1, FALSE, "a\nb");
  assert_sanitized ("a\rb", -1, FALSE, "a\nb");
  assert_sanitized ("a\r\r\nb\n\rc", -1, FALSE, "a\n\nb\n\nc");
  assert_sanitized ("end\r", -1, FALSE, "end\n");
  assert_sanitized ("end\r\n", -1, FALSE, "end\n");
}

static void
test_text_single_line (void)
{
  assert_sanitized ("a\nb", -1, TRUE, "a b");
  assert_sanitized ("a\r\nb", -1, TRUE, "a b");
  assert_sanitized ("a\rb", -1, TRUE, "a b");
  assert_sanitized ("a\tb", -1, TRUE, "a b");
  assert_sanitized ("a\x01\nb", -1, TRUE, "a b");
  assert_sanitized ("\xef\xbf\xbe\n", -1, TRUE, " ");
}

static void
test_text_length (void)
{
  gsize big = CJM_MAX_TEXT_LENGTH + 4096;
  g_autofree char *ascii = g_strnfill (big, 'a');
  g_autofree char *out = cjm_text_sanitize (ascii, -1, FALSE);
  GString *wide = g_string_new (NULL);
  g_autofree char *wide_out = NULL;
  g_autofree char *short_out = NULL;

  g_assert_cmpuint (strlen (out), <=, CJM_MAX_TEXT_LENGTH);
  g_assert_cmpuint (strlen (out), >=, CJM_MAX_TEXT_LENGTH - 8);

  /* cut between characters, never inside one */
  while (wide->len < big)
    g_string_append (wide, "\xe2\x82\xac\xf0\x9f\x9a\xb2\xc3\xa9");
  wide_out = cjm_text_sanitize (wide->str, (gssize) wide->len, FALSE);
  g_assert_cmpuint (strlen (wide_out), <=, CJM_MAX_TEXT_LENGTH);
  g_assert_cmpuint (strlen (wide_out), >=, CJM_MAX_TEXT_LENGTH - 8);
  g_assert_true (g_utf8_validate (wide_out, -1, NULL));
  g_string_free (wide, TRUE);

  /* the length argument bounds what is read */
  short_out = cjm_text_sanitize ("abcdef", 3, FALSE);
  g_assert_cmpstr (short_out, ==, "abc");
  {
    /* cutting inside a character leaves a replacement, not half a one */
    g_autofree char *cut = cjm_text_sanitize ("a\xc3\xa9", 2, FALSE);

    g_assert_true (g_utf8_validate (cut, -1, NULL));
    g_assert_true (g_str_has_prefix (cut, "a"));
  }
}

/* Text a user typed with spaces around it reopens as it was saved, for
 * the map's own fields as for those of its entities. */
static void
test_text_round_trip_spaces (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  CjmEntity *t1 = cjm_document_lookup (document, "t1");
  CjmEntity *map = CJM_ENTITY (cjm_document_get_map (document));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CjmDocument) loaded = NULL;

  g_assert_true (cjm_document_edit_text (document, t1, "title", " Padded title ", &error));
  g_assert_true (cjm_document_edit_text (document, t1, "description", "Line\n", &error));
  g_assert_true (cjm_document_edit_text (document, map, "title", " Padded title ", &error));
  g_assert_true (cjm_document_edit_text (document, map, "description", "Line\n", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cjm_map_get_title (CJM_MAP (map)), ==, " Padded title ");

  text = serialize (document);
  bytes = g_bytes_new (text, strlen (text));
  loaded = cjm_reader_load_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cjm_touchpoint_get_title (CJM_TOUCHPOINT (cjm_document_lookup (loaded, "t1"))),
                   ==, " Padded title ");
  g_assert_cmpstr (cjm_touchpoint_get_description (CJM_TOUCHPOINT (cjm_document_lookup (loaded, "t1"))),
                   ==, "Line\n");
  /* not fatal: both are worth reporting */
  if (g_strcmp0 (cjm_map_get_title (cjm_document_get_map (loaded)), " Padded title ") != 0)
    g_test_message ("map title saved as \" Padded title \", reopened as \"%s\"",
                    cjm_map_get_title (cjm_document_get_map (loaded)));
  if (g_strcmp0 (cjm_map_get_title (cjm_document_get_map (loaded)), " Padded title ") != 0)
    g_test_fail_printf ("map title saved as \" Padded title \", reopened as \"%s\"",
                        cjm_map_get_title (cjm_document_get_map (loaded)));
  if (g_strcmp0 (cjm_map_get_description (cjm_document_get_map (loaded)), "Line\n") != 0)
    g_test_fail_printf ("map description saved as \"Line\\n\", reopened as \"%s\"",
                        cjm_map_get_description (cjm_document_get_map (loaded)));
}

/* Dirty text through the verbs, saved and loaded again. */
static void
test_text_through_verbs (void)
{
  g_autoptr(CjmDocument) document = build_small_map ();
  const char *dirty = "Bad\x01 \xff \xed\xa0\x80 \xef\xbf\xbe\r\nsecond line\rthird\tend";
  CjmEntity *t1 = cjm_document_lookup (document, "t1");
  CjmEntity *c1 = cjm_document_lookup (document, "c1");
  CjmEntity *tr12 = cjm_document_lookup (document, "tr12");
  CjmEntity *anna = cjm_document_lookup (document, "anna");
  CjmMap *map = cjm_document_get_map (document);
  g_autofree char *multi = cjm_text_sanitize (dirty, -1, FALSE);
  g_autofree char *single = cjm_text_sanitize (dirty, -1, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CjmDocument) loaded = NULL;
  g_autofree char *again = NULL;

  g_assert_true (cjm_document_edit_text (document, t1, "title", dirty, &error));
  g_assert_true (cjm_document_edit_text (document, t1, "description", dirty, &error));
  g_assert_true (cjm_document_edit_text (document, t1, "owner", dirty, &error));
  g_assert_true (cjm_document_edit_text (document, c1, "text", dirty, &error));
  g_assert_true (cjm_document_edit_text (document, tr12, "note", dirty, &error));
  g_assert_true (cjm_document_set (document, anna, &error, "name", dirty, "goals", dirty, NULL));
  g_assert_true (cjm_document_set (document, CJM_ENTITY (map), &error,
                                   "title", dirty, "description", dirty, "author", dirty, NULL));
  g_assert_no_error (error);

  g_assert_cmpstr (cjm_touchpoint_get_title (CJM_TOUCHPOINT (t1)), ==, single);
  g_assert_cmpstr (cjm_touchpoint_get_description (CJM_TOUCHPOINT (t1)), ==, multi);
  g_assert_cmpstr (cjm_touchpoint_get_owner (CJM_TOUCHPOINT (t1)), ==, single);
  g_assert_cmpstr (cjm_card_get_text (CJM_CARD (c1)), ==, multi);
  g_assert_cmpstr (cjm_transition_get_note (CJM_TRANSITION (tr12)), ==, multi);
  g_assert_cmpstr (cjm_persona_get_name (CJM_PERSONA (anna)), ==, single);
  g_assert_cmpstr (cjm_persona_get_goals (CJM_PERSONA (anna)), ==, multi);
  g_assert_cmpstr (cjm_map_get_title (map), ==, single);
  g_assert_cmpstr (cjm_map_get_description (map), ==, multi);
  g_assert_null (strchr (single, '\n'));
  g_assert_nonnull (strstr (multi, "\nsecond line\nthird\tend"));

  text = serialize (document);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  bytes = g_bytes_new (text, strlen (text));
  loaded = cjm_reader_load_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cjm_touchpoint_get_description (CJM_TOUCHPOINT (cjm_document_lookup (loaded, "t1"))),
                   ==, multi);
  g_assert_cmpstr (cjm_map_get_title (cjm_document_get_map (loaded)), ==, single);
  again = serialize (loaded);
  assert_same_text (text, again);

  /* text that is only junk unsets an optional field */
  g_assert_true (cjm_document_edit_text (document, t1, "description", "\x01\x02\xef\xbf\xbe", &error));
  g_assert_no_error (error);
  g_assert_null (cjm_touchpoint_get_description (CJM_TOUCHPOINT (t1)));
  assert_reloads (document);
}

/* main ------------------------------------------------------------------ */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  cjm_reader_init ();

  g_test_add_func ("/model/document/new", test_document_new);
  g_test_add_func ("/model/document/add", test_document_add);
  g_test_add_func ("/model/document/add-index", test_document_add_index);
  g_test_add_func ("/model/document/new-id", test_document_new_id);
  g_test_add_func ("/model/document/can-place", test_document_can_place);
  g_test_add_func ("/model/document/cell-items", test_document_cell_items);
  g_test_add_func ("/model/document/set", test_document_set);
  g_test_add_func ("/model/document/set-value", test_document_set_value);
  g_test_add_func ("/model/document/edit-text", test_document_edit_text);

  g_test_add_func ("/model/refuse/reference", test_refuse_reference);
  g_test_add_func ("/model/refuse/placement", test_refuse_placement);
  g_test_add_func ("/model/refuse/emotion", test_refuse_emotion);
  g_test_add_func ("/model/refuse/id", test_refuse_id);
  g_test_add_func ("/model/refuse/duplicate-curve", test_refuse_duplicate_curve);
  g_test_add_func ("/model/refuse/duplicate-curve-edit", test_refuse_duplicate_curve_edit);
  g_test_add_func ("/model/refuse/transition", test_refuse_transition);
  g_test_add_func ("/model/refuse/transition-edit", test_refuse_transition_edit);
  g_test_add_func ("/model/refuse/scale", test_refuse_scale);
  g_test_add_func ("/model/refuse/metric", test_refuse_metric);
  g_test_add_func ("/model/refuse/curve-point-anchor", test_refuse_curve_point_anchor);
  g_test_add_func ("/model/refuse/values", test_refuse_values);
  g_test_add_func ("/model/refuse/set-atomic", test_refuse_set_atomic);

  g_test_add_func ("/model/history/undo-redo", test_history_undo_redo);
  g_test_add_func ("/model/history/modified", test_history_modified);
  g_test_add_func ("/model/history/modified-new", test_history_modified_new);
  g_test_add_func ("/model/history/undo-merge", test_history_undo_merge);
  g_test_add_func ("/model/history/undo-merge-save", test_history_undo_merge_save);
  g_test_add_func ("/model/history/notify", test_history_notify);
  g_test_add_func ("/model/history/group", test_history_group);
  g_test_add_func ("/model/changed/insert-remove", test_changed_insert_remove);
  g_test_add_func ("/model/changed/field", test_changed_field);
  g_test_add_func ("/model/changed/move", test_changed_move);
  g_test_add_func ("/model/changed/cascade", test_changed_cascade);

  g_test_add_func ("/model/cascade/phase", test_cascade_phase);
  g_test_add_func ("/model/cascade/phase-links", test_cascade_phase_links);
  g_test_add_func ("/model/cascade/persona", test_cascade_persona);
  g_test_add_func ("/model/cascade/channel", test_cascade_channel);
  g_test_add_func ("/model/cascade/touchpoint", test_cascade_touchpoint);
  g_test_add_func ("/model/cascade/card", test_cascade_card);
  g_test_add_func ("/model/cascade/lane", test_cascade_lane);
  g_test_add_func ("/model/cascade/many", test_cascade_many);
  g_test_add_func ("/model/place/between-cells", test_place_between_cells);
  g_test_add_func ("/model/place/within-cell", test_place_within_cell);
  g_test_add_func ("/model/place/many", test_place_many);
  g_test_add_func ("/model/place/interleaved", test_place_interleaved);
  g_test_add_func ("/model/place/cards", test_place_cards);
  g_test_add_func ("/model/place/refused", test_place_refused);
  g_test_add_func ("/model/reorder/phases-lanes", test_reorder);

  g_test_add_func ("/model/random/invariant", test_random_invariant);
  g_test_add_func ("/model/random/reload", test_random_reload);

  g_test_add_func ("/model/text/invalid-utf8", test_text_invalid_utf8);
  g_test_add_func ("/model/text/controls", test_text_controls);
  g_test_add_func ("/model/text/surrogates", test_text_surrogates);
  g_test_add_func ("/model/text/noncharacters", test_text_noncharacters);
  g_test_add_func ("/model/text/line-ends", test_text_line_ends);
  g_test_add_func ("/model/text/single-line", test_text_single_line);
  g_test_add_func ("/model/text/length", test_text_length);
  g_test_add_func ("/model/text/through-verbs", test_text_through_verbs);
  g_test_add_func ("/model/text/round-trip-spaces", test_text_round_trip_spaces);

  return g_test_run ();
}
