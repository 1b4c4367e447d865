#!/usr/bin/env bash
# Benchmarks of issue 3, each side by side with its peer in one run:
#  1. critical path on a generated acyclic process of 1 000 000 steps and
#     about 2 arrows each, file to result: flowcut against networkx's
#     dag_longest_path on the same process as an edge list (target: 20×);
#  2. 100 000 simulated cases of benchmarks/sim-30.flow (30 steps, a loop,
#     a parallel block; target: under 0.5 s), without the suggestion rules
#     (benchmarks/suggest.sh times those).
#   benchmarks/analysis.sh [STEPS]     (FC_RUNS=5 NX_RUNS=3 by default: the
#   tools alternate, and the best and median of each are compared)
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
# The machine is shared: each tool runs several times, alternating, and the
# best and the median of each are compared.
runs_fc=${FC_RUNS:-5}
runs_nx=${NX_RUNS:-3}
echo "== critical path, $steps steps ($(nproc) cores; flowcut $runs_fc runs, networkx $runs_nx, alternating)"
fc_times=(); nx_times=()
for i in $(seq 1 "$runs_fc"); do
  t0=$(now); "$bin" analyze "$flow" --runs 0 --no-output > benchmarks/data/cpm.txt 2>/dev/null; t1=$(now)
  fc_times+=("$(echo "$t1 - $t0" | bc -l)")
  if [ "$i" -le "$runs_nx" ]; then
    t2=$(now); python3 benchmarks/nx_longest_path.py "$edges" > benchmarks/data/nx.txt; t3=$(now)
    nx_times+=("$(echo "$t3 - $t2" | bc -l)")
  fi
done
stats() { printf "%s\n" "$@" | sort -n | awk '{a[NR]=$1} END {printf "%.2f %.2f %.2f", a[1], a[int((NR+1)/2)], a[NR]}'; }
read -r fc_best fc_median fc_worst <<< "$(stats "${fc_times[@]}")"
read -r nx_best nx_median nx_worst <<< "$(stats "${nx_times[@]}")"
printf "flowcut analyze --runs 0 --no-output: best %s s, median %s s, worst %s s   %s\n" "$fc_best" "$fc_median" "$fc_worst" \
  "$(grep -o 'Lead time, main scenario.*' benchmarks/data/cpm.txt | sed 's/  */ /g')"
printf "networkx dag_longest_path:            best %s s, median %s s, worst %s s   %s\n" "$nx_best" "$nx_median" "$nx_worst" "$(cat benchmarks/data/nx.txt)"
printf "ratio: %.1f× (medians), %.1f× (bests)\n" "$(echo "$nx_median / $fc_median" | bc -l)" "$(echo "$nx_best / $fc_best" | bc -l)"

echo "== simulation, 100 000 cases of benchmarks/sim-30.flow"
for i in 1 2 3; do
  t0=$(now); "$bin" analyze benchmarks/sim-30.flow --runs 100000 --format json --no-output --no-suggestions > /dev/null; t1=$(now)
  printf "run %d: %.3f s (whole command: parse, simulate, report; no suggestions)\n" "$i" "$(echo "$t1 - $t0" | bc -l)"
done
