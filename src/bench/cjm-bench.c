/* cjm-bench.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cjm-bench"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>

#include "cjm-document.h"
#include "cjm-file.h"
#include "cjm-reader.h"
#include "cjm-schema.h"
#include "cjm-writer.h"

/* How fast Reiskaart reads and writes large maps. The maps are generated,
 * not shipped, so the figures can be reproduced on any machine: the same
 * size always gives the same bytes. Only the figures go to standard output,
 * one per line, so scripts can compare runs; progress goes to standard
 * error. The locale is left at "C" so a figure is never written 1,5. */

/* Texts ------------------------------------------------------------------ */

static const char * const phase_names[] = {
  "Oriëntatie", "Bewustzijn", "Overweging", "Vergelijken", "Aanmelding", "Betaling",
  "Levering", "Eerste gebruik", "Dagelijks gebruik", "Reparatie", "Verlenging", "Aanbeveling",
};

static const char * const phase_goals[] = {
  "Weten of een abonnement goedkoper is dan zelf een fiets kopen.",
  "Binnen een paar dagen op de nieuwe fiets zitten, zonder gedoe.",
  "Altijd een werkende fiets, ook na een lekke band of diefstal.",
  "Vrienden en collega’s helpen aan hetzelfde gemak.",
};

static const char * const actors[] = {
  "Plant", "Leest over", "Ontvangt", "Vraagt naar", "Beoordeelt", "Twijfelt over",
  "Deelt", "Zoekt", "Bevestigt", "Annuleert",
};

static const char * const subjects[] = {
  "de proefrit", "de eerste factuur", "het welkomstpakket", "de reparatie binnen één dag",
  "de privacyverklaring", "het café-abonnement", "de coördinatie met de monteur",
  "de financiële check", "de ideeënbus", "het reçu", "de geüpdatete voorwaarden",
  "de bezorging van de fiets",
};

static const char * const descriptions[] = {
  "Opent de app in de trein en zoekt de voorwaarden; wil weten of reparatie binnen één dag "
  "écht geldt, ook in het weekend.",
  "Krijgt een e-mail met een bevestiging en een link naar de handleiding. De link werkt niet op "
  "een telefoon, dus wacht tot ’s avonds thuis.",
  "Belt de klantenservice omdat de fiets na drie dagen nog niet is bezorgd. Wordt twee keer "
  "doorverbonden en moet het ordernummer opnieuw noemen.",
  "Vergelijkt drie aanbieders op prijs per maand, opzegtermijn en wat er gebeurt bij diefstal.\n"
  "Kiest uiteindelijk op basis van reviews.",
  "Ziet een collega op een Trapfiets en vraagt hoe het bevalt; het enthousiasme is "
  "aanstekelijk.",
};

static const char * const card_texts[] = {
  "Waarom moet ik mijn adres twee keer invullen?",
  "Wachttijd aan de telefoon is te lang (gemiddeld 14 min.)",
  "Kans: reparatie aan huis inplannen via WhatsApp",
  "Monteur krijgt de klachtomschrijving niet door",
  "Voelt zich serieus genomen na het terugbelverzoek",
  "Klant vult het formulier in op de telefoon & stuurt een foto",
  "Idee: één overzicht van alle facturen in de app",
  "Factuur komt pas ná de eerste afschrijving",
};

static const char * const owners[] = {
  "Klantenservice", "Marketing", "Logistiek", "Financiën", "Werkplaats",
};

static const char * const sources[] = {
  "Interviews februari, Utrecht", "Enquête eerste kwartaal", "Workshop maart",
};

typedef struct
{
  const char *id;
  const char *name;
  guint       color;
  const char *description;
} PersonaSpec;

static const PersonaSpec personas[] = {
  { "lotte", "Lotte, student", 0x3584e4,
    "21 jaar, studeert in Utrecht. Haar vorige fiets is twee keer gestolen." },
  { "jeroen", "Jeroen, forensende vader", 0xe66100,
    "42 jaar, fietst dagelijks naar het station en brengt onderweg zijn dochter naar school." },
  { "priya", "Priya, expat", 0x2ec27e,
    "29 jaar, werkt sinds kort in Amsterdam en spreekt (nog) geen Nederlands." },
  { "omer", "Ömer, zzp’er", 0x9141ac,
    "35 jaar, bezorgt met een bakfiets en kan geen dag zonder." },
};

typedef struct
{
  const char      *id;
  CjmChannelGroup  group;
  const char      *name;
} ChannelSpec;

