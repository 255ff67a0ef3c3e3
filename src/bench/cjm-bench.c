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

#include <cairo.h>
#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cjm-document.h"
#include "cjm-export.h"
#include "cjm-file.h"
#include "cjm-interaction.h"
#include "cjm-layout.h"
#include "cjm-reader.h"
#include "cjm-renderer.h"
#include "cjm-schema.h"
#include "cjm-selection.h"
#include "cjm-writer.h"

/* How fast Reiskaart reads, writes, lays out, draws and hit-tests large
 * maps. The maps are generated, not shipped, so the figures can be
 * reproduced on any machine: the same size always gives the same bytes.
 * Only the figures go to standard output, one per line, so scripts can
 * compare runs; progress goes to standard error. The locale is left at "C"
 * so a figure is never written 1,5. */

/* The window the view figures are drawn for. */
#define VIEW_WIDTH  1280
#define VIEW_HEIGHT 800
#define DRAG_FRAMES 200
#define HIT_TESTS   100000

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

/* Nanoseconds of one clock; CLOCK_PROCESS_CPUTIME_ID counts what this
 * process spent on the processor, whatever else the machine does. */
static gint64
clock_ns (clockid_t clock)
{
  struct timespec now;

  clock_gettime (clock, &now);
  return (gint64) now.tv_sec * G_GINT64_CONSTANT (1000000000) + now.tv_nsec;
}

/* The median and another quantile of @times, in nanoseconds; sorts them. */
static double
quantile_ns (gint64 *times,
             guint   n,
             double  q)
{
  qsort (times, n, sizeof *times, compare_times);
  return (double) times[MIN ((guint) (q * n), n - 1)];
}

static double
median_ns (gint64 *times,
           guint   n)
{
  qsort (times, n, sizeof *times, compare_times);
  if (n % 2 == 1)
    return (double) times[n / 2];
  return (times[n / 2 - 1] + times[n / 2]) / 2.0;
}

/* A blank window-sized canvas: white, as the canvas paints under the map. */
static cairo_t *
begin_view (cairo_surface_t *surface)
{
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  return cr;
}

static void
end_view (cairo_t *cr)
{
  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    g_error ("drawing failed: %s", cairo_status_to_string (cairo_status (cr)));
  cairo_surface_flush (cairo_get_target (cr));
  cairo_destroy (cr);
}

/* The whole map zoomed to fit the window, everything in place, as the
 * first frame after "Zoom to Fit" (or a thumbnail) needs it. */
static void
draw_fit (CjmRenderer *renderer,
          cairo_t     *cr,
          CjmLayout   *layout)
{
  double width = cjm_layout_get_width (layout);
  double height = cjm_layout_get_height (layout);
  double scale = MIN (VIEW_WIDTH / width, VIEW_HEIGHT / height);
  CjmRenderOptions options;

  cjm_renderer_options_init (&options, layout);
  options.scale = scale;
  cairo_scale (cr, scale, scale);
  cjm_renderer_draw (renderer, cr, layout, &options);
}

/* A window at 100 % in the middle of the map, drawn the way the canvas
 * composes it: the body scrolled, the sticky headers over it. */
static void
draw_middle (CjmRenderer *renderer,
             cairo_t     *cr,
             CjmLayout   *layout)
{
  CjmRenderOptions options;
  double x0 = MAX (0, cjm_layout_get_width (layout) / 2 - VIEW_WIDTH / 2);
  double y0 = MAX (0, cjm_layout_get_height (layout) / 2 - VIEW_HEIGHT / 2);

  cjm_renderer_options_init (&options, layout);
  options.visible = (CjmRect) { x0, y0, VIEW_WIDTH, VIEW_HEIGHT };

  cairo_save (cr);
  cairo_translate (cr, -x0, -y0);
  options.parts = CJM_RENDER_BODY;
  cjm_renderer_draw (renderer, cr, layout, &options);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_translate (cr, -x0, 0);
  options.parts = CJM_RENDER_PHASE_HEADERS;
  cjm_renderer_draw (renderer, cr, layout, &options);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_translate (cr, 0, -y0);
  options.parts = CJM_RENDER_LANE_HEADERS;
  cjm_renderer_draw (renderer, cr, layout, &options);
  cairo_restore (cr);

  options.parts = CJM_RENDER_CORNER;
  cjm_renderer_draw (renderer, cr, layout, &options);
}

