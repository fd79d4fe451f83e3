"""The ledger as a workbook: read back with openpyxl (headers, rows, statuses, overdue), and the command."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from selfcheck.cli.main import main
from selfcheck.core.ledger import Status
from selfcheck.errors import ConflictError, RuleError
from selfcheck.exchange import xlsx_print
from selfcheck.exchange.ledger_xlsx import FIRST_DATA_ROW, HEAD_ROW, SUB_ROW, write_ledger
from selfcheck.storage import Store
from tests.conftest import TODAY
from tests.printing import assert_prints_well, needs_libreoffice, print_workbook, sheet_pages

DAY = dt.timedelta(days=1)


@pytest.fixture
def ledger_store(mini_store: Store) -> Store:
    """Four problems: overdue and open, from an answer, fixed awaiting acceptance, closed."""
    s = mini_store
    inspection = s.new_inspection("mini", "2026年秋季学期", ["李华"])
    s.add_problem("校门口上下学时段交通拥堵", owner="王芳", department="政教处", deadline=TODAY - 12 * DAY)
    s.add_problem(inspection_id=inspection.id, item_id="s1.study", measure="每周三集中学习", deadline=TODAY + 30 * DAY)
    fixed = s.add_problem("食堂制度未上墙", measure="制度上墙", owner="赵强", deadline=TODAY - 20 * DAY)
    s.update_problem(fixed.id, status=Status.FIXED)
    closed = s.add_problem("来访登记缺办理结果", measure="增加办理结果一栏", deadline=TODAY - 2 * DAY)
    s.update_problem(closed.id, status=Status.FIXED)
    s.close_problem(closed.id, handling="已处理", verified_by="赵书记", verified_on=TODAY, evidence="登记簿第3页")
    return s


def read(path: Path) -> list[tuple[object, ...]]:
    ws = openpyxl.load_workbook(path)["整改台账"]
    return [tuple(r) for r in ws.iter_rows(values_only=True)]


def test_ledger_workbook_reads_back(ledger_store: Store, tmp_path: Path) -> None:
    path = write_ledger(ledger_store, tmp_path / "台账.xlsx", today=TODAY)
    wb = openpyxl.load_workbook(path)
    ws = wb["整改台账"]
    rows = read(path)
    assert rows[0][0] == "城关第一小学问题整改台账"
    assert (
        f"导出日期：{TODAY.year}年{TODAY.month}月{TODAY.day}日" in str(rows[1][0])
        and "共 4 条" in str(rows[1][0])
        and "逾期 1 条" in str(rows[1][0])
    )
    head = rows[HEAD_ROW - 1]
    sub = rows[SUB_ROW - 1]
    assert head[:10] == (
        "序号",
        "问题编号",
        "问题描述",
        "来源（检查表/检查项）",
        "整改措施",
        "责任人",
        "责任部门",
        "整改期限",
        "状态",
        "是否逾期",
    )
    assert head[10] == "销号" and sub[10:13] == ("验收人", "验收日期", "整改证据")
    assert head[13:15] == ("佐证文件", "提出日期")
    data = rows[FIRST_DATA_ROW - 1 :]
    assert len(data) == 4
    by_desc = {str(r[2]).split("：")[0]: r for r in data}
    late = by_desc["校门口上下学时段交通拥堵"]
    assert (late[5], late[6], late[8], late[9]) == ("王芳", "政教处", "待整改", "是")
    assert late[7] == dt.datetime.combine(TODAY - 12 * DAY, dt.time())
    from_answer = data[1]
    assert "mini" in str(from_answer[3]) or "检查表" in str(from_answer[3])
    assert "2026年秋季学期" in str(from_answer[3]) and from_answer[9] == "否"
    fixed = by_desc["食堂制度未上墙"]
    assert (fixed[8], fixed[9]) == ("已整改（待验收）", "否")  # awaiting acceptance is not overdue
    closed = by_desc["来访登记缺办理结果"]
    assert closed[8] == "已销号" and closed[10:13] == ("赵书记", dt.datetime.combine(TODAY, dt.time()), "登记簿第3页")
    # the overdue row is highlighted, the others are not; the header stays in view
    late_row = FIRST_DATA_ROW + data.index(late)
    assert ws.cell(late_row, 3).fill.fgColor.rgb == "FFF2C7C7"
    assert ws.cell(late_row + 1, 3).fill.fill_type is None
    assert ws.freeze_panes == f"D{FIRST_DATA_ROW}"
    assert ws.cell(late_row, 3).alignment.wrap_text
    assert ws.column_dimensions["C"].width >= 30


def test_source_names_checklist_period_and_item(ledger_store: Store, tmp_path: Path) -> None:
    rows = read(write_ledger(ledger_store, tmp_path / "l.xlsx", today=TODAY))
    template = ledger_store.checklist("mini")
    _, item = template.item_index["s1.study"]
    source = str(rows[FIRST_DATA_ROW][3])
    assert template.title in source and "2026年秋季学期" in source and item.text in source
    assert rows[FIRST_DATA_ROW - 1][3] == "手工登记"


def test_filters_and_plain_rows(ledger_store: Store, tmp_path: Path) -> None:
    rows = read(write_ledger(ledger_store, tmp_path / "open.xlsx", status=Status.OPEN, today=TODAY))
    assert [r[8] for r in rows[FIRST_DATA_ROW - 1 :]] == ["待整改", "待整改"]
    rows = read(write_ledger(ledger_store, tmp_path / "late.xlsx", overdue_only=True, today=TODAY))
    assert len(rows[FIRST_DATA_ROW - 1 :]) == 1
    # the GUI may hand the rows themselves
    problems = ledger_store.problems()
    rows = read(write_ledger(problems, tmp_path / "rows.xlsx", school="某校", today=TODAY))
    assert rows[0][0] == "某校问题整改台账" and len(rows[FIRST_DATA_ROW - 1 :]) == 4


def test_empty_ledger_and_refusals(store: Store, tmp_path: Path) -> None:
    path = write_ledger(store, tmp_path / "empty.xlsx", today=TODAY)
    assert read(path)[FIRST_DATA_ROW - 1][0] == "（没有问题）"
    with pytest.raises(ConflictError):
        write_ledger(store, path, today=TODAY)
    write_ledger(store, path, today=TODAY, overwrite=True)
    with pytest.raises(RuleError):
        write_ledger(store, tmp_path / "ledger.csv")
    with pytest.raises(RuleError):
        write_ledger(store, tmp_path / "missing" / "l.xlsx")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".selfcheck")) == []


def test_cli_ledger_export(ledger_store: Store, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ledger_store.close()
    out = tmp_path / "台账.xlsx"
    assert main(["--data-dir", str(data_dir), "ledger", "export", "--out", str(out)]) == 0
    assert "4 条" in capsys.readouterr().out
    assert len(read(out)[FIRST_DATA_ROW - 1 :]) == 4
    assert main(["--data-dir", str(data_dir), "ledger", "export", "--out", str(out)]) == 1
    assert "已存在" in capsys.readouterr().err
    assert main(["--data-dir", str(data_dir), "ledger", "export", "--out", str(out), "--status", "已销号", "--overwrite"]) == 0
    assert [r[8] for r in read(out)[FIRST_DATA_ROW - 1 :]] == ["已销号"]
    assert main(["--data-dir", str(data_dir), "ledger", "export", "--out", str(out), "--status", "done", "--overwrite"]) == 1
    assert "未知的整改状态" in capsys.readouterr().err


def test_cli_ledger_export_subprocess(ledger_store: Store, data_dir: Path, tmp_path: Path) -> None:
    ledger_store.close()
    out = tmp_path / "l.xlsx"
    proc = subprocess.run(
        [sys.executable, "-m", "selfcheck", "--data-dir", str(data_dir), "ledger", "export", "--out", str(out), "--overdue"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert out.exists() and read(out)[0][0] == "城关第一小学问题整改台账"


def test_ledger_prints_landscape_with_heights_dates_and_page_numbers(ledger_store: Store, tmp_path: Path) -> None:
    long = "食堂进货台账缺少供货商资质复印件，索证索票不全，" * 4
    ledger_store.add_problem(long, measure="补齐资质复印件并按周检查" * 3, owner="王芳", deadline=TODAY + 5 * DAY)
    path = write_ledger(ledger_store, tmp_path / "台账.xlsx", today=TODAY)
    ws = openpyxl.load_workbook(path)["整改台账"]
    widths = [ws.column_dimensions[get_column_letter(c)].width for c in range(1, ws.max_column + 1)]
    assert sum(widths) <= xlsx_print.MAX_UNITS  # one page wide at a readable scale, not 6 pt
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == f"${HEAD_ROW}:${SUB_ROW}"
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页" and ws.oddHeader.center.text == "城关第一小学问题整改台账"
    (row,) = [r for r in range(FIRST_DATA_ROW, ws.max_row + 1) if ws.cell(r, 3).value == long]
    height = ws.row_dimensions[row].height
    assert height and height >= xlsx_print.lines(long, widths[2]) * xlsx_print.LINE_PT  # the wrapped text shows whole
    for r in range(FIRST_DATA_ROW, ws.max_row + 1):
        need = xlsx_print.row_height([c.value for c in ws[r]], widths)
        assert ws.row_dimensions[r].height == need  # None: one line, the default height
    deadline = ws.cell(row, 8)
    assert deadline.value.date() == TODAY + 5 * DAY and deadline.is_date  # a date cell, sortable and filterable
    assert deadline.number_format == 'yyyy"年"m"月"d"日"'
    assert ws.auto_filter.ref and ws.cell(row, 3).border.left.style == "thin"


def test_problem_evidence_counted_and_listed(ledger_store: Store, tmp_path: Path) -> None:
    """Each problem's 整改前/整改后 files: counted in its row, listed with size and fingerprint on the second sheet."""
    import hashlib

    from tests.reports.images import seal, signature

    before, after = tmp_path / "现场照片.png", tmp_path / "整改后.png"
    before.write_bytes(seal())
    after.write_bytes(signature())
    problem = next(p for p in ledger_store.problems() if p.description == "校门口上下学时段交通拥堵")
    ledger_store.attach_problem_evidence(problem.id, "整改前", [before])
    ledger_store.attach_problem_evidence(problem.id, "after", [after, before])
    path = write_ledger(ledger_store, tmp_path / "台账.xlsx", today=TODAY)
    wb = openpyxl.load_workbook(path)
    rows = read(path)
    data = rows[FIRST_DATA_ROW - 1 :]
    (row,) = [r for r in data if r[2] == problem.description]
    assert row[13] == "整改前 1\n整改后 2"
    assert all(r[13] is None for r in data if r is not row)
    ws = wb["佐证文件"]
    listed = [tuple(r) for r in ws.iter_rows(min_row=3, values_only=True)]
    assert [(r[1], r[2], r[4], r[5]) for r in listed] == [
        (data.index(row) + 1, problem.id, "整改前", "现场照片.png"),
        (data.index(row) + 1, problem.id, "整改后", "整改后.png"),
        (data.index(row) + 1, problem.id, "整改后", "现场照片.png"),
    ]
    assert listed[0][6] == before.stat().st_size and listed[0][7] == hashlib.sha256(before.read_bytes()).hexdigest()
    assert isinstance(listed[0][8], dt.datetime) and ws.cell(3, 9).number_format == 'yyyy"年"m"月"d"日"'
    assert ws.print_title_rows == "$2:$2" and ws.page_setup.orientation == "landscape" and ws.auto_filter.ref
    widths = [ws.column_dimensions[get_column_letter(c)].width for c in range(1, ws.max_column + 1)]
    assert sum(widths) <= xlsx_print.MAX_UNITS
    # a ledger of the problems without evidence says so on the sheet; the overdue-only file lists only its rows' files
    other = write_ledger(ledger_store, tmp_path / "已销号.xlsx", status=Status.CLOSED, today=TODAY)
    assert openpyxl.load_workbook(other)["佐证文件"].cell(3, 1).value == "（没有佐证文件）"
    late = write_ledger(ledger_store, tmp_path / "逾期.xlsx", overdue_only=True, today=TODAY)
    assert openpyxl.load_workbook(late)["佐证文件"].max_row == 5


