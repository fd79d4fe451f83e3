"""The responsibility list and the cadence through the real command: tasks from a problem and standalone, progress
with evidence, overdue and stalled; the rhythm and what is due; a quarterly summary edited, signed, verified by
`report verify`, its data read back, its text locked once signed; refusals in Chinese."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.helpers import DATA, Run, as_json, fail

PASSPHRASE = "correct horse battery staple"
QUARTER = ("--kind", "季度小结", "--from", "2026-10-01", "--to", "2026-12-31")


def last_line(proc: subprocess.CompletedProcess[str]) -> str:
    return proc.stdout.strip().splitlines()[-1]


@pytest.fixture
def school(run: Run, monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.setenv("SELFCHECK_PASSPHRASE", PASSPHRASE)
    run("school", "set", "--name", "城关第一小学", "--code", "3412345678", "--principal", "张明")
    run("checklist", "import", "--allow-unsigned", DATA / "mini.yaml")
    return run


def test_tasks_progress_overdue_and_stalled(school: Run, tmp_path: Path, set_today: Callable[[dt.date], None]) -> None:
    run = school
    pid = last_line(run("problem", "add", "--description", "课后服务收费未公示", "--owner", "王老师", "--deadline", "2026-12-10"))
    from_problem = int(last_line(run("task", "add", "--problem", pid, "--standard", "公示栏和家长群同时公示")))
    standalone = int(
        last_line(
            run("task", "add", "--title", "食堂每日台账", "--standard", "台账齐全", "--owner", "赵六", "--deadline", "2027-01-31")
        )
    )
    shown = as_json(run("task", "show", str(from_problem), "--json"))
    assert (shown["owner"], shown["deadline"], shown["problem_id"]) == ("王老师", "2026-12-10", int(pid))
    photo = tmp_path / "公示照片.png"
    photo.write_bytes(b"\x89PNG photo of the board")
    run("task", "progress", str(from_problem), "--percent", "50", "--note", "公示栏已张贴", "--evidence", photo)
    listed = {t["id"]: t for t in as_json(run("task", "list", "--json"))}
    assert listed[from_problem]["percent"] == 50 and listed[from_problem]["state_label"] == "推进中"
    assert listed[standalone]["state_label"] == "未开始"
    entries = as_json(run("task", "show", str(from_problem), "--json"))["progress"]
    assert entries[0]["evidence_name"] == "公示照片.png" and entries[0]["on"] == "2026-11-20"

    set_today(dt.date(2026, 12, 21))  # the problem's task is past its deadline; neither moved for 31 days
    listed = {t["id"]: t for t in as_json(run("task", "list", "--json"))}
    assert listed[from_problem]["overdue"] and listed[from_problem]["state_label"] == "已逾期"
    assert listed[standalone]["stalled"] and listed[standalone]["state_label"] == "停滞"
    assert [t["id"] for t in as_json(run("task", "list", "--json"))][:2] == [from_problem, standalone]  # first
    assert [t["id"] for t in as_json(run("task", "list", "--overdue", "--json"))] == [from_problem]
    assert [t["id"] for t in as_json(run("task", "list", "--stalled", "--json"))] == [from_problem, standalone]
    text = run("task", "list").stdout
    assert "【已逾期】" in text and "【停滞】" in text

    assert "0 到 100" in fail(run("task", "progress", str(standalone), "--percent", "120", "--note", "x", check_code=1))
    assert "完成标准" in fail(run("task", "add", "--title", "x", "--owner", "y", "--deadline", "2027-01-01", check_code=1))
    assert "不是有效日期" in fail(
        run("task", "add", "--title", "x", "--standard", "s", "--owner", "y", "--deadline", "明天", check_code=1)
    )
    missing = fail(
        run("task", "progress", str(standalone), "--percent", "5", "--note", "x", "--evidence", tmp_path / "无.png", check_code=1)
    )
    assert "找不到文件" in missing
    assert "没有编号为 99 的任务" in fail(run("task", "show", "99", check_code=1))


def test_cadence_and_a_signed_quarterly_summary(school: Run, tmp_path: Path, set_today: Callable[[dt.date], None]) -> None:
    run = school
    assert "尚未设置工作节奏" in run("cadence", "show").stdout
    run("cadence", "set", "--monthly", "mini", "--quarterly", "--half-year", "--since", "2026-10-01")
    due = as_json(run("cadence", "show", "--json"))["due"]
    assert [(d["kind_label"], d["period"], d["state_label"]) for d in due] == [
        ("月度检查", "2026年10月", "已逾期"),
        ("月度检查", "2026年11月", "待完成"),
    ]
    iid = last_line(run("inspection", "new", "--template", "mini", "--period", "2026年11月月度检查"))
    due = as_json(run("cadence", "show", "--json"))["due"]
    assert ("2026年11月", "进行中", int(iid)) in [(d["period"], d["state_label"], d["ref"]) for d in due]

    run("keys", "init")
    pid = last_line(run("problem", "add", "--description", "图书室开放时间未公示", "--owner", "李华", "--deadline", "2026-11-30"))
    task = last_line(run("task", "add", "--problem", pid, "--standard", "开放时间上墙"))
    run("task", "progress", task, "--percent", "30", "--note", "已拟定开放时间")

    written = run("period", "narrative", *QUARTER).stdout
    assert written.startswith("一、基本情况") and "本期新发现问题1个" in written and "已拟定" not in written
    edited = tmp_path / "小结.txt"
    edited.write_text(written.replace("一、基本情况", "一、基本情况（校长修改）"), encoding="utf-8")
    run("period", "narrative", *QUARTER, "--file", edited, "--number", "城关一小〔2026〕9号")
    assert "校长修改" in run("period", "narrative", *QUARTER).stdout

    set_today(dt.date(2027, 1, 6))
    late = as_json(run("cadence", "show", "--json"))["due"]
    assert ("季度小结", "2026年第四季度", "待完成", "2027-01-10") in [
        (d["kind_label"], d["period"], d["state_label"], d["due_on"]) for d in late
    ]
    stick = tmp_path / "U盘"
    stick.mkdir()
    made = run("period", "summary", *QUARTER, "--out", stick)
    pdf = Path(last_line(made))
    assert pdf.parent == stick and pdf.name == "城关第一小学_2026年第四季度_季度小结.pdf"
    checked = run("report", "verify", pdf)
    assert "通过" in checked.stdout and "季度小结" in checked.stdout and "2026年第四季度" in checked.stdout
    data = as_json(run("report", "data", pdf, "--json"))
    assert (data["format"], data["kind"], data["period"]["label"]) == ("selfcheck.period/1", "quarterly", "2026年第四季度")
    assert data["document"]["edited"] and data["document"]["document_number"] == "城关一小〔2026〕9号"
    assert [t["entries"][0]["note"] for t in data["tasks"]] == ["已拟定开放时间"]
    assert [p["description"] for p in data["ledger"]["overdue"]] == ["图书室开放时间未公示"]
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "城关第一小学2026年第四季度工作小结" in text and "（校长修改）" in text and "城关一小〔2026〕9号" in text

    quarter = [d for d in as_json(run("cadence", "show", "--json"))["due"] if d["kind_label"] == "季度小结"]
    assert [(d["period"], d["state_label"]) for d in quarter] == [("2026年第四季度", "已落实")]
    listed = as_json(run("period", "list", "--json"))
    assert listed[0]["signed_at"] and listed[0]["path"] == str(pdf)
    assert "已签名" in fail(run("period", "narrative", *QUARTER, "--file", edited, check_code=1))
    run("period", "reopen", *QUARTER)
    run("period", "narrative", *QUARTER, "--file", edited)  # open again: the text can be corrected
    assert as_json(run("period", "list", "--json"))[0]["signed_at"] is None
    assert "尚未签名" in fail(run("period", "reopen", *QUARTER, check_code=1))

    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(pdf.read_bytes() + b"%garbage\n")
    assert "未通过" in run("report", "verify", tampered, check_code=1).stdout
    assert "未知的类型" in fail(
        run("period", "summary", "--kind", "年度总结", "--from", "2026-01-01", "--to", "2026-12-31", "--out", stick, check_code=1)
    )
    assert "早于开始日期" in fail(
        run("period", "summary", "--kind", "半年考核", "--from", "2026-12-31", "--to", "2026-07-01", "--out", stick, check_code=1)
    )