typedef void (*DrawFunc) (CjmRenderer *renderer,
                          cairo_t     *cr,
                          CjmLayout   *layout);

static double
time_draw (CjmRenderer     *renderer,
           cairo_surface_t *surface,
           CjmLayout       *layout,
           DrawFunc         draw,
           gint64          *times,
           guint            runs)
{
  /* once untimed, so fonts are loaded and caches warm */
  for (guint r = 0; r <= runs; r++)
    {
      cairo_t *cr = begin_view (surface);
      gint64 start = clock_ns (CLOCK_PROCESS_CPUTIME_ID);

      draw (renderer, cr, layout);
      cairo_surface_flush (surface);
      if (r > 0)
        times[r - 1] = clock_ns (CLOCK_PROCESS_CPUTIME_ID) - start;
      end_view (cr);
    }
  return median_ns (times, runs) / 1e6;
}

/* What the canvas draws over its cached tiles of the map on every motion
 * event while items are dragged: the selection, the drop target and the
 * dragged items at the pointer, on a transparent window-sized layer. */
static void
draw_drag_overlay (CjmRenderer    *renderer,
                   cairo_t        *cr,
                   CjmLayout      *layout,
                   CjmInteraction *interaction,
                   CjmSelection   *selection,
                   double          x0,
                   double          y0)
{
  const CjmDropTarget *drop = cjm_interaction_get_drop_target (interaction);
  GHashTableIter iter;
  gpointer key;
  double dx, dy;

  cairo_save (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_save (cr);
  cairo_translate (cr, -x0, -y0);

  cjm_renderer_draw_selection (renderer, cr, layout, cjm_selection_get_set (selection), NULL);
  if (drop != NULL)
    cjm_renderer_draw_drop_target (renderer, cr, drop);

  cjm_interaction_get_offset (interaction, &dx, &dy);
  g_hash_table_iter_init (&iter, cjm_interaction_get_moving (interaction));
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const CjmLayoutItem *item = cjm_layout_find_item (layout, key);
      CjmRect moved;

      if (item == NULL)
        continue;
      cairo_set_source_rgba (cr, 1, 1, 1, 0.7);
      cairo_rectangle (cr, item->rect.x - 4, item->rect.y - 4,
                       item->rect.width + 8, item->rect.height + 8);
      cairo_fill (cr);
      moved = item->rect;
      moved.x += dx;
      moved.y += dy;
      cairo_set_source_rgba (cr, 0, 0, 0, 0.15);
      cairo_rectangle (cr, moved.x + 3, moved.y + 5, moved.width, moved.height);
      cairo_fill (cr);
      cjm_renderer_draw_item (renderer, cr, layout, key, &moved, 1.0, TRUE);
    }
  cairo_restore (cr);
  cairo_surface_flush (cairo_get_target (cr));
}

/* The sticky headers, which the canvas draws afresh in every frame. */
static void
draw_headers (CjmRenderer *renderer,
              cairo_t     *cr,
              CjmLayout   *layout,
              double       x0,
              double       y0)
{
  CjmRenderOptions options;

  cjm_renderer_options_init (&options, layout);
  options.visible = (CjmRect) { x0, y0, VIEW_WIDTH, VIEW_HEIGHT };

  cairo_save (cr);
  cairo_translate (cr, -x0, 0);
  options.parts = CJM_RENDER_PHASE_HEADERS;
  cjm_renderer_draw (renderer, cr, layout, &options);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_translate (cr, 0, -y0);
  options.parts = CJM_RENDER_LANE_HEADERS;
  cjm_renderer_draw (renderer, cr, layout, &options);
  cairo_restore (cr);

  options.parts = CJM_RENDER_CORNER;
  cjm_renderer_draw (renderer, cr, layout, &options);
  cairo_surface_flush (cairo_get_target (cr));
}

/* The processor time of one frame while dragging a touchpoint from the
 * middle of the map through the cells around it, at 100 %. */
