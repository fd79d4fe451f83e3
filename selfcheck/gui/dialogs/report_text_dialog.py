"""The 自查报告's text before signing: the narrative written from the data, for the principal to edit, with 主送 and
发文字号; saved with the inspection (Store.set_report_text) on 保存, so the next export prints it. Closing with unsaved
changes asks first, and what is typed is kept as a draft a second after the last key (report_draft.py): after a
crash the dialog opens with the draft and says so. Typed text is never lost without being asked."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfcheck.gui.dialogs.report_draft import ReportDraft
from selfcheck.gui.ops import run_op
from selfcheck.storage import Store

DRAFT_DELAY_MS = 1000  # the draft is written this long after the last key, not on every key


class ReportTextDialog(QDialog):
    def __init__(self, store: Store, inspection_id: int, parent: QWidget | None = None) -> None:
        from selfcheck.reports import service

        super().__init__(parent)
        self.store = store
        self.inspection_id = inspection_id
        self.setWindowTitle(self.tr("报告正文"))
        text, edited = service.narrative(store, inspection_id)
        saved = store.report_text(inspection_id)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.addressee = QLineEdit(saved.addressee or "")
        self.addressee.setPlaceholderText(self.tr("默认：检查表的发布单位"))
        self.number = QLineEdit(saved.document_number or "")
        self.number.setPlaceholderText(self.tr("可不填，如：城关一小〔2026〕12号"))
        self.editor = QPlainTextEdit()
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))
        self.editor.setPlainText(text)
        self.editor.setTabChangesFocus(True)
        self.editor.setMinimumHeight(self.fontMetrics().lineSpacing() * 12)
        self._show_hint(edited)

        form = QFormLayout()
        addressee_label = QLabel(self.tr("主送(&A)："))
        addressee_label.setBuddy(self.addressee)
        number_label = QLabel(self.tr("发文字号(&N)："))
        number_label.setBuddy(self.number)
        form.addRow(addressee_label, self.addressee)
        form.addRow(number_label, self.number)

        self.save_button = QPushButton(self.tr("保存(&S)"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(lambda: self.save())
        self.reset_button = QPushButton(self.tr("恢复为按数据生成的正文(&R)"))
        self.reset_button.clicked.connect(self.reset)
        self.cancel_button = QPushButton(self.tr("关闭"))
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.editor, 1)
        layout.addLayout(buttons)
        self._saved_state = self._state()
        self.draft = ReportDraft(store.path, inspection_id)
        self.restored = False
        kept = self.draft.read()
        if kept is not None and kept != self._saved_state:  # typed before a crash, never saved nor discarded
            self.editor.setPlainText(kept[0])
            self.addressee.setText(kept[1])
            self.number.setText(kept[2])
            self.restored = True
            self.hint.setText(
                self.tr(
                    "已恢复上次未保存的正文（上次关闭前输入，尚未保存）。核对后请点“保存”；不要它，请点“关闭”，在询问时选择不保存。"
                )
            )
        elif kept is not None:
            self.draft.drop()
        self.draft_timer = QTimer(self)
        self.draft_timer.setSingleShot(True)
        self.draft_timer.setInterval(DRAFT_DELAY_MS)
        self.draft_timer.timeout.connect(self.keep_draft)
        for changed in (self.editor.textChanged, self.addressee.textChanged, self.number.textChanged):
            changed.connect(self.draft_timer.start)
        self.editor.setFocus()

    def keep_draft(self) -> None:
        """Keep what is shown as the draft (or drop the draft when it is what was saved)."""
        self.draft_timer.stop()
        if self.modified():
            self.draft.keep(self._state())
        else:
            self.draft.drop()

    def _show_hint(self, edited: bool) -> None:
        self.hint.setText(
            self.tr("这是校长修改过的正文。")
            if edited
            else self.tr(
                "正文按自查数据生成，可直接修改：一段一行；“一、”“（一）”开头的行是标题。保存后，下次导出的报告使用这份正文。"
            )
        )

    def _state(self) -> tuple[str, str, str]:
        return (self.editor.toPlainText(), self.addressee.text(), self.number.text())

    def modified(self) -> bool:
        return self._state() != self._saved_state

    def save(self, *, close: bool = True) -> bool:
        """Save what is shown (and close); True when saved (or nothing to save)."""
        if not self.modified():
            if close:
                self.accept()
            return True
        text, addressee, number = self._state()
        if not text.strip():
            QMessageBox.warning(self, self.tr("报告正文"), self.tr("正文不能为空；要用按数据生成的正文，请点“恢复”。"))
            self.editor.setFocus()
            return False
        fields = {"narrative": text, "addressee": addressee, "document_number": number}
        done = run_op(self, lambda: self.store.set_report_text(self.inspection_id, **fields))
        if done is None:
            return False  # the error was shown; the text stays in the editor
        self._saved_state = self._state()
        self.keep_draft()
        if close:
            self.accept()
        return True

    def reset(self) -> None:
        """Back to the text written from the data (the principal's text is dropped, after asking)."""
        from selfcheck.reports import service

        asked = QMessageBox.question(self, self.tr("报告正文"), self.tr("放弃修改过的正文，改用按自查数据生成的正文？"))
        if asked != QMessageBox.StandardButton.Yes:
            return
        if run_op(self, lambda: self.store.set_report_text(self.inspection_id, narrative=None)) is None:
            return
        text, edited = service.narrative(self.store, self.inspection_id)
        self.editor.setPlainText(text)
        self._show_hint(edited)
        self._saved_state = (text, *self._saved_state[1:])
        self.keep_draft()

    def _may_leave(self) -> bool:
        """Unsaved changes: save them, drop them (the principal said so) or stay."""
        if not self.modified():
            return True
        asked = QMessageBox.question(
            self,
            self.tr("报告正文"),
            self.tr("正文有未保存的修改。保存吗？"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if asked == QMessageBox.StandardButton.Save:
            return self.save(close=False)
        if asked == QMessageBox.StandardButton.Discard:
            self._saved_state = self._state()
            self.keep_draft()  # the principal chose not to keep it: no draft either
            return True
        return False

    def reject(self) -> None:  # Esc, 关闭 and the window's close button all come here
        if self._may_leave():
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_leave():
            super().closeEvent(event)
        else:
            event.ignore()
