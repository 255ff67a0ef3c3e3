/* cjm-autosave.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cjm-autosave.h"
#include "cjm-drafts.h"
#include "cjm-writer.h"

/* Writes a draft of a map a few seconds after the last edit, and at least
 * once a minute while edits keep coming, so that a crash loses seconds of
 * a workshop, not hours. The map is serialised on the main thread (a
 * copy, in milliseconds) and written and synced on a worker thread. The
 * history's autosaved marker records which state the draft holds. */

struct _CjmAutosave
{
  GObject       parent_instance;

  CjmDocument  *document;
  char         *draft_id;
  char         *uri;
  guint         delay;          /* seconds after the last edit */
  guint         timeout_id;
  gint64        pending_since;  /* monotonic µs of the first unsaved edit, or 0 */
  gboolean      writing;
  gboolean      again;          /* edits arrived while writing */
  gboolean      failed;         /* the last write failed; said once */
  gboolean      forgotten;      /* forgotten while a write was under way */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (CjmAutosave, cjm_autosave, G_TYPE_OBJECT)

enum {
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void write_draft (CjmAutosave *self);

static gboolean
on_timeout (gpointer user_data)
{
  CjmAutosave *self = user_data;

  self->timeout_id = 0;
  write_draft (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (CjmAutosave *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 waited;
  guint delay = self->delay;

  /* a change is announced before the history records it, so whether a
   * draft is needed is decided when the timer fires */
  if (self->pending_since == 0)
    self->pending_since = now;

  /* wait for a pause in the edits, but not for ever */
  waited = (now - self->pending_since) / G_USEC_PER_SEC;
  if (waited + delay > CJM_AUTOSAVE_MAX_WAIT)
    delay = waited >= CJM_AUTOSAVE_MAX_WAIT ? 0 : (guint) (CJM_AUTOSAVE_MAX_WAIT - waited);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  /* exact milliseconds: whole-second timers are batched and may fire early */
  self->timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT, delay * 1000, on_timeout,
                                         g_object_ref (self), g_object_unref);
}

static void
on_document_changed (CjmAutosave *self)
{
  schedule (self);
}

typedef struct
{
  CjmAutosave *self;
  guint64      state;
} WriteData;

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  WriteData *data = user_data;
  g_autoptr(CjmAutosave) self = data->self;
  g_autoptr(GError) error = NULL;
  CjmHistory *history;

  self->writing = FALSE;
  if (self->forgotten)
    {
      /* the map was saved or discarded meanwhile: this draft is stale */
      self->forgotten = FALSE;
      cjm_drafts_remove (self->draft_id);
      g_free (data);
      return;
    }
  if (!cjm_drafts_write_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !self->failed)
        {
          self->failed = TRUE;
          g_signal_emit (self, signals[FAILED], 0, error->message);
        }
      g_free (data);
      return;
    }
  self->failed = FALSE;

  history = cjm_document_get_history (self->document);
  if (cjm_history_get_state (history) == data->state)
    {
      cjm_history_mark_autosaved (history);
      self->pending_since = 0;
    }
  g_free (data);

  if (self->again || cjm_history_get_needs_autosave (history))
    {
      self->again = FALSE;
      schedule (self);
    }
}

static void
write_draft (CjmAutosave *self)
{
  CjmHistory *history = cjm_document_get_history (self->document);
  g_autoptr(GBytes) bytes = NULL;
  WriteData *data;

  if (!cjm_history_get_needs_autosave (history))
    {
      self->pending_since = 0;
      return;
    }
  if (self->writing)
    {
      self->again = TRUE;
      return;
    }

  bytes = cjm_writer_save_to_bytes (self->document);
  data = g_new0 (WriteData, 1);
  data->self = g_object_ref (self);
  data->state = cjm_history_get_state (history);
  self->writing = TRUE;
  cjm_drafts_write_async (self->draft_id, bytes, self->uri,
                          cjm_map_get_title (cjm_document_get_map (self->document)),
                          self->cancellable, on_written, data);
}

static void
cjm_autosave_dispose (GObject *object)
{
  CjmAutosave *self = CJM_AUTOSAVE (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (cjm_autosave_parent_class)->dispose (object);
}

static void
cjm_autosave_finalize (GObject *object)
{
  CjmAutosave *self = CJM_AUTOSAVE (object);

  g_clear_object (&self->cancellable);
  g_free (self->draft_id);
  g_free (self->uri);

  G_OBJECT_CLASS (cjm_autosave_parent_class)->finalize (object);
}

static void
cjm_autosave_class_init (CjmAutosaveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cjm_autosave_dispose;
  object_class->finalize = cjm_autosave_finalize;

  /**
   * CjmAutosave::failed:
   * @message: a sentence saying why, for the window to show
   *
   * A draft could not be written; emitted once until one is written again.
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
cjm_autosave_init (CjmAutosave *self)
{
  self->delay = 5;
  self->cancellable = g_cancellable_new ();
}

/**
 * cjm_autosave_new:
 * @document: the map to keep safe
 * @draft_id: (nullable): the draft to go on writing (a recovered one), or
 *   %NULL for a new one
 *
 * Returns: (transfer full): an autosave that writes while it lives
 */
CjmAutosave *
cjm_autosave_new (CjmDocument *document,
                  const char  *draft_id)
{
  CjmAutosave *self;

  g_return_val_if_fail (CJM_IS_DOCUMENT (document), NULL);

  self = g_object_new (CJM_TYPE_AUTOSAVE, NULL);
  self->document = g_object_ref (document);
  self->draft_id = draft_id != NULL ? g_strdup (draft_id) : cjm_drafts_new_id ();
  g_signal_connect_object (document, "changed", G_CALLBACK (on_document_changed), self,
                           G_CONNECT_SWAPPED);
  return self;
}

const char *
cjm_autosave_get_draft_id (CjmAutosave *self)
{
  g_return_val_if_fail (CJM_IS_AUTOSAVE (self), NULL);

  return self->draft_id;
}

/**
 * cjm_autosave_set_uri:
 * @uri: (nullable): the map's file, or %NULL while untitled
 */
void
cjm_autosave_set_uri (CjmAutosave *self,
                      const char  *uri)
{
  g_return_if_fail (CJM_IS_AUTOSAVE (self));

  g_free (self->uri);
  self->uri = g_strdup (uri);
}

/**
 * cjm_autosave_set_delay:
 * @seconds: how long after the last edit to write a draft, 1 to 300
 */
void
cjm_autosave_set_delay (CjmAutosave *self,
                        guint        seconds)
{
  g_return_if_fail (CJM_IS_AUTOSAVE (self));

  self->delay = CLAMP (seconds, 1, 300);
}

/**
 * cjm_autosave_flush:
 *
 * Writes a draft now, if there are unsaved changes.
 */
void
cjm_autosave_flush (CjmAutosave *self)
{
  g_return_if_fail (CJM_IS_AUTOSAVE (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  write_draft (self);
}

/**
 * cjm_autosave_forget:
 *
 * Removes the draft: the map was saved, or closed on purpose without
 * saving. Edits after this start a new draft under the same id.
 */
void
cjm_autosave_forget (CjmAutosave *self)
{
  g_return_if_fail (CJM_IS_AUTOSAVE (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->pending_since = 0;
  self->forgotten = self->writing;
  cjm_drafts_remove (self->draft_id);
}
