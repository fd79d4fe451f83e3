"""Reading a checklist file: safe parsing, schema validation, the rules across fields, located errors."""

from __future__ import annotations

import contextlib
import copy
import itertools
import re
from pathlib import Path as FsPath
from typing import Any

from pydantic import ValidationError

from selfcheck.core import safeyaml
from selfcheck.core.checklist import Checklist
from selfcheck.errors import ChecklistError, Located

Issue = tuple[tuple[str | int, ...], str, str]  # (path, zh, en)

_ZH = {
    "missing": "缺少必填字段",
    "extra_forbidden": "未知字段（请检查拼写；检查表格式不接受多余字段）",
    "string_type": "应为文字",
    "string_too_short": "不能为空",
    "string_too_long": "文字过长（最多 {max_length} 个字符）",
    "string_pattern_mismatch": "格式不对",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "date_from_datetime_parsing": "应为日期，格式如 2026-09-01",
    "date_parsing": "应为日期，格式如 2026-09-01",
    "date_type": "应为日期，格式如 2026-09-01",
    "literal_error": "只能是以下之一：{expected}",
    "too_short": "至少需要 {min_length} 项",
    "too_long": "最多 {max_length} 项",
    "greater_than_equal": "不能小于 {ge}",
    "greater_than": "必须大于 {gt}",
    "less_than_equal": "不能大于 {le}",
    "list_type": "应为列表（每行以“- ”开头）",
    "dict_type": "应为映射（“键: 值”的形式）",
    "model_type": "应为映射（“键: 值”的形式）",
    "model_attributes_type": "应为映射（“键: 值”的形式）",
    "finite_number": "应为有限的数字",
    "control_char": "含有控制字符（写作 \\u{code}），请删除它",
    "version_number": '带点的版本号要加引号，如 version: "1.10"（不加引号时 1.10 会被读成数字 1.1）',
}


def _dotted(path: tuple[str | int, ...]) -> str:
    return ".".join(str(p) for p in path)


# The models are dataclasses, whose errors pydantic names differently from a BaseModel's: one name per kind here.
_KIND = {
    "unexpected_keyword_argument": "extra_forbidden",
    "dataclass_type": "model_type",
    "dataclass_args_type": "model_type",
    "missing_argument": "missing",
}


_EN = {"unexpected_keyword_argument": "Extra inputs are not permitted", "missing_argument": "Field required"}


def kind(err: Any) -> str:
    """The kind of a pydantic error, the same whatever the model is made with."""
    name = str(err["type"])
    return _KIND.get(name, name)


def translate_error(err: dict[str, Any]) -> tuple[str, str]:
    """One pydantic error of a checklist as (zh, en) for a user: the Chinese from its kind, the English from
    pydantic's message, and for a broken id, version or option key the rule it must follow. Public, so that a
    checklist read from another form (an Excel workbook) says the same as a YAML file; the caller locates it."""
    ctx = {k: v for k, v in (err.get("ctx") or {}).items()}
    zh = _ZH.get(kind(err), "内容无效")
    with contextlib.suppress(KeyError, IndexError):
        zh = zh.format(**ctx)
    en = _EN.get(err["type"], err["msg"])
    if err["type"] == "string_pattern_mismatch":
        field = str(err["loc"][-1]) if err["loc"] else ""
        hint = {
            "version": ("版本号应为数字和点，如 1、1.2、2026.1.0", "a version is numbers and dots, like 1, 1.2 or 2026.1.0"),
            "key": ("选项键只能用字母、数字、_ 或 -（最多 32 个）", "an option key is letters, digits, _ or - (up to 32)"),
        }.get(
            field,
            (
                "标识只能用字母或数字开头，可含 _ . -（最多 64 个）",
                "an id starts with a letter or digit and may hold _ . - (up to 64)",
            ),
        )
        zh, en = hint
    return zh, en


