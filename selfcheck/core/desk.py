"""The bureau's desk for a round (a 期次 and a checklist): who submitted, who did not, the ranking overall, per 学区
and per section, the gap between a school's own score (自评) and its review (督评), and overdue problems.

Pure rules over plain records: the desk's database (`storage/desk.py`) hands the rows of one round to `status`,
which every skin (CLI JSON, the bureau page, the 通报 and 督办单) shows the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from selfcheck.core.ledger import OVERDUE_STATUSES

GAP_FLAG = 10.0  # percentage points a school's own score may exceed its review before it is called out
NO_DISTRICT = "（未分学区）"
_OVERDUE = frozenset(s.value for s in OVERDUE_STATUSES)
DEFAULT_UNIT = "县教育局"  # the documents' issuing unit when none is set (the unit's profile: school set --name …)


@dataclass(frozen=True)
class RosterEntry:
    """One school on the bureau's roster (名册)."""

    code: str  # 学校代码, unique
    name: str  # 学校名称
    district: str = ""  # 学区
    category: str = ""  # 类别 (小学, 初中, ...)
    active: bool = True  # False: left out of the last roster imported (kept for the history)


@dataclass(frozen=True)
class SectionScore:
    title: str
    earned: float
    max: float

    @property
    def percent(self) -> float | None:
        return None if self.max <= 0 else round(100 * self.earned / self.max, 1)


@dataclass(frozen=True)
class FiledProblem:
    """A problem as the school's report carried it in its ledger (问题清单)."""

    description: str
    item_id: str | None = None
    item_text: str | None = None
    owner: str | None = None
    department: str | None = None
    deadline: str | None = None  # ISO date
    status: str = "open"

    def overdue_on(self, today: dt.date) -> bool:
        if not self.deadline or self.status not in _OVERDUE:
            return False
        try:
            return dt.date.fromisoformat(self.deadline) < today
        except ValueError:
            return False


@dataclass(frozen=True)
class Submission:
    """A verified report as the desk files it: what the round's figures need, never the file's bytes."""

    sha256: str  # the file's, so that the same file filed twice is one submission
    path: str  # as the intake showed it
    code: str
    school: str
    checklist_id: str
    checklist_version: str
    checklist_title: str
    period: str
    generated_at: dt.datetime  # the newest wins; aware
    document_id: str
    fingerprint: str  # the report's document fingerprint (sha256 of its embedded data): what a review names
    signer: str  # the signing certificate's fingerprint
    points: float
    max: float
    percent: float | None
    grade: str | None
    vetoed: bool
    sections: tuple[SectionScore, ...] = ()
    problems: tuple[FiledProblem, ...] = ()


@dataclass(frozen=True)
class ReviewFiling:
    """A review (督查) of a school's report, already verified by the reviewer's side of the exchange: the desk
    files it beside the report it names (by the report's document fingerprint)."""

    sha256: str  # the review file's
    review_id: str  # the review's own document id
    report_fingerprint: str
    code: str
    checklist_id: str
    period: str
    level: str  # 学区, 督查组, 教育局 ...
    reviewer: str  # the person
    unit: str  # the reviewing unit
    points: float
    max: float
    percent: float | None
    grade: str | None
    generated_at: dt.datetime
    path: str = ""  # the file as the intake showed it


@dataclass(frozen=True)
class Filed:
    """A round's current submission as the desk reads it back, with the school's roster entry when it has one."""

    code: str
    school: str
    district: str
    category: str
    on_roster: bool
    points: float
    max: float
    percent: float | None
    grade: str | None
    vetoed: bool
    generated_at: str
    checklist_version: str
    fingerprint: str
    versions: int  # how many different reports this school filed for the round (1: no resubmission)


@dataclass(frozen=True)
class ReviewRow:
    code: str
    level: str
    reviewer: str
    unit: str
    points: float
    max: float
    percent: float | None
    grade: str | None
    generated_at: str
    matches_current: bool  # names the school's current report (False: it reviewed a superseded one)


@dataclass(frozen=True)
class Ranked:
    rank: int
    district_rank: int
    filed: Filed
    review: ReviewRow | None  # the latest review of the school's current report in this round
    overdue: int
    levels: tuple[ReviewRow, ...] = ()  # the latest review of the current report at each level, oldest first

    @property
    def gap(self) -> float | None:
        """自评 minus 督评, in percentage points (positive: the school rated itself higher than its review)."""
        return None if self.review is None else gap(self.filed.percent, self.review.percent)

    @property
    def flagged(self) -> bool:
        return self.gap is not None and self.gap >= GAP_FLAG


