"""The clue register (问题线索): receive a clue, record each stage (核查 → 处理 → 答复 → 办结), raise ledger problems
from a clue found true, tally a period. The rules are the core's (core/clues.py); every step is audited."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from selfcheck.core import clock
from selfcheck.core.records import Problem
from selfcheck.errors import NotFoundError, RuleError
from selfcheck.storage.base import record_from, stored_day, writes
from selfcheck.storage.db import now
from selfcheck.storage.ledger import LedgerStore

if TYPE_CHECKING:  # the rules are imported where they are used: opening the store does not pay for them
    from selfcheck.core.clues import Clue, Stage, Tally


@dataclass(frozen=True)
class ClueStep:
    """One stage as it was recorded: the day it happened, what was recorded, when."""

    stage: Stage
    day: dt.date
    detail: dict[str, Any]
    recorded_at: str


class ClueStore(LedgerStore):
    def _clue_from(self, r: dict[str, Any], problem_ids: tuple[int, ...]) -> Clue:
        from selfcheck.core.clues import Clue, Stage

        dates = dict.fromkeys(("checked_on", "handled_on", "answered_on", "concluded_on"), stored_day)
        read = {"received_on": dt.date.fromisoformat, "stage": Stage, **dates}
        return record_from(Clue, r, read, problem_ids=problem_ids)

    def _clue_problems(self) -> dict[int, tuple[int, ...]]:
        links: dict[int, list[int]] = {}
        for clue_id, problem_id in self.conn.execute("SELECT clue_id, problem_id FROM problem_clues ORDER BY problem_id"):
            links.setdefault(int(clue_id), []).append(int(problem_id))
        return {k: tuple(v) for k, v in links.items()}

    def clue(self, clue_id: int) -> Clue:
        rows = list(self._query("SELECT * FROM clues WHERE id = ?", [clue_id]))
        if not rows:
            raise NotFoundError(f"没有编号为 {clue_id} 的线索", f"no clue with id {clue_id}")
        links = self.conn.execute("SELECT problem_id FROM problem_clues WHERE clue_id = ? ORDER BY problem_id", [clue_id])
        return self._clue_from(rows[0], tuple(int(r[0]) for r in links))

    def clues(
        self, *, stage: Stage | None = None, received_from: dt.date | None = None, received_to: dt.date | None = None
    ) -> list[Clue]:
        """Clues by id, filtered in SQL: at a stage, received within [from, to]."""
        extra: list[tuple[str, list[Any]]] = []
        if received_from is not None:
            extra.append(("received_on >= ?", [received_from.isoformat()]))
        if received_to is not None:
            extra.append(("received_on <= ?", [received_to.isoformat()]))
        links = self._clue_problems()
        rows = self._rows("clues", {"stage": stage.value if stage else None}, *extra)
        return [self._clue_from(r, links.get(int(r["id"]), ())) for r in rows]

    def clue_steps(self, clue_id: int) -> list[ClueStep]:
        from selfcheck.core.clues import Stage

        self.clue(clue_id)
        rows = self._query("SELECT * FROM clue_steps WHERE clue_id = ? ORDER BY id", [clue_id])
        return [
            ClueStep(Stage(r["stage"]), dt.date.fromisoformat(r["day"]), json.loads(r["detail"]), r["recorded_at"]) for r in rows
        ]

    def clue_tally(self, received_from: dt.date | None = None, received_to: dt.date | None = None) -> Tally:
        """The tally of the clues received in a period, as reports quote it (core.clues.Tally.sentence)."""
        from selfcheck.core import clues as rules

        if received_from and received_to and received_from > received_to:
            raise RuleError("起始日期晚于截止日期", "the start of the period is after its end")
        return rules.tally(self.clues(received_from=received_from, received_to=received_to))

    def _step(self, clue_id: int, stage: Stage, day: dt.date, detail: dict[str, Any]) -> None:
        stamp = now()
        self.db.execute(
            "INSERT INTO clue_steps (clue_id, stage, day, detail, recorded_at) VALUES (?, ?, ?, ?, ?)",
            [clue_id, stage.value, day.isoformat(), json.dumps(detail, ensure_ascii=False), stamp],
        )
        self._changed(clues=[clue_id])

    @writes(undoable=True)
    def add_clue(
        self,
        source: str,
        received_on: dt.date,
        summary: str,
        *,
        contact: str | None = None,
        staff: str | None = None,
        channel: str | None = None,
    ) -> Clue:
        """受理: register a clue (its source, the day it came, the person's contact kept private, the staff concerned)."""
        from selfcheck.core import clues as rules
        from selfcheck.core.clues import Stage

        source_text = rules.text_field(source, "线索来源", "source", required=True)
        summary_text = rules.text_field(summary, "线索内容", "summary", required=True)
        assert source_text and summary_text
        named = rules.channel_of(source_text, channel)
        rules.check_day(received_on, clock.today(), "受理日期")
        contact = rules.text_field(contact, "联系方式", "contact")
        staff = rules.text_field(staff, "涉及人员", "staff concerned")
        stamp = now()
        cursor = self.db.execute(
            "INSERT INTO clues (source, channel, received_on, contact, summary, staff, stage, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, '受理', ?, ?)",
            [source_text, named, received_on.isoformat(), contact, summary_text, staff, stamp, stamp],
        )
        clue_id = int(cursor.lastrowid or 0)
        # The audit log keeps that a contact was given, never the contact itself: the log is read more widely.
        detail = {"source": source_text, "channel": named, "summary": summary_text, "staff": staff, "contact": bool(contact)}
        self._audit("receive", "clue", clue_id, "stage", None, {"stage": Stage.RECEIVED.value, **detail})
        self._step(clue_id, Stage.RECEIVED, received_on, detail)
        return self.clue(clue_id)

    @writes(undoable=True)
    def record_clue_stage(
        self,
        clue_id: int,
        stage: Stage,
        *,
        day: dt.date | None = None,
        finding: str | None = None,
        checked_by: str | None = None,
        handling: str | None = None,
        accountability: str | None = None,
        answer: str | None = None,
    ) -> Clue:
        """Record a stage: 核查 (finding, who checked), 处理 (the handling, accountability if any), 答复 (how the
        person was answered), 办结 (the person answered and, for a clue found true, its problems closed out).
        The same stage again corrects it; a stage is never skipped but 处理 for a clue found untrue."""
        from selfcheck.core import clues as rules
        from selfcheck.core.clues import Stage

        current = self.clue(clue_id)
        rules.check_move(current.stage, stage, finding if stage == Stage.CHECKED else current.finding)
        today = clock.today()
        day = rules.check_day(day or today, today, f"{stage.value}日期", not_before=current.received_on)
        values: dict[str, Any]
        if stage == Stage.CHECKED:
            values = {
                "finding": rules.check_finding(finding),
                "checked_by": rules.text_field(checked_by, "核查人", "checker", required=True),
                "checked_on": day.isoformat(),
            }
        elif stage == Stage.HANDLED:
            values = {
                "handling": rules.text_field(handling, "处理情况", "handling", required=True),
                "accountability": rules.text_field(accountability, "追责问责", "accountability"),
                "handled_on": day.isoformat(),
            }
        elif stage == Stage.ANSWERED:
            values = {"answer": rules.text_field(answer, "答复情况", "answer", required=True), "answered_on": day.isoformat()}
        elif stage == Stage.CONCLUDED:
            linked = [rules.LinkedProblem(p, self.problem(p).status.value == "closed") for p in current.problem_ids]
            rules.check_conclude(current.finding, current.answer, linked)
            values = {"concluded_on": day.isoformat()}
        else:
            raise RuleError("“受理”只在登记线索时记录", "受理 is recorded when the clue is registered")
        if stage == Stage.CHECKED and current.problem_ids and values["finding"] not in rules.TRUE_FINDINGS:
            raise RuleError(
                "已据此线索登记了整改问题，核查结论不能改为“不属实”",
                "problems were raised from this clue: it cannot be found untrue now",
            )
        values["stage"] = stage.value
        old = {
            k: (getattr(current, k).isoformat() if isinstance(getattr(current, k), dt.date) else getattr(current, k))
            for k in values
        }
        old["stage"] = current.stage.value
        sets = ", ".join(f"{k} = ?" for k in values)
        self.db.execute(f"UPDATE clues SET {sets}, updated_at = ? WHERE id = ?", [*values.values(), now(), clue_id])
        self._audit("stage", "clue", clue_id, "stage", old, values)
        self._step(clue_id, stage, day, {k: v for k, v in values.items() if k != "stage"})
        return self.clue(clue_id)

    @writes(undoable=True)
    def correct_clue(
        self, clue_id: int, *, summary: str | None = None, contact: str | None = None, staff: str | None = None
    ) -> Clue:
        """Correct what was registered (a typo in the summary, the contact, the staff concerned) before 办结; "" clears
        the contact or the staff. The audit log keeps the old and new summary and staff, and only that the contact
        changed."""
        from selfcheck.core import clues as rules
        from selfcheck.core.clues import Stage

        current = self.clue(clue_id)
        if current.stage == Stage.CONCLUDED:
            raise RuleError("该线索已办结，不能再修改", "this clue is concluded and cannot be changed")
        given: dict[str, str | None] = {}
        if summary is not None:
            given["summary"] = rules.text_field(summary, "线索内容", "summary", required=True)
        if contact is not None:
            given["contact"] = rules.text_field(contact, "联系方式", "contact")
        if staff is not None:
            given["staff"] = rules.text_field(staff, "涉及人员", "staff concerned")
        changed = {k: v for k, v in given.items() if getattr(current, k) != v}
        if not changed:
            return current
        stamp = now()
        for key, value in changed.items():
            self.db.execute(f"UPDATE clues SET {key} = ?, updated_at = ? WHERE id = ?", [value, stamp, clue_id])
            if key == "contact":
                self._audit("correct", "clue", clue_id, key, bool(current.contact), bool(value))
            else:
                self._audit("correct", "clue", clue_id, key, getattr(current, key), value)
        self._changed(clues=[clue_id])
        return self.clue(clue_id)

    @writes(undoable=True)
    def raise_problem_from_clue(
        self,
        clue_id: int,
        description: str | None = None,
        *,
        measure: str | None = None,
        owner: str | None = None,
        department: str | None = None,
        deadline: dt.date | None = None,
    ) -> Problem:
        """A clue found true (属实 / 部分属实) becomes a ledger problem linked to it (its source shows as 线索); the
        description defaults to the clue's summary. One clue may raise several problems."""
        from selfcheck.core import clues as rules
        from selfcheck.core.clues import Stage

        clue = self.clue(clue_id)
        if clue.stage == Stage.CONCLUDED:
            raise RuleError("该线索已办结，不能再登记问题", "the clue is concluded: no more problems can be raised from it")
        if not clue.found_true:
            found = f"核查结论为“{clue.finding}”" if clue.finding else "尚未核查"
            raise RuleError(
                f"线索 #{clue_id} {found}；只有核查属实或部分属实的线索才能登记整改问题",
                f"clue {clue_id} is not found true: only a clue found true raises a problem",
            )
        text = rules.text_field(description, "问题描述", "description") or clue.summary
        pid = self._insert_problem(None, None, None, "manual", text, measure, owner, department, deadline, clock.today())
        self.db.execute("INSERT INTO problem_clues (problem_id, clue_id) VALUES (?, ?)", [pid, clue_id])
        self._audit("link", "problem", pid, "clue_id", None, clue_id)
        self._audit("raise_problem", "clue", clue_id, "problem_id", None, pid)
        self._changed(clues=[clue_id])
        return self.problem(pid)
