"""The clue register's rules: channels, stage moves, masking, concluding, the tally sentence; 四不放过's conditions."""

from __future__ import annotations

import datetime as dt

import pytest

from selfcheck.core import clues, ledger
from selfcheck.core.clues import Clue, LinkedProblem, Stage
from selfcheck.core.ledger import Status
from selfcheck.errors import RuleError


@pytest.mark.parametrize(
    ("source", "channel"),
    [("家长来电", "电话"), ("学生来信", "来信"), ("群众来访", "来访"), ("市长热线", "热线"), ("12345转办", "12345")],
)
def test_the_source_names_the_channel(source: str, channel: str) -> None:
    assert clues.channel_of(source) == channel


def test_a_source_without_a_channel_asks_for_one() -> None:
    with pytest.raises(RuleError, match="--channel"):
        clues.channel_of("家长反映")
    assert clues.channel_of("家长反映", "来访") == "来访"
    with pytest.raises(RuleError, match="未知的线索来源渠道"):
        clues.channel_of("家长反映", "微信")


@pytest.mark.parametrize(
    ("contact", "shown"),
    [("13812345678", "138****5678"), ("138-1234-5678", "138****5678"), ("张女士", "张**"), ("", ""), (None, "")],
)
def test_the_contact_is_shown_masked(contact: str | None, shown: str) -> None:
    assert clues.mask_contact(contact) == shown
    if contact and len(contact) > 4:
        assert contact not in shown


def test_stages_move_forward_one_at_a_time() -> None:
    clues.check_move(Stage.RECEIVED, Stage.CHECKED, None)
    clues.check_move(Stage.CHECKED, Stage.CHECKED, "属实")  # a correction
    with pytest.raises(RuleError, match="下一步可以是：核查"):
        clues.check_move(Stage.RECEIVED, Stage.HANDLED, None)
    with pytest.raises(RuleError, match="下一步可以是：处理"):
        clues.check_move(Stage.CHECKED, Stage.ANSWERED, "属实")
    clues.check_move(Stage.CHECKED, Stage.ANSWERED, "不属实")  # nothing to handle: answer the person
    with pytest.raises(RuleError, match="已办结"):
        clues.check_move(Stage.CONCLUDED, Stage.CONCLUDED, "属实")
    assert Stage.parse("办结") == Stage.CONCLUDED and Stage.parse("checked") == Stage.CHECKED
    with pytest.raises(RuleError, match="未知的办理阶段"):
        Stage.parse("结案")


def test_concluding_needs_the_answer_and_a_true_clue_its_problems_closed() -> None:
    with pytest.raises(RuleError) as e:
        clues.check_conclude("属实", None, [])
    assert "答复反映人" in e.value.zh and "据此登记的整改问题" in e.value.zh
    with pytest.raises(RuleError, match="问题 #7 销号"):
        clues.check_conclude("部分属实", "已电话答复", [LinkedProblem(6, True), LinkedProblem(7, False)])
    clues.check_conclude("部分属实", "已电话答复", [LinkedProblem(6, True)])
    clues.check_conclude("不属实", "已当面说明", [])


def test_the_tally_counts_and_words_it_as_the_seed_does() -> None:
    day = dt.date(2026, 11, 1)

    def clue(stage: Stage, finding: str | None = None, accountability: str | None = None) -> Clue:
        return Clue(1, "家长来电", "电话", day, "x", stage, finding=finding, accountability=accountability)

    some = [clue(Stage.RECEIVED)] * 16 + [
        clue(Stage.CONCLUDED, "属实", "诫勉"),
        clue(Stage.CONCLUDED, "部分属实", "谈话提醒"),
        clue(Stage.HANDLED, "属实", "批评教育"),
    ]
    tally = clues.tally(some)
    assert tally.to_json() == {"accepted": 19, "true": 3, "accountable": 3, "concluded": 2, "in_progress": 17}
    assert tally.sentence() == "受理问题线索19件，经核查属实（含部分属实）3件，追责问责3件；已办结2件，正在办理中17件。"
    assert clues.tally([]).sentence() == "本期未受理问题线索。"


def test_the_json_masks_the_contact_unless_asked() -> None:
    c = Clue(3, "家长来电", "电话", dt.date(2026, 11, 1), "补课", Stage.RECEIVED, contact="13812345678")
    assert c.to_json()["contact"] == "138****5678"
    assert c.to_json(reveal_contact=True)["contact"] == "13812345678"
    assert c.to_json()["stage"] == "受理" and c.to_json()["received_on"] == "2026-11-01"


def test_close_out_names_each_of_the_four_conditions_missing() -> None:
    today = dt.date(2026, 11, 20)
    with pytest.raises(RuleError) as e:
        ledger.check_close(Status.FIXED, "补齐台账", "王校长", today, "照片", today, needs_answer=True)
    assert e.value.zh == "销号需要（四不放过）：处理到位——处理情况；答复反映人——答复内容和答复日期"
    with pytest.raises(RuleError) as e:
        ledger.check_close(Status.FIXED, None, " ", today, "", today, handling="约谈")
    assert e.value.zh == "销号需要（四不放过）：核实清楚——验收人；整改措施落实——整改措施、整改证据"
    done = ledger.check_close(
        Status.FIXED, "补齐台账", "王校长", today, "照片", today, handling="约谈", needs_answer=True, answered=True
    )
    assert done.verified_by == "王校长"
    # Nobody raised it (found by the school itself): no answer is asked for.
    ledger.check_close(Status.FIXED, "补齐台账", "王校长", today, "照片", today, handling="约谈")
