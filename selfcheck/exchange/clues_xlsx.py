"""The clue register (问题线索台账) as an Excel workbook for a bureau or the principal's file, laid out as such registers
are kept on paper: 序号, 受理日期, 来源渠道, 反映人, 反映内容摘要, 涉及人员, 核查情况, 处理情况（问责）, 答复情况, 办结情况, for
the clues received in a period, with the period's tally in the seed's words and lines to sign. The person's contact is
masked unless the principal chooses to include it (the sheet then says it is confidential). Prints as the ledger
workbook does (`exchange/xlsx_print.py`)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selfcheck.core import clock
from selfcheck.core.clues import Clue, Stage, tally
from selfcheck.core.dates import chinese_date
from selfcheck.core.ledger import Status
from selfcheck.errors import RuleError
from selfcheck.exchange.xlsx_print import (
    DATE_FORMAT,
    check_fits,
    header_row,
    reads_back,
    row_height,
    setup_page,
    thin_border,
    title_row,
)

if TYPE_CHECKING:
    from selfcheck.storage import Store

SHEET = "问题线索台账"
TITLE = "问题线索台账"
COLUMNS: list[tuple[str, float]] = [
    ("序号", 5),
    ("受理日期", 14),
    ("来源渠道", 12),
    ("反映人", 13),
    ("反映内容摘要", 30),
    ("涉及人员", 9),
    ("核查情况/结论", 22),
    ("处理情况（问责）", 30),
    ("答复情况", 22),
    ("办结情况/日期", 14),
]
CENTRED = {1, 2, 3, 4, 6, 10}  # the short columns; the texts wrap left-aligned
TITLE_ROW, INFO_ROW, HEAD_ROW = 1, 2, 3
FIRST_DATA_ROW = 4
CONFIDENTIAL = "内部资料 注意保密（含反映人联系方式）"


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def label(self) -> str:
        return f"{chinese_date(self.start)}至{chinese_date(self.end)}"


def _dated(text: str | None, day: dt.date | None) -> str:
    if not text:
        return ""
    return f"{text}（{chinese_date(day)}）" if day else text


def row_values(clue: Clue, n: int, *, with_contacts: bool, statuses: Mapping[int, Status]) -> list[Any]:
    """One clue's row: what a register carries, never the contact in full unless `with_contacts`."""
    checked = ""
    if clue.finding:
        checked = clue.finding + (f"\n核查人：{clue.checked_by}" if clue.checked_by else "")
        checked += f"\n{chinese_date(clue.checked_on)}" if clue.checked_on else ""
    handled = _dated(clue.handling, clue.handled_on)
    if clue.accountability:
        handled += f"\n问责：{clue.accountability}"
    if clue.problem_ids:
        marks = "、".join(f"#{p}（{statuses[p].label}）" if p in statuses else f"#{p}" for p in clue.problem_ids)
        handled += f"\n整改问题：{marks}"
    if clue.stage == Stage.CONCLUDED and clue.concluded_on:
        concluded = f"已办结\n{chinese_date(clue.concluded_on)}"
    else:
        concluded = f"办理中\n（{clue.stage.value}）"
    contact = (clue.contact if with_contacts else clue.masked) or "—"
    source = clue.source if clue.channel in clue.source else f"{clue.source}\n（{clue.channel}）"
    return [
        n,
        clue.received_on,
        source,
        contact,
        clue.summary,
        clue.staff or "",
        checked.strip(),
        handled.strip(),
        _dated(clue.answer, clue.answered_on),
        concluded,
    ]


