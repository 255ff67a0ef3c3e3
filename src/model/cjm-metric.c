/* cjm-metric.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cjm-metric.h"

G_DEFINE_BOXED_TYPE (CjmMetric, cjm_metric, cjm_metric_copy, cjm_metric_free)

CjmMetric *
cjm_metric_new (CjmMetricKind kind,
                double        value)
{
  CjmMetric *self = g_new0 (CjmMetric, 1);

  self->kind = kind;
  self->value = value;
  self->sample = CJM_UNSET_INT;
  return self;
}

CjmMetric *
cjm_metric_copy (const CjmMetric *self)
{
  CjmMetric *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->name = g_strdup (self->name);
  copy->unit = g_strdup (self->unit);
  return copy;
}

void
cjm_metric_free (CjmMetric *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->unit);
  g_free (self);
}

gboolean
cjm_metric_equal (const CjmMetric *a,
                  const CjmMetric *b)
{
  return a->kind == b->kind && a->value == b->value && a->sample == b->sample
         && g_strcmp0 (a->name, b->name) == 0 && g_strcmp0 (a->unit, b->unit) == 0;
}
