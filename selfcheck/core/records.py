"""Plain records the store hands out: what the CLI prints, the GUI shows and the report lays out."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from selfcheck.core import clock
from selfcheck.core.answers import Answer
from selfcheck.core.changes import NOTHING, Changes
from selfcheck.core.checklist_info import ChecklistInfo as ChecklistInfo  # its home; still importable from here
from selfcheck.core.ledger import Status, is_overdue


def _plain(record: Any) -> dict[str, Any]:
    data = asdict(record)
    data.pop("changes", None)
    return data


@dataclass(frozen=True)
class School:
    name: str
    code: str
    principal: str
    address: str | None = None
    updated_at: str | None = None
    # what the write that handed this record out changed (reads hand out NOTHING); never compared or shown
    changes: Changes = field(default=NOTHING, compare=False, repr=False)

    def to_json(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(frozen=True)
class Inspection:
    id: int
    uid: str
    template_id: str
    template_version: str
    period: str
    inspectors: list[str]
    status: str  # draft | complete
    created_at: str
    updated_at: str
    completed_at: str | None = None
    revision: int = 1
    signed_at: str | None = None  # set when a signed report was exported: the inspection is locked
    # what the write that handed this record out changed (reads hand out NOTHING); never compared or shown
    changes: Changes = field(default=NOTHING, compare=False, repr=False)

    @property
    def locked(self) -> bool:
        return self.signed_at is not None

    def to_json(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(frozen=True)
class Problem:
    id: int
    description: str
    status: Status
    source: str  # answer | manual | review (core.ledger.SOURCES)
    inspection_id: int | None = None
    template_id: str | None = None
    item_id: str | None = None
    measure: str | None = None
    owner: str | None = None
    department: str | None = None
    deadline: dt.date | None = None
    raised_on: dt.date | None = None
    verified_by: str | None = None
    verified_on: dt.date | None = None
    evidence: str | None = None
    updated_at: str | None = None
    # 四不放过 in full (upgrade 009): the handling (处理), the person who raised it and the answer they were given;
    # the clue it was raised from (its source shows as 线索); what a problem closed before the upgrade lacks.
    handling: str | None = None
    raised_by: str | None = None
    answer: str | None = None
    answered_on: dt.date | None = None
    clue_id: int | None = None
    lacks: tuple[str, ...] = ()
    # what the write that handed this record out changed (reads hand out NOTHING); never compared or shown
    changes: Changes = field(default=NOTHING, compare=False, repr=False)

    def overdue(self, today: dt.date) -> bool:
        return is_overdue(self.status, self.deadline, today)

    @property
    def needs_answer(self) -> bool:
        """Raised by a person or from a clue: close-out needs that person answered (四不放过)."""
        return bool(self.raised_by) or self.clue_id is not None

    @property
    def source_label(self) -> str:
        """Where it came from, as the ledger shows it: 线索, 自查 (an answer) or 手工."""
        return "线索" if self.clue_id is not None else ("自查" if self.source == "answer" else "手工")

    def to_json(self, today: dt.date | None = None) -> dict[str, Any]:
        data = _plain(self)
        data["status"] = self.status.value
        data["status_label"] = self.status.label
        for key in ("deadline", "raised_on", "verified_on", "answered_on"):
            data[key] = data[key].isoformat() if data[key] else None
        data["lacks"] = list(self.lacks)
        data["source_label"] = self.source_label
        data["overdue"] = self.overdue(today or clock.today())
        return data


@dataclass(frozen=True)
class AnswerChange:
    """What one save changed: the GUI repaints from this, never by re-reading everything."""

    inspection_id: int
    item_id: str
    old: Answer | None
    new: Answer | None
    # what the write that handed this record out changed (reads hand out NOTHING); never compared or shown
    changes: Changes = field(default=NOTHING, compare=False, repr=False)


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    action: str
    entity: str
    entity_id: str
    field: str | None
    old: Any
    new: Any


@dataclass
class Carried:
    """An open problem from an earlier inspection of the same checklist, as it stood and stands."""

    problem: Problem
    status_at_start: Status


@dataclass(frozen=True)
class ReportText:
    """What the 自查报告 says besides the answers, as the principal set it before signing; None: the default (the
    narrative written from the data, the checklist's issuer as addressee, no document number, the day completed)."""

    inspection_id: int
    narrative: str | None = None  # 正文: lines; "一、…" and "（一）…" lines are headings
    addressee: str | None = None  # 主送机关, e.g. 某某县教育局
    document_number: str | None = None  # 发文字号, e.g. 城关一小〔2026〕5号
    inspection_date: dt.date | None = None  # 自查日期: when the school checked (default: the day marked complete)
    changes: Changes = field(default=NOTHING, compare=False, repr=False)

    def to_json(self) -> dict[str, Any]:
        data = _plain(self)
        data["inspection_date"] = self.inspection_date.isoformat() if self.inspection_date else None
        return data
