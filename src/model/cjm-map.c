/* cjm-map.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cjm-map.h"

struct _CjmMap
{
  CjmEntity parent_instance;

  char *title;
  char *description;
  char *author;
  gint64 created;
  gint64 modified;
  char *review_due;
  char *language;
  int scale_min;
  int scale_max;
  GPtrArray *scale_labels;
};

G_DEFINE_FINAL_TYPE (CjmMap, cjm_map, CJM_TYPE_ENTITY)

static const CjmField fields[] = {
  { "title", CJM_FIELD_STRING, CJM_FIELD_ELEMENT, CJM_FIELD_REQUIRED,
    CJM_FIELD_OFFSET (CjmMap, title), NULL, 0, 0, 0 },
  { "description", CJM_FIELD_TEXT, CJM_FIELD_ELEMENT, 0,
    CJM_FIELD_OFFSET (CjmMap, description), NULL, 0, 0, 0 },
  { "author", CJM_FIELD_STRING, CJM_FIELD_ELEMENT, 0,
    CJM_FIELD_OFFSET (CjmMap, author), NULL, 0, 0, 0 },
  { "created", CJM_FIELD_TIMESTAMP, CJM_FIELD_ELEMENT, 0,
    CJM_FIELD_OFFSET (CjmMap, created), NULL, 0, 0, 0 },
  { "modified", CJM_FIELD_TIMESTAMP, CJM_FIELD_ELEMENT, 0,
    CJM_FIELD_OFFSET (CjmMap, modified), NULL, 0, 0, 0 },
  { "review-due", CJM_FIELD_DATE, CJM_FIELD_ELEMENT, 0,
    CJM_FIELD_OFFSET (CjmMap, review_due), NULL, 0, 0, 0 },
  { "language", CJM_FIELD_STRING, CJM_FIELD_CUSTOM, 0,
    CJM_FIELD_OFFSET (CjmMap, language), NULL, 0, 0, 0 },
  { "scale-min", CJM_FIELD_INT, CJM_FIELD_CUSTOM, 0,
    CJM_FIELD_OFFSET (CjmMap, scale_min), NULL, -10, 10, -2 },
  { "scale-max", CJM_FIELD_INT, CJM_FIELD_CUSTOM, 0,
    CJM_FIELD_OFFSET (CjmMap, scale_max), NULL, -10, 10, 2 },
  { "scale-labels", CJM_FIELD_LIST, CJM_FIELD_CUSTOM, 0,
    CJM_FIELD_OFFSET (CjmMap, scale_labels), NULL, 0, 0, 0 },
};

static void
cjm_map_class_init (CjmMapClass *klass)
{
  cjm_entity_class_install_fields (CJM_ENTITY_CLASS (klass), "journey-map",
                                   fields, G_N_ELEMENTS (fields));
}

static void
cjm_map_init (CjmMap *self)
{
}

CjmMap *
cjm_map_new (void)
{
  return g_object_new (CJM_TYPE_MAP, NULL);
}

const char *
cjm_map_get_title (CjmMap *self)
{
  g_return_val_if_fail (CJM_IS_MAP (self), NULL);

  return self->title;
}

const char *
cjm_map_get_description (CjmMap *self)
{
  g_return_val_if_fail (CJM_IS_MAP (self), NULL);

  return self->description;
}

const char *
cjm_map_get_author (CjmMap *self)
{
  g_return_val_if_fail (CJM_IS_MAP (self), NULL);

  return self->author;
}

gint64
cjm_map_get_created (CjmMap *self)
{
  g_return_val_if_fail (CJM_IS_MAP (self), 0);

  return self->created;
}

gint64
cjm_map_get_modified (CjmMap *self)
{
  g_return_val_if_fail (CJM_IS_MAP (self), 0);

  return self->modified;
}

const char *
cjm_map_get_review_due (CjmMap *self)
{
  g_return_val_if_fail (CJM_IS_MAP (self), NULL);

  return self->review_due;
}

const char *
cjm_map_get_language (CjmMap *self)
{
  g_return_val_if_fail (CJM_IS_MAP (self), NULL);

  return self->language;
}

int
cjm_map_get_scale_min (CjmMap *self)
{
  g_return_val_if_fail (CJM_IS_MAP (self), 0);

  return self->scale_min;
}

int
cjm_map_get_scale_max (CjmMap *self)
{
  g_return_val_if_fail (CJM_IS_MAP (self), 0);

  return self->scale_max;
}

GPtrArray *
cjm_map_get_scale_labels (CjmMap *self)
{
  g_return_val_if_fail (CJM_IS_MAP (self), NULL);

  return self->scale_labels;
}
