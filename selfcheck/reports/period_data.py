"""A quarterly summary's or half-year assessment's data, gathered from the store (read-only): the period's
inspections with their figures, the ledger's movement (raised, closed, overdue, still open), the responsibility
list's progress, the clue tally where the store keeps clues, and the text (the principal's, or the one written
from all this by reports/period_narrative.py)."""

from __future__ import annotations

import datetime as dt
import uuid

from selfcheck.core import clock
from selfcheck.core import tasks as task_rules
from selfcheck.core.cadence import DOCUMENT_KINDS, Kind, period_of
from selfcheck.core.ledger import OVERDUE_STATUSES, Status
from selfcheck.core.printable import printable
from selfcheck.core.records import Problem
from selfcheck.errors import RuleError
from selfcheck.reports import period_narrative
from selfcheck.reports.data import problem_data
from selfcheck.reports.narrative import bureau
from selfcheck.reports.period_schema import (
    ClueTallyData,
    LedgerMovementData,
    PeriodData,
    PeriodInfo,
    PeriodInspectionData,
    PeriodText,
    ProgressEntryData,
    TaskData,
)
from selfcheck.reports.schema import SchoolData
from selfcheck.storage import Store


def label_of(kind: Kind, start: dt.date, end: dt.date) -> str:
    """The calendar period's name when [start, end] is exactly one (2026年第四季度), else the dates."""
    period = period_of(kind, start)
    if (period.start, period.end) == (start, end):
        return period.label
    return f"{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日"


def clue_tally(store: Store, start: dt.date, end: dt.date) -> ClueTallyData | None:
    """The period's clues (问题线索) as the document quotes them: the register's tally and its sentence; None when
    no clue was received in the period (the document then has no clue section)."""
    tally = store.clue_tally(start, end)
    if not tally.accepted:
        return None
    return ClueTallyData(**tally.to_json(), sentence=tally.sentence())


def _day(iso: str | None) -> dt.date | None:
    return dt.datetime.fromisoformat(iso).date() if iso else None


def _open_at(p: Problem, day: dt.date) -> bool:
    """Raised by `day` and not closed out by then."""
    raised = p.raised_on or dt.date.min
    closed_by_then = p.status == Status.CLOSED and p.verified_on is not None and p.verified_on <= day
    return raised <= day and not closed_by_then


def build(store: Store, document_id: int, *, today: dt.date | None = None) -> PeriodData:
    """The data of the period document `document_id` (Store.open_period_document)."""
    today = today or clock.today()
    doc = store.period_document(document_id)
    if doc.kind not in DOCUMENT_KINDS:
        raise RuleError("只有季度小结和半年考核是文件", "only quarterly summaries and half-year assessments are documents")
    school = store.school()
    if school is None:
        raise RuleError("请先设置学校信息（selfcheck school set …）", "set the school profile first (selfcheck school set)")
    start, end = doc.start, doc.end
    as_of = min(end, today)  # "at the period's end", or today while it runs

    titles = {(c.template_id, c.version): c.title for c in store.checklists()}
    inspections = [
        i
        for i in store.inspections()
        if start <= (_day(i.created_at) or dt.date.min) <= end or start <= (_day(i.completed_at) or dt.date.min) <= end
    ]
    figures = store.summaries([i.id for i in inspections])
    problems = store.problems()
    raised_in: dict[int, int] = {}
    for p in problems:
        if p.inspection_id is not None:
            raised_in[p.inspection_id] = raised_in.get(p.inspection_id, 0) + 1
    rows = []
    for i in inspections:
        f = figures[i.id]
        rows.append(
            PeriodInspectionData(
                id=i.id,
                uid=i.uid,
                checklist_id=i.template_id,
                checklist_title=titles.get((i.template_id, i.template_version), i.template_id),
                period=i.period,
                status=i.status,
                created_at=i.created_at,
                completed_at=i.completed_at,
                points=f.points,
                max=f.max,
                percent=f.percent,
                grade=f.grade,
                answered=f.answered,
                total=f.total,
                problems_raised=raised_in.get(i.id, 0),
            )
        )

    raised = [p for p in problems if p.raised_on is not None and start <= p.raised_on <= end]
    closed = [p for p in problems if p.status == Status.CLOSED and p.verified_on and start <= p.verified_on <= end]
    overdue = [
        p
        for p in problems
        if _open_at(p, as_of)
        and p.deadline is not None
        and p.deadline < as_of
        and (p.status in OVERDUE_STATUSES or p.status == Status.CLOSED)
    ]
    ledger = LedgerMovementData(
        raised=[problem_data(p, today) for p in raised],
        closed=[problem_data(p, today) for p in closed],
        overdue=[problem_data(p, today) for p in overdue],
        open_at_end=sum(_open_at(p, as_of) for p in problems),
    )

    entries: dict[int, list[ProgressEntryData]] = {}
    for e in store.progress_between(start, end):
        name = printable(e.evidence_name, 200) if e.evidence_name else None  # a file's name from a stick, as shown
        entry = ProgressEntryData(on=e.on.isoformat(), percent=e.percent, note=e.note, evidence=name)
        entries.setdefault(e.task_id, []).append(entry)
    tasks = []
    for t in sorted((t for t in store.tasks() if t.created_on <= end), key=lambda t: task_rules.rank(t, today)):
        state = t.state(today)
        tasks.append(
            TaskData(
                id=t.id,
                title=t.title,
                standard=t.standard,
                owner=t.owner,
                department=t.department,
                deadline=t.deadline.isoformat(),
                problem_id=t.problem_id,
                percent=t.percent,
                state=state.value,
                state_label=state.label,
                overdue=t.overdue(today),
                stalled=t.stalled(today),
                entries=entries.get(t.id, []),
            )
        )

    kind = "quarterly" if doc.kind == Kind.QUARTERLY else "half_year"
    data = PeriodData(
        kind=kind,
        kind_label=doc.kind.label,
        document_id=str(uuid.uuid4()),
        generated_at=clock.now().isoformat(timespec="seconds"),
        report_date=today.isoformat(),
        school=SchoolData(name=school.name, code=school.code, principal=school.principal, address=school.address),
        period=PeriodInfo(start=start.isoformat(), end=end.isoformat(), label=label_of(doc.kind, start, end)),
        inspections=rows,
        ledger=ledger,
        tasks=tasks,
        clues=clue_tally(store, start, end),
        document=PeriodText(addressee="", narrative="", edited=False),
    )
    addressee = doc.addressee or _default_addressee(store)
    written = period_narrative.write(data)
    text = PeriodText(
        addressee=addressee,
        document_number=doc.document_number,
        narrative=doc.narrative or written,
        edited=doc.narrative is not None,
    )
    return data.model_copy(update={"document": text})


def _default_addressee(store: Store) -> str:
    """The bureau the school reports to: the issuer of its most used checklist, else a plain 县教育局."""
    counts: dict[str, int] = {}
    for i in store.inspections():
        counts[i.template_id] = counts.get(i.template_id, 0) + 1
    issuers = {c.template_id: c.issuer for c in store.checklists()}
    for template_id, _n in sorted(counts.items(), key=lambda kv: -kv[1]):
        if template_id in issuers:
            return bureau(issuers[template_id])
    return "县教育局"
