#!/usr/bin/env bash
# Runs each libFuzzer target (fuzz/: the .flow front end, the BPMN and CSV
# importers, the records tables, the Word and Excel readers) for SECONDS (default 60) with AddressSanitizer, from the seed
# corpus kept in the repository (workflows/, the golden cases,
# Tests/Regressions/) and, where present, ../shared/bpmn-miwg. A crash is
# written to fuzz/findings/; make it a regression file in Tests/Regressions
# and a test. Prints the executions of each target; exits 1 if this run
# found anything (CI runs it for a few seconds a target, so that the
# targets keep building and a regression of a fixed crash is caught).
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
# lld: gold crashes reading the sanitizers' debug information here.
flags=(-c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld)
swift build --package-path fuzz "${flags[@]}" >/dev/null
bin=$(swift build --package-path fuzz "${flags[@]}" --show-bin-path)
# Leaks are findings too, less those of libraries the suppressions name
# (ZIPFoundation's 28 bytes per archive opened: scripts/sanitizers/lsan.supp).
export LSAN_OPTIONS="suppressions=$PWD/scripts/sanitizers/lsan.supp:print_suppressions=0"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p fuzz/findings "$work/flow" "$work/bpmn" "$work/table" "$work/office"
cp workflows/*.flow Tests/FlowcutLanguageTests/Cases/*.flow "$work/flow/"
cp Tests/Regressions/bpmn/*.bpmn "$work/bpmn/"
[ -d ../shared/bpmn-miwg ] && cp ../shared/bpmn-miwg/*.bpmn "$work/bpmn/" || true
cp Tests/Regressions/csv/*.csv Tests/Fixtures/records/*.csv "$work/table/"
printf 'Bước,Nội dung công việc,Trách nhiệm thực hiện,Thời gian thực hiện\n1,Tiếp nhận,Bộ phận Một cửa,"0,5 ngày"\n2,Thẩm định,Chuyên viên,2 ngày\n' > "$work/table/seed.csv"
# Whole documents and workbooks, and their parts' XML on their own.
cp Tests/Fixtures/decision/* Tests/Fixtures/records/*.xlsx "$work/office/"
python3 - "$work/office" <<'PY'
import sys, zipfile, glob, os
for path in glob.glob(os.path.join(sys.argv[1], "*.docx")) + glob.glob(os.path.join(sys.argv[1], "*.xlsx")):
    try:
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if name in ("word/document.xml",) or name.startswith("xl/worksheets/"):
                    open(path + "." + name.replace("/", "_"), "wb").write(z.read(name))
    except Exception:
        pass
PY
before=$(ls fuzz/findings | wc -l)
unfinished=0
for target in flow bpmn table office; do
  name=Fuzz$(echo "$target" | sed 's/flow/Flow/; s/bpmn/BPMN/; s/table/Table/; s/office/Office/')
  "$bin/$name" -max_total_time="$seconds" -max_len=40000 -rss_limit_mb=4096 -timeout=10 \
    -artifact_prefix=fuzz/findings/"$target"- "$work/$target" > "$work/$target.log" 2>&1 || true
  runs=$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$work/$target.log" | tail -1 || true)
  crashes=$(ls fuzz/findings 2>/dev/null | grep -c "^$target-" || true)
  echo "$name: ${runs:-did not finish}; findings: $crashes"
  if [ -z "$runs" ]; then
    unfinished=1
    # CI keeps only what is printed: the report and each finding, as base64.
    grep -v -E '^#[0-9]+' "$work/$target.log" | tail -40 >&2
    for finding in fuzz/findings/"$target"-*; do
      [ -f "$finding" ] || continue
      echo "$finding (base64):" >&2
      head -c 20000 "$finding" | base64 >&2
    done
  fi
done
if [ "$(ls fuzz/findings | wc -l)" -gt "$before" ] || [ "$unfinished" = 1 ]; then
  echo "new findings in fuzz/findings, or a target that did not finish" >&2
  exit 1
fi
