"""The ledger screen: its model and filter without a window, then the page and dialogs driven as a person would."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDateTimeEdit, QMenu

from selfcheck.core.ledger import Status
from selfcheck.core.records import Problem
from selfcheck.errors import SelfcheckError
from selfcheck.gui import ops
from selfcheck.gui.dialogs.problem_dialog import CloseOutDialog, ProblemDialog, default_deadline
from selfcheck.gui.models.ledger_model import (
    OVERDUE_BACKGROUND,
    OVERDUE_ROLE,
    SORT_ROLE,
    ItemRef,
    LedgerFilter,
    LedgerModel,
    column,
)
from selfcheck.gui.ops import bus
from selfcheck.gui.pages import ledger_page
from selfcheck.gui.pages.ledger_page import LedgerPage
from selfcheck.storage import Store
from tests.conftest import TODAY
from tests.gui.conftest import listen

D = dt.timedelta


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    """Error boxes would block a test (QMessageBox.exec): record what would have been shown instead."""
    shown: list[BaseException] = []

    def record(parent: Any, exc: BaseException, title: str | None = None) -> None:
        shown.append(exc)

    monkeypatch.setattr(ledger_page, "show_error", record)
    monkeypatch.setattr(ops, "show_error", record)
    return shown


@pytest.fixture
def ledger(school_store: Store) -> tuple[Store, list[Problem]]:
    """Four problems: overdue, due later, fixed past its deadline (so not overdue), closed; and one without deadline."""
    store = school_store
    insp = store.new_inspection("wuchawukan", "2026年秋季学期", ["李华"])
    items = store.checklist("wuchawukan").items()
    raised = TODAY - D(60)
    a = store.add_problem(
        inspection_id=insp.id, item_id=items[0].id, owner="王芳", department="办公室",
        deadline=TODAY - D(5), measure="每周三集中学习", raised_on=raised,
    )  # fmt: skip
    b = store.add_problem("家长反映校门口交通拥堵", owner="李华", department="政教处", deadline=TODAY + D(10), raised_on=raised)
    c = store.add_problem(
        inspection_id=insp.id, item_id=items[2].id, owner="王芳", department="教务处",
        deadline=TODAY - D(1), measure="补开会议", raised_on=raised,
    )  # fmt: skip
    store.update_problem(c.id, status=Status.FIXED)
    d = store.add_problem("食堂公示栏未更新", owner="张明", measure="更新公示栏", raised_on=raised)
    store.update_problem(d.id, status=Status.IN_PROGRESS)
    e = store.add_problem("已处理的旧问题", owner="张明", measure="已整改", deadline=TODAY - D(30), raised_on=raised)
    store.update_problem(e.id, status=Status.FIXED)
    store.close_problem(e.id, handling="已处理", verified_by="赵书记", evidence="会议纪要", verified_on=TODAY - D(2), today=TODAY)
    return store, [store.problem(p.id) for p in (a, b, c, d, e)]


def _model(store: Store) -> tuple[LedgerModel, LedgerFilter]:
    model = LedgerModel(today=TODAY)
    inspections = {i.id: i for i in store.inspections()}
    titles = {t.template_id: t.title for t in store.checklists()}
    refs = {
        (p.inspection_id, p.item_id): ItemRef(f"一查思想作风 第{p.item_id}", f"全文 {p.item_id}")
        for p in store.problems()
        if p.inspection_id is not None and p.item_id is not None
    }
    model.set_rows(store.problems(), inspections, titles, refs)
    proxy = LedgerFilter()
    proxy.setSourceModel(model)
    return model, proxy


def _column_texts(proxy: LedgerFilter, key: str) -> list[str]:
    return [proxy.index(r, column(key)).data() for r in range(proxy.rowCount())]


def _ids(proxy: LedgerFilter) -> list[int]:
    return [p.id for p in proxy.visible_problems()]


# ---- the model, no window ---------------------------------------------------------------------------


def test_model_rows_texts_and_overdue_marks(ledger: tuple[Store, list[Problem]]) -> None:
    store, (a, b, c, _d, e) = ledger
    model, _ = _model(store)
    assert model.rowCount() == 5 and model.columnCount() == 9
    headers = [model.headerData(n, Qt.Orientation.Horizontal) for n in range(9)]
    assert headers == [
        "编号",
        "问题",
        "来源",
        "整改措施",
        "责任人",
        "责任部门",
        "整改期限",
        "状态",
        "逾期",
    ]

    row = model.row_of(a.id)
    assert row is not None

    def cell(key: str, role: int = Qt.ItemDataRole.DisplayRole, r: int = row) -> Any:
        return model.index(r, column(key)).data(role)

    assert cell("id") == str(a.id)
    assert cell("source") == f"中小学校政风行风“五查五看”自查表 · 2026年秋季学期 · 一查思想作风 第{a.item_id}"
    assert cell("source", Qt.ItemDataRole.ToolTipRole).endswith(f"检查项：全文 {a.item_id}")
    assert cell("description", Qt.ItemDataRole.ToolTipRole) == a.description  # the full text, however long
    assert (cell("owner"), cell("department"), cell("measure")) == ("王芳", "办公室", "每周三集中学习")
    assert cell("deadline") == (TODAY - D(5)).isoformat()
    assert cell("status") == "待整改"
    assert cell("overdue") == "逾期 5 天"
    assert cell("overdue", OVERDUE_ROLE) == 5
    assert cell("description", Qt.ItemDataRole.BackgroundRole) == OVERDUE_BACKGROUND

    # Past its deadline but fixed and awaiting acceptance: not overdue, not marked.
    fixed = model.row_of(c.id)
    assert cell("overdue", r=fixed) == "" and cell("overdue", OVERDUE_ROLE, r=fixed) == 0
    assert cell("description", Qt.ItemDataRole.BackgroundRole, r=fixed) is None
    assert cell("status", r=fixed) == "已整改（待验收）"
    manual = model.row_of(b.id)
    assert cell("source", r=manual) == "手工录入"
    closed = model.row_of(e.id)
    assert "赵书记" in cell("description", Qt.ItemDataRole.ToolTipRole, r=closed)


def test_sort_by_deadline_and_by_status_order(ledger: tuple[Store, list[Problem]]) -> None:
    store, (a, b, c, d, e) = ledger
    _, proxy = _model(store)
    proxy.set_statuses(None)
    proxy.sort(column("deadline"), Qt.SortOrder.AscendingOrder)
    # Dates as dates, and a problem without deadline after every dated one.
    assert _ids(proxy) == [e.id, a.id, c.id, b.id, d.id]
    proxy.sort(column("deadline"), Qt.SortOrder.DescendingOrder)
    assert _ids(proxy) == [d.id, b.id, c.id, a.id, e.id]
    proxy.sort(column("status"), Qt.SortOrder.AscendingOrder)
    # Workflow order; by code point it would be 已整改 < 已销号 < 待整改 < 整改中.
    assert [Status(p.status) for p in proxy.visible_problems()][:1] == [Status.OPEN]
    order = [p.status for p in proxy.visible_problems()]
    assert order == sorted(order, key=[Status.OPEN, Status.IN_PROGRESS, Status.FIXED, Status.CLOSED].index)
    assert order[-1] == Status.CLOSED
    proxy.sort(column("overdue"), Qt.SortOrder.DescendingOrder)
    assert _ids(proxy)[0] == a.id
    assert proxy.index(0, column("deadline")).data(SORT_ROLE) == (TODAY - D(5)).toordinal()


def test_filter_by_status_owner_department_overdue_and_search(ledger: tuple[Store, list[Problem]]) -> None:
    store, (a, b, c, d, e) = ledger
    _, proxy = _model(store)
    proxy.sort(column("id"), Qt.SortOrder.AscendingOrder)
    assert _ids(proxy) == [a.id, b.id, c.id, d.id]  # by default every status but 已销号
    proxy.set_statuses({Status.OPEN, Status.FIXED})
    assert _ids(proxy) == [a.id, b.id, c.id]
    proxy.set_statuses({Status.CLOSED})
    assert _ids(proxy) == [e.id]
    proxy.set_statuses(None)
    proxy.set_owner("王芳")
    assert _ids(proxy) == [a.id, c.id]
    proxy.set_department("教务处")
    assert _ids(proxy) == [c.id]
    proxy.set_owner(None)
    proxy.set_department(None)
    proxy.set_overdue_only(True)
    assert _ids(proxy) == [a.id]
    proxy.set_overdue_only(False)
    proxy.set_search("交通")
    assert _ids(proxy) == [b.id]
    proxy.set_search("张明 公示栏")  # every word must match, in any column
    assert _ids(proxy) == [d.id]
    proxy.set_search("会议纪要")  # close-out evidence is searchable too
    assert _ids(proxy) == [e.id]
    proxy.set_search(f"#{c.id}")
    assert _ids(proxy) == [c.id]
    proxy.set_search("  ")
    assert len(_ids(proxy)) == 5


def test_upsert_repaints_one_row(ledger: tuple[Store, list[Problem]]) -> None:
    store, (a, *_rest) = ledger
    model, _ = _model(store)
    changed = store.update_problem(a.id, owner="刘老师")
    row = model.upsert(changed)
    assert model.rowCount() == 5
    assert model.index(row, column("owner")).data() == "刘老师"


# ---- the dialogs and the page, driven as a person would ----------------------------------------------


def _page(qtbot: Any, store: Store) -> LedgerPage:
    page = listen(LedgerPage(store))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def _click(qtbot: Any, button: Any) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _type(qtbot: Any, widget: Any, text: str, clear: bool = False) -> None:
    """Type as a Chinese user does: ASCII as key presses, Chinese as the input method commits it."""
    widget.setFocus()
    if clear:
        qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(widget, Qt.Key.Key_Delete)
    for run in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if run.isascii():
            qtbot.keyClicks(widget, run)  # QTest only knows keys for ASCII
        else:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)


def _pick_status(qtbot: Any, page: LedgerPage, key: str) -> None:
    """Open 改状态 with the keyboard and press the menu entry's number, as a keyboard user would."""

    def press() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu), "the status menu did not open"
        qtbot.keyClick(menu, key)

    QTimer.singleShot(0, press)
    page.status_button.setFocus()
    qtbot.keyClick(page.status_button, Qt.Key.Key_Space)  # QPushButton with a menu: Space opens it


