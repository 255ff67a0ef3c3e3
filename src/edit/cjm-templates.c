/* cjm-templates.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cjm-templates.h"
#include "cjm-document-private.h"

/* The maps a user starts from. A template is built the way the reader
 * builds a file, without history: a new map has nothing to undo and no
 * unsaved changes until the user makes one. */

typedef struct
{
  const char *name;
  const char *goal;
} PhaseInfo;

typedef struct
{
  CjmLaneKind  kind;
  const char  *name;
  double       height;
} LaneInfo;

static const PhaseInfo empty_phases[] = {
  /* Translators: the only phase of an empty journey map */
  { N_("Phase 1"), NULL },
};

static const PhaseInfo four_phases[] = {
  { N_("Awareness"), N_("Find out that something can meet my need.") },
  { N_("Consideration"), N_("Compare the options and choose the one that suits me.") },
  { N_("Purchase"), N_("Buy quickly and safely, without surprises.") },
  { N_("Post-purchase"), N_("Get what I paid for, and help when I need it.") },
};

static const PhaseInfo five_phases[] = {
  { N_("Awareness"), N_("Find out that something can meet my need.") },
  { N_("Acquisition"), N_("Understand the offer and decide whether it is for me.") },
  { N_("Purchase"), N_("Buy quickly and safely, without surprises.") },
  { N_("Retention"), N_("Keep getting value, with help when something goes wrong.") },
  { N_("Advocacy"), N_("Share a good experience with people I know.") },
};

static const LaneInfo empty_lanes[] = {
  { CJM_LANE_TOUCHPOINTS, N_("Touchpoints"), 220 },
  { CJM_LANE_EMOTION, N_("Feeling"), 200 },
};

static const LaneInfo default_lanes[] = {
  { CJM_LANE_ACTIONS, N_("Doing"), 120 },
  { CJM_LANE_THOUGHTS, N_("Thinking"), 120 },
  { CJM_LANE_EMOTION, N_("Feeling"), 200 },
  { CJM_LANE_TOUCHPOINTS, N_("Touchpoints"), 220 },
  { CJM_LANE_PAIN_POINTS, N_("Pain points"), 140 },
  { CJM_LANE_OPPORTUNITIES, N_("Opportunities"), 140 },
  { CJM_LANE_BACKSTAGE, N_("Backstage"), 120 },
};

/* The points of a scale that get a name: its ends, its neutral middle
 * and the points either side of the middle. */
typedef enum
{
  SCALE_VERY_NEGATIVE,
  SCALE_NEGATIVE,
  SCALE_NEUTRAL,
  SCALE_POSITIVE,
  SCALE_VERY_POSITIVE,
} ScalePoint;

static const char * const scale_label_texts[] = {
  [SCALE_VERY_NEGATIVE] = N_("Very negative"),
  [SCALE_NEGATIVE] = N_("Negative"),
  [SCALE_NEUTRAL] = N_("Neutral"),
  [SCALE_POSITIVE] = N_("Positive"),
  [SCALE_VERY_POSITIVE] = N_("Very positive"),
};

/* The language of the user interface as a language tag: "nl" for
 * nl_NL.UTF-8, "en" for the C locale. */
static char *
locale_language (void)
{
  const char *name = g_get_language_names ()[0];
  gsize length = 0;

  while (g_ascii_isalpha (name[length]))
    length++;
  if (length < 2 || length > 3 || g_ascii_strncasecmp (name, "C", length) == 0)
    return g_strdup ("en");
  return g_ascii_strdown (name, (gssize) length);
}

/* Whether two language tags name the same language: "nl" and "nl-BE" do. */
static gboolean
same_language (const char *a,
               const char *b)
{
  gsize la = strcspn (a, "-_");
  gsize lb = strcspn (b, "-_");

  return la == lb && g_ascii_strncasecmp (a, b, la) == 0;
}

/* Reads a 32-bit number of a .mo file, in the file's byte order. */
static gboolean
read_u32 (const guint8 *data,
          gsize         size,
          gsize         offset,
          gboolean      swap,
          guint32      *value)
{
  guint32 v;

  if (offset > size || size - offset < 4)
    return FALSE;
  memcpy (&v, data + offset, 4);
  *value = swap ? GUINT32_SWAP_LE_BE (v) : v;
  return TRUE;
}

/* String @index of the table at @table in a .mo file, or %NULL when the
 * file is damaged. */
static const char *
read_string (const guint8 *data,
             gsize         size,
             guint32       table,
             guint32       index,
             gboolean      swap)
{
  guint32 length, offset;

  if (index > (G_MAXUINT32 - table) / 8
      || !read_u32 (data, size, (gsize) table + (gsize) index * 8, swap, &length)
      || !read_u32 (data, size, (gsize) table + (gsize) index * 8 + 4, swap, &offset)
      || offset >= size || size - offset <= length || data[offset + length] != '\0')
    return NULL;
  return (const char *) data + offset;
}

