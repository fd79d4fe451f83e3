"""The report's data: everything the PDF shows and carries inside as an embedded JSON file.

One pydantic model, built from the store. The PDF is laid out from it, the bureau reads it back from the
signed PDF, and its canonical JSON's sha256 is the document fingerprint printed in the QR code.
"""

from __future__ import annotations

import datetime as dt
import uuid

from selfcheck.core import clock
from selfcheck.core.answers import Answer
from selfcheck.core.checklist import Checklist, Item
from selfcheck.core.ledger import Status
from selfcheck.core.records import Problem
from selfcheck.core.state import InspectionState
from selfcheck.errors import RuleError
from selfcheck.reports import narrative
from selfcheck.reports.schema import (
    AdjustmentData,
    ChecklistData,
    DocumentData,
    EvidenceData,
    InspectionData,
    ItemData,
    ProblemData,
    ReportData,
    SchoolData,
    ScoreData,
    SectionData,
)
from selfcheck.storage import Store


def answer_text(checklist: Checklist, item: Item, answer: Answer | None, *, none: str = "未答") -> str:
    """An answer as the forms print it: the option's label, or the value with its unit; `none` when unanswered."""
    if answer is None:
        return none
    if item.type == "choice":
        option = checklist.option_map[item.id].get(answer.option or "")
        return option.label if option else none
    value = answer.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if item.type == "score":
        return f"{value} 分"
    if item.type == "deduction":
        return f"发现 {value} 处"
    if item.type == "number" and item.unit:
        return f"{value} {item.unit}"
    return str(value)


def problem_data(
    p: Problem, today: dt.date, status_at_start: str | None = None, reasons: dict[int, str] | None = None
) -> ProblemData:
    """A ledger problem as the documents carry it (the report, the period documents); `status_at_start` and
    `reasons` (close_reasons) for the report's carried problems and early close-outs."""
    j = p.to_json(today)
    return ProblemData(
        id=p.id,
        description=p.description,
        item_id=p.item_id,
        source=p.source,
        measure=p.measure,
        owner=p.owner,
        department=p.department,
        deadline=j["deadline"],
        raised_on=j["raised_on"],
        status=p.status.value,
        status_label=p.status.label,
        overdue=j["overdue"],
        verified_by=p.verified_by,
        verified_on=j["verified_on"],
        evidence=p.evidence,
        status_at_start=status_at_start,
        close_reason=(reasons or {}).get(p.id) if p.status == Status.CLOSED else None,
    )


def close_reasons(store: Store) -> dict[int, str]:
    """For each problem whose latest close-out was dated before it was raised, the reason recorded with it."""
    out: dict[int, str] = {}
    for entry in store.audit("problem"):
        if entry.action == "close" and isinstance(entry.new, dict):
            reason = entry.new.get("reason")
            if reason:
                out[int(entry.entity_id)] = str(reason)
            else:
                out.pop(int(entry.entity_id), None)
    return out


