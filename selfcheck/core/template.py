"""The checklist template format: pydantic v2 models, the rules across fields, and the resolved view."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

FORMAT = "selfcheck.checklist/1"

Key = Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{1,32}$", description="选项键：字母、数字、_ 或 -")]
Ident = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$", description="稳定标识：字母或数字开头，可含 _ . -")]
Version = Annotated[str, Field(pattern=r"^[0-9]{1,6}(\.[0-9]{1,6}){0,3}$", description="版本号，如 1、1.2 或 2026.1.0")]


_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def _visible(text: str) -> str:
    """Text a report can print: no control characters but tab and line breaks (they vanish or break layouts)."""
    if _INVISIBLE.search(text) is None:  # the usual case, checked at C speed: every text of every load passes here
        return text
    for char in text:
        if (ord(char) < 32 and char not in "\t\n\r") or 0x7F <= ord(char) <= 0x9F or char in "\u2028\u2029":
            # Raw control characters are refused by the reader at their position; one that gets here was written
            # as an escape, so the message names it the way the file shows it.
            raise PydanticCustomError(
                "control_char", "contains a control character (written \\u{code}); remove it", {"code": f"{ord(char):04x}"}
            )
    return text


Line = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_visible)]
Text = Annotated[str, Field(min_length=1, max_length=4000), AfterValidator(_visible)]
Points = Annotated[float, Field(ge=0, le=1000)]
AnswerType = Literal["choice", "score", "deduction", "number", "text", "date"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True, allow_inf_nan=False)


class Option(_Model):
    """One way to answer a choice item (是/否, 优秀/达标/不达标, 不适用, ...)."""

    key: Key
    label: Line
    share: float = Field(0.0, ge=0, le=1, description="得分比例：0 到 1，乘以该项分值")
    note_required: bool = Field(False, description="选择此项时必须填写说明")
    raises_problem: bool = Field(False, description="选择此项时提出整改问题")
    not_applicable: bool = Field(False, description="不适用：该项不计入满分")


class Item(_Model):
    """A concrete, answerable check (检查内容)."""

    id: Ident
    text: Text
    type: AnswerType = Field("choice", description="choice 选择；score 直接打分；deduction 按次扣分；number/text/date 填写")
    method: Line | None = Field(None, description="检查方法：查看资料、现场查看、提问、查台账")
    evidence: Text | None = Field(None, description="材料提示")
    points: Points = Field(0.0, description="分值")
    rule: Text | None = Field(None, description="评分标准或扣分标准")
    scale: Ident | None = Field(None, description="使用模板中命名的答案量表")
    options: list[Option] | None = Field(None, description="本项专用的答案选项，覆盖默认量表")
    required: bool = True
    veto: bool = Field(False, description="一票否决项")
    veto_options: list[Key] | None = Field(None, description="触发否决的选项；默认为得分为 0 的选项")
    per_occurrence: float | None = Field(None, gt=0, le=1000, description="deduction 类型：每发现一处扣分")
    unit: Line | None = Field(None, description="number 类型的单位，如 次、人")


class Section(_Model):
    """A part of the checklist; for the 五查五看, one 查 with its 看."""

    id: Ident
    title: Line
    check: Text | None = Field(None, description="查：检查什么")
    look: Text | None = Field(None, description="看：看是否……")
    description: Text | None = None
    items: list[Item] = Field(min_length=1)


class Adjustment(_Model):
    """A bonus or deduction item (加减分项), counted per occurrence within a cap."""

    id: Ident
    kind: Literal["bonus", "deduction"]
    text: Text
    per_occurrence: Points = Field(gt=0, description="每次加/扣分")
    cap: Points | None = Field(None, description="本项最多加/扣分")
    rule: Text | None = None
    evidence: Text | None = None
    veto: bool = Field(False, description="发生即一票否决")


class GradeBand(_Model):
    name: Line
    min: float = Field(ge=0, description="下限（含）")
    max: float | None = Field(None, description="上限（不含；最高一档可省略或含上限）")


class Grading(_Model):
    basis: Literal["percent", "points"] = Field("percent", description="按得分率或按总分定等次")
    bands: list[GradeBand] = Field(min_length=1)
    veto_grade: Line | None = Field(None, description="一票否决时最高只能评到的等次；默认最低一档")
    bonus_cap: Points | None = Field(None, description="加分合计上限")
    deduction_cap: Points | None = Field(None, description="扣分合计上限")


class Template(_Model):
    """A versioned checklist definition."""

    format: Literal["selfcheck.checklist/1"] = "selfcheck.checklist/1"
    id: Ident
    version: Version
    title: Line
    issuer: Line = Field(description="发文单位，如 某县教育局")
    effective_date: dt.date
    description: Text | None = None
    scales: dict[Ident, list[Option]] = Field(default_factory=dict, description="命名的答案量表")
    default_scale: Ident | None = Field(None, description="choice 项默认使用的量表")
    sections: list[Section] = Field(min_length=1)
    adjustments: list[Adjustment] = Field(default_factory=list)
    grading: Grading

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: Any) -> Any:
        """`version: 2` is fine; `version: 1.10` is the number 1.1 by the time we see it, so it must be quoted."""
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            return str(value)
        if isinstance(value, float):
            raise PydanticCustomError(
                "version_number",
                'version numbers with a dot must be quoted, e.g. version: "1.10" (unquoted, 1.10 reads as 1.1)',
            )
        return value

    # ---- the resolved view -------------------------------------------------------------------

    def options_for(self, item: Item) -> list[Option]:
        """The options a choice item is answered with: its own, its named scale, or the default."""
        if item.type != "choice":
            return []
        if item.options is not None:
            return item.options
        name = item.scale or self.default_scale
        return self.scales.get(name, []) if name else []

    @cached_property
    def option_map(self) -> dict[str, dict[str, Option]]:
        """Item id → option key → option, built once per template: scoring looks options up per answer."""
        return {item.id: {o.key: o for o in self.options_for(item)} for item in self.items()}

    @cached_property
    def veto_map(self) -> dict[str, frozenset[str]]:
        return {item.id: frozenset(self.veto_keys(item)) for item in self.items() if item.veto}

    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]

    @cached_property
    def item_index(self) -> dict[str, tuple[Section, Item]]:
        return {item.id: (section, item) for section in self.sections for item in section.items}

    @cached_property
    def adjustment_index(self) -> dict[str, Adjustment]:
        return {a.id: a for a in self.adjustments}

    def veto_keys(self, item: Item) -> set[str]:
        if not item.veto:
            return set()
        if item.veto_options is not None:
            return set(item.veto_options)
        return {o.key for o in self.options_for(item) if o.share == 0 and not o.not_applicable}

    def version_tuple(self) -> tuple[int, ...]:
        return version_tuple(self.version)

    def content_hash(self) -> str:
        """sha256 of the canonical JSON: the same content in YAML or JSON, any layout, hashes the same."""
        return hashlib.sha256(canonical_json(self).encode("utf-8")).hexdigest()

    def resolved(self) -> dict[str, Any]:
        """Every item with its resolved options: what `template show --json` prints."""
        data = self.model_dump(mode="json", exclude={"scales", "default_scale"})
        for s_data, section in zip(data["sections"], self.sections, strict=True):
            for i_data, item in zip(s_data["items"], section.items, strict=True):
                i_data.pop("scale", None)
                if item.type == "choice":
                    i_data["options"] = [o.model_dump(mode="json") for o in self.options_for(item)]
                    if item.veto:
                        i_data["veto_options"] = sorted(self.veto_keys(item))
                else:
                    i_data.pop("options", None)
        data["content_hash"] = self.content_hash()
        return data


def canonical_json(template: Template) -> str:
    return json.dumps(template.model_dump(mode="json"), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def version_tuple(version: str) -> tuple[int, ...]:
    parts = tuple(int(p) for p in version.split("."))
    return parts + (0,) * (4 - len(parts))


def json_schema() -> dict[str, Any]:
    schema = Template.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://selfcheck.invalid/schema/checklist-1.json"
    return schema
