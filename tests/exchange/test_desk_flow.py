"""The bureau's desk end to end with real signed reports: a roster made in Excel, `bureau collect --trust` filing
what it verifies (a resubmission superseding, an untrusted school refused), `round status --json`, the missing list,
the 通报 and the 督办单 read back with pdftotext, and the summary workbook's roster and review sheets."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from selfcheck.cli.main import main
from selfcheck.core.ledger import Status
from selfcheck.exchange.roster_xlsx import RosterError, read_roster
from selfcheck.storage.desk import Desk
from tests.exchange.test_collect import _answer, _code, _put, _report, _school
from tests.printing import assert_prints_well, needs_libreoffice, print_workbook, sheet_pages
from tests.reports.test_document import assert_dated_by_clock

PERIOD = "2026年秋季学期"
NAMES = ["城关第一小学", "城关第二小学", "城关中学", "河口小学", "河口中学", "双河小学", "石门小学"]
DISTRICTS = ["城关学区"] * 3 + ["河口学区"] * 4
SUBMITTING = 6  # schools 0..5 submit; school 6 never does


@dataclass
class Bureau:
    stick: Path
    trust: Path
    roster: Path
    percent: dict[str, float] = field(default_factory=dict)  # code -> the current report's percent


def roster_file(path: Path, rows: list[list[Any]], *, title: bool = True) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名册"
    if title:
        ws.append(["紫阳县中小学名册（2026年）"])  # a title row above the header: the header is found by name
    ws.append(["序号", "学区", "学校名称", "类别", "学校代码"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def bureau(tmp_path_factory: pytest.TempPathFactory) -> Bureau:
    from selfcheck.reports.data import build

    tmp = tmp_path_factory.mktemp("desk")
    b = Bureau(tmp / "U盘", tmp / "证书", tmp / "名册.xlsx")
    b.trust.mkdir()
    for k in range(SUBMITTING + 1):
        store, fast, cert = _school(tmp, k, NAMES[k])
        if k < SUBMITTING:
            (b.trust / f"{_code(k)}.pem").write_bytes(cert)
        with store:
            inspection = store.new_inspection("mini", PERIOD, ["李华"])
            if k == 0:  # an older report first, then a newer one: the newer is current
                store.save_answers(inspection.id, [{"item": "s1.study", "option": "no", "note": "未学习"}])
                _put(b.stick, "旧/old.pdf", _report(store, inspection.id, fast, "2026-11-01T09:00:00+08:00"))
            _answer(store, inspection.id, k)
            for p in store.problems(inspection_id=inspection.id):
                if k in (1, 2):  # overdue: a deadline before today (2026-11-20) and not fixed
                    store.update_problem(p.id, measure="整改", owner="王主任", deadline="2026-10-01")
                    store.update_problem(p.id, status=Status.IN_PROGRESS)
            raw = _report(store, inspection.id, fast, f"2026-11-15T10:00:{k:02d}+08:00")
            b.percent[_code(k)] = build(store, inspection.id).score.percent or 0.0
            _put(b.stick, f"{DISTRICTS[k]}/{NAMES[k]}.pdf", raw)
    roster_file(b.roster, [[n + 1, DISTRICTS[n], NAMES[n], "小学", _code(n)] for n in range(len(NAMES))])
    return b


def test_roster_errors_name_sheet_row_and_column(tmp_path: Path) -> None:
    bad = roster_file(
        tmp_path / "坏名册.xlsx",
        [
            [1, "城关学区", "城关一小", "小学", "001"],
            [2, "城关学区", "", "小学", "002"],
            [3, "河口学区", "河口小学", "小学", "001"],
            [4, "河口学区", "=A1", "小学", "003"],
        ],
    )
    with pytest.raises(RosterError) as caught:
        read_roster(bad)
    text = caught.value.zh
    assert "名册!C4: 学校名称: 缺少学校名称" in text
    assert "名册!E5: 学校代码: 学校代码 001 与第 3 行重复" in text
    assert "名册!C6: 学校名称: 单元格含有公式" in text
    no_header = roster_file(tmp_path / "无表头.xlsx", [[1, 2, 3]], title=False)
    wb = openpyxl.load_workbook(no_header)
    wb.active.delete_rows(1)
    wb.save(no_header)
    with pytest.raises(RosterError, match="没有找到表头行"):
        read_roster(no_header)
    (tmp_path / "假.xlsx").write_text("不是工作簿", encoding="utf-8")
    with pytest.raises(RosterError):
        read_roster(tmp_path / "假.xlsx")
    assert main(["--data-dir", str(tmp_path / "d"), "roster", "import", str(bad)]) == 1  # a message, no traceback


def pdftext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def collected(bureau: Bureau, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    data = tmp_path_factory.mktemp("bureau-data")
    out = data / "汇总.xlsx"
    assert main(["--data-dir", str(data), "roster", "import", str(bureau.roster)]) == 0
    code = main(
        ["--data-dir", str(data), "bureau", "collect", str(bureau.stick), "--trust", str(bureau.trust), "--out", str(out)]
    )
    assert code == 0
    return data, out


def status_json(data: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["--data-dir", str(data), "round", "status", "--period", PERIOD, *extra, "--json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_status_names_missing_and_ranks_the_rest(
    bureau: Bureau, collected: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data, _ = collected
    status = status_json(data, capsys, "--checklist", "mini")
    assert status == status_json(data, capsys, "--template", "mini")  # the alias
    assert status["missing"] == [{"code": _code(6), "name": "石门小学", "district": "河口学区"}]
    assert {s["code"] for s in status["submitted"]} == {_code(k) for k in range(SUBMITTING)}
    assert status["reviewed"] == []
    ranking = status["ranking"]
    plain = [r["percent"] for r in ranking if not r["vetoed"]]
    assert plain == sorted(plain, reverse=True) and ranking[0]["rank"] == 1
    assert [r["vetoed"] for r in ranking] == sorted(r["vetoed"] for r in ranking)  # vetoed ones last
    for r in ranking:
        assert r["percent"] == pytest.approx(bureau.percent[r["code"]], abs=0.05)
        assert r["name"] == NAMES[int(r["code"][-2:])]
    first = next(s for s in status["submitted"] if s["code"] == _code(0))
    assert first["versions"] == 2  # the resubmission superseded the older report, both kept
    capsys.readouterr()
    where = ["--period", PERIOD, "--checklist", "mini", "--school", _code(0), "--json"]
    assert main(["--data-dir", str(data), "round", "history", *where]) == 0
    history = json.loads(capsys.readouterr().out)
    assert [(h["current"], Path(h["file"]).name) for h in history] == [(True, "城关第一小学.pdf"), (False, "old.pdf")]
    overdue = {o["code"] for o in status["overdue"]}
    assert overdue == {_code(1), _code(2)}
    assert all(o["days"] == 50 for o in status["overdue"])  # 2026-10-01 to 2026-11-20


def test_collect_again_files_nothing_twice_and_a_new_roster_updates(
    bureau: Bureau, collected: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    data, _ = collected
    capsys.readouterr()
    assert main(["--data-dir", str(data), "bureau", "collect", str(bureau.stick), "--trust", str(bureau.trust)]) == 0
    assert "新报告 0 份" in capsys.readouterr().out
    with Desk.open(data) as desk:
        assert desk.conn.execute("SELECT COUNT(*) FROM submissions").fetchone()[0] == SUBMITTING + 1


def test_missing_list_bulletin_and_chase_notices(
    bureau: Bureau, collected: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, _ = collected
    args = ["--data-dir", str(data), "round"]
    where = ["--period", PERIOD, "--checklist", "mini"]
    missing = tmp_path / "未提交.xlsx"
    assert main([*args, "missing", *where, "--out", str(missing)]) == 0
    rows = [r for r in openpyxl.load_workbook(missing).active.iter_rows(values_only=True)]
    assert rows[3][1:4] == ("河口学区", "石门小学", _code(6))
    pdf = tmp_path / "通报.pdf"
    assert main([*args, "bulletin", *where, "--out", str(pdf), "--unit", "紫阳县教育局", "--number", "紫教〔2026〕12号"]) == 0
    text = pdftext(pdf)
    flat = text.replace(" ", "").replace("\n", "")
    for words in (
        "关于2026年秋季学期“测试用小”自查情况的通报",
        "各学区、各学校：",
        "一、基本情况",
        "未提交1所",
        "石门小学",
        "二、排名情况",
        "三、存在的共性问题",
        "一是按学期公示收费项目",
        "四、逾期未整改问题",
        "城关第二小学",
        "王主任",
        "已逾期50天",
        "紫阳县教育局",
        "2026年11月20日",
        "附件",
        "排名表",
        "紫教〔2026〕12号",
    ):
        assert words in flat, words
    assert "— 1 —" in text
    assert_dated_by_clock(pdf)
    out = tmp_path / "督办"
    out.mkdir()
    assert main([*args, "chase", *where, "--out", str(out), "--unit", "紫阳县教育局", "--days", "7"]) == 0
    files = sorted(out.glob("*.pdf"))
    assert len(files) == 2
    chase = {f.name: pdftext(f).replace(" ", "").replace("\n", "") for f in files}
    second = next(t for n, t in chase.items() if "城关第二小学" in n)
    for words in ("督办单", "城关第二小学：", "7日内", "王主任", "2026年10月1日", "50", "整改中", "紫阳县教育局"):
        assert words in second, words
    assert "城关中学" not in second  # one school's problems only
    assert_dated_by_clock(files[0])
    for name, words in chase.items():  # dates as GB/T 9704 writes them, in the table too
        assert not re.search(r"\d{4}-\d{2}-\d{2}", words), name
    if shutil.which("pdftoppm"):  # each page renders
        subprocess.run(["pdftoppm", "-png", "-r", "30", str(pdf), str(tmp_path / "page")], check=True)
        assert list(tmp_path.glob("page*.png"))


def test_summary_workbook_has_roster_status_and_reviews(collected: tuple[Path, Path]) -> None:
    _, out = collected
    wb = openpyxl.load_workbook(out)
    assert {"名册报送情况", "督查复核"} <= set(wb.sheetnames)
    rows = list(wb["名册报送情况"].iter_rows(min_row=4, values_only=True))
    states = {r[4]: r[6] for r in rows}
    assert states[_code(6)] == "未提交" and states[_code(0)] == "已提交"
    assert len(rows) == len(NAMES)


def test_an_unknown_round_is_a_message(collected: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    data, _ = collected
    capsys.readouterr()
    assert main(["--data-dir", str(data), "round", "status", "--period", "2030年春季学期", "--checklist", "mini"]) == 1
    err = capsys.readouterr().err
    assert "没有 2030年春季学期 mini 的报告" in err and "2026年秋季学期 mini" in err and "Traceback" not in err


def test_a_hostile_roster_is_refused_before_openpyxl_reads_it(tmp_path: Path) -> None:
    import zipfile

    bomb = tmp_path / "炸弹.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (60 * 1024 * 1024) + b"</a>")
    with pytest.raises(RosterError) as caught:
        read_roster(bomb)
    assert "炸弹.xlsx" in caught.value.zh
    macro = tmp_path / "宏.xlsx"
    with zipfile.ZipFile(macro, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/vbaProject.bin", b"\0" * 10)
    with pytest.raises(RosterError, match="宏"):
        read_roster(macro)
    with pytest.raises(RosterError, match=r"\.xlsx"):
        read_roster(tmp_path / "名册.xls")


@needs_libreoffice
def test_libreoffice_prints_the_summary_workbook(collected: tuple[Path, Path], tmp_path: Path) -> None:
    """The county summary as a clerk prints it: every sheet on landscape pages, numbered, at a readable size, with no
    row printed over the next; the summary's page carries every column, the veto, bonus and deduction and the reason
    for each grade among them, on the same page as the schools."""
    _, out = collected
    printed = print_workbook(out, tmp_path)
    assert_prints_well(printed, title="", headers=[])
    summary = sheet_pages(printed, "学校自查报告汇总")
    assert len(summary) == 1  # seven schools: one page, not 22
    headers = ["学校代码", "得分", "满分", "加分", "扣分", "得分率", "一票否决", "等次", "等次依据", "未销号问题"]
    assert_prints_well(printed, title="学校自查报告汇总", headers=headers, pages=summary)
    for name in NAMES[:SUBMITTING]:
        assert name in printed.text(summary[0]), name
    for title in ("名册报送情况", "签名与文件"):
        assert sheet_pages(printed, title), title


@needs_libreoffice
def test_libreoffice_prints_the_missing_list(bureau: Bureau, collected: tuple[Path, Path], tmp_path: Path) -> None:
    data, _ = collected
    missing = tmp_path / "未提交.xlsx"
    where = ["--period", PERIOD, "--checklist", "mini"]
    assert main(["--data-dir", str(data), "round", "missing", *where, "--out", str(missing)]) == 0
    printed = print_workbook(missing, tmp_path)
    title = f"{PERIOD}测试用小检查表未提交自查报告的学校"
    assert_prints_well(printed, title=title, headers=["序号", "学区", "学校", "学校代码", "类别"])
    assert "石门小学" in printed.text(0) and not re.search(r"\d{4}-\d{2}-\d{2}", printed.text(0))  # 截至 in Chinese
