"""Helpers for the CLI tests: run the real `selfcheck` command in a subprocess and read what it prints."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CHECKLISTS = sorted((ROOT / "checklists").glob("*.yaml"))
DATA = ROOT / "tests" / "data"

Run = Callable[..., subprocess.CompletedProcess[str]]


def run_cli(
    *args: str | os.PathLike[str],
    data_dir: Path | None = None,
    check_code: int | None = 0,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """`python -m selfcheck [--data-dir D] ARGS`; check the exit code and that no traceback ever leaks."""
    argv = [sys.executable, "-m", "selfcheck"]
    if data_dir is not None:
        argv += ["--data-dir", str(data_dir)]
    argv += [str(a) for a in args]
    proc = subprocess.run(
        argv,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="strict",
        env=env if env is not None else dict(os.environ),
        cwd=cwd,
        timeout=120,
    )
    shown = (
        f"$ selfcheck {' '.join(map(str, args))}\n--- exit {proc.returncode}\n"
        f"--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}"
    )
    assert "Traceback" not in proc.stdout + proc.stderr, shown
    if check_code is not None:
        assert proc.returncode == check_code, shown
    return proc


def fail(proc: subprocess.CompletedProcess[str]) -> str:
    """A user-facing failure: exit 1 and a message on stderr that has Chinese in it (the traceback check is in run_cli)."""
    assert proc.returncode == 1, proc
    assert proc.stderr.strip(), proc
    assert any("\u4e00" <= ch <= "\u9fff" for ch in proc.stderr), proc.stderr
    return proc.stderr


def as_json(proc: subprocess.CompletedProcess[str]) -> Any:
    return json.loads(proc.stdout)


def new_inspection(run: Run, template: str, *extra: str, period: str = "2026年秋季学期") -> int:
    proc = run("inspection", "new", "--template", template, "--period", period, *extra)
    return int(proc.stdout.strip().splitlines()[-1])


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def cli(data: Path, *args: str) -> int:
    """The command run in this process (fast; what it prints through capsys); its exit code."""
    from selfcheck.cli.main import main

    return main(["--data-dir", str(data), *args])


def mini_inspection(data: Path) -> None:
    """A school, the mini checklist and an inspection of it (id 1), each command asserted to succeed."""
    assert cli(data, "school", "set", "--name", "城关第一小学", "--code", "3412345678", "--principal", "张明") == 0
    assert cli(data, "template", "import", "--allow-unsigned", str(DATA / "mini.yaml")) == 0
    assert cli(data, "inspection", "new", "--template", "mini", "--period", "2026年秋季学期") == 0
