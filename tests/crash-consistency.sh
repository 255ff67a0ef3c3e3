#!/usr/bin/env bash
# tests/crash-consistency.sh
#
# Copyright 2026 The Reiskaart authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The crash-consistency test at a larger scale, for long runs by hand:
#
#   tests/crash-consistency.sh BUILD-DIR [KILLS]
#
# kills a program saving a 1,000-touchpoint map KILLS times (1000 unless
# given) with SIGKILL at a random moment, and checks after each kill that
# the file holds the old or the new version byte for byte and that the
# clean-up on the next start leaves no temporary file. This is the test
# "crash" of `meson test`, which kills 200 times; the random seed it prints
# repeats a run with --seed. Where strace is installed, it then traces a few
# saves and checks that each writes the temporary file, syncs it, renames it
# over the map and then syncs the folder, in that order.
set -euo pipefail

if (( $# < 1 || $# > 2 )); then
  echo "Usage: $0 BUILD-DIR [KILLS]" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
kills=${2:-1000}
if ! [[ $kills =~ ^[1-9][0-9]*$ ]]; then
  echo "KILLS must be a positive number, not '$kills'" >&2
  exit 2
fi

test_crash=$build/tests/test-crash
saver=$build/tests/crash-saver
bench=$build/src/bench/reiskaart-bench
for program in "$test_crash" "$saver" "$bench"; do
  if [[ ! -x $program ]]; then
    echo "$program is missing; build first: ninja -C $1" >&2
    exit 2
  fi
done

echo "Killing a saving program $kills times..."
start=$(date +%s)
CJM_CRASH_KILLS=$kills CJM_CRASH_SAVER=$saver REISKAART_BENCH=$bench \
  G_DEBUG=gc-friendly,fatal-warnings \
  "$test_crash" --tap -p /crash/kill-during-save
echo "Done in $(( $(date +%s) - start )) s."

if ! command -v strace >/dev/null; then
  echo "strace is not installed: the order of the system calls was not checked."
  exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/cjm-crash-trace-XXXXXX")
trap 'rm -rf "$work"' EXIT
"$bench" --write-map 1000 "$work/map.cjm" 2>/dev/null
cp "$work/map.cjm" "$work/workshop.cjm"

saves=6
echo
echo "Tracing $saves saves of $work/workshop.cjm:"
strace -f -o "$work/trace" -e trace=openat,write,fsync,fdatasync,rename,renameat,renameat2 \
  "$saver" "$work/map.cjm" "$work/workshop.cjm" "Versie A" "Versie B" "$saves"

# Follows each save from the creation of its temporary file to the sync of
# the folder; any other order, or a failed call, is an error. The last save
# is shown.
awk -v saves="$saves" -v folder="$work" -v target="$work/workshop.cjm" '
  function fail(why) {
    printf "wrong order in save %d: %s\n  at: %s\n", n, why, $0 > "/dev/stderr"
    failed = 1
    exit 1
  }
  { sub(/^[0-9]+ +/, "") }
  /^openat\(.*\.saving-[A-Za-z0-9]+", .*O_CREAT/ {
    n++; state = "created"; written = 0; shown = ""
    temp = $0; sub(/^[^"]*"/, "", temp); sub(/".*/, "", temp)
    fd = $NF
  }
  state == "" { next }
  { shown = shown "  " $0 "\n" }
  state == "created" && $0 ~ "^write\\(" fd "," {
    if ($NF < 0) fail("the write failed")
    written += $NF
    next
  }
  state == "created" && $0 ~ "^f(data)?sync\\(" fd "\\)" {
    if ($NF != 0) fail("the fsync of the temporary file failed")
    if (written == 0) fail("fsync before anything was written")
    state = "synced"
    next
  }
  $0 ~ "^rename(at2?)?\\(.*\"" temp "\"" {
    if (state != "synced") fail("rename before the temporary file was synced")
    if (index($0, "\"" target "\"") == 0 || $NF != 0) fail("not renamed over the map")
    state = "renamed"
    next
  }
  state == "renamed" && $0 ~ "^openat\\(.*\"" folder "\", .*O_DIRECTORY" {
    dirfd = $NF
    state = "folder"
    next
  }
  state == "folder" && $0 ~ "^fsync\\(" dirfd "\\)" {
    if ($NF != 0) fail("the fsync of the folder failed")
    done++
    last = shown
    state = ""
    next
  }
  END {
    if (failed) exit 1
    if (done != saves) {
      printf "%d of %d saves went write, fsync, rename, fsync of the folder\n", done, saves \
        > "/dev/stderr"
      exit 1
    }
    printf "%s", last
    printf "All %d saves: write the temporary file, fsync it, rename it over the map, " \
           "fsync the folder.\n", done
  }
' "$work/trace"
