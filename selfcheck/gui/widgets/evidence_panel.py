"""The evidence files of one item (佐证材料): listed, opened with a double click, added and removed.

Files are copied into the data folder by the store; every write goes through ops.run_op and is broadcast.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QGroupBox, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from selfcheck.gui.models.outline_model import ITEM_ROLE
from selfcheck.gui.ops import run_op
from selfcheck.storage import Store


class EvidencePanel(QGroupBox):
    """`saved` after a file was added or removed."""

    saved = Signal()

    def __init__(self, store: Store, inspection_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("佐证材料（双击打开）"))
        self.store = store
        self.inspection_id = inspection_id
        self.item_id: str | None = None
        self.files = QListWidget()
        self.files.setMaximumHeight(self.fontMetrics().lineSpacing() * 3 + 8)
        self.files.itemDoubleClicked.connect(self.open_file)
        self.attach_button = QPushButton(self.tr("添加材料(&A)…"))
        self.attach_button.clicked.connect(self._choose)
        self.detach_button = QPushButton(self.tr("移除"))
        self.detach_button.clicked.connect(self.detach_selected)
        buttons = QVBoxLayout()  # beside the list, not below it: on a 768-pixel screen every line counts
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.detach_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.files, 1)
        layout.addLayout(buttons)

    def set_locked(self, locked: bool) -> None:
        for w in (self.attach_button, self.detach_button):
            w.setEnabled(not locked)

    def show_item(self, item_id: str) -> None:
        self.item_id = item_id
        self.files.clear()
        for ev in self.store.attachments(self.inspection_id, item_id):
            row = QListWidgetItem(self.tr("{name}（{size} KB）").format(name=ev.name, size=max(1, ev.size // 1024)))
            row.setData(ITEM_ROLE, ev.id)
            row.setToolTip(str(ev.path))
            self.files.addItem(row)

    def attach_file(self, path: str) -> None:
        item_id = self.item_id
        if item_id is None:
            return
        if run_op(self, lambda: self.store.attach_evidence(self.inspection_id, item_id, path)) is not None:
            self.show_item(item_id)
            self.saved.emit()

    def _choose(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("选择佐证材料"))
        for path in paths:
            self.attach_file(path)

    def detach_selected(self) -> None:
        row = self.files.currentItem()
        item_id = self.item_id
        if row is None or item_id is None:
            return
        evidence_id = int(row.data(ITEM_ROLE))
        if run_op(self, lambda: self.store.detach_evidence(evidence_id)) is not None:
            self.show_item(item_id)
            self.saved.emit()

    def open_file(self, row: QListWidgetItem) -> None:
        found = [e for e in self.store.attachments(self.inspection_id) if e.id == row.data(ITEM_ROLE)]
        if found:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(found[0].path)))
