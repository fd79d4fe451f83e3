"""The clue register (问题线索) as a table model and its filter: testable without a window. The contact is shown
masked unless the page asks for it (the principal's choice, off by default)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from selfcheck.core.clues import Clue, Stage
from selfcheck.gui.i18n import current_language
from selfcheck.gui.models.table_model import TableModel

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # dates as dates, stages in their order
CLUE_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's Clue

COLUMNS = ("id", "received_on", "source", "summary", "contact", "staff", "stage", "finding", "accountability", "problems")
_TITLES = {
    "id": QT_TRANSLATE_NOOP("CluesModel", "编号"),
    "received_on": QT_TRANSLATE_NOOP("CluesModel", "受理日期"),
    "source": QT_TRANSLATE_NOOP("CluesModel", "来源（渠道）"),
    "summary": QT_TRANSLATE_NOOP("CluesModel", "反映内容"),
    "contact": QT_TRANSLATE_NOOP("CluesModel", "联系方式"),
    "staff": QT_TRANSLATE_NOOP("CluesModel", "涉及人员"),
    "stage": QT_TRANSLATE_NOOP("CluesModel", "办理阶段"),
    "finding": QT_TRANSLATE_NOOP("CluesModel", "核查结论"),
    "accountability": QT_TRANSLATE_NOOP("CluesModel", "追责问责"),
    "problems": QT_TRANSLATE_NOOP("CluesModel", "整改问题"),
}
CONCLUDED_FOREGROUND = QColor("#6b6b6b")
TRUE_FOREGROUND = QColor("#b3261e")


def column(key: str) -> int:
    return COLUMNS.index(key)


def _tr(text: str) -> str:
    return QCoreApplication.translate("CluesModel", text)


class CluesModel(TableModel):
    """One row per clue; `set_rows` replaces them, `update_rows` repaints a few in place."""

    _headers = COLUMNS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Clue] = []
        self.reveal_contact = False

    def set_rows(self, clues: Iterable[Clue]) -> None:
        self.beginResetModel()
        self._rows = list(clues)
        self.endResetModel()

    def update_rows(self, clues: Iterable[Clue]) -> None:
        """Replace the rows of these clues (by id) and add new ones at the end."""
        where = {c.id: n for n, c in enumerate(self._rows)}
        for clue in clues:
            n = where.get(clue.id)
            if n is None:
                self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
                self._rows.append(clue)
                self.endInsertRows()
            else:
                self._rows[n] = clue
                self.dataChanged.emit(self.index(n, 0), self.index(n, len(COLUMNS) - 1))

    def set_reveal_contact(self, reveal: bool) -> None:
        self.reveal_contact = reveal
        if self._rows:
            col = column("contact")
            self.dataChanged.emit(self.index(0, col), self.index(len(self._rows) - 1, col))

    def clue(self, row: int) -> Clue:
        return self._rows[row]

    def row_of(self, clue_id: int) -> int | None:
        return next((n for n, c in enumerate(self._rows) if c.id == clue_id), None)

    def header(self, section: int) -> str:
        return _tr(_TITLES[COLUMNS[section]])

    def text(self, clue: Clue, key: str) -> str:
        if key == "id":
            return str(clue.id)
        if key == "received_on":
            return clue.received_on.isoformat()
        if key == "source":
            return f"{clue.source}（{clue.channel}）"
        if key == "contact":
            return (clue.contact if self.reveal_contact else clue.masked) or ""
        if key == "stage":
            return clue.stage.en.capitalize() if current_language() == "en" else clue.stage.value
        if key == "problems":
            return "、".join(f"#{p}" for p in clue.problem_ids)
        value = getattr(clue, key)
        return "" if value is None else str(value)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        clue = self._rows[index.row()]
        key = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(clue, key)
        if role == CLUE_ROLE:
            return clue
        if role == SORT_ROLE:
            if key == "id":
                return clue.id
            if key == "received_on":
                return clue.received_on.toordinal()
            if key == "stage":
                return clue.stage.rank
            return self.text(clue, key)
        if role == Qt.ItemDataRole.ForegroundRole:
            if clue.stage == Stage.CONCLUDED:
                return CONCLUDED_FOREGROUND
            if key == "finding" and clue.found_true:
                return TRUE_FOREGROUND
        return None


class CluesFilter(QSortFilterProxyModel):
    """Filter by stage (None: all; "open": not yet 办结) and by a search over the summary, source and staff."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._stage: Stage | str | None = "open"
        self._search = ""

    def set_stage(self, stage: Stage | str | None) -> None:
        self.beginFilterChange()
        self._stage = stage
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._search = text.strip()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, CluesModel)
        clue = model.clue(source_row)
        if self._stage == "open" and clue.stage == Stage.CONCLUDED:
            return False
        if isinstance(self._stage, Stage) and clue.stage != self._stage:
            return False
        if self._search:
            haystack = " ".join(v for v in (clue.summary, clue.source, clue.staff or "", clue.handling or "") if v)
            return self._search in haystack
        return True
