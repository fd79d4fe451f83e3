"""Moving a draft inspection to a newer version of its checklist: the plan, and what becomes of each answer.

Answers travel by item id. An answer whose item was reworded or re-scored travels with a flag for a second look;
one the new version cannot take (item removed, chosen option removed, value no longer valid) is taken out of the
inspection but kept in `dropped_answers` and in the audit log. Problems raised from a removed item stay in the
ledger as they are (same item id, same status): a fact found in the school does not vanish with a checklist line;
the report lists them in the ledger, under no item row, and the plan names them.

Pure rules over checklists and answers; the store carries the plan out (storage/version_move.py). ("Migration"
is kept for the database's own schema upgrades, storage/db.py.)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from selfcheck.core.answers import Answer, normalise
from selfcheck.core.changes import NOTHING, Changes
from selfcheck.core.checklist import Checklist, version_tuple
from selfcheck.core.checklist_diff import ChecklistDiff, diff
from selfcheck.core.records import Inspection, Problem
from selfcheck.errors import RuleError

Fate = Literal["kept", "flagged", "dropped_item_removed", "dropped_option_removed", "dropped_invalid"]

REASONS: dict[str, tuple[str, str]] = {
    "reworded": ("检查项的文字有改动", "the item was reworded"),
    "rescored": ("分值、作答方式或选项有改动", "the item was re-scored"),
    "option_changed": ("所选选项的含义有改动", "the chosen option changed meaning"),
}
FATE_LABELS: dict[str, str] = {
    "kept": "保留",
    "flagged": "保留，需复核",
    "dropped_item_removed": "移除（检查项已删除）",
    "dropped_option_removed": "移除（所选选项已删除）",
    "dropped_invalid": "移除（答案不再符合检查项）",
}


def reason_text(reason: str) -> str:
    """'reworded,option_changed' → the Chinese a principal reads."""
    return "；".join(REASONS[r][0] if r in REASONS else r for r in reason.split(",") if r)


@dataclass(frozen=True)
class AnswerFate:
    """What the move does to one saved answer."""

    item_id: str
    fate: Fate
    answer: Answer
    text: str  # the item as the old version words it
    reasons: tuple[str, ...] = ()
    detail: str | None = None  # why a value no longer fits (dropped_invalid)
    carried_as: Answer | None = None  # the answer in the new version's canonical form, when it differs

    @property
    def dropped(self) -> bool:
        return self.fate.startswith("dropped")

    def describe(self) -> str:
        shown = answer_text(self.answer)
        line = f"{self.item_id}：{FATE_LABELS[self.fate]} — {self.text[:40]}；原答案 {shown}"
        if self.reasons:
            line += f"（{reason_text(','.join(self.reasons))}）"
        if self.detail:
            line += f"（{self.detail}）"
        return line

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["answer"] = answer_json(self.answer)
        data["carried_as"] = answer_json(self.carried_as) if self.carried_as else None
        return data


@dataclass(frozen=True)
class AffectedProblem:
    """A problem raised from an item the new version removes: it stays in the ledger, pointing at the old item id."""

    id: int
    item_id: str
    status: str
    description: str


@dataclass(frozen=True)
class MovePlan:
    inspection_id: int
    template_id: str
    from_version: str
    to_version: str
    diff: ChecklistDiff
    fates: tuple[AnswerFate, ...]
    problems: tuple[AffectedProblem, ...] = ()

    def of(self, *fates: Fate) -> list[AnswerFate]:
        return [f for f in self.fates if f.fate in fates]

    @property
    def kept(self) -> list[AnswerFate]:
        return self.of("kept", "flagged")

    @property
    def flagged(self) -> list[AnswerFate]:
        return self.of("flagged")

    @property
    def dropped(self) -> list[AnswerFate]:
        return [f for f in self.fates if f.dropped]

    def describe(self) -> list[str]:
        lines = [f"自查 {self.inspection_id}：检查表 {self.template_id} 版本 {self.from_version} → {self.to_version}"]
        lines += ["", "检查表的变化："] + [f"  {line}" for line in self.diff.describe()[1:]]
        unchanged = len(self.of("kept"))
        lines += [
            "",
            f"已保存的答案 {len(self.fates)} 个：原样保留 {unchanged} 个，保留但需复核 {len(self.flagged)} 个，"
            f"移除 {len(self.dropped)} 个",
        ]
        if self.flagged:
            lines.append("需复核（迁移后请逐项确认）：")
            lines += [f"  {f.describe()}" for f in self.flagged]
        if self.dropped:
            lines.append("将移除的答案（原答案保留在修改记录中，可随时查看）：")
            lines += [f"  {f.describe()}" for f in self.dropped]
        added = [c for c in self.diff.items if "added" in c.kinds]
        if added:
            lines.append(f"新版本新增 {len(added)} 项，迁移后需要作答：")
            lines += [f"  {c.item_id}：{c.text[:60]}" for c in added]
        if self.problems:
            lines.append("以下问题来自新版本已删除的检查项，仍留在整改台账中，照常整改、销号：")
            lines += [f"  #{p.id} [{p.item_id}] {p.description[:60]}" for p in self.problems]
        return lines

    def to_json(self) -> dict[str, Any]:
        return {
            "inspection_id": self.inspection_id,
            "template_id": self.template_id,
            "from_version": self.from_version,
            "to_version": self.to_version,
            "counts": {
                "answers": len(self.fates),
                "kept": len(self.of("kept")),
                "flagged": len(self.flagged),
                "dropped": len(self.dropped),
            },
            "diff": self.diff.to_json(),
            "answers": [f.to_json() for f in self.fates],
            "problems": [asdict(p) for p in self.problems],
        }


@dataclass(frozen=True)
class MoveResult:
    plan: MovePlan
    inspection: Inspection
    changes: Changes = field(default=NOTHING, compare=False, repr=False)  # what the move changed

    def to_json(self) -> dict[str, Any]:
        return {"migrated": True, "inspection": self.inspection.to_json(), "plan": self.plan.to_json()}


def plan_move(
    inspection: Inspection, old: Checklist, new: Checklist, answers: dict[str, Answer], problems: list[Problem]
) -> MovePlan:
    """What moving the inspection from `old` to `new` does to each saved answer and which problems it touches."""
    changes = diff(old, new)
    order = {item_id: n for n, item_id in enumerate([i.id for i in old.items()] + [a.id for a in old.adjustments])}
    fates = tuple(
        _fate(old, new, changes, answers[item_id]) for item_id in sorted(answers, key=lambda i: (order.get(i, len(order)), i))
    )
    removed = set(changes.ids("removed"))
    affected = tuple(
        AffectedProblem(p.id, p.item_id, p.status.value, p.description)
        for p in problems
        if p.item_id is not None and p.item_id in removed
    )
    return MovePlan(inspection.id, inspection.template_id, old.version, new.version, changes, fates, affected)


def check_move(inspection: Inspection, to_version: str, template_id: str | None, installed: list[str]) -> str:
    """The installed version `to_version` names, or a RuleError saying why the inspection cannot move there."""
    tid, current = inspection.template_id, inspection.template_version
    if template_id is not None and template_id != tid:
        raise RuleError(
            f"自查 {inspection.id} 使用的检查表是 {tid}，不能换成另一张检查表 {template_id}；"
            f"只能换用 {tid} 的新版本，或用 {template_id} 新建自查",
            f"inspection {inspection.id} uses checklist {tid}; it cannot move to another checklist ({template_id}): "
            f"choose a newer version of {tid}, or start a new inspection with {template_id}",
        )
    if inspection.status != "draft":
        raise RuleError(
            f"自查 {inspection.id} 已标记完成，按原版本 {current} 保留，不能换用新版本；如需按新版本自查，请新建自查",
            f"inspection {inspection.id} is complete and stays on version {current}; start a new inspection for the new version",
        )
    if inspection.locked:
        raise RuleError(
            f"自查 {inspection.id} 已签名导出，签名的报告对应版本 {current}，不能换用新版本；请先重新打开（生成新的修订版）",
            f"inspection {inspection.id} was signed on version {current}; reopen it (a new revision) before moving it",
        )
    try:
        wanted = version_tuple(to_version.strip())
    except ValueError:
        raise RuleError(
            f"版本号“{to_version}”无效，应为数字和点，如 2 或 2026.1",
            f"'{to_version}' is not a version number (e.g. 2 or 2026.1)",
        ) from None
    match = [v for v in installed if version_tuple(v) == wanted]
    if not match:
        raise RuleError(
            f"检查表 {tid} 没有安装版本 {to_version}（已安装：{'、'.join(installed)}）；"
            "请先用 selfcheck checklist import 导入新版本",
            f"checklist {tid} version {to_version} is not installed (installed: {', '.join(installed)}); "
            "import it first with selfcheck checklist import",
        )
    target = match[0]
    if wanted == version_tuple(current):
        raise RuleError(
            f"自查 {inspection.id} 已经使用版本 {current}", f"inspection {inspection.id} already uses version {current}"
        )
    if wanted < version_tuple(current):
        raise RuleError(
            f"版本 {target} 比自查 {inspection.id} 现用的版本 {current} 旧；只能换用更新的版本",
            f"version {target} is older than version {current} that inspection {inspection.id} uses; only newer versions",
        )
    return target


def _fate(old: Checklist, new: Checklist, changes: ChecklistDiff, answer: Answer) -> AnswerFate:
    item_id = answer.item_id
    text = _text(old, item_id) or _text(new, item_id) or item_id
    if item_id not in new.item_index and item_id not in new.adjustment_index:
        return AnswerFate(item_id, "dropped_item_removed", answer, text)
    options = new.option_map.get(item_id)
    if (
        answer.option is not None
        and item_id in new.item_index
        and new.item_index[item_id][1].type == "choice"
        and answer.option not in (options or {})
    ):
        return AnswerFate(item_id, "dropped_option_removed", answer, text)
    try:
        carried = normalise(new, item_id, answer.option, answer.value, answer.note)
    except RuleError as exc:
        return AnswerFate(item_id, "dropped_invalid", answer, text, detail=exc.zh)
    change = changes.item(item_id)
    reasons: list[str] = []
    # A label reworded in the same words (SAME_WORDS) changes nothing an answer means: it raises no flag.
    meant = [c for c in change.changes if not (c.field == "option.label" and same_words(c.old, c.new))] if change else []
    if meant:
        reasons = [k for k in ("reworded", "rescored") if any(c.kind == k for c in meant)]
        if answer.option is not None and any(_touches(c.field, c.option, c.old, c.new, answer.option) for c in meant):
            reasons.append("option_changed")
    return AnswerFate(
        item_id, "flagged" if reasons else "kept", answer, text, tuple(reasons), carried_as=None if carried == answer else carried
    )


# Answer labels that say the same thing in the wordings the built-in checklists have used (是/否 became
# 已落实/未落实 when every scale was given one wording). A label changed within one group is a rewording: an answer
# that chose it is carried without a review flag. Its share and flags are compared on their own: a change of those
# still flags it.
SAME_WORDS: tuple[frozenset[str], ...] = (
    frozenset({"是", "已落实", "落实到位", "健全并落实"}),
    frozenset({"否", "未落实", "未建立"}),
    frozenset({"部分落实", "基本落实"}),
)


def same_words(old: Any, new: Any) -> bool:
    """Whether two option labels are one answer in other words (SAME_WORDS)."""
    return any(old in group and new in group for group in SAME_WORDS)


def _touches(name: str, option: str | None, old: Any, new: Any, chosen: str) -> bool:
    """Whether a change alters what the chosen option means (its label, share, flags, or whether it vetoes)."""
    if option == chosen:
        return True
    return name == "veto_options" and (chosen in (old or [])) != (chosen in (new or []))


def _text(template: Checklist, item_id: str) -> str | None:
    if item_id in template.item_index:
        return template.item_index[item_id][1].text
    adjustment = template.adjustment_index.get(item_id)
    return adjustment.text if adjustment else None


@dataclass(frozen=True)
class DroppedAnswer:
    item_id: str
    answer: Answer
    reason: str
    from_version: str
    to_version: str
    dropped_at: str


def answer_json(answer: Answer) -> dict[str, Any]:
    return {"option": answer.option, "value": answer.value, "note": answer.note}


def answer_text(answer: Answer) -> str:
    parts = []
    if answer.option is not None:
        parts.append(f"选项 {answer.option}")
    if answer.value is not None:
        value = answer.value
        parts.append(f"{value:g}" if isinstance(value, float) else str(value))
    if answer.note:
        parts.append(f"说明：{answer.note[:30]}")
    return "，".join(parts) or "（空）"
