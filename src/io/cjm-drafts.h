/* cjm-drafts.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * CjmDraft:
 * @id: the draft's name in the drafts folder
 * @uri: (nullable): the map's own file, or %NULL for an untitled map
 * @title: the map's title when the draft was written
 * @written: when the draft was written, Unix time
 *
 * Unsaved changes to a map, written aside by autosave.
 */
typedef struct
{
  char   *id;
  char   *uri;
  char   *title;
  gint64  written;
} CjmDraft;

void       cjm_draft_free           (CjmDraft     *draft);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CjmDraft, cjm_draft_free)

char      *cjm_drafts_get_folder    (void);
char      *cjm_drafts_new_id        (void);
gboolean   cjm_drafts_write         (const char   *id,
                                     GBytes       *contents,
                                     const char   *uri,
                                     const char   *title,
                                     GError      **error);
void       cjm_drafts_write_async   (const char          *id,
                                     GBytes              *contents,
                                     const char          *uri,
                                     const char          *title,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean   cjm_drafts_write_finish  (GAsyncResult *result,
                                     GError      **error);
GBytes    *cjm_drafts_read          (const char   *id,
                                     GError      **error);
void       cjm_drafts_remove        (const char   *id);
GPtrArray *cjm_drafts_list_recoverable (void);

G_END_DECLS
