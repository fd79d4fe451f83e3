"""Small CLI cases run in-process (fast): messages for ids that do not exist, notes that are not text, UTF-16."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selfcheck.cli.main import main
from tests.cli.helpers import cli
from tests.conftest import DATA


def test_audit_of_a_missing_inspection_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(tmp_path, "audit", "--inspection", "999") == 1
    assert "没有编号为 999 的自查" in capsys.readouterr().err


def test_a_note_that_is_not_text_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(tmp_path, "template", "import", "--allow-unsigned", str(DATA / "mini.yaml")) == 0
    assert cli(tmp_path, "inspection", "new", "--template", "mini", "--period", "2026年秋季学期") == 0
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"answers": [{"item": "s1.study", "option": "no", "note": 5}]}), encoding="utf-8")
    capsys.readouterr()
    assert cli(tmp_path, "inspection", "answer", "1", "--file", str(answers)) == 1
    assert "note" in capsys.readouterr().err
    assert cli(tmp_path, "inspection", "show", "1", "--json") == 0
    assert json.loads(capsys.readouterr().out)["progress"]["answered"] == 0


def test_utf16_checklist_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "utf16.yaml"
    path.write_bytes((DATA / "mini.yaml").read_text(encoding="utf-8").encode("utf-16"))
    assert cli(tmp_path, "template", "validate", str(path)) == 1
    assert "UTF-16" in capsys.readouterr().err


def test_checklist_is_the_command_and_template_its_old_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(tmp_path, "checklist", "import", "--allow-unsigned", str(DATA / "mini.yaml")) == 0
    capsys.readouterr()
    assert cli(tmp_path, "checklist", "list", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert cli(tmp_path, "template", "list", "--json") == 0
    assert json.loads(capsys.readouterr().out) == listed
    assert "mini" in {row["template_id"] for row in listed}
    with pytest.raises(SystemExit):
        cli(tmp_path, "--help")
    assert "checklist" in capsys.readouterr().out


def test_each_group_is_built_in_full_when_named(capsys: pytest.CaptureFixture[str]) -> None:
    """Only the command group the line names is built in full; its help reads the same as from the whole parser."""
    from selfcheck.cli.main import build_parser
    from selfcheck.cli.zh_argparse import building_for

    full = build_parser()
    groups = next(a for a in full._actions if a.dest == "group").choices
    assert {"checklist", "template", "inspection", "problem", "report"} <= set(groups)
    for name, parser in groups.items():
        with pytest.raises(SystemExit):
            main([name, "--help"])
        assert capsys.readouterr().out == parser.format_help(), name
    with building_for(["checklist", "list"]):
        lazy = build_parser()
    lazy_groups = next(a for a in lazy._actions if a.dest == "group").choices
    assert lazy_groups.keys() == groups.keys()
    assert lazy_groups["checklist"].format_help() == groups["checklist"].format_help()
    assert lazy_groups["inspection"].format_help() != groups["inspection"].format_help()  # a shell: no subcommands


def test_every_command_names_a_function_that_exists() -> None:
    """Each subcommand's `func` (a name in commands.py, or "module:function") resolves: a renamed handler whose
    parser still names the old one would fail only when a person runs that command."""
    import argparse
    import importlib

    from selfcheck.cli import commands
    from selfcheck.cli.main import build_parser

    def leaves(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            return [parser]
        return [leaf for a in subs for p in dict.fromkeys(a.choices.values()) for leaf in leaves(p)]

    funcs = {leaf.get_default("func") for leaf in leaves(build_parser())} - {None}
    assert len(funcs) > 40
    for func in funcs:
        module, _, name = func.rpartition(":")
        assert hasattr(importlib.import_module(module) if module else commands, name), func