def test_whole_ledger_flow_by_hand(qtbot: Any, school_store: Store, errors: list[BaseException]) -> None:
    store = school_store
    page = _page(qtbot, store)
    assert page.count.text() == "共 0 项，逾期 0 项"
    with qtbot.waitSignal(bus().changed, timeout=2000):
        # 1. Add: type the description, owner and department; keep the suggested deadline.
        _click(qtbot, page.add_button)
        dialog = page.dialog
        assert isinstance(dialog, ProblemDialog)
        _type(qtbot, dialog.description, "校门口上下学时段无人疏导")
        _type(qtbot, dialog.owner, "李华")
        _type(qtbot, dialog.department, "政教处")
        _click(qtbot, dialog.save_button())
    [p] = store.problems()
    today = TODAY
    assert (p.description, p.owner, p.department, p.status) == ("校门口上下学时段无人疏导", "李华", "政教处", Status.OPEN)
    assert p.deadline == default_deadline(today) and p.source == "manual"
    assert page.dialog is None
    assert page.proxy.rowCount() == 1 and page.selected_problem() == p
    assert page.count.text() == "共 1 项，逾期 0 项"

    # 2. Edit with Enter on the selected row: a new owner and a measure.
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, ProblemDialog) and dialog.problem == p
    _type(qtbot, dialog.owner, "王芳", clear=True)
    _type(qtbot, dialog.measure, "安排值周教师在校门口疏导")
    qtbot.keyClick(dialog.owner, Qt.Key.Key_Return)  # Enter in a line field presses the default button, 保存
    p = store.problem(p.id)
    assert (p.owner, p.measure, p.status) == ("王芳", "安排值周教师在校门口疏导", Status.OPEN)
    assert page.model.index(page.model.row_of(p.id), column("owner")).data() == "王芳"
    assert page.owner_filter.findText("王芳") > 0 and page.owner_filter.findText("李华") < 0

    # 3. 待整改 → 整改中 → 已整改 through the status menu (entries 1-3; only allowed moves are enabled).
    assert not page.close_button.isEnabled()
    _pick_status(qtbot, page, "2")
    qtbot.waitUntil(lambda: store.problem(p.id).status == Status.IN_PROGRESS, timeout=2000)
    _pick_status(qtbot, page, "3")
    qtbot.waitUntil(lambda: store.problem(p.id).status == Status.FIXED, timeout=2000)
    assert page.selected_problem().status == Status.FIXED
    page._fill_status_menu(page.status_menu)  # what the menu offers now: back to 整改中 only
    offered = {a.data(): a.isEnabled() for a in page.status_menu.actions()}
    assert offered == {"open": False, "in_progress": True, "fixed": True}
    assert page.close_button.isEnabled()

    # 4. Close out: OK stays disabled until verifier, evidence and handling are given; a future date is refused.
    _click(qtbot, page.close_button)
    dialog = page.dialog
    assert isinstance(dialog, CloseOutDialog)
    ok = dialog.ok_button()
    assert not ok.isEnabled()
    _type(qtbot, dialog.verifier, "赵书记")
    assert not ok.isEnabled()
    _type(qtbot, dialog.evidence, "值周记录表第 1-4 页")
    assert not ok.isEnabled() and "处理情况" in ok.toolTip()  # 四不放过: the handling too
    assert not dialog.needs_answer  # raised at the gate by the school itself: nobody to answer
    _type(qtbot, dialog.handling, "已提醒值周教师")
    assert ok.isEnabled()
    dialog.date.setDate(QDate(today.year, today.month, today.day).addDays(1))
    assert not ok.isEnabled() and "不能晚于今天" in dialog.error.text()
    dialog.save()  # even forced, nothing is written
    assert store.problem(p.id).status == Status.FIXED
    dialog.date.setFocus()
    dialog.date.setCurrentSection(QDateTimeEdit.Section.DaySection)  # the cursor in the day, as a click there puts it
    qtbot.keyClick(dialog.date, Qt.Key.Key_Down)  # one day back: today
    assert ok.isEnabled() and not dialog.error.isVisible()
    with qtbot.waitSignal(bus().changed, timeout=2000):
        _click(qtbot, ok)
    p = store.problem(p.id)
    assert (p.status, p.verified_by, p.evidence, p.verified_on) == (Status.CLOSED, "赵书记", "值周记录表第 1-4 页", today)
    assert dialog.saved_problem == p
    # The default filter (全部未销号) now hides it, and says so.
    assert page.proxy.rowCount() == 0
    assert page.count.text() == "共 0 项，逾期 0 项（台账共 1 项）"

    # Every step is in the audit log.
    steps = [(e.action, e.field, e.new) for e in store.audit("problem", p.id)]
    assert steps[0][0] == "raise"
    assert ("update", "owner", "王芳") in steps and ("update", "measure", "安排值周教师在校门口疏导") in steps
    assert ("update", "status", "in_progress") in steps and ("update", "status", "fixed") in steps
    assert steps[-1][0] == "close" and steps[-1][2]["verified_by"] == "赵书记"
    assert errors == []


