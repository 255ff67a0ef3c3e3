/* cjm-clipboard.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cjm-clipboard.h"
#include "cjm-document-private.h"
#include "cjm-reader.h"
#include "cjm-writer.h"

/* Copied items travel as a small journey map of their own: the items, the
 * phases, lanes, personas and custom channels they name, and the
 * transitions between them. Another window, or another program that reads
 * .cjm, gets a complete, valid map; pasting reads it with the same
 * hardened reader as any file, since the clipboard is as untrusted as a
 * mailed attachment. */

static void
add_once (CjmDocument *fragment,
          CjmEntity   *entity)
{
  if (entity != NULL && cjm_document_lookup (fragment, cjm_entity_get_id (entity)) == NULL)
    cjm_document_insert_entity (fragment, entity,
                                cjm_document_get_list (fragment, G_OBJECT_TYPE (entity))->len);
}

/**
 * cjm_clipboard_copy:
 * @document: the map the items belong to
 * @items: (array length=n_items): touchpoints and cards
 * @n_items: how many
 *
 * Returns: (transfer full): the items as a .cjm fragment
 */
GBytes *
cjm_clipboard_copy (CjmDocument  *document,
                    CjmEntity   **items,
                    guint         n_items)
{
  g_autoptr(CjmDocument) fragment = cjm_document_new ();
  GPtrArray *transitions = cjm_document_get_transitions (document);
  CjmMap *map = cjm_document_get_map (document);
  CjmMap *fragment_map = cjm_document_get_map (fragment);

  g_return_val_if_fail (CJM_IS_DOCUMENT (document), NULL);

  g_object_set (fragment_map,
                "scale-min", cjm_map_get_scale_min (map),
                "scale-max", cjm_map_get_scale_max (map),
                "language", cjm_map_get_language (map),
                NULL);

  /* what the items refer to, first, so the fragment is a valid map */
  for (guint i = 0; i < n_items; i++)
    {
      CjmEntity *item = items[i];

      if (CJM_IS_TOUCHPOINT (item))
        {
          CjmTouchpoint *touchpoint = CJM_TOUCHPOINT (item);
          const char * const *personas = cjm_touchpoint_get_personas (touchpoint);
          CjmEntity *channel = cjm_document_lookup (document, cjm_touchpoint_get_channel (touchpoint));

          add_once (fragment, cjm_document_lookup (document, cjm_touchpoint_get_phase (touchpoint)));
          add_once (fragment, cjm_document_lookup (document, cjm_touchpoint_get_lane (touchpoint)));
          if (CJM_IS_CHANNEL (channel))
            add_once (fragment, channel);
          for (guint p = 0; personas != NULL && personas[p] != NULL; p++)
            add_once (fragment, cjm_document_lookup (document, personas[p]));
        }
      else if (CJM_IS_CARD (item))
        {
          add_once (fragment, cjm_document_lookup (document, cjm_card_get_phase (CJM_CARD (item))));
          add_once (fragment, cjm_document_lookup (document, cjm_card_get_lane (CJM_CARD (item))));
        }
    }
  for (guint i = 0; i < n_items; i++)
    if (CJM_IS_TOUCHPOINT (items[i]))
      add_once (fragment, items[i]);
  for (guint i = 0; i < n_items; i++)
    if (CJM_IS_CARD (items[i]))
      {
        g_autoptr(CjmEntity) copy = cjm_entity_clone (items[i], cjm_entity_get_id (items[i]));
        const char * const *links = cjm_card_get_touchpoints (CJM_CARD (items[i]));
        g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
        g_auto(GStrv) kept_links = NULL;

        /* only links to copied touchpoints travel along */
        for (guint l = 0; links != NULL && links[l] != NULL; l++)
          if (cjm_document_lookup (fragment, links[l]) != NULL)
            g_strv_builder_add (kept, links[l]);
        kept_links = g_strv_builder_end (kept);
        g_object_set (copy, "touchpoints", kept_links, NULL);
        add_once (fragment, copy);
      }
  for (guint i = 0; i < transitions->len; i++)
    {
      CjmTransition *transition = g_ptr_array_index (transitions, i);

      if (CJM_IS_TOUCHPOINT (cjm_document_lookup (fragment, cjm_transition_get_from_id (transition)))
          && CJM_IS_TOUCHPOINT (cjm_document_lookup (fragment, cjm_transition_get_to_id (transition))))
        add_once (fragment, CJM_ENTITY (transition));
    }

  return cjm_writer_save_to_bytes (fragment);
}

