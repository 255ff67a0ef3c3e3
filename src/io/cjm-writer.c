/* cjm-writer.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cjm-reader.h"
#include "cjm-writer.h"

/* The writer produces the canonical form of a map: the same document always
 * gives the same bytes, fields in table order, two-space indentation, one
 * element per line, so that files diff well in version control. It writes
 * text itself rather than through xmlTextWriter, which lets control
 * characters through unescaped (the model never holds any: see
 * cjm_text_sanitize()). */

static void
append_escaped (GString    *out,
                const char *text,
                gboolean    attribute)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '"':
          g_string_append (out, attribute ? "&quot;" : "\"");
          break;
        case '\n':
          g_string_append (out, attribute ? "&#10;" : "\n");
          break;
        case '\t':
          g_string_append (out, attribute ? "&#9;" : "\t");
          break;
        case '\r':
          g_string_append (out, "&#13;");
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
}

static void
indent (GString *out,
        int      level)
{
  for (int i = 0; i < level; i++)
    g_string_append (out, "  ");
}

static void
attribute (GString    *out,
           const char *name,
           const char *value)
{
  g_string_append_printf (out, " %s=\"", name);
  append_escaped (out, value, TRUE);
  g_string_append_c (out, '"');
}

/**
 * cjm_format_double:
 *
 * Returns: (transfer full): the shortest decimal that reads back as exactly
 *   @value, with a decimal point whatever the locale
 */
char *
cjm_format_double (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  for (int digits = 6; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  if (strcmp (buffer, "-0") == 0)
    return g_strdup ("0");
  return g_strdup (buffer);
}

static char *
format_timestamp (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_time);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

static char *
format_field (CjmEntity      *entity,
              const CjmField *field)
{
  gpointer ptr = cjm_entity_field_ptr (entity, field);

  switch (field->type)
    {
    case CJM_FIELD_STRING:
    case CJM_FIELD_TEXT:
    case CJM_FIELD_DATE:
    case CJM_FIELD_REF:
      return g_strdup (*(char **) ptr);
    case CJM_FIELD_REFS:
      return g_strjoinv (" ", *(char ***) ptr);
    case CJM_FIELD_INT:
      return g_strdup_printf ("%d", *(int *) ptr);
    case CJM_FIELD_DOUBLE:
      return cjm_format_double (*(double *) ptr);
    case CJM_FIELD_BOOLEAN:
      return g_strdup (*(gboolean *) ptr ? "true" : "false");
    case CJM_FIELD_ENUM:
      return g_strdup (cjm_enum_to_nick (field->value_type (), *(int *) ptr));
    case CJM_FIELD_FLAGS:
      {
        g_autoptr(GFlagsClass) klass = g_type_class_ref (field->value_type ());
        GString *words = g_string_new (NULL);
        guint flags = *(guint *) ptr;

        for (guint i = 0; i < klass->n_values; i++)
          if (flags & klass->values[i].value)
            g_string_append_printf (words, "%s%s", words->len > 0 ? " " : "",
                                    klass->values[i].value_nick);
        return g_string_free (words, FALSE);
      }
    case CJM_FIELD_COLOR:
      return g_strdup_printf ("#%06x", *(guint *) ptr & 0xffffff);
    case CJM_FIELD_TIMESTAMP:
      return format_timestamp (*(gint64 *) ptr);
    case CJM_FIELD_LIST:
    default:
      g_assert_not_reached ();
    }
}

static void
write_attributes (GString   *out,
                  CjmEntity *entity)
{
  CjmEntityClass *klass = CJM_ENTITY_GET_CLASS (entity);
  GPtrArray *foreign = cjm_entity_get_foreign_attributes (entity);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const CjmField *field = &klass->fields[i];
      g_autofree char *value = NULL;

      if (field->form != CJM_FIELD_ATTRIBUTE || !cjm_entity_field_is_set (entity, field))
        continue;
      value = format_field (entity, field);
      attribute (out, field->name, value);
    }

  /* each extension declares its own namespace, as it did when read */
  for (guint i = 0; foreign != NULL && i < foreign->len; i++)
    {
      CjmForeignAttribute *attr = g_ptr_array_index (foreign, i);
      gboolean declared = attr->prefix == NULL || strcmp (attr->prefix, "xml") == 0;
      g_autofree char *qname = NULL;

      for (guint j = 0; j < i && !declared; j++)
        {
          CjmForeignAttribute *other = g_ptr_array_index (foreign, j);

          declared = g_strcmp0 (other->prefix, attr->prefix) == 0;
        }
      if (!declared)
        {
          g_autofree char *xmlns = g_strconcat ("xmlns:", attr->prefix, NULL);

          attribute (out, xmlns, attr->ns_uri);
        }
      qname = attr->prefix != NULL ? g_strconcat (attr->prefix, ":", attr->name, NULL)
                                   : g_strdup (attr->name);
      attribute (out, qname, attr->value);
    }
}

