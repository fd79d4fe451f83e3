"""The responsibility list as a table model: one row per task, overdue and stalled ones first and in red, their
cells made once per refresh. Testable without a window."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from selfcheck.core import tasks as rules
from selfcheck.core.tasks import Task
from selfcheck.gui.models.table_model import TableModel

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


class TasksModel(TableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = _headers()
        self._rows: list[Task] = []
        self._cells: list[tuple[str, ...]] = []
        self._alert: list[bool] = []

    def set_rows(self, tasks: list[Task], today: dt.date, language: str = "zh") -> None:
        """Every task at once, ranked (core.tasks.rank: overdue, stalled, in progress, not started, done)."""
        self.beginResetModel()
        self._rows = sorted(tasks, key=lambda t: rules.rank(t, today))
        self._cells = []
        self._alert = []
        for t in self._rows:
            state = t.state(today)
            label = state.text(language)
            if state != rules.TaskState.STALLED and t.stalled(today):
                label += QCoreApplication.translate("TasksModel", "，停滞")
            self._cells.append((t.title, t.standard, t.owner, t.department or "", t.deadline.isoformat(), f"{t.percent}%", label))
            self._alert.append(t.overdue(today) or t.stalled(today))
        self.endResetModel()

    def task(self, row: int) -> Task:
        return self._rows[row]

    def row_of(self, task_id: int) -> int | None:
        return next((n for n, t in enumerate(self._rows) if t.id == task_id), None)

    def cell(self, row: int, column: int) -> str:
        return self._cells[row][column]

    def alert(self, row: int) -> bool:
        return self._alert[row]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cells[row][col]
        if role == Qt.ItemDataRole.ForegroundRole and self._alert[row] and COLUMNS[col] in ("title", "deadline", "state"):
            return QBrush(ALERT)
        if role == ID_ROLE:
            return self._rows[row].id
        return None
