#!/usr/bin/env bash
# Benchmarks of issue 3, each side by side with its peer in one run:
#  1. critical path on a generated acyclic process of 1 000 000 steps and
#     about 2 arrows each, file to result: flowcut against networkx's
#     dag_longest_path on the same process as an edge list (target: 20×);
#  2. 100 000 simulated cases of benchmarks/sim-30.flow (30 steps, a loop,
#     a parallel block; target: under 0.5 s), without the suggestion rules
#     (benchmarks/suggest.sh times those).
#   benchmarks/analysis.sh [STEPS]
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${1:-1000000}
python3 -c "import networkx" 2>/dev/null || pip install --quiet networkx
swift build -c release --product flowcut >/dev/null
bin=.build/release/flowcut
mkdir -p benchmarks/data
flow=benchmarks/data/cpm-$steps.flow
edges=benchmarks/data/cpm-$steps.edges
[ -f "$flow" ] && [ -f "$edges" ] || python3 benchmarks/generate_flow.py "$steps" "$flow" --arrows-per-step 2 --edgelist "$edges"

now() { date +%s.%N; }
echo "== critical path, $steps steps ($(nproc) cores)"
t0=$(now); "$bin" analyze "$flow" --runs 0 --no-output > benchmarks/data/cpm.txt 2>/dev/null; t1=$(now)
t2=$(now); python3 benchmarks/nx_longest_path.py "$edges" > benchmarks/data/nx.txt; t3=$(now)
fc=$(echo "$t1 - $t0" | bc -l); nx=$(echo "$t3 - $t2" | bc -l)
printf "flowcut analyze --runs 0 --no-output: %.2f s   %s\n" "$fc" "$(grep -o 'Lead time, main scenario.*' benchmarks/data/cpm.txt | sed 's/  */ /g')"
printf "networkx dag_longest_path: %.2f s   %s\n" "$nx" "$(cat benchmarks/data/nx.txt)"
printf "ratio: %.1f×\n" "$(echo "$nx / $fc" | bc -l)"

echo "== simulation, 100 000 cases of benchmarks/sim-30.flow"
for i in 1 2 3; do
  t0=$(now); "$bin" analyze benchmarks/sim-30.flow --runs 100000 --format json --no-output --no-suggestions > /dev/null; t1=$(now)
  printf "run %d: %.3f s (whole command: parse, simulate, report; no suggestions)\n" "$i" "$(echo "$t1 - $t0" | bc -l)"
done
