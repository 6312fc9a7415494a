"""Placeholder icons as PNG, written with zlib alone (no imaging library): a 192×192 colour icon
(white shield on the accent colour) and a 32×32 outline icon (white on transparent), as Teams wants."""

from __future__ import annotations

import struct
import zlib

ACCENT = (0x0B, 0x5C, 0xAB)


def png(width: int, height: int, pixel) -> bytes:
    """An RGBA PNG; `pixel(x, y)` -> (r, g, b, a)."""
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def _in_shield(u: float, v: float) -> bool:
    """(u, v) in 0..1: a shield, flat on top, pointed at the bottom."""
    if not (0.2 <= u <= 0.8 and 0.15 <= v <= 0.85):
        return False
    if v <= 0.55:
        return True
    half = 0.3 * (0.85 - v) / 0.30  # narrows to the point
    return abs(u - 0.5) <= half


def color_icon(size: int = 192) -> bytes:
    def pixel(x, y):
        return (255, 255, 255, 255) if _in_shield(x / size, y / size) else (*ACCENT, 255)

    return png(size, size, pixel)


def outline_icon(size: int = 32) -> bytes:
    def pixel(x, y):
        u, v = (x + 0.5) / size, (y + 0.5) / size
        inside = _in_shield(u, v)
        near = ((0.07, 0), (-0.07, 0), (0, 0.07), (0, -0.07))
        edge = inside and not all(_in_shield(u + du, v + dv) for du, dv in near)
        return (255, 255, 255, 255) if edge else (0, 0, 0, 0)

    return png(size, size, pixel)


if __name__ == "__main__":  # python -m teams.manifest.icons: rewrite the placeholder PNGs in this folder
    from pathlib import Path

    here = Path(__file__).resolve().parent
    (here / "color.png").write_bytes(color_icon())
    (here / "outline.png").write_bytes(outline_icon())
