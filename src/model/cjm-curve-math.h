/* cjm-curve-math.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double x;
  double y;
} CjmPoint;

guint cjm_curve_simplify          (const CjmPoint *points,
                                   guint           n_points,
                                   double          tolerance,
                                   gboolean       *keep);
void  cjm_curve_monotone_controls (const CjmPoint *points,
                                   guint           n_points,
                                   CjmPoint       *controls);
void  cjm_curve_bezier_point      (const CjmPoint *p0,
                                   const CjmPoint *c1,
                                   const CjmPoint *c2,
                                   const CjmPoint *p1,
                                   double          t,
                                   CjmPoint       *out);

G_END_DECLS
