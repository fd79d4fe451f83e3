"""Settings: the school profile, the signature and seal images, the signing key and its certificate, the UI language."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from selfcheck.errors import RuleError, SelfcheckError
from selfcheck.gui.dialogs.setup_wizard import PassphraseForm, SchoolForm, create_key, key_purpose
from selfcheck.gui.ops import run_op, show_error
from selfcheck.gui.widgets.ask import save_path
from selfcheck.gui.widgets.signature_pad import ImageChooser
from selfcheck.storage import Store


def ask_save_path(parent: QWidget | None, suggested: str) -> str | None:
    """Where to write the certificate, or None when cancelled (module level so tests can answer it)."""
    path = save_path(
        parent,
        QCoreApplication.translate("SettingsDialog", "导出证书"),
        os.path.join(os.path.expanduser("~"), suggested),
        QCoreApplication.translate("SettingsDialog", "证书 (*.pem)"),
        "pem",
    )
    return str(path) if path else None


def fingerprint_lines(fingerprint: str) -> str:
    """The 95-character fingerprint in two lines of 16 pairs: it has no space to wrap at, and read aloud over the
    phone half at a time is easier to compare."""
    pairs = fingerprint.split(":")
    half = (len(pairs) + 1) // 2
    return ":".join(pairs[:half]) + ":\n" + ":".join(pairs[half:])


class SettingsDialog(QDialog):
    """Everything the first-run wizard set, editable; every save goes through ops.run_op, whose broadcast tells
    the other screens."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._working = False
        self.setWindowTitle(self.tr("设置"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._school_tab(), self.tr("学校信息(&I)"))
        self.tabs.addTab(self._images_tab(), self.tr("签名与公章(&G)"))
        self.tabs.addTab(self._key_tab(), self.tr("签名密钥(&K)"))
        self.tabs.addTab(self._ui_tab(), self.tr("界面(&J)"))
        self.tabs.currentChanged.connect(self._tab_changed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        em = self.fontMetrics().horizontalAdvance("字")
        self.setMinimumSize(em * 48, em * 32)
        self.refresh()

    # ---- tabs ----------------------------------------------------------------------------------------------

    def _school_tab(self) -> QWidget:
        page = QWidget()
        self.school_form = SchoolForm()
        self.name_edit, self.code_edit, self.principal_edit, self.address_edit = self.school_form.edits
        self.school_hint = self.school_form.hint
        self.school_status = QLabel()
        self.school_status.setWordWrap(True)
        self.save_school_button = QPushButton(self.tr("保存(&S)"))
        self.save_school_button.clicked.connect(self.save_school)
        row = QHBoxLayout()
        row.addWidget(self.school_status, 1)
        row.addWidget(self.save_school_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.school_form)
        layout.addStretch(1)
        layout.addLayout(row)
        self.school_form.edited.connect(self._school_edited)
        for edit in self.school_form.edits:
            edit.returnPressed.connect(self.save_school)
        return page

    def _images_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        self.save_signature_button = QPushButton(self.tr("保存签名(&V)"))
        self.save_signature_button.clicked.connect(lambda: self.save_image("signature"))
        self.save_seal_button = QPushButton(self.tr("保存公章(&T)"))
        self.save_seal_button.clicked.connect(lambda: self.save_image("seal"))
        self.image_boxes: dict[str, QVBoxLayout] = {}
        for kind, title, button in (
            ("signature", self.tr("校长签名"), self.save_signature_button),
            ("seal", self.tr("学校公章"), self.save_seal_button),
        ):
            box = QGroupBox(title)
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(button, 0, Qt.AlignmentFlag.AlignRight)  # the chooser goes above, on refresh
            self.image_boxes[kind] = box_layout
            row.addWidget(box, 1)
        self.signature_chooser: ImageChooser | None = None
        self.seal_chooser: ImageChooser | None = None
        self.images_status = QLabel()
        self.images_status.setWordWrap(True)
        layout.addLayout(row, 1)
        layout.addWidget(self.images_status)
        return page

    def _key_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        purpose = QLabel(key_purpose())
        purpose.setWordWrap(True)
        layout.addWidget(purpose)
        # with a key: what the bureau compares, and the certificate to hand over
        self.key_info = QWidget()
        info = QVBoxLayout(self.key_info)
        info.setContentsMargins(0, 0, 0, 0)
        self.fingerprint_label = QLabel()
        self.fingerprint_label.setWordWrap(True)
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint_label.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.subject_label = QLabel()
        self.subject_label.setWordWrap(True)
        self.export_button = QPushButton(self.tr("导出证书(&E)…"))
        self.export_button.clicked.connect(self.export_certificate)
        self.export_status = QLabel()
        self.export_status.setWordWrap(True)
        self.export_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        info.addWidget(self.subject_label)
        info.addWidget(QLabel(self.tr("证书指纹（SHA-256），教育局核对用：")))
        info.addWidget(self.fingerprint_label)
        self.issued_button = QPushButton(self.tr("教育局签发的证书(&A)…"))
        self.issued_button.clicked.connect(self.issued_certificate)
        export_row = QHBoxLayout()
        export_row.addWidget(self.export_button)
        export_row.addWidget(self.issued_button)
        export_row.addStretch(1)
        info.addLayout(export_row)
        info.addWidget(self.export_status)
        layout.addWidget(self.key_info)
        # without a key: make one here
        self.key_create = QWidget()
        create = QVBoxLayout(self.key_create)
        create.setContentsMargins(0, 0, 0, 0)
        create.addWidget(QLabel(self.tr("本校还没有签名密钥。")))
        self.passphrase_form = PassphraseForm()
        self.passphrase_form.validity_changed.connect(self._key_form_changed)
        create.addWidget(self.passphrase_form)
        self.create_key_button = QPushButton(self.tr("创建密钥(&C)"))
        self.create_key_button.clicked.connect(self.create_key)
        self.key_busy = QProgressBar()
        self.key_busy.setRange(0, 0)
        self.key_busy.setTextVisible(False)
        self.key_busy.hide()
        create_row = QHBoxLayout()
        create_row.addWidget(self.create_key_button)
        create_row.addWidget(self.key_busy, 1)
        create_row.addStretch(0)  # keeps the button its natural width while the busy bar is hidden
        create.addLayout(create_row)
        layout.addWidget(self.key_create)
        layout.addStretch(1)
        return page

    def _ui_tab(self) -> QWidget:
        from selfcheck.gui.i18n import LANGUAGES, saved_language

        page = QWidget()
        self.language_combo = QComboBox()
        for code, label in LANGUAGES.items():
            self.language_combo.addItem(label, code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(saved_language())))
        self.language_combo.currentIndexChanged.connect(self._language_changed)
        self.language_note = QLabel()
        self.language_note.setWordWrap(True)
        self._language_note()
        form = QFormLayout()
        form.addRow(self.tr("界面语言(&L)"), self.language_combo)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(self.language_note)
        layout.addStretch(1)
        return page

    # ---- reading the store ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        school = self.store.school()
        identity = self.store.identity()
        self.school_form.show_school(school, locked_code=identity is not None)
        self.school_form.check()  # the hint, and the save button with it
        self.school_status.clear()

        signature, seal = self.store.school_images()
        for kind, current in (("signature", signature), ("seal", seal)):
            box_layout = self.image_boxes[kind]
            old = self.signature_chooser if kind == "signature" else self.seal_chooser
            if old is not None and old.is_busy():
                continue  # a file being read would report to a dead widget
            if old is not None:
                box_layout.removeWidget(old)
                old.deleteLater()
            chooser = ImageChooser(kind, current=current)
            box_layout.insertWidget(0, chooser, 1)
            if kind == "signature":
                self.signature_chooser = chooser
            else:
                self.seal_chooser = chooser

        self.key_info.setVisible(identity is not None)
        self.key_create.setVisible(identity is None)
        if identity is not None:
            from selfcheck.reports.identity import cert_subject, issuer_name

            subject = cert_subject(identity[1])
            issuer = issuer_name(identity[1])
            self.subject_label.setText(
                self.tr("证书属于：{name}（学校代码 {code}）").format(
                    name=subject.get("name") or "", code=subject.get("code") or ""
                )
                + "\n"
                + (self.tr("签发：{issuer}").format(issuer=issuer) if issuer else self.tr("签发：本校自签名"))
            )
            self.fingerprint_label.setText(fingerprint_lines(identity[2]))
        self._key_form_changed()
        self._tab_changed(self.tabs.currentIndex())

    # ---- school --------------------------------------------------------------------------------------------

    def _school_edited(self) -> None:
        self.save_school_button.setEnabled(not self.school_form.problems())
        self.school_status.clear()

    def save_school(self) -> None:
        if self.school_form.problems():
            return
        if run_op(self, lambda: self.store.set_school(*self.school_form.values())) is None:
            return
        self.school_status.setText(self.tr("已保存。"))

    # ---- images --------------------------------------------------------------------------------------------

    def save_image(self, kind: str) -> None:
        chooser = self.signature_chooser if kind == "signature" else self.seal_chooser
        assert chooser is not None
        label = self.tr("签名") if kind == "signature" else self.tr("公章")
        try:
            image = chooser.image()
        except SelfcheckError as exc:
            show_error(self, exc)
            return
        if image is None:
            self.images_status.setText(self.tr("请先手写或载入{what}图片。").format(what=label))
            return
        if run_op(self, lambda: self.store.set_school_images(**{kind: image})) is None:
            return
        self.images_status.setText(self.tr("{what}已保存，之后导出的报告会使用新图片。").format(what=label))

    # ---- key -----------------------------------------------------------------------------------------------

    def _key_form_changed(self) -> None:
        self.create_key_button.setEnabled(self.passphrase_form.is_valid() and not self._working)

    def create_key(self) -> None:
        if self._working or not self.passphrase_form.is_valid():
            return
        if self.store.school() is None:
            show_error(self, RuleError("请先在“学校信息”中填写并保存学校信息", "save the school profile first"))
            return
        passphrase = self.passphrase_form.passphrase()
        self._set_working(True)
        create_key(self, self.store, passphrase, self._key_done, self._key_failed)

    def _set_working(self, working: bool) -> None:
        self._working = working
        self.key_busy.setVisible(working)
        self.passphrase_form.setEnabled(not working)
        self.close_button.setEnabled(not working)
        self._key_form_changed()

    def _key_done(self, fingerprint: object) -> None:
        self._set_working(False)
        self.passphrase_form.clear()
        self.refresh()
        self.export_status.setText(self.tr("已创建签名密钥。请导出证书交给教育局。"))

    def _key_failed(self, exc: BaseException) -> None:
        self._set_working(False)
        show_error(self, exc)

    def export_certificate(self) -> None:
        from selfcheck.reports import service

        try:
            cert_pem, _ = service.certificate(self.store)
            school = self.store.school()
        except SelfcheckError as exc:
            show_error(self, exc)
            return
        suggested = self.tr("{name}-签名证书.pem").format(name=school.name if school else "selfcheck")
        path = ask_save_path(self, suggested)
        if not path:
            return
        self.export_button.setEnabled(False)
        self.export_status.setText(self.tr("正在写入 {path}…").format(path=path))

        def done(written: object) -> None:
            self.export_button.setEnabled(True)
            self.export_status.setText(self.tr("已导出证书：{path}\n请交给教育局，并请对方核对上面的指纹。").format(path=written))

        def failed(exc: BaseException) -> None:
            self.export_button.setEnabled(True)
            self.export_status.setText(self.tr("证书未导出。"))
            show_error(self, exc)

        from selfcheck.reports.export import write_chosen

        run_op(self, lambda: write_chosen(Path(path), cert_pem), in_thread=True, on_success=done, on_failure=failed)

    def issued_certificate(self) -> None:
        """The certificate request and the installing of the certificate the bureau's CA issued for it."""
        from selfcheck.gui.dialogs.issued_cert_dialog import IssuedCertDialog

        dialog = IssuedCertDialog(self.store, self)
        dialog.exec()
        if dialog.installed:
            self.refresh()
            self.export_status.setText(self.tr("已装入教育局签发的证书；上面是新的指纹。"))

    # ---- interface -----------------------------------------------------------------------------------------

    def _language_changed(self) -> None:
        QSettings().setValue("language", self.language_combo.currentData())
        self._language_note()

    def _language_note(self) -> None:
        from selfcheck.gui.i18n import current_language

        if self.language_combo.currentData() == current_language():
            self.language_note.clear()
        else:
            # the English line stays English in either UI: whoever picked English may not read the Chinese line
            english = "Saved: takes effect after a restart."
            self.language_note.setText(self.tr("已保存。重新启动 selfcheck 后生效。") + "\n" + english)

    # ---- dialog --------------------------------------------------------------------------------------------

    def _tab_changed(self, index: int) -> None:
        """Enter presses the visible tab's main button (QDialog honours only a visible default button)."""
        primary = {0: self.save_school_button, 2: self.create_key_button if self.store.identity() is None else self.export_button}
        button = primary.get(index, self.close_button)
        for other in (self.save_school_button, self.create_key_button, self.export_button, self.close_button):
            other.setAutoDefault(other is button)
            other.setDefault(other is button)

    def reject(self) -> None:
        if self._working:  # the key is being made: closing now would lose its result on screen
            return
        super().reject()
