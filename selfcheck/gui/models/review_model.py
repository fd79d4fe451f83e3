"""自评 beside 督评 as a table model: one row per checklist item, the school's own result and points, then for each
review received the reviewer's 督查情况 and points, worse items in red. Cells are computed once per `set_rows`
(core.review's comparison, done by reports/review_service.side_by_side), never per paint. Tested without a window."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from selfcheck.gui.models.table_model import TableModel

WORSE_ROLE = Qt.ItemDataRole.UserRole + 1  # True on a reviewer's cell where the reviewer found the item worse
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2  # the item's id
RED = QColor("#b00020")


class ReviewModel(TableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers: list[str] = []
        self._rows: list[tuple[str, list[str], list[bool], list[str]]] = []  # item id, cells, worse flags, tips

    def set_rows(self, headers: list[str], rows: list[tuple[str, list[str], list[bool], list[str]]]) -> None:
        """All rows at once: (item id, the cells' texts, per cell whether it is a worse finding, per cell a tip)."""
        self.beginResetModel()
        self._headers = headers
        self._rows = rows
        self.endResetModel()

    def cell(self, row: int, column: int) -> str:
        return self._rows[row][1][column]

    def worse(self, row: int, column: int) -> bool:
        return self._rows[row][2][column]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item_id, cells, worse, tips = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return cells[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return tips[column] or cells[column]
        if role == Qt.ItemDataRole.ForegroundRole and worse[column]:
            return QBrush(RED)
        if role == WORSE_ROLE:
            return worse[column]
        if role == ITEM_ROLE:
            return item_id
        return None
