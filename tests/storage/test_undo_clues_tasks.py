"""Ctrl+Z for the clue register and the responsibility list, in the store: each step of a clue, a correction, a
problem raised from a clue, a task set or edited, a progress entry (its copied file too) is put back one action at a
time, audited as an undo, in the same stack as the answers and ledger edits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from selfcheck.core.clues import Stage
from selfcheck.errors import RuleError
from selfcheck.storage import Store
from tests.conftest import TODAY


@pytest.fixture
def undoing(store: Store) -> Store:
    store.enable_undo()
    return store


def _undo_actions(store: Store) -> list[object]:
    return [e.new for e in store.audit("unit") if e.action == "undo"]


def test_each_step_of_a_clue_is_undone_in_turn(undoing: Store) -> None:
    store = undoing
    clue = store.add_clue("家长来电", TODAY - dt.timedelta(days=3), "食堂饭菜份量不足", contact="13812345678")
    store.correct_clue(clue.id, summary="食堂饭菜分量不足", staff="食堂主任")
    store.record_clue_stage(clue.id, Stage.CHECKED, finding="属实", checked_by="王副校长")
    problem = store.raise_problem_from_clue(clue.id, measure="调整配餐标准")
    step = store.undo_step()
    assert step is not None and (step.zh, step.en) == ("登记整改问题", "raising the problem")

    done = store.undo()  # the problem raised from the clue: gone, and its link
    assert done.changes.undone and clue.id in done.changes.clues and problem.id in done.changes.problems
    assert store.problems() == [] and store.clue(clue.id).problem_ids == ()
    assert store.undo_step() is not None and store.undo_step().zh == "线索办理"  # type: ignore[union-attr]
    store.undo()  # 核查: back at 受理, the finding and the step's record gone
    back = store.clue(clue.id)
    assert (back.stage, back.finding, back.checked_by) == (Stage.RECEIVED, None, None)
    assert [s.stage for s in store.clue_steps(clue.id)] == [Stage.RECEIVED]
    store.undo()  # the correction
    back = store.clue(clue.id)
    assert (back.summary, back.staff, back.contact) == ("食堂饭菜份量不足", None, "13812345678")
    store.undo()  # the clue itself
    assert store.clues() == []
    with pytest.raises(RuleError, match="没有可以撤销"):
        store.undo()
    assert _undo_actions(store) == [{"action": a} for a in ("登记整改问题", "线索办理", "更正线索", "受理线索")]
    # the audit log keeps the whole story: the undone steps are still there, followed by their undo
    actions = [e.action for e in store.audit("clue", clue.id)]
    assert actions == ["receive", "correct", "correct", "stage", "raise_problem"]  # summary and staff: two rows


def test_a_concluded_clue_is_reopened_by_undo(undoing: Store) -> None:
    store = undoing
    clue = store.add_clue("12345热线", TODAY, "校门口接送拥堵")
    store.record_clue_stage(clue.id, Stage.CHECKED, finding="不属实", checked_by="张明")
    store.record_clue_stage(clue.id, Stage.ANSWERED, answer="电话说明")
    store.record_clue_stage(clue.id, Stage.CONCLUDED)
    assert store.clue(clue.id).stage == Stage.CONCLUDED
    store.undo()
    reopened = store.clue(clue.id)
    assert (reopened.stage, reopened.concluded_on, reopened.answer) == (Stage.ANSWERED, None, "电话说明")
    assert store.correct_clue(clue.id, staff="门卫").staff == "门卫"  # open again: it can be corrected


def test_a_task_its_edit_and_its_progress_are_undone(undoing: Store, tmp_path: Path) -> None:
    store = undoing
    task = store.add_task("食堂台账", standard="每日台账齐全", owner="李华", deadline=dt.date(2026, 12, 31))
    store.update_task(task.id, owner="王芳", deadline=dt.date(2027, 1, 15))
    store.add_progress(task.id, percent=30, note="补齐九月台账")
    photo = tmp_path / "台账.jpg"
    photo.write_bytes(b"\xff\xd8 photo of the ledger")
    store.add_progress(task.id, percent=60, note="补齐十月台账", evidence=photo)
    entry = store.progress(task.id)[-1]
    kept = store.progress_evidence(entry.id)
    assert kept is not None and kept.is_file()
    assert store.undo_step() is not None and store.undo_step().zh == "记录进展"  # type: ignore[union-attr]

    done = store.undo()
    assert done.changes.undone and done.changes.tasks == {task.id}
    assert store.task(task.id).percent == 30 and len(store.progress(task.id)) == 1
    assert not kept.exists()  # the copy only the undone entry used went with it
    store.undo()
    assert store.task(task.id).percent == 0 and store.progress(task.id) == []
    store.undo()
    back = store.task(task.id)
    assert (back.owner, back.deadline) == ("李华", dt.date(2026, 12, 31))
    store.undo()
    assert store.tasks() == []
    assert _undo_actions(store) == [{"action": a} for a in ("记录进展", "记录进展", "修改任务", "建立任务")]


def test_a_copy_another_entry_uses_stays(undoing: Store, tmp_path: Path) -> None:
    store = undoing
    task = store.add_task("校舍安全", standard="每周巡查", owner="李华", deadline=dt.date(2026, 12, 31))
    photo = tmp_path / "巡查.jpg"
    photo.write_bytes(b"\xff\xd8 the same photo")
    store.add_progress(task.id, percent=20, note="第一周", evidence=photo)
    store.add_progress(task.id, percent=40, note="第二周", evidence=photo)  # the same content: one copy
    kept = store.progress_evidence(store.progress(task.id)[0].id)
    store.undo()
    assert kept is not None and kept.is_file()  # the first entry still uses it
    store.undo()
    assert not kept.exists()


def test_clue_and_task_steps_share_the_stack_with_ledger_edits(undoing: Store) -> None:
    """One Ctrl+Z history: a ledger edit made after a task is undone first, then the task."""
    store = undoing
    task = store.add_task("课后服务公示", standard="公示栏公示", owner="王老师", deadline=dt.date(2026, 12, 15))
    problem = store.add_problem("收费未公示", owner="王老师")
    store.undo()
    assert store.problems() == [] and store.task(task.id).title == "课后服务公示"
    store.undo()
    assert store.tasks() == []
    assert problem.id not in {p.id for p in store.problems()}


def test_a_write_that_cannot_be_undone_ends_the_clue_steps_before_it(undoing: Store) -> None:
    store = undoing
    clue = store.add_clue("家长来信", TODAY, "作业量过大")
    assert store.undo_step() is not None
    store.set_school("城关第一小学", "X001", "张明")  # the school's profile: not undoable
    assert store.undo_step() is None
    with pytest.raises(RuleError, match="没有可以撤销"):
        store.undo()
    assert store.clue(clue.id).summary == "作业量过大"
