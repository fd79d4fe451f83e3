"""New inspection: the checklist (五查五看 preselected) and its version, the period (suggested from today), the
inspectors."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from selfcheck.core import clock
from selfcheck.core.dates import suggested_period
from selfcheck.core.records import Inspection
from selfcheck.gui.ops import run_op
from selfcheck.storage import Store

DEFAULT_CHECKLIST = "wuchawukan"


class NewInspectionDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.created: Inspection | None = None
        self.setWindowTitle(self.tr("新建自查"))
        infos = store.checklists()
        self._by_id: dict[str, list[str]] = {}
        titles: dict[str, str] = {}
        for info in sorted(infos, key=lambda i: i.version, reverse=True):
            self._by_id.setdefault(info.template_id, []).append(info.version)
            titles.setdefault(info.template_id, info.title)
        self.checklist = QComboBox()
        for template_id, title in sorted(titles.items(), key=lambda kv: (kv[0] != DEFAULT_CHECKLIST, kv[1])):
            self.checklist.addItem(title, template_id)
        self.version = QComboBox()
        self.checklist.currentIndexChanged.connect(self._versions)
        self.period = QLineEdit(suggested_period(today or clock.today()))
        self.inspectors = QPlainTextEdit()
        self.inspectors.setPlaceholderText(self.tr("每行一人，如：张明（校长）"))
        self.inspectors.setTabChangesFocus(True)
        school = store.school()
        if school:
            self.inspectors.setPlainText(school.principal)
        self.description = QLabel()
        self.description.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("检查表(&T)："), self.checklist)
        form.addRow(self.tr("版本(&V)："), self.version)
        form.addRow("", self.description)
        form.addRow(self.tr("期次(&P)："), self.period)
        form.addRow(self.tr("自查组成员(&M)："), self.inspectors)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("开始自查"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._versions()
        self.period.setFocus()
        self.period.selectAll()

    def _versions(self) -> None:
        template_id = self.checklist.currentData()
        self.version.clear()
        for v in self._by_id.get(template_id, []):
            self.version.addItem(v)
        if template_id:
            t = self.store.checklist(template_id, self.version.currentText() or None)
            self.description.setText(self.tr("{issuer} · {n} 项").format(issuer=t.issuer, n=len(t.items())))

    def accept(self) -> None:
        people = [line.strip() for line in self.inspectors.toPlainText().splitlines() if line.strip()]
        created = run_op(
            self,
            lambda: self.store.new_inspection(
                self.checklist.currentData(), self.period.text(), people, self.version.currentText() or None
            ),
        )
        if created is None:
            return
        self.created = created
        super().accept()
