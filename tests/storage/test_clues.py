"""The clue register in the store: a parent's call to 办结, every step audited, problems that close only under the
full 四不放过, the contact kept out of the log, the tally per period, and the upgrade that marks old close-outs."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from selfcheck.core.clues import Stage
from selfcheck.core.ledger import Status
from selfcheck.errors import NotFoundError, RuleError
from selfcheck.storage import Store
from selfcheck.storage import db as dbmod
from tests.conftest import TODAY

CONTACT = "13812345678"


def dump(store: Store) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for table in ("clues", "clue_steps", "problem_clues", "problems", "audit"):
        rows += store.conn.execute(f"SELECT * FROM {table}").fetchall()
    return rows


def test_a_parents_call_from_receipt_to_conclusion(store: Store) -> None:
    clue = store.add_clue("家长来电", TODAY - dt.timedelta(days=10), "数学老师暑期有偿补课", contact=CONTACT, staff="李老师")
    assert (clue.stage, clue.channel, clue.masked) == (Stage.RECEIVED, "电话", "138****5678")
    clue = store.record_clue_stage(clue.id, Stage.CHECKED, finding="属实", checked_by="王副校长")
    first = store.raise_problem_from_clue(clue.id, measure="责令退还补课费", owner="王副校长")
    second = store.raise_problem_from_clue(clue.id, "师德师风学习不到位", measure="全体教师专题学习")
    assert (first.clue_id, first.source_label, first.description) == (clue.id, "线索", "数学老师暑期有偿补课")
    assert store.clue(clue.id).problem_ids == (first.id, second.id)
    assert store.problems()[0].clue_id == clue.id  # the list carries the link too

    # The problems close only under 四不放过 in full: the handling, and the person answered through the clue.
    for p in (first, second):
        store.update_problem(p.id, status=Status.FIXED)
    with pytest.raises(RuleError) as refused:
        store.close_problem(first.id, verified_by="张明", evidence="退费收据")
    assert "处理到位——处理情况" in refused.value.zh and f"线索 #{clue.id} 的答复" in refused.value.zh
    with pytest.raises(RuleError) as refused:
        store.close_problem(first.id, verified_by="张明", evidence="退费收据", handling="退费并诫勉谈话")
    assert "处理情况" not in refused.value.zh and "答复反映人" in refused.value.zh
    assert store.problem(first.id).handling is None  # refused: the handling typed with it was not kept either

    store.record_clue_stage(clue.id, Stage.HANDLED, handling="责令退费，给予诫勉", accountability="诫勉")
    with pytest.raises(RuleError, match="下一步可以是：答复"):
        store.record_clue_stage(clue.id, Stage.CONCLUDED)
    store.record_clue_stage(clue.id, Stage.ANSWERED, answer="电话告知家长处理结果，家长表示满意")
    with pytest.raises(RuleError) as refused:
        store.record_clue_stage(clue.id, Stage.CONCLUDED)
    assert f"问题 #{first.id}、#{second.id} 销号" in refused.value.zh
    for p in (first, second):
        closed = store.close_problem(p.id, verified_by="张明", evidence="退费收据", handling="退费并诫勉谈话")
        assert closed.status == Status.CLOSED and closed.handling == "退费并诫勉谈话"
    done = store.record_clue_stage(clue.id, Stage.CONCLUDED)
    assert (done.stage, done.concluded_on, done.accountability) == (Stage.CONCLUDED, TODAY, "诫勉")
    with pytest.raises(RuleError, match="已办结"):
        store.raise_problem_from_clue(clue.id)

    steps = store.clue_steps(clue.id)
    assert [s.stage for s in steps] == list(Stage)
    assert steps[0].day == TODAY - dt.timedelta(days=10)
    audit = store.audit("clue", clue.id)
    assert [e.action for e in audit] == ["receive", "stage", "raise_problem", "raise_problem", "stage", "stage", "stage"]
    assert all(CONTACT not in str(e.new) for e in audit)  # the log says a contact was given, never which
    assert audit[0].new["contact"] is True
    rows = store.conn.execute("SELECT COUNT(DISTINCT unit) FROM audit WHERE entity = 'clue'").fetchone()
    assert rows[0] == 7  # one action, one unit, each


def test_an_untrue_clue_raises_no_problem_and_is_answered_without_handling(store: Store) -> None:
    clue = store.add_clue("12345转办", TODAY, "学校强制购买教辅")
    with pytest.raises(RuleError, match="尚未核查"):
        store.raise_problem_from_clue(clue.id)
    store.record_clue_stage(clue.id, Stage.CHECKED, finding="不属实", checked_by="王副校长")
    with pytest.raises(RuleError, match="不属实"):
        store.raise_problem_from_clue(clue.id)
    store.record_clue_stage(clue.id, Stage.ANSWERED, answer="书面回复12345平台：经核查，教辅为自愿征订")
    assert store.record_clue_stage(clue.id, Stage.CONCLUDED).stage == Stage.CONCLUDED


def test_refused_steps_leave_nothing_behind(store: Store) -> None:
    clue = store.add_clue("家长来信", TODAY, "食堂饭菜分量不足")
    before = dump(store)
    with pytest.raises(RuleError, match="核查结论"):
        store.record_clue_stage(clue.id, Stage.CHECKED, finding="基本属实", checked_by="王")
    with pytest.raises(RuleError, match="核查人"):
        store.record_clue_stage(clue.id, Stage.CHECKED, finding="属实", checked_by="  ")
    with pytest.raises(RuleError, match="晚于今天"):
        store.record_clue_stage(clue.id, Stage.CHECKED, finding="属实", checked_by="王", day=TODAY + dt.timedelta(days=1))
    with pytest.raises(RuleError, match="早于受理日期"):
        store.record_clue_stage(clue.id, Stage.CHECKED, finding="属实", checked_by="王", day=TODAY - dt.timedelta(days=1))
    with pytest.raises(RuleError, match="晚于今天"):
        store.add_clue("家长来电", TODAY + dt.timedelta(days=1), "x")
    with pytest.raises(RuleError, match="线索内容"):
        store.add_clue("家长来电", TODAY, "  ")
    with pytest.raises(NotFoundError, match="没有编号为 99 的线索"):
        store.record_clue_stage(99, Stage.CHECKED, finding="属实", checked_by="王")
    assert dump(store) == before
    store.record_clue_stage(clue.id, Stage.CHECKED, finding="属实", checked_by="王")
    store.raise_problem_from_clue(clue.id)
    with pytest.raises(RuleError, match="不能改为“不属实”"):
        store.record_clue_stage(clue.id, Stage.CHECKED, finding="不属实", checked_by="王")


def test_a_problem_raised_by_a_person_needs_them_answered(store: Store) -> None:
    p = store.add_problem("校门口接送拥堵", raised_by="家长委员会", measure="错峰放学")
    store.update_problem(p.id, status=Status.FIXED, handling="安排值周教师疏导")
    with pytest.raises(RuleError, match="答复反映人——答复内容和答复日期"):
        store.close_problem(p.id, verified_by="张明", evidence="值周表")
    closed = store.close_problem(p.id, verified_by="张明", evidence="值周表", answer="家长会上通报", answered_on=TODAY)
    assert (closed.status, closed.answer, closed.answered_on) == (Status.CLOSED, "家长会上通报", TODAY)


def test_the_tally_per_period(store: Store) -> None:
    old = store.add_clue("家长来电", dt.date(2026, 9, 1), "九月的线索")
    for day in (dt.date(2026, 10, 10), dt.date(2026, 10, 20)):
        store.add_clue("学生来访", day, "十月的线索")
    store.record_clue_stage(old.id, Stage.CHECKED, finding="属实", checked_by="王")
    store.record_clue_stage(old.id, Stage.HANDLED, handling="约谈", accountability="谈话提醒")
    october = store.clue_tally(dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    assert october.to_json() == {"accepted": 2, "true": 0, "accountable": 0, "concluded": 0, "in_progress": 2}
    autumn = store.clue_tally(dt.date(2026, 9, 1), dt.date(2026, 10, 31))
    assert autumn.to_json() == {"accepted": 3, "true": 1, "accountable": 1, "concluded": 0, "in_progress": 3}
    assert [c.id for c in store.clues(stage=Stage.HANDLED)] == [old.id]
    with pytest.raises(RuleError, match="起始日期晚于截止日期"):
        store.clue_tally(dt.date(2026, 10, 31), dt.date(2026, 10, 1))


def test_the_upgrade_keeps_old_close_outs_closed_and_marks_what_they_lack(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before_clues = [u for u in dbmod.UPGRADES if u[0] != "009_clues"]
    monkeypatch.setattr(dbmod, "UPGRADES", before_clues)
    with Store.open(data_dir, install_builtins=False) as old:  # a database as the last version left it
        insert = (
            "INSERT INTO problems (source, description, measure, status, raised_on, verified_by, verified_on, evidence, "
            "created_at, updated_at) VALUES ('manual', ?, ?, ?, ?, ?, ?, ?, 'x', 'x')"
        )
        day = TODAY.isoformat()
        old.conn.execute(insert, ["旧台账问题", "已整改", "closed", day, "张明", day, "照片"])
        old.conn.execute(insert, ["仍在整改", "整改中", "open", day, None, None, None])
    monkeypatch.undo()
    with Store.open(data_dir, install_builtins=False) as store:
        was_closed = store.problem(1)
        assert (was_closed.status, was_closed.verified_by, was_closed.lacks) == (Status.CLOSED, "张明", ("handling",))
        assert store.problem(2).lacks == ()
        assert store.problem(1).to_json()["lacks"] == ["handling"]
        names = [r[0] for r in store.conn.execute("SELECT name FROM migrations")]
        assert "009_clues" in names
        with pytest.raises(sqlite3.IntegrityError):  # the stage vocabulary is the database's too
            store.conn.execute(
                "INSERT INTO clues (source, channel, received_on, summary, stage, created_at, updated_at) "
                "VALUES ('x', '电话', '2026-01-01', 'x', '结案', 'x', 'x')"
            )


def test_what_was_registered_can_be_corrected_until_concluded(store: Store) -> None:
    clue = store.add_clue("家长来电", TODAY, "食堂饭菜份量不足", contact=CONTACT)
    fixed = store.correct_clue(clue.id, summary="食堂饭菜分量不足", contact="13900000000", staff="食堂主任")
    assert (fixed.summary, fixed.contact, fixed.staff) == ("食堂饭菜分量不足", "13900000000", "食堂主任")
    assert not store.correct_clue(clue.id, summary="食堂饭菜分量不足").changes  # the same again: nothing
    assert store.correct_clue(clue.id, contact="").contact is None
    corrections = [(e.field, e.old, e.new) for e in store.audit("clue", clue.id) if e.action == "correct"]
    assert ("summary", "食堂饭菜份量不足", "食堂饭菜分量不足") in corrections
    assert ("contact", True, True) in corrections and ("contact", True, False) in corrections
    assert all(CONTACT not in str(c) and "13900000000" not in str(c) for c in corrections)
    with pytest.raises(RuleError, match="线索内容"):
        store.correct_clue(clue.id, summary=" ")
    store.record_clue_stage(clue.id, Stage.CHECKED, finding="不属实", checked_by="王")
    store.record_clue_stage(clue.id, Stage.ANSWERED, answer="当面说明")
    store.record_clue_stage(clue.id, Stage.CONCLUDED)
    with pytest.raises(RuleError, match="已办结"):
        store.correct_clue(clue.id, staff="王")
