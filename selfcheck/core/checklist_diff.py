"""What changed between two versions of a checklist: items added, removed, reworded, re-scored, moved."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from selfcheck.core.checklist import Adjustment, Checklist, GradeBand, Item, Option, Section

Kind = Literal["added", "removed", "moved", "reworded", "rescored"]
KINDS: tuple[Kind, ...] = ("added", "removed", "moved", "reworded", "rescored")
KIND_LABELS = {"added": "新增", "removed": "删除", "moved": "移动", "reworded": "改写", "rescored": "改分"}

# Text a principal reads while answering: a change here may change the answer, so it is "reworded".
ITEM_TEXT_FIELDS = ("text", "method", "evidence", "rule", "unit")
ADJUSTMENT_TEXT_FIELDS = ("text", "rule", "evidence")
# How an answer is taken and counted: a change here is "rescored" (options are compared one by one below).
ITEM_SCORE_FIELDS = ("type", "points", "per_occurrence", "required", "veto")
ADJUSTMENT_SCORE_FIELDS = ("kind", "per_occurrence", "cap", "veto")
OPTION_FIELDS = ("label", "share", "note_required", "raises_problem", "not_applicable")
SECTION_FIELDS = ("title", "check", "look", "description")

FIELD_LABELS = {
    "text": "检查内容",
    "method": "检查方法",
    "evidence": "材料提示",
    "rule": "评分标准",
    "unit": "单位",
    "section.check": "查",
    "section.look": "看",
    "section": "所在部分",
    "type": "作答方式",
    "points": "分值",
    "per_occurrence": "每处（次）分值",
    "required": "必答",
    "veto": "一票否决",
    "veto_options": "触发否决的选项",
    "kind": "加分/扣分",
    "cap": "上限",
    "option.added": "新增选项",
    "option.removed": "删除选项",
    "option.label": "选项名称",
    "option.share": "选项得分比例",
    "option.note_required": "选项须填说明",
    "option.raises_problem": "选项提出整改问题",
    "option.not_applicable": "选项为不适用",
    "title": "标题",
    "check": "查",
    "look": "看",
    "description": "说明",
    "issuer": "发文单位",
    "effective_date": "施行日期",
    "grading.basis": "定等依据",
    "grading.bands": "等次划分",
    "grading.veto_grade": "一票否决时的等次",
    "grading.bonus_cap": "加分合计上限",
    "grading.deduction_cap": "扣分合计上限",
}


@dataclass(frozen=True)
class FieldChange:
    """One field that differs: `kind` is reworded / rescored / moved / template / section; `option` names the option."""

    kind: str
    field: str
    old: Any
    new: Any
    option: str | None = None

    def describe(self) -> str:
        label = FIELD_LABELS.get(self.field, self.field)
        if self.field == "option.added":
            return f"{label} {_option_text(self.new)}"
        if self.field == "option.removed":
            return f"{label} {_option_text(self.old)}"
        if self.option is not None:
            label = f"选项 {self.option} 的{label.removeprefix('选项')}"
        return f"{label}：{_show(self.old)} → {_show(self.new)}"


@dataclass(frozen=True)
class ItemChange:
    """One item (or 加减分项) that was added, removed or changed; items are matched by id."""

    item_id: str
    kinds: tuple[Kind, ...]
    section: str | None  # where it is now (where it was, if removed); None for a 加减分项
    section_title: str | None
    old_text: str | None
    new_text: str | None
    changes: tuple[FieldChange, ...] = ()
    adjustment: bool = False

    @property
    def text(self) -> str:
        return self.new_text or self.old_text or ""

    def describe(self) -> list[str]:
        where = "加减分项" if self.adjustment else (self.section_title or self.section or "")
        kinds = "、".join(KIND_LABELS[k] for k in self.kinds)
        if "added" in self.kinds:
            return [f"＋ 新增 {self.item_id}（{where}）：{self.new_text}"]
        if "removed" in self.kinds:
            return [f"－ 删除 {self.item_id}（{where}）：{self.old_text}"]
        lines = [f"～ {kinds} {self.item_id}（{where}）：{self.text}"]
        lines += [f"    {c.describe()}" for c in self.changes]
        return lines

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["changes"] = [asdict(c) for c in self.changes]
        return data


@dataclass(frozen=True)
class SectionChange:
    """A section added, removed, or with its title, 查, 看 or description changed."""

    section_id: str
    kind: Literal["added", "removed", "changed"]
    old_title: str | None
    new_title: str | None
    changes: tuple[FieldChange, ...] = ()

    def describe(self) -> list[str]:
        if self.kind == "added":
            return [f"＋ 新增部分 {self.section_id}：{self.new_title}"]
        if self.kind == "removed":
            return [f"－ 删除部分 {self.section_id}：{self.old_title}"]
        return [f"～ 部分 {self.section_id}（{self.new_title}）"] + [f"    {c.describe()}" for c in self.changes]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ChecklistDiff:
    """Every change from `old` to `new`, in the new checklist's order, removed items last."""

    template_id: str
    old_version: str
    new_version: str
    checklist_changes: tuple[FieldChange, ...] = ()
    sections: tuple[SectionChange, ...] = ()
    items: tuple[ItemChange, ...] = ()
    _index: dict[str, ItemChange] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._index.update({c.item_id: c for c in self.items})

    def item(self, item_id: str) -> ItemChange | None:
        return self._index.get(item_id)

    def ids(self, kind: Kind) -> list[str]:
        return [c.item_id for c in self.items if kind in c.kinds]

    @property
    def empty(self) -> bool:
        return not (self.checklist_changes or self.sections or self.items)

    def counts(self) -> dict[str, int]:
        return {kind: len(self.ids(kind)) for kind in KINDS}

    def describe(self) -> list[str]:
        head = f"检查表 {self.template_id}：版本 {self.old_version} → {self.new_version}"
        if self.empty:
            return [head, "检查内容、分值和等次划分都没有变化"]
        counts = self.counts()
        lines = [head, "，".join(f"{KIND_LABELS[k]} {counts[k]} 项" for k in KINDS)]
        if self.checklist_changes:
            lines.append("检查表：")
            lines += [f"    {c.describe()}" for c in self.checklist_changes]
        for section in self.sections:
            lines += section.describe()
        for item in self.items:
            lines += item.describe()
        return lines

    def to_json(self) -> dict[str, Any]:
        return {
            "template_id": self.template_id,
            "old_version": self.old_version,
            "new_version": self.new_version,
            "counts": self.counts(),
            "template_changes": [asdict(c) for c in self.checklist_changes],
            "sections": [s.to_json() for s in self.sections],
            "items": [i.to_json() for i in self.items],
        }


