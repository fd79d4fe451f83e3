"""Issue 17's "done when", as one story through the real command (a child process per step, the day moved as the
term goes on): a parent's call is registered, checked, handled, answered and concluded; the ledger problem raised from
it closes only under 四不放过 in full; its task and a standalone one show progress, overdue and stalled; the cadence
says what is due; the clue register is exported; the quarterly summary is generated, signed, verified by
`report verify` against the school's certificate, and carries the clue tally but never the parent's contact."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from tests.cli.helpers import DATA, Run, as_json, fail, write_json
from tests.cli.test_cli_flow import plan_answers

PASSPHRASE = "correct horse battery staple"
CONTACT = "13812345678"
Q4 = ("--kind", "季度小结", "--from", "2026-10-01", "--to", "2026-12-31")


def last(proc: subprocess.CompletedProcess[str]) -> str:
    return proc.stdout.strip().splitlines()[-1]


def due(run: Run) -> dict[tuple[str, str], str]:
    return {(d["kind_label"], d["period"]): d["state_label"] for d in as_json(run("cadence", "show", "--json"))["due"]}


def test_a_parents_call_from_receipt_to_a_signed_quarterly_summary(
    run: Run, tmp_path: Path, set_today: Callable[[dt.date], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SELFCHECK_PASSPHRASE", PASSPHRASE)
    cert = tmp_path / "城关第一小学.pem"

    # October: the school, its key, its rhythm; the month's check done.
    set_today(dt.date(2026, 10, 8))
    run("school", "set", "--name", "城关第一小学", "--code", "3412345678", "--principal", "张明")
    run("keys", "init")
    run("keys", "export-cert", "--out", cert)
    run("checklist", "import", "--allow-unsigned", DATA / "mini.yaml")
    run("cadence", "set", "--monthly", "mini", "--quarterly", "--since", "2026-10-01")
    assert due(run)[("月度检查", "2026年10月")] == "待完成"
    iid = last(run("inspection", "new", "--template", "mini", "--period", "2026年10月月度检查"))
    answers, _roles = plan_answers(as_json(run("checklist", "show", "mini", "--json")))
    run("inspection", "answer", iid, "--file", write_json(tmp_path / "answers.json", {"answers": answers}))
    run("inspection", "raise-problems", iid)
    run("inspection", "complete", iid)
    assert due(run)[("月度检查", "2026年10月")] == "已落实"

    # 受理: a parent calls; the contact is kept, shown masked.
    set_today(dt.date(2026, 10, 12))
    received = ("--received", "2026-10-12", "--summary", "数学老师暑期有偿补课", "--contact", f"王女士 {CONTACT}")
    cid = last(run("clue", "add", "--source", "家长来电", *received, "--staff", "李老师"))
    assert "138****5678" in run("clue", "list").stdout and CONTACT not in run("clue", "list").stdout

    # 核查 → a ledger problem raised from the clue, and a task (定标准、定责任、定时间) to carry it out.
    set_today(dt.date(2026, 10, 15))
    run("clue", "update", cid, "--stage", "核查", "--finding", "属实", "--checked-by", "王副校长")
    pid = last(
        run("clue", "raise-problem", cid, "--measure", "责令退还补课费", "--owner", "王副校长", "--deadline", "2026-11-30")
    )
    tid = last(run("task", "add", "--problem", pid, "--standard", "补课费全部退还、签收单齐全"))
    run("task", "progress", tid, "--percent", "40", "--note", "已退还 12 户")
    quiet = last(
        run(
            "task",
            "add",
            "--title",
            "师德师风专题学习",
            "--standard",
            "全体教师参加",
            "--owner",
            "李华",
            "--deadline",
            "2026-12-20",
        )
    )

    # 处理, with accountability; the problem is fixed but cannot close before the parent is answered.
    set_today(dt.date(2026, 10, 20))
    run("clue", "update", cid, "--stage", "处理", "--handling", "责令退费，全校通报", "--accountability", "诫勉")
    run("problem", "update", pid, "--status", "已整改")
    close = ("problem", "close", pid, "--verified-by", "张明", "--evidence", "退费签收单")
    refused = fail(run(*close, check_code=1))
    assert "处理到位——处理情况" in refused and f"线索 #{cid} 的答复" in refused
    refused = fail(run(*close, "--handling", "退费并诫勉谈话", check_code=1))
    assert "处理情况" not in refused and "答复反映人" in refused
    assert "下一步可以是：答复" in fail(run("clue", "update", cid, "--stage", "办结", check_code=1))

    # 答复, then the close-out under the full 四不放过, then 办结.
    set_today(dt.date(2026, 10, 22))
    run("clue", "update", cid, "--stage", "答复", "--answer", "电话告知家长处理结果，家长满意", "--answered-on", "2026-10-22")
    assert f"问题 #{pid} 销号" in fail(run("clue", "update", cid, "--stage", "办结", check_code=1))
    closed = as_json(run(*close, "--handling", "退费并诫勉谈话", "--json"))
    assert closed["status"] == "closed" and closed["handling"] == "退费并诫勉谈话"
    run("task", "progress", tid, "--percent", "100", "--note", "全部退还，签收单归档")
    run("clue", "update", cid, "--stage", "办结")
    shown = as_json(run("clue", "show", cid, "--json"))
    assert [s["stage"] for s in shown["steps"]] == ["受理", "核查", "处理", "答复", "办结"]
    assert shown["problem_ids"] == [int(pid)] and shown["contact"] == "138****5678"
    assert [e["action"] for e in as_json(run("audit", "--clue", cid, "--json"))].count("stage") == 4

    # Tasks show progress; the standalone one, untouched, becomes stalled, then overdue.
    tasks = {t["id"]: t for t in as_json(run("task", "list", "--json"))}
    assert (tasks[int(tid)]["percent"], tasks[int(tid)]["state_label"]) == (100, "已落实")
    set_today(dt.date(2026, 11, 25))
    tasks = {t["id"]: t for t in as_json(run("task", "list", "--json"))}
    assert tasks[int(quiet)]["stalled"] and tasks[int(quiet)]["state_label"] == "停滞"
    assert [t["id"] for t in as_json(run("task", "list", "--stalled", "--json"))] == [int(quiet)]

    # The register for the bureau: the period's clues, the contact masked.
    stick = tmp_path / "U盘"
    stick.mkdir()
    book = Path(last(run("clue", "export", "--from", "2026-10-01", "--to", "2026-12-31", "--out", stick)))
    cells = [str(v) for row in openpyxl.load_workbook(book).active.iter_rows(values_only=True) for v in row if v]
    assert "数学老师暑期有偿补课" in cells and "138****5678" in cells and not any(CONTACT in c for c in cells)
    assert any("已办结" in c for c in cells) and any("问责：诫勉" in c for c in cells)

    # January: the quarter's summary is due; it is generated, signed and verified, then done.
    set_today(dt.date(2027, 1, 6))
    agenda = due(run)
    assert agenda[("季度小结", "2026年第四季度")] == "待完成" and agenda[("月度检查", "2026年11月")] == "已逾期"
    assert as_json(run("task", "show", quiet, "--json"))["state_label"] == "已逾期"
    tally = as_json(run("clue", "tally", "--from", "2026-10-01", "--to", "2026-12-31", "--json"))
    assert tally == {"accepted": 1, "true": 1, "accountable": 1, "concluded": 1, "in_progress": 0}
    pdf = Path(last(run("period", "summary", *Q4, "--out", stick)))
    assert pdf.name == "城关第一小学_2026年第四季度_季度小结.pdf"
    checked = run("report", "verify", pdf, "--trust", cert)
    assert "通过" in checked.stdout and "季度小结" in checked.stdout and "未用 --trust" not in checked.stdout
    data = as_json(run("report", "data", pdf, "--trust", cert, "--json"))
    assert data["clues"]["accepted"] == 1 and data["clues"]["accountable"] == 1 and data["clues"]["concluded"] == 1
    assert [p["id"] for p in data["ledger"]["closed"]] == [int(pid)]
    assert {t["title"] for t in data["tasks"]} >= {"数学老师暑期有偿补课", "师德师风专题学习"}
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "受理问题线索1件，经核查属实（含部分属实）1件，追责问责1件；已办结1件，正在办理中0件。" in text
    assert CONTACT not in text and CONTACT not in str(data) and "王女士" not in str(data)
    assert due(run)[("季度小结", "2026年第四季度")] == "已落实"
    tampered = tmp_path / "改过的.pdf"
    tampered.write_bytes(pdf.read_bytes().replace(b"%%EOF", b"%%EOF\n%x", 1))
    assert "未通过" in run("report", "verify", tampered, "--trust", cert, check_code=1).stdout
