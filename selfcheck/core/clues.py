"""The clue register's rules (问题线索): channels, stages and their moves, findings, what each stage needs, the
contact kept private (masked), and the tally sentence reports quote ("受理问题线索19件，追责问责3件……")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from selfcheck.core.changes import NOTHING, Changes
from selfcheck.errors import RuleError

# How a clue reached the school (seed 000: 电话、来信、来访、热线、12345). A source as typed ("家长来电") names one.
CHANNELS = ("电话", "来信", "来访", "热线", "12345")
_CHANNEL_WORDS: tuple[tuple[str, str], ...] = (
    ("12345", "12345"),
    ("热线", "热线"),
    ("来电", "电话"),
    ("电话", "电话"),
    ("来信", "来信"),
    ("信件", "来信"),
    ("来访", "来访"),
    ("上访", "来访"),
)

# Sources as a clerk writes them (the dialog offers these; any other text naming a channel is fine).
SOURCES = ("家长来电", "家长来信", "家长来访", "学生来信", "市长热线", "12345转办")

FINDINGS = ("属实", "部分属实", "不属实")
TRUE_FINDINGS = ("属实", "部分属实")

# Accountability as the seeds name it; free text is allowed besides.
ACCOUNTABILITY = ("谈话提醒", "批评教育", "诫勉", "处分")

MAX_TEXT = 2000


class Stage(StrEnum):
    """A clue's place: 受理 → 核查 → 处理 → 答复 → 办结 (the members in that order)."""

    RECEIVED = "受理"
    CHECKED = "核查"
    HANDLED = "处理"
    ANSWERED = "答复"
    CONCLUDED = "办结"

    @property
    def en(self) -> str:
        return _EN[self]

    @property
    def rank(self) -> int:
        return list(Stage).index(self)

    @classmethod
    def parse(cls, text: str) -> Stage:
        for stage in cls:
            if text.strip() in (stage.value, stage.name.lower(), stage.en.lower()):
                return stage
        raise RuleError(
            f"未知的办理阶段“{text}”，可选：{'、'.join(s.value for s in cls)}",
            f"unknown stage '{text}'; use one of {', '.join(s.value for s in cls)}",
        )


_EN = {
    Stage.RECEIVED: "received",
    Stage.CHECKED: "checked",
    Stage.HANDLED: "handled",
    Stage.ANSWERED: "answered",
    Stage.CONCLUDED: "concluded",
}


def channel_of(source: str, channel: str | None = None) -> str:
    """The channel: the one given, or the one the source names (家长来电 → 电话)."""
    if channel is not None and channel.strip():
        channel = channel.strip()
        if channel not in CHANNELS:
            raise RuleError(
                f"未知的线索来源渠道“{channel}”，可选：{'、'.join(CHANNELS)}",
                f"unknown channel '{channel}'; use one of {', '.join(CHANNELS)}",
            )
        return channel
    for word, named in _CHANNEL_WORDS:
        if word in source:
            return named
    raise RuleError(
        f"从来源“{source}”看不出渠道，请用 --channel 指明：{'、'.join(CHANNELS)}",
        f"the source '{source}' names no channel; give --channel: {', '.join(CHANNELS)}",
    )


def mask_contact(contact: str | None) -> str:
    """The contact as lists show it: 138****5678, 张**; never the whole of it."""
    if not contact or not contact.strip():
        return ""
    text = contact.strip()
    digits = re.sub(r"\D", "", text)
    if len(digits) >= 7:
        return f"{digits[:3]}****{digits[-4:]}"
    if len(digits) >= 3:
        return f"{digits[0]}***{digits[-1]}"
    return text[0] + "*" * min(max(len(text) - 1, 2), 6)


def text_field(value: str | None, what: str, en: str, *, required: bool = False) -> str | None:
    """A free text trimmed; empty is None; too long or missing (when required) is refused with its name."""
    value = value.strip() if value and value.strip() else None
    if value is None and required:
        raise RuleError(f"请填写{what}", f"give the {en}")
    if value is not None and len(value) > MAX_TEXT:
        raise RuleError(f"{what}过长（最多 {MAX_TEXT} 字）", f"the {en} is too long ({MAX_TEXT} characters at most)")
    return value


def check_day(day: dt.date, today: dt.date, what: str, not_before: dt.date | None = None) -> dt.date:
    if day > today:
        raise RuleError(f"{what} {day.isoformat()} 晚于今天", f"the {what} {day.isoformat()} is in the future")
    if not_before is not None and day < not_before:
        raise RuleError(
            f"{what} {day.isoformat()} 早于受理日期 {not_before.isoformat()}",
            f"the {what} {day.isoformat()} is before the clue was received ({not_before.isoformat()})",
        )
    return day


def next_stages(stage: Stage, finding: str | None) -> tuple[Stage, ...]:
    """Where a clue may go from `stage`: forward one step; a clue found untrue may skip 处理 to be answered."""
    if stage == Stage.RECEIVED:
        return (Stage.CHECKED,)
    if stage == Stage.CHECKED:
        return (Stage.HANDLED, Stage.ANSWERED) if finding == "不属实" else (Stage.HANDLED,)
    if stage == Stage.HANDLED:
        return (Stage.ANSWERED,)
    if stage == Stage.ANSWERED:
        return (Stage.CONCLUDED,)
    return ()


