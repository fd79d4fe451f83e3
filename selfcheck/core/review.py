"""对标四查: the school's own answers (自评) beside a reviewer's (督评), item by item and in total.

Pure Python, no Qt and no SQLite: the reviewer's screen and export, the school's import and its side-by-side view,
and the CLI all ask `compare()`. The rule of "worse" lives here once: a reviewed item is worse than the school said
when the reviewer's points are lower, when the reviewer's answer triggers a veto the school's did not, when the
school called the item 不适用 and the reviewer did not, or when the reviewer's answer calls for a rectification
problem (core.state.calls_for_problem) and the school's did not. Each worse item, and each problem the reviewer
wrote down, becomes a problem in the school's ledger (source "review", shown as 督查).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

from selfcheck.core.answers import Answer
from selfcheck.core.changes import NOTHING, Changes
from selfcheck.core.checklist import Checklist
from selfcheck.core.scoring import Score, score
from selfcheck.core.state import calls_for_problem

# Review levels (the 对标四查 chain, seed 001) and the kinds of a reviewing unit; the level is free text beyond these.
LEVELS = ("学区", "干部抽查", "督查组", "教育局")
UNIT_KINDS = ("学校", "学区", "督查组", "教育局")
EPSILON = 1e-6


@dataclass(frozen=True)
class ItemComparison:
    item_id: str
    school_earned: float
    review_earned: float
    school_applicable: bool
    review_applicable: bool
    school_answered: bool
    review_answered: bool  # the reviewer looked at it (else its 督评 is the school's own, 未查)
    worse: bool  # the reviewer found this item worse than the school did (see the module doc)
    reason: str  # why, in Chinese: 督评低于自评 / 督查发现一票否决项 / … ("" when not worse)


@dataclass(frozen=True)
class Comparison:
    school: Score
    review: Score
    items: dict[str, ItemComparison]

    @property
    def worse_items(self) -> list[str]:
        return [i for i, c in self.items.items() if c.worse]

    @property
    def gap(self) -> float | None:
        """自评 minus 督评 in percent points (positive: the school rated itself higher), None when either is unscored."""
        if self.school.percent is None or self.review.percent is None:
            return None
        return round(self.school.percent - self.review.percent, 2)


def compare(checklist: Checklist, school: Mapping[str, Answer], review: Mapping[str, Answer]) -> Comparison:
    """Score both sides with the same checklist and say, per item, whether the reviewer found it worse. An item the
    reviewer did not answer (未查: reviewers sample) is never worse, and counts in the 督评 total as the school
    rated it, so the totals differ exactly by what the reviewer found."""
    own, theirs = score(checklist, school), score(checklist, {**school, **review})
    items: dict[str, ItemComparison] = {}
    for item in checklist.items():
        a, b = own.items[item.id], theirs.items[item.id]
        reason = ""
        looked = item.id in review
        if looked:
            if b.vetoed and not a.vetoed:
                reason = "督查发现一票否决项"
            elif a.answered and not a.applicable and b.applicable:
                reason = "自查填“不适用”，督查认为适用"
            elif b.applicable and b.earned < a.earned - EPSILON:
                reason = f"督评 {_num(b.earned)} 分，低于自评 {_num(a.earned)} 分"
            elif not a.answered and b.applicable and b.earned < b.max - EPSILON:
                reason = "自查未作答，督查发现不达标"
            elif calls_for_problem(checklist, item, review.get(item.id)) and not calls_for_problem(
                checklist, item, school.get(item.id)
            ):
                reason = "督查结果需要整改"
        items[item.id] = ItemComparison(
            item.id, a.earned, b.earned, a.applicable, b.applicable, a.answered, looked, bool(reason), reason
        )
    return Comparison(own, theirs, items)


def _num(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))


def answers_from_rows(rows: list[dict[str, object]]) -> dict[str, Answer]:
    """Answers from plain rows with item/option/value/note (the review data's per-item fields, the store's rows)."""
    out: dict[str, Answer] = {}
    for r in rows:
        value = r.get("value")
        option = r.get("option")
        note = r.get("note")
        out[str(r["item"])] = Answer(
            str(r["item"]),
            option if isinstance(option, str) else None,
            value if isinstance(value, int | float | str) and not isinstance(value, bool) else None,
            note if isinstance(note, str) else None,
        )
    return out


@dataclass(frozen=True)
class ReviewHead:
    """Whose review it is and of which report: what the store's record (Review) and a verified file's contents
    (Received) both carry."""

    uid: str
    level: str
    reviewer_name: str
    reviewer_code: str
    reviewer_kind: str
    people: list[str]
    report_sha256: str
    school_name: str
    school_code: str
    period: str
    template_id: str
    template_version: str


@dataclass(frozen=True, kw_only=True)
class Review(ReviewHead):
    """One review as the store keeps it: 'given' in the reviewer's data folder, 'received' in the school's."""

    id: int
    side: str  # given | received
    inspection_id: int | None  # received: the school's inspection the review is of
    opinion: str | None  # given: the reviewer's own text (None: the one written from the data)
    review_date: str | None
    file_sha256: str | None  # the signed review file as last exported (given) or imported (received)
    signer_fingerprint: str | None
    created_at: str
    updated_at: str
    changes: Changes = field(default=NOTHING, compare=False, repr=False)

    def to_json(self) -> dict[str, object]:
        fields = {k: v for k, v in asdict(self).items() if k != "changes"}
        return {"id": fields.pop("id"), "uid": fields.pop("uid"), "side": fields.pop("side"), **fields}  # as before


@dataclass(frozen=True)
class ReviewImport:
    """What importing a review did: the review as stored, the ledger problems it raised now, and whether it was new."""

    review: Review
    raised: list[int]
    new: bool
    changes: Changes = field(default=NOTHING, compare=False, repr=False)


@dataclass(frozen=True, kw_only=True)
class Received(ReviewHead):
    """A verified review file's contents as the school's store takes them (built from the review data by
    reports/review_service.py, so storage needs no pydantic)."""

    content_hash: str
    review_date: str
    answers: dict[str, Answer]  # the reviewer's, per item answered
    school_answers: dict[str, Answer]  # the school's, as its report carried them
    problems: list[tuple[str | None, str]]  # (item id or None, what the reviewer found)
    data_json: str  # the review data as embedded
    file_sha256: str
    signer_fingerprint: str


def problem_text(level: str, reviewer: str, item_text: str | None, reason: str, found: list[str], note: str | None) -> str:
    """The description of a ledger problem raised from a review: who found it, on what, and what."""
    head = f"【督查·{level}·{reviewer}】"
    parts = [p for p in (item_text, reason, "；".join(found), note) if p]
    return head + "：".join(parts[:1]) + ("：" + "；".join(parts[1:]) if len(parts) > 1 else "")