def diff(old: Checklist, new: Checklist) -> ChecklistDiff:
    """Compare two checklists (normally two versions of one), matching sections and items by id."""
    items: list[ItemChange] = []
    old_index, new_index = old.item_index, new.item_index
    for section in new.sections:
        for item in section.items:
            if item.id not in old_index:
                items.append(ItemChange(item.id, ("added",), section.id, section.title, None, item.text))
                continue
            old_section, old_item = old_index[item.id]
            change = _item_change(old, old_section, old_item, new, section, item)
            if change is not None:
                items.append(change)
    for section in old.sections:
        for item in section.items:
            if item.id not in new_index:
                items.append(ItemChange(item.id, ("removed",), section.id, section.title, item.text, None))
    items += _adjustment_changes(old, new)
    return ChecklistDiff(
        template_id=new.id,
        old_version=old.version,
        new_version=new.version,
        checklist_changes=tuple(_checklist_changes(old, new)),
        sections=tuple(_section_changes(old, new)),
        items=tuple(items),
    )


def _item_change(
    old: Checklist, old_section: Section, old_item: Item, new: Checklist, section: Section, item: Item
) -> ItemChange | None:
    changes: list[FieldChange] = []
    if old_section.id != section.id:
        changes.append(
            FieldChange(
                "moved", "section", {"id": old_section.id, "title": old_section.title}, {"id": section.id, "title": section.title}
            )
        )
    else:
        # Same section: its 查 and 看 are what the item is read under. A moved item is reported as moved instead.
        for name in ("check", "look"):
            before, after = getattr(old_section, name), getattr(section, name)
            if before != after:
                changes.append(FieldChange("reworded", f"section.{name}", before, after))
    changes += _fields("reworded", old_item, item, ITEM_TEXT_FIELDS)
    changes += _fields("rescored", old_item, item, ITEM_SCORE_FIELDS)
    changes += _option_changes(old.options_for(old_item), new.options_for(item))
    old_veto, new_veto = sorted(old.veto_keys(old_item)), sorted(new.veto_keys(item))
    if old_item.veto and item.veto and old_veto != new_veto:
        changes.append(FieldChange("rescored", "veto_options", old_veto, new_veto))
    if not changes:
        return None
    kinds = tuple(k for k in KINDS if any(c.kind == k for c in changes))
    return ItemChange(item.id, kinds, section.id, section.title, old_item.text, item.text, tuple(changes))