def check_move(current: Stage, new: Stage, finding: str | None) -> None:
    """A stage may be recorded again (a correction) or moved forward as `next_stages` allows; 办结 is final."""
    if current == Stage.CONCLUDED:
        raise RuleError("该线索已办结，不能再修改", "this clue is concluded and cannot be changed")
    if new == current or new in next_stages(current, finding):
        return
    allowed = "、".join(s.value for s in next_stages(current, finding))
    raise RuleError(
        f"线索当前在“{current.value}”阶段，不能直接到“{new.value}”；下一步可以是：{allowed}",
        f"the clue is at {current.en}: it cannot move to {new.en}; next: {allowed}",
    )


def check_finding(finding: str | None) -> str:
    if not finding or finding.strip() not in FINDINGS:
        raise RuleError(
            f"核查结论应为：{'、'.join(FINDINGS)}（现为“{finding or ''}”）",
            f"the finding must be one of {', '.join(FINDINGS)}",
        )
    return finding.strip()


@dataclass(frozen=True)
class LinkedProblem:
    """A problem raised from a clue, as far as concluding the clue cares."""

    id: int
    closed: bool


def check_conclude(finding: str | None, answer: str | None, problems: list[LinkedProblem]) -> None:
    """办结 needs the person answered; a clue found true needs its problems raised and closed out (四不放过)."""
    missing = []
    if not answer:
        missing.append(("答复反映人", "the answer to the person"))
    if finding in TRUE_FINDINGS:
        if not problems:
            missing.append(("据此登记的整改问题（线索属实）", "a ledger problem raised from it (it was found true)"))
        open_ = [p.id for p in problems if not p.closed]
        if open_:
            ids = "、".join(f"#{i}" for i in open_)
            missing.append((f"问题 {ids} 销号", f"problems {', '.join(map(str, open_))} closed out"))
    if missing:
        raise RuleError(
            "办结需要：" + "；".join(m[0] for m in missing),
            "concluding needs: " + "; ".join(m[1] for m in missing),
        )


@dataclass(frozen=True)
class Clue:
    """One clue as the store hands it out. `contact` is the private contact: show `masked` unless asked."""

    id: int
    source: str
    channel: str
    received_on: dt.date
    summary: str
    stage: Stage
    contact: str | None = None
    staff: str | None = None
    finding: str | None = None
    checked_by: str | None = None
    checked_on: dt.date | None = None
    handling: str | None = None
    accountability: str | None = None
    handled_on: dt.date | None = None
    answer: str | None = None
    answered_on: dt.date | None = None
    concluded_on: dt.date | None = None
    problem_ids: tuple[int, ...] = ()
    updated_at: str | None = None
    changes: Changes = field(default=NOTHING, compare=False, repr=False)

    @property
    def masked(self) -> str:
        return mask_contact(self.contact)

    @property
    def found_true(self) -> bool:
        return self.finding in TRUE_FINDINGS

    def to_json(self, *, reveal_contact: bool = False) -> dict[str, Any]:
        """The clue as the CLI prints it; the contact masked unless the principal asks for it."""
        data: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            if name == "changes":
                continue
            value = getattr(self, name)
            data[name] = value.isoformat() if isinstance(value, dt.date) else value
        data["stage"] = self.stage.value
        data["problem_ids"] = list(self.problem_ids)
        data["contact"] = self.contact if reveal_contact else self.masked
        return data


@dataclass(frozen=True)
class Tally:
    """A period's clues as reports quote them."""

    accepted: int = 0  # received in the period
    true: int = 0  # of those, found 属实 or 部分属实
    accountable: int = 0  # with accountability (追责问责) recorded
    concluded: int = 0  # 办结
    in_progress: int = 0  # not yet 办结

    def to_json(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in ("accepted", "true", "accountable", "concluded", "in_progress")}

    def sentence(self) -> str:
        """The seed's form: 受理问题线索19件，经核查属实（含部分属实）5件，追责问责3件；已办结2件，正在办理中17件。"""
        if not self.accepted:
            return "本期未受理问题线索。"
        return (
            f"受理问题线索{self.accepted}件，经核查属实（含部分属实）{self.true}件，追责问责{self.accountable}件；"
            f"已办结{self.concluded}件，正在办理中{self.in_progress}件。"
        )


def term_start(day: dt.date) -> dt.date:
    """The first day of the school term holding `day` (秋季学期 from 1 August, 春季学期 from 1 February), as
    core.dates.suggested_period divides the year: the report quotes the clues of its term up to its date."""
    if day.month >= 8:
        return dt.date(day.year, 8, 1)
    if day.month >= 2:
        return dt.date(day.year, 2, 1)
    return dt.date(day.year - 1, 8, 1)


def tally(clues: list[Clue]) -> Tally:
    """The tally of the clues received in a period (the caller picks them by `received_on`)."""
    return Tally(
        accepted=len(clues),
        true=sum(1 for c in clues if c.found_true),
        accountable=sum(1 for c in clues if c.accountability),
        concluded=sum(1 for c in clues if c.stage == Stage.CONCLUDED),
        in_progress=sum(1 for c in clues if c.stage != Stage.CONCLUDED),
    )