static const ChannelSpec channels[] = {
  { "whatsapp", CJM_CHANNEL_GROUP_DIGITAL, "WhatsApp" },
  { "servicebus", CJM_CHANNEL_GROUP_PHYSICAL, "Servicebus aan huis" },
  { "terugbelservice", CJM_CHANNEL_GROUP_TELEPHONE, "Terugbelservice" },
  { "mond-tot-mond", CJM_CHANNEL_GROUP_OTHER, "Mond-tot-mond" },
};

/* Three of the first eight lanes hold touchpoints, as in real maps. */
static const CjmLaneKind lane_kinds[] = {
  CJM_LANE_TOUCHPOINTS, CJM_LANE_ACTIONS, CJM_LANE_THOUGHTS, CJM_LANE_TOUCHPOINTS,
  CJM_LANE_EMOTION, CJM_LANE_PAIN_POINTS, CJM_LANE_TOUCHPOINTS, CJM_LANE_OPPORTUNITIES,
  CJM_LANE_BACKSTAGE, CJM_LANE_NOTES,
};

static const char * const lane_names[] = {
  "Contactmomenten online", "Doen", "Denken", "Contactmomenten winkel", "Voelen",
  "Knelpunten", "Contactmomenten telefoon", "Kansen", "Achter de schermen", "Notities",
};

/* Generating a map ------------------------------------------------------- */

static void
add (CjmDocument *document,
     gpointer     entity)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup (cjm_entity_get_id (entity));

  if (!cjm_document_add (document, entity, -1, &error))
    g_error ("the generated %s '%s' was refused: %s",
             cjm_entity_get_element_name (entity), id, error->message);
}

static GPtrArray *
make_metrics (guint i)
{
  GPtrArray *metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) cjm_metric_free);
  guint n = i % 3;

  for (guint k = 0; k < n; k++)
    {
      CjmMetricKind kind = (CjmMetricKind) ((i + k * 4) % (CJM_METRIC_CUSTOM + 1));
      CjmMetric *metric = cjm_metric_new (kind, 0);

      switch (kind)
        {
        case CJM_METRIC_SATISFACTION:
          metric->value = 6.0 + (i % 35) / 10.0;
          metric->sample = 40 + (int) (i % 200);
          break;
        case CJM_METRIC_NPS:
          metric->value = (double) (i % 90) - 30;
          metric->sample = 120;
          break;
        case CJM_METRIC_CES:
          metric->value = 1.0 + (i % 60) / 10.0;
          break;
        case CJM_METRIC_CONVERSION:
        case CJM_METRIC_RETENTION:
        case CJM_METRIC_CHURN:
          metric->value = (i % 1000) / 10.0;
          metric->unit = g_strdup ("%");
          break;
        case CJM_METRIC_CLV:
        case CJM_METRIC_CPA:
          metric->value = 25.5 + (i % 700);
          metric->unit = g_strdup ("EUR");
          break;
        case CJM_METRIC_CUSTOM:
        default:
          metric->name = g_strdup ("Wachttijd tot reparatie");
          metric->value = (double) (i % 48);
          metric->unit = g_strdup ("uur");
          metric->sample = 12;
          break;
        }
      g_ptr_array_add (metrics, metric);
    }
  return metrics;
}

static void
add_curve (CjmDocument        *document,
           const PersonaSpec  *persona,
           guint               p,
           CjmCurveVariant     variant,
           guint               n_phases,
           char              **first_touchpoints)
{
  g_autofree char *id = g_strdup_printf ("curve-%s-%s", persona->id,
                                         variant == CJM_CURVE_AS_IS ? "as-is" : "to-be");
  g_autoptr(GPtrArray) points =
    g_ptr_array_new_with_free_func ((GDestroyNotify) cjm_curve_point_free);

  for (guint ph = 0; ph < n_phases; ph++)
    {
      g_autofree char *phase_id = g_strdup_printf ("phase-%u", ph);
      /* a wave between -2 and 2 that differs per persona; the wished-for
       * curve lies half a point higher */
      double value = ((ph + p) % 9) / 2.0 - 2.0;
      CjmCurvePoint *point;

      if (variant == CJM_CURVE_TO_BE)
        value = MIN (value + 0.5, 2.0);

      point = cjm_curve_point_new_in_phase (phase_id, 0.25 + (ph % 3) / 4.0, value);
      if (ph % 4 == 0)
        {
          point->source = g_strdup (sources[ph % G_N_ELEMENTS (sources)]);
          point->sample = 8 + (int) ph;
          point->confidence = (CjmConfidence) (1 + ph % 3);
        }
      g_ptr_array_add (points, point);

      if (first_touchpoints[ph] != NULL)
        g_ptr_array_add (points,
                         cjm_curve_point_new_on_touchpoint (first_touchpoints[ph],
                                                            MAX (value - 1.0, -2.0)));
    }

  add (document, g_object_new (CJM_TYPE_CURVE,
                               "id", id,
                               "persona", persona->id,
                               "variant", variant,
                               "points", points,
                               NULL));
}

