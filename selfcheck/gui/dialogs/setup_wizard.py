"""The first-run setup: school, signing key, signature and seal, in five short steps; everything can change later."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from selfcheck.core.changes import Changes
from selfcheck.core.records import School
from selfcheck.errors import SelfcheckError
from selfcheck.gui.ops import changes_of, error_text, run_op, show_error
from selfcheck.gui.widgets.signature_pad import ImageChooser
from selfcheck.storage import Store

WEAK, FAIR, STRONG = 0, 1, 2
MAX_NAME = 64  # the certificate's CN and O hold the school name; the code goes into serialNumber
_CODE_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 '()+,-./:=?")


# ---- rules (pure; shared with the settings dialog) -------------------------------------------------------------


def school_problems(name: str, code: str, principal: str) -> list[str]:
    """What keeps the school profile from being saved (and its key from being made), in words for the hint."""
    missing = [
        label
        for label, value in (
            (QCoreApplication.translate("SetupWizard", "学校名称"), name),
            (QCoreApplication.translate("SetupWizard", "学校代码"), code),
            (QCoreApplication.translate("SetupWizard", "校长"), principal),
        )
        if not value.strip()
    ]
    fields = QCoreApplication.translate("SetupWizard", "、").join(missing)
    problems = [QCoreApplication.translate("SetupWizard", "请填写：{fields}").format(fields=fields)] if missing else []
    if len(name.strip()) > MAX_NAME:
        problems.append(QCoreApplication.translate("SetupWizard", "学校名称最多 {n} 个字符").format(n=MAX_NAME))
    code = code.strip()
    if code and (len(code) > MAX_NAME or not set(code) <= _CODE_CHARS):
        # the code goes into the certificate's serialNumber, a PrintableString: no Chinese, no full-width signs
        problems.append(
            QCoreApplication.translate("SetupWizard", "学校代码只能包含英文字母、数字和常用符号（不能有汉字或全角字符）")
        )
    return problems


def _classes(text: str) -> int:
    kinds = {
        "lower"
        if c.islower() and c.isascii()
        else "upper"
        if c.isupper() and c.isascii()
        else "digit"
        if c.isdigit()
        else "other"
        for c in text
    }
    return len(kinds)


def passphrase_strength(text: str) -> tuple[int, str]:
    """(WEAK | FAIR | STRONG, the reason). WEAK is refused: the rules of `identity.check_passphrase` first, then
    passphrases that guessing programs try early (one kind of character and short, or a few characters repeated)."""
    from selfcheck.reports.identity import check_passphrase

    try:
        check_passphrase(text)
    except SelfcheckError as exc:
        return WEAK, error_text(exc)
    kinds = _classes(text)
    if len(set(text)) < 4:
        return WEAK, QCoreApplication.translate("SetupWizard", "重复的字符太多，很容易被猜到")
    if kinds == 1 and len(text) < 12:
        return WEAK, QCoreApplication.translate(
            "SetupWizard", "只用了一种字符（例如全是数字）；请加长到 12 个字符以上，或混用字母、数字和符号"
        )
    if (len(text) >= 12 and kinds >= 3) or (len(text) >= 16 and kinds >= 2) or len(text) >= 20:
        return STRONG, QCoreApplication.translate("SetupWizard", "长度和字符种类都足够")
    return FAIR, QCoreApplication.translate("SetupWizard", "可以使用；更长一些、混用字母、数字和符号会更安全")


def _intro(text: str) -> QLabel:
    """A page's explanation. Not QWizard's subtitle: its header label clips long Chinese lines instead of wrapping."""
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class SchoolForm(QWidget):
    """The school profile's fields (* required) and the hint saying what keeps them from being saved; the first-run
    wizard's page and the settings' tab. `edited` after every change."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edits = (QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit())  # name, code, principal, address
        self.name_edit, self.code_edit, self.principal_edit, self.address_edit = self.edits
        form = QFormLayout()
        form.addRow(self.tr("学校名称(&M) *"), self.name_edit)
        form.addRow(self.tr("学校代码(&D) *"), self.code_edit)
        form.addRow(self.tr("校长(&P) *"), self.principal_edit)
        form.addRow(self.tr("地址(&A)"), self.address_edit)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #a04000;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        for edit in self.edits:
            edit.textChanged.connect(self.check)

    def show_school(self, school: School | None, locked_code: bool) -> None:
        """The profile as saved (no `edited` for it); the code read-only once a certificate names it."""
        values = (school.name, school.code, school.principal, school.address or "") if school else ("",) * 4
        for edit, value in zip(self.edits, values, strict=True):
            edit.blockSignals(True)
            edit.setText(value)
            edit.blockSignals(False)
        self.code_edit.setReadOnly(locked_code)
        self.code_edit.setToolTip(self.tr("本校已有签名密钥，证书中含有学校代码，因此不能再修改") if locked_code else "")

    def values(self) -> tuple[str, str, str, str]:
        return (self.name_edit.text(), self.code_edit.text(), self.principal_edit.text(), self.address_edit.text())

    def problems(self) -> list[str]:
        return school_problems(*self.values()[:3])

    def check(self) -> None:
        """Show what keeps the profile from being saved, and say `edited`."""
        self.hint.setText("\n".join(self.problems()))
        self.edited.emit()