@dataclass(frozen=True)
class OverdueItem:
    code: str
    school: str
    district: str
    problem: FiledProblem
    days: int


@dataclass(frozen=True)
class SectionRow:
    title: str
    schools: int
    average: float | None  # mean of the schools' section percents
    lowest: tuple[tuple[str, str, float], ...]  # (code, name, percent), the three lowest
    ranking: tuple[tuple[int, str, str, float], ...] = ()  # (rank, code, name, percent), highest first


@dataclass(frozen=True)
class CommonProblem:
    item_id: str | None
    text: str
    schools: int


@dataclass
class RoundStatus:
    period: str
    checklist_id: str
    checklist_title: str
    today: dt.date
    ranking: list[Ranked] = field(default_factory=list)
    missing: list[RosterEntry] = field(default_factory=list)
    sections: list[SectionRow] = field(default_factory=list)
    overdue: list[OverdueItem] = field(default_factory=list)
    common: list[CommonProblem] = field(default_factory=list)
    reviews: list[ReviewRow] = field(default_factory=list)
    roster_size: int = 0

    @property
    def districts(self) -> dict[str, list[Ranked]]:
        out: dict[str, list[Ranked]] = {}
        for r in self.ranking:
            out.setdefault(r.filed.district or NO_DISTRICT, []).append(r)
        return dict(sorted(out.items(), key=lambda kv: _natural(kv[0])))

    @property
    def reviewed(self) -> list[Ranked]:
        return [r for r in self.ranking if r.review is not None]

    def overdue_by_school(self) -> dict[str, list[OverdueItem]]:
        out: dict[str, list[OverdueItem]] = {}
        for item in self.overdue:
            out.setdefault(item.code, []).append(item)
        return out

    def to_json(self) -> dict[str, Any]:
        def school(r: Ranked) -> dict[str, Any]:
            f = r.filed
            return {
                "rank": r.rank,
                "district_rank": r.district_rank,
                "code": f.code,
                "name": f.school,
                "district": f.district,
                "category": f.category,
                "on_roster": f.on_roster,
                "points": f.points,
                "max": f.max,
                "percent": f.percent,
                "grade": f.grade,
                "vetoed": f.vetoed,
                "overdue": r.overdue,
                "review_percent": r.review.percent if r.review else None,
                "gap": r.gap,
                "flagged": r.flagged,
            }

        return {
            "period": self.period,
            "checklist": self.checklist_id,
            "title": self.checklist_title,
            "today": self.today.isoformat(),
            "roster": self.roster_size,
            "submitted": [
                {"code": r.filed.code, "name": r.filed.school, "generated_at": r.filed.generated_at, "versions": r.filed.versions}
                for r in sorted(self.ranking, key=lambda r: r.filed.code)
            ],
            "missing": [{"code": m.code, "name": m.name, "district": m.district} for m in self.missing],
            "reviewed": [
                {
                    "code": r.filed.code,
                    "name": r.filed.school,
                    "level": r.review.level,
                    "reviewer": r.review.reviewer,
                    "unit": r.review.unit,
                    "self_percent": r.filed.percent,
                    "review_percent": r.review.percent,
                    "gap": r.gap,
                    "flagged": r.flagged,
                    "levels": [
                        {
                            "level": v.level,
                            "unit": v.unit,
                            "reviewer": v.reviewer,
                            "points": v.points,
                            "max": v.max,
                            "percent": v.percent,
                            "grade": v.grade,
                            "generated_at": v.generated_at,
                            "gap": gap(r.filed.percent, v.percent),
                        }
                        for v in r.levels
                    ],
                }
                for r in self.reviewed
                if r.review is not None
            ],
            "ranking": [school(r) for r in self.ranking],
            "districts": {d: [r.filed.code for r in rows] for d, rows in self.districts.items()},
            "sections": [
                {
                    "title": s.title,
                    "schools": s.schools,
                    "average": s.average,
                    "lowest": [{"code": c, "name": n, "percent": p} for c, n, p in s.lowest],
                    "ranking": [{"rank": r, "code": c, "name": n, "percent": p} for r, c, n, p in s.ranking],
                }
                for s in self.sections
            ],
            "common_problems": [{"item": c.item_id, "text": c.text, "schools": c.schools} for c in self.common],
            "overdue": [
                {
                    "code": o.code,
                    "name": o.school,
                    "description": o.problem.description,
                    "owner": o.problem.owner,
                    "deadline": o.problem.deadline,
                    "days": o.days,
                }
                for o in self.overdue
            ],
        }


def gap(own: float | None, review: float | None) -> float | None:
    """自评 minus 督评 in percentage points, or None when either is missing."""
    return None if own is None or review is None else round(own - review, 1)


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """第2学区 before 第10学区: digits compared as numbers."""
    import re

    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text) if part)


