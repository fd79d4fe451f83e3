"""Change the passphrase of the school's signing key: the key is encrypted again, the certificate stays (the bureau
keeps trusting it). The work is reports.service.change_passphrase, as `selfcheck keys change-passphrase`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from selfcheck.core.changes import Changes
from selfcheck.gui.dialogs.setup_wizard import PassphraseForm
from selfcheck.gui.ops import run_op
from selfcheck.storage import Store


class PassphraseDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.changed = False
        self.setWindowTitle(self.tr("修改口令"))
        intro = QLabel(self.tr("输入原口令和新口令。私钥用新口令重新加密；证书不变，教育局无需重新信任。以后签名要用新口令。"))
        intro.setWordWrap(True)
        self.old = QLineEdit()
        self.old.setEchoMode(QLineEdit.EchoMode.Password)
        self.old.setAccessibleName(self.tr("原口令"))
        self.new = PassphraseForm()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #b00020;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("修改口令(&O)"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.change)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("原口令(&C)"), self.old)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.new)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.old.textChanged.connect(self._update)
        self.new.validity_changed.connect(self._update)
        self._update()
        # wide enough that the wrapped texts (longer in English) leave the fields their height
        em = self.fontMetrics().horizontalAdvance("字")
        self.setMinimumWidth(em * 36)
        self.old.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.old.text()) and self.new.is_valid())

    def change(self) -> None:
        if not self.ok_button.isEnabled():
            return
        from selfcheck.reports import service

        old, new = self.old.text(), self.new.passphrase()
        self.ok_button.setEnabled(False)
        self.status.setText(self.tr("正在重新加密私钥…"))

        def done(_fingerprint: object) -> None:
            self.changed = True
            self.status.setText("")
            self.accept()

        def failed(exc: BaseException) -> None:
            from selfcheck.gui.ops import error_text

            self.status.setText(error_text(exc))  # shown in the dialog: what was typed stays
            self._update()
            self.old.setFocus()
            self.old.selectAll()

        run_op(
            self,
            lambda store: service.change_passphrase(store, old, new),
            in_thread=True,  # the key derivation takes a moment twice over: the window must not freeze meanwhile
            folder=self.store.path.parent,
            changes=Changes(school=True),
            on_success=done,
            on_failure=failed,
        )
