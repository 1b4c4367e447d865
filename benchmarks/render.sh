#!/usr/bin/env bash
# Benchmark of issue 5: rendering every bundled workflow's before and after
# diagrams in-process (libgvc, one shared context) against one `dot -Tsvg`
# process per diagram on the same DOT, in one run.
#   benchmarks/render.sh [REPEAT]
set -euo pipefail
cd "$(dirname "$0")/.."
repeat=${1:-200}
command -v dot >/dev/null || { echo "needs the dot program: apt-get install -y graphviz" >&2; exit 1; }
swift build -c release --product flowcut >/dev/null
bin=.build/release/flowcut
dir=benchmarks/data/render
mkdir -p "$dir"
inproc_total=0; proc_total=0; count=0
printf "%-45s %12s %12s %7s\n" "diagram" "in-process" "dot -Tsvg" "ratio"
for f in workflows/*.flow; do
  name=$(basename "$f" .flow)
  for side in before after; do
    flag=""; [ "$side" = after ] && flag="--after"
    "$bin" render "$f" $flag --runs 0 --format dot -o "$dir/$name-$side.dot" 2>/dev/null || continue
    ms=$("$bin" render "$f" $flag --runs 0 --repeat "$repeat" -o "$dir/$name-$side.svg" 2>&1 | sed -n 's/.*: \([0-9.]*\) ms a render.*/\1/p')
    t0=$(date +%s.%N)
    for i in $(seq 20); do dot -Tsvg "$dir/$name-$side.dot" > /dev/null; done
    t1=$(date +%s.%N)
    pms=$(echo "($t1 - $t0) * 1000 / 20" | bc -l)
    printf "%-45s %9.2f ms %9.2f ms %6.1f×\n" "$name $side" "$ms" "$pms" "$(echo "$pms / $ms" | bc -l)"
    inproc_total=$(echo "$inproc_total + $ms" | bc -l); proc_total=$(echo "$proc_total + $pms" | bc -l); count=$((count + 1))
  done
done
printf "all %d diagrams: in-process %.1f ms, dot -Tsvg processes %.1f ms: %.1f×\n" "$count" "$inproc_total" "$proc_total" "$(echo "$proc_total / $inproc_total" | bc -l)"
echo "== flowcut analyze on workflows/ (10 000 runs): with and without writing the diagrams and pages"
out=$(mktemp -d)
t0=$(date +%s.%N); "$bin" analyze --no-output > /dev/null; t1=$(date +%s.%N)
"$bin" analyze --out "$out" > /dev/null; t2=$(date +%s.%N)
printf "without: %.2f s   with: %.2f s   rendering and writing: %.2f s\n" "$(echo "$t1 - $t0" | bc -l)" "$(echo "$t2 - $t1" | bc -l)" "$(echo "$t2 - $t1 - ($t1 - $t0)" | bc -l)"
rm -rf "$out"
