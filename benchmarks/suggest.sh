#!/usr/bin/env bash
# Benchmark of issue 4: flowcut suggest, every candidate measured, with the
# default 10 000 simulated cases.
#  1. procedures shaped like workflows/ (benchmarks/generate_portfolio.py
#     --steps N: a main line of N steps with parallel consultations and a
#     rework loop every 40 steps) of 300, 1 000 and 3 000 steps, to show
#     how the cost grows (target: 300 steps under 1 s);
#  2. the worst case: a dense random acyclic process of 300 steps and two
#     arrows each (benchmarks/generate_flow.py), where almost every step runs
#     beside others, so almost every candidate is simulated again in full.
#   benchmarks/suggest.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product flowcut >/dev/null
bin=.build/release/flowcut
mkdir -p benchmarks/data
measure() {  # FILE LABEL
  local out; out=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$out.time" "$bin" suggest "$1" > "$out"
  read -r secs kb < "$out.time"
  local candidates; candidates=$(grep -cE '^  (#  )?[a-z]+ ' "$out" || true)
  printf "%-42s %6s steps  %4d suggestions  %6.2f s  %4d MB\n" "$2" \
    "$(grep -c '^step ' "$1")" "$candidates" "$secs" "$((kb / 1024))"
  rm -f "$out" "$out.time"
}
for n in 300 1000 3000; do
  dir=benchmarks/data/suggest-$n
  [ -f "$dir/p0000.flow" ] || python3 benchmarks/generate_portfolio.py 1 "$dir" --steps "$n" --seed 3 >/dev/null
  measure "$dir/p0000.flow" "shaped like workflows/, $n in the line"
done
[ -f benchmarks/data/p300.flow ] || python3 benchmarks/generate_flow.py 300 benchmarks/data/p300.flow --arrows-per-step 2
measure benchmarks/data/p300.flow "dense random DAG (worst case)"