def test_add_refuses_inline_before_the_store(qtbot: Any, school_store: Store, errors: list[BaseException]) -> None:
    page = _page(qtbot, school_store)
    _click(qtbot, page.add_button)
    dialog = page.dialog
    assert isinstance(dialog, ProblemDialog)
    _click(qtbot, dialog.save_button())
    assert dialog.error.isVisible() and "请填写问题描述" in dialog.error.text()
    yesterday = TODAY - D(1)
    dialog.deadline.setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
    _type(qtbot, dialog.description, "问题")
    assert "请填写问题描述" not in dialog.error.text() and "不能早于今天" in dialog.error.text()
    _click(qtbot, dialog.save_button())
    assert school_store.problems() == [] and dialog.isVisible()
    dialog.has_deadline.setFocus()
    qtbot.keyClick(dialog.has_deadline, Qt.Key.Key_Space)  # no deadline at all is allowed
    assert not dialog.error.isVisible()
    _click(qtbot, dialog.save_button())
    [p] = school_store.problems()
    assert p.deadline is None and errors == []


def test_escape_closes_without_saving(qtbot: Any, school_store: Store) -> None:
    page = _page(qtbot, school_store)
    _click(qtbot, page.add_button)
    dialog = page.dialog
    assert dialog is not None
    _type(qtbot, dialog.description, "不保存")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert page.dialog is None and school_store.problems() == []


