"""The bureau's certificate authority on the desk: create it once, export its root certificate, and issue a school's
certificate for the request the school wrote. The work is reports.bureau_ca (its checks apply: the school on the
roster under that name, the request's signature, the key) and the desk's own writes, as `selfcheck bureau ca`.
The key work runs in a worker thread; the desk is written on the GUI thread, which owns its connection."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from selfcheck.gui.dialogs.setup_wizard import PassphraseForm
from selfcheck.gui.ops import error_text, run_op
from selfcheck.gui.widgets.ask import open_path, save_path
from selfcheck.reports.export import write_chosen
from selfcheck.storage.desk import Desk

# ---- what the dialog asks the user: functions of their own, so tests can answer them -------------------------------


def ask_request(parent: QWidget | None) -> Path | None:
    """A school's certificate request; None when cancelled."""
    return open_path(
        parent,
        QCoreApplication.translate("DeskCADialog", "选择学校的证书申请"),
        os.path.expanduser("~"),
        QCoreApplication.translate("DeskCADialog", "证书申请 (*.csr *.pem *.der);;所有文件 (*)"),
    )


def ask_save(parent: QWidget | None, title: str, suggested: str) -> Path | None:
    """Where to write a certificate; None when cancelled."""
    return save_path(
        parent,
        title,
        os.path.join(os.path.expanduser("~"), suggested),
        QCoreApplication.translate("DeskCADialog", "证书 (*.pem)"),
        "pem",
    )


