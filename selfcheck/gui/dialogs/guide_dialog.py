"""The user guide in the app (F1): docs/用户指南.md, shipped with the app, rendered offline by Qt's own Markdown
reader, with its table of contents beside it and a search box above."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QImage, QPixmap, QTextBlock, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from selfcheck.gui.widgets.panes import panes


def guide_path() -> Path:
    """docs/用户指南.md beside the package, or inside the frozen app (build.spec ships it with its screenshots)."""
    from selfcheck.storage.paths import user_guide

    return user_guide()


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, path: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("用户指南"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        path = path or guide_path()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("在指南中查找（回车查找下一处）"))
        self.search.setAccessibleName(self.tr("在指南中查找"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.find_next)
        self.search.textEdited.connect(lambda _t: self.find_next(from_top=True))
        self.previous_button = QPushButton(self.tr("上一处(&P)"))
        self.next_button = QPushButton(self.tr("下一处(&N)"))
        for button in (self.previous_button, self.next_button):
            button.setAutoDefault(False)  # Enter in the search box goes on searching, it does not click a button
        self.previous_button.clicked.connect(lambda: self.find_next(backward=True))
        self.next_button.clicked.connect(lambda: self.find_next())
        self.found = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("查找(&F)")), 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.previous_button)
        top.addWidget(self.next_button)
        top.addWidget(self.found)
        top.itemAt(0).widget().setBuddy(self.search)  # type: ignore[attr-defined]

        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setAccessibleName(self.tr("用户指南"))
        self.contents = QTreeWidget()
        self.contents.setHeaderLabel(self.tr("目录"))
        self.contents.setAccessibleName(self.tr("目录"))
        self.contents.itemActivated.connect(self._go)
        self.contents.itemClicked.connect(self._go)
        split = panes(Qt.Orientation.Horizontal, (self.contents, 1), (self.browser, 3))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self._fitted_to = 0
        self._refit = QTimer(self, singleShot=True, interval=150)
        self._refit.timeout.connect(self._fit_images)
        self.browser.viewport().installEventFilter(self)
        self._load(path)
        em = self.fontMetrics().horizontalAdvance("字")
        self.resize(em * 70, em * 44)
        self.search.setFocus()

    def _load(self, path: Path) -> None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            text = self.tr("# 找不到用户指南\n\n程序文件夹中缺少 {path}。请重新安装本程序。").format(path=path)
        self.browser.setSearchPaths([str(path.parent)])  # the guide's screenshots, by their relative names
        self.browser.setMarkdown(text)
        self._wrap_code()
        self._fit_images()
        self._fill_contents()

    def _wrap_code(self) -> None:
        """Code blocks (commands, CLI output) wrap like the text round them: Qt keeps their lines whole, which
        would need sideways scrolling for the one long line."""
        document = self.browser.document()
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        block = document.begin()
        while block.isValid():
            shape = block.blockFormat()
            if shape.nonBreakableLines():
                shape.setNonBreakableLines(False)
                cursor.setPosition(block.position())
                cursor.setBlockFormat(shape)
            block = block.next()
        cursor.endEditBlock()
        self.browser.document().clearUndoRedoStacks()

    def _fit_images(self) -> None:
        """The screenshots are 1366 pixels wide: shown as wide as the text pane (never wider than they are, never
        narrower than 20 characters), height kept in proportion, so the text needs no sideways scrolling; fitted
        anew when the pane's width changes."""
        em = self.fontMetrics().horizontalAdvance("字")
        document = self.browser.document()
        widest = max(em * 20, self.browser.viewport().width() - int(2 * document.documentMargin()) - 8)
        if widest == self._fitted_to:
            return
        self._fitted_to = widest
        top = self.browser.cursorForPosition(QPoint(0, 0)).block()  # the text at the top stays there
        scroll = self.browser.verticalScrollBar()
        below = scroll.value() - self.heading_top(top)
        block = document.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                image = fragment.charFormat().toImageFormat() if fragment.charFormat().isImageFormat() else None
                size = self._picture_size(image.name()) if image is not None else QSize()
                if image is not None and size.isValid():
                    width = min(size.width(), widest)
                    image.setWidth(width)
                    image.setHeight(size.height() * width / size.width())
                    cursor = QTextCursor(document)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                    cursor.setCharFormat(image)
                it += 1
            block = block.next()
        if scroll.value() > 0:
            scroll.setValue(self.heading_top(top) + below)

    def _picture_size(self, name: str) -> QSize:
        picture = self.browser.document().resource(QTextDocument.ResourceType.ImageResource.value, QUrl(name))
        if isinstance(picture, QImage | QPixmap):
            return picture.size()
        return QImage.fromData(picture).size() if picture is not None else QSize()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.browser.viewport() and event.type() == QEvent.Type.Resize:
            self._refit.start()  # once the resizing stops: refitting relays the whole guide out
        return super().eventFilter(watched, event)

    def _fill_contents(self) -> None:
        """The headings as Qt read them (block heading levels), so the contents match what is shown."""
        self.contents.clear()
        parents: list[tuple[int, QTreeWidgetItem | None]] = [(0, None)]
        block = self.browser.document().begin()
        while block.isValid():
            level = block.blockFormat().headingLevel()
            if 0 < level <= 3 and block.text().strip():
                while parents[-1][0] >= level:
                    parents.pop()
                parent = parents[-1][1]
                item = QTreeWidgetItem([block.text().strip()])
                item.setData(0, Qt.ItemDataRole.UserRole, block.position())
                if parent is None:
                    self.contents.addTopLevelItem(item)
                else:
                    parent.addChild(item)
                parents.append((level, item))
            block = block.next()
        self.contents.expandToDepth(0)

    def headings(self) -> list[str]:
        out: list[str] = []

        def walk(item: QTreeWidgetItem) -> None:
            out.append(item.text(0))
            for i in range(item.childCount()):
                walk(item.child(i))

        for i in range(self.contents.topLevelItemCount()):
            walk(self.contents.topLevelItem(i))
        return out

    def show_section(self, number: str) -> bool:
        """Go to the heading numbered `number` ("2A.4", "12."), as the contents would; False when there is none."""
        found = self.contents.findItems(number, Qt.MatchFlag.MatchStartsWith | Qt.MatchFlag.MatchRecursive)
        if not found:
            return False
        self.contents.setCurrentItem(found[0])
        self._go(found[0])
        return True

    def _go(self, item: QTreeWidgetItem) -> None:
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(int(item.data(0, Qt.ItemDataRole.UserRole)))
        self.browser.setTextCursor(cursor)
        block = cursor.block()
        self.browser.verticalScrollBar().setValue(self.heading_top(block))  # the heading at the top
        # and again once a resize or the first show has laid the text out anew (the heading would drift)
        QTimer.singleShot(0, self, lambda: self.browser.verticalScrollBar().setValue(self.heading_top(block)))

    def heading_top(self, block: QTextBlock) -> int:
        return int(self.browser.document().documentLayout().blockBoundingRect(block).top())

    def find_next(self, *, backward: bool = False, from_top: bool = False) -> bool:
        """Select the next place the search text occurs (wrapping round); say so when it occurs nowhere."""
        text = self.search.text()
        if not text:
            self.found.setText("")
            return False
        if from_top:
            self.browser.moveCursor(QTextCursor.MoveOperation.Start)
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        hit = self.browser.find(text, flags)
        if not hit:  # wrap round once
            self.browser.moveCursor(QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start)
            hit = self.browser.find(text, flags)
        self.found.setText("" if hit else self.tr("没有找到"))
        return bool(hit)