def test_raise_from_item_prefills_and_links(qtbot: Any, school_store: Store, errors: list[BaseException]) -> None:
    store = school_store
    insp = store.new_inspection("wuchawukan", "2026年秋季学期")
    item = store.checklist("wuchawukan").items()[0]
    store.save_answer(insp.id, item.id, option="no", note="本学期只组织了 3 次")
    dialog = ProblemDialog.for_item(store, insp.id, item.id)
    qtbot.addWidget(dialog)
    dialog.show()
    # what was found is the description; the requirement and the result stand beside it, for reference (issue 15.8)
    assert dialog.description.toPlainText() == "本学期只组织了 3 次"
    assert f"检查要求（供参考）：{item.text}" in dialog.source_label.text()
    assert "自查结果：未落实" in dialog.source_label.text()
    _type(qtbot, dialog.owner, "王芳")
    _click(qtbot, dialog.save_button())
    p = dialog.saved_problem
    assert p is not None and store.problem(p.id) == p
    assert (p.source, p.inspection_id, p.item_id, p.template_id, p.owner) == ("answer", insp.id, item.id, "wuchawukan", "王芳")
    again = ProblemDialog.for_item(store, insp.id, item.id)
    qtbot.addWidget(again)
    assert f"已有问题 #{p.id}" in again.source_label.text()
    with pytest.raises(SelfcheckError):
        ProblemDialog.for_item(store, insp.id, "no-such-item")


