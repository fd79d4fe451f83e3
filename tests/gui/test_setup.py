"""First-run wizard, settings dialog and signature pad, driven as a person would: typing, clicking, dragging."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QColor, QImage, QInputMethodEvent, QPainter
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget, QWizard
from pytestqt.qtbot import QtBot

from selfcheck.errors import RuleError, SelfcheckError
from selfcheck.gui import ops
from selfcheck.gui.dialogs import settings_dialog, setup_wizard
from selfcheck.gui.dialogs.settings_dialog import SettingsDialog
from selfcheck.gui.dialogs.setup_wizard import FAIR, STRONG, WEAK, KeyPage, SetupWizard, passphrase_strength
from selfcheck.gui.widgets import scan_image, signature_pad
from selfcheck.gui.widgets.signature_pad import SignaturePad, load_image_file
from selfcheck.reports import identity, service
from selfcheck.storage import Store

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
PASSPHRASE = "Chengguan-2026-xiaoxue"


@pytest.fixture(autouse=True)
def shown_errors(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[BaseException]]:
    """The error boxes these screens would show: a modal box would hang the test, an unexpected one fails it."""
    shown: list[BaseException] = []
    for module in (signature_pad, setup_wizard, settings_dialog, ops):
        monkeypatch.setattr(module, "show_error", lambda parent, exc, title=None: shown.append(exc))
    yield shown
    assert not shown, f"unexpected error shown: {shown}"


# ---- helpers: a person typing, drawing, choosing files -----------------------------------------------------------


def type_text(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Type into a line edit: keys for ASCII, an input-method commit for Chinese (how a pinyin IME delivers it)."""
    edit.setFocus()
    for part in _runs(text):
        if part.isascii():
            qtbot.keyClicks(edit, part)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(part)
            QApplication.sendEvent(edit, event)


def _runs(text: str) -> list[str]:
    runs: list[str] = []
    for c in text:
        if runs and runs[-1][-1].isascii() == c.isascii():
            runs[-1] += c
        else:
            runs.append(c)
    return runs