/* Builds a map with @n_touchpoints touchpoints the way the editor would, one
 * checked verb at a time, so the result is valid by construction. The shape
 * grows with the size: 12 phases x 8 lanes up to 1,000 touchpoints, 40
 * phases x 10 lanes at 10,000. */
static CjmDocument *
generate_map (guint n_touchpoints)
{
  g_autoptr(CjmDocument) document = cjm_document_new ();
  g_autoptr(GPtrArray) scale_labels = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  char **first_touchpoints;
  guint n_phases = CLAMP (n_touchpoints / 250, 12, 40);
  guint n_lanes = n_phases > 12 ? 10 : 8;
  guint touchpoint_lanes[G_N_ELEMENTS (lane_kinds)];
  guint card_lanes[G_N_ELEMENTS (lane_kinds)];
  guint n_touchpoint_lanes = 0;
  guint n_card_lanes = 0;
  guint n_cards = n_touchpoints / 2;
  guint n_actions = MAX (n_touchpoints / 100, 1);

  scale_labels = g_ptr_array_new_with_free_func ((GDestroyNotify) cjm_scale_label_free);
  g_ptr_array_add (scale_labels, cjm_scale_label_new (-2, "Zeer negatief"));
  g_ptr_array_add (scale_labels, cjm_scale_label_new (0, "Neutraal"));
  g_ptr_array_add (scale_labels, cjm_scale_label_new (2, "Zeer positief"));

  title = g_strdup_printf ("Fietsabonnement: %u contactmomenten van oriëntatie tot "
                           "ambassadeur", n_touchpoints);
  if (!cjm_document_set (document, CJM_ENTITY (cjm_document_get_map (document)), &error,
                         "title", title,
                         "description", "Een gegenereerde kaart om het lezen en schrijven "
                                        "van grote kaarten te meten. Reparatie binnen één "
                                        "dag, ook in het weekend.",
                         "author", "Team Klantbeleving",
                         "created", (gint64) 1771231500,
                         "modified", (gint64) 1772464841,
                         "review-due", "2026-09-01",
                         "language", "nl",
                         "scale-labels", scale_labels,
                         NULL))
    g_error ("the generated map was refused: %s", error->message);

  for (guint c = 0; c < G_N_ELEMENTS (channels); c++)
    add (document, g_object_new (CJM_TYPE_CHANNEL,
                                 "id", channels[c].id,
                                 "group", channels[c].group,
                                 "name", channels[c].name,
                                 NULL));

  for (guint p = 0; p < G_N_ELEMENTS (personas); p++)
    add (document, g_object_new (CJM_TYPE_PERSONA,
                                 "id", personas[p].id,
                                 "color", personas[p].color,
                                 "name", personas[p].name,
                                 "description", personas[p].description,
                                 "goals", "Zonder zorgen elke dag op de fiets.",
                                 NULL));

  for (guint ph = 0; ph < n_phases; ph++)
    {
      g_autofree char *id = g_strdup_printf ("phase-%u", ph);
      g_autofree char *name = NULL;

      if (ph < G_N_ELEMENTS (phase_names))
        name = g_strdup (phase_names[ph]);
      else
        name = g_strdup_printf ("%s %u", phase_names[ph % G_N_ELEMENTS (phase_names)],
                                (guint) (ph / G_N_ELEMENTS (phase_names) + 1));
      add (document, g_object_new (CJM_TYPE_PHASE,
                                   "id", id,
                                   "width", 240.0 + 20.0 * (ph % 6),
                                   "name", name,
                                   "description", "De klant gaat hier van twijfel naar een besluit.",
                                   "goal", phase_goals[ph % G_N_ELEMENTS (phase_goals)],
                                   NULL));
    }

  for (guint l = 0; l < n_lanes; l++)
    {
      g_autofree char *id = g_strdup_printf ("lane-%u", l);

      add (document, g_object_new (CJM_TYPE_LANE,
                                   "id", id,
                                   "kind", lane_kinds[l],
                                   "height", lane_kinds[l] == CJM_LANE_EMOTION ? 200.0 : 140.0,
                                   "name", lane_names[l],
                                   NULL));
      if (lane_kinds[l] == CJM_LANE_TOUCHPOINTS)
        touchpoint_lanes[n_touchpoint_lanes++] = l;
      else if (lane_kinds[l] != CJM_LANE_EMOTION)
        card_lanes[n_card_lanes++] = l;
    }

  /* touchpoints in reading order march from the first phase to the last */
  first_touchpoints = g_new0 (char *, n_phases + 1);
  for (guint i = 0; i < n_touchpoints; i++)
    {
      g_autofree char *id = g_strdup_printf ("tp-%u", i);
      g_autofree char *phase_id = NULL;
      g_autofree char *lane_id = NULL;
      g_autofree char *tp_title = NULL;
      g_autoptr(GPtrArray) metrics = make_metrics (i);
      g_auto(GStrv) persona_ids = NULL;
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      guint n_fixed = 0;
      const CjmChannelInfo *fixed = cjm_channel_info_list (&n_fixed);
      guint channel = i % (n_fixed + G_N_ELEMENTS (channels) + 1);
      guint ph = (guint) ((guint64) i * n_phases / n_touchpoints);
      CjmTouchpoint *touchpoint;

      phase_id = g_strdup_printf ("phase-%u", ph);
      lane_id = g_strdup_printf ("lane-%u", touchpoint_lanes[i % n_touchpoint_lanes]);
      tp_title = g_strdup_printf ("%s %s", actors[i % G_N_ELEMENTS (actors)],
                                  subjects[(i / 3) % G_N_ELEMENTS (subjects)]);
      for (guint p = 0; p < G_N_ELEMENTS (personas); p++)
        if ((i + p) % 3 == 0 || p == i % G_N_ELEMENTS (personas))
          g_strv_builder_add (builder, personas[p].id);
      persona_ids = g_strv_builder_end (builder);
      if (first_touchpoints[ph] == NULL)
        first_touchpoints[ph] = g_strdup (id);

      touchpoint = g_object_new (CJM_TYPE_TOUCHPOINT,
                                 "id", id,
                                 "phase", phase_id,
                                 "lane", lane_id,
                                 "channel", channel < n_fixed ? fixed[channel].keyword
                                            : channel < n_fixed + G_N_ELEMENTS (channels)
                                            ? channels[channel - n_fixed].id
                                            : NULL,
                                 "emotion", i % 7 == 6 ? CJM_UNSET_INT : (int) (i % 5) - 2,
                                 "importance", (CjmImportance) (i % 4),
                                 "managed", i % 5 != 0,
                                 "owner", i % 2 == 0 ? owners[i % G_N_ELEMENTS (owners)] : NULL,
                                 "personas", persona_ids,
                                 "title", tp_title,
                                 "description", i % 4 == 3 ? NULL
                                                : descriptions[i % G_N_ELEMENTS (descriptions)],
                                 "metrics", metrics,
                                 "evidence", (CjmEvidence) (i % 4),
                                 "evidence-source", i % 4 == 0 ? NULL
                                                    : sources[i % G_N_ELEMENTS (sources)],
                                 NULL);
      add (document, touchpoint);
    }

  for (guint j = 0; j < n_cards; j++)
    {
      g_autofree char *id = g_strdup_printf ("card-%u", j);
      g_autofree char *phase_id = NULL;
      g_autofree char *lane_id = NULL;
      g_autofree char *tp_a = g_strdup_printf ("tp-%u", 2 * j);
      g_autofree char *tp_b = g_strdup_printf ("tp-%u", 2 * j + 1);
      const char *concerns[] = { tp_a, j % 3 == 0 ? tp_b : NULL, NULL };

      phase_id = g_strdup_printf ("phase-%u",
                                  (guint) ((guint64) 2 * j * n_phases / n_touchpoints));
      lane_id = g_strdup_printf ("lane-%u", card_lanes[j % n_card_lanes]);
      add (document, g_object_new (CJM_TYPE_CARD,
                                   "id", id,
                                   "phase", phase_id,
                                   "lane", lane_id,
                                   "color", j % 4 == 0 ? 0xf6d32du : CJM_UNSET_COLOR,
                                   "touchpoints", j % 5 == 4 ? NULL : concerns,
                                   "text", card_texts[j % G_N_ELEMENTS (card_texts)],
                                   NULL));
    }

  /* the journey itself: each touchpoint leads to the next */
  for (guint i = 0; i + 1 < n_touchpoints; i++)
    {
      g_autofree char *id = g_strdup_printf ("step-%u", i);
      g_autofree char *from = g_strdup_printf ("tp-%u", i);
      g_autofree char *to = g_strdup_printf ("tp-%u", i + 1);

      add (document, g_object_new (CJM_TYPE_TRANSITION,
                                   "id", id,
                                   "from", from,
                                   "to", to,
                                   "irritations", (CjmIrritations) (i % 16),
                                   "wait-minutes", i % 3 == 0 ? (int) (i % 240) : CJM_UNSET_INT,
                                   "note", i % 6 == 0 ? "Klant moet zijn verhaal opnieuw "
                                                        "vertellen bij de overdracht." : NULL,
                                   NULL));
    }

  for (guint p = 0; p < G_N_ELEMENTS (personas); p++)
    {
      add_curve (document, &personas[p], p, CJM_CURVE_AS_IS, n_phases, first_touchpoints);
      add_curve (document, &personas[p], p, CJM_CURVE_TO_BE, n_phases, first_touchpoints);
    }
  g_strfreev (first_touchpoints);

  for (guint a = 0; a < n_actions; a++)
    {
      g_autofree char *id = g_strdup_printf ("action-%u", a);
      g_autofree char *card = g_strdup_printf ("card-%u", (a * 7) % MAX (n_cards, 1));
      g_autofree char *tp = g_strdup_printf ("tp-%u", (a * 13) % n_touchpoints);
      g_autofree char *due = g_strdup_printf ("2026-%02u-%02u", 1 + a % 12, 1 + a % 28);
      const char *addresses[] = { tp, n_cards > 0 ? card : NULL, NULL };

      add (document, g_object_new (CJM_TYPE_ACTION,
                                   "id", id,
                                   "owner", owners[a % G_N_ELEMENTS (owners)],
                                   "priority", (CjmPriority) (a % 4),
                                   "status", (CjmStatus) (a % 5),
                                   "due", due,
                                   "addresses", addresses,
                                   "title", "Reparatie aan huis binnen één dag inplannen",
                                   "description", "Monteur krijgt de foto’s van de klant vooraf.",
                                   NULL));
    }

  return g_steal_pointer (&document);
}

