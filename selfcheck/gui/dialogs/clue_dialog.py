"""The clue dialogs: receive a clue (受理), record its next stage (核查 / 处理 / 答复 / 办结), raise a ledger problem
from a clue found true. Each writes through ops.run_op; a refusal leaves the dialog open with what was typed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfcheck.core import clock
from selfcheck.core.clues import ACCOUNTABILITY, CHANNELS, FINDINGS, SOURCES, Clue, Stage
from selfcheck.gui.ops import run_op
from selfcheck.storage import Store


def brief(text: str, limit: int = 80) -> str:
    """A long summary shortened for a dialog's heading (the whole of it is in the tooltip and the list)."""
    return text if len(text) <= limit else text[:limit] + "…"


def date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def day_of(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


def _box(lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)  # Tab moves on, as in every other field
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


def _text(widget: QLineEdit | QPlainTextEdit | QComboBox) -> str:
    if isinstance(widget, QComboBox):
        return widget.currentText().strip()
    return (widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()).strip()


class _ClueForm(QDialog):
    """What the three dialogs share: a form, OK enabled when the required fields are filled, a write on OK."""

    saved = Signal(object)

    def __init__(self, store: Store, parent: QWidget | None, today: dt.date | None) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today or clock.today()
        self.result_record: Any = None
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout.addLayout(self.form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.required: list[tuple[QLineEdit | QPlainTextEdit | QComboBox, str]] = []
        self.setMinimumWidth(520)

    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def require(self, widget: QLineEdit | QPlainTextEdit | QComboBox, name: str) -> None:
        self.required.append((widget, name))
        if isinstance(widget, QComboBox):
            widget.currentTextChanged.connect(self._update)
        else:
            widget.textChanged.connect(self._update)

    def missing(self) -> list[str]:
        return [name for widget, name in self.required if not _text(widget)]

    def _update(self) -> None:
        missing = self.missing()
        ok = self.ok_button()
        ok.setEnabled(not missing)
        ok.setToolTip(self.tr("还需填写：{fields}").format(fields="、".join(missing)) if missing else "")

    def write(self) -> Callable[[], Any]:
        raise NotImplementedError

    def save(self) -> None:
        if self.missing():
            return
        record = run_op(self, self.write())
        if record is None:
            return  # refused: the error was shown, what was typed stays
        self.result_record = record
        self.saved.emit(record)
        self.accept()


class ClueDialog(_ClueForm):
    """受理: the source, the channel, the day, what was reported, the contact (kept private), the staff concerned. Given
    a clue, it corrects what was registered instead (the summary, the contact, the staff); the contact is never shown
    in full here: a new one is typed over it, or the field is left empty to keep it."""

    def __init__(
        self, store: Store, parent: QWidget | None = None, today: dt.date | None = None, clue: Clue | None = None
    ) -> None:
        super().__init__(store, parent, today)
        self.clue = clue
        if clue is None:
            self.setWindowTitle(self.tr("受理问题线索"))
            self.intro.setText(self.tr("登记家长、学生或群众反映的问题。联系方式保密：列表中只显示部分，报告和导出中不出现。"))
        else:
            self.setWindowTitle(self.tr("更正线索 #{id}").format(id=clue.id))
            self.intro.setText(self.tr("更正登记的反映内容、联系方式或涉及人员；来源和受理日期不能更改。"))
        self.source = QComboBox()
        self.source.setEditable(True)
        self.source.addItems(SOURCES)
        self.source.setCurrentText(clue.source if clue else "")
        self.form.addRow(self.tr("来源(&S)："), self.source)
        self.channel = QComboBox()
        self.channel.addItem(self.tr("（按来源）"), None)
        for name in CHANNELS:
            self.channel.addItem(name, name)
        if clue is not None:
            self.channel.setCurrentIndex(self.channel.findData(clue.channel))
        self.form.addRow(self.tr("渠道(&C)："), self.channel)
        self.received = date_edit(clue.received_on if clue else self.today)
        self.form.addRow(self.tr("受理日期(&D)："), self.received)
        self.summary = _box(3)
        self.summary.setPlainText(clue.summary if clue else "")
        self.summary.setPlaceholderText(self.tr("反映了什么问题，涉及哪里、何时"))
        self.form.addRow(self.tr("反映内容(&M)："), self.summary)
        self.contact = QLineEdit()
        if clue is not None and clue.contact:
            self.contact.setPlaceholderText(self.tr("不更改请留空（现为 {masked}）").format(masked=clue.masked))
        else:
            self.contact.setPlaceholderText(self.tr("反映人姓名、电话（保密）"))
        self.form.addRow(self.tr("联系方式(&T)："), self.contact)
        self.staff = QLineEdit(clue.staff or "" if clue else "")
        self.form.addRow(self.tr("涉及人员(&P)："), self.staff)
        self.ok_button().setText(self.tr("受理") if clue is None else self.tr("保存"))
        self.require(self.source, self.tr("来源"))
        self.require(self.summary, self.tr("反映内容"))
        if clue is not None:  # where it came from and when stay as registered
            for widget in (self.source, self.channel, self.received):
                widget.setEnabled(False)
            self.summary.setFocus()
        else:
            self.source.setFocus()
        self._update()

    def write(self) -> Callable[[], Any]:
        source, summary, received = _text(self.source), _text(self.summary), day_of(self.received)
        contact, staff, channel = _text(self.contact), _text(self.staff), self.channel.currentData()
        if self.clue is not None:
            clue_id = self.clue.id
            new_contact = contact or None  # empty: keep the one registered
            return lambda: self.store.correct_clue(clue_id, summary=summary, contact=new_contact, staff=staff)
        return lambda: self.store.add_clue(source, received, summary, contact=contact, staff=staff, channel=channel)


STAGE_INTRO = {
    Stage.CHECKED: QT_TRANSLATE_NOOP("ClueStageDialog", "核查：线索反映的问题是否属实，由谁核查。"),
    Stage.HANDLED: QT_TRANSLATE_NOOP(
        "ClueStageDialog", "处理：采取了什么措施；如追责问责，写明方式（谈话提醒、批评教育、诫勉、处分或其他）。"
    ),
    Stage.ANSWERED: QT_TRANSLATE_NOOP("ClueStageDialog", "答复：何时、以何种方式答复了反映人，答复了什么。"),
    Stage.CONCLUDED: QT_TRANSLATE_NOOP("ClueStageDialog", "办结：反映人已答复；核查属实的线索，据此登记的整改问题须已全部销号。"),
}


class ClueStageDialog(_ClueForm):
    """Record one stage of a clue; the fields are the stage's own."""

    def __init__(
        self, store: Store, clue: Clue, stage: Stage, parent: QWidget | None = None, today: dt.date | None = None
    ) -> None:
        super().__init__(store, parent, today)
        self.clue, self.stage = clue, stage
        self.setWindowTitle(self.tr("线索 #{id} · {stage}").format(id=clue.id, stage=stage.value))
        summary = self.tr("反映内容：{summary}").format(summary=brief(clue.summary))
        self.intro.setText(self.tr(STAGE_INTRO[stage]) + "\n" + summary)
        self.intro.setToolTip(clue.summary)
        self.day = date_edit(self.today)
        first: QWidget = self.day
        if stage == Stage.CHECKED:
            self.finding = QComboBox()
            self.finding.addItem("", None)
            for name in FINDINGS:
                self.finding.addItem(name, name)
            self.form.addRow(self.tr("核查结论(&F)："), self.finding)
            self.checked_by = QLineEdit(clue.checked_by or "")
            self.form.addRow(self.tr("核查人(&B)："), self.checked_by)
            self.require(self.finding, self.tr("核查结论"))
            self.require(self.checked_by, self.tr("核查人"))
            first = self.finding
        elif stage == Stage.HANDLED:
            self.handling = _box(3)
            self.handling.setPlainText(clue.handling or "")
            self.form.addRow(self.tr("处理情况(&H)："), self.handling)
            self.accountability = QComboBox()
            self.accountability.setEditable(True)
            self.accountability.addItems(["", *ACCOUNTABILITY])
            self.accountability.setCurrentText(clue.accountability or "")
            self.form.addRow(self.tr("追责问责(&A)："), self.accountability)
            self.require(self.handling, self.tr("处理情况"))
            first = self.handling
        elif stage == Stage.ANSWERED:
            self.answer = _box(3)
            self.answer.setPlainText(clue.answer or "")
            self.form.addRow(self.tr("答复情况(&A)："), self.answer)
            self.require(self.answer, self.tr("答复情况"))
            first = self.answer
        self.form.addRow(self.tr("{stage}日期(&D)：").format(stage=stage.value), self.day)
        self.ok_button().setText(self.tr("记录“{stage}”").format(stage=stage.value))
        self._update()
        first.setFocus()

    def write(self) -> Callable[[], Any]:
        day, stage, clue_id = day_of(self.day), self.stage, self.clue.id
        values: dict[str, str | None] = {}
        if stage == Stage.CHECKED:
            values = {"finding": self.finding.currentData(), "checked_by": _text(self.checked_by)}
        elif stage == Stage.HANDLED:
            values = {"handling": _text(self.handling), "accountability": _text(self.accountability) or None}
        elif stage == Stage.ANSWERED:
            values = {"answer": _text(self.answer)}
        return lambda: self.store.record_clue_stage(clue_id, stage, day=day, **values)


class RaiseFromClueDialog(_ClueForm):
    """A clue found true becomes a ledger problem (its source shows as 线索); the description starts as the clue's."""

    def __init__(self, store: Store, clue: Clue, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(store, parent, today)
        self.clue = clue
        self.setWindowTitle(self.tr("据线索 #{id} 登记整改问题").format(id=clue.id))
        self.intro.setText(
            self.tr("核查{finding}的线索登记为整改台账中的问题，销号时须做到“四不放过”。").format(finding=clue.finding)
        )
        self.description = _box(3)
        self.description.setPlainText(clue.summary)
        self.form.addRow(self.tr("问题描述(&D)："), self.description)
        self.measure = _box(2)
        self.form.addRow(self.tr("整改措施(&M)："), self.measure)
        self.owner = QLineEdit()
        self.form.addRow(self.tr("责任人(&O)："), self.owner)
        self.department = QLineEdit()
        self.form.addRow(self.tr("责任部门(&P)："), self.department)
        self.ok_button().setText(self.tr("登记问题"))
        self.require(self.description, self.tr("问题描述"))
        self._update()
        self.measure.setFocus()

    def write(self) -> Callable[[], Any]:
        fields = {k: _text(getattr(self, k)) or None for k in ("measure", "owner", "department")}
        description, clue_id = _text(self.description), self.clue.id
        return lambda: self.store.raise_problem_from_clue(clue_id, description, **fields)
