"""The cadence screen (工作节奏): the school's rhythm (一月一查、一季度一小结、半年一考核), what is due and overdue,
starting this month's check, and the quarterly summary or half-year assessment: its text written from the period's
data, edited, saved, then signed and exported."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from selfcheck.core import cadence, clock
from selfcheck.core.cadence import DueState, Kind
from selfcheck.core.changes import Changes
from selfcheck.errors import SelfcheckError
from selfcheck.gui.dialogs.period_dialog import PeriodExportDialog
from selfcheck.gui.dialogs.task_dialog import pydate, qdate
from selfcheck.gui.i18n import current_language
from selfcheck.gui.ops import error_text, run_op
from selfcheck.gui.pages.page import Page
from selfcheck.gui.widgets.due_panel import due_line
from selfcheck.storage import Store

ALERT = QColor("#b3261e")


class CadencePage(Page, QWidget):
    open_inspection = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.dialog: QDialog | None = None
        self._document_id: int | None = None
        self._loading = False

        rhythm_box = QGroupBox(self.tr("本校的工作节奏"))
        self.monthly = QCheckBox(self.tr("每月开展一次检查，使用检查表(&M)："))
        self.checklist = QComboBox()
        self.quarterly = QCheckBox(self.tr("每季度写季度小结(&Q)"))
        self.half_year = QCheckBox(self.tr("每半年写半年考核(&H)"))
        self.grace = QSpinBox()
        self.grace.setRange(0, cadence.MAX_GRACE)
        self.grace.setSuffix(self.tr(" 天"))
        self.save_rhythm_button = QPushButton(self.tr("保存节奏(&S)"))
        self.save_rhythm_button.clicked.connect(self.save_rhythm)
        self.rhythm_message = QLabel()
        self.rhythm_message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.monthly)
        row.addWidget(self.checklist, 1)
        row2 = QHBoxLayout()  # three short rows rather than one long one: the page fits 1024 wide in English too
        row2.addWidget(self.quarterly)
        row2.addWidget(self.half_year)
        row2.addStretch(1)
        row3 = QHBoxLayout()
        row3.addWidget(QLabel(self.tr("期末后报送期限：")))
        row3.addWidget(self.grace)
        row3.addStretch(1)
        row3.addWidget(self.save_rhythm_button)
        self.grace.setMinimumSize(self.grace.sizeHint())  # never squeezed below what its digits need
        rhythm_layout = QVBoxLayout(rhythm_box)
        rhythm_layout.addLayout(row)
        rhythm_layout.addLayout(row2)
        rhythm_layout.addLayout(row3)
        rhythm_layout.addWidget(self.rhythm_message)
        rhythm_layout.addStretch(1)  # the rows stay together at the top

        due_box = QGroupBox(self.tr("待完成和已逾期"))
        self.agenda = QListWidget()
        self.agenda.setAccessibleName(self.tr("工作节奏事项"))
        self.agenda.setWordWrap(True)  # a long line wraps (1024 wide: the narrower box) rather than hiding its date
        self.agenda.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.start_button = QPushButton(self.tr("开始本月检查(&C)"))
        self.start_button.clicked.connect(self.start_monthly_check)
        due_layout = QVBoxLayout(due_box)
        due_layout.addWidget(self.agenda)
        due_layout.addWidget(self.start_button)

        doc_box = QGroupBox(self.tr("季度小结和半年考核"))
        self.kind = QComboBox()
        for kind in cadence.DOCUMENT_KINDS:
            self.kind.addItem(kind.text(current_language()), kind.value)
        self.start = QDateEdit()
        self.end = QDateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setMinimumSize(edit.sizeHint())  # never squeezed below what its digits need
        self.kind.currentIndexChanged.connect(lambda _i: self._default_dates())
        self.load_button = QPushButton(self.tr("生成正文(&G)"))
        self.load_button.clicked.connect(self.load_document)
        self.addressee = QLineEdit()
        self.number = QLineEdit()
        self.number.setPlaceholderText(self.tr("可不填，如 城关一小〔2026〕9号"))
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(
            self.tr("选好类型和时间段后点“生成正文”：按本期的自查、整改台账和责任清单写出，可以修改后再签名。")
        )
        self.text.setAccessibleName(self.tr("正文"))
        self.doc_message = QLabel()
        self.doc_message.setWordWrap(True)
        self.save_text_button = QPushButton(self.tr("保存正文(&V)"))
        self.rewrite_button = QPushButton(self.tr("按数据重写(&R)"))
        self.export_button = QPushButton(self.tr("签名并导出(&E)…"))
        self.reopen_button = QPushButton(self.tr("重新打开(&O)"))
        self.reopen_button.setToolTip(self.tr("已签名的文件需要更正时：重新打开，修改后重新签名导出（已报送的文件不变）"))
        self.reopen_button.clicked.connect(self.reopen)
        self.save_text_button.clicked.connect(self.save_text)
        self.rewrite_button.clicked.connect(self.rewrite)
        self.export_button.clicked.connect(self.export)
        pick = QHBoxLayout()
        pick.addWidget(self.kind)
        pick.addWidget(QLabel(self.tr("从")))
        pick.addWidget(self.start)
        pick.addWidget(QLabel(self.tr("至")))
        pick.addWidget(self.end)
        pick.addWidget(self.load_button)
        pick.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("主送(&A)："), self.addressee)
        form.addRow(self.tr("发文字号(&N)："), self.number)
        actions = QHBoxLayout()
        actions.addWidget(self.doc_message, 1)
        for b in (self.save_text_button, self.rewrite_button, self.export_button, self.reopen_button):
            b.setAutoDefault(False)
            actions.addWidget(b)
        doc_layout = QVBoxLayout(doc_box)
        doc_layout.addLayout(pick)
        doc_layout.addLayout(form)
        doc_layout.addWidget(self.text, 1)
        doc_layout.addLayout(actions)

        upper = QHBoxLayout()
        upper.addWidget(rhythm_box, 3)
        upper.addWidget(due_box, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(upper)
        layout.addWidget(doc_box, 1)
        self._default_dates()
        self._set_document(None)
        self.refresh()

    # ---- reading ----------------------------------------------------------------------------------

    def shows(self, changes: Changes) -> bool:
        return bool(changes.cadence or changes.inspections or changes.checklists)

    def refresh(self) -> None:
        rhythm = self.store.rhythm()
        chosen = self.checklist.currentData()
        self.checklist.clear()  # the installed checklists, newest version's title (one may have been imported)
        for c in {c.template_id: c for c in self.store.checklists()}.values():
            self.checklist.addItem(f"{c.title}（{c.template_id}）", c.template_id)
        if chosen is not None and self.checklist.findData(chosen) >= 0:
            self.checklist.setCurrentIndex(self.checklist.findData(chosen))
        self.monthly.setChecked(bool(rhythm and rhythm.monthly))
        self.quarterly.setChecked(bool(rhythm and rhythm.quarterly))
        self.half_year.setChecked(bool(rhythm and rhythm.half_year))
        self.grace.setValue(rhythm.grace_days if rhythm else 10)
        if rhythm and rhythm.monthly_checklist:
            index = self.checklist.findData(rhythm.monthly_checklist)
            if index >= 0:
                self.checklist.setCurrentIndex(index)
        self.rhythm_message.setText(
            self.tr("自 {since} 起计算。").format(since=rhythm.since.isoformat())
            if rhythm
            else self.tr("尚未设置：选好后点“保存节奏”，首页就会提醒哪些事该做了。")
        )
        language = current_language()
        self.agenda.clear()
        due = self.store.agenda()
        for d in due:
            entry = QListWidgetItem(due_line(d, language))
            if d.state == DueState.OVERDUE:
                entry.setForeground(QBrush(ALERT))
            self.agenda.addItem(entry)
        if not due:
            self.agenda.addItem(self.tr("现在没有待完成的事项。"))
        month_open = any(d.kind == Kind.MONTHLY and d.state in (DueState.DUE, DueState.OVERDUE) for d in due)
        self.start_button.setEnabled(bool(rhythm and rhythm.monthly and month_open))
        if self._document_id is not None:
            self._set_document(self._document_id, keep_text=True)

    def focus_default(self) -> None:
        self.monthly.setFocus()

    # ---- the rhythm -------------------------------------------------------------------------------

    def save_rhythm(self) -> None:
        monthly = self.monthly.isChecked()
        checklist = self.checklist.currentData() if monthly else None
        result = run_op(
            self,
            lambda: self.store.set_rhythm(
                monthly=monthly,
                quarterly=self.quarterly.isChecked(),
                half_year=self.half_year.isChecked(),
                monthly_checklist=checklist,
                grace_days=self.grace.value(),
            ),
            on_failure=lambda exc: self.rhythm_message.setText(error_text(exc)),
        )
        if result is not None:
            self.refresh()

    def start_monthly_check(self) -> None:
        rhythm = self.store.rhythm()
        if rhythm is None or not rhythm.monthly_checklist:
            return
        period = cadence.monthly_check_period(clock.today())  # data: Chinese whatever the UI language
        checklist = rhythm.monthly_checklist
        made = run_op(self, lambda: self.store.new_inspection(checklist, period))
        if made is not None:
            self.open_inspection.emit(made.id)

    # ---- the period document ----------------------------------------------------------------------

    def chosen_kind(self) -> Kind:
        return Kind(self.kind.currentData())

    def _default_dates(self) -> None:
        period = cadence.document_period(self.chosen_kind(), clock.today())
        self.start.setDate(qdate(period.start))
        self.end.setDate(qdate(period.end))

    def _set_document(self, document_id: int | None, keep_text: bool = False) -> None:
        self._document_id = document_id
        doc = self.store.period_document(document_id) if document_id is not None else None
        for w in (self.save_text_button, self.rewrite_button, self.export_button, self.text, self.addressee, self.number):
            w.setEnabled(doc is not None and not doc.locked)
        self.export_button.setEnabled(doc is not None)
        self.reopen_button.setVisible(doc is not None and doc.locked)
        if doc is None:
            self.doc_message.setText("")
            return
        if doc.locked:
            self.doc_message.setText(
                self.tr("已于 {day} 签名导出：{path}").format(day=(doc.signed_at or "")[:10], path=doc.path or "")
            )
        elif not keep_text:
            self.doc_message.setText(self.tr("正文可以修改；签名后不能再改。"))

    def load_document(self) -> None:
        """Begin (or find) the document of the chosen kind and dates and show its text; text being edited for another
        one is saved first."""
        from selfcheck.reports import period_data, period_service

        if self._document_id is not None and self.text.document().isModified():
            self.save_text()
        kind, start, end = self.chosen_kind(), pydate(self.start.date()), pydate(self.end.date())
        doc = run_op(self, lambda: period_service.begin(self.store, kind, start, end))
        if doc is None:
            return
        try:
            data = period_data.build(self.store, doc.id)
        except SelfcheckError as exc:  # no school yet, say: shown, nothing lost
            self.doc_message.setText(error_text(exc))
            return
        self.text.setPlainText(data.document.narrative)
        self.text.document().setModified(False)
        self.addressee.setText(data.document.addressee)
        self.number.setText(data.document.document_number or "")
        self._set_document(doc.id)
        self.text.setFocus()

    def save_text(self) -> bool:
        if self._document_id is None:
            return False
        document_id = self._document_id
        fields: dict[str, str | None] = {"addressee": self.addressee.text(), "document_number": self.number.text()}
        if self.text.document().isModified():  # the written text stays "written from the data" until changed
            fields["narrative"] = self.text.toPlainText()
        done = run_op(
            self,
            lambda: self.store.set_period_text(document_id, **fields),
            on_failure=lambda exc: self.doc_message.setText(error_text(exc)),
        )
        if done is None:
            return False
        self.text.document().setModified(False)
        self.doc_message.setText(self.tr("已保存正文。"))
        return True

    def rewrite(self) -> None:
        """Back to the text written from the data (the principal's saved text is dropped)."""
        from selfcheck.reports import period_service

        if self._document_id is None:
            return
        document_id = self._document_id
        if run_op(self, lambda: self.store.set_period_text(document_id, narrative=None)) is None:
            return
        self.text.setPlainText(period_service.written(self.store, document_id))
        self.text.document().setModified(False)

    def reopen(self) -> None:
        if self._document_id is None:
            return
        document_id = self._document_id
        if run_op(self, lambda: self.store.reopen_period_document(document_id)) is not None:
            self._set_document(document_id)

    def export(self) -> PeriodExportDialog | None:
        if self._document_id is None:
            return None
        doc = self.store.period_document(self._document_id)
        if not doc.locked and not self.save_text():
            return None
        title = self.tr("{kind}：{start} 至 {end}").format(
            kind=doc.kind.text(current_language()), start=doc.start.isoformat(), end=doc.end.isoformat()
        )
        dialog = PeriodExportDialog(self.store, doc.id, title, self)
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self._export_closed(dialog))
        dialog.open()
        return dialog

    def _export_closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        self.refresh()
