"""Hostile files refused within budget: the issue's target is "the worst hostile 50 MB file refused in under 2 s
with peak memory under 300 MB".

Each file is written to disk first; then a fresh Python process (exec'd, so its memory high-water mark is its own,
not inherited from this one) runs `selfcheck report verify FILE` the way a clerk would, and reports its own time
and VmHWM from /proc/self/status. The floor is the same file given to bare pyHanko in a fresh process
(PdfFileReader, then its embedded signatures: the first thing any PDF-signature check does), stopped at 30 s.

Files (tests/security/hostile.py builds them): at 50 MB and just under the report cap (16 MB), a catalog whose form
fields are one array of numbers, a catalog with a dictionary of a million keys, an xref table of hundreds of
thousands of objects, and a page with a huge content stream.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MB = 1024 * 1024

OURS = """
import json, sys, time
t = time.perf_counter()
from selfcheck.cli.main import main
import contextlib, io
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    code = main(["report", "verify", sys.argv[1]])
elapsed = time.perf_counter() - t
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(json.dumps({"seconds": elapsed, "peak_mb": hwm / 1024, "exit": code}))
"""

BARE = """
import json, sys, time, io, logging
logging.disable(logging.CRITICAL)
t = time.perf_counter()
from pyhanko.pdf_utils.reader import PdfFileReader
try:
    reader = PdfFileReader(io.BytesIO(open(sys.argv[1], "rb").read()), strict=True)
    list(reader.embedded_signatures)
except Exception:
    pass
elapsed = time.perf_counter() - t
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(json.dumps({"seconds": elapsed, "peak_mb": hwm / 1024}))
"""


def _run(script: str, path: Path, timeout: float) -> dict[str, Any]:
    """Run `script` on `path` in a fresh process; one that is still at it after `timeout` is read (its own VmHWM
    from /proc) and stopped, and counts as at least `timeout` seconds and that much memory."""
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(path)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT
    )
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        with open(f"/proc/{proc.pid}/status") as fh:
            kb = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM"))
        proc.kill()
        proc.communicate()
        return {"seconds": timeout, "peak_mb": kb / 1024, "timed_out": True}
    return dict(json.loads(out.strip().splitlines()[-1]))


def files(work: Path) -> dict[str, Path]:
    sys.path.insert(0, str(ROOT))
    from tests.security import hostile

    made = {}
    from selfcheck.core.stickfile import REPORT_CAP

    for label, size in (("50mb", 50 * MB), ("at_cap", REPORT_CAP - 64 * 1024)):
        for name, data in (
            (f"number_array_{label}", hostile.huge_number_array(size)),
            (f"dictionary_{label}", hostile.huge_dictionary(size)),
            (f"objects_{label}", hostile.many_objects(size // 46)),
            (f"content_stream_{label}", hostile.huge_content_stream(size)),
            (f"xref_stream_bomb_{label}", hostile.xref_stream_bomb(1024 * MB if label == "at_cap" else 50 * 1024 * MB)),
        ):
            assert label != "at_cap" or len(data) <= REPORT_CAP, (name, len(data))
            path = work / f"{name}.pdf"
            path.write_bytes(data)
            made[name] = path
    return made


def bench_hostile(results: dict[str, dict[str, Any]], work: Path) -> None:
    folder = work / "hostile"
    folder.mkdir(exist_ok=True)
    worst_time: dict[str, Any] = {"seconds": 0.0}
    worst_mem: dict[str, Any] = {"peak_mb": 0.0}
    for name, path in files(folder).items():
        ours = _run(OURS, path, 60)
        bare = _run(BARE, path, 30)
        assert ours.get("exit") == 1, f"{name}: not refused ({ours})"
        print(
            f"{name:<22} {path.stat().st_size / MB:5.1f} MB  ours {ours['seconds']:6.2f} s {ours['peak_mb']:6.0f} MB"
            f"  | bare pyHanko {'>' if bare.get('timed_out') else ' '}{bare['seconds']:6.2f} s "
            f"{'>' if bare.get('timed_out') else ' '}{bare['peak_mb']:6.0f} MB"
        )
        if ours["seconds"] > worst_time["seconds"]:
            worst_time = {**ours, "name": name, "bare": bare}
        if ours["peak_mb"] > worst_mem["peak_mb"]:
            worst_mem = {**ours, "name": name, "bare": bare}
    for key, worst, field, unit in (
        ("hostile_worst_seconds", worst_time, "seconds", "s"),
        ("hostile_worst_peak_mb", worst_mem, "peak_mb", "MB"),
    ):
        results[key] = {
            "value": round(worst[field], 3),
            "unit": unit,
            "floor": round(worst["bare"][field], 3),
            "ratio": round(worst[field] / worst["bare"][field], 3),
            "file": worst["name"],
            "floor_timed_out": bool(worst["bare"].get("timed_out")),
        }
