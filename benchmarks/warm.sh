#!/usr/bin/env bash
# Benchmark of the review kept between runs (issue 17): the 2,000-procedure
# review with every diagram and page, written into a new folder (cold), then
# again over the same files (warm: every procedure reused from
# .flowcut-cache), then with one file edited; beside the build BASE, which
# does the whole work every time. One run, alternating builds.
#   benchmarks/warm.sh [BASE] [ROUNDS]   (BASE default 8a22699)
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-8a22699}
rounds=${2:-3}
. benchmarks/base.sh
build_both "$base"
dir=benchmarks/data/portfolio-2000
[ -d "$dir" ] || python3 benchmarks/generate_portfolio.py 2000 "$dir" >/dev/null
work=$(mktemp -d)
cp -r "$dir" "$work/in"
timed() {  # label, binary, out
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss" "$2" analyze "$work/in" --out "$3" --quiet > "$work/stdout" 2>/dev/null || true
  t1=$(date +%s.%N)
  printf "  %-34s %6.2f s, %5.0f MB peak\n" "$1" "$(echo "$t1 - $t0" | bc -l)" "$(echo "$(cat "$work/rss") / 1024" | bc -l)"
}
for round in $(seq "$rounds"); do
  echo "round $round"
  rm -rf "$work/new" "$work/old"
  timed "this build, cold" .build/release/flowcut "$work/new"
  timed "this build, nothing changed" .build/release/flowcut "$work/new"
  grep -o "([0-9,]* unchanged[^)]*)" "$work/stdout" | sed 's/^/    /'
  timed "$base, cold" "$tree/.build/release/flowcut" "$work/old"
  timed "$base, again" "$tree/.build/release/flowcut" "$work/old"
  f=$(find "$work/in" -name '*.flow' | sort | sed -n "$((round * 37))p")
  sed -i '0,/ 4h /s// 5h /' "$f"
  timed "this build, one file edited" .build/release/flowcut "$work/new"
  grep -o "([0-9,]* unchanged[^)]*)" "$work/stdout" | sed 's/^/    /'
done
# The reused review is the review made from nothing (cache, manifest and .previous aside).
rm -rf "$work/fresh"
.build/release/flowcut analyze "$work/in" --out "$work/fresh" --quiet > /dev/null 2>&1 || true
diff -rq -x .previous -x .flowcut-cache -x .flowcut-written "$work/new" "$work/fresh" && echo "warm review byte-identical to a cold one"
rm -rf "$work"