/* Makes sure a generated map is one Reiskaart opens: it must load, pass the
 * schema, hold every entity, and save again to the same bytes. */
static GBytes *
serialize_checked (CjmDocument *document,
                   const char  *name)
{
  g_autoptr(GBytes) bytes = cjm_writer_save_to_bytes (document);
  g_autoptr(GBytes) again = NULL;
  g_autoptr(CjmDocument) loaded = NULL;
  g_autoptr(GError) error = NULL;
  CjmLocation location = { 0, 0 };

  loaded = cjm_reader_load_bytes (bytes, &location, &error);
  if (loaded == NULL)
    g_error ("the generated map %s does not load (line %d): %s",
             name, location.line, error->message);
  if (!cjm_schema_validate_bytes (bytes, &location, &error))
    g_error ("the generated map %s does not match the schema (line %d): %s",
             name, location.line, error->message);
  if (cjm_document_count_entities (loaded) != cjm_document_count_entities (document))
    g_error ("the generated map %s has %u entities, but %u once loaded", name,
             cjm_document_count_entities (document), cjm_document_count_entities (loaded));
  again = cjm_writer_save_to_bytes (loaded);
  if (!g_bytes_equal (bytes, again))
    g_error ("the generated map %s does not save to the same bytes once loaded", name);

  return g_steal_pointer (&bytes);
}

