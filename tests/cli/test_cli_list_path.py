"""`selfcheck checklist list` reads the installed checklists straight from the database file when opening the store
would change nothing, so it loads none of the heavy libraries, nor the store's other parts and the checklist model;
when the store must open first (a new folder, changed shipped checklists) it opens, and the list is the same."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from selfcheck.storage import Store
from selfcheck.storage.checklists import installed
from tests.cli.helpers import CHECKLISTS, DATA, ROOT

# Runs the command in a fresh interpreter, then names every module it loaded (last line of stderr).
CHILD = """
import sys
from selfcheck.cli.main import main
code = main(sys.argv[1:])
print("loaded:", " ".join(sorted(sys.modules)), file=sys.stderr)
sys.exit(code)
"""

HEAVY = ("pydantic", "PySide6", "shiboken6", "reportlab", "pyhanko", "openpyxl", "yaml", "sqlite_utils", "cryptography")
# what listing does without: the rest of the store, the checklist model, the records and the rules
NOT_FOR_A_LIST = ("selfcheck.storage.store", "selfcheck.core.checklist", "selfcheck.core.records", "selfcheck.core.desk")


def _run(folder: Path, *args: str) -> tuple[str, set[str]]:
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, "--data-dir", str(folder), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    loaded = proc.stderr.strip().splitlines()[-1].removeprefix("loaded: ").split()
    return proc.stdout, set(loaded)


def test_checklist_list_loads_only_what_it_reads(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    Store.open(folder).close()  # the shipped checklists installed, as after the first start
    out, loaded = _run(folder, "checklist", "list")
    assert sorted(line.split("\t")[0] for line in out.splitlines()) == sorted(p.stem for p in CHECKLISTS)
    assert all("\t内置" in line for line in out.splitlines())
    assert [m for m in loaded if m.split(".")[0] in HEAVY] == []
    assert [m for m in NOT_FOR_A_LIST if m in loaded] == []
    # guard the guard: a command that opens the store is seen loading it
    _, loaded = _run(folder, "checklist", "show", "wuchawukan")
    assert "selfcheck.storage.store" in loaded


def test_the_list_read_from_the_file_is_the_stores(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Store.open(folder) as store:
        from selfcheck.core.checklist_file import read_checklist

        store.import_checklist(read_checklist(DATA / "mini.yaml"), key_fingerprint=None, file="mini.yaml")
        expected = (store.checklists(), store.provenances())
    infos, origins = installed(folder)
    assert (infos, origins) == expected
    assert origins[("mini", infos[[i.template_id for i in infos].index("mini")].version)].kind == "unsigned"


def test_a_new_folder_or_changed_shipped_checklists_open_the_store_first(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    infos, _ = installed(folder)  # no database yet: the store makes it and installs the shipped checklists
    assert sorted(i.template_id for i in infos) == sorted(p.stem for p in CHECKLISTS)
    with Store.open(folder, install_builtins=False) as store:
        store.conn.execute("UPDATE builtin_files SET sha256 = 'stale' WHERE name = ?", [CHECKLISTS[0].name])
    installed(folder)  # a shipped file changed since it was installed: the store opens and installs it again
    with Store.open(folder, install_builtins=False) as store:
        row = store.conn.execute("SELECT sha256 FROM builtin_files WHERE name = ?", [CHECKLISTS[0].name]).fetchone()
    assert row[0] != "stale"
