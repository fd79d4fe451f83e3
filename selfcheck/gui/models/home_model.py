"""The school's inspections as a table model: one row per inspection, its cells computed once per refresh from
the store's cached figures (`Store.summaries`), never per paint. Testable without a window."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from selfcheck.gui.models.table_model import TableModel

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the inspection's id


class HomeModel(TableModel):
    def __init__(self, headers: list[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = headers
        self._rows: list[tuple[int, tuple[str, ...]]] = []

    def set_rows(self, rows: list[tuple[int, tuple[str, ...]]]) -> None:
        """Every row at once: (inspection id, the cells' texts). One reset, so the view measures once."""
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def ids(self) -> list[int]:
        return [iid for iid, _ in self._rows]

    def cell(self, row: int, column: int) -> str:
        return self._rows[row][1][column]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        iid, cells = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cells[index.column()]
        if role == ID_ROLE:
            return iid
        return None
