"""Scanned signature and seal images read from a file (or the store) and made ready for the report: decoded within
limits, turned upright, the white paper made transparent and cropped away, scaled down, written as PNG."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QImageReader

from selfcheck.errors import RuleError

MAX_FILE_BYTES = 40 * 1024 * 1024  # a 600 dpi colour A4 scan as JPEG stays well below
MAX_PIXELS = 50_000_000  # decoded, an image this large already needs 200 MB
DECODE_SIDE = 3000  # huge scans are decoded scaled down to this; enough to crop a signature from a page
MAX_SIDE = 1000  # what is kept: the report prints the seal 40 mm wide, about 600 dpi at this size
WHITE_FROM = 235  # grey level from which a pixel counts as paper
INK_UP_TO = 170  # grey level up to which a pixel is fully kept; in between it fades (smooth edges)

# ---- image files -----------------------------------------------------------------------------------------------


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # the stub wants bytes, the binding a str
        raise RuleError("无法生成 PNG 图片", "cannot encode the PNG image")
    buffer.close()
    return bytes(data.data())


def _alpha_table() -> bytes:
    """Grey level → alpha: paper vanishes, ink stays, the edge between fades so strokes are not jagged."""
    table = bytearray(256)
    for g in range(256):
        if g >= WHITE_FROM:
            table[g] = 0
        elif g <= INK_UP_TO:
            table[g] = 255
        else:
            table[g] = round(255 * (WHITE_FROM - g) / (WHITE_FROM - INK_UP_TO))
    return bytes(table)


_ALPHA = _alpha_table()


def _remove_white(image: QImage) -> QImage:
    # bytes.translate maps every grey byte at C speed: no per-pixel Python loop, no numpy needed.
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    raw = bytes(grey.constBits())
    alpha = QImage(raw.translate(_ALPHA), grey.width(), grey.height(), grey.bytesPerLine(), QImage.Format.Format_Grayscale8)
    result = image.convertToFormat(QImage.Format.Format_ARGB32)
    result.setAlphaChannel(alpha.copy())  # Qt multiplies this with any alpha the file already had
    return result


def _crop_to_ink(image: QImage, margin: int) -> QImage:
    """Crop away fully transparent borders (keeping `margin` pixels); an image with nothing visible is kept whole."""
    if not image.hasAlphaChannel():
        return image
    alpha = image.convertToFormat(QImage.Format.Format_Alpha8)
    raw = bytes(alpha.constBits())
    w, h, line = alpha.width(), alpha.height(), alpha.bytesPerLine()
    top = bottom = -1
    left, right = w, -1
    for y in range(h):
        row = raw[y * line : y * line + w]
        stripped = row.lstrip(b"\0")
        if not stripped:
            continue
        if top < 0:
            top = y
        bottom = y
        left = min(left, w - len(stripped))
        right = max(right, len(row.rstrip(b"\0")) - 1)
    if top < 0:
        return image
    x0, y0 = max(0, left - margin), max(0, top - margin)
    x1, y1 = min(w - 1, right + margin), min(h - 1, bottom + margin)
    return image.copy(x0, y0, x1 - x0 + 1, y1 - y0 + 1)


def is_white_backed(png: bytes | None) -> bool:
    """An image whose corners are opaque and near white: a scan still on its paper. Printed over the school's name
    and the date, its white square hides them."""
    if not png:
        return False
    image = QImage.fromData(png)
    if image.isNull():
        return False
    w, h = image.width(), image.height()
    corners = [image.pixelColor(x, y) for x in (0, w - 1) for y in (0, h - 1)]
    return all(c.alpha() > 200 and c.lightness() >= WHITE_FROM for c in corners)


def _has_transparency(image: QImage) -> bool:
    if not image.hasAlphaChannel():
        return False
    converted = image.convertToFormat(QImage.Format.Format_Alpha8)  # kept: constBits() points into it
    alpha = bytes(converted.constBits())
    return alpha.count(0) * 100 > len(alpha)  # a cut-out seal has whole transparent regions, not a stray pixel


def load_image_file(path: str | Path, *, remove_white: bool = False, max_side: int = MAX_SIDE) -> bytes:
    """Read a PNG or JPG scan and return PNG bytes: scaled down to `max_side`, transparency kept.

    With `remove_white`, near-white pixels (the paper) become transparent and the image is cropped to what is
    left, so a signature scanned on white paper sits cleanly on the report. Runs fine in a worker thread
    (QImage, not QPixmap). Unreadable, unsupported or huge files raise RuleError naming the file.
    """
    p = Path(path)
    name = str(p)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise RuleError(
            f"无法读取图片文件 {name}（{exc.strerror}）", f"cannot read the image file {name} ({exc.strerror})"
        ) from None
    if size > MAX_FILE_BYTES:
        mb = MAX_FILE_BYTES // (1024 * 1024)
        raise RuleError(
            f"图片文件 {name} 过大（最大 {mb} MB）；请用较低分辨率重新扫描或另存为 JPG",
            f"the image file {name} is too large ({mb} MB at most): scan at a lower resolution or save it as JPEG",
        )
    from selfcheck.core.stickfile import read_stick_file

    # read through one bounded, non-following, non-blocking open (a FIFO or a link on a stick is refused), then
    # decode from memory: Qt's own file reading would block on a FIFO
    raw = read_stick_file(p, MAX_FILE_BYTES)
    return process_image(raw, name, remove_white=remove_white, max_side=max_side)


def process_image(raw: bytes, name: str, *, remove_white: bool = False, max_side: int = MAX_SIDE) -> bytes:
    """Decode PNG or JPEG bytes (a file just read, or an image the store holds, to process again) into PNG bytes.
    `remove_white` leaves an image that is already transparent (a seal cut out before) as it is."""
    buffer = QBuffer()
    buffer.setData(QByteArray(raw))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)  # phone photos carry their rotation in EXIF
    fmt = bytes(reader.format().data()).decode("ascii", "replace").lower()
    if fmt not in ("png", "jpeg", "jpg"):
        raise RuleError(
            f"{name} 不是 PNG 或 JPG 图片；请选择扫描得到的 PNG 或 JPG 文件",
            f"{name} is not a PNG or JPEG image: choose a scanned PNG or JPEG file",
        )
    dims = reader.size()
    if dims.isValid() and dims.width() * dims.height() > MAX_PIXELS:
        raise RuleError(
            f"图片 {name} 尺寸过大（{dims.width()}×{dims.height()} 像素）；请用较低分辨率重新扫描",
            f"the image {name} is too large ({dims.width()}×{dims.height()} pixels): scan at a lower resolution",
        )
    if dims.isValid() and max(dims.width(), dims.height()) > DECODE_SIDE:
        reader.setScaledSize(dims.scaled(DECODE_SIDE, DECODE_SIDE, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        raise RuleError(
            f"图片 {name} 无法读取（{reader.errorString()}）；文件可能已损坏，请重新扫描或另存一次",
            f"the image {name} cannot be read ({reader.errorString()}): it may be damaged; scan or save it again",
        )
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    if remove_white and not _has_transparency(image):
        image = _crop_to_ink(_remove_white(image), margin=max(4, max(image.width(), image.height()) // 100))
    if max(image.width(), image.height()) > max_side:
        image = image.scaled(max_side, max_side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    return png_bytes(image)
