"""The installed checklists as a table model (one row per id and version, with where each came from); how a
checklist's source and a trusted key are written for people. Testable without a window."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from selfcheck.core.checklist import version_tuple
from selfcheck.core.records import ChecklistInfo
from selfcheck.gui.models.table_model import TableModel
from selfcheck.storage import trust

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # versions as numbers, dates as dates, counts as counts
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "builtin" / "signed" / "unsigned": the row's provenance

COLUMNS = ("title", "id", "version", "issuer", "effective_date", "items", "source", "installed_at")
_TITLES = {
    "title": QT_TRANSLATE_NOOP("ChecklistsModel", "名称"),
    "id": QT_TRANSLATE_NOOP("ChecklistsModel", "编号"),
    "version": QT_TRANSLATE_NOOP("ChecklistsModel", "版本"),
    "issuer": QT_TRANSLATE_NOOP("ChecklistsModel", "发布单位"),
    "effective_date": QT_TRANSLATE_NOOP("ChecklistsModel", "生效日期"),
    "items": QT_TRANSLATE_NOOP("ChecklistsModel", "项数"),
    "source": QT_TRANSLATE_NOOP("ChecklistsModel", "来源"),
    "installed_at": QT_TRANSLATE_NOOP("ChecklistsModel", "安装时间"),
}
UNSIGNED_BACKGROUND = QColor("#fff4e0")
UNSIGNED_FOREGROUND = QColor("#8c1d18")
SIGNED_FOREGROUND = QColor("#1b5e20")


def column(key: str) -> int:
    return COLUMNS.index(key)


def short_fingerprint(fingerprint: str) -> str:
    """The first four bytes, enough to tell keys apart at a glance (the tooltip and the key list have all of it)."""
    return ":".join(fingerprint.split(":")[:4]) + "…"


def source_text(p: trust.Provenance | None) -> str:
    if p is None or p.kind == "unsigned":
        return QCoreApplication.translate("ChecklistsPage", "未签名")
    if p.kind == "builtin":
        return QCoreApplication.translate("ChecklistsPage", "内置")
    fp = short_fingerprint(p.key_fingerprint or "")
    if p.key_name:
        return QCoreApplication.translate("ChecklistsPage", "教育局签名（{name}，{fp}）").format(name=p.key_name, fp=fp)
    return QCoreApplication.translate("ChecklistsPage", "教育局签名（{fp}）").format(fp=fp)


def source_tip(p: trust.Provenance | None) -> str:
    if p is None or p.kind == "unsigned":
        tip = QCoreApplication.translate("ChecklistsPage", "没有教育局签名：无法确认它来自教育局、内容未被改动")
        return tip + (
            QCoreApplication.translate("ChecklistsPage", "（导入自 {file}）").format(file=p.file)
            if p is not None and p.file
            else ""
        )
    if p.kind == "builtin":
        return QCoreApplication.translate("ChecklistsPage", "随本软件安装的检查表")
    return QCoreApplication.translate("ChecklistsPage", "教育局签名有效；公钥指纹 {fp}；导入自 {file}").format(
        fp=p.key_fingerprint or "", file=p.file or ""
    )


def when_text(stamp: str) -> str:
    """An ISO time stamp as "2026-11-20 10:33" in local time; unparsable text as it is."""
    try:
        at = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if at.tzinfo is not None:
        at = at.astimezone()
    return at.strftime("%Y-%m-%d %H:%M")


class ChecklistsModel(TableModel):
    """Installed checklists, one row per (id, version); testable without a window."""

    _headers = COLUMNS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[ChecklistInfo, trust.Provenance | None]] = []

    def set_rows(self, infos: list[ChecklistInfo], provenances: dict[tuple[str, str], trust.Provenance]) -> None:
        self.beginResetModel()
        self._rows = [(i, provenances.get((i.template_id, i.version))) for i in infos]
        self.endResetModel()

    def info(self, row: int) -> ChecklistInfo:
        return self._rows[row][0]

    def kind(self, row: int) -> str:
        p = self._rows[row][1]
        return p.kind if p is not None else "unsigned"

    def row_of(self, template_id: str, version: str) -> int | None:
        for n, (info, _) in enumerate(self._rows):
            if info.template_id == template_id and info.version == version:
                return n
        return None

    def header(self, section: int) -> str:
        return QCoreApplication.translate("ChecklistsModel", _TITLES[COLUMNS[section]])

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        info, prov = self._rows[index.row()]
        key = COLUMNS[index.column()]
        kind = prov.kind if prov is not None else "unsigned"
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(info, prov, key)
        if role == SORT_ROLE:
            if key == "version":
                return ".".join(f"{n:09d}" for n in version_tuple(info.version))
            if key == "items":
                return info.items
            if key == "source":
                return {"builtin": 0, "signed": 1, "unsigned": 2}[kind]
            return self._display(info, prov, key)
        if role == KIND_ROLE:
            return kind
        if role == Qt.ItemDataRole.ToolTipRole:
            return source_tip(prov) if key == "source" else self._display(info, prov, key)
        if role == Qt.ItemDataRole.BackgroundRole and kind == "unsigned":
            return UNSIGNED_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole and key == "source":
            return UNSIGNED_FOREGROUND if kind == "unsigned" else SIGNED_FOREGROUND if kind == "signed" else None
        if role == Qt.ItemDataRole.FontRole and key == "source" and kind == "unsigned":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("version", "items"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(info: ChecklistInfo, prov: trust.Provenance | None, key: str) -> str:
        if key == "title":
            return info.title
        if key == "id":
            return info.template_id
        if key == "version":
            return info.version
        if key == "issuer":
            return info.issuer
        if key == "effective_date":
            return info.effective_date
        if key == "items":
            return str(info.items)
        if key == "source":
            return source_text(prov)
        return when_text(info.installed_at)
