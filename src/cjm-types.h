/* cjm-types.h
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

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _CjmDocument   CjmDocument;
typedef struct _CjmEntity     CjmEntity;
typedef struct _CjmMap        CjmMap;
typedef struct _CjmPersona    CjmPersona;
typedef struct _CjmChannel    CjmChannel;
typedef struct _CjmPhase      CjmPhase;
typedef struct _CjmLane       CjmLane;
typedef struct _CjmTouchpoint CjmTouchpoint;
typedef struct _CjmCard       CjmCard;
typedef struct _CjmTransition CjmTransition;
typedef struct _CjmCurve      CjmCurve;
typedef struct _CjmAction     CjmAction;
typedef struct _CjmCommand    CjmCommand;
typedef struct _CjmHistory    CjmHistory;

/* The nick of every enum value is its keyword in the .cjm format. */

typedef enum
{
  CJM_LANE_TOUCHPOINTS,
  CJM_LANE_ACTIONS,
  CJM_LANE_THOUGHTS,
  CJM_LANE_EMOTION,
  CJM_LANE_PAIN_POINTS,
  CJM_LANE_OPPORTUNITIES,
  CJM_LANE_BACKSTAGE,
  CJM_LANE_METRICS,
  CJM_LANE_NOTES,
} CjmLaneKind;

typedef enum
{
  CJM_CHANNEL_GROUP_DIGITAL,
  CJM_CHANNEL_GROUP_PHYSICAL,
  CJM_CHANNEL_GROUP_TELEPHONE,
  CJM_CHANNEL_GROUP_OTHER,
} CjmChannelGroup;

typedef enum
{
  CJM_IMPORTANCE_UNSET,
  CJM_IMPORTANCE_CRITICAL,
  CJM_IMPORTANCE_SUPPLEMENTARY,
  CJM_IMPORTANCE_SUPERFLUOUS,
} CjmImportance;

typedef enum
{
  CJM_EVIDENCE_UNSET,
  CJM_EVIDENCE_OBSERVED,
  CJM_EVIDENCE_ASSUMED,
  CJM_EVIDENCE_PROPOSED,
} CjmEvidence;

typedef enum
{
  CJM_METRIC_SATISFACTION,
  CJM_METRIC_NPS,
  CJM_METRIC_CES,
  CJM_METRIC_CONVERSION,
  CJM_METRIC_RETENTION,
  CJM_METRIC_CHURN,
  CJM_METRIC_CLV,
  CJM_METRIC_CPA,
  CJM_METRIC_CUSTOM,
} CjmMetricKind;

typedef enum
{
  CJM_CURVE_AS_IS,
  CJM_CURVE_TO_BE,
} CjmCurveVariant;

typedef enum
{
  CJM_CONFIDENCE_UNSET,
  CJM_CONFIDENCE_LOW,
  CJM_CONFIDENCE_MEDIUM,
  CJM_CONFIDENCE_HIGH,
} CjmConfidence;

typedef enum
{
  CJM_PRIORITY_UNSET,
  CJM_PRIORITY_HIGH,
  CJM_PRIORITY_MEDIUM,
  CJM_PRIORITY_LOW,
} CjmPriority;

typedef enum
{
  CJM_STATUS_PROPOSED,
  CJM_STATUS_PLANNED,
  CJM_STATUS_IN_PROGRESS,
  CJM_STATUS_DONE,
  CJM_STATUS_DROPPED,
} CjmStatus;

typedef enum /*< flags >*/
{
  CJM_IRRITATION_NONE           = 0,
  CJM_IRRITATION_NO_HANDOVER    = 1 << 0,
  CJM_IRRITATION_LONG_WAIT      = 1 << 1,
  CJM_IRRITATION_DEVICE_SWITCH  = 1 << 2,
  CJM_IRRITATION_CHANNEL_SWITCH = 1 << 3,
} CjmIrritations;

/* An unset optional whole number (an unrated emotion, an unknown sample). */
#define CJM_UNSET_INT G_MININT
/* An unset optional colour. */
#define CJM_UNSET_COLOR G_MAXUINT

#define CJM_TYPE_LANE_KIND     (cjm_lane_kind_get_type ())
#define CJM_TYPE_CHANNEL_GROUP (cjm_channel_group_get_type ())
#define CJM_TYPE_IMPORTANCE    (cjm_importance_get_type ())
#define CJM_TYPE_EVIDENCE      (cjm_evidence_get_type ())
#define CJM_TYPE_METRIC_KIND   (cjm_metric_kind_get_type ())
#define CJM_TYPE_CURVE_VARIANT (cjm_curve_variant_get_type ())
#define CJM_TYPE_CONFIDENCE    (cjm_confidence_get_type ())
#define CJM_TYPE_PRIORITY      (cjm_priority_get_type ())
#define CJM_TYPE_STATUS        (cjm_status_get_type ())
#define CJM_TYPE_IRRITATIONS   (cjm_irritations_get_type ())

GType cjm_lane_kind_get_type     (void) G_GNUC_CONST;
GType cjm_channel_group_get_type (void) G_GNUC_CONST;
GType cjm_importance_get_type    (void) G_GNUC_CONST;
GType cjm_evidence_get_type      (void) G_GNUC_CONST;
GType cjm_metric_kind_get_type   (void) G_GNUC_CONST;
GType cjm_curve_variant_get_type (void) G_GNUC_CONST;
GType cjm_confidence_get_type    (void) G_GNUC_CONST;
GType cjm_priority_get_type      (void) G_GNUC_CONST;
GType cjm_status_get_type        (void) G_GNUC_CONST;
GType cjm_irritations_get_type   (void) G_GNUC_CONST;

const char *cjm_enum_to_nick   (GType        enum_type,
                                int          value);
gboolean    cjm_enum_from_nick (GType        enum_type,
                                const char  *nick,
                                int         *value);
const char *cjm_enum_to_label  (GType        enum_type,
                                int          value);

G_END_DECLS
