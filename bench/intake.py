"""Bureau intake (collect + workbook) vs bare pyHanko validation of the same files.

Two corpora, made by `bench.fixtures` (real signed reports through the app's own code, each school its own key
and certificate, a trust folder) and kept under the temp folder while every file still verifies:

* 500 reports: 50 schools × 10 periods (``selfcheck-bench-intake-50x10``);
* 5,000 reports: 2,500 schools × 2 periods (``selfcheck-bench-intake-2500x2``; some 15 minutes to make on 2 cores:
  ``python -m bench.fixtures intake DIR --schools 2500 --periods 2`` beforehand, or it is made here). When it is
  not complete, the schools done so far are measured and the entries say how many reports (``reports``).

Measured in the same run, files in the page cache for all:
  * ``intake_500``: ``collect(stick, trust folder)`` + ``summary_xlsx.build`` as the CLI runs it (worker processes
    on a machine with several CPUs; their start-up included), in this process;
  * ``intake_500_serial``: the same with ``workers=1`` (everything in this process);
  * floor of both: for each file, read it, ``PdfFileReader``, and ``validate_pdf_signature`` on its embedded
    signature with a ValidationContext whose trust root is the signer's certificate (as verify does; without one
    pyHanko logs a traceback per self-signed file, which would flatter us), in this process;
  * ``intake_5000_per_report``: ms per report of the whole intake (walk, read, hash, verify in the workers, sort
    out, workbook written), run as the CLI runs it in a fresh process of its own; floor: the bare validation
    loop above over the same files in a fresh process, divided by the number of worker processes the intake used;
  * ``intake_5000_peak_mb``: that intake process's own peak resident memory (VmHWM, read by itself from
    /proc/self/status at the end); floor: the bare loop's process's own VmHWM. The largest worker's peak (its
    ru_maxrss, reaped by the intake process) is given beside it as ``worker_peak_mb``.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import fixtures

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = Path(tempfile.gettempdir()) / "selfcheck-bench-intake-50x10"
BIG = Path(tempfile.gettempdir()) / "selfcheck-bench-intake-2500x2"
BIG_SCHOOLS = 2500


def corpus() -> tuple[Path, Path]:
    """(stick folder, trust folder) of the 500 reports, made once and reused."""
    return fixtures.intake_corpus(CACHE, 50, 10)


def _bare(files: list[Path]) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    for path in files:
        signature = PdfFileReader(io.BytesIO(path.read_bytes())).embedded_signatures[0]
        vc = ValidationContext(trust_roots=[signature.signer_cert], allow_fetching=False, revocation_mode="soft-fail")
        status = validate_pdf_signature(signature, signer_validation_context=vc)
        assert status.intact and status.valid


def bench_intake(results: dict[str, dict[str, Any]], work: Path) -> None:
    from selfcheck.exchange import summary_xlsx
    from selfcheck.exchange.collect import collect

    stick, trust = corpus()
    files = sorted(stick.rglob("*.pdf"))

    def ours(workers: int | None) -> float:
        start = time.perf_counter()
        intake = collect([stick], trust, workers=workers)
        (work / "summary.xlsx").write_bytes(summary_xlsx.build(intake))
        took = time.perf_counter() - start
        if len(intake.current) != len(files) or intake.rejected:
            raise SystemExit(f"intake corpus under {CACHE} no longer verifies: delete it and run again")
        return took

    _bare(files[:5])  # imports and caches warm for everyone
    ours(1)
    floor = min(_timed(lambda: _bare(files)) for _ in range(2))
    pooled = min(ours(None) for _ in range(2))
    serial = min(ours(1) for _ in range(2))
    results["intake_500"] = entry(pooled, "s", floor)
    results["intake_500_serial"] = entry(serial, "s", floor)
    bench_intake_desk(results, work, stick, trust, files, floor)
    bench_intake_5000(results, work)


def bench_intake_desk(
    results: dict[str, dict[str, Any]], work: Path, stick: Path, trust: Path, files: list[Path], floor: float
) -> None:
    """``intake_500_desk_per_report``: `bureau collect --trust --out` as the CLI runs it now: verify in the worker
    processes, file each trusted report into a fresh desk database as it comes, the round's status and the workbook
    with the roster sheets; ms per report vs bare validation per report divided by the workers the intake used."""
    from selfcheck.exchange import summary_xlsx
    from selfcheck.exchange.desk_intake import collect_into_desk
    from selfcheck.exchange.desk_xlsx import roster_sheets
    from selfcheck.storage.desk import Desk

    def once(n: int) -> tuple[float, int]:
        folder = work / f"desk{n}"
        start = time.perf_counter()
        with Desk.open(folder) as desk:
            done = collect_into_desk(desk, [stick], trust)
            rounds = sorted({(r.period, r.checklist_id) for r in done.intake.current})
            statuses = [desk.round_status(p, c) for p, c in rounds]
        (work / "summary-desk.xlsx").write_bytes(summary_xlsx.build(done.intake, extra=roster_sheets(statuses)))
        took = time.perf_counter() - start
        if done.filing.filed != len(files):
            raise SystemExit(f"the desk filed {done.filing.filed} of {len(files)} reports")
        return took, done.intake.workers

    took, workers = min(once(n) for n in range(2))
    per_report = took / len(files) * 1000
    floor_per_report = floor / len(files) * 1000 / workers
    results["intake_500_desk_per_report"] = entry(per_report, "ms", floor_per_report) | {"workers": workers}


# ---- 5,000 reports, each side in a fresh process that reads its own peak ---------------------------------------

_OURS = """
import json, resource, sys, time
from pathlib import Path
start = time.perf_counter()
from selfcheck.exchange import summary_xlsx
from selfcheck.exchange.collect import collect
paths, trust, out = json.loads(sys.stdin.read())
intake = collect([Path(p) for p in paths], Path(trust))
summary_xlsx.write_summary(intake, out)
took = time.perf_counter() - start
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(json.dumps({"seconds": took, "hwm_kb": hwm, "workers": intake.workers, "current": len(intake.current),
                  "rejected": len(intake.rejected), "schools": intake.schools,
                  "worker_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""

_FLOOR = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from bench.intake import _bare
files = [Path(p) for p in json.loads(sys.stdin.read())]
_bare(files[:5])
start = time.perf_counter()
_bare(files)
took = time.perf_counter() - start
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(json.dumps({"seconds": took, "hwm_kb": hwm}))
"""


def _child(code: str, given: str, *args: str) -> dict[str, Any]:
    """Run `code` in a fresh Python, `given` on its stdin; its last line of output, as JSON."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-c", code, *args]
    done = subprocess.run(command, input=given, capture_output=True, text=True, env=env, check=False)
    if done.returncode:
        raise SystemExit(f"benchmark process failed:\n{done.stderr[-3000:]}")
    out: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return out


def bench_intake_5000(results: dict[str, dict[str, Any]], work: Path) -> None:
    if os.environ.get("SELFCHECK_BENCH_BUILD", "1") != "0":
        fixtures.intake_corpus(BIG, BIG_SCHOOLS, 2)
    done = sorted(p.stem for p in (BIG / "trust").glob("*.pem"))
    codes = {fixtures.school_code(k): k for k in range(BIG_SCHOOLS)}
    folders = [BIG / "stick" / fixtures.school_folder(codes[c]) for c in done if c in codes]
    if not folders:
        raise SystemExit(f"no intake corpus under {BIG}: python -m bench.fixtures intake {BIG} --schools 2500 --periods 2")
    paths = [BIG / "stick"] if len(folders) == BIG_SCHOOLS else folders
    files = sorted(str(f) for folder in folders for f in folder.glob("*.pdf"))
    ours = _child(_OURS, json.dumps([[str(p) for p in paths], str(BIG / "trust"), str(work / "summary-5000.xlsx")]))
    if ours["current"] != len(files) or ours["rejected"]:
        raise SystemExit(f"the corpus under {BIG} no longer verifies ({ours}): delete it and run again")
    floor = _child(_FLOOR, json.dumps(files), str(ROOT))  # the paths on stdin: 5,000 are too long for argv
    n = len(files)
    per_report = ours["seconds"] * 1e3 / n
    floor_per_report = floor["seconds"] * 1e3 / n / ours["workers"]
    results["intake_5000_per_report"] = entry(per_report, "ms", floor_per_report) | {
        "reports": n,
        "schools": ours["schools"],
        "workers": ours["workers"],
        "reports_per_minute": round(60_000 / per_report),
    }
    results["intake_5000_peak_mb"] = entry(ours["hwm_kb"] / 1024, "MB", floor["hwm_kb"] / 1024) | {
        "reports": n,
        "worker_peak_mb": round(ours["worker_kb"] / 1024, 1),
    }


# ---- 10,000 reports into the bureau's desk, as `bureau collect --trust` runs it --------------------------------------

HUGE = Path(tempfile.gettempdir()) / "selfcheck-bench-intake-5000x2"
HUGE_SCHOOLS = 5000  # × 2 periods: 10,000 reports (some 30 minutes to make on 2 cores; measured on what is done)
FLOOR_SAMPLE = 1000  # files the bare validation loop runs over: its per-report figure is the floor

_DESK = """
import json, resource, sys, time
from pathlib import Path
start = time.perf_counter()
from selfcheck.exchange import summary_xlsx
from selfcheck.exchange.desk_intake import collect_into_desk
from selfcheck.exchange.desk_xlsx import roster_sheets
from selfcheck.storage.desk import Desk
paths, trust, data, out = json.loads(sys.stdin.read())
with Desk.open(Path(data)) as desk:
    done = collect_into_desk(desk, [Path(p) for p in paths], Path(trust))
    rounds = sorted({(r.period, r.checklist_id) for r in done.intake.current})
    statuses = [desk.round_status(p, c) for p, c in rounds]
summary_xlsx.write_summary(done.intake, out, extra=roster_sheets(statuses))
took = time.perf_counter() - start
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(json.dumps({"seconds": took, "hwm_kb": hwm, "workers": done.intake.workers, "filed": done.filing.filed,
                  "rejected": len(done.intake.rejected), "schools": done.intake.schools,
                  "worker_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def bench_intake_10000(results: dict[str, dict[str, Any]], work: Path) -> None:
    """``intake_10000_*``: 10,000 reports (5,000 schools × 2 periods) through `bureau collect --trust --out` in a fresh
    process: verified in the worker processes, each filed into a fresh desk database as it comes, the rounds' status
    and the workbook with the roster sheets. When the corpus is not complete (``SELFCHECK_BENCH_BUILD=0``, or its
    making stopped), the schools done are measured and the entries say how many reports, with the total for 10,000
    extrapolated from the per-report figure (``total_10000_s_extrapolated``). Floors: bare pyHanko validation per
    report over a sample of ``FLOOR_SAMPLE`` files divided by the intake's workers; the bare loop's own peak."""
    if os.environ.get("SELFCHECK_BENCH_BUILD", "1") != "0":
        fixtures.intake_corpus(HUGE, HUGE_SCHOOLS, 2)
    done = sorted(p.stem for p in (HUGE / "trust").glob("*.pem"))
    codes = {fixtures.school_code(k): k for k in range(HUGE_SCHOOLS)}
    folders = [HUGE / "stick" / fixtures.school_folder(codes[c]) for c in done if c in codes]
    if not folders:
        raise SystemExit(f"no corpus under {HUGE}: python -m bench.fixtures intake {HUGE} --schools 5000 --periods 2")
    paths = [HUGE / "stick"] if len(folders) == HUGE_SCHOOLS else folders
    files = sorted(str(f) for folder in folders for f in folder.glob("*.pdf"))
    given = [[str(p) for p in paths], str(HUGE / "trust"), str(work / "desk-10000"), str(work / "summary-10000.xlsx")]
    ours = _child(_DESK, json.dumps(given))
    if ours["filed"] != len(files) or ours["rejected"]:
        raise SystemExit(f"the corpus under {HUGE} no longer verifies ({ours}): delete it and run again")
    sample = files[:: max(1, len(files) // FLOOR_SAMPLE)][:FLOOR_SAMPLE]
    floor = _child(_FLOOR, json.dumps(sample), str(ROOT))
    n = len(files)
    per_report = ours["seconds"] * 1e3 / n
    floor_per_report = floor["seconds"] * 1e3 / len(sample) / ours["workers"]
    size = {"reports": n, "schools": ours["schools"], "workers": ours["workers"]}
    results["intake_10000_per_report"] = entry(per_report, "ms", floor_per_report) | size
    results["intake_10000_total_s"] = (
        entry(ours["seconds"], "s", floor_per_report * n / 1e3)
        | size
        | {
            "total_10000_s_extrapolated": round(per_report * 10_000 / 1e3, 1),
        }
    )
    results["intake_10000_peak_mb"] = (
        entry(ours["hwm_kb"] / 1024, "MB", floor["hwm_kb"] / 1024)
        | size
        | {
            "worker_peak_mb": round(ours["worker_kb"] / 1024, 1),
        }
    )


def entry(value: float, unit: str, floor: float) -> dict[str, Any]:
    """The shape bench/__main__.py writes (not imported from there: `python -m bench` runs it as __main__)."""
    return {"value": round(value, 6), "unit": unit, "floor": round(floor, 6), "ratio": round(value / floor, 3)}


def _timed(fn: Any) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start
