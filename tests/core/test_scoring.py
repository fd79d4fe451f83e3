"""Scoring: worked examples on the test checklist, and invariants over generated checklists and answers."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfcheck.core.answers import Answer, normalise
from selfcheck.core.checklist import Checklist
from selfcheck.core.scoring import grade_for, score
from selfcheck.errors import RuleError


def answers(template: Checklist, *entries: tuple[str, Any, Any]) -> dict[str, Answer]:
    result = {}
    for item_id, option, value in entries:
        result[item_id] = normalise(template, item_id, option, value, "说明")
    return result


def test_worked_example(mini: Checklist) -> None:
    a = answers(
        mini,
        ("s1.study", "yes", None),  # 10 of 10
        ("s2.firstask", "ok", None),  # 8 of 10
        ("s2.fees", None, 2),  # 10 - 2*2 = 6 of 10
        ("s2.score", None, 4),  # 4 of 5
        ("s2.tutoring", "none", None),  # 0 points, no veto
        ("b.award", None, 5),  # 5 * 2 = 10, capped at 4 by the item, then 5 overall
        ("d.complaint", None, 1),  # 3
    )
    s = score(mini, a)
    assert s.base_max == 35
    assert s.base_earned == 28
    assert s.bonus == 4 and s.deduction == 3
    assert s.total == 29
    assert s.percent == pytest.approx(82.86, abs=0.01)
    assert s.grade == "良好"
    assert [sec.earned for sec in s.sections] == [10, 18]
    assert s.answered == 5 and s.total_items == 7
    assert s.counts["是"] == 1 and s.counts["达标"] == 1


def test_not_applicable_leaves_the_maximum(mini: Checklist) -> None:
    s = score(mini, answers(mini, ("s1.study", "na", None)))
    assert s.items["s1.study"].applicable is False
    assert s.base_max == 25


def test_veto_caps_grade_whatever_the_points(mini: Checklist) -> None:
    full = answers(mini, ("s1.study", "yes", None), ("s2.firstask", "good", None), ("s2.fees", None, 0), ("s2.score", None, 5))
    assert score(mini, full).grade == "优秀"
    full["s2.tutoring"] = normalise(mini, "s2.tutoring", "found", None, "查实一人")
    s = score(mini, full)
    assert s.vetoed_by == ["s2.tutoring"]
    assert s.grade == "不合格"
    assert s.percent == 100.0  # the points stand; only the grade is capped


def test_deduction_stops_at_zero(mini: Checklist) -> None:
    s = score(mini, answers(mini, ("s2.fees", None, 50)))
    assert s.items["s2.fees"].earned == 0


def test_caps_on_adjustments(mini: Checklist) -> None:
    s = score(mini, answers(mini, ("d.complaint", None, 10)))
    assert s.deduction == 9  # item cap 9 under the overall cap 10
    assert s.total == 0  # never below zero


@pytest.mark.parametrize(
    ("item", "option", "value"),
    [
        ("s1.study", "maybe", None),
        ("s1.study", None, 3),
        ("s2.score", None, 6),
        ("s2.score", None, -1),
        ("s2.fees", None, 1.5),
        ("s2.fees", None, -1),
        ("s2.date", None, "2026-02-30"),
        ("s1.count", None, "many"),
        ("nope", "yes", None),
        ("b.award", "yes", None),
    ],
)
def test_answers_that_do_not_fit_are_refused(mini: Checklist, item: str, option: Any, value: Any) -> None:
    with pytest.raises(RuleError):
        normalise(mini, item, option, value, None)


# ---- invariants over generated checklists -------------------------------------------------------

SHARES = st.sampled_from([0.0, 0.25, 0.5, 0.8, 1.0])


@st.composite
def checklists(draw: st.DrawFn) -> Checklist:
    sections = []
    n = 0
    for s in range(draw(st.integers(1, 4))):
        items = []
        for _ in range(draw(st.integers(1, 6))):
            n += 1
            kind = draw(st.sampled_from(["choice", "choice", "score", "deduction", "number"]))
            item: dict[str, Any] = {"id": f"i{n}", "text": f"检查项 {n}", "type": kind}
            if kind == "choice":
                shares = draw(st.lists(SHARES, min_size=1, max_size=4))
                shares.append(1.0)
                item["options"] = [{"key": f"o{k}", "label": f"选项{k}", "share": v} for k, v in enumerate(shares)]
                item["options"].append({"key": "na", "label": "不适用", "not_applicable": True})
                item["points"] = draw(st.sampled_from([0, 1, 2, 5, 10]))
                if draw(st.booleans()) and any(v == 0 for v in shares):
                    item["veto"] = True
            elif kind in ("score", "deduction"):
                item["points"] = draw(st.sampled_from([1, 2, 5, 10]))
                if kind == "deduction":
                    item["per_occurrence"] = draw(st.sampled_from([0.5, 1, 2, 3]))
            items.append(item)
        sections.append({"id": f"s{s}", "title": f"第{s}部分", "items": items})
    adjustments = [
        {"id": "bonus", "kind": "bonus", "text": "加分", "per_occurrence": draw(st.sampled_from([1, 2])), "cap": 4},
        {"id": "minus", "kind": "deduction", "text": "扣分", "per_occurrence": 2, "cap": draw(st.sampled_from([4, 8]))},
    ]
    basis = draw(st.sampled_from(["percent", "points"]))
    return Checklist.model_validate(
        {
            "id": "gen",
            "version": "1",
            "title": "生成的检查表",
            "issuer": "测试",
            "effective_date": "2026-09-01",
            "sections": sections,
            "adjustments": adjustments,
            "grading": {
                "basis": basis,
                "bands": [
                    {"name": "优秀", "min": 90},
                    {"name": "良好", "min": 80, "max": 90},
                    {"name": "合格", "min": 60, "max": 80},
                    {"name": "不合格", "min": 0, "max": 60},
                ],
                "veto_grade": "合格",
                "bonus_cap": 5,
                "deduction_cap": 6,
            },
        }
    )


@st.composite
def filled(draw: st.DrawFn) -> tuple[Checklist, dict[str, Answer]]:
    template = draw(checklists())
    result: dict[str, Answer] = {}
    for item in template.items():
        if draw(st.integers(0, 4)) == 0:
            continue  # unanswered
        if item.type == "choice":
            key = draw(st.sampled_from([o.key for o in template.options_for(item)]))
            result[item.id] = normalise(template, item.id, key, None, "x")
        elif item.type == "score":
            value = draw(st.floats(0, item.points, allow_nan=False))
            result[item.id] = normalise(template, item.id, None, value, None)
        elif item.type == "deduction":
            result[item.id] = normalise(template, item.id, None, draw(st.integers(0, 20)), None)
        else:
            result[item.id] = normalise(template, item.id, None, draw(st.integers(-5, 500)), None)
    for adj in template.adjustments:
        result[adj.id] = normalise(template, adj.id, None, draw(st.integers(0, 6)), None)
    return template, result


PROPS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(filled())
def test_scores_stay_within_bounds(case: tuple[Checklist, dict[str, Answer]]) -> None:
    template, given_answers = case
    s = score(template, given_answers)
    for item in template.items():
        r = s.items[item.id]
        assert 0 <= r.earned <= r.max <= item.points
    for sec in s.sections:
        assert 0 <= sec.earned <= sec.max
        assert sec.percent is None or 0 <= sec.percent <= 100
    assert 0 <= s.bonus <= 5 and 0 <= s.deduction <= 6
    assert 0 <= s.total <= s.max + 1e-9
    assert s.percent is None or 0 <= s.percent <= 100
    assert s.answered <= s.total_items
    if s.max > 0:
        assert s.grade in {b.name for b in template.grading.bands}
    else:  # nothing scored: no figure to grade
        assert s.grade is None and s.graded is None


@PROPS
@given(filled(), st.data())
def test_not_applicable_never_lowers_a_score(case: tuple[Checklist, dict[str, Answer]], data: st.DataObject) -> None:
    """不适用 takes the item out of the maximum: never worse than leaving it unanswered or failing it."""
    template, given_answers = case
    choice = [i for i in template.items() if i.type == "choice"]
    if not choice:
        return
    item = data.draw(st.sampled_from(choice))
    na = score(template, {**given_answers, item.id: Answer(item.id, "na")})
    others = [score(template, {k: v for k, v in given_answers.items() if k != item.id})]
    for option in template.options_for(item):
        if option.share == 0 and not option.not_applicable:
            others.append(score(template, {**given_answers, item.id: Answer(item.id, option.key, None, "x")}))
    for other in others:
        if na.bonus == 0:  # with a bonus the total is capped at the full mark, which 不适用 lowers: the percent holds
            assert na.total >= other.total - 1e-9
        assert na.base_max <= other.base_max
        if other.percent is not None and na.percent is not None:
            assert na.percent >= other.percent - 1e-9


@PROPS
@given(filled())
def test_a_veto_always_caps_the_grade(case: tuple[Checklist, dict[str, Answer]]) -> None:
    template, given_answers = case
    s = score(template, given_answers)
    if not s.vetoed_by or s.grade is None:
        return
    order = {b.name: b.min for b in template.grading.bands}
    assert order[s.grade] <= order["合格"]


@PROPS
@given(filled(), st.data())
def test_a_better_answer_never_lowers_the_total(case: tuple[Checklist, dict[str, Answer]], data: st.DataObject) -> None:
    template, given_answers = case
    choice = [i for i in template.items() if i.type == "choice" and not i.veto]
    if not choice:
        return
    item = data.draw(st.sampled_from(choice))
    options = sorted((o for o in template.options_for(item) if not o.not_applicable), key=lambda o: o.share)
    low = score(template, {**given_answers, item.id: Answer(item.id, options[0].key, None, "x")})
    high = score(template, {**given_answers, item.id: Answer(item.id, options[-1].key, None, "x")})
    assert high.total >= low.total - 1e-9


def test_grade_for_uses_band_lower_bounds(mini: Checklist) -> None:
    assert grade_for(mini, 90.0, False) == "优秀"
    assert grade_for(mini, 89.99, False) == "良好"
    assert grade_for(mini, 0.0, False) == "不合格"
    assert grade_for(mini, 95.0, True) == "不合格"
    assert grade_for(mini, None, False) is None


def test_points_basis_scales_not_applicable_to_the_full_mark(mini: Checklist) -> None:
    """百分制 forms: with 不适用 items the points are scaled (折算) to the full mark before grading."""
    data = mini.model_dump(mode="json")
    data["grading"]["basis"] = "points"
    data["grading"]["bands"] = [
        {"name": "五星级", "min": 30},
        {"name": "四星级", "min": 20, "max": 30},
        {"name": "未达星级", "min": 0, "max": 20},
    ]
    data["grading"]["veto_grade"] = "未达星级"
    t = Checklist.model_validate(data)
    a = answers(t, ("s1.study", "na", None), ("s2.firstask", "good", None), ("s2.fees", None, 0), ("s2.score", None, 5))
    s = score(t, a)
    assert s.total == 25 and s.max == 25 and s.percent == 100
    assert s.graded == 35  # 25 of 25 applicable points, scaled to the full 35
    assert s.grade == "五星级"


def test_grade_follows_the_percent_as_shown(mini: Checklist) -> None:
    """89.996% is shown as 90.00% and must grade as 优秀 (band from 90), not 良好."""
    data = mini.model_dump(mode="json")
    data["sections"] = [
        {
            "id": "big",
            "title": "大项",
            "items": [{"id": f"x{n}", "text": f"小项{n}", "type": "score", "points": 1000} for n in range(25)],
        }
    ]
    data["adjustments"] = []
    t = Checklist.model_validate(data)
    given = {f"x{n}": 1000 for n in range(22)} | {"x22": 499, "x23": 0, "x24": 0}
    s = score(t, answers(t, *((k, None, v) for k, v in given.items())))
    assert s.total == 22499 and s.max == 25000
    assert s.percent == 90.0  # 89.996 as shown
    assert s.grade == "优秀"
