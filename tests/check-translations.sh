#!/bin/sh
# check-translations.sh: fails when a user-visible string of the program has
# no Dutch translation, or when a source file with translatable strings is
# missing from po/POTFILES.
#
# Copyright 2026 The Reiskaart authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

top=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$top"

status=0

# every source that marks strings is listed
for file in $(grep -rl -e '_(' -e 'N_(' src --include='*.c') $(grep -rl 'translatable="yes"' src --include='*.ui'); do
  if ! grep -qx "$file" po/POTFILES; then
    echo "not ok: $file has translatable strings but is not in po/POTFILES"
    status=1
  fi
done

xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 --add-comments=Translators \
  --package-name=reiskaart -o "$work/reiskaart.pot" --files-from=po/POTFILES

for lang in $(cat po/LINGUAS); do
  msgfmt --check -o /dev/null "po/$lang.po"
  msgmerge --quiet --no-fuzzy-matching -o "$work/$lang.po" "po/$lang.po" "$work/reiskaart.pot"
  untranslated=$(msgattrib --untranslated --no-obsolete "$work/$lang.po" | grep -c '^msgid ' || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$work/$lang.po" | grep -c '^msgid ' || true)
  # the header counts as one entry in each listing when there are any
  if [ "$untranslated" -gt 0 ] || [ "$fuzzy" -gt 0 ]; then
    echo "not ok: po/$lang.po lacks translations:"
    msgattrib --untranslated --no-obsolete "$work/$lang.po" | grep -A1 '^msgid ' | grep -v '^msgid ""$' || true
    msgattrib --only-fuzzy --no-obsolete "$work/$lang.po" | grep -A1 '^msgid ' || true
    status=1
  else
    echo "ok: po/$lang.po translates every string"
  fi
done
exit $status