static void
text_element (GString    *out,
              int         level,
              const char *name,
              const char *text)
{
  indent (out, level);
  if (text == NULL || *text == '\0')
    {
      g_string_append_printf (out, "<%s/>\n", name);
      return;
    }
  g_string_append_printf (out, "<%s>", name);
  append_escaped (out, text, FALSE);
  g_string_append_printf (out, "</%s>\n", name);
}

static void
write_custom_children (GString   *out,
                       CjmEntity *entity,
                       int        level)
{
  if (CJM_IS_TOUCHPOINT (entity))
    {
      CjmTouchpoint *touchpoint = CJM_TOUCHPOINT (entity);
      GPtrArray *metrics = cjm_touchpoint_get_metrics (touchpoint);

      for (guint i = 0; metrics != NULL && i < metrics->len; i++)
        {
          const CjmMetric *metric = g_ptr_array_index (metrics, i);
          g_autofree char *value = cjm_format_double (metric->value);

          indent (out, level);
          g_string_append (out, "<metric");
          attribute (out, "kind", cjm_enum_to_nick (CJM_TYPE_METRIC_KIND, metric->kind));
          if (metric->name != NULL && *metric->name != '\0')
            attribute (out, "name", metric->name);
          attribute (out, "value", value);
          if (metric->unit != NULL && *metric->unit != '\0')
            attribute (out, "unit", metric->unit);
          if (metric->sample != CJM_UNSET_INT)
            {
              g_autofree char *sample = g_strdup_printf ("%d", metric->sample);

              attribute (out, "sample", sample);
            }
          g_string_append (out, "/>\n");
        }

      if (cjm_touchpoint_get_evidence (touchpoint) != CJM_EVIDENCE_UNSET)
        {
          const char *source = cjm_touchpoint_get_evidence_source (touchpoint);

          indent (out, level);
          g_string_append (out, "<evidence");
          attribute (out, "kind", cjm_enum_to_nick (CJM_TYPE_EVIDENCE,
                                                    cjm_touchpoint_get_evidence (touchpoint)));
          if (source == NULL)
            g_string_append (out, "/>\n");
          else
            {
              g_string_append_c (out, '>');
              append_escaped (out, source, FALSE);
              g_string_append (out, "</evidence>\n");
            }
        }
    }
  else if (CJM_IS_CURVE (entity))
    {
      GPtrArray *points = cjm_curve_get_points (CJM_CURVE (entity));

      for (guint i = 0; points != NULL && i < points->len; i++)
        {
          const CjmCurvePoint *point = g_ptr_array_index (points, i);
          g_autofree char *value = cjm_format_double (point->value);

          indent (out, level);
          g_string_append (out, "<point");
          if (point->phase != NULL)
            {
              g_autofree char *at = cjm_format_double (point->at);

              attribute (out, "phase", point->phase);
              attribute (out, "at", at);
            }
          else
            attribute (out, "touchpoint", point->touchpoint);
          attribute (out, "value", value);
          if (point->source != NULL && *point->source != '\0')
            attribute (out, "source", point->source);
          if (point->sample != CJM_UNSET_INT)
            {
              g_autofree char *sample = g_strdup_printf ("%d", point->sample);

              attribute (out, "sample", sample);
            }
          if (point->confidence != CJM_CONFIDENCE_UNSET)
            attribute (out, "confidence", cjm_enum_to_nick (CJM_TYPE_CONFIDENCE, point->confidence));
          g_string_append (out, "/>\n");
        }
    }
}

static void
write_foreign_elements (GString   *out,
                        CjmEntity *entity,
                        int        level)
{
  GPtrArray *foreign = cjm_entity_get_foreign_elements (entity);

  for (guint i = 0; foreign != NULL && i < foreign->len; i++)
    {
      indent (out, level);
      g_string_append (out, g_ptr_array_index (foreign, i));
      g_string_append_c (out, '\n');
    }
}

