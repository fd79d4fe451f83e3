"""The rectification ledger (整改台账) as an Excel workbook, laid out the way bureaus keep it and printing as they
print it: landscape to the page's width, the two header rows on every page, bordered rows as tall as their text,
dates as date cells (shown 2026年12月31日), page numbers in the footer (`exchange/xlsx_print.py`). Each problem's
整改前 / 整改后 files are counted in its row and listed, with size and SHA-256, on a second sheet (佐证文件), so the
bureau can ask for an original and check it."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selfcheck.core import clock
from selfcheck.core.dates import chinese_date
from selfcheck.core.ledger import Status, phase_label
from selfcheck.core.records import Problem
from selfcheck.errors import RuleError
from selfcheck.exchange.xlsx_print import DATE_FORMAT, check_fits, header_row, row_height, setup_page, thin_border, title_row

if TYPE_CHECKING:
    from selfcheck.storage import Store
    from selfcheck.storage.evidence import ProblemEvidence

SHEET = "整改台账"
# (header, width); 销号 spans the three close-out columns in a second header row
COLUMNS: list[tuple[str, float]] = [
    ("序号", 5),
    ("问题编号", 6),
    ("问题描述", 30),
    ("来源（检查表/检查项）", 24),
    ("整改措施", 26),
    ("责任人", 8),
    ("责任部门", 10),
    ("整改期限", 15),
    ("状态", 10),
    ("是否逾期", 6),
    ("验收人", 8),
    ("验收日期", 15),
    ("整改证据", 20),
    ("佐证文件", 10),
    ("提出日期", 15),
]
FILES_SHEET = "佐证文件"
FILES_COLUMNS: list[tuple[str, float]] = [
    ("序号", 5),
    ("台账序号", 8),
    ("问题编号", 8),
    ("问题描述", 30),
    ("阶段", 8),
    ("文件名", 26),
    ("大小（字节）", 12),
    ("文件指纹（SHA-256）", 66),
    ("添加日期", 15),
]
CLOSE_OUT = ("验收人", "验收日期", "整改证据")
TITLE_ROW, INFO_ROW, HEAD_ROW, SUB_ROW = 1, 2, 3, 4
FIRST_DATA_ROW = 5
OVERDUE_FILL = "FFF2C7C7"
CLOSED_FONT = "FF808080"


@dataclass(frozen=True)
class Source:
    """What the source column says about one problem."""

    checklist: str | None = None
    item: str | None = None
    period: str | None = None

    def text(self) -> str:
        parts = [p for p in (self.checklist, self.period) if p]
        head = "（".join(parts) + ("）" if len(parts) == 2 else "")
        if self.item:
            return f"{head}\n{self.item}" if head else self.item
        return head or "手工登记"


def _sources(store: Store, problems: Sequence[Problem]) -> dict[int, Source]:
    """Checklist title, period and item for each problem, from the store (what a bureau reads, not ids alone)."""
    titles: dict[str, str] = {}
    out: dict[int, Source] = {}
    for p in problems:
        checklist = item = period = None
        template = None
        if p.inspection_id is not None:
            try:
                inspection = store.inspection(p.inspection_id)
                template = store.checklist(inspection.template_id, inspection.template_version)
                period = inspection.period
            except Exception:  # a deleted inspection or template still leaves the problem listed
                template = None
        elif p.template_id is not None:
            try:
                template = store.checklist(p.template_id)
            except Exception:
                template = None
        if template is not None:
            checklist = titles.setdefault(template.id, template.title)
            if p.item_id and p.item_id in template.item_index:
                section, found = template.item_index[p.item_id]
                item = f"{section.title} · {found.text}"
        elif p.template_id:
            checklist = p.template_id
        if item is None and p.item_id:
            item = p.item_id
        out[p.id] = Source(checklist, item, period)
    return out


def ledger_bytes(
    problems: Sequence[Problem],
    *,
    school: str | None = None,
    sources: dict[int, Source] | None = None,
    today: dt.date | None = None,
    status: Status | None = None,
    files: Sequence[ProblemEvidence] | None = None,
) -> bytes:
    """The ledger workbook as .xlsx bytes: title, school and date, a two-row header, one row per problem; with
    `files` (the problems' evidence), their count per row and a second sheet listing them."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    today = today or clock.today()
    sources = sources or {}
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    n_cols = len(COLUMNS)
    last = get_column_letter(n_cols)
    widths = [width for _name, width in COLUMNS]
    check_fits(widths)
    border = thin_border()
    wrap = Alignment(wrap_text=True, vertical="center")
    centre = Alignment(wrap_text=True, vertical="center", horizontal="center")
    bold = Font(bold=True)

    title = f"{school}问题整改台账" if school else "问题整改台账"
    title_row(ws, TITLE_ROW, title, n_cols)
    overdue = sum(1 for p in problems if p.overdue(today))
    closed = sum(1 for p in problems if p.status == Status.CLOSED)
    info = f"学校：{school or '（未设置）'}    导出日期：{chinese_date(today)}    "
    info += f"共 {len(problems)} 条，已销号 {closed} 条，逾期 {overdue} 条"
    if status is not None:
        info += f"    （仅列出“{status.label}”）"
    ws.cell(INFO_ROW, 1, info).alignment = Alignment(vertical="center")
    ws.merge_cells(f"A{INFO_ROW}:{last}{INFO_ROW}")

    close_cols = [n for n, (name, _) in enumerate(COLUMNS, start=1) if name in CLOSE_OUT]
    for n, (name, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(n)].width = width
        for row in (HEAD_ROW, SUB_ROW):
            cell = ws.cell(row, n)
            cell.border = border
            cell.alignment = centre
            cell.font = bold
        if n in close_cols:
            ws.cell(SUB_ROW, n, name)
        else:
            ws.cell(HEAD_ROW, n, name)
            ws.merge_cells(start_row=HEAD_ROW, start_column=n, end_row=SUB_ROW, end_column=n)
    ws.cell(HEAD_ROW, close_cols[0], "销号")
    ws.merge_cells(start_row=HEAD_ROW, start_column=close_cols[0], end_row=HEAD_ROW, end_column=close_cols[-1])

    overdue_fill = PatternFill("solid", start_color=OVERDUE_FILL, end_color=OVERDUE_FILL)
    red = Font(color="FFC00000", bold=True)
    grey = Font(color=CLOSED_FONT)
    by_problem: dict[int, list[ProblemEvidence]] = {}
    for f in files or ():
        by_problem.setdefault(f.problem_id, []).append(f)
    for k, p in enumerate(problems, start=1):
        r = FIRST_DATA_ROW + k - 1
        late = p.overdue(today)
        values: list[Any] = [
            k,
            p.id,
            p.description,
            (sources.get(p.id) or Source(p.template_id, p.item_id)).text(),
            p.measure,
            p.owner,
            p.department,
            p.deadline,
            p.status.label,
            "是" if late else "否",
            p.verified_by,
            p.verified_on,
            p.evidence,
            _counted(by_problem.get(p.id, [])),
            p.raised_on,
        ]
        ws.row_dimensions[r].height = row_height(values, widths)
        for n, value in enumerate(values, start=1):
            cell = ws.cell(r, n, value)
            cell.border = border
            cell.alignment = centre if n in (1, 2, 6, 8, 9, 10, 11, 12, 14, 15) else wrap
            if isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
            if late:
                cell.fill = overdue_fill
            elif p.status == Status.CLOSED:
                cell.font = grey
        if late:
            ws.cell(r, 10).font = red
    if not problems:
        ws.cell(FIRST_DATA_ROW, 1, "（没有问题）")
        ws.merge_cells(f"A{FIRST_DATA_ROW}:{last}{FIRST_DATA_ROW}")
    ws.freeze_panes = f"D{FIRST_DATA_ROW}"  # header and the first three columns stay in view
    end = FIRST_DATA_ROW + max(len(problems), 1) - 1
    ws.auto_filter.ref = f"A{SUB_ROW}:{last}{end}"
    setup_page(ws, title, title_rows=f"{HEAD_ROW}:{SUB_ROW}")
    ws.row_dimensions[INFO_ROW].height = row_height([info], [sum(widths)])
    if files is not None:
        _files_sheet(wb, problems, by_problem, f"{school}整改佐证文件" if school else "整改佐证文件")
    wb.properties.title = title
    wb.properties.creator = "selfcheck"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _counted(files: list[ProblemEvidence]) -> str:
    """ "整改前 2\n整改后 1": how many files of each phase a problem has (listed on the 佐证文件 sheet)."""
    counts: dict[str, int] = {}
    for f in files:
        counts[f.phase] = counts.get(f.phase, 0) + 1
    return "\n".join(f"{phase_label(phase)} {n}" for phase, n in counts.items())


def _files_sheet(wb: Any, problems: Sequence[Problem], by_problem: dict[int, list[ProblemEvidence]], title: str) -> None:
    """Every evidence file of the listed problems: which row, which phase, the file's name, size and fingerprint."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(FILES_SHEET)
    widths = [width for _name, width in FILES_COLUMNS]
    check_fits(widths)
    last = get_column_letter(len(FILES_COLUMNS))
    border = thin_border()
    wrap = Alignment(wrap_text=True, vertical="center")
    centre = Alignment(wrap_text=True, vertical="center", horizontal="center")
    title_row(ws, 1, title, len(FILES_COLUMNS))
    header_row(ws, 2, FILES_COLUMNS)
    ws.row_dimensions[2].height = row_height([name for name, _ in FILES_COLUMNS], widths)
    r = 2
    for k, p in enumerate(problems, start=1):
        for f in by_problem.get(p.id, []):
            r += 1
            added = _day(f.added_at)
            values: list[Any] = [r - 2, k, p.id, p.description, phase_label(f.phase), f.name, f.size, f.sha256, added]
            ws.row_dimensions[r].height = row_height(values, widths)
            for n, value in enumerate(values, start=1):
                cell = ws.cell(r, n, value)
                cell.border = border
                cell.alignment = wrap if n in (4, 6, 8) else centre
                if isinstance(value, dt.date):
                    cell.number_format = DATE_FORMAT
                elif n == 7:
                    cell.number_format = "#,##0"
    if r == 2:
        ws.cell(3, 1, "（没有佐证文件）")
        ws.merge_cells(f"A3:{last}3")
    ws.freeze_panes = "A3"
    ws.auto_filter.ref = f"A2:{last}{max(r, 3)}"
    setup_page(ws, title, title_rows="2:2")


def _day(stamp: str) -> dt.date | str:
    try:
        return dt.date.fromisoformat(stamp[:10])
    except ValueError:
        return stamp


def _is_store(source: Any) -> bool:
    return hasattr(source, "problems") and hasattr(source, "school")


def write_ledger(
    source: Store | Sequence[Problem],
    path: str | Path,
    *,
    status: Status | None = None,
    overdue_only: bool = False,
    inspection_id: int | None = None,
    school: str | None = None,
    today: dt.date | None = None,
    overwrite: bool = False,
) -> Path:
    """Write the ledger to `path` (.xlsx) whole or not at all; return the path. Prints nothing (the GUI calls it).

    `source` is the store (all problems, with checklist titles and periods for the source column) or the problems
    themselves. An existing file is replaced only with `overwrite`.
    """
    from selfcheck.reports.export import write_atomic

    out = Path(path)
    if out.suffix.lower() != ".xlsx":
        raise RuleError(f"{out}：台账的文件名应以 .xlsx 结尾", f"{out}: the ledger's file name must end in .xlsx")
    if not out.parent.is_dir():
        raise RuleError(f"找不到文件夹 {out.parent}", f"no folder {out.parent}")
    today = today or clock.today()
    sources: dict[int, Source] = {}
    files = None
    if _is_store(source):
        store: Store = source  # type: ignore[assignment]
        problems = store.problems(inspection_id=inspection_id, status=status)
        sources = _sources(store, problems)
        files = store.problem_attachments([p.id for p in problems])
        if school is None and (info := store.school()) is not None:
            school = info.name
    else:
        problems = [
            p
            for p in source  # type: ignore[union-attr]
            if (status is None or p.status == status) and (inspection_id is None or p.inspection_id == inspection_id)
        ]
    if overdue_only:
        problems = [p for p in problems if p.overdue(today)]
    if files is not None and overdue_only:
        kept = {p.id for p in problems}
        files = [f for f in files if f.problem_id in kept]
    data = ledger_bytes(problems, school=school, sources=sources, today=today, status=status, files=files)
    return write_atomic(out, data, verify=_readable, overwrite=overwrite)


def _readable(path: Path) -> None:
    """The temporary file opens as a workbook before it takes the final name."""
    from openpyxl import load_workbook

    with path.open("rb") as fh:  # a file object: openpyxl refuses the temporary file's .tmp name
        wb = load_workbook(fh, read_only=True)
        try:
            if SHEET not in wb.sheetnames:
                raise RuleError("写入的台账无法读回", "the written ledger does not read back")
        finally:
            wb.close()
