"""Shared fixtures: a fresh database file per test, the built-in checklists, the small test checklist."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from selfcheck.core import clock
from selfcheck.core.checklist import Checklist
from selfcheck.core.checklist_file import read_checklist
from selfcheck.storage import Store

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
CHECKLISTS = sorted((ROOT / "checklists").glob("*.yaml"))


# "Today" in every test, whatever the system clock says (the suite passes with it years ahead: see the README).
# Child processes get the same moment through SELFCHECK_CLOCK. Certificates made under this clock are valid from
# it for years, and signatures are made and verified at it, so none expires inside the suite.
NOW = dt.datetime(2026, 11, 20, 10, 0)  # local time
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[clock.FixedClock]:
    fixed = clock.FixedClock(NOW)
    previous = clock.use(fixed)
    monkeypatch.setenv(clock.ENV, NOW.isoformat())
    yield fixed
    clock.use(previous)


@pytest.fixture
def set_today(monkeypatch: pytest.MonkeyPatch) -> Callable[[dt.date], None]:
    """Move the clock to another day (10:00 local), here and in child processes."""

    def move(day: dt.date) -> None:
        moment = dt.datetime.combine(day, dt.time(10, 0))
        clock.use(clock.FixedClock(moment))
        monkeypatch.setenv(clock.ENV, moment.isoformat())

    return move


@pytest.fixture(autouse=True)
def _no_user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may touch the real user data folder."""
    monkeypatch.setenv("SELFCHECK_DATA_DIR", str(tmp_path / "default-data"))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with Store.open(data_dir) as s:
        yield s


@pytest.fixture
def mini() -> Checklist:
    return read_checklist(DATA / "mini.yaml")


@pytest.fixture
def mini_store(store: Store, mini: Checklist) -> Store:
    store.install_checklist(mini, "test")
    store.set_school("城关第一小学", "3412345678", "张明")
    return store