def _rank_key(f: Filed) -> tuple[bool, float]:
    """Vetoed reports after all others, then by percent, highest first (no percent: last)."""
    return (f.vetoed, -(f.percent if f.percent is not None else -1.0))


def _ranks(rows: Sequence[Filed]) -> list[int]:
    """Competition ranking over rows already in order: equal keys share a rank (1, 2, 2, 4)."""
    out: list[int] = []
    for i, f in enumerate(rows):
        out.append(out[-1] if i and _rank_key(rows[i - 1]) == _rank_key(f) else i + 1)
    return out


def status(
    period: str,
    checklist_id: str,
    checklist_title: str,
    today: dt.date,
    roster: Iterable[RosterEntry],
    filed: Iterable[Filed],
    sections: Iterable[tuple[str, SectionScore]],
    problems: Iterable[tuple[str, FiledProblem]],
    reviews: Iterable[ReviewRow],
) -> RoundStatus:
    """The round's status from its rows: the current submission per school, the active roster, the current
    submissions' section scores and problems (by school code) and the reviews filed for the round."""
    active = [r for r in roster if r.active]
    current = sorted(filed, key=lambda f: (*_rank_key(f), f.code))
    by_code = {f.code: f for f in current}
    out = RoundStatus(period, checklist_id, checklist_title, today, roster_size=len(active))
    out.missing = sorted((r for r in active if r.code not in by_code), key=lambda r: (r.district, r.code))
    latest: dict[str, ReviewRow] = {}
    levels: dict[str, dict[str, ReviewRow]] = {}
    for review in sorted(reviews, key=lambda r: r.generated_at):  # stable: equal times keep the order filed
        out.reviews.append(review)
        # the gap is the current report's: a review of a report since superseded is listed, never compared
        if review.code in by_code and review.matches_current:
            latest[review.code] = review
            levels.setdefault(review.code, {}).pop(review.level, None)  # the level's latest, in time order
            levels[review.code][review.level] = review
    overdue: list[OverdueItem] = []
    common: dict[str, tuple[str | None, str, set[str]]] = {}
    for code, problem in problems:
        f = by_code.get(code)
        if f is None:
            continue
        key = problem.item_id or problem.description
        text = problem.item_text or problem.description
        common.setdefault(key, (problem.item_id, text, set()))[2].add(code)
        if problem.overdue_on(today):
            days = (today - dt.date.fromisoformat(problem.deadline or today.isoformat())).days
            overdue.append(OverdueItem(code, f.school, f.district, problem, days))
    overdue.sort(key=lambda o: (o.district, o.code, -o.days, o.problem.description))
    out.overdue = overdue
    counts: dict[str, int] = {}
    for o in overdue:
        counts[o.code] = counts.get(o.code, 0) + 1
    ranks = _ranks(current)
    district_rows: dict[str, list[Filed]] = {}
    for f in current:
        district_rows.setdefault(f.district, []).append(f)
    district_rank: dict[str, int] = {}
    for rows in district_rows.values():
        for f, r in zip(rows, _ranks(rows), strict=True):
            district_rank[f.code] = r
    out.ranking = [
        Ranked(
            rank,
            district_rank[f.code],
            f,
            latest.get(f.code),
            counts.get(f.code, 0),
            tuple(levels.get(f.code, {}).values()),
        )
        for f, rank in zip(current, ranks, strict=True)
    ]
    per_section: dict[str, list[tuple[str, str, float]]] = {}
    order: list[str] = []
    for code, score in sections:
        f = by_code.get(code)
        if f is None:
            continue
        if score.title not in per_section:
            order.append(score.title)
            per_section[score.title] = []
        percent = score.percent
        if percent is not None:
            per_section[score.title].append((code, f.school, percent))
    for title in order:
        values = per_section[title]
        average = round(sum(v for _, _, v in values) / len(values), 1) if values else None
        lowest = tuple(sorted(values, key=lambda v: (v[2], v[0]))[:3])
        best = sorted(values, key=lambda v: (-v[2], v[0]))
        places: list[int] = []
        for i, v in enumerate(best):
            places.append(places[-1] if i and best[i - 1][2] == v[2] else i + 1)
        ranked = tuple((r, c, n, p) for r, (c, n, p) in zip(places, best, strict=True))
        out.sections.append(SectionRow(title, len(values), average, lowest, ranked))
    out.common = sorted(
        (CommonProblem(item, text, len(codes)) for item, text, codes in common.values()),
        key=lambda c: (-c.schools, c.text),
    )[:10]
    return out
