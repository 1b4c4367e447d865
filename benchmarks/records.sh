#!/usr/bin/env bash
# Benchmark of issue 16: report-06a statistics of 2 000 procedures x 8 years
# (benchmarks/generate_records.py) joined into the 2 000-procedure review
# (benchmarks/generate_portfolio.py). Target: under 0.5 s on top of the
# analysis. Runs the analysis without and with --stats, ROUNDS times each
# (default 5), alternating, and prints the median of each and the difference.
# RUNS simulated cases a procedure (default 0: the simulation costs the same
# with and without the records, and its noise would hide the difference).
#   benchmarks/records.sh [ROUNDS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
runs=${2:-0}
swift build -c release --product flowcut >/dev/null
bin=.build/release/flowcut
dir=benchmarks/data/portfolio-2000
[ -d "$dir" ] || python3 benchmarks/generate_portfolio.py 2000 "$dir" >/dev/null
stats=benchmarks/data/records-2000x8.csv
[ -f "$stats" ] || python3 benchmarks/generate_records.py 2000 "$stats"
run() { local t0 t1; t0=$(date +%s.%N); "$bin" analyze "$dir" --no-output --quiet --format json --runs "$runs" "$@" > /dev/null 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }
without=(); with=()
for _ in $(seq "$rounds"); do
  without+=("$(run)")
  with+=("$(run --stats "$stats")")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
a=$(median "${without[@]}"); b=$(median "${with[@]}")
rss_file=$(mktemp); /usr/bin/time -o "$rss_file" -f "%M" "$bin" analyze "$dir" --no-output --quiet --format json --runs "$runs" --stats "$stats" > /dev/null 2>&1; rss=$(tail -1 "$rss_file"); rm -f "$rss_file"
printf "2 000 procedures, --runs %s, analysis: %.2f s; with 2 000 x 8 years of statistics: %.2f s (+%.2f s, median of %d); peak RSS with them %d MB\n" \
  "$runs" "$a" "$b" "$(echo "$b - $a" | bc -l)" "$rounds" "$((rss / 1024))"
