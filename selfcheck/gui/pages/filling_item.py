"""The filling screen's parts that know one item, not the inspection: the answerable lines of a checklist
(`Entry`) and the panel on the right that shows one of them (its text and details, the result, the note, the
evidence, the navigation). The filling screen connects and fills it; its strings are the filling screen's
(translation context FillingPage)."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QDateEdit,
    QDoubleSpinBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from selfcheck.core import clock
from selfcheck.core.checklist import Adjustment, Checklist, Item, Section
from selfcheck.gui.widgets.evidence_panel import EvidencePanel
from selfcheck.storage import Store


@dataclass(frozen=True)
class Entry:
    """One answerable line: an item of a section, or a bonus/deduction (加减分项)."""

    id: str
    number: str
    section_title: str
    section: Section | None
    item: Item | None
    adjustment: Adjustment | None

    @property
    def text(self) -> str:
        return self.item.text if self.item else self.adjustment.text if self.adjustment else ""


def entries(template: Checklist) -> list[Entry]:
    out: list[Entry] = []
    for s_no, section in enumerate(template.sections, 1):
        for i_no, item in enumerate(section.items, 1):
            out.append(Entry(item.id, f"{s_no}.{i_no}", section.title, section, item, None))
    for a_no, adjustment in enumerate(template.adjustments, 1):
        bonus = QCoreApplication.translate("FillingPage", "加分项")
        deduction = QCoreApplication.translate("FillingPage", "扣分项")
        label = bonus if adjustment.kind == "bonus" else deduction
        title = QCoreApplication.translate("FillingPage", "加减分项")
        out.append(Entry(adjustment.id, f"{label[0]}{a_no}", title, None, None, adjustment))
    return out


class ItemPanel(QWidget):
    """The current item: where it is, what it asks, the result (option buttons or a value), the note, evidence, in a
    part that scrolls; below it, always in sight whatever the window's height, raising a problem and moving on."""

    def __init__(self, store: Store, inspection_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.right = QWidget()
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.right)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.where = QLabel()
        self.where.setWordWrap(True)
        self.where.setTextFormat(Qt.TextFormat.RichText)
        self.item_text = QLabel()
        self.item_text.setWordWrap(True)
        self.item_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.item_text.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.item_text.setFont(font)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.answer_box = QGroupBox(QCoreApplication.translate("FillingPage", "结果"))
        self.answer_layout = QVBoxLayout(self.answer_box)
        self.options_row = QHBoxLayout()
        self.options_row.setSpacing(8)
        self.answer_layout.addLayout(self.options_row)
        self.option_buttons: list[QPushButton] = []
        self.value_row = QHBoxLayout()
        self.number = QDoubleSpinBox()
        self.number.setDecimals(1)
        self.number.setKeyboardTracking(False)
        self.text_value = QLineEdit()
        self.date_value = QDateEdit()
        self.date_value.setCalendarPopup(True)
        self.date_value.setDisplayFormat("yyyy-MM-dd")
        self.value_hint = QLabel()
        self.clear_button = QPushButton(QCoreApplication.translate("FillingPage", "清除结果"))
        for w in (self.number, self.text_value, self.date_value, self.value_hint):
            self.value_row.addWidget(w)
        self.value_fields = (self.number, self.number.lineEdit(), self.text_value, self.date_value)
        self.value_row.addStretch(1)
        self.answer_layout.addLayout(self.value_row)

        self.note_label = QLabel(QCoreApplication.translate("FillingPage", "说明(&S)（发现的问题、佐证情况）"))
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(QCoreApplication.translate("FillingPage", "在此填写说明；输入后自动保存"))
        self.note.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        self.note.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 12)  # room for the evidence below on a small screen
        self.note_label.setBuddy(self.note)

        self.evidence_box = EvidencePanel(store, inspection_id)

        self.problem_button = QPushButton(QCoreApplication.translate("FillingPage", "提出整改问题(&W)…"))
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.prev_button = QPushButton(QCoreApplication.translate("FillingPage", "上一项"))
        self.next_button = QPushButton(QCoreApplication.translate("FillingPage", "下一项"))
        self.hint = QLabel(
            QCoreApplication.translate(
                "FillingPage", "数字键 1-9 选择结果 · Enter 或 Ctrl+↓ 下一项 · Ctrl+↑ 上一项 · Ctrl+Z 撤销"
            )
        )
        self.hint.setStyleSheet("color: palette(mid);")
        self.hint.setWordWrap(True)
        nav = QHBoxLayout()
        nav.addWidget(self.problem_button)
        nav.addStretch(1)
        nav.addWidget(self.clear_button)  # here, not a row of its own in the result box: room on a small screen
        nav.addWidget(self.prev_button)
        nav.addWidget(self.next_button)

        layout = QVBoxLayout(self.right)
        layout.addWidget(self.where)
        layout.addWidget(self.item_text)
        layout.addWidget(self.details)
        layout.addWidget(self.answer_box)
        layout.addWidget(self.note_label)
        layout.addWidget(self.note)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.evidence_box)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll, 1)
        outer.addLayout(nav)
        outer.addWidget(self.hint)
        QApplication.instance().focusChanged.connect(self._follow_focus)  # type: ignore[attr-defined]

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Tab or a mnemonic into the part below the fold scrolls it into sight."""
        if new is not None and self.right.isAncestorOf(new):
            self.scroll.ensureWidgetVisible(new)

    def show_text(self, entry: Entry) -> None:
        """The item's place, text and details (method, evidence hint, points, rule, veto)."""
        esc = html.escape
        parts = [f"<b>{esc(entry.section_title)}</b>"]
        if entry.section is not None:
            if entry.section.check:
                parts.append("<br/>" + esc(QCoreApplication.translate("FillingPage", "查：")) + esc(entry.section.check))
            if entry.section.look:
                parts.append("<br/>" + esc(QCoreApplication.translate("FillingPage", "看：")) + esc(entry.section.look))
        self.where.setText("".join(parts))
        self.item_text.setText(f"{entry.number}  {entry.text}")
        rows: list[tuple[str, str]] = []
        if entry.item is not None:
            item = entry.item
            if item.method:
                rows.append((QCoreApplication.translate("FillingPage", "检查方法"), item.method))
            if item.evidence:
                rows.append((QCoreApplication.translate("FillingPage", "材料提示"), item.evidence))
            if item.points:
                rows.append((QCoreApplication.translate("FillingPage", "分值"), f"{item.points:g}"))
            if item.rule:
                rows.append((QCoreApplication.translate("FillingPage", "评分标准"), item.rule))
            if item.veto:
                rows.append(
                    (
                        QCoreApplication.translate("FillingPage", "一票否决"),
                        QCoreApplication.translate("FillingPage", "此项不合格将否决等次"),
                    )
                )
        elif entry.adjustment is not None:
            adj = entry.adjustment
            kind = (
                QCoreApplication.translate("FillingPage", "每次加分")
                if adj.kind == "bonus"
                else QCoreApplication.translate("FillingPage", "每次扣分")
            )
            rows.append(
                (
                    kind,
                    f"{adj.per_occurrence:g}"
                    + (QCoreApplication.translate("FillingPage", "，最多 {cap}").format(cap=f"{adj.cap:g}") if adj.cap else ""),
                )
            )
            if adj.rule:
                rows.append((QCoreApplication.translate("FillingPage", "评分标准"), adj.rule))
            if adj.evidence:
                rows.append((QCoreApplication.translate("FillingPage", "材料提示"), adj.evidence))
        colon = esc(QCoreApplication.translate("FillingPage", "："))
        self.details.setText("<br/>".join(f"<b>{esc(k)}{colon}</b>{esc(v)}" for k, v in rows))

    def show_value(self, entry: Entry, value: object) -> None:
        """The value field that fits the item's kind (score, count, number, text, date), showing `value`."""
        kind = entry.item.type if entry.item is not None else "count"
        self.number.setVisible(kind in ("score", "deduction", "number", "count"))
        self.text_value.setVisible(kind == "text")
        self.date_value.setVisible(kind == "date")
        self.value_hint.setVisible(kind != "choice")
        if kind in ("score", "deduction", "number", "count"):
            # One step below the real range is "not answered yet", shown empty: 0 is a real score.
            if kind == "score" and entry.item is not None:
                self.number.setDecimals(1)
                self.number.setRange(-1, entry.item.points)
                self.value_hint.setText(
                    QCoreApplication.translate("FillingPage", "得分（0 到 {p}）").format(p=f"{entry.item.points:g}")
                )
            elif kind in ("deduction", "count"):
                self.number.setDecimals(0)
                self.number.setRange(-1, 10_000)
                self.value_hint.setText(QCoreApplication.translate("FillingPage", "发现次数"))
            else:
                self.number.setDecimals(2)
                self.number.setRange(-1e9, 1e9)
                unit = entry.item.unit if entry.item is not None and entry.item.unit else ""
                self.value_hint.setText(
                    QCoreApplication.translate("FillingPage", "数值（{unit}）").format(unit=unit)
                    if unit
                    else QCoreApplication.translate("FillingPage", "数值")
                )
            self.number.setSpecialValueText(" ")
            self.number.setValue(float(value) if isinstance(value, int | float) else self.number.minimum())
        elif kind == "text":
            self.text_value.setText(str(value) if value is not None else "")
            self.value_hint.setText("")
        elif kind == "date":
            self.date_value.setDate(QDate.fromString(str(value) if value else clock.today().isoformat(), "yyyy-MM-dd"))
            self.value_hint.setText("" if value else QCoreApplication.translate("FillingPage", "（尚未填写）"))
