#!/usr/bin/env bash
# From a fresh clone: install what is missing, build, and run
# `flowcut analyze` on the bundled workflows/ (extra arguments are passed on).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product flowcut
.build/release/flowcut analyze "$@"
