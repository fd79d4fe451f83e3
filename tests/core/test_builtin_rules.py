"""The rules the built-in checklists share (issue 14, item 4): the red lines veto everywhere and cost once, rules
state their deductions, one wording per answer scale, no bureau cadence in a school's form, the seed's ten systems;
and the campus safety checklist scores the way its rules say."""

from __future__ import annotations

import re

import pytest

from selfcheck.core.answers import Answer, normalise
from selfcheck.core.checklist import Checklist, Item
from selfcheck.core.checklist_file import read_checklist
from selfcheck.core.scoring import score
from selfcheck.core.state import calls_for_problem
from tests.conftest import CHECKLISTS, ROOT

BUILTINS = {p.stem: read_checklist(p) for p in CHECKLISTS}
CONDUCT = ["wuchawukan", "work-style-campaign", "conduct-review", "star-rating"]  # the 作风 / 行风 / 师德 checklists
# A rule that sends a case elsewhere says so in one of these words.
NOT_HERE = ("不在本项扣分", "不再在此扣分", "不在此扣分", "本项只看", "本项不再扣分")


def best(t: Checklist, item: Item) -> Answer:
    if item.type == "choice":
        options = [o for o in t.options_for(item) if not o.not_applicable]
        top = max(options, key=lambda o: (o.share, o.key not in t.veto_keys(item)))
        return normalise(t, item.id, top.key, None, None)
    value = {"score": item.points, "deduction": 0, "number": 3, "text": "无", "date": "2026-10-01"}[item.type]
    return normalise(t, item.id, None, value, None)


def all_best(t: Checklist) -> dict[str, Answer]:
    return {i.id: best(t, i) for i in t.items()}


def veto_answer(t: Checklist, item: Item) -> Answer:
    return normalise(t, item.id, sorted(t.veto_keys(item))[0], None, "经查实：某班教师暑期有偿补课，已处理")


def item(t: Checklist, ident: str) -> Item:
    return next(i for i in t.items() if i.id == ident)


def rules(t: Checklist) -> list[tuple[str, str, str]]:
    """(id, text, rule) of every item and adjustment."""
    return [(i.id, i.text, i.rule or "") for i in t.items()] + [(a.id, a.text, a.rule or "") for a in t.adjustments]


@pytest.mark.parametrize("name", sorted(BUILTINS))
def test_a_veto_item_scores_nothing_and_vetoes_alone(name: str) -> None:
    """Each veto item is the one penalty for its case: it carries no points, so finding it caps the grade and
    leaves the score as it was."""
    t = BUILTINS[name]
    vetoes = [i for i in t.items() if i.veto]
    assert vetoes
    veto_grade = t.grading.veto_grade or min(t.grading.bands, key=lambda b: b.min).name
    clean = score(t, all_best(t))
    assert clean.percent == 100 and not clean.vetoed_by
    for item in vetoes:
        assert item.points == 0, f"{item.id}: a veto item that also costs points penalises one case twice"
        answers = all_best(t) | {item.id: veto_answer(t, item)}
        result = score(t, answers)
        assert result.vetoed_by == [item.id]
        assert result.total == clean.total and result.grade == veto_grade != clean.grade


@pytest.mark.parametrize("name", CONDUCT)
def test_the_red_lines_are_one_rule(name: str) -> None:
    """三乱 (乱收费, 有偿补课, 教辅) and 违规收受礼品礼金 veto in every 作风 checklist: never points in one, veto in another."""
    t = BUILTINS[name]
    veto_texts = " ".join(i.text for i in t.items() if i.veto)
    for topic in ("收费", "有偿补课", "教辅", "礼品礼金"):
        assert topic in veto_texts, f"{name}: {topic} is not a veto item"


@pytest.mark.parametrize("name", CONDUCT)
def test_one_paid_tutoring_case_costs_once(name: str) -> None:
    """Only the veto item takes the case; every other line that names tutoring, and every deduction that a
    complaint or a circular about the same case could trigger, says the case is not counted there again."""
    t = BUILTINS[name]
    takers = [i for i in t.items() if i.veto and "有偿补课" in i.text]
    assert len(takers) == 1
    for ident, text, rule in rules(t):
        if ident == takers[0].id:
            continue
        if "补课" in text:
            assert any(m in rule for m in NOT_HERE), f"{name} {ident} could count the tutoring case again"
    for adj in t.adjustments:
        if adj.kind == "deduction":
            assert any(m in (adj.rule or "") for m in NOT_HERE), f"{name} {adj.id} could count a vetoed case again"
    # The case as the rules have it scored: the veto item found, nothing else changes; the score stays whole.
    answers = all_best(t) | {takers[0].id: veto_answer(t, takers[0])}
    result = score(t, answers)
    assert result.total == score(t, all_best(t)).total and result.vetoed_by == [takers[0].id]
    assert result.deduction == 0


def test_the_old_star_rating_took_one_case_three_times() -> None:
    """What 1.0 did and 1.1 no longer does: one verified case of paid tutoring (a complaint, a 查处, the burden item)."""
    old = read_checklist(ROOT / "tests" / "data" / "builtins-1.0" / "star-rating.yaml")
    new = BUILTINS["star-rating"]
    case_old = all_best(old) | {
        "result.burden": normalise(old, "result.burden", None, 1, "暑期补课"),
        "masses.complaints": normalise(old, "masses.complaints", None, 1, "家长投诉暑期补课"),
        "deduct.ethics": normalise(old, "deduct.ethics", None, 1, None),
    }
    assert score(old, case_old).total == 100 - 1 - 2 - 5
    case_new = all_best(new) | {"result.ethics": veto_answer(new, item(new, "result.ethics"))}
    result = score(new, case_new)
    assert result.total == 100 and result.grade == "未达星级" and result.vetoed_by == ["result.ethics"]


