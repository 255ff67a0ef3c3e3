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

static const struct
{
  int         value;
  const char *text;
} scale_labels[] = {
  { -2, N_("Very negative") },
  { -1, N_("Negative") },
  { 0, N_("Neutral") },
  { 1, N_("Positive") },
  { 2, N_("Very positive") },
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

/* Texts come from the translation of the user interface; a map asked for
 * in English gets the untranslated English texts whatever the locale. */
static const char *
translate (const char *language,
           const char *msgid)
{
  if (msgid == NULL)
    return NULL;
  if (g_ascii_strncasecmp (language, "en", 2) == 0
      && (language[2] == '\0' || language[2] == '-'))
    return msgid;
  return _(msgid);
}

static void
add_entity (CjmDocument *document,
            gpointer     entity)
{
  GPtrArray *list = cjm_document_get_list (document, G_OBJECT_TYPE (entity));

  cjm_document_insert_entity (document, entity, list->len);
  g_object_unref (entity);
}

/**
 * cjm_template_create:
 * @template: which map to start from
 * @language: (nullable): the map's language tag ("nl", "en"), or %NULL for
 *   the language of the user interface
 *
 * Builds a new map with phases, lanes, one persona and a labelled emotion
 * scale from -2 to 2. Names come from the translation of the user
 * interface, in English when @language is English. The new document has an
 * empty history and no unsaved changes.
 *
 * Returns: (transfer full): the new document
 */
CjmDocument *
cjm_template_create (CjmTemplate  template,
                     const char  *language)
{
  g_autoptr(CjmDocument) document = cjm_document_new ();
  g_autoptr(GPtrArray) labels = NULL;
  g_autofree char *lang = NULL;
  const PhaseInfo *phases;
  const LaneInfo *lanes;
  guint n_phases, n_lanes;
  gint64 now;

  g_return_val_if_fail (template >= CJM_TEMPLATE_EMPTY && template <= CJM_TEMPLATE_FIVE_PHASES,
                        NULL);
  g_return_val_if_fail (language == NULL || cjm_language_is_valid (language), NULL);

  lang = language != NULL ? g_strdup (language) : locale_language ();

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
  for (guint i = 0; i < G_N_ELEMENTS (scale_labels); i++)
    g_ptr_array_add (labels, cjm_scale_label_new (scale_labels[i].value,
                                                  translate (lang, scale_labels[i].text)));

  now = g_get_real_time () / G_USEC_PER_SEC;
  g_object_set (cjm_document_get_map (document),
                "title", translate (lang, N_("Untitled Map")),
                "language", lang,
                "created", now,
                "modified", now,
                "scale-min", -2,
                "scale-max", 2,
                "scale-labels", labels,
                NULL);

  add_entity (document, g_object_new (CJM_TYPE_PERSONA,
                                      "id", "customer",
                                      /* Translators: the persona every new map starts with */
                                      "name", translate (lang, N_("Customer")),
                                      "color", 0x3584e4u,
                                      NULL));

  for (guint i = 0; i < n_phases; i++)
    {
      g_autofree char *id = g_strdup_printf ("phase%u", i + 1);

      add_entity (document, g_object_new (CJM_TYPE_PHASE,
                                          "id", id,
                                          "name", translate (lang, phases[i].name),
                                          "goal", translate (lang, phases[i].goal),
                                          "width", n_phases == 1 ? 480.0 : 300.0,
                                          NULL));
    }

  for (guint i = 0; i < n_lanes; i++)
    add_entity (document, g_object_new (CJM_TYPE_LANE,
                                        "id", cjm_enum_to_nick (CJM_TYPE_LANE_KIND, lanes[i].kind),
                                        "kind", lanes[i].kind,
                                        "name", translate (lang, lanes[i].name),
                                        "height", lanes[i].height,
                                        NULL));

  return g_steal_pointer (&document);
}
