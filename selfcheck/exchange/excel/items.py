"""One row of the form as a checklist item, or as an adjustment (加分项 / 扣分项): its id, answer type and scale,
veto, points and points per occurrence, with each field's path mapped to the cell it came from."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from selfcheck.exchange.excel.cells import cell_text
from selfcheck.exchange.excel.headers import FormRow
from selfcheck.exchange.excel.located import Problems, Ref, Where

VETO = "一票否决"
_PER = re.compile(r"每[^，。；;,]*?(加|扣|减)\s*([0-9]+(?:\.[0-9]+)?)\s*分")
_CAP = re.compile(r"(?:最多|最高|不超过|上限)\s*(?:加|扣|减)?\s*([0-9]+(?:\.[0-9]+)?)\s*分")

# The words of a 作答方式 cell → (answer type, scale for a choice).
TYPES: dict[str, tuple[str, str | None]] = {
    "是否": ("choice", "shifou"),
    "选择": ("choice", "shifou"),
    "是/否": ("choice", "shifou"),
    "有无": ("choice", "cunzai"),
    "存在": ("choice", "cunzai"),
    "存在与否": ("choice", "cunzai"),
    "打分": ("score", None),
    "评分": ("score", None),
    "直接打分": ("score", None),
    "扣分": ("deduction", None),
    "按次扣分": ("deduction", None),
    "数值": ("number", None),
    "数字": ("number", None),
    "填数": ("number", None),
    "文字": ("text", None),
    "文本": ("text", None),
    "填写": ("text", None),
    "日期": ("date", None),
}

# The answer scales, as the built-in checklists use them (wuchawukan.yaml).
SCALES: dict[str, list[dict[str, Any]]] = {
    "shifou": [
        {"key": "yes", "label": "已落实", "share": 1},
        {"key": "partly", "label": "基本落实", "share": 0.5, "note_required": True, "raises_problem": True},
        {"key": "no", "label": "未落实", "share": 0, "note_required": True, "raises_problem": True},
        {"key": "na", "label": "不适用", "not_applicable": True, "note_required": True},
    ],
    "cunzai": [
        {"key": "none", "label": "不存在", "share": 1},
        {"key": "found", "label": "存在", "share": 0, "note_required": True, "raises_problem": True},
    ],
}


@dataclass(frozen=True)
class Said:
    """What a checklist row says, as the rows read it: the text (with its subcategory), the content cell, the rule
    (with any remark), the points (0 when none or unreadable) and whether it is a veto."""

    text: str
    content: str
    rule: str
    points: float
    veto: bool


def per_occurrence_in(text: str) -> float | None:
    """The points per occurrence a rule states (每次扣 2 分, 每发现一处扣 1 分), or None."""
    found = _PER.search(text)
    return float(found[2]) if found else None


def is_adjustment(title: str) -> bool:
    """Whether a category is one of bonus or deduction points (加分项, 扣分项目, 加减分 ...)."""
    t = title.replace(" ", "")
    return bool(re.search(r"(加分|扣分|减分|加减分)(项|项目|类)?$", t) or re.match(r"^(加分|扣分|减分|加减分)", t))


def adjustment(row: FormRow, said: Said, title: str, n: int, problems: Problems) -> tuple[dict[str, Any], Where] | None:
    """The row as the n-th adjustment, counted per occurrence within a cap; None (reported) without its points per
    occurrence."""
    source = f"{said.rule} {said.content}"
    per = _PER.search(source)
    if per is None:
        problems.add(
            row.ref_or_content("rule"),
            "加减分项要写明每次加（扣）几分，如“每次扣 2 分”",
            "a bonus or deduction item must say the points per occurrence, e.g. 每次扣 2 分",
        )
        return None
    kind = "bonus" if per[1] == "加" else "deduction"
    cap_match = _CAP.search(source)
    cap = said.points if said.points else (float(cap_match[1]) if cap_match else None)
    adj: dict[str, Any] = {"id": f"adj.{n + 1}", "kind": kind, "text": said.text, "per_occurrence": float(per[2])}
    if cap is not None:
        adj["cap"] = cap
    if said.rule:
        adj["rule"] = said.rule
    if ev := row.value("evidence"):
        adj["evidence"] = ev
    if "id" in row.own:
        adj["id"] = cell_text(row.own["id"][0])
    fields = (
        ("", "content"),
        ("text", "content"),
        ("cap", "points"),
        ("per_occurrence", "rule"),
        ("rule", "rule"),
        ("evidence", "evidence"),
        ("id", "id"),
    )
    return adj, {("adjustments", n, f) if f else ("adjustments", n): row.ref_or_content(k) for f, k in fields}


def item(
    row: FormRow,
    said: Said,
    section_id: str,
    at: tuple[int, int],
    used_ids: set[str],
    scales_used: set[str],
    problems: Problems,
) -> tuple[dict[str, Any], Where]:
    """The row as the item at (section, item) index `at`; its id and scale are added to `used_ids`, `scales_used`."""
    new: dict[str, Any] = {"id": "", "text": said.text}
    new["id"], id_ref = _item_id(row, section_id, at[1], used_ids)
    used_ids.add(new["id"])
    a_type, scale = _answer_type(row, said.veto, problems)
    if a_type != "choice":
        new["type"] = a_type
    if a_type == "choice":
        scale = scale or "shifou"
        scales_used.add(scale)
        if scale != "shifou":
            new["scale"] = scale
    if method := row.value("method"):
        new["method"] = method
    if ev := row.value("evidence"):
        new["evidence"] = ev
    if said.points or a_type in ("score", "deduction"):
        new["points"] = said.points
    if said.rule:
        new["rule"] = said.rule
    if a_type in ("number", "text", "date"):
        new["required"] = False
    if said.veto and a_type == "choice":
        new["veto"] = True
        new["veto_options"] = ["found"]
    if a_type == "deduction":
        per = _PER.search(said.rule or said.content)
        if per is None:
            problems.add(
                row.ref_or_content("rule"),
                "按次扣分的项要在评分标准中写明每处扣几分，如“每发现一处扣 1 分”",
                "a deduction item must say the points per occurrence in its rule, e.g. 每发现一处扣 1 分",
            )
        else:
            new["per_occurrence"] = float(per[2])
    base: tuple[str | int, ...] = ("sections", at[0], "items", at[1])
    where: Where = {base: row.ref("content"), (*base, "text"): row.ref("content"), (*base, "id"): id_ref}
    for f, k in (
        ("points", "points"),
        ("method", "method"),
        ("evidence", "evidence"),
        ("rule", "rule"),
        ("per_occurrence", "rule"),
    ):
        where[(*base, f)] = row.ref_or_content(k)
    for f in ("type", "options", "scale", "veto", "veto_options", "required"):
        where[(*base, f)] = row.ref_or_content("type")
    return new, where


def _item_id(row: FormRow, section_id: str, i: int, used_ids: set[str]) -> tuple[str, Ref]:
    """The item's id: its 标识 cell, or the section's id and its 序号, or its place; kept unique in the checklist."""
    ident, ref = "", row.ref("content")
    if "id" in row.own:
        ident, ref = cell_text(row.own["id"][0]), row.ref("id")
    elif "number" in row.own and (num := _number_id(row.own["number"][0])):
        ident, ref = f"{section_id}.{num}", row.ref("number")
    if not ident or (ident in used_ids and "id" not in row.own and "number" not in row.own):
        ident = f"{section_id}.{i + 1}"
        if ident in used_ids:  # numbered and unnumbered rows mixed: the row number keeps it unique
            ident = f"{section_id}.r{row.r}"
    return ident, ref


def _number_id(value: Any) -> str | None:
    text = unicodedata.normalize("NFKC", cell_text(value)).rstrip("、.．")
    return text if re.fullmatch(r"[0-9]{1,6}([.-][0-9]{1,6}){0,3}", text) else None


def _answer_type(row: FormRow, veto: bool, problems: Problems) -> tuple[str, str | None]:
    """(answer type, scale) from the 作答方式 cell; a veto item is answered 存在 / 不存在 unless it says otherwise."""
    a_type, scale = ("choice", "cunzai") if veto else ("choice", None)
    kind_text = row.value("type")
    if kind_text:
        key = unicodedata.normalize("NFKC", kind_text).replace(" ", "")
        if key in TYPES:
            a_type, scale = TYPES[key]
            if veto and a_type == "choice":
                scale = "cunzai"
        else:
            problems.add(
                row.ref("type"),
                f"不认识的作答方式“{kind_text}”，可选：{'、'.join(TYPES)}",
                f"unknown answer type {kind_text!r}; use one of: {', '.join(TYPES)}",
            )
    return a_type, scale
