"""Small PNG images for tests and docs, written with zlib (no imaging library needed)."""

from __future__ import annotations

import math
import struct
import zlib


def png(width: int, height: int, pixel: object) -> bytes:
    """An RGBA PNG; pixel(x, y) -> (r, g, b, a)."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            rows.extend(pixel(x, y))  # type: ignore[operator]

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(rows))) + chunk(b"IEND", b"")


def seal(size: int = 160) -> bytes:
    """A red ring with a star, on a transparent background: enough to show where the seal goes."""
    c = size / 2

    def pixel(x: int, y: int) -> tuple[int, int, int, int]:
        r = math.hypot(x - c, y - c)
        angle = math.atan2(y - c, x - c)
        star = r < c * 0.28 * (0.6 + 0.4 * math.cos(5 * (angle + math.pi / 2)))
        ring = c * 0.84 < r < c * 0.95
        return (200, 20, 20, 200) if ring or star else (0, 0, 0, 0)

    return png(size, size, pixel)


def signature(width: int = 240, height: int = 80) -> bytes:
    """A pen-like stroke."""

    def pixel(x: int, y: int) -> tuple[int, int, int, int]:
        curve = height / 2 + math.sin(x / 18) * height / 4 + math.sin(x / 7) * 4
        return (20, 20, 60, 255) if abs(y - curve) < 2.2 and 10 < x < width - 10 else (0, 0, 0, 0)

    return png(width, height, pixel)
