"""What one write changed: the small value every store write hands back, so each skin acts on exactly that.

The GUI refreshes the screens that show what changed (and nothing else); the CLI prints it where it helps.
Learned from Anki's `OpChanges`: a write never says "something happened, reload everything", it says which
things. Values combine with `|`, so one user action made of several writes is one `Changes`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Generic, TypeVar

T = TypeVar("T")
_EMPTY: frozenset[Any] = frozenset()


@dataclass(frozen=True)
class Changes:
    """Which things a write touched. Empty (false) when it changed nothing, e.g. the same answer saved again."""

    school: bool = False  # the school profile, its seal and signature images, the signing identity
    checklists: bool = False  # installed checklists, their provenance
    trust: bool = False  # trusted bureau keys
    inspections: frozenset[int] = _EMPTY  # inspections whose own row changed (status, lock, revision, version)
    answers: frozenset[int] = _EMPTY  # inspections whose answers (or answers to review) changed
    items: frozenset[tuple[int, str]] = _EMPTY  # (inspection, item) pairs whose answer changed
    problems: frozenset[int] = _EMPTY  # problems raised, edited or closed
    evidence: frozenset[int] = _EMPTY  # inspections whose evidence files changed
    exports: frozenset[int] = _EMPTY  # inspections exported as a report
    reviews: frozenset[int] = _EMPTY  # reviews (对标四查) made, answered, exported or imported
    clues: frozenset[int] = _EMPTY  # clues (问题线索) received, moved on a stage, or with problems raised from them
    tasks: frozenset[int] = _EMPTY  # responsibility-list tasks set, edited or given progress
    cadence: bool = False  # the school's rhythm, or a quarterly / half-year document (its text, its signing)
    undone: bool = False  # this change undid an earlier one
    desk: bool = False  # the bureau's desk (its own database): roster, filed reports and reviews

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def __or__(self, other: Changes) -> Changes:
        if not other:
            return self
        if not self:
            return other
        merged: dict[str, Any] = {}
        for f in fields(self):
            a, b = getattr(self, f.name), getattr(other, f.name)
            merged[f.name] = (a or b) if isinstance(a, bool) else a | b
        return Changes(**merged)

    @property
    def ledger(self) -> bool:
        """Whether the ledger (problems, or the inspections they belong to) needs a second look."""
        return bool(self.problems or self.inspections)

    def touches_inspection(self, inspection_id: int) -> bool:
        return any(inspection_id in s for s in (self.inspections, self.answers, self.evidence, self.exports)) or bool(
            self.problems
        )

    def describe(self) -> str:
        """A short Chinese line for the CLI: 已更改：答案 3 项、问题 2 个."""
        said = (  # in this order; a count where there is one
            (self.school, "学校信息"),
            (self.checklists, "检查表"),
            (self.trust, "信任的公钥"),
            (self.items, f"答案 {len(self.items)} 项"),
            (self.answers and not self.items, "答案"),
            (self.problems, f"问题 {len(self.problems)} 个"),
            (self.evidence, "佐证材料"),
            (self.inspections and not (self.items or self.answers), f"自查 {len(self.inspections)} 次"),
            (self.exports, "导出记录"),
            (self.reviews, f"督查 {len(self.reviews)} 份"),
            (self.desk, "教育局台账"),
            (self.clues, f"线索 {len(self.clues)} 件"),
            (self.tasks, f"责任清单任务 {len(self.tasks)} 项"),
            (self.cadence, "工作节奏"),
        )
        parts = [text for shown, text in said if shown]
        return ("已撤销：" if self.undone else "已更改：") + "、".join(parts) if parts else "没有更改"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value:
                out[f.name] = value if isinstance(value, bool) else sorted(value)
        return out


NOTHING = Changes()


@dataclass(frozen=True)
class Changed:
    """A write's result when it has nothing else to hand back but what it changed (and, maybe, a value)."""

    changes: Changes = field(default=NOTHING)
    value: Any = None

    def __bool__(self) -> bool:
        return bool(self.changes)


class ChangedList(list[T], Generic[T]):
    """A list a write hands back (problems raised, answers saved), carrying what the write changed."""

    changes: Changes = NOTHING

    def __init__(self, items: Any = (), changes: Changes = NOTHING) -> None:
        super().__init__(items)
        self.changes = changes
