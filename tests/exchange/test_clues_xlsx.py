"""The clue register as a workbook: read back with openpyxl (the columns a register carries, the period, the contact
masked unless chosen, the handling with its problems, the tally), printed as the ledger is, written by the command
(its path the last line), and, where LibreOffice is installed, converted to one landscape PDF page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from selfcheck.cli.main import main
from selfcheck.core.clues import Stage
from selfcheck.core.ledger import Status
from selfcheck.errors import RuleError
from selfcheck.exchange import xlsx_print
from selfcheck.exchange.clues_xlsx import FIRST_DATA_ROW, HEAD_ROW, SHEET, write_register
from selfcheck.storage import Store
from tests.conftest import TODAY
from tests.printing import assert_prints_well, needs_libreoffice, print_workbook

CONTACT = "13812345678"
START, END = dt.date(2026, 9, 1), TODAY
HEADERS = (
    "序号",
    "受理日期",
    "来源渠道",
    "反映人",
    "反映内容摘要",
    "涉及人员",
    "核查情况/结论",
    "处理情况（问责）",
    "答复情况",
    "办结情况/日期",
)


@pytest.fixture
def clue_store(mini_store: Store) -> Store:
    """A concluded clue found true (its problem closed), one untrue still open, one before the period."""
    s = mini_store
    s.add_clue("家长来电", dt.date(2026, 8, 20), "暑期开学前收取资料费")  # before the period: not listed
    first = s.add_clue("家长来电", dt.date(2026, 9, 10), "数学老师暑期有偿补课", contact=f"王女士 {CONTACT}", staff="李老师")
    s.record_clue_stage(first.id, Stage.CHECKED, finding="属实", checked_by="王副校长", day=dt.date(2026, 9, 15))
    problem = s.raise_problem_from_clue(first.id, measure="责令退还补课费")
    s.record_clue_stage(first.id, Stage.HANDLED, handling="责令退费", accountability="诫勉", day=dt.date(2026, 9, 20))
    s.record_clue_stage(first.id, Stage.ANSWERED, answer="电话告知家长", day=dt.date(2026, 9, 22))
    s.update_problem(problem.id, status=Status.FIXED)
    s.close_problem(problem.id, verified_by="张明", evidence="退费收据", handling="退费并诫勉谈话")
    s.record_clue_stage(first.id, Stage.CONCLUDED, day=dt.date(2026, 9, 30))
    second = s.add_clue("12345转办", dt.date(2026, 11, 2), "校门口上下学时段交通拥堵", contact="13900001111")
    s.record_clue_stage(second.id, Stage.CHECKED, finding="不属实", checked_by="张明", day=dt.date(2026, 11, 5))
    return s


def rows(path: Path) -> list[tuple[object, ...]]:
    return [tuple(r) for r in openpyxl.load_workbook(path)[SHEET].iter_rows(values_only=True)]


def everything(path: Path) -> str:
    return "\n".join(str(v) for r in rows(path) for v in r if v is not None)


def test_the_register_reads_back_with_the_contact_masked(clue_store: Store, tmp_path: Path) -> None:
    path = write_register(clue_store, tmp_path, START, END, today=TODAY)
    assert path.name == "城关第一小学_2026-09-01至2026-11-20_问题线索台账.xlsx"
    got = rows(path)
    assert got[0][0] == "城关第一小学问题线索台账"
    info = str(got[1][0])
    assert "受理时段：2026年9月1日至2026年11月20日" in info and "导出日期：2026年11月20日" in info
    assert "受理问题线索2件，经核查属实（含部分属实）1件，追责问责1件；已办结1件，正在办理中1件。" in info
    assert got[HEAD_ROW - 1] == HEADERS
    first, second = got[FIRST_DATA_ROW - 1], got[FIRST_DATA_ROW]
    assert first[0] == 1 and first[1] == dt.datetime(2026, 9, 10) and first[2] == "家长来电\n（电话）"
    assert (first[3], first[4], first[5]) == ("138****5678", "数学老师暑期有偿补课", "李老师")
    assert first[6] == "属实\n核查人：王副校长\n2026年9月15日"
    assert first[7] == "责令退费（2026年9月20日）\n问责：诫勉\n整改问题：#1（已销号）"
    assert (first[8], first[9]) == ("电话告知家长（2026年9月22日）", "已办结\n2026年9月30日")
    assert (second[2], second[3], second[6], second[9]) == (
        "12345转办",
        "139****1111",
        "不属实\n核查人：张明\n2026年11月5日",
        "办理中\n（核查）",
    )
    text = everything(path)
    assert CONTACT not in text and "王女士" not in text and "13900001111" not in text  # never the contact in full
    assert "资料费" not in text  # received before the period
    assert "保密" not in text
    assert len(got) == FIRST_DATA_ROW + 3 and got[FIRST_DATA_ROW + 1] == (None,) * len(HEADERS)
    assert str(got[-1][0]).startswith("填表人：")  # a line to sign under the last clue


def test_the_principal_may_include_the_contacts(clue_store: Store, tmp_path: Path) -> None:
    path = write_register(clue_store, tmp_path, START, END, with_contacts=True, today=TODAY)
    assert path.name == "城关第一小学_2026-09-01至2026-11-20_问题线索台账（含联系方式）.xlsx"
    got = rows(path)
    assert got[FIRST_DATA_ROW - 1][3] == f"王女士 {CONTACT}" and got[FIRST_DATA_ROW][3] == "13900001111"
    assert str(got[1][0]).startswith("内部资料 注意保密")
    ws = openpyxl.load_workbook(path)[SHEET]
    assert "注意保密" in ws.oddHeader.center.text  # on every printed page


def test_it_prints_landscape_one_page_wide(clue_store: Store, tmp_path: Path) -> None:
    clue_store.add_clue("学生来信", TODAY, "食堂饭菜分量不足，" * 12)
    path = write_register(clue_store, tmp_path / "台账.xlsx", START, END, today=TODAY)
    ws = openpyxl.load_workbook(path)[SHEET]
    widths = [ws.column_dimensions[get_column_letter(c)].width for c in range(1, len(HEADERS) + 1)]
    assert sum(widths) <= xlsx_print.MAX_UNITS
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9 and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == f"${HEAD_ROW}:${HEAD_ROW}" and ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    for r in range(FIRST_DATA_ROW, FIRST_DATA_ROW + 3):
        assert ws.row_dimensions[r].height == xlsx_print.row_height([c.value for c in ws[r]][: len(widths)], widths)
    long_row = FIRST_DATA_ROW + 2
    assert ws.row_dimensions[long_row].height >= xlsx_print.lines(ws.cell(long_row, 5).value, widths[4]) * 14.5
    assert ws.cell(FIRST_DATA_ROW, 2).is_date and ws.cell(FIRST_DATA_ROW, 2).number_format == xlsx_print.DATE_FORMAT
    assert ws.cell(FIRST_DATA_ROW, 5).border.left.style == "thin"


def test_an_empty_period_and_refusals(clue_store: Store, tmp_path: Path) -> None:
    path = write_register(clue_store, tmp_path, dt.date(2026, 1, 1), dt.date(2026, 1, 31), today=TODAY)
    got = rows(path)
    assert "本期未受理问题线索" in str(got[1][0]) and got[FIRST_DATA_ROW - 1][0] == "（本时段没有受理问题线索）"
    with pytest.raises(RuleError, match="起始日期 2026-11-20 晚于截止日期 2026-09-01"):
        write_register(clue_store, tmp_path, TODAY, START)
    with pytest.raises(RuleError, match=r"文件名应以 \.xlsx 结尾"):
        write_register(clue_store, tmp_path / "台账.pdf", START, END)
    second = write_register(clue_store, tmp_path, dt.date(2026, 1, 1), dt.date(2026, 1, 31), today=TODAY)
    assert second.name.endswith("问题线索台账 (2).xlsx") and path.is_file()  # never replaced without --overwrite


def test_the_command_prints_the_path_last(
    clue_store: Store, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stick = tmp_path / "U盘"
    stick.mkdir()
    args = ["--data-dir", str(data_dir), "clue", "export", "--from", "2026-09-01", "--to", "2026-11-20", "--out", str(stick)]
    assert main(args) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert "受理 2 件" in out[0] and Path(out[-1]).parent == stick and Path(out[-1]).is_file()
    assert CONTACT not in everything(Path(out[-1]))
    assert main([*args, "--with-contacts"]) == 0
    written = Path(capsys.readouterr().out.strip().splitlines()[-1])
    assert "含联系方式" in written.name and CONTACT in everything(written)
    assert main(["--data-dir", str(data_dir), "clue", "export", "--out", str(stick), "--overwrite"]) == 0  # this term
    assert "2026-08-01 至 2026-11-20 受理 3 件" in capsys.readouterr().out
    assert main([*args[:-2], "--out", str(tmp_path / "没有")]) == 1
    err = capsys.readouterr().err
    assert "找不到文件夹" in err and "Traceback" not in err


@needs_libreoffice
def test_libreoffice_prints_it_on_one_landscape_page(clue_store: Store, tmp_path: Path) -> None:
    path = write_register(clue_store, tmp_path, START, END, today=TODAY)
    printed = print_workbook(path, tmp_path)
    assert len(printed.pages) == 1
    headers = ["序号", "受理日期", "来源渠道", "反映人", "反映内容摘要", "涉及人员", "答复情况"]
    assert_prints_well(printed, title="城关第一小学问题线索台账", headers=headers)
    assert "138****5678" in printed.text(0)
