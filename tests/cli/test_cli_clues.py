"""The clue register at the command line: a parent's call to 办结, problems closed only under 四不放过 in full."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from selfcheck.cli.main import main
from tests.conftest import ROOT

CONTACT = "13812345678"


def cli(data: Path, *args: str) -> int:
    return main(["--data-dir", str(data), *args])


def last_line(text: str) -> str:
    return text.strip().splitlines()[-1]


def test_a_parents_call_to_conclusion(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def ok(*args: str) -> str:
        assert cli(tmp_path, *args) == 0, capsys.readouterr().err
        return capsys.readouterr().out

    def refused(*args: str) -> str:
        assert cli(tmp_path, *args) == 1
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        return captured.err

    add = ("clue", "add", "--source", "家长来电", "--received", "2026-11-10", "--summary", "数学老师暑期有偿补课")
    cid = last_line(ok(*add, "--contact", CONTACT, "--staff", "李老师"))
    assert cid == "1"
    listed = ok("clue", "list")
    assert "138****5678" in listed and CONTACT not in listed and "[受理]" in listed
    assert json.loads(ok("clue", "list", "--json"))[0]["contact"] == "138****5678"
    assert json.loads(ok("clue", "show", cid, "--json", "--reveal-contact"))["contact"] == CONTACT

    assert "下一步可以是：核查" in refused("clue", "update", cid, "--stage", "处理", "--handling", "x")
    assert "不记录 --handling" in refused("clue", "update", cid, "--stage", "核查", "--finding", "属实", "--handling", "x")
    assert "尚未核查" in refused("clue", "raise-problem", cid)
    assert "请用 --stage" in refused("clue", "update", cid)
    assert "已更正" in ok("clue", "update", cid, "--staff", "李某某老师")
    assert "分两次" in refused("clue", "update", cid, "--stage", "核查", "--staff", "x")
    ok("clue", "update", cid, "--stage", "核查", "--finding", "属实", "--checked-by", "王副校长")
    pid = last_line(ok("clue", "raise-problem", cid, "--measure", "责令退还补课费", "--owner", "王副校长"))
    problem = json.loads(ok("problem", "list", "--json"))[0]
    assert (str(problem["id"]), problem["clue_id"], problem["source_label"]) == (pid, 1, "线索")
    ok("problem", "update", pid, "--status", "已整改")

    # problem close refuses, naming exactly what 四不放过 still lacks
    close = ("problem", "close", pid, "--verified-by", "张明", "--evidence", "退费收据")
    err = refused(*close)
    assert "处理到位——处理情况" in err and "答复反映人——线索 #1 的答复" in err
    err = refused(*close, "--handling", "退费并诫勉谈话")
    assert "处理情况" not in err and "答复反映人" in err

    ok("clue", "update", cid, "--stage", "处理", "--handling", "责令退费，给予诫勉", "--accountability", "诫勉")
    ok("clue", "update", cid, "--stage", "答复", "--answer", "电话告知家长处理结果", "--answered-on", "2026-11-19")
    assert "问题 #1 销号" in refused("clue", "update", cid, "--stage", "办结")
    closed = json.loads(ok(*close, "--handling", "退费并诫勉谈话", "--json"))
    assert closed["status"] == "closed" and closed["handling"] == "退费并诫勉谈话"
    ok("clue", "update", cid, "--stage", "办结")

    shown = ok("clue", "show", cid)
    assert "[办结]" in shown and "诫勉" in shown and "答复：电话告知家长处理结果（2026-11-19）" in shown
    assert CONTACT not in shown
    steps = json.loads(ok("clue", "show", cid, "--json"))["steps"]
    assert [s["stage"] for s in steps] == ["受理", "核查", "处理", "答复", "办结"]
    assert [e["action"] for e in json.loads(ok("audit", "--clue", cid, "--json"))] == [
        "receive",
        "correct",
        "stage",
        "raise_problem",
        "stage",
        "stage",
        "stage",
    ]

    ok("clue", "add", "--source", "学生来信", "--received", "2026-11-12", "--summary", "食堂饭菜分量不足")
    tally = json.loads(ok("clue", "tally", "--from", "2026-11-01", "--to", "2026-11-30", "--json"))
    assert tally == {"accepted": 2, "true": 1, "accountable": 1, "concluded": 1, "in_progress": 1}
    sentence = ok("clue", "tally", "--from", "2026-11-01", "--to", "2026-11-30")
    assert sentence.strip() == "受理问题线索2件，经核查属实（含部分属实）1件，追责问责1件；已办结1件，正在办理中1件。"


def test_bad_input_gets_a_clear_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(tmp_path, "clue", "add", "--source", "家长反映", "--received", "2026-11-10", "--summary", "x") == 1
    assert "--channel" in capsys.readouterr().err
    assert cli(tmp_path, "clue", "add", "--source", "家长来电", "--received", "昨天", "--summary", "x") == 1
    assert "受理日期“昨天”不是有效日期" in capsys.readouterr().err
    assert cli(tmp_path, "clue", "update", "5", "--stage", "核查", "--finding", "属实", "--checked-by", "王") == 1
    assert "没有编号为 5 的线索" in capsys.readouterr().err
    assert cli(tmp_path, "clue", "list", "--stage", "结案") == 1
    assert "未知的办理阶段" in capsys.readouterr().err
    assert cli(tmp_path, "audit", "--clue", "7") == 1
    assert "没有编号为 7 的线索" in capsys.readouterr().err


def test_the_command_runs_as_a_program(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [sys.executable, "-m", "selfcheck", "--data-dir", str(tmp_path), "clue", "add", "--source", "12345转办"]
    done = subprocess.run(
        [*args, "--received", "2026-11-01", "--summary", "强制购买教辅", "--contact", CONTACT],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert last_line(done.stdout) == "1" and "12345" in done.stdout
