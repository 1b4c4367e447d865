#!/usr/bin/env bash
# Validation of flowcut's simulation against another engine (issue 7):
# exports bundled workflows to BPMN with their Prosimos scenarios
# (flowcut export --to bpmn --scenario), simulates CASES cases with
# Prosimos (the Tartu BPMN simulator, pip-installed into a venv under
# benchmarks/data), and sets its mean cycle time beside flowcut's expected
# lead time for as many simulated cases, with both run times. CASES (default
# 2 000) sets the cases of both: sampling noise at 2 000 cases is a few
# percent for a process with a rework loop; 20 000 brings it under 1%.
# Not part of the unit tests: it needs PyPI and Python 3.11 or 3.12.
#   [CASES=20000] benchmarks/prosimos.sh [WORKFLOW.flow ...]
set -euo pipefail
cd "$(dirname "$0")/.."
flows=("$@")
cases=${CASES:-2000}
[ ${#flows[@]} -gt 0 ] || flows=(workflows/tro-cap-that-nghiep.flow workflows/cap-phep-co-so-cai-nghien.flow workflows/giay-phep-lao-dong-nuoc-ngoai.flow)
venv=benchmarks/data/prosimos-venv
mkdir -p benchmarks/data/prosimos
[ -x "$venv/bin/prosimos" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet prosimos; }
swift build -c release --product flowcut >/dev/null
bin=.build/release/flowcut
now() { date +%s.%N; }
printf "%-44s %14s %14s %8s %10s %10s\n" "workflow ($cases cases)" "flowcut h" "Prosimos h" "gap" "flowcut s" "Prosimos s"
for flow in "${flows[@]}"; do
    name=$(basename "$flow" .flow)
    out=benchmarks/data/prosimos/$name
    "$bin" export "$flow" --to bpmn -o "$out.bpmn" --scenario "$out.json"
    t0=$(now); "$bin" analyze "$flow" --runs "$cases" --format json --no-output --no-suggestions > "$out.flowcut.json"; t1=$(now)
    t2=$(now)
    "$venv/bin/prosimos" start-simulation --bpmn_path "$out.bpmn" --json_path "$out.json" --total_cases "$cases" \
        --stat_out_path "$out.stats.csv" --starting_at "2026-01-05T00:00:00.000000+00:00" > "$out.prosimos.log" 2>&1
    t3=$(now)
    python3 - "$out" "$(echo "$t1 - $t0" | bc -l)" "$(echo "$t3 - $t2" | bc -l)" "$name" <<'PY'
import csv, json, sys
out, fc_s, ps_s, name = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
fc = json.load(open(out + ".flowcut.json"))
fc = fc[0] if isinstance(fc, list) else fc
def find(o, key):
    if isinstance(o, dict):
        if key in o: return o[key]
        for v in o.values():
            r = find(v, key)
            if r is not None: return r
    if isinstance(o, list):
        for v in o:
            r = find(v, key)
            if r is not None: return r
fc_h = find(fc, "expectedLeadTimeHours")
rows = {r[0]: r for r in csv.reader(open(out + ".stats.csv")) if r}
ps_h = float(rows["cycle_time"][3]) / 3600   # name, min, max, avg, total, count
wait = float(rows["waiting_time"][3]) / 3600
gap = (ps_h - fc_h) / fc_h * 100
print(f"{name[:44]:44} {fc_h:14.2f} {ps_h:14.2f} {gap:+7.2f}% {fc_s:10.2f} {ps_s:10.2f}" + (f"  (Prosimos mean waiting {wait:.2f} h)" if wait > 0.01 else ""))
PY
done
