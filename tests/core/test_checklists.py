"""The shipped checklists: each validates, is concrete, and scores from the worst to the best grade."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfcheck.core.answers import Answer, normalise
from selfcheck.core.checklist import Checklist, Item
from selfcheck.core.checklist_file import read_checklist
from selfcheck.core.scoring import score
from tests.conftest import CHECKLISTS

IDS = {"wuchawukan", "work-style-campaign", "conduct-review", "star-rating", "campus-safety"}


def load(path: Path) -> Checklist:
    return read_checklist(path)


def test_the_five_builtin_checklists_ship() -> None:
    assert {load(p).id for p in CHECKLISTS} == IDS


def best(template: Checklist, item: Item) -> Answer:
    if item.type == "choice":
        options = [o for o in template.options_for(item) if not o.not_applicable]
        top = max(options, key=lambda o: (o.share, o.key not in template.veto_keys(item)))
        return normalise(template, item.id, top.key, None, "说明")
    value = {"score": item.points, "deduction": 0, "number": 10, "text": "情况良好", "date": "2026-10-01"}[item.type]
    return normalise(template, item.id, None, value, None)


def worst(template: Checklist, item: Item) -> Answer:
    if item.type == "choice":
        options = [o for o in template.options_for(item) if not o.not_applicable]
        return normalise(template, item.id, min(options, key=lambda o: o.share).key, None, "说明")
    value = {"score": 0, "deduction": 1000, "number": 0, "text": "无", "date": "2026-10-01"}[item.type]
    return normalise(template, item.id, None, value, None)


@pytest.mark.parametrize("path", CHECKLISTS, ids=[p.stem for p in CHECKLISTS])
def test_checklist_is_concrete_and_scores(path: Path) -> None:
    t = load(path)
    items = t.items()
    assert len(items) >= 25
    assert sum(i.points for i in items) == 100
    assert len({i.text for i in items}) == len(items), "two items say the same thing"
    scored = [i for i in items if i.points > 0]
    for item in scored:
        assert item.method and item.evidence and item.rule, f"{item.id} lacks method, evidence or rule"
    assert any(i.veto for i in items) or any(a.veto for a in t.adjustments)
    assert t.adjustments, "bonus and deduction items expected"

    top = score(t, {i.id: best(t, i) for i in items})
    assert top.percent == 100 and top.grade == max(t.grading.bands, key=lambda b: b.min).name
    assert top.answered == top.total_items and not top.vetoed_by

    bottom = score(t, {i.id: worst(t, i) for i in items})
    lowest = min(t.grading.bands, key=lambda b: b.min).name
    assert bottom.total == 0 and bottom.grade == lowest and bottom.vetoed_by


def test_wuchawukan_follows_the_five_checks() -> None:
    t = load(next(p for p in CHECKLISTS if p.stem == "wuchawukan"))
    assert [s.title for s in t.sections] == ["一查思想作风", "二查工作作风", "三查行政行为", "四查业务行为", "五查服务质量"]
    assert [s.look for s in t.sections] == [
        "看是否牢固树立为教育教学服务的思想意识",
        "看是否存在办事拖拉、互相推诿、效率低下等问题",
        "看行政人员是否存在不依法行政、以权谋私的行为",
        "看业务人员是否存在违反业务流程、违法违规的行为",
        "看是否履行职责、落实工作、做好服务",
    ]
    texts = " ".join(i.text for i in t.items())
    for topic in ("首问", "限时办结", "一次性告知", "有偿补课", "教辅", "礼品礼金", "跨学区"):
        assert topic in texts, topic


def test_star_rating_grades_in_stars() -> None:
    t = load(next(p for p in CHECKLISTS if p.stem == "star-rating"))
    assert t.grading.basis == "points"
    assert {b.name for b in t.grading.bands} >= {"五星级", "四星级", "三星级"}
    assert {a.kind for a in t.adjustments} == {"bonus", "deduction"}
