"""A long session must not wear out Python's shared objects. PySide6 6.12.0 released a reference to None on every
processEvents() and to False in slot calls it never took: on Python 3.11, where None and False still count their
references, the app aborted ("Fatal Python error: none_dealloc") after a few hundred answers. pyproject.toml keeps
that version out; this test catches any Qt binding that does it again."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from selfcheck.storage import Store

CHILD = """
import sys
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
import selfcheck.gui.app as app_module

counts = {}

def refs():
    return {"None": sys.getrefcount(None), "True": sys.getrefcount(True), "False": sys.getrefcount(False)}

def drive():
    window = next(w for w in QApplication.topLevelWidgets() if w.__class__.__name__ == "MainWindow")
    filling = window.inspection_page.filling
    app = QApplication.instance()
    counts["before"] = refs()
    for n in range(3):
        for entry in filling.entries:
            filling.select(entry.id)
            QTest.keyClick(filling.tree, Qt.Key.Key_1 if n != 1 else Qt.Key.Key_4)
            QTest.keyClick(filling.tree, Qt.Key.Key_Return)
            app.processEvents()
    for _ in range(500):
        app.processEvents()
    counts["after"] = refs()
    window.close()

application = app_module.make_application()
QTimer.singleShot(0, drive)
code = app_module.main(sys.argv[1:])
for name in ("None", "True", "False"):
    print(name, counts["after"][name] - counts["before"][name])
sys.exit(code)
"""


def test_a_long_session_keeps_none_true_and_false_alive(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Store.open(folder) as store:
        store.set_school("城关第一小学", "3412345678", "张明")
        inspection = store.new_inspection("wuchawukan", "2026年秋季学期")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, "--data-dir", str(folder), "--open", str(inspection.id)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Fatal Python error" not in done.stderr, done.stderr[-2000:]
    assert done.returncode == 0, done.stderr[-2000:]
    drift = dict(line.split() for line in done.stdout.splitlines() if line.split()[0] in ("None", "True", "False"))
    assert set(drift) == {"None", "True", "False"}
    # ~130 answers and ~900 event loop passes: a binding that drops one reference per call loses hundreds here.
    assert all(int(value) > -20 for value in drift.values()), drift
    with Store.open(folder) as store:
        assert len(store.answers(inspection.id)) >= 35  # the session's answers were saved as it went
