#!/usr/bin/env bash
# The test suite under AddressSanitizer (and LeakSanitizer), then the suites
# that run work on several threads at once under ThreadSanitizer: parsing a
# file in two halves, loading and analysing a folder in parallel, drawing
# with Graphviz beside the analyses, the review written by the CLI.
#   bash scripts/sanitizers.sh [address|thread]   (default: both)
# Each sanitizer builds in its own folder (.build/asan, .build/tsan).
# What the suppression files leave out, and why, is written in them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
which=${1:-both}
here=$PWD/scripts/sanitizers
# Tests that measure memory or time are skipped under a sanitizer (its
# shadow memory and checks are what they would measure).
export FLOWCUT_SANITIZER=1

if [ "$which" = both ] || [ "$which" = address ]; then
  echo "== AddressSanitizer: every suite" >&2
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
  export LSAN_OPTIONS="suppressions=$here/lsan.supp:print_suppressions=0"
  swift build --build-tests --sanitize=address --scratch-path .build/asan
  swift test --skip-build --sanitize=address --scratch-path .build/asan
fi

if [ "$which" = both ] || [ "$which" = thread ]; then
  echo "== ThreadSanitizer: the parallel suites" >&2
  export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$here/tsan.supp"
  swift build --build-tests --sanitize=thread --scratch-path .build/tsan
  swift test --skip-build --sanitize=thread --scratch-path .build/tsan \
    --filter 'ParallelParseTests|MalformedInputTests|HostileInputTests|FacadeTests|RenderTests|ReviewFolderTests|CLITests'
fi