/* The translation of @msgid in a gettext catalogue, by binary search of
 * its sorted original strings; %NULL when it has none. */
static const char *
catalog_lookup (GMappedFile *catalog,
                const char  *msgid)
{
  const guint8 *data = (const guint8 *) g_mapped_file_get_contents (catalog);
  gsize size = g_mapped_file_get_length (catalog);
  guint32 magic, n, originals, translations, low = 0, high;
  gboolean swap;

  if (!read_u32 (data, size, 0, FALSE, &magic))
    return NULL;
  if (magic == 0x950412de)
    swap = FALSE;
  else if (magic == 0xde120495)
    swap = TRUE;
  else
    return NULL;
  if (!read_u32 (data, size, 8, swap, &n)
      || !read_u32 (data, size, 12, swap, &originals)
      || !read_u32 (data, size, 16, swap, &translations))
    return NULL;

  high = n;
  while (low < high)
    {
      guint32 middle = low + (high - low) / 2;
      const char *original = read_string (data, size, originals, middle, swap);
      int order;

      if (original == NULL)
        return NULL;
      order = strcmp (msgid, original);
      if (order == 0)
        {
          const char *translation = read_string (data, size, translations, middle, swap);

          return translation != NULL && *translation != '\0' ? translation : NULL;
        }
      if (order < 0)
        high = middle;
      else
        low = middle + 1;
    }
  return NULL;
}

/* The catalogue of @language where the program's translations are bound,
 * for the language with its region ("nl_BE") and then without ("nl"). */
static GMappedFile *
open_catalog (const char *language)
{
  const char *folder = bindtextdomain (GETTEXT_PACKAGE, NULL);
  g_autofree char *full = g_strdup (language);
  g_autofree char *primary = g_strndup (language, strcspn (language, "-"));
  const char *names[] = { full, primary };

  g_strdelimit (full, "-", '_');
  for (guint i = 0; folder != NULL && i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (folder, names[i], "LC_MESSAGES",
                                                GETTEXT_PACKAGE ".mo", NULL);
      GMappedFile *catalog = g_mapped_file_new (path, FALSE, NULL);

      if (catalog != NULL)
        return catalog;
    }
  return NULL;
}

/* Texts in the map's language, from that language's catalogue of
 * translations, read directly: gettext answers in the language of the user
 * interface, and making it answer in another would mean switching the
 * process's locale (even a thread's own locale, from uselocale, loses to
 * the LANGUAGE variable). English is the untranslated text, and so is any
 * language without a catalogue. */
typedef struct
{
  GMappedFile *catalog;   /* NULL: English */
} Translator;

static void
translator_init (Translator *translator,
                 const char *language)
{
  translator->catalog = same_language (language, "en") ? NULL : open_catalog (language);
}

static void
translator_clear (Translator *translator)
{
  g_clear_pointer (&translator->catalog, g_mapped_file_unref);
}

static const char *
translate (Translator *translator,
           const char *msgid)
{
  const char *text;

  if (msgid == NULL || translator->catalog == NULL)
    return msgid;
  text = catalog_lookup (translator->catalog, msgid);
  return text != NULL ? text : msgid;
}

static void
add_entity (CjmDocument *document,
            gpointer     entity)
{
  GPtrArray *list = cjm_document_get_list (document, G_OBJECT_TYPE (entity));

  cjm_document_insert_entity (document, entity, list->len);
  g_object_unref (entity);
}

/* The name of @value on the scale from @min to @max, or %NULL. */
static const char *
scale_label_text (int value,
                  int min,
                  int max)
{
  /* the middle, or the point just below it on a scale with an even
   * number of points, which then has no neutral point */
  int middle = min + (max - min) / 2;
  gboolean has_middle = (max - min) % 2 == 0;

  if (value == min)
    return scale_label_texts[SCALE_VERY_NEGATIVE];
  if (value == max)
    return scale_label_texts[SCALE_VERY_POSITIVE];
  if (has_middle && value == middle)
    return scale_label_texts[SCALE_NEUTRAL];
  if (value == (has_middle ? middle - 1 : middle))
    return scale_label_texts[SCALE_NEGATIVE];
  if (value == middle + 1)
    return scale_label_texts[SCALE_POSITIVE];
  return NULL;
}