def cross_field_rules(t: Checklist) -> list[Issue]:
    """Rules across fields that the schema alone cannot say (unique ids, defined scales, options that can earn,
    contiguous grade bands, ...). Every broken rule is reported, as (path in the checklist data, zh, en); run on a
    template the schema accepted, by any reader of checklists, after `Template.model_validate`."""
    issues: list[Issue] = []
    seen: dict[str, tuple[str | int, ...]] = {}

    def unique(ident: str, path: tuple[str | int, ...]) -> None:
        if ident in seen:
            issues.append(
                (
                    path + ("id",),
                    f"标识“{ident}”重复（已用于 {_dotted(seen[ident])}）",
                    f"id '{ident}' is used twice (also at {_dotted(seen[ident])})",
                )
            )
        else:
            seen[ident] = path

    def check_options(options: list[Any], path: tuple[str | int, ...]) -> None:
        keys: set[str] = set()
        for n, o in enumerate(options):
            if o.key in keys:
                issues.append((path + (n, "key"), f"选项键“{o.key}”重复", f"option key '{o.key}' is used twice"))
            keys.add(o.key)
        if len(options) < 2:
            issues.append((path, "至少需要 2 个答案选项", "at least 2 answer options are needed"))
        if not any(not o.not_applicable for o in options):
            issues.append((path, "至少需要一个不是“不适用”的选项", "at least one option must not be 'not applicable'"))

    for name, options in t.scales.items():
        check_options(options, ("scales", name))
    if t.default_scale is not None and t.default_scale not in t.scales:
        issues.append(
            (
                ("default_scale",),
                f"量表“{t.default_scale}”未在 scales 中定义",
                f"scale '{t.default_scale}' is not defined under scales",
            )
        )

    for s, section in enumerate(t.sections):
        unique(section.id, ("sections", s))
        for i, item in enumerate(section.items):
            p: tuple[str | int, ...] = ("sections", s, "items", i)
            unique(item.id, p)
            if item.type == "choice":
                if item.options is not None:
                    check_options(item.options, p + ("options",))
                    if item.scale is not None:
                        issues.append((p + ("scale",), "scale 与 options 只能写一个", "give scale or options, not both"))
                elif item.scale is not None and item.scale not in t.scales:
                    issues.append(
                        (
                            p + ("scale",),
                            f"量表“{item.scale}”未在 scales 中定义",
                            f"scale '{item.scale}' is not defined under scales",
                        )
                    )
                elif item.scale is None and t.default_scale is None:
                    issues.append(
                        (
                            p,
                            "没有答案选项：请写 options，或在检查表中设置 default_scale",
                            "no answer options: give options, or set default_scale in the template",
                        )
                    )
                options = t.options_for(item)
                if item.points > 0 and options and not any(o.share > 0 for o in options if not o.not_applicable):
                    issues.append(
                        (
                            p + ("points",),
                            "有分值，但没有任何选项能得分（share 全为 0）",
                            "the item has points but no option earns any (every share is 0)",
                        )
                    )
                if item.veto_options is not None and not item.veto:
                    issues.append(
                        ((*p, "veto_options"), "veto_options 只用于否决项（veto: true）", "veto_options needs veto: true")
                    )
                if item.veto_options is not None:
                    known = {o.key for o in options}
                    for k, key in enumerate(item.veto_options):
                        if key not in known:
                            issues.append(
                                (
                                    p + ("veto_options", k),
                                    f"选项“{key}”不在本项的选项中",
                                    f"option '{key}' is not among this item's options",
                                )
                            )
                if item.veto and options and not t.veto_keys(item):
                    issues.append(
                        (
                            p + ("veto",),
                            "否决项需要一个触发否决的选项（得分为 0 的选项或 veto_options）",
                            "a veto item needs an option that triggers it (share 0, or veto_options)",
                        )
                    )
            else:
                for field in ("options", "scale", "veto_options"):
                    if getattr(item, field) is not None:
                        issues.append(
                            (
                                p + (field,),
                                f"{item.type} 类型的项不能有 {field}",
                                f"an item of type {item.type} cannot have {field}",
                            )
                        )
            if item.type in ("score", "deduction") and item.points <= 0:
                issues.append(
                    (
                        p + ("points",),
                        f"{item.type} 类型的项需要大于 0 的分值",
                        f"an item of type {item.type} needs points above 0",
                    )
                )
            if item.type == "deduction" and item.per_occurrence is None:
                issues.append(
                    (p, "deduction 类型的项需要 per_occurrence（每处扣分）", "an item of type deduction needs per_occurrence")
                )
            if item.type != "deduction" and item.per_occurrence is not None:
                issues.append(
                    (
                        p + ("per_occurrence",),
                        "只有 deduction 类型的项才有 per_occurrence",
                        "only items of type deduction have per_occurrence",
                    )
                )
            if item.type in ("number", "text", "date"):
                if item.points:
                    issues.append(
                        (
                            p + ("points",),
                            f"{item.type} 类型的项不计分，分值应为 0",
                            f"an item of type {item.type} is not scored; points must be 0",
                        )
                    )
                if item.veto:
                    issues.append(
                        (p + ("veto",), f"{item.type} 类型的项不能是否决项", f"an item of type {item.type} cannot be a veto item")
                    )
    for a, adj in enumerate(t.adjustments):
        unique(adj.id, ("adjustments", a))
        if adj.cap is not None and adj.cap < adj.per_occurrence:
            issues.append((("adjustments", a, "cap"), "上限小于每次分值", "the cap is below the points per occurrence"))

    g = t.grading
    bands = sorted(enumerate(g.bands), key=lambda nb: nb[1].min)
    names: set[str] = set()
    for n, band in enumerate(g.bands):
        if band.name in names:
            issues.append((("grading", "bands", n, "name"), f"等次“{band.name}”重复", f"grade '{band.name}' is used twice"))
        names.add(band.name)
        if band.max is not None and band.max <= band.min:
            issues.append((("grading", "bands", n, "max"), "上限必须大于下限", "max must be above min"))
    if bands and bands[0][1].min != 0:
        issues.append((("grading", "bands", bands[0][0], "min"), "最低一档必须从 0 开始", "the lowest band must start at 0"))
    for (_, lower), (n_upper, upper) in itertools.pairwise(bands):
        if lower.max is None or lower.max != upper.min:
            if lower.max is not None and lower.max < upper.min:
                zh, en = (
                    f"等次之间有空档：{lower.max:g} 到 {upper.min:g} 不属于任何等次",
                    f"gap between bands: {lower.max:g} to {upper.min:g} has no grade",
                )
            else:
                zh, en = (
                    f"等次区间重叠或不相接：上一档上限应等于本档下限 {upper.min}",
                    f"bands overlap or do not meet: the band below must end at {upper.min}",
                )
            issues.append((("grading", "bands", n_upper, "min"), zh, en))
    if g.basis == "percent" and bands:
        top_n, top = bands[-1]
        if top.max is not None and top.max < 100:
            issues.append(
                (
                    ("grading", "bands", top_n, "max"),
                    "按得分率定等次时，最高一档应覆盖到 100",
                    "with basis percent the top band must reach 100",
                )
            )
    if g.veto_grade is not None and g.veto_grade not in names:
        issues.append(
            (("grading", "veto_grade"), f"等次“{g.veto_grade}”不在 bands 中", f"grade '{g.veto_grade}' is not one of the bands")
        )
    if g.basis == "points" and bands:
        top_n, top = bands[-1]
        total = sum(item.points for item in t.items())
        if top.max is not None and top.max < total:
            issues.append(
                (
                    ("grading", "bands", top_n, "max"),
                    f"最高一档未覆盖满分 {total:g}",
                    f"the top band does not reach the full {total:g} points",
                )
            )
    return issues


