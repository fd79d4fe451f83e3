"""The report's text is never lost (issue 15): what the principal types is kept as a draft a moment after the last
key; a dialog that goes away without Save or Discard (a crash, a power cut) is followed by one that opens with the
draft and says so; Save and Discard drop it. Real widgets and keys; the draft is read back from the settings."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from selfcheck.gui.dialogs.report_draft import ReportDraft
from selfcheck.gui.dialogs.report_text_dialog import ReportTextDialog
from selfcheck.reports import service
from selfcheck.storage import Store


@pytest.fixture
def insp(mini_store: Store) -> int:
    inspection = mini_store.new_inspection("mini", "2026年秋季学期", ["张三"])
    mini_store.save_answer(inspection.id, "s1.study", "no", note="没有学习记录")
    return inspection.id


def _typed(qtbot: Any, store: Store, insp: int, text: str, *, watched: bool = True) -> ReportTextDialog:
    dialog = ReportTextDialog(store, insp)
    if watched:
        qtbot.addWidget(dialog)
    dialog.show()
    dialog.editor.setFocus()
    dialog.editor.moveCursor(dialog.editor.textCursor().MoveOperation.End)
    with qtbot.waitSignal(dialog.draft_timer.timeout, timeout=5000):  # written a moment after the last key
        qtbot.keyClicks(dialog.editor, text)
    return dialog


def test_typed_text_survives_a_crash_and_is_offered_back(qtbot: Any, mini_store: Store, insp: int) -> None:
    written, _ = service.narrative(mini_store, insp)
    crashed = _typed(qtbot, mini_store, insp, "XYZ", watched=False)
    qtbot.keyClick(crashed.number, Qt.Key.Key_A)  # 发文字号 too
    crashed.keep_draft()
    assert ReportDraft(mini_store.path, insp).read() == (written + "XYZ", "", "a")
    with qtbot.waitSignal(crashed.destroyed, timeout=5000):  # gone without Save or Discard, as in a crash:
        crashed.deleteLater()  # no closeEvent, no question
    assert mini_store.report_text(insp).narrative is None  # nothing saved to the store

    again = ReportTextDialog(mini_store, insp)
    qtbot.addWidget(again)
    again.show()
    assert again.restored and "已恢复" in again.hint.text()
    assert again.editor.toPlainText() == written + "XYZ" and again.number.text() == "a"
    assert again.modified()  # still unsaved: closing asks
    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    assert (mini_store.report_text(insp).narrative or "").endswith("XYZ")
    assert ReportDraft(mini_store.path, insp).read() is None  # saved: the draft is gone

    third = ReportTextDialog(mini_store, insp)
    qtbot.addWidget(third)
    assert not third.restored and not third.modified()


def test_discarding_drops_the_draft(qtbot: Any, mini_store: Store, insp: int, monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = _typed(qtbot, mini_store, insp, "ABC")
    assert ReportDraft(mini_store.path, insp).read() is not None
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert ReportDraft(mini_store.path, insp).read() is None
    again = ReportTextDialog(mini_store, insp)
    qtbot.addWidget(again)
    assert not again.restored and not again.editor.toPlainText().endswith("ABC")


def test_a_draft_of_another_inspection_or_data_folder_is_not_offered(qtbot: Any, mini_store: Store, insp: int) -> None:
    ReportDraft(mini_store.path.parent / "other" / "selfcheck.db", insp).keep(("别处的正文", "", ""))
    ReportDraft(mini_store.path, insp + 1).keep(("另一次自查的正文", "", ""))
    dialog = ReportTextDialog(mini_store, insp)
    qtbot.addWidget(dialog)
    assert not dialog.restored and dialog.editor.toPlainText() == service.narrative(mini_store, insp)[0]
