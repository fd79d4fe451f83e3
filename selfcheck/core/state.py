"""An inspection's state, computed in one place from (checklist, answers, the items with an open problem).

Per item: answered or not, whether the chosen option needs a note and the note is missing, whether the answer calls
for a rectification problem (an option that `raises_problem`, or a deduction item with occurrences) and whether the
item has an open one. For the whole inspection: what blocks completion (`answers.missing`), the score
(`scoring.score`) and the summary every skin shows: the CLI's `inspection show/list --json`, the GUI's home and
summary pages, the report's figures. And the words for an inspection's stage (填写中 / 已完成 / 已签名) and, in
`core.ledger`, for a problem's status: in Chinese and English, defined here once.

Pure Python: no Qt, no SQLite. The filling screen keeps one `InspectionState` and tells it of each saved answer;
an item's state is worked out when first asked and again only when that item changes, the score only when asked.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any, NamedTuple

from selfcheck.core.answers import Answer, Gap, missing, note_missing, note_required
from selfcheck.core.checklist import Checklist, Item
from selfcheck.core.records import Inspection
from selfcheck.core.scoring import Score, score

# ---- one item --------------------------------------------------------------------------------------------------


class ItemStatus(StrEnum):
    """What an item's row says first (the filling list: ○ unanswered, ! note missing, ✓ otherwise)."""

    UNANSWERED = "unanswered"  # ○ 未作答
    NOTE_MISSING = "note_missing"  # ! the chosen option needs a note (缺少必填说明)
    PROBLEM_CALLED = "problem_called"  # ✓ the answer calls for a problem not raised yet (需整改)
    PROBLEM_RAISED = "problem_raised"  # ✓ an open problem is raised on the item (整改)
    ANSWERED = "answered"  # ✓ 已作答


class Meaning(StrEnum):
    """What a result means, read from the checklist's scoring (never from an option's position): the skins colour
    by it (meets green, partly amber, fails red, not applicable grey; neutral: a plain value)."""

    MEETS = "meets"  # the best result the item offers (是, 不存在, 优秀, full marks, nothing found)
    PARTLY = "partly"  # between (基本落实, 达标 below 优秀, part of the points)
    FAILS = "fails"  # the worst, or any result that calls for a problem at the lowest share (否, 存在, 0 分, found)
    NOT_APPLICABLE = "not_applicable"  # 不适用
    NEUTRAL = "neutral"  # no judgement: a number, text or date, or options that score alike


def option_meaning(template: Checklist, item: Item, key: str) -> Meaning:
    """The meaning of option `key` of a choice item, from its share against the item's other options and from
    whether it raises a problem: an option that raises one is never "meets"."""
    options = template.options_for(item)
    chosen = next((o for o in options if o.key == key), None)
    if chosen is None:
        return Meaning.NEUTRAL
    if chosen.not_applicable:
        return Meaning.NOT_APPLICABLE
    shares = [o.share for o in options if not o.not_applicable]
    low, high = min(shares), max(shares)
    if chosen.raises_problem:
        return Meaning.FAILS if chosen.share <= low else Meaning.PARTLY
    if low == high and not any(o.raises_problem for o in options):
        return Meaning.NEUTRAL
    if chosen.share >= high:
        return Meaning.MEETS
    return Meaning.FAILS if chosen.share <= low else Meaning.PARTLY


def answer_meaning(template: Checklist, item_id: str, answer: Answer | None) -> Meaning:
    """The meaning of an item's (or a 加减分项 line's) answer; NEUTRAL when unanswered."""
    if answer is None:
        return Meaning.NEUTRAL
    item = _item(template, item_id)
    count = answer.value if isinstance(answer.value, int | float) else None
    if item is None:
        adjustment = template.adjustment_index.get(item_id)
        if adjustment is None or not count:
            return Meaning.NEUTRAL
        return Meaning.MEETS if adjustment.kind == "bonus" else Meaning.FAILS
    if item.type == "choice":
        return option_meaning(template, item, answer.option or "")
    if count is None:
        return Meaning.NEUTRAL
    if item.type == "deduction":
        return Meaning.FAILS if count > 0 else Meaning.MEETS
    if item.type == "score" and item.points > 0:
        return Meaning.MEETS if count >= item.points else Meaning.FAILS if count <= 0 else Meaning.PARTLY
    return Meaning.NEUTRAL


