"""An old paper ledger entered late: a problem added with the day it was raised; a close-out dated before that day
is taken when a reason is typed, in a field that appears only then; the store records the reason and the report's
data for 附件2 carries it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDateTimeEdit

from selfcheck.core.ledger import Status
from selfcheck.gui.dialogs.problem_dialog import CloseOutDialog, ProblemDialog
from selfcheck.gui.ops import bus
from selfcheck.reports.data import close_reasons
from selfcheck.storage import Store
from tests.conftest import TODAY
from tests.gui import test_ledger
from tests.gui.test_ledger import _page, _type

errors = test_ledger.errors  # the fixture: error boxes recorded, not shown


def test_a_close_out_before_the_raising_date_is_taken_with_a_reason(qtbot: Any, school_store: Store) -> None:
    store = school_store
    raised = TODAY - dt.timedelta(days=10)
    p = store.add_problem("食堂留样记录不全", measure="补齐留样记录", raised_on=raised)
    store.update_problem(p.id, status=Status.FIXED)
    dialog = CloseOutDialog(store, store.problem(p.id), today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    ok = dialog.ok_button()
    _type(qtbot, dialog.verifier, "赵书记")
    _type(qtbot, dialog.evidence, "留样记录本第 3-9 页")
    _type(qtbot, dialog.handling, "已提醒食堂管理员")  # 四不放过: the handling too
    assert ok.isEnabled() and not dialog.reason.isVisible()  # today: no reason asked for

    # One year back with the keyboard, in the date's year: before the problem was raised.
    dialog.date.setFocus()
    dialog.date.setCurrentSection(QDateTimeEdit.Section.YearSection)
    qtbot.keyClick(dialog.date, Qt.Key.Key_Down)
    assert dialog.date.date().year() == TODAY.year - 1
    assert dialog.reason.isVisible() and dialog.reason_hint.isVisible()
    assert raised.isoformat() in dialog.reason_hint.text()
    assert not dialog.error.isVisible()  # not refused: asked for a reason
    assert not ok.isEnabled() and "原因" in ok.toolTip()
    dialog.save()  # even forced, nothing is written without the reason
    assert store.problem(p.id).status == Status.FIXED

    _type(qtbot, dialog.reason, "补录纸质台账，整改在录入前已验收")
    assert ok.isEnabled()
    with qtbot.waitSignal(bus().changed, timeout=2000):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    closed = store.problem(p.id)
    assert closed.status == Status.CLOSED
    assert closed.verified_on == TODAY.replace(year=TODAY.year - 1)
    assert close_reasons(store)[p.id] == "补录纸质台账，整改在录入前已验收"


def test_the_reason_field_goes_away_when_the_date_comes_back(qtbot: Any, school_store: Store) -> None:
    store = school_store
    p = store.add_problem("校门口交通拥堵", measure="错峰放学", raised_on=TODAY - dt.timedelta(days=3))
    store.update_problem(p.id, status=Status.FIXED)
    dialog = CloseOutDialog(store, store.problem(p.id), today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.date.setFocus()
    dialog.date.setCurrentSection(QDateTimeEdit.Section.YearSection)
    qtbot.keyClick(dialog.date, Qt.Key.Key_Down)
    assert dialog.reason.isVisible()
    _type(qtbot, dialog.reason, "补录")
    qtbot.keyClick(dialog.date, Qt.Key.Key_Up)  # back to today
    assert not dialog.reason.isVisible()
    _type(qtbot, dialog.verifier, "赵书记")
    _type(qtbot, dialog.evidence, "照片")
    _type(qtbot, dialog.handling, "已调整放学时间")
    with qtbot.waitSignal(bus().changed, timeout=2000):
        qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)
    assert store.problem(p.id).status == Status.CLOSED
    assert p.id not in close_reasons(store)  # a hidden reason is not recorded


def test_an_old_paper_ledger_problem_is_added_with_the_day_it_was_raised(
    qtbot: Any, school_store: Store, errors: list[BaseException]
) -> None:
    """Issue 15.13: 新增问题 in the ledger takes the day a paper ledger's problem was raised (never after today), and
    that entry's own deadline, passed by now, as long as it is not before that day."""
    page = _page(qtbot, school_store)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ProblemDialog) and dialog.raised_on is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    _type(qtbot, dialog.description, "食堂留样记录不全（纸质台账第 3 条）")
    assert dialog.raised_on.date() == QDate(TODAY.year, TODAY.month, TODAY.day)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)  # 提出日期(&I)
    assert QApplication.focusWidget() is dialog.raised_on
    dialog.raised_on.setCurrentSection(QDateTimeEdit.Section.YearSection)
    qtbot.keyClick(dialog.raised_on, Qt.Key.Key_Up)  # a day after today cannot be chosen
    assert dialog.raised_on.date() == QDate(TODAY.year, TODAY.month, TODAY.day)
    qtbot.keyClick(dialog.raised_on, Qt.Key.Key_Down)  # a year back
    raised = TODAY.replace(year=TODAY.year - 1)
    too_early = raised - dt.timedelta(days=1)
    dialog.deadline.setDate(QDate(too_early.year, too_early.month, too_early.day))
    dialog.save()
    assert "不能早于问题提出日期" in dialog.error.text() and school_store.problems() == []
    deadline = raised + dt.timedelta(days=20)  # the paper ledger's deadline, long passed: taken as written
    dialog.deadline.setDate(QDate(deadline.year, deadline.month, deadline.day))
    assert not dialog.error.isVisible()
    with qtbot.waitSignal(bus().changed, timeout=2000):
        dialog.save()
    [problem] = school_store.problems()
    assert (problem.raised_on, problem.deadline) == (raised, deadline) and errors == []