def test_store_refusal_is_shown_and_the_form_stays(
    qtbot: Any, ledger: tuple[Store, list[Problem]], errors: list[BaseException]
) -> None:
    store, (_a, b, *_rest) = ledger
    dialog = ProblemDialog(store, b)
    qtbot.addWidget(dialog)
    dialog.show()
    # Meanwhile it is fixed and closed elsewhere (the command line, another screen): the store refuses the edit.
    store.update_problem(b.id, status=Status.FIXED, measure="协调交警")
    store.close_problem(b.id, handling="已处理", verified_by="赵书记", evidence="照片", today=TODAY)
    _type(qtbot, dialog.owner, "新")
    _click(qtbot, dialog.save_button())
    assert len(errors) == 1 and "已销号" in errors[0].zh  # type: ignore[attr-defined]
    assert dialog.isVisible() and dialog.owner.text().endswith("新")  # what was typed is still there
    assert store.problem(b.id).owner == "李华"


def test_page_filters_and_count(qtbot: Any, ledger: tuple[Store, list[Problem]]) -> None:
    store, (a, b, c, _d, e) = ledger
    page = _page(qtbot, store)
    assert page.proxy.rowCount() == 4
    assert [page.owner_filter.itemText(i) for i in range(page.owner_filter.count())] == ["全部责任人", "张明", "李华", "王芳"]
    page.owner_filter.setCurrentIndex(page.owner_filter.findText("王芳"))
    assert {p.id for p in page.proxy.visible_problems()} == {a.id, c.id}
    page.owner_filter.setCurrentIndex(0)
    page.status_filter.setCurrentIndex(page.status_filter.findData("all"))
    assert page.proxy.rowCount() == 5
    page.status_filter.setCurrentIndex(page.status_filter.findData("closed"))
    assert [p.id for p in page.proxy.visible_problems()] == [e.id]
    page.status_filter.setCurrentIndex(0)
    with qtbot.waitActive(page):
        page.activateWindow()
    page.table.setFocus()
    page.focus_search()  # Ctrl+F is the main window's one binding (tests/gui/test_principal_flow.py presses it)
    assert page.search.hasFocus()
    _type(qtbot, page.search, "交通")
    assert [p.id for p in page.proxy.visible_problems()] == [b.id]
    assert page.count.text() == "共 1 项，逾期 0 项（台账共 5 项）"
    page.search.clear()
    # The stored deadlines are relative to TODAY; the page counts against the real date, so only check shape.
    page.overdue_only.setChecked(True)
    assert all(p.overdue(TODAY) for p in page.proxy.visible_problems())
    assert "逾期" in page.count.text()


