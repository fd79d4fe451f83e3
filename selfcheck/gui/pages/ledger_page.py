"""The ledger screen (整改台账): every problem across inspections, filtered, sorted, edited, moved and closed out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfcheck.core.changes import Changes
from selfcheck.core.ledger import MOVES, OPEN_STATUSES, SOURCES, Status, source_label
from selfcheck.core.records import Inspection, Problem
from selfcheck.errors import NotFoundError, SelfcheckError
from selfcheck.gui.dialogs.problem_dialog import CloseOutDialog, ProblemDialog
from selfcheck.gui.dialogs.task_dialog import TaskDialog
from selfcheck.gui.i18n import current_language
from selfcheck.gui.models.ledger_model import ItemRef, LedgerFilter, LedgerModel, column
from selfcheck.gui.ops import run_op, show_error
from selfcheck.gui.pages.page import Page
from selfcheck.gui.widgets.due_panel import TasksNote
from selfcheck.gui.widgets.empty_state import show_when_empty
from selfcheck.gui.widgets.record_table import record_table, select_row
from selfcheck.storage import Store

# The status filter's choices: key → statuses shown (None: all).
_STATUS_FILTERS: list[tuple[str, frozenset[Status] | None]] = [
    ("unclosed", frozenset(OPEN_STATUSES)),
    ("all", None),
    *[(s.value, frozenset({s})) for s in Status],
]

# Column widths in characters: what each wants, and what it may shrink to so that 问题 keeps room to be read.
COLUMN_WANT = {"id": 3, "source": 14, "measure": 12, "owner": 5, "department": 6, "status": 7, "overdue": 4}
COLUMN_LEAST = {"id": 3, "source": 7, "measure": 7, "owner": 4, "department": 4, "status": 6, "overdue": 3}
DESCRIPTION_LEAST = 14  # 问题: never narrower (at 1024×768 it was one character wide); below, the table scrolls


def ask_save_path(parent: QWidget, suggested: Path) -> Path | None:
    """Where to write the Excel file; None when the user cancels. A function of its own so tests can answer it."""
    dialog = QFileDialog(parent, QCoreApplication.translate("LedgerPage", "导出整改台账"), str(suggested))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilter(QCoreApplication.translate("LedgerPage", "Excel 工作簿 (*.xlsx)"))
    dialog.setDefaultSuffix("xlsx")  # added before the dialog asks about replacing, so it asks about the right file
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])


class LedgerPage(Page, QWidget):
    """The 整改台账 screen. Its writes go through ops.run_op; it repaints when a broadcast touches the ledger."""

    exported = Signal(object)  # the Excel file written (for tests and the main window's status bar)

    def __init__(self, store: Store, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._today = today
        self.model = LedgerModel(self, today)
        self.proxy = LedgerFilter(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self.refresh()

    # ---- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)

        bar = QHBoxLayout()
        self.status_filter = QComboBox()
        labels = {"unclosed": self.tr("全部未销号"), "all": self.tr("全部（含已销号）")}
        for key, _ in _STATUS_FILTERS:
            self.status_filter.addItem(labels.get(key) or Status(key).text(current_language()), key)
        self.source_filter = QComboBox()
        self.source_filter.addItem(self.tr("全部来源"), None)
        for key in SOURCES:
            self.source_filter.addItem(source_label(key, current_language()), key)
        self.owner_filter = QComboBox()
        self.department_filter = QComboBox()
        for combo in (self.status_filter, self.source_filter, self.owner_filter, self.department_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.overdue_only = QCheckBox(self.tr("只看逾期(&Y)"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索问题、措施、责任人…（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(QFontMetrics(self.search.font()).horizontalAdvance("搜索问题、措施、责任人…（Ctrl+F）") + 40)
        for text, widget in (
            (self.tr("状态(&Z)："), self.status_filter),
            (self.tr("责任人(&R)："), self.owner_filter),
            (self.tr("责任部门(&B)："), self.department_filter),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            bar.addWidget(label)
            bar.addWidget(widget)
        # No label: its first choice 全部来源 says what it chooses (at 1024×768 the bar has no width to spare)
        self.source_filter.setToolTip(self.tr("来源：自查、督查或手工录入"))
        self.source_filter.setAccessibleName(self.tr("来源"))
        bar.addWidget(self.source_filter)
        bar.addWidget(self.overdue_only)
        bar.addStretch(1)
        layout.addLayout(bar)
        layout.addWidget(self.search)  # a row of its own: the filters fit 1024 wide in English too
        self.tasks_note = TasksNote()  # the responsibility list's overdue and stalled tasks stand out here too
        layout.addWidget(self.tasks_note)

        self.table = record_table(self.proxy)
        self.empty_state = show_when_empty(self.table, self._empty_text)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(column("deadline"), Qt.SortOrder.AscendingOrder)
        # Two wrapped lines per row, the rest elided; the tooltip has the whole text.
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        metrics = QFontMetrics(self.table.font())
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(metrics.lineSpacing() * 2 + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self._em = metrics.horizontalAdvance("问")
        header.resizeSection(column("deadline"), max(metrics.horizontalAdvance("2026-12-31"), self._em * 4) + 24)
        self.table.setMinimumWidth(self._em * 40)
        self.table.viewport().installEventFilter(self)  # the columns are fitted to the width on every resize
        self._fit_columns()
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        layout.addWidget(self.table, 1)

        bottom = QHBoxLayout()
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        bottom.addWidget(self.count)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        bottom.addWidget(self.notice, 1)
        self.add_button = QPushButton(self.tr("新增问题(&N)…"))
        self.edit_button = QPushButton(self.tr("编辑(&E)"))
        self.status_button = QPushButton(self.tr("改状态(&G)"))
        self.status_menu = QMenu(self.status_button)
        self.status_button.setMenu(self.status_menu)
        self.close_button = QPushButton(self.tr("销号(&C)…"))
        self.task_button = QPushButton(self.tr("建立任务(&K)…"))
        self.task_button.setToolTip(self.tr("为选中的问题建立责任清单任务，记录整改进度"))
        self.export_button = QPushButton(self.tr("导出 Excel(&X)…"))
        self.export_button.setToolTip(self.tr("把整个整改台账（含已销号的问题）导出为 Excel 工作簿"))
        for button in (
            self.add_button,
            self.edit_button,
            self.status_button,
            self.close_button,
            self.task_button,
            self.export_button,
        ):
            button.setAutoDefault(False)
            bottom.addWidget(button)
        layout.addLayout(bottom)

        self.status_filter.currentIndexChanged.connect(self._filters_changed)
        self.source_filter.currentIndexChanged.connect(self._filters_changed)
        self.owner_filter.currentIndexChanged.connect(self._filters_changed)
        self.department_filter.currentIndexChanged.connect(self._filters_changed)
        self.overdue_only.toggled.connect(self._filters_changed)
        self.search.textChanged.connect(self._filters_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.customContextMenuRequested.connect(self._context_menu)
        # One re-filter removes and inserts rows range by range (hundreds of signals for one change): the count is
        # made once, when the event loop is next free, not once per range.
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(0)
        self._count_timer.timeout.connect(self._update_count)
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset, self.proxy.layoutChanged):
            signal.connect(self._count_timer.start)
        self.add_button.clicked.connect(self.add_problem)
        self.edit_button.clicked.connect(self.edit_selected)
        self.status_menu.aboutToShow.connect(lambda: self._fill_status_menu(self.status_menu))
        self.close_button.clicked.connect(self.close_out_selected)
        self.export_button.clicked.connect(self.export_excel)
        self.task_button.clicked.connect(self.task_for_selected)
        self.table.installEventFilter(self)  # Enter on a row edits it

        QWidget.setTabOrder(self.search, self.table)
        QWidget.setTabOrder(self.table, self.add_button)

    def _fit_columns(self) -> None:
        """Share the table's width: 问题 takes what is left, at least DESCRIPTION_LEAST characters; when that is not
        there, the others shrink towards their least (their text elided, whole in the tooltip), then it scrolls."""
        header = self.table.horizontalHeader()
        em, pad = self._em, 16
        room = self.table.viewport().width() - header.sectionSize(column("deadline"))
        want = {k: em * n + pad for k, n in COLUMN_WANT.items()}
        least = {k: em * n + pad for k, n in COLUMN_LEAST.items()}
        need = em * DESCRIPTION_LEAST + pad
        spare = sum(want.values()) - sum(least.values())
        short = max(0, sum(want.values()) + need - room)
        share = min(1.0, short / spare) if spare else 1.0
        widths = {k: round(want[k] - (want[k] - least[k]) * share) for k in want}
        for key, width in widths.items():
            header.resizeSection(column(key), width)
        header.resizeSection(column("description"), max(need, room - sum(widths.values())))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        ):
            self.edit_selected()
            return True
        return super().eventFilter(watched, event)

    def focus_search(self) -> None:
        """Ctrl+F (the main window's one binding: a page shortcut beside it made the key ambiguous)."""
        self.search.setFocus()
        self.search.selectAll()

    # ---- reading --------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the ledger from the store, keeping the filters and the selected problem."""
        selected = self.selected_problem()
        try:
            problems = self.store.problems()
            inspections = {i.id: i for i in self.store.inspections()}
            titles = {t.template_id: t.title for t in self.store.checklists()}  # the newest version's title wins
            refs: dict[tuple[int, str], ItemRef] = {}
            for p in problems:
                if p.inspection_id is None or p.item_id is None or p.inspection_id not in inspections:
                    continue
                ref = self._ref(p.inspection_id, p.item_id, inspections[p.inspection_id])
                if ref is not None:
                    refs[(p.inspection_id, p.item_id)] = ref
        except SelfcheckError as exc:
            show_error(self, exc)
            return
        self.model.set_rows(problems, inspections, titles, refs, today=self._today)
        self._fill_people()
        if selected is not None:
            self.select(selected.id)
        self._update_count()
        self._update_buttons()
        self.tasks_note.refresh(self.store)

    def task_for_selected(self) -> QDialog | None:
        """A responsibility-list task for the selected problem (gui/dialogs/task_dialog.py)."""
        problem = self.selected_problem()
        if problem is None:
            return None
        self.dialog = TaskDialog(self.store, problem, self)
        self.dialog.open()
        return self.dialog

    def _ref(self, inspection_id: int, item_id: str, inspection: Inspection | None = None) -> ItemRef | None:
        """How the problem's checklist item is named: its section and number (short), its text (full)."""
        try:
            insp = inspection or self.store.inspection(inspection_id)
            found = self.store.checklist(insp.template_id, insp.template_version).item_index.get(item_id)
        except SelfcheckError:
            return None
        if not found:
            return None
        section, item = found
        number = [i.id for i in section.items].index(item.id) + 1
        return ItemRef(self.tr("{section} 第 {n} 项").format(section=section.title, n=number), f"{section.title}：{item.text}")

    def _fill_people(self) -> None:
        for combo, values, everyone in (
            (self.owner_filter, self.model.owners(), self.tr("全部责任人")),
            (self.department_filter, self.model.departments(), self.tr("全部部门")),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everyone, None)
            for value in values:
                combo.addItem(value, value)
            index = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        self._filters_changed()

    def _empty_text(self) -> str:
        filtered = (
            self.status_filter.currentIndex() > 0
            or self.owner_filter.currentIndex() > 0
            or self.department_filter.currentIndex() > 0
            or self.overdue_only.isChecked()
            or bool(self.search.text())
        )
        if filtered:
            return self.tr("没有符合筛选条件的问题。请放宽筛选条件或清空搜索框。")
        return self.tr(
            "没有未销号的问题。自查中选了需要整改的结果时，在逐项填写页按 Alt+W 提出问题；"
            "家长反映、上级督查发现的问题，点“新增问题”登记。"
        )

    def _filters_changed(self) -> None:
        statuses = dict(_STATUS_FILTERS)[self.status_filter.currentData()]
        self.proxy.set_statuses(statuses)
        self.proxy.set_source(self.source_filter.currentData())
        self.proxy.set_owner(self.owner_filter.currentData())
        self.proxy.set_department(self.department_filter.currentData())
        self.proxy.set_overdue_only(self.overdue_only.isChecked())
        self.proxy.set_search(self.search.text())
        self.empty_state.update()  # an empty list filtered differently says another thing
        self._update_count()
        self._update_buttons()

    def _update_count(self) -> None:
        self._count_timer.stop()
        shown = self.proxy.rowCount()
        overdue = self.proxy.overdue_count()
        text = self.tr("共 {n} 项，逾期 {m} 项").format(n=shown, m=overdue)
        total = self.model.rowCount()
        if total != shown:
            text += self.tr("（台账共 {total} 项）").format(total=total)
        self.count.setText(text)
        self.count.setStyleSheet("color: #b3261e; font-weight: bold;" if overdue else "")

    def selected_problem(self) -> Problem | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.proxy.problem(rows[0].row()) if rows else None

    def select(self, problem_id: int) -> bool:
        """Select the problem's row if the filters show it; False when they hide it."""
        return select_row(self.table, self.model.row_of(problem_id))

    def _update_buttons(self) -> None:
        p = self.selected_problem()
        self.edit_button.setEnabled(p is not None)
        self.status_button.setEnabled(p is not None and p.status != Status.CLOSED)
        self.task_button.setEnabled(p is not None and p.status != Status.CLOSED)
        can_close = p is not None and p.status == Status.FIXED
        self.close_button.setEnabled(can_close)
        self.close_button.setToolTip(
            "" if can_close else self.tr("只有“已整改（待验收）”的问题才能销号：先选中问题，把状态改为“已整改”")
        )

    # ---- acting ---------------------------------------------------------------------------------

    def add_problem(self) -> None:
        self._open(ProblemDialog(self.store, None, self, today=self._today))

    def raise_from_item(self, inspection_id: int, item_id: str) -> None:
        """For the filling screen: a new problem pre-filled from an item and its answer."""
        try:
            dialog = ProblemDialog.for_item(self.store, inspection_id, item_id, self, today=self._today)
        except SelfcheckError as exc:
            show_error(self, exc)
            return
        self._open(dialog)

    def edit_selected(self) -> None:
        p = self.selected_problem()
        if p is not None:
            self._open(ProblemDialog(self.store, p, self, today=self._today))

    def close_out_selected(self) -> None:
        p = self.selected_problem()
        if p is not None and p.status == Status.FIXED:
            self._open(CloseOutDialog(self.store, p, self, today=self._today))

    def move_selected(self, status: Status) -> None:
        """Change the selected problem's status along an allowed move (core.ledger.MOVES)."""
        p = self.selected_problem()
        if p is None or status == p.status:
            return
        run_op(self, lambda: self.store.update_problem(p.id, status=status), on_success=self._saved)

    def shows(self, changes: Changes) -> bool:
        return changes.ledger or changes.checklists or bool(changes.tasks)

    def on_changes(self, changes: Changes, initiator: object | None = None) -> None:
        """A few problems changed (a status moved, a problem raised, edited, closed, or its edit undone): those rows
        are read again and repainted in place, not the whole ledger. Anything more, or any change while the ledger is
        hidden, re-reads it when it is next shown."""
        few = changes.problems and len(changes.problems) <= 50
        only_problems = not (changes.inspections or changes.checklists or changes.school)
        if few and only_problems and self.isVisible() and not self._stale:
            self._update_rows(changes.problems)
            return
        super().on_changes(changes, initiator)

    def _update_rows(self, problem_ids: Iterable[int]) -> None:
        selected = self.selected_problem()
        owners, departments = self.model.owners(), self.model.departments()
        for pid in problem_ids:
            try:
                problem = self.store.problem(pid)
            except NotFoundError:  # gone (an undone raise): take its row out
                self.model.remove(pid)
                continue
            if problem.item_id and problem.inspection_id is not None:
                self.model.add_ref(problem.inspection_id, problem.item_id, self._ref(problem.inspection_id, problem.item_id))
            self.model.upsert(problem)
        if (self.model.owners(), self.model.departments()) != (owners, departments):
            self._fill_people()
        if selected is not None:
            self.select(selected.id)
        self._update_count()
        self._update_buttons()

    def _saved(self, problem: Problem) -> None:
        """After a write (the broadcast has repainted the table): select the problem and say so."""
        if self.select(problem.id):
            self.notice.setText(self.tr("已保存问题 #{id}").format(id=problem.id))
        else:
            self.notice.setText(self.tr("已保存问题 #{id}；它不符合当前筛选条件，未在表中显示").format(id=problem.id))

    def _fill_status_menu(self, menu: QMenu) -> None:
        menu.clear()
        p = self.selected_problem()
        if p is None or p.status == Status.CLOSED:
            return
        for n, status in enumerate((Status.OPEN, Status.IN_PROGRESS, Status.FIXED), start=1):
            action = QAction(f"&{n} " + status.text(current_language()), menu)
            action.setCheckable(True)
            action.setChecked(status == p.status)
            action.setEnabled(status == p.status or status in MOVES[p.status])
            action.setData(status.value)
            action.triggered.connect(lambda _checked=False, s=status: self.move_selected(s))
            menu.addAction(action)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.select(self.proxy.problem(index.row()).id)
        menu = QMenu(self)
        menu.addAction(self.tr("编辑(&E)"), self.edit_selected)
        moves = menu.addMenu(self.tr("改状态(&G)"))
        self._fill_status_menu(moves)
        moves.setEnabled(bool(moves.actions()))
        close = menu.addAction(self.tr("销号(&C)…"), self.close_out_selected)
        close.setEnabled(self.close_button.isEnabled())
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # ---- export ---------------------------------------------------------------------------------

    def export_excel(self) -> None:
        from selfcheck.exchange import ledger_xlsx

        school = self.store.school()
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        name = self.tr("整改台账_{school}_{day}.xlsx").format(school=school.name if school else "", day=self.today().isoformat())
        path = ask_save_path(self, Path(folder) / name.replace("__", "_"))
        if path is None:
            return
        # The whole ledger, closed problems included, as bureaus keep it: write_ledger reads the checklist titles
        # and periods for its source column from the store, which it cannot do for a filtered list of problems.
        total = self.model.rowCount()
        today = self.today()
        self.export_button.setEnabled(False)
        self.notice.setText(self.tr("正在导出…"))

        def work(store: Store) -> Path:  # in the worker, on its own Store; the save dialog asked before replacing a file
            return Path(ledger_xlsx.write_ledger(store, path, today=today, overwrite=True))

        def done(written: Path) -> None:
            self.export_button.setEnabled(True)
            self.notice.setText(self.tr("已导出整个台账（{n} 项）到 {path}").format(n=total, path=written))
            self.exported.emit(written)

        def failed(exc: BaseException) -> None:
            self.export_button.setEnabled(True)
            self.notice.setText("")
            show_error(self, exc)

        run_op(self, work, in_thread=True, folder=self.store.path.parent, on_success=done, on_failure=failed)