/**
 * cjm_clipboard_copy_text:
 *
 * Returns: (transfer full): the items as plain text, one per line, for
 *   pasting into a mail or a document
 */
char *
cjm_clipboard_copy_text (CjmDocument  *document,
                         CjmEntity   **items,
                         guint         n_items)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_items; i++)
    {
      const char *line = CJM_IS_TOUCHPOINT (items[i]) ? cjm_touchpoint_get_title (CJM_TOUCHPOINT (items[i]))
                       : CJM_IS_CARD (items[i]) ? cjm_card_get_text (CJM_CARD (items[i]))
                       : NULL;

      if (line != NULL)
        g_string_append_printf (text, "%s\n", line);
    }
  return g_string_free (text, FALSE);
}

static const char *
first_lane_for (CjmDocument *document,
                GType        type,
                const char  *preferred)
{
  GPtrArray *lanes = cjm_document_get_lanes (document);

  if (preferred != NULL && cjm_document_can_place (document, type, preferred))
    return preferred;
  for (guint i = 0; i < lanes->len; i++)
    {
      const char *id = cjm_entity_get_id (g_ptr_array_index (lanes, i));

      if (cjm_document_can_place (document, type, id))
        return id;
    }
  return NULL;
}

/**
 * cjm_clipboard_paste:
 * @document: the map to paste into
 * @fragment: what was copied
 * @phase_id: (nullable): the phase to paste into, or %NULL to keep each
 *   item's phase where this map has it
 * @lane_id: (nullable): the lane to paste into; items that cannot go there
 *   go to the first lane that takes them
 * @error: why nothing was pasted
 *
 * Adds copies of the fragment's items (with new ids) and the transitions
 * between them, as one undoable step.
 *
 * Returns: (transfer container) (element-type CjmEntity) (nullable): the
 *   pasted items
 */
