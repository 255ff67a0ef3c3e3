/* test-templates.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* New maps from templates: names in the map's language whatever the
 * language of the process, the language stored in the file, emotion scales
 * other than -2 to 2; and the settings schema those scales come from. The
 * program runs in the C locale, so every Dutch name here comes from the
 * map's language alone. REISKAART_LOCALEDIR names the built translations. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "cjm-document.h"
#include "cjm-history.h"
#include "cjm-reader.h"
#include "cjm-templates.h"
#include "cjm-writer.h"

static const char *
phase_name (CjmDocument *document,
            guint        index)
{
  GPtrArray *phases = cjm_document_get_phases (document);

  g_assert_cmpuint (index, <, phases->len);
  return cjm_phase_get_name (g_ptr_array_index (phases, index));
}

static const char *
lane_name (CjmDocument *document,
           const char  *id)
{
  CjmEntity *lane = cjm_document_lookup (document, id);

  g_assert_true (CJM_IS_LANE (lane));
  return cjm_lane_get_name (CJM_LANE (lane));
}

/* The map as a file, read back. */
static CjmDocument *
round_trip (CjmDocument *document)
{
  g_autoptr(GBytes) bytes = cjm_writer_save_to_bytes (document);
  g_autoptr(GError) error = NULL;
  CjmLocation location = { 0, 0 };
  CjmDocument *copy;

  copy = cjm_reader_load_bytes (bytes, &location, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  return copy;
}

static void
test_dutch_names (void)
{
  g_autoptr(CjmDocument) document = cjm_template_create (CJM_TEMPLATE_FIVE_PHASES, "nl");
  g_autoptr(CjmDocument) copy = NULL;
  g_autoptr(GBytes) bytes = NULL;
  CjmMap *map;

  /* the process speaks English */
  g_assert_cmpstr (_("Awareness"), ==, "Awareness");

  map = cjm_document_get_map (document);
  g_assert_cmpstr (cjm_map_get_language (map), ==, "nl");
  g_assert_cmpstr (cjm_map_get_title (map), ==, "Naamloze kaart");
  g_assert_cmpstr (phase_name (document, 0), ==, "Bewustzijn");
  g_assert_cmpstr (phase_name (document, 1), ==, "Acquisitie");
  g_assert_cmpstr (lane_name (document, "touchpoints"), ==, "Contactmomenten");
  g_assert_cmpstr (lane_name (document, "emotion"), ==, "Voelen");

  bytes = cjm_writer_save_to_bytes (document);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                                  "xml:lang=\"nl\""));
  copy = round_trip (document);
  g_assert_cmpstr (cjm_map_get_language (cjm_document_get_map (copy)), ==, "nl");
  g_assert_cmpstr (phase_name (copy, 0), ==, "Bewustzijn");
}

static void
test_dutch_region (void)
{
  g_autoptr(CjmDocument) document = cjm_template_create (CJM_TEMPLATE_FOUR_PHASES, "nl-BE");

  g_assert_cmpstr (cjm_map_get_language (cjm_document_get_map (document)), ==, "nl-BE");
  g_assert_cmpstr (phase_name (document, 0), ==, "Bewustzijn");
}

static void
test_english_names (void)
{
  g_autoptr(CjmDocument) document = cjm_template_create (CJM_TEMPLATE_FOUR_PHASES, "en");

  g_assert_cmpstr (cjm_map_get_language (cjm_document_get_map (document)), ==, "en");
  g_assert_cmpstr (phase_name (document, 0), ==, "Awareness");
  g_assert_cmpstr (phase_name (document, 3), ==, "Post-purchase");
  g_assert_cmpstr (lane_name (document, "touchpoints"), ==, "Touchpoints");
}

/* A language without a translation gets the English names, and keeps its
 * own language tag: the user writes the map in it. */
static void
test_untranslated_language (void)
{
  g_autoptr(CjmDocument) document = cjm_template_create (CJM_TEMPLATE_EMPTY, "fy");

  g_assert_cmpstr (cjm_map_get_language (cjm_document_get_map (document)), ==, "fy");
  g_assert_cmpstr (phase_name (document, 0), ==, "Phase 1");
  g_assert_cmpstr (lane_name (document, "emotion"), ==, "Feeling");
}

static void
test_new_map_is_clean (void)
{
  g_autoptr(CjmDocument) document = cjm_template_create_full (CJM_TEMPLATE_FOUR_PHASES, "nl", 1, 5);
  g_autoptr(CjmDocument) copy = round_trip (document);

  g_assert_false (cjm_history_get_modified (cjm_document_get_history (document)));
  g_assert_false (cjm_history_get_can_undo (cjm_document_get_history (document)));
  g_assert_cmpint (cjm_map_get_scale_min (cjm_document_get_map (copy)), ==, 1);
  g_assert_cmpint (cjm_map_get_scale_max (cjm_document_get_map (copy)), ==, 5);
}

/* The values of a scale's labels, and their texts, as "value=text;..." */
static char *
describe_labels (CjmDocument *document)
{
  GPtrArray *labels = cjm_map_get_scale_labels (cjm_document_get_map (document));
  GString *out = g_string_new (NULL);

  for (guint i = 0; labels != NULL && i < labels->len; i++)
    {
      const CjmScaleLabel *label = g_ptr_array_index (labels, i);

      g_string_append_printf (out, "%d=%s;", label->value, label->text);
    }
  return g_string_free (out, FALSE);
}

