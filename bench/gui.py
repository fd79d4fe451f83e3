"""The desktop app's figures: cold start to a shown main window with a 500-item inspection open, vs a bare
PySide6 window with a tree view; a key press to the answer saved and repainted (p99); peak memory."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

FLOOR_SCRIPT = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTreeView
app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QTreeView())
window.show()
def painted_then_quit():
    window.repaint()
    print(f"painted {time.time():.6f}", flush=True)
    app.quit()
QTimer.singleShot(0, painted_then_quit)
sys.exit(app.exec())
"""


# Peak memory is read by the child itself, from /proc/self/status (VmHWM) as it exits: os.wait4's ru_maxrss on
# Linux carries the parent's high-water mark across fork+exec, so it reported this bench's own ~190 MB for both.
PEAK_WRAPPER = """
import atexit, runpy, sys
def report():
    with open("/proc/self/status") as fh:
        kb = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM"))
    print(f"vmhwm {kb}", flush=True)
atexit.register(report)
if sys.argv[1] == "-c":
    code, sys.argv = sys.argv[2], ["-c", *sys.argv[3:]]
    exec(compile(code, "<floor>", "exec"), {"__name__": "__main__"})
else:
    sys.argv = sys.argv[1:]
    runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
"""


def _peak(cmd: list[str], env: dict[str, str]) -> int:
    """The child's own peak resident memory (bytes), measured as it exits."""
    wrapped = [cmd[0], "-c", PEAK_WRAPPER, *(cmd[2:] if cmd[1] == "-m" else cmd[1:])]
    proc = subprocess.run(wrapped, env=env, capture_output=True, text=True, check=False)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("vmhwm ")]
    if not lines:
        raise RuntimeError(f"{cmd} gave no peak memory: {proc.stderr[-2000:]}")
    return int(lines[-1].split()[1]) * 1024


def _env(work: Path) -> dict[str, str]:
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(work / "config"),  # QSettings of the run, not the user's
        "SELFCHECK_DATA_DIR": str(work / "gui-data"),
    }


def _run_timed(cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    """From spawning the process to its window painted (the child prints the moment), and wait4's ru_maxrss
    (not a true peak after fork+exec from this process: see PEAK_WRAPPER)."""
    started = time.time()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    painted = [line for line in out.splitlines() if line.startswith("painted ")]
    if proc.returncode != 0 or not painted:
        raise RuntimeError(f"{cmd} failed: {proc.stderr.read() if proc.stderr else ''}")
    return float(painted[0].split()[1]) - started, usage.ru_maxrss * 1024


def bench_gui(results: dict[str, dict[str, Any]], work: Path) -> None:
    from bench.__main__ import _big_inspection, entry, p99
    from selfcheck.storage import Store

    folder = work / "gui-data"
    with Store.open(folder) as store:
        inspection_id = _big_inspection(store, 500)
    env = _env(work)
    ours_cmd = [
        sys.executable,
        "-m",
        "selfcheck.gui.app",
        "--data-dir",
        str(folder),
        "--open",
        str(inspection_id),
        "--smoke-test",
    ]
    floor_cmd = [sys.executable, "-c", FLOOR_SCRIPT]
    _run_timed(ours_cmd, env)  # warm the OS file cache for both, as a second start on the same PC would be
    _run_timed(floor_cmd, env)
    ours: list[float] = []
    floor: list[float] = []
    for _ in range(7):  # interleaved, so machine noise falls on both alike
        ours.append(_run_timed(ours_cmd, env)[0])
        floor.append(_run_timed(floor_cmd, env)[0])
    results["gui_cold_start_500"] = entry(statistics.median(ours) * 1e3, "ms", statistics.median(floor) * 1e3)
    peak = max(_peak(ours_cmd, env) for _ in range(2))
    floor_rss = max(_peak(floor_cmd, env) for _ in range(2))
    results["gui_peak_memory_500"] = entry(peak / 2**20, "MB", floor_rss / 2**20)
    results["gui_keypress_p99"] = _keypress(folder, inspection_id, p99, entry)


def _keypress(folder: Path, inspection_id: int, p99: Any, entry: Any) -> dict[str, Any]:
    """In one process: press 1-4 on 500 items in turn; each sample is the key press handled (saved, fsynced)
    plus the events it posted processed, the repaints of what changed included. The floor: the same key press,
    a row's text set and its repaint on a bare tree."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QTreeWidget, QTreeWidgetItem

    from selfcheck.gui.app import make_application
    from selfcheck.gui.main_window import MainWindow
    from selfcheck.storage import Store

    app = make_application()
    store = Store.open(folder, install_builtins=False)
    window = MainWindow(store)
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    while not window.isActiveWindow():
        app.processEvents()
    page = window.open_inspection(inspection_id)
    filling = page.filling
    app.processEvents()
    samples: list[float] = []
    for n, e in enumerate(filling.entries):
        filling.select(e.id)
        filling.tree.setFocus()
        app.processEvents()
        started = time.perf_counter()
        QTest.keyClick(filling.tree, Qt.Key(Qt.Key.Key_1 + n % 4))
        app.processEvents()  # the repaints the key press asked for: what changed, as on a real screen
        samples.append(time.perf_counter() - started)
    answered = store.answers(inspection_id)
    assert all(e.id in answered for e in filling.entries)

    bare = QTreeWidget()
    bare.setColumnCount(2)
    nodes = [QTreeWidgetItem(bare, [f"item {i}", ""]) for i in range(500)]
    bare.resize(600, 800)
    bare.show()
    app.processEvents()
    floor: list[float] = []
    for i, node in enumerate(nodes):
        bare.setCurrentItem(node)
        app.processEvents()
        started = time.perf_counter()
        QTest.keyClick(bare, Qt.Key.Key_1)
        node.setText(1, str(i))
        app.processEvents()
        floor.append(time.perf_counter() - started)
    window.close()
    store.close()
    QApplication.processEvents()
    return entry(p99(samples) * 1e3, "ms", p99(floor) * 1e3)  # type: ignore[no-any-return]
