#!/usr/bin/env bash
# Opens a meeting page in headless Chromium, takes a screenshot and checks
# that it is not blank (some pixels far from the background, in more than a
# few colours). Installs Debian's chromium when run as root and it is missing.
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
  page=output/giay-phep-dich-vu-viec-lam/index.html
fi
mkdir -p "$(dirname "$png")"
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1600,1400 \
  --screenshot="$png" "file://$(realpath "$page")" 2>/dev/null
python3 - "$png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, width = 8, b"", 0
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        channels = {2: 3, 6: 4}[colour]
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
raw = zlib.decompress(idat)
stride = width * channels
rows, prev, i = [], bytearray(stride), 0
for _ in range(height):
    f = raw[i]; line = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
    for x in range(stride):
        a = line[x - channels] if x >= channels else 0
        b = prev[x]; c = prev[x - channels] if x >= channels else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(line); prev = line
ink, colours = 0, set()
for line in rows[::4]:
    for x in range(0, stride, channels * 4):
        px = tuple(line[x:x + 3]); colours.add(px)
        if sum(px) < 600: ink += 1
total = (height // 4) * (width // 4)
print(f"{sys.argv[1]}: {width}×{height}, {len(colours)} colours, {100 * ink / total:.1f}% ink")
assert len(colours) > 20 and ink / total > 0.01, "the page looks blank"
PY
