"""导出问题线索台账: the period (this term up to today by default), whether the reporters' contacts go in (off: masked),
then where to write; the workbook is written in the worker (exchange/clues_xlsx.py) and read back before it is named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfcheck.core import clock
from selfcheck.core.clues import term_start
from selfcheck.gui.dialogs.clue_dialog import date_edit, day_of
from selfcheck.gui.ops import run_op, show_error
from selfcheck.storage import Store


def ask_save_path(parent: QWidget, suggested: Path) -> Path | None:
    """Where to write the workbook; None when the user cancels. A function of its own so tests can answer it."""
    dialog = QFileDialog(parent, QCoreApplication.translate("ClueExportDialog", "导出问题线索台账"), str(suggested))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilter(QCoreApplication.translate("ClueExportDialog", "Excel 工作簿 (*.xlsx)"))
    dialog.setDefaultSuffix("xlsx")
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])


class ClueExportDialog(QDialog):
    """The period and the contacts choice; 导出… asks where, writes in the worker, then closes with `exported`."""

    exported = Signal(object)  # the Path written

    def __init__(self, store: Store, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today or clock.today()
        self.setWindowTitle(self.tr("导出问题线索台账"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("按受理日期导出一个时段的线索台账（Excel，可直接打印），供上级检查或存档。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.start = date_edit(term_start(self.today))
        self.end = date_edit(self.today)
        form.addRow(self.tr("受理日期从(&F)："), self.start)
        form.addRow(self.tr("到(&T)："), self.end)
        self.contacts = QCheckBox(self.tr("包含反映人完整联系方式(&C)"))
        self.contacts.setToolTip(self.tr("默认只显示联系方式的一部分；包含完整联系方式的台账须注意保密"))
        form.addRow("", self.contacts)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.export_button().setText(self.tr("导出(&E)…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.contacts.toggled.connect(self._warn)
        self.setMinimumWidth(460)

    def export_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _warn(self, on: bool) -> None:
        self.message.setText(self.tr("台账将含反映人的完整联系方式，请妥善保管，不要外传。") if on else "")

    def export(self) -> None:
        start, end = day_of(self.start), day_of(self.end)
        if start > end:
            self.message.setText(self.tr("起始日期晚于截止日期，请改正。"))
            return
        school = self.store.school()
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        name = self.tr("问题线索台账_{school}_{start}至{end}.xlsx").format(
            school=school.name if school else "", start=start.isoformat(), end=end.isoformat()
        )
        path = ask_save_path(self, Path(folder) / name.replace("__", "_"))
        if path is None:
            return
        with_contacts = self.contacts.isChecked()
        today = self.today
        self.export_button().setEnabled(False)
        self.message.setText(self.tr("正在导出…"))

        def work(store: Store) -> Path:  # in the worker, on its own Store; the save dialog asked before replacing
            from selfcheck.exchange.clues_xlsx import write_register

            return write_register(store, path, start, end, with_contacts=with_contacts, overwrite=True, today=today)

        def done(written: Path) -> None:
            self.exported.emit(written)
            self.accept()

        def failed(exc: BaseException) -> None:
            self.export_button().setEnabled(True)
            self.message.setText("")
            show_error(self, exc)

        run_op(self, work, in_thread=True, folder=self.store.path.parent, on_success=done, on_failure=failed)
