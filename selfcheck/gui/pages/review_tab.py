"""The inspection's 督查对照 tab: 自评 beside each review received (督评), per item and in total, and the action
"导入督查意见…" (a signed review from the stick, checked against the reviewing unit's certificate; its findings go
into the ledger). Built when first shown; repaints from the broadcast when reviews or problems change."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from selfcheck.core.changes import Changes
from selfcheck.core.review import ReviewImport
from selfcheck.core.scoring import score
from selfcheck.gui.models.review_model import ReviewModel
from selfcheck.gui.ops import run_op
from selfcheck.gui.pages.page import Page
from selfcheck.storage import Store


def choose_review_file(parent: QWidget) -> str:
    """The review file to import; "" when cancelled. Tests answer through this function."""
    title = QCoreApplication.translate("ReviewTab", "选择督查意见文件（PDF）")
    return QFileDialog.getOpenFileName(parent, title, "", QCoreApplication.translate("ReviewTab", "督查意见 (*.pdf)"))[0]


def choose_certificate(parent: QWidget) -> str:
    """The reviewing unit's certificate (.pem) the review must be signed with; "" when cancelled."""
    title = QCoreApplication.translate("ReviewTab", "选择督查单位的证书（.pem）")
    return QFileDialog.getOpenFileName(parent, title, "", QCoreApplication.translate("ReviewTab", "证书 (*.pem *.crt)"))[0]


def tell(parent: QWidget, title: str, text: str) -> None:
    """An information box; tests answer through this function."""
    QMessageBox.information(parent, title, text)


def _num(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))


class ReviewTab(Page, QWidget):
    def __init__(self, store: Store, inspection_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.inspection_id = inspection_id
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.import_button = QPushButton(self.tr("导入督查意见(&I)…"))
        self.import_button.clicked.connect(self.import_review)
        top = QHBoxLayout()
        top.addWidget(self.totals, 1)
        top.addWidget(self.import_button)
        self.model = ReviewModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self._stale = True

    def shows(self, changes: Changes) -> bool:
        return bool(changes.reviews) or self.inspection_id in changes.answers

    def refresh(self) -> None:
        from selfcheck.reports.data import answer_text
        from selfcheck.reports.review_service import side_by_side

        inspection = self.store.inspection(self.inspection_id)
        checklist = self.store.checklist(inspection.template_id, inspection.template_version)
        answers = self.store.answers(self.inspection_id)
        own = score(checklist, answers)
        reviews = side_by_side(self.store, self.inspection_id)
        headers = [self.tr("序号"), self.tr("检查内容"), self.tr("自查情况 / 自评")]
        headers += [self.tr("督查情况 / 督评（{level}）").format(level=r.review.level) for r in reviews]
        rows = []
        unanswered = self.tr("未答")
        for s_no, section in enumerate(checklist.sections, 1):
            for i_no, item in enumerate(section.items, 1):
                cells = [f"{s_no}.{i_no}", item.text]
                mine = answer_text(checklist, item, answers.get(item.id), none=unanswered)
                cells.append(f"{mine} · {_num(own.items[item.id].earned)}")
                worse = [False, False, False]
                tips = ["", "", ""]
                for r in reviews:
                    c = r.comparison.items[item.id]
                    looked = c.review_answered
                    cells.append(f"{r.results.get(item.id, '')} · {_num(c.review_earned)}" if looked else self.tr("未查"))
                    worse.append(c.worse)
                    tips.append(c.reason)
                rows.append((item.id, cells, worse, tips))
        self.model.set_rows(headers, rows)
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(1, 360)
        if not reviews:
            self.totals.setText(self.tr("尚未收到督查意见。收到学区或教育局的督查意见文件后，点“导入督查意见…”。"))
            return
        lines = [self.tr("自评 {points} / {max} 分（{grade}）").format(
            points=_num(own.total), max=_num(own.max), grade=own.grade or "—")]  # fmt: skip
        for r in reviews:
            c = r.comparison
            lines.append(
                self.tr("{level}督评（{unit}）：{points} / {max} 分（{grade}），与自评不符 {n} 项").format(
                    level=r.review.level,
                    unit=r.review.reviewer_name,
                    points=_num(c.review.total),
                    max=_num(c.review.max),
                    grade=c.review.grade or "—",
                    n=len(c.worse_items),
                )
            )
        self.totals.setText("\n".join(lines))

    def import_review(self) -> None:
        path = choose_review_file(self)
        if not path:
            return
        cert = choose_certificate(self)
        if not cert:
            return

        def action() -> ReviewImport:
            from selfcheck.reports.review_service import import_review, trusted_certificates

            return import_review(self.store, path, trusted_certificates([cert]))

        run_op(self, action, on_success=self._imported, title=self.tr("督查意见未导入"))

    def _imported(self, done: ReviewImport) -> None:
        r = done.review
        text = self.tr("已导入{unit}的{level}督查意见。新记入整改台账的问题 {n} 个。").format(
            unit=r.reviewer_name, level=r.level, n=len(done.raised)
        )
        tell(self, self.tr("督查意见已导入"), text)
        self.refresh()
