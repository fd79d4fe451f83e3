"""The lock: every install (setup.sh, CI, the frozen build) takes exactly requirements.txt, with hashes, and
the lock agrees with pyproject.toml's compatible ranges."""

from __future__ import annotations

import importlib.util
import os
import re
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.txt"

_spec = importlib.util.spec_from_file_location("lockcheck", ROOT / "scripts" / "lockcheck.py")
assert _spec and _spec.loader
lockcheck = importlib.util.module_from_spec(_spec)
sys.modules["lockcheck"] = lockcheck
_spec.loader.exec_module(lockcheck)


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    build = [line.split("#")[0].strip() for line in (ROOT / "requirements-build.in").read_text().splitlines()]
    return [Requirement(r) for r in [*reqs, *(b for b in build if b)]]


def test_every_pin_carries_hashes() -> None:
    blocks = re.split(r"\n(?=[A-Za-z0-9])", LOCK.read_text(encoding="utf-8"))
    entries = [b for b in blocks if "==" in b.split("\n")[0]]
    assert len(entries) == len(lockcheck.pins()) > 40
    for block in entries:
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", block), f"no hash for {block.splitlines()[0]}"


def test_every_dependency_is_locked_within_its_range() -> None:
    pins = lockcheck.pins()
    for req in declared():
        name = lockcheck.normalise(req.name)
        assert name in pins, f"{req.name} is in pyproject.toml but not in the lock: run bash scripts/lock.sh"
        version = pins[name][0]
        assert req.specifier.contains(version, prereleases=True), f"{req.name}=={version} is outside {req.specifier}"


def test_tools_are_bounded() -> None:
    """ruff and mypy change their rules between releases: an upper bound makes an upgrade a decision."""
    for req in declared():
        if req.name in {"ruff", "mypy", "PySide6-Essentials", "pyHanko"}:
            assert any(s.operator in {"<", "<=", "~=", "=="} for s in req.specifier), f"{req} has no upper bound"


def test_the_windows_build_is_locked_too() -> None:
    pins = lockcheck.pins()
    for name in ("pywin32-ctypes", "pefile"):  # PyInstaller's Windows-only dependencies
        assert name in pins and "win32" in (pins[name][1] or "")


@pytest.mark.skipif(
    bool(os.environ.get("SELFCHECK_UNLOCKED")), reason="setup.sh test-newest: the newest allowed versions, on purpose"
)
def test_this_environment_is_the_lock() -> None:
    """The suite runs on exactly what is locked (bash scripts/setup.sh test installs it)."""
    assert lockcheck.differences() == []


def test_the_check_sees_a_difference(tmp_path: Path) -> None:
    lock = tmp_path / "lock.txt"
    lock.write_text(
        "pytest==0.0.1 \\\n    --hash=sha256:" + "0" * 64 + "\n"
        "not-a-package-here==1.0 \\\n    --hash=sha256:" + "1" * 64 + "\n"
        "pywin32-ctypes==0.2.3 ; sys_platform == 'win32' and sys_platform == 'linux' \\\n    --hash=sha256:" + "2" * 64 + "\n",
        encoding="utf-8",
    )
    found = lockcheck.differences(lock)
    assert len(found) == 2
    assert found[0].startswith("not-a-package-here: locked 1.0, not installed")
    assert found[1].startswith("pytest: locked 0.0.1, installed ")
