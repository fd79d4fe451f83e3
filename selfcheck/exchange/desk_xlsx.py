"""The bureau desk's workbooks: the list of schools that have not submitted (to print or send), and the sheets the
desk adds to the county summary workbook (名册报送情况: each roster school per round, submitted or not, its score
and rank; 督查复核: each review filed beside the school's own score).

Written as `summary_xlsx` writes (openpyxl write-only, text cells never formulas, whole file or nothing).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from typing import Any

from selfcheck.core.desk import RoundStatus
from selfcheck.exchange.summary_xlsx import cap, sheet_name
from selfcheck.exchange.summary_xlsx import check_output as check_output  # the desk's CLI asks here

ROSTER_SHEET = "名册报送情况"
REVIEWS_SHEET = "督查复核"
MISSING_SHEET = "未提交学校"
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _cell(ws: Any, value: Any, *, bold: bool = False) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    cell = WriteOnlyCell(ws)
    if isinstance(value, str):
        cell.value = cap(_ILLEGAL.sub("", value))
        cell.data_type = "s"  # never a formula
    else:
        cell.value = value
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if bold:
        cell.font = Font(bold=True)
    return cell


def _head(ws: Any, title: str, note: str, columns: list[tuple[str, int]]) -> None:
    from openpyxl.utils import get_column_letter

    for col, (_name, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A4"
    ws.print_title_rows = "3:3"
    ws.append([_cell(ws, title, bold=True)])
    ws.append([_cell(ws, note)])
    ws.append([_cell(ws, name, bold=True) for name, _ in columns])


def _row(ws: Any, values: list[Any]) -> None:
    ws.append([_cell(ws, v) for v in values])


def roster_sheets(statuses: Iterable[RoundStatus]) -> Any:
    """The `extra` for `summary_xlsx.build`: the roster's status and the reviews of each round the intake touched."""
    rounds = list(statuses)

    def add(wb: Any, taken: set[str]) -> None:
        ws = wb.create_sheet(sheet_name(ROSTER_SHEET, taken))
        _head(
            ws,
            ROSTER_SHEET,
            "名册内每所学校在本次汇总涉及的每个期次和检查表中是否已提交经签名验证的报告（教育局台账中的现行报告）",
            [
                ("期次", 16),
                ("检查表", 24),
                ("学区", 14),
                ("学校", 24),
                ("学校代码", 14),
                ("类别", 10),
                ("报送情况", 10),
                ("得分率", 9),
                ("等次", 9),
                ("名次", 6),
                ("逾期问题", 8),
            ],
        )
        for st in rounds:
            ranked = {r.filed.code: r for r in st.ranking}
            for r in st.ranking:
                f = r.filed
                _row(
                    ws,
                    [
                        st.period,
                        st.checklist_title,
                        f.district,
                        f.school,
                        f.code,
                        f.category,
                        "已提交" if f.on_roster else "已提交（名册外）",
                        f.percent,
                        f.grade,
                        r.rank,
                        r.overdue,
                    ],
                )
            for m in st.missing:
                if m.code not in ranked:
                    _row(
                        ws,
                        [st.period, st.checklist_title, m.district, m.name, m.code, m.category, "未提交", None, None, None, None],
                    )
        ws = wb.create_sheet(sheet_name(REVIEWS_SHEET, taken))
        _head(
            ws,
            REVIEWS_SHEET,
            "教育局台账中已归档的督查复核：每条复核的层级、督查人、督评得分率，与学校自评得分率之差（正数：自评高于督评）",
            [
                ("期次", 16),
                ("检查表", 24),
                ("学校", 24),
                ("学校代码", 14),
                ("层级", 10),
                ("督查单位", 20),
                ("督查人", 12),
                ("自评得分率", 10),
                ("督评得分率", 10),
                ("差距", 8),
                ("复核的是现行报告", 10),
            ],
        )
        for st in rounds:
            own = {r.filed.code: r.filed for r in st.ranking}
            for rv in st.reviews:
                mine = own.get(rv.code)
                self_pct = mine.percent if mine else None
                gap = None if self_pct is None or rv.percent is None else round(self_pct - rv.percent, 1)
                _row(
                    ws,
                    [
                        st.period,
                        st.checklist_title,
                        mine.school if mine else "",
                        rv.code,
                        rv.level,
                        rv.unit,
                        rv.reviewer,
                        self_pct,
                        rv.percent,
                        gap,
                        "是" if rv.matches_current else "否（复核的是旧报告）",
                    ],
                )

    return add


def missing_workbook(status: RoundStatus) -> bytes:
    """The schools on the roster with no verified report for the round, by 学区: a list to print or send."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(MISSING_SHEET)
    _head(
        ws,
        f"{status.period}{status.checklist_title}未提交自查报告的学校",
        f"截至 {status.today.isoformat()}：名册内 {status.roster_size} 所，已提交 "
        f"{sum(1 for r in status.ranking if r.filed.on_roster)} 所，未提交 {len(status.missing)} 所",
        [("序号", 6), ("学区", 16), ("学校", 28), ("学校代码", 16), ("类别", 10)],
    )
    for n, m in enumerate(status.missing, 1):
        _row(ws, [n, m.district, m.name, m.code, m.category])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
