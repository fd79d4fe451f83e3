"""The rectification ledger's rules (整改台账): statuses, allowed moves, close-out (四不放过), overdue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from selfcheck.core.worded import Worded
from selfcheck.errors import RuleError


class Status(Worded):
    """A problem's place in the workflow; the members are in workflow order (待整改 → 整改中 → 已整改 → 已销号)."""

    OPEN = "open"  # 待整改
    IN_PROGRESS = "in_progress"  # 整改中
    FIXED = "fixed"  # 已整改（待验收）
    CLOSED = "closed"  # 已销号

    @classmethod
    def _words(cls) -> Mapping[Status, tuple[str, str]]:
        """`label`, the Chinese, is what the CLI prints, the JSON carries and the PDF report and Excel ledger show."""
        return LABELS

    @property
    def zh(self) -> str:
        return self.label

    @property
    def rank(self) -> int:
        """Workflow order, for sorting: 待整改 0, 整改中 1, 已整改 2, 已销号 3."""
        return _RANK[self]

    @classmethod
    def parse(cls, text: str) -> Status:
        """Accept the key (open) or the Chinese label (待整改), as a clerk would type either."""
        return cls._pick(text, lambda s, t: t in (s.value, s.label) or t == s.label.split("（")[0], ("整改状态", "status"))


# The one place the statuses are worded, in Chinese and English: every screen, document and command reads them here.
LABELS: dict[Status, tuple[str, str]] = {
    Status.OPEN: ("待整改", "Open"),
    Status.IN_PROGRESS: ("整改中", "In progress"),
    Status.FIXED: ("已整改（待验收）", "Fixed (awaiting acceptance)"),
    Status.CLOSED: ("已销号", "Closed out"),
}
_RANK = {status: n for n, status in enumerate(Status)}

# Forward along 待整改 → 整改中 → 已整改; back to 整改中 when acceptance finds the fix lacking.
# 已销号 is reached only through close-out, and is final.
MOVES: dict[Status, set[Status]] = {
    Status.OPEN: {Status.IN_PROGRESS, Status.FIXED},
    Status.IN_PROGRESS: {Status.FIXED, Status.OPEN},
    Status.FIXED: {Status.IN_PROGRESS},
    Status.CLOSED: set(),
}

OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS, Status.FIXED)

# Where a problem came from (problems.source), worded once in Chinese and English: 自查 (raised from an answer),
# 督查 (raised by a reviewer's finding, storage/reviews.py), 手工录入 (typed into the ledger).
SOURCES: dict[str, tuple[str, str]] = {
    "answer": ("自查", "Self-inspection"),
    "review": ("督查", "Review"),
    "manual": ("手工录入", "Entered by hand"),
}


def source_label(source: str, language: str = "zh") -> str:
    """A problem's source in a UI language ("zh" or "en"); an unknown key is shown as it is."""
    zh, en = SOURCES.get(source, (source, source))
    return en if language == "en" else zh


def check_move(current: Status, new: Status) -> None:
    if new == current:
        return
    if new == Status.CLOSED:
        raise RuleError(
            "销号请使用“销号”操作，并填写验收人、日期和整改证据",
            "close a problem with the close-out action, giving verifier, date and evidence",
        )
    if new not in MOVES[current]:
        raise RuleError(
            f"不能从“{current.label}”改为“{new.label}”",
            f"cannot move from {current.value} to {new.value}",
        )


@dataclass(frozen=True)
class CloseOut:
    verified_by: str
    verified_on: dt.date
    evidence: str


# 四不放过 (seed 003): facts checked, the measure carried out, the handling done, the person who raised it answered.
CONDITIONS = (
    ("核实清楚", "facts checked"),
    ("整改措施落实", "measure carried out"),
    ("处理到位", "handling done"),
    ("答复反映人", "the person answered"),
)


def close_needs(
    measure: str | None,
    verified_by: str | None,
    verified_on: dt.date | None,
    evidence: str | None,
    *,
    handling: str | None = None,
    needs_answer: bool = False,
    answered: bool = False,
    answer_hint: tuple[str, str] | None = None,
) -> list[tuple[str, list[tuple[str, str]]]]:
    """What close-out still lacks, per condition of 四不放过: [(condition, [(field zh, field en), ...]), ...].

    `needs_answer`: the problem came from a clue or was raised by a person, so that person must have been answered;
    `answered` says whether they were; `answer_hint` names what to record instead of the default wording."""

    def blank(text: str | None) -> bool:
        return not (text and text.strip())

    lacks: list[tuple[str, list[tuple[str, str]]]] = []
    checked = [
        f for f, gone in ((("验收人", "verifier"), blank(verified_by)), (("验收日期", "date"), verified_on is None)) if gone
    ]
    done = [f for f, gone in ((("整改措施", "measure"), blank(measure)), (("整改证据", "evidence"), blank(evidence))) if gone]
    handled = [("处理情况", "handling")] if blank(handling) else []
    answer = [answer_hint or ("答复内容和答复日期", "the answer and its date")] if needs_answer and not answered else []
    for (zh, _en), fields in zip(CONDITIONS, (checked, done, handled, answer), strict=True):
        if fields:
            lacks.append((zh, fields))
    return lacks