@pytest.mark.parametrize("name", sorted(BUILTINS))
def test_every_rule_states_its_deduction(name: str) -> None:
    for ident, text, rule in rules(BUILTINS[name]):
        for vague in ("酌情", "视情", "适当扣分", "适当加分"):
            assert vague not in rule and vague not in text, f"{name} {ident}: {vague}"


def test_one_wording_per_answer_scale() -> None:
    """The three-level scale reads 已落实 / 基本落实 / 未落实 everywhere; 是 / 否 / 部分落实 / 落实到位 are gone."""
    seen: set[tuple[str, ...]] = set()
    for t in BUILTINS.values():
        for item in t.items():
            if item.type == "choice":
                seen.add(tuple(o.label for o in t.options_for(item) if not o.not_applicable))
    done = [labels for labels in seen if any("落实" in label for label in labels)]
    assert done == [("已落实", "基本落实", "未落实")]
    presence = [labels for labels in seen if "存在" in labels]
    assert presence == [("不存在", "存在")]
    labels = {label for group in seen for label in group}
    assert not labels & {"是", "否", "部分落实", "落实到位", "健全并落实", "未建立"}


@pytest.mark.parametrize("name", sorted(BUILTINS))
def test_no_bureau_cadence_in_a_school_checklist(name: str) -> None:
    """一月一查一反馈、一季度一小结、半年一考核 is the bureau's 跟踪问效 (seed 002), not a school's checklist line."""
    t = BUILTINS[name]
    for item in t.items():
        assert not re.search("一月一查|一季度一小结|半年一考核", item.text), item.id
    assert not {"s2.monthly-check", "fix.monthly", "fix.quarterly", "fix.halfyear"} & {i.id for i in t.items()}


@pytest.mark.parametrize("name", ["wuchawukan", "conduct-review"])
def test_the_seeds_ten_systems_are_there(name: str) -> None:
    """Seed 003 names ten systems; the checklists built from it check each a school has."""
    texts = " ".join(i.text for i in BUILTINS[name].items())
    for system in (
        "上下班",
        "请销假",
        "岗位责任制",
        "首问负责制",
        "一次性告知",
        "限时办结",
        "服务承诺",
        "发文和办会审批制",
        "联系基层制度",
    ):
        assert system in texts, f"{name}: {system}"


@pytest.mark.parametrize("name", sorted(BUILTINS))
def test_items_are_worded_positively(name: str) -> None:
    """An item answered 不存在 / 未落实 never itself says 不存在 or starts with a negation: no double negatives."""
    for item in BUILTINS[name].items():
        assert "不存在" not in item.text and not item.text.startswith(("不", "无", "是否")), item.id


def test_the_star_thresholds_are_said_to_be_ours() -> None:
    t = BUILTINS["star-rating"]
    assert t.description and "示范设定" in t.description
    readme = (ROOT / "checklists" / "README.md").read_text(encoding="utf-8")
    assert "90 / 80 / 70" in readme


def test_the_readme_gives_every_builtins_source() -> None:
    readme = (ROOT / "checklists" / "README.md").read_text(encoding="utf-8")
    for path in CHECKLISTS:
        t = BUILTINS[path.stem]
        assert f"`{path.name}`" in readme and t.version in readme, path.name


# ---- the campus safety checklist ---------------------------------------------------------------------------


SAFETY = BUILTINS["campus-safety"]


def test_safety_covers_the_eight_areas_with_method_evidence_and_rule() -> None:
    titles = " ".join(s.title for s in SAFETY.sections)
    for area in ("消防", "用电", "校舍", "食堂", "交通", "防溺水", "门卫", "实验室"):
        assert area in titles, area
    for item in SAFETY.items():
        assert item.method and item.evidence, item.id
        if item.points:
            assert item.rule and "分" in item.rule, f"{item.id}: a rule that gives no score"


def test_safety_a_school_without_canteen_loses_nothing() -> None:
    food = next(s for s in SAFETY.sections if s.id == "food")
    answers = all_best(SAFETY) | {i.id: normalise(SAFETY, i.id, "na", None, "学生在家就餐") for i in food.items}
    result = score(SAFETY, answers)
    assert result.max == 100 - sum(i.points for i in food.items) and result.percent == 100 and result.grade == "优秀"
    assert not result.vetoed_by  # 无证经营 cannot be found where there is no canteen


def test_safety_hazards_found_cost_per_hazard_and_call_for_problems() -> None:
    extinguishers = item(SAFETY, "fire.extinguishers")
    answer = normalise(SAFETY, extinguishers.id, None, 2, "二楼东侧灭火器过期；实验室未配灭火器")
    result = score(SAFETY, all_best(SAFETY) | {extinguishers.id: answer})
    assert result.items[extinguishers.id].earned == extinguishers.points - 2 and result.total == 98
    assert calls_for_problem(SAFETY, extinguishers, answer)
    blocked = normalise(SAFETY, "fire.exits", "found", None, "宿舍楼一楼安全出口夜间上锁")
    vetoed = score(SAFETY, all_best(SAFETY) | {"fire.exits": blocked})
    assert vetoed.grade == "不合格" and vetoed.vetoed_by == ["fire.exits"]


def test_safety_cites_its_public_sources() -> None:
    readme = (ROOT / "checklists" / "README.md").read_text(encoding="utf-8")
    section = readme.split("campus-safety.yaml", 1)[1]
    assert len(re.findall(r"https?://", section)) >= 5
