#!/usr/bin/env bash
# Benchmark of issue 17's diagrams: the full review (every diagram and page)
# of the synthetic portfolio, this build against an earlier one, in one run.
# The earlier build is made in a worktree under /tmp (never committed).
#   benchmarks/meeting.sh [BASE] [RUNS]   (BASE: a commit, default f555747,
#                                          the last with the side-by-side layout)
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-f555747}
runs=${2:-10000}
. benchmarks/base.sh
build_both "$base"
for n in 200 2000; do
  dir=benchmarks/data/portfolio-$n
  [ -d "$dir" ] || python3 benchmarks/generate_portfolio.py "$n" "$dir" >/dev/null
  for bin in "$tree/.build/release/flowcut" .build/release/flowcut; do
    out=$(mktemp -d)
    t0=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$out.rss" "$bin" analyze "$dir" --runs "$runs" --out "$out/review" --quiet > /dev/null 2>&1 || true
    t1=$(date +%s.%N)
    svg=$(find "$out/review" -name '*.svg' -printf '%s\n' | awk '{ s += $1 } END { printf "%.1f", s / 1048576 }')
    printf "%5d procedures, %-45s full review %.1f s, %.0f MB peak, SVG %s MiB\n" "$n" "${bin%/.build/release/flowcut}" \
      "$(echo "$t1 - $t0" | bc -l)" "$(echo "$(cat "$out.rss") / 1024" | bc -l)" "$svg"
    rm -rf "$out" "$out.rss"
  done
done
