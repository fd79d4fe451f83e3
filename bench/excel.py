"""Excel checklist import: a 500-row county form with merged categories, vs bare openpyxl read-only iteration."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

ROWS = 500
PER_CATEGORY = 10


def make_workbook(path: Path, rows: int = ROWS) -> Path:
    """A realistic form: title and issuer rows, a header, categories merged down over 10 rows each, a 合计 row."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "检查表"
    ws.append(["城关县中小学校作风建设专项检查自查表"])
    ws.merge_cells("A1:I1")
    ws.append(["发布单位：城关县教育局　编号：big-xlsx　版本：1.0　生效日期：2026-09-01"])
    ws.merge_cells("A2:I2")
    ws.append(["序号", "检查项目", "检查内容", "检查方法", "分值", "评分标准", "佐证材料", "自评得分", "备注"])
    first = 4
    for n in range(1, rows + 1):
        category = f"第{(n - 1) // PER_CATEGORY + 1}类 作风建设" if (n - 1) % PER_CATEGORY == 0 else None
        ws.append(
            [
                n,
                category,
                f"第{n}项：落实首问负责制，来访来电有登记、有答复、有回访，群众满意",
                "查看资料",
                1.5 if n % 2 else 0.5,
                "制度健全、记录齐全的得满分；记录不全的得一半分；未落实的不得分",
                "来访登记簿、答复记录、回访记录",
                None,
                None,
            ]
        )
        if n % PER_CATEGORY == 0:
            ws.merge_cells(start_row=first + n - PER_CATEGORY, start_column=2, end_row=first + n - 1, end_column=2)
    ws.append(["合计", None, None, None, rows // 2 * 2.0])
    wb.save(path)
    return path


def _timed(fn: Any, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def bench_excel(results: dict[str, dict[str, Any]], work: Path) -> None:
    """read_workbook on the 500-row form (zip checks, cells, merges, validation) vs openpyxl read-only iteration."""
    from openpyxl import load_workbook

    from selfcheck.exchange.excel import read_workbook

    path = make_workbook(work / "big.xlsx")
    template = read_workbook(path)
    assert len(template.items()) == ROWS and len(template.sections) == ROWS // PER_CATEGORY

    def floor() -> None:
        wb = load_workbook(path, read_only=True)
        for row in wb["检查表"].iter_rows():
            for cell in row:
                _ = cell.value
        wb.close()

    ours = _timed(lambda: read_workbook(path), 7)
    bare = _timed(floor, 7)
    results["excel_import_500"] = {
        "value": round(ours * 1e3, 6),
        "unit": "ms",
        "floor": round(bare * 1e3, 6),
        "ratio": round(ours / bare, 3),
    }
