/* cjm-channel.c
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cjm-channel.h"

struct _CjmChannel
{
  CjmEntity parent_instance;

  CjmChannelGroup group;
  char *name;
};

G_DEFINE_FINAL_TYPE (CjmChannel, cjm_channel, CJM_TYPE_ENTITY)

static const CjmField fields[] = {
  { "group", CJM_FIELD_ENUM, CJM_FIELD_ATTRIBUTE, CJM_FIELD_REQUIRED,
    CJM_FIELD_OFFSET (CjmChannel, group), cjm_channel_group_get_type, 0, 0, CJM_CHANNEL_GROUP_OTHER },
  { "name", CJM_FIELD_STRING, CJM_FIELD_ELEMENT, CJM_FIELD_REQUIRED,
    CJM_FIELD_OFFSET (CjmChannel, name), NULL, 0, 0, 0 },
};

static void
cjm_channel_class_init (CjmChannelClass *klass)
{
  cjm_entity_class_install_fields (CJM_ENTITY_CLASS (klass), "channel",
                                   fields, G_N_ELEMENTS (fields));
}

static void
cjm_channel_init (CjmChannel *self)
{
}

CjmChannel *
cjm_channel_new (const char *id)
{
  return g_object_new (CJM_TYPE_CHANNEL, "id", id, NULL);
}

CjmChannelGroup
cjm_channel_get_group (CjmChannel *self)
{
  g_return_val_if_fail (CJM_IS_CHANNEL (self), 0);

  return self->group;
}

const char *
cjm_channel_get_name (CjmChannel *self)
{
  g_return_val_if_fail (CJM_IS_CHANNEL (self), NULL);

  return self->name;
}

static const CjmChannelInfo builtin_channels[] = {
  { "website", CJM_CHANNEL_GROUP_DIGITAL, N_("Website"), "web-browser-symbolic" },
  { "app", CJM_CHANNEL_GROUP_DIGITAL, N_("App"), "phone-symbolic" },
  { "email", CJM_CHANNEL_GROUP_DIGITAL, N_("Email"), "mail-unread-symbolic" },
  { "chat", CJM_CHANNEL_GROUP_DIGITAL, N_("Chat"), "chat-symbolic" },
  { "social-media", CJM_CHANNEL_GROUP_DIGITAL, N_("Social media"), "system-users-symbolic" },
  { "sms", CJM_CHANNEL_GROUP_DIGITAL, N_("SMS"), "mail-send-symbolic" },
  { "search-ads", CJM_CHANNEL_GROUP_DIGITAL, N_("Search and ads"), "system-search-symbolic" },
  { "store", CJM_CHANNEL_GROUP_PHYSICAL, N_("Store"), "store-symbolic" },
  { "event", CJM_CHANNEL_GROUP_PHYSICAL, N_("Event or fair"), "x-office-calendar-symbolic" },
  { "print", CJM_CHANNEL_GROUP_PHYSICAL, N_("Catalogue or print"), "x-office-document-symbolic" },
  { "post", CJM_CHANNEL_GROUP_PHYSICAL, N_("Post"), "mail-message-new-symbolic" },
  { "delivery", CJM_CHANNEL_GROUP_PHYSICAL, N_("Delivery"), "package-x-generic-symbolic" },
  { "phone", CJM_CHANNEL_GROUP_TELEPHONE, N_("Phone"), "call-start-symbolic" },
  { "call-centre", CJM_CHANNEL_GROUP_TELEPHONE, N_("Call centre"), "audio-headset-symbolic" },
};

/**
 * cjm_channel_info_lookup:
 * @keyword: a channel keyword from a file
 *
 * Returns: (nullable): the fixed channel called @keyword, or %NULL
 */
const CjmChannelInfo *
cjm_channel_info_lookup (const char *keyword)
{
  if (keyword == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (builtin_channels); i++)
    if (strcmp (builtin_channels[i].keyword, keyword) == 0)
      return &builtin_channels[i];
  return NULL;
}

const CjmChannelInfo *
cjm_channel_info_list (guint *n_channels)
{
  *n_channels = G_N_ELEMENTS (builtin_channels);
  return builtin_channels;
}
