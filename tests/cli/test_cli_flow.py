"""The whole self-inspection through the real command, for every built-in checklist.

school set → inspection new → template show --json → answer every item and adjustment → inspection show --json
(checked against a scoring model written here, independently of selfcheck.core.scoring) → raise-problems →
problem update → problem close → inspection complete → inspection list. Plus a run in which a veto is triggered.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import CHECKLISTS, Run, as_json, new_inspection, write_json

IDS = [p.stem for p in CHECKLISTS]
from tests.conftest import TODAY  # noqa: E402


def test_there_are_five_builtin_checklists() -> None:
    assert len(CHECKLISTS) == 5, CHECKLISTS


# ---- an independent model of the scoring rules ---------------------------------------------------


def _band(bands: list[dict[str, Any]], value: float) -> dict[str, Any]:
    """The band holding value: min inclusive, max exclusive; the top band also holds anything above."""
    ordered = sorted(bands, key=lambda b: b["min"])
    for band in ordered:
        upper = band["max"]
        if value >= band["min"] and (upper is None or value < upper):
            return band
    if value >= ordered[-1]["min"]:
        return ordered[-1]
    return ordered[0]


def expected_score(tpl: dict[str, Any], answers: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """What `inspection show --json` must say, from the resolved template JSON and the answers given."""
    base_max = base_earned = 0.0
    vetoed: list[str] = []
    sections = []
    answered_total = total_items = 0
    for section in tpl["sections"]:
        s_max = s_earned = 0.0
        s_answered = 0
        for item in section["items"]:
            total_items += 1
            answer = answers.get(item["id"])
            points = item["points"]
            if answer is not None:
                s_answered += 1
            kind = item["type"]
            if kind == "choice":
                if answer is None:
                    s_max += points
                    continue
                option = next(o for o in item["options"] if o["key"] == answer["option"])
                if option["not_applicable"]:
                    continue  # 不适用 leaves the maximum
                s_max += points
                s_earned += points * option["share"]
                if item["veto"] and option["key"] in item["veto_options"]:
                    vetoed.append(item["id"])
            elif kind == "score":
                s_max += points
                if answer is not None:
                    got = min(max(float(answer["value"]), 0.0), points)
                    s_earned += got
                    if item["veto"] and got == 0:
                        vetoed.append(item["id"])
            elif kind == "deduction":
                s_max += points
                if answer is not None:
                    s_earned += max(0.0, points - answer["value"] * item["per_occurrence"])
                    if item["veto"] and answer["value"] > 0:
                        vetoed.append(item["id"])
            else:
                assert points == 0, f"{item['id']}: a {kind} item is not scored"
        sections.append({"id": section["id"], "points": s_earned, "max": s_max, "answered": s_answered})
        base_max += s_max
        base_earned += s_earned
        answered_total += s_answered

    bonus = deduction = 0.0
    for adj in tpl["adjustments"]:
        count = answers.get(adj["id"], {}).get("value", 0)
        pts = count * adj["per_occurrence"]
        if adj["cap"] is not None:
            pts = min(pts, adj["cap"])
        if adj["kind"] == "bonus":
            bonus += pts
        else:
            deduction += pts
        if adj["veto"] and count > 0:
            vetoed.append(adj["id"])
    grading = tpl["grading"]
    if grading["bonus_cap"] is not None:
        bonus = min(bonus, grading["bonus_cap"])
    if grading["deduction_cap"] is not None:
        deduction = min(deduction, grading["deduction_cap"])
    total = round(min(max(base_earned + bonus - deduction, 0.0), base_max), 4)  # never above the full mark
    # graded on the figures as shown (percent to 2 places): 89.996 shows as 90.00 and is graded as 90
    percent = round(min(100.0, total / base_max * 100), 2) if base_max > 0 else None
    if grading["basis"] == "percent":
        value = percent
    else:  # 折算: points over the applicable items, scaled up to the checklist's full mark
        full = sum(i["points"] for s in tpl["sections"] for i in s["items"])
        value = round(total * full / base_max, 2)
    unvetoed = _band(grading["bands"], value)
    grade = unvetoed
    if vetoed:
        lowest = min(grading["bands"], key=lambda b: b["min"])
        cap = next(b for b in grading["bands"] if b["name"] == grading["veto_grade"]) if grading["veto_grade"] else lowest
        if grade["min"] > cap["min"]:
            grade = cap
    return {
        "answered": answered_total,
        "total_items": total_items,
        "points": total,
        "max": base_max,
        "percent": percent,
        "bonus": bonus,
        "deduction": deduction,
        "grade": grade["name"],
        "grade_without_veto": unvetoed["name"],
        "vetoed_by": vetoed,
        "sections": sections,
    }


def assert_matches(summary: dict[str, Any], want: dict[str, Any]) -> None:
    assert summary["progress"] == {"answered": want["answered"], "total": want["total_items"]}
    assert summary["points"] == pytest.approx(want["points"], abs=1e-4)
    assert summary["max"] == pytest.approx(want["max"], abs=1e-9)
    assert summary["percent"] == pytest.approx(want["percent"], abs=0.006)
    assert summary["bonus"] == pytest.approx(want["bonus"])
    assert summary["deduction"] == pytest.approx(want["deduction"])
    assert summary["grade"] == want["grade"]
    assert sorted(summary["vetoed_by"]) == sorted(want["vetoed_by"])
    got_sections = [{k: s[k] for k in ("id", "points", "max", "answered")} for s in summary["sections"]]
    assert [s["id"] for s in got_sections] == [s["id"] for s in want["sections"]]
    for got, exp in zip(got_sections, want["sections"], strict=True):
        assert got["points"] == pytest.approx(exp["points"]), got
        assert got["max"] == pytest.approx(exp["max"]), got
        assert got["answered"] == exp["answered"], got
    # consistency among the printed numbers themselves
    assert 0 <= summary["percent"] <= 100
    assert summary["percent"] == pytest.approx(min(100.0, summary["points"] / summary["max"] * 100), abs=0.006)


# ---- answering every item ------------------------------------------------------------------------


def check_checklist_json(tpl: dict[str, Any]) -> None:
    """The contract of `template show --json`: every item with id, text, type; choice options with key."""
    assert tpl["sections"]
    seen = set()
    for section in tpl["sections"]:
        for item in section["items"]:
            assert {"id", "text", "type"} <= item.keys(), item
            assert item["id"] not in seen
            seen.add(item["id"])
            if item["type"] == "choice":
                assert len(item["options"]) >= 2, item
                assert all("key" in o and "label" in o for o in item["options"]), item
                if item["veto"]:
                    assert item["veto_options"], item
            else:
                assert "options" not in item, item
    for adj in tpl["adjustments"]:
        assert {"id", "kind", "per_occurrence", "cap"} <= adj.keys()


def _first_ok_option(item: dict[str, Any]) -> dict[str, Any]:
    """The first option that neither triggers a veto nor is 不适用 (the built-ins put the best one first)."""
    veto = set(item.get("veto_options") or []) if item["veto"] else set()
    return next(o for o in item["options"] if o["key"] not in veto and not o["not_applicable"])


def _choice(item: dict[str, Any], option: dict[str, Any], why: str) -> dict[str, Any]:
    answer: dict[str, Any] = {"item": item["id"], "option": option["key"]}
    if option["note_required"]:
        answer["note"] = f"{why}：{item['id']} 的情况说明"
    return answer


def plan_answers(tpl: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Answer every item and adjustment, deterministically, touching every kind of rule once.

    Returns the answers and the roles some items play (problem, na, middle).
    """
    items = [i for s in tpl["sections"] for i in s["items"]]
    choices = [i for i in items if i["type"] == "choice" and not i["veto"]]
    roles: dict[str, str] = {}

    problem = next(
        i for i in choices if any(o["raises_problem"] and o["note_required"] and not o["not_applicable"] for o in i["options"])
    )
    roles[problem["id"]] = "problem"
    na = next((i for i in choices if i["id"] not in roles and any(o["not_applicable"] for o in i["options"])), None)
    if na is not None:
        roles[na["id"]] = "na"
    middle = next(
        (
            i
            for i in choices
            if i["id"] not in roles and any(0 < o["share"] < 1 and not o["raises_problem"] for o in i["options"])
        ),
        None,
    )
    if middle is not None:
        roles[middle["id"]] = "middle"

    answers: list[dict[str, Any]] = []
    score_shares = [1.0, 0.5, 0.75, 0.0, 0.25]
    n_score = n_deduction = 0
    for item in items:
        kind = item["type"]
        role = roles.get(item["id"])
        if kind == "choice":
            if role == "problem":
                option = next(o for o in item["options"] if o["raises_problem"] and o["note_required"])
            elif role == "na":
                option = next(o for o in item["options"] if o["not_applicable"])
            elif role == "middle":
                option = next(o for o in item["options"] if 0 < o["share"] < 1 and not o["raises_problem"])
            else:
                option = _first_ok_option(item)
            answers.append(_choice(item, option, "自查发现"))
        elif kind == "score":
            share = score_shares[n_score % len(score_shares)]
            if item["veto"] and share == 0:
                share = 0.5
            answers.append({"item": item["id"], "value": round(item["points"] * share, 2)})
            n_score += 1
        elif kind == "deduction":
            if item["veto"]:
                count = 0
            elif n_deduction == 0:
                count = 1
            elif n_deduction == 1:  # more than the item's points: clamps at 0
                count = math.ceil(item["points"] / item["per_occurrence"]) + 2
            else:
                count = 0
            answers.append({"item": item["id"], "value": count, "note": f"发现 {count} 处"})
            n_deduction += 1
        elif kind == "number":
            answers.append({"item": item["id"], "value": 12})
        elif kind == "text":
            answers.append({"item": item["id"], "value": "已按要求落实"})
        elif kind == "date":
            answers.append({"item": item["id"], "value": "2026-09-01"})
        else:  # pragma: no cover
            raise AssertionError(kind)

    first_bonus = True
    for adj in tpl["adjustments"]:
        if adj["veto"]:
            count = 0
        elif adj["kind"] == "bonus" and first_bonus:  # more than its own cap
            count = int((adj["cap"] or adj["per_occurrence"]) // adj["per_occurrence"]) + 1
            first_bonus = False
        elif adj["kind"] == "bonus":
            count = 1
        else:
            count = 2
        answers.append({"item": adj["id"], "value": count})
    return answers, roles


def expected_problem_items(tpl: dict[str, Any], answers: list[dict[str, Any]]) -> set[str]:
    """Answers that raise a problem: an option marked raises_problem, or a deduction item with a count."""
    by_id = {a["item"]: a for a in answers}
    raised = set()
    for section in tpl["sections"]:
        for item in section["items"]:
            a = by_id.get(item["id"])
            if a is None:
                continue
            if item["type"] == "choice":
                option = next(o for o in item["options"] if o["key"] == a["option"])
                if option["raises_problem"]:
                    raised.add(item["id"])
            elif item["type"] == "deduction" and a["value"] > 0:
                raised.add(item["id"])
    return raised


# ---- the flow ------------------------------------------------------------------------------------


@pytest.mark.parametrize("template_id", IDS)
def test_full_inspection_through_the_cli(run: Run, tmp_path: Path, template_id: str) -> None:
    # school
    proc = run("school", "set", "--name", "城关第一小学", "--code", "3412345678", "--principal", "张明", "--address", "城关镇1号")
    assert "城关第一小学" in proc.stdout
    school = as_json(run("school", "show", "--json"))
    assert (school["name"], school["code"], school["principal"], school["address"]) == (
        "城关第一小学",
        "3412345678",
        "张明",
        "城关镇1号",
    )

    # the built-in checklist is installed
    listed = {t["template_id"]: t for t in as_json(run("template", "list", "--json"))}
    assert set(IDS) <= listed.keys()

    # a new inspection; its id is the last line
    iid = new_inspection(run, template_id, "--inspector", "张明", "--inspector", "李华")
    tpl = as_json(run("template", "show", template_id, "--json"))
    assert tpl["id"] == template_id
    assert listed[template_id]["items"] == sum(len(s["items"]) for s in tpl["sections"])
    check_checklist_json(tpl)

    fresh = as_json(run("inspection", "show", str(iid), "--json"))
    assert fresh["id"] == iid
    assert fresh["inspectors"] == ["张明", "李华"]
    assert fresh["status"] == "draft"
    assert fresh["template"]["id"] == template_id
    assert fresh["progress"]["answered"] == 0
    assert fresh["progress"]["total"] == listed[template_id]["items"]

    # answer everything
    answers, roles = plan_answers(tpl)
    assert "problem" in roles.values()
    item_ids = {i["id"] for s in tpl["sections"] for i in s["items"]}
    adj_ids = {a["id"] for a in tpl["adjustments"]}
    assert {a["item"] for a in answers} == item_ids | adj_ids
    file = write_json(tmp_path / "answers.json", {"answers": answers})
    proc = run("inspection", "answer", str(iid), "--file", str(file))
    assert f"已保存 {len(answers)} 个答案" in proc.stdout

    summary = as_json(run("inspection", "show", str(iid), "--json"))
    want = expected_score(tpl, {a["item"]: a for a in answers})
    assert want["vetoed_by"] == []
    assert_matches(summary, want)
    assert summary["progress"]["answered"] == summary["progress"]["total"] == len(item_ids)
    assert summary["problems"] == []

    # the plain-text view says the same
    text = run("inspection", "show", str(iid)).stdout
    assert f"进度 {len(item_ids)}/{len(item_ids)}" in text
    assert f"等次：{want['grade']}" in text

    # problems from the answers
    raised = as_json(run("inspection", "raise-problems", str(iid), "--json"))
    expected_items = expected_problem_items(tpl, answers)
    assert {p["item_id"] for p in raised} == expected_items
    assert len(raised) == len(expected_items)
    for p in raised:
        assert (p["status"], p["source"], p["inspection_id"], p["template_id"]) == ("open", "answer", iid, template_id)
        assert p["raised_on"] == TODAY.isoformat()
    problem_item = next(i for i, r in roles.items() if r == "problem")
    problem = next(p for p in raised if p["item_id"] == problem_item)
    assert f"自查发现：{problem_item} 的情况说明" in problem["description"]  # the note is carried into the description
    assert as_json(run("inspection", "raise-problems", str(iid), "--json")) == []  # no duplicates on a second run

    # work the problem through the ledger
    pid = str(problem["id"])
    deadline = (TODAY + dt.timedelta(days=30)).isoformat()
    updated = as_json(
        run(
            "problem", "update", pid, "--measure", "制定学习计划并按周落实", "--owner", "王强", "--department", "办公室",
            "--deadline", deadline, "--status", "整改中", "--json",
        )
    )  # fmt: skip
    assert (updated["measure"], updated["owner"], updated["department"], updated["deadline"]) == (
        "制定学习计划并按周落实",
        "王强",
        "办公室",
        deadline,
    )
    assert (updated["status"], updated["status_label"]) == ("in_progress", "整改中")
    fixed = as_json(run("problem", "update", pid, "--status", "已整改", "--json"))
    assert fixed["status"] == "fixed"
    closed = as_json(
        run(
            "problem",
            "close",
            pid,
            "--verified-by",
            "赵校长",
            "--evidence",
            "学习记录本第3-9页",
            "--handling",
            "已组织补学并约谈",
            "--date",
            TODAY.isoformat(),
            "--json",
        )
    )
    assert (closed["status"], closed["verified_by"], closed["evidence"], closed["verified_on"]) == (
        "closed",
        "赵校长",
        "学习记录本第3-9页",
        TODAY.isoformat(),
    )

    ledger = {p["id"]: p for p in as_json(run("problem", "list", "--json"))}
    assert ledger.keys() == {p["id"] for p in raised}
    assert ledger[problem["id"]]["status"] == "closed"
    assert ledger[problem["id"]]["status_label"] == "已销号"
    assert all(p["status"] == "open" for k, p in ledger.items() if k != problem["id"])
    only_closed = as_json(run("problem", "list", "--json", "--status", "已销号"))
    assert [p["id"] for p in only_closed] == [problem["id"]]
    assert as_json(run("problem", "list", "--json", "--overdue")) == []

    # complete
    assert f"自查 {iid} 已标记完成" in run("inspection", "complete", str(iid)).stdout
    listed_inspections = as_json(run("inspection", "list", "--json"))
    assert len(listed_inspections) == 1
    entry = listed_inspections[0]
    assert (entry["id"], entry["status"], entry["grade"]) == (iid, "complete", want["grade"])
    assert entry["progress"] == {"answered": len(item_ids), "total": len(item_ids)}
    assert entry["points"] == pytest.approx(want["points"], abs=1e-4)
    final = as_json(run("inspection", "show", str(iid), "--json"))
    assert final["status"] == "complete"
    assert {p["id"]: p["status"] for p in final["problems"]}[problem["id"]] == "closed"

    # the audit log recorded every answer, the completion and the close-out
    audit = as_json(run("audit", "--inspection", str(iid), "--json"))
    assert {e["field"] for e in audit if e["action"] == "answer"} == item_ids | adj_ids
    assert any(e["action"] == "complete" for e in audit)
    p_audit = as_json(run("audit", "--problem", pid, "--json"))
    assert p_audit[0]["action"] == "raise"
    assert {e["field"] for e in p_audit if e["action"] == "update"} >= {"measure", "owner", "department", "deadline", "status"}
    assert p_audit[-1]["action"] == "close"

    # the next round carries the open problems in, and still prints its id last
    proc = run("inspection", "new", "--template", template_id, "--period", "2027年春季学期")
    open_left = len(raised) - 1
    next_id = int(proc.stdout.strip().splitlines()[-1])
    assert next_id != iid
    if open_left:
        assert f"上一轮未销号的问题 {open_left} 个已转入本次自查" in proc.stdout
    carried = as_json(run("inspection", "show", str(next_id), "--json"))["carried_problems"]
    assert {c["id"] for c in carried} == {p["id"] for p in raised} - {problem["id"]}


@pytest.mark.parametrize("template_id", IDS)
def test_a_triggered_veto_caps_the_grade(run: Run, tmp_path: Path, template_id: str) -> None:
    iid = new_inspection(run, template_id)
    tpl = as_json(run("template", "show", template_id, "--json"))
    items = [i for s in tpl["sections"] for i in s["items"]]
    veto_item = next(i for i in items if i["veto"] and i["type"] == "choice")

    # everything as good as it gets ...
    best: list[dict[str, Any]] = []
    for item in items:
        if item["type"] == "choice":
            best.append(_choice(item, _first_ok_option(item), "好"))
        elif item["type"] == "score":
            best.append({"item": item["id"], "value": item["points"]})
        elif item["type"] == "deduction":
            best.append({"item": item["id"], "value": 0})
        elif item["type"] == "number":
            best.append({"item": item["id"], "value": 3})
        elif item["type"] == "text":
            best.append({"item": item["id"], "value": "无"})
        else:
            best.append({"item": item["id"], "value": "2026-10-01"})
    run("inspection", "answer", str(iid), "--file", str(write_json(tmp_path / "best.json", {"answers": best})))
    good = as_json(run("inspection", "show", str(iid), "--json"))
    want_good = expected_score(tpl, {a["item"]: a for a in best})
    assert_matches(good, want_good)
    assert good["vetoed_by"] == []

    # ... but the veto item triggered
    veto_key = veto_item["veto_options"][0]
    trigger = {"item": veto_item["id"], "option": veto_key, "note": "经查实存在一例"}
    run("inspection", "answer", str(iid), "--file", str(write_json(tmp_path / "veto.json", {"answers": [trigger]})))
    vetoed = as_json(run("inspection", "show", str(iid), "--json"))
    answers = {a["item"]: a for a in best} | {veto_item["id"]: trigger}
    want = expected_score(tpl, answers)
    assert_matches(vetoed, want)
    bands = tpl["grading"]["bands"]
    veto_grade = tpl["grading"]["veto_grade"] or min(bands, key=lambda b: b["min"])["name"]
    assert vetoed["vetoed_by"] == [veto_item["id"]]
    assert vetoed["grade"] == veto_grade
    assert want["grade_without_veto"] != veto_grade, "the veto must be what lowers the grade here"
    assert "一票否决" in run("inspection", "show", str(iid)).stdout

    # the vetoed answer raises a problem too, and taking it back lifts the cap
    raised = as_json(run("inspection", "raise-problems", str(iid), "--json"))
    assert [p["item_id"] for p in raised] == [veto_item["id"]]
    undo = {"item": veto_item["id"], "option": _first_ok_option(veto_item)["key"]}
    run("inspection", "answer", str(iid), "--file", str(write_json(tmp_path / "undo.json", {"answers": [undo]})))
    again = as_json(run("inspection", "show", str(iid), "--json"))
    assert again["grade"] == good["grade"]
    assert again["vetoed_by"] == []


VETO_CHECKLIST = """\
format: selfcheck.checklist/1
id: veto-kinds
version: "1"
title: 否决方式测试表
issuer: 测试
effective_date: 2026-09-01
sections:
  - id: s
    title: 唯一部分
    items:
      - id: s.choice
        text: 一般检查项
        points: 60
        options:
          - {key: ok, label: 好, share: 1}
          - {key: bad, label: 差, share: 0}
          - {key: na, label: 不适用, not_applicable: true}
      - {id: s.score, text: 打分否决项, type: score, points: 20, veto: true}
      - {id: s.deduct, text: 扣分否决项, type: deduction, points: 20, per_occurrence: 1, veto: true}
adjustments:
  - {id: adj.bonus, kind: bonus, text: 加分, per_occurrence: 5, cap: 10}
  - {id: adj.veto, kind: deduction, text: 发生即否决, per_occurrence: 1, veto: true}
grading:
  basis: points
  bands:
    - {name: 甲, min: 90}
    - {name: 乙, min: 70, max: 90}
    - {name: 丙, min: 40, max: 70}
    - {name: 丁, min: 0, max: 40}
  veto_grade: 丙
"""


def _score_veto_kinds(
    run: Run, tmp_path: Path, answers: dict[str, dict[str, Any]], *, validate: bool = False
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Install the veto-kinds checklist, answer a new inspection (item → answer) and check its figures against the
    independent expected_score; the summary and that expectation."""
    source = tmp_path / "veto-kinds.yaml"
    source.write_text(VETO_CHECKLIST, encoding="utf-8")
    if validate:
        run("template", "validate", str(source))
    run("template", "import", "--allow-unsigned", str(source))
    tpl = as_json(run("template", "show", "veto-kinds", "--json"))
    iid = new_inspection(run, "veto-kinds")
    run("inspection", "answer", str(iid), "--file", str(write_json(tmp_path / "a.json", {"answers": list(answers.values())})))
    summary = as_json(run("inspection", "show", str(iid), "--json"))
    want = expected_score(tpl, answers)
    assert_matches(summary, want)
    return summary, want


@pytest.mark.parametrize(
    ("trigger", "culprit"),
    [
        ({"item": "s.score", "value": 0}, "s.score"),
        ({"item": "s.deduct", "value": 1}, "s.deduct"),
        ({"item": "adj.veto", "value": 1}, "adj.veto"),
    ],
)
def test_veto_by_score_deduction_and_adjustment(run: Run, tmp_path: Path, trigger: dict[str, Any], culprit: str) -> None:
    """Vetoes the built-ins do not use: a score of 0, a deduction count, an adjustment; veto_grade is not the lowest band."""
    base = [
        {"item": "s.choice", "option": "ok"},
        {"item": "s.score", "value": 20},
        {"item": "s.deduct", "value": 0},
        {"item": "adj.bonus", "value": 1},
        {"item": "adj.veto", "value": 0},
    ]
    answers = {a["item"]: a for a in base} | {trigger["item"]: trigger}
    summary, want = _score_veto_kinds(run, tmp_path, answers, validate=True)
    assert summary["vetoed_by"] == [culprit]
    assert summary["grade"] == "丙"
    assert want["grade_without_veto"] in ("甲", "乙")


def test_bonus_never_lifts_the_points_above_the_maximum(run: Run, tmp_path: Path) -> None:
    """Full marks plus a bonus: the points stay at the maximum (no "110 / 100", issue 15), percent at 100; the bonus
    is still reported."""
    answers = [
        {"item": "s.choice", "option": "ok"},
        {"item": "s.score", "value": 20},
        {"item": "s.deduct", "value": 0},
        {"item": "adj.bonus", "value": 7},  # 35, capped at 10
        {"item": "adj.veto", "value": 0},
    ]
    summary, _ = _score_veto_kinds(run, tmp_path, {a["item"]: a for a in answers})
    assert (summary["points"], summary["max"], summary["percent"], summary["bonus"]) == (100.0, 100.0, 100.0, 10.0)
    assert summary["grade"] == "甲"


def test_points_basis_scales_up_over_not_applicable_items(run: Run, tmp_path: Path) -> None:
    """折算: with 60 of 100 points 不适用, 40 of 40 points grade as 100 (basis points), not as 40."""
    answers = [
        {"item": "s.choice", "option": "na"},
        {"item": "s.score", "value": 15},
        {"item": "s.deduct", "value": 0},
        {"item": "adj.bonus", "value": 0},
        {"item": "adj.veto", "value": 0},
    ]
    summary, _ = _score_veto_kinds(run, tmp_path, {a["item"]: a for a in answers})
    assert (summary["points"], summary["max"], summary["percent"]) == (35.0, 40.0, 87.5)
    assert summary["grade"] == "乙"  # 35 x 100/40 = 87.5 points; unscaled 35 would be 丁


ROUNDING_CHECKLIST = """\
format: selfcheck.checklist/1
id: rounding
version: "1"
title: 得分率取整测试表
issuer: 测试
effective_date: 2026-09-01
sections:
  - id: s
    title: 唯一部分
    items:
      - {id: s.score, text: 打分项, type: score, points: 1000}
grading:
  bands:
    - {name: 优秀, min: 90}
    - {name: 良好, min: 0, max: 90}
"""


@pytest.mark.parametrize(("value", "percent", "grade"), [(899.96, 90.0, "优秀"), (899.94, 89.99, "良好"), (900, 90.0, "优秀")])
def test_grade_follows_the_percent_as_shown(run: Run, tmp_path: Path, value: float, percent: float, grade: str) -> None:
    """89.996% is shown as 90.00 and graded as 90; 89.994% is shown as 89.99 and graded below 90."""
    source = tmp_path / "rounding.yaml"
    source.write_text(ROUNDING_CHECKLIST, encoding="utf-8")
    run("template", "import", "--allow-unsigned", str(source))
    tpl = as_json(run("template", "show", "rounding", "--json"))
    iid = new_inspection(run, "rounding")
    answers = [{"item": "s.score", "value": value}]
    run("inspection", "answer", str(iid), "--file", str(write_json(tmp_path / "a.json", {"answers": answers})))
    summary = as_json(run("inspection", "show", str(iid), "--json"))
    assert_matches(summary, expected_score(tpl, {"s.score": answers[0]}))
    assert (summary["percent"], summary["grade"]) == (percent, grade)


def test_answers_after_completion(run: Run, tmp_path: Path) -> None:
    """Saving the same answers again leaves a completed inspection complete; a changed answer reopens it."""
    iid = new_inspection(run, "wuchawukan")
    tpl = as_json(run("template", "show", "wuchawukan", "--json"))
    answers, _ = plan_answers(tpl)
    file = write_json(tmp_path / "answers.json", {"answers": answers})
    run("inspection", "answer", str(iid), "--file", str(file))
    run("inspection", "complete", str(iid))
    proc = run("inspection", "answer", str(iid), "--file", str(file))
    assert "其中 0 个有变化" in proc.stdout
    assert as_json(run("inspection", "show", str(iid), "--json"))["status"] == "complete"
    changed = [dict(a) for a in answers]
    number = next(a for a in changed if a["item"] == "s1.study-count")
    number["value"] = 13
    proc = run("inspection", "answer", str(iid), "--file", str(write_json(tmp_path / "changed.json", {"answers": changed})))
    assert "其中 1 个有变化" in proc.stdout
    assert as_json(run("inspection", "show", str(iid), "--json"))["status"] == "draft"
    run("inspection", "complete", str(iid))
    assert as_json(run("inspection", "list", "--json"))[0]["status"] == "complete"


def test_checklist_versions_and_bound_inspections(run: Run, tmp_path: Path) -> None:
    """A newer version is the default for new inspections; an older inspection keeps its version."""
    mini = (Path(__file__).resolve().parents[1] / "data" / "mini.yaml").read_text(encoding="utf-8")
    v1 = tmp_path / "mini-1.yaml"
    v1.write_text(mini, encoding="utf-8")
    v2 = tmp_path / "mini-2.yaml"
    v2.write_text(
        mini.replace('version: "1.0"', 'version: "1.1"').replace("title: 测试用小检查表", "title: 测试用小检查表（修订）"),
        encoding="utf-8",
    )
    assert "已导入 mini 版本 1.0" in run("template", "import", "--allow-unsigned", str(v1)).stdout
    old = new_inspection(run, "mini")
    assert "已导入 mini 版本 1.1" in run("template", "import", "--allow-unsigned", str(v2)).stdout
    assert "无需导入" in run("template", "import", str(v2)).stdout
    new = new_inspection(run, "mini")
    pinned = new_inspection(run, "mini", "--version", "1.0")
    versions = {i["id"]: i["template"]["version"] for i in as_json(run("inspection", "list", "--json"))}
    assert versions == {old: "1.0", new: "1.1", pinned: "1.0"}
    assert as_json(run("template", "show", "mini", "--json"))["version"] == "1.1"
    assert as_json(run("template", "show", "mini", "--version", "1.0", "--json"))["title"] == "测试用小检查表"
    listed = [(t["template_id"], t["version"]) for t in as_json(run("template", "list", "--json")) if t["template_id"] == "mini"]
    assert listed == [("mini", "1.0"), ("mini", "1.1")]


def test_overdue_problems(run: Run) -> None:
    yesterday = (TODAY - dt.timedelta(days=1)).isoformat()
    tomorrow = (TODAY + dt.timedelta(days=1)).isoformat()
    late = run("problem", "add", "--description", "校务公开栏未更新", "--deadline", yesterday).stdout.strip().splitlines()[-1]
    on_time = run("problem", "add", "--description", "意见箱未开启", "--deadline", tomorrow).stdout.strip().splitlines()[-1]
    overdue = as_json(run("problem", "list", "--json", "--overdue"))
    assert [str(p["id"]) for p in overdue] == [late]
    assert overdue[0]["overdue"] is True
    assert {str(p["id"]): p["overdue"] for p in as_json(run("problem", "list", "--json"))} == {late: True, on_time: False}
    assert "【逾期】" in run("problem", "list").stdout
    run("problem", "update", late, "--status", "已整改")  # fixed, awaiting acceptance: no longer overdue
    assert as_json(run("problem", "list", "--json", "--overdue")) == []


def test_school_profile_address_kept_unless_given(run: Run) -> None:
    run("school", "set", "--name", "城关第一小学", "--code", "3412345678", "--principal", "张明", "--address", "城关镇1号")
    run("school", "set", "--name", "城关第一小学", "--code", "3412345678", "--principal", "李华")
    school = as_json(run("school", "show", "--json"))
    assert (school["principal"], school["address"]) == ("李华", "城关镇1号")
    run("school", "set", "--name", "城关第一小学", "--code", "3412345678", "--principal", "李华", "--address", "")
    assert as_json(run("school", "show", "--json"))["address"] is None
    assert "学校名称：城关第一小学" in run("school", "show").stdout


def test_default_checklist_dates_as_typed_and_manual_problems_carried(run: Run, tmp_path: Path) -> None:
    """No --template: the 五查五看. A date typed the Chinese way is saved as ISO. A hand-raised problem that names
    its checklist carries into that checklist's next round."""
    proc = run("inspection", "new", "--period", "2026年秋季学期")
    iid = int(proc.stdout.strip().splitlines()[-1])
    assert as_json(run("inspection", "show", str(iid), "--json"))["template"]["id"] == "wuchawukan"

    run("template", "import", "--allow-unsigned", str(Path(__file__).resolve().parents[1] / "data" / "mini.yaml"))
    mini_id = new_inspection(run, "mini")
    answers = {"answers": [{"item": "s2.date", "value": "2026年9月1日"}]}
    run("inspection", "answer", str(mini_id), "--file", str(write_json(tmp_path / "d.json", answers)))
    logged = [e for e in as_json(run("audit", "--inspection", str(mini_id), "--json")) if e["action"] == "answer"]
    assert logged[-1]["new"]["value"] == "2026-09-01"

    pid = run("problem", "add", "--description", "门卫登记不全", "--template", "wuchawukan").stdout.strip().splitlines()[-1]
    loose = run("problem", "add", "--description", "与检查表无关的问题").stdout.strip().splitlines()[-1]
    proc = run("inspection", "new", "--template", "wuchawukan", "--period", "2027年春季学期")
    assert "上一轮未销号的问题 1 个已转入本次自查" in proc.stdout
    next_id = int(proc.stdout.strip().splitlines()[-1])
    carried = as_json(run("inspection", "show", str(next_id), "--json"))["carried_problems"]
    assert [str(c["id"]) for c in carried] == [pid]
    assert loose != pid
