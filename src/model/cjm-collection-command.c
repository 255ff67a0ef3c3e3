/* cjm-collection-command.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cjm-collection-command.h"
#include "cjm-document-private.h"

typedef enum
{
  MODE_INSERT,
  MODE_REMOVE,
  MODE_MOVE,
} Mode;

/* Adds an entity to its list in the document, removes it, or moves it
 * within the list. The command holds a reference, so a removed entity comes
 * back as the same object on undo and other commands that name it stay
 * valid. */
struct _CjmCollectionCommand
{
  CjmCommand  parent_instance;

  CjmEntity  *entity;
  Mode        mode;
  guint       index;      /* insert at, or moved to */
  guint       old_index;  /* removed from, or moved from; read on apply */
};

G_DEFINE_FINAL_TYPE (CjmCollectionCommand, cjm_collection_command, CJM_TYPE_COMMAND)

static void
cjm_collection_command_apply (CjmCommand  *command,
                              CjmDocument *document)
{
  CjmCollectionCommand *self = CJM_COLLECTION_COMMAND (command);

  switch (self->mode)
    {
    case MODE_INSERT:
      cjm_document_insert_entity (document, self->entity, self->index);
      break;
    case MODE_REMOVE:
      self->old_index = cjm_document_remove_entity (document, self->entity);
      break;
    case MODE_MOVE:
      self->old_index = cjm_document_move_entity (document, self->entity, self->index);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
cjm_collection_command_revert (CjmCommand  *command,
                               CjmDocument *document)
{
  CjmCollectionCommand *self = CJM_COLLECTION_COMMAND (command);

  switch (self->mode)
    {
    case MODE_INSERT:
      cjm_document_remove_entity (document, self->entity);
      break;
    case MODE_REMOVE:
      cjm_document_insert_entity (document, self->entity, self->old_index);
      break;
    case MODE_MOVE:
      cjm_document_move_entity (document, self->entity, self->old_index);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
cjm_collection_command_finalize (GObject *object)
{
  CjmCollectionCommand *self = CJM_COLLECTION_COMMAND (object);

  g_clear_object (&self->entity);

  G_OBJECT_CLASS (cjm_collection_command_parent_class)->finalize (object);
}

static void
cjm_collection_command_class_init (CjmCollectionCommandClass *klass)
{
  CjmCommandClass *command_class = CJM_COMMAND_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = cjm_collection_command_finalize;
  command_class->apply = cjm_collection_command_apply;
  command_class->revert = cjm_collection_command_revert;
}

static void
cjm_collection_command_init (CjmCollectionCommand *self)
{
}

static CjmCommand *
collection_command_new (CjmEntity *entity,
                        Mode       mode,
                        guint      index)
{
  CjmCollectionCommand *self = g_object_new (CJM_TYPE_COLLECTION_COMMAND, NULL);

  self->entity = g_object_ref (entity);
  self->mode = mode;
  self->index = index;
  return CJM_COMMAND (self);
}

CjmCommand *
cjm_collection_command_new_insert (CjmEntity *entity,
                                   guint      index)
{
  g_return_val_if_fail (CJM_IS_ENTITY (entity), NULL);

  return collection_command_new (entity, MODE_INSERT, index);
}

CjmCommand *
cjm_collection_command_new_remove (CjmEntity *entity)
{
  g_return_val_if_fail (CJM_IS_ENTITY (entity), NULL);

  return collection_command_new (entity, MODE_REMOVE, 0);
}

CjmCommand *
cjm_collection_command_new_move (CjmEntity *entity,
                                 guint      to_index)
{
  g_return_val_if_fail (CJM_IS_ENTITY (entity), NULL);

  return collection_command_new (entity, MODE_MOVE, to_index);
}
