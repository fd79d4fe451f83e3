"""The clue register screen (问题线索): every clue with its stage, the next stage recorded in a dialog, ledger problems
raised from a clue found true, and the term's tally in the seed's words."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
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
from selfcheck.core.clues import Clue, Stage, next_stages, term_start
from selfcheck.gui.dialogs.clue_dialog import ClueDialog, ClueStageDialog, RaiseFromClueDialog
from selfcheck.gui.dialogs.clue_export_dialog import ClueExportDialog
from selfcheck.gui.models.clues_model import CLUE_ROLE, CluesFilter, CluesModel, column
from selfcheck.gui.pages.page import Page
from selfcheck.gui.widgets.panes import panes
from selfcheck.gui.widgets.record_table import fit_columns, record_table, select_row
from selfcheck.storage import Store


class CluesPage(Page, QWidget):
    """The 问题线索 screen. Its writes go through ops.run_op (in the dialogs); it repaints when clues change."""

    def __init__(self, store: Store, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._today = today
        self.model = CluesModel(self)
        self.proxy = CluesFilter(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self.refresh()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.stage_filter = QComboBox()
        self.stage_filter.addItem(self.tr("未办结"), "open")
        self.stage_filter.addItem(self.tr("全部"), None)
        for stage in Stage:
            self.stage_filter.addItem(stage.value, stage.value)
        label = QLabel(self.tr("阶段(&Z)："))
        label.setBuddy(self.stage_filter)
        bar.addWidget(label)
        bar.addWidget(self.stage_filter)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索反映内容、来源、涉及人员…"))
        self.search.setClearButtonEnabled(True)
        bar.addWidget(self.search, 2)
        self.reveal = QCheckBox(self.tr("显示完整联系方式(&V)"))
        self.reveal.setToolTip(self.tr("联系方式保密，默认只显示部分；仅在需要联系反映人时打开"))
        bar.addWidget(self.reveal)
        layout.addLayout(bar)

        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("受理线索(&N)…"))
        self.add_button.setToolTip(self.tr("登记一件新的问题线索（Insert）"))
        self.next_button = QPushButton(self.tr("办理下一步(&G)…"))
        self.next_button.setToolTip(self.tr("记录选中线索的下一阶段：核查 → 处理 → 答复 → 办结（Enter）"))
        self.correct_button = QPushButton(self.tr("更正(&E)…"))
        self.correct_button.setToolTip(self.tr("更正登记的反映内容、联系方式或涉及人员（办结前）"))
        self.raise_button = QPushButton(self.tr("登记整改问题(&P)…"))
        self.raise_button.setToolTip(self.tr("核查属实或部分属实的线索登记为整改台账中的问题"))
        self.export_button = QPushButton(self.tr("导出台账(&X)…"))
        self.export_button.setToolTip(self.tr("把一个时段的问题线索台账导出为可打印的 Excel 工作簿"))
        for b in (self.add_button, self.next_button, self.raise_button, self.correct_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        layout.addLayout(buttons)

        self.table = record_table(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(column("received_on"), Qt.SortOrder.DescendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(column("summary"), QHeaderView.ResizeMode.Stretch)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        split = panes(Qt.Orientation.Vertical, (self.table, 3), (self.detail, 1), collapsible=True)
        layout.addWidget(split, 1)
        self.tally = QLabel()
        self.tally.setWordWrap(True)
        layout.addWidget(self.tally)
        self.notice = QLabel()  # where the last export went
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.notice)

        self.stage_filter.currentIndexChanged.connect(self._filter)
        self.search.textChanged.connect(self.proxy.set_search)
        self.reveal.toggled.connect(self._reveal)
        self.add_button.clicked.connect(self.add_clue)
        self.next_button.clicked.connect(self.next_step)
        self.raise_button.clicked.connect(self.raise_problem)
        self.correct_button.clicked.connect(self.correct)
        self.export_button.clicked.connect(self.export_register)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(lambda _index: self.next_step())
        insert = QShortcut(QKeySequence(Qt.Key.Key_Insert), self, self.add_clue)
        insert.setWhatsThis(self.tr("受理新的线索"))  # what the shortcut list (F1 → 快捷键) says it does

    # ---- reading --------------------------------------------------------------------------------

    def refresh(self) -> None:
        selected = self.selected_clue()
        self.model.set_rows(self.store.clues())
        fit_columns(self.table, (column(key) for key in ("id", "received_on", "source", "contact", "stage")))
        today = self.today()
        tally = self.store.clue_tally(term_start(today), today)
        self.tally.setText(
            self.tr("本学期（{start} 起）：{sentence}").format(start=term_start(today).isoformat(), sentence=tally.sentence())
        )
        if selected is not None:
            self.select(selected.id)
        self._selection_changed()

    def shows(self, changes: Changes) -> bool:
        return bool(changes.clues or changes.problems)

    def selected_clue(self) -> Clue | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        clue = rows[0].data(CLUE_ROLE)
        return clue if isinstance(clue, Clue) else None

    def select(self, clue_id: int) -> None:
        row = self.model.row_of(clue_id)
        if row is not None and not select_row(self.table, row):
            # filtered out: show everything rather than hide what was just written
            self.stage_filter.setCurrentIndex(self.stage_filter.findData(None))
            select_row(self.table, row)

    def _filter(self) -> None:
        data = self.stage_filter.currentData()
        self.proxy.set_stage(Stage(data) if data and data != "open" else data)

    def _reveal(self, on: bool) -> None:
        self.model.set_reveal_contact(on)
        self._selection_changed()

    def _selection_changed(self, *_args: object) -> None:
        clue = self.selected_clue()
        steps = clue is not None and bool(next_stages(clue.stage, clue.finding))
        self.next_button.setEnabled(steps)
        self.raise_button.setEnabled(clue is not None and clue.found_true and clue.stage != Stage.CONCLUDED)
        self.correct_button.setEnabled(clue is not None and clue.stage != Stage.CONCLUDED)
        self.detail.setText(self._detail(clue) if clue else self.tr("选中一件线索，查看办理记录。"))

    def _detail(self, clue: Clue) -> str:
        e = html.escape
        contact = (clue.contact if self.reveal.isChecked() else clue.masked) or "—"
        lines = [
            self.tr("<b>线索 #{id}</b>（{stage}）{source} · 受理 {day} · 联系方式 {contact}").format(
                id=clue.id, stage=clue.stage.value, source=e(clue.source), day=clue.received_on.isoformat(), contact=e(contact)
            ),
            e(clue.summary),
        ]
        for step in self.store.clue_steps(clue.id)[1:]:
            detail = "；".join(e(str(v)) for k, v in step.detail.items() if v and not k.endswith("_on"))
            lines.append(f"{step.day.isoformat()} {step.stage.value}：{detail}")
        if clue.problem_ids:
            lines.append(self.tr("整改问题：{ids}（见“整改台账”）").format(ids="、".join(f"#{p}" for p in clue.problem_ids)))
        nxt = next_stages(clue.stage, clue.finding)
        if nxt:
            lines.append(self.tr("下一步：{stages}").format(stages=" / ".join(s.value for s in nxt)))
        return "<br>".join(lines)

    # ---- acting ---------------------------------------------------------------------------------

    def _closed(self, dialog: QDialog) -> None:
        super()._closed(dialog)
        self.window().activateWindow()
        self.table.setFocus()  # the next key goes to the list: Enter for the next step

    def _saved(self, record: object) -> None:
        self.refresh()
        clue_id = record.id if isinstance(record, Clue) else getattr(record, "clue_id", None)
        if isinstance(clue_id, int):
            self.select(clue_id)

    def add_clue(self) -> None:
        self._open(ClueDialog(self.store, self, today=self._today))

    def correct(self) -> None:
        clue = self.selected_clue()
        if clue is not None and clue.stage != Stage.CONCLUDED:
            self._open(ClueDialog(self.store, self, today=self._today, clue=clue))

    def next_step(self, stage: Stage | None = None) -> None:
        """Record the selected clue's next stage; where two are open (an untrue clue may skip 处理), ask which."""
        clue = self.selected_clue()
        if clue is None:
            return
        choices = next_stages(clue.stage, clue.finding)
        if stage is None and len(choices) > 1:
            menu = QMenu(self)
            for choice in choices:
                menu.addAction(choice.value, lambda s=choice: self.next_step(s))
            self.stage_menu = menu
            menu.popup(self.next_button.mapToGlobal(self.next_button.rect().bottomLeft()))
            return
        stage = stage or (choices[0] if choices else None)
        if stage is not None:
            self._open(ClueStageDialog(self.store, clue, stage, self, today=self._today))

    def raise_problem(self) -> None:
        clue = self.selected_clue()
        if clue is not None and clue.found_true and clue.stage != Stage.CONCLUDED:
            self._open(RaiseFromClueDialog(self.store, clue, self, today=self._today))

    def export_register(self) -> None:
        dialog = ClueExportDialog(self.store, self, today=self._today)
        dialog.exported.connect(lambda path: self.notice.setText(self.tr("已导出问题线索台账：{path}").format(path=path)))
        self._open(dialog)

    def current_index(self) -> QModelIndex:
        return self.table.currentIndex()
