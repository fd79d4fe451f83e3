"""A review's data (督查意见): what the signed review PDF shows and carries embedded as "selfcheck-review.json".

One schema for the reviewer's export (`reports/review_data.py` builds it), the verification (`reports/review_verify.py`
validates every embedded file against it with strict types), the school's import and the bureau's desk. The
school's report is named by the SHA-256 of the signed file the reviewer verified (`report.sha256`), which the
school finds in its own export log. No I/O here, so a verifying worker loads only this.
"""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict

from selfcheck.reports.schema import ChecklistData, SchoolData

FORMAT = "selfcheck.review/1"
DATA_NAME = "selfcheck-review.json"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReviewerData(_Model):
    name: str  # the reviewing unit, as its certificate names it
    code: str
    kind: str  # 学区 / 督查组 / 教育局 / 学校
    people: list[str]  # the reviewers who checked (督查组成员)


class ReviewedReport(_Model):
    """The school's signed report this review is of."""

    sha256: str  # of the signed PDF file as the reviewer verified it
    data_fingerprint: str  # sha256 of the report's embedded JSON
    document_id: str
    signer_fingerprint: str  # the school's certificate
    school: SchoolData
    period: str
    inspection_uid: str
    report_date: str
    template: ChecklistData


class FiguresData(_Model):
    points: float
    max: float
    percent: float | None
    grade: str | None
    vetoed_by: list[str]
    answered: int
    total: int


class ReviewItemData(_Model):
    number: str  # 序号 as printed: "1.3"
    id: str
    text: str
    type: str
    points: float  # 分值
    school_result: str  # 自查情况 as the school's report printed it
    school_option: str | None
    school_value: float | str | None
    school_note: str | None
    school_earned: float  # 自评得分
    result: str  # 督查情况: the reviewer's answer as printed, 未查 when not looked at
    option: str | None
    value: float | str | None
    note: str | None
    earned: float  # 督评得分
    applicable: bool
    answered: bool
    worse: bool  # the reviewer found it worse than the school (core.review)
    reason: str
    problems: list[str]  # what the reviewer found on this item


class ReviewSectionData(_Model):
    id: str
    title: str
    max: float
    school_earned: float
    earned: float
    items: list[ReviewItemData]


class ReviewProblemData(_Model):
    item_id: str | None
    description: str


class EarlierReviewData(_Model):
    """A review of the same report at another level, made before this one: its summary."""

    review_id: str
    level: str
    reviewer: str
    review_date: str
    points: float
    max: float
    percent: float | None
    grade: str | None


class ReviewData(_Model):
    format: Literal["selfcheck.review/1"] = "selfcheck.review/1"
    review_id: str  # uuid: the same review exported again keeps it
    generated_at: str
    review_date: str  # the date on the sign-and-stamp block, ISO
    level: str  # 学区 / 干部抽查 / 督查组 / 教育局
    reviewer: ReviewerData
    report: ReviewedReport
    school_score: FiguresData  # 自评
    score: FiguresData  # 督评
    sections: list[ReviewSectionData]
    problems: list[ReviewProblemData]  # every problem the reviewer wrote down, per item or overall
    opinion: str  # 督查意见: the reviewer's text, or the one written from the data
    earlier: list[EarlierReviewData]

    def canonical_json(self) -> bytes:
        return self.model_dump_json().encode("utf-8")

    def fingerprint(self) -> str:
        return hashlib.sha256(self.canonical_json()).hexdigest()

    @property
    def items(self) -> list[ReviewItemData]:
        return [i for s in self.sections for i in s.items]
