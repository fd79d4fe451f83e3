"""Responsibility lists (责任清单): tasks set standalone or from a ledger problem, and their dated progress entries with
an evidence file copied into the data folder as the inspections' evidence is (storage/evidence.py). The rules
(what a task needs, overdue, stalled) are the core's (core/tasks.py)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selfcheck.core import clock
from selfcheck.core.changes import Changes
from selfcheck.errors import NotFoundError, RuleError
from selfcheck.storage.base import record_from, stored_day, with_changes, writes, writes_outside_unit
from selfcheck.storage.db import now
from selfcheck.storage.undo import UndoStore

if TYPE_CHECKING:  # the rules are imported where they are used: opening the store does not pay for them
    from selfcheck.core.tasks import Progress, Task

TASK_FIELDS = ("title", "standard", "owner", "department", "deadline")

_TASK_SQL = (
    "SELECT t.*, (SELECT p.percent FROM task_progress p WHERE p.task_id = t.id ORDER BY p.on_date DESC, p.id DESC "
    "LIMIT 1) AS percent, (SELECT MAX(p.on_date) FROM task_progress p WHERE p.task_id = t.id) AS last_on, "
    "(SELECT COUNT(*) FROM task_progress p WHERE p.task_id = t.id) AS entries FROM tasks t"
)


class TaskStore(UndoStore):
    def _task_from(self, r: dict[str, Any]) -> Task:
        from selfcheck.core.tasks import Task

        days = dict.fromkeys(("deadline", "created_on"), dt.date.fromisoformat)
        read: dict[str, Callable[[Any], Any]] = {"id": int, "percent": lambda v: int(v or 0), "entries": int, **days}
        return record_from(Task, r, read, last_progress_on=stored_day(r["last_on"]))

    def task(self, task_id: int) -> Task:
        rows = list(self._query(_TASK_SQL + " WHERE t.id = ?", [task_id]))
        if not rows:
            raise NotFoundError(f"没有编号为 {task_id} 的任务", f"no task with id {task_id}")
        return self._task_from(rows[0])

    def tasks(self, *, problem_id: int | None = None) -> list[Task]:
        """Every task (or a problem's), in the order they were set; `core.tasks.rank` sorts them for a screen."""
        if problem_id is not None:
            rows = self._query(_TASK_SQL + " WHERE t.problem_id = ? ORDER BY t.id", [problem_id])
        else:
            rows = self._query(_TASK_SQL + " ORDER BY t.id")
        return [self._task_from(r) for r in rows]

    def progress(self, task_id: int) -> list[Progress]:
        """A task's progress entries, oldest first."""
        from selfcheck.core.tasks import Progress

        self.task(task_id)
        rows = self._query("SELECT * FROM task_progress WHERE task_id = ? ORDER BY on_date, id", [task_id])
        return [
            Progress(
                id=int(r["id"]),
                task_id=int(r["task_id"]),
                on=dt.date.fromisoformat(r["on_date"]),
                percent=int(r["percent"]),
                note=r["note"],
                evidence_name=r["evidence_name"],
                evidence_sha256=r["evidence_sha256"],
                added_at=r["added_at"],
            )
            for r in rows
        ]

    def progress_evidence(self, progress_id: int) -> Path | None:
        """Where the evidence file of a progress entry is kept in the data folder (None without one)."""
        row = self.conn.execute("SELECT evidence_stored FROM task_progress WHERE id = ?", [progress_id]).fetchone()
        if row is None:
            raise NotFoundError(f"没有编号为 {progress_id} 的进展记录", f"no progress entry with id {progress_id}")
        return self.evidence_dir() / str(row[0]) if row[0] else None

    def progress_between(self, start: dt.date, end: dt.date) -> list[Progress]:
        """Every progress entry dated within [start, end], oldest first: what a period document reports."""
        from selfcheck.core.tasks import Progress

        rows = self._query(
            "SELECT * FROM task_progress WHERE on_date BETWEEN ? AND ? ORDER BY on_date, id", [start.isoformat(), end.isoformat()]
        )
        return [
            Progress(
                int(r["id"]),
                int(r["task_id"]),
                dt.date.fromisoformat(r["on_date"]),
                int(r["percent"]),
                r["note"],
                r["evidence_name"],
                r["evidence_sha256"],
                r["added_at"],
            )
            for r in rows
        ]

    def _files_of(self, changes: Changes) -> set[str]:
        if not changes.tasks:
            return set()
        marks = ",".join("?" * len(changes.tasks))
        rows = self.conn.execute(
            f"SELECT evidence_stored FROM task_progress WHERE evidence_stored IS NOT NULL AND task_id IN ({marks})",
            sorted(changes.tasks),
        )
        return {str(r[0]) for r in rows}

    @writes(undoable=True)
    def add_task(
        self,
        title: str | None,
        *,
        standard: str | None,
        owner: str | None,
        deadline: dt.date | None,
        department: str | None = None,
        problem_id: int | None = None,
        set_on: dt.date | None = None,
    ) -> Task:
        """Set a task (定标准、定责任、定时间), standalone or carrying out a ledger problem; a task from a problem takes
        the problem's owner, department and deadline where none is given. `set_on`: the day it was set (default today;
        an earlier day for a paper list entered now, never a later one)."""
        from selfcheck.core import tasks as rules

        today = clock.today()
        if set_on is not None and set_on > today:
            raise RuleError(f"建立日期 {set_on.isoformat()} 晚于今天", f"the day set {set_on.isoformat()} is in the future")
        if problem_id is not None:
            problem = self.problem(problem_id)
            owner = owner or problem.owner
            department = department or problem.department
            deadline = deadline or problem.deadline
            title = title or problem.description
            standard = standard or problem.measure
        new = rules.check_task(title, standard, owner, department, deadline)
        stamp = now()
        cursor = self.db.execute(
            "INSERT INTO tasks (title, standard, owner, department, deadline, problem_id, created_on, created_at, updated_at) "
            "VALUES (?,?,?,?,?,?,?,?,?)",
            [
                new.title,
                new.standard,
                new.owner,
                new.department,
                new.deadline.isoformat(),
                problem_id,
                (set_on or today).isoformat(),
                stamp,
                stamp,
            ],
        )
        tid = int(cursor.lastrowid or 0)
        self._audit(
            "add",
            "task",
            tid,
            None,
            None,
            {
                "title": new.title,
                "standard": new.standard,
                "owner": new.owner,
                "department": new.department,
                "deadline": new.deadline.isoformat(),
                "problem_id": problem_id,
            },
        )
        self._changed(tasks=[tid])
        return self.task(tid)

    @writes(undoable=True)
    def update_task(self, task_id: int, **fields: Any) -> Task:
        """Change a task's title, standard, owner, department or deadline (each change audited)."""
        from selfcheck.core import tasks as rules

        unknown = set(fields) - set(TASK_FIELDS)
        if unknown:
            raise RuleError(f"不能修改字段：{', '.join(sorted(unknown))}", f"cannot change: {', '.join(sorted(unknown))}")
        current = self.task(task_id)
        merged = {key: fields.get(key, getattr(current, key)) for key in TASK_FIELDS}
        new = rules.check_task(merged["title"], merged["standard"], merged["owner"], merged["department"], merged["deadline"])
        stamp = now()
        changed = False
        for key in TASK_FIELDS:
            before, after = getattr(current, key), getattr(new, key)
            if before == after:
                continue
            stored = after.isoformat() if isinstance(after, dt.date) else after
            old = before.isoformat() if isinstance(before, dt.date) else before
            self.db.execute(f"UPDATE tasks SET {key} = ?, updated_at = ? WHERE id = ?", [stored, stamp, task_id])
            self._audit("update", "task", task_id, key, old, stored)
            changed = True
        if changed:
            self._changed(tasks=[task_id])
        return self.task(task_id)

    @writes_outside_unit
    def add_progress(
        self,
        task_id: int,
        *,
        percent: int,
        note: str | None,
        on: dt.date | None = None,
        evidence: str | os.PathLike[str] | None = None,
    ) -> Task:
        """One dated progress entry (定进度): the percent reached, what was done, maybe an evidence file, which is
        copied into the data folder first (outside the unit: the write lock is not held while a file is copied)."""
        from selfcheck.core import tasks as rules

        today = clock.today()
        current = self.task(task_id)
        text = rules.check_progress(percent, note, on or today, current.created_on, today)
        copied = None
        name = None
        if evidence is not None:
            src = Path(evidence)
            if src.is_symlink() or (src.exists() and not src.is_file()):  # a file from a stick: a regular one only
                raise RuleError(
                    f"{src.name}：不是普通文件（链接、文件夹或设备），请选择文件本身",
                    f"{src.name}: not a regular file (a link, a folder or a device): choose the file itself",
                )
            copied = self._copy_in(self._checked_source(src), f"tasks/{task_id}")
            name = src.name
        with self.atomic("add_progress") as unit:  # undoable: Ctrl+Z drops the entry, and its copy if no other uses it
            self.db.execute(
                "INSERT INTO task_progress (task_id, on_date, percent, note, evidence_name, evidence_stored, "
                "evidence_sha256, evidence_size, added_at) VALUES (?,?,?,?,?,?,?,?,?)",
                [
                    task_id,
                    (on or today).isoformat(),
                    percent,
                    text,
                    name,
                    copied.stored if copied else None,
                    copied.sha256 if copied else None,
                    copied.size if copied else None,
                    now(),
                ],
            )
            self.db.execute("UPDATE tasks SET updated_at = ? WHERE id = ?", [now(), task_id])
            self._audit(
                "progress",
                "task",
                task_id,
                "percent",
                current.percent,
                {
                    "percent": percent,
                    "on": (on or today).isoformat(),
                    "note": text,
                    **({"evidence": name, "sha256": copied.sha256} if copied else {}),
                },
            )
            self._changed(tasks=[task_id])
        return with_changes(self.task(task_id), unit.changes)  # type: ignore[no-any-return]
