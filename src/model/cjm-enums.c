/* cjm-enums.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cjm-types.h"

/* The nicks are the file format's keywords; the names are the labels people
 * read, marked for translation and translated on use. */

#define DEFINE_ENUM(func, Name, ...)                                         \
  GType                                                                      \
  func (void)                                                                \
  {                                                                          \
    static gsize type_id;                                                    \
    static const GEnumValue values[] = { __VA_ARGS__, { 0, NULL, NULL } };   \
    if (g_once_init_enter (&type_id))                                        \
      g_once_init_leave (&type_id, g_enum_register_static (Name, values));   \
    return type_id;                                                          \
  }

DEFINE_ENUM (cjm_lane_kind_get_type, "CjmLaneKind",
             { CJM_LANE_TOUCHPOINTS, N_("Touchpoints"), "touchpoints" },
             { CJM_LANE_ACTIONS, N_("Doing"), "actions" },
             { CJM_LANE_THOUGHTS, N_("Thinking"), "thoughts" },
             { CJM_LANE_EMOTION, N_("Feeling"), "emotion" },
             { CJM_LANE_PAIN_POINTS, N_("Pain points"), "pain-points" },
             { CJM_LANE_OPPORTUNITIES, N_("Opportunities"), "opportunities" },
             { CJM_LANE_BACKSTAGE, N_("Backstage"), "backstage" },
             { CJM_LANE_METRICS, N_("Metrics"), "metrics" },
             { CJM_LANE_NOTES, N_("Notes"), "notes" })

DEFINE_ENUM (cjm_channel_group_get_type, "CjmChannelGroup",
             { CJM_CHANNEL_GROUP_DIGITAL, N_("Digital"), "digital" },
             { CJM_CHANNEL_GROUP_PHYSICAL, N_("Physical"), "physical" },
             { CJM_CHANNEL_GROUP_TELEPHONE, N_("Telephone"), "telephone" },
             { CJM_CHANNEL_GROUP_OTHER, N_("Other"), "other" })

DEFINE_ENUM (cjm_importance_get_type, "CjmImportance",
             { CJM_IMPORTANCE_UNSET, N_("Not set"), "" },
             { CJM_IMPORTANCE_CRITICAL, N_("Critical"), "critical" },
             { CJM_IMPORTANCE_SUPPLEMENTARY, N_("Supplementary"), "supplementary" },
             { CJM_IMPORTANCE_SUPERFLUOUS, N_("Superfluous"), "superfluous" })

DEFINE_ENUM (cjm_evidence_get_type, "CjmEvidence",
             { CJM_EVIDENCE_UNSET, N_("Not set"), "" },
             { CJM_EVIDENCE_OBSERVED, N_("Observed"), "observed" },
             { CJM_EVIDENCE_ASSUMED, N_("Assumed"), "assumed" },
             { CJM_EVIDENCE_PROPOSED, N_("Proposed"), "proposed" })

DEFINE_ENUM (cjm_metric_kind_get_type, "CjmMetricKind",
             { CJM_METRIC_SATISFACTION, N_("Satisfaction"), "satisfaction" },
             { CJM_METRIC_NPS, N_("Net Promoter Score"), "nps" },
             { CJM_METRIC_CES, N_("Customer effort"), "ces" },
             { CJM_METRIC_CONVERSION, N_("Conversion"), "conversion" },
             { CJM_METRIC_RETENTION, N_("Retention"), "retention" },
             { CJM_METRIC_CHURN, N_("Churn"), "churn" },
             { CJM_METRIC_CLV, N_("Customer lifetime value"), "clv" },
             { CJM_METRIC_CPA, N_("Cost per acquisition"), "cpa" },
             { CJM_METRIC_CUSTOM, N_("Custom"), "custom" })

DEFINE_ENUM (cjm_curve_variant_get_type, "CjmCurveVariant",
             { CJM_CURVE_AS_IS, N_("As is"), "as-is" },
             { CJM_CURVE_TO_BE, N_("To be"), "to-be" })

