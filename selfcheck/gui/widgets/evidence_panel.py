"""Evidence files (佐证材料), listed, opened with a double click, added and removed: those of one inspection item
(EvidencePanel, on the filling screen) and those of one ledger problem with their phase, 整改前 or 整改后
(ProblemEvidencePanel, in the problem dialog).

Files are copied into the data folder by the store; every write goes through ops.run_op and is broadcast.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfcheck.core.ledger import EVIDENCE_PHASES, phase_label
from selfcheck.gui.i18n import current_language
from selfcheck.gui.models.outline_model import ITEM_ROLE
from selfcheck.gui.ops import run_op
from selfcheck.storage import Store


class _FilesPanel(QGroupBox):
    """The list and its buttons; the subclasses say whose files they are. `saved` after a file was added or
    removed. Its words keep the context they always had, EvidencePanel."""

    saved = Signal()

    def __init__(self, store: Store, title: str, parent: QWidget | None = None, above_buttons: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(title)
        self.store = store
        self._paths: dict[int, Path] = {}
        self.files = QListWidget()
        self.files.setMaximumHeight(self.fontMetrics().lineSpacing() * 3 + 8)
        self.files.itemDoubleClicked.connect(self.open_file)
        self.attach_button = QPushButton(QCoreApplication.translate("EvidencePanel", "添加材料(&A)…"))
        self.attach_button.clicked.connect(self._choose)
        self.detach_button = QPushButton(QCoreApplication.translate("EvidencePanel", "移除"))
        self.detach_button.clicked.connect(self.detach_selected)
        for button in (self.attach_button, self.detach_button):  # Enter in a dialog's field presses its 保存, not these
            button.setAutoDefault(False)
        buttons = QVBoxLayout()  # beside the list, not below it: on a 768-pixel screen every line counts
        if above_buttons is not None:
            buttons.addWidget(above_buttons)
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.detach_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.files, 1)
        layout.addLayout(buttons)

    def set_locked(self, locked: bool) -> None:
        for w in (self.attach_button, self.detach_button):
            w.setEnabled(not locked)

    def _show_rows(self, rows: Sequence[tuple[int, str, Path]]) -> None:
        self.files.clear()
        self._paths = {}
        for evidence_id, text, path in rows:
            row = QListWidgetItem(text)
            row.setData(ITEM_ROLE, evidence_id)
            row.setToolTip(str(path))
            self._paths[evidence_id] = path
            self.files.addItem(row)

    def _size(self, size: int) -> str:
        return str(max(1, size // 1024))

    def _choose(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # the dialog's class is loaded when it is opened, not at the start

        paths, _ = QFileDialog.getOpenFileNames(self, QCoreApplication.translate("EvidencePanel", "选择佐证材料"))
        if paths:
            self.attach_files(paths)

    def attach_files(self, paths: Sequence[str]) -> None:
        for path in paths:
            self.attach_file(path)

    def attach_file(self, path: str) -> None:
        raise NotImplementedError

    def detach_selected(self) -> None:
        raise NotImplementedError

    def open_file(self, row: QListWidgetItem) -> None:
        path = self._paths.get(int(row.data(ITEM_ROLE)))
        if path is not None:
            from PySide6.QtCore import QUrl
            from PySide6.QtGui import QDesktopServices

            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class EvidencePanel(_FilesPanel):
    """The evidence files of one inspection item."""

    def __init__(self, store: Store, inspection_id: int, parent: QWidget | None = None) -> None:
        super().__init__(store, "", parent)
        self.setTitle(self.tr("佐证材料（双击打开）"))
        self.inspection_id = inspection_id
        self.item_id: str | None = None

    def show_item(self, item_id: str) -> None:
        self.item_id = item_id
        self._show_rows(
            [
                (ev.id, self.tr("{name}（{size} KB）").format(name=ev.name, size=self._size(ev.size)), ev.path)
                for ev in self.store.attachments(self.inspection_id, item_id)
            ]
        )

    def attach_file(self, path: str) -> None:
        item_id = self.item_id
        if item_id is None:
            return
        if run_op(self, lambda: self.store.attach_evidence(self.inspection_id, item_id, path)) is not None:
            self.show_item(item_id)
            self.saved.emit()

    def detach_selected(self) -> None:
        row = self.files.currentItem()
        item_id = self.item_id
        if row is None or item_id is None:
            return
        evidence_id = int(row.data(ITEM_ROLE))
        if run_op(self, lambda: self.store.detach_evidence(evidence_id)) is not None:
            self.show_item(item_id)
            self.saved.emit()


class ProblemEvidencePanel(_FilesPanel):
    """The evidence files of one ledger problem, each of a phase: 整改前 (what was found) or 整改后 (the fix, which
    the close-out rests on). The phase chosen above the buttons is the one the next files are added as: 整改前 while
    the problem is 待整改, 整改后 once work on it has begun."""

    def __init__(self, store: Store, problem_id: int, parent: QWidget | None = None) -> None:
        phase = QComboBox()
        super().__init__(store, "", parent, above_buttons=phase)
        self.phase = phase
        self.setTitle(self.tr("整改前后的佐证材料（双击打开）"))
        for key in EVIDENCE_PHASES:
            self.phase.addItem(phase_label(key, current_language()), key)
        self.phase.setToolTip(self.tr("添加的材料是整改前（发现问题时）还是整改后（整改完成后）的"))
        self.phase.setAccessibleName(self.tr("材料阶段"))
        self.problem_id = problem_id
        self.reload()

    def set_phase(self, key: str) -> None:
        self.phase.setCurrentIndex(max(0, self.phase.findData(key)))

    def reload(self) -> None:
        language = current_language()
        self._show_rows(
            [
                (
                    ev.id,
                    self.tr("{phase} · {name}（{size} KB）").format(
                        phase=phase_label(ev.phase, language), name=ev.name, size=self._size(ev.size)
                    ),
                    ev.path,
                )
                for ev in self.store.problem_attachments(self.problem_id)
            ]
        )

    def attach_files(self, paths: Sequence[str]) -> None:
        """All the files chosen at once, of the phase shown: one store write (all or none)."""
        phase = str(self.phase.currentData())
        if run_op(self, lambda: self.store.attach_problem_evidence(self.problem_id, phase, list(paths))) is not None:
            self.reload()
            self.saved.emit()

    def attach_file(self, path: str) -> None:
        self.attach_files([path])

    def detach_selected(self) -> None:
        row = self.files.currentItem()
        if row is None:
            return
        evidence_id = int(row.data(ITEM_ROLE))
        if run_op(self, lambda: self.store.detach_problem_evidence(evidence_id)) is not None:
            self.reload()
            self.saved.emit()
