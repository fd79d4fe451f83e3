"""The principal's signature drawn with the mouse, and scanned signature or seal images loaded from files.

Both end as PNG bytes for `Store.set_school_images`: transparent where the paper was, cropped to the ink,
small enough for the report's sign-and-stamp block and for the store's 4 MB limit.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QEvent, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QImageReader,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from selfcheck.errors import RuleError
from selfcheck.gui.ops import run_op, show_error

# The pad's own coordinates: strokes are kept in a 600 × 200 canvas whatever the widget's size, so a resize
# (or a different screen scaling) never distorts what was drawn and the pen keeps its proportion.
CANVAS_W, CANVAS_H = 600.0, 200.0
PEN_WIDTH = 4.0  # in canvas units: a felt-tip line at any widget size
INK = QColor(16, 24, 64)  # blue-black, like a signing pen
OUT_W, OUT_H = 600, 200  # the PNG's box; the report prints the signature 45 × 16 mm, about 300 dpi at this size

MAX_FILE_BYTES = 40 * 1024 * 1024  # a 600 dpi colour A4 scan as JPEG stays well below
MAX_PIXELS = 50_000_000  # decoded, an image this large already needs 200 MB
DECODE_SIDE = 3000  # huge scans are decoded scaled down to this; enough to crop a signature from a page
MAX_SIDE = 1000  # what is kept: the report prints the seal 40 mm wide, about 600 dpi at this size
WHITE_FROM = 235  # grey level from which a pixel counts as paper
INK_UP_TO = 170  # grey level up to which a pixel is fully kept; in between it fades (smooth edges)


# ---- image files -----------------------------------------------------------------------------------------------


def _png_bytes(image: QImage) -> bytes:
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
    if remove_white:
        image = _crop_to_ink(_remove_white(image), margin=max(4, max(image.width(), image.height()) // 100))
    if max(image.width(), image.height()) > max_side:
        image = image.scaled(max_side, max_side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    return _png_bytes(image)


# ---- the pad ---------------------------------------------------------------------------------------------------


def _stroke_path(points: list[QPointF]) -> QPainterPath:
    """A smooth line through the points: quadratic segments between midpoints, each sampled point a control point."""
    path = QPainterPath(points[0])
    if len(points) == 1:
        path.lineTo(points[0] + QPointF(0.01, 0))  # a dot: a round cap on a zero-length line
        return path
    for i in range(1, len(points) - 1):
        mid = (points[i] + points[i + 1]) / 2
        path.quadTo(points[i], mid)
    path.lineTo(points[-1])
    return path


class SignaturePad(QWidget):
    """Sign with the mouse (or a pen tablet). `undo()` (Ctrl+Z here) takes back the last stroke, `clear()` all."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._strokes: list[list[QPointF]] = []
        self._paths: list[QPainterPath] = []  # finished strokes, built once
        self._current: list[QPointF] | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(QCoreApplication.translate("SignaturePad", "签名板"))
        self.setToolTip(QCoreApplication.translate("SignaturePad", "按住鼠标左键书写；Ctrl+Z 撤销一笔"))
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)

    # -- what it holds

    def is_empty(self) -> bool:
        return not self._strokes

    def stroke_count(self) -> int:
        return len(self._strokes)

    def clear(self) -> None:
        if self._strokes or self._current:
            self._strokes.clear()
            self._paths.clear()
            self._current = None
            self.update()
            self.changed.emit()

    def undo(self) -> None:
        if self._strokes:
            self._strokes.pop()
            self._paths.pop()
            self.update()
            self.changed.emit()

    def to_png(self) -> bytes:
        """The strokes as a PNG: transparent background, cropped to the ink with a margin, about 600 × 200."""
        if not self._paths:
            raise RuleError("签名板上还没有签名", "nothing has been drawn on the signature pad")
        bounds = QRectF()
        for path in self._paths:
            bounds = bounds.united(path.boundingRect())
        margin = PEN_WIDTH * 2
        bounds.adjust(-margin, -margin, margin, margin)
        scale = min(OUT_W / bounds.width(), OUT_H / bounds.height())
        scale = max(1.0, min(scale, 4.0))  # a tiny scribble is not blown up into a blur
        size = QSize(max(1, round(bounds.width() * scale)), max(1, round(bounds.height() * scale)))
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        painter.translate(-bounds.topLeft())
        self._draw_strokes(painter, self._paths)
        painter.end()
        return _png_bytes(image.convertToFormat(QImage.Format.Format_ARGB32))

    # -- geometry: widget ↔ canvas

    def _canvas_rect(self) -> QRectF:
        """Where the 3:1 canvas sits in the widget: as large as fits, centred."""
        scale = min(self.width() / CANVAS_W, self.height() / CANVAS_H)
        w, h = CANVAS_W * scale, CANVAS_H * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def _to_canvas(self, pos: QPointF) -> QPointF:
        r = self._canvas_rect()
        scale = r.width() / CANVAS_W
        x = min(max((pos.x() - r.x()) / scale, 0.0), CANVAS_W)
        y = min(max((pos.y() - r.y()) / scale, 0.0), CANVAS_H)
        return QPointF(x, y)

    def sizeHint(self) -> QSize:
        em = self.fontMetrics().horizontalAdvance("签")
        return QSize(em * 30, em * 10)

    def minimumSizeHint(self) -> QSize:
        em = self.fontMetrics().horizontalAdvance("签")
        return QSize(em * 18, em * 6)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(self.minimumSizeHint().height(), round(width * CANVAS_H / CANVAS_W))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.update()

    # -- drawing

    def _draw_strokes(self, painter: QPainter, paths: list[QPainterPath]) -> None:
        pen = QPen(INK, PEN_WIDTH, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for path in paths:
            painter.drawPath(path)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().window())
        r = self._canvas_rect()
        painter.fillRect(r, QColor("white"))
        frame = QColor(INK)
        frame.setAlpha(140 if self.hasFocus() else 60)
        painter.setPen(QPen(frame, 2 if self.hasFocus() else 1))
        painter.drawRect(r.adjusted(0.5, 0.5, -0.5, -0.5))
        scale = r.width() / CANVAS_W
        base_y = r.y() + r.height() * 0.75
        painter.setPen(QPen(QColor(170, 170, 170), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(r.x() + r.width() * 0.06, base_y), QPointF(r.right() - r.width() * 0.06, base_y))
        if not self._strokes and not self._current:
            painter.setPen(QColor(140, 140, 140))
            painter.drawText(
                r, Qt.AlignmentFlag.AlignCenter, QCoreApplication.translate("SignaturePad", "请在此处按住鼠标左键签名")
            )
        painter.translate(r.topLeft())
        painter.scale(scale, scale)
        paths = list(self._paths)
        if self._current:
            paths.append(_stroke_path(self._current))
        self._draw_strokes(painter, paths)
        painter.end()

    def event(self, event: QEvent) -> bool:
        # claim Ctrl+Z while the pad has focus, before a window-wide Undo shortcut takes it (as QLineEdit does)
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Undo)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo()
            event.accept()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._current = [self._to_canvas(event.position())]
            self.update()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._current is not None and event.buttons() & Qt.MouseButton.LeftButton:
            point = self._to_canvas(event.position())
            last = self._current[-1]
            if abs(point.x() - last.x()) + abs(point.y() - last.y()) >= 0.75:  # drop jitter below a pixel
                self._current.append(point)
                self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._current is not None:
            point = self._to_canvas(event.position())
            if point != self._current[-1]:
                self._current.append(point)
            self._strokes.append(self._current)
            self._paths.append(_stroke_path(self._current))
            self._current = None
            self.update()
            self.changed.emit()


