/* cjm-command.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cjm-command.h"

typedef struct
{
  char *label;
} CjmCommandPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CjmCommand, cjm_command, G_TYPE_OBJECT)

static gboolean
cjm_command_real_merge (CjmCommand *self,
                        CjmCommand *next)
{
  return FALSE;
}

static void
cjm_command_finalize (GObject *object)
{
  CjmCommandPrivate *priv = cjm_command_get_instance_private (CJM_COMMAND (object));

  g_free (priv->label);

  G_OBJECT_CLASS (cjm_command_parent_class)->finalize (object);
}

static void
cjm_command_class_init (CjmCommandClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cjm_command_finalize;
  klass->merge = cjm_command_real_merge;
}

static void
cjm_command_init (CjmCommand *self)
{
}

/**
 * cjm_command_get_label:
 *
 * Returns: (nullable): what the command does, as shown in "Undo …", translated
 */
const char *
cjm_command_get_label (CjmCommand *self)
{
  CjmCommandPrivate *priv = cjm_command_get_instance_private (self);

  g_return_val_if_fail (CJM_IS_COMMAND (self), NULL);

  return priv->label;
}

void
cjm_command_set_label (CjmCommand *self,
                       const char *label)
{
  CjmCommandPrivate *priv = cjm_command_get_instance_private (self);

  g_return_if_fail (CJM_IS_COMMAND (self));

  g_free (priv->label);
  priv->label = g_strdup (label);
}

void
cjm_command_apply (CjmCommand  *self,
                   CjmDocument *document)
{
  g_return_if_fail (CJM_IS_COMMAND (self));

  CJM_COMMAND_GET_CLASS (self)->apply (self, document);
}

void
cjm_command_revert (CjmCommand  *self,
                    CjmDocument *document)
{
  g_return_if_fail (CJM_IS_COMMAND (self));

  CJM_COMMAND_GET_CLASS (self)->revert (self, document);
}

gboolean
cjm_command_merge (CjmCommand *self,
                   CjmCommand *next)
{
  g_return_val_if_fail (CJM_IS_COMMAND (self), FALSE);
  g_return_val_if_fail (CJM_IS_COMMAND (next), FALSE);

  if (G_OBJECT_TYPE (self) != G_OBJECT_TYPE (next))
    return FALSE;
  return CJM_COMMAND_GET_CLASS (self)->merge (self, next);
}
