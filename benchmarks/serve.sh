#!/usr/bin/env bash
# Benchmark of flowcut serve (issue 17): what-if round trips on the bundled
# procedures and a generated 40-step one at 10,000 cases, beside re-running
# `flowcut analyze` on the file with the build BASE (today's way of trying a
# change); then one edited file in a 2,000-procedure review. The earlier
# build is made in a worktree under /tmp (never committed).
#   benchmarks/serve.sh [BASE] [REPEAT]   (BASE default 8a22699, before serve)
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-8a22699}
repeat=${2:-10}
. benchmarks/base.sh
build_both "$base"
forty=benchmarks/data/forty
[ -d "$forty" ] || python3 benchmarks/generate_portfolio.py 1 "$forty" --steps 40 >/dev/null
dir=benchmarks/data/portfolio-2000
[ -d "$dir" ] || python3 benchmarks/generate_portfolio.py 2000 "$dir" >/dev/null
python3 benchmarks/serve.py .build/release/flowcut "$tree/.build/release/flowcut" \
  --forty "$(find "$forty" -name '*.flow' | head -1)" --portfolio "$dir" --repeat "$repeat"
