"""The offer to move an in-progress inspection to a newer checklist version: what changed, what happens to answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from selfcheck.core.answers import Answer
from selfcheck.core.checklist import Checklist

if TYPE_CHECKING:
    from selfcheck.core.version_move import AnswerFate, MovePlan

ADDED_COLOUR = "#1b5e20"
REMOVED_COLOUR = "#8c1d18"
FLAG_COLOUR = "#7a4a00"


# What the dialog calls a change kind of core.checklist_diff, an answer's fate and the reason for a second look
# (marked here so lupdate sees the strings; translated when shown).
_KINDS = {
    "added": QT_TRANSLATE_NOOP("MoveDialog", "新增"),
    "removed": QT_TRANSLATE_NOOP("MoveDialog", "删除"),
    "moved": QT_TRANSLATE_NOOP("MoveDialog", "移动"),
    "reworded": QT_TRANSLATE_NOOP("MoveDialog", "改写"),
    "rescored": QT_TRANSLATE_NOOP("MoveDialog", "改分"),
}
_FATES = {
    "kept": QT_TRANSLATE_NOOP("MoveDialog", "保留"),
    "flagged": QT_TRANSLATE_NOOP("MoveDialog", "保留，需复核"),
    "dropped_item_removed": QT_TRANSLATE_NOOP("MoveDialog", "移除（检查项已删除）"),
    "dropped_option_removed": QT_TRANSLATE_NOOP("MoveDialog", "移除（所选选项已删除）"),
    "dropped_invalid": QT_TRANSLATE_NOOP("MoveDialog", "移除（答案不再符合检查项）"),
}
_REASONS = {
    "reworded": QT_TRANSLATE_NOOP("MoveDialog", "检查项的文字有改动"),
    "rescored": QT_TRANSLATE_NOOP("MoveDialog", "分值、作答方式或选项有改动"),
    "option_changed": QT_TRANSLATE_NOOP("MoveDialog", "所选选项的含义有改动"),
}


def _label(labels: dict[str, str], key: str) -> str:
    return QCoreApplication.translate("MoveDialog", labels[key]) if key in labels else key


def kind_text(kind: str) -> str:
    return _label(_KINDS, kind)


def fate_text(fate: str) -> str:
    return _label(_FATES, fate)


def reason_text(reason: str) -> str:
    return _label(_REASONS, reason)


def answer_text(template: Checklist | None, answer: Answer) -> str:
    """An answer as a principal reads it: the option's label (and key), the value, the start of the note."""
    parts: list[str] = []
    if answer.option is not None:
        option = (template.option_map.get(answer.item_id, {}) if template is not None else {}).get(answer.option)
        parts.append(f"{option.label}（{answer.option}）" if option is not None else answer.option)
    if answer.value is not None:
        value = answer.value
        parts.append(f"{value:g}" if isinstance(value, float) else str(value))
    if answer.note:
        note = answer.note if len(answer.note) <= 30 else answer.note[:30] + "…"
        parts.append(QCoreApplication.translate("MoveDialog", "说明：{note}").format(note=note))
    return QCoreApplication.translate("MoveDialog", "，").join(parts) or QCoreApplication.translate("MoveDialog", "（空）")


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    return table


def _fill(table: QTableWidget, rows: list[tuple[list[str], str | None]], stretch: tuple[int, ...]) -> None:
    table.setRowCount(len(rows))
    for r, (values, colour) in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            if colour is not None and c == 0:
                item.setForeground(QColor(colour))
            table.setItem(r, c, item)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for c in stretch:  # the long texts share the width and wrap; the short codes keep theirs
        header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch)
    # rows follow their wrapped text as the columns change width (a few hundred rows at most)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)


