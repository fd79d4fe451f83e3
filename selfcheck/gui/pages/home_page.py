"""Home: the school's inspections with progress, score, grade and status; what the cadence asks and the tasks late or
stalled; open problems, overdue first."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from selfcheck.core import clock
from selfcheck.core.changes import Changes
from selfcheck.gui.i18n import current_language
from selfcheck.gui.models.home_model import HomeModel
from selfcheck.gui.pages.page import Page
from selfcheck.gui.widgets.due_panel import DuePanel
from selfcheck.gui.widgets.panes import panes
from selfcheck.gui.widgets.record_table import ColumnFit, record_table
from selfcheck.storage import Store

OVERDUE = QColor("#b3261e")


def short_time(iso: str) -> str:
    try:
        return dt.datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


class HomePage(Page, QWidget):
    open_inspection = Signal(int)
    new_inspection = Signal()
    import_checklist = Signal()
    open_report = Signal(int)
    show_ledger = Signal()
    show_tasks = Signal()
    show_cadence = Signal()
    backup = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.title = QLabel()
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)

        self.new_button = QPushButton(self.tr("新建自查(&N)…"))
        self.continue_button = QPushButton(self.tr("继续填写(&C)"))
        self.report_button = QPushButton(self.tr("报告与导出(&R)…"))
        self.import_button = QPushButton(self.tr("导入检查表(&I)…"))
        self.new_button.clicked.connect(self.new_inspection)
        self.continue_button.clicked.connect(self._continue)
        self.report_button.clicked.connect(self._report)
        self.import_button.clicked.connect(self.import_checklist)
        actions = QHBoxLayout()
        for b in (self.new_button, self.continue_button, self.report_button, self.import_button):
            actions.addWidget(b)
        actions.addStretch(1)

        self.model = HomeModel(
            [
                self.tr("检查表"),
                self.tr("期次"),
                self.tr("进度"),
                self.tr("得分"),
                self.tr("等次"),
                self.tr("状态"),
                self.tr("最后修改"),
            ],
            self,
        )
        self.table = record_table(self.model)
        # 检查表 takes what is left, elided; 期次, 等次, 状态 and 最后修改 give way before it scrolls; 进度 and 得分 never
        self.columns = ColumnFit(self.table, 0, 8, {1: 7, 4: 3, 5: 4, 6: 6})
        self.table.horizontalHeader().setResizeContentsPrecision(
            50
        )  # columns sized from a sample of rows, once per refresh: not 300 rows
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.doubleClicked.connect(lambda _i: self._continue())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.setAccessibleName(self.tr("自查列表"))

        inspections_box = QGroupBox(self.tr("本校自查"))
        box_layout = QVBoxLayout(inspections_box)
        self.empty_hint = QLabel(self.tr("还没有自查。点“新建自查”开始，默认使用“五查五看”检查表。"))
        self.empty_hint.setWordWrap(True)
        box_layout.addWidget(self.empty_hint)
        box_layout.addWidget(self.table)

        problems_box = QGroupBox(self.tr("未销号的问题"))
        problems_layout = QVBoxLayout(problems_box)
        self.problem_summary = QLabel()
        self.problem_summary.setWordWrap(True)
        self.problems = QListWidget()
        self.problems.setWordWrap(True)
        self.problems.itemActivated.connect(lambda _i: self.show_ledger.emit())
        ledger_button = QPushButton(self.tr("打开整改台账(&L)"))
        ledger_button.clicked.connect(self.show_ledger)
        problems_layout.addWidget(self.problem_summary)
        problems_layout.addWidget(self.problems)
        problems_layout.addWidget(ledger_button, 0, Qt.AlignmentFlag.AlignRight)

        # what the cadence asks and the tasks that are late or stalled (責任清单, 工作节奏): above the open problems
        self.due = DuePanel()
        self.due.show_tasks.connect(self.show_tasks)
        self.due.show_cadence.connect(self.show_cadence)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.due)
        right.addWidget(problems_box)
        right.setChildrenCollapsible(False)

        split = panes(Qt.Orientation.Horizontal, (inspections_box, 2), (right, 1))  # the list's 7 columns fit at 1024

        self.backup_reminder = QWidget()
        self.backup_reminder.setObjectName("backupReminder")
        self.backup_reminder.setStyleSheet("#backupReminder { background: #fff4e0; border: 1px solid #e0b060; }")
        self.backup_text = QLabel()
        self.backup_text.setWordWrap(True)
        self.backup_button = QPushButton(self.tr("备份到U盘(&B)…"))
        self.backup_button.clicked.connect(self.backup)
        reminder = QHBoxLayout(self.backup_reminder)
        reminder.addWidget(self.backup_text, 1)
        reminder.addWidget(self.backup_button)
        self.backup_reminder.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.backup_reminder)
        layout.addLayout(actions)
        layout.addWidget(split, 1)
        self._ids: list[int] = []
        self._last_backup: tuple[dt.datetime | None] | None = None  # when a backup last left the PC, as last read
        self._stale = True  # filled when first shown: an app started straight into an inspection never waits for it

    def on_changes(self, changes: Changes, initiator: object | None = None) -> None:
        if changes.school:  # a backup is recorded as a change of the school's data
            self._last_backup = None
        super().on_changes(changes, initiator)

    def shows(self, changes: Changes) -> bool:
        return bool(
            changes.school
            or changes.checklists
            or changes.inspections
            or changes.answers
            or changes.problems
            or changes.tasks
            or changes.cadence
        )

    def focus_default(self) -> None:
        """The keyboard starts in the list when there is one, else on "new inspection"."""
        (self.table if self._ids else self.new_button).setFocus()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self._ids[rows[0].row()] if rows else None

    def _continue(self) -> None:
        chosen = self.selected_id()
        if chosen is not None:
            self.open_inspection.emit(chosen)

    def _report(self) -> None:
        chosen = self.selected_id()
        if chosen is not None:
            self.open_report.emit(chosen)

    def _selection_changed(self) -> None:
        has = self.selected_id() is not None
        self.continue_button.setEnabled(has)
        self.report_button.setEnabled(has)

    def refresh(self) -> None:
        """Re-read the list: the figures come from the store's cache (scored again only for inspections whose answers
        changed), the cells are made once here, and the model is reset once."""
        # Imported here: an app started straight into an inspection paints without them.
        from selfcheck.core.state import stage_label

        self._stale = False
        school = self.store.school()
        self.title.setText(school.name if school else self.tr("学校自查"))
        previous = self.selected_id()
        inspections = sorted(self.store.inspections(), key=lambda i: i.updated_at, reverse=True)
        figures_of = self.store.summaries()
        titles = {(t.template_id, t.version): t.title for t in self.store.checklists()}
        language = current_language()
        rows = []
        for inspection in inspections:
            figures = figures_of[inspection.id]
            title = titles.get((inspection.template_id, inspection.template_version), inspection.template_id)
            cells = (
                self.tr("{title}（{version}）").format(title=title, version=inspection.template_version),
                inspection.period,
                f"{figures.answered}/{figures.total}",
                ""
                if figures.percent is None
                else self.tr("{total}/{max}（{percent}%）").format(
                    total=f"{figures.points:g}", max=f"{figures.max:g}", percent=f"{figures.percent:g}"
                ),
                figures.grade or "",
                stage_label(inspection, language),
                short_time(inspection.updated_at),
            )
            rows.append((inspection.id, cells))
        self._ids = [i.id for i in inspections]
        self.model.set_rows(rows)
        self.empty_hint.setVisible(not inspections)
        self.table.setVisible(bool(inspections))
        if previous in self._ids:
            self.table.selectRow(self._ids.index(previous))
        elif inspections:
            self.table.selectRow(0)
        self._selection_changed()
        self._refresh_problems()
        self.due.refresh(self.store)
        self._refresh_backup_reminder(bool(inspections))

    def _refresh_backup_reminder(self, has_data: bool) -> None:
        """Shown once there is something to lose, when no backup has left the PC for 30 days (core.reminders)."""
        from selfcheck.core.reminders import backup_due

        if self._last_backup is None:  # read once, and again after a change of the school's data (a scan of the log)
            self._last_backup = (self.store.last_backup_off_pc(),)
        last = self._last_backup[0]
        due = has_data and backup_due(last.date() if last else None, clock.today())
        self.backup_reminder.setVisible(due)
        if not due:
            return
        if last is None:
            text = self.tr("本校数据还从未备份到U盘或其他电脑。电脑损坏或丢失时，数据将无法找回。")
        else:
            text = self.tr("已经 {n} 天没有把数据备份到U盘或其他电脑（上次 {d}）。").format(
                n=(clock.today() - last.date()).days, d=last.date().isoformat()
            )
        self.backup_text.setText(text)

    def _refresh_problems(self) -> None:
        today = clock.today()
        open_ones = self.store.problems(unclosed=True)
        overdue = [p for p in open_ones if p.overdue(today)]
        open_ones.sort(key=lambda p: (not p.overdue(today), p.deadline or dt.date.max))
        self.problems.clear()
        for p in open_ones[:200]:
            due = self.tr("期限 {d}").format(d=p.deadline.isoformat()) if p.deadline else self.tr("未定期限")
            owner = p.owner or self.tr("未定责任人")
            text = f"{p.description}\n{p.status.text(current_language())} · {owner} · {due}"
            entry = QListWidgetItem(text)
            if p.overdue(today):
                entry.setForeground(QBrush(OVERDUE))
                entry.setText(self.tr("【逾期】") + text)
            self.problems.addItem(entry)
        self.problem_summary.setText(
            self.tr("共 {n} 个问题未销号，其中 {m} 个已逾期。").format(n=len(open_ones), m=len(overdue))
            if open_ones
            else self.tr("没有未销号的问题。")
        )
