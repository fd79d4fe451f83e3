"""Help > 快捷键一览: every key the main window and its screens answer, read from the QActions and QShortcuts that
exist, not from a hand-kept list, so it stays true when a key is added or moved."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

MNEMONIC = re.compile(r"\(&.\)|&(?=.)")
ACCESS_KEY = re.compile(r"&([A-Za-z0-9])")


@dataclass(frozen=True)
class Shortcut:
    keys: str  # as the platform writes them (Ctrl+N; ⌘N on a Mac)
    what: str
    where: str


def _where(owner: QObject | None) -> str:
    """Which screen a key works on, by the class of the widget that owns the shortcut."""
    names = {
        "FillingPage": QCoreApplication.translate("ShortcutsDialog", "逐项填写"),
        "LedgerPage": QCoreApplication.translate("ShortcutsDialog", "整改台账"),
        "ChecklistsPage": QCoreApplication.translate("ShortcutsDialog", "检查表"),
        "BureauPage": QCoreApplication.translate("ShortcutsDialog", "教育局汇总"),
        "HomePage": QCoreApplication.translate("ShortcutsDialog", "首页"),
        "SummaryPage": QCoreApplication.translate("ShortcutsDialog", "汇总与导出"),
        "InspectionPage": QCoreApplication.translate("ShortcutsDialog", "打开的自查"),
        "CluesPage": QCoreApplication.translate("ShortcutsDialog", "问题线索"),
        "TasksPage": QCoreApplication.translate("ShortcutsDialog", "责任清单"),
        "CadencePage": QCoreApplication.translate("ShortcutsDialog", "工作节奏"),
        "ReviewPage": QCoreApplication.translate("ShortcutsDialog", "督查"),
    }
    while owner is not None:
        name = type(owner).__name__
        if name in names:
            return names[name]
        owner = owner.parent()
    return QCoreApplication.translate("ShortcutsDialog", "所有页面")


def _described(where_class: str, portable: str) -> str:
    """What a QShortcut does, for those whose owner gave no whatsThis. tests/gui/test_help.py fails on a key that
    has neither, so a new shortcut cannot be missing from the list."""
    known = {
        ("FillingPage", "Ctrl+Down"): QCoreApplication.translate("ShortcutsDialog", "下一项"),
        ("FillingPage", "Alt+Right"): QCoreApplication.translate("ShortcutsDialog", "下一项"),
        ("FillingPage", "Ctrl+Up"): QCoreApplication.translate("ShortcutsDialog", "上一项"),
        ("FillingPage", "Alt+Left"): QCoreApplication.translate("ShortcutsDialog", "上一项"),
        ("FillingPage", "Ctrl+F"): QCoreApplication.translate("ShortcutsDialog", "查找检查项"),
        ("LedgerPage", "Ctrl+F"): QCoreApplication.translate("ShortcutsDialog", "查找问题"),
    }
    if where_class == "FillingPage" and portable.isdigit():
        return QCoreApplication.translate("ShortcutsDialog", "选择第 {n} 个结果（选项）").format(n=portable)
    return known.get((where_class, portable), "")


def _owner_class(obj: QObject) -> str:
    owner = obj.parent()
    while owner is not None:
        if type(owner).__name__.endswith("Page"):
            return type(owner).__name__
        owner = owner.parent()
    return ""


def collect(root: QWidget) -> list[Shortcut]:
    """Every shortcut of `root` and the widgets under it, as (keys, what it does, where it works); digits 1–9 of one
    screen are one row."""
    found: list[Shortcut] = []
    for action in root.findChildren(QAction):
        for sequence in action.shortcuts():
            if not sequence.isEmpty():
                what = MNEMONIC.sub("", action.text()).rstrip("…").strip()
                found.append(Shortcut(sequence.toString(QKeySequence.SequenceFormat.NativeText), what, _where(action)))
    digits: dict[str, list[str]] = {}
    for shortcut in root.findChildren(QShortcut):
        sequence = shortcut.key()
        if sequence.isEmpty():
            continue
        portable = sequence.toString(QKeySequence.SequenceFormat.PortableText)
        owner = _owner_class(shortcut)
        where = _where(shortcut.parent())
        if portable.isdigit() and owner == "FillingPage":
            digits.setdefault(where, []).append(portable)
            continue
        what = shortcut.whatsThis() or _described(owner, portable)
        found.append(Shortcut(sequence.toString(QKeySequence.SequenceFormat.NativeText), what, where))
    for where, keys in digits.items():
        keys.sort()
        found.append(
            Shortcut(f"{keys[0]} … {keys[-1]}", QCoreApplication.translate("ShortcutsDialog", "选择第 1–9 个结果（选项）"), where)
        )
    found += _mnemonics(root)
    unique = {(s.where, s.keys, s.what): s for s in found}
    return sorted(
        unique.values(), key=lambda s: (s.where != QCoreApplication.translate("ShortcutsDialog", "所有页面"), s.where, s.keys)
    )


def _mnemonics(root: QWidget) -> list[Shortcut]:
    """Alt+letter of the buttons, labelled fields and tabs of the window's screens (not of menus: their letters
    work only while the menu is open)."""
    found = []

    def add(text: str, owner: QWidget) -> None:
        key = ACCESS_KEY.search(text)
        if key is None:
            return
        sequence = QKeySequence(f"Alt+{key.group(1).upper()}")
        what = MNEMONIC.sub("", text).rstrip("…：:").strip()
        found.append(Shortcut(sequence.toString(QKeySequence.SequenceFormat.NativeText), what, _where(owner)))

    for widget in root.findChildren(QWidget):
        if widget.window() is not root:
            continue
        if isinstance(widget, QAbstractButton) or (isinstance(widget, QLabel) and widget.buddy() is not None):
            add(widget.text(), widget)
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                add(widget.tabText(i), widget.widget(i))
    return found


class ShortcutsDialog(QDialog):
    def __init__(self, shortcuts: Iterable[Shortcut], parent: QWidget | None = None, note: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("快捷键一览"))
        rows = list(shortcuts)
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels([self.tr("按键"), self.tr("作用"), self.tr("在哪里")])
        for r, s in enumerate(rows):
            for c, text in enumerate((s.keys, s.what, s.where)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAccessibleName(self.tr("快捷键"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        if note:
            hint = QLabel(note)
            hint.setWordWrap(True)
            layout.addWidget(hint)
        layout.addWidget(buttons)
        em = self.fontMetrics().horizontalAdvance("字")
        self.resize(em * 40, em * 30)

    def rows(self) -> list[tuple[str, str, str]]:
        return [tuple(self.table.item(r, c).text() for c in range(3)) for r in range(self.table.rowCount())]  # type: ignore[misc]
