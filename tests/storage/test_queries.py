"""Lists the store builds in SQL give what the rules in the core would pick, whatever the data."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

from selfcheck.core.ledger import Status, is_overdue
from selfcheck.core.state import Summary
from selfcheck.storage import Store
from tests.conftest import TODAY


def test_overdue_in_sql_is_the_core_rule(mini_store: Store) -> None:
    inspection = mini_store.new_inspection("mini", "2026年秋季学期")
    deadlines = [None, TODAY - dt.timedelta(days=30), TODAY - dt.timedelta(days=1), TODAY, TODAY + dt.timedelta(days=1)]
    moves = {
        Status.OPEN: [],
        Status.IN_PROGRESS: [Status.IN_PROGRESS],
        Status.FIXED: [Status.IN_PROGRESS, Status.FIXED],
    }
    for (status, path), deadline in itertools.product(moves.items(), deadlines):
        problem = mini_store.add_problem(f"{status.value} {deadline}", inspection_id=inspection.id, deadline=deadline)
        mini_store.update_problem(problem.id, measure="整改")
        for step in path:
            mini_store.update_problem(problem.id, status=step)
    closed = mini_store.add_problem("已销号", deadline=TODAY - dt.timedelta(days=9))
    mini_store.update_problem(closed.id, measure="整改", status=Status.FIXED)
    mini_store.close_problem(closed.id, handling="已处理", verified_by="张明", evidence="照片")
    for day in (TODAY - dt.timedelta(days=60), TODAY, TODAY + dt.timedelta(days=5)):
        expected = [p.id for p in mini_store.problems() if is_overdue(p.status, p.deadline, day)]
        assert [p.id for p in mini_store.problems(overdue_on=day)] == expected
    assert mini_store.problems(overdue_on=TODAY)  # the data holds overdue ones: the comparison is not empty == empty
    assert len(mini_store.problems(overdue_on=TODAY, inspection_id=inspection.id)) == 4  # open/in progress × 2 past


def test_carried_in_one_query_as_they_stood_and_stand(mini_store: Store) -> None:
    first = mini_store.new_inspection("mini", "2026年春季学期")
    a = mini_store.add_problem("一", inspection_id=first.id)
    b = mini_store.add_problem("二", inspection_id=first.id)
    mini_store.update_problem(b.id, measure="整改", status=Status.IN_PROGRESS)
    second = mini_store.new_inspection("mini", "2026年秋季学期")
    mini_store.update_problem(a.id, measure="补", status=Status.IN_PROGRESS)
    carried = mini_store.carried(second.id)
    assert [(c.problem.id, c.status_at_start, c.problem.status) for c in carried] == [
        (a.id, Status.OPEN, Status.IN_PROGRESS),
        (b.id, Status.IN_PROGRESS, Status.IN_PROGRESS),
    ]
    assert carried[0].problem == mini_store.problem(a.id)


def test_summaries_are_the_core_summary_and_follow_every_change(mini_store: Store, data_dir: Path) -> None:
    from selfcheck.core.state import summary

    one = mini_store.new_inspection("mini", "2026年春季学期")
    two = mini_store.new_inspection("mini", "2026年秋季学期")
    mini_store.enable_undo()

    def fresh(iid: int) -> Summary:
        inspection = mini_store.inspection(iid)
        return summary(mini_store.checklist(inspection.template_id, inspection.template_version), mini_store.answers(iid))

    def check() -> None:
        got = mini_store.summaries()
        assert got == {one.id: fresh(one.id), two.id: fresh(two.id)}
        assert mini_store.summaries() == got  # from the cache now
        assert mini_store.conn.execute("SELECT COUNT(*) FROM summaries").fetchone()[0] == 2

    check()
    mini_store.save_answer(one.id, "s1.study", "no", note="缺两次")
    check()
    assert mini_store.summaries([one.id])[one.id].answered == 1
    mini_store.save_answers(two.id, [{"item": "s2.score", "value": 4}, {"item": "s2.fees", "value": 1}])
    check()
    mini_store.undo()
    check()
    assert mini_store.summaries()[two.id].answered == 0
    mini_store.clear_answer(one.id, "s1.study")
    check()
    with Store.open(data_dir) as other:  # another program's write drops the cached figures too
        other.save_answer(two.id, "s1.study", "yes")
    check()
    assert mini_store.summaries()[two.id].points > 0
