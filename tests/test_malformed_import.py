"""Every malformed checklist, imported through the CLI, is refused with located errors and changes nothing."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from selfcheck.cli.main import main
from tests.conftest import DATA

CORPUS = sorted((DATA / "malformed").glob("*"))
LOCATED = re.compile(r"^.+:\d+:\d+: .+: .+ / .+$")


def dump(db: Path) -> list[tuple[str, list[tuple[object, ...]]]]:
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return [(t, sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr)) for t in tables]
    finally:
        conn.close()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("data")
    assert main(["--data-dir", str(folder), "school", "set", "--name", "城关一小", "--code", "1", "--principal", "张明"]) == 0
    assert main(["--data-dir", str(folder), "template", "import", "--allow-unsigned", str(DATA / "mini.yaml")]) == 0
    assert main(["--data-dir", str(folder), "inspection", "new", "--template", "mini", "--period", "2026年秋季学期"]) == 0
    return folder


def test_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 30


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_import_refused_and_database_unchanged(path: Path, seeded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = dump(seeded / "selfcheck.db")
    capsys.readouterr()
    assert main(["--data-dir", str(seeded), "template", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines, "no error message"
    for line in lines:
        assert line.startswith(str(path)) and LOCATED.match(line), line
    assert dump(seeded / "selfcheck.db") == before
