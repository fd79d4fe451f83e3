"""The 问题线索 screen: its model without a window, and a parent's call to 办结 driven with keys and clicks, the
problem raised from it closing only under 四不放过 in full; everything fits 1024×768."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from selfcheck.core.clues import Clue, Stage
from selfcheck.core.ledger import Status
from selfcheck.gui import ops
from selfcheck.gui.dialogs.clue_dialog import ClueDialog, ClueStageDialog, RaiseFromClueDialog
from selfcheck.gui.dialogs.problem_dialog import CloseOutDialog
from selfcheck.gui.models.clues_model import SORT_ROLE, CluesFilter, CluesModel, column
from selfcheck.gui.pages.clues_page import CluesPage
from selfcheck.storage import Store
from tests.conftest import TODAY
from tests.gui.conftest import listen

CONTACT = "13812345678"


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    """Error boxes would block a test: record what would have been shown instead."""
    shown: list[BaseException] = []
    monkeypatch.setattr(ops, "show_error", lambda parent, exc, title=None: shown.append(exc))
    return shown


def _type(qtbot: Any, widget: Any, text: str) -> None:
    """Type as a Chinese user does: ASCII as key presses, Chinese as the input method commits it."""
    widget.setFocus()
    for run in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if run.isascii():
            qtbot.keyClicks(widget, run)
        else:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)


def _click(qtbot: Any, button: Any) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def clue(n: int, stage: Stage, day: dt.date, contact: str | None = CONTACT, finding: str | None = None) -> Clue:
    return Clue(n, "家长来电", "电话", day, f"线索{n}", stage, contact=contact, finding=finding)


def test_the_model_masks_sorts_and_filters_without_a_window() -> None:
    model = CluesModel()
    model.set_rows(
        [
            clue(1, Stage.CONCLUDED, dt.date(2026, 9, 1), finding="属实"),
            clue(2, Stage.CHECKED, dt.date(2026, 11, 1), finding="部分属实"),
            clue(3, Stage.RECEIVED, dt.date(2026, 10, 1), contact=None),
        ]
    )
    contact = column("contact")
    assert model.rowCount() == 3 and model.columnCount() == 10
    assert model.headerData(contact, Qt.Orientation.Horizontal) == "联系方式"
    assert model.index(0, contact).data() == "138****5678" and model.index(2, contact).data() == ""
    model.set_reveal_contact(True)
    assert model.index(0, contact).data() == CONTACT
    model.set_reveal_contact(False)
    assert model.index(1, column("stage")).data(SORT_ROLE) == Stage.CHECKED.rank
    proxy = CluesFilter()
    proxy.setSourceModel(model)
    assert proxy.rowCount() == 2  # 未办结 by default
    proxy.set_stage(None)
    proxy.sort(column("received_on"), Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 0).data() for r in range(3)] == ["1", "3", "2"]
    proxy.set_stage(Stage.CHECKED)
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["2"]
    proxy.set_stage(None)
    proxy.set_search("线索3")
    assert proxy.rowCount() == 1
    model.update_rows([clue(3, Stage.CHECKED, dt.date(2026, 10, 1))])
    assert model.index(2, column("stage")).data() == "核查"


def test_a_parents_call_to_conclusion_with_keys_and_clicks(qtbot: Any, school_store: Store, errors: list[BaseException]) -> None:
    store = school_store
    page = listen(CluesPage(store))
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.show()
    qtbot.waitExposed(page)
    with qtbot.waitActive(page):
        page.activateWindow()
    assert "本期未受理问题线索" in page.tally.text()

    # 受理: Insert opens the dialog; OK waits for the source and the summary.
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Insert)
    dialog = page.dialog
    assert isinstance(dialog, ClueDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() in (dialog.source, dialog.source.lineEdit()))
    assert not dialog.ok_button().isEnabled()
    _type(qtbot, dialog.source.lineEdit(), "家长来电")
    _type(qtbot, dialog.summary, "数学老师暑期有偿补课")
    _type(qtbot, dialog.contact, f"王女士 {CONTACT}")
    assert dialog.ok_button().isEnabled()
    _click(qtbot, dialog.ok_button())
    (received,) = store.clues()
    assert (received.channel, received.contact, received.stage) == ("电话", f"王女士 {CONTACT}", Stage.RECEIVED)
    assert page.selected_clue() == received
    qtbot.waitUntil(page.table.hasFocus)  # Enter now records the next stage
    row = page.table.currentIndex().row()
    assert page.proxy.index(row, column("contact")).data() == "138****5678"
    assert CONTACT not in page.detail.text()
    page.reveal.setChecked(True)  # the principal chooses to see it
    assert page.proxy.index(row, column("contact")).data() == f"王女士 {CONTACT}"
    page.reveal.setChecked(False)

    # 更正: the summary and staff, the contact kept when its field is left empty (it is never shown in full here).
    _click(qtbot, page.correct_button)
    fixing = page.dialog
    assert isinstance(fixing, ClueDialog) and not fixing.source.isEnabled() and fixing.contact.text() == ""
    assert "138****5678" in fixing.contact.placeholderText()
    _type(qtbot, fixing.staff, "李老师")
    _click(qtbot, fixing.ok_button())
    received = store.clue(received.id)
    assert (received.staff, received.contact) == ("李老师", f"王女士 {CONTACT}")

    # 核查: Enter on the list opens the next stage.
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    check = page.dialog
    assert isinstance(check, ClueStageDialog) and check.stage == Stage.CHECKED
    check.finding.setFocus()
    check.finding.setCurrentIndex(check.finding.findData("属实"))
    _type(qtbot, check.checked_by, "王副校长")
    _click(qtbot, check.ok_button())
    assert store.clue(received.id).finding == "属实"

    # A clue found true raises a ledger problem.
    assert page.raise_button.isEnabled()
    _click(qtbot, page.raise_button)
    raising = page.dialog
    assert isinstance(raising, RaiseFromClueDialog)
    qtbot.waitUntil(raising.measure.hasFocus)
    _type(qtbot, raising.measure, "责令退还补课费")
    _click(qtbot, raising.ok_button())
    (problem,) = store.problems()
    assert (problem.clue_id, problem.description, problem.measure) == (received.id, "数学老师暑期有偿补课", "责令退还补课费")

    # 处理, 答复
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    handle = page.dialog
    assert isinstance(handle, ClueStageDialog) and handle.stage == Stage.HANDLED
    _type(qtbot, handle.handling, "责令退费")
    handle.accountability.setCurrentText("诫勉")
    _click(qtbot, handle.ok_button())
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    answer = page.dialog
    assert isinstance(answer, ClueStageDialog) and answer.stage == Stage.ANSWERED
    _type(qtbot, answer.answer, "电话告知家长处理结果")
    _click(qtbot, answer.ok_button())

    # 办结 is refused while the problem is open; the dialog stays, nothing is written.
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    conclude = page.dialog
    assert isinstance(conclude, ClueStageDialog) and conclude.stage == Stage.CONCLUDED
    _click(qtbot, conclude.ok_button())
    assert errors and "问题 #1 销号" in errors[-1].zh  # type: ignore[attr-defined]
    assert conclude.isVisible() and store.clue(received.id).stage == Stage.ANSWERED
    conclude.reject()

    # The problem closes under 四不放过: the clue's answer counts, the handling must be written.
    store.update_problem(problem.id, status=Status.FIXED)
    close = CloseOutDialog(store, store.problem(problem.id), page, today=TODAY)
    qtbot.addWidget(close)
    assert not close.needs_answer  # answered through the clue
    _type(qtbot, close.verifier, "张明")
    _type(qtbot, close.evidence, "退费收据")
    assert not close.ok_button().isEnabled()
    _type(qtbot, close.handling, "退费并诫勉")
    _click(qtbot, close.ok_button())
    assert store.problem(problem.id).status == Status.CLOSED

    page.select(received.id)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    conclude = page.dialog
    assert isinstance(conclude, ClueStageDialog) and conclude.stage == Stage.CONCLUDED
    _click(qtbot, conclude.ok_button())
    assert store.clue(received.id).stage == Stage.CONCLUDED
    assert page.proxy.rowCount() == 1  # the list switched to 全部 to keep the clue just concluded in sight
    assert "受理问题线索1件" in page.tally.text() and "已办结1件" in page.tally.text()
    assert not page.next_button.isEnabled() and not page.raise_button.isEnabled()
    assert len(errors) == 1


def test_an_untrue_clue_offers_both_next_stages(qtbot: Any, school_store: Store) -> None:
    c = school_store.add_clue("12345转办", TODAY, "强制购买教辅")
    school_store.record_clue_stage(c.id, Stage.CHECKED, finding="不属实", checked_by="王")
    page = CluesPage(school_store)
    qtbot.addWidget(page)
    page.show()
    page.select(c.id)
    assert not page.raise_button.isEnabled()
    page.next_step()
    assert [a.text() for a in page.stage_menu.actions()] == ["处理", "答复"]
    page.stage_menu.actions()[1].trigger()
    assert isinstance(page.dialog, ClueStageDialog) and page.dialog.stage == Stage.ANSWERED


def test_the_page_and_its_dialogs_fit_1024_by_768(qtbot: Any, school_store: Store) -> None:
    c = school_store.add_clue("家长来电", TODAY, "家长反映数学老师暑期在家中有偿补课" * 20, contact=CONTACT)
    page = CluesPage(school_store)
    qtbot.addWidget(page)
    page.resize(1024, 768)
    page.show()
    hint = page.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 700
    school_store.record_clue_stage(c.id, Stage.CHECKED, finding="属实", checked_by="王")
    c = school_store.clue(c.id)
    problem = school_store.raise_problem_from_clue(c.id, measure="整改")
    school_store.update_problem(problem.id, status=Status.FIXED)
    close = CloseOutDialog(school_store, school_store.problem(problem.id), page)
    assert close.needs_answer  # the biggest form: every field of 四不放过
    for dialog in (
        ClueDialog(school_store, page),
        ClueDialog(school_store, page, clue=c),
        *(ClueStageDialog(school_store, c, s, page) for s in (Stage.CHECKED, Stage.HANDLED, Stage.ANSWERED, Stage.CONCLUDED)),
        RaiseFromClueDialog(school_store, c, page),
        close,
    ):
        qtbot.addWidget(dialog)
        size = dialog.sizeHint()
        assert size.width() <= 1024 and size.height() <= 768, (type(dialog).__name__, size)


def test_the_short_columns_fit_their_text(qtbot: Any, school_store: Store) -> None:
    school_store.add_clue("12345热线", TODAY, "食堂饭菜分量不足", contact=CONTACT)
    page = CluesPage(school_store)
    qtbot.addWidget(page)
    page.resize(1024, 768)
    page.show()
    metrics = page.table.fontMetrics()
    for key in ("source", "received_on", "contact"):
        text = page.proxy.index(0, column(key)).data()
        assert page.table.columnWidth(column(key)) >= metrics.horizontalAdvance(text), (key, text)
    assert page.table.horizontalScrollBar().maximum() == 0  # the summary stretches into what is left


def test_the_main_window_has_the_clues_tab_and_it_follows_writes(qtbot: Any, school_store: Store) -> None:
    from selfcheck.gui.main_window import MainWindow

    window = MainWindow(school_store)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles[:3] == ["首页", "整改台账", "问题线索"]
    window.tabs.setCurrentIndex(2)
    page = window.pages["CluesPage"]
    assert isinstance(page, CluesPage) and page.model.rowCount() == 0
    added = ops.run_op(window, lambda: school_store.add_clue("家长来电", TODAY, "校车超载", contact=CONTACT))
    assert added is not None and page.model.rowCount() == 1  # the broadcast repainted it
    assert page.model.index(0, column("contact")).data() == "138****5678"


def test_a_problem_a_parent_reported_closes_only_once_they_are_answered(qtbot: Any, school_store: Store) -> None:
    from selfcheck.gui.dialogs.problem_dialog import ProblemDialog

    store = school_store
    new = ProblemDialog(store, None, today=TODAY)
    qtbot.addWidget(new)
    _type(qtbot, new.description, "校门口上下学时段交通拥堵")
    _type(qtbot, new.measure, "错峰放学，值周教师疏导")
    _type(qtbot, new.raised_by, "家长委员会")
    new.save()
    (problem,) = store.problems()
    assert problem.raised_by == "家长委员会" and problem.needs_answer
    store.update_problem(problem.id, status=Status.FIXED)
    close = CloseOutDialog(store, store.problem(problem.id), today=TODAY)
    qtbot.addWidget(close)
    assert close.needs_answer and close.answer.isVisibleTo(close)
    for widget, text in ((close.verifier, "张明"), (close.evidence, "值周表"), (close.handling, "已安排疏导")):
        _type(qtbot, widget, text)
    assert not close.ok_button().isEnabled() and "答复反映人" in close.ok_button().toolTip()
    _type(qtbot, close.answer, "家长会上通报整改情况")
    _click(qtbot, close.ok_button())
    closed = store.problem(problem.id)
    assert (closed.status, closed.answer, closed.answered_on) == (Status.CLOSED, "家长会上通报整改情况", TODAY)