# ---- pages -----------------------------------------------------------------------------------------------------


class SchoolPage(QWizardPage):
    def __init__(self, store: Store, locked_code: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("学校信息"))
        intro = _intro(self.tr("这些信息会印在自查报告上。带 * 的为必填项。"))
        self.form = SchoolForm()
        self.form.show_school(store.school(), locked_code)
        self.name_edit, self.code_edit, self.principal_edit, self.address_edit = self.form.edits
        self.hint = self.form.hint
        self.name_edit.setPlaceholderText(self.tr("例如：城关第一小学"))
        self.code_edit.setPlaceholderText(self.tr("教育局分配的学校代码，例如 3412345678"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addStretch(1)
        self.form.edited.connect(self.completeChanged)
        self.form.check()

    def values(self) -> tuple[str, str, str, str]:
        return self.form.values()

    def isComplete(self) -> bool:
        return not self.form.problems()


def key_purpose() -> str:
    return QCoreApplication.translate(
        "SetupWizard",
        "签名密钥给导出的自查报告加上电子签名，教育局凭它确认报告出自本校、没有被改动。密钥保存在本机，用口令加密。",
    )


def create_key(
    parent: QWidget,
    store: Store,
    passphrase: str,
    on_success: Callable[[object], None],
    on_failure: Callable[[BaseException], None],
) -> None:
    """Make the school's signing key off the GUI thread (the worker on its own store); `on_success` gets the
    certificate's fingerprint."""

    def make_key(worker_store: Store) -> str:
        from selfcheck.reports import service

        return service.init_keys(worker_store, passphrase)

    run_op(
        parent,
        make_key,
        in_thread=True,
        folder=store.path.parent,
        changes=Changes(school=True),
        on_success=on_success,
        on_failure=on_failure,
    )


class PassphraseForm(QWidget):
    """The passphrase twice with a live strength hint, the mismatch shown inline, and the can't-recover warning."""

    validity_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = QLineEdit()
        self.second = QLineEdit()
        for edit in (self.first, self.second):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.textChanged.connect(self._changed)
        self.first.setAccessibleName(self.tr("口令"))
        self.second.setAccessibleName(self.tr("再输入一次口令"))
        self.show_box = QCheckBox(self.tr("显示口令(&S)"))
        self.show_box.toggled.connect(self._show)
        self.strength = QLabel()
        self.strength.setWordWrap(True)
        self.mismatch = QLabel()
        self.mismatch.setWordWrap(True)
        self.mismatch.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("口令(&P)"), self.first)
        form.addRow("", self.strength)
        form.addRow(self.tr("再输入一次(&R)"), self.second)
        form.addRow("", self.mismatch)
        form.addRow("", self.show_box)
        warning = QLabel(
            self.tr(
                "请牢记口令并妥善保管：口令无法找回。遗失后将不能签名，只能重新创建密钥，并请教育局重新信任新证书。"
                "每次导出签名报告时都要输入这个口令。"
            )
        )
        warning.setWordWrap(True)
        warning.setStyleSheet("font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addSpacing(self.fontMetrics().height() // 2)
        layout.addWidget(warning)
        self._changed()

    def passphrase(self) -> str:
        return self.first.text()

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()

    def _show(self, on: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
        self.first.setEchoMode(mode)
        self.second.setEchoMode(mode)

    def _changed(self) -> None:
        text = self.first.text()
        if text:
            level, reason = passphrase_strength(text)
            word = (self.tr("弱"), self.tr("一般"), self.tr("强"))[level]
            colour = ("#b00020", "#a06000", "#1b7f3b")[level]
            self.strength.setStyleSheet(f"color: {colour};")
            self.strength.setText(self.tr("强度：{level}。{reason}").format(level=word, reason=reason))
        else:
            self.strength.setStyleSheet("")
            self.strength.setText(self.tr("至少 8 个字符；建议 12 个以上，混用字母、数字和符号，也可以用一句好记的话。"))
        second = self.second.text()
        differs = bool(second) and second != text
        self.mismatch.setText(self.tr("两次输入的口令不一致") if differs else "")
        self.validity_changed.emit()

    def is_valid(self) -> bool:
        text = self.first.text()
        return bool(text) and passphrase_strength(text)[0] != WEAK and self.second.text() == text


class KeyPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("签名密钥"))
        self.form = PassphraseForm()
        self.form.validity_changed.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(_intro(key_purpose()))
        layout.addWidget(self.form)
        layout.addStretch(1)

    def passphrase(self) -> str:
        return self.form.passphrase()

    def isComplete(self) -> bool:
        return self.form.is_valid()


class ImagePage(QWizardPage):
    def __init__(self, kind: str, current: bytes | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if kind == "signature":
            self.setTitle(self.tr("校长签名"))
            intro = _intro(self.tr("用鼠标在下面手写签名，或载入扫描的签名图片。可以跳过，以后在“设置”中添加。"))
        else:
            self.setTitle(self.tr("学校公章"))
            intro = _intro(self.tr("载入公章的扫描图片（PNG 或 JPG，最好是透明背景）。可以跳过，以后在“设置”中添加。"))
        self.chooser = ImageChooser(kind, current=current)
        self.chooser.changed.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.chooser, 1)

    def isComplete(self) -> bool:
        return not self.chooser.is_busy()  # a file still being read would be lost on Next


class FinishPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("完成"))
        intro = _intro(self.tr("请核对以下内容，然后点“完成”保存。"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.busy_label = QLabel()
        self.busy_label.setWordWrap(True)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate: key generation gives no progress to report
        self.busy.setTextVisible(False)
        self.busy.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.busy)

    def initializePage(self) -> None:
        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        self.summary.setText(wizard.summary())

    def validatePage(self) -> bool:
        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        return wizard.finish_requested()


# ---- the wizard ------------------------------------------------------------------------------------------------


class SetupWizard(QWizard):
    """First run (and re-run): save the school, the images, and make the signing key without freezing the window.

    `changed` is emitted once everything is saved, just before the wizard closes with Accepted.
    """

    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.fingerprint: str | None = None
        self._working = False
        self._saved = False
        self.setWindowTitle(self.tr("selfcheck 初次设置"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< 上一步(&B)"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步(&N) >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成(&F)"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))
        identity = store.identity()
        self.has_key = identity is not None
        signature, seal = store.school_images()
        self.school_page = SchoolPage(store, locked_code=self.has_key)
        self.key_page: KeyPage | None = None if self.has_key else KeyPage()
        self.signature_page = ImagePage("signature", signature)
        self.seal_page = ImagePage("seal", seal)
        self.finish_page = FinishPage()
        self.addPage(self.school_page)
        if self.key_page is not None:  # a re-run never replaces the key the bureau already trusts
            self.addPage(self.key_page)
        self.addPage(self.signature_page)
        self.addPage(self.seal_page)
        self.addPage(self.finish_page)
        em = self.fontMetrics().horizontalAdvance("字")
        self.setMinimumSize(em * 44, em * 32)

    # -- summary

    def summary(self) -> str:
        name, code, principal, address = (v.strip() for v in self.school_page.values())
        words = {
            "drawn": self.tr("已手写"),
            "file": self.tr("已载入图片"),
            "saved": self.tr("沿用已保存的图片"),
            "none": self.tr("暂不设置（可以以后在“设置”中添加）"),
        }
        lines = [
            self.tr("学校名称：{v}").format(v=name),
            self.tr("学校代码：{v}").format(v=code),
            self.tr("校长：{v}").format(v=principal),
            self.tr("地址：{v}").format(v=address or self.tr("（未填）")),
            self.tr("校长签名：{v}").format(v=words[self.signature_page.chooser.source()]),
            self.tr("学校公章：{v}").format(v=words[self.seal_page.chooser.source()]),
        ]
        if self.has_key:
            lines.append(self.tr("签名密钥：本校已有，不会更改"))
        else:
            lines.append(self.tr("签名密钥：点“完成”后创建，约需一两秒"))
        lines.append("")
        lines.append(self.tr("完成后，请在“设置 → 签名密钥”中导出证书，交给教育局。"))
        return "\n".join(lines)

    # -- finishing

    def is_working(self) -> bool:
        return self._working

    def finish_requested(self) -> bool:
        """Finish pressed: True once everything is saved (the wizard may close); otherwise start the work."""
        if self._saved:
            return True
        if not self._working:
            self._start()
        return False

    def _save_profile(self) -> bool:
        name, code, principal, address = self.school_page.values()

        def save() -> Changes:
            changes = changes_of(self.store.set_school(name, code, principal, address))
            images: dict[str, bytes | None] = {}
            for key, page in (("signature", self.signature_page), ("seal", self.seal_page)):
                images[key] = page.chooser.image()  # None: nothing new, what is saved stays
            if any(images.values()):
                changes |= changes_of(self.store.set_school_images(**images))
            return changes

        return run_op(self, save) is not None

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._working = busy
        self.finish_page.busy.setVisible(busy)
        self.finish_page.busy_label.setText(text)
        for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton):
            self.button(which).setEnabled(not busy)

    def _start(self) -> None:
        if not self._save_profile():
            return
        if self.key_page is None:
            self._finished()
            return
        passphrase = self.key_page.passphrase()
        self._set_busy(True, self.tr("已保存学校信息。正在创建签名密钥，请稍候…"))
        create_key(self, self.store, passphrase, self._key_done, self._key_failed)

    def _key_done(self, fingerprint: object) -> None:
        self.fingerprint = str(fingerprint)
        self._set_busy(False)
        self._finished()

    def _key_failed(self, exc: BaseException) -> None:
        self._set_busy(False, self.tr("学校信息和图片已保存，但签名密钥未能创建。可以再点“完成”重试。"))
        show_error(self, exc)

    def _finished(self) -> None:
        self._saved = True
        self.changed.emit()
        self.accept()

    def reject(self) -> None:
        if self._working:  # Esc or Cancel while the key is being made: the worker must finish first
            return
        super().reject()