static double
bench_drag (CjmDocument     *document,
            CjmLayout       *layout,
            CjmRenderer     *renderer,
            cairo_surface_t *surface)
{
  g_autoptr(CjmSelection) selection = cjm_selection_new (document);
  g_autoptr(CjmInteraction) interaction = cjm_interaction_new (selection);
  g_autofree gint64 *times = g_new (gint64, DRAG_FRAMES);
  g_autofree gint64 *header_times = g_new (gint64, DRAG_FRAMES);
  g_autofree char *before = NULL;
  const CjmLayoutItem *item = NULL;
  guint middle = cjm_layout_get_n_phases (layout) / 2;
  guint with_target = 0;
  double cx, cy, x0, y0;
  cairo_t *cr;

  for (guint i = 0; i < cjm_layout_get_n_items (layout) && item == NULL; i++)
    if (CJM_IS_TOUCHPOINT (cjm_layout_get_item (layout, i)->entity)
        && cjm_layout_get_item (layout, i)->phase == middle)
      item = cjm_layout_get_item (layout, i);
  if (item == NULL)
    g_error ("the generated map has no touchpoint in its middle phase");

  cx = item->rect.x + item->rect.width / 2;
  cy = item->rect.y + item->rect.height / 2;
  x0 = cx - VIEW_WIDTH / 2;
  y0 = cy - VIEW_HEIGHT / 2;
  before = g_strdup (cjm_entity_get_id (item->entity));

  cjm_interaction_set_layout (interaction, layout);
  cjm_interaction_press (interaction, cx, cy, 0, 1);
  cjm_interaction_motion (interaction, cx + 12, cy + 12);
  if (cjm_interaction_get_gesture (interaction) != CJM_GESTURE_MOVE_ITEMS)
    g_error ("pressing on %s and moving did not start a drag", before);

  cr = cairo_create (surface);
  for (guint k = 0; k <= DRAG_FRAMES; k++)
    {
      /* a loop through the neighbouring phases, up and down a few rows */
      double angle = 2 * G_PI * k / DRAG_FRAMES;
      double x = cx + 12 + 500 * sin (angle);
      double y = cy + 12 + 300 * sin (2 * angle);
      gint64 start = clock_ns (CLOCK_PROCESS_CPUTIME_ID);

      gint64 overlay_done;

      cjm_interaction_motion (interaction, x, y);
      draw_drag_overlay (renderer, cr, layout, interaction, selection, x0, y0);
      overlay_done = clock_ns (CLOCK_PROCESS_CPUTIME_ID);
      draw_headers (renderer, cr, layout, x0, y0);
      if (k > 0)
        {
          times[k - 1] = overlay_done - start;
          header_times[k - 1] = clock_ns (CLOCK_PROCESS_CPUTIME_ID) - overlay_done;
        }
      with_target += cjm_interaction_get_drop_target (interaction) != NULL ? 1 : 0;
    }
  end_view (cr);
  cjm_interaction_cancel (interaction);
  g_printerr ("  %u of %u frames over a drop target; slowest frame %.2f ms; the sticky headers "
              "the canvas also redraws take %.2f ms more a frame\n", with_target, DRAG_FRAMES + 1,
              quantile_ns (times, DRAG_FRAMES, 1.0) / 1e6,
              median_ns (header_times, DRAG_FRAMES) / 1e6);
  return median_ns (times, DRAG_FRAMES) / 1e6;
}

