"""The rectification ledger (整改台账) as a table model and its filter: testable without a window."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from selfcheck.core import clock
from selfcheck.core.ledger import OPEN_STATUSES, Status, source_label
from selfcheck.core.records import Inspection, Problem
from selfcheck.gui.i18n import current_language
from selfcheck.gui.models.table_model import TableModel

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # a key that sorts as people expect (dates as dates, status by workflow)
PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's Problem
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 3  # days past the deadline, 0 when not overdue

# Column keys in display order; the titles are translated in headerData.
COLUMNS = ("id", "description", "source", "measure", "owner", "department", "deadline", "status", "overdue")
_TITLES = {
    "id": QT_TRANSLATE_NOOP("LedgerModel", "编号"),
    "description": QT_TRANSLATE_NOOP("LedgerModel", "问题"),
    "source": QT_TRANSLATE_NOOP("LedgerModel", "来源"),
    "measure": QT_TRANSLATE_NOOP("LedgerModel", "整改措施"),
    "owner": QT_TRANSLATE_NOOP("LedgerModel", "责任人"),
    "department": QT_TRANSLATE_NOOP("LedgerModel", "责任部门"),
    "deadline": QT_TRANSLATE_NOOP("LedgerModel", "整改期限"),
    "status": QT_TRANSLATE_NOOP("LedgerModel", "状态"),
    "overdue": QT_TRANSLATE_NOOP("LedgerModel", "逾期"),
}

OVERDUE_BACKGROUND = QColor("#fdecea")
OVERDUE_FOREGROUND = QColor("#b3261e")
CLOSED_FOREGROUND = QColor("#6b6b6b")
_NO_DATE = dt.date.max.toordinal()  # a problem without deadline sorts after every dated one


def column(key: str) -> int:
    return COLUMNS.index(key)


@functools.lru_cache(maxsize=256)
def _translated(language: str, text: str) -> str:
    return QCoreApplication.translate("LedgerModel", text)


def _tr(text: str) -> str:
    """The model's texts in the UI language, looked up once per language (thousands of rows ask for the same few)."""
    return _translated(current_language(), text)


class ItemRef(NamedTuple):
    """How a checklist item is named in the source column (short) and its tooltip (full)."""

    short: str
    full: str


class _Row:
    """One problem with the texts and keys computed once, so painting and sorting do no work."""

    __slots__ = ("days_overdue", "display", "haystack", "problem", "sort", "tips")

    def __init__(self, problem: Problem, source: str, source_tip: str, today: dt.date) -> None:
        self.problem = problem
        days = (today - problem.deadline).days if problem.deadline and problem.overdue(today) else 0
        self.days_overdue = days
        p = problem
        deadline = p.deadline.isoformat() if p.deadline else ""
        overdue = _tr(QT_TRANSLATE_NOOP("LedgerModel", "逾期 {n} 天")).format(n=days) if days else ""
        self.display: dict[str, str] = {
            "id": str(p.id),
            "description": p.description,
            "source": source,
            "measure": p.measure or "",
            "owner": p.owner or "",
            "department": p.department or "",
            "deadline": deadline,
            "status": p.status.text(current_language()),
            "overdue": overdue,
        }
        self.sort: dict[str, Any] = {
            "id": p.id,
            "description": p.description,
            "source": source,
            "measure": p.measure or "",
            "owner": p.owner or "",
            "department": p.department or "",
            "deadline": p.deadline.toordinal() if p.deadline else _NO_DATE,
            "status": p.status.rank,  # workflow order (待整改 → 整改中 → 已整改 → 已销号), not code point
            "overdue": days,
        }
        description_tip = p.description
        if p.status == Status.CLOSED:
            description_tip += "\n" + _tr(QT_TRANSLATE_NOOP("LedgerModel", "销号：{who}，{day}；证据：{evidence}")).format(
                who=p.verified_by or "", day=p.verified_on.isoformat() if p.verified_on else "", evidence=p.evidence or ""
            )
        # What a search looks in: every column a person sees, and the close-out details; folded once, here.
        self.haystack = "\n".join(
            [*self.display.values(), f"#{p.id}", p.verified_by or "", p.evidence or "", p.item_id or ""]
        ).casefold()
        self.tips: dict[str, str] = {
            "description": description_tip,
            "source": source_tip,
            "measure": p.measure or _tr(QT_TRANSLATE_NOOP("LedgerModel", "尚未填写整改措施")),
            "deadline": deadline or _tr(QT_TRANSLATE_NOOP("LedgerModel", "未设整改期限")),
            "overdue": _tr(QT_TRANSLATE_NOOP("LedgerModel", "已过整改期限 {n} 天，尚未整改完成")).format(n=days) if days else "",
        }