DEFINE_ENUM (cjm_confidence_get_type, "CjmConfidence",
             { CJM_CONFIDENCE_UNSET, N_("Not set"), "" },
             { CJM_CONFIDENCE_LOW, N_("Low"), "low" },
             { CJM_CONFIDENCE_MEDIUM, N_("Medium"), "medium" },
             { CJM_CONFIDENCE_HIGH, N_("High"), "high" })

DEFINE_ENUM (cjm_priority_get_type, "CjmPriority",
             { CJM_PRIORITY_UNSET, N_("Not set"), "" },
             { CJM_PRIORITY_HIGH, N_("High"), "high" },
             { CJM_PRIORITY_MEDIUM, N_("Medium"), "medium" },
             { CJM_PRIORITY_LOW, N_("Low"), "low" })

DEFINE_ENUM (cjm_status_get_type, "CjmStatus",
             { CJM_STATUS_PROPOSED, N_("Proposed"), "proposed" },
             { CJM_STATUS_PLANNED, N_("Planned"), "planned" },
             { CJM_STATUS_IN_PROGRESS, N_("In progress"), "in-progress" },
             { CJM_STATUS_DONE, N_("Done"), "done" },
             { CJM_STATUS_DROPPED, N_("Dropped"), "dropped" })

GType
cjm_irritations_get_type (void)
{
  static gsize type_id;
  static const GFlagsValue values[] = {
    { CJM_IRRITATION_NO_HANDOVER, N_("No information handover"), "no-handover" },
    { CJM_IRRITATION_LONG_WAIT, N_("Long wait"), "long-wait" },
    { CJM_IRRITATION_DEVICE_SWITCH, N_("Device switch"), "device-switch" },
    { CJM_IRRITATION_CHANNEL_SWITCH, N_("Channel switch"), "channel-switch" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id, g_flags_register_static ("CjmIrritations", values));
  return type_id;
}

/**
 * cjm_enum_to_nick:
 * @enum_type: a registered enum type
 * @value: one of its values
 *
 * Returns: (nullable): the file-format keyword of @value, or %NULL when
 *   @value is not one of the type's values
 */
const char *
cjm_enum_to_nick (GType enum_type,
                  int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GEnumValue *ev = g_enum_get_value (klass, value);

  return ev != NULL ? ev->value_nick : NULL;
}

/**
 * cjm_enum_from_nick:
 * @enum_type: a registered enum type
 * @nick: a file-format keyword
 * @value: (out): where to store the value
 *
 * Returns: %TRUE if @nick is a keyword of @enum_type; the empty nick of an
 *   "unset" value never matches, so files cannot spell it
 */
gboolean
cjm_enum_from_nick (GType       enum_type,
                    const char *nick,
                    int        *value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *ev;

  if (nick == NULL || *nick == '\0')
    return FALSE;

  klass = g_type_class_ref (enum_type);
  ev = g_enum_get_value_by_nick (klass, nick);
  if (ev == NULL)
    return FALSE;

  *value = ev->value;
  return TRUE;
}

/**
 * cjm_enum_to_label:
 * @enum_type: a registered enum or flags type
 * @value: one of its values (a single flag for flags types)
 *
 * Returns: the translated, human-readable name of @value
 */
const char *
cjm_enum_to_label (GType enum_type,
                   int   value)
{
  if (G_TYPE_IS_FLAGS (enum_type))
    {
      g_autoptr(GFlagsClass) klass = g_type_class_ref (enum_type);
      GFlagsValue *fv = g_flags_get_first_value (klass, (guint) value);

      return fv != NULL ? _(fv->value_name) : "";
    }
  else
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
      GEnumValue *ev = g_enum_get_value (klass, value);

      return ev != NULL ? _(ev->value_name) : "";
    }
}
