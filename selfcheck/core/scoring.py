"""Scoring: item, section and total points, percent over applicable items, bonus/deduction, veto, grade.

Pure functions of (template, answers). Unanswered scored items count in the maximum and earn nothing,
so a half-filled inspection shows what it would get if handed in now; 不适用 leaves the maximum.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from selfcheck.core.answers import Answer, option_of
from selfcheck.core.checklist import Checklist, Item


class ItemScore(NamedTuple):  # a tuple: thousands are made per scoring, and tuples are cheap to make
    item_id: str
    max: float
    earned: float
    applicable: bool
    answered: bool
    vetoed: bool


@dataclass(frozen=True)
class SectionScore:
    section_id: str
    title: str
    max: float
    earned: float
    percent: float | None
    answered: int
    total: int


@dataclass(frozen=True)
class AdjustmentScore:
    adjustment_id: str
    kind: str
    occurrences: int
    points: float  # after the item's own cap, before the overall cap


@dataclass(frozen=True)
class Score:
    items: dict[str, ItemScore]
    sections: list[SectionScore]
    adjustments: list[AdjustmentScore]
    base_max: float
    base_earned: float
    bonus: float
    deduction: float
    total: float
    max: float
    percent: float | None
    graded: float | None  # the figure the grade is read from: the percent, or the (scaled) points
    grade: str | None
    vetoed_by: list[str]
    answered: int
    total_items: int
    counts: dict[str, int] = field(default_factory=dict)  # results by option label, 未答 for unanswered

    @property
    def complete(self) -> bool:
        return self.answered == self.total_items


def score_item(template: Checklist, item: Item, answer: Answer | None) -> ItemScore:
    answered = answer is not None
    points = item.points
    if item.type == "choice":
        option = option_of(template, item, answer)
        if option is None:
            return ItemScore(item.id, points, 0.0, True, False, False)
        if option.not_applicable:
            return ItemScore(item.id, 0.0, 0.0, False, True, False)
        vetoed = item.veto and option.key in template.veto_map[item.id]
        return ItemScore(item.id, points, points * option.share, True, True, vetoed)
    if answer is None or not isinstance(answer.value, int | float):
        return ItemScore(item.id, points, 0.0, True, answered and item.type in ("number", "text", "date"), False)
    value = float(answer.value)
    if item.type == "score":
        earned = min(max(value, 0.0), points)
        return ItemScore(item.id, points, earned, True, True, item.veto and earned == 0)
    if item.type == "deduction":
        earned = max(0.0, points - value * (item.per_occurrence or 0.0))
        return ItemScore(item.id, points, earned, True, True, item.veto and value > 0)
    return ItemScore(item.id, 0.0, 0.0, True, True, False)


def grade_for(template: Checklist, value: float | None, vetoed: bool) -> str | None:
    """The band holding `value`; a veto caps it at the veto grade (or the lowest band)."""
    if value is None:
        return None
    bands = sorted(template.grading.bands, key=lambda b: b.min)
    found = bands[0]
    for band in bands:
        if value >= band.min:
            found = band
    if vetoed:
        cap_name = template.grading.veto_grade or bands[0].name
        cap = next(b for b in bands if b.name == cap_name)
        if found.min > cap.min:
            found = cap
    return found.name


def score(template: Checklist, answers: Mapping[str, Answer]) -> Score:
    items: dict[str, ItemScore] = {}
    sections: list[SectionScore] = []
    counts: dict[str, int] = {}
    vetoed_by: list[str] = []
    answered_total = 0
    total_items = 0
    for section in template.sections:
        s_max = s_earned = 0.0
        s_answered = 0
        for item in section.items:
            answer = answers.get(item.id)
            result = score_item(template, item, answer)
            items[item.id] = result
            s_max += result.max
            s_earned += result.earned
            if result.answered:
                s_answered += 1
            if result.vetoed:
                vetoed_by.append(item.id)
            if item.type == "choice":
                option = option_of(template, item, answer) if result.answered else None
                label = option.label if option else "未答"
                counts[label] = counts.get(label, 0) + 1
            elif not result.answered:
                counts["未答"] = counts.get("未答", 0) + 1
        total_items += len(section.items)
        answered_total += s_answered
        sections.append(
            SectionScore(
                section.id,
                section.title,
                s_max,
                s_earned,
                (100.0 * s_earned / s_max) if s_max > 0 else None,
                s_answered,
                len(section.items),
            )
        )
    base_max = sum(s.max for s in sections)
    base_earned = sum(s.earned for s in sections)

    adjustments: list[AdjustmentScore] = []
    bonus = deduction = 0.0
    for adj in template.adjustments:
        answer = answers.get(adj.id)
        count = int(answer.value) if answer is not None and isinstance(answer.value, int | float) else 0
        pts = count * adj.per_occurrence
        if adj.cap is not None:
            pts = min(pts, adj.cap)
        adjustments.append(AdjustmentScore(adj.id, adj.kind, count, pts))
        if adj.kind == "bonus":
            bonus += pts
        else:
            deduction += pts
        if adj.veto and count > 0:
            vetoed_by.append(adj.id)
    grading = template.grading
    if grading.bonus_cap is not None:
        bonus = min(bonus, grading.bonus_cap)
    if grading.deduction_cap is not None:
        deduction = min(deduction, grading.deduction_cap)
    # Bounded by the full mark: a bonus makes up points lost elsewhere but never lifts the score above the maximum
    # shown beside it (no "101 / 100"), as the percent never passes 100.
    total = round(min(max(base_earned + bonus - deduction, 0.0), base_max), 4)
    # Graded on the figure as shown: 89.996 shows as 90.00 and grades as 90.
    percent = round(min(100.0, 100.0 * total / base_max), 2) if base_max > 0 else None
    if grading.basis == "percent":
        graded = percent
    else:
        # 折算: with 不适用 items the points are scaled up to the checklist's full mark, as 百分制 forms do.
        full = sum(item.points for item in template.items())
        graded = round(total * full / base_max, 2) if base_max > 0 else None
    grade = grade_for(template, graded, bool(vetoed_by))
    return Score(
        items=items,
        sections=sections,
        adjustments=adjustments,
        base_max=base_max,
        base_earned=base_earned,
        bonus=bonus,
        deduction=deduction,
        total=total,
        max=base_max,
        percent=percent,
        graded=graded,
        grade=grade,
        vetoed_by=vetoed_by,
        answered=answered_total,
        total_items=total_items,
        counts=counts,
    )
