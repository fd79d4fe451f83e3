"""A review's data (督查意见), gathered from the reviewer's store: the school's answers as its signed report carried
them beside the reviewer's, item by item and in total (core.review.compare), what the reviewer found, the opinion,
and the summaries of earlier reviews of the same report: made in this data folder, or other units' verified when
this review began (`review new --earlier`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from selfcheck.core import clock
from selfcheck.core.answers import Answer
from selfcheck.core.checklist import Checklist
from selfcheck.core.review import Comparison, answers_from_rows, compare
from selfcheck.core.scoring import Score
from selfcheck.reports.data import answer_text
from selfcheck.reports.narrative import date_text, num
from selfcheck.reports.review_schema import (
    EarlierReviewData,
    FiguresData,
    ReviewData,
    ReviewedReport,
    ReviewerData,
    ReviewItemData,
    ReviewProblemData,
    ReviewSectionData,
)
from selfcheck.reports.schema import ReportData
from selfcheck.storage import Store


@dataclass(frozen=True)
class EarlierAnswer:
    """What an earlier review of the same report found on one item: shown to the later reviewer beside the item."""

    level: str
    reviewer: str  # the reviewing unit
    result: str  # 督查情况 as printed
    earned: float
    note: str | None
    worse: bool
    problems: tuple[str, ...] = ()

    def text(self) -> str:
        found = "；".join(self.problems)
        return (
            f"{self.level}：{self.result}（{num(self.earned)}）"
            + (f" {self.note}" if self.note else "")
            + (f" 发现：{found}" if found else "")
        )

    def to_json(self) -> dict[str, object]:
        return {"level": self.level, "reviewer": self.reviewer, "result": self.result, "earned": self.earned,
                "note": self.note, "worse": self.worse, "problems": list(self.problems)}  # fmt: skip


def earlier_items(store: Store, review_id: int) -> dict[str, list[EarlierAnswer]]:
    """Per item, what the earlier reviews of the same report found, oldest first: other units' (kept per item when
    their signed review was verified at this review's start, `review new --earlier`) and this folder's own earlier
    reviews of the same report at other levels."""
    review = store.review(review_id)
    found: dict[str, tuple[str, dict[str, EarlierAnswer]]] = {}  # uid -> (date, per item): one review counts once
    for e in store.review_earlier(review_id):
        given = e.get("items")
        items: dict[str, Any] = given if isinstance(given, dict) else {}
        per = {
            str(k): EarlierAnswer(
                str(e.get("level", "")),
                str(e.get("reviewer", "")),
                str(v.get("result", "")),
                float(v.get("earned") or 0),
                v.get("note"),
                bool(v.get("worse")),
                tuple(str(p) for p in v.get("problems") or ()),
            )
            for k, v in items.items()
            if isinstance(v, dict)
        }
        found[str(e.get("review_id", ""))] = (str(e.get("review_date", "")), per)
    for other in store.review_list(side="given", report_sha256=review.report_sha256):
        if other.id >= review.id:
            continue
        checklist, _, c = comparison(store, other.id)
        answers = store.review_answers(other.id)
        problems: dict[str, list[str]] = {}
        for where, text in store.review_problems(other.id):
            if where is not None:
                problems.setdefault(where, []).append(text)
        index = checklist.item_index
        per = {
            i: EarlierAnswer(
                other.level,
                other.reviewer_name,
                answer_text(checklist, index[i][1], answers.get(i), none="未查"),
                round(c.items[i].review_earned, 4),
                answers[i].note if i in answers else None,
                c.items[i].worse,
                tuple(problems.get(i, ())),
            )
            for i in sorted(set(answers) | set(problems))
            if i in index
        }
        found[other.uid] = (other.review_date or other.created_at[:10], per)
    out: dict[str, list[EarlierAnswer]] = {}
    for _, (_, per) in sorted(found.items(), key=lambda f: (f[1][0], f[0])):
        for item_id, answer in per.items():
            out.setdefault(item_id, []).append(answer)
    return out


def report_of(store: Store, review_id: int) -> ReportData:
    """The school's report data the review is of, as the reviewer verified it."""
    return ReportData.model_validate(store.review_report_data(review_id))


def school_answers(report: ReportData) -> dict[str, Answer]:
    rows = [
        {"item": i.id, "option": i.option, "value": i.value, "note": i.note}
        for s in report.sections
        for i in s.items
        if i.answered
    ]
    return answers_from_rows(rows)  # type: ignore[arg-type]


def comparison(store: Store, review_id: int) -> tuple[Checklist, ReportData, Comparison]:
    review = store.review(review_id)
    checklist = store.checklist(review.template_id, review.template_version)
    report = report_of(store, review_id)
    return checklist, report, compare(checklist, school_answers(report), store.review_answers(review_id))


