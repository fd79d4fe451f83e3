"""A checklist written as a workbook in the layout the importer reads, for the bureau to edit in Excel and import.

Sheet 检查表: one row per item under the header 标识 | 检查项目 | 检查内容 | 检查方法 | 作答方式 | 分值 | 评分标准 | 材料;
the section's title in 检查项目 on each row; bonus and deduction items under a 加分项 / 扣分项 category, their points
per occurrence in the rule (每次加 N 分) and their cap in 分值. Sheet 信息: 编号, 名称, 版本, 发布单位, 生效日期, 说明,
等次 as key/value rows.

What the layout holds round-trips: export → import gives the same checklist (the same content hash) for every
checklist that only uses what a form can say. What it cannot say is listed by `lossy()` (and printed by the CLI):
section ids other than s1, s2 …, a section's 查/看/description text, answer options other than the two built-in scales
(已落实/基本落实/未落实/不适用 and 存在/不存在), a choice item with its own options or scale name, optional choice items or
required fill-in items, a unit, veto triggers other than 存在, veto adjustments, grading by points, a veto grade and
overall bonus/deduction caps, and an adjustment's id other than adj.N (these are written, but as the importer reads).
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

from selfcheck.core.checklist import Checklist, Item
from selfcheck.exchange.excel.items import SCALES, VETO, per_occurrence_in

HEADER = ["标识", "检查项目", "检查内容", "检查方法", "作答方式", "分值", "评分标准", "材料"]
_TYPE_WORDS = {"score": "打分", "deduction": "扣分", "number": "数值", "text": "文字", "date": "日期"}


def _g(x: float) -> float | int:
    return int(x) if float(x).is_integer() else x


def _scale_of(template: Checklist, item: Item) -> str | None:
    """Which built-in scale (shifou / cunzai) a choice item's options are, or None."""
    options = [_option(o) for o in template.options_for(item)]
    for name, scale in SCALES.items():
        if options == [_option_dict(o) for o in scale]:
            return name
    return None


def _option(o: Any) -> dict[str, Any]:
    return _option_dict(
        {
            "key": o.key,
            "label": o.label,
            "share": o.share,
            "note_required": o.note_required,
            "raises_problem": o.raises_problem,
            "not_applicable": o.not_applicable,
        }
    )


def _option_dict(o: dict[str, Any]) -> dict[str, Any]:
    return {
        "key": o["key"],
        "label": o["label"],
        "share": float(o.get("share", 0)),
        "note_required": bool(o.get("note_required", False)),
        "raises_problem": bool(o.get("raises_problem", False)),
        "not_applicable": bool(o.get("not_applicable", False)),
    }


def lossy(template: Checklist) -> list[tuple[str, str]]:
    """What a workbook cannot say about this checklist: (Chinese, English) lines; empty when it round-trips."""
    out: list[tuple[str, str]] = []
    for n, section in enumerate(template.sections, start=1):
        if section.id != f"s{n}":
            out.append((f"部分 {section.id} 的编号将变为 s{n}", f"section {section.id} becomes s{n}"))
        if section.check or section.look or section.description:
            out.append((f"部分“{section.title}”的查/看/说明文字不在表中", f"section {section.id}: check/look text is not kept"))
    for item in template.items():
        if item.type == "choice":
            if _scale_of(template, item) is None or item.options is not None:
                out.append((f"{item.id}：自定义的答案选项不在表中", f"{item.id}: its own answer options are not kept"))
            if not item.required:
                out.append((f"{item.id}：选答标记不在表中", f"{item.id}: 'not required' is not kept"))
            if item.veto and item.veto_options != ["found"]:
                out.append((f"{item.id}：否决选项将为“存在”", f"{item.id}: the veto option becomes 'found'"))
        elif item.type in ("number", "text", "date") and item.required:
            out.append((f"{item.id}：必填标记不在表中", f"{item.id}: 'required' is not kept"))
        if item.type == "deduction" and not _per_said(item):
            out.append((f"{item.id}：评分标准中将加上“每处扣几分”", f"{item.id}: the rule gains its points per occurrence"))
        if item.unit:
            out.append((f"{item.id}：单位不在表中", f"{item.id}: the unit is not kept"))
    if set(template.scales) - set(SCALES):
        names = "、".join(sorted(set(template.scales) - set(SCALES)))
        out.append((f"答案量表名称（{names}）不在表中", f"the scale names ({names}) are not kept"))
    for adj in template.adjustments:
        if not adj.rule or not _has_per(adj.rule, adj.text):
            out.append((f"{adj.id}：评分标准中将写明每次加（扣）几分", f"{adj.id}: the rule gains its points per occurrence"))
        if adj.veto:
            out.append((f"{adj.id}：否决标记不在表中", f"{adj.id}: veto is not kept"))
    g = template.grading
    if g.basis != "percent" or g.veto_grade or g.bonus_cap is not None or g.deduction_cap is not None:
        out.append(("等次的计分方式、否决等次或加减分合计上限不在表中", "grading basis, veto grade or overall caps are not kept"))
    return out