def drag(qtbot: QtBot, widget: QWidget, points: list[tuple[int, int]]) -> None:
    """Press the left button at the first point, move through the others, release at the last."""
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
    for x, y in points[1:]:
        qtbot.mouseMove(widget, QPoint(x, y))
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def wave(x0: int, x1: int, y: int) -> list[tuple[int, int]]:
    return [(x, y + (12 if (x // 15) % 2 else -12)) for x in range(x0, x1, 15)]


def make_seal(path: Path, size: int = 300) -> Path:
    """A red ring on a transparent background, like a cleaned-up scan of a seal."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(200, 20, 20))
    painter.drawEllipse(10, 10, size - 20, size - 20)
    painter.end()
    assert image.save(str(path), "PNG")
    return path


def make_scan(path: Path, width: int, height: int, ink: tuple[int, int, int, int]) -> Path:
    """White paper with one dark rectangle (x, y, w, h) of ink, saved as PNG or JPEG by suffix."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.fillRect(*ink, QColor(20, 20, 60))
    painter.end()
    assert image.save(str(path))
    return path


def png(data: bytes | None) -> QImage:
    assert data is not None and data.startswith(PNG_MAGIC)
    image = QImage.fromData(data, "PNG")
    assert not image.isNull()
    return image


# ---- the wizard --------------------------------------------------------------------------------------------------


def test_wizard_from_empty_store_to_school_images_and_key(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seal_file = make_seal(tmp_path / "公章.png")
    monkeypatch.setattr(signature_pad, "ask_image_path", lambda parent, title: str(seal_file))
    wizard = SetupWizard(store)
    qtbot.addWidget(wizard)
    wizard.show()
    next_button = wizard.button(QWizard.WizardButton.NextButton)

    # 1. school: Next stays off until the required fields are there and the code fits the certificate
    page = wizard.school_page
    assert not next_button.isEnabled()
    type_text(qtbot, page.name_edit, "城关第一小学")
    type_text(qtbot, page.code_edit, "3412３４")  # full-width digits from a Chinese IME
    type_text(qtbot, page.principal_edit, "张明")
    assert not next_button.isEnabled()
    assert "学校代码只能包含" in page.hint.text()
    page.code_edit.clear()
    type_text(qtbot, page.code_edit, "3412345678")
    type_text(qtbot, page.address_edit, "城关镇解放路 1 号")
    assert next_button.isEnabled() and page.hint.text() == ""
    qtbot.keyClick(page.address_edit, Qt.Key.Key_Return)  # Enter presses Next

    # 2. key: weak refused, mismatch refused, good accepted
    key_page = wizard.currentPage()
    assert isinstance(key_page, KeyPage)
    form = key_page.form
    type_text(qtbot, form.first, "abc")
    assert "弱" in form.strength.text() and "8" in form.strength.text()
    assert not next_button.isEnabled()
    form.first.clear()
    type_text(qtbot, form.first, "12345678")
    type_text(qtbot, form.second, "12345678")
    assert "弱" in form.strength.text()
    assert not next_button.isEnabled()
    form.first.clear()
    form.second.clear()
    type_text(qtbot, form.first, PASSPHRASE)
    assert "强" in form.strength.text()
    type_text(qtbot, form.second, PASSPHRASE[:-1] + "X")
    assert form.mismatch.text() == "两次输入的口令不一致"
    assert not next_button.isEnabled()
    qtbot.keyClick(form.second, Qt.Key.Key_Backspace)
    type_text(qtbot, form.second, PASSPHRASE[-1])
    assert form.mismatch.text() == ""
    assert next_button.isEnabled()
    qtbot.keyClick(form.second, Qt.Key.Key_Return)

    # 3. signature drawn on the pad: two strokes, one taken back with Ctrl+Z, one more
    assert wizard.currentPage() is wizard.signature_page
    pad = wizard.signature_page.chooser.pad
    assert pad is not None and pad.is_empty()
    pad.setFocus()
    drag(qtbot, pad, wave(40, 260, pad.height() // 2))
    drag(qtbot, pad, [(60, 20), (200, 30)])
    assert pad.stroke_count() == 2
    qtbot.keyClick(pad, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert pad.stroke_count() == 1
    drag(qtbot, pad, [(280, pad.height() // 2), (300, pad.height() // 3), (330, pad.height() // 2)])
    assert pad.stroke_count() == 2
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)

    # 4. seal loaded from a file (read in a worker; Next waits for it)
    assert wizard.currentPage() is wizard.seal_page
    chooser = wizard.seal_page.chooser
    qtbot.mouseClick(chooser.load_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: chooser.source() == "file" and not chooser.is_busy())
    assert "公章.png" in chooser.file_label.text()
    assert next_button.isEnabled()
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)

    # 5. summary, then Finish: the key is made in a worker while the wizard stays responsive
    assert wizard.currentPage() is wizard.finish_page
    summary = wizard.finish_page.summary.text()
    for text in ("城关第一小学", "3412345678", "张明", "校长签名：已手写", "学校公章：已载入图片", "点“完成”后创建"):
        assert text in summary
    assert store.school() is None  # nothing is written before Finish
    with qtbot.waitSignal(wizard.changed, timeout=20_000):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
        assert wizard.is_working() and wizard.finish_page.busy.isVisible()  # returned at once: the GUI did not block
        assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    qtbot.waitUntil(lambda: wizard.result() == QWizard.DialogCode.Accepted and not wizard.isVisible())

    school = store.school()
    assert school is not None
    assert (school.name, school.code, school.principal, school.address) == (
        "城关第一小学",
        "3412345678",
        "张明",
        "城关镇解放路 1 号",
    )
    signature, seal = store.school_images()
    drawn, stamped = png(signature), png(seal)
    assert drawn.hasAlphaChannel() and drawn.pixelColor(0, 0).alpha() == 0
    assert stamped.hasAlphaChannel() and stamped.size().width() == 300
    found = store.identity()
    assert found is not None and found[2] == wizard.fingerprint
    key = identity.unlock(identity.Identity(found[0], found[1]), PASSPHRASE)
    assert key.curve.name == "secp256r1"
    with pytest.raises(SelfcheckError):
        identity.unlock(identity.Identity(found[0], found[1]), PASSPHRASE + "x")
    assert identity.cert_subject(found[1])["code"] == "3412345678"


def test_wizard_rerun_skips_the_key_keeps_the_code_and_saved_images(qtbot: QtBot, school_store: Store, tmp_path: Path) -> None:
    service.init_keys(school_store, PASSPHRASE)
    school_store.set_school_images(seal=make_seal(tmp_path / "seal.png").read_bytes())
    saved_before = school_store.school_images()
    audit_before = len(school_store.audit("school"))
    fingerprint = school_store.identity()[2]  # type: ignore[index]
    wizard = SetupWizard(school_store)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.key_page is None and len(wizard.pageIds()) == 4
    assert wizard.school_page.code_edit.isReadOnly()
    assert wizard.school_page.name_edit.text() == "城关第一小学"
    wizard.school_page.principal_edit.selectAll()
    type_text(qtbot, wizard.school_page.principal_edit, "李红")
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    for _ in range(3):  # school → signature (skipped) → seal (kept) → finish
        qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.finish_page
    assert "本校已有" in wizard.finish_page.summary.text()
    summary = wizard.finish_page.summary.text()
    assert "校长签名：暂不设置" in summary and "学校公章：沿用已保存的图片" in summary
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Accepted  # nothing to wait for: no key to make
    assert school_store.school().principal == "李红"  # type: ignore[union-attr]
    assert school_store.identity()[2] == fingerprint  # type: ignore[index]
    assert school_store.school_images() == saved_before
    # only the principal changed: the kept seal was not written again
    assert [e.field for e in school_store.audit("school")[audit_before:]] == ["principal"]


# ---- settings ----------------------------------------------------------------------------------------------------


def test_settings_edit_school_and_language(qtbot: QtBot, school_store: Store) -> None:
    dialog = SettingsDialog(school_store)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):  # mnemonics (Alt+letter) are shortcuts: they reach only the active window
        dialog.show()
        dialog.activateWindow()
    assert dialog.name_edit.text() == "城关第一小学"
    assert not dialog.code_edit.isReadOnly()  # no key yet: the code may still change
    dialog.name_edit.selectAll()
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Delete)
    assert not dialog.save_school_button.isEnabled() and "学校名称" in dialog.school_hint.text()
    type_text(qtbot, dialog.name_edit, "城关镇第一小学")
    with qtbot.waitSignal(ops.bus().changed, timeout=2000):
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert school_store.school().name == "城关镇第一小学"  # type: ignore[union-attr]
    assert dialog.school_status.text() == "已保存。"

    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)  # the 界面 tab by its mnemonic
    qtbot.waitUntil(lambda: dialog.tabs.currentIndex() == 3)
    dialog.language_combo.setFocus()
    assert dialog.language_combo.currentData() == "zh"
    qtbot.keyClick(dialog.language_combo, Qt.Key.Key_Down)
    assert dialog.language_combo.currentData() == "en"
    assert QSettings().value("language") == "en"
    assert "重新启动" in dialog.language_note.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_settings_create_key_then_export_certificate(
    qtbot: QtBot, school_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "stick" / "城关第一小学.pem"
    target.parent.mkdir()
    monkeypatch.setattr(settings_dialog, "ask_save_path", lambda parent, suggested: str(target))
    dialog = SettingsDialog(school_store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(2)
    assert dialog.key_create.isVisible() and not dialog.key_info.isVisible()
    type_text(qtbot, dialog.passphrase_form.first, PASSPHRASE)
    type_text(qtbot, dialog.passphrase_form.second, PASSPHRASE)
    assert dialog.create_key_button.isEnabled() and dialog.create_key_button.isDefault()
    with qtbot.waitSignal(ops.bus().changed, timeout=20_000):
        qtbot.keyClick(dialog.passphrase_form.second, Qt.Key.Key_Return)  # Enter presses 创建密钥
    found = school_store.identity()
    assert found is not None
    assert dialog.key_info.isVisible() and dialog.fingerprint_label.text().replace("\n", "") == found[2]
    assert dialog.code_edit.isReadOnly()  # the certificate names the code now

    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已导出证书" in dialog.export_status.text())
    written = target.read_bytes()
    assert written == found[1]
    assert identity.fingerprint(written) == found[2]
    assert identity.cert_subject(written)["name"] == "城关第一小学"


def test_settings_replace_seal_and_draw_signature(
    qtbot: QtBot, school_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan = make_scan(tmp_path / "公章扫描.jpg", 900, 900, (200, 200, 500, 500))
    monkeypatch.setattr(signature_pad, "ask_image_path", lambda parent, title: str(scan))
    dialog = SettingsDialog(school_store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(1)
    seal = dialog.seal_chooser
    assert seal is not None and seal.white_box.isChecked()  # on by default: a scan's paper must not cover the text
    qtbot.mouseClick(seal.load_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: seal.source() == "file" and not seal.is_busy())
    with qtbot.waitSignal(ops.bus().changed):
        qtbot.mouseClick(dialog.save_seal_button, Qt.MouseButton.LeftButton)
    saved = png(school_store.school_images()[1])
    assert saved.pixelColor(0, 0).alpha() == 0  # the paper is gone
    assert 500 <= saved.width() <= 520  # cropped to the ink with a small margin

    signature = dialog.signature_chooser
    assert signature is not None and signature.pad is not None
    qtbot.mouseClick(dialog.save_signature_button, Qt.MouseButton.LeftButton)
    assert "请先手写或载入" in dialog.images_status.text()
    drag(qtbot, signature.pad, wave(20, 200, signature.pad.height() // 2))
    with qtbot.waitSignal(ops.bus().changed):
        qtbot.mouseClick(dialog.save_signature_button, Qt.MouseButton.LeftButton)
    assert png(school_store.school_images()[0]).hasAlphaChannel()


# ---- the pad and image files -------------------------------------------------------------------------------------


def test_pad_draw_undo_clear_and_png(qtbot: QtBot) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(600, 200)  # the canvas is 600 × 200 units: one unit per pixel here
    pad.show()
    assert pad.is_empty()
    with pytest.raises(RuleError):
        pad.to_png()
    with qtbot.waitSignal(pad.changed):
        drag(qtbot, pad, [(100, 100), (150, 96), (200, 104), (300, 100)])
    drag(qtbot, pad, [(320, 60)])  # a dot
    assert pad.stroke_count() == 2
    pad.undo()
    assert pad.stroke_count() == 1 and not pad.is_empty()

    image = png(pad.to_png())
    assert image.hasAlphaChannel()
    assert image.pixelColor(0, 0).alpha() == 0 and image.pixelColor(image.width() - 1, image.height() - 1).alpha() == 0
    # cropped to the stroke (about 200 × 8 units plus margins) and scaled up into the 600 × 200 box
    assert image.width() == 600 and 40 <= image.height() <= 100
    ink = max(image.pixelColor(x, image.height() // 2).alpha() for x in range(image.width()))
    assert ink == 255

    drag(qtbot, pad, [(50, 20), (550, 180)])
    wide = png(pad.to_png())
    assert wide.width() <= 600 and wide.height() <= 200 and wide.height() > image.height()
    pad.clear()
    assert pad.is_empty()


def test_load_image_file_white_removed_cropped_scaled(tmp_path: Path) -> None:
    scan = make_scan(tmp_path / "签名扫描.png", 2400, 1600, (600, 700, 1200, 200))
    cleaned = png(load_image_file(scan, remove_white=True))
    assert cleaned.pixelColor(0, 0).alpha() == 0
    assert cleaned.pixelColor(cleaned.width() // 2, cleaned.height() // 2).alpha() == 255
    ratio = cleaned.width() / cleaned.height()
    assert 4.5 < ratio < 6.0  # the 1200 × 200 ink plus its margin, not the 3:2 page
    assert max(cleaned.width(), cleaned.height()) <= scan_image.MAX_SIDE

    kept = png(load_image_file(scan))  # without removal: the page, scaled down, opaque
    assert kept.width() == 1000 and kept.height() in (666, 667)
    assert kept.pixelColor(0, 0).alpha() == 255


def test_load_image_file_refuses_bad_files_by_name(tmp_path: Path) -> None:
    text = tmp_path / "不是图片.png"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_image_file(text)
    assert "不是图片.png" in caught.value.zh and "PNG 或 JPG" in caught.value.zh

    gif = tmp_path / "seal.gif"
    gif.write_bytes(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")
    with pytest.raises(RuleError, match=r"seal\.gif"):
        load_image_file(gif)

    # only the header of a 20000 × 20000 PNG: refused from its size before anything is decoded
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    huge = tmp_path / "huge.png"
    huge.write_bytes(
        PNG_MAGIC
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 20000, 20000, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )
    with pytest.raises(RuleError) as caught:
        load_image_file(huge)
    assert "huge.png" in caught.value.zh and "20000×20000" in caught.value.zh

    with pytest.raises(RuleError, match=r"missing\.png"):
        load_image_file(tmp_path / "missing.png")


def test_chooser_shows_a_bad_file_and_keeps_going(qtbot: QtBot, tmp_path: Path, shown_errors: list[BaseException]) -> None:
    bad = tmp_path / "坏图片.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 64)  # a JPEG's first bytes, then nothing
    chooser = signature_pad.ImageChooser("seal")
    qtbot.addWidget(chooser)
    chooser.show()
    chooser.load_file(str(bad))
    qtbot.waitUntil(lambda: not chooser.is_busy())
    assert len(shown_errors) == 1 and isinstance(shown_errors[0], RuleError) and "坏图片.jpg" in shown_errors[0].zh
    assert chooser.image() is None and chooser.source() == "none"
    shown_errors.clear()


def test_passphrase_strength_levels() -> None:
    assert passphrase_strength("")[0] == WEAK
    assert passphrase_strength("abc1234")[0] == WEAK  # under 8: check_passphrase's rule
    assert passphrase_strength("aaaaaaaaaaaa")[0] == WEAK  # one character repeated
    assert passphrase_strength("20261234")[0] == WEAK  # digits only, short
    assert passphrase_strength("xiaoxue2026")[0] == FAIR
    assert passphrase_strength(PASSPHRASE)[0] == STRONG
    assert passphrase_strength("我们学校的口令是很长的一句话啊")[0] == FAIR


def test_a_seal_saved_on_white_paper_is_fixed_later_without_scanning_again(qtbot: QtBot, school_store: Store) -> None:
    """Issue 15.1: a seal stored with its white paper is named in settings and fixed from the stored image."""
    image = QImage(400, 400, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setPen(QColor(200, 20, 20))
    painter.setBrush(QColor(200, 20, 20))
    painter.drawEllipse(100, 100, 200, 200)
    painter.end()
    school_store.set_school_images(seal=scan_image.png_bytes(image))  # saved before, with the box unticked
    dialog = SettingsDialog(school_store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(1)
    seal = dialog.seal_chooser
    assert seal is not None and not seal.white_box.isChecked()  # it says how the stored image is
    assert seal.white_warning.isVisible() and "遮住学校名称和日期" in seal.white_warning.text()
    qtbot.mouseClick(seal.white_box, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: seal.source() == "file" and not seal.is_busy())
    assert not seal.white_warning.isVisible()
    with qtbot.waitSignal(ops.bus().changed):
        qtbot.mouseClick(dialog.save_seal_button, Qt.MouseButton.LeftButton)
    saved = png(school_store.school_images()[1])
    assert saved.pixelColor(0, 0).alpha() == 0  # no white square over the school's name and the date
    assert saved.pixelColor(saved.width() // 2, saved.height() // 2).alpha() == 255  # the seal itself kept
    assert not scan_image.is_white_backed(school_store.school_images()[1])
    again = SettingsDialog(school_store)  # and it stays fixed: no warning next time
    qtbot.addWidget(again)
    again.show()
    assert again.seal_chooser is not None and not again.seal_chooser.white_warning.isVisible()
