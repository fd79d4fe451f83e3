"""Setting a responsibility-list task (定标准、定责任、定时间), standalone or from a ledger problem, and recording its
progress (定进度: a percent, what was done, the day, maybe an evidence file). Each saves through ops.run_op; a refused
save keeps every typed field and names what is missing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from selfcheck.core import clock
from selfcheck.core.records import Problem
from selfcheck.core.tasks import Task
from selfcheck.gui.ops import error_text, run_op
from selfcheck.storage import Store


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def save_or_cancel(dialog: QDialog, save: Callable[[], None]) -> QDialogButtonBox:
    """The buttons of a form: 保存 (Alt+V) runs `save`, 取消 closes the dialog."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Save).setText(QCoreApplication.translate("TaskDialog", "保存(&V)"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(QCoreApplication.translate("TaskDialog", "取消"))
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    return buttons


class TaskDialog(QDialog):
    """A new task; from a problem its description, measure, owner, department and deadline are filled in."""

    def __init__(self, store: Store, problem: Problem | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.problem = problem
        self.saved: Task | None = None
        self.setWindowTitle(self.tr("建立责任清单任务") if problem is None else self.tr("为问题建立任务"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        today = clock.today()
        self.title = QLineEdit(problem.description if problem else "")
        self.standard = QPlainTextEdit(problem.measure or "" if problem else "")
        self.standard.setTabChangesFocus(True)
        self.standard.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.owner = QLineEdit(problem.owner or "" if problem else "")
        self.department = QLineEdit(problem.department or "" if problem else "")
        self.deadline = QDateEdit(
            qdate((problem.deadline if problem and problem.deadline else None) or today + dt.timedelta(days=30))
        )
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        form = QFormLayout()
        for label, widget in (
            (self.tr("任务(&T)："), self.title),
            (self.tr("完成标准(&S)："), self.standard),
            (self.tr("责任人(&O)："), self.owner),
            (self.tr("责任部门(&D)："), self.department),
            (self.tr("完成时限(&L)："), self.deadline),
        ):
            form.addRow(label, widget)
        buttons = save_or_cancel(self, self.save)
        layout = QVBoxLayout(self)
        if problem is not None:
            about = QLabel(self.tr("落实问题 #{id}：{text}").format(id=problem.id, text=problem.description))
            about.setWordWrap(True)
            layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        (self.standard if problem is not None else self.title).setFocus()

    def save(self) -> None:
        def action() -> Task:
            return self.store.add_task(
                self.title.text(),
                standard=self.standard.toPlainText(),
                owner=self.owner.text(),
                department=self.department.text(),
                deadline=pydate(self.deadline.date()),
                problem_id=self.problem.id if self.problem else None,
            )

        def failed(exc: BaseException) -> None:
            self.message.setText(error_text(exc))  # every typed field stays as it was

        result = run_op(self, action, on_failure=failed)
        if result is not None:
            self.saved = result
            self.accept()


class ProgressDialog(QDialog):
    """One progress entry for a task."""

    def __init__(self, store: Store, task: Task, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.task = task
        self.saved: Task | None = None
        self.setWindowTitle(self.tr("记录进展"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        about = QLabel(self.tr("{title}（现在 {percent}%）").format(title=task.title, percent=task.percent))
        about.setWordWrap(True)
        self.percent = QSpinBox()
        self.percent.setRange(0, 100)
        self.percent.setSuffix("%")
        self.percent.setValue(task.percent)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(self.tr("这次做了什么"))
        self.note.setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.on = QDateEdit(qdate(clock.today()))
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.evidence = QLineEdit()
        self.evidence.setPlaceholderText(self.tr("可选：照片、扫描件等"))
        browse = QPushButton(self.tr("选择(&B)…"))
        browse.setAutoDefault(False)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.evidence, 1)
        row.addWidget(browse)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        form = QFormLayout()
        form.addRow(self.tr("完成(&P)："), self.percent)
        form.addRow(self.tr("进展说明(&N)："), self.note)
        form.addRow(self.tr("日期(&D)："), self.on)
        form.addRow(self.tr("佐证材料(&E)："), row)
        buttons = save_or_cancel(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.percent.setFocus()
        self.percent.selectAll()

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("选择佐证材料"))
        if name:
            self.evidence.setText(name)

    def save(self) -> None:
        chosen = self.evidence.text().strip()
        evidence = Path(chosen) if chosen else None
        if evidence is not None and (evidence.is_symlink() or not evidence.is_file()):
            self.message.setText(self.tr("找不到这个文件，或它不是普通文件：{name}").format(name=chosen))
            self.evidence.setFocus()
            return

        def action() -> Task:
            return self.store.add_progress(
                self.task.id,
                percent=self.percent.value(),
                note=self.note.toPlainText(),
                on=pydate(self.on.date()),
                evidence=evidence,
            )

        def failed(exc: BaseException) -> None:
            self.message.setText(error_text(exc))

        result = run_op(self, action, on_failure=failed)
        if result is not None:
            self.saved = result
            self.accept()