class LedgerModel(TableModel):
    """All problems across inspections. `set_rows` replaces them; `upsert` repaints one after a save."""

    _headers = COLUMNS

    def __init__(self, parent: QObject | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []
        self._today = today
        self._inspections: Mapping[int, Inspection] = {}
        self._titles: Mapping[str, str] = {}
        self._items: Mapping[tuple[int, str], ItemRef] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._row_day: dt.date | None = None

    def today(self) -> dt.date:
        return self._today or clock.today()

    def set_rows(
        self,
        problems: Iterable[Problem],
        inspections_by_id: Mapping[int, Inspection],
        checklists_titles: Mapping[str, str],
        item_refs: Mapping[tuple[int, str], ItemRef] | None = None,
        today: dt.date | None = None,
    ) -> None:
        """Show these problems. item_refs maps (inspection id, item id) to how the item is named."""
        self.beginResetModel()
        if today is not None:
            self._today = today
        self._inspections = dict(inspections_by_id)
        self._titles = dict(checklists_titles)
        self._items = dict(item_refs or {})
        self._row_day = self.today()  # asked of the clock once, not once per row
        try:
            self._rows = [self._row(p) for p in problems]
        finally:
            self._row_day = None
        if self._sort is not None:
            key, descending = COLUMNS[self._sort[0]], self._sort[1] == Qt.SortOrder.DescendingOrder
            self._rows.sort(key=lambda r: (r.sort[key], r.problem.id), reverse=descending)
        self.endResetModel()

    def upsert(self, problem: Problem) -> int:
        """Replace the row of this problem (or append it); returns its row."""
        for n, row in enumerate(self._rows):
            if row.problem.id == problem.id:
                self._rows[n] = self._row(problem)
                self.dataChanged.emit(self.index(n, 0), self.index(n, len(COLUMNS) - 1))
                return n
        n = len(self._rows)
        self.beginInsertRows(QModelIndex(), n, n)
        self._rows.append(self._row(problem))
        self.endInsertRows()
        return n

    def remove(self, problem_id: int) -> None:
        n = self.row_of(problem_id)
        if n is not None:
            self.beginRemoveRows(QModelIndex(), n, n)
            del self._rows[n]
            self.endRemoveRows()

    def add_ref(self, inspection_id: int, item_id: str, ref: ItemRef | None) -> None:
        """How a new problem's item is named (the rows made at the last reset know theirs)."""
        if ref is not None:
            self._items = {**self._items, (inspection_id, item_id): ref}

    def _row(self, p: Problem) -> _Row:
        parts: list[str] = []
        tips: list[str] = []
        if p.source == "review":  # a reviewer's finding (督查), named first: the column is narrow
            parts.append(source_label(p.source, current_language()))
            tips.append(_tr(QT_TRANSLATE_NOOP("LedgerModel", "督查发现的问题（导入的督查意见）")))
        inspection = self._inspections.get(p.inspection_id) if p.inspection_id is not None else None
        template_id = inspection.template_id if inspection else p.template_id
        if template_id:
            title = self._titles.get(template_id, template_id)
            parts.append(title)
            tips.append(_tr(QT_TRANSLATE_NOOP("LedgerModel", "检查表：{title}")).format(title=title))
        if inspection:
            parts.append(inspection.period)
            tips.append(
                _tr(QT_TRANSLATE_NOOP("LedgerModel", "期次：{period}（自查 #{id}）")).format(
                    period=inspection.period, id=inspection.id
                )
            )
        if p.item_id and p.inspection_id is not None:
            ref = self._items.get((p.inspection_id, p.item_id), ItemRef(p.item_id, p.item_id))
            parts.append(ref.short)
            tips.append(_tr(QT_TRANSLATE_NOOP("LedgerModel", "检查项：{text}")).format(text=ref.full))
        if p.clue_id is not None:
            parts.append(_tr(QT_TRANSLATE_NOOP("LedgerModel", "线索 #{id}")).format(id=p.clue_id))
            tips.append(_tr(QT_TRANSLATE_NOOP("LedgerModel", "据问题线索 #{id} 登记（见“问题线索”）")).format(id=p.clue_id))
        elif p.source == "manual":
            parts.append(source_label(p.source, current_language()))
            tips.append(_tr(QT_TRANSLATE_NOOP("LedgerModel", "手工录入的问题")))
        return _Row(p, " · ".join(parts), "\n".join(tips), self._row_day or self.today())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by a column's sort key (the id breaks ties, so the order is stable and predictable)."""
        if not 0 <= column < len(COLUMNS):
            return
        key = COLUMNS[column]
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old_rows = list(self._rows)
        self._rows.sort(key=lambda r: (r.sort[key], r.problem.id), reverse=order == Qt.SortOrder.DescendingOrder)
        persistent = self.persistentIndexList()
        if persistent:  # keep the view's selection and current row on the same problems
            where = {id(r): n for n, r in enumerate(self._rows)}
            self.changePersistentIndexList(persistent, [self.index(where[id(old_rows[p.row()])], p.column()) for p in persistent])
        self.layoutChanged.emit()

    # ---- reading --------------------------------------------------------------------------------

    def problem(self, row: int) -> Problem:
        return self._rows[row].problem

    def problems(self) -> list[Problem]:
        return [r.problem for r in self._rows]

    def row_of(self, problem_id: int) -> int | None:
        for n, row in enumerate(self._rows):
            if row.problem.id == problem_id:
                return n
        return None

    def days_overdue(self, row: int) -> int:
        return self._rows[row].days_overdue

    def haystack(self, row: int) -> str:
        return self._rows[row].haystack

    def owners(self) -> list[str]:
        return sorted({r.problem.owner for r in self._rows if r.problem.owner})

    def departments(self) -> list[str]:
        return sorted({r.problem.department for r in self._rows if r.problem.department})

    # ---- Qt -------------------------------------------------------------------------------------

    def header(self, section: int) -> str:
        return QCoreApplication.translate("LedgerModel", _TITLES[COLUMNS[section]])

    def header_tip(self, section: int) -> str | None:
        if COLUMNS[section] == "overdue":
            return _tr(QT_TRANSLATE_NOOP("LedgerModel", "过了整改期限仍为待整改或整改中的问题"))
        if COLUMNS[section] == "source":  # a short title for a narrow column
            return _tr(QT_TRANSLATE_NOOP("LedgerModel", "来源：督查、检查表 · 期次 · 检查项，或手工录入"))
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.display[key]
        if role == SORT_ROLE:
            return row.sort[key]
        if role == PROBLEM_ROLE:
            return row.problem
        if role == OVERDUE_ROLE:
            return row.days_overdue
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tips.get(key) or row.display[key] or None
        if role == Qt.ItemDataRole.BackgroundRole and row.days_overdue:
            return OVERDUE_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.days_overdue and key in ("deadline", "status", "overdue"):
                return OVERDUE_FOREGROUND
            if row.problem.status == Status.CLOSED:
                return CLOSED_FOREGROUND
        if role == Qt.ItemDataRole.FontRole and row.days_overdue and key == "overdue":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("id", "deadline"):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class LedgerFilter(QSortFilterProxyModel):
    """Filters by status (several), source (自查, 督查, 手工录入), owner, department, overdue only, and free text;
    sorts by SORT_ROLE."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)  # re-filters a row that changes; never sorts: its sort column stays -1 (see sort)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._statuses: frozenset[Status] | None = frozenset(OPEN_STATUSES)
        self._source: str | None = None
        self._owner: str | None = None
        self._department: str | None = None
        self._overdue_only = False
        self._words: list[str] = []

    # Each setter re-filters only when something changed: refiltering resets the view's selection.
    def _change(self, apply: Any) -> None:
        self.beginFilterChange()
        apply()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the source model's (a Python sort on keys computed once per row): the proxy sorting through
        data() calls was most of the time a filter change took with thousands of rows. The proxy keeps the
        source's order, so rows a filter brings back come in few contiguous ranges."""
        model = self.sourceModel()
        if isinstance(model, LedgerModel):
            model.sort(column, order)

    def set_statuses(self, statuses: Iterable[Status] | None) -> None:
        """Show only these statuses; None shows all (the default shows every status but 已销号)."""
        value = None if statuses is None else frozenset(statuses)
        if value != self._statuses:
            self._change(lambda: setattr(self, "_statuses", value))

    def set_source(self, source: str | None) -> None:
        """Show only the problems of this source (a key of core.ledger.SOURCES); None shows every source."""
        if (source or None) != self._source:
            self._change(lambda: setattr(self, "_source", source or None))

    def set_owner(self, owner: str | None) -> None:
        if (owner or None) != self._owner:
            self._change(lambda: setattr(self, "_owner", owner or None))

    def set_department(self, department: str | None) -> None:
        if (department or None) != self._department:
            self._change(lambda: setattr(self, "_department", department or None))

    def set_overdue_only(self, on: bool) -> None:
        if on != self._overdue_only:
            self._change(lambda: setattr(self, "_overdue_only", on))

    def set_search(self, text: str) -> None:
        words = [w.casefold() for w in text.split()]
        if words != self._words:
            self._change(lambda: setattr(self, "_words", words))

    def statuses(self) -> frozenset[Status] | None:
        return self._statuses

    def problem(self, row: int) -> Problem:
        """The problem shown at this row of the proxy."""
        return self.data(self.index(row, 0), PROBLEM_ROLE)  # type: ignore[no-any-return]

    def overdue_count(self) -> int:
        """How many of the rows shown are overdue (counted on the source's precomputed days)."""
        model = self.sourceModel()
        if not isinstance(model, LedgerModel):
            return 0
        return sum(1 for r in range(self.rowCount()) if model.days_overdue(self.mapToSource(self.index(r, 0)).row()))

    def visible_problems(self) -> list[Problem]:
        return [self.problem(r) for r in range(self.rowCount())]

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, LedgerModel):
            return True
        p = model.problem(source_row)
        if self._statuses is not None and p.status not in self._statuses:
            return False
        if self._source is not None and p.source != self._source:
            return False
        if self._owner is not None and (p.owner or "") != self._owner:
            return False
        if self._department is not None and (p.department or "") != self._department:
            return False
        if self._overdue_only and not model.days_overdue(source_row):
            return False
        if self._words:  # every word somewhere the user can see (or in the close-out details)
            haystack = model.haystack(source_row)
            return all(word in haystack for word in self._words)
        return True
