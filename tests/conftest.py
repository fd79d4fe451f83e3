"""Shared fixtures: a fresh database file per test, the built-in checklists, the small test checklist."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from selfcheck.core.template import Template
from selfcheck.core.template_file import read_template
from selfcheck.storage import Store

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
CHECKLISTS = sorted((ROOT / "checklists").glob("*.yaml"))


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
def mini() -> Template:
    return read_template(DATA / "mini.yaml")


@pytest.fixture
def mini_store(store: Store, mini: Template) -> Store:
    store.install_template(mini, "test")
    store.set_school("城关第一小学", "3412345678", "张明")
    return store
