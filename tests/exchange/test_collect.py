"""The bureau's intake: a stick with signed reports of 24 schools, duplicates, an older and a newer report, a
tampered, an unsigned, a foreign, a fake, an empty, a huge file and symlinks; the workbook read back with openpyxl
and every figure checked against the embedded data of the files that should count."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from selfcheck.cli.main import main
from selfcheck.core.checklist_file import read_checklist
from selfcheck.core.ledger import Status
from selfcheck.errors import SelfcheckError
from selfcheck.exchange import collect as collect_module
from selfcheck.exchange import xlsx_print
from selfcheck.exchange.collect import Cancelled, Intake, collect
from selfcheck.exchange.summary_xlsx import build, sheet_name, write_summary
from selfcheck.reports import data as report_data
from selfcheck.reports import identity, layout, signing
from selfcheck.reports.verify import read_data
from selfcheck.storage import Store

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini.yaml"
PASS = "bureau-intake-test"
PERIOD = "2026年秋季学期"
SCHOOLS = 20  # genuine schools; two more send only a tampered and an unsigned report
OPTIONS = ["yes", "partial", "no", "na"]


@dataclass
class Stick:
    root: Path
    certs: dict[str, bytes] = field(default_factory=dict)  # school code -> certificate PEM
    current: dict[str, Path] = field(default_factory=dict)  # file (relative) -> the file that must be current
    older: str = ""  # the superseded report
    copy: str = ""  # an identical copy of a current report
    formula_code: str = ""
    rejected: dict[str, str] = field(default_factory=dict)  # relative path -> words its reason must hold


def _code(k: int) -> str:
    return f"34100{k:05d}"


def _school(tmp: Path, k: int, name: str, *, signed: bool = True) -> tuple[Store, identity.Identity | None, bytes]:
    fast, cert = None, b""
    if signed:
        made = identity.create_identity(name, _code(k), PASS)
        # re-encrypted with few PBKDF2 rounds: each signing unlocks the key, and this file signs dozens
        fast = identity.Identity(identity.encrypt_key(identity.unlock(made, PASS), PASS, iterations=1000), made.cert_pem)
        cert = made.cert_pem
    store = Store.open(tmp / "db" / str(k), install_builtins=False)
    store.install_checklist(read_checklist(MINI), "test")
    store.set_school(name, _code(k), "校长")
    return store, fast, cert


def _answer(store: Store, inspection_id: int, k: int) -> None:
    pick = k % 4
    store.save_answers(
        inspection_id,
        [
            {"item": "s1.study", "option": OPTIONS[pick], "note": "学习记录不全"},
            {"item": "s2.firstask", "option": ["good", "ok", "bad", "ok"][pick], "note": "未落实"},
            {"item": "s2.fees", "value": k % 3},
            {"item": "s2.score", "value": 5 - k % 2},
            {"item": "s2.tutoring", "option": "found" if k % 7 == 6 else "none", "note": "查实一例"},
            {"item": "s1.count", "value": k},
        ],
    )
    problems = store.raise_problems_from_answers(inspection_id)
    if problems and k % 5 == 0:  # some schools have closed a problem already
        p = problems[0]
        store.update_problem(p.id, measure="集中整改", owner="王主任", status=Status.IN_PROGRESS)
        store.update_problem(p.id, status=Status.FIXED)
        store.close_problem(p.id, handling="已处理", verified_by="赵书记", evidence="整改记录")


def _report(store: Store, inspection_id: int, fast: identity.Identity | None, at: str) -> bytes:
    data = report_data.build(store, inspection_id).model_copy(update={"generated_at": at})
    pdf = layout.render(data)
    if fast is None:
        return signing.attach_data(pdf, data.canonical_json())
    return signing.sign(pdf, data.canonical_json(), fast, PASS)


def _put(root: Path, rel: str, raw: bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    return path


def _foreign_pdf() -> bytes:
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    c.drawString(72, 720, "Invoice 2026-11")
    c.showPage()
    c.save()
    return buffer.getvalue()


@pytest.fixture(scope="module")
def stick(tmp_path_factory: pytest.TempPathFactory) -> Stick:
    tmp = tmp_path_factory.mktemp("intake")
    s = Stick(tmp / "U盘")
    for k in range(SCHOOLS):
        name = "=SUM(1,2)小学" if k == 3 else f"测试第{k + 1}小学"
        store, fast, cert = _school(tmp, k, name)
        s.certs[_code(k)] = cert
        with store:
            inspection = store.new_inspection("mini", PERIOD, ["李华"])
            if k == 0:  # an older report first, then different answers and a newer one
                store.save_answers(inspection.id, [{"item": "s1.study", "option": "no", "note": "未学习"}])
                s.older = "旧报告/测试第1小学_旧.pdf"
                _put(s.root, s.older, _report(store, inspection.id, fast, "2026-11-01T09:00:00+08:00"))
            _answer(store, inspection.id, k)
            rel = f"乡镇{k % 3}/{name}_{PERIOD}.pdf"
            s.current[rel] = _put(s.root, rel, _report(store, inspection.id, fast, f"2026-12-01T10:00:{k:02d}+08:00"))
            if k == 1:  # the same school, another period: a row of its own
                spring = store.new_inspection("mini", "2026年春季学期")
                _answer(store, spring.id, 9)
                rel = "乡镇1/测试第2小学_春季.pdf"
                s.current[rel] = _put(s.root, rel, _report(store, spring.id, fast, "2026-06-01T10:00:00+08:00"))
    s.formula_code = _code(3)
    s.copy = "备份/副本.PDF"  # upper-case extension: still a report
    _put(s.root, s.copy, s.current[f"乡镇2/测试第3小学_{PERIOD}.pdf"].read_bytes())

    store, fast, cert = _school(tmp, 90, "被篡改学校")
    with store:
        inspection = store.new_inspection("mini", PERIOD)
        _answer(store, inspection.id, 1)
        signed = bytearray(_report(store, inspection.id, fast, "2026-12-02T10:00:00+08:00"))
    at = signed.find(b"ReportLab")
    signed[at + 6] = ord("X")
    s.rejected["篡改.pdf"] = "改动"
    _put(s.root, "篡改.pdf", bytes(signed))
    store, _, _ = _school(tmp, 91, "未签名学校", signed=False)
    with store:
        inspection = store.new_inspection("mini", PERIOD)
        _answer(store, inspection.id, 2)
        s.rejected["未签名.pdf"] = "没有数字签名"
        _put(s.root, "未签名.pdf", _report(store, inspection.id, None, "2026-12-02T10:00:00+08:00"))

    s.rejected["其他/发票.pdf"] = "没有数字签名"
    _put(s.root, "其他/发票.pdf", _foreign_pdf())
    s.rejected["其他/不是PDF.pdf"] = "不是 PDF"
    _put(s.root, "其他/不是PDF.pdf", "这是一个文本文件".encode())
    s.rejected["其他/空.pdf"] = "空的"
    _put(s.root, "其他/空.pdf", b"")
    with (s.root / "其他" / "巨大.pdf").open("wb") as fh:  # sparse: never read, only its size is looked at
        fh.truncate(collect_module.MAX_FILE_BYTES + 1)
    s.rejected["其他/巨大.pdf"] = "太大"
    _put(s.root, "其他/说明.txt", b"not a pdf name: ignored")
    os.symlink(s.current[f"乡镇0/测试第1小学_{PERIOD}.pdf"], s.root / "链接.pdf")
    s.rejected["链接.pdf"] = "符号链接"
    os.symlink(s.root / "乡镇0", s.root / "链接文件夹", target_is_directory=True)
    s.rejected["链接文件夹"] = "符号链接"
    return s


@pytest.fixture(scope="module")
def intake(stick: Stick) -> Intake:
    return collect([stick.root], None)


@pytest.fixture(scope="module")
def workbook(intake: Intake, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    path = write_summary(intake, tmp_path_factory.mktemp("out") / "汇总.xlsx")
    yield openpyxl.load_workbook(path)


def _rows(ws: Any) -> list[dict[str, Any]]:
    header = [c.value for c in ws[3]]
    return [dict(zip(header, row, strict=True)) for row in ws.iter_rows(min_row=4, values_only=True)]


def _signed_rows(workbook: Any) -> list[dict[str, Any]]:
    """The 汇总 rows joined with their 签名与文件 rows (one per current report, in the same order)."""
    summary, signed = _rows(workbook["汇总"]), _rows(workbook["签名与文件"])
    assert [(r["学校代码"], r["检查表"], r["期次"]) for r in summary] == [(r["学校代码"], r["检查表"], r["期次"]) for r in signed]
    return [a | b for a, b in zip(summary, signed, strict=True)]


# ---- the expected figures, computed here from the embedded data of the files that should count --------------


def _expected(stick: Stick) -> list[dict[str, Any]]:
    return [read_data(path.read_bytes()) for path in stick.current.values()]


def _noncompliant(item: dict[str, Any]) -> bool:
    lost = item["earned"] < item["points"]
    return bool(item["answered"] and item["applicable"] and (item["vetoed"] or lost or item["problems"]))


def test_summary_sheet_has_one_row_per_current_report_with_its_figures(stick: Stick, workbook: Any) -> None:
    assert workbook.sheetnames == ["汇总", "签名与文件", "测试用小检查表 1.0", "未采用的文件", "历史"]
    ws = workbook["汇总"]
    assert ws.freeze_panes == "A4" and "汇总" in ws["A1"].value
    rows = _signed_rows(workbook)
    expected = _expected(stick)
    assert len(rows) == len(expected) == SCHOOLS + 1
    by_key = {(r["学校代码"], r["期次"]): r for r in rows}
    for data in expected:
        row = by_key[(data["school"]["code"], data["inspection"]["period"])]
        problems = data["problems"]
        assert row["学校"] == data["school"]["name"]
        assert row["检查表"] == "测试用小检查表" and row["版本"] == "1.0"
        assert row["得分"] == data["score"]["points"] and row["满分"] == data["score"]["max"]
        assert row["得分率"] == pytest.approx(data["score"]["percent"] / 100)
        assert row["等次"] == data["score"]["grade"]
        assert row["加分"] == data["score"]["bonus"] and row["扣分"] == data["score"]["deduction"]
        assert (row["一票否决"] == "否") == (not data["score"]["vetoed_by"])
        assert f"“{data['score']['grade']}”" in row["等次依据"]
        assert row["未销号问题"] == sum(p["status"] != "closed" for p in problems)
        assert row["已销号问题"] == sum(p["status"] == "closed" for p in problems)
        assert row["验证结果"].startswith("完整性已验证，未核对证书") and row["证书指纹（SHA-256）"] in row["验证结果"]
        assert row["证书指纹（SHA-256）"] == identity.fingerprint(stick.certs[data["school"]["code"]])
    assert {r["文件"] for r in rows} == set(stick.current)
    assert any(r["已销号问题"] for r in rows) and any(r["等次"] == "不合格" for r in rows)  # the data is varied
    percent_cell = ws.cell(row=4, column=10)
    assert percent_cell.number_format == "0.00%"
    vetoed = [r for r in rows if r["一票否决"] != "否"]
    assert vetoed and all(r["一票否决"] in r["等次依据"] and "一票否决" in r["等次依据"] for r in vetoed)
    assert all(isinstance(r["生成时间"], dt.datetime) for r in rows)  # a date cell, not text


def test_the_newer_report_wins_and_both_are_in_the_history(stick: Stick, intake: Intake, workbook: Any) -> None:
    school0 = [r for r in intake.current if r.code == _code(0)]
    assert len(school0) == 1 and school0[0].path == f"乡镇0/测试第1小学_{PERIOD}.pdf"
    history = {r["文件"]: r for r in _rows(workbook["历史"])}
    assert history[stick.older]["情况"] == f"已被取代，现行为 乡镇0/测试第1小学_{PERIOD}.pdf"
    assert history[f"乡镇0/测试第1小学_{PERIOD}.pdf"]["情况"] == "现行（采用）"
    older = read_data((stick.root / stick.older).read_bytes())
    assert history[stick.older]["得分"] == older["score"]["points"] != school0[0].points
    assert history[stick.copy]["情况"] == f"副本，与 乡镇2/测试第3小学_{PERIOD}.pdf 完全相同"
    assert len(history) == 3


def test_rejected_files_are_listed_with_their_reason_and_never_counted(stick: Stick, intake: Intake, workbook: Any) -> None:
    rows = {r["文件"]: r for r in _rows(workbook["未采用的文件"])}
    assert set(rows) == set(stick.rejected)
    for rel, words in stick.rejected.items():
        assert words in rows[rel]["原因"], (rel, rows[rel])
        assert rows[rel]["Reason"]
    assert rows["篡改.pdf"]["代码"] == "digest_mismatch"
    counted = {r.code for r in intake.current}
    assert _code(90) not in counted and _code(91) not in counted
    assert intake.files == len(stick.current) + 2 + len(stick.rejected)  # + the older report and the copy
    assert intake.schools == SCHOOLS


def test_checklist_sheet_rates_match_the_embedded_data(stick: Stick, workbook: Any) -> None:
    ws = workbook["测试用小检查表 1.0"]
    assert ws.freeze_panes == "A4"
    rows = {(r["期次"], r["序号"]): r for r in _rows(ws)}
    expected = _expected(stick)
    for period in {d["inspection"]["period"] for d in expected}:
        reports = [d for d in expected if d["inspection"]["period"] == period]
        for section in reports[0]["sections"]:
            for item in section["items"]:
                answers = [
                    (d["school"]["name"], i) for d in reports for s in d["sections"] for i in s["items"] if i["id"] == item["id"]
                ]
                answered = sum(i["answered"] for _, i in answers)
                na = sum(i["answered"] and not i["applicable"] for _, i in answers)
                bad = sorted(name for name, i in answers if _noncompliant(i))
                row = rows[(period, item["number"])]
                assert row["检查项目"] == item["text"] and row["部分"] == section["title"]
                assert row["已答学校数"] == answered and row["其中不适用"] == na
                if item["type"] in ("number", "date") and not bad:
                    assert row["不符合率"] is None and row["不符合学校数"] is None
                    continue
                assert row["不符合学校数"] == len(bad)
                assert row["不符合率"] == pytest.approx(len(bad) / (answered - na))
                assert sorted((row["不符合的学校"] or "").split("、") if bad else []) == bad
    autumn = rows[(PERIOD, "1.1")]
    assert 0 < autumn["不符合率"] < 1 and autumn["其中不适用"] > 0  # partial and 不适用 answers both occur
    assert rows[(PERIOD, "2.4")]["不符合学校数"] == sum(k % 7 == 6 for k in range(SCHOOLS))  # the veto item
    assert ws.cell(row=4, column=8).number_format == "0.0%"


def test_text_from_reports_is_never_a_formula(stick: Stick, workbook: Any) -> None:
    ws = workbook["汇总"]
    (cell,) = [row[0] for row in ws.iter_rows(min_row=4) if row[1].value == stick.formula_code]
    assert cell.value == "=SUM(1,2)小学" and cell.data_type == "s"
    assert all(c.data_type != "f" for sheet in workbook for row in sheet.iter_rows() for c in row)


def test_trust_folder_rejects_the_school_left_out(stick: Stick, tmp_path: Path) -> None:
    trust = tmp_path / "trust"
    trust.mkdir()
    left_out = _code(7)
    for code, cert in stick.certs.items():
        if code != left_out:
            (trust / f"{code}.pem").write_bytes(cert)
    intake = collect([stick.root], trust, workers=1)
    assert {r.code for r in intake.current} == set(stick.certs) - {left_out}
    assert all(r.trusted and r.verified_zh == "已验证（受信任证书）" for r in intake.current)
    (rejected,) = [r for r in intake.rejected if r.code == "untrusted_signer"]
    assert rejected.path == f"乡镇1/测试第8小学_{PERIOD}.pdf" and "信任文件夹" in rejected.reason_zh
    wb = openpyxl.load_workbook(_save(intake, tmp_path))
    summary = _signed_rows(wb)
    assert left_out not in {r["学校代码"] for r in summary}
    assert {r["验证结果"] for r in summary} == {"已验证（受信任证书）"}
    items = {(r["期次"], r["序号"]): r for r in _rows(wb["测试用小检查表 1.0"])}
    assert items[(PERIOD, "1.1")]["已答学校数"] == SCHOOLS - 1
    assert "测试第8小学" not in (items[(PERIOD, "1.1")]["不符合的学校"] or "")


def _save(intake: Intake, folder: Path) -> Path:
    path = folder / "out.xlsx"
    path.write_bytes(build(intake))
    return path


def test_a_bad_or_empty_trust_folder_is_an_error_naming_the_file(stick: Stick, tmp_path: Path) -> None:
    trust = tmp_path / "trust"
    trust.mkdir()
    with pytest.raises(SelfcheckError, match="没有证书"):
        collect([stick.root], trust)
    (trust / "a.pem").write_bytes(stick.certs[_code(0)])
    (trust / "坏证书.pem").write_bytes(b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
    with pytest.raises(SelfcheckError, match=r"坏证书\.pem") as caught:
        collect([stick.root], trust)
    assert "坏证书.pem" in caught.value.en
    (trust / "坏证书.pem").write_bytes(b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
    with pytest.raises(SelfcheckError, match="私钥"):
        collect([stick.root], trust)


def test_worker_processes_give_the_same_result_as_one_process(stick: Stick, intake: Intake) -> None:
    """The module's intake ran forked workers (one thread); from a second thread, as the GUI calls it, workers are
    spawned; workers=1 checks everything in this process."""
    import threading

    assert len([*stick.root.rglob("*.pdf")]) >= collect_module.POOL_MIN_FILES  # the default ran the pool
    serial = collect([stick.root], None, workers=1)
    spawned: list[Intake] = []
    thread = threading.Thread(target=lambda: spawned.append(collect([stick.root], None, workers=2)))
    thread.start()
    thread.join()
    assert serial.workers == 1 and spawned[0].workers == 2 and (intake.workers > 1 or os.cpu_count() == 1)
    for other in (serial, spawned[0]):
        assert other.current == intake.current
        assert other.rejected == intake.rejected
        assert other.history == intake.history


def test_a_worker_killed_midway_loses_no_file(stick: Stick, intake: Intake) -> None:
    """SIGKILL the worker processes once the pool runs: the files they held are checked again, one by one."""
    import multiprocessing
    import signal

    killed: list[int] = []

    def progress(done: int, total: int) -> None:
        if done >= 3 and not killed:
            for child in multiprocessing.active_children():
                os.kill(child.pid or 0, signal.SIGKILL)
                killed.append(child.pid or 0)

    again = collect([stick.root], None, progress=progress, workers=2)
    assert killed
    assert again.current == intake.current and again.rejected == intake.rejected and again.history == intake.history


def test_progress_counts_up_and_cancel_stops(stick: Stick) -> None:
    seen: list[tuple[int, int]] = []
    collect([stick.root / "乡镇0"], None, progress=lambda d, t: seen.append((d, t)), workers=1)
    total = seen[0][1]
    assert seen == [(n, total) for n in range(total + 1)] and total == 7
    with pytest.raises(Cancelled):
        collect([stick.root], None, cancel=lambda: len(seen) > total + 3, progress=lambda d, t: seen.append((d, t)))


def test_files_and_several_roots_are_shown_by_path(stick: Stick) -> None:
    one = stick.current[f"乡镇0/测试第1小学_{PERIOD}.pdf"]
    intake = collect([one, stick.root / "其他", stick.root / "乡镇1"], None, workers=1)
    assert intake.current[0].path == str(one)
    assert {r.path for r in intake.rejected} >= {"其他/发票.pdf", "其他/巨大.pdf"}
    assert any(r.path.startswith("乡镇1/") for r in intake.current)


def test_too_many_entries_stop_the_walk_with_a_message(stick: Stick, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(collect_module, "MAX_ENTRIES", 10)
    with pytest.raises(SelfcheckError, match="超过 10 个") as caught:
        collect([stick.root], None)
    assert "choose the folder" in caught.value.en


def test_missing_path_and_no_pdf_are_errors(tmp_path: Path) -> None:
    with pytest.raises(SelfcheckError, match="找不到"):
        collect([tmp_path / "nope"], None)
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(SelfcheckError, match="没有找到 PDF"):
        collect([tmp_path], None)


@pytest.mark.parametrize("text", ["汇总", "History", "a[b]:c*d?e/f\\g", "'引号'", "检" * 40, "😀" * 20, "", "\x01\x02", "'"])
def test_sheet_names_are_valid_and_unique(text: str) -> None:
    taken = {"汇总", "Sheet"}
    for _ in range(3):
        name = sheet_name(text, taken, suffix=" 1.0")
        assert 1 <= len(name.encode("utf-16-le")) // 2 <= 31
        assert not set(name) & set("[]:*?/\\") and not name.startswith("'") and not name.endswith("'")
        assert name.lower() != "history"
    assert len({t.lower() for t in taken}) == len(taken) == 5


def test_cli_collect_in_process(stick: Stick, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "汇总.xlsx"
    assert main(["bureau", "collect", str(stick.root / "乡镇0"), str(stick.root / "其他"), "--out", str(out)]) == 0
    printed = capsys.readouterr()
    assert "已检查 11 个文件：现行报告 7 份（7 所学校），历史 0 条，未采用 4 个" in printed.out
    assert "其他/发票.pdf: 文件没有数字签名" in printed.out
    assert "10/10" in printed.err  # the regular files read (not the one over the size limit)
    assert main(["bureau", "collect", str(stick.root / "乡镇0"), "--out", str(out)]) == 1
    assert "已存在" in capsys.readouterr().err
    assert main(["bureau", "collect", str(stick.root / "乡镇0"), "--out", str(out), "--overwrite"]) == 0
    capsys.readouterr()
    assert main(["bureau", "collect", str(stick.root), "--out", str(tmp_path / "x.csv")]) == 1
    printed = capsys.readouterr()
    assert ".xlsx" in printed.err and "checked" not in printed.err  # refused before any file was read


def test_cli_collect_subprocess_with_trust(stick: Stick, tmp_path: Path) -> None:
    trust = tmp_path / "证书"
    trust.mkdir()
    for code, cert in stick.certs.items():
        (trust / f"{code}.pem").write_bytes(cert)
    out = tmp_path / "county.xlsx"
    proc = subprocess.run(
        [sys.executable, "-m", "selfcheck", "bureau", "collect", str(stick.root), "--out", str(out), "--trust", str(trust)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"现行报告 {SCHOOLS + 1} 份（{SCHOOLS} 所学校）" in proc.stdout
    wb = openpyxl.load_workbook(out)
    assert len(_rows(wb["汇总"])) == SCHOOLS + 1
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".selfcheck-")]
    shutil.rmtree(trust)


def test_every_sheet_prints_landscape_to_width_with_borders_filter_and_heights(workbook: Any) -> None:
    """What a clerk gets from 打印: A4 landscape, one page wide at a readable scale, the header row on every page,
    a title and page numbers, bordered rows as tall as their wrapped text, a filter on the header."""
    for ws in workbook:
        widths = [ws.column_dimensions[get_column_letter(c)].width for c in range(1, ws.max_column + 1)]
        assert sum(widths) <= xlsx_print.MAX_UNITS, ws.title
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert ws.page_setup.fitToHeight == 0
        assert ws.print_title_rows == "$3:$3"
        assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
        assert ws.oddHeader.center.text and ws.oddHeader.center.text in str(ws["A1"].value)
        assert ws.auto_filter.ref == f"A3:{get_column_letter(ws.max_column)}{max(ws.max_row, 3)}"
        for row in ws.iter_rows(min_row=3, max_row=ws.max_row):
            assert all(c.border.left.style == "thin" and c.border.bottom.style == "thin" for c in row)
            texts = [c.value for c in row]
            need = xlsx_print.row_height(texts, widths)
            height = ws.row_dimensions[row[0].row].height
            assert (height or 0) >= (need or 0) * 0.95, (ws.title, row[0].row, texts)
    long_rows = [
        r
        for ws in workbook
        for r in range(4, ws.max_row + 1)
        if any(xlsx_print.lines(c.value, 8) > 1 for c in ws[r] if isinstance(c.value, str))
    ]
    assert long_rows  # the data has wrapped cells, so the height check above checked something


def test_row_height_grows_with_wrapped_text() -> None:
    assert xlsx_print.row_height(["短"], [10]) is None
    two = xlsx_print.row_height(["一二三四五六七八九十"], [10])
    four = xlsx_print.row_height(["一二三四五六七八九十" * 2], [10])
    assert two and four and four > two > xlsx_print.LINE_PT
    assert xlsx_print.row_height(["a\nb\nc"], [40]) == 3 * xlsx_print.LINE_PT + 3
    with pytest.raises(AssertionError):
        xlsx_print.check_fits([100, 100, 100])