def _bands(template: Checklist) -> str:
    return "，".join(f"{b.name} {_g(b.min)}" for b in template.grading.bands)


def write_workbook(template: Checklist, out: str | Path, *, overwrite: bool = False) -> Path:
    """Write the checklist as .xlsx (temporary file, read back by the importer, then renamed); return the path."""
    from selfcheck.errors import RuleError, SelfcheckError
    from selfcheck.exchange.excel.workbook import read_workbook
    from selfcheck.reports.export import write_atomic

    path = Path(out)
    if path.suffix.lower() != ".xlsx":
        raise RuleError(f"{path}：输出文件名应以 .xlsx 结尾", f"{path}: the output file name must end in .xlsx")
    if not path.parent.is_dir():
        raise RuleError(
            f"文件夹 {path.parent} 不存在；请先建好它，或换一个已有的文件夹",
            f"the folder {path.parent} does not exist: create it or choose one that exists",
        )
    data = workbook_bytes(template)
    with tempfile.TemporaryDirectory() as folder:  # openpyxl reads only a name ending in .xlsx
        check = Path(folder) / "check.xlsx"
        check.write_bytes(data)
        again = read_workbook(check)  # what the bureau will import must import
    if not lossy(template) and again.content_hash() != template.content_hash():
        raise SelfcheckError("导出的工作簿读回后与检查表不一致，未写入", "the workbook does not read back the same; not written")
    return write_atomic(path, data, overwrite=overwrite)  # it reads the file back itself


def workbook_bytes(template: Checklist) -> bytes:
    """The checklist as .xlsx bytes in the importer's layout."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "检查表"
    ws.append(HEADER)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for section in template.sections:
        for item in section.items:
            ws.append(_item_row(template, section.title, item))
    for adj in template.adjustments:
        word = "加" if adj.kind == "bonus" else "扣"
        rule = adj.rule or ""
        if not _has_per(rule, adj.text):
            rule = f"{rule}（每次{word} {_g(adj.per_occurrence)} 分）" if rule else f"每次{word} {_g(adj.per_occurrence)} 分"
        category = "加分项" if adj.kind == "bonus" else "扣分项"
        cap = _g(adj.cap) if adj.cap is not None else None
        ws.append([adj.id, category, adj.text, None, None, cap, rule, adj.evidence])
    for col, width in zip("ABCDEFGH", (12, 18, 48, 18, 10, 8, 40, 24), strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    info = wb.create_sheet("信息")
    rows: list[tuple[str, Any]] = [
        ("编号", template.id),
        ("名称", template.title),
        ("版本", template.version),
        ("发布单位", template.issuer),
        ("生效日期", template.effective_date.isoformat()),
    ]
    if template.description:
        rows.append(("说明", template.description))
    rows.append(("等次", _bands(template)))
    for key, value in rows:
        info.append([key, value])
    info.column_dimensions["A"].width = 12
    info.column_dimensions["B"].width = 60
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _per_said(item: Item) -> bool:
    """The importer finds a deduction item's points per occurrence in its rule (or its text when it has no rule)."""
    return per_occurrence_in(item.rule or item.text) == item.per_occurrence


def _has_per(rule: str, text: str) -> bool:
    return per_occurrence_in(f"{rule} {text}") is not None


def _item_row(template: Checklist, category: str, item: Item) -> list[Any]:
    points: Any = _g(item.points) if item.points or item.type in ("score", "deduction") else None
    rule = item.rule
    kind: str | None
    if item.type == "choice":
        scale = _scale_of(template, item)
        kind = "有无" if scale == "cunzai" or item.veto else "是否"
        if item.veto and VETO not in f"{category}{rule or ''}{item.text}":
            if points is None:
                points = VETO
            else:
                rule = f"{rule}（{VETO}）" if rule else VETO
    else:
        kind = _TYPE_WORDS[item.type]
        if item.type == "deduction" and not _per_said(item):
            per = f"每处扣 {_g(item.per_occurrence or 0)} 分"
            rule = f"{rule}（{per}）" if rule else per
    return [item.id, category, item.text, item.method, kind, points, rule, item.evidence]
