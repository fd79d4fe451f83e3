"""How the workbooks print: A4 landscape, fit to the page's width at no less than MIN_SCALE, the header rows on
every page, a title in the page header and "第 N 页 共 M 页" in the footer, thin borders, and row heights that
hold wrapped text (Excel and LibreOffice do not grow a row for wrapped text written by a program).

A sheet whose columns are wider than a landscape page can hold at MIN_SCALE is a mistake of the sheet's design
(split it instead): `check_fits` says so, and the tests call it on every sheet.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

# A4 landscape, narrow margins (0.25 in left and right): 297 mm less 12.7 mm = 284 mm = 805 pt of printable width.
# A column width unit is the default font's digit (Calibri 11: 7 px at 96 dpi = 5.25 pt), so 100 % holds ~153 units.
PRINTABLE_UNITS = 153.0
MIN_SCALE = 0.72  # 11 pt printed at no less than ~8 pt
MAX_UNITS = PRINTABLE_UNITS / MIN_SCALE
LINE_PT = 14.5  # one line of 11 pt text
MAX_ROW_PT = 409.0  # Excel's largest row height
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
DATETIME_FORMAT = 'yyyy"年"m"月"d"日" hh:mm'
PAGE_FOOTER = "第 &P 页 共 &N 页"


def text_units(text: str) -> int:
    """Width of `text` in column units: a CJK or full-width character takes two, others one."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def lines(value: Any, width: float) -> int:
    """How many lines `value` takes wrapped in a column `width` units wide (numbers and dates never wrap)."""
    if not isinstance(value, str):
        return 1
    text = value
    room = max(1.0, width - 1.5)  # the cell's padding
    return sum(max(1, math.ceil(text_units(part) / room)) for part in text.split("\n"))


def row_height(values: list[Any], widths: list[float]) -> float | None:
    """The height (pt) a row of wrapped cells needs, or None when one line does (the default height)."""
    most = max((lines(v, w) for v, w in zip(values, widths, strict=False)), default=1)
    if most <= 1:
        return None
    return min(MAX_ROW_PT, most * LINE_PT + 3)


def check_fits(widths: list[float]) -> None:
    """Refuse (a programming error, not a user's) a sheet too wide for a landscape page at MIN_SCALE."""
    total = sum(widths)
    if total > MAX_UNITS:
        raise AssertionError(f"columns {total:.0f} units wide: more than a landscape page holds at {MIN_SCALE:.0%}")


def setup_page(ws: Any, title: str, *, title_rows: str) -> None:
    """Landscape A4, fit to width (any number of pages down), narrow margins, `title_rows` (e.g. "3:3") repeated,
    the title in the page header and the page number in the footer. Works on normal and write-only sheets."""
    from openpyxl.worksheet.page import PageMargins

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.25, right=0.25, top=0.6, bottom=0.6, header=0.25, footer=0.25)
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = title_rows
    header = ws.HeaderFooter
    header.oddHeader.center.text = _header_text(title)
    header.oddHeader.center.size = 10
    header.oddFooter.center.text = PAGE_FOOTER
    header.oddFooter.center.size = 9


def _header_text(title: str) -> str:
    """`&` starts a code in a header: written as `&&`; kept short (Excel allows 255 characters in all)."""
    return title.replace("&", "&&")[:120]


def thin_border() -> Any:
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="808080")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


def title_row(ws: Any, row: int, title: str, columns: int) -> None:
    """A sheet's title: large and bold, centred across its `columns`, on a row of its own."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws.cell(row, 1, title).font = Font(size=16, bold=True)
    ws.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    ws.merge_cells(f"A{row}:{get_column_letter(columns)}{row}")
    ws.row_dimensions[row].height = 30


def header_row(ws: Any, row: int, columns: list[tuple[str, float]]) -> None:
    """The columns' widths, and their names in one bold, bordered, centred row."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    border, centre = thin_border(), Alignment(wrap_text=True, vertical="center", horizontal="center")
    for n, (name, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(n)].width = width
        cell = ws.cell(row, n, name)
        cell.border, cell.alignment, cell.font = border, centre, Font(bold=True)


def reads_back(sheet: str) -> Callable[[Path], None]:
    """A check for `write_atomic`: the temporary file opens as a workbook holding `sheet` before it takes its name."""

    def check(path: Path) -> None:
        from openpyxl import load_workbook

        from selfcheck.errors import RuleError

        with path.open("rb") as fh:  # a file object: openpyxl refuses the temporary file's .tmp name
            wb = load_workbook(fh, read_only=True)
            try:
                if sheet not in wb.sheetnames:
                    raise RuleError(
                        f"写入的工作簿无法读回（缺少“{sheet}”）", f"the written workbook does not read back ({sheet})"
                    )
            finally:
                wb.close()

    return check
