#!/usr/bin/env bash
# Installs what flowcut needs that a fresh Debian 12 machine with the Swift
# toolchain lacks: Graphviz's, libxml2's and zlib's C libraries (linked in-process), pkg-config to
# find it, and the DejaVu fonts the diagrams use. Root installs with
# apt-get; anyone else is told the exact command.
set -euo pipefail
needed=()
pkg-config --exists libgvc 2>/dev/null || needed+=(libgraphviz-dev)
pkg-config --exists libxml-2.0 2>/dev/null || needed+=(libxml2-dev)
# ZIPFoundation (the .docx and .xlsx reader) inflates with zlib.
[ -e /usr/include/zlib.h ] || needed+=(zlib1g-dev)
command -v pkg-config >/dev/null || needed+=(pkg-config)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || needed+=(fonts-dejavu-core)
if [ ${#needed[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "flowcut needs: ${needed[*]}. Run as root:" >&2
  echo "  apt-get update && apt-get install -y ${needed[*]}" >&2
  exit 1
fi
echo "installing ${needed[*]} …" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
