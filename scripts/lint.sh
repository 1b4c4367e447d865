#!/usr/bin/env bash
# The committed .swift-format configuration, applied to every Swift file:
# fails on any finding. `swift format -i -r Sources Tests Package.swift`
# fixes what it can (and fuzz/ the same way).
set -euo pipefail
cd "$(dirname "$0")/.."
swift format lint --strict -r Sources Tests Package.swift fuzz/Package.swift fuzz/Sources
echo "lint: clean"
