"""The principal's signature drawn with the mouse, and scanned signature or seal images loaded from files.

Both end as PNG bytes for `Store.set_school_images`: transparent where the paper was, cropped to the ink,
small enough for the report's sign-and-stamp block and for the store's 4 MB limit.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
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
from selfcheck.gui.widgets.scan_image import is_white_backed, load_image_file, png_bytes, process_image

# The pad's own coordinates: strokes are kept in a 600 × 200 canvas whatever the widget's size, so a resize
# (or a different screen scaling) never distorts what was drawn and the pen keeps its proportion.
CANVAS_W, CANVAS_H = 600.0, 200.0
PEN_WIDTH = 4.0  # in canvas units: a felt-tip line at any widget size
INK = QColor(16, 24, 64)  # blue-black, like a signing pen
OUT_W, OUT_H = 600, 200  # the PNG's box; the report prints the signature 45 × 16 mm, about 300 dpi at this size


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
        return png_bytes(image.convertToFormat(QImage.Format.Format_ARGB32))

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
        # On by default: a scan (JPG, or any opaque image) keeps its paper, and on the report that white square would
        # hide the school's name and the date under the seal. An image already transparent is left as it is.
        self.white_box.setChecked(True)
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
        self._redone = False  # the saved image processed again (its white background removed): to be saved
        self.white_warning = QLabel()
        self.white_warning.setWordWrap(True)
        self.white_warning.setStyleSheet("color: #b3261e;")
        self.white_warning.hide()
        load_layout.insertWidget(load_layout.indexOf(self.preview), self.white_warning)
        if current:
            self._loaded = current
            self.preview.set_png(current)
            self.file_label.setText(QCoreApplication.translate("SignaturePad", "当前已保存的图片；可以选择新的文件替换。"))
            if is_white_backed(current):  # saved before with its paper: fixed here, from the stored image
                self.white_box.blockSignals(True)
                self.white_box.setChecked(False)
                self.white_box.blockSignals(False)
                self.white_warning.setText(
                    QCoreApplication.translate(
                        "SignaturePad",
                        "这张图片带有白色底色，盖在报告上会遮住学校名称和日期。勾选“去除白色背景”后保存即可修正，无需重新扫描。",
                    )
                )
                self.white_warning.show()
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
        return self._loaded if self._path or self._redone else None

    def source(self) -> str:
        """What saving will leave, for a summary: "drawn", "file" (both new), "saved" (kept as it is) or "none"."""
        if self.drawing() and self.pad is not None and not self.pad.is_empty():
            return "drawn"
        if not self.drawing() and (self._path or self._redone) and self._loaded is not None:
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
        elif self._saved:
            self.redo_saved()

    def redo_saved(self) -> None:
        """Process the image the store holds again with the box as it is now (its white background removed, or the
        stored image back as it was), off the GUI thread; saving keeps the result."""
        saved = self._saved
        assert saved is not None
        if not self.white_box.isChecked():
            self._redone = False
            self._loaded = saved
            self.preview.set_png(saved)
            self.white_warning.setVisible(is_white_backed(saved))
            self.changed.emit()
            return
        self._busy = True
        self.changed.emit()
        name = QCoreApplication.translate("SignaturePad", "当前已保存的图片")

        def done(data: object) -> None:
            assert isinstance(data, bytes)
            self._busy = False
            self._redone = True
            self._loaded = data
            self.preview.set_png(data)
            self.white_warning.hide()
            self.file_label.setText(QCoreApplication.translate("SignaturePad", "已去除白色背景；请保存以使用新图片。"))
            self.changed.emit()

        def failed(exc: BaseException) -> None:
            self._busy = False
            self.changed.emit()
            show_error(self, exc)

        run_op(self, lambda: process_image(saved, name, remove_white=True), in_thread=True, on_success=done, on_failure=failed)

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
