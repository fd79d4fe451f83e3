"""Fixtures for the CLI tests: a data folder per test and `run`, bound to it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import Run, run_cli


@pytest.fixture
def cli_dir(tmp_path: Path) -> Path:
    return tmp_path / "cli-data"


@pytest.fixture
def run(cli_dir: Path, tmp_path: Path) -> Run:
    """run(*args, check_code=0) → CompletedProcess, always with --data-dir pointing at this test's folder."""

    def _run(*args: str | os.PathLike[str], check_code: int | None = 0, **kw: Any) -> subprocess.CompletedProcess[str]:
        kw.setdefault("cwd", tmp_path)
        return run_cli(*args, data_dir=cli_dir, check_code=check_code, **kw)

    return _run
