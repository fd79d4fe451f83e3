"""core.review: 自评 beside 督评, and the one rule of "the reviewer found it worse"."""

from __future__ import annotations

import pytest

from selfcheck.core.answers import Answer
from selfcheck.core.checklist import Checklist
from selfcheck.core.review import compare, problem_text

SCHOOL = {
    "s1.study": Answer("s1.study", "yes"),
    "s2.firstask": Answer("s2.firstask", "ok"),
    "s2.fees": Answer("s2.fees", value=0),
    "s2.score": Answer("s2.score", value=4),
    "s2.tutoring": Answer("s2.tutoring", "none"),
}


@pytest.mark.parametrize(
    ("review", "reason"),
    [
        (Answer("s1.study", "partial", note="缺记录"), "督评 5 分，低于自评 10 分"),
        (Answer("s2.score", value=3.5), "督评 3.5 分，低于自评 4 分"),
        (Answer("s2.fees", value=2), "督评 6 分，低于自评 10 分"),
        (Answer("s2.tutoring", "found", note="一名教师"), "督查发现一票否决项"),
        (Answer("s1.study", "yes"), ""),
        (Answer("s2.firstask", "good"), ""),  # better than the school said: never worse
    ],
)
def test_worse_is_lower_points_or_a_veto(mini: Checklist, review: Answer, reason: str) -> None:
    c = compare(mini, SCHOOL, {review.item_id: review})
    item = c.items[review.item_id]
    assert (item.worse, item.reason) == (bool(reason), reason)
    assert c.worse_items == ([review.item_id] if reason else [])


def test_school_not_applicable_or_unanswered_is_worse_when_the_reviewer_finds_a_shortfall(mini: Checklist) -> None:
    school = {**SCHOOL, "s1.study": Answer("s1.study", "na")}
    school.pop("s2.score")
    c = compare(mini, school, {"s1.study": Answer("s1.study", "yes"), "s2.score": Answer("s2.score", value=2)})
    assert c.items["s1.study"].reason == "自查填“不适用”，督查认为适用"
    assert c.items["s2.score"].reason == "自查未作答，督查发现不达标"


def test_items_not_looked_at_count_as_the_school_rated_them(mini: Checklist) -> None:
    c = compare(mini, SCHOOL, {"s1.study": Answer("s1.study", "no", note="无")})
    assert c.school.total - c.review.total == 10  # exactly what the reviewer found
    assert not c.items["s2.score"].review_answered and not c.items["s2.score"].worse
    assert c.gap is not None and c.gap > 0  # the school rated itself higher
    assert compare(mini, SCHOOL, {}).gap == 0 and compare(mini, SCHOOL, {}).worse_items == []


def test_problem_text_names_the_level_and_the_reviewer() -> None:
    text = problem_text("学区", "城关学区", "每周学习", "督评 5 分，低于自评 10 分", ["缺 3 次"], "见记录")
    assert text == "【督查·学区·城关学区】每周学习：督评 5 分，低于自评 10 分；缺 3 次；见记录"
    assert problem_text("教育局", "县教育局", None, "", ["公开栏陈旧"], None) == "【督查·教育局·县教育局】公开栏陈旧"