/* Measuring -------------------------------------------------------------- */

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static double
median_ms (gint64 *times,
           guint   n)
{
  qsort (times, n, sizeof *times, compare_times);
  if (n % 2 == 1)
    return times[n / 2] / 1000.0;
  return (times[n / 2 - 1] + times[n / 2]) / 2000.0;
}

static void
report_ms (const char *what,
           const char *suffix,
           double      value)
{
  g_print ("%s-%s: %.2f ms\n", what, suffix, value);
}

static void
bench_size (guint       n_touchpoints,
            const char *suffix,
            const char *folder,
            guint       runs)
{
  g_autoptr(CjmDocument) document = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree gint64 *times = g_new (gint64, runs);
  gint64 start;

  g_printerr ("Generating a map with %u touchpoints...\n", n_touchpoints);
  start = g_get_monotonic_time ();
  document = generate_map (n_touchpoints);
  name = g_strdup_printf ("%s (%u touchpoints)", suffix, n_touchpoints);
  bytes = serialize_checked (document, name);
  g_printerr ("  %u entities, %" G_GSIZE_FORMAT " bytes, generated and checked in %.0f ms\n",
              cjm_document_count_entities (document), g_bytes_get_size (bytes),
              (g_get_monotonic_time () - start) / 1000.0);

  g_printerr ("  loading %u times...\n", runs);
  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(CjmDocument) loaded = NULL;
      g_autoptr(GError) error = NULL;

      start = g_get_monotonic_time ();
      loaded = cjm_reader_load_bytes (bytes, NULL, &error);
      times[r] = g_get_monotonic_time () - start;
      if (loaded == NULL)
        g_error ("loading failed: %s", error->message);
    }
  report_ms ("load", suffix, median_ms (times, runs));

  g_printerr ("  saving to bytes %u times...\n", runs);
  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GBytes) saved = NULL;

      start = g_get_monotonic_time ();
      saved = cjm_writer_save_to_bytes (document);
      times[r] = g_get_monotonic_time () - start;
      if (!g_bytes_equal (saved, bytes))
        g_error ("saving the same map twice gave different bytes");
    }
  report_ms ("save", suffix, median_ms (times, runs));

  /* the editor's real save: serialise, load once more as a check, write a
   * temporary file, fsync, rename over the old file, fsync the folder */
  path = g_strdup_printf ("%s/bench-%s.cjm", folder, suffix);
  file = g_file_new_for_path (path);
  g_printerr ("  saving to %s %u times...\n", path, runs);
  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GError) error = NULL;
      gboolean saved;

      start = g_get_monotonic_time ();
      saved = cjm_file_save (document, file, &error);
      times[r] = g_get_monotonic_time () - start;
      if (!saved)
        g_error ("saving %s failed: %s", path, error->message);
    }
  report_ms ("save-file", suffix, median_ms (times, runs));
  g_unlink (path);

  g_print ("size-%s: %.0f KB\n", suffix, g_bytes_get_size (bytes) / 1024.0);
}

