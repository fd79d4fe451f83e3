"""A whole inspection done by keyboard alone, in the real main window: new, answer every item, a note, a
problem, complete, sign, export; the exported file verifies (our verifier and poppler's pdfsig)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from selfcheck.core.scoring import score
from selfcheck.gui.main_window import MainWindow
from selfcheck.gui.pages.filling_look import ATTENTION, TODO
from selfcheck.reports import service
from selfcheck.storage import Store

PASSPHRASE = "城关一小 2026 自查"


@pytest.fixture
def signed_store(school_store: Store) -> Store:
    service.init_keys(school_store, PASSPHRASE)
    return school_store


def press(qtbot, keys: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    """Keys to whatever has the focus, as a keyboard would send them."""
    for key in keys:
        target = QApplication.focusWidget()
        assert target is not None, "nothing has the keyboard focus"
        qtbot.keyClick(target, key, modifier)


def type_text(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type as a principal does: ASCII from the keyboard, Chinese committed by the input method (QTest's key
    simulation knows only ASCII)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            event = QInputMethodEvent()
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)


def key(qtbot, code: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClick(target, code, modifier)


def assert_signed_by_school(store: Store, report: Path) -> None:
    """The report verifies, trusted by the school's certificate (our verifier), and poppler's pdfsig agrees."""
    cert, _ = service.certificate(store)
    checked = service.verify_file(report, [cert])
    assert checked.ok, checked.reason_en
    if shutil.which("pdfsig"):
        result = subprocess.run(["pdfsig", str(report)], capture_output=True, text=True, check=False)
        assert "Signature is Valid" in result.stdout, result.stdout


def test_whole_inspection_by_keyboard(qtbot, signed_store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = signed_store
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    # New inspection: Ctrl+N, the 五查五看 preselected, the period suggested; Enter starts it.
    key(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.new_dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.checklist.currentData() == "wuchawukan"
    assert "学期" in dialog.period.text()
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.inspection_page is not None)
    page = window.inspection_page
    filling = page.filling
    qtbot.waitUntil(lambda: QApplication.focusWidget() is filling.tree)  # the dialog gone, the list has the keys
    inspection_id = page.inspection_id
    template = store.checklist("wuchawukan")

    # Answer every item: digits pick (the last option for one item, to raise a problem), values are typed.
    problem_item = None
    for entry in filling.entries:
        assert filling.current is not None and filling.current.id == entry.id
        item = entry.item
        if item is None or item.type == "choice":
            options = template.options_for(item) if item else []
            if item is not None and problem_item is None and any(o.raises_problem for o in options):
                n = next(i for i, o in enumerate(options, 1) if o.raises_problem)
                press(qtbot, str(n))
                problem_item = item
                # The note it needs: Alt+S goes to the note field; Ctrl+↓ moves on and saves it.
                key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
                assert QApplication.focusWidget() is filling.note
                type_text(qtbot, filling.note, "周二下午有 2 人未签到，考勤表缺页。")
                key(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
                filling.tree.setFocus()  # where focus rests after leaving a note: back in the list
                continue
            press(qtbot, "1")
        else:
            press(qtbot, "2")  # starts typing the value in its field
            key(qtbot, Qt.Key.Key_Return)  # saves it and moves on
            continue
        key(qtbot, Qt.Key.Key_Return)
    assert problem_item is not None

    answers = store.answers(inspection_id)
    assert set(answers) == {e.id for e in filling.entries}
    assert answers[problem_item.id].note == "周二下午有 2 人未签到，考勤表缺页。"
    assert not any(filling.row_text(e.id).startswith((TODO, ATTENTION)) for e in filling.entries)

    # The problem, raised from the item (Alt+W), filled by typing, saved with Enter on the default button.
    filling.select(problem_item.id)
    filling.tree.setFocus()
    key(qtbot, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: hasattr(filling, "problem_dialog"))  # a mnemonic clicks its button after a short flash
    problem_dialog = filling.problem_dialog
    qtbot.waitUntil(problem_dialog.isActiveWindow)
    assert "考勤" in problem_dialog.description.toPlainText() or problem_item.text[:6] in problem_dialog.description.toPlainText()
    type_text(qtbot, problem_dialog.measure, "补齐考勤表，每周检查一次")
    type_text(qtbot, problem_dialog.owner, "李华")
    qtbot.keyClick(problem_dialog.owner, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not problem_dialog.isVisible())
    qtbot.waitUntil(window.isActiveWindow)
    problems = store.problems(inspection_id=inspection_id)
    assert [(p.item_id, p.owner, p.measure) for p in problems] == [(problem_item.id, "李华", "补齐考勤表，每周检查一次")]

    # Summary (Alt+2), mark complete (Alt+D), sign and export (Alt+X).
    filling.tree.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is filling.tree)
    key(qtbot, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert page.tabs.currentWidget() is page.summary
    summary = page.summary
    assert summary.complete_button.isEnabled()
    assert not summary.missing_box.isVisible()  # nothing missing: one line says so, no empty box
    assert summary.all_done.isVisible() and summary.all_done.text() == "全部必答项已完成"
    summary.complete_button.setFocus()
    key(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: store.inspection(inspection_id).status == "complete")
    expected = score(template, store.answers(inspection_id))
    assert summary.total.text().startswith(f"{expected.total:g} / {expected.max:g}")
    assert summary.grade.text() == expected.grade

    assert window.undo_action.isEnabled() and window.undo_action.text() == "撤销标记完成(&U)"
    key(qtbot, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: hasattr(page, "export_dialog"))
    export = page.export_dialog
    qtbot.waitUntil(export.isActiveWindow)
    assert export.export_button.isEnabled(), export.readiness.text()
    out = tmp_path / "U盘"
    out.mkdir()
    line = export.target.lineEdit()
    line.setFocus()
    line.selectAll()
    type_text(qtbot, line, str(out))
    export.passphrase.setFocus()
    type_text(qtbot, export.passphrase, "wrong passphrase")
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not export.busy and export.message.text() != "", timeout=30_000)
    assert "口令" in export.message.text()  # refused: nothing written, nothing locked
    assert list(out.iterdir()) == []
    assert not store.inspection(inspection_id).locked
    export.passphrase.selectAll()
    type_text(qtbot, export.passphrase, PASSPHRASE)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: export.result_value is not None, timeout=30_000)
    written = export.result_value.path
    assert written.parent == out and written.suffix == ".pdf"
    fingerprint = store.identity()[2]  # type: ignore[index]
    assert fingerprint in export.message.text()
    assert written.name in export.message.text()
    assert export.open_button.isVisible()
    qtbot.keyClick(export, Qt.Key.Key_Escape)  # Esc closes (the dialog is no longer busy)
    assert not export.isVisible()
    assert not window.undo_action.isEnabled()  # a signed export ends what can be undone

    # Locked after signing; the file verifies, trusted by the school's certificate.
    assert store.inspection(inspection_id).locked
    assert filling.lock_banner.isVisible() or page.tabs.currentWidget() is page.summary
    assert_signed_by_school(store, written)


def test_a_signed_inspection_is_locked_and_reopening_makes_a_revision(
    qtbot, signed_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    store = signed_store
    inspection = store.new_inspection("wuchawukan", "2026年秋季学期")
    template = store.checklist("wuchawukan")
    store.save_answers(
        inspection.id,
        [
            {"item": i.id, "option": template.options_for(i)[0].key} if i.type == "choice" else {"item": i.id, "value": 1}
            for i in template.items()
        ],
    )
    store.complete_inspection(inspection.id)
    service.export(store, inspection.id, tmp_path, passphrase=PASSPHRASE)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page = window.open_inspection(inspection.id)
    filling = page.filling
    assert filling.lock_banner.isVisible()
    first = filling.entries[0]
    before = store.answers(inspection.id)
    filling.select(filling.entries[2].id)
    filling.tree.setFocus()
    press(qtbot, "2")
    assert store.answers(inspection.id) == before  # locked: the key does nothing

    import selfcheck.gui.pages.inspection_page as inspection_page

    monkeypatch.setattr(inspection_page, "confirm", lambda *_a: True)
    qtbot.mouseClick(filling.reopen_button, Qt.MouseButton.LeftButton)
    reopened = store.inspection(inspection.id)
    assert not reopened.locked and reopened.revision == 2
    assert not filling.lock_banner.isVisible()
    press(qtbot, "2")
    assert store.answers(inspection.id) != before
    assert any(e.action == "reopen" for e in store.audit("inspection", inspection.id))
    assert first.id in store.answers(inspection.id)