class ItemState(NamedTuple):  # a tuple: cheap to make, one per item
    item_id: str
    answered: bool  # an answer is saved (an item or a bonus/deduction line)
    note_required: bool  # the chosen option asks for a note
    note_missing: bool  # ... and there is none: the inspection cannot be marked complete
    calls_for_problem: bool  # the answer calls for a rectification problem
    has_problem: bool  # an open (not closed) problem is raised on the item
    meaning: Meaning = Meaning.NEUTRAL  # what the result means (colours, marks)

    @property
    def status(self) -> ItemStatus:
        if not self.answered:
            return ItemStatus.UNANSWERED
        if self.note_missing:
            return ItemStatus.NOTE_MISSING
        if self.has_problem:
            return ItemStatus.PROBLEM_RAISED
        if self.calls_for_problem:
            return ItemStatus.PROBLEM_CALLED
        return ItemStatus.ANSWERED

    @property
    def needs_rectification(self) -> bool:
        """Has an open problem, or an answer that calls for one: the filling list's "需整改（有问题）"."""
        return self.has_problem or self.calls_for_problem


def _item(template: Checklist, item_id: str) -> Item | None:
    found = template.item_index.get(item_id)
    return found[1] if found is not None else None


def calls_for_problem(template: Checklist, item: Item, answer: Answer | None) -> bool:
    """The answer calls for a rectification problem: its option `raises_problem`, or it is a deduction item with
    occurrences. Bonus/deduction lines (加减分项) never do."""
    if answer is None:
        return False
    option = template.option_map[item.id].get(answer.option or "")
    deducted = item.type == "deduction" and isinstance(answer.value, int | float) and answer.value > 0
    return (option is not None and option.raises_problem) or deducted


def item_state(template: Checklist, item_id: str, answer: Answer | None, *, has_problem: bool = False) -> ItemState:
    """The state of one item (or bonus/deduction line) from its answer alone."""
    item = _item(template, item_id)
    meaning = answer_meaning(template, item_id, answer)
    if item is None:  # a bonus/deduction line, or an id the checklist does not have
        return ItemState(item_id, answer is not None, False, False, False, has_problem, meaning)
    return ItemState(
        item_id,
        answer is not None,
        note_required(template, item, answer),
        note_missing(template, item, answer),
        calls_for_problem(template, item, answer),
        has_problem,
        meaning,
    )


@dataclass(frozen=True)
class ProblemCall:
    """A problem an answer calls for, as it is raised: the item and the description (the item's text, and the note)."""

    item_id: str
    description: str


def problems_to_raise(template: Checklist, answers: Mapping[str, Answer], raised: Collection[str]) -> list[ProblemCall]:
    """One problem per answer that calls for one (`calls_for_problem`), in checklist order, skipping the items in
    `raised` (those that already have a problem, open or closed). What `Store.raise_problems_from_answers` inserts."""
    calls: list[ProblemCall] = []
    for item in template.items():
        answer = answers.get(item.id)
        if item.id in raised or answer is None or not calls_for_problem(template, item, answer):
            continue
        calls.append(ProblemCall(item.id, f"{item.text}：{found(template, item, answer)}"))
    return calls


