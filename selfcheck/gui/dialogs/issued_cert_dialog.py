"""A certificate from the bureau's CA: write the school's certificate request, then install the certificate issued for
it. The work is reports.service.request_certificate and install_certificate, as `selfcheck keys request` and
`selfcheck keys install-cert`; every check of reports/issued.py applies, and a refused file changes nothing."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfcheck.core.changes import Changes
from selfcheck.gui.ops import error_text, run_op
from selfcheck.gui.widgets.ask import open_path, save_path
from selfcheck.reports.export import write_chosen
from selfcheck.storage import Store

# ---- what the dialog asks the user: functions of their own, so tests can answer them -------------------------------


def ask_request_path(parent: QWidget | None, suggested: str) -> str | None:
    """Where to write the request; None when cancelled."""
    path = save_path(
        parent,
        QCoreApplication.translate("IssuedCertDialog", "保存证书申请"),
        os.path.join(os.path.expanduser("~"), suggested),
        QCoreApplication.translate("IssuedCertDialog", "证书申请 (*.csr)"),
        "csr",
    )
    return str(path) if path else None


def ask_certificate_path(parent: QWidget | None, title: str) -> Path | None:
    """A certificate file to read; None when cancelled."""
    return open_path(
        parent,
        title,
        os.path.expanduser("~"),
        QCoreApplication.translate("IssuedCertDialog", "证书 (*.pem *.crt *.cer *.der);;所有文件 (*)"),
    )


class IssuedCertDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.installed = False
        self.setWindowTitle(self.tr("教育局签发的证书"))
        intro = QLabel(
            self.tr(
                "教育局如自建证书机构（CA），可为本校签发证书：阅读器和教育局只需信任一次教育局的根证书。"
                "签名密钥不变，不离开本机。先生成证书申请交给教育局，再装入教育局签发的证书和教育局的根证书。"
            )
        )
        intro.setWordWrap(True)

        request_box = QGroupBox(self.tr("第一步：生成证书申请"))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("口令"))
        self.request_button = QPushButton(self.tr("生成申请(&Q)…"))
        self.request_button.clicked.connect(self.write_request)
        self.passphrase.returnPressed.connect(self.write_request)
        request_form = QFormLayout(request_box)
        request_form.addRow(self.tr("口令(&P)"), self.passphrase)
        request_form.addRow("", self.request_button)

        install_box = QGroupBox(self.tr("第二步：装入签发的证书"))
        self.cert_path = QLineEdit()
        self.ca_path = QLineEdit()
        install_form = QFormLayout(install_box)
        install_form.addRow(self.tr("签发的证书(&C)"), self._with_browse(self.cert_path, self.tr("选择签发的证书")))
        install_form.addRow(self.tr("教育局根证书(&R)"), self._with_browse(self.ca_path, self.tr("选择教育局根证书")))
        self.install_button = QPushButton(self.tr("装入证书(&I)"))
        self.install_button.clicked.connect(self.install)
        install_form.addRow("", self.install_button)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(request_box)
        layout.addWidget(install_box)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        for field in (self.cert_path, self.ca_path):
            field.textChanged.connect(self._update)
        self._update()
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("字") * 40)
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    def _with_browse(self, field: QLineEdit, title: str) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(field, 1)
        browse = QPushButton(self.tr("浏览…"))

        def choose() -> None:
            found = ask_certificate_path(self, title)
            if found is not None:
                field.setText(str(found))
                field.setFocus()

        browse.clicked.connect(choose)
        layout.addWidget(browse)
        return row

    def _update(self) -> None:
        self.install_button.setEnabled(bool(self.cert_path.text().strip() and self.ca_path.text().strip()))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setStyleSheet("color: #b00020;" if error else "")
        self.status.setText(text)

    def write_request(self) -> None:
        from selfcheck.reports import service

        passphrase = self.passphrase.text()
        if not passphrase:
            self._say(self.tr("请输入签名口令。"), error=True)
            self.passphrase.setFocus()
            return
        school = self.store.school()
        path = ask_request_path(self, self.tr("{name}-证书申请.csr").format(name=school.name if school else "selfcheck"))
        if not path:
            return
        self.request_button.setEnabled(False)
        self._say(self.tr("正在生成证书申请…"))

        def done(written: object) -> None:
            self.request_button.setEnabled(True)
            self.passphrase.clear()
            self._say(
                self.tr("已生成证书申请：{path}\n请交给教育局；拿回签发的证书和教育局根证书后，在下面装入。").format(path=written)
            )
            self.cert_path.setFocus()

        def failed(exc: BaseException) -> None:
            self.request_button.setEnabled(True)
            self._say(error_text(exc), error=True)  # shown here: the passphrase typed stays to correct
            self.passphrase.setFocus()
            self.passphrase.selectAll()

        run_op(
            self,
            lambda store: write_chosen(Path(path), service.request_certificate(store, passphrase)),
            in_thread=True,  # the key derivation takes a moment: the window must not freeze meanwhile
            folder=self.store.path.parent,
            on_success=done,
            on_failure=failed,
        )

    def install(self) -> None:
        from selfcheck.reports import service
        from selfcheck.reports.issued import read_certificate as read

        cert, ca = Path(self.cert_path.text().strip()), Path(self.ca_path.text().strip())

        def action(store: Store) -> object:
            return service.install_certificate(store, read(cert), read(ca), cert_name=cert.name, ca_name=ca.name)

        def done(issued: object) -> None:
            self.installed = True
            self._say(
                self.tr(
                    "已装入由{ca}签发的本校证书（签名密钥不变）。新的证书指纹：\n{fingerprint}\n以后的报告用这张证书签名。"
                ).format(ca=getattr(issued, "ca", ""), fingerprint=getattr(issued, "fingerprint", ""))
            )

        def failed(exc: BaseException) -> None:
            self._say(error_text(exc), error=True)
            self.cert_path.setFocus()

        self._say("")
        run_op(self, action, in_thread=True, folder=self.store.path.parent, changes=Changes(school=True),
               on_success=done, on_failure=failed)  # fmt: skip
