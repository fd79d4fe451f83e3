"""The responsibility list's rules: what a task needs, what a progress entry may say, overdue and stalled."""

from __future__ import annotations

import datetime as dt

import pytest

from selfcheck.core import tasks
from selfcheck.core.tasks import Task, TaskState
from selfcheck.errors import RuleError

D = dt.date


END = D(2026, 12, 31)


def task(percent: int = 0, last: dt.date | None = None, entries: int = 0, deadline: dt.date = END) -> Task:
    set_on = D(2026, 9, 1)
    return Task(1, "公示收费", "每学期公示", "张明", deadline, set_on, percent=percent, last_progress_on=last, entries=entries)


def test_states_on_a_day() -> None:
    today = D(2026, 11, 20)
    assert task().state(D(2026, 9, 20)) == TaskState.NOT_STARTED
    assert task().state(today) == TaskState.STALLED  # set on 9-01, nothing since
    assert task(40, D(2026, 11, 1), 2).state(today) == TaskState.IN_PROGRESS
    assert task(40, D(2026, 10, 21), 2).state(today) == TaskState.STALLED  # 30 days without progress
    assert task(40, D(2026, 10, 22), 2).state(today) == TaskState.IN_PROGRESS  # 29 days
    late = task(90, D(2026, 11, 19), 3, deadline=D(2026, 11, 19))
    assert late.state(today) == TaskState.OVERDUE and late.overdue(today) and not late.stalled(today)
    done = task(100, D(2026, 10, 1), 4, deadline=D(2026, 10, 2))
    assert done.state(today) == TaskState.DONE and not done.overdue(today) and not done.stalled(today)
    ranked = sorted([done, task(40, D(2026, 11, 1), 2), late], key=lambda t: tasks.rank(t, today))
    assert [t.state(today) for t in ranked] == [TaskState.OVERDUE, TaskState.IN_PROGRESS, TaskState.DONE]
    assert tasks.figures([done, late, task()], today) == tasks.TaskFigures(total=3, done=1, overdue=1, stalled=1)


def test_a_task_needs_standard_owner_and_deadline() -> None:
    with pytest.raises(RuleError, match="完成标准"):
        tasks.check_task("公示", " ", "张明", None, D(2026, 12, 1))
    with pytest.raises(RuleError, match="责任人"):
        tasks.check_task("公示", "每学期", None, None, D(2026, 12, 1))
    with pytest.raises(RuleError, match="完成时限"):
        tasks.check_task("公示", "每学期", "张明", None, None)
    new = tasks.check_task(" 公示 ", "每学期", "张明", " ", D(2026, 12, 1))
    assert new.title == "公示" and new.department is None


def test_progress_entries() -> None:
    today = D(2026, 11, 20)
    with pytest.raises(RuleError, match="0 到 100"):
        tasks.check_progress(101, "完成", today, D(2026, 9, 1), today)
    with pytest.raises(RuleError, match="进展说明"):
        tasks.check_progress(50, "  ", today, D(2026, 9, 1), today)
    with pytest.raises(RuleError, match="晚于今天"):
        tasks.check_progress(50, "x", D(2026, 11, 21), D(2026, 9, 1), today)
    with pytest.raises(RuleError, match="早于任务建立"):
        tasks.check_progress(50, "x", D(2026, 8, 31), D(2026, 9, 1), today)
    assert tasks.check_progress(0, " 开会部署 ", today, today, today) == "开会部署"
