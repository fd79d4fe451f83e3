"""A quarterly summary's or half-year assessment's data: what its PDF shows and carries embedded as
"selfcheck-report.json", as a report's does, with its own format ("selfcheck.period/1") and a `kind`, so that
`report verify` tells the two apart (reports/attachments.py validates each against its schema, strict types).
No I/O and no storage here."""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict

from selfcheck.reports.schema import ProblemData, SchoolData

FORMAT = "selfcheck.period/1"
KIND_TITLES = {"quarterly": "季度小结", "half_year": "半年考核"}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PeriodInfo(_Model):
    start: str  # ISO
    end: str  # ISO
    label: str  # 2026年第四季度 / 2026年下半年, or the dates when the period is not a calendar one


class PeriodInspectionData(_Model):
    """One inspection of the period (a monthly check or a full self-inspection), with its figures."""

    id: int
    uid: str
    checklist_id: str
    checklist_title: str
    period: str
    status: str
    created_at: str
    completed_at: str | None
    points: float
    max: float
    percent: float | None
    grade: str | None
    answered: int
    total: int
    problems_raised: int


class LedgerMovementData(_Model):
    """The ledger over the period: problems raised, closed out, overdue at its end, still open at its end."""

    raised: list[ProblemData]
    closed: list[ProblemData]
    overdue: list[ProblemData]
    open_at_end: int


class ProgressEntryData(_Model):
    on: str
    percent: int
    note: str
    evidence: str | None  # the evidence file's name (the file stays at school)


class TaskData(_Model):
    id: int
    title: str
    standard: str
    owner: str
    department: str | None
    deadline: str
    problem_id: int | None
    percent: int  # as it stands on the report date
    state: str
    state_label: str
    overdue: bool
    stalled: bool
    entries: list[ProgressEntryData]  # the progress entries dated within the period


class ClueTallyData(_Model):
    """The period's clues (问题线索) as reports quote them; present when the store keeps a clue register."""

    accepted: int
    true: int
    accountable: int
    concluded: int
    in_progress: int
    sentence: str


class PeriodText(_Model):
    addressee: str  # 主送机关
    document_number: str | None = None  # 发文字号
    narrative: str  # 正文 as printed: "一、…" and "（一）…" lines are headings
    edited: bool  # the principal's text (True) or the one written from the data (False)


class PeriodData(_Model):
    format: Literal["selfcheck.period/1"] = "selfcheck.period/1"
    kind: Literal["quarterly", "half_year"]
    kind_label: str  # 季度小结 / 半年考核
    document_id: str
    generated_at: str
    report_date: str  # the date under the seal, ISO
    school: SchoolData
    period: PeriodInfo
    inspections: list[PeriodInspectionData]
    ledger: LedgerMovementData
    tasks: list[TaskData]
    clues: ClueTallyData | None = None
    document: PeriodText

    def canonical_json(self) -> bytes:
        return self.model_dump_json().encode("utf-8")

    def fingerprint(self) -> str:
        return hashlib.sha256(self.canonical_json()).hexdigest()

    @property
    def title(self) -> str:
        """《城关一小2026年第四季度工作小结》 / 《…2026年下半年工作考核报告》, without the book-title marks."""
        if self.kind == "quarterly":
            return f"{self.school.name}{self.period.label}工作小结"
        return f"{self.school.name}{self.period.label}工作考核报告"
