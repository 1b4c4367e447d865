#!/usr/bin/env bash
# Validates `flowcut export --to bpmn` of every bundled workflow against the
# OMG BPMN 2.0 XML schemas (BPMN20.xsd with its DI, DC and Semantic parts,
# taken from the SpiffWorkflow wheel on PyPI) with xmllint (Debian's
# libxml2-utils). Not part of the unit tests: it needs PyPI.
#   benchmarks/bpmn_schema.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v xmllint >/dev/null || { echo "needs xmllint: apt-get install libxml2-utils" >&2; exit 1; }
data=benchmarks/data/bpmn-schema
schema=$data/SpiffWorkflow/bpmn/parser/schema/BPMN20.xsd
if [ ! -f "$schema" ]; then
    mkdir -p "$data"
    pip download --quiet --no-deps -d "$data" 'spiffworkflow==3.2.0'
    python3 -m zipfile -e "$data"/spiffworkflow-3.2.0-py3-none-any.whl "$data"
fi
swift build -c release --product flowcut >/dev/null
failed=0
for flow in workflows/*.flow; do
    out=$data/$(basename "$flow" .flow).bpmn
    .build/release/flowcut export "$flow" -o "$out"
    xmllint --noout --schema "$schema" "$out" 2>&1 | tail -1 || failed=1
done
exit $failed
