"""Draw the application icon with Qt alone: PNGs at 16–256 px and a Windows .ico holding them all.

Run from the checkout: `QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_icon.py`. It writes
`resources/icons/selfcheck-<size>.png`, `selfcheck.png` (256 px, for the window icon) and `selfcheck.ico`.

The design: a red rounded square (the colour of an official seal), a white 自 (自查, self-inspection)
and a gold check mark over its lower right corner. Below 32 px the character turns to mush, so the small
sizes show the check mark alone, larger and centred.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QImageWriter,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
SIZES = (16, 24, 32, 48, 64, 128, 256)
RED_TOP, RED_BOTTOM = QColor("#d4382c"), QColor("#a3201a")
GOLD = QColor("#ffd54a")
SMALL = 32  # below this, no character


def _font_family() -> str:
    """The bundled CJK sans face, so the icon looks the same wherever it is drawn."""
    font_id = QFontDatabase.addApplicationFont(str(FONT))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        raise SystemExit(f"cannot load {FONT}: the icon needs its CJK font")
    return families[0]


def _check_path(box: QRectF) -> QPainterPath:
    """A check mark inside `box`: short stroke down, long stroke up."""
    path = QPainterPath()
    path.moveTo(box.left(), box.top() + box.height() * 0.55)
    path.lineTo(box.left() + box.width() * 0.38, box.bottom())
    path.lineTo(box.right(), box.top())
    return path


def draw(size: int, family: str) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    s = float(size)

    # the tile, with a one-pixel margin at small sizes so the corners do not touch the edge
    margin = max(0.5, s * 0.03)
    tile = QRectF(margin, margin, s - 2 * margin, s - 2 * margin)
    gradient = QLinearGradient(tile.topLeft(), tile.bottomLeft())
    gradient.setColorAt(0.0, RED_TOP)
    gradient.setColorAt(1.0, RED_BOTTOM)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(gradient)
    radius = s * 0.2
    p.drawRoundedRect(tile, radius, radius)

    if size < SMALL:
        pen = QPen(QColor("white"), max(2.0, s * 0.16))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(_check_path(QRectF(s * 0.24, s * 0.28, s * 0.52, s * 0.42)))
        p.end()
        return image

    font = QFont(family)
    font.setPixelSize(round(s * 0.66))
    font.setBold(True)
    p.setFont(font)
    p.setPen(QColor("white"))
    p.drawText(QRectF(0, -s * 0.04, s * 0.86, s * 0.92), Qt.AlignmentFlag.AlignCenter, "自")

    # the check mark: a dark outline under the gold stroke keeps it readable over the white character
    box = QRectF(s * 0.5, s * 0.52, s * 0.38, s * 0.3)
    check = _check_path(box)
    for colour, width in ((RED_BOTTOM.darker(130), s * 0.15), (GOLD, s * 0.09)):
        pen = QPen(colour, width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(check)
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"png"))
    if not writer.write(image):
        raise SystemExit(f"Qt could not encode a PNG: {writer.errorString()}")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO container of PNG-compressed images (read by Windows Vista and later, and by Qt and PyInstaller).

    Layout: ICONDIR (reserved 0, type 1, count), one 16-byte ICONDIRENTRY per image, then the images.
    A width or height of 256 is written as 0.
    """
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = [], []
    for size in sizes:
        blob = pngs[size]
        side = 0 if size >= 256 else size
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return header + b"".join(entries) + b"".join(blobs)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    family = _font_family()
    ICONS.mkdir(parents=True, exist_ok=True)
    pngs = {size: png_bytes(draw(size, family)) for size in SIZES}
    for size, blob in pngs.items():
        (ICONS / f"selfcheck-{size}.png").write_bytes(blob)
    (ICONS / "selfcheck.png").write_bytes(pngs[256])
    (ICONS / "selfcheck.ico").write_bytes(ico_bytes(pngs))
    print(f"wrote {len(pngs)} PNGs and selfcheck.ico to {ICONS}")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
