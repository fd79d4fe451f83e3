"""What the app loads before its window is painted: only what the window needs. The heavy libraries wait until
they are used (pydantic for reading a checklist file, sqlite-utils for the first write, reportlab and pyHanko for
a report), which is most of what keeps the cold start near a bare Qt window's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from selfcheck.storage import Store

CHILD = """
import builtins, sys
seen = {}
real_print = builtins.print
def spy(*args, **kwargs):
    if args and str(args[0]).startswith("painted"):
        seen["painted"] = set(sys.modules)
    real_print(*args, **kwargs)
builtins.print = spy
from selfcheck.gui.app import main
code = main(sys.argv[1:])
heavy = ("pydantic", "sqlite_utils", "reportlab", "pyhanko", "yaml", "openpyxl", "cryptography", "click")
# nor what the start does not use: the rules of the later tabs (the store imports them where used), the folder lookup
# (the folder is given), the backup and key dialogs' code
heavy += ("selfcheck.core.clues", "selfcheck.core.tasks", "selfcheck.core.cadence", "selfcheck.core.review")
heavy += ("platformdirs", "selfcheck.gui.school_data")
real_print("before:", " ".join(sorted(m for m in heavy if m in seen["painted"])))
real_print("after:", " ".join(sorted(m for m in heavy if m in sys.modules)))
sys.exit(code)
"""


def test_the_window_paints_before_the_heavy_libraries_load(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Store.open(folder) as store:
        store.set_school("城关第一小学", "3412345678", "张明")
        inspection = store.new_inspection("wuchawukan", "2026年秋季学期")
        store.save_answer(inspection.id, "s1.study-weekly", "yes")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    out = subprocess.run(
        [sys.executable, "-c", CHILD, "--data-dir", str(folder), "--open", str(inspection.id), "--smoke-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    lines = dict(line.split(":", 1) for line in out.splitlines() if line.startswith(("before:", "after:")))
    assert lines["before"].split() == []  # the window was painted with none of them
    assert "sqlite_utils" in lines["after"].split()  # loaded once the window was up, ready for the first save
    assert list((folder / "backups").glob("selfcheck-*-start.db"))  # the start backup, made after the paint
