"""The cells of a worksheet as plain values: formulas and error values refused, merged ranges read from the sheet's
XML, and the limits that keep a hostile sheet cheap to read."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from selfcheck.exchange import zipguard
from selfcheck.exchange.excel.located import Problems, Ref, column_index

MAX_ROWS = 5000
MAX_COLS = 50
MAX_MERGES = 50_000
MAX_XML_MEMBER = 40 * 1024 * 1024

Rows = list[tuple[int, list[Any]]]  # (row number, values), non-empty rows only, no empty cells at the end


@dataclass
class Sheet:
    name: str
    rows: Rows
    merges: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)  # cell → its merge's top-left
    spans: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)  # top-left → (rows, columns)


class Formula(str):
    """A formula cell read from the checklist sheet (its text, "=SUM(E3:E9)"): the rows decide. In a 合计 / 小计 row
    it is ignored; anywhere else it is refused naming its cell."""


def formula_ref(sheet: str, r: int, c: int) -> Ref:
    return Ref(sheet, r, c, "公式 / formula")


FORMULA_ZH = "单元格含有公式，请复制后“选择性粘贴为数值”再导入"
FORMULA_EN = "the cell holds a formula: copy it and paste as values, then import again"


def cell_text(value: Any) -> str:
    """A cell's value as the text a reader sees: 是/否 for booleans, 3 for 3.0, ISO dates, line breaks as \\n."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ").strip()


def filled(values: list[Any]) -> list[tuple[int, Any]]:
    """(column, value) of the cells of a row that show some text."""
    return [(c, v) for c, v in enumerate(values, start=1) if v is not None and cell_text(v) != ""]


def _trimmed(values: list[Any]) -> list[Any]:
    while values and (values[-1] is None or values[-1] == ""):
        values.pop()
    return values


def read_head(ws: Any, rows: int) -> Rows:
    """The first rows of a sheet, values only: enough to find a header or an information sheet's keys."""
    out: Rows = []
    for r, values in enumerate(ws.iter_rows(min_row=1, max_row=rows, max_col=MAX_COLS, values_only=True), start=1):
        if vals := _trimmed(list(values)):
            out.append((r, vals))
    return out


def read_rows(ws: Any, name: str, problems: Problems, limit: int, *, formulas: bool = False) -> Rows | None:
    """Non-empty rows of a read-only sheet, at most `limit` rows read; error values refused, and formulas too
    unless `formulas` (then each is kept as a `Formula` for the rows to judge)."""
    rows: Rows = []
    for r, cells in enumerate(ws.iter_rows(min_row=1, max_row=limit + 1), start=1):
        if r > limit:
            problems.add(
                None,
                f"工作表“{name}”超过 {limit} 行，已拒绝；请删除多余的行",
                f"sheet {name!r} has more than {limit} rows: refused; delete the extra rows",
                sheet=name,
            )
            return None
        values: list[Any] = []
        for c, cell in enumerate(cells, start=1):
            value = cell.value
            if value is None or value == "":
                values.append(None)
                continue
            if c > MAX_COLS:
                problems.add(
                    Ref(name, r, c, ""),
                    f"超过 {MAX_COLS} 列，已拒绝；请删除多余的列",
                    f"beyond {MAX_COLS} columns: refused; delete the extra columns",
                )
                return None
            kind = getattr(cell, "data_type", None)
            if kind == "f" or (isinstance(value, str) and kind != "s" and value.startswith("=")) or not _plain(value):
                if formulas and isinstance(value, str):
                    values.append(Formula(value))
                    continue
                problems.add(formula_ref(name, r, c), FORMULA_ZH, FORMULA_EN)
                values.append(None)
                continue
            if kind == "e":
                problems.add(
                    Ref(name, r, c, ""), f"单元格是错误值 {value}，请改正", f"the cell holds the error value {value}: fix it"
                )
                values.append(None)
                continue
            values.append(value)
        if _trimmed(values):
            rows.append((r, values))
    return rows


def _plain(value: Any) -> bool:
    return isinstance(value, str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta)


def dimension_ok(ws: Any, problems: Problems) -> bool:
    """The size the sheet declares is within the limits (checked before any row is read)."""
    for count, limit, zh, en in ((ws.max_row, MAX_ROWS, "行", "rows"), (ws.max_column, MAX_COLS, "列", "columns")):
        if count is not None and count > limit:
            problems.add(
                None,
                f"工作表“{ws.title}”有 {count} {zh}（最多 {limit} {zh}），已拒绝；请删除多余的{zh}",
                f"sheet {ws.title!r} has {count} {en} (at most {limit}): refused; delete the extra {en}",
                sheet=ws.title,
            )
            return False
    return True


_MERGE = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref\s*=\s*[\"']([A-Za-z]{1,3})([0-9]{1,7})(?::([A-Za-z]{1,3})([0-9]{1,7}))?[\"']"
)


def merged_ranges(archive: zipfile.ZipFile, member: str) -> list[tuple[int, int, int, int]]:
    """The sheet's merged ranges (min_row, min_col, max_row, max_col), read from its XML.

    openpyxl's read-only mode does not give merged cells, and its full mode is several times slower; the ranges are
    plain attributes after the cell data, found with a bounded regex over the (already DOCTYPE-checked) stream.
    """
    found: set[tuple[int, int, int, int]] = set()
    tail = b""
    for chunk in zipguard.stream_member(archive, member, MAX_XML_MEMBER):
        window = tail + chunk
        for m in _MERGE.finditer(window):
            c1, r1 = column_index(m[1].decode()), int(m[2])
            c2, r2 = (column_index(m[3].decode()), int(m[4])) if m[3] else (c1, r1)
            found.add((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
            if len(found) > MAX_MERGES:
                break
        tail = window[-300:]
    return sorted(found)


def apply_merges(sheet: Sheet, ranges: list[tuple[int, int, int, int]]) -> None:
    for r1, c1, r2, c2 in ranges:
        if r2 > MAX_ROWS or c2 > MAX_COLS:
            r2, c2 = min(r2, MAX_ROWS), min(c2, MAX_COLS)
        sheet.spans[(r1, c1)] = (r2 - r1 + 1, c2 - c1 + 1)
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    sheet.merges[(r, c)] = (r1, c1)
