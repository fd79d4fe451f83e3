"""Ctrl+Z on the 问题线索 and 责任清单 screens, as a person presses it: the clue's last step and the task's last
progress entry are put back by the store through the window's one undo, and the screen shows the state before."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from selfcheck.core.clues import Stage
from selfcheck.gui import ops
from selfcheck.gui.dialogs.clue_dialog import ClueStageDialog
from selfcheck.gui.dialogs.task_dialog import ProgressDialog
from selfcheck.gui.main_window import MainWindow
from selfcheck.gui.models.clues_model import column
from selfcheck.gui.pages.clues_page import CluesPage
from selfcheck.gui.pages.tasks_page import TasksPage
from selfcheck.storage import Store
from tests.conftest import TODAY
from tests.gui.test_clues_page import _click, _type
from tests.gui.test_undo import _window

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    shown: list[BaseException] = []
    monkeypatch.setattr(ops, "show_error", lambda parent, exc, title=None: shown.append(exc))
    return shown


def _ctrl_z(qtbot: Any, window: MainWindow, widget: Any) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)
    qtbot.keyClick(widget, Qt.Key.Key_Z, CTRL)


def test_ctrl_z_on_the_clue_page_puts_back_the_last_step(qtbot: Any, school_store: Store, errors: list[Any]) -> None:
    store = school_store
    clue = store.add_clue("家长来电", TODAY - dt.timedelta(days=2), "数学老师暑期有偿补课", contact="13812345678")
    window = _window(qtbot, store)
    page = window.show_page("CluesPage")
    assert isinstance(page, CluesPage)
    page.select(clue.id)
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter: the next stage, 核查
    check = page.dialog
    assert isinstance(check, ClueStageDialog) and check.stage == Stage.CHECKED
    check.finding.setCurrentIndex(check.finding.findData("属实"))
    _type(qtbot, check.checked_by, "王副校长")
    _click(qtbot, check.ok_button())
    qtbot.waitUntil(lambda: page.dialog is None)
    assert store.clue(clue.id).stage == Stage.CHECKED
    row = page.table.currentIndex().row()
    assert page.proxy.index(row, column("stage")).data() == "核查"
    assert window.undo_action.isEnabled() and window.undo_action.text() == "撤销线索办理(&U)"

    _ctrl_z(qtbot, window, page.table)
    back = store.clue(clue.id)
    assert (back.stage, back.finding, back.checked_by) == (Stage.RECEIVED, None, None)
    row = page.table.currentIndex().row()
    assert page.proxy.index(row, column("stage")).data() == "受理"  # the screen repainted from the broadcast
    assert "王副校长" not in page.detail.text()
    assert not page.raise_button.isEnabled()  # back to 受理: no finding, no problem to raise
    assert window.saved.text() == "已撤销线索办理"
    assert not window.undo_action.isEnabled()  # the clue was registered before the window opened
    assert [e.action for e in store.audit("unit")] == ["undo"]
    assert errors == []


def test_ctrl_z_on_the_task_page_puts_back_the_last_progress(qtbot: Any, school_store: Store, errors: list[Any]) -> None:
    store = school_store
    task = store.add_task("食堂台账", standard="每日台账齐全", owner="李华", deadline=TODAY + dt.timedelta(days=30))
    store.add_progress(task.id, percent=20, note="补齐九月台账")
    window = _window(qtbot, store)
    page = window.show_page("TasksPage")
    assert isinstance(page, TasksPage)
    assert page.select(task.id)
    page.table.setFocus()
    qtbot.mouseClick(page.progress_button, Qt.MouseButton.LeftButton)
    progress = page.dialog
    assert isinstance(progress, ProgressDialog)
    progress.percent.selectAll()
    qtbot.keyClicks(progress.percent, "60")
    _type(qtbot, progress.note, "补齐十月台账")
    from tests.gui.test_tasks_cadence import save

    save(progress)
    assert store.task(task.id).percent == 60 and page.model.cell(0, 5) == "60%"
    assert window.undo_action.text() == "撤销记录进展(&U)"

    _ctrl_z(qtbot, window, page.table)
    assert store.task(task.id).percent == 20 and len(store.progress(task.id)) == 1
    assert page.model.cell(0, 5) == "20%"  # the list shows the percent before
    assert "补齐十月台账" not in page.history.item(0).text() and "补齐九月台账" in page.history.item(0).text()
    assert window.saved.text() == "已撤销记录进展"
    assert errors == []
