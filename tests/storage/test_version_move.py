"""Moving an inspection to a newer checklist version, against real SQLite files: plan, move, refusals, flags."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfcheck.cli.main import main
from selfcheck.core.answers import Answer
from selfcheck.core.checklist import Checklist, Item
from selfcheck.core.checklist_file import read_checklist
from selfcheck.core.scoring import score
from selfcheck.errors import RuleError, StorageError
from selfcheck.storage import Store

DATA = Path(__file__).resolve().parent.parent / "data"
V1 = read_checklist(DATA / "migrate" / "v1.yaml")
V2 = read_checklist(DATA / "migrate" / "v2.yaml")
MINI = read_checklist(DATA / "mini.yaml")

# One answer per kind of fate; the comment says what v2 does to the item.
ANSWERS: list[dict[str, Any]] = [
    {"item": "s1.study", "option": "yes"},  # reworded: kept, flagged
    {"item": "s1.count", "value": 12},  # unit changed: kept, flagged
    {"item": "s1.old", "option": "no", "note": "未订阅"},  # removed: dropped
    {"item": "s1.move", "option": "yes"},  # moved only: kept as is
    {"item": "s2.firstask", "option": "ok"},  # option removed: dropped
    {"item": "s2.fees", "value": 2},  # re-scored: kept, flagged
    {"item": "s2.score", "value": 8},  # points 10 → 6: 8 no longer fits, dropped
    {"item": "s2.tutoring", "option": "none"},  # unchanged
    {"item": "s2.date", "value": "2026-09-10"},  # unchanged
    {"item": "s3.serve", "option": "yes"},  # its section's 看 reworded: flagged
    {"item": "b.award", "value": 1},  # unchanged 加分项
    {"item": "d.complaint", "value": 1},  # removed 扣分项: dropped
]
KEPT = {"s1.study", "s1.count", "s1.move", "s2.fees", "s2.tutoring", "s2.date", "s3.serve", "b.award"}
FLAGGED = {"s1.study": "reworded", "s1.count": "reworded", "s2.fees": "rescored", "s3.serve": "reworded"}
DROPPED = {
    "s1.old": "dropped_item_removed",
    "s2.firstask": "dropped_option_removed",
    "s2.score": "dropped_invalid",
    "d.complaint": "dropped_item_removed",
}


def dump(store: Store) -> list[str]:
    return list(store.db.conn.iterdump())


@pytest.fixture
def two(store: Store) -> Store:
    store.install_checklist(V1, "test")
    store.install_checklist(V2, "test")
    return store


@pytest.fixture
def filled(two: Store) -> int:
    inspection = two.new_inspection("migtest", "2026年秋季学期", ["李华"], version="1.0")
    two.save_answers(inspection.id, ANSWERS)
    return inspection.id


def test_plan_gives_every_answer_its_fate_and_writes_nothing(two: Store, filled: int) -> None:
    before = dump(two)
    plan = two.plan_move(filled, "2.0")
    assert dump(two) == before
    fates = {f.item_id: f.fate for f in plan.fates}
    assert {i for i, f in fates.items() if f in ("kept", "flagged")} == KEPT
    assert {f.item_id: ",".join(f.reasons) for f in plan.flagged} == FLAGGED
    assert {f.item_id: f.fate for f in plan.dropped} == DROPPED
    dropped = {f.item_id: f for f in plan.dropped}
    assert dropped["s1.old"].answer == Answer("s1.old", "no", None, "未订阅")
    assert dropped["s2.score"].detail is not None and "0 到 6" in dropped["s2.score"].detail
    text = "\n".join(plan.describe())
    assert "原样保留 4 个，保留但需复核 4 个，移除 4 个" in text
    assert "s1.old：移除（检查项已删除）" in text
    assert "s1.new：是否开展师德师风专题教育" in text  # added items are named: they need answers
    json.dumps(plan.to_json(), ensure_ascii=False)


def test_migrate_keeps_what_it_can_flags_and_lists_the_rest(two: Store, filled: int) -> None:
    old_answers = two.answers(filled)
    result = two.move_to_version(filled, "2.0")
    inspection = two.inspection(filled)
    assert inspection.template_version == "2.0" == result.inspection.template_version
    assert inspection.status == "draft"
    answers = two.answers(filled)
    assert set(answers) == KEPT
    assert all(answers[i] == old_answers[i] for i in KEPT)  # carried by item id, unchanged
    assert two.rechecks(filled) == FLAGGED
    kept_dropped = two.dropped_answers(filled)
    assert {d.item_id: d.reason for d in kept_dropped} == DROPPED
    assert all(d.answer == old_answers[d.item_id] for d in kept_dropped)
    assert {(d.from_version, d.to_version) for d in kept_dropped} == {("1.0", "2.0")}
    # The inspection now scores on the new version.
    result_score = score(two.checklist("migtest", "2.0"), answers)
    assert result_score.total_items == len(V2.items())


def test_migrate_is_in_the_audit_log_with_old_values(two: Store, filled: int) -> None:
    two.move_to_version(filled, "2.0")
    entries = [e for e in two.audit("inspection", filled) if e.action.startswith("migrate")]
    moved = [e for e in entries if e.action == "migrate"]
    assert [(e.field, e.old, e.new) for e in moved] == [("template_version", "1.0", "2.0")]
    drops = {e.field: e for e in entries if e.action == "migrate-drop"}
    assert set(drops) == set(DROPPED)
    assert drops["s1.old"].old == {"option": "no", "value": None, "note": "未订阅"}
    assert drops["s2.firstask"].new["reason"] == "dropped_option_removed"
    flags = {e.field: e.new["review"] for e in entries if e.action == "migrate-flag"}
    assert flags == FLAGGED
    # One transaction, one moment.
    assert len({e.at for e in entries}) == 1


def test_problem_from_a_removed_item_stays_in_the_ledger(two: Store, filled: int) -> None:
    raised = {p.item_id: p for p in two.raise_problems_from_answers(filled)}
    assert set(raised) == {"s1.old", "s2.fees"}  # 否 on s1.old, two occurrences on s2.fees
    problem = raised["s1.old"]
    plan = two.plan_move(filled, "2.0")
    assert [(p.id, p.item_id) for p in plan.problems] == [(problem.id, "s1.old")]
    assert "仍留在整改台账中" in "\n".join(plan.describe())
    two.move_to_version(filled, "2.0")
    after = two.problem(problem.id)
    assert (after.item_id, after.status, after.inspection_id) == ("s1.old", problem.status, filled)
    [entry] = [e for e in two.audit("problem", problem.id) if e.action == "migrate"]
    assert entry.new == {"item_id": "s1.old", "removed_in": "2.0"}
    # Raising problems again on the new version does not stumble over the old item.
    assert two.raise_problems_from_answers(filled) == []


def test_chosen_option_that_changed_meaning_is_flagged(two: Store) -> None:
    bad = two.new_inspection("migtest", "一", version="1.0").id
    good = two.new_inspection("migtest", "二", version="1.0").id
    two.save_answer(bad, "s2.firstask", "bad", note="来访登记不全")
    two.save_answer(good, "s2.firstask", "good")
    two.save_answer(good, "s2.score", value=4)
    two.move_to_version(bad, "2.0")
    two.move_to_version(good, "2.0")
    assert two.rechecks(bad) == {"s2.firstask": "rescored,option_changed"}
    assert two.rechecks(good) == {"s2.firstask": "rescored", "s2.score": "rescored"}
    assert two.answers(good)["s2.score"].value == 4


def test_flags_of_an_earlier_move_carry_on_and_merge(two: Store, filled: int) -> None:
    data = V2.model_dump()
    data["version"] = "3.0"
    data["sections"][0]["items"][0]["points"] = 8  # s1.study now re-scored as well
    data["sections"][0]["items"] = [i for i in data["sections"][0]["items"] if i["id"] != "s1.count"]
    two.install_checklist(Checklist.model_validate(data), "test")
    two.move_to_version(filled, "2.0")
    two.move_to_version(filled, "3.0")
    flagged = two.rechecks(filled)
    assert flagged["s1.study"] == "reworded,rescored"
    assert "s1.count" not in flagged  # dropped answers take their flag with them
    assert flagged["s2.fees"] == "rescored"  # unchanged in 3.0, but not yet looked at
    assert [d.item_id for d in two.dropped_answers(filled)][-1] == "s1.count"


def test_clear_recheck(two: Store, filled: int) -> None:
    two.move_to_version(filled, "2.0")
    assert two.clear_recheck(filled, "s1.study").value is True
    assert "s1.study" not in two.rechecks(filled)
    assert two.clear_recheck(filled, "s1.study").value is False
    [entry] = [e for e in two.audit("inspection", filled) if e.action == "review"]
    assert (entry.field, entry.old, entry.new) == ("s1.study", {"review": "reworded"}, None)


def test_pending_update(two: Store, store: Store) -> None:
    store.install_checklist(MINI, "test")
    assert store.pending_update(store.new_inspection("mini", "一").id) is None
    inspection = two.new_inspection("migtest", "二", version="1.0")
    assert two.pending_update(inspection.id) == "2.0"
    two.move_to_version(inspection.id, "2")  # "2" and "2.0" are one version
    assert two.pending_update(inspection.id) is None


def _complete(store: Store) -> int:
    inspection = store.new_inspection("migtest", "已完成", version="1.0")
    answers: list[dict[str, Any]] = [
        {"item": i.id, "option": "yes"} for i in V1.items() if i.type == "choice" and i.options is None
    ]
    answers += [
        {"item": "s2.firstask", "option": "good"},
        {"item": "s2.fees", "value": 0},
        {"item": "s2.score", "value": 9},
        {"item": "s2.tutoring", "option": "none"},
    ]
    store.save_answers(inspection.id, answers)
    return store.complete_inspection(inspection.id).id


@pytest.mark.parametrize(
    ("case", "version", "template_id", "words"),
    [
        ("complete", "2.0", None, "已标记完成"),
        ("draft", "3.0", None, "没有安装版本 3.0"),
        ("draft", "1.0", None, "已经使用版本 1.0"),
        ("on-v2", "1.0", None, "只能换用更新的版本"),
        ("draft", "2.0", "mini", "不能换成另一张检查表"),
        ("draft", "二点零", None, "版本号“二点零”无效"),
    ],
)
def test_refusals_leave_the_database_unchanged(two: Store, case: str, version: str, template_id: str | None, words: str) -> None:
    two.install_checklist(MINI, "test")
    if case == "complete":
        inspection_id = _complete(two)
    else:
        inspection_id = two.new_inspection("migtest", "期次", version="2.0" if case == "on-v2" else "1.0").id
        two.save_answers(inspection_id, ANSWERS[:2])
    before = dump(two)
    for attempt in (Store.plan_move, Store.move_to_version):
        with pytest.raises(RuleError) as caught:
            attempt(two, inspection_id, version, template_id=template_id)
        assert words in caught.value.zh
        assert caught.value.en != caught.value.zh
    assert dump(two) == before


def test_signed_inspection_is_refused(two: Store, filled: int) -> None:
    columns = {row[1] for row in two.db.execute("PRAGMA table_info(inspections)").fetchall()}
    if "signed_at" not in columns:
        pytest.skip("this build has no signed inspection lock")
    two.db.execute("UPDATE inspections SET signed_at = '2026-11-01T10:00:00+08:00' WHERE id = ?", [filled])
    before = dump(two)
    with pytest.raises(RuleError, match="已签名"):
        two.move_to_version(filled, "2.0")
    assert two.pending_update(filled) is None
    assert dump(two) == before


def test_a_write_failing_half_way_leaves_nothing(two: Store, filled: int) -> None:
    # A real SQLite failure in the middle of the move: the third dropped answer cannot be stored.
    two.db.execute(
        "CREATE TRIGGER refuse AFTER INSERT ON dropped_answers WHEN NEW.item_id = 's2.score' "
        "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
    )
    before = dump(two)
    with pytest.raises(StorageError):
        two.move_to_version(filled, "2.0")
    assert dump(two) == before


def test_cli_diff_migrate_show_and_reviewed(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(data_dir, install_builtins=False) as s:
        s.install_checklist(V1, "test")
        s.install_checklist(V2, "test")
        inspection_id = s.new_inspection("migtest", "2026年秋季学期", version="1.0").id
        s.save_answers(inspection_id, ANSWERS)
    base = ["--data-dir", str(data_dir)]
    ident = str(inspection_id)

    assert main([*base, "template", "diff", "migtest", "1.0", "2.0"]) == 0
    assert "－ 删除 s1.old" in capsys.readouterr().out

    # Not a terminal and no --yes: the plan, then exit 1 saying what to add; nothing moved.
    assert main([*base, "inspection", "migrate", ident]) == 1
    shown = capsys.readouterr()
    assert "移除（所选选项已删除）" in shown.out
    assert "--yes" in shown.err and "error:" in shown.err

    assert main([*base, "inspection", "migrate", ident, "--to-version", "mini@2.0", "--yes"]) == 1
    assert "不能换成另一张检查表" in capsys.readouterr().err

    assert main([*base, "inspection", "migrate", ident, "--to-version", "migtest@2.0", "--yes", "--json"]) == 0
    done = json.loads(capsys.readouterr().out)
    assert done["inspection"]["template_version"] == "2.0"
    assert done["plan"]["counts"] == {"answers": 12, "kept": 4, "flagged": 4, "dropped": 4}

    assert main([*base, "inspection", "show", ident, "--json"]) == 0
    assert {r["item"]: r["reason"] for r in json.loads(capsys.readouterr().out)["recheck"]} == FLAGGED
    assert main([*base, "inspection", "reviewed", ident, "s1.study", "s3.serve"]) == 0
    assert "还有 2 项需复核" in capsys.readouterr().out
    assert main([*base, "inspection", "show", ident]) == 0
    assert "需复核的答案 2 个" in capsys.readouterr().out
    assert main([*base, "inspection", "reviewed", ident, "s1.new"]) == 1
    assert "没有“需复核”标记" in capsys.readouterr().err

    assert main([*base, "inspection", "diff", ident]) == 1  # already on the newest
    assert "没有可换用的新版本" in capsys.readouterr().err


# ---- property: a newer version with the same content moves everything and flags nothing --------------


def _answer(item: Item) -> st.SearchStrategy[dict[str, Any]]:
    if item.type == "choice":
        keys = list(MINI.option_map[item.id])
        return st.builds(
            lambda k, n: {"item": item.id, "option": k, "note": n}, st.sampled_from(keys), st.sampled_from([None, "说明"])
        )
    if item.type == "score":
        return st.integers(0, int(item.points)).map(lambda v: {"item": item.id, "value": v})
    if item.type == "date":
        return st.dates().map(lambda d: {"item": item.id, "value": d.isoformat()})
    return st.integers(0, 30).map(lambda v: {"item": item.id, "value": v})


ANSWER_SETS: st.SearchStrategy[dict[str, Any]] = st.fixed_dictionaries(
    {}, optional={i.id: _answer(i) for i in MINI.items()}
) | st.just({})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chosen=ANSWER_SETS, version=st.sampled_from(["1.1", "2", "2026.1.0"]))
def test_same_content_newer_version_keeps_every_answer_and_flags_none(chosen: dict[str, Any], version: str) -> None:
    newer = Checklist.model_validate({**MINI.model_dump(), "version": version})
    with tempfile.TemporaryDirectory() as folder, Store.open(folder, install_builtins=False) as s:
        s.install_checklist(MINI, "test")
        s.install_checklist(newer, "test")
        inspection_id = s.new_inspection("mini", "期次", version="1.0").id
        s.save_answers(inspection_id, list(chosen.values()))
        before = s.answers(inspection_id)
        result = s.move_to_version(inspection_id, version)
        assert s.answers(inspection_id) == before
        assert s.rechecks(inspection_id) == {}
        assert s.dropped_answers(inspection_id) == []
        assert result.plan.diff.items == ()
        assert s.inspection(inspection_id).template_version == version


def test_a_label_reworded_in_the_same_words_is_carried_without_a_flag(store: Store, tmp_path: Path) -> None:
    """是 → 已落实 (one wording per scale) keeps the answer's meaning: no second look; 是 → 存在 does not."""
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    for version, label in (("1.1", "已落实"), ("1.2", "存在")):
        path = tmp_path / f"mini-{version}.yaml"
        path.write_text(
            text.replace('version: "1.0"', f'version: "{version}"').replace("label: 是,", f"label: {label},"), "utf-8"
        )
        store.install_checklist(read_checklist(path), "test")
    store.install_checklist(MINI, "test")
    same = store.new_inspection("mini", "一", version="1.0").id
    other = store.new_inspection("mini", "二", version="1.0").id
    for inspection in (same, other):
        store.save_answer(inspection, "s1.study", "yes")
    store.move_to_version(same, "1.1")
    store.move_to_version(other, "1.2")
    assert "s1.study" not in store.rechecks(same)
    assert "option_changed" in store.rechecks(other)["s1.study"]