def register_bytes(
    clues: Sequence[Clue],
    period: Period,
    *,
    school: str | None = None,
    with_contacts: bool = False,
    statuses: Mapping[int, Status] | None = None,
    today: dt.date | None = None,
) -> bytes:
    """The register as .xlsx bytes: title, school, period and tally, one header row, a row per clue, lines to sign."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    today = today or clock.today()
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    widths = [w for _name, w in COLUMNS]
    check_fits(widths)
    last = get_column_letter(len(COLUMNS))
    border = thin_border()
    wrap = Alignment(wrap_text=True, vertical="center")
    centre = Alignment(wrap_text=True, vertical="center", horizontal="center")

    title = f"{school}{TITLE}" if school else TITLE
    title_row(ws, TITLE_ROW, title, len(COLUMNS))
    info = f"受理时段：{period.label()}    导出日期：{chinese_date(today)}    {tally(list(clues)).sentence()}"
    if with_contacts:
        info = f"{CONFIDENTIAL}    {info}"
    ws.cell(INFO_ROW, 1, info).alignment = wrap
    ws.merge_cells(f"A{INFO_ROW}:{last}{INFO_ROW}")
    ws.row_dimensions[INFO_ROW].height = row_height([info], [sum(widths)])
    header_row(ws, HEAD_ROW, COLUMNS)

    for k, clue in enumerate(clues, start=1):
        r = FIRST_DATA_ROW + k - 1
        values = row_values(clue, k, with_contacts=with_contacts, statuses=statuses or {})
        ws.row_dimensions[r].height = row_height(values, widths)
        for n, value in enumerate(values, start=1):
            cell = ws.cell(r, n, value)
            cell.border = border
            cell.alignment = centre if n in CENTRED else wrap
            if isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
    end = FIRST_DATA_ROW + max(len(clues), 1) - 1
    if not clues:
        ws.cell(FIRST_DATA_ROW, 1, "（本时段没有受理问题线索）").alignment = centre
        ws.merge_cells(f"A{FIRST_DATA_ROW}:{last}{FIRST_DATA_ROW}")
    signing = end + 2
    ws.cell(signing, 1, "填表人：                    审核人：                    填表日期：      年    月    日")
    ws.merge_cells(f"A{signing}:{last}{signing}")
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    ws.auto_filter.ref = f"A{HEAD_ROW}:{last}{end}"
    setup_page(ws, f"{title}（{CONFIDENTIAL}）" if with_contacts else title, title_rows=f"{HEAD_ROW}:{HEAD_ROW}")
    wb.properties.title = title
    wb.properties.creator = "selfcheck"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def check_period(start: dt.date, end: dt.date) -> Period:
    if start > end:
        raise RuleError(
            f"起始日期 {start.isoformat()} 晚于截止日期 {end.isoformat()}",
            f"the start {start.isoformat()} is after the end {end.isoformat()}",
        )
    return Period(start, end)


def write_register(
    store: Store,
    out: str | Path,
    start: dt.date,
    end: dt.date,
    *,
    with_contacts: bool = False,
    overwrite: bool = False,
    today: dt.date | None = None,
) -> Path:
    """Write the register of the clues received in [start, end] to `out` (a folder: a name is made and a free one
    chosen; or a file name ending in .xlsx), whole or not at all; return the path written."""
    from selfcheck.reports import export as files

    period = check_period(start, end)
    wanted = Path(out)
    if wanted.suffix.lower() not in ("", ".xlsx") and not wanted.is_dir():
        raise RuleError(
            f"{wanted}：线索台账是 Excel 工作簿，文件名应以 .xlsx 结尾（或只写文件夹）",
            f"{wanted}: the clue register is a workbook: its name must end in .xlsx (or give a folder)",
        )
    clues = store.clues(received_from=start, received_to=end)
    statuses = {p: store.problem(p).status for c in clues for p in c.problem_ids}
    info = store.school()
    school = info.name if info else None
    data = register_bytes(clues, period, school=school, with_contacts=with_contacts, statuses=statuses, today=today)
    label = f"{start.isoformat()}至{end.isoformat()}"
    name = f"{TITLE}（含联系方式）" if with_contacts else TITLE  # a copy to keep locked away says so in its name
    target = files.target_path(out, school or "", label, name, overwrite=overwrite, suffix=".xlsx")
    return files.write_atomic(target, data, verify=reads_back(SHEET), overwrite=overwrite)