static void
test_scales (void)
{
  static const struct
  {
    int         min;
    int         max;
    const char *labels;
  } cases[] = {
    { -2, 2, "-2=Very negative;-1=Negative;0=Neutral;1=Positive;2=Very positive;" },
    { -3, 3, "-3=Very negative;-1=Negative;0=Neutral;1=Positive;3=Very positive;" },
    { 1, 5, "1=Very negative;2=Negative;3=Neutral;4=Positive;5=Very positive;" },
    /* an even number of points has no neutral middle */
    { 0, 3, "0=Very negative;1=Negative;2=Positive;3=Very positive;" },
    { -1, 1, "-1=Very negative;0=Neutral;1=Very positive;" },
    { 0, 1, "0=Very negative;1=Very positive;" },
    { -10, 10, "-10=Very negative;-1=Negative;0=Neutral;1=Positive;10=Very positive;" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CjmDocument) document = cjm_template_create_full (CJM_TEMPLATE_EMPTY, "en",
                                                                  cases[i].min, cases[i].max);
      g_autoptr(CjmDocument) copy = NULL;
      g_autofree char *labels = describe_labels (document);

      g_assert_cmpint (cjm_map_get_scale_min (cjm_document_get_map (document)), ==, cases[i].min);
      g_assert_cmpint (cjm_map_get_scale_max (cjm_document_get_map (document)), ==, cases[i].max);
      g_assert_cmpstr (labels, ==, cases[i].labels);
      /* the reader accepts it */
      copy = round_trip (document);
    }
}

static void
test_scale_in_dutch (void)
{
  g_autoptr(CjmDocument) document = cjm_template_create (CJM_TEMPLATE_EMPTY, "nl");
  g_autofree char *labels = describe_labels (document);

  g_assert_cmpstr (labels, ==,
                   "-2=Zeer negatief;-1=Negatief;0=Neutraal;1=Positief;2=Zeer positief;");
}

static void
test_bad_scale (void)
{
  if (g_test_subprocess ())
    {
      cjm_template_create_full (CJM_TEMPLATE_EMPTY, "en", 2, 2);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*scale_min < scale_max*");
}

/* The settings schema built beside the program: its keys, defaults and
 * ranges as the editor reads them. */
/* g_settings_schema_key_range_check() leaves a floating @value floating */
static gboolean
in_range (GSettingsSchemaKey *key,
          GVariant           *value)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (value);

  return g_settings_schema_key_range_check (key, owned);
}

static void
test_settings_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GSettingsSchemaKey) key = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autofree char *paper = NULL;
  g_autofree char *orientation = NULL;

  g_assert_nonnull (source);
  schema = g_settings_schema_source_lookup (source, APP_ID, FALSE);
  g_assert_nonnull (schema);
  /* GTK keeps the recent files; a key would only duplicate them */
  g_assert_false (g_settings_schema_has_key (schema, "recent-files"));

  settings = g_settings_new_full (schema, NULL, NULL);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1280);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 800);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_assert_cmpint (g_settings_get_int (settings, "default-scale-min"), ==, -2);
  g_assert_cmpint (g_settings_get_int (settings, "default-scale-max"), ==, 2);
  g_assert_cmpuint (g_settings_get_uint (settings, "autosave-interval"), ==, 5);
  paper = g_settings_get_string (settings, "default-paper");
  g_assert_cmpstr (paper, ==, "A1");
  orientation = g_settings_get_string (settings, "default-orientation");
  g_assert_cmpstr (orientation, ==, "landscape");
  g_assert_cmpint (g_settings_get_enum (settings, "default-orientation"), ==, 0);
  g_assert_true (g_settings_set_string (settings, "default-orientation", "portrait"));
  g_assert_cmpint (g_settings_get_enum (settings, "default-orientation"), ==, 1);

  /* a scale from the settings is one a map accepts */
  key = g_settings_schema_get_key (schema, "default-scale-min");
  g_assert_true (in_range (key, g_variant_new_int32 (-10)));
  g_assert_false (in_range (key, g_variant_new_int32 (-11)));
  g_assert_false (in_range (key, g_variant_new_int32 (10)));
  g_clear_pointer (&key, g_settings_schema_key_unref);
  key = g_settings_schema_get_key (schema, "default-scale-max");
  g_assert_true (in_range (key, g_variant_new_int32 (10)));
  g_assert_false (in_range (key, g_variant_new_int32 (11)));
  g_clear_pointer (&key, g_settings_schema_key_unref);
  key = g_settings_schema_get_key (schema, "autosave-interval");
  g_assert_false (in_range (key, g_variant_new_uint32 (0)));
  g_assert_true (in_range (key, g_variant_new_uint32 (300)));
  g_assert_false (in_range (key, g_variant_new_uint32 (301)));
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("REISKAART_LOCALEDIR");

  /* English whatever the machine's settings: the Dutch names below must
   * come from the map's language, not from the process's */
  g_setenv ("LANGUAGE", "en", TRUE);
  setlocale (LC_ALL, "C");
  if (localedir != NULL)
    bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/templates/language/dutch", test_dutch_names);
  g_test_add_func ("/templates/language/dutch-region", test_dutch_region);
  g_test_add_func ("/templates/language/english", test_english_names);
  g_test_add_func ("/templates/language/untranslated", test_untranslated_language);
  g_test_add_func ("/templates/clean", test_new_map_is_clean);
  g_test_add_func ("/templates/scale/labels", test_scales);
  g_test_add_func ("/templates/scale/dutch", test_scale_in_dutch);
  g_test_add_func ("/templates/scale/refused", test_bad_scale);
  g_test_add_func ("/settings/schema", test_settings_schema);

  return g_test_run ();
}
