"""The cadence between inspections (一月一查一反馈、一季度一小结、半年一考核): the school's rhythm, the periods it
works in, and what is done, due and overdue on a day.

- A **monthly check** (月度检查) is an inspection of the chosen short checklist, started in the month and marked
  complete; due by the month's last day.
- A **quarterly summary** (季度小结) and a **half-year assessment** (半年考核) are documents the school signs after
  the period ends; due within `grace_days` of its end (10 by default).

Nothing before the day the rhythm was set (`since`) is ever owed. "Today" is handed in. No I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from selfcheck.core.worded import Worded
from selfcheck.errors import RuleError

MAX_GRACE = 60
LOOK_BACK = 12  # missed periods shown, newest first: a school that set its rhythm years ago is not shown decades


class Kind(Worded):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEAR = "half_year"

    @classmethod
    def _words(cls) -> Mapping[Kind, tuple[str, str]]:
        return KIND_LABELS

    @classmethod
    def parse(cls, text: str) -> Kind:
        """The key (quarterly) or the Chinese name (季度小结), as a clerk would type either."""
        return cls._pick(text, lambda kind, t: t.strip() in (kind.value, kind.label), ("类型", "kind"))


KIND_LABELS: dict[Kind, tuple[str, str]] = {
    Kind.MONTHLY: ("月度检查", "Monthly check"),
    Kind.QUARTERLY: ("季度小结", "Quarterly summary"),
    Kind.HALF_YEAR: ("半年考核", "Half-year assessment"),
}
DOCUMENT_KINDS = (Kind.QUARTERLY, Kind.HALF_YEAR)


class DueState(Worded):
    OVERDUE = "overdue"
    DUE = "due"  # owed now, not yet late
    IN_PROGRESS = "in_progress"  # a monthly check started, not yet complete
    DONE = "done"

    @classmethod
    def _words(cls) -> Mapping[DueState, tuple[str, str]]:
        return DUE_LABELS


DUE_LABELS: dict[DueState, tuple[str, str]] = {
    DueState.OVERDUE: ("已逾期", "Overdue"),
    DueState.DUE: ("待完成", "Due"),
    DueState.IN_PROGRESS: ("进行中", "In progress"),
    DueState.DONE: ("已落实", "Done"),
}


@dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    end: dt.date
    kind: Kind

    @property
    def label(self) -> str:
        """2026年11月 / 2026年第四季度 / 2026年下半年."""
        if self.kind == Kind.MONTHLY:
            return f"{self.start.year}年{self.start.month}月"
        if self.kind == Kind.QUARTERLY:
            return f"{self.start.year}年第{'一二三四'[(self.start.month - 1) // 3]}季度"
        return f"{self.start.year}年{'上' if self.start.month == 1 else '下'}半年"

    def text(self, language: str) -> str:
        """The label in a UI language: 2026-11 / 2026 Q4 / 2026 H2 in English, else `label`."""
        if language != "en":
            return self.label
        if self.kind == Kind.MONTHLY:
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind == Kind.QUARTERLY:
            return f"{self.start.year} Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year} H{1 if self.start.month == 1 else 2}"

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def _month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def period_of(kind: Kind, day: dt.date) -> Period:
    """The month, quarter or half-year that holds `day`."""
    months = {Kind.MONTHLY: 1, Kind.QUARTERLY: 3, Kind.HALF_YEAR: 6}[kind]
    first = (day.month - 1) // months * months + 1
    return Period(dt.date(day.year, first, 1), _month_end(day.year, first + months - 1), kind)


def previous(period: Period) -> Period:
    return period_of(period.kind, period.start - dt.timedelta(days=1))


def document_period(kind: Kind, today: dt.date) -> Period:
    """The period a summary written today is most likely about: the last one that has ended."""
    return previous(period_of(kind, today))


def monthly_check_period(day: dt.date) -> str:
    """The period name of a monthly check started on `day` (data, so always Chinese): 2026年11月月度检查."""
    return f"{period_of(Kind.MONTHLY, day).label}月度检查"


def check_range(start: dt.date, end: dt.date) -> None:
    """A document's own dates: from before to, at most a year and a bit."""
    if end < start:
        raise RuleError(
            f"结束日期 {end.isoformat()} 早于开始日期 {start.isoformat()}",
            f"the end date {end.isoformat()} is before the start date {start.isoformat()}",
        )
    if (end - start).days > 370:
        raise RuleError("时间段不能超过一年", "the period cannot be longer than a year")


