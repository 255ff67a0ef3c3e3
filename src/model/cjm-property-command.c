/* cjm-property-command.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cjm-document-private.h"
#include "cjm-property-command.h"

/* Changes one field of one entity, remembering the old value. */
struct _CjmPropertyCommand
{
  CjmCommand  parent_instance;

  CjmEntity  *target;
  GParamSpec *pspec;
  GValue      old_value;
  GValue      new_value;
  gboolean    mergeable;
};

G_DEFINE_FINAL_TYPE (CjmPropertyCommand, cjm_property_command, CJM_TYPE_COMMAND)

static void
set_and_emit (CjmPropertyCommand *self,
              CjmDocument        *document,
              const GValue       *value)
{
  g_object_set_property (G_OBJECT (self->target), self->pspec->name, value);
  cjm_document_emit_changed (document, CJM_CHANGE_FIELD, self->target, self->pspec->name);
}

static void
cjm_property_command_apply (CjmCommand  *command,
                            CjmDocument *document)
{
  CjmPropertyCommand *self = CJM_PROPERTY_COMMAND (command);

  set_and_emit (self, document, &self->new_value);
}

static void
cjm_property_command_revert (CjmCommand  *command,
                             CjmDocument *document)
{
  CjmPropertyCommand *self = CJM_PROPERTY_COMMAND (command);

  set_and_emit (self, document, &self->old_value);
}

static gboolean
cjm_property_command_merge (CjmCommand *command,
                            CjmCommand *next_command)
{
  CjmPropertyCommand *self = CJM_PROPERTY_COMMAND (command);
  CjmPropertyCommand *next = CJM_PROPERTY_COMMAND (next_command);

  if (!self->mergeable || !next->mergeable
      || self->target != next->target || self->pspec != next->pspec)
    return FALSE;

  g_value_reset (&self->new_value);
  g_value_copy (&next->new_value, &self->new_value);
  return TRUE;
}

static void
cjm_property_command_finalize (GObject *object)
{
  CjmPropertyCommand *self = CJM_PROPERTY_COMMAND (object);

  g_value_unset (&self->old_value);
  g_value_unset (&self->new_value);
  g_clear_object (&self->target);

  G_OBJECT_CLASS (cjm_property_command_parent_class)->finalize (object);
}

static void
cjm_property_command_class_init (CjmPropertyCommandClass *klass)
{
  CjmCommandClass *command_class = CJM_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = cjm_property_command_finalize;
  command_class->apply = cjm_property_command_apply;
  command_class->revert = cjm_property_command_revert;
  command_class->merge = cjm_property_command_merge;
}

static void
cjm_property_command_init (CjmPropertyCommand *self)
{
}

/**
 * cjm_property_command_new:
 * @target: the entity to change
 * @pspec: the property of @target to change
 * @value: the new value
 * @mergeable: whether a following change of the same field joins this step
 *
 * Returns: (transfer full): a command that sets @pspec to @value; the old
 *   value is read now
 */
CjmCommand *
cjm_property_command_new (CjmEntity    *target,
                          GParamSpec   *pspec,
                          const GValue *value,
                          gboolean      mergeable)
{
  CjmPropertyCommand *self = g_object_new (CJM_TYPE_PROPERTY_COMMAND, NULL);

  self->target = g_object_ref (target);
  self->pspec = pspec;
  self->mergeable = mergeable;
  g_value_init (&self->old_value, pspec->value_type);
  g_object_get_property (G_OBJECT (target), pspec->name, &self->old_value);
  g_value_init (&self->new_value, pspec->value_type);
  g_value_copy (value, &self->new_value);

  return CJM_COMMAND (self);
}
