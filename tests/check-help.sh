#!/bin/sh
# check-help.sh: `reiskaart --help` speaks the user's language: Dutch under
# a Dutch locale, English otherwise, without a display.
#
# Usage: check-help.sh PROGRAM
# REISKAART_LOCALEDIR names the translations to use (the build's).
#
# Copyright 2026 The Reiskaart authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

program=$1
status=0

# a missing locale must fail, not pass unnoticed in English
if ! locale -a | grep -qix 'nl_NL\.utf-\{0,1\}8'; then
  echo "not ok: the nl_NL.UTF-8 locale is missing; generate it as README.md shows"
  exit 1
fi

dutch=$(env -u DISPLAY -u WAYLAND_DISPLAY LC_ALL=nl_NL.UTF-8 LANGUAGE=nl "$program" --help)
echo "$dutch"
for phrase in 'Gebruik:' 'Elk BESTAND controleren' 'Versie tonen en afsluiten'; do
  case $dutch in
    *"$phrase"*) echo "ok: Dutch help says “$phrase”" ;;
    *) echo "not ok: Dutch help lacks “$phrase”"; status=1 ;;
  esac
done

english=$(env -u DISPLAY -u WAYLAND_DISPLAY -u LANGUAGE LC_ALL=C "$program" --help)
case $english in
  *'Check each FILE'*) echo "ok: English help under the C locale" ;;
  *) echo "not ok: help under the C locale is not English"; status=1 ;;
esac

exit $status
