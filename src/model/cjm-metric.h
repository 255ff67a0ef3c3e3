/* cjm-metric.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cjm-types.h"

G_BEGIN_DECLS

/**
 * CjmMetric:
 * @kind: what is measured
 * @name: the name of a custom metric
 * @value: the measured value, finite
 * @unit: the unit ("%", "EUR", ...), or %NULL
 * @sample: respondents or events measured, or %CJM_UNSET_INT
 *
 * A measurement attached to a touchpoint.
 */
typedef struct
{
  CjmMetricKind kind;
  char         *name;
  double        value;
  char         *unit;
  int           sample;
} CjmMetric;

#define CJM_TYPE_METRIC (cjm_metric_get_type ())

GType      cjm_metric_get_type (void) G_GNUC_CONST;
CjmMetric *cjm_metric_new      (CjmMetricKind    kind,
                                double           value);
CjmMetric *cjm_metric_copy     (const CjmMetric *self);
void       cjm_metric_free     (CjmMetric       *self);
gboolean   cjm_metric_equal    (const CjmMetric *a,
                                const CjmMetric *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CjmMetric, cjm_metric_free)

G_END_DECLS
