"""The report's data: what the PDF shows and carries embedded as "selfcheck-report.json", one schema for the
export (`reports/data.py` builds it), the verification (`reports/verify.py` validates every embedded file against
it with strict types) and the layout. No I/O and no storage here, so a verifying worker loads only this."""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict

FORMAT = "selfcheck.report/1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SchoolData(_Model):
    name: str
    code: str
    principal: str
    address: str | None = None


class InspectionData(_Model):
    id: int
    uid: str
    period: str
    inspectors: list[str]
    status: str
    created_at: str
    completed_at: str | None = None


class ChecklistData(_Model):
    id: str
    version: str
    title: str
    issuer: str
    content_hash: str
    # where the school got the checklist: builtin / signed (by a trusted bureau key) / unsigned; None in older reports
    provenance: Literal["builtin", "signed", "unsigned"] | None = None


class ItemData(_Model):
    number: str  # 序号 as printed: "1.3"
    id: str
    text: str
    type: str
    method: str | None
    evidence: str | None
    rule: str | None
    points: float  # 分值
    earned: float
    applicable: bool
    answered: bool
    vetoed: bool
    result: str  # 自查情况 as printed: the option's label, or the value with its unit, or 未答
    option: str | None
    value: float | str | None
    note: str | None
    problems: list[str]  # 存在问题: descriptions of the problems raised from this item
    measures: list[str]  # 整改措施


class SectionData(_Model):
    id: str
    title: str
    check: str | None
    look: str | None
    max: float
    earned: float
    percent: float | None
    items: list[ItemData]


class AdjustmentData(_Model):
    id: str
    kind: Literal["bonus", "deduction"]
    text: str
    occurrences: int
    points: float


class ScoreData(_Model):
    points: float
    max: float
    percent: float | None
    grade: str | None
    bonus: float
    deduction: float
    vetoed_by: list[str]
    answered: int
    total: int
    counts: dict[str, int]


class ProblemData(_Model):
    id: int
    description: str
    item_id: str | None
    source: str
    measure: str | None
    owner: str | None
    department: str | None
    deadline: str | None
    raised_on: str | None
    status: str
    status_label: str
    overdue: bool
    verified_by: str | None
    verified_on: str | None
    evidence: str | None
    status_at_start: str | None = None  # for last round's problems: how they stood when this round began
    # why a close-out is dated before the problem was raised (an old paper ledger entered later), as recorded
    close_reason: str | None = None


class DocumentData(_Model):
    """The 自查报告 as a 公文 (added after format 1 shipped: optional, so older reports still verify)."""

    addressee: str  # 主送机关: the checklist's issuer unless the principal named another
    document_number: str | None = None  # 发文字号
    inspection_date: str  # 自查日期, ISO: set by the principal, else the day the inspection was marked complete
    narrative: str  # 正文 as printed: lines; "一、…" and "（一）…" lines are headings
    edited: bool  # the principal's text (True) or the one written from the data (False)


class EvidenceData(_Model):
    """A file attached to an item or to a problem as evidence (佐证材料): photos are printed as thumbnails in 附件3,
    every file is listed with its SHA-256, so the bureau can ask for the original and check it is the one."""

    item_id: str
    name: str  # the file's name as it was attached (printable)
    sha256: str
    size: int
    photo: bool  # printed as a thumbnail (a picture Pillow could read within the limits)
    missing: bool = False  # the copy in the data folder is gone or no longer matches its fingerprint
    # a ledger problem's file (added after format 1 shipped: optional): the problem (one of 附件2's) and whether it
    # shows what was found (before, 整改前) or the fix (after, 整改后); item_id is then the problem's item or ""
    problem_id: int | None = None
    phase: Literal["before", "after"] | None = None


class ReportData(_Model):
    format: Literal["selfcheck.report/1"] = "selfcheck.report/1"
    document_id: str
    generated_at: str
    report_date: str  # the date on the sign-and-stamp block, ISO
    school: SchoolData
    inspection: InspectionData
    template: ChecklistData
    score: ScoreData
    sections: list[SectionData]
    adjustments: list[AdjustmentData]
    problems: list[ProblemData]  # raised in this inspection
    carried: list[ProblemData]  # open problems of the previous rounds, as they stand now
    # Added later, optional so that older reports still verify:
    document: DocumentData | None = None
    # every problem of the previous round of this checklist (closed ones too) and the carried ones, as they stand now
    previous: list[ProblemData] | None = None
    evidence: list[EvidenceData] | None = None  # the items' evidence files (附件3)

    def canonical_json(self) -> bytes:
        return self.model_dump_json().encode("utf-8")

    def fingerprint(self) -> str:
        """sha256 of the embedded JSON: what the QR code carries and the bureau can recompute."""
        return hashlib.sha256(self.canonical_json()).hexdigest()
