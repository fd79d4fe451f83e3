"""Undo (Ctrl+Z) app-wide, driven by keys as a person would: the last answer or ledger edit is put back by the
store, and every screen showing it repaints; text fields keep their own Ctrl+Z while they have the focus."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from selfcheck.core.ledger import Status
from selfcheck.gui.main_window import MainWindow
from selfcheck.gui.pages.filling_look import DONE, TODO
from selfcheck.gui.pages.ledger_page import LedgerPage
from selfcheck.storage import Store
from tests.gui.test_inspection_flow import key, press, type_text

CTRL = Qt.KeyboardModifier.ControlModifier


def _window(qtbot: Any, store: Store) -> MainWindow:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_ctrl_z_undoes_answers_and_the_list_shows_it(qtbot: Any, school_store: Store) -> None:
    store = school_store
    inspection = store.new_inspection("wuchawukan", "2026年秋季学期")
    window = _window(qtbot, store)
    assert not window.undo_action.isEnabled() and window.undo_action.text() == "撤销(&U)"
    filling = window.open_inspection(inspection.id).filling
    choice = next(e for e in filling.entries if e.item is not None and e.item.type == "choice")
    filling.select(choice.id)
    filling.tree.setFocus()
    options = store.checklist("wuchawukan").options_for(choice.item)  # type: ignore[arg-type]
    press(qtbot, "1")
    press(qtbot, "2")
    assert store.answers(inspection.id)[choice.id].option == options[1].key
    assert window.undo_action.isEnabled() and window.undo_action.text() == "撤销答案(&U)"

    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert store.answers(inspection.id)[choice.id].option == options[0].key
    assert filling.row_text(choice.id) == f"{DONE} {options[0].label}"
    assert filling.option_buttons[0].isChecked() and not filling.option_buttons[1].isChecked()
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert choice.id not in store.answers(inspection.id)
    assert filling.row_text(choice.id) == TODO  # the list shows the answer gone
    assert not any(b.isChecked() for b in filling.option_buttons)
    assert not window.undo_action.isEnabled()
    assert window.saved.text() == "已撤销答案"
    key(qtbot, Qt.Key.Key_Z, CTRL)  # nothing left: the menu item is off, nothing changes
    assert choice.id not in store.answers(inspection.id)
    actions = [e.action for e in store.audit("inspection", inspection.id)]
    assert actions.count("answer") == 2 and [e.action for e in store.audit("unit")].count("undo") == 2


def test_the_note_box_keeps_its_own_ctrl_z_and_a_pending_note_is_undone_whole(qtbot: Any, school_store: Store) -> None:
    store = school_store
    inspection = store.new_inspection("wuchawukan", "2026年秋季学期")
    window = _window(qtbot, store)
    filling = window.open_inspection(inspection.id).filling
    choice = next(e for e in filling.entries if e.item is not None and e.item.type == "choice")
    filling.select(choice.id)
    filling.tree.setFocus()
    press(qtbot, "1")
    filling.note.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is filling.note)
    type_text(qtbot, filling.note, "ok")
    key(qtbot, Qt.Key.Key_Z, CTRL)  # the note box's own undo: the typing, not the answer
    assert filling.note.toPlainText() == ""
    assert choice.id in store.answers(inspection.id)

    type_text(qtbot, filling.note, "kaoqin")
    filling.tree.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is filling.tree)
    key(qtbot, Qt.Key.Key_Z, CTRL)  # the note not yet saved is saved first, and it is what is undone
    assert store.answers(inspection.id)[choice.id].note is None
    assert filling.note.toPlainText() == ""
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert choice.id not in store.answers(inspection.id)


def test_ctrl_z_puts_back_a_problem_edited_in_the_ledger(qtbot: Any, school_store: Store) -> None:
    store = school_store
    inspection = store.new_inspection("wuchawukan", "2026年秋季学期")
    item = store.checklist("wuchawukan").items()[0]
    problem = store.add_problem("教师考勤记录不全", inspection_id=inspection.id, item_id=item.id, owner="李华")
    window = _window(qtbot, store)
    window.show_ledger()
    ledger = window.ledger
    assert isinstance(ledger, LedgerPage)
    assert ledger.select(problem.id)
    ledger.table.setFocus()
    qtbot.keyClick(ledger.table, Qt.Key.Key_Return)  # Enter edits the selected problem
    dialog = ledger.dialog
    assert dialog is not None and isinstance(dialog.status, QComboBox)
    qtbot.waitUntil(dialog.isVisible)
    dialog.status.setFocus()
    qtbot.keyClick(dialog.status, Qt.Key.Key_Down)  # 待整改 → 整改中
    qtbot.keyClick(dialog.owner, Qt.Key.Key_Return)  # 保存
    assert store.problem(problem.id).status == Status.IN_PROGRESS
    qtbot.waitUntil(lambda: ledger.dialog is None)
    status = ledger.model.index(ledger.model.row_of(problem.id), 0).siblingAtColumn(_status_column()).data()
    assert status == "整改中"
    assert window.undo_action.text() == "撤销修改问题(&U)"

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    ledger.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is ledger.table)
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert store.problem(problem.id).status == Status.OPEN
    status = ledger.model.index(ledger.model.row_of(problem.id), 0).siblingAtColumn(_status_column()).data()
    assert status == "待整改"  # the ledger repainted from the broadcast
    assert not window.undo_action.isEnabled()


def _status_column() -> int:
    from selfcheck.gui.models.ledger_model import column

    return column("status")


def test_the_search_box_keeps_its_own_ctrl_z(qtbot: Any, school_store: Store) -> None:
    store = school_store
    inspection = store.new_inspection("wuchawukan", "2026年秋季学期")
    window = _window(qtbot, store)
    filling = window.open_inspection(inspection.id).filling
    filling.tree.setFocus()
    press(qtbot, "1")
    answered = dict(store.answers(inspection.id))
    filling.focus_search()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is filling.search)
    type_text(qtbot, filling.search, "kq")
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert filling.search.text() == ""  # the line edit undid the typing ...
    assert dict(store.answers(inspection.id)) == answered  # ... and the answer stayed


def test_a_write_by_another_program_reaches_the_screens(qtbot: Any, school_store: Store, data_dir: Any) -> None:
    """The CLI (or a second window) writes while the app is open: the next tab chosen shows it."""
    store = school_store
    window = _window(qtbot, store)
    window.tabs.setCurrentWidget(window.page("LedgerPage"))
    ledger = window.page("LedgerPage")
    assert isinstance(ledger, LedgerPage)
    shown = ledger.model.rowCount()
    with Store.open(data_dir) as other:
        other.add_problem("家长反映的食堂卫生问题")
    window.tabs.setCurrentIndex(0)  # the home tab, then back to the ledger, as a person would click
    window.tabs.setCurrentWidget(ledger)
    qtbot.waitUntil(lambda: ledger.model.rowCount() == shown + 1)
    assert not store.outside_changes()  # heard once, not again