@dataclass(frozen=True)
class Rhythm:
    """What the school has set itself: which of the three it keeps, which checklist the monthly check uses, how many
    days after a quarter or half-year its document is due, and since when (nothing earlier is owed)."""

    monthly: bool
    quarterly: bool
    half_year: bool
    since: dt.date
    monthly_checklist: str | None = None
    grace_days: int = 10

    def keeps(self, kind: Kind) -> bool:
        return {Kind.MONTHLY: self.monthly, Kind.QUARTERLY: self.quarterly, Kind.HALF_YEAR: self.half_year}[kind]


def check_rhythm(rhythm: Rhythm) -> Rhythm:
    if rhythm.monthly and not rhythm.monthly_checklist:
        raise RuleError("月度检查需要选定一个检查表", "the monthly check needs a checklist")
    if not 0 <= rhythm.grace_days <= MAX_GRACE:
        raise RuleError(f"报送期限应为期末后 0 到 {MAX_GRACE} 天", f"the days allowed after a period must be 0 to {MAX_GRACE}")
    return rhythm


@dataclass(frozen=True)
class MonthlyCheck:
    """An inspection of the monthly checklist, as the agenda needs it."""

    inspection_id: int
    created_on: dt.date
    complete: bool


@dataclass(frozen=True)
class SignedDocument:
    """A quarterly summary or half-year assessment the school has signed."""

    document_id: int
    kind: Kind
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Due:
    """One line of the agenda: a period's work, whether it is done, due or overdue, and by when."""

    period: Period
    state: DueState
    due_on: dt.date
    ref: int | None = None  # the inspection or document that does it, when there is one

    @property
    def kind(self) -> Kind:
        return self.period.kind

    def days_left(self, today: dt.date) -> int:
        return (self.due_on - today).days


def due_date(period: Period, grace_days: int) -> dt.date:
    return period.end if period.kind == Kind.MONTHLY else period.end + dt.timedelta(days=grace_days)


def _covers(doc: SignedDocument, period: Period) -> bool:
    """A document of the same kind whose dates hold most of the period (a summary written on the quarter's last
    week, or covering a few days more, still counts)."""
    overlap = (min(doc.end, period.end) - max(doc.start, period.start)).days + 1
    return doc.kind == period.kind and overlap * 2 > (period.end - period.start).days + 1


def agenda(rhythm: Rhythm | None, today: dt.date, checks: list[MonthlyCheck], documents: list[SignedDocument]) -> list[Due]:
    """What the cadence asks on `today`: this month's check (done, in progress or due), the last ended quarter's and
    half-year's documents (done, due within the grace days, or overdue), and every earlier period since the rhythm
    was set that was missed (overdue, the newest LOOK_BACK of each kind). Overdue first, then by due date."""
    if rhythm is None:
        return []
    out: list[Due] = []
    if rhythm.monthly:
        period = period_of(Kind.MONTHLY, today)
        missed = 0
        while period.end >= rhythm.since and missed < LOOK_BACK:
            mine = [c for c in checks if period.contains(c.created_on)]
            done = next((c for c in mine if c.complete), None)
            ref: int | None
            state: DueState
            if done is not None:
                state, ref = DueState.DONE, done.inspection_id
            elif period.contains(today):
                state, ref = (DueState.IN_PROGRESS if mine else DueState.DUE), (mine[0].inspection_id if mine else None)
            else:
                state, ref = DueState.OVERDUE, (mine[0].inspection_id if mine else None)
            if period.contains(today) or state == DueState.OVERDUE:
                out.append(Due(period, state, due_date(period, 0), ref))
                missed += state == DueState.OVERDUE
            period = previous(period)
    for kind in DOCUMENT_KINDS:
        if not rhythm.keeps(kind):
            continue
        period = document_period(kind, today)
        latest = True
        missed = 0
        while period.end >= rhythm.since and missed < LOOK_BACK:
            due_on = due_date(period, rhythm.grace_days)
            done_by = next((d for d in documents if _covers(d, period)), None)
            if done_by is not None:
                if latest:
                    out.append(Due(period, DueState.DONE, due_on, done_by.document_id))
            elif today > due_on:
                out.append(Due(period, DueState.OVERDUE, due_on))
                missed += 1
            else:
                out.append(Due(period, DueState.DUE, due_on))
            latest = False
            period = previous(period)
    order = {DueState.OVERDUE: 0, DueState.DUE: 1, DueState.IN_PROGRESS: 2, DueState.DONE: 3}
    return sorted(out, key=lambda d: (order[d.state], d.due_on, d.kind.value))
