/* cjm-action.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cjm-action.h"

struct _CjmAction
{
  CjmEntity parent_instance;

  char *owner;
  CjmPriority priority;
  CjmStatus status;
  char *due;
  char **addresses;
  char *title;
  char *description;
};

G_DEFINE_FINAL_TYPE (CjmAction, cjm_action, CJM_TYPE_ENTITY)

static const CjmField fields[] = {
  { "owner", CJM_FIELD_STRING, CJM_FIELD_ATTRIBUTE, 0,
    CJM_FIELD_OFFSET (CjmAction, owner), NULL, 0, 0, 0 },
  { "priority", CJM_FIELD_ENUM, CJM_FIELD_ATTRIBUTE, 0,
    CJM_FIELD_OFFSET (CjmAction, priority), cjm_priority_get_type, 0, 0, CJM_PRIORITY_UNSET },
  { "status", CJM_FIELD_ENUM, CJM_FIELD_ATTRIBUTE, 0,
    CJM_FIELD_OFFSET (CjmAction, status), cjm_status_get_type, 0, 0, CJM_STATUS_PROPOSED },
  { "due", CJM_FIELD_DATE, CJM_FIELD_ATTRIBUTE, 0,
    CJM_FIELD_OFFSET (CjmAction, due), NULL, 0, 0, 0 },
  { "addresses", CJM_FIELD_REFS, CJM_FIELD_ATTRIBUTE, 0,
    CJM_FIELD_OFFSET (CjmAction, addresses), cjm_entity_get_type, 0, 0, 0 },
  { "title", CJM_FIELD_STRING, CJM_FIELD_ELEMENT, CJM_FIELD_REQUIRED,
    CJM_FIELD_OFFSET (CjmAction, title), NULL, 0, 0, 0 },
  { "description", CJM_FIELD_TEXT, CJM_FIELD_ELEMENT, 0,
    CJM_FIELD_OFFSET (CjmAction, description), NULL, 0, 0, 0 },
};

static void
cjm_action_class_init (CjmActionClass *klass)
{
  cjm_entity_class_install_fields (CJM_ENTITY_CLASS (klass), "action",
                                   fields, G_N_ELEMENTS (fields));
}

static void
cjm_action_init (CjmAction *self)
{
}

CjmAction *
cjm_action_new (const char *id)
{
  return g_object_new (CJM_TYPE_ACTION, "id", id, NULL);
}

const char *
cjm_action_get_owner (CjmAction *self)
{
  g_return_val_if_fail (CJM_IS_ACTION (self), NULL);

  return self->owner;
}

CjmPriority
cjm_action_get_priority (CjmAction *self)
{
  g_return_val_if_fail (CJM_IS_ACTION (self), 0);

  return self->priority;
}

CjmStatus
cjm_action_get_status (CjmAction *self)
{
  g_return_val_if_fail (CJM_IS_ACTION (self), 0);

  return self->status;
}

const char *
cjm_action_get_due (CjmAction *self)
{
  g_return_val_if_fail (CJM_IS_ACTION (self), NULL);

  return self->due;
}

const char * const *
cjm_action_get_addresses (CjmAction *self)
{
  g_return_val_if_fail (CJM_IS_ACTION (self), NULL);

  return (const char * const *) self->addresses;
}

const char *
cjm_action_get_title (CjmAction *self)
{
  g_return_val_if_fail (CJM_IS_ACTION (self), NULL);

  return self->title;
}

const char *
cjm_action_get_description (CjmAction *self)
{
  g_return_val_if_fail (CJM_IS_ACTION (self), NULL);

  return self->description;
}
