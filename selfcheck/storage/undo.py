"""Undo (Ctrl+Z) for answers, ledger edits, clues and tasks: SQLite's own undo recipe (sqlite.org/undoredo.html).

When the app turns undo on, temporary triggers (this connection only, gone when it closes) write, for every
row an answer, a ledger edit, a clue's step or a task's edit or progress inserts, changes or deletes, the
statement that puts it back into a temporary log. Each undoable unit is one entry on a stack: the log's rows
it wrote. Undo runs that entry's statements in reverse, as a unit of its own, audited as "undo". Any other
write (a checklist import, a signed export, a new inspection), or another program writing to the database
meanwhile (`PRAGMA data_version`), empties the stack: what was undoable then is no longer only ours to put
back. A file copied in for a row the undo removed (a progress entry's evidence) goes too, once no row uses it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from selfcheck.core.changes import Changed, Changes
from selfcheck.errors import RuleError
from selfcheck.storage.audit import AuditStore
from selfcheck.storage.base import Unit, with_changes, writes_outside_unit

# The tables an undoable unit may write (besides the audit log, which keeps the story and is never undone).
UNDO_TABLES = (
    "answers",
    "answer_reviews",
    "inspections",
    "problems",
    "clues",
    "clue_steps",
    "problem_clues",
    "tasks",
    "task_progress",
)
KEEP = 100  # undo steps kept

LABELS: dict[str, tuple[str, str]] = {
    "save_answer": ("答案", "answer"),
    "save_answers": ("答案", "answers"),
    "clear_answer": ("清除答案", "clearing the answer"),
    "complete_inspection": ("标记完成", "marking complete"),
    "add_problem": ("提出问题", "raising the problem"),
    "raise_problems_from_answers": ("提出问题", "raising the problems"),
    "update_problem": ("修改问题", "the problem edit"),
    "close_problem": ("销号", "the close-out"),
    "clear_recheck": ("复核", "the review"),
    "add_clue": ("受理线索", "registering the clue"),
    "record_clue_stage": ("线索办理", "the clue's step"),
    "correct_clue": ("更正线索", "the clue's correction"),
    "raise_problem_from_clue": ("登记整改问题", "raising the problem"),
    "add_task": ("建立任务", "setting the task"),
    "update_task": ("修改任务", "the task edit"),
    "add_progress": ("记录进展", "the progress entry"),
}


@dataclass(frozen=True)
class UndoStep:
    label: str  # the write's name (see LABELS) or what the caller named the unit
    start: int  # log rows after this one ...
    end: int  # ... up to this one are the unit's
    changes: Changes

    @property
    def zh(self) -> str:
        return LABELS.get(self.label, (self.label, self.label))[0]

    @property
    def en(self) -> str:
        return LABELS.get(self.label, (self.label, self.label))[1]


def _quoted(columns: list[str], row: str) -> str:
    return "||','||".join(f"quote({row}.{c})" for c in columns)


def _triggers(table: str, columns: list[str], key: list[str]) -> list[str]:
    where_old = "||' AND '||".join(f"'{k}='||quote(old.{k})" for k in key)
    where_new = "||' AND '||".join(f"'{k}='||quote(new.{k})" for k in key)
    sets = "||', '||".join(f"'{c}='||quote(old.{c})" for c in columns)
    names = ", ".join(columns)
    log = "INSERT INTO undo_log (statement) VALUES"
    return [
        f"CREATE TEMP TRIGGER undo_{table}_insert AFTER INSERT ON main.{table} BEGIN "
        f"{log} ('DELETE FROM {table} WHERE '||{where_new}); END",
        f"CREATE TEMP TRIGGER undo_{table}_update AFTER UPDATE ON main.{table} BEGIN "
        f"{log} ('UPDATE {table} SET '||{sets}||' WHERE '||{where_old}); END",
        f"CREATE TEMP TRIGGER undo_{table}_delete AFTER DELETE ON main.{table} BEGIN "
        f"{log} ('INSERT INTO {table} ({names}) VALUES ('||{_quoted(columns, 'old')}||')'); END",
    ]


class UndoStore(AuditStore):
    _undo: list[UndoStep] | None = None  # None: undo is off (the CLI, workers)
    _undo_mark = 0
    _undo_undoing = False
    _undo_version = 0

    def enable_undo(self) -> None:
        """Start keeping undo steps for this connection (the app's); idempotent."""
        if self._undo is not None:
            return
        self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS undo_log (seq INTEGER PRIMARY KEY, statement TEXT NOT NULL)")
        for table in UNDO_TABLES:
            info = self.conn.execute(f"PRAGMA main.table_info({table})").fetchall()
            columns = [str(r[1]) for r in info]
            key = [str(r[1]) for r in sorted(info, key=lambda r: r[5]) if r[5]] or ["rowid"]
            for sql in _triggers(table, columns, key):
                self.conn.execute(sql)
        self._undo = []
        self._undo_version = self._data_version()
        self._after_commit.append(self._remember)

    def _log_end(self) -> int:
        return int(self.conn.execute("SELECT COALESCE(MAX(seq), 0) FROM temp.undo_log").fetchone()[0])

    def _forget(self) -> None:
        assert self._undo is not None
        self._undo.clear()
        self.conn.execute("DELETE FROM temp.undo_log")
        self._undo_mark = 0

    def _remember(self, unit: Unit) -> None:
        """After each committed unit: push it as an undo step, or end what can be undone."""
        if self._undo_undoing or self._undo is None:
            return
        if self._data_version() != self._undo_version:  # another program wrote: our inverse statements may be stale
            self._undo_version = self._data_version()
            self._forget()
        end = self._log_end()
        if not unit.changes:
            return
        if not unit.undoable:
            self._forget()
            return
        self._undo.append(UndoStep(unit.label or "", self._undo_mark, end, unit.changes))
        self._undo_mark = end
        if len(self._undo) > KEEP:
            dropped = self._undo.pop(0)
            self.conn.execute("DELETE FROM temp.undo_log WHERE seq <= ?", [dropped.end])

    def _files_of(self, changes: Changes) -> set[str]:
        """The copied files (paths in the evidence folder) the rows of what `changes` names use: a part whose rows
        keep files that an undo may leave unused overrides it (the tasks' progress evidence)."""
        return set()

    def undo_step(self) -> UndoStep | None:
        """What Ctrl+Z would undo now, or None."""
        if not self._undo:
            return None
        if self._data_version() != self._undo_version:
            self._undo_version = self._data_version()
            self._forget()
            return None
        return self._undo[-1]

    @writes_outside_unit
    def undo(self) -> Changed:
        """Put back what the last undoable action changed; hands back what the undo changed (`undone` set)."""
        step = self.undo_step()
        if step is None:
            raise RuleError("没有可以撤销的操作", "there is nothing to undo")
        for inspection_id in step.changes.inspections | step.changes.answers:
            if self.inspection(inspection_id).locked:
                self._forget()
                raise RuleError(
                    "这次自查已签名锁定，不能撤销之前的修改", "the inspection is signed and locked; it cannot be undone"
                )
        files = self._files_of(step.changes)
        self._undo_undoing = True
        try:
            with self.atomic("undo") as unit:
                rows = self.conn.execute(
                    "SELECT statement FROM temp.undo_log WHERE seq > ? AND seq <= ? ORDER BY seq DESC", [step.start, step.end]
                ).fetchall()
                for (statement,) in rows:
                    self.conn.execute(statement)
                self.conn.execute("DELETE FROM temp.undo_log WHERE seq > ?", [step.start])
                self._audit("undo", "unit", step.label, None, None, {"action": step.zh})
                self._changed(
                    undone=True, **{f.name: getattr(step.changes, f.name) for f in fields(Changes) if f.name != "undone"}
                )
        finally:
            self._undo_undoing = False
        assert self._undo is not None
        self._undo.pop()
        self._undo_mark = step.start
        self._undo_version = self._data_version()
        for stored in files - self._files_of(step.changes):  # a file only the undone rows used goes with them
            (self.evidence_dir() / stored).unlink(missing_ok=True)
        return with_changes(None, unit.changes)  # type: ignore[no-any-return]