def build(
    store: Store, inspection_id: int, *, today: dt.date | None = None, evidence: list[EvidenceData] | None = None
) -> ReportData:
    """Gather the report's data from the store (read-only). `evidence`: the items' evidence files as
    `reports.evidence.gather` checked them (the export passes them; a preview of the text need not read them)."""
    today = today or clock.today()
    school = store.school()
    if school is None:
        raise RuleError("请先设置学校信息（selfcheck school set …）", "set the school profile first (selfcheck school set)")
    inspection = store.inspection(inspection_id)
    template = store.checklist(inspection.template_id, inspection.template_version)
    answers = store.answers(inspection_id)
    state = InspectionState(template, answers)
    result = state.score
    figures = state.summary()
    problems = store.problems(inspection_id=inspection_id)
    by_item: dict[str, list[Problem]] = {}
    for p in problems:
        if p.item_id:
            by_item.setdefault(p.item_id, []).append(p)
    sections = []
    for s_no, (section, s_figures) in enumerate(zip(template.sections, figures.sections, strict=True), 1):
        items = []
        for i_no, item in enumerate(section.items, 1):
            answer = answers.get(item.id)
            r = result.items[item.id]
            raised = by_item.get(item.id, [])
            items.append(
                ItemData(
                    number=f"{s_no}.{i_no}",
                    id=item.id,
                    text=item.text,
                    type=item.type,
                    method=item.method,
                    evidence=item.evidence,
                    rule=item.rule,
                    points=item.points,
                    earned=round(r.earned, 4),
                    applicable=r.applicable,
                    answered=r.answered,
                    vetoed=r.vetoed,
                    result=answer_text(template, item, answer),
                    option=answer.option if answer else None,
                    value=answer.value if answer else None,
                    note=answer.note if answer else None,
                    problems=[p.description for p in raised],
                    measures=[p.measure for p in raised if p.measure],
                )
            )
        sections.append(
            SectionData(
                id=section.id,
                title=section.title,
                check=section.check,
                look=section.look,
                max=s_figures.max,
                earned=round(s_figures.points, 4),
                percent=None if s_figures.percent is None else round(s_figures.percent, 2),
                items=items,
            )
        )
    adjustments = [
        AdjustmentData(id=a.id, kind=a.kind, text=a.text, occurrences=s.occurrences, points=s.points)
        for a, s in zip(template.adjustments, result.adjustments, strict=True)
    ]
    reasons = close_reasons(store)
    this_round = [problem_data(p, today, reasons=reasons) for p in problems]
    carried = [problem_data(c.problem, today, c.status_at_start.value, reasons) for c in store.carried(inspection_id)]
    previous = _previous_round(store, inspection.id, inspection.template_id, carried, today, reasons)
    report = ReportData(
        document_id=str(uuid.uuid4()),
        generated_at=clock.now().isoformat(timespec="seconds"),
        report_date=today.isoformat(),
        school=SchoolData(name=school.name, code=school.code, principal=school.principal, address=school.address),
        inspection=InspectionData(
            id=inspection.id,
            uid=inspection.uid,
            period=inspection.period,
            inspectors=inspection.inspectors,
            status=inspection.status,
            created_at=inspection.created_at,
            completed_at=inspection.completed_at,
        ),
        template=ChecklistData(
            id=template.id,
            version=template.version,
            title=template.title,
            issuer=template.issuer,
            content_hash=template.content_hash(),
            provenance=store.provenance(template.id, template.version).kind,
        ),
        score=ScoreData(
            points=figures.points,
            max=figures.max,
            percent=figures.percent,
            grade=figures.grade,
            bonus=figures.bonus,
            deduction=figures.deduction,
            vetoed_by=figures.vetoed_by,
            answered=figures.answered,
            total=figures.total,
            counts=figures.counts,
        ),
        sections=sections,
        adjustments=adjustments,
        problems=this_round,
        carried=carried,
        previous=previous,
        evidence=evidence or None,
    )
    text = store.report_text(inspection_id)
    day = text.inspection_date.isoformat() if text.inspection_date else (inspection.completed_at or today.isoformat())[:10]
    written = narrative.write(report, inspection_date=day, previous=previous, clues=_clue_tally(store, day))
    document = DocumentData(
        addressee=text.addressee or narrative.bureau(template.issuer),
        document_number=text.document_number,
        inspection_date=day,
        narrative=text.narrative or written,
        edited=text.narrative is not None,
    )
    return report.model_copy(update={"document": document})


def _clue_tally(store: Store, day: str) -> str | None:
    """The term's clues up to the report's date, as the seed words them; None when none came (nothing to say). The
    tally only: no clue's contact or summary goes into a report."""
    from selfcheck.core.clues import term_start

    end = dt.date.fromisoformat(day)
    tally = store.clue_tally(term_start(end), end)
    return tally.sentence() if tally.accepted else None


def problem_ids(store: Store, inspection_id: int) -> list[int]:
    """The problems the report's 附件2 shows: this round's, the carried ones and the previous round's (their evidence
    files print in 附件3)."""
    inspection = store.inspection(inspection_id)
    ids = [p.id for p in store.problems(inspection_id=inspection_id)]
    ids += [c.problem.id for c in store.carried(inspection_id)]
    earlier = [i for i in store.inspections() if i.template_id == inspection.template_id and i.id < inspection_id]
    if earlier:
        ids += [p.id for p in store.problems(inspection_id=earlier[-1].id)]
    return list(dict.fromkeys(ids))


def _previous_round(
    store: Store,
    inspection_id: int,
    template_id: str,
    carried: list[ProblemData],
    today: dt.date,
    reasons: dict[int, str],
) -> list[ProblemData]:
    """Every problem of the previous round of the same checklist, as it stands now (closed between rounds too), and
    the open problems of earlier rounds this one carried in."""
    earlier = [i for i in store.inspections() if i.template_id == template_id and i.id < inspection_id]
    out = {c.id: c for c in carried}
    if earlier:
        closed = Status.CLOSED.value
        for p in store.problems(inspection_id=earlier[-1].id):
            if p.id not in out:  # not carried in: it was closed when this round began
                out[p.id] = problem_data(p, today, closed, reasons)
    return sorted(out.values(), key=lambda p: p.id)
