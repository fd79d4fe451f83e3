"""The checklist format: frozen dataclasses with the rules of each field in their annotations (checked
by pydantic, see checklist_schema), and the resolved view."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, Self

from selfcheck.core import checklist_schema

if TYPE_CHECKING:  # the field vocabulary; at run time these names are checklist_schema's, read when validating
    from pydantic import Field

    from selfcheck.core.checklist_schema import Ident, Key, Line, Points, Text, Version

FORMAT = "selfcheck.checklist/1"

AnswerType = Literal["choice", "score", "deduction", "number", "text", "date"]

# The models are plain frozen dataclasses: the whole program, and the app's start, works with them without
# importing pydantic. Reading a checklist validates it through pydantic (checklist_schema builds the validator the
# first time it is needed), with the rules written in these annotations; a checklist read back from the database,
# validated when it was installed, is rebuilt directly (`from_stored`).
_CONFIG: dict[str, Any] = {"extra": "forbid", "str_strip_whitespace": True, "allow_inf_nan": False}


class _Model:
    """pydantic's vocabulary on the dataclasses: validate, dump, schema."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _CONFIG

    @classmethod
    def model_validate(cls, data: Any) -> Self:
        return checklist_schema.adapter(cls).validate_python(data)  # type: ignore[no-any-return]

    @classmethod
    def model_validate_json(cls, text: str | bytes) -> Self:
        return checklist_schema.adapter(cls).validate_json(text)  # type: ignore[no-any-return]

    @classmethod
    def model_json_schema(cls) -> dict[str, Any]:
        return checklist_schema.adapter(cls).json_schema()

    def model_dump(self, **options: Any) -> Any:
        """As pydantic's: `mode="json"`, `exclude`, `exclude_defaults`, `exclude_none`."""
        return checklist_schema.adapter(type(self)).dump_python(self, **options)


@dataclass(frozen=True, kw_only=True)
class Option(_Model):
    """One way to answer a choice item (是/否, 优秀/达标/不达标, 不适用, ...)."""

    key: Key
    label: Line
    share: Annotated[float, Field(ge=0, le=1, description="得分比例：0 到 1，乘以该项分值")] = 0.0
    note_required: Annotated[bool, Field(description="选择此项时必须填写说明")] = False
    raises_problem: Annotated[bool, Field(description="选择此项时提出整改问题")] = False
    not_applicable: Annotated[bool, Field(description="不适用：该项不计入满分")] = False


@dataclass(frozen=True, kw_only=True)
class Item(_Model):
    """A concrete, answerable check (检查内容)."""

    id: Ident
    text: Text
    type: Annotated[AnswerType, Field(description="choice 选择；score 直接打分；deduction 按次扣分；number/text/date 填写")] = (
        "choice"
    )
    method: Annotated[Line | None, Field(description="检查方法：查看资料、现场查看、提问、查台账")] = None
    evidence: Annotated[Text | None, Field(description="材料提示")] = None
    points: Annotated[Points, Field(description="分值")] = 0.0
    rule: Annotated[Text | None, Field(description="评分标准或扣分标准")] = None
    scale: Annotated[Ident | None, Field(description="使用检查表中命名的答案量表")] = None
    options: Annotated[list[Option] | None, Field(description="本项专用的答案选项，覆盖默认量表")] = None
    required: bool = True
    veto: Annotated[bool, Field(description="一票否决项")] = False
    veto_options: Annotated[list[Key] | None, Field(description="触发否决的选项；默认为得分为 0 的选项")] = None
    per_occurrence: Annotated[float | None, Field(gt=0, le=1000, description="deduction 类型：每发现一处扣分")] = None
    unit: Annotated[Line | None, Field(description="number 类型的单位，如 次、人")] = None


@dataclass(frozen=True, kw_only=True)
class Section(_Model):
    """A part of the checklist; for the 五查五看, one 查 with its 看."""

    id: Ident
    title: Line
    check: Annotated[Text | None, Field(description="查：检查什么")] = None
    look: Annotated[Text | None, Field(description="看：看是否……")] = None
    description: Text | None = None
    items: Annotated[list[Item], Field(min_length=1)]


