"""The reviewer's answer editor beside the list of items (督查 screen): for the item chosen, what the school answered
and its evidence hint, what earlier levels found, and the reviewer's 督查情况 (an option by its number key, or a
value), note and findings. It only asks and emits: the screen saves through the store and repaints."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from selfcheck.core.answers import Answer
from selfcheck.core.checklist import Checklist, Item


class ReviewItemEditor(QWidget):
    answered = Signal(dict)  # one entry in `review answer`'s format: item, option or value, note
    found = Signal(str, str)  # item id, a finding's text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item: Item | None = None
        self.options: list[tuple[str, str]] = []  # (key, label) of a choice item
        self.current: Answer | None = None
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.school = QLabel()
        self.school.setWordWrap(True)
        self.earlier = QLabel()
        self.earlier.setWordWrap(True)
        self.buttons = QHBoxLayout()
        self.option_buttons: list[QPushButton] = []
        self.value = QLineEdit()
        self.value.setPlaceholderText(self.tr("填写督查情况后按回车保存"))
        self.value.returnPressed.connect(self.save_value)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("说明（可不填），按回车与督查情况一起保存"))
        self.note.returnPressed.connect(self.save_note)
        self.finding = QLineEdit()
        self.finding.setPlaceholderText(self.tr("发现的问题，按回车记下"))
        self.finding.returnPressed.connect(self.add_finding)
        self.findings = QLabel()
        self.findings.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("学校自查："), self.school)
        form.addRow(self.tr("此前督查："), self.earlier)
        form.addRow(self.tr("督查情况："), self.buttons)
        form.addRow("", self.value)
        form.addRow(self.tr("说明："), self.note)
        form.addRow(self.tr("发现问题："), self.finding)
        form.addRow("", self.findings)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addStretch(1)
        self.show_item(None)

    def show_item(
        self,
        item: Item | None,
        checklist: Checklist | None = None,
        *,
        school: str = "",
        earlier: list[str] | None = None,
        current: Answer | None = None,
        findings: list[str] | None = None,
    ) -> None:
        """Show `item` (None: nothing chosen): the school's answer, earlier levels' findings, the reviewer's answer."""
        self.item, self.current = item, current
        for b in self.option_buttons:  # out of the row now: until Qt deletes it, it would still widen the row
            self.buttons.removeWidget(b)
            b.hide()
            b.deleteLater()
        self.option_buttons = []
        self.options = []
        for w in (self.value, self.note, self.finding):
            w.setEnabled(item is not None)
        if item is None or checklist is None:
            self.title.setText(self.tr("在左边的列表中选一项：数字键选督查情况，回车填写说明。"))
            for label in (self.hint, self.school, self.earlier, self.findings):
                label.clear()
            self.value.hide()
            return
        self.title.setText(item.text)
        hints = ([self.tr("检查方法：{method}").format(method=item.method)] if item.method else []) + (
            [self.tr("材料提示：{evidence}").format(evidence=item.evidence)] if item.evidence else []
        )
        self.hint.setText("\n".join(hints))
        self.school.setText(school)
        self.earlier.setText("\n".join(earlier or []) or self.tr("（无）"))
        self.findings.setText("\n".join(f"· {f}" for f in findings or []))
        if item.type == "choice":
            self.options = [(o.key, o.label) for o in checklist.option_map[item.id].values()]
            for n, (key, label) in enumerate(self.options, 1):
                button = QPushButton(f"{n} {label}" if n < 10 else label)
                button.setCheckable(True)
                button.setChecked(current is not None and current.option == key)
                button.setAutoDefault(False)
                button.clicked.connect(lambda _=False, n=n: self.pick(n))
                self.buttons.addWidget(button)
                self.option_buttons.append(button)
            self.value.hide()
        else:
            self.value.show()
            self.value.setText("" if current is None or current.value is None else f"{current.value}")
        self.note.setText(current.note or "" if current else "")

    def entry(self) -> dict[str, Any] | None:
        """The reviewer's answer as shown, with the note typed; None when there is none yet."""
        if self.item is None:
            return None
        note = self.note.text().strip() or None
        if self.item.type == "choice":
            if self.current is None or self.current.option is None:
                return None
            return {"item": self.item.id, "option": self.current.option, "note": note}
        text = self.value.text().strip()
        if not text:
            return None
        value: Any = text
        if self.item.type in ("score", "deduction", "number"):
            try:
                value = float(text)
            except ValueError:
                value = text  # the store says what is wrong with it
        return {"item": self.item.id, "value": value, "note": note}

    def pick(self, n: int) -> bool:
        """Option `n` (1-based) of a choice item, saved with the note typed; False when there is no such option."""
        if self.item is None or not 1 <= n <= len(self.options):
            return False
        self.answered.emit({"item": self.item.id, "option": self.options[n - 1][0], "note": self.note.text().strip() or None})
        return True

    def save_value(self) -> None:
        entry = self.entry()
        if entry is not None:
            self.answered.emit(entry)

    def save_note(self) -> None:
        if self.item is not None and self.item.type != "choice" and not self.value.text().strip():
            self.value.setFocus()
            return
        self.save_value()

    def add_finding(self) -> None:
        text = self.finding.text().strip()
        if self.item is not None and text:
            self.found.emit(self.item.id, text)
            self.finding.clear()
