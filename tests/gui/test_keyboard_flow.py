"""Issue 15's "done when": from the first start to a signed report at 1024×768 by keyboard alone. The first-run
setup (school, key with its passphrase, the scanned seal), a new inspection, every item answered, a note, a problem
raised, marked complete, signed and exported: every step is a key press sent to whatever has the focus, and every
widget that takes a key is shown inside its window on a 1024×768 screen. The only thing not typed is the file
dialog's choice of the seal's scan (the system's own dialog, answered as the other tests answer it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget, QWizard
from pytestqt.qtbot import QtBot

from selfcheck.core.scoring import score
from selfcheck.gui.dialogs.setup_wizard import SetupWizard
from selfcheck.gui.main_window import MainWindow
from selfcheck.gui.pages.filling_page import FillingPage
from selfcheck.gui.widgets import signature_pad
from selfcheck.storage import Store
from tests.gui.test_inspection_flow import assert_signed_by_school, type_text
from tests.gui.test_setup import make_scan
from tests.gui.test_small_screen import HEIGHT, WIDTH, layout_problems

PASSPHRASE = "城关一小 2026 自查"
NOTE = "周二下午有 2 人未签到，考勤表缺页。"
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def focused() -> QWidget:
    """What has the keyboard focus: shown, and inside its window (on a 1024×768 screen nothing lies beyond it)."""
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    assert widget.isVisible(), f"the focus is on a hidden {type(widget).__name__}"
    top = widget.window()
    assert top.width() <= WIDTH and top.height() <= HEIGHT, f"{type(top).__name__} is {top.size().toTuple()}"
    where = QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())
    assert top.rect().adjusted(-2, -2, 2, 2).intersects(where), f"{type(widget).__name__} lies outside its window"
    return widget


def key(qtbot: QtBot, code: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), code, modifier)


def typed(qtbot: QtBot, text: str) -> None:
    """Type into whatever has the focus: ASCII from the keyboard, Chinese committed by the input method (QTest's key
    simulation knows only ASCII)."""
    type_text(qtbot, focused(), text)


def active(qtbot: QtBot, window: QWidget) -> None:
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is window)


def raise_problem(qtbot: QtBot, window: MainWindow, filling: FillingPage, note: str, requirement: str) -> None:
    """Alt+W on the item, the measure and the owner typed in the problem dialog (reached by their mnemonics), Enter."""
    key(qtbot, Qt.Key.Key_W, ALT)  # 提出整改问题 (a mnemonic clicks its button after a short flash)
    qtbot.waitUntil(lambda: hasattr(filling, "problem_dialog"))
    dialog = filling.problem_dialog
    active(qtbot, dialog)
    # defect 8: the problem is what was found (the note), not the requirement with "（自查结果：…）" after it
    assert dialog.description.toPlainText() == note
    assert requirement not in dialog.description.toPlainText() and requirement in dialog.source_label.text()
    key(qtbot, Qt.Key.Key_M, ALT)  # 整改措施(&M)
    assert focused() is dialog.measure
    typed(qtbot, "补齐考勤表，每周检查一次")
    key(qtbot, Qt.Key.Key_O, ALT)  # 责任人(&O)
    assert focused() is dialog.owner
    typed(qtbot, "李华")
    key(qtbot, Qt.Key.Key_Return)  # the default button saves
    qtbot.waitUntil(lambda: not dialog.isVisible())
    active(qtbot, window)


@pytest.fixture
def seal_scan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seal scanned on white paper as a JPEG; the system's file dialog answers with it."""
    scan = make_scan(tmp_path / "公章扫描.jpg", 400, 400, (60, 60, 280, 280))
    monkeypatch.setattr(signature_pad, "ask_image_path", lambda parent, title: str(scan))
    return scan


