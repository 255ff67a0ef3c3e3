/* cjm-history.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cjm-group-command.h"
#include "cjm-history.h"

/* Undo and redo stacks without a limit. Every step carries a serial number
 * that identifies the document state it leads to; the saved and autosaved
 * markers are such serials, so "modified" is derived and never goes out of
 * step with the stacks. */
struct _CjmHistory
{
  GObject     parent_instance;

  GPtrArray  *undo;          /* CjmCommand, oldest first */
  GArray     *undo_serials;  /* guint64 beside each */
  GPtrArray  *redo;          /* CjmCommand, next to redo last */
  GArray     *redo_serials;
  GPtrArray  *open_groups;   /* CjmGroupCommand being built, innermost last */

  guint64     next_serial;
  guint64     saved_serial;
  guint64     autosaved_serial;

  /* last notified values, so notify fires only on change */
  gboolean    can_undo;
  gboolean    can_redo;
  gboolean    modified;
};

G_DEFINE_FINAL_TYPE (CjmHistory, cjm_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_MODIFIED,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

guint64
cjm_history_get_state (CjmHistory *self)
{
  g_return_val_if_fail (CJM_IS_HISTORY (self), 0);

  if (self->undo_serials->len == 0)
    return 0;
  return g_array_index (self->undo_serials, guint64, self->undo_serials->len - 1);
}

static void
update (CjmHistory *self)
{
  gboolean can_undo = cjm_history_get_can_undo (self);
  gboolean can_redo = cjm_history_get_can_redo (self);
  gboolean modified = cjm_history_get_modified (self);

  g_object_freeze_notify (G_OBJECT (self));
  if (can_undo != self->can_undo)
    {
      self->can_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (can_redo != self->can_redo)
    {
      self->can_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
  if (modified != self->modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
cjm_history_finalize (GObject *object)
{
  CjmHistory *self = CJM_HISTORY (object);

  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->undo_serials, g_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->redo_serials, g_array_unref);
  g_clear_pointer (&self->open_groups, g_ptr_array_unref);

  G_OBJECT_CLASS (cjm_history_parent_class)->finalize (object);
}

static void
cjm_history_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CjmHistory *self = CJM_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, cjm_history_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, cjm_history_get_can_redo (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, cjm_history_get_modified (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, cjm_history_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, cjm_history_get_redo_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cjm_history_class_init (CjmHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cjm_history_finalize;
  object_class->get_property = cjm_history_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cjm_history_init (CjmHistory *self)
{
  self->undo = g_ptr_array_new_with_free_func (g_object_unref);
  self->undo_serials = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->redo = g_ptr_array_new_with_free_func (g_object_unref);
  self->redo_serials = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->open_groups = g_ptr_array_new_with_free_func (g_object_unref);
  self->next_serial = 1;
}

CjmHistory *
cjm_history_new (void)
{
  return g_object_new (CJM_TYPE_HISTORY, NULL);
}

/**
 * cjm_history_push:
 * @self: a history
 * @command: (transfer full): a command that has just been applied
 *
 * Records @command as the newest step, or as part of the open group. It
 * merges into the previous step when both allow it and the document has not
 * been saved in between. Redo is no longer possible afterwards.
 */
void
cjm_history_push (CjmHistory *self,
                  CjmCommand *command)
{
  guint64 serial;

  g_return_if_fail (CJM_IS_HISTORY (self));
  g_return_if_fail (CJM_IS_COMMAND (command));

  if (self->open_groups->len > 0)
    {
      cjm_group_command_add (g_ptr_array_index (self->open_groups, self->open_groups->len - 1),
                             command);
      return;
    }

  g_ptr_array_set_size (self->redo, 0);
  g_array_set_size (self->redo_serials, 0);

  serial = self->next_serial++;
  if (self->undo->len > 0
      && cjm_history_get_state (self) != self->saved_serial
      && cjm_command_merge (g_ptr_array_index (self->undo, self->undo->len - 1), command))
    {
      g_object_unref (command);
      g_array_index (self->undo_serials, guint64, self->undo_serials->len - 1) = serial;
    }
  else
    {
      g_ptr_array_add (self->undo, command);
      g_array_append_val (self->undo_serials, serial);
    }

  update (self);
}

gboolean
cjm_history_undo (CjmHistory  *self,
                  CjmDocument *document)
{
  CjmCommand *command;
  guint64 serial;

  g_return_val_if_fail (CJM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (self->open_groups->len == 0, FALSE);

  if (self->undo->len == 0)
    return FALSE;

  command = g_ptr_array_steal_index (self->undo, self->undo->len - 1);
  serial = g_array_index (self->undo_serials, guint64, self->undo_serials->len - 1);
  g_array_set_size (self->undo_serials, self->undo_serials->len - 1);

  cjm_command_revert (command, document);

  g_ptr_array_add (self->redo, command);
  g_array_append_val (self->redo_serials, serial);
  update (self);
  return TRUE;
}

gboolean
cjm_history_redo (CjmHistory  *self,
                  CjmDocument *document)
{
  CjmCommand *command;
  guint64 serial;

  g_return_val_if_fail (CJM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (self->open_groups->len == 0, FALSE);

  if (self->redo->len == 0)
    return FALSE;

  command = g_ptr_array_steal_index (self->redo, self->redo->len - 1);
  serial = g_array_index (self->redo_serials, guint64, self->redo_serials->len - 1);
  g_array_set_size (self->redo_serials, self->redo_serials->len - 1);

  cjm_command_apply (command, document);

  g_ptr_array_add (self->undo, command);
  g_array_append_val (self->undo_serials, serial);
  update (self);
  return TRUE;
}

/**
 * cjm_history_begin_group:
 * @self: a history
 * @label: what the whole group does, translated
 *
 * Starts collecting commands into one step; groups nest. Every call must be
 * matched by cjm_history_end_group().
 */
void
cjm_history_begin_group (CjmHistory *self,
                         const char *label)
{
  g_return_if_fail (CJM_IS_HISTORY (self));

  g_ptr_array_add (self->open_groups, cjm_group_command_new (label));
}

void
cjm_history_end_group (CjmHistory *self)
{
  CjmCommand *group;

  g_return_if_fail (CJM_IS_HISTORY (self));
  g_return_if_fail (self->open_groups->len > 0);

  group = g_ptr_array_steal_index (self->open_groups, self->open_groups->len - 1);
  if (cjm_group_command_get_length (CJM_GROUP_COMMAND (group)) == 0)
    g_object_unref (group);
  else
    cjm_history_push (self, group);
}

gboolean
cjm_history_in_group (CjmHistory *self)
{
  g_return_val_if_fail (CJM_IS_HISTORY (self), FALSE);

  return self->open_groups->len > 0;
}

gboolean
cjm_history_get_can_undo (CjmHistory *self)
{
  g_return_val_if_fail (CJM_IS_HISTORY (self), FALSE);

  return self->undo->len > 0;
}

gboolean
cjm_history_get_can_redo (CjmHistory *self)
{
  g_return_val_if_fail (CJM_IS_HISTORY (self), FALSE);

  return self->redo->len > 0;
}

const char *
cjm_history_get_undo_label (CjmHistory *self)
{
  g_return_val_if_fail (CJM_IS_HISTORY (self), NULL);

  if (self->undo->len == 0)
    return NULL;
  return cjm_command_get_label (g_ptr_array_index (self->undo, self->undo->len - 1));
}

const char *
cjm_history_get_redo_label (CjmHistory *self)
{
  g_return_val_if_fail (CJM_IS_HISTORY (self), NULL);

  if (self->redo->len == 0)
    return NULL;
  return cjm_command_get_label (g_ptr_array_index (self->redo, self->redo->len - 1));
}

/**
 * cjm_history_get_modified:
 *
 * Returns: whether the document differs from its last saved state
 */
gboolean
cjm_history_get_modified (CjmHistory *self)
{
  g_return_val_if_fail (CJM_IS_HISTORY (self), FALSE);

  return cjm_history_get_state (self) != self->saved_serial;
}

/**
 * cjm_history_get_needs_autosave:
 *
 * Returns: whether the document differs from the last draft written of it
 */
gboolean
cjm_history_get_needs_autosave (CjmHistory *self)
{
  g_return_val_if_fail (CJM_IS_HISTORY (self), FALSE);

  return cjm_history_get_state (self) != self->autosaved_serial;
}

void
cjm_history_mark_saved (CjmHistory *self)
{
  g_return_if_fail (CJM_IS_HISTORY (self));

  self->saved_serial = cjm_history_get_state (self);
  self->autosaved_serial = self->saved_serial;
  update (self);
}

void
cjm_history_mark_autosaved (CjmHistory *self)
{
  g_return_if_fail (CJM_IS_HISTORY (self));

  self->autosaved_serial = cjm_history_get_state (self);
}

/**
 * cjm_history_mark_unsaved:
 *
 * Declares that no state in the history matches a file, as for a map
 * recovered from a draft: it stays modified until saved.
 */
void
cjm_history_mark_unsaved (CjmHistory *self)
{
  g_return_if_fail (CJM_IS_HISTORY (self));

  self->saved_serial = G_MAXUINT64;
  update (self);
}
