"""The responsibility list as a table model: one row per task, overdue and stalled ones first and in red, their
cells made once per refresh. Testable without a window."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from selfcheck.core import tasks as rules
from selfcheck.core.tasks import Task

ID_ROLE = Qt.ItemDataRole.UserRole + 1
ALERT = QColor("#b3261e")
COLUMNS = ("title", "standard", "owner", "department", "deadline", "percent", "state")


def _headers() -> list[str]:
    return [
        QCoreApplication.translate("TasksModel", "任务"),
        QCoreApplication.translate("TasksModel", "完成标准"),
        QCoreApplication.translate("TasksModel", "责任人"),
        QCoreApplication.translate("TasksModel", "责任部门"),
        QCoreApplication.translate("TasksModel", "完成时限"),
        QCoreApplication.translate("TasksModel", "进度"),
        QCoreApplication.translate("TasksModel", "状态"),
    ]


class TasksModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = _headers()
        self._tasks: list[Task] = []
        self._cells: list[tuple[str, ...]] = []
        self._alert: list[bool] = []

    def set_rows(self, tasks: list[Task], today: dt.date, language: str = "zh") -> None:
        """Every task at once, ranked (core.tasks.rank: overdue, stalled, in progress, not started, done)."""
        self.beginResetModel()
        self._tasks = sorted(tasks, key=lambda t: rules.rank(t, today))
        self._cells = []
        self._alert = []
        for t in self._tasks:
            state = t.state(today)
            label = state.text(language)
            if state != rules.TaskState.STALLED and t.stalled(today):
                label += QCoreApplication.translate("TasksModel", "，停滞")
            self._cells.append((t.title, t.standard, t.owner, t.department or "", t.deadline.isoformat(), f"{t.percent}%", label))
            self._alert.append(t.overdue(today) or t.stalled(today))
        self.endResetModel()

    def task(self, row: int) -> Task:
        return self._tasks[row]

    def row_of(self, task_id: int) -> int | None:
        return next((n for n, t in enumerate(self._tasks) if t.id == task_id), None)

    def cell(self, row: int, column: int) -> str:
        return self._cells[row][column]

    def alert(self, row: int) -> bool:
        return self._alert[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._tasks)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cells[row][col]
        if role == Qt.ItemDataRole.ForegroundRole and self._alert[row] and COLUMNS[col] in ("title", "deadline", "state"):
            return QBrush(ALERT)
        if role == ID_ROLE:
            return self._tasks[row].id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None
