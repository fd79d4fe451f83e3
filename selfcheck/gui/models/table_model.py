"""What every flat table model here shares: its rows in a list, its columns named by their titles, nothing beneath
a row. A model keeps its rows in `_rows` and its columns in `_headers`, and says what a cell shows in `data`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt


class TableModel(QAbstractTableModel):
    _rows: Sequence[Any] = ()
    _headers: Sequence[str] = ()  # the columns' titles, or the keys `header` turns into titles

    def header(self, section: int) -> str:
        """A column's title (shown as it is unless a model translates its keys here)."""
        return self._headers[section]

    def header_tip(self, section: int) -> str | None:
        """A column title's tooltip, where it needs one."""
        return None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.header(section)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.header_tip(section)
        return None
