"""Ten years of a school on one PC: the home screen and the ledger with 300 inspections and 5,000 problems.

The folder is built through the store's public API (`bench/school.py`: 10 years × 30 inspections, about 5,000
problems). Each figure is measured in a child process of its own (a fresh interpreter, nothing shared with the
bench) beside its floor: the same screen's work done by bare Qt in the same child, right after:

* ``scale_home_paint_300``: the home screen filled and painted from the store (the cached figures warm, as on
  any start but the first after a change) vs a bare QTableView over a QStandardItemModel of the same 300 × 7
  texts, painted;
* ``scale_ledger_open_5000``: the ledger tab built, filled from the store and painted vs a bare QTableView over
  a QSortFilterProxyModel over a QStandardItemModel of 5,000 × 10 texts, sorted by one column, painted;
* ``scale_ledger_filter_5000``: the worst of a status filter, an owner filter, a search keystroke and clearing
  it, each applied and painted, vs the bare proxy's fixed-string filter on one column applied and painted;
* ``scale_problem_status_5000``: one problem's status moved in the ledger (saved, audited, the row repainted)
  vs a bare setData on one cell, repainted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

CHILD = r"""
import json, os, statistics, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView
from selfcheck.core import clock
from selfcheck.core.ledger import MOVES, Status
from selfcheck.gui.app import make_application
from selfcheck.gui.main_window import MainWindow
from selfcheck.storage import Store

app = make_application()
folder = sys.argv[1]

def settle():
    for _ in range(3):
        app.processEvents()

def ms(fn, repeat=5):
    out = []
    for _ in range(repeat):
        t = time.perf_counter(); fn(); settle(); out.append((time.perf_counter() - t) * 1e3)
    return statistics.median(out)

store = Store.open(folder)
store.enable_undo()
store.summaries()  # the cache as any start after the first finds it
window = MainWindow(store)
window.resize(1366, 768)
window.show()
settle()
home = window.home
window.tabs.setCurrentIndex(0)
settle()
result = {}
result["home"] = ms(lambda: (home.refresh(), home.repaint()))

def bare_table(rows, cols, proxy=False):
    model = QStandardItemModel(rows, cols)
    for r in range(rows):
        for c in range(cols):
            model.setItem(r, c, QStandardItem(f"第 {r} 行 第 {c} 列 文本"))
    view = QTableView()
    shown = model
    if proxy:
        shown = QSortFilterProxyModel()
        shown.setSourceModel(model)
        view.setSortingEnabled(True)
    view.setModel(shown)
    view.resize(1300, 600)
    view.show()
    if proxy:
        view.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    view.repaint()
    return view, model, shown

floor_views = []
result["home_floor"] = ms(lambda: floor_views.append(bare_table(300, 7)))

def open_ledger():  # the tab built the first time; after that, filled again from the store and painted
    page = window.page("LedgerPage")
    window.tabs.setCurrentWidget(page)
    page.refresh()
    page.repaint()
    return page

ledger = open_ledger()
result["ledger_open"] = ms(open_ledger)
result["ledger_open_floor"] = ms(lambda: floor_views.append(bare_table(5000, 10, proxy=True)))

def worst_filter():
    times = []
    for apply in (
        lambda: ledger.status_filter.setCurrentIndex(ledger.status_filter.count() - 1),
        lambda: ledger.status_filter.setCurrentIndex(0),
        lambda: ledger.owner_filter.setCurrentIndex(2),
        lambda: ledger.owner_filter.setCurrentIndex(0),
        lambda: ledger.search.insert("台"),
        lambda: ledger.search.insert("账"),
        lambda: ledger.search.clear(),
    ):
        t = time.perf_counter(); apply(); settle(); ledger.table.repaint(); times.append((time.perf_counter() - t) * 1e3)
    return max(times)

result["ledger_filter"] = statistics.median(worst_filter() for _ in range(3))
_, fmodel, fproxy = floor_views[-1]

def bare_filter():
    times = []
    for text in ("第 1", "第 12", "", "列 3", ""):
        t = time.perf_counter(); fproxy.setFilterFixedString(text); settle(); floor_views[-1][0].repaint()
        times.append((time.perf_counter() - t) * 1e3)
    return max(times)

result["ledger_filter_floor"] = statistics.median(bare_filter() for _ in range(3))

ledger.status_filter.setCurrentIndex(0)  # every problem not yet closed: each can move
settle()
def move_one():
    ledger.table.selectRow(0)
    p = ledger.selected_problem()
    target = sorted(MOVES[p.status], key=lambda s: s.value)[0]
    t = time.perf_counter()
    ledger.move_selected(target)
    settle(); ledger.table.repaint()
    took = (time.perf_counter() - t) * 1e3
    assert store.problem(p.id).status == target, "the move did not happen"
    return took
moves = [move_one() for _ in range(7)]
result["status"] = statistics.median(moves)
n = [0]
def bare_set():
    n[0] += 1
    fmodel.setData(fmodel.index(0, 2), f"状态 {n[0]}")
    floor_views[-1][0].repaint()
result["status_floor"] = ms(bare_set, repeat=7)
result["problems"] = len(store.problems())
result["inspections"] = len(store.inspections())
print("RESULT " + json.dumps(result), flush=True)
"""


def bench_scale(results: dict[str, dict[str, Any]], work: Path) -> None:
    from bench.__main__ import entry
    from bench.school import build

    folder = work / "school-10y"
    if not (folder / "selfcheck.db").exists():
        counts = build(folder)
        print(f"school folder: {counts}", file=sys.stderr)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(work / "config")}
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder)], env=env, capture_output=True, text=True, check=False, timeout=900
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith("RESULT ")]
    if not lines:
        raise RuntimeError(f"the scale child failed: {out.stderr[-3000:]}")
    r = json.loads(lines[-1][len("RESULT ") :])
    extra = {"inspections": r["inspections"], "problems": r["problems"]}
    results["scale_home_paint_300"] = {**entry(r["home"], "ms", r["home_floor"]), **extra}
    results["scale_ledger_open_5000"] = {**entry(r["ledger_open"], "ms", r["ledger_open_floor"]), **extra}
    results["scale_ledger_filter_5000"] = {**entry(r["ledger_filter"], "ms", r["ledger_filter_floor"]), **extra}
    results["scale_problem_status_5000"] = {**entry(r["status"], "ms", r["status_floor"]), **extra}