/**
 * cjm_template_create:
 * @template: which map to start from
 * @language: (nullable): the map's language tag ("nl", "en"), or %NULL for
 *   the language of the user interface
 *
 * Builds a new map as cjm_template_create_full() does, with an emotion
 * scale from -2 to 2.
 *
 * Returns: (transfer full): the new document
 */
CjmDocument *
cjm_template_create (CjmTemplate  template,
                     const char  *language)
{
  return cjm_template_create_full (template, language, -2, 2);
}

/**
 * cjm_template_create_full:
 * @template: which map to start from
 * @language: (nullable): the map's language tag ("nl", "en"), or %NULL for
 *   the language of the user interface
 * @scale_min: the lowest point of the emotion scale, from -10
 * @scale_max: the highest point of the emotion scale, up to 10 and above
 *   @scale_min
 *
 * Builds a new map with phases, lanes, one persona and an emotion scale
 * whose ends, middle and the points beside the middle are named. Names are
 * in @language, which the map stores: translated when Reiskaart has a
 * translation for it, whatever the language of the user interface, and in
 * English otherwise. The new document has an empty history and no unsaved
 * changes.
 *
 * Returns: (transfer full): the new document
 */
CjmDocument *
cjm_template_create_full (CjmTemplate  template,
                          const char  *language,
                          int          scale_min,
                          int          scale_max)
{
  g_autoptr(CjmDocument) document = cjm_document_new ();
  g_autoptr(GPtrArray) labels = NULL;
  g_autofree char *lang = NULL;
  Translator translator;
  const PhaseInfo *phases;
  const LaneInfo *lanes;
  guint n_phases, n_lanes;
  gint64 now;

  g_return_val_if_fail (template >= CJM_TEMPLATE_EMPTY && template <= CJM_TEMPLATE_FIVE_PHASES,
                        NULL);
  g_return_val_if_fail (language == NULL || cjm_language_is_valid (language), NULL);
  g_return_val_if_fail (scale_min >= -10 && scale_max <= 10 && scale_min < scale_max, NULL);

  lang = language != NULL ? g_strdup (language) : locale_language ();
  translator_init (&translator, lang);

  switch (template)
    {
    case CJM_TEMPLATE_FOUR_PHASES:
      phases = four_phases;
      n_phases = G_N_ELEMENTS (four_phases);
      lanes = default_lanes;
      n_lanes = G_N_ELEMENTS (default_lanes);
      break;
    case CJM_TEMPLATE_FIVE_PHASES:
      phases = five_phases;
      n_phases = G_N_ELEMENTS (five_phases);
      lanes = default_lanes;
      n_lanes = G_N_ELEMENTS (default_lanes);
      break;
    case CJM_TEMPLATE_EMPTY:
    default:
      phases = empty_phases;
      n_phases = G_N_ELEMENTS (empty_phases);
      lanes = empty_lanes;
      n_lanes = G_N_ELEMENTS (empty_lanes);
      break;
    }

  labels = g_ptr_array_new_with_free_func ((GDestroyNotify) cjm_scale_label_free);
  for (int value = scale_min; value <= scale_max; value++)
    {
      const char *text = scale_label_text (value, scale_min, scale_max);

      if (text != NULL)
        g_ptr_array_add (labels, cjm_scale_label_new (value, translate (&translator, text)));
    }

  now = g_get_real_time () / G_USEC_PER_SEC;
  g_object_set (cjm_document_get_map (document),
                "title", translate (&translator, N_("Untitled Map")),
                "language", lang,
                "created", now,
                "modified", now,
                "scale-min", scale_min,
                "scale-max", scale_max,
                "scale-labels", labels,
                NULL);

  add_entity (document, g_object_new (CJM_TYPE_PERSONA,
                                      "id", "customer",
                                      /* Translators: the persona every new map starts with */
                                      "name", translate (&translator, N_("Customer")),
                                      "color", 0x3584e4u,
                                      NULL));

  for (guint i = 0; i < n_phases; i++)
    {
      g_autofree char *id = g_strdup_printf ("phase%u", i + 1);

      add_entity (document, g_object_new (CJM_TYPE_PHASE,
                                          "id", id,
                                          "name", translate (&translator, phases[i].name),
                                          "goal", translate (&translator, phases[i].goal),
                                          "width", n_phases == 1 ? 480.0 : 300.0,
                                          NULL));
    }

  for (guint i = 0; i < n_lanes; i++)
    add_entity (document, g_object_new (CJM_TYPE_LANE,
                                        "id", cjm_enum_to_nick (CJM_TYPE_LANE_KIND, lanes[i].kind),
                                        "kind", lanes[i].kind,
                                        "name", translate (&translator, lanes[i].name),
                                        "height", lanes[i].height,
                                        NULL));

  translator_clear (&translator);
  return g_steal_pointer (&document);
}