class DeskCADialog(QDialog):
    def __init__(self, desk: Desk, unit: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle(self.tr("教育局证书机构"))
        intro = QLabel(
            self.tr(
                "教育局的证书机构为各校签发签名证书：教育局和阅读器只需信任一次根证书。"
                "只为名册中的学校签发，申请中的学校名称和代码须与名册一致。"
            )
        )
        intro.setWordWrap(True)
        # without a CA: make it here
        self.create_box = QWidget()
        create = QVBoxLayout(self.create_box)
        create.setContentsMargins(0, 0, 0, 0)
        self.name_edit = QLineEdit(unit)
        name_form = QFormLayout()
        name_form.addRow(self.tr("单位名称(&N)"), self.name_edit)
        create.addLayout(name_form)
        self.passphrase_form = PassphraseForm()
        self.passphrase_form.validity_changed.connect(self._update)
        create.addWidget(self.passphrase_form)
        self.create_button = QPushButton(self.tr("创建证书机构(&C)"))
        self.create_button.clicked.connect(self.create_ca)
        create.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignLeft)
        # with a CA: its root, and issuing
        self.ca_box = QWidget()
        ca = QVBoxLayout(self.ca_box)
        ca.setContentsMargins(0, 0, 0, 0)
        self.ca_label = QLabel()
        self.ca_label.setWordWrap(True)
        self.ca_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        ca.addWidget(self.ca_label)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        pass_form = QFormLayout()
        pass_form.addRow(self.tr("证书机构口令(&P)"), self.passphrase)
        ca.addLayout(pass_form)
        row = QHBoxLayout()
        self.export_button = QPushButton(self.tr("导出根证书(&E)…"))
        self.issue_button = QPushButton(self.tr("签发学校证书(&I)…"))
        self.export_button.clicked.connect(self.export_root)
        self.issue_button.clicked.connect(self.issue)
        row.addWidget(self.export_button)
        row.addWidget(self.issue_button)
        row.addStretch(1)
        ca.addLayout(row)
        self.issued_label = QLabel()
        self.issued_label.setWordWrap(True)
        self.issued_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        ca.addWidget(self.issued_label)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        for b in (self.create_button, self.export_button, self.issue_button):
            b.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.create_box)
        layout.addWidget(self.ca_box)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("字") * 40)
        self.refresh()

    def refresh(self) -> None:
        from selfcheck.reports.identity import cert_subject, load_cert

        found = self.desk.ca()
        self.create_box.setVisible(found is None)
        self.ca_box.setVisible(found is not None)
        if found is not None:
            end = load_cert(found[1]).not_valid_after_utc.date()
            self.ca_label.setText(
                self.tr("证书机构：{name}\n根证书指纹（SHA-256）：{fp}\n有效期至 {y}年{m}月{d}日").format(
                    name=cert_subject(found[1]).get("organization") or "", fp=found[2], y=end.year, m=end.month, d=end.day
                )
            )
            issued = self.desk.issued_certificates()
            lines = [f"{i.issued_at[:10]}  {i.school}（{i.code}）" for i in issued[-8:]]
            self.issued_label.setText(
                self.tr("已签发 {n} 张学校证书").format(n=len(issued)) + ("：\n" + "\n".join(lines) if lines else "")
            )
            self.passphrase.setFocus()
        else:
            self.name_edit.setFocus()
        self._update()

    def _update(self) -> None:
        self.create_button.setEnabled(self.passphrase_form.is_valid() and bool(self.name_edit.text().strip()))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setStyleSheet("color: #b00020;" if error else "")
        self.status.setText(text)

    def create_ca(self) -> None:
        from selfcheck.reports import bureau_ca, identity

        if not self.create_button.isEnabled():
            return
        name, passphrase = self.name_edit.text().strip(), self.passphrase_form.passphrase()
        self.create_button.setEnabled(False)
        self._say(self.tr("正在创建证书机构…"))

        def made(ca: object) -> None:
            key_pem, cert_pem = getattr(ca, "key_pem", b""), getattr(ca, "cert_pem", b"")
            run_op(
                self,
                lambda: self.desk.set_ca(name, key_pem, cert_pem, identity.fingerprint(cert_pem)),
                on_success=kept,
                on_failure=failed,  # a CA made meanwhile by the command line, say
            )

        def kept(_: object) -> None:
            self.passphrase_form.clear()
            self.refresh()
            self._say(self.tr("已创建证书机构。请导出根证书，放入信任文件夹并发给各校。"))

        def failed(exc: BaseException) -> None:
            self._say(error_text(exc), error=True)
            self._update()

        run_op(self, lambda: bureau_ca.create(name, passphrase), in_thread=True, on_success=made, on_failure=failed)

    def export_root(self) -> None:
        found = self.desk.ca()
        if found is None:
            return
        path = ask_save(self, self.tr("导出根证书"), self.tr("{name}-根证书.pem").format(name=self.name_edit.text().strip()))
        if path is None:
            return
        cert_pem = found[1]
        run_op(
            self,
            lambda: write_chosen(path, cert_pem),
            on_success=lambda written: self._say(self.tr("已导出根证书：{path}").format(path=written)),
            on_failure=lambda exc: self._say(error_text(exc), error=True),
        )

    def issue(self) -> None:
        from selfcheck.errors import RuleError
        from selfcheck.reports import bureau_ca
        from selfcheck.reports.identity import Identity

        found = self.desk.ca()
        passphrase = self.passphrase.text()
        if found is None:
            return
        if not passphrase:
            self._say(self.tr("请先输入证书机构的口令。"), error=True)
            self.passphrase.setFocus()
            return
        request = ask_request(self)
        if request is None:
            return
        roster = {r.code: r.name for r in self.desk.roster()}
        try:
            data = bureau_ca.read_request(request)
            code, school = bureau_ca.check_request(data, roster, name=request.name)
        except RuleError as exc:
            self._say(error_text(exc), error=True)
            return
        target = ask_save(self, self.tr("保存签发的证书"), f"{school}-{code}.pem")
        if target is None:
            return
        self.issue_button.setEnabled(False)
        self._say(self.tr("正在为 {school} 签发证书…").format(school=school))

        def issued(done: object) -> None:  # recorded in the desk first: no certificate leaves unrecorded
            assert isinstance(done, bureau_ca.Issuance)
            n = done
            run_op(
                self,
                lambda: (
                    self.desk.record_issued(n.serial, n.code, n.school, n.fingerprint, n.not_after.isoformat()),
                    write_chosen(target, n.cert_pem),
                ),
                on_success=written,
                on_failure=failed,
            )

        def written(_: object) -> None:
            self.issue_button.setEnabled(True)
            self.refresh()
            self._say(
                self.tr("已为 {school} 签发证书：{path}\n请把证书和根证书交给学校装入。").format(school=school, path=target)
            )

        def failed(exc: BaseException) -> None:
            self.issue_button.setEnabled(True)
            self._say(error_text(exc), error=True)
            self.passphrase.setFocus()
            self.passphrase.selectAll()

        run_op(
            self,
            lambda: bureau_ca.issue(Identity(found[0], found[1]), passphrase, data, roster, name=request.name),
            in_thread=True,
            on_success=issued,
            on_failure=failed,
        )
