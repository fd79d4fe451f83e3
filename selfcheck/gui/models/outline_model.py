"""The filling screen's list: sections with their items, a status column. A model, not a tree of widget items:
the view asks only for the rows on screen, so a 500-item checklist opens without building 500 rows up front, and
an answer repaints one row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

ITEM_ROLE = Qt.ItemDataRole.UserRole  # an item row's id
# Made once: the view asks for every row's flags while laying out, and combining Qt's enums costs more than the rest.
SECTION_FLAGS = Qt.ItemFlag.ItemIsEnabled  # a section heading: not an answer to pick
ITEM_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
NO_FLAGS = Qt.ItemFlag.NoItemFlags
Index = QModelIndex | QPersistentModelIndex
Status = Callable[[str], tuple[str, QBrush]]  # item id -> the status column's text and colour


class OutlineModel(QAbstractItemModel):
    """Top-level rows are the sections, their children the items (`sections`: title and item ids, with each item's
    label). `status` and `progress` are asked when a row is painted, so they always show the page's current state."""

    def __init__(
        self,
        sections: Sequence[tuple[str, Sequence[tuple[str, str, str]]]],
        status: Status,
        progress: Callable[[Sequence[str]], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.titles = [title for title, _ in sections]
        self.items = [[item_id for item_id, _, _ in items] for _, items in sections]
        self.labels = [[label for _, label, _ in items] for _, items in sections]
        self.tips = [[tip for _, _, tip in items] for _, items in sections]
        self.position = {item_id: (s, i) for s, ids in enumerate(self.items) for i, item_id in enumerate(ids)}
        self.status = status
        self.progress = progress
        self._cells: dict[str, tuple[str, QBrush]] = {}  # status cells as last computed: a repaint asks many times
        self.bold = QFont()
        self.bold.setBold(True)
        self.headers = (
            QCoreApplication.translate("FillingPage", "检查项"),
            QCoreApplication.translate("FillingPage", "状态"),
        )

    # ---- the tree's shape: a section row has internal id 0, an item row its section's number plus one --------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not parent.isValid():
            if 0 <= row < len(self.titles) and 0 <= column < 2:
                return self.createIndex(row, column, 0)
            return QModelIndex()
        section = parent.row()
        if parent.internalId() == 0 and 0 <= row < len(self.items[section]) and 0 <= column < 2:
            return self.createIndex(row, column, section + 1)
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.titles)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self.items[parent.row()])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 2

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return NO_FLAGS
        return SECTION_FLAGS if index.internalId() == 0 else ITEM_FLAGS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 2:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = index.column()
        if index.internalId() == 0:
            section = index.row()
            if role == Qt.ItemDataRole.DisplayRole:
                return self.titles[section] if column == 0 else self.progress(self.items[section])
            if role == Qt.ItemDataRole.FontRole and column == 0:
                return self.bold
            return None
        section, row = index.internalId() - 1, index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.labels[section][row] if column == 0 else self._cell(self.items[section][row])[0]
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return self._cell(self.items[section][row])[1]
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return self.tips[section][row]
        if role == ITEM_ROLE:
            return self.items[section][row]
        return None

    def _cell(self, item_id: str) -> tuple[str, QBrush]:
        cell = self._cells.get(item_id)
        if cell is None:
            cell = self._cells[item_id] = self.status(item_id)
        return cell

    # ---- for the page -------------------------------------------------------------------------------------------------

    def index_of(self, item_id: str, column: int = 0) -> QModelIndex:
        section, row = self.position[item_id]
        return self.createIndex(row, column, section + 1)

    def section_index(self, section: int) -> QModelIndex:
        return self.createIndex(section, 0, 0)

    def item_changed(self, item_id: str) -> None:
        """Repaint an item's status and its section's progress: one cell each (a change of more than one cell
        repaints the whole view)."""
        self._cells.pop(item_id, None)
        status = self.index_of(item_id, 1)
        self.dataChanged.emit(status, status)
        progress = self.createIndex(self.position[item_id][0], 1, 0)
        self.dataChanged.emit(progress, progress)

    def all_changed(self) -> None:
        """Repaint every row (after the answers were read again)."""
        self._cells.clear()
        if not self.titles:
            return
        self.dataChanged.emit(self.section_index(0), self.createIndex(len(self.titles) - 1, 1, 0))
        for section, ids in enumerate(self.items):
            if ids:
                self.dataChanged.emit(self.createIndex(0, 0, section + 1), self.createIndex(len(ids) - 1, 1, section + 1))
