"""The checklist's own fields (编号, 名称, 版本, 发布单位, 生效日期, 说明, 等次): read from key/value rows on an
information sheet or from the lines above the header (as cells, or several inside one cell), each kept with its
cell; then turned into the data's top-level fields, a missing one named with the row to add."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from selfcheck.exchange.excel.cells import Rows, Sheet, cell_text, filled
from selfcheck.exchange.excel.headers import META_KEYS, inline_pairs, meta_key
from selfcheck.exchange.excel.located import Problems, Ref, Where, sheet_ref

Meta = dict[str, tuple[Any, Ref]]  # field → (value as read, its cell)

DEFAULT_BANDS = [
    {"name": "优秀", "min": 90},
    {"name": "良好", "min": 80, "max": 90},
    {"name": "合格", "min": 60, "max": 80},
    {"name": "不合格", "min": 0, "max": 60},
]


def _put(meta: Meta, key: str, value: Any, ref: Ref, problems: Problems) -> None:
    """Keep a field's value; the same field given twice with different values is an error at the second."""
    if value is None or cell_text(value) == "":
        return
    if key in meta and cell_text(meta[key][0]) != cell_text(value):
        other = meta[key][1]
        problems.add(
            ref,
            f"与 {sheet_ref(other.sheet)}!{other.cell} 的“{cell_text(meta[key][0])}”不一致；只写一处",
            f"differs from {cell_text(meta[key][0])!r} at {sheet_ref(other.sheet)}!{other.cell}; give it once",
        )
        return
    meta[key] = (value, ref)


def from_sheet(name: str, rows: Rows, meta: Meta, problems: Problems) -> None:
    """Key/value rows: the key in the first filled cell, the value in the next filled one."""
    for r, values in rows:
        cells = filled(values)
        if len(cells) < 2 or not isinstance(cells[0][1], str):
            continue
        key = meta_key(cells[0][1])
        if key:
            c, v = cells[1]
            _put(meta, key, v, Ref(name, r, c, cell_text(cells[0][1])), problems)


def above_header(sheet: Sheet, header_row: int, meta: Meta, problems: Problems) -> None:
    """The rows above the header: a title line, and 编号：… 版本：… 发布单位：… as cells or inside one cell."""
    title: tuple[str, Ref] | None = None
    for r, values in sheet.rows:
        if r >= header_row:
            break
        cells = filled(values)
        used = False
        for n, (c, v) in enumerate(cells):
            text = cell_text(v)
            key = meta_key(text) if isinstance(v, str) else None
            if key and n + 1 < len(cells):  # a key cell followed by its value cell
                nc, nv = cells[n + 1]
                _put(meta, key, nv, Ref(sheet.name, r, nc, text), problems)
                used = True
                continue
            for key, written, value in inline_pairs(text):
                _put(meta, key, value, Ref(sheet.name, r, c, written), problems)
                used = True
        if (
            not used
            and len(cells) == 1
            and title is None
            and not re.fullmatch(r"附件\s*[0-9一二三四五六七八九十]*", cell_text(cells[0][1]))
        ):
            title = (cell_text(cells[0][1]), Ref(sheet.name, r, cells[0][0], "标题"))
    if title and "title" not in meta:
        meta["title"] = (title[0], title[1])


_REQUIRED = {
    "id": ("检查表编号（英文字母或数字，如 zfjs-2026）", "the checklist id (letters or digits, e.g. zfjs-2026)"),
    "version": ("版本（如 1.0）", "the version (e.g. 1.0)"),
    "title": ("检查表名称", "the title"),
    "issuer": ("发布单位（如 某县教育局）", "the issuer (e.g. the county bureau)"),
    "effective_date": ("生效日期（如 2026-09-01）", "the effective date (e.g. 2026-09-01)"),
}


def checklist_fields(
    meta: Meta, notes: list[str], where: Where, problems: Problems, sheet: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The data's fields before the sections (format, id, ... description, with the form's notes) and its grading;
    each field's path mapped to its cell in `where`."""
    data: dict[str, Any] = {"format": "selfcheck.checklist/1"}
    for key, (zh, en) in _REQUIRED.items():
        if key not in meta:
            problems.add(
                None,
                f"缺少{zh}：在“信息”工作表写一行“{META_KEYS[key][0]} | 值”，或在表头上方写“{META_KEYS[key][0]}：值”",
                f"missing {en}: add a row '{META_KEYS[key][0]} | value' on an information sheet, or "
                f"'{META_KEYS[key][0]}：value' above the header",
                sheet=sheet,
                label=META_KEYS[key][0],
            )
            continue
        value, ref = meta[key]
        where[(key,)] = ref
        data[key] = _date(value) if key == "effective_date" else cell_text(value)
    description = [cell_text(meta["description"][0])] if "description" in meta else []
    if "description" in meta:
        where[("description",)] = meta["description"][1]
    description += notes
    if description:
        data["description"] = "\n".join(description)
    bands = DEFAULT_BANDS
    if "grading" in meta:
        where[("grading",)] = meta["grading"][1]
        parsed = _bands(cell_text(meta["grading"][0]))
        if parsed is None:
            problems.add(
                meta["grading"][1],
                "看不懂等次划分，请写成“优秀 90，良好 80，合格 60，不合格 0”（每档写名称和下限）",
                "cannot read the grades: write e.g. 优秀 90，良好 80，合格 60，不合格 0 (each name with its lower bound)",
            )
        else:
            bands = parsed
    return data, {"basis": "percent", "bands": bands}


def _date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = unicodedata.normalize("NFKC", cell_text(value))
    m = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", text)
    if m:
        return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
    return text


def _bands(text: str) -> list[dict[str, Any]] | None:
    """优秀 90，良好 80，合格 60，不合格 0 (or ≥90 / 90分以上 / <60) to contiguous bands, highest first."""
    parts = [p for p in re.split(r"[，,；;、\n]+", unicodedata.normalize("NFKC", text)) if p.strip()]
    found: list[tuple[str, float]] = []
    for part in parts:
        m = re.fullmatch(
            r"\s*([^\d<>=≥≤:：\s]+)\s*[:：]?\s*(<|≤|<=)?\s*(?:≥|>=|>)?\s*(\d+(?:\.\d+)?)?\s*(?:分|%)?\s*(?:及?以上)?\s*", part
        )
        if not m:
            return None
        name, below, number = m[1], m[2], m[3]
        found.append((name, 0.0 if below or number is None else float(number)))
    if len(found) < 1:
        return None
    found.sort(key=lambda nf: -nf[1])
    bands: list[dict[str, Any]] = []
    upper: float | None = None
    for name, low in found:
        band: dict[str, Any] = {"name": name, "min": low}
        if upper is not None:
            band["max"] = upper
        bands.append(band)
        upper = low
    return bands
