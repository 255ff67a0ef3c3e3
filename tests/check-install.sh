#!/bin/sh
# check-install.sh: installs Reiskaart into a temporary folder, as
# `meson install` would into its prefix, and checks that everything the
# desktop needs is there and usable: the program, the desktop entry, the
# metainfo, the .cjm file type and its icon, the application icons, the
# settings schema, the RelaxNG schema, the examples and the translations.
#
# Usage: check-install.sh MESON BUILDDIR BINDIR DATADIR LOCALEDIR
#
# Copyright 2026 The Reiskaart authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

meson=$1
build=$2
bindir=$3
datadir=$4
localedir=$5
app=io.github.reiskaart.Reiskaart
mime=application/x-reiskaart-cjm

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dest=$work/dest

# the build is current: meson test has just built it
"$meson" install -C "$build" --no-rebuild --quiet --destdir "$dest" >"$work/install.log" 2>&1 || {
  cat "$work/install.log"
  echo "not ok: meson install failed"
  exit 1
}

status=0
fail () {
  echo "not ok: $*"
  status=1
}

bin=$dest$bindir
data=$dest$datadir
locale=$dest$localedir

for file in \
  "$bin/reiskaart" \
  "$data/applications/$app.desktop" \
  "$data/metainfo/$app.metainfo.xml" \
  "$data/mime/packages/$app.xml" \
  "$data/icons/hicolor/scalable/apps/$app.svg" \
  "$data/icons/hicolor/symbolic/apps/$app-symbolic.svg" \
  "$data/icons/hicolor/scalable/mimetypes/application-x-reiskaart-cjm.svg" \
  "$data/glib-2.0/schemas/$app.gschema.xml" \
  "$data/reiskaart/cjm.rng" \
  "$data/reiskaart/examples/fietsabonnement.cjm" \
  "$data/reiskaart/examples/savings-account.cjm" \
  "$locale/nl/LC_MESSAGES/reiskaart.mo"
do
  if [ -f "$file" ]; then
    echo "ok: ${file#"$dest"}"
  else
    fail "${file#"$dest"} is not installed"
  fi
done
[ -x "$bin/reiskaart" ] || fail "the program is not executable"
[ $status -eq 0 ] || exit $status

# the program runs
version=$("$bin/reiskaart" --version) || fail "reiskaart --version failed"
case $version in
  "Reiskaart "[0-9]*) echo "ok: $version" ;;
  *) fail "reiskaart --version printed: $version" ;;
esac

# the desktop entry opens maps, and speaks Dutch
desktop=$data/applications/$app.desktop
desktop-file-validate "$desktop" || fail "the installed desktop entry is not valid"
grep -qx 'Exec=reiskaart %F' "$desktop" || fail "the desktop entry does not open files"
grep -qx "MimeType=$mime;" "$desktop" || fail "the desktop entry does not name the .cjm type"
grep -q '^Comment\[nl\]=' "$desktop" || fail "the desktop entry has no Dutch comment"
grep -q 'xml:lang="nl"' "$data/metainfo/$app.metainfo.xml" || fail "the metainfo has no Dutch"

# the settings schema compiles
glib-compile-schemas --strict --targetdir="$work" "$data/glib-2.0/schemas" \
  || fail "the installed settings schema does not compile"

# the icons are pictures
for icon in "$data"/icons/hicolor/*/*/*.svg; do
  rsvg-convert -w 64 -h 64 -o "$work/icon.png" "$icon" || fail "${icon#"$dest"} does not render"
done

# The desktop knows a map by its name and, renamed, by its content: GIO
# asks the MIME database of the installed tree, before the system's.
XDG_DATA_DIRS="$data:/usr/local/share:/usr/share" update-mime-database "$data/mime" \
  || fail "update-mime-database failed"
mkdir "$work/home" "$work/maps"
cp "$data/reiskaart/examples/savings-account.cjm" "$work/maps/map.cjm"
cp "$data/reiskaart/examples/savings-account.cjm" "$work/maps/renamed"
for file in map.cjm renamed; do
  type=$(XDG_DATA_HOME="$work/home" XDG_DATA_DIRS="$data:/usr/local/share:/usr/share" \
         gio info -a standard::content-type "$work/maps/$file" | sed -n 's/^ *standard::content-type: //p')
  if [ "$type" = "$mime" ]; then
    echo "ok: $file is $type"
  else
    fail "$file is \"$type\", not $mime"
  fi
done

exit $status