static void
write_entity (GString   *out,
              CjmEntity *entity,
              int        level)
{
  CjmEntityClass *klass = CJM_ENTITY_GET_CLASS (entity);
  const char *name = klass->element_name;
  gsize start;

  indent (out, level);
  g_string_append_printf (out, "<%s", name);
  attribute (out, "id", cjm_entity_get_id (entity));
  write_attributes (out, entity);
  g_string_append (out, ">\n");
  start = out->len;

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const CjmField *field = &klass->fields[i];

      if (field->form != CJM_FIELD_ELEMENT)
        continue;
      if ((field->flags & CJM_FIELD_REQUIRED) || cjm_entity_field_is_set (entity, field))
        text_element (out, level + 1, field->name, *(char **) cjm_entity_field_ptr (entity, field));
    }
  write_custom_children (out, entity, level + 1);
  write_foreign_elements (out, entity, level + 1);

  if (out->len == start)
    {
      /* no children: close the start tag itself */
      g_string_truncate (out, start - 2);
      g_string_append (out, "/>\n");
      return;
    }
  indent (out, level);
  g_string_append_printf (out, "</%s>\n", name);
}

static void
write_map_header (GString *out,
                  CjmMap  *map)
{
  CjmEntity *entity = CJM_ENTITY (map);
  CjmEntityClass *klass = CJM_ENTITY_GET_CLASS (entity);
  GPtrArray *labels = cjm_map_get_scale_labels (map);
  int min = cjm_map_get_scale_min (map);
  int max = cjm_map_get_scale_max (map);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const CjmField *field = &klass->fields[i];
      g_autofree char *value = NULL;

      if (field->form != CJM_FIELD_ELEMENT)
        continue;
      if (!(field->flags & CJM_FIELD_REQUIRED) && !cjm_entity_field_is_set (entity, field))
        continue;
      value = cjm_entity_field_is_set (entity, field) ? format_field (entity, field) : NULL;
      text_element (out, 1, field->name, value);
    }

  indent (out, 1);
  g_string_append_printf (out, "<scale min=\"%d\" max=\"%d\"", min, max);
  if (labels == NULL || labels->len == 0)
    {
      g_string_append (out, "/>\n");
      return;
    }
  g_string_append (out, ">\n");
  for (guint i = 0; i < labels->len; i++)
    {
      const CjmScaleLabel *label = g_ptr_array_index (labels, i);

      indent (out, 2);
      g_string_append_printf (out, "<label value=\"%d\">", label->value);
      append_escaped (out, label->text != NULL ? label->text : "", FALSE);
      g_string_append (out, "</label>\n");
    }
  indent (out, 1);
  g_string_append (out, "</scale>\n");
}

static void
write_list (GString     *out,
            const char  *section,
            GPtrArray   *entities)
{
  if (entities->len == 0)
    return;

  indent (out, 1);
  g_string_append_printf (out, "<%s>\n", section);
  for (guint i = 0; i < entities->len; i++)
    write_entity (out, g_ptr_array_index (entities, i), 2);
  indent (out, 1);
  g_string_append_printf (out, "</%s>\n", section);
}

/**
 * cjm_writer_save_to_bytes:
 * @document: a map
 *
 * Serialises @document in the canonical form of the .cjm format.
 *
 * Returns: (transfer full): the file's bytes
 */
GBytes *
cjm_writer_save_to_bytes (CjmDocument *document)
{
  CjmMap *map;
  const char *language;
  GString *out;

  g_return_val_if_fail (CJM_IS_DOCUMENT (document), NULL);

  map = cjm_document_get_map (document);
  language = cjm_map_get_language (map);
  out = g_string_sized_new (4096 + 400 * cjm_document_count_entities (document));

  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_string_append_printf (out, "<journey-map xmlns=\"%s\" version=\"%d\"",
                          CJM_NAMESPACE, CJM_FORMAT_VERSION);
  if (language != NULL)
    attribute (out, "xml:lang", language);
  write_attributes (out, CJM_ENTITY (map));
  g_string_append (out, ">\n");

  write_map_header (out, map);
  write_list (out, "channels", cjm_document_get_channels (document));
  write_list (out, "personas", cjm_document_get_personas (document));
  write_list (out, "phases", cjm_document_get_phases (document));
  write_list (out, "lanes", cjm_document_get_lanes (document));
  write_list (out, "touchpoints", cjm_document_get_touchpoints (document));
  write_list (out, "cards", cjm_document_get_cards (document));
  write_list (out, "transitions", cjm_document_get_transitions (document));
  write_list (out, "curves", cjm_document_get_curves (document));
  write_list (out, "actions", cjm_document_get_actions (document));
  write_foreign_elements (out, CJM_ENTITY (map), 1);

  g_string_append (out, "</journey-map>\n");
  return g_string_free_to_bytes (out);
}