def describe_needs(lacks: list[tuple[str, list[tuple[str, str]]]]) -> tuple[str, str]:
    """ "销号需要（四不放过）：处理到位——处理情况；答复反映人——答复内容和答复日期", and in English."""
    zh = "；".join(f"{cond}——{'、'.join(f[0] for f in fields)}" for cond, fields in lacks)
    en_names = dict(CONDITIONS)
    en = "; ".join(f"{en_names[cond]}: {', '.join(f[1] for f in fields)}" for cond, fields in lacks)
    return f"销号需要（四不放过）：{zh}", f"close-out needs: {en}"


def check_close(
    current: Status,
    measure: str | None,
    verified_by: str | None,
    verified_on: dt.date | None,
    evidence: str | None,
    today: dt.date,
    *,
    handling: str | None = None,
    needs_answer: bool = False,
    answered: bool = False,
    answer_hint: tuple[str, str] | None = None,
) -> CloseOut:
    """四不放过: no close-out without the facts checked (a verifier and a date), the measure carried out (its
    evidence), the handling recorded and, where a clue or a person raised the problem, that person answered."""
    if current == Status.CLOSED:
        raise RuleError("该问题已销号", "this problem is already closed")
    if current != Status.FIXED:
        raise RuleError(
            f"只有“已整改（待验收）”的问题才能销号；当前为“{current.label}”，请先更新状态",
            f"only a fixed problem can be closed; it is {current.value}: update its status first",
        )
    lacks = close_needs(
        measure,
        verified_by,
        verified_on,
        evidence,
        handling=handling,
        needs_answer=needs_answer,
        answered=answered,
        answer_hint=answer_hint,
    )
    if lacks:
        raise RuleError(*describe_needs(lacks))
    assert verified_by and evidence and verified_on
    if verified_on > today:
        raise RuleError("验收日期不能晚于今天", "the verification date cannot be in the future")
    return CloseOut(verified_by.strip(), verified_on, evidence.strip())


def check_raised_on(raised_on: dt.date, today: dt.date) -> None:
    """A problem may be raised on a day in the past (an old paper ledger entered now), never in the future."""
    if raised_on > today:
        raise RuleError(
            f"提出日期 {raised_on.isoformat()} 晚于今天；只能录入今天或以前提出的问题",
            f"the raising date {raised_on.isoformat()} is in the future: only problems raised today or earlier",
        )


def check_close_date(verified_on: dt.date, raised_on: dt.date | None, reason: str | None) -> str | None:
    """A close-out before the problem was raised is refused, unless a reason says why (an old paper ledger whose
    dates were written that way); the reason, trimmed, is handed back to be recorded."""
    reason = reason.strip() if reason and reason.strip() else None
    if reason is not None and len(reason) > 1000:
        raise RuleError("原因过长（最多 1000 字）", "the reason is too long (1000 characters at most)")
    if raised_on is not None and verified_on < raised_on and reason is None:
        raise RuleError(
            f"验收日期不能早于问题提出日期 {raised_on.isoformat()}；如确属如此（如补录纸质台账），请用 --reason 说明原因",
            f"the verification date cannot be before the problem was raised ({raised_on.isoformat()}) "
            "unless a reason is given (--reason)",
        )
    return reason


# A problem's evidence files (佐证材料) are of one phase: what was found (整改前) or the fix (整改后).
EVIDENCE_PHASES: dict[str, tuple[str, str]] = {
    "before": ("整改前", "Before rectification"),
    "after": ("整改后", "After rectification"),
}


def phase_label(phase: str, language: str = "zh") -> str:
    zh, en = EVIDENCE_PHASES.get(phase, (phase, phase))
    return en if language == "en" else zh


def parse_phase(text: str) -> str:
    """Accept the key (before, after) or the Chinese label (整改前, 整改后), as a clerk would type either."""
    word = text.strip()
    for key, (zh, _) in EVIDENCE_PHASES.items():
        if word in (key, zh, zh[-1]):
            return key
    raise RuleError(
        f"未知的材料阶段“{text}”，可选：整改前、整改后",
        f"unknown evidence phase '{text}'; use before (整改前) or after (整改后)",
    )


def check_problem_evidence(status: Status) -> None:
    """A closed-out problem's record is final: its evidence files are neither added nor removed."""
    if status == Status.CLOSED:
        raise RuleError("该问题已销号，不能再添加或移除材料", "this problem is closed: its evidence cannot change")


OVERDUE_STATUSES = (Status.OPEN, Status.IN_PROGRESS)  # a fixed problem awaiting acceptance is not overdue


def is_overdue(status: Status, deadline: dt.date | None, today: dt.date) -> bool:
    """Past its deadline and not yet fixed (the store filters by the same rule in SQL: `problems(overdue_on=)`)."""
    return deadline is not None and deadline < today and status in OVERDUE_STATUSES
