/* cjm-curve-math.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "cjm-curve-math.h"

static double
distance_to_segment (const CjmPoint *p,
                     const CjmPoint *a,
                     const CjmPoint *b)
{
  double dx = b->x - a->x;
  double dy = b->y - a->y;
  double length2 = dx * dx + dy * dy;
  double t;

  if (length2 == 0)
    return hypot (p->x - a->x, p->y - a->y);
  t = CLAMP (((p->x - a->x) * dx + (p->y - a->y) * dy) / length2, 0.0, 1.0);
  return hypot (p->x - (a->x + t * dx), p->y - (a->y + t * dy));
}

/**
 * cjm_curve_simplify:
 * @points: (array length=n_points): a freehand stroke
 * @n_points: how many samples
 * @tolerance: how far, in the stroke's units, the simplified line may stray
 * @keep: (out caller-allocates) (array length=n_points): set for each
 *   sample that is kept
 *
 * Reduces a stroke to the few points that carry its shape
 * (Ramer-Douglas-Peucker), so a drawn curve becomes a handful of points a
 * person can still drag, not hundreds of mouse samples. The first and last
 * samples are always kept. Iterative, so a long stroke cannot exhaust the
 * stack.
 *
 * Returns: how many samples are kept
 */
guint
cjm_curve_simplify (const CjmPoint *points,
                    guint           n_points,
                    double          tolerance,
                    gboolean       *keep)
{
  g_autoptr(GArray) stack = NULL;
  guint kept = 0;

  for (guint i = 0; i < n_points; i++)
    keep[i] = FALSE;
  if (n_points == 0)
    return 0;

  keep[0] = keep[n_points - 1] = TRUE;
  stack = g_array_new (FALSE, FALSE, sizeof (guint));
  if (n_points > 2)
    {
      guint range[2] = { 0, n_points - 1 };

      g_array_append_vals (stack, range, 2);
    }

  while (stack->len > 0)
    {
      guint last = g_array_index (stack, guint, stack->len - 1);
      guint first = g_array_index (stack, guint, stack->len - 2);
      guint farthest = 0;
      double max_distance = -1;

      g_array_set_size (stack, stack->len - 2);
      for (guint i = first + 1; i < last; i++)
        {
          double d = distance_to_segment (&points[i], &points[first], &points[last]);

          if (d > max_distance)
            {
              max_distance = d;
              farthest = i;
            }
        }
      if (max_distance > tolerance)
        {
          guint ranges[4] = { first, farthest, farthest, last };

          keep[farthest] = TRUE;
          if (farthest - first > 1)
            g_array_append_vals (stack, ranges, 2);
          if (last - farthest > 1)
            g_array_append_vals (stack, ranges + 2, 2);
        }
    }

  for (guint i = 0; i < n_points; i++)
    kept += keep[i] ? 1 : 0;
  return kept;
}

/**
 * cjm_curve_monotone_controls:
 * @points: (array length=n_points): points with increasing x
 * @n_points: how many, at least 2
 * @controls: (out caller-allocates): room for 2 * (n_points - 1) Bézier
 *   control points, two for each segment
 *
 * Computes a smooth curve through @points that never overshoots: between
 * two points it stays between their heights (monotone cubic interpolation
 * after Fritsch and Carlson), so an emotion curve never leaves the scale.
 * Points with equal x get a vertical step.
 */
void
cjm_curve_monotone_controls (const CjmPoint *points,
                             guint           n_points,
                             CjmPoint       *controls)
{
  g_autofree double *slopes = NULL;
  g_autofree double *tangents = NULL;
  guint segments;

  g_return_if_fail (n_points >= 2);

  segments = n_points - 1;
  slopes = g_new (double, segments);
  tangents = g_new (double, n_points);

  for (guint k = 0; k < segments; k++)
    {
      double h = points[k + 1].x - points[k].x;

      slopes[k] = h > 0 ? (points[k + 1].y - points[k].y) / h : 0;
    }

  tangents[0] = slopes[0];
  tangents[n_points - 1] = slopes[segments - 1];
  for (guint k = 1; k < segments; k++)
    tangents[k] = slopes[k - 1] * slopes[k] <= 0 ? 0 : (slopes[k - 1] + slopes[k]) / 2;

  for (guint k = 0; k < segments; k++)
    {
      double a, b, s;

      if (slopes[k] == 0)
        {
          tangents[k] = tangents[k + 1] = 0;
          continue;
        }
      a = tangents[k] / slopes[k];
      b = tangents[k + 1] / slopes[k];
      /* a tangent against the slope's direction would overshoot */
      if (a < 0)
        tangents[k] = a = 0;
      if (b < 0)
        tangents[k + 1] = b = 0;
      s = a * a + b * b;
      if (s > 9)
        {
          double t = 3 / sqrt (s);

          tangents[k] = t * a * slopes[k];
          tangents[k + 1] = t * b * slopes[k];
        }
    }

  for (guint k = 0; k < segments; k++)
    {
      double h = points[k + 1].x - points[k].x;

      controls[2 * k].x = points[k].x + h / 3;
      controls[2 * k].y = points[k].y + tangents[k] * h / 3;
      controls[2 * k + 1].x = points[k + 1].x - h / 3;
      controls[2 * k + 1].y = points[k + 1].y - tangents[k + 1] * h / 3;
    }
}

void
cjm_curve_bezier_point (const CjmPoint *p0,
                        const CjmPoint *c1,
                        const CjmPoint *c2,
                        const CjmPoint *p1,
                        double          t,
                        CjmPoint       *out)
{
  double u = 1 - t;
  double a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;

  out->x = a * p0->x + b * c1->x + c * c2->x + d * p1->x;
  out->y = a * p0->y + b * c1->y + c * c2->y + d * p1->y;
}
