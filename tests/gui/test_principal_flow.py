"""The principal's stumbles (issue 15, defects 2-8 and 10), each driven as a person does: keys, clicks, focus, in the
real main window. Each test fails on the behaviour the issue describes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from selfcheck.core.state import Meaning
from selfcheck.gui import ops
from selfcheck.gui.main_window import MainWindow
from selfcheck.gui.pages.filling_look import MEANING_COLOURS
from selfcheck.gui.pages.filling_page import FillingPage
from selfcheck.storage import Store
from tests.gui.test_inspection_flow import key, press, type_text


@pytest.fixture
def window(qtbot, school_store: Store) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    inspection = school_store.new_inspection("wuchawukan", "2026年秋季学期")
    main = MainWindow(school_store)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    main.open_inspection(inspection.id)
    yield main
    # gone before its store closes: a later test's broadcast must not reach a window on a closed database
    ops.bus().changed.disconnect(main._on_changes)
    main.close()


def filling(window: MainWindow) -> FillingPage:
    assert window.inspection_page is not None
    return window.inspection_page.filling


def test_a_note_typed_before_a_result_is_kept_and_saved_with_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Defect 2: the note stays through moving away and back, and is saved when the result is chosen."""
    page = filling(window)
    first = page.entries[0]
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is page.note
    type_text(qtbot, page.note, "学习记录缺 9 月")
    key(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)  # on to the next item, no result chosen
    assert page.current is not None and page.current.id == page.entries[1].id
    assert page.note.toPlainText() == ""
    assert "暂存" in page.row_text(first.id)  # the list says a note waits for its result
    # kept through closing: a new screen on the same inspection (the app started again) shows it
    again = FillingPage(page.store, page.inspection_id)
    qtbot.addWidget(again)
    assert again.current is not None and again.current.id == first.id
    assert again.note.toPlainText() == "学习记录缺 9 月" and "暂存" in again.row_text(first.id)
    key(qtbot, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert page.current.id == first.id
    assert page.note.toPlainText() == "学习记录缺 9 月"  # not thrown away
    press(qtbot, "3")  # 否
    saved = page.store.answers(page.inspection_id)[first.id]
    assert (saved.option, saved.note) == ("no", "学习记录缺 9 月")
    assert first.id not in page.drafts
    assert first.id not in FillingPage(page.store, page.inspection_id).drafts  # gone from the settings too


def test_ctrl_down_and_esc_take_the_focus_out_of_the_note(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Defect 3: after a note, Ctrl+↓ moves on and the next digit picks a result there, not note text; Esc leaves it."""
    page = filling(window)
    first, second = page.entries[0], page.entries[2]
    press(qtbot, "1")
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    type_text(qtbot, page.note, "有签到表")
    key(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.number  # the next item counts: its value field has the keys
    key(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    focus = QApplication.focusWidget()
    assert focus is not page.note and focus in page.option_buttons  # on the third item's answer
    press(qtbot, "1")  # a digit now picks the first option of the third item
    key(qtbot, Qt.Key.Key_Return)  # and Enter moves on from there
    answers = page.store.answers(page.inspection_id)
    assert answers[first.id].note == "有签到表"
    assert answers[second.id].option == "yes" and answers[second.id].note is None
    assert page.current is not None and page.current.id == page.entries[3].id
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is page.note
    key(qtbot, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() in page.option_buttons
    press(qtbot, "2")  # the digit answers; the note stays empty
    assert page.note.toPlainText() == ""
    assert page.store.answers(page.inspection_id)[page.entries[3].id].option == "partly"


def test_typing_0_on_a_count_item_sets_0(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Defect 4: on a 加减分 line (counted per occurrence), 0 and Enter save 0."""
    page = filling(window)
    entry = next(e for e in page.entries if e.id == "adj.complaint")
    page.select(entry.id)
    page.tree.setFocus()
    press(qtbot, "0")
    assert QApplication.focusWidget() in (page.number, page.number.lineEdit())
    key(qtbot, Qt.Key.Key_Return)
    saved = page.store.answers(page.inspection_id)[entry.id]
    assert saved.value == 0
    assert page.row_text(entry.id).endswith("0")


def test_evidence_and_problems_on_an_adjustment_line(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Defect 5: a 加减分项 takes evidence and raises a problem (no "检查表中没有检查项 adj.complaint")."""
    page = filling(window)
    store = page.store
    page.select("adj.complaint")
    page.tree.setFocus()
    press(qtbot, "1")
    key(qtbot, Qt.Key.Key_Return)
    page.select("adj.complaint")
    scan = tmp_path / "投诉件.jpg"
    scan.write_bytes(b"\xff\xd8\xff" + b"x" * 500)
    page.attach_file(str(scan))
    assert [e.name for e in store.attachments(page.inspection_id, "adj.complaint")] == ["投诉件.jpg"]
    assert page.evidence_list.count() == 1
    assert page.problem_button.isEnabled()
    qtbot.mouseClick(page.problem_button, Qt.MouseButton.LeftButton)
    dialog = page.problem_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.description.toPlainText() == "发现 1 处"  # what was found; the line's text is the reference
    assert "被群众有效投诉" in dialog.source_label.text()
    dialog.description.selectAll()
    type_text(qtbot, dialog.description, "家长投诉食堂收费不公开")
    qtbot.mouseClick(dialog.save_button(), Qt.MouseButton.LeftButton)
    [problem] = store.problems(inspection_id=page.inspection_id)
    assert (problem.item_id, problem.description) == ("adj.complaint", "家长投诉食堂收费不公开")


def test_ctrl_f_searches_the_screen_shown(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Defect 6: one binding for Ctrl+F; the filling list's search, then the ledger's, take the focus."""
    page = filling(window)
    page.tree.setFocus()
    key(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.search
    window.show_ledger()
    ledger = window.ledger
    assert ledger is not None
    ledger.table.setFocus()  # type: ignore[attr-defined]
    key(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is ledger.search  # type: ignore[attr-defined]


def test_the_chosen_answer_is_marked_and_coloured_by_meaning(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Defect 10: a violation (存在) is a red ✗, never a green ✓; the chosen button is marked; partly is amber."""
    page = filling(window)
    page.select("s3.banquets")  # 不存在 / 存在: the violation is the second option
    page.tree.setFocus()
    press(qtbot, "2")
    text, brush = page._status_cell("s3.banquets")
    assert text.startswith("! 存在") and brush.color().name() == MEANING_COLOURS[Meaning.FAILS]  # its note is due
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    type_text(qtbot, page.note, "一人")
    page.flush_note()
    text, brush = page._status_cell("s3.banquets")
    assert text.startswith("✗ 存在") and brush.color().name() == MEANING_COLOURS[Meaning.FAILS]
    key(qtbot, Qt.Key.Key_Escape)
    chosen = [b for b in page.option_buttons if b.isChecked()]
    assert [b.text() for b in chosen] == ["● 2  存在"]
    assert MEANING_COLOURS[Meaning.FAILS] in chosen[0].styleSheet()
    assert not page.option_buttons[0].text().startswith("●")
    press(qtbot, "1")
    text, brush = page._status_cell("s3.banquets")
    assert text.startswith("✓ 不存在") and brush.color().name() == MEANING_COLOURS[Meaning.MEETS]
    page.select(page.entries[0].id)
    page.tree.setFocus()
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # the note first, then Esc, then the result
    type_text(qtbot, page.note, "缺两次")
    key(qtbot, Qt.Key.Key_Escape)
    press(qtbot, "2")  # 基本落实
    text, brush = page._status_cell(page.entries[0].id)
    assert brush.color().name() == MEANING_COLOURS[Meaning.PARTLY]


def test_results_that_call_for_a_problem_are_named_and_raised_from_the_filling_page(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Defect 7: deficient results without a problem are said, shown and raised in one click (one undo step)."""
    page = filling(window)
    banner = page.unraised_banner
    assert not banner.isVisible()
    for entry in (page.entries[0], page.entries[2]):
        page.select(entry.id)
        page.tree.setFocus()
        key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
        type_text(qtbot, page.note, "记录不全")
        key(qtbot, Qt.Key.Key_Escape)
        press(qtbot, "3")  # 否
    assert banner.isVisible() and "2 项" in banner.label.text()
    qtbot.mouseClick(banner.show_button, Qt.MouseButton.LeftButton)
    assert page.visible_ids() == [page.entries[0].id, page.entries[2].id]
    qtbot.mouseClick(banner.raise_button, Qt.MouseButton.LeftButton)
    problems = page.store.problems(inspection_id=page.inspection_id)
    assert sorted(p.item_id or "" for p in problems) == sorted([page.entries[0].id, page.entries[2].id])
    assert not banner.isVisible()
    assert all(page.row_text(p.item_id or "").endswith("（整改）") for p in problems)
    window.undo()  # one action, one undo step: the banner comes back
    assert page.store.problems(inspection_id=page.inspection_id) == []
    qtbot.waitUntil(banner.isVisible)


def _in_sight(widget: QWidget, window: MainWindow) -> bool:
    """Wholly inside the window and not cut off by a scroll area: what a person can see and click."""
    top_left = widget.mapTo(window, widget.rect().topLeft())
    bottom_right = widget.mapTo(window, widget.rect().bottomRight())
    inside = window.rect().contains(top_left) and window.rect().contains(bottom_right)
    return inside and widget.visibleRegion().boundingRect() == widget.rect()


@pytest.mark.parametrize("size", [(1024, 768), (1366, 768)])
def test_small_screens_keep_the_ledger_readable_and_the_buttons_in_sight(qtbot, window: MainWindow, size) -> None:  # type: ignore[no-untyped-def]
    """Defect 9: at 1024×768 the ledger's 问题 column holds whole words (its text whole in the tooltip); on the
    filling screen, raising a problem and moving on stay in sight however long the note is."""
    window.resize(*size)
    page = filling(window)
    page.select(page.entries[0].id)
    page.tree.setFocus()
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    for _ in range(30):  # a long note does not push the buttons away
        type_text(qtbot, page.note, "记录不全")
        key(qtbot, Qt.Key.Key_Return)
    key(qtbot, Qt.Key.Key_Escape)
    press(qtbot, "3")
    QApplication.processEvents()
    for button in (page.problem_button, page.clear_button, page.prev_button, page.next_button):
        assert _in_sight(button, window), button.text()
    qtbot.mouseClick(page.problem_button, Qt.MouseButton.LeftButton)
    dialog = page.problem_dialog
    qtbot.waitUntil(dialog.isVisible)
    type_text(qtbot, dialog.description, "学习记录缺 9 月和 10 月的两次，签到表不全，需要补齐并说明原因")
    qtbot.mouseClick(dialog.save_button(), Qt.MouseButton.LeftButton)

    window.show_ledger()
    ledger = window.ledger
    assert ledger is not None
    QApplication.processEvents()
    table = ledger.table  # type: ignore[attr-defined]
    header = table.horizontalHeader()
    from selfcheck.gui.models.ledger_model import column

    em = table.fontMetrics().horizontalAdvance("问")
    assert header.sectionSize(column("description")) >= em * 14
    index = ledger.proxy.index(0, column("description"))  # type: ignore[attr-defined]
    assert "签到表不全" in index.data(Qt.ItemDataRole.ToolTipRole)
    for button in (ledger.add_button, ledger.edit_button, ledger.close_button, ledger.export_button):  # type: ignore[attr-defined]
        assert _in_sight(button, window), button.text()


def test_full_marks_and_a_bonus_never_read_over_the_maximum(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Defect 10: the score is bounded by the full mark (no "101 / 100"), on the summary the principal sees."""
    page = filling(window)
    store, template = page.store, page.template
    for item in template.items():
        if item.type == "choice":
            best = max((o for o in template.options_for(item) if not o.not_applicable), key=lambda o: o.share)
            store.save_answer(page.inspection_id, item.id, best.key)
        elif item.type in ("score", "deduction"):
            store.save_answer(page.inspection_id, item.id, value=item.points if item.type == "score" else 0)
    page.reload()
    page.select("adj.award")
    page.tree.setFocus()
    press(qtbot, "2")  # two commendations: +2, on top of full marks
    key(qtbot, Qt.Key.Key_Return)
    assert store.answers(page.inspection_id)["adj.award"].value == 2
    assert window.inspection_page is not None
    window.inspection_page.show_summary()
    summary = window.inspection_page.summary
    qtbot.waitUntil(lambda: bool(summary.total.text()))
    points, _, rest = summary.total.text().partition(" / ")
    full = rest.split()[0]
    assert float(points) == float(full)  # 100 / 100, not 102 / 100
    assert "加分 2" in summary.detail.text()  # the bonus is still shown