GPtrArray *
cjm_clipboard_paste (CjmDocument  *document,
                     GBytes       *fragment_bytes,
                     const char   *phase_id,
                     const char   *lane_id,
                     GError      **error)
{
  g_autoptr(CjmDocument) fragment = NULL;
  g_autoptr(GHashTable) new_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) pasted = g_ptr_array_new ();
  GPtrArray *phases = cjm_document_get_phases (document);
  GPtrArray *lists[2];
  gboolean ok = TRUE;
  guint added = 0;

  g_return_val_if_fail (CJM_IS_DOCUMENT (document), NULL);

  fragment = cjm_reader_load_bytes (fragment_bytes, NULL, error);
  if (fragment == NULL)
    return NULL;
  if (phases->len == 0)
    {
      g_set_error_literal (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_PLACEMENT,
                           _("Add a phase before pasting items."));
      return NULL;
    }

  lists[0] = cjm_document_get_touchpoints (fragment);
  lists[1] = cjm_document_get_cards (fragment);

  cjm_history_begin_group (cjm_document_get_history (document), _("Paste"));
  for (guint l = 0; l < 2 && ok; l++)
    for (guint i = 0; i < lists[l]->len && ok; i++)
      {
        CjmEntity *original = g_ptr_array_index (lists[l], i);
        GType type = G_OBJECT_TYPE (original);
        g_autofree char *id = cjm_document_new_id (document, l == 0 ? "tp" : "card");
        g_autoptr(CjmEntity) copy = cjm_entity_clone (original, id);
        g_autofree char *phase = NULL, *lane = NULL;
        const char *target_phase, *target_lane;

        g_object_get (copy, "phase", &phase, "lane", &lane, NULL);
        target_phase = phase_id != NULL ? phase_id
                     : CJM_IS_PHASE (cjm_document_lookup (document, phase)) ? phase
                     : cjm_entity_get_id (g_ptr_array_index (phases, 0));
        target_lane = first_lane_for (document, type,
                                      lane_id != NULL ? lane_id
                                      : CJM_IS_LANE (cjm_document_lookup (document, lane)) ? lane : NULL);
        if (target_lane == NULL)
          {
            g_set_error_literal (error, CJM_MODEL_ERROR, CJM_MODEL_ERROR_INVALID_PLACEMENT,
                                 l == 0 ? _("This map has no touchpoints lane to paste touchpoints into.")
                                        : _("This map has no lane to paste cards into."));
            ok = FALSE;
            break;
          }
        g_object_set (copy, "phase", target_phase, "lane", target_lane, NULL);

        if (CJM_IS_TOUCHPOINT (copy))
          {
            const char * const *personas = cjm_touchpoint_get_personas (CJM_TOUCHPOINT (copy));
            g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
            g_auto(GStrv) kept_personas = NULL;
            const char *channel = cjm_touchpoint_get_channel (CJM_TOUCHPOINT (copy));

            for (guint p = 0; personas != NULL && personas[p] != NULL; p++)
              if (CJM_IS_PERSONA (cjm_document_lookup (document, personas[p])))
                g_strv_builder_add (kept, personas[p]);
            kept_personas = g_strv_builder_end (kept);
            g_object_set (copy, "personas", kept_personas, NULL);
            if (channel != NULL && cjm_channel_info_lookup (channel) == NULL
                && !CJM_IS_CHANNEL (cjm_document_lookup (document, channel)))
              g_object_set (copy, "channel", NULL, NULL);
          }
        else
          {
            const char * const *links = cjm_card_get_touchpoints (CJM_CARD (copy));
            g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
            g_auto(GStrv) kept_links = NULL;

            for (guint t = 0; links != NULL && links[t] != NULL; t++)
              if (g_hash_table_contains (new_ids, links[t]))
                g_strv_builder_add (kept, g_hash_table_lookup (new_ids, links[t]));
            kept_links = g_strv_builder_end (kept);
            g_object_set (copy, "touchpoints", kept_links, NULL);
          }

        g_hash_table_insert (new_ids, g_strdup (cjm_entity_get_id (original)), g_strdup (id));
        ok = cjm_document_add (document, g_object_ref (copy), -1, error);
        if (ok)
          {
            g_ptr_array_add (pasted, copy);
            added++;
          }
      }

  for (guint i = 0; ok && i < cjm_document_get_transitions (fragment)->len; i++)
    {
      CjmEntity *original = g_ptr_array_index (cjm_document_get_transitions (fragment), i);
      const char *from = g_hash_table_lookup (new_ids, cjm_transition_get_from_id (CJM_TRANSITION (original)));
      const char *to = g_hash_table_lookup (new_ids, cjm_transition_get_to_id (CJM_TRANSITION (original)));
      g_autofree char *id = cjm_document_new_id (document, "tr");
      CjmEntity *copy;

      if (from == NULL || to == NULL)
        continue;
      copy = cjm_entity_clone (original, id);
      g_object_set (copy, "from", from, "to", to, NULL);
      ok = cjm_document_add (document, copy, -1, error);
      added += ok ? 1 : 0;
    }
  cjm_history_end_group (cjm_document_get_history (document));

  if (!ok)
    {
      /* take back what was added before the failure */
      if (added > 0)
        cjm_document_undo (document);
      return NULL;
    }
  return g_steal_pointer (&pasted);
}
