"""Summary of an inspection: points, percent, grade, a bar per section, what is still missing, "mark complete"."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfcheck.core.changes import Changes
from selfcheck.core.state import Stage, stage_of, summary
from selfcheck.gui.i18n import current_language
from selfcheck.gui.ops import run_op
from selfcheck.gui.pages.page import Page
from selfcheck.storage import Store

ITEM_ROLE = Qt.ItemDataRole.UserRole


class SummaryPage(Page, QWidget):
    go_to_item = Signal(str)
    export_requested = Signal()

    def __init__(self, store: Store, inspection_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.inspection_id = inspection_id
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.6)
        big.setBold(True)
        self.total = QLabel()
        self.total.setFont(big)
        self.grade = QLabel()
        self.grade.setFont(big)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        figures = QFormLayout()
        figures.addRow(self.tr("得分："), self.total)
        figures.addRow(self.tr("等次："), self.grade)
        figures.addRow("", self.detail)

        self.sections_box = QGroupBox(self.tr("各部分得分"))
        self.bars = QGridLayout(self.sections_box)
        self.missing_box = QGroupBox(self.tr("尚未完成（双击转到该项）"))
        self.missing = QListWidget()
        self.missing.setWordWrap(True)
        self.missing.itemActivated.connect(lambda row: self.go_to_item.emit(row.data(ITEM_ROLE)))
        QVBoxLayout(self.missing_box).addWidget(self.missing)
        self.all_done = QLabel(self.tr("全部必答项已完成"))  # in place of the box, when nothing is missing

        self.complete_button = QPushButton(self.tr("标记完成(&D)"))
        self.complete_button.clicked.connect(self.mark_complete)
        self.export_button = QPushButton(self.tr("签名并导出报告(&X)…"))
        self.export_button.clicked.connect(self.export_requested)
        self.status = QLabel()
        self.status.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.status, 1)
        actions.addWidget(self.complete_button)
        actions.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.addLayout(figures)
        layout.addWidget(self.sections_box)
        layout.addWidget(self.missing_box, 1)
        layout.addWidget(self.all_done)
        self.spacer = QWidget()  # takes the room the missing list leaves when nothing is missing
        layout.addWidget(self.spacer, 0)
        layout.addLayout(actions)
        self._stale = True  # filled when first shown: opening an inspection stays quick

    def shows(self, changes: Changes) -> bool:
        return changes.touches_inspection(self.inspection_id)

    def refresh(self) -> None:
        inspection = self.store.inspection(self.inspection_id)
        template = self.store.checklist(inspection.template_id, inspection.template_version)
        result = summary(template, self.store.answers(self.inspection_id))
        percent = "" if result.percent is None else self.tr("（{percent}%）").format(percent=f"{result.percent:g}")
        self.total.setText(f"{result.points:g} / {result.max:g} {percent}")
        self.grade.setText(result.grade or self.tr("（尚无）"))
        notes = [self.tr("已答 {a} / {n} 项").format(a=result.answered, n=result.total)]
        if result.bonus:
            notes.append(self.tr("加分 {b}").format(b=f"{result.bonus:g}"))
        if result.deduction:
            notes.append(self.tr("扣分 {d}").format(d=f"{result.deduction:g}"))
        if result.vetoed_by:
            notes.append(self.tr("一票否决：{items}").format(items=self.tr("、").join(result.vetoed_by)))
        self.detail.setText(" · ".join(notes))
        while self.bars.count():
            taken = self.bars.takeAt(0)
            if taken.widget():
                taken.widget().deleteLater()
        for row, section in enumerate(result.sections):
            name = QLabel(section.title)
            name.setWordWrap(True)
            bar = QProgressBar()
            bar.setRange(0, 1000)
            bar.setValue(int(1000 * section.points / section.max) if section.max else 0)
            bar.setFormat(f"{section.points:g} / {section.max:g}")
            bar.setAccessibleName(section.title)
            count = QLabel(self.tr("已答 {a}/{n}").format(a=section.answered, n=section.total))
            self.bars.addWidget(name, row, 0)
            self.bars.addWidget(bar, row, 1)
            self.bars.addWidget(count, row, 2)
        self.bars.setColumnStretch(1, 1)
        gaps = result.gaps
        self.missing.clear()
        for gap in gaps:
            _, item = template.item_index[gap.item_id]
            text = (
                self.tr("未作答：{t}").format(t=item.text)
                if gap.reason == "unanswered"
                else self.tr("缺少必填说明：{t}").format(t=item.text)
            )
            row_item = QListWidgetItem(text)
            row_item.setData(ITEM_ROLE, gap.item_id)
            self.missing.addItem(row_item)
        self.missing_box.setVisible(bool(gaps))  # nothing missing: a line saying so, no empty box
        self.all_done.setVisible(not gaps)
        self.layout().setStretchFactor(self.spacer, 0 if gaps else 1)
        self.missing_box.setTitle(self.tr("尚未完成 {n} 项（双击转到该项）").format(n=len(gaps)))
        stage = stage_of(inspection)
        if stage == Stage.SIGNED:
            self.status.setText(self.tr("已签名导出（第 {n} 版）。").format(n=inspection.revision))
        elif stage == Stage.COMPLETE:
            self.status.setText(self.tr("已标记完成，可以签名导出。"))
        else:
            self.status.setText(stage.text(current_language()))
        self.complete_button.setEnabled(result.can_complete and stage == Stage.DRAFT)

    def mark_complete(self) -> None:
        run_op(self, lambda: self.store.complete_inspection(self.inspection_id))  # the broadcast repaints this page
