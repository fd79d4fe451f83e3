"""The rectification ledger (整改台账): problems raised by hand or from answers, edited, closed out (四不放过);
the rules of moves and close-out are the core's (core/ledger.py)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from selfcheck.core import clock, ledger
from selfcheck.core.changes import ChangedList
from selfcheck.core.ledger import Status
from selfcheck.core.records import Carried, Problem
from selfcheck.errors import NotFoundError, RuleError
from selfcheck.storage.base import record_from, stored_day, writes
from selfcheck.storage.db import now
from selfcheck.storage.inspections import InspectionStore

PROBLEM_FIELDS = ("description", "measure", "owner", "department", "deadline", "handling", "raised_by", "answer", "answered_on")
# A problem with the clue it was raised from, if any (problem_clues: upgrade 009).
PROBLEMS = "problems LEFT JOIN problem_clues ON problem_clues.problem_id = problems.id"


class LedgerStore(InspectionStore):
    def _problem_from(self, r: dict[str, Any]) -> Problem:
        dates = dict.fromkeys(("deadline", "raised_on", "verified_on", "answered_on"), stored_day)
        lacks = {"lacks": lambda text: tuple(json.loads(text)) if text else ()}
        return record_from(Problem, r, {"status": Status, **dates, **lacks})

    def problem(self, problem_id: int) -> Problem:
        rows = list(self._query(f"SELECT * FROM {PROBLEMS} WHERE id = ?", [problem_id]))
        if not rows:
            raise NotFoundError(f"没有编号为 {problem_id} 的问题", f"no problem with id {problem_id}")
        return self._problem_from(rows[0])

    def problems(
        self,
        *,
        inspection_id: int | None = None,
        status: Status | None = None,
        item_id: str | None = None,
        overdue_on: dt.date | None = None,
        unclosed: bool = False,
    ) -> list[Problem]:
        """Problems, filtered in SQL; `overdue_on`: only those overdue on that day (core.ledger.is_overdue's rule);
        `unclosed`: only those not yet closed out."""
        extra: list[tuple[str, list[Any]]] = []
        if unclosed:
            extra.append(("status != ?", [Status.CLOSED.value]))
        if overdue_on is not None:
            open_ = [s.value for s in ledger.OVERDUE_STATUSES]
            overdue = f"deadline IS NOT NULL AND deadline < ? AND status IN ({', '.join('?' * len(open_))})"
            extra.append((overdue, [overdue_on.isoformat(), *open_]))
        equal = {"inspection_id": inspection_id, "item_id": item_id, "status": status.value if status else None}
        return [self._problem_from(r) for r in self._rows(PROBLEMS, equal, *extra)]

    def items_with_open_problems(self, inspection_id: int) -> set[str]:
        """The items of an inspection with a problem not yet closed: what the filling list marks."""
        rows = self.conn.execute(
            "SELECT DISTINCT item_id FROM problems WHERE inspection_id = ? AND item_id IS NOT NULL AND status != 'closed'",
            [inspection_id],
        ).fetchall()
        return {str(r[0]) for r in rows}

    def carried(self, inspection_id: int) -> list[Carried]:
        """The open problems of earlier rounds this inspection carried in, as they stood then and stand now (one query)."""
        rows = self._query(
            "SELECT p.*, pc.clue_id, c.status_at_start FROM carryovers c JOIN problems p ON p.id = c.problem_id "
            "LEFT JOIN problem_clues pc ON pc.problem_id = p.id "
            "WHERE c.inspection_id = ? ORDER BY c.problem_id",
            [inspection_id],
        )
        return [Carried(self._problem_from(r), Status(r["status_at_start"])) for r in rows]

    @writes(undoable=True)
    def add_problem(
        self,
        description: str | None = None,
        *,
        inspection_id: int | None = None,
        item_id: str | None = None,
        template_id: str | None = None,
        measure: str | None = None,
        owner: str | None = None,
        department: str | None = None,
        deadline: dt.date | None = None,
        raised_on: dt.date | None = None,
        raised_by: str | None = None,
    ) -> Problem:
        """Raise a problem by hand, or from an answer (inspection + item: the description is pre-filled).

        A hand-raised problem may name its checklist (template_id) so it carries into that checklist's next round,
        and the person who raised it (`raised_by`: close-out then needs them answered, 四不放过).
        """
        if template_id is not None:
            template_id = self.checklist(template_id).id  # must be installed
        source = "manual"
        if inspection_id is not None:
            inspection = self.inspection(inspection_id)
            template_id = inspection.template_id
            if item_id is not None:
                template = self.checklist(inspection.template_id, inspection.template_version)
                index = template.item_index
                adjustment = template.adjustment_index.get(item_id)  # a 加减分项 line raises problems too
                if item_id not in index and adjustment is None:
                    raise NotFoundError(f"检查表中没有检查项“{item_id}”", f"the checklist has no item '{item_id}'")
                source = "answer"
                if not description:
                    answer = self.answers(inspection_id).get(item_id)
                    description = adjustment.text if adjustment is not None else index[item_id][1].text
                    if answer and answer.note:
                        description = f"{description}：{answer.note}"
        elif item_id is not None:
            raise RuleError("从检查项提出问题时需要指明自查编号", "raising from an item needs the inspection id")
        if not description or not description.strip():
            raise RuleError("请填写问题描述", "give a description of the problem")
        if raised_on is not None:
            ledger.check_raised_on(raised_on, clock.today())
        pid = self._insert_problem(
            inspection_id, template_id, item_id, source, description, measure, owner, department, deadline, raised_on
        )
        raised_by = raised_by.strip() if raised_by and raised_by.strip() else None
        if raised_by:
            self.db.execute("UPDATE problems SET raised_by = ? WHERE id = ?", [raised_by, pid])
            self._audit("update", "problem", pid, "raised_by", None, raised_by)
        return self.problem(pid)

    def _insert_problem(
        self,
        inspection_id: int | None,
        template_id: str | None,
        item_id: str | None,
        source: str,
        description: str,
        measure: str | None = None,
        owner: str | None = None,
        department: str | None = None,
        deadline: dt.date | None = None,
        raised_on: dt.date | None = None,
    ) -> int:
        """Insert one problem and its audit row; the caller holds the transaction."""
        stamp = now()
        cursor = self.db.execute(
            "INSERT INTO problems (inspection_id, template_id, item_id, source, description, measure, owner, "
            "department, deadline, status, raised_on, created_at, updated_at) "
            "VALUES (?,?,?,?,?,?,?,?,?, 'open', ?,?,?)",
            [
                inspection_id,
                template_id,
                item_id,
                source,
                description.strip(),
                measure,
                owner,
                department,
                deadline.isoformat() if deadline else None,
                (raised_on or clock.today()).isoformat(),
                stamp,
                stamp,
            ],
        )
        pid = int(cursor.lastrowid or 0)
        self._audit("raise", "problem", pid, None, None, description.strip())
        self._changed(problems=[pid])
        return pid

    @writes(undoable=True)
    def raise_problems_from_answers(self, inspection_id: int) -> ChangedList[Problem]:
        """One problem per answer that calls for one (the core's rule: core/state.py) and has none yet, open or closed.

        One action, one unit: either every such problem is raised or none is.
        """
        from selfcheck.core.state import problems_to_raise

        inspection = self.inspection(inspection_id)
        template = self.checklist(inspection.template_id, inspection.template_version)
        have = {p.item_id for p in self.problems(inspection_id=inspection_id) if p.item_id}
        pids = [
            self._insert_problem(inspection.id, inspection.template_id, call.item_id, "answer", call.description)
            for call in problems_to_raise(template, self.answers(inspection_id), have)
        ]
        return ChangedList(self.problem(pid) for pid in pids)

    @writes(undoable=True)
    def update_problem(self, problem_id: int, *, status: Status | None = None, **fields: Any) -> Problem:
        """Change the measure, owner, department, deadline, description or status (not close-out)."""
        unknown = set(fields) - set(PROBLEM_FIELDS)
        if unknown:
            raise RuleError(f"不能修改字段：{', '.join(sorted(unknown))}", f"cannot change: {', '.join(sorted(unknown))}")
        current = self.problem(problem_id)
        if current.status == Status.CLOSED:
            raise RuleError("已销号的问题不能再修改", "a closed problem cannot be changed")
        changes: dict[str, Any] = {}
        for key, value in fields.items():
            if isinstance(value, str):
                value = value.strip() or None
            if key == "description" and not value:
                raise RuleError("问题描述不能为空", "the description cannot be empty")
            if key == "answered_on" and value is not None and value > clock.today():
                raise RuleError("答复日期不能晚于今天", "the answer's date cannot be in the future")
            if getattr(current, key) != value:
                changes[key] = value
        if changes.get("answer") and "answered_on" not in changes and current.answered_on is None:
            changes["answered_on"] = clock.today()  # an answer recorded without its date was given today
        if status is not None and status != current.status:
            ledger.check_move(current.status, status)
            changes["status"] = status
        if not changes:
            return current
        stamp = now()
        for key, value in changes.items():
            stored = value.isoformat() if isinstance(value, dt.date) else (value.value if isinstance(value, Status) else value)
            before = getattr(current, key)
            before = (
                before.isoformat() if isinstance(before, dt.date) else (before.value if isinstance(before, Status) else before)
            )
            self.db.execute(f"UPDATE problems SET {key} = ?, updated_at = ? WHERE id = ?", [stored, stamp, problem_id])
            self._audit("update", "problem", problem_id, key, before, stored)
        self._changed(problems=[problem_id])
        return self.problem(problem_id)

    def _close_answer(self, problem: Problem) -> tuple[bool, tuple[str, str] | None]:
        """Whether the person who raised the problem has been answered: by the problem's own answer, or, for a
        problem raised from a clue, by the clue's answer (its 答复 stage); and what to record if not."""
        if problem.answer and problem.answered_on:
            return True, None
        if problem.clue_id is not None:
            row = self.conn.execute("SELECT answer FROM clues WHERE id = ?", [problem.clue_id]).fetchone()
            if row is not None and row[0]:
                return True, None
            return False, (f"线索 #{problem.clue_id} 的答复（或本问题的答复内容和日期）", f"the answer to clue {problem.clue_id}")
        return False, None

    def close_lacks(self, problem_id: int) -> list[tuple[str, list[tuple[str, str]]]]:
        """What a close-out of this problem would still lack by 四不放过, given a verifier, a date and evidence are
        still to be typed: the GUI shows it before the principal tries."""
        p = self.problem(problem_id)
        answered, hint = self._close_answer(p)
        return ledger.close_needs(
            p.measure,
            "?",
            p.verified_on or clock.today(),
            "?",
            handling=p.handling,
            needs_answer=p.needs_answer,
            answered=answered,
            answer_hint=hint,
        )

    @writes(undoable=True)
    def close_problem(
        self,
        problem_id: int,
        *,
        verified_by: str | None,
        evidence: str | None,
        verified_on: dt.date | None = None,
        today: dt.date | None = None,
        reason: str | None = None,
        handling: str | None = None,
        answer: str | None = None,
        answered_on: dt.date | None = None,
    ) -> Problem:
        """销号, refused unless 四不放过 is met in full: the facts checked (a verifier, a date), the measure carried out
        (a measure and its evidence), the handling recorded and, for a problem raised by a person or from a clue,
        that person answered. `handling` and `answer` may be recorded with the close-out, in the same unit. A date
        before the problem was raised needs `reason`, which the audit log keeps with the close-out."""
        today = today or clock.today()
        current = self.problem(problem_id)
        given: dict[str, Any] = {}
        if handling and handling.strip():
            given["handling"] = handling
        if answer and answer.strip():
            given["answer"] = answer
            if answered_on is not None:
                given["answered_on"] = answered_on
        if given and current.status != Status.CLOSED:
            current = self.update_problem(problem_id, **given)
        answered, hint = self._close_answer(current)
        close = ledger.check_close(
            current.status,
            current.measure,
            verified_by,
            verified_on or today,
            evidence,
            today,
            handling=current.handling,
            needs_answer=current.needs_answer,
            answered=answered,
            answer_hint=hint,
        )
        reason = ledger.check_close_date(close.verified_on, current.raised_on, reason)
        stamp = now()
        self.db.execute(
            "UPDATE problems SET status = 'closed', verified_by = ?, verified_on = ?, evidence = ?, updated_at = ? WHERE id = ?",
            [close.verified_by, close.verified_on.isoformat(), close.evidence, stamp, problem_id],
        )
        self._audit(
            "close",
            "problem",
            problem_id,
            "status",
            current.status.value,
            {
                "status": "closed",
                "verified_by": close.verified_by,
                "verified_on": close.verified_on.isoformat(),
                "evidence": close.evidence,
                "handling": current.handling,
                **({"answer": current.answer} if current.answer else {}),
                **({"reason": reason} if reason else {}),
            },
        )
        self._changed(problems=[problem_id])
        return self.problem(problem_id)
