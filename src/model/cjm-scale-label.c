/* cjm-scale-label.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cjm-scale-label.h"

G_DEFINE_BOXED_TYPE (CjmScaleLabel, cjm_scale_label, cjm_scale_label_copy, cjm_scale_label_free)

CjmScaleLabel *
cjm_scale_label_new (int         value,
                     const char *text)
{
  CjmScaleLabel *self = g_new0 (CjmScaleLabel, 1);

  self->value = value;
  self->text = g_strdup (text);
  return self;
}

CjmScaleLabel *
cjm_scale_label_copy (const CjmScaleLabel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return cjm_scale_label_new (self->value, self->text);
}

void
cjm_scale_label_free (CjmScaleLabel *self)
{
  if (self == NULL)
    return;
  g_free (self->text);
  g_free (self);
}
