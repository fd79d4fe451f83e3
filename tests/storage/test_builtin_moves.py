"""Upgrading the app ships new versions of the built-in checklists: a school's in-progress inspection on the old
version moves to the new one (store and CLI), keeping every answer whose item is still there."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from selfcheck.cli.main import main
from selfcheck.core.checklist import Checklist, Item
from selfcheck.core.scoring import score
from selfcheck.storage import Store
from tests.conftest import CHECKLISTS, DATA

OLD = DATA / "builtins-1.0"
MOVED = ["wuchawukan", "work-style-campaign", "conduct-review", "star-rating"]
REMOVED = {"wuchawukan": {"s2.monthly-check"}, "work-style-campaign": {"fix.monthly", "fix.quarterly", "fix.halfyear"}}


def answer(t: Checklist, item: Item) -> dict[str, Any]:
    """A full, valid answer on the old version: the best option, the points, no occurrences."""
    if item.type == "choice":
        options = [o for o in t.options_for(item) if not o.not_applicable]
        top = max(options, key=lambda o: (o.share, o.key not in t.veto_keys(item)))
        return {"item": item.id, "option": top.key}
    value = {"score": item.points, "deduction": 0, "number": 12, "text": "无", "date": "2026-10-01"}[item.type]
    return {"item": item.id, "value": value}


@pytest.fixture
def upgraded(data_dir: Path) -> Iterator[Store]:
    """A data folder that had the 1.0 built-ins installed at first start, opened by the new app."""
    with Store.open(data_dir, install_builtins=False) as s:
        assert sorted(s.install_builtins(OLD)) == sorted(f"{name}@1.0" for name in MOVED)
        for name in MOVED:
            t = s.checklist(name, "1.0")
            inspection = s.new_inspection(name, "2026年秋季学期", ["李华"], version="1.0")
            s.save_answers(inspection.id, [answer(t, i) for i in t.items()])
    with Store.open(data_dir) as store:  # installs what changed: the new versions beside the old, and the new checklist
        yield store


def test_new_versions_install_beside_the_old(upgraded: Store) -> None:
    installed = {(c.template_id, c.version) for c in upgraded.checklists()}
    for name in MOVED:
        assert {(name, "1.0"), (name, "1.1")} <= installed
    assert ("campus-safety", "1.0") in installed
    assert {c.template_id for c in upgraded.checklists()} == {p.stem for p in CHECKLISTS}


@pytest.mark.parametrize("name", MOVED)
def test_an_inspection_in_progress_moves_to_the_new_version(upgraded: Store, name: str) -> None:
    s = upgraded
    inspection = next(i for i in s.inspections() if i.template_id == name)
    before = s.answers(inspection.id)
    plan = s.plan_move(inspection.id, "1.1")
    assert {f.item_id for f in plan.dropped} == REMOVED.get(name, set())
    assert all(f.fate == "dropped_item_removed" for f in plan.dropped)
    s.move_to_version(inspection.id, "1.1")
    moved = s.inspection(inspection.id)
    assert moved.template_version == "1.1" and moved.status == "draft"
    after = s.answers(inspection.id)
    assert set(after) == set(before) - REMOVED.get(name, set())
    assert all(after[i] == before[i] for i in after)  # carried by item id, as answered
    new = s.checklist(name, "1.1")
    added = {i.id for i in new.items()} - set(before)
    result = score(new, after)
    assert result.answered == result.total_items - len(added)  # only the new items wait for an answer
    assert not result.vetoed_by  # the best answers stay clear of every veto


def test_a_found_red_line_still_vetoes_after_the_move(upgraded: Store) -> None:
    s = upgraded
    inspection = next(i for i in s.inspections() if i.template_id == "work-style-campaign")
    s.save_answers(inspection.id, [{"item": "check.paid-tutoring", "option": "present", "note": "一名教师暑期有偿补课"}])
    old = score(s.checklist("work-style-campaign", "1.0"), s.answers(inspection.id))
    assert old.vetoed_by == ["check.paid-tutoring"] and old.total == 95  # 1.0: the points and the veto
    s.move_to_version(inspection.id, "1.1")
    assert "check.paid-tutoring" in s.rechecks(inspection.id)  # its points changed: a second look
    new = score(s.checklist("work-style-campaign", "1.1"), s.answers(inspection.id))
    assert new.vetoed_by == ["check.paid-tutoring"] and new.grade == "不合格"
    assert new.items["check.paid-tutoring"].max == 0  # 1.1: the veto alone


def test_cli_moves_a_builtin_inspection(upgraded: Store, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    s = upgraded
    ident = str(next(i for i in s.inspections() if i.template_id == "wuchawukan").id)
    base = ["--data-dir", str(data_dir)]
    assert main([*base, "template", "diff", "wuchawukan", "1.0", "1.1"]) == 0
    out = capsys.readouterr().out
    assert "s2.monthly-check" in out and "s3.fee-abuse" in out
    assert main([*base, "inspection", "migrate", ident, "--yes", "--json"]) == 0
    done = json.loads(capsys.readouterr().out)
    assert done["inspection"]["template_version"] == "1.1"
    assert done["plan"]["counts"]["dropped"] == 1
    assert main([*base, "inspection", "show", ident]) == 0
    assert "需复核的答案" in capsys.readouterr().out