/* The median time of one hit test at random points of the map. */
static double
bench_hit_test (CjmLayout *layout)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260302);
  g_autofree gint64 *times = g_new (gint64, HIT_TESTS);
  double width = cjm_layout_get_width (layout);
  double height = cjm_layout_get_height (layout);
  guint kinds[CJM_HIT_CORNER + 1] = { 0 };
  double median;

  for (guint i = 0; i < HIT_TESTS; i++)
    {
      double x = g_rand_double_range (rand, 0, width);
      double y = g_rand_double_range (rand, 0, height);
      gint64 start;
      CjmHit hit;

      start = clock_ns (CLOCK_MONOTONIC);
      cjm_layout_hit_test (layout, x, y, 4, &hit);
      times[i] = clock_ns (CLOCK_MONOTONIC) - start;
      kinds[hit.kind]++;
    }
  median = median_ns (times, HIT_TESTS);
  /* the slowest single calls measure the scheduler more than the code */
  g_printerr ("  hits: %u items, %u cells, %u on curves; 99th percentile %.2f us, 99.9th %.2f us\n",
              kinds[CJM_HIT_ITEM], kinds[CJM_HIT_CELL],
              kinds[CJM_HIT_CURVE] + kinds[CJM_HIT_CURVE_POINT],
              quantile_ns (times, HIT_TESTS, 0.99) / 1e3,
              quantile_ns (times, HIT_TESTS, 0.999) / 1e3);

  /* the emotion lane is the costly part: every curve point is looked at */
  for (guint lane = 0; lane < cjm_layout_get_n_lanes (layout); lane++)
    {
      GPtrArray *lanes = cjm_document_get_lanes (cjm_layout_get_document (layout));
      guint n = HIT_TESTS / 10;
      CjmRect rect;

      if (cjm_lane_get_kind (g_ptr_array_index (lanes, lane)) != CJM_LANE_EMOTION)
        continue;
      cjm_layout_get_lane_rect (layout, lane, &rect);
      for (guint i = 0; i < n; i++)
        {
          double x = g_rand_double_range (rand, CJM_LAYOUT_LANE_HEADER_WIDTH, width);
          double y = g_rand_double_range (rand, rect.y, rect.y + rect.height);
          gint64 start;
          CjmHit hit;

          start = clock_ns (CLOCK_MONOTONIC);
          cjm_layout_hit_test (layout, x, y, 4, &hit);
          times[i] = clock_ns (CLOCK_MONOTONIC) - start;
        }
      g_printerr ("  in the emotion lane: median %.2f us, 99th percentile %.2f us\n",
                  median_ns (times, n) / 1e3, quantile_ns (times, n, 0.99) / 1e3);
      break;
    }
  return median / 1e3;
}

/* Laying out, drawing and hit-testing the map @document. */
static void
bench_view (CjmDocument *document,
            const char  *suffix,
            guint        runs)
{
  g_autoptr(CjmLayout) layout = NULL;
  g_autoptr(CjmRenderer) renderer = cjm_renderer_new (FALSE);
  g_autofree gint64 *times = g_new (gint64, runs);
  cairo_surface_t *surface;
  double width, height;

  g_printerr ("  laying out %u times...\n", runs);
  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(CjmLayout) again = NULL;
      gint64 start = clock_ns (CLOCK_PROCESS_CPUTIME_ID);

      again = cjm_layout_new (document);
      times[r] = clock_ns (CLOCK_PROCESS_CPUTIME_ID) - start;
      if (r + 1 == runs)
        layout = g_steal_pointer (&again);
    }
  report_ms ("layout", suffix, median_ns (times, runs) / 1e6);

  width = cjm_layout_get_width (layout);
  height = cjm_layout_get_height (layout);
  g_printerr ("  the map is %.0f x %.0f points, %u items; zoomed to fit a %dx%d window: %.1f %%\n",
              width, height, cjm_layout_get_n_items (layout), VIEW_WIDTH, VIEW_HEIGHT,
              100 * MIN (VIEW_WIDTH / width, VIEW_HEIGHT / height));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, VIEW_WIDTH, VIEW_HEIGHT);
  g_printerr ("  drawing the whole map zoomed to fit %u times...\n", runs);
  report_ms ("draw-view", suffix, time_draw (renderer, surface, layout, draw_fit, times, runs));
  g_printerr ("  drawing a window at 100 %% %u times...\n", runs);
  report_ms ("draw-view-100", suffix,
             time_draw (renderer, surface, layout, draw_middle, times, runs));

  g_printerr ("  dragging a touchpoint for %u frames...\n", DRAG_FRAMES);
  report_ms ("drag-frame", suffix, bench_drag (document, layout, renderer, surface));
  cairo_surface_destroy (surface);

  g_printerr ("  hit-testing %u points...\n", HIT_TESTS);
  g_print ("hit-test-%s: %.3f us\n", suffix, bench_hit_test (layout));
}

/* Exporting ------------------------------------------------------------- */

#define EXPORT_RUNS 3

typedef struct
{
  const char *name;
  const char *extension;
} ExportBench;

/* A0 lying down; pictures at 300 dpi */
static const ExportBench export_benches[] = {
  { "export-pdf-a0", "pdf" },
  { "export-svg-a0", "svg" },
  { "export-png-a0-300dpi", "png" },
};

