#!/bin/sh
# campaign.sh: a long fuzzing run of both targets, one per core.
#
#   tests/fuzz/campaign.sh [SECONDS] [WORKDIR]
#
# Builds the libFuzzer targets with clang, ASan and UBSan in WORKDIR/build
# (default WORKDIR: build-fuzz-campaign), seeds a corpus per target from the
# examples, the hostile inputs and every past crash, and runs fuzz-load and
# fuzz-render side by side for SECONDS (default 3600) each. At the end it
# prints executions, coverage and the CPU time each target used, and copies
# any crashing input into tests/fuzz/crashes/ so that `meson test` replays
# it from then on.
set -eu

seconds=${1:-3600}
srcdir=$(cd "$(dirname "$0")/../.." && pwd)
work=${2:-build-fuzz-campaign}
mkdir -p "$work"
work=$(cd "$work" && pwd)
build=$work/build

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$srcdir" \
    -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fno-sanitize-recover=all
fi
ninja -C "$build" tests/fuzz/fuzz-load tests/fuzz/fuzz-render

run_target () {
  target=$1
  corpus=$work/corpus-$target
  artifacts=$work/artifacts-$target/
  mkdir -p "$corpus" "$artifacts"
  for seed in "$srcdir"/data/examples/*.cjm "$srcdir"/tests/data/hostile/* \
              "$srcdir"/tests/fuzz/crashes/*; do
    [ -f "$seed" ] && cp "$seed" "$corpus/seed-$(basename "$seed")"
  done
  # Fontconfig keeps its caches until exit, which looks like a leak.
  start=$(date +%s)
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    bash -c 'time -p "$@"' bash nice -n 10 "$build/tests/fuzz/$target" \
      -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
      -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -dict="$srcdir/tests/fuzz/cjm.dict" \
      -artifact_prefix="$artifacts" -max_total_time="$seconds" \
      "$corpus" > "$work/$target.log" 2>&1 || true
  echo "$(( $(date +%s) - start ))" > "$work/$target.wall"
}

run_target fuzz-load &
run_target fuzz-render &
wait

found=0
for target in fuzz-load fuzz-render; do
  log=$work/$target.log
  # The fork-mode parent reports totals on its last status line.
  last=$(grep -E '^#[0-9]+:' "$log" | tail -n 1 || true)
  cpu=$(awk '/^user /{u=$2} /^sys /{s=$2} END{printf "%.0f", u+s}' "$log")
  echo "$target: $(cat "$work/$target.wall") s wall, $cpu s CPU, corpus $(ls "$work/corpus-$target" | wc -l)"
  echo "  $last"
  for crash in "$work/artifacts-$target"/crash-* "$work/artifacts-$target"/timeout-* \
               "$work/artifacts-$target"/oom-*; do
    [ -f "$crash" ] || continue
    cp "$crash" "$srcdir/tests/fuzz/crashes/$target-$(basename "$crash")"
    found=$((found + 1))
  done
done
echo "$found new findings copied to tests/fuzz/crashes/"
