/* cjm-file-watch.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cjm-file-watch.h"

/* Knows what a map's file looked like when it was opened or last saved
 * (modification time to the microsecond, size, and the etag where the file
 * system has one), so that a save never silently overwrites what a
 * colleague wrote meanwhile. Network shares send no change notifications,
 * so the comparison made just before saving is the one that counts; the
 * monitor only lets the window say so early where it can. */

struct _CjmFileWatch
{
  GObject       parent_instance;

  GFile        *file;
  GFileMonitor *monitor;
  gboolean      known;        /* whether a stamp was taken */
  gboolean      existed;
  guint64       modified;     /* µs */
  goffset       size;
  char         *etag;
  guint         settle_id;
  gboolean      paused;
  gboolean      reported;     /* this change was already announced */
};

G_DEFINE_FINAL_TYPE (CjmFileWatch, cjm_file_watch, G_TYPE_OBJECT)

enum {
  CHANGED_ON_DISK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  gboolean  exists;
  guint64   modified;
  goffset   size;
  char     *etag;
} Stamp;

static void
take_stamp (GFile *file,
            Stamp *stamp)
{
  g_autoptr(GFileInfo) info =
    g_file_query_info (file,
                       G_FILE_ATTRIBUTE_TIME_MODIFIED "," G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC ","
                       G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_ETAG_VALUE,
                       G_FILE_QUERY_INFO_NONE, NULL, NULL);

  memset (stamp, 0, sizeof *stamp);
  if (info == NULL)
    return;
  stamp->exists = TRUE;
  stamp->modified = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED)
                    * G_USEC_PER_SEC
                    + g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
  stamp->size = g_file_info_get_size (info);
  stamp->etag = g_strdup (g_file_info_get_etag (info));
}

static gboolean
settle (gpointer user_data)
{
  CjmFileWatch *self = user_data;
  gboolean deleted;

  self->settle_id = 0;
  if (self->paused || self->reported)
    return G_SOURCE_REMOVE;
  if (cjm_file_watch_changed_on_disk (self, &deleted))
    {
      self->reported = TRUE;
      g_signal_emit (self, signals[CHANGED_ON_DISK], 0, deleted);
    }
  return G_SOURCE_REMOVE;
}

static void
on_monitor_changed (CjmFileWatch      *self,
                    GFile             *file,
                    GFile             *other,
                    GFileMonitorEvent  event,
                    GFileMonitor      *monitor)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      /* let a burst of events settle before comparing */
      g_clear_handle_id (&self->settle_id, g_source_remove);
      self->settle_id = g_timeout_add (150, settle, self);
      break;
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    default:
      break;
    }
}

static void
cjm_file_watch_dispose (GObject *object)
{
  CjmFileWatch *self = CJM_FILE_WATCH (object);

  g_clear_handle_id (&self->settle_id, g_source_remove);
  if (self->monitor != NULL)
    {
      g_file_monitor_cancel (self->monitor);
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_clear_object (&self->monitor);
    }
  g_clear_object (&self->file);
  g_clear_pointer (&self->etag, g_free);

  G_OBJECT_CLASS (cjm_file_watch_parent_class)->dispose (object);
}

static void
cjm_file_watch_class_init (CjmFileWatchClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cjm_file_watch_dispose;

  /**
   * CjmFileWatch::changed-on-disk:
   * @deleted: whether the file is gone
   *
   * Another program changed or removed the file since it was remembered.
   */
  signals[CHANGED_ON_DISK] = g_signal_new ("changed-on-disk", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
cjm_file_watch_init (CjmFileWatch *self)
{
}

CjmFileWatch *
cjm_file_watch_new (GFile *file)
{
  CjmFileWatch *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (CJM_TYPE_FILE_WATCH, NULL);
  self->file = g_object_ref (file);
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->monitor != NULL)
    {
      g_file_monitor_set_rate_limit (self->monitor, 500);
      g_signal_connect_object (self->monitor, "changed", G_CALLBACK (on_monitor_changed), self,
                               G_CONNECT_SWAPPED);
    }
  cjm_file_watch_remember (self);
  return self;
}

GFile *
cjm_file_watch_get_file (CjmFileWatch *self)
{
  g_return_val_if_fail (CJM_IS_FILE_WATCH (self), NULL);

  return self->file;
}

/**
 * cjm_file_watch_remember:
 *
 * Takes the file as it is now as the version the map matches: after
 * opening it and after saving.
 */
void
cjm_file_watch_remember (CjmFileWatch *self)
{
  Stamp stamp;

  g_return_if_fail (CJM_IS_FILE_WATCH (self));

  take_stamp (self->file, &stamp);
  self->known = TRUE;
  self->existed = stamp.exists;
  self->modified = stamp.modified;
  self->size = stamp.size;
  g_free (self->etag);
  self->etag = stamp.etag;
  self->reported = FALSE;
}

/**
 * cjm_file_watch_changed_on_disk:
 * @deleted: (out) (optional): whether the file is gone
 *
 * Returns: whether the file differs from the remembered version
 */
gboolean
cjm_file_watch_changed_on_disk (CjmFileWatch *self,
                                gboolean     *deleted)
{
  Stamp now;
  gboolean changed;

  g_return_val_if_fail (CJM_IS_FILE_WATCH (self), FALSE);

  take_stamp (self->file, &now);
  if (deleted != NULL)
    *deleted = self->existed && !now.exists;
  changed = self->known
            && (now.exists != self->existed
                || now.modified != self->modified
                || now.size != self->size
                || (now.etag != NULL && self->etag != NULL && g_strcmp0 (now.etag, self->etag) != 0));
  g_free (now.etag);
  return changed;
}

/**
 * cjm_file_watch_set_paused:
 *
 * While the map itself is being saved, its own writes are not news.
 */
void
cjm_file_watch_set_paused (CjmFileWatch *self,
                           gboolean      paused)
{
  g_return_if_fail (CJM_IS_FILE_WATCH (self));

  self->paused = paused;
  if (paused)
    g_clear_handle_id (&self->settle_id, g_source_remove);
}