/* Runs @argv in a child process and waits for it. Returns the child's
 * standard output (its first line), the wall time and its peak memory,
 * which wait4() reports for that process alone. */
static gboolean
run_child (const char * const *argv,
           char              **out,
           gint64             *elapsed_us,
           long               *peak_kb)
{
  struct rusage usage;
  gint64 start;
  int fds[2];
  int status;
  pid_t pid;

  if (pipe (fds) != 0)
    g_error ("pipe: %s", g_strerror (errno));
  start = g_get_monotonic_time ();
  pid = fork ();
  if (pid < 0)
    g_error ("fork: %s", g_strerror (errno));
  if (pid == 0)
    {
      /* a fresh program, so its memory is the export's alone and not the
       * benchmark's maps as well */
      dup2 (fds[1], STDOUT_FILENO);
      close (fds[0]);
      close (fds[1]);
      execvp (argv[0], (char * const *) argv);
      _exit (127);
    }
  close (fds[1]);
  {
    GString *text = g_string_new (NULL);
    char buffer[256];
    ssize_t n;

    while ((n = read (fds[0], buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR))
      if (n > 0)
        g_string_append_len (text, buffer, n);
    close (fds[0]);
    if (out != NULL)
      *out = g_string_free (text, FALSE);
    else
      g_string_free (text, TRUE);
  }
  while (wait4 (pid, &status, 0, &usage) < 0)
    if (errno != EINTR)
      g_error ("wait4: %s", g_strerror (errno));
  *elapsed_us = g_get_monotonic_time () - start;
  *peak_kb = usage.ru_maxrss;
  return WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

/* The child: loads @map as the editor would, and exports it to @out on A0
 * (at 300 dpi for a picture); prints the time the export took, in
 * microseconds. */
static int
export_child (const char *map,
              const char *out)
{
  g_autoptr(GFile) file = g_file_new_for_path (map);
  g_autoptr(CjmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  CjmExportOptions options;
  gint64 start;

  document = cjm_reader_load_file (file, NULL, &error);
  if (document == NULL)
    {
      g_printerr ("%s: %s\n", map, error->message);
      return 1;
    }
  cjm_export_options_init (&options);
  cjm_export_parse_paper ("A0", &options.paper_width, &options.paper_height);
  options.dpi = 300;
  if (!cjm_export_format_for_path (out, &options.format))
    {
      g_printerr ("%s: not a file name to export to\n", out);
      return 1;
    }

  start = g_get_monotonic_time ();
  if (!cjm_export_to_file (document, &options, out, &error))
    {
      g_printerr ("%s: %s\n", out, error->message);
      return 1;
    }
  g_print ("%" G_GINT64_FORMAT "\n", g_get_monotonic_time () - start);
  cjm_export_options_clear (&options);
  return 0;
}

/* Exports @document to A0 PDF, SVG and a 300 dpi PNG, each in a child
 * process: the median time of the exports and the largest peak memory of
 * the children, which includes loading the map, as on the command line. */
static void
bench_export (CjmDocument *document,
              const char  *suffix,
              const char  *folder,
              guint        runs,
              gboolean     rsvg)
{
  g_autofree char *map = g_strdup_printf ("%s/bench-export-%s.cjm", folder, suffix);
  g_autoptr(GFile) file = g_file_new_for_path (map);
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *times = g_new (gint64, runs);
  g_autofree char *svg = NULL;

  if (!cjm_file_save (document, file, &error))
    g_error ("saving %s failed: %s", map, error->message);

  for (guint b = 0; b < G_N_ELEMENTS (export_benches); b++)
    {
      g_autofree char *out = g_strdup_printf ("%s/bench-export-%s.%s", folder, suffix,
                                              export_benches[b].extension);
      const char *argv[] = { "/proc/self/exe", "--export-child", map, out, NULL };
      long peak = 0;
      GStatBuf buf;

      g_printerr ("  exporting to A0 %s %u times...\n", export_benches[b].extension, runs);
      for (guint r = 0; r < runs; r++)
        {
          g_autofree char *said = NULL;
          gint64 wall;
          long kb;

          if (!run_child (argv, &said, &wall, &kb))
            g_error ("exporting %s failed", out);
          times[r] = g_ascii_strtoll (said, NULL, 10);
          peak = MAX (peak, kb);
        }
      if (g_stat (out, &buf) == 0)
        g_printerr ("  %s: %.1f MB\n", out, buf.st_size / 1048576.0);
      report_ms (export_benches[b].name, suffix, median_ms (times, runs));
      g_print ("%s-%s-mb: %.0f MB\n", export_benches[b].name, suffix, peak / 1024.0);

      if (g_str_equal (export_benches[b].extension, "svg"))
        svg = g_steal_pointer (&out);
      else
        g_unlink (out);
    }

  /* another program's way from the SVG to a PDF, for comparison */
  if (rsvg && svg != NULL)
    {
      g_autofree char *program = g_find_program_in_path ("rsvg-convert");
      g_autofree char *pdf = g_strdup_printf ("%s/bench-rsvg-%s.pdf", folder, suffix);
      const char *argv[] = { program, "-f", "pdf", "-o", pdf, svg, NULL };
      gint64 wall;
      long kb;

      if (program == NULL)
        g_printerr ("  rsvg-convert is not installed (librsvg2-bin): no comparison\n");
      else
        {
          g_printerr ("  converting the SVG to PDF with rsvg-convert once...\n");
          if (!run_child (argv, NULL, &wall, &kb))
            g_printerr ("  rsvg-convert failed\n");
          else
            {
              g_print ("rsvg-convert-pdf-a0-%s: %.2f ms\n", suffix, wall / 1000.0);
              g_print ("rsvg-convert-pdf-a0-%s-mb: %.0f MB\n", suffix, kb / 1024.0);
            }
          g_unlink (pdf);
        }
    }
  if (svg != NULL)
    g_unlink (svg);
  g_unlink (map);
}

static void
bench_size (guint       n_touchpoints,
            const char *suffix,
            const char *folder,
            guint       runs,
            gboolean    rsvg)
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

  bench_view (document, suffix, runs);
  bench_export (document, suffix, folder, MIN (runs, EXPORT_RUNS), rsvg);
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
  gboolean export_child_mode = FALSE;
  gboolean no_rsvg = FALSE;
  const GOptionEntry entries[] = {
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs,
      "How often to repeat each measurement (the median is reported; default 7)", "N" },
    { "dir", 'd', 0, G_OPTION_ARG_FILENAME, &dir,
      "Where to save the files for the save-file figures (default: the temporary folder)",
      "DIR" },
    { "write-map", 'w', 0, G_OPTION_ARG_INT, &write_n,
      "Write the generated map with N touchpoints to FILE and exit", "N" },
    { "no-rsvg", 0, 0, G_OPTION_ARG_NONE, &no_rsvg,
      "Leave out the comparison with rsvg-convert (some 20 seconds and 1 GB of memory)", NULL },
    { "export-child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &export_child_mode,
      "Export MAP to OUT once and print the time it took", NULL },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new ("[FILE] - measure loading, saving, layout, drawing and "
                                   "exporting of large journey maps");
  g_option_context_set_description (context,
    "Prints one figure per line: load-1k, save-1k, save-file-1k, size-1k, layout-1k,\n"
    "draw-view-1k (the whole map zoomed to fit a 1280x800 window), draw-view-100-1k\n"
    "(a 1280x800 window at 100 %), drag-frame-1k (processor time of one frame while\n"
    "dragging an item) and hit-test-1k, then the same for a map with 10,000\n"
    "touchpoints. Times are medians, in milliseconds except hit-test (microseconds).\n"
    "Then export-pdf-a0-1k, export-svg-a0-1k and export-png-a0-300dpi-1k: exporting to\n"
    "A0 in a child process, the median of 3 runs, with the child's peak memory as\n"
    "export-pdf-a0-1k-mb and so on; rsvg-convert-pdf-a0-1k converts the SVG to PDF\n"
    "with rsvg-convert once, for comparison.\n"
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

  if (export_child_mode)
    {
      if (argc != 3)
        {
          g_printerr ("Usage: %s --export-child MAP.cjm OUT\n", g_get_prgname ());
          return 2;
        }
      return export_child (argv[1], argv[2]);
    }

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

  bench_size (1000, "1k", folder, (guint) runs, !no_rsvg);
  bench_size (10000, "10k", folder, (guint) runs, !no_rsvg);

  if (dir == NULL)
    g_rmdir (folder);
  return 0;
}
