"""Overdue and stalled tasks (no progress in 30 days) stand out on the home page and over the ledger, in red and named
(with the problem they carry out), and stop standing out once progress is recorded; the day moves with the clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from selfcheck.core.changes import Changes
from selfcheck.gui import ops
from selfcheck.gui.pages.home_page import HomePage
from selfcheck.gui.pages.ledger_page import LedgerPage
from selfcheck.storage import Store
from tests.conftest import TODAY
from tests.gui.conftest import listen

RED = "#b3261e"


def test_stalled_and_overdue_tasks_stand_out_on_home_and_ledger(
    qtbot: Any, school_store: Store, set_today: Callable[[dt.date], None]
) -> None:
    store = school_store
    problem = store.add_problem("食堂进货台账不全", owner="李华", deadline=TODAY + dt.timedelta(days=60))
    quiet = store.add_task(None, standard="索证索票齐全", owner=None, deadline=None, problem_id=problem.id)
    moving = store.add_task("图书室开放", standard="每天开放", owner="赵六", deadline=TODAY + dt.timedelta(days=60))
    late = store.add_task("收费公示", standard="公示栏公示", owner="王芳", deadline=TODAY + dt.timedelta(days=10))
    home = listen(HomePage(store))
    ledger = listen(LedgerPage(store))
    for screen in (home, ledger):
        qtbot.addWidget(screen)
        screen.resize(1024, 768)
        screen.show()
    assert not ledger.tasks_note.isVisible()  # nothing late yet
    assert not any("【任务" in home.due.list.item(n).text() for n in range(home.due.list.count()))

    set_today(TODAY + dt.timedelta(days=25))
    store.add_progress(moving.id, percent=50, note="已排班")
    set_today(TODAY + dt.timedelta(days=31))  # 31 days without progress on two; one of them is past its deadline
    ops.broadcast(Changes(tasks=frozenset({quiet.id, moving.id, late.id})))
    lines = {home.due.list.item(n).text(): home.due.list.item(n) for n in range(home.due.list.count())}
    assert [text for text in lines if "【任务" in text] == [
        f"【任务已逾期】收费公示 · 王芳 · {late.deadline.isoformat()} · 0%",
        f"【任务停滞】食堂进货台账不全 · 李华 · {quiet.deadline.isoformat()} · 0%",
    ]  # overdue first, then stalled; the one with recent progress is not there
    assert all(item.foreground().color().name() == RED for text, item in lines.items() if "【任务" in text)
    # the overdue one has had no progress either: it counts among the stalled too (core.tasks: the two are separate)
    assert "责任清单逾期 1 项，停滞 2 项" in home.due.summary.text() and RED in home.due.summary.styleSheet()

    assert ledger.tasks_note.isVisible() and RED in ledger.tasks_note.styleSheet()
    note = ledger.tasks_note.text()
    assert "1 项任务逾期，2 项 30 天以上无进展" in note
    assert f"食堂进货台账不全（问题 #{problem.id}，停滞）" in note and "收费公示（已逾期）" in note
    assert "图书室开放" not in note

    store.add_progress(quiet.id, percent=20, note="补齐九月台账")
    store.update_task(late.id, deadline=TODAY + dt.timedelta(days=90))
    assert late.id in {t.id for t in store.tasks() if t.stalled(TODAY + dt.timedelta(days=31))}  # a new date is no progress
    store.add_progress(late.id, percent=10, note="公示稿已拟")
    ops.broadcast(Changes(tasks=frozenset({quiet.id, late.id})))
    assert not ledger.tasks_note.isVisible()  # progress recorded, deadline moved: nothing stands out any more
    assert not any("【任务" in home.due.list.item(n).text() for n in range(home.due.list.count()))