@needs_libreoffice
def test_libreoffice_prints_a_long_ledger_whole_and_readable(ledger_store: Store, tmp_path: Path) -> None:
    """Sixty problems, some of several lines, as LibreOffice prints them: landscape pages, every column on each page
    with the header rows repeated, the title and page numbers, text of a readable size, no row over the next."""
    for n in range(60):
        text = f"第{n + 1}项问题：" + ("食堂进货台账缺少供货商资质复印件，索证索票不全。" * (1 + n % 4))
        ledger_store.add_problem(text, measure="补齐资质复印件并按周检查" * (1 + n % 3), owner="王芳", deadline=TODAY + n * DAY)
    path = write_ledger(ledger_store, tmp_path / "台账.xlsx", today=TODAY)
    printed = print_workbook(path, tmp_path)
    ledger_pages = sheet_pages(printed, "城关第一小学问题整改台账")
    files_pages = sheet_pages(printed, "城关第一小学整改佐证文件")
    assert len(ledger_pages) >= 3 and len(files_pages) == 1 and len(ledger_pages) + 1 == len(printed.pages)
    headers = ["序号", "问题描述", "整改措施", "责任人", "整改期限", "状态", "验收人", "佐证文件", "提出日期"]
    assert_prints_well(printed, title="城关第一小学问题整改台账", headers=headers, pages=ledger_pages)
    assert_prints_well(printed, title="城关第一小学整改佐证文件", headers=["文件名", "添加日期"], pages=files_pages)
    everything = "".join(printed.text(n) for n in ledger_pages)
    for n in range(60):  # every problem printed, none lost to a clipped row
        assert f"第{n + 1}项问题" in everything, n + 1