def test_closed_problem_opens_read_only(qtbot: Any, ledger: tuple[Store, list[Problem]]) -> None:
    store, (*_rest, e) = ledger
    dialog = ProblemDialog(store, e)
    qtbot.addWidget(dialog)
    assert dialog.description.isReadOnly() and not dialog.owner.isEnabled() and dialog.status is None
    assert dialog.buttons.button(dialog.buttons.StandardButton.Save) is None


def test_export_writes_an_excel_file(
    qtbot: Any, ledger: tuple[Store, list[Problem]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errors: list[BaseException]
) -> None:
    import openpyxl

    store, problems = ledger
    target = tmp_path / "台账.xlsx"
    monkeypatch.setattr(ledger_page, "ask_save_path", lambda parent, suggested: target)
    page = _page(qtbot, store)
    with qtbot.waitSignal(page.exported, timeout=10000) as signal:
        _click(qtbot, page.export_button)
    assert signal.args == [target] and errors == []
    book = openpyxl.load_workbook(target)
    text = "\n".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None)
    assert all(p.description in text for p in problems)  # the whole ledger, the closed problem too
    assert "已导出整个台账（5 项）" in page.notice.text() and page.export_button.isEnabled()


def test_the_source_sorts_and_the_filter_follows_a_changed_row(ledger: tuple[Store, list[Problem]]) -> None:
    """Sorting is the model's (keys made once per row), the proxy only filters: a row changed in place leaves or
    joins the filter at once, a persistent index (the view's selection) follows its problem through a sort, and
    the overdue count is the rows' own."""
    store, (a, b, c, d, _closed) = ledger
    model, proxy = _model(store)
    proxy.sort(column("deadline"), Qt.SortOrder.AscendingOrder)
    assert proxy.sortColumn() == -1  # the proxy itself never sorts
    held = QPersistentModelIndex(model.index(model.row_of(b.id) or 0, 0))
    proxy.sort(column("id"), Qt.SortOrder.DescendingOrder)
    assert model.problem(held.row()).id == b.id
    assert _ids(proxy) == [d.id, c.id, b.id, a.id]
    store.close_problem(c.id, handling="已处理", verified_by="赵书记", evidence="照片", verified_on=TODAY, today=TODAY)
    model.upsert(store.problem(c.id))
    assert _ids(proxy) == [d.id, b.id, a.id]  # closed: gone from the default filter without a re-read
    assert proxy.overdue_count() == sum(1 for p in proxy.visible_problems() if p.overdue(TODAY)) == 1
    model.remove(b.id)
    assert _ids(proxy) == [d.id, a.id] and model.row_of(b.id) is None


def test_home_model_holds_cells_made_once() -> None:
    from selfcheck.gui.models.home_model import ID_ROLE, HomeModel

    model = HomeModel(["检查表", "期次"])
    model.set_rows([(7, ("五查五看（1.0）", "2026年秋季学期")), (3, ("星级创建（1.0）", "2026年春季学期"))])
    assert model.rowCount() == 2 and model.columnCount() == 2 and model.ids() == [7, 3]
    assert model.index(1, 1).data() == model.cell(1, 1) == "2026年春季学期"
    assert model.index(0, 0).data(ID_ROLE) == 7
    assert model.headerData(1, Qt.Orientation.Horizontal) == "期次"
