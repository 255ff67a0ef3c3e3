/* cjm-interaction.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cjm-layout.h"
#include "cjm-selection.h"

G_BEGIN_DECLS

typedef enum
{
  CJM_MODIFIER_SHIFT   = 1 << 0,
  CJM_MODIFIER_CONTROL = 1 << 1,
} CjmModifiers;

typedef enum
{
  CJM_GESTURE_NONE,
  CJM_GESTURE_PENDING,       /* pressed, not yet moved far enough to drag */
  CJM_GESTURE_MOVE_ITEMS,
  CJM_GESTURE_RUBBER_BAND,
  CJM_GESTURE_STROKE,        /* drawing an emotion curve freehand */
  CJM_GESTURE_MOVE_POINT,
  CJM_GESTURE_RESIZE_PHASE,
  CJM_GESTURE_RESIZE_LANE,
  CJM_GESTURE_MOVE_PHASE,
  CJM_GESTURE_MOVE_LANE,
} CjmGesture;

typedef enum
{
  CJM_DIRECTION_LEFT,
  CJM_DIRECTION_RIGHT,
  CJM_DIRECTION_UP,
  CJM_DIRECTION_DOWN,
} CjmDirection;

#define CJM_TYPE_INTERACTION (cjm_interaction_get_type ())

G_DECLARE_FINAL_TYPE (CjmInteraction, cjm_interaction, CJM, INTERACTION, GObject)

CjmInteraction *cjm_interaction_new             (CjmSelection    *selection);
void            cjm_interaction_set_layout      (CjmInteraction  *self,
                                                 CjmLayout       *layout);
CjmLayout      *cjm_interaction_get_layout      (CjmInteraction  *self);
void            cjm_interaction_set_persona     (CjmInteraction  *self,
                                                 const char      *persona_id);
const char     *cjm_interaction_get_persona     (CjmInteraction  *self);
void            cjm_interaction_set_variant     (CjmInteraction  *self,
                                                 CjmCurveVariant  variant);
void            cjm_interaction_set_tolerance   (CjmInteraction  *self,
                                                 double           tolerance);

/* Pointer input, in map coordinates. */
void            cjm_interaction_press           (CjmInteraction  *self,
                                                 double           x,
                                                 double           y,
                                                 CjmModifiers     modifiers,
                                                 int              n_press);
void            cjm_interaction_motion          (CjmInteraction  *self,
                                                 double           x,
                                                 double           y);
void            cjm_interaction_release         (CjmInteraction  *self,
                                                 double           x,
                                                 double           y);
void            cjm_interaction_cancel          (CjmInteraction  *self);

/* A kind dragged from the palette. */
gboolean        cjm_interaction_drop_preview    (CjmInteraction  *self,
                                                 const char      *kind,
                                                 double           x,
                                                 double           y);
CjmEntity      *cjm_interaction_drop            (CjmInteraction  *self,
                                                 const char      *kind,
                                                 double           x,
                                                 double           y);
void            cjm_interaction_drop_leave      (CjmInteraction  *self);

/* The keyboard. */
gboolean        cjm_interaction_select_next     (CjmInteraction  *self,
                                                 gboolean         backwards);
gboolean        cjm_interaction_select_toward   (CjmInteraction  *self,
                                                 CjmDirection     direction);
gboolean        cjm_interaction_move_selection  (CjmInteraction  *self,
                                                 CjmDirection     direction);
gboolean        cjm_interaction_delete_selection (CjmInteraction *self);
gboolean        cjm_interaction_add_curve_point  (CjmInteraction *self,
                                                  CjmTouchpoint  *touchpoint);

/* What the canvas draws while a gesture is under way. */
CjmGesture      cjm_interaction_get_gesture     (CjmInteraction  *self);
GHashTable     *cjm_interaction_get_moving      (CjmInteraction  *self);
void            cjm_interaction_get_offset      (CjmInteraction  *self,
                                                 double          *dx,
                                                 double          *dy);
const CjmDropTarget *cjm_interaction_get_drop_target (CjmInteraction *self);
gboolean        cjm_interaction_get_rubber_band (CjmInteraction  *self,
                                                 CjmRect         *rect);
const CjmPoint *cjm_interaction_get_stroke      (CjmInteraction  *self,
                                                 guint           *n_points);
gboolean        cjm_interaction_get_guide       (CjmInteraction  *self,
                                                 CjmRect         *rect);
CjmCurve       *cjm_interaction_get_point_curve (CjmInteraction  *self,
                                                 int             *point);
const char     *cjm_interaction_get_cursor      (CjmInteraction  *self,
                                                 double           x,
                                                 double           y);

CjmEntity      *cjm_interaction_create_item     (CjmInteraction  *self,
                                                 const char      *kind,
                                                 guint            phase,
                                                 guint            lane,
                                                 guint            position);

G_END_DECLS