def _adjustment_changes(old: Checklist, new: Checklist) -> list[ItemChange]:
    out: list[ItemChange] = []
    before = old.adjustment_index
    for adj in new.adjustments:
        if adj.id not in before:
            out.append(ItemChange(adj.id, ("added",), None, None, None, adj.text, adjustment=True))
            continue
        prev = before[adj.id]
        changes = _fields("reworded", prev, adj, ADJUSTMENT_TEXT_FIELDS) + _fields("rescored", prev, adj, ADJUSTMENT_SCORE_FIELDS)
        if changes:
            kinds = tuple(k for k in KINDS if any(c.kind == k for c in changes))
            out.append(ItemChange(adj.id, kinds, None, None, prev.text, adj.text, tuple(changes), adjustment=True))
    after = new.adjustment_index
    out += [
        ItemChange(a.id, ("removed",), None, None, a.text, None, adjustment=True) for a in old.adjustments if a.id not in after
    ]
    return out


def _fields(
    kind: str, old: Item | Adjustment | Section, new: Item | Adjustment | Section, names: tuple[str, ...]
) -> list[FieldChange]:
    return [
        FieldChange(kind, name, getattr(old, name), getattr(new, name))
        for name in names
        if getattr(old, name) != getattr(new, name)
    ]


def _option_changes(old: list[Option], new: list[Option]) -> list[FieldChange]:
    """Options matched by key: a key that disappears is removed (its answers cannot be carried), a new label is a rename."""
    changes: list[FieldChange] = []
    before = {o.key: o for o in old}
    after = {o.key: o for o in new}
    for key, option in after.items():
        if key not in before:
            changes.append(FieldChange("rescored", "option.added", None, option.model_dump(), key))
            continue
        for name in OPTION_FIELDS:
            a, b = getattr(before[key], name), getattr(option, name)
            if a != b:
                changes.append(FieldChange("rescored", f"option.{name}", a, b, key))
    changes += [
        FieldChange("rescored", "option.removed", o.model_dump(), None, key) for key, o in before.items() if key not in after
    ]
    return changes


def _section_changes(old: Checklist, new: Checklist) -> list[SectionChange]:
    before = {s.id: s for s in old.sections}
    after = {s.id: s for s in new.sections}
    out: list[SectionChange] = []
    for s in new.sections:
        if s.id not in before:
            out.append(SectionChange(s.id, "added", None, s.title))
            continue
        changes = _fields("section", before[s.id], s, SECTION_FIELDS)
        if changes:
            out.append(SectionChange(s.id, "changed", before[s.id].title, s.title, tuple(changes)))
    out += [SectionChange(s.id, "removed", s.title, None) for s in old.sections if s.id not in after]
    return out


def _checklist_changes(old: Checklist, new: Checklist) -> list[FieldChange]:
    changes: list[FieldChange] = []
    for name in ("title", "issuer", "effective_date", "description"):
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            changes.append(FieldChange("template", name, _plain(a), _plain(b)))
    for name in ("basis", "veto_grade", "bonus_cap", "deduction_cap"):
        a, b = getattr(old.grading, name), getattr(new.grading, name)
        if a != b:
            changes.append(FieldChange("template", f"grading.{name}", a, b))
    if old.grading.bands != new.grading.bands:
        changes.append(FieldChange("template", "grading.bands", _bands(old.grading.bands), _bands(new.grading.bands)))
    return changes


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _bands(bands: list[GradeBand]) -> str:
    return "；".join(f"{b.name} {b.min:g}–{b.max:g}" if b.max is not None else f"{b.name} ≥{b.min:g}" for b in bands)


def _option_text(option: Any) -> str:
    if isinstance(option, dict):
        return f"{option.get('key')}（{option.get('label')}）"
    return _show(option)


def _show(value: Any) -> str:
    """A value the way a principal reads it: text in quotes, yes/no for flags, numbers without trailing zeros."""
    if value is None:
        return "（无）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float | int):
        return f"{value:g}"
    if isinstance(value, list):
        return "、".join(_show(v) for v in value) if value else "（无）"
    if isinstance(value, dict):
        return f"{value['id']} {value['title']}" if "title" in value else _option_text(value)
    return f"“{value}”"
