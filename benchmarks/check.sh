#!/usr/bin/env bash
# Benchmark: `flowcut check` on a generated procedure of 1 000 000 steps and
# 999 999 arrows (issue 2: under 3 s, peak memory under 1 GB on 2 cores).
#
#   benchmarks/check.sh [STEPS] [RUNS]
#
# Builds the release binary, generates the file once (benchmarks/data/, not
# committed), then times RUNS runs and reports wall time, peak resident
# memory (GNU time) and parse throughput in MB/s.
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${1:-1000000}
runs=${2:-5}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install -y time" >&2; exit 1; }

swift build -c release --product flowcut >/dev/null
bin=.build/release/flowcut
mkdir -p benchmarks/data
file=benchmarks/data/check-$steps.flow
[ -f "$file" ] || python3 benchmarks/generate_flow.py "$steps" "$file"
bytes=$(stat -c %s "$file")

echo "file: $file ($steps steps, $((bytes / 1000000)) MB), $(nproc) cores"
best=""
for i in $(seq "$runs"); do
  out=$( { /usr/bin/time -f "%e %M" "$bin" check "$file" >/dev/null; } 2>&1 | tail -1)
  secs=${out% *}
  kb=${out#* }
  printf "run %d: %.2f s, peak %d MB, %.0f MB/s\n" "$i" "$secs" "$((kb / 1024))" "$(echo "$bytes / 1000000 / $secs" | bc -l)"
  if [ -z "$best" ] || [ "$(echo "$secs < $best" | bc -l)" = 1 ]; then best=$secs; bestkb=$kb; fi
done
printf "best: %.2f s, peak %d MB, %.0f MB/s\n" "$best" "$((bestkb / 1024))" "$(echo "$bytes / 1000000 / $best" | bc -l)"
