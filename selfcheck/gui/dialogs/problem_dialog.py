"""The problem dialogs: raise or edit a problem (ProblemDialog) and close it out (CloseOutDialog, 四不放过)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfcheck.core import clock
from selfcheck.core.answers import Answer
from selfcheck.core.checklist import Checklist
from selfcheck.core.ledger import MOVES, Status
from selfcheck.core.records import Problem
from selfcheck.errors import NotFoundError
from selfcheck.gui.i18n import current_language
from selfcheck.gui.ops import run_op
from selfcheck.gui.widgets.evidence_panel import ProblemEvidencePanel
from selfcheck.storage import Store

ERROR_STYLE = "color: #b3261e;"


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def term_end(today: dt.date) -> dt.date:
    """The last day of the school term `today` falls in (秋季学期 to the end of January, 春季学期 to July)."""
    if today.month >= 8:
        return dt.date(today.year + 1, 1, 31)
    if today.month >= 2:
        return dt.date(today.year, 7, 31)
    return dt.date(today.year, 1, 31)


def default_deadline(today: dt.date) -> dt.date:
    """30 days on, but within the term, unless the term ends within a week (then the 30 days stand)."""
    end = term_end(today)
    plus = today + dt.timedelta(days=30)
    return end if (end - today).days >= 7 and end < plus else plus


def found_of(template: Checklist, item_id: str, answer: Answer | None) -> tuple[str, str | None]:
    """What the school found, as a problem's first description (the note; for a count, how many), and the result
    chosen (a label, a score, a count), shown beside the requirement. The requirement itself is never the
    description: it reads as if the rule were the problem, and a required note would repeat it."""
    if answer is None:
        return "", None
    note = (answer.note or "").strip()
    option = template.option_map.get(item_id, {}).get(answer.option or "")
    if option is not None:
        return note, option.label
    count = answer.value if isinstance(answer.value, int | float) else None
    counted = item_id in template.adjustment_index or (
        item_id in template.item_index and template.item_index[item_id][1].type == "deduction"
    )
    if counted and count is not None:
        result = QCoreApplication.translate("ProblemDialog", "发现 {n} 处").format(n=f"{count:g}")
        return note or result, result
    result = None if answer.value in (None, "") else f"{answer.value:g}" if count is not None else str(answer.value)
    return note, result


class _TextBox(QPlainTextEdit):
    """A few lines of text, sized by the font (so 150 % scaling still shows them), Tab moving on."""

    def __init__(self, lines: int) -> None:
        super().__init__()
        self.setTabChangesFocus(True)  # Tab moves on, as in every other field: keyboard users never get stuck
        metrics = QFontMetrics(self.font())
        self._hint = QSize(metrics.horizontalAdvance("问") * 32, metrics.lineSpacing() * lines + 14)
        self.setMinimumHeight(self._hint.height())

    def sizeHint(self) -> QSize:
        return self._hint


def _text_box(lines: int) -> QPlainTextEdit:
    return _TextBox(lines)


def _date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


class ProblemDialog(QDialog):
    """Raise a problem (by hand, or from an inspection item) or edit one. Emits `saved(Problem)`.

    Open it with `open()` (or `exec()`); after it is accepted, `saved_problem` is what the store returned.
    """

    saved = Signal(object)

    def __init__(
        self,
        store: Store,
        problem: Problem | None = None,
        parent: QWidget | None = None,
        *,
        inspection_id: int | None = None,
        item_id: str | None = None,
        description: str = "",
        source_text: str = "",
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.problem = problem
        self.inspection_id = inspection_id
        self.item_id = item_id
        self.today = today or clock.today()
        self.saved_problem: Problem | None = None
        self._tried = False
        editing = problem is not None
        read_only = problem is not None and problem.status == Status.CLOSED
        if problem is None:
            self.setWindowTitle(self.tr("新增问题"))
        elif read_only:
            self.setWindowTitle(self.tr("问题 #{id}（已销号）").format(id=problem.id))
        else:
            self.setWindowTitle(self.tr("编辑问题 #{id}").format(id=problem.id))

        layout = QVBoxLayout(self)
        self.source_label = QLabel(source_text)
        self.source_label.setWordWrap(True)
        self.source_label.setVisible(bool(source_text))
        layout.addWidget(self.source_label)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout.addLayout(form)

        # Where a hand-raised problem belongs: a checklist lets it carry into that checklist's next round.
        self.link: QComboBox | None = None
        if problem is None and inspection_id is None:
            self.link = QComboBox()
            self.link.addItem(self.tr("（不关联检查表）"), None)
            titles = {t.template_id: t.title for t in store.checklists()}
            for insp in reversed(store.inspections()):
                title = titles.get(insp.template_id, insp.template_id)
                self.link.addItem(self.tr("{title} · {period}").format(title=title, period=insp.period), ("inspection", insp.id))
            for template_id, title in titles.items():
                self.link.addItem(self.tr("{title}（不指定期次）").format(title=title), ("template", template_id))
            form.addRow(self.tr("关联(&L)："), self.link)

        self.description = _text_box(3)
        self.description.setPlainText(problem.description if problem else description)
        self.description.setPlaceholderText(self.tr("发现了什么问题，在哪里，涉及谁"))
        form.addRow(self.tr("问题描述(&D)："), self.description)
        # 四不放过: a problem someone reported must have them answered before close-out (clue problems: the clue's).
        self.raised_by = QLineEdit(problem.raised_by or "" if problem else "")
        self.raised_by.setPlaceholderText(self.tr("群众、家长反映的问题填写反映人；学校自查发现的不填"))
        form.addRow(self.tr("反映人(&R)："), self.raised_by)
        # An old paper ledger entered late (issue 15.13): a problem raised by hand takes the day it was raised.
        self.raised_on: QDateEdit | None = None
        if problem is None and inspection_id is None:
            self.raised_on = _date_edit(self.today)
            self.raised_on.setMaximumDate(qdate(self.today))
            self.raised_on.setToolTip(self.tr("补录纸质台账时，改为问题当初提出的日期（不晚于今天）"))
            form.addRow(self.tr("提出日期(&I)："), self.raised_on)

        self.measure = _text_box(2)
        self.measure.setPlainText(problem.measure or "" if problem else "")
        self.measure.setPlaceholderText(self.tr("怎样整改，做到什么程度"))
        form.addRow(self.tr("整改措施(&M)："), self.measure)

        known = store.problems()
        self.owner = QLineEdit(problem.owner or "" if problem else "")
        self.owner.setCompleter(QCompleter(sorted({p.owner for p in known if p.owner}), self.owner))
        form.addRow(self.tr("责任人(&O)："), self.owner)
        self.department = QLineEdit(problem.department or "" if problem else "")
        self.department.setCompleter(QCompleter(sorted({p.department for p in known if p.department}), self.department))
        form.addRow(self.tr("责任部门(&P)："), self.department)

        has_deadline = problem.deadline is not None if problem else True
        self.has_deadline = QCheckBox(self.tr("设定期限(&T)"))
        self.has_deadline.setChecked(has_deadline)
        self.deadline = _date_edit(problem.deadline if problem and problem.deadline else default_deadline(self.today))
        self.deadline.setEnabled(has_deadline)
        self.deadline.setToolTip(self.tr("默认 30 天后，且不晚于本学期结束"))
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        row = QHBoxLayout()
        row.addWidget(self.has_deadline)
        row.addWidget(self.deadline, 1)
        deadline_label = QLabel(self.tr("整改期限："))
        deadline_label.setBuddy(self.deadline)
        form.addRow(deadline_label, row)

        self.status: QComboBox | None = None
        if editing and problem is not None and not read_only:
            self.status = QComboBox()
            # Only the moves core.ledger allows; 已销号 is reached through close-out alone.
            for status in (Status.OPEN, Status.IN_PROGRESS, Status.FIXED):
                if status == problem.status or status in MOVES[problem.status]:
                    self.status.addItem(status.text(current_language()), status)
            self.status.setCurrentIndex(self.status.findData(problem.status))
            form.addRow(self.tr("状态(&U)："), self.status)

        if read_only and problem is not None:
            closed = QLabel(
                self.tr("已于 {day} 由 {who} 验收销号。整改证据：{evidence}").format(
                    day=problem.verified_on.isoformat() if problem.verified_on else "",
                    who=problem.verified_by or "",
                    evidence=problem.evidence or "",
                )
            )
            closed.setWordWrap(True)
            layout.addWidget(closed)
            for widget in (self.description, self.measure):
                widget.setReadOnly(True)
            for w in (self.owner, self.department, self.has_deadline, self.deadline):
                w.setEnabled(False)

        # 整改前 / 整改后 files of a problem already in the ledger (a new one has no record to attach them to yet)
        self.evidence: ProblemEvidencePanel | None = None
        if problem is not None:
            self.evidence = ProblemEvidencePanel(store, problem.id, self)
            self.evidence.set_phase("before" if problem.status == Status.OPEN else "after")
            self.evidence.set_locked(read_only)
            layout.addWidget(self.evidence)

        self.error = _error_label()
        layout.addWidget(self.error)

        if read_only:
            self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            self.buttons.rejected.connect(self.reject)
        else:
            self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
            save = self.save_button()
            save.setText(self.tr("保存(&S)"))
            save.setDefault(True)
            save.setAutoDefault(True)
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
            self.buttons.accepted.connect(self.save)
            self.buttons.rejected.connect(self.reject)
            for signal in (self.description.textChanged, self.owner.textChanged, self.deadline.dateChanged):
                signal.connect(self._revalidate)
            if self.raised_on is not None:
                self.raised_on.dateChanged.connect(self._revalidate)
            self.has_deadline.toggled.connect(self._revalidate)
        layout.addWidget(self.buttons)
        self.description.setFocus()

    @classmethod
    def for_item(
        cls, store: Store, inspection_id: int, item_id: str, parent: QWidget | None = None, today: dt.date | None = None
    ) -> ProblemDialog:
        """A new problem pre-filled from an inspection item and its answer (raised while filling)."""
        inspection = store.inspection(inspection_id)
        template = store.checklist(inspection.template_id, inspection.template_version)
        adjustment = template.adjustment_index.get(item_id)  # a 加减分项 line raises problems like an item
        if item_id in template.item_index:
            section, item = template.item_index[item_id]
            where, requirement = section.title, item.text
            number = [i.id for i in section.items].index(item_id) + 1
        elif adjustment is not None:
            where, requirement = QCoreApplication.translate("ProblemDialog", "加减分项"), adjustment.text
            number = [a.id for a in template.adjustments].index(item_id) + 1
        else:
            raise NotFoundError(f"检查表中没有检查项“{item_id}”", f"the checklist has no item '{item_id}'")
        description, result = found_of(template, item_id, store.answers(inspection_id).get(item_id))
        source = QCoreApplication.translate("ProblemDialog", "来源：{title} · {period} · {section} 第 {n} 项").format(
            title=template.title, period=inspection.period, section=where, n=number
        )
        source += "\n" + QCoreApplication.translate("ProblemDialog", "检查要求（供参考）：{text}").format(text=requirement)
        if result:
            source += "\n" + QCoreApplication.translate("ProblemDialog", "自查结果：{result}").format(result=result)
        existing = [p for p in store.problems(inspection_id=inspection_id) if p.item_id == item_id]
        if existing:
            source += "\n" + QCoreApplication.translate("ProblemDialog", "注意：该检查项已有问题 {ids}").format(
                ids=QCoreApplication.translate("ProblemDialog", "、").join(f"#{p.id}" for p in existing)
            )
        return cls(
            store,
            None,
            parent,
            inspection_id=inspection_id,
            item_id=item_id,
            description=description,
            source_text=source,
            today=today,
        )

    def save_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    # ---- validation and saving ----------------------------------------------------------------------

    def problems_found(self) -> list[tuple[QWidget, str]]:
        """What keeps the form from being saved, each with the field to go to."""
        found: list[tuple[QWidget, str]] = []
        if not self.description.toPlainText().strip():
            found.append((self.description, self.tr("请填写问题描述。")))
        raised = pydate(self.raised_on.date()) if self.raised_on is not None else self.today
        if self.has_deadline.isChecked():
            day = pydate(self.deadline.date())
            if self.problem is None and raised < self.today and day < raised:  # an old paper entry: its own dates
                found.append((self.deadline, self.tr("整改期限不能早于问题提出日期（{day}）。").format(day=raised.isoformat())))
            elif self.problem is None and raised == self.today and day < self.today:
                found.append(
                    (self.deadline, self.tr("整改期限不能早于今天（{today}），请重新选择。").format(today=self.today.isoformat()))
                )
            elif (
                self.problem is not None
                and self.problem.raised_on
                and day < self.problem.raised_on
                and day != self.problem.deadline
            ):
                found.append(
                    (
                        self.deadline,
                        self.tr("整改期限不能早于问题提出日期（{day}）。").format(day=self.problem.raised_on.isoformat()),
                    )
                )
        return found

    def _revalidate(self) -> None:
        if self._tried:  # after a refused save, the message follows the fixes and goes away with the last one
            self._show(self.problems_found())

    def _show(self, found: list[tuple[QWidget, str]]) -> None:
        self.error.setText("\n".join(message for _, message in found))
        self.error.setVisible(bool(found))

    def values(self) -> dict[str, Any]:
        def text(widget: QLineEdit | QPlainTextEdit) -> str | None:
            value = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
            return value.strip() or None

        raised_on = {"raised_on": pydate(self.raised_on.date())} if self.raised_on is not None else {}
        return {
            **raised_on,
            "description": text(self.description),
            "measure": text(self.measure),
            "owner": text(self.owner),
            "department": text(self.department),
            "raised_by": text(self.raised_by),
            "deadline": pydate(self.deadline.date()) if self.has_deadline.isChecked() else None,
        }

    def save(self) -> None:
        """Validate inline, then one store call; a refusal from the store is shown and the form stays open."""
        self._tried = True
        found = self.problems_found()
        self._show(found)
        if found:
            found[0][0].setFocus()
            return
        fields = self.values()
        if self.problem is None:
            description = fields.pop("description")
            link = self.link.currentData() if self.link is not None else None
            inspection_id = self.inspection_id
            template_id = None
            if link and link[0] == "inspection":
                inspection_id = link[1]
            elif link and link[0] == "template":
                template_id = link[1]
            problem = run_op(
                self,
                lambda: self.store.add_problem(
                    description, inspection_id=inspection_id, item_id=self.item_id, template_id=template_id, **fields
                ),
            )
        else:
            status = self.status.currentData() if self.status is not None else None
            problem = run_op(self, lambda: self.store.update_problem(self.problem.id, status=status, **fields))  # type: ignore[union-attr]
        if problem is None:
            return
        self.saved_problem = problem
        self.saved.emit(problem)
        self.accept()


class CloseOutDialog(QDialog):
    """销号: verifier, date (not in the future) and evidence, all required. A date before the problem was raised (an
    old paper ledger entered late) is taken with a reason, which a field shown only then asks for; the store records
    it with the close-out and the report's 附件2 prints it."""

    saved = Signal(object)

    def __init__(self, store: Store, problem: Problem, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.problem = problem
        self.today = today or clock.today()
        self.saved_problem: Problem | None = None
        self.setWindowTitle(self.tr("销号 · 问题 #{id}").format(id=problem.id))
        layout = QVBoxLayout(self)

        intro = QLabel(
            self.tr(
                "销号须做到“四不放过”：问题核实清楚（验收人、验收日期），整改措施落实（整改证据），"
                "处理到位（处理情况），群众或线索反映的问题已答复反映人。"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout.addLayout(form)
        for title, value in (
            (self.tr("问题："), problem.description),
            (self.tr("整改措施："), problem.measure or self.tr("（未填写）")),
            (self.tr("责任人："), " · ".join(v for v in (problem.owner, problem.department) if v) or self.tr("（未填写）")),
        ):
            shown = QLabel(value)
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(title, shown)

        self.verifier = QLineEdit()
        self.verifier.setPlaceholderText(self.tr("验收人姓名"))
        form.addRow(self.tr("验收人(&V)："), self.verifier)
        self.date = _date_edit(self.today)
        form.addRow(self.tr("验收日期(&D)："), self.date)
        self.evidence = _text_box(3)
        self.evidence.setPlaceholderText(self.tr("整改证据或材料，如：学习记录本第 3-9 页、整改照片、会议纪要"))
        form.addRow(self.tr("整改证据(&E)："), self.evidence)
        self.handling = _text_box(2)
        self.handling.setPlainText(problem.handling or "")
        self.handling.setPlaceholderText(self.tr("对问题和相关人员的纠正、处理情况"))
        form.addRow(self.tr("处理情况(&H)："), self.handling)
        # The person who raised it must have an answer: the clue's answer counts, else one is written here.
        self.needs_answer = any(cond == "答复反映人" for cond, _ in store.close_lacks(problem.id))
        self.answer = _text_box(2)
        self.answer.setPlainText(problem.answer or "")
        self.answer.setPlaceholderText(self.tr("何时、以何种方式答复反映人，答复了什么"))
        self.answered_on = _date_edit(problem.answered_on or self.today)
        if self.needs_answer:
            who = problem.raised_by or (self.tr("线索 #{id} 的反映人").format(id=problem.clue_id) if problem.clue_id else "")
            form.addRow(self.tr("答复{who}(&A)：").format(who=who), self.answer)
            form.addRow(self.tr("答复日期："), self.answered_on)
        else:
            self.answer.hide()
            self.answered_on.hide()
        # The 整改后 files attached to the problem (the problem dialog's evidence panel) are what the close-out rests
        # on: named here, and written into 整改证据 to start with (the principal may add the paper records).
        after = [e.name for e in store.problem_attachments(problem.id) if e.phase == "after"]
        self.after_files = QLabel(
            self.tr("整改后材料：{names}").format(names=self.tr("、").join(after))
            if after
            else self.tr("尚未添加整改后的照片或材料（可在“编辑”窗口中添加，报告附件3 会印出）。")
        )
        self.after_files.setWordWrap(True)
        form.addRow("", self.after_files)
        if after:
            self.evidence.setPlainText(self.tr("整改后材料：{names}").format(names=self.tr("、").join(after)))
        self.reason = _text_box(2)
        self.reason.setPlaceholderText(self.tr("如：补录纸质台账，整改在录入系统前已完成验收"))
        self.reason_label = QLabel(self.tr("原因(&R)："))
        self.reason_label.setBuddy(self.reason)
        form.addRow(self.reason_label, self.reason)
        self.reason_hint = QLabel()
        self.reason_hint.setWordWrap(True)
        form.addRow("", self.reason_hint)
        self._form = form

        self.error = _error_label()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.ok_button()
        ok.setText(self.tr("销号"))
        ok.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.verifier.textChanged.connect(self._update)
        self.evidence.textChanged.connect(self._update)
        self.handling.textChanged.connect(self._update)
        self.answer.textChanged.connect(self._update)
        self.reason.textChanged.connect(self._update)
        self.date.dateChanged.connect(self._update)
        self._update()
        self.verifier.setFocus()

    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def blockers(self) -> list[str]:
        """Why the close-out cannot be saved yet; empty when it can. Shown below the form as it changes."""
        p = self.problem
        found: list[str] = []
        if p.status != Status.FIXED:
            found.append(self.tr("只有“已整改（待验收）”的问题才能销号；请先把状态改为“已整改”。"))
        if not (p.measure and p.measure.strip()):
            found.append(self.tr("这个问题还没有整改措施：请先编辑问题，填写整改措施。"))
        day = pydate(self.date.date())
        if day > self.today:
            found.append(self.tr("验收日期不能晚于今天（{today}）。").format(today=self.today.isoformat()))
        return found

    def before_raising(self) -> bool:
        """The date chosen precedes the problem's raising date: taken only with a reason."""
        raised = self.problem.raised_on
        return raised is not None and pydate(self.date.date()) < raised

    def missing(self) -> list[str]:
        names = []
        if not self.verifier.text().strip():
            names.append(self.tr("验收人"))
        if not self.evidence.toPlainText().strip():
            names.append(self.tr("整改证据"))
        if not self.handling.toPlainText().strip():
            names.append(self.tr("处理情况"))
        if self.needs_answer and not self.answer.toPlainText().strip():
            names.append(self.tr("答复反映人"))
        if self.before_raising() and not self.reason.toPlainText().strip():
            names.append(self.tr("验收日期早于提出日期的原因"))
        return names

    def _update(self) -> None:
        early = self.before_raising()
        for row in (self.reason, self.reason_hint):  # asked for only when the date calls for it
            self._form.setRowVisible(row, early)
        if early and self.problem.raised_on:
            self.reason_hint.setText(
                self.tr(
                    "验收日期早于问题提出日期（{day}）：请写明原因（如补录纸质台账），原因随销号记入台账，并印在报告附件2中。"
                ).format(day=self.problem.raised_on.isoformat())
            )
        blockers = self.blockers()
        # Missing fields are not an error yet (the form starts empty), so they only disable OK, quietly.
        self.error.setText("\n".join(blockers))
        self.error.setVisible(bool(blockers))
        missing = self.missing()
        ok = self.ok_button()
        ok.setEnabled(not blockers and not missing)
        ok.setToolTip(self.tr("还需填写：{fields}").format(fields=self.tr("、").join(missing)) if missing else "")

    def save(self) -> None:
        if self.blockers() or self.missing():
            return
        problem = run_op(
            self,
            lambda: self.store.close_problem(
                self.problem.id,
                verified_by=self.verifier.text(),
                evidence=self.evidence.toPlainText(),
                verified_on=pydate(self.date.date()),
                today=self.today,
                handling=self.handling.toPlainText(),
                answer=self.answer.toPlainText() if self.needs_answer else None,
                answered_on=pydate(self.answered_on.date()) if self.needs_answer else None,
                reason=self.reason.toPlainText() if self.before_raising() else None,
            ),
        )
        if problem is None:
            return
        self.saved_problem = problem
        self.saved.emit(problem)
        self.accept()
