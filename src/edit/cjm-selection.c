/* cjm-selection.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cjm-selection.h"

/* What the user has selected in one window: shared by the canvas, the
 * inspector and the outline, so they always agree. Entities that leave the
 * document (deleted, or undone away) leave the selection too. */
struct _CjmSelection
{
  GObject      parent_instance;

  CjmDocument *document;
  GPtrArray   *entities;   /* in selection order; the last is the primary */
  GHashTable  *set;
};

G_DEFINE_FINAL_TYPE (CjmSelection, cjm_selection, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (CjmSelection *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_document_changed (CjmSelection *self,
                     guint         kind,
                     CjmEntity    *entity,
                     const char   *field)
{
  if (kind == CJM_CHANGE_REMOVED && g_hash_table_contains (self->set, entity))
    {
      g_hash_table_remove (self->set, entity);
      g_ptr_array_remove (self->entities, entity);
      emit_changed (self);
    }
}

static void
cjm_selection_dispose (GObject *object)
{
  CjmSelection *self = CJM_SELECTION (object);

  g_clear_pointer (&self->set, g_hash_table_unref);
  g_clear_pointer (&self->entities, g_ptr_array_unref);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (cjm_selection_parent_class)->dispose (object);
}

static void
cjm_selection_class_init (CjmSelectionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cjm_selection_dispose;

  /**
   * CjmSelection::changed:
   *
   * Emitted whenever the set of selected entities changes.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cjm_selection_init (CjmSelection *self)
{
  self->entities = g_ptr_array_new_with_free_func (g_object_unref);
  self->set = g_hash_table_new (NULL, NULL);
}

CjmSelection *
cjm_selection_new (CjmDocument *document)
{
  CjmSelection *self;

  g_return_val_if_fail (CJM_IS_DOCUMENT (document), NULL);

  self = g_object_new (CJM_TYPE_SELECTION, NULL);
  self->document = g_object_ref (document);
  g_signal_connect_object (document, "changed", G_CALLBACK (on_document_changed), self,
                           G_CONNECT_SWAPPED);
  return self;
}

CjmDocument *
cjm_selection_get_document (CjmSelection *self)
{
  g_return_val_if_fail (CJM_IS_SELECTION (self), NULL);

  return self->document;
}

gboolean
cjm_selection_contains (CjmSelection *self,
                        CjmEntity    *entity)
{
  g_return_val_if_fail (CJM_IS_SELECTION (self), FALSE);

  return entity != NULL && g_hash_table_contains (self->set, entity);
}

guint
cjm_selection_get_count (CjmSelection *self)
{
  g_return_val_if_fail (CJM_IS_SELECTION (self), 0);

  return self->entities->len;
}

/**
 * cjm_selection_get_entities:
 *
 * Returns: (transfer none) (element-type CjmEntity): the selected entities,
 *   in the order they were selected
 */
GPtrArray *
cjm_selection_get_entities (CjmSelection *self)
{
  g_return_val_if_fail (CJM_IS_SELECTION (self), NULL);

  return self->entities;
}

/**
 * cjm_selection_get_set:
 *
 * Returns: (transfer none): the selected entities as a set, for drawing
 */
GHashTable *
cjm_selection_get_set (CjmSelection *self)
{
  g_return_val_if_fail (CJM_IS_SELECTION (self), NULL);

  return self->set;
}

/**
 * cjm_selection_get_primary:
 *
 * Returns: (nullable) (transfer none): the entity selected last, which the
 *   inspector shows
 */
CjmEntity *
cjm_selection_get_primary (CjmSelection *self)
{
  g_return_val_if_fail (CJM_IS_SELECTION (self), NULL);

  return self->entities->len > 0 ? g_ptr_array_index (self->entities, self->entities->len - 1)
                                 : NULL;
}

static gboolean
add (CjmSelection *self,
     CjmEntity    *entity)
{
  if (entity == NULL || g_hash_table_contains (self->set, entity))
    return FALSE;
  g_hash_table_add (self->set, entity);
  g_ptr_array_add (self->entities, g_object_ref (entity));
  return TRUE;
}

static gboolean
clear (CjmSelection *self)
{
  if (self->entities->len == 0)
    return FALSE;
  g_hash_table_remove_all (self->set);
  g_ptr_array_set_size (self->entities, 0);
  return TRUE;
}

void
cjm_selection_set (CjmSelection *self,
                   CjmEntity    *entity)
{
  g_return_if_fail (CJM_IS_SELECTION (self));

  if (entity != NULL && self->entities->len == 1 && g_ptr_array_index (self->entities, 0) == entity)
    return;
  clear (self);
  add (self, entity);
  emit_changed (self);
}

void
cjm_selection_set_many (CjmSelection *self,
                        CjmEntity   **entities,
                        guint         n_entities)
{
  g_return_if_fail (CJM_IS_SELECTION (self));

  clear (self);
  for (guint i = 0; i < n_entities; i++)
    add (self, entities[i]);
  emit_changed (self);
}

void
cjm_selection_add (CjmSelection *self,
                   CjmEntity    *entity)
{
  g_return_if_fail (CJM_IS_SELECTION (self));

  if (add (self, entity))
    emit_changed (self);
}

void
cjm_selection_toggle (CjmSelection *self,
                      CjmEntity    *entity)
{
  g_return_if_fail (CJM_IS_SELECTION (self));
  g_return_if_fail (CJM_IS_ENTITY (entity));

  if (g_hash_table_remove (self->set, entity))
    g_ptr_array_remove (self->entities, entity);
  else
    add (self, entity);
  emit_changed (self);
}

void
cjm_selection_clear (CjmSelection *self)
{
  g_return_if_fail (CJM_IS_SELECTION (self));

  if (clear (self))
    emit_changed (self);
}
