#!/usr/bin/env python3
"""Draws the app icons (public/icons/*.png): a gold star on the portal's blue, plain PNG
written with zlib, no imaging library. Rerun after changing the colours or the shape; the
PNGs are committed."""
import math
import struct
import zlib
from pathlib import Path

BLUE = (0x0B, 0x4A, 0x8B)
GOLD = (0xFF, 0xCD, 0x3C)


def star(cx, cy, outer, inner):
    points = []
    for i in range(10):
        r = outer if i % 2 == 0 else inner
        a = -math.pi / 2 + i * math.pi / 5
        points.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return points


def inside(x, y, poly):
    hit = False
    j = len(poly) - 1
    for i in range(len(poly)):
        xi, yi = poly[i]
        xj, yj = poly[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            hit = not hit
        j = i
    return hit


def icon(size, scale):
    """`scale`: the star's radius as a share of the icon (smaller for maskable icons)."""
    poly = star(size / 2, size / 2 + size * 0.03, size * scale, size * scale * 0.42)
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            # 4 samples a pixel for smooth edges.
            cover = sum(inside(x + dx, y + dy, poly) for dx in (0.25, 0.75) for dy in (0.25, 0.75)) / 4
            row += bytes(round(b * (1 - cover) + g * cover) for b, g in zip(BLUE, GOLD))
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


out = Path(__file__).resolve().parent.parent / "public" / "icons"
out.mkdir(parents=True, exist_ok=True)
for name, size, scale in [("icon-192.png", 192, 0.36), ("icon-512.png", 512, 0.36), ("icon-maskable-512.png", 512, 0.26), ("apple-touch-icon.png", 180, 0.34)]:
    (out / name).write_bytes(icon(size, scale))
    print(out / name)
