#!/usr/bin/env bash
# Byte identity of everything flowcut writes, this checkout against another
# build (default: the commit REV's, built in /tmp): text, JSON and Markdown of
# workflows/ and of the 200-procedure benchmark portfolio, each at two seeds,
# the --compare table in both languages, and a whole output folder (SVG and
# pages included). Prints the files that differ; exits 1 if any does.
#   scripts/identity.sh REV            e.g. scripts/identity.sh 2322ec9
# Differences that a change means to make are named in its commit message.
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:?usage: scripts/identity.sh REV}
old=/tmp/flowcut-identity-$rev
if [ ! -x "$old/.build/release/flowcut" ]; then
  rm -rf "$old"
  git worktree add --detach -f "$old" "$rev" >/dev/null 2>&1
  (cd "$old" && swift build -c release --product flowcut >/dev/null)
fi
swift build -c release --product flowcut >/dev/null
new=.build/release/flowcut
portfolio=benchmarks/data/portfolio-200
[ -d "$portfolio" ] || python3 benchmarks/generate_portfolio.py 200 "$portfolio" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
run() {  # name, then arguments
  local name=$1; shift
  "$old/.build/release/flowcut" "$@" >"$work/old-$name" 2>"$work/old-$name.err" || true
  "$new" "$@" >"$work/new-$name" 2>"$work/new-$name.err" || true
  for suffix in "" .err; do
    if ! cmp -s "$work/old-$name$suffix" "$work/new-$name$suffix"; then
      echo "differs: $name$suffix ($*)"; status=1
    fi
  done
}
for seed in 1 20211213; do
  for format in text json markdown; do
    run "workflows-$format-$seed" analyze workflows --seed "$seed" --format "$format" --no-output --quiet
    run "portfolio-$format-$seed" analyze "$portfolio" --seed "$seed" --runs 2000 --format "$format" --no-output --quiet
  done
done
for lang in en vi; do
  run "compare-$lang" analyze workflows --compare --lang "$lang" --no-output --quiet
  run "text-$lang" analyze workflows --lang "$lang" --no-output --quiet
done
for lang in en vi; do
  "$old/.build/release/flowcut" analyze workflows --lang "$lang" --quiet --out "$work/old-out-$lang" >/dev/null 2>&1 || true
  "$new" analyze workflows --lang "$lang" --quiet --out "$work/new-out-$lang" >/dev/null 2>&1 || true
  if ! diff -r -q -x .previous "$work/old-out-$lang" "$work/new-out-$lang" >/dev/null; then
    diff -r -q -x .previous "$work/old-out-$lang" "$work/new-out-$lang" | sed 's/^/differs: /'; status=1
  fi
done
[ $status -eq 0 ] && echo "identical: every output of $rev's build and this one's"
exit $status
