#!/usr/bin/env bash
# Benchmark of issue 16: a 200-procedure decision appendix (.docx, written
# by benchmarks/generate_decision.py) imported into 200 .flow files.
# Target: under 2 s. Beside it, in the same rounds, python-docx (the
# library a reviewer's script would use) only reading every table's cell
# texts of the same file — less work than the import, which also finds the
# headers, reads the times, checks each procedure and writes it.
# ROUNDS rounds (default 5), alternating; medians and flowcut's peak RSS.
#   benchmarks/decision.sh [ROUNDS] [PROCEDURES]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
n=${2:-200}
swift build -c release --product flowcut >/dev/null
bin=.build/release/flowcut
mkdir -p benchmarks/data
doc=benchmarks/data/decision-$n.docx
[ -f "$doc" ] || python3 benchmarks/generate_decision.py "$n" "$doc"
python3 -c "import docx" 2>/dev/null || { echo "python-docx is not installed: pip install python-docx" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
seconds() { local t0 t1; t0=$(date +%s.%N); "$@" > /dev/null 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }
flowcut_runs=(); peer_runs=()
for i in $(seq "$rounds"); do
  flowcut_runs+=("$(seconds "$bin" import "$doc" -o "$work/out-$i")")
  peer_runs+=("$(seconds python3 -c "
import docx, sys
d = docx.Document(sys.argv[1])
cells = sum(len(c.text) >= 0 for t in d.tables for r in t.rows for c in r.cells)
" "$doc")")
done
written=$(ls "$work/out-1" | wc -l)
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
rss_file=$(mktemp); /usr/bin/time -o "$rss_file" -f "%M" "$bin" import "$doc" -o "$work/rss" > /dev/null 2>&1; rss=$(tail -1 "$rss_file"); rm -f "$rss_file"
printf "%d-procedure decision (%d KiB): flowcut import %.2f s (%d .flow files, peak RSS %d MB); python-docx reading its tables %.2f s (medians of %d)\n" \
  "$n" "$(( $(stat -c %s "$doc") / 1024 ))" "$(median "${flowcut_runs[@]}")" "$written" "$((rss / 1024))" "$(median "${peer_runs[@]}")" "$rounds"