def test_first_start_to_signed_report_at_1024_by_768_by_keyboard(
    qtbot: QtBot, store: Store, tmp_path: Path, seal_scan: Path
) -> None:
    assert store.school() is None  # the first start: an empty data folder

    # ---- the first-run setup, as gui/app.py shows it before the main window ----
    wizard = SetupWizard(store)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.activateWindow()
    active(qtbot, wizard)
    assert focused() is wizard.school_page.name_edit
    typed(qtbot, "城关第一小学")
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is wizard.school_page.code_edit
    typed(qtbot, "3412345678")
    key(qtbot, Qt.Key.Key_Tab)
    typed(qtbot, "张明")
    key(qtbot, Qt.Key.Key_A, ALT)  # 地址(&A)
    assert focused() is wizard.school_page.address_edit
    typed(qtbot, "城关镇解放路 1 号")
    key(qtbot, Qt.Key.Key_Return)  # Enter presses Next

    form = wizard.key_page.form
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.key_page)
    assert focused() is form.first
    typed(qtbot, PASSPHRASE)
    key(qtbot, Qt.Key.Key_R, ALT)  # 再输入一次(&R)
    assert focused() is form.second
    typed(qtbot, PASSPHRASE)
    key(qtbot, Qt.Key.Key_Return)

    assert wizard.currentPage() is wizard.signature_page  # a drawn signature needs a mouse: skipped (settings later)
    key(qtbot, Qt.Key.Key_N, ALT)  # 下一步(&N) (a mnemonic clicks its button after a short flash)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.seal_page)
    chooser = wizard.seal_page.chooser
    key(qtbot, Qt.Key.Key_E, ALT)  # 选择公章图片(&E)…
    qtbot.waitUntil(lambda: chooser.source() == "file" and not chooser.is_busy())
    assert chooser.white_box.isChecked()  # defect 1: a scan on white paper loses its paper by default
    key(qtbot, Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.finish_page)
    assert "学校公章：已载入图片" in wizard.finish_page.summary.text()
    key(qtbot, Qt.Key.Key_F, ALT)  # 完成(&F): the key is made in a worker
    qtbot.waitUntil(lambda: wizard.result() == QWizard.DialogCode.Accepted and not wizard.isVisible(), timeout=30_000)
    school = store.school()
    assert school is not None and (school.name, school.code, school.principal) == ("城关第一小学", "3412345678", "张明")
    assert store.identity() is not None
    _, seal = store.school_images()
    stamped = QImage.fromData(seal or b"", "PNG")
    assert not stamped.isNull() and stamped.pixelColor(0, 0).alpha() == 0  # no white square on the report

    # ---- the main window on a 1024×768 screen ----
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.setWindowState(Qt.WindowState.WindowNoState)  # a 1024×768 screen, not the offscreen platform's 800×600
    window.resize(WIDTH, HEIGHT)
    window.move(0, 0)
    window.show()
    window.activateWindow()
    active(qtbot, window)
    assert window.size().toTuple() == (WIDTH, HEIGHT)

    key(qtbot, Qt.Key.Key_N, CTRL)  # a new inspection: the 五查五看 and the term suggested; Enter starts it
    dialog = window.new_dialog
    active(qtbot, dialog)
    assert dialog.checklist.currentData() == "wuchawukan" and "学期" in dialog.period.text()
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.inspection_page is not None)
    page = window.inspection_page
    assert page is not None
    filling = page.filling
    qtbot.waitUntil(lambda: QApplication.focusWidget() is filling.tree)
    assert not layout_problems(window), layout_problems(window)
    template = store.checklist("wuchawukan")

    # Every item by keys: a digit picks a result, Enter moves on; a value is typed, Enter saves it and moves on.
    # The first item with a result that calls for a problem gets it: its digit, its note (Alt+S, then Esc), the
    # problem raised at once (Alt+W), then Enter moves on.
    problem_item = None
    for entry in filling.entries:
        assert filling.current is not None and filling.current.id == entry.id
        item = entry.item
        if item is not None and item.type != "choice":
            typed(qtbot, "2")  # starts typing the value in its field
            key(qtbot, Qt.Key.Key_Return)
            continue
        options = template.options_for(item) if item is not None else []
        if item is not None and problem_item is None and any(o.raises_problem for o in options):
            problem_item = item
            typed(qtbot, str(next(i for i, o in enumerate(options, 1) if o.raises_problem)))
            key(qtbot, Qt.Key.Key_S, ALT)
            assert focused() is filling.note
            typed(qtbot, NOTE)
            key(qtbot, Qt.Key.Key_Escape)  # out of the note, back on the item's answer
            assert focused() is not filling.note
            raise_problem(qtbot, window, filling, NOTE, item.text)
            assert filling.current is not None and filling.current.id == entry.id
        else:
            typed(qtbot, "1")
        key(qtbot, Qt.Key.Key_Return)
    assert problem_item is not None
    inspection_id = page.inspection_id
    answers = store.answers(inspection_id)
    assert set(answers) == {e.id for e in filling.entries}
    assert answers[problem_item.id].note == NOTE
    [problem] = store.problems(inspection_id=inspection_id)
    assert (problem.item_id, problem.owner, problem.measure) == (problem_item.id, "李华", "补齐考勤表，每周检查一次")

    # The summary (Alt+2), marked complete (Alt+D), signed and exported (Alt+X).
    key(qtbot, Qt.Key.Key_2, ALT)
    summary = page.summary
    assert page.tabs.currentWidget() is summary
    assert not layout_problems(window), layout_problems(window)
    key(qtbot, Qt.Key.Key_D, ALT)
    qtbot.waitUntil(lambda: store.inspection(inspection_id).status == "complete")
    expected = score(template, store.answers(inspection_id))
    assert summary.total.text().startswith(f"{expected.total:g} / {expected.max:g}")

    key(qtbot, Qt.Key.Key_X, ALT)
    qtbot.waitUntil(lambda: hasattr(page, "export_dialog"))
    export = page.export_dialog
    active(qtbot, export)
    assert export.export_button.isEnabled(), export.readiness.text()
    out = tmp_path / "U盘"
    out.mkdir()
    key(qtbot, Qt.Key.Key_T, ALT)  # 保存到(&T)
    assert focused() is export.target.lineEdit() or focused() is export.target
    key(qtbot, Qt.Key.Key_A, CTRL)
    typed(qtbot, str(out))
    key(qtbot, Qt.Key.Key_P, ALT)  # 口令(&P)
    assert focused() is export.passphrase
    typed(qtbot, PASSPHRASE)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: export.result_value is not None, timeout=30_000)
    written = export.result_value.path
    assert written.parent == out and written.suffix == ".pdf"
    assert focused() is export.close_button  # 完成: the keys are not left nowhere
    key(qtbot, Qt.Key.Key_Return)
    assert not export.isVisible()
    for button in (b for b in window.findChildren(QAbstractButton) if b.isVisible()):
        assert button.window() is window  # no dialog left behind
    assert store.inspection(inspection_id).locked

    # The report is signed by the school's key: our verifier with its certificate, and poppler's pdfsig.
    assert_signed_by_school(store, written)
    window.close()
