#!/usr/bin/env bash
# Benchmark of issue 6: flowcut analyze over a synthetic portfolio
# (benchmarks/generate_portfolio.py) of 200 and 2 000 procedures, analysis
# alone (--no-output) and the full run with every diagram and page.
# Targets for 2 000 procedures on 2 cores: analysis under 5 s, full under 60 s.
#   benchmarks/portfolio.sh [RUNS]     (simulated cases per analysis; default 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10000}
swift build -c release --product flowcut >/dev/null
bin=.build/release/flowcut
for n in 200 2000; do
  dir=benchmarks/data/portfolio-$n
  [ -d "$dir" ] || python3 benchmarks/generate_portfolio.py "$n" "$dir" >/dev/null
  out=$(mktemp -d)
  t0=$(date +%s.%N)
  "$bin" analyze "$dir" --runs "$runs" --no-output --quiet --format json > /dev/null 2>&1 || true
  t1=$(date +%s.%N)
  "$bin" analyze "$dir" --runs "$runs" --out "$out" --quiet --format json > /dev/null 2>&1 || true
  t2=$(date +%s.%N)
  a=$(echo "$t1 - $t0" | bc -l); f=$(echo "$t2 - $t1" | bc -l)
  printf "%5d procedures, --runs %s: analysis %.1f s, full run %.1f s (diagrams and pages %.1f s, %.0f%% of it)\n" \
    "$n" "$runs" "$a" "$f" "$(echo "$f - $a" | bc -l)" "$(echo "100 * ($f - $a) / $f" | bc -l)"
  rm -rf "$out"
done
