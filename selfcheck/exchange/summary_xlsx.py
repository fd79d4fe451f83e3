"""The bureau's summary workbook of an intake: 汇总, one sheet per checklist, 未采用的文件, 历史.

Sheets: **汇总** one row per current report (school, checklist and period: the score with its 加分, 扣分, veto and
why the grade is what it is); **签名与文件** the same reports' signer, certificate fingerprint, verdict, time and
file; **one sheet per checklist** (id and
version) with one row per item and period: schools that answered it, 不适用, non-compliant schools, the rate (a
percentage cell) and which schools; **未采用的文件** every rejected file with the reason, its path relative to the
folder given; **历史** the reports that were superseded or were copies, beside the current one they lost to.

Every sheet has a title row, a line saying what it holds, a frozen header row, set column widths, wrapped text in
bordered rows as tall as their text and an autofilter, and prints landscape to the page's width with the header
row on every page (`exchange/xlsx_print.py`).
Sheet names are valid in Excel (at most 31 characters, none of ``[]:*?/\\``, no leading or trailing apostrophe,
not "History", which Excel reserves) and unique ignoring case. Text from the reports is written as text: a school
name starting with "=" stays a name, never a formula; characters XML cannot hold are dropped and overlong text is
cut to Excel's 32,767 characters. The file is written whole or not at all (temporary file, fsync, rename).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selfcheck.core import clock
from selfcheck.core.dates import chinese_date
from selfcheck.errors import ConflictError, NotFoundError, RuleError
from selfcheck.exchange.collect import Intake, Report, checklists
from selfcheck.exchange.xlsx_print import DATETIME_FORMAT, LINE_PT, check_fits, row_height, setup_page, thin_border

SUMMARY = "汇总"
SIGNED = "签名与文件"
BODY_STYLE = "表格正文"  # wrapped, top-aligned, thin borders: every data cell
REJECTED = "未采用的文件"
HISTORY = "历史"
MAX_SHEET_NAME = 31
MAX_CELL = 32_767
_SHEET_FORBIDDEN = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "[]:*?/\\"})  # their full-width twins
_RESERVED = {"history"}
_INFO_TYPES = {"number", "text", "date"}  # with no points, a fact to record, not a rule to comply with
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what openpyxl refuses (XML 1.0)


def sheet_name(text: str, taken: set[str], *, suffix: str = "") -> str:
    """A valid Excel sheet name from `text` (+ `suffix`, kept whole), unique ignoring case among `taken`; added
    to `taken`."""
    base = _ILLEGAL.sub("", text).translate(_SHEET_FORBIDDEN).strip().strip("'").strip()
    suffix = _ILLEGAL.sub("", suffix).translate(_SHEET_FORBIDDEN)
    for n in range(1, 10_000):
        tag = "" if n == 1 else f" ({n})"
        room = MAX_SHEET_NAME - _units(suffix + tag)
        head = base
        while _units(head) > room:
            head = head[:-1]
        name = (head.rstrip() + suffix + tag).strip().strip("'").strip() or f"Sheet{tag}"
        if _units(name) <= MAX_SHEET_NAME and name.lower() not in {t.lower() for t in taken} | _RESERVED:
            taken.add(name)
            return name
    raise AssertionError("unreachable: 10,000 numbered names")  # pragma: no cover


def _units(text: str) -> int:
    """Length as Excel counts it (UTF-16 code units: an emoji is two)."""
    return len(text.encode("utf-16-le")) // 2


@dataclass
class _ItemRow:
    section: str
    number: str
    text: str
    type: str
    points: float
    answered: int = 0
    not_applicable: int = 0
    noncompliant: list[str] = field(default_factory=list)


def item_rows(reports: list[Report]) -> list[tuple[str, _ItemRow]]:
    """(period, row) for every item of one checklist's current reports, periods in order, items in checklist
    order; each report counts once per item."""
    out: list[tuple[str, _ItemRow]] = []
    for period in sorted({r.period for r in reports}):
        rows: dict[str, _ItemRow] = {}
        for report in sorted((r for r in reports if r.period == period), key=lambda r: r.code):
            for item in report.items:
                row = rows.setdefault(item.id, _ItemRow(item.section, item.number, item.text, item.type, item.points))
                if item.answered:
                    row.answered += 1
                    if not item.applicable:
                        row.not_applicable += 1
                if item.noncompliant:
                    row.noncompliant.append(report.school)
        out.extend((period, row) for row in rows.values())
    return out


def build(intake: Intake, *, now: dt.datetime | None = None, extra: Callable[[Any, set[str]], None] | None = None) -> bytes:
    """The workbook as .xlsx bytes, written row by row (openpyxl's write-only mode: no sheet is held whole)."""
    from openpyxl import Workbook

    now = now or clock.now()
    wb = Workbook(write_only=True)
    taken: set[str] = set()
    _summary_sheet(wb.create_sheet(sheet_name(SUMMARY, taken)), intake, now)
    _signed_sheet(wb.create_sheet(sheet_name(SIGNED, taken)), intake)
    for (checklist_id, version), reports in checklists(intake.current).items():
        title = reports[0].checklist_title
        ws = wb.create_sheet(sheet_name(title or checklist_id, taken, suffix=f" {version}"))
        _checklist_sheet(ws, checklist_id, version, title, reports)
    _rejected_sheet(wb.create_sheet(sheet_name(REJECTED, taken)), intake)
    _history_sheet(wb.create_sheet(sheet_name(HISTORY, taken)), intake)
    if extra is not None:  # more sheets (the bureau's desk: exchange/desk_xlsx.py), given the workbook and names taken
        extra(wb, taken)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_summary(
    intake: Intake, out: str | Path, *, overwrite: bool = False, extra: Callable[[Any, set[str]], None] | None = None
) -> Path:
    """Write the workbook to `out` (an .xlsx path) atomically; an existing file only with `overwrite`."""
    from selfcheck.reports.export import write_atomic

    path = check_target(out, overwrite=overwrite)
    return write_atomic(path, build(intake, extra=extra), overwrite=overwrite)


def check_target(out: str | Path, *, overwrite: bool = False) -> Path:
    """Refuse a summary path that cannot be written, BEFORE minutes of verification: not .xlsx, no such folder,
    an existing file without `overwrite`."""
    return check_output(out, ".xlsx", overwrite=overwrite, named=("汇总表的文件名", "the summary's file name"))


def check_output(
    out: str | Path, suffix: str, *, overwrite: bool = False, named: tuple[str, str] = ("文件名", "the file name")
) -> Path:
    """Refuse an output path that cannot be written before any work: wrong suffix, no folder, a file there."""
    path = Path(out)
    if path.suffix.lower() != suffix:
        raise RuleError(f"{path}：{named[0]}应以 {suffix} 结尾", f"{path}: {named[1]} must end in {suffix}")
    if not path.parent.is_dir():
        raise NotFoundError(f"文件夹 {path.parent} 不存在；请先创建", f"the folder {path.parent} does not exist; create it first")
    if path.exists() and not overwrite:
        raise ConflictError(
            f"文件 {path} 已存在，不会覆盖；换一个文件名，或加 --overwrite",
            f"the file {path} exists and is not overwritten; choose another name or add --overwrite",
        )
    return path


# ---- sheets -------------------------------------------------------------------------------------------------

_SUMMARY_COLUMNS = [
    ("学校", 20),
    ("学校代码", 12),
    ("检查表", 20),
    ("版本", 6),
    ("期次", 14),
    ("得分", 7),
    ("满分", 7),
    ("加分", 6),
    ("扣分", 6),
    ("得分率", 8),
    ("一票否决", 18),
    ("等次", 7),
    ("等次依据", 30),
    ("未销号问题", 8),
    ("已销号问题", 8),
]

_SIGNED_COLUMNS = [
    ("学校", 20),
    ("学校代码", 12),
    ("检查表", 20),
    ("期次", 14),
    ("签名人", 14),
    ("证书指纹（SHA-256）", 34),
    ("验证结果", 30),
    ("生成时间", 19),
    ("文件", 34),
]


def grade_reason(r: Report) -> str:
    """Why the grade is what it is, in words a clerk can check against the checklist's rules."""
    if r.grade is None:
        return "检查表未规定等次"
    rate = "无得分率（没有适用的计分项）" if r.percent is None else f"得分率 {r.percent:.2f}%"
    if r.vetoed:
        items = "、".join(r.veto_items) or "一票否决项"
        return f"{items} 触发一票否决：不论得分（{rate}），等次最高为“{r.grade}”"
    return f"按{rate}评定为“{r.grade}”"


def _summary_sheet(ws: Any, intake: Intake, now: dt.datetime) -> None:
    trust = (
        f"信任证书 {intake.trusted_certificates} 个（{intake.trust_dir}）：只采用受信任学校签名的报告"
        if intake.trust_dir
        else "警告：未指定信任证书，签名者身份未核对（任何人都能以学校名义自制证书签名）：只检查了完整性，"
        "请逐一核对各校证书指纹；不同证书签名的同一学校报告均未采用"
    )
    note = (
        f"汇总时间 {chinese_date(now.date())} {now:%H:%M}；来源 {'、'.join(intake.roots)}；{trust}。"
        f"共检查 {intake.files} 个文件：现行报告 {len(intake.current)} 份（{intake.schools} 所学校），"
        f"未采用 {len(intake.rejected)} 个（见“{REJECTED}”），历史 {len(intake.history)} 条（见“{HISTORY}”）；"
        f"各报告的签名人、证书指纹和文件见“{SIGNED}”。未采用的文件不计入任何数字。"
        + (f"有 {intake.conflicts} 组报告因证书不同无法判断，均未采用（见“{HISTORY}”）。" if intake.conflicts else "")
    )
    sheet = PrintedSheet(ws, "学校自查报告汇总", note, _SUMMARY_COLUMNS)
    for r in intake.current:
        values: list[Any] = [
            r.school,
            r.code,
            r.checklist_title,
            r.checklist_version,
            r.period,
            r.points,
            r.max,
            r.bonus,
            r.deduction,
            None if r.percent is None else r.percent / 100,
            "、".join(r.veto_items) if r.vetoed else "否",
            r.grade or "",
            grade_reason(r),
            r.problems_open,
            r.problems_closed,
        ]
        sheet.row(values, formats={10: "0.00%"})
    sheet.finish()


def _signed_sheet(ws: Any, intake: Intake) -> None:
    note = "每份现行报告的签名人、证书指纹（请与学校交来的证书核对）、验证结果、报告生成时间和文件位置。"
    sheet = PrintedSheet(ws, "签名与文件", note, _SIGNED_COLUMNS)
    for r in intake.current:
        values: list[Any] = [
            r.school,
            r.code,
            r.checklist_title,
            r.period,
            r.signer or "",
            r.fingerprint or "",
            r.verified_zh,
            _when(r.generated_at),
            r.path,
        ]
        sheet.row(values, formats={8: DATETIME_FORMAT})
    sheet.finish()


_ITEM_COLUMNS = [
    ("期次", 16),
    ("部分", 18),
    ("序号", 7),
    ("检查项目", 40),
    ("已答学校数", 8),
    ("其中不适用", 8),
    ("不符合学校数", 8),
    ("不符合率", 8),
    ("不符合的学校", 40),
]


def _checklist_sheet(ws: Any, checklist_id: str, version: str, title: str, reports: list[Report]) -> None:
    periods = sorted({r.period for r in reports})
    note = (
        f"检查表 {checklist_id} 版本 {version}；现行报告 {len(reports)} 份（期次：{'、'.join(periods)}）。"
        "不符合：已答且适用，并且被一票否决、失分（含部分落实、扣分）或因此提出了问题。"
        "不符合率 = 不符合学校数 ÷（已答学校数 − 不适用）。无分值的填报项（数字、日期、文字）不计不符合率。"
    )
    sheet = PrintedSheet(ws, f"{title}：各检查项不符合率", note, _ITEM_COLUMNS)
    for period, item in item_rows(reports):
        base = item.answered - item.not_applicable
        info = item.type in _INFO_TYPES and item.points == 0 and not item.noncompliant
        rate = None if info or base == 0 else len(item.noncompliant) / base
        who = "（填报项，不计）" if info else "、".join(item.noncompliant)
        values: list[Any] = [
            period,
            item.section,
            item.number,
            item.text,
            item.answered,
            item.not_applicable,
            None if info else len(item.noncompliant),
            rate,
            who,
        ]
        sheet.row(values, formats={8: "0.0%"})
    sheet.finish()


def _rejected_sheet(ws: Any, intake: Intake) -> None:
    note = f"共 {len(intake.rejected)} 个文件未采用，均不计入汇总。路径相对于所选文件夹。"
    columns = [("文件", 44), ("原因", 56), ("Reason", 56), ("代码", 18)]
    sheet = PrintedSheet(ws, "未采用的文件", note, columns)
    for r in intake.rejected:
        sheet.row([r.path, r.reason_zh, r.reason_en, r.code])
    sheet.finish()


def _history_sheet(ws: Any, intake: Intake) -> None:
    note = (
        "同一学校、检查表和期次有多份报告时，采用报告数据中生成时间最新的一份（时间相同按文件路径）；"
        "其余列为“已被取代”。与已采用文件完全相同的副本只检查一次，列为“副本”。"
    )
    columns = [
        ("学校", 20),
        ("学校代码", 12),
        ("检查表", 20),
        ("版本", 6),
        ("期次", 14),
        ("生成时间", 19),
        ("得分", 7),
        ("等次", 7),
        ("情况", 30),
        ("文件", 28),
        ("证书指纹（SHA-256）", 24),
    ]
    sheet = PrintedSheet(ws, "历史：被取代的报告和副本", note, columns)
    for h in intake.history:
        r = h.report
        state = {
            "current": "现行（采用）",
            "superseded": f"已被取代，现行为 {h.by}",
            "copy": f"副本，与 {h.by} 完全相同",
            "conflict": "未采用：同一学校有不同证书签名的报告，未指定受信任证书，无法判断哪份是学校的（请用 --trust 重新汇总）",
        }[h.state]
        values: list[Any] = [
            r.school,
            r.code,
            r.checklist_title,
            r.checklist_version,
            r.period,
            _when(r.generated_at),
            r.points,
            r.grade or "",
            state,
            r.path,
            r.fingerprint or "",
        ]
        sheet.row(values, formats={6: DATETIME_FORMAT})
    sheet.finish()


# ---- cells --------------------------------------------------------------------------------------------------


def _when(at: dt.datetime) -> dt.datetime:
    """A date cell (Excel has no time zones): the time as the report wrote it, in its own zone."""
    return at.replace(tzinfo=None)


class PrintedSheet:
    """A write-only sheet as it prints: title, note, a bordered header row repeated on every page, bordered
    wrapped rows as tall as their text, an autofilter over the table, landscape fit to width."""

    def __init__(self, ws: Any, title: str, note: str, columns: Sequence[tuple[str, float]]) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter

        self.ws = ws
        self.widths = [width for _name, width in columns]
        check_fits(self.widths)
        self.last = get_column_letter(len(columns))
        self.border = thin_border()
        workbook = ws.parent
        if BODY_STYLE not in workbook.named_styles:  # one named style: 20,000 rows style in a third of the time
            from openpyxl.styles import NamedStyle

            body = NamedStyle(BODY_STYLE)
            body.alignment = Alignment(wrap_text=True, vertical="top")
            body.border = self.border
            workbook.add_named_style(body)
        for col, width in enumerate(self.widths, start=1):  # before the first row: they are written at the top
            ws.column_dimensions[get_column_letter(col)].width = width
        ws.freeze_panes = "A4"
        setup_page(ws, title, title_rows="3:3")
        ws.merged_cells.add(f"A1:{self.last}1")
        ws.merged_cells.add(f"A2:{self.last}2")
        ws.row_dimensions[1].height = 22
        ws.row_dimensions[2].height = row_height([note], [sum(self.widths)]) or LINE_PT + 3
        heading = _cell(ws, title)
        heading.font = Font(bold=True, size=14)
        ws.append([heading])
        line = _cell(ws, note)
        line.alignment = Alignment(wrap_text=True, vertical="top")
        ws.append([line])
        header = []
        for name, _width in columns:
            cell = _cell(ws, name)
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
            cell.border = self.border
            header.append(cell)
        ws.row_dimensions[3].height = row_height([n for n, _w in columns], self.widths)
        ws.append(header)
        self.rows = 3

    def row(self, values: list[Any], *, formats: dict[int, str] | None = None) -> None:
        """One row appended: text as text, every cell wrapped and bordered, the row as tall as its text."""
        cells = []
        for col, value in enumerate(values, start=1):
            cell = _cell(self.ws, value)
            cell.style = BODY_STYLE
            if formats and col in formats:
                cell.number_format = formats[col]
            cells.append(cell)
        self.rows += 1
        height = row_height(values, self.widths)
        if height:
            self.ws.row_dimensions[self.rows].height = height
        self.ws.append(cells)

    def finish(self) -> None:
        """The filter over the header and the rows (just the header when there are none)."""
        self.ws.auto_filter.ref = f"A3:{self.last}{max(self.rows, 3)}"


def _cell(ws: Any, value: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws)
    if isinstance(value, str):
        _text(cell, value)
    else:
        cell.value = value
    return cell


def _text(cell: Any, value: str) -> None:
    cell.value = cap(_ILLEGAL.sub("", value))
    cell.data_type = "s"  # never a formula, whatever the text starts with


def cap(text: str, limit: int = MAX_CELL) -> str:
    """`text` cut to at most `limit` characters as Excel counts them (UTF-16 units), saying it was cut."""
    if len(text) <= limit // 2 or _units(text) <= limit:
        return text
    mark = "…（已截断 / cut）"
    room = limit - _units(mark)
    head = text[:room]
    while _units(head) > room:
        head = head[:-1]
    return head + mark
