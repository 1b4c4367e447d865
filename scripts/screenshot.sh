#!/usr/bin/env bash
# Opens a meeting page in headless Chromium, takes a screenshot and checks
# that it is not blank (some pixels far from the background, in more than a
# few colours). Installs Debian's chromium when run as root and it is missing.
# Without arguments, also measures the step names on three meeting pages
# (scripts/projector.py).
#   scripts/screenshot.sh [PAGE.html] [OUT.png]
# Default: runs flowcut analyze on workflows/ first and shoots the contract
# example's page and the department's review (output/index.html).
set -euo pipefail
cd "$(dirname "$0")/.."
page=${1:-}
png=${2:-output/screenshot.png}
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    browser=$(command -v chromium)
  else
    echo "needs Debian's chromium: apt-get install -y chromium" >&2; exit 1
  fi
fi
if [ -z "$page" ]; then
  bash scripts/setup.sh
  swift build -c release --product flowcut >/dev/null
  .build/release/flowcut analyze --runs 2000 --quiet > /dev/null
  bash "$0" output/index.html output/screenshot-review.png
  # Step names measured in the browser at 1920x1080 and 1366x768: at least
  # 16 px on a projector; screenshots kept in output/screenshots/.
  python3 scripts/projector.py output output/screenshots
  page=output/giay-phep-dich-vu-viec-lam/index.html
fi
mkdir -p "$(dirname "$png")"
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1600,1400 \
  --screenshot="$png" "file://$(realpath "$page")" 2>/dev/null
python3 scripts/not-blank.py "$png"