@dataclass(frozen=True, kw_only=True)
class Adjustment(_Model):
    """A bonus or deduction item (加减分项), counted per occurrence within a cap."""

    id: Ident
    kind: Literal["bonus", "deduction"]
    text: Text
    per_occurrence: Annotated[Points, Field(gt=0, description="每次加/扣分")]
    cap: Annotated[Points | None, Field(description="本项最多加/扣分")] = None
    rule: Text | None = None
    evidence: Text | None = None
    veto: Annotated[bool, Field(description="发生即一票否决")] = False


@dataclass(frozen=True, kw_only=True)
class GradeBand(_Model):
    name: Line
    min: Annotated[float, Field(ge=0, description="下限（含）")]
    max: Annotated[float | None, Field(description="上限（不含；最高一档可省略或含上限）")] = None


@dataclass(frozen=True, kw_only=True)
class Grading(_Model):
    basis: Annotated[Literal["percent", "points"], Field(description="按得分率或按总分定等次")] = "percent"
    bands: Annotated[list[GradeBand], Field(min_length=1)]
    veto_grade: Annotated[Line | None, Field(description="一票否决时最高只能评到的等次；默认最低一档")] = None
    bonus_cap: Annotated[Points | None, Field(description="加分合计上限")] = None
    deduction_cap: Annotated[Points | None, Field(description="扣分合计上限")] = None


@dataclass(frozen=True, kw_only=True)
class Checklist(_Model):
    """A versioned checklist definition."""

    format: Literal["selfcheck.checklist/1"] = "selfcheck.checklist/1"
    id: Ident
    version: Version
    title: Line
    issuer: Annotated[Line, Field(description="发文单位，如 某县教育局")]
    effective_date: dt.date
    description: Text | None = None
    scales: Annotated[dict[Ident, list[Option]], Field(description="命名的答案量表")] = field(default_factory=dict)
    default_scale: Annotated[Ident | None, Field(description="choice 项默认使用的量表")] = None
    sections: Annotated[list[Section], Field(min_length=1)]
    adjustments: list[Adjustment] = field(default_factory=list)
    grading: Grading

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
        """Every item with its resolved options: what `checklist show --json` prints."""
        data: dict[str, Any] = self.model_dump(mode="json", exclude={"scales", "default_scale"})
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


def from_stored(text: str | bytes) -> Checklist:
    """A template from the canonical JSON the store keeps. It was validated when it was installed, so it is
    rebuilt directly: the app starts without loading pydantic. Anything that does not fit the classes is validated
    in full instead, which names what is wrong."""
    try:
        return _checklist(json.loads(text))
    except (KeyError, TypeError, ValueError, AttributeError):
        return Checklist.model_validate_json(text)


def _options(raw: list[dict[str, Any]]) -> list[Option]:
    return [Option(**o) for o in raw]


def _item(raw: dict[str, Any]) -> Item:
    options = raw.get("options")
    return Item(**{**raw, "options": None if options is None else _options(options)})


def _checklist(raw: dict[str, Any]) -> Checklist:
    grading = raw["grading"]
    return Checklist(
        **{
            **raw,
            "effective_date": dt.date.fromisoformat(raw["effective_date"]),
            "scales": {name: _options(options) for name, options in raw["scales"].items()},
            "sections": [Section(**{**s, "items": [_item(i) for i in s["items"]]}) for s in raw["sections"]],
            "adjustments": [Adjustment(**a) for a in raw["adjustments"]],
            "grading": Grading(**{**grading, "bands": [GradeBand(**b) for b in grading["bands"]]}),
        }
    )


def canonical_json(template: Checklist) -> str:
    return json.dumps(template.model_dump(mode="json"), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def version_tuple(version: str) -> tuple[int, ...]:
    parts = tuple(int(p) for p in version.split("."))
    return parts + (0,) * (4 - len(parts))


def json_schema() -> dict[str, Any]:
    schema = Checklist.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://selfcheck.invalid/schema/checklist-1.json"
    return schema