static int
write_map (int         n_touchpoints,
           const char *path)
{
  g_autoptr(CjmDocument) document = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;

  g_printerr ("Generating a map with %d touchpoints...\n", n_touchpoints);
  document = generate_map ((guint) n_touchpoints);
  bytes = serialize_checked (document, path);
  if (!cjm_file_save (document, file, &error))
    {
      g_printerr ("%s: %s\n", path, error->message);
      return 1;
    }
  g_printerr ("Wrote %s (%" G_GSIZE_FORMAT " bytes)\n", path, g_bytes_get_size (bytes));
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *dir = NULL;
  int runs = 7;
  int write_n = 0;
  const GOptionEntry entries[] = {
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs,
      "How often to repeat each measurement (the median is reported; default 7)", "N" },
    { "dir", 'd', 0, G_OPTION_ARG_FILENAME, &dir,
      "Where to save the files for the save-file figures (default: the temporary folder)",
      "DIR" },
    { "write-map", 'w', 0, G_OPTION_ARG_INT, &write_n,
      "Write the generated map with N touchpoints to FILE and exit", "N" },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new ("[FILE] - measure loading and saving large journey maps");
  g_option_context_set_description (context,
    "Prints one figure per line: load-1k, save-1k, save-file-1k, size-1k, then the same\n"
    "for a map with 10,000 touchpoints. Times are medians in milliseconds.\n"
    "With --write-map N FILE, writes the generated map instead.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  /* a full disk must fail a save, not kill the program */
  signal (SIGXFSZ, SIG_IGN);
  cjm_reader_init ();

  if (write_n != 0 || argc > 1)
    {
      if (write_n <= 0 || argc != 2)
        {
          g_printerr ("Usage: %s --write-map N FILE.cjm (N at least 1)\n", g_get_prgname ());
          return 2;
        }
      return write_map (write_n, argv[1]);
    }

  if (runs < 1)
    {
      g_printerr ("--runs needs a number of at least 1\n");
      return 2;
    }

  if (dir != NULL)
    folder = g_canonicalize_filename (dir, NULL);
  else
    {
      folder = g_dir_make_tmp ("reiskaart-bench-XXXXXX", &error);
      if (folder == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }

  bench_size (1000, "1k", folder, (guint) runs);
  bench_size (10000, "10k", folder, (guint) runs);

  if (dir == NULL)
    g_rmdir (folder);
  return 0;
}
