"""The CLI's start: `selfcheck checklist list` (the command `template list` of old) as a whole process, beside
`python -c pass` on the same interpreter.

Both run with the bytecode compiled (bench/__main__.py compiles it first, as an installed program has it).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _wall(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def bench_cli(results: dict[str, dict[str, Any]], work: Path) -> None:
    from bench.__main__ import entry
    from selfcheck.storage import Store

    folder = work / "cli-data"
    Store.open(folder).close()  # the built-in checklists installed, as after the first start
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    ours = [sys.executable, "-m", "selfcheck", "--data-dir", str(folder), "checklist", "list"]
    floor = [sys.executable, "-c", "pass"]
    _wall(ours, env), _wall(floor, env)  # the OS file cache warm for both
    ours_t: list[float] = []
    floor_t: list[float] = []
    for _ in range(15):  # interleaved, so machine noise falls on both alike
        ours_t.append(_wall(ours, env))
        floor_t.append(_wall(floor, env))
    results["cli_template_list_start"] = entry(statistics.median(ours_t) * 1e3, "ms", statistics.median(floor_t) * 1e3)