# ---- choosing an image: draw or load (the wizard and the settings dialog) ----------------------------------------


def ask_image_path(parent: QWidget | None, title: str) -> str | None:
    """The file to load, or None when cancelled (module level so tests can answer it without a modal dialog)."""
    path, _ = QFileDialog.getOpenFileName(
        parent, title, os.path.expanduser("~"), QCoreApplication.translate("SignaturePad", "图片 (*.png *.jpg *.jpeg)")
    )
    return path or None


class _Preview(QWidget):
    """The chosen image over a light checkerboard, so transparent parts show as transparent."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image = QImage()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_png(self, data: bytes | None) -> None:
        self._image = QImage.fromData(data) if data else QImage()
        self.update()

    def minimumSizeHint(self) -> QSize:
        em = self.fontMetrics().horizontalAdvance("图")
        return QSize(em * 14, em * 6)

    def sizeHint(self) -> QSize:
        em = self.fontMetrics().horizontalAdvance("图")
        return QSize(em * 24, em * 9)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        tile = QPixmap(16, 16)
        tile.fill(QColor(255, 255, 255))
        tp = QPainter(tile)
        tp.fillRect(0, 0, 8, 8, QColor(230, 230, 230))
        tp.fillRect(8, 8, 8, 8, QColor(230, 230, 230))
        tp.end()
        painter.fillRect(self.rect(), tile)
        painter.setPen(QColor(190, 190, 190))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        if self._image.isNull():
            painter.setPen(QColor(120, 120, 120))
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, QCoreApplication.translate("SignaturePad", "（尚未选择图片）")
            )
        else:
            box = self.rect().adjusted(6, 6, -6, -6)
            size = self._image.size().scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
            if size.width() > self._image.width():  # never enlarge a small image past its pixels x2
                size = self._image.size().scaled(
                    min(box.width(), self._image.width() * 2),
                    min(box.height(), self._image.height() * 2),
                    Qt.AspectRatioMode.KeepAspectRatio,
                )
            x = box.x() + (box.width() - size.width()) // 2
            y = box.y() + (box.height() - size.height()) // 2
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(QRectF(x, y, size.width(), size.height()), self._image)
        painter.end()


class ImageChooser(QWidget):
    """Draw a signature on the pad or load a scan (kind "signature"), or load the seal (kind "seal"), with a preview.

    `image()` is the PNG to save, or None when nothing was chosen (the step may be skipped).
    """

    changed = Signal()

    def __init__(self, kind: str, parent: QWidget | None = None, *, current: bytes | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self._loaded: bytes | None = None
        self._path: str | None = None
        self._busy = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        load_box = QWidget()
        load_layout = QVBoxLayout(load_box)
        row = QHBoxLayout()
        # the two choosers share the settings dialog's images tab: different mnemonics keep Alt+key unambiguous
        if kind == "signature":
            self.load_button = QPushButton(QCoreApplication.translate("SignaturePad", "选择签名图片(&O)…"))
            self.white_box = QCheckBox(QCoreApplication.translate("SignaturePad", "去除白色背景(&W)"))
        else:
            self.load_button = QPushButton(QCoreApplication.translate("SignaturePad", "选择公章图片(&E)…"))
            self.white_box = QCheckBox(QCoreApplication.translate("SignaturePad", "去除白色背景(&H)"))
        self.load_button.clicked.connect(self._choose)
        self.white_box.setChecked(kind == "signature")
        self.white_box.setToolTip(QCoreApplication.translate("SignaturePad", "把扫描件上接近白色的纸面变为透明，并裁去四周空白"))
        self.white_box.toggled.connect(self._reload)
        row.addWidget(self.load_button)
        row.addStretch(1)
        load_layout.addLayout(row)
        load_layout.addWidget(self.white_box)  # on its own line: the seal's column in settings is narrow
        self.file_label = QLabel(QCoreApplication.translate("SignaturePad", "支持 PNG、JPG；过大的扫描件会自动缩小。"))
        self.file_label.setWordWrap(True)
        load_layout.addWidget(self.file_label)
        self.preview = _Preview()
        load_layout.addWidget(self.preview, 1)

        if kind == "signature":
            draw_box = QWidget()
            draw_layout = QVBoxLayout(draw_box)
            self.pad: SignaturePad | None = SignaturePad()
            self.pad.changed.connect(self.changed)
            draw_layout.addWidget(self.pad, 1)
            buttons = QHBoxLayout()
            self.undo_button = QPushButton(QCoreApplication.translate("SignaturePad", "撤销一笔(&U)"))
            self.undo_button.clicked.connect(self.pad.undo)
            self.clear_button = QPushButton(QCoreApplication.translate("SignaturePad", "清除(&R)"))
            self.clear_button.clicked.connect(self.pad.clear)
            buttons.addWidget(self.undo_button)
            buttons.addWidget(self.clear_button)
            buttons.addStretch(1)
            draw_layout.addLayout(buttons)
            self.tabs: QTabWidget | None = QTabWidget()
            self.tabs.addTab(draw_box, QCoreApplication.translate("SignaturePad", "用鼠标手写(&D)"))
            self.tabs.addTab(load_box, QCoreApplication.translate("SignaturePad", "载入扫描图片(&L)"))
            self.tabs.currentChanged.connect(self.changed)
            layout.addWidget(self.tabs, 1)
        else:
            self.pad = None
            self.tabs = None
            layout.addWidget(load_box, 1)

        self._saved = current  # what the store holds now; kept when nothing new is chosen
        if current:
            self._loaded = current
            self.preview.set_png(current)
            self.file_label.setText(QCoreApplication.translate("SignaturePad", "当前已保存的图片；可以选择新的文件替换。"))
            if self.tabs is not None:
                self.tabs.setCurrentIndex(1)  # show what is saved; drawing anew is one tab away

    def is_busy(self) -> bool:
        return self._busy

    def drawing(self) -> bool:
        return self.tabs is not None and self.tabs.currentIndex() == 0

    def image(self) -> bytes | None:
        """The newly chosen PNG (drawn, or loaded from a file) to save, or None when nothing new was chosen."""
        if self.drawing():
            assert self.pad is not None
            return None if self.pad.is_empty() else self.pad.to_png()
        return self._loaded if self._path else None

    def source(self) -> str:
        """What saving will leave, for a summary: "drawn", "file" (both new), "saved" (kept as it is) or "none"."""
        if self.drawing() and self.pad is not None and not self.pad.is_empty():
            return "drawn"
        if not self.drawing() and self._path and self._loaded is not None:
            return "file"
        return "saved" if self._saved else "none"

    def _choose(self) -> None:
        title = (
            QCoreApplication.translate("SignaturePad", "选择签名图片")
            if self.kind == "signature"
            else QCoreApplication.translate("SignaturePad", "选择公章图片")
        )
        path = ask_image_path(self, title)
        if path:
            self.load_file(path)

    def _reload(self) -> None:
        if self._path:
            self.load_file(self._path)

    def load_file(self, path: str) -> None:
        """Read the file off the GUI thread; the preview updates when it is done, an error is shown."""
        self._busy = True
        self.load_button.setEnabled(False)
        self.file_label.setText(QCoreApplication.translate("SignaturePad", "正在读取 {name}…").format(name=Path(path).name))
        remove_white = self.white_box.isChecked()
        self.changed.emit()  # busy now: a wizard page holds Next until the file is read

        def done(data: object) -> None:
            assert isinstance(data, bytes)
            self._busy = False
            self.load_button.setEnabled(True)
            self._path = path
            self._loaded = data
            self.preview.set_png(data)
            image = QImage.fromData(data)
            self.file_label.setText(
                QCoreApplication.translate("SignaturePad", "已载入：{name}（{w}×{h} 像素）").format(
                    name=Path(path).name, w=image.width(), h=image.height()
                )
            )
            self.changed.emit()

        def failed(exc: BaseException) -> None:
            self._busy = False
            self.load_button.setEnabled(True)
            if self._loaded is None:
                self.file_label.setText(QCoreApplication.translate("SignaturePad", "未能载入图片，请选择其他文件。"))
            else:
                self.file_label.setText(QCoreApplication.translate("SignaturePad", "未能载入新图片；仍使用之前的图片。"))
            self.changed.emit()
            show_error(self, exc)

        run_op(self, lambda: load_image_file(path, remove_white=remove_white), in_thread=True, on_success=done, on_failure=failed)
