/* cjm-group-command.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cjm-group-command.h"

/* Several commands that the user sees as one step: a drag of many items,
 * a deletion with everything that depended on the deleted item. */
struct _CjmGroupCommand
{
  CjmCommand  parent_instance;

  GPtrArray  *children;
};

G_DEFINE_FINAL_TYPE (CjmGroupCommand, cjm_group_command, CJM_TYPE_COMMAND)

static void
cjm_group_command_apply (CjmCommand  *command,
                         CjmDocument *document)
{
  CjmGroupCommand *self = CJM_GROUP_COMMAND (command);

  for (guint i = 0; i < self->children->len; i++)
    cjm_command_apply (g_ptr_array_index (self->children, i), document);
}

static void
cjm_group_command_revert (CjmCommand  *command,
                          CjmDocument *document)
{
  CjmGroupCommand *self = CJM_GROUP_COMMAND (command);

  for (guint i = self->children->len; i > 0; i--)
    cjm_command_revert (g_ptr_array_index (self->children, i - 1), document);
}

static void
cjm_group_command_finalize (GObject *object)
{
  CjmGroupCommand *self = CJM_GROUP_COMMAND (object);

  g_clear_pointer (&self->children, g_ptr_array_unref);

  G_OBJECT_CLASS (cjm_group_command_parent_class)->finalize (object);
}

static void
cjm_group_command_class_init (CjmGroupCommandClass *klass)
{
  CjmCommandClass *command_class = CJM_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = cjm_group_command_finalize;
  command_class->apply = cjm_group_command_apply;
  command_class->revert = cjm_group_command_revert;
}

static void
cjm_group_command_init (CjmGroupCommand *self)
{
  self->children = g_ptr_array_new_with_free_func (g_object_unref);
}

CjmCommand *
cjm_group_command_new (const char *label)
{
  CjmCommand *self = g_object_new (CJM_TYPE_GROUP_COMMAND, NULL);

  cjm_command_set_label (self, label);
  return self;
}

/**
 * cjm_group_command_add:
 * @self: a group
 * @command: (transfer full): a command that has already been applied
 */
void
cjm_group_command_add (CjmGroupCommand *self,
                       CjmCommand      *command)
{
  g_return_if_fail (CJM_IS_GROUP_COMMAND (self));
  g_return_if_fail (CJM_IS_COMMAND (command));

  g_ptr_array_add (self->children, command);
}

guint
cjm_group_command_get_length (CjmGroupCommand *self)
{
  g_return_val_if_fail (CJM_IS_GROUP_COMMAND (self), 0);

  return self->children->len;
}