class MoveDialog(QDialog):
    """Shows `plan` (from Store.plan_move) and asks; `confirmed` when the user agrees. Opened with `open()`."""

    confirmed = Signal()

    def __init__(
        self,
        plan: MovePlan,
        old: Checklist | None,
        new: Checklist | None,
        period: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(self.tr("更新自查到新版本检查表"))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("检") * 60)
        layout = QVBoxLayout(self)
        title = new.title if new is not None else plan.template_id
        intro = QLabel(
            self.tr(
                "自查“{period}”使用的是《{title}》版本 {old}，现已安装版本 {new}。是否把这次自查更新到新版本？已保存的答案按检查项带到新版本。"
            ).format(period=period, title=title, old=plan.from_version, new=plan.to_version)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        counts = plan.diff.counts()
        self.counts = QLabel(
            self.tr(
                "检查表的变化：新增 {added} 项，删除 {removed} 项，改写 {reworded} 项，改分 {rescored} 项，移动 {moved} 项"
            ).format(**counts)
        )
        self.counts.setWordWrap(True)
        layout.addWidget(self.counts)
        kept = len(plan.of("kept"))
        self.answers_summary = QLabel(
            self.tr("已保存的答案 {n} 个：原样保留 {kept} 个，保留但需复核 {flagged} 个，移除 {dropped} 个。").format(
                n=len(plan.fates), kept=kept, flagged=len(plan.flagged), dropped=len(plan.dropped)
            )
        )
        self.answers_summary.setWordWrap(True)
        layout.addWidget(self.answers_summary)

        self.tabs = QTabWidget()
        self.changes = _table([self.tr("变化"), self.tr("编号"), self.tr("检查项"), self.tr("详情")])
        change_rows: list[tuple[list[str], str | None]] = []
        for c in plan.diff.items:
            colour = ADDED_COLOUR if "added" in c.kinds else REMOVED_COLOUR if "removed" in c.kinds else FLAG_COLOUR
            details = "\n".join(f.describe() for f in c.changes)
            change_rows.append(([self.tr("、").join(kind_text(k) for k in c.kinds), c.item_id, c.text, details], colour))
        for f in plan.diff.checklist_changes:
            change_rows.append(([self.tr("检查表"), "", "", f.describe()], None))
        for s in plan.diff.sections:
            lines = "\n".join(s.describe())
            change_rows.append(([self.tr("部分"), s.section_id, s.new_title or s.old_title or "", lines], None))
        _fill(self.changes, change_rows, (2, 3))
        self.tabs.addTab(self.changes, self.tr("检查表的变化（{n}）").format(n=len(change_rows)))

        self.answers = _table([self.tr("处理"), self.tr("编号"), self.tr("检查项"), self.tr("原答案"), self.tr("原因")])
        order = {"flagged": 0, "dropped_item_removed": 1, "dropped_option_removed": 1, "dropped_invalid": 1, "kept": 2}
        answer_rows = [self._answer_row(f, old) for f in sorted(plan.fates, key=lambda f: order.get(f.fate, 3))]
        _fill(self.answers, answer_rows, (2, 4))
        self.tabs.addTab(self.answers, self.tr("已保存的答案（{n}）").format(n=len(answer_rows)))
        layout.addWidget(self.tabs, 1)

        notes: list[str] = []
        added = plan.diff.ids("added")
        if added:
            notes.append(self.tr("新版本新增 {n} 项，更新后需要作答。").format(n=len(added)))
        if plan.flagged:
            notes.append(self.tr("标为“需复核”的答案在填写页面中标出，请逐项确认。"))
        if plan.dropped:
            notes.append(self.tr("移除的答案保留在修改记录中，可随时查看。"))
        if plan.problems:
            notes.append(
                self.tr("{n} 个问题来自新版本已删除的检查项，仍留在整改台账中，照常整改、销号。").format(n=len(plan.problems))
            )
        self.notes = QLabel("\n".join(notes))
        self.notes.setWordWrap(True)
        self.notes.setVisible(bool(notes))
        layout.addWidget(self.notes)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.update_button = QPushButton(self.tr("更新到版本 {v}(&U)").format(v=plan.to_version))
        self.update_button.setAutoDefault(False)
        self.update_button.clicked.connect(self._confirm)
        self.later_button = QPushButton(self.tr("暂不更新(&L)"))
        self.later_button.setDefault(True)  # changing a saved inspection is never what Enter does by accident
        self.later_button.clicked.connect(self.reject)
        buttons.addWidget(self.update_button)
        buttons.addWidget(self.later_button)
        layout.addLayout(buttons)
        self.resize(self.sizeHint().width(), self.fontMetrics().lineSpacing() * 30)

    def _answer_row(self, fate: AnswerFate, old: Checklist | None) -> tuple[list[str], str | None]:
        colour = REMOVED_COLOUR if fate.dropped else FLAG_COLOUR if fate.fate == "flagged" else None
        separator = self.tr("；")
        reasons = separator.join(reason_text(r) for r in fate.reasons)
        if fate.detail:
            reasons = separator.join((reasons, fate.detail)) if reasons else fate.detail
        return ([fate_text(fate.fate), fate.item_id, fate.text, answer_text(old, fate.answer), reasons], colour)

    def _confirm(self) -> None:
        self.confirmed.emit()
        self.accept()
