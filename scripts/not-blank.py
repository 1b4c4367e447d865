#!/usr/bin/env python3
"""Checks that each PNG given is not blank: more than 20 colours, and more
than 1% of the pixels (one in 16 sampled) dark enough to be ink. Reads the
PNG with zlib alone, so that the check needs nothing installed.
   python3 scripts/not-blank.py PAGE.png [MORE.png ...]"""
import struct, sys, zlib


def check(path):
    data = open(path, "rb").read()
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
    print(f"{path}: {width}×{height}, {len(colours)} colours, {100 * ink / total:.1f}% ink")
    assert len(colours) > 20 and ink / total > 0.01, "the page looks blank"


for path in sys.argv[1:]:
    check(path)
