"""The bureau desk's workbooks: the list of schools that have not submitted (to print or send), and the sheets the
desk adds to the county summary workbook (名册报送情况: each roster school per round, submitted or not, its score
and rank; 督查复核: each review filed beside the school's own score).

Written as `summary_xlsx` writes, and printing as its sheets print (`PrintedSheet`: openpyxl write-only, text cells
never formulas, bordered rows as tall as their text, landscape fit to width, header row and page numbers on every
page; whole file or nothing).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from selfcheck.core.dates import chinese_date
from selfcheck.core.desk import RoundStatus
from selfcheck.exchange.summary_xlsx import PrintedSheet, sheet_name
from selfcheck.exchange.summary_xlsx import check_output as check_output  # the desk's CLI asks here

ROSTER_SHEET = "名册报送情况"
REVIEWS_SHEET = "督查复核"
MISSING_SHEET = "未提交学校"


def roster_sheets(statuses: Iterable[RoundStatus]) -> Any:
    """The `extra` for `summary_xlsx.build`: the roster's status and the reviews of each round the intake touched."""
    rounds = list(statuses)

    def add(wb: Any, taken: set[str]) -> None:
        sheet = PrintedSheet(
            wb.create_sheet(sheet_name(ROSTER_SHEET, taken)),
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
                sheet.row(
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
                    sheet.row(
                        [st.period, st.checklist_title, m.district, m.name, m.code, m.category, "未提交", None, None, None, None],
                    )
        sheet.finish()
        sheet = PrintedSheet(
            wb.create_sheet(sheet_name(REVIEWS_SHEET, taken)),
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
                sheet.row(
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
        sheet.finish()

    return add


def missing_workbook(status: RoundStatus) -> bytes:
    """The schools on the roster with no verified report for the round, by 学区: a list to print or send."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    sheet = PrintedSheet(
        wb.create_sheet(MISSING_SHEET),
        f"{status.period}{status.checklist_title}未提交自查报告的学校",
        f"截至{chinese_date(status.today)}：名册内 {status.roster_size} 所，已提交 "
        f"{sum(1 for r in status.ranking if r.filed.on_roster)} 所，未提交 {len(status.missing)} 所",
        [("序号", 6), ("学区", 16), ("学校", 28), ("学校代码", 16), ("类别", 10)],
    )
    for n, m in enumerate(status.missing, 1):
        sheet.row([n, m.district, m.name, m.code, m.category])
    sheet.finish()
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
