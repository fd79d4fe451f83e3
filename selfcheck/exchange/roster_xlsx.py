"""The bureau's roster (名册) read from an Excel workbook: 学校名称, 学校代码, 学区, 类别.

The header row is found by its names (the first row, among the first 20 of any sheet, holding both 学校名称 and
学校代码, or a synonym) so a title row above it is fine; columns may come in any order. Every bad row is reported
at once, naming the sheet, row and column and what to do: a missing name or code, a code given twice (both rows
named), a formula. The file is checked as any workbook from a stick (a zip with bounded sizes, no macros, no
external links) before openpyxl reads it.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from selfcheck.core.desk import RosterEntry
from selfcheck.errors import SelfcheckError
from selfcheck.exchange import zipguard
from selfcheck.exchange.excel.located import column_letter

MAX_ROWS = 20_000  # a province's schools fit; more is not a roster
MAX_COLS = 50
HEADER_SCAN = 20
MAX_TEXT = 200
LIMITS = zipguard.Limits(max_file=20 * 1024 * 1024, max_member=40 * 1024 * 1024, max_total=100 * 1024 * 1024)

COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("学校名称", "学校", "名称", "单位名称"),
    "code": ("学校代码", "代码", "学校编码", "学校标识码", "标识码"),
    "district": ("学区", "所属学区", "片区", "乡镇"),
    "category": ("类别", "学校类别", "学段", "类型", "办学类型"),
}
LABELS = {"name": "学校名称", "code": "学校代码", "district": "学区", "category": "类别"}


class RosterError(SelfcheckError):
    """A roster workbook that cannot be imported: every problem found, each with sheet, row and column."""

    def __init__(self, file: str, problems: list[str]) -> None:
        self.problems = problems
        shown = problems[:50] + ([f"……另有 {len(problems) - 50} 处 / {len(problems) - 50} more"] if len(problems) > 50 else [])
        lines = "\n".join(shown)
        super().__init__(
            f"名册 {file} 有 {len(problems)} 处错误，未导入任何学校；请改正后重新导入：\n{lines}",
            f"{len(problems)} error(s) in the roster {file}; nothing imported: correct them and import again",
        )


def _norm(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKC", str(value)).replace("\u3000", " ")
    return "".join(c for c in text if c.isprintable()).strip()


def _header(values: list[Any]) -> dict[str, int] | None:
    """Column (0-based) of each field, when this row is the header."""
    found: dict[str, int] = {}
    for i, value in enumerate(values):
        text = _norm(value).replace(" ", "")
        for key, names in COLUMNS.items():
            if key not in found and text in names:
                found[key] = i
    return found if "name" in found and "code" in found else None


def read_roster(path: str | Path) -> list[RosterEntry]:
    """The schools of a roster workbook, in file order; or RosterError naming each bad cell."""
    p = Path(path)
    file = p.name
    if p.suffix.lower() != ".xlsx":
        raise RosterError(
            file, [f"{file}: 名册须为 Excel 工作簿（.xlsx）；请在 Excel 或 WPS 中“另存为 .xlsx” / save it as .xlsx"]
        )
    try:
        with zipguard.open_checked(p, LIMITS) as archive:
            names = [n.lower() for n in archive.namelist()]
            if any(n.startswith("xl/externallinks/") or n.endswith("vbaproject.bin") for n in names):
                raise RosterError(
                    file, [f"{file}: 工作簿含有宏或外部链接，已拒绝；请复制数据到新工作簿另存 / macros or links: refused"]
                )
            for name in archive.namelist():
                zipguard.scan_xml(archive, name, LIMITS.max_member, text=name.lower().endswith((".xml", ".rels")))
    except zipguard.ZipRefused as exc:
        raise RosterError(file, [f"{file}: {exc.zh} / {exc.en}"]) from None
    import openpyxl  # heavy: only when a roster is read

    try:
        wb = openpyxl.load_workbook(p, read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on damaged files; all mean the same to the user
        raise RosterError(
            file, [f"{file}: 无法读取工作簿（{type(exc).__name__}），请在 Excel 中打开后重新另存为 .xlsx"]
        ) from None
    try:
        return _read(wb, file)
    finally:
        wb.close()


def _read(wb: Any, file: str) -> list[RosterEntry]:
    problems: list[str] = []
    for ws in wb.worksheets:
        head: dict[str, int] | None = None
        header_row = 0
        for r, values in enumerate(ws.iter_rows(min_row=1, max_row=HEADER_SCAN, max_col=MAX_COLS, values_only=True), 1):
            head = _header(list(values))
            if head:
                header_row = r
                break
        if not head:
            continue
        entries: list[RosterEntry] = []
        first_row: dict[str, int] = {}
        sheet = ws.title

        def at(row: int, key: str, zh: str, en: str, sheet: str = sheet, head: dict[str, int] = head) -> None:
            cell = f"{column_letter(head[key] + 1)}{row}"
            problems.append(f"{file}: {sheet}!{cell}: {LABELS[key]}: {zh} / {en}")

        rows = ws.iter_rows(min_row=header_row + 1, max_row=header_row + MAX_ROWS + 1, max_col=MAX_COLS, values_only=True)
        for r, values in enumerate(rows, header_row + 1):
            if r > header_row + MAX_ROWS:
                problems.append(f"{file}: {sheet}: 行数超过 {MAX_ROWS}，不是名册 / more than {MAX_ROWS} rows")
                break
            cells = list(values)
            fields = {k: (cells[i] if i < len(cells) else None) for k, i in head.items()}
            if all(_norm(v) == "" for v in fields.values()):
                continue  # an empty row
            bad = False
            for key, value in fields.items():
                if isinstance(value, str) and value.startswith("="):
                    at(r, key, "单元格含有公式，请“选择性粘贴为数值”", "a formula: paste as values")
                    bad = True
                elif len(_norm(value)) > MAX_TEXT:
                    at(r, key, f"内容过长（超过 {MAX_TEXT} 字）", f"longer than {MAX_TEXT} characters")
                    bad = True
            name, code = _norm(fields["name"]), _norm(fields["code"]).replace(" ", "")
            if not bad and not name:
                at(r, "name", "缺少学校名称", "the school name is missing")
                bad = True
            if not bad and not code:
                at(r, "code", "缺少学校代码", "the school code is missing")
                bad = True
            if not bad and code in first_row:
                at(
                    r,
                    "code",
                    f"学校代码 {code} 与第 {first_row[code]} 行重复；代码须唯一",
                    f"code {code} repeats row {first_row[code]}; codes must be unique",
                )
                bad = True
            if bad:
                continue
            first_row[code] = r
            entries.append(RosterEntry(code, name, _norm(fields.get("district")), _norm(fields.get("category"))))
        if problems:
            raise RosterError(file, problems)
        if not entries:
            raise RosterError(file, [f"{file}: {sheet}: 表头下没有学校 / no school under the header row {header_row}"])
        return entries
    raise RosterError(
        file,
        [
            f"{file}: 没有找到表头行（须含“学校名称”和“学校代码”两列，在前 {HEADER_SCAN} 行内） / no header row with "
            "学校名称 and 学校代码 in the first rows"
        ],
    )