def _figures(s: Score) -> FiguresData:
    return FiguresData(
        points=round(s.total, 4),
        max=s.max,
        percent=s.percent,
        grade=s.grade,
        vetoed_by=list(s.vetoed_by),
        answered=s.answered,
        total=s.total_items,
    )


def opinion(report: ReportData, level: str, reviewer: str, c: Comparison, found: int) -> str:
    """督查意见 written from the data, when the reviewer wrote none."""
    worse = len(c.worse_items)
    gap = c.gap
    lines = [
        f"{reviewer}按照《{report.template.title}》，对{report.school.name}{report.inspection.period}自查报告"
        f"（{date_text(report.report_date)}）进行了{level}督查。",
        f"学校自评 {num(c.school.total)} 分（{c.school.grade or '未定等次'}），督评 {num(c.review.total)} 分"
        f"（{c.review.grade or '未定等次'}）" + (f"，自评高于督评 {num(gap)} 个百分点。" if gap and gap > 0 else "。"),
    ]
    if worse or found:
        lines.append(f"督查发现 {worse} 项与自查结论不符、问题 {found} 个，请学校列入整改台账，限期整改并报送整改情况。")
    else:
        lines.append("督查结论与学校自查结论一致，请学校保持。")
    return "\n".join(lines)


def build(store: Store, review_id: int) -> ReviewData:
    """Gather the review's data from the reviewer's store (read-only)."""
    review = store.review(review_id)
    checklist, report, c = comparison(store, review_id)
    answers = store.review_answers(review_id)
    found = store.review_problems(review_id)
    by_item: dict[str | None, list[str]] = {}
    for where, text in found:
        by_item.setdefault(where, []).append(text)
    sections = []
    for section, rsection in zip(checklist.sections, report.sections, strict=True):
        items = []
        reported = {i.id: i for i in rsection.items}
        for item in section.items:
            mine = reported[item.id]
            answer = answers.get(item.id)
            ic = c.items[item.id]
            items.append(
                ReviewItemData(
                    number=mine.number,
                    id=item.id,
                    text=item.text,
                    type=item.type,
                    points=item.points,
                    school_result=mine.result,
                    school_option=mine.option,
                    school_value=mine.value,
                    school_note=mine.note,
                    school_earned=round(ic.school_earned, 4),
                    result=answer_text(checklist, item, answer, none="未查"),
                    option=answer.option if answer else None,
                    value=answer.value if answer else None,
                    note=answer.note if answer else None,
                    earned=round(ic.review_earned, 4),
                    applicable=ic.review_applicable,
                    answered=ic.review_answered,
                    worse=ic.worse,
                    reason=ic.reason,
                    problems=by_item.get(item.id, []),
                )
            )
        scored = next(s for s in c.review.sections if s.section_id == section.id)
        own = next(s for s in c.school.sections if s.section_id == section.id)
        sections.append(
            ReviewSectionData(
                id=section.id,
                title=section.title,
                max=scored.max,
                school_earned=round(own.earned, 4),
                earned=round(scored.earned, 4),
                items=items,
            )
        )
    fields = EarlierReviewData.model_fields
    earlier = [
        EarlierReviewData.model_validate({k: v for k, v in e.items() if k in fields}) for e in store.review_earlier(review_id)
    ]
    for other in store.review_list(side="given", report_sha256=review.report_sha256):
        if other.id >= review.id:
            continue
        _, _, oc = comparison(store, other.id)
        earlier.append(
            EarlierReviewData(
                review_id=other.uid,
                level=other.level,
                reviewer=other.reviewer_name,
                review_date=other.review_date or other.created_at[:10],
                points=round(oc.review.total, 4),
                max=oc.review.max,
                percent=oc.review.percent,
                grade=oc.review.grade,
            )
        )
    unique = {e.review_id: e for e in earlier}
    earlier = sorted(unique.values(), key=lambda e: (e.review_date, e.review_id))
    today = clock.today()
    text = review.opinion or opinion(report, review.level, review.reviewer_name, c, len(found))
    return ReviewData(
        review_id=review.uid,
        generated_at=clock.now().isoformat(timespec="seconds"),
        review_date=today.isoformat(),
        level=review.level,
        reviewer=ReviewerData(
            name=review.reviewer_name, code=review.reviewer_code, kind=review.reviewer_kind, people=review.people
        ),
        report=ReviewedReport(
            sha256=review.report_sha256,
            data_fingerprint=report.fingerprint(),
            document_id=report.document_id,
            signer_fingerprint=store.review_signer(review_id),
            school=report.school,
            period=report.inspection.period,
            inspection_uid=report.inspection.uid,
            report_date=report.report_date,
            template=report.template,
        ),
        school_score=_figures(c.school),
        score=_figures(c.review),
        sections=sections,
        problems=[ReviewProblemData(item_id=w, description=t) for w, t in found],
        opinion=text,
        earlier=earlier,
    )
