"""Responsibility lists (责任清单): each task 定标准、定责任、定时间、定进度, and the rules over it: what a task needs, what
a progress entry may say, when a task is overdue (past its deadline, not at 100%) or stalled (no progress in 30
days). "Today" is always handed in (the skins and the store read it from core/clock.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from selfcheck.core.changes import NOTHING, Changes
from selfcheck.core.worded import Worded
from selfcheck.errors import RuleError

STALL_DAYS = 30  # a task with no progress entry (or, before the first, since it was set) for this long is stalled
MAX_TEXT = 2000


class TaskState(Worded):
    """Where a task stands on a day; the members are in the order a list shows them (what needs a look first)."""

    OVERDUE = "overdue"  # 已逾期: past its deadline and not done
    STALLED = "stalled"  # 停滞: no progress in STALL_DAYS days and not done
    IN_PROGRESS = "in_progress"  # 推进中
    NOT_STARTED = "not_started"  # 未开始: no progress entry yet, not yet stalled
    DONE = "done"  # 已落实: 100%

    @classmethod
    def _words(cls) -> Mapping[TaskState, tuple[str, str]]:
        return LABELS


# The one place the task states are worded: every screen, command and document reads them here.
LABELS: dict[TaskState, tuple[str, str]] = {
    TaskState.OVERDUE: ("已逾期", "Overdue"),
    TaskState.STALLED: ("停滞", "Stalled"),
    TaskState.IN_PROGRESS: ("推进中", "In progress"),
    TaskState.NOT_STARTED: ("未开始", "Not started"),
    TaskState.DONE: ("已落实", "Done"),
}
_RANK = {state: n for n, state in enumerate(TaskState)}


@dataclass(frozen=True)
class Progress:
    """One dated progress entry: what was done, how far the task is (percent), maybe an evidence file."""

    id: int
    task_id: int
    on: dt.date
    percent: int
    note: str
    evidence_name: str | None = None  # the file's name as it was chosen
    evidence_sha256: str | None = None
    added_at: str | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["on"] = self.on.isoformat()
        return data


@dataclass(frozen=True)
class Task:
    id: int
    title: str
    standard: str  # 定标准: what "done" means
    owner: str  # 定责任
    deadline: dt.date  # 定时间
    created_on: dt.date
    department: str | None = None
    problem_id: int | None = None  # the ledger problem this task carries out, if any
    percent: int = 0  # 定进度: the latest entry's percent
    last_progress_on: dt.date | None = None
    entries: int = 0
    updated_at: str | None = None
    changes: Changes = field(default=NOTHING, compare=False, repr=False)

    def state(self, today: dt.date) -> TaskState:
        return state_of(self.percent, self.deadline, self.last_progress_on or self.created_on, self.entries, today)

    def overdue(self, today: dt.date) -> bool:
        return is_overdue(self.percent, self.deadline, today)

    def stalled(self, today: dt.date) -> bool:
        return is_stalled(self.percent, self.last_progress_on or self.created_on, today)

    def to_json(self, today: dt.date) -> dict[str, Any]:
        data = asdict(self)
        data.pop("changes", None)
        for key in ("deadline", "created_on", "last_progress_on"):
            data[key] = data[key].isoformat() if data[key] else None
        state = self.state(today)
        data["state"] = state.value
        data["state_label"] = state.label
        data["overdue"] = self.overdue(today)
        data["stalled"] = self.stalled(today)
        return data


def is_overdue(percent: int, deadline: dt.date, today: dt.date) -> bool:
    """Past its deadline and not at 100%."""
    return percent < 100 and deadline < today


def is_stalled(percent: int, last_activity: dt.date, today: dt.date) -> bool:
    """Not done, and no progress entry (or, without any, no setting up) in the last STALL_DAYS days."""
    return percent < 100 and (today - last_activity).days >= STALL_DAYS


def state_of(percent: int, deadline: dt.date, last_activity: dt.date, entries: int, today: dt.date) -> TaskState:
    if percent >= 100:
        return TaskState.DONE
    if is_overdue(percent, deadline, today):
        return TaskState.OVERDUE
    if is_stalled(percent, last_activity, today):
        return TaskState.STALLED
    return TaskState.IN_PROGRESS if entries else TaskState.NOT_STARTED


def rank(task: Task, today: dt.date) -> tuple[int, dt.date, int]:
    """Sort key: overdue first, then stalled, in progress, not started, done; earlier deadlines first."""
    return (_RANK[task.state(today)], task.deadline, task.id)


def _text(value: str | None, zh: str, en: str, *, required: bool) -> str | None:
    value = value.strip() or None if value else None
    if required and not value:
        raise RuleError(f"请填写{zh}", f"give the {en}")
    if value and len(value) > MAX_TEXT:
        raise RuleError(f"{zh}过长（最多 {MAX_TEXT} 字）", f"the {en} is too long ({MAX_TEXT} characters at most)")
    return value


@dataclass(frozen=True)
class NewTask:
    title: str
    standard: str
    owner: str
    department: str | None
    deadline: dt.date


def check_task(
    title: str | None, standard: str | None, owner: str | None, department: str | None, deadline: dt.date | None
) -> NewTask:
    """定标准、定责任、定时间: a task needs a title, a standard, an owner and a deadline; the department may wait.
    A deadline in the past is allowed (an old paper list entered now): the task is overdue at once."""
    t = _text(title, "任务名称", "title", required=True)
    s = _text(standard, "完成标准（定标准）", "standard", required=True)
    o = _text(owner, "责任人（定责任）", "owner", required=True)
    d = _text(department, "责任部门", "department", required=False)
    if deadline is None:
        raise RuleError("请填写完成时限（定时间）", "give the deadline")
    assert t and s and o
    return NewTask(t, s, o, d, deadline)


def check_progress(percent: int, note: str | None, on: dt.date, created_on: dt.date, today: dt.date) -> str:
    """A progress entry: a percent from 0 to 100, a note saying what was done, a day neither in the future nor before
    the task was set. Returns the note, trimmed."""
    if not 0 <= percent <= 100:
        raise RuleError(f"进度应在 0 到 100 之间（现在是 {percent}）", f"the percent must be 0 to 100 (it is {percent})")
    text = _text(note, "进展说明", "note", required=True)
    assert text
    if on > today:
        raise RuleError(f"进展日期 {on.isoformat()} 晚于今天", f"the progress date {on.isoformat()} is in the future")
    if on < created_on:
        raise RuleError(
            f"进展日期 {on.isoformat()} 早于任务建立的日期 {created_on.isoformat()}",
            f"the progress date {on.isoformat()} is before the task was set ({created_on.isoformat()})",
        )
    return text


@dataclass(frozen=True)
class TaskFigures:
    """A list's tally, as the home page, the ledger and the period documents say it."""

    total: int
    done: int
    overdue: int
    stalled: int

    @property
    def open(self) -> int:
        return self.total - self.done


def figures(tasks: list[Task], today: dt.date) -> TaskFigures:
    states = [t.state(today) for t in tasks]
    return TaskFigures(
        total=len(tasks),
        done=states.count(TaskState.DONE),
        overdue=sum(t.overdue(today) for t in tasks),
        stalled=sum(t.stalled(today) for t in tasks),
    )
