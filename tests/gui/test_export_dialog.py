"""Before signing, in the export dialog: the deficient answers with no problem raised and "raise them all" (one
store write), the 自查日期 kept with the inspection, and the report's text edited in its own dialog (saved with the
inspection, never lost without asking). Real widgets, keys and clicks; what was saved is read back from the store
and from the report's data."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDateTimeEdit, QMessageBox

from selfcheck.gui.dialogs.export_dialog import ExportDialog
from selfcheck.gui.dialogs.report_text_dialog import ReportTextDialog
from selfcheck.reports import data as report_data
from selfcheck.reports import service
from selfcheck.storage import Store
from tests.conftest import TODAY


@pytest.fixture
def insp(mini_store: Store) -> int:
    s = mini_store
    inspection = s.new_inspection("mini", "2026年秋季学期", ["张三"])
    s.save_answer(inspection.id, "s1.study", "no", note="没有学习记录")  # calls for a problem
    s.save_answer(inspection.id, "s2.tutoring", "found", note="一名教师")  # calls for a problem
    s.save_answer(inspection.id, "s2.firstask", "ok")
    return inspection.id


def test_deficient_answers_are_listed_and_raised_all_at_once(qtbot, mini_store: Store, insp: int) -> None:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(mini_store, insp)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.raise_button.isVisible() and "有 2 项" in dialog.unraised.text()
    assert "没有学习记录" in dialog.unraised.text()
    qtbot.mouseClick(dialog.raise_button, Qt.MouseButton.LeftButton)
    problems = mini_store.problems(inspection_id=insp)
    assert sorted(p.item_id or "" for p in problems) == ["s1.study", "s2.tutoring"]
    assert not dialog.raise_button.isVisible() and not dialog.unraised.isVisible()
    assert "已登记问题 2 个" in dialog.message.text()
    assert service.unraised(mini_store, insp) == []


def test_the_inspection_date_is_kept_with_the_inspection(qtbot, mini_store: Store, insp: int) -> None:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(mini_store, insp)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.day.date().toPython() == TODAY  # not complete yet: today
    dialog.day.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.day)
    dialog.day.setSelectedSection(QDateTimeEdit.Section.DaySection)  # as a click on the day does
    for _ in range(8):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    assert dialog.day.date() == QDate(2026, 11, 12)
    assert mini_store.report_text(insp).inspection_date is None  # saved when the field is left, not per key
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert mini_store.report_text(insp).inspection_date == dt.date(2026, 11, 12)
    built = report_data.build(mini_store, insp)
    assert built.document is not None and built.document.inspection_date == "2026-11-12"
    assert "2026年11月12日" in built.document.narrative
    dialog.close()
    again = ExportDialog(mini_store, insp)  # shown again as saved
    qtbot.addWidget(again)
    assert again.day.date() == QDate(2026, 11, 12)


def test_the_narrative_is_edited_saved_and_printed_by_the_next_export(qtbot, mini_store: Store, insp: int) -> None:  # type: ignore[no-untyped-def]
    written, edited = service.narrative(mini_store, insp)
    assert not edited
    editor = ReportTextDialog(mini_store, insp)
    qtbot.addWidget(editor)
    editor.show()
    assert editor.editor.toPlainText() == written  # prefilled from the data
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.editor)  # typing goes straight into the text
    editor.editor.moveCursor(editor.editor.textCursor().MoveOperation.End)
    qtbot.keyClick(editor.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.editor, "OK")
    editor.addressee.setText("城关镇中心学校")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    saved = mini_store.report_text(insp)
    assert saved.narrative == written + "\nOK" and saved.addressee == "城关镇中心学校"
    text, edited = service.narrative(mini_store, insp)
    assert edited and text.endswith("OK")
    built = report_data.build(mini_store, insp)
    assert built.document is not None and built.document.edited and built.document.addressee == "城关镇中心学校"


def test_closing_with_unsaved_text_asks_and_cancel_keeps_it(qtbot, mini_store: Store, insp: int, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    editor = ReportTextDialog(mini_store, insp)
    qtbot.addWidget(editor)
    editor.show()
    editor.editor.moveCursor(editor.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.editor, "ABC")
    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: next(answers))
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # asked: Cancel, stays open with the text
    assert editor.isVisible() and editor.editor.toPlainText().endswith("ABC")
    assert mini_store.report_text(insp).narrative is None
    editor.close()  # asked: Save
    assert not editor.isVisible()
    assert (mini_store.report_text(insp).narrative or "").endswith("ABC")


def test_the_text_button_opens_the_editor(qtbot, mini_store: Store, insp: int) -> None:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(mini_store, insp)
    qtbot.addWidget(dialog)
    dialog.show()
    seen: list[ReportTextDialog] = []

    def look() -> None:
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, ReportTextDialog) and w.isVisible()]
        seen.extend(found)
        for w in found:
            w.reject()

    QTimer.singleShot(0, look)
    qtbot.mouseClick(dialog.text_button, Qt.MouseButton.LeftButton)
    assert seen and seen[0].editor.toPlainText().startswith("一、")


def test_a_date_changed_then_esc_is_kept(qtbot, mini_store: Store, insp: int) -> None:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(mini_store, insp)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.day.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.day)
    dialog.day.setSelectedSection(QDateTimeEdit.Section.DaySection)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # closes the dialog straight from the field: the
    # field loses the focus, which saves it
    assert not dialog.isVisible()
    assert mini_store.report_text(insp).inspection_date == TODAY - dt.timedelta(days=1)


def test_the_dialog_fits_a_small_screen(qtbot, mini_store: Store, insp: int) -> None:  # type: ignore[no-untyped-def]
    for item in ("s2.firstask",):
        mini_store.save_answer(insp, item, "bad", note="推诿")
    dialog = ExportDialog(mini_store, insp)
    qtbot.addWidget(dialog)
    dialog.show()
    hint = dialog.sizeHint()
    assert hint.width() <= 1024 and hint.height() <= 700, hint  # 1024×768 less the taskbar and title bar


def test_an_empty_target_says_so_and_takes_the_keys_there(qtbot, mini_store: Store, insp: int) -> None:  # type: ignore[no-untyped-def]
    """Issue 15.11: an empty 保存到 gives a hint, and the focus goes to it (nothing is signed or locked)."""
    template = mini_store.checklist("mini")
    best = [{"item": i.id, "option": template.options_for(i)[0].key} for i in template.items() if i.type == "choice"]
    values = [{"item": i.id, "value": "2026-11-01" if i.type == "date" else 1} for i in template.items() if i.type != "choice"]
    mini_store.save_answers(insp, [*best, *values])
    mini_store.complete_inspection(insp)
    service.init_keys(mini_store, "a long passphrase 2026")
    dialog = ExportDialog(mini_store, insp)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.target.setEditText("")
    qtbot.keyClicks(dialog.passphrase, "some passphrase")
    assert dialog.export_button.isEnabled(), dialog.readiness.text()
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert "请选择保存位置" in dialog.message.text()
    assert QApplication.focusWidget() in (dialog.target, dialog.target.lineEdit())
    assert dialog.result_value is None and not mini_store.inspection(insp).locked
