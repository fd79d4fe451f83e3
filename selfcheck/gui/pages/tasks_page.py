"""The responsibility list screen (责任清单): every task with its standard, owner, deadline and progress, overdue and
stalled ones first and in red; the selected task's dated progress entries below; set a task, record progress."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfcheck.core import clock
from selfcheck.core import tasks as rules
from selfcheck.core.changes import Changes
from selfcheck.core.printable import printable
from selfcheck.core.records import Problem
from selfcheck.core.tasks import Task
from selfcheck.gui.dialogs.task_dialog import ProgressDialog, TaskDialog
from selfcheck.gui.i18n import current_language
from selfcheck.gui.models.tasks_model import TasksModel
from selfcheck.gui.pages.page import Page
from selfcheck.gui.widgets.panes import panes
from selfcheck.gui.widgets.record_table import record_table
from selfcheck.storage import Store

PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 1  # a history line's progress entry, when it has evidence


class TasksPage(Page, QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.dialog: QDialog | None = None  # the dialog open now (tests drive it)
        self.model = TasksModel(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.alerts_only = QCheckBox(self.tr("只看逾期和停滞(&Y)"))
        self.alerts_only.toggled.connect(lambda _on: self.refresh())
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.alerts_only)

        self.table = record_table(self.model)
        self.table.setAccessibleName(self.tr("责任清单"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col in range(2, 7):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _i: self.record_progress())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())

        self.history = QListWidget()
        self.history.setWordWrap(True)
        self.history.setAccessibleName(self.tr("进展记录"))
        self.history.setToolTip(self.tr("双击带材料的进展，打开它的佐证材料"))
        self.history.itemActivated.connect(self._open_evidence)
        history_box = QWidget()
        history_layout = QVBoxLayout(history_box)
        history_layout.setContentsMargins(0, 0, 0, 0)
        self.history_label = QLabel(self.tr("进展记录"))
        history_layout.addWidget(self.history_label)
        history_layout.addWidget(self.history)
        split = panes(Qt.Orientation.Vertical, (self.table, 3), (history_box, 1))

        self.add_button = QPushButton(self.tr("建立任务(&N)…"))
        self.progress_button = QPushButton(self.tr("记录进展(&P)…"))
        self.add_button.clicked.connect(lambda: self.add_task())
        self.progress_button.clicked.connect(self.record_progress)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.progress_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.table, self.progress_button)
        self.refresh()

    def shows(self, changes: Changes) -> bool:
        return bool(changes.tasks or changes.problems)

    def refresh(self) -> None:
        today = clock.today()
        selected = self.selected_task()
        tasks = self.store.tasks()
        figures = rules.figures(tasks, today)
        if self.alerts_only.isChecked():
            tasks = [t for t in tasks if t.overdue(today) or t.stalled(today)]
        self.model.set_rows(tasks, today, current_language())
        if figures.total:
            text = self.tr("共 {n} 项任务，已完成 {done} 项；逾期 {late} 项，30 天以上无进展 {stalled} 项。").format(
                n=figures.total, done=figures.done, late=figures.overdue, stalled=figures.stalled
            )
        else:
            text = self.tr("还没有任务。点“建立任务”，或在整改台账中为问题建立任务：定标准、定责任、定时间、定进度。")
        self.summary.setText(text)
        self.summary.setStyleSheet("color: #b3261e;" if figures.overdue or figures.stalled else "")
        if selected is not None:
            self.select(selected.id)
        elif self.model.rowCount():
            self.table.selectRow(0)
        self._selection_changed()

    def focus_default(self) -> None:
        (self.table if self.model.rowCount() else self.add_button).setFocus()

    def selected_task(self) -> Task | None:
        model = self.table.selectionModel()
        rows = model.selectedRows() if model else []
        return self.model.task(rows[0].row()) if rows else None

    def select(self, task_id: int) -> bool:
        row = self.model.row_of(task_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def _selection_changed(self) -> None:
        task = self.selected_task()
        self.progress_button.setEnabled(task is not None)
        self.history.clear()
        if task is None:
            self.history_label.setText(self.tr("进展记录"))
            return
        self.history_label.setText(
            self.tr("进展记录：{title}（标准：{standard}）").format(title=task.title, standard=task.standard)
        )
        entries = self.store.progress(task.id)
        for e in reversed(entries):  # the newest first
            line = f"{e.on.isoformat()}  {e.percent}%  {e.note}"
            entry = QListWidgetItem(line)
            if e.evidence_name:
                entry.setText(line + self.tr("（材料：{name}）").format(name=printable(e.evidence_name, 200)))
                entry.setData(PROGRESS_ROLE, e.id)
            self.history.addItem(entry)
        if not entries:
            self.history.addItem(self.tr("还没有进展记录。"))

    def _open_evidence(self, item: QListWidgetItem) -> None:
        """The evidence file kept in the data folder, opened with the program the system uses for it."""
        progress_id = item.data(PROGRESS_ROLE)
        if progress_id is None:
            return
        path = self.store.progress_evidence(int(progress_id))
        if path is not None and path.is_file():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def add_task(self, problem: Problem | None = None) -> TaskDialog:
        dialog = TaskDialog(self.store, problem, self)
        self._open(dialog)
        return dialog

    def record_progress(self) -> ProgressDialog | None:
        task = self.selected_task()
        if task is None:
            return None
        dialog = ProgressDialog(self.store, task, self)
        self._open(dialog)
        return dialog

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: QDialog) -> None:
        saved = getattr(dialog, "saved", None)
        if self.dialog is dialog:
            self.dialog = None
        if isinstance(saved, Task):
            self.refresh()
            self.select(saved.id)
            self.table.setFocus()