def parse_checklist(raw: bytes, file: str) -> Checklist:
    """Bytes of a YAML or JSON checklist to a validated Template, or TemplateError with every problem."""
    with safeyaml.gc_paused():
        return _parse(raw, file)


def _parse(raw: bytes, file: str) -> Checklist:
    doc = safeyaml.load(raw, file)
    problems = list(doc.problems)

    def located(path: tuple[str | int, ...], zh: str, en: str, *, key: bool = False) -> Located:
        line, col = doc.locate(path, key=key)
        return Located(file, line, col, _dotted(path), zh, en)

    if not isinstance(doc.data, dict):
        problems.append(
            located(
                (),
                "检查表文件的最外层应为映射（id、version、title 等字段）",
                "the top level of a checklist must be a mapping (id, version, title, ...)",
            )
        )
        raise ChecklistError(problems)
    try:
        template = Checklist.model_validate(doc.data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        for err in errors:
            loc = tuple(err["loc"])
            zh, en = translate_error(dict(err))
            if kind(err) == "missing":
                line, col = doc.locate(loc[:-1])
                problems.append(Located(file, line, col, _dotted(loc), zh, en))
            else:
                problems.append(located(loc, zh, en, key=kind(err) == "extra_forbidden"))
        # Report the rule findings too, so one round of corrections is enough.
        for path, zh, en in rules_despite(doc.data, [(tuple(e["loc"]), kind(e)) for e in errors]):
            problems.append(located(path, zh, en))
        problems.sort(key=lambda p: (p.line, p.column))
        raise ChecklistError(problems) from None
    for path, zh, en in cross_field_rules(template):
        problems.append(located(path, zh, en))
    if problems:
        problems.sort(key=lambda p: (p.line, p.column))
        raise ChecklistError(problems)
    return template


_PLACEHOLDER_TOP: dict[str, Any] = {
    "format": "selfcheck.checklist/1",
    "id": "placeholder",
    "version": "1",
    "title": "placeholder",
    "issuer": "placeholder",
    "effective_date": "2000-01-01",
    "description": None,
    "scales": {},
    "default_scale": None,
    "adjustments": [],
    "grading": {"bands": [{"name": "placeholder", "min": 0}]},
}


def _keep_id(part: Any, n: int) -> str:
    """A placeholder keeps the id it replaces, so a duplicate of it is still found."""
    ident = part.get("id") if isinstance(part, dict) else None
    if isinstance(ident, str) and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}", ident):
        return ident
    return f"zz-placeholder-{n}"


