"""The template diff: each kind of change between two checklist versions is found, named and printable."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from selfcheck.core.checklist import Checklist
from selfcheck.core.checklist_diff import ChecklistDiff, diff
from selfcheck.core.checklist_file import read_checklist

MIGRATE = Path(__file__).resolve().parent.parent / "data" / "migrate"


@pytest.fixture(scope="module")
def v1() -> Checklist:
    return read_checklist(MIGRATE / "v1.yaml")


@pytest.fixture(scope="module")
def v2() -> Checklist:
    return read_checklist(MIGRATE / "v2.yaml")


@pytest.fixture(scope="module")
def changes(v1: Checklist, v2: Checklist) -> ChecklistDiff:
    return diff(v1, v2)


def edited(template: Checklist, edit: Any, version: str = "9.0") -> Checklist:
    """A copy with `edit(data)` applied to its plain data, validated again."""
    data = template.model_dump()
    data["version"] = version
    edit(data)
    return Checklist.model_validate(data)


def fields(changes: ChecklistDiff, item_id: str) -> set[tuple[str, str, str | None]]:
    change = changes.item(item_id)
    assert change is not None, item_id
    return {(c.kind, c.field, c.option) for c in change.changes}


def test_every_kind_of_item_change_is_found(changes: ChecklistDiff) -> None:
    assert changes.ids("added") == ["s1.new", "d.late"]
    assert changes.ids("removed") == ["s1.old", "d.complaint"]
    assert changes.ids("moved") == ["s1.move"]
    assert changes.ids("reworded") == ["s1.study", "s1.count", "s3.serve"]
    assert changes.ids("rescored") == ["s2.firstask", "s2.fees", "s2.score"]
    # Unchanged items are not listed at all.
    for same in ("s2.tutoring", "s2.date", "b.award"):
        assert changes.item(same) is None


def test_reworded_says_which_text_changed(changes: ChecklistDiff) -> None:
    assert fields(changes, "s1.study") == {("reworded", "text", None), ("reworded", "method", None)}
    assert fields(changes, "s1.count") == {("reworded", "unit", None)}
    # The item's own words did not change, but the 看 it is read under did.
    assert fields(changes, "s3.serve") == {("reworded", "section.look", None)}
    study = changes.item("s1.study")
    assert study is not None
    assert study.old_text == "每周是否组织一次集中政治业务学习"
    assert study.new_text == "每周是否组织一次集中政治业务学习，有记录、有签到"


def test_rescored_names_points_and_options(changes: ChecklistDiff) -> None:
    assert fields(changes, "s2.firstask") == {("rescored", "option.label", "bad"), ("rescored", "option.removed", "ok")}
    assert fields(changes, "s2.fees") == {("rescored", "per_occurrence", None)}
    score = changes.item("s2.score")
    assert score is not None
    assert [(c.field, c.old, c.new) for c in score.changes] == [("points", 10, 6)]


def test_moved_item_names_both_sections(changes: ChecklistDiff) -> None:
    move = changes.item("s1.move")
    assert move is not None
    assert move.kinds == ("moved",)
    assert move.section == "s2"
    [c] = move.changes
    assert (c.old["id"], c.new["id"]) == ("s1", "s2")


def test_checklist_and_section_changes(changes: ChecklistDiff) -> None:
    names = {c.field for c in changes.checklist_changes}
    assert names == {"title", "effective_date", "grading.bands"}
    [s3] = changes.sections
    assert (s3.section_id, s3.kind, [c.field for c in s3.changes]) == ("s3", "changed", ["look"])


def test_describe_prints_chinese_lines_and_json_round_trips(changes: ChecklistDiff) -> None:
    text = "\n".join(changes.describe())
    assert "版本 1.0 → 2.0" in text
    assert "新增 2 项，删除 2 项，移动 1 项，改写 3 项，改分 3 项" in text
    assert "－ 删除 s1.old（一查思想作风）：是否订阅党报党刊" in text
    assert "删除选项 ok（达标）" in text
    assert "选项 bad 的名称：“不达标” → “不达标（须整改）”" in text
    assert "分值：10 → 6" in text
    assert "所在部分：s1 一查思想作风 → s2 二查工作作风" in text
    data = json.loads(json.dumps(changes.to_json(), ensure_ascii=False))
    assert data["counts"] == {"added": 2, "removed": 2, "moved": 1, "reworded": 3, "rescored": 3}
    by_id = {i["item_id"]: i for i in data["items"]}
    assert by_id["s2.firstask"]["changes"][1]["old"]["label"] == "达标"


def test_identical_content_is_empty(v1: Checklist) -> None:
    same = edited(v1, lambda d: None)
    changes = diff(v1, same)
    assert changes.empty
    assert changes.describe()[1] == "检查内容、分值和等次划分都没有变化"


@pytest.mark.parametrize(
    ("edit", "item_id", "expected"),
    [
        (
            lambda d: d["sections"][1]["items"][0]["options"][0].update(share=0.9),
            "s2.firstask",
            ("rescored", "option.share", "good"),
        ),
        (
            lambda d: d["sections"][1]["items"][0]["options"].append({"key": "fair", "label": "一般", "share": 0.5}),
            "s2.firstask",
            ("rescored", "option.added", "fair"),
        ),
        (
            lambda d: d["sections"][1]["items"][0]["options"][1].update(note_required=True),
            "s2.firstask",
            ("rescored", "option.note_required", "ok"),
        ),
        (lambda d: d["sections"][1]["items"][3].update(veto_options=["none"]), "s2.tutoring", ("rescored", "veto_options", None)),
        (lambda d: d["sections"][1]["items"][3].update(veto=False, veto_options=None), "s2.tutoring", ("rescored", "veto", None)),
        (lambda d: d["sections"][0]["items"][1].update(required=True), "s1.count", ("rescored", "required", None)),
        (lambda d: d["sections"][0]["items"][0].update(evidence="签到表"), "s1.study", ("reworded", "evidence", None)),
        (lambda d: d["sections"][0]["items"][0].update(rule="每缺一次扣 1 分"), "s1.study", ("reworded", "rule", None)),
        (lambda d: d["adjustments"][0].update(cap=6), "b.award", ("rescored", "cap", None)),
        (lambda d: d["adjustments"][0].update(text="获市级以上表彰"), "b.award", ("reworded", "text", None)),
    ],
)
def test_each_field_change_is_classified(v1: Checklist, edit: Any, item_id: str, expected: tuple[str, str, str | None]) -> None:
    changes = diff(v1, edited(v1, edit))
    assert fields(changes, item_id) == {expected}
    assert changes.ids(expected[0]) == [item_id]  # type: ignore[arg-type]
    assert all(line.strip() for line in changes.describe())


def test_changed_check_rewords_every_item_of_its_section_but_not_others(v1: Checklist) -> None:
    changes = diff(v1, edited(v1, lambda d: d["sections"][0].update(check="查学习")))
    assert changes.ids("reworded") == ["s1.study", "s1.count", "s1.old", "s1.move"]
    assert fields(changes, "s1.old") == {("reworded", "section.check", None)}
    assert [s.section_id for s in changes.sections] == ["s1"]


def test_scale_change_reaches_every_item_using_it(v1: Checklist) -> None:
    """Items on the default scale have no options of their own: a changed scale is a change to each of them."""

    def rename_no(d: dict[str, Any]) -> None:
        d["scales"]["yesno"][1]["label"] = "未落实"

    changes = diff(v1, edited(v1, rename_no))
    assert changes.ids("rescored") == ["s1.study", "s1.old", "s1.move", "s3.serve"]
    assert fields(changes, "s1.study") == {("rescored", "option.label", "no")}


def test_grading_changes_are_checklist_level(v1: Checklist) -> None:
    def grading(d: dict[str, Any]) -> None:
        d["grading"]["veto_grade"] = "合格"
        d["grading"]["bonus_cap"] = 3

    changes = diff(v1, edited(v1, grading))
    assert not changes.items
    assert {(c.field, c.old, c.new) for c in changes.checklist_changes} == {
        ("grading.veto_grade", "不合格", "合格"),
        ("grading.bonus_cap", None, 3),
    }