def found(template: Checklist, item: Item, answer: Answer) -> str:
    """What the school found on an item, as a raised problem says it after the requirement: the note; without one,
    the count of a deduction ("发现 2 处") or the result chosen ("自查结果为“否”"), never the requirement alone, which
    would read as if the rule were the problem."""
    note = (answer.note or "").strip()
    if note:
        return note
    if item.type == "deduction" and isinstance(answer.value, int | float):
        return f"发现 {answer.value:g} 处"
    option = template.option_map.get(item.id, {}).get(answer.option or "")
    if option is not None:
        return f"自查结果为“{option.label}”"
    return "自查发现问题"


# ---- the summary -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionSummary:
    id: str
    title: str
    points: float
    max: float
    percent: float | None
    answered: int
    total: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Summary:
    """An inspection's figures as every skin shows them: progress, points, grade, per section, what is missing."""

    answered: int
    total: int
    points: float
    max: float
    percent: float | None
    grade: str | None
    bonus: float
    deduction: float
    vetoed_by: list[str]
    counts: dict[str, int]  # results by option label, 未答 for unanswered
    sections: list[SectionSummary]
    gaps: list[Gap]  # what blocks "mark complete"

    @property
    def can_complete(self) -> bool:
        return not self.gaps

    def to_json(self) -> dict[str, Any]:
        """The figures of `inspection show --json` (and `list --json`), in their order."""
        return {
            "progress": {"answered": self.answered, "total": self.total},
            "points": self.points,
            "max": self.max,
            "percent": self.percent,
            "grade": self.grade,
            "bonus": self.bonus,
            "deduction": self.deduction,
            "vetoed_by": self.vetoed_by,
            "counts": self.counts,
            "sections": [s.to_json() for s in self.sections],
        }

    def to_cache(self) -> dict[str, Any]:
        """Everything, gaps included, as plain JSON: what the store keeps so lists need not score again."""
        return {**self.to_json(), "gaps": [[g.item_id, g.reason, g.zh, g.en] for g in self.gaps]}

    @classmethod
    def from_cache(cls, data: dict[str, Any]) -> Summary:
        return cls(
            answered=int(data["progress"]["answered"]),
            total=int(data["progress"]["total"]),
            points=float(data["points"]),
            max=float(data["max"]),
            percent=None if data["percent"] is None else float(data["percent"]),
            grade=data["grade"],
            bonus=float(data["bonus"]),
            deduction=float(data["deduction"]),
            vetoed_by=list(data["vetoed_by"]),
            counts={str(k): int(v) for k, v in data["counts"].items()},
            sections=[SectionSummary(**s) for s in data["sections"]],
            gaps=[Gap(*g) for g in data["gaps"]],
        )


def summary_of(result: Score, gaps: list[Gap]) -> Summary:
    """The summary from a score already computed and the gaps."""
    return Summary(
        answered=result.answered,
        total=result.total_items,
        points=result.total,
        max=result.max,
        percent=result.percent,
        grade=result.grade,
        bonus=result.bonus,
        deduction=result.deduction,
        vetoed_by=list(result.vetoed_by),
        counts=dict(result.counts),
        sections=[
            SectionSummary(s.section_id, s.title, s.earned, s.max, s.percent, s.answered, s.total) for s in result.sections
        ],
        gaps=gaps,
    )


def summary(template: Checklist, answers: Mapping[str, Answer]) -> Summary:
    """The summary of an inspection from its checklist and answers."""
    return InspectionState(template, answers).summary()


# ---- the whole inspection ------------------------------------------------------------------------------------------