def rules_despite(data: Any, errors: list[tuple[tuple[str | int, ...], str]]) -> list[Issue]:
    """The cross-field rules on a copy where every part the schema refused is a valid placeholder, so that one
    round of corrections is enough even when the schema already failed. `errors` are the schema's (loc, `kind`).

    Findings that touch a replaced part are dropped: they would be about the placeholder, not the file.
    Replacing (never removing) keeps every other part at its index, so positions stay right.
    """
    if not isinstance(data, dict):
        return []
    data = copy.deepcopy(data)
    locs = []
    for loc, kind in errors:
        if kind == "extra_forbidden" and loc:  # an unknown field: drop it and keep its container
            parent: Any = data
            for part in loc[:-1]:
                if isinstance(parent, dict):
                    parent = parent.get(part)
                elif isinstance(parent, list) and isinstance(part, int) and part < len(parent):
                    parent = parent[part]
                else:
                    parent = None
            if isinstance(parent, dict):
                parent.pop(loc[-1], None)
                continue
        locs.append(loc)
    replaced: list[tuple[str | int, ...]] = []
    n = 0
    for loc in sorted(locs, key=len):
        if any(loc[: len(r)] == r for r in replaced):
            continue
        n += 1
        sections = data.get("sections")
        if (
            len(loc) >= 4
            and loc[0] == "sections"
            and loc[2] == "items"
            and isinstance(sections, list)
            and isinstance(loc[1], int)
            and loc[1] < len(sections)
            and isinstance(sections[loc[1]], dict)
            and isinstance(sections[loc[1]].get("items"), list)
            and isinstance(loc[3], int)
            and loc[3] < len(sections[loc[1]]["items"])
        ):
            old = sections[loc[1]]["items"][loc[3]]
            sections[loc[1]]["items"][loc[3]] = {"id": _keep_id(old, n), "text": "x", "type": "text", "required": False}
            replaced.append(loc[:4])
        elif (
            len(loc) >= 2
            and loc[0] == "sections"
            and isinstance(sections, list)
            and isinstance(loc[1], int)
            and loc[1] < len(sections)
        ):
            sections[loc[1]] = {
                "id": _keep_id(sections[loc[1]], n),
                "title": "x",
                "items": [{"id": f"zz-placeholder-{n}.i", "text": "x", "type": "text"}],
            }
            replaced.append(loc[:2])
        elif len(loc) >= 2 and loc[0] == "adjustments" and isinstance(data.get("adjustments"), list) and isinstance(loc[1], int):
            old = data["adjustments"][loc[1]]
            data["adjustments"][loc[1]] = {"id": _keep_id(old, n), "kind": "bonus", "text": "x", "per_occurrence": 1}
            replaced.append(loc[:2])
        elif len(loc) >= 2 and loc[0] == "scales" and isinstance(data.get("scales"), dict) and loc[1] in data["scales"]:
            # a broken scale becomes a placeholder of the same name, so default_scale and scale: still resolve
            data["scales"][loc[1]] = [{"key": "a", "label": "a", "share": 1}, {"key": "b", "label": "b"}]
            replaced.append(loc[:2])
        elif loc and loc[0] == "sections":
            data["sections"] = [
                {"id": "zz-placeholder", "title": "x", "items": [{"id": "zz-placeholder.i", "text": "x", "type": "text"}]}
            ]
            replaced.append(loc[:1])
        elif loc and isinstance(loc[0], str) and loc[0] in _PLACEHOLDER_TOP:
            data[loc[0]] = copy.deepcopy(_PLACEHOLDER_TOP[loc[0]])
            replaced.append(loc[:1])
        elif loc and isinstance(loc[0], str):
            data.pop(loc[0], None)  # an unknown top-level field
            replaced.append(loc[:1])
        else:
            return []
    try:
        template = Checklist.model_validate(data)
    except ValidationError:
        return []
    touched_options = any(r[0] in ("scales", "default_scale") for r in replaced)
    touched_items = any(r[0] == "sections" for r in replaced)
    kept = []
    for path, zh, en in cross_field_rules(template):
        if any(path[: len(r)] == r for r in replaced):
            continue
        if touched_options and path[0] in ("sections", "default_scale") and "id" not in path[-1:]:
            continue  # option findings depend on the replaced scales
        if touched_items and path[:1] == ("grading",) and "full" in en:
            continue  # the full mark depends on the replaced items
        if "placeholder" in zh or "placeholder" in en:
            continue
        kept.append((path, zh, en))
    return kept


def read_checklist(path: str | FsPath) -> Checklist:
    """Read a checklist file from disk (size checked before reading it whole)."""
    p = FsPath(path)
    name = str(path)
    try:
        size = p.stat().st_size
        if size > safeyaml.MAX_BYTES:
            raise safeyaml.too_large(size, name)
        with p.open("rb") as fh:
            raw = fh.read(safeyaml.MAX_BYTES + 1)
    except FileNotFoundError:
        raise ChecklistError([Located(name, 0, 0, "", "文件不存在", "file not found")]) from None
    except IsADirectoryError:
        raise ChecklistError(
            [Located(name, 0, 0, "", "这是一个文件夹，不是检查表文件", "this is a folder, not a checklist file")]
        ) from None
    except OSError as exc:
        raise ChecklistError(
            [Located(name, 0, 0, "", f"无法读取文件：{exc.strerror}", f"cannot read file: {exc.strerror}")]
        ) from None
    return parse_checklist(raw, name)
