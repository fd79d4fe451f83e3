"""What the intake hands back: the accepted reports (with the items the summary counts), the rejected files with
their reasons, the history of each school's reports, and the whole `Intake`."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from selfcheck.core.desk import FiledProblem, ReviewFiling, SectionScore
from selfcheck.errors import SelfcheckError


class Cancelled(SelfcheckError):
    """The caller's cancel() said stop; nothing was written."""

    def __init__(self) -> None:
        super().__init__("已取消汇总", "the intake was cancelled")


@dataclass(frozen=True)
class ItemResult:
    """One checklist item as one report answered it."""

    section: str
    number: str
    id: str
    text: str
    type: str
    points: float
    answered: bool
    applicable: bool
    noncompliant: bool


@dataclass(frozen=True)
class Report:
    """An accepted report: verified, with the fields of its embedded data the summary uses."""

    path: str  # as shown: relative to the folder given (prefixed with its name when several were given)
    file: Path
    sha256: str
    school: str
    code: str
    checklist_id: str
    checklist_version: str
    checklist_title: str
    period: str
    status: str
    generated_at: dt.datetime
    generated_text: str
    document_id: str
    points: float
    max: float
    percent: float | None
    grade: str | None
    vetoed: bool
    problems_open: int
    problems_closed: int
    signer: str | None
    fingerprint: str | None
    trusted: bool | None  # True: matched a trusted certificate; None: integrity only, no trust folder given
    items: tuple[ItemResult, ...]
    bonus: float = 0.0  # 加分 and 扣分 as the report's score counted them (after their caps)
    deduction: float = 0.0
    veto_items: tuple[str, ...] = ()  # the triggered veto items as printed: "2.3 不得组织有偿补课"
    # what the bureau's desk files besides the figures above (core.desk.Submission)
    document_fingerprint: str = ""  # sha256 of the embedded data: what a review of this report names
    sections: tuple[SectionScore, ...] = ()
    problems: tuple[FiledProblem, ...] = ()  # the report's ledger: this round's problems and the carried ones

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.code, self.checklist_id, self.period)

    @property
    def verified_zh(self) -> str:
        if self.trusted:
            return "已验证（受信任证书）"
        return f"完整性已验证，未核对证书（指纹 {self.fingerprint}）"

    @property
    def verified_en(self) -> str:
        if self.trusted:
            return "verified (trusted certificate)"
        return f"integrity verified, certificate not checked (fingerprint {self.fingerprint})"


class Interned:
    """One copy of each distinct item result and item tuple for a whole intake: 5,000 reports of a 500-item
    checklist would otherwise hold 2.5 million item objects, each with its own copy of the item's text."""

    def __init__(self) -> None:
        self._items: dict[ItemResult, ItemResult] = {}
        self._tuples: dict[tuple[ItemResult, ...], tuple[ItemResult, ...]] = {}
        self._texts: dict[str, str] = {}

    def report(self, report: Report, path: str, file: Path, sha256: str) -> Report:
        """`report` with where it was found, its items and repeated texts shared with the reports before it."""
        items = self._tuples.get(report.items)
        if items is None:
            items = tuple(self._items.setdefault(item, item) for item in report.items)
            self._tuples[items] = items
        text = self._texts.setdefault
        return dataclasses.replace(
            report,
            path=path,
            file=file,
            sha256=sha256,
            items=items,
            checklist_id=text(report.checklist_id, report.checklist_id),
            checklist_version=text(report.checklist_version, report.checklist_version),
            checklist_title=text(report.checklist_title, report.checklist_title),
            period=text(report.period, report.period),
            status=text(report.status, report.status),
        )


MAX_REASON = 2_000  # characters of a rejection reason: a workbook cell holds 32,767; ours are some hundred


def cap(reason: str, limit: int = MAX_REASON) -> str:
    """A reason cut to `limit` characters, saying so: it goes into a workbook cell and a terminal line."""
    return reason if len(reason) <= limit else reason[: limit - 12] + "…（已截断 / cut）"


@dataclass(frozen=True)
class Outcome:
    """What checking one file came to: its report, or a review to file, or the reason it is rejected (code, zh,
    en). The caller fills in the file's path and SHA-256."""

    report: Report | None
    code: str
    reason_zh: str
    reason_en: str
    review: ReviewFiling | None = None


@dataclass(frozen=True)
class Rejected:
    path: str
    reason_zh: str
    reason_en: str
    code: str


@dataclass(frozen=True)
class HistoryEntry:
    report: Report
    state: Literal["current", "superseded", "copy", "conflict"]
    by: str | None  # superseded: the current report's path; copy: the path of the identical file verified
    # conflict (no trust folder): reports for one school, checklist and period signed by different certificates;
    # none is taken, since without trusted certificates nothing says which is the school's


@dataclass
class Intake:
    roots: list[str]
    trust_dir: str | None
    trusted_certificates: int
    files: int  # .pdf files found (rejected ones included)
    current: list[Report] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    workers: int = 1
    seconds: float = 0.0
    conflicts: int = 0  # groups left undecided: different unchecked signers for one school, checklist and period
    reviews: list[ReviewFiling] = field(default_factory=list)  # 督查意见 verified against the reviewers' certificates

    @property
    def schools(self) -> int:
        return len({r.code for r in self.current})
