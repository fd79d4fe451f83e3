"""Sign and export: the 自查日期, the deficient answers with no problem raised (and "raise them all"), the report's
text (its own dialog), the target (USB sticks first) and the passphrase; then watch it work off the GUI thread,
and end with the verified file's name and fingerprint and a button to open it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfcheck.core.changes import Changes
from selfcheck.gui.dialogs.signed_export import SignedExportDialog
from selfcheck.gui.ops import run_op
from selfcheck.storage import Store


def export_in_worker(store: Store, inspection_id: int, target: str, passphrase: str):  # type: ignore[no-untyped-def]
    """Runs in the worker thread on the worker's own Store (see ops.run_op)."""
    from selfcheck.reports import service

    return service.export(store, inspection_id, target, passphrase=passphrase)


class ExportDialog(SignedExportDialog):  # exported: selfcheck.reports.service.Exported
    def __init__(self, store: Store, inspection_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.inspection_id = inspection_id
        self.setWindowTitle(self.tr("签名并导出报告"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        inspection = store.inspection(inspection_id)
        template = store.checklist(inspection.template_id, inspection.template_version)
        self.about = QLabel(self.tr("{title} · {period}").format(title=template.title, period=inspection.period))
        self.about.setWordWrap(True)
        target_row = self._build_common()

        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")  # as the other date fields
        self._set_day()
        self.day.editingFinished.connect(self.save_day)
        self.text_button = QPushButton(self.tr("编辑报告正文(&E)…"))
        self.text_button.clicked.connect(self._edit_text)
        day_row = QHBoxLayout()
        day_row.addWidget(self.day)
        day_row.addStretch(1)
        day_row.addWidget(self.text_button)

        self.unraised = QLabel()
        self.unraised.setWordWrap(True)
        self.unraised.setTextFormat(Qt.TextFormat.PlainText)
        self.raise_button = QPushButton(self.tr("全部登记为问题(&R)"))
        self.raise_button.clicked.connect(self.raise_all)
        unraised_row = QHBoxLayout()
        unraised_row.addWidget(self.unraised, 1)
        unraised_row.addWidget(self.raise_button, 0, Qt.AlignmentFlag.AlignTop)

        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.open_button = QPushButton(self.tr("打开报告(&O)"))
        self.open_button.clicked.connect(self._open_file)
        self.folder_button = QPushButton(self.tr("打开所在文件夹"))
        self.folder_button.clicked.connect(self._open_folder)
        for b in (self.open_button, self.folder_button):
            b.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)

        form = QFormLayout()
        day_label = QLabel(self.tr("自查日期(&D)："))
        day_label.setBuddy(self.day)
        form.addRow(day_label, day_row)
        target_label = QLabel(self.tr("保存到(&T)："))
        target_label.setBuddy(self.target)
        form.addRow(target_label, target_row)
        form.addRow(self.tr("口令(&P)："), self.passphrase)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addWidget(self.readiness)
        layout.addLayout(unraised_row)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._check_ready(inspection)
        self._show_unraised()
        self.passphrase.setFocus()

    # ---- before signing: 自查日期, problems not raised, the text ---------------------------------------------

    def _set_day(self) -> None:
        from selfcheck.reports import service

        day = service.inspection_date(self.store, self.inspection_id)
        self.day.setDate(QDate(day.year, day.month, day.day))

    def chosen_day(self):  # type: ignore[no-untyped-def]
        return self.day.date().toPython()

    def save_day(self) -> bool:
        """Keep the 自查日期 shown with the inspection (a write only when it differs from what the report would
        print); False when the store refused it (the error was shown)."""
        from selfcheck.reports import service

        day = self.chosen_day()
        if day == service.inspection_date(self.store, self.inspection_id):
            return True
        inspection_id = self.inspection_id
        return run_op(self, lambda: self.store.set_report_text(inspection_id, inspection_date=day)) is not None

    def _show_unraised(self) -> None:
        from selfcheck.reports import service

        calls = service.unraised(self.store, self.inspection_id)
        shown = "\n".join(f"· {call.description}" for call in calls[:8])
        if len(calls) > 8:
            shown += "\n" + self.tr("……另有 {n} 项").format(n=len(calls) - 8)
        self.unraised.setText(
            self.tr("有 {n} 项自查结果不达标但尚未登记问题，报告的问题清单中不会有它们：\n").format(n=len(calls)) + shown
        )
        self.unraised.setStyleSheet("color: #8a5300;")
        for w in (self.unraised, self.raise_button):
            w.setVisible(bool(calls))

    def raise_all(self) -> None:
        """One problem for each deficient answer with none (one store write: all or none)."""
        inspection_id = self.inspection_id
        raised = run_op(self, lambda: self.store.raise_problems_from_answers(inspection_id))
        if raised is None:
            return
        self._show_unraised()
        self.message.setText(self.tr("已登记问题 {n} 个，可在“整改台账”中填写整改措施。").format(n=len(raised)))
        self.message.setStyleSheet("")
        self.passphrase.setFocus()

    def _edit_text(self) -> None:
        from selfcheck.gui.dialogs.report_text_dialog import ReportTextDialog

        ReportTextDialog(self.store, self.inspection_id, self).exec()
        self.passphrase.setFocus()

    def _check_ready(self, inspection) -> None:  # type: ignore[no-untyped-def]
        problems = []
        if inspection.status != "complete" and not inspection.locked:
            problems.append(self.tr("这次自查尚未标记完成：请先在“汇总”中完成。"))
        problems += self._key_missing()
        if self.store.school() is None:
            problems.append(self.tr("还没有学校信息。"))
        for w in (self.day, self.text_button, self.raise_button):  # signed: what it says is fixed until reopened
            w.setEnabled(not inspection.locked)
        self._show_readiness(problems)

    def _browse_title(self) -> str:
        return self.tr("选择保存报告的文件夹")

    def _busy_text(self) -> str:
        return self.tr("正在生成、签名并验证报告……")

    def _ready_to_start(self) -> bool:
        return self.save_day()

    def _inputs(self) -> list[QWidget]:
        return [
            self.export_button,
            self.day,
            self.text_button,
            self.raise_button,
            self.target,
            self.browse,
            self.passphrase,
            self.close_button,
        ]

    def _job(self, target: str, passphrase: str) -> Callable[[Store], Any]:
        inspection_id = self.inspection_id
        return lambda store: export_in_worker(store, inspection_id, target, passphrase)

    def _changes(self) -> Changes:  # signed, locked
        return Changes(inspections=frozenset({self.inspection_id}), exports=frozenset({self.inspection_id}))

    def _done_text(self, exported: Any) -> str:
        return self.tr("报告已签名、写入并验证通过：\n{path}\n证书指纹：{fp}").format(
            path=exported.path, fp=exported.fingerprint or ""
        )

    def _after_done(self) -> None:
        for w in (self.day, self.text_button, self.raise_button):  # signed and locked now
            w.setEnabled(False)
        self.open_button.setVisible(True)
        self.folder_button.setVisible(True)
        self.adjustSize()  # the result is longer than the question: show all of it

    def _open_file(self) -> None:
        if self.result_value is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result_value.path)))

    def _open_folder(self) -> None:
        if self.result_value is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.result_value.path).parent)))
