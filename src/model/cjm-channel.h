/* cjm-channel.h
 *
 * Copyright 2026 The Reiskaart authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cjm-entity.h"

G_BEGIN_DECLS

#define CJM_TYPE_CHANNEL (cjm_channel_get_type ())

G_DECLARE_FINAL_TYPE (CjmChannel, cjm_channel, CJM, CHANNEL, CjmEntity)

/* A channel the map defines beyond the fixed list. */
CjmChannel *cjm_channel_new (const char *id);

CjmChannelGroup cjm_channel_get_group (CjmChannel *self);
const char *cjm_channel_get_name (CjmChannel *self);

/**
 * CjmChannelInfo:
 * @keyword: the channel's name in files
 * @group: digital, physical or telephone
 * @label: the untranslated label; show it with gettext
 * @icon_name: a symbolic icon for it
 *
 * One of the fixed channels every map knows.
 */
typedef struct
{
  const char      *keyword;
  CjmChannelGroup  group;
  const char      *label;
  const char      *icon_name;
} CjmChannelInfo;

const CjmChannelInfo *cjm_channel_info_lookup (const char *keyword);
const CjmChannelInfo *cjm_channel_info_list   (guint      *n_channels);

G_END_DECLS
