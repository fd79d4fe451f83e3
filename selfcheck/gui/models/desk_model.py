"""The bureau desk's tables as Qt models (the ranking, the schools missing, the overdue problems), filled from a
round's status (`core.desk.RoundStatus`) with `set_status`; a sort role with numbers as numbers. Testable without
a window."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from selfcheck.core.desk import RoundStatus

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
FLAG_COLOUR = QColor("#8c1d18")

RANKING = (
    QT_TRANSLATE_NOOP("DeskModel", "名次"),
    QT_TRANSLATE_NOOP("DeskModel", "学校"),
    QT_TRANSLATE_NOOP("DeskModel", "学校代码"),
    QT_TRANSLATE_NOOP("DeskModel", "学区"),
    QT_TRANSLATE_NOOP("DeskModel", "得分率"),
    QT_TRANSLATE_NOOP("DeskModel", "等次"),
    QT_TRANSLATE_NOOP("DeskModel", "学区名次"),
    QT_TRANSLATE_NOOP("DeskModel", "自评-督评"),
    QT_TRANSLATE_NOOP("DeskModel", "逾期问题"),
)
MISSING = (
    QT_TRANSLATE_NOOP("DeskModel", "学区"),
    QT_TRANSLATE_NOOP("DeskModel", "学校"),
    QT_TRANSLATE_NOOP("DeskModel", "学校代码"),
    QT_TRANSLATE_NOOP("DeskModel", "类别"),
)
OVERDUE = (
    QT_TRANSLATE_NOOP("DeskModel", "学校"),
    QT_TRANSLATE_NOOP("DeskModel", "问题"),
    QT_TRANSLATE_NOOP("DeskModel", "责任人"),
    QT_TRANSLATE_NOOP("DeskModel", "整改期限"),
    QT_TRANSLATE_NOOP("DeskModel", "逾期天数"),
)

SECTIONS = (
    QT_TRANSLATE_NOOP("DeskModel", "部分"),
    QT_TRANSLATE_NOOP("DeskModel", "学校数"),
    QT_TRANSLATE_NOOP("DeskModel", "平均得分率"),
    QT_TRANSLATE_NOOP("DeskModel", "得分率最低的学校"),
)

Cell = tuple[str, Any, bool]  # (text, sort value, flagged)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


class DeskTableModel(QAbstractTableModel):
    """One of the desk's tables: `kind` is "ranking", "missing", "overdue" or "sections"."""

    def __init__(self, kind: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.headers = {"ranking": RANKING, "missing": MISSING, "overdue": OVERDUE, "sections": SECTIONS}[kind]
        self.rows: list[list[Cell]] = []
        self.codes: list[str] = []

    def set_status(self, status: RoundStatus | None) -> None:
        self.beginResetModel()
        self.rows, self.codes = [], []
        if status is not None:
            for code, row in self._rows(status):
                self.codes.append(code)
                self.rows.append(row)
        self.endResetModel()

    def _rows(self, status: RoundStatus) -> list[tuple[str, list[Cell]]]:
        if self.kind == "ranking":
            out = []
            for r in status.ranking:
                f = r.filed
                name = f.school + ("" if f.on_roster else QCoreApplication.translate("DeskModel", "（名册外）"))
                grade = (f.grade or "—") + (QCoreApplication.translate("DeskModel", "（否决）") if f.vetoed else "")
                gap = "—" if r.gap is None else f"{r.gap:+.1f}"
                out.append(
                    (
                        f.code,
                        [
                            (str(r.rank), r.rank, False),
                            (name, name, not f.on_roster),
                            (f.code, f.code, False),
                            (f.district or "—", f.district, False),
                            (_pct(f.percent), f.percent if f.percent is not None else -1.0, False),
                            (grade, grade, f.vetoed),
                            (str(r.district_rank), r.district_rank, False),
                            (gap, r.gap if r.gap is not None else -1e9, r.flagged),
                            (str(r.overdue) if r.overdue else "", r.overdue, r.overdue > 0),
                        ],
                    )
                )
            return out
        if self.kind == "sections":
            return [
                (
                    x.title,
                    [
                        (x.title, n, False),
                        (str(x.schools), x.schools, False),
                        (_pct(x.average), x.average if x.average is not None else -1.0, False),
                        ("、".join(f"{name} {_pct(p)}" for _, name, p in x.lowest), x.lowest[0][2] if x.lowest else -1.0, False),
                    ],
                )
                for n, x in enumerate(status.sections)
            ]
        if self.kind == "missing":
            return [
                (
                    m.code,
                    [
                        (m.district or "—", m.district, False),
                        (m.name, m.name, False),
                        (m.code, m.code, False),
                        (m.category, m.category, False),
                    ],
                )
                for m in status.missing
            ]
        return [
            (
                o.code,
                [
                    (o.school, o.school, False),
                    (o.problem.description, o.problem.description, False),
                    (o.problem.owner or "", o.problem.owner or "", False),
                    (o.problem.deadline or "", o.problem.deadline or "", False),
                    (str(o.days), o.days, True),
                ],
            )
            for o in status.overdue
        ]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("DeskModel", self.headers[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        text, value, flagged = self.rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return text
        if role == SORT_ROLE:
            return value
        if role == Qt.ItemDataRole.ForegroundRole and flagged:
            return FLAG_COLOUR
        return None
