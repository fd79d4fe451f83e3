"""The principal's flow without a stumble, at the command line: labels as answers, reopen, keys show, messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selfcheck.cli.main import main
from tests.cli.helpers import cli
from tests.conftest import DATA

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def mini(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert cli(tmp_path, "template", "import", "--allow-unsigned", str(DATA / "mini.yaml")) == 0
    assert cli(tmp_path, "inspection", "new", "--template", "mini", "--period", "2026年秋季学期") == 0
    capsys.readouterr()
    return tmp_path


def answers_file(folder: Path, *answers: dict[str, object]) -> str:
    path = folder / "answers.json"
    path.write_text(json.dumps({"answers": list(answers)}, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_answers_take_the_labels_a_person_types(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = answers_file(
        mini,
        {"item": "s1.study", "option": " 是 "},
        {"item": "s2.firstask", "option": "ｏｋ"},
    )
    assert cli(mini, "inspection", "answer", "1", "--file", file) == 0
    capsys.readouterr()
    assert cli(mini, "inspection", "show", "1", "--json") == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["progress"]["answered"] == 2
    file = answers_file(mini, {"item": "s2.firstask", "option": "达标 "})
    assert cli(mini, "inspection", "answer", "1", "--file", file) == 0


def test_an_unknown_label_names_the_item_and_the_labels_allowed(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = answers_file(mini, {"item": "s1.study", "option": "基本落实"})
    assert cli(mini, "inspection", "answer", "1", "--file", file) == 1
    err = capsys.readouterr().err
    assert "s1.study" in err and "基本落实" in err
    assert "是（yes）" in err and "不适用（na）" in err
    assert "Traceback" not in err


def test_reopen_is_a_command_and_the_locked_message_names_it(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from selfcheck.storage import Store

    with Store.open(mini) as store:
        store.record_export(1, "x.pdf", "0" * 64, signed=True, fingerprint="AB", document_id="d")
    file = answers_file(mini, {"item": "s1.study", "option": "yes"})
    assert cli(mini, "inspection", "answer", "1", "--file", file) == 1
    assert "selfcheck inspection reopen 1" in capsys.readouterr().err
    assert cli(mini, "inspection", "reopen", "1") == 0
    assert "第 2 版" in capsys.readouterr().out
    assert cli(mini, "inspection", "answer", "1", "--file", file) == 0
    assert cli(mini, "inspection", "reopen", "1") == 1
    assert "无需重新打开" in capsys.readouterr().err


@pytest.fixture
def keyed(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SELFCHECK_PASSPHRASE", PASSPHRASE)
    assert cli(tmp_path, "school", "set", "--name", "城关第一小学", "--code", "3101010001", "--principal", "王校长") == 0
    assert cli(tmp_path, "keys", "init") == 0
    capsys.readouterr()
    return tmp_path


def test_keys_show_prints_readable_lines(keyed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(keyed, "keys", "show") == 0
    shown = capsys.readouterr().out
    assert "学校：城关第一小学（代码 3101010001）" in shown
    assert "有效期：2026年11月20日 至 2036年11月" in shown
    assert "密钥保存在：" in shown
    assert "{" not in shown and "'name'" not in shown
    assert cli(keyed, "keys", "show", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["school"] == "城关第一小学" and data["valid_until"].startswith("2036-")


def test_export_cert_into_a_missing_folder_says_the_folder_does_not_exist(
    keyed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(keyed, "keys", "export-cert", "--out", str(keyed / "nowhere" / "cert.pem")) == 1
    err = capsys.readouterr().err
    assert "不存在" in err and "U盘" not in err
    assert cli(keyed, "keys", "export-cert", "--out", str(keyed / "cert.pem")) == 0


def test_an_old_paper_ledger_can_be_entered(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(mini, "problem", "add", "--description", "未来的问题", "--raised-on", "2026-11-21") == 1
    assert "晚于今天" in capsys.readouterr().err
    assert cli(mini, "problem", "add", "--description", "纸质台账第3条", "--raised-on", "2025-09-01", "--json") == 0
    added = json.loads(capsys.readouterr().out)
    assert added["raised_on"] == "2025-09-01"
    pid = str(added["id"])
    assert cli(mini, "problem", "update", pid, "--measure", "已补齐", "--status", "已整改") == 0
    close = (
        "problem",
        "close",
        pid,
        "--verified-by",
        "张明",
        "--evidence",
        "台账照片",
        "--handling",
        "已补齐",
        "--date",
        "2025-08-30",
    )
    assert cli(mini, *close) == 1
    assert "--reason" in capsys.readouterr().err
    assert cli(mini, *close, "--reason", "纸质台账中验收日期记在提出之前") == 0
    assert "纸质台账中验收日期记在提出之前" in capsys.readouterr().out
    assert cli(mini, "audit", "--problem", pid) == 0
    assert "纸质台账中验收日期记在提出之前" in capsys.readouterr().out


def test_help_and_usage_errors_read_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    shown = capsys.readouterr().out
    assert "用法 / usage: selfcheck" in shown
    assert "位置参数" in shown and "选项 / options" in shown and "显示本帮助并退出" in shown
    assert "show program's version" not in shown
    for args, zh in (
        (["inspection", "bogus"], "无效的选择 'bogus'（可选："),
        (["problem", "close", "1", "--evidence", "x"], "缺少必需的参数：--verified-by"),
        (["template", "list", "extra"], "无法识别的参数：extra"),
        (["template", "show", "mini", "--version"], "参数 --version：需要一个值"),
        (["inspection", "show", "abc"], "参数 ID：编号应为正整数"),
    ):
        with pytest.raises(SystemExit) as done:
            main(args)
        assert done.value.code == 2
        err = capsys.readouterr().err
        assert "用法 / usage:" in err and "用法错误" in err and zh in err, err