class InspectionState:
    """The state of one inspection's answers. Items are worked out when first asked and cached; `set_answer` forgets
    only the changed item (and the score), so a key press on the filling screen costs one item, not the checklist."""

    def __init__(self, template: Checklist, answers: Mapping[str, Answer], open_problems: Iterable[str] = ()) -> None:
        self.template = template
        self.answers: dict[str, Answer] = dict(answers)
        self.open_problems: set[str] = set(open_problems)
        self._items: dict[str, ItemState] = {}
        self._score: Score | None = None
        self._gaps: list[Gap] | None = None

    # ---- changes ------------------------------------------------------------------------------------------------

    def set_answer(self, item_id: str, answer: Answer | None) -> ItemState:
        """An answer was saved (or cleared, with None): recompute that item only."""
        if answer is None:
            self.answers.pop(item_id, None)
        else:
            self.answers[item_id] = answer
        self._items.pop(item_id, None)
        self._score = None
        self._gaps = None
        return self.item(item_id)

    def set_open_problems(self, item_ids: Iterable[str]) -> None:
        """The items with an open problem changed (raised, closed elsewhere)."""
        new = set(item_ids)
        for item_id in new ^ self.open_problems:
            self._items.pop(item_id, None)
        self.open_problems = new

    # ---- per item -----------------------------------------------------------------------------------------------

    def ids(self) -> list[str]:
        """Every answerable line in checklist order: the items, then the bonus/deduction lines."""
        return [item.id for item in self.template.items()] + [a.id for a in self.template.adjustments]

    def item(self, item_id: str) -> ItemState:
        found = self._items.get(item_id)
        if found is None:
            found = item_state(self.template, item_id, self.answers.get(item_id), has_problem=item_id in self.open_problems)
            self._items[item_id] = found
        return found

    def items(self) -> list[ItemState]:
        return [self.item(item_id) for item_id in self.ids()]

    def answered(self) -> list[str]:
        return [item_id for item_id in self.ids() if item_id in self.answers]

    def notes_missing(self) -> list[str]:
        """Items whose chosen option needs a note that is not there."""
        return [s.item_id for s in self.items() if s.note_missing]

    def problems_called(self) -> list[str]:
        """Items whose answer calls for a problem and that have no open one."""
        return [s.item_id for s in self.items() if s.calls_for_problem and not s.has_problem]

    def problems_to_raise(self, raised: Collection[str]) -> list[ProblemCall]:
        return problems_to_raise(self.template, self.answers, raised)

    # ---- the whole ----------------------------------------------------------------------------------------------

    @property
    def gaps(self) -> list[Gap]:
        """What blocks completion: required items unanswered, required notes missing."""
        if self._gaps is None:
            self._gaps = missing(self.template, self.answers)
        return self._gaps

    @property
    def score(self) -> Score:
        if self._score is None:
            self._score = score(self.template, self.answers)
        return self._score

    def summary(self) -> Summary:
        return summary_of(self.score, self.gaps)


# ---- an inspection's stage -------------------------------------------------------------------------------------


class Stage(StrEnum):
    """Where an inspection stands: being filled, marked complete, or signed and exported (locked)."""

    DRAFT = "draft"  # 填写中
    COMPLETE = "complete"  # 已完成
    SIGNED = "signed"  # 已签名（第 n 版）

    @property
    def zh(self) -> str:
        """The Chinese label; SIGNED holds `{n}`, the revision (see `text`)."""
        return STAGE_LABELS[self][0]

    @property
    def en(self) -> str:
        return STAGE_LABELS[self][1]

    def text(self, language: str = "zh", revision: int = 1) -> str:
        """The label in a language ("zh" or "en"; anything else is Chinese), with the revision filled in."""
        return (self.en if language == "en" else self.zh).format(n=revision)


STAGE_LABELS: dict[Stage, tuple[str, str]] = {
    Stage.DRAFT: ("填写中", "In progress"),
    Stage.COMPLETE: ("已完成", "Complete"),
    Stage.SIGNED: ("已签名（第 {n} 版）", "Signed (revision {n})"),
}


def stage_of(inspection: Inspection) -> Stage:
    if inspection.locked:
        return Stage.SIGNED
    return Stage.COMPLETE if inspection.status == "complete" else Stage.DRAFT


def stage_label(inspection: Inspection, language: str = "zh") -> str:
    """填写中 / 已完成 / 已签名（第 n 版）, or in English."""
    return stage_of(inspection).text(language, inspection.revision)
