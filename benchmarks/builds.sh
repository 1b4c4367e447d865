#!/usr/bin/env bash
# Every benchmark of docs/performance.md, this checkout's release build
# against another commit's, side by side in one run: each command runs
# ROUNDS times (default 5), alternating the two builds, and the best and
# median wall times and the peak memory are printed with the ratio new/old.
#   benchmarks/builds.sh REV [ROUNDS]      e.g. benchmarks/builds.sh 2322ec9
# Needs GNU time, bc and python3; inputs are generated into benchmarks/data/.
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:?usage: benchmarks/builds.sh REV [ROUNDS]}
rounds=${2:-5}
old=/tmp/flowcut-identity-$rev
if [ ! -x "$old/.build/release/flowcut" ]; then
  rm -rf "$old"
  git worktree add --detach -f "$old" "$rev" >/dev/null 2>&1
  (cd "$old" && swift build -c release --product flowcut >/dev/null 2>&1)
fi
swift build -c release --product flowcut >/dev/null
new=.build/release/flowcut
old=$old/.build/release/flowcut
d=benchmarks/data
mkdir -p "$d"
[ -f $d/check-1000000.flow ] || python3 benchmarks/generate_flow.py 1000000 $d/check-1000000.flow
[ -f $d/cpm-1000000.flow ] || python3 benchmarks/generate_flow.py 1000000 $d/cpm-1000000.flow --arrows-per-step 2 --edgelist $d/cpm-1000000.edges
[ -f $d/suggest-300/p0000.flow ] || python3 benchmarks/generate_portfolio.py 1 $d/suggest-300 --steps 300 --seed 3 >/dev/null
[ -f $d/suggest-1000/p0000.flow ] || python3 benchmarks/generate_portfolio.py 1 $d/suggest-1000 --steps 1000 --seed 3 >/dev/null
[ -d $d/portfolio-2000 ] || python3 benchmarks/generate_portfolio.py 2000 $d/portfolio-2000 >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

bench() {  # NAME, then the arguments after the binary (OUT stands for a fresh output folder)
  local name=$1; shift
  local o=() n=() om=0 nm=0
  for i in $(seq "$rounds"); do
    for which in old new; do
      local bin=$old; [ $which = new ] && bin=$new
      rm -rf "$out/review"
      local args=("${@//OUT/$out/review}")
      /usr/bin/time -f "%e %M" -o "$out/t" "$bin" "${args[@]}" >/dev/null 2>&1 || true
      read -r s kb < "$out/t"
      if [ $which = old ]; then o+=("$s"); [ "$kb" -gt "$om" ] && om=$kb; else n+=("$s"); [ "$kb" -gt "$nm" ] && nm=$kb; fi
    done
  done
  stats() { printf "%s\n" "$@" | sort -n | awk '{a[NR]=$1} END {printf "%.2f %.2f", a[1], a[int((NR+1)/2)]}'; }
  read -r ob omed <<< "$(stats "${o[@]}")"
  read -r nb nmed <<< "$(stats "${n[@]}")"
  printf "%-38s old best %6s s median %6s s %5d MB | new best %6s s median %6s s %5d MB | new/old %.2f (best) %.2f (median)\n" \
    "$name" "$ob" "$omed" $((om / 1024)) "$nb" "$nmed" $((nm / 1024)) "$(echo "$nb / $ob" | bc -l)" "$(echo "$nmed / $omed" | bc -l)"
}

echo "old: $rev; new: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with uncommitted changes)'); $rounds rounds, alternating; $(nproc) cores"
bench "check, 1 000 000 steps" check $d/check-1000000.flow
bench "critical path, 1 000 000 steps" analyze $d/cpm-1000000.flow --runs 0 --no-output
bench "sim-30, 100 000 cases" analyze benchmarks/sim-30.flow --runs 100000 --format json --no-output --no-suggestions
bench "suggest, 300 in the line" suggest $d/suggest-300/p0000.flow
bench "suggest, 1 000 in the line" suggest $d/suggest-1000/p0000.flow
bench "workflows/, full run" analyze workflows --quiet --out OUT
bench "2 000 procedures, analysis" analyze $d/portfolio-2000 --no-output --quiet --format json
bench "2 000 procedures, full run" analyze $d/portfolio-2000 --quiet --format json --out OUT
