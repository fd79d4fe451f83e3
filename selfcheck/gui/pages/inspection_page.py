"""One inspection: a header (checklist, period, status), the filling, summary and 督查对照 tabs, export and reopen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from selfcheck.core.changes import Changes
from selfcheck.core.state import stage_label
from selfcheck.gui.i18n import current_language
from selfcheck.gui.ops import fill_tab, run_op
from selfcheck.gui.pages.filling_page import FillingPage
from selfcheck.gui.pages.page import Page
from selfcheck.storage import Store

if TYPE_CHECKING:
    from selfcheck.gui.pages.review_tab import ReviewTab
    from selfcheck.gui.pages.summary_page import SummaryPage

SUMMARY_TAB = 1
REVIEW_TAB = 2


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Asked before an action that changes a signed record; tests answer through this function."""
    from PySide6.QtWidgets import QMessageBox  # loaded when asked, not with the page

    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    return QMessageBox.question(parent, title, text, buttons, QMessageBox.StandardButton.No) == QMessageBox.StandardButton.Yes


class InspectionPage(Page, QWidget):
    """A screen of its own: it hears every change and hands it on to its two tabs."""

    back = Signal()
    saved_at = Signal(str)

    def __init__(self, store: Store, inspection_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.inspection_id = inspection_id
        self.back_button = QPushButton(self.tr("← 首页"))
        self.back_button.clicked.connect(self.back)
        self.title = QLabel()
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.state = QLabel()
        header = QHBoxLayout()
        header.addWidget(self.back_button)
        header.addWidget(self.title, 1)
        header.addWidget(self.state)

        self.filling = FillingPage(store, inspection_id)
        self._summary: SummaryPage | None = None  # built when first shown
        self._reviews: ReviewTab | None = None  # the same
        self.tabs = QTabWidget()
        self.tabs.addTab(self.filling, self.tr("逐项填写(&1)"))
        self.tabs.addTab(QWidget(), self.tr("汇总与导出(&2)"))
        self.tabs.addTab(QWidget(), self.tr("督查对照(&3)"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.filling.saved_at.connect(self.saved_at)
        self.filling.reopen_button.clicked.connect(self.reopen)

        from selfcheck.gui.widgets.first_run_tip import FirstRunTip

        self.tip = FirstRunTip(
            store.path.parent,
            "filling",
            self.tr(
                "第一次使用提示：↑↓ 选择检查项，数字键 1–9 选择结果，Alt+S 写说明，Ctrl+↓ 到下一项；"
                "需要整改的项按 Alt+W 提出问题。填写的内容随时自动保存。按 F1 打开用户指南，"
                "“帮助 → 快捷键一览”列出全部按键。"
            ),
        )
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.tip)
        layout.addWidget(self.tabs, 1)
        self.refresh_header()

    @property
    def summary(self) -> SummaryPage:
        """The summary tab, built the first time it is needed (the app's start does without it)."""
        if self._summary is None:
            from selfcheck.gui.pages.summary_page import SummaryPage

            summary = SummaryPage(self.store, self.inspection_id)
            summary.go_to_item.connect(self.go_to_item)
            summary.export_requested.connect(self.export)
            fill_tab(self.tabs, SUMMARY_TAB, summary)
            self._summary = summary
        return self._summary

    @property
    def reviews(self) -> ReviewTab:
        """The 督查对照 tab (自评 beside 督评, importing a review), built the first time it is needed."""
        if self._reviews is None:
            from selfcheck.gui.pages.review_tab import ReviewTab

            reviews = ReviewTab(self.store, self.inspection_id)
            fill_tab(self.tabs, REVIEW_TAB, reviews)
            self._reviews = reviews
        return self._reviews

    def refresh_header(self) -> None:
        inspection = self.store.inspection(self.inspection_id)
        template = self.store.checklist(inspection.template_id, inspection.template_version)
        self.title.setText(f"{template.title} · {inspection.period}")
        self.state.setText(stage_label(inspection, current_language()))

    def shows(self, changes: Changes) -> bool:
        return self.inspection_id in changes.inspections or self.inspection_id in changes.exports

    def refresh(self) -> None:
        self.refresh_header()

    def on_changes(self, changes: Changes, initiator: object | None = None) -> None:
        if self.shows(changes):
            self.refresh_header()  # the stage, on the screen in front: at once
        self.filling.on_changes(changes, initiator)
        if self._summary is not None:
            self._summary.on_changes(changes, initiator)
        if self._reviews is not None:
            self._reviews.on_changes(changes, initiator)

    def _tab_changed(self, index: int) -> None:
        self.filling.flush_note()
        if index == SUMMARY_TAB:
            self.summary.refresh_if_stale()
        elif index == REVIEW_TAB:
            self.reviews.refresh_if_stale()

    def go_to_item(self, item_id: str) -> None:
        self.tabs.setCurrentWidget(self.filling)
        self.filling.select(item_id)
        self.filling.tree.setFocus()

    def show_summary(self) -> None:
        self.tabs.setCurrentWidget(self.summary)

    def export(self) -> None:
        from selfcheck.gui.dialogs.export_dialog import ExportDialog

        self.filling.flush_note()
        dialog = ExportDialog(self.store, self.inspection_id, self)
        dialog.open()  # the export's broadcast repaints the screens (locked, signed)
        self.export_dialog = dialog

    def reopen(self) -> None:
        inspection = self.store.inspection(self.inspection_id)
        if not confirm(
            self,
            self.tr("重新打开已签名的自查"),
            self.tr("已导出的第 {n} 版报告保持不变。重新打开后将成为第 {m} 版，修改需重新签名导出。继续吗？").format(
                n=inspection.revision, m=inspection.revision + 1
            ),
        ):
            return
        run_op(self, lambda: self.store.reopen_inspection(self.inspection_id))  # the broadcast repaints both tabs
